#!/usr/bin/env bats
# What every listing promises, end to end: lead data that would run as a
# spreadsheet formula or reach the terminal as an escape does neither,
# and a record is one line in TSV and JSON.

load helper

bats_require_minimum_version 1.5.0

# A lead whose fields a customer (or an attacker) typed.
nasty() {
	lead-add --first '=HYPERLINK("http://x.example","click")' \
	    --last '@SUM(A1:A9)' --company '+1 555' \
	    --comments "$(printf 'line one\tcol\nline two\\end')" \
	    --make "$(printf '\033]0;pwned\007\033[2J')" >/dev/null 2>&1
}

@test "CSV neutralises what a spreadsheet would run as a formula" {
	nasty
	run lead-status 1 --format csv
	assert_success
	# First line the header; the record after it, quoted as RFC 4180.
	run bash -c "lead-status 1 --format csv | tail -n +2 | tr -d '\r'"
	assert_output --partial "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\""
	assert_output --partial "'@SUM(A1:A9)"
	assert_output --partial "'+1 555"
}

@test "CSV ends records with CRLF and keeps numbers as numbers" {
	nasty
	lead-status 1 --format csv >out.csv
	run bash -c "head -n 1 out.csv | od -c | grep -c '\\\\r  \\\\n'"
	assert_output 1
	# The lead's id is a number: never neutralised.
	run bash -c "sed -n 2p out.csv | cut -c1-2"
	assert_output "1,"
}

@test "TSV keeps a record on one line, escaping tab, newline, backslash" {
	nasty
	run lead-status 1 --format tsv --no-header
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_output --partial 'line one\tcol\nline two\\end'
}

@test "TSV on a terminal runs no escape: ESC and BEL are written \\xNN" {
	nasty
	run lead-status 1 --format tsv --no-header
	assert_output --partial '\x1B]0;pwned\x07\x1B[2J'
	run bash -c "lead-status 1 --format tsv | LC_ALL=C grep -c \$'\\033'"
	assert_output 0
}

@test "JSON is one valid object a line, control characters escaped" {
	nasty
	lead-status 1 --format json >out.json
	run wc -l <out.json
	assert_output 1
	run sqlite3 :memory: "SELECT json_valid(readfile('out.json')),
	    json_extract(readfile('out.json'), '\$.comments')"
	assert_output "$(printf '1|line one\tcol\nline two\\end')"
	run grep -c $'\033' out.json
	assert_output 0
}

@test "a table on a terminal never sends the terminal a control byte" {
	nasty
	run script -qec "lead-status 1" /dev/null
	assert_success
	# Only the newlines script adds (CR LF) may be control bytes.
	run bash -c "script -qec 'lead-status 1' /dev/null | tr -d '\r\n' |
	    LC_ALL=C grep -c '[[:cntrl:]]'"
	assert_output 0
	run script -qec "lead-status 1" /dev/null
	assert_output --partial '\e]0;pwned\x07\e[2J'
}

@test "without --format a pipe gets TSV and a terminal a table" {
	nasty
	run bash -c "lead-status 1 --history | head -n 1"
	assert_output "$(printf 'lead_id\tat\tevent\tdetail\tdue_at\tnote\tactor\tbatch_id')"
	run script -qec "lead-status 1 --history" /dev/null
	assert_output --partial "lead_id  at "
}

#!/usr/bin/env bats
# lead-add: one lead from options, bulk from CSV.

bats_require_minimum_version 1.5.0
load helper

# fixture NAME...: copies of tests/fixtures/NAME here, so that messages
# name them as a user running lead-add beside the file would see.
fixture() {
	local f

	for f; do
		cp "$FIXTURES/$f" . || return 1
	done
}

# add ARGS...: run lead-add with stdout ($output) and stderr apart.
add() {
	run --separate-stderr lead-add "$@"
}

# assert_stderr LINE...: stderr is exactly these lines (none: empty).
assert_stderr() {
	local want=

	[ $# -eq 0 ] || want=$(printf '%s\n' "$@")
	assert_equal "$stderr" "$want"
}

# seed: a database holding one lead, remembered as $before, so that a
# refusal can be shown to leave it as it was.
seed() {
	lead-add --first Old --last Lead --email old@example.com >/dev/null
	before=$(dump)
}

assert_unchanged() {
	assert_equal "$(dump)" "$before"
}

# The usage text, as --help prints it first.
usage_text() {
	lead-add --help | sed '/^$/,$d'
}

# assert_usage LINE: a bad invocation: exit 64, LINE then the usage.
assert_usage() {
	assert_failure 64
	assert_equal "${stderr_lines[0]}" "$1"
	assert_equal "$(printf '%s\n' "${stderr_lines[@]:1}")" "$(usage_text)"
	assert_output ""
}

# big N: a CSV of N leads, made here rather than kept in the tree.
big() {
	awk -v n="$1" 'BEGIN {
		print "First Name,Last Name,Email,Phone,Date Received"
		for (i = 1; i <= n; i++)
			printf "F%d,L%d,u%d@example.com,(555) %03d-%04d," \
			    "2026-11-%02d 09:00:00\n", i, i, i, 200 + i % 800,
			    i % 10000, 1 + i % 28
	}'
}

# wal_over BYTES: wait (at most 30 s) until the database's WAL file is
# larger than BYTES: an import under way has written that much.
wal_over() {
	local i

	for ((i = 0; i < 600; i++)); do
		[ "$(stat -c %s "$LEAD_DB-wal" 2>/dev/null || echo 0)" -gt "$1" ] &&
		    return 0
		sleep 0.05
	done
	echo "the WAL never grew past $1 bytes" >&2
	return 1
}

# --- one lead from options -------------------------------------------

@test "lead-add adds one lead from options and prints its id" {
	add --first Ann --last Lee --email ann@example.com \
	    --phone "(555) 123-4567" --source AutoTrader --type used \
	    --make Chevrolet --model Malibu --year 2024
	assert_success
	assert_output 1
	assert_stderr
	run sql "SELECT first_name, last_name, email_norm, phone_e164, source, type, make, model, year, origin, received_at FROM leads"
	assert_output "Ann|Lee|ann@example.com|+15551234567|AutoTrader|used|Chevrolet|Malibu|2024|internet|2026-11-23T14:00:00Z"
}

@test "lead-add stores every field given as an option" {
	add --first Ann --middle Q --last Lee --company "Lee & Sons" \
	    --email Ann@Example.com --phone "555-123-4567 x9" \
	    --street "12 Elm St" --city Springfield --region IL \
	    --postal-code 62701 --country US --source AutoTrader \
	    --type used --origin phone --external-id AT-77 \
	    --received "2026-11-20T10:00:00-05:00" --year 2024 \
	    --make Chevrolet --model Malibu --trim LT --vin 1G1ZD5ST0LF000001 \
	    --stock C1234 --price 23995 --odometer 12000 --color Red \
	    --interest lease --trade-year 2015 --trade-make Honda \
	    --trade-model Civic --trade-vin 2HGFB2F50FH000001 \
	    --trade-odometer 98000 --comments "call after 5" \
	    --vendor "Springfield Chevrolet"
	assert_success
	assert_output 1
	run sql -line "SELECT first_name, middle_name, last_name, company, email, email_norm, phone, phone_e164, street, city, region, postal_code, country, source, type, origin, external_id, received_at, year, make, model, trim, vin, stock, price, odometer, color, interest, trade_year, trade_make, trade_model, trade_vin, trade_odometer, comments, vendor FROM leads"
	assert_output "    first_name = Ann
   middle_name = Q
     last_name = Lee
       company = Lee & Sons
         email = Ann@Example.com
    email_norm = ann@example.com
         phone = 555-123-4567 x9
    phone_e164 = +15551234567;ext=9
        street = 12 Elm St
          city = Springfield
        region = IL
   postal_code = 62701
       country = US
        source = AutoTrader
          type = used
        origin = phone
   external_id = AT-77
   received_at = 2026-11-20T15:00:00Z
          year = 2024
          make = Chevrolet
         model = Malibu
          trim = LT
           vin = 1G1ZD5ST0LF000001
         stock = C1234
         price = 23995
      odometer = 12000
         color = Red
      interest = lease
    trade_year = 2015
    trade_make = Honda
   trade_model = Civic
     trade_vin = 2HGFB2F50FH000001
trade_odometer = 98000
      comments = call after 5
        vendor = Springfield Chevrolet"
}

@test "lead-add records the command that added a lead as its batch" {
	add --first Ann --email ann@example.com
	assert_success
	run sql "SELECT b.program, b.args, b.at FROM leads l JOIN batches b ON b.id = l.batch_id"
	assert_output 'lead-add|["--first","Ann","--email","ann@example.com"]|2026-11-23T14:00:00Z'
}

@test "lead-add --name splits a full name into first and last" {
	add --name "Mary Ann van der Berg" --phone 555-123-4567
	assert_success
	run sql "SELECT first_name, last_name FROM leads"
	assert_output "Mary Ann|van der Berg"
}

@test "lead-add keeps a second --email and --phone as further contacts" {
	add --first Ann --email ann@example.com --phone 555-123-4567 \
	    --email ANN@work.example --phone "(555) 987-6543"
	assert_success
	run sql "SELECT email, phone FROM leads; SELECT kind, value, norm FROM lead_contacts ORDER BY id"
	assert_output "ann@example.com|555-123-4567
email|ANN@work.example|ann@work.example
phone|(555) 987-6543|+15559876543"
}

@test "lead-add keeps an unusable e-mail and phone as written, flagged, with a warning" {
	add --first Bob --email "bob at example" --phone 12
	assert_success
	assert_output 1
	assert_stderr \
	    'lead-add: email: not an e-mail address (kept as written): "bob at example"' \
	    'lead-add: phone: not a phone number (kept as written): "12"'
	run sql "SELECT email, quote(email_norm), phone, quote(phone_e164) FROM leads"
	assert_output "bob at example|NULL|12|NULL"
}

@test "lead-add --strict refuses a lead with an unusable e-mail" {
	seed
	add --first Bob --email "bob at example" --strict
	assert_failure 65
	assert_output ""
	assert_stderr 'lead-add: email: not an e-mail address: "bob at example"'
	assert_unchanged
}

@test "lead-add --strict refuses a lead with an unusable phone" {
	seed
	add --first Bob --phone 555-0101 --strict
	assert_failure 65
	assert_output ""
	assert_stderr 'lead-add: phone: not a phone number: "555-0101"'
	assert_unchanged
}

@test "lead-add --received reads the forms dumps and people write" {
	local when

	for when in "2026-11-20T10:00:00-05:00" "11/20/2026 10:00 AM" \
	    "2026-11-20 10:00:00" "20 Nov, 2026 10:00:00" \
	    "2026-11-20T23:00:00+0800" "-2h" "yesterday 10:00" \
	    "2026-11-20" "24/12/2025"; do
		lead-add --first "$when" --received "$when" >/dev/null
	done
	run sql "SELECT first_name, received_at FROM leads ORDER BY id"
	assert_output "2026-11-20T10:00:00-05:00|2026-11-20T15:00:00Z
11/20/2026 10:00 AM|2026-11-20T15:00:00Z
2026-11-20 10:00:00|2026-11-20T15:00:00Z
20 Nov, 2026 10:00:00|2026-11-20T15:00:00Z
2026-11-20T23:00:00+0800|2026-11-20T15:00:00Z
-2h|2026-11-23T12:00:00Z
yesterday 10:00|2026-11-22T15:00:00Z
2026-11-20|2026-11-20T05:00:00Z
24/12/2025|2025-12-24T05:00:00Z"
}

@test "lead-add --received refuses what is not a time" {
	seed
	add --first Ann --received "13/45/2026"
	assert_failure 64
	assert_output ""
	assert_stderr 'lead-add: --received: not a time: "13/45/2026"'
	assert_unchanged
}

@test "lead-add --received refuses an ambiguous date; --date-order settles it" {
	seed
	add --first Ann --received 03/04/2026
	assert_failure 64
	assert_stderr 'lead-add: --received: ambiguous date: write 2026-11-23 or give --date-order: "03/04/2026"'
	assert_unchanged
	add --first Ann --received 03/04/2026 --date-order dmy
	assert_success
	add --first Bob --received 03/04/2026 --date-order mdy
	assert_success
	run sql "SELECT first_name, received_at FROM leads WHERE id > 1"
	assert_output "Ann|2026-04-03T04:00:00Z
Bob|2026-03-04T05:00:00Z"
}

@test "lead-add given the same lead twice adds nothing and says so" {
	lead-add --first Ann --last Lee --email ann@example.com >/dev/null
	before=$(dump)
	add --first Ann --last Lee --email ann@example.com
	assert_success
	assert_output ""
	assert_stderr "lead-add: already there: lead 1"
	assert_unchanged
}

@test "lead-add reads --origin as people write it and refuses others" {
	add --first Ann --origin "Walk In"
	assert_success
	run sql "SELECT origin FROM leads"
	assert_output walk-in
	before=$(dump)
	add --first Bob --origin billboard
	assert_failure 65
	assert_stderr 'lead-add: origin: not an origin (internet, phone, walk-in, referral): "billboard"'
	assert_unchanged
}

@test "lead-add refuses a lead with no customer" {
	seed
	add --make Ford --model F-150
	assert_failure 65
	assert_output ""
	assert_stderr "lead-add: no customer: no name, company, e-mail, phone or address"
	assert_unchanged
}

# --- invocation ------------------------------------------------------

@test "lead-add --help prints the usage and every option on stdout" {
	add --help
	assert_success
	assert_stderr
	assert_line --index 0 --regexp '^usage: lead-add '
	local opt
	for opt in csv date-order db delimiter dry-run encoding fields \
	    format help ignore-unknown map no-header now show-map skip-bad \
	    strict version city color comments company country email \
	    external-id first interest last make middle model name odometer \
	    origin phone postal-code price received region source stock \
	    street trade-make trade-model trade-odometer trade-vin \
	    trade-year trim type vendor vin year; do
		assert_line --regexp "^  --$opt "
	done
}

@test "lead-add --version prints its version" {
	add --version
	assert_success
	assert_output --regexp '^lead-add [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "lead-add refuses an unknown option with the usage" {
	add --frist Ann
	assert_usage "lead-add: unrecognized option '--frist'"
	[ ! -e "$LEAD_DB" ]
}

@test "lead-add with nothing to add prints the usage" {
	add
	assert_usage "lead-add: nothing to add: give --csv or the lead's fields (--first, --last, --email, --phone, ...)"
	[ ! -e "$LEAD_DB" ]
}

@test "lead-add refuses a field option given twice" {
	add --first Ann --first Bob
	assert_usage "lead-add: --first: given twice"
}

@test "lead-add refuses an argument that is not an option" {
	add --first Ann Lee
	assert_usage "lead-add: unexpected argument: Lee"
}

@test "lead-add refuses a customer's field with --csv" {
	fixture two.csv
	add --csv two.csv --first Ann
	assert_usage "lead-add: --first: not with --csv (the rows name the customers)"
	add --csv two.csv --email ann@example.com
	assert_usage "lead-add: --email and --phone: not with --csv"
}

@test "lead-add refuses the CSV options without --csv" {
	local opt

	for opt in --dry-run --show-map "--skip-bad r.csv" "--map a=b" \
	    "--encoding latin1" "--delimiter ;" --ignore-unknown; do
		add --first Ann $opt
		assert_usage "lead-add: --dry-run, --show-map, --skip-bad, --map, --encoding, --delimiter and --ignore-unknown go with --csv"
	done
}

@test "lead-add --db names the database and creates it" {
	add --db other.db --first Ann
	assert_success
	[ ! -e "$LEAD_DB" ]
	run sqlite3 other.db "SELECT first_name FROM leads"
	assert_output Ann
}

@test "lead-add --db refuses a database it cannot create" {
	add --db nodir/leads.db --first Ann
	assert_failure 73
	assert_stderr "lead-add: nodir/leads.db: cannot create the database: No such file or directory"
}

@test "lead-add without LEAD_DB keeps the database under XDG_DATA_HOME" {
	unset LEAD_DB
	XDG_DATA_HOME=$PWD/xdg run --separate-stderr lead-add --first Ann
	assert_success
	run sqlite3 xdg/leadkit/leads.db "SELECT first_name FROM leads"
	assert_output Ann
}

@test "lead-add without LEAD_DB or XDG_DATA_HOME keeps it in ~/.local/share" {
	unset LEAD_DB
	HOME=$PWD run --separate-stderr lead-add --first Ann
	assert_success
	run sqlite3 .local/share/leadkit/leads.db "SELECT first_name FROM leads"
	assert_output Ann
}

@test "lead-add --now sets the clock the lead is stamped with" {
	add --first Ann --now 2026-01-02T03:04:05Z
	assert_success
	run sql "SELECT created_at, received_at FROM leads"
	assert_output "2026-01-02T03:04:05Z|2026-01-02T03:04:05Z"
}

@test "lead-add refuses a --now or LEAD_NOW that is not a time" {
	add --first Ann --now soon
	assert_failure 64
	assert_stderr "lead-add: --now: not a time: soon"
	LEAD_NOW=soon run --separate-stderr lead-add --first Ann
	assert_failure 64
	assert_stderr "lead-add: LEAD_NOW: not a time: soon"
	[ ! -e "$LEAD_DB" ]
}

# --- the database ----------------------------------------------------

@test "lead-add creates the database mode 0600, whatever the umask, in WAL mode" {
	umask 000
	add --first Ann
	assert_success
	run stat -c %a "$LEAD_DB"
	assert_output 600
	run sql "PRAGMA journal_mode"
	assert_output wal
}

@test "the database's -wal and -shm files are no more readable than it" {
	umask 000
	big 300000 >big.csv
	lead-add --csv big.csv >/dev/null 2>&1 &
	local pid=$!
	wal_over 0
	run stat -c '%n %a' "$LEAD_DB" "$LEAD_DB-wal" "$LEAD_DB-shm"
	kill -9 "$pid"
	wait "$pid" || true
	assert_output "$LEAD_DB 600
$LEAD_DB-wal 600
$LEAD_DB-shm 600"
}

@test "lead-add killed with SIGKILL part-way leaves the database as it was, and usable" {
	fixture two.csv four.csv
	big 400000 >big.csv
	lead-add --csv two.csv >/dev/null 2>&1
	before=$(dump)
	lead-add --csv big.csv >/dev/null 2>&1 &
	local pid=$! rc=0
	wal_over 4000000
	# Still under way when killed, or the test proves nothing.
	kill -0 "$pid"
	kill -9 "$pid"
	wait "$pid" || rc=$?
	assert_equal "$rc" 137
	assert_unchanged
	run sql "PRAGMA integrity_check"
	assert_output ok
	add --csv four.csv
	assert_success
	assert_output "3
4"
	run sql "SELECT count(*) FROM leads"
	assert_output 4
}

@test "lead-add killed part-way into an empty database leaves it empty, indexes and all" {
	fixture header-only.csv two.csv
	big 400000 >big.csv
	# The first import into a database with no leads builds its
	# indexes after the load: the kill must not lose them.
	lead-add --csv header-only.csv >/dev/null 2>&1
	before=$(dump)
	lead-add --csv big.csv >/dev/null 2>&1 &
	local pid=$! rc=0
	wal_over 4000000
	kill -0 "$pid"
	kill -9 "$pid"
	wait "$pid" || rc=$?
	assert_equal "$rc" 137
	assert_unchanged
	run sql "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'"
	refute_output 0
	add --csv two.csv
	assert_success
	assert_output "1
2"
}

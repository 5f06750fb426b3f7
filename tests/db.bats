#!/usr/bin/env bats
# The database every program shares: where it lives, who may read it,
# several commands at once, a busy one, one from a newer leadkit or none
# at all; and make install.

load helper

bats_require_minimum_version 1.5.0

top=$BATS_TEST_DIRNAME/..

@test "without --db or LEAD_DB the database is under XDG_DATA_HOME, private" {
	unset LEAD_DB
	export XDG_DATA_HOME=$BATS_TEST_TMPDIR/xdg
	run lead-add --first Ann --last Lee
	assert_success
	assert_output 1
	[ -f "$XDG_DATA_HOME/leadkit/leads.db" ]
	run stat -c %a "$XDG_DATA_HOME/leadkit" "$XDG_DATA_HOME/leadkit/leads.db"
	assert_output "700
600"
}

@test "without XDG_DATA_HOME the database is in ~/.local/share/leadkit" {
	unset LEAD_DB XDG_DATA_HOME
	export HOME=$BATS_TEST_TMPDIR/home
	mkdir "$HOME"
	run lead-add --first Ann --last Lee
	assert_success
	[ -f "$HOME/.local/share/leadkit/leads.db" ]
}

@test "--db wins over LEAD_DB" {
	run lead-add --db other.db --first Ann --last Lee
	assert_success
	[ -f other.db ]
	[ ! -e "$LEAD_DB" ]
}

@test "several commands writing at once all succeed, nothing lost" {
	for n in 1 2 3 4; do
		awk -v n="$n" 'BEGIN { print "First Name,Last Name,Email";
		    for (i = 1; i <= 2000; i++)
			printf "P%d,L%d,p%d.%d@example.com\n", n, i, n, i }' \
		    >dump$n.csv
	done
	lead-add --first Ann --last Lee >/dev/null
	pids=
	for n in 1 2 3 4; do
		lead-add --csv dump$n.csv >ids$n 2>err$n &
		pids="$pids $!"
	done
	for n in 1 2 3 4 5 6; do
		lead-status 1 --log note --note "note $n" >/dev/null 2>>err-status &
		pids="$pids $!"
	done
	for p in $pids; do
		wait "$p"
	done
	run cat err-status
	assert_output ""
	run grep -h -v 'added' err1 err2 err3 err4
	assert_output ""
	run sql "SELECT count(*) FROM leads; SELECT count(*) FROM activities;
	    SELECT count(DISTINCT batch_id) FROM leads"
	assert_output "8001
6
5"
	run sort -n -u ids1 ids2 ids3 ids4
	assert_equal "${#lines[@]}" 8000
}

@test "a command that stays busy past the timeout exits 75 and changes nothing" {
	lead-add --first Ann --last Lee >/dev/null
	before=$(dump)
	# Another writer holds the database for two seconds.
	printf 'BEGIN IMMEDIATE;\nDELETE FROM settings WHERE 0;\n.shell sleep 2\nCOMMIT;\n' |
	    sqlite3 "$LEAD_DB" &
	holder=$!
	sleep 0.5
	LEAD_BUSY_TIMEOUT=200 run --separate-stderr lead-status 1 \
	    left-message --follow-up tomorrow
	wait "$holder"
	assert_equal "$status" 75
	assert_equal "$stderr" "lead-status: $LEAD_DB: starting a transaction: the database is busy (another command is writing); try again later"
	assert_equal "$(dump)" "$before"
}

@test "a command waits for another writer within the timeout" {
	lead-add --first Ann --last Lee >/dev/null
	printf 'BEGIN IMMEDIATE;\nDELETE FROM settings WHERE 0;\n.shell sleep 1\nCOMMIT;\n' |
	    sqlite3 "$LEAD_DB" &
	holder=$!
	sleep 0.3
	run lead-status 1 left-message --follow-up tomorrow
	wait "$holder"
	assert_success
	assert_output 1
}

@test "LEAD_BUSY_TIMEOUT must be a number of milliseconds" {
	LEAD_BUSY_TIMEOUT=soon run --separate-stderr lead-add --first Ann
	assert_equal "$status" 64
	assert_equal "$stderr" 'lead-add: LEAD_BUSY_TIMEOUT: not a number of milliseconds (0-3600000): soon'
}

@test "a database from a newer leadkit is refused with 69, untouched" {
	lead-add --first Ann --last Lee >/dev/null
	sql "PRAGMA user_version = 99"
	before=$(dump)
	run --separate-stderr lead-add --first Bob --last Roe
	assert_equal "$status" 69
	assert_equal "$stderr" "lead-add: $LEAD_DB: the database is schema version 99, newer than this lead-add (version 3): use a newer leadkit"
	assert_equal "$(dump)" "$before"
}

@test "an SQLite database of something else is refused, untouched" {
	sql "CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x')"
	before=$(dump)
	run --separate-stderr lead-add --first Ann --last Lee
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-add: $LEAD_DB: not a leadkit database (it holds other tables)"
	assert_equal "$(dump)" "$before"
}

@test "a file that is no database is refused, untouched" {
	echo "Lead Id,Name" >"$LEAD_DB"
	run --separate-stderr lead-add --first Ann --last Lee
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-add: $LEAD_DB: not a leadkit database"
	assert_equal "$(cat "$LEAD_DB")" "Lead Id,Name"
}

@test "a database in a directory that does not exist cannot be created: 73" {
	run --separate-stderr lead-add --db nowhere/leads.db --first Ann
	assert_equal "$status" 73
	assert_equal "$stderr" "lead-add: nowhere/leads.db: cannot create the database: No such file or directory"
}

@test "a new database has the schema version, the catalog, kinds and cadence" {
	lead-add --first Ann --last Lee >/dev/null
	run sql "PRAGMA user_version; PRAGMA journal_mode;
	    SELECT count(*) FROM statuses; SELECT name FROM statuses WHERE initial;
	    SELECT count(*) FROM followup_kinds; SELECT count(*) > 40 FROM cadence_steps"
	assert_output "3
wal
39
new
6
1"
}

@test "a version 1 database is taken to version 3 with its leads, the same as a new one" {
	# Version 1 is share/schema.sql alone, with what a lead needs.
	sqlite3 "$LEAD_DB" <"$top/share/schema.sql"
	sqlite3 "$LEAD_DB" "PRAGMA user_version = 1;
	    INSERT INTO statuses (id, name, groups, position, initial)
	        VALUES (1, 'new', 'open', 1, 1);
	    INSERT INTO batches VALUES (1, '2026-11-01T12:00:00Z', 'ann', 'lead-add', '[]');
	    INSERT INTO leads (id, batch_id, created_at, received_at, first_name,
	        fingerprint, status_id, status_at)
	        VALUES (1, 1, '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z', 'Old', 7, 1,
	        '2026-11-01T12:00:00Z')"
	run lead-add --first Bob --last Roe
	assert_success
	assert_output 2
	run sql "PRAGMA user_version; SELECT id, first_name, document_id FROM leads"
	assert_output "3
1|Old|
2|Bob|"
	lead-add --db new.db --first Ann >/dev/null
	assert_equal "$(sqlite3 "$LEAD_DB" .schema)" "$(sqlite3 new.db .schema)"
}

@test "make install puts programs, share, man pages and completions under DESTDIR and PREFIX" {
	run make -s -C "$top" -o all B="${B:-build}" BIN="${BIN:-bin}" \
	    install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/usr
	assert_success
	cd "$BATS_TEST_TMPDIR/root/usr"
	run ls bin share/leadkit share/man/man1 share/man/man7 \
	    share/bash-completion/completions share/zsh/site-functions
	assert_output "bin:
lead-add
lead-assign
lead-staff
lead-status

share/bash-completion/completions:
lead-add
lead-assign
lead-staff
lead-status

share/leadkit:
cadence.tsv
example-leads.csv
followup-kinds.tsv
headers.tsv
schema-2.sql
schema-3.sql
schema.sql
statuses.tsv

share/man/man1:
lead-add.1
lead-assign.1
lead-staff.1
lead-status.1

share/man/man7:
leadkit.7

share/zsh/site-functions:
_leadkit"
	run bin/lead-add --version
	assert_output "lead-add 0.1.0"
}

@test "a command waiting on a terminal says so once" {
	lead-add --first Ann --last Lee >/dev/null
	printf 'BEGIN IMMEDIATE;\nDELETE FROM settings WHERE 0;\n.shell sleep 2\nCOMMIT;\n' |
	    sqlite3 "$LEAD_DB" &
	holder=$!
	sleep 0.3
	run script -qec "lead-status 1 left-message --follow-up tomorrow" /dev/null
	wait "$holder"
	assert_success
	assert_equal "$(grep -c 'waiting for another command to finish writing' <<<"$output")" 1
	assert_output --partial "lead-status: $LEAD_DB: waiting for another command to finish writing"
}

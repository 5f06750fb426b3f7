#!/usr/bin/env bats
# engage: who may do what to a lead.  The acting person (the Unix user,
# or --as LOGIN), the roles lead-status checks (--confirm, --load-catalog,
# --undo-batch), the rules of engagement (2: a BDC rep leaves a new ISS
# lead's status alone until an ISS quoted; 3: a BDC rep contacts an ISS's
# customer only when confirmed or asked; 4: a BDC rep goes in the CDR
# field), needs-bdc marks, and undoing assignments and marks.  The clock
# is Monday 2026-11-23 09:00 in New York (14:00 UTC).

load helper
bats_require_minimum_version 1.5.0

# lead FIRST: add one lead, quietly (single-user mode until a roster).
lead() {
	lead-add --first "$1" --last Lee --received 2026-11-20T10:00 \
	    --email "$(tr A-Z a-z <<<"$1")@example.com" >/dev/null
}

# staff LOGIN ROLE ...: put people on the roster.
staff() {
	local q=""
	while [ $# -ge 2 ]; do
		q="$q${q:+,}('$1', '$1', '$2')"
		shift 2
	done
	sql "INSERT INTO staff (login, name, role) VALUES $q"
}

# roster: ann and ben ISSs, bob and cal BDC reps, meg a manager, ada an
# admin, flo on the floor; whoever runs the suite is an admin unless
# root (root off the roster has every right, --as included).
roster() {
	staff ann iss ben iss bob bdc cal bdc meg manager ada admin flo floor
	[ "$ME" = root ] || staff "$ME" admin
}

# give LEAD LOGIN: LOGIN becomes the lead's salesperson, as lead-assign
# does it: a batch and an assignment.
give() {
	sql "INSERT INTO batches (at, actor, program, args)
	    VALUES ('2026-11-23T13:00:00Z', 'meg', 'lead-assign', '[]');
	    INSERT INTO assignments (lead_id, batch_id, at, actor, role,
	    to_login, reason) VALUES ($1, last_insert_rowid(),
	    '2026-11-23T13:00:00Z', 'meg', 'salesperson', '$2', 'manager')"
}

# rules TEXT: a routing rules file loaded, as lead-assign --load-rules
# keeps it.
rules() {
	sql "INSERT INTO batches (at, actor, program, args)
	    VALUES ('2026-11-23T13:30:00Z', 'meg', 'lead-assign', '[]');
	    INSERT INTO routing (batch_id, at, file, text) VALUES
	    (last_insert_rowid(), '2026-11-23T13:30:00Z', 'rules.txt', '$1')"
}

# Lead 1 is Ann's (ann the ISS), lead 2 Bea's and nobody's, lead 3 Cy's
# and flo's; the roster is in place.
leads() {
	lead Ann
	lead Bea
	lead Cy
	roster
	give 1 ann
	give 3 flo
}

# denied MESSAGE: the last run was refused for want of a right: exit 77,
# the one line on stderr, nothing on stdout.
denied() {
	assert_equal "$status" 77
	assert_equal "$output" ""
	assert_equal "$stderr" "$1"
}

usage_error() {
	assert_equal "$status" 64
	assert_equal "$output" ""
	assert_equal "${stderr%%$'\n'*}" "lead-status: $1"
}

# --- who acts: the Unix user, --as ------------------------------------

@test "lead-status --as LOGIN acts as LOGIN and records who ran it" {
	leads
	run --separate-stderr lead-status 1 --log note --note hi --as meg
	assert_success
	assert_output 1
	run sql "SELECT a.actor, b.actor, b.by_login FROM activities a
	    JOIN batches b ON b.id = a.batch_id"
	assert_output "meg|meg|$ME"
	run sql "SELECT quote(by_login) FROM batches WHERE id = 1"
	assert_output NULL
}

@test "lead-status --batches shows who ran a command --as someone" {
	leads
	lead-status 1 --log note --note hi --as meg >/dev/null
	run --separate-stderr lead-status --batches --format tsv --no-header
	assert_success
	assert_equal "$(head -1 <<<"$output" | cut -f3,4,5)" \
	    "$(printf 'meg\t%s\tlead-status' "$ME")"
}

@test "lead-status --as naming someone not on the roster is refused" {
	leads
	before=$(dump)
	run --separate-stderr lead-status 1 --log note --as zed
	denied "lead-status: --as zed: not on the staff roster"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --as by an ISS is refused" {
	nobody_db
	lead Ann
	staff "$NOBODY" iss meg manager
	before=$(dump)
	run --separate-stderr as_nobody lead-status 1 --log note --as meg
	denied "lead-status: --as is for managers and admins: $NOBODY is iss"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --as by a manager acts as the person named" {
	nobody_db
	lead Ann
	staff "$NOBODY" manager ann iss
	run --separate-stderr as_nobody lead-status 1 --log quote --as ann
	assert_success
	run sql "SELECT b.actor, b.by_login, a.actor FROM batches b
	    JOIN activities a ON a.batch_id = b.id"
	assert_output "ann|$NOBODY|ann"
}

@test "lead-status refuses a Unix user who is not on the roster" {
	nobody_db
	lead Ann
	staff ann iss
	before=$(dump)
	run --separate-stderr as_nobody lead-status 1 --log call
	denied "lead-status: $NOBODY is not on the staff roster: a manager or admin can add them (lead-staff)"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a Unix user who is inactive on the roster" {
	nobody_db
	lead Ann
	staff "$NOBODY" iss
	sql "UPDATE staff SET active = 0"
	run --separate-stderr as_nobody lead-status 1 --log call
	denied "lead-status: $NOBODY is inactive on the staff roster: a manager or admin can make them active again (lead-staff)"
}

@test "lead-status with nobody on the roster lets anyone do anything" {
	nobody_db
	lead Ann
	lead-status 1 --appointment 'tue 10:00' >/dev/null
	run --separate-stderr as_nobody lead-status 1 --confirm
	assert_success
	run --separate-stderr as_nobody lead-status 1 called-customer \
	    --follow-up +1d --log call --as anybody
	assert_success
	run sql "SELECT actor FROM batches WHERE id > 2"
	assert_output "$NOBODY
anybody"
}

@test "lead-status: root off the roster has every right" {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
	leads
	lead-status 1 --appointment 'tue 10:00' >/dev/null
	run --separate-stderr lead-status 1 --confirm
	assert_success
	run --separate-stderr lead-status 1 called-customer --follow-up +1d
	assert_success
}

@test "lead-status --as goes with a change" {
	run --separate-stderr lead-status 1 --as meg
	usage_error "--as goes with a change: showing and listing act for nobody"
	run --separate-stderr lead-status --batches --as meg
	usage_error "--as goes with a change: showing and listing act for nobody"
}

@test "lead-status --as refuses an empty login" {
	run --separate-stderr lead-status 1 --log call --as ''
	usage_error '--as: not a login: ""'
}

@test "lead-add --as LOGIN adds as LOGIN and records who ran it" {
	leads
	run --separate-stderr lead-add --first Dee --as ada
	assert_success
	assert_output 4
	run sql "SELECT b.actor, b.by_login FROM leads l
	    JOIN batches b ON b.id = l.batch_id WHERE l.id = 4"
	assert_output "ada|$ME"
}

@test "lead-add --as naming someone not on the roster adds nothing" {
	leads
	before=$(dump)
	run --separate-stderr lead-add --first Dee --as zed
	denied "lead-add: --as zed: not on the staff roster"
	assert_equal "$(dump)" "$before"
}

@test "lead-add --as by a floor salesperson is refused" {
	nobody_db
	lead Ann
	staff "$NOBODY" floor ada admin
	before=$(dump)
	run --separate-stderr as_nobody lead-add --first Dee --as ada
	denied "lead-add: --as is for managers and admins: $NOBODY is floor"
	assert_equal "$(dump)" "$before"
}

@test "lead-add --as goes with what adds or changes" {
	run --separate-stderr lead-add --quarantine --as ada
	assert_equal "$status" 64
	assert_equal "${stderr%%$'\n'*}" "lead-add: --as goes with what adds or changes: listing acts for nobody"
}

@test "lead-add refuses a Unix user who is not on the roster" {
	nobody_db
	lead Ann
	staff ann iss
	before=$(dump)
	run --separate-stderr as_nobody lead-add --first Dee
	denied "lead-add: $NOBODY is not on the staff roster: a manager or admin can add them (lead-staff)"
	assert_equal "$(dump)" "$before"
}

@test "lead-add --adf --mail: a user off the roster is 75, so the mail system retries" {
	nobody_db
	lead Ann
	staff ann iss
	before=$(dump)
	run --separate-stderr as_nobody lead-add --adf - --mail \
	    <"$FIXTURES/mail/plain-body.eml"
	assert_equal "$status" 75
	assert_equal "$output" ""
	assert_equal "$stderr" "lead-add: $NOBODY is not on the staff roster: a manager or admin can add them (lead-staff)"
	assert_equal "$(dump)" "$before"
}

@test "lead-add --adf --mail by someone on the roster takes the mail" {
	nobody_db
	lead Ann
	staff "$NOBODY" admin
	run --separate-stderr as_nobody lead-add --adf - --mail \
	    <"$FIXTURES/mail/plain-body.eml"
	assert_success
	assert_output 2
}

# --- roles ------------------------------------------------------------

@test "lead-status --confirm by an ISS is refused: a manager confirms" {
	leads
	lead-status 1 --appointment 'tue 10:00' --as ann >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --confirm --as ann
	denied "lead-status: ann is iss: only a manager may confirm an appointment"
	assert_equal "$(dump)" "$before"
	run --separate-stderr lead-status 1 --confirm --as ada
	denied "lead-status: ada is admin: only a manager may confirm an appointment"
	run --separate-stderr lead-status 1 --confirm --as meg
	assert_success
	run sql "SELECT event, actor FROM followup_events"
	assert_output "confirmed|meg"
}

@test "lead-status --load-catalog by an ISS is refused" {
	leads
	lead-status --catalog --format tsv >c.tsv
	before=$(dump)
	run --separate-stderr lead-status --load-catalog c.tsv --as ann
	denied "lead-status: ann is iss: only a manager or admin may load the status catalog"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --load-catalog by a manager or admin is let through" {
	leads
	lead-status --catalog --format tsv |
	    sed 's/\tleft-message\t/\tleft-voicemail\t/' >c.tsv
	run --separate-stderr lead-status --load-catalog c.tsv --as meg
	assert_success
	sed -i 's/\tleft-voicemail\t/\tleft-message\t/' c.tsv
	run --separate-stderr lead-status --load-catalog c.tsv --as ada
	assert_success
}

@test "lead-status --undo-batch of someone else's batch is refused" {
	leads
	lead-status 1 left-message --follow-up +1d --as ann >/dev/null
	batch=$(sql "SELECT max(id) FROM batches")
	before=$(dump)
	run --separate-stderr lead-status --undo-batch "$batch" --as ben
	denied "lead-status: ben is iss: only a manager or admin may undo batch $batch, which ann ran"
	assert_equal "$(dump)" "$before"
	run --separate-stderr lead-status --undo-batch "$batch" --as bob
	denied "lead-status: bob is bdc: only a manager or admin may undo batch $batch, which ann ran"
}

@test "lead-status --undo-batch of one's own batch, or by a manager, is let through" {
	leads
	lead-status 1 left-message --follow-up +1d --as ann >/dev/null
	lead-status 1 called-customer --follow-up +1d --as ann >/dev/null
	run --separate-stderr lead-status --undo-batch 7 --as ann
	assert_success
	run --separate-stderr lead-status --undo-batch 6 --as meg
	assert_success
	run sql "SELECT status FROM lead_summary WHERE id = 1"
	assert_output new
}

# --- rule 2: a new ISS lead's status, after an ISS's quote ------------

@test "rule 2: a BDC rep may not change a new ISS lead's status before an ISS quoted" {
	leads
	before=$(dump)
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as bob
	denied "lead-status: lead 1: rule 2: a BDC rep changes a new ISS lead's status only after an ISS sends a quote (lead-status 1 --log quote, by ann)"
	assert_equal "$(dump)" "$before"
}

@test "rule 2: one refused lead of several changes none" {
	leads
	before=$(dump)
	run --separate-stderr lead-status 2 3 1 called-customer --follow-up +1d \
	    --as bob
	assert_equal "$status" 77
	assert_equal "$(dump)" "$before"
}

@test "rule 2: after an ISS's quote the BDC rep may change the status" {
	leads
	lead-status 1 --log quote --as ann >/dev/null
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as bob
	assert_success
	assert_output 1
	run sql "SELECT status, salesperson FROM lead_summary WHERE id = 1"
	assert_output "called-customer|ann"
}

@test "rule 2: a quote by another ISS counts too" {
	leads
	lead-status 1 --log quote --as ben >/dev/null
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as bob
	assert_success
}

@test "rule 2: a quote by a BDC rep does not count" {
	leads
	lead-status 1 --log quote --confirmed ann --as cal >/dev/null
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as bob
	assert_equal "$status" 77
	assert_equal "$stderr" "lead-status: lead 1: rule 2: a BDC rep changes a new ISS lead's status only after an ISS sends a quote (lead-status 1 --log quote, by ann)"
}

@test "rule 2: a BDC rep may change the status of a lead no ISS owns" {
	leads
	run --separate-stderr lead-status 2 3 called-customer --follow-up +1d \
	    --as bob
	assert_success
}

@test "rule 2: a BDC rep may change an ISS lead that is no longer new" {
	leads
	lead-status 1 called-customer --follow-up +1d --as ann >/dev/null
	run --separate-stderr lead-status 1 left-message --follow-up +1d \
	    --as bob
	assert_success
}

@test "rule 2: an ISS, a manager and the floor are not bound by it" {
	leads
	give 2 ben
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as ben
	assert_success
	run --separate-stderr lead-status 2 called-customer --follow-up +1d \
	    --as meg
	assert_success
}

@test "rule 2: a BDC rep may still log a note or set a follow-up on a new ISS lead" {
	leads
	run --separate-stderr lead-status 1 --log note --note 'asked ann' \
	    --follow-up +1d --as bob
	assert_success
}

@test "rule 2 off in the routing rules lets a BDC rep change the status" {
	leads
	rules 'set rule-2 off'
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as bob
	assert_success
}

@test "rule 2 is back on when the rules that turned it off are undone" {
	leads
	rules 'set rule-2 off'
	lead-status --undo-batch "$(sql "SELECT max(id) FROM batches")" \
	    --as meg 2>/dev/null
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as bob
	assert_equal "$status" 77
}

# --- rule 3: a BDC rep contacts an ISS's customer when confirmed -----

@test "rule 3: a BDC rep's call to an ISS's customer needs a confirmation" {
	leads
	before=$(dump)
	run --separate-stderr lead-status 1 --log call --as bob
	denied "lead-status: lead 1: rule 3: a BDC rep contacts ann's customer only once ann or a manager confirmed (--confirmed LOGIN) or the lead is marked needs-bdc"
	assert_equal "$(dump)" "$before"
}

@test "rule 3: every kind of contact going out needs it" {
	leads
	for k in call email text letter quote; do
		run --separate-stderr lead-status 1 --log "$k" --as bob
		assert_equal "$status" 77
	done
	run sql "SELECT count(*) FROM activities"
	assert_output 0
}

@test "rule 3: a note, and the customer's own call, need no confirmation" {
	leads
	run --separate-stderr lead-status 1 --log note --note 'read it' --as bob
	assert_success
	run --separate-stderr lead-status 1 --log call --direction in --as bob
	assert_success
}

@test "rule 3: --confirmed by the lead's ISS is recorded with the call" {
	leads
	run --separate-stderr lead-status 1 --log call --confirmed ann --as bob
	assert_success
	assert_output 1
	run sql "SELECT kind, actor, confirmed_by FROM activities"
	assert_output "call|bob|ann"
	run --separate-stderr lead-status 1 --history --format tsv --no-header
	assert_line "$(printf '1\t2026-11-23T09:00:00-05:00\tcall\tout attempt, confirmed by ann\t\t\tbob\t6')"
}

@test "rule 3: --confirmed by a manager is enough" {
	leads
	run --separate-stderr lead-status 1 --log email --confirmed meg --as bob
	assert_success
	run sql "SELECT confirmed_by FROM activities"
	assert_output meg
}

@test "rule 3: --confirmed by another ISS, a BDC rep or an admin is refused" {
	leads
	before=$(dump)
	for who in ben cal ada zed; do
		run --separate-stderr lead-status 1 --log call \
		    --confirmed "$who" --as bob
		denied "lead-status: lead 1: rule 3: --confirmed $who: only ann, the lead's salesperson, or an active manager confirms a BDC rep's contact"
	done
	assert_equal "$(dump)" "$before"
}

@test "rule 3: --confirmed by a manager who left is refused" {
	leads
	sql "UPDATE staff SET active = 0 WHERE login = 'meg'"
	run --separate-stderr lead-status 1 --log call --confirmed meg --as bob
	assert_equal "$status" 77
}

@test "rule 3: a lead marked needs-bdc needs no confirmation" {
	leads
	lead-status 1 --needs-bdc --as ann >/dev/null
	run --separate-stderr lead-status 1 --log call --as bob
	assert_success
	run sql "SELECT kind, actor, quote(confirmed_by) FROM activities"
	assert_output "call|bob|NULL"
}

@test "rule 3: the mark taken off, confirmation is needed again" {
	leads
	lead-status 1 --needs-bdc --as ann >/dev/null
	lead-status 1 --no-needs-bdc --as meg >/dev/null
	run --separate-stderr lead-status 1 --log call --as bob
	assert_equal "$status" 77
}

@test "rule 3: a BDC rep contacts the customers of a floor salesperson or nobody freely" {
	leads
	run --separate-stderr lead-status 2 3 --log call --as bob
	assert_success
}

@test "rule 3 off in the routing rules lets a BDC rep call" {
	leads
	rules 'set rule-3 off'
	run --separate-stderr lead-status 1 --log call --as bob
	assert_success
}

@test "rule 3: --confirmed goes with --log" {
	run --separate-stderr lead-status 1 left-message --follow-up +1d \
	    --confirmed ann
	usage_error "--confirmed goes with --log: it says who allowed the contact"
}

# --- needs-bdc ---------------------------------------------------------

@test "lead-status --needs-bdc by the lead's salesperson marks it, in the history" {
	leads
	run --separate-stderr lead-status 1 --needs-bdc --as ann
	assert_success
	assert_output 1
	run sql "SELECT needs_bdc FROM leads WHERE id = 1"
	assert_output 1
	run sql "SELECT lead_id, actor, mark, value FROM lead_marks"
	assert_output "1|ann|needs-bdc|1"
	run --separate-stderr lead-status 1 --history --no-header --format tsv
	assert_line "$(printf '1\t2026-11-23T09:00:00-05:00\tneeds-bdc\tset\t\t\tann\t6')"
}

@test "lead-status --no-needs-bdc takes the mark off" {
	leads
	lead-status 1 --needs-bdc --as ann >/dev/null
	run --separate-stderr lead-status 1 --no-needs-bdc --as ann
	assert_success
	run sql "SELECT needs_bdc FROM leads WHERE id = 1"
	assert_output 0
	run --separate-stderr lead-status 1 --history --no-header --format tsv
	assert_line "$(printf '1\t2026-11-23T09:00:00-05:00\tneeds-bdc\tcleared\t\t\tann\t7')"
}

@test "lead-status --needs-bdc on a lead marked already changes nothing" {
	leads
	lead-status 1 --needs-bdc --as ann >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --needs-bdc --as ann
	assert_success
	assert_equal "$(dump)" "$before"
}

@test "lead-status --needs-bdc by a manager or an admin" {
	leads
	run --separate-stderr lead-status 1 --needs-bdc --as meg
	assert_success
	run --separate-stderr lead-status 2 --needs-bdc --as ada
	assert_success
	run sql "SELECT id FROM leads WHERE needs_bdc"
	assert_output "1
2"
}

@test "lead-status --needs-bdc by a BDC rep or another ISS is refused" {
	leads
	before=$(dump)
	run --separate-stderr lead-status 1 --needs-bdc --as bob
	denied "lead-status: lead 1: bob is bdc: only the lead's salesperson (ann), a manager or an admin may mark it needs-bdc"
	run --separate-stderr lead-status 1 --no-needs-bdc --as ben
	denied "lead-status: lead 1: ben is iss: only the lead's salesperson (ann), a manager or an admin may mark it needs-bdc"
	run --separate-stderr lead-status 2 --needs-bdc --as ben
	denied "lead-status: lead 2: ben is iss: only the lead's salesperson, a manager or an admin may mark it needs-bdc"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --needs-bdc goes with other changes, not with --undo" {
	leads
	run --separate-stderr lead-status 1 --needs-bdc --log note --note n \
	    --as ann
	assert_success
	run --separate-stderr lead-status 1 --needs-bdc --undo
	usage_error "--undo goes alone (with --note at most)"
	run --separate-stderr lead-status 1 --needs-bdc --no-needs-bdc
	usage_error "--needs-bdc and --no-needs-bdc: one, once"
	run --separate-stderr lead-status 1 --needs-bdc --note why
	usage_error "--note goes with a change (a status, --log note, ...)"
}

# --- rule 4: a BDC rep goes in the CDR field ---------------------------

@test "rule 4: a BDC rep working an ISS's lead goes in its CDR field, not its salesperson's" {
	leads
	lead-status 1 --needs-bdc --as ann >/dev/null
	run --separate-stderr lead-status 1 --log call --as bob
	assert_success
	run sql "SELECT salesperson, cdr FROM leads WHERE id = 1"
	assert_output "ann|bob"
	run sql "SELECT role, quote(from_login), to_login, reason, why, actor
	    FROM assignments WHERE role = 'cdr'"
	assert_output "cdr|NULL|bob|worked|a BDC rep worked ann's lead|bob"
}

@test "rule 4: the BDC rep in the CDR field already is not put there again" {
	leads
	lead-status 1 --log note --note a --as bob >/dev/null
	lead-status 1 --log note --note b --as bob >/dev/null
	run sql "SELECT count(*) FROM assignments WHERE role = 'cdr'"
	assert_output 1
}

@test "rule 4: another BDC rep takes the CDR field over" {
	leads
	lead-status 1 --log note --note a --as bob >/dev/null
	lead-status 1 --log note --note b --as cal >/dev/null
	run sql "SELECT from_login, to_login FROM assignments
	    WHERE role = 'cdr' ORDER BY id"
	assert_output "|bob
bob|cal"
	run sql "SELECT cdr FROM leads WHERE id = 1"
	assert_output cal
}

@test "rule 4: any change puts the BDC rep in, a floor salesperson's lead too" {
	leads
	run --separate-stderr lead-status 3 called-customer --follow-up +1d \
	    --as bob
	assert_success
	run sql "SELECT salesperson, cdr FROM leads WHERE id = 3"
	assert_output "flo|bob"
	run sql "SELECT why FROM assignments WHERE role = 'cdr'"
	assert_output "a BDC rep worked flo's lead"
}

@test "rule 4: a lead nobody owns, or an ISS's own work, leaves the CDR field alone" {
	leads
	lead-status 2 --log call --as bob >/dev/null
	lead-status 1 --log call --as ann >/dev/null
	lead-status 1 --log call --as meg >/dev/null
	run sql "SELECT count(*) FROM assignments WHERE role = 'cdr'"
	assert_output 0
}

@test "rule 4: a refused change puts nobody in the CDR field" {
	leads
	run --separate-stderr lead-status 1 --log call --as bob
	assert_equal "$status" 77
	run sql "SELECT quote(cdr) FROM leads WHERE id = 1"
	assert_output NULL
}

@test "rule 4 off in the routing rules: no CDR entry" {
	leads
	rules 'set rule-4 off'
	lead-status 1 --log note --note a --as bob >/dev/null
	run sql "SELECT count(*) FROM assignments WHERE role = 'cdr'"
	assert_output 0
}

@test "the history shows assignments and the CDR entry with their why" {
	leads
	lead-status 1 --log note --note hi --as bob >/dev/null
	run --separate-stderr lead-status 1 --history --format tsv
	assert_success
	assert_output "$(printf '%s\n' \
	    "lead_id	at	event	detail	due_at	note	actor	batch_id" \
	    "1	2026-11-20T10:00:00-05:00	received	internet			$ME	1" \
	    "1	2026-11-23T08:00:00-05:00	assigned	- -> ann (manager)			meg	4" \
	    "1	2026-11-23T09:00:00-05:00	note	out		hi	bob	6" \
	    "1	2026-11-23T09:00:00-05:00	cdr	- -> bob (worked)		a BDC rep worked ann's lead	bob	6")"
}

@test "the history shows an assignment's rule, rotation and answer-by time" {
	leads
	sql "INSERT INTO batches (at, actor, program, args)
	    VALUES ('2026-11-23T13:40:00Z', 'meg', 'lead-assign', '[]');
	    INSERT INTO assignments (lead_id, batch_id, at, actor, role,
	    from_login, to_login, reason, why, rule, rotation, due_at, stride)
	    VALUES (2, last_insert_rowid(), '2026-11-23T13:40:00Z', 'meg',
	    'salesperson', NULL, 'ben', 'round-robin', 'ann skipped: off shift',
	    'oem', 'internet', '2026-11-23T13:55:00Z', 1000000)"
	run --separate-stderr lead-status 2 --history --format tsv --no-header
	assert_line "$(printf '2\t2026-11-23T08:40:00-05:00\tassigned\t- -> ben (round-robin, rule oem, rotation internet)\t2026-11-23T08:55:00-05:00\tann skipped: off shift\tmeg\t6')"
}

# --- undoing assignments and marks --------------------------------------

# assign LEAD LOGIN ROTATION STRIDE: a round-robin batch, and the turn it
# cost LOGIN in ROTATION.
assign() {
	sql "INSERT INTO batches (at, actor, program, args)
	    VALUES ('2026-11-23T13:50:00Z', 'meg', 'lead-assign', '[]');
	    INSERT INTO assignments (lead_id, batch_id, at, actor, role,
	    from_login, to_login, reason, rule, rotation, stride)
	    VALUES ($1, last_insert_rowid(), '2026-11-23T13:50:00Z', 'meg',
	    'salesperson', (SELECT salesperson FROM leads WHERE id = $1),
	    '$2', 'round-robin', 'oem', '$3', $4);
	    INSERT INTO turns (rotation, login, pass) VALUES ('$3', '$2', $4)
	    ON CONFLICT (rotation, login) DO UPDATE SET pass = pass + $4"
}

@test "lead-status --undo-batch gives an assignment back and returns the turn it cost" {
	leads
	assign 2 ben internet 500000
	assign 2 ann internet 1000000
	run --separate-stderr lead-status --undo-batch 7 --as meg
	assert_success
	assert_equal "$stderr" "lead-status: batch 7 undone"
	run sql "SELECT salesperson FROM leads WHERE id = 2"
	assert_output ben
	run sql "SELECT a.role, a.from_login, a.to_login, a.reason, u.batch_id,
	    quote(a.rule), quote(a.rotation), quote(a.stride)
	    FROM assignments a JOIN assignments u ON u.id = a.undoes
	    WHERE a.batch_id = 8"
	assert_output "salesperson|ann|ben|undo|7|NULL|NULL|NULL"
	run sql "SELECT login, pass FROM turns ORDER BY login"
	assert_output "ann|0
ben|500000"
	run --separate-stderr lead-status 2 --history --no-header --format tsv
	assert_line "$(printf '2\t2026-11-23T09:00:00-05:00\tassigned\tann -> ben (undo of batch 7)\t\tundo of a batch\tmeg\t8')"
}

@test "lead-status --undo-batch refuses an assignment made again since" {
	leads
	assign 2 ben internet 1000000
	assign 2 ann internet 1000000
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 6 --as meg
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-status: batch 6 cannot be undone: lead 2 was given another salesperson since (batch 7): undo that first"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch of the later assignment first lets the earlier go" {
	leads
	assign 2 ben internet 1000000
	assign 2 ann internet 1000000
	lead-status --undo-batch 7 --as meg 2>/dev/null
	run --separate-stderr lead-status --undo-batch 6 --as meg
	assert_success
	run sql "SELECT quote(salesperson) FROM leads WHERE id = 2"
	assert_output NULL
	run sql "SELECT login, pass FROM turns ORDER BY login"
	assert_output "ann|0
ben|0"
}

@test "lead-status --undo-batch of a BDC rep's change takes the CDR entry back" {
	leads
	lead-status 1 called-customer --follow-up +1d --as ann >/dev/null
	lead-status 1 left-message --follow-up +1d --as bob >/dev/null
	run --separate-stderr lead-status --undo-batch 7 --as meg
	assert_success
	run sql "SELECT s.status, l.salesperson, quote(l.cdr)
	    FROM lead_summary s JOIN leads l ON l.id = s.id WHERE s.id = 1"
	assert_output "called-customer|ann|NULL"
}

@test "lead-status --undo-batch reverses a needs-bdc mark" {
	leads
	lead-status 1 2 --needs-bdc --as meg >/dev/null
	run --separate-stderr lead-status --undo-batch 6 --as meg
	assert_success
	run sql "SELECT count(*) FROM leads WHERE needs_bdc"
	assert_output 0
	run sql "SELECT lead_id, value, batch_id FROM lead_marks ORDER BY id"
	assert_output "1|1|6
2|1|6
2|0|7
1|0|7"
}

@test "lead-status --undo-batch refuses a mark changed again since" {
	leads
	lead-status 1 --needs-bdc --as meg >/dev/null
	lead-status 1 --no-needs-bdc --as ann >/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 6 --as meg
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-status: batch 6 cannot be undone: lead 1 was marked needs-bdc again since (batch 7): undo that first"
	assert_equal "$(dump)" "$before"
	lead-status --undo-batch 7 --as meg 2>/dev/null
	run --separate-stderr lead-status --undo-batch 6 --as meg
	assert_success
	run sql "SELECT needs_bdc FROM leads WHERE id = 1"
	assert_output 0
}

@test "lead-status --undo-batch refuses an import whose lead was assigned since" {
	leads
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 1 --as meg
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-status: batch 1 cannot be undone: lead 1 was worked since (batch 4): undo that first"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses an import whose lead was marked since" {
	lead Ann
	lead Bea
	roster
	lead-status 2 --needs-bdc --as meg >/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 2 --as meg
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-status: batch 2 cannot be undone: lead 2 was worked since (batch 3): undo that first"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses an undo of assignments" {
	leads
	assign 2 ben internet 1000000
	lead-status --undo-batch 6 --as meg 2>/dev/null
	run --separate-stderr lead-status --undo-batch 7 --as meg
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-status: batch 7 cannot be undone: it is itself an undo; set the status again instead"
}

@test "lead-status --batches counts a batch's assignments and marks" {
	leads
	lead-status 1 2 --needs-bdc --as meg >/dev/null
	run --separate-stderr lead-status --batches --format json
	assert_success
	assert_equal "$(head -1 <<<"$output" | grep -o '"assignments":[0-9]*,"marks":[0-9]*')" '"assignments":0,"marks":2'
	assert_equal "$(sed -n 2p <<<"$output" | grep -o '"assignments":[0-9]*,"marks":[0-9]*')" '"assignments":1,"marks":0'
}

# --- with lead-assign itself ---------------------------------------------

@test "rule 3 off in rules loaded by lead-assign --load-rules" {
	leads
	printf '%s\n' 'set rule-3 off' 'rotation internet ann ben' \
	    'default -> internet round-robin' >rules.txt
	lead-assign --load-rules rules.txt --as meg 2>/dev/null
	run --separate-stderr lead-status 1 --log call --as bob
	assert_success
	run --separate-stderr lead-status 1 called-customer --follow-up +1d \
	    --as bob
	assert_equal "$status" 77
}

@test "lead-status --undo-batch of a lead-assign run gives the leads and the turns back" {
	lead Ann
	lead Bea
	roster
	printf '%s\n' 'rotation internet ann ben' \
	    'default -> internet round-robin' >rules.txt
	lead-assign --load-rules rules.txt --as meg 2>/dev/null
	lead-assign 1 2 --as meg >/dev/null
	batch=$(sql "SELECT max(id) FROM batches")
	run sql "SELECT login, pass FROM turns ORDER BY login"
	assert_output "ann|1000000
ben|1000000"
	run --separate-stderr lead-status --undo-batch "$batch" --as meg
	assert_success
	run sql "SELECT count(*) FROM leads WHERE salesperson IS NOT NULL"
	assert_output 0
	run sql "SELECT login, pass FROM turns ORDER BY login"
	assert_output "ann|0
ben|0"
	run --separate-stderr lead-assign 2 --as meg
	assert_success
	assert_output --partial "ann"
}

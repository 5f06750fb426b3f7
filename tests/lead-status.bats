#!/usr/bin/env bats
# lead-status: status changes under the catalog's rules, follow-ups,
# activities, appointments, undo, history, ids from stdin, batches and
# the catalog.  The clock is Monday 2026-11-23 09:00 in New York
# (14:00 UTC); times are stored in UTC.

load helper
bats_require_minimum_version 1.5.0

# lead FIRST RECEIVED [lead-add options]: add one lead, quietly.
lead() {
	local first=$1 received=$2
	shift 2
	lead-add --first "$first" --last Lee --received "$received" "$@" \
	    >/dev/null
}

# Lead 1: Ann, from AutoTrader, received three days before the clock.
ann() {
	lead Ann 2026-11-20T10:00 --email ann@example.com --source AutoTrader
}

# tsv LINE...: the lines with | for a tab, as lead-status prints them.
tsv() {
	printf '%s\n' "$@" | tr '|' '\t'
}

# refused MESSAGE: the last run was refused by a rule: exit 65, the one
# line on stderr, nothing on stdout.
refused() {
	assert_equal "$status" 65
	assert_equal "$output" ""
	assert_equal "$stderr" "lead-status: $1"
}

# usage_error MESSAGE: the last run was a bad invocation: exit 64, the
# one line and the usage on stderr, nothing on stdout.
usage_error() {
	assert_equal "$status" 64
	assert_equal "$output" ""
	assert_equal "$stderr" "lead-status: $1
$(lead-status --help | sed '/^$/,$d')"
}

# The lead's status by name.
status_of() {
	sql "SELECT status FROM lead_summary WHERE id = $1"
}

# --- setting a status under the catalog's rules ---------------------

@test "lead-status sets a status with its follow-up and prints the id" {
	ann
	run --separate-stderr lead-status 1 left-message \
	    --follow-up 'tomorrow 10:00' --note 'voicemail'
	assert_success
	assert_output 1
	assert_equal "$stderr" ""
	run sql "SELECT lead_id, from_id, to_id, note, undoes FROM status_changes"
	assert_output "1|1|4|voicemail|"
	run sql "SELECT kind, due_at, status_change_id, state FROM followup_state"
	assert_output "phone|2026-11-24T15:00:00Z|1|open"
	run status_of 1
	assert_output left-message
}

@test "lead-status refuses a status that needs a follow-up without one" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 left-message
	refused "lead 1: left-message needs a follow-up (rule follow-up): add --follow-up WHEN"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses no-answer without a follow-up, asking for a phone one" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 no-answer
	refused "lead 1: no-answer needs a follow-up (rule follow-up): add --follow-up WHEN --kind phone"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses no-answer with a follow-up of another kind" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 no-answer --follow-up +2d \
	    --kind email
	refused "lead 1: no-answer needs a phone follow-up, not email (rule follow-up-kind): use --kind phone"
	assert_equal "$(dump)" "$before"
}

@test "lead-status gives no-answer a phone follow-up when --kind is left out" {
	ann
	run --separate-stderr lead-status 1 no-answer --follow-up +2d
	assert_success
	assert_output 1
	run sql "SELECT kind, due_at FROM followups"
	assert_output "phone|2026-11-25T14:00:00Z"
}

@test "lead-status accepts no-answer with --kind phone in any case" {
	ann
	run --separate-stderr lead-status 1 no-answer --follow-up +2d \
	    --kind PHONE
	assert_success
	run sql "SELECT kind FROM followups"
	assert_output phone
}

@test "lead-status gives a follow-up the default kind, phone" {
	ann
	run --separate-stderr lead-status 1 called-customer --follow-up +2d
	assert_success
	run sql "SELECT kind FROM followups"
	assert_output phone
}

@test "lead-status schedules a follow-up of the kind asked for" {
	ann
	run --separate-stderr lead-status 1 email-sent --follow-up +2d \
	    --kind email
	assert_success
	run sql "SELECT kind, due_at FROM followups"
	assert_output "email|2026-11-25T14:00:00Z"
}

@test "lead-status refuses a follow-up kind that does not exist" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 left --follow-up +2d --kind fax
	assert_equal "$status" 64
	assert_equal "$stderr" 'lead-status: --kind: no such kind (lead-status --kinds lists them): "fax"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status sets bad-credit with a delayed contact six months later" {
	ann
	run --separate-stderr lead-status 1 bad-credit
	assert_success
	assert_output 1
	run sql "SELECT kind, due_at, status_change_id FROM followups"
	assert_output "delayed-contact|2027-05-23T13:00:00Z|1"
}

@test "lead-status sets buried-in-trade with a delayed contact six months later" {
	ann
	run --separate-stderr lead-status 1 buried-in-trade
	assert_success
	run sql "SELECT kind, due_at FROM followups"
	assert_output "delayed-contact|2027-05-23T13:00:00Z"
}

@test "lead-status takes --follow-up over bad-credit's six months" {
	ann
	run --separate-stderr lead-status 1 bad-credit --follow-up +3months
	assert_success
	run sql "SELECT kind, due_at FROM followups"
	assert_output "delayed-contact|2027-02-23T14:00:00Z"
}

@test "lead-status gives bad-credit's six months the --kind asked for" {
	ann
	run --separate-stderr lead-status 1 bad-credit --kind email
	assert_success
	run sql "SELECT kind, due_at FROM followups"
	assert_output "email|2027-05-23T13:00:00Z"
}

@test "lead-status sets a status that needs no follow-up without one" {
	ann
	run --separate-stderr lead-status 1 snail-mail
	assert_success
	assert_output 1
	run status_of 1
	assert_output snail-mail
	run sql "SELECT count(*) FROM followups"
	assert_output 0
}

@test "lead-status sets a status with an appointment as its follow-up" {
	ann
	run --separate-stderr lead-status 1 working-toward-appt \
	    --appointment 'wed 17:30'
	assert_success
	assert_output 1
	run sql "SELECT kind, due_at, status_change_id, appointment FROM followup_state"
	assert_output "demo|2026-11-25T22:30:00Z|1|1"
}

@test "lead-status keeps the appointment set with a status that needs none" {
	ann
	run --separate-stderr lead-status 1 snail-mail --appointment +1d \
	    --kind delivery
	assert_success
	run sql "SELECT kind, due_at FROM followups"
	assert_output "delivery|2026-11-24T14:00:00Z"
}

@test "lead-status refuses no-answer with an appointment for its follow-up" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 no-answer --appointment +1d
	refused "lead 1: no-answer needs a phone follow-up, not demo (rule follow-up-kind): use --kind phone"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses never-responded before 14 days and 3 attempts" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 never-responded
	refused "lead 1: never-responded only once a lead is 14d old or after 3 recorded contact attempts (rule min-age): lead 1 is 2 days old with 0 attempts; record attempts with --log call --outcome attempt"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses never-responded a second before 14 days" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 never-responded \
	    --now 2026-12-04T09:59:59-05:00
	refused "lead 1: never-responded only once a lead is 14d old or after 3 recorded contact attempts (rule min-age): lead 1 is 13 days old with 0 attempts; record attempts with --log call --outcome attempt"
	assert_equal "$(dump)" "$before"
}

@test "lead-status sets never-responded once the lead is 14 days old" {
	ann
	LEAD_NOW=2026-12-04T10:00:00-05:00 run --separate-stderr \
	    lead-status 1 never-responded
	assert_success
	assert_output 1
	run sql "SELECT status, status_at FROM lead_summary"
	assert_output "never-responded|2026-12-04T15:00:00Z"
}

@test "lead-status sets never-responded after 3 recorded attempts" {
	ann
	for i in 1 2; do
		lead-status 1 --log call --outcome attempt >/dev/null
	done
	run --separate-stderr lead-status 1 never-responded
	refused "lead 1: never-responded only once a lead is 14d old or after 3 recorded contact attempts (rule min-age): lead 1 is 2 days old with 2 attempts; record attempts with --log call --outcome attempt"
	lead-status 1 --log email >/dev/null
	run --separate-stderr lead-status 1 never-responded
	assert_success
	run status_of 1
	assert_output never-responded
}

@test "lead-status does not count a contact as an attempt for never-responded" {
	ann
	lead-status 1 --log call >/dev/null
	lead-status 1 --log call >/dev/null
	lead-status 1 --log call --outcome contact >/dev/null
	run --separate-stderr lead-status 1 never-responded
	refused "lead 1: never-responded only once a lead is 14d old or after 3 recorded contact attempts (rule min-age): lead 1 is 2 days old with 2 attempts; record attempts with --log call --outcome attempt"
}

@test "lead-status refuses unable-to-come-to-terms before a store visit" {
	ann
	lead-status 1 --log call --outcome contact >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 unable-to-come-to-terms
	refused "lead 1: unable-to-come-to-terms only after a store visit (rule needs-visit): lead 1 has none; record it with --log visit"
	assert_equal "$(dump)" "$before"
}

@test "lead-status sets unable-to-come-to-terms after a store visit" {
	ann
	lead-status 1 --log visit >/dev/null
	run --separate-stderr lead-status 1 unable-to-come-to-terms
	assert_success
	assert_output 1
	run status_of 1
	assert_output unable-to-come-to-terms
}

@test "lead-status sets unable-to-come-to-terms with the visit logged in the same command" {
	ann
	run --separate-stderr lead-status 1 unable --log visit --note 'no deal'
	assert_success
	run sql "SELECT kind, outcome, note FROM activities"
	assert_output "visit|fresh-up|"
	run sql "SELECT s.name, c.note FROM status_changes c JOIN statuses s ON s.id = c.to_id"
	assert_output "unable-to-come-to-terms|no deal"
}

@test "lead-status refuses dormant, which only the sweep sets" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 dormant
	refused "lead 1: dormant is set by lead-sweep only (rule auto): a lead gets it when nobody works it"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses new, the status a lead arrives in" {
	ann
	lead-status 1 snail-mail >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 new
	refused "lead 1: new is the status a lead arrives in (rule initial): to go back, use --undo"
	assert_equal "$(dump)" "$before"
}

@test "lead-status sets a status with no rules on any lead" {
	ann
	lead-status 1 sold >/dev/null
	run --separate-stderr lead-status 1 delivered
	assert_success
	run status_of 1
	assert_output delivered
}

@test "lead-status refuses a lead that does not exist" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 7 snail-mail
	refused "no lead 7"
	assert_equal "$(dump)" "$before"
}

# --- duplicates --------------------------------------------------------

@test "lead-status marks a duplicate of the same e-mail in another case, naming the original's source" {
	ann
	lead Annie 2026-11-22T10:00 --email ANN@Example.COM --source Cars.com
	run --separate-stderr lead-status 2 duplicate-lead --of 1
	assert_success
	assert_output 2
	run sql "SELECT lead_id, to_id, note FROM status_changes"
	assert_output "2|36|duplicate of lead 1 (source AutoTrader)"
}

@test "lead-status marks a duplicate of the same phone in another format" {
	lead Bob 2026-11-20T10:00 --phone 555-123-4567 --source Cars.com
	lead Bobby 2026-11-21T10:00 --phone '(555) 123 4567'
	run --separate-stderr lead-status 2 duplicate-lead --of 1
	assert_success
	run sql "SELECT note FROM status_changes"
	assert_output "duplicate of lead 1 (source Cars.com)"
}

@test "lead-status marks a duplicate of the same name and address" {
	lead Cy 2026-11-20T10:00 --street '1 Main St'
	lead CY 2026-11-21T10:00 --street '1 main st'
	run --separate-stderr lead-status 2 duplicate-lead --of 1
	assert_success
	run sql "SELECT note FROM status_changes"
	assert_output "duplicate of lead 1 (source unknown)"
}

@test "lead-status keeps the --note after the duplicate's own" {
	ann
	lead Ann 2026-11-22T10:00 --email ann@example.com
	run --separate-stderr lead-status 2 dup --of 1 --note 'sent twice'
	assert_success
	run sql "SELECT note FROM status_changes"
	assert_output "duplicate of lead 1 (source AutoTrader); sent twice"
}

@test "lead-status marks a duplicate of a lead exactly 30 days older" {
	lead Ann 2026-10-22T10:00 --email ann@example.com
	lead Ann 2026-11-21T10:00 --email ann@example.com
	run --separate-stderr lead-status 2 duplicate-lead --of 1
	assert_success
}

@test "lead-status refuses a duplicate of another customer" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	before=$(dump)
	run --separate-stderr lead-status 2 duplicate-lead --of 1
	refused "lead 2: duplicate-lead: lead 1 is not the same customer as lead 2 (rule duplicate-within: same e-mail, phone, or name and address)"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a duplicate of the same name at another address" {
	lead Cy 2026-11-20T10:00 --street '1 Main St'
	lead Cy 2026-11-21T10:00 --street '9 Elm St'
	run --separate-stderr lead-status 2 duplicate-lead --of 1
	refused "lead 2: duplicate-lead: lead 1 is not the same customer as lead 2 (rule duplicate-within: same e-mail, phone, or name and address)"
}

@test "lead-status refuses a duplicate of a later lead" {
	ann
	lead Ann 2026-11-22T10:00 --email ann@example.com
	before=$(dump)
	run --separate-stderr lead-status 1 duplicate-lead --of 2
	refused "lead 1: duplicate-lead: lead 2 did not arrive in the 30d before lead 1 (rule duplicate-within)"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a duplicate of a lead older than 30 days" {
	lead Ann 2026-10-22T09:59 --email ann@example.com
	lead Ann 2026-11-21T10:00 --email ann@example.com
	before=$(dump)
	run --separate-stderr lead-status 2 duplicate-lead --of 1
	refused "lead 2: duplicate-lead: lead 1 did not arrive in the 30d before lead 2 (rule duplicate-within)"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a lead as a duplicate of itself" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 duplicate-lead --of 1
	refused "lead 1: duplicate-lead: a lead is no duplicate of itself (rule duplicate-within): --of names the earlier lead"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a duplicate without --of" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 duplicate-lead
	refused "lead 1: duplicate-lead needs the earlier lead (rule duplicate-within): add --of ID"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a duplicate --of a lead that does not exist" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 duplicate-lead --of 9
	refused "--of: no lead 9"
	assert_equal "$(dump)" "$before"
}

# --- status names --------------------------------------------------------

@test "lead-status matches a status name in any case" {
	ann
	run --separate-stderr lead-status 1 SNAIL-Mail
	assert_success
	run status_of 1
	assert_output snail-mail
}

@test "lead-status takes an unambiguous prefix of a status name" {
	ann
	run --separate-stderr lead-status 1 left --follow-up +1d
	assert_success
	run status_of 1
	assert_output left-message
}

@test "lead-status reads a space or an underscore in a status name as a hyphen" {
	ann
	lead-status 1 'Left Message' --follow-up +1d >/dev/null
	run status_of 1
	assert_output left-message
	run --separate-stderr lead-status 1 snail_mail
	assert_success
	run status_of 1
	assert_output snail-mail
}

@test "lead-status refuses an ambiguous prefix, listing the matches" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 de --follow-up +1d
	assert_equal "$status" 64
	assert_output ""
	assert_equal "$stderr" 'lead-status: ambiguous status (deal-in-fi, deal-pending, deal-in-high-risk, delivered): "de"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a status that is not in the catalog" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 sleeping
	assert_equal "$status" 64
	assert_output ""
	assert_equal "$stderr" 'lead-status: no such status (lead-status --catalog lists them): "sleeping"'
	assert_equal "$(dump)" "$before"
}

# --- WHEN ----------------------------------------------------------------

@test "lead-status stores an ISO 8601 follow-up in UTC" {
	ann
	run --separate-stderr lead-status 1 left --follow-up 2026-12-01T10:00
	assert_success
	run sql "SELECT due_at FROM followups"
	assert_output 2026-12-01T15:00:00Z
}

@test "lead-status stores an ISO 8601 follow-up with an offset in UTC" {
	ann
	run --separate-stderr lead-status 1 left \
	    --follow-up 2026-12-01T10:00:00-08:00
	assert_success
	run sql "SELECT due_at FROM followups"
	assert_output 2026-12-01T18:00:00Z
}

@test "lead-status reads a follow-up 'tomorrow 10:00'" {
	ann
	run --separate-stderr lead-status 1 left --follow-up 'tomorrow 10:00'
	assert_success
	run sql "SELECT due_at FROM followups"
	assert_output 2026-11-24T15:00:00Z
}

@test "lead-status reads a follow-up '+2d'" {
	ann
	run --separate-stderr lead-status 1 left --follow-up +2d
	assert_success
	run sql "SELECT due_at FROM followups"
	assert_output 2026-11-25T14:00:00Z
}

@test "lead-status reads a follow-up '+6months' across the change to summer time" {
	ann
	run --separate-stderr lead-status 1 left --follow-up +6months
	assert_success
	run sql "SELECT due_at FROM followups"
	assert_output 2027-05-23T13:00:00Z
}

@test "lead-status reads a follow-up 'mon 9am' on a Monday as next Monday" {
	ann
	run --separate-stderr lead-status 1 left --follow-up 'mon 9am'
	assert_success
	run sql "SELECT due_at FROM followups"
	assert_output 2026-11-30T14:00:00Z
}

@test "lead-status refuses a follow-up in the past" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 left --follow-up yesterday
	usage_error "--follow-up: 2026-11-22T00:00:00-05:00 is in the past (now is 2026-11-23T09:00:00-05:00)"
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses a follow-up that is not a time" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 left --follow-up 'next blue moon'
	usage_error '--follow-up: not a time: "next blue moon"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status refuses an appointment in the past" {
	ann
	run --separate-stderr lead-status 1 --appointment '2026-11-23 08:59'
	usage_error "--appointment: 2026-11-23T08:59:00-05:00 is in the past (now is 2026-11-23T09:00:00-05:00)"
}

# --- undo ----------------------------------------------------------------

@test "lead-status --undo puts the previous status back as a history row of its own" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	lead-status 1 called --follow-up +2d --note spoke >/dev/null
	run --separate-stderr lead-status 1 --undo --note 'wrong lead'
	assert_success
	assert_output 1
	assert_equal "$stderr" ""
	run status_of 1
	assert_output left-message
	run sql "SELECT id, from_id, to_id, note, undoes FROM status_changes"
	assert_output "1|1|4||
2|4|2|spoke|
3|2|4|wrong lead|2"
}

@test "lead-status --undo twice goes back to new" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	lead-status 1 called --follow-up +2d >/dev/null
	lead-status 1 --undo >/dev/null
	run --separate-stderr lead-status 1 --undo
	assert_success
	run status_of 1
	assert_output new
	run sql "SELECT id, from_id, to_id, undoes FROM status_changes WHERE undoes IS NOT NULL"
	assert_output "3|2|4|2
4|4|1|1"
}

@test "lead-status --undo refuses a lead with nothing to undo" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	lead-status 1 --undo >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --undo
	refused "lead 1: no status change to undo"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo cancels the follow-up that came with the undone change only" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	lead-status 1 called --follow-up +2d >/dev/null
	lead-status 1 --follow-up +3d >/dev/null
	run --separate-stderr lead-status 1 --undo
	assert_success
	run sql "SELECT id, status_change_id, state FROM followup_state"
	assert_output "1|1|open
2|2|cancelled
3||open"
}

@test "lead-status --undo leaves a follow-up that was done as it was" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	lead-status 1 --log call >/dev/null
	run --separate-stderr lead-status 1 --undo
	assert_success
	run sql "SELECT e.event FROM followup_events e"
	assert_output done
}

@test "lead-status --undo cancels the appointment set with the undone status" {
	ann
	lead-status 1 working-toward-appt --appointment 'thu 17:00' >/dev/null
	run --separate-stderr lead-status 1 --undo
	assert_success
	run sql "SELECT kind, state FROM followup_state"
	assert_output "demo|cancelled"
	run --separate-stderr lead-status 1 --confirm
	refused "lead 1: no open appointment: set one with --appointment WHEN"
}

@test "lead-status --undo of a duplicate puts the lead back" {
	ann
	lead Ann 2026-11-22T10:00 --email ann@example.com
	lead-status 2 dup --of 1 >/dev/null
	run --separate-stderr lead-status 2 --undo
	assert_success
	run status_of 2
	assert_output new
}

# --- history ---------------------------------------------------------------

# Lead 1's week: a message left, the call back, a demo set, confirmed
# and shown, a status undone, a delivery missed.
week() {
	ann
	lead-status 1 left-message --follow-up 'tomorrow 10:00' --note vm
	lead-status 1 --log call --outcome contact --now 2026-11-24T10:05
	lead-status 1 working-toward-appt --appointment 'thu 17:00' \
	    --now 2026-11-24T10:10
	lead-status 1 --confirm --now 2026-11-24T11:00
	lead-status 1 --shown --now 2026-11-26T17:05
	lead-status 1 went-home-to-think --follow-up +2d \
	    --now 2026-11-26T18:00
	lead-status 1 --undo --note 'wrong lead' --now 2026-11-26T18:01
	lead-status 1 --appointment 'mon 10:00' --kind delivery \
	    --now 2026-11-26T18:05
	lead-status 1 --missed --now 2026-11-30T11:00
} >/dev/null

@test "lead-status --history shows every event in order as TSV" {
	week
	me=$(id -un)
	run --separate-stderr lead-status 1 --history
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(tsv \
	    "lead_id|at|event|detail|due_at|note|actor|batch_id" \
	    "1|2026-11-20T10:00:00-05:00|received|internet, AutoTrader|||$me|1" \
	    "1|2026-11-23T09:00:00-05:00|status|new -> left-message||vm|$me|2" \
	    "1|2026-11-23T09:00:00-05:00|follow-up|phone 1|2026-11-24T10:00:00-05:00||$me|2" \
	    "1|2026-11-24T10:05:00-05:00|call|out contact, follow-up 1|||$me|3" \
	    "1|2026-11-24T10:05:00-05:00|done|phone 1|||$me|3" \
	    "1|2026-11-24T10:10:00-05:00|status|left-message -> working-toward-appt|||$me|4" \
	    "1|2026-11-24T10:10:00-05:00|appointment|demo 2|2026-11-26T17:00:00-05:00||$me|4" \
	    "1|2026-11-24T11:00:00-05:00|confirmed|demo 2|||$me|5" \
	    "1|2026-11-26T17:05:00-05:00|visit|in fresh-up, follow-up 2|||$me|6" \
	    "1|2026-11-26T17:05:00-05:00|shown|demo 2|||$me|6" \
	    "1|2026-11-26T18:00:00-05:00|status|working-toward-appt -> went-home-to-think|||$me|7" \
	    "1|2026-11-26T18:00:00-05:00|follow-up|phone 3|2026-11-28T18:00:00-05:00||$me|7" \
	    "1|2026-11-26T18:01:00-05:00|undo|went-home-to-think -> working-toward-appt||wrong lead|$me|8" \
	    "1|2026-11-26T18:01:00-05:00|cancelled|phone 3|||$me|8" \
	    "1|2026-11-26T18:05:00-05:00|appointment|delivery 4|2026-11-30T10:00:00-05:00||$me|9" \
	    "1|2026-11-30T11:00:00-05:00|missed|delivery 4|||$me|10")"
}

@test "lead-status --history --format csv quotes fields with commas" {
	week
	me=$(id -un)
	run --separate-stderr lead-status 1 --history --format csv
	assert_success
	# RFC 4180: each record ends in CRLF.
	assert_equal "${lines[0]}" "lead_id,at,event,detail,due_at,note,actor,batch_id"$'\r'
	assert_equal "${lines[1]}" "1,2026-11-20T10:00:00-05:00,received,\"internet, AutoTrader\",,,$me,1"$'\r'
	assert_equal "${lines[3]}" "1,2026-11-23T09:00:00-05:00,follow-up,phone 1,2026-11-24T10:00:00-05:00,,$me,2"$'\r'
	assert_equal "${lines[13]}" "1,2026-11-26T18:01:00-05:00,undo,went-home-to-think -> working-toward-appt,,wrong lead,$me,8"$'\r'
	assert_equal "${#lines[@]}" 17
}

@test "lead-status --history --format json prints one object a line with offsets" {
	week
	me=$(id -un)
	run --separate-stderr lead-status 1 --history --format json
	assert_success
	assert_equal "${#lines[@]}" 16
	assert_equal "${lines[0]}" "{\"lead_id\":1,\"at\":\"2026-11-20T10:00:00-05:00\",\"event\":\"received\",\"detail\":\"internet, AutoTrader\",\"due_at\":null,\"note\":null,\"actor\":\"$me\",\"batch_id\":1}"
	assert_equal "${lines[2]}" "{\"lead_id\":1,\"at\":\"2026-11-23T09:00:00-05:00\",\"event\":\"follow-up\",\"detail\":\"phone 1\",\"due_at\":\"2026-11-24T10:00:00-05:00\",\"note\":null,\"actor\":\"$me\",\"batch_id\":2}"
	assert_equal "${lines[15]}" "{\"lead_id\":1,\"at\":\"2026-11-30T11:00:00-05:00\",\"event\":\"missed\",\"detail\":\"delivery 4\",\"due_at\":null,\"note\":null,\"actor\":\"$me\",\"batch_id\":10}"
}

@test "lead-status --history --no-header leaves the header out" {
	week
	run --separate-stderr lead-status 1 --history --no-header
	assert_success
	assert_equal "${#lines[@]}" 16
	assert_equal "$(cut -f3 <<<"${lines[0]}")" received
}

@test "lead-status --history shows an activity at the time it happened" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	lead-status 1 --log call --at 'today 8:30' >/dev/null
	run --separate-stderr lead-status 1 --history --no-header
	assert_success
	assert_equal "$(cut -f2,3 <<<"$output")" "$(tsv \
	    "2026-11-20T10:00:00-05:00|received" \
	    "2026-11-23T08:30:00-05:00|call" \
	    "2026-11-23T09:00:00-05:00|status" \
	    "2026-11-23T09:00:00-05:00|follow-up")"
}

@test "lead-status --history of two leads shows one after the other under one header" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	run --separate-stderr lead-status 2 1 --history
	assert_success
	assert_equal "$(cut -f1,3 <<<"$output")" "$(tsv \
	    "lead_id|event" "2|received" "1|received")"
}

@test "lead-status --history refuses a lead that does not exist" {
	ann
	run --separate-stderr lead-status 1 9 --history
	refused "no lead 9"
}

# --- showing a lead --------------------------------------------------------

SHOW_HEADER="id|status|status_at|received_at|origin|source|type|external_id|first_name|middle_name|last_name|company|email|email_unusable|phone|phone_e164|phone_unusable|contacts|street|city|region|postal_code|country|year|make|model|trim|vin|stock|price|odometer|color|interest|trade_year|trade_make|trade_model|trade_vin|trade_odometer|comments|vendor|extra|salesperson|cdr|needs_bdc|last_activity_at|attempts|contacts_made|visits|next_follow_up|next_follow_up_at|received_raw|created_at|batch_id"

@test "lead-status ID shows the lead as TSV with a header" {
	ann
	lead-status 1 left --follow-up 'tomorrow 10:00' >/dev/null
	lead-status 1 --log email >/dev/null
	run --separate-stderr lead-status 1
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(tsv "$SHOW_HEADER" \
	    "1|left-message|2026-11-23T09:00:00-05:00|2026-11-20T10:00:00-05:00|internet|AutoTrader|||Ann||Lee||ann@example.com|0|||0|[]||||||||||||||||||||||||||0|2026-11-23T09:00:00-05:00|1|0|0|phone|2026-11-24T10:00:00-05:00||2026-11-23T09:00:00-05:00|1")"
}

@test "lead-status ID --no-header shows the record alone" {
	ann
	run --separate-stderr lead-status 1 --no-header
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_equal "$(cut -f1,2,9 <<<"$output")" "$(tsv "1|new|Ann")"
}

@test "lead-status ID --format csv shows the lead as CSV" {
	ann
	run --separate-stderr lead-status 1 --format csv
	assert_success
	assert_equal "${lines[0]}" "$(tr '|' , <<<"$SHOW_HEADER")"$'\r'
	assert_equal "${lines[1]}" "1,new,2026-11-23T09:00:00-05:00,2026-11-20T10:00:00-05:00,internet,AutoTrader,,,Ann,,Lee,,ann@example.com,0,,,0,[],,,,,,,,,,,,,,,,,,,,,,,,,,0,,0,0,0,,,,2026-11-23T09:00:00-05:00,1"$'\r'
}

@test "lead-status ID --format json shows the lead as one object" {
	ann
	run --separate-stderr lead-status 1 --format json
	assert_success
	assert_output '{"id":1,"status":"new","status_at":"2026-11-23T09:00:00-05:00","received_at":"2026-11-20T10:00:00-05:00","origin":"internet","source":"AutoTrader","type":null,"external_id":null,"first_name":"Ann","middle_name":null,"last_name":"Lee","company":null,"email":"ann@example.com","email_unusable":0,"phone":null,"phone_e164":null,"phone_unusable":0,"contacts":[],"street":null,"city":null,"region":null,"postal_code":null,"country":null,"year":null,"make":null,"model":null,"trim":null,"vin":null,"stock":null,"price":null,"odometer":null,"color":null,"interest":null,"trade_year":null,"trade_make":null,"trade_model":null,"trade_vin":null,"trade_odometer":null,"comments":null,"vendor":null,"extra":null,"salesperson":null,"cdr":null,"needs_bdc":0,"last_activity_at":null,"attempts":0,"contacts_made":0,"visits":0,"next_follow_up":null,"next_follow_up_at":null,"received_raw":null,"created_at":"2026-11-23T09:00:00-05:00","batch_id":1}'
}

@test "lead-status ID --format table shows the lead one field a line" {
	ann
	run --separate-stderr lead-status 1 --format table
	assert_success
	assert_equal "${lines[0]}" "id                 1"
	assert_equal "${lines[1]}" "status             new"
	assert_equal "${lines[2]}" "status_at          2026-11-23 09:00"
	assert_equal "${lines[8]}" "first_name         Ann"
}

@test "lead-status shows two leads as two records" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	run --separate-stderr lead-status 1 2
	assert_success
	assert_equal "$(cut -f1,2,9 <<<"$output")" "$(tsv \
	    "id|status|first_name" "1|new|Ann" "2|new|Bob")"
}

@test "lead-status refuses to show a lead that does not exist" {
	ann
	run --separate-stderr lead-status 1 2
	refused "no lead 2"
}

# --- activities --------------------------------------------------------------

# The lead's activities: kind, direction, outcome, note, at.
activities() {
	sql "SELECT kind, direction, outcome, note, at FROM activities ORDER BY id"
}

@test "lead-status --log call records an attempt to the customer by default" {
	ann
	run --separate-stderr lead-status 1 --log call
	assert_success
	assert_output 1
	assert_equal "$stderr" ""
	run activities
	assert_output "call|out|attempt||2026-11-23T14:00:00Z"
	run status_of 1
	assert_output new
}

@test "lead-status --log with --direction in records contact by default" {
	ann
	run --separate-stderr lead-status 1 --log email --direction in
	assert_success
	run activities
	assert_output "email|in|contact||2026-11-23T14:00:00Z"
}

@test "lead-status --log takes the --outcome given" {
	ann
	run --separate-stderr lead-status 1 --log text --outcome contact \
	    --note 'replied yes'
	assert_success
	run activities
	assert_output "text|out|contact|replied yes|2026-11-23T14:00:00Z"
}

@test "lead-status --log records each kind of activity" {
	ann
	for k in call email text letter quote visit note; do
		lead-status 1 --log $k >/dev/null
	done
	run activities
	assert_output "call|out|attempt||2026-11-23T14:00:00Z
email|out|attempt||2026-11-23T14:00:00Z
text|out|attempt||2026-11-23T14:00:00Z
letter|out|attempt||2026-11-23T14:00:00Z
quote|out|||2026-11-23T14:00:00Z
visit|in|fresh-up||2026-11-23T14:00:00Z
note|out|||2026-11-23T14:00:00Z"
}

@test "lead-status --log visit records a fresh-up, then a be-back" {
	ann
	lead-status 1 --log visit >/dev/null
	run --separate-stderr lead-status 1 --log visit --now 2026-11-25T15:00
	assert_success
	run activities
	assert_output "visit|in|fresh-up||2026-11-23T14:00:00Z
visit|in|be-back||2026-11-25T20:00:00Z"
}

@test "lead-status --log visit takes --outcome be-back on the first visit" {
	ann
	run --separate-stderr lead-status 1 --log visit --outcome be-back
	assert_success
	run activities
	assert_output "visit|in|be-back||2026-11-23T14:00:00Z"
}

@test "lead-status --log --at records when it happened" {
	ann
	run --separate-stderr lead-status 1 --log call --at 'today 8:15'
	assert_success
	run activities
	assert_output "call|out|attempt||2026-11-23T13:15:00Z"
	run sql "SELECT last_activity_at FROM leads"
	assert_output 2026-11-23T13:15:00Z
}

@test "lead-status --log refuses --at in the future" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 --log call --at 'today 9:01'
	usage_error "--at: 2026-11-23T09:01:00-05:00 is in the future (now is 2026-11-23T09:00:00-05:00)"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --log completes the open follow-up its kind meets" {
	ann
	lead-status 1 left --follow-up 'tomorrow 10:00' >/dev/null
	run --separate-stderr lead-status 1 --log call --outcome contact \
	    --now 2026-11-24T10:05
	assert_success
	run sql "SELECT a.followup_id, f.state FROM activities a JOIN followup_state f ON f.id = a.followup_id"
	assert_output "1|done"
	run sql "SELECT followup_id, event, activity_id, at FROM followup_events"
	assert_output "1|done|1|2026-11-24T15:05:00Z"
}

@test "lead-status --log leaves open a follow-up its kind does not meet" {
	ann
	lead-status 1 left --follow-up 'tomorrow 10:00' >/dev/null
	run --separate-stderr lead-status 1 --log email
	assert_success
	run sql "SELECT a.followup_id, f.state FROM activities a, followup_state f"
	assert_output "|open"
}

@test "lead-status --log completes the follow-up due first" {
	ann
	lead-status 1 --follow-up +3d >/dev/null
	lead-status 1 --follow-up +1d >/dev/null
	run --separate-stderr lead-status 1 --log text
	assert_success
	run sql "SELECT id, state FROM followup_state ORDER BY id"
	assert_output "1|open
2|done"
}

@test "lead-status --log and a status in one command: the activity, then the status" {
	ann
	run --separate-stderr lead-status 1 no-answer --log call \
	    --follow-up 'tomorrow 10:00' --note 'rang out'
	assert_success
	run activities
	assert_output "call|out|attempt||2026-11-23T14:00:00Z"
	run sql "SELECT note, batch_id FROM status_changes"
	assert_output "rang out|2"
	run sql "SELECT state, batch_id FROM followup_state"
	assert_output "open|2"
}

@test "lead-status --follow-up alone schedules one without changing the status" {
	ann
	run --separate-stderr lead-status 1 --follow-up +1d --note 'call back'
	assert_success
	assert_output 1
	run sql "SELECT kind, due_at, note, status_change_id FROM followups"
	assert_output "phone|2026-11-24T14:00:00Z|call back|"
	run status_of 1
	assert_output new
}

@test "lead-status --log refuses an activity it does not know" {
	ann
	run --separate-stderr lead-status 1 --log fax
	usage_error '--log: not call, email, text, letter, quote, visit or note: "fax"'
}

@test "lead-status --log refuses an outcome it does not know" {
	ann
	run --separate-stderr lead-status 1 --log call --outcome maybe
	usage_error '--outcome: not contact, attempt, fresh-up or be-back: "maybe"'
}

@test "lead-status --log refuses a visit with a call's outcome" {
	ann
	run --separate-stderr lead-status 1 --log visit --outcome contact
	usage_error "--outcome: a visit is fresh-up or be-back, anything else contact or attempt"
}

@test "lead-status --log refuses a call with a visit's outcome" {
	ann
	run --separate-stderr lead-status 1 --log call --outcome fresh-up
	usage_error "--outcome: a visit is fresh-up or be-back, anything else contact or attempt"
}

@test "lead-status --direction refuses anything but in or out" {
	ann
	run --separate-stderr lead-status 1 --log call --direction up
	usage_error '--direction: not in or out: "up"'
}

# --- appointments ----------------------------------------------------------

@test "lead-status --appointment sets a demo by default" {
	ann
	run --separate-stderr lead-status 1 --appointment 'thu 17:00' \
	    --note 'test drive'
	assert_success
	assert_output 1
	run sql "SELECT kind, due_at, note, appointment, state, confirmed FROM followup_state"
	assert_output "demo|2026-11-26T22:00:00Z|test drive|1|open|0"
	run status_of 1
	assert_output new
}

@test "lead-status --appointment --kind sets an appointment of that kind" {
	ann
	run --separate-stderr lead-status 1 --appointment 'thu 17:00' \
	    --kind delivery
	assert_success
	run sql "SELECT kind FROM followups"
	assert_output delivery
}

@test "lead-status --appointment refuses a kind that is no appointment" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 --appointment 'thu 17:00' \
	    --kind phone
	assert_equal "$status" 64
	assert_equal "$stderr" 'lead-status: --kind: not an appointment: "phone"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status --confirm confirms the next appointment" {
	ann
	lead-status 1 --appointment 'fri 10:00' >/dev/null
	lead-status 1 --appointment 'thu 17:00' --kind delivery >/dev/null
	run --separate-stderr lead-status 1 --confirm
	assert_success
	assert_output 1
	run sql "SELECT id, kind, state, confirmed FROM followup_state ORDER BY id"
	assert_output "1|demo|open|0
2|delivery|open|1"
}

@test "lead-status --confirm refuses an appointment confirmed already" {
	ann
	lead-status 1 --appointment 'thu 17:00' >/dev/null
	lead-status 1 --confirm >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --confirm
	refused "lead 1: appointment 1 is confirmed already"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --shown records the store visit and the appointment shown" {
	ann
	lead-status 1 --appointment 'thu 17:00' >/dev/null
	lead-status 1 --confirm >/dev/null
	run --separate-stderr lead-status 1 --shown --now 2026-11-26T17:10
	assert_success
	assert_output 1
	run activities
	assert_output "visit|in|fresh-up||2026-11-26T22:10:00Z"
	run sql "SELECT state, confirmed FROM followup_state"
	assert_output "shown|1"
	run sql "SELECT event, activity_id FROM followup_events ORDER BY id"
	assert_output "confirmed|
shown|1"
}

@test "lead-status --shown takes a be-back's --outcome and --at" {
	ann
	lead-status 1 --appointment 'today 10:00' >/dev/null
	run --separate-stderr lead-status 1 --shown --outcome be-back \
	    --at 'today 10:05' --now 2026-11-23T11:00
	assert_success
	run activities
	assert_output "visit|in|be-back||2026-11-23T15:05:00Z"
}

@test "lead-status --shown refuses a call's outcome" {
	ann
	lead-status 1 --appointment 'today 10:00' >/dev/null
	run --separate-stderr lead-status 1 --shown --outcome contact
	usage_error "--outcome: a visit is fresh-up or be-back, anything else contact or attempt"
}

@test "lead-status --missed records the appointment missed" {
	ann
	lead-status 1 --appointment 'today 10:00' >/dev/null
	run --separate-stderr lead-status 1 --missed --now 2026-11-23T11:00
	assert_success
	run sql "SELECT state FROM followup_state"
	assert_output missed
	run sql "SELECT count(*) FROM activities"
	assert_output 0
}

@test "lead-status --confirm refuses a lead with no open appointment" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --confirm
	refused "lead 1: no open appointment: set one with --appointment WHEN"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --shown refuses a lead whose appointment was missed" {
	ann
	lead-status 1 --appointment 'today 10:00' >/dev/null
	lead-status 1 --missed --now 2026-11-23T11:00 >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --shown --now 2026-11-23T11:00
	refused "lead 1: no open appointment: set one with --appointment WHEN"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --missed refuses an appointment not yet due" {
	ann
	lead-status 1 --appointment 'today 10:00' >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --missed
	refused "lead 1: appointment 1 is not due until 2026-11-23T10:00:00-05:00: --missed once that has passed"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --shown --at before the appointment was set is refused" {
	ann
	lead-status 1 --appointment 'today 10:00' >/dev/null
	before=$(dump)
	run --separate-stderr lead-status 1 --shown --at 'yesterday 15:00'
	refused "lead 1: --at: the visit (2026-11-22T15:00:00-05:00) is before appointment 1 was set"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --kind with a status that schedules nothing is a usage error" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 sold --kind phone
	assert_equal "$status" 64
	assert_equal "$stderr" "lead-status: --kind: sold schedules no follow-up: add --follow-up WHEN"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --missed refuses a lead with no appointment" {
	ann
	before=$(dump)
	run --separate-stderr lead-status 1 --missed
	refused "lead 1: no open appointment: set one with --appointment WHEN"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --log visit shows the open appointment" {
	ann
	lead-status 1 --appointment 'today 10:00' >/dev/null
	run --separate-stderr lead-status 1 --log visit --now 2026-11-23T10:02
	assert_success
	run sql "SELECT state FROM followup_state"
	assert_output shown
}

# --- ids from stdin ----------------------------------------------------------

@test "lead-status - changes each lead read from stdin and prints the ids" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	lead Cy 2026-11-21T11:00 --email cy@example.com
	run --separate-stderr lead-status - left-message --follow-up tomorrow \
	    < <(printf '3\n1\n')
	assert_success
	assert_output "3
1"
	assert_equal "$stderr" ""
	run sql "SELECT id, status FROM lead_summary ORDER BY id"
	assert_output "1|left-message
2|new
3|left-message"
	run sql "SELECT lead_id, kind, due_at FROM followups ORDER BY id"
	assert_output "3|phone|2026-11-24T05:00:00Z
1|phone|2026-11-24T05:00:00Z"
}

@test "lead-status - skips the id header and the other columns of a listing" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	run --separate-stderr bash -c 'lead-status 1 2 |
	    lead-status - no-longer-interested --follow-up +6months \
	    --note "list clean-up"'
	assert_success
	assert_output "1
2"
	run sql "SELECT lead_id, note FROM status_changes"
	assert_output "1|list clean-up
2|list clean-up"
}

@test "lead-status - changes a lead named on several lines once" {
	ann
	lead-status 1 snail-mail >/dev/null
	lead-status 1 sold >/dev/null
	run --separate-stderr bash -c \
	    'lead-status 1 --history | lead-status - --undo'
	assert_success
	assert_output 1
	run status_of 1
	assert_output snail-mail
}

@test "lead-status - changes nothing when one lead is refused" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	lead-status 2 --log visit >/dev/null
	before=$(dump)
	run --separate-stderr lead-status - unable-to-come-to-terms \
	    < <(printf '2\n1\n')
	refused "lead 1: unable-to-come-to-terms only after a store visit (rule needs-visit): lead 1 has none; record it with --log visit"
	assert_equal "$(dump)" "$before"
}

@test "lead-status - refuses an id with no lead and changes nothing" {
	ann
	before=$(dump)
	run --separate-stderr lead-status - snail-mail < <(printf '1\n5\n')
	refused "no lead 5"
	assert_equal "$(dump)" "$before"
}

@test "lead-status - refuses a line that is not an id, naming it" {
	ann
	before=$(dump)
	run --separate-stderr lead-status - snail-mail < <(printf '1\nAnn\n')
	refused 'stdin:2: not a lead id: "Ann"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status - skips blank lines and reads CRLF" {
	ann
	run --separate-stderr lead-status - snail-mail < <(printf '\r\n1\r\n\n')
	assert_success
	assert_output 1
}

@test "lead-status - refuses ids on the command line beside it" {
	ann
	run --separate-stderr lead-status - 1 snail-mail </dev/null
	usage_error "- reads the ids from stdin: give no others"
}

# --- who, when, batches ------------------------------------------------------

@test "lead-status records the Unix login and the command's clock" {
	ann
	lead-status 1 --log call --now 2026-11-23T10:00 >/dev/null
	lead-status 1 left --follow-up +1d --now 2026-11-23T10:30 >/dev/null
	me=$(id -un)
	run sql "SELECT actor, at FROM activities
	    UNION ALL SELECT actor, at FROM status_changes
	    UNION ALL SELECT actor, at FROM followups
	    UNION ALL SELECT actor, at FROM batches WHERE id > 1"
	assert_output "$me|2026-11-23T15:00:00Z
$me|2026-11-23T15:30:00Z
$me|2026-11-23T15:30:00Z
$me|2026-11-23T15:00:00Z
$me|2026-11-23T15:30:00Z"
}

@test "lead-status makes one batch of a command, whatever it writes" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	run --separate-stderr lead-status 1 2 no-answer --log call \
	    --follow-up +1d
	assert_success
	run sql "SELECT count(*) FROM batches"
	assert_output 3
	run sql "SELECT DISTINCT batch_id FROM status_changes
	    UNION SELECT batch_id FROM activities
	    UNION SELECT batch_id FROM followups"
	assert_output 3
}

@test "lead-status leaves no batch when it changes nothing" {
	ann
	before=$(dump)
	run --separate-stderr lead-status - snail-mail </dev/null
	assert_success
	assert_output ""
	assert_equal "$(dump)" "$before"
}

@test "lead-status --batches lists program and arguments as typed, as JSON" {
	ann
	lead-status 1 left --follow-up 'tomorrow 10:00' --note "it's \"urgent\"" \
	    >/dev/null
	me=$(id -un)
	run --separate-stderr lead-status --batches --format json
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_equal "${lines[0]}" "{\"id\":2,\"at\":\"2026-11-23T09:00:00-05:00\",\"actor\":\"$me\",\"by_login\":null,\"program\":\"lead-status\",\"args\":[\"1\",\"left\",\"--follow-up\",\"tomorrow 10:00\",\"--note\",\"it's \\\"urgent\\\"\"],\"leads\":0,\"status_changes\":1,\"activities\":0,\"followups\":1,\"followup_events\":0,\"assignments\":0,\"marks\":0,\"catalog_changes\":0,\"documents\":0,\"quarantined\":0,\"undone_by\":null}"
	assert_equal "${lines[1]}" "{\"id\":1,\"at\":\"2026-11-23T09:00:00-05:00\",\"actor\":\"$me\",\"by_login\":null,\"program\":\"lead-add\",\"args\":[\"--first\",\"Ann\",\"--last\",\"Lee\",\"--received\",\"2026-11-20T10:00\",\"--email\",\"ann@example.com\",\"--source\",\"AutoTrader\"],\"leads\":1,\"status_changes\":0,\"activities\":0,\"followups\":0,\"followup_events\":0,\"assignments\":0,\"marks\":0,\"catalog_changes\":0,\"documents\":0,\"quarantined\":0,\"undone_by\":null}"
}

@test "lead-status --batches lists newest first as TSV" {
	ann
	lead-status 1 snail-mail >/dev/null
	me=$(id -un)
	run --separate-stderr lead-status --batches
	assert_success
	assert_equal "${lines[0]}" "$(tsv "id|at|actor|by_login|program|args|leads|status_changes|activities|followups|followup_events|assignments|marks|catalog_changes|documents|quarantined|undone_by")"
	assert_equal "${lines[1]}" "$(tsv "2|2026-11-23T09:00:00-05:00|$me||lead-status|[\"1\",\"snail-mail\"]|0|1|0|0|0|0|0|0|0|0|")"
	assert_equal "$(cut -f1,5 <<<"${lines[2]}")" "$(tsv "1|lead-add")"
}

@test "lead-status --undo-batch undoes every status change of a batch" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com
	printf '1\n2\n' | lead-status - left --follow-up +1d >/dev/null
	run --separate-stderr lead-status --undo-batch 3
	assert_success
	assert_output ""
	assert_equal "$stderr" "lead-status: batch 3 undone"
	run sql "SELECT id, status FROM lead_summary ORDER BY id"
	assert_output "1|new
2|new"
	run sql "SELECT lead_id, undoes, note, batch_id FROM status_changes WHERE undoes IS NOT NULL"
	assert_output "2|2|undo of a batch|4
1|1|undo of a batch|4"
	run sql "SELECT id, state FROM followup_state"
	assert_output "1|cancelled
2|cancelled"
	run sql "SELECT batch_id, undone_by FROM batch_undos"
	assert_output "3|4"
}

@test "lead-status --undo-batch removes the leads an import added" {
	ann
	lead Bob 2026-11-21T10:00 --email bob@example.com --phone 555-123-4567
	run --separate-stderr lead-status --undo-batch 2
	assert_success
	assert_equal "$stderr" "lead-status: batch 2 undone"
	run sql "SELECT id FROM leads"
	assert_output 1
	run sql "SELECT batch_id, undone_by FROM batch_undos"
	assert_output "2|3"
	run --separate-stderr lead-status 2
	refused "no lead 2"
}

@test "lead-status --undo-batch removes every lead of a CSV import" {
	ann
	printf 'First Name,Last Name,E-mail Address\nBob,Roe,bob@example.com\nCy,Doe,cy@example.com\n' >dump.csv
	run --separate-stderr lead-add --csv dump.csv
	assert_output "2
3"
	run sql "SELECT DISTINCT batch_id FROM leads WHERE id > 1"
	assert_output 2
	run --separate-stderr lead-status --undo-batch 2
	assert_success
	run sql "SELECT id FROM leads"
	assert_output 1
	run sql "SELECT b.args, u.undone_by FROM batches b
	    JOIN batch_undos u ON u.batch_id = b.id"
	assert_output '["--csv","dump.csv"]|3'
}

@test "lead-status --undo-batch refuses an import whose leads were worked since" {
	ann
	lead-status 1 --log call >/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 1
	refused "batch 1 cannot be undone: lead 1 was worked since (batch 2): undo that first"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses a status batch whose lead changed again" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	lead-status 1 snail-mail >/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 2
	refused "batch 2 cannot be undone: lead 1 changed again since (change 2): undo that first"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses a batch that recorded activities" {
	ann
	lead-status 1 --log call >/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 2
	refused "batch 2 cannot be undone: it recorded 1 activities, appointment outcomes or catalog changes, which stay in the history"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses a batch undone already" {
	ann
	lead-status 1 snail-mail >/dev/null
	lead-status --undo-batch 2 2>/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 2
	refused "batch 2 cannot be undone: batch 3 undid it already"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses to undo an undo" {
	ann
	lead-status 1 snail-mail >/dev/null
	lead-status --undo-batch 2 2>/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 3
	refused "batch 3 cannot be undone: it is itself an undo; set the status again instead"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses a batch that does not exist, its own number included" {
	ann
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 2
	refused "no batch 2"
	run --separate-stderr lead-status --undo-batch 7
	refused "no batch 7"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch refuses a batch id that is no number" {
	run --separate-stderr lead-status --undo-batch last
	usage_error '--undo-batch: not a batch id: "last"'
}

# --- history is append-only ----------------------------------------------------

@test "the database refuses to rewrite a status change" {
	ann
	lead-status 1 snail-mail >/dev/null
	before=$(dump)
	run sqlite3 "$LEAD_DB" "UPDATE status_changes SET note = 'x'"
	assert_failure
	assert_output --partial "history is append-only"
	assert_equal "$(dump)" "$before"
}

@test "the database refuses to delete a status change" {
	ann
	lead-status 1 snail-mail >/dev/null
	before=$(dump)
	run sqlite3 "$LEAD_DB" "DELETE FROM status_changes"
	assert_failure
	assert_output --partial "history is append-only"
	assert_equal "$(dump)" "$before"
}

@test "the database refuses to rewrite or delete activities, follow-ups and batches" {
	ann
	lead-status 1 left --log call --follow-up +1d >/dev/null
	lead-status 1 --log call >/dev/null
	before=$(dump)
	for q in "UPDATE activities SET outcome = 'contact'" \
	    "DELETE FROM activities" "UPDATE followups SET due_at = 'x'" \
	    "DELETE FROM followups" "DELETE FROM followup_events" \
	    "UPDATE followup_events SET event = 'missed'" \
	    "UPDATE batches SET actor = 'x'" "DELETE FROM batches"; do
		run sqlite3 "$LEAD_DB" "$q"
		assert_failure
		assert_output --partial "history is append-only"
	done
	assert_equal "$(dump)" "$before"
}

# --- the catalog ---------------------------------------------------------------

# catalog.tsv: the catalog as --catalog prints it, ready to edit.
# catalog: the stored catalog into catalog.tsv, in a database that
# exists (listing alone creates none).
catalog() {
	lead-add --first Cat --last Alog >/dev/null
	lead-status --catalog --format tsv >catalog.tsv
}

@test "lead-status --catalog lists each status with its id, groups and rules" {
	run --separate-stderr lead-status --catalog
	assert_success
	assert_equal "${#lines[@]}" 40
	assert_equal "${lines[0]}" "$(tsv "id|name|groups|rules|title")"
	assert_equal "${lines[1]}" "$(tsv "1|new|new working|initial|New: arrived, no status change yet")"
	assert_equal "${lines[3]}" "$(tsv "3|no-answer|working|follow-up follow-up-kind=phone|No answer: a call was attempted; the follow-up is a phone appointment")"
	assert_equal "${lines[23]}" "$(tsv "23|never-responded|final|min-age=14d min-attempts=3|Never responded to repeated attempts")"
	assert_equal "${lines[28]}" "$(tsv "28|bad-credit|final|follow-up follow-up-in=6months default-kind=delayed-contact|Bad credit: finance turned a deal down")"
	assert_equal "${lines[36]}" "$(tsv "36|duplicate-lead|invalid|excluded duplicate-within=30d|Duplicate: the same customer sent a lead within 30 days")"
}

@test "lead-status --kinds lists the follow-up kinds" {
	run --separate-stderr lead-status --kinds
	assert_success
	assert_output "$(tsv "kind|flags|done_by|title" \
	    "demo|appointment|visit|Demo appointment" \
	    "delayed-contact||call email text letter|Delayed contact" \
	    "phone|default|call text|Phone appointment" \
	    "delivery|appointment|visit|Delivery appointment" \
	    "email||email|E-mail appointment" \
	    "service|appointment|visit|Service appointment")"
}

@test "lead-status --kinds --format json prints one object a line" {
	run --separate-stderr lead-status --kinds --format json --no-header
	assert_success
	assert_equal "${#lines[@]}" 6
	assert_equal "${lines[2]}" '{"kind":"phone","flags":"default","done_by":"call text","title":"Phone appointment"}'
}

@test "lead-status --load-catalog of --catalog's own output changes nothing" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	catalog
	before=$(dump)
	run --separate-stderr lead-status --load-catalog catalog.tsv
	assert_success
	assert_output ""
	assert_equal "$stderr" "lead-status: catalog.tsv: 0 statuses changed"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --load-catalog of the shipped catalog, without ids, changes nothing" {
	cp "$SHARE/statuses.tsv" .
	lead-add --first Cat --last Alog >/dev/null
	before=$(dump)
	run --separate-stderr lead-status --load-catalog statuses.tsv
	assert_success
	assert_equal "$stderr" "lead-status: statuses.tsv: 0 statuses changed"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --load-catalog renames a status that keeps its id" {
	ann
	lead-status 1 left --follow-up +1d >/dev/null
	catalog
	sed -i 's/^4\tleft-message\t/4\tleft-voicemail\t/' catalog.tsv
	run --separate-stderr lead-status --load-catalog catalog.tsv
	assert_success
	assert_equal "$stderr" "lead-status: catalog.tsv: 1 status changed"
	run status_of 1
	assert_output left-voicemail
	run sql "SELECT id, name FROM statuses WHERE id = 4"
	assert_output "4|left-voicemail"
	assert_equal "$(lead-status 1 --history --no-header | sed -n 2p | cut -f4)" \
	    "new -> left-voicemail"
	run --separate-stderr lead-status 1 left-v --follow-up +2d
	assert_success
	run --separate-stderr lead-status 1 left-message --follow-up +2d
	assert_equal "$status" 64
	assert_equal "$stderr" 'lead-status: no such status (lead-status --catalog lists them): "left-message"'
}

@test "lead-status --load-catalog swaps two names by their ids" {
	catalog
	sed -i -e 's/^2\tcalled-customer\t/2\tTMP\t/' \
	    -e 's/^5\tcustomer-called\t/5\tcalled-customer\t/' \
	    -e 's/^2\tTMP\t/2\tcustomer-called\t/' catalog.tsv
	run --separate-stderr lead-status --load-catalog catalog.tsv
	assert_success
	assert_equal "$stderr" "lead-status: catalog.tsv: 2 statuses changed"
	run sql "SELECT id, name FROM statuses WHERE id IN (2, 5)"
	assert_output "2|customer-called
5|called-customer"
}

@test "lead-status --load-catalog records the change as a batch and in catalog_changes" {
	catalog
	sed -i 's/^4\tleft-message\t/4\tleft-voicemail\t/' catalog.tsv
	lead-status --load-catalog catalog.tsv 2>/dev/null
	me=$(id -un)
	run sql "SELECT id, actor, program, args FROM batches WHERE id > 1"
	assert_output "2|$me|lead-status|[\"--load-catalog\",\"catalog.tsv\"]"
	run sql "SELECT batch_id, status_id, old, new FROM catalog_changes"
	# old and new are catalog lines, tab-separated.
	assert_output "2|4|left-message	working	follow-up	Left message|left-voicemail	working	follow-up	Left message"
	run sql "SELECT batch_id FROM statuses WHERE batch_id IS NOT NULL"
	assert_output 2
}

@test "lead-status --load-catalog: a changed rule takes effect" {
	ann
	catalog
	sed -i 's/^4\tleft-message\tworking\tfollow-up\t/4\tleft-message\tworking\t\t/' \
	    catalog.tsv
	lead-status --load-catalog catalog.tsv 2>/dev/null
	run --separate-stderr lead-status 1 left-message
	assert_success
	assert_output 1
	run sql "SELECT count(*) FROM followups"
	assert_output 0
}

@test "lead-status --load-catalog: a new rule takes effect" {
	ann
	catalog
	sed -i 's/^21\tsnail-mail\tworking\t\t/21\tsnail-mail\tworking\tneeds-visit\t/' \
	    catalog.tsv
	lead-status --load-catalog catalog.tsv 2>/dev/null
	run --separate-stderr lead-status 1 snail-mail
	refused "lead 1: snail-mail only after a store visit (rule needs-visit): lead 1 has none; record it with --log visit"
}

@test "lead-status --load-catalog adds a status and removes an unused one" {
	catalog
	grep -v promo-entry catalog.tsv >edited.tsv
	printf '\tcalled-back\tworking\tfollow-up\tCalled back\n' >>edited.tsv
	run --separate-stderr lead-status --load-catalog edited.tsv
	assert_success
	assert_equal "$stderr" "lead-status: edited.tsv: 2 statuses changed"
	run sql "SELECT status_id, new IS NULL FROM catalog_changes"
	assert_output "39|1
40|0"
	run sql "SELECT id, name, position FROM statuses WHERE id >= 38"
	assert_output "38|junk-email|38
40|called-back|39"
}

@test "lead-status --load-catalog refuses to remove a status in use" {
	ann
	lead-status 1 snail-mail >/dev/null
	catalog
	grep -v snail-mail catalog.tsv >edited.tsv
	before=$(dump)
	run --separate-stderr lead-status --load-catalog edited.tsv
	refused 'edited.tsv: status 21 is in use (2 leads and changes); keep it in the catalog: "snail-mail"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status --load-catalog refuses a bad line, naming file and line" {
	catalog
	printf '\tcalled-back\tworking\tfolow-up\tCalled back\n' >>catalog.tsv
	before=$(dump)
	run --separate-stderr lead-status --load-catalog catalog.tsv
	refused 'catalog.tsv:41: rules: unknown rule: "folow-up"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status --load-catalog reports every bad line" {
	catalog
	sed -i -e 's/^3\tno-answer\tworking\t/3\tno answer\tworking\t/' \
	    -e 's/min-age=14d/min-age=fortnight/' \
	    -e 's/^21\tsnail-mail\tworking\t/21\tsnail-mail\t\t/' catalog.tsv
	run --separate-stderr lead-status --load-catalog catalog.tsv
	assert_equal "$status" 65
	assert_equal "$stderr" 'lead-status: catalog.tsv:4: name: not a status name: "no answer"
lead-status: catalog.tsv:22: groups: a status needs a group
lead-status: catalog.tsv:24: rules: not a duration: "fortnight"'
}

@test "lead-status --load-catalog refuses a catalog with no initial status" {
	catalog
	sed -i 's/^1\tnew\tnew working\tinitial\t/1\tnew\tnew working\t\t/' \
	    catalog.tsv
	run --separate-stderr lead-status --load-catalog catalog.tsv
	refused "catalog.tsv: rules: exactly one status must be initial, 0 are"
}

@test "lead-status --load-catalog refuses a follow-up kind that does not exist" {
	catalog
	sed -i 's/follow-up-kind=phone/follow-up-kind=fone/' catalog.tsv
	run --separate-stderr lead-status --load-catalog catalog.tsv
	refused 'catalog.tsv: no-answer: no such follow-up kind: "fone"'
}

@test "lead-status --load-catalog refuses an id no status has" {
	catalog
	sed -i 's/^39\tpromo-entry/99\tpromo-entry/' catalog.tsv
	before=$(dump)
	run --separate-stderr lead-status --load-catalog catalog.tsv
	refused 'catalog.tsv: id: no status has id 99: "promo-entry"'
	assert_equal "$(dump)" "$before"
}

@test "lead-status --load-catalog refuses one id on two lines" {
	catalog
	printf '39\tpromo\tinvalid\texcluded\tPromo\n' >>catalog.tsv
	run --separate-stderr lead-status --load-catalog catalog.tsv
	refused 'catalog.tsv:41: id: given twice: "39"'
}

@test "lead-status --load-catalog refuses a file that is not there" {
	run --separate-stderr lead-status --load-catalog nothing.tsv
	assert_equal "$status" 66
	assert_equal "$stderr" "lead-status: nothing.tsv: No such file or directory"
}

# --- invocation ----------------------------------------------------------------

@test "lead-status --help prints the usage and every option on stdout" {
	run --separate-stderr lead-status --help
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "usage: lead-status [--db path] [--now time] [--format fmt] [--no-header]"
	for o in appointment as at batches catalog confirm confirmed db \
	    direction follow-up format help history kind kinds load-catalog \
	    log missed needs-bdc no-header no-needs-bdc note now of outcome \
	    shown undo undo-batch version; do
		assert_line --regexp "^  --$o( |$)"
	done
}

@test "lead-status --version prints the version" {
	run --separate-stderr lead-status --version
	assert_success
	assert_output "lead-status 0.1.0"
}

@test "lead-status with no lead asks which" {
	run --separate-stderr lead-status
	usage_error "which lead? give its id, or - to read ids from stdin"
}

@test "lead-status refuses an unknown option" {
	run --separate-stderr lead-status 1 --colour
	usage_error "unrecognized option '--colour'"
}

@test "lead-status refuses an option without its value" {
	run --separate-stderr lead-status 1 left --follow-up
	usage_error "option '--follow-up' requires an argument"
}

@test "lead-status refuses --history with a status" {
	ann
	run --separate-stderr lead-status 1 left --follow-up +1d --history
	usage_error "--history shows; it changes nothing"
}

@test "lead-status refuses --outcome without --log" {
	ann
	run --separate-stderr lead-status 1 --outcome contact
	usage_error "--outcome, --direction and --at go with --log"
}

@test "lead-status refuses --at without --log" {
	ann
	run --separate-stderr lead-status 1 snail-mail --at 'today 8:00'
	usage_error "--outcome, --direction and --at go with --log"
}

@test "lead-status refuses a --note with nothing to go with" {
	ann
	run --separate-stderr lead-status 1 --note 'called twice'
	usage_error "--note goes with a change (a status, --log note, ...)"
}

@test "lead-status refuses --undo with a status" {
	ann
	run --separate-stderr lead-status 1 left --undo
	usage_error "--undo goes alone (with --note at most)"
}

@test "lead-status refuses two of --confirm, --shown and --missed" {
	ann
	run --separate-stderr lead-status 1 --confirm --missed
	usage_error "one of --confirm, --shown, --missed"
}

@test "lead-status refuses --shown with --log" {
	ann
	run --separate-stderr lead-status 1 --shown --log visit
	usage_error "--shown records the store visit: no --log with it"
}

@test "lead-status refuses --follow-up with --appointment" {
	ann
	run --separate-stderr lead-status 1 left --follow-up +1d \
	    --appointment +2d
	usage_error "--follow-up and --appointment: one at a time (--kind would name both)"
}

@test "lead-status refuses --of without a status" {
	ann
	run --separate-stderr lead-status 2 --of 1
	usage_error "--of goes with a duplicate status"
}

@test "lead-status refuses --of that is not an id" {
	run --separate-stderr lead-status 2 dup --of Ann
	usage_error '--of: not a lead id: "Ann"'
}

@test "lead-status refuses --kind alone" {
	ann
	run --separate-stderr lead-status 1 --kind phone
	usage_error "--kind goes with --follow-up or --appointment"
}

@test "lead-status refuses a format it does not know" {
	run --separate-stderr lead-status 1 --format xml
	usage_error '--format: not table, tsv, csv or json: "xml"'
}

@test "lead-status refuses a status before the id" {
	run --separate-stderr lead-status left 1
	usage_error 'not a lead id: "left"'
}

@test "lead-status refuses a second status" {
	run --separate-stderr lead-status 1 left sold
	usage_error 'not a lead id (one status only): "sold"'
}

@test "lead-status refuses a listing with a lead" {
	run --separate-stderr lead-status 1 --catalog
	usage_error "--batches, --catalog, --kinds, --load-catalog and --undo-batch go alone"
}

@test "lead-status refuses a clock that is not a time" {
	ann
	run --separate-stderr lead-status 1 snail-mail --now soon
	assert_equal "$status" 64
	assert_equal "$stderr" 'lead-status: --now: not a time: "soon"'
	LEAD_NOW=later run --separate-stderr lead-status 1 snail-mail
	assert_equal "$status" 64
	assert_equal "$stderr" 'lead-status: LEAD_NOW: not a time: "later"'
	run status_of 1
	assert_output new
}

@test "lead-status --db uses the database named" {
	ann
	lead-add --db other.db --first Bob --last Roe >/dev/null
	run --separate-stderr lead-status --db other.db 1 --format tsv --no-header
	assert_success
	assert_equal "$(cut -f9,11 <<<"$output")" "$(printf 'Bob\tRoe')"
	run stat -c %a other.db
	assert_output 600
}

@test "lead-status only reading leaves no database where there was none" {
	run --separate-stderr lead-status --catalog --format tsv --no-header
	assert_success
	assert_equal "$(cut -f2 <<<"${lines[0]}")" new
	run --separate-stderr lead-status 1
	assert_equal "$status" 65
	assert_equal "$stderr" "lead-status: no lead 1"
	[ ! -e "$LEAD_DB" ]
}

@test "lead-status duplicate-lead records the original lead in the history row" {
	ann
	lead Ann 2026-11-22T10:00 --email ANN@example.com >/dev/null
	lead-status 2 duplicate-lead --of 1 >/dev/null
	run sql "SELECT lead_id, of_lead_id FROM status_changes"
	assert_output "2|1"
}

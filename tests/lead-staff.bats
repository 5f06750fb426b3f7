#!/usr/bin/env bats
# lead-staff: the roster added to, listed and changed, days off, who is
# on shift at fixed clocks, shift exports loaded, and who may do it.
# The clock is Monday 2026-11-23 09:00 in New York (14:00 UTC).

bats_require_minimum_version 1.5.0
load helper

# staff ARGS...: run lead-staff with stdout ($output) and stderr apart.
staff() {
	run --separate-stderr lead-staff "$@"
}

# tsv LINE...: the lines with | for a tab, as lead-staff prints them.
tsv() {
	printf '%s\n' "$@" | tr '|' '\t'
}

# assert_stderr LINE...: stderr is exactly these lines (none: empty).
assert_stderr() {
	local want=

	[ $# -eq 0 ] || want=$(printf '%s\n' "$@")
	assert_equal "$stderr" "$want"
}

# usage_error MESSAGE: a bad invocation: exit 64, the line and the
# usage on stderr, nothing on stdout.
usage_error() {
	assert_equal "$status" 64
	assert_equal "$output" ""
	assert_equal "$stderr" "lead-staff: $1
$(lead-staff --help | sed '/^$/,$d')"
}

# refused STATUS MESSAGE: refused with one line, nothing printed or
# changed.
refused() {
	assert_equal "$status" "$1"
	assert_equal "$output" ""
	assert_equal "$stderr" "lead-staff: $2"
	assert_equal "$(dump)" "$before"
}

# The roster of the tests: a manager who works any time, an ISS and a
# BDC rep on weekdays, a floor salesperson at weekends.
roster() {
	lead-staff --add carl --role manager --name 'Carl Diaz' \
	    --email carl@dealer.example >/dev/null
	lead-staff --add ann --role iss --name 'Ann Lee' \
	    --email ann@dealer.example --hours 'mon-fri 09:00-18:00' >/dev/null
	lead-staff --add bob --role bdc --name 'Bob Roe' \
	    --hours 'mon-fri 08:00-17:00' >/dev/null
	lead-staff --add dee --role floor --name 'Dee Park' \
	    --hours 'sat-sun 10:00-18:00' >/dev/null
	before=$(dump)
}

# fixture NAME...: copies of tests/fixtures/shifts/NAME here, so that
# messages name them as a user beside the file would see them.
fixture() {
	local f

	for f; do
		cp "$FIXTURES/shifts/$f" . || return 1
	done
}

# on_shift [ARGS...]: who is on shift, as login|state lines.
on_shift() {
	lead-staff --on-shift "$@" | cut -f1,4 | tr '\t' '|'
}

# schedule: everyone's days off and shifts, as |-separated lines.
schedule() {
	lead-staff --schedule --no-header | tr '\t' '|'
}

# --- adding -----------------------------------------------------------

@test "lead-staff --add adds a person, prints the login and records the change" {
	staff --add ann --role iss --name 'Ann Lee'
	assert_success
	assert_output ann
	assert_stderr
	run sql "SELECT login, name, role, active, hours, phone, email, batch_id FROM staff"
	assert_output "ann|Ann Lee|iss|1||||1"
	run sql "SELECT batch_id, login, old, new FROM staff_changes"
	assert_output '1|ann||{"login":"ann","name":"Ann Lee","role":"iss","active":true,"hours":"","phone":"","email":""}'
	run sql "SELECT program, args FROM batches"
	assert_output 'lead-staff|["--add","ann","--role","iss","--name","Ann Lee"]'
}

@test "lead-staff --add stores hours, e-mail and phone the canonical way" {
	staff --add ann --role iss --hours 'Monday-Friday 9am-6pm, sat 10:00-16:00' \
	    --email ' Ann.Lee@Dealer.Example ' --phone '(555) 123-4567'
	assert_success
	run sql "SELECT hours, phone, email FROM staff"
	assert_output "mon-fri 09:00-18:00,sat 10:00-16:00|+15551234567|ann.lee@dealer.example"
}

@test "lead-staff --add --inactive adds someone who is on shift at no time" {
	lead-staff --add ann --role iss --inactive >/dev/null
	run sql "SELECT active FROM staff"
	assert_output 0
	run on_shift
	assert_output "login|state
ann|inactive"
}

@test "lead-staff --add --off gives the new person days off at once" {
	staff --add ann --role iss --off 2026-12-24..2026-12-26
	assert_success
	run sql "SELECT day, batch_id FROM time_off"
	assert_output "2026-12-24|1
2026-12-25|1
2026-12-26|1"
	run sql "SELECT count(*) FROM batches"
	assert_output 1
}

@test "lead-staff --add refuses a login already on the roster" {
	roster
	staff --add ann --role bdc
	refused 65 "ann is already on the roster"
}

@test "lead-staff --add needs --role" {
	staff --add ann --name 'Ann Lee'
	usage_error "--add needs --role (iss, bdc, floor, manager or admin)"
	[ ! -e "$LEAD_DB" ]
}

@test "lead-staff --add adds one person: no other logins" {
	staff --add ann --role iss bob
	usage_error "--add adds one person: no other logins"
}

@test "lead-staff refuses a login that is no Unix user name" {
	staff --add 'Ann Lee' --role iss
	usage_error '--add: not a login: "Ann Lee"'
	staff Ann --role iss
	usage_error 'not a login: "Ann"'
}

@test "lead-staff --role refuses what is no role" {
	staff --add ann --role sales
	usage_error '--role: not iss, bdc, floor, manager or admin: "sales"'
}

@test "lead-staff --hours refuses hours it cannot read, saying which part" {
	staff --add ann --role iss --hours 'mon-fri 09:00-17:00,wed 9-17'
	usage_error '--hours: wed 9-17: not HH:MM-HH:MM: "mon-fri 09:00-17:00,wed 9-17"'
	staff --add ann --role iss --hours 'someday 09:00-17:00'
	usage_error '--hours: someday 09:00-17:00: not a day (mon, tuesday, mon-fri, weekdays, ...): "someday 09:00-17:00"'
}

@test "lead-staff --email and --phone refuse what is no address or number" {
	staff --add ann --role iss --email ann.example.com
	usage_error '--email: not an e-mail address: "ann.example.com"'
	staff --add ann --role iss --phone 123
	usage_error '--phone: not a phone number: "123"'
}

# --- listing ----------------------------------------------------------

@test "lead-staff lists the roster by login, TSV when piped, login first" {
	roster
	staff
	assert_success
	assert_output "$(tsv 'login|name|role|active|hours|phone|email' \
	    'ann|Ann Lee|iss|yes|mon-fri 09:00-18:00||ann@dealer.example' \
	    'bob|Bob Roe|bdc|yes|mon-fri 08:00-17:00||' \
	    'carl|Carl Diaz|manager|yes|||carl@dealer.example' \
	    'dee|Dee Park|floor|yes|sat-sun 10:00-18:00||')"
	assert_stderr
}

@test "lead-staff --format table, csv and json, and --no-header" {
	lead-staff --add ann --role iss --name 'Ann Lee' \
	    --hours 'mon-fri 09:00-18:00,sat 10:00-16:00' --phone 555-123-4567 \
	    >/dev/null
	run lead-staff --format table
	assert_output "login  name     role  active  hours                                phone         email
ann    Ann Lee  iss   yes     mon-fri 09:00-18:00,sat 10:00-16:00  +15551234567"
	run lead-staff --format csv
	assert_output "$(printf '%s\r\n' 'login,name,role,active,hours,phone,email' \
	    "ann,Ann Lee,iss,yes,\"mon-fri 09:00-18:00,sat 10:00-16:00\",'+15551234567,")"
	run lead-staff --format json
	assert_output '{"login":"ann","name":"Ann Lee","role":"iss","active":"yes","hours":"mon-fri 09:00-18:00,sat 10:00-16:00","phone":"+15551234567","email":null}'
	run lead-staff --no-header --format tsv
	assert_output "$(tsv 'ann|Ann Lee|iss|yes|mon-fri 09:00-18:00,sat 10:00-16:00|+15551234567|')"
}

@test "lead-staff --format refuses an unknown format" {
	staff --format yaml
	usage_error '--format: not table, tsv, csv or json: "yaml"'
}

@test "lead-staff LOGIN... shows those people, in the order given" {
	roster
	staff dee ann
	assert_success
	assert_output "$(tsv 'login|name|role|active|hours|phone|email' \
	    'dee|Dee Park|floor|yes|sat-sun 10:00-18:00||' \
	    'ann|Ann Lee|iss|yes|mon-fri 09:00-18:00||ann@dealer.example')"
}

@test "lead-staff - reads the logins of any listing from stdin" {
	roster
	run bash -c 'lead-staff | lead-staff -'
	assert_success
	assert_output "$(lead-staff)"
	run bash -c 'lead-staff --on-shift | lead-staff --no-header -'
	assert_output "$(lead-staff --no-header)"
}

@test "lead-staff - refuses a line that is no login, naming it" {
	roster
	run --separate-stderr lead-staff - <<<'ann
Bob Roe'
	assert_equal "$status" 65
	assert_stderr 'lead-staff: stdin:2: not a login: "Bob Roe"'
}

@test "lead-staff - and other logins together are refused" {
	staff ann -
	usage_error "- reads the logins from stdin: give no others"
}

@test "lead-staff refuses to show someone not on the roster" {
	roster
	staff ann zed
	refused 65 "zed is not on the roster"
}

@test "lead-staff on an empty roster prints the header and creates no database" {
	staff
	assert_success
	assert_output "$(tsv 'login|name|role|active|hours|phone|email')"
	[ ! -e "$LEAD_DB" ]
}

# --- changing ---------------------------------------------------------

@test "lead-staff LOGIN changes the fields given, recording old and new" {
	roster
	staff ann --role manager --name 'Ann B. Lee' --hours 'tue-sat 10:00-19:00' \
	    --phone '555 123 4567' --email ann.lee@dealer.example
	assert_success
	assert_output ann
	assert_stderr
	run sql "SELECT login, name, role, active, hours, phone, email FROM staff WHERE login = 'ann'"
	assert_output "ann|Ann B. Lee|manager|1|tue-sat 10:00-19:00|+15551234567|ann.lee@dealer.example"
	run sql "SELECT batch_id, login, old, new FROM staff_changes WHERE batch_id = 5"
	assert_output '5|ann|{"login":"ann","name":"Ann Lee","role":"iss","active":true,"hours":"mon-fri 09:00-18:00","phone":"","email":"ann@dealer.example"}|{"login":"ann","name":"Ann B. Lee","role":"manager","active":true,"hours":"tue-sat 10:00-19:00","phone":"+15551234567","email":"ann.lee@dealer.example"}'
}

@test "lead-staff changes several people in one batch, from stdin too" {
	roster
	staff ann bob --hours 'weekdays 10:00-19:00'
	assert_success
	assert_output "ann
bob"
	run sql "SELECT login, hours, batch_id FROM staff WHERE login IN ('ann', 'bob')"
	assert_output "ann|mon-fri 10:00-19:00|5
bob|mon-fri 10:00-19:00|5"
	run bash -c "printf 'login\nann\ndee\n' | lead-staff - --phone 555-000-1234"
	assert_success
	assert_output "ann
dee"
	run sql "SELECT login FROM staff WHERE phone = '+15550001234'"
	assert_output "ann
dee"
	run sql "SELECT count(*) FROM batches"
	assert_output 6
}

@test "lead-staff: a change to what already is so leaves no batch" {
	roster
	staff ann --role iss --hours 'Monday-Friday 9:00-18:00'
	assert_success
	assert_output ann
	assert_equal "$(dump)" "$before"
}

@test "lead-staff --phone '' and --email '' clear them" {
	roster
	lead-staff ann --phone 555-123-4567 >/dev/null
	staff ann --phone '' --email ''
	assert_success
	run sql "SELECT phone IS NULL, email IS NULL FROM staff WHERE login = 'ann'"
	assert_output "1|1"
}

@test "lead-staff --inactive takes someone off every shift; --active puts them back" {
	roster
	staff bob --inactive
	assert_success
	run lead-staff bob --format tsv --no-header
	assert_output "$(tsv 'bob|Bob Roe|bdc|no|mon-fri 08:00-17:00||')"
	run on_shift bob
	assert_output "login|state
bob|inactive"
	lead-staff bob --active >/dev/null
	run on_shift bob
	assert_output "login|state
bob|on shift"
	run sql "SELECT json_extract(old, '$.active'), json_extract(new, '$.active') FROM staff_changes WHERE batch_id > 4"
	assert_output "1|0
0|1"
}

@test "lead-staff --active and --inactive together are refused" {
	staff bob --active --inactive
	usage_error "--active or --inactive, not both"
}

@test "lead-staff changes nobody when one of the logins is not on the roster" {
	roster
	staff ann zed --hours 'mon 09:00-10:00'
	refused 65 "zed is not on the roster"
}

@test "lead-staff refuses a change without a login" {
	staff --hours 'mon 09:00-10:00'
	usage_error "whom? give their logins, or - to read them from stdin"
}

@test "lead-staff refuses to leave no active manager or admin on the roster" {
	roster
	staff carl --inactive
	refused 65 "that would leave no active manager or admin on the roster: add or make one first"
	staff carl --role iss
	refused 65 "that would leave no active manager or admin on the roster: add or make one first"
	lead-staff ann --role admin >/dev/null
	staff carl --inactive
	assert_success
}

# --- days off ---------------------------------------------------------

@test "lead-staff --off gives days off, ranges and repeats included" {
	roster
	staff ann --off 2026-12-24..2026-12-26 --off 12/31/2026 --off 2026-12-25
	assert_success
	assert_output ann
	run sql "SELECT s.login, o.day, o.batch_id FROM time_off o JOIN staff s ON s.id = o.staff_id"
	assert_output "ann|2026-12-24|5
ann|2026-12-25|5
ann|2026-12-26|5
ann|2026-12-31|5"
	run sql "SELECT login, old, new FROM staff_changes WHERE batch_id = 5 LIMIT 1"
	assert_output 'ann||{"login":"ann","time_off":"2026-12-24"}'
}

@test "lead-staff --off reads days against the clock" {
	roster
	lead-staff ann --off tomorrow --off fri >/dev/null
	run sql "SELECT day FROM time_off"
	assert_output "2026-11-24
2026-11-27"
}

@test "lead-staff --off of a day already off changes nothing" {
	roster
	lead-staff ann --off 2026-12-24 >/dev/null
	before=$(dump)
	staff ann --off 2026-12-24
	assert_success
	assert_equal "$(dump)" "$before"
}

@test "lead-staff --cancel-off takes days off back, recorded" {
	roster
	lead-staff ann --off 2026-12-24..2026-12-31 >/dev/null
	staff ann --cancel-off 2026-12-27..2026-12-31 --cancel-off 2027-01-05
	assert_success
	run sql "SELECT day FROM time_off"
	assert_output "2026-12-24
2026-12-25
2026-12-26"
	run sql "SELECT count(*), count(old), count(new) FROM staff_changes WHERE batch_id = 6"
	assert_output "5|5|0"
}

@test "lead-staff --off refuses what is no day, or a range the wrong way round" {
	staff ann --off 2026-13-01
	usage_error '--off: not a day or day..day: "2026-13-01"'
	staff ann --cancel-off 2026-12-31..2026-12-24
	usage_error '--cancel-off: the range ends before it starts: "2026-12-31..2026-12-24"'
	staff ann --off 2026-01-01..2027-06-30
	usage_error '--off: more than a year: "2026-01-01..2027-06-30"'
}

@test "lead-staff --schedule lists days off and shifts from today on" {
	roster
	lead-staff ann --off 2026-11-20 --off 2026-12-24 >/dev/null
	lead-staff bob --off 2026-11-23 >/dev/null
	staff --schedule
	assert_success
	assert_output "$(tsv 'login|day|kind|start_at|end_at' \
	    'bob|2026-11-23|time off||' 'ann|2026-12-24|time off||')"
	staff ann --schedule --since 2026-11-01
	assert_output "$(tsv 'login|day|kind|start_at|end_at' \
	    'ann|2026-11-20|time off||' 'ann|2026-12-24|time off||')"
	staff --schedule --since 2026-12-01 --format json
	assert_output '{"login":"ann","day":"2026-12-24","kind":"time off","start_at":null,"end_at":null}'
}

@test "lead-staff --since goes with --schedule, and is one day" {
	staff --since 2026-12-01
	usage_error "--since goes with --schedule"
	staff --schedule --since 2026-12-01..2026-12-02
	usage_error '--since: one day, not a range: "2026-12-01..2026-12-02"'
	staff --schedule --since never
	usage_error '--since: not a day or day..day: "never"'
}

# --- on shift ---------------------------------------------------------

@test "lead-staff --on-shift at the clock says who is on and why not" {
	roster
	lead-staff bob --off today >/dev/null
	lead-staff --add eve --role iss --inactive >/dev/null
	staff --on-shift
	assert_success
	assert_output "$(tsv 'login|name|role|state' \
	    'ann|Ann Lee|iss|on shift' 'bob|Bob Roe|bdc|time off' \
	    'carl|Carl Diaz|manager|on shift' 'dee|Dee Park|floor|off shift' \
	    'eve||iss|inactive')"
}

@test "lead-staff --on-shift follows LEAD_NOW and --now" {
	roster
	LEAD_NOW=2026-11-28T11:00:00-05:00 run on_shift
	assert_output "login|state
ann|off shift
bob|off shift
carl|on shift
dee|on shift"
	run on_shift --now '2026-11-23 17:30'
	assert_output "login|state
ann|on shift
bob|off shift
carl|on shift
dee|off shift"
	run on_shift --now '2026-11-23 18:00' ann
	assert_output "login|state
ann|off shift"
}

@test "lead-staff --on-shift LOGIN... lists only them" {
	roster
	staff --on-shift dee carl --format table
	assert_output "login  name       role     state
carl   Carl Diaz  manager  on shift
dee    Dee Park   floor    off shift"
}

@test "lead-staff: a day with dated shifts goes by them, not the weekly hours" {
	roster
	fixture deputy.csv
	lead-staff --load-shifts deputy.csv 2>/dev/null
	# Tuesday 2026-12-01: Ann 09:00-17:00 and Bob 12:00-20:00 by the
	# shifts; Ann's hours would keep her to 18:00, Bob's end at 17:00.
	run on_shift --now '2026-12-01 10:00' ann bob
	assert_output "login|state
ann|on shift
bob|off shift"
	run on_shift --now '2026-12-01 17:30' ann bob
	assert_output "login|state
ann|off shift
bob|on shift"
	# Wednesday: no shift for Bob, a day off instead; Thursday: hours.
	run on_shift --now '2026-12-02 10:00' ann bob
	assert_output "login|state
ann|on shift
bob|time off"
	run on_shift --now '2026-12-03 17:30' ann bob
	assert_output "login|state
ann|on shift
bob|off shift"
}

@test "lead-staff: an overnight shift keeps its person on shift past midnight" {
	roster
	fixture deputy.csv
	lead-staff --load-shifts deputy.csv 2>/dev/null
	# Dee works Saturday 2026-12-05 22:00 to Sunday 06:00.
	run on_shift --now '2026-12-05 21:59' dee
	assert_output "login|state
dee|off shift"
	run on_shift --now '2026-12-06 05:59' dee
	assert_output "login|state
dee|on shift"
	# Sunday has no shifts of its own: after 06:00 her hours hold.
	run on_shift --now '2026-12-06 06:00' dee
	assert_output "login|state
dee|off shift"
	run on_shift --now '2026-12-06 10:00' dee
	assert_output "login|state
dee|on shift"
}

@test "lead-staff: a day off beats a shift that day" {
	roster
	fixture deputy.csv
	lead-staff --load-shifts deputy.csv 2>/dev/null
	lead-staff ann --off 2026-12-01 >/dev/null
	run on_shift --now '2026-12-01 10:00' ann
	assert_output "login|state
ann|time off"
}

@test "lead-staff: weekly hours are local time, across the change to summer time" {
	lead-staff --add ann --role iss --hours 'sun 01:00-03:00' >/dev/null
	# 2026-03-08 02:00 EST is 03:00 EDT.
	run on_shift --now 2026-03-08T01:59:00-05:00
	assert_output "login|state
ann|on shift"
	run on_shift --now 2026-03-08T03:00:00-04:00
	assert_output "login|state
ann|off shift"
}

@test "lead-staff --on-shift and --schedule go alone" {
	staff --on-shift --schedule
	usage_error "--on-shift or --schedule, not both"
	staff ann --on-shift --hours 'mon 09:00-10:00'
	usage_error "--on-shift and --schedule show; they change nothing"
}

# --- who may --------------------------------------------------------

@test "lead-staff --as an ISS is refused: only a manager or admin changes the roster" {
	roster
	staff --as ann bob --hours 'mon 09:00-10:00'
	refused 77 "ann is iss: only a manager or admin may change the roster"
	staff --as bob --add eve --role iss
	refused 77 "bob is bdc: only a manager or admin may change the roster"
}

@test "lead-staff --as a manager changes the roster; the batch names both" {
	roster
	staff --as carl ann --hours 'mon 09:00-10:00'
	assert_success
	run sql "SELECT actor, by_login FROM batches ORDER BY id DESC LIMIT 1"
	assert_output "carl|$(id -un)"
}

@test "lead-staff --as someone not on the roster is refused" {
	roster
	staff --as zed ann --hours 'mon 09:00-10:00'
	refused 77 "--as zed: not on the staff roster"
}

@test "lead-staff --as refuses what is no login" {
	staff --as 'Carl Diaz' ann --hours 'mon 09:00-10:00'
	usage_error '--as: not a login: "Carl Diaz"'
}

@test "lead-staff --load-shifts --as an ISS is refused and stores nothing" {
	roster
	fixture deputy.csv
	staff --as ann --load-shifts deputy.csv
	refused 77 "ann is iss: only a manager or admin may change the roster"
}

@test "lead-status --undo-batch refuses a roster batch and changes nothing" {
	roster
	lead-staff ann --hours 'mon 09:00-10:00' >/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 5
	assert_equal "$status" 65
	assert_equal "$(dump)" "$before"
}

# --- shift exports --------------------------------------------------

@test "lead-staff --load-shifts reads a Deputy export: names, 12-hour times, an overnight shift, Time Off" {
	roster
	fixture deputy.csv
	staff --load-shifts deputy.csv
	assert_success
	assert_output ""
	assert_stderr \
	    "lead-staff: deputy.csv: dates read month-first (nothing in the file says which; --date-order dmy reads them day-first)" \
	    "lead-staff: deputy.csv: 4 shifts added, 0 removed, 0 unchanged, 1 day off added (3 people, 3 days)"
	run schedule
	assert_output "ann|2026-12-01|shift|2026-12-01T09:00:00-05:00|2026-12-01T17:00:00-05:00
bob|2026-12-01|shift|2026-12-01T12:00:00-05:00|2026-12-01T20:00:00-05:00
ann|2026-12-02|shift|2026-12-02T09:00:00-05:00|2026-12-02T13:00:00-05:00
bob|2026-12-02|time off||
dee|2026-12-05|shift|2026-12-05T22:00:00-05:00|2026-12-06T06:00:00-05:00"
	run sql "SELECT day, start_at, end_at, batch_id FROM shifts WHERE staff_id = 4"
	assert_output "2026-12-05|2026-12-06T03:00:00Z|2026-12-06T11:00:00Z|5"
	run sql "SELECT login, old, new FROM staff_changes WHERE batch_id = 5 AND login = 'dee'"
	assert_output 'dee||{"login":"dee","shift":"2026-12-05","start_at":"2026-12-06T03:00:00Z","end_at":"2026-12-06T11:00:00Z"}'
}

@test "lead-staff --load-shifts reads a When I Work export: first and last names, e-mails, CRLF, PTO" {
	roster
	fixture wheniwork.csv
	staff --load-shifts wheniwork.csv
	assert_success
	assert_stderr "lead-staff: wheniwork.csv: 2 shifts added, 0 removed, 0 unchanged, 1 day off added (3 people, 2 days)"
	run schedule
	assert_output "ann|2026-12-07|shift|2026-12-07T09:00:00-05:00|2026-12-07T17:30:00-05:00
carl|2026-12-07|shift|2026-12-07T08:00:00-05:00|2026-12-07T16:00:00-05:00
dee|2026-12-08|time off||"
}

@test "lead-staff --load-shifts reads a Homebase export: one Shift column" {
	roster
	fixture homebase.csv
	staff --load-shifts homebase.csv
	assert_success
	run schedule
	assert_output "ann|2026-12-14|shift|2026-12-14T09:00:00-05:00|2026-12-14T17:00:00-05:00
bob|2026-12-14|shift|2026-12-14T08:00:00-05:00|2026-12-14T16:00:00-05:00"
}

@test "lead-staff --load-shifts matches by login first; Vacation is a day off" {
	roster
	fixture logins.csv
	staff --load-shifts logins.csv
	assert_success
	assert_stderr "lead-staff: logins.csv: 1 shift added, 0 removed, 0 unchanged, 1 day off added (2 people, 1 day)"
	run schedule
	assert_output "ann|2026-12-21|shift|2026-12-21T09:00:00-05:00|2026-12-21T17:00:00-05:00
bob|2026-12-21|time off||"
}

@test "lead-staff --load-shifts reads dates day-first when the file shows it" {
	roster
	fixture day-first.csv
	staff --load-shifts day-first.csv
	assert_success
	assert_stderr "lead-staff: day-first.csv: 2 shifts added, 0 removed, 0 unchanged, 0 days off added (1 person, 2 days)"
	run schedule
	assert_output "ann|2026-12-01|shift|2026-12-01T09:00:00-05:00|2026-12-01T17:00:00-05:00
ann|2026-12-24|shift|2026-12-24T09:00:00-05:00|2026-12-24T13:00:00-05:00"
}

@test "lead-staff --date-order dmy reads a file of ambiguous dates day-first" {
	roster
	fixture homebase.csv
	sed -i 's,12/14/2026,05/12/2026,' homebase.csv
	staff --load-shifts homebase.csv --date-order dmy
	assert_success
	assert_stderr "lead-staff: homebase.csv: 2 shifts added, 0 removed, 0 unchanged, 0 days off added (2 people, 1 day)"
	run sql "SELECT DISTINCT day FROM shifts"
	assert_output 2026-12-05
}

@test "lead-staff --date-order refuses an unknown order" {
	staff --load-shifts x.csv --date-order dym
	usage_error '--date-order: not mdy, dmy or ymd: "dym"'
}

@test "lead-staff --load-shifts twice: the second time changes nothing and leaves no batch" {
	roster
	fixture deputy.csv
	lead-staff --load-shifts deputy.csv 2>/dev/null
	before=$(dump)
	staff --load-shifts deputy.csv
	assert_success
	assert_stderr \
	    "lead-staff: deputy.csv: dates read month-first (nothing in the file says which; --date-order dmy reads them day-first)" \
	    "lead-staff: deputy.csv: 0 shifts added, 0 removed, 4 unchanged, 0 days off added (3 people, 3 days)"
	assert_equal "$(dump)" "$before"
}

@test "lead-staff --load-shifts of a revised export replaces its people's shifts on its days only" {
	roster
	fixture week.csv week-revised.csv floor-week.csv
	lead-staff --load-shifts week.csv 2>/dev/null
	lead-staff --load-shifts floor-week.csv 2>/dev/null
	lead-staff bob --off 2026-12-02 >/dev/null
	staff --load-shifts week-revised.csv
	assert_success
	assert_stderr "lead-staff: week-revised.csv: 1 shift added, 2 removed, 4 unchanged, 0 days off added (2 people, 3 days)"
	# Ann's Tuesday moved, Bob's Wednesday went; Dee, not in the file,
	# keeps hers, and Bob's day off stays.
	run schedule
	assert_output "ann|2026-11-30|shift|2026-11-30T09:00:00-05:00|2026-11-30T17:00:00-05:00
bob|2026-11-30|shift|2026-11-30T08:00:00-05:00|2026-11-30T16:00:00-05:00
ann|2026-12-01|shift|2026-12-01T12:00:00-05:00|2026-12-01T20:00:00-05:00
bob|2026-12-01|shift|2026-12-01T08:00:00-05:00|2026-12-01T16:00:00-05:00
dee|2026-12-01|shift|2026-12-01T10:00:00-05:00|2026-12-01T18:00:00-05:00
ann|2026-12-02|shift|2026-12-02T09:00:00-05:00|2026-12-02T17:00:00-05:00
bob|2026-12-02|time off||"
	run sql "SELECT login, json_extract(coalesce(old, new), '$.shift'), old IS NULL FROM staff_changes WHERE batch_id = 8 ORDER BY id"
	assert_output "ann|2026-12-01|0
ann|2026-12-01|1
bob|2026-12-02|0"
}

@test "lead-staff --load-shifts refuses a bad time, naming file and line, and stores nothing" {
	roster
	fixture bad-start.csv
	staff --load-shifts bad-start.csv
	refused 65 'bad-start.csv:17: start: not a time: "25:00"'
}

@test "lead-staff --load-shifts refuses someone not on the roster" {
	roster
	fixture unknown.csv
	staff --load-shifts unknown.csv
	refused 65 'unknown.csv:3: email: not on the roster: "zed@elsewhere.example"'
}

@test "lead-staff --load-shifts: two people of one name need a Login or Email column" {
	roster
	lead-staff --add ann2 --role floor --name 'Ann Lee' >/dev/null
	before=$(dump)
	printf 'Employee,Date,Start,End\nAnn Lee,2026-12-01,09:00,17:00\n' >two.csv
	staff --load-shifts two.csv
	refused 65 'two.csv:2: name: 2 people on the roster have this name: add a Login or Email column: "Ann Lee"'
}

@test "lead-staff --load-shifts refuses ends it cannot believe" {
	roster
	printf 'Employee,Date,Start,End\nAnn Lee,2026-12-01,09:00,09:00\n' >same.csv
	staff --load-shifts same.csv
	refused 65 'same.csv:2: end: the same as the start: "09:00"'
	printf 'Employee,Start Date,Start,End Date,End\nAnn Lee,2026-12-02,09:00,2026-12-01,17:00\n' >before.csv
	staff --load-shifts before.csv
	refused 65 'before.csv:2: end: before the start: "17:00"'
	printf 'Employee,Start,End\nAnn Lee,2026-12-01 09:00,2026-12-02 10:00\n' >long.csv
	staff --load-shifts long.csv
	refused 65 'long.csv:2: end: more than 24 hours after the start: "2026-12-02 10:00"'
}

@test "lead-staff --load-shifts refuses a row without a start, or a date" {
	roster
	printf 'Employee,Date,Start,End,Type\nAnn Lee,2026-12-01,,17:00,Shift\n' >nostart.csv
	staff --load-shifts nostart.csv
	refused 65 'nostart.csv:2: start: missing'
	printf 'Employee,Start,End\nAnn Lee,09:00,17:00\n' >nodate.csv
	staff --load-shifts nodate.csv
	refused 65 "nodate.csv:2: date: missing (the shift's times have no date)"
	printf 'Employee,Date,Start,End\nAnn Lee,2026-12-01,09:00,17:00\nBob Roe,13/45/2026,09:00,17:00\n' >baddate.csv
	staff --load-shifts baddate.csv
	refused 65 'baddate.csv:3: date: not a date: "13/45/2026"'
	printf 'Employee,Date,Start,End\nAnn Lee,24/12/2026,09:00,17:00\nBob Roe,12/31/2026,09:00,17:00\n' >mixed.csv
	staff --load-shifts mixed.csv
	refused 65 'mixed.csv:3: date: not a date (the file writes dates day-first, as on line 2): "12/31/2026"'
}

@test "lead-staff --load-shifts refuses a header without the person or the day" {
	roster
	printf 'Date,Start,End\n2026-12-01,09:00,17:00\n' >noone.csv
	staff --load-shifts noone.csv
	refused 65 'noone.csv:1: no column names the person (Login, Email, Employee, Name, First Name)'
	printf 'Employee,Hours\nAnn Lee,8\n' >noday.csv
	staff --load-shifts noday.csv
	refused 65 'noday.csv:1: no column names the day (Date, Start, Shift)'
	: >empty.csv
	staff --load-shifts empty.csv
	refused 65 'empty.csv: empty: no header, no shifts'
}

@test "lead-staff --load-shifts of a missing file exits 66" {
	roster
	staff --load-shifts nowhere.csv
	refused 66 'nowhere.csv: No such file or directory'
}

@test "lead-staff --load-shifts - reads stdin" {
	roster
	run --separate-stderr lead-staff --load-shifts - <"$FIXTURES/shifts/logins.csv"
	assert_success
	assert_stderr "lead-staff: stdin: 1 shift added, 0 removed, 0 unchanged, 1 day off added (2 people, 1 day)"
	run --separate-stderr lead-staff --load-shifts - <<<'Login,Date,Start,End
ann,2026-12-22,9:00,17:61'
	assert_equal "$status" 65
	assert_stderr 'lead-staff: stdin:2: end: not a time: "17:61"'
}

@test "lead-staff --load-shifts --dry-run reads and matches, says what it would do, stores nothing" {
	roster
	fixture logins.csv unknown.csv
	staff --load-shifts logins.csv --dry-run
	assert_success
	assert_stderr "lead-staff: logins.csv: 1 shift would be added, 0 would be removed, 0 unchanged, 1 day off would be added (2 people, 1 day)"
	assert_equal "$(dump)" "$before"
	staff --load-shifts unknown.csv --dry-run
	refused 65 'unknown.csv:3: email: not on the roster: "zed@elsewhere.example"'
}

@test "lead-staff --load-shifts goes alone; --dry-run and --date-order go with it" {
	staff --load-shifts x.csv ann
	usage_error "--load-shifts goes alone (with --dry-run, --date-order)"
	staff --load-shifts x.csv --on-shift
	usage_error "--load-shifts goes alone (with --dry-run, --date-order)"
	staff ann --hours 'mon 09:00-10:00' --dry-run
	usage_error "--dry-run and --date-order go with --load-shifts"
}

# --- the command line -------------------------------------------------

@test "lead-staff --help prints the usage and every option; --version the version" {
	staff --help
	assert_success
	assert_line --index 0 "usage: lead-staff [--db path] [--now time] [--format fmt] [--no-header]"
	assert_line "  --load-shifts file  load a shift export (CSV; - for stdin)"
	staff --version
	assert_output "lead-staff 0.1.0"
}

@test "lead-staff refuses an unknown option with the usage" {
	staff --fire ann
	usage_error "unrecognized option '--fire'"
}

@test "lead-staff --now refuses what is no time" {
	staff --on-shift --now 'half past nine'
	assert_equal "$status" 64
	assert_stderr 'lead-staff: --now: not a time: "half past nine"'
}

@test "lead-staff: whoever starts the roster must be on it, as a manager or admin" {
	nobody_db
	run --separate-stderr as_nobody lead-staff --add ann --role iss
	assert_failure 65
	assert_equal "$stderr" "lead-staff: the roster is empty: add yourself first, as a manager or admin (lead-staff --add $NOBODY --role admin); once anyone is on it, only the people on it change anything"
	run sql "SELECT count(*) FROM staff"
	assert_output 0
	run as_nobody lead-staff --add "$NOBODY" --role admin
	assert_success
	run as_nobody lead-staff --add ann --role iss
	assert_success
}

@test "lead-staff --load-shifts: a revised export that has someone working takes their day off back" {
	roster
	printf 'Employee,Date,Start,End,Type\nAnn Lee,2026-12-01,,,Vacation\n' >first.csv
	printf 'Employee,Date,Start,End,Type\nAnn Lee,2026-12-01,09:00,17:00,Shift\n' >revised.csv
	lead-staff --load-shifts first.csv 2>/dev/null
	run on_shift --now '2026-12-01 10:00' ann
	assert_output "login|state
ann|time off"
	run --separate-stderr lead-staff --load-shifts revised.csv
	assert_success
	assert_equal "${stderr_lines[1]}" "lead-staff: revised.csv: 1 day off taken back: the file has them working"
	run on_shift --now '2026-12-01 10:00' ann
	assert_output "login|state
ann|on shift"
}

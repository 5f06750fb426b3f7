#!/usr/bin/env bats
# lead-assign: routing rules, round-robin fairness, shifts, pools,
# claims, hand-offs, redistribution and its undo, the notify command.
# The clock is Monday 2026-11-23 09:00 in New York (helper.bash).

load helper
bats_require_minimum_version 1.5.0

# assert_stderr [--partial] TEXT: what run --separate-stderr caught.
assert_stderr() {
	if [ "$1" = --partial ]; then
		[[ $stderr == *"$2"* ]] || fail "stderr lacks: $2
stderr: $stderr"
	else
		assert_equal "$stderr" "$1"
	fi
}

# staff LOGIN ROLE [HOURS [ACTIVE]]: someone on the roster.
staff() {
	sql "INSERT INTO staff (login, name, role, hours, active)
	    VALUES ('$1', '$1 name', '$2', '${3:-}', ${4:-1})"
}

# A roster and rules for most tests: ann, bob, cat sell internet leads,
# meg manages, dan and eve work used cars, gus is a BDC rep.  The Unix
# user running the tests is an admin, so --as works without root too.
roster() {
	lead-add --first Seed --last Lead >/dev/null
	sql "DELETE FROM leads"
	me=$(id -un)
	[ "$me" = root ] || staff "$me" admin
	staff ann iss
	staff bob iss
	staff cat iss
	staff meg manager
	staff dan iss
	staff eve iss
	staff gus bdc
	cat >rules.txt <<'EOF'
# Internet leads go round; used cars wait in a pool.
rotation internet manager=meg ann bob cat
rotation used dan eve
rotation desk manager=meg
rule used type=used -> used pool
rule phone origin=phone -> desk manager
default -> internet round-robin
EOF
	lead-assign --load-rules rules.txt 2>/dev/null
}

# leads N [TYPE]: add N new customers' leads, ids on stdout.
leads() {
	local i from
	from=$(cat made 2>/dev/null || echo 0)
	{
		echo "First Name,Last Name,Email,Type"
		for ((i = from + 1; i <= from + $1; i++)); do
			echo "F$i,L$i,c$i@example.com,${2:-new}"
		done
	} >leads.csv
	echo $((from + $1)) >made
	lead-add --csv leads.csv
}

# counts: leads per salesperson, "login n" lines.
counts() {
	sql "SELECT salesperson, count(*) FROM leads WHERE salesperson IS NOT NULL
	    GROUP BY salesperson ORDER BY salesperson" | tr '|' ' '
}

@test "lead-assign with no rules loaded says how to load them: 78" {
	lead-add --first Ann >/dev/null
	run --separate-stderr lead-assign 1
	assert_failure 78
	assert_equal "$stderr" "lead-assign: no routing rules loaded: lead-assign --load-rules FILE"
}

@test "lead-assign --load-rules keeps the file; --rules prints it back as loaded" {
	roster
	run --separate-stderr lead-assign --load-rules rules.txt
	assert_success
	assert_equal "$stderr" "lead-assign: rules.txt: 3 rules, 3 rotations loaded"
	run lead-assign --rules
	assert_output "$(cat rules.txt)"
}

@test "lead-assign --load-rules with a mistake: one line naming it, 65, the rules in force stay" {
	roster
	printf 'rotation internet ann\nrule x type=new -> internt round-robin\n' >bad.txt
	run --separate-stderr lead-assign --load-rules bad.txt
	assert_failure 65
	assert_equal "${#stderr_lines[@]}" 1
	assert_equal "$stderr" "$(sed -n 1p <<<"$stderr")"
	[[ $stderr == "lead-assign: bad.txt:2: "* ]]
	run lead-assign --rules
	assert_output "$(cat rules.txt)"
}

@test "lead-assign --load-rules by an ISS is refused: 77" {
	roster
	run --separate-stderr lead-assign --as ann --load-rules rules.txt
	assert_failure 77
	assert_equal "$stderr" "lead-assign: ann is iss: only a manager or admin may load the routing rules"
}

@test "lead-assign prints id, login, rule and why per lead, header first, TSV when piped" {
	roster
	leads 4 >/dev/null
	run lead-assign 1 2 3 4
	assert_success
	assert_output "id	login	rule	why
1	ann	default	round-robin internet: ann's turn
2	bob	default	round-robin internet: bob's turn
3	cat	default	round-robin internet: cat's turn
4	ann	default	round-robin internet: ann's turn"
	run sql "SELECT lead_id, to_login, reason, rule, rotation, due_at, stride
	    FROM assignments ORDER BY id LIMIT 1"
	assert_output "1|ann|round-robin|default|internet|2026-11-23T14:15:00Z|1000000"
}

@test "lead-add --csv | lead-assign - distributes a dump" {
	roster
	leads 6 | lead-assign - >/dev/null
	run counts
	assert_output "ann 2
bob 2
cat 2"
}

@test "round-robin is fair over 3000 leads in one bulk run: nobody more than one ahead" {
	roster
	leads 3001 >/dev/null
	lead-assign --new >/dev/null
	run counts
	assert_output "ann 1001
bob 1000
cat 1000"
}

@test "round-robin stays fair across separate runs and bulk loads" {
	roster
	for run in 1 2 3 4 5 6 7; do
		leads $((run * 2 + 1)) | lead-assign - >/dev/null
		# after every run the counts differ by at most one
		run sql "SELECT max(n) - min(n) FROM (SELECT count(*) AS n FROM leads
		    GROUP BY salesperson)"
		assert_output 1 || assert_output 0
	done
	run sql "SELECT count(*) FROM leads WHERE salesperson IS NULL"
	assert_output 0
}

@test "a weight gives a member that many turns to one" {
	roster
	sed -i 's/^rotation internet manager=meg ann bob cat$/rotation internet ann bob*2 cat/' rules.txt
	lead-assign --load-rules rules.txt 2>/dev/null
	leads 400 >/dev/null
	run lead-assign --new
	assert_line --index 2 "2	bob	default	round-robin internet: bob's turn (weight 2)"
	run counts
	assert_output "ann 100
bob 200
cat 100"
}

@test "people off shift, on time off or inactive are skipped, and the why says so" {
	roster
	sql "UPDATE staff SET hours = 'mon-fri 10:00-18:00' WHERE login = 'ann';
	    INSERT INTO time_off (staff_id, day) SELECT id, '2026-11-23' FROM staff WHERE login = 'bob'"
	leads 2 >/dev/null
	run lead-assign 1 2
	assert_output "id	login	rule	why
1	cat	default	round-robin internet: cat's turn; skipped ann (off shift), bob (time off)
2	cat	default	round-robin internet: cat's turn; skipped ann (off shift), bob (time off)"
	sql "UPDATE staff SET active = 0 WHERE login = 'cat'"
	leads 1 >/dev/null
	run lead-assign 3
	assert_output --partial "3		default	waiting: nobody on shift in internet: ann (off shift), bob (time off), cat (inactive)"
}

@test "shifts follow the clock: at 10:30 ann is on shift and back in turn, with no flood" {
	roster
	sql "UPDATE staff SET hours = 'mon-fri 10:00-18:00' WHERE login = 'ann'"
	leads 4 | lead-assign - >/dev/null
	run counts
	assert_output "bob 2
cat 2"
	leads 3 >/dev/null
	LEAD_NOW=2026-11-23T10:30:00-05:00 lead-assign 5 6 7 >/dev/null
	run counts
	assert_output "ann 1
bob 3
cat 3"
}

@test "a lead nobody on shift can take waits, is said to, and --new picks it up later" {
	roster
	sql "UPDATE staff SET hours = 'mon-fri 10:00-18:00'"
	leads 1 >/dev/null
	run lead-assign 1
	assert_success
	assert_output "id	login	rule	why
1		default	waiting: nobody on shift in internet: ann (off shift), bob (off shift), cat (off shift)"
	run sql "SELECT count(*) FROM assignments"
	assert_output 0
	LEAD_NOW=2026-11-23T10:00:00-05:00 run lead-assign --new --no-header
	assert_output "1	ann	default	round-robin internet: ann's turn"
}

@test "else= sends a lead elsewhere when nobody in the rotation is on shift" {
	roster
	sql "UPDATE staff SET hours = 'sat 10:00-16:00' WHERE login IN ('ann', 'bob', 'cat')"
	sed -i 's/^default -> internet round-robin$/default -> internet round-robin else=used/' rules.txt
	lead-assign --load-rules rules.txt 2>/dev/null
	leads 1 >/dev/null
	run lead-assign --no-header 1
	assert_output "1	dan	default	nobody on shift in internet: ann (off shift), bob (off shift), cat (off shift); else round-robin used: dan's turn"
}

@test "a pool rule leaves the lead unassigned; a member claims it; a non-member may not" {
	roster
	leads 1 used >/dev/null
	run lead-assign --no-header 1
	assert_output "1		used	pool used: unassigned until someone claims it (lead-assign --claim 1)"
	run lead-assign --new --no-header
	assert_output ""
	run --separate-stderr lead-assign --as ann --claim 1
	assert_failure 77
	assert_equal "$stderr" "lead-assign: lead 1 waits in the used pool: its members and managers claim it, and ann is not one"
	run lead-assign --as dan --claim 1 --no-header
	assert_success
	assert_output "1	dan		claimed from the used pool"
	run sql "SELECT salesperson FROM leads"
	assert_output dan
}

@test "two people claiming one lead at once: exactly one wins, the other is told who" {
	roster
	leads 1 used | lead-assign - >/dev/null
	for i in 1 2 3 4 5; do
		lead-assign --as dan --claim 1 >dan.out 2>dan.err &
		lead-assign --as eve --claim 1 >eve.out 2>eve.err &
		wait
	done
	run sql "SELECT count(*) FROM assignments WHERE reason = 'claim'"
	assert_output 1
	winner=$(sql "SELECT salesperson FROM leads")
	loser=dan
	[ "$winner" = dan ] && loser=eve
	run cat "$loser.err"
	assert_output "lead-assign: lead 1: $winner claimed it first, at 2026-11-23T09:00:00-05:00"
}

@test "a manager rule gives the lead to the rotation's manager" {
	roster
	lead-add --first Pat --origin phone >/dev/null
	run lead-assign --no-header 1
	assert_output "1	meg	phone	manager desk: to meg, who hands it out"
}

@test "--to hands an unassigned lead to someone; once set, only a manager changes it (rule 4)" {
	roster
	leads 1 used >/dev/null
	run lead-assign --as ann 1 --to bob --no-header
	assert_success
	assert_output "1	bob		handed over by ann"
	run --separate-stderr lead-assign --as ann 1 --to cat
	assert_failure 77
	assert_equal "$stderr" "lead-assign: lead 1: rule 4: only a manager changes a salesperson once set (it is bob's): a manager runs lead-assign 1 --to cat"
	run lead-assign --as meg 1 --to cat --no-header
	assert_success
	run sql "SELECT from_login, to_login, reason, actor FROM assignments ORDER BY id"
	assert_output "|bob|hand-off|ann
bob|cat|manager|meg"
}

@test "--to a BDC rep on someone's lead puts them in its CDR field, never the salesperson's" {
	roster
	leads 1 | lead-assign - >/dev/null
	run lead-assign --as ann 1 --to gus --no-header
	assert_success
	assert_output "1	gus		handed over by ann; a BDC rep works ann's lead as its CDR (rule 4)"
	run sql "SELECT salesperson, cdr FROM leads"
	assert_output "ann|gus"
}

@test "--to someone not on the roster: 67, nothing changed" {
	roster
	leads 1 >/dev/null
	run --separate-stderr lead-assign 1 --to zed
	assert_failure 67
	assert_equal "$stderr" "lead-assign: --to zed: not on the staff roster"
}

@test "a dormant lead: an ISS claims it; a BDC rep claims it as CDR; an admin may not" {
	roster
	leads 2 | lead-assign - >/dev/null
	dormant=$(sql "SELECT id FROM statuses WHERE name = 'dormant'")
	sql "INSERT INTO batches (at, actor, program, args) VALUES ('2026-11-23T14:00:00Z', 'cron', 'lead-sweep', '[]');
	    INSERT INTO status_changes (lead_id, batch_id, at, actor, from_id, to_id)
	    SELECT id, last_insert_rowid(), '2026-11-23T14:00:00Z', 'cron', status_id, $dormant FROM leads"
	run lead-assign --as cat --claim 1 --no-header
	assert_output "1	cat		claimed a dormant lead (rule 5)"
	run lead-assign --as gus --claim 2 --no-header
	assert_output "2	gus		claimed a dormant lead as its CDR: bob stays its salesperson (rule 4)"
	run sql "SELECT id, salesperson, cdr FROM leads ORDER BY id"
	assert_output "1|cat|
2|bob|gus"
	[ "$(id -un)" = root ] && staff adm admin
	run --separate-stderr lead-assign --as "$( [ "$(id -un)" = root ] && echo adm || id -un)" --claim 2
	assert_failure 77
	assert_stderr --partial "only an iss, bdc, floor or manager may claim a lead"
}

@test "a dormant lead is claimed once: a second claim is told who was first" {
	roster
	leads 1 | lead-assign - >/dev/null
	dormant=$(sql "SELECT id FROM statuses WHERE name = 'dormant'")
	sql "INSERT INTO batches (at, actor, program, args) VALUES ('2026-11-23T13:00:00Z', 'cron', 'lead-sweep', '[]');
	    INSERT INTO status_changes (lead_id, batch_id, at, actor, from_id, to_id)
	    SELECT id, last_insert_rowid(), '2026-11-23T13:00:00Z', 'cron', status_id, $dormant FROM leads"
	lead-assign --as cat --claim 1 >/dev/null
	run --separate-stderr lead-assign --as bob --claim 1
	assert_failure 77
	assert_stderr "lead-assign: lead 1: cat claimed it first, at 2026-11-23T09:00:00-05:00"
	run sql "SELECT salesperson FROM leads"
	assert_output cat
}

@test "--to is no way round a pool: a non-member may not take a pool lead, a manager hands it out" {
	roster
	leads 1 used | lead-assign - >/dev/null
	run --separate-stderr lead-assign --as ann 1 --to ann
	assert_failure 77
	assert_stderr "lead-assign: lead 1 waits in the used pool: its members claim it (lead-assign --claim 1) and a manager hands it out"
	run lead-assign --as meg 1 --to ann --no-header
	assert_success
	assert_output "1	ann		handed over by meg"
}

@test "a lead redistributed into a pool can be claimed from it" {
	roster
	sed -i 's/^rule used type=used -> used pool$/rule used type=used -> used pool\nrule web source=Web -> used pool/' rules.txt
	lead-assign --load-rules rules.txt 2>/dev/null
	leads 1 | lead-assign - >/dev/null
	sql "UPDATE leads SET source = 'Web'"
	run lead-assign --as meg --from ann --no-header
	assert_output "1		web	pool used: unassigned until someone claims it (lead-assign --claim 1)"
	run lead-assign --as dan --claim 1 --no-header
	assert_success
	assert_output "1	dan		claimed from the used pool"
}

@test "rotation names are one name whatever their case" {
	roster
	printf 'rotation Internet ann\nrotation internet bob\ndefault -> internet round-robin\n' >dup.txt
	run --separate-stderr lead-assign --load-rules dup.txt
	assert_failure 65
	assert_stderr --partial "dup.txt:2: rotation internet: named twice (line 1)"
}

@test "a lead that is neither pooled nor dormant cannot be claimed" {
	roster
	leads 1 | lead-assign - >/dev/null
	run --separate-stderr lead-assign --as bob --claim 1
	assert_failure 77
	assert_equal "$stderr" "lead-assign: lead 1 is ann's and neither in a pool nor dormant: only a manager hands it on (lead-assign 1 --to LOGIN)"
}

@test "an assigned lead is left as it is and the line says whose it is" {
	roster
	leads 1 | lead-assign - >/dev/null
	run lead-assign 1 --no-header
	assert_output "1	ann		already assigned to ann: a manager hands it on with lead-assign 1 --to LOGIN"
	run sql "SELECT count(*) FROM assignments"
	assert_output 1
}

@test "--dry-run says what would happen and changes nothing, turns included" {
	roster
	leads 3 >/dev/null
	before=$(dump)
	run lead-assign --dry-run --new --no-header
	assert_output "1	ann	default	round-robin internet: ann's turn
2	bob	default	round-robin internet: bob's turn
3	cat	default	round-robin internet: cat's turn"
	assert_equal "$(dump)" "$before"
}

@test "redistribution: --from moves a person's open leads through the rules, one batch, undone as one" {
	roster
	leads 6 | lead-assign - >/dev/null
	before=$(sql "SELECT id, salesperson FROM leads ORDER BY id")
	run lead-assign --as meg --from ann --dry-run --no-header
	assert_output "1	bob	default	round-robin internet: bob's turn; skipped ann (leaving)
4	cat	default	round-robin internet: cat's turn; skipped ann (leaving)"
	assert_equal "$(sql "SELECT id, salesperson FROM leads ORDER BY id")" "$before"
	lead-assign --as meg --from ann >/dev/null
	run sql "SELECT count(*) FROM leads WHERE salesperson = 'ann'"
	assert_output 0
	run sql "SELECT DISTINCT reason FROM assignments WHERE batch_id = (SELECT max(id) FROM batches)"
	assert_output redistribution
	batch=$(sql "SELECT max(id) FROM batches")
	lead-status --as meg --undo-batch "$batch" 2>/dev/null
	assert_equal "$(sql "SELECT id, salesperson FROM leads ORDER BY id")" "$before"
}

@test "redistribution to named people shares the leads out evenly" {
	roster
	leads 9 | lead-assign - >/dev/null
	lead-assign --as meg --from ann --to dan,eve >/dev/null
	run counts
	assert_output "bob 3
cat 3
dan 2
eve 1"
}

@test "redistribution is for managers while rule 4 holds" {
	roster
	leads 3 | lead-assign - >/dev/null
	run --separate-stderr lead-assign --as bob --from ann
	assert_failure 77
	assert_equal "$stderr" "lead-assign: bob is iss: only a manager may move a person's leads (rule 4)"
}

@test "assignments show in the lead's history beside status changes" {
	roster
	leads 1 | lead-assign - >/dev/null
	run lead-status 1 --history --format tsv
	assert_output --partial "round-robin internet: ann's turn"
}

@test "the notify command runs once per assignment, after the commit, with the details" {
	roster
	printf 'set notify printf "%%s %%s %%s %%s %%s %%s\\n" "$LEAD_ID" "$STAFF_LOGIN" "$ASSIGN_REASON" "$LEAD_FIRST" "$ASSIGN_DUE" "$LEAD_DB" >>told.txt\n' >>rules.txt
	lead-assign --load-rules rules.txt 2>/dev/null
	leads 2 >/dev/null
	run --separate-stderr lead-assign 1 2
	assert_success
	run cat told.txt
	assert_output "1 ann round-robin F1 2026-11-23T09:15:00-05:00 $LEAD_DB
2 bob round-robin F2 2026-11-23T09:15:00-05:00 $LEAD_DB"
}

@test "a failing notify command is reported and the assignment stands" {
	roster
	echo 'set notify echo "to $STAFF_LOGIN"; exit 3' >>rules.txt
	lead-assign --load-rules rules.txt 2>/dev/null
	leads 1 >/dev/null
	run --separate-stderr lead-assign 1 --no-header
	assert_success
	assert_output "1	ann	default	round-robin internet: ann's turn"
	assert_equal "$stderr" "to ann
lead-assign: notify: lead 1 to ann: the command exited 3; the assignment stands"
	run sql "SELECT salesperson FROM leads"
	assert_output ann
}

@test "--check reports rules that can never match and rotations nobody can serve: 65" {
	roster
	sql "UPDATE staff SET active = 0 WHERE login IN ('dan', 'eve')"
	cat >>rules.txt <<'EOF'
rule used2 type=used make=Chevrolet -> internet round-robin
EOF
	lead-assign --load-rules rules.txt 2>/dev/null
	run lead-assign --check --format tsv
	assert_failure 65
	assert_line --partial "used2"
	assert_line --partial "	rotation	used	"
}

@test "--check on sound rules prints nothing: 0" {
	roster
	sql "DELETE FROM staff WHERE login IN ('gus')"
	cat >rules.txt <<'EOF'
rotation internet ann bob cat
default -> internet round-robin
EOF
	lead-assign --load-rules rules.txt 2>/dev/null
	run lead-assign --check
	assert_success
	assert_output ""
}

@test "with nobody on the roster everyone may do everything" {
	lead-add --first Ann >/dev/null
	printf 'rotation r ann bob\ndefault -> r round-robin\n' >rules.txt
	run lead-assign --load-rules rules.txt
	assert_success
	run lead-assign 1 --no-header
	assert_output "1	ann	default	round-robin r: ann's turn"
}

@test "lead-assign: an unknown lead is 65 and nothing changes" {
	roster
	leads 1 >/dev/null
	run --separate-stderr lead-assign 1 9
	assert_failure 65
	assert_equal "$stderr" "lead-assign: no lead 9"
	run sql "SELECT count(*) FROM assignments"
	assert_output 0
}

@test "lead-assign usage errors are 64" {
	run lead-assign
	assert_failure 64
	run lead-assign 1 --new
	assert_failure 64
	run lead-assign --claim x
	assert_failure 64
	run lead-assign 1 2 --to ann,bob
	assert_failure 64
}

@test "the notify command runs for what was committed even when the output cannot be written" {
	roster
	echo 'set notify echo "$LEAD_ID $STAFF_LOGIN" >>told.txt' >>rules.txt
	lead-assign --load-rules rules.txt 2>/dev/null
	leads 2 >/dev/null
	run --separate-stderr bash -c 'lead-assign 1 2 >/dev/full' 
	assert_failure 74
	assert_stderr "lead-assign: stdout: write error"
	run cat told.txt
	assert_output "1 ann
2 bob"
}

@test "a salesperson claiming their own dormant lead claims it: the next claim is refused" {
	roster
	leads 1 | lead-assign - >/dev/null
	dormant=$(sql "SELECT id FROM statuses WHERE name = 'dormant'")
	sql "INSERT INTO batches (at, actor, program, args) VALUES ('2026-11-23T13:00:00Z', 'cron', 'lead-sweep', '[]');
	    INSERT INTO status_changes (lead_id, batch_id, at, actor, from_id, to_id)
	    SELECT id, last_insert_rowid(), '2026-11-23T13:00:00Z', 'cron', status_id, $dormant FROM leads"
	run lead-assign --as ann --claim 1 --no-header
	assert_success
	assert_output "1	ann		claimed a dormant lead (rule 5)"
	run --separate-stderr lead-assign --as bob --claim 1
	assert_failure 77
	assert_stderr "lead-assign: lead 1: ann claimed it first, at 2026-11-23T09:00:00-05:00"
	run lead-assign --as ann --claim 1 --no-header
	assert_output "1	ann		already yours: you claimed it"
}

@test "a BDC rep is never a lead's salesperson: round-robin, --to and a pool claim put them in its CDR field" {
	roster
	sed -i 's/^rotation used dan eve$/rotation used dan eve gus/; s/^default -> internet round-robin$/default -> bdc round-robin\nrotation bdc gus/' rules.txt
	lead-assign --load-rules rules.txt 2>/dev/null
	leads 1 >/dev/null
	leads 2 used >/dev/null
	run lead-assign 1 --no-header
	assert_output "1	gus	default	round-robin bdc: gus's turn"
	run lead-assign --as meg 2 --to gus --no-header
	assert_success
	lead-assign 3 >/dev/null
	run lead-assign --as gus --claim 3 --no-header
	assert_success
	run --separate-stderr lead-assign --as dan --claim 3
	assert_failure 77
	assert_stderr "lead-assign: lead 3: gus claimed it first, at 2026-11-23T09:00:00-05:00"
	run sql "SELECT id, salesperson, cdr FROM leads ORDER BY id"
	assert_output "1||gus
2||gus
3||gus"
	# a lead a BDC rep works is not routed again
	run lead-assign --new --no-header
	assert_output ""
}

@test "--from a BDC rep clears the CDR fields they held, or hands them to the BDC reps named" {
	roster
	staff hal bdc
	leads 2 | lead-assign - >/dev/null
	lead-assign --as meg 1 --to gus >/dev/null
	lead-assign --as meg 2 --to gus >/dev/null
	run lead-assign --as meg --from gus --to hal 1 --dry-run --no-header
	assert_failure 64
	lead-assign --as meg --from gus --to hal --dry-run >/dev/null
	run lead-assign --as meg --from gus --no-header
	assert_output "1			gus leaves its CDR field; ann stays its salesperson
2			gus leaves its CDR field; bob stays its salesperson"
	run sql "SELECT id, salesperson, cdr FROM leads ORDER BY id"
	assert_output "1|ann|
2|bob|"
	batch=$(sql "SELECT max(id) FROM batches")
	lead-status --as meg --undo-batch "$batch" 2>/dev/null
	lead-assign --as meg --from gus --to hal >/dev/null
	run sql "SELECT id, salesperson, cdr FROM leads ORDER BY id"
	assert_output "1|ann|hal
2|bob|hal"
	run --separate-stderr lead-assign --as meg --from ann --to hal
	assert_failure 67
	assert_stderr "lead-assign: --to hal: ann's leads need a salesperson, and a BDC rep works a lead only in its CDR field"
}

@test "--from someone not on the roster is 67; --from and --to the same person is 64" {
	roster
	run --separate-stderr lead-assign --as meg --from nosuch
	assert_failure 67
	assert_stderr "lead-assign: --from nosuch: not on the staff roster"
	run --separate-stderr lead-assign --as meg --from bob --to bob
	assert_failure 64
	assert_stderr "lead-assign: --to bob: the person leaving"
}

@test "a pool claim undone puts the lead back in the pool, claimable again" {
	roster
	leads 1 used | lead-assign - >/dev/null
	lead-assign --as dan --claim 1 >/dev/null
	batch=$(sql "SELECT max(id) FROM batches")
	lead-status --as meg --undo-batch "$batch" 2>/dev/null
	run lead-assign --as eve --claim 1 --no-header
	assert_success
	assert_output "1	eve		claimed from the used pool"
}

#!/usr/bin/env bats
# docs: --help, the man pages and both completions name the same long
# options; the pages are clean under mandoc -Tlint; the completions
# complete, asking the programs for what they can tell.

load helper

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
# Every program the Makefile builds.
PROGS=$(sed -n 's/^PROGS = //p' "$TOP/Makefile")

# --- the long options each source names, one a line, sorted ---------

help_opts() {
	"$1" --help | sed -n 's/^  \(--[a-z][a-z-]*\).*/\1/p' | sort -u
}

# Each option's .It line in the page.
man_opts() {
	sed -n 's/^\.It Fl \\-\([a-z][a-z-]*\).*/--\1/p' \
	    "$TOP/man/man1/$1.1" | sort -u
}

# The opts=( ... ) list of the bash completion.
bash_opts() {
	sed -n '/^ *local opts=(/,/^ *)/p' "$TOP/completions/bash/$1" |
	    grep -o -- '--[a-z][a-z-]*' | sort -u
}

# The _arguments specs of the program's function in _leadkit.
zsh_opts() {
	sed -n "/^_$1() {/,/^}/p" "$TOP/completions/zsh/_leadkit" |
	    sed -n "s/^ *'\(([^)]*)\)\{0,1\}\*\{0,1\}\(--[a-z][a-z-]*\).*/\2/p" |
	    sort -u
}

# same_opts PROG: the four lists agree; the difference is shown if not.
same_opts() {
	local d=$BATS_TEST_TMPDIR src n
	help_opts "$1" >"$d/help"
	n=$(wc -l <"$d/help")
	[ "$n" -ge 10 ] || { echo "only $n options in $1 --help"; return 1; }
	man_opts "$1" >"$d/man"
	bash_opts "$1" >"$d/bash"
	zsh_opts "$1" >"$d/zsh"
	for src in man bash zsh; do
		diff -u --label "$1 --help" --label "$src" "$d/help" \
		    "$d/$src" || return 1
	done
}

# The usage forms of --help, one a line, continuations joined.
usage_forms() {
	"$1" --help | sed -n '/^$/q; p' | sed 's/^usage: //; s/^ *//' |
	    awk -v p="$1" '$1 == p { if (l != "") print l; l = $0; next }
		{ l = l " " $0 } END { print l }' | tr -s ' '
}

# The SYNOPSIS as mandoc renders it, a form a line.
synopsis_forms() {
	mandoc -T ascii -O width=1000 "$TOP/man/man1/$1.1" |
	    sed 's/.\x08//g' | sed -n '/^SYNOPSIS/,/^[A-Z]/p' |
	    sed '1d; $d; s/^ *//' | grep . | tr -s ' '
}

# --- completing -----------------------------------------------------

# complete_bash MODE WORD...: what the bash completion of WORD[0]
# offers for the last WORD, one a line.  MODE real loads bash-completion;
# stub stands in for the two functions of it the completions use.
complete_bash() {
	local mode=$1
	shift
	bash -c '
		mode=$1 file=$2
		shift 2
		if [ "$mode" = real ]; then
			. /usr/share/bash-completion/bash_completion
		else
			_init_completion() {
				words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
				cur=${words[cword]} prev=${words[cword - 1]}
				split=false
				if [[ $cur == --?*=* ]]; then
					prev=${cur%%=*} cur=${cur#*=} split=true
				fi
			}
			_filedir() { COMPREPLY=($(compgen -f -- "$cur")); }
		fi
		. "$file" || exit 1
		COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
		COMP_LINE="$*" COMP_POINT=${#COMP_LINE}
		f=$(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/")
		"$f" "$1" "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"
	' complete_bash "$mode" "$TOP/completions/bash/$1" "$@"
}

need_bash_completion() {
	[ -f /usr/share/bash-completion/bash_completion ] ||
	    skip "bash-completion is not installed"
}

# complete_zsh LINE: what zsh offers for the end of LINE.
complete_zsh() {
	command -v zsh >/dev/null || skip "zsh is not installed"
	zsh -f "$TOP/tests/zcomplete" "$TOP/completions/zsh" "$1"
}

# A roster in the database $1 for the login completions: ann and bob
# sell, cat has left, adm is an admin; the user running the tests too,
# as an admin, unless root (who needs no place on it).
roster() {
	local me
	me=$(id -un)
	[ "$me" = root ] ||
	    lead-staff --db "$1" --add "$me" --role admin >/dev/null || return
	lead-staff --db "$1" --add ann --role iss --name 'Ann Lee' >/dev/null &&
	    lead-staff --db "$1" --add bob --role iss >/dev/null &&
	    lead-staff --db "$1" --add cat --role iss --inactive >/dev/null &&
	    lead-staff --db "$1" --add adm --role admin >/dev/null
}

# A roster for lead-staff's completions in the database $1: a manager,
# an ISS with two days off, an admin who has left.
staff_roster() {
	lead-staff --db "$1" --add carl --role manager --name 'Carl Diaz' \
	    >/dev/null &&
	    lead-staff --db "$1" --add ann --role iss --name 'Ann Lee' \
	    --off 2026-12-24..2026-12-25 >/dev/null &&
	    lead-staff --db "$1" --add amy --role admin --inactive >/dev/null
}

# A catalog with left-message renamed, in the database $1.
rename_left_message() {
	lead-status --db "$1" --catalog --format tsv |
	    sed 's/\tleft-message\t/\tleft-voicemail\t/' >"$BATS_TEST_TMPDIR/c.tsv"
	lead-status --db "$1" --load-catalog "$BATS_TEST_TMPDIR/c.tsv"
}

# --- options --------------------------------------------------------

@test "lead-add: --help, lead-add(1) and both completions name the same options" {
	run same_opts lead-add
	assert_success
}

@test "lead-status: --help, lead-status(1) and both completions name the same options" {
	run same_opts lead-status
	assert_success
}

@test "lead-assign: --help, lead-assign(1) and both completions name the same options" {
	run same_opts lead-assign
	assert_success
}

@test "lead-add(1) SYNOPSIS is the usage line" {
	run diff -u --label usage --label SYNOPSIS <(usage_forms lead-add) \
	    <(synopsis_forms lead-add)
	assert_success
}

@test "lead-status(1) SYNOPSIS is the usage line" {
	run diff -u --label usage --label SYNOPSIS <(usage_forms lead-status) \
	    <(synopsis_forms lead-status)
	assert_success
}

@test "lead-staff: --help, lead-staff(1) and both completions name the same options" {
	run same_opts lead-staff
	assert_success
}

@test "lead-staff(1) SYNOPSIS is the usage line" {
	run diff -u --label usage --label SYNOPSIS <(usage_forms lead-staff) \
	    <(synopsis_forms lead-staff)
	assert_success
}

@test "lead-assign(1) SYNOPSIS is the usage line" {
	run diff -u --label usage --label SYNOPSIS <(usage_forms lead-assign) \
	    <(synopsis_forms lead-assign)
	assert_success
}

@test "lead-assign(1) lists every variable the notify command gets" {
	local v
	for v in $(grep -o '"\(LEAD\|STAFF\|ASSIGN\)_[A-Z][A-Z]*"' \
	    "$TOP/lib/assign.c" "$TOP/lib/db_assign.c" | cut -d'"' -f2); do
		sed -n '/^\.Sh NOTIFY/,/^\.Sh /p' "$TOP/man/man1/lead-assign.1" |
		    grep -q "^\.It .*Ev $v\( \|$\)" ||
		    { echo "lead-assign(1) NOTIFY: no $v"; return 1; }
	done
}

# --- pages ----------------------------------------------------------

@test "every man page is clean under mandoc -Tlint -W warning" {
	run mandoc -T lint -W warning "$TOP"/man/man1/*.1 "$TOP"/man/man7/*.7
	assert_success
	assert_output ""
}

@test "every program has a man page, a line in leadkit(7) and both completions" {
	local p
	for p in $PROGS; do
		[ -f "$TOP/cmd/$p.c" ]
		[ -f "$TOP/man/man1/$p.1" ] || { echo "no man/man1/$p.1"; false; }
		grep -q "^\.It Xr $p 1$" "$TOP/man/man7/leadkit.7" ||
		    { echo "leadkit.7 does not list $p"; false; }
		[ -f "$TOP/completions/bash/$p" ] ||
		    { echo "no completions/bash/$p"; false; }
		head -1 "$TOP/completions/zsh/_leadkit" | grep -qw -- "$p" ||
		    { echo "_leadkit: no #compdef $p"; false; }
	done
	run ls "$TOP/cmd"
	assert_output "$(printf '%s.c\n' $PROGS | sort)"
}

@test "leadkit(7) lists the default catalog as share/statuses.tsv has it" {
	run diff -u --label 'awk -f man/catalog.awk share/statuses.tsv' \
	    --label leadkit.7 \
	    <(awk -f "$TOP/man/catalog.awk" "$TOP/share/statuses.tsv") \
	    <(sed -n '/^\.\\" BEGIN statuses.tsv/,/^\.\\" END/p' \
		"$TOP/man/man7/leadkit.7" | sed '1d; $d')
	assert_success
}

@test "leadkit(7) lists the follow-up kinds as share/followup-kinds.tsv has them" {
	run diff -u --label 'awk -f man/catalog.awk share/followup-kinds.tsv' \
	    --label leadkit.7 \
	    <(awk -f "$TOP/man/catalog.awk" "$TOP/share/followup-kinds.tsv") \
	    <(sed -n '/^\.\\" BEGIN followup-kinds.tsv/,/^\.\\" END/p' \
		"$TOP/man/man7/leadkit.7" | sed '1d; $d')
	assert_success
}

# --- bash completion ------------------------------------------------

@test "bash: lead-status 1 left completes to left-message (stand-in bash-completion)" {
	run complete_bash stub lead-status 1 left
	assert_success
	assert_output left-message
}

@test "bash: lead-status 1 left completes to left-message (bash-completion)" {
	need_bash_completion
	run complete_bash real lead-status 1 left
	assert_success
	assert_output left-message
}

@test "bash: lead-add --format offers the four formats" {
	run complete_bash stub lead-add --format ''
	assert_success
	assert_output "$(printf '%s\n' table tsv csv json)"
	need_bash_completion
	run complete_bash real lead-add --format ''
	assert_output "$(printf '%s\n' table tsv csv json)"
}

@test "bash: statuses come from the catalog of the --db on the line" {
	rename_left_message other.db
	run complete_bash stub lead-status --db other.db 1 left
	assert_success
	assert_output left-voicemail
	run complete_bash stub lead-status 1 left
	assert_output left-message
}

@test "bash: an ambiguous prefix offers every match, after ids from stdin" {
	run complete_bash stub lead-status - de
	assert_success
	assert_output "$(printf '%s\n' deal-in-fi deal-pending \
	    deal-in-high-risk delivered)"
}

@test "bash: no status is offered before an id or after the status" {
	run complete_bash stub lead-status le
	assert_output ""
	run complete_bash stub lead-status 1 left-message ''
	assert_output ""
}

@test "bash: --kind offers the kinds, only appointments with --appointment" {
	run complete_bash stub lead-status 1 --kind ''
	assert_output "$(lead-status --kinds --format tsv --no-header | cut -f1)"
	run complete_bash stub lead-status 1 --appointment +1d --kind ''
	assert_output "$(printf '%s\n' demo delivery service)"
}

@test "bash: --outcome of a visit is fresh-up or be-back" {
	run complete_bash stub lead-status 1 --log visit --outcome ''
	assert_output "$(printf '%s\n' fresh-up be-back)"
	run complete_bash stub lead-status 1 --log call --outcome ''
	assert_output "$(printf '%s\n' contact attempt)"
}

@test "bash: --map completes the field after =" {
	run complete_bash stub lead-add --map 'Cust Cell=ph'
	assert_output phone
	run complete_bash stub lead-add --map 'A=first_name,B=trade_m'
	assert_output "$(printf '%s\n' trade_make trade_model)"
}

@test "bash: --map completes the field after = as bash splits the word" {
	need_bash_completion
	# bash breaks words at =: the field alone replaces what follows it.
	run bash -c '
		. /usr/share/bash-completion/bash_completion
		. "$1"
		COMP_WORDS=(lead-add --map Cell = ph) COMP_CWORD=4
		COMP_LINE="lead-add --map Cell=ph" COMP_POINT=${#COMP_LINE}
		_lead_add lead-add ph =
		printf "%s\n" "${COMPREPLY[@]}"' - "$TOP/completions/bash/lead-add"
	assert_output phone
}

@test "bash: file names after --csv, --skip-bad, --db and --load-catalog" {
	touch dump.csv
	for o in --csv --skip-bad --db; do
		run complete_bash stub lead-add "$o" du
		assert_output dump.csv
	done
	run complete_bash stub lead-status --load-catalog du
	assert_output dump.csv
}

@test "bash: --delimiter offers what the shell can take" {
	run complete_bash stub lead-add --delimiter ''
	assert_output "$(printf '%s\n' , '\;' tab '\|' :)"
}

@test "bash: option names complete" {
	run complete_bash stub lead-status --undo
	assert_output "$(printf '%s\n' --undo --undo-batch)"
	run complete_bash stub lead-add --trade-m
	assert_output "$(printf '%s\n' --trade-make --trade-model)"
}

@test "bash: lead-assign --format offers the four formats" {
	run complete_bash stub lead-assign --format ''
	assert_success
	assert_output "$(printf '%s\n' table tsv csv json)"
}

@test "bash: lead-assign --to offers who may get leads, from lead-staff" {
	roster "$LEAD_DB"
	run complete_bash stub lead-assign 1 --to ''
	assert_success
	assert_output "$(printf '%s\n' ann bob)"
	need_bash_completion
	run complete_bash real lead-assign 1 --to ''
	assert_output "$(printf '%s\n' ann bob)"
}

@test "bash: lead-assign --from offers everyone, --as the active, on the --db of the line" {
	roster other.db
	run complete_bash stub lead-assign --db other.db --from ''
	assert_line ann
	assert_line cat
	assert_line adm
	run complete_bash stub lead-assign --db other.db --as ''
	assert_line ann
	refute_line cat
	run complete_bash stub lead-assign --from ''
	assert_output ""
}

@test "bash: lead-assign --from ann --to completes each login of a list" {
	roster "$LEAD_DB"
	run complete_bash stub lead-assign --from ann --to ann,b
	assert_output ann,bob
}

@test "bash: lead-assign --load-rules completes file names, options complete" {
	touch rules.txt
	run complete_bash stub lead-assign --load-rules ru
	assert_output rules.txt
	run complete_bash stub lead-assign --d
	assert_output "$(printf '%s\n' --db --dry-run)"
}

@test "bash: lead-staff --role, --format and --date-order offer their values" {
	run complete_bash stub lead-staff --add ann --role ''
	assert_output "$(printf '%s\n' iss bdc floor manager admin)"
	run complete_bash stub lead-staff --format ''
	assert_output "$(printf '%s\n' table tsv csv json)"
	run complete_bash stub lead-staff --load-shifts x.csv --date-order ''
	assert_output "$(printf '%s\n' mdy dmy ymd)"
	need_bash_completion
	run complete_bash real lead-staff --add ann --role m
	assert_output manager
}

@test "bash: lead-staff completes logins from the roster of the --db on the line" {
	staff_roster other.db
	run complete_bash stub lead-staff --db other.db a
	assert_output "$(printf '%s\n' amy ann)"
	run complete_bash stub lead-staff a
	assert_output ""
}

@test "bash: lead-staff --as offers the active managers and admins" {
	staff_roster "$LEAD_DB"
	run complete_bash stub lead-staff ann --hours any --as ''
	assert_output carl
}

@test "bash: lead-staff --cancel-off offers the days off of the people named" {
	staff_roster "$LEAD_DB"
	run complete_bash stub lead-staff ann --cancel-off ''
	assert_output "$(printf '%s\n' 2026-12-24 2026-12-25)"
	run complete_bash stub lead-staff carl --cancel-off ''
	assert_output ""
}

@test "bash: lead-staff --load-shifts completes file names, options complete" {
	touch shifts.csv
	run complete_bash stub lead-staff --load-shifts sh
	assert_output shifts.csv
	run complete_bash stub lead-staff --on
	assert_output "$(printf '%s\n' --on-shift)"
}

# --- zsh completion -------------------------------------------------

@test "zsh: lead-status 1 left completes to left-message" {
	run complete_zsh "lead-status 1 left"
	assert_success
	assert_output left-message
}

@test "zsh: lead-add --format offers the four formats" {
	run complete_zsh "lead-add --format "
	assert_success
	assert_output "$(printf '%s\n' csv json table tsv)"
}

@test "zsh: statuses come from the catalog of the --db on the line" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	rename_left_message other.db
	run complete_zsh "lead-status --db other.db 1 left"
	assert_output left-voicemail
}

@test "zsh: --kind with --appointment offers the appointment kinds" {
	run complete_zsh "lead-status 1 --appointment +1d --kind "
	assert_output "$(printf '%s\n' delivery demo service)"
}

@test "zsh: --map completes the field after =" {
	run complete_zsh "lead-add --map A=first_name,B=trade_m"
	assert_output "$(printf '%s\n' trade_make trade_model)"
}

@test "zsh: option names complete" {
	run complete_zsh "lead-status --undo"
	assert_output "$(printf '%s\n' --undo --undo-batch)"
}

@test "zsh: lead-assign --to offers who may get leads, from lead-staff" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	roster "$LEAD_DB"
	run complete_zsh "lead-assign 1 --to "
	assert_success
	assert_output "$(printf '%s\n' ann bob)"
}

@test "zsh: lead-assign option names complete" {
	run complete_zsh "lead-assign --d"
	assert_output "$(printf '%s\n' --db --dry-run)"
}

@test "zsh: lead-staff --role offers the roles" {
	run complete_zsh "lead-staff --add ann --role "
	assert_success
	assert_output "$(printf '%s\n' admin bdc floor iss manager)"
}

@test "zsh: lead-staff completes logins from the roster" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	staff_roster "$LEAD_DB"
	run complete_zsh "lead-staff a"
	assert_output "$(printf '%s\n' amy ann)"
	run complete_zsh "lead-staff ann --as "
	assert_output carl
}

@test "zsh: lead-staff --cancel-off offers the days off of the people named" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	staff_roster "$LEAD_DB"
	run complete_zsh "lead-staff ann --cancel-off "
	assert_output "$(printf '%s\n' 2026-12-24 2026-12-25)"
}

# --- make demo ------------------------------------------------------

@test "make demo's script runs to the end, the refusal refused" {
	LEAD_DB=$BATS_TEST_TMPDIR/demo.db run "$TOP/tests/demo"
	assert_success
	assert_line "+ lead-status 1 never-responded"
	assert_line --partial "lead-status: lead 1: never-responded only once"
	assert_line "(exit 65)"
	assert_line --partial "# Look around:"
}

@test "make demo's output is the same every time" {
	mkdir a b
	(cd a && LEAD_DB=demo.db "$TOP/tests/demo" >../a.out)
	(cd b && LEAD_DB=demo.db "$TOP/tests/demo" >../b.out)
	run diff -u a.out b.out
	assert_success
}

# helper.bash: what every Bats file loads: assertions, and a database,
# clock and time zone of the test's own.
load /usr/lib/bats/bats-support/load
load /usr/lib/bats/bats-assert/load

# The real files from elsewhere, beside the project (never edited).
CORPUS=$(cd "$BATS_TEST_DIRNAME/../../shared/corpus" 2>/dev/null && pwd)
FIXTURES=$BATS_TEST_DIRNAME/fixtures
SHARE=$BATS_TEST_DIRNAME/../share

setup() {
	export LEAD_DB=$BATS_TEST_TMPDIR/leads.db
	export LEAD_NOW=2026-11-23T09:00:00-05:00
	export TZ=America/New_York
	unset LEAD_BUSY_TIMEOUT XDG_DATA_HOME
	cd "$BATS_TEST_TMPDIR" || return 1
}

# Skip a test that needs ../shared/corpus when it is not there.
need_corpus() {
	[ -n "$CORPUS" ] || skip "no ../shared/corpus beside the project"
}

# sql QUERY: run a query on the test's database, rows as pipe-separated.
sql() {
	sqlite3 "$LEAD_DB" "$@"
}

# The database's whole content, for "unchanged" checks.
dump() {
	sqlite3 "$LEAD_DB" .dump
}

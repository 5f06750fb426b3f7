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

# --- someone who is not root -------------------------------------------

# Root off the staff roster has every right, so the roster's rules bind
# only another user.  As root the suite runs such commands as nobody
# (uid 65534); as anyone else, as that user.  NOBODY is the login they
# act as: put it on the roster with the role a test needs.
if [ "$(id -u)" -eq 0 ]; then
	NOBODY=nobody
else
	NOBODY=$(id -un)
fi
# Who runs the suite, as the batches record it.
ME=$(id -un)

# nobody_db: move the test's database (LEAD_DB) to a directory of mode
# 0700 owned by the user as_nobody runs as, so that user can write it,
# its -wal and its -shm; bats' own directories let nobody in.  Call it
# first thing in a test (before anything creates the database).  As
# anyone but root there is nothing to move.
nobody_db() {
	[ "$(id -u)" -eq 0 ] || return 0
	NOBODY_DIR=$(mktemp -d "${TMPDIR:-/tmp}/leadkit-nobody.XXXXXX") ||
	    return 1
	mkdir "$NOBODY_DIR/bin"
	chown 65534:65534 "$NOBODY_DIR"
	export LEAD_DB=$NOBODY_DIR/leads.db
}

# as_nobody CMD [ARG...]: run CMD as NOBODY, in nobody_db's directory.
# The program is copied there first: the build may sit where nobody
# cannot reach it (under /root).
as_nobody() {
	[ "$(id -u)" -eq 0 ] || { "$@"; return; }
	[ -n "$NOBODY_DIR" ] || { echo "as_nobody: call nobody_db first" >&2; return 70; }
	local prog
	prog=$(command -v "$1") || return 127
	cp "$prog" "$NOBODY_DIR/bin/"
	chown -R 65534:65534 "$NOBODY_DIR"
	shift
	(cd "$NOBODY_DIR" && exec setpriv --reuid=65534 --regid=65534 \
	    --clear-groups "$NOBODY_DIR/bin/${prog##*/}" "$@")
}

teardown() {
	if [ -n "$NOBODY_DIR" ]; then
		rm -rf "$NOBODY_DIR"
	fi
}

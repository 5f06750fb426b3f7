/*
 * db: opening the database (created 0600, migrated forward), the
 * command's one transaction and its batch, and the helpers the other
 * storage files share.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dbint.h"
#include "json.h"
#include "msg.h"
#include "out.h"
#include "share.h"
#include "staff.h"
#include "xmem.h"

/* A constant, so it can be spliced into the PRAGMA (which binds nothing). */
#define STR(x) #x
#define XSTR(x) STR(x)
#define SET_VERSION "PRAGMA user_version = " XSTR(LK_SCHEMA_VERSION)

int
lk_dbi_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return 0;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return EX_TEMPFAIL;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return EX_IOERR;
	case SQLITE_NOMEM:
		return EX_OSERR;
	case SQLITE_PERM:
	case SQLITE_AUTH:
	case SQLITE_READONLY:
		return EX_NOPERM;
	case SQLITE_CANTOPEN:
		return EX_CANTCREAT;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
		return EX_DATAERR;
	default:
		return EX_SOFTWARE;
	}
}

int
lk_dbi_fail(struct lk_db *db, const char *doing)
{
	int	 rc, code;

	code = sqlite3_extended_errcode(db->h);
	rc = lk_dbi_rc(code);
	if (rc == 0)
		rc = EX_SOFTWARE;
	if ((code & 0xff) == SQLITE_BUSY)
		lk_err(rc, "%s: %s: the database is busy (another command is "
		    "writing); try again later", db->path, doing);
	else
		lk_err(rc, "%s: %s: %s", db->path, doing,
		    sqlite3_errmsg(db->h));
	return rc;
}

sqlite3_stmt *
lk_dbi_prepare(struct lk_db *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		lk_dbi_fail(db, "preparing a query");
		return NULL;
	}
	return st;
}

sqlite3_stmt *
lk_dbi_stmt(struct lk_db *db, const char *sql)
{
	sqlite3_stmt *st;
	size_t	 i;

	for (i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		lk_dbi_fail(db, "preparing a query");
		return NULL;
	}
	if (db->ncache == sizeof(db->cache) / sizeof(db->cache[0])) {
		/* A program bug, not a user's problem: say so plainly. */
		lk_err(EX_SOFTWARE, "internal error: statement cache full");
		sqlite3_finalize(st);
		return NULL;
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache++].stmt = st;
	return st;
}

int
lk_dbi_done(struct lk_db *db, sqlite3_stmt *st, const char *doing)
{
	int	 r;

	r = sqlite3_step(st);
	sqlite3_reset(st);
	return r == SQLITE_DONE ? 0 : lk_dbi_fail(db, doing);
}

int
lk_dbi_exec(struct lk_db *db, const char *sql)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return lk_dbi_fail(db, "updating the database");
	return 0;
}

int
lk_dbi_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

int
lk_dbi_time(sqlite3_stmt *st, int i, time_t t)
{
	char	 buf[LK_TIME_MAX];

	return sqlite3_bind_text(st, i, lk_time_utc(t, buf), -1,
	    SQLITE_TRANSIENT);
}

char *
lk_db_path(const char *path)
{
	const char *e;
	struct passwd *pw;

	if (path != NULL)
		return lk_xstrdup(path);
	if ((e = getenv("LEAD_DB")) != NULL && *e != '\0')
		return lk_xstrdup(e);
	if ((e = getenv("XDG_DATA_HOME")) != NULL && *e == '/')
		return lk_xasprintf("%s/leadkit/leads.db", e);
	if ((e = getenv("HOME")) == NULL || *e == '\0')
		e = (pw = getpwuid(getuid())) != NULL ? pw->pw_dir : "/";
	return lk_xasprintf("%s/.local/share/leadkit/leads.db", e);
}

/* mkdir -p the directory of path, private, for the default location. */
static void
mkparents(const char *path)
{
	char	*dir, *p;

	dir = lk_xstrdup(path);
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			break;
		*p = '/';
	}
	free(dir);
}

static int64_t
pragma_int(struct lk_db *db, const char *sql, int *rc)
{
	sqlite3_stmt *st;
	int64_t	 v = 0;
	int	 r;

	*rc = 0;
	if ((st = lk_dbi_prepare(db, sql)) == NULL) {
		*rc = lk_dbi_rc(sqlite3_errcode(db->h));
		return 0;
	}
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (r != SQLITE_DONE)
		*rc = lk_dbi_fail(db, "reading the database");
	sqlite3_finalize(st);
	return v;
}

/*
 * The way forward: share/schema-N.sql takes a database of schema version
 * N - 1 to N.  A new database is made by schema.sql (version 1) and then
 * every step, so a new and a migrated one never differ.
 */
static const char *const steps[LK_SCHEMA_VERSION - 1] = {
	"schema-2.sql",
	"schema-3.sql",
};

/*
 * Bring the schema to LK_SCHEMA_VERSION in one transaction: create it in
 * an empty file, run each step from the version found, refuse a
 * database newer than this program.
 */
static int
migrate(struct lk_db *db)
{
	const struct lk_share_file *schema;
	int64_t	 v, n;
	int	 rc;

	v = pragma_int(db, "PRAGMA user_version", &rc);
	if (rc)
		return rc;
	if (v == LK_SCHEMA_VERSION)
		return 0;
	if (v > LK_SCHEMA_VERSION) {
		lk_err(EX_UNAVAILABLE, "%s: the database is schema version "
		    "%lld, newer than this %s (version %d): use a newer "
		    "leadkit", db->path, (long long)v, lk_msg_prog(),
		    LK_SCHEMA_VERSION);
		return EX_UNAVAILABLE;
	}
	if ((rc = lk_dbi_exec(db, "BEGIN IMMEDIATE")) != 0)
		return rc;
	/* Another command may have created it while we waited. */
	v = pragma_int(db, "PRAGMA user_version", &rc);
	if (rc == 0 && v == 0) {
		n = pragma_int(db, "SELECT count(*) FROM sqlite_master", &rc);
		if (rc == 0 && n > 0) {
			lk_err(EX_DATAERR, "%s: not a leadkit database (it "
			    "holds other tables)", db->path);
			rc = EX_DATAERR;
		}
		if (rc == 0) {
			schema = lk_share("schema.sql");
			rc = lk_dbi_exec(db, schema->data);
		}
		if (rc == 0)
			rc = lk_dbi_seed(db);
		v = 1;
	}
	for (; rc == 0 && v < LK_SCHEMA_VERSION; v++)
		rc = lk_dbi_exec(db, lk_share(steps[v - 1])->data);
	if (rc == 0)
		rc = lk_dbi_exec(db, SET_VERSION);
	if (rc == 0)
		rc = lk_dbi_exec(db, "COMMIT");
	if (rc != 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static char *
actor(void)
{
	struct passwd *pw;

	if ((pw = getpwuid(getuid())) != NULL)
		return lk_xstrdup(pw->pw_name);
	return lk_xasprintf("uid-%ld", (long)getuid());
}

/*
 * Wait for another writer, up to db->timeout milliseconds: a large
 * import holds the database for most of a minute, and a user or cron
 * job should wait it out rather than fail.  A person at a terminal is
 * told once why nothing happens.
 */
static int
busy(void *arg, int count)
{
	struct lk_db *db = arg;
	struct timespec now;
	long	 waited, nap;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		db->wait_start = now;
	waited = (now.tv_sec - db->wait_start.tv_sec) * 1000 +
	    (now.tv_nsec - db->wait_start.tv_nsec) / 1000000;
	if (waited >= db->timeout)
		return 0;
	if (!db->told && waited >= 1000 && isatty(STDERR_FILENO)) {
		lk_warn("%s: waiting for another command to finish writing",
		    db->path);
		db->told = 1;
	}
	nap = count < 10 ? (count + 1) * 5 : 100;
	if (nap > db->timeout - waited)
		nap = db->timeout - waited;
	sqlite3_sleep((int)nap);
	return 1;
}

/*
 * SQLite's settings for the process, made once, before it starts (after,
 * they would fail).
 */
static int stmt_spill = 4 << 20;	/* lk_db_statement_journal */

static void
configure(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	/* One connection, one thread: SQLite's locks and memory counters
	 * cost an import a tenth of its time for nothing. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, stmt_spill);
}

void
lk_db_statement_journal(int bytes)
{
	stmt_spill = bytes;
}

/*
 * Set the journal mode, waiting out another command's write: on a file
 * in a rollback journal (one being created) SQLite refuses the change
 * at once, without the busy handler, while another holds its lock.
 */
static int
journal_mode(struct lk_db *db, const char *sql)
{
	int	 rc, count = 0;

	while (((rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL)) & 0xff) ==
	    SQLITE_BUSY && busy(db, count++))
		;
	return rc;
}

/*
 * Open path (read is nonzero for a command that only reads: a missing
 * file is then not created, an empty database of the defaults stands
 * in, so listing the catalog or pressing Tab leaves no file behind).
 */
static int
db_open(struct lk_db **dbp, const char *path, int read)
{
	struct lk_db *db;
	const char *e, *file;
	char	*end;
	long	 timeout = 120000;
	int	 fd, rc;

	*dbp = NULL;
	db = lk_xcalloc(1, sizeof(*db));
	db->path = lk_db_path(path);
	db->actor = actor();
	db->unix_login = lk_xstrdup(db->actor);
	if ((e = getenv("LEAD_BUSY_TIMEOUT")) != NULL && *e != '\0') {
		timeout = strtol(e, &end, 10);
		if (*end != '\0' || timeout < 0 || timeout > 3600000) {
			lk_err(EX_USAGE, "LEAD_BUSY_TIMEOUT: not a number of "
			    "milliseconds (0-3600000): %s", e);
			rc = EX_USAGE;
			goto fail;
		}
	}
	file = db->path;
	if (read && access(db->path, F_OK) == -1 && errno == ENOENT)
		file = ":memory:";
	else if (!read) {
		if (path == NULL && ((e = getenv("LEAD_DB")) == NULL ||
		    *e == '\0'))
			mkparents(db->path);
		/* Customers' personal data: never world-readable, from
		 * the start.  SQLite gives -wal and -shm the same mode. */
		fd = open(db->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
		if (fd >= 0) {
			close(fd);
			db->created = 1;
		}
		else if (errno != EEXIST) {
			rc = errno == EACCES || errno == EPERM ? EX_NOPERM :
			    EX_CANTCREAT;
			lk_err(rc, "%s: cannot create the database: %s",
			    db->path, strerror(errno));
			goto fail;
		}
	}
	configure();
	if ((rc = sqlite3_open_v2(file, &db->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL)) != SQLITE_OK) {
		rc = lk_dbi_rc(rc);
		lk_err(rc, "%s: cannot open the database: %s", db->path,
		    db->h != NULL ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	db->timeout = timeout;
	sqlite3_busy_handler(db->h, busy, db);
	/* 8 KiB pages load a quarter faster than 4 KiB in the same cache;
	 * this takes only on a database not yet written. */
	if ((rc = lk_dbi_exec(db, "PRAGMA page_size = 8192")) != 0)
		goto fail;
	/*
	 * WAL, so readers never wait for a writer.  A database this
	 * command creates has nobody to wait (whoever opens it meanwhile
	 * waits its turn, then turns WAL on): in a rollback journal, its
	 * first load writes each page once, not to the WAL and then again
	 * into the file.  That is a fifth of a first import's time;
	 * lk_db_close turns WAL on.
	 */
	if ((rc = journal_mode(db, db->created ?
	    "PRAGMA journal_mode = DELETE" : "PRAGMA journal_mode = WAL")) !=
	    SQLITE_OK) {
		rc = lk_dbi_rc(rc);
		if (rc == EX_DATAERR)
			lk_err(rc, "%s: not a leadkit database", db->path);
		else
			lk_dbi_fail(db, "opening the database");
		goto fail;
	}
	if ((rc = lk_dbi_exec(db, "PRAGMA foreign_keys = ON")) != 0 ||
	    /* NORMAL is safe from power loss in WAL mode only. */
	    (rc = lk_dbi_exec(db, db->created ? "PRAGMA synchronous = FULL" :
	    "PRAGMA synchronous = NORMAL")) != 0 ||
	    (rc = migrate(db)) != 0)
		goto fail;
	*dbp = db;
	return 0;
fail:
	lk_db_close(db);
	return rc;
}

int
lk_db_open(struct lk_db **dbp, const char *path)
{
	return db_open(dbp, path, 0);
}

int
lk_db_open_read(struct lk_db **dbp, const char *path)
{
	return db_open(dbp, path, 1);
}

void
lk_db_close(struct lk_db *db)
{
	size_t	 i;

	if (db == NULL)
		return;
	if (db->in_tx)
		lk_db_rollback(db);
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	/* Not worth a wait: if another command holds it now, it or the
	 * next command to open it turns WAL on. */
	if (db->created && db->h != NULL) {
		sqlite3_busy_handler(db->h, NULL, NULL);
		sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
	}
	for (i = 0; i < db->nbulk; i++)
		lk_buf_free(&db->bulk_sql[i]);
	free(db->bulk_sql);
	sqlite3_close(db->h);
	free(db->path);
	lk_dbi_assignments_free(db);
	free(db->actor);
	free(db->unix_login);
	free(db->role);
	free(db);
}

int
lk_db_as(struct lk_db *db, const char *login)
{
	free(db->actor);
	db->actor = lk_xstrdup(login);
	db->as = 1;
	return 0;
}

const char *
lk_db_file(const struct lk_db *db)
{
	return db->path;
}

const char *
lk_db_actor(const struct lk_db *db)
{
	return db->actor;
}

const char *
lk_db_role(const struct lk_db *db)
{
	return db->role;
}

/* login's role and whether active: 0 with *found set, or a sysexits
 * code. */
static int
staff_role(struct lk_db *db, const char *login, char **role, int *active,
    int *found)
{
	sqlite3_stmt *st;
	int	 r;

	*found = 0;
	*role = NULL;
	if ((st = lk_dbi_stmt(db, "SELECT role, active FROM staff "
	    "WHERE login = ?")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, login);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*found = 1;
		*role = lk_xstrdup((const char *)sqlite3_column_text(st, 0));
		*active = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the staff roster");
	return 0;
}

/*
 * Who acts, checked at the start of every change: single-user mode while
 * the roster is empty; else the Unix user must be on it and active
 * (root need not be), and --as is for managers, admins and root, naming
 * someone active on it.  db->role is the actor's role, NULL for every
 * right.
 */
static int
who_acts(struct lk_db *db)
{
	sqlite3_stmt *st;
	char	*role = NULL, *trole = NULL;
	int	 r, n, found, active = 0, tfound, tactive = 0, rc = 0;
	int	 root = getuid() == 0;

	free(db->role);
	db->role = NULL;
	if ((st = lk_dbi_stmt(db, "SELECT count(*) FROM staff")) == NULL)
		return EX_SOFTWARE;
	r = sqlite3_step(st);
	n = r == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (r != SQLITE_ROW)
		return lk_dbi_fail(db, "reading the staff roster");
	if (n == 0)
		return 0;
	if ((rc = staff_role(db, db->unix_login, &role, &active,
	    &found)) != 0)
		return rc;
	if (!db->as) {
		if (found && active)
			db->role = lk_xstrdup(role);
		else if (!root) {
			lk_err(EX_NOPERM, found ? "%s is inactive on the staff "
			    "roster: a manager or admin can make them active "
			    "again (lead-staff)" : "%s is not on the staff "
			    "roster: a manager or admin can add them "
			    "(lead-staff)", db->unix_login);
			rc = EX_NOPERM;
		}
		free(role);
		return rc;
	}
	if (!root && (!found || !active || (strcmp(role, "manager") != 0 &&
	    strcmp(role, "admin") != 0))) {
		if (!found || !active)
			lk_err(EX_NOPERM, "--as is for managers and admins: %s "
			    "is %s on the staff roster", db->unix_login,
			    found ? "inactive" : "not");
		else
			lk_err(EX_NOPERM, "--as is for managers and admins: "
			    "%s is %s", db->unix_login, role);
		free(role);
		return EX_NOPERM;
	}
	free(role);
	if ((rc = staff_role(db, db->actor, &trole, &tactive,
	    &tfound)) != 0)
		return rc;
	if (!tfound || !tactive) {
		lk_err(EX_NOPERM, "--as %s: %s on the staff roster", db->actor,
		    tfound ? "inactive" : "not");
		rc = EX_NOPERM;
	} else
		db->role = lk_xstrdup(trole);
	free(trole);
	return rc;
}

/* "manager admin" -> "a manager or admin" */
static void
roles_said(struct lk_buf *b, const char *roles)
{
	const char *p, *e;
	int	 first = 1;

	for (p = roles; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		if (first)
			lk_buf_adds(b, *p == 'a' || *p == 'i' ? "an " : "a ");
		else
			lk_buf_adds(b, e[strspn(e, " ")] == '\0' ? " or " :
			    ", ");
		lk_buf_add(b, p, (size_t)(e - p));
		first = 0;
	}
	lk_buf_addc(b, '\0');
}

int
lk_db_may(struct lk_db *db, const char *roles, const char *what)
{
	struct lk_buf b = LK_BUF_INIT;

	if (db->role == NULL || lk_role_in(db->role, roles))
		return 0;
	roles_said(&b, roles);
	lk_err(EX_NOPERM, "%s is %s: only %s may %s", db->actor, db->role,
	    b.s, what);
	lk_buf_free(&b);
	return EX_NOPERM;
}

int
lk_db_begin(struct lk_db *db, const char *program, int argc,
    char *const argv[])
{
	struct lk_buf args = LK_BUF_INIT;
	sqlite3_stmt *st;
	int	 i, rc;

	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return lk_dbi_fail(db, "starting a transaction");
	db->in_tx = 1;
	if ((rc = who_acts(db)) != 0) {
		lk_db_rollback(db);
		return rc;
	}
	lk_buf_addc(&args, '[');
	for (i = 0; i < argc; i++) {
		if (i > 0)
			lk_buf_addc(&args, ',');
		lk_json_str(&args, argv[i], strlen(argv[i]));
	}
	lk_buf_addc(&args, ']');
	rc = 0;
	if ((st = lk_dbi_stmt(db, "INSERT INTO batches (at, actor, program, "
	    "args, by_login) VALUES (?, ?, ?, ?, ?)")) == NULL)
		rc = EX_SOFTWARE;
	else {
		lk_dbi_time(st, 1, lk_clock_now());
		lk_dbi_text(st, 2, db->actor);
		lk_dbi_text(st, 3, program);
		sqlite3_bind_text(st, 4, args.s, -1, SQLITE_STATIC);
		lk_dbi_text(st, 5, db->as ? db->unix_login : NULL);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = lk_dbi_fail(db, "recording the batch");
		sqlite3_reset(st);
	}
	lk_buf_free(&args);
	if (rc) {
		lk_db_rollback(db);
		return rc;
	}
	db->batch = sqlite3_last_insert_rowid(db->h);
	db->changes0 = sqlite3_total_changes64(db->h);
	return 0;
}

int64_t
lk_db_batch(const struct lk_db *db)
{
	return db->batch;
}

int
lk_db_commit(struct lk_db *db)
{
	int	 rc;

	if (!db->in_tx)
		return 0;
	if ((rc = lk_dbi_assignments_flush(db)) != 0) {
		lk_db_rollback(db);
		return rc;
	}
	if (sqlite3_total_changes64(db->h) == db->changes0) {
		lk_db_rollback(db);
		return 0;
	}
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = lk_dbi_fail(db, "committing");
		lk_db_rollback(db);
		return rc;
	}
	db->in_tx = 0;
	db->batch = 0;
	return 0;
}

void
lk_db_rollback(struct lk_db *db)
{
	size_t	 i;

	lk_dbi_assignments_drop(db);
	/* Reset statements first: a pending one would keep the
	 * transaction's locks. */
	for (i = 0; i < db->ncache; i++)
		sqlite3_reset(db->cache[i].stmt);
	if (sqlite3_get_autocommit(db->h) == 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
	db->batch = 0;
	/* The rollback brought the dropped indexes back. */
	for (i = 0; i < db->nbulk; i++)
		lk_buf_free(&db->bulk_sql[i]);
	db->nbulk = 0;
	db->bulk = db->fresh = 0;
}

int
lk_dbi_emit(struct lk_db *db, sqlite3_stmt *st, struct lk_out *out,
    int begin)
{
	const char **names;
	struct lk_val *vals;
	const char *name;
	size_t	 len;
	int	 i, n, r, t;

	n = sqlite3_column_count(st);
	names = lk_xcalloc((size_t)n, sizeof(*names));
	vals = lk_xcalloc((size_t)n, sizeof(*vals));
	for (i = 0; i < n; i++)
		names[i] = sqlite3_column_name(st, i);
	if (begin)
		lk_out_begin(out, names, (size_t)n);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			name = names[i];
			len = strlen(name);
			/* The type first: reading text may convert it. */
			t = sqlite3_column_type(st, i);
			vals[i].s = (const char *)sqlite3_column_text(st, i);
			switch (t) {
			case SQLITE_NULL:
				vals[i].type = LK_V_NULL;
				vals[i].s = NULL;
				continue;
			case SQLITE_INTEGER:
				vals[i].type = LK_V_INT;
				continue;
			case SQLITE_FLOAT:
				vals[i].type = LK_V_REAL;
				continue;
			default:
				vals[i].type = LK_V_TEXT;
				break;
			}
			if (strcmp(name, "at") == 0 || (len > 3 &&
			    strcmp(name + len - 3, "_at") == 0))
				vals[i].type = LK_V_TIME;
			else if (strcmp(name, "extra") == 0 ||
			    strcmp(name, "contacts") == 0 ||
			    strcmp(name, "args") == 0)
				vals[i].type = LK_V_JSON;
		}
		lk_out_row(out, vals);
	}
	free(names);
	free(vals);
	if (r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the database");
	return 0;
}

/*
 * fuzz_csv: libFuzzer over the CSV import path, from the bytes of a
 * file to leads in a database and back out by rollback, as lead-add
 * --csv runs it.  An input is three option bytes and then the file:
 *
 *   byte 0  bits 0-1  --encoding: none, windows-1252, UTF-16LE, UTF-8
 *           bits 2-3  --delimiter: detect, ';', tab, ','
 *           bits 4-5  --date-order: decided from the file, mdy, dmy, ymd
 *           bit  6    --strict
 *           bit  7    --skip-bad
 *   byte 1  bit  0    the reject file is a real file (else /dev/null)
 *           bit  1    --ignore-unknown
 *           bit  2    --dry-run
 *           bit  3    --show-map
 *           bits 4-5  --map: none or one of three
 *           bit  6    --source and --type given
 *           bit  7    --origin given
 *   byte 2  bit  0    into an empty database (the bulk load) instead
 *                     of one holding share/example-leads.csv
 *           bits 1-2  --format for --show-map: auto, table, csv, json
 *           bit  3    --no-header
 *
 * so the seeds tests/fuzz/run copies in start with three zero bytes: plain
 * lead-add --csv into a database in use.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "import.h"
#include "msg.h"
#include "share.h"
#include "xmem.h"

#define NOPT	3		/* option bytes before the file */

/* The process's files, in a directory of its own, removed at exit. */
static struct {
	char	*dir;
	char	*path[2];	/* the databases: in use, empty */
	struct lk_db *db[2];
	char	*csv;		/* the input, rewritten for each */
	char	*rej;		/* --skip-bad to a file */
	int	 fd;		/* csv */
	FILE	*out;		/* --show-map output, /dev/null */
} g;

static const char *const maps[] = {
	NULL,
	"Name=name,Phone=phone:mobile,Date=received",
	"Kunde=company,E-Mail=email:work,Datum=received,Quelle=source",
	"A=first_name,B=last_name,C=-,D=extra,E=origin",
};

static void
unlink_db(const char *path)
{
	char	*s;

	unlink(path);
	s = lk_xasprintf("%s-wal", path);
	unlink(s);
	free(s);
	s = lk_xasprintf("%s-shm", path);
	unlink(s);
	free(s);
}

static void
cleanup(void)
{
	int	 k;

	for (k = 0; k < 2; k++) {
		lk_db_close(g.db[k]);
		unlink_db(g.path[k]);
		free(g.path[k]);
	}
	if (g.out != NULL)
		fclose(g.out);
	if (g.fd != -1)
		close(g.fd);
	unlink(g.csv);
	unlink(g.rej);
	rmdir(g.dir);
	free(g.csv);
	free(g.rej);
	free(g.dir);
}

/* The file the import reads: the input past its option bytes. */
static void
put(const void *data, size_t size)
{
	ssize_t	 n;
	size_t	 off;

	if (ftruncate(g.fd, 0) == -1)
		abort();
	for (off = 0; off < size; off += (size_t)n)
		if ((n = pwrite(g.fd, (const char *)data + off, size - off,
		    (off_t)off)) <= 0)
			abort();
}

/* The example leads, committed as a batch of their own. */
static int
populate(struct lk_db *db)
{
	const struct lk_share_file *f;
	struct lk_import imp;
	struct lk_import_counts n;

	f = lk_share("example-leads.csv");
	put(f->data, f->len);
	memset(&imp, 0, sizeof(imp));
	imp.file = g.csv;
	imp.header = 1;
	if (lk_db_begin(db, "fuzz_csv", 0, NULL) != 0 ||
	    lk_import_csv(db, &imp, &n, g.out) != 0 || n.added == 0 ||
	    lk_db_commit(db) != 0)
		return -1;
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp;

	(void)argc;
	(void)argv;
	/* What the bats tests pin: a zone with DST, a fixed now. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	lk_msg_init("fuzz_csv");
	if (lk_clock_init("2026-11-23T09:00:00-05:00") != 0)
		abort();
	g.fd = -1;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	g.dir = lk_xasprintf("%s/fuzz_csv.XXXXXX", tmp);
	if (mkdtemp(g.dir) == NULL) {
		perror(g.dir);
		exit(1);
	}
	g.path[0] = lk_xasprintf("%s/leads.db", g.dir);
	g.path[1] = lk_xasprintf("%s/empty.db", g.dir);
	g.csv = lk_xasprintf("%s/in.csv", g.dir);
	g.rej = lk_xasprintf("%s/rejects.csv", g.dir);
	atexit(cleanup);
	if ((g.fd = open(g.csv, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1 || (g.out = fopen("/dev/null", "w")) == NULL) {
		perror(g.csv);
		exit(1);
	}
	if (lk_db_open(&g.db[0], g.path[0]) != 0 || populate(g.db[0]) != 0 ||
	    lk_db_open(&g.db[1], g.path[1]) != 0) {
		fprintf(stderr, "fuzz_csv: %s: cannot set up\n", g.dir);
		exit(1);
	}
	return 0;
}

static void
options(const uint8_t *data, size_t size, struct lk_import *imp)
{
	static const char *const enc[] = { NULL, "windows-1252", "UTF-16LE",
	    "UTF-8" };
	static const int delim[] = { 0, ';', '\t', ',' };
	static const enum lk_dorder order[] = { LK_DORDER_ANY,
	    LK_DORDER_MDY, LK_DORDER_DMY, LK_DORDER_YMD };
	/* Auto is TSV here: the output is no terminal. */
	static const enum lk_fmt fmt[] = { LK_FMT_AUTO, LK_FMT_TABLE,
	    LK_FMT_CSV, LK_FMT_JSON };
	unsigned a = size > 0 ? data[0] : 0, b = size > 1 ? data[1] : 0,
	    c = size > 2 ? data[2] : 0;

	memset(imp, 0, sizeof(*imp));
	imp->file = g.csv;
	imp->csv.encoding = enc[a & 3];
	imp->csv.delim = delim[a >> 2 & 3];
	imp->order = order[a >> 4 & 3];
	imp->strict = a >> 6 & 1;
	if (a & 0x80)
		imp->rejects = b & 1 ? g.rej : "/dev/null";
	imp->ignore_unknown = b >> 1 & 1;
	imp->dry_run = b >> 2 & 1;
	imp->show_map = b >> 3 & 1;
	imp->fmt = fmt[c >> 1 & 3];
	imp->header = !(c >> 3 & 1);
	imp->map = maps[b >> 4 & 3];
	if (b & 0x40) {
		imp->def[LK_F_SOURCE] = "AutoTrader";
		imp->def[LK_F_TYPE] = "used";
	}
	if (b & 0x80)
		imp->def[LK_F_ORIGIN] = "walk-in";
}

static int
counted(int64_t id, void *arg)
{
	(void)id;
	(*(long *)arg)++;
	return 0;
}

/* The leads the batch holds: what the import says it added. */
static long
count_batch(struct lk_db *db, int64_t batch)
{
	long	 n = 0;

	if (lk_db_batch_leads(db, batch, counted, &n) != 0)
		abort();
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lk_import imp;
	struct lk_import_counts n;
	size_t	 skip = size < NOPT ? size : NOPT;
	int	 k, rc;

	options(data, size, &imp);
	k = size > 2 ? data[2] & 1 : 0;
	put(data + skip, size - skip);
	if (lk_db_begin(g.db[k], "fuzz_csv", 0, NULL) != 0)
		abort();
	rc = lk_import_csv(g.db[k], &imp, &n, g.out);
	/* The ids the caller will print are the leads it says it added. */
	if (rc == 0 && !imp.dry_run && !imp.show_map &&
	    count_batch(g.db[k], n.batch) != n.added)
		abort();
	lk_db_rollback(g.db[k]);
	/* No file is an internal error: that is a bug of ours. */
	if (rc == EX_SOFTWARE)
		abort();
	/* What import.h promises the caller, whatever the file. */
	if (n.added < 0 || n.already < 0 || n.rejected < 0 ||
	    n.added + n.already + n.rejected > n.rows)
		abort();
	if (rc == 0 && !imp.dry_run && n.added > 0 && n.first <= 0)
		abort();
	if (rc == 0 && imp.rejects == NULL && !imp.dry_run &&
	    n.rejected != 0)
		abort();
	return 0;
}

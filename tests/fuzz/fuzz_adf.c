/*
 * fuzz_adf: libFuzzer over ADF intake, from the bytes of a document or
 * a mail message to leads, documents and the quarantine in a database
 * and back out by rollback, as lead-add --adf [--mail] runs it.  An
 * input is one option byte and then the file:
 *
 *   byte 0  bit 0  --mail: the file is a mail message
 *           bit 1  --strict
 *           bit 2  --dry-run
 *           bit 3  into a database holding a few leads and a source
 *                  name (else an empty one)
 *
 * so the ADF seeds tests/fuzz/run copies in start with a zero byte and
 * the messages with a one.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "intake.h"
#include "msg.h"
#include "xmem.h"

/* The process's files, in a directory of its own, removed at exit. */
static struct {
	char	*dir;
	char	*path[2];	/* the databases: empty, in use */
	struct lk_db *db[2];
	char	*in;		/* the input, rewritten for each */
	char	*names;		/* source names to load */
	int	 fd;
} g;

static const char adf_seed[] =
    "<adf><prospect><id source=\"Cars\">7</id><customer><contact>"
    "<name part=\"full\">Ann Lee</name><phone>555-123-4567</phone>"
    "</contact></customer><provider><name>Cars</name></provider>"
    "</prospect></adf>";

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
	if (g.fd != -1)
		close(g.fd);
	unlink(g.in);
	unlink(g.names);
	rmdir(g.dir);
	free(g.in);
	free(g.names);
	free(g.dir);
}

static void
put(const char *file, const void *data, size_t size)
{
	ssize_t	 n;
	size_t	 off;
	int	 fd;

	if ((fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		abort();
	for (off = 0; off < size; off += (size_t)n)
		if ((n = write(fd, (const char *)data + off, size - off)) <= 0)
			abort();
	close(fd);
}

/* A lead and a source name, committed as batches of their own. */
static int
populate(struct lk_db *db)
{
	static const char names[] = "provider\tsource\nCars\tCars.com\n";
	struct lk_intake in;
	struct lk_intake_counts n;

	put(g.names, names, sizeof(names) - 1);
	put(g.in, adf_seed, sizeof(adf_seed) - 1);
	memset(&in, 0, sizeof(in));
	in.file = g.in;
	if (lk_db_begin(db, "fuzz_adf", 0, NULL) != 0 ||
	    lk_intake_sources_load(db, g.names) != 0 ||
	    lk_db_commit(db) != 0 ||
	    lk_db_begin(db, "fuzz_adf", 0, NULL) != 0 ||
	    lk_intake_adf(db, &in, &n) != 0 || n.added != 1 ||
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
	setenv("TZ", "America/New_York", 1);
	tzset();
	lk_msg_init("fuzz_adf");
	if (lk_clock_init("2026-11-23T09:00:00-05:00") != 0)
		abort();
	g.fd = -1;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	g.dir = lk_xasprintf("%s/fuzz_adf.XXXXXX", tmp);
	if (mkdtemp(g.dir) == NULL) {
		perror(g.dir);
		exit(1);
	}
	g.path[0] = lk_xasprintf("%s/empty.db", g.dir);
	g.path[1] = lk_xasprintf("%s/leads.db", g.dir);
	g.in = lk_xasprintf("%s/in", g.dir);
	g.names = lk_xasprintf("%s/names.tsv", g.dir);
	atexit(cleanup);
	if (lk_db_open(&g.db[0], g.path[0]) != 0 ||
	    lk_db_open(&g.db[1], g.path[1]) != 0 || populate(g.db[1]) != 0) {
		fprintf(stderr, "fuzz_adf: %s: cannot set up\n", g.dir);
		exit(1);
	}
	return 0;
}

static int
counted(int64_t id, void *arg)
{
	(void)id;
	(*(long *)arg)++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lk_intake in;
	struct lk_intake_counts n;
	unsigned o = size > 0 ? data[0] : 0;
	long	 stored = 0;
	int	 k = o >> 3 & 1, rc;

	put(g.in, data + (size > 0), size - (size > 0));
	memset(&in, 0, sizeof(in));
	in.file = g.in;
	in.mail = o & 1;
	in.strict = o >> 1 & 1;
	in.dry_run = o >> 2 & 1;
	if (lk_db_begin(g.db[k], "fuzz_adf", 0, NULL) != 0)
		abort();
	rc = lk_intake_adf(g.db[k], &in, &n);
	if (rc == 0 && lk_db_batch_leads(g.db[k], n.batch, counted,
	    &stored) != 0)
		abort();
	lk_db_rollback(g.db[k]);
	/* What intake.h promises, whatever the input. */
	if (rc == EX_SOFTWARE || (in.mail && rc != 0))
		abort();
	if (rc == 0 && stored != n.added)
		abort();
	if (n.documents != 1 || n.added < 0 || n.already < 0 ||
	    n.held + n.held_before > 1)
		abort();
	/* Mail gives leads or is held: never lost. */
	if (in.mail && n.added + n.already + n.held + n.held_before == 0)
		abort();
	return 0;
}

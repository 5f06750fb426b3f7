/*
 * bare: the benchmark's limit.  CSV through libcsv straight into one
 * prepared INSERT on a plain table (a TEXT column per header field),
 * in one transaction: no checks, no normalisation, no lookups, nothing
 * lead-add does beyond storing the cells.  What lead-add does on top
 * is what it costs over this.
 *
 * The -x columns get an index each: built after the load (the default),
 * or with -i kept current while inserting, as a loader into a table
 * already holding rows must.  An existing table is loaded into as it
 * is.  -j and -c set the journal mode and the page cache so the cost of
 * lead-add's own choices (WAL, SQLite's default 2 MiB cache) can be
 * measured on their own.
 *
 * usage: bare [-i] [-c KiB] [-j mode] [-t table] [-x column ...] db csv
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <sqlite3.h>

struct bare {
	sqlite3	*db;
	sqlite3_stmt *ins;
	const char *table;
	char	**idx;		/* -x columns */
	int	 nidx;
	int	 keep;		/* -i: indexes before the load */
	char	*buf;		/* the record's fields, end to end */
	size_t	 len, cap;
	size_t	*off, *flen;	/* each field in buf */
	size_t	 n, ncap;
	size_t	 ncols;		/* from the header; 0 before it */
	long	 rows;
};

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "bare: %s: %s\n", what, why);
	exit(1);
}

static void *
grow(void *p, size_t n, size_t size)
{
	if ((p = reallocarray(p, n, size)) == NULL)
		die("memory", strerror(errno));
	return p;
}

static void
exec(struct bare *b, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(b->db, sql, NULL, NULL, &err) != SQLITE_OK)
		die(sql, err != NULL ? err : sqlite3_errmsg(b->db));
}

static void
indexes(struct bare *b)
{
	char	*sql;
	int	 k;

	for (k = 0; k < b->nidx; k++) {
		sql = sqlite3_mprintf("CREATE INDEX IF NOT EXISTS \"%w_x%d\" "
		    "ON \"%w\"(\"%w\")", b->table, k + 1, b->table, b->idx[k]);
		exec(b, sql);
		sqlite3_free(sql);
	}
}

/* The header: the table (if new), its indexes with -i, the INSERT. */
static void
header(struct bare *b)
{
	sqlite3_str *s;
	char	*sql;
	size_t	 k, j;
	int	 x, found;

	b->ncols = b->n;
	s = sqlite3_str_new(b->db);
	sqlite3_str_appendf(s, "CREATE TABLE IF NOT EXISTS \"%w\" (",
	    b->table);
	for (k = 0; k < b->n; k++) {
		/* A name met before gets its position added, as .import
		 * would refuse it. */
		for (j = 0; j < k; j++)
			if (b->flen[j] == b->flen[k] && memcmp(b->buf +
			    b->off[j], b->buf + b->off[k], b->flen[k]) == 0)
				break;
		sqlite3_str_appendf(s, "%s\"%w", k > 0 ? ", " : "",
		    b->buf + b->off[k]);
		if (j < k)
			sqlite3_str_appendf(s, "_%zu", k + 1);
		sqlite3_str_appendall(s, "\" TEXT");
	}
	sqlite3_str_appendall(s, ")");
	sql = sqlite3_str_finish(s);
	exec(b, sql);
	sqlite3_free(sql);
	for (x = 0; x < b->nidx; x++) {
		for (k = 0, found = 0; k < b->n && !found; k++)
			found = strcmp(b->buf + b->off[k], b->idx[x]) == 0;
		if (!found)
			die(b->idx[x], "-x names no column of the header");
	}
	if (b->keep)
		indexes(b);
	s = sqlite3_str_new(b->db);
	sqlite3_str_appendf(s, "INSERT INTO \"%w\" VALUES (", b->table);
	for (k = 0; k < b->n; k++)
		sqlite3_str_appendall(s, k > 0 ? ", ?" : "?");
	sqlite3_str_appendall(s, ")");
	sql = sqlite3_str_finish(s);
	if (sqlite3_prepare_v3(b->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &b->ins, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(b->db));
	sqlite3_free(sql);
}

static void
on_field(void *s, size_t n, void *arg)
{
	struct bare *b = arg;

	if (b->n == b->ncap) {
		b->ncap = b->ncap == 0 ? 64 : b->ncap * 2;
		b->off = grow(b->off, b->ncap, sizeof(*b->off));
		b->flen = grow(b->flen, b->ncap, sizeof(*b->flen));
	}
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap == 0 ? 4096 : b->cap * 2;
		b->buf = grow(b->buf, b->cap, 1);
	}
	b->off[b->n] = b->len;
	b->flen[b->n++] = n;
	if (n > 0)
		memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len++] = '\0';
}

static void
on_record(int c, void *arg)
{
	struct bare *b = arg;
	size_t	 k;

	(void)c;
	if (b->ncols == 0)
		header(b);
	else {
		/* Missing cells are NULL, cells past the header dropped. */
		for (k = 0; k < b->ncols; k++)
			if (k < b->n)
				sqlite3_bind_text(b->ins, (int)k + 1, b->buf +
				    b->off[k], (int)b->flen[k], SQLITE_STATIC);
			else
				sqlite3_bind_null(b->ins, (int)k + 1);
		if (sqlite3_step(b->ins) != SQLITE_DONE)
			die("insert", sqlite3_errmsg(b->db));
		sqlite3_reset(b->ins);
		b->rows++;
	}
	b->n = 0;
	b->len = 0;
}

static void
usage(void)
{
	fputs("usage: bare [-i] [-c KiB] [-j mode] [-t table] "
	    "[-x column ...] db csv\n", stderr);
	exit(64);
}

int
main(int argc, char *argv[])
{
	static struct bare b;
	struct csv_parser p;
	const char *journal = NULL;
	char	 chunk[1 << 16], *sql, *end;
	long	 cache = 0;
	size_t	 n;
	FILE	*fp;
	int	 ch;

	b.table = "t";
	while ((ch = getopt(argc, argv, "c:ij:t:x:")) != -1) {
		switch (ch) {
		case 'c':
			cache = strtol(optarg, &end, 10);
			if (*end != '\0' || cache <= 0)
				die("-c", "not a size in KiB");
			break;
		case 'i':
			b.keep = 1;
			break;
		case 'j':
			journal = optarg;
			break;
		case 't':
			b.table = optarg;
			break;
		case 'x':
			b.idx = grow(b.idx, (size_t)b.nidx + 1,
			    sizeof(*b.idx));
			b.idx[b.nidx++] = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		usage();
	if ((fp = fopen(argv[1], "rb")) == NULL)
		die(argv[1], strerror(errno));
	if (sqlite3_open(argv[0], &b.db) != SQLITE_OK)
		die(argv[0], sqlite3_errmsg(b.db));
	if (journal != NULL) {
		/* Options of ours, in a benchmark tool: spliced, quoted. */
		sql = sqlite3_mprintf("PRAGMA journal_mode = %Q", journal);
		exec(&b, sql);
		sqlite3_free(sql);
	}
	if (cache > 0) {
		sql = sqlite3_mprintf("PRAGMA cache_size = -%ld", cache);
		exec(&b, sql);
		sqlite3_free(sql);
	}
	exec(&b, "BEGIN");
	if (csv_init(&p, 0) != 0)
		die("csv_init", "out of memory");
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (csv_parse(&p, chunk, n, on_field, on_record, &b) != n)
			die(argv[1], csv_strerror(csv_error(&p)));
	if (ferror(fp))
		die(argv[1], strerror(errno));
	csv_fini(&p, on_field, on_record, &b);
	csv_free(&p);
	fclose(fp);
	if (b.ncols == 0)
		die(argv[1], "no header");
	if (!b.keep)
		indexes(&b);
	sqlite3_finalize(b.ins);
	exec(&b, "COMMIT");
	if (sqlite3_close(b.db) != SQLITE_OK)
		die(argv[0], "cannot close");
	fprintf(stderr, "bare: %s: %ld rows\n", argv[1], b.rows);
	free(b.buf);
	free(b.off);
	free(b.flen);
	free(b.idx);
	return 0;
}

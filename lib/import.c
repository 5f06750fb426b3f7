/*
 * import: CSV dumps and single leads into the database.  The header is
 * matched against the names real exports use (share/headers.tsv) and
 * --map; each row becomes a lead or a clear one-line refusal; a date
 * column's day-month order is read off the file itself.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "db.h"
#include "import.h"
#include "msg.h"
#include "norm.h"
#include "out.h"
#include "share.h"
#include "xmem.h"

#define IGNORE	(-2)		/* a column dropped on purpose */
#define EXTRA	(-1)		/* a column kept as an extra */

/* A header name and the field it fills. */
struct alias {
	char	*key;		/* folded header */
	char	*name;		/* as --map wrote it, for messages */
	int	 field;		/* lk_field, EXTRA or IGNORE */
	char	*label;		/* phone or e-mail label, or NULL */
	int	 used;		/* a column of the header matched it */
};

struct aliases {
	struct alias *a;
	size_t	 n;
};

/* What one column of the file is. */
struct column {
	char	*name;		/* the header as written, trimmed */
	int	 field;		/* lk_field, EXTRA or IGNORE */
	const char *label;
	int	 mapped;	/* by --map */
};

struct imp {
	struct lk_db *db;
	const struct lk_import *opt;
	struct lk_import_counts *n;
	const char *name;	/* the file, for messages */
	FILE	*out;		/* for --show-map */
	struct aliases map;	/* --map */
	struct column *cols;
	size_t	 ncols;
	int	 have_header;
	long	 header_line;
	struct lk_lead *lead;	/* the row being read */
	struct pipe *pipe;	/* rows read, on their way to be stored */
	enum lk_dorder order;	/* as decided so far */
	long	 order_line;	/* the row that decided it */
	long	 amb_line;	/* the first ambiguous date */
	char	*amb_value;
	const char *amb_col;
	FILE	*rej;		/* --skip-bad file, being written */
	char	*rej_tmp;	/* ... under this name until done */
	struct lk_buf line;	/* scratch */
	struct timespec tick;	/* last progress line */
	int	 progress;	/* stderr is a terminal */
	int	 shown;		/* a progress line is on it */
};

/*
 * The reader thread parses and checks rows while the calling thread
 * stores them: the two halves of an import take about the same time,
 * and a machine has two cores.  Rows go over in chunks, so the threads
 * meet once per CHUNK rows, and never more than NCHUNK chunks are out:
 * memory stays flat.  The database is touched by the calling thread
 * only.  What the reader would say goes with the rows (lk_msg_hold),
 * so stderr tells things in the order of the file, as if one thread
 * had done it all.
 */
#define CHUNK	32
#define NCHUNK	4

/* One row read, a lead or a refusal, waiting to be stored. */
struct slot {
	struct lk_arena arena;		/* its strings */
	struct lk_lead lead;
	struct lk_msg_held said;	/* the reader's lines before it */
	long	 line;
	struct lk_buf rej;		/* a bad row's fields, for the
					 * reject file */
};

struct chunk {
	struct slot s[CHUNK];
	size_t	 n;
	int	 last;			/* the reader is done: */
	int	 rc;			/* ... with this */
	struct lk_msg_held said;	/* ... and said this after the rows */
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chunk c[NCHUNK];
	size_t	 filled;		/* chunks handed over, ever */
	size_t	 taken;			/* chunks given back, ever */
	int	 stop;			/* the storing side wants no more */
	struct lk_msg_held pending;	/* said since the last row */
	struct lk_csv *csv;
};

#define STOPPED	(-2)		/* lk_csv_each's return when stopped */

static void	 csvfield(FILE *, const char *, size_t);
static void	 unshow(struct imp *);

static void
alias_row(struct lk_tsv *t, void *arg)
{
	struct aliases *as = arg;
	struct lk_buf key = LK_BUF_INIT;
	const char *field, *label;
	int	 f;

	field = lk_tsv_col(t, "field");
	label = lk_tsv_col(t, "label");
	if (strcmp(field, "-") == 0)
		f = IGNORE;
	else if ((f = lk_field_lookup(field)) < 0) {
		lk_tsv_bad(t, "field", field, "no such field");
		return;
	}
	lk_key_fold(lk_tsv_col(t, "header"), &key);
	as->a = lk_xreallocarray(as->a, as->n + 1, sizeof(*as->a));
	memset(&as->a[as->n], 0, sizeof(*as->a));
	as->a[as->n].key = lk_buf_take(&key);
	as->a[as->n].field = f;
	as->a[as->n].label = *label != '\0' ? lk_xstrdup(label) : NULL;
	as->n++;
}

static struct alias *
alias_find(const struct aliases *as, const char *key)
{
	size_t	 i;

	/* Few hundred names, read once per column: a scan will do. */
	for (i = 0; i < as->n; i++)
		if (strcmp(as->a[i].key, key) == 0)
			return &as->a[i];
	return NULL;
}

static void
aliases_free(struct aliases *as)
{
	size_t	 i;

	for (i = 0; i < as->n; i++) {
		free(as->a[i].key);
		free(as->a[i].name);
		free(as->a[i].label);
	}
	free(as->a);
	memset(as, 0, sizeof(*as));
}

/*
 * The names real exports use (share/headers.tsv), read once per process:
 * a lead-add imports one file, a fuzzer or a long-lived caller many.
 * The table is never freed; it is what the program knows.
 */
static struct alias *
known_header(const char *key)
{
	static const char *const need[] = { "header", "field", "label",
	    NULL };
	static struct aliases names;
	static int loaded;
	const struct lk_share_file *f;

	if (!loaded) {
		loaded = 1;
		f = lk_share("headers.tsv");
		if (lk_tsv_read(f->data, f->len, "headers.tsv", need,
		    alias_row, &names) != 0)
			aliases_free(&names);
	}
	return alias_find(&names, key);
}

int
lk_header_field(const char *header, const char **label)
{
	struct lk_buf key = LK_BUF_INIT;
	const struct alias *a;

	lk_key_fold(header, &key);
	a = key.len > 0 ? known_header(lk_buf_str(&key)) : NULL;
	lk_buf_free(&key);
	if (label != NULL)
		*label = a != NULL ? a->label : NULL;
	return a == NULL ? LK_HEADER_UNKNOWN : a->field == IGNORE ?
	    LK_HEADER_IGNORE : a->field;
}

/* s without the spaces around it, cut in place. */
static char *
strip(char *s)
{
	size_t	 n;

	s += strspn(s, " \t");
	for (n = strlen(s); n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t');
	    n--)
		s[n - 1] = '\0';
	return s;
}

/* --map 'Header=field[:label],...': 0 or EX_USAGE after a message.
 * Spaces around the parts are allowed: 'Cust = name, Mail = email'. */
static int
map_parse(const char *spec, struct aliases *as)
{
	struct lk_buf key = LK_BUF_INIT;
	char	*copy, *item, *save, *eq, *field, *label;
	int	 f, rc = 0;

	copy = lk_xstrdup(spec);
	for (item = strtok_r(copy, ",", &save); item != NULL && rc == 0;
	    item = strtok_r(NULL, ",", &save)) {
		if ((eq = strrchr(item, '=')) == NULL ||
		    strspn(item, " \t") >= (size_t)(eq - item)) {
			lk_msg_at(EX_USAGE, NULL, 0, "--map", item,
			    "not Header=field");
			rc = EX_USAGE;
			break;
		}
		*eq = '\0';
		item = strip(item);
		field = eq + 1;
		if ((label = strchr(field, ':')) != NULL) {
			*label = '\0';
			label = strip(label + 1);
		}
		field = strip(field);
		if (strcmp(field, "-") == 0 || strcmp(field, "ignore") == 0)
			f = IGNORE;
		else if (strcmp(field, "extra") == 0)
			f = EXTRA;
		else if ((f = lk_field_lookup(field)) < 0) {
			lk_msg_at(EX_USAGE, NULL, 0, "--map", field,
			    "no such field (lead-add --fields lists them)");
			rc = EX_USAGE;
			break;
		}
		lk_buf_clear(&key);
		lk_key_fold(item, &key);
		as->a = lk_xreallocarray(as->a, as->n + 1, sizeof(*as->a));
		memset(&as->a[as->n], 0, sizeof(*as->a));
		as->a[as->n].key = lk_xstrdup(lk_buf_str(&key));
		as->a[as->n].name = lk_xstrdup(item);
		as->a[as->n].field = f;
		as->a[as->n].label = label != NULL && *label != '\0' ?
		    lk_xstrdup(label) : NULL;
		as->n++;
	}
	lk_buf_free(&key);
	free(copy);
	return rc;
}

/* Does a column of this field name a customer: a name, company,
 * e-mail, phone or street address? */
static int
customer_field(int f)
{
	return f == LK_F_NAME || f == LK_F_FIRST || f == LK_F_LAST ||
	    f == LK_F_COMPANY || f == LK_F_EMAIL || f == LK_F_PHONE ||
	    f == LK_F_STREET;
}

/* Check one cell: no NUL, valid UTF-8.  0, or an error recorded. */
static int
cell_ok(struct imp *i, const char *col, const char *s, size_t len)
{
	char	 why[160];
	size_t	 bad;

	if (memchr(s, '\0', len) != NULL) {
		lk_lead_issue(i->lead, 1, col, NULL, "a NUL byte in the "
		    "field (UTF-16 without a BOM? try --encoding UTF-16LE)");
		return -1;
	}
	if ((bad = lk_utf8_check(s, len)) != (size_t)-1) {
		snprintf(why, sizeof(why), "invalid UTF-8 (byte 0x%02X at "
		    "byte %zu); try --encoding windows-1252 or the file's "
		    "encoding", (unsigned char)s[bad], bad + 1);
		lk_lead_issue(i->lead, 1, col, NULL, why);
		return -1;
	}
	return 0;
}

static int
show_map(struct imp *i)
{
	static const char *const names[] = { "column", "header", "field",
	    "label" };
	struct lk_out *o;
	struct lk_val v[4];
	char	 num[24];
	size_t	 j;
	int	 rc;

	o = lk_out_new(i->out, i->opt->fmt, i->opt->header);
	lk_out_begin(o, names, 4);
	for (j = 0; j < i->ncols; j++) {
		snprintf(num, sizeof(num), "%zu", j + 1);
		v[0] = (struct lk_val){ LK_V_INT, num };
		v[1] = (struct lk_val){ LK_V_TEXT, i->cols[j].name };
		v[2] = (struct lk_val){ LK_V_TEXT,
		    i->cols[j].field == IGNORE ? "-" :
		    i->cols[j].field == EXTRA ? "extra" :
		    lk_fields[i->cols[j].field].name };
		v[3] = (struct lk_val){ i->cols[j].label != NULL ? LK_V_TEXT :
		    LK_V_NULL, i->cols[j].label };
		lk_out_row(o, v);
	}
	rc = lk_out_end(o);
	lk_out_free(o);
	if (rc != 0)
		lk_err(EX_IOERR, "stdout: write error");
	return rc != 0 ? EX_IOERR : 0;
}

/* The header row: map each column, or refuse a file that names no
 * customer.  Returns 0 to go on. */
/* A header cell, for finding the columns of one name. */
struct cell {
	const char *s;
	size_t	 len;
	size_t	 pos;
};

static int
cellcmp(const void *x, const void *y)
{
	const struct cell *a = x, *b = y;
	int	 c;

	if ((c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len)) != 0)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/*
 * The n-th column of each name (1, 2, ...) in nth[]: sorting rather
 * than comparing each with all before it, so a header of thousands of
 * columns reads as fast as a short one.
 */
static size_t *
ordinals(const struct lk_csv_rec *r)
{
	struct cell *c;
	size_t	*nth, j;

	c = lk_xreallocarray(NULL, r->n, sizeof(*c));
	nth = lk_xcalloc(r->n, sizeof(*nth));
	for (j = 0; j < r->n; j++) {
		c[j].s = r->f[j];
		c[j].len = lk_trim(&c[j].s, r->len[j]);
		c[j].pos = j;
	}
	qsort(c, r->n, sizeof(*c), cellcmp);
	for (j = 0; j < r->n; j++)
		nth[c[j].pos] = j > 0 && c[j].len == c[j - 1].len &&
		    memcmp(c[j].s, c[j - 1].s, c[j].len) == 0 ?
		    nth[c[j - 1].pos] + 1 : 1;
	free(c);
	return nth;
}

static int
header(struct imp *i, const struct lk_csv_rec *r)
{
	struct lk_buf key = LK_BUF_INIT, known = LK_BUF_INIT;
	struct lk_buf dropped = LK_BUF_INIT;
	struct alias *a;
	struct column *c;
	const char *s, *t;
	char	 seen[LK_F__COUNT] = { 0 };
	size_t	 j, k, len, *nth;
	int	 customer = 0, rc = 0;

	i->have_header = 1;
	i->header_line = r->line;
	i->ncols = r->n;
	i->cols = lk_xcalloc(r->n, sizeof(*i->cols));
	nth = ordinals(r);
	for (j = 0; j < r->n; j++) {
		c = &i->cols[j];
		s = r->f[j];
		len = lk_trim(&s, r->len[j]);
		if (memchr(s, '\0', len) != NULL ||
		    lk_utf8_check(s, len) != (size_t)-1) {
			lk_msg_at(EX_DATAERR, i->name, r->line, NULL, NULL,
			    "the header is not UTF-8 text; give its encoding "
			    "with --encoding (windows-1252, UTF-16LE, ...)");
			rc = EX_DATAERR;
			goto out;
		}
		c->name = len > 0 ? lk_xstrndup(s, len) :
		    lk_xasprintf("column %zu", j + 1);
		/*
		 * Columns of one name are numbered ("Tag (2)"), so what
		 * goes to the extras (an unknown column, or a field's
		 * second value) never lands twice under one key.
		 */
		lk_buf_clear(&key);
		lk_key_fold(c->name, &key);
		if ((a = alias_find(&i->map, lk_buf_str(&key))) != NULL) {
			c->mapped = 1;
			a->used = 1;
		} else if (len > 0)
			a = known_header(lk_buf_str(&key));
		c->field = a != NULL ? a->field : i->opt->ignore_unknown ?
		    IGNORE : EXTRA;
		c->label = a != NULL ? a->label : NULL;
		if (len > 0 && nth[j] > 1) {
			t = c->name;
			c->name = lk_xasprintf("%s (%zu)", t, nth[j]);
			free((char *)t);
		}
		if (a == NULL && i->opt->ignore_unknown) {
			if (dropped.len > 0)
				lk_buf_adds(&dropped, ", ");
			lk_msg_quote(&dropped, c->name, 80);
		}
		if (c->field >= 0) {
			customer |= customer_field(c->field);
			if (!seen[c->field])
				lk_buf_addf(&known, "%s%s", known.len > 0 ?
				    ", " : "", lk_fields[c->field].name);
			seen[c->field] = 1;
		}
	}
	/* --map naming a column the file lacks is a typo to point out. */
	for (k = 0; k < i->map.n; k++) {
		if (!i->map.a[k].used) {
			lk_msg_at(EX_USAGE, i->name, r->line, NULL,
			    i->map.a[k].name, "--map names no column of the "
			    "header");
			rc = EX_USAGE;
			goto out;
		}
	}
	if (i->opt->show_map) {
		/* -1 stops the reading: the mapping was all that was asked. */
		rc = show_map(i) != 0 ? EX_IOERR : -1;
		goto out;
	}
	if (!customer) {
		lk_msg_at(EX_DATAERR, i->name, r->line, NULL, NULL,
		    "no column names a customer (recognised: %s); a lead "
		    "needs a name, company, e-mail, phone or address: name "
		    "the column with --map 'Header=first_name' (or last_name, "
		    "name, company, email, phone, street)",
		    known.len > 0 ? known.s : "none");
		rc = EX_DATAERR;
		goto out;
	}
	/* Asked for, but nothing is dropped without a word. */
	if (dropped.len > 0)
		lk_msg_at(0, i->name, r->line, NULL, NULL, "--ignore-unknown: "
		    "left out %s", dropped.s);
	if (i->rej != NULL) {
		fputs("reject_line,reject_reason", i->rej);
		for (j = 0; j < r->n; j++) {
			fputc(',', i->rej);
			csvfield(i->rej, r->f[j], r->len[j]);
		}
		fputs("\r\n", i->rej);
	}
out:
	free(nth);
	lk_buf_free(&key);
	lk_buf_free(&known);
	lk_buf_free(&dropped);
	return rc;
}

static const char *
order_name(enum lk_dorder o)
{
	return o == LK_DORDER_DMY ? "day-first" : o == LK_DORDER_MDY ?
	    "month-first" : "year-first";
}

/* Read the received time, deciding the file's day-month order. */
static void
received(struct imp *i, long line)
{
	struct lk_lead *l = i->lead;
	const char *v = l->v[LK_F_RECEIVED], *col;
	char	 why[120];
	unsigned flags;
	time_t	 t;

	col = l->col[LK_F_RECEIVED] != NULL ? l->col[LK_F_RECEIVED] :
	    "received";
	if (lk_date_parse(v, i->order, &t, &flags) != 0) {
		if (i->order_line > 0)
			snprintf(why, sizeof(why), "not a date (the file "
			    "writes dates %s, as on line %ld)",
			    order_name(i->order), i->order_line);
		else
			snprintf(why, sizeof(why), "not a date");
		lk_lead_issue(l, 1, col, v, why);
		return;
	}
	if (i->order == LK_DORDER_ANY) {
		if (flags & (LK_DATE_DMY_ONLY | LK_DATE_MDY_ONLY)) {
			i->order = flags & LK_DATE_DMY_ONLY ? LK_DORDER_DMY :
			    LK_DORDER_MDY;
			i->order_line = line;
		} else if (flags & LK_DATE_AMBIGUOUS) {
			/* Read month-first for now; corrected at the end
			 * if the file turns out to write day-first. */
			l->received_raw = v;
			if (i->amb_line == 0) {
				i->amb_line = line;
				i->amb_value = lk_xstrdup(v);
				i->amb_col = col;
			}
		}
	}
	l->received = t;
	l->has_received = 1;
}

static void
csvfield(FILE *fp, const char *s, size_t len)
{
	struct lk_buf b = LK_BUF_INIT;

	/* A spreadsheet must not run what a customer typed. */
	lk_out_csv_field(&b, s, len, 1);
	fwrite(lk_buf_str(&b), 1, b.len, fp);
	lk_buf_free(&b);
}

/*
 * A cell a CSV writer kept a spreadsheet from running as a formula
 * ("'+44 20 7946 1001", as csvfield above and lib/out.c write them):
 * the value is what follows the quote, so the reject file, fixed,
 * imports back as it was.  Returns the new length.
 */
static size_t
unformula(const char **s, size_t len)
{
	len = lk_trim(s, len);
	if (len > 1 && (*s)[0] == '\'' &&
	    memchr("=+-@\t\r", (*s)[1], 6) != NULL) {
		(*s)++;
		len--;
	}
	return len;
}

/* Set a bad row aside (--skip-bad) or report it; 0 to go on. */
static int
refuse(struct imp *i, struct slot *sl, const struct lk_issue *e)
{
	char	 num[24];

	unshow(i);
	lk_msg_at(i->rej != NULL ? 0 : EX_DATAERR, i->name, sl->line,
	    e->field, e->value, "%s", e->reason);
	/* A dry run goes on to find every bad row, and counts them. */
	if (i->rej != NULL || i->opt->dry_run)
		i->n->rejected++;
	if (i->rej == NULL)
		return i->opt->dry_run ? 0 : EX_DATAERR;
	lk_buf_clear(&i->line);
	lk_msg_fmt(&i->line, i->name, sl->line, e->field, e->value, e->reason);
	snprintf(num, sizeof(num), "%ld,", sl->line);
	fputs(num, i->rej);
	csvfield(i->rej, i->line.s, i->line.len);
	fwrite(lk_buf_str(&sl->rej), 1, sl->rej.len, i->rej);
	fputs("\r\n", i->rej);
	return 0;
}

/* Take the progress line off the terminal, before a message line. */
static void
unshow(struct imp *i)
{
	if (i->shown)
		fputs("\r\033[K", stderr);
	i->shown = 0;
}

/* Every 4096 rows, at most once a second, rewrite the progress line. */
static void
progress(struct imp *i)
{
	struct timespec now;

	if (!i->progress || i->n->rows % 4096 != 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - i->tick.tv_sec < 1)
		return;
	i->tick = now;
	fprintf(stderr, "\r%s: %s: %ld rows, %ld added, %ld already there",
	    lk_msg_prog(), i->name, i->n->rows, i->n->added, i->n->already);
	i->shown = 1;
}

/* The lead's first error, which costs it: NULL when it has none. */
static const struct lk_issue *
first_error(const struct lk_lead *l)
{
	size_t	 k;

	for (k = 0; k < l->nissues; k++)
		if (l->issues[k].error)
			return &l->issues[k];
	return NULL;
}

/* Its warnings, one line each, at file:line (NULL, 0 for options). */
static void
warn(const struct lk_lead *l, const char *file, long line)
{
	size_t	 k;

	for (k = 0; k < l->nissues; k++)
		lk_msg_at(0, file, line, l->issues[k].field,
		    l->issues[k].value, "%s", l->issues[k].reason);
}

/*
 * The reader's half of a row: the lead it makes, or the error that
 * costs it, in a slot; nothing is said or stored here.
 */
static void
read_row(struct imp *i, const struct lk_csv_rec *r, struct slot *sl)
{
	struct lk_lead *l = &sl->lead;
	const struct column *c;
	const char *s;
	char	 why[96];
	size_t	 j, k, len;
	int	 f;

	i->lead = l;
	lk_arena_reset(&sl->arena);
	lk_lead_reset(l, &sl->arena);
	sl->line = r->line;
	if (r->n != i->ncols) {
		/* Trailing empty fields past the header are harmless. */
		for (k = i->ncols; k < r->n && r->len[k] == 0; k++)
			;
		if (r->n < i->ncols || k < r->n) {
			snprintf(why, sizeof(why), "%zu field%s where the "
			    "header (line %ld) has %zu", r->n, r->n == 1 ?
			    "" : "s", i->header_line, i->ncols);
			lk_lead_issue(l, 1, NULL, NULL, why);
		}
	}
	for (j = 0; j < r->n && j < i->ncols && l->nerrors == 0; j++) {
		c = &i->cols[j];
		if (c->field == IGNORE || r->len[j] == 0)
			continue;
		if (cell_ok(i, c->name, r->f[j], r->len[j]) != 0)
			break;
		s = r->f[j];
		len = unformula(&s, r->len[j]);
		if (c->field == EXTRA)
			lk_lead_extra(l, c->name, s, len);
		else
			lk_lead_set(l, c->field, c->name, c->label, s, len);
	}
	if (l->nerrors == 0) {
		for (f = 0; f < LK_F__COUNT; f++)
			if (i->opt->def[f] != NULL && l->v[f] == NULL)
				lk_lead_set(l, f, NULL, NULL, i->opt->def[f],
				    strlen(i->opt->def[f]));
		if (l->v[LK_F_RECEIVED] != NULL)
			received(i, r->line);
		lk_lead_finish(l, i->opt->strict);
	}
	lk_buf_clear(&sl->rej);
	if (i->rej != NULL && first_error(l) != NULL)
		for (j = 0; j < r->n; j++) {
			lk_buf_addc(&sl->rej, ',');
			/* A spreadsheet must not run what a customer
			 * typed. */
			lk_out_csv_field(&sl->rej, r->f[j], r->len[j], 1);
		}
}

/* Hand the chunk being filled over; wait for room for the next one. */
static int
hand_over(struct pipe *p)
{
	int	 stop;

	pthread_mutex_lock(&p->mu);
	p->filled++;
	pthread_cond_broadcast(&p->cv);
	while (p->filled - p->taken == NCHUNK && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	stop = p->stop;
	if (!stop) {
		p->c[p->filled % NCHUNK].n = 0;
		p->c[p->filled % NCHUNK].last = 0;
	}
	pthread_mutex_unlock(&p->mu);
	return stop ? STOPPED : 0;
}

/*
 * What the reader said since it last looked goes to *to (emptied by
 * lk_msg_release, its buffer kept), and the reader goes on into the
 * emptied one.
 */
static void
take_said(struct pipe *p, struct lk_msg_held *to)
{
	struct lk_msg_held t = *to;

	*to = p->pending;
	p->pending = t;
}

/* lk_csv_each's callback, in the reader thread. */
static int
row(void *arg, const struct lk_csv_rec *r)
{
	struct imp *i = arg;
	struct pipe *p = i->pipe;
	struct chunk *ch = &p->c[p->filled % NCHUNK];
	struct slot *sl;

	if (!i->have_header)
		return header(i, r);
	sl = &ch->s[ch->n++];
	/* What was said since the last row is told before this one. */
	take_said(p, &sl->said);
	read_row(i, r, sl);
	return ch->n == CHUNK ? hand_over(p) : 0;
}

static void *
reader(void *arg)
{
	struct imp *i = arg;
	struct pipe *p = i->pipe;
	struct chunk *ch;
	int	 rc;

	lk_msg_hold(&p->pending);
	rc = lk_csv_each(p->csv, row, i);
	lk_msg_hold(NULL);
	if (rc != STOPPED) {
		ch = &p->c[p->filled % NCHUNK];
		ch->last = 1;
		ch->rc = rc;
		take_said(p, &ch->said);
		pthread_mutex_lock(&p->mu);
		p->filled++;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

/* The storing half of a row, in the calling thread. */
static int
store(struct imp *i, struct slot *sl)
{
	struct lk_lead *l = &sl->lead;
	const struct lk_issue *e;
	int64_t	 id, dup;
	int	 rc;

	i->n->rows++;
	progress(i);
	if (sl->said.text.len > 0)
		unshow(i);
	lk_msg_release(&sl->said);
	if ((e = first_error(l)) != NULL)
		return refuse(i, sl, e);
	if ((rc = lk_db_lead_find(i->db, l, &dup)) != 0)
		return rc;
	if (dup != 0) {
		/* Warned about when it was added; not kept again now. */
		i->n->already++;
		return 0;
	}
	if (l->nissues > 0) {
		unshow(i);
		warn(l, i->name, sl->line);
		i->n->warned++;
	}
	/* A dry run adds too (lead-add rolls back), so that what it counts
	 * is what an import would do: a source id twice adds one lead. */
	if ((rc = lk_db_lead_add(i->db, l, &id)) != 0)
		return rc;
	if (i->n->first == 0)
		i->n->first = id;
	i->n->added++;
	return 0;
}

/*
 * Read the file in a second thread and store its rows here, in order.
 * Returns what lk_csv_each did (-1: --show-map is done), or the first
 * error storing a row.
 */
static int
pipeline(struct imp *i, struct lk_csv *csv)
{
	struct pipe *p;
	struct chunk *ch;
	pthread_t th;
	size_t	 k, j;
	int	 rc = 0, done = 0, err;

	p = lk_xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->csv = csv;
	i->pipe = p;
	if ((err = pthread_create(&th, NULL, reader, i)) != 0) {
		lk_err(EX_OSERR, "%s: cannot start reading: %s", i->name,
		    strerror(err));
		rc = EX_OSERR;
		goto out;
	}
	while (!done && rc == 0) {
		pthread_mutex_lock(&p->mu);
		while (p->filled == p->taken)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
		/* The chunk is the reader's no more until taken is moved. */
		ch = &p->c[p->taken % NCHUNK];
		for (k = 0; k < ch->n && rc == 0; k++)
			rc = store(i, &ch->s[k]);
		if (rc == 0 && ch->last) {
			unshow(i);
			lk_msg_release(&ch->said);
			rc = ch->rc;
			done = 1;
		}
		pthread_mutex_lock(&p->mu);
		p->taken++;
		if (rc != 0 && !done)
			p->stop = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	pthread_join(th, NULL);
out:
	for (k = 0; k < NCHUNK; k++) {
		for (j = 0; j < CHUNK; j++) {
			lk_lead_free(&p->c[k].s[j].lead);
			lk_arena_free(&p->c[k].s[j].arena);
			lk_buf_free(&p->c[k].s[j].said.text);
			lk_buf_free(&p->c[k].s[j].rej);
		}
		lk_buf_free(&p->c[k].said.text);
	}
	lk_buf_free(&p->pending.text);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
	i->pipe = NULL;
	return rc;
}

/* The reject file holds customers' data: private, like the database.
 * It must not be the dump being read: truncating it would lose it. */
static FILE *
create(const char *path, FILE *in, char **tmp)
{
	struct stat sa, sb;
	FILE	*fp;
	int	 fd;

	if (fstat(fileno(in), &sa) == 0 && stat(path, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino) {
		lk_err(EX_USAGE, "--skip-bad: %s: the file being imported",
		    path);
		return NULL;
	}
	*tmp = NULL;
	/*
	 * A device, pipe or link is written through as it is (renaming
	 * over /dev/null would put a file in its place).  A plain file, or
	 * none yet, is written beside and renamed into place once the
	 * import went through: a failed import leaves no reject file
	 * saying rows were set aside from leads that were never added.
	 * Either way 0600, as customers' data should be.
	 */
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0600)) == -1 || (fp = fdopen(fd, "w")) == NULL)
			goto fail;
		return fp;
	}
	*tmp = lk_xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) == -1 || (fp = fdopen(fd, "w")) == NULL)
		goto fail;
	return fp;
fail:
	lk_err(errno == EACCES ? EX_NOPERM : EX_CANTCREAT, "%s: %s", path,
	    strerror(errno));
	if (fd != -1) {
		close(fd);
		if (*tmp != NULL)
			unlink(*tmp);
	}
	free(*tmp);
	*tmp = NULL;
	return NULL;
}

static int
redate(const char *raw, time_t *t, void *arg)
{
	(void)arg;
	return lk_date_parse(raw, LK_DORDER_DMY, t, NULL);
}

/*
 * A dry run reads on past bad rows, each reported with EX_DATAERR kept
 * by msg; 0 then means the file was read through, and lk_msg_rc() is
 * the status to exit with.
 */
int
lk_import_csv(struct lk_db *db, const struct lk_import *opt,
    struct lk_import_counts *n, FILE *out)
{
	struct imp i;
	struct lk_csv *csv = NULL;
	struct stat st;
	FILE	*fp;
	size_t	 k;
	long	 gone;
	int	 rc;

	memset(n, 0, sizeof(*n));
	memset(&i, 0, sizeof(i));
	n->batch = lk_db_batch(db);
	i.db = db;
	i.opt = opt;
	i.n = n;
	i.out = out;
	i.order = opt->order;
	i.name = strcmp(opt->file, "-") == 0 ? "stdin" : opt->file;
	i.progress = isatty(STDERR_FILENO) && !opt->show_map;
	clock_gettime(CLOCK_MONOTONIC, &i.tick);
	if (opt->map != NULL && (rc = map_parse(opt->map, &i.map)) != 0)
		goto out;
	if (strcmp(opt->file, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(opt->file, "rb")) == NULL) {
		rc = errno == EACCES || errno == EPERM ? EX_NOPERM :
		    EX_NOINPUT;
		lk_err(rc, "%s: %s", opt->file, strerror(errno));
		goto out;
	}
	if (opt->rejects != NULL && !opt->show_map) {
		if ((i.rej = create(opt->rejects, fp, &i.rej_tmp)) == NULL) {
			rc = lk_msg_rc();
			goto close;
		}
	}
	if (!opt->dry_run && !opt->show_map &&
	    (rc = lk_db_bulk_begin(db, fstat(fileno(fp), &st) == 0 &&
	    S_ISREG(st.st_mode) ? (int64_t)st.st_size : 0)) != 0)
		goto close;
	csv = lk_csv_new(fp, i.name, &opt->csv);
	rc = pipeline(&i, csv);
	unshow(&i);
	if (rc == -1) {		/* --show-map done */
		rc = 0;
		goto close;
	}
	if (rc == 0 && !i.have_header)
		lk_warn("%s: empty: no header, no leads", i.name);
	if (rc == 0 && i.amb_line > 0 && i.order == LK_DORDER_ANY) {
		lk_msg_at(EX_DATAERR, i.name, i.amb_line, i.amb_col,
		    i.amb_value, "ambiguous date: nothing in the file says "
		    "whether it is day-first or month-first; use "
		    "--date-order mdy or --date-order dmy");
		rc = EX_DATAERR;
	}
	if (rc == 0 && i.amb_line > 0 && i.order == LK_DORDER_DMY &&
	    n->first != 0)
		rc = lk_db_redate(db, n->first, redate, NULL);
	if (rc == 0 && (rc = lk_db_bulk_end(db, &gone)) == 0) {
		n->added -= gone;
		n->already += gone;
	}
close:
	if (i.rej != NULL) {
		if ((ferror(i.rej) | fclose(i.rej)) != 0 && rc == 0) {
			lk_err(EX_IOERR, "%s: %s", opt->rejects,
			    strerror(errno));
			rc = EX_IOERR;
		}
		if (i.rej_tmp != NULL && rc == 0 &&
		    rename(i.rej_tmp, opt->rejects) == -1) {
			lk_err(EX_CANTCREAT, "%s: %s", opt->rejects,
			    strerror(errno));
			rc = EX_CANTCREAT;
		}
		if (i.rej_tmp != NULL && rc != 0)
			unlink(i.rej_tmp);
		free(i.rej_tmp);
	}
	if (fp != stdin)
		fclose(fp);
out:
	lk_csv_free(csv);
	for (k = 0; k < i.ncols; k++)
		free(i.cols[k].name);
	free(i.cols);
	free(i.amb_value);
	lk_buf_free(&i.line);
	aliases_free(&i.map);
	return rc;
}

int
lk_import_lead(struct lk_db *db, struct lk_lead *l, int strict, int64_t *id,
    int64_t *already)
{
	const struct lk_issue *e;
	int	 rc;

	*id = *already = 0;
	lk_lead_finish(l, strict);
	if ((e = first_error(l)) != NULL) {
		lk_msg_at(EX_DATAERR, NULL, 0, e->field, e->value, "%s",
		    e->reason);
		return EX_DATAERR;
	}
	if ((rc = lk_db_lead_find(db, l, already)) != 0 || *already != 0)
		return rc;
	/* Warnings only for a lead kept, as in a dump. */
	warn(l, NULL, 0);
	return lk_db_lead_add(db, l, id);
}

void
lk_import_summary(const char *file, const struct lk_import_counts *n,
    int dry_run)
{
	char	 warned[64] = "";

	if (n->warned > 0)
		snprintf(warned, sizeof(warned), ", %ld kept with warnings",
		    n->warned);
	lk_warn("%s: %ld %s, %ld already there, %ld rejected%s",
	    strcmp(file, "-") == 0 ? "stdin" : file, n->added,
	    dry_run ? "would be added" : "added", n->already, n->rejected,
	    warned);
}

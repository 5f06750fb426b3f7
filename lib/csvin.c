/*
 * csvin: a pull of CSV records out of libcsv's push parser, in chunks,
 * so memory stays flat however large the file.  Input is turned into
 * UTF-8 first (iconv, when it is not already), and lines are counted
 * here because libcsv does not: messages must say where a row is.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvin.h"
#include "msg.h"
#include "xmem.h"

#define CHUNK	65536
#define FIELD_MAX (1024 * 1024)	/* longer than any lead's field */

struct lk_csv {
	FILE	*fp;
	const char *name;
	struct lk_csv_opts opts;
	const char *enc;		/* what the input is read as */
	iconv_t	 cd;			/* (iconv_t)-1 when UTF-8 */
	int	 delim;
	struct csv_parser p;
	/* the record being collected */
	struct lk_buf data;		/* the fields' bytes, NUL after each */
	size_t	*off;			/* where each field starts in data */
	size_t	*len;
	const char **f;
	size_t	 n, cap;
	long	 lines;			/* line ends consumed so far */
	long	 start;			/* line the record starts on */
	int	 cr;			/* the last line end was a bare CR */
	/* the caller */
	int	(*fn)(void *, const struct lk_csv_rec *);
	void	*arg;
	int	 stop;			/* what fn returned, when nonzero */
};

struct lk_csv *
lk_csv_new(FILE *fp, const char *name, const struct lk_csv_opts *opts)
{
	struct lk_csv *c;

	c = lk_xcalloc(1, sizeof(*c));
	c->fp = fp;
	c->name = name;
	if (opts != NULL)
		c->opts = *opts;
	c->cd = (iconv_t)-1;
	c->enc = "UTF-8";
	return c;
}

void
lk_csv_free(struct lk_csv *c)
{
	if (c == NULL)
		return;
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	csv_free(&c->p);
	lk_buf_free(&c->data);
	free(c->off);
	free(c->len);
	free(c->f);
	free(c);
}

int
lk_csv_delim(const struct lk_csv *c)
{
	return c->delim;
}

/* Line ends inside a field: LF, CRLF and a bare CR each end a line. */
static long
count_lines(const unsigned char *s, size_t n)
{
	long	 lines = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 == n || s[i + 1] != '\n')))
			lines++;
	return lines;
}

static void
on_field(void *s, size_t n, void *arg)
{
	struct lk_csv *c = arg;

	if (c->stop)
		return;
	if (c->n == 0)
		c->start = c->lines + 1;
	c->cr = 0;
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 32 : c->cap * 2;
		c->off = lk_xreallocarray(c->off, c->cap, sizeof(*c->off));
		c->len = lk_xreallocarray(c->len, c->cap, sizeof(*c->len));
		c->f = lk_xreallocarray(c->f, c->cap, sizeof(*c->f));
	}
	c->off[c->n] = c->data.len;
	c->len[c->n] = n;
	c->n++;
	lk_buf_add(&c->data, s == NULL ? "" : s, s == NULL ? 0 : n);
	lk_buf_addc(&c->data, '\0');
	if (s != NULL && n > 0 && memchr(s, '\n', n) != NULL)
		c->lines += count_lines(s, n);
	else if (s != NULL && n > 0 && memchr(s, '\r', n) != NULL)
		c->lines += count_lines(s, n);
}

static void
on_record(int ch, void *arg)
{
	struct lk_csv *c = arg;
	struct lk_csv_rec r;
	size_t	 i;
	int	 blank;

	/* With CSV_REPALL_NL every line end comes here, a CRLF as two:
	 * the LF right after a CR ends no line of its own. */
	if (ch == '\n' && c->cr && c->n == 0) {
		c->cr = 0;
		return;
	}
	c->cr = ch == '\r';
	if (ch == '\n' || ch == '\r')
		c->lines++;
	if (c->n == 0 || c->stop)
		goto out;
	/* A row of empty fields (",,,,") is as blank as an empty line. */
	for (i = 0, blank = 1; i < c->n && blank; i++)
		blank = c->len[i] == 0;
	if (blank)
		goto out;
	for (i = 0; i < c->n; i++)
		c->f[i] = c->data.s + c->off[i];
	r.f = c->f;
	r.len = c->len;
	r.n = c->n;
	r.line = c->start;
	r.lines = c->lines - c->start + 1 + (ch == -1);
	c->stop = c->fn(c->arg, &r);
out:
	c->n = 0;
	lk_buf_clear(&c->data);
}

/* Spaces around unquoted fields are trimmed, but never the delimiter. */
static int
is_space_comma(unsigned char ch)
{
	return ch == ' ' || ch == '\t';
}

static int
is_space_tab(unsigned char ch)
{
	return ch == ' ';
}

/* The delimiter the header line uses most, outside quotes. */
static int
detect(const char *s, size_t n)
{
	static const char cand[] = ",;\t|";
	size_t	 count[sizeof(cand) - 1] = { 0 }, i, j, best = 0;
	int	 quoted = 0, seen = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r')) {
			if (seen)
				break;
			memset(count, 0, sizeof(count));
		} else if (!quoted) {
			for (j = 0; j < sizeof(count) / sizeof(count[0]); j++)
				if (s[i] == cand[j])
					count[j]++;
			if (strchr(cand, s[i]) == NULL && s[i] != ' ')
				seen = 1;
		}
	}
	for (j = 1; j < sizeof(count) / sizeof(count[0]); j++)
		if (count[j] > count[best])
			best = j;
	return cand[best];
}

static int
setup(struct lk_csv *c, unsigned char *buf, size_t *n, size_t *skip)
{
	const char *from = c->opts.encoding;

	*skip = 0;
	if (*n >= 3 && buf[0] == 0xef && buf[1] == 0xbb && buf[2] == 0xbf)
		*skip = 3;
	else if (*n >= 2 && buf[0] == 0xff && buf[1] == 0xfe) {
		*skip = 2;
		if (from == NULL)
			from = "UTF-16LE";
	} else if (*n >= 2 && buf[0] == 0xfe && buf[1] == 0xff) {
		*skip = 2;
		if (from == NULL)
			from = "UTF-16BE";
	}
	if (from != NULL && strcasecmp(from, "UTF-8") != 0 &&
	    strcasecmp(from, "UTF8") != 0) {
		if ((c->cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
			lk_msg_at(EX_USAGE, c->name, 0, "--encoding", from,
			    "unknown encoding");
			return EX_USAGE;
		}
		c->enc = from;
	}
	if (csv_init(&c->p, CSV_REPALL_NL) != 0) {
		lk_err(EX_OSERR, "out of memory");
		return EX_OSERR;
	}
	return 0;
}

/* Feed n bytes of UTF-8 to libcsv. */
static int
feed(struct lk_csv *c, const char *s, size_t n)
{
	if (c->delim == 0) {
		c->delim = c->opts.delim != 0 ? c->opts.delim : detect(s, n);
		csv_set_delim(&c->p, (unsigned char)c->delim);
		csv_set_space_func(&c->p, c->delim == '\t' ? is_space_tab :
		    is_space_comma);
	}
	if (csv_parse(&c->p, s, n, on_field, on_record, c) != n) {
		lk_err(EX_OSERR, "%s: %s", c->name,
		    csv_strerror(csv_error(&c->p)));
		return EX_OSERR;
	}
	/*
	 * A quote left open takes the rest of the file into one field
	 * (libcsv keeps it in memory): stop at a size no lead's field
	 * has, so memory stays flat on a broken 1 GB dump as well.
	 */
	if (c->p.pstate == 2 && c->p.quoted && c->p.entry_pos > FIELD_MAX) {
		lk_msg_at(EX_DATAERR, c->name, c->lines + 1, NULL, NULL,
		    "a quoted field runs past 1 MiB (no closing \", or text "
		    "after the closing \")");
		return EX_DATAERR;
	}
	return 0;
}

/*
 * Convert in[0..*n) to UTF-8 and feed it; bytes of an incomplete
 * sequence at the end are moved to the front of in, *n says how many.
 */
static int
convert(struct lk_csv *c, char *in, size_t *n, int last)
{
	char	 out[CHUNK * 2], *ip, *op;
	size_t	 il, ol;
	int	 rc, e;

	ip = in;
	il = *n;
	while (il > 0 && !c->stop) {
		op = out;
		ol = sizeof(out);
		errno = 0;
		if (iconv(c->cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			/* What came before it is read first: a row the
			 * reader stops at is all there is to say. */
			e = errno;
			if ((rc = feed(c, out, (size_t)(op - out))) != 0 ||
			    c->stop)
				return rc;
			if (e == EINVAL && !last)
				break;
			lk_msg_at(EX_DATAERR, c->name, c->lines + 1, NULL, NULL,
			    "not %s text (byte 0x%02X)%s", c->enc,
			    (unsigned char)*ip, e == EINVAL ?
			    " at the end of the file" : "");
			return EX_DATAERR;
		}
		if ((rc = feed(c, out, (size_t)(op - out))) != 0)
			return rc;
	}
	memmove(in, ip, il);
	*n = il;
	return 0;
}

int
lk_csv_each(struct lk_csv *c, int (*fn)(void *, const struct lk_csv_rec *),
    void *arg)
{
	char	*buf;
	size_t	 n, have = 0, skip;
	int	 rc = 0, first = 1;

	c->fn = fn;
	c->arg = arg;
	buf = lk_xmalloc(CHUNK);
	for (;;) {
		n = fread(buf + have, 1, CHUNK - have, c->fp);
		if (n == 0 && ferror(c->fp)) {
			lk_err(EX_IOERR, "%s: %s", c->name, strerror(errno));
			rc = EX_IOERR;
			break;
		}
		have += n;
		if (first) {
			first = 0;
			if ((rc = setup(c, (unsigned char *)buf, &have,
			    &skip)) != 0)
				break;
			memmove(buf, buf + skip, have - skip);
			have -= skip;
		}
		if (c->cd == (iconv_t)-1) {
			rc = feed(c, buf, have);
			have = 0;
		} else
			rc = convert(c, buf, &have, n == 0);
		if (rc != 0 || c->stop || n == 0)
			break;
	}
	/*
	 * libcsv reports a quote left open only in strict mode, which also
	 * refuses the stray quotes real files have inside unquoted fields
	 * (5'10"); so look at its state: 2 is its FIELD_BEGUN.
	 */
	if (rc == 0 && !c->stop && c->p.pstate == 2 && c->p.quoted) {
		lk_msg_at(EX_DATAERR, c->name, c->lines + 1, NULL, NULL,
		    "a quoted field never ends (no closing \", or text after "
		    "the closing \")");
		rc = EX_DATAERR;
	}
	if (rc == 0 && !c->stop)
		csv_fini(&c->p, on_field, on_record, c);
	free(buf);
	return rc != 0 ? rc : c->stop;
}

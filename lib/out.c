/*
 * out: every listing goes through here, so each format is written one
 * way only: TSV and CSV that tools can eat, JSON that always parses,
 * and tables that cannot be used to drive the terminal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "clock.h"
#include "json.h"
#include "out.h"
#include "xmem.h"

#define CELL_MAX	40	/* widest table cell, horizontal layout */
#define CUT_MARK	"..."
#define CUT_WIDTH	3	/* columns of CUT_MARK */
#define JSON_DEPTH	128	/* bounds json_copy's recursion */

/* A table cell, made terminal-safe when its row arrives. */
struct cell {
	const char *s;		/* display form, no control bytes */
	size_t	 len;		/* bytes in s */
	size_t	 width;		/* terminal columns of s */
	size_t	 cutlen;	/* bytes that fit beside CUT_MARK */
	size_t	 cutwidth;	/* columns of those bytes */
};

struct lk_out {
	FILE	*fp;		/* output, the caller's */
	enum lk_fmt fmt;	/* never LK_FMT_AUTO */
	int	 header;	/* print the column names */
	int	 vertical;	/* table as name-value lines */
	char	**names;	/* column names */
	size_t	 n;		/* columns */
	struct lk_buf line;	/* the record (table: cell) being composed */
	struct cell *head;	/* table: the names as cells */
	struct cell *cells;	/* table: nrows rows of n cells */
	size_t	 nrows;		/* table: rows kept */
	size_t	 caprows;	/* table: rows allocated */
	struct lk_arena arena;	/* table: cell text */
	int	 printed;	/* table: already written */
};

int
lk_out_format(const char *s, enum lk_fmt *f)
{
	static const struct {
		const char	*name;
		enum lk_fmt	 fmt;
	} tab[] = {
		{ "table", LK_FMT_TABLE },
		{ "tsv", LK_FMT_TSV },
		{ "csv", LK_FMT_CSV },
		{ "json", LK_FMT_JSON },
	};
	size_t	 i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(s, tab[i].name) == 0) {
			*f = tab[i].fmt;
			return 0;
		}
	return -1;
}

struct lk_out *
lk_out_new(FILE *fp, enum lk_fmt fmt, int header)
{
	struct lk_out *o;

	o = lk_xcalloc(1, sizeof(*o));
	o->fp = fp;
	if (fmt == LK_FMT_AUTO)
		fmt = isatty(fileno(fp)) ? LK_FMT_TABLE : LK_FMT_TSV;
	o->fmt = fmt;
	o->header = header;
	return o;
}

void
lk_out_vertical(struct lk_out *o, int on)
{
	o->vertical = on;
}

enum lk_fmt
lk_out_fmt(const struct lk_out *o)
{
	return o->fmt;
}

/*
 * The text to show for v and how to treat it.  A TIME that does not
 * parse is shown as TEXT: the bad value stays visible, and CSV still
 * neutralises it as it would any text.
 */
static enum lk_vtype
resolve(const struct lk_val *v, int table, char *buf, const char **s)
{
	time_t	 t;

	if (v->type == LK_V_NULL || v->s == NULL) {
		*s = "";
		return LK_V_NULL;
	}
	*s = v->s;
	if (v->type != LK_V_TIME)
		return v->type;
	if (lk_time_parse_utc(v->s, &t) == -1)
		return LK_V_TEXT;
	*s = table ? lk_time_short(t, buf) : lk_time_local(t, buf);
	return LK_V_TIME;
}

/*
 * A TSV field: \\ \t \n \r keep a record on one line; any other
 * control byte (ESC, BEL, DEL; C1 controls such as U+009B CSI) is
 * written \xNN or \u00NN, so TSV printed on a terminal runs nothing.
 */
static void
tsv_field(struct lk_buf *b, const char *s)
{
	const unsigned char *u;

	for (; *s != '\0'; s++) {
		u = (const unsigned char *)s;
		if (*u == 0xc2 && u[1] >= 0x80 && u[1] < 0xa0) {
			lk_buf_addf(b, "\\u%04X", u[1]);
			s++;
			continue;
		}
		if ((*u < 0x20 && *u != '\t' && *u != '\n' && *u != '\r') ||
		    *u == 0x7f) {
			lk_buf_addf(b, "\\x%02X", *u);
			continue;
		}
		switch (*s) {
		case '\\':
			lk_buf_adds(b, "\\\\");
			break;
		case '\t':
			lk_buf_adds(b, "\\t");
			break;
		case '\n':
			lk_buf_adds(b, "\\n");
			break;
		case '\r':
			lk_buf_adds(b, "\\r");
			break;
		default:
			lk_buf_addc(b, *s);
			break;
		}
	}
}

void
lk_out_csv_field(struct lk_buf *b, const char *s, size_t n, int neutralise)
{
	size_t	 k;
	int	 neut, quote;

	/*
	 * A spreadsheet runs a cell starting with one of these as a
	 * formula (OWASP "CSV injection"); text from a web form must not.
	 */
	neut = neutralise && n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
	/* Readers trim unquoted edge blanks; quoting keeps them. */
	quote = n > 0 && (strchr(" \t", s[n - 1]) != NULL ||
	    (!neut && strchr(" \t", s[0]) != NULL));
	for (k = 0; k < n && !quote; k++)
		quote = s[k] == ',' || s[k] == '"' || s[k] == '\r' ||
		    s[k] == '\n';
	if (quote)
		lk_buf_addc(b, '"');
	if (neut)
		lk_buf_addc(b, '\'');
	for (k = 0; k < n; k++) {
		if (s[k] == '"')
			lk_buf_addc(b, '"');
		lk_buf_addc(b, s[k]);
	}
	if (quote)
		lk_buf_addc(b, '"');
}

/* Length of the UTF-8 character at s (n bytes left), 0 if invalid. */
static size_t
u8next(const char *s, size_t n, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t r;

	r = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    cp);
	return r > 0 ? (size_t)r : 0;
}

/* The end of a JSON number (RFC 8259 grammar) starting at p, or NULL. */
static const char *
json_num(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		if (*++p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		if (*++p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

static const char *
json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* A JSON string at p (on its quote) copied to b; its end, or NULL. */
static const char *
json_copystr(struct lk_buf *b, const char *p)
{
	const char *q;
	utf8proc_int32_t cp;
	size_t	 len;
	int	 i;

	for (q = p + 1; *q != '"'; q += len) {
		len = 1;
		if ((unsigned char)*q < 0x20)
			return NULL;	/* the NUL too: unterminated */
		if (*q == '\\') {
			if (q[1] == 'u') {
				for (i = 2; i < 6; i++)
					if (strchr("0123456789abcdefABCDEF",
					    q[i]) == NULL || q[i] == '\0')
						return NULL;
				len = 6;
			} else if (q[1] != '\0' &&
			    strchr("\"\\/bfnrt", q[1]) != NULL)
				len = 2;
			else
				return NULL;
		} else if ((unsigned char)*q >= 0x80 &&
		    (len = u8next(q, strnlen(q, 4), &cp)) == 0)
			return NULL;
	}
	lk_buf_add(b, p, (size_t)(q + 1 - p));
	return q + 1;
}

/*
 * A JSON value at p copied to b without the blanks between tokens, so
 * a pretty-printed value still fits on one line; its end, or NULL when
 * it is not JSON.
 */
static const char *
json_copy(struct lk_buf *b, const char *p, int depth)
{
	const char *q;
	char	 close;

	p = json_ws(p);
	if (*p == '"')
		return json_copystr(b, p);
	if (*p == '{' || *p == '[') {
		if (depth >= JSON_DEPTH)
			return NULL;
		close = *p == '{' ? '}' : ']';
		lk_buf_addc(b, *p);
		p = json_ws(p + 1);
		if (*p == close) {
			lk_buf_addc(b, close);
			return p + 1;
		}
		for (;;) {
			if (close == '}') {
				if (*(p = json_ws(p)) != '"' ||
				    (p = json_copystr(b, p)) == NULL ||
				    *(p = json_ws(p)) != ':')
					return NULL;
				lk_buf_addc(b, ':');
				p++;
			}
			if ((p = json_copy(b, p, depth + 1)) == NULL)
				return NULL;
			p = json_ws(p);
			if (*p == close) {
				lk_buf_addc(b, close);
				return p + 1;
			}
			if (*p != ',')
				return NULL;
			lk_buf_addc(b, ',');
			p++;
		}
	}
	if (strncmp(p, "true", 4) == 0)
		q = p + 4;
	else if (strncmp(p, "false", 5) == 0)
		q = p + 5;
	else if (strncmp(p, "null", 4) == 0)
		q = p + 4;
	else if ((q = json_num(p)) == NULL)
		return NULL;
	lk_buf_add(b, p, (size_t)(q - p));
	return q;
}

/*
 * The caller's INT, REAL or JSON text as is when it is what it claims
 * to be; otherwise as a string, so the line always parses.
 */
static void
json_raw(struct lk_buf *b, const char *s, enum lk_vtype type)
{
	const char *end;
	size_t	 mark;

	mark = b->len;
	if (type == LK_V_JSON)
		end = json_copy(b, s, 0);
	else if ((end = json_num(s)) != NULL)
		lk_buf_add(b, s, (size_t)(end - s));
	if (end != NULL && *json_ws(end) == '\0')
		return;
	b->len = mark;
	lk_json_str(b, s, strlen(s));
}

/* One piece of a cell; where CUT_MARK would go is noted on the way. */
static void
cell_add(struct lk_buf *b, struct cell *c, const char *s, size_t len,
    size_t w)
{
	if (c->cutlen == SIZE_MAX && c->width + w > CELL_MAX - CUT_WIDTH) {
		c->cutlen = b->len;
		c->cutwidth = c->width;
	}
	lk_buf_add(b, s, len);
	c->width += w;
}

/*
 * s made fit for a terminal: valid UTF-8 that draws is kept, anything
 * a terminal would act on (controls, so escape sequences; format
 * characters such as bidi overrides; line separators) is spelled out.
 */
static void
cell_make(struct lk_out *o, struct cell *c, const char *s)
{
	struct lk_buf *b = &o->line;
	utf8proc_int32_t cp;
	utf8proc_category_t cat;
	size_t	 n, len;
	char	 esc[16];

	memset(c, 0, sizeof(*c));
	c->cutlen = SIZE_MAX;
	lk_buf_clear(b);
	n = strlen(s);
	for (; n > 0; s += len, n -= len) {
		if ((len = u8next(s, n, &cp)) == 0) {
			len = 1;
			snprintf(esc, sizeof(esc), "\\x%02X",
			    (unsigned char)*s);
		} else if (cp == '\n')
			strcpy(esc, "\\n");
		else if (cp == '\t')
			strcpy(esc, "\\t");
		else if (cp == '\r')
			strcpy(esc, "\\r");
		else if (cp == 0x1b)
			strcpy(esc, "\\e");
		else if (cp < 0x20 || cp == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02X", (unsigned)cp);
		else if ((cat = utf8proc_category(cp)) ==
		    UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
		    cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
			snprintf(esc, sizeof(esc), cp > 0xffff ? "\\U%08X" :
			    "\\u%04X", (unsigned)cp);
		else {
			cell_add(b, c, s, len,
			    (size_t)utf8proc_charwidth(cp));
			continue;
		}
		cell_add(b, c, esc, strlen(esc), strlen(esc));
	}
	c->len = b->len;
	c->s = lk_arena_strndup(&o->arena, lk_buf_str(b), b->len);
}

void
lk_out_begin(struct lk_out *o, const char *const *names, size_t n)
{
	size_t	 i;

	o->n = n;
	o->names = lk_xreallocarray(NULL, n, sizeof(*o->names));
	for (i = 0; i < n; i++)
		o->names[i] = lk_xstrdup(names[i]);
	if (o->fmt == LK_FMT_TABLE) {
		o->head = lk_xreallocarray(NULL, n, sizeof(*o->head));
		for (i = 0; i < n; i++)
			cell_make(o, &o->head[i], names[i]);
		return;
	}
	if (!o->header || o->fmt == LK_FMT_JSON)
		return;
	lk_buf_clear(&o->line);
	for (i = 0; i < n; i++) {
		if (o->fmt == LK_FMT_CSV) {
			if (i > 0)
				lk_buf_addc(&o->line, ',');
			lk_out_csv_field(&o->line, names[i], strlen(names[i]), 1);
		} else {
			if (i > 0)
				lk_buf_addc(&o->line, '\t');
			tsv_field(&o->line, names[i]);
		}
	}
	lk_buf_adds(&o->line, o->fmt == LK_FMT_CSV ? "\r\n" : "\n");
	fwrite(o->line.s, 1, o->line.len, o->fp);
}

static void
table_row(struct lk_out *o, const struct lk_val *vals)
{
	struct cell *row;
	const char *s;
	char	 tbuf[LK_TIME_MAX];
	size_t	 i;

	if (o->nrows == o->caprows) {
		o->caprows = o->caprows == 0 ? 64 : o->caprows * 2;
		o->cells = lk_xreallocarray(o->cells, o->caprows,
		    o->n * sizeof(*o->cells));
	}
	row = o->cells + o->nrows * o->n;
	for (i = 0; i < o->n; i++) {
		resolve(&vals[i], 1, tbuf, &s);
		cell_make(o, &row[i], s);
	}
	o->nrows++;
}

void
lk_out_row(struct lk_out *o, const struct lk_val *vals)
{
	const char *s;
	char	 tbuf[LK_TIME_MAX];
	enum lk_vtype t;
	size_t	 i;

	if (o->fmt == LK_FMT_TABLE) {
		table_row(o, vals);
		return;
	}
	lk_buf_clear(&o->line);
	if (o->fmt == LK_FMT_JSON)
		lk_buf_addc(&o->line, '{');
	for (i = 0; i < o->n; i++) {
		t = resolve(&vals[i], 0, tbuf, &s);
		if (o->fmt == LK_FMT_JSON) {
			if (i > 0)
				lk_buf_addc(&o->line, ',');
			lk_json_str(&o->line, o->names[i], strlen(o->names[i]));
			lk_buf_addc(&o->line, ':');
			if (t == LK_V_NULL)
				lk_buf_adds(&o->line, "null");
			else if (t == LK_V_TEXT || t == LK_V_TIME)
				lk_json_str(&o->line, s, strlen(s));
			else
				json_raw(&o->line, s, t);
		} else if (o->fmt == LK_FMT_CSV) {
			if (i > 0)
				lk_buf_addc(&o->line, ',');
			lk_out_csv_field(&o->line, s, strlen(s),
			    t == LK_V_TEXT || t == LK_V_JSON);
		} else {
			if (i > 0)
				lk_buf_addc(&o->line, '\t');
			tsv_field(&o->line, s);
		}
	}
	if (o->fmt == LK_FMT_JSON)
		lk_buf_adds(&o->line, "}\n");
	else
		lk_buf_adds(&o->line, o->fmt == LK_FMT_CSV ? "\r\n" : "\n");
	fwrite(o->line.s, 1, o->line.len, o->fp);
}

/* Columns c takes in the horizontal layout, cut if too wide. */
static size_t
cell_width(const struct cell *c)
{
	return c->width > CELL_MAX ? c->cutwidth + CUT_WIDTH : c->width;
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/* One line of cells; no blanks after the last cell that shows. */
static void
table_line(struct lk_out *o, const struct cell *row, const size_t *w)
{
	size_t	 i, last;

	for (last = o->n; last > 0 && row[last - 1].len == 0; last--)
		;
	for (i = 0; i < last; i++) {
		if (i > 0)
			fputs("  ", o->fp);
		/* The last column runs on: nothing after it to keep
		 * aligned, and it is often what the listing is for (a
		 * comment, why a lead went where it went). */
		if (row[i].width > CELL_MAX && i + 1 < o->n) {
			fwrite(row[i].s, 1, row[i].cutlen, o->fp);
			fputs(CUT_MARK, o->fp);
		} else
			fwrite(row[i].s, 1, row[i].len, o->fp);
		if (i + 1 < last)
			pad(o->fp, w[i] - cell_width(&row[i]));
	}
	putc('\n', o->fp);
}

static void
table_vertical(struct lk_out *o)
{
	const struct cell *row;
	size_t	 i, r, w;

	for (w = 0, i = 0; i < o->n; i++)
		if (o->head[i].width > w)
			w = o->head[i].width;
	for (r = 0; r < o->nrows; r++) {
		if (r > 0)
			putc('\n', o->fp);
		row = o->cells + r * o->n;
		for (i = 0; i < o->n; i++) {
			fwrite(o->head[i].s, 1, o->head[i].len, o->fp);
			if (row[i].len > 0) {
				pad(o->fp, w - o->head[i].width + 2);
				fwrite(row[i].s, 1, row[i].len, o->fp);
			}
			putc('\n', o->fp);
		}
	}
}

static void
table_print(struct lk_out *o)
{
	size_t	*w, i, r, cw;

	if (o->vertical) {
		table_vertical(o);
		return;
	}
	w = lk_xreallocarray(NULL, o->n, sizeof(*w));
	for (i = 0; i < o->n; i++) {
		w[i] = o->header ? cell_width(&o->head[i]) : 0;
		for (r = 0; r < o->nrows; r++)
			if ((cw = cell_width(&o->cells[r * o->n + i])) > w[i])
				w[i] = cw;
	}
	if (o->header)
		table_line(o, o->head, w);
	for (r = 0; r < o->nrows; r++)
		table_line(o, o->cells + r * o->n, w);
	free(w);
}

int
lk_out_end(struct lk_out *o)
{
	if (o->fmt == LK_FMT_TABLE && !o->printed && o->head != NULL) {
		table_print(o);
		o->printed = 1;
	}
	if (fflush(o->fp) == EOF || ferror(o->fp))
		return -1;
	return 0;
}

void
lk_out_free(struct lk_out *o)
{
	size_t	 i;

	if (o == NULL)
		return;
	for (i = 0; i < o->n; i++)
		free(o->names[i]);
	free(o->names);
	free(o->head);
	free(o->cells);
	lk_buf_free(&o->line);
	lk_arena_free(&o->arena);
	free(o);
}

/*
 * out: every listing a program prints.  One spec (format, header), a
 * row at a time; a table on a terminal, TSV when piped, or what
 * --format asks.  Output is safe to feed on: TSV escapes so a record is
 * one line, CSV neutralises what a spreadsheet would run as a formula,
 * a table never sends a control byte to the terminal.
 */
#ifndef LK_OUT_H
#define LK_OUT_H

#include <stddef.h>
#include <stdio.h>

enum lk_fmt {
	LK_FMT_AUTO,		/* TABLE on a terminal, TSV otherwise */
	LK_FMT_TABLE,		/* aligned columns for people */
	LK_FMT_TSV,		/* tab-separated, \\ \t \n \r escaped, other
				   control bytes \xNN or \u00NN */
	LK_FMT_CSV,		/* RFC 4180, CRLF, formulas neutralised */
	LK_FMT_JSON		/* one JSON object a line */
};

/* --format value to *f: "table", "tsv", "csv", "json"; -1 otherwise. */
int	 lk_out_format(const char *s, enum lk_fmt *f);

enum lk_vtype {
	LK_V_NULL,		/* no value: empty, or null in JSON */
	LK_V_INT,		/* decimal integer text: a JSON number */
	LK_V_REAL,		/* decimal text: a JSON number */
	LK_V_TEXT,		/* UTF-8 text (bytes shown safely if not) */
	LK_V_TIME,		/* stored UTC form, shown in local time */
	LK_V_JSON		/* a JSON value, nested as is in JSON output */
};

struct lk_val {
	enum lk_vtype type;
	const char *s;		/* text form; NULL for LK_V_NULL */
};

struct lk_out;

/*
 * A new renderer writing to fp (not closed by lk_out_free).  header 0
 * leaves out the header row (TABLE, TSV, CSV).  LK_FMT_AUTO resolves
 * here, by isatty(fileno(fp)).
 */
struct lk_out *lk_out_new(FILE *fp, enum lk_fmt fmt, int header);
/* Tables only: each record as "name  value" lines, records separated
 * by a blank line, nothing cut (for showing one lead). */
void	 lk_out_vertical(struct lk_out *, int on);
/* The resolved format. */
enum lk_fmt lk_out_fmt(const struct lk_out *);

/* The column names (machine names: received_at), copied. Call once. */
void	 lk_out_begin(struct lk_out *, const char *const *names, size_t n);
/*
 * One record of n values (n as given to lk_out_begin), copied or
 * written at once.  TIME: local ISO 8601 with offset in TSV, CSV and
 * JSON, "2026-11-23 09:00" in a table.  A table is kept until
 * lk_out_end to size its columns; cells wider than 40 columns are cut
 * with "..." in the horizontal layout.
 */
void	 lk_out_row(struct lk_out *, const struct lk_val *vals);
/* Finish (a table is printed here) and flush: 0, or -1 on a write error. */
int	 lk_out_end(struct lk_out *);
void	 lk_out_free(struct lk_out *);

/*
 * s[0..n) as one CSV field (RFC 4180) appended to b: quoted when it
 * holds a comma, quote, CR or LF or has blanks at an edge; with
 * neutralise, a value a spreadsheet would run as a formula (starting
 * with = + - @ tab CR) gets a leading apostrophe.  For files written
 * outside a listing (a reject file) as much as for --format csv.
 */
struct lk_buf;
void	 lk_out_csv_field(struct lk_buf *b, const char *s, size_t n,
	    int neutralise);

#endif

/*
 * csvin: reading CSV as exports write it, record by record, in flat
 * memory: RFC 4180 through libcsv (quotes, embedded delimiters and line
 * breaks, CRLF, bare CR, no final newline), UTF-8 with or without a
 * BOM, UTF-16 with a BOM, any other encoding iconv knows, and the
 * delimiter detected from the header line unless given.
 */
#ifndef LK_CSVIN_H
#define LK_CSVIN_H

#include <stddef.h>
#include <stdio.h>

struct lk_csv_opts {
	const char *encoding;	/* NULL: UTF-8, or UTF-16 with a BOM */
	int	 delim;		/* 0: detect from the first line */
};

/* One record: its fields (NUL-terminated, and len says where a NUL in
 * the data is) and the line it starts on. */
struct lk_csv_rec {
	const char *const *f;
	const size_t *len;
	size_t	 n;
	long	 line;
	long	 lines;		/* how many lines it spans */
};

struct lk_csv;

/* A reader of fp (not closed by lk_csv_free); name is for messages. */
struct lk_csv *lk_csv_new(FILE *fp, const char *name,
	    const struct lk_csv_opts *opts);
void	 lk_csv_free(struct lk_csv *);

/*
 * Call fn for each record with at least one field (blank lines are
 * skipped); fn returns 0 to go on, anything else to stop, and that is
 * returned.  Returns 0 at the end of the input, or a sysexits code after
 * a message when the input cannot be read on: an I/O error, bytes not
 * in the encoding, a quote never closed.
 */
int	 lk_csv_each(struct lk_csv *,
	    int (*fn)(void *arg, const struct lk_csv_rec *), void *arg);

/* The delimiter in use (known once the first record was read). */
int	 lk_csv_delim(const struct lk_csv *);

#endif

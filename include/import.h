/*
 * import: leads into the database from what people and exports hand
 * over: one lead built from options, or a CSV dump with its header
 * mapped to lead fields, every row checked, bad rows refused or set
 * aside, the same lead never added twice.
 */
#ifndef LK_IMPORT_H
#define LK_IMPORT_H

#include <stdint.h>
#include <stdio.h>

#include "clock.h"
#include "csvin.h"
#include "lead.h"
#include "out.h"

struct lk_db;

struct lk_import {
	const char *file;	/* the CSV file, "-" for stdin */
	struct lk_csv_opts csv;	/* --encoding, --delimiter */
	enum lk_dorder order;	/* --date-order, or decided from the file */
	const char *map;	/* --map 'Header=field,...' or NULL */
	int	 ignore_unknown;	/* drop columns with no field */
	int	 strict;		/* unusable e-mail or phone is an error */
	int	 dry_run;		/* check everything; the caller rolls
					   back what was stored */
	int	 show_map;		/* print the header mapping and stop */
	enum lk_fmt fmt;		/* ... in this format */
	int	 header;		/* ... with a header row */
	const char *rejects;	/* --skip-bad file, or NULL */
	const char *def[LK_F__COUNT];	/* values for rows without one */
};

struct lk_import_counts {
	long	 rows;		/* data rows read */
	long	 added;
	long	 already;	/* already there */
	long	 rejected;	/* set aside in the reject file */
	long	 warned;	/* leads kept with a warning */
	int64_t	 first;		/* the first id added, 0 if none */
	int64_t	 batch;		/* the batch that added them */
};

/*
 * Import a CSV file into the transaction under way.  Returns 0, or a
 * sysexits code after its message (the caller rolls back).  The leads
 * added are those of counts->batch, for the caller to list once
 * committed (lk_db_batch_leads).  show_map prints the mapping to out.
 */
int	 lk_import_csv(struct lk_db *, const struct lk_import *,
	    struct lk_import_counts *, FILE *out);

/*
 * Store one lead (already filled in; lk_lead_finish is called here):
 * warnings printed, an error refused.  *id is the new lead, or 0 when
 * the same lead is already there (*already set to its id).
 */
int	 lk_import_lead(struct lk_db *, struct lk_lead *, int strict,
	    int64_t *id, int64_t *already);

/*
 * The lead field a CSV column's header names, as real exports write it
 * (share/headers.tsv; matched without regard to case, spaces or
 * punctuation): an lk_field, LK_HEADER_IGNORE for a column leadkit
 * drops on purpose (a reject file's own), LK_HEADER_UNKNOWN for none.
 * *label, if label is not NULL, is the phone or e-mail label ("home",
 * "mobile") or NULL.
 */
#define LK_HEADER_UNKNOWN	(-1)
#define LK_HEADER_IGNORE	(-2)
int	 lk_header_field(const char *header, const char **label);

/* Print the summary line: "lead-add: x.csv: 3 added, 1 already there". */
void	 lk_import_summary(const char *file, const struct lk_import_counts *,
	    int dry_run);

#endif

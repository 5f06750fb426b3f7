/*
 * intake: ADF documents and mail messages into leads, the way a mail
 * system delivers them: each document kept whole with the leads read
 * from it, a resent lead adding nothing, and a message no lead can be
 * read from held in the quarantine with the reason, never lost, never
 * bounced back to the provider.
 */
#ifndef LK_INTAKE_H
#define LK_INTAKE_H

#include <stdint.h>

struct lk_db;

struct lk_intake {
	const char *file;	/* --adf FILE: a file, "-", or a directory
				   of one message a file */
	int	 mail;		/* each is a mail message (--mail) */
	int	 strict;	/* an unusable e-mail or phone is an error */
	int	 dry_run;	/* the caller rolls back */
};

struct lk_intake_counts {
	long	 documents;	/* messages or files read */
	long	 added;		/* leads */
	long	 already;	/* leads already there */
	long	 warned;	/* leads kept with a warning */
	long	 held;		/* documents quarantined now */
	long	 held_before;	/* ... that were held already */
	long	 released;	/* quarantined documents read at last */
	long	 still;		/* ... and those still held */
	int64_t	 batch;		/* the batch the leads are in */
};

/*
 * Read in->file into the transaction under way.  Without mail, a
 * document with no readable lead is an error (EX_DATAERR, the caller
 * rolls back).  With mail, it is quarantined and counted, and every
 * failure that is not the message's (the database busy, the disk full)
 * is EX_TEMPFAIL, so the mail system tries again later.  Returns 0 or a
 * sysexits code after its message.
 */
int	 lk_intake_adf(struct lk_db *, const struct lk_intake *in,
	    struct lk_intake_counts *);

/*
 * Read the held documents ids[0..n) again (every held one when n is 0):
 * one that now gives its leads is released; one that still does not
 * stays, with the new reason, and is reported.  Returns 0 when all were
 * read, EX_DATAERR when some stay held (what was read is kept: the
 * caller commits), another sysexits code on failure.
 */
int	 lk_intake_retry(struct lk_db *, const int64_t *ids, size_t n,
	    int strict, struct lk_intake_counts *);

/* Release held documents unread, recorded as discarded; they stay in
 * the database. */
int	 lk_intake_discard(struct lk_db *, const int64_t *ids, size_t n);

/* Load the source names of file (TSV: provider, source; as lead-add
 * --sources lists them) in place of those stored. */
int	 lk_intake_sources_load(struct lk_db *, const char *file);

/* The summary on stderr: "lead-add: x.eml: 1 added, 0 already there". */
void	 lk_intake_summary(const char *what, const struct lk_intake_counts *,
	    int dry_run);

#endif

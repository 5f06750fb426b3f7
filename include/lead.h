/*
 * lead: one customer's request as leadkit holds it, whatever it came
 * from (options, a CSV row, an ADF prospect): the field table, the
 * checks every lead passes, and the fingerprint that makes importing
 * the same thing twice add nothing.
 */
#ifndef LK_LEAD_H
#define LK_LEAD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "xmem.h"

/* The fields a lead has a place for; names in lk_fields[]. */
enum lk_field {
	LK_F_EXTERNAL_ID,	/* the source's own id */
	LK_F_SOURCE,		/* site or campaign: AutoTrader */
	LK_F_ORIGIN,		/* internet, phone, walk-in, referral */
	LK_F_TYPE,		/* new, used, ... */
	LK_F_RECEIVED,		/* when the inquiry arrived, as written */
	LK_F_NAME,		/* a full name, split when no first/last */
	LK_F_FIRST,
	LK_F_MIDDLE,
	LK_F_LAST,
	LK_F_COMPANY,
	LK_F_EMAIL,		/* each one becomes a contact */
	LK_F_PHONE,		/* each one becomes a contact */
	LK_F_STREET,
	LK_F_CITY,
	LK_F_REGION,
	LK_F_POSTAL,
	LK_F_COUNTRY,
	LK_F_YEAR,		/* vehicle of interest */
	LK_F_MAKE,
	LK_F_MODEL,
	LK_F_TRIM,
	LK_F_VIN,
	LK_F_STOCK,
	LK_F_PRICE,
	LK_F_ODOMETER,
	LK_F_COLOR,
	LK_F_INTEREST,		/* buy, lease, ... */
	LK_F_TRADE_YEAR,	/* the trade-in */
	LK_F_TRADE_MAKE,
	LK_F_TRADE_MODEL,
	LK_F_TRADE_VIN,
	LK_F_TRADE_ODOMETER,
	LK_F_COMMENTS,
	LK_F_VENDOR,		/* the dealership it was sent to */
	LK_F__COUNT
};

struct lk_field_info {
	const char *name;	/* machine name: --map, output, db column */
	const char *title;	/* what --help and messages say */
};
extern const struct lk_field_info lk_fields[LK_F__COUNT];

/* The field called name ("first_name", "received"), or -1. */
int	 lk_field_lookup(const char *name);

/* An e-mail address or phone number of the customer. */
struct lk_contact {
	int	 phone;		/* 1 a phone number, 0 an e-mail address */
	const char *label;	/* "home", "mobile", ... or NULL */
	const char *col;	/* the column it came from, or NULL */
	const char *value;	/* as written, trimmed */
	const char *norm;	/* E.164 or lower-cased; NULL when unusable */
};

/* Something wrong with a lead: an error costs the lead, a warning not. */
struct lk_issue {
	int	 error;		/* 1 error, 0 warning */
	const char *field;	/* the column or field it concerns */
	const char *value;	/* the bad value, or NULL */
	const char *reason;	/* "not a date" */
};

/*
 * A lead being built.  Every string lives in the arena the lead was
 * reset with (or is static), so one lk_arena_reset frees a record.
 */
struct lk_lead {
	struct lk_arena *arena;		/* where strings live */
	const char *v[LK_F__COUNT];	/* values as written; NULL if none */
	const char *col[LK_F__COUNT];	/* the column each came from */
	struct lk_contact *contacts;	/* in column order */
	size_t	 ncontacts, ccontacts;
	struct lk_buf extra;		/* JSON object of the rest, or empty */
	time_t	 received;		/* valid when has_received */
	int	 has_received;
	const char *received_raw;	/* kept when its order was guessed */
	const char *origin;		/* the canonical origin */
	const char *email;		/* primary contacts, chosen by finish */
	const char *email_norm;
	const char *phone;
	const char *phone_e164;
	struct lk_issue *issues;
	size_t	 nissues, cissues;
	size_t	 nerrors;
	uint64_t fingerprint;
	int64_t	 document;		/* the document it came in, or 0 */
};

/* Prepare l for a new record whose strings go into a; extra is kept
 * allocated between records (lk_lead_free releases it). */
void	 lk_lead_reset(struct lk_lead *l, struct lk_arena *a);
void	 lk_lead_free(struct lk_lead *l);

/*
 * Set field f from column col (NULL for an option) to s[0..len), trimmed
 * and copied into the arena; empty values are ignored.  A phone or
 * e-mail adds a contact with label.  A field set twice keeps the first
 * value and the second, if different, goes to the extras under col.
 */
void	 lk_lead_set(struct lk_lead *l, enum lk_field f, const char *col,
	    const char *label, const char *s, size_t len);
/* Keep a column leadkit has no place for, as extra[key] = value. */
void	 lk_lead_extra(struct lk_lead *l, const char *key, const char *s,
	    size_t len);
/* Record an issue (strings copied into the arena). */
void	 lk_lead_issue(struct lk_lead *l, int error, const char *field,
	    const char *value, const char *reason);

/*
 * Check and complete a lead once all its fields are set: split a full
 * name, normalise contacts (an unusable one is a warning, or an error
 * when strict), choose the primary e-mail and phone, check the origin,
 * require a customer (a name, a company, an e-mail or a phone) and
 * compute the fingerprint.  Dates are the caller's: set received before.
 * Returns the number of errors (l->nerrors).
 */
size_t	 lk_lead_finish(struct lk_lead *l, int strict);

/* The print lk_lead_finish gives l, again after a field changed. */
uint64_t lk_lead_fingerprint(const struct lk_lead *l);

/* The 64-bit FNV-1a hash of p[0..n): fingerprints, documents. */
uint64_t lk_hash(const void *p, size_t n);

/* The origin s names ("Walk In" -> "walk-in"), or NULL. */
const char *lk_origin_canon(const char *s);

#endif

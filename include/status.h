/*
 * status: one lead-status command applied to one lead: an activity
 * logged, an appointment's outcome, a status change under the catalog's
 * rules with its follow-up, an undo.  lead-status calls it per lead
 * inside one transaction, so a list of leads changes all or nothing.
 */
#ifndef LK_STATUS_H
#define LK_STATUS_H

#include <stdint.h>
#include <time.h>

struct lk_db;
struct lk_kinds;
struct lk_routing;
struct lk_status;

/* What the command asks; the fields left 0 or NULL ask nothing. */
struct lk_change {
	const struct lk_status *to;	/* the new status */
	const char *note;
	int	 follow_up;		/* --follow-up given */
	time_t	 due;
	const char *kind;		/* --kind */
	int64_t	 of;			/* --of, for a duplicate */
	const char *log;		/* --log: call, email, ... */
	const char *outcome;		/* contact, attempt, fresh-up, ... */
	const char *direction;		/* in, out */
	time_t	 at;			/* when the activity happened */
	int	 appointment;		/* --appointment given */
	time_t	 appt_due;
	int	 confirm, shown, missed;	/* an appointment's outcome */
	int	 undo;
	const char *confirmed;		/* --confirmed: who allowed a BDC
					   rep's contact (rule 3) */
	int	 needs_bdc;		/* 1 --needs-bdc, -1 --no-... */
};

/*
 * Fill in c->to from the status as typed (a name or an unambiguous
 * prefix; NULL for none) and c->kind as the catalog spells it, checking
 * an appointment's kind is one.  0, or 64 after the message.  c then
 * points into cat and k, which must outlive it.
 */
struct lk_catalog;
int	 lk_status_resolve(const struct lk_catalog *cat,
	    const struct lk_kinds *k, const char *status, struct lk_change *c);

/*
 * Apply c to lead: 0, or a sysexits code after one line saying why
 * (65 when a catalog rule refuses: "lead-status: lead 7: no-answer needs
 * a follow-up (rule follow-up): add --follow-up WHEN"; 77 when a rule of
 * engagement does: "lead-status: lead 7: rule 2: ...").  r says which
 * rules of engagement the dealership keeps (NULL: all of them); they
 * bind the acting person's role (lk_db_role), and nobody when it is
 * NULL.  A BDC rep who changes another person's lead is put in its CDR
 * field (rule 4).
 */
int	 lk_status_apply(struct lk_db *, const struct lk_kinds *,
	    const struct lk_change *c, const struct lk_routing *r,
	    int64_t lead);

#endif

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
 * (65 when a rule refuses: "lead-status: lead 7: no-answer needs a
 * follow-up (rule follow-up): add --follow-up WHEN").
 */
int	 lk_status_apply(struct lk_db *, const struct lk_kinds *,
	    const struct lk_change *c, int64_t lead);

#endif

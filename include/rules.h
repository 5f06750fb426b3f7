/*
 * rules: whether a status change may happen to one lead, judged only by
 * the rules the catalog gives the status (share/statuses.tsv) and the
 * facts of the lead; nothing about a particular status is known here.
 */
#ifndef LK_RULES_H
#define LK_RULES_H

#include <stdint.h>
#include <time.h>

struct lk_buf;
struct lk_status;

/* What the rules look at. */
struct lk_facts {
	int64_t	 lead;		/* the lead's id */
	time_t	 now;
	time_t	 received;	/* when the lead arrived */
	long	 attempts;	/* contact attempts recorded */
	long	 visits;	/* store visits recorded */
	int	 follow_up;	/* the command schedules a follow-up */
	const char *kind;	/* of this kind, NULL when none was named */
	time_t	 due;		/* due then */
	int64_t	 of;		/* --of: the earlier lead, 0 if none */
	time_t	 of_received;	/* when that one arrived */
	int	 of_same;	/* it is the same customer */
};

/*
 * May lead f->lead be set to status s?  Returns 0, or -1 with one line
 * in why naming the rule and what would allow the change ("no-answer
 * needs a phone follow-up: add --follow-up WHEN").
 */
int	 lk_rules_check(const struct lk_status *s, const struct lk_facts *f,
	    struct lk_buf *why);

#endif

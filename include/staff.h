/*
 * staff: what the roster means without the database: roles, and working
 * hours per weekday ("mon-fri 09:00-18:00,sat 10:00-16:00") read and
 * judged in local time (TZ).
 */
#ifndef LK_STAFF_H
#define LK_STAFF_H

#include <stddef.h>
#include <time.h>

struct lk_buf;

/* Is role one of iss, bdc, floor, manager, admin? */
int	 lk_role_valid(const char *role);

/* One working span: day 0 (sunday) .. 6, minutes after midnight; a span
 * whose end is not after its start runs past midnight (22:00-06:00). */
struct lk_span {
	int	 day;
	int	 from, to;
};
struct lk_hours {
	struct lk_span *spans;
	size_t	 n;		/* 0: any time */
};

/*
 * Read a weekly hours spec: comma-separated items "DAYS HH:MM-HH:MM",
 * DAYS a day (mon, tuesday, ...) or a range (mon-fri, fri-mon), several
 * items per day allowed; "" (or "any") is any time.  0, or -1 with the
 * reason in why ("wed 9-17: not HH:MM-HH:MM").
 */
int	 lk_hours_parse(const char *spec, struct lk_hours *h, struct lk_buf *why);
/* Is local time t within h? */
int	 lk_hours_on(const struct lk_hours *h, time_t t);
/* Does h leave anyone any time at all in a week (n 0: yes)? */
int	 lk_hours_any(const struct lk_hours *h);
/* h written back the canonical way ("mon-fri 09:00-18:00,sat ..."),
 * malloc'd. */
char	*lk_hours_format(const struct lk_hours *h);
void	 lk_hours_free(struct lk_hours *h);

#endif

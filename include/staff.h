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
/* Is role one of roles, a space-separated list ("manager admin")? */
int	 lk_role_in(const char *role, const char *roles);

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

/* Is s a login as Unix user names go: a lower-case letter or _, then
 * lower-case letters, digits, _ . -, 32 bytes at most? */
int	 lk_login_valid(const char *s);

/*
 * A clock time as hours and shift exports write it ("17:30", "9:05",
 * "09:00:00", "9am", "9:30 PM") to minutes after midnight in *min;
 * "24:00" is 1440.  0, or -1 when s is not one.  A bare hour needs
 * am or pm.
 */
int	 lk_tod_parse(const char *s, int *min);

/* A local day as stored: "2026-12-24". */
#define LK_DAY_MAX 16
/* t's local day (TZ) in buf (LK_DAY_MAX bytes); returns buf. */
char	*lk_day_local(time_t t, char *buf);
/*
 * The days s names, appended to *days (of *n; the caller frees each
 * and the array): a day as lk_when_parse reads it against now
 * ("2026-12-24", "12/24/2026", "tomorrow", "fri") or a range of them,
 * first and last included ("2026-12-24..2026-12-31"), a year at most.
 * 0, or -1 with the reason in why.
 */
int	 lk_days_parse(const char *s, time_t now, char ***days, size_t *n,
	    struct lk_buf *why);

#endif

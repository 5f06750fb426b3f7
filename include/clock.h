/*
 * clock: the command's notion of now, and every conversion between text
 * and time.  Times are time_t (UTC seconds); text without an offset is
 * local time per TZ.  Stored form: "2026-11-23T14:00:00Z"; shown form:
 * "2026-11-23T09:00:00-05:00" (ISO 8601 with the local offset).
 */
#ifndef LK_CLOCK_H
#define LK_CLOCK_H

#include <time.h>

/* Bytes a formatted time needs, NUL included. */
#define LK_TIME_MAX 40

/*
 * Fix the clock: the --now value if not NULL, else $LEAD_NOW if set and
 * not empty, else the wall clock, read once.  Both take any form
 * lk_date_parse reads.  Returns 0, or -1 when the value is not a time.
 */
int	 lk_clock_init(const char *now);
/* lk_clock_init for a program's --now: 0, or 64 (EX_USAGE) after the
 * line naming --now or LEAD_NOW and the value that is not a time. */
int	 lk_clock_setup(const char *now);
/* The fixed time (the wall clock read once if lk_clock_init never ran). */
time_t	 lk_clock_now(void);

/* Day-month order of all-numeric dates such as 03/04/2026. */
enum lk_dorder {
	LK_DORDER_ANY,		/* decide per value, report what it allows */
	LK_DORDER_MDY,		/* month first: 03/04/2026 is March 4 */
	LK_DORDER_DMY,		/* day first: 03/04/2026 is 3 April */
	LK_DORDER_YMD		/* year first even with a 2-digit year */
};
/* "mdy", "dmy", "ymd" (any case) to *o; -1 when none of those. */
int	 lk_dorder_parse(const char *, enum lk_dorder *o);

/* What an all-numeric date allowed, set in *flags by lk_date_parse. */
#define LK_DATE_DMY_ONLY	0x1	/* only day-first reads it: 24/12/2025 */
#define LK_DATE_MDY_ONLY	0x2	/* only month-first reads it: 12/24/2025 */
#define LK_DATE_AMBIGUOUS	0x4	/* both do, differently: 03/04/2026 */

/*
 * Read a date or a date and time in the forms lead dumps and mail use:
 * ISO 8601 (2026-11-23, 2026-11-23T09:05, with seconds, fractions, Z,
 * +05:00, +0500, +05; a space for the T), 2026/11/23, 11/23/2026 and
 * 11-23-2026 and 11.23.2026 with or without a time (9:05, 09:05:00,
 * 9:05 AM, 9am, 9:05pm), month names (15 Apr, 2021 00:03:00; Apr 15,
 * 2021; 15-Apr-2021; April 15 2021 9:05 PM), RFC 5322 (Mon, 23 Nov 2026
 * 09:05:00 -0500), a trailing offset with or without a space
 * (02:14:45+0800, 16:40:00 -0600) or zone name (UTC, GMT, Z, EST, EDT,
 * CST, CDT, MST, MDT, PST, PDT).  Two-digit years are 19xx from 70 on,
 * else 20xx.  A date alone is 00:00.  Without an offset: local time.
 *
 * For numeric dates with the year last, order says which of the first
 * two numbers is the day.  With LK_DORDER_ANY a value only one order
 * can read is read that way and *flags says which; one both can read
 * (day and month both 1-12 and different) is read month-first with
 * LK_DATE_AMBIGUOUS.  flags may be NULL; it is set to 0 otherwise.
 *
 * Returns 0 with *t set, or -1 when s is not a date (13/45/2026, a
 * February 30, 25:00, mixed separators as in 2009-07/14, trailing text)
 * or is one the stored form cannot hold, outside 0001-01-01T00:00:00Z
 * to 9999-12-31T23:59:59Z (9999-12-31 23:00 -0500).
 */
int	 lk_date_parse(const char *s, enum lk_dorder order, time_t *t,
	    unsigned *flags);

/*
 * Read what people type for a due time, relative to now: anything
 * lk_date_parse reads; "now", "today", "tomorrow", "yesterday", a
 * weekday ("mon", "monday", "next mon": the next one after today), each
 * optionally followed by a time ("10:00", "9am", "9:30 pm", "at 9");
 * a signed offset from now ("+2d", "+6months", "-1w", "+3h", "+90min",
 * "+1y"; units as lk_dur_parse).  A day without a time is 00:00 local.
 * Returns 0 with *t set, -1 when s is none of these or the time falls
 * outside what lk_date_parse accepts ("-999999w").
 */
int	 lk_when_parse(const char *s, time_t now, time_t *t);

/*
 * A span of time as people write it: a number and a unit, "14d",
 * "6months", "6 months", "15m", "2w", "1y", "90min", "36h", "30s", or
 * several ("1h 30m", "1y2mo").
 * m and min are minutes, mo and month(s) months.  Months and years move
 * the calendar (Aug 31 + 6 months is Feb 28), days and weeks move the
 * date keeping the local clock time across DST, the rest are seconds.
 */
struct lk_dur {
	int	 months;	/* calendar months (years * 12) */
	int	 days;		/* calendar days (weeks * 7) */
	long	 seconds;	/* hours, minutes, seconds */
};
int	 lk_dur_parse(const char *, struct lk_dur *);
/* t moved by d (or back, with neg nonzero). */
time_t	 lk_dur_add(time_t t, const struct lk_dur *d, int neg);

/* t as "2026-11-23T14:00:00Z" in buf (LK_TIME_MAX bytes); returns buf. */
char	*lk_time_utc(time_t t, char *buf);
/* t as "2026-11-23T09:00:00-05:00" in local time; returns buf. */
char	*lk_time_local(time_t t, char *buf);
/* t as "2026-11-23 09:00" in local time, for tables; returns buf. */
char	*lk_time_short(time_t t, char *buf);
/* The stored form (or any ISO 8601 time with Z/offset, in the range
 * lk_date_parse accepts) back: 0 or -1. */
int	 lk_time_parse_utc(const char *s, time_t *t);

#endif

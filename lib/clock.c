/*
 * clock: the fixed "now" of a run, spans, WHEN, and a time written in
 * the stored and shown forms.  Reading dates, the stored form included,
 * is lib/date.c's; WHEN reuses its scanners through lib/dateint.h.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "dateint.h"
#include "msg.h"

/* Where a unit of a span goes in struct lk_dur. */
enum unitkind {
	U_SEC,
	U_DAY,
	U_MON
};

static const struct unit {
	const char	*name;
	enum unitkind	 kind;
	long		 mult;		/* in seconds, days or months */
} units[] = {
	/* Each also with an s, "mins", except the one-letter ones. */
	{ "s", U_SEC, 1 }, { "sec", U_SEC, 1 }, { "second", U_SEC, 1 },
	{ "m", U_SEC, 60 }, { "min", U_SEC, 60 }, { "minute", U_SEC, 60 },
	{ "h", U_SEC, 3600 }, { "hr", U_SEC, 3600 }, { "hour", U_SEC, 3600 },
	{ "d", U_DAY, 1 }, { "day", U_DAY, 1 },
	{ "w", U_DAY, 7 }, { "wk", U_DAY, 7 }, { "week", U_DAY, 7 },
	{ "mo", U_MON, 1 }, { "month", U_MON, 1 },
	{ "y", U_MON, 12 }, { "yr", U_MON, 12 }, { "year", U_MON, 12 }
};

static struct {
	time_t		 now;
	int		 set;
} clk;

int
lk_clock_init(const char *now)
{
	const char	*env;
	time_t		 t;

	if (now == NULL && (env = getenv("LEAD_NOW")) != NULL &&
	    *env != '\0')
		now = env;
	if (now == NULL)
		t = time(NULL);
	else if (lk_date_parse(now, LK_DORDER_ANY, &t, NULL) == -1)
		return -1;
	clk.now = t;
	clk.set = 1;
	return 0;
}

int
lk_clock_setup(const char *now)
{
	if (lk_clock_init(now) == 0)
		return 0;
	lk_msg_at(EX_USAGE, NULL, 0, now != NULL ? "--now" : "LEAD_NOW",
	    now != NULL ? now : getenv("LEAD_NOW"), "not a time");
	return EX_USAGE;
}

time_t
lk_clock_now(void)
{
	if (!clk.set) {
		clk.now = time(NULL);
		clk.set = 1;
	}
	return clk.now;
}

/* A span in [p, e): one or more of a number and a unit, "1h 30m". */
static int
dur_scan(const char *p, const char *e, struct lk_dur *d)
{
	const struct unit *u;
	const char	*w;
	long long	 mon = 0, day = 0, sec = 0;
	size_t		 n;
	int		 nd, v;

	skipws(&p, e);
	if (p == e)
		return -1;
	while (p < e) {
		nd = digits(&p, e, &v);
		if (nd < 1 || nd > 9)
			return -1;
		skipws(&p, e);
		n = word(&p, e, &w);
		for (u = units; u < units + NITEMS(units); u++)
			if (wordeq(w, n, u->name) || (n > 2 &&
			    LOWER(w[n - 1]) == 's' &&
			    wordeq(w, n - 1, u->name)))
				break;
		if (u == units + NITEMS(units))
			return -1;
		if (u->kind == U_MON)
			mon += (long long)v * u->mult;
		else if (u->kind == U_DAY)
			day += (long long)v * u->mult;
		else
			sec += (long long)v * u->mult;
		/* Past this the calendar arithmetic would overflow. */
		if (mon > INT_MAX || day > INT_MAX || sec > 1000000000000000LL)
			return -1;
		skipws(&p, e);
	}
	d->months = (int)mon;
	d->days = (int)day;
	d->seconds = (long)sec;
	return 0;
}

int
lk_dur_parse(const char *s, struct lk_dur *d)
{
	const char	*p, *e;

	trim(s, &p, &e);
	return dur_scan(p, e, d);
}

time_t
lk_dur_add(time_t t, const struct lk_dur *d, int neg)
{
	struct tm	 tm;
	long long	 m, y, days, sign = neg ? -1 : 1;
	int		 day;

	if ((d->months != 0 || d->days != 0) && localtime_r(&t, &tm) != NULL) {
		m = tm.tm_mon + sign * d->months;
		y = tm.tm_year + 1900LL + floordiv(m, 12);
		m -= floordiv(m, 12) * 12;
		day = tm.tm_mday;
		/* Aug 31 + 6 months: the end of February, not March 3. */
		if (day > mdays(y, (int)m + 1))
			day = mdays(y, (int)m + 1);
		days = days_from_civil(y, (int)m + 1, day) + sign * d->days;
		t = lk_date_local_to_utc(days * 86400 + tm.tm_hour * 3600 +
		    tm.tm_min * 60 + tm.tm_sec);
	}
	return t + sign * d->seconds;
}

/*
 * "today", "tomorrow", "yesterday", "now", "[next] weekday", each with
 * an optional time; -1 when s is not one of these.
 */
static int
when_rel(const char *p, const char *e, time_t now, time_t *t)
{
	struct tm	 tm;
	const char	*w, *q;
	size_t		 n;
	long long	 days;
	int		 delta = 0, wd = -1, h = 0, mi = 0, s = 0, bare = 0;

	n = word(&p, e, &w);
	if (wordeq(w, n, "now")) {
		if (p == e) {
			*t = now;
			return 0;
		}
	} else if (wordeq(w, n, "tomorrow"))
		delta = 1;
	else if (wordeq(w, n, "yesterday"))
		delta = -1;
	else if (!wordeq(w, n, "today")) {
		if (wordeq(w, n, "next")) {
			if (skipws(&p, e) == 0)
				return -1;
			n = word(&p, e, &w);
		}
		if ((wd = lk_date_day_name(w, n)) == -1)
			return -1;
	}
	if (p < e) {
		if (skipws(&p, e) == 0)
			return -1;
		q = p;
		n = word(&q, e, &w);
		if (wordeq(w, n, "at")) {
			p = q;
			if (skipws(&p, e) == 0)
				return -1;
			bare = 1;
		}
		if ((p = lk_date_scan_time(p, e, bare, &h, &mi, &s)) == NULL ||
		    p != e)
			return -1;
	}
	if (localtime_r(&now, &tm) == NULL)
		return -1;
	if (wd != -1) {
		/* The next one after today: on a Monday, "mon" is in 7 days. */
		delta = (wd - tm.tm_wday + 7) % 7;
		if (delta == 0)
			delta = 7;
	}
	days = days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1,
	    tm.tm_mday) + delta;
	*t = lk_date_local_to_utc(days * 86400 + h * 3600 + mi * 60 + s);
	return 0;
}

int
lk_when_parse(const char *s, time_t now, time_t *t)
{
	struct lk_dur	 d;
	const char	*p, *e;
	time_t		 r;

	trim(s, &p, &e);
	if (p == e)
		return -1;
	if (*p == '+' || *p == '-') {
		/* "-999999w" is a span, but no date anyone can store. */
		if (dur_scan(p + 1, e, &d) == -1 ||
		    !IN_RANGE(r = lk_dur_add(now, &d, *p == '-')))
			return -1;
		*t = r;
		return 0;
	}
	if (ISALPHA(*p) && when_rel(p, e, now, &r) == 0 && IN_RANGE(r)) {
		*t = r;
		return 0;
	}
	return lk_date_parse(s, LK_DORDER_ANY, t, NULL);
}

/* The date of z days since 1970-01-01: days_from_civil backwards. */
static void
civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long	 era;
	unsigned	 doe, yoe, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

static char *
put2(char *p, int v)
{
	*p++ = '0' + v / 10;
	*p++ = '0' + v % 10;
	return p;
}

/* "2026-11-23" then sep then "09:00", with ":00" if secs; returns end. */
static char *
put_stamp(char *buf, long long y, int mo, int d, int sep, int h, int mi,
    int s, int secs)
{
	const int	 f[] = { mo, d, h, mi, s };
	char		*p = buf;
	int		 i, n;

	if (y >= 0 && y <= 9999) {
		p = put2(p, (int)(y / 100));
		p = put2(p, (int)(y % 100));
	} else {
		n = snprintf(p, LK_TIME_MAX - 16, "%lld", y);
		p += n > 0 ? n : 0;
	}
	for (i = 0; i < (secs ? 5 : 4); i++) {
		*p++ = i == 2 ? sep : "--T::"[i];
		p = put2(p, f[i]);
	}
	*p = '\0';
	return p;
}

char *
lk_time_utc(time_t t, char *buf)
{
	long long	 days, y;
	long		 sec;
	int		 mo, d;

	days = floordiv(t, 86400);
	sec = (long)(t - days * 86400);
	civil_from_days(days, &y, &mo, &d);
	strcpy(put_stamp(buf, y, mo, d, 'T', sec / 3600, sec / 60 % 60,
	    sec % 60, 1), "Z");
	return buf;
}

char *
lk_time_local(time_t t, char *buf)
{
	struct tm	 tm;
	char		*p;
	long		 off;

	if (localtime_r(&t, &tm) == NULL)
		return lk_time_utc(t, buf);
	p = put_stamp(buf, tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday,
	    'T', tm.tm_hour, tm.tm_min, tm.tm_sec, 1);
	off = tm.tm_gmtoff;
	*p++ = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	p = put2(p, (int)(off / 3600));
	*p++ = ':';
	p = put2(p, (int)(off / 60 % 60));
	/* Local mean time before 1883 is off by seconds; keep them. */
	if (off % 60 != 0) {
		*p++ = ':';
		p = put2(p, (int)(off % 60));
	}
	*p = '\0';
	return buf;
}

char *
lk_time_short(time_t t, char *buf)
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL)
		return lk_time_utc(t, buf);
	put_stamp(buf, tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday, ' ',
	    tm.tm_hour, tm.tm_min, 0, 0);
	return buf;
}

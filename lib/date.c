/*
 * date: reading dates as lead dumps and mail write them, and the stored
 * form back, into time_t; fast enough to read a date on each of a
 * million imported rows.  The rest of include/clock.h is lib/clock.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "dateint.h"
#include "xmem.h"

/* A date and time as read from text, before it becomes a time_t. */
struct dt {
	long long y;		/* year */
	int	 mo, d;		/* month 1-12, day 1-31 */
	int	 h, mi, s;	/* clock time; s may be 60 */
	int	 yfirst;	/* year came first: 'T' may start the time */
	int	 iso;		/* ISO 8601 form, 2026-11-23 */
	int	 hastime;	/* a time was given */
	int	 hasoff;	/* off was given */
	long	 off;		/* seconds east of UTC */
};

static const struct zone {
	const char	*name;
	long		 off;		/* seconds east of UTC */
} zones[] = {
	{ "z", 0 }, { "ut", 0 }, { "utc", 0 }, { "gmt", 0 },
	{ "est", -5 * 3600 }, { "edt", -4 * 3600 },
	{ "cst", -6 * 3600 }, { "cdt", -5 * 3600 },
	{ "mst", -7 * 3600 }, { "mdt", -6 * 3600 },
	{ "pst", -8 * 3600 }, { "pdt", -7 * 3600 }
};

static const char *const monthnames[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const daynames[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday"
};

/*
 * Offsets are cached per local day so that most local times cost a
 * table look-up, not a trip through the zone rules; a day in which the
 * offset changes is marked and always takes the slow path.  A power of
 * two, and over ten years of consecutive days, so a typical import
 * never evicts.
 */
#define DAYCACHE	4096

static struct dayoff {
	long long	 day;	/* local days since 1970-01-01 */
	long		 off;	/* seconds east of UTC all that day */
	unsigned	 gen;	/* zc.gen when filled; stale otherwise */
	int		 clean;	/* the offset does not change that day */
} daycache[DAYCACHE];

/* The TZ the cache was filled under: a change of TZ empties it. */
static struct {
	char		*tz;	/* $TZ then, NULL when unset */
	unsigned	 gen;	/* bumped on every change, 0 never valid */
} zc;

static int
peek(const char *p, const char *e)
{
	return p < e ? (unsigned char)*p : 0;
}

/* A full name or its first three letters: its index, or -1. */
static int
lookup(const char *w, size_t n, const char *const *names, int nnames)
{
	int	 i;

	for (i = 0; i < nnames; i++)
		if (n == 3 ? prefixeq(w, n, names[i]) : wordeq(w, n, names[i]))
			return i;
	return -1;
}

/* Month 1-12 for a name, or 0. */
static int
month_name(const char *w, size_t n)
{
	if (wordeq(w, n, "sept"))
		return 9;
	return lookup(w, n, monthnames, 12) + 1;
}

int
lk_date_day_name(const char *w, size_t n)
{
	if (wordeq(w, n, "tues"))
		return 2;
	if (wordeq(w, n, "thur") || wordeq(w, n, "thurs"))
		return 4;
	return lookup(w, n, daynames, 7);
}

static int
valid_date(long long y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

/* Seconds east of UTC at t; 0 when the zone rules cannot say. */
static long
offset_at(time_t t)
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

/*
 * The instant of local time l (seconds since the local epoch) from the
 * zone rules.  As RFC 5545 reads local times: a time that occurs twice
 * is the first, one skipped by a change is read with the offset before
 * it (02:30 on a spring-forward night is 03:30 daylight time).
 */
static time_t
local_slow(long long l)
{
	long	 oa, ob;
	time_t	 ta, tb;
	int	 va, vb;

	/* The offsets a day either side bracket any change near l. */
	oa = offset_at(l - 86400);
	ob = offset_at(l + 86400);
	ta = l - oa;
	tb = l - ob;
	va = offset_at(ta) == oa;
	vb = ob == oa ? va : offset_at(tb) == ob;
	if (va && vb)
		return ta < tb ? ta : tb;
	if (vb)
		return tb;
	return ta;
}

/* Empties the offset cache when TZ is not what it was filled under. */
static void
zone_check(void)
{
	const char	*tz;

	tz = getenv("TZ");
	if (zc.gen != 0 && (tz == NULL ? zc.tz == NULL :
	    zc.tz != NULL && strcmp(tz, zc.tz) == 0))
		return;
	free(zc.tz);
	zc.tz = tz == NULL ? NULL : lk_xstrdup(tz);
	if (++zc.gen == 0)
		zc.gen = 1;
	/* localtime_r alone does not notice a new TZ. */
	tzset();
}

time_t
lk_date_local_to_utc(long long l)
{
	struct dayoff	*c;
	long long	 day;
	time_t		 ts, te;

	zone_check();
	day = floordiv(l, 86400);
	c = &daycache[(unsigned long long)day & (DAYCACHE - 1)];
	if (c->gen != zc.gen || c->day != day) {
		ts = local_slow(day * 86400);
		te = local_slow(day * 86400 + 86399);
		c->day = day;
		c->gen = zc.gen;
		c->off = (long)(day * 86400 - ts);
		c->clean = te - ts == 86399;
	}
	return c->clean ? l - c->off : local_slow(l);
}

/* A year of n digits: 4, or 2 read as 1970-2069; -1 otherwise. */
static long long
year_of(int n, int v)
{
	if (n == 4)
		return v;
	if (n == 2)
		return v >= 70 ? 1900 + v : 2000 + v;
	return -1;
}

/* One or two digits, as days, months and hours are written. */
static int
digits12(const char **pp, const char *e, int *v)
{
	int	 n;

	n = digits(pp, e, v);
	return n >= 1 && n <= 2 ? 0 : -1;
}

/*
 * What follows a month name or a day: sep (white space also allows a
 * comma, "Apr 15, 2021"), then the year.
 */
static int
scan_year(const char **pp, const char *e, int sep, long long *y)
{
	const char	*p = *pp;
	int		 n, v;

	if (ISSPACE(sep)) {
		if (peek(p, e) == ',')
			p++;
		else if (!ISSPACE(peek(p, e)))
			return -1;
		skipws(&p, e);
	} else if (peek(p, e) == sep)
		p++;
	else
		return -1;
	n = digits(&p, e, &v);
	if ((*y = year_of(n, v)) == -1)
		return -1;
	*pp = p;
	return 0;
}

/* "am" 1, "pm" 2 (or a.m., p.m., any case) at *pp, else 0. */
static int
scan_ampm(const char **pp, const char *e)
{
	const char	*p = *pp;
	int		 c;

	c = LOWER(peek(p, e));
	if (c != 'a' && c != 'p')
		return 0;
	p++;
	if (peek(p, e) == '.')
		p++;
	if (LOWER(peek(p, e)) != 'm')
		return 0;
	p++;
	if (peek(p, e) == '.')
		p++;
	if (ISALPHA(peek(p, e)))
		return 0;
	*pp = p;
	return c == 'a' ? 1 : 2;
}

const char *
lk_date_scan_time(const char *p, const char *e, int bare, int *h, int *mi,
    int *s)
{
	const char	*q;
	int		 n, hh, mm = 0, ss = 0, colon = 0, ampm;

	n = digits(&p, e, &hh);
	if (n < 1 || n > 2)
		return NULL;
	if (peek(p, e) == ':') {
		colon = 1;
		p++;
		if (digits(&p, e, &mm) != 2)
			return NULL;
		if (peek(p, e) == ':') {
			p++;
			if (digits(&p, e, &ss) != 2)
				return NULL;
			/* time_t has no room for a fraction: drop it. */
			if ((peek(p, e) == '.' || peek(p, e) == ',') &&
			    ISDIGIT(peek(p + 1, e))) {
				p++;
				while (ISDIGIT(peek(p, e)))
					p++;
			}
		}
	}
	q = p;
	skipws(&q, e);
	if ((ampm = scan_ampm(&q, e)) != 0) {
		if (hh < 1 || hh > 12)
			return NULL;
		hh = hh % 12 + (ampm == 2 ? 12 : 0);
		p = q;
	} else if (!colon && !bare)
		return NULL;
	if (hh > 23 || mm > 59 || ss > 60)
		return NULL;
	*h = hh;
	*mi = mm;
	*s = ss;
	return p;
}

/* A zone at *pp: +05, +0500, +05:00 (+05:00:00), Z or a name. */
static int
scan_zone(const char **pp, const char *e, long *off)
{
	const struct zone *z;
	const char	*p = *pp, *w;
	size_t		 n;
	int		 c, nd, v, hh, mm = 0, ss = 0;

	c = peek(p, e);
	if (c == '+' || c == '-') {
		p++;
		nd = digits(&p, e, &v);
		if (nd == 4) {
			hh = v / 100;
			mm = v % 100;
		} else if (nd == 2) {
			hh = v;
			if (peek(p, e) == ':') {
				p++;
				if (digits(&p, e, &mm) != 2)
					return -1;
				/* Only lk_time_local writes these (LMT). */
				if (peek(p, e) == ':') {
					p++;
					if (digits(&p, e, &ss) != 2)
						return -1;
				}
			}
		} else
			return -1;
		if (hh > 23 || mm > 59 || ss > 59)
			return -1;
		*off = (c == '-' ? -1 : 1) * (hh * 3600L + mm * 60 + ss);
		*pp = p;
		return 0;
	}
	if ((n = word(&p, e, &w)) == 0)
		return -1;
	for (z = zones; z < zones + NITEMS(zones); z++)
		if (wordeq(w, n, z->name)) {
			*off = z->off;
			*pp = p;
			return 0;
		}
	return -1;
}

/*
 * A numeric date a/b/c with c the year (nc digits), the first two
 * ordered by order; a value one order cannot read goes the other way
 * when the order is left open.
 */
static int
numeric_date(int a, int b, int c, int nc, enum lk_dorder order,
    struct dt *dt, unsigned *flags)
{
	long long	 y;
	int		 mdy, dmy;

	if (order == LK_DORDER_YMD && nc == 2) {
		dt->y = year_of(2, a);
		dt->mo = b;
		dt->d = c;
		return valid_date(dt->y, b, c) ? 0 : -1;
	}
	if ((y = year_of(nc, c)) == -1)
		return -1;
	dt->y = y;
	mdy = valid_date(y, a, b);
	dmy = valid_date(y, b, a);
	if (order == LK_DORDER_MDY || (order != LK_DORDER_DMY && mdy)) {
		if (!mdy)
			return -1;
		dt->mo = a;
		dt->d = b;
		if (order != LK_DORDER_MDY)
			*flags = !dmy ? LK_DATE_MDY_ONLY :
			    a != b ? LK_DATE_AMBIGUOUS : 0;
		return 0;
	}
	if (!dmy)
		return -1;
	dt->mo = b;
	dt->d = a;
	if (order != LK_DORDER_DMY)
		*flags = LK_DATE_DMY_ONLY;
	return 0;
}

/* "Apr 15, 2021" or "April 15 2021", the month word at p. */
static int
scan_month_first(const char **pp, const char *e, struct dt *dt)
{
	const char	*p = *pp, *w;
	size_t		 n;

	n = word(&p, e, &w);
	if ((dt->mo = month_name(w, n)) == 0 || skipws(&p, e) == 0 ||
	    digits12(&p, e, &dt->d) == -1 ||
	    scan_year(&p, e, ' ', &dt->y) == -1)
		return -1;
	*pp = p;
	return 0;
}

/*
 * The date at *pp: year first (2026-11-23, 2026/11/23), numeric with
 * the year last, or day first with a month name (15 Apr, 2021;
 * 15-Apr-2021).  The separators must agree.
 */
static int
scan_date(const char **pp, const char *e, enum lk_dorder order,
    struct dt *dt, unsigned *flags)
{
	const char	*p = *pp, *w;
	size_t		 n;
	int		 c, sep, na, nc, a, b, v;

	if (ISALPHA(peek(p, e))) {
		if (scan_month_first(&p, e, dt) == -1)
			return -1;
		*pp = p;
		return 0;
	}
	na = digits(&p, e, &a);
	sep = peek(p, e);
	if (na == 4 && (sep == '-' || sep == '/' || sep == '.')) {
		p++;
		if (digits12(&p, e, &b) == -1 || peek(p, e) != sep)
			return -1;
		p++;
		if (digits12(&p, e, &v) == -1)
			return -1;
		dt->y = a;
		dt->mo = b;
		dt->d = v;
		dt->yfirst = 1;
		dt->iso = sep == '-';
	} else if (na >= 1 && na <= 2 &&
	    (sep == '-' || sep == '/' || sep == '.' || ISSPACE(sep))) {
		if (ISSPACE(sep))
			skipws(&p, e);
		else
			p++;
		c = peek(p, e);
		if (ISDIGIT(c) && !ISSPACE(sep)) {
			if (digits12(&p, e, &b) == -1 || peek(p, e) != sep)
				return -1;
			p++;
			nc = digits(&p, e, &v);
			if (numeric_date(a, b, v, nc, order, dt, flags) == -1)
				return -1;
		} else if (ISALPHA(c)) {
			n = word(&p, e, &w);
			if ((dt->mo = month_name(w, n)) == 0 ||
			    scan_year(&p, e, sep, &dt->y) == -1)
				return -1;
			dt->d = a;
		} else
			return -1;
	} else
		return -1;
	if (dt->y < 1 || !valid_date(dt->y, dt->mo, dt->d))
		return -1;
	*pp = p;
	return 0;
}

/* Reads a whole date and time in [p, e) into dt. */
static int
parse_dt(const char *p, const char *e, enum lk_dorder order,
    struct dt *dt, unsigned *flags)
{
	const char	*q, *w;
	size_t		 n;

	memset(dt, 0, sizeof *dt);
	*flags = 0;
	/* RFC 5322's weekday; nobody checks it against the date. */
	q = p;
	n = word(&q, e, &w);
	if (n > 0 && lk_date_day_name(w, n) != -1) {
		p = q;
		if (peek(p, e) == ',')
			p++;
		else if (!ISSPACE(peek(p, e)))
			return -1;
		skipws(&p, e);
	}
	if (scan_date(&p, e, order, dt, flags) == -1)
		return -1;
	if (p == e)
		return 0;
	if (dt->yfirst && (*p == 'T' || *p == 't'))
		p++;
	else {
		if (*p == ',')
			p++;
		if (skipws(&p, e) == 0)
			return -1;
	}
	if ((p = lk_date_scan_time(p, e, 0, &dt->h, &dt->mi, &dt->s)) == NULL)
		return -1;
	dt->hastime = 1;
	skipws(&p, e);
	if (p < e) {
		if (scan_zone(&p, e, &dt->off) == -1)
			return -1;
		dt->hasoff = 1;
		skipws(&p, e);
		/* RFC 5322 mail often adds the zone's name: "(EST)". */
		if (peek(p, e) == '(') {
			while (p < e && *p != ')')
				p++;
			if (p == e)
				return -1;
			p++;
			skipws(&p, e);
		}
	}
	return p == e ? 0 : -1;
}

static time_t
dt_time(const struct dt *dt)
{
	long long	 l;

	l = days_from_civil(dt->y, dt->mo, dt->d) * 86400 +
	    dt->h * 3600 + dt->mi * 60 + dt->s;
	return dt->hasoff ? l - dt->off : lk_date_local_to_utc(l);
}

int
lk_date_parse(const char *s, enum lk_dorder order, time_t *t,
    unsigned *flags)
{
	struct dt	 dt;
	const char	*p, *e;
	unsigned	 fl;
	time_t		 r;

	if (flags != NULL)
		*flags = 0;
	trim(s, &p, &e);
	if (parse_dt(p, e, order, &dt, &fl) == -1)
		return -1;
	/*
	 * 9999-12-31 23:00 -0500 is in the year 10000.  Only the first
	 * and last years can cross (parse_dt reads 1 to 9999), and a test
	 * on every date costs a third of the time of a parse.
	 */
	r = dt_time(&dt);
	if ((dt.y == 1 || dt.y == 9999) && !IN_RANGE(r))
		return -1;
	*t = r;
	if (flags != NULL)
		*flags = fl;
	return 0;
}

int
lk_dorder_parse(const char *s, enum lk_dorder *o)
{
	static const struct {
		const char	*name;
		enum lk_dorder	 o;
	} names[] = {
		{ "mdy", LK_DORDER_MDY }, { "dmy", LK_DORDER_DMY },
		{ "ymd", LK_DORDER_YMD }
	};
	size_t	 i;

	for (i = 0; s != NULL && i < NITEMS(names); i++)
		if (wordeq(s, strlen(s), names[i].name)) {
			*o = names[i].o;
			return 0;
		}
	return -1;
}

/* The two digits at s as a number. */
static int
num2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int
lk_time_parse_utc(const char *s, time_t *t)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	struct dt	 dt;
	const char	*p, *e;
	unsigned	 fl;
	long long	 y;
	time_t		 r;
	int		 i, mo, d, h, mi, sec;

	/* The stored form, exactly: no scanning, no zone rules. */
	for (i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? !ISDIGIT(s[i]) :
		    s[i] != pat[i])
			break;
	if (pat[i] == '\0' && s[i] == '\0') {
		y = num2(s) * 100 + num2(s + 2);
		mo = num2(s + 5);
		d = num2(s + 8);
		h = num2(s + 11);
		mi = num2(s + 14);
		sec = num2(s + 17);
		if (y < 1 || !valid_date(y, mo, d) || h > 23 || mi > 59 ||
		    sec > 60)
			return -1;
		*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		    sec;
		return 0;
	}
	trim(s, &p, &e);
	if (parse_dt(p, e, LK_DORDER_YMD, &dt, &fl) == -1 || !dt.iso ||
	    !dt.hastime || !dt.hasoff || !IN_RANGE(r = dt_time(&dt)))
		return -1;
	*t = r;
	return 0;
}

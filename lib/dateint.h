/*
 * dateint: what lib/date.c, which reads dates, shares with lib/clock.c,
 * which reads spans and WHEN with the same pieces: the ASCII classes,
 * the word and digit scanners, civil-day arithmetic, local time to UTC.
 * The small helpers are static inline so that a date parse, which runs
 * them on every character, never calls across files for them.
 */
#ifndef LK_DATEINT_H
#define LK_DATEINT_H

#include <string.h>
#include <time.h>

/*
 * The times the stored form holds, 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z: a reader refuses a time outside them rather
 * than hand the database one it cannot read back.
 */
#define T_MIN		(-62135596800LL)
#define T_MAX		253402300799LL
#define IN_RANGE(t)	((t) >= T_MIN && (t) <= T_MAX)

/* ASCII only: <ctype.h> would follow the locale. */
#define ISDIGIT(c)	((c) >= '0' && (c) <= '9')
#define ISALPHA(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')
#define ISSPACE(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define LOWER(c)	((c) >= 'A' && (c) <= 'Z' ? (c) - 'A' + 'a' : (c))
#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

/* Skips white space; returns how much. */
static inline size_t
skipws(const char **pp, const char *e)
{
	const char	*p = *pp;
	size_t		 n;

	while (p < e && ISSPACE(*p))
		p++;
	n = p - *pp;
	*pp = p;
	return n;
}

/* Reads digits: returns how many (0 when none), their value in *v. */
static inline int
digits(const char **pp, const char *e, int *v)
{
	const char	*p = *pp;
	int		 n = 0, val = 0;

	while (p < e && ISDIGIT(*p)) {
		/* More than 9 digits is never valid; stop before overflow. */
		if (n < 9)
			val = val * 10 + (*p - '0');
		n++;
		p++;
	}
	*pp = p;
	*v = val;
	return n;
}

/* Reads letters: returns how many, *w where they start. */
static inline size_t
word(const char **pp, const char *e, const char **w)
{
	const char	*p = *pp;

	*w = p;
	while (p < e && ISALPHA(*p))
		p++;
	*pp = p;
	return p - *w;
}

/* Whether w (n letters, any case) starts name, which is lower case. */
static inline int
prefixeq(const char *w, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || LOWER(w[i]) != name[i])
			return 0;
	return 1;
}

static inline int
wordeq(const char *w, size_t n, const char *name)
{
	return prefixeq(w, n, name) && name[n] == '\0';
}

static inline long long
floordiv(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static inline int
leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static inline int
mdays(long long y, int m)
{
	static const int n[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static inline long long
days_from_civil(long long y, int m, int d)
{
	long long	 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* Trims white space from both ends of s: [*pp, *ep). */
static inline void
trim(const char *s, const char **pp, const char **ep)
{
	const char	*e;

	while (ISSPACE(*s))
		s++;
	e = s + strlen(s);
	while (e > s && ISSPACE(e[-1]))
		e--;
	*pp = s;
	*ep = e;
}

/* Weekday 0-6 (Sunday 0) for a name (w, n letters), or -1. */
int	 lk_date_day_name(const char *w, size_t n);
/*
 * A clock time at p, H:MM, H:MM:SS[.frac], each with an optional am/pm;
 * a bare hour needs am/pm unless bare is set ("at 9").  Returns where
 * it ends, or NULL.
 */
const char *lk_date_scan_time(const char *p, const char *e, int bare,
	    int *h, int *mi, int *s);
/*
 * The instant of local time l (seconds since the local epoch, days *
 * 86400 plus the clock time) under TZ: a time that occurs twice is the
 * first, one skipped by a change is read with the offset before it.
 */
time_t	 lk_date_local_to_utc(long long l);

#endif

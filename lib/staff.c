/*
 * staff: the roster's rules that need no database: roles, logins, and
 * weekly working hours ("mon-fri 09:00-18:00,sat 10:00-16:00") read,
 * written back one canonical way, and judged in local time; the clock
 * times and days lead-staff and shift exports write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "dateint.h"
#include "staff.h"
#include "xmem.h"

static const char *const roles[] = { "iss", "bdc", "floor", "manager",
    "admin" };

/* Monday first, as people write a week; index: day 0 (Sunday) .. 6. */
static const int week[7] = { 1, 2, 3, 4, 5, 6, 0 };
static const char *const dayabbr[7] = { "sun", "mon", "tue", "wed", "thu",
    "fri", "sat" };

#define LOGIN_MAX	32
#define DAY_MINUTES	1440

int
lk_role_valid(const char *role)
{
	size_t	 i;

	for (i = 0; i < NITEMS(roles); i++)
		if (strcmp(role, roles[i]) == 0)
			return 1;
	return 0;
}

int
lk_role_in(const char *role, const char *roles)
{
	size_t	 n = strlen(role);
	const char *p;

	if (n == 0)
		return 0;
	for (p = roles; (p = strstr(p, role)) != NULL; p += n)
		if ((p == roles || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

int
lk_login_valid(const char *s)
{
	size_t	 i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || ISDIGIT(s[i]) ||
		    s[i] == '_' || s[i] == '.' || s[i] == '-'))
			return 0;
	return i <= LOGIN_MAX;
}

static int
peek(const char *p, const char *e)
{
	return p < e ? (unsigned char)*p : 0;
}

/* A clock time at *pp, or 24:00 (1440): minutes, or -1. */
static int
scan_tod(const char **pp, const char *e, int *min)
{
	const char *p = *pp;
	int	 h, mi, s;

	if (e - p >= 5 && memcmp(p, "24:00", 5) == 0 && !ISDIGIT(peek(p + 5,
	    e)) && peek(p + 5, e) != ':') {
		*min = DAY_MINUTES;
		*pp = p + 5;
		return 0;
	}
	if ((p = lk_date_scan_time(p, e, 0, &h, &mi, &s)) == NULL)
		return -1;
	*min = h * 60 + mi;
	*pp = p;
	return 0;
}

int
lk_tod_parse(const char *s, int *min)
{
	const char *p, *e;

	trim(s, &p, &e);
	if (scan_tod(&p, e, min) == -1 || p != e)
		return -1;
	return 0;
}

char *
lk_day_local(time_t t, char *buf)
{
	struct tm tm;

	/* Four digits of year, as lk_days_parse and the stored times
	 * write it: strftime's %Y gives year 302 three.  (The remainders
	 * change nothing; they show the compiler that it fits.) */
	if (localtime_r(&t, &tm) == NULL || tm.tm_year < -1900 ||
	    tm.tm_year > 9999 - 1900)
		strcpy(buf, "?");
	else
		snprintf(buf, LK_DAY_MAX, "%04u-%02u-%02u",
		    (unsigned)(tm.tm_year + 1900) % 10000,
		    (unsigned)(tm.tm_mon + 1) % 100, (unsigned)tm.tm_mday % 100);
	return buf;
}

/*
 * The days at *pp as a set (bit 0 Sunday): a day, a range of them
 * (mon-fri, or fri-mon across the weekend), or weekdays, weekends,
 * daily.  0 when there is none.
 */
static unsigned
scan_days(const char **pp, const char *e)
{
	const char *p = *pp, *q, *w;
	unsigned set = 0;
	size_t	 n;
	int	 a, b, d;

	if ((n = word(&p, e, &w)) == 0)
		return 0;
	if (wordeq(w, n, "daily"))
		set = 0x7f;
	else if (wordeq(w, n, "weekdays"))
		set = 0x3e;
	else if (wordeq(w, n, "weekends"))
		set = 0x41;
	else {
		if ((a = lk_date_day_name(w, n)) == -1)
			return 0;
		b = a;
		q = p;
		skipws(&q, e);
		if (peek(q, e) == '-') {
			q++;
			skipws(&q, e);
			n = word(&q, e, &w);
			if (n == 0 || (b = lk_date_day_name(w, n)) == -1)
				return 0;
			p = q;
		}
		for (d = a;; d = (d + 1) % 7) {
			set |= 1u << d;
			if (d == b)
				break;
		}
	}
	*pp = p;
	return set;
}

static int
spancmp(const void *x, const void *y)
{
	const struct lk_span *a = x, *b = y;

	if (a->day != b->day)
		return a->day - b->day;
	if (a->from != b->from)
		return a->from - b->from;
	return a->to - b->to;
}

static void
add_span(struct lk_hours *h, int day, int from, int to)
{
	h->spans = lk_xreallocarray(h->spans, h->n + 1, sizeof(*h->spans));
	h->spans[h->n++] = (struct lk_span){ day, from, to };
}

/* One item "DAYS HH:MM-HH:MM [HH:MM-HH:MM ...]", [p, e) trimmed. */
static int
parse_item(const char *p, const char *e, struct lk_hours *h,
    struct lk_buf *why)
{
	const char *item = p;
	unsigned set;
	int	 from, to, d;

	if ((set = scan_days(&p, e)) == 0) {
		lk_buf_addf(why, "%.*s: not a day (mon, tuesday, mon-fri, "
		    "weekdays, ...)", (int)(e - item), item);
		return -1;
	}
	do {
		skipws(&p, e);
		if (scan_tod(&p, e, &from) == -1)
			goto bad;
		skipws(&p, e);
		if (peek(p, e) != '-')
			goto bad;
		p++;
		skipws(&p, e);
		if (scan_tod(&p, e, &to) == -1 || from == DAY_MINUTES)
			goto bad;
		if (from == to) {
			lk_buf_addf(why, "%.*s: starts and ends at the same "
			    "time", (int)(e - item), item);
			return -1;
		}
		for (d = 0; d < 7; d++)
			if (set & 1u << d)
				add_span(h, d, from, to);
		skipws(&p, e);
	} while (p < e);
	return 0;
bad:
	lk_buf_addf(why, "%.*s: not HH:MM-HH:MM", (int)(e - item), item);
	return -1;
}

int
lk_hours_parse(const char *spec, struct lk_hours *h, struct lk_buf *why)
{
	const char *p, *e, *end, *comma;
	size_t	 i, j;

	memset(h, 0, sizeof(*h));
	if (spec == NULL)
		return 0;
	trim(spec, &p, &end);
	if (end - p == 3 && prefixeq(p, 3, "any"))
		return 0;
	for (; p < end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		e = comma;
		while (p < e && ISSPACE(*p))
			p++;
		while (e > p && ISSPACE(e[-1]))
			e--;
		/* A trailing comma, or two, costs nobody anything. */
		if (p < e && parse_item(p, e, h, why) == -1) {
			lk_hours_free(h);
			return -1;
		}
		if (comma == end)
			break;
	}
	/* One order, each span once: the canonical form follows. */
	if (h->n > 1)
		qsort(h->spans, h->n, sizeof(*h->spans), spancmp);
	for (i = j = 0; i < h->n; i++)
		if (j == 0 || spancmp(&h->spans[i], &h->spans[j - 1]) != 0)
			h->spans[j++] = h->spans[i];
	h->n = j;
	return 0;
}

int
lk_hours_on(const struct lk_hours *h, time_t t)
{
	const struct lk_span *s;
	struct tm tm;
	size_t	 i;
	int	 m, wd, prev;

	if (h->n == 0)
		return 1;
	if (localtime_r(&t, &tm) == NULL)
		return 0;
	wd = tm.tm_wday;
	prev = (wd + 6) % 7;
	m = tm.tm_hour * 60 + tm.tm_min;
	for (i = 0; i < h->n; i++) {
		s = &h->spans[i];
		if (s->from < s->to) {
			if (s->day == wd && m >= s->from && m < s->to)
				return 1;
		} else if ((s->day == wd && m >= s->from) ||
		    (s->day == prev && m < s->to))
			return 1;
	}
	return 0;
}

int
lk_hours_any(const struct lk_hours *h)
{
	size_t	 i;

	if (h->n == 0)
		return 1;
	for (i = 0; i < h->n; i++)
		if (h->spans[i].from != h->spans[i].to &&
		    h->spans[i].day >= 0 && h->spans[i].day < 7)
			return 1;
	return 0;
}

/* Day d's spans: where they start in h (sorted), how many. */
static size_t
day_spans(const struct lk_hours *h, int d, size_t *first)
{
	size_t	 i, n = 0;

	*first = 0;
	for (i = 0; i < h->n; i++)
		if (h->spans[i].day == d) {
			if (n++ == 0)
				*first = i;
		}
	return n;
}

static int
same_day(const struct lk_hours *h, int a, int b)
{
	size_t	 fa, fb, na, i;

	if ((na = day_spans(h, a, &fa)) != day_spans(h, b, &fb))
		return 0;
	for (i = 0; i < na; i++)
		if (h->spans[fa + i].from != h->spans[fb + i].from ||
		    h->spans[fa + i].to != h->spans[fb + i].to)
			return 0;
	return 1;
}

char *
lk_hours_format(const struct lk_hours *h)
{
	struct lk_buf b = LK_BUF_INIT;
	size_t	 first, n, k;
	int	 i, j;

	for (i = 0; i < 7; i = j) {
		for (j = i + 1; j < 7 && same_day(h, week[i], week[j]); j++)
			;
		if ((n = day_spans(h, week[i], &first)) == 0)
			continue;
		if (b.len > 0)
			lk_buf_addc(&b, ',');
		lk_buf_adds(&b, dayabbr[week[i]]);
		if (j - 1 > i)
			lk_buf_addf(&b, "-%s", dayabbr[week[j - 1]]);
		for (k = first; k < first + n; k++)
			lk_buf_addf(&b, " %02d:%02d-%02d:%02d",
			    h->spans[k].from / 60, h->spans[k].from % 60,
			    h->spans[k].to / 60, h->spans[k].to % 60);
	}
	return lk_buf_take(&b);
}

void
lk_hours_free(struct lk_hours *h)
{
	free(h->spans);
	h->spans = NULL;
	h->n = 0;
}

/* The local day of what lk_when_parse reads in [p, e): days since
 * 1970-01-01, or -1 (no date is that early in a roster). */
static long long
day_number(const char *p, const char *e, time_t now)
{
	struct tm tm;
	char	*s;
	time_t	 t;
	int	 rc;

	s = lk_xstrndup(p, (size_t)(e - p));
	rc = lk_when_parse(s, now, &t);
	free(s);
	if (rc == -1 || localtime_r(&t, &tm) == NULL)
		return -1;
	return days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1,
	    tm.tm_mday);
}

int
lk_days_parse(const char *s, time_t now, char ***days, size_t *n,
    struct lk_buf *why)
{
	const char *p, *e, *dots;
	struct tm tm;
	long long a, b, d;
	time_t	 t;

	trim(s, &p, &e);
	dots = strstr(p, "..");
	if (dots != NULL && dots >= e)
		dots = NULL;
	a = day_number(p, dots != NULL ? dots : e, now);
	b = dots != NULL ? day_number(dots + 2, e, now) : a;
	if (a < 0 || b < 0 || p == e) {
		lk_buf_adds(why, "not a day or day..day");
		return -1;
	}
	if (b < a) {
		lk_buf_adds(why, "the range ends before it starts");
		return -1;
	}
	if (b - a >= 366) {
		lk_buf_adds(why, "more than a year");
		return -1;
	}
	for (d = a; d <= b; d++) {
		t = (time_t)(d * 86400);
		gmtime_r(&t, &tm);
		*days = lk_xreallocarray(*days, *n + 1, sizeof(**days));
		(*days)[(*n)++] = lk_xasprintf("%04d-%02d-%02d",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	return 0;
}

/*
 * test_clock: the forms lk_date_parse and lk_when_parse read and refuse,
 * day-month order, DST, spans and the time formats, under pinned zones.
 * "test_clock bench" times a million parses instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "t.h"

/* 2026-11-23T09:00:00-05:00, a Monday. */
#define NOW	1795442400

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* s read with order as the stored form, or "-1". */
static const char *
pd(const char *s, enum lk_dorder order)
{
	static char	 buf[LK_TIME_MAX];
	time_t		 t;

	if (lk_date_parse(s, order, &t, NULL) == -1)
		return "-1";
	return lk_time_utc(t, buf);
}

/* s read with LK_DORDER_ANY, in the stored form. */
static const char *
pa(const char *s)
{
	return pd(s, LK_DORDER_ANY);
}

/* The flags lk_date_parse sets for s, or -1. */
static int
pf(const char *s)
{
	time_t		 t;
	unsigned	 fl = 99;

	if (lk_date_parse(s, LK_DORDER_ANY, &t, &fl) == -1)
		return fl == 0 ? -1 : -2;
	return (int)fl;
}

/* s read by lk_when_parse at NOW, in the local form, or "-1". */
static const char *
pw(const char *s)
{
	static char	 buf[LK_TIME_MAX];
	time_t		 t;

	if (lk_when_parse(s, NOW, &t) == -1)
		return "-1";
	return lk_time_local(t, buf);
}

/* s as a span added to the stored time at, in the local form. */
static const char *
padd(const char *at, const char *s, int neg)
{
	static char	 buf[LK_TIME_MAX];
	struct lk_dur	 d;
	time_t		 t;

	if (lk_time_parse_utc(at, &t) == -1 || lk_dur_parse(s, &d) == -1)
		return "-1";
	return lk_time_local(lk_dur_add(t, &d, neg), buf);
}

static void
test_forms(void)
{
	zone("America/New_York");
	T_STR(pa("07/15/2009 02:14:45+0800"), "2009-07-14T18:14:45Z",
	    "numeric date, offset without a space");
	T_STR(pa("07/13/2009 22:14:45-0800"), "2009-07-14T06:14:45Z",
	    "numeric date, negative offset");
	T_STR(pa("2009-07-14T14:14:45+02:00"), "2009-07-14T12:14:45Z",
	    "ISO 8601 with +02:00");
	T_STR(pa("15 Apr, 2021 00:03:00"), "2021-04-15T04:03:00Z",
	    "day, month name, comma, year, time (local, EDT)");
	T_STR(pa("2026-01-19 16:40:00 -0600"), "2026-01-19T22:40:00Z",
	    "ISO with a space and a spaced offset");
	T_STR(pa("2/4/2026 10:12:34 PM"), "2026-02-05T03:12:34Z",
	    "one-digit month and day, PM");
	T_STR(pa("11/23/2026 9:05 AM"), "2026-11-23T14:05:00Z",
	    "numeric date, 9:05 AM");
	T_STR(pa("2026-11-23 09:05:00"), "2026-11-23T14:05:00Z",
	    "ISO with a space, local");
	T_STR(pa("2026-11-23T09:05:00.123Z"), "2026-11-23T09:05:00Z",
	    "ISO with fraction and Z");
	T_STR(pa("Mon, 23 Nov 2026 09:05:00 -0500"), "2026-11-23T14:05:00Z",
	    "RFC 5322");
	T_STR(pa("Mon, 23 Nov 2026 09:05:00 -0500 (EST)"),
	    "2026-11-23T14:05:00Z", "RFC 5322 with a zone comment");
	T_STR(pa("24-12-2025"), "2025-12-24T05:00:00Z", "day first, dashes");
	T_STR(pa("Apr 15, 2021"), "2021-04-15T04:00:00Z", "Apr 15, 2021");
	T_STR(pa("15-Apr-2021"), "2021-04-15T04:00:00Z", "15-Apr-2021");
	T_STR(pa("2026-11-23"), "2026-11-23T05:00:00Z", "ISO date alone");
	T_STR(pa("April 15 2021 9:05 PM"), "2021-04-16T01:05:00Z",
	    "full month name, PM");
	T_STR(pa("2026/11/23"), "2026-11-23T05:00:00Z", "2026/11/23");
	T_STR(pa("2026.11.23 9:05"), "2026-11-23T14:05:00Z", "2026.11.23");
	T_STR(pa("11-23-2026"), "2026-11-23T05:00:00Z", "11-23-2026");
	T_STR(pa("11.23.2026 09:05:00"), "2026-11-23T14:05:00Z",
	    "11.23.2026 with a time");
	T_STR(pa("11/23/2026 9am"), "2026-11-23T14:00:00Z", "9am");
	T_STR(pa("11/23/2026 9:05pm"), "2026-11-24T02:05:00Z", "9:05pm");
	T_STR(pa("11/23/2026 12:30 am"), "2026-11-23T05:30:00Z",
	    "12:30 am is just after midnight");
	T_STR(pa("11/23/2026 12:30 p.m."), "2026-11-23T17:30:00Z",
	    "12:30 p.m. is just after noon");
	T_STR(pa("2026-11-23T09:05"), "2026-11-23T14:05:00Z",
	    "ISO without seconds");
	T_STR(pa("2026-11-23T09:05+05"), "2026-11-23T04:05:00Z",
	    "offset of hours only");
	T_STR(pa("2026-11-23T09:05:00+0530"), "2026-11-23T03:35:00Z",
	    "offset +0530");
	T_STR(pa("2026-11-23 09:05 UTC"), "2026-11-23T09:05:00Z", "UTC");
	T_STR(pa("2026-11-23 09:05 gmt"), "2026-11-23T09:05:00Z",
	    "gmt, lower case");
	T_STR(pa("11/23/2026 9:05 PM PST"), "2026-11-24T05:05:00Z",
	    "PM and PST");
	T_STR(pa("2026-07-01 09:05 CDT"), "2026-07-01T14:05:00Z", "CDT");
	T_STR(pa("11/23/26"), "2026-11-23T05:00:00Z", "two-digit year 26");
	T_STR(pa("11/23/70"), "1970-11-23T05:00:00Z", "two-digit year 70");
	T_STR(pa("15-Apr-69"), "2069-04-15T04:00:00Z", "two-digit year 69");
	T_STR(pa("  2026-11-23 09:05 \t\n"), "2026-11-23T14:05:00Z",
	    "white space around");
	T_STR(pa("11/23/2026, 9:05 AM"), "2026-11-23T14:05:00Z",
	    "comma before the time");
	T_STR(pa("Monday, April 15 2021"), "2021-04-15T04:00:00Z",
	    "weekday before a month-first date");
	T_STR(pa("23 Nov 2026 09:05 -0500"), "2026-11-23T14:05:00Z",
	    "RFC 5322 without weekday or seconds");
	T_STR(pa("2016-12-31T23:59:60Z"), "2017-01-01T00:00:00Z",
	    "a leap second rolls over");
	T_STR(pa("2024-02-29"), "2024-02-29T05:00:00Z", "leap day");
	T_STR(pa("1969-07-20 20:17:40Z"), "1969-07-20T20:17:40Z",
	    "before 1970");
	T_STR(pa("Sept 1, 2026"), "2026-09-01T04:00:00Z", "Sept");
}

static void
test_rejects(void)
{
	static const char *const bad[] = {
		"13/45/2026", "2009\\7\\14 22:14:45+0800",
		"2009-07/14 02:14:45-0800", "07/01/2025 18:44 tt",
		"2026-02-30", "25:00", "", "   ", "2026-11-23 junk",
		"2026-11-23T25:00", "2026-11-23 09:60", "2026-11-23 9:5",
		"11/23/2026 13:00 PM", "11/23/2026 0:30 am", "11/23/2026 9",
		"2025-02-29", "2026-13-01", "2026-00-10", "2026-11-00",
		"2026-11-23T09:05+5", "2026-11-23T09:05+2400",
		"2026-11-23T09:05+05:60", "11/23/202", "11/23/12026",
		"123/11/2026", "Apr 15", "Foo 15, 2021", "15-Apr/2021",
		"15 Apr 2021x", "2026-11-23Z", "2026-11-23 UTC", "1/2",
		"2026-11-23 09:05 (EST)", "2026-11-23 09:05 -0500 (EST",
		"Mon,", "0000-01-01", "2026-11-23T", "11/23/2026 9:05 XM",
		"11/23/2026 9:05 pmx", "2026-11-23 09:05:00.", "+2d", "now",
		"99999999999999999999/1/2026"
	};
	size_t	 i;
	int	 n = 0;

	zone("America/New_York");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (strcmp(pa(bad[i]), "-1") != 0) {
			printf("# accepted: \"%s\"\n", bad[i]);
			n++;
		}
	}
	T_INT(n, 0, "every malformed date refused");
	T_STR(pa("13/45/2026"), "-1", "13/45/2026 refused");
	T_STR(pa("2009-07/14 02:14:45-0800"), "-1", "mixed separators");
	T_STR(pa("07/01/2025 18:44 tt"), "-1", "trailing text");
	T_STR(pa("2026-02-30"), "-1", "February 30");
	T_STR(pa("25:00"), "-1", "25:00");
	T_STR(pa(""), "-1", "empty string");
	T_INT(pf("13/45/2026"), -1, "flags are 0 after a refusal");
	/* Found by fuzz_date: these read, but stored as "10000-..." or
	 * "0000-..." they would never read back. */
	T_STR(pa("9999-12-31T23:59:59Z"), "9999-12-31T23:59:59Z",
	    "the last second the stored form holds");
	T_STR(pa("9999-12-31 23:00 -0500"), "-1", "the year 10000 in UTC");
	T_STR(pa("12/31/9999 11 PM"), "-1", "the year 10000 from New York");
	T_STR(pa("0001-01-01T00:00:00+05:00"), "-1", "the year 0 in UTC");
	T_INT(pf("12/31/9999 11 PM"), -1, "no flags for a refused date");
}

static void
test_order(void)
{
	enum lk_dorder	 o = LK_DORDER_ANY;

	zone("UTC");
	T_INT(pf("24-12-2025"), LK_DATE_DMY_ONLY, "24-12-2025 is DMY only");
	T_STR(pa("24-12-2025"), "2025-12-24T00:00:00Z", "24-12-2025 read");
	T_INT(pf("12/24/2025"), LK_DATE_MDY_ONLY, "12/24/2025 is MDY only");
	T_STR(pa("12/24/2025"), "2025-12-24T00:00:00Z", "12/24/2025 read");
	T_INT(pf("03/04/2026"), LK_DATE_AMBIGUOUS, "03/04/2026 ambiguous");
	T_STR(pa("03/04/2026"), "2026-03-04T00:00:00Z",
	    "ambiguous read month first");
	T_INT(pf("05/05/2026"), 0, "05/05/2026 sets no flag");
	T_INT(pf("2026-03-04"), 0, "ISO sets no flag");
	T_INT(pf("4 Mar 2026"), 0, "month name sets no flag");
	T_INT(pf("07/15/2009 02:14:45+0800"), LK_DATE_MDY_ONLY,
	    "flags with a time");
	T_INT(pf("31/04/2026"), -1, "31 April is neither order");
	T_INT(pf("29/02/2028"), LK_DATE_DMY_ONLY, "29/02 in a leap year");
	T_INT(pf("02/29/2027"), -1, "02/29 in a common year");
	T_STR(pd("24/12/2025", LK_DORDER_MDY), "-1", "MDY refuses 24/12");
	T_STR(pd("03/04/2026", LK_DORDER_MDY), "2026-03-04T00:00:00Z",
	    "MDY reads 03/04 as March 4");
	T_STR(pd("03/04/2026", LK_DORDER_DMY), "2026-04-03T00:00:00Z",
	    "DMY reads 03/04 as 3 April");
	T_STR(pd("12/24/2025", LK_DORDER_DMY), "-1", "DMY refuses 12/24");
	T_STR(pd("26/11/23", LK_DORDER_YMD), "2026-11-23T00:00:00Z",
	    "YMD reads a two-digit year first");
	T_STR(pd("26/11/23", LK_DORDER_ANY), "2023-11-26T00:00:00Z",
	    "ANY reads the two-digit year last");
	T_STR(pd("12/24/2025", LK_DORDER_YMD), "2025-12-24T00:00:00Z",
	    "YMD with a four-digit year last decides per value");
	T_STR(pd("2026-03-04", LK_DORDER_DMY), "2026-03-04T00:00:00Z",
	    "order does not touch ISO");
	T_INT(lk_dorder_parse("DMY", &o), 0, "dorder DMY");
	T_INT(o, LK_DORDER_DMY, "dorder DMY value");
	T_INT(lk_dorder_parse("mdy", &o) == 0 && o == LK_DORDER_MDY, 1,
	    "dorder mdy");
	T_INT(lk_dorder_parse("Ymd", &o) == 0 && o == LK_DORDER_YMD, 1,
	    "dorder Ymd");
	T_INT(lk_dorder_parse("md", &o), -1, "dorder md refused");
	T_INT(lk_dorder_parse("mdyy", &o), -1, "dorder mdyy refused");
}

static void
test_dst(void)
{
	char	 buf[LK_TIME_MAX];
	time_t	 t;

	zone("America/New_York");
	T_STR(pa("2026-03-08 01:59:59"), "2026-03-08T06:59:59Z",
	    "last second of EST");
	T_STR(pa("2026-03-08 03:00"), "2026-03-08T07:00:00Z",
	    "first minute of EDT");
	T_STR(pa("2026-03-08 02:30"), "2026-03-08T07:30:00Z",
	    "a time in the gap reads with the offset before (03:30 EDT)");
	T_STR(pa("2026-11-01 00:30"), "2026-11-01T04:30:00Z",
	    "before the overlap");
	T_STR(pa("2026-11-01 01:30"), "2026-11-01T05:30:00Z",
	    "a time that occurs twice is the first (EDT)");
	T_STR(pa("2026-11-01 02:30"), "2026-11-01T07:30:00Z",
	    "after the overlap");
	T_STR(pa("2026-07-01 12:00"), "2026-07-01T16:00:00Z", "summer");
	T_STR(pa("2026-01-01 12:00"), "2026-01-01T17:00:00Z", "winter");
	T_INT(lk_time_parse_utc("2026-07-01T16:00:00Z", &t), 0,
	    "stored form read");
	T_STR(lk_time_local(t, buf), "2026-07-01T12:00:00-04:00",
	    "local form in summer");
	T_STR(lk_time_short(t, buf), "2026-07-01 12:00", "short form");
	T_STR(lk_time_local(NOW, buf), "2026-11-23T09:00:00-05:00",
	    "local form in winter");
	T_STR(lk_time_utc(NOW, buf), "2026-11-23T14:00:00Z", "stored form");
	T_STR(lk_time_short(NOW, buf), "2026-11-23 09:00",
	    "short form in winter");

	/* The same text means another instant once TZ changes. */
	zone("UTC");
	T_STR(pa("2026-07-01 12:00"), "2026-07-01T12:00:00Z",
	    "TZ=UTC: local is UTC");
	T_STR(lk_time_local(NOW, buf), "2026-11-23T14:00:00+00:00",
	    "TZ=UTC: local form");
	T_STR(pa("2026-03-08 02:30"), "2026-03-08T02:30:00Z",
	    "TZ=UTC: no gap");
	zone("Asia/Kolkata");
	T_STR(pa("2026-11-23 09:00"), "2026-11-23T03:30:00Z",
	    "Asia/Kolkata: +05:30");
	T_STR(lk_time_local(NOW, buf), "2026-11-23T19:30:00+05:30",
	    "Asia/Kolkata: local form");
	zone("Australia/Sydney");
	T_STR(pa("2026-10-04 02:30"), "2026-10-03T16:30:00Z",
	    "Sydney: gap in October");
	T_STR(pa("2026-04-05 02:30"), "2026-04-04T15:30:00Z",
	    "Sydney: overlap in April reads the first");
}

/*
 * Every quarter hour of 2025-2027 shown in local time and read back must
 * give the same local time, and the first instant that shows it.
 */
static int
sweep(const char *tz)
{
	char		 buf[64];
	struct tm	 a, b;
	time_t		 u, t;
	int		 bad = 0;

	zone(tz);
	for (u = 1735689600; u < 1830297600; u += 900) {
		localtime_r(&u, &a);
		snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d",
		    a.tm_year + 1900, a.tm_mon + 1, a.tm_mday, a.tm_hour,
		    a.tm_min, a.tm_sec);
		if (lk_date_parse(buf, LK_DORDER_ANY, &t, NULL) == -1) {
			bad++;
			continue;
		}
		localtime_r(&t, &b);
		if (t > u || a.tm_hour != b.tm_hour || a.tm_min != b.tm_min ||
		    a.tm_mday != b.tm_mday || a.tm_sec != b.tm_sec) {
			if (bad++ < 3)
				printf("# %s: %s read as %lld, shown at %lld\n",
				    tz, buf, (long long)t, (long long)u);
		}
	}
	return bad;
}

static void
test_sweep(void)
{
	static const char *const tzs[] = {
		"America/New_York", "Europe/London", "Australia/Sydney",
		"Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata",
		"UTC"
	};
	char	 what[80];
	size_t	 i;

	for (i = 0; i < sizeof tzs / sizeof tzs[0]; i++) {
		snprintf(what, sizeof what, "%s: local times read back",
		    tzs[i]);
		T_INT(sweep(tzs[i]), 0, what);
	}
}

static void
test_when(void)
{
	zone("America/New_York");
	T_STR(pw("now"), "2026-11-23T09:00:00-05:00", "now");
	T_STR(pw("today"), "2026-11-23T00:00:00-05:00", "today is 00:00");
	T_STR(pw("today 17:30"), "2026-11-23T17:30:00-05:00", "today 17:30");
	T_STR(pw("tomorrow 10:00"), "2026-11-24T10:00:00-05:00",
	    "tomorrow 10:00");
	T_STR(pw("tomorrow"), "2026-11-24T00:00:00-05:00", "tomorrow");
	T_STR(pw("Tomorrow at 9"), "2026-11-24T09:00:00-05:00",
	    "Tomorrow at 9");
	T_STR(pw("tomorrow at 9:30 pm"), "2026-11-24T21:30:00-05:00",
	    "tomorrow at 9:30 pm");
	T_STR(pw("yesterday"), "2026-11-22T00:00:00-05:00", "yesterday");
	T_STR(pw("mon 9am"), "2026-11-30T09:00:00-05:00",
	    "on a Monday, mon is next week");
	T_STR(pw("next mon"), "2026-11-30T00:00:00-05:00", "next mon");
	T_STR(pw("monday"), "2026-11-30T00:00:00-05:00", "monday");
	T_STR(pw("tue"), "2026-11-24T00:00:00-05:00", "tue is tomorrow");
	T_STR(pw("next tuesday 10:00"), "2026-11-24T10:00:00-05:00",
	    "next tuesday 10:00");
	T_STR(pw("sun 9:30 pm"), "2026-11-29T21:30:00-05:00", "sun 9:30 pm");
	T_STR(pw("FRI"), "2026-11-27T00:00:00-05:00", "FRI");
	T_STR(pw("+2d"), "2026-11-25T09:00:00-05:00", "+2d");
	T_STR(pw("+6months"), "2027-05-23T09:00:00-04:00",
	    "+6months keeps 09:00 across DST");
	T_STR(pw("+6 months"), "2027-05-23T09:00:00-04:00", "+6 months");
	T_STR(pw("-1w"), "2026-11-16T09:00:00-05:00", "-1w");
	T_STR(pw("+3h"), "2026-11-23T12:00:00-05:00", "+3h");
	T_STR(pw("+90min"), "2026-11-23T10:30:00-05:00", "+90min");
	T_STR(pw("+1y"), "2027-11-23T09:00:00-05:00", "+1y");
	T_STR(pw("+15m"), "2026-11-23T09:15:00-05:00", "+15m is minutes");
	T_STR(pw("+1mo"), "2026-12-23T09:00:00-05:00", "+1mo is a month");
	T_STR(pw("  +2d  "), "2026-11-25T09:00:00-05:00", "+2d, spaced");
	T_STR(pw("03/04/2026"), "2026-03-04T00:00:00-05:00",
	    "ambiguous date read month first");
	T_STR(pw("24/12/2026"), "2026-12-24T00:00:00-05:00",
	    "day-first date");
	T_STR(pw("Mon, 23 Nov 2026 09:05:00 -0500"),
	    "2026-11-23T09:05:00-05:00", "RFC 5322 date is not a weekday");
	T_STR(pw("2026-12-01 14:00"), "2026-12-01T14:00:00-05:00",
	    "ISO date and time");
	T_STR(pw("Dec 1, 2026"), "2026-12-01T00:00:00-05:00", "Dec 1, 2026");
	T_STR(pw("mon 9"), "-1", "a bare hour needs at or am/pm");
	T_STR(pw("someday"), "-1", "someday refused");
	T_STR(pw("+2"), "-1", "+2 without a unit refused");
	T_STR(pw("+2 fortnights"), "-1", "unknown unit refused");
	T_STR(pw("tomorrow 25:00"), "-1", "tomorrow 25:00 refused");
	T_STR(pw("tomorrow at"), "-1", "tomorrow at refused");
	T_STR(pw("next"), "-1", "next alone refused");
	T_STR(pw("next month"), "-1", "next month refused");
	T_STR(pw("today 9:00 junk"), "-1", "trailing text refused");
	T_STR(pw(""), "-1", "empty refused");
	T_STR(pw("13/45/2026"), "-1", "bad date refused");
	T_STR(pw("-999991w"), "-1", "a span back before the year 1");
	T_STR(pw("+999999999months"), "-1", "a span past the year 9999");
	T_STR(pw("+7900y"), "9926-11-23T09:00:00-05:00", "a long span");
}

static void
test_dur(void)
{
	struct lk_dur	 d;

	zone("America/New_York");
	T_INT(lk_dur_parse("14d", &d), 0, "14d");
	T_INT(d.days == 14 && d.months == 0 && d.seconds == 0, 1,
	    "14d is 14 days");
	T_INT(lk_dur_parse("6months", &d) == 0 && d.months == 6, 1,
	    "6months");
	T_INT(lk_dur_parse("6 months", &d) == 0 && d.months == 6, 1,
	    "6 months");
	T_INT(lk_dur_parse("15m", &d) == 0 && d.seconds == 900 &&
	    d.months == 0, 1, "15m is minutes");
	T_INT(lk_dur_parse("2w", &d) == 0 && d.days == 14, 1, "2w");
	T_INT(lk_dur_parse("1y", &d) == 0 && d.months == 12, 1, "1y");
	T_INT(lk_dur_parse("90min", &d) == 0 && d.seconds == 5400, 1,
	    "90min");
	T_INT(lk_dur_parse("36h", &d) == 0 && d.seconds == 129600 &&
	    d.days == 0, 1, "36h is seconds");
	T_INT(lk_dur_parse("30s", &d) == 0 && d.seconds == 30, 1, "30s");
	T_INT(lk_dur_parse("3mo", &d) == 0 && d.months == 3, 1, "3mo");
	T_INT(lk_dur_parse("1 month", &d) == 0 && d.months == 1, 1,
	    "1 month");
	T_INT(lk_dur_parse("1h30m", &d) == 0 && d.seconds == 5400, 1,
	    "1h30m");
	T_INT(lk_dur_parse("", &d), -1, "empty span refused");
	T_INT(lk_dur_parse("14", &d), -1, "number alone refused");
	T_INT(lk_dur_parse("d", &d), -1, "unit alone refused");
	T_INT(lk_dur_parse("14x", &d), -1, "unknown unit refused");
	T_INT(lk_dur_parse("-14d", &d), -1, "sign refused");
	T_INT(lk_dur_parse("1.5h", &d), -1, "fraction refused");
	T_INT(lk_dur_parse("9999999999d", &d), -1, "huge number refused");
	T_INT(lk_dur_parse("999999999w", &d), -1, "overflowing days refused");

	T_STR(padd("2026-08-31T13:00:00Z", "6 months", 0),
	    "2027-02-28T09:00:00-05:00", "Aug 31 + 6 months is Feb 28");
	T_STR(padd("2027-08-31T13:00:00Z", "6mo", 0),
	    "2028-02-29T09:00:00-05:00", "Aug 31 + 6 months is Feb 29 in a "
	    "leap year");
	T_STR(padd("2026-01-31T14:00:00Z", "1month", 0),
	    "2026-02-28T09:00:00-05:00", "Jan 31 + 1 month");
	T_STR(padd("2026-03-31T13:00:00Z", "1mo", 1),
	    "2026-02-28T09:00:00-05:00", "Mar 31 - 1 month is Feb 28 at the "
	    "same local time");
	T_STR(padd("2026-03-07T14:00:00Z", "1d", 0),
	    "2026-03-08T09:00:00-04:00", "1d across spring DST keeps 09:00");
	T_STR(padd("2026-03-07T14:00:00Z", "24h", 0),
	    "2026-03-08T10:00:00-04:00", "24h across spring DST is 10:00");
	T_STR(padd("2026-10-31T13:00:00Z", "1w", 0),
	    "2026-11-07T09:00:00-05:00", "1w across fall DST keeps 09:00");
	T_STR(padd("2026-11-24T14:00:00Z", "1w", 1),
	    "2026-11-17T09:00:00-05:00", "back 1w");
	T_STR(padd("2026-12-31T14:00:00Z", "2months", 0),
	    "2027-02-28T09:00:00-05:00", "Dec 31 + 2 months crosses a year");
	T_STR(padd("2026-01-15T14:00:00Z", "1y 1mo 1d 1h", 0),
	    "2027-02-16T10:00:00-05:00", "mixed span");
}

static void
test_stored(void)
{
	char	 buf[LK_TIME_MAX];
	time_t	 t;

	zone("America/New_York");
	T_INT(lk_time_parse_utc("2026-11-23T14:00:00Z", &t), 0,
	    "fast path");
	T_INT(t, NOW, "fast path value");
	T_INT(lk_time_parse_utc("2026-11-23T09:00:00-05:00", &t) == 0 &&
	    t == NOW, 1, "shown form read back");
	T_INT(lk_time_parse_utc("2026-11-23 09:00:00-0500", &t) == 0 &&
	    t == NOW, 1, "ISO with a space and -0500");
	T_INT(lk_time_parse_utc("2026-11-23T14:00:00.5Z", &t) == 0 &&
	    t == NOW, 1, "fraction");
	T_INT(lk_time_parse_utc("2026-11-23T09:00:00", &t), -1,
	    "no offset refused");
	T_INT(lk_time_parse_utc("11/23/2026 14:00 +0000", &t), -1,
	    "not ISO refused");
	T_INT(lk_time_parse_utc("2026-11-23", &t), -1, "date alone refused");
	T_INT(lk_time_parse_utc("2026-02-30T14:00:00Z", &t), -1,
	    "fast path checks the date");
	T_INT(lk_time_parse_utc("2026-11-23T24:00:00Z", &t), -1,
	    "fast path checks the hour");
	T_INT(lk_time_parse_utc("2026-11-23T14:00:00Zx", &t), -1,
	    "trailing byte refused");
	T_INT(lk_time_parse_utc("2026-11-2", &t), -1, "short refused");
	T_INT(lk_time_parse_utc("0001-01-01T00:00:00+00:01", &t), -1,
	    "an offset into the year 0 refused");
	T_STR(lk_time_utc(0, buf), "1970-01-01T00:00:00Z", "epoch");
	T_STR(lk_time_utc(-1, buf), "1969-12-31T23:59:59Z", "before epoch");
	T_STR(lk_time_utc(253402300799LL, buf), "9999-12-31T23:59:59Z",
	    "year 9999");
	T_STR(lk_time_utc(253402300800LL, buf), "10000-01-01T00:00:00Z",
	    "year 10000");
	T_STR(lk_time_local(-2208988800LL, buf), "1899-12-31T19:00:00-05:00",
	    "1900 in New York");
	T_STR(lk_time_local(-3000000000LL, buf),
	    "1874-12-07T13:43:58-04:56:02", "local mean time keeps seconds");
	T_INT(lk_time_parse_utc(buf, &t) == 0 && t == -3000000000LL, 1,
	    "and reads them back");
}

static void
test_clock(void)
{
	time_t	 t;

	zone("America/New_York");
	unsetenv("LEAD_NOW");
	T_INT(lk_clock_now() > 1700000000, 1, "wall clock before init");
	setenv("LEAD_NOW", "2026-11-23T09:00:00-05:00", 1);
	T_INT(lk_clock_init(NULL), 0, "LEAD_NOW read");
	T_INT(lk_clock_now(), NOW, "LEAD_NOW is the clock");
	T_INT(lk_clock_init("2026-11-24 10:00"), 0, "--now wins");
	T_INT(lk_clock_now(), NOW + 86400 + 3600, "--now is the clock");
	T_INT(lk_clock_init("tomorrow"), -1, "--now takes only dates");
	setenv("LEAD_NOW", "not a date", 1);
	T_INT(lk_clock_init(NULL), -1, "bad LEAD_NOW refused");
	setenv("LEAD_NOW", "", 1);
	t = time(NULL);
	T_INT(lk_clock_init(NULL), 0, "empty LEAD_NOW: wall clock");
	T_INT(lk_clock_now() >= t && lk_clock_now() <= t + 5, 1,
	    "the wall clock, read once");
	unsetenv("LEAD_NOW");
}

static int
bench(void)
{
	struct timespec	 a, b;
	time_t		 t, sum = 0;
	int		 i;

	zone("America/New_York");
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < 1000000; i++) {
		if (lk_date_parse("11/23/2026 9:05 AM", LK_DORDER_ANY, &t,
		    NULL) == -1)
			return 1;
		sum += t;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("1M lk_date_parse: %.3f s (%lld)\n", (b.tv_sec - a.tv_sec) +
	    (b.tv_nsec - a.tv_nsec) / 1e9, (long long)sum);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < 1000000; i++) {
		if (lk_time_parse_utc("2026-11-23T14:05:00Z", &t) == -1)
			return 1;
		sum += t;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("1M lk_time_parse_utc: %.3f s (%lld)\n", (b.tv_sec - a.tv_sec) +
	    (b.tv_nsec - a.tv_nsec) / 1e9, (long long)sum);
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc > 1 && strcmp(argv[1], "bench") == 0)
		return bench();
	test_forms();
	test_rejects();
	test_order();
	test_dst();
	test_sweep();
	test_when();
	test_dur();
	test_stored();
	test_clock();
	return t_done();
}

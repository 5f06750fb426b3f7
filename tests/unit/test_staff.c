/*
 * test_staff: roles, logins, clock times, weekly hours read, written
 * back and judged at fixed times (overnight spans, both DST changes of
 * 2026 in New York), the days time off names, and a shift export's
 * "9:00 AM - 5:00 PM" column read as two times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "shifts.h"
#include "staff.h"
#include "xmem.h"
#include "t.h"

/* 2026-11-23T09:00:00-05:00, a Monday. */
#define NOW	1795442400

static char	 whatbuf[256];

static const char *
what(const char *fn, const char *s)
{
	snprintf(whatbuf, sizeof whatbuf, "%s(\"%s\")", fn, s);
	return whatbuf;
}

/* Local time s (as lk_date_parse reads it) under TZ. */
static time_t
at(const char *s)
{
	time_t	 t;

	if (lk_date_parse(s, LK_DORDER_YMD, &t, NULL) == -1) {
		fprintf(stderr, "test_staff: bad time in a test: %s\n", s);
		exit(2);
	}
	return t;
}

static void
test_roles(void)
{
	T_OK(lk_role_valid("iss"), "iss is a role");
	T_OK(lk_role_valid("bdc"), "bdc is a role");
	T_OK(lk_role_valid("floor"), "floor is a role");
	T_OK(lk_role_valid("manager"), "manager is a role");
	T_OK(lk_role_valid("admin"), "admin is a role");
	T_OK(!lk_role_valid("ISS"), "ISS is not (roles are lower case)");
	T_OK(!lk_role_valid("sales"), "sales is not a role");
	T_OK(!lk_role_valid(""), "nothing is not a role");
	T_OK(lk_role_in("manager", "manager admin"), "manager in a list");
	T_OK(lk_role_in("admin", "manager admin"), "admin last in a list");
	T_OK(!lk_role_in("iss", "manager admin"), "iss not in it");
	T_OK(!lk_role_in("man", "manager admin"), "a part of a word is not");
	T_OK(!lk_role_in("", "manager admin"), "nothing is in no list");
}

static void
test_logins(void)
{
	static const char *const good[] = { "ann", "a.lee", "_svc", "bob-2",
	    "x", "abcdefghijklmnopqrstuvwxyz012345" };
	static const char *const bad[] = { "", "Ann", "1ann", "-ann",
	    "ann lee", "ann@example.com", "ann/..", "abcdefghijklmnopqrstuvwxyz0123456",
	    "jos\xc3\xa9" };
	size_t	 i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		T_OK(lk_login_valid(good[i]), what("login_valid", good[i]));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		T_OK(!lk_login_valid(bad[i]), what("!login_valid", bad[i]));
}

/* Minutes lk_tod_parse reads from s, or -1. */
static int
tod(const char *s)
{
	int	 m;

	return lk_tod_parse(s, &m) == -1 ? -1 : m;
}

static void
test_tod(void)
{
	T_INT(tod("17:30"), 1050, "17:30");
	T_INT(tod("9:05"), 545, "9:05");
	T_INT(tod("09:00:00"), 540, "09:00:00 (seconds dropped)");
	T_INT(tod("9am"), 540, "9am");
	T_INT(tod("9 AM"), 540, "9 AM");
	T_INT(tod("9:30 PM"), 1290, "9:30 PM");
	T_INT(tod("9:30 p.m."), 1290, "9:30 p.m.");
	T_INT(tod("12am"), 0, "12am is midnight");
	T_INT(tod("12pm"), 720, "12pm is noon");
	T_INT(tod(" 00:00 "), 0, "00:00, blanks around");
	T_INT(tod("24:00"), 1440, "24:00 is the end of the day");
	T_INT(tod("25:00"), -1, "25:00 is no time");
	T_INT(tod("17:60"), -1, "17:60 is no time");
	T_INT(tod("13pm"), -1, "13pm is no time");
	T_INT(tod("9"), -1, "a bare hour needs am or pm");
	T_INT(tod("9:5"), -1, "9:5 is no time");
	T_INT(tod("24:30"), -1, "24:30 is no time");
	T_INT(tod(""), -1, "nothing is no time");
	T_INT(tod("9:00 tomorrow"), -1, "trailing words are refused");
}

/* s read and written back, or "error: why". */
static char *
canon(const char *s)
{
	struct lk_buf why = LK_BUF_INIT;
	struct lk_hours h;
	char	*r;

	if (lk_hours_parse(s, &h, &why) == -1) {
		r = lk_xasprintf("error: %s", lk_buf_str(&why));
		lk_buf_free(&why);
		return r;
	}
	r = lk_hours_format(&h);
	lk_hours_free(&h);
	lk_buf_free(&why);
	return r;
}

static void
hours(const char *s, const char *want)
{
	char	*got;

	got = canon(s);
	T_STR(got, want, what("hours", s));
	free(got);
}

static void
test_hours_parse(void)
{
	struct lk_buf why = LK_BUF_INIT;
	struct lk_hours h;

	T_INT(lk_hours_parse("", &h, &why), 0, "empty hours parse");
	T_INT(h.n, 0, "empty hours are any time");
	T_INT(lk_hours_parse(NULL, &h, &why), 0, "NULL hours parse");
	T_INT(h.n, 0, "NULL hours are any time");
	T_INT(lk_hours_parse(" Any ", &h, &why), 0, "any parses");
	T_INT(h.n, 0, "any is any time");
	T_INT(lk_hours_parse("mon-fri 09:00-18:00,sat 10:00-16:00", &h,
	    &why), 0, "the canonical example parses");
	T_INT(h.n, 6, "six spans");
	T_INT(h.spans[0].day, 1, "Monday first (no Sunday)");
	T_INT(h.spans[0].from, 540, "from 09:00");
	T_INT(h.spans[0].to, 1080, "to 18:00");
	T_INT(h.spans[5].day, 6, "Saturday last");
	lk_hours_free(&h);
	T_INT(h.n, 0, "freed hours are empty");
	lk_buf_free(&why);

	hours("", "");
	hours("any", "");
	hours("mon-fri 09:00-18:00,sat 10:00-16:00",
	    "mon-fri 09:00-18:00,sat 10:00-16:00");
	hours("Monday-Friday 9:00-18:00, Saturday 10am-4pm",
	    "mon-fri 09:00-18:00,sat 10:00-16:00");
	hours("MON - FRI 9:00 - 18:00", "mon-fri 09:00-18:00");
	hours("tues 9:00-17:00,thurs 9:00-17:00",
	    "tue 09:00-17:00,thu 09:00-17:00");
	hours("fri-mon 10:00-16:00", "mon 10:00-16:00,fri-sun 10:00-16:00");
	hours("sat-sun 10:00-16:00", "sat-sun 10:00-16:00");
	hours("sun 10:00-16:00,mon-sat 09:00-18:00",
	    "mon-sat 09:00-18:00,sun 10:00-16:00");
	hours("weekdays 9:00-12:00 13:00-17:00",
	    "mon-fri 09:00-12:00 13:00-17:00");
	hours("tue 13:00-17:00,tue 09:00-12:00", "tue 09:00-12:00 13:00-17:00");
	hours("weekends 10:00-14:00", "sat-sun 10:00-14:00");
	hours("daily 00:00-24:00", "mon-sun 00:00-24:00");
	hours("sat 22:00-06:00", "sat 22:00-06:00");
	hours("mon 9:00-17:00,wed 9:00-17:00",
	    "mon 09:00-17:00,wed 09:00-17:00");
	hours("mon 09:00-17:00,mon 9am-5pm", "mon 09:00-17:00");
	hours("mon-fri 09:00-18:00,", "mon-fri 09:00-18:00");
	hours("mon-fri 09:00-18:00,wed 18:00-20:00",
	    "mon-tue 09:00-18:00,wed 09:00-18:00 18:00-20:00,"
	    "thu-fri 09:00-18:00");

	hours("wed 9-17", "error: wed 9-17: not HH:MM-HH:MM");
	hours("mon-fri 09:00-18:00,wed 9-17",
	    "error: wed 9-17: not HH:MM-HH:MM");
	hours("someday 09:00-10:00", "error: someday 09:00-10:00: not a day "
	    "(mon, tuesday, mon-fri, weekdays, ...)");
	hours("mon-funday 09:00-10:00", "error: mon-funday 09:00-10:00: not "
	    "a day (mon, tuesday, mon-fri, weekdays, ...)");
	hours("09:00-17:00", "error: 09:00-17:00: not a day (mon, tuesday, "
	    "mon-fri, weekdays, ...)");
	hours("mon", "error: mon: not HH:MM-HH:MM");
	hours("mon 09:00", "error: mon 09:00: not HH:MM-HH:MM");
	hours("mon 09:00-09:00",
	    "error: mon 09:00-09:00: starts and ends at the same time");
	hours("mon 24:00-05:00", "error: mon 24:00-05:00: not HH:MM-HH:MM");
	hours("mon 09:00-25:00", "error: mon 09:00-25:00: not HH:MM-HH:MM");
	hours("mon 09:00-17:00 x", "error: mon 09:00-17:00 x: not "
	    "HH:MM-HH:MM");
}

/* Is someone of hours spec on at local time s? */
static void
on(const char *spec, const char *s, int want)
{
	struct lk_buf why = LK_BUF_INIT;
	struct lk_hours h;
	char	 w[200];

	snprintf(w, sizeof w, "%s at %s: %s", spec, s, want ? "on" : "off");
	if (lk_hours_parse(spec, &h, &why) == -1) {
		T_STR(lk_buf_str(&why), "", w);
		lk_buf_free(&why);
		return;
	}
	T_INT(lk_hours_on(&h, at(s)), want, w);
	lk_hours_free(&h);
	lk_buf_free(&why);
}

/* The same for a UTC instant u (the stored form). */
static void
on_utc(const char *spec, const char *u, int want)
{
	struct lk_buf why = LK_BUF_INIT;
	struct lk_hours h;
	time_t	 t;
	char	 w[200];

	snprintf(w, sizeof w, "%s at %s: %s", spec, u, want ? "on" : "off");
	if (lk_time_parse_utc(u, &t) == -1 ||
	    lk_hours_parse(spec, &h, &why) == -1) {
		T_OK(0, w);
		lk_buf_free(&why);
		return;
	}
	T_INT(lk_hours_on(&h, t), want, w);
	lk_hours_free(&h);
	lk_buf_free(&why);
}

static void
test_hours_on(void)
{
	struct lk_hours h = { NULL, 0 };

	T_OK(lk_hours_on(&h, NOW), "no hours: on at any time");
	on("", "2026-11-29 03:00", 1);

	/* The clock of the Bats tests: Monday 2026-11-23 09:00. */
	on("mon-fri 09:00-18:00", "2026-11-23 09:00", 1);
	on("mon-fri 09:00-18:00", "2026-11-23 08:59", 0);
	on("mon-fri 09:00-18:00", "2026-11-23 17:59", 1);
	on("mon-fri 09:00-18:00", "2026-11-23 18:00", 0);
	on("mon-fri 09:00-18:00", "2026-11-27 12:00", 1);
	on("mon-fri 09:00-18:00", "2026-11-28 12:00", 0);
	on("mon-fri 09:00-12:00 13:00-17:00", "2026-11-24 12:30", 0);
	on("mon-fri 09:00-12:00 13:00-17:00", "2026-11-24 13:00", 1);

	/* Overnight spans belong to the day they start. */
	on("fri 22:00-06:00", "2026-11-27 21:59", 0);
	on("fri 22:00-06:00", "2026-11-27 23:00", 1);
	on("fri 22:00-06:00", "2026-11-28 05:59", 1);
	on("fri 22:00-06:00", "2026-11-28 06:00", 0);
	on("fri 22:00-06:00", "2026-11-26 23:00", 0);
	on("fri 22:00-06:00", "2026-11-27 03:00", 0);
	on("sat 22:00-06:00", "2026-11-29 03:00", 1);
	on("sun 22:00-06:00", "2026-11-30 03:00", 1);
	on("sun 22:00-06:00", "2026-11-24 03:00", 0);
	on("mon 00:00-24:00", "2026-11-23 23:59", 1);
	on("mon 00:00-24:00", "2026-11-24 00:00", 0);
	on("mon 00:00-24:00", "2026-11-23 00:00", 1);

	/* Spring forward, Sunday 2026-03-08: 02:00 EST is 03:00 EDT. */
	on_utc("sun 01:00-03:00", "2026-03-08T06:59:59Z", 1);
	on_utc("sun 01:00-03:00", "2026-03-08T07:00:00Z", 0);
	on_utc("sun 03:00-04:00", "2026-03-08T07:00:00Z", 1);
	on_utc("sat 22:00-03:00", "2026-03-08T06:59:00Z", 1);
	on_utc("sat 22:00-03:00", "2026-03-08T07:00:00Z", 0);
	/* Fall back, Sunday 2026-11-01: 01:30 comes twice; both are on. */
	on_utc("sun 01:00-02:00", "2026-11-01T05:30:00Z", 1);
	on_utc("sun 01:00-02:00", "2026-11-01T06:30:00Z", 1);
	on_utc("sun 01:00-02:00", "2026-11-01T07:00:00Z", 0);
	on_utc("sun 02:00-03:00", "2026-11-01T06:30:00Z", 0);

	/* The same span elsewhere: local time is TZ's. */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	on_utc("mon 15:00-16:00", "2026-11-23T14:00:00Z", 1);
	setenv("TZ", "America/New_York", 1);
	tzset();
	on_utc("mon 15:00-16:00", "2026-11-23T14:00:00Z", 0);
}

static void
test_hours_any(void)
{
	struct lk_span none[] = { { 1, 540, 540 } };
	struct lk_hours h = { NULL, 0 };
	struct lk_buf why = LK_BUF_INIT;

	T_OK(lk_hours_any(&h), "no hours: any time");
	lk_hours_parse("sat 10:00-11:00", &h, &why);
	T_OK(lk_hours_any(&h), "an hour a week is some time");
	lk_hours_free(&h);
	h.spans = none;
	h.n = 1;
	T_OK(!lk_hours_any(&h), "an empty span is no time");
	lk_buf_free(&why);
}

/* The days s names, space-separated, or "error: why". */
static char *
days(const char *s)
{
	struct lk_buf b = LK_BUF_INIT;
	char	**d = NULL;
	size_t	 n = 0, i;

	if (lk_days_parse(s, NOW, &d, &n, &b) == -1) {
		char *r = lk_xasprintf("error: %s", lk_buf_str(&b));
		lk_buf_free(&b);
		return r;
	}
	for (i = 0; i < n; i++) {
		lk_buf_addf(&b, "%s%s", i > 0 ? " " : "", d[i]);
		free(d[i]);
	}
	free(d);
	return lk_buf_take(&b);
}

static void
daysis(const char *s, const char *want)
{
	char	*got;

	got = days(s);
	T_STR(got, want, what("days", s));
	free(got);
}

static void
test_days(void)
{
	char	 buf[LK_DAY_MAX];
	char	*got;

	T_STR(lk_day_local(NOW, buf), "2026-11-23", "the clock's day");
	T_STR(lk_day_local(at("2026-11-23 23:59"), buf), "2026-11-23",
	    "late in the day is the same day");
	T_STR(lk_day_local(at("2026-11-24 00:00"), buf), "2026-11-24",
	    "midnight is the next day");
	/* A shift export's date of year 302 was stored as "302-12-26". */
	T_STR(lk_day_local(at("0302-12-26 12:00"), buf), "0302-12-26",
	    "a year before 1000 has four digits");
	T_STR(lk_day_local(at("0001-01-02 00:00"), buf), "0001-01-02",
	    "so has year 1");
	T_STR(lk_day_local(at("9999-12-31 12:00"), buf), "9999-12-31",
	    "and year 9999");

	daysis("2026-12-24", "2026-12-24");
	daysis("12/24/2026", "2026-12-24");
	daysis("tomorrow", "2026-11-24");
	daysis("today", "2026-11-23");
	daysis("fri", "2026-11-27");
	daysis("2026-12-24..2026-12-26", "2026-12-24 2026-12-25 2026-12-26");
	daysis(" 2026-12-31..2027-01-02 ", "2026-12-31 2027-01-01 2027-01-02");
	daysis("2026-03-07..2026-03-09", "2026-03-07 2026-03-08 2026-03-09");
	daysis("2028-02-28..2028-03-01", "2028-02-28 2028-02-29 2028-03-01");
	daysis("2026-12-24..2026-12-24", "2026-12-24");
	daysis("today..fri", "2026-11-23 2026-11-24 2026-11-25 2026-11-26 "
	    "2026-11-27");
	daysis("2026-12-26..2026-12-24",
	    "error: the range ends before it starts");
	daysis("2026-01-01..2027-01-02", "error: more than a year");
	daysis("2026-13-01", "error: not a day or day..day");
	daysis("", "error: not a day or day..day");
	daysis("2026-12-24..", "error: not a day or day..day");
	daysis("..2026-12-24", "error: not a day or day..day");
	got = days("2026-01-01..2026-12-31");
	T_INT(strlen(got), 365 * 11 - 1, "a whole year is allowed");
	free(got);
}

/* A shift export with text in a file of its own, read month-first. */
static int
read_shifts(const char *text, struct lk_shifts *s)
{
	char	 path[] = "/tmp/test_staff.XXXXXX";
	FILE	*fp;
	int	 fd, rc;

	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		printf("Bail out! cannot write a shift export\n");
		exit(1);
	}
	fputs(text, fp);
	fclose(fp);
	rc = lk_shifts_read(path, LK_DORDER_MDY, s);
	unlink(path);
	return rc;
}

/* Row i of s runs from local time from to local time to. */
static void
shift_is(const struct lk_shifts *s, size_t i, const char *from,
    const char *to, const char *w)
{
	if (i >= s->n) {
		T_OK(0, w);
		return;
	}
	T_INT(s->v[i].start, at(from), w);
	T_INT(s->v[i].end, at(to), w);
}

static void
test_shift_column(void)
{
	struct lk_shifts s;

	/* The end's blanks were trimmed after the end was taken, so with
	 * a compiler that reads the arguments left to right "5:00pm" was
	 * cut to " 5:00p", not a time. */
	T_INT(read_shifts("Name,Date,Shift\n"
	    "Ann Lee,12/14/2026,9:00am - 5:00pm\n"
	    "Bob Roe,12/14/2026,8am-4pm\n"
	    "Cat Fox,12/15/2026,9:00 AM \xe2\x80\x93 1:00 PM\n"
	    "Dee Park,12/15/2026,10am to 2pm\n"
	    "Eve Ng,12/16/2026,10pm -  6am\n", &s), 0,
	    "shift column: blanks around the dash are read");
	T_INT(s.n, 5, "shift column: five rows");
	shift_is(&s, 0, "2026-12-14 09:00", "2026-12-14 17:00",
	    "shift column: 9:00am - 5:00pm");
	shift_is(&s, 1, "2026-12-14 08:00", "2026-12-14 16:00",
	    "shift column: 8am-4pm");
	shift_is(&s, 2, "2026-12-15 09:00", "2026-12-15 13:00",
	    "shift column: an en dash between blanks");
	shift_is(&s, 3, "2026-12-15 10:00", "2026-12-15 14:00",
	    "shift column: 10am to 2pm");
	shift_is(&s, 4, "2026-12-16 22:00", "2026-12-17 06:00",
	    "shift column: overnight, two blanks after the dash");
	lk_shifts_free(&s);
}

int
main(void)
{
	setenv("TZ", "America/New_York", 1);
	tzset();
	test_roles();
	test_logins();
	test_tod();
	test_hours_parse();
	test_hours_on();
	test_hours_any();
	test_days();
	test_shift_column();
	return t_done();
}

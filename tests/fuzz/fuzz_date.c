/*
 * fuzz_date: libFuzzer over lib/clock's readers, the input one string.
 * Beyond not crashing, what clock.h promises must hold: a day-month
 * order flag agrees with what the other orders read, and every time a
 * reader accepts is written in the stored and the shown form and read
 * back from both as the same time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "msg.h"
#include "xmem.h"

/* What the stored form holds: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
#define T_MIN	(-62135596800LL)
#define T_MAX	253402300799LL
#define DAY	86400

/* The fixed now of the tests: Monday 2026-11-23 09:00 in New York. */
static time_t now;

/* Fail with what broke, so a crash report says more than abort(). */
static void
fail(const char *s, const char *what, time_t t, time_t back)
{
	fprintf(stderr, "fuzz_date: \"%s\": %s (%lld, read back %lld)\n", s,
	    what, (long long)t, (long long)back);
	abort();
}

/* t as both forms, read back by the readers that take each. */
static void
roundtrip(const char *s, time_t t)
{
	char	 buf[LK_TIME_MAX];
	time_t	 back;

	if (t < T_MIN || t > T_MAX)
		fail(s, "a time the stored form cannot hold", t, 0);
	lk_time_utc(t, buf);
	if (lk_time_parse_utc(buf, &back) != 0 || back != t)
		fail(s, "stored form does not read back", t, back);
	if (lk_date_parse(buf, LK_DORDER_ANY, &back, NULL) != 0 || back != t)
		fail(s, "stored form does not parse back", t, back);
	/* A local year 0 or 10000 is no one's lead. */
	if (t < T_MIN + DAY || t > T_MAX - DAY)
		return;
	lk_time_local(t, buf);
	if (lk_time_parse_utc(buf, &back) != 0 || back != t)
		fail(s, "shown form does not read back", t, back);
	if (lk_date_parse(buf, LK_DORDER_ANY, &back, NULL) != 0 || back != t)
		fail(s, "shown form does not parse back", t, back);
	lk_time_short(t, buf);
}

static void
dates(const char *s)
{
	time_t	 t, tm, td;
	unsigned fl, flm, fld;
	int	 any, mdy, dmy;

	any = lk_date_parse(s, LK_DORDER_ANY, &t, &fl) == 0;
	mdy = lk_date_parse(s, LK_DORDER_MDY, &tm, &flm) == 0;
	dmy = lk_date_parse(s, LK_DORDER_DMY, &td, &fld) == 0;
	if ((mdy && flm != 0) || (dmy && fld != 0))
		fail(s, "flags with a fixed order", 0, 0);
	if (any) {
		roundtrip(s, t);
		switch (fl) {
		case 0:
			/* Not numeric, or day and month the same. */
			if (!mdy || !dmy || tm != t || td != t)
				fail(s, "no flag, yet the orders differ", t,
				    mdy ? tm : td);
			break;
		case LK_DATE_MDY_ONLY:
			if (!mdy || tm != t || dmy)
				fail(s, "month-first only, yet not", t, tm);
			break;
		case LK_DATE_DMY_ONLY:
			if (!dmy || td != t || mdy)
				fail(s, "day-first only, yet not", t, td);
			break;
		case LK_DATE_AMBIGUOUS:
			if (!mdy || tm != t || !dmy || td == t)
				fail(s, "ambiguous, yet not", t, td);
			break;
		default:
			fail(s, "more than one flag", t, 0);
		}
	} else if (mdy || dmy)
		fail(s, "a fixed order reads what the open one cannot", 0,
		    mdy ? tm : td);
	if (mdy)
		roundtrip(s, tm);
	if (dmy)
		roundtrip(s, td);
	if (lk_date_parse(s, LK_DORDER_YMD, &t, NULL) == 0)
		roundtrip(s, t);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "America/New_York", 1);
	tzset();
	lk_msg_init("fuzz_date");
	if (lk_clock_init("2026-11-23T09:00:00-05:00") != 0)
		abort();
	now = lk_clock_now();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lk_dur d;
	char	*s;
	time_t	 t;

	s = lk_xstrndup((const char *)data, size);
	dates(s);
	if (lk_when_parse(s, now, &t) == 0)
		roundtrip(s, t);
	if (lk_dur_parse(s, &d) == 0) {
		lk_dur_add(now, &d, 0);
		lk_dur_add(now, &d, 1);
	}
	free(s);
	return 0;
}

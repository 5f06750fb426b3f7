/*
 * test_rules: lk_rules_check against statuses built here, one rule at a
 * time: each allowed and refused, with the exact line the user reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "clock.h"
#include "rules.h"
#include "t.h"
#include "xmem.h"

/* 2026-11-23T09:00:00-05:00, a Monday. */
#define NOW	1795442400
#define MIN	60
#define HOUR	3600
#define DAY	86400

static struct lk_buf why;

/*
 * A time written with its offset.  Days and months are the calendar's
 * in local time, so across the end of summer time (Nov 1) 30 days are
 * not 30 * 86400 seconds: the tests name the moments instead.
 */
static time_t
at(const char *iso)
{
	time_t	 t;

	if (lk_time_parse_utc(iso, &t) != 0) {
		printf("Bail out! not a time: %s\n", iso);
		exit(1);
	}
	return t;
}

/* A status with no rules at all. */
static struct lk_status
status(char *name)
{
	struct lk_status s;

	memset(&s, 0, sizeof(s));
	s.id = 9;
	s.name = name;
	s.groups = "working";
	s.title = "";
	return s;
}

/* Lead 7, received 3 days before now, nothing done, nothing asked. */
static struct lk_facts
facts(void)
{
	struct lk_facts f;

	memset(&f, 0, sizeof(f));
	f.lead = 7;
	f.now = NOW;
	f.received = NOW - 3 * DAY + 2 * HOUR;
	return f;
}

/* "ok", or why the rules refuse; -1 must come with a reason, 0 without. */
static const char *
check(const struct lk_status *s, const struct lk_facts *f)
{
	int	 r;

	lk_buf_clear(&why);
	r = lk_rules_check(s, f, &why);
	if (r == 0)
		return why.len == 0 ? "ok" : "ok, with a reason";
	if (r != -1)
		return "neither 0 nor -1";
	return why.len == 0 ? "refused without a reason" : lk_buf_str(&why);
}

static void
test_none(void)
{
	struct lk_status s = status("snail-mail");
	struct lk_facts f = facts();

	T_STR(check(&s, &f), "ok", "no rules: allowed");
	f.follow_up = 1;
	f.kind = "email";
	f.due = NOW + DAY;
	T_STR(check(&s, &f), "ok", "no rules: allowed with any follow-up");
}

static void
test_auto(void)
{
	struct lk_status s = status("dormant");
	struct lk_facts f = facts();

	s.is_auto = 1;
	T_STR(check(&s, &f), "dormant is set by lead-sweep only (rule "
	    "auto): a lead gets it when nobody works it", "auto: refused");
	f.follow_up = 1;
	T_STR(check(&s, &f), "dormant is set by lead-sweep only (rule "
	    "auto): a lead gets it when nobody works it",
	    "auto: refused with a follow-up too");
}

static void
test_initial(void)
{
	struct lk_status s = status("new");
	struct lk_facts f = facts();

	s.initial = 1;
	T_STR(check(&s, &f), "new is the status a lead arrives in (rule "
	    "initial): to go back, use --undo", "initial: refused");
}

static void
test_follow_up(void)
{
	struct lk_status s = status("left-message");
	struct lk_facts f = facts();

	s.follow_up = 1;
	T_STR(check(&s, &f), "left-message needs a follow-up (rule "
	    "follow-up): add --follow-up WHEN", "follow-up: refused without");
	f.follow_up = 1;
	f.due = NOW + DAY;
	T_STR(check(&s, &f), "ok", "follow-up: allowed with one");
	f.kind = "email";
	T_STR(check(&s, &f), "ok", "follow-up: allowed of any kind");
}

static void
test_follow_up_kind(void)
{
	struct lk_status s = status("no-answer");
	struct lk_facts f = facts();

	s.follow_up = 1;
	s.follow_up_kind = "phone";
	T_STR(check(&s, &f), "no-answer needs a follow-up (rule follow-up): "
	    "add --follow-up WHEN --kind phone",
	    "follow-up-kind: refused without, naming the kind");
	f.follow_up = 1;
	f.due = NOW + DAY;
	T_STR(check(&s, &f), "ok", "follow-up-kind: allowed, no kind named");
	f.kind = "phone";
	T_STR(check(&s, &f), "ok", "follow-up-kind: allowed of that kind");
	f.kind = "Phone";
	T_STR(check(&s, &f), "ok", "follow-up-kind: the kind in any case");
	f.kind = "email";
	T_STR(check(&s, &f), "no-answer needs a phone follow-up, not email "
	    "(rule follow-up-kind): use --kind phone",
	    "follow-up-kind: refused of another kind");
}

static void
test_follow_up_in(void)
{
	struct lk_status s = status("bad-credit");
	struct lk_facts f = facts();

	s.follow_up = 1;
	s.follow_up_in = "6months";
	s.default_kind = "delayed-contact";
	T_STR(check(&s, &f), "ok", "follow-up-in: allowed without one");
	f.follow_up = 1;
	f.due = NOW + DAY;
	T_STR(check(&s, &f), "ok", "follow-up-in: allowed with one");

	/* The kind named is the scheduled one's, --follow-up or not. */
	s.follow_up_kind = "delayed-contact";
	f.follow_up = 0;
	f.kind = "email";
	T_STR(check(&s, &f), "bad-credit needs a delayed-contact follow-up, "
	    "not email (rule follow-up-kind): use --kind delayed-contact",
	    "follow-up-in: a kind named is held to follow-up-kind");
	f.kind = "delayed-contact";
	T_STR(check(&s, &f), "ok", "follow-up-in: the kind it wants");
}

static const char *const YOUNG = "never-responded only once a lead is 14d "
    "old or after 3 recorded contact attempts (rule min-age): lead 7 is ";

static void
test_min_age_attempts(void)
{
	struct lk_status s = status("never-responded");
	struct lk_facts f = facts();
	char	 want[256];

	s.min_age = "14d";
	s.min_attempts = 3;
	snprintf(want, sizeof(want), "%s2 days old with 0 attempts; record "
	    "attempts with --log call --outcome attempt", YOUNG);
	T_STR(check(&s, &f), want, "min-age: refused young, no attempts");

	f.attempts = 1;
	snprintf(want, sizeof(want), "%s2 days old with 1 attempt; record "
	    "attempts with --log call --outcome attempt", YOUNG);
	T_STR(check(&s, &f), want, "min-age: one attempt, said singular");

	f.attempts = 2;
	snprintf(want, sizeof(want), "%s2 days old with 2 attempts; record "
	    "attempts with --log call --outcome attempt", YOUNG);
	T_STR(check(&s, &f), want, "min-attempts: refused at 2 of 3");

	f.attempts = 3;
	T_STR(check(&s, &f), "ok", "min-attempts: allowed at 3");
	f.attempts = 4;
	T_STR(check(&s, &f), "ok", "min-attempts: allowed past 3");

	f.attempts = 0;
	f.received = NOW - 14 * DAY;
	T_STR(check(&s, &f), "ok", "min-age: allowed at exactly 14 days");
	f.received = NOW - 14 * DAY + 1;
	snprintf(want, sizeof(want), "%s13 days old with 0 attempts; record "
	    "attempts with --log call --outcome attempt", YOUNG);
	T_STR(check(&s, &f), want, "min-age: refused a second short");
	f.received = NOW - 40 * DAY;
	T_STR(check(&s, &f), "ok", "min-age: allowed long after");
}

static void
test_min_age_words(void)
{
	struct lk_status s = status("never-responded");
	struct lk_facts f = facts();

	s.min_age = "14d";
	s.min_attempts = 3;
	f.received = NOW - 3 * HOUR - 5 * MIN;
	T_STR(check(&s, &f), "never-responded only once a lead is 14d old or "
	    "after 3 recorded contact attempts (rule min-age): lead 7 is 3 "
	    "hours old with 0 attempts; record attempts with --log call "
	    "--outcome attempt", "min-age: an age in hours");
	f.received = NOW - 25 * MIN;
	T_STR(check(&s, &f), "never-responded only once a lead is 14d old or "
	    "after 3 recorded contact attempts (rule min-age): lead 7 is 25 "
	    "minutes old with 0 attempts; record attempts with --log call "
	    "--outcome attempt", "min-age: an age in minutes");
}

static void
test_min_age_alone(void)
{
	struct lk_status s = status("stale");
	struct lk_facts f = facts();

	s.min_age = "30d";
	f.attempts = 9;
	T_STR(check(&s, &f), "stale only once a lead is 30d old (rule "
	    "min-age): lead 7 is 2 days old",
	    "min-age alone: refused, no word of attempts");
	/* 30 days before Nov 23 09:00 is Oct 24 09:00, summer time. */
	f.received = at("2026-10-24T09:00:00-04:00");
	T_STR(check(&s, &f), "ok", "min-age alone: allowed 30 days on");
	f.received = at("2026-10-24T09:00:01-04:00");
	T_STR(check(&s, &f), "stale only once a lead is 30d old (rule "
	    "min-age): lead 7 is 30 days old",
	    "min-age alone: refused a second short, across summer time");

	/* Months move the calendar: 1 month before Nov 23 is Oct 23. */
	s.min_age = "1month";
	f.received = at("2026-10-23T09:00:00-04:00");
	T_STR(check(&s, &f), "ok", "min-age in months: Oct 23 to Nov 23");
	f.received = at("2026-10-23T10:00:00-04:00");
	T_STR(check(&s, &f), "stale only once a lead is 1month old (rule "
	    "min-age): lead 7 is 31 days old", "min-age in months: refused");
}

static void
test_min_attempts_alone(void)
{
	struct lk_status s = status("gave-up");
	struct lk_facts f = facts();

	s.min_attempts = 2;
	f.received = NOW - 400 * DAY;
	f.attempts = 1;
	T_STR(check(&s, &f), "gave-up only after 2 recorded contact attempts "
	    "(rule min-attempts): lead 7 is 400 days old with 1 attempt; "
	    "record attempts with --log call --outcome attempt",
	    "min-attempts alone: age does not help");
	f.attempts = 2;
	T_STR(check(&s, &f), "ok", "min-attempts alone: allowed");
}

static void
test_needs_visit(void)
{
	struct lk_status s = status("unable-to-come-to-terms");
	struct lk_facts f = facts();

	s.needs_visit = 1;
	T_STR(check(&s, &f), "unable-to-come-to-terms only after a store "
	    "visit (rule needs-visit): lead 7 has none; record it with "
	    "--log visit", "needs-visit: refused without a visit");
	f.attempts = 5;
	T_STR(check(&s, &f), "unable-to-come-to-terms only after a store "
	    "visit (rule needs-visit): lead 7 has none; record it with "
	    "--log visit", "needs-visit: attempts are no visit");
	f.visits = 1;
	T_STR(check(&s, &f), "ok", "needs-visit: allowed after one");
}

static void
test_duplicate(void)
{
	struct lk_status s = status("duplicate-lead");
	struct lk_facts f = facts();

	s.excluded = 1;
	s.duplicate_within = "30d";
	T_STR(check(&s, &f), "duplicate-lead needs the earlier lead (rule "
	    "duplicate-within): add --of ID", "duplicate: refused without --of");

	f.of = 7;
	f.of_received = f.received;
	f.of_same = 1;
	T_STR(check(&s, &f), "duplicate-lead: a lead is no duplicate of "
	    "itself (rule duplicate-within): --of names the earlier lead",
	    "duplicate: refused of itself");

	f.received = at("2026-11-20T11:00:00-05:00");
	f.of = 3;
	f.of_received = f.received - 5 * DAY;
	f.of_same = 0;
	T_STR(check(&s, &f), "duplicate-lead: lead 3 is not the same "
	    "customer as lead 7 (rule duplicate-within: same e-mail, phone, "
	    "or name and address)", "duplicate: refused another customer");

	f.of_same = 1;
	T_STR(check(&s, &f), "ok", "duplicate: allowed, same customer");
	f.of_received = f.received;
	T_STR(check(&s, &f), "ok", "duplicate: allowed, same moment");
	f.of_received = at("2026-10-21T11:00:00-04:00");
	T_STR(check(&s, &f), "ok", "duplicate: allowed, exactly 30 days");

	f.of_received = at("2026-10-21T10:59:59-04:00");
	T_STR(check(&s, &f), "duplicate-lead: lead 3 did not arrive in the "
	    "30d before lead 7 (rule duplicate-within)",
	    "duplicate: refused, a second too old");
	f.of_received = f.received + 1;
	T_STR(check(&s, &f), "duplicate-lead: lead 3 did not arrive in the "
	    "30d before lead 7 (rule duplicate-within)",
	    "duplicate: refused, the other lead is later");
}

/* Rules refuse in a fixed order: the first that stands in the way. */
static void
test_order(void)
{
	struct lk_status s = status("odd");
	struct lk_facts f = facts();

	s.follow_up = 1;
	s.needs_visit = 1;
	T_STR(check(&s, &f), "odd needs a follow-up (rule follow-up): add "
	    "--follow-up WHEN", "order: follow-up before needs-visit");
	s.is_auto = 1;
	T_STR(check(&s, &f), "odd is set by lead-sweep only (rule auto): a "
	    "lead gets it when nobody works it", "order: auto first");
	s.is_auto = 0;
	f.follow_up = 1;
	T_STR(check(&s, &f), "odd only after a store visit (rule "
	    "needs-visit): lead 7 has none; record it with --log visit",
	    "order: needs-visit once the follow-up is there");
}

/* A refusal appends to what the buffer held. */
static void
test_append(void)
{
	struct lk_status s = status("new");
	struct lk_facts f = facts();
	struct lk_buf b = LK_BUF_INIT;

	s.initial = 1;
	lk_buf_adds(&b, "lead 7: ");
	T_INT(lk_rules_check(&s, &f, &b), -1, "append: refused");
	T_STR(lk_buf_str(&b), "lead 7: new is the status a lead arrives in "
	    "(rule initial): to go back, use --undo", "append: after the "
	    "prefix");
	lk_buf_free(&b);
}

int
main(void)
{
	setenv("TZ", "America/New_York", 1);
	tzset();
	test_none();
	test_auto();
	test_initial();
	test_follow_up();
	test_follow_up_kind();
	test_follow_up_in();
	test_min_age_attempts();
	test_min_age_words();
	test_min_age_alone();
	test_min_attempts_alone();
	test_needs_visit();
	test_duplicate();
	test_order();
	test_append();
	lk_buf_free(&why);
	return t_done();
}

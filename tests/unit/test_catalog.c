/*
 * test_catalog: the dealership's tables as lk_catalog_parse,
 * lk_kinds_parse and lk_cadence_parse read them, every complaint with
 * its file and line; finding a status by what people type; the rules
 * written back as they were read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "msg.h"
#include "share.h"
#include "t.h"
#include "xmem.h"

/* What a parse said on stderr, caught in a temporary file. */
static FILE *cap;
static int saved = -1;
static struct lk_buf said;

static void
catch_begin(void)
{
	fflush(stderr);
	if ((cap = tmpfile()) == NULL || (saved = dup(2)) == -1 ||
	    dup2(fileno(cap), 2) == -1) {
		printf("Bail out! cannot catch stderr\n");
		exit(1);
	}
}

static const char *
catch_end(void)
{
	char	 buf[512];
	size_t	 n;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(cap);
	lk_buf_clear(&said);
	while ((n = fread(buf, 1, sizeof(buf), cap)) > 0)
		lk_buf_add(&said, buf, n);
	fclose(cap);
	return lk_buf_str(&said);
}

static const char HEAD[] = "name\tgroups\trules\ttitle\n";

/*
 * Parse HEAD and body as "my.tsv": "ok" with c filled, or what was said
 * on stderr (c then empty).
 */
static const char *
parse(const char *body, struct lk_catalog *c)
{
	struct lk_buf text = LK_BUF_INIT;
	const char *msg;
	int	 r;

	lk_buf_adds(&text, HEAD);
	lk_buf_adds(&text, body);
	catch_begin();
	r = lk_catalog_parse(lk_buf_str(&text), text.len, "my.tsv", c);
	msg = catch_end();
	lk_buf_free(&text);
	if (r == 0)
		return *msg == '\0' ? "ok" : msg;
	if (r != -1)
		return "neither 0 nor -1";
	if (c->n != 0 || c->s != NULL)
		return "a refused catalog left half-read";
	return msg;
}

/* A parse that must fail: the message, the catalog freed either way. */
static const char *
bad(const char *body)
{
	struct lk_catalog c;
	const char *msg;

	msg = parse(body, &c);
	lk_catalog_free(&c);
	return msg;
}

/* The rules of c's status i, as the catalog writes them. */
static const char *
rules_of(const struct lk_catalog *c, size_t i)
{
	static struct lk_buf b;

	if (c == NULL) {
		lk_buf_free(&b);
		return NULL;
	}
	lk_buf_clear(&b);
	lk_status_rules(&c->s[i], &b);
	return lk_buf_str(&b);
}

static void
test_parse_good(void)
{
	struct lk_catalog c;
	const struct lk_status *s;

	T_STR(parse("# a comment\n"
	    "\n"
	    "new\tnew working\tinitial\tNew: arrived\n"
	    "no-answer\tworking\tfollow-up follow-up-kind=phone\tNo answer\r\n"
	    "bad-credit\tfinal\tfollow-up follow-up-in=6months "
	    "default-kind=delayed-contact\tBad credit\n"
	    "never-responded\tfinal\tmin-age=14d min-attempts=3\t\n"
	    "sold\tworking\tnever-dormant sold\n"
	    "unable\tfinal\tneeds-visit\tUnable\n"
	    "dormant\tfinal\tauto\tDormant\n"
	    "duplicate-lead\tinvalid\texcluded duplicate-within=30d\tDup",
	    &c), "ok", "good: parsed");
	T_INT(c.n, 8, "good: 8 statuses");
	s = &c.s[0];
	T_STR(s->name, "new", "good: first name");
	T_STR(s->groups, "new working", "good: groups as written");
	T_STR(s->title, "New: arrived", "good: title");
	T_INT(s->initial, 1, "good: initial");
	T_INT(s->id, 0, "good: no id column, no ids");
	s = &c.s[1];
	T_INT(s->follow_up, 1, "good: follow-up");
	T_STR(s->follow_up_kind, "phone", "good: follow-up-kind");
	T_STR(s->title, "No answer", "good: CRLF taken off the title");
	s = &c.s[2];
	T_STR(s->follow_up_in, "6months", "good: follow-up-in");
	T_STR(s->default_kind, "delayed-contact", "good: default-kind");
	T_STR(s->follow_up_kind, NULL, "good: no follow-up-kind is NULL");
	s = &c.s[3];
	T_STR(s->min_age, "14d", "good: min-age");
	T_INT(s->min_attempts, 3, "good: min-attempts");
	T_STR(s->title, "", "good: an empty title");
	s = &c.s[4];
	T_INT(s->never_dormant && s->sold, 1, "good: never-dormant sold");
	T_STR(s->title, "", "good: a short line's title is empty");
	T_INT(c.s[5].needs_visit, 1, "good: needs-visit");
	T_INT(c.s[6].is_auto, 1, "good: auto");
	T_INT(c.s[7].excluded, 1, "good: excluded");
	T_STR(c.s[7].duplicate_within, "30d", "good: duplicate-within");
	T_INT(lk_catalog_initial(&c), 0, "good: the initial status");
	lk_catalog_free(&c);
	T_INT(c.n, 0, "free: empties the catalog");
}

/* As lead-status --catalog --format tsv prints it, edited. */
static const char IDS[] =
    "id\tname\tgroups\trules\ttitle\n"
    "1\tnew\tnew\tinitial\tNew\n"
    "\tadded\tworking\t\tA new one\n"
    "40\tleft-voicemail\tworking\tfollow-up\tRenamed\n";

static void
test_parse_ids(void)
{
	struct lk_catalog c;

	T_STR(parse("", &c), "leadkit: my.tsv: no statuses\n",
	    "empty: no statuses");
	lk_catalog_free(&c);

	catch_begin();
	T_INT(lk_catalog_parse(IDS, sizeof(IDS) - 1, "x", &c), 0,
	    "ids: parsed");
	T_STR(catch_end(), "", "ids: nothing said");
	T_INT(c.n, 3, "ids: 3 statuses");
	if (c.n != 3)
		return;
	T_INT(c.s[0].id, 1, "ids: the first keeps its id");
	T_INT(c.s[1].id, 0, "ids: an empty id is a new status");
	T_INT(c.s[2].id, 40, "ids: the third keeps its id");
	T_INT(lk_catalog_byid(&c, 40), 2, "byid: found");
	T_INT(lk_catalog_byid(&c, 2), -1, "byid: not found");
	lk_catalog_free(&c);
}

static void
test_parse_bad(void)
{
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "left\tworking\tfolow-up\tLeft\n"),
	    "leadkit: my.tsv:3: rules: unknown rule: \"folow-up\"\n",
	    "bad: an unknown rule, with file and line");
	T_STR(bad("new\tnew\tinitial=1\tNew\n"),
	    "leadkit: my.tsv:2: rules: unknown rule: \"initial=1\"\n",
	    "bad: a flag given a value, and no more said");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tworking\tfollow-up-kind\tX\n"),
	    "leadkit: my.tsv:3: rules: unknown rule: \"follow-up-kind\"\n",
	    "bad: a value rule without its value");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tfinal\tmin-age=fortnight\tX\n"),
	    "leadkit: my.tsv:3: rules: not a duration: \"fortnight\"\n",
	    "bad: min-age not a duration");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tfinal\tfollow-up-in=soon\tX\n"),
	    "leadkit: my.tsv:3: rules: not a duration: \"soon\"\n",
	    "bad: follow-up-in not a duration");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tinvalid\tduplicate-within=\tX\n"),
	    "leadkit: my.tsv:3: rules: not a duration: \"\"\n",
	    "bad: duplicate-within empty");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tfinal\tmin-attempts=0\tX\n"
	    "y\tfinal\tmin-attempts=three\tY\n"
	    "z\tfinal\tmin-attempts=1001\tZ\n"),
	    "leadkit: my.tsv:3: rules: not a count (1-1000): \"0\"\n"
	    "leadkit: my.tsv:4: rules: not a count (1-1000): \"three\"\n"
	    "leadkit: my.tsv:5: rules: not a count (1-1000): \"1001\"\n",
	    "bad: min-attempts not a count, each line told");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tworking\tfollow-up-kind=a,b\tX\n"),
	    "leadkit: my.tsv:3: rules: not a kind: \"a,b\"\n",
	    "bad: follow-up-kind not a kind");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "left message\tworking\t\tX\n"),
	    "leadkit: my.tsv:3: name: not a status name: \"left message\"\n",
	    "bad: a name with a space");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "\tworking\t\tX\n"),
	    "leadkit: my.tsv:3: name: not a status name: \"\"\n",
	    "bad: no name");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "left-message\tworking\t\tX\n"
	    "Left_Message\tworking\t\tY\n"),
	    "leadkit: my.tsv:4: name: named twice: \"Left_Message\"\n",
	    "bad: a name twice, however written");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\t\t\tX\n"),
	    "leadkit: my.tsv:3: groups: a status needs a group\n",
	    "bad: no group");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tworking\t\tX\textra\n"),
	    "leadkit: my.tsv:3: more fields than the header\n",
	    "bad: more fields than the header");
	T_STR(bad("new\tnew\tinitial\tNew\n"
	    "x\tworking\tinitial\tX\n"),
	    "leadkit: my.tsv: rules: exactly one status must be initial, "
	    "2 are\n", "bad: two initial statuses");
	T_STR(bad("new\tnew\t\tNew\n"),
	    "leadkit: my.tsv: rules: exactly one status must be initial, "
	    "0 are\n", "bad: no initial status");
}

static void
test_parse_bad_ids(void)
{
	struct lk_catalog c;

	static const char text[] = "id\tname\tgroups\trules\ttitle\n"
	    "1\tnew\tnew\tinitial\tNew\n"
	    "x1\tleft\tworking\t\tLeft\n"
	    "0\tcalled\tworking\t\tCalled\n"
	    "1\tsold\tworking\tsold\tSold\n";

	catch_begin();
	T_INT(lk_catalog_parse(text, sizeof(text) - 1, "ids.tsv", &c), -1,
	    "bad ids: refused");
	T_STR(catch_end(), "leadkit: ids.tsv:3: id: not a status id: \"x1\"\n"
	    "leadkit: ids.tsv:4: id: not a status id: \"0\"\n"
	    "leadkit: ids.tsv:5: id: given twice: \"1\"\n",
	    "bad ids: each told");
	T_INT(c.n, 0, "bad ids: nothing kept");
}

static void
test_parse_bad_header(void)
{
	struct lk_catalog c;

	static const char head[] = "name\tgroup\trules\n"
	    "new\tnew\tinitial\n";
	static const char none[] = "# only a comment\n\n";

	catch_begin();
	T_INT(lk_catalog_parse(head, sizeof(head) - 1, "h.tsv", &c), -1,
	    "header: refused");
	T_STR(catch_end(), "leadkit: h.tsv:1: the header lacks a column: "
	    "\"groups\"\n"
	    "leadkit: h.tsv:1: the header lacks a column: \"title\"\n",
	    "header: each missing column told");
	catch_begin();
	T_INT(lk_catalog_parse(none, sizeof(none) - 1, "e.tsv", &c), -1,
	    "no header: refused");
	T_STR(catch_end(), "leadkit: e.tsv:2: no header line\n",
	    "no header: told");
}

/* The catalog lk_catalog_find is tried on. */
static const char FIND[] =
    "name\tgroups\trules\ttitle\n"
    "new\tnew\tinitial\tNew\n"
    "left-message\tworking\tfollow-up\tLeft message\n"
    "deal-in-fi\tworking\tfollow-up\tF&I\n"
    "deal-pending\tworking\tfollow-up\tPending\n"
    "delivered\tdelivered final\tsold\tDelivered\n"
    "sold\tworking\tsold\tSold\n"
    "sold-used\tworking\tsold\tSold used\n"
    "Walk_In\tworking\t\tA dealer's own spelling\n";

/* The name lk_catalog_find gives for s, "-1", or "-2: matches". */
static const char *
find(const struct lk_catalog *c, const char *s)
{
	static struct lk_buf out;
	struct lk_buf m = LK_BUF_INIT;
	int	 i;

	if (c == NULL) {
		lk_buf_free(&out);
		return NULL;
	}
	lk_buf_clear(&out);
	i = lk_catalog_find(c, s, &m);
	if (i >= 0)
		lk_buf_adds(&out, c->s[i].name);
	else if (i == -2)
		lk_buf_addf(&out, "-2: %s", lk_buf_str(&m));
	else
		lk_buf_addf(&out, "%d%s", i, m.len > 0 ? " with matches" : "");
	lk_buf_free(&m);
	return lk_buf_str(&out);
}

static void
test_find(void)
{
	struct lk_catalog c;

	if (lk_catalog_parse(FIND, sizeof(FIND) - 1, "find", &c) != 0) {
		printf("Bail out! the find catalog does not parse\n");
		exit(1);
	}
	T_STR(find(&c, "left-message"), "left-message", "find: exact");
	T_STR(find(&c, "LEFT-Message"), "left-message", "find: any case");
	T_STR(find(&c, "left"), "left-message", "find: unambiguous prefix");
	T_STR(find(&c, "L"), "left-message", "find: one letter will do");
	T_STR(find(&c, "left message"), "left-message", "find: a space");
	T_STR(find(&c, "left_message"), "left-message", "find: an underscore");
	T_STR(find(&c, "Left_M"), "left-message", "find: a prefix so written");
	T_STR(find(&c, "walk-in"), "Walk_In",
	    "find: a catalog's underscore matches a hyphen");
	T_STR(find(&c, "walk in"), "Walk_In", "find: ... and a space");
	T_STR(find(&c, "sold"), "sold", "find: exact beats a longer name");
	T_STR(find(&c, "sold-"), "sold-used", "find: prefix of the longer");
	T_STR(find(&c, "de"), "-2: deal-in-fi, deal-pending, delivered",
	    "find: ambiguous, the matches in catalog order");
	T_STR(find(&c, "DEAL"), "-2: deal-in-fi, deal-pending",
	    "find: ambiguous in any case");
	T_STR(find(&c, "deal-p"), "deal-pending", "find: longer prefix");
	T_STR(find(&c, "sleeping"), "-1", "find: no such status");
	T_STR(find(&c, "left-messages"), "-1", "find: longer than any name");
	T_STR(find(&c, ""), "-1", "find: empty finds nothing");
	T_INT(lk_catalog_find(&c, "de", NULL), -2, "find: matches may be NULL");
	lk_catalog_free(&c);
	find(NULL, NULL);
}

static void
test_rules_round_trip(void)
{
	const struct lk_share_file *f;
	struct lk_catalog c, again;
	struct lk_buf text = LK_BUF_INIT;
	size_t	 i, same = 0;

	f = lk_share("statuses.tsv");
	T_OK(f != NULL, "shipped: statuses.tsv is built in");
	if (f == NULL)
		return;
	catch_begin();
	T_INT(lk_catalog_parse(f->data, f->len, "statuses.tsv", &c), 0,
	    "shipped: parses");
	T_STR(catch_end(), "", "shipped: nothing said");
	T_INT(c.n, 39, "shipped: 39 statuses");
	T_INT(lk_catalog_initial(&c), 0, "shipped: new is initial");
	T_STR(rules_of(&c, 0), "initial", "rules: initial");
	T_STR(rules_of(&c, 2), "follow-up follow-up-kind=phone",
	    "rules: no-answer");
	T_STR(rules_of(&c, 20), "", "rules: snail-mail has none");
	T_STR(rules_of(&c, 22), "min-age=14d min-attempts=3",
	    "rules: never-responded");
	T_STR(rules_of(&c, 27), "follow-up follow-up-in=6months "
	    "default-kind=delayed-contact", "rules: bad-credit");
	T_STR(rules_of(&c, 35), "excluded duplicate-within=30d",
	    "rules: duplicate-lead");

	/* Written back and read again, every status is as it was. */
	lk_buf_adds(&text, HEAD);
	for (i = 0; i < c.n; i++) {
		lk_buf_addf(&text, "%s\t%s\t", c.s[i].name, c.s[i].groups);
		lk_status_rules(&c.s[i], &text);
		lk_buf_addf(&text, "\t%s\n", c.s[i].title);
	}
	T_INT(lk_catalog_parse(lk_buf_str(&text), text.len, "again", &again),
	    0, "round trip: the written catalog parses");
	T_INT(again.n, c.n, "round trip: as many statuses");
	for (i = 0; i < c.n && i < again.n; i++) {
		char	*a = lk_xstrdup(rules_of(&c, i));

		same += strcmp(a, rules_of(&again, i)) == 0 &&
		    strcmp(c.s[i].name, again.s[i].name) == 0 &&
		    strcmp(c.s[i].title, again.s[i].title) == 0;
		free(a);
	}
	T_INT(same, c.n, "round trip: every status the same");
	lk_buf_free(&text);
	lk_catalog_free(&c);
	lk_catalog_free(&again);
	rules_of(NULL, 0);
}

static void
test_rules_every_word(void)
{
	struct lk_catalog c;

	T_STR(parse("new\tnew\tinitial\tNew\n"
	    "all\tworking\tduplicate-within=7d needs-visit min-attempts=2 "
	    "min-age=1w auto excluded sold never-dormant default-kind=email "
	    "follow-up-in=3d follow-up-kind=phone follow-up\tAll\n", &c),
	    "ok", "every word: parsed in any order");
	T_STR(rules_of(&c, 1), "follow-up follow-up-kind=phone follow-up-in=3d "
	    "default-kind=email never-dormant sold excluded auto min-age=1w "
	    "min-attempts=2 needs-visit duplicate-within=7d",
	    "every word: written in one order");
	lk_catalog_free(&c);
	T_STR(parse("new\tnew\tinitial  \tNew\n", &c), "ok",
	    "spaces: around rules are no rule");
	T_STR(rules_of(&c, 0), "initial", "spaces: one rule");
	lk_catalog_free(&c);
	rules_of(NULL, 0);
}

/* Parse a kinds table: "ok", or what was said. */
static const char *
kinds(const char *text, struct lk_kinds *k)
{
	const char *msg;
	int	 r;

	catch_begin();
	r = lk_kinds_parse(text, strlen(text), "kinds.tsv", k);
	msg = catch_end();
	if (r == 0)
		return *msg == '\0' ? "ok" : msg;
	return msg;
}

static void
test_kinds(void)
{
	const struct lk_share_file *f;
	struct lk_kinds k;
	const struct lk_kind *kd;

	f = lk_share("followup-kinds.tsv");
	T_STR(kinds(f->data, &k), "ok", "kinds: the shipped table parses");
	T_INT(k.n, 6, "kinds: 6");
	kd = lk_kinds_find(&k, "DEMO");
	T_STR(kd != NULL ? kd->name : NULL, "demo", "kinds: found in any case");
	T_INT(kd != NULL && kd->appointment && !kd->is_default, 1,
	    "kinds: demo is an appointment");
	T_STR(kd != NULL ? kd->done_by : NULL, "visit", "kinds: done by visit");
	kd = lk_kinds_default(&k);
	T_STR(kd != NULL ? kd->name : NULL, "phone", "kinds: phone the default");
	T_STR(kd != NULL ? kd->title : NULL, "Phone appointment",
	    "kinds: title");
	T_OK(lk_kinds_find(&k, "fax") == NULL, "kinds: no fax");
	T_OK(lk_kinds_find(&k, "dem") == NULL, "kinds: no prefixes");
	lk_kinds_free(&k);
	T_INT(k.n, 0, "kinds: freed");

	T_STR(kinds("kind\tflags\tdone-by\ttitle\n"
	    "a\tdefault,appointment\tvisit\tA\n", &k), "ok",
	    "kinds: flags split on commas too");
	T_INT(k.k[0].appointment && k.k[0].is_default, 1, "kinds: both flags");
	lk_kinds_free(&k);

	T_STR(kinds("kind\tflags\tdone-by\ttitle\n"
	    "a\tdefault\tcall\tA\n"
	    "b\turgent\tcall\tB\n", &k),
	    "leadkit: kinds.tsv:3: flags: unknown flag: \"urgent\"\n",
	    "kinds: an unknown flag");
	T_STR(kinds("kind\tflags\tdone-by\ttitle\n"
	    "a\tdefault\tcall\tA\n"
	    "A\t\tcall\tB\n", &k),
	    "leadkit: kinds.tsv:3: kind: named twice: \"A\"\n",
	    "kinds: a name twice in any case");
	T_STR(kinds("kind\tflags\tdone-by\ttitle\n"
	    "a b\tdefault\tcall\tA\n", &k),
	    "leadkit: kinds.tsv:2: kind: not a kind name: \"a b\"\n",
	    "kinds: a name with a space");
	T_STR(kinds("kind\tflags\tdone-by\ttitle\n"
	    "a\tdefault\tcall\tA\n"
	    "b\tdefault\tcall\tB\n", &k),
	    "leadkit: kinds.tsv: flags: exactly one kind must be the default, "
	    "2 are\n", "kinds: two defaults");
	T_STR(kinds("kind\tflags\ttitle\n"
	    "a\tdefault\tA\n", &k),
	    "leadkit: kinds.tsv:1: the header lacks a column: \"done-by\"\n",
	    "kinds: no done-by column");
	T_INT(k.n, 0, "kinds: nothing kept of a refused table");
}

/* Parse a cadence: "ok", or what was said. */
static const char *
cadence(const char *text, struct lk_cadence *c)
{
	const char *msg;
	int	 r;

	catch_begin();
	r = lk_cadence_parse(text, strlen(text), "plan.tsv", c);
	msg = catch_end();
	if (r == 0)
		return *msg == '\0' ? "ok" : msg;
	return msg;
}

static void
test_cadence(void)
{
	const struct lk_share_file *f;
	struct lk_cadence c;

	f = lk_share("cadence.tsv");
	T_STR(cadence(f->data, &c), "ok", "cadence: the shipped plan parses");
	T_OK(c.n > 20, "cadence: many steps");
	T_STR(c.s[0].plan, "default", "cadence: plan");
	T_INT(c.s[0].day, 1, "cadence: day 1 first");
	T_STR(c.s[0].kind, "phone", "cadence: kind");
	T_STR(c.s[0].note, "First call within the hour; repeat until a "
	    "conversation", "cadence: note");
	T_INT(c.s[c.n - 1].day, 180, "cadence: day 180 last");
	lk_cadence_free(&c);
	T_INT(c.n, 0, "cadence: freed");

	T_STR(cadence("plan\tday\tkind\tnote\n"
	    "p\t0\tphone\tx\n"
	    "p\tday2\tphone\tx\n"
	    "p\t3661\tphone\tx\n"
	    "p\t\tphone\tx\n", &c),
	    "leadkit: plan.tsv:2: day: not a day (1-3660): \"0\"\n"
	    "leadkit: plan.tsv:3: day: not a day (1-3660): \"day2\"\n"
	    "leadkit: plan.tsv:4: day: not a day (1-3660): \"3661\"\n"
	    "leadkit: plan.tsv:5: day: not a day (1-3660): \"\"\n",
	    "cadence: days out of range, each told");
	T_INT(c.n, 0, "cadence: nothing kept of a refused plan");
	T_STR(cadence("plan\tday\tkind\tnote\n"
	    "my plan\t1\tphone\tx\n", &c),
	    "leadkit: plan.tsv:2: plan: not a plan name: \"my plan\"\n",
	    "cadence: a plan name with a space");
	T_STR(cadence("plan\tday\tkind\tnote\n"
	    "p\t1\t\tx\n", &c),
	    "leadkit: plan.tsv:2: kind: not a kind: \"\"\n",
	    "cadence: no kind");
	T_STR(cadence("plan\tday\tkind\tnote\n"
	    "p\t3660\tphone\n", &c), "ok", "cadence: day 3660, no note");
	T_STR(c.s[0].note, "", "cadence: a missing note is empty");
	lk_cadence_free(&c);
}

int
main(void)
{
	test_parse_good();
	test_parse_ids();
	test_parse_bad();
	test_parse_bad_ids();
	test_parse_bad_header();
	test_find();
	test_rules_round_trip();
	test_rules_every_word();
	test_kinds();
	test_cadence();
	lk_buf_free(&said);
	return t_done();
}

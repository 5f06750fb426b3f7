/*
 * fuzz_routing: libFuzzer over the routing rules file as lead-assign
 * --load-rules reads it, the input the whole file.  When it parses:
 * what routing.h promises of the result holds (every rule's rotation
 * and else= defined, the default last and once, weights and windows in
 * range), lk_routing_match picks a rule of the file for each of a few
 * fixed leads (and one whenever there is a default), and
 * lk_routing_check runs with staff NULL (only the file judged, as
 * lead-assign --load-rules does) and again against a small made-up
 * roster, telling as many problems as it returns, in line order.  A
 * file refused is 65 with nothing left behind.
 *
 * The parser's one-line messages go to stderr; tests/fuzz/run closes
 * it (-close_fd_mask=2), so this harness keeps its own copy of stderr
 * for saying what broke.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "msg.h"
#include "routing.h"
#include "xmem.h"

/* stderr as it was before libFuzzer closed it. */
static FILE *err;

/* Fail with what broke, so a crash report says more than abort(). */
static void
fail(const char *what)
{
	fprintf(err != NULL ? err : stderr, "fuzz_routing: %s\n", what);
	fflush(err != NULL ? err : stderr);
	abort();
}

/* The leads every file is matched against. */
static const struct lk_route_lead leads[] = {
	{ "new", "GM Dealer Web", "internet", "Chevrolet", "A1234" },
	{ "used", "AutoTrader", "phone", "Cadillac", "C5678" },
	{ "NEW", "Cadillac Web", "walk-in", "CADILLAC", "c1" },
	{ "used", "Dealer Website", "referral", "Ford", "U-9" },
	{ "cpo", "cars.com", "fax", "Chevrolet", "*" },
	{ "", "", "", "", "" },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* A roster for the second check: login, role, serves. */
static const struct {
	const char *login, *role;
	int	 serves;
} roster[] = {
	{ "ann", "iss", 1 }, { "bob", "iss", 1 }, { "cat", "iss", 0 },
	{ "dan", "bdc", 1 }, { "meg", "manager", 1 }, { "ray", "manager", 0 },
	{ "fay", "floor", 1 }, { "root", "admin", 1 },
};

static int
staff(const char *login, const char **role, int *serves, void *arg)
{
	size_t	 i;

	(void)arg;
	if (login == NULL)
		fail("check: staff asked of no login");
	for (i = 0; i < sizeof(roster) / sizeof(roster[0]); i++)
		if (strcmp(login, roster[i].login) == 0) {
			*role = roster[i].role;
			*serves = roster[i].serves;
			return 1;
		}
	return 0;
}

struct told {
	size_t	 n;
	long	 line;
};

static void
report(long line, const char *what, const char *name, const char *problem,
    void *arg)
{
	struct told *t = arg;

	if (line < t->line)
		fail("check: problems not in line order");
	if (what == NULL || (strcmp(what, "rule") != 0 &&
	    strcmp(what, "rotation") != 0))
		fail("check: a problem with neither rule nor rotation");
	if (name == NULL || problem == NULL || *problem == '\0')
		fail("check: a problem without a name or text");
	t->line = line;
	t->n++;
}

static void
check(const struct lk_routing *r)
{
	struct told t;
	size_t	 n;

	memset(&t, 0, sizeof(t));
	n = lk_routing_check(r, NULL, report, &t);
	if (n != t.n)
		fail("check (no roster): returns a count other than it told");
	memset(&t, 0, sizeof(t));
	n = lk_routing_check(r, staff, report, &t);
	if (n != t.n)
		fail("check (roster): returns a count other than it told");
}

/* What lk_routing_parse promises of a file it took. */
static void
sound(const struct lk_routing *r)
{
	const struct lk_rotation *ro;
	const struct lk_rule *ru;
	size_t	 i, j;

	if (r->window < 0 || (r->notify != NULL && *r->notify == '\0'))
		fail("parse: a bad window or notify setting");
	if ((r->rule2 | r->rule3 | r->rule4) & ~1)
		fail("parse: a rule-N setting neither on nor off");
	for (i = 0; i < r->nrot; i++) {
		ro = &r->rot[i];
		if (ro->name == NULL || *ro->name == '\0' || ro->line < 1)
			fail("parse: a rotation without a name or line");
		for (j = 0; j < ro->n; j++)
			if (ro->members[j].login == NULL ||
			    ro->members[j].weight < 1 ||
			    ro->members[j].weight > 1000)
				fail("parse: a member without a login or with "
				    "a bad weight");
		if (lk_routing_rotation(r, ro->name) != ro)
			fail("parse: rotation names not one each");
	}
	for (i = 0; i < r->nrules; i++) {
		ru = &r->rules[i];
		if (ru->name == NULL || ru->rotation == NULL || ru->line < 1)
			fail("parse: a rule without a name, rotation or line");
		if (lk_routing_rotation(r, ru->rotation) == NULL)
			fail("parse: a rule's rotation is not defined");
		if (ru->otherwise != NULL &&
		    lk_routing_rotation(r, ru->otherwise) == NULL)
			fail("parse: a rule's else= is not defined");
		if (ru->window < 0)
			fail("parse: a rule's window is negative");
		if (strcmp(lk_strategy_name(ru->strategy), "?") == 0)
			fail("parse: a rule with no strategy");
		if (ru->is_default && i != r->nrules - 1)
			fail("parse: the default is not last");
		if (!ru->is_default && strcmp(ru->name, "default") == 0)
			fail("parse: a rule named default");
		for (j = 0; j < i; j++)
			if (strcmp(r->rules[j].name, ru->name) == 0)
				fail("parse: two rules of one name");
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int	 fd;

	(void)argc;
	(void)argv;
	lk_msg_init("fuzz_routing");
	if ((fd = dup(2)) != -1 && (err = fdopen(fd, "w")) == NULL)
		close(fd);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lk_routing r;
	const struct lk_rule *ru;
	size_t	 i;
	int	 rc, dflt;

	rc = lk_routing_parse((const char *)data, size, "rules.txt", &r);
	if (rc != 0) {
		if (rc != EX_DATAERR)
			fail("parse: neither 0 nor 65");
		if (r.rot != NULL || r.rules != NULL || r.notify != NULL ||
		    r.nrot != 0 || r.nrules != 0)
			fail("parse: a refused file leaves something behind");
		return 0;
	}
	sound(&r);
	dflt = r.nrules > 0 && r.rules[r.nrules - 1].is_default;
	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		ru = lk_routing_match(&r, &leads[i]);
		if (ru == NULL && dflt)
			fail("match: no rule, yet a default");
		if (ru != NULL && (ru < r.rules || ru >= r.rules + r.nrules))
			fail("match: a rule not of the file");
	}
	check(&r);
	lk_routing_free(&r);
	return 0;
}

/*
 * test_routing: the distribution rules file as lk_routing_parse reads
 * it (every line form, quoting, comments, each refusal with its line),
 * the rule lk_routing_match picks for a lead, and what
 * lk_routing_check reports against a made-up roster.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "routing.h"
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

/*
 * Parse text as "rules.txt": "ok" with r filled, or what was said on
 * stderr (r then empty).
 */
static const char *
parse(const char *text, struct lk_routing *r)
{
	const char *msg;
	int	 rc;

	catch_begin();
	rc = lk_routing_parse(text, strlen(text), "rules.txt", r);
	msg = catch_end();
	if (rc == 0)
		return *msg == '\0' ? "ok" : msg;
	if (rc != 65)
		return "neither 0 nor 65";
	if (r->nrules != 0 || r->rules != NULL || r->nrot != 0 ||
	    r->rot != NULL || r->notify != NULL)
		return "a refused file left half-read";
	return msg;
}

/* A parse that must fail: the message, r freed either way. */
static const char *
bad(const char *text)
{
	struct lk_routing r;
	const char *msg;

	msg = parse(text, &r);
	lk_routing_free(&r);
	return msg;
}

/* Buffers the helpers return, freed at the end. */
static struct lk_buf pats_b, check_b;

/* A condition list as "a|b|c", "(none)" for NULL. */
static const char *
pats(char **v)
{
	if (v == NULL)
		return "(none)";
	lk_buf_clear(&pats_b);
	for (; *v != NULL; v++) {
		if (pats_b.len > 0)
			lk_buf_addc(&pats_b, '|');
		lk_buf_adds(&pats_b, *v);
	}
	return lk_buf_str(&pats_b);
}

/* The example in include/routing.h. */
static const char EXAMPLE[] =
    "# comment\n"
    "set window 15m\n"
    "set notify /usr/local/bin/lead-text \"$STAFF_PHONE\"\n"
    "set rule-2 off\n"
    "rotation internet manager=meg ann bob*2 cat\n"
    "rule oem type=new source=GM*,\"Chevrolet Web\" -> internet "
    "round-robin\n"
    "rule used type=used window=30m -> used pool\n"
    "rule phone origin=phone -> bdc manager else=internet\n"
    "default -> internet round-robin\n"
    "rotation used dan eve\n"
    "rotation bdc manager=meg fay\n";

static void
test_example(void)
{
	struct lk_routing r;
	const struct lk_rotation *ro;
	const struct lk_rule *ru;

	T_STR(parse(EXAMPLE, &r), "ok", "example: parsed");
	T_INT(r.window, 900, "example: set window 15m");
	T_STR(r.notify, "/usr/local/bin/lead-text \"$STAFF_PHONE\"",
	    "example: notify verbatim, quotes kept");
	T_INT(r.rule2, 0, "example: rule-2 off");
	T_INT(r.rule3, 1, "example: rule-3 on by default");
	T_INT(r.rule4, 1, "example: rule-4 on by default");
	T_INT(r.nrot, 3, "example: 3 rotations");
	T_INT(r.nrules, 4, "example: 4 rules");
	if (r.nrot != 3 || r.nrules != 4)
		return;
	ro = &r.rot[0];
	T_STR(ro->name, "internet", "rotation: name");
	T_STR(ro->manager, "meg", "rotation: manager");
	T_INT(ro->n, 3, "rotation: 3 members");
	T_INT(ro->line, 5, "rotation: line");
	T_STR(ro->members[0].login, "ann", "rotation: first member");
	T_INT(ro->members[0].weight, 1, "rotation: weight 1 unless given");
	T_STR(ro->members[1].login, "bob", "rotation: weighted member");
	T_INT(ro->members[1].weight, 2, "rotation: bob*2");
	T_STR(ro->members[2].login, "cat", "rotation: last member");
	T_STR(r.rot[1].manager, NULL, "rotation: no manager is NULL");
	T_INT(r.rot[1].line, 10, "rotation: defined after its use");

	ru = &r.rules[0];
	T_STR(ru->name, "oem", "rule: name");
	T_INT(ru->line, 6, "rule: line");
	T_STR(pats(ru->type), "new", "rule: type");
	T_STR(pats(ru->source), "GM*|Chevrolet Web",
	    "rule: a list, quoted and not");
	T_STR(pats(ru->origin), "(none)", "rule: no origin is NULL");
	T_STR(pats(ru->make), "(none)", "rule: no make is NULL");
	T_STR(pats(ru->stock), "(none)", "rule: no stock is NULL");
	T_STR(ru->rotation, "internet", "rule: rotation");
	T_INT(ru->strategy, LK_ROUND_ROBIN, "rule: round-robin");
	T_INT(ru->window, 900, "rule: the set window");
	T_STR(ru->otherwise, NULL, "rule: no else is NULL");
	T_INT(ru->is_default, 0, "rule: not the default");
	ru = &r.rules[1];
	T_INT(ru->strategy, LK_POOL, "rule: pool");
	T_INT(ru->window, 1800, "rule: window=30m");
	ru = &r.rules[2];
	T_STR(pats(ru->origin), "phone", "rule: origin");
	T_INT(ru->strategy, LK_MANAGER, "rule: manager");
	T_STR(ru->otherwise, "internet", "rule: else=");
	ru = &r.rules[3];
	T_STR(ru->name, "default", "default: named default");
	T_INT(ru->is_default, 1, "default: is_default");
	T_INT(ru->line, 9, "default: line");
	T_STR(pats(ru->type), "(none)", "default: no conditions");
	T_INT(ru->window, 900, "default: the set window");

	T_STR(lk_routing_rotation(&r, "bdc")->name, "bdc",
	    "rotation: found by name");
	T_STR(lk_routing_rotation(&r, "BDC")->name, "bdc",
	    "rotation: one name whatever its case");
	T_OK(lk_routing_rotation(&r, "nope") == NULL,
	    "rotation: unknown is NULL");
	lk_routing_free(&r);
	T_INT(r.nrules + r.nrot, 0, "free: empties it");
	lk_routing_free(&r);
	T_INT(r.nrules, 0, "free: twice is harmless");
}

static void
test_forms(void)
{
	struct lk_routing r;

	T_STR(parse("", &r), "ok", "empty file: ok");
	T_INT(r.window, 900, "empty file: window 900");
	T_INT(r.rule2 && r.rule3 && r.rule4, 1, "empty file: rules on");
	T_STR(r.notify, NULL, "empty file: no notify");
	T_INT(r.nrules, 0, "empty file: no rules");
	lk_routing_free(&r);

	T_STR(parse("default -> a pool   # the rest\n"
	    "\t rule first make=chevy,CADILLAC\t-> a manager # trailing\n"
	    "   # indented comment\n"
	    "\n"
	    "rotation a manager=m x\r\n"
	    "rule late stock=\"A 1#2\",B#3 -> \"a\" round-robin "
	    "window=none\n"
	    "rule zero -> a pool window=0\n"
	    "set window 1h 30m\n"
	    "rule days -> a pool window=2d\n"
	    "rule mix -> a pool window=1d1h\n", &r), "ok",
	    "forms: parsed");
	T_INT(r.nrules, 6, "forms: 6 rules");
	if (r.nrules != 6)
		return;
	T_STR(r.rules[0].name, "first", "forms: a rule after the default "
	    "comes first");
	T_STR(pats(r.rules[0].make), "chevy|CADILLAC",
	    "forms: blanks and tabs split, trailing comment dropped");
	T_INT(r.rules[0].strategy, LK_MANAGER, "forms: manager");
	T_INT(r.rules[0].window, 5400, "forms: a set window later in the "
	    "file is every rule's default");
	T_STR(pats(r.rules[1].stock), "A 1#2|B#3",
	    "forms: # in quotes and inside a word is no comment");
	T_STR(r.rules[1].rotation, "a", "forms: a quoted rotation");
	T_INT(r.rules[1].window, 0, "forms: window=none");
	T_INT(r.rules[2].window, 0, "forms: window=0");
	T_INT(r.rules[3].window, 172800, "forms: window=2d");
	T_INT(r.rules[4].window, 90000, "forms: window=1d1h");
	T_STR(r.rules[5].name, "default", "forms: the default last");
	T_INT(r.rules[5].line, 1, "forms: the default keeps its line");
	T_INT(r.rules[5].strategy, LK_POOL, "forms: default pool");
	T_INT(r.window, 5400, "forms: set window 1h 30m");
	T_STR(r.rot[0].members[0].login, "x", "forms: CR dropped");
	lk_routing_free(&r);

	T_STR(parse("set window none\n"
	    "set rule-2 no\n"
	    "set rule-3 OFF\n"
	    "set rule-4 yes\n"
	    "set notify   echo \"a  b\" 'c' # not a comment  \n"
	    "rotation empty\n"
	    "rotation odd manager=x.y_z-1 a$ b-c B_d e.f*1000\n"
	    "rule r.1_A-b type=* source=\"Dealer Website\" "
	    "origin=\"walk-in\" make=Chevrolet stock=\"A,B\",C "
	    "-> odd round-robin else=empty window=10s\n", &r), "ok",
	    "more: parsed");
	T_INT(r.window, 0, "more: set window none");
	T_INT(r.rule2, 0, "more: rule-2 no");
	T_INT(r.rule3, 0, "more: rule-3 OFF");
	T_INT(r.rule4, 1, "more: rule-4 yes");
	T_STR(r.notify, "echo \"a  b\" 'c' # not a comment",
	    "more: notify as written, trimmed");
	T_INT(r.nrot, 2, "more: 2 rotations");
	T_INT(r.rot[0].n, 0, "more: a rotation with no members");
	T_STR(r.rot[1].manager, "x.y_z-1", "more: a login's characters");
	T_INT(r.rot[1].n, 4, "more: 4 members");
	T_STR(r.rot[1].members[0].login, "a$", "more: a login ending $");
	T_INT(r.rot[1].members[3].weight, 1000, "more: weight 1000");
	T_STR(r.rules[0].name, "r.1_A-b", "more: a name's characters");
	T_STR(pats(r.rules[0].source), "Dealer Website",
	    "more: a quoted blank");
	T_STR(pats(r.rules[0].stock), "A,B|C",
	    "more: a comma in quotes");
	T_INT(r.rules[0].window, 10, "more: window=10s");
	T_STR(r.rules[0].otherwise, "empty", "more: else=");
	T_INT(r.rules[0].window == 10 && r.nrules == 1, 1,
	    "more: no default needed");
	lk_routing_free(&r);

	T_STR(parse("rotation a x\nrule last -> a pool", &r), "ok",
	    "no final newline: ok");
	T_INT(r.nrules, 1, "no final newline: the rule read");
	lk_routing_free(&r);

	T_STR(lk_strategy_name(LK_ROUND_ROBIN), "round-robin",
	    "strategy: round-robin");
	T_STR(lk_strategy_name(LK_POOL), "pool", "strategy: pool");
	T_STR(lk_strategy_name(LK_MANAGER), "manager", "strategy: manager");
}

#define E(n, text) "lead-assign: rules.txt:" #n ": " text "\n"

static void
test_bad(void)
{
	static const char nul[] = "rotation a x\nrule r\0 -> a pool\n";
	struct lk_routing r;
	const char *msg;

	T_STR(bad("rotation internet ann\nrule used -> usde pool\n"),
	    E(2, "rule used: no rotation: \"usde\""),
	    "bad: an unknown rotation");
	T_STR(bad("rule used -> a pool else=b\nrotation a x\n"),
	    E(1, "rule used: else: no rotation: \"b\""),
	    "bad: an unknown else= rotation");
	T_STR(bad("rotation a x\ndefault -> b pool\nrule r -> c pool\n"),
	    E(2, "default: no rotation: \"b\""),
	    "bad: the first unknown rotation by line, the default's");
	T_STR(bad("rotation a x\nrule r -> a pool\nrotatoin b\n"),
	    E(3, "not set, rotation, rule or default: \"rotatoin\""),
	    "bad: an unknown word");
	T_STR(bad("rule r source=\"Dealer -> a pool\n"),
	    E(1, "a quote is not closed"), "bad: an open quote");
	catch_begin();
	T_INT(lk_routing_parse(nul, sizeof(nul) - 1, "rules.txt", &r), 65,
	    "bad: a NUL refused");
	msg = catch_end();
	T_STR(msg, E(2, "a NUL byte"), "bad: a NUL byte told");

	T_STR(bad("set\n"), E(1, "set: needs a setting and a value"),
	    "set: nothing");
	T_STR(bad("set colour red\n"),
	    E(1, "set: unknown setting (window, notify, rule-2, rule-3, "
	    "rule-4): \"colour\""), "set: unknown key");
	T_STR(bad("set window\n"), E(1, "set window: needs a value"),
	    "set: window without a value");
	T_STR(bad("set window soon\n"),
	    E(1, "set window: not a window (0, none, or a span such as "
	    "15m): \"soon\""), "set: window not a span");
	T_STR(bad("set window 15\n"),
	    E(1, "set window: not a window (0, none, or a span such as "
	    "15m): \"15\""), "set: window without a unit");
	T_STR(bad("set window 1mo\n"),
	    E(1, "set window: months differ in length; give days: "
	    "\"1mo\""), "set: window in months");
	T_STR(bad("set window 1m\nset window 2m\n"),
	    E(2, "set window: set twice (line 1)"), "set: twice");
	T_STR(bad("set notify   \n"), E(1, "set notify: needs a command"),
	    "set: notify without a command");
	T_STR(bad("set notify a\nset notify b\n"),
	    E(2, "set notify: set twice (line 1)"), "set: notify twice");
	T_STR(bad("set rule-3 maybe\n"),
	    E(1, "set rule-3: not on or off: \"maybe\""),
	    "set: rule-3 neither on nor off");
	T_STR(bad("set rule-4\n"), E(1, "set rule-4: needs a value"),
	    "set: rule-4 without a value");
	T_STR(bad("set rule-5 on\n"),
	    E(1, "set: unknown setting (window, notify, rule-2, rule-3, "
	    "rule-4): \"rule-5\""), "set: rule-5");

	T_STR(bad("rotation\n"), E(1, "rotation: needs a name"),
	    "rotation: no name");
	T_STR(bad("rotation a/b x\n"),
	    E(1, "rotation: not a name (letters, digits, - _ .): \"a/b\""),
	    "rotation: a bad name");
	T_STR(bad("rotation \"a b\" x\n"),
	    E(1, "rotation: not a name (letters, digits, - _ .): \"a b\""),
	    "rotation: a quoted blank in a name");
	T_STR(bad("rotation a x\n\nrotation a y\n"),
	    E(3, "rotation a: named twice (line 1)"), "rotation: twice");
	T_STR(bad("rotation a x x\n"),
	    E(1, "rotation a: a member listed twice: \"x\""),
	    "rotation: a member twice");
	T_STR(bad("rotation a x y*2 x*3\n"),
	    E(1, "rotation a: a member listed twice: \"x*3\""),
	    "rotation: a member twice, weighted");
	T_STR(bad("rotation a x*0\n"),
	    E(1, "rotation a: not a weight (1-1000): \"x*0\""),
	    "rotation: weight 0");
	T_STR(bad("rotation a x*1001\n"),
	    E(1, "rotation a: not a weight (1-1000): \"x*1001\""),
	    "rotation: weight 1001");
	T_STR(bad("rotation a x*\n"),
	    E(1, "rotation a: not a weight (1-1000): \"x*\""),
	    "rotation: no weight after *");
	T_STR(bad("rotation a x*-1\n"),
	    E(1, "rotation a: not a weight (1-1000): \"x*-1\""),
	    "rotation: a negative weight");
	T_STR(bad("rotation a x*2x\n"),
	    E(1, "rotation a: not a weight (1-1000): \"x*2x\""),
	    "rotation: a weight with a letter");
	T_STR(bad("rotation a x@y\n"),
	    E(1, "rotation a: not a login: \"x@y\""), "rotation: a bad login");
	T_STR(bad("rotation a -x\n"),
	    E(1, "rotation a: not a login: \"-x\""),
	    "rotation: a login starting -");
	T_STR(bad("rotation a *2\n"),
	    E(1, "rotation a: not a login: \"*2\""),
	    "rotation: a weight without a login");
	T_STR(bad("rotation a manager=m manager=n x\n"),
	    E(1, "rotation a: a second manager: \"manager=n\""),
	    "rotation: two managers");
	T_STR(bad("rotation a manager= x\n"),
	    E(1, "rotation a: manager: not a login: \"\""),
	    "rotation: an empty manager");

	T_STR(bad("rule\n"), E(1, "rule: needs a name"), "rule: no name");
	T_STR(bad("rule -> a pool\n"), E(1, "rule: needs a name"),
	    "rule: no name before ->");
	T_STR(bad("rule a:b -> a pool\n"),
	    E(1, "rule: not a name (letters, digits, - _ .): \"a:b\""),
	    "rule: a bad name");
	T_STR(bad("rule default -> a pool\n"),
	    E(1, "rule: the default rule is written \"default -> ROTATION "
	    "STRATEGY\": \"default\""), "rule: named default");
	T_STR(bad("rotation a x\nrule r -> a pool\nrule r -> a pool\n"),
	    E(3, "rule r: named twice (line 2)"), "rule: twice");
	T_STR(bad("rule r type=new a pool\n"),
	    E(1, "rule r: not a condition (type=, source=, origin=, make=, "
	    "stock=): \"a\""), "rule: no ->, a word taken for a condition");
	T_STR(bad("rule r type=new\n"),
	    E(1, "rule r: no \"->\" before the rotation"), "rule: no ->");
	T_STR(bad("rule r colour=red -> a pool\n"),
	    E(1, "rule r: not a condition (type=, source=, origin=, make=, "
	    "stock=): \"colour=red\""), "rule: an unknown condition");
	T_STR(bad("rule r \"type=new\" -> a pool\n"),
	    E(1, "rule r: not a condition (type=, source=, origin=, make=, "
	    "stock=): \"\\\"type=new\\\"\""), "rule: a quoted key");
	T_STR(bad("rule r type=new type=used -> a pool\n"),
	    E(1, "rule r: a condition given twice: \"type=used\""),
	    "rule: a condition twice");
	T_STR(bad("rule r type= -> a pool\n"),
	    E(1, "rule r: an empty pattern: \"type=\""),
	    "rule: an empty condition");
	T_STR(bad("rule r make=a,,b -> a pool\n"),
	    E(1, "rule r: an empty pattern: \"make=a,,b\""),
	    "rule: an empty item in a list");
	T_STR(bad("rule r make=a,\"\" -> a pool\n"),
	    E(1, "rule r: an empty pattern: \"make=a,\\\"\\\"\""),
	    "rule: an empty quoted item");
	T_STR(bad("rule r ->\n"),
	    E(1, "rule r: needs a rotation and a strategy after \"->\""),
	    "rule: nothing after ->");
	T_STR(bad("rule r -> a\n"),
	    E(1, "rule r: needs a rotation and a strategy after \"->\""),
	    "rule: no strategy");
	T_STR(bad("rule r -> a rr\n"),
	    E(1, "rule r: not a strategy (round-robin, pool, manager): "
	    "\"rr\""), "rule: rr is no strategy");
	T_STR(bad("rule r -> a Pool\n"),
	    E(1, "rule r: not a strategy (round-robin, pool, manager): "
	    "\"Pool\""), "rule: strategies are exact words");
	T_STR(bad("rule r -> a pool soon\n"),
	    E(1, "rule r: not an option (window=, else=): \"soon\""),
	    "rule: an unknown option");
	T_STR(bad("rule r -> a pool window=1m window=2m\n"),
	    E(1, "rule r: window given twice: \"window=2m\""),
	    "rule: window twice");
	T_STR(bad("rule r -> a pool else=a else=a\n"),
	    E(1, "rule r: else given twice: \"else=a\""), "rule: else twice");
	T_STR(bad("rule r -> a pool window=soon\n"),
	    E(1, "rule r: not a window (0, none, or a span such as 15m): "
	    "\"soon\""), "rule: a bad window");
	T_STR(bad("rule r -> a pool window=\n"),
	    E(1, "rule r: not a window (0, none, or a span such as 15m): "
	    "\"\""), "rule: an empty window");
	T_STR(bad("rule r -> a pool window=6months\n"),
	    E(1, "rule r: months differ in length; give days: "
	    "\"6months\""), "rule: a window in months");
	T_STR(bad("rule r -> a pool window=1y\n"),
	    E(1, "rule r: months differ in length; give days: \"1y\""),
	    "rule: a window in years");

	T_STR(bad("default\n"),
	    E(1, "default: needs \"-> ROTATION STRATEGY\""),
	    "default: nothing");
	T_STR(bad("default type=new -> a pool\n"),
	    E(1, "default: takes no conditions, only \"-> ROTATION "
	    "STRATEGY\": \"type=new\""), "default: a condition");
	T_STR(bad("default -> a\n"),
	    E(1, "default: needs a rotation and a strategy after \"->\""),
	    "default: no strategy");
	T_STR(bad("default -> a pool window=x\n"),
	    E(1, "default: not a window (0, none, or a span such as 15m): "
	    "\"x\""), "default: a bad window");
	T_STR(bad("rotation a x\ndefault -> a pool\n#\ndefault -> a pool\n"),
	    E(4, "default: a second default (the first on line 2)"),
	    "default: twice");
	T_STR(bad("rule r -> a pool\nrotation a x\nset window x\n"),
	    E(3, "set window: not a window (0, none, or a span such as "
	    "15m): \"x\""), "bad: a bad line before the rotations resolve");

	catch_begin();
	T_INT(lk_routing_parse("rule r\n", 7, "-", &r), 65,
	    "bad: from stdin, refused");
	T_STR(catch_end(), "lead-assign: stdin:1: rule r: no \"->\" before "
	    "the rotation\n", "bad: \"-\" is told as stdin");

	lk_msg_init("lead-add");
	T_STR(bad("nope\n"),
	    "lead-add: rules.txt:1: not set, rotation, rule or default: "
	    "\"nope\"\n", "bad: the program's own name");
	lk_msg_init("lead-assign");
}

/* The rule r picks for a lead, "(null)" when none. */
static const char *
pick(const struct lk_routing *r, const char *type, const char *source,
    const char *origin, const char *make, const char *stock)
{
	struct lk_route_lead l;
	const struct lk_rule *ru;

	l.type = type;
	l.source = source;
	l.origin = origin;
	l.make = make;
	l.stock = stock;
	ru = lk_routing_match(r, &l);
	return ru == NULL ? "(null)" : ru->name;
}

static void
test_match(void)
{
	struct lk_routing r;

	T_STR(parse("default -> a pool\n"
	    "rotation a x\n"
	    "rule oem type=new source=GM*,\"Chevrolet Web\" -> a pool\n"
	    "rule anytype type=* make=cadillac -> a pool\n"
	    "rule stock stock=A1??,B[0-9]* -> a pool\n"
	    "rule phone origin=phone,walk-* -> a pool\n"
	    "rule twice type=new -> a pool\n", &r), "ok", "match: parsed");
	T_STR(pick(&r, "new", "GM Dealer", NULL, NULL, NULL), "oem",
	    "match: all conditions hold");
	T_STR(pick(&r, "NEW", "gm", NULL, NULL, NULL), "oem",
	    "match: case does not matter, in a glob too");
	T_STR(pick(&r, "new", "chevrolet web", NULL, NULL, NULL), "oem",
	    "match: a quoted item, any case");
	T_STR(pick(&r, "new", "Chevrolet Website", NULL, NULL, NULL), "twice",
	    "match: a literal is the whole value; the next rule");
	T_STR(pick(&r, "new", NULL, NULL, NULL, NULL), "twice",
	    "match: a lead with no source fails source=");
	T_STR(pick(&r, "new", "", NULL, NULL, NULL), "twice",
	    "match: an empty source fails source=");
	T_STR(pick(&r, "used", "GM", NULL, NULL, NULL), "default",
	    "match: one condition failing, the default");
	T_STR(pick(&r, "used", NULL, NULL, "Cadillac", NULL), "anytype",
	    "match: type=* takes any type");
	T_STR(pick(&r, NULL, NULL, NULL, "Cadillac", NULL), "default",
	    "match: type=* needs a type");
	T_STR(pick(&r, "", NULL, NULL, "Cadillac", NULL), "default",
	    "match: type=* needs a non-empty type");
	T_STR(pick(&r, NULL, NULL, NULL, NULL, "a123"), "stock",
	    "match: ? per character, any case");
	T_STR(pick(&r, NULL, NULL, NULL, NULL, "A12"), "default",
	    "match: ? needs a character");
	T_STR(pick(&r, NULL, NULL, NULL, NULL, "b7xyz"), "stock",
	    "match: a bracket range");
	T_STR(pick(&r, NULL, NULL, NULL, NULL, "Bx7"), "default",
	    "match: a bracket range fails");
	T_STR(pick(&r, NULL, NULL, "Walk-In", NULL, NULL), "phone",
	    "match: the second pattern of a list");
	T_STR(pick(&r, NULL, NULL, "internet", NULL, NULL), "default",
	    "match: no pattern of the list");
	T_STR(pick(&r, NULL, NULL, NULL, NULL, NULL), "default",
	    "match: a lead with nothing, the default");
	lk_routing_free(&r);

	T_STR(parse("rotation a x\nrule r type=new -> a pool\n", &r), "ok",
	    "no default: parsed");
	T_STR(pick(&r, "used", NULL, NULL, NULL, NULL), "(null)",
	    "no default: nothing matches, NULL");
	T_STR(pick(&r, "new", NULL, NULL, NULL, NULL), "r",
	    "no default: the rule matches");
	lk_routing_free(&r);
	T_STR(pick(&r, "new", NULL, NULL, NULL, NULL), "(null)",
	    "empty rules: NULL");

	T_STR(parse("rotation a x\nrule all -> a pool\n"
	    "rule r type=new -> a pool\ndefault -> a pool\n", &r), "ok",
	    "unconditioned: parsed");
	T_STR(pick(&r, NULL, NULL, NULL, NULL, NULL), "all",
	    "unconditioned: a rule without conditions takes every lead");
	lk_routing_free(&r);
}

/* A made-up roster: login, role, serves. */
static const struct {
	const char *login, *role;
	int	 serves;
} roster[] = {
	{ "ann", "iss", 1 }, { "bob", "admin", 1 }, { "cat", "iss", 0 },
	{ "meg", "manager", 1 }, { "ivy", "iss", 1 }, { "flo", "floor", 0 },
	{ "liz", "bdc", 1 }
};

static int
staff(const char *login, const char **role, int *serves, void *arg)
{
	size_t	 i;

	(void)arg;
	for (i = 0; i < sizeof(roster) / sizeof(roster[0]); i++)
		if (strcmp(roster[i].login, login) == 0) {
			*role = roster[i].role;
			*serves = roster[i].serves;
			return 1;
		}
	return 0;
}

static void
report(long line, const char *what, const char *name, const char *problem,
    void *arg)
{
	lk_buf_addf(arg, "%ld %s %s: %s\n", line, what, name, problem);
}

/* What lk_routing_check reports on text, one problem a line. */
static const char *
check(const char *text, int with_staff)
{
	struct lk_routing r;
	const char *msg;
	size_t	 n;

	lk_buf_clear(&check_b);
	if (strcmp((msg = parse(text, &r)), "ok") != 0)
		return msg;
	n = lk_routing_check(&r, with_staff ? staff : NULL, report,
	    &check_b);
	lk_buf_addf(&check_b, "%zu\n", n);
	lk_routing_free(&r);
	return lk_buf_str(&check_b);
}

static void
test_check(void)
{
	T_STR(check("rotation a ann\n"
	    "rule r type=new -> a pool\n"
	    "default -> a round-robin\n", 1), "0\n",
	    "check: nothing wrong");
	T_STR(check("", 1), "0 rule default: missing: a lead no rule "
	    "matches waits unassigned\n1\n", "check: an empty file");
	T_STR(check("rotation a ann\nrule all -> a pool\n", 1), "0\n",
	    "check: a rule without conditions needs no default");

	T_STR(check("rotation a ann\n"
	    "rule oem type=new source=GM*,\"Chevrolet Web\" -> a pool\n"
	    "rule gm type=New source=gm* -> a pool\n"
	    "rule lit type=new source=\"GM Web\",Chevrolet\\Web -> a pool\n"
	    "rule lit2 type=new source=\"GM Web\",\"Chevrolet Web\" "
	    "make=x -> a pool\n"
	    "rule wider type=new,used source=GM* -> a pool\n"
	    "rule glob type=new source=GM?* -> a pool\n"
	    "rule nosrc type=new -> a pool\n"
	    "default -> a pool\n", 1),
	    "3 rule gm: never matches: rule oem (line 2) catches every lead "
	    "it would\n"
	    "5 rule lit2: never matches: rule oem (line 2) catches every "
	    "lead it would\n"
	    "2\n", "check: shadowed by the same patterns any case, or "
	    "literals an earlier glob matches; not a glob, a wider list, "
	    "an escape, a missing condition");

	T_STR(check("rotation a ann\n"
	    "rule star type=* -> a pool\n"
	    "rule t type=new,used make=x -> a pool\n"
	    "rule notype make=x -> a pool\n"
	    "default -> a pool\n", 1),
	    "3 rule t: never matches: rule star (line 2) catches every lead "
	    "it would\n1\n",
	    "check: type=* catches any type, not a lead without one");

	T_STR(check("rotation a ann\n"
	    "rule r origin=fax -> a pool\n"
	    "rule s origin=fax,phone -> a pool\n"
	    "rule t origin=web*,email -> a pool\n"
	    "rule u origin=Walk-in,I* -> a pool\n"
	    "rule v origin=fax -> a pool\n"
	    "default -> a pool\n", 1),
	    "2 rule r: never matches: origin fax: none of internet, phone, "
	    "walk-in, referral\n"
	    "3 rule s: origin fax: none of internet, phone, walk-in, "
	    "referral\n"
	    "4 rule t: never matches: origin web*,email: none of internet, "
	    "phone, walk-in, referral\n"
	    "6 rule v: never matches: origin fax: none of internet, phone, "
	    "walk-in, referral\n"
	    "4\n",
	    "check: origins no lead has; a dead rule shadows nothing");

	T_STR(check("rotation a ann\n"
	    "rule first type=new -> a pool\n"
	    "rule all -> a pool\n"
	    "rule after make=x -> a pool\n"
	    "default -> a pool\n", 1),
	    "4 rule after: never matches: rule all (line 3) catches every "
	    "lead it would\n"
	    "5 rule default: never matches: rule all (line 3) catches every "
	    "lead first\n"
	    "2\n", "check: a rule without conditions hides the rest");
	T_STR(check("rotation a ann\n"
	    "default -> a pool\n"
	    "rule all -> a pool\n", 1),
	    "2 rule default: never matches: rule all (line 3) catches every "
	    "lead first\n"
	    "1\n", "check: the default written first, hidden all the same");

	T_STR(check("rotation a ann\n"
	    "rotation empty\n"
	    "rotation nobody bob cat dan\n"
	    "rotation some ann dan eve\n"
	    "rotation mgr manager=zed ann\n"
	    "rotation mgr2 manager=ivy ann\n"
	    "rotation unused ann\n"
	    "rule r1 type=e -> empty pool\n"
	    "rule r2 type=a -> nobody pool\n"
	    "rule r3 type=b -> some pool\n"
	    "rule r4 type=c -> mgr manager\n"
	    "rule r5 type=d -> mgr2 manager\n"
	    "default -> a pool\n", 1),
	    "2 rotation empty: no members\n"
	    "3 rotation nobody: nobody can serve it: bob admin, cat never "
	    "on shift, dan not on the roster\n"
	    "4 rotation some: not on the roster: dan, eve\n"
	    "5 rotation mgr: manager zed is not on the roster\n"
	    "6 rotation mgr2: manager ivy is iss: only a manager hands leads "
	    "out (rule 4)\n"
	    "7 rotation unused: used by no rule\n"
	    "6\n", "check: rotations nobody or not everybody can serve");

	T_STR(check("rotation a ann\n"
	    "rotation b flo\n"
	    "rotation m manager=meg ann\n"
	    "rule r type=x -> a manager else=b\n"
	    "rule s type=y -> m manager else=a\n"
	    "rule t type=z -> b round-robin\n"
	    "default -> a pool\n", 1),
	    "2 rotation b: nobody can serve it: flo never on shift\n"
	    "4 rule r: manager strategy, but rotation a has no manager\n"
	    "4 rule r: else=b: nobody can serve it\n"
	    "3\n", "check: a manager strategy without a manager, an else= "
	    "nobody can serve");

	T_STR(check("rotation a ann\n"
	    "rotation desk manager=meg\n"
	    "rotation bdc manager=meg zed\n"
	    "rotation pool\n"
	    "rule phone origin=phone -> desk manager\n"
	    "rule web origin=internet -> bdc manager\n"
	    "rule used type=used -> pool pool\n"
	    "default -> a round-robin\n", 1),
	    "4 rotation pool: no members\n"
	    "1\n", "check: a rotation only the manager strategy uses needs "
	    "no members; a pool does");
	T_STR(check("rotation a ann\n"
	    "rotation desk manager=liz\n"
	    "rotation floor manager=flo ann\n"
	    "rotation off manager=cat ann\n"
	    "rule phone origin=phone -> desk manager\n"
	    "rule web origin=internet -> off manager\n"
	    "rule walk origin=walk-in -> floor pool\n"
	    "default -> a round-robin\n", 1),
	    "2 rotation desk: manager liz is bdc: only a manager hands leads "
	    "out (rule 4)\n"
	    "4 rotation off: manager cat is iss: only a manager hands leads "
	    "out (rule 4)\n"
	    "2\n", "check: a manager strategy's manager who is no manager, "
	    "with rule 4 on");
	T_STR(check("set rule-4 off\n"
	    "rotation a ann\n"
	    "rotation desk manager=liz\n"
	    "rotation off manager=cat ann\n"
	    "rotation floor manager=flo ann\n"
	    "rule phone origin=phone -> desk manager\n"
	    "rule web origin=internet -> off manager\n"
	    "rule walk origin=walk-in -> floor pool\n"
	    "default -> a round-robin\n", 1),
	    "4 rotation off: manager cat is never on shift: its leads wait\n"
	    "1\n", "check: rule 4 off, any role hands out; a manager never "
	    "on shift matters only to the manager strategy");

	T_STR(check("rotation a ann zed\n"
	    "rotation e\n"
	    "rule r type=x -> a pool else=e\n"
	    "default -> a pool\n", 0),
	    "2 rotation e: no members\n"
	    "3 rule r: else=e: nobody can serve it\n"
	    "2\n", "check: no roster, only what the file itself says");
}

int
main(void)
{
	lk_msg_init("lead-assign");
	test_example();
	test_forms();
	test_bad();
	test_match();
	test_check();
	lk_buf_free(&said);
	lk_buf_free(&pats_b);
	lk_buf_free(&check_b);
	return t_done();
}

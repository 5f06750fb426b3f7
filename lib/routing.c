/*
 * routing: the dealership's distribution rules read from the text file
 * it edits, the rule a lead matches, and what in the rules cannot work.
 * A file with one mistake is refused whole, naming its line; matching
 * allocates nothing, as lead-assign runs it once per lead.
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "msg.h"
#include "routing.h"
#include "xmem.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* One line's words. */
struct words {
	char	**w;		/* as written, quotes kept: lists split
				   on commas outside them */
	char	**u;		/* the same without their quotes */
	size_t	 n, cap;
	size_t	 rest;		/* set notify: where the command starts */
};

/* The settings, for "set twice". */
enum { S_WINDOW, S_NOTIFY, S_RULE2, S_RULE3, S_RULE4, S_N };
static const char *const settings[S_N] = {
	"window", "notify", "rule-2", "rule-3", "rule-4"
};

struct parser {
	const char *file;
	long	 line;
	struct lk_routing *r;
	struct lk_rule def;		/* the default, added last */
	long	 set_at[S_N];		/* line of each set, 0: not set */
};

static const char *const origins[] = {
	"internet", "phone", "walk-in", "referral"
};

/* Report what is wrong on the current line; returns -1. */
static int
bad(struct parser *p, const char *field, const char *value,
    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
bad(struct parser *p, const char *field, const char *value,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*why;

	va_start(ap, fmt);
	if (vasprintf(&why, fmt, ap) < 0)
		why = NULL;
	va_end(ap);
	lk_msg_at(EX_DATAERR, p->file, p->line, field, value, "%s",
	    why != NULL ? why : fmt);
	free(why);
	return -1;
}

static int
isblank_(int c)
{
	return c == ' ' || c == '\t';
}

static int
isalnum_(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* A rotation or rule name: letters, digits, - _ . */
static int
isname(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum_((unsigned char)*s) && *s != '-' && *s != '_' &&
		    *s != '.')
			return 0;
	return 1;
}

/* A Unix user name: the portable characters, no leading "-", an
 * optional final "$" (as useradd allows). */
static int
islogin(const char *s)
{
	if (*s == '\0' || *s == '-' || *s == '$')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum_((unsigned char)*s) && *s != '-' && *s != '_' &&
		    *s != '.' && !(*s == '$' && s[1] == '\0'))
			return 0;
	return 1;
}

/* s without its double quotes, a new string. */
static char *
unquote(const char *s, size_t n)
{
	char	*u, *q;
	size_t	 i;

	u = q = lk_xmalloc(n + 1);
	for (i = 0; i < n; i++)
		if (s[i] != '"')
			*q++ = s[i];
	*q = '\0';
	return u;
}

static void
words_free(struct words *ws)
{
	size_t	 i;

	for (i = 0; i < ws->n; i++) {
		free(ws->w[i]);
		free(ws->u[i]);
	}
	free(ws->w);
	free(ws->u);
	memset(ws, 0, sizeof(*ws));
}

/*
 * Split s at blanks outside double quotes, up to a "#" that starts a
 * word.  After "set notify" the rest is the command as written, so its
 * own quotes and "#" are the shell's.  -1 when a quote is left open.
 */
static int
split(const char *s, struct words *ws)
{
	size_t	 i = 0, start;
	int	 q;

	for (;;) {
		while (isblank_(s[i]))
			i++;
		if (ws->n == 2 && strcmp(ws->w[0], "set") == 0 &&
		    strcmp(ws->w[1], "notify") == 0) {
			ws->rest = i;
			return 0;
		}
		if (s[i] == '\0' || s[i] == '#')
			return 0;
		start = i;
		for (q = 0; s[i] != '\0' && (q || !isblank_(s[i])); i++)
			if (s[i] == '"')
				q = !q;
		if (q)
			return -1;
		if (ws->n == ws->cap) {
			ws->cap = ws->cap == 0 ? 8 : ws->cap * 2;
			ws->w = lk_xreallocarray(ws->w, ws->cap,
			    sizeof(*ws->w));
			ws->u = lk_xreallocarray(ws->u, ws->cap,
			    sizeof(*ws->u));
		}
		ws->u[ws->n] = unquote(s + start, i - start);
		ws->w[ws->n++] = lk_xstrndup(s + start, i - start);
	}
}

static void
list_free(char **v)
{
	char	**p;

	if (v == NULL)
		return;
	for (p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

/* A comma-separated list (commas in quotes kept), unquoted; NULL when
 * an item is empty. */
static char **
list(const char *s)
{
	char	**v = NULL;
	size_t	 n = 0, i, start = 0;
	int	 q = 0;

	for (i = 0;; i++) {
		if (s[i] == '"')
			q = !q;
		if (s[i] != '\0' && (q || s[i] != ','))
			continue;
		v = lk_xreallocarray(v, n + 2, sizeof(*v));
		v[n] = unquote(s + start, i - start);
		v[++n] = NULL;
		if (*v[n - 1] == '\0') {
			list_free(v);
			return NULL;
		}
		if (s[i] == '\0')
			return v;
		start = i + 1;
	}
}

/* The word w as "key=" with its value after, else NULL. */
static const char *
keyval(const char *w, const char *key)
{
	size_t	 n = strlen(key);

	if (strncmp(w, key, n) == 0 && w[n] == '=')
		return w + n + 1;
	return NULL;
}

/* A window: 0 or none (never moved on), or a span without months; -1
 * when not one, -2 when in months. */
static long
window(const char *s)
{
	struct lk_dur d;

	if (strcmp(s, "0") == 0 || strcasecmp(s, "none") == 0)
		return 0;
	if (lk_dur_parse(s, &d) == -1)
		return -1;
	if (d.months != 0)
		return -2;
	return (long)d.days * 86400 + d.seconds;
}

static int
bad_window(struct parser *p, const char *field, const char *s, long w)
{
	if (w == -2)
		return bad(p, field, s, "months differ in length; "
		    "give days");
	return bad(p, field, s, "not a window (0, none, or a span "
	    "such as 15m)");
}

/* The words from i on, joined by one blank, a new string. */
static char *
join(const struct words *ws, size_t i)
{
	struct lk_buf b = LK_BUF_INIT;

	for (; i < ws->n; i++) {
		if (b.len > 0)
			lk_buf_addc(&b, ' ');
		lk_buf_adds(&b, ws->u[i]);
	}
	lk_buf_adds(&b, "");
	return lk_buf_take(&b);
}

static int
set_line(struct parser *p, const char *line, const struct words *ws)
{
	struct lk_routing *r = p->r;
	char	*v, *field;
	size_t	 k, n;
	long	 w;
	int	 rc = 0, *flag;

	if (ws->n < 2)
		return bad(p, "set", NULL, "needs a setting and a value");
	for (k = 0; k < S_N; k++)
		if (strcmp(ws->w[1], settings[k]) == 0)
			break;
	if (k == S_N)
		return bad(p, "set", ws->w[1], "unknown setting (window, "
		    "notify, rule-2, rule-3, rule-4)");
	field = lk_xasprintf("set %s", settings[k]);
	if (p->set_at[k] != 0) {
		rc = bad(p, field, NULL, "set twice (line %ld)", p->set_at[k]);
		goto out;
	}
	p->set_at[k] = p->line;
	if (k == S_NOTIFY) {
		line += ws->rest;
		for (n = strlen(line); n > 0 && isblank_(line[n - 1]); n--)
			continue;
		if (n == 0)
			rc = bad(p, field, NULL, "needs a command");
		else
			r->notify = lk_xstrndup(line, n);
		goto out;
	}
	v = join(ws, 2);
	if (*v == '\0')
		rc = bad(p, field, NULL, "needs a value");
	else if (k == S_WINDOW) {
		if ((w = window(v)) < 0)
			rc = bad_window(p, field, v, w);
		else
			r->window = w;
	} else {
		flag = k == S_RULE2 ? &r->rule2 : k == S_RULE3 ? &r->rule3 :
		    &r->rule4;
		if (strcasecmp(v, "on") == 0 || strcasecmp(v, "yes") == 0)
			*flag = 1;
		else if (strcasecmp(v, "off") == 0 || strcasecmp(v, "no") == 0)
			*flag = 0;
		else
			rc = bad(p, field, v, "not on or off");
	}
	free(v);
out:
	free(field);
	return rc;
}

static void
rotation_free(struct lk_rotation *ro)
{
	size_t	 i;

	free(ro->name);
	free(ro->manager);
	for (i = 0; i < ro->n; i++)
		free(ro->members[i].login);
	free(ro->members);
}

/* One MEMBER[*WEIGHT] or manager=LOGIN word into ro. */
static int
member(struct parser *p, const char *field, const char *w,
    struct lk_rotation *ro)
{
	const char *v;
	char	*login, *star, *end;
	size_t	 i;
	long	 weight = 1;

	if ((v = keyval(w, "manager")) != NULL) {
		if (ro->manager != NULL)
			return bad(p, field, w, "a second manager");
		if (!islogin(v))
			return bad(p, field, v, "manager: not a login");
		ro->manager = lk_xstrdup(v);
		return 0;
	}
	login = lk_xstrdup(w);
	if ((star = strrchr(login, '*')) != NULL) {
		*star = '\0';
		if (star[1] < '0' || star[1] > '9' || strlen(star + 1) > 4 ||
		    (weight = strtol(star + 1, &end, 10)) < 1 ||
		    weight > 1000 || *end != '\0') {
			free(login);
			return bad(p, field, w, "not a weight (1-1000)");
		}
	}
	if (!islogin(login)) {
		free(login);
		return bad(p, field, w, "not a login");
	}
	for (i = 0; i < ro->n; i++)
		if (strcmp(ro->members[i].login, login) == 0) {
			free(login);
			return bad(p, field, w, "a member listed twice");
		}
	ro->members = lk_xreallocarray(ro->members, ro->n + 1,
	    sizeof(*ro->members));
	ro->members[ro->n].login = login;
	ro->members[ro->n++].weight = (int)weight;
	return 0;
}

static int
rotation_line(struct parser *p, const struct words *ws)
{
	struct lk_routing *r = p->r;
	struct lk_rotation ro;
	char	*field = NULL;
	size_t	 i;
	int	 rc = 0;

	memset(&ro, 0, sizeof(ro));
	ro.line = p->line;
	if (ws->n < 2)
		return bad(p, "rotation", NULL, "needs a name");
	ro.name = lk_xstrdup(ws->u[1]);
	if (!isname(ro.name)) {
		rc = bad(p, "rotation", ro.name, "not a name (letters, "
		    "digits, - _ .)");
		goto out;
	}
	field = lk_xasprintf("rotation %s", ro.name);
	for (i = 0; i < r->nrot; i++)
		if (strcasecmp(r->rot[i].name, ro.name) == 0) {
			rc = bad(p, field, NULL, "named twice (line %ld)",
			    r->rot[i].line);
			goto out;
		}
	for (i = 2; i < ws->n && rc == 0; i++)
		rc = member(p, field, ws->u[i], &ro);
out:
	free(field);
	if (rc != 0) {
		rotation_free(&ro);
		return rc;
	}
	r->rot = lk_xreallocarray(r->rot, r->nrot + 1, sizeof(*r->rot));
	r->rot[r->nrot++] = ro;
	return 0;
}

static void
rule_free(struct lk_rule *ru)
{
	free(ru->name);
	list_free(ru->type);
	list_free(ru->source);
	list_free(ru->origin);
	list_free(ru->make);
	list_free(ru->stock);
	free(ru->rotation);
	free(ru->otherwise);
}

/* Where rule ru keeps the condition key, or NULL. */
static char ***
condition(struct lk_rule *ru, const char *w, const char **v)
{
	if ((*v = keyval(w, "type")) != NULL)
		return &ru->type;
	if ((*v = keyval(w, "source")) != NULL)
		return &ru->source;
	if ((*v = keyval(w, "origin")) != NULL)
		return &ru->origin;
	if ((*v = keyval(w, "make")) != NULL)
		return &ru->make;
	if ((*v = keyval(w, "stock")) != NULL)
		return &ru->stock;
	return NULL;
}

/* window=DUR or else=ROTATION (s unquoted) into ru: 1, 0 when s is
 * neither, -1 after telling what is wrong. */
static int
option(struct parser *p, const char *field, const char *s,
    struct lk_rule *ru)
{
	const char *v;
	long	 w;

	if ((v = keyval(s, "window")) != NULL) {
		if (ru->window != -1)
			return bad(p, field, s, "window given twice");
		if ((w = window(v)) < 0)
			return bad_window(p, field, v, w);
		ru->window = w;
		return 1;
	}
	if ((v = keyval(s, "else")) != NULL) {
		if (ru->otherwise != NULL)
			return bad(p, field, s, "else given twice");
		ru->otherwise = lk_xstrdup(v);
		return 1;
	}
	return 0;
}

/* What follows "->": ROTATION STRATEGY [window=DUR] [else=ROTATION]. */
static int
target(struct parser *p, const char *field, const struct words *ws,
    size_t i, struct lk_rule *ru)
{
	const char *s;
	int	 rc;

	if (ws->n < i + 2)
		return bad(p, field, NULL, "needs a rotation and a strategy "
		    "after \"->\"");
	ru->rotation = lk_xstrdup(ws->u[i]);
	s = ws->u[i + 1];
	if (strcmp(s, "round-robin") == 0)
		ru->strategy = LK_ROUND_ROBIN;
	else if (strcmp(s, "pool") == 0)
		ru->strategy = LK_POOL;
	else if (strcmp(s, "manager") == 0)
		ru->strategy = LK_MANAGER;
	else
		return bad(p, field, s, "not a strategy (round-robin, pool, "
		    "manager)");
	for (i += 2; i < ws->n; i++)
		if ((rc = option(p, field, ws->u[i], ru)) != 1)
			return rc == 0 ? bad(p, field, ws->u[i], "not an "
			    "option (window=, else=)") : rc;
	return 0;
}

/*
 * The conditions from word 2 to "->", then the target.  The options
 * may come among the conditions too ("rule used type=used window=30m
 * -> used pool").
 */
static int
conditions(struct parser *p, const char *field, const struct words *ws,
    struct lk_rule *ru)
{
	const char *v;
	char	***c;
	size_t	 i;
	int	 rc;

	for (i = 2; i < ws->n && strcmp(ws->w[i], "->") != 0; i++) {
		if ((c = condition(ru, ws->w[i], &v)) == NULL) {
			if ((rc = option(p, field, ws->u[i], ru)) == 1)
				continue;
			return rc == 0 ? bad(p, field, ws->w[i], "not a "
			    "condition (type=, source=, origin=, make=, "
			    "stock=)") : rc;
		}
		if (*c != NULL)
			return bad(p, field, ws->w[i], "a condition given "
			    "twice");
		if ((*c = list(v)) == NULL)
			return bad(p, field, ws->w[i], "an empty pattern");
	}
	if (i == ws->n)
		return bad(p, field, NULL, "no \"->\" before the rotation");
	return target(p, field, ws, i + 1, ru);
}

static int
rule_line(struct parser *p, const struct words *ws)
{
	struct lk_routing *r = p->r;
	struct lk_rule ru;
	char	*field = NULL;
	size_t	 i;
	int	 rc = 0;

	memset(&ru, 0, sizeof(ru));
	ru.line = p->line;
	ru.window = -1;
	if (ws->n < 2 || strcmp(ws->w[1], "->") == 0)
		return bad(p, "rule", NULL, "needs a name");
	ru.name = lk_xstrdup(ws->u[1]);
	if (strcmp(ru.name, "default") == 0) {
		rc = bad(p, "rule", ru.name, "the default rule is written "
		    "\"default -> ROTATION STRATEGY\"");
		goto out;
	}
	if (!isname(ru.name)) {
		rc = bad(p, "rule", ru.name, "not a name (letters, digits, "
		    "- _ .)");
		goto out;
	}
	field = lk_xasprintf("rule %s", ru.name);
	for (i = 0; i < r->nrules; i++)
		if (strcmp(r->rules[i].name, ru.name) == 0) {
			rc = bad(p, field, NULL, "named twice (line %ld)",
			    r->rules[i].line);
			goto out;
		}
	rc = conditions(p, field, ws, &ru);
out:
	free(field);
	if (rc != 0) {
		rule_free(&ru);
		return rc;
	}
	r->rules = lk_xreallocarray(r->rules, r->nrules + 1,
	    sizeof(*r->rules));
	r->rules[r->nrules++] = ru;
	return 0;
}

static int
default_line(struct parser *p, const struct words *ws)
{
	struct lk_rule ru;

	if (p->def.name != NULL)
		return bad(p, "default", NULL, "a second default (the first "
		    "on line %ld)", p->def.line);
	if (ws->n < 2)
		return bad(p, "default", NULL, "needs \"-> ROTATION "
		    "STRATEGY\"");
	if (strcmp(ws->w[1], "->") != 0)
		return bad(p, "default", ws->w[1], "takes no conditions, only "
		    "\"-> ROTATION STRATEGY\"");
	memset(&ru, 0, sizeof(ru));
	ru.line = p->line;
	ru.window = -1;
	ru.is_default = 1;
	if (target(p, "default", ws, 2, &ru) != 0) {
		rule_free(&ru);
		return -1;
	}
	ru.name = lk_xstrdup("default");
	p->def = ru;
	return 0;
}

static int
parse_line(struct parser *p, const char *line)
{
	struct words ws;
	int	 rc;

	memset(&ws, 0, sizeof(ws));
	if (split(line, &ws) == -1)
		rc = bad(p, NULL, NULL, "a quote is not closed");
	else if (ws.n == 0)
		rc = 0;
	else if (strcmp(ws.w[0], "set") == 0)
		rc = set_line(p, line, &ws);
	else if (strcmp(ws.w[0], "rotation") == 0)
		rc = rotation_line(p, &ws);
	else if (strcmp(ws.w[0], "rule") == 0)
		rc = rule_line(p, &ws);
	else if (strcmp(ws.w[0], "default") == 0)
		rc = default_line(p, &ws);
	else
		rc = bad(p, NULL, ws.w[0], "not set, rotation, rule or "
		    "default");
	words_free(&ws);
	return rc;
}

/* Every rule names rotations the file defines; the first that does
 * not is told. */
static int
resolve(struct parser *p)
{
	struct lk_routing *r = p->r;
	const struct lk_rule *ru, *worst = NULL;
	const char *name = NULL;
	char	*field;
	size_t	 i;

	for (i = 0; i < r->nrules; i++) {
		ru = &r->rules[i];
		if (ru->window == -1)
			r->rules[i].window = r->window;
		if (worst != NULL && worst->line < ru->line)
			continue;
		if (lk_routing_rotation(r, ru->rotation) == NULL)
			worst = ru, name = ru->rotation;
		else if (ru->otherwise != NULL &&
		    lk_routing_rotation(r, ru->otherwise) == NULL)
			worst = ru, name = ru->otherwise;
	}
	if (worst == NULL)
		return 0;
	p->line = worst->line;
	field = worst->is_default ? lk_xstrdup("default") :
	    lk_xasprintf("rule %s", worst->name);
	bad(p, field, name, "%s", name == worst->rotation ? "no rotation" :
	    "else: no rotation");
	free(field);
	return -1;
}

int
lk_routing_parse(const char *text, size_t len, const char *file,
    struct lk_routing *r)
{
	struct parser p;
	const char *s, *e, *nl;
	char	*line;
	size_t	 n;
	int	 rc = 0;

	memset(r, 0, sizeof(*r));
	r->window = 900;
	r->rule2 = r->rule3 = r->rule4 = 1;
	memset(&p, 0, sizeof(p));
	p.file = strcmp(file, "-") == 0 ? "stdin" : file;
	p.r = r;
	for (s = text, e = text + len; s < e && rc == 0; s = nl + 1) {
		p.line++;
		if ((nl = memchr(s, '\n', e - s)) == NULL)
			nl = e;
		n = nl - s;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n) != NULL) {
			rc = bad(&p, NULL, NULL, "a NUL byte");
			break;
		}
		line = lk_xstrndup(s, n);
		rc = parse_line(&p, line);
		free(line);
	}
	if (p.def.name != NULL) {
		r->rules = lk_xreallocarray(r->rules, r->nrules + 1,
		    sizeof(*r->rules));
		r->rules[r->nrules++] = p.def;
	}
	if (rc == 0)
		rc = resolve(&p);
	if (rc != 0) {
		lk_routing_free(r);
		return EX_DATAERR;
	}
	return 0;
}

void
lk_routing_free(struct lk_routing *r)
{
	size_t	 i;

	for (i = 0; i < r->nrot; i++)
		rotation_free(&r->rot[i]);
	free(r->rot);
	for (i = 0; i < r->nrules; i++)
		rule_free(&r->rules[i]);
	free(r->rules);
	free(r->notify);
	memset(r, 0, sizeof(*r));
}

/* Does v meet a condition (NULL: none set)? */
static int
meets(char *const *pats, const char *v)
{
	if (pats == NULL)
		return 1;
	if (v == NULL || *v == '\0')
		return 0;
	for (; *pats != NULL; pats++)
		if (fnmatch(*pats, v, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

const struct lk_rule *
lk_routing_match(const struct lk_routing *r, const struct lk_route_lead *l)
{
	const struct lk_rule *ru;
	size_t	 i;

	for (i = 0; i < r->nrules; i++) {
		ru = &r->rules[i];
		if (ru->is_default)
			return ru;
		if (meets(ru->type, l->type) && meets(ru->source, l->source) &&
		    meets(ru->origin, l->origin) && meets(ru->make, l->make) &&
		    meets(ru->stock, l->stock))
			return ru;
	}
	return NULL;
}

const struct lk_rotation *
lk_routing_rotation(const struct lk_routing *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->nrot; i++)
		if (strcasecmp(r->rot[i].name, name) == 0)
			return &r->rot[i];
	return NULL;
}

const char *
lk_strategy_name(enum lk_strategy s)
{
	switch (s) {
	case LK_ROUND_ROBIN:
		return "round-robin";
	case LK_POOL:
		return "pool";
	case LK_MANAGER:
		return "manager";
	}
	return "?";
}

/* The problems lk_routing_check found, told in line order. */
struct problem {
	long	 line;
	size_t	 seq;			/* found order, for ties */
	const char *what, *name;
	char	*text;
};
struct problems {
	struct problem *v;
	size_t	 n;
};

/* Keep a problem; text is a new string it takes. */
static void
problem(struct problems *ps, long line, const char *what, const char *name,
    char *text)
{
	struct problem *pr;

	ps->v = lk_xreallocarray(ps->v, ps->n + 1, sizeof(*ps->v));
	pr = &ps->v[ps->n];
	pr->line = line;
	pr->seq = ps->n++;
	pr->what = what;
	pr->name = name;
	pr->text = text;
}

static int
byline(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A pattern that matches only itself (no * ? [ or backslash). */
static int
literal(const char *pat)
{
	return strpbrk(pat, "*?[\\") == NULL;
}

/*
 * Does every value l's condition accepts meet e's too?  Only what can
 * be told for sure: a field e sets no condition on, e's "*", or each
 * of l's patterns written in e or a literal some pattern of e matches.
 */
static int
covers(char *const *e, char *const *l)
{
	char	*const *p, *const *q;

	if (e == NULL)
		return 1;
	if (l == NULL)
		return 0;	/* l takes a lead with no value, e not */
	for (p = e; *p != NULL; p++)
		if (strcmp(*p, "*") == 0)
			return 1;
	for (q = l; *q != NULL; q++) {
		for (p = e; *p != NULL; p++)
			if (strcasecmp(*p, *q) == 0 || (literal(*q) &&
			    fnmatch(*p, *q, FNM_CASEFOLD) == 0))
				break;
		if (*p == NULL)
			return 0;
	}
	return 1;
}

static int
shadows(const struct lk_rule *e, const struct lk_rule *l)
{
	return covers(e->type, l->type) && covers(e->source, l->source) &&
	    covers(e->origin, l->origin) && covers(e->make, l->make) &&
	    covers(e->stock, l->stock);
}

static int
unconditioned(const struct lk_rule *ru)
{
	return !ru->is_default && ru->type == NULL && ru->source == NULL &&
	    ru->origin == NULL && ru->make == NULL && ru->stock == NULL;
}

/* The origin patterns no lead's origin meets, comma-separated, or
 * NULL; *dead set when none can be met. */
static char *
no_origin(const struct lk_rule *ru, int *dead)
{
	struct lk_buf b = LK_BUF_INIT;
	char	*const *p;
	size_t	 i;

	*dead = 1;
	if (ru->origin == NULL) {
		*dead = 0;
		return NULL;
	}
	for (p = ru->origin; *p != NULL; p++) {
		for (i = 0; i < NITEMS(origins); i++)
			if (fnmatch(*p, origins[i], FNM_CASEFOLD) == 0)
				break;
		if (i < NITEMS(origins)) {
			*dead = 0;
			continue;
		}
		if (b.len > 0)
			lk_buf_adds(&b, ",");
		lk_buf_adds(&b, *p);
	}
	return b.len > 0 ? lk_buf_take(&b) : NULL;
}

/* Why login gets no leads, or NULL when it can. */
static const char *
cannot(int (*staff)(const char *, const char **, int *, void *),
    void *arg, const char *login)
{
	const char *role = NULL;
	int	 serves = 0;

	if (staff(login, &role, &serves, arg) == 0)
		return "not on the roster";
	if (role != NULL && strcmp(role, "admin") == 0)
		return "admin";
	if (!serves)
		return "never on shift";
	return NULL;
}

/* How the rules use a rotation. */
#define USED		0x1	/* by a rule at all */
#define BY_MANAGER	0x2	/* by a rule with the manager strategy */
#define BY_MEMBERS	0x4	/* by one whose leads go to members */

/*
 * The rotation's own problems; *serves set when a member can take
 * leads.  Members matter only where leads go to them, the manager only
 * where it hands leads out (a manager strategy, rule 4).
 */
static void
check_rotation(const struct lk_routing *r, const struct lk_rotation *ro,
    int (*staff)(const char *, const char **, int *, void *), void *arg,
    int uses, struct problems *ps, int *serves)
{
	struct lk_buf nobody = LK_BUF_INIT, unknown = LK_BUF_INIT;
	const char *why, *role = NULL;
	size_t	 i, can = ro->n;
	int	 members = !(uses & USED) || (uses & BY_MEMBERS), known, on;

	for (i = 0; i < ro->n && staff != NULL; i++) {
		if ((why = cannot(staff, arg, ro->members[i].login)) == NULL)
			continue;
		can--;
		lk_buf_addf(&nobody, "%s%s %s", nobody.len > 0 ? ", " : "",
		    ro->members[i].login, why);
		if (strcmp(why, "not on the roster") == 0)
			lk_buf_addf(&unknown, "%s%s", unknown.len > 0 ?
			    ", " : "", ro->members[i].login);
	}
	*serves = can > 0;
	/* One only the manager strategy uses needs no members. */
	if (members && ro->n == 0)
		problem(ps, ro->line, "rotation", ro->name,
		    lk_xstrdup("no members"));
	else if (members && can == 0)
		problem(ps, ro->line, "rotation", ro->name, lk_xasprintf(
		    "nobody can serve it: %s", lk_buf_str(&nobody)));
	else if (members && unknown.len > 0)
		problem(ps, ro->line, "rotation", ro->name, lk_xasprintf(
		    "not on the roster: %s", lk_buf_str(&unknown)));
	if (ro->manager != NULL && staff != NULL) {
		on = 0;
		known = staff(ro->manager, &role, &on, arg);
		if (!known)
			problem(ps, ro->line, "rotation", ro->name,
			    lk_xasprintf("manager %s is not on the roster",
			    ro->manager));
		else if ((uses & BY_MANAGER) && r->rule4 && role != NULL &&
		    strcmp(role, "manager") != 0)
			problem(ps, ro->line, "rotation", ro->name,
			    lk_xasprintf("manager %s is %s: only a manager "
			    "hands leads out (rule 4)", ro->manager, role));
		else if (!on && (uses & BY_MANAGER))
			problem(ps, ro->line, "rotation", ro->name,
			    lk_xasprintf("manager %s is never on shift: its "
			    "leads wait", ro->manager));
	}
	if (!(uses & USED))
		problem(ps, ro->line, "rotation", ro->name,
		    lk_xstrdup("used by no rule"));
	lk_buf_free(&nobody);
	lk_buf_free(&unknown);
}

/* The rule's problems: never matching, or sending leads nowhere. */
static void
check_rule(const struct lk_routing *r, size_t k, const int *serves,
    struct problems *ps)
{
	const struct lk_rule *ru = &r->rules[k], *e;
	const struct lk_rotation *ro;
	char	*bad_origin;
	size_t	 i;
	int	 dead, edead;

	bad_origin = no_origin(ru, &dead);
	if (bad_origin != NULL)
		problem(ps, ru->line, "rule", ru->name, lk_xasprintf(
		    "%sorigin %s: none of internet, phone, walk-in, "
		    "referral", dead ? "never matches: " : "", bad_origin));
	free(bad_origin);
	/* A rule that never matches catches nothing either. */
	for (i = 0; i < k && !dead; i++) {
		e = &r->rules[i];
		if (e->is_default)
			continue;
		free(no_origin(e, &edead));
		if (edead)
			continue;
		if (ru->is_default ? unconditioned(e) : shadows(e, ru)) {
			problem(ps, ru->line, "rule", ru->name, lk_xasprintf(
			    "never matches: rule %s (line %ld) catches "
			    "every lead %s", e->name, e->line,
			    ru->is_default ? "first" : "it would"));
			break;
		}
	}
	ro = lk_routing_rotation(r, ru->rotation);
	if (ru->strategy == LK_MANAGER && ro != NULL && ro->manager == NULL)
		problem(ps, ru->line, "rule", ru->name, lk_xasprintf(
		    "manager strategy, but rotation %s has no manager",
		    ru->rotation));
	if (ru->otherwise != NULL &&
	    (ro = lk_routing_rotation(r, ru->otherwise)) != NULL &&
	    !serves[ro - r->rot])
		problem(ps, ru->line, "rule", ru->name, lk_xasprintf(
		    "else=%s: nobody can serve it", ru->otherwise));
}

size_t
lk_routing_check(const struct lk_routing *r,
    int (*staff)(const char *login, const char **role, int *serves,
	void *arg),
    void (*report)(long line, const char *what, const char *name,
	const char *problem, void *arg),
    void *arg)
{
	struct problems ps;
	const struct lk_rule *ru;
	const char *name;
	size_t	 i, j, n;
	int	*serves, uses, ends = 0;

	memset(&ps, 0, sizeof(ps));
	serves = lk_xcalloc(r->nrot + 1, sizeof(*serves));
	for (i = 0; i < r->nrot; i++) {
		name = r->rot[i].name;
		for (uses = 0, j = 0; j < r->nrules; j++) {
			ru = &r->rules[j];
			if (strcasecmp(ru->rotation, name) == 0)
				uses |= USED | (ru->strategy == LK_MANAGER ?
				    BY_MANAGER : BY_MEMBERS);
			if (ru->otherwise != NULL &&
			    strcasecmp(ru->otherwise, name) == 0)
				uses |= USED | BY_MEMBERS;
		}
		check_rotation(r, &r->rot[i], staff, arg, uses, &ps,
		    &serves[i]);
	}
	for (i = 0; i < r->nrules; i++) {
		check_rule(r, i, serves, &ps);
		ends |= r->rules[i].is_default || unconditioned(&r->rules[i]);
	}
	if (!ends)
		problem(&ps, 0, "rule", "default", lk_xstrdup("missing: a "
		    "lead no rule matches waits unassigned"));
	if (ps.n > 1)
		qsort(ps.v, ps.n, sizeof(*ps.v), byline);
	for (i = 0; i < ps.n; i++) {
		report(ps.v[i].line, ps.v[i].what, ps.v[i].name,
		    ps.v[i].text, arg);
		free(ps.v[i].text);
	}
	n = ps.n;
	free(ps.v);
	free(serves);
	return n;
}

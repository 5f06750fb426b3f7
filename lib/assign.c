/*
 * assign: who gets a lead, and why.
 *
 * Round-robin is stride scheduling: each member of a rotation has a
 * pass, which grows by 1000000 / weight with every lead they get, and
 * the member on shift with the smallest pass is next (ties: whoever had
 * a turn longest ago, then the order of the rotation line).  Members of
 * equal weight who are always on shift are never more than one lead
 * apart, in one run or over many, since the passes are kept in the
 * database.  Someone who was away comes back at the rotation's vtime
 * (the pass of its last turn), so a week off buys no flood of leads.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "assign.h"
#include "clock.h"
#include "db.h"
#include "msg.h"
#include "out.h"
#include "staff.h"
#include "xmem.h"

#define STRIDE	1000000

/* Beyond lk_db_staff_shift's states. */
enum { OFF_ROSTER = 100, LEAVING, NOT_SERVING };

struct member {
	const char *login;
	int	 weight;
	int64_t	 stride, pass, last;
	int	 state;
	int	 dirty;
};

struct rot {
	const char *name;		/* NULL: the --to list */
	const struct lk_rotation *r;
	struct member *m;
	size_t	 n;
	int64_t	 vtime, turn;
	int	 loaded, dirty;
};

/* An assignment made, for the notify command. */
struct told {
	int64_t	 lead;
	char	*login, *role, *reason, *rule;
	time_t	 due;
};

struct lk_assign {
	struct lk_db *db;
	struct lk_assign_opts o;
	struct lk_out *out;
	struct lk_routing r;
	int	 loaded;
	struct lk_staff *staff;
	size_t	 nstaff;
	int	*state;			/* per staff, at the clock */
	int	 single;		/* nobody on the roster */
	struct rot *rots;		/* one per r.rot */
	struct rot to;			/* --to people */
	struct told *told;
	size_t	 ntold, ctold;
	struct lk_buf why;
	int	 from_cdr;		/* --from a BDC rep: their CDR fields */
	int	 rc;			/* from a callback */
	const char *want;		/* what the callback was asked */
	const char *arg;
};

int
lk_assign_rules(struct lk_db *db, struct lk_routing *r, int *loaded)
{
	char	*text, *file;
	int	 rc;

	memset(r, 0, sizeof(*r));
	r->window = 900;
	r->rule2 = r->rule3 = r->rule4 = 1;
	*loaded = 0;
	if ((rc = lk_db_routing(db, &text, &file)) != 0)
		return rc;
	if (text != NULL) {
		*loaded = 1;
		rc = lk_routing_parse(text, strlen(text), file, r);
	}
	free(text);
	free(file);
	return rc;
}

static const struct lk_staff *
staff_find(const struct lk_assign *a, const char *login, int *state)
{
	size_t	 lo = 0, hi = a->nstaff, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(login, a->staff[mid].login)) == 0) {
			if (state != NULL)
				*state = a->state[mid];
			return &a->staff[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (state != NULL)
		*state = a->single ? LK_ON_SHIFT : OFF_ROSTER;
	return NULL;
}

static int
is_bdc(const struct lk_assign *a, const char *login)
{
	const struct lk_staff *s = staff_find(a, login, NULL);

	return s != NULL && strcmp(s->role, "bdc") == 0;
}

static const char *
state_name(int state)
{
	switch (state) {
	case OFF_ROSTER:
		return "not on the roster";
	case LEAVING:
		return "leaving";
	case NOT_SERVING:
		return "an admin";
	default:
		return lk_shift_name(state);
	}
}

/* Where login stands for getting leads at the clock. */
static int
standing(const struct lk_assign *a, const char *login)
{
	const struct lk_staff *s;
	int	 state;

	if (a->o.from != NULL && strcmp(login, a->o.from) == 0)
		return LEAVING;
	s = staff_find(a, login, &state);
	if (s != NULL && state == LK_ON_SHIFT && strcmp(s->role, "admin") == 0)
		return NOT_SERVING;
	return state;
}

int
lk_assign_new(struct lk_db *db, const struct lk_assign_opts *o,
    struct lk_out *out, struct lk_assign **ap)
{
	struct lk_assign *a;
	struct rot *rt;
	size_t	 i, j;
	long	 n;
	int	 rc;

	*ap = a = lk_xcalloc(1, sizeof(*a));
	a->db = db;
	a->o = *o;
	a->out = out;
	if ((rc = lk_assign_rules(db, &a->r, &a->loaded)) != 0)
		return rc;
	if ((rc = lk_db_staff_count(db, &n)) != 0 ||
	    (rc = lk_db_staff_all(db, &a->staff, &a->nstaff)) != 0)
		return rc;
	a->single = n == 0;
	a->state = lk_xcalloc(a->nstaff + 1, sizeof(*a->state));
	for (i = 0; i < a->nstaff; i++)
		if ((rc = lk_db_staff_shift(db, &a->staff[i], lk_clock_now(),
		    &a->state[i])) != 0)
			return rc;
	a->rots = lk_xcalloc(a->r.nrot + 1, sizeof(*a->rots));
	for (i = 0; i < a->r.nrot; i++) {
		rt = &a->rots[i];
		rt->name = a->r.rot[i].name;
		rt->r = &a->r.rot[i];
		rt->n = a->r.rot[i].n;
		rt->m = lk_xcalloc(rt->n + 1, sizeof(*rt->m));
		for (j = 0; j < rt->n; j++) {
			rt->m[j].login = a->r.rot[i].members[j].login;
			rt->m[j].weight = a->r.rot[i].members[j].weight;
		}
	}
	/* Named people share the leads evenly, on shift or not: the
	 * manager chose them. */
	a->to.n = o->nto;
	a->to.m = lk_xcalloc(o->nto + 1, sizeof(*a->to.m));
	for (i = 0; i < o->nto; i++) {
		a->to.m[i].login = o->to[i];
		a->to.m[i].weight = 1;
	}
	a->to.loaded = 1;
	if (o->from != NULL) {
		const struct lk_staff *f = staff_find(a, o->from, NULL);

		if (!a->single && f == NULL) {
			lk_err(EX_NOUSER, "--from %s: not on the staff roster",
			    o->from);
			return EX_NOUSER;
		}
		a->from_cdr = f != NULL && strcmp(f->role, "bdc") == 0;
	}
	for (i = 0; i < o->nto; i++) {
		if (o->from != NULL && strcmp(o->to[i], o->from) == 0) {
			lk_err(EX_USAGE, "--to %s: the person leaving",
			    o->to[i]);
			return EX_USAGE;
		}
		if (o->from != NULL && !a->single &&
		    is_bdc(a, o->to[i]) != a->from_cdr) {
			lk_err(EX_NOUSER, a->from_cdr ? "--to %s: %s is a BDC "
			    "rep, whose CDR fields go to BDC reps" : "--to %s: "
			    "%s's leads need a salesperson, and a BDC rep works "
			    "a lead only in its CDR field", o->to[i],
			    o->from);
			return EX_NOUSER;
		}
	}
	for (i = 0; i < o->nto; i++) {
		const struct lk_staff *s = staff_find(a, o->to[i], NULL);

		if (!a->single && (s == NULL || !s->active ||
		    strcmp(s->role, "admin") == 0)) {
			lk_err(EX_NOUSER, "--to %s: %s", o->to[i], s == NULL ?
			    "not on the staff roster" : !s->active ?
			    "inactive on the staff roster" :
			    "an admin is not a salesperson");
			return EX_NOUSER;
		}
	}
	if (out != NULL) {
		static const char *const names[] = { "id", "login", "rule",
		    "why" };
		lk_out_begin(out, names, 4);
	}
	return 0;
}

void
lk_assign_free(struct lk_assign *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; a->rots != NULL && i < a->r.nrot; i++)
		free(a->rots[i].m);
	free(a->rots);
	free(a->to.m);
	for (i = 0; i < a->ntold; i++) {
		free(a->told[i].login);
		free(a->told[i].role);
		free(a->told[i].reason);
		free(a->told[i].rule);
	}
	free(a->told);
	lk_staff_free_all(a->staff, a->nstaff);
	free(a->state);
	lk_routing_free(&a->r);
	lk_buf_free(&a->why);
	free(a);
}

static void
emit(struct lk_assign *a, int64_t id, const char *login, const char *rule,
    const char *why)
{
	struct lk_val v[4];
	char	 buf[24];

	if (a->out == NULL)
		return;
	snprintf(buf, sizeof(buf), "%lld", (long long)id);
	v[0].type = LK_V_INT;
	v[0].s = buf;
	v[1].type = login != NULL ? LK_V_TEXT : LK_V_NULL;
	v[1].s = login;
	v[2].type = rule != NULL ? LK_V_TEXT : LK_V_NULL;
	v[2].s = rule;
	v[3].type = LK_V_TEXT;
	v[3].s = why;
	lk_out_row(a->out, v);
}

static int
turn_seen(const char *login, int64_t pass, int64_t last, void *arg)
{
	struct rot *rt = arg;
	size_t	 i;

	for (i = 0; i < rt->n; i++)
		if (strcmp(rt->m[i].login, login) == 0) {
			rt->m[i].pass = pass;
			rt->m[i].last = last;
		}
	return 0;
}

static int
rot_load(struct lk_assign *a, struct rot *rt)
{
	size_t	 i;
	int	 rc;

	/* The clock is the command's: who stands where is the same for
	 * every lead of the run. */
	if (rt->loaded)
		return 0;
	rt->loaded = 1;
	for (i = 0; i < rt->n; i++) {
		rt->m[i].stride = STRIDE / rt->m[i].weight;
		rt->m[i].state = standing(a, rt->m[i].login);
	}
	if ((rc = lk_db_turns(a->db, rt->name, turn_seen, rt, &rt->vtime,
	    &rt->turn)) != 0)
		return rc;
	return 0;
}

/* Does member x go before y: the smaller pass (never below the
 * rotation's vtime), then the longer since a turn, then line order. */
static int
before(const struct rot *rt, const struct member *x, const struct member *y)
{
	int64_t	 px = x->pass > rt->vtime ? x->pass : rt->vtime;
	int64_t	 py = y->pass > rt->vtime ? y->pass : rt->vtime;

	if (px != py)
		return px < py;
	if (x->last != y->last)
		return x->last < y->last;
	return x < y;
}

/*
 * The next member of rt on shift, or NULL; why gets the skipped: those
 * not on shift who would have gone first (all of them when nobody can).
 */
static struct member *
pick(struct rot *rt, struct lk_buf *skipped)
{
	struct member *win = NULL, *m;
	size_t	 i;
	int	 first = 1;

	for (i = 0; i < rt->n; i++) {
		m = &rt->m[i];
		if (m->state == LK_ON_SHIFT && (win == NULL ||
		    before(rt, m, win)))
			win = m;
	}
	for (i = 0; i < rt->n; i++) {
		m = &rt->m[i];
		if (m->state == LK_ON_SHIFT ||
		    (win != NULL && !before(rt, m, win)))
			continue;
		lk_buf_addf(skipped, "%s%s (%s)", first ? "" : ", ", m->login,
		    state_name(m->state));
		first = 0;
	}
	return win;
}

/* win takes a turn of rt: what it cost. */
static int64_t
take_turn(struct rot *rt, struct member *win)
{
	int64_t	 eff = win->pass > rt->vtime ? win->pass : rt->vtime;

	rt->vtime = eff;
	win->pass = eff + win->stride;
	win->last = ++rt->turn;
	win->dirty = rt->dirty = 1;
	return win->stride;
}

static struct rot *
rot_of(struct lk_assign *a, const char *name)
{
	size_t	 i;

	for (i = 0; i < a->r.nrot; i++)
		if (strcasecmp(a->r.rot[i].name, name) == 0)
			return &a->rots[i];
	return NULL;
}

/* Record an assignment (unless a dry run) and say it. */
static int
give(struct lk_assign *a, const struct lk_alead *l, const char *role,
    const char *to, const char *reason, const struct lk_rule *rule,
    const char *rotation, int64_t stride, const char *why)
{
	struct lk_arow row;
	struct told *t;
	int	 rc;

	/* A BDC rep works a lead in its CDR field, never its
	 * salesperson's (DOMAIN.md), however it came to them. */
	if (to != NULL && strcmp(role, "salesperson") == 0 && is_bdc(a, to))
		role = "cdr";
	memset(&row, 0, sizeof(row));
	row.lead = l->id;
	row.role = role;
	row.from = strcmp(role, "cdr") == 0 ? l->cdr : l->salesperson;
	row.to = to;
	row.reason = a->o.from != NULL ? "redistribution" : reason;
	row.why = why;
	row.rule = rule != NULL ? rule->name : NULL;
	row.rotation = rotation;
	if (to != NULL) {
		if (rule != NULL && rule->window > 0)
			row.due = lk_clock_now() + rule->window;
		else if (rule == NULL && a->r.window > 0 &&
		    strcmp(role, "salesperson") == 0 && l->initial)
			row.due = lk_clock_now() + a->r.window;
	}
	row.stride = stride;
	if (!a->o.dry_run && (rc = lk_db_assignment_add(a->db, &row)) != 0)
		return rc;
	emit(a, l->id, to, row.rule, why);
	if (to == NULL || a->o.dry_run || a->r.notify == NULL)
		return 0;
	if (a->ntold == a->ctold) {
		a->ctold = a->ctold ? a->ctold * 2 : 64;
		a->told = lk_xreallocarray(a->told, a->ctold,
		    sizeof(*a->told));
	}
	t = &a->told[a->ntold++];
	t->lead = l->id;
	t->login = lk_xstrdup(to);
	t->role = lk_xstrdup(role);
	t->reason = lk_xstrdup(row.reason);
	t->rule = row.rule != NULL ? lk_xstrdup(row.rule) : NULL;
	t->due = row.due;
	return 0;
}

/* win takes l as rt's round-robin turn; a->why gets what happened,
 * after whatever it already says, and skipped is used up. */
static int
turn_give(struct lk_assign *a, const struct lk_alead *l,
    const struct lk_rule *rule, struct rot *rt, struct member *win,
    struct lk_buf *skipped)
{
	int64_t	 stride;

	lk_buf_addf(&a->why, "round-robin %s: %s's turn", rt->name,
	    win->login);
	if (win->weight != 1)
		lk_buf_addf(&a->why, " (weight %d)", win->weight);
	if (skipped->len > 0)
		lk_buf_addf(&a->why, "; skipped %s", skipped->s);
	lk_buf_free(skipped);
	stride = take_turn(rt, win);
	return give(a, l, "salesperson", win->login, "round-robin", rule,
	    rt->name, stride, a->why.s);
}

/* Route l by the rules. */
static int
route(struct lk_assign *a, const struct lk_alead *l)
{
	struct lk_route_lead rl;
	const struct lk_rule *rule;
	struct lk_buf *why = &a->why, skipped = LK_BUF_INIT;
	struct rot *rt, *alt;
	struct member *win;
	const char *mgr;
	int	 rc = 0, state;

	rl.type = l->type;
	rl.source = l->source;
	rl.origin = l->origin;
	rl.make = l->make;
	rl.stock = l->stock;
	lk_buf_clear(why);
	if ((rule = lk_routing_match(&a->r, &rl)) == NULL) {
		emit(a, l->id, l->salesperson, NULL, a->o.from != NULL ?
		    "waiting: no rule matches and there is no default rule; "
		    "it stays where it is" : "waiting: no rule matches and "
		    "there is no default rule");
		return 0;
	}
	rt = rot_of(a, rule->rotation);
	if ((rc = rot_load(a, rt)) != 0)
		return rc;
	switch (rule->strategy) {
	case LK_POOL:
		lk_buf_addf(why, "pool %s: unassigned until someone claims it "
		    "(lead-assign --claim %lld)", rt->name, (long long)l->id);
		return give(a, l, "salesperson", NULL, "pool", rule, rt->name,
		    0, why->s);
	case LK_MANAGER:
		mgr = rt->r->manager;
		state = mgr != NULL ? standing(a, mgr) : OFF_ROSTER;
		if (mgr != NULL && state == LK_ON_SHIFT) {
			lk_buf_addf(why, "manager %s: to %s, who hands it out",
			    rt->name, mgr);
			return give(a, l, "salesperson", mgr, "manager", rule,
			    rt->name, 0, why->s);
		}
		if (mgr != NULL)
			lk_buf_addf(&skipped, "%s (%s)", mgr,
			    state_name(state));
		else
			lk_buf_adds(&skipped, "it has no manager");
		break;
	case LK_ROUND_ROBIN:
		if ((win = pick(rt, &skipped)) != NULL)
			return turn_give(a, l, rule, rt, win, &skipped);
		break;
	}
	/* Nobody in the rotation can take it now. */
	if (rule->otherwise != NULL &&
	    (alt = rot_of(a, rule->otherwise)) != NULL &&
	    (rc = rot_load(a, alt)) == 0) {
		lk_buf_addf(why, "nobody on shift in %s: %s; else ", rt->name,
		    lk_buf_str(&skipped));
		lk_buf_clear(&skipped);
		if ((win = pick(alt, &skipped)) != NULL)
			return turn_give(a, l, rule, alt, win, &skipped);
		lk_buf_addf(why, "nobody on shift in %s either: %s",
		    alt->name, lk_buf_str(&skipped));
	} else if (rc == 0)
		lk_buf_addf(why, "nobody on shift in %s: %s", rt->name,
		    lk_buf_str(&skipped));
	lk_buf_free(&skipped);
	if (rc != 0)
		return rc;
	/* It waits: say so, and where it is meanwhile. */
	{
		struct lk_buf w = LK_BUF_INIT;

		lk_buf_addf(&w, "waiting: %s%s", why->s, a->o.from != NULL ?
		    "; it stays where it is" : "");
		emit(a, l->id, a->o.from != NULL ? l->salesperson : NULL,
		    rule->name, w.s);
		lk_buf_free(&w);
	}
	return 0;
}

/* A redistribution to named people. */
static int
share_out(struct lk_assign *a, const struct lk_alead *l)
{
	struct lk_buf skipped = LK_BUF_INIT;
	struct member *win;
	size_t	 i;

	for (i = 0; i < a->to.n; i++) {
		a->to.m[i].stride = STRIDE;
		a->to.m[i].state = LK_ON_SHIFT;
	}
	win = pick(&a->to, &skipped);
	lk_buf_free(&skipped);
	take_turn(&a->to, win);
	lk_buf_clear(&a->why);
	lk_buf_addf(&a->why, "from %s to the people named, in turn: %s's",
	    a->o.from, win->login);
	return give(a, l, a->from_cdr ? "cdr" : "salesperson", win->login,
	    "redistribution", NULL, NULL, 0, a->why.s);
}

/* A BDC rep leaves: the CDR fields they held are cleared, or shared
 * out among the BDC reps named. */
static int
cdr_off(struct lk_assign *a, const struct lk_alead *l)
{
	if (a->o.nto > 0)
		return share_out(a, l);
	lk_buf_clear(&a->why);
	lk_buf_addf(&a->why, "%s leaves its CDR field%s%s%s", a->o.from,
	    l->salesperson != NULL ? "; " : "",
	    l->salesperson != NULL ? l->salesperson : "",
	    l->salesperson != NULL ? " stays its salesperson" : "");
	return give(a, l, "cdr", NULL, "redistribution", NULL, NULL, 0,
	    a->why.s);
}

static int
on_lead(const struct lk_alead *l, void *arg)
{
	struct lk_assign *a = arg;
	struct lk_buf w = LK_BUF_INIT;

	if (a->o.from != NULL) {
		if (a->from_cdr)
			return l->cdr != NULL && strcmp(l->cdr, a->o.from) == 0 ?
			    cdr_off(a, l) : 0;
		if (l->salesperson == NULL ||
		    strcmp(l->salesperson, a->o.from) != 0)
			return 0;
		return a->o.nto > 0 ? share_out(a, l) : route(a, l);
	}
	if (l->salesperson == NULL && l->cdr != NULL) {
		lk_buf_addf(&w, "already worked by %s, a BDC rep, as its CDR: "
		    "a manager hands it on with lead-assign %lld --to LOGIN",
		    l->cdr, (long long)l->id);
		emit(a, l->id, l->cdr, NULL, w.s);
		lk_buf_free(&w);
		return 0;
	}
	if (l->salesperson != NULL) {
		lk_buf_addf(&w, "already assigned to %s: a manager hands it on "
		    "with lead-assign %lld --to LOGIN", l->salesperson,
		    (long long)l->id);
		emit(a, l->id, l->salesperson, NULL, w.s);
		lk_buf_free(&w);
		return 0;
	}
	if (l->pool != NULL) {
		lk_buf_addf(&w, "waiting in the %s pool until someone claims "
		    "it (lead-assign --claim %lld)", l->pool,
		    (long long)l->id);
		emit(a, l->id, NULL, NULL, w.s);
		lk_buf_free(&w);
		return 0;
	}
	return route(a, l);
}

int
lk_assign_lead(struct lk_assign *a, int64_t id)
{
	int	 found, rc;

	if ((rc = lk_db_alead(a->db, id, on_lead, a, &found)) != 0)
		return rc;
	if (!found) {
		lk_err(EX_DATAERR, "no lead %lld", (long long)id);
		return EX_DATAERR;
	}
	return 0;
}

#define CHUNK 1024

static int
each(struct lk_assign *a, const char *login)
{
	int64_t	 ids[CHUNK], after = 0;
	size_t	 n, i;
	int	 rc;

	do {
		if ((rc = lk_db_alead_ids(a->db, login, a->from_cdr, after,
		    CHUNK, ids, &n)) != 0)
			return rc;
		for (i = 0; i < n; i++)
			if ((rc = lk_assign_lead(a, ids[i])) != 0)
				return rc;
		if (n > 0)
			after = ids[n - 1];
	} while (n == CHUNK);
	return 0;
}

int
lk_assign_new_leads(struct lk_assign *a)
{
	return each(a, NULL);
}

int
lk_assign_redistribute(struct lk_assign *a)
{
	return each(a, a->o.from);
}

int
lk_assign_finish(struct lk_assign *a)
{
	struct rot *rt;
	size_t	 i, j;
	int	 rc;

	if (a->o.dry_run)
		return 0;
	for (i = 0; i < a->r.nrot; i++) {
		rt = &a->rots[i];
		if (!rt->dirty)
			continue;
		for (j = 0; j < rt->n; j++)
			if (rt->m[j].dirty && (rc = lk_db_turn_set(a->db,
			    rt->name, rt->m[j].login, rt->m[j].pass,
			    rt->m[j].last)) != 0)
				return rc;
		if ((rc = lk_db_rotation_clock_set(a->db, rt->name, rt->vtime,
		    rt->turn)) != 0)
			return rc;
	}
	return 0;
}

/* --- claims and hand-offs -------------------------------------------- */

static int
is_member(const struct lk_routing *r, const char *rotation,
    const char *login)
{
	const struct lk_rotation *rt;
	size_t	 i;

	if ((rt = lk_routing_rotation(r, rotation)) == NULL)
		return 0;
	for (i = 0; i < rt->n; i++)
		if (strcmp(rt->members[i].login, login) == 0)
			return 1;
	return rt->manager != NULL && strcmp(rt->manager, login) == 0;
}

static int
on_claim(const struct lk_alead *l, void *arg)
{
	struct lk_assign *a = arg;
	const char *me = lk_db_actor(a->db), *role = lk_db_role(a->db);
	char	 when[LK_TIME_MAX];
	time_t	 t;

	lk_buf_clear(&a->why);
	if ((l->pool != NULL || l->dormant) && l->claimed_by != NULL &&
	    strcmp(l->claimed_by, me) != 0 && l->claimed_at != NULL &&
	    lk_time_parse_utc(l->claimed_at, &t) == 0) {
		lk_err(EX_NOPERM, "lead %lld: %s claimed it first, at %s",
		    (long long)l->id, l->claimed_by, lk_time_local(t, when));
		return EX_NOPERM;
	}
	if ((l->pool != NULL || l->dormant) && l->claimed_by != NULL) {
		emit(a, l->id, me, NULL, "already yours: you claimed it");
		return 0;
	}
	if (l->pool != NULL) {
		if (role != NULL && strcmp(role, "manager") != 0 &&
		    !is_member(&a->r, l->pool, me)) {
			lk_err(EX_NOPERM, "lead %lld waits in the %s pool: its "
			    "members and managers claim it, and %s is not one",
			    (long long)l->id, l->pool, me);
			return EX_NOPERM;
		}
		lk_buf_addf(&a->why, "claimed from the %s pool", l->pool);
		return give(a, l, "salesperson", me, "claim", NULL, l->pool,
		    0, a->why.s);
	}
	if (l->dormant) {
		if (role != NULL && !lk_role_in(role, "iss bdc manager")) {
			lk_err(EX_NOPERM, "lead %lld is %s: an ISS, BDC rep or "
			    "manager claims it (rule 5), and %s is %s",
			    (long long)l->id, l->status, me, role);
			return EX_NOPERM;
		}
		/* Claimed even when it is already one's own: the claim is
		 * what makes the next one wait its turn. */
		if (role != NULL && strcmp(role, "bdc") == 0 &&
		    l->salesperson != NULL && strcmp(l->salesperson, me) != 0) {
			lk_buf_addf(&a->why, "claimed a %s lead as its CDR: %s "
			    "stays its salesperson (rule 4)", l->status,
			    l->salesperson);
			return give(a, l, "cdr", me, "claim", NULL, NULL, 0,
			    a->why.s);
		}
		lk_buf_addf(&a->why, "claimed a %s lead (rule 5)", l->status);
		return give(a, l, "salesperson", me, "claim", NULL, NULL, 0,
		    a->why.s);
	}
	if (l->salesperson != NULL && strcmp(l->salesperson, me) == 0) {
		emit(a, l->id, me, NULL, "already yours");
		return 0;
	}
	if (l->salesperson != NULL && l->reason != NULL &&
	    strcmp(l->reason, "claim") == 0 && l->at != NULL &&
	    lk_time_parse_utc(l->at, &t) == 0) {
		lk_err(EX_NOPERM, "lead %lld: %s claimed it first, at %s",
		    (long long)l->id, l->salesperson, lk_time_local(t, when));
		return EX_NOPERM;
	}
	if (l->salesperson != NULL) {
		lk_err(EX_NOPERM, "lead %lld is %s's and neither in a pool nor "
		    "dormant: only a manager hands it on (lead-assign %lld "
		    "--to LOGIN)", (long long)l->id, l->salesperson,
		    (long long)l->id);
		return EX_NOPERM;
	}
	lk_err(EX_NOPERM, "lead %lld is neither in a pool nor dormant: "
	    "lead-assign %lld routes it by the rules", (long long)l->id,
	    (long long)l->id);
	return EX_NOPERM;
}

int
lk_assign_claim(struct lk_assign *a, int64_t id)
{
	int	 found, rc;

	if ((rc = lk_db_may(a->db, "iss bdc floor manager",
	    "claim a lead")) != 0)
		return rc;
	if ((rc = lk_db_alead(a->db, id, on_claim, a, &found)) != 0)
		return rc;
	if (!found) {
		lk_err(EX_DATAERR, "no lead %lld", (long long)id);
		return EX_DATAERR;
	}
	return 0;
}

static int
on_to(const struct lk_alead *l, void *arg)
{
	struct lk_assign *a = arg;
	const char *to = a->arg, *role = lk_db_role(a->db);
	const char *reason;
	const struct lk_staff *s;
	int	 state = LK_ON_SHIFT;

	s = staff_find(a, to, &state);
	reason = role != NULL && strcmp(role, "manager") == 0 ? "manager" :
	    "hand-off";
	lk_buf_clear(&a->why);
	lk_buf_addf(&a->why, "handed over by %s", lk_db_actor(a->db));
	if (state != LK_ON_SHIFT)
		lk_buf_addf(&a->why, "; %s is %s%s now", to,
		    state == LK_OFF_TIME_OFF ? "on " : "", state_name(state));
	if (l->salesperson != NULL && strcmp(l->salesperson, to) == 0) {
		emit(a, l->id, to, NULL, "already theirs");
		return 0;
	}
	/* A pool lead is claimed by its members or handed out by a
	 * manager: --to is no way round the pool. */
	if (l->pool != NULL && role != NULL && strcmp(role, "manager") != 0 &&
	    !(is_member(&a->r, l->pool, lk_db_actor(a->db)) &&
	    strcmp(to, lk_db_actor(a->db)) == 0)) {
		lk_err(EX_NOPERM, "lead %lld waits in the %s pool: its members "
		    "claim it (lead-assign --claim %lld) and a manager hands it "
		    "out", (long long)l->id, l->pool, (long long)l->id);
		return EX_NOPERM;
	}
	if (l->salesperson != NULL && s != NULL &&
	    strcmp(s->role, "bdc") == 0) {
		if (l->cdr != NULL && strcmp(l->cdr, to) == 0) {
			emit(a, l->id, to, NULL, "already its CDR");
			return 0;
		}
		lk_buf_addf(&a->why, "; a BDC rep works %s's lead as its CDR "
		    "(rule 4)", l->salesperson);
		return give(a, l, "cdr", to, reason, NULL, NULL, 0, a->why.s);
	}
	if (l->salesperson != NULL && a->r.rule4 && role != NULL &&
	    strcmp(role, "manager") != 0) {
		lk_err(EX_NOPERM, "lead %lld: rule 4: only a manager changes a "
		    "salesperson once set (it is %s's): a manager runs "
		    "lead-assign %lld --to %s", (long long)l->id,
		    l->salesperson, (long long)l->id, to);
		return EX_NOPERM;
	}
	return give(a, l, "salesperson", to, reason, NULL, NULL, 0, a->why.s);
}

int
lk_assign_to(struct lk_assign *a, int64_t id, const char *login)
{
	const struct lk_staff *s;
	int	 found, rc, state;

	s = staff_find(a, login, &state);
	if (!a->single && (s == NULL || !s->active)) {
		lk_err(EX_NOUSER, "--to %s: %s on the staff roster", login,
		    s == NULL ? "not" : "inactive");
		return EX_NOUSER;
	}
	if (s != NULL && strcmp(s->role, "admin") == 0) {
		lk_err(EX_NOUSER, "--to %s: an admin is not a salesperson",
		    login);
		return EX_NOUSER;
	}
	a->arg = login;
	if ((rc = lk_db_alead(a->db, id, on_to, a, &found)) != 0)
		return rc;
	if (!found) {
		lk_err(EX_DATAERR, "no lead %lld", (long long)id);
		return EX_DATAERR;
	}
	return 0;
}

/* --- telling whoever got a lead --------------------------------------- */

struct env {
	char	**v;
	size_t	 n, cap;
};

static void
env_push(struct env *e, char *s)
{
	if (e->n + 2 > e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->v = lk_xreallocarray(e->v, e->cap, sizeof(*e->v));
	}
	e->v[e->n++] = s;
	e->v[e->n] = NULL;
}

static void
env_add(const char *name, const char *value, void *arg)
{
	env_push(arg, lk_xasprintf("%s=%s", name, value != NULL ? value :
	    ""));
}

extern char **environ;

/* Run the notify command for t; 0, or -1 after saying why not. */
static int
notify_one(struct lk_assign *a, const struct told *t)
{
	const struct lk_staff *s;
	struct env e = { NULL, 0, 0 };
	char	 buf[LK_TIME_MAX], **p;
	pid_t	 pid;
	size_t	 i;
	int	 status, fd, rc = 0;

	/* The caller's environment without anything named like ours,
	 * save the clock; LEAD_DB names this database, so a command that
	 * runs leadkit itself works on the same one. */
	for (p = environ; *p != NULL; p++)
		if ((strncmp(*p, "LEAD_", 5) != 0 ||
		    strncmp(*p, "LEAD_NOW=", 9) == 0 ||
		    strncmp(*p, "LEAD_BUSY_TIMEOUT=", 18) == 0) &&
		    strncmp(*p, "STAFF_", 6) != 0 &&
		    strncmp(*p, "ASSIGN_", 7) != 0)
			env_push(&e, lk_xstrdup(*p));
	env_add("LEAD_DB", lk_db_file(a->db), &e);
	if (lk_db_notify_env(a->db, t->lead, env_add, &e) != 0) {
		rc = -1;
		goto out;
	}
	s = staff_find(a, t->login, NULL);
	env_add("STAFF_LOGIN", t->login, &e);
	env_add("STAFF_NAME", s != NULL ? s->name : NULL, &e);
	env_add("STAFF_ROLE", s != NULL ? s->role : NULL, &e);
	env_add("STAFF_EMAIL", s != NULL ? s->email : NULL, &e);
	env_add("STAFF_PHONE", s != NULL ? s->phone : NULL, &e);
	env_add("ASSIGN_ROLE", t->role, &e);
	env_add("ASSIGN_REASON", t->reason, &e);
	env_add("ASSIGN_RULE", t->rule, &e);
	env_add("ASSIGN_DUE", t->due != 0 ? lk_time_local(t->due, buf) :
	    NULL, &e);
	env_add("ASSIGN_BY", lk_db_actor(a->db), &e);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		lk_err(EX_OSERR, "notify: lead %lld to %s: %s",
		    (long long)t->lead, t->login, strerror(errno));
		rc = -1;
		goto out;
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		/* Its output is for people, never the next program's
		 * input: stdout goes where our stderr goes. */
		if ((fd = open("/dev/null", O_RDONLY)) != -1) {
			dup2(fd, STDIN_FILENO);
			if (fd != STDIN_FILENO)
				close(fd);
		}
		dup2(STDERR_FILENO, STDOUT_FILENO);
		execle("/bin/sh", "sh", "-c", a->r.notify, (char *)NULL, e.v);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (status != -1 && WIFSIGNALED(status))
			lk_warn("notify: lead %lld to %s: killed by signal %d; "
			    "the assignment stands", (long long)t->lead,
			    t->login, WTERMSIG(status));
		else
			lk_warn("notify: lead %lld to %s: the command exited "
			    "%d; the assignment stands", (long long)t->lead,
			    t->login, status == -1 ? -1 : WEXITSTATUS(status));
		rc = -1;
	}
out:
	for (i = 0; i < e.n; i++)
		free(e.v[i]);
	free(e.v);
	return rc;
}

size_t
lk_assign_notify(struct lk_assign *a)
{
	size_t	 i, failed = 0;

	for (i = 0; i < a->ntold; i++)
		if (notify_one(a, &a->told[i]) != 0)
			failed++;
	return failed;
}

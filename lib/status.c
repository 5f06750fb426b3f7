/*
 * status: applying one lead-status command to one lead, in the order a
 * person means it: what was done first (an activity, a visit), then the
 * status it led to, then what comes next (the follow-up).
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "db.h"
#include "msg.h"
#include "routing.h"
#include "rules.h"
#include "status.h"
#include "xmem.h"

/* Is rule n of engagement kept?  All are unless the dealership said. */
#define KEPT(r, n) ((r) == NULL || (r)->rule##n)

/* The first appointment kind of the catalog, for --appointment alone. */
static const char *
appointment_kind(const struct lk_kinds *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++)
		if (k->k[i].appointment)
			return k->k[i].name;
	return NULL;
}

/* The kind a follow-up gets when nobody names one. */
static const char *
default_kind(const struct lk_kinds *k)
{
	const struct lk_kind *kd;

	/* lk_kinds_parse lets no catalog through without one. */
	kd = lk_kinds_default(k);
	return kd != NULL ? kd->name : NULL;
}

/*
 * Log what was done, meeting follow-up meets (0: whichever it meets);
 * a visit's outcome defaults from the lead's history.
 */
static int
log_activity(struct lk_db *db, const struct lk_change *c, int64_t lead,
    long visits, const char *note, int64_t meets)
{
	const char *outcome = c->outcome, *direction = c->direction;
	int64_t	 id, followup;

	if (strcmp(c->log, "visit") == 0) {
		if (outcome == NULL)
			outcome = visits == 0 ? "fresh-up" : "be-back";
		if (direction == NULL)
			direction = "in";
	} else if (outcome == NULL && strcmp(c->log, "note") != 0 &&
	    strcmp(c->log, "quote") != 0) {
		/* Only a reply from the customer is contact unasked. */
		outcome = direction != NULL && strcmp(direction, "in") == 0 ?
		    "contact" : "attempt";
	}
	if (direction == NULL)
		direction = "out";
	return lk_db_activity_add(db, lead, c->at != 0 ? c->at :
	    lk_clock_now(), c->log, direction, outcome, note, c->confirmed,
	    meets, &id, &followup);
}

/* An appointment's outcome: confirmed, shown (with the visit), missed. */
static int
appointment_outcome(struct lk_db *db, const struct lk_change *c,
    int64_t lead, long visits, const char *note)
{
	struct lk_change visit;
	struct lk_appt a;
	char	 buf[LK_TIME_MAX];
	int	 rc;

	if ((rc = lk_db_appointment_next(db, lead, &a)) != 0)
		return rc;
	if (a.id == 0) {
		lk_err(EX_DATAERR, "lead %lld: no open appointment: set one "
		    "with --appointment WHEN", (long long)lead);
		return EX_DATAERR;
	}
	if (c->confirm) {
		if (a.confirmed) {
			lk_err(EX_DATAERR, "lead %lld: appointment %lld is "
			    "confirmed already", (long long)lead,
			    (long long)a.id);
			return EX_DATAERR;
		}
		return lk_db_followup_event(db, a.id, "confirmed", 0);
	}
	if (c->missed) {
		/* A customer is late, not missing, until the time passed. */
		if (lk_clock_now() < a.due) {
			lk_err(EX_DATAERR, "lead %lld: appointment %lld is not "
			    "due until %s: --missed once that has passed",
			    (long long)lead, (long long)a.id,
			    lk_time_local(a.due, buf));
			return EX_DATAERR;
		}
		return lk_db_followup_event(db, a.id, "missed", 0);
	}
	if (c->at != 0 && c->at < a.set) {
		lk_err(EX_DATAERR, "lead %lld: --at: the visit (%s) is before "
		    "appointment %lld was set", (long long)lead,
		    lk_time_local(c->at, buf), (long long)a.id);
		return EX_DATAERR;
	}
	/* Shown: the store visit is recorded, and it meets the appointment. */
	visit = *c;
	visit.log = "visit";
	return log_activity(db, &visit, lead, visits, note, a.id);
}

static int
undo(struct lk_db *db, const struct lk_change *c, int64_t lead)
{
	int64_t	 last, from, to, change;
	int	 rc;

	if ((rc = lk_db_status_last(db, lead, &last, &from, &to)) != 0)
		return rc;
	if (last == 0) {
		lk_err(EX_DATAERR, "lead %lld: no status change to undo",
		    (long long)lead);
		return EX_DATAERR;
	}
	if ((rc = lk_db_status_change(db, lead, to, from, c->note, last, 0,
	    &change)) != 0)
		return rc;
	/* The follow-up that came with the change goes with it. */
	return lk_db_followups_cancel(db, last);
}

/* The note of a duplicate names the original lead and its source. */
static char *
duplicate_note(struct lk_db *db, const struct lk_change *c)
{
	char	*source, *note;

	if (lk_db_lead_source(db, c->of, &source) != 0)
		return NULL;
	note = lk_xasprintf("duplicate of lead %lld (source %s)%s%s",
	    (long long)c->of, source != NULL ? source : "unknown",
	    c->note != NULL ? "; " : "", c->note != NULL ? c->note : "");
	free(source);
	return note;
}

/*
 * The status change and what comes next: an appointment set with it is
 * its follow-up (DOMAIN.md: an appointment is a follow-up the customer
 * comes in for), so it meets the follow-up rules like --follow-up does.
 */
static int
change_status(struct lk_db *db, const struct lk_kinds *k,
    const struct lk_change *c, const char *appt_kind, int64_t lead)
{
	const struct lk_status *s = c->to;
	struct lk_lead_facts lf, of;
	struct lk_facts f;
	struct lk_buf why = LK_BUF_INIT;
	struct lk_dur d;
	const char *kind;
	char	*note = NULL;
	int64_t	 change, fid;
	time_t	 due;
	int	 found, rc;

	/* Read again: an activity logged by this command counts. */
	if ((rc = lk_db_lead_facts(db, lead, &lf, &found)) != 0)
		return rc;
	lk_lead_facts_free(&lf);
	memset(&f, 0, sizeof(f));
	f.lead = lead;
	f.now = lk_clock_now();
	f.received = lf.received;
	f.attempts = lf.attempts;
	f.visits = lf.visits;
	f.follow_up = c->follow_up || c->appointment;
	f.kind = c->appointment ? appt_kind : c->kind;
	f.due = c->appointment ? c->appt_due : c->due;
	if ((f.of = c->of) != 0) {
		if ((rc = lk_db_lead_facts(db, c->of, &of, &found)) != 0)
			return rc;
		lk_lead_facts_free(&of);
		if (!found) {
			lk_err(EX_DATAERR, "--of: no lead %lld",
			    (long long)c->of);
			return EX_DATAERR;
		}
		f.of_received = of.received;
		if ((rc = lk_db_same_customer(db, lead, c->of,
		    &f.of_same)) != 0)
			return rc;
	}
	if (c->kind != NULL && !f.follow_up && s->follow_up_in == NULL) {
		lk_err(EX_USAGE, "--kind: %s schedules no follow-up: add "
		    "--follow-up WHEN", s->name);
		return EX_USAGE;
	}
	if (lk_rules_check(s, &f, &why) != 0) {
		lk_err(EX_DATAERR, "lead %lld: %s", (long long)lead, why.s);
		lk_buf_free(&why);
		return EX_DATAERR;
	}
	lk_buf_free(&why);
	if (s->duplicate_within != NULL &&
	    (note = duplicate_note(db, c)) == NULL)
		return EX_SOFTWARE;
	rc = lk_db_status_change(db, lead, lf.status_id, s->id,
	    note != NULL ? note : c->note, 0, s->duplicate_within != NULL ?
	    c->of : 0, &change);
	free(note);
	if (rc != 0)
		return rc;
	/* Its follow-up: the one asked for, or the rule's default. */
	if (f.follow_up)
		due = f.due;
	else if (s->follow_up_in != NULL &&
	    lk_dur_parse(s->follow_up_in, &d) == 0)
		due = lk_dur_add(f.now, &d, 0);
	else
		return 0;
	kind = f.kind != NULL ? f.kind : s->follow_up_kind != NULL ?
	    s->follow_up_kind : s->default_kind != NULL ? s->default_kind :
	    default_kind(k);
	return lk_db_followup_add(db, lead, kind, due, NULL, change, &fid);
}

/* What a BDC rep starts: rule 3 is about these going out. */
static const char *const outreach[] = { "call", "email", "text", "letter",
    "quote", NULL };

static int
is(const char *s, const char *t)
{
	return s != NULL && t != NULL && strcmp(s, t) == 0;
}

static int
outgoing(const struct lk_change *c)
{
	const char *const *k;

	if (c->log == NULL || (c->direction != NULL &&
	    strcmp(c->direction, "out") != 0))
		return 0;
	for (k = outreach; *k != NULL; k++)
		if (strcmp(c->log, *k) == 0)
			return 1;
	return 0;
}

/*
 * Who may do c to lead lf: the lead's salesperson, a manager or an admin
 * marks it needs-bdc; a BDC rep on an ISS's lead meets rule 2 (its
 * status stays new until an ISS quoted) and rule 3 (contact only when
 * the lead is marked or someone who may confirmed).  0, or 77 after the
 * line naming the rule and what would allow it.
 */
static int
engage(struct lk_db *db, const struct lk_change *c,
    const struct lk_routing *r, const struct lk_lead_facts *lf)
{
	const char *role = lk_db_role(db), *me = lk_db_actor(db);
	const char *sp = lf->salesperson;
	long long id = (long long)lf->id;
	int	 yes, rc;

	if (role == NULL)
		return 0;
	if (c->needs_bdc != 0 && !is(role, "manager") &&
	    !is(role, "admin") && !is(sp, me)) {
		lk_err(EX_NOPERM, "lead %lld: %s is %s: only the lead's "
		    "salesperson%s%s%s, a manager or an admin may mark it "
		    "needs-bdc", id, me, role, sp != NULL ? " (" : "",
		    sp != NULL ? sp : "", sp != NULL ? ")" : "");
		return EX_NOPERM;
	}
	if (!is(role, "bdc") || is(sp, me) || !is(lf->sp_role, "iss"))
		return 0;
	if (KEPT(r, 2) && c->to != NULL && lf->initial && !lf->iss_quote) {
		lk_err(EX_NOPERM, "lead %lld: rule 2: a BDC rep changes a new "
		    "ISS lead's status only after an ISS sends a quote "
		    "(lead-status %lld --log quote, by %s)", id, id, sp);
		return EX_NOPERM;
	}
	if (!KEPT(r, 3) || !outgoing(c) || lf->needs_bdc)
		return 0;
	if (c->confirmed == NULL) {
		lk_err(EX_NOPERM, "lead %lld: rule 3: a BDC rep contacts %s's "
		    "customer only once %s or a manager confirmed "
		    "(--confirmed LOGIN) or the lead is marked needs-bdc", id,
		    sp, sp);
		return EX_NOPERM;
	}
	if (is(c->confirmed, sp))
		return 0;
	if ((rc = lk_db_is_manager(db, c->confirmed, &yes)) != 0 || yes)
		return rc;
	lk_err(EX_NOPERM, "lead %lld: rule 3: --confirmed %s: only %s, the "
	    "lead's salesperson, or an active manager confirms a BDC rep's "
	    "contact", id, c->confirmed, sp);
	return EX_NOPERM;
}

/*
 * Rule 4: a BDC rep who works someone else's lead goes in its CDR
 * field, never its salesperson's.
 */
static int
worked(struct lk_db *db, const struct lk_routing *r,
    const struct lk_lead_facts *lf)
{
	struct lk_arow a;
	const char *me = lk_db_actor(db);
	char	*why;
	int	 rc;

	if (!is(lk_db_role(db), "bdc") || !KEPT(r, 4) ||
	    lf->salesperson == NULL || is(lf->salesperson, me) ||
	    is(lf->cdr, me))
		return 0;
	memset(&a, 0, sizeof(a));
	a.lead = lf->id;
	a.role = "cdr";
	a.from = lf->cdr;
	a.to = me;
	a.reason = "worked";
	a.why = why = lk_xasprintf("a BDC rep worked %s's lead",
	    lf->salesperson);
	rc = lk_db_assignment_add(db, &a);
	free(why);
	return rc;
}

/* c applied to lead, whose facts are lf. */
static int
apply(struct lk_db *db, const struct lk_kinds *k, const struct lk_change *c,
    const struct lk_lead_facts *lf, int64_t lead)
{
	const char *note = c->note, *kind, *appt_kind = NULL;
	int64_t	 fid;
	int	 rc;

	if (c->appointment && (appt_kind = c->kind != NULL ? c->kind :
	    appointment_kind(k)) == NULL) {
		lk_err(EX_DATAERR, "no follow-up kind is an appointment in "
		    "the catalog");
		return EX_DATAERR;
	}
	if (c->undo)
		return undo(db, c, lead);
	/* The note goes with the status change when there is one. */
	if (c->to != NULL)
		note = NULL;
	if (c->log != NULL &&
	    (rc = log_activity(db, c, lead, lf->visits, note, 0)) != 0)
		return rc;
	if ((c->confirm || c->shown || c->missed) &&
	    (rc = appointment_outcome(db, c, lead, lf->visits, note)) != 0)
		return rc;
	if (c->log != NULL || c->confirm || c->shown || c->missed)
		note = NULL;
	if (c->to != NULL)
		return change_status(db, k, c, appt_kind, lead);
	if (c->follow_up) {
		kind = c->kind != NULL ? c->kind : default_kind(k);
		if ((rc = lk_db_followup_add(db, lead, kind, c->due, note, 0,
		    &fid)) != 0)
			return rc;
	}
	if (c->appointment)
		return lk_db_followup_add(db, lead, appt_kind, c->appt_due,
		    note, 0, &fid);
	return 0;
}

int
lk_status_apply(struct lk_db *db, const struct lk_kinds *k,
    const struct lk_change *c, const struct lk_routing *r, int64_t lead)
{
	struct lk_lead_facts lf;
	int	 found, rc;

	if ((rc = lk_db_lead_facts(db, lead, &lf, &found)) != 0)
		return rc;
	if (!found) {
		lk_err(EX_DATAERR, "no lead %lld", (long long)lead);
		return EX_DATAERR;
	}
	if ((rc = engage(db, c, r, &lf)) == 0 && c->needs_bdc != 0 &&
	    (c->needs_bdc > 0) != lf.needs_bdc)
		rc = lk_db_mark_add(db, lead, "needs-bdc", c->needs_bdc > 0);
	if (rc == 0)
		rc = apply(db, k, c, &lf, lead);
	if (rc == 0)
		rc = worked(db, r, &lf);
	lk_lead_facts_free(&lf);
	return rc;
}

int
lk_status_resolve(const struct lk_catalog *cat, const struct lk_kinds *k,
    const char *status, struct lk_change *c)
{
	struct lk_buf matches = LK_BUF_INIT;
	const struct lk_kind *kd;
	int	 s;

	if (status != NULL) {
		s = lk_catalog_find(cat, status, &matches);
		if (s == -2)
			lk_msg_at(EX_USAGE, NULL, 0, NULL, status,
			    "ambiguous status (%s)", matches.s);
		else if (s < 0)
			lk_msg_at(EX_USAGE, NULL, 0, NULL, status,
			    "no such status (lead-status --catalog lists "
			    "them)");
		lk_buf_free(&matches);
		if (s < 0)
			return EX_USAGE;
		c->to = &cat->s[s];
	}
	if (c->kind != NULL) {
		if ((kd = lk_kinds_find(k, c->kind)) == NULL) {
			lk_msg_at(EX_USAGE, NULL, 0, "--kind", c->kind,
			    "no such kind (lead-status --kinds lists them)");
			return EX_USAGE;
		}
		if (c->appointment && !kd->appointment) {
			lk_msg_at(EX_USAGE, NULL, 0, "--kind", kd->name,
			    "not an appointment");
			return EX_USAGE;
		}
		c->kind = kd->name;
	}
	return 0;
}

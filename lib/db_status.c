/*
 * db_status: what lead-status writes and reads: status changes, undo,
 * activities, follow-ups and appointments, a lead's history, and
 * batches listed and undone.  History is only ever appended to.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"
#include "msg.h"
#include "norm.h"
#include "out.h"
#include "xmem.h"

/* A column's text malloc'd, or NULL. */
static char *
column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s;

	s = sqlite3_column_text(st, i);
	return s != NULL ? lk_xstrdup((const char *)s) : NULL;
}

int
lk_db_lead_facts(struct lk_db *db, int64_t id, struct lk_lead_facts *f,
    int *found)
{
	sqlite3_stmt *st;
	int	 r;

	memset(f, 0, sizeof(*f));
	*found = 0;
	/* An ISS's quote is one by whoever is an ISS on the roster now. */
	if ((st = lk_dbi_stmt(db, "SELECT l.status_id, l.received_at, "
	    "(SELECT count(*) FROM activities a WHERE a.lead_id = l.id "
	    "AND a.outcome = 'attempt'), "
	    "(SELECT count(*) FROM activities a WHERE a.lead_id = l.id "
	    "AND a.kind = 'visit'), s.initial, l.salesperson, "
	    "(SELECT role FROM staff WHERE login = l.salesperson), l.cdr, "
	    "l.needs_bdc, EXISTS (SELECT 1 FROM activities a JOIN staff t "
	    "ON t.login = a.actor WHERE a.lead_id = l.id AND "
	    "a.kind = 'quote' AND t.role = 'iss') "
	    "FROM leads l JOIN statuses s ON s.id = l.status_id "
	    "WHERE l.id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*found = 1;
		f->id = id;
		f->status_id = sqlite3_column_int64(st, 0);
		lk_time_parse_utc((const char *)sqlite3_column_text(st, 1),
		    &f->received);
		f->attempts = sqlite3_column_int64(st, 2);
		f->visits = sqlite3_column_int64(st, 3);
		f->initial = sqlite3_column_int(st, 4);
		f->salesperson = column_dup(st, 5);
		f->sp_role = column_dup(st, 6);
		f->cdr = column_dup(st, 7);
		f->needs_bdc = sqlite3_column_int(st, 8);
		f->iss_quote = sqlite3_column_int(st, 9);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading a lead");
	return 0;
}

void
lk_lead_facts_free(struct lk_lead_facts *f)
{
	free(f->salesperson);
	free(f->sp_role);
	free(f->cdr);
	f->salesperson = f->sp_role = f->cdr = NULL;
}

int
lk_db_is_manager(struct lk_db *db, const char *login, int *yes)
{
	sqlite3_stmt *st;
	int	 r;

	*yes = 0;
	if ((st = lk_dbi_stmt(db, "SELECT 1 FROM staff WHERE login = ? "
	    "AND role = 'manager' AND active")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, login);
	*yes = (r = sqlite3_step(st)) == SQLITE_ROW;
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the staff roster");
	return 0;
}

int
lk_db_mark_add(struct lk_db *db, int64_t lead, const char *mark, int value)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO lead_marks (lead_id, batch_id, "
	    "at, actor, mark, value) VALUES (?, ?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, lk_clock_now());
	lk_dbi_text(st, 4, db->actor);
	lk_dbi_text(st, 5, mark);
	sqlite3_bind_int(st, 6, value);
	return lk_dbi_done(db, st, "marking a lead");
}

/* A phone's extension does not make it another person's number. */
#define CONTACTS \
    "WITH c(lead, kind, norm) AS (" \
    "SELECT id, 'email', email_norm FROM leads WHERE id IN (?1, ?2) " \
    "AND email_norm IS NOT NULL UNION ALL " \
    "SELECT id, 'phone', phone_e164 FROM leads WHERE id IN (?1, ?2) " \
    "AND phone_e164 IS NOT NULL UNION ALL " \
    "SELECT lead_id, kind, norm FROM lead_contacts " \
    "WHERE lead_id IN (?1, ?2) AND norm IS NOT NULL), " \
    "d(lead, kind, norm) AS (SELECT lead, kind, CASE WHEN instr(norm, " \
    "';') > 0 THEN substr(norm, 1, instr(norm, ';') - 1) ELSE norm END " \
    "FROM c) "

/* Folded "first last", street and postal code of a lead. */
static int
who(struct lk_db *db, int64_t id, struct lk_buf *name, struct lk_buf *street,
    struct lk_buf *postal)
{
	struct lk_buf raw = LK_BUF_INIT;
	sqlite3_stmt *st;
	const unsigned char *s;
	int	 r, i;

	if ((st = lk_dbi_stmt(db, "SELECT first_name, last_name, street, "
	    "postal_code FROM leads WHERE id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 2; i++)
			if ((s = sqlite3_column_text(st, i)) != NULL)
				lk_buf_addf(&raw, "%s ", s);
		lk_fold(lk_buf_str(&raw), name);
		if ((s = sqlite3_column_text(st, 2)) != NULL)
			lk_fold((const char *)s, street);
		if ((s = sqlite3_column_text(st, 3)) != NULL)
			lk_fold((const char *)s, postal);
	}
	sqlite3_reset(st);
	lk_buf_free(&raw);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading a lead");
	return 0;
}

static int
equal(const struct lk_buf *a, const struct lk_buf *b)
{
	return a->len > 0 && a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

int
lk_db_same_customer(struct lk_db *db, int64_t a, int64_t b, int *same)
{
	struct lk_buf n[2] = { LK_BUF_INIT, LK_BUF_INIT },
	    s[2] = { LK_BUF_INIT, LK_BUF_INIT },
	    p[2] = { LK_BUF_INIT, LK_BUF_INIT };
	sqlite3_stmt *st;
	int	 i, rc = 0;

	*same = 0;
	if ((st = lk_dbi_stmt(db, CONTACTS "SELECT EXISTS (SELECT 1 FROM d x "
	    "JOIN d y ON x.kind = y.kind AND x.norm = y.norm "
	    "WHERE x.lead = ?1 AND y.lead = ?2)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	if (sqlite3_step(st) == SQLITE_ROW)
		*same = sqlite3_column_int(st, 0);
	else
		rc = lk_dbi_fail(db, "comparing leads");
	sqlite3_reset(st);
	if (rc != 0 || *same)
		return rc;
	/* The same name at the same address is the same person too. */
	for (i = 0; i < 2 && rc == 0; i++)
		rc = who(db, i == 0 ? a : b, &n[i], &s[i], &p[i]);
	if (rc == 0)
		*same = equal(&n[0], &n[1]) &&
		    (equal(&s[0], &s[1]) || equal(&p[0], &p[1]));
	for (i = 0; i < 2; i++) {
		lk_buf_free(&n[i]);
		lk_buf_free(&s[i]);
		lk_buf_free(&p[i]);
	}
	return rc;
}

int
lk_db_lead_source(struct lk_db *db, int64_t id, char **source)
{
	sqlite3_stmt *st;
	const unsigned char *s;
	int	 r;

	*source = NULL;
	if ((st = lk_dbi_stmt(db, "SELECT source FROM leads WHERE id = ?")) ==
	    NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW &&
	    (s = sqlite3_column_text(st, 0)) != NULL)
		*source = lk_xstrdup((const char *)s);
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading a lead");
	return 0;
}

int
lk_db_status_change(struct lk_db *db, int64_t lead, int64_t from, int64_t to,
    const char *note, int64_t undoes, int64_t of, int64_t *change)
{
	sqlite3_stmt *st;
	int	 rc;

	if ((st = lk_dbi_stmt(db, "INSERT INTO status_changes (lead_id, "
	    "batch_id, at, actor, from_id, to_id, note, undoes, of_lead_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, lk_clock_now());
	lk_dbi_text(st, 4, db->actor);
	sqlite3_bind_int64(st, 5, from);
	sqlite3_bind_int64(st, 6, to);
	lk_dbi_text(st, 7, note);
	if (undoes != 0)
		sqlite3_bind_int64(st, 8, undoes);
	if (of != 0)
		sqlite3_bind_int64(st, 9, of);
	if ((rc = lk_dbi_done(db, st, "changing the status")) != 0)
		return rc;
	*change = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int
lk_db_status_last(struct lk_db *db, int64_t lead, int64_t *change,
    int64_t *from, int64_t *to)
{
	sqlite3_stmt *st;
	int64_t	*undone = NULL, id;
	size_t	 n = 0, i;
	int	 r, skip;

	*change = *from = *to = 0;
	if ((st = lk_dbi_stmt(db, "SELECT id, from_id, to_id, undoes FROM "
	    "status_changes WHERE lead_id = ? ORDER BY id DESC")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	/* Newest first: an undo hides the change it undid. */
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			undone = lk_xreallocarray(undone, n + 1,
			    sizeof(*undone));
			undone[n++] = sqlite3_column_int64(st, 3);
			continue;
		}
		for (i = 0, skip = 0; i < n; i++)
			skip |= undone[i] == id;
		if (skip)
			continue;
		*change = id;
		*from = sqlite3_column_int64(st, 1);
		*to = sqlite3_column_int64(st, 2);
		break;
	}
	sqlite3_reset(st);
	free(undone);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the history");
	return 0;
}

int
lk_db_followups_cancel(struct lk_db *db, int64_t change)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO followup_events (followup_id, "
	    "batch_id, at, actor, event) SELECT id, ?, ?, ?, 'cancelled' "
	    "FROM followup_state WHERE status_change_id = ? "
	    "AND state = 'open'")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, db->batch);
	lk_dbi_time(st, 2, lk_clock_now());
	lk_dbi_text(st, 3, db->actor);
	sqlite3_bind_int64(st, 4, change);
	return lk_dbi_done(db, st, "cancelling follow-ups");
}

int
lk_db_followup_add(struct lk_db *db, int64_t lead, const char *kind,
    time_t due, const char *note, int64_t change, int64_t *id)
{
	sqlite3_stmt *st;
	int	 rc;

	if ((st = lk_dbi_stmt(db, "INSERT INTO followups (lead_id, batch_id, "
	    "at, actor, kind, due_at, note, status_change_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, lk_clock_now());
	lk_dbi_text(st, 4, db->actor);
	lk_dbi_text(st, 5, kind);
	lk_dbi_time(st, 6, due);
	lk_dbi_text(st, 7, note);
	if (change != 0)
		sqlite3_bind_int64(st, 8, change);
	if ((rc = lk_dbi_done(db, st, "scheduling a follow-up")) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int
lk_db_followup_event(struct lk_db *db, int64_t followup, const char *event,
    int64_t activity)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO followup_events (followup_id, "
	    "batch_id, at, actor, event, activity_id) "
	    "VALUES (?, ?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, followup);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, lk_clock_now());
	lk_dbi_text(st, 4, db->actor);
	lk_dbi_text(st, 5, event);
	if (activity != 0)
		sqlite3_bind_int64(st, 6, activity);
	return lk_dbi_done(db, st, "recording a follow-up's outcome");
}

int
lk_db_activity_add(struct lk_db *db, int64_t lead, time_t at,
    const char *kind, const char *direction, const char *outcome,
    const char *note, const char *confirmed_by, int64_t meets, int64_t *id,
    int64_t *followup)
{
	sqlite3_stmt *st;
	int	 r, appointment = 0, rc;

	*followup = 0;
	/* A call logged --at an hour ago was not made against a follow-up
	 * set since: only one set by then can be done by it. */
	if ((st = lk_dbi_stmt(db, "SELECT f.id, f.appointment FROM "
	    "followup_state f JOIN followup_kinds k ON k.name = f.kind "
	    "WHERE f.lead_id = ?1 AND f.state = 'open' AND (f.id = ?4 OR "
	    "(?4 = 0 AND instr(' ' || k.done_by || ' ', ' ' || ?2 || ' ') > 0 "
	    "AND f.at <= ?3)) ORDER BY f.due_at, f.id LIMIT 1")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	lk_dbi_text(st, 2, kind);
	lk_dbi_time(st, 3, at);
	sqlite3_bind_int64(st, 4, meets);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*followup = sqlite3_column_int64(st, 0);
		appointment = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading follow-ups");
	if ((st = lk_dbi_stmt(db, "INSERT INTO activities (lead_id, batch_id, "
	    "at, actor, kind, direction, outcome, note, followup_id, "
	    "confirmed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, at);
	lk_dbi_text(st, 4, db->actor);
	lk_dbi_text(st, 5, kind);
	lk_dbi_text(st, 6, direction);
	lk_dbi_text(st, 7, outcome);
	lk_dbi_text(st, 8, note);
	if (*followup != 0)
		sqlite3_bind_int64(st, 9, *followup);
	lk_dbi_text(st, 10, confirmed_by);
	if ((rc = lk_dbi_done(db, st, "recording an activity")) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(db->h);
	if (*followup != 0)
		rc = lk_db_followup_event(db, *followup,
		    appointment ? "shown" : "done", *id);
	return rc;
}

int
lk_db_appointment_next(struct lk_db *db, int64_t lead, struct lk_appt *a)
{
	sqlite3_stmt *st;
	int	 r;

	memset(a, 0, sizeof(*a));
	if ((st = lk_dbi_stmt(db, "SELECT id, confirmed, at, due_at FROM "
	    "followup_state WHERE lead_id = ? AND appointment AND "
	    "state = 'open' ORDER BY due_at, id LIMIT 1")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		a->id = sqlite3_column_int64(st, 0);
		a->confirmed = sqlite3_column_int(st, 1);
		lk_time_parse_utc((const char *)sqlite3_column_text(st, 2),
		    &a->set);
		lk_time_parse_utc((const char *)sqlite3_column_text(st, 3),
		    &a->due);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading appointments");
	return 0;
}

static const char HISTORY[] =
    "SELECT lead_id, at, event, detail, due_at, note, actor, batch_id FROM ("
    "SELECT l.id AS lead_id, l.received_at AS at, 'received' AS event, "
    "l.origin || coalesce(', ' || l.source, '') AS detail, "
    "NULL AS due_at, NULL AS note, b.actor AS actor, l.batch_id AS batch_id, "
    "0 AS ord, 0 AS seq "
    "FROM leads l JOIN batches b ON b.id = l.batch_id WHERE l.id = ?1 "
    "UNION ALL "
    "SELECT a.lead_id, a.at, a.kind, a.direction || coalesce(' ' || "
    "a.outcome, '') || coalesce(', follow-up ' || a.followup_id, '') || "
    "coalesce(', confirmed by ' || a.confirmed_by, ''), "
    "NULL, a.note, a.actor, a.batch_id, 1, a.id "
    "FROM activities a WHERE a.lead_id = ?1 "
    "UNION ALL "
    "SELECT c.lead_id, c.at, CASE WHEN c.undoes IS NULL THEN 'status' "
    "ELSE 'undo' END, f.name || ' -> ' || t.name, NULL, c.note, c.actor, "
    "c.batch_id, 2, c.id FROM status_changes c "
    "JOIN statuses f ON f.id = c.from_id JOIN statuses t ON t.id = c.to_id "
    "WHERE c.lead_id = ?1 "
    "UNION ALL "
    "SELECT f.lead_id, f.at, CASE WHEN k.appointment THEN 'appointment' "
    "ELSE 'follow-up' END, f.kind || ' ' || f.id, f.due_at, f.note, "
    "f.actor, f.batch_id, 3, f.id FROM followups f "
    "JOIN followup_kinds k ON k.name = f.kind WHERE f.lead_id = ?1 "
    "UNION ALL "
    "SELECT f.lead_id, e.at, e.event, f.kind || ' ' || f.id, NULL, NULL, "
    "e.actor, e.batch_id, 4, e.id FROM followup_events e "
    "JOIN followups f ON f.id = e.followup_id WHERE f.lead_id = ?1 "
    "UNION ALL "
    "SELECT s.lead_id, s.at, CASE s.role WHEN 'cdr' THEN 'cdr' "
    "ELSE 'assigned' END, coalesce(s.from_login, '-') || ' -> ' || "
    "coalesce(s.to_login, '-') || ' (' || s.reason || "
    "coalesce(' of batch ' || (SELECT u.batch_id FROM assignments u "
    "WHERE u.id = s.undoes), '') || "
    "coalesce(', rule ' || s.rule, '') || "
    "coalesce(', rotation ' || s.rotation, '') || ')', s.due_at, s.why, "
    "s.actor, s.batch_id, 5, s.id FROM assignments s WHERE s.lead_id = ?1 "
    "UNION ALL "
    "SELECT m.lead_id, m.at, m.mark, CASE WHEN m.value THEN 'set' "
    "ELSE 'cleared' END, NULL, NULL, m.actor, m.batch_id, 6, m.id "
    "FROM lead_marks m WHERE m.lead_id = ?1"
    ") ORDER BY at, batch_id, ord, seq";

int
lk_db_history(struct lk_db *db, int64_t lead, struct lk_out *out, int begin)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, HISTORY)) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	return lk_dbi_emit(db, st, out, begin);
}

int
lk_db_batches(struct lk_db *db, struct lk_out *out)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "SELECT b.id, b.at, b.actor, b.by_login, "
	    "b.program, b.args, "
	    "(SELECT count(*) FROM leads WHERE batch_id = b.id) AS leads, "
	    "(SELECT count(*) FROM status_changes WHERE batch_id = b.id) "
	    "AS status_changes, "
	    "(SELECT count(*) FROM activities WHERE batch_id = b.id) "
	    "AS activities, "
	    "(SELECT count(*) FROM followups WHERE batch_id = b.id) "
	    "AS followups, "
	    "(SELECT count(*) FROM followup_events WHERE batch_id = b.id) "
	    "AS followup_events, "
	    "(SELECT count(*) FROM assignments WHERE batch_id = b.id) "
	    "AS assignments, "
	    "(SELECT count(*) FROM lead_marks WHERE batch_id = b.id) "
	    "AS marks, "
	    "(SELECT count(*) FROM catalog_changes WHERE batch_id = b.id) "
	    "AS catalog_changes, "
	    "(SELECT count(*) FROM documents WHERE batch_id = b.id) "
	    "AS documents, "
	    "(SELECT count(*) FROM quarantine WHERE batch_id = b.id) "
	    "AS quarantined, "
	    "u.undone_by FROM batches b LEFT JOIN batch_undos u "
	    "ON u.batch_id = b.id ORDER BY b.id DESC")) == NULL)
		return EX_SOFTWARE;
	return lk_dbi_emit(db, st, out, 1);
}

/* One number from a query with ?1 bound to a. */
static int
count(struct lk_db *db, const char *sql, int64_t a, int64_t *n)
{
	sqlite3_stmt *st;
	int	 r;

	if ((st = lk_dbi_stmt(db, sql)) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, a);
	r = sqlite3_step(st);
	*n = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading batches");
	return 0;
}

/* Refuse an undo, naming the batch and what stands in the way (why is
 * freed here). */
static int
refuse(int64_t batch, char *why)
{
	lk_err(EX_DATAERR, "batch %lld cannot be undone: %s",
	    (long long)batch, why);
	free(why);
	return EX_DATAERR;
}

/* Undo the status changes batch made, newest first. */
static int
undo_changes(struct lk_db *db, int64_t batch)
{
	sqlite3_stmt *st;
	int64_t	*ids = NULL, *leads = NULL, last, from, to, change;
	size_t	 n = 0, i;
	int	 r, rc = 0;

	if ((st = lk_dbi_stmt(db, "SELECT id, lead_id FROM status_changes "
	    "WHERE batch_id = ? ORDER BY id DESC")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		ids = lk_xreallocarray(ids, n + 1, sizeof(*ids));
		leads = lk_xreallocarray(leads, n + 1, sizeof(*leads));
		ids[n] = sqlite3_column_int64(st, 0);
		leads[n++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		rc = lk_dbi_fail(db, "reading the batch");
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = lk_db_status_last(db, leads[i], &last, &from,
		    &to)) != 0)
			break;
		if (last != ids[i]) {
			rc = refuse(batch, lk_xasprintf("lead %lld changed "
			    "again since (change %lld): undo that first",
			    (long long)leads[i], (long long)last));
			break;
		}
		if ((rc = lk_db_status_change(db, leads[i], to, from,
		    "undo of a batch", ids[i], 0, &change)) == 0)
			rc = lk_db_followups_cancel(db, ids[i]);
	}
	free(ids);
	free(leads);
	return rc;
}

/* An assignment a batch made, to give back. */
struct arow {
	int64_t	 id, lead, stride;
	char	*role, *from, *to, *rotation, *reason;
};

/*
 * The assignment of lead in role that stands: the newest that is not an
 * undo and that no undo reverted, as lk_db_status_last finds a status
 * change.  *id and *batch 0 when none does.
 */
static int
assignment_last(struct lk_db *db, int64_t lead, const char *role,
    int64_t *id, int64_t *batch)
{
	sqlite3_stmt *st;
	int64_t	*undone = NULL, row;
	size_t	 n = 0, i;
	int	 r, skip;

	*id = *batch = 0;
	if ((st = lk_dbi_stmt(db, "SELECT id, batch_id, undoes FROM "
	    "assignments WHERE lead_id = ? AND role = ? ORDER BY id DESC")) ==
	    NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	lk_dbi_text(st, 2, role);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		row = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			undone = lk_xreallocarray(undone, n + 1,
			    sizeof(*undone));
			undone[n++] = sqlite3_column_int64(st, 2);
			continue;
		}
		for (i = 0, skip = 0; i < n; i++)
			skip |= undone[i] == row;
		if (skip)
			continue;
		*id = row;
		*batch = sqlite3_column_int64(st, 1);
		break;
	}
	sqlite3_reset(st);
	free(undone);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the assignments");
	return 0;
}

/* Give one assignment back: a row the other way, naming it, and the
 * round-robin turn it cost its member. */
static int
unassign(struct lk_db *db, const struct arow *a)
{
	sqlite3_stmt *st;
	int	 rc;

	if ((st = lk_dbi_stmt(db, "INSERT INTO assignments (lead_id, "
	    "batch_id, at, actor, role, from_login, to_login, reason, why, "
	    "undoes, rotation) VALUES (?, ?, ?, ?, ?, ?, ?, 'undo', "
	    "'undo of a batch', ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, a->lead);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, lk_clock_now());
	lk_dbi_text(st, 4, db->actor);
	lk_dbi_text(st, 5, a->role);
	lk_dbi_text(st, 6, a->to);
	lk_dbi_text(st, 7, a->from);
	sqlite3_bind_int64(st, 8, a->id);
	/* A claim from a pool, undone, puts the lead back in the pool: an
	 * assignment to nobody in a rotation is what a pool is. */
	if (a->from == NULL && a->reason != NULL &&
	    strcmp(a->reason, "claim") == 0)
		lk_dbi_text(st, 9, a->rotation);
	if ((rc = lk_dbi_done(db, st, "undoing an assignment")) != 0 ||
	    a->stride == 0 || a->rotation == NULL || a->to == NULL)
		return rc;
	if ((st = lk_dbi_stmt(db, "UPDATE turns SET pass = pass - ? "
	    "WHERE rotation = ? AND login = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, a->stride);
	lk_dbi_text(st, 2, a->rotation);
	lk_dbi_text(st, 3, a->to);
	return lk_dbi_done(db, st, "giving a round-robin turn back");
}

/* Undo the assignments batch made, newest first. */
static int
undo_assignments(struct lk_db *db, int64_t batch)
{
	sqlite3_stmt *st;
	struct arow *v = NULL;
	int64_t	 last, other;
	size_t	 n = 0, i;
	int	 r, rc = 0;

	if ((st = lk_dbi_stmt(db, "SELECT id, lead_id, role, from_login, "
	    "to_login, rotation, stride, reason FROM assignments "
	    "WHERE batch_id = ? AND undoes IS NULL ORDER BY id DESC")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		v = lk_xreallocarray(v, n + 1, sizeof(*v));
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].lead = sqlite3_column_int64(st, 1);
		v[n].role = column_dup(st, 2);
		v[n].from = column_dup(st, 3);
		v[n].to = column_dup(st, 4);
		v[n].rotation = column_dup(st, 5);
		v[n].stride = sqlite3_column_int64(st, 6);
		v[n++].reason = column_dup(st, 7);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		rc = lk_dbi_fail(db, "reading the batch");
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = assignment_last(db, v[i].lead, v[i].role, &last,
		    &other)) != 0)
			break;
		if (last != v[i].id)
			rc = refuse(batch, lk_xasprintf("lead %lld was given "
			    "another %s since (batch %lld): undo that first",
			    (long long)v[i].lead, v[i].role, (long long)other));
		else
			rc = unassign(db, &v[i]);
	}
	for (i = 0; i < n; i++) {
		free(v[i].role);
		free(v[i].from);
		free(v[i].to);
		free(v[i].rotation);
		free(v[i].reason);
	}
	free(v);
	return rc;
}

/* A mark a batch set, to reverse. */
struct mrow {
	int64_t	 lead;
	int64_t	 later;		/* a later batch that marked it */
	char	*mark;
	int	 before;	/* the value it had before */
};

/*
 * Reverse the marks batch set, newest first: each lead gets the value
 * it had before, as a mark of its own, unless it was marked since (by a
 * batch that stands: one undone, and its undo, cancel out).
 */
static int
undo_marks(struct lk_db *db, int64_t batch)
{
	sqlite3_stmt *st;
	struct mrow *v = NULL;
	size_t	 n = 0, i;
	int	 r, rc = 0;

	if ((st = lk_dbi_stmt(db, "SELECT m.lead_id, m.mark, "
	    "coalesce((SELECT p.value FROM lead_marks p WHERE p.lead_id = "
	    "m.lead_id AND p.mark = m.mark AND p.id < m.id ORDER BY p.id DESC "
	    "LIMIT 1), 0), coalesce((SELECT q.batch_id FROM lead_marks q "
	    "WHERE q.lead_id = m.lead_id AND q.mark = m.mark AND q.id > m.id "
	    "AND q.batch_id NOT IN (SELECT batch_id FROM batch_undos) "
	    "AND q.batch_id NOT IN (SELECT undone_by FROM batch_undos) "
	    "ORDER BY q.id DESC LIMIT 1), 0) FROM lead_marks m "
	    "WHERE m.batch_id = ? ORDER BY m.id DESC")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		v = lk_xreallocarray(v, n + 1, sizeof(*v));
		v[n].lead = sqlite3_column_int64(st, 0);
		v[n].mark = column_dup(st, 1);
		v[n].before = sqlite3_column_int(st, 2);
		v[n++].later = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		rc = lk_dbi_fail(db, "reading the batch");
	for (i = 0; i < n && rc == 0; i++) {
		if (v[i].later != 0)
			rc = refuse(batch, lk_xasprintf("lead %lld was marked "
			    "%s again since (batch %lld): undo that first",
			    (long long)v[i].lead, v[i].mark,
			    (long long)v[i].later));
		else
			rc = lk_db_mark_add(db, v[i].lead, v[i].mark,
			    v[i].before);
	}
	for (i = 0; i < n; i++)
		free(v[i].mark);
	free(v);
	return rc;
}

/* Only a manager, an admin or whoever ran a batch undoes it. */
static int
may_undo(struct lk_db *db, int64_t batch)
{
	sqlite3_stmt *st;
	char	*actor = NULL;
	int	 r, rc = 0;

	if (db->role == NULL || strcmp(db->role, "manager") == 0 ||
	    strcmp(db->role, "admin") == 0)
		return 0;
	if ((st = lk_dbi_stmt(db, "SELECT actor FROM batches WHERE id = ?")) ==
	    NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		actor = column_dup(st, 0);
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading batches");
	if (actor == NULL || strcmp(actor, db->actor) != 0) {
		lk_err(EX_NOPERM, "%s is %s: only a manager or admin may undo "
		    "batch %lld, which %s ran", db->actor, db->role,
		    (long long)batch, actor != NULL ? actor : "nobody");
		rc = EX_NOPERM;
	}
	free(actor);
	return rc;
}

int
lk_db_batch_undo(struct lk_db *db, int64_t batch)
{
	sqlite3_stmt *st;
	int64_t	 n, lead, other;
	int	 rc, r;

	if ((rc = count(db, "SELECT count(*) FROM batches WHERE id = ?1",
	    batch, &n)) != 0)
		return rc;
	/* The batch under way is this very undo, not one to undo. */
	if (n == 0 || batch >= db->batch) {
		lk_err(EX_DATAERR, "no batch %lld", (long long)batch);
		return EX_DATAERR;
	}
	if ((rc = may_undo(db, batch)) != 0)
		return rc;
	if ((rc = count(db, "SELECT coalesce((SELECT undone_by FROM "
	    "batch_undos WHERE batch_id = ?1), 0)", batch, &n)) != 0)
		return rc;
	if (n != 0)
		return refuse(batch, lk_xasprintf("batch %lld undid it "
		    "already", (long long)n));
	if ((rc = count(db, "SELECT count(*) FROM batch_undos WHERE "
	    "undone_by = ?1", batch, &n)) != 0)
		return rc;
	if (n == 0 && (rc = count(db, "SELECT (SELECT count(*) FROM "
	    "status_changes WHERE batch_id = ?1 AND undoes IS NOT NULL) + "
	    "(SELECT count(*) FROM assignments WHERE batch_id = ?1 AND "
	    "undoes IS NOT NULL)", batch, &n)) != 0)
		return rc;
	if (n != 0)
		return refuse(batch, lk_xstrdup("it is itself an undo; set "
		    "the status again instead"));
	if ((rc = count(db, "SELECT (SELECT count(*) FROM activities WHERE "
	    "batch_id = ?1) + (SELECT count(*) FROM followup_events WHERE "
	    "batch_id = ?1 AND event <> 'cancelled') + (SELECT count(*) FROM "
	    "catalog_changes WHERE batch_id = ?1)", batch, &n)) != 0)
		return rc;
	if (n != 0)
		return refuse(batch, lk_xasprintf("it recorded %lld "
		    "activities, appointment outcomes or catalog changes, "
		    "which stay in the history", (long long)n));
	if ((rc = count(db, "SELECT (SELECT count(*) FROM staff_changes "
	    "WHERE batch_id = ?1) + (SELECT count(*) FROM shifts WHERE "
	    "batch_id = ?1) + (SELECT count(*) FROM time_off WHERE "
	    "batch_id = ?1)", batch, &n)) != 0)
		return rc;
	if (n != 0)
		return refuse(batch, lk_xstrdup("it changed the staff roster, "
		    "which lead-staff changes back"));
	if ((rc = count(db, "SELECT count(*) FROM quarantine WHERE "
	    "batch_id = ?1", batch, &n)) != 0)
		return rc;
	if (n != 0)
		return refuse(batch, n == 1 ? lk_xstrdup("it quarantined "
		    "1 document, which stays (lead-add --discard releases "
		    "it)") : lk_xasprintf("it quarantined %lld documents, "
		    "which stay (lead-add --discard releases them)",
		    (long long)n));
	/*
	 * The leads it added go, if nothing happened to them since; the
	 * follow-ups it set are cancelled, if nothing became of them since
	 * (an appointment confirmed or shown is history of its own).
	 */
	if ((st = lk_dbi_stmt(db, "SELECT l.id, h.batch_id FROM leads l "
	    "JOIN (SELECT lead_id, batch_id FROM status_changes UNION ALL "
	    "SELECT lead_id, batch_id FROM activities UNION ALL "
	    "SELECT lead_id, batch_id FROM followups UNION ALL "
	    "SELECT lead_id, batch_id FROM assignments UNION ALL "
	    "SELECT lead_id, batch_id FROM lead_marks) h "
	    "ON h.lead_id = l.id WHERE l.batch_id = ?1 AND h.batch_id <> ?1 "
	    "UNION ALL SELECT f.lead_id, e.batch_id FROM followups f "
	    "JOIN followup_events e ON e.followup_id = f.id "
	    "WHERE f.batch_id = ?1 AND e.batch_id <> ?1 LIMIT 1")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	r = sqlite3_step(st);
	lead = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	other = r == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the batch");
	if (lead != 0)
		return refuse(batch, lk_xasprintf("lead %lld was worked "
		    "since (batch %lld): undo that first", (long long)lead,
		    (long long)other));
	if ((rc = undo_changes(db, batch)) != 0 ||
	    (rc = undo_assignments(db, batch)) != 0 ||
	    (rc = undo_marks(db, batch)) != 0)
		return rc;
	if ((st = lk_dbi_stmt(db, "INSERT INTO followup_events (followup_id, "
	    "batch_id, at, actor, event) SELECT id, ?2, ?3, ?4, 'cancelled' "
	    "FROM followup_state WHERE batch_id = ?1 AND state = 'open'")) ==
	    NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, lk_clock_now());
	lk_dbi_text(st, 4, db->actor);
	if ((rc = lk_dbi_done(db, st, "cancelling follow-ups")) != 0)
		return rc;
	if ((st = lk_dbi_stmt(db, "DELETE FROM lead_contacts WHERE lead_id IN "
	    "(SELECT id FROM leads WHERE batch_id = ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	if ((rc = lk_dbi_done(db, st, "removing the batch's leads")) != 0)
		return rc;
	if ((st = lk_dbi_stmt(db, "DELETE FROM leads WHERE batch_id = ?")) ==
	    NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	if ((rc = lk_dbi_done(db, st, "removing the batch's leads")) != 0)
		return rc;
	/* The documents only its leads came in go with them; what a retry
	 * or a discard released is held again. */
	if ((st = lk_dbi_stmt(db, "DELETE FROM documents WHERE batch_id = ?1 "
	    "AND NOT EXISTS (SELECT 1 FROM leads WHERE document_id = "
	    "documents.id) AND NOT EXISTS (SELECT 1 FROM quarantine WHERE "
	    "document_id = documents.id)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	if ((rc = lk_dbi_done(db, st, "removing the batch's documents")) != 0)
		return rc;
	if ((st = lk_dbi_stmt(db, "UPDATE quarantine SET released_by = NULL, "
	    "outcome = NULL WHERE released_by = ?1")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	if ((rc = lk_dbi_done(db, st, "holding the documents again")) != 0)
		return rc;
	if ((st = lk_dbi_stmt(db, "INSERT INTO batch_undos (batch_id, "
	    "undone_by) VALUES (?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	sqlite3_bind_int64(st, 2, db->batch);
	return lk_dbi_done(db, st, "recording the undo");
}

/*
 * db_assign: what distribution keeps: the routing rules as loaded, the
 * assignments, the round-robin's turns, and what a lead looks like to
 * the router.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"
#include "msg.h"
#include "xmem.h"

int
lk_db_routing(struct lk_db *db, char **text, char **file)
{
	sqlite3_stmt *st;
	const char *f;
	int	 r;

	*text = *file = NULL;
	if ((st = lk_dbi_stmt(db, "SELECT text, file FROM routing r "
	    "WHERE NOT EXISTS (SELECT 1 FROM batch_undos u "
	    "WHERE u.batch_id = r.batch_id) ORDER BY id DESC LIMIT 1")) ==
	    NULL)
		return EX_SOFTWARE;
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*text = lk_xstrdup((const char *)sqlite3_column_text(st, 0));
		f = (const char *)sqlite3_column_text(st, 1);
		*file = lk_xstrdup(f != NULL ? f : "-");
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the routing rules");
	return 0;
}

int
lk_db_routing_add(struct lk_db *db, const char *file, const char *text)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO routing (batch_id, at, file, "
	    "text) VALUES (?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, db->batch);
	lk_dbi_time(st, 2, lk_clock_now());
	lk_dbi_text(st, 3, file);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
	return lk_dbi_done(db, st, "keeping the routing rules");
}

/* A column's text, NULL for NULL or empty. */
static const char *
col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL && *s != '\0' ? s : NULL;
}

int
lk_db_alead(struct lk_db *db, int64_t id,
    int (*fn)(const struct lk_alead *, void *), void *arg, int *found)
{
	struct lk_alead l;
	sqlite3_stmt *st;
	int	 r, rc = 0;

	*found = 0;
	/* The latest salesperson assignment says whether the lead waits
	 * in a pool, and who gave it to whom. */
	if ((st = lk_dbi_stmt(db, "SELECT l.id, l.type, l.source, l.origin, "
	    "l.make, l.stock, l.salesperson, l.cdr, s.name, s.initial, "
	    "s.auto, (' ' || s.groups || ' ') LIKE '% working %' AND "
	    "NOT s.sold, a.reason, a.rotation, a.to_login, a.actor, a.at, "
	    "c.to_login, c.at "
	    "FROM leads l JOIN statuses s ON s.id = l.status_id "
	    "LEFT JOIN assignments a ON a.id = (SELECT max(b.id) FROM "
	    "assignments b WHERE b.lead_id = l.id AND "
	    "b.role = 'salesperson') "
	    "LEFT JOIN assignments c ON c.id = (SELECT max(b.id) FROM "
	    "assignments b WHERE b.lead_id = l.id AND b.reason = 'claim' "
	    "AND b.at >= l.status_at AND NOT EXISTS (SELECT 1 FROM "
	    "assignments u WHERE u.undoes = b.id)) WHERE l.id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*found = 1;
		memset(&l, 0, sizeof(l));
		l.id = sqlite3_column_int64(st, 0);
		l.type = col(st, 1);
		l.source = col(st, 2);
		l.origin = col(st, 3);
		l.make = col(st, 4);
		l.stock = col(st, 5);
		l.salesperson = col(st, 6);
		l.cdr = col(st, 7);
		l.status = col(st, 8);
		l.initial = sqlite3_column_int(st, 9);
		l.dormant = sqlite3_column_int(st, 10);
		l.open = sqlite3_column_int(st, 11);
		l.reason = col(st, 12);
		/* Into a pool: to nobody, in a rotation (routed there, or
		 * redistributed there). */
		if (l.reason != NULL && col(st, 14) == NULL &&
		    l.salesperson == NULL)
			l.pool = col(st, 13);
		l.by = col(st, 15);
		l.at = col(st, 16);
		l.claimed_by = col(st, 17);
		l.claimed_at = col(st, 18);
		rc = fn(&l, arg);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading a lead");
	return rc;
}

int
lk_db_alead_ids(struct lk_db *db, const char *login, int cdr, int64_t after,
    size_t max, int64_t *ids, size_t *n)
{
	sqlite3_stmt *st;
	int	 r;

	*n = 0;
	if (login == NULL)
		st = lk_dbi_stmt(db, "SELECT l.id FROM leads l "
		    "JOIN statuses s ON s.id = l.status_id "
		    "WHERE l.id > ?1 AND l.salesperson IS NULL AND "
		    "l.cdr IS NULL AND s.initial "
		    "AND COALESCE((SELECT a.rotation IS NOT NULL AND "
		    "a.to_login IS NULL FROM assignments a "
		    "WHERE a.lead_id = l.id AND a.role = 'salesperson' "
		    "ORDER BY a.id DESC LIMIT 1), 0) = 0 "
		    "ORDER BY l.id LIMIT ?2");
	else if (!cdr)
		st = lk_dbi_stmt(db, "SELECT l.id FROM leads l "
		    "JOIN statuses s ON s.id = l.status_id "
		    "WHERE l.salesperson = ?3 AND l.id > ?1 AND "
		    "(' ' || s.groups || ' ') LIKE '% working %' AND "
		    "NOT s.sold ORDER BY l.id LIMIT ?2");
	else
		st = lk_dbi_stmt(db, "SELECT l.id FROM leads l "
		    "JOIN statuses s ON s.id = l.status_id "
		    "WHERE l.cdr = ?3 AND l.id > ?1 AND "
		    "(' ' || s.groups || ' ') LIKE '% working %' AND "
		    "NOT s.sold ORDER BY l.id LIMIT ?2");
	if (st == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	if (login != NULL)
		lk_dbi_text(st, 3, login);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the leads");
	return 0;
}

/*
 * Assignments are written APEND at a time, in one multi-row INSERT: one
 * statement per lead would keep a statement journal per lead (its
 * trigger updates the lead), a copy of every page it touches, and that
 * was most of the time of assigning 100k leads.  Each lead is routed
 * once per command, so nothing reads a held row before it is written.
 */
#define APEND	128
#define ACOLS	13

struct lk_apend {
	struct lk_arow rows[APEND];
	time_t	 at[APEND];
	size_t	 n;
	struct lk_arena arena;		/* their strings */
};

static const char *
keep(struct lk_apend *p, const char *s)
{
	return s != NULL ? lk_arena_strdup(&p->arena, s) : NULL;
}

int
lk_db_assignment_add(struct lk_db *db, const struct lk_arow *a)
{
	struct lk_apend *p;
	struct lk_arow *r;

	if (db->apend == NULL)
		db->apend = lk_xcalloc(1, sizeof(*db->apend));
	p = db->apend;
	r = &p->rows[p->n];
	*r = *a;
	r->role = keep(p, a->role);
	r->from = keep(p, a->from);
	r->to = keep(p, a->to);
	r->reason = keep(p, a->reason);
	r->why = keep(p, a->why);
	r->rule = keep(p, a->rule);
	r->rotation = keep(p, a->rotation);
	p->at[p->n] = lk_clock_now();
	if (++p->n == APEND)
		return lk_dbi_assignments_flush(db);
	return 0;
}

/* "INSERT ... VALUES (?, ...), ..." for n rows, made once. */
static const char *
insert_sql(size_t n)
{
	static char *sql[2];
	struct lk_buf b = LK_BUF_INIT;
	size_t	 i, j, k = n == 1 ? 0 : 1;

	if (sql[k] != NULL)
		return sql[k];
	lk_buf_adds(&b, "INSERT INTO assignments (lead_id, batch_id, at, "
	    "actor, role, from_login, to_login, reason, why, rule, rotation, "
	    "due_at, stride) VALUES ");
	for (i = 0; i < n; i++) {
		lk_buf_adds(&b, i > 0 ? ", (" : "(");
		for (j = 0; j < ACOLS; j++)
			lk_buf_adds(&b, j > 0 ? ", ?" : "?");
		lk_buf_addc(&b, ')');
	}
	return sql[k] = lk_buf_take(&b);
}

static void
bind_row(struct lk_db *db, sqlite3_stmt *st, int i, const struct lk_arow *a,
    time_t at)
{
	sqlite3_bind_int64(st, i + 1, a->lead);
	sqlite3_bind_int64(st, i + 2, db->batch);
	lk_dbi_time(st, i + 3, at);
	lk_dbi_text(st, i + 4, db->actor);
	lk_dbi_text(st, i + 5, a->role);
	lk_dbi_text(st, i + 6, a->from);
	lk_dbi_text(st, i + 7, a->to);
	lk_dbi_text(st, i + 8, a->reason);
	lk_dbi_text(st, i + 9, a->why);
	lk_dbi_text(st, i + 10, a->rule);
	lk_dbi_text(st, i + 11, a->rotation);
	if (a->due != 0)
		lk_dbi_time(st, i + 12, a->due);
	if (a->stride != 0)
		sqlite3_bind_int64(st, i + 13, a->stride);
}

int
lk_dbi_assignments_flush(struct lk_db *db)
{
	struct lk_apend *p = db->apend;
	sqlite3_stmt *st;
	size_t	 i;
	int	 rc = 0;

	if (p == NULL || p->n == 0)
		return 0;
	if (p->n == APEND) {
		if ((st = lk_dbi_stmt(db, insert_sql(APEND))) == NULL)
			rc = EX_SOFTWARE;
		else {
			for (i = 0; i < p->n; i++)
				bind_row(db, st, (int)(i * ACOLS), &p->rows[i],
				    p->at[i]);
			rc = lk_dbi_done(db, st, "recording the assignments");
		}
	} else
		for (i = 0; i < p->n && rc == 0; i++) {
			if ((st = lk_dbi_stmt(db, insert_sql(1))) == NULL) {
				rc = EX_SOFTWARE;
				break;
			}
			bind_row(db, st, 0, &p->rows[i], p->at[i]);
			rc = lk_dbi_done(db, st, "recording the assignment");
		}
	lk_dbi_assignments_drop(db);
	return rc;
}

void
lk_dbi_assignments_drop(struct lk_db *db)
{
	if (db->apend == NULL)
		return;
	db->apend->n = 0;
	lk_arena_reset(&db->apend->arena);
}

int
lk_db_turns(struct lk_db *db, const char *rotation,
    int (*fn)(const char *, int64_t, int64_t, void *), void *arg,
    int64_t *vtime, int64_t *turn)
{
	sqlite3_stmt *st;
	int	 r, rc = 0;

	*vtime = *turn = 0;
	if ((st = lk_dbi_stmt(db, "SELECT login, pass, last FROM turns "
	    "WHERE rotation = ?")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, rotation);
	while (rc == 0 && (r = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn((const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    arg);
	sqlite3_reset(st);
	if (rc != 0)
		return rc;
	if (r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the round-robin turns");
	if ((st = lk_dbi_stmt(db, "SELECT vtime, turn FROM rotation_clock "
	    "WHERE rotation = ?")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, rotation);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*vtime = sqlite3_column_int64(st, 0);
		*turn = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the round-robin turns");
	return 0;
}

int
lk_db_turn_set(struct lk_db *db, const char *rotation, const char *login,
    int64_t pass, int64_t last)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO turns (rotation, login, pass, "
	    "last) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (rotation, login) "
	    "DO UPDATE SET pass = ?3, last = ?4")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, rotation);
	lk_dbi_text(st, 2, login);
	sqlite3_bind_int64(st, 3, pass);
	sqlite3_bind_int64(st, 4, last);
	return lk_dbi_done(db, st, "keeping the round-robin turns");
}

int
lk_db_rotation_clock_set(struct lk_db *db, const char *rotation,
    int64_t vtime, int64_t turn)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO rotation_clock (rotation, "
	    "vtime, turn) VALUES (?1, ?2, ?3) ON CONFLICT (rotation) "
	    "DO UPDATE SET vtime = ?2, turn = ?3")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, rotation);
	sqlite3_bind_int64(st, 2, vtime);
	sqlite3_bind_int64(st, 3, turn);
	return lk_dbi_done(db, st, "keeping the round-robin turns");
}

int
lk_db_notify_env(struct lk_db *db, int64_t lead,
    void (*fn)(const char *, const char *, void *), void *arg)
{
	static const char *const names[] = { "LEAD_ID", "LEAD_FIRST",
	    "LEAD_LAST", "LEAD_COMPANY", "LEAD_EMAIL", "LEAD_PHONE",
	    "LEAD_SOURCE", "LEAD_ORIGIN", "LEAD_TYPE", "LEAD_YEAR",
	    "LEAD_MAKE", "LEAD_MODEL", "LEAD_TRIM", "LEAD_STOCK", "LEAD_VIN",
	    "LEAD_COMMENTS", "LEAD_STATUS", "LEAD_RECEIVED",
	    "LEAD_SALESPERSON", "LEAD_CDR" };
	sqlite3_stmt *st;
	char	 buf[LK_TIME_MAX];
	time_t	 t;
	size_t	 i;
	int	 r;

	if ((st = lk_dbi_stmt(db, "SELECT l.id, first_name, last_name, "
	    "company, email, phone, source, origin, type, year, make, model, "
	    "trim, stock, vin, comments, s.name, received_at, salesperson, "
	    "cdr FROM leads l JOIN statuses s ON s.id = l.status_id "
	    "WHERE l.id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, lead);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (strcmp(names[i], "LEAD_RECEIVED") == 0 &&
			    col(st, (int)i) != NULL &&
			    lk_time_parse_utc(col(st, (int)i), &t) == 0)
				fn(names[i], lk_time_local(t, buf), arg);
			else
				fn(names[i], col(st, (int)i), arg);
		}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading a lead");
	return 0;
}

void
lk_dbi_assignments_free(struct lk_db *db)
{
	if (db->apend == NULL)
		return;
	lk_arena_free(&db->apend->arena);
	free(db->apend);
	db->apend = NULL;
}

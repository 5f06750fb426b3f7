/*
 * db_catalog: the status catalog, follow-up kinds and cadence in the
 * database: seeding a new one from share/, reading them, replacing the
 * catalog with a dealership's edited copy.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dbint.h"
#include "msg.h"
#include "share.h"
#include "xmem.h"

static const char STATUS_COLS[] =
    "name, groups, title, position, initial, follow_up, follow_up_kind, "
    "follow_up_in, default_kind, never_dormant, sold, excluded, auto, "
    "min_age, min_attempts, needs_visit, duplicate_within, batch_id";

/* Bind s's columns, in STATUS_COLS order, from parameter 1 on. */
static void
bind_status(struct lk_db *db, sqlite3_stmt *st, const struct lk_status *s,
    int position)
{
	/* Reused per status: what one bound must not stay for the next. */
	sqlite3_clear_bindings(st);
	lk_dbi_text(st, 1, s->name);
	lk_dbi_text(st, 2, s->groups);
	sqlite3_bind_text(st, 3, s->title != NULL ? s->title : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(st, 4, position);
	sqlite3_bind_int(st, 5, s->initial);
	sqlite3_bind_int(st, 6, s->follow_up);
	lk_dbi_text(st, 7, s->follow_up_kind);
	lk_dbi_text(st, 8, s->follow_up_in);
	lk_dbi_text(st, 9, s->default_kind);
	sqlite3_bind_int(st, 10, s->never_dormant);
	sqlite3_bind_int(st, 11, s->sold);
	sqlite3_bind_int(st, 12, s->excluded);
	sqlite3_bind_int(st, 13, s->is_auto);
	lk_dbi_text(st, 14, s->min_age);
	if (s->min_attempts > 0)
		sqlite3_bind_int(st, 15, s->min_attempts);
	sqlite3_bind_int(st, 16, s->needs_visit);
	lk_dbi_text(st, 17, s->duplicate_within);
	if (db->batch != 0)
		sqlite3_bind_int64(st, 18, db->batch);
}

static int
seed_statuses(struct lk_db *db)
{
	const struct lk_share_file *f;
	struct lk_catalog c;
	sqlite3_stmt *st;
	char	*sql;
	size_t	 i;
	int	 rc = 0;

	f = lk_share("statuses.tsv");
	if (lk_catalog_parse(f->data, f->len, "statuses.tsv", &c) != 0)
		return EX_SOFTWARE;
	sql = lk_xasprintf("INSERT INTO statuses (%s) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", STATUS_COLS);
	if ((st = lk_dbi_prepare(db, sql)) == NULL)
		rc = EX_SOFTWARE;
	for (i = 0; i < c.n && rc == 0; i++) {
		bind_status(db, st, &c.s[i], (int)i + 1);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = lk_dbi_fail(db, "storing the catalog");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	free(sql);
	lk_catalog_free(&c);
	return rc;
}

static int
seed_kinds(struct lk_db *db)
{
	const struct lk_share_file *f;
	struct lk_kinds k;
	sqlite3_stmt *st;
	size_t	 i;
	int	 rc = 0;

	f = lk_share("followup-kinds.tsv");
	if (lk_kinds_parse(f->data, f->len, "followup-kinds.tsv", &k) != 0)
		return EX_SOFTWARE;
	if ((st = lk_dbi_prepare(db, "INSERT INTO followup_kinds (name, "
	    "appointment, is_default, title, done_by) VALUES (?, ?, ?, ?, "
	    "?)")) == NULL)
		rc = EX_SOFTWARE;
	for (i = 0; i < k.n && rc == 0; i++) {
		lk_dbi_text(st, 1, k.k[i].name);
		sqlite3_bind_int(st, 2, k.k[i].appointment);
		sqlite3_bind_int(st, 3, k.k[i].is_default);
		sqlite3_bind_text(st, 4, k.k[i].title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, k.k[i].done_by, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = lk_dbi_fail(db, "storing the follow-up kinds");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	lk_kinds_free(&k);
	return rc;
}

static int
seed_cadence(struct lk_db *db)
{
	const struct lk_share_file *f;
	struct lk_cadence c;
	sqlite3_stmt *st;
	size_t	 i;
	int	 rc = 0;

	f = lk_share("cadence.tsv");
	if (lk_cadence_parse(f->data, f->len, "cadence.tsv", &c) != 0)
		return EX_SOFTWARE;
	if ((st = lk_dbi_prepare(db, "INSERT INTO cadence_steps (plan, day, "
	    "kind, note) VALUES (?, ?, ?, ?)")) == NULL)
		rc = EX_SOFTWARE;
	for (i = 0; i < c.n && rc == 0; i++) {
		lk_dbi_text(st, 1, c.s[i].plan);
		sqlite3_bind_int(st, 2, c.s[i].day);
		lk_dbi_text(st, 3, c.s[i].kind);
		sqlite3_bind_text(st, 4, c.s[i].note, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = lk_dbi_fail(db, "storing the cadence");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	lk_cadence_free(&c);
	return rc;
}

int
lk_dbi_seed(struct lk_db *db)
{
	int	 rc;

	if ((rc = seed_kinds(db)) == 0 && (rc = seed_statuses(db)) == 0)
		rc = seed_cadence(db);
	return rc;
}

static char *
dupcol(sqlite3_stmt *st, int i)
{
	const unsigned char *s;

	s = sqlite3_column_text(st, i);
	return s == NULL ? NULL : lk_xstrdup((const char *)s);
}

int
lk_db_catalog(struct lk_db *db, struct lk_catalog *c)
{
	struct lk_status *s;
	sqlite3_stmt *st;
	int	 r;

	memset(c, 0, sizeof(*c));
	if ((st = lk_dbi_stmt(db, "SELECT id, name, groups, title, initial, "
	    "follow_up, follow_up_kind, follow_up_in, default_kind, "
	    "never_dormant, sold, excluded, auto, min_age, min_attempts, "
	    "needs_visit, duplicate_within FROM statuses "
	    "ORDER BY position, id")) == NULL)
		return EX_SOFTWARE;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		c->s = lk_xreallocarray(c->s, c->n + 1, sizeof(*c->s));
		s = &c->s[c->n++];
		s->id = sqlite3_column_int64(st, 0);
		s->name = dupcol(st, 1);
		s->groups = dupcol(st, 2);
		s->title = dupcol(st, 3);
		s->initial = sqlite3_column_int(st, 4);
		s->follow_up = sqlite3_column_int(st, 5);
		s->follow_up_kind = dupcol(st, 6);
		s->follow_up_in = dupcol(st, 7);
		s->default_kind = dupcol(st, 8);
		s->never_dormant = sqlite3_column_int(st, 9);
		s->sold = sqlite3_column_int(st, 10);
		s->excluded = sqlite3_column_int(st, 11);
		s->is_auto = sqlite3_column_int(st, 12);
		s->min_age = dupcol(st, 13);
		s->min_attempts = sqlite3_column_int(st, 14);
		s->needs_visit = sqlite3_column_int(st, 15);
		s->duplicate_within = dupcol(st, 16);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		lk_catalog_free(c);
		return lk_dbi_fail(db, "reading the catalog");
	}
	return 0;
}

int
lk_db_kinds(struct lk_db *db, struct lk_kinds *k)
{
	struct lk_kind *kd;
	sqlite3_stmt *st;
	int	 r;

	memset(k, 0, sizeof(*k));
	if ((st = lk_dbi_stmt(db, "SELECT name, appointment, is_default, "
	    "title, done_by FROM followup_kinds ORDER BY rowid")) == NULL)
		return EX_SOFTWARE;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		k->k = lk_xreallocarray(k->k, k->n + 1, sizeof(*k->k));
		kd = &k->k[k->n++];
		kd->name = dupcol(st, 0);
		kd->appointment = sqlite3_column_int(st, 1);
		kd->is_default = sqlite3_column_int(st, 2);
		kd->title = dupcol(st, 3);
		kd->done_by = dupcol(st, 4);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		lk_kinds_free(k);
		return lk_dbi_fail(db, "reading the follow-up kinds");
	}
	return 0;
}

/* A status as one catalog line, for the record of changes. */
static char *
line(const struct lk_status *s)
{
	struct lk_buf b = LK_BUF_INIT;

	lk_buf_addf(&b, "%s\t%s\t", s->name, s->groups);
	lk_status_rules(s, &b);
	lk_buf_addf(&b, "\t%s", s->title != NULL ? s->title : "");
	return lk_buf_take(&b);
}

static int
record(struct lk_db *db, int64_t id, const char *old, const char *new)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO catalog_changes (batch_id, "
	    "status_id, old, new) VALUES (?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, db->batch);
	sqlite3_bind_int64(st, 2, id);
	lk_dbi_text(st, 3, old);
	lk_dbi_text(st, 4, new);
	if (sqlite3_step(st) != SQLITE_DONE)
		return lk_dbi_fail(db, "recording a catalog change");
	return 0;
}

/* How many leads and history rows use status id. */
static int
in_use(struct lk_db *db, int64_t id, int64_t *n)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "SELECT (SELECT count(*) FROM leads "
	    "WHERE status_id = ?1) + (SELECT count(*) FROM status_changes "
	    "WHERE from_id = ?1 OR to_id = ?1)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return lk_dbi_fail(db, "checking a status");
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Check the kinds c's rules name exist. */
static int
check_kinds(struct lk_db *db, const struct lk_catalog *c, const char *file)
{
	struct lk_kinds k;
	const char *kind;
	size_t	 i;
	int	 rc, bad = 0, j;

	if ((rc = lk_db_kinds(db, &k)) != 0)
		return rc;
	for (i = 0; i < c->n; i++)
		for (j = 0; j < 2; j++) {
			kind = j == 0 ? c->s[i].follow_up_kind :
			    c->s[i].default_kind;
			if (kind != NULL && lk_kinds_find(&k, kind) == NULL) {
				lk_msg_at(EX_DATAERR, file, 0, c->s[i].name,
				    kind, "no such follow-up kind");
				bad = 1;
			}
		}
	lk_kinds_free(&k);
	return bad ? EX_DATAERR : 0;
}

int
lk_db_catalog_load(struct lk_db *db, const struct lk_catalog *c,
    const char *file, size_t *changed)
{
	struct lk_catalog old;
	sqlite3_stmt *upd = NULL, *ins = NULL, *del = NULL, *tmp = NULL;
	char	*sql, *was, *now;
	int64_t	*ids, uses;
	size_t	 i, j, k;
	int	 rc, found, *same, o;

	*changed = 0;
	if ((rc = check_kinds(db, c, file)) != 0)
		return rc;
	if ((rc = lk_db_catalog(db, &old)) != 0)
		return rc;
	ids = lk_xcalloc(c->n, sizeof(*ids));
	same = lk_xcalloc(c->n, sizeof(*same));
	/* Match each new line to a stored status: by id, else by name. */
	for (i = 0; i < c->n && rc == 0; i++) {
		ids[i] = c->s[i].id;
		if (ids[i] != 0 && lk_catalog_byid(&old, ids[i]) < 0) {
			lk_msg_at(EX_DATAERR, file, 0, "id", c->s[i].name,
			    "no status has id %lld", (long long)ids[i]);
			rc = EX_DATAERR;
		}
	}
	/* A name matches only a status no line claims by id: renaming
	 * left-message away and adding a new left-message are two. */
	for (i = 0; i < c->n && rc == 0; i++)
		for (j = 0; ids[i] == 0 && j < old.n; j++) {
			for (k = 0, found = 0; k < c->n; k++)
				found |= c->s[k].id == old.s[j].id;
			if (!found &&
			    strcasecmp(old.s[j].name, c->s[i].name) == 0)
				ids[i] = old.s[j].id;
		}
	/* What is as it was, in its place, is not touched: loading an
	 * unchanged catalog writes nothing and leaves no batch. */
	for (i = 0; i < c->n && rc == 0; i++) {
		if (ids[i] == 0 || (o = lk_catalog_byid(&old, ids[i])) < 0 ||
		    (size_t)o != i)
			continue;
		was = line(&old.s[o]);
		now = line(&c->s[i]);
		same[i] = strcmp(was, now) == 0;
		free(was);
		free(now);
	}
	/* Removed statuses go first, if nothing uses them. */
	if (rc == 0 && (del = lk_dbi_prepare(db, "DELETE FROM statuses "
	    "WHERE id = ?")) == NULL)
		rc = EX_SOFTWARE;
	for (j = 0; j < old.n && rc == 0; j++) {
		for (i = 0, found = 0; i < c->n; i++)
			found |= ids[i] == old.s[j].id;
		if (found)
			continue;
		if ((rc = in_use(db, old.s[j].id, &uses)) != 0)
			break;
		if (uses > 0) {
			lk_msg_at(EX_DATAERR, file, 0, NULL, old.s[j].name,
			    "status %lld is in use (%lld leads and changes); "
			    "keep it in the catalog", (long long)old.s[j].id,
			    (long long)uses);
			rc = EX_DATAERR;
			break;
		}
		was = line(&old.s[j]);
		if ((rc = record(db, old.s[j].id, was, NULL)) == 0) {
			sqlite3_bind_int64(del, 1, old.s[j].id);
			if (sqlite3_step(del) != SQLITE_DONE)
				rc = lk_dbi_fail(db, "removing a status");
			sqlite3_reset(del);
			(*changed)++;
		}
		free(was);
	}
	/* Names move out of the way first, so renames may swap them. */
	if (rc == 0 && (tmp = lk_dbi_prepare(db, "UPDATE statuses SET name = "
	    "'~' || id WHERE id = ?")) == NULL)
		rc = EX_SOFTWARE;
	for (i = 0; i < c->n && rc == 0; i++) {
		if (ids[i] == 0 || same[i])
			continue;
		sqlite3_bind_int64(tmp, 1, ids[i]);
		if (sqlite3_step(tmp) != SQLITE_DONE)
			rc = lk_dbi_fail(db, "renaming a status");
		sqlite3_reset(tmp);
	}
	sql = lk_xasprintf("UPDATE statuses SET (%s) = (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?19", STATUS_COLS);
	if (rc == 0 && (upd = lk_dbi_prepare(db, sql)) == NULL)
		rc = EX_SOFTWARE;
	free(sql);
	/* A new status never takes the id of one removed: SQLite would
	 * hand out a freed rowid again, and an old catalog file, a report
	 * or catalog_changes naming that id would then mean the new one. */
	sql = lk_xasprintf("INSERT INTO statuses (id, %s) VALUES (1 + max("
	    "(SELECT coalesce(max(id), 0) FROM statuses), "
	    "(SELECT coalesce(max(status_id), 0) FROM catalog_changes)), "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    STATUS_COLS);
	if (rc == 0 && (ins = lk_dbi_prepare(db, sql)) == NULL)
		rc = EX_SOFTWARE;
	free(sql);
	for (i = 0; i < c->n && rc == 0; i++) {
		if (same[i])
			continue;
		was = ids[i] != 0 ?
		    line(&old.s[lk_catalog_byid(&old, ids[i])]) : NULL;
		now = line(&c->s[i]);
		if (ids[i] != 0) {
			bind_status(db, upd, &c->s[i], (int)i + 1);
			sqlite3_bind_int64(upd, 19, ids[i]);
			if (sqlite3_step(upd) != SQLITE_DONE)
				rc = lk_dbi_fail(db, "changing a status");
			sqlite3_reset(upd);
		} else {
			bind_status(db, ins, &c->s[i], (int)i + 1);
			if (sqlite3_step(ins) != SQLITE_DONE)
				rc = lk_dbi_fail(db, "adding a status");
			ids[i] = sqlite3_last_insert_rowid(db->h);
			sqlite3_reset(ins);
		}
		if (rc == 0 && (was == NULL || strcmp(was, now) != 0)) {
			rc = record(db, ids[i], was, now);
			(*changed)++;
		}
		free(was);
		free(now);
	}
	sqlite3_finalize(upd);
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	sqlite3_finalize(tmp);
	free(ids);
	free(same);
	lk_catalog_free(&old);
	return rc;
}

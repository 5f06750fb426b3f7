/*
 * db_intake: what ADF intake keeps besides leads: the documents leads
 * came in, the quarantine of those no lead could be read from, and the
 * names the dealership gives providers' leads.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"
#include "ids.h"
#include "lead.h"
#include "msg.h"
#include "out.h"
#include "xmem.h"

int
lk_db_document_add(struct lk_db *db, const struct lk_doc *d, int64_t *id)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO documents (batch_id, at, kind, "
	    "name, sender, subject, message_id, hash, body) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, db->batch);
	lk_dbi_time(st, 2, lk_clock_now());
	lk_dbi_text(st, 3, d->kind);
	lk_dbi_text(st, 4, d->name);
	lk_dbi_text(st, 5, d->sender);
	lk_dbi_text(st, 6, d->subject);
	lk_dbi_text(st, 7, d->message_id);
	sqlite3_bind_int64(st, 8, (int64_t)lk_hash(d->body, d->len));
	sqlite3_bind_blob64(st, 9, d->len > 0 ? d->body : "", d->len,
	    SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return lk_dbi_fail(db, "keeping the document");
	}
	sqlite3_reset(st);
	*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int
lk_db_quarantine_find(struct lk_db *db, const struct lk_doc *d, int64_t *id)
{
	sqlite3_stmt *st;
	int	 r;

	*id = 0;
	if ((st = lk_dbi_stmt(db, "SELECT d.id FROM documents d JOIN "
	    "quarantine q ON q.document_id = d.id WHERE d.hash = ?1 AND "
	    "q.released_by IS NULL AND d.body = ?2 LIMIT 1")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, (int64_t)lk_hash(d->body, d->len));
	sqlite3_bind_blob64(st, 2, d->len > 0 ? d->body : "", d->len,
	    SQLITE_STATIC);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? 0 :
	    lk_dbi_fail(db, "looking in the quarantine");
}

int
lk_db_quarantine_add(struct lk_db *db, int64_t doc, const char *reason)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO quarantine (document_id, "
	    "batch_id, at, reason) VALUES (?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(st, 2, db->batch);
	lk_dbi_time(st, 3, lk_clock_now());
	lk_dbi_text(st, 4, reason);
	return lk_dbi_done(db, st, "quarantining the document");
}

int
lk_db_quarantine_list(struct lk_db *db, int all, struct lk_out *out)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "SELECT d.id, q.at, q.reason, d.kind, "
	    "d.sender, d.subject, d.name, length(d.body) AS bytes, "
	    "q.released_by, q.outcome FROM quarantine q JOIN documents d "
	    "ON d.id = q.document_id WHERE ?1 OR q.released_by IS NULL "
	    "ORDER BY d.id")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int(st, 1, all);
	return lk_dbi_emit(db, st, out, 1);
}

int
lk_db_quarantine_held(struct lk_db *db, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st;
	int	 r;

	if ((st = lk_dbi_stmt(db, "SELECT document_id FROM quarantine "
	    "WHERE released_by IS NULL ORDER BY document_id")) == NULL)
		return EX_SOFTWARE;
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		lk_ids_add(ids, n, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return r == SQLITE_DONE ? 0 : lk_dbi_fail(db, "reading the quarantine");
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s != NULL ? lk_xstrdup((const char *)s) : NULL;
}

int
lk_db_document_get(struct lk_db *db, int64_t id, struct lk_doc *d,
    int *state)
{
	sqlite3_stmt *st;
	const void *body;
	int	 r;

	memset(d, 0, sizeof(*d));
	*state = LK_DOC_NONE;
	if ((st = lk_dbi_stmt(db, "SELECT d.kind, d.name, d.sender, "
	    "d.subject, d.message_id, d.body, q.document_id IS NOT NULL, "
	    "q.released_by IS NULL FROM documents d LEFT JOIN quarantine q "
	    "ON q.document_id = d.id WHERE d.id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		d->kind = col_dup(st, 0);
		d->name = col_dup(st, 1);
		d->sender = col_dup(st, 2);
		d->subject = col_dup(st, 3);
		d->message_id = col_dup(st, 4);
		d->len = (size_t)sqlite3_column_bytes(st, 5);
		body = sqlite3_column_blob(st, 5);
		d->body = lk_xmalloc(d->len + 1);
		if (d->len > 0)
			memcpy((char *)d->body, body, d->len);
		((char *)d->body)[d->len] = '\0';
		*state = !sqlite3_column_int(st, 6) ? LK_DOC_KEPT :
		    sqlite3_column_int(st, 7) ? LK_DOC_HELD : LK_DOC_RELEASED;
	}
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? 0 :
	    lk_dbi_fail(db, "reading the document");
}

void
lk_doc_free(struct lk_doc *d)
{
	free((char *)d->kind);
	free((char *)d->name);
	free((char *)d->sender);
	free((char *)d->subject);
	free((char *)d->message_id);
	free((char *)d->body);
	memset(d, 0, sizeof(*d));
}

int
lk_db_quarantine_update(struct lk_db *db, int64_t doc, const char *reason,
    const char *outcome)
{
	sqlite3_stmt *st;

	if (outcome != NULL) {
		if ((st = lk_dbi_stmt(db, "UPDATE quarantine SET released_by = "
		    "?2, outcome = ?3 WHERE document_id = ?1")) == NULL)
			return EX_SOFTWARE;
		sqlite3_bind_int64(st, 2, db->batch);
		lk_dbi_text(st, 3, outcome);
	} else if ((st = lk_dbi_stmt(db, "UPDATE quarantine SET reason = ?2 "
	    "WHERE document_id = ?1 AND reason <> ?2")) == NULL)
		return EX_SOFTWARE;
	else
		lk_dbi_text(st, 2, reason);
	sqlite3_bind_int64(st, 1, doc);
	return lk_dbi_done(db, st, "updating the quarantine");
}

/* --- what the dealership calls a provider's leads -------------------- */

int
lk_db_source_name(struct lk_db *db, const char *provider, char **source)
{
	sqlite3_stmt *st;
	int	 r;

	*source = NULL;
	if ((st = lk_dbi_stmt(db, "SELECT source FROM source_names "
	    "WHERE provider = ?")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, provider);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*source = col_dup(st, 0);
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? 0 :
	    lk_dbi_fail(db, "reading the source names");
}

int
lk_db_sources(struct lk_db *db, struct lk_out *out)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "SELECT provider, source FROM source_names "
	    "ORDER BY provider")) == NULL)
		return EX_SOFTWARE;
	return lk_dbi_emit(db, st, out, 1);
}

int
lk_db_sources_load(struct lk_db *db, char *const *pairs, size_t n,
    size_t *changed)
{
	sqlite3_stmt *st;
	char	*cur;
	size_t	 i;
	int	 rc, same;

	*changed = 0;
	/* The same names again change nothing, and leave no batch. */
	if ((st = lk_dbi_stmt(db, "SELECT count(*) FROM source_names")) ==
	    NULL)
		return EX_SOFTWARE;
	same = sqlite3_step(st) == SQLITE_ROW &&
	    (size_t)sqlite3_column_int64(st, 0) == n;
	sqlite3_reset(st);
	for (i = 0; same && i < n; i++) {
		if ((rc = lk_db_source_name(db, pairs[2 * i], &cur)) != 0)
			return rc;
		same = cur != NULL && strcmp(cur, pairs[2 * i + 1]) == 0;
		free(cur);
	}
	if (same)
		return 0;
	if ((st = lk_dbi_stmt(db, "DELETE FROM source_names")) == NULL)
		return EX_SOFTWARE;
	if ((rc = lk_dbi_done(db, st, "replacing the source names")) != 0)
		return rc;
	for (i = 0; i < n * 2; i += 2) {
		if ((st = lk_dbi_stmt(db, "INSERT INTO source_names (provider, "
		    "source, batch_id) VALUES (?, ?, ?) ON CONFLICT (provider) "
		    "DO UPDATE SET source = excluded.source")) == NULL)
			return EX_SOFTWARE;
		lk_dbi_text(st, 1, pairs[i]);
		lk_dbi_text(st, 2, pairs[i + 1]);
		sqlite3_bind_int64(st, 3, db->batch);
		if ((rc = lk_dbi_done(db, st, "storing a source name")) != 0)
			return rc;
		*changed += 1;
	}
	return 0;
}

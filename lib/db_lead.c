/*
 * db_lead: storing leads and finding them again: the import's hot path
 * (one lookup and one insert a lead), bulk index builds, showing leads.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"
#include "lead.h"
#include "msg.h"
#include "out.h"
#include "xmem.h"

/* The fields bound by column, in the order of LEAD_ADD's ?7 on. */
static const enum lk_field cols[] = {
	LK_F_SOURCE, LK_F_TYPE, LK_F_EXTERNAL_ID, LK_F_FIRST, LK_F_MIDDLE,
	LK_F_LAST, LK_F_COMPANY, LK_F_STREET, LK_F_CITY, LK_F_REGION,
	LK_F_POSTAL, LK_F_COUNTRY, LK_F_YEAR, LK_F_MAKE, LK_F_MODEL, LK_F_TRIM,
	LK_F_VIN, LK_F_STOCK, LK_F_PRICE, LK_F_ODOMETER, LK_F_COLOR,
	LK_F_INTEREST, LK_F_TRADE_YEAR, LK_F_TRADE_MAKE, LK_F_TRADE_MODEL,
	LK_F_TRADE_VIN, LK_F_TRADE_ODOMETER, LK_F_COMMENTS, LK_F_VENDOR,
};

static const char LEAD_ADD[] =
    "INSERT INTO leads (batch_id, created_at, received_at, received_raw, "
    "origin, status_id, status_at, "
    "source, type, external_id, first_name, middle_name, last_name, "
    "company, street, city, region, postal_code, country, year, make, "
    "model, trim, vin, stock, price, odometer, color, interest, trade_year, "
    "trade_make, trade_model, trade_vin, trade_odometer, comments, vendor, "
    "email, email_norm, phone, phone_e164, extra, fingerprint, document_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2, "
    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
    "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, "
    "?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42)";

static const char LEAD_FIND[] =
    "SELECT id, source, external_id, first_name, last_name, company, "
    "email, phone FROM leads WHERE fingerprint = ?1 AND batch_id < ?2";

static const char CONTACT_ADD[] =
    "INSERT INTO lead_contacts (lead_id, batch_id, kind, label, value, "
    "norm) VALUES (?, ?, ?, ?, ?, ?)";

static int
same(const unsigned char *a, const char *b)
{
	if (b == NULL || *b == '\0')
		return a == NULL;
	return a != NULL && strcmp((const char *)a, b) == 0;
}

int
lk_db_lead_find(struct lk_db *db, const struct lk_lead *l, int64_t *id)
{
	sqlite3_stmt *st;
	int	 r, ext;

	*id = 0;
	/* Into an empty table, no earlier lead can be this one; repeats of
	 * a source id within the load are weeded out at its end. */
	if (db->fresh)
		return 0;
	if ((st = lk_dbi_stmt(db, LEAD_FIND)) == NULL)
		return EX_SOFTWARE;
	ext = l->v[LK_F_EXTERNAL_ID] != NULL;
	/*
	 * The print only narrows it down: the fields decide.  The same
	 * source id is the same lead wherever it was seen; the same
	 * content only when an earlier command added it, since two equal
	 * rows of one dump may be two inquiries (lead-dedupe judges).  The
	 * index (fingerprint, batch_id) skips this batch's rows unread.
	 */
	sqlite3_bind_int64(st, 1, (int64_t)l->fingerprint);
	sqlite3_bind_int64(st, 2, ext ? INT64_MAX : db->batch);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (!same(sqlite3_column_text(st, 1), l->v[LK_F_SOURCE]) ||
		    !same(sqlite3_column_text(st, 2), l->v[LK_F_EXTERNAL_ID]))
			continue;
		if (ext || (same(sqlite3_column_text(st, 3), l->v[LK_F_FIRST]) &&
		    same(sqlite3_column_text(st, 4), l->v[LK_F_LAST]) &&
		    same(sqlite3_column_text(st, 5), l->v[LK_F_COMPANY]) &&
		    same(sqlite3_column_text(st, 6), l->email) &&
		    same(sqlite3_column_text(st, 7), l->phone))) {
			*id = sqlite3_column_int64(st, 0);
			break;
		}
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "looking for the lead");
	sqlite3_reset(st);
	return 0;
}

/* The initial status, looked up once per command. */
static int64_t
initial_status(struct lk_db *db)
{
	sqlite3_stmt *st;

	if (db->initial != 0)
		return db->initial;
	if ((st = lk_dbi_stmt(db, "SELECT id FROM statuses WHERE initial "
	    "ORDER BY position LIMIT 1")) == NULL)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		db->initial = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return db->initial;
}

static int
contacts_add(struct lk_db *db, const struct lk_lead *l, int64_t id)
{
	const struct lk_contact *c;
	sqlite3_stmt *st;
	size_t	 i;

	for (i = 0; i < l->ncontacts; i++) {
		c = &l->contacts[i];
		if (c->value == l->email || c->value == l->phone)
			continue;
		if ((st = lk_dbi_stmt(db, CONTACT_ADD)) == NULL)
			return EX_SOFTWARE;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, db->batch);
		lk_dbi_text(st, 3, c->phone ? "phone" : "email");
		lk_dbi_text(st, 4, c->label);
		lk_dbi_text(st, 5, c->value);
		lk_dbi_text(st, 6, c->norm);
		if (sqlite3_step(st) != SQLITE_DONE)
			return lk_dbi_fail(db, "adding a contact");
	}
	return 0;
}

int
lk_db_lead_add(struct lk_db *db, const struct lk_lead *l, int64_t *id)
{
	sqlite3_stmt *st;
	size_t	 i;
	int64_t	 status;
	time_t	 now;

	if ((status = initial_status(db)) == 0) {
		lk_err(EX_SOFTWARE, "%s: the catalog has no initial status",
		    db->path);
		return EX_SOFTWARE;
	}
	if ((st = lk_dbi_stmt(db, LEAD_ADD)) == NULL)
		return EX_SOFTWARE;
	now = lk_clock_now();
	sqlite3_bind_int64(st, 1, db->batch);
	lk_dbi_time(st, 2, now);
	lk_dbi_time(st, 3, l->has_received ? l->received : now);
	lk_dbi_text(st, 4, l->received_raw);
	lk_dbi_text(st, 5, l->origin != NULL ? l->origin : "internet");
	sqlite3_bind_int64(st, 6, status);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		lk_dbi_text(st, 7 + (int)i, l->v[cols[i]]);
	lk_dbi_text(st, 36, l->email);
	lk_dbi_text(st, 37, l->email_norm);
	lk_dbi_text(st, 38, l->phone);
	lk_dbi_text(st, 39, l->phone_e164);
	if (l->extra.len > 0)
		sqlite3_bind_text(st, 40, l->extra.s, (int)l->extra.len,
		    SQLITE_STATIC);
	sqlite3_bind_int64(st, 41, (int64_t)l->fingerprint);
	if (l->document != 0)
		sqlite3_bind_int64(st, 42, l->document);
	if (sqlite3_step(st) != SQLITE_DONE)
		return lk_dbi_fail(db, "adding a lead");
	*id = sqlite3_last_insert_rowid(db->h);
	return contacts_add(db, l, *id);
}

/* The size of the database's file, pages and all, in bytes. */
static int64_t
db_bytes(struct lk_db *db)
{
	sqlite3_stmt *st;
	int64_t	 n = 0;

	if ((st = lk_dbi_prepare(db, "SELECT page_count * page_size FROM "
	    "pragma_page_count(), pragma_page_size()")) == NULL)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
lk_db_bulk_begin(struct lk_db *db, int64_t incoming)
{
	sqlite3_stmt *st;
	struct lk_buf names = LK_BUF_INIT;
	const char *name;
	char	*drop;
	int	 r, rc = 0, empty;

	if ((st = lk_dbi_prepare(db, "SELECT NOT EXISTS (SELECT 1 FROM "
	    "leads)")) == NULL)
		return EX_SOFTWARE;
	empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	/*
	 * Into a table that has leads, every lead updates its indexes at
	 * random places, each a page read and a page written back: some
	 * 6 us a lead an index, measured into 1M leads.  Building an index
	 * anew reads the table once and sorts, some 0.7 us a lead already
	 * there.  A dump of an eighth of the database's bytes or more (a
	 * lead takes about twice its CSV bytes stored, so over a quarter as
	 * many leads) pays for that on the e-mail, phone and contact
	 * indexes with room to spare.  The fingerprint's stays, to
	 * look each lead up in; so do the ones new leads mostly append to:
	 * batch and status always, received when the dump is newer than
	 * what is there, as a day's or a week's dump is.  incoming is 0
	 * when unknown (a pipe).
	 *
	 * Otherwise a 4 MiB page cache, twice the default, saves a fifth
	 * of the time.  Not with the builds: each sorts in as much memory
	 * as the cache may hold, beside it, and the two must stay in 16.
	 */
	if (!empty && (incoming <= 0 || incoming < db_bytes(db) / 8))
		return lk_dbi_exec(db, "PRAGMA cache_size = -4096");
	if ((st = lk_dbi_prepare(db, "SELECT name, sql FROM sqlite_master "
	    "WHERE type = 'index' AND name IN ('leads_email', 'leads_phone', "
	    "'lead_contacts_norm', ?1, ?2) "
	    "ORDER BY name = 'leads_fingerprint' DESC")) == NULL)
		return EX_SOFTWARE;
	/*
	 * Into an empty table, the received index too (a first dump may
	 * come in any order, and a build is all it costs), and the
	 * fingerprint's, since nothing is there to look up (rebuilt first,
	 * for the repeats to be found).
	 */
	if (empty) {
		sqlite3_bind_text(st, 1, "leads_fingerprint", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "leads_received", -1, SQLITE_STATIC);
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		db->bulk_sql = lk_xreallocarray(db->bulk_sql, db->nbulk + 1,
		    sizeof(*db->bulk_sql));
		memset(&db->bulk_sql[db->nbulk], 0, sizeof(*db->bulk_sql));
		lk_buf_adds(&db->bulk_sql[db->nbulk++],
		    (const char *)sqlite3_column_text(st, 1));
		lk_buf_adds(&names, (const char *)sqlite3_column_text(st, 0));
		lk_buf_addc(&names, '\0');
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		rc = lk_dbi_fail(db, "reading the schema");
	/* Dropped once the schema query is done: a statement still
	 * reading it would keep its table locked. */
	for (name = names.s; rc == 0 && name != NULL &&
	    name < names.s + names.len; name += strlen(name) + 1) {
		/* An identifier cannot be bound; this one is our schema's
		 * own index name, quoted all the same. */
		if ((drop = sqlite3_mprintf("DROP INDEX \"%w\"", name)) == NULL)
			rc = EX_OSERR;
		else
			rc = lk_dbi_exec(db, drop);
		sqlite3_free(drop);
	}
	lk_buf_free(&names);
	if (rc == 0) {
		db->bulk = 1;
		db->fresh = empty;
	}
	return rc;
}

/* Remove lead id (loaded twice in this batch) and its contacts. */
static int
unload(struct lk_db *db, int64_t id)
{
	sqlite3_stmt *st;
	int	 i, r;

	for (i = 0; i < 2; i++) {
		if ((st = lk_dbi_stmt(db, i == 0 ? "DELETE FROM lead_contacts "
		    "WHERE lead_id = ?" : "DELETE FROM leads WHERE id = ?")) ==
		    NULL)
			return EX_SOFTWARE;
		sqlite3_bind_int64(st, 1, id);
		r = sqlite3_step(st);
		sqlite3_reset(st);
		if (r != SQLITE_DONE)
			return lk_dbi_fail(db, "removing a repeated lead");
	}
	return 0;
}

/*
 * A load into an empty table looked nothing up: the same source and
 * external id given twice in it are one lead, so the later copies go.
 * The fingerprint index, rebuilt, finds the few candidates in one scan.
 */
static int
unrepeat(struct lk_db *db, long *gone)
{
	sqlite3_stmt *prints, *rows;
	int64_t	 id;
	int	 r, rr, rc = 0;

	if ((prints = lk_dbi_prepare(db, "SELECT fingerprint FROM leads "
	    "WHERE batch_id = ?1 GROUP BY fingerprint HAVING count(*) > 1"))
	    == NULL)
		return EX_SOFTWARE;
	if ((rows = lk_dbi_prepare(db, "SELECT id FROM leads l WHERE "
	    "fingerprint = ?1 AND batch_id = ?2 AND external_id IS NOT NULL "
	    "AND EXISTS (SELECT 1 FROM leads e WHERE e.fingerprint = ?1 AND "
	    "e.batch_id = ?2 AND e.id < l.id AND e.external_id = "
	    "l.external_id AND e.source IS l.source)")) == NULL) {
		sqlite3_finalize(prints);
		return EX_SOFTWARE;
	}
	sqlite3_bind_int64(prints, 1, db->batch);
	sqlite3_bind_int64(rows, 2, db->batch);
	while (rc == 0 && (r = sqlite3_step(prints)) == SQLITE_ROW) {
		sqlite3_bind_int64(rows, 1, sqlite3_column_int64(prints, 0));
		/* One at a time: deleting under a running SELECT of the same
		 * rows is not something to rely on. */
		while (rc == 0 && (rr = sqlite3_step(rows)) == SQLITE_ROW) {
			id = sqlite3_column_int64(rows, 0);
			sqlite3_reset(rows);
			if ((rc = unload(db, id)) == 0)
				(*gone)++;
		}
		if (rc == 0 && rr != SQLITE_DONE)
			rc = lk_dbi_fail(db, "finding repeated leads");
		sqlite3_reset(rows);
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = lk_dbi_fail(db, "finding repeated leads");
	sqlite3_finalize(prints);
	sqlite3_finalize(rows);
	return rc;
}

int
lk_db_bulk_end(struct lk_db *db, long *gone)
{
	size_t	 i;
	int	 rc = 0;

	*gone = 0;
	if (!db->bulk)
		return 0;
	for (i = 0; i < db->nbulk && rc == 0; i++)
		rc = lk_dbi_exec(db, lk_buf_str(&db->bulk_sql[i]));
	for (i = 0; i < db->nbulk; i++)
		lk_buf_free(&db->bulk_sql[i]);
	db->nbulk = 0;
	if (rc == 0 && db->fresh)
		rc = unrepeat(db, gone);
	db->bulk = db->fresh = 0;
	return rc;
}

int
lk_db_batch_leads(struct lk_db *db, int64_t batch,
    int (*fn)(int64_t id, void *arg), void *arg)
{
	sqlite3_stmt *st;
	int	 r, rc = 0;

	if ((st = lk_dbi_stmt(db, "SELECT id FROM leads WHERE batch_id = ? "
	    "ORDER BY id")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, batch);
	while (rc == 0 && (r = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(sqlite3_column_int64(st, 0), arg);
	sqlite3_reset(st);
	if (rc == 0 && r != SQLITE_DONE)
		rc = lk_dbi_fail(db, "listing the leads added");
	return rc;
}

int
lk_db_redate(struct lk_db *db, int64_t first,
    int (*fix)(const char *raw, time_t *t, void *arg), void *arg)
{
	sqlite3_stmt *sel, *upd;
	time_t	 t;
	int	 r, rc = 0;

	sel = lk_dbi_prepare(db, "SELECT id, received_raw FROM leads "
	    "WHERE id >= ? AND batch_id = ? AND received_raw IS NOT NULL");
	upd = lk_dbi_prepare(db, "UPDATE leads SET received_at = ? "
	    "WHERE id = ?");
	if (sel == NULL || upd == NULL)
		rc = EX_SOFTWARE;
	else {
		sqlite3_bind_int64(sel, 1, first);
		sqlite3_bind_int64(sel, 2, db->batch);
	}
	while (rc == 0 && (r = sqlite3_step(sel)) == SQLITE_ROW) {
		if (fix((const char *)sqlite3_column_text(sel, 1), &t, arg))
			continue;
		lk_dbi_time(upd, 1, t);
		sqlite3_bind_int64(upd, 2, sqlite3_column_int64(sel, 0));
		if (sqlite3_step(upd) != SQLITE_DONE)
			rc = lk_dbi_fail(db, "correcting a date");
		sqlite3_reset(upd);
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = lk_dbi_fail(db, "correcting dates");
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc;
}

int
lk_db_lead_exists(struct lk_db *db, int64_t id, int *exists)
{
	sqlite3_stmt *st;
	int	 r;

	if ((st = lk_dbi_stmt(db, "SELECT 1 FROM leads WHERE id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	*exists = r == SQLITE_ROW;
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "looking up a lead");
	return 0;
}

static const char LEAD_SHOW[] =
    "SELECT l.id, s.name AS status, l.status_at, l.received_at, "
    "l.origin, l.source, l.type, l.external_id, l.first_name, "
    "l.middle_name, l.last_name, l.company, l.email, "
    "l.email IS NOT NULL AND l.email_norm IS NULL AS email_unusable, "
    "l.phone, l.phone_e164, "
    "l.phone IS NOT NULL AND l.phone_e164 IS NULL AS phone_unusable, "
    "(SELECT json_group_array(json_object('kind', c.kind, "
    "'label', c.label, 'value', c.value, 'norm', c.norm)) "
    "FROM lead_contacts c WHERE c.lead_id = l.id) AS contacts, "
    "l.street, l.city, l.region, l.postal_code, l.country, l.year, "
    "l.make, l.model, l.trim, l.vin, l.stock, l.price, l.odometer, "
    "l.color, l.interest, l.trade_year, l.trade_make, l.trade_model, "
    "l.trade_vin, l.trade_odometer, l.comments, l.vendor, l.extra, "
    "l.salesperson, l.cdr, l.needs_bdc, l.last_activity_at, "
    "(SELECT count(*) FROM activities a WHERE a.lead_id = l.id "
    "AND a.outcome = 'attempt') AS attempts, "
    "(SELECT count(*) FROM activities a WHERE a.lead_id = l.id "
    "AND a.outcome = 'contact') AS contacts_made, "
    "(SELECT count(*) FROM activities a WHERE a.lead_id = l.id "
    "AND a.kind = 'visit') AS visits, "
    "(SELECT f.kind FROM followup_state f WHERE f.lead_id = l.id "
    "AND f.state = 'open' ORDER BY f.due_at, f.id LIMIT 1) "
    "AS next_follow_up, "
    "(SELECT f.due_at FROM followup_state f WHERE f.lead_id = l.id "
    "AND f.state = 'open' ORDER BY f.due_at, f.id LIMIT 1) "
    "AS next_follow_up_at, "
    "l.received_raw, l.created_at, l.batch_id "
    "FROM leads l JOIN statuses s ON s.id = l.status_id WHERE l.id = ?";

int
lk_db_lead_show(struct lk_db *db, const int64_t *ids, size_t n,
    struct lk_out *out)
{
	sqlite3_stmt *st;
	size_t	 i;
	int	 rc = 0;

	if ((st = lk_dbi_stmt(db, LEAD_SHOW)) == NULL)
		return EX_SOFTWARE;
	for (i = 0; i < n && rc == 0; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = lk_dbi_emit(db, st, out, i == 0);
	}
	return rc;
}

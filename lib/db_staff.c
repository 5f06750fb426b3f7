/*
 * db_staff: the roster in the database: staff records, days off and
 * dated shifts, read, judged at a moment, changed; every change kept in
 * staff_changes as the JSON of what it was and became, so a roster
 * batch can be explained and put back.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"
#include "msg.h"
#include "out.h"
#include "shifts.h"
#include "staff.h"
#include "xmem.h"

/* A staff record as staff_changes keeps it; ?1 binds nothing. */
#define STAFF_JSON \
    "json_object('login', login, 'name', name, 'role', role, " \
    "'active', json(CASE WHEN active THEN 'true' ELSE 'false' END), " \
    "'hours', hours, 'phone', coalesce(phone, ''), " \
    "'email', coalesce(email, ''))"

static const char *const shift_names[] = {
	"on shift", "inactive", "time off", "off shift"
};

const char *
lk_shift_name(int state)
{
	if (state < 0 || state >= (int)(sizeof(shift_names) /
	    sizeof(shift_names[0])))
		return "?";
	return shift_names[state];
}

void
lk_staff_free(struct lk_staff *s)
{
	free(s->login);
	free(s->name);
	free(s->role);
	free(s->hours);
	free(s->phone);
	free(s->email);
	memset(s, 0, sizeof(*s));
}

void
lk_staff_free_all(struct lk_staff *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		lk_staff_free(&v[i]);
	free(v);
}

static char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s;

	s = sqlite3_column_text(st, i);
	return lk_xstrdup(s != NULL ? (const char *)s : "");
}

#define STAFF_COLS "id, login, name, role, hours, phone, email, active"

/* A row of STAFF_COLS into s. */
static void
staff_row(sqlite3_stmt *st, struct lk_staff *s)
{
	s->id = sqlite3_column_int64(st, 0);
	s->login = col(st, 1);
	s->name = col(st, 2);
	s->role = col(st, 3);
	s->hours = col(st, 4);
	s->phone = col(st, 5);
	s->email = col(st, 6);
	s->active = sqlite3_column_int(st, 7);
}

int
lk_db_staff_count(struct lk_db *db, long *n)
{
	sqlite3_stmt *st;
	int	 r;

	*n = 0;
	if ((st = lk_dbi_stmt(db, "SELECT count(*) FROM staff")) == NULL)
		return EX_SOFTWARE;
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (r != SQLITE_ROW)
		return lk_dbi_fail(db, "reading the staff roster");
	return 0;
}

int
lk_db_staff_managers(struct lk_db *db, long *n)
{
	sqlite3_stmt *st;
	int	 r;

	*n = 0;
	if ((st = lk_dbi_stmt(db, "SELECT count(*) FROM staff WHERE active "
	    "AND (role = 'manager' OR role = 'admin')")) == NULL)
		return EX_SOFTWARE;
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (r != SQLITE_ROW)
		return lk_dbi_fail(db, "reading the staff roster");
	return 0;
}

int
lk_db_staff_get(struct lk_db *db, const char *login, struct lk_staff *s,
    int *found)
{
	sqlite3_stmt *st;
	int	 r;

	memset(s, 0, sizeof(*s));
	*found = 0;
	if ((st = lk_dbi_stmt(db, "SELECT " STAFF_COLS " FROM staff "
	    "WHERE login = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		staff_row(st, s);
		*found = 1;
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading the staff roster");
	return 0;
}

int
lk_db_staff_all(struct lk_db *db, struct lk_staff **v, size_t *n)
{
	sqlite3_stmt *st;
	int	 r;

	*v = NULL;
	*n = 0;
	if ((st = lk_dbi_stmt(db, "SELECT " STAFF_COLS " FROM staff "
	    "ORDER BY login")) == NULL)
		return EX_SOFTWARE;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*v = lk_xreallocarray(*v, *n + 1, sizeof(**v));
		staff_row(st, &(*v)[(*n)++]);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		lk_staff_free_all(*v, *n);
		*v = NULL;
		*n = 0;
		return lk_dbi_fail(db, "reading the staff roster");
	}
	return 0;
}

int
lk_db_staff_shift(struct lk_db *db, const struct lk_staff *s, time_t t,
    int *state)
{
	struct lk_hours h;
	struct lk_buf why = LK_BUF_INIT;
	struct tm tm;
	sqlite3_stmt *st;
	char	 day[LK_DAY_MAX], prev[LK_DAY_MAX];
	int64_t	 has = 0, on = 0;
	int	 r;

	*state = LK_OFF_HOURS;
	if (!s->active) {
		*state = LK_OFF_INACTIVE;
		return 0;
	}
	lk_day_local(t, day);
	/* Noon the day before is the day before, DST or not. */
	localtime_r(&t, &tm);
	tm.tm_mday--;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	lk_day_local(mktime(&tm), prev);
	if ((st = lk_dbi_stmt(db, "SELECT EXISTS (SELECT 1 FROM time_off "
	    "WHERE staff_id = ?1 AND day = ?2), "
	    "coalesce(sum(h.day = ?2 OR (h.start_at <= ?4 AND "
	    "h.end_at > ?4)), 0), "
	    "coalesce(sum(h.start_at <= ?4 AND h.end_at > ?4), 0) "
	    "FROM shifts h WHERE h.staff_id = ?1 AND h.day IN (?2, ?3)")) ==
	    NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, prev, -1, SQLITE_STATIC);
	lk_dbi_time(st, 4, t);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0))
			*state = LK_OFF_TIME_OFF;
		has = sqlite3_column_int64(st, 1);
		on = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW)
		return lk_dbi_fail(db, "reading shifts");
	if (*state == LK_OFF_TIME_OFF)
		return 0;
	if (has > 0) {
		*state = on > 0 ? LK_ON_SHIFT : LK_OFF_HOURS;
		return 0;
	}
	/* Stored hours were read when stored: this cannot fail, and if a
	 * hand-edited row does, nobody is on shift by it. */
	if (lk_hours_parse(s->hours, &h, &why) == 0) {
		*state = lk_hours_on(&h, t) ? LK_ON_SHIFT : LK_OFF_HOURS;
		lk_hours_free(&h);
	}
	lk_buf_free(&why);
	return 0;
}

/* s's fields bound from 1 on: name, role, active, hours, phone, email,
 * batch. */
static void
bind_staff(struct lk_db *db, sqlite3_stmt *st, const struct lk_staff *s)
{
	sqlite3_bind_text(st, 1, s->name != NULL ? s->name : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->role, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, s->active != 0);
	sqlite3_bind_text(st, 4, s->hours != NULL ? s->hours : "", -1,
	    SQLITE_STATIC);
	lk_dbi_text(st, 5, s->phone);
	lk_dbi_text(st, 6, s->email);
	sqlite3_bind_int64(st, 7, db->batch);
}

/* Record the change of login: old (NULL: new) to what staff row id
 * holds now. */
static int
record_staff(struct lk_db *db, int64_t id, const char *old)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO staff_changes (batch_id, "
	    "login, old, new) SELECT ?1, login, ?2, " STAFF_JSON
	    " FROM staff WHERE id = ?3")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, db->batch);
	lk_dbi_text(st, 2, old);
	sqlite3_bind_int64(st, 3, id);
	return lk_dbi_done(db, st, "recording a roster change");
}

int
lk_db_staff_add(struct lk_db *db, struct lk_staff *s)
{
	sqlite3_stmt *st;
	int	 rc;

	if ((st = lk_dbi_stmt(db, "INSERT INTO staff (name, role, active, "
	    "hours, phone, email, batch_id, login) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	bind_staff(db, st, s);
	sqlite3_bind_text(st, 8, s->login, -1, SQLITE_STATIC);
	if ((rc = lk_dbi_done(db, st, "adding to the roster")) != 0)
		return rc;
	s->id = sqlite3_last_insert_rowid(db->h);
	return record_staff(db, s->id, NULL);
}

int
lk_db_staff_update(struct lk_db *db, const struct lk_staff *s, int *changed)
{
	sqlite3_stmt *st;
	char	*old = NULL;
	int	 r, rc;

	*changed = 0;
	if ((st = lk_dbi_stmt(db, "SELECT " STAFF_JSON " FROM staff "
	    "WHERE id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, s->id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		old = col(st, 0);
	sqlite3_reset(st);
	if (r != SQLITE_ROW)
		return lk_dbi_fail(db, "reading the staff roster");
	/* What is as it was is not written: no change, no batch. */
	if ((st = lk_dbi_stmt(db, "UPDATE staff SET name = ?1, role = ?2, "
	    "active = ?3, hours = ?4, phone = ?5, email = ?6, batch_id = ?7 "
	    "WHERE id = ?8 AND (name IS NOT ?1 OR role IS NOT ?2 OR "
	    "active IS NOT ?3 OR hours IS NOT ?4 OR phone IS NOT ?5 OR "
	    "email IS NOT ?6)")) == NULL) {
		free(old);
		return EX_SOFTWARE;
	}
	bind_staff(db, st, s);
	sqlite3_bind_int64(st, 8, s->id);
	if ((rc = lk_dbi_done(db, st, "changing the roster")) == 0 &&
	    sqlite3_changes(db->h) > 0) {
		*changed = 1;
		rc = record_staff(db, s->id, old);
	}
	free(old);
	return rc;
}

/* Record a day off of login given (off) or taken back. */
static int
record_day(struct lk_db *db, const char *login, const char *day, int off)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO staff_changes (batch_id, "
	    "login, old, new) SELECT ?1, ?2, CASE WHEN ?4 THEN NULL ELSE j END, "
	    "CASE WHEN ?4 THEN j ELSE NULL END FROM (SELECT json_object("
	    "'login', ?2, 'time_off', ?3) AS j)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, db->batch);
	sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, off);
	return lk_dbi_done(db, st, "recording a roster change");
}

int
lk_db_time_off(struct lk_db *db, const struct lk_staff *s, const char *day,
    int off, int *changed)
{
	sqlite3_stmt *st;
	int	 rc;

	*changed = 0;
	st = off ? lk_dbi_stmt(db, "INSERT OR IGNORE INTO time_off (staff_id, "
	    "day, batch_id) VALUES (?1, ?2, ?3)") :
	    lk_dbi_stmt(db, "DELETE FROM time_off WHERE staff_id = ?1 "
	    "AND day = ?2");
	if (st == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	if (off)
		sqlite3_bind_int64(st, 3, db->batch);
	if ((rc = lk_dbi_done(db, st, "changing time off")) != 0)
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return 0;
	*changed = 1;
	return record_day(db, s->login, day, off);
}

/* A new shift (UTC text), for the load. */
struct nshift {
	int64_t	 staff;
	const char *login;
	const char *day;
	char	 start[LK_TIME_MAX], end[LK_TIME_MAX];
};

static int
nshiftcmp(const void *x, const void *y)
{
	const struct nshift *a = x, *b = y;
	int	 c;

	if ((c = strcmp(a->day, b->day)) != 0)
		return c;
	if (a->staff != b->staff)
		return a->staff < b->staff ? -1 : 1;
	if ((c = strcmp(a->start, b->start)) != 0)
		return c;
	return strcmp(a->end, b->end);
}

static int
strpcmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Record a shift of login added (added 1) or removed. */
static int
record_shift(struct lk_db *db, const char *login, const char *day,
    const char *start, const char *end, int added)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "INSERT INTO staff_changes (batch_id, "
	    "login, old, new) SELECT ?1, ?2, CASE WHEN ?6 THEN NULL ELSE j END, "
	    "CASE WHEN ?6 THEN j ELSE NULL END FROM (SELECT json_object("
	    "'login', ?2, 'shift', ?3, 'start_at', ?4, 'end_at', ?5) AS j)")) ==
	    NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, db->batch);
	sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, end, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, added);
	return lk_dbi_done(db, st, "recording a roster change");
}

static int
shift_add(struct lk_db *db, const struct nshift *n)
{
	sqlite3_stmt *st;
	int	 rc;

	if ((st = lk_dbi_stmt(db, "INSERT INTO shifts (staff_id, day, "
	    "start_at, end_at, batch_id) VALUES (?, ?, ?, ?, ?)")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, n->staff);
	sqlite3_bind_text(st, 2, n->day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, n->start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, n->end, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, db->batch);
	if ((rc = lk_dbi_done(db, st, "storing a shift")) != 0)
		return rc;
	return record_shift(db, n->login, n->day, n->start, n->end, 1);
}

/* A stored shift of day: its id and what nshiftcmp compares. */
struct oshift {
	int64_t	 id;
	struct nshift s;
	char	*login;
};

static int
idcmp(const void *x, const void *y)
{
	int64_t	 a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

/* The shifts stored for day of the people ids[0..nids) (sorted), sorted
 * as nshiftcmp sorts. */
static int
day_shifts(struct lk_db *db, const char *day, const int64_t *ids,
    size_t nids, struct oshift **v, size_t *n)
{
	int64_t	 staff;
	sqlite3_stmt *st;
	struct oshift *o;
	const char *s;
	int	 r;

	*v = NULL;
	*n = 0;
	if ((st = lk_dbi_stmt(db, "SELECT h.id, h.staff_id, s.login, "
	    "h.start_at, h.end_at FROM shifts h JOIN staff s "
	    "ON s.id = h.staff_id WHERE h.day = ? "
	    "ORDER BY h.staff_id, h.start_at, h.end_at, h.id")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		staff = sqlite3_column_int64(st, 1);
		if (bsearch(&staff, ids, nids, sizeof(*ids), idcmp) == NULL)
			continue;
		*v = lk_xreallocarray(*v, *n + 1, sizeof(**v));
		o = &(*v)[(*n)++];
		memset(o, 0, sizeof(*o));
		o->id = sqlite3_column_int64(st, 0);
		o->s.staff = staff;
		o->login = col(st, 2);
		o->s.login = o->login;
		o->s.day = day;
		s = (const char *)sqlite3_column_text(st, 3);
		snprintf(o->s.start, sizeof(o->s.start), "%s", s ? s : "");
		s = (const char *)sqlite3_column_text(st, 4);
		snprintf(o->s.end, sizeof(o->s.end), "%s", s ? s : "");
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		return lk_dbi_fail(db, "reading shifts");
	return 0;
}

static int
shift_remove(struct lk_db *db, const struct oshift *o)
{
	sqlite3_stmt *st;
	int	 rc;

	if ((st = lk_dbi_stmt(db, "DELETE FROM shifts WHERE id = ?")) == NULL)
		return EX_SOFTWARE;
	sqlite3_bind_int64(st, 1, o->id);
	if ((rc = lk_dbi_done(db, st, "removing a shift")) != 0)
		return rc;
	return record_shift(db, o->login, o->s.day, o->s.start, o->s.end, 0);
}

/* The stored shifts of day of the people ids[0..nids) become
 * new[0..n) (sorted, each once). */
static int
replace_day(struct lk_db *db, const char *day, const int64_t *ids,
    size_t nids, const struct nshift *nw, size_t n,
    struct lk_shift_counts *c)
{
	struct oshift *old;
	size_t	 nold, i = 0, j = 0, k;
	int	 rc, cmp;

	if ((rc = day_shifts(db, day, ids, nids, &old, &nold)) != 0)
		goto out;
	while (rc == 0 && (i < nold || j < n)) {
		cmp = i == nold ? 1 : j == n ? -1 :
		    nshiftcmp(&old[i].s, &nw[j]);
		if (cmp < 0) {
			rc = shift_remove(db, &old[i++]);
			c->removed++;
		} else if (cmp > 0) {
			rc = shift_add(db, &nw[j++]);
			c->added++;
		} else if (i + 1 < nold &&
		    nshiftcmp(&old[i].s, &old[i + 1].s) == 0) {
			/* The same shift stored twice: one stays. */
			rc = shift_remove(db, &old[i++]);
			c->removed++;
		} else {
			i++;
			j++;
			c->kept++;
		}
	}
out:
	for (k = 0; k < nold; k++)
		free(old[k].login);
	free(old);
	return rc;
}

int
lk_db_shifts_load(struct lk_db *db, const struct lk_shifts *s,
    const struct lk_staff *roster, size_t nroster,
    struct lk_shift_counts *c)
{
	const struct lk_shift *sh;
	struct nshift *nw;
	const char **days;
	int64_t	*ids;
	char	*seen;
	size_t	 i, j, k, nn = 0, nd = 0, e;
	int	 rc = 0, changed;

	memset(c, 0, sizeof(*c));
	nw = lk_xcalloc(s->n + 1, sizeof(*nw));
	days = lk_xcalloc(s->n + 1, sizeof(*days));
	ids = lk_xcalloc(nroster + 1, sizeof(*ids));
	seen = lk_xcalloc(nroster + 1, 1);
	for (i = 0; i < s->n; i++) {
		sh = &s->v[i];
		days[nd++] = sh->day;
		if (!seen[sh->who]++)
			ids[c->people++] = roster[sh->who].id;
		if (sh->off)
			continue;
		nw[nn].staff = roster[sh->who].id;
		nw[nn].login = roster[sh->who].login;
		nw[nn].day = sh->day;
		lk_time_utc(sh->start, nw[nn].start);
		lk_time_utc(sh->end, nw[nn].end);
		nn++;
	}
	qsort(days, nd, sizeof(*days), strpcmp);
	for (i = j = 0; i < nd; i++)
		if (j == 0 || strcmp(days[i], days[j - 1]) != 0)
			days[j++] = days[i];
	nd = j;
	c->days = (long)nd;
	qsort(nw, nn, sizeof(*nw), nshiftcmp);
	for (i = j = 0; i < nn; i++)
		if (j == 0 || nshiftcmp(&nw[i], &nw[j - 1]) != 0)
			nw[j++] = nw[i];
	nn = j;
	qsort(ids, (size_t)c->people, sizeof(*ids), idcmp);
	/* Day by day, both lists in one order: a merge. */
	for (i = 0, k = 0; i < nd && rc == 0; i++) {
		for (e = k; e < nn && strcmp(nw[e].day, days[i]) == 0; e++)
			;
		rc = replace_day(db, days[i], ids, (size_t)c->people, nw + k,
		    e - k, c);
		k = e;
	}
	/* The export is the schedule for the days it names: a day off it
	 * gives is added, and one it has the person working is taken back
	 * (a revised export that cancels a holiday). */
	/* Working rows first: a day the file both gives off and has the
	 * person working on is off. */
	for (k = 0; k < 2; k++)
		for (i = 0; i < s->n && rc == 0; i++) {
			sh = &s->v[i];
			if ((size_t)sh->off == k && (rc = lk_db_time_off(db,
			    &roster[sh->who], sh->day, sh->off,
			    &changed)) == 0)
				*(sh->off ? &c->off : &c->back) += changed;
		}
	free(nw);
	free(days);
	free(ids);
	free(seen);
	return rc;
}

int
lk_db_staff_list(struct lk_db *db, const char *login, struct lk_out *out,
    int begin)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "SELECT login, name, role, CASE WHEN active "
	    "THEN 'yes' ELSE 'no' END AS active, hours, phone, email "
	    "FROM staff WHERE ?1 IS NULL OR login = ?1 ORDER BY login")) ==
	    NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, login);
	return lk_dbi_emit(db, st, out, begin);
}

int
lk_db_schedule(struct lk_db *db, const char *login, const char *since,
    struct lk_out *out, int begin)
{
	sqlite3_stmt *st;

	if ((st = lk_dbi_stmt(db, "SELECT login, day, kind, start_at, end_at "
	    "FROM (SELECT s.login, o.day, 'time off' AS kind, NULL AS start_at, "
	    "NULL AS end_at FROM time_off o JOIN staff s ON s.id = o.staff_id "
	    "WHERE (?1 IS NULL OR s.login = ?1) AND o.day >= ?2 "
	    "UNION ALL SELECT s.login, h.day, 'shift', h.start_at, h.end_at "
	    "FROM shifts h JOIN staff s ON s.id = h.staff_id "
	    "WHERE (?1 IS NULL OR s.login = ?1) AND h.day >= ?2) "
	    "ORDER BY day, login, start_at")) == NULL)
		return EX_SOFTWARE;
	lk_dbi_text(st, 1, login);
	sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
	return lk_dbi_emit(db, st, out, begin);
}

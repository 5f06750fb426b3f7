/*
 * roster: lead-staff's changes, loads and listings, made of the storage
 * layer's pieces (db_staff.c) and the shift reader (shifts.c), so that
 * the program is only its options.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>

#include "db.h"
#include "msg.h"
#include "out.h"
#include "roster.h"
#include "shifts.h"
#include "staff.h"
#include "xmem.h"

/* s as c changes it, stored (new: added), then its days off. */
static int
change_one(struct lk_db *db, const struct lk_roster_change *c,
    struct lk_staff *s, int new)
{
	size_t	 i;
	int	 rc, changed;

#define SET(f) if (c->f != NULL) { free(s->f); s->f = lk_xstrdup(c->f); }
	SET(role);
	SET(name);
	SET(hours);
	SET(phone);
	SET(email);
#undef SET
	if (c->active != -1)
		s->active = c->active;
	rc = new ? lk_db_staff_add(db, s) : lk_db_staff_update(db, s,
	    &changed);
	for (i = 0; i < c->noff && rc == 0; i++)
		rc = lk_db_time_off(db, s, c->off[i], 1, &changed);
	for (i = 0; i < c->ncancel && rc == 0; i++)
		rc = lk_db_time_off(db, s, c->cancel[i], 0, &changed);
	return rc;
}

static int
add(struct lk_db *db, const char *login, const struct lk_roster_change *c)
{
	struct lk_staff s;
	int	 rc, found;

	if ((rc = lk_db_staff_get(db, login, &s, &found)) != 0)
		return rc;
	lk_staff_free(&s);
	if (found) {
		lk_err(EX_DATAERR, "%s is already on the roster", login);
		return EX_DATAERR;
	}
	s.login = lk_xstrdup(login);
	s.name = lk_xstrdup("");
	s.role = lk_xstrdup("");
	s.hours = lk_xstrdup("");
	s.phone = lk_xstrdup("");
	s.email = lk_xstrdup("");
	s.active = 1;
	rc = change_one(db, c, &s, 1);
	lk_staff_free(&s);
	return rc;
}

int
lk_roster_change(struct lk_db *db, const char *login, char *const *logins,
    size_t n, const struct lk_roster_change *c)
{
	struct lk_staff s;
	size_t	 i;
	long	 before, after, people;
	int	 rc, found;

	if ((rc = lk_db_staff_managers(db, &before)) != 0 ||
	    (rc = lk_db_staff_count(db, &people)) != 0)
		return rc;
	if (login != NULL)
		rc = add(db, login, c);
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = lk_db_staff_get(db, logins[i], &s, &found)) != 0)
			break;
		if (!found) {
			lk_err(EX_DATAERR, "%s is not on the roster",
			    logins[i]);
			rc = EX_DATAERR;
		} else
			rc = change_one(db, c, &s, 0);
		lk_staff_free(&s);
	}
	/* Only root could change the roster again. */
	if (rc == 0 && (rc = lk_db_staff_managers(db, &after)) == 0 &&
	    before > 0 && after == 0) {
		lk_err(EX_DATAERR, "that would leave no active manager or "
		    "admin on the roster: add or make one first");
		rc = EX_DATAERR;
	}
	/* The first on the roster ends single-user mode: whoever starts it
	 * (root aside) must be on it with the rights to go on. */
	if (rc == 0 && people == 0 && getuid() != 0) {
		if ((rc = lk_db_staff_get(db, lk_db_actor(db), &s,
		    &found)) != 0)
			return rc;
		if (!found || !s.active || (strcmp(s.role, "manager") != 0 &&
		    strcmp(s.role, "admin") != 0)) {
			lk_err(EX_DATAERR, "the roster is empty: add yourself "
			    "first, as a manager or admin (lead-staff --add %s "
			    "--role admin); once anyone is on it, only the "
			    "people on it change anything", lk_db_actor(db));
			rc = EX_DATAERR;
		}
		if (found)
			lk_staff_free(&s);
	}
	return rc;
}

int
lk_roster_known(struct lk_db *db, char *const *logins, size_t n)
{
	struct lk_staff s;
	size_t	 i;
	int	 rc = 0, found;

	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = lk_db_staff_get(db, logins[i], &s, &found)) != 0)
			break;
		lk_staff_free(&s);
		if (!found) {
			lk_err(EX_DATAERR, "%s is not on the roster",
			    logins[i]);
			rc = EX_DATAERR;
		}
	}
	return rc;
}

int
lk_roster_load(struct lk_db *db, const char *path, enum lk_dorder order,
    int dry_run)
{
	struct lk_shifts s;
	struct lk_shift_counts c;
	struct lk_staff *v;
	size_t	 n;
	int	 rc;

	if ((rc = lk_shifts_read(path, order, &s)) != 0)
		return rc;
	if ((rc = lk_db_staff_all(db, &v, &n)) == 0) {
		if ((rc = lk_shifts_match(&s, v, n)) == 0)
			rc = lk_db_shifts_load(db, &s, v, n, &c);
		lk_staff_free_all(v, n);
	}
	if (rc == 0 && s.guessed)
		lk_warn("%s: dates read month-first (nothing in the file says "
		    "which; --date-order dmy reads them day-first)", s.name);
	if (rc == 0)
		lk_warn("%s: %ld shift%s %s, %ld %s, %ld unchanged, %ld day%s "
		    "off %s (%ld %s, %ld day%s)", s.name, c.added,
		    c.added == 1 ? "" : "s", dry_run ? "would be added" :
		    "added", c.removed, dry_run ? "would be removed" :
		    "removed", c.kept, c.off, c.off == 1 ? "" : "s",
		    dry_run ? "would be added" : "added", c.people,
		    c.people == 1 ? "person" : "people", c.days,
		    c.days == 1 ? "" : "s");
	if (rc == 0 && c.back > 0)
		lk_warn("%s: %ld day%s off %s: the file has them working",
		    s.name, c.back, c.back == 1 ? "" : "s", dry_run ?
		    "would be taken back" : "taken back");
	lk_shifts_free(&s);
	return rc;
}

int
lk_roster_on_shift(struct lk_db *db, char *const *logins, size_t n,
    time_t t, struct lk_out *o)
{
	static const char *const names[] = { "login", "name", "role",
	    "state" };
	struct lk_staff *v;
	struct lk_val val[4];
	size_t	 nv, i, j;
	int	 rc, state;

	if ((rc = lk_db_staff_all(db, &v, &nv)) != 0)
		return rc;
	lk_out_begin(o, names, 4);
	for (i = 0; i < nv && rc == 0; i++) {
		for (j = 0; j < n && strcmp(logins[j], v[i].login) != 0; j++)
			;
		if (n > 0 && j == n)
			continue;
		if ((rc = lk_db_staff_shift(db, &v[i], t, &state)) != 0)
			break;
		val[0] = (struct lk_val){ LK_V_TEXT, v[i].login };
		val[1] = (struct lk_val){ LK_V_TEXT, v[i].name };
		val[2] = (struct lk_val){ LK_V_TEXT, v[i].role };
		val[3] = (struct lk_val){ LK_V_TEXT, lk_shift_name(state) };
		lk_out_row(o, val);
	}
	lk_staff_free_all(v, nv);
	return rc;
}

int
lk_logins_read(FILE *fp, const char *name, char ***v, size_t *n)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 len;
	long	 ln = 0;
	int	 rc = 0;

	while (rc == 0 && (len = getline(&line, &cap, fp)) != -1) {
		ln++;
		line[strcspn(line, "\t\r\n")] = '\0';
		if (*line == '\0' || (ln == 1 && strcmp(line, "login") == 0))
			continue;
		if (!lk_login_valid(line)) {
			lk_msg_at(EX_DATAERR, name, ln, NULL, line,
			    "not a login");
			rc = EX_DATAERR;
			break;
		}
		*v = lk_xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[(*n)++] = lk_xstrdup(line);
	}
	if (rc == 0 && ferror(fp)) {
		lk_err(EX_IOERR, "%s: read error", name);
		rc = EX_IOERR;
	}
	free(line);
	return rc;
}

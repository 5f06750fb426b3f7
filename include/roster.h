/*
 * roster: what lead-staff does with the roster, over the storage layer:
 * people added and changed as the options say, all or nothing; a shift
 * export loaded; who is on shift at a moment, listed; logins read from
 * a listing.
 */
#ifndef LK_ROSTER_H
#define LK_ROSTER_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "clock.h"

struct lk_db;
struct lk_out;

/* A change to people on the roster; NULL (-1, 0 days): as it is. */
struct lk_roster_change {
	const char *role;
	const char *name;
	const char *hours;	/* canonical (lk_hours_format) */
	const char *phone;	/* E.164, "" for none */
	const char *email;	/* normalised, "" for none */
	int	 active;	/* 1, 0, or -1 */
	char *const *off;	/* days to give off, "2026-12-24" */
	size_t	 noff;
	char *const *cancel;	/* days off to take back */
	size_t	 ncancel;
};

/*
 * In the transaction under way: add (if not NULL; c->role needed) and
 * change logins[0..n) as c says.  65 after one line when someone to
 * add is on the roster already, someone to change is not, or the roster
 * would be left with no active manager or admin (when it had one).
 */
int	 lk_roster_change(struct lk_db *, const char *add, char *const *logins,
	    size_t n, const struct lk_roster_change *c);

/* Are logins[0..n) on the roster?  0, or 65 naming the first not. */
int	 lk_roster_known(struct lk_db *, char *const *logins, size_t n);

/*
 * Load the shift export at path ("-": stdin) into the transaction under
 * way (lk_shifts_read, lk_shifts_match, lk_db_shifts_load) and say what
 * it did on stderr, as what it would do with dry_run.
 */
int	 lk_roster_load(struct lk_db *, const char *path, enum lk_dorder,
	    int dry_run);

/* Everyone (n 0) or logins[0..n), by login, with where they stand at t:
 * login, name, role, state (lk_shift_name). */
int	 lk_roster_on_shift(struct lk_db *, char *const *logins, size_t n,
	    time_t t, struct lk_out *);

/*
 * Append the logins of fp (named name in messages) to *v of *n: the
 * first tab-separated field of each line; blank lines and a first line
 * "login" (a listing's header) skipped.  0, 65 after "name:LINE: not a
 * login", or 74 on a read error.
 */
int	 lk_logins_read(FILE *fp, const char *name, char ***v, size_t *n);

#endif

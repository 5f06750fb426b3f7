/*
 * dbint: what the storage layer's files share and nothing else sees:
 * the connection, its prepared statements, and their helpers.
 */
#ifndef LK_DBINT_H
#define LK_DBINT_H

#include <sqlite3.h>
#include <time.h>

#include "db.h"

struct lk_db {
	sqlite3	*h;			/* the connection */
	char	*path;
	char	*actor;			/* who acts: --as, else the Unix
					   login */
	char	*unix_login;		/* who runs the command */
	int	 as;			/* --as given */
	char	*role;			/* the actor's; NULL: every right */
	int64_t	 batch;			/* batch under way, 0 outside one */
	int64_t	 changes0;		/* total changes when it began */
	int	 in_tx;
	int	 bulk;			/* lookup indexes dropped */
	int	 fresh;			/* ... the fingerprint's too: the
					   table was empty, nothing to find */
	int64_t	 initial;		/* the initial status, once read */
	long	 timeout;		/* ms to wait for another writer */
	struct timespec wait_start;	/* when this wait began */
	int	 told;			/* "waiting" said on a terminal */
	int	 created;		/* the file is this command's: no
					   WAL until lk_db_close */
	struct lk_buf *bulk_sql;	/* their CREATE statements */
	struct lk_apend *apend;		/* assignments not yet written */
	size_t	 nbulk;
	struct {
		const char *sql;	/* the literal it was prepared from */
		sqlite3_stmt *stmt;
	} cache[128];			/* prepared by lk_dbi_stmt */
	size_t	 ncache;
};

/*
 * The statement for sql, a string literal: prepared once, kept, and
 * reset and unbound each time it is handed out again (the literal's
 * address is the key).  NULL after a message on failure.
 */
sqlite3_stmt *lk_dbi_stmt(struct lk_db *, const char *sql);
/* A statement the caller finalizes; NULL after a message on failure. */
sqlite3_stmt *lk_dbi_prepare(struct lk_db *, const char *sql);
/* Report the last error with what was being done; returns its code. */
int	 lk_dbi_fail(struct lk_db *, const char *doing);
/* sysexits code for an SQLite result code. */
int	 lk_dbi_rc(int sqlite_rc);
/* Step st, a statement that returns no rows, and reset it either way:
 * 0, or a sysexits code after a message saying what was being done. */
int	 lk_dbi_done(struct lk_db *, sqlite3_stmt *st, const char *doing);
/* Run sql with no results: 0 or a sysexits code. */
int	 lk_dbi_exec(struct lk_db *, const char *sql);

/* Bind helpers: NULL or empty text binds NULL. */
int	 lk_dbi_text(sqlite3_stmt *, int i, const char *s);
int	 lk_dbi_time(sqlite3_stmt *, int i, time_t t);

/*
 * Step st to the end, each row a record of out; begin nonzero first
 * announces the columns (the statement's names).  Columns named at
 * or *_at are times, extra, contacts and args JSON, the rest as SQLite typed them.
 */
struct lk_out;
int	 lk_dbi_emit(struct lk_db *, sqlite3_stmt *st, struct lk_out *out,
	    int begin);

/* Write the assignments lk_db_assignment_add holds (db_assign.c);
 * lk_db_commit does, and lk_db_rollback and lk_db_close drop them. */
int	 lk_dbi_assignments_flush(struct lk_db *);
void	 lk_dbi_assignments_drop(struct lk_db *);
void	 lk_dbi_assignments_free(struct lk_db *);

/* Store the catalog, kinds and cadence read from share/ into a new db. */
int	 lk_dbi_seed(struct lk_db *);

#endif

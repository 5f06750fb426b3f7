/*
 * db: the storage layer, and the only place leadkit speaks SQL.  One
 * SQLite database holds everything; every command's writes are one
 * transaction and one batch (who, when, which program and arguments),
 * and every row it writes names that batch.  Functions return 0 or a
 * sysexits(3) code after printing one line saying what went wrong.
 */
#ifndef LK_DB_H
#define LK_DB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "clock.h"

struct lk_db;
struct lk_lead;
struct lk_out;
struct lk_catalog;
struct lk_kinds;
struct lk_buf;

/* The schema version this build writes; older databases are migrated. */
#define LK_SCHEMA_VERSION 3

/*
 * The database path: path if not NULL, else $LEAD_DB, else
 * $XDG_DATA_HOME/leadkit/leads.db, else ~/.local/share/leadkit/leads.db.
 * The caller frees it.
 */
char	*lk_db_path(const char *path);

/*
 * Open the database at lk_db_path(path), creating it (mode 0600; at the
 * default location its directory too, 0700) with the schema, the status
 * catalog, follow-up kinds and cadence from share/ when it does not
 * exist, and migrating an older one.  WAL, a wait for another writer
 * ($LEAD_BUSY_TIMEOUT ms, default 120000), foreign keys on.  Returns 0
 * with *dbp set, or a sysexits code.
 */
int	 lk_db_open(struct lk_db **dbp, const char *path);
/* The same for a command that only reads: a database that does not
 * exist is not created; the defaults (empty, the shipped catalog) are
 * read instead. */
int	 lk_db_open_read(struct lk_db **dbp, const char *path);
void	 lk_db_close(struct lk_db *);
/*
 * Before the first open: how much of a statement's journal is kept in
 * memory before it goes to a temporary file.  A statement that fires a
 * trigger inside a longer transaction journals the pages it changes;
 * assigning a lead or changing its status (its row, its indexes, the
 * lead the trigger updates) is just past SQLite's 64 KiB, and 100k of
 * them made 1.3 million writes.  The default here is 4 MiB, freed after
 * each statement; lead-add, whose inserts fire no trigger, sets 64 KiB
 * back, since the heap's peak stays 2.7 MiB higher otherwise.
 */
void	 lk_db_statement_journal(int bytes);


/*
 * Start the command's write transaction (BEGIN IMMEDIATE, so it waits
 * for another writer instead of failing) and its batch: program and
 * its arguments as given.
 */
int	 lk_db_begin(struct lk_db *, const char *program, int argc,
	    char *const argv[]);
/* The batch id of the transaction under way. */
int64_t	 lk_db_batch(const struct lk_db *);
/* Commit; a transaction that changed nothing leaves no batch behind. */
int	 lk_db_commit(struct lk_db *);
/* Roll back whatever the transaction did (safe to call twice). */
void	 lk_db_rollback(struct lk_db *);

/* --- leads -------------------------------------------------------- */

/*
 * Is this lead already stored: the same source and external id, or
 * (added by an earlier batch) the same content?  Returns 0 with *id set
 * to it or 0, or a sysexits code.
 */
int	 lk_db_lead_find(struct lk_db *, const struct lk_lead *, int64_t *id);
/* Store a new lead (status initial, received now if it has no time). */
int	 lk_db_lead_add(struct lk_db *, const struct lk_lead *, int64_t *id);

/*
 * A bulk load into an empty table builds the lookup indexes once at the
 * end instead of keeping them current row by row (two to three times
 * faster), and looks no lead up as it goes: lk_db_bulk_end rebuilds the
 * indexes, inside the same transaction, and removes the later copies of
 * a source and external id the load gave twice (*gone says how many).
 * Into a table that has leads, a load of incoming bytes (the file's
 * size; 0 when unknown) of an eighth of the database's or more rebuilds
 * the e-mail, phone and contact indexes the same way, and still looks
 * each lead up.
 */
int	 lk_db_bulk_begin(struct lk_db *, int64_t incoming);
int	 lk_db_bulk_end(struct lk_db *, long *gone);
/* Call fn with each lead of batch, in id order, until it returns
 * nonzero (returned); 0 or a sysexits code. */
int	 lk_db_batch_leads(struct lk_db *, int64_t batch,
	    int (*fn)(int64_t id, void *arg), void *arg);

/*
 * Leads of this batch, from id first on, whose received time was read
 * from an ambiguous date (received_raw kept), read again: fix(raw, &t,
 * arg) gives the time, or nonzero to leave the lead as it is.
 */
int	 lk_db_redate(struct lk_db *, int64_t first,
	    int (*fix)(const char *raw, time_t *t, void *arg), void *arg);

/* Does lead id exist? 0 with *exists set, or a sysexits code. */
int	 lk_db_lead_exists(struct lk_db *, int64_t id, int *exists);

/* Show leads, one record each, every field. */
int	 lk_db_lead_show(struct lk_db *, const int64_t *ids, size_t n,
	    struct lk_out *);

/* --- the catalog ---------------------------------------------------- */

/* The status catalog as stored, in catalog order. */
int	 lk_db_catalog(struct lk_db *, struct lk_catalog *);
/* The follow-up kinds. */
int	 lk_db_kinds(struct lk_db *, struct lk_kinds *);
/*
 * Replace the catalog by c (as lk_catalog_parse read it from file): a
 * status with an id keeps it (so it can be renamed), one without is
 * matched by name or added; a stored status c leaves out is removed,
 * unless a lead or its history uses it (refused, naming it).  Each
 * change is recorded in catalog_changes.  *changed counts them.
 */
int	 lk_db_catalog_load(struct lk_db *, const struct lk_catalog *c,
	    const char *file, size_t *changed);

/* --- a lead's status, activities and follow-ups --------------------- */

/* What the status rules, the rules of engagement and lead-status need
 * to know of a lead.  The strings are malloc'd: lk_lead_facts_free. */
struct lk_lead_facts {
	int64_t	 id;
	int64_t	 status_id;
	int	 initial;	/* the status is the initial one (new) */
	time_t	 received;
	long	 attempts;	/* contact attempts recorded */
	long	 visits;	/* store visits recorded */
	char	*salesperson;	/* login, NULL when unassigned */
	char	*sp_role;	/* the salesperson's role; NULL: off the
				   roster or unassigned */
	char	*cdr;		/* the BDC rep working it, or NULL */
	int	 needs_bdc;	/* marked as needing BDC contact */
	int	 iss_quote;	/* an ISS recorded a quote on it */
};
/* The facts of lead id: 0 with *found set, or a sysexits code. */
int	 lk_db_lead_facts(struct lk_db *, int64_t id, struct lk_lead_facts *,
	    int *found);
void	 lk_lead_facts_free(struct lk_lead_facts *);
/* Is login an active manager on the roster?  0 with *yes set. */
int	 lk_db_is_manager(struct lk_db *, const char *login, int *yes);
/* Mark lead needs-bdc (value 1) or not (0), as history. */
int	 lk_db_mark_add(struct lk_db *, int64_t lead, const char *mark,
	    int value);
/*
 * Are leads a and b the same customer: a usable e-mail or phone in
 * common, or the same name (folded) and the same street or postal code?
 */
int	 lk_db_same_customer(struct lk_db *, int64_t a, int64_t b, int *same);
/* Lead id's source (NULL if none) in *source, which the caller frees. */
int	 lk_db_lead_source(struct lk_db *, int64_t id, char **source);

/* Record a change of lead's status; undoes names the change it undoes,
 * of the lead a duplicate duplicates (0 for none).  *change is the new
 * change's id. */
int	 lk_db_status_change(struct lk_db *, int64_t lead, int64_t from,
	    int64_t to, const char *note, int64_t undoes, int64_t of,
	    int64_t *change);
/* The change --undo reverts: the last that is neither an undo nor
 * undone (*change 0 when there is none), and its from and to. */
int	 lk_db_status_last(struct lk_db *, int64_t lead, int64_t *change,
	    int64_t *from, int64_t *to);
/* Cancel the follow-ups change scheduled that are still open. */
int	 lk_db_followups_cancel(struct lk_db *, int64_t change);

/* Schedule a follow-up or appointment of kind, due then; change is the
 * status change it goes with, or 0. */
int	 lk_db_followup_add(struct lk_db *, int64_t lead, const char *kind,
	    time_t due, const char *note, int64_t change, int64_t *id);
/*
 * Record an activity (confirmed_by: who allowed a BDC rep's contact,
 * rule 3, or NULL).  It meets the follow-up meets if not 0, else the
 * lead's open follow-up this kind of activity completes (its kind's
 * done-by) that was set by then, earliest due first; the one met is
 * done (an appointment: shown), and *followup says which, or 0.
 */
int	 lk_db_activity_add(struct lk_db *, int64_t lead, time_t at,
	    const char *kind, const char *direction, const char *outcome,
	    const char *note, const char *confirmed_by, int64_t meets,
	    int64_t *id, int64_t *followup);
/* A lead's next open appointment: the one due first. */
struct lk_appt {
	int64_t	 id;		/* 0 when the lead has none */
	int	 confirmed;
	time_t	 set;		/* when it was made */
	time_t	 due;
};
int	 lk_db_appointment_next(struct lk_db *, int64_t lead,
	    struct lk_appt *);
/* What became of a follow-up: done, missed, cancelled, confirmed, shown. */
int	 lk_db_followup_event(struct lk_db *, int64_t followup,
	    const char *event, int64_t activity);

/* A lead's whole history, oldest first. */
int	 lk_db_history(struct lk_db *, int64_t lead, struct lk_out *,
	    int begin);

/* --- documents, the quarantine, source names (db_intake.c) --------- */

/* A lead document as it came: an ADF file or a whole mail message. */
struct lk_doc {
	const char *kind;	/* "adf" or "mail" */
	const char *name;	/* the file; NULL for stdin */
	const char *sender;	/* a message's From:, Subject:, Message-ID: */
	const char *subject;
	const char *message_id;
	const char *body;	/* len bytes, byte for byte */
	size_t	 len;
};
/* What became of a stored document. */
enum { LK_DOC_NONE, LK_DOC_KEPT, LK_DOC_HELD, LK_DOC_RELEASED };

/* Keep document d; *id is its id (what leads.document_id names). */
int	 lk_db_document_add(struct lk_db *, const struct lk_doc *d,
	    int64_t *id);
/* Document id with its strings malloc'd (lk_doc_free) and *state: NONE
 * when there is no such document, KEPT, or HELD or RELEASED for one in
 * the quarantine. */
int	 lk_db_document_get(struct lk_db *, int64_t id, struct lk_doc *,
	    int *state);
void	 lk_doc_free(struct lk_doc *);
/* The held document with the same bytes as d, or *id 0. */
int	 lk_db_quarantine_find(struct lk_db *, const struct lk_doc *d,
	    int64_t *id);
/* Hold document doc, for reason. */
int	 lk_db_quarantine_add(struct lk_db *, int64_t doc, const char *reason);
/* A held document: released by this batch with outcome ("2 added",
 * "discarded"), or, outcome NULL, still held for a new reason. */
int	 lk_db_quarantine_update(struct lk_db *, int64_t doc,
	    const char *reason, const char *outcome);
/* The held documents' ids, oldest first, appended to *ids. */
int	 lk_db_quarantine_held(struct lk_db *, int64_t **ids, size_t *n);
/* The quarantine: what is held, or (all) what ever was. */
int	 lk_db_quarantine_list(struct lk_db *, int all, struct lk_out *);

/* The source the dealership gives provider's leads, or NULL (the caller
 * frees it). */
int	 lk_db_source_name(struct lk_db *, const char *provider,
	    char **source);
/* The names: provider, source; loadable by lk_db_sources_load. */
int	 lk_db_sources(struct lk_db *, struct lk_out *);
/* Replace them by the n pairs (provider, source) in pairs[0..2n);
 * *changed is 0 when they were the same already. */
int	 lk_db_sources_load(struct lk_db *, char *const *pairs, size_t n,
	    size_t *changed);

/* --- who acts: the roster and its roles (db.c) --------------------- */

/*
 * Act as login (--as LOGIN), for this command; call before lk_db_begin.
 * lk_db_begin then checks who acts.  With nobody on the roster the
 * database is in single-user mode: anyone may do anything.  Otherwise
 * the acting Unix user (root excepted) must be active on the roster,
 * and --as is for managers, admins and root, naming someone on it; the
 * batch records both (actor LOGIN, by_login the Unix user).  A refusal
 * is one line and 77 (EX_NOPERM).
 */
int	 lk_db_as(struct lk_db *, const char *login);
/* The acting login (--as, else the Unix user). */
const char *lk_db_actor(const struct lk_db *);
/* The acting person's role (iss, bdc, floor, manager, admin), or NULL
 * when they have every right: single-user mode, or root off the
 * roster.  Valid once lk_db_begin succeeded. */
const char *lk_db_role(const struct lk_db *);
/*
 * May the acting person do what (said in the refusal: "change the
 * roster")?  roles is a space-separated list ("manager admin"); 0, or 77
 * after "lead-staff: ann is iss: only a manager or admin may change the
 * roster".  Always 0 when lk_db_role is NULL.
 */
int	 lk_db_may(struct lk_db *, const char *roles, const char *what);

/* --- the roster (db_staff.c) ----------------------------------------- */

/* A staff record; strings malloc'd, never NULL ("" when unset). */
struct lk_staff {
	int64_t	 id;
	char	*login;		/* the Unix user name */
	char	*name;		/* full name */
	char	*role;		/* iss, bdc, floor, manager, admin */
	char	*hours;		/* "mon-fri 09:00-18:00,sat 10:00-16:00";
				   "" is any time */
	char	*phone;
	char	*email;
	int	 active;
};
void	 lk_staff_free(struct lk_staff *);	/* one record's strings */
void	 lk_staff_free_all(struct lk_staff *, size_t n);	/* and v */

/* How many people are on the roster, active or not. */
int	 lk_db_staff_count(struct lk_db *, long *n);
/* How many of them are active managers or admins. */
int	 lk_db_staff_managers(struct lk_db *, long *n);
/* The record of login: 0 with *found set, or a sysexits code. */
int	 lk_db_staff_get(struct lk_db *, const char *login, struct lk_staff *,
	    int *found);
/* The whole roster, by login, in *v (lk_staff_free_all). */
int	 lk_db_staff_all(struct lk_db *, struct lk_staff **v, size_t *n);

/* Where someone stands at a moment, first reason first. */
enum {
	LK_ON_SHIFT,		/* working: may get leads */
	LK_OFF_INACTIVE,	/* not active (left) */
	LK_OFF_TIME_OFF,	/* time off that (local) day */
	LK_OFF_HOURS		/* outside their shifts or weekly hours */
};
/* Is s on shift at t (local time per TZ): inactive, else time off that
 * day, else that day's dated shifts if it has any, else the weekly
 * hours ("" any time)?  0 with *state one of the above. */
int	 lk_db_staff_shift(struct lk_db *, const struct lk_staff *s, time_t t,
	    int *state);
/* "off shift", "time off", "inactive" or "on shift" for a state. */
const char *lk_shift_name(int state);

/* Changes (lead-staff), each recorded in staff_changes as the JSON of
 * what it was and became; the caller checks lk_db_may first. */
/* Add s to the roster (s->id is set); login must be new. */
int	 lk_db_staff_add(struct lk_db *, struct lk_staff *s);
/* Store s over the record s->id names; *changed 0 when it was so. */
int	 lk_db_staff_update(struct lk_db *, const struct lk_staff *s,
	    int *changed);
/* Give s day ("2026-12-24") off (off 1), or take it back (off 0);
 * *changed 0 when it was so. */
int	 lk_db_time_off(struct lk_db *, const struct lk_staff *s,
	    const char *day, int off, int *changed);
/* What lk_db_shifts_load did. */
struct lk_shift_counts {
	long	 added, removed, kept;	/* shifts */
	long	 off;			/* days off added */
	long	 back;			/* days off taken back: the export
					   has the person working that day */
	long	 days, people;		/* the file's */
};
/*
 * Store the shift export s, its rows matched to roster[0..n): the
 * shifts of the people it names on the days it names are replaced by
 * its own (what is there already stays untouched; others' shifts, and
 * other days, are not the file's business); its days off are added,
 * and a day off of someone it has working that day is taken back.
 */
struct lk_shifts;
int	 lk_db_shifts_load(struct lk_db *, const struct lk_shifts *s,
	    const struct lk_staff *roster, size_t n, struct lk_shift_counts *);

/* Listings, one record a row; begin as lk_dbi_emit. */
/* The roster (login NULL) or one record: login, name, role, active
 * (yes, no), hours, phone, email. */
int	 lk_db_staff_list(struct lk_db *, const char *login, struct lk_out *,
	    int begin);
/* login's (NULL: everyone's) days off and dated shifts from day since
 * on: login, day, kind (shift, time off), start_at, end_at. */
int	 lk_db_schedule(struct lk_db *, const char *login, const char *since,
	    struct lk_out *, int begin);

/* --- assignments (db_assign.c) -------------------------------------- */

/* The routing rules file in force: the newest load whose batch was not
 * undone; *text NULL when none was ever loaded (the caller frees both). */
int	 lk_db_routing(struct lk_db *, char **text, char **file);
/* Keep a load of the rules file (file NULL: stdin). */
int	 lk_db_routing_add(struct lk_db *, const char *file, const char *text);

/* What routing looks at in a lead and where it stands; the strings are
 * valid only during the callback. */
struct lk_alead {
	int64_t	 id;
	const char *type, *source, *origin, *make, *stock;
	const char *salesperson, *cdr;	/* NULL when unset */
	const char *pool;	/* waiting in this rotation's pool, or NULL */
	const char *status;
	int	 initial;	/* its status is the initial one (new) */
	int	 dormant;	/* ... one lead-sweep sets (auto): dormant */
	int	 open;		/* ... a working one, not sold */
	const char *by;		/* who gave it its salesperson, how */
	const char *reason;
	const char *at;		/* and when (UTC text) */
	const char *claimed_by;	/* who claimed it since its status was
				   set (a dormant lead is claimed once) */
	const char *claimed_at;
};
/* Call fn with lead id (*found 0 when there is none). */
int	 lk_db_alead(struct lk_db *, int64_t id,
	    int (*fn)(const struct lk_alead *, void *), void *arg, int *found);
/*
 * The ids, past after, of at most max leads, in id order: (login NULL)
 * unassigned new ones not in a pool, or (login) the open leads login is
 * the salesperson of (cdr 0) or the CDR of (cdr 1).
 */
int	 lk_db_alead_ids(struct lk_db *, const char *login, int cdr,
	    int64_t after, size_t max, int64_t *ids, size_t *n);

/* One assignment row, as assignments holds it. */
struct lk_arow {
	int64_t	 lead;
	const char *role;	/* salesperson, cdr */
	const char *from, *to;	/* to NULL: into a pool */
	const char *reason;	/* round-robin, pool, manager, claim, ... */
	const char *why;
	const char *rule, *rotation;
	time_t	 due;		/* answer by; 0 none */
	int64_t	 stride;	/* round-robin pass it cost; 0 none */
};
int	 lk_db_assignment_add(struct lk_db *, const struct lk_arow *);

/* Round-robin state of rotation: each member's pass and last turn
 * (members without any: 0), and the rotation's vtime and turn. */
int	 lk_db_turns(struct lk_db *, const char *rotation,
	    int (*fn)(const char *login, int64_t pass, int64_t last,
		void *arg), void *arg, int64_t *vtime, int64_t *turn);
int	 lk_db_turn_set(struct lk_db *, const char *rotation,
	    const char *login, int64_t pass, int64_t last);
int	 lk_db_rotation_clock_set(struct lk_db *, const char *rotation,
	    int64_t vtime, int64_t turn);

/* A lead's and its salesperson's details for the notify command: fn is
 * called with each (name, value) pair, value NULL when unset. */
int	 lk_db_notify_env(struct lk_db *, int64_t lead,
	    void (*fn)(const char *name, const char *value, void *arg),
	    void *arg);

/* The database file's path, as opened. */
const char *lk_db_file(const struct lk_db *);

/* --- batches --------------------------------------------------------- */

/* Every batch, newest first, with what it wrote. */
int	 lk_db_batches(struct lk_db *, struct lk_out *);
/*
 * Undo batch as one, inside the transaction under way: the leads it
 * added are removed (refused if anything happened to them since), its
 * status changes are undone (refused if a lead changed again since),
 * its assignments given back (refused if a lead was assigned again
 * since; a round-robin turn it cost is returned), its needs-bdc marks
 * reversed, its open follow-ups cancelled.  Activities are history and
 * stay: a batch that recorded any is refused.  Only a manager, an
 * admin or the batch's own actor may (77 otherwise).
 */
int	 lk_db_batch_undo(struct lk_db *, int64_t batch);

#endif

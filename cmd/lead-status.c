/*
 * lead-status: change leads' statuses under the dealership's rules,
 * record what was done and what comes next, undo, show a lead and its
 * history; the status catalog and the batches of every command.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "catalog.h"
#include "clock.h"
#include "db.h"
#include "ids.h"
#include "msg.h"
#include "out.h"
#include "status.h"
#include "xmem.h"

static const char usage_text[] =
    "usage: lead-status [--db path] [--now time] [--format fmt] [--no-header]\n"
    "                   id ... [--history]\n"
    "       lead-status [--db path] [--now time] [--as login] id ... [status]\n"
    "                   [--note text] [--follow-up when [--kind kind]] [--of id]\n"
    "                   [--log activity [--outcome outcome] [--direction dir]\n"
    "                   [--at when] [--confirmed login]]\n"
    "                   [--appointment when [--kind kind]]\n"
    "                   [--confirm | --shown | --missed] [--undo]\n"
    "                   [--needs-bdc | --no-needs-bdc]\n"
    "       lead-status [--db path] [--format fmt] [--no-header]\n"
    "                   --batches | --catalog | --kinds\n"
    "       lead-status [--db path] [--now time] [--as login]\n"
    "                   --load-catalog file | --undo-batch batch\n"
    "       lead-status --help | --version\n";

static const char *const activities[] = { "call", "email", "text", "letter",
    "quote", "visit", "note", NULL };
static const char *const outcomes[] = { "contact", "attempt", "fresh-up",
    "be-back", NULL };

enum {
	OPT_APPOINTMENT = 256, OPT_AS, OPT_AT, OPT_BATCHES, OPT_CATALOG,
	OPT_CONFIRM, OPT_CONFIRMED, OPT_DB, OPT_DIRECTION, OPT_FOLLOW_UP,
	OPT_FORMAT, OPT_HELP, OPT_HISTORY, OPT_KIND, OPT_KINDS,
	OPT_LOAD_CATALOG, OPT_LOG, OPT_MISSED, OPT_NEEDS_BDC, OPT_NO_HEADER,
	OPT_NO_NEEDS_BDC, OPT_NOTE, OPT_NOW, OPT_OF, OPT_OUTCOME, OPT_SHOWN,
	OPT_UNDO, OPT_UNDO_BATCH, OPT_VERSION
};

static const struct option opts[] = {
	{ "appointment", required_argument, NULL, OPT_APPOINTMENT },
	{ "as", required_argument, NULL, OPT_AS },
	{ "at", required_argument, NULL, OPT_AT },
	{ "batches", no_argument, NULL, OPT_BATCHES },
	{ "catalog", no_argument, NULL, OPT_CATALOG },
	{ "confirm", no_argument, NULL, OPT_CONFIRM },
	{ "confirmed", required_argument, NULL, OPT_CONFIRMED },
	{ "db", required_argument, NULL, OPT_DB },
	{ "direction", required_argument, NULL, OPT_DIRECTION },
	{ "follow-up", required_argument, NULL, OPT_FOLLOW_UP },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "history", no_argument, NULL, OPT_HISTORY },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "kinds", no_argument, NULL, OPT_KINDS },
	{ "load-catalog", required_argument, NULL, OPT_LOAD_CATALOG },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "missed", no_argument, NULL, OPT_MISSED },
	{ "needs-bdc", no_argument, NULL, OPT_NEEDS_BDC },
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "no-needs-bdc", no_argument, NULL, OPT_NO_NEEDS_BDC },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "of", required_argument, NULL, OPT_OF },
	{ "outcome", required_argument, NULL, OPT_OUTCOME },
	{ "shown", no_argument, NULL, OPT_SHOWN },
	{ "undo", no_argument, NULL, OPT_UNDO },
	{ "undo-batch", required_argument, NULL, OPT_UNDO_BATCH },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* Everything the command line said. */
struct args {
	const char *db, *now;
	const char *as;			/* --as: act for this login */
	enum lk_fmt fmt;
	int	 header;
	int	 history, batches, catalog, kinds;
	const char *load_catalog;
	int64_t	 undo_batch;
	const char *status;		/* as typed */
	const char *follow_up, *at, *appointment;	/* WHEN as typed */
	struct lk_change c;
	char	**argv;			/* as typed, for the batch */
	int	 argc;
	int64_t	*ids;
	size_t	 nids;
	int	 ids_stdin;
};

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(EX_USAGE);
}

static void
help(void)
{
	fputs(usage_text, stdout);
	fputs("\nChange leads' statuses under the dealership's rules, record "
	    "activities and\nappointments, undo; show a lead, its history, "
	    "the catalog, the batches.\n\n"
	    "  --appointment when  set an appointment (--kind: see --kinds)\n"
	    "  --as login          act as someone on the roster (managers, "
	    "admins)\n"
	    "  --at when           when the --log activity or --shown visit "
	    "happened\n"
	    "  --batches           list every command run that changed "
	    "something\n"
	    "  --catalog           list the status catalog (loadable as TSV)\n"
	    "  --confirm           a manager confirms the next appointment\n"
	    "  --confirmed login   who confirmed a BDC rep's --log contact "
	    "(rule 3)\n"
	    "  --db path           the database (default $LEAD_DB, else\n"
	    "                      $XDG_DATA_HOME/leadkit/leads.db)\n"
	    "  --direction dir     out (to the customer, default) or in\n"
	    "  --follow-up when    schedule a follow-up (tomorrow 10:00, +2d, "
	    "mon 9am)\n"
	    "  --format fmt        table, tsv, csv or json\n"
	    "  --help              this text\n"
	    "  --history           the leads' whole history\n"
	    "  --kind kind         the follow-up's or appointment's kind\n"
	    "  --kinds             list the follow-up kinds\n"
	    "  --load-catalog file replace the status catalog by an edited "
	    "copy\n"
	    "  --log activity      record call, email, text, letter, quote, "
	    "visit or note\n"
	    "  --missed            the customer did not come to the next "
	    "appointment\n"
	    "  --needs-bdc         mark the leads as needing BDC contact "
	    "(rule 3)\n"
	    "  --no-header         no header row\n"
	    "  --no-needs-bdc      take the needs-bdc mark off\n"
	    "  --note text         a note with the change\n"
	    "  --now time          the clock (default $LEAD_NOW, else now)\n"
	    "  --of id             the earlier lead a duplicate-lead "
	    "duplicates\n"
	    "  --outcome outcome   contact or attempt (the default for call, "
	    "email,\n"
	    "                      text, letter); fresh-up or be-back for "
	    "a visit\n"
	    "  --shown             the customer came to the next appointment\n"
	    "  --undo              put the previous status back\n"
	    "  --undo-batch batch  undo a whole command run (see --batches)\n"
	    "  --version           the version\n"
	    "\nAn id of - reads ids from stdin, one a line (the first field; "
	    "an id header\nis skipped).  Statuses: lead-status --catalog.\n",
	    stdout);
	exit(0);
}

static int
oneof(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static void
parse(int argc, char *argv[], struct args *a)
{
	int	 c, i;

	a->header = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case OPT_APPOINTMENT:
			a->appointment = optarg;
			break;
		case OPT_AS:
			if (*optarg == '\0') {
				lk_msg_at(EX_USAGE, NULL, 0, "--as", optarg,
				    "not a login");
				usage();
			}
			a->as = optarg;
			break;
		case OPT_AT:
			a->at = optarg;
			break;
		case OPT_BATCHES:
			a->batches = 1;
			break;
		case OPT_CATALOG:
			a->catalog = 1;
			break;
		case OPT_CONFIRM:
			a->c.confirm = 1;
			break;
		case OPT_CONFIRMED:
			if (*optarg == '\0') {
				lk_msg_at(EX_USAGE, NULL, 0, "--confirmed",
				    optarg, "not a login");
				usage();
			}
			a->c.confirmed = optarg;
			break;
		case OPT_DB:
			a->db = optarg;
			break;
		case OPT_DIRECTION:
			if (strcmp(optarg, "in") != 0 &&
			    strcmp(optarg, "out") != 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--direction",
				    optarg, "not in or out");
				usage();
			}
			a->c.direction = optarg;
			break;
		case OPT_FOLLOW_UP:
			a->follow_up = optarg;
			break;
		case OPT_FORMAT:
			if (lk_out_format(optarg, &a->fmt) != 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--format",
				    optarg, "not table, tsv, csv or json");
				usage();
			}
			break;
		case OPT_HELP:
			help();
			break;
		case OPT_HISTORY:
			a->history = 1;
			break;
		case OPT_KIND:
			a->c.kind = optarg;
			break;
		case OPT_KINDS:
			a->kinds = 1;
			break;
		case OPT_LOAD_CATALOG:
			a->load_catalog = optarg;
			break;
		case OPT_LOG:
			if (!oneof(optarg, activities)) {
				lk_msg_at(EX_USAGE, NULL, 0, "--log", optarg,
				    "not call, email, text, letter, quote, "
				    "visit or note");
				usage();
			}
			a->c.log = optarg;
			break;
		case OPT_MISSED:
			a->c.missed = 1;
			break;
		case OPT_NEEDS_BDC:
		case OPT_NO_NEEDS_BDC:
			if (a->c.needs_bdc != 0) {
				lk_err(EX_USAGE, "--needs-bdc and "
				    "--no-needs-bdc: one, once");
				usage();
			}
			a->c.needs_bdc = c == OPT_NEEDS_BDC ? 1 : -1;
			break;
		case OPT_NO_HEADER:
			a->header = 0;
			break;
		case OPT_NOTE:
			a->c.note = optarg;
			break;
		case OPT_NOW:
			a->now = optarg;
			break;
		case OPT_OF:
			if ((a->c.of = lk_id_parse(optarg)) == 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--of", optarg,
				    "not a lead id");
				usage();
			}
			break;
		case OPT_OUTCOME:
			if (!oneof(optarg, outcomes)) {
				lk_msg_at(EX_USAGE, NULL, 0, "--outcome",
				    optarg, "not contact, attempt, fresh-up or "
				    "be-back");
				usage();
			}
			a->c.outcome = optarg;
			break;
		case OPT_SHOWN:
			a->c.shown = 1;
			break;
		case OPT_UNDO:
			a->c.undo = 1;
			break;
		case OPT_UNDO_BATCH:
			if ((a->undo_batch = lk_id_parse(optarg)) == 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--undo-batch",
				    optarg, "not a batch id");
				usage();
			}
			break;
		case OPT_VERSION:
			printf("lead-status %s\n", LK_VERSION);
			exit(0);
		default:
			usage();
		}
	}
	/* Ids first, then at most one status. */
	for (i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			a->ids_stdin = 1;
		else if (lk_id_parse(argv[i]) != 0)
			lk_ids_add(&a->ids, &a->nids, lk_id_parse(argv[i]));
		else if (a->status == NULL && (a->nids > 0 || a->ids_stdin))
			a->status = argv[i];
		else {
			lk_msg_at(EX_USAGE, NULL, 0, NULL, argv[i],
			    "not a lead id%s", a->status != NULL ?
			    " (one status only)" : "");
			usage();
		}
	}
}

/* Check what goes together; WHENs are read once the clock is set. */
static void
check(struct args *a)
{
	struct lk_change *c = &a->c;
	int	 lists, leads, acts, changes;

	lists = a->batches + a->catalog + a->kinds +
	    (a->load_catalog != NULL) + (a->undo_batch != 0);
	leads = a->nids > 0 || a->ids_stdin;
	acts = a->status != NULL || a->follow_up != NULL ||
	    c->log != NULL || a->appointment != NULL || c->confirm ||
	    c->shown || c->missed || c->undo;
	changes = acts || c->needs_bdc != 0;
	if (lists > 1 || (lists && (leads || changes || a->history))) {
		lk_err(EX_USAGE, "--batches, --catalog, --kinds, "
		    "--load-catalog and --undo-batch go alone");
		usage();
	}
	if (!lists && !leads) {
		lk_err(EX_USAGE, "which lead? give its id, or - to read ids "
		    "from stdin");
		usage();
	}
	if (a->ids_stdin && a->nids > 0) {
		lk_err(EX_USAGE, "- reads the ids from stdin: give no others");
		usage();
	}
	if (a->history && changes) {
		lk_err(EX_USAGE, "--history shows; it changes nothing");
		usage();
	}
	if (c->undo && (a->status != NULL || a->follow_up != NULL ||
	    c->log != NULL || a->appointment != NULL || c->confirm ||
	    c->shown || c->missed || c->needs_bdc != 0)) {
		lk_err(EX_USAGE, "--undo goes alone (with --note at most)");
		usage();
	}
	if (c->confirm + c->shown + c->missed > 1) {
		lk_err(EX_USAGE, "one of --confirm, --shown, --missed");
		usage();
	}
	if (a->follow_up != NULL && a->appointment != NULL) {
		lk_err(EX_USAGE, "--follow-up and --appointment: one at a "
		    "time (--kind would name both)");
		usage();
	}
	if (a->as != NULL && !changes && a->load_catalog == NULL &&
	    a->undo_batch == 0) {
		lk_err(EX_USAGE, "--as goes with a change: showing and "
		    "listing act for nobody");
		usage();
	}
	if (c->confirmed != NULL && c->log == NULL) {
		lk_err(EX_USAGE, "--confirmed goes with --log: it says who "
		    "allowed the contact");
		usage();
	}
	/* A mark has no note: --log note says why. */
	if (c->note != NULL && !acts) {
		lk_err(EX_USAGE, "--note goes with a change (a status, "
		    "--log note, ...)");
		usage();
	}
	if ((c->outcome != NULL || c->direction != NULL || a->at != NULL) &&
	    c->log == NULL && !c->shown) {
		lk_err(EX_USAGE, "--outcome, --direction and --at go with "
		    "--log");
		usage();
	}
	/* --shown records the visit itself: another --log would leave
	 * --outcome and --at meaning two things. */
	if (c->shown && c->log != NULL) {
		lk_err(EX_USAGE, "--shown records the store visit: no --log "
		    "with it");
		usage();
	}
	if ((c->log != NULL || c->shown) && c->outcome != NULL &&
	    (c->shown || strcmp(c->log, "visit") == 0) !=
	    (c->outcome[0] == 'f' || c->outcome[0] == 'b')) {
		lk_err(EX_USAGE, "--outcome: a visit is fresh-up or be-back, "
		    "anything else contact or attempt");
		usage();
	}
	if (c->of != 0 && a->status == NULL) {
		lk_err(EX_USAGE, "--of goes with a duplicate status");
		usage();
	}
	if (c->kind != NULL && a->follow_up == NULL &&
	    a->appointment == NULL && a->status == NULL) {
		lk_err(EX_USAGE, "--kind goes with --follow-up or "
		    "--appointment");
		usage();
	}
}

/* A WHEN option, read against the clock; must not be in the past
 * (future 1) or the future (future 0). */
static time_t
when(const char *opt, const char *s, int future)
{
	char	 buf[LK_TIME_MAX], nowbuf[LK_TIME_MAX];
	time_t	 t;

	if (lk_when_parse(s, lk_clock_now(), &t) != 0) {
		lk_msg_at(EX_USAGE, NULL, 0, opt, s, "not a time");
		usage();
	}
	if (future ? t < lk_clock_now() : t > lk_clock_now()) {
		lk_err(EX_USAGE, "%s: %s is in the %s (now is %s)", opt,
		    lk_time_local(t, buf), future ? "past" : "future",
		    lk_time_local(lk_clock_now(), nowbuf));
		usage();
	}
	return t;
}

static int
finish(struct lk_out *o)
{
	int	 rc;

	rc = lk_out_end(o) == 0 ? 0 : EX_IOERR;
	if (rc != 0)
		lk_err(rc, "stdout: write error");
	lk_out_free(o);
	return rc;
}

static int
load_catalog(struct lk_db *db, const char *path)
{
	struct lk_catalog c;
	size_t	 changed;
	int	 rc;

	if ((rc = lk_catalog_read(path, &c)) != 0)
		return rc;
	rc = lk_db_catalog_load(db, &c, path, &changed);
	lk_catalog_free(&c);
	if (rc == 0)
		lk_warn("%s: %zu status%s changed", path, changed,
		    changed == 1 ? "" : "es");
	return rc;
}

/*
 * The changes, lead by lead, all or nothing, under the rules of
 * engagement the dealership keeps (its routing rules file says).
 */
static int
change(struct lk_db *db, struct args *a)
{
	struct lk_catalog cat;
	struct lk_kinds kinds;
	struct lk_routing r;
	size_t	 i;
	int	 rc, loaded;

	/* A manager confirms: the role, before any lead is looked at. */
	if (a->c.confirm && (rc = lk_db_may(db, "manager",
	    "confirm an appointment")) != 0)
		return rc;
	/* Nobody with every right needs to know which rules are kept. */
	memset(&r, 0, sizeof(r));
	if (lk_db_role(db) != NULL &&
	    (rc = lk_assign_rules(db, &r, &loaded)) != 0) {
		lk_routing_free(&r);
		return rc;
	}
	if ((rc = lk_db_catalog(db, &cat)) != 0) {
		lk_routing_free(&r);
		return rc;
	}
	if ((rc = lk_db_kinds(db, &kinds)) == 0)
		rc = lk_status_resolve(&cat, &kinds, a->status, &a->c);
	for (i = 0; i < a->nids && rc == 0; i++)
		rc = lk_status_apply(db, &kinds, &a->c,
		    lk_db_role(db) != NULL ? &r : NULL, a->ids[i]);
	if (rc == 0)
		rc = lk_db_commit(db);
	for (i = 0; i < a->nids && rc == 0; i++)
		printf("%lld\n", (long long)a->ids[i]);
	lk_catalog_free(&cat);
	lk_kinds_free(&kinds);
	lk_routing_free(&r);
	return rc;
}

/* Show leads, or their history. */
static int
show(struct lk_db *db, struct args *a)
{
	struct lk_out *o;
	size_t	 i;
	int	 rc = 0, exists;

	for (i = 0; i < a->nids && rc == 0; i++) {
		if ((rc = lk_db_lead_exists(db, a->ids[i], &exists)) == 0 &&
		    !exists) {
			lk_err(EX_DATAERR, "no lead %lld",
			    (long long)a->ids[i]);
			rc = EX_DATAERR;
		}
	}
	if (rc != 0)
		return rc;
	o = lk_out_new(stdout, a->fmt, a->header);
	if (a->history) {
		for (i = 0; i < a->nids && rc == 0; i++)
			rc = lk_db_history(db, a->ids[i], o, i == 0);
	} else {
		lk_out_vertical(o, 1);
		rc = lk_db_lead_show(db, a->ids, a->nids, o);
	}
	if (rc == 0)
		return finish(o);
	lk_out_free(o);
	return rc;
}

static int
listing(struct lk_db *db, struct args *a)
{
	struct lk_catalog cat;
	struct lk_kinds kinds;
	struct lk_out *o;
	int	 rc;

	o = lk_out_new(stdout, a->fmt, a->header);
	if (a->batches)
		rc = lk_db_batches(db, o);
	else if (a->catalog) {
		if ((rc = lk_db_catalog(db, &cat)) == 0) {
			lk_catalog_list(&cat, o);
			lk_catalog_free(&cat);
		}
	} else if ((rc = lk_db_kinds(db, &kinds)) == 0) {
		lk_kinds_list(&kinds, o);
		lk_kinds_free(&kinds);
	}
	if (rc == 0)
		return finish(o);
	lk_out_free(o);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct lk_db *db = NULL;
	int	 rc, shows;

	lk_msg_init("lead-status");
	memset(&a, 0, sizeof(a));
	/* getopt_long moves the operands behind the options: the batch
	 * records the command as the user typed it. */
	a.argc = argc - 1;
	a.argv = lk_xreallocarray(NULL, (size_t)argc, sizeof(*a.argv));
	memcpy(a.argv, argv + 1, (size_t)argc * sizeof(*a.argv));
	parse(argc, argv, &a);
	check(&a);
	if ((rc = lk_clock_setup(a.now)) != 0)
		goto out;
	if (a.follow_up != NULL) {
		a.c.follow_up = 1;
		a.c.due = when("--follow-up", a.follow_up, 1);
	}
	if (a.appointment != NULL) {
		a.c.appointment = 1;
		a.c.appt_due = when("--appointment", a.appointment, 1);
	}
	if (a.at != NULL)
		a.c.at = when("--at", a.at, 0);
	if (a.ids_stdin &&
	    (rc = lk_ids_read(stdin, "stdin", &a.ids, &a.nids)) != 0)
		goto out;
	lk_ids_uniq(a.ids, &a.nids);
	shows = a.status == NULL && a.follow_up == NULL && a.c.log == NULL &&
	    a.appointment == NULL && !a.c.confirm && !a.c.shown &&
	    !a.c.missed && !a.c.undo && a.c.needs_bdc == 0 &&
	    a.load_catalog == NULL && a.undo_batch == 0;
	/* What only reads leaves no database behind where there was none. */
	if ((rc = shows ? lk_db_open_read(&db, a.db) :
	    lk_db_open(&db, a.db)) != 0)
		goto out;
	/* Who acts is checked as the transaction begins. */
	if (a.as != NULL && (rc = lk_db_as(db, a.as)) != 0)
		goto out;
	if (a.batches || a.catalog || a.kinds)
		rc = listing(db, &a);
	else if (a.load_catalog != NULL || a.undo_batch != 0) {
		if ((rc = lk_db_begin(db, "lead-status", a.argc,
		    a.argv)) != 0)
			goto out;
		if (a.load_catalog != NULL)
			rc = lk_db_may(db, "manager admin",
			    "load the status catalog");
		if (rc == 0)
			rc = a.load_catalog != NULL ? load_catalog(db,
			    a.load_catalog) : lk_db_batch_undo(db,
			    a.undo_batch);
		if (rc == 0)
			rc = lk_db_commit(db);
		if (rc == 0 && a.undo_batch != 0)
			lk_warn("batch %lld undone", (long long)a.undo_batch);
	} else if (shows)
		rc = show(db, &a);
	else {
		if ((rc = lk_db_begin(db, "lead-status", a.argc,
		    a.argv)) != 0)
			goto out;
		rc = change(db, &a);
	}
out:
	lk_db_close(db);
	free(a.ids);
	free(a.argv);
	if (fflush(stdout) != 0 && rc == 0) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	return rc;
}

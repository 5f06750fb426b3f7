/*
 * lead-staff: the staff roster: who works here, in which role, when
 * (weekly hours, dated shifts from a shift export, days off); list it,
 * say who is on shift at the command's clock, and change it, each run
 * one batch with every change recorded.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "msg.h"
#include "norm.h"
#include "out.h"
#include "roster.h"
#include "staff.h"
#include "xmem.h"

static const char usage_text[] =
    "usage: lead-staff [--db path] [--now time] [--format fmt] [--no-header]\n"
    "                  [login ...] [--on-shift | --schedule [--since day]]\n"
    "       lead-staff [--db path] [--now time] [--as login] --add login\n"
    "                  --role role [--name name] [--hours hours]\n"
    "                  [--phone phone] [--email email] [--inactive]\n"
    "                  [--off days ...]\n"
    "       lead-staff [--db path] [--now time] [--as login] login ...\n"
    "                  [--role role] [--name name] [--hours hours]\n"
    "                  [--phone phone] [--email email] [--active | --inactive]\n"
    "                  [--off days ...] [--cancel-off days ...]\n"
    "       lead-staff [--db path] [--now time] [--as login] --load-shifts file\n"
    "                  [--date-order order] [--dry-run]\n"
    "       lead-staff --help | --version\n";

enum {
	OPT_ACTIVE = 256, OPT_ADD, OPT_AS, OPT_CANCEL_OFF, OPT_DATE_ORDER,
	OPT_DB, OPT_DRY_RUN, OPT_EMAIL, OPT_FORMAT, OPT_HELP, OPT_HOURS,
	OPT_INACTIVE, OPT_LOAD_SHIFTS, OPT_NAME, OPT_NO_HEADER, OPT_NOW,
	OPT_OFF, OPT_ON_SHIFT, OPT_PHONE, OPT_ROLE, OPT_SCHEDULE, OPT_SINCE,
	OPT_VERSION
};

static const struct option opts[] = {
	{ "active", no_argument, NULL, OPT_ACTIVE },
	{ "add", required_argument, NULL, OPT_ADD },
	{ "as", required_argument, NULL, OPT_AS },
	{ "cancel-off", required_argument, NULL, OPT_CANCEL_OFF },
	{ "date-order", required_argument, NULL, OPT_DATE_ORDER },
	{ "db", required_argument, NULL, OPT_DB },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "hours", required_argument, NULL, OPT_HOURS },
	{ "inactive", no_argument, NULL, OPT_INACTIVE },
	{ "load-shifts", required_argument, NULL, OPT_LOAD_SHIFTS },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "off", required_argument, NULL, OPT_OFF },
	{ "on-shift", no_argument, NULL, OPT_ON_SHIFT },
	{ "phone", required_argument, NULL, OPT_PHONE },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "schedule", no_argument, NULL, OPT_SCHEDULE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* Days as typed with --off or --cancel-off, and what they name. */
struct days {
	const char **typed;
	size_t	 ntyped;
	char	**day;			/* "2026-12-24", each once */
	size_t	 n;
};

/* Everything the command line said. */
struct args {
	const char *db, *now, *as;
	enum lk_fmt fmt;
	int	 header;
	const char *add;		/* --add LOGIN */
	const char *role, *name;	/* NULL: as it is */
	char	*hours, *phone, *email;	/* canonical; NULL: as it is */
	int	 active;		/* -1: as it is */
	struct days off, cancel;
	const char *load;		/* --load-shifts FILE */
	int	 dry_run;
	enum lk_dorder order;
	int	 on_shift, schedule;
	const char *since;
	char	 since_day[LK_DAY_MAX];
	char	**logins;		/* operands, or from stdin */
	size_t	 nlogins;
	int	 logins_stdin;
	char	**argv;			/* as typed, for the batch */
	int	 argc;
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
	fputs("\nThe staff roster: list it, say who is on shift, add and "
	    "change people, their\nweekly hours, days off and dated shifts "
	    "(from a shift export).\n\n"
	    "  --active            back at work: may get leads again\n"
	    "  --add login         add someone (with --role)\n"
	    "  --as login          act as this manager or admin (managers, "
	    "admins, root)\n"
	    "  --cancel-off days   take days off back (2026-12-24, "
	    "2026-12-24..2026-12-31)\n"
	    "  --date-order order  mdy, dmy or ymd: the shift export's "
	    "numeric dates\n"
	    "  --db path           the database (default $LEAD_DB, else\n"
	    "                      $XDG_DATA_HOME/leadkit/leads.db)\n"
	    "  --dry-run           read and match the shift export, store "
	    "nothing\n"
	    "  --email email       the e-mail address (\"\" for none)\n"
	    "  --format fmt        table, tsv, csv or json\n"
	    "  --help              this text\n"
	    "  --hours hours       weekly hours, local time: 'mon-fri "
	    "09:00-18:00,sat\n"
	    "                      10:00-16:00' (\"\" or any: any time)\n"
	    "  --inactive          gone (left, or away for long): gets no "
	    "leads\n"
	    "  --load-shifts file  load a shift export (CSV; - for stdin)\n"
	    "  --name name         the full name\n"
	    "  --no-header         no header row\n"
	    "  --now time          the clock (default $LEAD_NOW, else now)\n"
	    "  --off days          days off (2026-12-24, "
	    "2026-12-24..2026-12-31, tomorrow)\n"
	    "  --on-shift          who is on shift at the clock, and why "
	    "not\n"
	    "  --phone phone       the phone number (\"\" for none)\n"
	    "  --role role         iss, bdc, floor, manager or admin\n"
	    "  --schedule          days off and dated shifts, from today on\n"
	    "  --since day         with --schedule: from this day on\n"
	    "  --version           the version\n"
	    "\nA login of - reads logins from stdin, one a line (the first "
	    "field; a login\nheader is skipped).  Changes print the logins "
	    "changed.\n", stdout);
	exit(0);
}

static void
days_add(struct days *d, const char *s)
{
	d->typed = lk_xreallocarray(d->typed, d->ntyped + 1,
	    sizeof(*d->typed));
	d->typed[d->ntyped++] = s;
}

static void
days_free(struct days *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		free(d->day[i]);
	free(d->day);
	free(d->typed);
}

static void
login_add(struct args *a, const char *s)
{
	a->logins = lk_xreallocarray(a->logins, a->nlogins + 1,
	    sizeof(*a->logins));
	a->logins[a->nlogins++] = lk_xstrdup(s);
}

/* A login option or operand, checked where it is read. */
static const char *
login_arg(const char *opt, const char *s)
{
	if (!lk_login_valid(s)) {
		lk_msg_at(EX_USAGE, NULL, 0, opt, s, "not a login");
		usage();
	}
	return s;
}

/* An --email or --phone value, normalised ("" clears it); the caller
 * frees it, and old, what an earlier one gave. */
static char *
contact_arg(const char *opt, const char *s, struct lk_buf *keep, char *old)
{
	free(old);
	lk_buf_clear(keep);
	if (*s == '\0')
		return lk_xstrdup("");
	if (strcmp(opt, "--email") == 0 ? !lk_email_norm(s, keep) :
	    !lk_phone_e164(s, keep)) {
		lk_msg_at(EX_USAGE, NULL, 0, opt, s, "not %s",
		    opt[2] == 'e' ? "an e-mail address" : "a phone number");
		usage();
	}
	return lk_xstrdup(lk_buf_str(keep));
}

static void
parse(int argc, char *argv[], struct args *a)
{
	struct lk_buf b = LK_BUF_INIT;
	struct lk_hours h;
	int	 c, i;

	a->header = 1;
	a->active = -1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case OPT_ACTIVE:
		case OPT_INACTIVE:
			if (a->active != -1 && a->active != (c == OPT_ACTIVE)) {
				lk_err(EX_USAGE, "--active or --inactive, "
				    "not both");
				usage();
			}
			a->active = c == OPT_ACTIVE;
			break;
		case OPT_ADD:
			a->add = login_arg("--add", optarg);
			break;
		case OPT_AS:
			a->as = login_arg("--as", optarg);
			break;
		case OPT_CANCEL_OFF:
			days_add(&a->cancel, optarg);
			break;
		case OPT_DATE_ORDER:
			if (lk_dorder_parse(optarg, &a->order) != 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--date-order",
				    optarg, "not mdy, dmy or ymd");
				usage();
			}
			break;
		case OPT_DB:
			a->db = optarg;
			break;
		case OPT_DRY_RUN:
			a->dry_run = 1;
			break;
		case OPT_EMAIL:
			a->email = contact_arg("--email", optarg, &b,
			    a->email);
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
		case OPT_HOURS:
			lk_buf_clear(&b);
			if (lk_hours_parse(optarg, &h, &b) != 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--hours", optarg,
				    "%s", lk_buf_str(&b));
				usage();
			}
			free(a->hours);
			a->hours = lk_hours_format(&h);
			lk_hours_free(&h);
			break;
		case OPT_LOAD_SHIFTS:
			a->load = optarg;
			break;
		case OPT_NAME:
			a->name = optarg;
			break;
		case OPT_NO_HEADER:
			a->header = 0;
			break;
		case OPT_NOW:
			a->now = optarg;
			break;
		case OPT_OFF:
			days_add(&a->off, optarg);
			break;
		case OPT_ON_SHIFT:
			a->on_shift = 1;
			break;
		case OPT_PHONE:
			a->phone = contact_arg("--phone", optarg, &b,
			    a->phone);
			break;
		case OPT_ROLE:
			if (!lk_role_valid(optarg)) {
				lk_msg_at(EX_USAGE, NULL, 0, "--role", optarg,
				    "not iss, bdc, floor, manager or admin");
				usage();
			}
			a->role = optarg;
			break;
		case OPT_SCHEDULE:
			a->schedule = 1;
			break;
		case OPT_SINCE:
			a->since = optarg;
			break;
		case OPT_VERSION:
			printf("lead-staff %s\n", LK_VERSION);
			exit(0);
		default:
			usage();
		}
	}
	lk_buf_free(&b);
	for (i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			a->logins_stdin = 1;
		else
			login_add(a, login_arg(NULL, argv[i]));
	}
}

/* Does the command line change a person? */
static int
changes(const struct args *a)
{
	return a->role != NULL || a->name != NULL || a->hours != NULL ||
	    a->phone != NULL || a->email != NULL || a->active != -1 ||
	    a->off.ntyped > 0 || a->cancel.ntyped > 0;
}

/* Check what goes together; days are read once the clock is set. */
static void
check(const struct args *a)
{
	int	 people = a->nlogins > 0 || a->logins_stdin;

	if (a->load != NULL && (people || a->add != NULL || changes(a) ||
	    a->on_shift || a->schedule)) {
		lk_err(EX_USAGE, "--load-shifts goes alone (with --dry-run, "
		    "--date-order)");
		usage();
	}
	if ((a->dry_run || a->order != LK_DORDER_ANY) && a->load == NULL) {
		lk_err(EX_USAGE, "--dry-run and --date-order go with "
		    "--load-shifts");
		usage();
	}
	if (a->on_shift && a->schedule) {
		lk_err(EX_USAGE, "--on-shift or --schedule, not both");
		usage();
	}
	if ((a->on_shift || a->schedule) && (changes(a) || a->add != NULL)) {
		lk_err(EX_USAGE, "--on-shift and --schedule show; they change "
		    "nothing");
		usage();
	}
	if (a->since != NULL && !a->schedule) {
		lk_err(EX_USAGE, "--since goes with --schedule");
		usage();
	}
	if (a->add != NULL && people) {
		lk_err(EX_USAGE, "--add adds one person: no other logins");
		usage();
	}
	if (a->add != NULL && a->role == NULL) {
		lk_err(EX_USAGE, "--add needs --role (iss, bdc, floor, manager "
		    "or admin)");
		usage();
	}
	if (a->add == NULL && !people && changes(a)) {
		lk_err(EX_USAGE, "whom? give their logins, or - to read them "
		    "from stdin");
		usage();
	}
	if (a->logins_stdin && a->nlogins > 0) {
		lk_err(EX_USAGE, "- reads the logins from stdin: give no "
		    "others");
		usage();
	}
}

/* The days of --off, --cancel-off, --since, read against the clock. */
static void
read_days(const char *opt, struct days *d)
{
	struct lk_buf why = LK_BUF_INIT;
	size_t	 i, j, k;

	for (i = 0; i < d->ntyped; i++) {
		lk_buf_clear(&why);
		if (lk_days_parse(d->typed[i], lk_clock_now(), &d->day, &d->n,
		    &why) != 0) {
			lk_msg_at(EX_USAGE, NULL, 0, opt, d->typed[i], "%s",
			    lk_buf_str(&why));
			usage();
		}
	}
	lk_buf_free(&why);
	/* Each day once: a day given twice is one change. */
	for (i = k = 0; i < d->n; i++) {
		for (j = 0; j < k && strcmp(d->day[j], d->day[i]) != 0; j++)
			;
		if (j < k)
			free(d->day[i]);
		else
			d->day[k++] = d->day[i];
	}
	d->n = k;
}

static int
finish(struct lk_out *o, int rc)
{
	if (rc == 0 && lk_out_end(o) != 0) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	lk_out_free(o);
	return rc;
}

static int
show(struct lk_db *db, struct args *a)
{
	struct lk_out *o;
	size_t	 i;
	int	 rc;

	if ((rc = lk_roster_known(db, a->logins, a->nlogins)) != 0)
		return rc;
	o = lk_out_new(stdout, a->fmt, a->header);
	if (a->on_shift)
		rc = lk_roster_on_shift(db, a->logins, a->nlogins,
		    lk_clock_now(), o);
	else if (a->nlogins == 0)
		rc = a->schedule ? lk_db_schedule(db, NULL, a->since_day, o,
		    1) : lk_db_staff_list(db, NULL, o, 1);
	else
		for (i = 0; i < a->nlogins && rc == 0; i++)
			rc = a->schedule ? lk_db_schedule(db, a->logins[i],
			    a->since_day, o, i == 0) :
			    lk_db_staff_list(db, a->logins[i], o, i == 0);
	return finish(o, rc);
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct lk_roster_change c;
	struct lk_db *db = NULL;
	size_t	 i;
	int	 rc, writes;

	lk_msg_init("lead-staff");
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
	read_days("--off", &a.off);
	read_days("--cancel-off", &a.cancel);
	lk_day_local(lk_clock_now(), a.since_day);
	if (a.since != NULL) {
		struct days d = { NULL, 0, NULL, 0 };

		days_add(&d, a.since);
		read_days("--since", &d);
		if (d.n != 1) {
			lk_msg_at(EX_USAGE, NULL, 0, "--since", a.since,
			    "one day, not a range");
			usage();
		}
		snprintf(a.since_day, sizeof(a.since_day), "%s", d.day[0]);
		days_free(&d);
	}
	if (a.logins_stdin && (rc = lk_logins_read(stdin, "stdin", &a.logins,
	    &a.nlogins)) != 0)
		goto out;
	writes = a.load != NULL || a.add != NULL || changes(&a);
	/* What only reads leaves no database behind where there was none. */
	if ((rc = writes ? lk_db_open(&db, a.db) :
	    lk_db_open_read(&db, a.db)) != 0)
		goto out;
	if (!writes) {
		rc = show(db, &a);
		goto out;
	}
	if ((a.as != NULL && (rc = lk_db_as(db, a.as)) != 0) ||
	    (rc = lk_db_begin(db, "lead-staff", a.argc, a.argv)) != 0 ||
	    (rc = lk_db_may(db, "manager admin", "change the roster")) != 0)
		goto out;
	c.role = a.role;
	c.name = a.name;
	c.hours = a.hours;
	c.phone = a.phone;
	c.email = a.email;
	c.active = a.active;
	c.off = a.off.day;
	c.noff = a.off.n;
	c.cancel = a.cancel.day;
	c.ncancel = a.cancel.n;
	rc = a.load != NULL ? lk_roster_load(db, a.load, a.order, a.dry_run) :
	    lk_roster_change(db, a.add, a.logins, a.nlogins, &c);
	if (rc == 0 && a.dry_run)
		lk_db_rollback(db);
	else if (rc == 0)
		rc = lk_db_commit(db);
	if (rc == 0 && a.add != NULL)
		printf("%s\n", a.add);
	for (i = 0; i < a.nlogins && rc == 0; i++)
		printf("%s\n", a.logins[i]);
out:
	lk_db_close(db);
	for (i = 0; i < a.nlogins; i++)
		free(a.logins[i]);
	free(a.logins);
	free(a.hours);
	free(a.phone);
	free(a.email);
	days_free(&a.off);
	days_free(&a.cancel);
	free(a.argv);
	if (fflush(stdout) != 0 && rc == 0) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	return rc;
}

/*
 * lead-assign: who gets a lead.  Routes leads by the dealership's rules
 * (a text file it loads), lets people claim pool and dormant leads,
 * hands a lead to someone, moves a person's leads when they leave; says
 * per lead who got it, by which rule and why.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assign.h"
#include "clock.h"
#include "db.h"
#include "ids.h"
#include "msg.h"
#include "out.h"
#include "routing.h"
#include "staff.h"
#include "xmem.h"

static const char usage_text[] =
    "usage: lead-assign [--db path] [--now time] [--as login] [--format fmt]\n"
    "                   [--no-header] [--dry-run] id ... | - | --new\n"
    "       lead-assign [--db path] [--now time] [--as login] [--format fmt]\n"
    "                   [--no-header] --claim id | id ... --to login\n"
    "       lead-assign [--db path] [--now time] [--as login] [--format fmt]\n"
    "                   [--no-header] [--dry-run] --from login [--to login ...]\n"
    "       lead-assign [--db path] [--now time] [--as login] [--dry-run]\n"
    "                   --load-rules file\n"
    "       lead-assign [--db path] [--now time] [--format fmt] [--no-header]\n"
    "                   --rules | --check\n"
    "       lead-assign --help | --version\n";

enum {
	OPT_AS = 256, OPT_CHECK, OPT_CLAIM, OPT_DB, OPT_DRY_RUN, OPT_FORMAT,
	OPT_FROM, OPT_HELP, OPT_LOAD_RULES, OPT_NEW, OPT_NO_HEADER, OPT_NOW,
	OPT_RULES, OPT_TO, OPT_VERSION
};

static const struct option opts[] = {
	{ "as", required_argument, NULL, OPT_AS },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "claim", required_argument, NULL, OPT_CLAIM },
	{ "db", required_argument, NULL, OPT_DB },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "load-rules", required_argument, NULL, OPT_LOAD_RULES },
	{ "new", no_argument, NULL, OPT_NEW },
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "rules", no_argument, NULL, OPT_RULES },
	{ "to", required_argument, NULL, OPT_TO },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *db, *now, *as;
	enum lk_fmt fmt;
	int	 header;
	int	 dry_run, new_leads, rules, check;
	const char *load_rules, *from;
	int64_t	 claim;
	char	**to;
	size_t	 nto;
	char	**argv;
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
	fputs("\nRoute leads to people on shift by the dealership's rules; "
	    "claim pool and\ndormant leads; hand a lead on; move a person's "
	    "leads.  One line per lead:\nid, login, rule, why.\n\n"
	    "  --as login          act as someone on the roster (managers, "
	    "admins, root)\n"
	    "  --check             report rules that never match and "
	    "rotations nobody\n"
	    "                      can serve (exit 65 when there are any)\n"
	    "  --claim id          take a pool or dormant lead\n"
	    "  --db path           the database (default $LEAD_DB, else\n"
	    "                      $XDG_DATA_HOME/leadkit/leads.db)\n"
	    "  --dry-run           say what would happen, change nothing\n"
	    "  --format fmt        table, tsv, csv or json\n"
	    "  --from login        move every open lead of login (through "
	    "the rules,\n"
	    "                      or to the --to people in turn)\n"
	    "  --help              this text\n"
	    "  --load-rules file   load the routing rules file (- for "
	    "stdin)\n"
	    "  --new               every unassigned new lead\n"
	    "  --no-header         no header row\n"
	    "  --now time          the clock (default $LEAD_NOW, else now)\n"
	    "  --rules             print the routing rules in force\n"
	    "  --to login          hand the leads to login (with --from: "
	    "repeatable,\n"
	    "                      or login,login)\n"
	    "  --version           the version\n"
	    "\nAn id of - reads ids from stdin, one a line (the first field; "
	    "an id header\nis skipped): lead-add --csv dump.csv | "
	    "lead-assign -\n", stdout);
	exit(0);
}

static void
parse(int argc, char *argv[], struct args *a)
{
	char	*p, *q, *dup;
	int	 c, i;

	a->header = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case OPT_AS:
			a->as = optarg;
			break;
		case OPT_CHECK:
			a->check = 1;
			break;
		case OPT_CLAIM:
			if ((a->claim = lk_id_parse(optarg)) == 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--claim", optarg,
				    "not a lead id");
				usage();
			}
			break;
		case OPT_DB:
			a->db = optarg;
			break;
		case OPT_DRY_RUN:
			a->dry_run = 1;
			break;
		case OPT_FORMAT:
			if (lk_out_format(optarg, &a->fmt) != 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--format",
				    optarg, "not table, tsv, csv or json");
				usage();
			}
			break;
		case OPT_FROM:
			a->from = optarg;
			break;
		case OPT_HELP:
			help();
			break;
		case OPT_LOAD_RULES:
			a->load_rules = optarg;
			break;
		case OPT_NEW:
			a->new_leads = 1;
			break;
		case OPT_NO_HEADER:
			a->header = 0;
			break;
		case OPT_NOW:
			a->now = optarg;
			break;
		case OPT_RULES:
			a->rules = 1;
			break;
		case OPT_TO:
			dup = lk_xstrdup(optarg);
			for (p = dup; p != NULL; p = q) {
				if ((q = strchr(p, ',')) != NULL)
					*q++ = '\0';
				if (*p == '\0') {
					lk_msg_at(EX_USAGE, NULL, 0, "--to",
					    optarg, "an empty login");
					usage();
				}
				a->to = lk_xreallocarray(a->to, a->nto + 1,
				    sizeof(*a->to));
				a->to[a->nto++] = lk_xstrdup(p);
			}
			free(dup);
			break;
		case OPT_VERSION:
			printf("lead-assign %s\n", LK_VERSION);
			exit(0);
		default:
			usage();
		}
	}
	for (i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			a->ids_stdin = 1;
		else if (lk_id_parse(argv[i]) != 0)
			lk_ids_add(&a->ids, &a->nids, lk_id_parse(argv[i]));
		else {
			lk_msg_at(EX_USAGE, NULL, 0, NULL, argv[i],
			    "not a lead id");
			usage();
		}
	}
}

static void
check(const struct args *a)
{
	int	 leads = a->nids > 0 || a->ids_stdin;
	int	 modes;

	modes = (leads || a->new_leads) + (a->claim != 0) +
	    (a->from != NULL) + (a->load_rules != NULL) + a->rules +
	    a->check;
	if (leads && a->new_leads) {
		lk_err(EX_USAGE, "--new takes every unassigned new lead: give "
		    "no ids");
		usage();
	}
	if (modes == 0) {
		lk_err(EX_USAGE, "which leads? give ids, - to read them from "
		    "stdin, or --new");
		usage();
	}
	if (modes > 1) {
		lk_err(EX_USAGE, "ids or --new, --claim, --from, --load-rules, "
		    "--rules and --check go alone");
		usage();
	}
	if (a->ids_stdin && a->nids > 0) {
		lk_err(EX_USAGE, "- reads the ids from stdin: give no others");
		usage();
	}
	if (a->nto > 0 && a->from == NULL && !leads) {
		lk_err(EX_USAGE, "--to goes with lead ids or --from");
		usage();
	}
	if (a->nto > 1 && a->from == NULL) {
		lk_err(EX_USAGE, "--to: one person for these leads (several "
		    "go with --from)");
		usage();
	}
	if (a->nto > 0 && a->new_leads) {
		lk_err(EX_USAGE, "--to goes with lead ids or --from");
		usage();
	}
	if (a->dry_run && (a->claim != 0 || a->rules || a->check ||
	    (a->nto > 0 && a->from == NULL))) {
		lk_err(EX_USAGE, "--dry-run goes with ids, --new, --from and "
		    "--load-rules");
		usage();
	}
}

/* The whole of file ("-": stdin) in *text. */
static int
slurp(const char *file, char **text)
{
	struct lk_buf b = LK_BUF_INIT;
	char	 chunk[65536];
	FILE	*fp;
	size_t	 n;

	*text = NULL;
	if (strcmp(file, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(file, "r")) == NULL) {
		lk_err(EX_NOINPUT, "%s: %s", file, strerror(errno));
		return EX_NOINPUT;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		lk_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		lk_err(EX_IOERR, "%s: %s", file, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		lk_buf_free(&b);
		return EX_IOERR;
	}
	if (fp != stdin)
		fclose(fp);
	if (memchr(lk_buf_str(&b), '\0', b.len) != NULL) {
		lk_err(EX_DATAERR, "%s: not a text file", file);
		lk_buf_free(&b);
		return EX_DATAERR;
	}
	lk_buf_addc(&b, '\0');
	b.len--;
	*text = lk_buf_take(&b);
	return 0;
}

/* What lk_routing_check asks of the roster. */
struct checking {
	struct lk_db *db;
	struct lk_staff s;
	int	 have;
	int	 rows;		/* problems as rows on stdout, else warnings */
	struct lk_out *out;	/* made at the first problem */
	const struct args *a;
	const char *file;
	int	 rc;
};

static int
check_staff(const char *login, const char **role, int *serves, void *arg)
{
	struct checking *c = arg;
	struct lk_hours h;
	struct lk_buf why = LK_BUF_INIT;
	int	 found;

	if (c->have)
		lk_staff_free(&c->s);
	c->have = 0;
	if ((c->rc = lk_db_staff_get(c->db, login, &c->s, &found)) != 0 ||
	    !found)
		return 0;
	c->have = 1;
	*role = c->s.role;
	*serves = c->s.active;
	if (lk_hours_parse(c->s.hours, &h, &why) == 0) {
		*serves = *serves && lk_hours_any(&h);
		lk_hours_free(&h);
	}
	lk_buf_free(&why);
	return 1;
}

static void
check_report(long line, const char *what, const char *name,
    const char *problem, void *arg)
{
	static const char *const names[] = { "line", "what", "name",
	    "problem" };
	struct checking *c = arg;
	struct lk_val v[4];
	char	 buf[24];

	if (!c->rows) {
		if (line > 0)
			lk_warn("%s:%ld: %s %s: %s", c->file, line, what,
			    name, problem);
		else
			lk_warn("%s: %s %s: %s", c->file, what, name,
			    problem);
		return;
	}
	if (c->out == NULL) {
		c->out = lk_out_new(stdout, c->a->fmt, c->a->header);
		lk_out_begin(c->out, names, 4);
	}
	snprintf(buf, sizeof(buf), "%ld", line);
	v[0].type = LK_V_INT;
	v[0].s = buf;
	v[1].type = v[2].type = v[3].type = LK_V_TEXT;
	v[1].s = what;
	v[2].s = name;
	v[3].s = problem;
	lk_out_row(c->out, v);
}

/* Check r against the roster: the problems as rows on stdout (rows) or
 * warnings on stderr; *n says how many. */
static int
check_rules(struct lk_db *db, const struct lk_routing *r, const char *file,
    const struct args *a, int rows, size_t *n)
{
	struct checking c;
	long	 nstaff;
	int	 rc;

	memset(&c, 0, sizeof(c));
	c.db = db;
	c.file = file;
	c.a = a;
	c.rows = rows;
	/* With nobody on the roster, nobody is checked against it. */
	if ((rc = lk_db_staff_count(db, &nstaff)) != 0)
		return rc;
	*n = lk_routing_check(r, nstaff > 0 ? check_staff : NULL,
	    check_report, &c);
	if (c.have)
		lk_staff_free(&c.s);
	rc = c.rc;
	if (c.out != NULL) {
		if (lk_out_end(c.out) != 0 && rc == 0) {
			lk_err(EX_IOERR, "stdout: write error");
			rc = EX_IOERR;
		}
		lk_out_free(c.out);
	}
	return rc;
}

static int
load_rules(struct lk_db *db, const struct args *a)
{
	struct lk_routing r;
	const char *name = strcmp(a->load_rules, "-") == 0 ? "stdin" :
	    a->load_rules;
	char	*text;
	size_t	 n;
	int	 rc;

	if ((rc = slurp(a->load_rules, &text)) != 0)
		return rc;
	if ((rc = lk_routing_parse(text, strlen(text), a->load_rules,
	    &r)) != 0) {
		free(text);
		return rc;
	}
	if ((rc = lk_db_begin(db, "lead-assign", a->argc, a->argv)) == 0 &&
	    (rc = lk_db_may(db, "manager admin", "load the routing "
	    "rules")) == 0 &&
	    (rc = check_rules(db, &r, name, a, 0, &n)) == 0 &&
	    !a->dry_run &&
	    (rc = lk_db_routing_add(db, strcmp(a->load_rules, "-") == 0 ?
	    NULL : a->load_rules, text)) == 0)
		rc = lk_db_commit(db);
	if (rc == 0)
		lk_warn("%s: %zu rule%s, %zu rotation%s%s%s", name,
		    r.nrules, r.nrules == 1 ? "" : "s", r.nrot,
		    r.nrot == 1 ? "" : "s", a->dry_run ? "; not loaded "
		    "(--dry-run)" : " loaded", n > 0 ? "; see the problems "
		    "above (lead-assign --check)" : "");
	lk_db_rollback(db);
	lk_routing_free(&r);
	free(text);
	return rc;
}

static int
show_rules(struct lk_db *db, const struct args *a)
{
	struct lk_routing r;
	char	*text, *file;
	size_t	 n;
	int	 rc, loaded;

	if (a->rules) {
		if ((rc = lk_db_routing(db, &text, &file)) != 0)
			return rc;
		if (text == NULL) {
			lk_err(EX_CONFIG, "no routing rules loaded: "
			    "lead-assign --load-rules FILE");
			return EX_CONFIG;
		}
		fputs(text, stdout);
		free(text);
		free(file);
		return 0;
	}
	if ((rc = lk_assign_rules(db, &r, &loaded)) != 0)
		return rc;
	if (!loaded) {
		lk_err(EX_CONFIG, "no routing rules loaded: lead-assign "
		    "--load-rules FILE");
		lk_routing_free(&r);
		return EX_CONFIG;
	}
	rc = check_rules(db, &r, "rules", a, 1, &n);
	lk_routing_free(&r);
	return rc != 0 ? rc : n > 0 ? EX_DATAERR : 0;
}

/* Route, claim, hand on or redistribute, all or nothing; the lines are
 * kept until the commit, so what is printed happened. */
static int
assign(struct lk_db *db, struct args *a)
{
	struct lk_assign_opts o;
	struct lk_assign *as = NULL;
	struct lk_routing r;
	struct lk_out *out;
	enum lk_fmt fmt = a->fmt;
	char	 chunk[65536];
	size_t	 n, i;
	FILE	*fp;
	int	 rc, loaded, committed = 0;

	if (fmt == LK_FMT_AUTO)
		fmt = isatty(STDOUT_FILENO) ? LK_FMT_TABLE : LK_FMT_TSV;
	/* The lines wait in a file, not in memory: 100k of them are 12 MB. */
	if ((fp = tmpfile()) == NULL) {
		lk_err(EX_CANTCREAT, "a temporary file: %s", strerror(errno));
		return EX_CANTCREAT;
	}
	memset(&o, 0, sizeof(o));
	o.dry_run = a->dry_run;
	o.from = a->from;
	if (a->from != NULL) {
		o.to = a->to;
		o.nto = a->nto;
	}
	out = lk_out_new(fp, fmt, a->header);
	if ((rc = lk_db_begin(db, "lead-assign", a->argc, a->argv)) != 0)
		goto done;
	if (a->from != NULL) {
		if ((rc = lk_assign_rules(db, &r, &loaded)) != 0)
			goto done;
		if (r.rule4)
			rc = lk_db_may(db, "manager", "move a person's leads "
			    "(rule 4)");
		lk_routing_free(&r);
		if (rc != 0)
			goto done;
	}
	if ((rc = lk_assign_new(db, &o, out, &as)) != 0)
		goto done;
	if (a->claim == 0 && a->nto == 0 && !lk_assign_rules(db, &r,
	    &loaded)) {
		lk_routing_free(&r);
		if (!loaded) {
			lk_err(EX_CONFIG, "no routing rules loaded: "
			    "lead-assign --load-rules FILE");
			rc = EX_CONFIG;
			goto done;
		}
	}
	if (a->claim != 0)
		rc = lk_assign_claim(as, a->claim);
	else if (a->from != NULL)
		rc = lk_assign_redistribute(as);
	else if (a->nto > 0)
		for (i = 0; i < a->nids && rc == 0; i++)
			rc = lk_assign_to(as, a->ids[i], a->to[0]);
	else if (a->new_leads)
		rc = lk_assign_new_leads(as);
	else
		for (i = 0; i < a->nids && rc == 0; i++)
			rc = lk_assign_lead(as, a->ids[i]);
	if (rc == 0)
		rc = lk_assign_finish(as);
	if (rc == 0 && !a->dry_run && (rc = lk_db_commit(db)) == 0)
		committed = 1;
done:
	lk_db_rollback(db);
	if (lk_out_end(out) != 0 || fflush(fp) != 0) {
		if (rc == 0) {
			lk_err(EX_IOERR, "a temporary file: write error");
			rc = EX_IOERR;
		}
	} else if (rc == 0) {
		rewind(fp);
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			if (fwrite(chunk, 1, n, stdout) != n)
				break;
		if (ferror(fp) || fflush(stdout) != 0 || ferror(stdout)) {
			lk_err(EX_IOERR, "stdout: write error");
			rc = EX_IOERR;
		}
	}
	fclose(fp);
	lk_out_free(out);
	/* Whoever got a lead is told, whatever became of our output (a
	 * closed pipe, a full disk): the assignment stands. */
	if (committed)
		lk_assign_notify(as);
	lk_assign_free(as);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct lk_db *db = NULL;
	size_t	 i;
	int	 rc;

	lk_msg_init("lead-assign");
	/* A closed pipe on stdout is a write error to report, not the end:
	 * the notify command still runs for what was committed. */
	signal(SIGPIPE, SIG_IGN);
	memset(&a, 0, sizeof(a));
	a.argc = argc - 1;
	a.argv = lk_xreallocarray(NULL, (size_t)argc, sizeof(*a.argv));
	memcpy(a.argv, argv + 1, (size_t)argc * sizeof(*a.argv));
	parse(argc, argv, &a);
	check(&a);
	if ((rc = lk_clock_setup(a.now)) != 0)
		goto out;
	if (a.ids_stdin &&
	    (rc = lk_ids_read(stdin, "stdin", &a.ids, &a.nids)) != 0)
		goto out;
	lk_ids_uniq(a.ids, &a.nids);
	if ((rc = a.rules || a.check ? lk_db_open_read(&db, a.db) :
	    lk_db_open(&db, a.db)) != 0)
		goto out;
	if (a.as != NULL)
		lk_db_as(db, a.as);
	if (a.rules || a.check)
		rc = show_rules(db, &a);
	else if (a.load_rules != NULL)
		rc = load_rules(db, &a);
	else if (a.ids_stdin && a.nids == 0)
		rc = 0;		/* nothing came: nothing to do */
	else
		rc = assign(db, &a);
out:
	lk_db_close(db);
	for (i = 0; i < a.nto; i++)
		free(a.to[i]);
	free(a.to);
	free(a.ids);
	free(a.argv);
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc == 0) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	return rc;
}

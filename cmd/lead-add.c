/*
 * lead-add: add leads, one from options or a CSV dump at a time, and
 * print the id of each lead added, one a line, once they are stored.
 */
#include <getopt.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "import.h"
#include "lead.h"
#include "msg.h"
#include "out.h"
#include "xmem.h"

static const char usage_text[] =
    "usage: lead-add [--db path] [--now time] [--date-order order] [--strict]\n"
    "                --field value ...\n"
    "       lead-add [--db path] [--now time] --csv file [--date-order order]\n"
    "                [--delimiter char] [--dry-run] [--encoding name]\n"
    "                [--ignore-unknown] [--map header=field,...]\n"
    "                [--origin origin] [--show-map] [--skip-bad rejects]\n"
    "                [--source source] [--strict] [--type type]\n"
    "                [--vendor vendor] [--format fmt] [--no-header]\n"
    "       lead-add --fields [--format fmt] [--no-header]\n"
    "       lead-add --help | --version\n";

/* Lead fields as options: --first Ann sets first_name. */
static const struct {
	const char *opt;
	enum lk_field f;
} fieldopts[] = {
	{ "city", LK_F_CITY }, { "color", LK_F_COLOR },
	{ "comments", LK_F_COMMENTS }, { "company", LK_F_COMPANY },
	{ "country", LK_F_COUNTRY }, { "email", LK_F_EMAIL },
	{ "external-id", LK_F_EXTERNAL_ID }, { "first", LK_F_FIRST },
	{ "interest", LK_F_INTEREST }, { "last", LK_F_LAST },
	{ "make", LK_F_MAKE }, { "middle", LK_F_MIDDLE },
	{ "model", LK_F_MODEL }, { "name", LK_F_NAME },
	{ "odometer", LK_F_ODOMETER }, { "origin", LK_F_ORIGIN },
	{ "phone", LK_F_PHONE }, { "postal-code", LK_F_POSTAL },
	{ "price", LK_F_PRICE }, { "received", LK_F_RECEIVED },
	{ "region", LK_F_REGION }, { "source", LK_F_SOURCE },
	{ "stock", LK_F_STOCK }, { "street", LK_F_STREET },
	{ "trade-make", LK_F_TRADE_MAKE }, { "trade-model", LK_F_TRADE_MODEL },
	{ "trade-odometer", LK_F_TRADE_ODOMETER },
	{ "trade-vin", LK_F_TRADE_VIN }, { "trade-year", LK_F_TRADE_YEAR },
	{ "trim", LK_F_TRIM }, { "type", LK_F_TYPE }, { "vendor", LK_F_VENDOR },
	{ "vin", LK_F_VIN }, { "year", LK_F_YEAR },
};
#define NFIELDOPTS (sizeof(fieldopts) / sizeof(fieldopts[0]))

/* Fields that, in --csv mode, give rows without one their value. */
#define DEFAULTABLE(f) ((f) == LK_F_SOURCE || (f) == LK_F_TYPE || \
	(f) == LK_F_ORIGIN || (f) == LK_F_VENDOR)

enum {
	OPT_CSV = 256, OPT_DATE_ORDER, OPT_DB, OPT_DELIMITER, OPT_DRY_RUN,
	OPT_ENCODING, OPT_FIELDS, OPT_FORMAT, OPT_HELP, OPT_IGNORE_UNKNOWN,
	OPT_MAP, OPT_NO_HEADER, OPT_NOW, OPT_SHOW_MAP, OPT_SKIP_BAD,
	OPT_STRICT, OPT_VERSION, OPT_FIELD	/* OPT_FIELD + i: fieldopts[i] */
};

static const struct option general[] = {
	{ "csv", required_argument, NULL, OPT_CSV },
	{ "date-order", required_argument, NULL, OPT_DATE_ORDER },
	{ "db", required_argument, NULL, OPT_DB },
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "fields", no_argument, NULL, OPT_FIELDS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "ignore-unknown", no_argument, NULL, OPT_IGNORE_UNKNOWN },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "show-map", no_argument, NULL, OPT_SHOW_MAP },
	{ "skip-bad", required_argument, NULL, OPT_SKIP_BAD },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "version", no_argument, NULL, OPT_VERSION },
};
#define NGENERAL (sizeof(general) / sizeof(general[0]))

/* Everything the command line said. */
struct args {
	struct lk_import imp;
	const char *db, *now;
	const char *val[NFIELDOPTS];	/* single values; e-mails and */
	const char **contacts;		/* phones may repeat, in order */
	enum lk_field *ckind;
	size_t	 ncontacts;
	int	 nfields, fields, header;
	enum lk_fmt fmt;
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
	size_t	 i;

	fputs(usage_text, stdout);
	fputs("\nAdd one lead from options (a name, company, e-mail, phone or "
	    "street\nnames the customer), or every row of a CSV dump; print "
	    "the new ids.\n\n"
	    "  --csv file          import a CSV file with a header row "
	    "(- for stdin)\n"
	    "  --date-order order  mdy, dmy or ymd for dates like "
	    "03/04/2026\n"
	    "  --db path           the database (default $LEAD_DB, else\n"
	    "                      $XDG_DATA_HOME/leadkit/leads.db)\n"
	    "  --delimiter char    , ; tab | or : (default: from the header)\n"
	    "  --dry-run           check every row, add nothing\n"
	    "  --encoding name     the file's encoding (windows-1252, "
	    "UTF-16LE, ...)\n"
	    "  --fields            list the lead fields --map can name\n"
	    "  --format fmt        table, tsv, csv or json (--fields, "
	    "--show-map)\n"
	    "  --help              this text\n"
	    "  --ignore-unknown    drop columns no field matches\n"
	    "  --map spec          'Header=field[:label],...' for other "
	    "header names\n"
	    "  --no-header         no header row (--fields, --show-map)\n"
	    "  --now time          the clock (default $LEAD_NOW, else now)\n"
	    "  --show-map          print how each column is read, add "
	    "nothing\n"
	    "  --skip-bad rejects  add the good rows, write the bad to "
	    "rejects\n"
	    "  --strict            an unusable e-mail or phone is an error\n"
	    "  --version           the version\n"
	    "\nLead fields (with --csv, --source, --type, --origin and "
	    "--vendor\nare the value for rows without one):\n", stdout);
	for (i = 0; i < NFIELDOPTS; i++)
		printf("  --%-14s %s\n", fieldopts[i].opt,
		    lk_fields[fieldopts[i].f].title);
	exit(0);
}

static void
parse(int argc, char *argv[], struct args *a)
{
	struct option opts[NGENERAL + NFIELDOPTS + 1];
	iconv_t	 cd;
	size_t	 i;
	int	 c, k;

	memcpy(opts, general, sizeof(general));
	for (i = 0; i < NFIELDOPTS; i++)
		opts[NGENERAL + i] = (struct option){ fieldopts[i].opt,
		    required_argument, NULL, OPT_FIELD + (int)i };
	memset(&opts[NGENERAL + NFIELDOPTS], 0, sizeof(opts[0]));
	a->header = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CSV:
			a->imp.file = optarg;
			break;
		case OPT_DATE_ORDER:
			if (lk_dorder_parse(optarg, &a->imp.order) != 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--date-order",
				    optarg, "not mdy, dmy or ymd");
				usage();
			}
			break;
		case OPT_DB:
			a->db = optarg;
			break;
		case OPT_DELIMITER:
			if (strcmp(optarg, "tab") == 0 ||
			    strcmp(optarg, "\\t") == 0)
				a->imp.csv.delim = '\t';
			else if (strlen(optarg) == 1 &&
			    strchr(",;\t|:", optarg[0]) != NULL)
				a->imp.csv.delim = optarg[0];
			else {
				lk_msg_at(EX_USAGE, NULL, 0, "--delimiter",
				    optarg, "not a delimiter (, ; tab | or :)");
				usage();
			}
			break;
		case OPT_DRY_RUN:
			a->imp.dry_run = 1;
			break;
		case OPT_ENCODING:
			if ((cd = iconv_open("UTF-8", optarg)) ==
			    (iconv_t)-1) {
				lk_msg_at(EX_USAGE, NULL, 0, "--encoding",
				    optarg, "unknown encoding (iconv -l "
				    "lists them)");
				usage();
			}
			iconv_close(cd);
			a->imp.csv.encoding = optarg;
			break;
		case OPT_FIELDS:
			a->fields = 1;
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
		case OPT_IGNORE_UNKNOWN:
			a->imp.ignore_unknown = 1;
			break;
		case OPT_MAP:
			a->imp.map = optarg;
			break;
		case OPT_NO_HEADER:
			a->header = 0;
			break;
		case OPT_NOW:
			a->now = optarg;
			break;
		case OPT_SHOW_MAP:
			a->imp.show_map = 1;
			break;
		case OPT_SKIP_BAD:
			a->imp.rejects = optarg;
			break;
		case OPT_STRICT:
			a->imp.strict = 1;
			break;
		case OPT_VERSION:
			printf("lead-add %s\n", LK_VERSION);
			exit(0);
		default:
			if (c < OPT_FIELD || c >= OPT_FIELD + (int)NFIELDOPTS)
				usage();
			k = c - OPT_FIELD;
			a->nfields++;
			if (fieldopts[k].f == LK_F_EMAIL ||
			    fieldopts[k].f == LK_F_PHONE) {
				a->contacts = lk_xreallocarray(a->contacts,
				    a->ncontacts + 1, sizeof(*a->contacts));
				a->ckind = lk_xreallocarray(a->ckind,
				    a->ncontacts + 1, sizeof(*a->ckind));
				a->contacts[a->ncontacts] = optarg;
				a->ckind[a->ncontacts++] = fieldopts[k].f;
			} else if (a->val[k] != NULL) {
				lk_err(EX_USAGE, "--%s: given twice",
				    fieldopts[k].opt);
				usage();
			} else
				a->val[k] = optarg;
			break;
		}
	}
	if (optind != argc) {
		lk_msg_at(EX_USAGE, NULL, 0, NULL, argv[optind],
		    "unexpected argument");
		usage();
	}
}

/* --fields: the names --map takes. */
static int
list_fields(const struct args *a)
{
	static const char *const names[] = { "field", "title" };
	struct lk_out *o;
	struct lk_val v[2];
	int	 f, rc;

	o = lk_out_new(stdout, a->fmt, a->header);
	lk_out_begin(o, names, 2);
	for (f = 0; f < LK_F__COUNT; f++) {
		v[0] = (struct lk_val){ LK_V_TEXT, lk_fields[f].name };
		v[1] = (struct lk_val){ LK_V_TEXT, lk_fields[f].title };
		lk_out_row(o, v);
	}
	rc = lk_out_end(o) == 0 ? 0 : EX_IOERR;
	lk_out_free(o);
	if (rc != 0)
		lk_err(rc, "stdout: write error");
	return rc;
}

/* The received time of a lead typed by hand: a date, or "-2h". */
static int
set_received(struct lk_lead *l, const char *s, enum lk_dorder order)
{
	unsigned flags;
	time_t	 t;

	if (lk_date_parse(s, order, &t, &flags) == 0) {
		if (flags & LK_DATE_AMBIGUOUS) {
			lk_msg_at(EX_USAGE, NULL, 0, "--received", s,
			    "ambiguous date: write 2026-11-23 or give "
			    "--date-order");
			return EX_USAGE;
		}
	} else if (lk_when_parse(s, lk_clock_now(), &t) != 0) {
		lk_msg_at(EX_USAGE, NULL, 0, "--received", s, "not a time");
		return EX_USAGE;
	}
	l->received = t;
	l->has_received = 1;
	return 0;
}

static int
add_one(struct lk_db *db, struct args *a)
{
	struct lk_arena arena = LK_ARENA_INIT;
	struct lk_lead l;
	char	 when[LK_TIME_MAX];
	size_t	 i;
	int64_t	 id, already;
	int	 rc = 0;

	memset(&l, 0, sizeof(l));
	lk_lead_reset(&l, &arena);
	for (i = 0; i < NFIELDOPTS; i++)
		if (a->val[i] != NULL)
			lk_lead_set(&l, fieldopts[i].f, NULL, NULL, a->val[i],
			    strlen(a->val[i]));
	for (i = 0; i < a->ncontacts; i++)
		lk_lead_set(&l, a->ckind[i], NULL, NULL, a->contacts[i],
		    strlen(a->contacts[i]));
	if (l.v[LK_F_RECEIVED] != NULL)
		rc = set_received(&l, l.v[LK_F_RECEIVED], a->imp.order);
	else {
		/*
		 * Typed in now, it arrived now.  Said so in the values the
		 * fingerprint reads, the same customer typed in next month
		 * is a new inquiry, not "already there"; the same command
		 * run twice at one --now still adds one lead.
		 */
		l.received = lk_clock_now();
		l.has_received = 1;
		l.v[LK_F_RECEIVED] = lk_arena_strdup(&arena,
		    lk_time_utc(l.received, when));
	}
	if (rc == 0)
		rc = lk_import_lead(db, &l, a->imp.strict, &id, &already);
	if (rc == 0)
		rc = lk_db_commit(db);
	if (rc == 0 && id != 0)
		printf("%lld\n", (long long)id);
	else if (rc == 0)
		lk_warn("already there: lead %lld", (long long)already);
	lk_lead_free(&l);
	lk_arena_free(&arena);
	return rc;
}

static int
print_id(int64_t id, void *arg)
{
	(void)arg;
	printf("%lld\n", (long long)id);
	return 0;
}

static int
add_csv(struct lk_db *db, struct args *a)
{
	struct lk_import_counts n;
	int	 rc;

	a->imp.fmt = a->fmt;
	a->imp.header = a->header;
	rc = lk_import_csv(db, &a->imp, &n, stdout);
	if (a->imp.show_map)
		return rc;
	if (rc == 0 && !a->imp.dry_run)
		rc = lk_db_commit(db);
	else
		lk_db_rollback(db);
	/* No summary of a file not read through: the error says it all. */
	if (rc == 0)
		lk_import_summary(a->imp.file, &n, a->imp.dry_run);
	/* A dry run's bad rows were reported one by one: fail with them. */
	if (rc == 0 && a->imp.dry_run)
		rc = lk_msg_rc();
	/* Ids only once stored: a pipe reader never sees one that is not. */
	if (rc == 0 && !a->imp.dry_run && n.first != 0)
		rc = lk_db_batch_leads(db, n.batch, print_id, NULL);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct lk_db *db = NULL;
	size_t	 i;
	int	 rc;

	lk_msg_init("lead-add");
	memset(&a, 0, sizeof(a));
	parse(argc, argv, &a);
	if (a.fields)
		return list_fields(&a);
	if (a.imp.file != NULL) {
		for (i = 0; i < NFIELDOPTS; i++)
			if (a.val[i] != NULL && !DEFAULTABLE(fieldopts[i].f)) {
				lk_err(EX_USAGE, "--%s: not with --csv (the "
				    "rows name the customers)",
				    fieldopts[i].opt);
				usage();
			}
		if (a.ncontacts > 0) {
			lk_err(EX_USAGE, "--email and --phone: not with "
			    "--csv");
			usage();
		}
		for (i = 0; i < NFIELDOPTS; i++)
			a.imp.def[fieldopts[i].f] = a.val[i];
	} else if (a.nfields == 0) {
		lk_err(EX_USAGE, "nothing to add: give --csv or the lead's "
		    "fields (--first, --last, --email, --phone, ...)");
		usage();
	} else if (a.imp.dry_run || a.imp.show_map || a.imp.rejects ||
	    a.imp.map || a.imp.csv.encoding || a.imp.csv.delim ||
	    a.imp.ignore_unknown) {
		lk_err(EX_USAGE, "--dry-run, --show-map, --skip-bad, --map, "
		    "--encoding, --delimiter and --ignore-unknown go with "
		    "--csv");
		usage();
	}
	if (lk_clock_init(a.now) != 0) {
		lk_msg_at(EX_USAGE, NULL, 0, a.now != NULL ? "--now" :
		    "LEAD_NOW", a.now != NULL ? a.now : getenv("LEAD_NOW"),
		    "not a time");
		return EX_USAGE;
	}
	/* Checking a file or its mapping leaves no database behind. */
	if ((rc = a.imp.dry_run || a.imp.show_map ?
	    lk_db_open_read(&db, a.db) : lk_db_open(&db, a.db)) != 0)
		goto out;
	if ((rc = lk_db_begin(db, "lead-add", argc - 1, argv + 1)) != 0)
		goto out;
	rc = a.imp.file != NULL ? add_csv(db, &a) : add_one(db, &a);
out:
	lk_db_close(db);
	free(a.contacts);
	free(a.ckind);
	if (fflush(stdout) != 0 && rc == 0) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	return rc;
}

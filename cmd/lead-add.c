/*
 * lead-add: add leads, one from options, a CSV dump or ADF documents
 * (a file, or mail as the mail system delivers it) at a time, and print
 * the id of each lead added, one a line, once they are stored; list,
 * retry and discard the quarantine of mail no lead could be read from.
 */
#include <getopt.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "ids.h"
#include "import.h"
#include "intake.h"
#include "lead.h"
#include "msg.h"
#include "out.h"
#include "xmem.h"

static const char usage_text[] =
    "usage: lead-add [--db path] [--now time] [--as login] [--date-order order]\n"
    "                [--strict] --field value ...\n"
    "       lead-add [--db path] [--now time] [--as login] --csv file\n"
    "                [--date-order order] [--delimiter char] [--dry-run]\n"
    "                [--encoding name] [--ignore-unknown]\n"
    "                [--map header=field,...] [--origin origin] [--show-map]\n"
    "                [--skip-bad rejects] [--source source] [--strict]\n"
    "                [--type type] [--vendor vendor] [--format fmt]\n"
    "                [--no-header]\n"
    "       lead-add [--db path] [--now time] [--as login] --adf file [--mail]\n"
    "                [--dry-run] [--strict]\n"
    "       lead-add [--db path] [--format fmt] [--no-header] --quarantine\n"
    "                [--all] | --sources\n"
    "       lead-add [--db path] [--now time] [--as login] --retry [id ...] |\n"
    "                --discard id ... | --message id | --load-sources file\n"
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
	OPT_ADF = 256, OPT_ALL, OPT_AS, OPT_CSV, OPT_DATE_ORDER, OPT_DB,
	OPT_DELIMITER, OPT_DISCARD, OPT_DRY_RUN, OPT_ENCODING, OPT_FIELDS,
	OPT_FORMAT, OPT_HELP, OPT_IGNORE_UNKNOWN, OPT_LOAD_SOURCES, OPT_MAIL,
	OPT_MAP, OPT_MESSAGE, OPT_NO_HEADER, OPT_NOW, OPT_QUARANTINE, OPT_RETRY,
	OPT_SHOW_MAP, OPT_SKIP_BAD, OPT_SOURCES, OPT_STRICT, OPT_VERSION,
	OPT_FIELD	/* OPT_FIELD + i: fieldopts[i] */
};

static const struct option general[] = {
	{ "adf", required_argument, NULL, OPT_ADF },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "as", required_argument, NULL, OPT_AS },
	{ "csv", required_argument, NULL, OPT_CSV },
	{ "date-order", required_argument, NULL, OPT_DATE_ORDER },
	{ "db", required_argument, NULL, OPT_DB },
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },
	{ "discard", no_argument, NULL, OPT_DISCARD },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "fields", no_argument, NULL, OPT_FIELDS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "ignore-unknown", no_argument, NULL, OPT_IGNORE_UNKNOWN },
	{ "load-sources", required_argument, NULL, OPT_LOAD_SOURCES },
	{ "mail", no_argument, NULL, OPT_MAIL },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "message", required_argument, NULL, OPT_MESSAGE },
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "quarantine", no_argument, NULL, OPT_QUARANTINE },
	{ "retry", no_argument, NULL, OPT_RETRY },
	{ "show-map", no_argument, NULL, OPT_SHOW_MAP },
	{ "skip-bad", required_argument, NULL, OPT_SKIP_BAD },
	{ "sources", no_argument, NULL, OPT_SOURCES },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "version", no_argument, NULL, OPT_VERSION },
};
#define NGENERAL (sizeof(general) / sizeof(general[0]))

/* Everything the command line said. */
struct args {
	struct lk_import imp;
	struct lk_intake adf;		/* --adf, --mail */
	int	 adf_operand;		/* --adf --mail FILE: FILE an operand */
	int	 quarantine, all, retry, discard, sources;
	int64_t	 message;
	const char *load_sources;
	int64_t	*ids;			/* --retry, --discard */
	size_t	 nids;
	const char *db, *now;
	const char *as;			/* --as: act for this login */
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
	    "street\nnames the customer), every row of a CSV dump, or every "
	    "prospect of ADF\ndocuments or mail; print the new ids.\n\n"
	    "  --adf file          read ADF/XML leads from a file, - or a "
	    "directory\n"
	    "  --all               with --quarantine: released ones too\n"
	    "  --as login          act as someone on the roster (managers, "
	    "admins)\n"
	    "  --csv file          import a CSV file with a header row "
	    "(- for stdin)\n"
	    "  --date-order order  mdy, dmy or ymd for dates like "
	    "03/04/2026\n"
	    "  --db path           the database (default $LEAD_DB, else\n"
	    "                      $XDG_DATA_HOME/leadkit/leads.db)\n"
	    "  --delimiter char    , ; tab | or : (default: from the header)\n"
	    "  --discard id ...    release the quarantined ids unread\n"
	    "  --dry-run           check every row or prospect, add nothing\n"
	    "  --encoding name     the file's encoding (windows-1252, "
	    "UTF-16LE, ...)\n"
	    "  --fields            list the lead fields --map can name\n"
	    "  --format fmt        table, tsv, csv or json (for listings)\n"
	    "  --help              this text\n"
	    "  --ignore-unknown    drop columns no field matches\n"
	    "  --load-sources file provider<TAB>source names for ADF "
	    "providers\n"
	    "  --mail              each --adf file is a mail message; "
	    "quarantine\n"
	    "                      what holds no lead\n"
	    "  --map spec          'Header=field[:label],...' for other "
	    "header names\n"
	    "  --message id        write a stored document (as received) "
	    "to stdout\n"
	    "  --no-header         no header row (for listings)\n"
	    "  --now time          the clock (default $LEAD_NOW, else now)\n"
	    "  --quarantine        list the documents held: no lead could "
	    "be read\n"
	    "  --retry [id ...]    read the quarantined ids (default all) "
	    "again\n"
	    "  --show-map          print how each column is read, add "
	    "nothing\n"
	    "  --skip-bad rejects  add the good rows, write the bad to "
	    "rejects\n"
	    "  --sources           list the source names of ADF providers\n"
	    "  --strict            an unusable e-mail or phone is an error\n"
	    "  --version           the version\n"
	    "\nAn id of - reads ids from stdin, one a line.  Lead fields "
	    "(with --csv,\n--source, --type, --origin and --vendor are the "
	    "value for rows without one):\n", stdout);
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
		case OPT_ADF:
			/* "--adf --mail FILE", as a .forward line is easily
			 * written: the file is the operand. */
			if (strcmp(optarg, "--mail") == 0) {
				a->adf.mail = 1;
				a->adf_operand = 1;
			} else
				a->adf.file = optarg;
			break;
		case OPT_ALL:
			a->all = 1;
			break;
		case OPT_AS:
			if (*optarg == '\0') {
				lk_msg_at(EX_USAGE, NULL, 0, "--as", optarg,
				    "not a login");
				usage();
			}
			a->as = optarg;
			break;
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
		case OPT_DISCARD:
			a->discard = 1;
			break;
		case OPT_DRY_RUN:
			a->imp.dry_run = a->adf.dry_run = 1;
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
		case OPT_LOAD_SOURCES:
			a->load_sources = optarg;
			break;
		case OPT_MAIL:
			a->adf.mail = 1;
			break;
		case OPT_MAP:
			a->imp.map = optarg;
			break;
		case OPT_MESSAGE:
			if ((a->message = lk_id_parse(optarg)) == 0) {
				lk_msg_at(EX_USAGE, NULL, 0, "--message",
				    optarg, "not a document id");
				usage();
			}
			break;
		case OPT_NO_HEADER:
			a->header = 0;
			break;
		case OPT_NOW:
			a->now = optarg;
			break;
		case OPT_QUARANTINE:
			a->quarantine = 1;
			break;
		case OPT_RETRY:
			a->retry = 1;
			break;
		case OPT_SHOW_MAP:
			a->imp.show_map = 1;
			break;
		case OPT_SKIP_BAD:
			a->imp.rejects = optarg;
			break;
		case OPT_SOURCES:
			a->sources = 1;
			break;
		case OPT_STRICT:
			a->imp.strict = a->adf.strict = 1;
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
	if (a->adf_operand && a->adf.file == NULL) {
		if (optind >= argc) {
			lk_err(EX_USAGE, "--adf --mail: which message? a file, "
			    "or - for stdin");
			usage();
		}
		a->adf.file = argv[optind++];
	}
	for (; optind < argc; optind++) {
		if (!a->retry && !a->discard) {
			lk_msg_at(EX_USAGE, NULL, 0, NULL, argv[optind],
			    "unexpected argument");
			usage();
		}
		if (strcmp(argv[optind], "-") == 0) {
			if ((c = lk_ids_read(stdin, "stdin", &a->ids,
			    &a->nids)) != 0)
				exit(c);
		} else if (lk_id_parse(argv[optind]) != 0)
			lk_ids_add(&a->ids, &a->nids,
			    lk_id_parse(argv[optind]));
		else {
			lk_msg_at(EX_USAGE, NULL, 0, NULL, argv[optind],
			    "not a document id");
			usage();
		}
	}
	if (a->discard && a->nids == 0) {
		lk_err(EX_USAGE, "--discard: which documents? (ids, or - "
		    "for stdin)");
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

static int
add_adf(struct lk_db *db, struct args *a)
{
	struct lk_intake_counts n;
	int	 rc;

	rc = lk_intake_adf(db, &a->adf, &n);
	if (rc == 0 && !a->adf.dry_run)
		rc = lk_db_commit(db);
	else
		lk_db_rollback(db);
	/* A commit that failed (the disk full) is for the mail system
	 * to try again. */
	if (rc != 0 && a->adf.mail && rc != EX_NOINPUT)
		rc = EX_TEMPFAIL;
	if (rc == 0)
		lk_intake_summary(a->adf.file, &n, a->adf.dry_run);
	if (rc == 0 && !a->adf.dry_run && n.added > 0)
		rc = lk_db_batch_leads(db, n.batch, print_id, NULL);
	return rc;
}

/* --retry and --discard: what was read is kept, what was not said. */
static int
release(struct lk_db *db, struct args *a)
{
	struct lk_intake_counts n;
	int	 rc;

	if (a->discard)
		rc = lk_intake_discard(db, a->ids, a->nids);
	else
		rc = lk_intake_retry(db, a->ids, a->nids, a->adf.strict, &n);
	if (rc == 0 || (a->retry && rc == EX_DATAERR)) {
		if ((rc = lk_db_commit(db)) == 0)
			rc = lk_msg_rc();
	} else
		lk_db_rollback(db);
	if (a->retry && (rc == 0 || rc == EX_DATAERR)) {
		lk_intake_summary("quarantine", &n, 0);
		if (n.added > 0 && lk_db_batch_leads(db, n.batch, print_id,
		    NULL) != 0)
			rc = EX_IOERR;
	} else if (a->discard && rc == 0)
		lk_warn("%zu document%s discarded (kept in the database)",
		    a->nids, a->nids == 1 ? "" : "s");
	return rc;
}

/* --quarantine, --sources: listings. */
static int
list(struct lk_db *db, struct args *a)
{
	struct lk_out *o;
	int	 rc;

	o = lk_out_new(stdout, a->fmt, a->header);
	rc = a->sources ? lk_db_sources(db, o) :
	    lk_db_quarantine_list(db, a->all, o);
	if (lk_out_end(o) != 0 && rc == 0) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	lk_out_free(o);
	return rc;
}

/*
 * --message: the document as it came, byte for byte; on a terminal
 * with control bytes shown as \xNN, so a hostile message cannot send
 * the terminal escape sequences.
 */
static int
message(struct lk_db *db, struct args *a)
{
	struct lk_doc d;
	size_t	 i;
	int	 rc, state, tty = isatty(STDOUT_FILENO);

	if ((rc = lk_db_document_get(db, a->message, &d, &state)) != 0)
		return rc;
	if (state == LK_DOC_NONE) {
		lk_err(EX_DATAERR, "no document %lld", (long long)a->message);
		rc = EX_DATAERR;
	} else if (tty) {
		for (i = 0; i < d.len; i++) {
			unsigned char c = (unsigned char)d.body[i];

			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				printf("\\x%02x", c);
			else
				putchar(c);
		}
	} else if (fwrite(d.body, 1, d.len, stdout) != d.len) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	lk_doc_free(&d);
	return rc;
}

/* The one thing the command line asks for, or a usage error. */
static void
check_modes(struct args *a)
{
	int	 modes;

	modes = (a->imp.file != NULL) + (a->adf.file != NULL) +
	    a->quarantine + a->retry + a->discard + (a->message != 0) +
	    a->sources + (a->load_sources != NULL) + a->fields;
	if (modes > 1) {
		lk_err(EX_USAGE, "--csv, --adf, --quarantine, --retry, "
		    "--discard, --message, --sources, --load-sources and "
		    "--fields: one at a time");
		usage();
	}
	if (a->adf.mail && a->adf.file == NULL) {
		lk_err(EX_USAGE, "--mail goes with --adf");
		usage();
	}
	if (a->as != NULL && (a->quarantine || a->sources ||
	    a->message != 0 || a->fields)) {
		lk_err(EX_USAGE, "--as goes with what adds or changes: "
		    "listing acts for nobody");
		usage();
	}
	if (a->all && !a->quarantine) {
		lk_err(EX_USAGE, "--all goes with --quarantine");
		usage();
	}
	if (a->imp.file == NULL && (a->imp.show_map || a->imp.rejects ||
	    a->imp.map || a->imp.csv.encoding || a->imp.csv.delim ||
	    a->imp.ignore_unknown)) {
		lk_err(EX_USAGE, "--show-map, --skip-bad, --map, --encoding, "
		    "--delimiter and --ignore-unknown go with --csv");
		usage();
	}
	if (modes == 1 && a->imp.file == NULL && a->nfields > 0) {
		lk_err(EX_USAGE, "lead fields go with one lead or --csv");
		usage();
	}
	if (a->imp.dry_run && a->imp.file == NULL && a->adf.file == NULL) {
		lk_err(EX_USAGE, "--dry-run goes with --csv or --adf");
		usage();
	}
	if (a->imp.strict && modes == 1 && a->imp.file == NULL &&
	    a->adf.file == NULL && !a->retry) {
		lk_err(EX_USAGE, "--strict goes with one lead, --csv, --adf "
		    "or --retry");
		usage();
	}
	if (a->imp.order != LK_DORDER_ANY && modes == 1 &&
	    a->imp.file == NULL) {
		lk_err(EX_USAGE, "--date-order goes with one lead or --csv");
		usage();
	}
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
	check_modes(&a);
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
	} else if (a.adf.file == NULL && !a.quarantine && !a.retry &&
	    !a.discard && a.message == 0 && !a.sources &&
	    a.load_sources == NULL && a.nfields == 0) {
		lk_err(EX_USAGE, "nothing to add: give --csv, --adf or the "
		    "lead's fields (--first, --last, --email, --phone, ...)");
		usage();
	}
	if ((rc = lk_clock_setup(a.now)) != 0)
		return rc;
	/* No insert of lead-add's fires a trigger: SQLite's 64 KiB. */
	lk_db_statement_journal(64 << 10);
	/* Checking a file or listing leaves no database behind. */
	if ((rc = a.imp.dry_run || a.imp.show_map || a.quarantine ||
	    a.sources || a.message != 0 ? lk_db_open_read(&db, a.db) :
	    lk_db_open(&db, a.db)) != 0) {
		/* The mail system tries again later; the provider never
		 * hears of our trouble. */
		if (a.adf.mail && !a.adf.dry_run)
			rc = EX_TEMPFAIL;
		goto out;
	}
	if (a.quarantine || a.sources) {
		rc = list(db, &a);
		goto out;
	}
	if (a.message != 0) {
		rc = message(db, &a);
		goto out;
	}
	/* Who acts is checked as the transaction begins; under --mail a
	 * refusal (77) is ours to mend, so the mail system retries. */
	if ((a.as != NULL && (rc = lk_db_as(db, a.as)) != 0) ||
	    (rc = lk_db_begin(db, "lead-add", argc - 1, argv + 1)) != 0) {
		if (a.adf.mail && !a.adf.dry_run)
			rc = EX_TEMPFAIL;
		goto out;
	}
	if (a.imp.file != NULL)
		rc = add_csv(db, &a);
	else if (a.adf.file != NULL)
		rc = add_adf(db, &a);
	else if (a.retry || a.discard)
		rc = release(db, &a);
	else if (a.load_sources != NULL) {
		if ((rc = lk_intake_sources_load(db, a.load_sources)) == 0)
			rc = lk_db_commit(db);
	} else
		rc = add_one(db, &a);
out:
	lk_db_close(db);
	free(a.ids);
	free(a.contacts);
	free(a.ckind);
	if (fflush(stdout) != 0 && rc == 0) {
		lk_err(EX_IOERR, "stdout: write error");
		rc = EX_IOERR;
	}
	return rc;
}

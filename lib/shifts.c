/*
 * shifts: a shift export read whole (it is a month of a roster, not a
 * million leads), then understood: the file's date order is settled
 * from all its dates before any row is read as a time, so a day-first
 * file is read day-first from its first row on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"
#include "dateint.h"
#include "db.h"
#include "msg.h"
#include "norm.h"
#include "shifts.h"

enum col {
	C_NONE, C_LOGIN, C_EMAIL, C_NAME, C_FIRST, C_LAST, C_DATE,
	C_END_DATE, C_START, C_END, C_SPAN, C_TYPE, C__COUNT
};

/* Column names as exports write them, folded (letters and digits). */
static const struct {
	const char *key;
	enum col c;
} headers[] = {
	{ "login", C_LOGIN }, { "username", C_LOGIN }, { "user", C_LOGIN },
	{ "loginname", C_LOGIN }, { "employeelogin", C_LOGIN },
	{ "unixlogin", C_LOGIN },
	{ "email", C_EMAIL }, { "emailaddress", C_EMAIL },
	{ "employeeemail", C_EMAIL }, { "workemail", C_EMAIL },
	{ "useremail", C_EMAIL },
	{ "employee", C_NAME }, { "employeename", C_NAME }, { "name", C_NAME },
	{ "fullname", C_NAME }, { "staff", C_NAME }, { "staffname", C_NAME },
	{ "staffmember", C_NAME }, { "teammember", C_NAME },
	{ "member", C_NAME }, { "person", C_NAME }, { "worker", C_NAME },
	{ "firstname", C_FIRST }, { "first", C_FIRST },
	{ "givenname", C_FIRST }, { "employeefirstname", C_FIRST },
	{ "lastname", C_LAST }, { "last", C_LAST }, { "surname", C_LAST },
	{ "familyname", C_LAST }, { "employeelastname", C_LAST },
	{ "date", C_DATE }, { "shiftdate", C_DATE }, { "startdate", C_DATE },
	{ "workdate", C_DATE }, { "scheduledate", C_DATE },
	{ "scheduleddate", C_DATE },
	{ "enddate", C_END_DATE }, { "shiftenddate", C_END_DATE },
	{ "start", C_START }, { "starttime", C_START },
	{ "shiftstart", C_START }, { "shiftstarttime", C_START },
	{ "startat", C_START }, { "scheduledstart", C_START },
	{ "timein", C_START }, { "from", C_START }, { "begin", C_START },
	{ "end", C_END }, { "endtime", C_END }, { "shiftend", C_END },
	{ "shiftendtime", C_END }, { "endat", C_END },
	{ "scheduledend", C_END }, { "timeout", C_END }, { "to", C_END },
	{ "finish", C_END },
	{ "shift", C_SPAN }, { "shifttime", C_SPAN }, { "shifttimes", C_SPAN },
	{ "time", C_SPAN }, { "times", C_SPAN },
	{ "type", C_TYPE }, { "shifttype", C_TYPE }, { "position", C_TYPE },
	{ "role", C_TYPE }, { "area", C_TYPE }, { "notes", C_TYPE },
	{ "note", C_TYPE }, { "comment", C_TYPE }, { "comments", C_TYPE },
	{ "job", C_TYPE }, { "label", C_TYPE }, { "category", C_TYPE },
	{ "kind", C_TYPE }, { "schedule", C_TYPE }, { "leavetype", C_TYPE },
	{ "timeofftype", C_TYPE }, { "absence", C_TYPE },
	{ "absencetype", C_TYPE },
};

/* What such a column says of a day off, folded. */
static const char *const offwords[] = {
	"timeoff", "pto", "vacation", "holiday", "unavailable",
	"unavailability", "dayoff", "off", "sick", "sickday", "sickleave",
	"leave", "annualleave", "personalday", "bereavement", "requestoff",
};

/* The field names messages use, by column. */
static const char *const colname[C__COUNT] = {
	NULL, "login", "email", "name", "first name", "last name", "date",
	"end date", "start", "end", "shift", "type"
};

/* A row as the file has it, before its dates are understood. */
struct raw {
	long	 line;
	const char *cell[C__COUNT];	/* trimmed; NULL when empty */
	int	 off;
};

struct rd {
	struct lk_shifts *s;
	enum col *cols;			/* per column of the header */
	size_t	 ncols;
	int	 have_header;
	long	 header_line;
	struct raw *raw;
	size_t	 nraw;
	enum lk_dorder order;
	long	 order_line;		/* the row that settled it */
	struct lk_buf key;
};

static enum col
header_col(const char *key)
{
	size_t	 i;

	for (i = 0; i < NITEMS(headers); i++)
		if (strcmp(key, headers[i].key) == 0)
			return headers[i].c;
	return C_NONE;
}

static int
is_off(const char *key)
{
	size_t	 i;

	if (strncmp(key, "timeoff", 7) == 0)
		return 1;
	for (i = 0; i < NITEMS(offwords); i++)
		if (strcmp(key, offwords[i]) == 0)
			return 1;
	return 0;
}

static int
header(struct rd *r, const struct lk_csv_rec *rec)
{
	int	 seen[C__COUNT] = { 0 };
	size_t	 j;

	r->have_header = 1;
	r->header_line = rec->line;
	r->ncols = rec->n;
	r->cols = lk_xcalloc(rec->n, sizeof(*r->cols));
	for (j = 0; j < rec->n; j++) {
		lk_buf_clear(&r->key);
		lk_key_fold(rec->f[j], &r->key);
		r->cols[j] = header_col(lk_buf_str(&r->key));
		seen[r->cols[j]] = 1;
	}
	if (!seen[C_LOGIN] && !seen[C_EMAIL] && !seen[C_NAME] &&
	    !seen[C_FIRST] && !seen[C_LAST]) {
		lk_msg_at(EX_DATAERR, r->s->name, rec->line, NULL, NULL,
		    "no column names the person (Login, Email, Employee, "
		    "Name, First Name)");
		return EX_DATAERR;
	}
	if (!seen[C_DATE] && !seen[C_START] && !seen[C_SPAN]) {
		lk_msg_at(EX_DATAERR, r->s->name, rec->line, NULL, NULL,
		    "no column names the day (Date, Start, Shift)");
		return EX_DATAERR;
	}
	return 0;
}

static int
row(void *arg, const struct lk_csv_rec *rec)
{
	struct rd *r = arg;
	struct raw *w;
	const char *s;
	size_t	 j, len;
	enum col c;
	int	 any = 0;

	if (!r->have_header)
		return header(r, rec);
	r->raw = lk_xreallocarray(r->raw, r->nraw + 1, sizeof(*r->raw));
	w = &r->raw[r->nraw];
	memset(w, 0, sizeof(*w));
	w->line = rec->line;
	for (j = 0; j < rec->n && j < r->ncols; j++) {
		if ((c = r->cols[j]) == C_NONE)
			continue;
		s = rec->f[j];
		if ((len = lk_trim(&s, rec->len[j])) == 0)
			continue;
		if (memchr(s, '\0', len) != NULL ||
		    lk_utf8_check(s, len) != (size_t)-1) {
			lk_msg_at(EX_DATAERR, r->s->name, rec->line,
			    colname[c], NULL, "not UTF-8 text");
			return EX_DATAERR;
		}
		any = 1;
		if (c == C_TYPE) {
			lk_buf_clear(&r->key);
			s = lk_arena_strndup(&r->s->arena, s, len);
			lk_key_fold(s, &r->key);
			w->off |= is_off(lk_buf_str(&r->key));
		} else if (w->cell[c] == NULL)
			w->cell[c] = lk_arena_strndup(&r->s->arena, s, len);
	}
	/* A row of empty cells is a spreadsheet's padding. */
	if (any)
		r->nraw++;
	return 0;
}

/* Does s read as a clock time alone? */
static int
is_tod(const char *s)
{
	int	 m;

	return lk_tod_parse(s, &m) == 0;
}

/*
 * The file's date order, from the first date only one order reads;
 * month-first when none says (r->s->guessed if one could be either).
 */
static void
settle_order(struct rd *r)
{
	static const enum col datecols[] = { C_DATE, C_END_DATE, C_START,
	    C_END };
	const char *v;
	unsigned flags;
	size_t	 i, k;
	time_t	 t;
	int	 ambiguous = 0;

	for (i = 0; i < r->nraw && r->order == LK_DORDER_ANY; i++)
		for (k = 0; k < NITEMS(datecols); k++) {
			if ((v = r->raw[i].cell[datecols[k]]) == NULL ||
			    is_tod(v) || lk_date_parse(v, LK_DORDER_ANY, &t,
			    &flags) == -1)
				continue;
			ambiguous |= (flags & LK_DATE_AMBIGUOUS) != 0;
			if (flags & (LK_DATE_DMY_ONLY | LK_DATE_MDY_ONLY)) {
				r->order = flags & LK_DATE_DMY_ONLY ?
				    LK_DORDER_DMY : LK_DORDER_MDY;
				r->order_line = r->raw[i].line;
				break;
			}
		}
	if (r->order == LK_DORDER_ANY) {
		r->order = LK_DORDER_MDY;
		r->s->guessed = ambiguous;
	}
}

static int
bad(struct rd *r, long line, enum col c, const char *v, const char *why)
{
	lk_msg_at(EX_DATAERR, r->s->name, line, colname[c], v, "%s", why);
	return EX_DATAERR;
}

/* Days since 1970-01-01 of t's local day. */
static long long
local_day(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1,
	    tm.tm_mday);
}

/* A date cell as the file's order reads it: its local day, or -1. */
static int
read_day(struct rd *r, const struct raw *w, enum col c, long long *day)
{
	char	 why[96];
	time_t	 t;

	if (lk_date_parse(w->cell[c], r->order, &t, NULL) == -1) {
		if (r->order_line > 0)
			snprintf(why, sizeof(why), "not a date (the file "
			    "writes dates %s, as on line %ld)",
			    r->order == LK_DORDER_DMY ? "day-first" :
			    "month-first", r->order_line);
		else
			snprintf(why, sizeof(why), "not a date");
		return bad(r, w->line, c, w->cell[c], why);
	}
	*day = local_day(t);
	return 0;
}

/*
 * A start or end cell: a clock time on day (day -1: the row has none),
 * or a whole date and time.  *min is the clock time in minutes, -1 for
 * a whole date and time.
 */
static int
read_time(struct rd *r, const struct raw *w, enum col c, const char *v,
    long long day, time_t *t, int *min)
{
	if (lk_tod_parse(v, min) == 0) {
		if (day < 0)
			return bad(r, w->line, C_DATE, NULL, "missing (the "
			    "shift's times have no date)");
		if (c == C_START && *min == 1440)
			return bad(r, w->line, c, v, "not a time");
		*t = lk_date_local_to_utc(day * 86400 + *min * 60LL);
		return 0;
	}
	*min = -1;
	if (lk_date_parse(v, r->order, t, NULL) == 0)
		return 0;
	return bad(r, w->line, c, v, "not a time");
}

/* "9:00 AM - 5:00 PM" into its two times (in the arena). */
static int
split_span(struct rd *r, const struct raw *w, const char **a, const char **b)
{
	const char *s = w->cell[C_SPAN], *p, *q;
	size_t	 skip, n;

	if ((p = strstr(s, "\xe2\x80\x93")) != NULL)	/* en dash */
		skip = 3;
	else if ((p = strstr(s, " to ")) != NULL)
		skip = 4;
	else if ((p = strchr(s, '-')) != NULL)
		skip = 1;
	else
		return bad(r, w->line, C_SPAN, s, "not START-END");
	/* Trimmed before q is read: arguments have no order. */
	q = s;
	n = lk_trim(&q, (size_t)(p - s));
	*a = lk_arena_strndup(&r->s->arena, q, n);
	q = p + skip;
	n = lk_trim(&q, strlen(q));
	*b = lk_arena_strndup(&r->s->arena, q, n);
	if (**a == '\0' || **b == '\0')
		return bad(r, w->line, C_SPAN, s, "not START-END");
	return 0;
}

/* Who the row names, as it names them. */
static void
person(struct rd *r, const struct raw *w, struct lk_shift *sh)
{
	const char *f = w->cell[C_FIRST], *l = w->cell[C_LAST];

	sh->login = w->cell[C_LOGIN] != NULL ? w->cell[C_LOGIN] : "";
	sh->email = w->cell[C_EMAIL] != NULL ? w->cell[C_EMAIL] : "";
	if (w->cell[C_NAME] != NULL)
		sh->name = w->cell[C_NAME];
	else if (f != NULL || l != NULL) {
		lk_buf_clear(&r->key);
		lk_buf_addf(&r->key, "%s%s%s", f != NULL ? f : "",
		    f != NULL && l != NULL ? " " : "", l != NULL ? l : "");
		sh->name = lk_arena_strdup(&r->s->arena, lk_buf_str(&r->key));
	} else
		sh->name = "";
}

static int
understand(struct rd *r, const struct raw *w, struct lk_shift *sh)
{
	const char *start = w->cell[C_START], *end = w->cell[C_END];
	long long day = -1, eday = -1, sday;
	int	 smin, emin, rc;

	memset(sh, 0, sizeof(*sh));
	sh->line = w->line;
	sh->off = w->off;
	person(r, w, sh);
	if (*sh->login == '\0' && *sh->email == '\0' && *sh->name == '\0')
		return bad(r, w->line, C_NONE, NULL, "no login, e-mail or "
		    "name says whose row it is");
	if (w->cell[C_DATE] != NULL && (rc = read_day(r, w, C_DATE,
	    &day)) != 0)
		return rc;
	if (start == NULL && end == NULL && w->cell[C_SPAN] != NULL &&
	    (rc = split_span(r, w, &start, &end)) != 0)
		return rc;
	if (sh->off) {
		/* A day off is the whole day, whatever its hours. */
		if (day < 0 && start == NULL)
			return bad(r, w->line, C_DATE, NULL, "missing");
		if (day < 0) {
			if ((rc = read_time(r, w, C_START, start, day,
			    &sh->start, &smin)) != 0)
				return rc;
			day = local_day(sh->start);
		}
		sh->start = 0;
		lk_day_local(lk_date_local_to_utc(day * 86400 + 43200),
		    sh->day);
		return 0;
	}
	if (start == NULL)
		return bad(r, w->line, C_START, NULL, "missing");
	if (end == NULL)
		return bad(r, w->line, C_END, NULL, "missing");
	if ((rc = read_time(r, w, C_START, start, day, &sh->start,
	    &smin)) != 0)
		return rc;
	sday = local_day(sh->start);
	if (w->cell[C_END_DATE] != NULL && (rc = read_day(r, w, C_END_DATE,
	    &eday)) != 0)
		return rc;
	if ((rc = read_time(r, w, C_END, end, eday >= 0 ? eday : sday,
	    &sh->end, &emin)) != 0)
		return rc;
	/* 22:00 to 06:00 ends the next morning; 09:00 to 09:00 is a
	 * slip, not a day and a night at work. */
	if (emin >= 0 && eday < 0 && sh->end < sh->start)
		sh->end = lk_date_local_to_utc((sday + 1) * 86400 +
		    emin * 60LL);
	if (sh->end == sh->start)
		return bad(r, w->line, C_END, end, "the same as the start");
	if (sh->end < sh->start)
		return bad(r, w->line, C_END, end, "before the start");
	if (sh->end - sh->start > 86400)
		return bad(r, w->line, C_END, end, "more than 24 hours after "
		    "the start");
	lk_day_local(sh->start, sh->day);
	return 0;
}

int
lk_shifts_read(const char *path, enum lk_dorder order, struct lk_shifts *s)
{
	struct lk_csv *csv;
	struct rd r;
	FILE	*fp;
	size_t	 i;
	int	 rc;

	memset(s, 0, sizeof(*s));
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.order = order;
	s->name = strcmp(path, "-") == 0 ? "stdin" : path;
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		rc = errno == EACCES || errno == EPERM ? EX_NOPERM :
		    EX_NOINPUT;
		lk_err(rc, "%s: %s", path, strerror(errno));
		return rc;
	}
	csv = lk_csv_new(fp, s->name, NULL);
	rc = lk_csv_each(csv, row, &r);
	lk_csv_free(csv);
	if (fp != stdin)
		fclose(fp);
	if (rc == 0 && !r.have_header) {
		lk_msg_at(EX_DATAERR, s->name, 0, NULL, NULL, "empty: no "
		    "header, no shifts");
		rc = EX_DATAERR;
	}
	if (rc == 0) {
		settle_order(&r);
		s->v = lk_xcalloc(r.nraw, sizeof(*s->v));
		for (i = 0; i < r.nraw && rc == 0; i++)
			rc = understand(&r, &r.raw[i], &s->v[i]);
		s->n = r.nraw;
	}
	free(r.cols);
	free(r.raw);
	lk_buf_free(&r.key);
	if (rc != 0)
		lk_shifts_free(s);
	return rc;
}

/* "Lee, Ann" as "Ann Lee", folded; anything else just folded. */
static void
fold_name(const char *s, struct lk_buf *out)
{
	struct lk_buf b = LK_BUF_INIT;
	size_t	 fo, fl, lo, ll;

	if (strchr(s, ',') == NULL) {
		lk_fold(s, out);
		return;
	}
	lk_name_split(s, strlen(s), &fo, &fl, &lo, &ll);
	lk_buf_addf(&b, "%.*s %.*s", (int)fl, s + fo, (int)ll, s + lo);
	lk_fold(lk_buf_str(&b), out);
	lk_buf_free(&b);
}

int
lk_shifts_match(struct lk_shifts *s, const struct lk_staff *roster,
    size_t n)
{
	struct lk_buf *names, *emails, key = LK_BUF_INIT;
	struct lk_shift *sh;
	size_t	 i, k, found, hits;
	int	 rc = 0;

	names = lk_xcalloc(n + 1, sizeof(*names));
	emails = lk_xcalloc(n + 1, sizeof(*emails));
	for (k = 0; k < n; k++) {
		lk_fold(roster[k].name, &names[k]);
		lk_email_norm(roster[k].email, &emails[k]);
	}
	for (i = 0; i < s->n && rc == 0; i++) {
		sh = &s->v[i];
		found = n;
		for (k = 0; k < n && *sh->login != '\0'; k++)
			if (strcasecmp(sh->login, roster[k].login) == 0)
				found = k;
		lk_buf_clear(&key);
		if (found == n && *sh->email != '\0' &&
		    lk_email_norm(sh->email, &key))
			for (k = 0; k < n; k++)
				if (emails[k].len > 0 &&
				    strcmp(key.s, emails[k].s) == 0)
					found = k;
		lk_buf_clear(&key);
		if (found == n && *sh->name != '\0') {
			fold_name(sh->name, &key);
			for (k = 0, hits = 0; k < n && key.len > 0; k++)
				if (names[k].len > 0 &&
				    strcmp(key.s, names[k].s) == 0) {
					found = k;
					hits++;
				}
			if (hits > 1) {
				lk_msg_at(EX_DATAERR, s->name, sh->line,
				    "name", sh->name, "%zu people on the "
				    "roster have this name: add a Login or "
				    "Email column", hits);
				rc = EX_DATAERR;
			}
		}
		if (found == n && rc == 0) {
			lk_msg_at(EX_DATAERR, s->name, sh->line,
			    *sh->login != '\0' ? "login" : *sh->email != '\0' ?
			    "email" : "name", *sh->login != '\0' ? sh->login :
			    *sh->email != '\0' ? sh->email : sh->name,
			    "not on the roster");
			rc = EX_DATAERR;
		}
		sh->who = found;
	}
	for (k = 0; k < n; k++) {
		lk_buf_free(&names[k]);
		lk_buf_free(&emails[k]);
	}
	free(names);
	free(emails);
	lk_buf_free(&key);
	return rc;
}

void
lk_shifts_free(struct lk_shifts *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
	lk_arena_free(&s->arena);
}

/*
 * catalog: reading the dealership's tab-separated tables (statuses,
 * follow-up kinds, cadence) and finding a status by what people type.
 * Every problem is reported with its file and line; nothing half-read
 * is ever used.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "msg.h"
#include "out.h"
#include "xmem.h"

/* A table being read: the header's columns and the current line. */
struct lk_tsv {
	const char *file;
	long	 line;
	char	**head;		/* header names */
	size_t	 nhead;
	char	**f;		/* this line's fields, NULL past the end */
	size_t	 nf;
	int	 bad;		/* problems reported */
};

static void
split(char *s, char ***v, size_t *n)
{
	size_t	 cap = 0;
	char	*p;

	*n = 0;
	for (;;) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*v = lk_xreallocarray(*v, cap, sizeof(**v));
		}
		(*v)[(*n)++] = s;
		if ((p = strchr(s, '\t')) == NULL)
			break;
		*p = '\0';
		s = p + 1;
	}
}

const char *
lk_tsv_col(struct lk_tsv *t, const char *name)
{
	size_t	 i;

	for (i = 0; i < t->nhead && i < t->nf; i++)
		if (strcmp(t->head[i], name) == 0)
			return t->f[i];
	return "";
}

static int
hascol(struct lk_tsv *t, const char *name)
{
	size_t	 i;

	for (i = 0; i < t->nhead; i++)
		if (strcmp(t->head[i], name) == 0)
			return 1;
	return 0;
}

void
lk_tsv_bad(struct lk_tsv *t, const char *field, const char *value,
    const char *why)
{
	lk_msg_at(EX_DATAERR, t->file, t->line, field, value, "%s", why);
	t->bad++;
}

int
lk_tsv_read(const char *text, size_t len, const char *file,
    const char *const *need, void (*row)(struct lk_tsv *, void *), void *arg)
{
	struct lk_tsv t;
	char	*copy, *line, *next, *end;
	size_t	 i;

	memset(&t, 0, sizeof(t));
	t.file = file;
	copy = lk_xstrndup(text, len);
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		t.line++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		end = line + strlen(line);
		if (end > line && end[-1] == '\r')
			*--end = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		if (t.head == NULL) {
			split(line, &t.head, &t.nhead);
			for (i = 0; need[i] != NULL; i++)
				if (!hascol(&t, need[i]))
					lk_tsv_bad(&t, NULL, need[i],
					    "the header lacks a column");
			if (t.bad)
				break;
			continue;
		}
		split(line, &t.f, &t.nf);
		if (t.nf > t.nhead)
			lk_tsv_bad(&t, NULL, NULL, "more fields than the header");
		else
			row(&t, arg);
	}
	if (t.head == NULL && t.bad == 0)
		lk_tsv_bad(&t, NULL, NULL, "no header line");
	free(t.head);
	free(t.f);
	free(copy);
	return t.bad;
}

static int
isname(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (isspace((unsigned char)*s) || *s == ',')
			return 0;
	return 1;
}

static int
isdur(const char *s)
{
	struct lk_dur d;

	return lk_dur_parse(s, &d) == 0;
}

/* Parse the rules of one status into s. */
static void
rules(struct lk_tsv *t, const char *text, struct lk_status *s)
{
	char	*copy, *tok, *save, *eq, *end;
	const char *val;
	long	 n;

	copy = lk_xstrdup(text);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		val = NULL;
		if ((eq = strchr(tok, '=')) != NULL) {
			*eq = '\0';
			val = eq + 1;
		}
#define FLAG(word, member) \
		if (strcmp(tok, word) == 0 && val == NULL) { \
			s->member = 1; \
			continue; \
		}
#define TEXT(word, member, ok, why) \
		if (strcmp(tok, word) == 0 && val != NULL) { \
			if (!ok(val)) \
				lk_tsv_bad(t, "rules", val, why); \
			free(s->member); \
			s->member = lk_xstrdup(val); \
			continue; \
		}
		FLAG("initial", initial)
		FLAG("follow-up", follow_up)
		FLAG("never-dormant", never_dormant)
		FLAG("sold", sold)
		FLAG("excluded", excluded)
		FLAG("auto", is_auto)
		FLAG("needs-visit", needs_visit)
		TEXT("follow-up-kind", follow_up_kind, isname, "not a kind")
		TEXT("default-kind", default_kind, isname, "not a kind")
		TEXT("follow-up-in", follow_up_in, isdur, "not a duration")
		TEXT("min-age", min_age, isdur, "not a duration")
		TEXT("duplicate-within", duplicate_within, isdur,
		    "not a duration")
#undef FLAG
#undef TEXT
		if (strcmp(tok, "min-attempts") == 0 && val != NULL) {
			n = strtol(val, &end, 10);
			if (*val == '\0' || *end != '\0' || n < 1 || n > 1000)
				lk_tsv_bad(t, "rules", val, "not a count (1-1000)");
			else
				s->min_attempts = (int)n;
			continue;
		}
		if (eq != NULL)
			*eq = '=';
		lk_tsv_bad(t, "rules", tok, "unknown rule");
	}
	free(copy);
}

/* What people type, as catalog names are written: "Left Message" and
 * "left_message" are "left-message". */
static char *
statuskey(const char *s)
{
	char	*k, *p;

	k = lk_xstrdup(s);
	for (p = k; *p != '\0'; p++)
		*p = *p == ' ' || *p == '_' ? '-' :
		    (char)tolower((unsigned char)*p);
	return k;
}

static void
status_row(struct lk_tsv *t, void *arg)
{
	struct lk_catalog *c = arg;
	struct lk_status *s;
	const char *id, *name, *groups;
	char	*end, *key, *other;
	size_t	 i;
	int	 twice = 0;

	name = lk_tsv_col(t, "name");
	groups = lk_tsv_col(t, "groups");
	if (!isname(name)) {
		lk_tsv_bad(t, "name", name, "not a status name");
		return;
	}
	/* Twice as lead-status 7 NAME would find it: left_message is
	 * left-message. */
	key = statuskey(name);
	for (i = 0; i < c->n && !twice; i++) {
		other = statuskey(c->s[i].name);
		twice = strcmp(other, key) == 0;
		free(other);
	}
	free(key);
	if (twice) {
		lk_tsv_bad(t, "name", name, "named twice");
		return;
	}
	if (*groups == '\0') {
		lk_tsv_bad(t, "groups", NULL, "a status needs a group");
		return;
	}
	c->s = lk_xreallocarray(c->s, c->n + 1, sizeof(*c->s));
	s = &c->s[c->n++];
	memset(s, 0, sizeof(*s));
	id = lk_tsv_col(t, "id");
	if (*id != '\0') {
		s->id = strtoll(id, &end, 10);
		if (*end != '\0' || s->id < 1)
			lk_tsv_bad(t, "id", id, "not a status id");
		/* Two lines with one id would both rewrite that status. */
		for (i = 0; i + 1 < c->n && s->id > 0; i++)
			if (c->s[i].id == s->id)
				lk_tsv_bad(t, "id", id, "given twice");
	}
	s->name = lk_xstrdup(name);
	s->groups = lk_xstrdup(groups);
	s->title = lk_xstrdup(lk_tsv_col(t, "title"));
	rules(t, lk_tsv_col(t, "rules"), s);
}

int
lk_catalog_parse(const char *text, size_t len, const char *file,
    struct lk_catalog *c)
{
	static const char *const need[] = { "name", "groups", "rules",
	    "title", NULL };
	size_t	 i, ninitial = 0;
	int	 nbad;

	memset(c, 0, sizeof(*c));
	nbad = lk_tsv_read(text, len, file, need, status_row, c);
	for (i = 0; i < c->n; i++)
		ninitial += c->s[i].initial;
	/* An empty catalog first: it has no initial status either. */
	if (nbad == 0 && c->n == 0) {
		lk_msg_at(EX_DATAERR, file, 0, NULL, NULL, "no statuses");
		nbad++;
	}
	if (nbad == 0 && ninitial != 1) {
		lk_msg_at(EX_DATAERR, file, 0, "rules", NULL,
		    "exactly one status must be initial, %zu are", ninitial);
		nbad++;
	}
	if (nbad) {
		lk_catalog_free(c);
		return -1;
	}
	return 0;
}

void
lk_catalog_free(struct lk_catalog *c)
{
	struct lk_status *s;
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		s = &c->s[i];
		free(s->name);
		free(s->groups);
		free(s->title);
		free(s->follow_up_kind);
		free(s->follow_up_in);
		free(s->default_kind);
		free(s->min_age);
		free(s->duplicate_within);
	}
	free(c->s);
	memset(c, 0, sizeof(*c));
}

void
lk_status_rules(const struct lk_status *s, struct lk_buf *out)
{
	size_t	 start = out->len;

#define WORD(cond, ...) do { \
	if (cond) { \
		if (out->len > start) \
			lk_buf_addc(out, ' '); \
		lk_buf_addf(out, __VA_ARGS__); \
	} \
} while (0)
	WORD(s->initial, "initial");
	WORD(s->follow_up, "follow-up");
	WORD(s->follow_up_kind != NULL, "follow-up-kind=%s", s->follow_up_kind);
	WORD(s->follow_up_in != NULL, "follow-up-in=%s", s->follow_up_in);
	WORD(s->default_kind != NULL, "default-kind=%s", s->default_kind);
	WORD(s->never_dormant, "never-dormant");
	WORD(s->sold, "sold");
	WORD(s->excluded, "excluded");
	WORD(s->is_auto, "auto");
	WORD(s->min_age != NULL, "min-age=%s", s->min_age);
	WORD(s->min_attempts > 0, "min-attempts=%d", s->min_attempts);
	WORD(s->needs_visit, "needs-visit");
	WORD(s->duplicate_within != NULL, "duplicate-within=%s",
	    s->duplicate_within);
#undef WORD
	if (out->s == NULL)
		lk_buf_add(out, "", 0);
}

int
lk_catalog_find(const struct lk_catalog *c, const char *name,
    struct lk_buf *matches)
{
	char	*key, **names;
	size_t	 i, klen, n = 0;
	int	 found = -1;

	key = statuskey(name);
	klen = strlen(key);
	/* Both sides alike: a dealer may write "left_message" too. */
	names = lk_xcalloc(c->n + 1, sizeof(*names));
	for (i = 0; i < c->n; i++)
		names[i] = statuskey(c->s[i].name);
	for (i = 0; i < c->n && klen > 0; i++)
		if (strcmp(names[i], key) == 0) {
			found = (int)i;
			goto out;
		}
	for (i = 0; i < c->n && klen > 0; i++) {
		if (strncmp(names[i], key, klen) != 0)
			continue;
		if (matches != NULL)
			lk_buf_addf(matches, "%s%s", n > 0 ? ", " : "",
			    c->s[i].name);
		found = (int)i;
		n++;
	}
	if (n > 1)
		found = -2;
out:
	for (i = 0; i < c->n; i++)
		free(names[i]);
	free(names);
	free(key);
	return found;
}

int
lk_catalog_initial(const struct lk_catalog *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->s[i].initial)
			return (int)i;
	return -1;
}

int
lk_catalog_byid(const struct lk_catalog *c, int64_t id)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->s[i].id == id)
			return (int)i;
	return -1;
}

static void
kind_row(struct lk_tsv *t, void *arg)
{
	struct lk_kinds *k = arg;
	struct lk_kind *kd;
	const char *name, *flags;
	char	*copy, *tok, *save;

	name = lk_tsv_col(t, "kind");
	if (!isname(name)) {
		lk_tsv_bad(t, "kind", name, "not a kind name");
		return;
	}
	if (lk_kinds_find(k, name) != NULL) {
		lk_tsv_bad(t, "kind", name, "named twice");
		return;
	}
	k->k = lk_xreallocarray(k->k, k->n + 1, sizeof(*k->k));
	kd = &k->k[k->n++];
	memset(kd, 0, sizeof(*kd));
	kd->name = lk_xstrdup(name);
	kd->title = lk_xstrdup(lk_tsv_col(t, "title"));
	kd->done_by = lk_xstrdup(lk_tsv_col(t, "done-by"));
	flags = lk_tsv_col(t, "flags");
	copy = lk_xstrdup(flags);
	for (tok = strtok_r(copy, " ,", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,", &save)) {
		if (strcmp(tok, "appointment") == 0)
			kd->appointment = 1;
		else if (strcmp(tok, "default") == 0)
			kd->is_default = 1;
		else
			lk_tsv_bad(t, "flags", tok, "unknown flag");
	}
	free(copy);
}

int
lk_kinds_parse(const char *text, size_t len, const char *file,
    struct lk_kinds *k)
{
	static const char *const need[] = { "kind", "flags", "done-by",
	    "title", NULL };
	size_t	 i, ndef = 0;
	int	 nbad;

	memset(k, 0, sizeof(*k));
	nbad = lk_tsv_read(text, len, file, need, kind_row, k);
	for (i = 0; i < k->n; i++)
		ndef += k->k[i].is_default;
	if (nbad == 0 && ndef != 1) {
		lk_msg_at(EX_DATAERR, file, 0, "flags", NULL,
		    "exactly one kind must be the default, %zu are", ndef);
		nbad++;
	}
	if (nbad) {
		lk_kinds_free(k);
		return -1;
	}
	return 0;
}

void
lk_kinds_free(struct lk_kinds *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++) {
		free(k->k[i].name);
		free(k->k[i].title);
		free(k->k[i].done_by);
	}
	free(k->k);
	memset(k, 0, sizeof(*k));
}

const struct lk_kind *
lk_kinds_find(const struct lk_kinds *k, const char *name)
{
	size_t	 i;

	for (i = 0; i < k->n; i++)
		if (strcasecmp(k->k[i].name, name) == 0)
			return &k->k[i];
	return NULL;
}

const struct lk_kind *
lk_kinds_default(const struct lk_kinds *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++)
		if (k->k[i].is_default)
			return &k->k[i];
	return NULL;
}

static void
step_row(struct lk_tsv *t, void *arg)
{
	struct lk_cadence *c = arg;
	struct lk_step *s;
	const char *plan, *day, *kind;
	char	*end;
	long	 d;

	plan = lk_tsv_col(t, "plan");
	day = lk_tsv_col(t, "day");
	kind = lk_tsv_col(t, "kind");
	d = strtol(day, &end, 10);
	if (!isname(plan))
		lk_tsv_bad(t, "plan", plan, "not a plan name");
	else if (*day == '\0' || *end != '\0' || d < 1 || d > 3660)
		lk_tsv_bad(t, "day", day, "not a day (1-3660)");
	else if (!isname(kind))
		lk_tsv_bad(t, "kind", kind, "not a kind");
	else {
		c->s = lk_xreallocarray(c->s, c->n + 1, sizeof(*c->s));
		s = &c->s[c->n++];
		s->plan = lk_xstrdup(plan);
		s->day = (int)d;
		s->kind = lk_xstrdup(kind);
		s->note = lk_xstrdup(lk_tsv_col(t, "note"));
	}
}

int
lk_cadence_parse(const char *text, size_t len, const char *file,
    struct lk_cadence *c)
{
	static const char *const need[] = { "plan", "day", "kind", "note",
	    NULL };

	memset(c, 0, sizeof(*c));
	if (lk_tsv_read(text, len, file, need, step_row, c) != 0) {
		lk_cadence_free(c);
		return -1;
	}
	return 0;
}

void
lk_cadence_free(struct lk_cadence *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		free(c->s[i].plan);
		free(c->s[i].kind);
		free(c->s[i].note);
	}
	free(c->s);
	memset(c, 0, sizeof(*c));
}

int
lk_catalog_read(const char *path, struct lk_catalog *c)
{
	struct lk_buf text = LK_BUF_INIT;
	char	 chunk[8192];
	FILE	*fp;
	size_t	 n;
	int	 rc;

	memset(c, 0, sizeof(*c));
	if ((fp = fopen(path, "r")) == NULL) {
		rc = errno == EACCES || errno == EPERM ? EX_NOPERM :
		    EX_NOINPUT;
		lk_err(rc, "%s: %s", path, strerror(errno));
		return rc;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		lk_buf_add(&text, chunk, n);
	if (ferror(fp)) {
		lk_err(EX_IOERR, "%s: %s", path, strerror(errno));
		fclose(fp);
		lk_buf_free(&text);
		return EX_IOERR;
	}
	fclose(fp);
	/* A NUL would end the text early and drop the lines after it. */
	if (text.len > 0 && memchr(text.s, '\0', text.len) != NULL) {
		lk_msg_at(EX_DATAERR, path, 0, NULL, NULL, "a NUL byte: not "
		    "a catalog (tab-separated text)");
		lk_buf_free(&text);
		return EX_DATAERR;
	}
	rc = lk_catalog_parse(lk_buf_str(&text), text.len, path, c) == 0 ?
	    0 : EX_DATAERR;
	lk_buf_free(&text);
	return rc;
}

void
lk_catalog_list(const struct lk_catalog *c, struct lk_out *o)
{
	static const char *const names[] = { "id", "name", "groups", "rules",
	    "title" };
	struct lk_buf rules = LK_BUF_INIT;
	struct lk_val v[5];
	char	 id[24];
	size_t	 i;

	lk_out_begin(o, names, 5);
	for (i = 0; i < c->n; i++) {
		lk_buf_clear(&rules);
		lk_status_rules(&c->s[i], &rules);
		snprintf(id, sizeof(id), "%lld", (long long)c->s[i].id);
		v[0] = (struct lk_val){ LK_V_INT, id };
		v[1] = (struct lk_val){ LK_V_TEXT, c->s[i].name };
		v[2] = (struct lk_val){ LK_V_TEXT, c->s[i].groups };
		v[3] = (struct lk_val){ LK_V_TEXT, lk_buf_str(&rules) };
		v[4] = (struct lk_val){ LK_V_TEXT, c->s[i].title };
		lk_out_row(o, v);
	}
	lk_buf_free(&rules);
}

void
lk_kinds_list(const struct lk_kinds *k, struct lk_out *o)
{
	static const char *const names[] = { "kind", "flags", "done_by",
	    "title" };
	struct lk_val v[4];
	size_t	 i;

	lk_out_begin(o, names, 4);
	for (i = 0; i < k->n; i++) {
		v[0] = (struct lk_val){ LK_V_TEXT, k->k[i].name };
		v[1] = (struct lk_val){ LK_V_TEXT, k->k[i].appointment ?
		    (k->k[i].is_default ? "appointment default" :
		    "appointment") : k->k[i].is_default ? "default" : "" };
		v[2] = (struct lk_val){ LK_V_TEXT, k->k[i].done_by };
		v[3] = (struct lk_val){ LK_V_TEXT, k->k[i].title };
		lk_out_row(o, v);
	}
}

/*
 * lead: building one lead from whatever names its fields, the checks
 * every lead passes before it is stored, and its fingerprint.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "lead.h"
#include "norm.h"
#include "xmem.h"

const struct lk_field_info lk_fields[LK_F__COUNT] = {
	[LK_F_EXTERNAL_ID] = { "external_id", "the source's id for the lead" },
	[LK_F_SOURCE] = { "source", "lead source (site or campaign)" },
	[LK_F_ORIGIN] = { "origin", "internet, phone, walk-in or referral" },
	[LK_F_TYPE] = { "type", "lead type (new, used, ...)" },
	[LK_F_RECEIVED] = { "received", "when the inquiry arrived" },
	[LK_F_NAME] = { "name", "full name, split into first and last" },
	[LK_F_FIRST] = { "first_name", "first name" },
	[LK_F_MIDDLE] = { "middle_name", "middle name" },
	[LK_F_LAST] = { "last_name", "last name" },
	[LK_F_COMPANY] = { "company", "company" },
	[LK_F_EMAIL] = { "email", "e-mail address" },
	[LK_F_PHONE] = { "phone", "phone number" },
	[LK_F_STREET] = { "street", "street address" },
	[LK_F_CITY] = { "city", "city" },
	[LK_F_REGION] = { "region", "state or province" },
	[LK_F_POSTAL] = { "postal_code", "ZIP or postal code" },
	[LK_F_COUNTRY] = { "country", "country" },
	[LK_F_YEAR] = { "year", "vehicle year" },
	[LK_F_MAKE] = { "make", "vehicle make" },
	[LK_F_MODEL] = { "model", "vehicle model" },
	[LK_F_TRIM] = { "trim", "vehicle trim" },
	[LK_F_VIN] = { "vin", "vehicle VIN" },
	[LK_F_STOCK] = { "stock", "stock number" },
	[LK_F_PRICE] = { "price", "vehicle price" },
	[LK_F_ODOMETER] = { "odometer", "vehicle odometer" },
	[LK_F_COLOR] = { "color", "vehicle colour" },
	[LK_F_INTEREST] = { "interest", "buy, lease, ..." },
	[LK_F_TRADE_YEAR] = { "trade_year", "trade-in year" },
	[LK_F_TRADE_MAKE] = { "trade_make", "trade-in make" },
	[LK_F_TRADE_MODEL] = { "trade_model", "trade-in model" },
	[LK_F_TRADE_VIN] = { "trade_vin", "trade-in VIN" },
	[LK_F_TRADE_ODOMETER] = { "trade_odometer", "trade-in odometer" },
	[LK_F_COMMENTS] = { "comments", "the customer's comments" },
	[LK_F_VENDOR] = { "vendor", "the dealership it was sent to" },
};

int
lk_field_lookup(const char *name)
{
	int	 f;

	for (f = 0; f < LK_F__COUNT; f++)
		if (strcmp(lk_fields[f].name, name) == 0)
			return f;
	/* The column name of the received time reads as well. */
	if (strcmp(name, "received_at") == 0)
		return LK_F_RECEIVED;
	return -1;
}

void
lk_lead_reset(struct lk_lead *l, struct lk_arena *a)
{
	struct lk_buf extra;

	extra = l->extra;
	lk_buf_clear(&extra);
	memset(l, 0, sizeof(*l));
	l->arena = a;
	l->extra = extra;
}

void
lk_lead_free(struct lk_lead *l)
{
	lk_buf_free(&l->extra);
}

/* Grow an arena array of n used, *cap allocated elements of size. */
static void *
agrow(struct lk_arena *a, void *p, size_t n, size_t *cap, size_t size)
{
	void	*q;

	if (n < *cap)
		return p;
	*cap = *cap == 0 ? 4 : *cap * 2;
	q = lk_arena_alloc(a, *cap * size);
	if (n > 0)
		memcpy(q, p, n * size);
	return q;
}

void
lk_lead_issue(struct lk_lead *l, int error, const char *field,
    const char *value, const char *reason)
{
	struct lk_issue *i;

	l->issues = agrow(l->arena, l->issues, l->nissues, &l->cissues,
	    sizeof(*l->issues));
	i = &l->issues[l->nissues++];
	i->error = error;
	i->field = field == NULL ? NULL : lk_arena_strdup(l->arena, field);
	i->value = value == NULL ? NULL : lk_arena_strdup(l->arena, value);
	i->reason = lk_arena_strdup(l->arena, reason);
	if (error)
		l->nerrors++;
}

void
lk_lead_extra(struct lk_lead *l, const char *key, const char *s, size_t len)
{
	len = lk_trim(&s, len);
	if (len == 0)
		return;
	lk_buf_addc(&l->extra, l->extra.len == 0 ? '{' : ',');
	lk_json_str(&l->extra, key, strlen(key));
	lk_buf_addc(&l->extra, ':');
	lk_json_str(&l->extra, s, len);
}

void
lk_lead_set(struct lk_lead *l, enum lk_field f, const char *col,
    const char *label, const char *s, size_t len)
{
	struct lk_contact *c;
	const char *v;

	len = lk_trim(&s, len);
	if (len == 0)
		return;
	if (f == LK_F_EMAIL || f == LK_F_PHONE) {
		l->contacts = agrow(l->arena, l->contacts, l->ncontacts,
		    &l->ccontacts, sizeof(*l->contacts));
		c = &l->contacts[l->ncontacts++];
		c->phone = f == LK_F_PHONE;
		c->label = label;
		c->col = col;
		c->value = lk_arena_strndup(l->arena, s, len);
		c->norm = NULL;
		return;
	}
	if ((v = l->v[f]) != NULL) {
		/* Two columns for one field: the first wins, a different
		 * second is kept, so nothing the file said is lost. */
		if (strlen(v) != len || memcmp(v, s, len) != 0)
			lk_lead_extra(l, col != NULL ? col : lk_fields[f].name,
			    s, len);
		return;
	}
	l->v[f] = lk_arena_strndup(l->arena, s, len);
	l->col[f] = col;
}

const char *
lk_origin_canon(const char *s)
{
	static const struct {
		const char *key, *origin;
	} names[] = {
		{ "internet", "internet" }, { "web", "internet" },
		{ "online", "internet" }, { "website", "internet" },
		{ "email", "internet" }, { "phone", "phone" },
		{ "phonecall", "phone" }, { "phoneup", "phone" },
		{ "telephone", "phone" }, { "call", "phone" },
		{ "walkin", "walk-in" }, { "showroom", "walk-in" },
		{ "freshup", "walk-in" }, { "referral", "referral" },
		{ "referred", "referral" },
	};
	struct lk_buf key = LK_BUF_INIT;
	const char *o = NULL;
	size_t	 i;

	lk_key_fold(s, &key);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(lk_buf_str(&key), names[i].key) == 0)
			o = names[i].origin;
	lk_buf_free(&key);
	return o;
}

/* 64-bit FNV-1a: fast, and collisions are checked by the caller. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n-- > 0) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
lk_hash(const void *p, size_t n)
{
	return fnv(0xcbf29ce484222325ULL, p, n);
}

static uint64_t
fnv_str(uint64_t h, int tag, const char *s)
{
	unsigned char t = (unsigned char)tag;

	h = fnv(h, &t, 1);
	return s == NULL ? h : fnv(h, s, strlen(s) + 1);
}

/*
 * The same source and external id, or else the same content as
 * written, is the same lead: a dump imported twice adds nothing.
 */
uint64_t
lk_lead_fingerprint(const struct lk_lead *l)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t	 i;
	int	 f;

	if (l->v[LK_F_EXTERNAL_ID] != NULL) {
		h = fnv_str(h, 'x', l->v[LK_F_SOURCE]);
		return fnv_str(h, 'x', l->v[LK_F_EXTERNAL_ID]);
	}
	for (f = 0; f < LK_F__COUNT; f++)
		h = fnv_str(h, f, l->v[f]);
	for (i = 0; i < l->ncontacts; i++)
		h = fnv_str(h, l->contacts[i].phone ? 'p' : 'e',
		    l->contacts[i].value);
	return fnv_str(h, 'j', lk_buf_str(&l->extra));
}

/* Normalise the contacts and choose the primary e-mail and phone. */
static void
finish_contacts(struct lk_lead *l, int strict)
{
	struct lk_buf b = LK_BUF_INIT;
	struct lk_contact *c;
	const char *field;
	size_t	 i;
	int	 ok;

	for (i = 0; i < l->ncontacts; i++) {
		c = &l->contacts[i];
		lk_buf_clear(&b);
		ok = c->phone ? lk_phone_e164(c->value, &b) :
		    lk_email_norm(c->value, &b);
		if (ok)
			c->norm = lk_arena_strndup(l->arena, b.s, b.len);
		else {
			field = c->col != NULL ? c->col :
			    c->phone ? "phone" : "email";
			if (strict)
				lk_lead_issue(l, 1, field, c->value, c->phone ?
				    "not a phone number" :
				    "not an e-mail address");
			else
				lk_lead_issue(l, 0, field, c->value, c->phone ?
				    "not a phone number (kept as written)" :
				    "not an e-mail address (kept as written)");
		}
		/* The first usable one is the primary; else the first. */
		if (c->phone) {
			if (l->phone == NULL ||
			    (l->phone_e164 == NULL && c->norm != NULL)) {
				l->phone = c->value;
				l->phone_e164 = c->norm;
			}
		} else if (l->email == NULL ||
		    (l->email_norm == NULL && c->norm != NULL)) {
			l->email = c->value;
			l->email_norm = c->norm;
		}
	}
	lk_buf_free(&b);
}

/* A full name fills first and last when they are empty; else, when it
 * says something they do not, it is kept as an extra. */
static void
finish_name(struct lk_lead *l)
{
	struct lk_buf full = LK_BUF_INIT, parts = LK_BUF_INIT, s = LK_BUF_INIT;
	const char *name = l->v[LK_F_NAME];
	size_t	 fo, fl, lo, ll;

	if (name == NULL)
		return;
	if (l->v[LK_F_FIRST] == NULL && l->v[LK_F_LAST] == NULL) {
		lk_name_split(name, strlen(name), &fo, &fl, &lo, &ll);
		if (fl > 0)
			l->v[LK_F_FIRST] = lk_arena_strndup(l->arena,
			    name + fo, fl);
		if (ll > 0)
			l->v[LK_F_LAST] = lk_arena_strndup(l->arena,
			    name + lo, ll);
		return;
	}
	lk_fold(name, &full);
	if (l->v[LK_F_FIRST] != NULL)
		lk_buf_addf(&s, "%s ", l->v[LK_F_FIRST]);
	if (l->v[LK_F_MIDDLE] != NULL)
		lk_buf_addf(&s, "%s ", l->v[LK_F_MIDDLE]);
	if (l->v[LK_F_LAST] != NULL)
		lk_buf_adds(&s, l->v[LK_F_LAST]);
	lk_fold(lk_buf_str(&s), &parts);
	if (strcmp(lk_buf_str(&full), lk_buf_str(&parts)) != 0) {
		lk_buf_clear(&s);
		if (l->v[LK_F_FIRST] != NULL)
			lk_buf_addf(&s, "%s ", l->v[LK_F_FIRST]);
		if (l->v[LK_F_LAST] != NULL)
			lk_buf_adds(&s, l->v[LK_F_LAST]);
		lk_buf_clear(&parts);
		lk_fold(lk_buf_str(&s), &parts);
		if (strcmp(lk_buf_str(&full), lk_buf_str(&parts)) != 0)
			lk_lead_extra(l, l->col[LK_F_NAME] != NULL ?
			    l->col[LK_F_NAME] : "name", name, strlen(name));
	}
	lk_buf_free(&full);
	lk_buf_free(&parts);
	lk_buf_free(&s);
}

size_t
lk_lead_finish(struct lk_lead *l, int strict)
{
	const char *o;

	finish_name(l);
	finish_contacts(l, strict);
	if (l->v[LK_F_ORIGIN] != NULL) {
		if ((o = lk_origin_canon(l->v[LK_F_ORIGIN])) == NULL)
			lk_lead_issue(l, 1, l->col[LK_F_ORIGIN] != NULL ?
			    l->col[LK_F_ORIGIN] : "origin", l->v[LK_F_ORIGIN],
			    "not an origin (internet, phone, walk-in, referral)");
		l->origin = o;
	}
	/* Someone to reach: by name, company, e-mail, phone, or letter. */
	if (l->v[LK_F_FIRST] == NULL && l->v[LK_F_LAST] == NULL &&
	    l->v[LK_F_COMPANY] == NULL && l->ncontacts == 0 &&
	    l->v[LK_F_STREET] == NULL)
		lk_lead_issue(l, 1, NULL, NULL, "no customer: no name, "
		    "company, e-mail, phone or address");
	if (l->extra.len > 0 && l->extra.s[l->extra.len - 1] != '}')
		lk_buf_addc(&l->extra, '}');
	l->fingerprint = lk_lead_fingerprint(l);
	return l->nerrors;
}

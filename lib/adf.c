/*
 * adf: ADF documents into leads.  Three stages: the bytes become UTF-8
 * (to_utf8), each document is cut out of the text around it and mended
 * where senders go wrong in ways libxml2's recovery reads badly (mend),
 * and each <prospect> of the parsed tree is mapped to a lead (prospect),
 * marking the nodes it uses so everything else becomes an extra (rest).
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "adf.h"
#include "clock.h"
#include "lead.h"
#include "norm.h"
#include "xmem.h"

/* A node a lead field took: node->_private is this. */
static char used_mark;
#define USED(n)		((n)->_private = &used_mark)
#define IS_USED(n)	((n)->_private == &used_mark)

struct ctx {
	struct lk_lead *l;
	struct lk_arena *a;
	struct lk_buf path;		/* scratch */
	long	 budget;		/* elements rest() may still visit */
};

/*
 * A prospect's extras stop after this many elements: finding an
 * element's place costs a look at its siblings, and a hostile document
 * could have a million.  The document itself is kept whole.
 */
#define EXTRA_ELEMENTS	2000
#define MORE	"more elements than the extras keep: see the document"

/* --- bytes to UTF-8 ------------------------------------------------ */

/* iconv s[0..len) from charset into out; 0, or -1 if it is not that. */
static int
conv(const char *from, const char *s, size_t len, struct lk_buf *out)
{
	iconv_t	 cd;
	char	 chunk[4096], *ip = (char *)s, *op;
	size_t	 il = len, ol, r;
	int	 rc = 0;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -1;
	lk_buf_clear(out);
	while (il > 0) {
		op = chunk;
		ol = sizeof(chunk);
		r = iconv(cd, &ip, &il, &op, &ol);
		lk_buf_add(out, chunk, (size_t)(op - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			rc = -1;
			break;
		}
	}
	iconv_close(cd);
	return rc;
}

/* The encoding an XML declaration at the start of s names, or NULL. */
static char *
declared(const char *s, size_t len)
{
	const char *p, *e, *end = s + (len < 256 ? len : 256);
	char	 q;

	if ((p = memmem(s, (size_t)(end - s), "encoding", 8)) == NULL)
		return NULL;
	for (p += 8; p < end && (*p == ' ' || *p == '='); p++)
		continue;
	if (p >= end || (*p != '"' && *p != '\''))
		return NULL;
	q = *p++;
	for (e = p; e < end && *e != q && e - p < 40; e++)
		continue;
	return e < end && *e == q && e > p ? lk_xstrndup(p, (size_t)(e - p)) :
	    NULL;
}

static int
utf8ish(const char *cs)
{
	return cs == NULL || strcasecmp(cs, "utf-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0 || strcasecmp(cs, "us-ascii") == 0 ||
	    strcasecmp(cs, "ascii") == 0;
}

/*
 * s[0..len) as UTF-8 in out: a byte-order mark decides, then bytes that
 * are valid UTF-8 are UTF-8 (senders declare ISO-8859-1 and send UTF-8,
 * and the other way round), then the container's charset, then the
 * declaration, then windows-1252, what a US PC writes.
 */
static void
to_utf8(const char *s, size_t len, const char *charset, struct lk_buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	char	*decl = NULL;
	const char *from;

	lk_buf_clear(out);
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		s += 3;
		len -= 3;
	} else if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == '<' && u[1] == 0)) && conv("UTF-16LE", s, len, out) == 0)
		return;
	else if (len >= 2 && ((u[0] == 0xfe && u[1] == 0xff) ||
	    (u[0] == 0 && u[1] == '<')) && conv("UTF-16BE", s, len, out) == 0)
		return;
	if (lk_utf8_check(s, len) == (size_t)-1) {
		lk_buf_add(out, s, len);
		return;
	}
	from = !utf8ish(charset) ? charset : NULL;
	if (from == NULL && (decl = declared(s, len)) != NULL &&
	    !utf8ish(decl) && strncasecmp(decl, "utf-16", 6) != 0)
		from = decl;
	if (from == NULL || conv(from, s, len, out) != 0)
		if (conv("WINDOWS-1252", s, len, out) != 0)
			conv("ISO-8859-1", s, len, out);
	free(decl);
}

/* --- finding and mending the documents ------------------------------ */

/*
 * Is p (before end) the tag <name or </name (closing), with or without
 * a namespace prefix, name in any case?
 */
static int
tag_at(const char *p, const char *end, const char *name, int closing)
{
	const char *q = p + 1, *n;
	size_t	 nl = strlen(name);

	if (closing) {
		if (q >= end || *q != '/')
			return 0;
		q++;
	}
	/* an optional prefix: letters and digits up to a colon */
	for (n = q; n < end && n - q < 32 && (isalnum((unsigned char)*n) ||
	    *n == '_' || *n == '-' || *n == '.'); n++)
		continue;
	if (n < end && *n == ':')
		q = n + 1;
	if ((size_t)(end - q) < nl + 1 || strncasecmp(q, name, nl) != 0)
		return 0;
	q += nl;
	return *q == '>' || *q == '/' || *q == ' ' || *q == '\t' ||
	    *q == '\r' || *q == '\n';
}

/* The first tag <name (or </name) in [p, end), or NULL. */
static const char *
tag_find(const char *p, const char *end, const char *name, int closing)
{
	for (; p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL;
	    p++)
		if (tag_at(p, end, name, closing))
			return p;
	return NULL;
}

/* The end of the tag </name...> at p. */
static const char *
tag_end(const char *p, const char *end)
{
	const char *q = memchr(p, '>', (size_t)(end - p));

	return q != NULL ? q + 1 : end;
}

static void
put_utf8(struct lk_buf *b, unsigned long c)
{
	if (c < 0x80)
		lk_buf_addc(b, (int)c);
	else if (c < 0x800) {
		lk_buf_addc(b, (int)(0xc0 | (c >> 6)));
		lk_buf_addc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		lk_buf_addc(b, (int)(0xe0 | (c >> 12)));
		lk_buf_addc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		lk_buf_addc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		lk_buf_addc(b, (int)(0xf0 | (c >> 18)));
		lk_buf_addc(b, (int)(0x80 | ((c >> 12) & 0x3f)));
		lk_buf_addc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		lk_buf_addc(b, (int)(0x80 | (c & 0x3f)));
	}
}

static int
xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 &&
	    c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	    (c >= 0x10000 && c <= 0x10ffff);
}

/*
 * An entity at p ('&'): append what it means to b and return its
 * length, or 0 when it is not one (a bare ampersand).  XML's own and
 * character references stay as written; HTML's (&nbsp; &eacute;) become
 * the character, from libxml2's HTML table.
 */
static size_t
entity(const char *p, const char *end, struct lk_buf *b)
{
	const htmlEntityDesc *d;
	const char *q;
	char	 name[40];
	unsigned long c = 0;
	size_t	 n;

	if (p + 1 < end && p[1] == '#') {
		q = p + 2;
		if (q < end && (*q == 'x' || *q == 'X'))
			for (q++; q < end && isxdigit((unsigned char)*q) &&
			    c <= 0x10ffff; q++)
				c = c * 16 + (unsigned long)(isdigit(
				    (unsigned char)*q) ? *q - '0' :
				    (*q | 0x20) - 'a' + 10);
		else
			for (; q < end && isdigit((unsigned char)*q) &&
			    c <= 0x10ffff; q++)
				c = c * 10 + (unsigned long)(*q - '0');
		if (q >= end || *q != ';' || q == p + 2)
			return 0;
		if (xml_char(c))
			lk_buf_add(b, p, (size_t)(q + 1 - p));
		else
			lk_buf_adds(b, "\xef\xbf\xbd");
		return (size_t)(q + 1 - p);
	}
	for (q = p + 1; q < end && q - p < 33 && isalnum((unsigned char)*q);
	    q++)
		continue;
	if (q >= end || *q != ';' || q == p + 1)
		return 0;
	n = (size_t)(q - p - 1);
	memcpy(name, p + 1, n);
	name[n] = '\0';
	if (strcmp(name, "lt") == 0 || strcmp(name, "gt") == 0 ||
	    strcmp(name, "amp") == 0 || strcmp(name, "quot") == 0 ||
	    strcmp(name, "apos") == 0)
		lk_buf_add(b, p, n + 2);
	else if ((d = htmlEntityLookup((const xmlChar *)name)) != NULL)
		put_utf8(b, d->value);
	else
		return 0;
	return n + 2;
}

/*
 * Copy the document text[0..len) into b, mended: a bare & escaped, HTML
 * entities resolved, characters XML forbids shown as U+FFFD, and in tags
 * curly quotes made straight and unquoted attribute values quoted.
 */
static void
mend(const char *s, size_t len, struct lk_buf *b)
{
	const char *p = s, *end = s + len;
	size_t	 n;
	int	 in_tag = 0, quote = 0, unquoted = 0;

	while (p < end) {
		unsigned char c = (unsigned char)*p;

		if (in_tag && !quote && (end - p >= 3) && c == 0xe2 &&
		    (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] ==
		    0x9c || (unsigned char)p[2] == 0x9d)) {
			/* “ and ” where a quote belongs */
			if (unquoted) {
				lk_buf_addc(b, '"');
				unquoted = 0;
			} else {
				lk_buf_addc(b, '"');
				quote = -1;	/* closed by a curly one */
			}
			p += 3;
			continue;
		}
		if (quote == -1 && end - p >= 3 && c == 0xe2 &&
		    (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] ==
		    0x9c || (unsigned char)p[2] == 0x9d)) {
			lk_buf_addc(b, '"');
			quote = 0;
			p += 3;
			continue;
		}
		if (unquoted && (c == ' ' || c == '\t' || c == '\r' ||
		    c == '\n' || c == '>' || (c == '/' && p + 1 < end &&
		    p[1] == '>'))) {
			lk_buf_addc(b, '"');
			unquoted = 0;
		}
		if (c == '&') {
			if ((n = entity(p, end, b)) == 0) {
				lk_buf_adds(b, "&amp;");
				n = 1;
			}
			p += n;
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			lk_buf_adds(b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (in_tag) {
			if (quote > 0 && c == quote)
				quote = 0;
			else if (quote == 0 && !unquoted &&
			    (c == '"' || c == '\''))
				quote = c;
			else if (quote == 0 && !unquoted && c == '>')
				in_tag = 0;
			else if (quote == 0 && !unquoted && c == '=') {
				lk_buf_addc(b, '=');
				for (p++; p < end && (*p == ' ' || *p == '\t');
				    p++)
					continue;
				if (p < end && *p != '"' && *p != '\'' &&
				    *p != '>' && !((unsigned char)*p == 0xe2)) {
					lk_buf_addc(b, '"');
					unquoted = 1;
				}
				continue;
			}
		} else if (c == '<' && p + 1 < end &&
		    (isalpha((unsigned char)p[1]) || p[1] == '/' ||
		    p[1] == '?' || p[1] == '_'))
			in_tag = 1;
		else if (c == '<' && p + 3 < end && memcmp(p, "<!--", 4) == 0) {
			/* a comment goes through whole */
			const char *e = memmem(p, (size_t)(end - p), "-->", 3);

			n = e != NULL ? (size_t)(e + 3 - p) : (size_t)(end - p);
			lk_buf_add(b, p, n);
			p += n;
			continue;
		} else if (c == '<' && p + 8 < end &&
		    memcmp(p, "<![CDATA[", 9) == 0) {
			const char *e = memmem(p, (size_t)(end - p), "]]>", 3);

			n = e != NULL ? (size_t)(e + 3 - p) : (size_t)(end - p);
			lk_buf_add(b, p, n);
			p += n;
			continue;
		} else if (c == '<') {
			/* a lone '<' in text ("under < 30k") */
			lk_buf_adds(b, "&lt;");
			p++;
			continue;
		}
		lk_buf_addc(b, (int)(unsigned char)*p);
		p++;
	}
	if (unquoted)
		lk_buf_addc(b, '"');
}

/* --- the tree --------------------------------------------------------- */

/* The element's name without a prefix libxml2 left on it. */
static const char *
local(const xmlNode *n)
{
	const char *s = (const char *)n->name, *c = strrchr(s, ':');

	return c != NULL ? c + 1 : s;
}

static int
is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcasecmp(local(n), name) == 0;
}

static xmlNode *
next_elem(xmlNode *n)
{
	for (; n != NULL && n->type != XML_ELEMENT_NODE; n = n->next)
		continue;
	return n;
}

#define FOR_ELEMS(c, n) \
	for ((c) = next_elem((n)->children); (c) != NULL; \
	    (c) = next_elem((c)->next))

static xmlNode *
child(xmlNode *n, const char *name)
{
	xmlNode *c;

	FOR_ELEMS(c, n)
		if (is(c, name))
			return c;
	return NULL;
}

/* The value of n's attribute name (any case), marked used if use. */
static const char *
attr(xmlNode *n, const char *name, int use)
{
	xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0 &&
		    a->children != NULL && a->children->content != NULL) {
			if (use)
				USED(a);
			return (const char *)a->children->content;
		}
	return NULL;
}

/*
 * n's text (all of it), in the arena; "" when none.  Text over several
 * lines loses the indentation the XML around it gave each line.
 */
static const char *
text(struct ctx *c, xmlNode *n)
{
	struct lk_buf b = LK_BUF_INIT;
	xmlChar *x = xmlNodeGetContent(n);
	const char *s = x != NULL ? (const char *)x : "", *e, *line;
	char	*t;
	size_t	 len;

	if (strchr(s, '\n') == NULL)
		t = lk_arena_strdup(c->a, s);
	else {
		for (; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
			e = s + strcspn(s, "\n");
			line = s;
			if ((len = lk_trim(&line, (size_t)(e - s))) == 0 &&
			    b.len == 0)
				continue;
			if (b.len > 0)
				lk_buf_addc(&b, '\n');
			lk_buf_add(&b, line, len);
		}
		t = lk_arena_strndup(c->a, b.s != NULL ? b.s : "", b.len);
	}
	lk_buf_free(&b);
	xmlFree(x);
	return t;
}

static int
empty(const char *s)
{
	return lk_trim(&s, strlen(s)) == 0;
}

/* Where n is below the prospect: "customer.contact.phone[2]". */
static const char *
where(struct ctx *c, xmlNode *n)
{
	const xmlNode *v[64], *s;
	size_t	 k = 0, same, nth;

	for (; n != NULL && n->type == XML_ELEMENT_NODE &&
	    !is(n, "prospect") && k < 64; n = n->parent)
		v[k++] = n;
	lk_buf_clear(&c->path);
	while (k-- > 0) {
		/* Names are interned in the document's dictionary: the
		 * same name is the same pointer. */
		nth = 1;
		for (s = v[k]->prev; s != NULL; s = s->prev)
			if (s->type == XML_ELEMENT_NODE && s->name ==
			    v[k]->name)
				nth++;
		for (s = v[k]->next, same = nth > 1; s != NULL && !same;
		    s = s->next)
			same = s->type == XML_ELEMENT_NODE && s->name ==
			    v[k]->name;
		if (c->path.len > 0)
			lk_buf_addc(&c->path, '.');
		lk_buf_adds(&c->path, local(v[k]));
		if (same)
			lk_buf_addf(&c->path, "[%zu]", nth);
	}
	return lk_arena_strdup(c->a, c->path.len > 0 ? c->path.s : "prospect");
}

/* Field f from element n (its text), n marked used; label for contacts. */
static int
set(struct ctx *c, enum lk_field f, xmlNode *n, const char *label)
{
	const char *s;

	if (n == NULL)
		return 0;
	USED(n);
	s = text(c, n);
	if (empty(s))
		return 0;
	lk_lead_set(c->l, f, where(c, n), label, s, strlen(s));
	return 1;
}

/*
 * Whatever no field took, as extras under its place: attributes as
 * "place@name", texts under their element's place.
 */
static void
rest(struct ctx *c, xmlNode *n)
{
	struct lk_buf key = LK_BUF_INIT;
	xmlNode *k;
	xmlAttr *a;
	int	 elems = 0;

	for (a = n->properties; a != NULL; a = a->next) {
		if (IS_USED(a) || a->children == NULL ||
		    a->children->content == NULL)
			continue;
		lk_buf_clear(&key);
		lk_buf_addf(&key, "%s@%s", where(c, n), (const char *)a->name);
		lk_lead_extra(c->l, key.s, (const char *)a->children->content,
		    strlen((const char *)a->children->content));
	}
	FOR_ELEMS(k, n) {
		elems = 1;
		if (c->budget-- == 0)
			lk_lead_extra(c->l, "...", MORE, sizeof(MORE) - 1);
		if (c->budget >= 0)
			rest(c, k);
	}
	if (!IS_USED(n) && !is(n, "prospect")) {
		if (!elems) {
			const char *s = text(c, n);

			lk_lead_extra(c->l, where(c, n), s, strlen(s));
		} else
			for (k = n->children; k != NULL; k = k->next)
				if (k->type == XML_TEXT_NODE &&
				    k->content != NULL) {
					lk_buf_clear(&key);
					lk_buf_addf(&key, "%s#text",
					    where(c, n));
					lk_lead_extra(c->l, key.s,
					    (const char *)k->content,
					    strlen((const char *)k->content));
				}
	}
	lk_buf_free(&key);
}

/* --- a prospect ------------------------------------------------------- */

static int
interest_trade(xmlNode *v)
{
	const char *i = attr(v, "interest", 0);

	return i != NULL && (strcasecmp(i, "trade-in") == 0 ||
	    strcasecmp(i, "tradein") == 0 || strcasecmp(i, "trade") == 0 ||
	    strcasecmp(i, "sell") == 0);
}

static void
vehicle(struct ctx *c, xmlNode *v)
{
	xmlNode *k, *color = NULL;
	const char *pref;

	set(c, LK_F_YEAR, child(v, "year"), NULL);
	set(c, LK_F_MAKE, child(v, "make"), NULL);
	set(c, LK_F_MODEL, child(v, "model"), NULL);
	set(c, LK_F_TRIM, child(v, "trim"), NULL);
	set(c, LK_F_VIN, child(v, "vin"), NULL);
	set(c, LK_F_STOCK, child(v, "stock"), NULL);
	set(c, LK_F_PRICE, child(v, "price"), NULL);
	set(c, LK_F_ODOMETER, child(v, "odometer"), NULL);
	if (c->l->v[LK_F_TYPE] == NULL && attr(v, "status", 0) != NULL) {
		lk_lead_set(c->l, LK_F_TYPE, "vehicle@status", NULL,
		    attr(v, "status", 1), strlen(attr(v, "status", 0)));
	}
	if (attr(v, "interest", 0) != NULL)
		lk_lead_set(c->l, LK_F_INTEREST, "vehicle@interest", NULL,
		    attr(v, "interest", 1), strlen(attr(v, "interest", 0)));
	/* The colour: the first preference, else the first given. */
	FOR_ELEMS(k, v)
		if (is(k, "colorcombination") && child(k, "exteriorcolor")) {
			pref = (child(k, "preference") != NULL) ?
			    text(c, child(k, "preference")) : NULL;
			if (color == NULL || (pref != NULL &&
			    strcmp(pref, "1") == 0))
				color = k;
		}
	if (color != NULL)
		set(c, LK_F_COLOR, child(color, "exteriorcolor"), NULL);
}

static void
trade(struct ctx *c, xmlNode *v)
{
	set(c, LK_F_TRADE_YEAR, child(v, "year"), NULL);
	set(c, LK_F_TRADE_MAKE, child(v, "make"), NULL);
	set(c, LK_F_TRADE_MODEL, child(v, "model"), NULL);
	set(c, LK_F_TRADE_VIN, child(v, "vin"), NULL);
	set(c, LK_F_TRADE_ODOMETER, child(v, "odometer"), NULL);
}

/* A phone's label: "mobile, evening". */
static const char *
phone_label(struct ctx *c, xmlNode *p)
{
	const char *type = attr(p, "type", 1), *time = attr(p, "time", 1);
	struct lk_buf b = LK_BUF_INIT;
	const char *s;

	if (type != NULL && (strcasecmp(type, "cellphone") == 0 ||
	    strcasecmp(type, "cell") == 0 || strcasecmp(type, "mobile") == 0))
		type = "mobile";
	else if (type != NULL && (strcasecmp(type, "voice") == 0 ||
	    strcasecmp(type, "phone") == 0 || empty(type)))
		type = NULL;
	if (time != NULL && (strcasecmp(time, "nopreference") == 0 ||
	    empty(time)))
		time = NULL;
	if (type == NULL && time == NULL)
		return NULL;
	lk_buf_addf(&b, "%s%s%s", type != NULL ? type : "",
	    type != NULL && time != NULL ? ", " : "", time != NULL ? time : "");
	s = lk_arena_strdup(c->a, b.s);
	lk_buf_free(&b);
	return s;
}

/* The order contacts go in: the preferred first, faxes and pagers
 * last, so the primary phone is one a salesperson can call. */
static int
contact_rank(xmlNode *n)
{
	const char *p = attr(n, "preferredcontact", 0), *t;

	if (p != NULL && strcmp(p, "1") == 0) {
		attr(n, "preferredcontact", 1);
		return 0;
	}
	if (p != NULL && strcmp(p, "0") == 0)
		attr(n, "preferredcontact", 1);
	t = attr(n, "type", 0);
	if (is(n, "phone") && t != NULL && (strcasecmp(t, "fax") == 0 ||
	    strcasecmp(t, "pager") == 0))
		return 2;
	return 1;
}

static void
address(struct ctx *c, xmlNode *a)
{
	struct lk_buf b = LK_BUF_INIT;
	xmlNode *k;
	const char *s;
	size_t	 n;

	FOR_ELEMS(k, a)
		if (is(k, "street") || is(k, "apartment")) {
			USED(k);
			if (is(k, "street"))
				attr(k, "line", 1);
			s = text(c, k);
			if ((n = lk_trim(&s, strlen(s))) == 0)
				continue;
			if (b.len > 0)
				lk_buf_adds(&b, ", ");
			lk_buf_add(&b, s, n);
		}
	if (b.len > 0)
		lk_lead_set(c->l, LK_F_STREET, "address.street", NULL, b.s,
		    b.len);
	lk_buf_free(&b);
	set(c, LK_F_CITY, child(a, "city"), NULL);
	set(c, LK_F_REGION, child(a, "regioncode"), NULL);
	set(c, LK_F_POSTAL, child(a, "postalcode"), NULL);
	set(c, LK_F_COUNTRY, child(a, "country"), NULL);
}

static void
contact(struct ctx *c, xmlNode *ct)
{
	xmlNode *k;
	const char *part, *type;
	int	 rank;

	FOR_ELEMS(k, ct) {
		if (!is(k, "name"))
			continue;
		part = attr(k, "part", 1);
		type = attr(k, "type", 0);
		/* type="full" where the DTD says part */
		if (part == NULL && type != NULL && (strcasecmp(type, "full") ==
		    0 || strcasecmp(type, "first") == 0 || strcasecmp(type,
		    "last") == 0 || strcasecmp(type, "middle") == 0)) {
			part = attr(k, "type", 1);
			type = NULL;
		}
		if (type != NULL && strcasecmp(type, "business") == 0 &&
		    (part == NULL || strcasecmp(part, "full") == 0)) {
			attr(k, "type", 1);
			set(c, LK_F_COMPANY, k, NULL);
			continue;
		}
		if (type != NULL && strcasecmp(type, "individual") == 0)
			attr(k, "type", 1);
		if (part == NULL || strcasecmp(part, "full") == 0)
			set(c, LK_F_NAME, k, NULL);
		else if (strcasecmp(part, "first") == 0)
			set(c, LK_F_FIRST, k, NULL);
		else if (strcasecmp(part, "middle") == 0)
			set(c, LK_F_MIDDLE, k, NULL);
		else if (strcasecmp(part, "last") == 0)
			set(c, LK_F_LAST, k, NULL);
	}
	for (rank = 0; rank < 3; rank++)
		FOR_ELEMS(k, ct) {
			if ((is(k, "email") || is(k, "phone")) &&
			    contact_rank(k) == rank)
				set(c, is(k, "email") ? LK_F_EMAIL : LK_F_PHONE,
				    k, is(k, "phone") ? phone_label(c, k) :
				    NULL);
		}
	if ((k = child(ct, "address")) != NULL)
		address(c, k);
}

/* The requestdate as the lead's received time; an unreadable one is
 * kept as written and the lead arrives now, with a warning. */
static void
requestdate(struct ctx *c, xmlNode *n)
{
	unsigned flags;
	time_t	 t;
	const char *s;

	if (!set(c, LK_F_RECEIVED, n, NULL))
		return;
	s = c->l->v[LK_F_RECEIVED];
	if (lk_date_parse(s, LK_DORDER_ANY, &t, &flags) == 0 &&
	    !(flags & LK_DATE_AMBIGUOUS)) {
		c->l->received = t;
		c->l->has_received = 1;
		return;
	}
	if (lk_date_parse(s, LK_DORDER_MDY, &t, &flags) == 0) {
		c->l->received = t;
		c->l->has_received = 1;
		c->l->received_raw = s;
		lk_lead_issue(c->l, 0, "requestdate", s, "ambiguous date, "
		    "read month first");
		return;
	}
	lk_lead_extra(c->l, "requestdate", s, strlen(s));
	lk_lead_issue(c->l, 0, "requestdate", s, "not a date (the lead "
	    "counts as received now)");
}

static void
prospect(struct ctx *c, xmlNode *p)
{
	xmlNode *k, *want = NULL, *tradein = NULL, *cust, *ct, *id = NULL;
	const char *src;

	FOR_ELEMS(k, p) {
		if (is(k, "id") && id == NULL &&
		    set(c, LK_F_EXTERNAL_ID, k, NULL))
			id = k;
		else if (is(k, "requestdate") &&
		    c->l->v[LK_F_RECEIVED] == NULL)
			requestdate(c, k);
		else if (is(k, "vehicle") && interest_trade(k)) {
			if (tradein == NULL)
				tradein = k;
		} else if (is(k, "vehicle") && want == NULL)
			want = k;
	}
	if (want != NULL)
		vehicle(c, want);
	if (tradein != NULL)
		trade(c, tradein);
	if ((cust = child(p, "customer")) != NULL) {
		if ((ct = child(cust, "contact")) != NULL)
			contact(c, ct);
		set(c, LK_F_COMMENTS, child(cust, "comments"), NULL);
	}
	if ((k = child(p, "vendor")) != NULL &&
	    !set(c, LK_F_VENDOR, child(k, "vendorname"), NULL) &&
	    (ct = child(k, "contact")) != NULL)
		set(c, LK_F_VENDOR, child(ct, "name"), NULL);
	/* The source: the provider, else who numbered the lead. */
	if ((k = child(p, "provider")) != NULL)
		set(c, LK_F_SOURCE, child(k, "name"), NULL);
	if (c->l->v[LK_F_SOURCE] == NULL && id != NULL &&
	    (src = attr(id, "source", 1)) != NULL)
		lk_lead_set(c->l, LK_F_SOURCE, "id@source", NULL, src,
		    strlen(src));
	rest(c, p);
}

/* Each prospect below n (not inside another), in document order. */
static int
prospects(struct ctx *c, xmlNode *n, lk_adf_fn fn, void *arg, size_t *nth)
{
	struct lk_arena arena = LK_ARENA_INIT;
	xmlNode *k;
	int	 rc = 0;

	FOR_ELEMS(k, n) {
		if (is(k, "prospect")) {
			lk_lead_reset(c->l, &arena);
			c->a = &arena;
			c->budget = EXTRA_ELEMENTS;
			prospect(c, k);
			rc = fn(c->l, ++*nth, arg);
			lk_arena_reset(&arena);
		} else
			rc = prospects(c, k, fn, arg, nth);
		if (rc != 0)
			break;
	}
	lk_arena_free(&arena);
	return rc;
}

/* One document, mended, through libxml2. */
static int
document(struct ctx *c, const char *s, size_t len, int wrap, lk_adf_fn fn,
    void *arg, size_t *n, char **why)
{
	struct lk_buf b = LK_BUF_INIT;
	xmlDoc	*doc;
	xmlNode *root;
	const xmlError *e;
	int	 rc = 0;

	if (wrap)
		lk_buf_adds(&b, "<adf>");
	mend(s, len, &b);
	if (wrap)
		lk_buf_adds(&b, "</adf>");
	xmlResetLastError();
	doc = xmlReadMemory(b.s, (int)(b.len > INT32_MAX ? INT32_MAX : b.len),
	    "adf.xml", "UTF-8", XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
	    XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		if (*why == NULL) {
			e = xmlGetLastError();
			*why = lk_xasprintf("not XML: %s",
			    e != NULL && e->message != NULL ? e->message :
			    "nothing libxml2 could read");
			/* libxml2's messages end in a newline */
			(*why)[strcspn(*why, "\n")] = '\0';
		}
	} else
		rc = prospects(c, root, fn, arg, n);
	xmlFreeDoc(doc);
	lk_buf_free(&b);
	return rc;
}

int
lk_adf_read(const char *data, size_t len, const char *charset, lk_adf_fn fn,
    void *arg, size_t *n, char **why)
{
	static int init;
	struct lk_buf u = LK_BUF_INIT;
	struct lk_lead l;
	struct ctx c;
	const char *p, *end, *s, *e;
	size_t	 before;
	int	 rc = 0;

	if (!init) {
		xmlInitParser();
		init = 1;
	}
	*n = 0;
	*why = NULL;
	memset(&l, 0, sizeof(l));
	memset(&c, 0, sizeof(c));
	c.l = &l;
	to_utf8(data, len, charset, &u);
	p = u.s != NULL ? u.s : "";
	end = p + u.len;
	if (tag_find(p, end, "adf", 0) != NULL) {
		/* Each <adf>...</adf>: a mail may carry several. */
		while (rc == 0 && (s = tag_find(p, end, "adf", 0)) != NULL) {
			e = tag_find(s, end, "adf", 1);
			e = e != NULL ? tag_end(e, end) : end;
			before = *n;
			rc = document(&c, s, (size_t)(e - s), 0, fn, arg, n,
			    why);
			if (rc == 0 && *n == before && *why == NULL)
				*why = lk_xstrdup("no <prospect> in the <adf>");
			p = e;
		}
	} else if ((s = tag_find(p, end, "prospect", 0)) != NULL) {
		/* Prospects without their <adf>: from the first to the
		 * end of the last. */
		for (e = NULL, p = s; (p = tag_find(p, end, "prospect", 1)) !=
		    NULL; p++)
			e = p;
		e = e != NULL ? tag_end(e, end) : end;
		rc = document(&c, s, (size_t)(e - s), 1, fn, arg, n, why);
	} else
		*why = lk_xstrdup("no ADF (no <adf> or <prospect> element)");
	if (*n > 0) {
		free(*why);
		*why = NULL;
	} else if (rc == 0 && *why == NULL)
		*why = lk_xstrdup("no <prospect> in the <adf>");
	lk_lead_free(&l);
	lk_buf_free(&c.path);
	lk_buf_free(&u);
	return rc;
}

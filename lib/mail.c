/*
 * mail: the ADF documents in a mail message.  GMime parses the MIME and
 * undoes the transfer encodings; every part is then searched for
 * "<adf", one alternative of each multipart/alternative is kept, and
 * HTML that shows the XML escaped is turned back into it by libxml2.
 * Nothing here converts a charset but libxml2 reading HTML: the ADF
 * reader does, from the label passed with the bytes.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "mail.h"
#include "xmem.h"

#define DEPTH_MAX	32	/* MIME levels searched (GMime stops at 1024) */
#define SEEN_MAX	8	/* part types named in the why */
#define FIELD_MAX	100	/* bytes of a type or file name shown */

/* Which alternative of a multipart/alternative wins: lowest first. */
enum rank {
	RANK_XML,
	RANK_TEXT,
	RANK_HTML,
	RANK_OTHER
};

struct cand {
	char		*data;		/* decoded content, NUL after len */
	size_t		 len;
	char		*charset;	/* lower case, or NULL */
	char		*part;		/* "1.2 text/xml leads.xml" */
	enum rank	 rank;
};

struct cands {
	struct cand	*v;
	size_t		 n;
	size_t		 cap;
};

struct walk {
	struct lk_buf	 seen;		/* leaf types, for the why */
	size_t		 nseen;		/* leaves met */
	int		 deep;		/* a part nested past DEPTH_MAX */
};

static int	 inited;
static guint	 loghandler;

static const char *const adf_tags[] = { "<adf", "<prospect", NULL };
static const char *const escaped_tags[] = {
	"&lt;adf", "&lt;prospect", "&#60;adf", "&#60;prospect",
	"&#x3c;adf", "&#x3c;prospect", NULL
};
/* HTML elements whose text is no part of what the reader sees. */
static const char *const html_hidden[] = {
	"head", "script", "style", "title", NULL
};
/* HTML elements that start a line of their own. */
static const char *const html_blocks[] = {
	"blockquote", "br", "dd", "div", "dt", "h1", "h2", "h3", "h4", "h5",
	"h6", "hr", "li", "p", "pre", "table", "tr", NULL
};

/* GMime's parser may g_warning about bad MIME; the caller reports. */
static void
quiet_glib(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer arg)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)arg;
}

static void
quiet_xml(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
init(void)
{
	if (inited)
		return;
	g_mime_init();
	loghandler = g_log_set_handler("gmime", G_LOG_LEVEL_MASK |
	    G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, quiet_glib, NULL);
	inited = 1;
}

void
lk_mail_done(void)
{
	if (!inited)
		return;
	g_log_remove_handler("gmime", loghandler);
	g_mime_shutdown();
	inited = 0;
}

void
lk_mail_info_free(struct lk_mail_info *info)
{
	if (info == NULL)
		return;
	free(info->from);
	free(info->subject);
	free(info->message_id);
	free(info->date);
	memset(info, 0, sizeof(*info));
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
eq(const char *a, const char *b)
{
	return a != NULL && g_ascii_strcasecmp(a, b) == 0;
}

static int
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (eq(s, *list))
			return 1;
	return 0;
}

/*
 * Whether d[0..len) holds ASCII needle, any case, written in code units
 * of w bytes (1, or 2 for UTF-16), big-endian when be.
 */
static int
find_ci(const unsigned char *d, size_t len, const char *needle, size_t w,
    int be)
{
	size_t	 n, i, j, k, at;

	n = strlen(needle);
	if (len < n * w)
		return 0;
	at = be ? w - 1 : 0;
	for (i = 0; i <= len - n * w; i++) {
		for (j = 0; j < n; j++) {
			const unsigned char *u = d + i + j * w;

			for (k = 0; k < w; k++)
				if (k != at && u[k] != 0)
					break;
			if (k < w || lower(u[at]) != needle[j])
				break;
		}
		if (j == n)
			return 1;
	}
	return 0;
}

static int
holds(const char *data, size_t len, const char *const *needles, int wide)
{
	const unsigned char *d = (const unsigned char *)data;

	/* an empty uudecoded body has no buffer at all */
	if (len == 0)
		return 0;
	wide = wide && memchr(data, '\0', len) != NULL;
	for (; *needles != NULL; needles++)
		if (find_ci(d, len, *needles, 1, 0) ||
		    (wide && (find_ci(d, len, *needles, 2, 0) ||
		    find_ci(d, len, *needles, 2, 1))))
			return 1;
	return 0;
}

/*
 * Append s to b for a message: control bytes become '?', at most max
 * bytes, cut where a UTF-8 sequence starts; lower-cased when low.
 */
static void
add_clean(struct lk_buf *b, const char *s, size_t max, int low)
{
	size_t	 n;

	if ((n = strlen(s)) > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (; n > 0; s++, n--) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			c = '?';
		lk_buf_addc(b, low ? lower(c) : c);
	}
}

/* A header value as malloc'd valid UTF-8, trimmed; NULL when empty. */
static char *
info_dup(const char *s)
{
	char	*v, *r;

	if (s == NULL)
		return NULL;
	v = g_utf8_make_valid(s, -1);
	g_strstrip(v);
	r = *v == '\0' ? NULL : lk_xstrdup(v);
	g_free(v);
	return r;
}

static void
info_fill(struct lk_mail_info *info, GMimeMessage *msg)
{
	GMimeObject *o = GMIME_OBJECT(msg);

	info->from = info_dup(g_mime_object_get_header(o, "From"));
	info->subject = info_dup(g_mime_message_get_subject(msg));
	info->message_id = info_dup(g_mime_message_get_message_id(msg));
	info->date = info_dup(g_mime_object_get_header(o, "Date"));
}

static void
cands_add(struct cands *c, const char *data, size_t len, const char *charset,
    const char *part, enum rank rank)
{
	struct cand *p;

	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 4 : c->cap * 2;
		c->v = lk_xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	p = &c->v[c->n++];
	p->data = lk_xmalloc(len + 1);
	if (len > 0)
		memcpy(p->data, data, len);
	p->data[len] = '\0';
	p->len = len;
	p->charset = charset == NULL ? NULL : lk_xstrdup(charset);
	p->part = lk_xstrdup(part);
	p->rank = rank;
}

/* Move every candidate of from to the end of to; from ends empty. */
static void
cands_move(struct cands *to, struct cands *from)
{
	size_t	 i;

	for (i = 0; i < from->n; i++) {
		if (to->n == to->cap) {
			to->cap = to->cap == 0 ? 4 : to->cap * 2;
			to->v = lk_xreallocarray(to->v, to->cap,
			    sizeof(*to->v));
		}
		to->v[to->n++] = from->v[i];
	}
	free(from->v);
	memset(from, 0, sizeof(*from));
}

static void
cands_free(struct cands *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].data);
		free(c->v[i].charset);
		free(c->v[i].part);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* End the line in b unless it is empty or ended; a space before goes. */
static void
html_newline(struct lk_buf *b, int always)
{
	if (b->len > 0 && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	if (always || (b->len > 0 && b->s[b->len - 1] != '\n'))
		lk_buf_addc(b, '\n');
}

/* Text t of an HTML text node to b, white space collapsed out of <pre>. */
static void
html_addtext(struct lk_buf *b, const xmlChar *t, int pre)
{
	for (; t != NULL && *t != '\0'; t++) {
		if (t[0] == 0xc2 && t[1] == 0xa0) {
			/* A no-break space indents HTML mail: kept, as ' '. */
			lk_buf_addc(b, ' ');
			t++;
		} else if (!pre && (*t == ' ' || *t == '\t' || *t == '\n' ||
		    *t == '\r' || *t == '\f')) {
			if (b->len > 0 && b->s[b->len - 1] != ' ' &&
			    b->s[b->len - 1] != '\n')
				lk_buf_addc(b, ' ');
		} else
			lk_buf_addc(b, *t);
	}
}

/*
 * The text of the HTML tree of doc appended to b much as a browser
 * shows it: white space collapsed, a line per block and <br>.
 */
static void
html_walk(xmlDocPtr doc, struct lk_buf *b)
{
	xmlNodePtr	 n;
	int		 pre = 0;	/* <pre> elements we are in */

	/* Iterative: a hostile message may nest elements thousands deep. */
	for (n = doc->children; n != NULL; ) {
		int	 descend = 0;

		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			html_addtext(b, n->content, pre > 0);
		else if (n->type == XML_ELEMENT_NODE &&
		    !in_list((const char *)n->name, html_hidden)) {
			if (eq((const char *)n->name, "br"))
				html_newline(b, 1);
			else if (in_list((const char *)n->name, html_blocks))
				html_newline(b, 0);
			descend = 1;
		}
		if (descend && n->children != NULL) {
			if (eq((const char *)n->name, "pre"))
				pre++;
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n->type != XML_ELEMENT_NODE) {
				n = NULL;
				break;
			}
			if (eq((const char *)n->name, "pre"))
				pre--;
			if (in_list((const char *)n->name, html_blocks))
				html_newline(b, 0);
		}
		if (n != NULL)
			n = n->next;
	}
}

/*
 * The text of HTML data[0..len) in charset (NULL: as the HTML says) as
 * UTF-8 the caller frees, its length in *outlen; NULL if unreadable.
 * libxml2's error handlers are ours only for the call: the ADF reader
 * uses libxml2 too.
 */
static char *
html_text(const char *data, size_t len, const char *charset, size_t *outlen)
{
	xmlGenericErrorFunc	 gerr = xmlGenericError;
	void			*gctx = xmlGenericErrorContext;
	xmlStructuredErrorFunc	 serr = xmlStructuredError;
	void			*sctx = xmlStructuredErrorContext;
	htmlDocPtr		 doc;
	struct lk_buf		 b = LK_BUF_INIT;
	int			 opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET |
				    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;

	if (len > INT_MAX)
		return NULL;
	xmlSetGenericErrorFunc(NULL, quiet_xml);
	xmlSetStructuredErrorFunc(NULL, NULL);
	doc = htmlReadMemory(data, (int)len, NULL, charset, opts);
	if (doc == NULL && charset != NULL)	/* a charset libxml2 lacks */
		doc = htmlReadMemory(data, (int)len, NULL, NULL, opts);
	xmlSetGenericErrorFunc(gctx, gerr);
	xmlSetStructuredErrorFunc(sctx, serr);
	if (doc == NULL)
		return NULL;
	html_walk(doc, &b);
	xmlFreeDoc(doc);
	*outlen = b.len;
	if (b.s == NULL)
		lk_buf_adds(&b, "");
	return lk_buf_take(&b);
}

/*
 * A file uuencoded in the text itself ("begin 644 lead.xml"), decoded
 * by GMime into out; 1 if there was one.
 */
static int
uudecode(const char *data, size_t len, GByteArray **out, GMimeStream **keep)
{
	GMimeStream	*in, *mem, *filt;
	GMimeFilter	*f;

	if (!(len >= 6 && memcmp(data, "begin ", 6) == 0) &&
	    memmem(data, len, "\nbegin ", 7) == NULL)
		return 0;
	in = g_mime_stream_mem_new_with_buffer(data, len);
	mem = g_mime_stream_mem_new();
	filt = g_mime_stream_filter_new(mem);
	f = g_mime_filter_basic_new(GMIME_CONTENT_ENCODING_UUENCODE, FALSE);
	g_mime_stream_filter_add(GMIME_STREAM_FILTER(filt), f);
	g_object_unref(f);
	g_mime_stream_write_to_stream(in, filt);
	g_mime_stream_flush(filt);
	g_object_unref(filt);
	g_object_unref(in);
	*out = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	*keep = mem;
	return 1;
}

/*
 * Content data[0..len) of a part of type/sub, described by part: a
 * candidate when it holds ADF as it is, escaped in HTML or uuencoded.
 */
static void
scan(const char *data, size_t len, const char *charset, const char *type,
    const char *sub, const char *part, struct cands *out)
{
	enum rank	 rank;
	char		*text, *desc;
	size_t		 tlen;
	GByteArray	*uu;
	GMimeStream	*keep;
	int		 html;

	if (len == 0)		/* and data may be NULL */
		return;
	html = eq(type, "text") && eq(sub, "html");
	if ((eq(type, "text") || eq(type, "application")) && (eq(sub, "xml") ||
	    g_str_has_suffix(sub, "+xml")))
		rank = RANK_XML;
	else if (eq(type, "text") && eq(sub, "plain"))
		rank = RANK_TEXT;
	else if (html)
		rank = RANK_HTML;
	else
		rank = RANK_OTHER;

	if (holds(data, len, adf_tags, 1)) {
		cands_add(out, data, len, charset, part, rank);
		return;
	}
	if (html && holds(data, len, escaped_tags, 0)) {
		if ((text = html_text(data, len, charset, &tlen)) == NULL)
			return;
		if (holds(text, tlen, adf_tags, 0))
			cands_add(out, text, tlen, "utf-8", part, rank);
		free(text);
		return;
	}
	if (uudecode(data, len, &uu, &keep)) {
		if (holds((const char *)uu->data, uu->len, adf_tags, 1)) {
			desc = lk_xasprintf("%s (uuencoded)", part);
			cands_add(out, (const char *)uu->data, uu->len, NULL,
			    desc, rank);
			free(desc);
		}
		g_object_unref(keep);
	}
}

static char *
spec_join(const char *prefix, int i)
{
	return lk_xasprintf("%s%s%d", prefix, *prefix != '\0' ? "." : "", i);
}

static void
leaf(struct walk *w, GMimePart *p, const char *spec, struct cands *out)
{
	GMimeObject	*o = GMIME_OBJECT(p);
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	GMimeDataWrapper *content;
	GMimeStream	*mem;
	GByteArray	*a;
	const char	*type, *sub, *cs, *name;
	char		*charset = NULL;
	struct lk_buf	 desc = LK_BUF_INIT;

	type = ct != NULL ? g_mime_content_type_get_media_type(ct) : NULL;
	sub = ct != NULL ? g_mime_content_type_get_media_subtype(ct) : NULL;
	if (type == NULL)
		type = "text";
	if (sub == NULL)
		sub = "plain";

	if (w->nseen < SEEN_MAX) {
		lk_buf_adds(&w->seen, w->nseen > 0 ? ", " : "");
		add_clean(&w->seen, type, FIELD_MAX, 1);
		lk_buf_addc(&w->seen, '/');
		add_clean(&w->seen, sub, FIELD_MAX, 1);
	} else if (w->nseen == SEEN_MAX)
		lk_buf_adds(&w->seen, ", ...");
	w->nseen++;
	if (eq(type, "image") || eq(type, "audio") || eq(type, "video"))
		return;

	lk_buf_adds(&desc, spec);
	lk_buf_addc(&desc, ' ');
	add_clean(&desc, type, FIELD_MAX, 1);
	lk_buf_addc(&desc, '/');
	add_clean(&desc, sub, FIELD_MAX, 1);
	if ((name = g_mime_part_get_filename(p)) != NULL && *name != '\0') {
		lk_buf_addc(&desc, ' ');
		add_clean(&desc, name, FIELD_MAX, 0);
	}
	if ((cs = g_mime_object_get_content_type_parameter(o, "charset")) !=
	    NULL && *cs != '\0')
		charset = g_ascii_strdown(cs, -1);

	mem = g_mime_stream_mem_new();
	if ((content = g_mime_part_get_content(p)) != NULL)
		g_mime_data_wrapper_write_to_stream(content, mem);
	a = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	scan((const char *)a->data, a->len, charset, type, sub,
	    lk_buf_str(&desc), out);
	g_object_unref(mem);
	g_free(charset);
	lk_buf_free(&desc);
}

static void	 walk(struct walk *, GMimeObject *, const char *, int,
		    struct cands *);

/* The parts of msg, numbered under prefix ("" for the top message). */
static void
message(struct walk *w, GMimeMessage *msg, const char *prefix, int depth,
    struct cands *out)
{
	GMimeObject	*body;
	char		*spec;

	if (msg == NULL || (body = g_mime_message_get_mime_part(msg)) == NULL)
		return;
	if (GMIME_IS_MULTIPART(body)) {
		walk(w, body, prefix, depth, out);
		return;
	}
	spec = spec_join(prefix, 1);
	walk(w, body, spec, depth, out);
	free(spec);
}

/* The sub-parts of mp, numbered under prefix. */
static void
multipart(struct walk *w, GMimeMultipart *mp, const char *prefix, int depth,
    struct cands *out)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(mp));
	struct cands	 best = { NULL, 0, 0 }, c;
	enum rank	 bestrank = RANK_OTHER, r;
	const char	*pre, *sub;
	char		*spec;
	int		 i, n, alt;
	size_t		 j;

	sub = ct != NULL ? g_mime_content_type_get_media_subtype(ct) : NULL;
	alt = eq(sub, "alternative");
	n = g_mime_multipart_get_count(mp);
	if (n == 0) {
		/* A broken boundary leaves everything in the preamble. */
		if ((pre = g_mime_multipart_get_prologue(mp)) != NULL) {
			spec = lk_xasprintf("%s%smultipart (preamble)", prefix,
			    *prefix != '\0' ? " " : "");
			scan(pre, strlen(pre), NULL, "text", "plain", spec,
			    out);
			free(spec);
		}
		return;
	}
	for (i = 0; i < n; i++) {
		spec = spec_join(prefix, i + 1);
		if (!alt) {
			walk(w, g_mime_multipart_get_part(mp, i), spec,
			    depth + 1, out);
			free(spec);
			continue;
		}
		memset(&c, 0, sizeof(c));
		walk(w, g_mime_multipart_get_part(mp, i), spec, depth + 1, &c);
		free(spec);
		if (c.n == 0)
			continue;
		for (r = RANK_OTHER, j = 0; j < c.n; j++)
			if (c.v[j].rank < r)
				r = c.v[j].rank;
		if (best.n == 0 || r < bestrank) {
			cands_free(&best);
			best = c;
			bestrank = r;
		} else
			cands_free(&c);
	}
	cands_move(out, &best);
}

static void
walk(struct walk *w, GMimeObject *o, const char *spec, int depth,
    struct cands *out)
{
	if (o == NULL)
		return;
	if (depth > DEPTH_MAX) {
		w->deep = 1;
		return;
	}
	if (GMIME_IS_MULTIPART(o))
		multipart(w, GMIME_MULTIPART(o), spec, depth, out);
	else if (GMIME_IS_MESSAGE_PART(o))
		message(w, g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(o)), spec, depth + 1, out);
	else if (GMIME_IS_PART(o))
		leaf(w, GMIME_PART(o), spec, out);
}

static char *
why_none(const struct walk *w, int parsed, size_t len)
{
	if (len == 0)
		return lk_xstrdup("empty message");
	if (!parsed)
		return lk_xstrdup("no ADF in the input, which has no mail "
		    "headers (read as text)");
	if (w->nseen == 0)
		return lk_xasprintf("no ADF in the message (no parts%s)",
		    w->deep ? "; parts nested too deep not searched" : "");
	return lk_xasprintf("no ADF in the message (%zu part%s: %s%s)",
	    w->nseen, w->nseen == 1 ? "" : "s", lk_buf_str(&w->seen),
	    w->deep ? "; parts nested too deep not searched" : "");
}

int
lk_mail_adf(const char *buf, size_t len, struct lk_mail_info *info,
    lk_mail_fn fn, void *arg, size_t *nparts, char **why)
{
	struct walk	 w;
	struct cands	 out = { NULL, 0, 0 };
	GMimeStream	*stream;
	GMimeParser	*parser;
	GMimeMessage	*msg;
	size_t		 i, passed = 0;
	int		 rc = 0, parsed = 0;

	init();
	memset(&w, 0, sizeof(w));
	if (info != NULL)
		memset(info, 0, sizeof(*info));
	if (len > 0) {
		stream = g_mime_stream_mem_new_with_buffer(buf, len);
		parser = g_mime_parser_new_with_stream(stream);
		g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
		msg = g_mime_parser_construct_message(parser, NULL);
		g_object_unref(parser);
		g_object_unref(stream);
		if (msg != NULL) {
			parsed = 1;
			if (info != NULL)
				info_fill(info, msg);
			message(&w, msg, "", 0, &out);
			g_object_unref(msg);
		} else
			/* No headers GMime could read: all of it is text. */
			scan(buf, len, NULL, "text", "plain",
			    "1 text/plain (no mail headers)", &out);
	}

	for (i = 0; i < out.n && rc == 0; i++) {
		passed++;
		rc = fn(out.v[i].data, out.v[i].len, out.v[i].charset,
		    out.v[i].part, arg);
	}
	if (nparts != NULL)
		*nparts = passed;
	if (why != NULL)
		*why = passed > 0 ? NULL : why_none(&w, parsed, len);
	cands_free(&out);
	lk_buf_free(&w.seen);
	return rc;
}

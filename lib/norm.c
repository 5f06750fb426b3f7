/*
 * norm: phone numbers, e-mail addresses, names and header names brought
 * to the one form leadkit matches on; plain ASCII, nearly every row of an
 * import, never reaches utf8proc.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "norm.h"
#include "xmem.h"

/* E.164 caps a number at 15 digits; "011" before it is the most we strip. */
#define E164_MAX	15
#define PHONE_DIGITS	(E164_MAX + 3)

/*
 * A starter and the marks that may compose with it.  UAX #15's
 * Stream-Safe Text Format bounds real text to 30 marks in a row, plus
 * one decomposition (18 code points at most, U+FDFA): past that the run
 * is flushed uncomposed rather than grown.
 */
#define RUN_MAX		64
#define DECOMP_MAX	32

struct fold {
	struct lk_buf	*out;
	utf8proc_int32_t run[RUN_MAX];	/* decomposed, not yet written */
	size_t		 n;		/* code points in run */
	int		 opts;		/* utf8proc decomposition options */
	int		 text;		/* lk_fold: separators give a space */
	int		 space;		/* separator since the last letter */
	int		 any;		/* a letter or digit written */
	int		 dropped;	/* one dropped since the last letter */
};

static const char *const suffixes[] = {
	"dds", "esq", "ii", "iii", "iv", "jr", "md", "phd", "sr", NULL
};
static const char *const particles[] = {
	"al", "bin", "da", "das", "de", "del", "della", "der", "di", "do",
	"dos", "du", "la", "le", "st", "ten", "ter", "van", "von", NULL
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
isdigit_a(int c)
{
	return c >= '0' && c <= '9';
}

static int
isalnum_a(int c)
{
	c = lower(c);
	return isdigit_a(c) || (c >= 'a' && c <= 'z');
}

static int
isws_a(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Length of the UTF-8 sequence at p[0..n) with its code point in *cp,
 * 0 when it is not valid: the second-byte ranges are what rule out
 * overlongs, surrogates and code points past U+10FFFF.
 */
static size_t
u8dec(const unsigned char *p, size_t n, utf8proc_int32_t *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t	 len, i;
	utf8proc_int32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/* Unicode white space, and the invisible characters pasted text brings. */
static int
isws_u(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x85:	/* NEL */
	case 0x200b:	/* zero width space */
	case 0x2060:	/* word joiner */
	case 0xfeff:	/* a BOM left in the middle of a file */
		return 1;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return 0;
	}
}

/* Length of the white space character at p[0..n), 0 when there is none. */
static size_t
ws_at(const unsigned char *p, size_t n)
{
	utf8proc_int32_t cp;
	size_t	 k;

	if (p[0] < 0x80)
		return isws_a(p[0]);
	if ((k = u8dec(p, n, &cp)) == 0 || !isws_u(cp))
		return 0;
	return k;
}

/* Length of the white space character ending p[0..n), 0 when none. */
static size_t
ws_before(const unsigned char *p, size_t n)
{
	utf8proc_int32_t cp;
	size_t	 k;

	if (p[n - 1] < 0x80)
		return isws_a(p[n - 1]);
	for (k = 1; k < 4 && k < n && (p[n - k] & 0xc0) == 0x80; k++)
		continue;
	if (u8dec(p + n - k, k, &cp) != k || !isws_u(cp))
		return 0;
	return k;
}

/* Trim [*b, *e) of p, in offsets. */
static void
trim_span(const unsigned char *p, size_t *b, size_t *e)
{
	size_t	 k;

	while (*b < *e && (k = ws_at(p + *b, *e - *b)) > 0)
		*b += k;
	while (*e > *b && (k = ws_before(p + *b, *e - *b)) > 0)
		*e -= k;
}

size_t
lk_trim(const char **s, size_t len)
{
	size_t	 b = 0, e = len;

	trim_span((const unsigned char *)*s, &b, &e);
	*s += b;
	return e - b;
}

size_t
lk_utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_int32_t cp;
	uint64_t w;
	size_t	 i = 0, k;

	while (i < len) {
		/* Eight ASCII bytes at a time: most of a CSV file. */
		if (len - i >= 8) {
			memcpy(&w, p + i, sizeof w);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80)
			i++;
		else if ((k = u8dec(p + i, len - i, &cp)) == 0)
			return i;
		else
			i += k;
	}
	return (size_t)-1;
}

/*
 * What may stand between the digits of a phone number outside ASCII:
 * white space, dashes (U+2011 from word processors) and the invisible
 * direction marks that numbers copied from web pages carry.
 */
static int
phone_sep_u(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_CF:
		return 1;
	default:
		return 0;
	}
}

static int
word_is(const unsigned char *p, size_t n, const char *w)
{
	size_t	 i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(p[i]) != w[i])
			return 0;
	return 1;
}

/*
 * The extension at p ("x12", "ext. 12", "#12", ",12", ";ext=12"), which
 * must end the string: its digits in *ext, *extlen.
 */
static int
phone_ext(const unsigned char *p, const unsigned char *end,
    const unsigned char **ext, size_t *extlen)
{
	size_t	 n, k;

	if (*p == '#')
		p++;
	else if (*p == ',') {
		while (*p == ',')
			p++;
	} else if (*p == ';') {
		p++;
		if (word_is(p, 3, "ext"))
			p += 3;
	} else {
		for (n = 0; isalnum_a(p[n]) && !isdigit_a(p[n]); n++)
			continue;
		if (!word_is(p, n, "x") && !word_is(p, n, "ext") &&
		    !word_is(p, n, "extn") && !word_is(p, n, "extension"))
			return 0;
		p += n;
	}
	while (*p == ' ' || *p == '\t' || *p == '.' || *p == ':' ||
	    *p == '=' || *p == '#')
		p++;
	for (n = 0; isdigit_a(p[n]); n++)
		continue;
	if (n == 0)
		return 0;
	*ext = p;
	*extlen = n;
	p += n;
	while (p < end && (k = ws_at(p, end - p)) > 0)
		p += k;
	return p == end;
}

/*
 * A 10-digit North American number: the area code starts 2-9, which is
 * what tells it from another country's national number.  The exchange
 * is not checked: "555-123-4567", norm.h's own example, must pass.
 */
static int
nanp_ok(const char *d)
{
	return d[0] >= '2';
}

/* After "+", "00" or "011": n digits with their country code. */
static int
intl_ok(const char *d, size_t n)
{
	if (n > 0 && d[0] == '1')
		return n == 11 && nanp_ok(d + 1);
	return n >= 8 && n <= E164_MAX && d[0] != '0';
}

/* The "(0)" of "+44 (0)20 …": a trunk prefix not dialled from abroad. */
static int
trunk_zero(const unsigned char *p, int plus, const char *d, size_t nd)
{
	if (p[0] != '(' || p[1] != '0' || p[2] != ')' || nd == 0)
		return 0;
	return plus || (nd >= 2 && d[0] == '0' && d[1] == '0') ||
	    (nd >= 3 && memcmp(d, "011", 3) == 0);
}

int
lk_phone_e164(const char *s, struct lk_buf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end, *ext = NULL;
	utf8proc_int32_t cp;
	size_t	 nd = 0, n, extlen = 0;
	char	 d[PHONE_DIGITS];	/* more digits are not a number */
	const char *dp = d, *cc = "+";
	int	 plus = 0;

	for (end = p + strlen(s); *p != '\0'; p += n) {
		n = 1;
		if (*p == '+' && nd == 0 && !plus)
			plus = 1;
		else if (isdigit_a(*p)) {
			if (nd == sizeof d)
				return 0;
			d[nd++] = *p;
		} else if (trunk_zero(p, plus, d, nd))
			n = 3;
		else if (*p == ' ' || *p == '-' || *p == '.' || *p == '(' ||
		    *p == ')' || *p == '/' || *p == '\t')
			continue;
		else if (*p < 0x80)
			break;
		else if ((n = u8dec(p, end - p, &cp)) == 0 ||
		    !phone_sep_u(cp))
			return 0;
	}
	if (*p != '\0' && !phone_ext(p, end, &ext, &extlen))
		return 0;

	if (plus) {
		if (!intl_ok(dp, nd))
			return 0;
	} else if (nd >= 3 && memcmp(d, "011", 3) == 0) {
		dp += 3;
		if (!intl_ok(dp, nd -= 3))
			return 0;
	} else if (nd >= 2 && d[0] == '0' && d[1] == '0') {
		dp += 2;
		if (!intl_ok(dp, nd -= 2))
			return 0;
	} else if (nd == 11 && d[0] == '1') {
		if (!nanp_ok(d + 1))
			return 0;
	} else if (nd == 10 && nanp_ok(d))
		cc = "+1";
	else
		return 0;
	lk_buf_adds(out, cc);
	lk_buf_add(out, dp, nd);
	if (ext != NULL) {
		lk_buf_add(out, ";ext=", 5);
		lk_buf_add(out, ext, extlen);
	}
	return 1;
}

/* A local part: no white space, controls or RFC 5322 specials. */
static int
email_local_ok(const unsigned char *p, size_t n)
{
	utf8proc_int32_t cp;
	size_t	 i, k;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i += k) {
		k = 1;
		if (p[i] <= ' ' || p[i] == 0x7f ||
		    strchr("()<>[]:;,\\\"", p[i]) != NULL)
			return 0;
		if (p[i] < 0x80)
			continue;
		if ((k = u8dec(p + i, n - i, &cp)) == 0 || isws_u(cp) ||
		    utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
			return 0;
	}
	return 1;
}

/* Two or more dot-separated labels of letters, digits and hyphens. */
static int
email_domain_ok(const unsigned char *p, size_t n)
{
	size_t	 i, start = 0, labels = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && p[i] != '.') {
			if (!isalnum_a(p[i]) && p[i] != '-')
				return 0;
			continue;
		}
		/* No DNS name has an empty label or one edged with '-'. */
		if (i == start || p[start] == '-' || p[i - 1] == '-')
			return 0;
		labels++;
		start = i + 1;
	}
	return labels >= 2;
}

int
lk_email_norm(const char *s, struct lk_buf *out)
{
	const char *at, *p = s;
	size_t	 len, i;

	len = lk_trim(&p, strlen(s));
	if (len >= 2 && p[0] == '<' && p[len - 1] == '>') {
		p++;
		len = lk_trim(&p, len - 2);
	}
	if (len >= 7 && word_is((const unsigned char *)p, 7, "mailto:")) {
		p += 7;
		len -= 7;
	}
	if ((at = memchr(p, '@', len)) == NULL ||
	    memchr(at + 1, '@', len - (at + 1 - p)) != NULL ||
	    !email_local_ok((const unsigned char *)p, at - p) ||
	    !email_domain_ok((const unsigned char *)at + 1,
	    len - (at + 1 - p)))
		return 0;
	i = out->len;
	lk_buf_add(out, p, len);
	for (; i < out->len; i++)
		out->s[i] = lower((unsigned char)out->s[i]);
	return 1;
}

/* Apostrophes, periods and hyphens, which join the parts of a name. */
static int
joiner(utf8proc_int32_t cp)
{
	switch (cp) {
	case '\'': case '`': case '.': case '-':
	case 0xb4:	/* acute accent */
	case 0x2bc:	/* modifier letter apostrophe */
	case 0x2018: case 0x2019:
	case 0x2024:	/* one dot leader */
	case 0x2032:	/* prime */
		return 1;
	}
	return cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_PD;
}

static void
run_emit(struct fold *f, size_t k)
{
	utf8proc_uint8_t u[4];
	size_t	 i;

	for (i = 0; i < k; i++)
		lk_buf_add(f->out, u, utf8proc_encode_char(f->run[i], u));
	memmove(f->run, f->run + k, (f->n - k) * sizeof f->run[0]);
	f->n -= k;
}

static void
run_flush(struct fold *f)
{
	if (f->n == 0)
		return;
	f->n = utf8proc_normalize_utf32(f->run, f->n, UTF8PROC_COMPOSE);
	run_emit(f, f->n);
}

static int
ccc(utf8proc_int32_t cp)
{
	return utf8proc_get_property(cp)->combining_class;
}

/*
 * Add a decomposed code point.  A starter ends what came before except
 * the last starter, which may still compose with it (Hangul L+V, LV+T);
 * a mark is put in canonical order.
 */
static void
run_add(struct fold *f, utf8proc_int32_t cp)
{
	size_t	 i;
	int	 c;

	if (f->n == RUN_MAX)
		run_flush(f);
	if ((c = ccc(cp)) == 0) {
		f->run[f->n++] = cp;
		if (f->n > 1) {
			f->n = utf8proc_normalize_utf32(f->run, f->n,
			    UTF8PROC_COMPOSE);
			run_emit(f, f->n - 1);
		}
		return;
	}
	for (i = f->n; i > 0 && ccc(f->run[i - 1]) > c; i--)
		f->run[i] = f->run[i - 1];
	f->run[i] = cp;
	f->n++;
}

static void
fold_keep(struct fold *f, utf8proc_int32_t cp)
{
	if (f->space && f->any)
		lk_buf_addc(f->out, ' ');
	f->space = 0;
	f->any = 1;
	f->dropped = 0;
	run_add(f, cp);
}

/* One code point of the input through NFKD, case folding and the filter. */
static void
fold_cp(struct fold *f, utf8proc_int32_t cp)
{
	utf8proc_int32_t d[DECOMP_MAX];
	utf8proc_ssize_t nd, i;
	int	 bound = 0;

	/* Before NFKD, which turns U+00B4 into a space and a mark. */
	if (f->text && joiner(cp))
		return;
	nd = utf8proc_decompose_char(cp, d, DECOMP_MAX, f->opts, &bound);
	if (nd < 0 || nd > DECOMP_MAX) {
		d[0] = 0xfffd;
		nd = 1;
	}
	for (i = 0; i < nd; i++) {
		switch (utf8proc_category(d[i])) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
			fold_keep(f, d[i]);
			break;
		case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ME:
			/* Only on a letter kept: "-\u0301" is no letter. */
			if (f->n > 0 && !f->dropped)
				run_add(f, d[i]);
			break;
		default:
			/*
			 * What is dropped leaves the run open, so that the
			 * output folds to itself: "\u1100-\u1161" gives the
			 * syllable U+AC00, as its own output would.
			 */
			if (f->text && !joiner(d[i])) {
				run_flush(f);
				f->space = 1;
			} else
				f->dropped = 1;
			break;
		}
	}
}

static void
fold_utf8(struct fold *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_int32_t cp;
	size_t	 n, len;

	for (len = strlen(s); len > 0; p += n, len -= n) {
		if ((n = u8dec(p, len, &cp)) == 0) {
			cp = 0xfffd;
			n = 1;
		}
		fold_cp(f, cp);
	}
	run_flush(f);
}

static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

void
lk_key_fold(const char *s, struct lk_buf *out)
{
	struct fold f;

	if (is_ascii(s)) {
		for (; *s != '\0'; s++)
			if (isalnum_a(*s))
				lk_buf_addc(out, lower(*s));
		return;
	}
	memset(&f, 0, sizeof f);
	f.out = out;
	f.opts = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
	    UTF8PROC_IGNORE;
	fold_utf8(&f, s);
}

void
lk_fold(const char *s, struct lk_buf *out)
{
	struct fold f;

	memset(&f, 0, sizeof f);
	f.out = out;
	f.text = 1;
	if (is_ascii(s)) {
		for (; *s != '\0'; s++) {
			if (isalnum_a(*s)) {
				if (f.space && f.any)
					lk_buf_addc(out, ' ');
				f.space = 0;
				f.any = 1;
				lk_buf_addc(out, lower(*s));
			} else if (!joiner(*s))
				f.space = 1;
		}
		return;
	}
	f.opts = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
	    UTF8PROC_IGNORE | UTF8PROC_STRIPMARK;
	fold_utf8(&f, s);
}

/* Whether the word p[0..n) is in list, ASCII case and periods ignored. */
static int
in_list(const unsigned char *p, size_t n, const char *const *list)
{
	const char *w;
	size_t	 i;

	for (; *list != NULL; list++) {
		for (w = *list, i = 0; i < n; i++) {
			if (p[i] == '.')
				continue;
			if (*w == '\0' || lower(p[i]) != *w)
				break;
			w++;
		}
		if (i == n && *w == '\0')
			return 1;
	}
	return 0;
}

/* Start of the last word of p[b..e), which is trimmed. */
static size_t
word_start(const unsigned char *p, size_t b, size_t e)
{
	while (e > b && ws_before(p + b, e - b) == 0)
		e--;
	return e;
}

/* The end of p[b..e) once trimmed. */
static size_t
rtrim(const unsigned char *p, size_t b, size_t e)
{
	trim_span(p, &b, &e);
	return e;
}

/* Whether the trimmed p[b..e) holds two or more words. */
static int
many_words(const unsigned char *p, size_t b, size_t e)
{
	return word_start(p, b, e) > b;
}

/* Whether every word of p[b..e) is a suffix, commas between allowed. */
static int
all_suffixes(const unsigned char *p, size_t b, size_t e)
{
	size_t	 w, we;

	if (b == e)
		return 0;
	while (e > b) {
		w = word_start(p, b, e);
		we = e;
		if (we > w && p[we - 1] == ',')
			we--;
		if (!in_list(p + w, we - w, suffixes))
			return 0;
		e = rtrim(p, b, w);
	}
	return 1;
}

void
lk_name_split(const char *s, size_t len, size_t *first_off,
    size_t *first_len, size_t *last_off, size_t *last_len)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *comma;
	size_t	 b = 0, e = len, c, ce, w, pe, fb, fe;

	*first_off = *first_len = *last_off = *last_len = 0;
	trim_span(p, &b, &e);
	if (b == e)
		return;

	ce = e;
	if ((comma = memchr(s + b, ',', e - b)) != NULL) {
		c = comma - s;
		fb = c + 1;
		fe = e;
		trim_span(p, &fb, &fe);
		if (!all_suffixes(p, fb, fe)) {
			/* "Lee, Ann": a second comma ends the first name. */
			if ((comma = memchr(s + fb, ',', fe - fb)) != NULL)
				fe = rtrim(p, fb, comma - s);
			*first_off = fb;
			*first_len = fe - fb;
			ce = rtrim(p, b, c);
			if (ce > b) {
				*last_off = b;
				*last_len = ce - b;
			}
			if (*first_len == 0)
				*first_off = 0;
			return;
		}
		/* "Ann Lee, Jr.": the suffix stays with the last name. */
		ce = rtrim(p, b, c);
	}

	/* "Ann Lee Jr. MD": peel suffixes while two words remain. */
	while (many_words(p, b, ce)) {
		w = word_start(p, b, ce);
		if (!in_list(p + w, ce - w, suffixes) ||
		    !many_words(p, b, rtrim(p, b, w)))
			break;
		ce = rtrim(p, b, w);
	}

	if ((w = word_start(p, b, ce)) == b) {
		*first_off = b;
		*first_len = ce - b;
		return;
	}
	/* "Ann van der Berg": particles before the last word join it. */
	for (;;) {
		pe = rtrim(p, b, w);
		fb = word_start(p, b, pe);
		if (fb == b || !in_list(p + fb, pe - fb, particles))
			break;
		w = fb;
	}
	*first_off = b;
	*first_len = rtrim(p, b, w) - b;
	*last_off = w;
	*last_len = e - w;
}

/*
 * msg: diagnostics, one line each on stderr, in the shape
 * "prog: file:line: field: reason: \"value\"", and the worst exit status.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "xmem.h"

static const char *prog = "leadkit";
static int worst;
/* Where this thread's messages wait (lk_msg_hold), or NULL: stderr. */
static _Thread_local struct lk_msg_held *held;

void
lk_msg_init(const char *name)
{
	prog = name;
}

const char *
lk_msg_prog(void)
{
	return prog;
}

void
lk_msg_setrc(int rc)
{
	int	*w = held != NULL ? &held->rc : &worst;

	if (rc > *w)
		*w = rc;
}

void
lk_msg_hold(struct lk_msg_held *h)
{
	held = h;
}

void
lk_msg_release(struct lk_msg_held *h)
{
	if (h->text.len > 0) {
		fflush(stdout);
		fwrite(h->text.s, 1, h->text.len, stderr);
		fflush(stderr);
	}
	lk_msg_setrc(h->rc);
	lk_buf_clear(&h->text);
	h->rc = 0;
}

int
lk_msg_rc(void)
{
	return worst;
}

/* Length of the UTF-8 sequence at s (of n bytes), 0 if not valid. */
static size_t
u8len(const unsigned char *s, size_t n)
{
	size_t	 len, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

void
lk_msg_quote(struct lk_buf *out, const char *str, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t	 n, i, len;

	n = strlen(str);
	lk_buf_addc(out, '"');
	for (i = 0; i < n; i += len) {
		if (i >= max) {
			lk_buf_adds(out, "...");
			break;
		}
		len = u8len(s + i, n - i);
		if (len == 0) {
			lk_buf_addf(out, "\\x%02X", s[i]);
			len = 1;
		} else if (len > 1) {
			/* C1 controls (U+0080..U+009F) reach terminals too. */
			if (s[i] == 0xc2 && s[i + 1] < 0xa0)
				lk_buf_addf(out, "\\u%04X", s[i + 1]);
			else
				lk_buf_add(out, s + i, len);
		} else if (s[i] == '"' || s[i] == '\\') {
			lk_buf_addc(out, '\\');
			lk_buf_addc(out, s[i]);
		} else if (s[i] == '\n')
			lk_buf_adds(out, "\\n");
		else if (s[i] == '\r')
			lk_buf_adds(out, "\\r");
		else if (s[i] == '\t')
			lk_buf_adds(out, "\\t");
		else if (s[i] < 0x20 || s[i] == 0x7f)
			lk_buf_addf(out, "\\x%02X", s[i]);
		else
			lk_buf_addc(out, s[i]);
	}
	lk_buf_addc(out, '"');
}

void
lk_msg_fmt(struct lk_buf *out, const char *file, long line,
    const char *field, const char *value, const char *reason)
{
	if (file != NULL) {
		lk_buf_adds(out, file);
		if (line > 0)
			lk_buf_addf(out, ":%ld", line);
		lk_buf_adds(out, ": ");
	}
	if (field != NULL)
		lk_buf_addf(out, "%s: ", field);
	lk_buf_adds(out, reason);
	if (value != NULL) {
		lk_buf_adds(out, ": ");
		lk_msg_quote(out, value, 80);
	}
}

static void
emit(const struct lk_buf *b)
{
	if (held != NULL) {
		lk_buf_addf(&held->text, "%s: %s\n", prog, lk_buf_str(b));
		return;
	}
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", prog, lk_buf_str(b));
	fflush(stderr);
}

void
lk_msg_at(int rc, const char *file, long line, const char *field,
    const char *value, const char *fmt, ...)
{
	struct lk_buf reason = LK_BUF_INIT, b = LK_BUF_INIT;
	va_list	 ap;
	char	*r;

	va_start(ap, fmt);
	if (vasprintf(&r, fmt, ap) < 0)
		r = NULL;
	va_end(ap);
	lk_buf_adds(&reason, r != NULL ? r : fmt);
	free(r);
	lk_msg_fmt(&b, file, line, field, value, lk_buf_str(&reason));
	emit(&b);
	lk_buf_free(&reason);
	lk_buf_free(&b);
	lk_msg_setrc(rc);
}

static void
vsay(int rc, const char *fmt, va_list ap)
{
	struct lk_buf b = LK_BUF_INIT;
	char	*s;

	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	lk_buf_adds(&b, s != NULL ? s : fmt);
	free(s);
	emit(&b);
	lk_buf_free(&b);
	lk_msg_setrc(rc);
}

void
lk_err(int rc, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsay(rc, fmt, ap);
	va_end(ap);
}

void
lk_warn(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsay(0, fmt, ap);
	va_end(ap);
}

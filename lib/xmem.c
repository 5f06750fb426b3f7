/*
 * xmem: allocation that cannot fail, growable strings, arenas.  Running
 * out of memory ends the program with status 71 (EX_OSERR) and one line,
 * so call sites stay free of checks nobody could act on.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "xmem.h"

static void
oom(void)
{
	/* Said now, not held back for a thread that will never print it. */
	lk_msg_hold(NULL);
	lk_err(EX_OSERR, "out of memory");
	exit(EX_OSERR);
}

void *
lk_xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
lk_xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		oom();
	return p;
}

void *
lk_xreallocarray(void *p, size_t n, size_t size)
{
	if ((p = reallocarray(p, n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		oom();
	return p;
}

char *
lk_xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		oom();
	return p;
}

char *
lk_xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		oom();
	return p;
}

char *
lk_xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 rc;

	va_start(ap, fmt);
	rc = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (rc < 0)
		oom();
	return p;
}

/* Room for n more bytes and the NUL. */
static void
buf_grow(struct lk_buf *b, size_t n)
{
	size_t	 want;

	if (n > SIZE_MAX - b->len - 1)
		oom();
	want = b->len + n + 1;
	if (want <= b->cap)
		return;
	if (b->cap < 64)
		b->cap = 64;
	while (b->cap < want)
		b->cap = b->cap > SIZE_MAX / 2 ? want : b->cap * 2;
	b->s = lk_xreallocarray(b->s, b->cap, 1);
}

void
lk_buf_add(struct lk_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
lk_buf_adds(struct lk_buf *b, const char *s)
{
	lk_buf_add(b, s, strlen(s));
}

void
lk_buf_addc(struct lk_buf *b, int c)
{
	buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
lk_buf_addf(struct lk_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
lk_buf_clear(struct lk_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
lk_buf_free(struct lk_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *
lk_buf_str(const struct lk_buf *b)
{
	return b->s == NULL ? "" : b->s;
}

char *
lk_buf_take(struct lk_buf *b)
{
	char	*s;

	s = b->s == NULL ? lk_xstrdup("") : b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* Arena blocks: a header and the bytes handed out after it. */
struct lk_arena_block {
	struct lk_arena_block *next;	/* older block */
	size_t	 size;			/* bytes after the header */
	size_t	 used;			/* bytes handed out */
	max_align_t data[];
};

#define ARENA_BLOCK 8192

void *
lk_arena_alloc(struct lk_arena *a, size_t n)
{
	struct lk_arena_block *b;
	size_t	 align, size;
	void	*p;

	align = sizeof(max_align_t);
	if (n > SIZE_MAX - align)
		oom();
	n = (n + align - 1) / align * align;
	b = a->head;
	if (b == NULL || b->size - b->used < n) {
		size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = lk_xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *
lk_arena_strndup(struct lk_arena *a, const char *s, size_t n)
{
	char	*p;

	p = lk_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
lk_arena_strdup(struct lk_arena *a, const char *s)
{
	return lk_arena_strndup(a, s, strlen(s));
}

void
lk_arena_reset(struct lk_arena *a)
{
	struct lk_arena_block *b, *next;

	if (a->head == NULL)
		return;
	/* Keep the oldest block: it is the common size, the rest were growth. */
	for (b = a->head; b->next != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = b;
	b->used = 0;
}

void
lk_arena_free(struct lk_arena *a)
{
	struct lk_arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

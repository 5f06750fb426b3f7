/*
 * xmem: allocation that cannot fail (the program exits 71, EX_OSERR, with a
 * message instead), growable strings, and an arena for per-record data.
 */
#ifndef LK_XMEM_H
#define LK_XMEM_H

#include <stddef.h>

void	*lk_xmalloc(size_t);
void	*lk_xcalloc(size_t, size_t);
void	*lk_xreallocarray(void *, size_t, size_t);
char	*lk_xstrdup(const char *);
char	*lk_xstrndup(const char *, size_t);
/* A new string the caller frees. */
char	*lk_xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/*
 * A growable string: always NUL-terminated once anything was added.
 * Initialise with LK_BUF_INIT or memset 0; the owner calls lk_buf_free.
 */
struct lk_buf {
	char	*s;		/* contents, NULL until the first add */
	size_t	 len;		/* bytes in s, not counting the NUL */
	size_t	 cap;		/* bytes allocated */
};
#define LK_BUF_INIT { NULL, 0, 0 }

void	 lk_buf_add(struct lk_buf *, const void *, size_t);
void	 lk_buf_adds(struct lk_buf *, const char *);
void	 lk_buf_addc(struct lk_buf *, int);
void	 lk_buf_addf(struct lk_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Empty it, keeping the memory. */
void	 lk_buf_clear(struct lk_buf *);
void	 lk_buf_free(struct lk_buf *);
/* The contents, "" when nothing was added; valid until the next add. */
const char *lk_buf_str(const struct lk_buf *);
/* Hand the contents to the caller (who frees them) and empty the buffer. */
char	*lk_buf_take(struct lk_buf *);

/*
 * An arena: many small allocations freed at once.  Memory handed out
 * never moves, so pointers stay valid until lk_arena_reset, which keeps
 * the first block for reuse: a loop over records resets it per record
 * and its memory stays flat.
 */
struct lk_arena_block;
struct lk_arena {
	struct lk_arena_block *head;	/* newest block first */
};
#define LK_ARENA_INIT { NULL }

void	*lk_arena_alloc(struct lk_arena *, size_t);
char	*lk_arena_strndup(struct lk_arena *, const char *, size_t);
char	*lk_arena_strdup(struct lk_arena *, const char *);
void	 lk_arena_reset(struct lk_arena *);
void	 lk_arena_free(struct lk_arena *);

#endif

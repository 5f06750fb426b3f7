/*
 * msg: the one way a program speaks on stderr.  Every diagnostic is one
 * line, "lead-add: dump.csv:17: received: not a date: \"13/45/2026\"":
 * program, place, field, reason, the bad value quoted so that no control
 * byte reaches the terminal.  The worst exit status seen is kept for main.
 */
#ifndef LK_MSG_H
#define LK_MSG_H

#include <stddef.h>
#include <sysexits.h>

#include "xmem.h"

/* Set the program name that starts every line ("lead-add"). */
void	 lk_msg_init(const char *prog);
const char *lk_msg_prog(void);

/* "prog: text"; rc (a sysexits code) is kept if worse than the last. */
void	 lk_err(int rc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* "prog: text", a warning: the exit status is not changed. */
void	 lk_warn(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/*
 * "prog: file:line: field: reason: \"value\"".  file, field and value
 * may be NULL and line 0 to leave that part out; rc 0 is a warning.
 */
void	 lk_msg_at(int rc, const char *file, long line, const char *field,
	    const char *value, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/*
 * The same line without "prog: " appended to out (for a reject file).
 */
void	 lk_msg_fmt(struct lk_buf *out, const char *file, long line,
	    const char *field, const char *value, const char *reason);

/*
 * Append s to out in double quotes: backslash, quote and control bytes
 * escaped C-style, invalid UTF-8 as \xNN, cut with "..." past max bytes.
 */
void	 lk_msg_quote(struct lk_buf *out, const char *s, size_t max);

/* The worst status so far (0 when none), and a way to raise it. */
int	 lk_msg_rc(void);
void	 lk_msg_setrc(int);

/*
 * Messages held back, in order, with the worst status among them.  A
 * thread working ahead of the one that reports (lk_import_csv reads
 * and checks rows while the main thread stores them) holds its lines,
 * so stderr says things in the order of the file.
 */
struct lk_msg_held {
	struct lk_buf text;		/* whole lines, each ending in \n */
	int	 rc;
};
/* From now on this thread's messages and statuses go to h (NULL: to
 * stderr and lk_msg_rc() again).  lk_msg_rc() does not see them. */
void	 lk_msg_hold(struct lk_msg_held *h);
/* Write what h holds to stderr, count its status, and empty it. */
void	 lk_msg_release(struct lk_msg_held *h);

#endif

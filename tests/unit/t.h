/*
 * t.h: the smallest TAP producer for the C unit tests.  Each check
 * prints "ok N - what" or "not ok N - what" with the values compared;
 * t_done() prints the plan and returns the exit status for main.
 */
#ifndef LK_T_H
#define LK_T_H

#include <stdio.h>
#include <string.h>

static int t_n, t_failed;

static void
t_ok(int cond, const char *what, const char *got, const char *want)
{
	t_n++;
	if (cond) {
		printf("ok %d - %s\n", t_n, what);
		return;
	}
	t_failed++;
	printf("not ok %d - %s\n", t_n, what);
	if (got != NULL || want != NULL)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n",
		    got ? got : "(null)", want ? want : "(null)");
}

/* A boolean check. */
#define T_OK(cond, what) t_ok((cond) != 0, (what), NULL, NULL)
/* Two strings equal (NULL equals only NULL). */
#define T_STR(got, want, what) do { \
	const char *t_g_ = (got), *t_w_ = (want); \
	t_ok((t_g_ == NULL && t_w_ == NULL) || \
	    (t_g_ != NULL && t_w_ != NULL && strcmp(t_g_, t_w_) == 0), \
	    (what), t_g_, t_w_); \
} while (0)
/* Two integers equal. */
#define T_INT(got, want, what) do { \
	long long t_g_ = (got), t_w_ = (want); \
	char t_gb_[32], t_wb_[32]; \
	snprintf(t_gb_, sizeof t_gb_, "%lld", t_g_); \
	snprintf(t_wb_, sizeof t_wb_, "%lld", t_w_); \
	t_ok(t_g_ == t_w_, (what), t_gb_, t_wb_); \
} while (0)

static int
t_done(void)
{
	printf("1..%d\n", t_n);
	return t_failed != 0;
}

#endif

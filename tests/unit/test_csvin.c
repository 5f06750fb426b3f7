/*
 * test_csvin: the CSV reader on the shapes real files take: line ends,
 * quotes across lines, BOMs and UTF-16, delimiters, blank rows, a quote
 * left open; each record's fields and the line it starts on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "msg.h"
#include "t.h"
#include "xmem.h"

/* Records as "line:field|field|...;" for comparing in one string. */
static int
collect(void *arg, const struct lk_csv_rec *r)
{
	struct lk_buf *b = arg;
	size_t	 i;

	lk_buf_addf(b, "%ld:", r->line);
	for (i = 0; i < r->n; i++) {
		if (i > 0)
			lk_buf_addc(b, '|');
		lk_buf_add(b, r->f[i], r->len[i]);
	}
	lk_buf_addc(b, ';');
	return 0;
}

/* Read data (of len bytes) and return what collect made; *rc the result. */
static char *
read_csv(const char *data, size_t len, const char *enc, int delim, int *rc,
    int *used)
{
	struct lk_csv_opts o = { enc, delim };
	struct lk_buf b = LK_BUF_INIT;
	struct lk_csv *c;
	FILE	*fp;

	fp = fmemopen((void *)data, len, "r");
	c = lk_csv_new(fp, "t.csv", &o);
	*rc = lk_csv_each(c, collect, &b);
	if (used != NULL)
		*used = lk_csv_delim(c);
	lk_csv_free(c);
	fclose(fp);
	return lk_buf_take(&b);
}

#define CHECK(data, enc, delim, want, what) do { \
	int	 rc_; \
	char	*got_ = read_csv((data), sizeof(data) - 1, (enc), (delim), \
	    &rc_, NULL); \
	T_STR(got_, (want), (what)); \
	T_INT(rc_, 0, what " (status)"); \
	free(got_); \
} while (0)

static int
stop_at_two(void *arg, const struct lk_csv_rec *r)
{
	(*(int *)arg)++;
	return r->line == 2 ? 42 : 0;
}

int
main(void)
{
	char	*got;
	int	 rc, delim, n;

	lk_msg_init("test_csvin");
	CHECK("a,b\n1,2\n", NULL, 0, "1:a|b;2:1|2;", "LF");
	CHECK("a,b\r\n1,2\r\n", NULL, 0, "1:a|b;2:1|2;", "CRLF");
	CHECK("a,b\r1,2\r3,4", NULL, 0, "1:a|b;2:1|2;3:3|4;", "bare CR");
	CHECK("a,b\n1,2", NULL, 0, "1:a|b;2:1|2;", "no final newline");
	CHECK("a,b\n1,2\n\n\n", NULL, 0, "1:a|b;2:1|2;",
	    "blank trailing lines");
	CHECK("\n\n,,,\na,b\n", NULL, 0, "4:a|b;",
	    "blank rows and a row of empty fields before the header");
	CHECK("a,b\n\"x\ny\",2\n3,4\n", NULL, 0, "1:a|b;2:x\ny|2;4:3|4;",
	    "a quoted newline: the next record starts two lines on");
	CHECK("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n", NULL, 0,
	    "1:a|b;2:x\r\ny|2;4:3|4;", "a quoted CRLF is kept and one line");
	CHECK("a,b\n\"x\ry\",2\n3,4\n", NULL, 0, "1:a|b;2:x\ry|2;4:3|4;",
	    "a quoted bare CR is a line");
	CHECK("a,b\n\"ha \"\"ha\"\" ha\",\"1,2\"\n", NULL, 0,
	    "1:a|b;2:ha \"ha\" ha|1,2;", "doubled quotes, a quoted comma");
	CHECK("a,b\n1,\"\"\n", NULL, 0, "1:a|b;2:1|;", "a quoted empty field");
	CHECK("a, b\nAriel, N.\n", NULL, 0, "1:a|b;2:Ariel|N.;",
	    "a space after the comma is not data");
	CHECK("h\n37.8\"N\n", NULL, 0, "1:h;2:37.8\"N;",
	    "a stray quote inside an unquoted field is data");
	CHECK("\xef\xbb\xbfName,Email\nAnn,a@x.com\n", NULL, 0,
	    "1:Name|Email;2:Ann|a@x.com;", "a UTF-8 BOM is not part of the "
	    "first header");
	CHECK("\xff\xfeN\0,\0E\0\r\0\n\0A\0,\0\xe9\0\r\0\n\0", NULL, 0,
	    "1:N|E;2:A|\xc3\xa9;", "UTF-16LE with a BOM");
	CHECK("\xfe\xff\0N\0,\0E\0\n\0A\0,\0\xe9\0\n", NULL, 0,
	    "1:N|E;2:A|\xc3\xa9;", "UTF-16BE with a BOM");
	CHECK("N,E\nJos\xe9,x\n", "windows-1252", 0,
	    "1:N|E;2:Jos\xc3\xa9|x;", "windows-1252 with --encoding");
	CHECK("N,E\nJos\xe9,x\n", NULL, 0, "1:N|E;2:Jos\xe9|x;",
	    "bytes are passed on as they are without --encoding");

	got = read_csv("a;b;c\n1;2,5;3\n", 14, NULL, 0, &rc, &delim);
	T_STR(got, "1:a|b|c;2:1|2,5|3;", "semicolons detected");
	T_INT(delim, ';', "the delimiter detected");
	free(got);
	got = read_csv("a\tb\n1 \t 2\n", 10, NULL, 0, &rc, &delim);
	T_STR(got, "1:a|b;2:1|2;", "tabs detected; spaces around "
	    "fields trimmed as in CSV");
	T_INT(delim, '\t', "tab detected");
	free(got);
	got = read_csv("\"a;b\",c\n1,2\n", 12, NULL, 0, &rc, &delim);
	T_INT(delim, ',', "a delimiter inside quotes does not count");
	free(got);
	got = read_csv("a;b,c\n", 6, NULL, ',', &rc, &delim);
	T_STR(got, "1:a;b|c;", "a given delimiter wins");
	free(got);

	got = read_csv("a,b\n1,2\n\"open,3\n4,5\n", 20, NULL, 0, &rc, NULL);
	T_STR(got, "1:a|b;2:1|2;", "records before a quote left open");
	T_INT(rc, EX_DATAERR, "a quote left open is an error");
	free(got);
	got = read_csv("", 0, NULL, 0, &rc, NULL);
	T_STR(got, "", "an empty file has no records");
	T_INT(rc, 0, "an empty file is no error");
	free(got);
	got = read_csv("N\0\n\0\0\xd8" "A\0\n\0", 10, "UTF-16LE", 0, &rc,
	    NULL);
	T_INT(rc, EX_DATAERR, "a lone surrogate in UTF-16 is an error");
	free(got);

	{
		struct lk_csv_opts o = { NULL, 0 };
		struct lk_csv *c;
		FILE	*fp;
		const char data[] = "a\n1\n2\n3\n";

		n = 0;
		fp = fmemopen((void *)data, sizeof(data) - 1, "r");
		c = lk_csv_new(fp, "t.csv", &o);
		T_INT(lk_csv_each(c, stop_at_two, &n), 42,
		    "the callback's nonzero stops and is returned");
		T_INT(n, 2, "no record after the stop");
		lk_csv_free(c);
		fclose(fp);
	}
	return t_done();
}

/*
 * fuzz_shifts: libFuzzer over what people and scheduling services hand
 * lead-staff: the shift export --load-shifts reads (lk_shifts_read, the
 * file to rows, no database) with each row's person found on a made-up
 * roster (lk_shifts_match), and a working-hours spec as --hours takes
 * it (lk_hours_parse).  An input is one option byte and then the file:
 *
 *   byte 0  bits 0-1  --date-order: none (as the file shows), mdy, dmy,
 *                     ymd
 *
 * and the file, up to its first NUL, is also read as an hours spec, so
 * the seeds tests/fuzz/run copies in start with a zero byte.
 *
 * Beyond not crashing: a file taken has rows as shifts.h says (a day
 * off a day and no times, a shift from its start's day ending after it
 * and within 24 hours, in file order), each matched row has someone on
 * the roster; hours taken are sorted spans within a week that read back
 * the same from their canonical form.
 *
 * The readers' one-line messages go to stderr; tests/fuzz/run closes it
 * (-close_fd_mask=2), so this harness keeps its own copy of stderr for
 * saying what broke.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "msg.h"
#include "shifts.h"
#include "staff.h"
#include "xmem.h"

/* The process's files, in a directory of its own, removed at exit. */
static struct {
	char	*dir;
	char	*in;		/* the input, rewritten for each */
	FILE	*err;		/* stderr before libFuzzer closed it */
} g;

/* Matched against every file taken: logins, e-mails, names, a name two
 * people share, someone with no name. */
static struct lk_staff roster[] = {
	{ 1, "ann", "Ann Lee", "iss", "", "", "ann@dealer.example", 1 },
	{ 2, "bob", "Bob Roe", "bdc", "", "", "bob@dealer.example", 1 },
	{ 3, "carl", "Carl Diaz", "manager", "", "", "carl@dealer.example",
	    1 },
	{ 4, "dee", "Dee Park", "floor", "", "", "", 1 },
	{ 5, "sam", "Sam Poe", "iss", "", "", "sam@dealer.example", 1 },
	{ 6, "sam2", "Sam Poe", "iss", "", "", "", 0 },
	{ 7, "zed", "", "admin", "", "", "zed@dealer.example", 1 },
	{ 8, "jose", "Jos\xc3\xa9 N\xc3\xba\xc3\xb1""ez", "iss", "", "",
	    "Jose@Dealer.Example", 1 },
};
#define NROSTER (sizeof(roster) / sizeof(roster[0]))

/* Times hours are judged at: the tests' now (a Monday 09:00), at each
 * DST change of 2026 in New York (past the hour skipped, in the hour
 * twice),
 * a Sunday at 23:59, the epoch. */
static const time_t at[] = { 1795442400, 1772955000, 1793511000,
    1795409940, 0 };

static void
fail(const char *what)
{
	fprintf(g.err != NULL ? g.err : stderr, "fuzz_shifts: %s\n", what);
	fflush(g.err != NULL ? g.err : stderr);
	abort();
}

static void
cleanup(void)
{
	unlink(g.in);
	rmdir(g.dir);
	free(g.in);
	free(g.dir);
	if (g.err != NULL)
		fclose(g.err);
}

static void
put(const char *file, const void *data, size_t size)
{
	ssize_t	 n;
	size_t	 off;
	int	 fd;

	if ((fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		abort();
	for (off = 0; off < size; off += (size_t)n)
		if ((n = write(fd, (const char *)data + off, size - off)) <= 0)
			abort();
	close(fd);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp;
	int	 fd;

	(void)argc;
	(void)argv;
	/* What the bats tests pin: a zone with DST, a fixed now. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	lk_msg_init("fuzz_shifts");
	if (lk_clock_init("2026-11-23T09:00:00-05:00") != 0)
		abort();
	if ((fd = dup(2)) != -1 && (g.err = fdopen(fd, "w")) == NULL)
		close(fd);
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	g.dir = lk_xasprintf("%s/fuzz_shifts.XXXXXX", tmp);
	if (mkdtemp(g.dir) == NULL) {
		perror(g.dir);
		exit(1);
	}
	g.in = lk_xasprintf("%s/shifts.csv", g.dir);
	atexit(cleanup);
	return 0;
}

/* What shifts.h promises of a file taken. */
static void
sound(const struct lk_shifts *s)
{
	const struct lk_shift *sh;
	char	 day[LK_DAY_MAX];
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		sh = &s->v[i];
		if (sh->line < 2 || (i > 0 && sh->line <= s->v[i - 1].line))
			fail("read: rows not after the header, in order");
		if (sh->login == NULL || sh->email == NULL || sh->name == NULL)
			fail("read: a row with a NULL person field");
		if (*sh->login == '\0' && *sh->email == '\0' &&
		    *sh->name == '\0')
			fail("read: a row that names nobody");
		if (strlen(sh->day) != 10 || sh->day[4] != '-' ||
		    sh->day[7] != '-')
			fail("read: a row's day is not YYYY-MM-DD");
		if (sh->off) {
			if (sh->start != 0 || sh->end != 0)
				fail("read: a day off with times");
			continue;
		}
		if (sh->end <= sh->start || sh->end - sh->start > 86400)
			fail("read: a shift not ending after its start "
			    "within 24 hours");
		if (strcmp(lk_day_local(sh->start, day), sh->day) != 0)
			fail("read: a shift's day is not its start's");
	}
}

static void
shifts(const uint8_t *data, size_t size, enum lk_dorder order)
{
	struct lk_shifts s;
	size_t	 i;
	int	 rc;

	put(g.in, data, size);
	rc = lk_shifts_read(g.in, order, &s);
	if (rc != 0) {
		if (rc != EX_DATAERR)
			fail("read: neither 0 nor 65");
		if (s.v != NULL || s.n != 0)
			fail("read: a file refused leaves rows behind");
		return;
	}
	sound(&s);
	rc = lk_shifts_match(&s, roster, NROSTER);
	if (rc != 0 && rc != EX_DATAERR)
		fail("match: neither 0 nor 65");
	for (i = 0; rc == 0 && i < s.n; i++)
		if (s.v[i].who >= NROSTER)
			fail("match: a row matched to nobody");
	lk_shifts_free(&s);
}

static int
spancmp(const struct lk_span *a, const struct lk_span *b)
{
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->to < b->to ? -1 : a->to > b->to;
}

/* What staff.h promises of hours taken. */
static void
hours_sound(const struct lk_hours *h)
{
	const struct lk_span *sp;
	size_t	 i;

	for (i = 0; i < h->n; i++) {
		sp = &h->spans[i];
		if (sp->day < 0 || sp->day > 6 || sp->from < 0 ||
		    sp->from >= 1440 || sp->to < 0 || sp->to > 1440 ||
		    sp->from == sp->to)
			fail("hours: a span outside a week's days and minutes");
		if (i > 0 && spancmp(&h->spans[i - 1], sp) >= 0)
			fail("hours: spans not sorted, or one twice");
	}
}

static void
hours(const char *spec)
{
	struct lk_buf why = LK_BUF_INIT, why2 = LK_BUF_INIT;
	struct lk_hours h, back;
	char	*canon, *again;
	size_t	 i;

	if (lk_hours_parse(spec, &h, &why) != 0) {
		if (why.len == 0)
			fail("hours: refused without a reason");
		if (h.n != 0 || h.spans != NULL)
			fail("hours: refused, yet spans left behind");
		lk_buf_free(&why);
		return;
	}
	hours_sound(&h);
	if (!lk_hours_any(&h))
		fail("hours: taken, yet no time in the week");
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		(void)lk_hours_on(&h, at[i]);
	/* The canonical form reads back as the same spans, and is its own
	 * canonical form. */
	canon = lk_hours_format(&h);
	if (lk_hours_parse(canon, &back, &why2) != 0)
		fail("hours: the canonical form does not read back");
	if (back.n != h.n || (h.n > 0 && memcmp(back.spans, h.spans,
	    h.n * sizeof(*h.spans)) != 0))
		fail("hours: the canonical form reads back otherwise");
	again = lk_hours_format(&back);
	if (strcmp(canon, again) != 0)
		fail("hours: the canonical form is not its own");
	free(again);
	free(canon);
	lk_hours_free(&back);
	lk_hours_free(&h);
	lk_buf_free(&why);
	lk_buf_free(&why2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum lk_dorder order[] = { LK_DORDER_ANY, LK_DORDER_MDY,
	    LK_DORDER_DMY, LK_DORDER_YMD };
	unsigned o = size > 0 ? data[0] : 0;
	size_t	 skip = size > 0;
	char	*s;

	shifts(data + skip, size - skip, order[o & 3]);
	s = lk_xstrndup((const char *)data + skip, size - skip);
	hours(s);
	free(s);
	return 0;
}

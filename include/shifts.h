/*
 * shifts: a shift export read as scheduling services write it (When I
 * Work, Deputy, 7shifts, Homebase, a spreadsheet): who works from when
 * to when on which day, and who has which day off; each row's person
 * found on the roster.  Nothing is stored here (db_staff.c does that).
 */
#ifndef LK_SHIFTS_H
#define LK_SHIFTS_H

#include <stddef.h>
#include <time.h>

#include "clock.h"
#include "staff.h"
#include "xmem.h"

struct lk_staff;

/* One row: a shift, or a day off. */
struct lk_shift {
	long	 line;		/* where the row starts in the file */
	const char *login;	/* who, as the row says ("" when it */
	const char *email;	/* does not) */
	const char *name;
	char	 day[LK_DAY_MAX];	/* the local day it starts */
	time_t	 start, end;	/* a shift: [start, end); 0 for a day off */
	int	 off;		/* a day off (Time Off, PTO, Vacation, ...) */
	size_t	 who;		/* its person: an index in the roster */
};

struct lk_shifts {
	const char *name;	/* the file as messages name it ("stdin") */
	struct lk_shift *v;
	size_t	 n;
	int	 guessed;	/* numeric dates read month-first, nothing
				   in the file saying which */
	struct lk_arena arena;	/* the rows' strings */
};

/*
 * Read the shift export at path ("-": stdin) with dates in order
 * (LK_DORDER_ANY: as the file shows, else month-first).  The header
 * names the columns (matched without regard to case or punctuation):
 * the person (Login, Username; Email; Employee, Name, or First and Last
 * Name), Date, Start and End (clock times or whole dates and times; or
 * one Shift column "9:00 AM - 5:00 PM"), and any of Type, Position,
 * Role, Notes: a value such as Time Off, PTO, Vacation, Holiday or
 * Unavailable makes the row a day off.  A shift whose end is a clock
 * time before its start ends the next day, and belongs to its first.  All or nothing: 0 with s filled in, or
 * a sysexits code after one line naming the first bad row
 * ("shifts.csv:17: start: not a time: \"25:00\"").
 */
int	 lk_shifts_read(const char *path, enum lk_dorder order,
	    struct lk_shifts *s);
/*
 * Find each row's person among roster[0..n): by login, else e-mail,
 * else full name (case, accents and punctuation aside; "Lee, Ann" is
 * Ann Lee).  0, or 65 after naming the first row nobody matches.
 */
int	 lk_shifts_match(struct lk_shifts *s, const struct lk_staff *roster,
	    size_t n);
void	 lk_shifts_free(struct lk_shifts *s);

#endif

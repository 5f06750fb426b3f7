/*
 * assign: who gets a lead.  The routing rules in force (lead-assign
 * --load-rules) pick a rule and rotation per lead; the strategy picks
 * the person: round-robin over the members on shift in a fair order kept
 * in the database (turns), a pool nobody is given it from, or the
 * rotation's manager.  Claims, hand-offs and redistribution, under the
 * rules of engagement.  Every decision says why.
 */
#ifndef LK_ASSIGN_H
#define LK_ASSIGN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "routing.h"

struct lk_db;
struct lk_out;

/*
 * The routing rules in force, parsed into *r: the newest load whose
 * batch was not undone.  *loaded is 0 when none was ever loaded (r is
 * then empty: no rules, rule-2..4 on, window 15 minutes).  0 or a
 * sysexits code.
 */
int	 lk_assign_rules(struct lk_db *, struct lk_routing *r, int *loaded);

/* One assignment run: a command's worth of leads. */
struct lk_assign;

struct lk_assign_opts {
	int	 dry_run;		/* decide and say, change nothing */
	const char *from;		/* redistribution: leave this person */
	char	**to;			/* ... to these, round-robin (NULL:
					   through the rules) */
	size_t	 nto;
};

/* Start a run (inside the command's transaction unless dry_run). */
int	 lk_assign_new(struct lk_db *, const struct lk_assign_opts *,
	    struct lk_out *out, struct lk_assign **ap);
/* Route lead id by the rules; its row goes to out:
 * id, login, rule, why. */
int	 lk_assign_lead(struct lk_assign *, int64_t id);
/* Every unassigned new lead, oldest first (lead-assign --new). */
int	 lk_assign_new_leads(struct lk_assign *);
/* Every open lead of a->from (redistribution). */
int	 lk_assign_redistribute(struct lk_assign *);
/* Store the round-robin turns; after this the caller commits. */
int	 lk_assign_finish(struct lk_assign *);
/* After the commit: run the notify command once per assignment made.
 * Failures are reported, one line each; returns how many failed. */
size_t	 lk_assign_notify(struct lk_assign *);
void	 lk_assign_free(struct lk_assign *);

/* lead-assign --claim: the acting person takes a pool or dormant lead;
 * 77 when it is not theirs to take (someone was first). */
int	 lk_assign_claim(struct lk_assign *, int64_t id);
/* lead-assign ID --to LOGIN: a hand-off (rule 4: managers only once a
 * salesperson is set; a BDC rep on someone's lead goes in its CDR
 * field). */
int	 lk_assign_to(struct lk_assign *, int64_t id, const char *login);

#endif

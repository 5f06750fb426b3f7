/*
 * routing: the dealership's distribution policy, a text file it edits
 * and loads (lead-assign --load-rules): rotations (named groups of staff,
 * optionally weighted, with a manager), ordered rules that match a lead
 * and send it to a rotation with a strategy, a default rule, and
 * settings.  Reading and matching only; the database keeps the text.
 *
 *	# comment
 *	set window 15m                  default response window
 *	set notify /usr/local/bin/lead-text "$STAFF_PHONE"
 *	set rule-2 off                  rules of engagement 2, 3, 4: on/off
 *	rotation internet manager=meg ann bob*2 cat
 *	rule oem type=new source=GM*,"Chevrolet Web" -> internet round-robin
 *	rule used type=used window=30m -> used pool
 *	rule phone origin=phone -> bdc manager else=internet
 *	default -> internet round-robin
 *
 * A rule's conditions (type, source, origin, make, stock) are
 * comma-separated shell patterns matched without regard to case (a
 * lead with no value matches none); all the rule's conditions must hold.
 * After "->": the rotation, the strategy (round-robin, pool, manager),
 * and options: window=DUR (0 or none: never moved on), else=ROTATION
 * (where a lead goes, round-robin, when nobody in the rotation is on
 * shift; without it the lead waits).  Words are split at blanks; double
 * quotes keep blanks in one ("Dealer Website").
 *
 * Also: the options may come before "->" too (as rule used does); DUR
 * is 15m, 2h, 1d, "1h 30m" (lk_dur_parse), never months; "#" starts a
 * comment where a word could start, outside quotes; "set notify" takes
 * the rest of its line as written, for the shell, quotes and "#" kept;
 * each setting is set once.
 */
#ifndef LK_ROUTING_H
#define LK_ROUTING_H

#include <stddef.h>

enum lk_strategy { LK_ROUND_ROBIN, LK_POOL, LK_MANAGER };

struct lk_member {
	char	*login;
	int	 weight;		/* 1.. (login*3) */
};

struct lk_rotation {
	char	*name;
	char	*manager;		/* NULL when none */
	struct lk_member *members;
	size_t	 n;
	long	 line;
};

/* A condition: NULL when the rule sets none, else a NULL-ended list. */
struct lk_rule {
	char	*name;			/* "default" for the default rule */
	long	 line;
	char	**type, **source, **origin, **make, **stock;
	char	*rotation;
	enum lk_strategy strategy;
	long	 window;		/* seconds; 0: never moved on */
	char	*otherwise;		/* else=ROTATION, or NULL */
	int	 is_default;
};

struct lk_routing {
	struct lk_rotation *rot;
	size_t	 nrot;
	struct lk_rule *rules;		/* in order; the default, if any,
					   last */
	size_t	 nrules;
	long	 window;		/* set window (default 900) */
	char	*notify;		/* set notify, or NULL */
	int	 rule2, rule3, rule4;	/* set rule-N (default 1: on) */
};

/*
 * Read rules text (len bytes) from file (for messages; "-" stdin).  0,
 * or 65 after one line "lead-assign: rules.txt:7: ..." naming what is
 * wrong: an unknown word or strategy, a rule naming an unknown rotation,
 * two rotations or rules of one name, a second default, a bad weight or
 * window.  Staff logins are not checked here (lk_routing_check).
 */
int	 lk_routing_parse(const char *text, size_t len, const char *file,
	    struct lk_routing *r);
void	 lk_routing_free(struct lk_routing *r);

/* What a rule looks at in a lead. */
struct lk_route_lead {
	const char *type, *source, *origin, *make, *stock;
};
/* The first rule that matches l, else the default, else NULL. */
const struct lk_rule *lk_routing_match(const struct lk_routing *r,
	    const struct lk_route_lead *l);
/* The rotation named name, or NULL. */
const struct lk_rotation *lk_routing_rotation(const struct lk_routing *r,
	    const char *name);
const char *lk_strategy_name(enum lk_strategy);

/*
 * Problems with the rules as a dealership would want told: a rule an
 * earlier one catches every lead of (it can never match), a condition
 * no lead can have (origin=fax), a rotation nobody can serve (no
 * members; every member unknown, inactive, an admin, or with no working
 * hours), a manager strategy on a rotation without a manager, a login
 * not on the roster.  staff(login, arg) says where a login stands:
 * returns 0 not on the roster, else 1 with *role and *serves (active,
 * with some working hours) set.  report(line, what ("rule"/"rotation"),
 * name, problem, arg) is called per problem, in line order; returns the
 * number of problems.  With staff NULL only the file is judged.  No
 * default (and no rule without conditions) is reported on line 0.  A
 * rotation only manager-strategy rules use needs no members, only a
 * manager on the roster, a manager by role while rule 4 holds.
 */
size_t	 lk_routing_check(const struct lk_routing *r,
	    int (*staff)(const char *login, const char **role, int *serves,
		void *arg),
	    void (*report)(long line, const char *what, const char *name,
		const char *problem, void *arg),
	    void *arg);

#endif

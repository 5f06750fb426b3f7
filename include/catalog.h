/*
 * catalog: the status catalog, follow-up kinds and cadence plan as the
 * dealership writes them (tab-separated text, the .tsv files of share/), parsed into
 * structures; and finding a status by what people type.
 */
#ifndef LK_CATALOG_H
#define LK_CATALOG_H

#include <stddef.h>
#include <stdint.h>

struct lk_buf;

/* One status and its rules (share/statuses.tsv says what each means). */
struct lk_status {
	int64_t	 id;		/* 0 for a status not yet stored */
	char	*name;
	char	*groups;	/* space-separated */
	char	*title;
	int	 initial;
	int	 follow_up;
	char	*follow_up_kind;	/* NULL: any kind */
	char	*follow_up_in;		/* NULL: none scheduled for you */
	char	*default_kind;		/* NULL: the default kind */
	int	 never_dormant;
	int	 sold;
	int	 excluded;
	int	 is_auto;
	char	*min_age;		/* NULL: no age rule */
	int	 min_attempts;		/* 0: no attempts rule */
	int	 needs_visit;
	char	*duplicate_within;	/* NULL: not a duplicate status */
};

struct lk_catalog {
	struct lk_status *s;	/* in catalog order */
	size_t	 n;
};

/* A follow-up kind. */
struct lk_kind {
	char	*name;
	int	 appointment;	/* the customer comes in */
	int	 is_default;	/* the kind when none is named */
	char	*done_by;	/* activity kinds completing one */
	char	*title;
};

struct lk_kinds {
	struct lk_kind *k;
	size_t	 n;
};

/* One step of a cadence plan. */
struct lk_step {
	char	*plan;
	int	 day;		/* 1 is the day of assignment */
	char	*kind;
	char	*note;
};

struct lk_cadence {
	struct lk_step *s;
	size_t	 n;
};

/*
 * Parse a catalog (header "name groups rules title", optionally with an
 * "id" column first, as lead-status --catalog --format tsv prints it).
 * file names it in messages.  Checks each rule, durations, one initial
 * status, unique names.  Returns 0, or -1 after one message per problem
 * ("lead-status: my.tsv:7: rules: unknown rule: \"folow-up\"").
 */
int	 lk_catalog_parse(const char *text, size_t len, const char *file,
	    struct lk_catalog *c);
void	 lk_catalog_free(struct lk_catalog *c);

/* Read and parse the catalog file at path: 0, 66 when it cannot be
 * read, 65 after a message per bad line. */
int	 lk_catalog_read(const char *path, struct lk_catalog *c);
/* List c to out: id, name, groups, rules, title (what --load-catalog
 * reads back), and the kinds: kind, flags, done_by, title. */
struct lk_out;
void	 lk_catalog_list(const struct lk_catalog *c, struct lk_out *out);
void	 lk_kinds_list(const struct lk_kinds *k, struct lk_out *out);

/* The rules of s as the catalog file writes them, appended to out. */
void	 lk_status_rules(const struct lk_status *s, struct lk_buf *out);

/*
 * The status people mean by name: the exact name (any case, a space or
 * underscore for a hyphen), else the one status it is a prefix of.
 * Returns its index; -1 when none matches; -2 when several do, with
 * their names, comma-separated, in matches (if not NULL).
 */
int	 lk_catalog_find(const struct lk_catalog *c, const char *name,
	    struct lk_buf *matches);
/* Index of the initial status, or -1. */
int	 lk_catalog_initial(const struct lk_catalog *c);
/* Index of the status with this id, or -1. */
int	 lk_catalog_byid(const struct lk_catalog *c, int64_t id);

/* Follow-up kinds (header "kind flags title"): 0 or -1 with messages. */
int	 lk_kinds_parse(const char *text, size_t len, const char *file,
	    struct lk_kinds *k);
void	 lk_kinds_free(struct lk_kinds *k);
/* The kind called name (any case), or NULL; the default kind. */
const struct lk_kind *lk_kinds_find(const struct lk_kinds *k,
	    const char *name);
const struct lk_kind *lk_kinds_default(const struct lk_kinds *k);

/* A cadence (header "plan day kind note"): 0 or -1 with messages. */
int	 lk_cadence_parse(const char *text, size_t len, const char *file,
	    struct lk_cadence *c);
void	 lk_cadence_free(struct lk_cadence *c);

/* A tab-separated table being read (the files of share/). */
struct lk_tsv;
/*
 * Call row() for each data line of text: comments (#) and blank lines
 * skipped, the first other line taken as the header, which must name
 * each of need (NULL-terminated).  Returns the problems found.
 */
int	 lk_tsv_read(const char *text, size_t len, const char *file,
	    const char *const *need, void (*row)(struct lk_tsv *, void *),
	    void *arg);
/* Field called name on the current line; "" when the line is short. */
const char *lk_tsv_col(struct lk_tsv *, const char *name);
/* Report a problem with the current line ("file:line: field: why: value"). */
void	 lk_tsv_bad(struct lk_tsv *, const char *field, const char *value,
	    const char *why);

#endif

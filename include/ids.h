/*
 * ids: lead ids as every program takes them: on the command line, or
 * with "-" from stdin, one a line, the first field of any listing (its
 * header skipped), so one program's output is the next one's input.
 */
#ifndef LK_IDS_H
#define LK_IDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A positive id written in digits only, or 0 when s is not one. */
int64_t	 lk_id_parse(const char *s);
/* Append id to the array *ids of *n (the caller frees *ids). */
void	 lk_ids_add(int64_t **ids, size_t *n, int64_t id);
/*
 * Append the ids of fp, named name in messages: the first tab-separated
 * field of each line; blank lines and a first line "id" or "lead_id" (a
 * listing's header) skipped.  0, or 65 after "name:LINE: not a lead id",
 * or 74 on a read error.
 */
int	 lk_ids_read(FILE *fp, const char *name, int64_t **ids, size_t *n);
/* Keep each id once, where it first came: a history names a lead on
 * many lines, and a change must not run twice on one lead. */
void	 lk_ids_uniq(int64_t *ids, size_t *n);

#endif

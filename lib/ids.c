/* ids: reading lead ids from arguments and from any listing on stdin. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ids.h"
#include "msg.h"
#include "xmem.h"

int64_t
lk_id_parse(const char *s)
{
	char	*end;
	long long v;

	if (!isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1)
		return 0;
	return v;
}

void
lk_ids_add(int64_t **ids, size_t *n, int64_t id)
{
	*ids = lk_xreallocarray(*ids, *n + 1, sizeof(**ids));
	(*ids)[(*n)++] = id;
}

int
lk_ids_read(FILE *fp, const char *name, int64_t **ids, size_t *n)
{
	char	*line = NULL;
	size_t	 cap = 0;
	long	 lineno = 0;
	int64_t	 id;

	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		line[strcspn(line, "\t\r\n")] = '\0';
		/* A listing's header: a lead's "id", a history's "lead_id". */
		if (*line == '\0' || (lineno == 1 &&
		    (strcmp(line, "id") == 0 || strcmp(line, "lead_id") == 0)))
			continue;
		if ((id = lk_id_parse(line)) == 0) {
			lk_msg_at(EX_DATAERR, name, lineno, NULL, line,
			    "not a lead id");
			free(line);
			return EX_DATAERR;
		}
		lk_ids_add(ids, n, id);
	}
	free(line);
	if (ferror(fp)) {
		lk_err(EX_IOERR, "%s: %s", name, strerror(errno));
		return EX_IOERR;
	}
	return 0;
}

static int
byid(const void *x, const void *y)
{
	const int64_t *p = x, *q = y;

	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	return p[1] < q[1] ? -1 : p[1] > q[1];
}

void
lk_ids_uniq(int64_t *ids, size_t *n)
{
	int64_t	*pairs;
	size_t	 i, k;

	if (*n < 2)
		return;
	/* (id, position) sorted: the first of each id keeps its place. */
	pairs = lk_xreallocarray(NULL, *n, 2 * sizeof(*pairs));
	for (i = 0; i < *n; i++) {
		pairs[2 * i] = ids[i];
		pairs[2 * i + 1] = (int64_t)i;
	}
	qsort(pairs, *n, 2 * sizeof(*pairs), byid);
	for (i = 1; i < *n; i++)
		if (pairs[2 * i] == pairs[2 * i - 2])
			ids[pairs[2 * i + 1]] = 0;
	free(pairs);
	for (i = k = 0; i < *n; i++)
		if (ids[i] != 0)
			ids[k++] = ids[i];
	*n = k;
}

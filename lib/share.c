/* share: finding a compiled-in file of share/ by name. */
#include <string.h>

#include "share.h"

const struct lk_share_file *
lk_share(const char *name)
{
	const struct lk_share_file *f;

	for (f = lk_share_files; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* json: writing JSON text (RFC 8259) into a buffer. */
#ifndef LK_JSON_H
#define LK_JSON_H

#include <stddef.h>

struct lk_buf;

/*
 * s[0..len) as a JSON string, quotes included, appended to out: quote,
 * backslash and control characters escaped, invalid UTF-8 replaced by
 * U+FFFD so the result is always valid JSON.
 */
void	 lk_json_str(struct lk_buf *out, const char *s, size_t len);

#endif

/* json: JSON strings that stay valid whatever bytes a lead holds. */
#include <string.h>

#include "json.h"
#include "norm.h"
#include "xmem.h"

void
lk_json_str(struct lk_buf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t	 i, run, bad;

	lk_buf_addc(out, '"');
	for (i = 0; i < len; ) {
		/* Copy the longest run needing no escape in one go. */
		for (run = i; run < len && s[run] >= 0x20 && s[run] < 0x80 &&
		    s[run] != '"' && s[run] != '\\'; run++)
			;
		lk_buf_add(out, s + i, run - i);
		if ((i = run) >= len)
			break;
		if (s[i] >= 0x80) {
			for (run = i; run < len && s[run] >= 0x80; run++)
				;
			bad = lk_utf8_check((const char *)s + i, run - i);
			if (bad == (size_t)-1) {
				lk_buf_add(out, s + i, run - i);
				i = run;
			} else {
				lk_buf_add(out, s + i, bad);
				lk_buf_adds(out, "\\ufffd");
				i += bad + 1;
				/* Skip the rest of a broken sequence. */
				while (i < run && (s[i] & 0xc0) == 0x80)
					i++;
			}
			continue;
		}
		switch (s[i]) {
		case '"':
			lk_buf_adds(out, "\\\"");
			break;
		case '\\':
			lk_buf_adds(out, "\\\\");
			break;
		case '\n':
			lk_buf_adds(out, "\\n");
			break;
		case '\r':
			lk_buf_adds(out, "\\r");
			break;
		case '\t':
			lk_buf_adds(out, "\\t");
			break;
		default:
			lk_buf_addf(out, "\\u%04x", s[i]);
			break;
		}
		i++;
	}
	lk_buf_addc(out, '"');
}

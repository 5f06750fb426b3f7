/*
 * adf: leads from ADF (Auto-lead Data Format 1.0) documents, the XML the
 * industry sends leads in, read the way a careful person reads what real
 * senders send: the document found in whatever text wraps it, its
 * encoding decided from its bytes, HTML entities, stray ampersands and
 * curly quotes taken as meant, libxml2's recovery for the rest.  What a
 * prospect carries that a lead has no field for is kept as the lead's
 * extras, under its place in the document ("vehicle[2].make",
 * "customer.contact.phone@time", "provider.url").
 */
#ifndef LK_ADF_H
#define LK_ADF_H

#include <stddef.h>

#include "lead.h"

/*
 * Called with each prospect as a lead (fields set, received time read,
 * not yet finished: the caller names the source and calls
 * lk_lead_finish); nth counts the prospects from 1.  The lead and its
 * strings live until fn returns.  Nonzero stops the reading.
 */
typedef int (*lk_adf_fn)(struct lk_lead *l, size_t nth, void *arg);

/*
 * Read the ADF in data[0..len): one or more <adf> documents, or bare
 * <prospect>s, with any text around them.  charset is what a container
 * said the bytes are (a MIME part's charset) or NULL; bytes that are
 * valid UTF-8 are read as UTF-8 whatever anyone declared.  Returns fn's
 * nonzero value if it stopped, else 0 with *n set to the prospects found
 * and, when there were none, *why (the caller frees it) saying why:
 * "no ADF (no <adf> or <prospect> element)", "not XML: ...".
 */
int	 lk_adf_read(const char *data, size_t len, const char *charset,
	    lk_adf_fn fn, void *arg, size_t *n, char **why);

#endif

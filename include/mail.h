/*
 * mail: the lead documents in a mail message.  A mail system hands a
 * whole RFC 5322 message over; the ADF in it may be the body or any MIME
 * part, in any transfer encoding and charset.  GMime reads the MIME;
 * lib/adf.c reads the ADF in what is found here.
 */
#ifndef LK_MAIL_H
#define LK_MAIL_H

#include <stddef.h>

/*
 * What identifies the message (the outer one of a forward).  Each field
 * is NULL when absent or empty, else malloc'd valid UTF-8 that
 * lk_mail_info_free frees.
 */
struct lk_mail_info {
	char	*from;		/* the From: header, RFC 2047 decoded */
	char	*subject;	/* RFC 2047 decoded */
	char	*message_id;	/* without the <> */
	char	*date;		/* the Date: header as written, unfolded */
};

/* Free the fields of info (not info itself) and set them to NULL. */
void	 lk_mail_info_free(struct lk_mail_info *);

/*
 * Called for each part whose decoded content holds a lead document.
 * data[0..len) is the part's content with its transfer encoding undone
 * and still in its charset (data[len] is a NUL for convenience; the data
 * may hold NULs, as UTF-16 does): charset is what its Content-Type said,
 * lower case, or NULL when it said none.  A text/html part holding the
 * ADF escaped ("&lt;adf&gt;") is passed as its text, unescaped, in
 * "utf-8"; a file uuencoded in a text part ("begin 644 lead.xml") is
 * passed decoded, with charset NULL.  part says where it was, for
 * messages: "1.2 text/xml leads.xml" (IMAP part number, type, file name
 * if any, control characters made '?'), "1 text/plain (uuencoded)",
 * "1 text/plain (no mail headers)".  The data may hold more than the
 * ADF (the note around it in a text part, CRLF line ends): the reader
 * looks for <adf> in it.  All of it is valid only during the call.
 * Returns 0 to go on, nonzero to stop.
 */
typedef int (*lk_mail_fn)(const char *data, size_t len, const char *charset,
    const char *part, void *arg);

/*
 * Read message buf[0..len) and call fn for each part that holds ADF
 * ("<adf" or "<prospect", any case, also in UTF-16), in message order.
 * Of a multipart/alternative only one alternative is passed: the first
 * XML one that holds ADF, else the first text/plain, else HTML.
 * Forwarded messages (message/rfc822) are searched; image, audio and
 * video parts are not; nesting past 32 levels is skipped.  Input with no
 * mail headers at all (an .xml file piped in) is read as one text part.
 *
 * Returns fn's value if it stopped, else 0.  *nparts (may be NULL) is
 * set to how many parts were passed to fn.  When none was, *why (may be
 * NULL) is set to a sentence fragment the caller frees, e.g. "no ADF in
 * the message (3 parts: text/plain, text/html, image/png)"; else to
 * NULL.  info (may be NULL) is filled either way, overwriting its
 * fields: free them first when reusing it.
 *
 * The first call initialises GMime (not thread-safe: call it first from
 * one thread) and silences GMime's log domain so nothing reaches stderr.
 * lk_mail_done releases what that initialisation holds; it is optional.
 */
int	 lk_mail_adf(const char *buf, size_t len, struct lk_mail_info *info,
	    lk_mail_fn fn, void *arg, size_t *nparts, char **why);
void	 lk_mail_done(void);

#endif

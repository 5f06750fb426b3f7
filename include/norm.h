/*
 * norm: turning what customers and exports write into what leadkit
 * matches on: phone numbers in E.164, e-mail addresses, names, header
 * names, UTF-8 checks and Unicode folding.  No allocation but into the
 * caller's buffers.
 */
#ifndef LK_NORM_H
#define LK_NORM_H

#include <stddef.h>

struct lk_buf;

/*
 * Phone number s to E.164 appended to out: North American numbers in
 * every common format ("(555) 123-4567", "555.123.4567", "1-555-123-4567",
 * "+1 555 123 4567", "5551234567") become "+15551234567" when the area
 * code is valid (starts 2-9; the exchange is not checked, so the
 * 555-123-4567 of examples reads); international numbers
 * written with "+", "00" or "011" become "+" and their 8-15 digits.  An
 * extension ("x12", "ext. 12", "ext 12", "#12", ",12") is kept:
 * "+15551234567;ext=12".  Returns 1 when s is a usable number, 0 when it
 * is not (7 digits, a 14-digit "+1", letters, a national number of
 * another country without its code): out is then left unchanged.
 */
int	 lk_phone_e164(const char *s, struct lk_buf *out);

/*
 * E-mail address s trimmed and lower-cased for matching, appended to
 * out ("mailto:" and enclosing <> dropped).  Returns 1 when it looks
 * like an address (exactly one @, a local part, a domain of two or more
 * non-empty labels of letters, digits and hyphens; no spaces or control
 * characters), 0 when not: out is then left unchanged.
 */
int	 lk_email_norm(const char *s, struct lk_buf *out);

/* Offset of the first byte of s[0..len) that is not valid UTF-8
 * (overlongs, surrogates and code points past U+10FFFF included), or
 * (size_t)-1 when all of it is valid. */
size_t	 lk_utf8_check(const char *s, size_t len);

/* Trim white space (ASCII and Unicode, NBSP included) at both ends of
 * s[0..len): moves *s and returns the new length. */
size_t	 lk_trim(const char **s, size_t len);

/*
 * A header name as matched: case-folded (Unicode), letters and digits
 * only, appended to out.  "E-mail Address" and "EMAIL_ADDRESS" both
 * give "emailaddress"; "Zip/Post Code" gives "zippostcode".
 */
void	 lk_key_fold(const char *s, struct lk_buf *out);

/*
 * Text folded for matching people, appended to out: NFKC, case-folded,
 * accents stripped; apostrophes, periods and hyphens dropped (they join
 * a word), other punctuation and white space one space, trimmed.
 * "  José  O'Brien-Smith " gives "jose obriensmith".
 */
void	 lk_fold(const char *s, struct lk_buf *out);

/*
 * Split a full name into first and last as substrings of s[0..len):
 * "Ann Lee" -> "Ann" / "Lee"; "Lee, Ann" -> "Ann" / "Lee"; "Mary Ann
 * Lee" -> "Mary Ann" / "Lee"; "Ann van der Berg" -> "Ann" / "van der
 * Berg"; "Ann Lee Jr." -> "Ann" / "Lee Jr."; one word is a first name
 * (last empty).  Offsets and lengths are set; a missing part has length 0.
 */
void	 lk_name_split(const char *s, size_t len, size_t *first_off,
	    size_t *first_len, size_t *last_off, size_t *last_len);

#endif

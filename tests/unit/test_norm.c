/*
 * test_norm: the cases of norm.h and the dealer files it was written
 * for, each function fed what real exports hold and what must fail.
 */
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "norm.h"
#include "t.h"
#include "xmem.h"

static struct lk_buf b = LK_BUF_INIT;
static struct lk_buf name = LK_BUF_INIT;

/*
 * Run f on s over a buffer already holding "<": the result without it,
 * NULL on a 0 return that left the buffer alone, "(clobbered)" on one
 * that did not.
 */
static const char *
run(int (*f)(const char *, struct lk_buf *), const char *s)
{
	lk_buf_clear(&b);
	lk_buf_addc(&b, '<');
	if (f(s, &b))
		return lk_buf_str(&b) + 1;
	return strcmp(lk_buf_str(&b), "<") == 0 ? NULL : "(clobbered)";
}

/* "fn(s)" with s quoted, so control bytes in it cannot break TAP. */
static const char *
what(const char *fn, const char *s)
{
	lk_buf_clear(&name);
	lk_buf_adds(&name, fn);
	lk_buf_addc(&name, '(');
	lk_msg_quote(&name, s, 80);
	lk_buf_addc(&name, ')');
	return lk_buf_str(&name);
}

static void
phone(const char *s, const char *want)
{
	T_STR(run(lk_phone_e164, s), want, what("phone", s));
}

static void
email(const char *s, const char *want)
{
	T_STR(run(lk_email_norm, s), want, what("email", s));
}

static void
keyfold(const char *s, const char *want)
{
	lk_buf_clear(&b);
	lk_key_fold(s, &b);
	T_STR(lk_buf_str(&b), want, what("key_fold", s));
}

static void
fold(const char *s, const char *want)
{
	lk_buf_clear(&b);
	lk_fold(s, &b);
	T_STR(lk_buf_str(&b), want, what("fold", s));
}

static void
utf8(const char *s, size_t len, size_t want, const char *label)
{
	T_INT(lk_utf8_check(s, len), want, label);
}

static void
trim(const char *s, const char *want)
{
	const char *p = s;
	size_t	 n;

	n = lk_trim(&p, strlen(s));
	lk_buf_clear(&b);
	lk_buf_add(&b, p, n);
	T_STR(lk_buf_str(&b), want, what("trim", s));
}

/* "first|last" as lk_name_split cut s. */
static void
split(const char *s, const char *want)
{
	size_t	 fo, fl, lo, ll;

	lk_name_split(s, strlen(s), &fo, &fl, &lo, &ll);
	lk_buf_clear(&b);
	lk_buf_add(&b, s + fo, fl);
	lk_buf_addc(&b, '|');
	lk_buf_add(&b, s + lo, ll);
	T_STR(lk_buf_str(&b), want, what("name_split", s));
}

static void
test_phone(void)
{
	phone("(555) 123-4567", "+15551234567");
	phone("555-123-4567", "+15551234567");
	phone("555.123.4567", "+15551234567");
	phone("1 (555) 123-4567", "+15551234567");
	phone("1-555-123-4567", "+15551234567");
	phone("+1 555 123 4567", "+15551234567");
	phone("+1 (555) 123-4567", "+15551234567");
	phone("5551234567", "+15551234567");
	phone("15551234567", "+15551234567");
	phone("  (555) 123-4567\t", "+15551234567");
	phone("555/123-4567", "+15551234567");
	phone("(204) 345-4324", "+12043454324");
	phone("250-453-4211", "+12504534211");
	phone("+44 20 7946 1001", "+442079461001");
	phone("0044 20 7946 1001", "+442079461001");
	phone("011 44 20 7946 1001", "+442079461001");
	phone("+44 (0)20 7946 1001", "+442079461001");
	phone("0044 (0)20 7946 1001", "+442079461001");
	phone("+49 30 901820", "+4930901820");
	phone("+33 1 23 45 67 89", "+33123456789");

	phone("555-123-4567 x12", "+15551234567;ext=12");
	phone("555-123-4567x12", "+15551234567;ext=12");
	phone("555-123-4567 X 12", "+15551234567;ext=12");
	phone("555-123-4567 ext. 12", "+15551234567;ext=12");
	phone("555-123-4567 ext 12", "+15551234567;ext=12");
	phone("555-123-4567 Ext: 12", "+15551234567;ext=12");
	phone("555-123-4567 extension 12 ", "+15551234567;ext=12");
	phone("(555) 123-4567 #12", "+15551234567;ext=12");
	phone("555-123-4567,12", "+15551234567;ext=12");
	phone("+44 20 7946 1001 x7", "+442079461001;ext=7");
	phone("(+1) 555-123-4567", "+15551234567");
	/* The exchange may start 0 or 1: norm.h's own 555-123-4567 does. */
	phone("(555) 023-4567", "+15550234567");
	/* Our own output comes back unchanged. */
	phone("+15551234567;ext=12", "+15551234567;ext=12");
	phone("+442079461001", "+442079461001");

	/* NBSP, U+2011 hyphen, an LRM from a web page. */
	phone("555\xc2\xa0" "123\xe2\x80\x91" "4567", "+15551234567");
	phone("\xe2\x80\x8e" "+1 555 123 4567", "+15551234567");

	phone("555-0101", NULL);
	phone("123-4567", NULL);
	phone("+15736562741345", NULL);
	phone("+1 555 123 456", NULL);
	phone("070 7086 0753", NULL);
	phone("(03) 5330 2874", NULL);
	phone("(155) 123-4567", NULL);
	phone("1 (155) 123-4567", NULL);
	phone("+1 155 123 4567", NULL);
	phone("(055) 123-4567", NULL);
	phone("(555) 123-4567 8", NULL);
	phone("n/a", NULL);
	phone("", NULL);
	phone("   ", NULL);
	phone("1-800-FLOWERS", NULL);
	phone("555-123-4567 x", NULL);
	phone("555-123-4567 ext", NULL);
	phone("555-123-4567 x12 cell", NULL);
	phone("555-123-4567 home", NULL);
	phone("555-123-4567 / 555-987-6543", NULL);
	phone("5+55-123-4567", NULL);
	phone("++1 555 123 4567", NULL);
	phone("555+123-4567", NULL);
	phone("+0 20 7946 1001", NULL);
	phone("+44 123", NULL);
	phone("+44 20 7946 1001 2345 67", NULL);
	phone("00 0 20 7946 1001", NULL);
	phone("5551234567\xff", NULL);
	phone("\xef\xbc\x95\xef\xbc\x95\xef\xbc\x95" "1234567", NULL);
	phone("12345678901234567890123456789", NULL);
}

static void
test_email(void)
{
	email(" Ann.Lee@Example.COM ", "ann.lee@example.com");
	email("ann@example.com", "ann@example.com");
	email("<ann@example.com>", "ann@example.com");
	email("mailto:ann@example.com", "ann@example.com");
	email("MAILTO:Ann@Example.com", "ann@example.com");
	email("<mailto:ann@example.com>", "ann@example.com");
	email("\xc2\xa0" "ann@example.com\xef\xbb\xbf", "ann@example.com");
	email("ann+leads@mail.example.co.uk", "ann+leads@mail.example.co.uk");
	email("o'brien@my-dealer.com", "o'brien@my-dealer.com");
	email("Jos\xc3\x89@example.com", "jos\xc3\x89@example.com");

	email("ann@", NULL);
	email("@example.com", NULL);
	email("ann@example", NULL);
	email("ann@@example.com", NULL);
	email("ann@bob@example.com", NULL);
	email("ann lee@example.com", NULL);
	email("ann@exa mple.com", NULL);
	email("ann@.example.com", NULL);
	email("ann@example..com", NULL);
	email("ann@example.com.", NULL);
	email("ann@-example.com", NULL);
	email("ann@example_co.com", NULL);
	email("ann\t@example.com", NULL);
	email("ann\xc2\xa0lee@example.com", NULL);
	email("<ann@example.com", NULL);
	email("ann@example.com, bob@example.com", NULL);
	email("annexample.com", NULL);
	email("", NULL);
	email("mailto:", NULL);
	email("<>", NULL);
}

static void
test_utf8(void)
{
	utf8("", 0, (size_t)-1, "utf8: empty");
	utf8("plain ASCII text, long enough for words", 39, (size_t)-1,
	    "utf8: ASCII");
	utf8("Pr\xc3\xa9nom \xe2\x82\xac \xf0\x9f\x9a\x97", 16, (size_t)-1,
	    "utf8: 2-, 3- and 4-byte sequences");
	utf8("a\0b", 3, (size_t)-1, "utf8: NUL is valid");
	utf8("\xf4\x8f\xbf\xbf", 4, (size_t)-1, "utf8: U+10FFFF");
	utf8("\xed\x9f\xbf", 3, (size_t)-1, "utf8: U+D7FF");
	utf8("\xc0\x80", 2, 0, "utf8: overlong C0 80");
	utf8("\xc1\xbf", 2, 0, "utf8: overlong C1 BF");
	utf8("ab\xe0\x80\x80", 5, 2, "utf8: overlong E0 80 80");
	utf8("\xf0\x80\x80\x80", 4, 0, "utf8: overlong F0 80 80 80");
	utf8("x\xed\xa0\x80", 4, 1, "utf8: surrogate ED A0 80");
	utf8("\xf4\x90\x80\x80", 4, 0, "utf8: past U+10FFFF");
	utf8("\xf5\x80\x80\x80", 4, 0, "utf8: F5 lead");
	utf8("abc\xc3", 4, 3, "utf8: truncated at the end");
	utf8("\xe2\x82z", 3, 0, "utf8: truncated by an ASCII byte");
	utf8("\xe2\x82\xac", 2, 0, "utf8: cut by len");
	utf8("0123456789\x80", 11, 10, "utf8: stray continuation");
	utf8("0123456789abcdef\xff", 17, 16, "utf8: FF after 16 ASCII");
}

static void
test_trim(void)
{
	trim("  Ann \t\r\n", "Ann");
	trim("\v\fAnn Lee\f", "Ann Lee");
	trim("\xc2\xa0" "Ann\xc2\xa0", "Ann");
	trim("\xe2\x80\x87" "Ann\xe2\x80\xaf", "Ann");
	trim("\xe3\x80\x80" "Ann\xe3\x80\x80", "Ann");
	trim("\xef\xbb\xbf" "Ann", "Ann");
	trim("Ann\xe2\x80\xa8", "Ann");
	trim("Jos\xc3\xa9", "Jos\xc3\xa9");
	trim("\xc3\xa9 ", "\xc3\xa9");
	trim("Ann \xa0", "Ann \xa0");
	trim(" \xc2", "\xc2");
	trim("   ", "");
	trim("", "");
}

static void
test_key_fold(void)
{
	keyfold("E-mail Address", "emailaddress");
	keyfold("EMAIL_ADDRESS", "emailaddress");
	keyfold("Zip/Post Code", "zippostcode");
	keyfold("Phone #2", "phone2");
	keyfold("\xef\xbb\xbf" "First Name", "firstname");
	keyfold("Pr\xc3\xa9nom", "pr\xc3\xa9nom");
	keyfold("PR\xc3\x89NOM", "pr\xc3\xa9nom");
	keyfold("Pre\xcc\x81nom", "pr\xc3\xa9nom");
	keyfold("Stra\xc3\x9f" "e", "strasse");
	keyfold("\xef\xbc\xa5\xef\xbd\x8d\xef\xbd\x81il", "email");
	keyfold("\xd0\x98\xd0\xbc\xd1\x8f", "\xd0\xb8\xd0\xbc\xd1\x8f");
	keyfold("\xe9\x9b\xbb\xe8\xa9\xb1", "\xe9\x9b\xbb\xe8\xa9\xb1");
	keyfold("\xe1\x84\x8b\xe1\x85\xa5\xe1\x86\xab", "\xec\x96\xb8");
	keyfold("a-\xcc\x81", "a");
	keyfold("---", "");
	keyfold("", "");
}

static void
test_fold(void)
{
	fold("  Jos\xc3\xa9  O'Brien-Smith ", "jose obriensmith");
	fold("JOSE O\xe2\x80\x99" "BRIEN SMITH", "jose obrien smith");
	fold("Jose\xcc\x81", "jose");
	fold("\xc3\x85ngstr\xc3\xb6m", "angstrom");
	fold("Stra\xc3\x9f" "e", "strasse");
	fold("Zo\xc3\xab  St.\tJohn", "zoe st john");
	fold("Ann & Lee, Jr.", "ann lee jr");
	fold("J.R.R. Tolkien", "jrr tolkien");
	fold("O\xc2\xb4" "Brien", "obrien");
	fold("Smith\xe2\x80\x93Jones", "smithjones");
	fold("\xef\xbc\xa1\xef\xbd\x8e\xef\xbd\x8e", "ann");
	fold("\xc5\x81ukasz", "\xc5\x82ukasz");
	fold("\xea\xb9\x80 \xeb\xaf\xbc\xec\xa4\x80",
	    "\xea\xb9\x80 \xeb\xaf\xbc\xec\xa4\x80");
	fold("\xef\xbb\xbf" "Ann\xc2\xa0\xc2\xa0Lee\xe2\x80\x8b", "ann lee");
	fold("Ann\x01Lee", "ann lee");
	fold("Ann \xff Lee", "ann lee");
	fold("  ", "");
	fold("'.-", "");
	fold("", "");
	/* Text already folded stays as it is. */
	fold("jose obriensmith", "jose obriensmith");
}

static void
test_name_split(void)
{
	size_t	 fo, fl, lo, ll;

	split("Ann Lee", "Ann|Lee");
	split("Lee, Ann", "Ann|Lee");
	split("Lee,Ann", "Ann|Lee");
	split("Mary Ann Lee", "Mary Ann|Lee");
	split("Ann van der Berg", "Ann|van der Berg");
	split("Ludwig van Beethoven", "Ludwig|van Beethoven");
	split("Maria de Lourdes Garcia", "Maria de Lourdes|Garcia");
	split("Ann St. John", "Ann|St. John");
	split("Ann Lee Jr.", "Ann|Lee Jr.");
	split("Ann Lee III", "Ann|Lee III");
	split("Ann Lee, Jr.", "Ann|Lee, Jr.");
	split("Ann Lee Jr. MD", "Ann|Lee Jr. MD");
	split("Ann Jr", "Ann|Jr");
	split("Cher", "Cher|");
	split("  Ann   Lee  ", "Ann|Lee");
	split("Lee, Ann Marie", "Ann Marie|Lee");
	split("Lee, Ann, Jr.", "Ann|Lee");
	split("Lee,", "|Lee");
	split(", Ann", "Ann|");
	split("Ann Van", "Ann|Van");
	split("\xc2\xa0" "Jos\xc3\xa9\xc2\xa0" "N\xc3\xba\xc3\xb1" "ez"
	    "\xe3\x80\x80",
	    "Jos\xc3\xa9|N\xc3\xba\xc3\xb1" "ez");
	split("", "|");
	split("A", "A|");

	lk_name_split("  Ann   Lee  ", 13, &fo, &fl, &lo, &ll);
	T_OK(fo == 2 && fl == 3 && lo == 8 && ll == 3,
	    "name_split: offsets into the untrimmed input");
	lk_name_split("Cher", 4, &fo, &fl, &lo, &ll);
	T_OK(lo == 0 && ll == 0, "name_split: a missing part is 0, 0");
	lk_name_split("Ann Lee and more", 7, &fo, &fl, &lo, &ll);
	T_OK(fo == 0 && fl == 3 && lo == 4 && ll == 3,
	    "name_split: stays within len");
}

/* More combining marks than any text has: flushed, never overrun. */
static void
test_long(void)
{
	struct lk_buf in = LK_BUF_INIT;
	int	 i;

	lk_buf_addc(&in, 'a');
	for (i = 0; i < 200; i++)
		lk_buf_adds(&in, "\xcc\x81");
	lk_buf_clear(&b);
	lk_key_fold(lk_buf_str(&in), &b);
	T_INT(b.len, 400, "key_fold: a and 200 acutes, the first composed");
	T_OK(strncmp(lk_buf_str(&b), "\xc3\xa1\xcc\x81", 4) == 0,
	    "key_fold: a and 200 acutes start with U+00E1 U+0301");
	fold(lk_buf_str(&in), "a");

	lk_buf_clear(&in);
	for (i = 0; i < 10000; i++)
		lk_buf_addc(&in, ' ');
	lk_buf_adds(&in, "555-123-4567");
	T_STR(run(lk_phone_e164, lk_buf_str(&in)), "+15551234567",
	    "phone: 10000 spaces first");
	lk_buf_free(&in);
}

/* Appending keeps what the caller had in the buffer. */
static void
test_append(void)
{
	lk_buf_clear(&b);
	lk_buf_adds(&b, "tel=");
	T_INT(lk_phone_e164("555-123-4567", &b), 1, "phone: returns 1");
	lk_buf_addc(&b, ' ');
	T_INT(lk_email_norm("Ann@Example.com", &b), 1, "email: returns 1");
	lk_buf_addc(&b, ' ');
	lk_fold("\xc3\x89LISE", &b);
	T_STR(lk_buf_str(&b), "tel=+15551234567 ann@example.com elise",
	    "all append to the caller's buffer");
	T_INT(lk_phone_e164("n/a", &b), 0, "phone: returns 0");
	T_INT(lk_email_norm("n/a", &b), 0, "email: returns 0");
}

int
main(void)
{
	test_phone();
	test_email();
	test_utf8();
	test_trim();
	test_key_fold();
	test_fold();
	test_name_split();
	test_long();
	test_append();
	lk_buf_free(&b);
	lk_buf_free(&name);
	return t_done();
}

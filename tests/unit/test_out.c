/*
 * test_out: lib/out.c's formats byte for byte, and what each must never
 * let through (control bytes to a terminal, formulas to a spreadsheet,
 * invalid JSON, a record split over lines).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "out.h"
#include "t.h"

#define NUL		{ LK_V_NULL, NULL }
#define INT(s)		{ LK_V_INT, (s) }
#define REAL(s)		{ LK_V_REAL, (s) }
#define TEXT(s)		{ LK_V_TEXT, (s) }
#define TIME(s)		{ LK_V_TIME, (s) }
#define JSON(s)		{ LK_V_JSON, (s) }
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static char *got;	/* the last rendering, freed by the next */
static int endrc;	/* what lk_out_end returned for it */

/* nrows records of n values through a fresh renderer; the bytes out. */
static const char *
render(enum lk_fmt fmt, int header, int vertical, const char *const *names,
    size_t n, const struct lk_val *vals, size_t nrows)
{
	struct lk_out *o;
	FILE	*fp;
	size_t	 len, r;

	free(got);
	got = NULL;
	if ((fp = open_memstream(&got, &len)) == NULL) {
		perror("open_memstream");
		exit(2);
	}
	o = lk_out_new(fp, fmt, header);
	lk_out_vertical(o, vertical);
	lk_out_begin(o, names, n);
	for (r = 0; r < nrows; r++)
		lk_out_row(o, vals + r * n);
	endrc = lk_out_end(o);
	lk_out_free(o);
	fclose(fp);
	return got;
}

/* One value in a one-column listing without a header. */
static const char *
one(enum lk_fmt fmt, enum lk_vtype type, const char *s)
{
	static const char *const names[] = { "v" };
	struct lk_val v;

	v.type = type;
	v.s = s;
	return render(fmt, 0, 0, names, 1, &v, 1);
}

/* Nothing a terminal acts on: no C0 but LF, no DEL, no C1, valid UTF-8. */
static int
tty_safe(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;
	size_t	 n;

	for (n = strlen(s); n > 0; s += len, n -= (size_t)len) {
		len = utf8proc_iterate((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)n, &cp);
		if (len <= 0 || (cp < 0x20 && cp != '\n') ||
		    (cp >= 0x7f && cp <= 0x9f) ||
		    utf8proc_category(cp) == UTF8PROC_CATEGORY_CF)
			return 0;
	}
	return 1;
}

static size_t
count(const char *s, int c)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += *s == c;
	return n;
}

/*
 * An RFC 8259 string at *p, checked without lib/out.c's code: the
 * escapes it allows, no raw control byte, valid UTF-8.
 */
static int
json_string_ok(const char **p)
{
	const char *s = *p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;
	int	 i;

	if (*s++ != '"')
		return 0;
	while (*s != '"') {
		if ((unsigned char)*s < 0x20)
			return 0;
		if (*s == '\\') {
			s++;
			if (*s == 'u') {
				for (i = 1; i <= 4; i++)
					if (strchr("0123456789abcdefABCDEF",
					    s[i]) == NULL || s[i] == '\0')
						return 0;
				s += 5;
			} else if (*s != '\0' && strchr("\"\\/bfnrt", *s))
				s++;
			else
				return 0;
			continue;
		}
		len = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		if (len <= 0)
			return 0;
		s += len;
	}
	*p = s + 1;
	return 1;
}

/* Is line exactly {"v":STRING}\n with a valid JSON string? */
static int
json_line_ok(const char *line)
{
	if (strncmp(line, "{\"v\":", 5) != 0)
		return 0;
	line += 5;
	return json_string_ok(&line) && strcmp(line, "}\n") == 0;
}

static void
test_format(void)
{
	enum lk_fmt f;
	struct lk_out *o;
	FILE	*fp;
	char	*buf = NULL;
	size_t	 len;
	int	 fd;

	f = LK_FMT_AUTO;
	T_INT(lk_out_format("table", &f), 0, "format: table accepted");
	T_INT(f, LK_FMT_TABLE, "format: table is LK_FMT_TABLE");
	T_INT(lk_out_format("tsv", &f), 0, "format: tsv accepted");
	T_INT(f, LK_FMT_TSV, "format: tsv is LK_FMT_TSV");
	T_INT(lk_out_format("csv", &f), 0, "format: csv accepted");
	T_INT(f, LK_FMT_CSV, "format: csv is LK_FMT_CSV");
	T_INT(lk_out_format("json", &f), 0, "format: json accepted");
	T_INT(f, LK_FMT_JSON, "format: json is LK_FMT_JSON");
	T_INT(lk_out_format("xml", &f), -1, "format: xml refused");
	T_INT(lk_out_format("", &f), -1, "format: empty refused");
	T_INT(lk_out_format("jsonl", &f), -1, "format: jsonl refused");
	T_INT(f, LK_FMT_JSON, "format: refusal leaves *f alone");

	fp = open_memstream(&buf, &len);
	o = lk_out_new(fp, LK_FMT_AUTO, 1);
	T_INT(lk_out_fmt(o), LK_FMT_TSV, "auto: TSV when not a terminal");
	lk_out_free(o);
	fclose(fp);
	free(buf);

	/* A pseudo-terminal stands in for the user's. */
	if ((fd = posix_openpt(O_RDWR | O_NOCTTY)) == -1 ||
	    grantpt(fd) == -1 || unlockpt(fd) == -1 ||
	    (fp = fopen(ptsname(fd), "w")) == NULL) {
		printf("ok %d # SKIP no pseudo-terminal\n", ++t_n);
	} else {
		o = lk_out_new(fp, LK_FMT_AUTO, 1);
		T_INT(lk_out_fmt(o), LK_FMT_TABLE,
		    "auto: table on a terminal");
		lk_out_free(o);
		fclose(fp);
	}
	if (fd != -1)
		close(fd);
	fp = open_memstream(&buf, &len);
	o = lk_out_new(fp, LK_FMT_CSV, 1);
	T_INT(lk_out_fmt(o), LK_FMT_CSV, "explicit format kept");
	lk_out_free(o);
	fclose(fp);
	free(buf);
}

static void
test_tsv(void)
{
	static const char *const names[] = { "id", "first_name", "phone",
	    "received_at" };
	static const struct lk_val rows[] = {
		INT("7"), TEXT("Ann"), NUL, TIME("2026-11-23T14:00:00Z"),
		INT("12"), TEXT("Bo"), TEXT("+1 555 0100"),
		TIME("2026-07-01T16:30:00Z"),
	};
	const char *s;

	T_STR(render(LK_FMT_TSV, 1, 0, names, 4, rows, 2),
	    "id\tfirst_name\tphone\treceived_at\n"
	    "7\tAnn\t\t2026-11-23T09:00:00-05:00\n"
	    "12\tBo\t+1 555 0100\t2026-07-01T12:30:00-04:00\n",
	    "tsv: header, rows, NULL empty, times local with offset");
	T_INT(endrc, 0, "tsv: lk_out_end 0");
	T_STR(render(LK_FMT_TSV, 0, 0, names, 4, rows, 1),
	    "7\tAnn\t\t2026-11-23T09:00:00-05:00\n", "tsv: no header");
	T_STR(render(LK_FMT_TSV, 1, 0, names, 4, rows, 0),
	    "id\tfirst_name\tphone\treceived_at\n", "tsv: header, no rows");
	T_STR(one(LK_FMT_TSV, LK_V_TEXT, "a\\b\tc\nd\re"),
	    "a\\\\b\\tc\\nd\\re\n", "tsv: \\ tab LF CR escaped");
	T_STR(one(LK_FMT_TSV, LK_V_TEXT, "\x1b]0;pwned\x07\x7f\xc2\x9b" "2J"),
	    "\\x1B]0;pwned\\x07\\x7F\\u009B2J\n",
	    "tsv: other control bytes, C1 included, escaped");
	s = one(LK_FMT_TSV, LK_V_TEXT, "line1\r\nline2\n\n\tx\\n");
	T_INT(count(s, '\n'), 1, "tsv: a record is one line");
	T_INT(count(s, '\t'), 0, "tsv: no tab inside a field");
	T_STR(one(LK_FMT_TSV, LK_V_TEXT, "=1+2"), "=1+2\n",
	    "tsv: no formula neutralising");
	T_STR(one(LK_FMT_TSV, LK_V_TIME, "next tuesday"), "next tuesday\n",
	    "tsv: a TIME that does not parse shown as text");
	T_STR(one(LK_FMT_TSV, LK_V_JSON, "{\"a\":1}"), "{\"a\":1}\n",
	    "tsv: JSON value as text");
	T_STR(one(LK_FMT_TSV, LK_V_TEXT, ""), "\n", "tsv: empty text");
	T_STR(one(LK_FMT_TSV, LK_V_TEXT, "Zo\xc3\xab \xe4\xb8\xad"),
	    "Zo\xc3\xab \xe4\xb8\xad\n", "tsv: UTF-8 as is");
}

static void
test_csv(void)
{
	static const char *const names[] = { "id", "first_name", "note",
	    "received_at" };
	static const struct lk_val rows[] = {
		INT("7"), TEXT("Ann"), NUL, TIME("2026-11-23T14:00:00Z"),
		INT("8"), NUL, NUL, NUL,
	};

	T_STR(render(LK_FMT_CSV, 1, 0, names, 4, rows, 2),
	    "id,first_name,note,received_at\r\n"
	    "7,Ann,,2026-11-23T09:00:00-05:00\r\n"
	    "8,,,\r\n",
	    "csv: header, CRLF, NULL empty, time local");
	T_INT(endrc, 0, "csv: lk_out_end 0");
	T_STR(render(LK_FMT_CSV, 0, 0, names, 4, rows, 1),
	    "7,Ann,,2026-11-23T09:00:00-05:00\r\n", "csv: no header");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "Smith, Ann"), "\"Smith, Ann\"\r\n",
	    "csv: comma quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "say \"hi\""),
	    "\"say \"\"hi\"\"\"\r\n", "csv: quote doubled");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "a\nb"), "\"a\nb\"\r\n",
	    "csv: LF quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "a\rb"), "\"a\rb\"\r\n",
	    "csv: CR quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, " Ann"), "\" Ann\"\r\n",
	    "csv: leading space quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "Ann "), "\"Ann \"\r\n",
	    "csv: trailing space quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "Ann Lee"), "Ann Lee\r\n",
	    "csv: inner space not quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "=1+2"), "'=1+2\r\n",
	    "csv: = neutralised");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "+1 555 0100"), "'+1 555 0100\r\n",
	    "csv: + neutralised");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "-2+3"), "'-2+3\r\n",
	    "csv: - neutralised in text");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "@SUM(A1:A9)"), "'@SUM(A1:A9)\r\n",
	    "csv: @ neutralised");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "\tx"), "'\tx\r\n",
	    "csv: leading tab neutralised");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "\rx"), "\"'\rx\"\r\n",
	    "csv: leading CR neutralised, then quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT,
	    "=HYPERLINK(\"http://evil\",\"x\")"),
	    "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n",
	    "csv: formula with quotes neutralised and quoted");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, "a=b"), "a=b\r\n",
	    "csv: = inside left alone");
	T_STR(one(LK_FMT_CSV, LK_V_INT, "-5"), "-5\r\n",
	    "csv: negative INT not neutralised");
	T_STR(one(LK_FMT_CSV, LK_V_REAL, "-1.5"), "-1.5\r\n",
	    "csv: negative REAL not neutralised");
	T_STR(one(LK_FMT_CSV, LK_V_TIME, "=cmd|' /C calc'!A0"),
	    "'=cmd|' /C calc'!A0\r\n",
	    "csv: a TIME that does not parse is text, neutralised");
	T_STR(one(LK_FMT_CSV, LK_V_TIME, "2026-11-23T14:00:00Z"),
	    "2026-11-23T09:00:00-05:00\r\n", "csv: TIME local");
	T_STR(one(LK_FMT_CSV, LK_V_TEXT, ""), "\r\n", "csv: empty text");
}

static void
test_json(void)
{
	static const char *const names[] = { "id", "first_name", "score",
	    "phone", "received_at", "tags" };
	static const struct lk_val rows[] = {
		INT("7"), TEXT("Ann"), REAL("1.5"), NUL,
		TIME("2026-11-23T14:00:00Z"), JSON("[\"a\",\"b\"]"),
	};
	static const char *const odd[] = { "we\"ird\\", "tab\there" };
	static const struct lk_val oddrow[] = { INT("1"), INT("2") };
	static const char want[] = "{\"id\":7,\"first_name\":\"Ann\","
	    "\"score\":1.5,\"phone\":null,"
	    "\"received_at\":\"2026-11-23T09:00:00-05:00\","
	    "\"tags\":[\"a\",\"b\"]}\n";
	char	 deep[600], bytes[9];
	unsigned seed = 42;
	int	 i, j, bad;

	T_STR(render(LK_FMT_JSON, 1, 0, names, 6, rows, 1), want,
	    "json: numbers, string, null, time, nested JSON");
	T_INT(endrc, 0, "json: lk_out_end 0");
	T_STR(render(LK_FMT_JSON, 0, 0, names, 6, rows, 1), want,
	    "json: header flag changes nothing");
	T_STR(render(LK_FMT_JSON, 1, 0, names, 6, rows, 0), "",
	    "json: no rows, no output");
	T_STR(render(LK_FMT_JSON, 1, 0, odd, 2, oddrow, 1),
	    "{\"we\\\"ird\\\\\":1,\"tab\\there\":2}\n",
	    "json: names escaped as keys");
	T_STR(one(LK_FMT_JSON, LK_V_TEXT, "a\"b\\c/d"),
	    "{\"v\":\"a\\\"b\\\\c/d\"}\n", "json: quote and backslash");
	T_STR(one(LK_FMT_JSON, LK_V_TEXT, "1\n2\r3\t4\x01" "5\x1b[2J\x7f"),
	    "{\"v\":\"1\\n2\\r3\\t4\\u00015\\u001b[2J\x7f\"}\n",
	    "json: control characters escaped");
	T_STR(one(LK_FMT_JSON, LK_V_TEXT,
	    "Zo\xc3\xab \xe4\xb8\xad \xf0\x9f\x98\x80"),
	    "{\"v\":\"Zo\xc3\xab \xe4\xb8\xad \xf0\x9f\x98\x80\"}\n",
	    "json: valid UTF-8 as is");
	T_STR(one(LK_FMT_JSON, LK_V_TEXT, "a\xff" "b"),
	    "{\"v\":\"a\\ufffdb\"}\n", "json: invalid byte to U+FFFD");
	T_STR(one(LK_FMT_JSON, LK_V_TEXT, "\xe4\xb8"),
	    "{\"v\":\"\\ufffd\"}\n",
	    "json: cut-off sequence to U+FFFD");
	T_STR(one(LK_FMT_JSON, LK_V_TEXT, "\xc0\xaf"),
	    "{\"v\":\"\\ufffd\"}\n",
	    "json: overlong encoding to U+FFFD");
	T_STR(one(LK_FMT_JSON, LK_V_TEXT, "\xed\xa0\x80"),
	    "{\"v\":\"\\ufffd\"}\n",
	    "json: surrogate to U+FFFD");
	T_STR(one(LK_FMT_JSON, LK_V_TIME, "soon"), "{\"v\":\"soon\"}\n",
	    "json: a TIME that does not parse as a string");
	T_STR(one(LK_FMT_JSON, LK_V_INT, "-12"), "{\"v\":-12}\n",
	    "json: negative INT a number");
	T_STR(one(LK_FMT_JSON, LK_V_REAL, "6.02e23"), "{\"v\":6.02e23}\n",
	    "json: REAL with exponent a number");
	T_STR(one(LK_FMT_JSON, LK_V_INT, "12abc"), "{\"v\":\"12abc\"}\n",
	    "json: INT that is no number becomes a string");
	T_STR(one(LK_FMT_JSON, LK_V_REAL, "nan"), "{\"v\":\"nan\"}\n",
	    "json: REAL nan becomes a string");
	T_STR(one(LK_FMT_JSON, LK_V_INT, "007"), "{\"v\":\"007\"}\n",
	    "json: leading zero is no JSON number");
	T_STR(one(LK_FMT_JSON, LK_V_INT, ""), "{\"v\":\"\"}\n",
	    "json: empty INT becomes a string");
	T_STR(one(LK_FMT_JSON, LK_V_JSON,
	    "{\n  \"a\": [1, 2.5e-3, true, null],\n  \"b\": \"x y\"\n}\n"),
	    "{\"v\":{\"a\":[1,2.5e-3,true,null],\"b\":\"x y\"}}\n",
	    "json: pretty nested JSON put on one line");
	T_STR(one(LK_FMT_JSON, LK_V_JSON, "{\"k\":\"\\u00e9\\n\"}"),
	    "{\"v\":{\"k\":\"\\u00e9\\n\"}}\n", "json: nested escapes kept");
	T_STR(one(LK_FMT_JSON, LK_V_JSON, "{oops"), "{\"v\":\"{oops\"}\n",
	    "json: invalid nested JSON becomes a string");
	T_STR(one(LK_FMT_JSON, LK_V_JSON, "[1,]"), "{\"v\":\"[1,]\"}\n",
	    "json: trailing comma refused");
	T_STR(one(LK_FMT_JSON, LK_V_JSON, "1 2"), "{\"v\":\"1 2\"}\n",
	    "json: two values refused");
	T_STR(one(LK_FMT_JSON, LK_V_JSON, "[\"\xff\"]"),
	    "{\"v\":\"[\\\"\\ufffd\\\"]\"}\n",
	    "json: nested invalid UTF-8 becomes a clean string");
	T_STR(one(LK_FMT_JSON, LK_V_JSON, "\"a\nb\""),
	    "{\"v\":\"\\\"a\\nb\\\"\"}\n",
	    "json: raw newline in a nested string refused");
	memset(deep, '[', 300);
	memset(deep + 300, ']', 300);
	deep[599] = '\0';
	deep[299] = '1';
	deep[300] = ']';
	T_OK(strncmp(one(LK_FMT_JSON, LK_V_JSON, deep), "{\"v\":\"[[", 8) == 0,
	    "json: nesting too deep becomes a string");
	T_OK(strncmp(one(LK_FMT_JSON, LK_V_JSON, "[[[[1]]]]"),
	    "{\"v\":[[[[1]]]]}", 15) == 0, "json: shallow nesting kept");

	/* Every byte, and random byte strings, give a valid JSON line. */
	bad = 0;
	for (i = 1; i < 256; i++) {
		bytes[0] = 'x';
		bytes[1] = (char)i;
		bytes[2] = '\0';
		bad += !json_line_ok(one(LK_FMT_JSON, LK_V_TEXT, bytes));
	}
	T_INT(bad, 0, "json: each byte 1-255 gives a valid line");
	bad = 0;
	for (i = 0; i < 2000; i++) {
		for (j = 0; j < 8; j++) {
			seed = seed * 1103515245 + 12345;
			bytes[j] = (char)((seed >> 16) % 255 + 1);
		}
		bytes[8] = '\0';
		bad += !json_line_ok(one(LK_FMT_JSON, LK_V_TEXT, bytes));
		bad += !json_line_ok(one(LK_FMT_JSON, LK_V_TIME, bytes));
		one(LK_FMT_JSON, LK_V_JSON, bytes);
		bad += got[5] == '"' && !json_line_ok(got);
	}
	T_INT(bad, 0, "json: random bytes give valid lines");
}

static void
test_table(void)
{
	static const char *const names[] = { "id", "first_name", "city" };
	static const struct lk_val rows[] = {
		INT("7"), TEXT("Ann"), TEXT("Boston"),
		INT("12"), TEXT("Bartholomew"), NUL,
		INT("300"), NUL, TEXT("Salem"),
	};
	static const char *const nv[] = { "name", "x" };
	static const char *const ctl[] = { "a\x1b[31mb" };
	static const struct lk_val ctlrow[] = { INT("1") };
	static const struct lk_val due[] = {
		INT("1"), TIME("2026-11-23T14:00:00Z"),
		INT("2"), TIME("yesterday-ish"),
	};
	static const char *const duen[] = { "id", "due_at" };
	struct lk_val w[4];
	const char *s;
	char	 a50[51], a40[41], a41[42], cjk[25 * 3 + 1], mix[64];
	char	 want[128];
	int	 i;

	T_STR(render(LK_FMT_TABLE, 1, 0, names, 3, rows, 3),
	    "id   first_name   city\n"
	    "7    Ann          Boston\n"
	    "12   Bartholomew\n"
	    "300               Salem\n",
	    "table: aligned, two spaces, no trailing blanks");
	T_INT(endrc, 0, "table: lk_out_end 0");
	T_STR(render(LK_FMT_TABLE, 0, 0, names, 3, rows, 2),
	    "7   Ann          Boston\n"
	    "12  Bartholomew\n", "table: no header");
	T_STR(render(LK_FMT_TABLE, 1, 0, names, 3, rows, 0),
	    "id  first_name  city\n", "table: header alone when no rows");
	T_STR(render(LK_FMT_TABLE, 0, 0, names, 3, rows, 0), "",
	    "table: nothing at all without header or rows");
	T_STR(render(LK_FMT_TABLE, 1, 0, duen, 2, due, 2),
	    "id  due_at\n"
	    "1   2026-11-23 09:00\n"
	    "2   yesterday-ish\n", "table: TIME short local, bad one as text");

	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "\x1b]0;pwned\x07"),
	    "\\e]0;pwned\\x07\n", "table: OSC title sequence escaped");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "\x1b[2J"), "\\e[2J\n",
	    "table: clear-screen sequence escaped");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "a\nb\tc\rd"), "a\\nb\\tc\\rd\n",
	    "table: LF tab CR escaped");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "\x01\x7f"), "\\x01\\x7F\n",
	    "table: other C0 and DEL as \\xNN");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "a\xc2\x9b" "2J"), "a\\u009B2J\n",
	    "table: C1 CSI escaped");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "a\x9b" "2J\xff"),
	    "a\\x9B2J\\xFF\n", "table: invalid UTF-8 as \\xNN");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "abc\xe2\x80\xae" "fdp.exe"),
	    "abc\\u202Efdp.exe\n", "table: bidi override escaped");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "a\xe2\x80\xa8" "b"),
	    "a\\u2028b\n", "table: line separator escaped");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "x\xf3\xa0\x80\x81"),
	    "x\\U000E0001\n", "table: astral format character escaped");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, "C:\\dir"), "C:\\dir\n",
	    "table: backslash as is");
	T_STR(render(LK_FMT_TABLE, 1, 0, ctl, 1, ctlrow, 1),
	    "a\\e[31mb\n1\n", "table: column name escaped too");
	s = one(LK_FMT_TABLE, LK_V_TEXT,
	    "\x1b]0;pwned\x07\x1b[2J\x9b\xc2\x85\x7f\x00");
	T_OK(tty_safe(s), "table: output holds no control byte");

	/* Widths: CJK 2 columns, combining marks 0, escapes as shown. */
	w[0] = (struct lk_val)TEXT("\xe4\xb8\xad\xe6\x96\x87");
	w[1] = (struct lk_val)TEXT("a");
	w[2] = (struct lk_val)TEXT("abc");
	w[3] = (struct lk_val)TEXT("b");
	T_STR(render(LK_FMT_TABLE, 1, 0, nv, 2, w, 2),
	    "name  x\n\xe4\xb8\xad\xe6\x96\x87  a\nabc   b\n",
	    "table: wide characters take two columns");
	w[0] = (struct lk_val)TEXT("Jose\xcc\x81");
	w[2] = (struct lk_val)TEXT("Zoe");
	T_STR(render(LK_FMT_TABLE, 0, 0, nv, 2, w, 2),
	    "Jose\xcc\x81  a\nZoe   b\n",
	    "table: combining mark takes no column");
	w[0] = (struct lk_val)TEXT("\x1b");
	w[2] = (struct lk_val)TEXT("abc");
	T_STR(render(LK_FMT_TABLE, 0, 0, nv, 2, w, 2),
	    "\\e   a\nabc  b\n", "table: escapes padded by their width");
	w[0] = (struct lk_val)TEXT("\xef\xbc\xa1\xef\xbc\xa2");
	w[2] = (struct lk_val)TEXT("\xe3\x81\x82");
	T_STR(render(LK_FMT_TABLE, 0, 0, nv, 2, w, 2),
	    "\xef\xbc\xa1\xef\xbc\xa2  a\n\xe3\x81\x82    b\n",
	    "table: fullwidth letters and kana");

	/* Cutting past 40 columns. */
	memset(a50, 'a', 50);
	a50[50] = '\0';
	memcpy(a40, a50, 40);
	a40[40] = '\0';
	memcpy(a41, a50, 41);
	a41[41] = '\0';
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, a40), "aaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaa\n", "table: 40 columns not cut");
	w[0] = (struct lk_val)TEXT(a41);
	w[1] = (struct lk_val)TEXT("b");
	T_STR(render(LK_FMT_TABLE, 0, 0, nv, 2, w, 1), "aaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaa...  b\n", "table: 41 columns cut to 40");
	T_STR(one(LK_FMT_TABLE, LK_V_TEXT, a50), "aaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	    "table: the last column is never cut");
	w[0] = (struct lk_val)TEXT(a50);
	w[1] = (struct lk_val)TEXT("a");
	w[2] = (struct lk_val)TEXT("abc");
	w[3] = (struct lk_val)TEXT("b");
	T_STR(render(LK_FMT_TABLE, 0, 0, nv, 2, w, 2),
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...  a\n"
	    "abc                                       b\n",
	    "table: a cut cell sizes its column at 40");
	for (i = 0; i < 25; i++)
		memcpy(cjk + 3 * i, "\xe4\xb8\xad", 3);
	cjk[75] = '\0';
	w[0] = (struct lk_val)TEXT(cjk);
	/* 18 of them (36 columns) fit beside "...", a 19th would not. */
	snprintf(want, sizeof(want), "%.54s...  a\nabc%38sb\n", cjk, "");
	T_STR(render(LK_FMT_TABLE, 0, 0, nv, 2, w, 2), want,
	    "table: wide characters cut whole, column of 39");
	memset(mix, 'a', 36);
	strcpy(mix + 36, "\x1b[2Jxxxxx");
	w[0] = (struct lk_val)TEXT(mix);
	w[1] = (struct lk_val)TEXT("b");
	T_STR(render(LK_FMT_TABLE, 0, 0, nv, 2, w, 1),
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...  b\n",
	    "table: cut never splits an escape");
}

static void
test_vertical(void)
{
	static const char *const names[] = { "id", "first_name", "note" };
	struct lk_val rows[6] = {
		INT("7"), TEXT("Ann"), NUL,
		INT("8"), TEXT("Bo\x1b[2J"), TEXT(""),
	};
	char	 a50[51];
	struct lk_out *o;
	FILE	*fp;
	char	*buf = NULL;
	size_t	 len;

	T_STR(render(LK_FMT_TABLE, 1, 1, names, 3, rows, 2),
	    "id          7\n"
	    "first_name  Ann\n"
	    "note\n"
	    "\n"
	    "id          8\n"
	    "first_name  Bo\\e[2J\n"
	    "note\n", "vertical: padded names, blank line between records");
	T_STR(render(LK_FMT_TABLE, 0, 1, names, 3, rows, 1),
	    "id          7\nfirst_name  Ann\nnote\n",
	    "vertical: names shown without header");
	memset(a50, 'a', 50);
	a50[50] = '\0';
	rows[2] = (struct lk_val)TEXT(a50);
	T_STR(render(LK_FMT_TABLE, 1, 1, names, 3, rows, 1),
	    "id          7\nfirst_name  Ann\n"
	    "note        aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	    "vertical: nothing cut");
	T_STR(render(LK_FMT_TABLE, 1, 1, names, 3, rows, 0), "",
	    "vertical: no records, nothing");
	T_STR(render(LK_FMT_TSV, 1, 1, names, 3, rows, 1),
	    "id\tfirst_name\tnote\n7\tAnn\t" "aaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaa\n", "vertical: ignored outside tables");

	/* A table waits for lk_out_end; the other formats do not. */
	fp = open_memstream(&buf, &len);
	o = lk_out_new(fp, LK_FMT_TABLE, 1);
	lk_out_begin(o, names, 3);
	lk_out_row(o, rows);
	fflush(fp);
	T_INT(len, 0, "table: kept until lk_out_end");
	T_INT(lk_out_end(o), 0, "table: written at lk_out_end");
	T_OK(len > 0, "table: bytes out after lk_out_end");
	lk_out_free(o);
	fclose(fp);
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	o = lk_out_new(fp, LK_FMT_JSON, 1);
	lk_out_begin(o, names, 3);
	lk_out_row(o, rows);
	fflush(fp);
	T_OK(len > 0 && buf[len - 1] == '\n', "json: row written at once");
	lk_out_row(o, rows + 3);
	fflush(fp);
	T_INT(count(buf, '\n'), 2, "json: second row written at once");
	T_INT(lk_out_end(o), 0, "json: lk_out_end 0");
	lk_out_free(o);
	fclose(fp);
	free(buf);
}

static void
test_errors(void)
{
	static const char *const names[] = { "id", "name" };
	static const struct lk_val row[] = { INT("1"), TEXT("Ann") };
	enum lk_fmt fmts[] = { LK_FMT_TABLE, LK_FMT_TSV, LK_FMT_CSV,
	    LK_FMT_JSON };
	static const char *what[] = { "write error: table -1",
	    "write error: tsv -1", "write error: csv -1",
	    "write error: json -1" };
	struct lk_out *o;
	FILE	*fp;
	size_t	 i;

	for (i = 0; i < NELEM(fmts); i++) {
		if ((fp = fopen("/dev/full", "w")) == NULL) {
			printf("ok %d # SKIP no /dev/full\n", ++t_n);
			continue;
		}
		o = lk_out_new(fp, fmts[i], 1);
		lk_out_begin(o, names, 2);
		lk_out_row(o, row);
		T_INT(lk_out_end(o), -1, what[i]);
		lk_out_free(o);
		fclose(fp);
	}
}

int
main(void)
{
	/* The expected times are New York's, whatever the caller's TZ. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	test_format();
	test_tsv();
	test_csv();
	test_json();
	test_table();
	test_vertical();
	test_errors();
	free(got);
	return t_done();
}

/*
 * test_mail: which parts of a mail message lk_mail_adf hands to the ADF
 * reader, as what and in which charset, for the messages lead systems
 * send (tests/fixtures/mail) and for broken and hostile ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "t.h"
#include "xmem.h"

#define GOT_MAX	8

/* What fn was given, call by call. */
struct got {
	int	 n;			/* calls */
	int	 stop;			/* return 1 on this call (1-based) */
	char	*data[GOT_MAX];
	size_t	 len[GOT_MAX];
	char	*charset[GOT_MAX];
	char	*part[GOT_MAX];
};

static struct got g;
static struct lk_mail_info info;
static size_t nparts;
static char *why;
static struct lk_buf file = LK_BUF_INIT;

static int
collect(const char *data, size_t len, const char *charset, const char *part,
    void *arg)
{
	struct got *p = arg;

	if (p->n < GOT_MAX) {
		p->data[p->n] = lk_xmalloc(len + 1);
		memcpy(p->data[p->n], data, len + 1);
		p->len[p->n] = len;
		p->charset[p->n] = charset ? lk_xstrdup(charset) : NULL;
		p->part[p->n] = lk_xstrdup(part);
	}
	return ++p->n == p->stop;
}

static void
reset(void)
{
	int	 i;

	for (i = 0; i < g.n && i < GOT_MAX; i++) {
		free(g.data[i]);
		free(g.charset[i]);
		free(g.part[i]);
	}
	memset(&g, 0, sizeof(g));
	lk_mail_info_free(&info);
	free(why);
	why = NULL;
	nparts = (size_t)-1;
}

/* lk_mail_adf over buf[0..len); its return value. */
static int
run(const char *buf, size_t len)
{
	reset();
	return lk_mail_adf(buf, len, &info, collect, &g, &nparts, &why);
}

static int
run_str(const char *s)
{
	return run(s, strlen(s));
}

static int
run_file(const char *name)
{
	char	*path;
	char	 b[4096];
	size_t	 n;
	FILE	*fp;

	path = lk_xasprintf("tests/fixtures/mail/%s", name);
	if ((fp = fopen(path, "rb")) == NULL) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	lk_buf_clear(&file);
	while ((n = fread(b, 1, sizeof(b), fp)) > 0)
		lk_buf_add(&file, b, n);
	fclose(fp);
	free(path);
	return run(lk_buf_str(&file), file.len);
}

/* Whether part i holds s (bytes, NULs allowed when n says so). */
static int
has(int i, const char *s, size_t n)
{
	return i < g.n && i < GOT_MAX &&
	    memmem(g.data[i], g.len[i], s, n) != NULL;
}
#define HAS(i, s)	has((i), (s), sizeof(s) - 1)

static void
test_plain_body(void)
{
	T_INT(run_file("plain-body.eml"), 0, "plain body: returns 0");
	T_INT(nparts, 1, "plain body: one part");
	T_INT(g.n, 1, "plain body: fn called once");
	T_STR(g.part[0], "1 text/plain", "plain body: part 1, text/plain");
	T_STR(g.charset[0], NULL, "plain body: no charset given");
	T_OK(HAS(0, "<name part=\"last\">Whitfield</name>"),
	    "plain body: the whole ADF passed");
	T_OK(HAS(0, "</adf>\n"), "plain body: up to its end");
	T_STR(why, NULL, "plain body: no why");
	T_STR(info.from, "Autobytel Leads <leads@autobytel.example>",
	    "plain body: From");
	T_STR(info.subject, "New lead: 2026 Honda Civic",
	    "plain body: Subject");
	T_STR(info.message_id, "20261123131401.4711@mx.autobytel.example",
	    "plain body: Message-ID without <>");
	T_STR(info.date, "Mon, 23 Nov 2026 08:14:01 -0500",
	    "plain body: Date as written");
}

static void
test_qp_latin1(void)
{
	run_file("qp-latin1.eml");
	T_INT(nparts, 1, "qp latin1: one part");
	T_STR(g.part[0], "1 text/plain", "qp latin1: part");
	T_STR(g.charset[0], "iso-8859-1", "qp latin1: charset lower-cased");
	T_OK(HAS(0, "<name part=\"first\">Ren\xe9""e</name>"),
	    "qp latin1: =E9 decoded to the latin1 byte, not converted");
	T_OK(HAS(0, "<name part=\"last\">\xd1\xfa\xf1""ez</name>"),
	    "qp latin1: =D1=FA=F1 decoded");
	T_OK(HAS(0, "despu\xe9s de las 17 h. Gracias por"),
	    "qp latin1: a soft line break joined");
	T_OK(HAS(0, "</adf>\r\n"), "qp latin1: CRLF kept (XML reads it as LF)");
	T_STR(info.from, "Jos\xc3\xa9 Pe\xc3\xb1""a "
	    "<jose.pena@pena-automoviles.example>",
	    "qp latin1: From decoded from RFC 2047 into UTF-8");
	T_STR(info.subject, "Nueva solicitud - Ren\xc3\xa9""e "
	    "\xc3\x91\xc3\xba\xc3\xb1""ez", "qp latin1: Subject decoded");
	T_STR(info.message_id, "qp-latin1.0001@pena-automoviles.example",
	    "qp latin1: Message-ID");
}

static void
test_base64_attachment(void)
{
	run_file("base64-attachment.eml");
	T_INT(nparts, 1, "base64: only the attachment");
	T_STR(g.part[0], "2 application/xml lead.xml",
	    "base64: part number, type, file name");
	T_STR(g.charset[0], NULL, "base64: no charset");
	T_OK(HAS(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
	    "base64: decoded from the start");
	T_OK(HAS(0, ">Raghunathan<"), "base64: the customer");
	T_STR(info.from,
	    "\"Cars.com Lead Service\" <noreply@leads.cars.example>",
	    "base64: From as written, quotes kept");
	T_STR(info.message_id, "CAR.7781.20261121@leads.cars.example",
	    "base64: Message-ID");
}

static void
test_alternative(void)
{
	run_file("alternative-html.eml");
	T_INT(nparts, 1, "alternative: one of the two alternatives");
	T_STR(g.part[0], "1 text/plain", "alternative: the plain text one");
	T_STR(g.charset[0], "utf-8", "alternative: its charset");
	T_OK(HAS(0, ">Volkov<"), "alternative: the customer");
}

static void
test_html_only(void)
{
	run_file("html-only.eml");
	T_INT(nparts, 1, "html: one part");
	T_STR(g.part[0], "1 text/html", "html: the HTML part");
	T_STR(g.charset[0], "utf-8", "html: unescaped text is UTF-8");
	T_OK(HAS(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
	    "html: the XML declaration unescaped, <br> a line end");
	T_OK(HAS(0, "\n<adf>\n <prospect>\n  <id sequence=\"5\""),
	    "html: &nbsp; indents become spaces");
	T_OK(HAS(0, "<name part=\"first\">Siobh\xc3\xa1n</name>"),
	    "html: windows-1252 =E1 read into UTF-8");
	T_OK(HAS(0, "<name part=\"last\">O'Connor</name>"),
	    "html: &#39; unescaped");
	T_OK(!HAS(0, "&lt;") && !HAS(0, "&amp;") && !HAS(0, "<br"),
	    "html: no entity or tag left");
	T_OK(!HAS(0, "Edmunds lead") && !HAS(0, "margin"),
	    "html: title and style left out");
	T_OK(HAS(0, "request:\n<?xml"), "html: a paragraph is a line");
}

static void
test_forwarded(void)
{
	run_file("forwarded.eml");
	T_INT(nparts, 1, "forwarded: one part");
	T_STR(g.part[0], "2.2 text/xml adf-lead.xml",
	    "forwarded: numbered inside the message/rfc822");
	T_STR(g.charset[0], "utf-8", "forwarded: charset");
	T_OK(HAS(0, ">Tanaka<"), "forwarded: the customer");
	T_STR(info.subject, "Fwd: KBB lead - 2026 Mazda CX-50",
	    "forwarded: the outer message's Subject");
	T_STR(info.from, "Dana Kowalski <dana@lakeside-motors.example>",
	    "forwarded: the outer message's From");
}

static void
test_two_leads(void)
{
	T_INT(run_file("two-leads.eml"), 0, "two leads: returns 0");
	T_INT(nparts, 2, "two leads: both parts");
	T_STR(g.part[0], "2 application/xml lead-1.xml", "two leads: first");
	T_STR(g.charset[0], NULL, "two leads: first has no charset");
	T_OK(HAS(0, ">Mendoza<") && !HAS(0, ">Bello<"),
	    "two leads: first customer only in the first");
	T_STR(g.part[1], "3 text/xml lead-2.xml", "two leads: second");
	T_STR(g.charset[1], "utf-8", "two leads: second's charset");
	T_OK(HAS(1, ">Bello<") && !HAS(1, ">Mendoza<"),
	    "two leads: second customer only in the second");

	reset();
	g.stop = 1;
	T_INT(lk_mail_adf(lk_buf_str(&file), file.len, NULL, collect, &g,
	    &nparts, &why), 1, "two leads: fn's nonzero is returned");
	T_INT(g.n, 1, "two leads: no call after fn said stop");
	T_INT(nparts, 1, "two leads: nparts counts the calls made");
	T_STR(why, NULL, "two leads: no why when a part was passed");
}

static void
test_no_adf(void)
{
	T_INT(run_file("no-adf.eml"), 0, "no adf: returns 0");
	T_INT(nparts, 0, "no adf: no part");
	T_INT(g.n, 0, "no adf: fn not called");
	T_STR(why, "no ADF in the message (3 parts: text/plain, text/html, "
	    "image/png)", "no adf: why names the parts");
	T_STR(info.subject, "Re: Your 2026 Honda Civic quote",
	    "no adf: info filled all the same");
}

static void
test_utf16(void)
{
	static const char bom[] = "\xff\xfe<\0?\0x\0m\0l\0";
	static const char name[] = "\x41\x01u\0k\0a\0s\0z\0";

	run_file("utf16-attachment.eml");
	T_INT(nparts, 1, "utf-16: found in UTF-16");
	T_STR(g.part[0], "1 application/xml lead.xml", "utf-16: part");
	T_STR(g.charset[0], "utf-16", "utf-16: charset");
	T_OK(g.n > 0 && g.len[0] > sizeof(bom) &&
	    memcmp(g.data[0], bom, sizeof(bom) - 1) == 0,
	    "utf-16: passed as it is, BOM first");
	T_OK(has(0, name, sizeof(name) - 1), "utf-16: the customer, UTF-16LE");
}

static void
test_octet_stream(void)
{
	run_file("octet-stream.eml");
	T_INT(nparts, 1, "octet-stream: one part");
	T_STR(g.part[0], "2 application/octet-stream lead.adf",
	    "octet-stream: part");
	T_STR(g.charset[0], NULL, "octet-stream: no charset");
	T_OK(HAS(0, ">Oyelaran<"), "octet-stream: the customer");
}

static void
test_uuencoded(void)
{
	run_file("uuencoded.eml");
	T_INT(nparts, 1, "uuencoded: one part");
	T_STR(g.part[0], "1 text/plain (uuencoded)", "uuencoded: part");
	T_STR(g.charset[0], NULL, "uuencoded: no charset");
	T_OK(HAS(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
	    "uuencoded: decoded from the start");
	T_OK(HAS(0, ">Lindqvist<"), "uuencoded: the customer");
	T_OK(!HAS(0, "begin 644"), "uuencoded: the encoding gone");
}

static void
test_no_headers(void)
{
	const char *xml = "<?xml version=\"1.0\"?>\n<ADF>\n<prospect>\n"
	    "<customer><contact><name part=\"full\">Ana Lima</name>"
	    "</contact></customer>\n</prospect>\n</ADF>\n";

	T_INT(run_str(xml), 0, "raw xml: returns 0");
	T_INT(nparts, 1, "raw xml: read as one text part");
	T_STR(g.part[0], "1 text/plain (no mail headers)", "raw xml: part");
	T_STR(g.charset[0], NULL, "raw xml: no charset");
	T_INT(g.len[0], strlen(xml), "raw xml: all of it");
	T_STR(info.from, NULL, "raw xml: no From");
	T_STR(info.subject, NULL, "raw xml: no Subject");
	T_STR(info.message_id, NULL, "raw xml: no Message-ID");
	T_STR(info.date, NULL, "raw xml: no Date");

	run_str("just some words\nand no lead\n");
	T_INT(nparts, 0, "no headers, no adf: nothing");
	T_STR(why, "no ADF in the input, which has no mail headers "
	    "(read as text)", "no headers, no adf: why");

	T_INT(run("", 0), 0, "empty: returns 0");
	T_INT(nparts, 0, "empty: no part");
	T_STR(why, "empty message", "empty: why");
	T_STR(info.from, NULL, "empty: no From");

	T_INT(lk_mail_adf(xml, strlen(xml), NULL, collect, &g, NULL, NULL), 0,
	    "info, nparts and why may be NULL");
	reset();
}

static void
test_alternative_order(void)
{
	run_str("Subject: alt\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=b\n\n"
	    "--b\nContent-Type: text/html\n\n"
	    "<p>&lt;adf&gt;&lt;prospect/&gt;&lt;/adf&gt;</p>\n"
	    "--b\nContent-Type: text/plain\n\n<adf><prospect/></adf>\n"
	    "--b\nContent-Type: application/xml\n\n<adf><prospect/></adf>\n"
	    "--b\nContent-Type: text/xml\n\n<adf><prospect/></adf>\n"
	    "--b--\n");
	T_INT(nparts, 1, "alternatives: one passed");
	T_STR(g.part[0], "3 application/xml", "alternatives: XML preferred");

	run_str("Subject: alt\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=b\n\n"
	    "--b\nContent-Type: text/html\n\n"
	    "<p>&lt;adf&gt;&lt;prospect/&gt;&lt;/adf&gt;</p>\n"
	    "--b\nContent-Type: text/plain\n\nno lead here\n"
	    "--b\nContent-Type: multipart/related; boundary=c\n\n"
	    "--c\nContent-Type: text/html\n\n<b>&lt;adf&gt;</b>\n"
	    "--c\nContent-Type: image/gif\n\n<adf>\n--c--\n"
	    "--b--\n");
	T_INT(nparts, 1, "alternatives of HTML only: one passed");
	T_STR(g.part[0], "1 text/html", "alternatives of HTML only: the first");
	T_OK(HAS(0, "<adf><prospect/></adf>"), "a minimal HTML part unescaped");

	run_str("Subject: mixed\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: text/plain\n\n<adf>one</adf>\n"
	    "--b\nContent-Type: text/html\n\n&lt;adf&gt;two\n"
	    "--b--\n");
	T_INT(nparts, 2, "mixed, not alternative: both passed");
}

static void
test_skipped(void)
{
	run_str("Subject: pic\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: image/svg+xml\n\n<svg><adf/></svg>\n"
	    "--b\nContent-Type: audio/x-whatever\n\n<adf/>\n"
	    "--b\nContent-Type: VIDEO/MP4\n\n<adf/>\n"
	    "--b--\n");
	T_INT(nparts, 0, "image, audio, video: not searched");
	T_STR(why, "no ADF in the message (3 parts: image/svg+xml, "
	    "audio/x-whatever, video/mp4)", "image, audio, video: why");
}

static void
test_encodings(void)
{
	run_str("Subject: uu\nMIME-Version: 1.0\n"
	    "Content-Type: text/xml; charset=US-ASCII\n"
	    "Content-Transfer-Encoding: x-uuencode\n\n"
	    "begin 644 a.xml\n"
	    "7/&%D9CX\\<')O<W!E8W0O/CPO861F/@H`\n"
	    "`\nend\n");
	T_INT(nparts, 1, "x-uuencode transfer encoding: decoded by GMime");
	T_OK(HAS(0, "<adf><prospect/></adf>"), "x-uuencode: the content");
	T_STR(g.charset[0], "us-ascii", "x-uuencode: charset");

	run_str("Subject: bad\nMIME-Version: 1.0\n"
	    "Content-Type: text/xml\nContent-Transfer-Encoding: base64\n\n"
	    "PGFkZj4=!!!***\n@@PHByb3NwZWN0Lz4=\n====\n\x01\x02\n");
	T_OK(nparts <= 1, "invalid base64: no crash");

	run_str("Subject: latin1 8bit\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=Windows-1252\n"
	    "Content-Transfer-Encoding: 8bit\n\n"
	    "<adf><prospect><name>Jos\xe9 \x93Pepe\x94</name></prospect>"
	    "</adf>\n");
	T_INT(nparts, 1, "8bit: one part");
	T_STR(g.charset[0], "windows-1252", "8bit: charset lower-cased");
	T_OK(HAS(0, "Jos\xe9 \x93Pepe\x94"), "8bit: bytes as they were");
}

static void
test_broken(void)
{
	struct lk_buf	 b = LK_BUF_INIT;
	unsigned	 seed = 12345;
	int		 i, j;

	/* A boundary that never comes: GMime keeps it all as preamble. */
	run_str("Subject: broken\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=nothere\n\n"
	    "--other\nContent-Type: text/xml\n\n<adf><prospect/></adf>\n"
	    "--other--\n");
	T_INT(nparts, 1, "boundary never found: the ADF still found");

	/* Nested 40 multiparts deep, then the ADF: past the cap. */
	lk_buf_clear(&b);
	lk_buf_adds(&b, "Subject: deep\nMIME-Version: 1.0\n");
	for (i = 0; i < 40; i++)
		lk_buf_addf(&b, "Content-Type: multipart/mixed; boundary=b%d"
		    "\n\n--b%d\n", i, i);
	lk_buf_adds(&b, "Content-Type: text/xml\n\n<adf/>\n");
	for (i = 39; i >= 0; i--)
		lk_buf_addf(&b, "--b%d--\n", i);
	run(b.s, b.len);
	T_INT(nparts, 0, "40 multiparts deep: not searched");
	T_STR(why, "no ADF in the message (no parts; parts nested too deep "
	    "not searched)", "40 multiparts deep: why says so");

	/* Forwarded within forwarded, 40 times, then the ADF. */
	lk_buf_clear(&b);
	for (i = 0; i < 40; i++)
		lk_buf_adds(&b, "Subject: fwd\n"
		    "Content-Type: message/rfc822\n\n");
	lk_buf_adds(&b, "Subject: lead\n\n<adf/>\n");
	run(b.s, b.len);
	T_INT(nparts, 0, "40 forwards deep: not searched");
	/* 20 deep is fine. */
	lk_buf_clear(&b);
	for (i = 0; i < 20; i++)
		lk_buf_adds(&b, "Subject: fwd\n"
		    "Content-Type: message/rfc822\n\n");
	lk_buf_adds(&b, "Subject: lead\n\n<adf/>\n");
	run(b.s, b.len);
	T_INT(nparts, 1, "20 forwards deep: found");
	T_OK(g.part[0] != NULL && strncmp(g.part[0], "1.1.1.1.1", 9) == 0,
	    "20 forwards deep: numbered all the way");

	/* 5000 nested multiparts: GMime recurses, we must not crash. */
	lk_buf_clear(&b);
	lk_buf_adds(&b, "Subject: deeper\nMIME-Version: 1.0\n");
	for (i = 0; i < 5000; i++)
		lk_buf_adds(&b, "Content-Type: multipart/mixed; boundary=x\n\n"
		    "--x\n");
	run(b.s, b.len);
	T_INT(nparts, 0, "5000 multiparts deep: no crash");

	/* A megabyte of Subject. */
	lk_buf_clear(&b);
	lk_buf_adds(&b, "Subject: ");
	for (i = 0; i < 1 << 20; i++)
		lk_buf_addc(&b, 'a' + i % 26);
	lk_buf_adds(&b, "\nFrom: =?utf-8?q?=FF=FE?= <x@y>\n\n<adf/>\n");
	run(b.s, b.len);
	T_INT(nparts, 1, "a huge header: the body still read");
	T_INT(info.subject ? strlen(info.subject) : 0, 1 << 20,
	    "a huge header: kept whole");
	T_OK(info.from != NULL && strstr(info.from, "<x@y>") != NULL,
	    "invalid UTF-8 in From: made valid");

	/* Control characters in a file name do not reach the caller. */
	run_str("Subject: x\nMIME-Version: 1.0\nContent-Type: text/xml; "
	    "name=\"a\\\x1b[31mb.xml\"\n\n<adf/>\n");
	T_OK(g.part[0] != NULL && strchr(g.part[0], '\x1b') == NULL,
	    "escape in a file name: replaced");

	/* Garbage: seeded noise, and noise that looks like MIME. */
	for (i = 0; i < 200; i++) {
		lk_buf_clear(&b);
		if (i % 2)
			lk_buf_adds(&b, "Content-Type: multipart/mixed; "
			    "boundary=z\n\n--z\n");
		for (j = 0; j < 50 + i * 37; j++) {
			seed = seed * 1103515245 + 12345;
			lk_buf_addc(&b, (int)(seed >> 16 & 0xff));
			if (seed % 97 == 0)
				lk_buf_adds(&b, "\n--z\nContent-Type: "
				    "message/rfc822\n\n");
		}
		run(b.s, b.len);
	}
	T_OK(1, "200 garbage inputs: no crash");
	lk_buf_free(&b);
}

int
main(void)
{
	test_plain_body();
	test_qp_latin1();
	test_base64_attachment();
	test_alternative();
	test_html_only();
	test_forwarded();
	test_two_leads();
	test_no_adf();
	test_utf16();
	test_octet_stream();
	test_uuencoded();
	test_no_headers();
	test_alternative_order();
	test_skipped();
	test_encodings();
	test_broken();
	reset();
	lk_buf_free(&file);
	lk_mail_done();
	return t_done();
}

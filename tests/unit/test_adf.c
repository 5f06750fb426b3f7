/*
 * test_adf: ADF documents into lead fields, as real senders write them:
 * the mapping, the places extras are kept under, and each sloppy form
 * the reader mends before libxml2 sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adf.h"
#include "lead.h"
#include "t.h"

/* What the prospects of a document became, one line each. */
struct seen {
	char	 lines[4][1024];
	size_t	 n;
};

static int
keep(struct lk_lead *l, size_t nth, void *arg)
{
	struct seen *s = arg;
	char	*p;
	size_t	 i;
	int	 k;

	(void)nth;
	if (s->n >= 4)
		return 0;
	p = s->lines[s->n++];
	*p = '\0';
	for (k = 0; k < LK_F__COUNT; k++)
		if (l->v[k] != NULL)
			snprintf(p + strlen(p), 1024 - strlen(p), "%s=%s|",
			    lk_fields[k].name, l->v[k]);
	for (i = 0; i < l->ncontacts; i++)
		snprintf(p + strlen(p), 1024 - strlen(p), "%s(%s)=%s|",
		    l->contacts[i].phone ? "phone" : "email",
		    l->contacts[i].label != NULL ? l->contacts[i].label : "",
		    l->contacts[i].value);
	if (l->extra.len > 0)
		snprintf(p + strlen(p), 1024 - strlen(p), "%.*s}",
		    (int)l->extra.len, l->extra.s);
	return 0;
}

/* Read doc (charset cs) and check prospect 0's line and the count. */
static void
check(const char *doc, size_t len, const char *cs, size_t want_n,
    const char *want, const char *what)
{
	struct seen s;
	char	*why = NULL;
	size_t	 n;

	memset(&s, 0, sizeof(s));
	lk_adf_read(doc, len, cs, keep, &s, &n, &why);
	T_INT(n, want_n, what);
	T_STR(n > 0 ? s.lines[0] : why, want, what);
	free(why);
}

#define CHECK(doc, n, want, what) \
	check((doc), sizeof(doc) - 1, NULL, (n), (want), (what))

int
main(void)
{
	CHECK("<adf><prospect><id source=\"AT\">9</id>"
	    "<requestdate>2026-01-19 16:40:00 -0600</requestdate>"
	    "<vehicle interest=\"buy\" status=\"new\"><year>2026</year>"
	    "<make>Honda</make><model>Civic</model><odometer units=\"mi\">"
	    "12</odometer></vehicle>"
	    "<vehicle interest=\"trade-in\"><make>Ford</make></vehicle>"
	    "<customer><contact><name part=\"first\">Ann</name>"
	    "<name part=\"last\">Lee</name>"
	    "<phone type=\"fax\">555-123-0000</phone>"
	    "<phone type=\"cellphone\" time=\"evening\">555-123-4567</phone>"
	    "</contact></customer><provider><name>AutoTrader</name>"
	    "<url>https://x</url></provider></prospect></adf>", 1,
	    "external_id=9|source=AutoTrader|type=new|"
	    "received=2026-01-19 16:40:00 -0600|first_name=Ann|last_name=Lee|"
	    "year=2026|make=Honda|model=Civic|odometer=12|interest=buy|"
	    "trade_make=Ford|phone(mobile, evening)=555-123-4567|"
	    "phone(fax)=555-123-0000|{\"id@source\":\"AT\","
	    "\"vehicle[1].odometer@units\":\"mi\","
	    "\"vehicle[2]@interest\":\"trade-in\",\"provider.url\":\"https://x\"}",
	    "the fields, the trade, phones in the order to call them");
	CHECK("Dear dealer,\n<?XML VERSION \xe2\x80\x9c" "1.0\xe2\x80\x9d?>\n"
	    "<adf><prospect><customer><contact><name part=full>Ren&eacute;e"
	    "&nbsp;Roe &amp; Co & Sons</name></contact></customer>"
	    "</prospect></adf>\nRegards", 1,
	    "name=Ren\xc3\xa9" "e\xc2\xa0Roe & Co & Sons|",
	    "wrapping text, curly quotes, entities, a bare &, no quotes");
	CHECK("<name part=\"full\">x</name><prospect><customer><contact>"
	    "<name part=\"full\">Bare Prospect</name></contact></customer>"
	    "</prospect>", 1, "name=Bare Prospect|",
	    "prospects without their <adf>");
	CHECK("<adf><prospect><customer><contact><name>One</name></contact>"
	    "</customer></prospect></adf> and <adf><prospect><customer>"
	    "<contact><name>Two</name></contact></customer></prospect></adf>",
	    2, "name=One|", "two documents in one text");
	CHECK("<a:adf xmlns:a=\"urn:x\"><a:prospect><a:customer><a:contact>"
	    "<a:name a:part=\"last\">Lee</a:name></a:contact></a:customer>"
	    "</a:prospect></a:adf>", 1, "last_name=Lee|",
	    "a namespace prefix");
	CHECK("<?xml version=\"1.0\" encoding=\"UTF-8\"?><adf><prospect>"
	    "<customer><contact><name part=\"last\">Dupr\xe9</name>"
	    "</contact></customer></prospect></adf>", 1,
	    "last_name=Dupr\xc3\xa9|", "latin-1 bytes declared UTF-8");
	CHECK("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><adf><prospect>"
	    "<customer><contact><name part=\"last\">Dupr\xc3\xa9</name>"
	    "</contact></customer></prospect></adf>", 1,
	    "last_name=Dupr\xc3\xa9|", "UTF-8 bytes declared ISO-8859-1");
	check("<\0a\0d\0f\0>\0<\0p\0r\0o\0s\0p\0e\0c\0t\0>\0<\0n\0a\0m\0e\0>\0"
	    "Z\0o\0e\0<\0/\0n\0a\0m\0e\0>\0<\0/\0p\0r\0o\0s\0p\0e\0c\0t\0>\0"
	    "<\0/\0a\0d\0f\0>\0", 60, NULL, 1, "{\"name\":\"Zoe\"}",
	    "UTF-16LE with no byte order mark");
	check("<adf><prospect><name>Ana \xf1</name></prospect></adf>", 46,
	    "iso-8859-1", 1, "{\"name\":\"Ana \xc3\xb1\"}",
	    "the container's charset");
	CHECK("<adf><prospect><customer><comments>\n    line one\n"
	    "      line two\n  </comments></customer></prospect></adf>", 1,
	    "comments=line one\nline two|",
	    "indentation of multi-line text removed");
	CHECK("<adf><prospect><customer><contact><name type=\"business\">"
	    "ACME Inc</name><name type=\"full\">Bo Day</name></contact>"
	    "</customer></prospect></adf>", 1,
	    "name=Bo Day|company=ACME Inc|",
	    "a business name, type=full where the DTD says part");
	CHECK("<adf><prospect><customer><contact><name>Vi</name></contact>"
	    "</customer><vendor><contact><name>Acme Motors</name></contact>"
	    "</vendor></prospect></adf>", 1,
	    "name=Vi|vendor=Acme Motors|",
	    "no vendorname: the vendor contact's name");
	CHECK("Just a note, no lead.", 0,
	    "no ADF (no <adf> or <prospect> element)", "no ADF");
	CHECK("<adf><lead/></adf>", 0, "no <prospect> in the <adf>",
	    "an <adf> with no prospect");
	CHECK("<adf><prospect><customer><contact><name>Un", 1,
	    "name=Un|", "a document cut short");
	return t_done();
}

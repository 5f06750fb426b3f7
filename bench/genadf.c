/*
 * genadf: N made-up e-mail messages carrying ADF/XML leads, one file
 * each, as lead providers send them to a dealership, for make bench.
 * The same seed and count give the same bytes on every machine:
 * integer arithmetic only, no locale, no clock.
 *
 * The mix is what a dealership's lead mailbox receives: the ADF as a
 * plain text body (7bit or 8bit), quoted-printable in UTF-8 or Latin-1
 * with accented names, a base64 attachment beside a short note, the
 * text part of a multipart/alternative whose HTML part holds it again
 * escaped, and forwards of any of those as message/rfc822.  Some leads
 * come again (the same id and provider in a new message), some messages
 * carry two prospects, and a few no ADF at all (a bounce, spam, an
 * auto-reply).  Half the messages have CRLF line ends.
 *
 * What it made goes to stdout as two TSV lines, a header and the
 * counts, so a run can check what the database holds afterwards.
 *
 * usage: genadf [-s seed] -o dir count
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPAN_DAYS	90	/* the messages span 90 days ... */
#define END_DAY		20779	/* ... to 2026-11-22 (days since 1970) */
#define DST_START	20520	/* 2026-03-08, US daylight saving time */
#define DST_END		20758	/* 2026-11-01 */
#define RING		1024	/* a resend repeats one of the last so many */

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct rng {
	uint64_t s;
};

/* A growing byte string; the caller frees s. */
struct buf {
	char	*s;
	size_t	 len, cap;
};

struct weighted {
	int	 w;
	const char *s;
};

enum idform {
	ID_NUM,			/* 9 digits */
	ID_UUID,		/* 8-4-4-4-12 hex */
	ID_PREFIX		/* letters and 10 digits */
};

/* Who sends leads, and how their mail looks. */
static const struct provider {
	int	 w;		/* share, in 100 */
	const char *name;	/* <provider><name> and <id source> */
	const char *from;	/* From: display name; NULL: the customer */
	const char *addr;	/* From: address */
	const char *service;
	const char *url;
	enum idform idform;
	const char *prefix;	/* ID_PREFIX's letters */
	int	 tz;		/* its servers' standard offset, minutes */
	const char *mailer;	/* X-Mailer, or NULL */
} providers[] = {
	{ 20, "AutoTrader", "AutoTrader", "leads@autotrader.com",
	    "AutoTrader Used Car Listing", "https://www.autotrader.com",
	    ID_NUM, "", -300, NULL },
	{ 18, "Cars.com", "Cars.com Leads", "noreply@leads.cars.com",
	    "Vehicle Inquiry", "https://www.cars.com", ID_UUID, "", -360,
	    NULL },
	{ 16, "CarGurus", "CarGurus", "leads@cargurus.com",
	    "CarGurus Connect", "https://www.cargurus.com", ID_PREFIX, "CG",
	    -300, "CarGurus Lead Mailer 3.2" },
	{ 8, "TrueCar", "TrueCar Dealer Leads", "dealerleads@truecar.com",
	    "TrueCar Certified Dealer", "https://www.truecar.com",
	    ID_PREFIX, "TC-", -480, NULL },
	{ 5, "Edmunds", "Edmunds.com", "leads@edmunds.com",
	    "Edmunds Price Promise", "https://www.edmunds.com", ID_NUM, "",
	    -480, "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)" },
	{ 5, "Kelley Blue Book", "Kelley Blue Book", "kbb-leads@kbb.com",
	    "KBB Instant Cash Offer", "https://www.kbb.com", ID_UUID, "",
	    -480, NULL },
	{ 18, "Dealer.com", NULL, "noreply@dealer.com", "Dealer Website",
	    "https://www.dealer.com", ID_PREFIX, "DDC", -300,
	    "Dealer.com Forms" },
	{ 6, "Facebook Marketplace", "Facebook Lead Ads",
	    "leads@facebookmail.com", "Marketplace Inquiry",
	    "https://www.facebook.com/marketplace", ID_NUM, "", -480, NULL },
	{ 4, "CARFAX", "CARFAX Used Car Listings", "leads@carfax.com",
	    "CARFAX Listings", "https://www.carfax.com", ID_PREFIX, "CFX",
	    -300, NULL },
};

/* The dealership group the leads are sent to. */
static const struct store {
	const char *name, *make, *addr;
} stores[] = {
	{ "Lakeside Honda", "Honda", "leads@lakesidehonda.example" },
	{ "Lakeside Toyota", "Toyota", "internet@lakesidetoyota.example" },
	{ "Metro Ford of Springfield", "Ford", "adf@metroford.example" },
	{ "Metro Chevrolet", "Chevrolet", "crm@metrochevy.example" },
	{ "Riverside Hyundai", "Hyundai", "leads@riversidehyundai.example" },
	{ "Lakeside Pre-Owned", NULL, "preowned@lakesidehonda.example" },
};

static const char *const staff[] = {
	"Mike Reynolds", "Sarah Chen", "Darnell Washington", "Kristy Olson",
	"Tony Russo", "Maria Delgado",
};

static const char *const firsts[] = {
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
	"Linda", "David", "Elizabeth", "William", "Barbara", "Richard",
	"Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher",
	"Karen", "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty",
	"Anthony", "Sandra", "Mark", "Ashley", "Kevin", "Carol", "Brian",
	"Amanda", "DeShawn", "Melissa", "Luis", "Ana", "Carlos", "Juan",
	"Wei", "Mei", "Minh", "Raj", "Priya", "Mohammed", "Fatima", "Olga",
	"Bobby", "Jo Ann", "Mary Beth", "Chris", "Pat", "Jordan", "Taylor",
	"Jos\xc3\xa9", "Mar\xc3\xad" "a", "Zo\xc3\xab",
};

static const char *const lasts[] = {
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
	"Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
	"Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
	"Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
	"Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
	"King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
	"O'Brien", "McDonald", "Smith-Jones", "De La Cruz", "Van Dyke",
	"St. John", "Tran", "Kim", "Patel", "Kowalski", "Johnson Jr.",
	"N\xc3\xba\xc3\xb1" "ez", "M\xc3\xbcller",
};

/* Names with letters from Latin-1, for the quoted-printable messages. */
static const char *const afirsts[] = {
	"Jos\xc3\xa9", "Mar\xc3\xad" "a", "Sof\xc3\xad" "a", "Zo\xc3\xab",
	"Ren\xc3\xa9" "e", "Andr\xc3\xa9", "J\xc3\xbcrgen", "In\xc3\xa9s",
	"Jo\xc3\xa3o", "Fran\xc3\xa7ois", "Bj\xc3\xb6rn", "Ra\xc3\xbal",
	"Luis", "Ana", "Carlos",
};

static const char *const alasts[] = {
	"Garc\xc3\xad" "a", "N\xc3\xba\xc3\xb1" "ez", "M\xc3\xbcller",
	"Pe\xc3\xb1" "a", "Fern\xc3\xa1ndez", "Ib\xc3\xa1\xc3\xb1" "ez",
	"Gonz\xc3\xa1lez", "L\xc3\xb3pez", "Mart\xc3\xadnez",
	"Sch\xc3\xb6" "n", "Dupr\xc3\xa9", "Concei\xc3\xa7\xc3\xa3o",
	"Smith",
};

static const struct weighted domains[] = {
	{ 34, "gmail.com" }, { 14, "yahoo.com" }, { 9, "hotmail.com" },
	{ 6, "outlook.com" }, { 6, "aol.com" }, { 6, "icloud.com" },
	{ 4, "comcast.net" }, { 3, "att.net" }, { 2, "verizon.net" },
	{ 1, "protonmail.com" }, { 1, "acme-plumbing.com" },
};

/* City, state, the first three digits of its ZIP codes, area codes. */
static const struct place {
	const char *city, *state, *zip3, *area[3];
} places[] = {
	{ "Houston", "TX", "770", { "713", "281", "832" } },
	{ "Dallas", "TX", "752", { "214", "469", "972" } },
	{ "Austin", "TX", "787", { "512", "737", "512" } },
	{ "Phoenix", "AZ", "850", { "602", "480", "623" } },
	{ "Atlanta", "GA", "303", { "404", "678", "770" } },
	{ "Charlotte", "NC", "282", { "704", "980", "704" } },
	{ "Orlando", "FL", "328", { "407", "321", "689" } },
	{ "Miami", "FL", "331", { "305", "786", "954" } },
	{ "Nashville", "TN", "372", { "615", "629", "615" } },
	{ "Columbus", "OH", "432", { "614", "380", "614" } },
	{ "Chicago", "IL", "606", { "312", "773", "872" } },
	{ "Detroit", "MI", "482", { "313", "248", "586" } },
	{ "Denver", "CO", "802", { "303", "720", "303" } },
	{ "Los Angeles", "CA", "900", { "213", "323", "310" } },
	{ "Seattle", "WA", "981", { "206", "425", "253" } },
	{ "St. Louis", "MO", "631", { "314", "636", "314" } },
	{ "Minneapolis", "MN", "554", { "612", "763", "952" } },
	{ "Philadelphia", "PA", "191", { "215", "267", "445" } },
	{ "Boston", "MA", "021", { "617", "857", "781" } },
	{ "Newark", "NJ", "071", { "973", "862", "201" } },
};

static const char *const streets[] = {
	"Main", "Oak", "Maple", "Cedar", "Elm", "Pine", "Washington", "Lake",
	"Hill", "Park", "Sunset", "Willow", "Highland", "Lincoln", "Church",
	"Martin Luther King Jr", "Old Mill", "Peachtree", "Riverside",
	"Camino Real", "Ca\xc3\xb1" "ada",
};

static const char *const suffixes[] = {
	"St", "Ave", "Rd", "Dr", "Ln", "Blvd", "Ct", "Way", "Pkwy", "Cir",
};

/* Makes, their VIN prefixes, models and the trims of each. */
static const struct make {
	const char *name, *wmi;
	const char *model[5], *trim[5];
} makes[] = {
	{ "Chevrolet", "1GC", { "Silverado 1500", "Equinox", "Malibu",
	    "Tahoe", "Traverse" }, { "LT", "RS", "Premier", "LS",
	    "Z71" } },
	{ "Ford", "1FT", { "F-150", "Escape", "Explorer", "Mustang",
	    "Bronco Sport" }, { "XLT", "Lariat", "SE", "Platinum",
	    "Big Bend" } },
	{ "Toyota", "4T1", { "Camry", "RAV4", "Corolla", "Tacoma",
	    "Highlander" }, { "LE", "XLE", "SE", "TRD Off-Road",
	    "Limited" } },
	{ "Honda", "1HG", { "Civic", "Accord", "CR-V", "Pilot", "HR-V" },
	    { "LX", "EX", "EX-L", "Sport", "Touring" } },
	{ "Nissan", "1N4", { "Altima", "Rogue", "Sentra", "Frontier",
	    "Pathfinder" }, { "S", "SV", "SL", "SR", "Platinum" } },
	{ "Jeep", "1C4", { "Wrangler", "Grand Cherokee", "Compass",
	    "Gladiator", "Cherokee" }, { "Sport", "Sahara", "Rubicon",
	    "Limited", "Overland" } },
	{ "Hyundai", "5NP", { "Tucson", "Elantra", "Santa Fe", "Palisade",
	    "Kona" }, { "SE", "SEL", "N Line", "Limited", "Calligraphy" } },
	{ "Kia", "5XY", { "Sorento", "Telluride", "Sportage", "Forte",
	    "K5" }, { "LX", "S", "EX", "SX", "X-Line" } },
	{ "Subaru", "4S4", { "Outback", "Forester", "Crosstrek", "Ascent",
	    "WRX" }, { "Base", "Premium", "Limited", "Touring",
	    "Wilderness" } },
	{ "Tesla", "5YJ", { "Model 3", "Model Y", "Model S", "Model X",
	    "Model 3" }, { "Long Range", "Performance", "Standard Range",
	    "Plaid", "Long Range" } },
};

static const char *const colors[] = {
	"Summit White", "Black", "Silver Ice Metallic", "Magnetic Gray",
	"Oxford White", "Agate Black", "Celestial Silver", "Blueprint",
	"Supersonic Red", "Lunar Rock", "Crystal Black Pearl",
};

/*
 * Comments as customers type them.  %M: the model, %K: the make, %Y:
 * its year, %F: the first name, %S: the provider, %P: a phone.
 */
static const struct weighted comments[] = {
	{ 30, "" },
	{ 14, "Is this vehicle still available?" },
	{ 10, "Is the %Y %K %M still available? What is the best price?" },
	{ 8, "What is your best out-the-door price, including all fees?" },
	{ 6, "I'd like to schedule a test drive this Saturday around 10am." },
	{ 5, "Do you take trade-ins? I have a 2015 Ford Escape with about "
	    "98k miles." },
	{ 4, "Please call me after 5pm.\nThanks!" },
	{ 4, "Trade & financing questions: can I get pre-approved online?" },
	{ 3, "Pre-approved with my credit union. Budget is <= $450/mo." },
	{ 3, "Saw this on %S. Price listed \xe2\x80\x94 is that correct?" },
	{ 3, "Customer requested a quote from %S for the %Y %K %M. "
	    "Preferred contact: email." },
	{ 2, "\xc2\xbfTienen vendedores que hablen espa\xc3\xb1ol? "
	    "Me llamo %F." },
	{ 2, "Don't call, text only please \xf0\x9f\x91\x8d" },
	{ 2, "Questions:\n1) Is it certified?\n2) Any \"dealer add-ons\"?\n"
	    "3) Can you deliver?" },
	{ 2, "Call my wife's cell instead: %P" },
	{ 1, "I'm at work until 6, email is best.  -- %F" },
};

/* Message kinds. */
enum kind {
	K_PLAIN, K_QP, K_MIXED, K_ALT, K_FWD, K_NOADF, K__COUNT
};

/* One lead: all it says, made again alike from its number. */
struct lead {
	uint64_t num;
	int64_t	 t;		/* when it was made, seconds since 1970 */
	int	 accent;	/* names from afirsts and alasts */
	int	 resend;	/* this message sends it again */
	const struct provider *prov;
	const struct store *store;
	const struct place *place;
	char	 id[48];	/* "": none */
	char	 first[64], last[64];
	int	 fullname;	/* one <name part="full"> */
	char	 email[128];
	int	 nphone;
	struct {
		char	 num[32];
		const char *type, *time;	/* NULL: no attribute */
	} phone[3];
	char	 street[128], zip[16];
	int	 addr;		/* 0 none, 1 city and zip, 2 street too */
	int	 used;
	unsigned year, odometer, price;
	const struct make *make;
	const char *model, *trim, *color;
	char	 vin[18], stock[16];
	int	 trade;
	unsigned tyear, tmiles;
	const struct make *tmake;
	const char *tmodel;
	char	 comment[512];
	int	 cdata;
	int	 datefmt;	/* how <requestdate> is written */
	int	 vendorcontact;
};

/* What a lead is remembered by, so a later message can resend it. */
struct sent {
	uint64_t num;
	int64_t	 t;
	int	 accent;
	const struct provider *prov;
};

/* How one ADF document is written. */
struct style {
	const char *ind;	/* one level of indent */
	int	 oneline;	/* all of <adf> on one line */
	int	 crlf;
	int	 latin1;	/* Latin-1 bytes, declared so */
	int	 bom;
	int	 decl;		/* which XML and ADF declarations */
};

struct gen {
	struct rng r;		/* the messages, in order */
	uint64_t seed;
	uint64_t count;		/* messages to make */
	uint64_t i;		/* the message being made */
	uint64_t nlead;		/* leads made so far */
	struct sent ring[RING];
	uint64_t nsent;		/* leads with an id, for resends */
	/* What was made: */
	uint64_t prospects, resends, noadf, two, crlf, bytes;
	uint64_t kinds[K__COUNT];
	uint64_t nmsgid;	/* Message-IDs handed out */
};

static uint64_t
next(struct rng *r)
{
	uint64_t z;

	/* splitmix64: tiny, and good enough to look random. */
	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
rnd(struct rng *r, unsigned n)
{
	return (unsigned)(next(r) % n);
}

/* True with a chance of permille in 1000. */
static int
chance(struct rng *r, unsigned permille)
{
	return rnd(r, 1000) < permille;
}

static const char *
pickw(struct rng *r, const struct weighted *w, size_t n)
{
	unsigned total = 0, x;
	size_t	 i;

	for (i = 0; i < n; i++)
		total += (unsigned)w[i].w;
	x = rnd(r, total);
	for (i = 0; x >= (unsigned)w[i].w; i++)
		x -= (unsigned)w[i].w;
	return w[i].s;
}

static const struct provider *
pickprov(struct rng *r)
{
	unsigned x = rnd(r, 100);
	size_t	 i;

	for (i = 0; x >= (unsigned)providers[i].w && i + 1 <
	    NELEM(providers); i++)
		x -= (unsigned)providers[i].w;
	return &providers[i];
}

#define PICK(r, a)	((a)[rnd((r), NELEM(a))])
#define PICKW(r, a)	pickw((r), (a), NELEM(a))

static void
grow(struct buf *b, size_t n)
{
	size_t	 cap;

	if (b->len + n + 1 <= b->cap)
		return;
	for (cap = b->cap ? b->cap : 4096; cap < b->len + n + 1; cap *= 2)
		;
	if ((b->s = realloc(b->s, cap)) == NULL) {
		fputs("genadf: out of memory\n", stderr);
		exit(71);
	}
	b->cap = cap;
}

static void
bputn(struct buf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
bputs(struct buf *b, const char *s)
{
	bputn(b, s, strlen(s));
}

static void
bputc(struct buf *b, char c)
{
	bputn(b, &c, 1);
}

static void __attribute__((format(printf, 2, 3)))
bprintf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Days since 1970-01-01 to year, month, day (Hinnant's algorithm). */
static void
civil(long z, int *y, int *m, int *d)
{
	long	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The UTC offset in minutes at t of a US zone of standard offset std. */
static int
offset(int64_t t, int std)
{
	/* From 2:00 standard time in March to 2:00 daylight in November. */
	if (t >= (int64_t)DST_START * 86400 + 7200 - std * 60 &&
	    t < (int64_t)DST_END * 86400 + 3600 - std * 60)
		return std + 60;
	return std;
}

struct tm6 {
	int	 y, mo, d, h, mi, s, wday;
};

static void
split(int64_t t, struct tm6 *tm)
{
	civil((long)(t / 86400), &tm->y, &tm->mo, &tm->d);
	tm->wday = (int)((t / 86400 + 4) % 7);
	tm->h = (int)(t % 86400 / 3600);
	tm->mi = (int)(t % 3600 / 60);
	tm->s = (int)(t % 60);
}

/* Date: as RFC 5322 writes it, in the zone of standard offset std. */
static void
rfcdate(struct buf *b, int64_t t, int std)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm6 tm;
	int	 off = offset(t, std);

	split(t + off * 60, &tm);
	bprintf(b, "%s, %d %s %d %02d:%02d:%02d %c%02d%02d", wd[tm.wday],
	    tm.d, mon[tm.mo - 1], tm.y, tm.h, tm.mi, tm.s, off < 0 ? '-' : '+',
	    abs(off) / 60, abs(off) % 60);
}

/* <requestdate>: ISO 8601 in one of the ways providers write it. */
static void
isodate(struct buf *b, int64_t t, int std, int fmt)
{
	struct tm6 tm;
	int	 off = fmt == 2 ? 0 : offset(t, std);
	char	 sign = off < 0 ? '-' : '+';

	split(t + off * 60, &tm);
	bprintf(b, "%d-%02d-%02d%c%02d:%02d:%02d", tm.y, tm.mo, tm.d,
	    fmt == 1 ? ' ' : 'T', tm.h, tm.mi, tm.s);
	if (fmt == 1)		/* adf_builder: "2026-01-19 16:40:00 -0600" */
		bprintf(b, " %c%02d%02d", sign, abs(off) / 60, abs(off) % 60);
	else if (fmt == 2)
		bputc(b, 'Z');
	else
		bprintf(b, "%s%c%02d:%02d", fmt == 3 ? ".000" : "", sign,
		    abs(off) / 60, abs(off) % 60);
}

static void
phone_digits(struct rng *r, const struct place *p, char *d)
{
	unsigned ex;

	/* An exchange never starts 0 or 1 and is never N11. */
	do
		ex = 200 + rnd(r, 800);
	while (ex % 100 == 11);
	snprintf(d, 11, "%s%03u%04u", p->area[rnd(r, 3)], ex, rnd(r, 10000));
}

/* Ten digits the way a lead form writes them. */
static void
phone_as_sent(struct rng *r, char *dst, size_t size, const char *d)
{
	unsigned x = rnd(r, 100);

	if (x < 35)
		snprintf(dst, size, "(%.3s) %.3s-%.4s", d, d + 3, d + 6);
	else if (x < 65)
		snprintf(dst, size, "%.3s-%.3s-%.4s", d, d + 3, d + 6);
	else if (x < 80)
		snprintf(dst, size, "%s", d);
	else if (x < 92)
		snprintf(dst, size, "+1%s", d);
	else
		snprintf(dst, size, "%.3s.%.3s.%.4s", d, d + 3, d + 6);
}

/* Lower-case ASCII letters of a name, accents dropped, for e-mails. */
static void
plain(char *dst, size_t size, const char *s)
{
	size_t	 n = 0;
	unsigned char c;

	for (; *s != '\0' && n + 1 < size; s++) {
		c = (unsigned char)*s;
		if (c == 0xc3 && s[1] != '\0') {
			c = (unsigned char)*++s;
			c = c >= 0xa0 && c <= 0xa5 ? 'a' :
			    c == 0xa7 ? 'c' :
			    c >= 0xa8 && c <= 0xab ? 'e' :
			    c >= 0xac && c <= 0xaf ? 'i' :
			    c == 0xb1 ? 'n' :
			    c >= 0xb2 && c <= 0xb6 ? 'o' :
			    c >= 0xb9 && c <= 0xbc ? 'u' : 0;
		} else if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if (c < 'a' || c > 'z')
			c = 0;
		if (c != 0)
			dst[n++] = (char)c;
	}
	dst[n] = '\0';
}

static void
vin(struct rng *r, const char *wmi, unsigned year, char *dst)
{
	static const char chars[] = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
	static const char years[] = "ABCDEFGHJKLMNPRSTVWXY123456789";
	static const int weight[17] = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7,
	    6, 5, 4, 3, 2 };
	/* Transliteration of A..Z; I, O and Q never occur. */
	static const int letter[26] = { 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3,
	    4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9 };
	int	 i, sum = 0, v;

	memcpy(dst, wmi, 3);
	for (i = 3; i < 17; i++)
		dst[i] = chars[rnd(r, sizeof(chars) - 1)];
	dst[9] = years[(year - 2010 + 30) % 30];
	for (i = 11; i < 17; i++)
		dst[i] = (char)('0' + rnd(r, 10));
	dst[17] = '\0';
	for (i = 0; i < 17; i++) {
		if (i == 8)
			continue;
		v = dst[i] >= '0' && dst[i] <= '9' ? dst[i] - '0' :
		    letter[dst[i] - 'A'];
		sum += v * weight[i];
	}
	dst[8] = sum % 11 == 10 ? 'X' : (char)('0' + sum % 11);
}

static void
comment(struct rng *r, struct lead *l)
{
	const char *t;
	char	 tmp[32], d[11];
	struct buf b = { NULL, 0, 0 };

	for (t = PICKW(r, comments); *t != '\0'; t++) {
		if (*t != '%' || t[1] == '\0') {
			bputc(&b, *t);
			continue;
		}
		switch (*++t) {
		case 'M':
			bputs(&b, l->model);
			break;
		case 'K':
			bputs(&b, l->make->name);
			break;
		case 'Y':
			bprintf(&b, "%u", l->year);
			break;
		case 'F':
			bputs(&b, l->first);
			break;
		case 'S':
			bputs(&b, l->prov->name);
			break;
		case 'P':
			phone_digits(r, l->place, d);
			phone_as_sent(r, tmp, sizeof(tmp), d);
			bputs(&b, tmp);
			break;
		}
	}
	snprintf(l->comment, sizeof(l->comment), "%s", b.s ? b.s : "");
	free(b.s);
	l->cdata = l->comment[0] != '\0' && chance(r, 200);
}

static void
vehicle(struct rng *r, struct lead *l)
{
	size_t	 k;

	l->used = l->store->make == NULL || chance(r, 450);
	l->make = &makes[rnd(r, NELEM(makes))];
	if (!l->used)
		for (k = 0; k < NELEM(makes); k++)
			if (strcmp(makes[k].name, l->store->make) == 0)
				l->make = &makes[k];
	l->model = l->make->model[rnd(r, 5)];
	l->trim = chance(r, 850) ? l->make->trim[rnd(r, 5)] : NULL;
	l->year = l->used ? 2014 + rnd(r, 12) : 2026 + rnd(r, 2);
	l->vin[0] = '\0';
	if (chance(r, 850))
		vin(r, l->make->wmi, l->year, l->vin);
	snprintf(l->stock, sizeof(l->stock), "%c%05u", l->used ? 'U' : 'N',
	    rnd(r, 100000));
	l->odometer = l->used ? 5000 + rnd(r, 140000) : 0;
	l->price = chance(r, 800) ? (l->used ? 9000 + rnd(r, 45000) :
	    24000 + rnd(r, 60000)) : 0;
	l->color = chance(r, 500) ? PICK(r, colors) : NULL;
	if ((l->trade = chance(r, 250))) {
		l->tmake = &makes[rnd(r, NELEM(makes))];
		l->tmodel = l->tmake->model[rnd(r, 5)];
		l->tyear = 2008 + rnd(r, 16);
		l->tmiles = chance(r, 700) ? 20000 + rnd(r, 180000) : 0;
	}
}

/* The lead numbered num: the same number, seed and time, the same lead. */
static void
make_lead(const struct gen *g, struct lead *l, uint64_t num, int64_t t,
    int accent, const struct provider *prov)
{
	static const char *const types[] = { "voice", "cellphone", "voice" };
	static const char *const times[] = { "day", "evening", "morning",
	    "nopreference" };
	struct rng r;
	const char *dom;
	char	 f[32], s[32], d[11];
	int	 k;

	memset(l, 0, sizeof(*l));
	r.s = g->seed * 0x2545f4914f6cdd1dULL ^
	    (num + 1) * 0x9e3779b97f4a7c15ULL;
	next(&r);
	l->num = num;
	l->t = t;
	l->accent = accent;
	l->prov = pickprov(&r);
	if (prov != NULL)
		l->prov = prov;
	l->store = &stores[rnd(&r, NELEM(stores))];
	l->place = &places[rnd(&r, NELEM(places))];

	/* An id unique to the lead: its number spread over the format. */
	switch (l->prov->idform) {
	case ID_NUM:
		snprintf(l->id, sizeof(l->id), "%" PRIu64, 300000000 +
		    (g->seed % 7) * 100000000 + num * 3 + rnd(&r, 3));
		break;
	case ID_UUID:
		snprintf(l->id, sizeof(l->id), "%08x-%04x-4%03x-%04x-%08x%04x",
		    (unsigned)((num + g->seed) * 2654435761U & 0xffffffffU),
		    rnd(&r, 65536), rnd(&r, 4096), 0x8000 + rnd(&r, 16384),
		    (unsigned)(next(&r) & 0xffffffffU), rnd(&r, 65536));
		break;
	case ID_PREFIX:
		snprintf(l->id, sizeof(l->id), "%s%010" PRIu64,
		    l->prov->prefix, 1000000 + (g->seed % 100) * 100000000 +
		    num * 7 + rnd(&r, 7));
		break;
	}
	if (chance(&r, 20))
		l->id[0] = '\0';	/* a form that sends none */

	snprintf(l->first, sizeof(l->first), "%s", accent ?
	    PICK(&r, afirsts) : PICK(&r, firsts));
	snprintf(l->last, sizeof(l->last), "%s", accent ?
	    PICK(&r, alasts) : PICK(&r, lasts));
	l->fullname = chance(&r, 100);
	plain(f, sizeof(f), l->first);
	plain(s, sizeof(s), l->last);
	dom = PICKW(&r, domains);
	switch (rnd(&r, 5)) {
	case 0:
		snprintf(l->email, sizeof(l->email), "%s.%s@%s", f, s, dom);
		break;
	case 1:
		snprintf(l->email, sizeof(l->email), "%s%s%u@%s", f, s,
		    rnd(&r, 100), dom);
		break;
	case 2:
		snprintf(l->email, sizeof(l->email), "%c%s@%s", f[0], s, dom);
		break;
	case 3:
		snprintf(l->email, sizeof(l->email), "%s_%s@%s", f, s, dom);
		break;
	default:
		snprintf(l->email, sizeof(l->email), "%s%u@%s", f,
		    rnd(&r, 10000), dom);
		break;
	}
	if (chance(&r, 80))
		l->email[0] = '\0';
	l->nphone = l->email[0] == '\0' ? 1 + (int)rnd(&r, 3) :
	    (int)rnd(&r, 100) < 12 ? 0 : 1 + (chance(&r, 250) ? 1 +
	    (int)rnd(&r, 2) : 0);
	for (k = 0; k < l->nphone; k++) {
		phone_digits(&r, l->place, d);
		phone_as_sent(&r, l->phone[k].num, sizeof(l->phone[k].num), d);
		l->phone[k].type = chance(&r, 100) ? NULL : types[k];
		if (l->phone[k].type != NULL && k == 1 && chance(&r, 200))
			l->phone[k].type = "cell";	/* not in the DTD */
		l->phone[k].time = chance(&r, 300) ? NULL : PICK(&r, times);
	}
	l->addr = (int)rnd(&r, 100) < 70 ? 2 : chance(&r, 500);
	snprintf(l->street, sizeof(l->street), "%u %s %s",
	    100 + rnd(&r, 19900), PICK(&r, streets), PICK(&r, suffixes));
	snprintf(l->zip, sizeof(l->zip), "%s%02u", l->place->zip3,
	    rnd(&r, 100));
	vehicle(&r, l);
	comment(&r, l);
	l->datefmt = (int)rnd(&r, 100);
	l->datefmt = l->datefmt < 70 ? 0 : l->datefmt < 82 ? 1 :
	    l->datefmt < 92 ? 2 : 3;
	l->vendorcontact = chance(&r, 700);
}

/* Text escaped for XML; an attribute's quotes too. */
static void
xesc(struct buf *b, const char *s, int attr)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			bputs(b, "&amp;");
			break;
		case '<':
			bputs(b, "&lt;");
			break;
		case '>':
			bputs(b, "&gt;");
			break;
		case '"':
			bputs(b, attr ? "&quot;" : "\"");
			break;
		default:
			bputc(b, *s);
			break;
		}
}

static void
nl(struct buf *b, const struct style *st, int depth)
{
	int	 i;

	if (st->oneline)
		return;
	bputs(b, st->crlf ? "\r\n" : "\n");
	for (i = 0; i < depth; i++)
		bputs(b, st->ind);
}

/* <tag attrs>text</tag> on a line of its own at depth. */
static void
leaf(struct buf *b, const struct style *st, int depth, const char *tag,
    const char *attrs, const char *text)
{
	nl(b, st, depth);
	bprintf(b, "<%s%s%s>", tag, *attrs ? " " : "", attrs);
	xesc(b, text, 0);
	bprintf(b, "</%s>", tag);
}

static void
leafu(struct buf *b, const struct style *st, int depth, const char *tag,
    const char *attrs, unsigned v)
{
	char	 n[16];

	snprintf(n, sizeof(n), "%u", v);
	leaf(b, st, depth, tag, attrs, n);
}

static void
phone(struct buf *b, const struct style *st, const struct lead *l, int k)
{
	struct buf a = { NULL, 0, 0 };

	bputs(&a, "");
	if (l->phone[k].type != NULL)
		bprintf(&a, "type=\"%s\"", l->phone[k].type);
	if (l->phone[k].time != NULL)
		bprintf(&a, "%stime=\"%s\"", a.len ? " " : "",
		    l->phone[k].time);
	leaf(b, st, 4, "phone", a.s, l->phone[k].num);
	free(a.s);
}

static void
prospect(struct buf *b, const struct style *st, const struct lead *l)
{
	struct buf t = { NULL, 0, 0 };
	char	 a[128];
	int	 k;

	nl(b, st, 1);
	bprintf(b, "<prospect%s>", l->resend ? " status=\"resend\"" :
	    l->num % 2 ? " status=\"new\"" : "");
	if (l->id[0] != '\0') {
		snprintf(a, sizeof(a), "sequence=\"1\" source=\"%s\"",
		    l->prov->name);
		leaf(b, st, 2, "id", a, l->id);
	}
	isodate(&t, l->t, l->prov->tz, l->datefmt);
	leaf(b, st, 2, "requestdate", "", t.s);

	nl(b, st, 2);
	bprintf(b, "<vehicle interest=\"buy\" status=\"%s\">",
	    l->used ? "used" : "new");
	leafu(b, st, 3, "year", "", l->year);
	leaf(b, st, 3, "make", "", l->make->name);
	leaf(b, st, 3, "model", "", l->model);
	if (l->vin[0] != '\0')
		leaf(b, st, 3, "vin", "", l->vin);
	leaf(b, st, 3, "stock", "", l->stock);
	if (l->trim != NULL)
		leaf(b, st, 3, "trim", "", l->trim);
	if (l->used)
		leafu(b, st, 3, "odometer", "status=\"original\" units=\"mi\"",
		    l->odometer);
	if (l->color != NULL) {
		nl(b, st, 3);
		bputs(b, "<colorcombination>");
		leaf(b, st, 4, "exteriorcolor", "", l->color);
		leaf(b, st, 4, "preference", "", "1");
		nl(b, st, 3);
		bputs(b, "</colorcombination>");
	}
	if (l->price != 0)
		leafu(b, st, 3, "price", l->used ?
		    "type=\"asking\" currency=\"USD\"" :
		    "type=\"msrp\" currency=\"USD\"", l->price);
	nl(b, st, 2);
	bputs(b, "</vehicle>");
	if (l->trade) {
		nl(b, st, 2);
		bputs(b, "<vehicle interest=\"trade-in\" status=\"used\">");
		leafu(b, st, 3, "year", "", l->tyear);
		leaf(b, st, 3, "make", "", l->tmake->name);
		leaf(b, st, 3, "model", "", l->tmodel);
		if (l->tmiles != 0)
			leafu(b, st, 3, "odometer", "units=\"mi\"", l->tmiles);
		nl(b, st, 2);
		bputs(b, "</vehicle>");
	}

	nl(b, st, 2);
	bputs(b, "<customer>");
	nl(b, st, 3);
	bputs(b, "<contact>");
	if (l->fullname) {
		t.len = 0;
		bprintf(&t, "%s %s", l->first, l->last);
		leaf(b, st, 4, "name", "part=\"full\"", t.s);
	} else {
		leaf(b, st, 4, "name", "part=\"first\"", l->first);
		leaf(b, st, 4, "name", "part=\"last\"", l->last);
	}
	if (l->email[0] != '\0')
		leaf(b, st, 4, "email", "", l->email);
	for (k = 0; k < l->nphone; k++)
		phone(b, st, l, k);
	if (l->addr > 0) {
		nl(b, st, 4);
		bputs(b, "<address>");
		if (l->addr > 1)
			leaf(b, st, 5, "street", "line=\"1\"", l->street);
		leaf(b, st, 5, "city", "", l->place->city);
		leaf(b, st, 5, "regioncode", "", l->place->state);
		leaf(b, st, 5, "postalcode", "", l->zip);
		leaf(b, st, 5, "country", "", "US");
		nl(b, st, 4);
		bputs(b, "</address>");
	}
	nl(b, st, 3);
	bputs(b, "</contact>");
	if (l->comment[0] != '\0' && l->cdata) {
		nl(b, st, 3);
		bprintf(b, "<comments><![CDATA[%s]]></comments>", l->comment);
	} else if (l->comment[0] != '\0')
		leaf(b, st, 3, "comments", "", l->comment);
	nl(b, st, 2);
	bputs(b, "</customer>");

	nl(b, st, 2);
	bputs(b, "<vendor>");
	leaf(b, st, 3, "vendorname", "", l->store->name);
	if (l->vendorcontact) {
		nl(b, st, 3);
		bputs(b, "<contact>");
		leaf(b, st, 4, "name", "part=\"full\"", "Internet Sales");
		leaf(b, st, 4, "email", "", l->store->addr);
		nl(b, st, 3);
		bputs(b, "</contact>");
	}
	nl(b, st, 2);
	bputs(b, "</vendor>");
	nl(b, st, 2);
	bputs(b, "<provider>");
	leaf(b, st, 3, "name", l->num % 3 ? "part=\"full\"" : "",
	    l->prov->name);
	leaf(b, st, 3, "service", "", l->prov->service);
	leaf(b, st, 3, "url", "", l->prov->url);
	nl(b, st, 2);
	bputs(b, "</provider>");
	nl(b, st, 1);
	bputs(b, "</prospect>");
	free(t.s);
}

/* UTF-8 to Latin-1 in place; what Latin-1 lacks becomes '?'. */
static void
latin1(struct buf *b)
{
	unsigned char *s = (unsigned char *)b->s, *d = s, *end = s + b->len;

	while (s < end) {
		if (*s < 0x80)
			*d++ = *s++;
		else if ((*s == 0xc2 || *s == 0xc3) && s + 1 < end) {
			*d++ = (unsigned char)((*s & 0x03) << 6 |
			    (s[1] & 0x3f));
			s += 2;
		} else {
			*d++ = '?';
			for (s++; s < end && (*s & 0xc0) == 0x80; s++)
				;
		}
	}
	b->len = (size_t)(d - (unsigned char *)b->s);
	b->s[b->len] = '\0';
}

/* One ADF document holding n leads. */
static void
adf(struct buf *b, const struct style *st, const struct lead *l, int n)
{
	static const char *const xml[] = {
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>",
		"<?xml version=\"1.0\"?>",
	};
	static const char *const pi[] = {
		"<?adf version=\"1.0\"?>", "<?ADF VERSION=\"1.0\"?>",
		"<?adf version=\"1.0\"?>", "<?ADF version=\"1.0\"?>",
	};
	struct buf d = { NULL, 0, 0 };
	const char *eol = st->crlf ? "\r\n" : "\n";
	int	 k;

	if (st->bom)
		bputs(&d, "\xef\xbb\xbf");
	bprintf(&d, "%s%s%s%s", st->latin1 ?
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" :
	    xml[st->decl % NELEM(xml)], eol, pi[st->decl % NELEM(pi)], eol);
	bputs(&d, "<adf>");
	for (k = 0; k < n; k++)
		prospect(&d, st, &l[k]);
	if (!st->oneline)
		bputs(&d, eol);
	bprintf(&d, "</adf>%s", eol);
	if (st->latin1)
		latin1(&d);
	bputn(b, d.s, d.len);
	free(d.s);
}

static int
ascii(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Base64 in lines of 76. */
static void
base64(struct buf *b, const char *s, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t	 i, col = 0;
	uint32_t v;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		bputc(b, a[v >> 18 & 63]);
		bputc(b, a[v >> 12 & 63]);
		bputc(b, i + 1 < n ? a[v >> 6 & 63] : '=');
		bputc(b, i + 2 < n ? a[v & 63] : '=');
		if ((col += 4) == 76) {
			bputc(b, '\n');
			col = 0;
		}
	}
	if (col > 0)
		bputc(b, '\n');
}

/* Quoted-printable: lines of at most 76, soft breaks, CRLF hard. */
static void
qp(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	 i, col = 0, w;
	unsigned char c;
	char	 enc[4];
	int	 eol;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;	/* the \n ends the line */
		if (c == '\n') {
			bputc(b, '\n');
			col = 0;
			continue;
		}
		eol = i + 1 == n || s[i + 1] == '\n' || (s[i + 1] == '\r' &&
		    i + 2 < n && s[i + 2] == '\n');
		if ((c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && !eol)) {
			enc[0] = (char)c;
			w = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			w = 3;
		}
		/* Room for a soft break's '=' unless the line ends here. */
		if (col + w > (eol ? 76U : 75U)) {
			bputs(b, "=\n");
			col = 0;
		}
		bputn(b, enc, w);
		col += w;
	}
}

/* Text escaped for HTML. */
static void
hesc(struct buf *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&':
			bputs(b, "&amp;");
			break;
		case '<':
			bputs(b, "&lt;");
			break;
		case '>':
			bputs(b, "&gt;");
			break;
		case '"':
			bputs(b, "&quot;");
			break;
		case '\r':
			break;
		default:
			bputc(b, s[i]);
			break;
		}
}

/* An RFC 2047 encoded word of s, Q or B. */
static void
word2047(struct buf *b, const char *cs, const char *s, int bq)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf e = { NULL, 0, 0 };
	unsigned char c;

	bprintf(b, "=?%s?%c?", cs, bq ? 'B' : 'Q');
	if (bq) {
		base64(&e, s, strlen(s));
		bputn(b, e.s, e.len - 1);	/* without its newline */
	} else
		for (; *s != '\0'; s++) {
			c = (unsigned char)*s;
			if (c == ' ')
				bputc(b, '_');
			else if ((c >= 'a' && c <= 'z') || (c >= 'A' &&
			    c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
			    c == '-')
				bputc(b, (char)c);
			else
				bprintf(b, "=%c%c", hex[c >> 4], hex[c & 15]);
		}
	bputs(b, "?=");
	free(e.s);
}

/* A display name and address, encoded if it must be or if it likes. */
static void
mailbox(struct buf *b, struct rng *r, const char *name, const char *addr,
    int latin)
{
	struct buf n = { NULL, 0, 0 };

	if (name == NULL)
		bprintf(b, "%s", addr);
	else if (!ascii(name, strlen(name))) {
		bputs(&n, name);
		if (latin)
			latin1(&n);
		word2047(b, latin ? "ISO-8859-1" : "UTF-8", n.s,
		    chance(r, 300));
		bprintf(b, " <%s>", addr);
	} else if (chance(r, 80)) {
		word2047(b, "utf-8", name, 1);
		bprintf(b, " <%s>", addr);
	} else if (strpbrk(name, ".,'") != NULL || chance(r, 500))
		bprintf(b, "\"%s\" <%s>", name, addr);
	else
		bprintf(b, "%s <%s>", name, addr);
	free(n.s);
}

static void
random_b64(struct buf *b, struct rng *r, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";

	while (n-- > 0)
		bputc(b, a[rnd(r, 64)]);
}

static void
boundary(struct rng *r, char *dst, size_t size)
{
	switch (rnd(r, 3)) {
	case 0:		/* JavaMail */
		snprintf(dst, size, "----=_Part_%u_%u.%u", rnd(r, 100000),
		    rnd(r, 1000000000), 1700000000 + rnd(r, 90000000));
		break;
	case 1:		/* PHPMailer */
		snprintf(dst, size, "b1_%08x%08x%08x",
		    (unsigned)(next(r) >> 32), (unsigned)(next(r) >> 32),
		    (unsigned)(next(r) >> 32));
		break;
	default:	/* Gmail */
		snprintf(dst, size, "000000000000%04x%08x",
		    rnd(r, 65536), (unsigned)(next(r) >> 32));
		break;
	}
}

/* The trace and origin headers of a message from a provider. */
static void
headers(struct gen *g, struct buf *b, const struct lead *l, int64_t t,
    int latin, const char *subject)
{
	struct rng *r = &g->r;
	const char *dom = strchr(l->prov->addr, '@') + 1;
	struct buf n = { NULL, 0, 0 };
	size_t	 i;

	bprintf(b, "Return-Path: <bounces+%u@%s>\n", rnd(r, 1000000), dom);
	i = rnd(r, 40);
	bprintf(b, "Received: from mta%zu.%s (mta%zu.%s [198.51.100.%u])\n"
	    "\tby mx.%s (Postfix) with ESMTPS id 4X%08X\n\tfor <%s>; ",
	    i, dom, i, dom, 1 + rnd(r, 254),
	    strchr(l->store->addr, '@') + 1, (unsigned)(next(r) >> 32),
	    l->store->addr);
	rfcdate(b, t + 2, -300);
	bputc(b, '\n');
	if (chance(r, 600)) {
		bprintf(b, "DKIM-Signature: v=1; a=rsa-sha256; "
		    "c=relaxed/relaxed; d=%s;\n\ts=s%u; t=%" PRId64 "; "
		    "h=from:to:subject:date:message-id:mime-version;\n\tbh=",
		    dom, 1 + rnd(r, 2), t);
		random_b64(b, r, 43);
		bputs(b, "=;\n\tb=");
		for (i = 0; i < 5; i++) {
			random_b64(b, r, i < 4 ? 70 : 62);
			bputs(b, "\n\t ");
		}
		random_b64(b, r, 54);
		bputs(b, "==\n");
	}
	if (l->prov->from == NULL) {
		bprintf(&n, "%s %s", l->first, l->last);
		bputs(b, "From: ");
		mailbox(b, r, n.s, l->prov->addr, latin);
		bputc(b, '\n');
		bprintf(b, "Reply-To: %s\n", l->email[0] != '\0' ? l->email :
		    l->prov->addr);
	} else {
		bputs(b, "From: ");
		mailbox(b, r, l->prov->from, l->prov->addr, latin);
		bputc(b, '\n');
	}
	bputs(b, "To: ");
	mailbox(b, r, chance(r, 500) ? "Internet Sales" : NULL,
	    l->store->addr, 0);
	bputc(b, '\n');
	if (chance(r, 50)) {
		bputs(b, "Subject: ");
		word2047(b, "UTF-8", subject, 0);
		bputc(b, '\n');
	} else
		bprintf(b, "Subject: %s\n", subject);
	bputs(b, "Date: ");
	rfcdate(b, t, l->prov->tz);
	bprintf(b, "\nMessage-ID: <%" PRIu64 ".%08x.%" PRId64 "@%s>\n",
	    ++g->nmsgid, (unsigned)(next(r) >> 32), t, dom);
	if (l->prov->mailer != NULL)
		bprintf(b, "X-Mailer: %s\n", l->prov->mailer);
	bputs(b, "MIME-Version: 1.0\n");
	free(n.s);
}

/* The ADF as text/plain, 7bit or 8bit or quoted-printable. */
static void
body_text(struct gen *g, struct buf *b, const struct lead *l, int n,
    int useqp, int latin)
{
	struct style st;
	struct buf d = { NULL, 0, 0 };
	const char *cs;

	memset(&st, 0, sizeof(st));
	st.ind = PICK(&g->r, ((const char *const[]){ "  ", "    ", "\t",
	    "" }));
	st.decl = (int)rnd(&g->r, 12);
	st.latin1 = latin;
	/* Long lines only where an encoding can break them. */
	st.oneline = useqp && chance(&g->r, 100);
	/* st.crlf stays 0: the message's line ends are made at the end. */
	adf(&d, &st, l, n);
	cs = latin ? (chance(&g->r, 500) ? "ISO-8859-1" : "iso-8859-1") :
	    !ascii(d.s, d.len) || chance(&g->r, 600) ? "UTF-8" : "us-ascii";
	if (!useqp && ascii(d.s, d.len) && chance(&g->r, 100))
		bputs(b, "\n");	/* no Content-Type: text/plain, us-ascii */
	else {
		bprintf(b, "Content-Type: text/plain; charset=%s%s\n", cs,
		    chance(&g->r, 300) ? "; format=flowed" : "");
		bprintf(b, "Content-Transfer-Encoding: %s\n\n", useqp ?
		    "quoted-printable" : ascii(d.s, d.len) ? "7bit" : "8bit");
	}
	if (useqp)
		qp(b, d.s, d.len);
	else
		bputn(b, d.s, d.len);
	free(d.s);
}

static void
note(struct buf *b, const struct lead *l)
{
	bprintf(b, "New lead from %s\n\nName: %s %s\n", l->prov->name,
	    l->first, l->last);
	if (l->email[0] != '\0')
		bprintf(b, "Email: %s\n", l->email);
	if (l->nphone > 0)
		bprintf(b, "Phone: %s\n", l->phone[0].num);
	bprintf(b, "Vehicle: %u %s %s%s%s (%s)\nStock: %s\n\n", l->year,
	    l->make->name, l->model, l->trim ? " " : "", l->trim ? l->trim :
	    "", l->used ? "used" : "new", l->stock);
	bputs(b, "The lead is attached in ADF/XML format.\n");
}

/* A short note, and the ADF as a base64 attachment. */
static void
body_mixed(struct gen *g, struct buf *b, const struct lead *l, int n)
{
	struct style st;
	struct buf d = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	char	 bd[64];
	int	 txml;

	boundary(&g->r, bd, sizeof(bd));
	bprintf(b, "Content-Type: multipart/mixed;\n\tboundary=\"%s\"\n\n"
	    "This is a multi-part message in MIME format.\n\n--%s\n", bd, bd);
	note(&t, l);
	if (ascii(t.s, t.len))
		bputs(b, "Content-Type: text/plain; charset=us-ascii\n"
		    "Content-Transfer-Encoding: 7bit\n\n");
	else
		bputs(b, "Content-Type: text/plain; charset=UTF-8\n"
		    "Content-Transfer-Encoding: 8bit\n\n");
	bputn(b, t.s, t.len);

	memset(&st, 0, sizeof(st));
	st.ind = PICK(&g->r, ((const char *const[]){ "  ", "    ", "\t" }));
	st.decl = (int)rnd(&g->r, 12);
	st.crlf = chance(&g->r, 500);
	st.oneline = chance(&g->r, 100);
	st.bom = chance(&g->r, 50);
	adf(&d, &st, l, n);
	txml = chance(&g->r, 400);
	bprintf(b, "\n--%s\nContent-Type: %s; name=\"lead.xml\"\n"
	    "Content-Transfer-Encoding: base64\n"
	    "Content-Disposition: attachment; filename=\"lead.xml\"\n\n",
	    bd, txml ? "text/xml; charset=UTF-8" : "application/xml");
	base64(b, d.s, d.len);
	bprintf(b, "\n--%s--\n", bd);
	free(d.s);
	free(t.s);
}

/* The ADF as text/plain, and again HTML-escaped as text/html. */
static void
body_alt(struct gen *g, struct buf *b, const struct lead *l, int n)
{
	struct style st;
	struct buf d = { NULL, 0, 0 }, h = { NULL, 0, 0 };
	char	 bd[64];
	int	 useqp;

	boundary(&g->r, bd, sizeof(bd));
	bprintf(b, "Content-Type: multipart/alternative; boundary=\"%s\"\n\n"
	    "--%s\n", bd, bd);
	memset(&st, 0, sizeof(st));
	st.ind = "  ";
	st.decl = (int)rnd(&g->r, 12);
	adf(&d, &st, l, n);
	useqp = !ascii(d.s, d.len);
	bprintf(b, "Content-Type: text/plain; charset=%s\n"
	    "Content-Transfer-Encoding: %s\n\n", useqp ? "UTF-8" : "us-ascii",
	    useqp ? "quoted-printable" : "7bit");
	if (useqp)
		qp(b, d.s, d.len);
	else
		bputn(b, d.s, d.len);
	bputs(&h, "<html><head><meta charset=\"utf-8\"></head><body>\n"
	    "<p>You have a new lead.</p>\n<pre>\n");
	hesc(&h, d.s, d.len);
	bputs(&h, "</pre>\n</body></html>\n");
	bprintf(b, "\n--%s\nContent-Type: text/html; charset=UTF-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n", bd);
	qp(b, h.s, h.len);
	bprintf(b, "\n--%s--\n", bd);
	free(d.s);
	free(h.s);
}

static const char *
subject(struct gen *g, const struct lead *l, char *dst, size_t size)
{
	if (chance(&g->r, 850))
		snprintf(dst, size, "New lead from %s", l->prov->name);
	else
		snprintf(dst, size, "ADF lead: %u %s %s", l->year,
		    l->make->name, l->model);
	return dst;
}

/* A whole message from a provider carrying n leads, of kind k. */
static void
message(struct gen *g, struct buf *b, const struct lead *l, int n,
    enum kind k, int64_t t)
{
	char	 subj[128];
	int	 latin;

	latin = k == K_QP && chance(&g->r, 500);
	headers(g, b, l, t, latin, subject(g, l, subj, sizeof(subj)));
	switch (k) {
	case K_PLAIN:
		body_text(g, b, l, n, 0, 0);
		break;
	case K_QP:
		body_text(g, b, l, n, 1, latin);
		break;
	case K_MIXED:
		body_mixed(g, b, l, n);
		break;
	default:
		body_alt(g, b, l, n);
		break;
	}
}

/* A salesperson forwards a provider's message as an attachment. */
static void
forward(struct gen *g, struct buf *b, const struct lead *l, int n,
    enum kind inner, int64_t t)
{
	const char *who = PICK(&g->r, staff);
	const char *dom = strchr(l->store->addr, '@') + 1;
	char	 bd[64], login[32];
	int64_t	 later = t + 600 + rnd(&g->r, 86400);

	plain(login, sizeof(login), who);
	boundary(&g->r, bd, sizeof(bd));
	bprintf(b, "Received: from [10.0.%u.%u] by mx.%s (Postfix)\n\t"
	    "with ESMTPSA; ", rnd(&g->r, 256), rnd(&g->r, 256), dom);
	rfcdate(b, later, -300);
	bprintf(b, "\nFrom: %s <%s@%s>\nTo: %s\nSubject: Fwd: New lead from "
	    "%s\nDate: ", who, login, dom, l->store->addr, l->prov->name);
	rfcdate(b, later, -300);
	bprintf(b, "\nMessage-ID: <fwd.%" PRIu64 ".%08x@%s>\nMIME-Version: "
	    "1.0\nContent-Type: multipart/mixed; boundary=\"%s\"\n\n--%s\n"
	    "Content-Type: text/plain; charset=UTF-8\n\n"
	    "This one came to my inbox, can someone enter it?\n\n-- \n%s\n"
	    "\n--%s\nContent-Type: message/rfc822\n"
	    "Content-Disposition: attachment; filename=\"lead.eml\"\n\n",
	    ++g->nmsgid, (unsigned)(next(&g->r) >> 32), dom, bd, bd, who, bd);
	message(g, b, l, n, inner, t);
	bprintf(b, "\n--%s--\n", bd);
}

/* Mail that reaches the lead address without a lead. */
static void
noadf(struct gen *g, struct buf *b, int64_t t)
{
	const struct store *s = &stores[rnd(&g->r, NELEM(stores))];
	const char *dom = strchr(s->addr, '@') + 1;
	char	 bd[64];

	boundary(&g->r, bd, sizeof(bd));
	switch (rnd(&g->r, 3)) {
	case 0:
		bprintf(b, "From: MAILER-DAEMON@mx.%s (Mail Delivery System)\n"
		    "To: %s\nSubject: Undelivered Mail Returned to Sender\n"
		    "Date: ", dom, s->addr);
		rfcdate(b, t, -300);
		bprintf(b, "\nMessage-ID: <bounce.%" PRIu64 "@mx.%s>\n"
		    "MIME-Version: 1.0\nContent-Type: multipart/report; "
		    "report-type=delivery-status;\n\tboundary=\"%s\"\n\n"
		    "--%s\nContent-Type: text/plain; charset=us-ascii\n\n"
		    "This is the mail system at host mx.%s.\n\nI'm sorry to "
		    "have to inform you that your message could not\nbe "
		    "delivered to one or more recipients.\n\n"
		    "<nobody@example.invalid>: host example.invalid said: 550 "
		    "5.1.1 User unknown\n\n--%s\nContent-Type: "
		    "message/delivery-status\n\nReporting-MTA: dns; mx.%s\n\n"
		    "Final-Recipient: rfc822; nobody@example.invalid\n"
		    "Action: failed\nStatus: 5.1.1\n\n--%s\nContent-Type: "
		    "text/rfc822-headers\n\nFrom: %s\n"
		    "To: nobody@example.invalid\nSubject: Your quote from %s"
		    "\n\n--%s--\n", ++g->nmsgid, dom, bd, bd, dom, bd, dom, bd,
		    s->addr, s->name, bd);
		break;
	case 1:
		bprintf(b, "From: \"Lead Boost Pros\" "
		    "<offers@leadboost.example>\nTo: %s\n"
		    "Subject: Get 10x more car leads this month!!!\nDate: ",
		    s->addr);
		rfcdate(b, t, 0);
		bprintf(b, "\nMessage-ID: <%08x@leadboost.example>\n"
		    "MIME-Version: 1.0\nContent-Type: text/html; "
		    "charset=UTF-8\nContent-Transfer-Encoding: "
		    "quoted-printable\n\n<html><body><h1 style=3D\"color:red\">"
		    "Dealers: 10x your leads</h1>\n<p>Reply YES for a free "
		    "demo.</p></body></html>\n", (unsigned)(next(&g->r) >> 32));
		break;
	default:
		bprintf(b, "From: %s <%s@%s>\nTo: %s\nSubject: Automatic "
		    "reply: New lead from AutoTrader\nDate: ", staff[0],
		    "mreynolds", dom, s->addr);
		rfcdate(b, t, -300);
		bprintf(b, "\nMessage-ID: <auto.%" PRIu64 "@%s>\n"
		    "MIME-Version: 1.0\nAuto-Submitted: auto-replied\n"
		    "Content-Type: text/plain; charset=us-ascii\n\n"
		    "I am out of the office until Monday with limited access "
		    "to e-mail.\nFor sales questions call the store.\n",
		    ++g->nmsgid, dom);
		break;
	}
}

/* Remember a lead with an id, so a later message may resend it. */
static void
remember(struct gen *g, const struct lead *l)
{
	struct sent *s;

	if (l->id[0] == '\0')
		return;
	s = &g->ring[g->nsent++ % RING];
	s->num = l->num;
	s->t = l->t;
	s->accent = l->accent;
	s->prov = l->prov;
}

/* \n to \r\n throughout. */
static void
tocrlf(struct buf *b)
{
	struct buf c = { NULL, 0, 0 };
	size_t	 i;

	grow(&c, b->len + b->len / 20);
	for (i = 0; i < b->len; i++) {
		if (b->s[i] == '\n' && (i == 0 || b->s[i - 1] != '\r'))
			bputc(&c, '\r');
		bputc(&c, b->s[i]);
	}
	free(b->s);
	*b = c;
}

static void
make_message(struct gen *g, struct buf *b)
{
	static const enum kind inner[] = { K_PLAIN, K_PLAIN, K_PLAIN,
	    K_PLAIN, K_PLAIN, K_PLAIN, K_PLAIN, K_PLAIN, K_QP, K_QP, K_QP,
	    K_MIXED, K_MIXED, K_MIXED, K_MIXED, K_MIXED, K_MIXED, K_ALT,
	    K_ALT };
	struct lead l[2];
	const struct sent *s;
	enum kind k, body;
	uint64_t span = (uint64_t)SPAN_DAYS * 86400, step;
	int64_t	 t;
	unsigned x;
	int	 n = 1;

	step = span / g->count;
	t = (int64_t)(END_DAY - SPAN_DAYS + 1) * 86400 +
	    (int64_t)(g->i * span / g->count) +
	    (int64_t)(step > 0 ? next(&g->r) % step : 0);
	x = rnd(&g->r, 1000);
	k = x < 10 ? K_NOADF : x < 410 ? K_PLAIN : x < 560 ? K_QP :
	    x < 860 ? K_MIXED : x < 950 ? K_ALT : K_FWD;
	g->kinds[k]++;
	if (k == K_NOADF) {
		g->noadf++;
		noadf(g, b, t);
		return;
	}
	body = k == K_FWD ? inner[rnd(&g->r, NELEM(inner))] : k;
	if (g->nsent > 0 && chance(&g->r, 30)) {
		/* The same lead again: its id, provider and content. */
		s = &g->ring[(g->nsent - 1 - rnd(&g->r, g->nsent < RING ?
		    (unsigned)g->nsent : RING)) % RING];
		make_lead(g, &l[0], s->num, s->t, s->accent, s->prov);
		l[0].resend = chance(&g->r, 500);
		g->resends++;
	} else {
		n = chance(&g->r, 20) ? 2 : 1;
		g->two += n == 2;
		make_lead(g, &l[0], g->nlead, t - 5 - rnd(&g->r, 600),
		    body == K_QP, NULL);
		remember(g, &l[0]);
		g->nlead++;
		if (n == 2) {
			make_lead(g, &l[1], g->nlead, l[0].t + 1,
			    body == K_QP, l[0].prov);
			remember(g, &l[1]);
			g->nlead++;
		}
	}
	g->prospects += (uint64_t)n;
	if (k == K_FWD)
		forward(g, b, l, n, body, t);
	else
		message(g, b, l, n, k, t);
}

static void
usage(void)
{
	fputs("usage: genadf [-s seed] -o dir count\n", stderr);
	exit(64);
}

static uint64_t
number(const char *what, const char *s)
{
	char	*end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || *s == '-') {
		fprintf(stderr, "genadf: %s: not a number: %s\n", what, s);
		usage();
	}
	return v;
}

int
main(int argc, char *argv[])
{
	static struct gen g;
	struct buf b = { NULL, 0, 0 }, path = { NULL, 0, 0 };
	const char *dir = NULL;
	FILE	*fp;
	int	 ch;

	g.seed = 1;
	while ((ch = getopt(argc, argv, "o:s:")) != -1) {
		switch (ch) {
		case 'o':
			dir = optarg;
			break;
		case 's':
			g.seed = number("-s", optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || dir == NULL)
		usage();
	if ((g.count = number("count", argv[0])) > 99999999) {
		fputs("genadf: count: at most 99999999\n", stderr);
		usage();
	}
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		fprintf(stderr, "genadf: %s: %s\n", dir, strerror(errno));
		return 73;
	}
	g.r.s = g.seed ^ 0x616466616466ULL;	/* any constant will do */
	for (g.i = 0; g.i < g.count; g.i++) {
		b.len = 0;
		make_message(&g, &b);
		if (chance(&g.r, 500)) {
			tocrlf(&b);
			g.crlf++;
		}
		g.bytes += b.len;
		path.len = 0;
		bprintf(&path, "%s/%08" PRIu64 ".eml", dir, g.i + 1);
		if ((fp = fopen(path.s, "w")) == NULL) {
			fprintf(stderr, "genadf: %s: %s\n", path.s,
			    strerror(errno));
			return 73;
		}
		if (fwrite(b.s, 1, b.len, fp) != b.len || fclose(fp) != 0) {
			fprintf(stderr, "genadf: %s: %s\n", path.s,
			    strerror(errno));
			return 74;
		}
	}
	printf("messages\tprospects\tleads\tresends\tno_adf\ttwo_prospects\t"
	    "plain\tqp\tmixed\talternative\tforward\tcrlf\tbytes\n");
	printf("%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
	    "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
	    "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\n", g.count, g.prospects,
	    g.nlead, g.resends, g.noadf, g.two, g.kinds[K_PLAIN],
	    g.kinds[K_QP], g.kinds[K_MIXED], g.kinds[K_ALT], g.kinds[K_FWD],
	    g.crlf, g.bytes);
	free(b.s);
	free(path.s);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "genadf: stdout: %s\n", strerror(errno));
		return 74;
	}
	return 0;
}

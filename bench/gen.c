/*
 * gen: N made-up sales leads as a DealerSocket-style CSV export, for
 * make bench.  The same seed and count give the same bytes on every
 * machine: integer arithmetic only, no locale, no clock.
 *
 * What makes it realistic is what makes an import work: customers who
 * come back (a new inquiry weeks later, or the same form sent to two
 * sites within minutes), phones in every way people and web forms
 * write them (extensions, +1, dots, and some that are no number at
 * all), e-mail addresses in odd case or unusable, comments with commas,
 * quotes, line breaks and non-ASCII text, prices and mileages with
 * thousands separators, and US dates such as "11/20/2026 9:05 AM".
 *
 * usage: gen [-s seed] [-o file] rows
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPAN_DAYS	730	/* two years of leads ... */
#define END_DAY		20779	/* ... to 2026-11-22 (days) */
#define RECENT		40000	/* who returns: the last so many */
#define FLDMAX		1024	/* no generated field is longer */

/* The columns, in file order; their names as DealerSocket spells them. */
enum col {
	C_ID, C_RECEIVED, C_SOURCE, C_TYPE, C_FIRST, C_LAST, C_EMAIL,
	C_DAY, C_EVENING, C_CELL, C_STREET, C_CITY, C_STATE, C_ZIP, C_YEAR,
	C_MAKE, C_MODEL, C_TRIM, C_VIN, C_STOCK, C_MSRP, C_ODOMETER,
	C_COLOR, C_PURCHASE, C_TRADE_YEAR, C_TRADE_MAKE, C_TRADE_MODEL,
	C_TRADE_MILES, C_COMMENTS, C_ASSIGNED, C__COUNT
};

static const char *const header[C__COUNT] = {
	"Lead Id", "Date Received", "Lead Source", "Type", "First Name",
	"Last Name", "Email Address", "Day Phone", "Evening Phone",
	"Cell Phone", "Address", "City", "State", "Zip/Post Code", "Year",
	"Make", "Model", "Trim", "VIN", "Stock No", "MSRP", "Odometer",
	"Exterior", "Purchase Type", "Trade Year", "Trade Make",
	"Trade Model", "Trade Mileage", "Comments", "Assigned To",
};

struct weighted {
	int	 w;
	const char *s;
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const firsts[] = {
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
	"Linda", "David", "Elizabeth", "William", "Barbara", "Richard",
	"Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher",
	"Karen", "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty",
	"Anthony", "Sandra", "Mark", "Ashley", "Donald", "Kimberly", "Steven",
	"Emily", "Andrew", "Donna", "Joshua", "Michelle", "Kevin", "Carol",
	"Brian", "Amanda", "DeShawn", "Melissa", "Tyrone", "Stephanie",
	"Jos\xc3\xa9", "Mar\xc3\xad" "a", "Luis", "Ana", "Carlos",
	"Sof\xc3\xad" "a",
	"Juan", "Guadalupe", "Wei", "Mei", "Minh", "Linh", "Raj", "Priya",
	"Mohammed", "Fatima", "Olga", "Dmitri", "Zo\xc3\xab", "Ren\xc3\xa9" "e",
	"Bobby", "Jo Ann", "Mary Beth", "Billy Ray", "Chris", "Pat", "Alex",
	"Jordan", "Taylor", "Morgan",
};

static const char *const lasts[] = {
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
	"Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
	"Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
	"Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
	"Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
	"King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
	"Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
	"Mitchell", "Carter", "Roberts", "O'Brien", "O'Neil", "McDonald",
	"MacKenzie", "Smith-Jones", "De La Cruz", "Van Dyke", "St. John",
	"Garc\xc3\xad" "a", "N\xc3\xba\xc3\xb1" "ez", "M\xc3\xbcller",
	"Pe\xc3\xb1" "a", "Tran", "Pham", "Kim", "Park", "Patel", "Shah",
	"Cohen", "Kowalski", "Johnson Jr.", "Washington", "Jefferson",
	"Brooks", "Price", "Bennett", "Wood", "Barnes", "Ross", "Henderson",
};

static const struct weighted domains[] = {
	{ 34, "gmail.com" }, { 14, "yahoo.com" }, { 9, "hotmail.com" },
	{ 6, "outlook.com" }, { 6, "aol.com" }, { 6, "icloud.com" },
	{ 4, "comcast.net" }, { 3, "att.net" }, { 3, "sbcglobal.net" },
	{ 2, "verizon.net" }, { 2, "msn.com" }, { 2, "live.com" },
	{ 1, "charter.net" }, { 1, "cox.net" }, { 1, "bellsouth.net" },
	{ 1, "me.com" }, { 1, "ymail.com" }, { 1, "protonmail.com" },
	{ 1, "acme-plumbing.com" }, { 1, "state.tx.us" },
};

/* City, state, the first three digits of its ZIP codes, area codes. */
static const struct place {
	const char *city, *state, *zip3, *area[3];
} places[] = {
	{ "Houston", "TX", "770", { "713", "281", "832" } },
	{ "Dallas", "TX", "752", { "214", "469", "972" } },
	{ "San Antonio", "TX", "782", { "210", "726", "210" } },
	{ "Austin", "TX", "787", { "512", "737", "512" } },
	{ "Phoenix", "AZ", "850", { "602", "480", "623" } },
	{ "Atlanta", "GA", "303", { "404", "678", "770" } },
	{ "Charlotte", "NC", "282", { "704", "980", "704" } },
	{ "Raleigh", "NC", "276", { "919", "984", "919" } },
	{ "Orlando", "FL", "328", { "407", "321", "689" } },
	{ "Tampa", "FL", "336", { "813", "727", "656" } },
	{ "Miami", "FL", "331", { "305", "786", "954" } },
	{ "Nashville", "TN", "372", { "615", "629", "615" } },
	{ "Columbus", "OH", "432", { "614", "380", "614" } },
	{ "Chicago", "IL", "606", { "312", "773", "872" } },
	{ "Naperville", "IL", "605", { "630", "331", "630" } },
	{ "Detroit", "MI", "482", { "313", "248", "586" } },
	{ "Denver", "CO", "802", { "303", "720", "303" } },
	{ "Las Vegas", "NV", "891", { "702", "725", "702" } },
	{ "Los Angeles", "CA", "900", { "213", "323", "310" } },
	{ "San Jose", "CA", "951", { "408", "669", "408" } },
	{ "Sacramento", "CA", "958", { "916", "279", "916" } },
	{ "Seattle", "WA", "981", { "206", "425", "253" } },
	{ "Portland", "OR", "972", { "503", "971", "503" } },
	{ "Salt Lake City", "UT", "841", { "801", "385", "801" } },
	{ "Kansas City", "MO", "641", { "816", "975", "913" } },
	{ "St. Louis", "MO", "631", { "314", "636", "314" } },
	{ "Minneapolis", "MN", "554", { "612", "763", "952" } },
	{ "Milwaukee", "WI", "532", { "414", "262", "414" } },
	{ "Indianapolis", "IN", "462", { "317", "463", "317" } },
	{ "Louisville", "KY", "402", { "502", "502", "812" } },
	{ "Birmingham", "AL", "352", { "205", "659", "205" } },
	{ "New Orleans", "LA", "701", { "504", "985", "504" } },
	{ "Oklahoma City", "OK", "731", { "405", "572", "405" } },
	{ "Albuquerque", "NM", "871", { "505", "505", "575" } },
	{ "Boise", "ID", "837", { "208", "986", "208" } },
	{ "Newark", "NJ", "071", { "973", "862", "201" } },
	{ "Philadelphia", "PA", "191", { "215", "267", "445" } },
	{ "Pittsburgh", "PA", "152", { "412", "878", "724" } },
	{ "Boston", "MA", "021", { "617", "857", "781" } },
	{ "Hartford", "CT", "061", { "860", "959", "860" } },
};

static const char *const streets[] = {
	"Main", "Oak", "Maple", "Cedar", "Elm", "Pine", "Washington", "Lake",
	"Hill", "Park", "Sunset", "Willow", "Highland", "Jefferson",
	"Lincoln", "Church", "Spring", "Ridge", "Meadow", "Forest",
	"Martin Luther King Jr", "Cypress Creek", "Old Mill", "Dogwood",
	"Magnolia", "Peachtree", "Colonial", "Riverside", "Chestnut",
	"Walnut", "Camino Real", "Ca\xc3\xb1" "ada",
};

static const char *const suffixes[] = {
	"St", "Ave", "Rd", "Dr", "Ln", "Blvd", "Ct", "Way", "Pkwy", "Cir",
	"Street", "Avenue", "Road", "Drive", "Trl", "Pl",
};

static const struct weighted sources[] = {
	{ 20, "Dealer Website" }, { 14, "AutoTrader" }, { 14, "Cars.com" },
	{ 14, "CarGurus" }, { 8, "TrueCar" }, { 5, "Edmunds" },
	{ 4, "Kelley Blue Book" }, { 6, "Facebook Marketplace" },
	{ 6, "OEM Website" }, { 4, "CARFAX" }, { 3, "Phone Up" },
	{ 2, "Capital One Auto Navigator" },
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
	{ "Ram", "1C6", { "1500", "2500", "ProMaster", "1500 Classic",
	    "3500" }, { "Tradesman", "Big Horn", "Laramie", "Rebel",
	    "Limited" } },
	{ "Hyundai", "5NP", { "Tucson", "Elantra", "Santa Fe", "Palisade",
	    "Kona" }, { "SE", "SEL", "N Line", "Limited", "Calligraphy" } },
	{ "Kia", "5XY", { "Sorento", "Telluride", "Sportage", "Forte",
	    "K5" }, { "LX", "S", "EX", "SX", "X-Line" } },
	{ "Subaru", "4S4", { "Outback", "Forester", "Crosstrek", "Ascent",
	    "WRX" }, { "Base", "Premium", "Limited", "Touring",
	    "Wilderness" } },
	{ "GMC", "1GT", { "Sierra 1500", "Acadia", "Terrain", "Yukon",
	    "Canyon" }, { "SLE", "SLT", "AT4", "Denali", "Elevation" } },
	{ "BMW", "WBA", { "X3", "X5", "330i", "530i", "X1" },
	    { "sDrive30i", "xDrive30i", "xDrive40i", "M Sport",
	    "Base" } },
	{ "Tesla", "5YJ", { "Model 3", "Model Y", "Model S", "Model X",
	    "Model 3" }, { "Long Range", "Performance", "Standard Range",
	    "Plaid", "Long Range" } },
};

static const char *const colors[] = {
	"Summit White", "Black", "Silver Ice Metallic", "Magnetic Gray",
	"Oxford White", "Agate Black", "Celestial Silver", "Blueprint",
	"Supersonic Red", "Lunar Rock", "Granite Crystal", "Bright White",
	"Crystal Black Pearl", "Midnight Blue", "Red", "Gray", "White",
	"Blue", "",
};

static const struct weighted purchases[] = {
	{ 50, "Finance" }, { 18, "Lease" }, { 12, "Cash" }, { 20, "" },
};

static const char *const salespeople[] = {
	"Mike Reynolds", "Sarah Chen", "Darnell Washington", "Kristy Olson",
	"Tony Russo", "Maria Delgado", "Jake Thornton", "Amanda Pierce",
	"Hector Ruiz", "Brittany Cole", "Gary Feldman", "Nina Patel",
};

/*
 * Comments as customers type them into web forms.  %M: the model, %K:
 * the make, %Y: its year, %T: the trade, %F: the first name, %P: a
 * phone, %$: the price, %S: the source.
 */
static const struct weighted comments[] = {
	{ 120, "" },
	{ 20, "Is this vehicle still available?" },
	{ 12, "Is the %Y %K %M still available?" },
	{ 10, "What is your best out-the-door price, including all fees?" },
	{ 8, "I'd like to schedule a test drive this Saturday, around 10." },
	{ 6, "Do you take trade-ins? I have a %T with about 80k miles." },
	{ 6, "Please call me after 5pm.\nThanks!" },
	{ 5, "Looking for a \"%M\" in any color, but NOT white." },
	{ 5, "Hi,\r\nCan you send me the VIN and a CARFAX report?\r\n"
	    "Thanks, %F" },
	{ 4, "Pre-approved with my credit union. Budget is ~$450/mo." },
	{ 4, "Interested in leasing; what are the current lease specials?" },
	{ 4, "My credit isn't great, is financing possible?" },
	{ 4, "Saw this on %S. Price listed as %$ \xe2\x80\x94 is that "
	    "correct?" },
	{ 3, "Trade: %T, payoff about $12,000." },
	{ 3, "Can I get a quote on the %Y %K %M? Need it by end of month." },
	{ 2, "\xc2\xbfTienen vendedores que hablen espa\xc3\xb1ol?" },
	{ 2, "Call my wife's cell instead: %P" },
	{ 2, "Don't call, text only please \xf0\x9f\x91\x8d" },
	{ 2, "Questions:\n1) Is it certified?\n2) Any \"dealer add-ons\"?\n"
	    "3) Can you ship to %S?" },
	{ 1, "  " },
	{ 1, "\"Make me an offer\"" },
	{ 1, "I'm at work until 6, email is best.  -- %F" },
};

struct rng {
	uint64_t s;
};

/* A customer: who they are stays the same each time they write in. */
struct cust {
	char	 first[64], last[64], email[128];
	char	 phone[3][12];	/* day, evening, cell: digits or "" */
	char	 street[128], zip[16];
	const struct place *place;
};

/* One row's fields. */
struct row {
	char	 f[C__COUNT][FLDMAX];
	uint64_t cust;
	int	 make, model;
};

struct gen {
	struct rng r;		/* the rows, in order */
	uint64_t seed;
	uint64_t ncust;		/* customers so far */
	uint64_t id;		/* the last Lead Id */
	uint64_t rows;
	uint64_t i;		/* the row being made */
	FILE	*out;
	struct row row, prev;
	struct cust c;
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

/* True with a chance of pct in 1000. */
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

#define PICK(r, a)	((a)[rnd((r), NELEM(a))])
#define PICKW(r, a)	pickw((r), (a), NELEM(a))

/* Lower-case ASCII letters of a name, accents dropped, for e-mails. */
static void
plain(char *dst, size_t size, const char *s)
{
	size_t	 n = 0;
	unsigned char c;

	for (; *s != '\0' && n + 1 < size; s++) {
		c = (unsigned char)*s;
		if (c == 0xc3 && s[1] != '\0') {
			/* Latin-1 supplement: fold to the bare letter. */
			c = (unsigned char)*++s;
			c = c >= 0xa0 && c <= 0xa5 ? 'a' :
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
phone_digits(struct rng *r, const struct place *p, char *d)
{
	unsigned ex;

	/* An exchange never starts 0 or 1 and is never N11. */
	do
		ex = 200 + rnd(r, 800);
	while (ex % 100 == 11);
	snprintf(d, 12, "%s%03u%04u", p->area[rnd(r, 3)], ex, rnd(r, 10000));
}

static void
make_cust(struct gen *g, uint64_t id, struct cust *c)
{
	struct rng r;
	char	 f[32], l[32];
	const char *dom;
	int	 k;

	r.s = g->seed * 0x2545f4914f6cdd1dULL ^
	    (id + 1) * 0x9e3779b97f4a7c15ULL;
	next(&r);
	snprintf(c->first, sizeof(c->first), "%s", PICK(&r, firsts));
	snprintf(c->last, sizeof(c->last), "%s", PICK(&r, lasts));
	c->place = &places[rnd(&r, NELEM(places))];
	plain(f, sizeof(f), c->first);
	plain(l, sizeof(l), c->last);
	dom = PICKW(&r, domains);
	switch (rnd(&r, 8)) {
	case 0:
		snprintf(c->email, sizeof(c->email), "%s.%s@%s", f, l, dom);
		break;
	case 1:
		snprintf(c->email, sizeof(c->email), "%s%s@%s", f, l, dom);
		break;
	case 2:
		snprintf(c->email, sizeof(c->email), "%c%s@%s", f[0], l, dom);
		break;
	case 3:
		snprintf(c->email, sizeof(c->email), "%s_%s@%s", f, l, dom);
		break;
	case 4:
		snprintf(c->email, sizeof(c->email), "%s.%s%02u@%s", f, l,
		    rnd(&r, 100), dom);
		break;
	case 5:
		snprintf(c->email, sizeof(c->email), "%s%s%u@%s", f, l,
		    55 + rnd(&r, 50), dom);
		break;
	case 6:
		snprintf(c->email, sizeof(c->email), "%s%u@%s", f,
		    rnd(&r, 10000), dom);
		break;
	default:
		snprintf(c->email, sizeof(c->email), "%s+cars@%s", f, dom);
		break;
	}
	if (chance(&r, 110))
		c->email[0] = '\0';
	for (k = 0; k < 3; k++)
		c->phone[k][0] = '\0';
	if (!chance(&r, 120) || c->email[0] == '\0')
		phone_digits(&r, c->place, c->phone[0]);
	if (chance(&r, 130))
		phone_digits(&r, c->place, c->phone[1]);
	if (chance(&r, 300))
		phone_digits(&r, c->place, c->phone[2]);
	if (c->phone[0][0] == '\0' && c->email[0] == '\0')
		phone_digits(&r, c->place, c->phone[2]);
	if (chance(&r, 60))
		snprintf(c->street, sizeof(c->street), "%u %s %s, Apt %u%c",
		    1 + rnd(&r, 9999), PICK(&r, streets), PICK(&r, suffixes),
		    1 + rnd(&r, 40), 'A' + rnd(&r, 4));
	else if (chance(&r, 750))
		snprintf(c->street, sizeof(c->street), "%u %s %s",
		    100 + rnd(&r, 19900), PICK(&r, streets),
		    PICK(&r, suffixes));
	else
		c->street[0] = '\0';
	if (chance(&r, 100))
		snprintf(c->zip, sizeof(c->zip), "%s%02u-%04u", c->place->zip3,
		    rnd(&r, 100), rnd(&r, 10000));
	else
		snprintf(c->zip, sizeof(c->zip), "%s%02u", c->place->zip3,
		    rnd(&r, 100));
}

/* A name as typed: mostly as is, sometimes shouted, lower or padded. */
static void
name_as_typed(struct rng *r, char *dst, const char *s)
{
	unsigned x = rnd(r, 1000);
	char	*p;

	if (x < 40) {
		snprintf(dst, FLDMAX, "%s", s);
		for (p = dst; *p != '\0'; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	} else if (x < 65) {
		snprintf(dst, FLDMAX, "%s", s);
		for (p = dst; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	} else if (x < 80)
		snprintf(dst, FLDMAX, " %s ", s);
	else
		snprintf(dst, FLDMAX, "%s", s);
}

static void
email_as_typed(struct rng *r, char *dst, const struct cust *c)
{
	unsigned x = rnd(r, 1000);
	const char *at;
	char	*p;
	int	 up;

	if (c->email[0] == '\0') {
		/* No address, or a placeholder some form forced. */
		static const char *const none[] = { "", "", "", "", "", "",
		    "", "none", "n/a", "noemail@noemail", "declined" };
		snprintf(dst, FLDMAX, "%s", PICK(r, none));
		return;
	}
	snprintf(dst, FLDMAX, "%s", c->email);
	if (x < 140) {
		/* John.Smith@Gmail.com */
		for (p = dst, up = 1; *p != '\0'; p++) {
			if (up && *p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
			up = *p == '.' || *p == '@' || *p == '_';
		}
	} else if (x < 210) {
		for (p = dst; *p != '\0'; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	} else if (x < 235)
		snprintf(dst, FLDMAX, " %s ", c->email);
	else if (x < 245) {
		/* Typos a form did not catch: unusable. */
		at = strchr(c->email, '@');
		switch (rnd(r, 4)) {
		case 0:		/* no top-level domain */
			snprintf(dst, FLDMAX, "%.*s", (int)(strrchr(c->email,
			    '.') - c->email), c->email);
			break;
		case 1:		/* a space in it */
			snprintf(dst, FLDMAX, "%.*s @%s", (int)(at - c->email),
			    c->email, at + 1);
			break;
		case 2:
			snprintf(dst, FLDMAX, "%.*s@@%s", (int)(at - c->email),
			    c->email, at + 1);
			break;
		default:	/* a comma for a dot */
			snprintf(dst, FLDMAX, "%s", c->email);
			*strrchr(dst, '.') = ',';
			break;
		}
	} else if (x < 250)
		snprintf(dst, FLDMAX, "<%s>", c->email);
}

/* Ten digits as someone wrote them, or sometimes not a number at all. */
static void
phone_as_typed(struct rng *r, char *dst, const char *d)
{
	char	 a[4], e[4], l[5];
	unsigned x;

	if (*d == '\0') {
		*dst = '\0';
		return;
	}
	memcpy(a, d, 3);
	memcpy(e, d + 3, 3);
	memcpy(l, d + 6, 4);
	a[3] = e[3] = l[4] = '\0';
	x = rnd(r, 1000);
	if (x < 270)
		snprintf(dst, FLDMAX, "(%s) %s-%s", a, e, l);
	else if (x < 480)
		snprintf(dst, FLDMAX, "%s-%s-%s", a, e, l);
	else if (x < 540)
		snprintf(dst, FLDMAX, "%s.%s.%s", a, e, l);
	else if (x < 680)
		snprintf(dst, FLDMAX, "%s%s%s", a, e, l);
	else if (x < 720)
		snprintf(dst, FLDMAX, "+1 %s %s %s", a, e, l);
	else if (x < 760)
		snprintf(dst, FLDMAX, "1-%s-%s-%s", a, e, l);
	else if (x < 810)
		snprintf(dst, FLDMAX, "+1%s%s%s", a, e, l);
	else if (x < 850)
		snprintf(dst, FLDMAX, "%s %s %s", a, e, l);
	else if (x < 890)
		snprintf(dst, FLDMAX, "(%s)%s-%s", a, e, l);
	else if (x < 920)
		snprintf(dst, FLDMAX, "+1 (%s) %s-%s", a, e, l);
	else if (x < 930)
		snprintf(dst, FLDMAX, "1 (%s) %s-%s", a, e, l);
	else if (x < 940)
		snprintf(dst, FLDMAX, "%s-%s-%s x%u", a, e, l,
		    1 + rnd(r, 999));
	else if (x < 950)
		snprintf(dst, FLDMAX, "(%s) %s-%s ext. %u", a, e, l,
		    10 + rnd(r, 90));
	else if (x < 958)
		snprintf(dst, FLDMAX, "%s.%s.%s ext %u", a, e, l,
		    1 + rnd(r, 9));
	else if (x < 965)
		snprintf(dst, FLDMAX, "%s-%s-%s #%u", a, e, l,
		    100 + rnd(r, 900));
	else if (x < 972)
		snprintf(dst, FLDMAX, "%s-%s", e, l);	/* no area code */
	else if (x < 988)
		snprintf(dst, FLDMAX, "%s/%s-%s", a, e, l);
	else {
		static const char *const junk[] = { "N/A", "000-000-0000",
		    "none", "call after 5", "555-CAR-DEAL", "123", "x",
		    "(000) 000-0000", "see comments", "9" };
		snprintf(dst, FLDMAX, "%s", PICK(r, junk));
	}
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

/* When row i arrived: in file order, later rows later. */
static void
received(struct gen *g, char *dst)
{
	uint64_t span = (uint64_t)SPAN_DAYS * 86400, step, t;
	int	 y, m, d, h, min;

	step = span / (g->rows > 0 ? g->rows : 1);
	t = g->i * span / (g->rows > 0 ? g->rows : 1) +
	    (step > 0 ? next(&g->r) % step : 0);
	civil(END_DAY - SPAN_DAYS + 1 + (long)(t / 86400), &y, &m, &d);
	h = (int)(t % 86400 / 3600);
	min = (int)(t % 3600 / 60);
	snprintf(dst, FLDMAX, "%d/%d/%d %d:%02d %s", m, d, y,
	    h % 12 == 0 ? 12 : h % 12, min, h < 12 ? "AM" : "PM");
}

static void
vin(struct rng *r, const char *wmi, int year, char *dst)
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

/* 34995 as "$34,995" or "34995". */
static void
money(struct rng *r, char *dst, unsigned v, const char *pre)
{
	if (chance(r, 600))
		snprintf(dst, FLDMAX, "%s%u,%03u", pre, v / 1000, v % 1000);
	else
		snprintf(dst, FLDMAX, "%u", v);
}

static void
comment(struct gen *g, char *dst)
{
	struct row *w = &g->row;
	const char *t, *s;
	char	 tmp[FLDMAX];
	size_t	 n = 0, k;

	t = PICKW(&g->r, comments);
	for (; *t != '\0' && n + 1 < FLDMAX; t++) {
		s = NULL;
		if (*t == '%' && t[1] != '\0') {
			switch (*++t) {
			case 'M':
				s = w->f[C_MODEL];
				break;
			case 'K':
				s = w->f[C_MAKE];
				break;
			case 'Y':
				s = w->f[C_YEAR];
				break;
			case 'F':
				s = g->c.first;
				break;
			case 'S':
				s = w->f[C_SOURCE];
				break;
			case '$':
				s = w->f[C_MSRP][0] != '\0' ? w->f[C_MSRP] :
				    "$29,995";
				break;
			case 'T':
				snprintf(tmp, sizeof(tmp), "%u %s",
				    2008 + rnd(&g->r, 15),
				    makes[rnd(&g->r, NELEM(makes))].model[0]);
				s = tmp;
				break;
			case 'P':
				phone_digits(&g->r, g->c.place, tmp);
				phone_as_typed(&g->r, tmp, tmp);
				s = tmp;
				break;
			default:
				tmp[0] = *t;
				tmp[1] = '\0';
				s = tmp;
				break;
			}
		}
		if (s == NULL) {
			dst[n++] = *t;
			continue;
		}
		k = strlen(s);
		if (n + k >= FLDMAX)
			k = FLDMAX - 1 - n;
		memcpy(dst + n, s, k);
		n += k;
	}
	dst[n] = '\0';
}

static void
vehicle(struct gen *g)
{
	struct row *w = &g->row;
	const struct make *mk;
	unsigned x, year;

	x = rnd(&g->r, 100);
	snprintf(w->f[C_TYPE], FLDMAX, "%s", x < 45 ? "New" : x < 90 ?
	    "Used" : "Certified Pre-Owned");
	w->make = (int)rnd(&g->r, NELEM(makes));
	w->model = (int)rnd(&g->r, 5);
	mk = &makes[w->make];
	year = x < 45 ? 2026 + rnd(&g->r, 2) : 2012 + rnd(&g->r, 14);
	snprintf(w->f[C_YEAR], FLDMAX, "%u", year);
	snprintf(w->f[C_MAKE], FLDMAX, "%s", mk->name);
	snprintf(w->f[C_MODEL], FLDMAX, "%s", mk->model[w->model]);
	snprintf(w->f[C_TRIM], FLDMAX, "%s", chance(&g->r, 850) ?
	    mk->trim[rnd(&g->r, 5)] : "");
	if (chance(&g->r, 800))
		vin(&g->r, mk->wmi, (int)year, w->f[C_VIN]);
	else
		w->f[C_VIN][0] = '\0';
	if (x < 45)
		snprintf(w->f[C_STOCK], FLDMAX, "N%05u", rnd(&g->r, 100000));
	else
		snprintf(w->f[C_STOCK], FLDMAX, "%c%05u%s", x < 90 ? 'U' : 'P',
		    rnd(&g->r, 100000), chance(&g->r, 300) ? "A" : "");
	if (chance(&g->r, 700))
		money(&g->r, w->f[C_MSRP], x < 45 ? 24000 + rnd(&g->r, 60000) :
		    8000 + rnd(&g->r, 45000), "$");
	else
		w->f[C_MSRP][0] = '\0';
	if (x < 45)
		snprintf(w->f[C_ODOMETER], FLDMAX, "%s", chance(&g->r, 500) ?
		    "" : "12");
	else
		money(&g->r, w->f[C_ODOMETER], 5000 + rnd(&g->r, 140000), "");
	snprintf(w->f[C_COLOR], FLDMAX, "%s", PICK(&g->r, colors));
}

static void
trade(struct gen *g)
{
	struct row *w = &g->row;
	const struct make *mk;

	if (!chance(&g->r, 280)) {
		w->f[C_TRADE_YEAR][0] = w->f[C_TRADE_MAKE][0] =
		    w->f[C_TRADE_MODEL][0] = w->f[C_TRADE_MILES][0] = '\0';
		return;
	}
	mk = &makes[rnd(&g->r, NELEM(makes))];
	snprintf(w->f[C_TRADE_YEAR], FLDMAX, "%u", 2005 + rnd(&g->r, 20));
	snprintf(w->f[C_TRADE_MAKE], FLDMAX, "%s", mk->name);
	snprintf(w->f[C_TRADE_MODEL], FLDMAX, "%s", mk->model[rnd(&g->r, 5)]);
	if (chance(&g->r, 700))
		money(&g->r, w->f[C_TRADE_MILES], 20000 + rnd(&g->r, 180000),
		    "");
	else
		w->f[C_TRADE_MILES][0] = '\0';
}

static void
make_row(struct gen *g)
{
	struct row *w = &g->row;
	int	 again;
	uint64_t c;

	/*
	 * 3 in 100 rows are the previous customer sending the same form
	 * to another site minutes later; 20 in 100 are someone who wrote
	 * in before, about whatever they want now.
	 */
	again = g->i > 0 && chance(&g->r, 30);
	if (again) {
		memcpy(w, &g->prev, sizeof(*w));
		c = w->cust;
	} else if (g->ncust > 0 && chance(&g->r, 200))
		c = g->ncust - 1 - next(&g->r) % (g->ncust < RECENT ?
		    g->ncust : RECENT);
	else
		c = g->ncust++;
	w->cust = c;
	make_cust(g, c, &g->c);

	if (chance(&g->r, 980)) {
		g->id += 1 + rnd(&g->r, 3);
		snprintf(w->f[C_ID], FLDMAX, "%" PRIu64, g->id);
	} else
		w->f[C_ID][0] = '\0';	/* keyed in by hand */
	received(g, w->f[C_RECEIVED]);
	snprintf(w->f[C_SOURCE], FLDMAX, "%s", PICKW(&g->r, sources));
	name_as_typed(&g->r, w->f[C_FIRST], g->c.first);
	name_as_typed(&g->r, w->f[C_LAST], g->c.last);
	email_as_typed(&g->r, w->f[C_EMAIL], &g->c);
	phone_as_typed(&g->r, w->f[C_DAY], g->c.phone[0]);
	phone_as_typed(&g->r, w->f[C_EVENING], g->c.phone[1]);
	phone_as_typed(&g->r, w->f[C_CELL], g->c.phone[2]);
	snprintf(w->f[C_STREET], FLDMAX, "%s", g->c.street);
	snprintf(w->f[C_CITY], FLDMAX, "%s", g->c.street[0] != '\0' ||
	    chance(&g->r, 300) ? g->c.place->city : "");
	snprintf(w->f[C_STATE], FLDMAX, "%s", w->f[C_CITY][0] != '\0' ?
	    g->c.place->state : "");
	snprintf(w->f[C_ZIP], FLDMAX, "%s", w->f[C_CITY][0] != '\0' ||
	    chance(&g->r, 400) ? g->c.zip : "");
	if (!again) {
		vehicle(g);
		trade(g);
		snprintf(w->f[C_PURCHASE], FLDMAX, "%s",
		    PICKW(&g->r, purchases));
		comment(g, w->f[C_COMMENTS]);
	}
	snprintf(w->f[C_ASSIGNED], FLDMAX, "%s", chance(&g->r, 350) ? "" :
	    PICK(&g->r, salespeople));
	memcpy(&g->prev, w, sizeof(*w));
}

/* RFC 4180: quoted when it must be, quotes doubled. */
static void
put_field(FILE *fp, const char *s)
{
	size_t	 n = strlen(s);

	if (strpbrk(s, ",\"\r\n") == NULL &&
	    (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
		fwrite(s, 1, n, fp);
		return;
	}
	putc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

static void
put_row(FILE *fp, const char *const *f)
{
	int	 k;

	for (k = 0; k < C__COUNT; k++) {
		if (k > 0)
			putc(',', fp);
		put_field(fp, f[k]);
	}
	/* DealerSocket exports come from Windows: CRLF. */
	fputs("\r\n", fp);
}

static void
usage(void)
{
	fputs("usage: gen [-s seed] [-o file] rows\n", stderr);
	exit(64);
}

int
main(int argc, char *argv[])
{
	static struct gen g;
	const char *f[C__COUNT], *path = NULL;
	char	*end;
	int	 ch, k;

	g.seed = 1;
	while ((ch = getopt(argc, argv, "o:s:")) != -1) {
		switch (ch) {
		case 'o':
			path = optarg;
			break;
		case 's':
			errno = 0;
			g.seed = strtoull(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg) {
				fprintf(stderr, "gen: -s: not a number: %s\n",
				    optarg);
				usage();
			}
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	errno = 0;
	g.rows = strtoull(argv[0], &end, 10);
	if (errno != 0 || *end != '\0' || end == argv[0]) {
		fprintf(stderr, "gen: not a number of rows: %s\n", argv[0]);
		usage();
	}
	g.out = stdout;
	if (path != NULL && (g.out = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		return 73;
	}
	setvbuf(g.out, NULL, _IOFBF, 1 << 16);
	g.r.s = g.seed ^ 0x6c65616b6b6974ULL;	/* any constant will do */
	/* Each seed its own range of Lead Ids, so two dumps never clash. */
	g.id = 10000000 * (g.seed % 100 + 1);
	put_row(g.out, header);
	for (g.i = 0; g.i < g.rows; g.i++) {
		make_row(&g);
		for (k = 0; k < C__COUNT; k++)
			f[k] = g.row.f[k];
		put_row(g.out, f);
	}
	if (fflush(g.out) != 0 || ferror(g.out) ||
	    (path != NULL && fclose(g.out) != 0)) {
		fprintf(stderr, "gen: %s: %s\n", path != NULL ? path : "stdout",
		    strerror(errno));
		return 74;
	}
	return 0;
}

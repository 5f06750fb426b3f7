#!/usr/bin/env bats
# lead-add --adf: ADF/XML leads from files and from mail (--mail), the
# documents they came in, the quarantine of mail no lead could be read
# from (--quarantine, --retry, --discard, --message) and the source
# names of providers (--sources, --load-sources).
#
# Hand-made ADF files are in tests/fixtures/adf, hand-made messages in
# tests/fixtures/mail (each says what it holds in its X-Leadkit-Test
# header); real samples are in ../shared/corpus/adf.

bats_require_minimum_version 1.5.0
load helper

ADF=$FIXTURES/adf
MAIL=$FIXTURES/mail

# adf NAME...: copies of tests/fixtures/adf/NAME here, so that messages
# name them as a user running lead-add beside the file would see.
adf() {
	local f

	for f; do
		cp "$ADF/$f" . || return 1
	done
}

# eml NAME...: the same for tests/fixtures/mail/NAME.
eml() {
	local f

	for f; do
		cp "$MAIL/$f" . || return 1
	done
}

# add ARGS...: run lead-add with stdout ($output) and stderr apart.
add() {
	run --separate-stderr lead-add "$@"
}

# assert_stderr LINE...: stderr is exactly these lines (none: empty).
assert_stderr() {
	local want=

	[ $# -eq 0 ] || want=$(printf '%s\n' "$@")
	assert_equal "$stderr" "$want"
}

# dated DATE: dated.xml, a one-lead ADF file whose requestdate is DATE.
dated() {
	cat >dated.xml <<-EOF
	<?xml version="1.0"?>
	<adf>
	 <prospect>
	  <requestdate>$1</requestdate>
	  <customer><contact><name part="full">Ann Lee</name></contact></customer>
	 </prospect>
	</adf>
	EOF
}

# hexof FILE: the file's bytes in hex, as SQLite's hex() writes them.
hexof() {
	od -An -tx1 -v "$1" | tr -d ' \n' | tr a-f A-F
}

# assert_body DOC FILE: document DOC is FILE byte for byte.
assert_body() {
	assert_equal "$(sql "SELECT hex(body) FROM documents WHERE id = $1")" \
	    "$(hexof "$2")"
}

# The quarantine listing's header, as --quarantine prints it.
QHEAD=$'id\tat\treason\tkind\tsender\tsubject\tname\tbytes\treleased_by\toutcome'

# The reason a message with no ADF in it is held for.
NOADF='no ADF in the message (3 parts: text/plain, text/html, image/png)'

# The usage text, as --help prints it first.
usage_text() {
	lead-add --help | sed '/^$/,$d'
}

# --- the corpus -------------------------------------------------------

@test "lead-add --adf does with every corpus file what EXPECTED.tsv says" {
	need_corpus
	command -v lead-add >/dev/null || PATH=$BATS_TEST_DIRNAME/../bin:$PATH
	local n
	n=$(grep -cv -e '^#' -e '^file	' -e '^$' "$CORPUS/adf/EXPECTED.tsv")
	assert_equal "$n" 7
	run "$CORPUS/../tools/corpus-expect" "$CORPUS/adf" --adf
	assert_success
	assert_output "corpus-expect: 7 as expected, 0 not"
}

@test "lead-add --adf reads Activix's sample: the preferred colour, the odometer's units, the provider's url" {
	need_corpus
	add --adf "$CORPUS/adf/activix-doc-example.xml"
	assert_success
	assert_output 1
	run sql "SELECT source, external_id, received_at, type, interest, year, make, model, trim, vin, stock, price, odometer, color, vendor FROM leads"
	assert_output "Activix|12345|2020-04-28T20:30:20Z|new|buy|2020|Volvo|XC90|R-Design|2GTEK19R7V1511644|V12345|59999.99|1500|Black|ABC Motors"
	run sql "SELECT json_extract(extra, '\$.\"vehicle.odometer@units\"'), json_extract(extra, '\$.\"provider.url\"'), json_extract(extra, '\$.\"prospect@status\"'), json_extract(extra, '\$.\"vehicle.colorcombination[2].exteriorcolor\"') FROM leads"
	assert_output "km|https://abcmotors.com/volvo/xc90|new|Gray"
}

@test "lead-add --adf reads adf_builder's sample: a '-0600' requestdate, the second vehicle kept with the lead" {
	need_corpus
	add --adf "$CORPUS/adf/adf_builder-readme-2026-multivehicle.xml"
	assert_success
	run sql "SELECT received_at, type, year, make, model, first_name, last_name, email, phone, extra FROM leads"
	assert_output '2026-01-19T22:40:00Z|new|2021|Ford|F-150|John|Doe|john@example.com|555-1234|{"vehicle[2]@status":"used","vehicle[2].year":"2023","vehicle[2].make":"Tesla","vehicle[2].model":"Cybertruck"}'
}

@test "lead-add --adf reads Fetch Auto's sample: <?ADF VERSION?>, <id> after <requestdate>, name type=full, <employment>" {
	need_corpus
	add --adf "$CORPUS/adf/fetchauto-example.xml"
	assert_success
	assert_stderr "lead-add: $CORPUS/adf/fetchauto-example.xml: 1 added, 0 already there"
	run sql "SELECT external_id, source, received_at, first_name, last_name, json_extract(extra, '\$.\"id@source\"'), json_extract(extra, '\$.\"customer.employment.employer\"') FROM leads"
	assert_output "1|Fetch Auto|2018-04-15T23:30:20Z|Test|user|fetch-auto|Telus"
}

@test "lead-add --adf reads the spec's minimal lead pasted with curly quotes in its declaration" {
	need_corpus
	add --adf "$CORPUS/adf/spec-minimal-lead-curly-quotes.xml"
	assert_success
	assert_output 1
	run sql "SELECT received_at, year, make, model, first_name, last_name, phone_e164, vendor FROM leads"
	assert_output "2000-03-30T23:30:20Z|1999|Chevrolet|Blazer|John|Doe|+13939993922|Acura of Bellevue"
}

# --- what each part of a prospect becomes -----------------------------

@test "lead-add --adf: <id> is the external id; the provider's name is the source, the id's source an extra" {
	adf full.xml
	add --adf full.xml
	assert_success
	assert_output 1
	run sql "SELECT external_id, source, json_extract(extra, '\$.\"id@source\"'), json_extract(extra, '\$.\"id@sequence\"') FROM leads"
	assert_output "LW-20261120-0042|Lakeside Web|LeadForm 3|1"
}

@test "lead-add --adf: without a <provider>, the source is who numbered the lead (<id source>)" {
	adf no-provider.xml
	add --adf no-provider.xml
	assert_success
	run sql "SELECT external_id, source, extra FROM leads"
	assert_output 'DS-88120|DealerSocket|{"id@sequence":"1","vendor.contact.name@part":"full"}'
}

@test "lead-add --adf: a requestdate with an offset is stored in UTC" {
	dated 2020-04-28T15:30:20-05:00
	add --adf dated.xml
	assert_success
	assert_stderr "lead-add: dated.xml: 1 added, 0 already there"
	run sql "SELECT received_at, quote(received_raw), quote(extra) FROM leads"
	assert_output "2020-04-28T20:30:20Z|NULL|NULL"
}

@test "lead-add --adf reads a requestdate written '2026-01-19 16:40:00 -0600'" {
	dated "2026-01-19 16:40:00 -0600"
	add --adf dated.xml
	assert_success
	assert_stderr "lead-add: dated.xml: 1 added, 0 already there"
	run sql "SELECT received_at, quote(received_raw) FROM leads"
	assert_output "2026-01-19T22:40:00Z|NULL"
}

@test "lead-add --adf reads a requestdate with fractional seconds" {
	dated 2018-04-15T15:30:20.000-08:00
	add --adf dated.xml
	assert_success
	run sql "SELECT received_at FROM leads"
	assert_output "2018-04-15T23:30:20Z"
}

@test "lead-add --adf reads an ambiguous requestdate month first, says so and keeps it as written" {
	dated "03/04/2026 10:00"
	add --adf dated.xml
	assert_success
	assert_output 1
	assert_stderr \
	    'lead-add: dated.xml: prospect 1: requestdate: ambiguous date, read month first: "03/04/2026 10:00"' \
	    "lead-add: dated.xml: 1 added, 0 already there, 1 kept with warnings"
	# 10:00 in New York on March 4th (EST).
	run sql "SELECT received_at, received_raw FROM leads"
	assert_output "2026-03-04T15:00:00Z|03/04/2026 10:00"
}

@test "lead-add --adf: a requestdate that is no date: received now, with a warning, kept as an extra" {
	dated "next Tuesday-ish"
	add --adf dated.xml
	assert_success
	assert_output 1
	assert_stderr \
	    'lead-add: dated.xml: prospect 1: requestdate: not a date (the lead counts as received now): "next Tuesday-ish"' \
	    "lead-add: dated.xml: 1 added, 0 already there, 1 kept with warnings"
	run sql "SELECT received_at, quote(received_raw), extra FROM leads"
	assert_output '2026-11-23T14:00:00Z|NULL|{"requestdate":"next Tuesday-ish"}'
}

@test "lead-add --adf: the vehicle of interest, its colour the exterior one of preference 1" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql -line "SELECT interest, type, year, make, model, trim, vin, stock, price, odometer, color FROM leads"
	assert_output "interest = lease
    type = used
    year = 2024
    make = Subaru
   model = Outback
    trim = Touring XT
     vin = 4S4BTGPD0R3123456
   stock = U4471
   price = 36995
odometer = 18250
   color = Autumn Green"
}

@test "lead-add --adf: a vehicle of interest=\"trade-in\" is the trade-in" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT trade_year, trade_make, trade_model, trade_vin, trade_odometer FROM leads"
	assert_output "2015|Honda|CR-V|2HKRM4H75FH612345|121400"
}

@test "lead-add --adf keeps a further vehicle of interest, and what the trade-in said besides, as extras" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT key, value FROM leads, json_each(leads.extra) WHERE key LIKE 'vehicle[2]%' OR key LIKE 'vehicle[3]%'"
	assert_output "vehicle[2]@interest|trade-in
vehicle[2]@status|used
vehicle[2].odometer@status|original
vehicle[2].odometer@units|mi
vehicle[3]@interest|buy
vehicle[3]@status|new
vehicle[3].year|2026
vehicle[3].make|Subaru
vehicle[3].model|Forester"
}

@test "lead-add --adf: name parts first, middle and last" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT first_name, middle_name, last_name, quote(company) FROM leads"
	assert_output "Margaret|Anne|Kowalczyk|NULL"
}

@test "lead-add --adf splits a part=\"full\" name into first and last" {
	adf no-provider.xml
	add --adf no-provider.xml
	assert_success
	run sql "SELECT first_name, quote(middle_name), last_name FROM leads"
	assert_output "Ann|NULL|Lee"
}

@test "lead-add --adf: a name of type=\"business\" is the company" {
	adf no-provider.xml
	add --adf no-provider.xml
	assert_success
	run sql "SELECT company FROM leads"
	assert_output "Lee Landscaping LLC"
}

@test "lead-add --adf: the first usable e-mail and the preferred phone are the lead's, the rest are contacts with labels, the fax last" {
	adf full.xml
	add --adf full.xml
	assert_success
	assert_output 1
	assert_stderr \
	    'lead-add: full.xml: prospect 1: customer.contact.email[1]: not an e-mail address (kept as written): "not an address"' \
	    "lead-add: full.xml: 1 added, 0 already there, 1 kept with warnings"
	run sql "SELECT email, email_norm, phone, phone_e164 FROM leads; SELECT kind, quote(label), value, quote(norm) FROM lead_contacts WHERE lead_id = 1 ORDER BY id"
	assert_output "maggie.k@example.com|maggie.k@example.com|614-555-0111|+16145550111
email|NULL|not an address|NULL
email|NULL|m.kowalczyk@work.example|'m.kowalczyk@work.example'
phone|'mobile, evening'|614-555-0142|'+16145550142'
phone|'mobile'|614-555-0177|'+16145550177'
phone|'fax, day'|614-555-0190|'+16145550190'"
}

@test "lead-add --adf: the address, street lines and apartment joined" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT street, city, region, postal_code, country FROM leads"
	assert_output "1200 Lakeview Drive, Building C, Apt 4B|Columbus|OH|43215|US"
}

@test "lead-add --adf keeps the customer's comments line by line, without the XML's indentation" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT comments FROM leads"
	assert_output "Is the Outback still available?
I can come in Saturday morning.
Trade-in has new tires."
}

@test "lead-add --adf: the vendor is <vendorname>, its contact's name an extra" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT vendor, json_extract(extra, '\$.\"vendor.contact.name\"') FROM leads"
	assert_output "Lakeside Motors|Dana Kowalski"
}

@test "lead-add --adf: without <vendorname>, the vendor is its contact's name" {
	adf no-provider.xml
	add --adf no-provider.xml
	assert_success
	run sql "SELECT vendor FROM leads"
	assert_output "Acura of Bellevue"
}

@test "lead-add --adf keeps what no field takes as extras under its place" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT json_extract(extra, '\$.\"prospect@status\"'), json_extract(extra, '\$.\"vehicle[1].odometer@units\"'), json_extract(extra, '\$.\"vehicle[1].colorcombination[1].exteriorcolor\"'), json_extract(extra, '\$.\"vehicle[1].price@currency\"'), json_extract(extra, '\$.\"customer.employment.employer\"'), json_extract(extra, '\$.\"customer.contact.address@type\"'), json_extract(extra, '\$.\"provider.url\"') FROM leads"
	assert_output "resend|mi|Crystal White|USD|Columbus City Schools|home|https://lakeside-motors.example/used/U4471"
	# What a field took is not kept twice.
	run sql "SELECT count(*) FROM leads, json_each(leads.extra) WHERE value IN ('Outback', 'Margaret', 'Autumn Green', 'Lakeside Web', 'Lakeside Motors')"
	assert_output 0
}

@test "lead-add --adf keeps the file as it came, byte for byte, as the lead's document" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT l.document_id, d.kind, d.name, quote(d.sender), quote(d.subject), quote(d.message_id), d.batch_id, d.at, length(d.body) FROM leads l JOIN documents d ON d.id = l.document_id"
	assert_output "1|adf|full.xml|NULL|NULL|NULL|1|2026-11-23T14:00:00Z|$(stat -c %s full.xml)"
	assert_body 1 full.xml
	lead-add --message 1 >back.xml
	cmp back.xml full.xml
}

# --- what senders get wrong ---------------------------------------------

@test "lead-add --adf reads a document without an XML declaration" {
	adf no-declaration.xml
	add --adf no-declaration.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, email, year, make, model, received_at FROM leads"
	assert_output "Nadia|Haddad|nadia.haddad@example.com|2026|Honda|Civic|2026-11-21T14:15:00Z"
}

@test "lead-add --adf reads UTF-8 that its declaration calls ISO-8859-1 as UTF-8" {
	adf declared-latin1-is-utf8.xml
	add --adf declared-latin1-is-utf8.xml
	assert_success
	run sql "SELECT first_name, hex(first_name), last_name FROM leads"
	assert_output "Renée|52656EC3A965|François"
}

@test "lead-add --adf reads Latin-1 bytes that its declaration calls UTF-8 as Latin-1" {
	adf declared-utf8-is-latin1.xml
	add --adf declared-utf8-is-latin1.xml
	assert_success
	run sql "SELECT first_name, hex(first_name), last_name FROM leads"
	assert_output "Renée|52656EC3A965|François"
}

@test "lead-add --adf reads UTF-16LE with a byte-order mark" {
	adf utf16le-bom.xml
	add --adf utf16le-bom.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, make, model FROM leads"
	assert_output "Łukasz|Wiśniewski|Škoda|Kodiaq"
}

@test "lead-add --adf reads HTML entities as their characters and a bare & as itself" {
	adf html-entities.xml
	add --adf html-entities.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, hex(last_name), comments, vendor FROM leads"
	# &nbsp; is U+00A0 (C2 A0) between Dupont and Martin.
	assert_output "Renée|4475706F6E74C2A04D617274696E|Trade‑in & financing – <urgent>|Smith & Sons Auto"
}

@test "lead-add --adf reads the ADF out of the text around it" {
	adf text-around.xml
	add --adf text-around.xml
	assert_success
	assert_output 1
	assert_stderr "lead-add: text-around.xml: 1 added, 0 already there"
	run sql "SELECT first_name, last_name, phone_e164, quote(extra) FROM leads"
	assert_output "Oscar|Lindgren|+16125550104|NULL"
}

@test "lead-add --adf reads every <adf> document of one input" {
	adf two-documents.xml
	add --adf two-documents.xml
	assert_success
	assert_output "1
2"
	assert_stderr "lead-add: two-documents.xml: 2 added, 0 already there"
	run sql "SELECT id, source, external_id, first_name, last_name, document_id FROM leads ORDER BY id; SELECT count(*) FROM documents"
	assert_output "1|AutoTrader|706777|Carlos|Mendoza|1
2|AutoTrader|805577|Aisha|Bello|1
1"
}

@test "lead-add --adf reads a bare <prospect> without its <adf>" {
	adf bare-prospect.xml
	add --adf bare-prospect.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, received_at FROM leads"
	assert_output "Grace|Oyelaran|2026-11-22T19:00:00Z"
}

@test "lead-add --adf reads a namespaced document, default namespace or prefixed" {
	adf namespaced-default.xml namespaced-prefix.xml
	add --adf namespaced-default.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, email, source, quote(extra) FROM leads"
	assert_output "Hiroshi|Tanaka|h.tanaka@example.jp|KBB|NULL"
	rm -f "$LEAD_DB"*
	add --adf namespaced-prefix.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, email, source, quote(extra) FROM leads"
	assert_output "Hiroshi|Tanaka|h.tanaka@example.jp|KBB|NULL"
}

@test "lead-add --adf reads element and attribute names in upper case" {
	adf upper-case.xml
	add --adf upper-case.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, phone, source, interest, type, year, make, model, received_at, quote(extra) FROM leads; SELECT label, value FROM lead_contacts"
	assert_output "Wade|Boggs|614-555-0111|Autobytel|buy|used|2019|Toyota|Tacoma|2026-11-22T15:00:00Z|NULL
mobile, evening|614-555-0142"
}

@test "lead-add --adf reads unquoted attribute values" {
	adf unquoted-attributes.xml
	add --adf unquoted-attributes.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, phone, interest, type, make, model, extra FROM leads; SELECT label, value FROM lead_contacts"
	assert_output 'Priya|Raghunathan|408-555-0199|buy|used|Ford|Escape|{"prospect@status":"new"}
mobile, evening|408-555-0142'
}

@test "lead-add --adf keeps an element the spec does not have (<employment>) as an extra" {
	adf full.xml
	add --adf full.xml
	assert_success
	run sql "SELECT key, value FROM leads, json_each(leads.extra) WHERE key LIKE 'customer.employment%'"
	assert_output "customer.employment.employer|Columbus City Schools"
}

@test "lead-add --adf adds a lead that gives only a name" {
	adf name-only.xml
	add --adf name-only.xml
	assert_success
	assert_output 1
	assert_stderr "lead-add: name-only.xml: 1 added, 0 already there"
	run sql "SELECT first_name, quote(last_name), quote(email), quote(phone), quote(source), received_at, quote(extra) FROM leads"
	assert_output "Cher|NULL|NULL|NULL|NULL|2026-11-23T14:00:00Z|NULL"
}

@test "lead-add --adf reads a document cut off in its last element" {
	adf unclosed.xml
	add --adf unclosed.xml
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, comments FROM leads"
	assert_output "Ann|Lee|Please call after 5"
}

# --- mail -------------------------------------------------------------

# assert_doc ID NAME SENDER SUBJECT MESSAGE_ID: document ID is the mail
# message NAME (a file here) as it came, with these headers.
assert_doc() {
	run sql "SELECT kind, name, sender, subject, message_id FROM documents WHERE id = $1"
	assert_output "mail|$2|$3|$4|$5"
	assert_body "$1" "$2"
}

@test "lead-add --adf --mail reads ADF that is a plain message's body" {
	eml plain-body.eml
	add --adf plain-body.eml --mail
	assert_success
	assert_output 1
	assert_stderr "lead-add: plain-body.eml: 1 added, 0 already there"
	run sql "SELECT source, external_id, first_name, last_name, email, phone_e164, year, make, model, vendor, received_at, document_id FROM leads"
	assert_output "Autobytel|106977|Marcus|Whitfield|marcus.whitfield@example.com|+16145550142|2026|Honda|Civic|Lakeside Motors|2026-11-23T13:14:00Z|1"
	assert_doc 1 plain-body.eml "Autobytel Leads <leads@autobytel.example>" \
	    "New lead: 2026 Honda Civic" "20261123131401.4711@mx.autobytel.example"
}

@test "lead-add --adf --mail reads quoted-printable Latin-1 into UTF-8, and RFC 2047 headers" {
	eml qp-latin1.eml
	add --adf qp-latin1.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT first_name, hex(first_name), last_name, source, comments FROM leads"
	assert_output "Renée|52656EC3A965|Ñúñez|Peña Automóviles|Prefiero que me llamen por la tarde, después de las 17 h. Gracias por la atención prestada."
	assert_doc 1 qp-latin1.eml "José Peña <jose.pena@pena-automoviles.example>" \
	    "Nueva solicitud - Renée Ñúñez" "qp-latin1.0001@pena-automoviles.example"
}

@test "lead-add --adf --mail reads a base64 attachment and keeps the CRLF message byte for byte" {
	eml base64-attachment.eml
	add --adf base64-attachment.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT source, external_id, first_name, last_name, email, make, model, received_at FROM leads"
	assert_output "Cars.com|3051177|Priya|Raghunathan|priya.r@example.in|Toyota|RAV4 Hybrid|2026-11-22T00:45:30Z"
	assert_doc 1 base64-attachment.eml \
	    '"Cars.com Lead Service" <noreply@leads.cars.example>' \
	    "Cars.com lead: 2026 Toyota RAV4 Hybrid" "CAR.7781.20261121@leads.cars.example"
}

@test "lead-add --adf --mail reads one lead, not two, from a multipart/alternative" {
	eml alternative-html.eml
	add --adf alternative-html.eml --mail
	assert_success
	assert_output 1
	assert_stderr "lead-add: alternative-html.eml: 1 added, 0 already there"
	run sql "SELECT count(*), source, external_id, first_name, last_name FROM leads"
	assert_output "1|TrueCar|406677|Dmitri|Volkov"
	assert_doc 1 alternative-html.eml "TrueCar Dealer Leads <dealerleads@truecar.example>" \
	    "TrueCar lead for 2025 Subaru Outback" "alt.20261120.104705@truecar.example"
}

@test "lead-add --adf --mail reads ADF shown escaped in an HTML-only message" {
	eml html-only.eml
	add --adf html-only.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT source, external_id, first_name, last_name, email, make, model, received_at FROM leads"
	assert_output "Edmunds|507877|Siobhán|O'Connor|siobhan.oconnor@example.ie|Volkswagen|ID.4|2026-11-19T19:02:44Z"
	assert_doc 1 html-only.eml "Edmunds Leads <leads@edmunds.example>" \
	    "Edmunds price quote request" "html-only-5521@edmunds.example"
}

@test "lead-add --adf --mail reads a forwarded lead; the document is the outer message" {
	eml forwarded.eml
	add --adf forwarded.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT source, external_id, first_name, last_name, make, model FROM leads"
	assert_output "KBB|607677|Hiroshi|Tanaka|Mazda|CX-50"
	assert_doc 1 forwarded.eml "Dana Kowalski <dana@lakeside-motors.example>" \
	    "Fwd: KBB lead - 2026 Mazda CX-50" "fwd-1@lakeside-motors.example"
}

@test "lead-add --adf --mail reads two leads from one message, both in its one document" {
	eml two-leads.eml
	add --adf two-leads.eml --mail
	assert_success
	assert_output "1
2"
	assert_stderr "lead-add: two-leads.eml: 2 added, 0 already there"
	run sql "SELECT id, external_id, first_name, last_name, make, model, document_id FROM leads ORDER BY id"
	assert_output "1|706777|Carlos|Mendoza|Ford|F-150|1
2|805577|Aisha|Bello|Kia|Telluride|1"
	assert_doc 1 two-leads.eml "AutoTrader <leads@autotrader.example>" \
	    "2 new leads" "batch-2.20261117@autotrader.example"
}

@test "lead-add --adf --mail reads a UTF-16 attachment" {
	eml utf16-attachment.eml
	add --adf utf16-attachment.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT source, external_id, first_name, last_name, make, model FROM leads"
	assert_output "Dealer Website|9061077|Łukasz|Wiśniewski|Škoda|Kodiaq"
	assert_doc 1 utf16-attachment.eml "Website Forms <forms@lakeside-motors.example>" \
	    "Website lead (UTF-16)" "utf16-0001@lakeside-motors.example"
}

@test "lead-add --adf --mail reads an application/octet-stream attachment" {
	eml octet-stream.eml
	add --adf octet-stream.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT source, external_id, first_name, last_name, make, model FROM leads"
	assert_output "CarGurus|1005877|Grace|Oyelaran|Hyundai|Ioniq 5"
	assert_doc 1 octet-stream.eml "CarGurus <leads@cargurus.example>" \
	    "CarGurus lead 2026 Hyundai Ioniq 5" "cg-55102@cargurus.example"
}

@test "lead-add --adf --mail reads a uuencoded ADF file in a plain body" {
	eml uuencoded.eml
	add --adf uuencoded.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT source, external_id, first_name, last_name, make, model, received_at FROM leads"
	assert_output "LeadPro 2000|1104977|Olaf|Lindqvist|Volvo|XC60|2026-11-14T13:55:00Z"
	assert_doc 1 uuencoded.eml "LeadPro 2000 <leadpro@example.org>" \
	    "LEAD 000411" "LP2000.000411@example.org"
}

@test "lead-add --adf - --mail reads the message on stdin; it has no name" {
	eml plain-body.eml
	run --separate-stderr lead-add --adf - --mail <plain-body.eml
	assert_success
	assert_output 1
	assert_stderr "lead-add: stdin: 1 added, 0 already there"
	run sql "SELECT kind, quote(name), message_id FROM documents"
	assert_output "mail|NULL|20261123131401.4711@mx.autobytel.example"
	assert_body 1 plain-body.eml
}

# --- a lead sent again ------------------------------------------------

@test "lead-add --adf --mail: the same message again adds nothing" {
	eml plain-body.eml
	lead-add --adf plain-body.eml --mail >/dev/null 2>&1
	add --adf plain-body.eml --mail
	assert_success
	assert_output ""
	assert_stderr "lead-add: plain-body.eml: 0 added, 1 already there"
	run sql "SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM documents), (SELECT count(*) FROM quarantine)"
	assert_output "1|1|0"
}

@test "lead-add --adf --mail: the same lead resent in a new message adds nothing" {
	eml alternative-html.eml
	sed -e 's/^Message-ID: .*/Message-ID: <resent-1@truecar.example>/' \
	    -e 's/^Date: .*/Date: Sat, 21 Nov 2026 08:00:00 -0600/' \
	    alternative-html.eml >resent.eml
	lead-add --adf alternative-html.eml --mail >/dev/null 2>&1
	add --adf resent.eml --mail
	assert_success
	assert_output ""
	assert_stderr "lead-add: resent.eml: 0 added, 1 already there"
	run sql "SELECT (SELECT count(*) FROM leads), (SELECT group_concat(message_id) FROM documents)"
	assert_output "1|alt.20261120.104705@truecar.example"
}

@test "lead-add --adf: a lead without an <id> sent again adds nothing" {
	adf no-declaration.xml
	lead-add --adf no-declaration.xml >/dev/null 2>&1
	cp no-declaration.xml again.xml
	add --adf again.xml
	assert_success
	assert_output ""
	assert_stderr "lead-add: again.xml: 0 added, 1 already there"
	run sql "SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM documents)"
	assert_output "1|1"
}

# The fingerprint of a lead with an <id> is (source, id), and the source
# is the mapped name: a lead stored before the mapping is found under the
# provider's own name.
@test "lead-add --adf --mail: a lead resent after its provider's source name was loaded adds nothing" {
	eml alternative-html.eml
	printf 'provider\tsource\nTrueCar\tTrueCar.com\n' >sources.tsv
	lead-add --adf alternative-html.eml --mail >/dev/null 2>&1
	lead-add --load-sources sources.tsv 2>/dev/null
	sed 's/^Message-ID: .*/Message-ID: <resent-2@truecar.example>/' \
	    alternative-html.eml >resent.eml
	add --adf resent.eml --mail
	assert_success
	assert_output ""
	assert_stderr "lead-add: resent.eml: 0 added, 1 already there"
	run sql "SELECT id, source, external_id FROM leads"
	assert_output "1|TrueCar|406677"
}

# --- the quarantine ---------------------------------------------------

@test "lead-add --adf --mail holds a message with no ADF in the quarantine and exits 0" {
	eml no-adf.eml
	add --adf no-adf.eml --mail
	assert_success
	assert_output ""
	assert_stderr \
	    "lead-add: no-adf.eml: quarantined as document 1: $NOADF (lead-add --quarantine lists it)" \
	    "lead-add: no-adf.eml: 0 added, 0 already there, 1 quarantined"
	assert_doc 1 no-adf.eml "Marcus Whitfield <marcus.whitfield@example.com>" \
	    "Re: Your 2026 Honda Civic quote" "reply-31@example.com"
	run sql "SELECT count(*) FROM leads"
	assert_output 0
}

@test "lead-add --quarantine lists what is held" {
	eml no-adf.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	add --quarantine
	assert_success
	assert_stderr
	assert_output "$QHEAD
1	2026-11-23T09:00:00-05:00	$NOADF	mail	Marcus Whitfield <marcus.whitfield@example.com>	Re: Your 2026 Honda Civic quote	no-adf.eml	980		"
}

@test "lead-add --adf --mail does not hold the same message twice" {
	eml no-adf.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	add --adf no-adf.eml --mail
	assert_success
	assert_output ""
	assert_stderr \
	    "lead-add: no-adf.eml: held already, as document 1: $NOADF" \
	    "lead-add: no-adf.eml: 0 added, 0 already there, 1 quarantined"
	run sql "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM quarantine)"
	assert_output "1|1"
}

@test "lead-add --adf --mail holds a message whose only prospect names no customer" {
	eml no-customer.eml
	add --adf no-customer.eml --mail
	assert_success
	assert_output ""
	# Whether the reason names the part (see the next test): either way.
	assert_equal "${#stderr_lines[@]}" 2
	assert_regex "${stderr_lines[0]}" '^lead-add: no-customer\.eml: quarantined as document 1: (part 1 text/plain: )?prospect 1: no customer: no name, company, e-mail, phone or address \(lead-add --quarantine lists it\)$'
	assert_equal "${stderr_lines[1]}" "lead-add: no-customer.eml: 0 added, 0 already there, 1 quarantined"
	run sql "SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM quarantine WHERE released_by IS NULL)"
	assert_output "0|1"
}

# Prospects are counted in each part: in a message of several parts the
# reason names the part.
@test "lead-add --adf --mail: the reason a second part's prospect is held names that part" {
	eml second-part-bad.eml
	add --adf second-part-bad.eml --mail
	assert_success
	assert_output 1
	assert_stderr \
	    "lead-add: second-part-bad.eml: quarantined as document 1: part 2 text/xml lead-2.xml: prospect 1: no customer: no name, company, e-mail, phone or address (lead-add --quarantine lists it)" \
	    "lead-add: second-part-bad.eml: 1 added, 0 already there, 1 quarantined"
	run sql "SELECT external_id, first_name, last_name, document_id FROM leads"
	assert_output "905577|Carlos|Mendoza|1"
}

@test "lead-add --adf --mail holds a message whose ADF is cut off before any prospect" {
	eml truncated.eml
	add --adf truncated.eml --mail
	assert_success
	assert_output ""
	assert_stderr \
	    "lead-add: truncated.eml: quarantined as document 1: part 2 application/xml lead.xml: no <prospect> in the <adf> (lead-add --quarantine lists it)" \
	    "lead-add: truncated.eml: 0 added, 0 already there, 1 quarantined"
	run sql "SELECT reason FROM quarantine"
	assert_output "part 2 application/xml lead.xml: no <prospect> in the <adf>"
}

@test "lead-add --message writes a held message as it came" {
	eml no-adf.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	run --separate-stderr bash -c 'lead-add --message 1 >back.eml'
	assert_success
	assert_stderr
	cmp back.eml no-adf.eml
	add --message 2
	assert_failure 65
	assert_output ""
	assert_stderr "lead-add: no document 2"
}

@test "lead-add --retry of a message still unreadable exits 65; it stays held" {
	eml no-adf.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	add --retry 1
	assert_failure 65
	assert_output ""
	assert_stderr \
	    "lead-add: document 1: still held: $NOADF" \
	    "lead-add: quarantine: 0 added, 0 already there, 1 still held"
	run lead-add --quarantine --no-header
	assert_output "1	2026-11-23T09:00:00-05:00	$NOADF	mail	Marcus Whitfield <marcus.whitfield@example.com>	Re: Your 2026 Honda Civic quote	no-adf.eml	980		"
}

@test "lead-add --retry without --strict releases what --strict held" {
	eml unusable-phone.eml
	add --adf unusable-phone.eml --mail --strict
	assert_success
	assert_output ""
	assert_stderr \
	    "lead-add: unusable-phone.eml: quarantined as document 1: prospect 1: customer.contact.phone: not a phone number (lead-add --quarantine lists it)" \
	    "lead-add: unusable-phone.eml: 0 added, 0 already there, 1 quarantined"
	add --retry
	assert_success
	assert_output 1
	assert_stderr \
	    'lead-add: document 1: prospect 1: customer.contact.phone: not a phone number (kept as written): "555-1234"' \
	    "lead-add: quarantine: 1 added, 0 already there, 1 kept with warnings, 1 released from the quarantine"
	run sql "SELECT first_name, last_name, phone, quote(phone_e164), document_id, batch_id FROM leads"
	assert_output "Tom|Baker|555-1234|NULL|1|2"
	run lead-add --quarantine
	assert_output "$QHEAD"
	run lead-add --quarantine --all --no-header --format tsv
	assert_output "1	2026-11-23T09:00:00-05:00	prospect 1: customer.contact.phone: not a phone number	mail	Website Forms <forms@lakeside-motors.example>	Website lead: Tom Baker	unusable-phone.eml	$(stat -c %s unusable-phone.eml)	2	1 added, 0 already there"
}

@test "a held message mended by hand is fed back, and the held one discarded" {
	eml no-customer.eml
	lead-add --adf no-customer.eml --mail 2>/dev/null
	lead-add --message 1 >mended.eml
	sed -i 's|^ *<provider>|  <customer><contact><name part="full">Ines Duarte</name><phone>614-555-0123</phone></contact></customer>\n&|' mended.eml
	add --adf mended.eml --mail
	assert_success
	assert_output 1
	assert_stderr "lead-add: mended.eml: 1 added, 0 already there"
	add --discard 1
	assert_success
	assert_output ""
	assert_stderr "lead-add: 1 document discarded (kept in the database)"
	run lead-add --quarantine
	assert_output "$QHEAD"
	run lead-add --quarantine --all --format csv
	# CSV per RFC 4180: CRLF line ends.
	assert_equal "${#lines[@]}" 2
	assert_equal "${lines[0]}" "id,at,reason,kind,sender,subject,name,bytes,released_by,outcome"$'\r'
	assert_equal "${lines[1]}" "1,2026-11-23T09:00:00-05:00,\"prospect 1: no customer: no name, company, e-mail, phone or address\",mail,CarGurus <leads@cargurus.example>,CarGurus lead 2026 Kia EV9,no-customer.eml,$(stat -c %s no-customer.eml),3,discarded"$'\r'
	run sql "SELECT external_id, first_name, last_name, make, model, document_id FROM leads"
	assert_output "1005990|Ines|Duarte|Kia|EV9|2"
}

@test "lead-add --retry of a document not in the quarantine exits 65" {
	eml plain-body.eml
	lead-add --adf plain-body.eml --mail >/dev/null 2>&1
	add --retry 1
	assert_failure 65
	assert_output ""
	assert_stderr \
	    "lead-add: document 1: not in the quarantine" \
	    "lead-add: quarantine: 0 documents: 0 added, 0 already there"
	add --retry 7
	assert_failure 65
	assert_equal "${stderr_lines[0]}" "lead-add: document 7: not in the quarantine"
}

@test "lead-add --discard without ids is a usage error" {
	add --discard
	assert_failure 64
	assert_output ""
	assert_equal "${stderr_lines[0]}" "lead-add: --discard: which documents? (ids, or - for stdin)"
	assert_equal "$(printf '%s\n' "${stderr_lines[@]:1}")" "$(usage_text)"
}

@test "lead-add --retry - takes the ids --quarantine lists, its header skipped" {
	eml no-adf.eml unusable-phone.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	lead-add --adf unusable-phone.eml --mail --strict 2>/dev/null
	run --separate-stderr bash -c 'lead-add --quarantine | lead-add --retry -'
	assert_failure 65
	assert_output 1
	assert_stderr \
	    "lead-add: document 1: still held: $NOADF" \
	    'lead-add: document 2: prospect 1: customer.contact.phone: not a phone number (kept as written): "555-1234"' \
	    "lead-add: quarantine: 2 documents: 1 added, 0 already there, 1 kept with warnings, 1 released from the quarantine, 1 still held"
	run lead-add --quarantine --no-header
	assert_output "1	2026-11-23T09:00:00-05:00	$NOADF	mail	Marcus Whitfield <marcus.whitfield@example.com>	Re: Your 2026 Honda Civic quote	no-adf.eml	980		"
}

# --- exit statuses ----------------------------------------------------

@test "lead-add --adf --mail on a busy database exits 75 (try again) and changes nothing" {
	eml plain-body.eml
	lead-add --first Ann --last Lee >/dev/null
	before=$(dump)
	printf 'BEGIN IMMEDIATE;\nDELETE FROM settings WHERE 0;\n.shell sleep 2\nCOMMIT;\n' |
	    sqlite3 "$LEAD_DB" &
	holder=$!
	sleep 0.5
	LEAD_BUSY_TIMEOUT=200 run --separate-stderr lead-add --adf plain-body.eml --mail
	wait "$holder"
	assert_equal "$status" 75
	assert_output ""
	assert_stderr "lead-add: $LEAD_DB: starting a transaction: the database is busy (another command is writing); try again later"
	assert_equal "$(dump)" "$before"
}

@test "lead-add --adf: a database that cannot be created is 75 with --mail, 73 without" {
	eml plain-body.eml
	add --db nowhere/leads.db --adf plain-body.eml --mail
	assert_failure 75
	assert_output ""
	assert_stderr "lead-add: nowhere/leads.db: cannot create the database: No such file or directory"
	add --db nowhere/leads.db --adf plain-body.eml
	assert_failure 73
	assert_stderr "lead-add: nowhere/leads.db: cannot create the database: No such file or directory"
	[ ! -e nowhere ]
}

@test "lead-add --adf: a database from a newer leadkit is 75 with --mail, 69 without, untouched" {
	eml plain-body.eml
	lead-add --first Ann --last Lee >/dev/null
	sql "PRAGMA user_version = 99"
	before=$(dump)
	add --adf plain-body.eml --mail
	assert_failure 75
	assert_output ""
	assert_stderr "lead-add: $LEAD_DB: the database is schema version 99, newer than this lead-add (version 3): use a newer leadkit"
	add --adf plain-body.eml
	assert_failure 69
	assert_equal "$(dump)" "$before"
}

@test "lead-add --adf of a file that does not exist exits 66, with --mail too" {
	add --adf missing.eml --mail
	assert_failure 66
	assert_output ""
	assert_stderr "lead-add: missing.eml: No such file or directory"
	add --adf missing.xml
	assert_failure 66
	assert_stderr "lead-add: missing.xml: No such file or directory"
}

@test "lead-add --adf without --mail refuses a document with no lead: 65, nothing stored" {
	adf no-customer.xml
	lead-add --first Ann --last Lee >/dev/null
	before=$(dump)
	add --adf no-customer.xml
	assert_failure 65
	assert_output ""
	assert_stderr "lead-add: no-customer.xml: prospect 1: no customer: no name, company, e-mail, phone or address"
	assert_equal "$(dump)" "$before"
}

@test "lead-add --adf --mail --dry-run adds nothing and creates no database" {
	eml two-leads.eml
	add --adf two-leads.eml --mail --dry-run
	assert_success
	assert_output ""
	assert_stderr "lead-add: two-leads.eml: 2 would be added, 0 already there"
	[ ! -e "$LEAD_DB" ]
}

# A dry run stores nothing, so it says what it would quarantine.
@test "lead-add --adf --mail --dry-run does not claim to have quarantined a message" {
	eml no-adf.eml
	add --adf no-adf.eml --mail --dry-run
	assert_success
	assert_output ""
	assert_stderr \
	    "lead-add: no-adf.eml: would be quarantined: $NOADF" \
	    "lead-add: no-adf.eml: 0 would be added, 0 already there, 1 would be quarantined"
	[ ! -e "$LEAD_DB" ]
}

# --- a directory of messages --------------------------------------------

@test "lead-add --adf DIR --mail reads each message of a directory, dotfiles and subdirectories skipped" {
	mkdir -p new/sub
	cp "$MAIL/plain-body.eml" new/1.eml
	cp "$MAIL/two-leads.eml" new/2.eml
	cp "$MAIL/no-adf.eml" new/3.eml
	cp "$MAIL/octet-stream.eml" new/.4.eml.tmp
	cp "$MAIL/forwarded.eml" new/sub/5.eml
	add --adf new --mail
	assert_success
	assert_output "1
2
3"
	assert_stderr \
	    "lead-add: new/3.eml: quarantined as document 3: $NOADF (lead-add --quarantine lists it)" \
	    "lead-add: new: 3 documents: 3 added, 0 already there, 1 quarantined"
	run sql "SELECT l.id, l.external_id, d.name FROM leads l JOIN documents d ON d.id = l.document_id ORDER BY l.id; SELECT id, name FROM documents ORDER BY id"
	assert_output "1|106977|new/1.eml
2|706777|new/2.eml
3|805577|new/2.eml
1|new/1.eml
2|new/2.eml
3|new/3.eml"
}

# --- source names -----------------------------------------------------

@test "lead-add --load-sources names a provider's leads; the provider's own name is kept" {
	eml alternative-html.eml
	printf 'provider\tsource\ntruecar\tTrueCar.com\nCars.com\tCars.com (paid)\n' >sources.tsv
	add --load-sources sources.tsv
	assert_success
	assert_output ""
	assert_stderr "lead-add: sources.tsv: 2 source names"
	add --adf alternative-html.eml --mail
	assert_success
	assert_output 1
	run sql "SELECT source, json_extract(extra, '\$.\"provider.name\"') FROM leads"
	assert_output "TrueCar.com|TrueCar"
}

@test "lead-add --sources lists the source names, loadable again" {
	printf 'provider\tsource\nTrueCar\tTrueCar.com\nCars.com\tCars.com (paid)\n' >sources.tsv
	lead-add --load-sources sources.tsv 2>/dev/null
	add --sources
	assert_success
	assert_stderr
	assert_output "provider	source
Cars.com	Cars.com (paid)
TrueCar	TrueCar.com"
	add --sources --format json
	assert_output '{"provider":"Cars.com","source":"Cars.com (paid)"}
{"provider":"TrueCar","source":"TrueCar.com"}'
}

@test "lead-add --load-sources of the same names again changes nothing and leaves no batch" {
	printf 'provider\tsource\nTrueCar\tTrueCar.com\n' >sources.tsv
	lead-add --load-sources sources.tsv 2>/dev/null
	lead-add --sources >listed.tsv
	before=$(dump)
	add --load-sources listed.tsv
	assert_success
	assert_stderr "lead-add: listed.tsv: 1 source name, as they were"
	assert_equal "$(dump)" "$before"
	run sql "SELECT count(*) FROM batches"
	assert_output 1
}

@test "lead-add --load-sources refuses a provider named twice or an empty source, naming the line" {
	printf 'provider\tsource\nTrueCar\tTrueCar.com\ntruecar\tTC\n' >twice.tsv
	printf 'provider\tsource\nTrueCar\t\n' >empty.tsv
	add --load-sources twice.tsv
	assert_failure 65
	assert_stderr 'lead-add: twice.tsv:3: provider: named twice: "truecar"'
	add --load-sources empty.tsv
	assert_failure 65
	assert_stderr "lead-add: empty.tsv:2: source: empty"
	run sql "SELECT count(*) FROM source_names"
	assert_output 0
}

# --- undoing a batch --------------------------------------------------

@test "lead-status --undo-batch of an --adf batch removes its leads and documents" {
	eml two-leads.eml plain-body.eml
	lead-add --adf plain-body.eml --mail >/dev/null 2>&1
	lead-add --adf two-leads.eml --mail >/dev/null 2>&1
	run --separate-stderr lead-status --undo-batch 2
	assert_success
	assert_equal "$stderr" "lead-status: batch 2 undone"
	run sql "SELECT id, external_id FROM leads; SELECT id, name FROM documents"
	assert_output "1|106977
1|plain-body.eml"
}

@test "lead-status --undo-batch refuses a batch that quarantined a message" {
	eml no-adf.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	before=$(dump)
	run --separate-stderr lead-status --undo-batch 1
	assert_failure 65
	assert_equal "$stderr" "lead-status: batch 1 cannot be undone: it quarantined 1 document, which stays (lead-add --discard releases it)"
	assert_equal "$(dump)" "$before"
}

@test "lead-status --undo-batch of a --discard holds the message again" {
	eml no-adf.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	lead-add --discard 1 2>/dev/null
	run lead-add --quarantine --no-header
	assert_output ""
	run --separate-stderr lead-status --undo-batch 2
	assert_success
	assert_equal "$stderr" "lead-status: batch 2 undone"
	run lead-add --quarantine --no-header
	assert_output "1	2026-11-23T09:00:00-05:00	$NOADF	mail	Marcus Whitfield <marcus.whitfield@example.com>	Re: Your 2026 Honda Civic quote	no-adf.eml	980		"
}

# --- output -----------------------------------------------------------

@test "the ids lead-add --adf --mail prints pipe into lead-status" {
	eml two-leads.eml
	run --separate-stderr bash -c 'lead-add --adf two-leads.eml --mail | lead-status - email-sent --log email --follow-up "tomorrow 9am"'
	assert_success
	assert_output "1
2"
	run sql "SELECT l.id, s.name FROM leads l JOIN statuses s ON s.id = l.status_id ORDER BY l.id"
	assert_output "1|email-sent
2|email-sent"
}

@test "lead-add --quarantine --format json is one JSON object a line" {
	eml no-adf.eml no-customer.eml
	lead-add --adf no-adf.eml --mail 2>/dev/null
	lead-add --adf no-customer.eml --mail 2>/dev/null
	add --quarantine --format json
	assert_success
	assert_equal "${#lines[@]}" 2
	printf '%s' "${lines[0]}" >row1.json
	printf '%s' "${lines[1]}" >row2.json
	run sqlite3 :memory: "SELECT json_valid(j), json_extract(j, '\$.id'), json_extract(j, '\$.kind'), json_extract(j, '\$.name'), json_extract(j, '\$.bytes'), json_type(j, '\$.released_by') FROM (SELECT readfile('row1.json') AS j UNION ALL SELECT readfile('row2.json'))"
	assert_success
	assert_output "1|1|mail|no-adf.eml|980|null
1|2|mail|no-customer.eml|$(stat -c %s no-customer.eml)|null"
}

@test "lead-add --quarantine --format csv neutralises a subject a spreadsheet would run" {
	eml formula-subject.eml
	lead-add --adf formula-subject.eml --mail 2>/dev/null
	add --quarantine --format csv
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_equal "${lines[0]}" "id,at,reason,kind,sender,subject,name,bytes,released_by,outcome"$'\r'
	assert_equal "${lines[1]}" "1,2026-11-23T09:00:00-05:00,no ADF in the message (1 part: text/plain),mail,Prankster <prank@example.com>,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",formula-subject.eml,$(stat -c %s formula-subject.eml),,"$'\r'
}

@test "lead-add --adf --mail FILE, as a .forward line is written, reads FILE as the message" {
	eml plain-body.eml
	add --adf --mail plain-body.eml
	assert_success
	assert_output 1
	add --adf --mail - <plain-body.eml
	assert_success
	assert_output ""
	assert_stderr "lead-add: stdin: 0 added, 1 already there"
	add --adf --mail
	assert_failure 64
}

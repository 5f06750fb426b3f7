/*
 * test_import: the CSV mapping, header by header, as the exports real
 * dealerships and CRMs write them name their columns.
 */
#include <stdio.h>

#include "import.h"
#include "msg.h"
#include "t.h"

/* The field a header maps to, by name, with its label: "phone/day". */
static const char *
map(const char *header, char *buf, size_t size)
{
	const char *label;
	int	 f;

	f = lk_header_field(header, &label);
	if (f == LK_HEADER_UNKNOWN)
		return "?";
	if (f == LK_HEADER_IGNORE)
		return "-";
	snprintf(buf, size, "%s%s%s", lk_fields[f].name,
	    label != NULL ? "/" : "", label != NULL ? label : "");
	return buf;
}

#define MAP(header, want) do { \
	char	 b_[64]; \
	T_STR(map((header), b_, sizeof(b_)), (want), header); \
} while (0)

int
main(void)
{
	lk_msg_init("test_import");
	/* DealerSocket's lead export. */
	MAP("Lead Id", "external_id");
	MAP("Date Received", "received");
	MAP("Lead Source", "source");
	MAP("First Name", "first_name");
	MAP("Last Name", "last_name");
	MAP("Email Address", "email");
	MAP("Day Phone", "phone/day");
	MAP("Evening Phone", "phone/evening");
	MAP("Zip/Post Code", "postal_code");
	MAP("Stock No", "stock");
	MAP("VIN", "vin");
	MAP("MSRP", "price");
	MAP("Comments", "comments");
	MAP("Full Lead Text", "?");
	/* Zoho and Salesforce. */
	MAP("LEADID", "external_id");
	MAP("Created Time", "received");
	MAP("Mobile", "phone/mobile");
	MAP("Company", "company");
	MAP("Lead Status", "?");
	MAP("Description", "comments");
	MAP("State/Province", "region");
	/* Outlook, Windows Live, Google Contacts, Thunderbird. */
	MAP("E-mail Address", "email");
	MAP("E-mail 2 Address", "email/other");
	MAP("Email Home", "email/home");
	MAP("Home Phone", "phone/home");
	MAP("Business Phone", "phone/work");
	MAP("Home Mobile", "phone/mobile");
	MAP("E-mail 1 - Value", "email");
	MAP("Phone 1 - Value", "phone");
	MAP("Given Name", "first_name");
	MAP("Family Name", "last_name");
	MAP("Display Name", "name");
	MAP("Primary Email", "email");
	MAP("Mobile Number", "phone/mobile");
	MAP("Organization", "company");
	/* Small CRMs' camelCase and snake_case. */
	MAP("firstName", "first_name");
	MAP("vehicleMake", "make");
	MAP("vehicle_model", "model");
	MAP("lead_source", "source");
	/* Case, spaces and punctuation do not matter; words do. */
	MAP("EMAIL_ADDRESS", "email");
	MAP("  first   name ", "first_name");
	MAP("\xef\xbb\xbf" "First Name", "first_name");
	MAP("First", "first_name");
	MAP("Firstname2", "?");
	MAP("customer_id", "?");
	MAP("", "?");
	/* A reject file's own columns are dropped when it comes back. */
	MAP("reject_line", "-");
	MAP("reject_reason", "-");
	return t_done();
}

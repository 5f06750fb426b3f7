#!/usr/bin/env bats
# lead-add: one lead from options, bulk from CSV.

load helper

@test "lead-add adds one lead from options and prints its id" {
	run lead-add --first Ann --last Lee --email ann@example.com \
	    --phone "(555) 123-4567" --source AutoTrader --type used \
	    --make Chevrolet --model Malibu --year 2024
	assert_success
	assert_output 1
	run sql "SELECT first_name, last_name, email_norm, phone_e164, source, make, year FROM leads"
	assert_output "Ann|Lee|ann@example.com|+15551234567|AutoTrader|Chevrolet|2024"
}

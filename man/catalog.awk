# catalog.awk: the default status catalog (share/statuses.tsv) or the
# follow-up kinds (share/followup-kinds.tsv) as the mdoc list leadkit(7)
# carries between its ".\" BEGIN" and ".\" END" lines, so the page says
# what the data says.  tests/docs.bats checks that it still does:
#
#	awk -f man/catalog.awk share/statuses.tsv
BEGIN {
	FS = "\t"
}

# mdoc text: a backslash is \e, a line may not start with . or '.
function text(s) {
	gsub(/\\/, "\\e", s)
	sub(/^[.']/, "\\\\\\&&", s)
	return s
}

# Words as .Cm macros, joined by sep, the last ending in end.
function words(s, sep, end,	w, n, i) {
	n = split(s, w, " ")
	for (i = 1; i <= n; i++)
		print ".Cm " w[i] " " (i < n ? sep : end)
}

/^#/ || /^$/ {
	next
}

!head {
	head = $1
	print ".Bl -tag -width Ds"
	next
}

head == "name" {
	print ".It Cm " $1
	print text($4) "."
	print "Group" ($2 ~ / / ? "s" : "")
	words($2, ",", $3 == "" ? "; no rules." : ";")
	if ($3 != "") {
		print "rules"
		words($3, ",", ".")
	}
}

head == "kind" {
	print ".It Cm " $1
	print text($4) "."
	if ($2 != "") {
		print "Flags"
		words($2, ",", ";")
		print "done by"
	} else
		print "Done by"
	words($3, ",", ".")
}

END {
	if (head)
		print ".El"
}

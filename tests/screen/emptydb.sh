#!/bin/bash
# No --db and no default file: the console creates the default database,
# empty, and tells how to load the sample or import your own, naming
# commands that exist. A bad --db: one line, exit 1.
. "$(dirname "$0")/lib.sh"
start 80 24 --
expect "This book is empty"
expect "acctplan sample --out"
expect "acctplan import accounts companies.csv"
expect "acctplan import responses survey.csv"
# every import the screen names is a command acctplan takes
screen | grep -o 'acctplan import [a-z]* [^ ]*' >"$TMPD/named"
[ "$(wc -l <"$TMPD/named")" -eq 3 ] || fail "expected three import commands on the screen"
while read -r _ cmd kind file; do
	"$ACCTPLAN" "$cmd" "$kind" "$file" --help >/dev/null 2>&1 </dev/null ||
		fail "the screen names \"acctplan $cmd $kind $file\", which acctplan refuses"
	printf 'name\n' >"$TMPD/$file"
	out=$("$ACCTPLAN" --db "$TMPD/check.db" "$cmd" "$kind" "$TMPD/$file" --dry-run 2>&1 </dev/null)
	case $out in *"unknown command"* | *"must be one of"*) fail "acctplan $cmd $kind: $out" ;; esac
done <"$TMPD/named"
keys Q
expect "[exit 0]"
[ -f "$XDG_DATA_HOME/acctplan/acctplan.db" ] || fail "default database not created"
out=$("$ACCTPLAN" --db "$TMPD/nope/missing.db" 2>&1 </dev/null)
rc=$?
[ $rc -eq 1 ] || fail "missing --db: exit $rc, want 1"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "missing --db: want one line, got: $out"
echo ok

#!/bin/bash
# No --db and no default file: the console creates the default database,
# empty, and tells how to load the sample. A bad --db: one line, exit 1.
. "$(dirname "$0")/lib.sh"
start 80 24 --
expect "This book is empty"
expect "acctplan sample --out"
keys Q
expect "[exit 0]"
[ -f "$XDG_DATA_HOME/acctplan/acctplan.db" ] || fail "default database not created"
out=$("$ACCTPLAN" --db "$TMPD/nope/missing.db" 2>&1 </dev/null)
rc=$?
[ $rc -eq 1 ] || fail "missing --db: exit $rc, want 1"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "missing --db: want one line, got: $out"
echo ok

#!/bin/bash
# Filter the accounts table as you type; quadrant filter; clear.
. "$(dirname "$0")/lib.sh"
sample_db
start 200 60 -- --db "$DB"
expect "Repair ◆"
keys 2
expect "52 accounts"
expect "Trend"
# on a small book one character already filters
keys / k
expect "18 accounts"
expect_no "needs 2 characters"
keys Escape
expect "52 accounts"
keys / b r i g h t
expect "1 account "
expect "Brightwater Utilities"
expect_no "Stanwick Rail"
keys Enter
keys Escape
expect "Repair ◆"
keys 2
keys x
expect "52 accounts"
# typed without its accents, a name is still found
keys / K O Y O
expect "1 account "
expect "Kōyō Precision"
keys Enter
keys Escape
expect "Repair ◆"
keys 2
keys x
expect "52 accounts"
keys f
expect "quadrant: Repair"
expect "12 accounts"
# sorting keeps every account (it used to empty the table)
keys '>'
expect "sorted by name"
expect "12 accounts"
expect_no "No accounts"
screen | grep -q "Brightwater Utilities" || fail "sorted by name: the rows are gone"
keys r
expect "(reversed)"
expect "12 accounts"
screen | grep -q "Brightwater Utilities" || fail "reversed: the rows are gone"
keys '<'
expect "sorted by priority"
screen | grep -q "Brightwater Utilities" || fail "sorted back: the rows are gone"
keys Q
expect "[exit 0]"

# a book past the count's cap: the header keeps its words apart; and past
# the size where a search of one character (no index can look it up: it
# reads every text) waits for a second, and says so: no active account of
# this one has a q, so a search that ran would show none
"$ACCTPLAN" sample --accounts 23000 --seed 3 --out "$TMPD/big.db" >/dev/null 2>&1 ||
	fail "sample --accounts failed"
start 80 24 -- --db "$TMPD/big.db"
expect "Repair ◆"
keys 2
expect "10000+ accounts  sorted by priority"
keys / q
expect "filter: q▏  (needs 2 characters)"
expect "10000+ accounts"
keys u
expect "No account matches"
expect_no "needs 2 characters"
keys BSpace
expect "filter: q▏  (needs 2 characters)"
keys Escape
keys Q
expect "[exit 0]"
# a search that most accounts match (every owner here is an Adeyemi: more
# than 10,000 matches) is paged by checking the accounts in order rather
# than gathering every match first: it still finds them all, as does one
# that matches fewer (ing)
for t in emi ing; do
	got=$("$ACCTPLAN" --db "$TMPD/big.db" accounts --search "$t" --all --format csv | tail -n +2 | wc -l)
	want=$(sqlite3 "$TMPD/big.db" "SELECT count(*) FROM accounts WHERE instr(lower(name || ' ' || owner || ' ' || segment), '$t') > 0")
	[ "$got" = "$want" ] && [ "$want" -gt 5000 ] || fail "accounts --search $t: $got rows, the book has $want"
done
start 80 24 -- --db "$TMPD/big.db"
expect "Repair ◆"
keys 2 / e m i
expect "1000+ accounts"
expect "filter: emi"
keys Enter
keys Q
expect "[exit 0]"

# a note's header longer than the screen is cut with a mark, not dropped
"$ACCTPLAN" --db "$DB" note Kestrel --contact Daniel --good-time no --reason reorganisation \
	--next 2026-12-05 "They are moving sites" >/dev/null || fail "acctplan note failed"
start 80 24 -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
expect "Kestrel Scaffolding"
keys n
expect "precall"
screen | grep -E "precall .*…$" >/dev/null || fail "a long note header is cut without a mark"
keys Q
expect "[exit 0]"
echo ok

#!/bin/bash
# The Standup view (5) on the sample book, on its first run: the board with
# each quadrant's change since the last standup, the movers with their NPS
# then and now, the overdue follow-ups and the actions by owner; Enter
# opens an account, o steps through the owners, + agrees an action, x marks
# one done, m marks the standup; what another program writes shows without
# a key; s shows the scatter with its trails. At 200x60 the board behind it
# has room for open problems and next contacts.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # skip: no sqlite3"; exit 0; }
sample_db
start 80 24 -- --db "$DB"
expect "Repair ◆"
keys 5
expect "What moved since the standup of 2026-11-13 · 7 days"
expect "Repair 12 ▲1"
expect "Protect 11 ="
expect "No feedback 4 ▼1"
expect "Moved (4)"
screen | grep "Haverford Poultry" | grep -q "Protect → Repair *NPS 100 → 0" ||
	fail "Haverford's move, from and to, NPS then and now"
screen | grep "Ardent Glassworks" | grep -q "No feedback → Protect" || fail "Ardent's move"
# the selection starts on the first mover: Enter opens it, Esc comes back
keys Enter
expect "Feedback ("
expect "Haverford Poultry"
keys Escape
expect "Moved (4)"
# further down: the follow-ups that fell overdue and the actions by owner,
# a section the first screen did not reach, read as it comes into view
keys PgDn
expect "Actions by owner (4)"
expect "Callum Byrne · 1 to do, 0 done"
expect "Ines Carvalho · 1 to do, 0 done"
expect_no "read when shown"
screen | grep "Westbury Dental" | grep -q "not done" || fail "Westbury's action is not done"
# the end: the last section, read with every other
keys G
expect "Problems moved ("
expect_no "read when shown"
keys g
# one owner at a time
keys o
expect "Owner: Callum Byrne"
expect "Moved (1)"
expect_no "Ardent Glassworks"
keys o
keys o
keys o
keys o
expect "Moved (4)"
# an action agreed on the selected account (Haverford, the first mover)
keys +
expect "Agree an action"
expect "Haverford Poultry · Callum Byrne"
keys Enter
keys Enter
keys Enter
expect "What is empty"
keys -l "Call Thandiwe about the short deliveries"
keys Enter
keys Enter
keys Enter
expect "Action agreed: Callum Byrne, due 2026-11-27"
"$ACCTPLAN" --db "$DB" action list --format csv | grep -q "Callum Byrne,.*Haverford Poultry,Call Thandiwe about the short deliveries" ||
	fail "the action is not in the book"
keys PgDn
expect "Callum Byrne · 2 to do, 0 done"
# x on an action row: done today (rows: 3 more movers, 8 detractors and 4
# overdue follow-ups, then Callum's first action, Haverford's)
keys g
for i in $(seq 16); do keys j; done
keys x
expect "Action done today"
"$ACCTPLAN" --db "$DB" action list --owner callum --format csv | grep "Call Thandiwe" | grep -q ",done,\|2026-11-20" ||
	fail "the action is not done in the book"
expect "Callum Byrne · 1 to do, 1 done"
# m: the standup is held today; the report still runs from the last one
keys m
expect "Standup marked as held today"
expect "What moved since the standup of 2026-11-13"
[ "$(sqlite3 "$DB" "select count(*) from marks")" = 3 ] || fail "no mark in the book"
# another program's write shows without a key: the view forgets its report
"$ACCTPLAN" --db "$DB" action add Ardent --due 2026-11-25 "Thank Sergio and Noel for the scores" >/dev/null ||
	fail "acctplan action add failed"
keys g
keys PgDn
expect "Marcus Delaney · 1 to do, 1 done"
# the scatter shows where the movers stood at the last standup
keys s
expect "advocacy (NPS)"
expect "↗ 4 since 2026-11-13"
keys t
expect "Trails hidden"
keys Q
expect "[exit 0]"
tmux -L "$SOCK" kill-server
sleep 0.3

# a wall screen: the standup names each mover's owner, and the board behind
# it shows each account's open problems and next contact
start 200 60 -- --db "$DB"
expect "Repair ◆"
screen | grep -q "Probs Next " || fail "the wide board has no open problems or next contact"
screen | grep "Northgate Distribution" | grep -qE " 1 2026-12-02 " ||
	fail "Northgate: one open problem, next contact on 2026-12-02"
keys 5
expect "Moved (4)"
screen | grep "Haverford Poultry" | grep -q "NPS 100 → 0 .*Callum Byrne" || fail "no owner beside a mover"
keys Q
expect "[exit 0]"
echo ok

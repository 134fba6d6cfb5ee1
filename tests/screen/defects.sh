#!/bin/bash
# The defects view: ranked by impact, CLAIMS-DELAY first (the sample was
# written to make it worst); Enter shows its follow-up queue in priority
# order with the open problem's state; Enter there opens the account.
. "$(dirname "$0")/lib.sh"
sample_db
start 200 60 -- --db "$DB"
expect "Repair ◆"
keys 4
expect "Defects ranked by impact"
screen | grep -E "^ +1 CLAIMS-DELAY " || fail "CLAIMS-DELAY is not first"
keys '?'
expect "Help: Defects"
screen | grep -qE " 3 A +go to the agenda" || fail "help lacks the agenda keys"
screen | grep -qE " 4 D +go to the defects" || fail "help lacks the defects keys"
keys Escape
keys Enter
expect "Follow-up queue of CLAIMS-DELAY"
expect "in priority order"
screen | grep -E "^ +1 Brightwater Utilities " | grep -q "fixing" || fail "Brightwater is not first, with its problem fixing"
keys Enter
expect "Brightwater Utilities  Priya Raman"
keys Escape
expect "Follow-up queue of CLAIMS-DELAY"
keys Escape
expect "Defects ranked by impact"
keys D
expect "Defects ranked by impact"
keys A
expect "acctplan · Agenda"
keys Q
expect "[exit 0]"
echo ok

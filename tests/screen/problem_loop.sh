#!/bin/bash
# Closing the loop: an overdue detractor response gets a problem (which is
# its follow-up: the OVERDUE mark goes), and the problem walks open ->
# root_cause -> fixing -> resolved -> reported_back, asked for the root
# cause and for what was reported back. A follow-up note clears the mark
# too, and the agenda drops the item.
. "$(dirname "$0")/lib.sh"
sample_db
"$ACCTPLAN" --db "$DB" agenda | grep "Detractor follow-up" | grep -q "Glenmorrow Dairies" ||
	fail "the sample has no overdue detractor at Glenmorrow Dairies"
start 200 60 -- --db "$DB"
expect "Repair ◆"
open_account "Glenmorrow"
expect "Glenmorrow Dairies  Priya Raman"
expect "OVERDUE: no follow-up"
screen | grep "Morag Sinclair" | head -1 | grep -q "OVERDUE" || fail "Morag's response is not marked"
keys C
expect "Open a problem from a response"
expect "Morag Sinclair 4 (OVERDUE"
keys Enter Enter Enter
expect "Problem opened"
expect_no "OVERDUE"
keys p
expect "Problems (2)"
expect "Conformity certificates and test reports not supplied"
# open -> root_cause, with the root cause found
keys a
expect "Move a problem along"
expect "[open] ▶"
keys Enter
expect "Root cause"
keys Enter
keys -l "Declarations filed under the wrong product code"
keys Enter
expect "Problem moved to root cause"
# fixing: the root cause is on record
keys a
expect "[root cause] ▶"
keys C-s
expect "Problem moved to fixing"
# from fixing the form offers only the moves the lifecycle allows: never
# straight to reported back
keys a
expect "Move a problem along"
expect "Move to"
keys Down
for i in 1 2 3 4 5 6; do
	keys Right
	sleep 0.1
	screen | grep "Move to" | grep -qE "reported.back" && fail "reported back offered from fixing"
done
keys Escape
expect_no "Move a problem along"
keys a
keys C-s
expect "Problem moved to resolved"
# reported_back needs what the customer was told
keys a
expect "Reported back"
keys C-s
expect "Reported back is empty"
keys Down Down
keys -l "Told Morag the declarations are filed and sent her copies"
keys Enter
expect "Problem moved to reported back: the loop is closed"
expect "reported back 2026-11-20"
expect "Root cause: Declarations filed under the wrong product code"
# the brief shows what was reported back
keys b
expect "Told Morag the declarations are filed and sent her copies"
keys Escape
keys Q
expect "[exit 0]"
"$ACCTPLAN" --db "$DB" agenda | grep "Detractor follow-up" | grep -q "Glenmorrow Dairies" &&
	fail "Glenmorrow Dairies is still on the agenda for a follow-up"

# a follow-up note on Pembury Snacks' oldest overdue response
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
start 200 60 -- --db "$DB"
expect "Repair ◆"
open_account "Pembury"
expect "Pembury Snacks"
screen | grep "Simone Okereke" | head -1 | grep -q "OVERDUE" || fail "Simone's response is not marked"
keys F
expect "Follow up a detractor response"
expect "Simone Okereke 4 (OVERDUE"
keys C-s
expect "Note is empty"
keys -l "Called Simone: new size chart agreed, samples on the way."
keys Enter
expect "Note saved: the response is followed up"
screen | grep "Simone Okereke" | head -1 | grep -q "OVERDUE" && fail "Simone's response is still marked"
screen | grep "Alan Whitmore" | head -1 | grep -q "OVERDUE" || fail "Alan's response lost its mark"
keys Q
expect "[exit 0]"
echo ok

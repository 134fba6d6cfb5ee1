#!/bin/bash
# The plan tab: Kestrel Scaffolding is a grow account held by one open
# readiness condition; marking it met lifts the hold at once (header,
# brief, accounts table). Reopening it puts the hold back; a hold set by
# hand keeps its reason.
. "$(dirname "$0")/lib.sh"
sample_db
start 200 60 -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
expect "Sales on hold: readiness conditions open"
keys P
expect "[ ] Marek signs off the rigger glove trial at the Leeds yard  open"
keys m
expect "Mark a readiness condition met"
expect "◀ Marek signs off the rigger glove trial at the Leeds yard ▶"
keys Enter
expect "Condition met"
expect "Sales open"
expect_no "Sales on hold"
expect "Every readiness condition is met."
expect "[x] Marek signs off the rigger glove trial at the Leeds yard  met 2026-11-20"
keys b
expect "Sales        open (advocacy high and plan met)"
expect "PITCH: sales are open: qualified for upsell"
expect_no "DO NOT PITCH"
keys Escape
# reopen: on hold again
keys o
expect "Reopen a readiness condition"
keys Enter
expect "Sales on hold: readiness conditions open"
# a hold set by hand, with its reason
keys H
expect "Sales are on hold: lift the hold by hand?"
keys Enter
keys Enter
expect "Reason is empty"
keys -l "Marek agreed on the phone"
keys Enter
expect "Hold lifted by hand"
expect "Sales open: hold lifted by hand: Marek agreed on the phone"
# a condition added: the header still follows the hand-set state
keys +
expect "Add a readiness condition"
keys Enter
expect "What must change is empty"
keys -l "Next survey at 7 or more"
keys Enter
expect "[ ] Next survey at 7 or more  open"
keys Q
expect "[exit 0]"
echo ok

#!/bin/bash
# The pre-call routine: open an account, read its brief (DO NOT PITCH while
# on hold), log "no, on vacation, try again on a date" through the note
# form, find the note under Notes, and find it on the Agenda on that date.
. "$(dirname "$0")/lib.sh"
sample_db
start 200 60 -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
expect "Kestrel Scaffolding  Callum Byrne"
keys b
expect "pre-call brief"
expect "*** DO NOT PITCH ***"
expect "Marek signs off the rigger glove trial"
expect "Good time?   yes, asked on 2026-11-17"
keys N
expect "Log a note: is this a good time to talk?"
# nobody was asked yet: the answer starts as "not asked", and typing goes
# straight to the note's text
expect "Good time?  (not asked)"
keys -l "Away on leave until December; call back then."
expect "Note  Away on leave until December; call back then."
expect "Buyer  (no one in particular)"
keys Up Up Up Up           # kind, try again, good time, buyer
keys Right                 # buyer: the first contact
expect "◀ Daniel Hirst (decision maker) ▶"
keys Down n                # good time: no
expect "Reason"
keys Down                  # reason: vacation (the first)
expect "◀ vacation ▶"
keys Down
keys -l "2026-13-01"       # not a date: refused on save
keys Down Down
keys Enter
expect "is not a date"
keys Up Up
for i in 1 2 3 4 5 6 7 8 9 10; do keys BSpace; done
keys -l "2026-12-01"
keys C-s
expect "Note saved"
expect "good time: no (vacation)  try again on 2026-12-01"
expect "Good time?   no (vacation), asked on 2026-11-20; try again on 2026-12-01"
keys Escape
expect "Feedback ("
keys n
expect "precall  good time: no (vacation)  next contact 2026-12-01  with Daniel Hirst"
expect "Away on leave until December; call back then."
keys Q
expect "[exit 0]"

# on the day to try again, the agenda has it
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
start 200 60 ACCTPLAN_TODAY=2026-12-01 -- --db "$DB"
expect "Repair ◆"
keys 3
expect "acctplan · Agenda"
expect "Kestrel Scaffolding"
screen | grep "Kestrel Scaffolding" | grep -q "Try again" || fail "no try-again item for Kestrel"
screen | grep "Kestrel Scaffolding" | grep -q "Away on leave" || fail "the agenda item lacks the note"
keys G
keys Enter
expect "Feedback ("
keys Escape
expect "acctplan · Agenda"
# another owner, chosen on the board: the agenda is that owner's when it
# opens again (Kestrel is Callum Byrne's, the first owner; o twice is the
# second)
keys 1
expect "Repair ◆"
keys o
expect "Owner: Callum Byrne"
keys o
keys 3
expect "acctplan · Agenda"
screen | sed -n 2p | grep -q "(Callum Byrne)" && fail "the agenda is still Callum Byrne's"
screen | sed -n 2p | grep -q " due .*(" || fail "the agenda does not name its owner"
! screen | grep -q "Kestrel Scaffolding" || fail "the agenda still shows Kestrel after another owner was chosen"
keys 1
keys O
keys O
expect "Owner: everyone"
keys 3
expect "Kestrel Scaffolding"
# a note logged today clears the try-again: the agenda, shown before the
# note, has it no more when it opens again, with no key to reload it
open_account "Kestrel"
expect "Kestrel Scaffolding  Callum Byrne"
keys N
expect "Log a note"
keys -l "Rang Daniel: back from leave, call again after the audit."
keys C-s
expect "Note saved"
keys 3
expect "acctplan · Agenda"
expect "Try again 5"
! screen | grep -q "Kestrel Scaffolding" || fail "the try-again the note cleared is still on the agenda"
keys Q
expect "[exit 0]"
echo ok

#!/bin/bash
# The Plays view (6) and the Win-back view (7) at 80x24: every play go or
# WAIT with why; f steps all, go, wait; o filters by owner; what another
# program writes (a hold set by hand) shows by itself; Enter opens the
# account. A pitch logged from the note form on an account on hold is
# saved with a warning saying why. Win-back: the lost accounts by their
# next review, x drops one (U takes it back), the plan under the list.
. "$(dirname "$0")/lib.sh"
sample_db
start 80 24 -- --db "$DB"
expect "Repair ◆"
keys 6
expect "acctplan · Plays"
expect "Plays: every play"
expect "WAIT   Calder Steel Fabrication Cross-sell         hold: low advocacy"
expect "go     Eastmarsh Water"
expect "WAIT   Clarion Private Hospita… Upsell             not a good time: no (budge…"
expect "f go/wait"

# f: the plays that go, those that wait, every play again
keys f
expect "Plays: the plays that go"
expect "go     Eastmarsh Water"
expect_no "WAIT"
keys f
expect "Plays: the plays that wait"
expect "WAIT   Calder Steel"
screen | grep -E '^ go ' && fail "a play that goes is shown among those that wait"
keys f
expect "Plays: every play"

# o: one owner's plays (Callum Byrne first, by name)
keys o
expect "(Callum Byrne)"
expect "Tidewell Brewing"
expect_no "Calder Steel"
screen | grep "Tidewell Brewing" | grep -q "^ go " || fail "Tidewell's upsell should go"

# another program sets a hold by hand on Tidewell: the view follows the file
ACCTPLAN_TODAY=2026-11-20 "$ACCTPLAN" --db "$DB" plan Tidewell --hold "Legal review" >/dev/null 2>&1 ||
	fail "plan --hold failed"
expect "WAIT   Tidewell Brewing         Upsell             hold: set by hand: Legal r…"
screen | grep "Tidewell Brewing" | grep -q "WAIT" || fail "Tidewell's upsell should wait now"

# down to Tidewell, Enter opens it
row=$(screen | grep -n "^ WAIT   Tidewell" | cut -d: -f1)
[ -n "$row" ] || fail "no Tidewell row"
for i in $(seq 5 "$row"); do keys Down; done   # the rows start on line 4
keys Enter
expect "acctplan · Account"
expect "Tidewell Brewing"

# a pitch on the account, on hold by hand: saved, with the warning
keys N
expect "Log a note"
keys -l "Offered the winter range"
keys Up                    # the kind
for i in 1 2 3 4 5 6 7; do keys Right; done
expect "◀ pitch ▶"
keys C-s
expect "Pitch saved, but Tidewell Brewing is on hold (set by hand on 2026-11-20: Legal"
keys n
expect "pitch"

# the Win-back view
keys 7
expect "acctplan · Win-back"
# the owner filter is the console's: still Callum's
expect "1 lost account  1 to win back, every 90 days  (Callum Byrne)"
keys O
expect "4 lost accounts  4 to win back, every 90 days"
expect "Halden Foods         2026-05-20 2026-11-16 4 days late"
expect "Why lost    Lost the laundry and garment contract"
expect "Win-back    Uniserve's service has slipped"
# the why and the plan follow the selection
keys Down
expect "Why lost    Lost the 2026 tender on price"
keys Up
expect "Why lost    Lost the laundry and garment contract"
keys x
expect "Win-back dropped"
expect "3 to win back"
expect "dropped 2026-11-20"
keys U
expect "Undone: winback drop Halden Foods"
expect "4 to win back"
keys Enter
expect "acctplan · Account"
# the agenda, paged to its end: the win-back reviews due come last
keys 3
expect "acctplan · Agenda"
keys G
expect "Win-back review      Westcombe Rail S"
screen | grep -q "Win-back review      Halden Foods" || fail "Halden's review is not on the agenda"
keys 6
expect "Plays: every play"
keys Q
expect "[exit 0]"
echo ok

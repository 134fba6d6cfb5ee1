#!/bin/bash
# The board shows every quadrant with the sample's counts (acctplan board is
# the source of truth), at 80x24 and at 200x60, where each row names its owner.
. "$(dirname "$0")/lib.sh"
sample_db
for size in "80 24" "200 60"; do
	start $size -- --db "$DB"
	for q in "Repair" "Fix the basics" "Grow" "Protect" "No feedback"; do
		n=$("$ACCTPLAN" --db "$DB" board --format text | awk -v q="$q" '
			index($0, q) == 1 && $0 ~ /[0-9]/ { sub("^" q " *", ""); print $1; exit }')
		[ -n "$n" ] || fail "no count for $q from acctplan board"
		expect "$q"
		screen | grep -F -- "$q" | grep -qE "(^|[^0-9])$n · " || fail "$q: expected $n accounts"
	done
	expect "Brightwater U"
	# a wide board names each account's owner; a narrow one has no room
	# in the quadrants (the full-width no-feedback lane may have)
	if [ "${size% *}" -ge 160 ]; then
		screen | grep -E "Brightwater Utilities +Priya Raman" >/dev/null ||
			fail "wide board: no owner beside Brightwater Utilities"
	else
		screen | grep "Brightwater" | grep -q "Priya" && fail "narrow board: owner shown"
	fi
	# the scatter plot starts on the selected account, explains its glyphs,
	# moves with the arrows, follows the owner filter, and goes back
	keys s
	expect "advocacy (NPS)"
	expect "◆ Brightwater Utilities"
	expect "4 without feedback"
	expect "Accounts in a cell:"
	keys Right
	expect_no "◆ Brightwater Utilities"
	keys l
	keys k
	keys Left
	keys h
	keys j
	keys o
	expect "Owner: "
	owner=$(screen | head -1 | sed -n 's/.*Owner: \(.*[a-z]\)  *20[0-9-]* *$/\1/p')
	here=$(screen | grep -o "^ ◆ [A-Z].*" | tail -1 | sed 's/^ ◆ //; s/ and [0-9]* more here.*//; s/   .*//')
	[ -n "$owner" ] && [ -n "$here" ] || fail "no owner ($owner) or no account under the cursor ($here)"
	"$ACCTPLAN" --db "$DB" accounts --format csv | grep -F "$here" | grep -qF "$owner" ||
		fail "the cursor shows $here, not an account of $owner"
	keys Enter
	expect "Feedback ("
	expect "$here"
	keys Escape
	keys s
	expect "Repair ◆"
	keys Q
	expect "[exit 0]"
	tmux -L "$SOCK" kill-server
done

# a small terminal (80x16) and the smallest (50x14): every quadrant shows
# its top accounts, not just its header, and Enter opens the selected one
for size in "80 16" "50 14"; do
	start $size -- --db "$DB"
	expect "Repair ◆"
	for who in "Brightwater" "Severnside" "Coastline" "Northfleet" "Sandvoll"; do
		screen | grep -q "$who" || fail "$size: no $who on the board"
	done
	keys Enter
	expect "Feedback ("
	expect "Brightwater"
	keys Q
	expect "[exit 0]"
	tmux -L "$SOCK" kill-server
	sleep 0.3
done

# a hold set or lifted by hand shows on the board (H*, *), not an empty H
"$ACCTPLAN" --db "$DB" plan Brightwater --lift "Director agreed to a pilot" >/dev/null ||
	fail "plan --lift failed"
"$ACCTPLAN" --db "$DB" plan Northfleet --hold "Strike at their depot" >/dev/null ||
	fail "plan --hold failed"
start 200 60 -- --db "$DB"
expect "Repair ◆"
screen | grep "Brightwater Utilities" | grep -qE " \*( |$)" || fail "no mark for the lifted hold"
screen | grep "Northfleet" | grep -q "H\*" || fail "no mark for the hand-set hold"
keys Q
expect "[exit 0]"
echo ok

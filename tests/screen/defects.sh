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

# a queue longer than the rows fetched at a time (200): moving down it
# fetches the rows after the last one held, in the queue's order (the
# rows on screen around the 200th are the command line's, rank by rank),
# and End reaches its last row
"$ACCTPLAN" sample --accounts 3000 --seed 3 --out "$TMPD/q.db" >/dev/null 2>&1 || fail "sample"
"$ACCTPLAN" --db "$TMPD/q.db" defects WEAR --format csv >"$TMPD/queue.csv" || fail "defects WEAR"
total=$(($(wc -l <"$TMPD/queue.csv") - 1))
[ "$total" -gt 250 ] || fail "the WEAR queue has only $total rows"
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
start 80 24 -- --db "$TMPD/q.db"
expect "Repair ◆"
keys 4
expect "Defects ranked by impact"
keys Enter
expect "Follow-up queue of WEAR"
for i in 1 2 3 4 5 6 7 8 9 10; do keys PageDown; done
expect " 200 "
checked=0
while read -r rank name; do
	want=$(awk -F, -v r="$rank" '$1 == r { print $3 }' "$TMPD/queue.csv")
	case "$want" in "${name%…}"*) checked=$((checked + 1)) ;;
	*) fail "row $rank shows $name, the queue has $want" ;; esac
done < <(screen | sed -n 's/^   *\([0-9][0-9]*\) \([^ ].\{0,11\}\).*/\1 \2/p' | sed 's/ *$//')
[ "$checked" -gt 15 ] || fail "only $checked rows checked"
keys End
expect " $total "
keys Q
expect "[exit 0]"
echo ok

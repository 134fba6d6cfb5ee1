#!/bin/bash
# The defect catalogue in the console: a defect added in the Defects view
# (a) is listed and can be changed (e); a response of an account is tagged
# with it in the Feedback tab (t), which the feedback row and the command
# line's ranking then show; a problem's defect is set in the Problems tab
# (T); and the response's tag is removed again (u).
. "$(dirname "$0")/lib.sh"
sample_db
start 200 60 -- --db "$DB"
expect "Repair ◆"
keys D
expect "Defects ranked by impact"
expect "a add a defect  e edit"
keys "?"
expect "add a defect to the catalogue"
expect "change the selected defect's title or category"
keys Escape
expect "Defects ranked by impact"
keys a
expect "Add a defect to the catalogue"
keys -l "NEW-CODE"
keys Enter
keys -l "Delivery notes missing from pallets"
keys Enter
keys s
keys Enter
expect "Defect NEW-CODE added to the catalogue"
expect "Delivery notes missing from pallets"
screen | grep "NEW-CODE" | grep -q "service" || fail "NEW-CODE is not listed as a service defect"
# a code that exists already is refused, and the form stays open
keys a
expect "Add a defect to the catalogue"
keys -l "NEW-CODE"
keys Enter
keys -l "Again"
keys C-s
expect "already in the catalogue"
keys Escape
# change the selected one: its category
keys e
expect "Change a defect"
expect "Defect NEW-CODE"
keys Enter
keys Left
expect "◀ price ▶"
keys Enter
expect "Defect NEW-CODE changed"
screen | grep "NEW-CODE" | grep -q "price" || fail "NEW-CODE did not become a price defect"

# tag Morag Sinclair's response at Glenmorrow Dairies with it
open_account "Glenmorrow"
expect "Glenmorrow Dairies  Priya Raman"
expect "t tag a defect"
screen | grep "Morag Sinclair" | head -1 | grep -q "NEW-CODE" && fail "Morag's response is tagged already"
keys t
expect "Tag a response with a defect"
expect "Morag Sinclair 4 (OVERDUE"
keys Enter
keys N
expect "NEW-CODE: Delivery notes missing from pallets (price)"
keys C-s
expect "Response tagged with NEW-CODE"
screen | grep "Morag Sinclair" | head -1 | grep -q "defects: .*NEW-CODE" ||
	fail "the feedback row of Morag's response does not show NEW-CODE"

# the command line reads the same database
"$ACCTPLAN" --db "$DB" defects --format json > "$TMPD/defects.json" || fail "acctplan defects failed"
python3 - "$TMPD/defects.json" <<'PY' || fail "acctplan defects does not rank NEW-CODE with a frequency"
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc if isinstance(doc, list) else next(v for v in doc.values() if isinstance(v, list))
d = [r for r in rows if r["code"] == "NEW-CODE"]
assert d and d[0]["frequency"] > 0 and d[0]["category"] == "price", d
PY

# the problem's defect, in the Problems tab
keys p
expect "Problems (1)"
expect "a move a problem along  T its defect"
keys T
expect "Set or clear the defect of a problem"
keys Enter
keys N
expect "NEW-CODE: Delivery notes missing from pallets (price)"
keys C-s
expect "The problem's defect is set"
expect "defect NEW-CODE"

# and the response's tag removed
keys f
keys u
expect "Remove a defect tag from a response"
expect "from 2026-11-16 Morag Sinclair"
keys N
expect "NEW-CODE from 2026-11-16 Morag Sinclair"
keys C-s
expect "Tag NEW-CODE removed from the response"
screen | grep "Morag Sinclair" | head -1 | grep -q "NEW-CODE" && fail "Morag's response is still tagged"
keys Q
expect "[exit 0]"
echo ok

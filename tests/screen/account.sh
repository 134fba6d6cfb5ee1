#!/bin/bash
# Open an account from the board, read its feedback history, go through
# every tab and back.
. "$(dirname "$0")/lib.sh"
sample_db
start 200 60 -- --db "$DB"
expect "Brightwater Utilities"
keys Enter
expect "Feedback (27)"
expect "We've paid for 600 jackets"
expect "detractor Neil Fairbairn (decision maker)"
# the "more" mark has a row of its own, never drawn over the text
expect "more lines"
screen | grep "more lines" | grep -qE '^ +↓ [0-9]+ more lines$' || fail "the more mark shares its row"
keys Tab
expect "Approach:"
keys Tab
expect "open → root cause → fixing → resolved → reported back"
expect_no "root_cause"
keys Tab
expect "followup  with"
keys Tab
expect "Readiness conditions"
keys Tab
expect "We've paid for 600 jackets"
keys End
keys Escape
expect "Repair ◆"
keys Q
expect "[exit 0]"
echo ok

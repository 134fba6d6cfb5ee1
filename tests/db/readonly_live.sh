#!/bin/bash
# A read-only book open in the console sees what another program commits
# while it is open (issue 12, item 5): the sqlite3 shell, through the same
# file made writable for a moment, records a promoter for an account with
# no feedback; after a reload (R) the board counts it out of the
# no-feedback lane, and `acctplan show` on the read-only file lists the
# response. Quitting leaves the other program's log beside the file, for
# its next writer.
#
#   bash tests/db/readonly_live.sh ACCTPLAN
. "$(dirname "$0")/../screen/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3 shell"; exit 77; }
sample_db
mkdir "$TMPD/ro"
cp "$DB" "$TMPD/ro/a.db"
DB=$TMPD/ro/a.db
chmod 0444 "$DB"

lane() { # the board's count for a quadrant
	"$ACCTPLAN" --db "$DB" board --format text |
		awk -v q="$1" 'index($0, q) == 1 && $0 ~ /[0-9]/ { sub("^" q " *", ""); print $1; exit }'
}
n0=$(lane "No feedback")
[ -n "$n0" ] && [ "$n0" -gt 0 ] || fail "no accounts without feedback in the sample"
# an active account without a response in the window
ACC=$(sqlite3 "$DB" "SELECT a.id FROM accounts a WHERE a.status = 'active' AND NOT EXISTS
	(SELECT 1 FROM feedback f WHERE f.account_id = a.id
	 AND f.responded_on > date('$ACCTPLAN_TODAY', '-365 days')) ORDER BY a.name LIMIT 1")
[ -n "$ACC" ] || fail "no active account without feedback in the sample"
NAME=$(sqlite3 "$DB" "SELECT name FROM accounts WHERE id = $ACC")

start 100 30 -- --db "$DB"
expect "READ-ONLY"
expect "No feedback"
screen | grep -F "No feedback" | grep -qE "(^|[^0-9])$n0 · " || fail "expected $n0 without feedback"

# another program writes through the file made writable for a moment
chmod 0644 "$DB"
sqlite3 -cmd ".timeout 5000" "$DB" "INSERT INTO feedback(id, account_id, contact_id,
	responded_on, score, comment, source) VALUES (9191, $ACC, NULL, '2026-11-19', 10,
	'live from the shell', 'shell')" || fail "the sqlite3 shell could not write"
chmod 0444 "$DB"

keys R
expect "$((n0 - 1)) · "
screen | grep -F "No feedback" | grep -qE "(^|[^0-9])$((n0 - 1)) · " ||
	fail "expected $((n0 - 1)) without feedback after the reload"
"$ACCTPLAN" --db "$DB" show "$NAME" >"$TMPD/show" 2>&1 || fail "show failed: $(cat "$TMPD/show")"
grep -q "live from the shell" "$TMPD/show" || fail "show does not list the new response"
keys q
expect "[exit 0]"
tmux -L "$SOCK" kill-server
# the other program's commit is still only in its log: kept for the file
[ -s "$DB-wal" ] || fail "the log holding the other program's commit is gone"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM feedback WHERE id = 9191")" = 1 ] ||
	fail "the response is not in the book"
echo ok

#!/bin/bash
# The defect ranking and a defect's follow-up queue, read from the figures
# the cache keeps (defect_cache, defect_account), follow what another
# program writes (DESIGN §2): the sqlite3 shell inserts a tagged response,
# tags and untags responses, opens, closes and moves a problem, deletes a
# response without foreign keys, deletes a defect and a contact. After
# each change the ranking's figures and the queues equal what the shell
# counts from the core tables. So do a read-only copy's, a later today's,
# those of a file release 0.1.0 wrote (migrated as it opens), and on a
# 12,000-account book the long queues that come down the rank index.
#
#   bash tests/db/defects.sh ACCTPLAN [V1-FIXTURE]
set -u
# the shell waits for a lock like acctplan does, instead of failing at once
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }

A=${1:?usage: defects.sh ACCTPLAN [V1-FIXTURE]}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
FIXTURE=${2:-$(dirname "$0")/../fixtures/v1-sample.db}
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP no sqlite3 shell"
	exit 77
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-defects.XXXXXX")
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB
mkdir -p "$HOME"

# the schema version this build writes: one numbered migration per step
LATEST=$(ls "$(dirname "$0")"/../../src/db/schema/[0-9][0-9][0-9]-*.sql | wc -l)
pass=0
failed=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -n "${2:-}" ] && [ -s "$2" ] && sed 's/^/#   /' "$2" | head -20
}
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }
sq() { sqlite3 -bail "$DB" "PRAGMA foreign_keys = ON; $1"; }
# a defect's column of `defects --format csv`: responses, accounts, open_problems
col() {
	"$A" --db "$DB" defects --format csv |
		awk -F, -v code="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
			$2 == code { print $h[c] }'
}
# The window's first and last days, as the shell computes them.
window() {
	FIRST=$(sqlite3 :memory: "SELECT date('$ACCTPLAN_TODAY', '-364 days')")
	LAST=$ACCTPLAN_TODAY
}
# same NAME CODES...: the ranking's figures (responses in the window, per
# defect its responses, their score sum, accounts and open problems) and
# the queues of CODES (account, citations, last one, open problem, in
# priority order) equal what the shell counts from the core tables
same() {
	local name=$1 code id
	shift
	window
	: >"$T/got"
	: >"$T/want"
	"$A" --db "$DB" defects --format csv >"$T/csv" 2>&1 || { not_ok "$name: defects" "$T/csv"; return; }
	"$A" --db "$DB" defects | sed -n 's/.*: \([0-9]*\) responses$/total \1/p' >>"$T/got"
	sqlite3 "$DB" "SELECT 'total ' || count(*) FROM feedback
		WHERE responded_on BETWEEN '$FIRST' AND '$LAST'" >>"$T/want"
	awk -F, 'NR > 1 { print $2, $(NF-2), $(NF-1), $NF }' "$T/csv" | sort >>"$T/got"
	sqlite3 -separator ' ' "$DB" "SELECT d.code, count(f.id), count(DISTINCT f.account_id),
		(SELECT count(*) FROM problems p WHERE p.defect_id = d.id AND p.status <> 'reported_back')
		FROM defects d LEFT JOIN feedback_defects fd ON fd.defect_id = d.id
		LEFT JOIN feedback f ON f.id = fd.feedback_id AND f.responded_on BETWEEN '$FIRST' AND '$LAST'
		GROUP BY d.id" | sort >>"$T/want"
	sqlite3 -separator ' ' "$DB" "SELECT 'sum', d.code, c.tagged_sum FROM defects d
		JOIN defect_cache c ON c.defect_id = d.id WHERE c.tagged > 0
		UNION ALL SELECT 'sum', '', tagged_sum FROM defect_cache WHERE defect_id = 0" |
		sort >>"$T/got"
	sqlite3 -separator ' ' "$DB" "SELECT 'sum', d.code, total(f.score) FROM defects d
		JOIN feedback_defects fd ON fd.defect_id = d.id
		JOIN feedback f ON f.id = fd.feedback_id AND f.responded_on BETWEEN '$FIRST' AND '$LAST'
		GROUP BY d.id
		UNION ALL SELECT 'sum', '', total(score) FROM feedback
		WHERE responded_on BETWEEN '$FIRST' AND '$LAST'" | sort >>"$T/want"
	for code in "$@"; do
		id=$(sqlite3 "$DB" "SELECT id FROM defects WHERE code = '$code'")
		echo "queue $code" >>"$T/got"
		echo "queue $code" >>"$T/want"
		"$A" --db "$DB" defects "$code" --format csv |
			awk -F, 'NR > 1 { print $2, $(NF-3), $(NF-2), $(NF-1) }' >>"$T/got"
		sqlite3 -separator ' ' "$DB" "SELECT a.id, count(*), max(f.responded_on), coalesce(op.id, '')
			FROM feedback_defects fd JOIN feedback f ON f.id = fd.feedback_id
			JOIN accounts a ON a.id = f.account_id
			JOIN account_cache c ON c.account_id = a.id
			LEFT JOIN problems op ON op.id = (SELECT p.id FROM problems p
			  WHERE p.account_id = a.id AND p.defect_id = $id AND p.status <> 'reported_back'
			  ORDER BY p.opened_on DESC, p.id LIMIT 1)
			WHERE fd.defect_id = $id AND f.responded_on BETWEEN '$FIRST' AND '$LAST'
			GROUP BY a.id ORDER BY a.status <> 'active', c.rank_group, c.rank_value DESC,
			a.name COLLATE NOCASE, a.id" >>"$T/want"
	done
	if grep -q "^CLAIMS-DELAY " "$T/want" && diff "$T/want" "$T/got" >"$T/diff"; then
		ok "$name"
	else
		not_ok "$name" "$T/diff"
	fi
}
# in_queue CODE ID: the account is in the defect's follow-up queue
in_queue() { "$A" --db "$DB" defects "$1" --format csv | cut -d, -f2 | grep -qx "$2"; }

DB=$T/book.db
"$A" sample --out "$DB" >/dev/null 2>&1 || { echo "not ok - sample"; exit 1; }
check "the file keeps the defect figures" \
	'[ "$(sqlite3 "$DB" "SELECT count(*) FROM defect_cache WHERE defect_id = 0")" = 1 ]'
same "sample: ranking and queues as counted" CLAIMS-DELAY ORDER-PORTAL

DP=$(sqlite3 "$DB" "SELECT id FROM defects WHERE code = 'ORDER-PORTAL'")
# an active account that has never cited ORDER-PORTAL
ACC=$(sqlite3 "$DB" "SELECT id FROM accounts WHERE status = 'active' AND id NOT IN
	(SELECT f.account_id FROM feedback f JOIN feedback_defects fd ON fd.feedback_id = f.id
	 WHERE fd.defect_id = $DP) ORDER BY name LIMIT 1")
r0=$(col ORDER-PORTAL responses)
a0=$(col ORDER-PORTAL accounts)
check "ORDER-PORTAL has figures ($r0 responses, $a0 accounts)" '[ -n "$r0" ] && [ -n "$a0" ]'
check "the account $ACC is not in ORDER-PORTAL's queue" '! in_queue ORDER-PORTAL "$ACC"'

# another program records a detractor response tagged ORDER-PORTAL
sq "INSERT INTO feedback(id, account_id, contact_id, responded_on, score, comment, source, external_ref)
    VALUES (7070, $ACC, NULL, '2026-11-19', 2, 'portal keeps timing out', 'shell', NULL);
    INSERT INTO feedback_defects(feedback_id, defect_id) VALUES (7070, $DP);"
check "a tagged response from the shell counts: $r0 -> $((r0 + 1)) responses" \
	'[ "$(col ORDER-PORTAL responses)" = $((r0 + 1)) ]'
check "... and one more account" '[ "$(col ORDER-PORTAL accounts)" = $((a0 + 1)) ]'
check "... and its account joins the queue" 'in_queue ORDER-PORTAL "$ACC"'
check "the window's total follows: as many responses as the shell counts" \
	'"$A" --db "$DB" defects | grep -q ": $(sqlite3 "$DB" "SELECT count(*) FROM feedback
		WHERE responded_on BETWEEN '"'2025-11-21'"' AND '"'2026-11-20'"'") responses"'
same "after the insert: ranking and queues as counted" ORDER-PORTAL CLAIMS-DELAY

# the shell tags an older response of the same account, then takes a tag off
sq "INSERT INTO feedback(id, account_id, contact_id, responded_on, score, comment, source, external_ref)
    VALUES (7071, $ACC, NULL, '2026-06-01', 6, 'portal again', 'shell', NULL);"
sq "INSERT INTO feedback_defects(feedback_id, defect_id) VALUES (7071, $DP);"
check "tagging an existing response counts: $((r0 + 2)) responses" \
	'[ "$(col ORDER-PORTAL responses)" = $((r0 + 2)) ]'
sq "DELETE FROM feedback_defects WHERE feedback_id = 7070 AND defect_id = $DP;"
check "deleting a tag counts: $((r0 + 1)) responses" \
	'[ "$(col ORDER-PORTAL responses)" = $((r0 + 1)) ]'
check "... the account still cites it once" \
	'"$A" --db "$DB" defects ORDER-PORTAL --format csv | grep -q "^[0-9]*,$ACC,.*,1,2026-06-01,"'
sq "DELETE FROM feedback_defects WHERE feedback_id = 7071;"
check "deleting its last tag: back to $r0 responses" '[ "$(col ORDER-PORTAL responses)" = "$r0" ]'
check "... and $a0 accounts" '[ "$(col ORDER-PORTAL accounts)" = "$a0" ]'
check "... and the account leaves the queue" '! in_queue ORDER-PORTAL "$ACC"'
same "after the tags: ranking and queues as counted" ORDER-PORTAL CLAIMS-DELAY

# a tag on CLAIMS-DELAY, the top defect, from a response of a promoter
DC=$(sqlite3 "$DB" "SELECT id FROM defects WHERE code = 'CLAIMS-DELAY'")
sq "INSERT INTO feedback_defects(feedback_id, defect_id)
    SELECT id, $DC FROM feedback WHERE responded_on >= '2026-01-01' AND score >= 9
      AND id NOT IN (SELECT feedback_id FROM feedback_defects WHERE defect_id = $DC)
    ORDER BY id LIMIT 3;"
same "three more CLAIMS-DELAY tags: ranking and queues as counted" CLAIMS-DELAY

# problems: the open ones count, the reported-back ones do not
DH=$(sqlite3 "$DB" "SELECT id FROM defects WHERE code = 'HIVIS-FADE'")
p0=$(col HIVIS-FADE open_problems)
sq "INSERT INTO problems(id, account_id, defect_id, title, category, status, opened_on)
    VALUES (8080, $ACC, $DH, 'faded vests', 'product', 'open', '2026-11-18');"
check "a problem opened in the shell counts: $((p0 + 1)) open" \
	'[ "$(col HIVIS-FADE open_problems)" = $((p0 + 1)) ]'
sq "UPDATE problems SET status = 'reported_back', reported_on = '2026-11-20' WHERE id = 8080;"
check "reported back, it no longer counts: $p0 open" '[ "$(col HIVIS-FADE open_problems)" = "$p0" ]'
sq "UPDATE problems SET status = 'fixing', defect_id = $DP WHERE id = 8080;"
check "moved to ORDER-PORTAL and reopened, it counts there" \
	'[ "$(col ORDER-PORTAL open_problems)" = "$(sqlite3 "$DB" "SELECT count(*) FROM problems
		WHERE defect_id = $DP AND status <> '"'reported_back'"'")" ]'
same "after the problems: ranking as counted" ORDER-PORTAL

# a program without foreign keys deletes a tagged response: its tags stay
# behind, pointing at nothing, and count for nothing
FT=$(sqlite3 "$DB" "SELECT f.id FROM feedback f JOIN feedback_defects fd ON fd.feedback_id = f.id
	WHERE fd.defect_id = $DC AND f.responded_on >= '2026-01-01' ORDER BY f.id LIMIT 1")
sqlite3 -bail "$DB" "DELETE FROM feedback WHERE id = $FT;"
same "a tagged response deleted without foreign keys: ranking as counted" CLAIMS-DELAY

# deleting a defect (cascading to its tags, and setting its problems'
# defect to NULL, which runs their triggers under the cascade's ABORT)
check "the shell deletes a defect with foreign keys on" \
	'sq "DELETE FROM defects WHERE code = '"'LATE-DELIVERY'"';" 2>"$T/err"' "$T/err"
check "a deleted defect leaves the ranking" \
	'! "$A" --db "$DB" defects --format csv | grep -q LATE-DELIVERY'
same "after deleting a defect: ranking as counted" CLAIMS-DELAY
# and a new one starts at nothing
sq "INSERT INTO defects(id, code, title, category) VALUES (9090, 'NEW-ONE', 'A new defect', 'service');"
check "a defect added in the shell ranks with no responses" '[ "$(col NEW-ONE responses)" = 0 ]'

# deleting a contact sets its responses' contact to NULL the same way
check "the shell deletes a contact who answered twice, with foreign keys on" \
	'sq "DELETE FROM contacts WHERE id = (SELECT contact_id FROM feedback
		WHERE contact_id IS NOT NULL GROUP BY contact_id HAVING count(*) > 1 LIMIT 1);" 2>"$T/err"' "$T/err"
same "after deleting a contact: ranking and queues as counted" CLAIMS-DELAY

# the same answers from a read-only copy (temp tables) and a later today
sqlite3 "$DB" ".backup '$T/ro.db'"
chmod 0444 "$T/ro.db"
"$A" --db "$DB" defects >"$T/want" 2>&1
"$A" --db "$T/ro.db" defects >"$T/got" 2>&1
check "a read-only copy ranks the same" 'diff "$T/want" "$T/got" >"$T/diff"' "$T/diff"
# a file release 0.1.0 wrote (schema 1, quadrants stored as numbers) is
# migrated when opened, and ranks as counted from the start
cp "$FIXTURE" "$T/v1.db"
DB=$T/v1.db same "a file 0.1.0 wrote, migrated: ranking and queues as counted" CLAIMS-DELAY ORDER-PORTAL
check "... its figures are kept in the file now, at a new book's schema version" \
	'[ "$(sqlite3 "$T/v1.db" "PRAGMA user_version; SELECT count(*) FROM defect_cache WHERE defect_id = 0")" = "$(sqlite3 "$T/book.db" "PRAGMA user_version")
1" ]'
ACCTPLAN_TODAY=2027-03-01 same "today moves on: ranking and queues as counted" CLAIMS-DELAY ORDER-PORTAL

# a longer book, where a queue of more than 1,000 accounts comes first
# down the rank index and then from the sorted queue
DB=$T/big.db
"$A" sample --accounts 12000 --seed 3 --out "$DB" >/dev/null 2>&1 || not_ok "sample --accounts 12000"
check "SIZING is cited by more than 1,000 accounts" '[ "$(col SIZING accounts)" -gt 1000 ]'
same "12,000 accounts: ranking and long queues as counted" SIZING NO-CONTACT
sq "UPDATE accounts SET status = 'lost' WHERE id IN (SELECT account_id FROM defect_account
    WHERE defect_id = (SELECT id FROM defects WHERE code = 'SIZING') ORDER BY account_id LIMIT 50);"
same "... 50 of its accounts lost (last in the queue): as counted" SIZING

echo "1..$((pass + failed))"
echo "# defects: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

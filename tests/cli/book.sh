#!/bin/bash
# Keeping the book true by hand (issue 9): account, contact, response and
# undo, from an empty file and on the sample book; short ids; every bad
# value refused with one line and nothing written (the file's rows
# compared before and after); the edit history and updated_at.
#
#   bash tests/cli/book.sh ACCTPLAN
set -u

A=${1:?usage: book.sh ACCTPLAN}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-book.XXXXXX")
trap 'rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB NO_COLOR COLUMNS LINES
mkdir -p "$HOME"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP no sqlite3 shell"
	exit 77
fi

DB=$T/book.db
export ACCTPLAN_DB="$DB"
# every table people edit, and the history
DIGEST_TABLES="accounts contacts feedback defects feedback_defects problems notes conditions edits"
. "$(dirname "$0")/../lib/tap.sh"

# the rows as people see them: every table people edit, less updated_at
rows() {
	python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for t in ("accounts", "contacts", "feedback", "feedback_defects", "problems",
          "notes", "conditions", "snapshots"):
    cols = [r[1] for r in db.execute("PRAGMA table_info(%s)" % t) if r[1] != "updated_at"]
    for row in db.execute("SELECT %s FROM %s ORDER BY 1, 2" % (", ".join(cols), t)):
        print(t, repr(row))
PY
}

# ---- a book from an empty file, by the command line alone ------------------
run add-first 0 account add "Zenith Labs" --owner "Priya Raman" --segment Labs --fit good \
	--revenue 120000 --wallet 400000
check "account add: says so, with a short id" grep -Eq '^account Zenith Labs added \(id [0-9a-z]{4,13}\)$' "$T/add-first.out"
check "account add: the file is acctplan's, schema with the history" \
	test "$(sqlite3 "$DB" "SELECT count(*) FROM edits WHERE tbl = 'accounts' AND op = 'insert'")" = 1
run board0 0 board --format json
json board0 "assert [a for a in d if a['name'] == 'Zenith Labs' and a['quadrant'] == 'no_feedback']" \
	"no response yet: the no-feedback lane"
run contact-add 0 contact add zenith "Ana Ruiz" --role decision_maker --title CTO --email ana@zen.example
check "contact add: says so" grep -Eq '^buyer Ana Ruiz added \(id [0-9a-z]{4,13}\)$' "$T/contact-add.out"
run response-add 0 response add zenith --score 9 --contact ana --on yesterday "Great support"
check "response add: yesterday is a date" grep -q ' 9 on 2026-11-19$' "$T/response-add.out"
run board1 0 board --format json
json board1 "assert [a for a in d if a['name'] == 'Zenith Labs' and a['quadrant'] == 'grow']" \
	"a promoter and a 30% share: the board moves it to grow"
run wallet 0 account set zenith --wallet 200000
run board2 0 board --format json
json board2 "z = [a for a in d if a['name'] == 'Zenith Labs'][0]
assert z['quadrant'] == 'protect' and abs(z['share'] - 0.6) < 1e-9, z" \
	"a smaller wallet: share 60%, protect"
run show-json 0 show zenith --format json
json show-json "assert d['feedback'][0]['id'].isdigit() and d['contacts'][0]['id'].isdigit()
assert d['wallet'] == 200000 and d['fit'] == 'good' and d['segment'] == 'Labs'" \
	"show json: whole ids as strings, the values set"
run show-text 0 show zenith
SHORT_R=$(awk '/^Feedback/ { getline; getline; print $1; exit }' "$T/show-text.out")
SHORT_C=$(awk '/^Buyers/ { getline; getline; print $1; exit }' "$T/show-text.out")
check "show: the response's short id ($SHORT_R)" bash -c '[[ "$1" =~ ^[0-9a-z]{4,13}$ ]]' _ "$SHORT_R"
run contact-set 0 contact set "$SHORT_C" --title "Chief Technology Officer" --phone "+1 555 0100"
check "contact set by short id" test "$(sqlite3 "$DB" "SELECT title || '|' || phone FROM contacts")" = "Chief Technology Officer|+1 555 0100"
run contact-set-prefix 0 contact set "${SHORT_C:0:4}" --email ""
check "contact set by a 4-character prefix; an empty --email clears it" \
	test "$(sqlite3 "$DB" "SELECT email IS NULL FROM contacts")" = 1

# ---- won, lost ----------------------------------------------------------------
run won 0 account won zenith --on 2026-11-18
check "won: won_on kept, the account active" test "$(sqlite3 "$DB" "SELECT won_on || ' ' || status FROM accounts")" = "2026-11-18 active"
run agenda-won 0 agenda --days 30 --format json
json agenda-won "assert [o for o in d if o['kind'] == 'checkin' and o['due'] == '2026-11-25']" \
	"won: the +7 check-in falls due on the agenda"
run lost 0 account lost zenith --to "Acme Corp" --reason "price" --plan "quarterly visit" --on today
run show-lost 0 show zenith --format json
json show-lost "assert d['status'] == 'lost' and d['lost_to'] == 'Acme Corp' and d['lost_reason'] == 'price' and d['winback_plan'] == 'quarterly visit'" \
	"lost: status lost with the win-back plan"
check "lost: the day kept" test "$(sqlite3 "$DB" "SELECT lost_on FROM accounts")" = 2026-11-20

# ---- undo ---------------------------------------------------------------------
run undo1 0 undo
check "undo says what it took back" grep -qx 'undo: took back "account lost zenith --to "Acme Corp" --reason price --plan "quarterly visit" --on today"' "$T/undo1.out"
check "... the account is active again" test "$(sqlite3 "$DB" "SELECT status || '|' || coalesce(lost_to, '-') FROM accounts")" = "active|-"
run undo2 0 undo
check "a second undo takes back the one before" grep -q 'took back "account won zenith' "$T/undo2.out"
check "... won_on is gone" test "$(sqlite3 "$DB" "SELECT won_on IS NULL FROM accounts")" = 1
run undo3 0 undo
run undo4 0 undo
check "... and the one before" grep -q 'took back "contact set' "$T/undo4.out"
check "... the title back as it was" test "$(sqlite3 "$DB" "SELECT title FROM contacts")" = CTO
run undo5 0 undo
check "undo the wallet: back to 400000" test "$(sqlite3 "$DB" "SELECT wallet FROM accounts")" = 400000
run board3 0 board --format json
json board3 "assert [a for a in d if a['name'] == 'Zenith Labs' and a['quadrant'] == 'grow']" \
	"undone: the board puts it back in grow"
check "undone changes stay in the history, marked" \
	test "$(sqlite3 "$DB" "SELECT count(DISTINCT change_id) FROM edits WHERE undone = 1")" = 5

# refused: another program recorded a response for the buyer the change added
run undo-response 0 undo
check "undo response add: gone" test "$(sqlite3 "$DB" "SELECT count(*) FROM feedback")" = 0
sqlite3 "$DB" "INSERT INTO feedback(id, account_id, contact_id, responded_on, score)
	SELECT 77, account_id, id, '2026-11-01', 3 FROM contacts"
bad undo-dependent 1 undo
check "... says why: a response depends on the buyer" grep -q 'cannot take back "contact add zenith "Ana Ruiz".*responses made since depend on it' "$T/undo-dependent.err"
sqlite3 "$DB" "DELETE FROM feedback WHERE id = 77"
run undo-contact 0 undo
check "with the response gone, the buyer can be taken back" test "$(sqlite3 "$DB" "SELECT count(*) FROM contacts")" = 0

# refused: another program changed the row since
run wallet2 0 account set zenith --wallet 500000
sqlite3 "$DB" "UPDATE accounts SET wallet = 510000"
bad undo-changed 1 undo
check "... says another program changed it" grep -q 'another program changed it since' "$T/undo-changed.err"
check "another program's write gets a fresh updated_at" \
	test "$(sqlite3 "$DB" "SELECT updated_at <> '2026-11-20 00:00:00' AND length(updated_at) = 19 FROM accounts")" = 1
sqlite3 "$DB" "UPDATE accounts SET wallet = 500000"
run undo-wallet2 0 undo
check "... put back, undo goes through" test "$(sqlite3 "$DB" "SELECT wallet FROM accounts")" = 400000

# refused: a later change touched the same row (the later one made by a
# program whose change is kept but not local)
run wallet3 0 account set zenith --revenue 130000
sqlite3 "$DB" "INSERT INTO edits(id, seq, change_id, origin, tbl, row_id, op, old, new, summary)
	SELECT 5, (SELECT max(seq) + 1 FROM edits), 6, 'sync', 'accounts', id, 'update', '{}', '{}',
	'a teammate set the owner' FROM accounts"
bad undo-later 1 undo
check "... names the later change" grep -q '"a teammate set the owner" changed it since' "$T/undo-later.err"
sqlite3 "$DB" "DELETE FROM edits WHERE id = 5"

# ---- delete, and undo brings all of it back -----------------------------------------
"$A" sample --out "$T/sample.db" >/dev/null 2>&1 || { echo "Bail out! sample failed"; exit 1; }
DB=$T/sample.db
export ACCTPLAN_DB="$DB"
rows >"$T/rows.before"
run del-no-yes 2 account delete calder
run del 0 account delete calder --yes
check "account delete: the account and all it had are gone" \
	test "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM accounts WHERE name LIKE 'Calder%') + (SELECT count(*) FROM feedback f WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = f.account_id))")" = 0
run undo-del 0 undo
rows >"$T/rows.after"
check "undo of a delete brings back every row as it was" diff "$T/rows.before" "$T/rows.after"
run show-back 0 show calder
check "... show reads it as before" grep -q "Quadrant       Repair" "$T/show-back.out"
run show-ids 0 show calder --format json
json show-ids "assert all(o['id'].isdigit() for k in ('feedback', 'contacts', 'problems', 'notes', 'conditions') for o in d[k])
assert d['notes'] and d['problems'] and d['conditions']" \
	"show json: the ids of its responses, buyers, problems, notes and conditions"

R=$(sqlite3 "$DB" "SELECT f.id FROM feedback f JOIN accounts a ON a.id = f.account_id
	WHERE a.name LIKE 'Calder%' AND EXISTS (SELECT 1 FROM notes n WHERE n.feedback_id = f.id) LIMIT 1")
C=$(sqlite3 "$DB" "SELECT c.id FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE a.name LIKE 'Calder%' AND c.name LIKE 'Tomasz%'")
run resp-del 0 response delete "$R" --yes
check "response delete: gone, its follow-up note unlinked" \
	test "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM feedback WHERE id = $R) + (SELECT count(*) FROM notes WHERE feedback_id = $R)")" = 0
run contact-del 0 contact delete "$C" --yes
check "contact delete: their responses stay, anonymous" \
	test "$(sqlite3 "$DB" "SELECT count(*) > 0 FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE a.name LIKE 'Calder%' AND f.contact_id IS NULL")" = 1
run undo-c 0 undo
run undo-r 0 undo
rows >"$T/rows.after2"
check "undo twice: buyer, response and their links back" diff "$T/rows.before" "$T/rows.after2"

# the writes of the commands before this issue are in the history too
run note 0 note calder "Called about the claims"
run undo-note 0 undo
check "undo takes back a note" grep -q 'took back "note calder "Called about the claims""' "$T/undo-note.out"
check "... the note is gone" test "$(sqlite3 "$DB" "SELECT count(*) FROM notes WHERE body = 'Called about the claims'")" = 0
P=$(sqlite3 "$DB" "SELECT id FROM problems WHERE status = 'fixing' LIMIT 1")
run move 0 problem move "$P" resolved
run undo-move 0 undo
check "undo takes back a problem move" test "$(sqlite3 "$DB" "SELECT status || coalesce(resolved_on, '') FROM problems WHERE id = $P")" = fixing
bad nothing 1 undo
check "nothing left: says so" grep -qx 'acctplan: nothing to undo' "$T/nothing.err"

# ---- short ids ----------------------------------------------------------------
run accounts 0 accounts
SHORT_A=$(awk 'NR == 2 { print $1 }' "$T/accounts.out")
NAME_A=$(awk -F'  +' 'NR == 2 { print $2 }' "$T/accounts.out")
run show-short 0 show "$SHORT_A"
check "show takes the short id accounts prints ($SHORT_A: $NAME_A)" grep -qx "$NAME_A" <(head -1 "$T/show-short.out")
run accounts-csv 0 accounts --format csv
check "csv: the whole id and the short one" bash -c 'head -1 "$1" | grep -q "^id,short,name," && sed -n 2p "$1" | grep -Eq "^[0-9]{10,19},[0-9a-z]{4,13},"' _ "$T/accounts-csv.out"
run accounts-json 0 accounts --format json
json accounts-json "assert all(set(o) >= {'id'} and 'short' not in o and o['id'].isdigit() for o in d)" \
	"json: the whole id, as a string"
check "short ids are unique in their table" bash -c 'awk "NR > 1 { print \$1 }" "$1" | sort | uniq -d | grep -q . && exit 1 || exit 0' _ "$T/accounts.out"
bad short-unknown 1 contact set zzzzzzz --title x
check "... an unknown short id: no buyer with that id" grep -q 'no buyer with id "zzzzzzz"' "$T/short-unknown.err"
bad short-syntax 2 contact set 'ab!' --title x
bad short-too-short 2 response delete abc --yes

# ---- bad values: exit 2, one line, nothing written ------------------------------
bad add-empty 2 account add ""
bad add-blank 2 account add "   "
bad add-neg-revenue 2 account add "New Co" --revenue -5
check "... says it cannot be negative" grep -q 'cannot be negative' "$T/add-neg-revenue.err"
bad add-neg-wallet 2 account add "New Co" --wallet -1
bad add-bad-money 2 account add "New Co" --revenue lots
bad add-huge 2 account add "New Co" --revenue 9999999999999999
bad add-fit 2 account add "New Co" --fit great
check "... names the values" grep -q 'good, poor, unknown' "$T/add-fit.err"
bad add-status 2 account add "New Co" --status lost
bad add-dup 1 account add "calder steel fabrication"
check "... a name already in the book" grep -q 'already in the book' "$T/add-dup.err"
bad set-nothing 2 account set calder
bad set-empty-name 2 account set calder --name ""
bad won-future 2 account won calder --on +3
bad won-bad-date 2 account won calder --on 2026-02-30
bad lost-no-to 2 account lost calder --reason price
bad lost-empty-reason 2 account lost calder --to Acme --reason ""
bad contact-empty 2 contact add calder ""
bad contact-role 2 contact add calder "New Buyer" --role boss
bad contact-dup 1 contact add calder "hannah oduya"
bad response-11 2 response add calder --score 11
bad response-neg 2 response add calder --score -1
bad response-x 2 response add calder --score x
bad response-frac 2 response add calder --score 7.5
bad response-date 2 response add calder --score 7 --on 2026-13-01
bad response-future 2 response add calder --score 7 --on tomorrow
bad response-no-score 2 response add calder
bad response-buyer 1 response add calder --score 7 --contact "Nobody Here"
bad response-del-no-yes 2 response delete "$R"
bad contact-del-no-yes 2 contact delete "$C"
bad unknown-account 1 account set "No Such Co" --owner x
sqlite3 "$DB" "UPDATE accounts SET name = 'Evil'||char(27)||'[2J One' WHERE name LIKE 'Brightwater%';
	UPDATE accounts SET name = 'Evil'||char(7)||' Two' WHERE name LIKE 'Stanwick%';"
bad ambiguous 1 account set evil --owner x
check "a name two accounts match: both listed, escaped" \
	bash -c 'grep -q "Evil^\[\[2J One" "$1" && grep -q "Evil^G Two" "$1" && ! grep -q $'"'"'\x1b'"'"' "$1"' _ "$T/ambiguous.err"

# ---- read-only ------------------------------------------------------------------
cp "$DB" "$T/ro.db"
chmod 0444 "$T/ro.db"
if [ "$(id -u)" != 0 ]; then
	bad readonly 1 --db "$T/ro.db" account add "New Co"
	bad readonly-undo 1 --db "$T/ro.db" undo
fi

tap_done book

#!/bin/bash
# acctplan import and export, on the export files of tests/import/fixtures/
# (our own csv, HubSpot, Salesforce, Qualtrics, SurveyMonkey: with a byte
# order mark, CRLF, ';' and tab separators, quoted newlines, bad rows),
# with today pinned to 2026-11-20.
#
#   bash tests/import/run.sh ACCTPLAN FIXTURES_DIR
#
# Checked: each layout recognised and read into the right fields; a second
# import of the same file creates nothing; every bad row named FILE:LINE:
# reason (header rows and quoted newlines counted) and nothing imported
# without --skip-bad; --dry-run and every refused command leave the book
# as it was (a digest of every core row, before and after); --format json
# is the one object of the issue; a kill -9 inside the import's
# transaction leaves the book as before, one right after the commit as
# after; a CRM's plays read from its own export and from export plays (the
# rules' plays skipped, the CRM's ids kept); export book then import book
# into a new file gives the same core tables, referrals and plays, ids
# included (sqlite3 dumps compared), and a book of version 1 still reads; csv cells a spreadsheet
# would run come out neutralised and go back in as they were; a write to a
# book that is not there makes it, a read does not.
set -u

A=${1:?usage: run.sh ACCTPLAN FIXTURES_DIR}
F=${2:?usage: run.sh ACCTPLAN FIXTURES_DIR}
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-import.XXXXXX")
trap 'rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB NO_COLOR COLUMNS LINES ACCTPLAN_TEST_KILL_AFTER_COMMIT \
	ACCTPLAN_TEST_KILL_AFTER_ROWS
mkdir -p "$HOME"

DIGEST_TABLES="accounts contacts feedback defects feedback_defects problems notes conditions referrals plays"
. "$(dirname "$0")/../lib/tap.sh"

# bad NAME STATUS DB ARGS...: refused with one stderr line, nothing on
# stdout, nothing written to DB.
bad() {
	local name=$1 want=$2 db=$3 before after
	shift 3
	before=$(digest "$db")
	run "$name" "$want" --db "$db" "$@"
	after=$(digest "$db")
	if [ "$(wc -l <"$T/$name.err")" -eq 1 ] && grep -q '^acctplan: ' "$T/$name.err" &&
		[ ! -s "$T/$name.out" ]; then
		ok "$name: one line: $(cat "$T/$name.err")"
	else
		not_ok "$name: expected one stderr line and no stdout" "$T/$name.err" "$T/$name.out"
	fi
	if [ "$before" = "$after" ]; then ok "$name: nothing written"; else not_ok "$name: the book changed"; fi
}

# sql DB QUERY: one value.
sql() { sqlite3 "$1" "$2"; }

# counts NAME "N new, N updated, N unchanged, N skipped, N bad"
counts() {
	if grep -q "): $2\$" "$T/$1.out"; then ok "$1: $2"; else not_ok "$1: expected \"$2\"" "$T/$1.out" "$T/$1.err"; fi
}

DB=$T/book.db

# ---- a write to a book that is not there makes it; a read does not ----------
run read-missing 1 --db "$T/nothing.db" board
check "a read of a missing book: one line naming it, with the way to start one" \
	bash -c "[ \$(wc -l <'$T/read-missing.err') -eq 1 ] &&
		grep -q 'nothing.db: no such file.*import' '$T/read-missing.err'"
check "... and no file made" test ! -e "$T/nothing.db"
run note-missing 1 --db "$T/note.db" note Nobody "a note for no account"
check "a write that fails on a new book leaves no file behind" test ! -e "$T/note.db"
check "... nor its -wal or -shm" bash -c "! ls '$T'/note.db* 2>/dev/null | grep -q ."
run defect-new 0 --db "$T/defect.db" defect add LATE --title "Late deliveries" --category service
check "any write makes the book it is given: the defect is in it" \
	test "$(sql "$T/defect.db" "SELECT code FROM defects")" = LATE
run bad-new 1 --db "$T/bad-new.db" import responses "$F/csv-bad-responses.csv"
check "an import with bad rows into a new book leaves no file behind" \
	bash -c "! ls '$T'/bad-new.db* 2>/dev/null | grep -q ."

# ---- HubSpot companies: byte order mark, CRLF, money, a new book -------------
run hs-accounts 0 --db "$DB" import accounts "$F/hubspot-companies.csv"
counts hs-accounts "4 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "the import made the book, mode 0600" test "$(stat -c %a "$DB")" = 600
check "recognised as hubspot" grep -q "(hubspot)" "$T/hs-accounts.out"
check "\$1,250,000.00 is 1250000, owner and segment read, no wallet without a map" \
	test "$(sql "$DB" "SELECT revenue, owner, segment, coalesce(wallet, 'unknown') FROM accounts
		WHERE external_ref = '9001'")" = "1250000|Priya Raman|Manufacturing|unknown"
check "a name with a comma, in quotes" \
	test "$(sql "$DB" "SELECT name FROM accounts WHERE external_ref = '9002'")" = "Northgate Distribution, Ltd"
check "UTF-8 names, the first column read past the byte order mark" \
	test "$(sql "$DB" "SELECT name FROM accounts WHERE external_ref = '9004'")" = "Østfold Maskin AS"
check "an empty revenue is 0 for a new account" \
	test "$(sql "$DB" "SELECT revenue FROM accounts WHERE external_ref = '9004'")" = 0
run hs-accounts-again 0 --db "$DB" import accounts "$F/hubspot-companies.csv"
counts hs-accounts-again "0 new, 0 updated, 4 unchanged, 0 skipped, 0 bad"

# --map: a custom field as the wallet; a dry run says so and writes nothing
before=$(digest "$DB")
run hs-map-dry 0 --db "$DB" import accounts "$F/hubspot-companies.csv" --map "$F/map-wallet.yaml" --dry-run
counts hs-map-dry "0 new, 3 updated, 1 unchanged, 0 skipped, 0 bad"
check "dry run: says so, and names the columns it reads" \
	bash -c "grep -q '^dry run, nothing written' '$T/hs-map-dry.out' &&
		grep -q 'wallet <- \"Estimated category spend\"' '$T/hs-map-dry.out'"
check "dry run: nothing written" test "$before" = "$(digest "$DB")"
run hs-map 0 --db "$DB" import accounts "$F/hubspot-companies.csv" --map "$F/map-wallet.yaml"
counts hs-map "0 new, 3 updated, 1 unchanged, 0 skipped, 0 bad"
check "the wallet from the mapped column; an empty one is unknown" \
	test "$(sql "$DB" "SELECT group_concat(coalesce(wallet, 'unknown'), ' ') FROM
		(SELECT wallet FROM accounts ORDER BY external_ref)")" = "3000000 unknown 150000 400000"

# ---- HubSpot contacts: buying roles, the company by its record id ------------
run hs-contacts 0 --db "$DB" import contacts "$F/hubspot-contacts.csv"
counts hs-contacts "7 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "buying roles: decision maker, end user, budget holder first, champion, blocker, sponsor, other" \
	test "$(sql "$DB" "SELECT group_concat(role, ' ') FROM (SELECT role FROM contacts ORDER BY external_ref)")" = \
	"decision_maker user decision_maker influencer influencer decision_maker other"
check "a contact's company: the first of its companies, by record id" \
	test "$(sql "$DB" "SELECT a.external_ref FROM contacts c JOIN accounts a ON a.id = c.account_id
		WHERE c.external_ref = '5004'")" = 9002
check "a buyer's name from first and last" \
	test "$(sql "$DB" "SELECT name FROM contacts WHERE external_ref = '5006'")" = "Lars Østby"
run hs-contacts-again 0 --db "$DB" import contacts "$F/hubspot-contacts.csv"
counts hs-contacts-again "0 new, 0 updated, 7 unchanged, 0 skipped, 0 bad"

# ---- Salesforce: ';' with a quoted newline, then tabs; accounts by name -------
run sf-accounts 0 --db "$DB" import accounts "$F/salesforce-accounts.csv"
counts sf-accounts "2 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "';' sniffed, 1.250.000,00 € is 1250000" \
	test "$(sql "$DB" "SELECT revenue, owner FROM accounts WHERE external_ref = '001A000001'")" = "1250000|Callum Byrne"
run sf-contacts 0 --db "$DB" import contacts "$F/salesforce-contacts.csv"
counts sf-contacts "2 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "tabs sniffed; the account named in any case" \
	test "$(sql "$DB" "SELECT a.name FROM contacts c JOIN accounts a ON a.id = c.account_id
		WHERE c.email = 'dariusz@pennant.example'")" = "Pennant Civil Engineering"

# ---- Qualtrics: three header rows, previews, spam, unfinished ----------------
before=$(digest "$DB")
run qx-nomap 1 --db "$DB" import responses "$F/qualtrics-responses.csv"
check "an anonymous response without its account: named by its line, nothing imported" \
	bash -c "grep -qx 'qualtrics-responses.csv:10: no account for this response.*' <(sed 's|^.*/||' '$T/qx-nomap.err') &&
		tail -1 '$T/qx-nomap.err' | grep -q '^acctplan: 1 bad row.*nothing imported'"
check "... and the book is as it was" test "$before" = "$(digest "$DB")"
run qx 0 --db "$DB" import responses "$F/qualtrics-responses.csv" --map "$F/map-account.yaml"
counts qx "3 new, 0 updated, 0 unchanged, 3 skipped, 0 bad"
check "the score beside Q1_NPS_GROUP, RecordedDate, the buyer by RecipientEmail, ResponseId" \
	test "$(sql "$DB" "SELECT f.score, f.responded_on, c.name, f.source FROM feedback f
		JOIN contacts c ON c.id = f.contact_id WHERE f.external_ref = 'R_2fHk1'")" = \
	"9|2026-11-18|Hannah Oduya|qualtrics"
check "the comment (QID2_TEXT) with its newline" \
	test "$(sql "$DB" "SELECT comment FROM feedback WHERE external_ref = 'R_2fHk1'")" = \
	"$(printf 'Quick to answer.\nDeliveries are better since the summer.')"
check "the embedded AccountRef names the account of an anonymous response" \
	test "$(sql "$DB" "SELECT a.name, f.contact_id IS NULL FROM feedback f JOIN accounts a
		ON a.id = f.account_id WHERE f.external_ref = 'R_anon7'")" = "Brightwater Care Homes|1"
check "previews, spam and unfinished responses are not in the book" \
	test "$(sql "$DB" "SELECT count(*) FROM feedback WHERE external_ref IN ('R_preview', 'R_spam', 'R_unfinished')")" = 0
run qx-again 0 --db "$DB" import responses "$F/qualtrics-responses.csv" --map "$F/map-account.yaml" --format json
check "qualtrics again, as json: nothing new" json qx-again "
assert list(d) == ['kind', 'new', 'updated', 'unchanged', 'skipped', 'bad'], list(d)
assert d == {'kind': 'responses', 'new': 0, 'updated': 0, 'unchanged': 3, 'skipped': 3, 'bad': []}, d
"

# ---- SurveyMonkey: two header rows, labelled scores, US dates -----------------
run sm 0 --db "$DB" import responses "$F/surveymonkey-responses.csv"
counts sm "3 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "\"10 - Extremely likely\" is 10 and \"0 - Not at all likely\" 0; 11/18/2026 2:14:09 PM" \
	test "$(sql "$DB" "SELECT group_concat(score || ' ' || responded_on, ', ') FROM
		(SELECT score, responded_on FROM feedback WHERE source = 'surveymonkey' ORDER BY external_ref)")" = \
	"10 2026-11-18, 0 2026-11-17, 7 2026-11-16"
check "the buyer by Email Address in any case; the open-ended answer is the comment" \
	test "$(sql "$DB" "SELECT c.name, f.comment FROM feedback f JOIN contacts c ON c.id = f.contact_id
		WHERE f.external_ref = '114250000002'")" = "Lars Østby|Late again, and again"
run sm-again 0 --db "$DB" import responses "$F/surveymonkey-responses.csv"
counts sm-again "0 new, 0 updated, 3 unchanged, 0 skipped, 0 bad"

# derived data follows at once: Calder's promoter puts it on the board
run board 0 --db "$DB" board --format json
check "the standings follow the import (Calder: one promoter, NPS 100)" \
	test "$(sql "$DB" "SELECT c.nps FROM account_cache c JOIN accounts a ON a.id = c.account_id
		WHERE a.external_ref = '9001'")" = "100.0"

# ---- a CRM's plays: its task export, aliases, matched again ------------------
run crm-plays-dry 0 --db "$DB" import plays "$F/crm-plays.csv" --dry-run
counts crm-plays-dry "5 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "plays dry run: the CRM's columns by their names" \
	bash -c "grep -q 'external_ref <- \"Activity ID\"' '$T/crm-plays-dry.out' &&
		grep -q 'account_ref <- \"Account ID\"' '$T/crm-plays-dry.out' &&
		grep -q 'play <- \"Subject\"' '$T/crm-plays-dry.out' &&
		grep -q 'due <- \"Due Date\"' '$T/crm-plays-dry.out'"
check "... and no play written" test "$(sql "$DB" "SELECT count(*) FROM plays")" = 0
run crm-plays 0 --db "$DB" import plays "$F/crm-plays.csv"
counts crm-plays "5 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "a play: its account by the CRM's account id, a US due date, source crm" \
	test "$(sql "$DB" "SELECT a.name, p.play, p.due, p.source FROM plays p JOIN accounts a
		ON a.id = p.account_id WHERE p.external_ref = '00T0001'")" = \
	"Calder Steel Fabrication|Renewal call before Q1 pricing|2026-12-01|crm"
check "an empty account id: the account by its name in any case" \
	test "$(sql "$DB" "SELECT a.external_ref FROM plays p JOIN accounts a ON a.id = p.account_id
		WHERE p.external_ref = '00T0002'")" = 9002
check "an empty due is none; a play without the CRM's id has none" \
	test "$(sql "$DB" "SELECT (SELECT due IS NULL FROM plays WHERE external_ref = '00T0003'),
		(SELECT external_ref IS NULL FROM plays WHERE play = 'Send the new catalogue')")" = "1|1"
ids_before=$(sql "$DB" "SELECT group_concat(id) FROM (SELECT id FROM plays ORDER BY id)")
run crm-plays-again 0 --db "$DB" import plays "$F/crm-plays.csv"
counts crm-plays-again "0 new, 0 updated, 5 unchanged, 0 skipped, 0 bad"
sed 's|^00T0001,\(.*\),12/01/2026,|00T0001,\1,12/15/2026,|' "$F/crm-plays.csv" >"$T/crm-plays-moved.csv"
run crm-plays-moved 0 --db "$DB" import plays "$T/crm-plays-moved.csv"
counts crm-plays-moved "0 new, 1 updated, 4 unchanged, 0 skipped, 0 bad"
check "a due date moved in the CRM moves the play, the same row" \
	test "$(sql "$DB" "SELECT due FROM plays WHERE external_ref = '00T0001'")|$(sql "$DB" \
		"SELECT group_concat(id) FROM (SELECT id FROM plays ORDER BY id)")" = "2026-12-15|$ids_before"
before=$(digest "$DB")
run crm-plays-bad 1 --db "$DB" import plays "$F/crm-plays-bad.csv"
cat >"$T/crm-plays-bad.want" <<'EOF2'
crm-plays-bad.csv:3: no account matches "No Such Company"
crm-plays-bad.csv:4: play is empty: a play needs a name
crm-plays-bad.csv:5: due "2026-02-30": not a day of the calendar (or a year before 1900)
acctplan: 3 bad rows in crm-plays-bad.csv: nothing imported (fix them, or --skip-bad to import the others)
EOF2
check "bad plays: an unknown account, no play, no such day, each by its line" \
	diff "$T/crm-plays-bad.want" <(sed "s|$F/||g" "$T/crm-plays-bad.err")
check "... and nothing imported, not even the good row" test "$before" = "$(digest "$DB")"
printf 'Account Name,Owner\nCalder Steel Fabrication,Priya\n' >"$T/no-play.csv"
bad plays-no-column 1 "$DB" import plays "$T/no-play.csv"
check "a file without a play column says which columns a play needs" \
	grep -q "^acctplan: $T/no-play.csv:1: the header fits no layout of plays (csv needs a \"play\" column" \
	"$T/plays-no-column.err"
bad plays-from-hubspot 2 "$DB" import plays "$F/crm-plays.csv" --from hubspot
run plays-list 0 --db "$DB" plays --format json
check "acctplan plays lists the CRM's plays, gated, with the CRM's ids" json plays-list "
crm = sorted(p['external_ref'] or '' for p in d if p['kind'] == 'crm')
assert crm == ['', '00T0001', '00T0002', '00T0003', '00T0004'], crm
assert all(p['status'] in ('go', 'wait') for p in d)
"
# export plays, read back: the rules' plays skipped and counted, the CRM's
# unchanged; into a book without them, the CRM's own ids come back
run exp-plays 0 --db "$DB" export plays
rules=$(python3 -c "import csv,sys; print(sum(r['kind'] != 'crm' for r in csv.DictReader(open(sys.argv[1]))))" "$T/exp-plays.out")
check "export plays has plays of the rules too ($rules)" test "$rules" -gt 0
run exp-plays-back 0 --db "$DB" import plays "$T/exp-plays.out"
counts exp-plays-back "0 new, 0 updated, 5 unchanged, $rules skipped, 0 bad"
cp "$DB" "$T/replay.db"
sqlite3 "$T/replay.db" "DELETE FROM plays"
run exp-plays-new 0 --db "$T/replay.db" import plays "$T/exp-plays.out"
counts exp-plays-new "5 new, 0 updated, 0 unchanged, $rules skipped, 0 bad"
plays_of() { sql "$1" "SELECT account_id, source, play, due, external_ref FROM plays ORDER BY play"; }
check "export plays | import plays: the CRM's ids, accounts, names and due days" \
	diff <(plays_of "$DB") <(plays_of "$T/replay.db")

# ---- bad rows: each named by its line; nothing, or with --skip-bad the rest --
before=$(digest "$DB")
run bad-rows 1 --db "$DB" import responses "$F/csv-bad-responses.csv"
sed 's|^.*/||' "$T/bad-rows.err" >"$T/bad-rows.lines"
cat >"$T/bad-rows.want" <<'EOF'
csv-bad-responses.csv:3: score "11": a score is a whole number from 0 to 10
csv-bad-responses.csv:4: responded_on "2026-13-45": not a day of the calendar (or a year before 1900)
csv-bad-responses.csv:5: no account matches "No Such Company"
csv-bad-responses.csv:8: 4 columns where the header has 5
csv-bad-responses.csv:9: text after a closing quote (a quote inside a quoted field is written "")
csv-bad-responses.csv:10: a quote opened here is never closed (the rest of the file is inside it)
acctplan: 6 bad rows in csv-bad-responses.csv: nothing imported (fix them, or --skip-bad to import the others)
EOF
check "every bad row named FILE:LINE: reason, lines as an editor counts them" \
	diff "$T/bad-rows.want" <(sed "s|$F/||" "$T/bad-rows.err")
check "... and nothing imported" test "$before" = "$(digest "$DB")"
counts bad-rows "2 new, 0 updated, 0 unchanged, 0 skipped, 6 bad"
run bad-rows-json 1 --db "$DB" import responses "$F/csv-bad-responses.csv" --format json
check "bad rows in the json object, and one line on stderr" json bad-rows-json "
assert [b['line'] for b in d['bad']] == [3, 4, 5, 8, 9, 10], d['bad']
assert d['new'] == 2 and d['kind'] == 'responses'
assert 'a score is a whole number' in d['bad'][0]['reason']
"
check "... one line on stderr" test "$(wc -l <"$T/bad-rows-json.err")" -eq 1
run bad-rows-dry 1 --db "$DB" import responses "$F/csv-bad-responses.csv" --dry-run
check "a dry run with bad rows: names them too, writes nothing" \
	bash -c "[ \$(grep -c 'csv-bad-responses.csv:[0-9]*: ' '$T/bad-rows-dry.err') -eq 6 ] && [ '$before' = '$(digest "$DB")' ]"
run skip-bad 0 --db "$DB" import responses "$F/csv-bad-responses.csv" --skip-bad
counts skip-bad "2 new, 0 updated, 0 unchanged, 0 skipped, 6 bad"
check "--skip-bad: the good rows are in, the one over two lines whole" \
	test "$(sql "$DB" "SELECT count(*) FROM feedback WHERE comment IN ('fine', 'a comment
over two lines')")" = 2
run skip-bad-again 0 --db "$DB" import responses "$F/csv-bad-responses.csv" --skip-bad
counts skip-bad-again "0 new, 0 updated, 2 unchanged, 0 skipped, 6 bad"

# invalid UTF-8 in a field, named by its line
printf 'name,owner\nGood Ltd,Ann\nBad \xe9 Ltd,Bob\n' >"$T/latin1.csv"
run latin1 1 --db "$DB" import accounts "$T/latin1.csv"
check "invalid UTF-8: the line and the column, and save as UTF-8" \
	grep -q 'latin1.csv:3: name is not valid UTF-8' "$T/latin1.err"

# ---- refused: one line, exit 2 for a usage error, 1 for the file -------------
bad unknown-kind 2 "$DB" import invoices "$F/hubspot-contacts.csv"
bad from-wrong 2 "$DB" import accounts "$F/hubspot-companies.csv" --from qualtrics
bad no-file 1 "$DB" import accounts "$T/no-such.csv"
bad a-directory 1 "$DB" import accounts "$T"
printf 'columns:\n  walet: "Estimated category spend"\n' >"$T/typo.yaml"
bad map-typo 2 "$DB" import accounts "$F/hubspot-companies.csv" --map "$T/typo.yaml"
check "a map's unknown field: its file, line and column" grep -q 'typo.yaml:2:3: no field "walet"' "$T/map-typo.err"
printf 'columns: [wallet]\n' >"$T/shape.yaml"
bad map-shape 2 "$DB" import accounts "$F/hubspot-companies.csv" --map "$T/shape.yaml"
printf 'columns:\n  wallet: "No Such Header"\n' >"$T/nohdr.yaml"
bad map-no-header 1 "$DB" import accounts "$F/hubspot-companies.csv" --map "$T/nohdr.yaml"
printf 'Foo,Bar\n1,2\n' >"$T/foreign.csv"
bad no-layout 1 "$DB" import accounts "$T/foreign.csv"
check "a header that fits no layout says which, and how to map it" \
	grep -q -- "^acctplan: $T/foreign.csv:1: the header fits no layout of accounts (csv needs.*--map" "$T/no-layout.err"
printf '\xff\xfen\x00a\x00m\x00e\x00\n\x00' >"$T/utf16.csv"
bad utf16 1 "$DB" import accounts "$T/utf16.csv"
: >"$T/empty.csv"
bad empty 1 "$DB" import accounts "$T/empty.csv"
bad book-from 2 "$DB" import book "$F/hubspot-companies.csv" --from csv
bad book-not-yaml 1 "$DB" import book "$F/hubspot-companies.csv"
bad export-book-csv 2 "$DB" export book --format csv
bad export-text 2 "$DB" export accounts --format text

# a dry run into a book that is not there: no file
run dry-missing 0 --db "$T/dry.db" import accounts "$F/hubspot-companies.csv" --dry-run
counts dry-missing "4 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "a dry run makes no book" test ! -e "$T/dry.db"

# standard input
"$A" --db "$DB" import accounts - <"$F/hubspot-companies.csv" >"$T/stdin.out" 2>"$T/stdin.err"
check "import from standard input: exit 0" test $? -eq 0
counts stdin "0 new, 0 updated, 4 unchanged, 0 skipped, 0 bad"

# ---- a kill inside the transaction, and right after the commit ----------------
cp "$DB" "$T/kill.db"
before=$(digest "$T/kill.db")
ACCTPLAN_TEST_KILL_AFTER_ROWS=2 "$A" --db "$T/kill.db" import contacts - \
	>/dev/null 2>&1 <<'EOF'
name,account,email
Killed One,9001,k1@calder.example
Killed Two,9001,k2@calder.example
Killed Three,9001,k3@calder.example
EOF
rc=$?
check "killed after 2 rows inside the transaction (status 137)" test "$rc" -eq 137
check "... the book is as before" test "$before" = "$(digest "$T/kill.db")"
check "... and sound" test "$(sql "$T/kill.db" "PRAGMA integrity_check")" = ok
ACCTPLAN_TEST_KILL_AFTER_COMMIT=1 "$A" --db "$T/kill.db" import contacts - \
	>/dev/null 2>&1 <<'EOF'
name,account,email
Kept One,9001,k1@calder.example
Kept Two,9001,k2@calder.example
EOF
rc=$?
check "killed right after the commit (status 137)" test "$rc" -eq 137
check "... every row is there" \
	test "$(sql "$T/kill.db" "SELECT count(*) FROM contacts WHERE name LIKE 'Kept %'")" = 2

# ---- a bulk import records its responses for the next sync -----------------
# A file of 50,000 responses or more into a book without any goes in bulk
# once its first rows have told its size (importer.c, BULK_MIN_ROWS): the trigger that records each new
# response for the sync is dropped for the rest, and what it would have
# written is written before the commit. A response the same file then
# changes keeps the values it had when first written, as the triggers in
# their order would have it.
cat >"$T/sync-acc.csv" <<'EOF2'
name,owner,revenue,wallet
Synced Acme,ann,100,1000
Synced Beta,bob,50,500
EOF2
{
	echo "account,external_ref,responded_on,score,comment"
	awk 'BEGIN { for (i = 1; i <= 50100; i++) print "Synced Beta,f" i ",2026-10-01,7," }'
	echo "Synced Acme,r1,2026-11-01,9,great"
	echo "Synced Acme,r1,2026-11-01,3,changed my mind"
	echo "Synced Beta,r3,2026-11-03,10,"
} >"$T/sync-resp.csv"
run sync-acc 0 --db "$T/sync.db" import accounts "$T/sync-acc.csv"
run sync-resp 0 --db "$T/sync.db" import responses "$T/sync-resp.csv"
counts sync-resp "50102 new, 1 updated, 0 unchanged, 0 skipped, 0 bad"
check "each new response is recorded for the sync, the changed one with its first values" \
	test "$(sql "$T/sync.db" "SELECT (SELECT count(*) FROM sync_old_feedback WHERE sync_ins = 1),
		(SELECT group_concat(x, ' ') FROM (SELECT f.external_ref || ':' ||
		coalesce(s.score, '-') || ':' || coalesce(s.comment, '-') || ':' || s.sync_ins ||
		s.sync_pre AS x FROM sync_old_feedback s JOIN feedback f ON f.id = s.id
		WHERE f.external_ref LIKE 'r%' ORDER BY 1))")" = "50102|r1:9:great:11 r3:-:-:10"
check "... and the triggers are all back" \
	test "$(sql "$T/sync.db" "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name IN ('feedback_ins', 'feedback_sync_ins')")" = 2

# ---- export ------------------------------------------------------------------
S=$T/sample.db
"$A" sample --out "$S" >/dev/null 2>&1 || not_ok "sample"
run exp-accounts 0 --db "$S" export accounts
check "export accounts: csv by default, our columns" \
	test "$(head -1 "$T/exp-accounts.out")" = "id,external_ref,name,owner,segment,fit,status,revenue,wallet"
check "... every account" test "$(($(wc -l <"$T/exp-accounts.out") - 1))" = "$(sql "$S" "SELECT count(*) FROM accounts")"
for k in contacts responses notes problems conditions; do
	run "exp-$k-json" 0 --db "$S" export "$k" --format json
	check "export $k --format json: every row, ids as strings" json "exp-$k-json" "
import sqlite3
n = sqlite3.connect('$S').execute('SELECT count(*) FROM %s' % {'responses': 'feedback'}.get('$k', '$k')).fetchone()[0]
assert len(d) == n, (len(d), n)
for o in d:
    assert isinstance(o['id'], str) and o['id'].isdigit(), o
    assert o['account'] is None or isinstance(o['account'], str), o
"
done
check "on a pipe, export writes nothing on stderr" test ! -s "$T/exp-responses-json.err"
# on a terminal (script(1), a pty) a progress line on stderr, taken away
# before the end; the rows still go to stdout alone
if command -v script >/dev/null; then
	script -qec "$(printf '%q ' "$A" --db "$S" export responses) >$(printf '%q' "$T/tty-export.csv")" /dev/null </dev/null |
		tr '\r' '\n' >"$T/tty-export.err"
	check "on a terminal, export shows what it is writing" grep -Eq "^exporting responses  [0-9,]+" "$T/tty-export.err"
	check "... and stdout holds the rows alone" \
		test "$(($(wc -l <"$T/tty-export.csv") - 1))" = "$(sql "$S" "SELECT count(*) FROM feedback")"
	script -qec "$(printf '%q ' "$A" --db "$S" export plays) >/dev/null" /dev/null </dev/null |
		tr '\r' '\n' >"$T/tty-plays.err"
	check "export plays too" grep -Eq "^working out the plays  [0-9,]+" "$T/tty-plays.err"
	# rows on the terminal itself show the work: no line drawn over them
	script -qec "$(printf '%q ' "$A" --db "$S" export accounts)" /dev/null </dev/null >"$T/tty-rows.out"
	check "with the rows on the terminal, no progress line among them" \
		bash -c '! grep -q "exporting" "$1" && grep -q "^id,external_ref,name" "$1"' _ "$T/tty-rows.out"
fi
# a name a spreadsheet would run, and one that merely starts with an apostrophe
ID=$(sql "$S" "SELECT id FROM accounts ORDER BY id LIMIT 1")
ID2=$(sql "$S" "SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET 1")
sqlite3 "$S" "UPDATE accounts SET name = '=HYPERLINK(\"http://x\")' WHERE id = $ID;
	UPDATE accounts SET name = '''=1+1', owner = '@admin' WHERE id = $ID2"
run exp-formula 0 --db "$S" export accounts
check "cells a spreadsheet would run get an apostrophe" \
	bash -c "grep -q \"^$ID,,\\\"'=HYPERLINK\" '$T/exp-formula.out' && grep -q \"^$ID2,,\\\"''=1+1\\\",\\\"'@admin\\\",\" '$T/exp-formula.out'"
cp "$S" "$T/edit.db"
run reimport-formula 0 --db "$T/edit.db" import accounts "$T/exp-formula.out"
counts reimport-formula "0 new, 0 updated, $(sql "$S" "SELECT count(*) FROM accounts") unchanged, 0 skipped, 0 bad"
for k in contacts responses; do
	"$A" --db "$S" export "$k" >"$T/exp-$k.csv" 2>/dev/null
	run "reimport-$k" 0 --db "$T/edit.db" import "$k" "$T/exp-$k.csv"
	counts "reimport-$k" "0 new, 0 updated, $(sql "$S" "SELECT count(*) FROM $([ $k = responses ] && echo feedback || echo $k)") unchanged, 0 skipped, 0 bad"
done
# an edit in the spreadsheet goes back in; our own columns stay
sed -i "s/^\($ID2,,[^,]*,[^,]*,[^,]*,\)unknown,/\1good,/; s/^\($ID2,,[^,]*,[^,]*,[^,]*,\)good,/\1good,/" "$T/exp-formula.out"
sqlite3 "$T/edit.db" "UPDATE accounts SET hold_manual = 'set', hold_reason = 'by hand' WHERE id = $ID2"
python3 - "$T/exp-formula.out" "$ID2" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
for r in rows:
    if r[0] == sys.argv[2]:
        r[7] = '999'
csv.writer(open(sys.argv[1], 'w', newline='')).writerows(rows)
PY
run reimport-edit 0 --db "$T/edit.db" import accounts "$T/exp-formula.out"
check "an edited row is updated; its hold, set by hand, stays" \
	test "$(sql "$T/edit.db" "SELECT revenue, hold_manual, hold_reason FROM accounts WHERE id = $ID2")" = "999|set|by hand"

# ---- the round trip: export book, import book into a new file ----------------
dump() {
	local t
	for t in accounts contacts feedback defects feedback_defects problems notes conditions \
		referrals plays; do
		echo "-- $t"
		sqlite3 -cmd ".mode quote" "$1" "SELECT * FROM $t ORDER BY 1, 2"
	done
}
sqlite3 "$S" "UPDATE accounts SET wallet = NULL, owner = '' WHERE id = $ID;
	UPDATE contacts SET email = NULL WHERE id = (SELECT min(id) FROM contacts);
	UPDATE contacts SET phone = '' WHERE id = (SELECT max(id) FROM contacts);
	UPDATE feedback SET comment = '  spaces, \"quotes\", ~, null, 42, yes: and a
second line' WHERE id = (SELECT min(id) FROM feedback)"
# a referral, a CRM's play and a dropped win-back go along
"$A" --db "$S" referral add "Brightwater Util" --contact Yasmin --to "Dockside Logistics" \
	--outcome met >/dev/null 2>&1 || not_ok "referral add"
"$A" --db "$S" winback drop Westcombe --on 2026-11-02 >/dev/null 2>&1 || not_ok "winback drop"
printf 'account,play,due,external_ref,source\nHalden Foods,Audit follow-up,2026-12-04,T-77,Salesforce\n' |
	"$A" --db "$S" import plays - >/dev/null 2>&1 || not_ok "import plays"
check "the sample has a referral, a CRM play and a dropped win-back to carry" \
	test "$(sql "$S" "SELECT (SELECT count(*) FROM referrals), (SELECT count(*) FROM plays),
		(SELECT count(*) FROM accounts WHERE winback_dropped_on IS NOT NULL)")" = "1|1|1"
run exp-book 0 --db "$S" export book
check "export book: yaml by default, our marker first" test "$(head -1 "$T/exp-book.out")" = "acctplan_book: 2"
run imp-book 0 --db "$T/round.db" import book "$T/exp-book.out"
dump "$S" >"$T/a.dump"
dump "$T/round.db" >"$T/b.dump"
check "export book | import book: every core table the same, ids included ($(grep -vc '^--' "$T/a.dump") rows)" \
	diff "$T/a.dump" "$T/b.dump"
run imp-book-again 0 --db "$T/round.db" import book "$T/exp-book.out" --format json
check "the book again: nothing new" json imp-book-again "assert d['new'] == 0 and d['updated'] == 0 and d['bad'] == [], d"
check "... and still the same" bash -c "dump() { $(declare -f dump | tail -n +2); }; diff '$T/a.dump' <(dump '$T/round.db')"
run exp-book-json 0 --db "$S" export book --format json
check "export book --format json: every section, ids as strings" json exp-book-json "
assert d['acctplan_book'] == 2
assert list(d)[1:] == ['defects', 'accounts', 'contacts', 'responses', 'problems', 'notes',
                       'conditions', 'referrals', 'plays'], list(d)
for k in ('defects', 'accounts', 'contacts', 'responses', 'problems', 'notes', 'conditions',
          'referrals', 'plays'):
    assert k in d and isinstance(d[k], list), k
    assert all(isinstance(o['id'], str) for o in d[k]), k
"
run imp-book-json 0 --db "$T/round-json.db" import book "$T/exp-book-json.out"
check "the json book reads back the same" diff "$T/a.dump" <(dump "$T/round-json.db")
run exp-accounts-yaml 0 --db "$S" export accounts --format yaml
run imp-accounts-yaml 0 --db "$T/acc-only.db" import book "$T/exp-accounts-yaml.out"
check "a yaml list is a book of one section" \
	test "$(sql "$T/acc-only.db" "SELECT count(*) FROM accounts")" = "$(sql "$S" "SELECT count(*) FROM accounts")"

# a book of version 1 (before referrals, plays and winback_dropped_on)
run imp-book-v1 0 --db "$T/v1.db" import book "$F/book-v1.yaml"
counts imp-book-v1 "6 new, 0 updated, 0 unchanged, 0 skipped, 0 bad"
check "... every row of it, ids included; its lost account's win-back not dropped" \
	test "$(sql "$T/v1.db" "SELECT (SELECT name || ' ' || lost_on || ' ' ||
		coalesce(winback_dropped_on, 'kept') FROM accounts WHERE id = 4683155280422557280),
		(SELECT count(*) FROM contacts WHERE id = 8904015602582419875),
		(SELECT count(*) FROM feedback), (SELECT count(*) FROM notes),
		(SELECT count(*) FROM conditions), (SELECT count(*) FROM referrals),
		(SELECT count(*) FROM plays)")" = "Calder Steel Fabrication 2026-11-01 kept|1|1|1|1|0|0"

tap_done import

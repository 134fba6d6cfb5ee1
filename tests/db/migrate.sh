#!/bin/bash
# Migrations (doc/schema.md): a book that release 0.1.0 wrote (schema 1,
# tests/fixtures/v1-sample.db) is opened by this build. It must come out at
# the last schema ($NOW) with every core table holding exactly the rows it held (dumped
# with the columns they had), its board and an account as 0.1.0 had them,
# and the same schema as a new book. A migration that fails midway (the
# test hook ACCTPLAN_TEST_FAIL_MIGRATION=N makes step N fail after its first
# statement) leaves the file byte for byte as it was, and so does a
# read-only schema-1 file, refused with one line. The fixture itself is
# only ever copied.
#
#   bash tests/db/migrate.sh ACCTPLAN V1-FIXTURE
set -u
# the shell waits for a lock like acctplan does, instead of failing at once
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }

A=${1:?usage: migrate.sh ACCTPLAN V1-FIXTURE}
FIXTURE=${2:?usage: migrate.sh ACCTPLAN V1-FIXTURE}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
# the schema version of the last migration (DB_SCHEMA_VERSION), as the build
# writes it into a new book
NOW=$(T0=$(mktemp -d) && "$A" sample --out "$T0/v.db" >/dev/null 2>&1 &&
	command sqlite3 "$T0/v.db" "PRAGMA user_version"; rm -rf "$T0")
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP no sqlite3 shell"
	exit 77
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-migrate.XXXXXX")
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB ACCTPLAN_TEST_FAIL_MIGRATION
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
sum() { sha256sum <"$1"; }

CORE="accounts contacts feedback defects feedback_defects problems notes conditions snapshots"
# dump FILE COLUMNS-FROM OUT: every row of every core table of FILE, the
# columns each table has in COLUMNS-FROM, in primary-key order, as SQL
# literals
dump() {
	local t cols
	: >"$3"
	for t in $CORE; do
		cols=$(command sqlite3 "$2" "SELECT group_concat(name, ', ') FROM
			(SELECT name FROM pragma_table_info('$t') ORDER BY cid)")
		echo "-- $t: $cols" >>"$3"
		sqlite3 -readonly -cmd ".mode quote" "$1" "SELECT $cols FROM $t ORDER BY 1, 2" >>"$3"
	done
}
schema() {
	sqlite3 -readonly "$1" "SELECT type, name, tbl_name, sql FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"
}

fixture_sum=$(sum "$FIXTURE")
check "the fixture is a schema-1 book of 0.1.0" \
	'[ "$(command sqlite3 -readonly "$FIXTURE" "PRAGMA user_version; PRAGMA application_id" | tr "\n" " ")" = "1 1094931536 " ]'

# ---- the migration --------------------------------------------------------
d=$T/upgrade
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
dump "$d/a.db" "$FIXTURE" "$T/before.sql"
# the board 0.1.0 had cached: quadrants as enum numbers then
command sqlite3 -readonly -separator , "$d/a.db" "SELECT a.id, CASE c.quadrant
	WHEN 0 THEN 'repair' WHEN 1 THEN 'protect' WHEN 2 THEN 'grow' WHEN 3 THEN 'fix_basics'
	WHEN 4 THEN 'no_feedback' END, CASE WHEN c.nps IS NOT NULL THEN printf('%.1f', c.nps) END
	FROM account_cache c JOIN accounts a ON a.id = c.account_id
	WHERE a.status = 'active' ORDER BY a.id" >"$T/board.want"
check "0.1.0 cached 52 active accounts" '[ "$(wc -l <"$T/board.want")" -eq 52 ]'

"$A" --db "$d/a.db" board --format csv >"$T/board.csv" 2>"$T/err"
rc=$?
check "board on the 0.1.0 file: exit 0" '[ "$rc" -eq 0 ]' "$T/err"
check "... nothing on stderr" '[ ! -s "$T/err" ]' "$T/err"
check "... the file is at schema version $NOW, still acctplan's, in WAL mode" \
	'[ "$(command sqlite3 "$d/a.db" "PRAGMA user_version; PRAGMA application_id; PRAGMA journal_mode" | tr "\n" " ")" = "$NOW 1094931536 wal " ]'
dump "$d/a.db" "$FIXTURE" "$T/after.sql"
check "... every core table holds exactly its rows ($(grep -vc '^--' "$T/before.sql") rows)" \
	'diff "$T/before.sql" "$T/after.sql" >"$T/diff"' "$T/diff"
# step 12: the index of the search texts beyond printable ASCII holds
# exactly those (the sample's accented names), and a search walks it
command sqlite3 "$d/a.db" "SELECT text FROM account_text" | python3 -c '
import sys
n = sum(1 for t in sys.stdin.read().split("\n") if t and any(c > "~" or (c < " " and c != "\x1f") for c in t))
print(n)' >"$T/accented.want"
command sqlite3 "$d/a.db" "SELECT count(*) FROM account_text INDEXED BY account_text_accented
	WHERE text GLOB CAST(x'2a5b5e1f2d7e5d2a' AS TEXT)" >"$T/accented.got" 2>&1
check "... the index of texts beyond ASCII holds the accented ones ($(cat "$T/accented.want"))" \
	'[ "$(cat "$T/accented.want")" -gt 0 ] && diff "$T/accented.want" "$T/accented.got"' "$T/accented.got"
# step 14: each row of history says whether it moved its account (another
# quadrant, hold or status than the row before it; the first row moves it
# onto the board, and the fixture has only first rows: tests/db/rollover.sh
# checks both kinds)
# and, step 15, what the row before it said of the NPS, share and status
command sqlite3 "$d/a.db" "SELECT count(*), sum(moved), sum(moved IS NOT want) + sum(NOT before_ok)
	FROM (SELECT moved, lag(quadrant) OVER w IS NOT quadrant OR lag(hold) OVER w IS NOT hold
	OR lag(status) OVER w IS NOT status AS want, nps_before IS lag(nps) OVER w
	AND share_before IS lag(share) OVER w AND status_before IS lag(status) OVER w AS before_ok
	FROM snapshots WINDOW w AS (PARTITION BY account_id ORDER BY taken_on))" >"$T/moved" 2>&1
check "... each row of history says whether it moved its account and what the row before said ($(cat "$T/moved"): rows, moved, wrong)" \
	'awk -F"|" '"'"'$2 > 0 && $3 == 0 { ok = 1 } END { exit !ok }'"'"' "$T/moved"' "$T/moved"
# step 18: a day's rollover finds the accounts of a day's responses (the
# query of roll_set() in src/db/cache.c) from feedback_date alone, not
# from each response's row
command sqlite3 "$d/a.db" "EXPLAIN QUERY PLAN SELECT account_id FROM feedback
	WHERE responded_on >= '2026-11-19' AND responded_on < '2026-11-20'" >"$T/plan18" 2>&1
check "... a day's responses' accounts are read from feedback_date alone" \
	'grep -q "COVERING INDEX feedback_date" "$T/plan18"' "$T/plan18"
# step 19: the standup finds the accounts that moved since a day (the
# inner query of CHANGES_FROM in src/db/history.c) from snapshots_moved
# alone, not from each moved row of the table
command sqlite3 "$d/a.db" "EXPLAIN QUERY PLAN SELECT DISTINCT account_id FROM snapshots
	INDEXED BY snapshots_moved WHERE moved = 1 AND taken_on > '2026-11-13'
	AND taken_on <= '2026-11-20'" >"$T/plan19" 2>&1
check "... the accounts that moved since a standup are read from snapshots_moved alone" \
	'grep -q "COVERING INDEX snapshots_moved" "$T/plan19"' "$T/plan19"
# step 20: the window's totals are summed from the days' (feedback_days),
# filled from the responses the file holds, and the cache rows no longer
# count them
command sqlite3 "$d/a.db" "WITH f AS (SELECT responded_on, count(*), total(score) FROM feedback
	GROUP BY 1), d AS (SELECT day, responses, score_sum FROM feedback_days)
	SELECT (SELECT count(*) FROM (SELECT * FROM f EXCEPT SELECT * FROM d))
	  + (SELECT count(*) FROM (SELECT * FROM d EXCEPT SELECT * FROM f)), (SELECT count(*) FROM d),
	  (SELECT count(*) FROM pragma_table_info('account_cache')
	   WHERE name IN ('responses', 'score_sum'))" >"$T/days20" 2>&1
check "... the days' totals hold the file's responses, and the cache rows no longer count them" \
	'awk -F"|" '"'"'$1 == 0 && $2 > 0 && $3 == 0 { ok = 1 } END { exit !ok }'"'"' "$T/days20"' "$T/days20"
# step 21: the accounts on the board that no hold stops are walked in
# priority order from account_cache_go, which holds every one of them
command sqlite3 "$d/a.db" "EXPLAIN QUERY PLAN SELECT account_id FROM account_cache
	INDEXED BY account_cache_go WHERE held = 0 AND active = 1
	ORDER BY rank_group, rank_value DESC;
	SELECT (SELECT count(*) FROM account_cache INDEXED BY account_cache_go
	  WHERE held = 0 AND active = 1) = (SELECT count(*) FROM account_cache NOT INDEXED
	  WHERE held = 0 AND active = 1)" >"$T/plan21" 2>&1
check "... the accounts on the board that no hold stops are read in order from account_cache_go" \
	'grep -q "INDEX account_cache_go" "$T/plan21" && ! grep -q "TEMP B-TREE" "$T/plan21" &&
	 tail -n 1 "$T/plan21" | grep -qx 1' "$T/plan21"
awk -F, 'NR > 1 { print $1 "," $6 "," $7 }' "$T/board.csv" | sort >"$T/board.got"
sort -o "$T/board.want" "$T/board.want"
check "... the board places every account where 0.1.0 did, with its NPS" \
	'diff "$T/board.want" "$T/board.got" >"$T/diff"' "$T/diff"
check "... the cache stores quadrant names now" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT DISTINCT typeof(quadrant) FROM account_cache;
		SELECT count(*) FROM account_cache WHERE quadrant NOT IN
		('"'repair','protect','grow','fix_basics','no_feedback'"')" | tr "\n" " ")" = "text 0 " ]'
"$A" --db "$d/a.db" show calder >"$T/show" 2>&1
check "show calder: repair, on hold, NPS -67 of 3 buyers" \
	'grep -q "^  Quadrant  *Repair$" "$T/show" && grep -q "^  Sales  *ON HOLD$" "$T/show" &&
	 grep -q "^  NPS  *-67 (3 buyers)$" "$T/show"' "$T/show"
check "... with the note 0.1.0 logged" \
	'grep -Eq "precall  +-  +no  +vacation  +2026-12-05  +Fixture note written by release 0.1.0" "$T/show"' \
	"$T/show"
# an upgrade of a big book takes a minute: on a terminal (script(1), a
# pty) it says what the wait is for, a step at a time, then the line goes
if command -v script >/dev/null; then
	cp "$FIXTURE" "$d/tty.db"
	script -qec "$(printf '%q ' "$A" --db "$d/tty.db" board --limit 1)" /dev/null </dev/null |
		tr '\r' '\n' >"$T/tty.out"
	check "an upgrade on a terminal says so, step by step" \
		'grep -Eq "^upgrading the book to this version.s format +0 / $((NOW - 1)) " "$T/tty.out" &&
		 [ "$(command sqlite3 "$d/tty.db" "PRAGMA user_version")" = "$NOW" ]' "$T/tty.out"
fi
"$A" sample --out "$T/new.db" >/dev/null 2>&1
schema "$T/new.db" >"$T/schema.new"
schema "$d/a.db" >"$T/schema.migrated"
check "a migrated file has the schema of a new one" \
	'diff "$T/schema.new" "$T/schema.migrated" >"$T/diff"' "$T/diff"
check "a new file is at schema version $NOW" \
	'[ "$(command sqlite3 "$T/new.db" "PRAGMA user_version")" = $NOW ]'

# what schema 2 enforces on every program that writes; rows already there
# stay as they were
check "the migrated file takes a note" \
	'"$A" --db "$d/a.db" note calder --good-time unsure --reason budget_cycle "after the migration" 2>"$T/err"' \
	"$T/err"
CALDER=$(command sqlite3 "$d/a.db" "SELECT id FROM accounts WHERE name LIKE 'Calder%'")
check "another program cannot give a reason with good_time yes" \
	'! sqlite3 "$d/a.db" "INSERT INTO notes(id, account_id, kind, good_time, reason)
		VALUES (91, $CALDER, '"'precall', 'yes', 'vacation'"')" 2>"$T/err" &&
	 grep -q "reason only with good_time no or unsure" "$T/err"' "$T/err"
check "... nor without a good_time" \
	'! sqlite3 "$d/a.db" "INSERT INTO notes(id, account_id, reason) VALUES (92, $CALDER, '"'other'"')" 2>/dev/null'
check "... nor change an answer to yes and keep the reason" \
	'! sqlite3 "$d/a.db" "UPDATE notes SET good_time = '"'yes'"' WHERE reason IS NOT NULL" 2>/dev/null'
check "... but may write a reason with no" \
	'sqlite3 "$d/a.db" "INSERT INTO notes(id, account_id, good_time, reason)
		VALUES (93, $CALDER, '"'no', 'vacation'"')"'
for code in "" "has space" "x/y" "é-accent" "$(printf 'A%.0s' $(seq 41))"; do
	check "another program cannot add the defect code \"$code\"" \
		'! sqlite3 "$d/a.db" "INSERT INTO defects(id, code, title, category)
			VALUES (94, '"'$code'"', '"'t', 'price'"')" 2>/dev/null'
done
check "... but may add CODE-9_x, and not rename it to \"a b\"" \
	'sqlite3 "$d/a.db" "INSERT INTO defects(id, code, title, category) VALUES (95, '"'CODE-9_x', 't', 'price'"')" &&
	 ! sqlite3 "$d/a.db" "UPDATE defects SET code = '"'a b'"' WHERE id = 95" 2>/dev/null'

# ---- step 8: the notes table remade with the kind pitch --------------------
d=$T/upgrade
check "every note of 0.1.0 is kept, with its id and its columns ($(command sqlite3 "$FIXTURE" "SELECT count(*) FROM notes"))" \
	'[ "$(command sqlite3 "$d/a.db" "ATTACH '"'$FIXTURE'"' AS f;
		SELECT (SELECT count(*) FROM f.notes) || '"' '"' || count(*) FROM f.notes o JOIN main.notes n ON n.id = o.id
		WHERE n.account_id IS o.account_id AND n.contact_id IS o.contact_id
		AND n.feedback_id IS o.feedback_id AND n.kind IS o.kind AND n.body IS o.body
		AND n.good_time IS o.good_time AND n.reason IS o.reason
		AND n.next_contact_on IS o.next_contact_on AND n.created_at IS o.created_at")" = \
	   "$(command sqlite3 "$FIXTURE" "SELECT count(*) || '"' '"' || count(*) FROM notes")" ]'
check "the notes table has its indexes and triggers of schemas 1 to 7, notes_kind, and the win-back ones of 16" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT group_concat(name, '"' '"') FROM (SELECT name FROM sqlite_master WHERE tbl_name = '"'notes'"' AND type IN ('"'index', 'trigger'"') ORDER BY name)")" = \
	   "notes_account notes_contact notes_feedback notes_kind notes_next notes_reason_ins notes_reason_upd notes_stamp_ins notes_stamp_upd notes_sync_del notes_sync_ins notes_sync_upd notes_winback_del notes_winback_ins notes_winback_upd" ]'
check "another program may write a note of kind pitch" \
	'sqlite3 "$d/a.db" "INSERT INTO notes(id, account_id, kind, body) VALUES (97, $CALDER, '"'pitch', 'offered gloves'"')"'
check "... stamped by the trigger schema 4 made, kept by step 8" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT updated_at <> '"''"' FROM notes WHERE id = 97")" = 1 ]'
check "... but not of a kind there is not" \
	'! sqlite3 "$d/a.db" "INSERT INTO notes(id, account_id, kind) VALUES (98, $CALDER, '"'bogus'"')" 2>/dev/null'
check "acctplan logs a pitch on the migrated file, warning that Calder is on hold" \
	'"$A" --db "$d/a.db" note calder --kind pitch "offered the new range" >"$T/out" 2>"$T/err" &&
	 grep -q "saved" "$T/out" && grep -q "on hold" "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ]' "$T/err"
check "... and the referrals, plays and winback_dropped_on of step 8 are there" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT (SELECT count(*) FROM referrals) + (SELECT count(*) FROM plays) + (SELECT count(*) FROM accounts WHERE winback_dropped_on IS NOT NULL)")" = 0 ]'
# a note another program left without its account (written with foreign
# keys off) is a row of the file like any other: step 8 keeps it
d=$T/dangling
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
command sqlite3 "$d/a.db" "PRAGMA foreign_keys = OFF;
	INSERT INTO notes(id, account_id, kind, body) VALUES (4242, 99999, 'general', 'orphan')"
"$A" --db "$d/a.db" board >/dev/null 2>"$T/err"
check "a note whose account is gone is kept by the migration" \
	'[ "$(command sqlite3 "$d/a.db" "PRAGMA user_version; SELECT body FROM notes WHERE id = 4242" | tr "\n" " ")" = "$NOW orphan " ]' "$T/err"

# ---- the history: snapshots as changes, marks and actions (step 3) ----------
d=$T/upgrade
"$A" --db "$d/a.db" accounts --format csv >"$T/accounts.csv"
check "the history keeps 0.1.0's rows, each with its hold now (as acctplan accounts says)" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT count(*), sum(status = '"'active'"') FROM snapshots")" = "52|52" ] &&
	 python3 -c "import csv, sqlite3, sys
held = {r[\"id\"]: r[\"hold\"] == \"yes\" for r in csv.DictReader(open(sys.argv[2]))}
rows = sqlite3.connect(sys.argv[1]).execute(\"SELECT account_id, hold FROM snapshots\").fetchall()
assert rows and all(held[str(a)] == bool(h) for a, h in rows), rows" "$d/a.db" "$T/accounts.csv"'
check "... and gets the standup's tables, empty" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT (SELECT count(*) FROM marks) + (SELECT count(*) FROM actions)")" = 0 ]'
"$A" --db "$d/a.db" standup --format json >"$T/standup.json" 2>"$T/err"
check "the standup reads the migrated file: the history starts today, so nothing moved" \
	'python3 -c "import json, sys; d = json.load(open(sys.argv[1])); assert d[\"moved\"] == [] and all(v[\"now\"] == v[\"then\"] for v in d[\"board\"].values()), d" "$T/standup.json"' "$T/err"

# 0.1.0 copied every active account into snapshots each day it was opened:
# such a file keeps what its copies said, compressed to the changes. Here
# the copies of three more days, Tidewell Brewing in Protect on the 17th,
# Medway's NPS a fraction lower (the same rounded) on the 18th, and
# Haverford Poultry missing (off the board) on the 18th and 19th.
d=$T/daily
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
id_of() { command sqlite3 "$FIXTURE" "SELECT id FROM accounts WHERE name = '$1'"; }
TIDEWELL=$(id_of "Tidewell Brewing")
MEDWAY=$(id_of "Medway Sterile Services")
HAVERFORD=$(id_of "Haverford Poultry")
command sqlite3 "$d/a.db" "
	INSERT INTO snapshots SELECT day, account_id, nps, share, quadrant FROM snapshots,
		(SELECT '2026-11-17' AS day UNION SELECT '2026-11-18' UNION SELECT '2026-11-19')
		WHERE taken_on = '2026-11-20';
	UPDATE snapshots SET quadrant = 'protect' WHERE taken_on = '2026-11-17' AND account_id = $TIDEWELL;
	UPDATE snapshots SET nps = nps - 0.2 WHERE taken_on = '2026-11-18' AND account_id = $MEDWAY;
	DELETE FROM snapshots WHERE taken_on IN ('2026-11-18', '2026-11-19') AND account_id = $HAVERFORD;"
"$A" --db "$d/a.db" board >/dev/null 2>"$T/err"
hist() { command sqlite3 "$d/a.db" "SELECT taken_on, quadrant, hold, status FROM snapshots WHERE account_id = $1 ORDER BY 1" | tr "\n" " "; }
check "daily copies: the first day's whole copy is kept" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT count(*) FROM snapshots WHERE taken_on = '"'2026-11-17'"'")" = 52 ]' "$T/err"
check "... a quadrant that changed and changed back: two rows" \
	'[ "$(hist $TIDEWELL)" = "2026-11-17|protect|0|active 2026-11-18|grow|0|active " ]'
check "... an NPS that rounds the same: no row" '[ "$(hist $MEDWAY)" = "2026-11-17|protect|0|active " ]'
check "... an account missing from a copy left the board that day, and came back" \
	'[ "$(hist $HAVERFORD)" = "2026-11-17|protect|0|active 2026-11-18|protect|0|lost 2026-11-20|protect|0|active " ]'
check "... and nothing else changed on the 19th" \
	'[ "$(command sqlite3 "$d/a.db" "SELECT count(*) FROM snapshots WHERE taken_on = '"'2026-11-19'"'")" = 0 ]'
"$A" --db "$d/a.db" standup --since 2026-11-17 --format json >"$T/standup.json" 2>"$T/err"
check "... the standup since the 17th sees Tidewell move from Protect to Grow" \
	'python3 -c "import json, sys; d = json.load(open(sys.argv[1])); assert [(m[\"name\"], m[\"from\"], m[\"to\"]) for m in d[\"moved\"]] == [(\"Tidewell Brewing\", \"protect\", \"grow\")], d[\"moved\"]" "$T/standup.json"' "$T/err"

# ---- a migration that fails midway ----------------------------------------
d=$T/fail
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
before=$(sum "$d/a.db")
ACCTPLAN_TEST_FAIL_MIGRATION=2 "$A" --db "$d/a.db" board >"$T/out" 2>"$T/err"
rc=$?
check "step 2 failing: exit 1" '[ "$rc" -eq 1 ]' "$T/err"
check "... one line that says so: $(head -c 200 "$T/err")" \
	'[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "step 2 (002-" "$T/err" && grep -q "unchanged" "$T/err" && [ ! -s "$T/out" ]' \
	"$T/err"
check "... the file is byte for byte as it was" '[ "$before" = "$(sum "$d/a.db")" ]'
check "... and nothing is left beside it" '[ "$(ls -A "$d")" = a.db ]'
check "... still schema version 1" '[ "$(command sqlite3 "$d/a.db" "PRAGMA user_version")" = 1 ]'
check "without the failure, the same file migrates" \
	'"$A" --db "$d/a.db" board >/dev/null 2>"$T/err" &&
	 [ "$(command sqlite3 "$d/a.db" "PRAGMA user_version")" = $NOW ]' "$T/err"
# the step of this release, failing after its first statement (an ALTER
# TABLE): the file as it was, still schema 1
d=$T/fail3
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
before=$(sum "$d/a.db")
ACCTPLAN_TEST_FAIL_MIGRATION=3 "$A" --db "$d/a.db" board >"$T/out" 2>"$T/err"
rc=$?
check "step 3 failing: exit 1, one line naming it, the file byte for byte as it was" \
	'[ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "step 3 (003-" "$T/err" &&
	 [ "$before" = "$(sum "$d/a.db")" ] && [ "$(ls -A "$d")" = a.db ]' "$T/err"
# the edit history's step, failing likewise
d=$T/fail4
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
before=$(sum "$d/a.db")
ACCTPLAN_TEST_FAIL_MIGRATION=4 "$A" --db "$d/a.db" board >"$T/out" 2>"$T/err"
rc=$?
check "step 4 failing: exit 1, one line naming it, the file byte for byte as it was" \
	'[ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "step 4 (004-" "$T/err" &&
	 [ "$before" = "$(sum "$d/a.db")" ] && [ "$(ls -A "$d")" = a.db ]' "$T/err"

# the last step failing, after every step before it ran: still nothing
d=$T/fail-last
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
before=$(sum "$d/a.db")
ACCTPLAN_TEST_FAIL_MIGRATION=$NOW "$A" --db "$d/a.db" board >"$T/out" 2>"$T/err"
rc=$?
check "step $NOW failing: exit 1, one line naming it" \
	'[ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "step $NOW (" "$T/err"' "$T/err"
check "... the file is byte for byte as it was, at schema version 1" \
	'[ "$before" = "$(sum "$d/a.db")" ] && [ "$(command sqlite3 "$d/a.db" "PRAGMA user_version")" = 1 ]'

# the import step: the indexes an import matches by
check "a migrated file has the import's indexes" \
	'[ "$(command sqlite3 "$T/fail/a.db" "SELECT count(*) FROM sqlite_master WHERE type = '"'index'"'
		AND name IN ('"'accounts_external_ref', 'contacts_external_ref', 'contacts_email',
		'feedback_external_ref'"')")" = 4 ]'
ACCTPLAN_TEST_FAIL_MIGRATION=1 "$A" sample --out "$T/fail-new.db" >/dev/null 2>"$T/err"
rc=$?
check "step 1 failing on a new book: exit 1, and no file made" \
	'[ "$rc" -eq 1 ] && [ ! -e "$T/fail-new.db" ] && grep -q "step 1" "$T/err"' "$T/err"

# ---- a read-only schema-1 file --------------------------------------------
d=$T/readonly
mkdir "$d"
cp "$FIXTURE" "$d/a.db"
chmod 0444 "$d/a.db"
before=$(sum "$d/a.db")
"$A" --db "$d/a.db" board >"$T/out" 2>"$T/err"
rc=$?
check "read-only schema-1 file: exit 1" '[ "$rc" -eq 1 ]' "$T/err"
check "... one line: $(head -c 200 "$T/err")" \
	'[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^acctplan: .*cannot be upgraded" "$T/err" && [ ! -s "$T/out" ]' \
	"$T/err"
check "... the file is byte for byte as it was" '[ "$before" = "$(sum "$d/a.db")" ]'
check "... and nothing is left beside it" '[ "$(ls -A "$d")" = a.db ]'

check "the fixture was never touched" '[ "$fixture_sum" = "$(sum "$FIXTURE")" ]'

echo "1..$((pass + failed))"
echo "# migrate: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

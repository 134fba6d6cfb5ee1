#!/bin/bash
# A day's rollover (cache.c) rebuilds only the accounts the new day can
# change, and what it leaves is exactly what a full rebuild leaves: on a
# synthetic book of 3,000 accounts, with responses dated ahead (they enter
# the window on their day), readiness conditions met and holds set by hand
# on days to come (the history's hold changes on that day), and writes by
# another program between days (dirty accounts, a deleted account, a new
# owner, accounts left without a response and one given its first), book A rolls over one day at a time while book B, given the same
# writes, is rebuilt in full every day (its fingerprint taken away). After
# every day the derived tables of both are compared row by row, reals to
# the last bit: account_cache, cache_totals, defect_account, defect_cache,
# scatter_cells, scatter_bins and the history (snapshots). A fresh copy
# rebuilt once at the last day agrees with both on everything but the
# history's dates. And the rollover is incremental: it leaves the
# statistics of account_cache, which a full rebuild makes again, alone.
#
#   bash tests/db/rollover.sh ACCTPLAN
set -u
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }

A=${1:?usage: rollover.sh ACCTPLAN}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP no sqlite3 shell"
	exit 77
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-rollover.XXXXXX")
trap 'rm -rf "$T"' EXIT

export LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB
mkdir -p "$HOME"

pass=0
failed=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -n "${2:-}" ] && [ -s "$2" ] && sed 's/^/#   /' "$2" | head -20
}

DAY0=2026-11-20
DAYS=6
day() { date -u -d "$DAY0 + $1 days" +%F; }
run() { ACCTPLAN_TODAY=$(day "$2") "$A" --db "$1" board --limit 1 >/dev/null 2>"$T/err"; }
# the derived tables of a book, reals written exactly
dump() {
	sqlite3 -readonly "$1" "
	SELECT 'c', account_id, printf('%!.17g', nps), counted, printf('%!.17g', share), quadrant,
	  rank_group, rank_value, last_response, owner, revenue, active, bin_x, bin_y, held
	  FROM account_cache ORDER BY account_id;
	SELECT 't', quadrant, accounts, revenue, printf('%!.17g', nps_sum), nps_count, nps_units
	  FROM cache_totals ORDER BY quadrant;
	SELECT 'da', defect_id, account_id, tagged, printf('%!.17g', tagged_sum), last_cited
	  FROM defect_account ORDER BY defect_id, account_id;
	SELECT 'dc', defect_id, tagged, printf('%!.17g', tagged_sum), accounts, open_problems
	  FROM defect_cache ORDER BY defect_id;
	SELECT 'sc', x, y, accounts FROM scatter_cells ORDER BY x, y;
	SELECT 'sb', owner, x, y, accounts FROM scatter_bins ORDER BY owner, x, y;"
	if [ "${2:-}" = history ]; then
		sqlite3 -readonly "$1" "SELECT 's', taken_on, account_id, printf('%!.17g', nps),
		  printf('%!.17g', share), quadrant, hold, status, moved, printf('%!.17g', nps_before),
		  printf('%!.17g', share_before), status_before FROM snapshots
		  ORDER BY account_id, taken_on"
	fi
}
# same_tables LABEL A B: A and B have the same derived tables
same_tables() {
	dump "$2" >"$T/x.txt"
	dump "$3" >"$T/y.txt"
	if cmp -s "$T/x.txt" "$T/y.txt"; then
		ok "$1"
	else
		diff "$T/x.txt" "$T/y.txt" >"$T/diff"
		not_ok "$1" "$T/diff"
	fi
}
# same_as_full LABEL A B [CHECK]: A rolled over to day 1 and B rebuilt in
# full for it (its fingerprint taken away) have the same derived tables,
# B's rows hold to the schema's CHECK constraints (a full rebuild writes
# them unchecked; quick_check evaluates them), B has the same schema as A
# (a full rebuild drops account_cache's indexes and makes them again), and
# the shell test CHECK holds
same_as_full() {
	sqlite3 "$3" "DELETE FROM cache_state WHERE key = 'fingerprint'"
	if ! run "$2" 1 || ! run "$3" 1; then
		not_ok "$1: board" "$T/err"
		return
	fi
	dump "$2" >"$T/x.txt"
	dump "$3" >"$T/y.txt"
	schema="SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
	if cmp -s "$T/x.txt" "$T/y.txt" && [ "$(sqlite3 "$3" "PRAGMA quick_check")" = ok ] &&
		[ "$(sqlite3 "$2" "$schema")" = "$(sqlite3 "$3" "$schema")" ] && eval "${4:-true}"; then
		ok "$1"
	else
		diff "$T/x.txt" "$T/y.txt" >"$T/diff"
		not_ok "$1" "$T/diff"
	fi
}
# the same write to both books
both() {
	sqlite3 -bail "$T/a.db" "PRAGMA foreign_keys = ${2:-ON}; $1" &&
		sqlite3 -bail "$T/b.db" "PRAGMA foreign_keys = ${2:-ON}; $1"
}

ACCTPLAN_TODAY=$DAY0 "$A" sample --accounts 3000 --seed 7 --out "$T/a.db" >/dev/null 2>&1 ||
	{ echo "not ok - sample"; exit 1; }
# what the days to come hold: responses dated ahead, conditions met and
# holds set by hand on those days (stamped by the shell: another program)
sqlite3 -bail "$T/a.db" "
PRAGMA foreign_keys = ON;
INSERT INTO feedback(account_id, contact_id, responded_on, score)
  SELECT f.account_id, f.contact_id,
    date('$DAY0', '+' || (1 + abs(f.id) % $DAYS) || ' days'), abs(f.id) % 11
  FROM (SELECT * FROM feedback ORDER BY id LIMIT 400) f;
INSERT INTO conditions(account_id, text, met_on)
  SELECT id, 'Credit note received', date('$DAY0', '+' || (1 + abs(id) % $DAYS) || ' days')
  FROM accounts ORDER BY id LIMIT 60;
INSERT INTO conditions(account_id, text) SELECT id, 'Site visit' FROM accounts ORDER BY id DESC LIMIT 40;
UPDATE accounts SET hold_manual = 'lifted', hold_quadrant = 'repair', hold_reason = 'agreed',
  hold_on = date('$DAY0', '+' || (1 + abs(id) % $DAYS) || ' days')
  WHERE id IN (SELECT account_id FROM account_cache WHERE quadrant = 'repair' ORDER BY account_id LIMIT 50);" ||
	{ echo "not ok - the days to come"; exit 1; }
run "$T/a.db" 0 || { not_ok "the book as of day 0" "$T/err"; exit 1; }
cp "$T/a.db" "$T/b.db"
cp "$T/a.db" "$T/c.db"

# day 2, before any account is deleted (an account gone makes the sums be
# counted again from every row): accounts left without a response, and one
# given its first
LOSE="DELETE FROM feedback WHERE account_id IN (SELECT DISTINCT account_id FROM feedback
  ORDER BY account_id LIMIT 7 OFFSET 300);
INSERT INTO feedback(account_id, responded_on, score)
  SELECT id, '$(day 2)', 9 FROM accounts WHERE id NOT IN (SELECT account_id FROM feedback)
  ORDER BY id LIMIT 1;"
for d in $(seq 1 $DAYS); do
	case $d in
	2) both "UPDATE accounts SET revenue = revenue + 1000 WHERE id IN (SELECT id FROM accounts ORDER BY id LIMIT 25); $LOSE" ;;
	3) both "DELETE FROM accounts WHERE id = (SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET 10)" ;;
	# with the foreign keys off its responses stay, and their tags count
	# (as a full rebuild counts them): one with tagged responses in the window
	4) both "DELETE FROM accounts WHERE id = (SELECT f.account_id FROM feedback f
		JOIN feedback_defects fd ON fd.feedback_id = f.id WHERE fd.defect_id <> 0
		AND f.responded_on > date('$DAY0', '-300 days') ORDER BY f.account_id LIMIT 1 OFFSET 20)" OFF ;;
	5) both "UPDATE accounts SET owner = 'Zed Quist' WHERE id IN (SELECT id FROM accounts ORDER BY id LIMIT 30 OFFSET 100);
		INSERT INTO feedback(account_id, responded_on, score)
		  SELECT id, '$(day 5)', 3 FROM accounts ORDER BY id LIMIT 5 OFFSET 200" ;;
	esac
	# A rolls over; B forgets what its cache was built for and is rebuilt
	sqlite3 "$T/a.db" "DELETE FROM sqlite_stat1 WHERE tbl = 'account_cache'"
	sqlite3 "$T/b.db" "DELETE FROM cache_state WHERE key = 'fingerprint'"
	if ! run "$T/a.db" "$d" || ! run "$T/b.db" "$d"; then
		not_ok "day $d: board" "$T/err"
		continue
	fi
	dump "$T/a.db" history >"$T/a.txt"
	dump "$T/b.db" history >"$T/b.txt"
	if cmp -s "$T/a.txt" "$T/b.txt"; then
		ok "day $d: the rollover's derived tables and history equal a full rebuild's ($(wc -l <"$T/a.txt") rows)"
	else
		diff "$T/a.txt" "$T/b.txt" >"$T/diff"
		not_ok "day $d: the rollover's derived tables and history equal a full rebuild's" "$T/diff"
	fi
	# the days' totals the window's are summed from (feedback_days, kept by
	# triggers) say what feedback holds, after the day's writes (responses
	# added and deleted, an account deleted with its responses)
	days=$(sqlite3 "$T/a.db" "WITH f AS (SELECT responded_on, count(*), total(score) FROM feedback
		GROUP BY 1), d AS (SELECT day, responses, score_sum FROM feedback_days)
		SELECT ((SELECT count(*) FROM (SELECT * FROM f EXCEPT SELECT * FROM d))
		  + (SELECT count(*) FROM (SELECT * FROM d EXCEPT SELECT * FROM f))) || ' ' ||
		  (SELECT count(*) FROM d)")
	if [ "${days%% *}" = 0 ] && [ "${days#* }" -gt 0 ]; then
		ok "day $d: the days' totals say what the responses are (${days#* } days)"
	else
		not_ok "day $d: the days' totals say what the responses are ($days: days wrong, days)"
	fi
	stat=$(sqlite3 "$T/a.db" "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'account_cache'")
	if [ "$stat" = 0 ]; then
		ok "day $d: the rollover rebuilt only some accounts"
	else
		not_ok "day $d: the rollover rebuilt only some accounts (it ran ANALYZE: a full rebuild)"
	fi
	# the day changed something: the responses dated today entered
	entered=$(sqlite3 "$T/a.db" "SELECT count(*) FROM feedback f JOIN account_cache c
		ON c.account_id = f.account_id WHERE f.responded_on = '$(day "$d")'
		AND c.last_response = f.responded_on")
	if [ "$entered" -gt 0 ]; then
		ok "day $d: $entered responses of the day entered the standings"
	else
		not_ok "day $d: responses of the day entered the standings"
	fi
done
# the history moved with the days: holds lifted and conditions met on them
moved=$(sqlite3 "$T/a.db" "SELECT count(*) FROM snapshots WHERE taken_on > '$DAY0'")
if [ "$moved" -gt 0 ]; then
	ok "the history has $moved rows dated after day 0"
else
	not_ok "the history has rows dated after day 0"
fi

# each row of history says whether it moved its account: to another
# quadrant, hold or status than the row before it (the first row moves it
# onto the board), as the rows themselves say; the sample wrote the first
# ones, the rollovers the rest
MOVED="SELECT moved, lag(quadrant) OVER w IS NOT quadrant OR lag(hold) OVER w IS NOT hold
  OR lag(status) OVER w IS NOT status AS want, taken_on,
  nps_before IS lag(nps) OVER w AND share_before IS lag(share) OVER w
  AND status_before IS lag(status) OVER w AS before_ok FROM snapshots
  WINDOW w AS (PARTITION BY account_id ORDER BY taken_on)"
wrong=$(sqlite3 "$T/a.db" "SELECT count(*) FROM ($MOVED) WHERE moved IS NOT want")
kinds=$(sqlite3 "$T/a.db" "SELECT count(DISTINCT moved) FROM ($MOVED) WHERE taken_on > '$DAY0'")
if [ "$wrong" = 0 ] && [ "$kinds" = 2 ]; then
	ok "each row of history says whether it moved its account (rows after day 0 of both kinds)"
else
	not_ok "each row of history says whether it moved its account ($wrong wrong, $kinds kinds after day 0)"
fi
# and what the row before it said of the NPS, share and status
wrong=$(sqlite3 "$T/a.db" "SELECT count(*) FROM ($MOVED) WHERE NOT before_ok")
firsts=$(sqlite3 "$T/a.db" "SELECT count(*) FROM snapshots WHERE status_before IS NULL")
if [ "$wrong" = 0 ] && [ "$firsts" -gt 0 ] && [ "$firsts" -lt "$(sqlite3 "$T/a.db" "SELECT count(*) FROM snapshots")" ]; then
	ok "each row of history keeps what the row before it said ($firsts first rows keep nothing)"
else
	not_ok "each row of history keeps what the row before it said ($wrong wrong, $firsts first rows)"
fi

# a fresh copy, given the same writes, rebuilt once on the last day
sqlite3 -bail "$T/c.db" "PRAGMA foreign_keys = ON;
UPDATE accounts SET revenue = revenue + 1000 WHERE id IN (SELECT id FROM accounts ORDER BY id LIMIT 25);
$LOSE
DELETE FROM accounts WHERE id = (SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET 10);"
sqlite3 -bail "$T/c.db" "PRAGMA foreign_keys = OFF;
DELETE FROM accounts WHERE id = (SELECT f.account_id FROM feedback f
  JOIN feedback_defects fd ON fd.feedback_id = f.id WHERE fd.defect_id <> 0
  AND f.responded_on > date('$DAY0', '-300 days') ORDER BY f.account_id LIMIT 1 OFFSET 20);"
sqlite3 -bail "$T/c.db" "PRAGMA foreign_keys = ON;
UPDATE accounts SET owner = 'Zed Quist' WHERE id IN (SELECT id FROM accounts ORDER BY id LIMIT 30 OFFSET 100);
INSERT INTO feedback(account_id, responded_on, score)
  SELECT id, '$(day 5)', 3 FROM accounts ORDER BY id LIMIT 5 OFFSET 200;
DELETE FROM cache_state WHERE key = 'fingerprint';"
if run "$T/c.db" "$DAYS"; then
	same_tables "after $DAYS rollovers the derived tables equal a fresh copy's full rebuild" \
		"$T/a.db" "$T/c.db"
else
	not_ok "the fresh copy's board" "$T/err"
fi

# every response gone by the next day: the rollover leaves no window totals
# (defect_cache's row 0), as a full rebuild has none
# (a book of its own: no account deleted, which makes the sums be counted
# again from every row)
ACCTPLAN_TODAY=$DAY0 "$A" sample --accounts 200 --seed 3 --out "$T/e.db" >/dev/null 2>&1
cp "$T/e.db" "$T/f.db"
for db in e f; do
	sqlite3 -bail "$T/$db.db" "PRAGMA foreign_keys = ON; DELETE FROM feedback;"
done
same_as_full "every response gone: the rollover equals a full rebuild, with no window totals" \
	"$T/e.db" "$T/f.db" \
	'[ "$(sqlite3 "$T/e.db" "SELECT count(*) FROM defect_cache WHERE defect_id = 0")" = 0 ]'

# a full rebuild drops account_cache's indexes and makes them again after
# its rows: the book rebuilt in full has every one the migrations make
want=$(sed -n 's/^CREATE INDEX \(account_cache_[a-z_]*\) .*/\1/p' \
	"$(dirname "$0")"/../../src/db/schema/*.sql | sort -u | tr '\n' ' ')
have=$(sqlite3 "$T/f.db" "SELECT name FROM sqlite_master WHERE type = 'index'
	AND tbl_name = 'account_cache' AND sql IS NOT NULL ORDER BY name" | tr '\n' ' ')
if [ -n "$want" ] && [ "$have" = "$want" ]; then
	ok "a full rebuild makes account_cache's indexes again: $have"
else
	echo "want: $want" >"$T/diff"
	echo "have: $have" >>"$T/diff"
	not_ok "a full rebuild makes account_cache's indexes again" "$T/diff"
fi

# a full rebuild reads the responses down feedback_account when the book has
# it (INDEXED BY); a book whose index another program dropped is rebuilt the
# planner's way, to the same tables
cp "$T/f.db" "$T/n.db"
sqlite3 "$T/n.db" "DROP INDEX feedback_account; DELETE FROM cache_state WHERE key = 'fingerprint'"
sqlite3 "$T/f.db" "DELETE FROM cache_state WHERE key = 'fingerprint'"
if run "$T/n.db" 1 && run "$T/f.db" 1; then
	same_tables "a full rebuild of a book without feedback_account: the same tables" \
		"$T/n.db" "$T/f.db"
else
	not_ok "a full rebuild of a book without feedback_account: board" "$T/err"
fi

# a defect added to the catalogue after problems that name it (written with
# the foreign keys off, as another program may): the insert marks no
# account dirty, and the rollover counts the new defect's open problems
# as a full rebuild does
ACCTPLAN_TODAY=$DAY0 "$A" sample --accounts 200 --seed 5 --out "$T/g.db" >/dev/null 2>&1
sqlite3 -bail "$T/g.db" "PRAGMA foreign_keys = OFF;
INSERT INTO problems(account_id, defect_id, title, category, opened_on)
  SELECT id, 999, 'Late again', 'service', '$DAY0' FROM accounts ORDER BY id LIMIT 2;"
run "$T/g.db" 0
sqlite3 -bail "$T/g.db" "INSERT INTO defects(id, code, title, category)
  VALUES (999, 'late-again', 'Late again', 'service')"
cp "$T/g.db" "$T/h.db"
same_as_full "a defect added after its problems: the rollover counts them as a full rebuild does" \
	"$T/g.db" "$T/h.db" \
	'[ "$(sqlite3 "$T/g.db" "SELECT open_problems FROM defect_cache WHERE defect_id = 999")" = 2 ]'

# a quadrant's revenue past 64 bits: the refresh of the accounts written
# fails as a full rebuild does (SQLite's sum() reports the overflow), and
# the sums stay as they were, whole numbers
ACCTPLAN_TODAY=$DAY0 "$A" sample --accounts 200 --seed 5 --out "$T/i.db" >/dev/null 2>&1
before=$(sqlite3 "$T/i.db" "SELECT group_concat(typeof(revenue) || revenue) FROM cache_totals")
sqlite3 -bail "$T/i.db" "UPDATE accounts SET revenue = 4611686018427387904 WHERE id IN
  (SELECT account_id FROM account_cache WHERE quadrant = 'grow' AND active = 1
   ORDER BY account_id LIMIT 2)"
if run "$T/i.db" 0; then
	not_ok "a revenue past 64 bits: the refresh succeeded"
elif grep -q "integer overflow" "$T/err" &&
	[ "$(sqlite3 "$T/i.db" "SELECT group_concat(typeof(revenue) || revenue) FROM cache_totals")" = "$before" ]; then
	ok "a revenue past 64 bits: the refresh fails as a full rebuild does and keeps the sums"
else
	not_ok "a revenue past 64 bits: the refresh fails as a full rebuild does and keeps the sums" "$T/err"
fi

# a jump of more than DB_ROLLOVER_DAYS days, or other rules, rebuilds all
sqlite3 "$T/a.db" "DELETE FROM sqlite_stat1 WHERE tbl = 'account_cache'"
run "$T/a.db" 60
stat=$(sqlite3 "$T/a.db" "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'account_cache'")
if [ "$stat" != 0 ]; then ok "a jump of 54 days rebuilds every account"; else not_ok "a jump of 54 days rebuilds every account"; fi
sqlite3 "$T/a.db" "DELETE FROM sqlite_stat1 WHERE tbl = 'account_cache'"
mkdir -p "$T/config/acctplan"
printf 'window_days: 200\n' >"$T/config/acctplan/config.yaml"
run "$T/a.db" 61
stat=$(sqlite3 "$T/a.db" "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'account_cache'")
if [ "$stat" != 0 ]; then ok "a new window rebuilds every account"; else not_ok "a new window rebuilds every account" "$T/err"; fi

echo "1..$((pass + failed))"
[ "$failed" -eq 0 ]

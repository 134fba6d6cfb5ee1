#!/bin/bash
# Derived data stays true when another program writes the core tables
# (DESIGN §2): the sqlite3 shell inserts an account and a response, renames
# an account, changes a status and deletes an account; the board's totals,
# its account list and `accounts --search` (short and long searches, which
# take different paths) follow each change.
#
#   bash tests/db/derived.sh ACCTPLAN
set -u
# the shell waits for a lock like acctplan does, instead of failing at once
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }

A=${1:?usage: derived.sh ACCTPLAN}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP no sqlite3 shell"
	exit 77
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-derived.XXXXXX")
trap 'rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
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
# expect NAME PATTERN ARGS...: `acctplan --db DB ARGS` succeeds and its
# output matches the extended regular expression PATTERN
expect() {
	local name=$1 pattern=$2
	shift 2
	if "$A" --db "$DB" "$@" >"$T/out" 2>&1 && grep -Eq -- "$pattern" "$T/out"; then
		ok "$name"
	else
		not_ok "$name" "$T/out"
	fi
}
# refute NAME PATTERN ARGS...: succeeds and nothing matches PATTERN
refute() {
	local name=$1 pattern=$2
	shift 2
	if "$A" --db "$DB" "$@" >"$T/out" 2>&1 && ! grep -Eq -- "$pattern" "$T/out"; then
		ok "$name"
	else
		not_ok "$name" "$T/out"
	fi
}
active() { "$A" --db "$DB" board | sed -n 's/.*: \([0-9]*\) active accounts.*/\1/p'; }
sq() { sqlite3 -bail "$DB" "PRAGMA foreign_keys = ON; $1"; }

DB=$T/book.db
"$A" sample --out "$DB" >/dev/null 2>&1 || { echo "not ok - sample"; exit 1; }
n0=$(active)
[ -n "$n0" ] && ok "board counts $n0 active accounts" || not_ok "board counts accounts"

# another program adds an account with a glowing response
sq "INSERT INTO accounts(id, name, owner, segment, fit, status, revenue, wallet,
	external_ref, created_at, updated_at)
    VALUES (4242, 'Quokkaware Ltd', 'Ines Outside', 'Zymurgy', 'good', 'active',
	50000, 100000, NULL, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
    INSERT INTO feedback(id, account_id, contact_id, responded_on, score, comment,
	source, external_ref)
    VALUES (4343, 4242, NULL, '2026-11-10', 10, 'splendid', 'shell', NULL);"
n1=$(active)
[ "$n1" = $((n0 + 1)) ] && ok "board totals count the new account ($n1)" \
	|| not_ok "board totals count the new account: $n0 -> $n1"
expect "board --format json lists the new account in protect" \
	'"name":"Quokkaware Ltd"[^}]*"quadrant":"protect"' board --format json
expect "search by a long part of the name" 'Quokkaware Ltd' accounts --search okkaw
expect "search in any case" 'Quokkaware Ltd' accounts --search QUOKKA
expect "search by two letters" 'Quokkaware Ltd' accounts --search qu
expect "search by the owner" 'Quokkaware Ltd' accounts --search 'ines out'
expect "search by the segment" 'Quokkaware Ltd' accounts --search zymur
refute "a search does not run across name and owner" 'Quokkaware' accounts --search 'ltd ines'

# another program renames it
sq "UPDATE accounts SET name = 'Wombatworks GmbH' WHERE id = 4242;"
expect "search finds the new name" 'Wombatworks GmbH' accounts --search batwork
refute "search forgets the old name" 'Quokkaware|Wombatworks' accounts --search okkaw
expect "board --format json shows the new name" '"name":"Wombatworks GmbH"' board --format json

# another program marks it lost, then deletes it
sq "UPDATE accounts SET status = 'lost' WHERE id = 4242;"
[ "$(active)" = "$n0" ] && ok "board totals drop a lost account" || not_ok "board totals drop a lost account"
refute "search skips a lost account" 'Wombatworks' accounts --search batwork
expect "search --all still finds it" 'Wombatworks' accounts --all --search batwork
sq "UPDATE accounts SET status = 'active' WHERE id = 4242;"
[ "$(active)" = "$n1" ] && ok "board totals count it again" || not_ok "board totals count it again"
sq "DELETE FROM accounts WHERE id = 4242;"
[ "$(active)" = "$n0" ] && ok "board totals drop a deleted account" \
	|| not_ok "board totals drop a deleted account: $(active), expected $n0"
refute "board --format json forgets a deleted account" 'Wombatworks' board --format json
refute "search forgets a deleted account" 'Wombatworks' accounts --all --search batwork

# the window's totals (the defects' ranking weighs each defect against
# them) come from feedback_days, which triggers keep: a row written by
# another program moves them, and with the table emptied by hand a full
# rebuild (the fingerprint taken away) sums the days again
"$A" --db "$DB" defects --format json >"$T/defects.before" 2>&1
sqlite3 -bail "$DB" "INSERT INTO feedback(account_id, responded_on, score)
  SELECT id, '2026-11-19', 2 FROM accounts WHERE status = 'active' ORDER BY id LIMIT 1;"
"$A" --db "$DB" defects --format json >"$T/defects.moved" 2>&1
if ! cmp -s "$T/defects.before" "$T/defects.moved"; then
	ok "the defects' window moves with a response another program writes"
else
	not_ok "the defects' window moves with a response another program writes" "$T/defects.moved"
fi
sqlite3 -bail "$DB" "DELETE FROM feedback_days; DELETE FROM cache_state WHERE key = 'fingerprint';"
"$A" --db "$DB" defects --format json >"$T/defects.rebuilt" 2>&1
if cmp -s "$T/defects.moved" "$T/defects.rebuilt"; then
	ok "a full rebuild sums the days again after they were deleted by hand"
else
	diff "$T/defects.moved" "$T/defects.rebuilt" >"$T/diff"
	not_ok "a full rebuild sums the days again after they were deleted by hand" "$T/diff"
fi

# deleting with foreign keys off (the sqlite3 shell's default) as well
victim=$(sqlite3 "$DB" "SELECT a.id FROM accounts a WHERE status = 'active' ORDER BY id LIMIT 1")
vname=$(sqlite3 "$DB" "SELECT name FROM accounts WHERE id = $victim")
sqlite3 -bail "$DB" "DELETE FROM accounts WHERE id = $victim;"
[ "$(active)" = $((n0 - 1)) ] && ok "foreign keys off: board totals drop the account" \
	|| not_ok "foreign keys off: board totals drop the account"
refute "foreign keys off: search forgets it" "$vname" accounts --all --search "$vname"

# the search index agrees with its content after all that
if sqlite3 "$DB" "INSERT INTO account_search(account_search) VALUES ('integrity-check');" \
	>"$T/out" 2>&1; then
	ok "search index integrity-check"
else
	not_ok "search index integrity-check" "$T/out"
fi

echo "1..$((pass + failed))"
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/bash
# Opening files safely (DESIGN §7, issue 12): what acctplan does with a
# FIFO or a device, an SQLite file made by another tool, a file damaged
# past its first page, a file whose write lock another program holds, and
# `sample --force` over a book with a log left beside it or open elsewhere.
# Every refusal is one line on stderr, exit 1, and the file byte for byte
# as it was.
#
#   bash tests/db/open.sh ACCTPLAN
set -u
# the shell waits for a lock like acctplan does, instead of failing at once
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }

A=${1:?usage: open.sh ACCTPLAN}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP no sqlite3 shell"
	exit 77
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-open.XXXXXX")
holders=()
trap 'for p in "${holders[@]+"${holders[@]}"}"; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB ACCTPLAN_TEST_CHECK_AT_OPEN_MAX
mkdir -p "$HOME"

pass=0
failed=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -n "${2:-}" ] && [ -s "$2" ] && sed 's/^/#   /' "$2" | head -20
}
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }
sum() { if [ -f "$1" ]; then sha256sum <"$1"; else ls -ld "$1" | cut -c1; fi; }

# refused NAME FILE PATTERN [ARGS...]: `acctplan --db FILE ARGS` (board by
# default) gives up within 10 s with exit 1 and one line matching PATTERN,
# and FILE is as it was
refused() {
	local name=$1 file=$2 pattern=$3 before rc
	shift 3
	[ $# -gt 0 ] || set -- board
	before=$(sum "$file")
	timeout 10 "$A" --db "$file" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	check "$name: exit 1" '[ "$rc" -eq 1 ]' "$T/err"
	check "$name: one line: $(head -c 160 "$T/err")" \
		'[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^acctplan: " "$T/err" && [ ! -s "$T/out" ] &&
		 grep -Eqi -- "$pattern" "$T/err"' "$T/err"
	check "$name: unchanged" '[ "$before" = "$(sum "$file")" ]'
}

# hold FILE SQL SECONDS: the sqlite3 shell runs SQL on FILE, says it is
# ready, and keeps its connection (and whatever SQL began) for SECONDS
hold() {
	rm -f "$T/ready"
	{
		echo "$2"
		echo ".shell touch '$T/ready'"
		sleep "$3"
		echo "COMMIT;"
	} | command sqlite3 "$1" >/dev/null 2>&1 &
	holders+=($!)
	for _ in $(seq 1 100); do [ -e "$T/ready" ] && return; sleep 0.05; done
	echo "# the sqlite3 shell did not get ready"
}

"$A" sample --out "$T/sample.db" >/dev/null 2>&1 || { echo "not ok - sample"; exit 1; }

# ---- not a regular file (item 23) -----------------------------------------
mkdir "$T/fifo"
mkfifo "$T/fifo/a.db"
refused "a FIFO" "$T/fifo/a.db" "FIFO"
refused "a FIFO, for a note" "$T/fifo/a.db" "FIFO" note calder "hello"
refused "/dev/null" /dev/null "device"

# ---- SQLite files that are not acctplan's (item 24) -----------------------
mkdir "$T/foreign"
command sqlite3 "$T/foreign/v3.db" "PRAGMA user_version = 3;"
refused "an SQLite file without tables, user_version 3" "$T/foreign/v3.db" "not acctplan"
refused "... for a note" "$T/foreign/v3.db" "not acctplan" note calder "hello"
command sqlite3 "$T/foreign/v0.db" "PRAGMA user_version = 0; VACUUM;"
check "an empty SQLite file another tool made has a header" '[ -s "$T/foreign/v0.db" ]'
refused "an empty SQLite file another tool made" "$T/foreign/v0.db" "not acctplan"
check "... and nothing beside them" '[ "$(ls -A "$T/foreign" | tr "\n" " ")" = "v0.db v3.db " ]'

# ---- damage past the first page (item 31) ---------------------------------
# a page of the notes table overwritten: a small file is checked as it
# opens, a big one (the test hook makes every file big) before its first
# write; either way nothing is written into it
damage() {
	cp "$T/sample.db" "$1"
	local page
	page=$(command sqlite3 "$1" "SELECT rootpage FROM sqlite_master WHERE name = 'notes'")
	printf '\x0d\xff\xff\xff\xff\xff\xff\xff' |
		dd of="$1" bs=1 seek=$(((page - 1) * 4096)) conv=notrunc status=none
}
mkdir "$T/damaged"
damage "$T/damaged/a.db"
refused "a damaged notes page: note" "$T/damaged/a.db" "damaged" note calder --good-time no \
	--reason vacation "should not land"
refused "a damaged notes page: board" "$T/damaged/a.db" "damaged"
export ACCTPLAN_TEST_CHECK_AT_OPEN_MAX=0
refused "a damaged notes page of a big file: note" "$T/damaged/a.db" "damaged" note calder \
	"should not land"
refused "... a condition" "$T/damaged/a.db" "damaged" plan calder --add "should not land"
# a big file's check before its first write takes seconds: on a terminal
# (script(1), a pty) the wait says what it is for, then the line goes
cp "$T/sample.db" "$T/big.db"
if command -v script >/dev/null; then
	script -qec "$(printf '%q ' "$A" --db "$T/big.db" note calder "checked first")" /dev/null \
		</dev/null | tr '\r' '\n' >"$T/check-tty.out"
	check "a big file's first write says it checks the book first, on a terminal" \
		'grep -q "^checking the book before its first write" "$T/check-tty.out" &&
		 grep -q "saved" "$T/check-tty.out"'
fi
"$A" --db "$T/big.db" note calder "checked again" >"$T/out" 2>"$T/err"
check "... and says nothing of it on a pipe" '[ ! -s "$T/err" ]'
unset ACCTPLAN_TEST_CHECK_AT_OPEN_MAX
check "... nothing beside it" '[ "$(ls -A "$T/damaged")" = a.db ]'

# ---- another program holds the write lock (item 30) -----------------------
# a read command needing a rebuild (a new day) answers from a copy of its
# own, as an unlocked file would
mkdir "$T/locked"
cp "$T/sample.db" "$T/locked/a.db"
cp "$T/sample.db" "$T/locked/free.db"
ACCTPLAN_TODAY=2027-03-01 "$A" --db "$T/locked/free.db" board --format csv >"$T/want" 2>&1
hold "$T/locked/a.db" "BEGIN IMMEDIATE;" 8
start=$SECONDS
ACCTPLAN_TODAY=2027-03-01 timeout 20 "$A" --db "$T/locked/a.db" board --format csv \
	>"$T/got" 2>"$T/err"
rc=$?
check "board on a new day while the sqlite3 shell holds BEGIN IMMEDIATE: exit 0" \
	'[ "$rc" -eq 0 ] && [ ! -s "$T/err" ]' "$T/err"
check "... in under 5 s ($((SECONDS - start)) s)" '[ $((SECONDS - start)) -lt 5 ]'
check "... the board of that day" 'diff "$T/want" "$T/got" >"$T/diff"' "$T/diff"
wait "${holders[-1]}"
# a writer waits longer than the 5 s it used to for a lock held 7 s
hold "$T/locked/a.db" "BEGIN IMMEDIATE;" 7
start=$SECONDS
"$A" --db "$T/locked/a.db" note calder --good-time yes "waited for the lock" >"$T/out" 2>"$T/err"
rc=$?
check "a note while the lock is held 7 s: written once it is free ($((SECONDS - start)) s)" \
	'[ "$rc" -eq 0 ] && [ $((SECONDS - start)) -ge 5 ]' "$T/err"
wait "${holders[-1]}"
check "... it is in the file" \
	'[ "$(command sqlite3 "$T/locked/a.db" "SELECT count(*) FROM notes WHERE body = '"'waited for the lock'"'")" = 1 ]'

# ---- sample --force over a book (item 21) ---------------------------------
mkdir "$T/force"
cp "$T/sample.db" "$T/force/a.db"
"$A" --db "$T/sample.db" board --format csv >"$T/want"
# another program committed to the log and died before a checkpoint
command sqlite3 "$T/force/a.db" "PRAGMA wal_autocheckpoint = 0;
	UPDATE accounts SET name = 'Stale ' || name;" ".shell kill -9 \$PPID" >/dev/null 2>&1
check "a log with changes is left beside the book" '[ -s "$T/force/a.db-wal" ]'
"$A" sample --force --out "$T/force/a.db" >/dev/null 2>"$T/err"
check "sample --force over it: exit 0" '[ $? -eq 0 ]' "$T/err"
check "... the old log and index are gone" '[ "$(ls -A "$T/force")" = a.db ]'
check "... the new book is sound" \
	'[ "$(command sqlite3 "$T/force/a.db" "PRAGMA integrity_check")" = ok ]'
check "... and none of the old log came back" \
	'[ "$(command sqlite3 "$T/force/a.db" "SELECT count(*) FROM accounts WHERE name LIKE '"'Stale %'"'")" = 0 ]'
"$A" --db "$T/force/a.db" board --format csv >"$T/got" 2>&1
check "... its board is the sample's" 'diff "$T/want" "$T/got" >"$T/diff"' "$T/diff"
# another program has the book open
hold "$T/force/a.db" "SELECT count(*) FROM accounts;" 5
before=$(sum "$T/force/a.db")
"$A" sample --force --out "$T/force/a.db" >"$T/out" 2>"$T/err"
rc=$?
check "sample --force over a book open elsewhere: exit 1" '[ "$rc" -eq 1 ]' "$T/err"
check "... one line: $(head -c 160 "$T/err")" \
	'[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "open in another program" "$T/err"' "$T/err"
check "... the book unchanged" '[ "$before" = "$(sum "$T/force/a.db")" ]'
check "... no new book left beside it" '! ls -A "$T/force" | grep -q tmp'
wait "${holders[-1]}"

echo "1..$((pass + failed))"
echo "# open: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

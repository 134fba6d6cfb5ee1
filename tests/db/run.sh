#!/bin/bash
# Robustness of the database file (DESIGN §2, §7): a corrupt, foreign,
# newer, empty, missing, locked or read-only file each gets one clear line
# on stderr and a non-zero exit (the read-only one opens read-only and
# works), and the file is byte for byte what it was, with no -wal, -shm or
# -journal file left beside it.
#
#   bash tests/db/run.sh ACCTPLAN
#
# Read-only as root: root may write a 0444 file, so acctplan also treats a
# file with no write bit as read-only; the test runs as root (what CI does)
# and, when setpriv is there, once more as the unprivileged user nobody.
set -u

A=${1:?usage: run.sh ACCTPLAN}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-db.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

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
	shift
	for f in "$@"; do
		[ -s "$f" ] && sed 's/^/#   /' "$f" | head -20
	done
}
check() {
	local name=$1
	shift
	if "$@" >"$T/check.log" 2>&1; then ok "$name"; else not_ok "$name" "$T/check.log"; fi
}
sum() { if [ -f "$1" ]; then sha256sum <"$1"; elif [ -e "$1" ]; then ls -ld "$1" | cut -c1-10; else echo absent; fi; }

# refused NAME FILE [PATTERN] [ARGS...]: `acctplan --db FILE board` (or ARGS)
# fails with exit 1 and one stderr line (matching PATTERN), and leaves FILE
# and its directory as they were.
refused() {
	local name=$1 file=$2 pattern=${3:-} before after listing rc n
	shift 3
	[ $# -gt 0 ] || set -- board
	before=$(sum "$file")
	listing=$(ls -A "$(dirname "$file")" 2>/dev/null)
	"$A" --db "$file" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	after=$(sum "$file")
	n=$(wc -l <"$T/err")
	if [ "$rc" -eq 1 ]; then ok "$name: exit 1"; else not_ok "$name: exit $rc, expected 1" "$T/err"; fi
	if [ "$n" -eq 1 ] && grep -q '^acctplan: ' "$T/err" && [ ! -s "$T/out" ]; then
		ok "$name: one line: $(cat "$T/err")"
	else
		not_ok "$name: expected one stderr line and no stdout, got $n lines" "$T/err" "$T/out"
	fi
	if [ -n "$pattern" ]; then
		check "$name: the line says why ($pattern)" grep -qiE "$pattern" "$T/err"
	fi
	if [ "$before" = "$after" ]; then ok "$name: file unchanged"; else not_ok "$name: file modified"; fi
	if [ "$listing" = "$(ls -A "$(dirname "$file")" 2>/dev/null)" ]; then
		ok "$name: nothing created beside it"
	else
		echo "$listing" >"$T/before.ls"
		ls -A "$(dirname "$file")" >"$T/after.ls" 2>&1
		diff "$T/before.ls" "$T/after.ls" >"$T/ls.diff"
		not_ok "$name: files appeared or vanished beside it" "$T/ls.diff"
	fi
}

# each case in a directory of its own, so "nothing beside it" is exact
case_dir() { mkdir -p "$T/$1" && echo "$T/$1"; }

"$A" sample --out "$T/sample.db" >/dev/null 2>&1 || { echo "not ok - cannot build the sample"; exit 1; }
"$A" --db "$T/sample.db" board --format json >"$T/board.json" 2>/dev/null

# corrupt: an SQLite header followed by garbage
d=$(case_dir corrupt)
{ printf 'SQLite format 3\0'; head -c 8176 /dev/urandom; } >"$d/a.db"
refused "corrupt (header then garbage)" "$d/a.db" 'damaged|not .*database'

# corrupt: random bytes
d=$(case_dir random)
head -c 16384 /dev/urandom >"$d/a.db"
refused "random bytes" "$d/a.db" 'not an sqlite database|damaged'

# corrupt: a short text file
d=$(case_dir text)
printf 'name,score\nAcme,9\n' >"$d/a.db"
refused "a csv file" "$d/a.db" 'not an sqlite database'

# corrupt: our own file cut short
d=$(case_dir truncated)
head -c 12288 "$T/sample.db" >"$d/a.db"
refused "acctplan file cut short" "$d/a.db" 'damaged|malformed|corrupt'

# corrupt: the page after the header overwritten
d=$(case_dir scribbled)
cp "$T/sample.db" "$d/a.db"
printf '\xff%.0s' $(seq 1 4096) | dd of="$d/a.db" bs=4096 seek=1 conv=notrunc status=none
refused "acctplan file with a page scribbled over" "$d/a.db" 'damaged|malformed|corrupt'

# foreign: an SQLite file with a table and no application id
d=$(case_dir foreign)
sqlite3 "$d/a.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
refused "foreign SQLite file" "$d/a.db" "not acctplan|not an acctplan"

# foreign: another program's application id
d=$(case_dir foreign-id)
sqlite3 "$d/a.db" "PRAGMA application_id = 1234; CREATE TABLE accounts(id);"
refused "SQLite file with another application id" "$d/a.db" "not an acctplan"

# newer: an acctplan file from a later schema version
d=$(case_dir newer)
cp "$T/sample.db" "$d/a.db"
sqlite3 "$d/a.db" "PRAGMA user_version = 99;"
refused "newer-version file" "$d/a.db" "newer.*99.*[0-9]|99.*newer"
# the schema version this build writes, as the refusal names it
V=$(sed -n 's/.*reads up to \([0-9][0-9]*\).*/\1/p' "$T/err")
refused "newer-version file, accounts too" "$d/a.db" "newer" accounts

# empty: a 0-byte file
d=$(case_dir empty)
: >"$d/a.db"
refused "empty 0-byte file" "$d/a.db" "empty"
check "empty file: still 0 bytes" test ! -s "$d/a.db"

# missing: a path in a missing directory, and a missing file
d=$(case_dir missing)
refused "path in a missing directory" "$d/no/such/dir/a.db" "no such directory"
check "missing directory: not created" test ! -e "$d/no"
refused "missing file" "$d/a.db" "no such file|no database"
check "missing file: not created" test ! -e "$d/a.db"

# a directory is not a database
d=$(case_dir directory)
mkdir "$d/a.db"
refused "a directory" "$d/a.db" "directory"

# read-only, as root (or whoever runs the tests): works, writes nothing
for today in 2026-11-20 2027-03-01; do
	d=$(case_dir "readonly-$today")
	cp "$T/sample.db" "$d/a.db"
	chmod 0444 "$d/a.db"
	before=$(sum "$d/a.db")
	ACCTPLAN_TODAY=$today "$A" --db "$d/a.db" board --format json >"$T/ro.out" 2>"$T/ro.err"
	rc=$?
	check "read-only file (today $today): board works" test "$rc" -eq 0
	check "read-only file (today $today): nothing on stderr" test ! -s "$T/ro.err"
	check "read-only file (today $today): byte for byte unchanged" test "$before" = "$(sum "$d/a.db")"
	check "read-only file (today $today): no -wal or -shm left" test "$(ls -A "$d")" = a.db
	check "read-only file (today $today): 52 accounts on the board" \
		python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))) == 52' "$T/ro.out"
	if [ "$today" = 2026-11-20 ]; then
		check "read-only file: same board as the writable one" cmp -s "$T/ro.out" "$T/board.json"
	fi
done

# read-only, as an unprivileged user, when we are root and can drop to one
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	d=$(case_dir readonly-nobody)
	chmod 0755 "$T" "$d"
	cp "$T/sample.db" "$d/a.db"
	chmod 0444 "$d/a.db"
	before=$(sum "$d/a.db")
	ACCTPLAN_TODAY=2027-03-01 HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$A" --db "$d/a.db" board >"$T/ro.out" 2>"$T/ro.err"
	rc=$?
	if grep -q 'Permission denied' "$T/ro.err" && [ "$rc" -eq 126 ]; then
		ok "# SKIP read-only as nobody: the build directory is not readable by nobody"
	else
		check "read-only file as nobody: board works" test "$rc" -eq 0
		check "read-only file as nobody: byte for byte unchanged" test "$before" = "$(sum "$d/a.db")"
		check "read-only file as nobody: nothing left beside it" test "$(ls -A "$d")" = a.db
	fi
	chmod 0700 "$T"
else
	ok "# SKIP read-only as nobody: not root, or no setpriv"
fi

# locked: another program holds the write lock; acctplan either reads
# (WAL lets it) or says it is locked, and never waits forever
d=$(case_dir locked)
cp "$T/sample.db" "$d/a.db"
if python3 -c 'import sqlite3' 2>/dev/null; then
	python3 - "$d/a.db" "$T/locked.ready" <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
c.execute("UPDATE accounts SET name = name")
open(sys.argv[2], "w").close()
time.sleep(12)
c.execute("ROLLBACK")
EOF
	holder=$!
	for _ in $(seq 1 50); do [ -e "$T/locked.ready" ] && break; sleep 0.1; done
	ACCTPLAN_TODAY=2027-03-01 timeout 11 "$A" --db "$d/a.db" board >"$T/lk.out" 2>"$T/lk.err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "locked file: board read it"
	elif [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/lk.err")" -eq 1 ] && grep -qi 'locked' "$T/lk.err"; then
		ok "locked file: one line: $(cat "$T/lk.err")"
	else
		not_ok "locked file: exit $rc" "$T/lk.err"
	fi
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
else
	ok "# SKIP locked file: python3 has no sqlite3 module"
fi

# sample --out refuses to overwrite, and leaves the file alone
d=$(case_dir sample-exists)
printf 'precious\n' >"$d/a.db"
before=$(sum "$d/a.db")
"$A" sample --out "$d/a.db" >"$T/out" 2>"$T/err"
rc=$?
check "sample --out an existing file: refused (non-zero exit)" test "$rc" -ne 0
check "sample --out an existing file: one line" test "$(wc -l <"$T/err")" -eq 1
check "sample --out an existing file: unchanged" test "$before" = "$(sum "$d/a.db")"
check "sample --out an existing file: nothing beside it" test "$(ls -A "$d")" = a.db
"$A" sample --out "$d/a.db" --force >/dev/null 2>&1
check "sample --out --force: replaced with a database" \
	"$A" --db "$d/a.db" board --format json

# a new file is created with mode 0600
d=$(case_dir mode)
(umask 022 && "$A" sample --out "$d/a.db" >/dev/null 2>&1)
check "sample --out: new file has mode 0600" test "$(stat -c %a "$d/a.db")" = 600

# the file format: application id, schema version, WAL
check "file format: application_id, user_version ${V:-?} (the one this build reads), WAL" \
	test "$(sqlite3 "$T/sample.db" 'PRAGMA application_id; PRAGMA user_version; PRAGMA journal_mode;' | tr '\n' ' ')" = "1094931536 ${V:-?} wal "

echo "# db: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

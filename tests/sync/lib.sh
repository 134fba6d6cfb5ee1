# Shared by the sync tests: a TAP counter, run/check helpers, and the core
# tables of a book dumped in one order so two books can be compared.
#   . tests/sync/lib.sh ACCTPLAN
set -u

A=${1:?usage: $0 ACCTPLAN}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-sync.XXXXXX")
trap 'rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB NO_COLOR COLUMNS LINES ACCTPLAN_TEST_KILL_AT ACCTPLAN_TEST_KILL_AFTER_COMMIT
mkdir -p "$HOME"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP no sqlite3 shell"
	exit 77
fi
if ! "$A" sync --help >/dev/null 2>&1; then
	echo "1..0 # SKIP no sync command"
	exit 77
fi

pass=0
failed=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	shift
	for f in "$@"; do
		[ -s "$f" ] && sed 's/^/#   /' "$f" | head -30
	done
}
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "$T/last.out" "$T/last.err"; fi
}
# run NAME WANT ARGS...: acctplan ARGS, its exit status WANT
run() {
	local name=$1 want=$2 got
	shift 2
	"$A" "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
	got=$?
	cp "$T/$name.out" "$T/last.out"
	cp "$T/$name.err" "$T/last.err"
	if [ "$got" -eq "$want" ]; then
		ok "$name: exit $want"
	else
		not_ok "$name: exit $got, expected $want ($*)" "$T/$name.err" "$T/$name.out"
	fi
}
q() { sqlite3 "$1" "$2"; }

# The core tables, every row, in key order: what must be the same on every
# laptop after a sync.
CORE="accounts contacts feedback defects feedback_defects problems notes conditions marks actions referrals plays"
dump() {
	local t
	for t in $CORE; do
		echo "== $t"
		sqlite3 -header "$1" "SELECT * FROM $t ORDER BY 1, 2"
	done
}
# A book's soundness: PRAGMA integrity_check and foreign_key_check.
sound() {
	[ "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok ] &&
		[ -z "$(sqlite3 "$1" "PRAGMA foreign_key_check")" ]
}

finish() {
	echo "1..$((pass + failed))"
	[ "$failed" -eq 0 ]
}

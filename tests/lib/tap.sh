# The TAP helpers the CLI test scripts share: source it after setting A (the
# binary) and T (a temporary directory). ok and not_ok count, check runs a
# condition of its own, run runs acctplan and compares its exit status, and
# tap_done [LABEL] prints the plan and the tally and fails if anything did.
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
check() { # check NAME CMD...
	local name=$1
	shift
	if "$@" >"$T/check.out" 2>&1; then ok "$name"; else not_ok "$name" "$T/check.out"; fi
}

# run NAME EXPECTED_STATUS ARGS...
run() {
	local name=$1 want=$2 got
	shift 2
	"$A" "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$name: exit $want"
	else
		not_ok "$name: exit $got, expected $want ($*)" "$T/$name.err" "$T/$name.out"
	fi
}

tap_done() {
	echo "1..$((pass + failed))"
	echo "# ${1:+$1: }$pass passed, $failed failed"
	[ "$failed" -eq 0 ]
}

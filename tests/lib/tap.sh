# The TAP helpers the CLI test scripts share: source it after setting A (the
# binary), T (a temporary directory) and DB (the book), and DIGEST_TABLES
# when the script's refusals must leave more than the core tables alone.
# ok and not_ok count, check runs a condition of its own, run runs acctplan
# and compares its exit status, bad runs a command that must be refused,
# json checks a command's JSON (or says so itself), and tap_done [LABEL] prints the plan and
# the tally and fails if anything did.
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

# digest [FILE]: a hash of every row of the tables DIGEST_TABLES names, in
# FILE (default $DB): the same before and after means nothing was written;
# a book or a table it cannot read never gives the same hash twice.
DIGEST_TABLES=${DIGEST_TABLES:-accounts contacts feedback defects feedback_defects problems notes conditions}
digest() {
	# shellcheck disable=SC2086 # the table names, one word each
	python3 - "${1:-$DB}" $DIGEST_TABLES <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
h = hashlib.sha256()
for t in sys.argv[2:]:
    for row in db.execute("SELECT * FROM %s ORDER BY 1, 2" % t):
        h.update(repr(row).encode())
print(h.hexdigest())
PY
	# a book it cannot read is never "unchanged"
	[ $? -eq 0 ] || echo "unreadable $RANDOM$RANDOM"
}

# bad NAME STATUS ARGS...: refused with one stderr line, nothing written.
bad() {
	local name=$1 want=$2 before after n
	shift 2
	before=$(digest)
	run "$name" "$want" "$@"
	after=$(digest)
	n=$(wc -l <"$T/$name.err")
	if [ "$n" -eq 1 ] && grep -q '^acctplan: ' "$T/$name.err" && [ ! -s "$T/$name.out" ]; then
		ok "$name: one line: $(cat "$T/$name.err")"
	else
		not_ok "$name: expected one stderr line and no stdout" "$T/$name.err" "$T/$name.out"
	fi
	if [ "$before" = "$after" ]; then ok "$name: nothing written"; else not_ok "$name: the file changed"; fi
}

# json NAME PYTHON [LABEL]: PYTHON holds for `d`, the json stdout of NAME.
# With LABEL it says so as "NAME: LABEL", ok or not ok; without, it returns
# its status (for check) and prints what failed.
json() {
	if python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
$2" "$T/$1.out" >"$T/json.err" 2>&1; then
		[ $# -lt 3 ] || ok "$1: $3"
	elif [ $# -lt 3 ]; then
		cat "$T/json.err"
		return 1
	else
		not_ok "$1: $3" "$T/json.err"
	fi
}

tap_done() {
	echo "1..$((pass + failed))"
	echo "# ${1:+$1: }$pass passed, $failed failed"
	[ "$failed" -eq 0 ]
}

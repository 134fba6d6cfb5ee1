#!/bin/bash
# The command line against the sample book, today pinned to 2026-11-20.
#
#   bash tests/cli/run.sh ACCTPLAN EXPECTED_DIR
#
# Builds the sample with `acctplan sample --out`, then checks board,
# accounts and show in every format against EXPECTED_DIR (UPDATE=1 rewrites
# those files; read the diff before committing it), checks the json and csv
# independently of the frozen files (valid json, the fields and the priority
# order of DESIGN §1 recomputed in python, csv columns), and checks the exit
# status and the one stderr line of every kind of error.
set -u

A=${1:?usage: run.sh ACCTPLAN EXPECTED_DIR}
EXP=${2:?usage: run.sh ACCTPLAN EXPECTED_DIR}
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB NO_COLOR COLUMNS LINES
mkdir -p "$HOME"

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

# run NAME EXPECTED_STATUS ARGS...: runs acctplan, keeps stdout and stderr
# in $T/NAME.out and $T/NAME.err, and checks the exit status.
run() {
	local name=$1 want=$2 got
	shift 2
	"$A" "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$name: exit $want"
	else
		not_ok "$name: exit $got, expected $want ($*)" "$T/$name.err"
	fi
}

# one_line NAME: stderr is exactly one line, starting "acctplan: ".
one_line() {
	local n
	n=$(wc -l <"$T/$1.err")
	if [ "$n" -eq 1 ] && grep -q '^acctplan: ' "$T/$1.err" && [ ! -s "$T/$1.out" ]; then
		ok "$1: one line on stderr: $(cat "$T/$1.err")"
	else
		not_ok "$1: expected one stderr line and no stdout, got $n lines" "$T/$1.err" "$T/$1.out"
	fi
}

quiet() {
	if [ -s "$T/$1.err" ]; then not_ok "$1: stderr not empty" "$T/$1.err"; else ok "$1: stderr empty"; fi
}

# expect NAME FILE: stdout of NAME is byte for byte EXP/FILE.
expect() {
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$T/$1.out" "$EXP/$2"
		ok "$1: wrote $2"
	elif cmp -s "$T/$1.out" "$EXP/$2"; then
		ok "$1: matches $2"
	else
		diff -u "$EXP/$2" "$T/$1.out" >"$T/$1.diff"
		not_ok "$1: differs from $2" "$T/$1.diff"
	fi
}

check() { # check NAME CMD...: a condition of its own
	local name=$1
	shift
	if "$@" >"$T/check.log" 2>&1; then ok "$name"; else not_ok "$name" "$T/check.log"; fi
}

DB="$T/s.db"

# ---- the sample book -------------------------------------------------------
run sample 0 sample --out "$DB"
check "sample: file exists with mode 0600" test "$(stat -c %a "$DB" 2>/dev/null)" = 600
check "sample: every row within the schema's CHECK constraints" \
	test "$(sqlite3 "$DB" "PRAGMA quick_check")" = ok
run sample-again 2 sample --out "$DB"
one_line sample-again
check "sample: refuses an existing file without --force" grep -q -- '--force' "$T/sample-again.err"
cp "$DB" "$T/before.db"
run sample-force 0 sample --out "$DB" --force
run sample-nowhere 2 sample
one_line sample-nowhere
run sample-missing-dir 1 sample --out "$T/no/such/dir/s.db"
one_line sample-missing-dir

# the synthetic book: N accounts, the same for the same seed
run synth 0 sample --accounts 300 --seed 7 --out "$T/y1.db"
run synth-again 0 sample --accounts 300 --seed 7 --out "$T/y2.db"
run synth-other 0 sample --accounts 300 --seed 8 --out "$T/y3.db"
"$A" --db "$T/y1.db" board --format json >"$T/y1.json" 2>/dev/null
"$A" --db "$T/y2.db" board --format json >"$T/y2.json" 2>/dev/null
"$A" --db "$T/y3.db" board --format json >"$T/y3.json" 2>/dev/null
check "synthetic: same seed, same book" cmp -s "$T/y1.json" "$T/y2.json"
check "synthetic: another seed, another book" bash -c "! cmp -s '$T/y1.json' '$T/y3.json'"
# the load skips the CHECK constraints (db_bulk_begin()); quick_check
# evaluates every one of them on every row
check "synthetic: every row within the schema's CHECK constraints" \
	test "$(sqlite3 "$T/y1.db" "PRAGMA quick_check")" = ok
check "synthetic: 300 accounts" test "$("$A" --db "$T/y1.db" accounts --all --format csv | wc -l)" -eq 301
run synth-zero 2 sample --accounts 0 --out "$T/y4.db"
one_line synth-zero
run synth-nan 2 sample --accounts many --out "$T/y4.db"
one_line synth-nan

# ---- board, accounts and show in every format --------------------------------
for fmt in text md csv json; do
	run "board.$fmt" 0 --db "$DB" board --format "$fmt"
	quiet "board.$fmt"
	expect "board.$fmt" "board.$fmt"
	run "accounts.$fmt" 0 --db "$DB" accounts --format "$fmt"
	quiet "accounts.$fmt"
	expect "accounts.$fmt" "accounts.$fmt"
	# a repair account whose share is above 1
	run "show-brightwater.$fmt" 0 --db "$DB" show Brightwater --format "$fmt"
	quiet "show-brightwater.$fmt"
	expect "show-brightwater.$fmt" "show-brightwater.$fmt"
	# no feedback in the window and an unknown wallet
	run "show-orourke.$fmt" 0 --format "$fmt" --db "$DB" show "O'Rourke"
	quiet "show-orourke.$fmt"
	expect "show-orourke.$fmt" "show-orourke.$fmt"
done
run accounts-all 0 --db "$DB" accounts --all
expect accounts-all accounts-all.text
run accounts-repair 0 --db "$DB" accounts --quadrant repair --format csv
expect accounts-repair accounts-repair.csv
run show-lost 0 --db "$DB" show "Thornbury Community"
expect show-lost show-lost.text
run board-owner 0 --db "$DB" board --owner "Priya Raman" --limit 2
expect board-owner board-owner.text

# the same book built twice gives the same output
check "sample: deterministic (rebuilt with --force, same board json)" \
	cmp -s "$T/board.json.out" <("$A" --db "$T/before.db" board --format json)

# ---- json and csv, checked on their own --------------------------------------
for n in board.json accounts.json show-brightwater.json show-orourke.json; do
	check "$n: valid json" python3 -m json.tool "$T/$n.out"
done

check "board json: fields, quadrants, nulls and priority order" python3 - "$T/board.json.out" "$T/board.text.out" <<'EOF'
import json, re, sys
rows = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
assert isinstance(rows, list) and rows, "an array of accounts"
names = {"repair", "protect", "grow", "fix_basics", "no_feedback"}
for r in rows:
    for k in ("id", "name", "quadrant", "nps", "share"):
        assert k in r, (k, r)
    assert isinstance(r["id"], str) and 0 < int(r["id"]) < 2**63, r["id"]
    assert r["quadrant"] in names, r["quadrant"]
    assert (r["nps"] is None) == (r["quadrant"] == "no_feedback"), r
    w = r.get("wallet")
    assert (r["share"] is None) == (not w), r      # wallet NULL or 0: unknown
    if r["share"] is not None:
        assert abs(r["share"] - r["revenue"] / w) < 0.001, r
    if r["nps"] is not None:
        high_adv = r["nps"] >= 30
        high_share = r["share"] is not None and r["share"] >= 0.40
        want = {(False, True): "repair", (True, True): "protect",
                (True, False): "grow", (False, False): "fix_basics"}[(high_adv, high_share)]
        assert r["quadrant"] == want, (r["name"], r["quadrant"], want)
    if r["quadrant"] in ("repair", "fix_basics", "no_feedback") and not r["hold"]:
        # only a hold lifted by hand opens a holding quadrant; it keeps its reason
        assert r["hold_why"] not in ("low advocacy", "no feedback in the window"), r
    if r["quadrant"] in ("grow", "protect") and r["open_conditions"] > 0:
        assert r["hold"] is True, r
def key(r):
    q = r["quadrant"]
    if q == "repair": return (0, -r["revenue"])
    if q == "fix_basics" and r["fit"] == "good": return (1, -r["revenue"])
    if q == "grow": return (2, -(r["wallet"] - r["revenue"]) if r["wallet"] else 0)  # headroom; unknown wallet: none
    if q == "protect": return (3, -r["revenue"])
    if q == "no_feedback": return (4, -r["revenue"])
    return (5, -r["revenue"])
keys = [key(r) for r in rows]
assert keys == sorted(keys), "not in priority order"
assert len({r["id"] for r in rows}) == len(rows), "duplicate ids"
m = re.search(r"(\d+) active accounts", text)
assert m and int(m.group(1)) == len(rows), "text count differs from json"
for q, title in (("repair", "Repair"), ("fix_basics", "Fix the basics"), ("grow", "Grow"),
                 ("protect", "Protect"), ("no_feedback", "No feedback")):
    n = sum(r["quadrant"] == q for r in rows)
    assert n > 0, "every quadrant is represented in the sample: " + q
    assert re.search(r"^%s\s+%d\s" % (re.escape(title), n), text, re.M), (title, n)
EOF

check "csv: one header, same column count on every row" python3 - "$T/board.csv.out" "$T/accounts.csv.out" "$T/show-brightwater.csv.out" <<'EOF'
import csv, sys
want = {
    0: ["id", "name", "quadrant", "nps", "share"],
    1: ["id", "name", "quadrant", "nps", "share"],
    2: ["date", "score"],
}
for i, path in enumerate(sys.argv[1:]):
    rows = list(csv.reader(open(path, newline="")))
    assert len(rows) > 1, path
    for col in want[i]:
        assert col in rows[0], (path, col)
    assert all(len(r) == len(rows[0]) for r in rows), path
EOF

check "accounts json: same accounts as board json, every one active" python3 - "$T/board.json.out" "$T/accounts.json.out" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1])); a = json.load(open(sys.argv[2]))
assert sorted(r["id"] for r in a) == sorted(r["id"] for r in b)
assert all(r["status"] == "active" for r in a)
EOF

check "accounts --quadrant repair: the board's repair accounts" python3 - "$T/board.json.out" "$T/accounts-repair.out" <<'EOF'
import csv, json, sys
b = [r["id"] for r in json.load(open(sys.argv[1])) if r["quadrant"] == "repair"]
a = [r["id"] for r in csv.DictReader(open(sys.argv[2]))]
assert a == b, (a, b)
EOF

# ---- ids in JSON are strings (issue 12, item 16) ------------------------------
# A 63-bit id is not a safe JSON number: jq and JavaScript round it above
# 2^53. Every "id" and "*_id" field is a string of digits (or null).
check "json ids: every id is a string of digits, some above 2^53" python3 - \
	"$T/board.json.out" "$T/accounts.json.out" "$T/show-brightwater.json.out" "$T/show-orourke.json.out" <<'EOF'
import json, sys
big = 0
def walk(v, path):
    global big
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "id" or k.endswith("_id"):
                assert x is None or (isinstance(x, str) and x.isdigit()), (path, k, x)
                if x and int(x) > 2**53:
                    big += 1
            walk(x, path + "/" + k)
    elif isinstance(v, list):
        for x in v:
            walk(x, path)
for p in sys.argv[1:]:
    walk(json.load(open(p)), p)
assert big > 0, "no id above 2^53 to test with"
EOF
check "show json: each response, buyer, problem and note has its id" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("feedback", "contacts", "problems", "notes", "conditions"):
    assert d[k] and all(x["id"].isdigit() for x in d[k]), k' "$T/show-brightwater.json.out"

# ---- ACCOUNT: an id or an unambiguous prefix ---------------------------------
id=$(python3 -c 'import json,sys; print([r["id"] for r in json.load(open(sys.argv[1])) if r["name"].startswith("Brightwater")][0])' "$T/board.json.out")
run show-by-id 0 --db "$DB" show "$id"
check "show by id: same account as by name" cmp -s "$T/show-by-id.out" "$T/show-brightwater.text.out"
run show-lowercase 0 --db "$DB" show brightwater
check "show by prefix in any case: same account" cmp -s "$T/show-lowercase.out" "$T/show-brightwater.text.out"
run show-ambiguous 1 --db "$DB" show B
one_line show-ambiguous
check "ambiguous prefix names candidates" grep -q 'Brightwater Utilities' "$T/show-ambiguous.err"
run show-unknown 1 --db "$DB" show Zzyzx
one_line show-unknown
run show-id-prefix 1 --db "$DB" show "${id:0:5}"
one_line show-id-prefix

# ---- an owner is matched as a name is: any case, a unique prefix (item 17) ----
run owner-exact 0 --db "$DB" accounts --owner "Priya Raman" --format csv
check "owner: Priya Raman has accounts" test "$(wc -l <"$T/owner-exact.out")" -gt 1
for arg in priya "PRIYA RAMAN" pri; do
	run "owner-$arg" 0 --db "$DB" accounts --owner "$arg" --format csv
	check "accounts --owner \"$arg\": Priya Raman's accounts" cmp -s "$T/owner-$arg.out" "$T/owner-exact.out"
done
run board-owner-prefix 0 --db "$DB" board --owner priya --limit 2
check "board --owner priya: as with the full name" cmp -s "$T/board-owner-prefix.out" "$T/board-owner.out"
run agenda-owner-prefix 0 --db "$DB" agenda --owner callum --format json
check "agenda --owner callum: Callum Byrne's" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d and all(o["owner"] == "Callum Byrne" for o in d), d' "$T/agenda-owner-prefix.out"
run owner-none 0 --db "$DB" accounts --owner nobody --format csv
check "an owner no one is: nothing listed" test "$(wc -l <"$T/owner-none.out")" -eq 1
run owner-empty 2 --db "$DB" board --owner ""
one_line owner-empty
cp "$DB" "$T/owners.db"
sqlite3 "$T/owners.db" "UPDATE accounts SET owner = 'Priya Shah' WHERE name LIKE 'Calder%'"
run owner-ambiguous 1 --db "$T/owners.db" accounts --owner priya
one_line owner-ambiguous
check "ambiguous owner: names both" bash -c 'grep -q "Priya Raman" "$1" && grep -q "Priya Shah" "$1"' _ "$T/owner-ambiguous.err"
run owner-exact-wins 0 --db "$T/owners.db" accounts --owner "priya shah" --format csv
check "an exact owner wins over a longer one" test "$(wc -l <"$T/owner-exact-wins.out")" -eq 2

# ---- a search is blind to case and accents (item 17) --------------------------
# the sample has Kōyō Precision; "KOYO" finds it, and "Kōyō" finds Koyo
cp "$DB" "$T/accents.db"
"$A" --db "$T/accents.db" account add "Kōyō Trading" --owner "Zoë Ångström" >/dev/null 2>&1
"$A" --db "$T/accents.db" account add "Koyo Logistics" >/dev/null 2>&1
"$A" --db "$T/accents.db" account add "Société Générale" >/dev/null 2>&1
# search WANT...: the names a search lists, sorted, are exactly WANT
search() {
	local q=$1
	shift
	run "search-$q" 0 --db "$T/accents.db" accounts --search "$q" --all --format json
	check "accounts --search \"$q\": $*" python3 -c '
import json, sys
got = sorted(a["name"] for a in json.load(open(sys.argv[1])))
assert got == sorted(sys.argv[2:]), got' "$T/search-$q.out" "$@"
}
search KOYO "Koyo Logistics" "Kōyō Trading" "Kōyō Precision (光洋精密)"
search kōyō "Koyo Logistics" "Kōyō Trading" "Kōyō Precision (光洋精密)"
search "kō" "Koyo Logistics" "Kōyō Trading" "Kōyō Precision (光洋精密)"
search "kōy" "Koyo Logistics" "Kōyō Trading" "Kōyō Precision (光洋精密)"
search "KŌYO" "Koyo Logistics" "Kōyō Trading" "Kōyō Precision (光洋精密)"
search generale "Société Générale"
search "GÉNÉ" "Société Générale"
search angstrom "Kōyō Trading"
search "soc gen"
search "光洋" "Kōyō Precision (光洋精密)"
# two letters, below the trigram index: every name read, in any case
"$A" --db "$T/accents.db" account add "QXR Holdings" >/dev/null 2>&1
"$A" --db "$T/accents.db" account add "aqxb Partners" >/dev/null 2>&1
search qx "QXR Holdings" "aqxb Partners"
search QX "QXR Holdings" "aqxb Partners"
search xq
# two ASCII letters come from the trigrams that hold them: at the start of
# the name, at the very end of the text (the segment's last two), and in
# the names beyond ASCII that only folding finds (Kōyō holds "oy")
"$A" --db "$T/accents.db" account add "Xw Limited" >/dev/null 2>&1
"$A" --db "$T/accents.db" account add "Plain Name" --segment "Wharfqz" >/dev/null 2>&1
search xw "Xw Limited"
search QZ "Plain Name"
search oy "Koyo Logistics" "Kōyō Trading" "Kōyō Precision (光洋精密)"
search "ōy" "Koyo Logistics" "Kōyō Trading" "Kōyō Precision (光洋精密)"
search zw

# ---- usage errors: exit 2, one line ------------------------------------------
run bad-option 2 --db "$DB" board --bogus
one_line bad-option
run bad-global-option 2 --frobnicate board
one_line bad-global-option
run bad-format 2 --db "$DB" board --format xml
one_line bad-format
run bad-format-global 2 --format yaml --db "$DB" accounts
one_line bad-format-global
run missing-value 2 --db "$DB" board --format
one_line missing-value
run missing-db-value 2 board --db
one_line missing-db-value
run unknown-command 2 --db "$DB" frobnicate
one_line unknown-command
run show-no-account 2 --db "$DB" show
one_line show-no-account
run bad-quadrant 2 --db "$DB" accounts --quadrant sell
one_line bad-quadrant
ACCTPLAN_TODAY=2026-02-30 "$A" --db "$DB" board >"$T/bad-today.out" 2>"$T/bad-today.err"
check "bad ACCTPLAN_TODAY: non-zero exit" test $? -ne 0
one_line bad-today

# ---- the argument tables: one parser, one wording per kind (issue 13) ---------
# msg NAME TEXT: stderr of NAME is exactly the line "acctplan: TEXT".
msg() {
	if [ "$(cat "$T/$1.err")" = "acctplan: $2" ]; then ok "$1: says \"$2\""; else not_ok "$1: said $(cat "$T/$1.err"), not \"acctplan: $2\""; fi
}
run kind-int 2 --db "$DB" agenda --days x
msg kind-int '--days needs a whole number from 0 to 3660, not "x"'
run kind-int-range 2 --db "$DB" agenda --days=3661
msg kind-int-range '--days needs a whole number from 0 to 3660, not "3661"'
run kind-enum 2 --db "$DB" accounts --quadrant x
msg kind-enum '--quadrant must be one of repair, protect, grow, fix_basics, no_feedback, not "x"'
run kind-date 2 --db "$DB" problem move 1 fixing --on 2026-02-30
msg kind-date '--on needs a date (YYYY-MM-DD, today, yesterday or +N days), not "2026-02-30"'
# the same dates everywhere: +N, today, yesterday (issue 12, item 18)
cp "$DB" "$T/rel.db"
run next-relative 0 --db "$T/rel.db" note Calder --good-time no --next +7 "Call back in a week"
run next-relative-show 0 --db "$T/rel.db" show Calder --format json
check "note --next +7: seven days from today" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
n = [x for x in d["notes"] if x["body"] == "Call back in a week"][0]
assert n["next_contact_on"] == "2026-11-27", n' "$T/next-relative-show.out"
run kind-id 2 --db "$DB" problem show 12x
msg kind-id 'ID needs an id (as acctplan shows it, or its first 4 characters or more), not "12x"'
run kind-format 2 --db "$DB" brief Calder --format csv
msg kind-format '--format must be one of text, md, json for acctplan brief, not "csv"'
run unknown-option 2 --db "$DB" board --x
msg unknown-option 'unknown option "--x" for acctplan board (see acctplan board --help)'
run unknown-action-option 2 --db "$DB" problem move 1 fixing --all
msg unknown-action-option 'unknown option "--all" for acctplan problem move (see acctplan problem move --help)'
run repeated 2 --db "$DB" accounts --quadrant grow --quadrant repair
one_line repeated
run flag-value 2 --db "$DB" accounts --all=yes
one_line flag-value
run missing-positional 2 --db "$DB" problem move 1
one_line missing-positional
run extra-positional 2 --db "$DB" show Calder Brightwater
one_line extra-positional
run no-action 2 --db "$DB" problem
one_line no-action
run unknown-action 2 --db "$DB" problem frob
one_line unknown-action
run one-of 2 --db "$DB" plan Calder --add x --auto
one_line one-of
run required-option 2 sample --force
msg required-option 'acctplan sample needs --out FILE (see acctplan sample --help)'
# enum values in any case; --name=VALUE; global options anywhere; --
run enum-any-case 0 --db "$DB" accounts --quadrant Repair --format csv
check "enum any case: --quadrant Repair is repair" cmp -s "$T/enum-any-case.out" "$T/accounts-repair.out"
run equals-form 0 accounts --format=csv --quadrant=REPAIR --db="$DB"
check "--name=VALUE, and global options after the command" cmp -s "$T/equals-form.out" "$T/accounts-repair.out"
run format-first 0 --format csv accounts --db "$DB" --quadrant repair
check "global options before the command" cmp -s "$T/format-first.out" "$T/accounts-repair.out"
run dashdash 0 --db "$DB" show -- "O'Rourke"
check "-- ends the options" cmp -s "$T/dashdash.out" "$T/show-orourke.text.out"
run help-anywhere 0 --db "$DB" board --limit 3 --help --bogus
check "--help wins over what follows it" grep -q '^usage: acctplan board' "$T/help-anywhere.out"

# help, the man page and the name lists all come from the tables
run help-commands 0 help --commands
run help-main 0 --help
check "help --commands: every command, and acctplan --help lists each" bash -c '
	[ "$(wc -l <"$1")" -ge 11 ] || exit 1
	while read -r c; do grep -qE "^  $c +" "$2" || { echo "not in --help: $c"; exit 1; }; done <"$1"' _ "$T/help-commands.out" "$T/help-main.out"
run help-options 0 help --options accounts
check "help --options accounts: its options and the global ones" bash -c '
	for o in --quadrant --owner --segment --search --sort --all --db --format --help; do
		grep -qx -- "$o" "$1" || { echo "missing $o"; exit 1; }
	done' _ "$T/help-options.out"
run help-options-actions 0 help --options problem
check "help --options problem: its actions" bash -c '[ "$(tr "\n" " " <"$1")" = "list new move show edit " ]' _ "$T/help-options-actions.out"
while read -r cmd; do
	run "help-all-$cmd" 0 "$cmd" --help
	check "$cmd --help: a usage line, lines of at most 79 columns" bash -c '
		grep -q "^usage: acctplan $2" "$1" && ! awk "length > 79 { print; bad = 1 } END { exit !bad }" "$1"' _ "$T/help-all-$cmd.out" "$cmd"
	if [ "$cmd" != help ]; then
		run "help-via-help-$cmd" 0 help "$cmd"
		check "help $cmd is $cmd --help" cmp -s "$T/help-via-help-$cmd.out" "$T/help-all-$cmd.out"
	fi
done <"$T/help-commands.out"
for act in list new move show edit; do
	run "help-problem-$act" 0 problem "$act" --help
	check "problem $act --help: its usage" grep -q "^usage: acctplan problem $act" "$T/help-problem-$act.out"
done
run help-man 0 help --man
check "help --man: COMMANDS and OPTIONS in roff" bash -c 'grep -q "^\.SH COMMANDS" "$1" && grep -q "^\.SH OPTIONS" "$1" && grep -q "^\.SS problem" "$1"' _ "$T/help-man.out"

# ---- help and version --------------------------------------------------------
run help 0 --help
check "--help: usage on stdout" grep -q '^usage: acctplan' "$T/help.out"
quiet help
run version 0 --version
check "--version: one line" grep -qE '^acctplan [0-9]+\.[0-9]+' "$T/version.out"
for cmd in board accounts show sample; do
	run "help-$cmd" 0 "$cmd" --help
	check "$cmd --help: usage on stdout" grep -q "^usage: acctplan $cmd" "$T/help-$cmd.out"
done

# ---- configuration -----------------------------------------------------------
printf 'advocacy_high: 40\nshare_high: [oops\n' >"$T/broken.yaml"
run config-broken 0 --config "$T/broken.yaml" --db "$DB" board --format json
check "broken config: warns with file:line:col" grep -qE "broken.yaml:[0-9]+:[0-9]+: " "$T/config-broken.err"
check "broken config: runs on the defaults" cmp -s "$T/config-broken.out" "$T/board.json.out"
printf 'advocacy_high: 500\nshare_hihg: 0.1\n' >"$T/range.yaml"
run config-range 0 --config "$T/range.yaml" --db "$DB" board --format json
check "out-of-range and unknown settings: two warnings" test "$(grep -c 'range.yaml:' "$T/config-range.err")" -eq 2
check "out-of-range: default kept" cmp -s "$T/config-range.out" "$T/board.json.out"
mkdir -p "$XDG_CONFIG_HOME/acctplan"
printf 'advocacy_high: 90\n' >"$XDG_CONFIG_HOME/acctplan/config.yaml"
run config-xdg 0 --db "$DB" board --format json
check "config from XDG_CONFIG_HOME raises the bar: fewer grow and protect" python3 - "$T/board.json.out" "$T/config-xdg.out" <<'EOF'
import json, sys
hi = lambda p: sum(r["quadrant"] in ("grow", "protect") for r in json.load(open(p)))
assert hi(sys.argv[2]) < hi(sys.argv[1]), (hi(sys.argv[1]), hi(sys.argv[2]))
assert all(r["nps"] is None or r["quadrant"] not in ("grow", "protect") or r["nps"] >= 90
           for r in json.load(open(sys.argv[2])))
EOF
rm -f "$XDG_CONFIG_HOME/acctplan/config.yaml"

# ---- the database from the environment --------------------------------------
ACCTPLAN_DB="$DB" "$A" board --format json >"$T/env-db.out" 2>"$T/env-db.err"
check "ACCTPLAN_DB: same board" cmp -s "$T/env-db.out" "$T/board.json.out"
run no-default-db 1 board
one_line no-default-db

# ---- hostile text never reaches the terminal raw -----------------------------
cp "$DB" "$T/hostile.db"
sqlite3 "$T/hostile.db" "UPDATE accounts SET name = 'Evil'||char(27)||'[2J'||char(27)||']0;pwn'||char(7)||' Ltd' WHERE name LIKE 'Brightwater%';" 2>"$T/sqlite.err"
if [ -s "$T/sqlite.err" ] || ! command -v sqlite3 >/dev/null; then
	not_ok "hostile: could not prepare the file" "$T/sqlite.err"
else
	for fmt in text md; do
		run "hostile.$fmt" 0 --db "$T/hostile.db" board --format "$fmt"
		check "hostile.$fmt: no ESC or BEL in output" bash -c "! grep -q \$'[\\x1b\\x07]' '$T/hostile.$fmt.out'"
		check "hostile.$fmt: shown in caret form" grep -q 'Evil^\[\[2J' "$T/hostile.$fmt.out"
	done
	run hostile.json 0 --db "$T/hostile.db" board --format json
	check "hostile json: valid, and the name survives intact" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert any(r["name"] == "Evil\x1b[2J\x1b]0;pwn\x07 Ltd" for r in rows)' "$T/hostile.json.out"
	run hostile.show 0 --db "$T/hostile.db" show Evil
	check "hostile show: no ESC" bash -c "! grep -q \$'\\x1b' '$T/hostile.show.out'"
fi

# ---- every message is one safe line (item 22) --------------------------------
# Text from the book or the command line is shown in caret form: no escape
# sequence reaches the terminal, and a newline cannot forge a second line.
cp "$DB" "$T/evil.db"
sqlite3 "$T/evil.db" "INSERT INTO accounts(id, name) VALUES
	(5, 'Evil' || char(27) || ']0;pwned' || char(7) || char(10) || 'acctplan: forged'),
	(6, 'Evil' || char(27) || ']0;pwned' || char(7) || char(10) || 'acctplan: forged 2')"
# safe NAME: stderr is one line, "acctplan: ...", with no byte below 0x20
# but its newline
safe() {
	check "$1: one safe line on stderr" python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
assert b.startswith(b"acctplan: ") and b.count(b"\n") == 1 and b.endswith(b"\n"), b
assert not [c for c in b[:-1] if c < 0x20 or c == 0x7f], b' "$T/$1.err"
}
run evil-ambiguous 1 --db "$T/evil.db" show Evil
one_line evil-ambiguous
safe evil-ambiguous
check "evil-ambiguous: the names in caret form" grep -qF 'Evil^[]0;pwned^G acctplan: forged' "$T/evil-ambiguous.err"
run evil-note 1 --db "$T/evil.db" note Brightwater --contact $'X\e]0;pwned\a\nacctplan: forged' "hello"
one_line evil-note
safe evil-note
run evil-argument 2 --db "$T/evil.db" $'frob\e[2J\nacctplan: forged'
one_line evil-argument
safe evil-argument
run evil-option 2 --db "$T/evil.db" accounts --quadrant $'\e]0;x\a'
one_line evil-option
safe evil-option
run evil-value 2 --db "$T/evil.db" agenda --days $'1\n2'
one_line evil-value
safe evil-value
printf '"bad\\e]0;x\\a\\nacctplan: forged": 1\n' >"$T/evil.yaml"
run evil-config 0 --config "$T/evil.yaml" --db "$DB" board --format csv
safe evil-config

echo "# cli: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

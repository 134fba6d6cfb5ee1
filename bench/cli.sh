#!/bin/sh
# The command line on the 100,000-account book (BENCH_ACCOUNTS=N: another
# size, make bench-1m the million): `acctplan board --format
# json` against its floor, the sqlite3 shell reading the same cached rows as
# JSON in the same order (DESIGN §6: within 1.2x), and the peak memory of the
# commands that stream a whole book (bar: 20 MB whatever the book's size),
# best of 5 runs each.
#   bench/cli.sh [ACCTPLAN_BINARY]
set -eu
ACCTPLAN=${1:-build/src/cli/acctplan}
OUT=${BENCH_DIR:-bench/out}
export ACCTPLAN_TODAY=${ACCTPLAN_TODAY:-2026-11-20}
mkdir -p "$OUT"
N=${BENCH_ACCOUNTS:-100000}
BOOK="$OUT/book-$N-seed1-history.db" # the book bench/run.sh builds
if [ ! -f "$BOOK" ]; then
	"$ACCTPLAN" sample --accounts "$N" --seed 1 --out "$BOOK"
fi
# warm the page cache with the whole book (read cold, a million-account
# book times the disk), then the account cache
cat "$BOOK" >/dev/null
"$ACCTPLAN" --db "$BOOK" board --format json >/dev/null

# the floor: the sqlite3 shell reading the same cached rows as JSON, in the
# same order (the board reads account_cache; nothing is recomputed)
cat > "$OUT/floor.sql" <<'SQL'
SELECT a.id, a.name, a.owner, a.segment, a.fit, c.quadrant, c.nps, c.share, a.revenue, a.wallet,
  a.hold_manual, a.hold_quadrant,
  (SELECT count(*) FROM problems p WHERE p.account_id = a.id AND p.status <> 'reported_back') AS open_problems,
  (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL) AS open_conditions
FROM account_cache c JOIN accounts a ON a.id = c.account_id
WHERE a.status = 'active'
ORDER BY c.rank_group, c.rank_value DESC, a.name COLLATE NOCASE, a.id;
SQL

best() { # best of 5 wall-clock seconds of "$@"
	b=""
	for _ in 1 2 3 4 5; do
		s=$(date +%s.%N)
		"$@" >/dev/null
		e=$(date +%s.%N)
		t=$(awk "BEGIN { print $e - $s }")
		if [ -z "$b" ] || awk "BEGIN { exit !($t < $b) }"; then b=$t; fi
	done
	printf '%.3f' "$b"
}
rss() { # peak resident set size of "$@", in MB
	/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}
ours=$(best "$ACCTPLAN" --db "$BOOK" board --format json)
theirs=$(best sh -c "sqlite3 -json '$BOOK' < '$OUT/floor.sql'")
mem=$(rss "$ACCTPLAN" --db "$BOOK" board --format json)
echo "board --format json: ${ours} s, peak ${mem} MB; sqlite3 -json on the cached rows: ${theirs} s;" \
	"ratio $(awk "BEGIN { printf \"%.2f\", $ours / $theirs }") (bar 1.20; $N accounts, best of 5)"
for f in csv text; do
	echo "board --format $f: $(best "$ACCTPLAN" --db "$BOOK" board --format $f) s," \
		"peak $(rss "$ACCTPLAN" --db "$BOOK" board --format $f) MB (bar 20 MB)"
done
echo "accounts: $(best "$ACCTPLAN" --db "$BOOK" accounts) s, peak $(rss "$ACCTPLAN" --db "$BOOK" accounts) MB"
echo "agenda --days 30: $(best "$ACCTPLAN" --db "$BOOK" agenda --days 30) s," \
	"peak $(rss "$ACCTPLAN" --db "$BOOK" agenda --days 30) MB"

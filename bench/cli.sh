#!/bin/sh
# Times `acctplan board --format json` on the 100,000-account book against the
# sqlite3 shell running the equivalent aggregate query (latest response per
# buyer in the window, NPS, share, quadrant, as one JSON array) on the same
# file, best of 3 runs each.
#   bench/cli.sh [ACCTPLAN_BINARY]
set -eu
ACCTPLAN=${1:-build/src/cli/acctplan}
OUT=${BENCH_DIR:-bench/out}
export ACCTPLAN_TODAY=${ACCTPLAN_TODAY:-2026-11-20}
mkdir -p "$OUT"
BOOK="$OUT/book-100000-1-$ACCTPLAN_TODAY.db"
if [ ! -f "$BOOK" ]; then
	"$ACCTPLAN" sample --accounts 100000 --seed 1 --out "$BOOK"
fi
# warm the cache and the page cache once
"$ACCTPLAN" --db "$BOOK" board --format json >/dev/null

first=$(date -d "$ACCTPLAN_TODAY - 364 days" +%F)
cat > "$OUT/aggregate.sql" <<SQL
WITH w AS (
  SELECT f.account_id, f.score,
         row_number() OVER (PARTITION BY coalesce(f.contact_id, -f.id)
                            ORDER BY f.responded_on DESC, f.id DESC) AS rn
  FROM feedback f WHERE f.responded_on BETWEEN '$first' AND '$ACCTPLAN_TODAY'),
n AS (
  SELECT account_id, 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) AS nps
  FROM w WHERE rn = 1 GROUP BY account_id)
SELECT json_group_array(json_object('id', a.id, 'name', a.name, 'quadrant',
  CASE WHEN n.nps IS NULL THEN 'no_feedback'
       WHEN a.wallet > 0 AND 1.0 * a.revenue / a.wallet >= 0.4
            THEN CASE WHEN n.nps >= 30 THEN 'protect' ELSE 'repair' END
       ELSE CASE WHEN n.nps >= 30 THEN 'grow' ELSE 'fix_basics' END END,
  'nps', n.nps, 'share', CASE WHEN a.wallet > 0 THEN 1.0 * a.revenue / a.wallet END))
FROM accounts a LEFT JOIN n ON n.account_id = a.id WHERE a.status = 'active';
SQL

best() { # best of 3 wall-clock seconds of "$@"
	b=""
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null
		e=$(date +%s.%N)
		t=$(awk "BEGIN { print $e - $s }")
		if [ -z "$b" ] || awk "BEGIN { exit !($t < $b) }"; then b=$t; fi
	done
	printf '%.3f' "$b"
}
ours=$(best "$ACCTPLAN" --db "$BOOK" board --format json)
theirs=$(best sh -c "sqlite3 '$BOOK' < '$OUT/aggregate.sql'")
echo "board --format json: ${ours} s; sqlite3 aggregate query: ${theirs} s (100000 accounts, best of 3)"

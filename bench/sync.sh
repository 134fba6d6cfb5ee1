#!/bin/sh
# Team sync's speed (issue 11, DESIGN §6): applying 10,000 synced changes
# (a week of a team's notes, 5,000, and an import of 5,000 responses) must
# take at most a second.
#   bench/sync.sh PATH/TO/acctplan
# On the sample book and on the 100,000-account bench book (built as
# bench/run.sh builds it): laptop A makes the 10,000 rows with SQL, as
# another program would, and syncs; laptop B, a copy of the same book,
# syncs and applies them. Prints the time B spent applying (sync's own
# apply_ms: the changesets applied, conflicts resolved, clocks kept) and
# the whole `acctplan sync` command (open, send, apply, commit, and the
# standings of the touched accounts rebuilt), best of three. On the big
# book the command's time is mostly PRAGMA quick_check, which every first
# write of a session runs on a file over 16 MB (doc/schema.md).
set -eu
BIN=${1:?usage: bench/sync.sh PATH/TO/acctplan}
export ACCTPLAN_TODAY=${ACCTPLAN_TODAY:-2026-11-20}
OUT=${BENCH_DIR:-$(dirname "$0")/out}
BIG=$OUT/book-100000-seed1-history.db
W=$OUT/sync
command -v sqlite3 >/dev/null || { echo "bench/sync.sh needs the sqlite3 shell"; exit 1; }
command -v python3 >/dev/null || { echo "bench/sync.sh needs python3"; exit 1; }
mkdir -p "$OUT"
if [ ! -f "$BIG" ]; then
	echo "building $BIG (once; about a minute)..."
	"$BIN" sample --accounts 100000 --seed 1 --out "$BIG"
fi

now_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }

# bench NAME BASE: A's week into the folder, then B applies it three times
bench() {
	name=$1
	base=$2
	rm -rf "$W"
	mkdir -p "$W/dir"
	cp "$base" "$W/base.db"
	"$BIN" --db "$W/base.db" board --limit 1 >/dev/null
	cp "$W/base.db" "$W/a.db"
	sqlite3 "$W/a.db" "
		CREATE TEMP TABLE acc AS SELECT id, row_number() OVER (ORDER BY id) AS k
			FROM accounts WHERE status = 'active' LIMIT 400;
		CREATE TEMP TABLE n AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
			SELECT i + 1 FROM n WHERE i < 5000) SELECT i FROM n;
		INSERT INTO notes(account_id, kind, body, created_at)
			SELECT acc.id, CASE i % 3 WHEN 0 THEN 'call' WHEN 1 THEN 'followup' ELSE 'general' END,
			'week note ' || i, '2026-11-1' || (i % 10) || ' 10:00:00'
			FROM n JOIN acc ON acc.k = 1 + i % (SELECT count(*) FROM acc);
		INSERT INTO feedback(account_id, responded_on, score, comment, source)
			SELECT acc.id, '2026-11-' || (10 + i % 10), i % 11, 'imported response ' || i, 'survey'
			FROM n JOIN acc ON acc.k = 1 + (i * 7) % (SELECT count(*) FROM acc);"
	"$BIN" --db "$W/a.db" sync "$W/dir" >/dev/null
	best_apply=
	best_cmd=
	for run in 1 2 3; do
		rm -f "$W/b.db" "$W/b.db-wal" "$W/b.db-shm"
		cp "$W/base.db" "$W/b.db"
		"$BIN" --db "$W/b.db" board --limit 1 >/dev/null
		t0=$(now_ms)
		"$BIN" --db "$W/b.db" sync "$W/dir" --format json >"$W/report.json"
		t1=$(now_ms)
		apply=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["applied_changes"] == 10000, d["applied_changes"]; print(int(d["apply_ms"]))' "$W/report.json")
		cmd=$((t1 - t0))
		if [ -z "$best_apply" ] || [ "$apply" -lt "$best_apply" ]; then best_apply=$apply; fi
		if [ -z "$best_cmd" ] || [ "$cmd" -lt "$best_cmd" ]; then best_cmd=$cmd; fi
	done
	verdict=ok
	[ "$best_apply" -le 1000 ] || verdict="OVER THE 1000 ms BAR"
	printf '%-32s apply 10,000 changes: %5d ms (%s); whole sync command: %5d ms\n' \
		"$name" "$best_apply" "$verdict" "$best_cmd"
}

tmp=$(mktemp -d)
"$BIN" sample --out "$tmp/sample.db" 2>/dev/null
bench "sample book" "$tmp/sample.db"
bench "100,000-account book" "$BIG"
rm -rf "$tmp" "$W"

#!/bin/sh
# make bench: importing a million responses from CSV, against the sqlite3
# shell's .import of the same file into a plain table (DESIGN.md §6: no
# slower than 1.5x).
#   bench/import.sh PATH/TO/acctplan
# The CSV is `acctplan export responses` of the 100,000-account book
# (sample --accounts 100000 --seed 1, as bench/run.sh builds it); it is
# imported into a copy of that book with its responses taken out, the
# accounts and buyers left for the rows to name, the cache current. Both
# sides run best of BENCH_RUNS (3), from a fresh copy each time; both
# figures are wall-clock seconds, and the CPU seconds beside them say how
# busy the machine was.
set -eu
BIN=${1:?usage: bench/import.sh PATH/TO/acctplan}
export ACCTPLAN_TODAY=${ACCTPLAN_TODAY:-2026-11-20}
OUT=${BENCH_DIR:-$(dirname "$0")/out}
BOOK=$OUT/book-100000-seed1.db
CSV=$OUT/responses-100000-seed1.csv
EMPTY=$OUT/book-100000-seed1-no-responses.db
runs=${BENCH_RUNS:-3}
command -v sqlite3 >/dev/null || { echo "bench/import.sh: needs the sqlite3 shell" >&2; exit 1; }
mkdir -p "$OUT"
if [ ! -f "$BOOK" ]; then
	echo "building $BOOK (once; about a minute)..."
	"$BIN" sample --accounts 100000 --seed 1 --out "$BOOK"
fi
if [ ! -f "$CSV" ]; then
	"$BIN" --db "$BOOK" export responses >"$CSV.tmp"
	mv "$CSV.tmp" "$CSV"
fi
if [ ! -f "$EMPTY" ]; then
	cp "$BOOK" "$EMPTY.tmp"
	sqlite3 "$EMPTY.tmp" "PRAGMA foreign_keys = OFF; DELETE FROM feedback_defects;
		UPDATE notes SET feedback_id = NULL; UPDATE problems SET feedback_id = NULL;
		DELETE FROM feedback; VACUUM;"
	"$BIN" --db "$EMPTY.tmp" board --limit 1 >/dev/null
	mv "$EMPTY.tmp" "$EMPTY"
fi
# the books at this binary's schema, their caches current: an upgrade is
# not the import's to pay for (each run copies the book)
"$BIN" --db "$BOOK" board --limit 1 >/dev/null
"$BIN" --db "$EMPTY" board --limit 1 >/dev/null
rows=$(($(wc -l <"$CSV") - 1))

# secs CMD...: wall and CPU seconds of one run, "WALL CPU"
secs() {
	/usr/bin/env time -f "%e %U %S" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/import.err" || {
		cat "$OUT/import.err" >&2
		exit 1
	}
	awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$OUT/time.txt"
}
best() { # best WALL_CPU...: the pair with the least wall time
	printf '%s\n' "$@" | sort -n | head -1
}

ours=""
theirs=""
i=0
while [ $i -lt "$runs" ]; do
	rm -f "$OUT/t.db" "$OUT/t.db-wal" "$OUT/t.db-shm" "$OUT/plain.db"
	cp "$EMPTY" "$OUT/t.db"
	ours="$ours$(secs "$BIN" --db "$OUT/t.db" import responses "$CSV")
"
	theirs="$theirs$(secs sqlite3 "$OUT/plain.db" ".import --csv '$CSV' plain")
"
	i=$((i + 1))
done
got=$(sqlite3 "$OUT/t.db" "SELECT count(*) FROM feedback")
[ "$got" -eq "$rows" ] || { echo "bench/import.sh: imported $got of $rows rows" >&2; exit 1; }
o=$(printf '%s' "$ours" | sort -n | head -1)
t=$(printf '%s' "$theirs" | sort -n | head -1)
rm -f "$OUT/t.db" "$OUT/t.db-wal" "$OUT/t.db-shm" "$OUT/plain.db"
echo "$o $t" | awk -v rows="$rows" -v runs="$runs" '{
	printf "import of %d responses from CSV (100,000-account book), best of %d:\n", rows, runs
	printf "  %-34s %7.2f s wall, %7.2f s CPU\n", "acctplan import responses", $1, $2
	printf "  %-34s %7.2f s wall, %7.2f s CPU\n", "sqlite3 .import into a plain table", $3, $4
	printf "  %-34s %7.2f x wall, %7.2f x CPU (bar 1.5)\n", "ratio", $1 / $3, $2 / $4
}'

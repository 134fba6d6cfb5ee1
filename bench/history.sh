#!/bin/sh
# The history's size (issue 10): on the 100,000-account book, 14 daily
# refreshes with nothing else changing must grow the file by at most 4 MB.
#   bench/history.sh PATH/TO/acctplan
# Copies the bench book (built as bench/run.sh builds it, history of 14 days
# up to its day), then opens the copy on each of the 14 following days, as
# a user's first command of the day does (the refresh writes the history of
# every account whose standing moved as responses leave the window), and
# prints the file's growth with the rows written each day. Not in CI: it
# takes about a minute.
set -eu
BIN=${1:?usage: bench/history.sh PATH/TO/acctplan}
export ACCTPLAN_TODAY=${ACCTPLAN_TODAY:-2026-11-20}
OUT=${BENCH_DIR:-$(dirname "$0")/out}
BOOK=$OUT/book-100000-seed1-history.db
COPY=$OUT/history-growth.db
command -v sqlite3 >/dev/null || { echo "bench/history.sh needs the sqlite3 shell"; exit 1; }
mkdir -p "$OUT"
if [ ! -f "$BOOK" ]; then
	echo "building $BOOK (once; about 20 s)..."
	"$BIN" sample --accounts 100000 --seed 1 --out "$BOOK"
fi
"$BIN" --db "$BOOK" board --limit 1 >/dev/null
rm -f "$COPY" "$COPY-wal" "$COPY-shm"
cp "$BOOK" "$COPY"
size() { # the file and its WAL, bytes
	s=$(stat -c %s "$1")
	[ -f "$1-wal" ] && s=$((s + $(stat -c %s "$1-wal")))
	echo "$s"
}
before=$(size "$COPY")
rows0=$(sqlite3 "$COPY" "SELECT count(*) FROM snapshots")
echo "history growth: 100,000 accounts, 14 daily refreshes from $ACCTPLAN_TODAY"
printf '  %-12s %10s %12s %10s\n' day "rows added" "file bytes" "refresh"
day=1
prev=$rows0
while [ $day -le 14 ]; do
	d=$(date -d "$ACCTPLAN_TODAY + $day days" +%F)
	start=$(date +%s%N)
	ACCTPLAN_TODAY=$d "$BIN" --db "$COPY" board --limit 1 >/dev/null
	end=$(date +%s%N)
	n=$(sqlite3 "$COPY" "SELECT count(*) FROM snapshots")
	printf '  %-12s %10s %12s %7d ms\n' "$d" "$((n - prev))" "$(size "$COPY")" $(( (end - start) / 1000000 ))
	prev=$n
	day=$((day + 1))
done
after=$(size "$COPY")
grow=$((after - before))
printf '  %-32s %d bytes (%.2f MB; bar 4 MB), %s history rows added (%s before)\n' \
	"growth after 14 days" "$grow" "$(echo "$grow" | awk '{ print $1 / 1048576 }')" \
	"$((prev - rows0))" "$rows0"
[ "$grow" -le $((4 * 1024 * 1024)) ] && echo "  within the bar" || { echo "  OVER THE BAR"; exit 1; }

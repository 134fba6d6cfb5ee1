#!/bin/sh
# A day's rollover on the 100,000-account book (DESIGN §6: 150 ms): the
# first command of a day, `board --limit 1` with today moved on one day,
# on a copy of the book whose cache is current for the day before; the
# same command on the cache it leaves (no refresh) beside it; and a full
# rebuild (the fingerprint taken away), which a terminal sees as a
# progress line. Best and median of ROLLOVER_RUNS days (5), each on a fresh
# copy of the book.
#   bench/rollover.sh [ACCTPLAN_BINARY] [ACCOUNTS]
set -eu
ACCTPLAN=${1:-build/src/cli/acctplan}
N=${2:-100000}
OUT=${BENCH_DIR:-bench/out}
DAY0=${ACCTPLAN_TODAY:-2026-11-20}
mkdir -p "$OUT"
BOOK=$OUT/book-$N-seed1-history.db
if [ ! -f "$BOOK" ]; then
	echo "building $BOOK (once)..."
	ACCTPLAN_TODAY=$DAY0 "$ACCTPLAN" sample --accounts "$N" --seed 1 --out "$BOOK"
fi
ACCTPLAN_TODAY=$DAY0 "$ACCTPLAN" --db "$BOOK" board --limit 1 >/dev/null
COPY=$OUT/rollover.db
ms() { # wall milliseconds of "$@"
	s=$(date +%s%N)
	"$@" >/dev/null
	e=$(date +%s%N)
	echo $(((e - s) / 1000000))
}
stats() { sort -n | awk '{ t[NR] = $1 } END { printf "best %d ms, median %d ms, worst %d ms", t[1], t[int((NR + 1) / 2)], t[NR] }'; }
: >"$OUT/rollover.times"
: >"$OUT/fresh.times"
for k in $(seq 1 "${ROLLOVER_RUNS:-5}"); do
	day=$(date -u -d "$DAY0 + $k days" +%F)
	prev=$(date -u -d "$DAY0 + $((k - 1)) days" +%F)
	rm -f "$COPY" "$COPY-wal" "$COPY-shm"
	sqlite3 "$BOOK" ".backup '$COPY'"
	sync # the copy on disk: a day's first command finds its book there
	# the copy's cache current for the day before, the pages it reads warm
	ACCTPLAN_TODAY=$prev "$ACCTPLAN" --db "$COPY" board --limit 1 >/dev/null
	ACCTPLAN_TODAY=$day ms "$ACCTPLAN" --db "$COPY" board --limit 1 >>"$OUT/rollover.times"
	ACCTPLAN_TODAY=$day ms "$ACCTPLAN" --db "$COPY" board --limit 1 >>"$OUT/fresh.times"
done
last=$(date -u -d "$DAY0 + $k days" +%F)
n=$(sqlite3 "$COPY" "SELECT count(DISTINCT account_id) FROM feedback WHERE responded_on IN
	('$last', date('$last', '-365 days'))")
echo "rollover on $N accounts: board --limit 1 the day after: $(stats <"$OUT/rollover.times") (bar 150);" \
	"the same on a current cache: $(stats <"$OUT/fresh.times"); about $n accounts rebuilt a day"
sqlite3 "$COPY" "DELETE FROM cache_state WHERE key = 'fingerprint'"
full=$( { /usr/bin/time -f '%e %M' env ACCTPLAN_TODAY=$last \
	"$ACCTPLAN" --db "$COPY" board --limit 1 >/dev/null; } 2>&1 | tail -1)
echo "full rebuild on $N accounts: $(echo "$full" | awk '{ printf "%.2f s, peak %.0f MB", $1, $2 / 1024 }')"
rm -f "$COPY" "$COPY-wal" "$COPY-shm"

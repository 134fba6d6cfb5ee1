#!/bin/sh
# How long `acctplan sample --accounts N --seed 1` takes to build a book
# (DESIGN §6 and issue 15: a million accounts in 3 minutes), and its peak
# memory; the book is made in bench/out and removed after. make bench runs
# it on 100,000 accounts, make bench-1m on a million (about 4 GB of disk
# while it runs).
#   bench/sample.sh [ACCTPLAN_BINARY] [ACCOUNTS]
set -eu
ACCTPLAN=${1:-build/src/cli/acctplan}
N=${2:-100000}
OUT=${BENCH_DIR:-bench/out}
export ACCTPLAN_TODAY=${ACCTPLAN_TODAY:-2026-11-20}
mkdir -p "$OUT"
BOOK=$OUT/sample-timed.db
rm -f "$BOOK" "$BOOK-wal" "$BOOK-shm"
/usr/bin/time -o "$OUT/sample.time" -f '%e %M %U' "$ACCTPLAN" sample --accounts "$N" --seed 1 \
	--out "$BOOK" >/dev/null
took=$(tail -1 "$OUT/sample.time")
rm -f "$BOOK" "$BOOK-wal" "$BOOK-shm" "$OUT/sample.time"
echo "$took" | awk -v n="$N" '{ printf "sample --accounts %d: %.1f s wall, %.1f s CPU, peak %.0f MB%s\n",
	n, $1, $3, $2 / 1024, n == 1000000 ? " (bar 180 s)" : "" }'

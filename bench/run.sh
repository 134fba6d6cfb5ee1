#!/bin/sh
# make bench: times the console on the 100,000-account book (make
# bench-1m: BENCH_ACCOUNTS=1000000, the million-account book).
#   bench/run.sh PATH/TO/acctplan
# Builds the book once (sample --accounts N --seed 1, today pinned to
# the same day as the runs, so the account cache is fresh; it holds 14 days
# of history and two standups), then drives the console headless through a
# fixed key script (ACCTPLAN_SCRIPT, frames logged to stderr), times
# `standup --format json`, and prints the figures DESIGN.md §6 sets bars
# for.
set -eu
BIN=${1:?usage: bench/run.sh PATH/TO/acctplan}
export ACCTPLAN_TODAY=${ACCTPLAN_TODAY:-2026-11-20}
OUT=${BENCH_DIR:-$(dirname "$0")/out}
N=${BENCH_ACCOUNTS:-100000}
BOOK=$OUT/book-$N-seed1-history.db
mkdir -p "$OUT"
if [ ! -f "$BOOK" ]; then
	echo "building $BOOK (once; about 20 s a 100,000 accounts)..."
	"$BIN" sample --accounts "$N" --seed 1 --out "$BOOK"
fi
# warm the OS file cache with the whole book (a million-account book is
# some 4 GB: read cold, each key would time the disk, not acctplan), then
# the account cache once (the standup reads the history, the actions and
# the problems' dates, which the board does not)
cat "$BOOK" >/dev/null
"$BIN" --db "$BOOK" board --limit 1 >/dev/null
"$BIN" --db "$BOOK" standup --format json >/dev/null

SCRIPT=$OUT/keys.txt
{
	for i in 1 2 3 4 5 6 7 8 9 10; do echo Down; done
	echo Right; echo Down; echo Down; echo Left
	for i in 1 2 3; do
		echo Enter; echo Tab; echo Tab; echo Tab; echo Tab; echo Down; echo Esc
		echo Down
	done
	echo 2
	for i in 1 2 3 4 5; do echo Down; done
	echo PgDn
	echo Enter; echo Tab; echo Esc
	echo /
	echo ":type ltd"
	echo Backspace; echo Backspace; echo Backspace
	echo ":type zz"
	echo Enter
	echo Esc
	# the other views: their first open in the process, then moves
	echo 3
	for i in 1 2 3 4 5; do echo Down; done
	echo PgDn
	echo Enter; echo Esc
	echo 4
	for i in 1 2 3; do echo Down; done
	echo Enter
	for i in 1 2 3; do echo Down; done
	echo Esc
	echo 1
	echo s
	for i in 1 2 3; do echo Right; done
	echo Up; echo Left
	echo s
	# the Standup view: what moved since the last standup, 14 days of history
	echo 5
	for i in 1 2 3 4 5; do echo Down; done
	echo PgDn
	# the Plays view (a page of accounts' plays at a time) and its status
	# filter, and the Win-back view
	echo 6
	for i in 1 2 3 4 5; do echo Down; done
	echo PgDn; echo PgDn
	echo f; echo f; echo f
	echo 7
	for i in 1 2 3; do echo Down; done
	echo 1
} > "$SCRIPT"

LOG=$OUT/frames.log
runs=${BENCH_RUNS:-5}
: > "$LOG"
i=0
while [ $i -lt $runs ]; do
	start=$(date +%s%N)
	ACCTPLAN_SCRIPT=$SCRIPT ACCTPLAN_SCRIPT_SIZE=200x60 TERM=xterm-256color \
		"$BIN" --db "$BOOK" 2>>"$LOG"
	end=$(date +%s%N)
	echo "wall $(( (end - start) / 1000000 ))" >> "$LOG"
	i=$((i + 1))
done

# Frame lines: "frame N KEY MS ms". Keys are classed as the bars are.
awk -v runs="$runs" -v book="$N" -v firstbar="${BENCH_FIRST_BAR:-50}" '
function cls(k) {
	if (k == "Down" || k == "Up" || k == "Left" || k == "Right" || k == "PgDn") return "move"
	if (k == "Enter") return "open"
	if (k == "Tab") return "tab"
	if (k == "Esc") return "back"
	if (k == "type" || k == "Backspace") return "filter"
	if (k == "5") return "standup view"
	if (k == "2" || k == "3" || k == "4" || k == "1" || k == "s" || k == "6" || k == "7" || k == "f") return "switch view"
	return ""
}
$1 == "frame" && $3 == "start" { start[++ns] = $4 }
$1 == "frame" && $3 != "start" { c = cls($3); if (c == "") next
	n[c]++; sum[c] += $4; if ($4 > max[c]) max[c] = $4; all[c, n[c]] = $4 }
$1 == "peak-rss" { if ($2 > rss) rss = $2 }
$1 == "wall" { w[++nw] = $2 }
function median(a, k,   i, j, t, b) { for (i = 1; i <= k; i++) b[i] = a[i]
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
	return b[int((k + 1) / 2)] }
END {
	printf "acctplan console bench: %d accounts, 200x60, %d runs\n", book, runs
	printf "  %-32s %8.1f ms (median; bar %d)\n", "start -> first board frame", median(start, ns), firstbar
	printf "  %-32s %8.1f ms (median of whole runs, start to exit)\n", "whole scripted run", median(w, nw)
	split("move,open,tab,back,filter,switch view", order, ",")
	for (i = 1; i <= 6; i++) { c = order[i]
		printf "  %-32s %8.2f ms mean, %8.2f ms max (bar %d)\n", "key: " c, sum[c] / n[c], max[c],
			c == "filter" ? 20 : 10 }
	c = "standup view"
	printf "  %-32s %8.2f ms mean, %8.2f ms max (bar 50)\n", "key: 5, the standup view", sum[c] / n[c], max[c]
	printf "  %-32s %8.1f MB (bar 40)\n", "peak RSS", rss
}' "$LOG"

# the worst keys of the script, each its slowest over the runs: where a
# bar is missed, the key that missed it
awk '$1 == "frame" && $3 != "start" { k = $2; name[k] = $3; if ($4 > m[k]) m[k] = $4 }
END { for (k in m) printf "%.2f %d %s\n", m[k], k, name[k] }' "$LOG" | sort -rn | head -6 |
	awk '{ printf "  %-32s %8.2f ms max\n", "worst: key " $2 " of the script, " $3, $1 }'

# `standup --format json`, process start to exit (bar 100 ms)
: > "$OUT/standup.times"
i=0
while [ $i -lt "$runs" ]; do
	start=$(date +%s%N)
	"$BIN" --db "$BOOK" standup --format json > "$OUT/standup.json"
	end=$(date +%s%N)
	echo $(( (end - start) / 1000 )) >> "$OUT/standup.times"
	i=$((i + 1))
done
sort -n "$OUT/standup.times" | awk -v runs="$runs" '
{ t[NR] = $1 / 1000 }
END { printf "  %-32s %8.1f ms median, %8.1f ms max (bar 100)\n", "standup --format json", t[int((NR + 1) / 2)], t[NR] }'
python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
print('  %-32s since %s: %d moved, %d new detractors, %d overdue follow-ups, %d problems, %d actions'
      % ('  (what it reported)', d['since'], len(d['moved']), len(d['new_detractors']),
         len(d['overdue_followups']), len(d['problems_moved']), len(d['actions'])))" "$OUT/standup.json" 2>/dev/null || true

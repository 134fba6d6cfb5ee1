#!/bin/bash
# Runs every libFuzzer harness for a while.
#   CC=clang meson setup build-fuzz -Dfuzz=true -Dtests=false
#   bash fuzz/run.sh build-fuzz [SECONDS]      (default 60 each)
# Each harness starts from fuzz/corpus/NAME (the sample book seeds the book
# loader) and grows a working corpus in BUILD/fuzz/corpus-NAME; crashes are
# written to BUILD/fuzz/crash-NAME-*. Exits non-zero if any harness crashed.
set -u
BUILD=${1:?usage: fuzz/run.sh BUILD [SECONDS]}
SECS=${2:-60}
SRC=$(cd "$(dirname "$0")" && pwd)
status=0
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
for name in date text config book keys theme; do
	exe="$BUILD/fuzz/fuzz_$name"
	work="$BUILD/fuzz/corpus-$name"
	mkdir -p "$work"
	cp -n "$SRC/corpus/$name"/* "$work/" 2>/dev/null
	[ "$name" = book ] && cp -n "$SRC/../sample-db/book.yaml" "$work/sample-book.yaml"
	dict=()
	[ -f "$SRC/$name.dict" ] && dict=(-dict="$SRC/$name.dict")
	echo "== fuzz_$name for ${SECS}s"
	"$exe" "${dict[@]}" -max_total_time="$SECS" -print_final_stats=1 \
		-artifact_prefix="$BUILD/fuzz/crash-$name-" -max_len=65536 \
		"$work" 2>"$BUILD/fuzz/fuzz_$name.log"
	rc=$?
	grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|^#[0-9]+.*DONE' \
		"$BUILD/fuzz/fuzz_$name.log"
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "fuzz_$name: crashed (exit $rc); see $BUILD/fuzz/fuzz_$name.log"
		grep -E 'ERROR|SUMMARY|#[0-9]+ 0x' "$BUILD/fuzz/fuzz_$name.log" | head -20
	fi
done
exit $status

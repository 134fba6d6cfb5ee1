#!/bin/bash
# Runs every libFuzzer harness for a while.
#   CC=clang meson setup build-fuzz -Dfuzz=true -Dtests=false
#   bash fuzz/run.sh build-fuzz [SECONDS] [NAME...]   (default 60 each, all)
# Each harness starts from fuzz/corpus/NAME (the sample book seeds the book
# loader) and grows a working corpus in BUILD/fuzz/corpus-NAME; crashes are
# written to BUILD/fuzz/crash-NAME-*. A crash in one harness does not stop
# the others: all run, a summary names each one that crashed, and the exit
# status is non-zero if any did.
set -u
BUILD=${1:?usage: fuzz/run.sh BUILD [SECONDS] [NAME...]}
SECS=${2:-60}
shift $(($# < 2 ? $# : 2))
SRC=$(cd "$(dirname "$0")" && pwd)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(date text csv parse config book keys theme import changeset)
crashed=()
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
for name in "${names[@]}"; do
	exe="$BUILD/fuzz/fuzz_$name"
	work="$BUILD/fuzz/corpus-$name"
	mkdir -p "$work"
	cp -n "$SRC/corpus/$name"/* "$work/" 2>/dev/null
	[ "$name" = book ] && cp -n "$SRC/../sample-db/book.yaml" "$work/sample-book.yaml"
	dict=()
	[ -f "$SRC/$name.dict" ] && dict=(-dict="$SRC/$name.dict")
	echo "== fuzz_$name for ${SECS}s"
	if [ ! -x "$exe" ]; then
		echo "fuzz_$name: not built ($exe)"
		crashed+=("$name (not built)")
		continue
	fi
	"$exe" "${dict[@]}" -max_total_time="$SECS" -print_final_stats=1 \
		-artifact_prefix="$BUILD/fuzz/crash-$name-" -max_len=65536 \
		"$work" 2>"$BUILD/fuzz/fuzz_$name.log"
	rc=$?
	grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|^#[0-9]+.*DONE' \
		"$BUILD/fuzz/fuzz_$name.log"
	if [ "$rc" -ne 0 ]; then
		crashed+=("$name (exit $rc)")
		echo "fuzz_$name: crashed (exit $rc); see $BUILD/fuzz/fuzz_$name.log"
		grep -E 'ERROR|SUMMARY|#[0-9]+ 0x|Test unit written' "$BUILD/fuzz/fuzz_$name.log" | head -20
	fi
done
echo "== ${#names[@]} harnesses, ${#crashed[@]} crashed${crashed[*]:+: ${crashed[*]}}"
[ ${#crashed[@]} -eq 0 ]

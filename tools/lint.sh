#!/bin/sh
# Static analysis: clang-tidy with the checks in .clang-tidy over every C
# file of the project, against the build's compile_commands.json, one
# process per core.
#   tools/lint.sh BUILD_DIR          (make lint)
set -u
build=$1
cd "$(dirname "$0")/.."
command -v clang-tidy >/dev/null 2>&1 || {
	echo "lint: clang-tidy is not installed (apt-get install clang-tidy)" >&2
	exit 1
}
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
rc=0
out=$(find src tools -name '*.c' | sort |
	xargs -P "$jobs" -n 4 clang-tidy -p "$build" --quiet 2>&1) || rc=$?
printf '%s\n' "$out" | grep -v 'warnings\? generated\.$' | grep -v '^$'
echo "clang-tidy: exit $rc"
exit $rc

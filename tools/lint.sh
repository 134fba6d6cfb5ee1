#!/bin/sh
# Static analysis: clang-tidy with the checks in .clang-tidy over every C
# file of the project, against the build's compile_commands.json.
#   tools/lint.sh BUILD_DIR
set -u
build=$1
cd "$(dirname "$0")/.."
files=$(find src tools -name '*.c' | sort)
rc=0
# shellcheck disable=SC2086
out=$(clang-tidy -p "$build" --quiet $files 2>&1) || rc=$?
printf '%s\n' "$out" | grep -v 'warnings\? generated\.$'
echo "clang-tidy: exit $rc"
exit $rc

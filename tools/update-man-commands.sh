#!/bin/sh
# Replaces the generated COMMANDS and OPTIONS sections of doc/acctplan.1 with
# `acctplan help --man`, which writes them from the command tables of
# src/cli/cmd_*.c; with --check, only says whether they differ.
#   tools/update-man-commands.sh ACCTPLAN_BINARY MAN_PAGE [--check]
set -eu
bin=$1 page=$2
gen=$(mktemp) new=$(mktemp)
trap 'rm -f "$gen" "$new"' EXIT
"$bin" help --man >"$gen"
awk -v gen="$gen" '
/^\.\\" COMMANDS BEGIN/ { print; while ((getline line < gen) > 0) print line; close(gen); skip = 1; next }
/^\.\\" COMMANDS END/ { skip = 0 }
!skip { print }
' "$page" > "$new"
if ! grep -q '^\.\\" COMMANDS BEGIN' "$page" || ! grep -q '^\.\\" COMMANDS END' "$page"; then
	echo "acctplan(1) has no COMMANDS BEGIN/END markers" >&2
	exit 1
fi
if [ "${3:-}" = "--check" ]; then
	if ! cmp -s "$new" "$page"; then
		echo "acctplan(1) is out of date with the command tables: run make man" >&2
		diff -u "$page" "$new" | head -40 >&2
		exit 1
	fi
	echo "acctplan(1) commands are current"
	exit 0
fi
cp "$new" "$page"

#!/bin/sh
# Replaces the generated KEYS section of doc/acctplan.1 with the output of
# keys-doc (tools/keys-doc.c); with --check, only says whether it differs.
#   tools/update-man-keys.sh KEYS_DOC_BINARY MAN_PAGE [--check]
set -eu
gen=$1 page=$2
new=$(mktemp)
trap 'rm -f "$new"' EXIT
awk -v gen="$gen" '
/^\.\\" KEYS BEGIN/ { print; while ((gen | getline line) > 0) print line; close(gen); skip = 1; next }
/^\.\\" KEYS END/ { skip = 0 }
!skip { print }
' "$page" > "$new"
if [ "${3:-}" = "--check" ]; then
	if ! cmp -s "$new" "$page"; then
		echo "acctplan(1) is out of date with the key bindings: run make man" >&2
		diff -u "$page" "$new" | head -40 >&2
		exit 1
	fi
	echo "acctplan(1) keys are current"
	exit 0
fi
cp "$new" "$page"

#!/bin/bash
# Terminals the console cannot use: a dumb one (no cursor addressing), an
# unknown TERM, no TERM. Each gets one clear line and exit 1, never garbage.
# A non-UTF-8 locale degrades (no wide characters) but still draws the board.
. "$(dirname "$0")/lib.sh"
sample_db

start 100 10 TERM=dumb -- --db "$DB"
expect "cannot move the cursor"
expect "[exit 1]"
tmux -L "$SOCK" kill-server

start 100 10 TERM=no-such-terminal -- --db "$DB"
expect "cannot use the terminal type \"no-such-terminal\""
expect "[exit 1]"
tmux -L "$SOCK" kill-server

out=$(env -u TERM "$ACCTPLAN" --db "$DB" 2>&1 </dev/null)
rc=$?
[ $rc -eq 1 ] || fail "no TERM: exit $rc, want 1"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "no TERM: want one line, got: $out"

start 80 24 LANG=C LC_ALL=C -- --db "$DB"
expect "Repair"
expect "No feedback"
keys q
expect "[exit 0]"
echo ok

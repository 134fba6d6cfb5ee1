#!/bin/bash
# Terminals the console cannot use: a dumb one (no cursor addressing), an
# unknown TERM, no TERM. Each gets one clear line and exit 1, never garbage.
# Home and End work as tmux sends them. A non-UTF-8 locale degrades (no wide characters) but still draws the board.
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

# End and Home as tmux sends them (ESC [ 4 ~, ESC [ 1 ~), which the
# xterm-256color entry does not list: still one key each, not a "4"
start 80 24 -- --db "$DB"
expect "Repair"
keys 2
expect "acctplan · Accounts"
expect_no "Ironbridge Roofing"
keys End
expect "Ironbridge Roofing"
expect_no "acctplan · Defects"
keys Home
expect "Brightwater Util"
keys Q
expect "[exit 0]"
tmux -L "$SOCK" kill-server

start 80 24 LANG=C LC_ALL=C -- --db "$DB"
expect "Repair"
expect "No feedback"
keys Q
expect "[exit 0]"
echo ok

#!/bin/bash
# NO_COLOR=1: not one colour escape on the screen; without it, colour.
. "$(dirname "$0")/lib.sh"
sample_db
start 80 24 NO_COLOR=1 -- --db "$DB"
expect "Repair ◆"
# SGR colour parameters: 30-37, 38;..., 40-47, 48;..., 90-97, 100-107
colour=$'\e\\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]*)*m'
if screen -e | grep -qE "$colour"; then
	fail "colour escape with NO_COLOR=1"
fi
screen -e | grep -qE $'\e\\[[0-9;]*[17]m' || fail "no attributes with NO_COLOR=1"
tmux -L "$SOCK" kill-server
start 80 24 -- --db "$DB"
expect "Repair ◆"
screen -e | grep -qE "$colour" || fail "no colour without NO_COLOR"
echo ok

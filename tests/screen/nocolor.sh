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
tmux -L "$SOCK" kill-server
sleep 0.3

# a theme with a background paints blank cells too, not only behind text:
# the cells after an account's plan condition must be black (40), not the
# terminal's own background
start 80 24 -- --db "$DB" --theme high-contrast
expect "Repair ◆"
keys Enter
keys P
expect "Jacket credit"
row=$(screen -e -N | grep "Jacket credit")
printf '%s' "$row" | grep -qE $'\e\\[(40|48;5;0)m +$' ||
	fail "high-contrast: blank cells keep the terminal's background: $(printf '%q' "$row")"
echo ok

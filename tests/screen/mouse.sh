#!/bin/bash
# The mouse: a click selects a board or table row and a second click opens it; the
# wheel scrolls the feedback history; with `mouse: false` in config.yaml a
# click does nothing. Events are sent as the xterm SGR sequences a terminal
# writes for them.
. "$(dirname "$0")/lib.sh"
sample_db

click() { # click X Y (1-based cell)
	tmux -L "$SOCK" send-keys -l $'\e[<0;'"$1;$2"'M'
	tmux -L "$SOCK" send-keys -l $'\e[<0;'"$1;$2"'m'
	sleep 0.2
}
wheel_down() {
	tmux -L "$SOCK" send-keys -l $'\e[<65;'"$1;$2"'M'
	sleep 0.2
}

start 80 24 -- --db "$DB"
expect "Repair"
# row 7 of the board is the second repair account
row=$(screen | sed -n 7p)
case $row in *Stanwick*) ;; *) fail "row 7 is not Stanwick Rail: $row" ;; esac
click 5 7
click 5 7
expect "Stanwick Rail Maintenance  Marcus Delaney"
before=$(screen | sed -n 9p)
wheel_down 20 12
wheel_down 20 12
after=$(screen | sed -n 9p)
[ "$before" != "$after" ] || fail "the wheel did not scroll the feedback: $before"
# the accounts table: row 6 is the third account in priority order
keys 2
expect "acctplan · Accounts"
click 5 6
click 5 6
expect "Northgate Distribution Ltd  Callum Byrne"
keys Q
expect "[exit 0]"
tmux -L "$SOCK" kill-server

mkdir -p "$XDG_CONFIG_HOME/acctplan"
printf 'mouse: false\n' > "$XDG_CONFIG_HOME/acctplan/config.yaml"
start 80 24 -- --db "$DB"
expect "Repair"
# unparsed, the sequence arrives as keys, its digits among them: a column
# and a row whose digits no key is bound to (5 goes to the standup, 6 to
# the plays, 7 to the win-back)
click 8 9
click 8 9
sleep 0.3
expect "acctplan · Board"
expect_no "Stanwick Rail Maintenance  Marcus"
echo ok

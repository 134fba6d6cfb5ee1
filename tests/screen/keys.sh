#!/bin/bash
# Bindings from config.yaml: a good one works, a bad one is a warning with
# file:line:col and the default stays; help lists the view's keys; themes.
. "$(dirname "$0")/lib.sh"
sample_db
mkdir -p "$XDG_CONFIG_HOME/acctplan/themes"
cat > "$XDG_CONFIG_HOME/acctplan/config.yaml" <<YAML
keys:
  board:
    z: accounts
    Q: no-such-action
YAML
cat > "$XDG_CONFIG_HOME/acctplan/themes/broken.yaml" <<YAML
colors:
  repair: {fg: not-a-colour}
YAML
start 200 60 -- --db "$DB" --theme broken
expect "Repair ◆"
expect "config.yaml:4:5"
keys '?'
expect "Help: Board"
expect "go to the accounts table"
screen | grep -qE " z +go to the accounts table" || fail "z is not listed for accounts"
# the key column is as wide as its widest entry: nothing runs into the text
screen | grep -qE "PgDn C-v C-d Space +move down one page" || fail "the key column overflows"
expect "warnings this session: W lists them"
keys Escape
# every warning, whole, in the warnings overlay (W); the status line keeps
# a count until then
expect "warnings: W"
keys W
expect "Warnings (q closes)"
expect "config.yaml:4:5"
expect "broken.yaml:2:16"
keys q
expect_no "Warnings (q closes)"
keys z
expect "52 accounts"
# q goes back below the top view, as Esc does; in help it closes the help;
# on the board it quits. Q quits from anywhere.
keys Enter
expect "Feedback ("
keys q
expect "52 accounts"
keys q
expect "Repair ◆"
keys '?'
expect "Help: Board"
screen | grep -qE " q +go back; on the board, quit acctplan" || fail "help does not say what q does"
keys q
expect_no "Help: Board"
expect "Repair ◆"
keys 2
keys Enter
expect "Feedback ("
keys Q
expect "[exit 0]"
echo ok

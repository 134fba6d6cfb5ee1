#!/bin/bash
# Hostile text in the database draws safely: escape sequences and control
# characters in caret form, wide and combining characters aligned, long
# names cut; the window title is never changed.
. "$(dirname "$0")/lib.sh"
sample_db
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
long=$(printf 'L%.0s' $(seq 1 10000))
sqlite3 "$DB" <<SQL || fail "fixture"
UPDATE accounts SET name = char(27) || ']0;PWNED' || char(7) || 'Evil' || char(27) || '[31mRed' || char(9) || 'Tab' || char(10) || 'NL'
  WHERE name = 'Brightwater Utilities';
UPDATE accounts SET name = '東京ガス株式会社🚀e' || char(769) || 'x' WHERE name = 'Stanwick Rail Maintenance';
UPDATE accounts SET name = '$long' WHERE name = 'Northgate Distribution Ltd';
UPDATE accounts SET owner = char(27) || '[2J' || char(27) || 'cOwner' WHERE owner = 'Priya Raman';
UPDATE feedback SET comment = char(27) || ']2;TITLE' || char(7) || char(27) || '[?1049l' || char(1) || char(127) || 'Comment ' || char(27) || 'P+q' || char(27) || '\\'
  WHERE comment LIKE '%600 jackets%';
SQL
start 200 60 -- --db "$DB"
tmux -L "$SOCK" set-option -g set-titles on >/dev/null
expect "^[]0;PWNED^GEvil^[[31mRed Tab NL"
expect "東京ガス株式会社🚀"
expect "LLLLLLLL"
# the row after the CJK name keeps its columns: NPS of Stanwick is -25
screen | grep -F "東京ガス" | grep -qE " -25 +66% " || fail "CJK row misaligned"
keys Enter
expect "^[]2;TITLE^G^[[?1049l^A^?Comment ^[P+q^[\\"
title=$(tmux -L "$SOCK" display-message -p '#{pane_title}')
case "$title" in *PWNED*|*TITLE*) fail "the window title was changed: $title" ;; esac
keys 2
expect "^[[2J^[cOwner"
keys Q
expect "[exit 0]"

# a combining mark right after a run of ASCII that fills the name column
# (18 columns at 80x24; sorted by name, it comes first) stays on its
# letter
sqlite3 "$DB" "UPDATE accounts SET name = 'Abcdefghijklmnopqe' || char(769)
	WHERE name = 'Kestrel Scaffolding'" || fail "fixture"
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
start 80 24 -- --db "$DB"
expect "Repair"
keys 2
keys '>'
expect "sorted by name"
expect "Abcdefghijklmnopq"
screen | grep -qa "Abcdefghijklmnopq"$'e\xcc\x81' ||
	fail "the accent of the column's last letter was dropped: $(screen | grep -a Abcdef)"
keys Q
expect "[exit 0]"
echo ok

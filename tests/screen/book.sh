#!/bin/bash
# Keeping the book true by hand in the console (issue 9): from an empty
# file, add an account on the board, a buyer and a response on its view,
# and see the board move it; edit the wallet and see the share change; undo
# it (U) and see what was undone; a bad score refused with nothing
# written; won and lost with the win-back plan; the row cursor picks the
# buyer a delete applies to; a rebound key changes the hint; and a kill -9
# while a form is open keeps what was typed.
. "$(dirname "$0")/lib.sh"
STATE="$TMPD/state"
DB=$TMPD/book.db
rows() { sqlite3 "$DB" "$1" 2>/dev/null; }

# ---- an empty file: add an account from the board --------------------------
: >"$DB"
start 100 30 "XDG_STATE_HOME=$STATE" VISUAL= EDITOR= -- --db "$DB"
expect "This book is empty"
expect "+ adds an account"
expect "+ add an account"
keys +
expect "Add an account"
keys -l "Zenith Labs"
keys Tab
keys -l "Priya Raman"
keys Tab Tab Right Tab Tab
keys C-u
keys -l 120000
keys Tab
keys -l 400000
keys C-s
expect "Account added: Zenith Labs"
# straight to the new account, whose hints say what comes next
expect "Feedback (0)"
expect "share 30%"
keys Escape
expect "No feedback"
expect "Zenith Labs"
[ "$(rows "SELECT name || '|' || revenue || '|' || wallet || '|' || fit FROM accounts")" = "Zenith Labs|120000|400000|good" ] ||
	fail "the account is not in the file as typed"

# ---- a buyer and a response: the board moves it to grow ------------------------
keys Enter
expect "Feedback (0)"
keys B
expect "Add a buyer"
keys -l "Ana Ruiz"
keys Tab Right
keys C-s
expect "Buyer added: Ana Ruiz"
keys s
expect "Record a response"
keys -l 11
keys C-s
expect "Score: a score is a whole number from 0 to 10"
[ "$(rows "SELECT count(*) FROM feedback")" = 0 ] || fail "a bad score was written"
keys BSpace BSpace
keys -l 9
keys Tab Tab Right
expect "Ana Ruiz (decision maker)"
keys C-s
expect "Response recorded: 9 on 2026-11-20"
expect "NPS 100 (1 counted)"
expect "Grow: qualified for upsell"
keys 1
expect "Grow ◆"
screen | grep -A4 "^ Grow\| Grow " | grep -q "Zenith Labs" || fail "the board did not move Zenith Labs to grow"

# ---- edit the wallet: the share changes; undo puts it back ---------------------
keys Enter
expect "share 30%"
keys e
expect "Edit the account"
keys Tab Tab Tab Tab Tab Tab
keys C-u
keys -l 200000
keys C-s
expect "Account saved"
expect "share 60%"
expect "Protect: reinforce"
keys U
expect "Undone: Edit the account"
expect "share 30%"
expect "Grow: qualified"
[ "$(rows "SELECT wallet FROM accounts")" = 400000 ] || fail "undo did not put the wallet back"
keys U
expect "Undone: Record a response"
expect "Feedback (0)"
keys U
expect "Undone: Add a buyer"
expect "Contacts (0)"

# ---- the row cursor: the buyer a delete applies to --------------------------------
"$ACCTPLAN" --db "$DB" contact add zenith "Bo Second" >/dev/null 2>&1
"$ACCTPLAN" --db "$DB" contact add zenith "Cy Third" >/dev/null 2>&1
expect "Contacts (2)"
keys c
expect "Bo Second"
keys Down
keys x
expect "Delete the buyer Cy Third"
keys Right
keys C-s
expect "Buyer deleted"
expect "Contacts (1)"
[ "$(rows "SELECT group_concat(name) FROM contacts")" = "Bo Second" ] || fail "the wrong buyer was deleted"
keys U
expect "Contacts (2)"

# ---- kill -9 while a form is open keeps the draft --------------------------------------
keys s
expect "Record a response"
keys -l 7
keys Tab Tab Tab Tab
keys -l "Typed before the terminal died"
expect "Typed before the terminal died"
pane=$(tmux -L "$SOCK" list-panes -F '#{pane_pid}' | head -1)
pid=$(pgrep -P "$pane" -x acctplan | head -1)
[ -n "$pid" ] || fail "no console to kill"
kill -KILL "$pid"
sleep 0.5
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
grep -rq "Typed before the terminal died" "$STATE"/acctplan/drafts/ 2>/dev/null ||
	fail "the draft lost what was typed before kill -9"
[ "$(rows "SELECT count(*) FROM feedback")" = 0 ] || fail "a killed form wrote a response"
start 100 30 "XDG_STATE_HOME=$STATE" VISUAL= EDITOR= -- --db "$DB"
expect "Zenith Labs"
keys Enter
expect "Feedback (0)"
keys s
expect "Your unsaved draft"
expect "Typed before the terminal died"
keys Escape

# ---- won and lost ---------------------------------------------------------------------
keys w
expect "Mark a sale won"
keys C-s
expect "check-ins fall due"
[ "$(rows "SELECT won_on FROM accounts")" = 2026-11-20 ] || fail "won_on not set"
keys L
expect "Mark the account lost"
keys C-s
expect "Lost to is empty"
keys -l "Acme Corp"
keys Tab
keys -l "price"
keys Tab Tab
keys -l "Quarterly visit"
keys C-s
expect "Marked lost"
expect "Lost: to Acme Corp (price)"
expect "Win-back plan: Quarterly visit"
[ "$(rows "SELECT status || '|' || lost_to || '|' || winback_plan FROM accounts")" = "lost|Acme Corp|Quarterly visit" ] ||
	fail "lost not kept"
# a lost account is off the board and the table, until the table shows all
keys 2
expect "0 accounts"
keys a
expect "lost and prospects too"
expect "Zenith Labs"
screen | grep "Zenith Labs" | grep -q "lost" || fail "the table does not say the account is lost"
keys Enter
expect "Win-back plan: Quarterly visit"
keys Q
expect "[exit 0]"

# ---- a rebound key changes the hint -----------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/acctplan"
cat >"$XDG_CONFIG_HOME/acctplan/config.yaml" <<'YAML'
keys:
  account:
    B: none
    y: contact-add
  global:
    U: none
    C-z: undo
YAML
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.3
start 100 30 "XDG_STATE_HOME=$STATE" -- --db "$DB"
"$ACCTPLAN" --db "$DB" account won zenith >/dev/null 2>&1
expect "Zenith Labs"
keys Enter
keys c
expect "y add buyer"
expect "C-z undo"
expect_no "B add buyer"
keys Q
expect "[exit 0]"
echo ok

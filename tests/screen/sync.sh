#!/bin/bash
# Team sync in the console (issue 11): S syncs with the folder config.yaml
# names and shows the report in an overlay (sent, applied, the conflict
# resolved); Esc closes it and the views show the teammate's changes; a
# refused file is named in the report; without a folder set, S says how to
# set one; the overlay is listed by the help.
. "$(dirname "$0")/lib.sh"
DIR=$TMPD/team
mkdir -p "$DIR" "$XDG_CONFIG_HOME/acctplan"
"$ACCTPLAN" sample --out "$TMPD/base.db" >/dev/null 2>&1 || fail "acctplan sample failed"
cp "$TMPD/base.db" "$TMPD/mine.db"
cp "$TMPD/base.db" "$TMPD/theirs.db"
CALDER="name = 'Calder Steel Fabrication'"

# ---- no folder set: S says how to set one ----------------------------------
start 100 30 -- --db "$TMPD/mine.db"
expect "Repair"
keys S
expect "No sync folder: set sync: {dir: PATH} in config.yaml"
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.3

# ---- a teammate's note and wallet, and a wallet changed here too -------------
"$ACCTPLAN" --db "$TMPD/theirs.db" note calder "Marcus: the claims backlog is down to 4 days" \
	>/dev/null || fail "note failed"
sqlite3 "$TMPD/theirs.db" "UPDATE accounts SET wallet = 275000, updated_at = '2030-01-01 09:00:00' WHERE $CALDER"
"$ACCTPLAN" --db "$TMPD/theirs.db" sync "$DIR" >/dev/null || fail "their sync failed"
"$ACCTPLAN" --db "$TMPD/mine.db" account set calder --wallet 250000 >/dev/null || fail "set failed"
printf 'sync:\n  dir: %s\n  name: Priya\n' "$DIR" >"$XDG_CONFIG_HOME/acctplan/config.yaml"

start 120 36 -- --db "$TMPD/mine.db"
expect "Repair"
keys S
expect "Sync (q closes)"
expect "Synced with $DIR"
expect "Sent 1 change: 0 added, 1 changed, 0 deleted."
expect "Applied 2 changes from 1 file:"
expect "wallet changed here and by"
expect '"275000" ('
expect 'the later edit) over "250000"' 
expect "Synced: changes sent, 2 applied, 1 conflict"
keys Escape
expect_no "Sync (q closes)"
# the teammate's note is in the account's notes
keys 2
expect "Accounts"
keys /
keys -l "Calder"
keys Enter
expect "Calder Steel Fabrication"
keys Enter
expect "Calder Steel Fabrication"
keys Tab Tab Tab
expect "Marcus: the claims backlog is down to 4 days"
test "$(sqlite3 "$TMPD/mine.db" "SELECT wallet FROM accounts WHERE $CALDER")" = 275000 ||
	fail "the later wallet should have won"

# ---- again: nothing new; a refused file is named ------------------------------
printf 'nonsense\n' >"$DIR/junk.changeset"
keys S
expect "Nothing to send."
expect "Nothing new to apply."
expect "junk.changeset: refused: not an acctplan changeset"
expect "files refused"
keys Escape
# the help lists the key
keys "?"
expect "Help: Account"
keys End
expect "sync with the team's shared folder and show what it did"
keys Escape
echo "ok: sync in the console"

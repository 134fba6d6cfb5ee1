#!/bin/bash
# Long notes in $EDITOR, run as git runs it: a value naming a program file
# whole (a path with a space) runs directly, anything else through
# sh -c 'EDITOR "$@"' with the file as its own argument; its text lands in
# the note. An editor that fails keeps the draft, which the next note form
# on that account offers again; saving deletes it. A terminal killed while
# a form is open keeps what was typed.
. "$(dirname "$0")/lib.sh"
sample_db
STATE="$TMPD/state dir"   # a blank in the path: never through a shell
mkdir -p "$STATE"
cat > "$TMPD/ed.sh" <<'SH'
#!/bin/sh
# a stand-in editor: takes a flag, writes the file it is given (last arg)
[ "$1" = "--flag" ] || exit 3
for f; do :; done
printf 'Long text from the editor.\n\nSecond paragraph about the rollout.\n' > "$f"
SH
cat > "$TMPD/crash.sh" <<'SH'
#!/bin/sh
for f; do :; done
printf 'half-written' > "$f.partial"
exit 1
SH
chmod +x "$TMPD/ed.sh" "$TMPD/crash.sh"

start 200 60 "XDG_STATE_HOME=$STATE" "EDITOR=$TMPD/ed.sh --flag" VISUAL= -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
expect "Kestrel Scaffolding  Callum Byrne"
keys N
expect "Log a note"
keys C-e
expect "Text from the editor"
expect "Long text from the editor."
keys C-s
expect "Note saved"
keys n
expect "Long text from the editor."
expect "Second paragraph about the rollout."
keys Q
expect "[exit 0]"

tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
start 200 60 "XDG_STATE_HOME=$STATE" "EDITOR=$TMPD/crash.sh" VISUAL= -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
keys N
expect "Log a note"
keys Down n Down Down Down Down
keys -l "Draft before the crash"
keys C-e
expect "The editor failed (status 1)"
expect "Draft before the crash"
keys Escape
expect "kept as a draft"
ls "$STATE"/acctplan/drafts/note-*.txt >/dev/null 2>&1 || fail "no draft file"
keys N
expect "Your unsaved draft"
expect "Draft before the crash"
keys q                     # a letter: the form takes it, the console stays
expect "Log a note"
keys Escape
keys Q
expect "[exit 0]"
# quitting keeps it too; a saved note deletes it
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
start 200 60 "XDG_STATE_HOME=$STATE" "EDITOR=$TMPD/crash.sh" VISUAL= -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
keys N
expect "Draft before the crash"
keys C-s
expect "Note saved"
ls "$STATE"/acctplan/drafts/note-*.txt >/dev/null 2>&1 && fail "the draft outlived the saved note"
keys n
expect "Draft before the crash"
keys Q
expect "[exit 0]"
# an editor whose path has a space in it (EDITOR="/path with space/ed")
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
mkdir -p "$TMPD/My Editor"
cat > "$TMPD/My Editor/ed" <<'SH'
#!/bin/sh
printf 'Written by the editor with a space in its path.\n' > "$1"
SH
chmod +x "$TMPD/My Editor/ed"
start 200 60 "XDG_STATE_HOME=$STATE" "EDITOR=$TMPD/My Editor/ed" VISUAL= -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
keys N
expect "Log a note"
keys C-e
expect "Written by the editor with a space in its path."
keys Escape
keys Q
expect "[exit 0]"

# kill -9 while the form is open: what was typed is in the draft
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
rm -f "$STATE"/acctplan/drafts/*
start 200 60 "XDG_STATE_HOME=$STATE" VISUAL= EDITOR= -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
keys N
expect "Log a note"
keys Down Down Down Down Down
keys -l "Typed, then the terminal died"
expect "Typed, then the terminal died"
pkill -KILL -f "acctplan.*--db $DB" || fail "no console to kill"
sleep 0.5
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
grep -q "Typed, then the terminal died" "$STATE"/acctplan/drafts/note-*.txt 2>/dev/null ||
	fail "the draft lost what was typed before kill -9"
start 200 60 "XDG_STATE_HOME=$STATE" VISUAL= EDITOR= -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
keys N
expect "Your unsaved draft"
expect "Typed, then the terminal died"
keys Escape
keys Q
expect "[exit 0]"
echo ok

#!/bin/bash
# A big book's check before its first write (PRAGMA quick_check: seconds at
# a million accounts) starts in the background at the console's first
# second without a key (db_check_ahead()), so the write finds it done. Whichever way it
# runs, a sound book takes the write and a damaged one refuses it and is
# left as it was. The test hook makes every file big.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # skip: no sqlite3"; exit 0; }
sample_db

# log_note: a note on Kestrel from the accounts list, two seconds after
# the board showed (the check ahead, started after the first, long done on
# the sample book)
log_note() {
	expect "Repair ◆"
	sleep 2
	open_account "Kestrel"
	expect "Kestrel Scaffolding  Callum Byrne"
	keys N
	expect "Log a note"
	keys -l "Written after the check ahead."
	keys C-s
}

start 80 24 ACCTPLAN_TEST_CHECK_AT_OPEN_MAX=0 -- --db "$DB"
log_note
expect "Note saved"
keys Q
keys Q
keys Q
expect "[exit 0]"
tmux -L "$SOCK" kill-server 2>/dev/null
[ "$(sqlite3 "$DB" "SELECT count(*) FROM notes WHERE body = 'Written after the check ahead.'")" = 1 ] ||
	fail "the sound book did not take the note"

# a page of the marks table (the standups held) overwritten: nothing the
# board or a note reads or writes, so only the check finds it
cp "$TMPD/sample.db" "$TMPD/damaged.db"
page=$(sqlite3 "$TMPD/damaged.db" "SELECT rootpage FROM sqlite_master WHERE name = 'marks'")
printf '\x0d\xff\xff\xff\xff\xff\xff\xff' |
	dd of="$TMPD/damaged.db" bs=1 seek=$(((page - 1) * 4096)) conv=notrunc status=none
before=$(sha256sum <"$TMPD/damaged.db")
start 80 24 ACCTPLAN_TEST_CHECK_AT_OPEN_MAX=0 -- --db "$TMPD/damaged.db"
log_note
expect "damaged"
[ "$before" = "$(sha256sum <"$TMPD/damaged.db")" ] || fail "the damaged book was written to"
echo ok

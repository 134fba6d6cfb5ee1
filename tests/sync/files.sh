#!/bin/bash
# Team sync (issue 11): what the shared folder may hold besides good files,
# and books that are copies of one another.
# - a damaged file, a foreign one, a renamed one, one from a newer
#   acctplan, a FIFO: each refused with "DIR/FILE: reason" on stderr and
#   exit 1, nothing of it applied (the book's rows unchanged), the good
#   files still applied; later files of a refused file's book wait for it
# - a copy of a book that synced (cp book.db, or a new laptop set up from
#   a colleague's file) takes an identity of its own, and both copies'
#   changes reach everyone
# - usage: no folder, a missing one, a read-only book, config.yaml's sync
#
#   bash tests/sync/files.sh ACCTPLAN
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
"$A" sample --out base.db 2>/dev/null
digest() { dump "$1" | sha256sum | cut -d' ' -f1; }

# ---- refused files --------------------------------------------------------------
mkdir dir
for x in a b c; do cp base.db $x.db; done
run a-note1 0 --db a.db note calder "A: first"
run a-sync1 0 --db a.db sync dir
run a-note2 0 --db a.db note calder "A: second"
run a-sync2 0 --db a.db sync dir
run b-note 0 --db b.db note kestrel "B: hello"
run b-sync 0 --db b.db sync dir
IA=$(q a.db "SELECT value FROM sync_state WHERE key = 'instance'")
IB=$(q b.db "SELECT value FROM sync_state WHERE key = 'instance'")
A1=$(ls dir | grep -- "-$IA-000001")
A2=$(ls dir | grep -- "-$IA-000002")
B1=$(ls dir | grep -- "-$IB-000001")
check "the folder holds A's two files and B's one ($A1, $A2, $B1)" \
	test -n "$A1" -a -n "$A2" -a -n "$B1"
cp dir/"$A1" "$T/a1.good"
# damage A's first file: one byte of its changeset changed
python3 - "dir/$A1" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[-3] ^= 0x40
open(p, 'wb').write(bytes(b))
PY
printf 'just some text\n' >dir/notes.changeset
printf 'acctplan changeset 1\ninstance zz\n' >dir/0000000009-0123456789abcdef-000001.changeset
cp dir/"$B1" dir/0000000007-fedcba9876543210-000003.changeset
sed '0,/^schema [0-9]*$/s//schema 9999/' dir/"$B1" >dir/0000000008-aaaaaaaaaaaaaaaa-000001.changeset
# well-made files whose changesets are not this book's: another table, the
# wrong columns for a file of this book's schema (made here byte by byte,
# as SQLite's session module would)
python3 - dir "$(sqlite3 c.db 'PRAGMA user_version')" <<'PY'
import struct, sys
def crc64(b):
    crc = (1 << 64) - 1
    for x in b:
        crc ^= x
        for _ in range(8):
            crc = (crc >> 1) ^ 0xC96C5795D7870F42 if crc & 1 else crc >> 1
    return crc ^ ((1 << 64) - 1)
def changeset(table, ncols):
    b = b'T' + bytes([ncols, 1] + [0] * (ncols - 1)) + table + b'\0'
    b += bytes([18, 0, 1]) + struct.pack('>q', 7) + bytes([5] * (ncols - 1))
    return b
for inst, table, ncols in (('1111111111111111', b'edits', 3), ('2222222222222222', b'accounts', 3)):
    body = changeset(table, ncols)
    head = ('acctplan changeset 1\ninstance %s\nseq 1\nlamport 1\nmade 2026-11-20 10:00:00\n'
            'author crafted\nschema %s\nchanges 1\nsize %d\ncrc64 %016x\n\n'
            % (inst, sys.argv[2], len(body), crc64(body)))
    open('%s/0000000001-%s-000001.changeset' % (sys.argv[1], inst), 'wb').write(head.encode() + body)
PY
mkfifo dir/pipe.changeset
printf 'not even looked at\n' >dir/README.md
before=$(digest c.db)
run c-sync 1 --db c.db sync dir
check "refused: the damaged file, by name and reason" \
	grep -qx "acctplan: dir/$A1: damaged: its checksum does not match its bytes" "$T/c-sync.err"
check "refused: a file that is not acctplan's" \
	grep -qx 'acctplan: dir/notes.changeset: not an acctplan changeset' "$T/c-sync.err"
check "refused: a header cut short" \
	grep -q '^acctplan: dir/0000000009-0123456789abcdef-000001.changeset: damaged: ' "$T/c-sync.err"
check "refused: a file renamed" \
	grep -qx 'acctplan: dir/0000000007-fedcba9876543210-000003.changeset: its name does not match its header (renamed?)' "$T/c-sync.err"
check "refused: a file from a newer acctplan, saying so" \
	grep -q '^acctplan: dir/0000000008-aaaaaaaaaaaaaaaa-000001.changeset: .*made by a newer acctplan (schema version 9999' "$T/c-sync.err"
check "refused: a changeset of a table acctplan does not sync" \
	grep -qx 'acctplan: dir/0000000001-1111111111111111-000001.changeset: it changes "edits", a table acctplan does not sync' "$T/c-sync.err"
check "refused: a changeset whose table has other columns" \
	grep -qx "acctplan: dir/0000000001-2222222222222222-000001.changeset: its table accounts has 3 columns where this book's has $(q base.db "SELECT count(*) FROM pragma_table_info('accounts')")" "$T/c-sync.err"
check "refused: a FIFO, without waiting on it" \
	grep -qx 'acctplan: dir/pipe.changeset: not a regular file' "$T/c-sync.err"
check "one line per refused file, nothing else on stderr" test "$(wc -l <"$T/c-sync.err")" = 8
check "README.md, not a changeset by its name, is left alone" \
	bash -c '! grep -q README "$1"' _ "$T/c-sync.err"
check "the good file (B's) still applied" \
	test "$(q c.db "SELECT count(*) FROM notes WHERE body = 'B: hello'")" = 1
check "nothing of the damaged file applied" \
	test "$(q c.db "SELECT count(*) FROM notes WHERE body LIKE 'A: %'")" = 0
check "A's second file waits for the first, and the report says so" \
	grep -q "^  $A2: it waits for $A1" "$T/c-sync.out"
check "... nothing of it applied either" \
	test "$(q c.db "SELECT count(*) FROM notes WHERE body = 'A: second'")" = 0
check "the book is sound" sound c.db
# a book with nothing to send meets only refused files: unchanged
mv dir/"$B1" "$T/b1.kept"
cp base.db d.db
before=$(digest d.db)
run d-sync 1 --db d.db sync dir
check "only refused files: the book's rows unchanged" test "$(digest d.db)" = "$before"
mv "$T/b1.kept" dir/"$B1"
# repaired: the file as A wrote it; both of A's files apply now
cp "$T/a1.good" dir/"$A1"
rm -f dir/notes.changeset dir/0000000009-* dir/0000000007-* dir/0000000008-* dir/pipe.changeset \
	dir/0000000001-1111111111111111-* dir/0000000001-2222222222222222-*
run c-sync2 0 --db c.db sync dir
check "repaired: A's files apply, in order" \
	test "$(q c.db "SELECT group_concat(body, '|') FROM (SELECT body FROM notes WHERE body LIKE 'A: %' ORDER BY body)")" = "A: first|A: second"

# ---- copies of a book ----------------------------------------------------------------
mkdir team
cp base.db p.db
cp base.db q.db
run p-sync 0 --db p.db sync team
P=$(q p.db "SELECT value FROM sync_state WHERE key = 'instance'")
cp p.db p-copy.db
run copy-note 0 --db p-copy.db note ardent "from the copy"
run p-note 0 --db p.db note ardent "from the original"
run p-sync2 0 --db p.db sync team
run copy-sync 0 --db p-copy.db sync team --format json
check "the original keeps its identity" test "$(q p.db "SELECT value FROM sync_state WHERE key = 'instance'")" = "$P"
check "the copy (cp book.db) takes an identity of its own" \
	test "$(q p-copy.db "SELECT value FROM sync_state WHERE key = 'instance'")" != "$P"
python3 - "$T/copy-sync.out" >"$T/json.err" 2>&1 <<'PY' && ok "... and says why" || not_ok "the copy says why" "$T/json.err"
import json, sys
d = json.load(open(sys.argv[1]))
assert "copy" in d["new_identity"], d["new_identity"]
assert not d["sent"]["file"].split("-")[1] == "", d
PY
# a laptop set up from a colleague's file: the file's place on disk is the
# same as far as the book can tell, so it is found out in the folder
cp p.db r.db
q r.db "UPDATE sync_state SET value = '$(stat -c %d:%i r.db)' WHERE key = 'file_id'"
run r-note 0 --db r.db note ardent "from the new laptop"
run p-note2 0 --db p.db note ardent "from the original, again"
run p-sync3 0 --db p.db sync team
run r-sync 0 --db r.db sync team --format json
python3 - "$T/r-sync.out" >"$T/json.err" 2>&1 <<'PY' && ok "a copy that syncs after its original is found out by the folder" || not_ok "the twin found by the folder" "$T/json.err"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["new_identity"] and "identity" in d["new_identity"], d["new_identity"]
assert [f for f in d["applied"]], d["applied"]
PY
check "... and took an identity of its own" \
	test "$(q r.db "SELECT value FROM sync_state WHERE key = 'instance'")" != "$P"
for x in q p p-copy r; do run "final-$x" 0 --db $x.db sync team; done
for x in q p p-copy r; do run "final2-$x" 0 --db $x.db sync team; done
dump q.db >"$T/q.dump"
for x in p p-copy r; do
	dump $x.db >"$T/$x.dump"
	check "$x.db and q.db hold the same rows" cmp -s "$T/q.dump" "$T/$x.dump"
done
for body in "from the copy" "from the original" "from the new laptop" "from the original, again"; do
	check "q.db has the note \"$body\"" test "$(q q.db "SELECT count(*) FROM notes WHERE body = '$body'")" = 1
done
check "every file in the folder is named after a distinct book and seq" \
	test "$(ls team | sed 's/^[0-9]*-//' | sort | uniq -d | wc -l)" = 0

# ---- usage ---------------------------------------------------------------------------
run no-dir 2 --db q.db sync
check "no folder: says how to name one" grep -q 'sync needs a folder' "$T/no-dir.err"
run missing-dir 1 --db q.db sync "$T/nowhere"
check "a missing folder: one line" test "$(cat "$T/missing-dir.err")" = "acctplan: $T/nowhere: no such folder"
cp q.db ro.db
chmod 0444 ro.db
run readonly 1 --db ro.db sync team
check "a read-only book: refused, one line" \
	bash -c 'test "$(wc -l <"$1")" = 1 && grep -q "read-only" "$1"' _ "$T/readonly.err"
mkdir -p "$XDG_CONFIG_HOME/acctplan"
printf 'sync:\n  dir: %s/team\n  name: "Priya (laptop)"\n' "$T" >"$XDG_CONFIG_HOME/acctplan/config.yaml"
run config-note 0 --db q.db note ardent "configured"
run config-sync 0 --db q.db sync
check "config.yaml's sync: dir is the folder when none is given" grep -q "^Synced with $T/team as " "$T/config-sync.out"
check "... and sync: name is who the file comes from" \
	grep -q '^author Priya (laptop)$' "team/$(q q.db "SELECT name FROM sync_files WHERE own = 1 ORDER BY seq DESC LIMIT 1")"
printf 'sync: [1, 2]\n' >"$XDG_CONFIG_HOME/acctplan/config.yaml"
run config-bad 2 --db q.db sync
check "a bad sync setting: file:line:col, then no folder" \
	grep -q 'config.yaml:1:7: sync: expected a map' "$T/config-bad.err"

finish

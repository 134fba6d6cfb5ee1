#!/bin/bash
# Team sync (issue 11): a sync killed at any moment (kill -9) leaves the
# book sound and either as it was before the sync or as it is after, and
# the next sync finishes the job: the teammates end with the same book.
# - at each point of a sync (ACCTPLAN_TEST_KILL_AT: after the changes to
#   send were taken, after the first file applied, after the commit, with
#   the file half written into the folder)
# - at random moments of syncs that apply thousands of rows
#
#   bash tests/sync/kill.sh ACCTPLAN
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
"$A" sample --out base.db 2>/dev/null
core() { dump "$1" | sha256sum | cut -d' ' -f1; }

# Edits on a and b, a synced: b's sync is the one killed.
setup() {
	rm -rf dir a.db* b.db*
	mkdir dir
	cp base.db a.db
	cp base.db b.db
	"$A" --db a.db note calder "A: a note" >/dev/null
	"$A" --db a.db account set kestrel --wallet 333000 >/dev/null
	sqlite3 a.db "INSERT INTO notes(account_id, kind, body) SELECT id, 'general', 'A: note ' || id FROM accounts"
	"$A" --db a.db sync dir >/dev/null
	"$A" --db b.db note ardent "B: a note" >/dev/null
	sqlite3 b.db "UPDATE accounts SET segment = 'B segment' WHERE name LIKE 'Kestrel%'"
}

for point in send apply commit deliver; do
	setup
	before=$(core b.db)
	# in a shell of its own, which says "Killed" where no one reads it
	rc=$(bash -c 'ACCTPLAN_TEST_KILL_AT=$1 "$2" --db b.db sync dir >"$3" 2>&1; echo $?' _ \
		"$point" "$A" "$T/kill.out" 2>/dev/null)
	check "killed at $point: the process died by SIGKILL" test "$rc" = 137
	check "killed at $point: b.db is sound" sound b.db
	after=$(core b.db)
	case $point in
	send | apply)
		check "killed at $point: b.db is as it was before the sync" test "$after" = "$before"
		check "killed at $point: nothing of b is in the folder" \
			test "$(ls dir | wc -l)" = 1 ;;
	commit | deliver)
		check "killed at $point: b.db has A's changes (after the sync)" \
			test "$(q b.db "SELECT count(*) FROM notes WHERE body = 'A: a note'")" = 1
		check "killed at $point: b's file is not yet in the folder, nor half of it" \
			test "$(ls dir | wc -l)" = 1 ;;
	esac
	if [ $point = deliver ]; then
		check "killed at deliver: the half-written file has a hidden name" \
			test "$(ls -A dir | grep -c '^\..*\.changeset\.tmp$')" = 1
	fi
	run "next-$point" 0 --db b.db sync dir
	check "after $point: the next sync says nothing on stderr" test ! -s "$T/next-$point.err"
	check "after $point: no file is left half written" test "$(ls -A dir | grep -c '^\.')" = 0
	check "after $point: the next sync puts b's file in the folder" test "$(ls dir | wc -l)" = 2
	run "a-$point" 0 --db a.db sync dir
	dump a.db >"$T/a.dump"
	dump b.db >"$T/b.dump"
	check "after $point: a and b hold the same rows" cmp -s "$T/a.dump" "$T/b.dump"
done

# ---- kill -9 at random moments ----------------------------------------------------------
rm -rf dir a.db* b.db* c.db*
mkdir dir
cp base.db a.db
cp base.db c.db
# a's 10,000 new rows: a week of notes and an import of responses
sqlite3 a.db "CREATE TEMP TABLE acc AS SELECT id, row_number() OVER (ORDER BY id) AS k FROM accounts;
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
	INSERT INTO notes(account_id, kind, body)
	SELECT acc.id, 'call', 'wk-call ' || i FROM n JOIN acc ON acc.k = 1 + i % 40;
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
	INSERT INTO feedback(account_id, responded_on, score, comment)
	SELECT acc.id, '2026-11-1' || (i % 10), i % 11, 'import ' || i FROM n JOIN acc ON acc.k = 1 + i % 40"
"$A" --db a.db sync dir >/dev/null
all=$(q a.db "SELECT count(*) FROM notes WHERE body LIKE 'wk-call %'")
killed=0
mid=0
for delay in 0.01 0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4 0.45 0.5 0.6; do
	# a laptop that has not synced yet: its first sync applies a's week
	rm -f b.db b.db-wal b.db-shm
	cp base.db b.db
	"$A" --db b.db note ardent "B before the kills" >/dev/null
	"$A" --db b.db sync dir >/dev/null 2>&1 &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null && killed=$((killed + 1))
	wait $pid 2>/dev/null
	if ! sound b.db; then
		not_ok "killed after ${delay}s: b.db is not sound"
		continue
	fi
	n=$(q b.db "SELECT count(*) FROM notes WHERE body LIKE 'wk-call %'")
	if [ "$n" != 0 ] && [ "$n" != "$all" ]; then
		not_ok "killed after ${delay}s: b.db holds $n of a's $all notes (neither before nor after)"
	elif [ "$n" = 0 ] && [ -n "$(ls dir | grep -v -- "$(q a.db "SELECT value FROM sync_state WHERE key = 'instance'")")" ]; then
		not_ok "killed after ${delay}s: b's file is in the folder but b.db is as before"
	else
		[ "$n" = 0 ] && mid=$((mid + 1))
		run "after-kill-$delay" 0 --db b.db sync dir
		check "killed after ${delay}s: the next sync finishes the job" \
			test "$(q b.db "SELECT count(*) FROM notes WHERE body LIKE 'wk-call %'")" = "$all"
		rm -f dir/*"$(q b.db "SELECT value FROM sync_state WHERE key = 'instance'")"*
	fi
done
ok "b.db sound after each of $killed kills ($mid before its commit), with none or all of a's $all notes"
check "some kills landed before the commit" test "$mid" -gt 0
cp base.db b.db
rm -f b.db-wal b.db-shm
"$A" --db b.db note ardent "B before the kills" >/dev/null
run b-final 0 --db b.db sync dir
run c-final 0 --db c.db sync dir
run a-final 0 --db a.db sync dir
dump a.db >"$T/a.dump"
for x in b c; do
	dump $x.db >"$T/$x.dump"
	check "after the kills, $x.db and a.db hold the same rows" cmp -s "$T/a.dump" "$T/$x.dump"
done
check "every note of a's week is on b" test "$(q b.db "SELECT count(*) FROM notes WHERE body LIKE 'wk-call %'")" = "$all"
check "... and b's note on a" test "$(q a.db "SELECT count(*) FROM notes WHERE body = 'B before the kills'")" = 1

finish

#!/bin/bash
# Team sync (issue 11): three laptops, each with a copy of the sample book,
# edit it offline with acctplan and with the sqlite3 shell (a field both
# change, different fields of one account, a delete on one and an edit on
# another, notes, a response, a tag, a defect both add), then sync through
# a shared folder in two different orders (two sets of the same three
# books). Afterwards the six books hold the same core tables row for row,
# every note made is there (but the one added to the account deleted
# elsewhere, kept in the history), and the conflicts went as the rules
# say on every laptop. Then a second round: nothing new means nothing
# sent, and edits after a sync travel as updates.
#
#   bash tests/sync/laptops.sh ACCTPLAN
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
"$A" sample --out base.db 2>/dev/null
for x in a b c; do cp base.db $x.db; done

# what a sync sends is kept column by column: each synced table's
# sync_old_ table has its columns (a migration that adds one adds it there,
# after sync_ins and sync_pre: sync reads them by name)
for t in $CORE; do
	check "sync_old_$t has the columns of $t" test \
		"$(q base.db "SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('$t') ORDER BY name)"),sync_ins,sync_pre" = \
		"$(q base.db "SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('sync_old_$t') ORDER BY name IN ('sync_ins', 'sync_pre'), name)")"
done

CALDER="name = 'Calder Steel Fabrication'"
FENWICK="name = 'Fenwick Packaging'"

# ---- laptop A: acctplan ---------------------------------------------------------
run a-wallet 0 --db a.db account set calder --wallet 250000
run a-owner 0 --db a.db account set calder --owner "Dana Fox"
run a-delete 0 --db a.db account delete fenwick --yes
run a-note 0 --db a.db note calder --good-time no --reason vacation --next 2026-12-01 "A: back after the 1st"
run a-defect 0 --db a.db defect add SHARED-CODE --title "Added on A" --category service
run a-referral 0 --db a.db referral add calder --contact hannah --asked
# ---- laptop B: acctplan and the sqlite3 shell -------------------------------------
q b.db "UPDATE accounts SET wallet = 275000, updated_at = '2030-01-01 09:00:00' WHERE $CALDER"
run b-fenwick 0 --db b.db account set fenwick --revenue 99000
run b-fenwick-note 0 --db b.db note fenwick "B: a note on an account A deletes"
run b-note 0 --db b.db note kestrel "B: call the site lead"
q b.db "INSERT INTO feedback_defects(feedback_id, defect_id)
	SELECT f.id, d.id FROM feedback f, defects d WHERE d.code = 'GLOVE-WEAR'
	AND f.id NOT IN (SELECT feedback_id FROM feedback_defects WHERE defect_id = d.id)
	ORDER BY f.id LIMIT 1"
run b-defect 0 --db b.db defect add SHARED-CODE --title "Added on B" --category product
q b.db "INSERT INTO plays(id, account_id, play, due, external_ref)
	SELECT 4545454545, id, 'B: reorder push from the CRM', '2026-12-07', 'HS-77' FROM accounts WHERE $CALDER"
# ---- laptop C: the sqlite3 shell, and acctplan ---------------------------------------
q c.db "UPDATE accounts SET segment = 'Rail' WHERE $CALDER"
q c.db "INSERT INTO feedback(id, account_id, responded_on, score, comment)
	SELECT 4242424242, id, '2026-11-19', 3, 'C: typed into the sqlite3 shell' FROM accounts WHERE $CALDER"
run c-note 0 --db c.db note ardent "C: sent the revised quote"
q c.db "INSERT INTO notes(id, account_id, kind, body, created_at)
	SELECT 4343434343, id, 'general', 'C: a note by another program', '2026-11-20 08:00:00'
	FROM accounts WHERE $CALDER"

for x in a b c; do cp $x.db ${x}2.db; done
mkdir dir1 dir2

# ---- order 1: a b c a b ----------------------------------------------------------
n=0
for step in a b c a b; do
	n=$((n + 1))
	run "order1-$n$step" 0 --db $step.db sync dir1
done
# ---- order 2: c b a c b ----------------------------------------------------------
n=0
for step in c b a c b; do
	n=$((n + 1))
	run "order2-$n$step" 0 --db ${step}2.db sync dir2 --format json
done

# ---- the same book everywhere ------------------------------------------------------
dump a.db >"$T/a.dump"
for x in b c a2 b2 c2; do
	dump $x.db >"$T/$x.dump"
	if cmp -s "$T/a.dump" "$T/$x.dump"; then
		ok "$x.db holds the same core tables as a.db, row for row"
	else
		diff "$T/a.dump" "$T/$x.dump" >"$T/diff.out"
		not_ok "$x.db differs from a.db" "$T/diff.out"
	fi
done
for x in a b c a2 b2 c2; do
	check "$x.db: integrity_check and foreign_key_check clean" sound $x.db
done

# ---- what the rules say ------------------------------------------------------------
check "the same field on two laptops: the later edit (B's, by updated_at) wins" \
	test "$(q a.db "SELECT wallet FROM accounts WHERE $CALDER")" = 275000
check "different fields of one account: A's owner and C's segment both stay" \
	test "$(q c2.db "SELECT owner || '|' || segment FROM accounts WHERE $CALDER")" = "Dana Fox|Rail"
for x in a b c a2 b2 c2; do
	check "$x.db: the losing wallet (250000) is in the edit history, from sync or as A's own" \
		test "$(q $x.db "SELECT count(*) FROM edits WHERE tbl = 'accounts'
			AND (json_extract(old, '\$.wallet') = 250000 OR json_extract(new, '\$.wallet') = 250000)")" -ge 1
done
for x in a c b2 c2; do
	check "$x.db: the losing wallet is kept by the sync" \
		test "$(q $x.db "SELECT count(*) FROM edits WHERE origin = 'sync' AND tbl = 'accounts'
			AND json_extract(old, '\$.wallet') = 250000 AND json_extract(new, '\$.wallet') = 275000")" = 1
done
check "deleted on A, edited on B: the delete wins everywhere" \
	test "$(q b.db "SELECT count(*) FROM accounts WHERE $FENWICK")" = 0
for x in a c a2 c2; do
	check "$x.db: B's edit of the deleted account is kept in the history" \
		test "$(q $x.db "SELECT count(*) FROM edits WHERE origin = 'sync' AND tbl = 'accounts'
			AND json_extract(old, '\$.revenue') = 99000")" -ge 1
done
for x in a b c a2 b2 c2; do
	check "$x.db: B's note on the deleted account is in the history" \
		test "$(q $x.db "SELECT count(*) FROM edits WHERE tbl = 'notes'
			AND json_extract(coalesce(old, new), '\$.body') = 'B: a note on an account A deletes'")" -ge 1
done
for body in "A: back after the 1st" "B: call the site lead" "C: sent the revised quote" \
	"C: a note by another program"; do
	check "every laptop has the note \"$body\"" \
		test "$(for x in a b c a2 b2 c2; do q $x.db "SELECT count(*) FROM notes WHERE body = '$body'"; done | sort -u)" = 1
done
check "every note of the sample is still there" \
	test "$(q a.db "SELECT count(*) FROM notes")" = "$(($(q base.db "SELECT count(*) FROM notes WHERE account_id NOT IN (SELECT id FROM accounts WHERE $FENWICK)") + 4))"
check "the response typed into the sqlite3 shell on C reached every laptop" \
	test "$(q b2.db "SELECT score || '|' || comment FROM feedback WHERE id = 4242424242")" = "3|C: typed into the sqlite3 shell"
check "A's referral ask reached every laptop" \
	test "$(for x in a b c a2 b2 c2; do q $x.db "SELECT c.name || '|' || r.asked_on || '|' || r.outcome FROM referrals r JOIN contacts c ON c.id = r.contact_id"; done | sort -u)" = "Hannah Oduya|2026-11-20|pending"
check "the CRM's play B's sqlite3 shell wrote reached every laptop" \
	test "$(for x in a b c a2 b2 c2; do q $x.db "SELECT play || '|' || due || '|' || external_ref FROM plays WHERE id = 4545454545"; done | sort -u)" = "B: reorder push from the CRM|2026-12-07|HS-77"
check "B's tag reached every laptop" \
	test "$(q a.db "SELECT count(*) FROM feedback_defects fd JOIN defects d ON d.id = fd.defect_id WHERE d.code = 'GLOVE-WEAR'")" = \
	"$(q b.db "SELECT count(*) FROM feedback_defects fd JOIN defects d ON d.id = fd.defect_id WHERE d.code = 'GLOVE-WEAR'")"
check "a defect code added on two laptops: both defects kept, one renamed" \
	test "$(q c.db "SELECT count(*) FROM defects WHERE code = 'SHARED-CODE' OR code LIKE 'SHARED-CODE-%'")" = 2
check "the standings are rebuilt from the merged rows: no account left dirty" \
	test "$(q a.db "SELECT count(*) FROM cache_dirty")" = 0

# ---- the report ----------------------------------------------------------------------
check "order 1, C: applied A's and B's files" grep -q '^Applied 2 files' "$T/order1-3c.out"
check "order 1: the conflicts are reported (wallet kept)" \
	grep -q 'wallet changed here and by .*kept "275000"' "$T/order1-4a.out" "$T/order1-3c.out"
check "order 1: the delete that won is reported" \
	grep -q 'deleted on one laptop and changed on another' "$T/order1-4a.out" "$T/order1-3c.out"
python3 - "$T/order2-2b.out" "$T/order2-5b.out" >"$T/json.err" 2>&1 <<'PY' && ok "order 2, B: the JSON reports say sent, applied, conflicts" || not_ok "order 2, B: the JSON reports" "$T/json.err"
import json, sys
first, last = (json.load(open(f)) for f in sys.argv[1:])
assert first["sent"] and first["sent"]["changes"] > 0, first["sent"]
assert [f for f in first["applied"] if f["changes"] > 0], first["applied"]
assert last["sent"] is None, last["sent"]
wallet = [c for c in last["conflicts"] if c["kind"] == "field" and c["field"] == "wallet"]
assert wallet and wallet[0]["kept"] == "275000" and wallet[0]["lost"] == "250000" and wallet[0]["kept_here"], wallet
assert all(isinstance(c["id"], str) for c in first["conflicts"] + last["conflicts"])
PY

# ---- a second round ---------------------------------------------------------------------
run again-a 0 --db a.db sync dir1
check "nothing changed since: nothing sent, nothing new" \
	grep -q '^Nothing to send\.$' "$T/again-a.out"
run later-edit 0 --db b.db account set calder --segment "Steel"
run round2-b 0 --db b.db sync dir1 --format json
python3 - "$T/round2-b.out" >"$T/json.err" 2>&1 <<'PY' && ok "an edit after a sync goes as one change" || not_ok "an edit after a sync" "$T/json.err"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["sent"]["changed"] == 1 and d["sent"]["added"] == 0, d["sent"]
PY
run round2-a 0 --db a.db sync dir1
check "... and lands on another laptop over C's segment" \
	test "$(q a.db "SELECT segment FROM accounts WHERE $CALDER")" = Steel
run round2-c 0 --db c.db sync dir1
dump a.db >"$T/a.dump"
dump b.db >"$T/b.dump"
dump c.db >"$T/c.dump"
check "after the second round a, b and c are the same again" \
	bash -c 'cmp -s "$1" "$2" && cmp -s "$1" "$3"' _ "$T/a.dump" "$T/b.dump" "$T/c.dump"

# ---- a new laptop's first sync, on a terminal: it shows its progress ----------------
# (through script(1), a pty; on a pipe every run above printed nothing but
# its report)
cp base.db d.db
if command -v script >/dev/null; then
	script -qec "$(printf '%q ' "$A" --db d.db sync dir1)" /dev/null </dev/null | tr '\r' '\n' >"$T/tty.out"
	check "on a terminal a sync says what it is doing: sending, then applying N of M changes" \
		bash -c 'grep -q "^sending this book.s changes" "$1" &&
			grep -Eq "^applying the team.s changes  [0-9,]+ / [0-9,]+ " "$1"' _ "$T/tty.out"
	check "... and takes the line away before its report" grep -q "^Synced with dir1 as " "$T/tty.out"
fi

finish

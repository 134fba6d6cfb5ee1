#!/bin/bash
# The standup (issue 10): the history of standings as changes, marks, the
# team's actions and the report of what moved, on the sample book with the
# days pinned. A standup is marked on 2026-11-20; then, day by day, another
# program writes a detractor (Tidewell Brewing leaves Grow), the plan puts
# two Protect accounts on hold, actions are agreed and done on time, late or
# not at all; the report of 2026-11-27 must say exactly that, in every
# format, with the JSON shape of the issue checked in python.
#
#   bash tests/standup/run.sh ACCTPLAN
#
# Every bad input gives exit 2 (usage) or 1 (runtime), exactly one line on
# stderr and nothing on stdout, and leaves the file as it was (a digest of
# every core and standup table, before and after).
set -u

A=${1:?usage: run.sh ACCTPLAN}
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-standup.XXXXXX")
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB NO_COLOR COLUMNS LINES ACCTPLAN_TEST_KILL_AFTER_COMMIT
mkdir -p "$HOME"
DB="$T/book.db"
export ACCTPLAN_DB="$DB"

DIGEST_TABLES="accounts contacts feedback defects feedback_defects problems notes conditions snapshots marks actions"
. "$(dirname "$0")/../lib/tap.sh"

sq() { sqlite3 -cmd ".timeout 5000" "$DB" "$@"; }

# The JSON shape of the issue, whatever the report holds.
SHAPE="
assert list(d) == ['since', 'today', 'board', 'moved', 'new_detractors', 'overdue_followups',
                   'problems_moved', 'holds', 'actions'], list(d)
assert list(d['board']) == ['repair', 'protect', 'grow', 'fix_basics', 'no_feedback']
for q, v in d['board'].items():
    assert list(v) == ['now', 'then'] and all(type(x) is int for x in v.values()), (q, v)
quads = set(d['board']) | {None}
for m in d['moved']:
    assert list(m) == ['id', 'name', 'owner', 'from', 'to'], m
    assert type(m['id']) is str and m['id'].isdigit() and m['from'] in quads and m['to'] in quads
    assert m['from'] != m['to'], m
for x in d['new_detractors']:
    assert list(x) == ['account_id', 'account', 'contact', 'score', 'responded_on'], x
    assert type(x['account_id']) is str and x['score'] <= 6
for x in d['actions']:
    assert list(x) == ['id', 'account', 'owner', 'due', 'text', 'state'], x
    assert type(x['id']) is str and x['state'] in ('open', 'not_done', 'done', 'late')
for x in d['overdue_followups'] + d['problems_moved'] + d['holds']:
    assert all(type(v) is str for k, v in x.items() if k == 'id' or k.endswith('_id')), x
# the board then is the board now with the movers moved back
now = {q: v['now'] for q, v in d['board'].items()}
then = {q: v['then'] for q, v in d['board'].items()}
for m in d['moved']:
    if m['to']: now[m['to']] -= 1
    if m['from']: now[m['from']] += 1
assert now == then, (now, then)
"

# ---- the sample book: eight weeks of history, two standups ------------------
run sample 0 sample --out "$DB"
check "the sample holds eight weeks of history" \
	test "$(sq "SELECT min(taken_on) FROM snapshots")" = 2026-09-25
check "... and two past standups" \
	test "$(sq "SELECT group_concat(held_on, ' ') FROM (SELECT held_on FROM marks ORDER BY 1)")" = "2026-11-06 2026-11-13"
run first 0 standup --format json
json first "$SHAPE" "the JSON shape of the issue"
json first "
assert d['since'] == '2026-11-13' and d['today'] == '2026-11-20', d['since']
moved = {m['name']: (m['from'], m['to']) for m in d['moved']}
assert moved == {'Haverford Poultry': ('protect', 'repair'),
                 'Lakeshore Cold Storage Inc.': ('grow', 'fix_basics'),
                 'Hollybrook Veterinary Group': ('fix_basics', 'grow'),
                 'Ardent Glassworks': ('no_feedback', 'protect')}, moved
assert d['board']['repair'] == {'now': 12, 'then': 11}
states = {a['text'][:20]: a['state'] for a in d['actions']}
assert states == {'Book a site visit at': 'open', 'Call Farah about her': 'not_done',
                  'Report back to Raven': 'late', 'Confirm the new deli': 'open'}, states
" "on first run the sample shows what moved since its last standup"

# ---- history: one row per change --------------------------------------------
rows=$(sq "SELECT count(*) FROM snapshots")
run board-again 0 board
check "a refresh with nothing changed writes no history" test "$(sq "SELECT count(*) FROM snapshots")" = "$rows"
cat >"$T/rule.py" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def band(s):
    if s is None: return -1
    return sum(s >= e for e in (0.25, 0.40, 0.50, 0.75))
def key(r):
    day, nps, share, quadrant, hold, status = r
    if status != 'active': return ('off',)
    return (quadrant, hold, None if nps is None else int(abs(nps) + 0.5) * (1 if nps >= 0 else -1), band(share))
last = {}
for acct, *r in db.execute("SELECT account_id, taken_on, nps, share, quadrant, hold, status"
                           " FROM snapshots ORDER BY account_id, taken_on"):
    k = key(r)
    assert last.get(acct) != k, (acct, r)
    last[acct] = k
PY
check "no row of history says what the row before it said" python3 "$T/rule.py" "$DB"

# ---- a standup, then a week ---------------------------------------------------
run mark 0 standup --mark
check "--mark: the report, then the mark in one line" grep -q "^Standup marked as held today, 2026-11-20.$" "$T/mark.out"
check "--mark: today's standup does not change today's report" grep -q "since the standup of 2026-11-13" "$T/mark.out"
run mark-again 0 standup --mark --format md
check "--mark twice: one mark a day" test "$(sq "SELECT count(*) FROM marks WHERE held_on = '2026-11-20'")" = 1
check "... and it says so" grep -q "already marked today" "$T/mark-again.out"

run add-ok 0 action add Tidewell --owner callum --due 2026-11-24 "Ask Jake for a reference for the Halden pitch"
OK_ID=$(sed -n 's/^action \([0-9]*\) added: Callum Byrne, due 2026-11-24$/\1/p' "$T/add-ok.out")
check "action add: an id, the owner resolved from a prefix" test -n "$OK_ID"
run add-late 0 action add Medway --due +2 "Send Medway the sterile audit pack"
LATE_ID=$(sed -n 's/^action \([0-9]*\) added: Ines Carvalho, due 2026-11-22$/\1/p' "$T/add-late.out")
check "action add: the account's owner by default, a date as people type it" test -n "$LATE_ID"
run add-open 0 action add "Silver Darling" --owner "Marcus Delaney" --due 2026-11-26 "Walk the strike cover plan with Silver Darling"
OPEN_ID=$(sed -n 's/^action \([0-9]*\) added.*/\1/p' "$T/add-open.out")
run list 0 action list --open --format json
json list "
ids = [a['id'] for a in d]
assert '$OK_ID' in ids and '$LATE_ID' in ids and '$OPEN_ID' in ids
assert all(type(a['id']) is str and type(a['account_id']) is str for a in d)
assert all(a['state'] in ('open', 'not_done') for a in d)
a = [a for a in d if a['id'] == '$OK_ID'][0]
assert a['owner'] == 'Callum Byrne' and a['account'] == 'Tidewell Brewing' and a['done_on'] is None
assert a['created_at'].startswith('2026-11-20')" "action list --open: ids as strings, open ones"

# 2026-11-22: another program writes a detractor for Tidewell Brewing; the
# plan puts Medway on hold with a condition and Silver Darling by hand
JAKE=$(sq "SELECT c.id FROM contacts c JOIN accounts a ON a.id = c.account_id
	WHERE a.name = 'Tidewell Brewing' AND c.name = 'Jake Trelawny'")
TIDEWELL=$(sq "SELECT id FROM accounts WHERE name = 'Tidewell Brewing'")
sq "INSERT INTO feedback(id, account_id, contact_id, responded_on, score, comment)
	VALUES (424242, $TIDEWELL, $JAKE, '2026-11-22', 2, 'The new brewery overalls shrank in the first wash.')"
sq "INSERT INTO accounts(id, name, owner, revenue, wallet) VALUES (515151, 'Quayside Ferries', 'Priya Raman', 50000, 200000)"
ACCTPLAN_TODAY=2026-11-22 run cond 0 plan Medway --add "Sterile audit passed"
ACCTPLAN_TODAY=2026-11-22 run hold 0 plan "Silver Darling" --hold "Strike at their plant"
check "the detractor another program wrote is in the history of 2026-11-22" \
	test "$(sq "SELECT quadrant FROM snapshots WHERE account_id = $TIDEWELL AND taken_on = '2026-11-22'")" = fix_basics
ACCTPLAN_TODAY=2026-11-23 run done-ok 0 action done "$OK_ID"
check "action done: one line" grep -q "^action $OK_ID done on 2026-11-23$" "$T/done-ok.out"
ACCTPLAN_TODAY=2026-11-25 run done-late 0 action done "$LATE_ID" --on 2026-11-24

# ---- the report of 2026-11-27 --------------------------------------------------
export ACCTPLAN_TODAY=2026-11-27
run week 0 standup --format json
json week "$SHAPE" "the JSON shape of the issue"
json week "
assert d['since'] == '2026-11-20' and d['today'] == '2026-11-27'
assert [(m['name'], m['owner'], m['from'], m['to']) for m in d['moved']] == \
    [('Tidewell Brewing', 'Callum Byrne', 'grow', 'fix_basics'),
     ('Quayside Ferries', 'Priya Raman', None, 'no_feedback')], d['moved']
assert d['board']['grow'] == {'now': 12, 'then': 13} and d['board']['fix_basics'] == {'now': 13, 'then': 12}
assert d['board']['no_feedback'] == {'now': 5, 'then': 4}
" "moved: Tidewell Brewing, Grow to Fix the basics, a new account onto the board, and the board counts"
json week "
x = [x for x in d['new_detractors'] if x['account'] == 'Tidewell Brewing']
assert x == [{'account_id': '$TIDEWELL', 'account': 'Tidewell Brewing', 'contact': 'Jake Trelawny',
              'score': 2, 'responded_on': '2026-11-22'}], x
assert all('2026-11-20' < x['responded_on'] <= '2026-11-27' for x in d['new_detractors'])
o = [o for o in d['overdue_followups'] if o['response_id'] == '424242']
assert o and o[0]['due'] == '2026-11-24' and o[0]['owner'] == 'Callum Byrne', o
assert all('2026-11-20' < o['due'] < '2026-11-27' for o in d['overdue_followups'])
" "new detractors since the mark, and the follow-ups that fell overdue"
json week "
h = {x['name']: (x['from'], x['to']) for x in d['holds']}
assert h == {'Medway Sterile Services': ('open', 'hold'),
             'Silver Darling Seafoods': ('open', 'hold')}, h
assert [x['why'] for x in d['holds'] if x['name'].startswith('Silver')] == ['Strike at their plant']
" "holds: set by a condition and by hand, in the same quadrant"
json week "
s = {a['id']: a['state'] for a in d['actions']}
assert s['$OK_ID'] == 'done' and s['$LATE_ID'] == 'late' and s['$OPEN_ID'] == 'not_done', s
assert [a['state'] for a in d['actions'] if a['text'].startswith('Book a site visit')] == ['open']
assert not [a for a in d['actions'] if a['text'].startswith('Report back to Ravensworth')]
owners = [a['owner'] for a in d['actions']]
assert owners == sorted(owners, key=str.lower), owners
" "actions: done, late, not done and open; those done before the mark left out"
run week-text 0 standup
check "text: the board with its changes" grep -qE "^Grow +12 +13 +▼1$" "$T/week-text.out"
check "text: the movers, from and to, NPS then and now" \
	bash -c "grep -qE '^Tidewell Brewing +Callum Byrne +Grow +Fix the basics +100 +0 +2026-11-22$' '$T/week-text.out' &&
		grep -qE '^Quayside Ferries +Priya Raman +off the board +No feedback +- +- +2026-11-22$' '$T/week-text.out'"
check "text: the actions with their states" \
	bash -c "grep -qE '^Callum Byrne +done +2026-11-24 +2026-11-23 +Tidewell' '$T/week-text.out' &&
		grep -qE '^Ines Carvalho +late +2026-11-22 +2026-11-24 +Medway' '$T/week-text.out' &&
		grep -qE '^Marcus Delaney +not done +2026-11-26 +- +Silver Darling' '$T/week-text.out'"
run week-md 0 standup --format md
check "md: a page for the chat: title, board table, movers with arrows" \
	bash -c "grep -q '^# Standup, 2026-11-27$' '$T/week-md.out' &&
		grep -q '^| Grow           |  12 |   13 |     ▼1 |$' '$T/week-md.out' &&
		grep -q '^- \*\*Tidewell Brewing\*\* (Callum Byrne): Grow → Fix the basics, NPS 100 → 0$' '$T/week-md.out'"
check "md: actions by owner, done ones ticked" \
	bash -c "grep -q '^### Callum Byrne$' '$T/week-md.out' &&
		grep -q '^- \[x\] Ask Jake for a reference for the Halden pitch — Tidewell Brewing, due 2026-11-24, done 2026-11-23 (done)$' '$T/week-md.out' &&
		grep -q '^- \[ \] Walk the strike cover plan with Silver Darling — Silver Darling Seafoods, due 2026-11-26 (not done)$' '$T/week-md.out'"
run since 0 standup --since 2026-11-23 --format json
json since "
assert d['since'] == '2026-11-23' and d['moved'] == [] and d['holds'] == []
assert all(a['state'] in ('open', 'not_done') or a['id'] == '$LATE_ID' for a in d['actions'])
" "--since: a day's changes count before its end"
run owner 0 standup --owner ines --format json
json owner "
assert all(x['owner'] == 'Ines Carvalho' for x in d['moved'] + d['holds'] + d['actions'])
assert sum(v['now'] for v in d['board'].values()) < 52
assert [a['id'] for a in d['actions'] if a['id'] == '$LATE_ID']
" "--owner: one owner's accounts and actions"
run agenda 0 agenda --format json
json agenda "
a = [o for o in d if o['kind'] == 'action']
assert all(o['due'] <= '2026-11-27' for o in a) and a == sorted(a, key=lambda o: o['due'])
o = [o for o in a if o['ref_id'] == '$OPEN_ID']
assert o and o[0]['owner'] == 'Marcus Delaney' and o[0]['detail'].startswith('Walk the strike'), a
assert '$LATE_ID' not in [o['ref_id'] for o in a]
" "agenda: an open action is on its owner's agenda once due, a done one is not"
run agenda-owner 0 agenda --owner marcus --format json
json agenda-owner "assert '$OPEN_ID' in [o['ref_id'] for o in d if o['kind'] == 'action']" "agenda --owner: the action's owner"
run brief 0 brief "Silver Darling"
check "brief: the open action, its owner and how late" \
	grep -q "Marcus Delaney: Walk the strike cover plan with Silver Darling (due 2026-11-26, 1 day late)" "$T/brief.out"
run reopen 0 action reopen "$OK_ID"
run list-all 0 action list --owner callum --format csv
check "action reopen: open again, listed first" bash -c "sed -n 2p '$T/list-all.out' | grep -q '^$OK_ID,2026-11-24,not_done,Callum Byrne,'"

# a sale lost takes the account off the board from the quadrant it stays in:
# a mover, though its quadrant did not change
Q=$(sq "SELECT c.quadrant FROM account_cache c JOIN accounts a ON a.id = c.account_id
	WHERE a.name = 'Ardent Glassworks'")
run lost 0 account lost "Ardent Glassworks" --to "Rival Glass" --reason "They undercut us"
run lost-report 0 standup --since 2026-11-26 --format json
json lost-report "
assert [(m['name'], m['from'], m['to']) for m in d['moved']] == [('Ardent Glassworks', '$Q', None)], d['moved']
assert d['board']['$Q']['now'] == d['board']['$Q']['then'] - 1, d['board']
" "a sale lost: the account leaves the board from its quadrant ($Q)"

# ---- bad input ------------------------------------------------------------------
bad since-future 2 standup --since 2030-01-01
bad since-bad 2 standup --since someday
bad standup-csv 2 standup --format csv
bad standup-nofile 1 --db "$T/no-such.db" standup
bad add-notext 2 action add Tidewell --due 2026-12-01
bad add-blank 2 action add Tidewell --due 2026-12-01 "   "
bad add-nodue 2 action add Tidewell "Call them"
bad add-baddue 2 action add Tidewell --due 2026-02-30 "Call them"
bad add-account 1 action add "No Such Account" --due 2026-12-01 "Call them"
bad done-unknown 1 action done 12345
bad done-twice 1 action done "$LATE_ID"
bad done-future 2 action done "$OPEN_ID" --on 2030-01-01
bad done-badid 2 action done abc
bad reopen-open 1 action reopen "$OPEN_ID"
bad list-csv-bad 2 action list --format yaml
cp "$DB" "$T/ro.db"
chmod 0444 "$T/ro.db"
before=$(sha256sum <"$T/ro.db")
ACCTPLAN_DB="$T/ro.db" run mark-ro 1 standup --mark
check "--mark on a read-only file: one line, nothing written" \
	bash -c "[ \$(wc -l <'$T/mark-ro.err') -eq 1 ] && grep -q 'read-only' '$T/mark-ro.err' && [ '$before' = \"\$(sha256sum <'$T/ro.db')\" ]"
ACCTPLAN_DB="$T/ro.db" run report-ro 0 standup --format json
json report-ro "$SHAPE" "a read-only file still reports"

# ---- the synthetic book: its history is what the refresh computes ------------------
export ACCTPLAN_TODAY=2026-11-20
# an action is a change like any other: undo takes it back
run add-undo 0 action add Tidewell --owner callum --due 2026-11-30 "Taken back at once"
run undo-action 0 undo
check "undo: the action agreed last is taken back" \
	test "$(sq "SELECT count(*) FROM actions WHERE text = 'Taken back at once'")" = 0
check "... and undo says what it took back" grep -qi "action" "$T/undo-action.out"

run synth 0 sample --accounts 400 --seed 5 --out "$T/y.db"
check "synthetic: 14 days of history and two marks" \
	test "$(sqlite3 "$T/y.db" "SELECT min(taken_on), count(DISTINCT held_on) FROM snapshots, marks")" = "2026-11-06|2"
sqlite3 "$T/y.db" "SELECT * FROM snapshots ORDER BY 1, 2" >"$T/y.before"
sqlite3 "$T/y.db" "DELETE FROM snapshots; DELETE FROM cache_state"
for day in 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	ACCTPLAN_TODAY=2026-11-$day "$A" --db "$T/y.db" board --limit 1 >/dev/null 2>&1
done
sqlite3 "$T/y.db" "SELECT * FROM snapshots ORDER BY 1, 2" >"$T/y.after"
check "synthetic: the history computed by the generator is the one a refresh of each day writes" \
	diff "$T/y.before" "$T/y.after"

tap_done standup

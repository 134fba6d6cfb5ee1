#!/bin/bash
# The seeds' practices (issue 14) on the sample book, today pinned to
# 2026-11-20: referrals (who to ask, and the list changing after an ask),
# plays and their gate (every play of a held account waits for the hold,
# open supply problems, quiet seasons across the new year, "not a good
# time"), export plays for the CRM (formula-safe), a pitch on an account on
# hold, the win-back reviews on the agenda, and the coaching report's
# counts on a small book made for it.
#
#   bash tests/plays/run.sh ACCTPLAN
#
# Every bad input must give exit 2 (usage) or 1 (runtime), exactly one line
# on stderr that starts "acctplan: ", nothing on stdout, and leave the file
# as it was (a digest of every row of the core tables and of referrals and
# plays, before and after).
set -u

A=${1:?usage: run.sh ACCTPLAN}
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-plays.XXXXXX")
trap 'rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB NO_COLOR COLUMNS LINES ACCTPLAN_TEST_KILL_AFTER_COMMIT
mkdir -p "$HOME"
DB="$T/book.db"
export ACCTPLAN_DB="$DB"

DIGEST_TABLES="accounts contacts feedback defects feedback_defects problems notes conditions referrals plays"
. "$(dirname "$0")/../lib/tap.sh"

"$A" sample --out "$DB" >/dev/null 2>&1 || { echo "Bail out! sample failed"; exit 1; }

# ---- referrals: who to ask, and the list after an ask ------------------------
run referrals 0 referrals --format json
check "referrals json: to_ask and open, each row with its keys, ids as strings" json referrals "
assert set(d) == {'to_ask', 'open'}, d.keys()
assert d['to_ask'] and d['open'] == []
for r in d['to_ask']:
    for k in ('account_id', 'account', 'contact', 'score', 'responded_on'):
        assert k in r, (k, r)
    assert isinstance(r['account_id'], str) and r['account_id'].isdigit()
    assert r['score'] in (9, 10) and r['responded_on'] >= '2025-11-21', r
"
run accounts 0 accounts --format json
check "referrals: to ask in the accounts' priority order" python3 -c "import json, sys
order = [a['id'] for a in json.load(open(sys.argv[1]))]
asks = [r['account_id'] for r in json.load(open(sys.argv[2]))['to_ask']]
pos = [order.index(a) for a in asks]
assert pos == sorted(pos), pos" "$T/accounts.out" "$T/referrals.out"
check "referrals: Ross McAteer of Portway (9 on 2026-10-20) is to ask" json referrals "
assert [r for r in d['to_ask'] if r['contact'] == 'Ross McAteer' and r['account'] == 'Portway Container Services' and r['score'] == 9 and r['responded_on'] == '2026-10-20'], d['to_ask']"
check "referrals: a passive (Joanna Nowak, 8) is not" json referrals "
assert not [r for r in d['to_ask'] if r['contact'] == 'Joanna Nowak']"
run ask-ross 0 referral add Portway --contact Ross --asked
check "referral add --asked: says so" grep -q "^asked Ross for a referral on 2026-11-20$" "$T/ask-ross.out"
run plays-after-ask 0 plays --format json
check "plays: once Ross is asked, Portway's referral ask dates from Fatima's 10 (2026-09-08), not his 9" json plays-after-ask "
p = [p for p in d if p['account'] == 'Portway Container Services' and p['kind'] == 'referral_ask']
assert len(p) == 1 and p[0]['since'] == '2026-09-08' and p[0]['status'] == 'go', p"
run referrals-after 0 referrals --format json
check "referrals: once asked, Ross is off the list; Fatima of Portway is still on it" json referrals-after "
assert not [r for r in d['to_ask'] if r['contact'] == 'Ross McAteer'], d['to_ask']
assert [r for r in d['to_ask'] if r['contact'] == 'Fatima Benali']
assert len(d['to_ask']) == len(json.load(open('$T/referrals.out'))['to_ask']) - 1
o = d['open']
assert len(o) == 1 and o[0]['contact'] == 'Ross McAteer' and o[0]['referred_to'] is None and o[0]['outcome'] == 'pending' and o[0]['asked_on'] == '2026-11-20', o"
ACCTPLAN_TODAY=2027-05-18 "$A" referrals --format json >"$T/ref-179.out" 2>&1
ACCTPLAN_TODAY=2027-05-19 "$A" referrals --format json >"$T/ref-180.out" 2>&1
check "referrals: 179 days after the ask Ross is still asked lately" json ref-179 "
assert not [r for r in d['to_ask'] if r['contact'] == 'Ross McAteer']"
printf 'referral_days: 30\n' >"$T/r30.yaml"
ACCTPLAN_TODAY=2026-12-20 "$A" --config "$T/r30.yaml" referrals --format json >"$T/ref-30.out" 2>&1
ACCTPLAN_TODAY=2026-12-19 "$A" --config "$T/r30.yaml" referrals --format json >"$T/ref-29.out" 2>&1
check "referrals: with referral_days 30, Ross is to ask again 30 days after" json ref-30 "
assert [r for r in d['to_ask'] if r['contact'] == 'Ross McAteer']"
check "... and not 29 days after" json ref-29 "
assert not [r for r in d['to_ask'] if r['contact'] == 'Ross McAteer']"
run ross-named 0 referral add Portway --contact Ross --to "Dockside Logistics"
check "referral add --to: his open ask gets the name" grep -q "^Ross referred us to Dockside Logistics: pending$" "$T/ross-named.out"
run ross-met 0 referral add Portway --contact Ross --to "dockside logistics" --outcome met
run referrals-met 0 referrals --format json
check "referral add --to again: the same referral, now met, its name as first given" json referrals-met "
o = d['open']
assert len(o) == 1 and o[0]['referred_to'] == 'Dockside Logistics' and o[0]['outcome'] == 'met' and o[0]['outcome_on'] == '2026-11-20', o"
run ross-won 0 referral add Portway --contact Ross --to "Dockside Logistics" --outcome won
run referrals-won 0 referrals --format json
check "a won referral is not open any more" json referrals-won "assert d['open'] == [], d['open']"
run fatima-new 0 referral add Portway --contact Fatima --to "Harbour Board" --on 2026-11-18
run referrals-new 0 referrals --format json
check "referral add --to without an ask: a new referral, asked that day; Fatima is asked" json referrals-new "
o = d['open']
assert len(o) == 1 and o[0]['contact'] == 'Fatima Benali' and o[0]['asked_on'] == '2026-11-18' and o[0]['referred_to'] == 'Harbour Board', o
assert not [r for r in d['to_ask'] if r['contact'] == 'Fatima Benali']"
run brief-referrals 0 brief Portway --format json
check "brief json: the referrals asked, the latest first, and none to ask at Portway now" json brief-referrals "
r = d['referrals']
assert r['to_ask'] == [], r['to_ask']
assert [(x['contact'], x['referred_to'], x['outcome']) for x in r['asked']] == [('Ross McAteer', 'Dockside Logistics', 'won'), ('Fatima Benali', 'Harbour Board', 'pending')], r['asked']"
run brief-referrals-text 0 brief Portway
check "brief text: a Referrals section with the referral won" \
	bash -c "grep -q '^Referrals$' '$T/brief-referrals-text.out' && grep -q 'Dockside Logistics  won' '$T/brief-referrals-text.out'"
run brief-ask 0 brief Severnside --format json
check "brief json: Severnside's promoters to ask" json brief-ask "
assert {x['contact'] for x in d['referrals']['to_ask']} >= {'Lucy Fairclough', 'Owain Jenkins'}, d['referrals']"
run undo-referral 0 undo
run referrals-undone 0 referrals --format json
check "undo takes the last referral back: Fatima is to ask again" json referrals-undone "
assert [r for r in d['to_ask'] if r['contact'] == 'Fatima Benali'] and d['open'] == []"
run referrals-md 0 referrals --format md
check "referrals md: two headings" bash -c "grep -q '^## To ask for a referral' '$T/referrals-md.out' && grep -q '^## Referrals still open' '$T/referrals-md.out'"
run referrals-csv 0 referrals --format csv
check "referrals csv: one table, the list named on each row" \
	bash -c "head -1 '$T/referrals-csv.out' | grep -q '^list,account_id,account,owner,contact_id,contact,score,responded_on' && tail -n +2 '$T/referrals-csv.out' | cut -d, -f1 | sort -u | grep -qx to_ask"
run referrals-owner 0 referrals --owner priya --format json
check "referrals --owner: Priya's accounts only" json referrals-owner "
import sqlite3
owners = dict(sqlite3.connect('$DB').execute('SELECT id, owner FROM accounts'))
assert d['to_ask'] and all(owners[int(r['account_id'])] == 'Priya Raman' for r in d['to_ask'])"
bad ref-neither 2 referral add Portway --contact Ross
bad ref-both 2 referral add Portway --contact Ross --asked --to X
bad ref-outcome-ask 2 referral add Portway --contact Ross --asked --outcome won
bad ref-outcome-bad 2 referral add Portway --contact Ross --to X --outcome maybe
bad ref-future 2 referral add Portway --contact Ross --asked --on 2026-11-21
bad ref-nocontact 2 referral add Portway --asked
bad ref-buyer 1 referral add Portway --contact Nobody --asked
bad ref-other-buyer 1 referral add Portway --contact "Lucy Fairclough" --asked
bad ref-account 1 referral add "No Such Account" --contact Ross --asked
bad referrals-csv-md 2 referrals --format yaml

# ---- the verdict does not know the quiet seasons; the plays do ----------------
printf 'quiet_seasons:\n  Food Processing: ["11-01..11-30"]\n' >"$T/food.yaml"
run verdict-season 0 --config "$T/food.yaml" brief Tidewell --format json
check "a quiet season leaves the brief's verdict as it was (pitch)" json verdict-season "
assert d['verdict'] == 'pitch' and d['until'] is None, d['verdict']"
run plays-season 0 --config "$T/food.yaml" plays --account Tidewell --format json
check "... while Tidewell's plays wait for it, until the day after it ends" json plays-season "
assert d and all(p['status'] == 'wait' and p['reason'] == 'quiet_season' and p['until'] == '2026-12-01' for p in d), d"

# ---- plays: the shape, and every play of a held account waits ---------------
run plays 0 plays --format json
check "plays json: one object per play with its keys; ids as strings" json plays "
assert len(d) > 20
for p in d:
    for k in ('account_id', 'account', 'owner', 'play', 'status', 'reason', 'since'):
        assert k in p, (k, p)
    assert isinstance(p['account_id'], str) and p['account_id'].isdigit()
    assert p['status'] in ('go', 'wait')
    assert (p['reason'] is None) == (p['status'] == 'go'), p
assert {p['kind'] for p in d} >= {'upsell', 'cross_sell', 'referral_ask', 'checkin', 'winback_review'}, {p['kind'] for p in d}
assert {p['reason'] for p in d} >= {None, 'hold', 'open_problem', 'not_a_good_time'}"
check "plays: every play of an account on hold waits, for the hold" python3 -c "import json, sys
held = {a['id'] for a in json.load(open(sys.argv[1])) if a['hold']}
plays = [p for p in json.load(open(sys.argv[2])) if p['account_id'] in held]
assert len(plays) > 10, plays
bad = [p for p in plays if p['status'] != 'wait' or p['reason'] != 'hold']
assert not bad, bad" "$T/accounts.out" "$T/plays.out"
check "plays: Calder (repair) waits for its low advocacy; Kestrel for its open conditions" json plays "
c = [p for p in d if p['account'] == 'Calder Steel Fabrication']
assert c and all(p['detail'] == 'low advocacy' for p in c), c
k = [p for p in d if p['account'] == 'Kestrel Scaffolding']
assert k and all(p['detail'] == 'readiness conditions open' for p in k), k"
check "plays: in the accounts' priority order" python3 -c "import json, sys
order = [a['id'] for a in json.load(open(sys.argv[1]))]
pos = [order.index(p['account_id']) for p in json.load(open(sys.argv[2])) if p['account_id'] in order]
assert pos == sorted(pos), pos" "$T/accounts.out" "$T/plays.out"
check "plays: upsell where grow has headroom, referral asks in protect only" json plays "
import sqlite3
db = sqlite3.connect('$DB')
q = dict(db.execute('SELECT account_id, quadrant FROM account_cache'))
for p in d:
    if p['kind'] == 'upsell': assert q[int(p['account_id'])] == 'grow', p
    if p['kind'] == 'referral_ask': assert q[int(p['account_id'])] == 'protect', p
assert [p for p in d if p['account'] == 'Tidewell Brewing' and p['kind'] == 'upsell' and p['status'] == 'go']"
check "plays: the check-ins due and the win-back reviews due" json plays "
assert [p for p in d if p['account'] == 'Portway Container Services' and p['kind'] == 'checkin' and p['since'] == '2026-11-20'], d
w = sorted((p['account'], p['since'], p['status']) for p in d if p['kind'] == 'winback_review')
assert w == [('Halden Foods', '2026-11-16', 'go'), ('Westcombe Rail Services', '2026-11-17', 'go')], w"
run plays-go 0 plays --status go --format json
run plays-wait 0 plays --status wait --format json
check "plays --status: go and wait split the list" python3 -c "import json, sys
a, g, w = (json.load(open(p)) for p in sys.argv[1:])
assert g and w and all(p['status'] == 'go' for p in g) and all(p['status'] == 'wait' for p in w)
assert len(g) + len(w) == len(a)" "$T/plays.out" "$T/plays-go.out" "$T/plays-wait.out"
run plays-owner 0 plays --owner callum --format json
check "plays --owner: Callum's accounts only" json plays-owner "
assert d and all(p['owner'] == 'Callum Byrne' for p in d)"
run plays-text 0 plays
check "plays text: the wait in words" \
	bash -c "grep -E '^Calder Steel Fabrication +Priya Raman +Cross-sell +wait +hold: low advocacy' '$T/plays-text.out'"
run plays-md 0 plays --format md
bad plays-status-bad 2 plays --status maybe
bad plays-account-bad 1 plays --account "No Such Account"

# a hold set by hand on a grow account: its upsell waits, with the reason
run hold-tidewell 0 plan Tidewell --hold "Legal review of the new contract"
run plays-held 0 plays --account Tidewell --format json
check "plays: a hold by hand makes Tidewell's upsell wait, with the reason given" json plays-held "
assert d and all(p['status'] == 'wait' and p['reason'] == 'hold' for p in d), d
assert 'Legal review of the new contract' in d[0]['detail'], d[0]"
run pitch-held 0 note Tidewell --kind pitch "Offered the seasonal range"
check "a pitch on an account on hold: saved, and one line on stderr saying why it is held" \
	bash -c "grep -q '^note [0-9a-z]* saved$' '$T/pitch-held.out' && [ \$(wc -l <'$T/pitch-held.err') -eq 1 ] &&
	grep -q '^acctplan: warning: Tidewell Brewing is on hold (set by hand on 2026-11-20: Legal review of the new contract)' '$T/pitch-held.err'"
run unhold-tidewell 0 plan Tidewell --auto
run pitch-open 0 note Tidewell --kind pitch "Offered the seasonal range again"
check "a pitch on an account open for sales: no warning" test ! -s "$T/pitch-open.err"
run pitch-calder 0 note Calder --kind pitch "Offered gloves while they wait for credits"
check "a pitch on Calder (repair): the quadrant's reason" \
	grep -q "^acctplan: warning: Calder Steel Fabrication is on hold (low advocacy)" "$T/pitch-calder.err"

# an open product or service problem holds the plays; a price problem does not
run price-problem 0 problem new Bakehouse --title "Carriage surcharge on small orders" --category price
run plays-price 0 plays --account Bakehouse --format json
check "plays: a price problem does not hold Bakehouse's plays" json plays-price "
assert d and all(p['status'] == 'go' for p in d), d"
run product-problem 0 problem new Bakehouse --title "Hi-vis fading after ten washes" --category product
PID=$(sed -n 's/^problem \([0-9a-z]*\) .*/\1/p' "$T/product-problem.out")
run plays-product 0 plays --account Bakehouse --format json
check "plays: an open product problem makes them wait, naming it" json plays-product "
assert d and all(p['status'] == 'wait' and p['reason'] == 'open_problem' and p['detail'] == 'Hi-vis fading after ten washes' for p in d), d"
run problem-resolved 0 problem move "$PID" resolved --root-cause "A bad dye lot"
run plays-resolved 0 plays --account Bakehouse --format json
check "... still while it is resolved but not reported back" json plays-resolved "
assert all(p['reason'] == 'open_problem' for p in d), d"
run problem-reported 0 problem move "$PID" reported_back --reported "New dye lot from January"
run plays-reported 0 plays --account Bakehouse --format json
check "... and they go once it is reported back" json plays-reported "
assert d and all(p['status'] == 'go' for p in d), d"

# "not a good time", and its date coming
run bakehouse-no 0 note Bakehouse --good-time no --reason vacation --next 2026-12-04 "Away until December"
run plays-notgood 0 plays --account Bakehouse --format json
check "plays: a 'no, on vacation' with its date ahead makes them wait until it" json plays-notgood "
assert d and all(p['reason'] == 'not_a_good_time' and p['until'] == '2026-12-04' and p['detail'] == 'no (vacation)' for p in d), d"
ACCTPLAN_TODAY=2026-12-04 "$A" plays --account Bakehouse --format json >"$T/plays-notgood-after.out" 2>&1
check "... and go on that day" json plays-notgood-after "
assert d and all(p['status'] == 'go' for p in d), d"

# quiet seasons across the new year (Portway is Logistics)
printf 'quiet_seasons:\n  logistics: ["12-15..01-10"]\n' >"$T/quiet.yaml"
season() { # NAME DAY: Portway's plays on DAY with the Logistics season
	ACCTPLAN_TODAY=$2 "$A" --config "$T/quiet.yaml" plays --account Portway --format json >"$T/$1.out" 2>"$T/$1.err"
}
season q-1214 2026-12-14
season q-1215 2026-12-15
season q-1231 2026-12-31
season q-0101 2027-01-01
season q-0110 2027-01-10
season q-0111 2027-01-11
check "quiet season: not on 12-14" json q-1214 "
assert d and not [p for p in d if p['reason'] == 'quiet_season'], d"
for n in q-1215 q-1231 q-0101 q-0110; do
	check "quiet season 12-15..01-10: $n, every play waits until 2027-01-11" json $n "
assert d and all(p['status'] == 'wait' and p['reason'] == 'quiet_season' and p['until'] == '2027-01-11' and p['detail'] == '12-15..01-10 in Logistics' for p in d), d"
done
check "quiet season: over on 01-11" json q-0111 "
assert d and not [p for p in d if p['reason'] == 'quiet_season'], d"
check "quiet season: no warning for a good setting" test ! -s "$T/q-1215.err"
ACCTPLAN_TODAY=2026-12-20 "$A" --config "$T/quiet.yaml" plays --account Tidewell --format json >"$T/q-other.out" 2>&1
check "quiet season: another segment's plays are not held by it" json q-other "
assert d and not [p for p in d if p['reason'] == 'quiet_season'], d"
printf 'quiet_seasons:\n  "*": ["12-24..12-26"]\n  Logistics: ["13-01..01-10"]\n' >"$T/quiet-bad.yaml"
ACCTPLAN_TODAY=2026-12-25 "$A" --config "$T/quiet-bad.yaml" plays --account Tidewell --format json >"$T/q-star.out" 2>"$T/q-star.err"
check "quiet season \"*\": every segment's" json q-star "
assert d and all(p['reason'] == 'quiet_season' and p['until'] == '2026-12-27' for p in d), d"
check "a bad season: file:line:column and why, the good ones still count" \
	grep -q "^acctplan: warning: $T/quiet-bad.yaml:3:15: quiet season \"13-01..01-10\" is not MM-DD..MM-DD" "$T/q-star.err"

# ---- the CRM's plays, and export plays for the CRM -------------------------------
PORTWAY=$(python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute(\"SELECT id FROM accounts WHERE name LIKE 'Portway%'\").fetchone()[0])")
CALDER=$(python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute(\"SELECT id FROM accounts WHERE name LIKE 'Calder%'\").fetchone()[0])")
python3 - "$DB" "$PORTWAY" "$CALDER" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO plays(id, account_id, play, due, external_ref) VALUES (501, ?, ?, '2026-11-25', 'HS-9')",
           (int(sys.argv[2]), '=HYPERLINK("http://evil.example","Reorder push")'))
db.execute("INSERT INTO plays(id, account_id, play) VALUES (502, ?, 'Spend dropped 20%: call')", (int(sys.argv[3]),))
db.commit()
PY
run plays-crm 0 plays --format json
check "plays: the CRM's plays, gated like the others" json plays-crm "
c = {p['account']: p for p in d if p['kind'] == 'crm'}
assert c['Portway Container Services']['status'] == 'go' and c['Portway Container Services']['since'] == '2026-11-25' and c['Portway Container Services']['external_ref'] == 'HS-9', c
assert c['Calder Steel Fabrication']['status'] == 'wait' and c['Calder Steel Fabrication']['reason'] == 'hold' and c['Calder Steel Fabrication']['source'] == 'crm', c"
run export-plays 0 export plays
check "export plays: csv by default, the columns of plays --format csv" \
	bash -c "head -1 '$T/export-plays.out' | grep -qx 'account_id,account,account_ref,owner,play,kind,source,external_ref,status,reason,detail,until,since'"
check "export plays: a formula from the CRM is neutralised" \
	bash -c "grep -q \"'=HYPERLINK\" '$T/export-plays.out' && ! grep -q ',\"=HYPERLINK' '$T/export-plays.out' && ! grep -q ',=HYPERLINK' '$T/export-plays.out'"
check "export plays: as many rows as plays lists" python3 -c "import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
plays = json.load(open(sys.argv[2]))
assert len(rows) == len(plays), (len(rows), len(plays))
assert [r['status'] for r in rows] == [p['status'] for p in plays]
assert [r for r in rows if r['kind'] == 'crm' and r['status'] == 'wait' and r['reason'] == 'hold']" "$T/export-plays.out" "$T/plays-crm.out"
run export-plays-json 0 export plays --format json
check "export plays --format json: the list of plays --format json" cmp -s "$T/export-plays-json.out" "$T/plays-crm.out"
bad export-text 2 export plays --format text
bad export-kind 2 export nothing

# ---- win-back: the reviews on the agenda ----------------------------------------
run agenda-wb 0 agenda --format json
check "agenda: the win-back reviews due, after the other kinds, with their number" json agenda-wb "
w = [(o['account'], o['due'], o['detail']) for o in d if o['kind'] == 'winback']
assert w == [('Halden Foods', '2026-11-16', 'win-back review 2: lost on 2026-05-20 to Uniserve Textile Rental'), ('Westcombe Rail Services', '2026-11-17', 'win-back review 3: lost on 2026-02-20 to SafeLine Direct')], w
assert d[-2]['kind'] == 'winback' and d[-1]['kind'] == 'winback'"
run agenda-wb7 0 agenda --days 7 --format json
check "agenda --days 7: Thornbury's review on 2026-11-26 too" json agenda-wb7 "
assert [o for o in d if o['kind'] == 'winback' and o['account'] == 'Thornbury Community Hospitals' and o['due'] == '2026-11-26'], d"
run halden-review 0 note Halden --kind winback "Reviewed the plan with Callum: call Ian in January"
run agenda-reviewed 0 agenda --days 100 --format json
check "a win-back note is a review: Halden's next is 90 days after the last covered" json agenda-reviewed "
assert [o['due'] for o in d if o['kind'] == 'winback' and o['account'] == 'Halden Foods'] == ['2027-02-14'], d"
run drop-westcombe 0 winback drop Westcombe
run agenda-dropped 0 agenda --days 400 --format json
check "winback drop: no review of Westcombe any more" json agenda-dropped "
assert not [o for o in d if o['kind'] == 'winback' and o['account'].startswith('Westcombe')]"
run plays-dropped 0 plays --format json
check "... nor its win-back play" json plays-dropped "
assert not [p for p in d if p['account'].startswith('Westcombe')]"
run winback-list 0 winback list --format json
check "winback list: the lost accounts, those still to win back by their next review, then dropped" json winback-list "
assert [(o['account'], o['next_review']) for o in d] == [('Thornbury Community Hospitals', '2026-11-26'), ('Carrick Brothers Engineering', '2027-01-10'), ('Halden Foods', '2027-02-14'), ('Westcombe Rail Services', None)], d
w = d[-1]
assert w['dropped_on'] == '2026-11-20' and w['lost_to'] == 'SafeLine Direct' and w['plan'].startswith('Their contract') and w['reason'].startswith('Lost the 2026 tender'), w
assert isinstance(d[0]['id'], str)"
run winback-text 0 winback list
check "winback list text: the next review in words" grep -q "2026-11-26 (in 6 days)" "$T/winback-text.out"
bad drop-twice 1 winback drop Westcombe
bad drop-active 1 winback drop Tidewell
bad drop-future 2 winback drop Halden --on 2026-12-01
bad resume-open 1 winback resume Halden
run resume-westcombe 0 winback resume Westcombe
run agenda-resumed 0 agenda --format json
check "winback resume: Westcombe's review is due again" json agenda-resumed "
assert [o for o in d if o['kind'] == 'winback' and o['account'].startswith('Westcombe') and o['due'] == '2026-11-17']"
printf 'winback_days: 30\n' >"$T/wb30.yaml"
run agenda-wb30 0 --config "$T/wb30.yaml" agenda --format json
check "winback_days 30: Carrick (lost 04-15, reviewed 10-14) is due on 11-11" json agenda-wb30 "
assert [o for o in d if o['kind'] == 'winback' and o['account'].startswith('Carrick') and o['due'] == '2026-11-11'], d"
run won-halden 0 account won Halden --on 2026-11-20
run agenda-won 0 agenda --days 400 --format json
check "won again: no more win-back reviews for Halden" json agenda-won "
assert not [o for o in d if o['kind'] == 'winback' and o['account'] == 'Halden Foods']"
run lost-again 0 account lost Halden --to "Uniserve Textile Rental" --reason "Price again" --on 2026-11-20
run agenda-lost 0 agenda --days 100 --format json
check "lost again: the reviews start afresh from the new day" json agenda-lost "
assert [o['due'] for o in d if o['kind'] == 'winback' and o['account'] == 'Halden Foods'] == ['2027-02-18'], d"

# the next review is kept on the account's cache row (schema 16): what
# another program writes (a win-back note, the day lost, a new name, the
# win-back dropped) must reach the agenda, the list and its order all the same
HALDEN=$(sqlite3 "$DB" "SELECT id FROM accounts WHERE name = 'Halden Foods'")
sqlite3 "$DB" "INSERT INTO notes(account_id, kind, body, created_at) VALUES ($HALDEN, 'winback', 'met them at the fair', '2027-02-16 10:00:00')"
run agenda-other-note 0 agenda --days 400 --format json
check "another program's win-back note is a review: Halden's next is 90 days after the one it covered" json agenda-other-note "
assert [o['due'] for o in d if o['kind'] == 'winback' and o['account'] == 'Halden Foods'] == ['2027-05-19'], d"
sqlite3 "$DB" "DELETE FROM notes WHERE account_id = $HALDEN AND kind = 'winback' AND body = 'met them at the fair'"
run agenda-note-gone 0 agenda --days 400 --format json
check "... and deleted, it no longer is" json agenda-note-gone "
assert [o['due'] for o in d if o['kind'] == 'winback' and o['account'] == 'Halden Foods'] == ['2027-02-18'], d"
sqlite3 "$DB" "UPDATE accounts SET lost_on = '2026-09-01' WHERE id = $HALDEN"
run winback-other-day 0 winback list --format json
check "another program's day lost moves the next review and the list's order" json winback-other-day "
assert [(o['account'], o['next_review']) for o in d] == [('Westcombe Rail Services', '2026-11-17'), ('Thornbury Community Hospitals', '2026-11-26'), ('Halden Foods', '2026-11-30'), ('Carrick Brothers Engineering', '2027-01-10')], d"
sqlite3 "$DB" "UPDATE accounts SET winback_dropped_on = '2026-11-20' WHERE id = $HALDEN OR name LIKE 'Thornbury%'"
run winback-other-drop 0 winback list --format json
check "... win-backs dropped by another program: last, by name" json winback-other-drop "
assert [(o['account'], o['next_review']) for o in d] == [('Westcombe Rail Services', '2026-11-17'), ('Carrick Brothers Engineering', '2027-01-10'), ('Halden Foods', None), ('Thornbury Community Hospitals', None)], d"
sqlite3 "$DB" "UPDATE accounts SET name = 'Zephyr Foods' WHERE id = $HALDEN"
run winback-other-name 0 winback list --format json
check "... renamed by another program: in the order of its new name" json winback-other-name "
assert [(o['account'], o['next_review']) for o in d] == [('Westcombe Rail Services', '2026-11-17'), ('Carrick Brothers Engineering', '2027-01-10'), ('Thornbury Community Hospitals', None), ('Zephyr Foods', None)], d"
# the follow-ups are ordered on the cache row's name (schema 17): a name
# another program changes is the one the agenda shows, in its new place
run agenda-before-rename 0 agenda --format json
FOLLOW=$(python3 -c "import json, sys
print([o for o in json.load(open(sys.argv[1])) if o['kind'] == 'followup'][0]['account_id'])" "$T/agenda-before-rename.out")
sqlite3 "$DB" "UPDATE accounts SET name = 'Zz Renamed By Another Program' WHERE id = $FOLLOW"
run agenda-renamed 0 agenda --format json
check "another program's new name is the one the agenda shows for the account's follow-ups" json agenda-renamed "
f = [o for o in d if o['kind'] == 'followup' and o['account_id'] == '$FOLLOW']
assert f and all(o['account'] == 'Zz Renamed By Another Program' for o in f), f"
sqlite3 "$DB" "UPDATE accounts SET name = 'Halden Foods', lost_on = '2026-11-20', winback_dropped_on = NULL WHERE id = $HALDEN;
	UPDATE accounts SET winback_dropped_on = NULL WHERE name LIKE 'Thornbury%'"

# ---- coaching: a small book made for it -------------------------------------------
export ACCTPLAN_DB="$T/coach.db"
DB="$T/coach.db"
on() { ACCTPLAN_TODAY=$1 "$A" "${@:2}" >>"$T/coach.log" 2>&1 || echo "failed: $*" >>"$T/coach.fail"; }
on 2026-08-01 account add "Alder Ltd" --owner "Ann Lee" --revenue 10 --wallet 100
on 2026-08-01 contact add alder "Bo" --role decision_maker
on 2026-08-01 contact add alder "Cy" --role user
on 2026-08-01 account add "Birch plc" --owner "Ann Lee" --revenue 10 --wallet 100
on 2026-08-01 contact add birch "Di" --role decision_maker
on 2026-08-01 account add "Cedar Co" --owner "Raj Patel" --revenue 10 --wallet 100
on 2026-08-01 contact add cedar "Ed" --role decision_maker
# Birch is a promoter's, open for sales; Alder and Cedar have no feedback yet: held
on 2026-08-01 response add birch --score 10 --contact Di --on 2026-08-01
# a pitch 100 days ago on held Alder; this month one on held Alder, one on open Birch
on 2026-08-12 note alder --kind pitch "Pitched the winter range"
on 2026-11-10 note alder --kind pitch "Pitched again"
on 2026-11-12 note birch --kind pitch "Offered laundry"
# detractors: Bo (2 on 11-01, called 11-02: on time), Cy (3 on 11-01, called
# 11-09: late), Ed (4 on 11-05, never: late), Bo again (5 on 11-19: not due yet)
on 2026-11-01 response add alder --score 2 --contact Bo --on 2026-11-01
on 2026-11-01 response add alder --score 3 --contact Cy --on 2026-11-01
on 2026-11-02 note alder --kind call --contact Bo "Called Bo back"
on 2026-11-09 note alder --kind followup --contact Cy "Wrote to Cy"
on 2026-11-05 response add cedar --score 4 --contact Ed --on 2026-11-05
on 2026-11-19 response add alder --score 5 --contact Bo --on 2026-11-19
# a problem of Cedar's reported back on 11-15
on 2026-11-10 problem new cedar --title "Late deliveries" --category service
CPID=$(sed -n 's/^problem \([0-9a-z]*\) opened$/\1/p' "$T/coach.log" | tail -1)
on 2026-11-15 problem move "$CPID" resolved --on 2026-11-14 --root-cause "Driver shortage"
on 2026-11-15 problem move "$CPID" reported_back --on 2026-11-15 --reported "Fixed the route"
check "coaching book: every command of it ran" test ! -e "$T/coach.fail"
run coaching 0 coaching --format json
check "coaching json: one row per owner with its keys and counts over 90 days" json coaching "
assert [r['owner'] for r in d] == ['Ann Lee', 'Raj Patel'], d
for r in d:
    for k in ('owner', 'pitches', 'pitches_on_hold', 'followups_on_time', 'followups_late', 'reported_back'):
        assert k in r, (k, r)
ann, raj = d
assert (ann['pitches'], ann['pitches_on_hold']) == (2, 1), ann
assert (ann['followups_on_time'], ann['followups_late'], ann['followups_waiting']) == (1, 1, 1), ann
assert ann['reported_back'] == 0, ann
assert (raj['pitches'], raj['followups_on_time'], raj['followups_late'], raj['reported_back']) == (0, 0, 1, 1), raj"
run coaching-120 0 coaching --days 120 --format json
check "coaching --days 120: the pitch of 2026-08-12 too, on hold" json coaching-120 "
assert (d[0]['pitches'], d[0]['pitches_on_hold']) == (3, 2), d[0]"
ACCTPLAN_TODAY=2026-11-21 "$A" coaching --days 7 --format json >"$T/coaching-7.out" 2>&1
ACCTPLAN_TODAY=2026-11-22 "$A" coaching --days 7 --format json >"$T/coaching-7b.out" 2>&1
check "coaching --days 7 on 11-21: Bo's 5 of 11-19 is due today, not late; the rest before the days" json coaching-7 "
assert (d[0]['followups_on_time'], d[0]['followups_late'], d[0]['followups_waiting'], d[0]['pitches']) == (0, 0, 1, 0), d[0]"
check "... and late on 11-22" json coaching-7b "
assert (d[0]['followups_on_time'], d[0]['followups_late'], d[0]['followups_waiting']) == (0, 1, 0), d[0]"
run coaching-text 0 coaching
check "coaching text: a row per owner" bash -c "grep -Eq '^Ann Lee +2 +1 +1 +1 +1 +0$' '$T/coaching-text.out'"
run coaching-csv 0 coaching --format csv
check "coaching csv: the header" bash -c "head -1 '$T/coaching-csv.out' | grep -qx 'owner,pitches,pitches_on_hold,followups_on_time,followups_late,followups_waiting,reported_back'"
bad coaching-days 2 coaching --days 0

# ---- help ---------------------------------------------------------------------------
for cmd in plays referrals referral coaching winback export; do
	run "help-$cmd" 0 "$cmd" --help
	check "$cmd --help: a usage line" grep -q "^usage: acctplan $cmd" "$T/help-$cmd.out"
done

tap_done

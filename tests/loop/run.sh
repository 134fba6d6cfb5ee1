#!/bin/bash
# The closed loop's commands (defects, defect, problem, note, agenda, brief,
# plan) on the sample book with today pinned to 2026-11-20.
#
#   bash tests/loop/run.sh ACCTPLAN
#
# Every bad input must give a non-zero exit, exactly one line on stderr that
# starts "acctplan: ", nothing on stdout, and leave every table of the file
# as it was (a digest of all core rows, taken with python's sqlite3, before
# and after). A note saved by a process that is SIGKILLed right after the
# commit must be there, intact, on reopening.
set -u

A=${1:?usage: run.sh ACCTPLAN}
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-loop.XXXXXX")
trap 'rm -rf "$T"' EXIT

export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset ACCTPLAN_DB NO_COLOR COLUMNS LINES ACCTPLAN_TEST_KILL_AFTER_COMMIT
mkdir -p "$HOME"
DB="$T/book.db"
export ACCTPLAN_DB="$DB"

. "$(dirname "$0")/../lib/tap.sh"

"$A" sample --out "$DB" >/dev/null 2>&1 || { echo "Bail out! sample failed"; exit 1; }

# ---- defects ------------------------------------------------------------
run defects 0 defects
run defects-again 0 defects
check "defects: the ranking is stable" cmp -s "$T/defects.out" "$T/defects-again.out"
check "defects: CLAIMS-DELAY ranks first in text" \
	bash -c "sed -n 4p '$T/defects.out' | grep -q '^ 1  CLAIMS-DELAY '"
run defects-json 0 defects --format json
check "defects json: fields, order by impact, CLAIMS-DELAY first" json defects-json "
assert d[0]['code'] == 'CLAIMS-DELAY', d[0]
for o in d:
    for k in ('code','title','category','frequency','severity','impact','responses','accounts','open_problems'):
        assert k in o, (k, o)
imp = [o['impact'] for o in d]
assert imp == sorted(imp, reverse=True), imp
none = [o for o in d if o['responses'] == 0]
assert all(o['severity'] is None and o['impact'] == 0 for o in none)
"
run defects-csv 0 defects --format csv
check "defects csv: header and one row per defect" \
	bash -c "head -1 '$T/defects-csv.out' | grep -q '^rank,code,title,category,frequency,severity,impact' && [ \$(wc -l <'$T/defects-csv.out') -eq 15 ]"
run defects-md 0 defects --format md
run queue 0 defects CLAIMS-DELAY --format json
check "defects CODE: the queue in priority order, active first" json queue "
order = {'repair':0,'fix_basics':1,'grow':2,'protect':3,'no_feedback':4}
assert len(d) > 5
act = [o for o in d if o['status'] == 'active']
assert d[:len(act)] == act
assert all(o['citing'] >= 1 for o in d)
assert d[0]['quadrant'] == 'repair'
rep = [o['revenue'] for o in d if o['quadrant'] == 'repair']
assert rep == sorted(rep, reverse=True), rep
"
bad defects-unknown 1 defects NO-SUCH-DEFECT
bad defect-add-nocat 2 defect add NEW-ONE --title "New one"
bad defect-add-badcode 2 defect add "bad code" --title T --category service
bad defect-add-dup 1 defect add CLAIMS-DELAY --title T --category service
run defect-add 0 defect add PPE-STOCKOUT --title "PPE out of stock at the depot" --category service
run defect-edit 0 defect edit PPE-STOCKOUT --category product
run defects-after 0 defects --format json
check "defect add/edit: in the catalogue, uncited" json defects-after "
o = [x for x in d if x['code'] == 'PPE-STOCKOUT'][0]
assert o['category'] == 'product' and o['responses'] == 0 and o['severity'] is None
"

# ---- problems: from a detractor response to reported_back ----------------
run agenda0 0 agenda --format json
FID=$(python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
print([o for o in d if o['kind'] == 'followup'][-1]['ref_id'])" "$T/agenda0.out")
# full TABLE SHORT: the whole id of the one row of TABLE whose short id
# (Crockford base 32 of its 63 bits, as acctplan prints it) is SHORT
full() {
	python3 - "$DB" "$1" "$2" <<'PY'
import sqlite3, sys
abc = "0123456789abcdefghjkmnpqrstvwxyz"
v = 0
for ch in sys.argv[3]:
    v = v * 32 + abc.index(ch)
bits = 5 * len(sys.argv[3])
lo, hi = v << (63 - bits), ((v + 1) << (63 - bits)) - 1
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT id FROM %s WHERE id BETWEEN ? AND ?" % sys.argv[2], (lo, hi)).fetchall()
print(rows[0][0] if len(rows) == 1 else "")
PY
}
run problem-new 0 problem new --response "$FID"
PID=$(full problems "$(sed -n 's/^problem \([0-9a-z]*\) opened$/\1/p' "$T/problem-new.out")")
check "problem new: an id" test -n "$PID"
run agenda1 0 agenda --format json
check "problem new: the response is followed up (off the agenda)" json agenda1 "
assert '$FID' not in [o['ref_id'] for o in d if o['kind'] == 'followup']"
run problem-show 0 problem show "$PID" --format json
check "problem new: account, buyer, response, state open" json problem-show "
assert d['status'] == 'open' and d['response_id'] == '$FID' and d['account'], d"
bad move-no-cause 1 problem move "$PID" fixing
check "problem move: the rule in words, and the option that meets it" \
	grep -q "need a root cause (give --root-cause TEXT)" "$T/move-no-cause.err"
bad move-skip-report 1 problem move "$PID" reported_back --root-cause x --reported y
bad move-bad-state 2 problem move "$PID" done
bad move-bad-id 1 problem move 12345 fixing --root-cause x
bad move-future 2 problem move "$PID" root_cause --on 2030-01-01
run move-rc 0 problem move "$PID" root_cause --root-cause "Claims queue had no owner after the reorganisation"
run move-fix 0 problem move "$PID" fixing
run move-res 0 problem move "$PID" resolved
run agenda2 0 agenda --format json
check "resolved: on the agenda to report back" json agenda2 "
assert '$PID' in [o['ref_id'] for o in d if o['kind'] == 'report_back']"
bad move-no-report 1 problem move "$PID" reported_back
run move-back 0 problem move "$PID" reported_back --reported "Told the buyer the claims queue now has an owner"
run problem-show2 0 problem show "$PID" --format json
check "reported_back: dates and texts kept" json problem-show2 "
assert d['status'] == 'reported_back' and d['resolved_on'] == '2026-11-20' and d['reported_on'] == '2026-11-20'
assert d['root_cause'].startswith('Claims queue') and d['reported_back'].startswith('Told')"
bad move-closed 1 problem move "$PID" fixing
run problem-list 0 problem list --format json
check "problem list: open ones only" json problem-list "
assert d and all(o['status'] != 'reported_back' for o in d)
assert '$PID' not in [o['id'] for o in d]"
run problem-list-all 0 problem list --all --format json
check "problem list --all: the closed one too" json problem-list-all "
assert '$PID' in [o['id'] for o in d]"
run problem-new-acct 0 problem new Ashby --title "Portal login fails" --category service --contact Claire
bad problem-new-notitle 2 problem new Ashby --category service
bad problem-new-nocat 2 problem new Ashby --title x
bad problem-new-badcat 2 problem new Ashby --title x --category quality

# ---- notes --------------------------------------------------------------
bad note-unknown 1 note "No Such Account" "hello"
bad note-ambiguous 1 note North "hello"
bad note-bad-date 2 note Ashby --good-time no --reason vacation --next 2026-02-30 "hello"
bad note-past-date 2 note Ashby --next 2026-11-01 "hello"
bad note-bad-good 2 note Ashby --good-time maybe "hello"
bad note-reason-yes 2 note Ashby --good-time yes --reason vacation "hello"
bad note-reason-alone 2 note Ashby --reason budget_cycle "hello"
bad note-bad-reason 2 note Ashby --good-time no --reason weather "hello"
bad note-bad-kind 2 note Ashby --kind chat "hello"
bad note-empty 2 note Ashby "   "
bad note-no-text 2 note Ashby
bad note-no-buyer 1 note Ashby --contact "Nobody" "hello"
bad note-bad-response 1 note Ashby --response 12345 "hello"

run note-precall 0 note Ashby --contact Claire --good-time no --reason vacation --next 2026-12-03 \
	"Claire is away until the 3rd; call about the winter order then"
NID=$(full notes "$(sed -n 's/^note \([0-9a-z]*\) saved$/\1/p' "$T/note-precall.out")")
check "note: an id" test -n "$NID"
run show-ashby 0 show Ashby --format json
check "note: under the account's notes" json show-ashby "
n = d['notes'][0]
assert n['kind'] == 'precall' and n['good_time'] == 'no' and n['reason'] == 'vacation'
assert n['next_contact_on'] == '2026-12-03' and n['contact'] == 'Claire Haworth'
assert n['created_at'].startswith('2026-11-20')"
ACCTPLAN_TODAY=2026-12-02 run agenda-before 0 agenda --account Ashby --format json
check "note: not on the agenda the day before" json agenda-before "
assert '$NID' not in [o['ref_id'] for o in d]"
ACCTPLAN_TODAY=2026-12-03 run agenda-on 0 agenda --account Ashby --format json
check "note: on the agenda on its date" json agenda-on "
assert [o for o in d if o['ref_id'] == '$NID' and o['kind'] == 'next_contact' and o['late_days'] == 0]"
run agenda-days 0 agenda --days 13 --owner "Callum Byrne" --format json
check "agenda --days: looks ahead, one owner" json agenda-days "
assert '$NID' in [o['ref_id'] for o in d] and all(o['owner'] == 'Callum Byrne' for o in d)"
run note-edit 0 note --edit "$NID" --next 2026-12-04 "Claire back on the 4th"
run show-ashby2 0 show Ashby --format json
check "note --edit: changed in place" json show-ashby2 "
n = d['notes'][0]
assert n['next_contact_on'] == '2026-12-04' and n['body'] == 'Claire back on the 4th' and n['reason'] == 'vacation'"
bad note-edit-bad 2 note --edit "$NID" --good-time yes --reason other
bad note-edit-missing 1 note --edit 42 "x"
"$A" note Ashby --kind call - >"$T/note-stdin.out" 2>&1 <<<"Long call notes from stdin"
check "note -: text from stdin" grep -q "saved" "$T/note-stdin.out"
SID=$(sed -n 's/^note \([0-9a-z]*\) saved$/\1/p' "$T/note-stdin.out")
run note-delete 0 note --delete "$SID"
bad note-delete-again 1 note --delete "$SID"

# a detractor's follow-up note clears it from the agenda
FID2=$(python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
print([o for o in d if o['kind'] == 'followup'][0]['ref_id'])" "$T/agenda0.out")
ACC2=$(python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
print([o for o in d if o['kind'] == 'followup'][0]['account_id'])" "$T/agenda0.out")
run note-followup 0 note "$ACC2" --response "$FID2" "Called back, listened, agreed next steps"
run agenda3 0 agenda --format json
check "note --response: the detractor is followed up" json agenda3 "
assert '$FID2' not in [o['ref_id'] for o in d if o['kind'] == 'followup']"

# killed right after the commit: the note is on disk
ACCTPLAN_TEST_KILL_AFTER_COMMIT=1 "$A" note Ashby --kind call "Saved, then SIGKILL" \
	>"$T/kill.out" 2>"$T/kill.err"
st=$?
check "kill: the process died of SIGKILL (status $st)" test "$st" -eq 137
check "kill: it had said saved" grep -q "saved" "$T/kill.out"
run show-after-kill 0 show Ashby --format json
check "kill: the note is intact on reopening" json show-after-kill "
assert [n for n in d['notes'] if n['body'] == 'Saved, then SIGKILL' and n['kind'] == 'call']"
check "kill: the file passes integrity_check" python3 -c "import sqlite3,sys
assert sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0] == 'ok'" "$DB"

# ---- plan: conditions and the hold ---------------------------------------
run plan-ashby 0 plan Ashby
check "plan: a grow account with its plan met is open" grep -q "Sales     open" "$T/plan-ashby.out"
run plan-add 0 plan Ashby --add "Claire confirms the winter order volumes"
CID=$(full conditions "$(sed -n 's/^condition \([0-9a-z]*\) added$/\1/p' "$T/plan-add.out")")
check "plan --add: an open condition holds sales" grep -q "ON HOLD (readiness conditions open)" "$T/plan-add.out"
check "plan --add: stamped by the one clock (today as pinned), not SQLite's" \
	bash -c "grep 'Claire confirms the winter order volumes' '$T/plan-add.out' | grep -q ' 2026-11-20 '"
run brief-held 0 brief Ashby
check "brief: on hold gives DO NOT PITCH and the open condition" \
	bash -c "grep -q 'DO NOT PITCH' '$T/brief-held.out' && grep -q 'winter order volumes' '$T/brief-held.out'"
bad plan-met-other 1 plan Northgate --met "$CID"
bad plan-met-bad 2 plan Ashby --met abc
bad plan-met-date 2 plan Ashby --met "$CID" --on 2026-11-31
run plan-met 0 plan Ashby --met "$CID"
check "plan --met: the last condition met lifts the hold" grep -q "Sales     open" "$T/plan-met.out"
bad plan-met-twice 1 plan Ashby --met "$CID"
run plan-reopen 0 plan Ashby --reopen "$CID"
check "plan --reopen: held again" grep -q "ON HOLD" "$T/plan-reopen.out"
run plan-edit 0 plan Ashby --edit "$CID" "Claire confirms volumes for winter and spring"
run plan-json 0 plan Ashby --format json
check "plan json: hold and conditions" json plan-json "
assert d['hold'] is True and [c for c in d['conditions'] if c['id'] == '$CID' and c['state'] == 'open']"
run plan-met2 0 plan Ashby --met "$CID"
run plan-hold 0 plan Ashby --hold "Legal review of the new contract"
check "plan --hold: held by hand with the reason" grep -q "ON HOLD (set by hand on 2026-11-20: Legal review" "$T/plan-hold.out"
run brief-manual 0 brief Ashby --format md
check "brief md: manual hold says DO NOT PITCH" grep -q "DO NOT PITCH" "$T/brief-manual.out"
run plan-auto 0 plan Ashby --auto
check "plan --auto: back to the rules" grep -q "Sales     open" "$T/plan-auto.out"
run plan-lift 0 plan Northgate --lift "Director asked us to quote the renewal"
check "plan --lift: a repair account opened by hand" grep -q "Sales     open (lifted by hand" "$T/plan-lift.out"
bad plan-two-actions 2 plan Ashby --add x --auto
bad plan-empty-hold 2 plan Ashby --hold ""
bad plan-unknown 1 plan "No Such Account"

# ---- brief ----------------------------------------------------------------
run brief-repair 0 brief Calder
check "brief: a repair account says DO NOT PITCH" grep -q "DO NOT PITCH" "$T/brief-repair.out"
for want in "Quadrant    Repair" "Trend" "Buyers and how to approach them" "do not sell" \
	"Open problems" "Good time?" "Readiness conditions still open"; do
	check "brief: shows \"$want\"" grep -qF "$want" "$T/brief-repair.out"
done
run brief-checkin 0 brief Portway
check "brief: post-sale check-in due" grep -q "7-day check-in" "$T/brief-checkin.out"
run brief-reported 0 brief Dunmore
check "brief: what was last reported back" grep -q "last reported back on" "$T/brief-reported.out"
bad brief-unknown 1 brief "No Such Account"
bad brief-csv 2 brief Calder --format csv

# ---- agenda -----------------------------------------------------------------
run agenda-a 0 agenda --format json
run agenda-b 0 agenda --format json
check "agenda: stable" cmp -s "$T/agenda-a.out" "$T/agenda-b.out"
check "agenda: kinds in order, then oldest due first" json agenda-a "
k = {'followup':0,'next_contact':1,'checkin':2,'report_back':3,'action':4,'winback':5}
keys = [(k[o['kind']], o['due']) for o in d]
assert keys == sorted(keys), keys
assert {o['kind'] for o in d} >= {'followup','checkin','report_back','action'}
assert all(o['due'] <= '2026-11-20' for o in d)"
run agenda-md 0 agenda --format md
run agenda-csv 0 agenda --format csv
bad agenda-days-bad 2 agenda --days -3
run agenda-owner-none 0 agenda --owner "Nobody At All" --format csv
check "agenda --owner: nobody's agenda is just the header" test "$(wc -l <"$T/agenda-owner-none.out")" -eq 1

# ---- the verdict (brief --format json) -------------------------------------
verdict_is() { # NAME ACCOUNT VERDICT UNTIL REASON [TODAY]
	local name=$1 acct=$2 v=$3 until=$4 reason=$5 today=${6:-2026-11-20}
	ACCTPLAN_TODAY=$today "$A" brief "$acct" --format json >"$T/$name.out" 2>"$T/$name.err"
	check "verdict: $name is $v" json "$name" "
assert d['verdict'] == '$v', d['verdict']
assert d['until'] == ($([ "$until" = - ] && echo None || echo "'$until'")), d['until']
assert d['reason'] == ($([ "$reason" = - ] && echo None || echo "'$reason'")), d['reason']
assert isinstance(d['id'], str) and d['id'].isdigit()
assert all(isinstance(b['id'], str) for b in d['buyers'])"
}
verdict_is clarion-wait Clarion wait 2026-12-10 budget_cycle
verdict_is tern-pitch Tern pitch - -
verdict_is tern-checkin Tern check_in 2026-12-02 - 2026-12-02
verdict_is tern-checkin-late Tern check_in 2026-12-02 - 2026-12-13
verdict_is kestrel-hold Kestrel do_not_pitch - -
verdict_is clarion-after Clarion pitch - - 2026-12-10
run brief-wait-text 0 brief Clarion
check "brief: the verdict is the first thing after the title" \
	bash -c "sed -n 3p '$T/brief-wait-text.out' | grep -q '^  WAIT  until 2026-12-10 (budget cycle)'"
check "brief: good time and what is due on the first screen (24 lines)" \
	bash -c "head -24 '$T/brief-wait-text.out' | grep -q '^  Good time?' && head -24 '$T/brief-wait-text.out' | grep -q '^  Due'"
# a grow account told "no, on vacation, until 2026-12-01" waits
run note-vacation 0 note Tidewell --good-time no --reason vacation --next 2026-12-01 "Away until December"
verdict_is tidewell-wait Tidewell wait 2026-12-01 vacation
# unsure waits as no does; the latest answer counts: a yes after it opens
# again (the day before, so the two notes never share a second)
ACCTPLAN_TODAY=2026-11-19 run note-unsure 0 note Bakehouse --good-time unsure --reason budget_cycle --next 2026-11-27 "Ask after their budget meeting"
verdict_is bakehouse-unsure Bakehouse wait 2026-11-27 budget_cycle
verdict_is bakehouse-unsure-over Bakehouse pitch - - 2026-11-27
run note-yes 0 note Bakehouse --good-time yes "They called back: budget approved"
verdict_is bakehouse-yes Bakehouse pitch - -
# a no without a date to try again does not wait
run note-nodate 0 note Hollins --good-time no --reason other "Not now"
verdict_is hollins-nodate Hollins pitch - -
# the first that applies: a hold before "not a good time", "not a good time"
# before a check-in due
run note-kestrel 0 note Kestrel --good-time no --reason vacation --next 2026-12-20 "Away"
verdict_is kestrel-hold-and-no Kestrel do_not_pitch - -
run note-tern 0 note Tern --good-time no --reason reorganisation --next 2026-12-05 "New buyer from the 5th"
verdict_is tern-wait-over-checkin Tern wait 2026-12-05 reorganisation 2026-12-02
verdict_is tern-checkin-after Tern check_in 2026-12-02 - 2026-12-05
# quiet seasons are the plays' (acctplan plays), not the verdict's
printf 'quiet_seasons:\n  "*": ["11-01..12-31"]\n' >"$T/quiet.yaml"
ACCTPLAN_TODAY=2026-11-20 "$A" --config "$T/quiet.yaml" brief "Tidewell" --format json >"$T/verdict-quiet.out" 2>&1
check "verdict: a quiet season changes nothing (Tidewell still waits for its own answer)" json verdict-quiet "
assert d['verdict'] == 'wait' and d['until'] == '2026-12-01', d['verdict']"
ACCTPLAN_TODAY=2026-11-20 "$A" --config "$T/quiet.yaml" brief "Fairlight" --format json >"$T/verdict-quiet2.out" 2>&1
check "verdict: ... and an open account in a quiet season is still pitch" json verdict-quiet2 "
assert d['verdict'] == 'pitch' and d['until'] is None, d['verdict']"
run brief-pipe 0 brief Calder
check "brief: nothing is cut when piped" bash -c "! grep -q '…' '$T/brief-pipe.out'"

# ---- the follow-up rule (followup.h) -----------------------------------------
run agenda-rule 0 agenda --format json
check "agenda: a detractor older than the window is history, not due" json agenda-rule "
assert not [o for o in d if o['kind'] == 'followup' and o['account'].startswith('Stanwick') and o['due'] < '2025-11-21'], d"
check "agenda: Terrence's 4 of 2026-09-28 is overdue" json agenda-rule "
assert [o for o in d if o['kind'] == 'followup' and 'Terrence' in o['detail'] and o['due'] == '2026-09-30'], d"
check "agenda: ids are strings" json agenda-rule "
assert all(isinstance(o['account_id'], str) for o in d)"
# the window's edge: window_days 53 ends 2026-11-20 and starts 2026-09-29
printf 'window_days: 53\n' >"$T/w53.yaml"
printf 'window_days: 54\n' >"$T/w54.yaml"
run agenda-w53 0 --config "$T/w53.yaml" agenda --format json
run agenda-w54 0 --config "$T/w54.yaml" agenda --format json
check "agenda: a response the day before the window is not due" json agenda-w53 "
assert not [o for o in d if 'Terrence' in o['detail']], d"
check "agenda: a response on the window's first day is due" json agenda-w54 "
assert [o for o in d if 'Terrence' in o['detail']], d"
# "Rang Terrence after his 4": a call note with the buyer closes it
run call-note 0 note Stanwick --kind call --contact Terrence "Rang Terrence after his 4"
run agenda-called 0 agenda --format json
check "agenda: a call note with the same buyer closes the follow-up" json agenda-called "
assert not [o for o in d if 'Terrence' in o['detail']], d"
run show-called 0 show Stanwick --format json
check "show: the response is followed up, by the same rule" json show-called "
f = [x for x in d['feedback'] if x['date'] == '2026-09-28'][0]
assert f['follow_up'] == 'done', f
old = [x for x in d['feedback'] if x['date'] < '2025-11-21' and x['score'] <= 6]
assert old and all(x['follow_up'] is None for x in old), old"

# ---- ids: strings in every JSON output, and taken back as typed (item 16) --
run ids-queue 0 defects CLAIMS-DELAY --format json
run ids-problems 0 problem list --all --format json
run ids-problem 0 problem show "$PID" --format json
run ids-plan 0 plan Ashby --format json
run ids-agenda 0 agenda --format json
run ids-brief 0 brief Ashby --format json
run ids-show 0 show Ashby --format json
check "json ids: every id and *_id is a string of digits (or null)" python3 - \
	"$T/ids-queue.out" "$T/ids-problems.out" "$T/ids-problem.out" "$T/ids-plan.out" \
	"$T/ids-agenda.out" "$T/ids-brief.out" "$T/ids-show.out" <<'EOF'
import json, sys
seen = 0
def walk(v, path):
    global seen
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "id" or k.endswith("_id"):
                assert x is None or (isinstance(x, str) and x.isdigit()), (path, k, x)
                seen += 1
            walk(x, path + "/" + k)
    elif isinstance(v, list):
        for x in v:
            walk(x, path)
for p in sys.argv[1:]:
    walk(json.load(open(p)), p)
assert seen > 50, seen
EOF
# an id read from JSON is typed back as it is: a response's to tag it, a
# note's to change it
RID=$(python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
print([f for f in d['feedback'] if 'PPE-STOCKOUT' not in f['defects']][0]['id'])" "$T/ids-show.out")
run tag-by-json-id 0 defect tag "$RID" PPE-STOCKOUT
run show-tagged 0 show Ashby --format json
check "defect tag: the response of that id is tagged" json show-tagged "
assert [f for f in d['feedback'] if f['id'] == '$RID' and 'PPE-STOCKOUT' in f['defects']], d['feedback']"
NID2=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['notes'][0]['id'])" "$T/ids-show.out")
run note-edit-by-json-id 0 note --edit "$NID2" --kind call
check "note --edit: the id from show json, said back in its short form" \
	test "$(full notes "$(sed -n 's/^note \([0-9a-z]*\) changed$/\1/p' "$T/note-edit-by-json-id.out")")" = "$NID2"

# ---- nothing is cut when piped (item 15) ---------------------------------------
LONG=$(python3 -c "print('Long problem ' + 'x' * 283 + ' end')")
run long-problem 0 problem new Ashby --title "$LONG" --category service
run long-condition 0 plan Ashby --add "$LONG"
run long-list 0 problem list Ashby
run long-show 0 show Ashby
run long-plan 0 plan Ashby
for n in long-list long-show long-plan; do
	check "$n: a 300-character title whole when piped" grep -qF -- "$LONG" "$T/$n.out"
done

# ---- help is there for every command ----------------------------------------
for cmd in defects defect problem note agenda brief plan; do
	run "help-$cmd" 0 "$cmd" --help
	check "$cmd --help: a usage line" grep -q "^usage: acctplan $cmd" "$T/help-$cmd.out"
done

tap_done

#!/bin/bash
# The console is never stale: another program's write (the sqlite3 shell,
# a CLI note) shows without a key press, on the account open and on the
# board behind it; and a console left open over midnight moves to the new
# day, and the owner filter follows the owners the file has. (issue 12,
# item 4; issue 10's freshness during a standup)
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # skip: no sqlite3"; exit 0; }
sample_db
start 200 60 -- --db "$DB"
expect "Repair ◆"
open_account "Kestrel"
expect "Kestrel Scaffolding  Callum Byrne"
before=$(screen | grep -oE "NPS -?[0-9]+ \([0-9]+ counted\)" | head -1)
[ -n "$before" ] || fail "no NPS in the header"
# another program records a response: the header and the feedback move
acct=$(sqlite3 "$DB" "select id from accounts where name like 'Kestrel%'")
sqlite3 "$DB" "pragma busy_timeout=5000; insert into feedback(id, account_id, responded_on, score, comment)
	values (77001, $acct, '2026-11-20', 0, 'Written by another program')"
expect "Written by another program"
after=$(screen | grep -oE "NPS -?[0-9]+ \([0-9]+ counted\)" | head -1)
[ "$before" != "$after" ] || fail "the header still says $before"
# a note from the command line shows in Notes, without R
"$ACCTPLAN" --db "$DB" note Kestrel --kind call "Logged from the command line" >/dev/null ||
	fail "acctplan note failed"
keys n
expect "Logged from the command line"
# back on the board, which was behind: its counts follow the file
keys Escape
keys Escape
keys Escape
expect "Repair ◆"
sqlite3 "$DB" "pragma busy_timeout=5000; update accounts set status = 'lost' where id = $acct"
for q in "Grow" "Fix the basics"; do
	n=$("$ACCTPLAN" --db "$DB" board --format text | awk -v q="$q" '
		index($0, q) == 1 && $0 ~ /[0-9]/ { sub("^" q " *", ""); print $1; exit }')
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		screen | grep -F -- "$q" | grep -qE "(^|[^0-9])$n · " && break
		sleep 0.25
	done
	screen | grep -F -- "$q" | grep -qE "(^|[^0-9])$n · " || fail "$q: the board does not show $n"
done
keys Q
expect "[exit 0]"

# over midnight: the console reads the date every second (here from a file,
# ACCTPLAN_TODAY=@FILE, a test hook) and moves to the new day by itself
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
echo 2026-11-20 >"$TMPD/today"
start 200 60 "ACCTPLAN_TODAY=@$TMPD/today" -- --db "$DB"
expect "Repair ◆"
expect "2026-11-20"
echo 2026-11-21 >"$TMPD/today"
expect "A new day: 2026-11-21"
screen | head -1 | grep -q "2026-11-21" || fail "the title still shows yesterday"
keys Q
expect "[exit 0]"

# the owner filter follows the file: another program gives every account
# of the owner filtered on to someone new, and the filter, whose owner is
# gone, goes off (it does not slide onto the next owner); the next o finds
# the new one
tmux -L "$SOCK" kill-server 2>/dev/null
sleep 0.5
start 200 60 -- --db "$DB"
expect "Repair ◆"
keys o
expect "Owner: Callum Byrne"
sqlite3 "$DB" "pragma busy_timeout=5000; update accounts set owner = 'Zoe Quinn' where owner = 'Callum Byrne'"
for i in $(seq 1 20); do
	screen | head -1 | grep -q "Owner:" || break
	sleep 0.25
done
screen | head -1 | grep -q "Owner:" && fail "the filter kept an owner: $(screen | head -1)"
for o in "Ines Carvalho" "Marcus Delaney" "Priya Raman" "Zoe Quinn"; do
	keys o
	expect "Owner: $o"
done
keys Q
expect "[exit 0]"
echo ok

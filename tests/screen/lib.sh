# Shared helpers for the screen tests: the real console in a tmux pane of a
# fixed size, driven by send-keys, checked by polling capture-pane until the
# expected text shows or a deadline passes (the screen is dumped on failure).
# Usage in a test: . lib.sh; setup "$1"; start 80 24 [args]; expect "text"...
set -u

ACCTPLAN=${1:?usage: test.sh PATH/TO/acctplan}
ACCTPLAN=$(cd "$(dirname "$ACCTPLAN")" && pwd)/$(basename "$ACCTPLAN")
export ACCTPLAN_TODAY=2026-11-20
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR ACCTPLAN_DB ACCTPLAN_SCRIPT
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-screen.XXXXXX")
export XDG_CONFIG_HOME=$TMPD/config XDG_DATA_HOME=$TMPD/data HOME=$TMPD
SOCK=acctplan-test-$$
DEADLINE=${SCREEN_DEADLINE:-10}

cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$TMPD"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	echo "---- screen ----" >&2
	tmux -L "$SOCK" capture-pane -p >&2 2>/dev/null
	echo "----------------" >&2
	exit 1
}

# A fresh sample book in the temp dir.
sample_db() {
	"$ACCTPLAN" sample --out "$TMPD/sample.db" >/dev/null 2>&1 || fail "acctplan sample failed"
	DB=$TMPD/sample.db
}

# start COLS ROWS [ENV=VAL...] -- [acctplan args...]
start() {
	local cols=$1 rows=$2
	shift 2
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	local cmd="env TERM=xterm-256color ACCTPLAN_TODAY=$ACCTPLAN_TODAY LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME HOME=$HOME"
	local e
	for e in "${envs[@]+"${envs[@]}"}"; do cmd="$cmd $(printf '%q' "$e")"; done
	cmd="$cmd $(printf '%q' "$ACCTPLAN")"
	for e in "$@"; do cmd="$cmd $(printf '%q' "$e")"; done
	# keep the pane after exit so failures can be read
	# a server killed a moment ago may still hold the socket: try again
	local try err
	for try in 1 2 3 4 5 6 7 8 9 10; do
		err=$(tmux -L "$SOCK" -f /dev/null new-session -d -x "$cols" -y "$rows" \
			"$cmd; echo \"[exit \$?]\"; sleep 60" 2>&1) && break
		[ "$try" = 10 ] && fail "tmux did not start: $err"
		sleep 0.3
	done
	tmux -L "$SOCK" set-option -g status off >/dev/null
	tmux -L "$SOCK" resize-window -x "$cols" -y "$rows" 2>/dev/null
}

screen() {
	tmux -L "$SOCK" capture-pane -p "$@"
}

# expect TEXT: waits until TEXT shows on the screen.
expect() {
	local end=$((SECONDS + DEADLINE))
	while [ $SECONDS -le $end ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	fail "expected \"$1\""
}

# expect_no TEXT: TEXT must not be on the screen now.
expect_no() {
	screen | grep -qF -- "$1" && fail "did not expect \"$1\""
	return 0
}

keys() {
	tmux -L "$SOCK" send-keys "$@"
	sleep 0.15
}

# open_account NAME: the account the Accounts list, filtered by NAME, shows
# first, opened.
open_account() {
	keys 2
	keys /
	keys -l "$1"
	keys Enter
	keys Enter
}

resize() {
	tmux -L "$SOCK" resize-window -x "$1" -y "$2"
	sleep 0.2
}

#!/bin/bash
# Shell completion (completions/acctplan.bash) in a real bash: `complete -p`
# names the function, and COMPREPLY holds the subcommands, actions,
# options, enum values and account names of the book that acctplan's own
# lists give. The zsh script is checked for syntax when zsh is there.
#
#   bash tests/cli/completion.sh ACCTPLAN SOURCE_DIR
set -u
A=${1:?usage: completion.sh ACCTPLAN SOURCE_DIR}
SRC=${2:?usage: completion.sh ACCTPLAN SOURCE_DIR}
case "$A" in /*) ;; *) A="$PWD/$A" ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-compl.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ACCTPLAN_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC HOME="$T/home"
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
mkdir -p "$T/bin" "$HOME"
ln -s "$A" "$T/bin/acctplan"
export PATH="$T/bin:$PATH"
"$A" sample --out "$T/book.db" >/dev/null 2>&1 || { echo "Bail out! sample failed"; exit 1; }
export ACCTPLAN_DB="$T/book.db"

pass=0
failed=0
# complete LINE: the words bash would offer after LINE (the cursor at its end)
complete_line() {
	bash --norc --noprofile -c '
		source "$1"
		line=$2
		read -ra COMP_WORDS <<<"$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_acctplan acctplan "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$SRC/completions/acctplan.bash" "$1"
}
# offers LINE WORD...: each WORD is among what LINE completes to
offers() {
	local line=$1 w got
	shift
	got=$(complete_line "$line")
	for w in "$@"; do
		if ! grep -qxF -- "$w" <<<"$got"; then
			failed=$((failed + 1))
			echo "not ok - \"$line\" offers $w"
			sed 's/^/#   /' <<<"$got" | head -20
			return
		fi
	done
	pass=$((pass + 1))
	echo "ok - \"$line\" offers $*"
}
lacks() {
	local line=$1 w got
	shift
	got=$(complete_line "$line")
	for w in "$@"; do
		if grep -qxF -- "$w" <<<"$got"; then
			failed=$((failed + 1))
			echo "not ok - \"$line\" does not offer $w"
			return
		fi
	done
	pass=$((pass + 1))
	echo "ok - \"$line\" does not offer $*"
}

if bash --norc -c 'source "$1"; complete -p acctplan' _ "$SRC/completions/acctplan.bash" | grep -q -- '-F _acctplan acctplan'; then
	pass=$((pass + 1)); echo "ok - complete -p acctplan: -F _acctplan"
else
	failed=$((failed + 1)); echo "not ok - complete -p acctplan"
fi
offers "acctplan " account contact response undo board show note
offers "acctplan acc" account accounts
offers "acctplan account " add set won lost delete
offers "acctplan account add Zen --" --owner --fit --status --revenue --wallet --db --format
lacks "acctplan account add Zen --" --to --yes
offers "acctplan account add Zen --fit " good poor unknown
offers "acctplan account add Zen --status " active prospect
lacks "acctplan account add Zen --status " lost
offers "acctplan contact add calder Bob --role " decision_maker influencer user other
offers "acctplan note calder --good-time " yes no unsure
offers "acctplan --format " text md csv json
offers "acctplan show Cal" 'Calder\ Steel\ Fabrication'
offers "acctplan account set " 'Calder\ Steel\ Fabrication' 'Brightwater\ Utilities'
lacks "acctplan account set Cal" 'Brightwater\ Utilities'
offers "acctplan response add calder --score 9 --contact Hannah --on today --" --source
offers "acctplan undo --" --db

if command -v zsh >/dev/null; then
	if zsh -n "$SRC/completions/_acctplan"; then
		pass=$((pass + 1)); echo "ok - zsh: _acctplan parses"
	else
		failed=$((failed + 1)); echo "not ok - zsh: _acctplan parses"
	fi
fi

echo "1..$((pass + failed))"
echo "# $pass passed, $failed failed"
[ "$failed" -eq 0 ]

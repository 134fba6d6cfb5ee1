# bash completion for acctplan(1): subcommands, actions, options, their
# values and the account names of the book. Everything comes from acctplan
# itself (the hidden `acctplan help --commands`, `--options`,
# `--value-options` and `--values` lists, made from the same tables as the
# parser), so it never drifts from what the program takes.

_acctplan()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local prog=${words[0]} cmd="" action="" i w db=() after_value=0 npos=0
	local -a value_opts
	# the command, its action, and the --db the line names
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if ((after_value)); then
			after_value=0
			continue
		fi
		case $w in
		--db) db=(--db "${words[i + 1]}"); after_value=1; continue ;;
		--db=*) db=(--db "${w#--db=}"); continue ;;
		--config | --theme | --format) after_value=1; continue ;;
		-*)
			if [[ -n $cmd ]] && printf '%s\n' "${value_opts[@]}" | grep -qxF -- "$w"; then
				after_value=1
			fi
			continue ;;
		esac
		if [[ -z $cmd ]]; then
			cmd=$w
			mapfile -t value_opts < <("$prog" help --value-options "$cmd" 2>/dev/null)
		elif [[ -z $action ]] && "$prog" help --options "$cmd" 2>/dev/null | grep -qx -- "$w" &&
			! "$prog" help --options "$cmd" 2>/dev/null | grep -q '^-'; then
			action=$w
			mapfile -t value_opts < <("$prog" help --value-options "$cmd" "$action" 2>/dev/null)
		else
			npos=$((npos + 1))
		fi
	done

	local -a list
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t list < <("$prog" help --options 2>/dev/null)
		elif [[ $prev == --format ]]; then
			mapfile -t list < <("$prog" help --values --format board 2>/dev/null)
		elif [[ $prev == --db || $prev == --config ]]; then
			COMPREPLY=($(compgen -f -- "$cur"))
			return
		else
			mapfile -t list < <("$prog" help --commands 2>/dev/null)
		fi
		COMPREPLY=($(compgen -W "${list[*]}" -- "$cur"))
		return
	fi
	local -a target=("$cmd")
	[[ -n $action ]] && target+=("$action")
	local options
	options=$("$prog" help --options "${target[@]}" 2>/dev/null)
	# a command of actions with none given yet: its actions
	if [[ -z $action ]] && [[ -n $options ]] && ! grep -q '^-' <<<"$options"; then
		COMPREPLY=($(compgen -W "$options" -- "$cur"))
		return
	fi
	if [[ $prev == --db || $prev == --config ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
		return
	fi
	if [[ $prev == -* ]] && printf '%s\n' "${value_opts[@]}" | grep -qxF -- "$prev"; then
		mapfile -t list < <("$prog" help --values "$prev" "${target[@]}" 2>/dev/null)
		COMPREPLY=($(compgen -W "${list[*]}" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$options" -- "$cur"))
		return
	fi
	if ((npos == 0)); then
		# ACCOUNT: the book's names, each one word for the shell
		local IFS=$'\n' name
		COMPREPLY=()
		while IFS= read -r name; do
			COMPREPLY+=("$(printf '%q' "$name")")
		done < <("$prog" "${db[@]}" help --values ACCOUNT "${target[@]}" --prefix "$cur" 2>/dev/null)
	fi
}
complete -F _acctplan acctplan

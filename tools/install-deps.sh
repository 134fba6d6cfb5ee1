#!/bin/sh
# Installs the build tools and libraries acctplan needs, from the system's
# package manager. --check only reports whether anything is missing.
set -eu

missing() {
	for tool in meson ninja pkg-config cc tmux sqlite3; do
		command -v "$tool" >/dev/null 2>&1 || return 0
	done
	for lib in ncursesw sqlite3 yaml-0.1 cmocka; do
		pkg-config --exists "$lib" 2>/dev/null || return 0
	done
	return 1
}

if [ "${1:-}" = "--check" ]; then
	if missing; then exit 1; else exit 0; fi
fi
if ! missing; then
	exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 && sudo="sudo"
fi

if command -v apt-get >/dev/null 2>&1; then
	echo "acctplan: installing build dependencies with apt-get" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		build-essential meson ninja-build pkg-config python3 \
		libncurses-dev libsqlite3-dev libyaml-dev libcmocka-dev \
		sqlite3 tmux >/dev/null
elif command -v dnf >/dev/null 2>&1; then
	$sudo dnf install -y gcc meson ninja-build pkgconf-pkg-config python3 \
		ncurses-devel sqlite-devel libyaml-devel libcmocka-devel sqlite tmux
elif command -v brew >/dev/null 2>&1; then
	brew install meson ninja pkg-config ncurses sqlite libyaml cmocka tmux
	echo "acctplan: on macOS, export PKG_CONFIG_PATH=\"\$(brew --prefix ncurses)/lib/pkgconfig:\$(brew --prefix sqlite)/lib/pkgconfig\"" >&2
else
	echo "acctplan: no apt-get, dnf or brew here; install meson, ninja, pkg-config, ncursesw, sqlite3, libyaml, cmocka and tmux by hand" >&2
	exit 1
fi

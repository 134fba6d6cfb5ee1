/*
 * Key names and key bindings, without curses. A key is an int: a Unicode
 * code point for a printable character, 1..26 for C-a..C-z, or one of the
 * KEYS_* values above Unicode for named keys; KEYS_META marks M-x. The
 * console maps curses key codes onto these before looking them up.
 *
 * The keymap binds (view, key) to an action. Defaults and the user's
 * config.yaml go through the same keymap_apply(), so a bad binding in
 * either becomes a "file:line:col: reason" warning and the binding in force
 * before it stays.
 */
#ifndef ACCTPLAN_KEYS_H
#define ACCTPLAN_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "acctplan/actions.h"
#include "acctplan/config.h"

enum {
	KEYS_BASE = 0x200000,
	KEYS_UP = KEYS_BASE,
	KEYS_DOWN,
	KEYS_LEFT,
	KEYS_RIGHT,
	KEYS_PGUP,
	KEYS_PGDN,
	KEYS_HOME,
	KEYS_END,
	KEYS_INSERT,
	KEYS_DELETE,
	KEYS_BACKSPACE,
	KEYS_ENTER,
	KEYS_TAB,
	KEYS_BTAB,
	KEYS_ESC,
	KEYS_F0, /* KEYS_F0 + n is Fn, 1..24 */
	KEYS_LAST = KEYS_F0 + 24,
	KEYS_META = 0x1000000, /* flag: M-x */
};

/* Parses a key name: "j", "<", "?", "é", "C-x", "M-x", "Enter", "Esc",
 * "Tab", "S-Tab", "Space", "Backspace", "Del", "Ins", "Up", "Down", "Left",
 * "Right", "PgUp", "PgDn", "Home", "End", "F1".."F24"; named keys in any
 * case, optionally in angle brackets ("<Enter>"). false when s names no key. */
bool keys_parse(const char *s, int *key);
/* Writes the canonical name of key into buf (at least 16 bytes). */
const char *keys_name(int key, char *buf, size_t n);
/* The key a character a terminal sends is: a control character with a
 * named key of its own (C-h and DEL are Backspace, C-i Tab, C-j and C-m
 * Enter, C-[ Esc) as that key, any other as itself. */
int keys_control(int c);

struct keymap_entry {
	int view; /* enum view_id */
	int key;
	int action; /* enum action */
};

struct keymap {
	struct keymap_entry *v;
	size_t n, cap;
};

void keymap_init(struct keymap *km);
void keymap_done(struct keymap *km);
/* Binds key in view to action, replacing the key's binding in that view. */
void keymap_bind(struct keymap *km, int view, int key, int action);
/* Applies bindings as read from YAML (struct config_binding); each one that
 * names an unknown view, key or action adds a warning to warn (when not
 * NULL) and is skipped. Returns the number skipped. */
size_t keymap_apply(struct keymap *km, const struct config_binding *b, size_t n,
		    struct config *warn);
/* The action bound to key in view, else in VIEW_GLOBAL; -1 when none. */
int keymap_lookup(const struct keymap *km, int view, int key);
/* Calls cb for each key bound to action in view (not global), in binding
 * order. */
void keymap_keys_for(const struct keymap *km, int view, int action, void (*cb)(int key, void *ctx),
		     void *ctx);

#endif

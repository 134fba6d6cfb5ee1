/* Key names, the keymap and the action table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "acctplan/keys.h"

static int key_of(const char *s)
{
	int k = -1;

	return keys_parse(s, &k) ? k : -1;
}

static void test_plain_keys(void **state)
{
	(void)state;
	assert_int_equal(key_of("j"), 'j');
	assert_int_equal(key_of("<"), '<');
	assert_int_equal(key_of(">"), '>');
	assert_int_equal(key_of("?"), '?');
	assert_int_equal(key_of("/"), '/');
	assert_int_equal(key_of("é"), 0xE9);
	assert_int_equal(key_of("Space"), ' ');
	assert_int_equal(key_of("G"), 'G');
}

static void test_named_keys(void **state)
{
	(void)state;
	assert_int_equal(key_of("Enter"), KEYS_ENTER);
	assert_int_equal(key_of("enter"), KEYS_ENTER);
	assert_int_equal(key_of("<Enter>"), KEYS_ENTER);
	assert_int_equal(key_of("Return"), KEYS_ENTER);
	assert_int_equal(key_of("Esc"), KEYS_ESC);
	assert_int_equal(key_of("PgDn"), KEYS_PGDN);
	assert_int_equal(key_of("PageDown"), KEYS_PGDN);
	assert_int_equal(key_of("PgUp"), KEYS_PGUP);
	assert_int_equal(key_of("Tab"), KEYS_TAB);
	assert_int_equal(key_of("S-Tab"), KEYS_BTAB);
	assert_int_equal(key_of("F1"), KEYS_F0 + 1);
	assert_int_equal(key_of("F5"), KEYS_F0 + 5);
	assert_int_equal(key_of("F24"), KEYS_F0 + 24);
	assert_int_equal(key_of("Up"), KEYS_UP);
	assert_int_equal(key_of("Backspace"), KEYS_BACKSPACE);
}

static void test_modifiers(void **state)
{
	(void)state;
	assert_int_equal(key_of("C-x"), 24);
	assert_int_equal(key_of("C-X"), 24);
	assert_int_equal(key_of("C-a"), 1);
	assert_int_equal(key_of("C-m"), KEYS_ENTER);
	assert_int_equal(key_of("C-i"), KEYS_TAB);
	assert_int_equal(key_of("C-h"), KEYS_BACKSPACE);
	assert_int_equal(key_of("C-["), KEYS_ESC);
	assert_int_equal(key_of("M-v"), 'v' | KEYS_META);
	assert_int_equal(key_of("M-<"), '<' | KEYS_META);
	assert_int_equal(key_of("M-Enter"), KEYS_ENTER | KEYS_META);
}

static void test_bad_keys(void **state)
{
	(void)state;
	assert_int_equal(key_of(""), -1);
	assert_int_equal(key_of(NULL), -1);
	assert_int_equal(key_of("jj"), -1);
	assert_int_equal(key_of("F0"), -1);
	assert_int_equal(key_of("F25"), -1);
	assert_int_equal(key_of("F1x"), -1);
	assert_int_equal(key_of("C-"), -1);
	assert_int_equal(key_of("C-1"), -1);
	assert_int_equal(key_of("C-@"), -1);
	assert_int_equal(key_of("M-"), -1);
	assert_int_equal(key_of("M-M-x"), -1);
	assert_int_equal(key_of("\x1b"), -1);
	assert_int_equal(key_of("\x7f"), -1);
	assert_int_equal(key_of("\xff"), -1);
	assert_int_equal(key_of("Hyper-x"), -1);
}

static void test_names_round_trip(void **state)
{
	static const char *const names[] = {"j",   "<",   "Enter", "Esc",   "PgDn", "F5",
					    "C-x", "M-v", "S-Tab", "Space", "é",    "Up"};
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		int k = key_of(names[i]);
		assert_true(k >= 0);
		assert_int_equal(key_of(keys_name(k, buf, sizeof(buf))), k);
	}
	assert_string_equal(keys_name(KEYS_PGDN, buf, sizeof(buf)), "PgDn");
	assert_string_equal(keys_name(24, buf, sizeof(buf)), "C-x");
}

static void test_action_table(void **state)
{
	int a;

	(void)state;
	for (a = 0; a < ACT_COUNT; a++) {
		assert_int_equal(action_from_name(action_name((enum action)a)), a);
		assert_true(strlen(action_help((enum action)a)) > 0);
	}
	assert_int_equal(action_from_name("no-such"), -1);
	assert_int_equal(view_from_name("board"), VIEW_BOARD);
	assert_int_equal(view_from_name("nope"), -1);
}

static void test_keymap(void **state)
{
	struct keymap km;
	struct config warn;
	struct config_binding b[] = {
		{"global", "q", "quit", "t.yaml:1:1"},  {"board", "z", "accounts", "t.yaml:2:5"},
		{"board", "q", "none", "t.yaml:3:5"},   {"board", "Hyper-x", "quit", "t.yaml:4:5"},
		{"nowhere", "x", "quit", "t.yaml:5:3"}, {"board", "y", "fly", "t.yaml:6:5"},
	};

	(void)state;
	keymap_init(&km);
	config_init(&warn);
	assert_int_equal(keymap_apply(&km, b, 6, &warn), 3);
	assert_int_equal(warn.nwarnings, 3);
	assert_non_null(strstr(warn.warnings[0], "t.yaml:4:5"));
	assert_non_null(strstr(warn.warnings[1], "t.yaml:5:3"));
	assert_non_null(strstr(warn.warnings[2], "t.yaml:6:5"));
	assert_int_equal(keymap_lookup(&km, VIEW_BOARD, 'z'), ACT_ACCOUNTS);
	assert_int_equal(keymap_lookup(&km, VIEW_ACCOUNTS, 'q'), ACT_QUIT); /* from global */
	assert_int_equal(keymap_lookup(&km, VIEW_BOARD, 'q'), -1);          /* unbound here */
	assert_int_equal(keymap_lookup(&km, VIEW_BOARD, 'y'), -1);
	keymap_bind(&km, VIEW_BOARD, 'z', ACT_HELP);
	assert_int_equal(keymap_lookup(&km, VIEW_BOARD, 'z'), ACT_HELP);
	config_done(&warn);
	keymap_done(&km);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_keys),       cmocka_unit_test(test_named_keys),
		cmocka_unit_test(test_modifiers),        cmocka_unit_test(test_bad_keys),
		cmocka_unit_test(test_names_round_trip), cmocka_unit_test(test_action_table),
		cmocka_unit_test(test_keymap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

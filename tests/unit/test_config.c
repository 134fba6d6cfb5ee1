/* config.yaml: settings applied, and every problem reported as
 * "file:line:col: reason" with the default kept for that setting. */
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"

#include "acctplan/config.h"

static struct config cfg;

static int setup(void **state)
{
	(void)state;
	config_init(&cfg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	config_done(&cfg);
	return 0;
}

static void load(const char *text)
{
	config_load_string(&cfg, "config.yaml", text, strlen(text));
}

static void assert_defaults(void)
{
	struct rules d;
	int i;

	rules_defaults(&d);
	assert_int_equal(cfg.rules.window_days, d.window_days);
	assert_near(cfg.rules.advocacy_high, d.advocacy_high, 0);
	assert_near(cfg.rules.share_high, d.share_high, 0);
	assert_int_equal(cfg.rules.loop_close_days, d.loop_close_days);
	for (i = 0; i <= ROLE_COUNT; i++)
		assert_near(cfg.rules.weight[i], d.weight[i], 0);
}

static void test_empty_is_defaults(void **state)
{
	(void)state;
	load("");
	assert_int_equal(cfg.nwarnings, 0);
	assert_defaults();
	assert_null(cfg.theme);
	assert_true(cfg.mouse);
	load("# only a comment\n");
	assert_int_equal(cfg.nwarnings, 0);
}

static void test_settings_applied(void **state)
{
	(void)state;
	load("advocacy_high: 25\n"
	     "share_high: 0.5\n"
	     "window_days: 180\n"
	     "loop_close_days: 3\n"
	     "weights:\n"
	     "  decision_maker: 2\n"
	     "  anonymous: 0.5\n"
	     "theme: light\n"
	     "mouse: false\n"
	     "keys:\n"
	     "  board:\n"
	     "    x: quit\n");
	assert_int_equal(cfg.nwarnings, 0);
	assert_near(cfg.rules.advocacy_high, 25, 0);
	assert_near(cfg.rules.share_high, 0.5, 0);
	assert_int_equal(cfg.rules.window_days, 180);
	assert_int_equal(cfg.rules.loop_close_days, 3);
	assert_near(cfg.rules.weight[ROLE_DECISION_MAKER], 2, 0);
	assert_near(cfg.rules.weight[ROLE_ANONYMOUS], 0.5, 0);
	assert_near(cfg.rules.weight[ROLE_USER], 1, 0);
	assert_string_equal(cfg.theme, "light");
	assert_false(cfg.mouse);
	assert_int_equal(cfg.nbindings, 1);
	assert_string_equal(cfg.bindings[0].view, "board");
	assert_string_equal(cfg.bindings[0].key, "x");
	assert_string_equal(cfg.bindings[0].action, "quit");
	assert_string_equal(cfg.bindings[0].where, "config.yaml:12:5");
}

static void test_bad_yaml_names_line_and_column(void **state)
{
	(void)state;
	load("advocacy_high: 25\n"
	     "weights:\n"
	     "  user: [1, 2\n"
	     "theme: dark\n");
	assert_int_equal(cfg.nwarnings, 1);
	/* "config.yaml:L:C: reason" with real numbers */
	{
		unsigned line = 0, col = 0;
		char rest[256] = "";
		assert_int_equal(
			sscanf(cfg.warnings[0], "config.yaml:%u:%u: %255[^\n]", &line, &col, rest),
			3);
		assert_true(line >= 3 && line <= 4);
		assert_true(col >= 1);
		assert_true(strlen(rest) > 3);
	}
	/* nothing from a broken file is applied */
	assert_defaults();
	assert_null(cfg.theme);
}

static void test_tab_indent_is_an_error(void **state)
{
	(void)state;
	load("weights:\n\tuser: 2\n");
	assert_int_equal(cfg.nwarnings, 1);
	assert_contains(cfg.warnings[0], "config.yaml:2:");
	assert_defaults();
}

static void test_unknown_setting(void **state)
{
	(void)state;
	load("advocacy_high: 40\n"
	     "advocacy_hihg: 50\n"
	     "share_high: 0.3\n");
	assert_int_equal(cfg.nwarnings, 1);
	assert_string_equal(cfg.warnings[0], "config.yaml:2:1: unknown setting \"advocacy_hihg\"");
	/* the settings around it still apply */
	assert_near(cfg.rules.advocacy_high, 40, 0);
	assert_near(cfg.rules.share_high, 0.3, 0);
}

static void test_out_of_range_keeps_defaults(void **state)
{
	(void)state;
	load("advocacy_high: 500\n"
	     "share_high: -1\n"
	     "window_days: 0\n"
	     "loop_close_days: 99999\n"
	     "weights:\n"
	     "  user: -2\n");
	assert_int_equal(cfg.nwarnings, 5);
	assert_contains(cfg.warnings[0], "config.yaml:1:16: ");
	assert_contains(cfg.warnings[0], "out of range");
	assert_contains(cfg.warnings[1], "config.yaml:2:13: ");
	assert_contains(cfg.warnings[2], "config.yaml:3:14: ");
	assert_contains(cfg.warnings[3], "config.yaml:4:18: ");
	assert_contains(cfg.warnings[4], "config.yaml:6:9: ");
	assert_defaults();
}

static void test_not_numbers(void **state)
{
	(void)state;
	load("advocacy_high: high\n"
	     "window_days: 90.5\n"
	     "share_high: nan\n"
	     "loop_close_days: [1]\n"
	     "mouse: maybe\n");
	assert_int_equal(cfg.nwarnings, 5);
	assert_contains(cfg.warnings[0], "config.yaml:1:16: ");
	assert_contains(cfg.warnings[0], "\"high\" is not a plain decimal number");
	assert_contains(cfg.warnings[1], "whole number");
	assert_contains(cfg.warnings[2], "config.yaml:3:");
	assert_contains(cfg.warnings[3], "config.yaml:4:");
	assert_contains(cfg.warnings[4], "config.yaml:5:8: ");
	assert_defaults();
	assert_true(cfg.mouse);
}

static void test_unknown_role_in_weights(void **state)
{
	(void)state;
	load("weights:\n"
	     "  ceo: 3\n"
	     "  influencer: 1.5\n");
	assert_int_equal(cfg.nwarnings, 1);
	assert_contains(cfg.warnings[0], "config.yaml:2:3: unknown role \"ceo\"");
	assert_near(cfg.rules.weight[ROLE_INFLUENCER], 1.5, 0);
}

static void test_wrong_shapes(void **state)
{
	(void)state;
	load("- a\n- b\n");
	assert_int_equal(cfg.nwarnings, 1);
	assert_contains(cfg.warnings[0], "config.yaml:1:1: ");
	config_done(&cfg);
	config_init(&cfg);
	load("weights: 3\nkeys: nope\ntheme: ''\n");
	assert_int_equal(cfg.nwarnings, 3);
	assert_contains(cfg.warnings[0], "config.yaml:1:10: ");
	assert_contains(cfg.warnings[1], "config.yaml:2:7: ");
	assert_contains(cfg.warnings[2], "config.yaml:3:8: ");
	assert_defaults();
	assert_null(cfg.theme);
}

static void test_later_value_wins_and_warnings_accumulate(void **state)
{
	(void)state;
	load("theme: a\n");
	load("theme: b\nbogus: 1\n");
	assert_string_equal(cfg.theme, "b");
	assert_int_equal(cfg.nwarnings, 1);
}

static void test_config_file(void **state)
{
	char path[] = "/tmp/acctplan-test-config-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "window_days: 30\nx: 1\n", 21), 21);
	close(fd);
	config_load_file(&cfg, path, true);
	unlink(path);
	assert_int_equal(cfg.rules.window_days, 30);
	assert_int_equal(cfg.nwarnings, 1);
	assert_true(strncmp(cfg.warnings[0], path, strlen(path)) == 0);
	assert_contains(cfg.warnings[0], ":2:1: unknown setting");

	/* a missing file is silent unless it was asked for */
	config_load_file(&cfg, "/nonexistent/acctplan/config.yaml", false);
	assert_int_equal(cfg.nwarnings, 1);
	config_load_file(&cfg, "/nonexistent/acctplan/config.yaml", true);
	assert_int_equal(cfg.nwarnings, 2);
	assert_contains(cfg.warnings[1], "/nonexistent/acctplan/config.yaml");
}

/* A ratio is a ratio: share_high 40 would put every account low. */
static void test_share_high_is_a_ratio(void **state)
{
	(void)state;
	load("share_high: 40\n");
	assert_int_equal(cfg.nwarnings, 1);
	assert_contains(cfg.warnings[0], "out of range (0 to 1)");
	assert_defaults();
	load("share_high: 0.55\n");
	assert_near(cfg.rules.share_high, 0.55, 1e-9);
}

/* Plain decimal numbers only: 0x1E is not 30, nor 1e1 ten. */
static void test_decimal_only(void **state)
{
	(void)state;
	load("advocacy_high: 0x1E\nwindow_days: 1e2\nloop_close_days: inf\n");
	assert_int_equal(cfg.nwarnings, 3);
	assert_contains(cfg.warnings[0], "not a plain decimal number");
	assert_defaults();
	load("advocacy_high: -20.5\n");
	assert_near(cfg.rules.advocacy_high, -20.5, 1e-9);
}

/* A setting, a weight or a key given twice is said, not silently taken. */
static void test_duplicates_are_warned(void **state)
{
	(void)state;
	load("window_days: 30\nwindow_days: 60\n"
	     "weights: {user: 0.5, user: 2}\n"
	     "keys: {board: {z: accounts, z: agenda}}\n");
	assert_int_equal(cfg.rules.window_days, 60);
	assert_int_equal(cfg.nwarnings, 3);
	assert_contains(cfg.warnings[0], "config.yaml:1:1: \"window_days\" is set twice");
	assert_contains(cfg.warnings[1], "weighted twice");
	assert_contains(cfg.warnings[2], "bound twice");
}

/* Deep nesting is refused at once (libyaml would take minutes). */
static void test_deep_nesting(void **state)
{
	size_t n = 20000, i;
	char *text = malloc(2 * n + 16);

	(void)state;
	assert_non_null(text);
	strcpy(text, "theme: ");
	for (i = 0; i < n; i++)
		text[7 + i] = '[';
	for (i = 0; i < n; i++)
		text[7 + n + i] = ']';
	text[7 + 2 * n] = '\n';
	text[8 + 2 * n] = '\0';
	load(text);
	free(text);
	assert_int_equal(cfg.nwarnings, 1);
	assert_contains(cfg.warnings[0], "nested deeper than");
	assert_defaults();
}

/* Not a regular file, or too big: refused without reading it. */
static void test_files_refused(void **state)
{
	char path[] = "/tmp/acctplan-test-big-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 2 * 1024 * 1024), 0);
	close(fd);
	config_load_file(&cfg, path, true);
	unlink(path);
	assert_int_equal(cfg.nwarnings, 1);
	assert_contains(cfg.warnings[0], "larger than 1024 KB");
	config_load_file(&cfg, "/dev/zero", true);
	assert_int_equal(cfg.nwarnings, 2);
	assert_contains(cfg.warnings[1], "/dev/zero: not a regular file");
	assert_defaults();
}

/* The practices' settings: cadences in whole days, quiet seasons per
 * segment; a bad one is a warning with its line and column, the rest
 * count. */
static void test_practices(void **state)
{
	struct rules d;

	(void)state;
	rules_defaults(&d);
	assert_int_equal(d.referral_days, 180);
	assert_int_equal(d.winback_days, 90);
	assert_int_equal(cfg.seasons.n, 0);
	load("referral_days: 30\n"
	     "winback_days: 60\n"
	     "quiet_seasons:\n"
	     "  Retail: [\"12-15..01-10\", \"08-01..08-31\"]\n"
	     "  \"*\": [\"02-29..03-01\"]\n");
	assert_int_equal(cfg.nwarnings, 0);
	assert_int_equal(cfg.rules.referral_days, 30);
	assert_int_equal(cfg.rules.winback_days, 60);
	assert_int_equal(cfg.seasons.n, 3);
	assert_string_equal(cfg.seasons.v[0].segment, "Retail");
	assert_int_equal(cfg.seasons.v[0].from, 1215);
	assert_int_equal(cfg.seasons.v[0].to, 110);
	assert_string_equal(cfg.seasons.v[2].segment, "*");
	assert_int_equal(cfg.seasons.v[2].from, 229);
}

static void test_practices_bad(void **state)
{
	(void)state;
	load("referral_days: 0\n"
	     "winback_days: 7.5\n"
	     "quiet_seasons:\n"
	     "  Retail: [\"13-01..01-10\", \"12-15..01-10\", \"02-30..03-01\", \"12-15\"]\n"
	     "  Food: \"12-15..01-10\"\n");
	assert_int_equal(cfg.rules.referral_days, 180);
	assert_int_equal(cfg.rules.winback_days, 90);
	assert_int_equal(cfg.nwarnings, 6);
	assert_contains(cfg.warnings[0], "config.yaml:1:16: 0 is out of range (1 to 3650)");
	assert_contains(cfg.warnings[1], "config.yaml:2:15: winback_days must be a whole number");
	assert_contains(cfg.warnings[2], "config.yaml:4:12: quiet season \"13-01..01-10\" is not");
	assert_contains(cfg.warnings[3], "config.yaml:4:44: quiet season \"02-30..03-01\"");
	assert_contains(cfg.warnings[4], "\"12-15\" is not MM-DD..MM-DD");
	assert_contains(cfg.warnings[5], "config.yaml:5:9: quiet_seasons: Food: expected a list");
	/* the good season of Retail still counts */
	assert_int_equal(cfg.seasons.n, 1);
	assert_int_equal(cfg.seasons.v[0].from, 1215);
	/* not a map */
	load("quiet_seasons: [\"12-15..01-10\"]\n");
	assert_int_equal(cfg.nwarnings, 7);
	assert_contains(cfg.warnings[6], "config.yaml:1:16: quiet_seasons: expected a map");
	assert_int_equal(cfg.seasons.n, 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_share_high_is_a_ratio),
		T(test_practices),
		T(test_practices_bad),
		T(test_decimal_only),
		T(test_duplicates_are_warned),
		T(test_deep_nesting),
		T(test_files_refused),
		T(test_empty_is_defaults),
		T(test_settings_applied),
		T(test_bad_yaml_names_line_and_column),
		T(test_tab_indent_is_an_error),
		T(test_unknown_setting),
		T(test_out_of_range_keeps_defaults),
		T(test_not_numbers),
		T(test_unknown_role_in_weights),
		T(test_wrong_shapes),
		T(test_later_value_wins_and_warnings_accumulate),
		T(test_config_file),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}

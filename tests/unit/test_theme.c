/* Theme loading and resolution for 16M, 256, 16, 8 and no colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "acctplan/status.h"
#include "acctplan/theme.h"

static enum status load(struct theme *t, const char *text)
{
	theme_defaults(t);
	return theme_load_string(t, "t.yaml", text, strlen(text));
}

static void test_colours(void **state)
{
	struct theme_color c;

	(void)state;
	assert_true(theme_parse_color("default", &c));
	assert_int_equal(c.kind, COLOR_KIND_DEFAULT);
	assert_true(theme_parse_color("red", &c));
	assert_int_equal(c.value, 1);
	assert_true(theme_parse_color("bright-blue", &c));
	assert_int_equal(c.value, 12);
	assert_true(theme_parse_color("208", &c));
	assert_int_equal(c.value, 208);
	assert_true(theme_parse_color("#ff8700", &c));
	assert_int_equal(c.kind, COLOR_KIND_RGB);
	assert_int_equal(c.value, 0xff8700);
	assert_false(theme_parse_color("256", &c));
	assert_false(theme_parse_color("#ff87", &c));
	assert_false(theme_parse_color("#gg0000", &c));
	assert_false(theme_parse_color("purplish", &c));
	assert_false(theme_parse_color("", &c));
}

static void test_degrade(void **state)
{
	struct theme_color rgb = {COLOR_KIND_RGB, 0xff0000};
	struct theme_color idx = {COLOR_KIND_INDEX, 196}; /* bright red in the cube */
	struct theme_color bright = {COLOR_KIND_INDEX, 12};
	struct theme_color def = {COLOR_KIND_DEFAULT, 0};

	(void)state;
	assert_int_equal(theme_color_index(rgb, 256), 196);
	assert_int_equal(theme_color_index((struct theme_color){COLOR_KIND_RGB, 0x808080}, 256),
			 244);
	assert_int_equal(theme_color_index(rgb, 16), 9);
	assert_int_equal(theme_color_index(rgb, 8), 1);
	assert_int_equal(theme_color_index(idx, 256), 196);
	assert_int_equal(theme_color_index(idx, 16), 9);
	assert_int_equal(theme_color_index(idx, 8), 1);
	assert_int_equal(theme_color_index(bright, 16), 12);
	assert_int_equal(theme_color_index(bright, 8), 4);
	assert_int_equal(theme_color_index(def, 256), -1);
}

static void test_resolve(void **state)
{
	struct theme t;
	struct theme_resolved r[THEME_ELEM_COUNT];
	int e;

	(void)state;
	assert_int_equal(load(&t,
			      "colors:\n  repair: {fg: bright-red, bg: default, attrs: [bold]}\n"
			      "  grow: {fg: \"#00ff00\", bg: \"#00ff00\"}\n"),
			 STATUS_OK);
	theme_resolve(&t, 256, false, r);
	assert_int_equal(r[THEME_REPAIR].fg, 9);
	assert_int_equal(r[THEME_REPAIR].bg, -1);
	assert_true(r[THEME_REPAIR].attrs & THEME_A_BOLD);
	assert_true(r[THEME_GROW].attrs & THEME_A_REVERSE); /* never invisible */
	theme_resolve(&t, 8, false, r);
	assert_int_equal(r[THEME_REPAIR].fg, 1);
	assert_true(r[THEME_REPAIR].attrs & THEME_A_BOLD); /* brightness kept as bold */
	/* NO_COLOR: no colour anywhere, and elements still differ */
	theme_resolve(&t, 256, true, r);
	for (e = 0; e < THEME_ELEM_COUNT; e++) {
		assert_int_equal(r[e].fg, -1);
		assert_int_equal(r[e].bg, -1);
	}
	assert_true(r[THEME_SELECTION].attrs & THEME_A_REVERSE);
	assert_int_not_equal(r[THEME_PROMOTER].attrs, r[THEME_DETRACTOR].attrs);
	assert_int_not_equal(r[THEME_REPAIR].attrs, r[THEME_PROTECT].attrs);
	/* a terminal without colour is the same as NO_COLOR */
	theme_resolve(&t, 0, false, r);
	assert_int_equal(r[THEME_REPAIR].fg, -1);
}

static void test_bad_theme_keeps_defaults(void **state)
{
	struct theme t, d;

	(void)state;
	theme_defaults(&d);
	assert_int_equal(load(&t, "colors:\n  repair: {fg: red}\n  grow: {fg: mauve}\n"),
			 STATUS_CONFIG);
	assert_non_null(strstr(status_detail(), "t.yaml:3:14"));
	assert_memory_equal(&t, &d, sizeof(t)); /* nothing half-applied */
	assert_int_equal(load(&t, "colors:\n  nosuch: {fg: red}\n"), STATUS_CONFIG);
	assert_non_null(strstr(status_detail(), "t.yaml:2:3"));
	assert_int_equal(load(&t, "colors:\n  repair: {fg: red, attrs: [blink]}\n"), STATUS_CONFIG);
	assert_non_null(strstr(status_detail(), "blink"));
	assert_int_equal(load(&t, "colors: [\n"), STATUS_CONFIG);
	assert_int_equal(load(&t, "- a\n"), STATUS_CONFIG);
	assert_int_equal(load(&t, "colours: {}\n"), STATUS_CONFIG);
}

static void test_shipped_themes(void **state)
{
	static const char *const names[] = {"default", "light", "high-contrast", "mono"};
	struct theme t;
	struct theme_resolved r[THEME_ELEM_COUNT];
	size_t i;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		assert_int_equal(theme_load(&t, names[i]), STATUS_OK);
	assert_int_equal(theme_load(&t, "mono"), STATUS_OK);
	theme_resolve(&t, 256, false, r);
	assert_int_equal(r[THEME_REPAIR].fg, -1);
	assert_int_equal(theme_load(&t, "no-such-theme"), STATUS_CONFIG);
	assert_int_equal(theme_load(&t, "../etc/passwd"), STATUS_CONFIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_colours),
		cmocka_unit_test(test_degrade),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_bad_theme_keeps_defaults),
		cmocka_unit_test(test_shipped_themes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

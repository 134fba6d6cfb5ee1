/* Command-line tables: json escaping, csv quoting and formula
 * neutralising, money formatting, and sanitised text cells. */
#include <stdlib.h>

#include "testutil.h"

#include "acctplan/strbuf.h"
#include "output.h"

static const char *json(const char *s)
{
	static char out[512];
	struct strbuf sb;

	strbuf_init(&sb);
	json_string(&sb, s);
	snprintf(out, sizeof(out), "%s", sb.buf);
	strbuf_done(&sb);
	return out;
}

static const char *csv(const char *s)
{
	static char out[512];
	struct strbuf sb;

	strbuf_init(&sb);
	csv_cell(&sb, s);
	snprintf(out, sizeof(out), "%s", sb.buf);
	strbuf_done(&sb);
	return out;
}

static void test_formats(void **state)
{
	(void)state;
	assert_int_equal(format_from_name("text"), FMT_TEXT);
	assert_int_equal(format_from_name("md"), FMT_MD);
	assert_int_equal(format_from_name("csv"), FMT_CSV);
	assert_int_equal(format_from_name("json"), FMT_JSON);
	assert_int_equal(format_from_name("yaml"), FMT_YAML);
	assert_int_equal(format_from_name("JSON"), -1);
	assert_int_equal(format_from_name("xml"), -1);
	assert_int_equal(format_from_name(NULL), -1);
}

static void test_json_string(void **state)
{
	(void)state;
	assert_string_equal(json("plain"), "\"plain\"");
	assert_string_equal(json("a \"q\" \\ b"), "\"a \\\"q\\\" \\\\ b\"");
	assert_string_equal(json("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
	assert_string_equal(json("\x1b[2J"), "\"\\u001b[2J\"");
	assert_string_equal(json("\x01\x7f"), "\"\\u0001\\u007f\"");
	assert_string_equal(json("Østergaard 日本"), "\"Østergaard 日本\"");
	assert_string_equal(json("bad\xff"), "\"bad\xEF\xBF\xBD\"");
	assert_string_equal(json("\xE2\x80\xA8"), "\"\\u2028\"");
	assert_string_equal(json(""), "\"\"");
}

static void test_csv_quoting(void **state)
{
	(void)state;
	assert_string_equal(csv("plain"), "plain");
	assert_string_equal(csv("a,b"), "\"a,b\"");
	assert_string_equal(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(csv("two\nlines"), "\"two\nlines\"");
	assert_string_equal(csv("semi;colon"), "\"semi;colon\"");
	assert_string_equal(csv(""), "");
}

static void test_csv_formulas_neutralised(void **state)
{
	(void)state;
	assert_string_equal(csv("=SUM(A1:A9)"), "\"'=SUM(A1:A9)\"");
	assert_string_equal(csv("+1-555-0100"), "\"'+1-555-0100\"");
	assert_string_equal(csv("-2+3"), "\"'-2+3\"");
	assert_string_equal(csv("@cmd"), "\"'@cmd\"");
	assert_string_equal(csv("\t=1"), "\"'\t=1\"");
	assert_string_equal(csv("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
	assert_string_equal(csv("a=b"), "a=b");
	/* apostrophes before a formula get one more, so an import takes one
	 * away and gets the cell back; an apostrophe before text stays alone */
	assert_string_equal(csv("'=1"), "\"''=1\"");
	assert_string_equal(csv("''+2"), "\"'''+2\"");
	assert_string_equal(csv("'quoted"), "'quoted");
}

static char *render(enum format fmt)
{
	static const struct column cols[] = {
		{"name", "Name", false, 8},
		{"nps", "NPS", true, 0},
		{"share", "Share", true, 0},
		{"hold", "Hold", false, 0},
	};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct table t;

	table_begin(&t, f, fmt, cols, 4);
	table_str(&t, "\x1b]0;pwned\a日本語の長い名前");
	table_num(&t, -25, 0);
	table_null(&t);
	table_bool(&t, true);
	table_row_end(&t);
	table_str(&t, "=cmd|' /C calc'!A0");
	table_num(&t, -0.04, 1);
	table_num(&t, 1.5, 3);
	table_bool(&t, false);
	table_row_end(&t);
	table_end(&t);
	fclose(f);
	return out;
}

static void test_table_text_is_sanitised_and_cut(void **state)
{
	char *out = render(FMT_TEXT);

	(void)state;
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\a'));
	assert_contains(out, "^[]0;pw");
	assert_contains(out, "Name");
	free(out);
}

static void test_table_md_escapes_pipes(void **state)
{
	char *out = render(FMT_MD);

	(void)state;
	assert_null(strchr(out, '\x1b'));
	assert_contains(out, "\\|");
	free(out);
}

static void test_table_csv(void **state)
{
	char *out = render(FMT_CSV);

	(void)state;
	assert_true(strncmp(out, "name,nps,share,hold\n", 20) == 0);
	assert_contains(out, "\"'=cmd|' /C calc'!A0\"");
	/* -0.04 rounds to 0.0: no "-0.0" */
	assert_null(strstr(out, "-0.0"));
	free(out);
}

static void test_table_json(void **state)
{
	char *out = render(FMT_JSON);

	(void)state;
	assert_contains(out, "\"nps\":-25");
	assert_contains(out, "\"share\":null");
	assert_contains(out, "\"hold\":true");
	assert_contains(out, "\"share\":1.500");
	assert_contains(out, "\\u001b]0;pwned\\u0007");
	assert_int_equal(out[0], '[');
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_formulas_neutralised),
		cmocka_unit_test(test_table_text_is_sanitised_and_cut),
		cmocka_unit_test(test_table_md_escapes_pipes),
		cmocka_unit_test(test_table_csv),
		cmocka_unit_test(test_table_json),
	};
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}

/* Display-width truncation as the console uses it: text_fit/text_pad keep
 * columns exact with CJK, emoji, combining marks and control characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "acctplan/strbuf.h"
#include "acctplan/text.h"

static char out[4096];

static int fit(const char *s, int cols)
{
	struct strbuf sb;
	int w;

	strbuf_init(&sb);
	w = text_fit(&sb, s, cols, TEXT_ONELINE);
	snprintf(out, sizeof(out), "%s", sb.buf);
	strbuf_done(&sb);
	return w;
}

static void test_ascii(void **state)
{
	(void)state;
	assert_int_equal(fit("Brightwater", 20), 11);
	assert_string_equal(out, "Brightwater");
	assert_int_equal(fit("Brightwater", 6), 6);
	assert_string_equal(out, "Brigh…");
	assert_int_equal(fit("abc", 3), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(fit("abc", 0), 0);
}

static void test_wide(void **state)
{
	(void)state;
	assert_int_equal(text_width("東京ガス"), 8);
	assert_int_equal(fit("東京ガス", 8), 8);
	/* a wide character never straddles the cut */
	assert_int_equal(fit("東京ガス", 6), 5);
	assert_string_equal(out, "東京…");
	assert_int_equal(fit("東京ガス", 5), 5);
	assert_int_equal(text_width("🚀x"), 3);
	assert_int_equal(fit("a🚀b", 3), 2); /* "a" and "…": the rocket does not fit */
	assert_string_equal(out, "a…");
}

static void test_combining(void **state)
{
	(void)state;
	assert_int_equal(text_width("e\xcc\x81"), 1); /* e + U+0301 */
	assert_int_equal(fit("cafe\xcc\x81s", 5), 5);
	assert_string_equal(out, "cafe\xcc\x81s");
	assert_int_equal(fit("cafe\xcc\x81s!", 5), 5);
	assert_string_equal(out, "cafe\xcc\x81…");
}

static void test_controls(void **state)
{
	(void)state;
	assert_int_equal(fit("\x1b[31mred", -1), 9);
	assert_string_equal(out, "^[[31mred");
	assert_int_equal(fit("a\tb\nc", -1), 5);
	assert_string_equal(out, "a b c");
	assert_int_equal(fit("\x07\x7f", -1), 4);
	assert_string_equal(out, "^G^?");
	/* a caret pair is never split: nothing of ESC reaches the terminal raw */
	assert_int_equal(fit("ab\x1b]0;x", 4), 3);
	assert_null(strchr(out, 0x1b));
	/* C1 controls and bad UTF-8 become U+FFFD */
	fit("\xc2\x9b"
	    "2J",
	    -1);
	assert_null(strstr(out, "\xc2\x9b"));
	fit("\xff\xfe", -1);
	assert_string_equal(out, "\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_pad_and_long(void **state)
{
	static char longname[10001];
	struct strbuf sb;

	(void)state;
	memset(longname, 'L', 10000);
	strbuf_init(&sb);
	text_pad(&sb, "東京", 7, 0);
	assert_string_equal(sb.buf, "東京   ");
	strbuf_reset(&sb);
	text_pad(&sb, longname, 12, 0);
	assert_int_equal(text_width(sb.buf), 12);
	strbuf_done(&sb);
	assert_int_equal(fit(longname, 40), 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),        cmocka_unit_test(test_wide),
		cmocka_unit_test(test_combining),    cmocka_unit_test(test_controls),
		cmocka_unit_test(test_pad_and_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

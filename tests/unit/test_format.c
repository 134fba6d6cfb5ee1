/* How figures and codes are written for people (format.h). */
#include "testutil.h"

#include "acctplan/format.h"

static void test_money(void **state)
{
	char buf[32];

	(void)state;
	fmt_money(buf, sizeof(buf), 0);
	assert_string_equal(buf, "0");
	fmt_money(buf, sizeof(buf), 999);
	assert_string_equal(buf, "999");
	fmt_money(buf, sizeof(buf), 1000);
	assert_string_equal(buf, "1,000");
	fmt_money(buf, sizeof(buf), 1992000);
	assert_string_equal(buf, "1,992,000");
	fmt_money(buf, sizeof(buf), -45000);
	assert_string_equal(buf, "-45,000");
	fmt_money(buf, sizeof(buf), INT64_MIN);
	assert_string_equal(buf, "-9,223,372,036,854,775,808");
	fmt_money(buf, 5, 1234567); /* cut, never overrun */
	assert_int_equal(strlen(buf), 4);
	fmt_money_short(buf, sizeof(buf), 1992000);
	assert_string_equal(buf, "1.99M");
	fmt_money_short(buf, sizeof(buf), 391000);
	assert_string_equal(buf, "391k");
	fmt_money_short(buf, sizeof(buf), 9999);
	assert_string_equal(buf, "9999");
}

static void test_nps_share(void **state)
{
	char buf[16];

	(void)state;
	fmt_nps(buf, sizeof(buf), true, -0.4);
	assert_string_equal(buf, "-0");
	fmt_nps(buf, sizeof(buf), true, 0.0);
	assert_string_equal(buf, "0");
	fmt_nps(buf, sizeof(buf), true, 33.4);
	assert_string_equal(buf, "33");
	fmt_nps(buf, sizeof(buf), false, 50);
	assert_string_equal(buf, "-");
	fmt_share(buf, sizeof(buf), true, 0.425);
	assert_string_equal(buf, "42%");
	fmt_share(buf, sizeof(buf), true, 1.5);
	assert_string_equal(buf, "150%");
	fmt_share(buf, sizeof(buf), false, 0);
	assert_string_equal(buf, "?");
}

static void test_words(void **state)
{
	char buf[32];

	(void)state;
	fmt_word(buf, sizeof(buf), "budget_cycle");
	assert_string_equal(buf, "budget cycle");
	fmt_word(buf, sizeof(buf), "decision_maker");
	assert_string_equal(buf, "decision maker");
	fmt_word(buf, sizeof(buf), "reported_back");
	assert_string_equal(buf, "reported back");
	fmt_word(buf, sizeof(buf), "yes");
	assert_string_equal(buf, "yes");
	fmt_word(buf, 4, "root_cause");
	assert_string_equal(buf, "roo");
}

static void test_due(void **state)
{
	char buf[64];

	(void)state;
	fmt_due(buf, sizeof(buf), 100, 100);
	assert_string_equal(buf, "today");
	fmt_due(buf, sizeof(buf), 101, 100);
	assert_string_equal(buf, "tomorrow");
	fmt_due(buf, sizeof(buf), 103, 100);
	assert_string_equal(buf, "in 3 days");
	fmt_due(buf, sizeof(buf), 99, 100);
	assert_string_equal(buf, "1 day late");
	fmt_due(buf, sizeof(buf), 88, 100);
	assert_string_equal(buf, "12 days late");
	fmt_followup(buf, sizeof(buf), FOLLOWUP_OVERDUE, 95, 100);
	assert_string_equal(buf, "OVERDUE: no follow-up, 5 days late");
	fmt_followup(buf, sizeof(buf), FOLLOWUP_NONE, 95, 100);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_nps_share),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

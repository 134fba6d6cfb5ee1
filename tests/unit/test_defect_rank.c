/* Defect ranking, with the numbers worked by hand. The window holds ten
 * responses scored 2 3 4 9 9 8 10 7 9 8 (sum 69):
 *   A tags the 2, 3 and 4:  frequency .3, severity 60/7 - 3 = 5.5714,
 *                           impact 1.6714
 *   B tags the 4:           frequency .1, severity 65/9 - 4 = 3.2222,
 *                           impact 0.3222
 *   C tags nothing:         frequency 0, severity unknown, impact 0
 *   D tags all ten:         frequency 1, severity unknown, impact 0
 *   E tags the 10:          frequency .1, severity 59/9 - 10 = -3.4444,
 *                           impact -0.3444 (its buyers are happier)
 */
#include "testutil.h"

#include "acctplan/defect_rank.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

static void test_hand_computed_ranking(void **state)
{
	struct defect_stat d[] = {
		{.id = 3, .code = "C", .tagged = 0, .tagged_sum = 0},
		{.id = 5, .code = "E", .tagged = 1, .tagged_sum = 10},
		{.id = 2, .code = "B", .tagged = 1, .tagged_sum = 4},
		{.id = 4, .code = "D", .tagged = 10, .tagged_sum = 69},
		{.id = 1, .code = "A", .tagged = 3, .tagged_sum = 9},
	};

	(void)state;
	defect_rank(d, N(d), 10, 69);
	/* ranked by impact; unknown severity counts as 0 */
	assert_string_equal(d[0].code, "A");
	assert_int_equal(d[0].id, 1);
	assert_near(d[0].frequency, 0.3, 1e-12);
	assert_true(d[0].severity_known);
	assert_near(d[0].severity, 60.0 / 7 - 3, 1e-12);
	assert_near(d[0].impact, 0.3 * (60.0 / 7 - 3), 1e-12);

	assert_string_equal(d[1].code, "B");
	assert_near(d[1].frequency, 0.1, 1e-12);
	assert_near(d[1].severity, 65.0 / 9 - 4, 1e-12);
	assert_near(d[1].impact, 0.1 * (65.0 / 9 - 4), 1e-12);

	/* a defect every response cites: same impact as C, higher frequency */
	assert_string_equal(d[2].code, "D");
	assert_near(d[2].frequency, 1, 1e-12);
	assert_false(d[2].severity_known);
	assert_near(d[2].impact, 0, 0);

	/* a defect no response cites */
	assert_string_equal(d[3].code, "C");
	assert_near(d[3].frequency, 0, 0);
	assert_false(d[3].severity_known);
	assert_near(d[3].impact, 0, 0);

	assert_string_equal(d[4].code, "E");
	assert_true(d[4].severity_known);
	assert_near(d[4].severity, 59.0 / 9 - 10, 1e-12);
	assert_true(d[4].impact < 0);
}

static void test_ties_break_by_frequency_then_code(void **state)
{
	/* 4 responses scored 10 10 0 0 (sum 20).
	 * X and Y each tag one 0: freq .25, severity 20/3 - 0, same impact.
	 * Z tags both 0s: freq .5, severity 10 - 0 = 10, impact 5 (first). */
	struct defect_stat d[] = {
		{.id = 1, .code = "y-late", .tagged = 1, .tagged_sum = 0},
		{.id = 2, .code = "x-early", .tagged = 1, .tagged_sum = 0},
		{.id = 3, .code = "z", .tagged = 2, .tagged_sum = 0},
	};

	(void)state;
	defect_rank(d, N(d), 4, 20);
	assert_string_equal(d[0].code, "z");
	assert_near(d[0].impact, 5, 1e-12);
	assert_string_equal(d[1].code, "x-early");
	assert_string_equal(d[2].code, "y-late");
	assert_near(d[1].impact, d[2].impact, 0);
	assert_near(d[1].impact, 0.25 * 20.0 / 3, 1e-12);
}

static void test_rank_by_impact_not_frequency(void **state)
{
	/* 10 responses, sum 60. P tags 2 (sum 2): freq .2, sev 58/8 - 1 = 6.25,
	 * impact 1.25. Q tags 5 (sum 20): freq .5, sev 40/5 - 4 = 4, impact 2.
	 * R tags 1 (sum 0): freq .1, sev 60/9 = 6.667, impact .667. */
	struct defect_stat d[] = {
		{.id = 1, .code = "P", .tagged = 2, .tagged_sum = 2},
		{.id = 2, .code = "R", .tagged = 1, .tagged_sum = 0},
		{.id = 3, .code = "Q", .tagged = 5, .tagged_sum = 20},
	};

	(void)state;
	defect_rank(d, N(d), 10, 60);
	assert_string_equal(d[0].code, "Q");
	assert_near(d[0].impact, 2, 1e-12);
	assert_string_equal(d[1].code, "P");
	assert_near(d[1].impact, 1.25, 1e-12);
	assert_string_equal(d[2].code, "R");
}

static void test_no_responses_in_window(void **state)
{
	struct defect_stat d[] = {
		{.id = 1, .code = "a", .tagged = 0, .tagged_sum = 0},
		{.id = 2, .code = "b", .tagged = 0, .tagged_sum = 0},
	};

	(void)state;
	defect_rank(d, N(d), 0, 0);
	assert_near(d[0].frequency, 0, 0);
	assert_false(d[0].severity_known);
	assert_true(isfinite(d[0].impact));
	assert_string_equal(d[0].code, "a");
	defect_rank(NULL, 0, 0, 0); /* nothing to rank */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_computed_ranking),
		cmocka_unit_test(test_ties_break_by_frequency_then_code),
		cmocka_unit_test(test_rank_by_impact_not_frequency),
		cmocka_unit_test(test_no_responses_in_window),
	};
	return cmocka_run_group_tests_name("defect_rank", tests, NULL, NULL);
}

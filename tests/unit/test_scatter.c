/* The scatter plot's binning (scatter.h): fine bins, and the screen cell
 * that holds them, at the edges and past them. */
#include "testutil.h"

#include "acctplan/scatter.h"

static void test_fine(void **state)
{
	int fx, fy;

	(void)state;
	scatter_fine(-100, 0, &fx, &fy);
	assert_int_equal(fx, 0);
	assert_int_equal(fy, 0);
	scatter_fine(100, 1, &fx, &fy);
	assert_int_equal(fx, 200);
	assert_int_equal(fy, 100);
	/* floor, not round */
	scatter_fine(-0.5, 0.399, &fx, &fy);
	assert_int_equal(fx, 99);
	assert_int_equal(fy, 39);
	/* past the ends: held at them */
	scatter_fine(-150, -0.2, &fx, &fy);
	assert_int_equal(fx, 0);
	assert_int_equal(fy, 0);
	scatter_fine(130, 2.5, &fx, &fy);
	assert_int_equal(fx, 200);
	assert_int_equal(fy, 100);
}

static void test_bin(void **state)
{
	int col, row;

	(void)state;
	/* 10 × 5: NPS -100 left, share 0 in the bottom row (row 0 is the top) */
	scatter_bin(-100, 0, 10, 5, &col, &row);
	assert_int_equal(col, 0);
	assert_int_equal(row, 4);
	/* NPS 100 and share 1 fall in the last column and the top row */
	scatter_bin(100, 1, 10, 5, &col, &row);
	assert_int_equal(col, 9);
	assert_int_equal(row, 0);
	/* NPS 0 is fine bin 100: col 100 * 10 / 200 = 5; share 0.39: 39 * 5 / 100 = 1 */
	scatter_bin(0, 0.39, 10, 5, &col, &row);
	assert_int_equal(col, 5);
	assert_int_equal(row, 3);
	/* a share above 1 lands in the top row */
	scatter_bin(10, 3, 10, 5, &col, &row);
	assert_int_equal(row, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fine),
		cmocka_unit_test(test_bin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

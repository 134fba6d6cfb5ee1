/* The history's rule of a change (standing.h), share bands, and the state
 * of a team action (commitment.h). */
#include "testutil.h"

#include "acctplan/commitment.h"
#include "acctplan/date.h"
#include "acctplan/standing.h"

static struct standing on_board(enum quadrant q, bool hold, double nps, double share)
{
	struct standing s = {true, q, hold, true, nps, true, share};
	return s;
}

static void test_bands(void **state)
{
	struct rules r;

	(void)state;
	rules_defaults(&r); /* share_high 0.40 */
	assert_int_equal(share_band(&r, false, 0.9), -1);
	assert_int_equal(share_band(&r, true, 0.0), 0);
	assert_int_equal(share_band(&r, true, 0.2499), 0);
	assert_int_equal(share_band(&r, true, 0.25), 1);
	assert_int_equal(share_band(&r, true, 0.3999), 1);
	assert_int_equal(share_band(&r, true, 0.40), 2); /* the threshold splits a quartile */
	assert_int_equal(share_band(&r, true, 0.50), 3);
	assert_int_equal(share_band(&r, true, 0.75), 4);
	assert_int_equal(share_band(&r, true, 1.7), 4);
	r.share_high = 0.5; /* on a quartile: four bands */
	assert_int_equal(share_band(&r, true, 0.49), 1);
	assert_int_equal(share_band(&r, true, 0.8), 3);
	r.share_high = 0.9; /* above the last quartile */
	assert_int_equal(share_band(&r, true, 0.8), 3);
	assert_int_equal(share_band(&r, true, 0.95), 4);
}

static void test_changes(void **state)
{
	struct rules r;
	struct standing a = on_board(QUAD_GROW, false, 40.2, 0.30), b = a;

	(void)state;
	rules_defaults(&r);
	assert_true(standing_changed(&r, NULL, &a)); /* a first row, on the board */
	assert_false(standing_changed(&r, &a, &b));
	b.nps = 40.49; /* the same rounded NPS */
	assert_false(standing_changed(&r, &a, &b));
	b.nps = 40.5; /* rounds to 41 */
	assert_true(standing_changed(&r, &a, &b));
	b = a;
	b.share = 0.39; /* the same band */
	assert_false(standing_changed(&r, &a, &b));
	b.share = 0.41; /* across share_high */
	assert_true(standing_changed(&r, &a, &b));
	b = a;
	b.share_known = false;
	assert_true(standing_changed(&r, &a, &b));
	b = a;
	b.hold = true;
	assert_true(standing_changed(&r, &a, &b));
	b = a;
	b.quadrant = QUAD_FIX_BASICS;
	assert_true(standing_changed(&r, &a, &b));
	b = a;
	b.nps_known = false;
	assert_true(standing_changed(&r, &a, &b));
	/* off the board: only leaving and coming back are changes */
	b = a;
	b.active = false;
	assert_true(standing_changed(&r, &a, &b));
	a = b;
	b.nps = -80;
	b.quadrant = QUAD_REPAIR;
	assert_false(standing_changed(&r, &a, &b));
	assert_false(standing_changed(&r, NULL, &b)); /* never on the board: no row */
	a.active = true;
	assert_true(standing_changed(&r, &b, &a));
	/* halves away from zero, as SQLite's round() */
	assert_int_equal(standing_nps(-0.5), -1);
	assert_int_equal(standing_nps(0.5), 1);
	assert_int_equal(standing_nps(-33.3), -33);
}

static int day(const char *s)
{
	int d = 0;
	assert_true(date_parse(s, &d));
	return d;
}

static void test_commitments(void **state)
{
	int due = day("2026-11-24");

	(void)state;
	assert_int_equal(commitment_state(due, -1, day("2026-11-24")), COMMIT_OPEN);
	assert_int_equal(commitment_state(due, -1, day("2026-11-25")), COMMIT_NOT_DONE);
	assert_int_equal(commitment_state(due, day("2026-11-24"), day("2026-12-01")), COMMIT_DONE);
	assert_int_equal(commitment_state(due, day("2026-11-20"), day("2026-12-01")), COMMIT_DONE);
	assert_int_equal(commitment_state(due, day("2026-11-25"), day("2026-12-01")), COMMIT_LATE);
	assert_string_equal(commitment_state_name(COMMIT_NOT_DONE), "not_done");
	assert_string_equal(commitment_state_name(COMMIT_LATE), "late");
	assert_true(commitment_pending(COMMIT_OPEN) && commitment_pending(COMMIT_NOT_DONE));
	assert_false(commitment_pending(COMMIT_DONE) || commitment_pending(COMMIT_LATE));
	/* reported since the end of a day: pending, or done after it */
	assert_true(commitment_reported(-1, day("2026-11-20")));
	assert_true(commitment_reported(day("2026-11-21"), day("2026-11-20")));
	assert_false(commitment_reported(day("2026-11-20"), day("2026-11-20")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_commitments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

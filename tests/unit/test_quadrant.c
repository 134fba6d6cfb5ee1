/* Quadrants on advocacy × share with the thresholds met exactly, holds
 * (automatic, by plan, and by hand), and the priority order. */
#include <stdlib.h>

#include "testutil.h"

#include "acctplan/advocacy.h"
#include "acctplan/quadrant.h"

static struct rules rules;

static int setup(void **state)
{
	(void)state;
	rules_defaults(&rules);
	return 0;
}

static enum quadrant classify(bool nps_known, double nps, bool share_known, double share)
{
	return quadrant_classify(&rules, nps_known, nps, share_known, share);
}

static void test_four_quadrants(void **state)
{
	(void)state;
	assert_int_equal(classify(true, -20, true, 0.7), QUAD_REPAIR);
	assert_int_equal(classify(true, 60, true, 0.7), QUAD_PROTECT);
	assert_int_equal(classify(true, 60, true, 0.1), QUAD_GROW);
	assert_int_equal(classify(true, -20, true, 0.1), QUAD_FIX_BASICS);
}

static void test_thresholds_met_exactly_are_high(void **state)
{
	(void)state;
	assert_int_equal(classify(true, 30, true, 0.40), QUAD_PROTECT);
	assert_int_equal(classify(true, 30, true, 0.39), QUAD_GROW);
	assert_int_equal(classify(true, 29.9, true, 0.40), QUAD_REPAIR);
	assert_int_equal(classify(true, 29.9, true, 0.3999), QUAD_FIX_BASICS);
	/* the share computed from whole numbers lands exactly on 0.40 */
	{
		double s;
		assert_true(share_compute(40000, true, 100000, &s));
		assert_int_equal(classify(true, 30, true, s), QUAD_PROTECT);
	}
	/* NPS exactly 30 from real responses: 5 promoters, 3 passives and
	 * 2 detractors of 10 is 100 * (5 - 2) / 10 */
	{
		static const int scores[] = {10, 9, 9, 10, 9, 7, 8, 7, 0, 6};
		struct response r[10];
		struct advocacy a;
		int i, today = 20000;

		for (i = 0; i < 10; i++)
			r[i] = (struct response){0, ROLE_ANONYMOUS, today - i, i, scores[i]};
		advocacy_compute(r, 10, today, &rules, &a);
		assert_near(a.nps, 30, 0);
		assert_int_equal(classify(a.known, a.nps, true, 0.9), QUAD_PROTECT);
	}
}

static void test_thresholds_from_rules(void **state)
{
	(void)state;
	rules.advocacy_high = 50;
	rules.share_high = 0.25;
	assert_int_equal(classify(true, 49, true, 0.25), QUAD_REPAIR);
	assert_int_equal(classify(true, 50, true, 0.24), QUAD_GROW);
}

static void test_unknown_advocacy_is_no_feedback(void **state)
{
	(void)state;
	assert_int_equal(classify(false, 0, true, 0.9), QUAD_NO_FEEDBACK);
	assert_int_equal(classify(false, 100, true, 0.1), QUAD_NO_FEEDBACK);
	assert_int_equal(classify(false, 0, false, 0), QUAD_NO_FEEDBACK);
}

static void test_unknown_share_counts_low(void **state)
{
	double s = 123;

	(void)state;
	/* wallet NULL and wallet 0 both make the share unknown, which is low */
	assert_false(share_compute(500000, false, 0, &s));
	assert_int_equal(classify(true, 80, false, s), QUAD_GROW);
	assert_false(share_compute(500000, true, 0, &s));
	assert_int_equal(classify(true, -80, false, s), QUAD_FIX_BASICS);
}

static void test_share_above_one_is_high(void **state)
{
	double s;

	(void)state;
	assert_true(share_compute(391000, true, 352000, &s));
	assert_true(s > 1);
	assert_int_equal(classify(true, -25, true, s), QUAD_REPAIR);
	assert_int_equal(classify(true, 90, true, s), QUAD_PROTECT);
}

static void test_quadrant_holds(void **state)
{
	(void)state;
	assert_true(quadrant_holds(QUAD_REPAIR));
	assert_true(quadrant_holds(QUAD_FIX_BASICS));
	assert_true(quadrant_holds(QUAD_NO_FEEDBACK));
	assert_false(quadrant_holds(QUAD_GROW));
	assert_false(quadrant_holds(QUAD_PROTECT));
}

static void test_hold_automatic(void **state)
{
	int q;

	(void)state;
	for (q = 0; q < QUAD_COUNT; q++) {
		struct hold h = hold_compute(q, 0, HOLD_AUTO, -1);
		assert_int_equal(h.on, quadrant_holds(q));
		assert_non_null(h.why);
	}
	/* open readiness conditions hold even where the quadrant is open */
	assert_true(hold_compute(QUAD_GROW, 1, HOLD_AUTO, -1).on);
	assert_true(hold_compute(QUAD_PROTECT, 3, HOLD_AUTO, -1).on);
	assert_contains(hold_compute(QUAD_PROTECT, 3, HOLD_AUTO, -1).why, "condition");
	/* and a met plan does not lift a quadrant's hold */
	assert_true(hold_compute(QUAD_REPAIR, 0, HOLD_AUTO, -1).on);
}

static void test_hold_by_hand_wins_in_same_quadrant(void **state)
{
	struct hold h;

	(void)state;
	h = hold_compute(QUAD_REPAIR, 2, HOLD_LIFTED, QUAD_REPAIR);
	assert_false(h.on);
	assert_contains(h.why, "hand");
	h = hold_compute(QUAD_GROW, 0, HOLD_SET, QUAD_GROW);
	assert_true(h.on);
	assert_contains(h.why, "hand");
	h = hold_compute(QUAD_NO_FEEDBACK, 0, HOLD_LIFTED, QUAD_NO_FEEDBACK);
	assert_false(h.on);
}

static void test_hold_by_hand_reverts_when_quadrant_changes(void **state)
{
	(void)state;
	/* lifted in repair; now fix_basics: the quadrant holds again */
	assert_true(hold_compute(QUAD_FIX_BASICS, 0, HOLD_LIFTED, QUAD_REPAIR).on);
	/* set in grow; now protect with a met plan: open again */
	assert_false(hold_compute(QUAD_PROTECT, 0, HOLD_SET, QUAD_GROW).on);
	/* set in grow; now protect with open conditions: held by the plan */
	assert_true(hold_compute(QUAD_PROTECT, 1, HOLD_SET, QUAD_GROW).on);
}

struct acct {
	const char *name;
	enum quadrant q;
	enum fit fit;
	int64_t revenue;
	bool has_wallet;
	int64_t wallet;
	struct priority p;
};

static int cmp_acct(const void *a, const void *b)
{
	return priority_cmp(&((const struct acct *)a)->p, &((const struct acct *)b)->p);
}

static void test_priority_order_across_groups(void **state)
{
	struct acct a[] = {
		{"fix-poor-big", QUAD_FIX_BASICS, FIT_POOR, 900000, true, 2000000, {0, 0}},
		{"protect-small", QUAD_PROTECT, FIT_GOOD, 10000, true, 20000, {0, 0}},
		{"nofb-big", QUAD_NO_FEEDBACK, FIT_GOOD, 800000, true, 900000, {0, 0}},
		{"grow-small-headroom", QUAD_GROW, FIT_GOOD, 300000, true, 400000, {0, 0}},
		{"repair-small", QUAD_REPAIR, FIT_POOR, 20000, true, 30000, {0, 0}},
		{"fix-good-small", QUAD_FIX_BASICS, FIT_GOOD, 5000, true, 50000, {0, 0}},
		{"grow-big-headroom", QUAD_GROW, FIT_GOOD, 10000, true, 500000, {0, 0}},
		{"protect-big", QUAD_PROTECT, FIT_GOOD, 700000, true, 800000, {0, 0}},
		{"fix-unknown", QUAD_FIX_BASICS, FIT_UNKNOWN, 100, false, 0, {0, 0}},
		{"repair-big", QUAD_REPAIR, FIT_GOOD, 600000, true, 700000, {0, 0}},
		{"fix-good-big", QUAD_FIX_BASICS, FIT_GOOD, 60000, true, 600000, {0, 0}},
		{"nofb-small", QUAD_NO_FEEDBACK, FIT_POOR, 1000, false, 0, {0, 0}},
		{"grow-no-wallet", QUAD_GROW, FIT_GOOD, 900000, false, 0, {0, 0}},
	};
	static const char *const want[] = {
		"repair-big",        "repair-small",   /* by revenue at stake */
		"fix-good-big",      "fix-good-small", /* fix_basics, fit good, by revenue */
		"grow-big-headroom", "grow-small-headroom", "grow-no-wallet", /* by headroom */
		"protect-big",       "protect-small",                         /* by revenue */
		"nofb-big",          "nofb-small",                            /* by revenue */
		"fix-poor-big",      "fix-unknown", /* fix_basics, other fit, last */
	};
	size_t i, n = sizeof(a) / sizeof(*a);

	(void)state;
	for (i = 0; i < n; i++)
		a[i].p = priority_of(a[i].q, a[i].fit, a[i].revenue, a[i].has_wallet, a[i].wallet);
	qsort(a, n, sizeof(*a), cmp_acct);
	for (i = 0; i < n; i++)
		assert_string_equal(a[i].name, want[i]);
}

static void test_priority_cmp(void **state)
{
	struct priority a = {0, 10}, b = {0, 20}, c = {1, 1000};

	(void)state;
	assert_true(priority_cmp(&b, &a) < 0); /* more revenue first */
	assert_true(priority_cmp(&a, &b) > 0);
	assert_true(priority_cmp(&a, &c) < 0); /* group before value */
	assert_int_equal(priority_cmp(&a, &a), 0);
	/* grow ranks by headroom, not revenue */
	assert_int_equal(priority_of(QUAD_GROW, FIT_GOOD, 100, true, 1000).value, 900);
	assert_int_equal(priority_of(QUAD_REPAIR, FIT_GOOD, 100, true, 1000).value, 100);
	/* a wallet of 0 is unknown, like a missing one: no headroom to count */
	assert_int_equal(priority_of(QUAD_GROW, FIT_GOOD, 100, true, 0).value, 0);
	assert_int_equal(priority_of(QUAD_GROW, FIT_GOOD, 100, false, 0).value, 0);
}

/* the lists' order, as the SQL's "rank_group, rank_value DESC, name
 * COLLATE NOCASE, id": the standup sorts its movers in C by it */
static void test_account_order_cmp(void **state)
{
	struct priority hi = {0, 500}, lo = {0, 100};

	(void)state;
	assert_true(account_order_cmp(&hi, "Zeta", 9, &lo, "Alpha", 1) < 0); /* priority first */
	/* then the name in any case: "alpha" before "Beta", though 'B' < 'a' */
	assert_true(account_order_cmp(&lo, "alpha", 9, &lo, "Beta", 1) < 0);
	assert_true(account_order_cmp(&lo, "Beta", 1, &lo, "alpha", 9) > 0);
	/* NOCASE folds ASCII only: "_" (0x5f) sorts before "a" and "A" */
	assert_true(account_order_cmp(&lo, "_x", 9, &lo, "Ax", 1) < 0);
	/* then the id: two accounts of one name stay apart, in a fixed order */
	assert_true(account_order_cmp(&lo, "Acme", 1, &lo, "ACME", 2) < 0);
	assert_true(account_order_cmp(&lo, "Acme", 2, &lo, "ACME", 1) > 0);
	assert_int_equal(account_order_cmp(&lo, "Acme", 1, &lo, "Acme", 1), 0);
}

static void test_plays(void **state)
{
	(void)state;
	assert_contains(quadrant_play(QUAD_REPAIR), "root causes");
	assert_contains(quadrant_play(QUAD_PROTECT), "referrals");
	assert_contains(quadrant_play(QUAD_GROW), "upsell");
	assert_contains(quadrant_play(QUAD_FIX_BASICS), "good fit");
	assert_contains(quadrant_play(QUAD_NO_FEEDBACK), "get feedback");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_four_quadrants, setup),
		cmocka_unit_test(test_account_order_cmp),
		cmocka_unit_test_setup(test_thresholds_met_exactly_are_high, setup),
		cmocka_unit_test_setup(test_thresholds_from_rules, setup),
		cmocka_unit_test_setup(test_unknown_advocacy_is_no_feedback, setup),
		cmocka_unit_test_setup(test_unknown_share_counts_low, setup),
		cmocka_unit_test_setup(test_share_above_one_is_high, setup),
		cmocka_unit_test_setup(test_quadrant_holds, setup),
		cmocka_unit_test_setup(test_hold_automatic, setup),
		cmocka_unit_test_setup(test_hold_by_hand_wins_in_same_quadrant, setup),
		cmocka_unit_test_setup(test_hold_by_hand_reverts_when_quadrant_changes, setup),
		cmocka_unit_test_setup(test_priority_order_across_groups, setup),
		cmocka_unit_test_setup(test_priority_cmp, setup),
		cmocka_unit_test_setup(test_plays, setup),
	};
	return cmocka_run_group_tests_name("quadrant", tests, NULL, NULL);
}

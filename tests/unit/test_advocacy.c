/* Advocacy (NPS over the window, latest response per contact, anonymous
 * responses, role weights) and share of wallet. Today is pinned to
 * 2026-11-20 with the default 365-day window unless a test says otherwise. */
#include "testutil.h"

#include "acctplan/advocacy.h"
#include "acctplan/date.h"

static int today;
static struct rules rules;

static int setup(void **state)
{
	(void)state;
	today = date_from_ymd(2026, 11, 20);
	rules_defaults(&rules);
	return 0;
}

static int day(const char *s)
{
	int d = -1;
	assert_true(date_parse(s, &d));
	return d;
}

/* A response from a contact (0: anonymous) with the given role. */
static struct response resp(int64_t contact, int role, const char *on, int score)
{
	static int64_t order;
	return (struct response){contact, contact ? role : ROLE_ANONYMOUS, day(on), ++order, score};
}

static struct advocacy compute(struct response *r, size_t n)
{
	struct advocacy a;
	advocacy_compute(r, n, today, &rules, &a);
	return a;
}

static void test_no_response_is_unknown_not_zero(void **state)
{
	struct advocacy a;

	(void)state;
	a = compute(NULL, 0);
	assert_false(a.known);
	assert_int_equal(a.counted, 0);
}

static void test_only_responses_outside_the_window_is_unknown(void **state)
{
	struct response r[] = {
		resp(1, ROLE_USER, "2025-11-20", 10), /* one day before the window */
		resp(2, ROLE_USER, "2024-01-01", 0), resp(0, 0, "2026-11-21", 9), /* tomorrow */
	};
	struct advocacy a;

	(void)state;
	a = compute(r, 3);
	assert_false(a.known);
	assert_int_equal(a.counted, 0);
}

static void test_window_edges(void **state)
{
	/* first day of the window is today - 365 + 1 = 2025-11-21 */
	struct response first[] = {resp(1, ROLE_USER, "2025-11-21", 10)};
	struct response before[] = {resp(1, ROLE_USER, "2025-11-20", 10)};
	struct response on_today[] = {resp(1, ROLE_USER, "2026-11-20", 0)};
	struct response future[] = {resp(1, ROLE_USER, "2026-11-21", 0)};
	struct advocacy a;

	(void)state;
	a = compute(first, 1);
	assert_true(a.known);
	assert_near(a.nps, 100, 1e-9);
	assert_int_equal(a.last_day, day("2025-11-21"));

	a = compute(before, 1);
	assert_false(a.known);

	a = compute(on_today, 1);
	assert_true(a.known);
	assert_near(a.nps, -100, 1e-9);
	assert_int_equal(a.last_day, today);

	a = compute(future, 1);
	assert_false(a.known);
}

static void test_window_days_from_rules(void **state)
{
	struct response r[] = {
		resp(1, ROLE_USER, "2026-10-22", 10), /* first day of a 30-day window */
		resp(2, ROLE_USER, "2026-10-21", 0),  /* one day before it */
	};
	struct advocacy a;

	(void)state;
	rules.window_days = 30;
	a = compute(r, 2);
	assert_true(a.known);
	assert_int_equal(a.counted, 1);
	assert_near(a.nps, 100, 1e-9);

	rules.window_days = 1; /* today only */
	a = compute(r, 2);
	assert_false(a.known);
}

static void test_latest_response_per_contact_supersedes(void **state)
{
	/* given out of order: the latest (a detractor) is what counts */
	struct response r[] = {
		resp(7, ROLE_USER, "2026-06-01", 2),
		resp(7, ROLE_USER, "2026-01-15", 10),
		resp(7, ROLE_USER, "2026-03-01", 9),
	};
	struct advocacy a;

	(void)state;
	a = compute(r, 3);
	assert_true(a.known);
	assert_int_equal(a.counted, 1);
	assert_near(a.detractors, 1, 1e-9);
	assert_near(a.promoters, 0, 1e-9);
	assert_near(a.nps, -100, 1e-9);
	assert_int_equal(a.last_day, day("2026-06-01"));
}

static void test_future_response_does_not_supersede(void **state)
{
	/* a response dated after today is not in the window, so the contact's
	 * latest response in the window still counts */
	struct response r[] = {
		resp(3, ROLE_USER, "2026-12-01", 0),
		resp(3, ROLE_USER, "2026-05-01", 10),
	};
	struct advocacy a;

	(void)state;
	a = compute(r, 2);
	assert_true(a.known);
	assert_int_equal(a.counted, 1);
	assert_near(a.nps, 100, 1e-9);
}

static void test_latest_before_window_start_does_not_count(void **state)
{
	/* an old promoter outside the window does not outvote nothing */
	struct response r[] = {
		resp(4, ROLE_USER, "2025-06-01", 10),
		resp(4, ROLE_USER, "2026-02-01", 7),
	};
	struct advocacy a;

	(void)state;
	a = compute(r, 2);
	assert_int_equal(a.counted, 1);
	assert_near(a.passives, 1, 1e-9);
	assert_near(a.nps, 0, 1e-9);
}

static void test_same_day_uses_order(void **state)
{
	struct response r[] = {
		{5, ROLE_USER, 0, 1, 10}, {5, ROLE_USER, 0, 2, 3}, /* same day, entered later */
	};
	struct advocacy a;

	(void)state;
	r[0].day = r[1].day = day("2026-08-08");
	a = compute(r, 2);
	assert_int_equal(a.counted, 1);
	assert_near(a.nps, -100, 1e-9);
}

static void test_anonymous_responses_each_count(void **state)
{
	struct response r[] = {
		resp(0, 0, "2026-04-01", 10),
		resp(0, 0, "2026-04-01", 10),
		resp(0, 0, "2026-09-01", 0),
	};
	struct advocacy a;

	(void)state;
	a = compute(r, 3);
	assert_true(a.known);
	assert_int_equal(a.counted, 3);
	assert_near(a.nps, 100.0 * (2 - 1) / 3, 1e-9);
}

static void test_mixed_contacts_and_anonymous(void **state)
{
	/* contacts 1 and 2 with two responses each, two anonymous:
	 * counted: c1 latest 9 (P), c2 latest 4 (D), anon 8 (passive), anon 10 (P)
	 * NPS = 100 * (2 - 1) / 4 = 25 */
	struct response r[] = {
		resp(1, ROLE_USER, "2026-01-01", 3), resp(2, ROLE_USER, "2026-01-01", 10),
		resp(1, ROLE_USER, "2026-07-01", 9), resp(2, ROLE_USER, "2026-07-02", 4),
		resp(0, 0, "2026-02-01", 8),         resp(0, 0, "2026-03-01", 10),
	};
	struct advocacy a;

	(void)state;
	a = compute(r, 6);
	assert_int_equal(a.counted, 4);
	assert_near(a.promoters, 2, 1e-9);
	assert_near(a.passives, 1, 1e-9);
	assert_near(a.detractors, 1, 1e-9);
	assert_near(a.nps, 25, 1e-9);
	assert_int_equal(a.last_day, day("2026-07-02"));
}

static void test_role_weights(void **state)
{
	/* a decision maker promoter weighted 3 against two user detractors
	 * weighted 1: NPS = 100 * (3 - 2) / 5 = 20 (unweighted it would be -33) */
	struct response r[] = {
		resp(1, ROLE_DECISION_MAKER, "2026-10-01", 10),
		resp(2, ROLE_USER, "2026-10-01", 5),
		resp(3, ROLE_USER, "2026-10-01", 6),
	};
	struct advocacy a;

	(void)state;
	a = compute(r, 3);
	assert_near(a.nps, 100.0 * (1 - 2) / 3, 1e-9);

	rules.weight[ROLE_DECISION_MAKER] = 3;
	a = compute(r, 3);
	assert_int_equal(a.counted, 3);
	assert_near(a.promoters, 3, 1e-9);
	assert_near(a.detractors, 2, 1e-9);
	assert_near(a.nps, 20, 1e-9);
}

static void test_anonymous_weight(void **state)
{
	struct response r[] = {
		resp(1, ROLE_USER, "2026-10-01", 10),
		resp(0, 0, "2026-10-01", 0),
	};
	struct advocacy a;

	(void)state;
	rules.weight[ROLE_ANONYMOUS] = 0.5;
	a = compute(r, 2);
	assert_near(a.nps, 100.0 * (1 - 0.5) / 1.5, 1e-9);
	/* without a contact the response is anonymous whatever role it says */
	r[0] = resp(1, ROLE_USER, "2026-10-01", 10);
	r[1] = resp(0, 0, "2026-10-01", 0);
	r[1].role = ROLE_DECISION_MAKER;
	rules.weight[ROLE_DECISION_MAKER] = 4;
	a = compute(r, 2);
	assert_near(a.nps, 100.0 * (1 - 0.5) / 1.5, 1e-9);
}

static void test_zero_weights_still_known(void **state)
{
	struct response r[] = {resp(1, ROLE_USER, "2026-10-01", 10)};
	struct advocacy a;

	(void)state;
	rules.weight[ROLE_USER] = 0;
	a = compute(r, 1);
	assert_true(a.known);
	assert_true(isfinite(a.nps));
	assert_near(a.nps, 0, 1e-9);
}

static void test_share_of_wallet(void **state)
{
	double s = -1;

	(void)state;
	assert_false(share_compute(100, false, 0, &s)); /* wallet NULL */
	assert_false(share_compute(100, true, 0, &s));  /* wallet 0 */
	assert_false(share_compute(100, true, -5, &s));
	assert_true(share_compute(40, true, 100, &s));
	assert_near(s, 0.40, 1e-12);
	assert_true(share_compute(150, true, 100, &s)); /* above 1 is kept */
	assert_near(s, 1.5, 1e-12);
	assert_true(share_compute(0, true, 100, &s));
	assert_near(s, 0, 0);
}

/* Each quarter is its own window: a contact's latest response in that
 * quarter counts there, a quarter without responses is unknown, and the
 * current quarter ends today. */
static void test_by_quarter(void **state)
{
	struct response r[] = {
		resp(1, ROLE_USER, "2026-02-10", 10),     /* Q1: promoter, then... */
		resp(1, ROLE_USER, "2026-03-30", 3),      /* ...detractor: Q1 is -100 */
		resp(2, ROLE_USER, "2026-05-02", 9),      /* Q2: promoter */
		resp(0, ROLE_ANONYMOUS, "2026-05-03", 2), /* Q2: anonymous detractor */
		resp(1, ROLE_USER, "2026-10-01", 8),      /* Q4: passive */
		resp(2, ROLE_USER, "2026-11-20", 10),     /* Q4, today: promoter */
		resp(3, ROLE_USER, "2026-11-21", 0),      /* after today: not counted */
	};
	double nps[5];
	bool known[5];

	(void)state;
	assert_int_equal(advocacy_quarters_start(today, 5), day("2025-10-01"));
	assert_int_equal(advocacy_quarters_start(today, 1), day("2026-10-01"));
	advocacy_by_quarter(r, sizeof(r) / sizeof(*r), today, 5, &rules, nps, known);
	assert_false(known[0]); /* 2025 Q4 */
	assert_true(known[1]);
	assert_near(nps[1], -100, 1e-9);
	assert_true(known[2]);
	assert_near(nps[2], 0, 1e-9);
	assert_false(known[3]); /* Q3: nothing */
	assert_true(known[4]);
	assert_near(nps[4], 50, 1e-9);
	/* weights as advocacy_compute() applies them */
	rules.weight[ROLE_ANONYMOUS] = 0;
	advocacy_by_quarter(r, sizeof(r) / sizeof(*r), today, 5, &rules, nps, known);
	assert_near(nps[2], 100, 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_no_response_is_unknown_not_zero, setup),
		cmocka_unit_test_setup(test_only_responses_outside_the_window_is_unknown, setup),
		cmocka_unit_test_setup(test_window_edges, setup),
		cmocka_unit_test_setup(test_window_days_from_rules, setup),
		cmocka_unit_test_setup(test_latest_response_per_contact_supersedes, setup),
		cmocka_unit_test_setup(test_future_response_does_not_supersede, setup),
		cmocka_unit_test_setup(test_latest_before_window_start_does_not_count, setup),
		cmocka_unit_test_setup(test_same_day_uses_order, setup),
		cmocka_unit_test_setup(test_anonymous_responses_each_count, setup),
		cmocka_unit_test_setup(test_mixed_contacts_and_anonymous, setup),
		cmocka_unit_test_setup(test_role_weights, setup),
		cmocka_unit_test_setup(test_anonymous_weight, setup),
		cmocka_unit_test_setup(test_zero_weights_still_known, setup),
		cmocka_unit_test_setup(test_share_of_wallet, setup),
		cmocka_unit_test_setup(test_by_quarter, setup),
	};
	return cmocka_run_group_tests_name("advocacy", tests, NULL, NULL);
}

/* The vocabulary of the rules: score categories, the approach for each
 * buyer, defaults, and the name tables the file format relies on. */
#include "testutil.h"

#include "acctplan/quadrant.h"
#include "acctplan/rules.h"

static void test_score_categories(void **state)
{
	(void)state;
	/* the edges of each band */
	assert_int_equal(score_category(0), CAT_DETRACTOR);
	assert_int_equal(score_category(6), CAT_DETRACTOR);
	assert_int_equal(score_category(7), CAT_PASSIVE);
	assert_int_equal(score_category(8), CAT_PASSIVE);
	assert_int_equal(score_category(9), CAT_PROMOTER);
	assert_int_equal(score_category(10), CAT_PROMOTER);
	assert_string_equal(category_name(CAT_PROMOTER), "promoter");
	assert_string_equal(category_name(CAT_PASSIVE), "passive");
	assert_string_equal(category_name(CAT_DETRACTOR), "detractor");
}

static void test_every_score_has_one_category(void **state)
{
	int s, promoters = 0, passives = 0, detractors = 0;

	(void)state;
	for (s = 0; s <= 10; s++) {
		switch (score_category(s)) {
		case CAT_PROMOTER:
			promoters++;
			break;
		case CAT_PASSIVE:
			passives++;
			break;
		case CAT_DETRACTOR:
			detractors++;
			break;
		default:
			fail_msg("score %d has no category", s);
		}
	}
	assert_int_equal(promoters, 2);
	assert_int_equal(passives, 2);
	assert_int_equal(detractors, 7);
}

static void test_approach_per_category(void **state)
{
	(void)state;
	assert_contains(approach_for(CAT_PROMOTER), "collaborative");
	assert_contains(approach_for(CAT_PROMOTER), "referral");
	assert_contains(approach_for(CAT_PASSIVE), "careful");
	assert_contains(approach_for(CAT_PASSIVE), "skittish");
	assert_contains(approach_for(CAT_DETRACTOR), "do not sell");
	assert_contains(approach_for(CAT_DETRACTOR), "first-time prospect");
	assert_string_equal(approach_for(CAT_NONE), "ask for feedback");
	/* the approach follows the latest score's category */
	assert_string_equal(approach_for(score_category(6)), approach_for(CAT_DETRACTOR));
	assert_string_equal(approach_for(score_category(7)), approach_for(CAT_PASSIVE));
	assert_string_equal(approach_for(score_category(9)), approach_for(CAT_PROMOTER));
}

static void test_defaults(void **state)
{
	struct rules r;
	int i;

	(void)state;
	memset(&r, 0x55, sizeof(r));
	rules_defaults(&r);
	assert_int_equal(r.window_days, 365);
	assert_near(r.advocacy_high, 30, 0);
	assert_near(r.share_high, 0.40, 0);
	assert_int_equal(r.loop_close_days, 2);
	for (i = 0; i <= ROLE_COUNT; i++)
		assert_near(r.weight[i], 1.0, 0);
}

static void test_names_round_trip(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < FIT_COUNT; i++)
		assert_int_equal(fit_from_name(fit_name(i)), i);
	for (i = 0; i < ACCT_STATUS_COUNT; i++)
		assert_int_equal(acct_status_from_name(acct_status_name(i)), i);
	for (i = 0; i < PCAT_COUNT; i++)
		assert_int_equal(problem_category_from_name(problem_category_name(i)), i);
	for (i = 0; i < PSTAT_COUNT; i++)
		assert_int_equal(problem_status_from_name(problem_status_name(i)), i);
	for (i = 0; i < NOTE_KIND_COUNT; i++)
		assert_int_equal(note_kind_from_name(note_kind_name(i)), i);
	for (i = 0; i < GOOD_COUNT; i++)
		assert_int_equal(good_time_from_name(good_time_name(i)), i);
	for (i = 0; i < REASON_COUNT; i++)
		assert_int_equal(reason_from_name(reason_name(i)), i);
	for (i = 0; i <= ROLE_COUNT; i++)
		assert_int_equal(role_from_name(role_name(i)), i);
	for (i = 0; i < QUAD_COUNT; i++)
		assert_int_equal(quadrant_from_name(quadrant_name(i)), i);
}

static void test_names_as_in_the_file_format(void **state)
{
	(void)state;
	/* DESIGN §2 spells these; external tools depend on them */
	assert_string_equal(fit_name(FIT_GOOD), "good");
	assert_string_equal(fit_name(FIT_POOR), "poor");
	assert_string_equal(acct_status_name(ACCT_PROSPECT), "prospect");
	assert_string_equal(problem_status_name(PSTAT_ROOT_CAUSE), "root_cause");
	assert_string_equal(problem_status_name(PSTAT_REPORTED_BACK), "reported_back");
	assert_string_equal(role_name(ROLE_DECISION_MAKER), "decision_maker");
	assert_string_equal(role_name(ROLE_ANONYMOUS), "anonymous");
	assert_string_equal(reason_name(REASON_BUDGET_CYCLE), "budget_cycle");
	assert_string_equal(quadrant_name(QUAD_FIX_BASICS), "fix_basics");
	assert_string_equal(quadrant_name(QUAD_NO_FEEDBACK), "no_feedback");
	/* unknown names and out-of-range values */
	assert_int_equal(fit_from_name("Good"), -1);
	assert_int_equal(fit_from_name(""), -1);
	assert_int_equal(fit_from_name(NULL), -1);
	assert_int_equal(quadrant_from_name("sell"), -1);
	assert_string_equal(fit_name((enum fit)99), "?");
	assert_string_equal(quadrant_name((enum quadrant) - 1), "?");
}

/* The cache's fingerprint: any one field of the rules, or today, changed
 * gives another text; the same rules and day give the same one. */
static void test_fingerprint_names_every_field(void **state)
{
	char base[RULES_FINGERPRINT_LEN], fp[RULES_FINGERPRINT_LEN];
	struct rules r0, r;
	int i;

	(void)state;
	rules_defaults(&r0);
	rules_fingerprint(&r0, 20000, base, sizeof(base));
	r = r0;
	rules_fingerprint(&r, 20000, fp, sizeof(fp));
	assert_string_equal(fp, base);

	rules_fingerprint(&r0, 20001, fp, sizeof(fp));
	assert_string_not_equal(fp, base);
#define DIFFERS(field, value)                                 \
	do {                                                  \
		r = r0;                                       \
		r.field = (value);                            \
		rules_fingerprint(&r, 20000, fp, sizeof(fp)); \
		assert_string_not_equal(fp, base);            \
	} while (0)
	DIFFERS(window_days, 364);
	DIFFERS(advocacy_high, 30.000001);
	DIFFERS(share_high, 0.4000000001);
	DIFFERS(loop_close_days, 3);
	DIFFERS(referral_days, 179);
	DIFFERS(winback_days, 91);
	for (i = 0; i <= ROLE_COUNT; i++)
		DIFFERS(weight[i], 1.0 + 1e-12);
#undef DIFFERS
	/* two weights swapped are two other rules */
	r = r0;
	r.weight[0] = 2;
	rules_fingerprint(&r, 20000, base, sizeof(base));
	r = r0;
	r.weight[ROLE_ANONYMOUS] = 2;
	rules_fingerprint(&r, 20000, fp, sizeof(fp));
	assert_string_not_equal(fp, base);
	/* it names the version of the rules' code */
	snprintf(base, sizeof(base), "rules %d|", RULES_VERSION);
	assert_contains(fp, base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score_categories),
		cmocka_unit_test(test_every_score_has_one_category),
		cmocka_unit_test(test_approach_per_category),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_names_as_in_the_file_format),
		cmocka_unit_test(test_fingerprint_names_every_field),
	};
	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}

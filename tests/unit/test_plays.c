/* The seeds' practices in the domain: the plays' gate and where plays come
 * from, quiet seasons across the new year, who to ask for a referral, the
 * win-back reviews' days and a follow-up's timing. */
#include "testutil.h"

#include "acctplan/agenda.h"
#include "acctplan/date.h"
#include "acctplan/followup.h"
#include "acctplan/plays.h"
#include "acctplan/referral.h"
#include "acctplan/verdict.h"

static int day(const char *s)
{
	int d = -1;

	assert_true(date_parse(s, &d));
	return d;
}

static void test_season_parse(void **state)
{
	int from = 0, to = 0;

	(void)state;
	assert_true(quiet_season_parse("12-15..01-10", &from, &to));
	assert_int_equal(from, 1215);
	assert_int_equal(to, 110);
	assert_true(quiet_season_parse("02-29..02-29", &from, &to));
	assert_false(quiet_season_parse("02-30..03-01", &from, &to));
	assert_false(quiet_season_parse("13-01..01-10", &from, &to));
	assert_false(quiet_season_parse("00-10..01-10", &from, &to));
	assert_false(quiet_season_parse("04-31..05-01", &from, &to));
	assert_false(quiet_season_parse("12-15..01-1", &from, &to));
	assert_false(quiet_season_parse("12-15-01-10", &from, &to));
	assert_false(quiet_season_parse("12-15..01-10x", &from, &to));
	assert_false(quiet_season_parse("", &from, &to));
	assert_false(quiet_season_parse(NULL, &from, &to));
}

/* A season across the new year holds at both ends of it, and ends in the
 * next year when today is before the new year. */
static void test_season_across_new_year(void **state)
{
	struct quiet_seasons s;
	const struct quiet_season *q = NULL;
	int last = -1;

	(void)state;
	quiet_seasons_init(&s);
	quiet_seasons_add(&s, "Retail", 1215, 110);
	assert_false(quiet_seasons_find(&s, "Retail", day("2026-12-14"), &last, &q));
	assert_true(quiet_seasons_find(&s, "retail", day("2026-12-15"), &last, &q));
	assert_int_equal(last, day("2027-01-10"));
	assert_true(quiet_seasons_find(&s, "RETAIL", day("2026-12-31"), &last, &q));
	assert_int_equal(last, day("2027-01-10"));
	assert_true(quiet_seasons_find(&s, "Retail", day("2027-01-01"), &last, &q));
	assert_int_equal(last, day("2027-01-10"));
	assert_true(quiet_seasons_find(&s, "Retail", day("2027-01-10"), &last, &q));
	assert_false(quiet_seasons_find(&s, "Retail", day("2027-01-11"), &last, &q));
	assert_false(quiet_seasons_find(&s, "Food", day("2026-12-20"), &last, &q));
	assert_false(quiet_seasons_find(NULL, "Retail", day("2026-12-20"), &last, &q));
	/* "*" is every segment; the season ending last wins */
	quiet_seasons_add(&s, "*", 1201, 131);
	assert_true(quiet_seasons_find(&s, "Food", day("2026-12-20"), &last, &q));
	assert_int_equal(last, day("2027-01-31"));
	assert_true(quiet_seasons_find(&s, "Retail", day("2026-12-20"), &last, &q));
	assert_int_equal(last, day("2027-01-31"));
	assert_string_equal(q->segment, "*");
	/* a season ending on 02-29 ends on 02-28 in a year without it */
	quiet_seasons_done(&s);
	quiet_seasons_add(&s, "Retail", 220, 229);
	assert_true(quiet_seasons_find(&s, "Retail", day("2027-02-25"), &last, &q));
	assert_int_equal(last, day("2027-02-28"));
	assert_true(quiet_seasons_find(&s, "Retail", day("2028-02-25"), &last, &q));
	assert_int_equal(last, day("2028-02-29"));
	quiet_seasons_done(&s);
}

/* The gate: hold, then an open supply problem, then a quiet season, then
 * "not a good time", each with its end when known; go otherwise. */
static void test_gate(void **state)
{
	struct quiet_seasons s;
	int today = day("2026-12-20");
	struct play_facts f = {.segment = "Retail", .good_time = -1, .try_again = -1};
	struct play_gate g;

	(void)state;
	quiet_seasons_init(&s);
	g = play_gate(&f, today);
	assert_int_equal(g.wait, PLAY_GO);
	assert_int_equal(g.until, -1);
	f.good_time = GOOD_NO;
	f.try_again = today + 5;
	g = play_gate(&f, today);
	assert_int_equal(g.wait, PLAY_WAIT_NOT_A_GOOD_TIME);
	assert_int_equal(g.until, today + 5);
	f.good_time = GOOD_UNSURE;
	assert_int_equal(play_gate(&f, today).wait, PLAY_WAIT_NOT_A_GOOD_TIME);
	f.good_time = GOOD_YES;
	assert_int_equal(play_gate(&f, today).wait, PLAY_GO);
	f.good_time = GOOD_NO;
	f.try_again = today; /* the day to try again has come */
	assert_int_equal(play_gate(&f, today).wait, PLAY_GO);
	f.try_again = today + 5;
	quiet_seasons_add(&s, "Retail", 1215, 110);
	f.seasons = &s;
	g = play_gate(&f, today);
	assert_int_equal(g.wait, PLAY_WAIT_QUIET_SEASON);
	assert_int_equal(g.until, day("2027-01-11"));
	f.supply_problems = 1;
	assert_int_equal(play_gate(&f, today).wait, PLAY_WAIT_OPEN_PROBLEM);
	f.hold = true;
	g = play_gate(&f, today);
	assert_int_equal(g.wait, PLAY_WAIT_HOLD);
	assert_int_equal(g.until, -1);
	assert_string_equal(play_wait_name(PLAY_GO), "go");
	assert_string_equal(play_wait_name(PLAY_WAIT_HOLD), "hold");
	assert_string_equal(play_wait_name(PLAY_WAIT_OPEN_PROBLEM), "open_problem");
	assert_string_equal(play_wait_name(PLAY_WAIT_QUIET_SEASON), "quiet_season");
	assert_string_equal(play_wait_name(PLAY_WAIT_NOT_A_GOOD_TIME), "not_a_good_time");
	/* product and service problems hold plays, a price problem does not */
	assert_true(play_problem_gates(PCAT_PRODUCT));
	assert_true(play_problem_gates(PCAT_SERVICE));
	assert_false(play_problem_gates(PCAT_PRICE));
	/* the verdict and the gate ask "not a good time" the same way */
	assert_true(verdict_not_good_time(GOOD_NO, today + 1, today));
	assert_false(verdict_not_good_time(GOOD_NO, -1, today));
	assert_false(verdict_not_good_time(-1, today + 1, today));
	quiet_seasons_done(&s);
}

static void test_held(void **state)
{
	struct hold quadrant = {true, "low advocacy", false}, by_hand = {true, "set by hand", true};
	struct hold open = {false, "advocacy high and plan met", false};

	(void)state;
	assert_true(play_held(ACCT_ACTIVE, &quadrant));
	assert_true(play_held(ACCT_ACTIVE, &by_hand));
	assert_false(play_held(ACCT_ACTIVE, &open));
	/* a lost account's quadrant holds nothing: only a hold set by hand */
	assert_false(play_held(ACCT_LOST, &quadrant));
	assert_true(play_held(ACCT_LOST, &by_hand));
	assert_false(play_held(ACCT_PROSPECT, &quadrant));
}

static void test_plays_of(void **state)
{
	int today = 1000;
	struct play_source s = {
		.status = ACCT_ACTIVE,
		.quadrant = QUAD_GROW,
		.has_wallet = true,
		.wallet = 100,
		.revenue = 40,
		.checkin_due = -1,
		.winback_due = -1,
	};

	(void)state;
	assert_int_equal(plays_of(&s, today), 1u << PLAY_UPSELL);
	s.wallet = 40; /* no headroom */
	assert_int_equal(plays_of(&s, today), 0);
	s.has_wallet = false;
	s.wallet = 0;
	assert_int_equal(plays_of(&s, today), 0);
	s.passives = 1;
	assert_int_equal(plays_of(&s, today), 1u << PLAY_CROSS_SELL);
	s.quadrant = QUAD_PROTECT;
	s.to_ask = 2;
	assert_int_equal(plays_of(&s, today), 1u << PLAY_CROSS_SELL | 1u << PLAY_REFERRAL_ASK);
	s.quadrant = QUAD_GROW; /* referral asks are protect's */
	assert_int_equal(plays_of(&s, today), 1u << PLAY_CROSS_SELL);
	s.passives = 0;
	s.checkin_due = today + 1;
	assert_int_equal(plays_of(&s, today), 0);
	s.checkin_due = today;
	assert_int_equal(plays_of(&s, today), 1u << PLAY_CHECKIN);
	s.winback_due = today; /* an active account has no win-back */
	assert_int_equal(plays_of(&s, today), 1u << PLAY_CHECKIN);
	s.status = ACCT_LOST;
	assert_int_equal(plays_of(&s, today), 1u << PLAY_WINBACK_REVIEW);
	s.winback_due = today + 1;
	assert_int_equal(plays_of(&s, today), 0);
	assert_string_equal(play_kind_name(PLAY_CROSS_SELL), "cross_sell");
	assert_int_equal(play_kind_from_name("winback_review"), PLAY_WINBACK_REVIEW);
	assert_int_equal(play_kind_from_name("nope"), -1);
	assert_string_equal(play_kind_title(PLAY_REFERRAL_ASK), "Referral ask");
}

/* Promoters in the window, not asked in the last referral_days days. */
static void test_referral_due(void **state)
{
	struct rules r;
	int today = day("2026-11-20");

	(void)state;
	rules_defaults(&r);
	assert_true(referral_due(&r, today, today - 10, 9, -1));
	assert_true(referral_due(&r, today, today - 10, 10, -1));
	assert_false(referral_due(&r, today, today - 10, 8, -1));
	/* the window's first day is in, the day before is not */
	assert_true(referral_due(&r, today, today - r.window_days + 1, 10, -1));
	assert_false(referral_due(&r, today, today - r.window_days, 10, -1));
	/* asked 179 days ago: still asked lately; 180 days ago: ask again */
	assert_false(referral_due(&r, today, today - 10, 10, today - 179));
	assert_true(referral_due(&r, today, today - 10, 10, today - 180));
	assert_false(referral_due(&r, today, today - 10, 10, today));
	r.referral_days = 30;
	assert_true(referral_due(&r, today, today - 10, 10, today - 30));
	/* a candidate whatever the last ask: a promoter's answer in the window */
	assert_true(referral_candidate(&r, today, today - 10, 9));
	assert_false(referral_candidate(&r, today, today - 10, 8));
	assert_false(referral_candidate(&r, today, today - r.window_days, 10));
	assert_false(referral_candidate(&r, today, today + 1, 10));
	assert_true(referral_open(REFERRAL_PENDING));
	assert_true(referral_open(REFERRAL_MET));
	assert_false(referral_open(REFERRAL_WON));
	assert_false(referral_open(REFERRAL_LOST));
	assert_int_equal(referral_outcome_from_name("met"), REFERRAL_MET);
	assert_int_equal(referral_outcome_from_name("Met"), -1);
	assert_string_equal(referral_outcome_name(REFERRAL_LOST), "lost");
}

/* Reviews every N days after the loss; a review note covers the review due
 * up to AGENDA_CHECKIN_SLACK days after it, and every one before. */
static void test_winback_due(void **state)
{
	int lost = 1000, step = 0;

	(void)state;
	assert_int_equal(agenda_winback_due(lost, 90, -1, &step), 1090);
	assert_int_equal(step, 1);
	/* a note on the day it was lost covers nothing */
	assert_int_equal(agenda_winback_due(lost, 90, lost, &step), 1090);
	/* a note a few days early covers that review */
	assert_int_equal(agenda_winback_due(lost, 90, 1090 - AGENDA_CHECKIN_SLACK, &step), 1180);
	assert_int_equal(step, 2);
	assert_int_equal(agenda_winback_due(lost, 90, 1090 - AGENDA_CHECKIN_SLACK - 1, &step),
			 1090);
	/* a late one covers every review before it */
	assert_int_equal(agenda_winback_due(lost, 90, 1300, &step), 1360);
	assert_int_equal(step, 4);
	assert_int_equal(agenda_winback_due(lost, 30, -1, NULL), 1030);
	assert_int_equal(agenda_winback_due(lost, 0, -1, NULL), 1001);
	assert_string_equal(agenda_kind_name(AGENDA_WINBACK), "winback");
	assert_string_equal(agenda_kind_title(AGENDA_WINBACK), "Win-back review");
}

static void test_followup_timing(void **state)
{
	struct rules r;
	int today = 2000, responded = 1990; /* due 1992 with loop_close_days 2 */

	(void)state;
	rules_defaults(&r);
	assert_int_equal(followup_timing(&r, today, responded, 7, -1), FOLLOWUP_UNASKED);
	assert_int_equal(followup_timing(&r, today, responded, 6, 1992), FOLLOWUP_ON_TIME);
	assert_int_equal(followup_timing(&r, today, responded, 0, 1990), FOLLOWUP_ON_TIME);
	assert_int_equal(followup_timing(&r, today, responded, 6, 1993), FOLLOWUP_LATE);
	assert_int_equal(followup_timing(&r, today, responded, 6, -1), FOLLOWUP_LATE);
	assert_int_equal(followup_timing(&r, 1992, responded, 6, -1), FOLLOWUP_WAITING);
	assert_int_equal(followup_timing(&r, 1993, responded, 6, -1), FOLLOWUP_LATE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_season_parse), cmocka_unit_test(test_season_across_new_year),
		cmocka_unit_test(test_gate),         cmocka_unit_test(test_held),
		cmocka_unit_test(test_plays_of),     cmocka_unit_test(test_referral_due),
		cmocka_unit_test(test_winback_due),  cmocka_unit_test(test_followup_timing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The follow-up rule (followup.h): which detractor responses wait, at the
 * edges of the window and of loop_close_days, and what closes them. */
#include "testutil.h"

#include "acctplan/date.h"
#include "acctplan/followup.h"

static int day(const char *s)
{
	int d = 0;
	assert_true(date_parse(s, &d));
	return d;
}

static enum followup_state state_of(const struct rules *r, const char *today, const char *on,
				    int score, bool linked, bool buyer, int *due)
{
	struct followup_facts f = {day(on), score, linked, buyer};

	return followup_state(r, day(today), &f, due);
}

static void test_only_detractors(void **state)
{
	struct rules r;

	(void)state;
	rules_defaults(&r);
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-10", 7, false, false, NULL),
			 FOLLOWUP_NONE);
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-10", 10, false, false, NULL),
			 FOLLOWUP_NONE);
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-10", 6, false, false, NULL),
			 FOLLOWUP_OVERDUE);
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-10", 0, false, false, NULL),
			 FOLLOWUP_OVERDUE);
}

/* window_days 365 ending 2026-11-20: the first day in it is 2025-11-21. */
static void test_window_edges(void **state)
{
	struct rules r;
	int due = 0;

	(void)state;
	rules_defaults(&r);
	assert_int_equal(state_of(&r, "2026-11-20", "2025-11-21", 3, false, false, &due),
			 FOLLOWUP_OVERDUE);
	assert_int_equal(due, day("2025-11-23"));
	/* the day before the window: history, never due */
	assert_int_equal(state_of(&r, "2026-11-20", "2025-11-20", 3, false, false, NULL),
			 FOLLOWUP_NONE);
	/* Stanwick's 2025-04-16: long out of the window */
	assert_int_equal(state_of(&r, "2026-11-20", "2025-04-16", 2, false, false, NULL),
			 FOLLOWUP_NONE);
	/* a date after today (a typo, a clock) is not in the window either */
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-21", 2, false, false, NULL),
			 FOLLOWUP_NONE);
	r.window_days = 1;
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-20", 2, false, false, NULL),
			 FOLLOWUP_DUE);
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-19", 2, false, false, NULL),
			 FOLLOWUP_NONE);
}

/* loop_close_days 2: a response of the 18th is due on the 20th, overdue
 * on the 21st. */
static void test_due_and_overdue(void **state)
{
	struct rules r;
	int due = 0;

	(void)state;
	rules_defaults(&r);
	assert_int_equal(state_of(&r, "2026-11-18", "2026-11-18", 4, false, false, &due),
			 FOLLOWUP_DUE);
	assert_int_equal(due, day("2026-11-20"));
	assert_int_equal(state_of(&r, "2026-11-20", "2026-11-18", 4, false, false, NULL),
			 FOLLOWUP_DUE);
	assert_int_equal(state_of(&r, "2026-11-21", "2026-11-18", 4, false, false, NULL),
			 FOLLOWUP_OVERDUE);
	r.loop_close_days = 0;
	assert_int_equal(state_of(&r, "2026-11-18", "2026-11-18", 4, false, false, NULL),
			 FOLLOWUP_DUE);
	assert_int_equal(state_of(&r, "2026-11-19", "2026-11-18", 4, false, false, NULL),
			 FOLLOWUP_OVERDUE);
}

static void test_what_closes(void **state)
{
	struct rules r;

	(void)state;
	rules_defaults(&r);
	assert_int_equal(state_of(&r, "2026-11-20", "2026-10-01", 3, true, false, NULL),
			 FOLLOWUP_DONE);
	/* "Rang Tomasz after his 3": a call note with the buyer closes it */
	assert_int_equal(state_of(&r, "2026-11-20", "2026-10-01", 3, false, true, NULL),
			 FOLLOWUP_DONE);
	assert_true(followup_closing_kind(NOTE_FOLLOWUP));
	assert_true(followup_closing_kind(NOTE_CALL));
	assert_false(followup_closing_kind(NOTE_PRECALL));
	assert_false(followup_closing_kind(NOTE_GENERAL));
	/* closed is closed even when history: but history asks nothing */
	assert_int_equal(state_of(&r, "2026-11-20", "2024-10-01", 3, true, false, NULL),
			 FOLLOWUP_NONE);
	assert_string_equal(followup_state_name(FOLLOWUP_OVERDUE), "overdue");
	assert_string_equal(followup_state_name(FOLLOWUP_NONE), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_detractors),
		cmocka_unit_test(test_window_edges),
		cmocka_unit_test(test_due_and_overdue),
		cmocka_unit_test(test_what_closes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The pure rules behind the closed loop's commands: the problem lifecycle,
 * what is due on the agenda and in which order, the brief's advice, and the
 * defect ranking on hand-computed examples. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "acctplan/agenda.h"
#include "acctplan/verdict.h"
#include "acctplan/date.h"
#include "acctplan/defect_rank.h"
#include "acctplan/followup.h"
#include "acctplan/problem.h"

#define N(a) (sizeof(a) / sizeof(*(a)))
#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* ---- the problem lifecycle ------------------------------------------ */

/* A new problem's defaults: what was asked wins, then the defect (asked
 * for, else the response's first tag), then the response, then service. */
static void test_problem_defaults(void **state)
{
	struct problem_facts f = {
		.category = -1,
		.tagged = {7, "Claims handling delays", PCAT_SERVICE},
		.response_contact = 42,
		.response_comment = "claims take weeks",
		.account_owner = "Priya",
	};
	struct problem_choice c;

	(void)state;
	/* from a tagged response alone: its tag, buyer, the tag's title */
	assert_true(problem_defaults(&f, &c));
	assert_int_equal(c.defect_id, 7);
	assert_int_equal(c.contact_id, 42);
	assert_string_equal(c.title, "Claims handling delays");
	assert_int_equal(c.category, PCAT_SERVICE);
	assert_string_equal(c.owner, "Priya");
	/* a defect asked for wins over the tag, with its title and category */
	f.asked = (struct problem_defect){9, "Prices up without notice", PCAT_PRICE};
	assert_true(problem_defaults(&f, &c));
	assert_int_equal(c.defect_id, 9);
	assert_string_equal(c.title, "Prices up without notice");
	assert_int_equal(c.category, PCAT_PRICE);
	/* what was asked for wins over every default */
	f.title = "Credit notes late";
	f.category = PCAT_PRODUCT;
	f.contact_id = 5;
	f.owner = "Sam";
	assert_true(problem_defaults(&f, &c));
	assert_string_equal(c.title, "Credit notes late");
	assert_int_equal(c.category, PCAT_PRODUCT);
	assert_int_equal(c.contact_id, 5);
	assert_string_equal(c.owner, "Sam");
	/* no defect: the response's comment, and service */
	f = (struct problem_facts){
		.category = -1, .response_comment = "late again", .account_owner = ""};
	assert_true(problem_defaults(&f, &c));
	assert_int_equal(c.defect_id, 0);
	assert_int_equal(c.contact_id, 0);
	assert_string_equal(c.title, "late again");
	assert_int_equal(c.category, PCAT_SERVICE);
	/* a defect whose category is unknown leaves service */
	f.tagged = (struct problem_defect){3, "Odd", -1};
	assert_true(problem_defaults(&f, &c));
	assert_int_equal(c.category, PCAT_SERVICE);
	assert_string_equal(c.title, "Odd");
	/* no title anywhere: an empty comment is none */
	f = (struct problem_facts){.category = -1, .response_comment = ""};
	assert_false(problem_defaults(&f, &c));
	assert_null(c.title);
	f.title = "";
	assert_false(problem_defaults(&f, &c));
}

static void test_forward_one_step(void **state)
{
	(void)state;
	assert_int_equal(problem_move_check(PSTAT_OPEN, PSTAT_ROOT_CAUSE, false, false), PMOVE_OK);
	assert_int_equal(problem_move_check(PSTAT_ROOT_CAUSE, PSTAT_FIXING, true, false), PMOVE_OK);
	assert_int_equal(problem_move_check(PSTAT_FIXING, PSTAT_RESOLVED, true, false), PMOVE_OK);
	assert_int_equal(problem_move_check(PSTAT_RESOLVED, PSTAT_REPORTED_BACK, true, true),
			 PMOVE_OK);
}

static void test_needs_root_cause_and_report(void **state)
{
	(void)state;
	assert_int_equal(problem_move_check(PSTAT_ROOT_CAUSE, PSTAT_FIXING, false, false),
			 PMOVE_NEEDS_ROOT_CAUSE);
	assert_int_equal(problem_move_check(PSTAT_OPEN, PSTAT_RESOLVED, false, false),
			 PMOVE_NEEDS_ROOT_CAUSE);
	assert_int_equal(problem_move_check(PSTAT_RESOLVED, PSTAT_REPORTED_BACK, true, false),
			 PMOVE_NEEDS_REPORT);
	/* skipping ahead is fine once the cause is known */
	assert_int_equal(problem_move_check(PSTAT_OPEN, PSTAT_RESOLVED, true, false), PMOVE_OK);
}

static void test_loop_closes_only_from_resolved(void **state)
{
	(void)state;
	assert_int_equal(problem_move_check(PSTAT_OPEN, PSTAT_REPORTED_BACK, true, true),
			 PMOVE_NEEDS_RESOLVED);
	assert_int_equal(problem_move_check(PSTAT_FIXING, PSTAT_REPORTED_BACK, true, true),
			 PMOVE_NEEDS_RESOLVED);
	assert_true(problem_is_open(PSTAT_RESOLVED));
	assert_false(problem_is_open(PSTAT_REPORTED_BACK));
}

static void test_back_and_closed(void **state)
{
	int s;

	(void)state;
	assert_int_equal(problem_move_check(PSTAT_RESOLVED, PSTAT_FIXING, true, false), PMOVE_OK);
	assert_int_equal(problem_move_check(PSTAT_FIXING, PSTAT_OPEN, true, false), PMOVE_OK);
	assert_int_equal(problem_move_check(PSTAT_FIXING, PSTAT_FIXING, true, false), PMOVE_SAME);
	for (s = 0; s < PSTAT_COUNT; s++)
		assert_int_equal(
			problem_move_check(PSTAT_REPORTED_BACK, (enum problem_status)s, true, true),
			PMOVE_CLOSED);
	assert_int_equal(problem_move_check(PSTAT_OPEN, (enum problem_status)9, true, true),
			 PMOVE_BAD_STATE);
	/* the domain words it for people, not for one front end's options */
	assert_non_null(strstr(problem_move_message(PMOVE_NEEDS_ROOT_CAUSE), "root cause"));
	assert_null(strstr(problem_move_message(PMOVE_NEEDS_ROOT_CAUSE), "--"));
}

static void test_move_dates(void **state)
{
	struct problem_dates d;

	(void)state;
	d = problem_move_dates(PSTAT_FIXING, PSTAT_RESOLVED);
	assert_true(d.set_resolved);
	assert_false(d.set_reported);
	d = problem_move_dates(PSTAT_RESOLVED, PSTAT_REPORTED_BACK);
	assert_false(d.set_resolved); /* keeps the day it was resolved */
	assert_true(d.set_reported);
	d = problem_move_dates(PSTAT_RESOLVED, PSTAT_FIXING);
	assert_true(d.clear_resolved);
	d = problem_move_dates(PSTAT_OPEN, PSTAT_ROOT_CAUSE);
	assert_false(d.set_resolved);
}

/* ---- the agenda ------------------------------------------------------ */

static int day(const char *s)
{
	int d = 0;
	assert_true(date_parse(s, &d));
	return d;
}

static void test_followup_due(void **state)
{
	struct rules r;

	(void)state;
	rules_defaults(&r);
	assert_int_equal(followup_due(&r, day("2026-11-18")), day("2026-11-20"));
	r.loop_close_days = 0;
	assert_int_equal(followup_due(&r, day("2026-11-18")), day("2026-11-18"));
	assert_true(agenda_in_range(day("2026-11-20"), day("2026-11-20"), 0));
	assert_false(agenda_in_range(day("2026-11-21"), day("2026-11-20"), 0));
	assert_true(agenda_in_range(day("2026-11-21"), day("2026-11-20"), 1));
}

static void test_next_contact(void **state)
{
	(void)state;
	/* the note that set the date was written before it: still pending */
	assert_true(agenda_next_contact_pending(day("2026-12-01"), day("2026-11-19")));
	/* a note on the day clears it */
	assert_false(agenda_next_contact_pending(day("2026-12-01"), day("2026-12-01")));
	assert_true(agenda_next_contact_pending(day("2026-12-01"), -1));
}

static void test_checkins(void **state)
{
	int won = day("2026-09-03"), due[AGENDA_CHECKINS], step[AGENDA_CHECKINS], n;
	int logged[] = {day("2026-09-10"), day("2026-10-05")};
	int early[] = {day("2026-09-07")}; /* +4: three days' slack before +7 */
	int too_early[] = {day("2026-09-05")};

	(void)state;
	/* nothing logged, 100 days on: all three due, oldest first */
	n = agenda_checkins_due(won, NULL, 0, won + 100, due, step);
	assert_int_equal(n, 3);
	assert_int_equal(due[0], won + 7);
	assert_int_equal(due[1], won + 30);
	assert_int_equal(due[2], won + 90);
	assert_int_equal(step[2], 2);
	/* not yet due */
	assert_int_equal(agenda_checkins_due(won, NULL, 0, won + 6, due, step), 0);
	/* +7 and +30 made; on 2026-11-20 the +90 (12-02) is not due yet */
	assert_int_equal(agenda_checkins_due(won, logged, N(logged), day("2026-11-20"), due, step),
			 0);
	n = agenda_checkins_due(won, logged, N(logged), day("2026-12-02"), due, step);
	assert_int_equal(n, 1);
	assert_int_equal(due[0], day("2026-12-02"));
	/* a call within the slack counts; earlier does not */
	assert_int_equal(agenda_checkins_due(won, early, 1, won + 7, due, step), 0);
	assert_int_equal(agenda_checkins_due(won, too_early, 1, won + 7, due, step), 1);
}

static void test_agenda_order(void **state)
{
	struct agenda_item it[] = {
		{.kind = AGENDA_REPORT_BACK, .due = 10, .account = "R"},
		{.kind = AGENDA_FOLLOWUP, .due = 12, .priority = {0, 100}, .account = "F-late"},
		{.kind = AGENDA_CHECKIN, .due = 5, .account = "C"},
		{.kind = AGENDA_FOLLOWUP, .due = 11, .priority = {3, 900}, .account = "F-old"},
		{.kind = AGENDA_NEXT_CONTACT, .due = 1, .account = "N"},
		/* same day: priority decides (repair group 0 before protect 3,
		 * then the larger revenue first) */
		{.kind = AGENDA_FOLLOWUP, .due = 12, .priority = {0, 500}, .account = "F-big"},
		{.kind = AGENDA_FOLLOWUP, .due = 12, .priority = {3, 999}, .account = "F-protect"},
	};
	static const char *const want[] = {"F-old", "F-big", "F-late", "F-protect", "N", "C", "R"};
	size_t i;

	(void)state;
	agenda_sort(it, N(it));
	for (i = 0; i < N(it); i++)
		assert_string_equal(it[i].account, want[i]);
	assert_string_equal(agenda_kind_name(AGENDA_NEXT_CONTACT), "next_contact");
}

/* Same kind, day and priority: names in any case, as every list (and
 * SQL's NOCASE) orders them; "acme" comes before "Beta" and "beta". */
static void test_agenda_ties_any_case(void **state)
{
	struct agenda_item it[] = {
		{.kind = AGENDA_FOLLOWUP, .due = 3, .account = "Beta", .ref_id = 1},
		{.kind = AGENDA_FOLLOWUP, .due = 3, .account = "acme", .ref_id = 2},
		{.kind = AGENDA_FOLLOWUP, .due = 3, .account = "beta", .ref_id = 3},
	};
	size_t i;
	static const char *const want[] = {"acme", "Beta", "beta"};

	(void)state;
	agenda_sort(it, N(it));
	for (i = 0; i < N(it); i++)
		assert_string_equal(it[i].account, want[i]);
}

/* ---- the brief ------------------------------------------------------- */

static struct verdict_facts facts(enum quadrant q, bool hold)
{
	struct verdict_facts f = {
		q,     {hold, hold ? "low advocacy" : "advocacy high and plan met", false},
		false, 0,
		0,     0,
		-1,    -1,
		-1,    -1};
	return f;
}

static void test_brief_instead(void **state)
{
	struct strbuf sb;
	struct verdict_facts f = facts(QUAD_REPAIR, true);

	(void)state;
	strbuf_init(&sb);
	f.open_problems = 2;
	f.open_conditions = 1;
	f.followups_due = 1;
	verdict_instead(&sb, &f);
	assert_non_null(strstr(sb.buf, "detractor still waiting"));
	assert_non_null(strstr(sb.buf, "2 open problems"));
	assert_non_null(strstr(sb.buf, "root causes"));
	assert_non_null(strstr(sb.buf, "1 open readiness condition"));
	strbuf_reset(&sb);
	f = facts(QUAD_NO_FEEDBACK, true);
	verdict_instead(&sb, &f);
	assert_non_null(strstr(sb.buf, "feedback"));
	strbuf_reset(&sb);
	f = facts(QUAD_GROW, true);
	f.manual = true;
	verdict_instead(&sb, &f);
	assert_non_null(strstr(sb.buf, "set by hand"));
	strbuf_done(&sb);
}

/* The verdict for each case, and which wins when several apply. */
static void test_verdict(void **state)
{
	int today = day("2026-11-20");
	struct verdict_facts f = facts(QUAD_GROW, false);
	struct verdict_result r;

	(void)state;
	r = verdict_decide(&f, today);
	assert_int_equal(r.verdict, VERDICT_PITCH);
	assert_string_equal(verdict_name(r.verdict), "pitch");
	/* "no, on vacation, try again on 2026-12-01": wait */
	f.good_time = GOOD_NO;
	f.good_reason = REASON_VACATION;
	f.try_again = day("2026-12-01");
	r = verdict_decide(&f, today);
	assert_int_equal(r.verdict, VERDICT_WAIT);
	assert_int_equal(r.until, day("2026-12-01"));
	assert_int_equal(r.reason, REASON_VACATION);
	/* the day comes: no longer waiting */
	r = verdict_decide(&f, day("2026-12-01"));
	assert_int_equal(r.verdict, VERDICT_PITCH);
	/* unsure waits too; yes does not, whatever the date */
	f.good_time = GOOD_UNSURE;
	assert_int_equal(verdict_decide(&f, today).verdict, VERDICT_WAIT);
	f.good_time = GOOD_YES;
	assert_int_equal(verdict_decide(&f, today).verdict, VERDICT_PITCH);
	/* a no without a date to try again does not wait */
	f.good_time = GOOD_NO;
	f.try_again = -1;
	assert_int_equal(verdict_decide(&f, today).verdict, VERDICT_PITCH);
	/* a check-in due by today */
	f.checkin_due = day("2026-11-19");
	r = verdict_decide(&f, today);
	assert_int_equal(r.verdict, VERDICT_CHECK_IN);
	assert_int_equal(r.until, day("2026-11-19"));
	f.checkin_due = day("2026-11-21");
	assert_int_equal(verdict_decide(&f, today).verdict, VERDICT_PITCH);
	/* waiting beats a check-in; a hold beats everything */
	f.checkin_due = day("2026-11-19");
	f.try_again = day("2026-11-25");
	assert_int_equal(verdict_decide(&f, today).verdict, VERDICT_WAIT);
	f.hold.on = true;
	assert_int_equal(verdict_decide(&f, today).verdict, VERDICT_DO_NOT_PITCH);
	assert_string_equal(verdict_name(VERDICT_DO_NOT_PITCH), "do_not_pitch");
	assert_string_equal(verdict_name(VERDICT_CHECK_IN), "check_in");
}

/* ---- defect ranking, by hand ----------------------------------------
 * Eight responses: 0 2 4 6 8 10 10 10 (sum 50).
 *   P tags 0 and 2:  freq 2/8 = .25, severity 48/6 - 2/2 = 8 - 1 = 7,
 *                    impact 1.75
 *   Q tags 4 and 6:  freq .25, severity 40/6 - 5 = 1.6667, impact .41667
 *   R tags 0 and 2:  the same numbers as P: a tie, broken by code
 *   S tags nothing:  freq 0, severity unknown, impact 0
 *   T tags all 8:    freq 1, severity unknown, impact 0; before S (freq)
 *   U tags 10 only:  freq .125, severity 40/7 - 10 = -4.2857, impact
 *                    -.5357: last
 */
static void test_rank_by_hand(void **state)
{
	struct defect_stat d[] = {
		{.id = 6, .code = "U", .tagged = 1, .tagged_sum = 10},
		{.id = 3, .code = "R", .tagged = 2, .tagged_sum = 2},
		{.id = 4, .code = "S", .tagged = 0, .tagged_sum = 0},
		{.id = 5, .code = "T", .tagged = 8, .tagged_sum = 50},
		{.id = 2, .code = "Q", .tagged = 2, .tagged_sum = 10},
		{.id = 1, .code = "P", .tagged = 2, .tagged_sum = 2},
	};
	static const char *const want[] = {"P", "R", "Q", "T", "S", "U"};
	size_t i;

	(void)state;
	defect_rank(d, N(d), 8, 50);
	for (i = 0; i < N(d); i++)
		assert_string_equal(d[i].code, want[i]);
	near(d[0].frequency, 0.25);
	near(d[0].severity, 7.0);
	near(d[0].impact, 1.75);
	near(d[1].impact, 1.75);
	near(d[2].severity, 40.0 / 6 - 5);
	near(d[2].impact, 0.25 * (40.0 / 6 - 5));
	assert_false(d[3].severity_known);
	near(d[3].frequency, 1.0);
	near(d[3].impact, 0.0);
	assert_false(d[4].severity_known);
	near(d[4].frequency, 0.0);
	near(d[5].severity, 40.0 / 7 - 10);
	assert_true(d[5].impact < 0);
	assert_int_equal(d[0].id, 1); /* the caller's key travels with the row */
}

static void test_rank_empty_window(void **state)
{
	struct defect_stat d[] = {{.id = 1, .code = "B"}, {.id = 2, .code = "A"}};

	(void)state;
	defect_rank(d, N(d), 0, 0);
	assert_string_equal(d[0].code, "A");
	near(d[0].frequency, 0.0);
	assert_false(d[0].severity_known);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problem_defaults),
		cmocka_unit_test(test_forward_one_step),
		cmocka_unit_test(test_needs_root_cause_and_report),
		cmocka_unit_test(test_loop_closes_only_from_resolved),
		cmocka_unit_test(test_back_and_closed),
		cmocka_unit_test(test_move_dates),
		cmocka_unit_test(test_followup_due),
		cmocka_unit_test(test_next_contact),
		cmocka_unit_test(test_checkins),
		cmocka_unit_test(test_agenda_order),
		cmocka_unit_test(test_agenda_ties_any_case),
		cmocka_unit_test(test_brief_instead),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_rank_by_hand),
		cmocka_unit_test(test_rank_empty_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Dates: strict YYYY-MM-DD parsing, leap years, day arithmetic and the
 * ACCTPLAN_TODAY pin. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "acctplan/date.h"

static bool parses(const char *s)
{
	int d;
	return date_parse(s, &d);
}

static void test_epoch_and_known_days(void **state)
{
	int d;

	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 3, 1) - date_from_ymd(2000, 2, 28), 2);
	assert_int_equal(date_from_ymd(2100, 3, 1) - date_from_ymd(2100, 2, 28), 1);
	assert_true(date_parse("2026-11-20", &d));
	assert_int_equal(d, 20777);
	assert_int_equal(date_from_ymd(2026, 11, 20) - date_from_ymd(2025, 11, 20), 365);
}

static void test_leap_days(void **state)
{
	(void)state;
	assert_true(parses("2024-02-29"));
	assert_true(parses("2000-02-29"));  /* divisible by 400 */
	assert_false(parses("1900-02-29")); /* divisible by 100 */
	assert_false(parses("2100-02-29"));
	assert_false(parses("2023-02-29"));
	assert_false(parses("2024-02-30"));
	assert_true(parses("2023-02-28"));
}

static void test_bad_dates(void **state)
{
	int d = 12345;

	(void)state;
	assert_false(parses("2026-13-01"));
	assert_false(parses("2026-00-10"));
	assert_false(parses("2026-04-31"));
	assert_false(parses("2026-04-00"));
	assert_false(parses("2026-1-01"));
	assert_false(parses("2026-01-1"));
	assert_false(parses("2026/01/01"));
	assert_false(parses("2026-01-01 "));
	assert_false(parses(" 2026-01-01"));
	assert_false(parses("2026-01-01T00:00"));
	assert_false(parses("20260101"));
	assert_false(parses("+026-01-01"));
	assert_false(parses("2026-0a-01"));
	assert_false(parses("2026-\xd9\xa1-01"));
	assert_false(parses(""));
	assert_false(parses(NULL));
	assert_false(parses("1899-12-31"));
	assert_true(parses("1900-01-01"));
	assert_true(parses("9999-12-31"));
	/* a failed parse leaves the output alone */
	assert_false(date_parse("2026-02-30", &d));
	assert_int_equal(d, 12345);
}

static void test_round_trip(void **state)
{
	int day, y, m, d, back;
	char buf[DATE_LEN];

	(void)state;
	for (day = date_from_ymd(1900, 1, 1); day <= date_from_ymd(2400, 12, 31); day += 7) {
		date_to_ymd(day, &y, &m, &d);
		assert_int_equal(date_from_ymd(y, m, d), day);
		date_format(day, buf);
		assert_int_equal(strlen(buf), 10);
		assert_true(date_parse(buf, &back));
		assert_int_equal(back, day);
	}
	/* the digits as printf() writes them, leading zeros and all */
	for (day = date_from_ymd(1, 1, 1); day <= date_from_ymd(9999, 12, 31); day += 11) {
		char want[48];

		date_to_ymd(day, &y, &m, &d);
		snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
		date_format(day, buf);
		assert_string_equal(buf, want);
	}
	date_format(date_from_ymd(987, 6, 5), buf);
	assert_string_equal(buf, "0987-06-05");
	date_format(date_from_ymd(2024, 2, 29), buf);
	assert_string_equal(buf, "2024-02-29");
	date_format(date_from_ymd(1999, 12, 31) + 1, buf);
	assert_string_equal(buf, "2000-01-01");
}

static void test_today_pinned(void **state)
{
	int d = 0;

	(void)state;
	setenv("ACCTPLAN_TODAY", "2024-02-29", 1);
	assert_int_equal(date_today(&d), STATUS_OK);
	assert_int_equal(d, date_from_ymd(2024, 2, 29));

	setenv("ACCTPLAN_TODAY", "2023-02-29", 1);
	assert_int_equal(date_today(&d), STATUS_BAD_INPUT);
	assert_contains(status_detail(), "ACCTPLAN_TODAY");

	setenv("ACCTPLAN_TODAY", "tomorrow", 1);
	assert_int_equal(date_today(&d), STATUS_BAD_INPUT);

	unsetenv("ACCTPLAN_TODAY");
	assert_int_equal(date_today(&d), STATUS_OK);
	assert_true(d > date_from_ymd(2020, 1, 1));
}

/* A stamp carries the pinned day, and a new pin shows in the next stamp
 * even within the same second (the stamp of a second is kept). */
static void test_stamp_follows_the_pin(void **state)
{
	char a[DATE_STAMP_LEN], b[DATE_STAMP_LEN];

	(void)state;
	setenv("ACCTPLAN_TODAY", "2026-11-20", 1);
	date_stamp(a);
	assert_int_equal(strncmp(a, "2026-11-20 ", 11), 0);
	assert_int_equal(strlen(a), 19);
	setenv("ACCTPLAN_TODAY", "2026-11-21", 1);
	date_stamp(b);
	assert_int_equal(strncmp(b, "2026-11-21 ", 11), 0);
	setenv("ACCTPLAN_TODAY", "2026-11-20", 1);
	assert_int_equal(strncmp(date_stamp(b), "2026-11-20 ", 11), 0);
	unsetenv("ACCTPLAN_TODAY");
}

static void test_quarters(void **state)
{
	(void)state;
	assert_int_equal(date_quarter(date_from_ymd(2026, 3, 31)) + 1,
			 date_quarter(date_from_ymd(2026, 4, 1)));
	assert_int_equal(date_quarter(date_from_ymd(2026, 1, 1)),
			 date_quarter(date_from_ymd(2026, 3, 31)));
	assert_int_equal(date_quarter(date_from_ymd(2026, 12, 31)) + 1,
			 date_quarter(date_from_ymd(2027, 1, 1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_known_days),
		cmocka_unit_test(test_leap_days),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_today_pinned),
		cmocka_unit_test(test_stamp_follows_the_pin),
		cmocka_unit_test(test_quarters),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}

/* Values from exports and from people: money, survey dates, relative days,
 * NPS scores, bounded whole numbers, and accent- and case-blind folding. */
#include <stdlib.h>

#include "testutil.h"

#include "acctplan/date.h"
#include "acctplan/parse.h"
#include "acctplan/strbuf.h"

#define YMD(y, m, d) date_from_ymd(y, m, d)

/* parse_money(s) must give want. */
static void money_is(const char *s, int64_t want)
{
	int64_t v = -1;
	enum status st = parse_money(s, &v);

	if (st != STATUS_OK || v != want) {
		print_error("parse_money(\"%s\") = %d, %lld (%s); expected %lld\n", s, st,
			    (long long)v, status_detail(), (long long)want);
		fail();
	}
}

/* parse_money(s) must fail with a reason containing why. */
static void money_bad(const char *s, const char *why)
{
	int64_t v = 12345;
	enum status st = parse_money(s, &v);

	if (st != STATUS_BAD_INPUT) {
		print_error("parse_money(\"%s\") = %d (%lld); expected STATUS_BAD_INPUT\n", s, st,
			    (long long)v);
		fail();
	}
	assert_int_equal(v, 12345);
	assert_contains(status_detail(), why);
}

static void test_money_plain_and_us(void **state)
{
	(void)state;
	money_is("1250000", 1250000);
	money_is("0", 0);
	money_is("007", 7);
	money_is("1,250,000", 1250000);
	money_is("$1,250,000.00", 1250000);
	money_is("$1,250,000.49", 1250000);
	money_is("$1,250,000.50", 1250001); /* half up */
	money_is("$1,250,000.5", 1250001);
	money_is("1250000.99", 1250001);
	money_is("  $ 1,250  ", 1250);
	money_is("USD 1250000", 1250000);
	money_is("USD1250000", 1250000);
	money_is("1250000 USD", 1250000);
	money_is("1250000USD", 1250000);
	money_is("US$1,250", 1250);
	money_is("$1,250 USD", 1250);
	money_is("\xC2\xA3"
		 "12",
		 12); /* £12 */
	money_is("\xC2\xA5"
		 "5,000",
		 5000); /* ¥5,000 */
	money_is("1.99999999999999999999", 2);
	money_is("1,000,000,000,000,000", PARSE_MONEY_MAX);
}

static void test_money_european_and_ambiguous(void **state)
{
	(void)state;
	money_is("1.250.000,00 \xE2\x82\xAC", 1250000); /* 1.250.000,00 € */
	money_is("\xE2\x82\xAC 1.250.000,00", 1250000); /* € 1.250.000,00 */
	money_is("1.250.000,50\xE2\x82\xAC", 1250001);
	money_is("EUR 1.250.000", 1250000);
	money_is("1 250 000", 1250000);
	money_is("1\xC2\xA0"
		 "250\xC2\xA0"
		 "000,50 \xE2\x82\xAC",
		 1250001); /* no-break spaces */
	money_is("1\xE2\x80\xAF"
		 "250",
		 1250); /* narrow no-break */
	money_is("\xC2\xA0"
		 "1250\xC2\xA0",
		 1250);
	money_is("\xC2\xA0$1250 \xC2\xA0USD\xC2\xA0", 1250);
	money_is("1 250,49", 1250);
	money_is("1'250'000", 1250000);
	/* one mark that groups thousands correctly groups them */
	money_is("1,250", 1250);
	money_is("1.250", 1250);
	money_is("12.345", 12345);
	/* otherwise a single mark is the decimal mark */
	money_is("1250,5", 1251);
	money_is("1,25", 1);
	money_is("1,2500", 1);
	money_is("0.125", 0);
	money_is("0.5", 1);
	money_is("1250.000", 1250);
	money_is("1234,567", 1235);
	/* both marks: the last is the decimal mark */
	money_is("1.250,000", 1250);
	money_is("1,250.5", 1251);
	money_is("1 250,500", 1251);
	money_is("1'250.50", 1251);
}

static void test_money_refused(void **state)
{
	int64_t v = 99;

	(void)state;
	assert_int_equal(parse_money("", &v), STATUS_NOT_FOUND);
	assert_int_equal(parse_money("   ", &v), STATUS_NOT_FOUND);
	assert_int_equal(parse_money("\t\r\n", &v), STATUS_NOT_FOUND);
	assert_int_equal(v, 99);

	money_bad("$-5", "negative");
	money_bad("-5", "negative");
	money_bad("-$5", "negative");
	money_bad("($5)", "negative");
	money_bad("5-", "negative");
	money_bad("\xE2\x88\x92"
		  "5",
		  "negative"); /* U+2212 minus sign */
	money_bad("1e40", "scientific notation");
	money_bad("1.2E+06", "scientific notation");
	money_bad("$1.25e-3", "scientific notation");
	money_bad("12e", "expected an amount");
	money_bad("1000000000000001", "too large");
	money_bad("1000000000000000.5", "too large");
	money_bad("99999999999999999999999999", "too large");
	money_bad("12,50,000", "group three digits");
	money_bad("1,2345,678", "group three digits");
	money_bad("01,250,000", "group three digits");
	money_is("01,250", 1); /* not thousands, so a decimal comma */
	money_bad("1.250,000.00", "expected an amount");
	money_bad("1,250 000", "expected an amount");
	money_bad("1,,250", "expected an amount");
	money_bad("1,250,", "expected an amount");
	money_bad(",5", "expected an amount");
	money_bad(".5", "expected an amount");
	money_bad("$", "expected an amount");
	money_bad("USD", "expected an amount");
	money_bad("abc", "expected an amount");
	money_bad("12abc", "expected an amount");
	money_bad("1.2M", "expected an amount");
	money_bad("usd 5", "expected an amount");
	money_bad("$$5", "expected an amount");
	money_bad("5 5 5 5", "group three digits");
	money_bad("1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", "expected an amount");
	money_bad("0x1F", "expected an amount");
	money_bad("+5", "expected an amount");
	/* the reason never repeats the input */
	money_bad("\x1b[31mevil", "expected an amount");
	assert_null(strstr(status_detail(), "evil"));
}

/* parse_date(s) must give y-m-d. */
static void date_is(const char *s, int y, int m, int d)
{
	int day = -1;
	enum status st = parse_date(s, &day);

	if (st != STATUS_OK || day != YMD(y, m, d)) {
		print_error("parse_date(\"%s\") = %d, %d (%s); expected %04d-%02d-%02d\n", s, st,
			    day, status_detail(), y, m, d);
		fail();
	}
}

static void date_bad(const char *s, const char *why)
{
	int day = 777;
	enum status st = parse_date(s, &day);

	if (st != STATUS_BAD_INPUT) {
		print_error("parse_date(\"%s\") = %d (%d); expected STATUS_BAD_INPUT\n", s, st,
			    day);
		fail();
	}
	assert_int_equal(day, 777);
	assert_contains(status_detail(), why);
}

static void test_dates_iso(void **state)
{
	(void)state;
	date_is("2026-11-18", 2026, 11, 18);
	date_is(" 2026-11-18 ", 2026, 11, 18);
	date_is("2026-11-18 14:14:09", 2026, 11, 18); /* Qualtrics RecordedDate */
	date_is("2026-11-18 14:14", 2026, 11, 18);
	date_is("2026-11-18 0:05", 2026, 11, 18);
	date_is("2026-11-18T14:14:09", 2026, 11, 18);
	date_is("2026-11-18T14:14:09Z", 2026, 11, 18);
	date_is("2026-11-18T23:59:59.999Z", 2026, 11, 18); /* the day as written */
	date_is("2026-11-18T14:14:09+02:00", 2026, 11, 18);
	date_is("2026-11-18T14:14:09-0500", 2026, 11, 18);
	date_is("2026-11-18T14:14Z", 2026, 11, 18);
	date_is("2024-02-29", 2024, 2, 29);
	date_is("2000-02-29", 2000, 2, 29);
	date_is("1900-01-01", 1900, 1, 1);
	date_is("9999-12-31", 9999, 12, 31);

	date_bad("2023-02-29", "not a day of the calendar");
	date_bad("1900-02-29", "not a day of the calendar");
	date_bad("2026-04-31", "not a day of the calendar");
	date_bad("2026-13-01", "not a day of the calendar");
	date_bad("1899-12-31", "before 1900");
	date_bad("2026-11-18 24:00:00", "time of day");
	date_bad("2026-11-18 23:60", "expected a date");
	date_bad("2026-11-18 23:59:61", "expected a date");
	date_bad("2026-11-18T10:00:00+15:00", "time of day");
	date_bad("2026-11-18T10:00:00+0", "expected a date");
	date_bad("2026-11-18T10:00:00+010", "expected a date");
	date_bad("2026-11-18T10:00:00+01:", "expected a date");
	date_bad("2026-11-18T10:00:00+0160", "time of day");
	date_is("2026-11-18T10:00:00+01", 2026, 11, 18);
	date_bad("2026-11-18 10:00Z", "expected a date"); /* a zone only after T */
	date_bad("2026-11-18x", "expected a date");
	date_bad("2026-11-18T", "expected a date");
	date_bad("2026-11-18 14:14:09.", "expected a date");
	date_bad("2026-1-18", "expected a date");
	date_bad("2026-11-8", "expected a date");
	date_bad("20261118", "expected a date");
	date_bad("18.11.2026", "expected a date");
	date_bad("2026/11/18", "expected a date");
	date_bad("yesterday", "expected a date");
	date_bad("-2026-11-18", "expected a date");
	assert_int_equal(parse_date("", &(int){0}), STATUS_NOT_FOUND);
	assert_int_equal(parse_date("  ", &(int){0}), STATUS_NOT_FOUND);
}

static void test_dates_us(void **state)
{
	(void)state;
	date_is("11/18/2026", 2026, 11, 18);
	date_is("1/5/2026", 2026, 1, 5);
	date_is("01/05/2026", 2026, 1, 5);
	date_is("11/18/2026 2:14:09 PM", 2026, 11, 18); /* SurveyMonkey */
	date_is("11/18/2026 2:14:09 pm", 2026, 11, 18);
	date_is("11/18/2026 2:14 AM", 2026, 11, 18);
	date_is("11/18/2026 2:14PM", 2026, 11, 18);
	date_is("11/18/2026 12:00:00 AM", 2026, 11, 18); /* midnight */
	date_is("11/18/2026 12:30:00 PM", 2026, 11, 18); /* noon */
	date_is("11/18/2026 14:14", 2026, 11, 18);       /* 24-hour, no AM/PM */
	date_is("11/18/2026 0:14:09", 2026, 11, 18);
	date_is("02/29/2024", 2024, 2, 29);

	date_bad("13/01/2026", "month out of range");
	date_bad("13/01/2026", "MM/DD/YYYY");
	date_bad("00/10/2026", "month out of range");
	date_bad("02/29/2026", "not a day of the calendar");
	date_bad("11/31/2026", "not a day of the calendar");
	date_bad("11/00/2026", "not a day of the calendar");
	date_bad("11/18/26", "four-digit year");
	date_bad("11/18/02026", "four-digit year");
	date_bad("11/18/2026 0:30 AM", "time of day");
	date_bad("11/18/2026 13:30 PM", "time of day");
	date_bad("11/18/2026 24:00", "time of day");
	date_bad("11/18/2026 2:14:09 XM", "expected a date");
	date_bad("11/18/2026 2:14:09 PM EST", "expected a date");
	date_bad("11/18/2026T2:14", "expected a date");
	date_bad("111/18/2026", "expected a date");
	date_bad("11-18-2026", "expected a date");
}

static void test_day_relative(void **state)
{
	int today = YMD(2026, 11, 20), day = 0;

	(void)state;
	assert_int_equal(parse_day("today", today, &day), STATUS_OK);
	assert_int_equal(day, today);
	assert_int_equal(parse_day(" TODAY ", today, &day), STATUS_OK);
	assert_int_equal(day, today);
	assert_int_equal(parse_day("yesterday", today, &day), STATUS_OK);
	assert_int_equal(day, YMD(2026, 11, 19));
	assert_int_equal(parse_day("Tomorrow", today, &day), STATUS_OK);
	assert_int_equal(day, YMD(2026, 11, 21));
	assert_int_equal(parse_day("+7", today, &day), STATUS_OK);
	assert_int_equal(day, YMD(2026, 11, 27));
	assert_int_equal(parse_day("+11", today, &day), STATUS_OK);
	assert_int_equal(day, YMD(2026, 12, 1));
	assert_int_equal(parse_day("-20", today, &day), STATUS_OK);
	assert_int_equal(day, YMD(2026, 10, 31));
	assert_int_equal(parse_day("+0", today, &day), STATUS_OK);
	assert_int_equal(day, today);
	assert_int_equal(parse_day("+36500", today, &day), STATUS_OK);
	assert_int_equal(day, today + 36500);
	assert_int_equal(parse_day("2024-02-29", today, &day), STATUS_OK);
	assert_int_equal(day, YMD(2024, 2, 29));
	assert_int_equal(parse_day(" 2026-01-01\n", today, &day), STATUS_OK);
	assert_int_equal(day, YMD(2026, 1, 1));

	day = 4242;
	assert_int_equal(parse_day("next week", today, &day), STATUS_BAD_INPUT);
	assert_string_equal(status_detail(),
			    "expected YYYY-MM-DD, today, yesterday, tomorrow or +N/-N days");
	assert_int_equal(parse_day("2023-02-29", today, &day), STATUS_BAD_INPUT);
	assert_contains(status_detail(), "not a day of the calendar");
	assert_int_equal(parse_day("+36501", today, &day), STATUS_BAD_INPUT);
	assert_contains(status_detail(), "at most 36500 days");
	assert_int_equal(parse_day("-36500", YMD(1950, 1, 1), &day), STATUS_BAD_INPUT);
	assert_contains(status_detail(), "1900..9999");
	assert_int_equal(parse_day("+7d", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("7", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("+", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("+-7", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("+1234567", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("11/18/2026", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("2026-11-20T00:00", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("todays", today, &day), STATUS_BAD_INPUT);
	assert_int_equal(parse_day("", today, &day), STATUS_NOT_FOUND);
	assert_contains(status_detail(), "expected YYYY-MM-DD");
	assert_int_equal(day, 4242);
}

static void nps_is(const char *s, int want)
{
	int v = -1;
	enum status st = parse_nps(s, &v);

	if (st != STATUS_OK || v != want) {
		print_error("parse_nps(\"%s\") = %d, %d (%s); expected %d\n", s, st, v,
			    status_detail(), want);
		fail();
	}
}

static void nps_bad(const char *s)
{
	int v = 55;
	enum status st = parse_nps(s, &v);

	if (st != STATUS_BAD_INPUT) {
		print_error("parse_nps(\"%s\") = %d (%d); expected STATUS_BAD_INPUT\n", s, st, v);
		fail();
	}
	assert_int_equal(v, 55);
}

static void test_nps(void **state)
{
	int v = 55;

	(void)state;
	nps_is("0", 0);
	nps_is("7", 7);
	nps_is("10", 10);
	nps_is(" 9 ", 9);
	nps_is("9.0", 9);
	nps_is("10.00", 10);
	nps_is("10 - Extremely likely", 10);
	nps_is("0 - Not at all likely", 0);
	nps_is("10-Extremely likely", 10);
	nps_is("8 (likely)", 8);
	nps_is("6: neutral", 6);
	nps_is("5 Neutral", 5);

	nps_bad("11");
	assert_contains(status_detail(), "from 0 to 10");
	nps_bad("9.5");
	assert_contains(status_detail(), "whole number");
	nps_bad("-1");
	nps_bad("100");
	nps_bad("010");
	nps_bad("Extremely likely");
	nps_bad("10/10");
	nps_bad("1 0");
	nps_bad("7x");
	nps_bad("9.");
	nps_bad("9.000");
	nps_bad("0x7");
	assert_int_equal(parse_nps("", &v), STATUS_NOT_FOUND);
	assert_int_equal(parse_nps(" ", &v), STATUS_NOT_FOUND);
	assert_int_equal(v, 55);
}

static void test_int(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(parse_int("7", 0, 10, &v), STATUS_OK);
	assert_int_equal(v, 7);
	assert_int_equal(parse_int(" +7 ", 0, 10, &v), STATUS_OK);
	assert_int_equal(v, 7);
	assert_int_equal(parse_int("-3", -5, 5, &v), STATUS_OK);
	assert_int_equal(v, -3);
	assert_int_equal(parse_int("-0", 0, 5, &v), STATUS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int("1200000", 0, PARSE_MONEY_MAX, &v), STATUS_OK);
	assert_int_equal(v, 1200000);
	assert_int_equal(parse_int("9223372036854775807", INT64_MIN, INT64_MAX, &v), STATUS_OK);
	assert_true(v == INT64_MAX);
	assert_int_equal(parse_int("-9223372036854775808", INT64_MIN, INT64_MAX, &v), STATUS_OK);
	assert_true(v == INT64_MIN);

	v = 31;
	assert_int_equal(parse_int("11", 0, 10, &v), STATUS_BAD_INPUT);
	assert_string_equal(status_detail(), "out of range (0 to 10)");
	assert_int_equal(parse_int("-1", 0, 10, &v), STATUS_BAD_INPUT);
	assert_int_equal(parse_int("9223372036854775808", INT64_MIN, INT64_MAX, &v),
			 STATUS_BAD_INPUT);
	assert_int_equal(parse_int("-9223372036854775809", INT64_MIN, INT64_MAX, &v),
			 STATUS_BAD_INPUT);
	assert_int_equal(parse_int("99999999999999999999999", INT64_MIN, INT64_MAX, &v),
			 STATUS_BAD_INPUT);
	assert_contains(status_detail(), "out of range");
	assert_int_equal(parse_int("0x1E", 0, 100, &v), STATUS_BAD_INPUT);
	assert_string_equal(status_detail(), "expected a whole number");
	assert_int_equal(parse_int("1e3", 0, 10000, &v), STATUS_BAD_INPUT);
	assert_int_equal(parse_int("1,200", 0, 10000, &v), STATUS_BAD_INPUT);
	assert_int_equal(parse_int("12abc", 0, 100, &v), STATUS_BAD_INPUT);
	assert_int_equal(parse_int("1 2", 0, 100, &v), STATUS_BAD_INPUT);
	assert_int_equal(parse_int("-", 0, 100, &v), STATUS_BAD_INPUT);
	assert_int_equal(parse_int("+-1", -5, 100, &v), STATUS_BAD_INPUT);
	assert_int_equal(parse_int("", 0, 100, &v), STATUS_NOT_FOUND);
	assert_int_equal(v, 31);
}

/* The folded form of s. Static. */
static const char *folded(const char *s)
{
	static char out[256];
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "<");
	parse_fold(&sb, s);
	snprintf(out, sizeof(out), "%s", sb.buf + 1);
	assert_int_equal(sb.buf[0], '<'); /* appended, not replaced */
	strbuf_done(&sb);
	return out;
}

static void test_fold(void **state)
{
	(void)state;
	assert_string_equal(folded("KOYO"), "koyo");
	assert_string_equal(folded("K\xC5\x8Dy\xC5\x8D"), "koyo"); /* Kōyō */
	assert_string_equal(folded("Müller"), "muller");
	assert_string_equal(folded("Mu\xCC\x88ller"), "muller"); /* u + combining diaeresis */
	assert_string_equal(folded("Straße"), "strasse");
	assert_string_equal(folded("Æon Œuvre"), "aeon oeuvre");
	assert_string_equal(folded("Łódź"), "lodz");
	assert_string_equal(folded("Østergård"), "ostergard");
	assert_string_equal(folded("ÀÉÎÕÜÇÑÝÞÐ"), "aeioucnythd");
	assert_string_equal(folded("İstanbul"), "istanbul");
	assert_string_equal(folded("\xC5\xB8\xC5\xBF\xC4\xB2"), "ysij"); /* Ÿ ſ Ĳ */
	assert_string_equal(folded("\xC4\x80\xC5\xBE"), "az");           /* Ā ž: the ends */
	assert_string_equal(folded("3×4÷2"), "3×4÷2");
	assert_string_equal(folded("日本 Ωμέγα"), "日本 Ωμέγα");
	assert_string_equal(folded("a\xFF"
				   "b"),
			    "a\xEF\xBF\xBD"
			    "b");
	assert_string_equal(folded("Acme, Inc. #42!"), "acme, inc. #42!");
	assert_string_equal(folded(""), "");

	assert_true(parse_fold_match("K\xC5\x8Dy\xC5\x8D Industries", "KOYO"));
	assert_true(parse_fold_match("Müller GmbH", "muller"));
	assert_true(parse_fold_match("Muller", "Müller"));
	assert_true(parse_fold_match("Crédit Agricole", "CREDIT"));
	assert_true(parse_fold_match("anything", ""));
	assert_false(parse_fold_match("Acme", "acne"));
	assert_false(parse_fold_match("Müller", "mueller"));
	assert_false(parse_fold_match("", "a"));
}

static void test_name(void **state)
{
	static const char *const names[] = {"pending", "met", "won"};

	(void)state;
	assert_int_equal(parse_name("pending", names, 3), 0);
	assert_int_equal(parse_name("won", names, 3), 2);
	/* exactly as written: no case folding, no prefix, nothing past n */
	assert_int_equal(parse_name("Won", names, 3), -1);
	assert_int_equal(parse_name("me", names, 3), -1);
	assert_int_equal(parse_name("won", names, 2), -1);
	assert_int_equal(parse_name("", names, 3), -1);
	assert_int_equal(parse_name(NULL, names, 3), -1);
}

static void test_id(void **state)
{
	(void)state;
	assert_int_equal(parse_id("42"), 42);
	assert_int_equal(parse_id("0042"), 42);
	assert_int_equal(parse_id("9223372036854775807"), INT64_MAX);
	/* not an id: none, zero, a sign, a space, too many digits or too large */
	assert_int_equal(parse_id(""), 0);
	assert_int_equal(parse_id("0"), 0);
	assert_int_equal(parse_id("+5"), 0);
	assert_int_equal(parse_id(" 5"), 0);
	assert_int_equal(parse_id("5x"), 0);
	assert_int_equal(parse_id("00000000000000000001"), 0);
	assert_int_equal(parse_id("9223372036854775808"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_plain_and_us),
		cmocka_unit_test(test_money_european_and_ambiguous),
		cmocka_unit_test(test_money_refused),
		cmocka_unit_test(test_dates_iso),
		cmocka_unit_test(test_dates_us),
		cmocka_unit_test(test_day_relative),
		cmocka_unit_test(test_nps),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_id),
	};
	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}

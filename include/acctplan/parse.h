/*
 * Values as real exports and people write them: amounts of money, dates and
 * times from survey tools, relative days, NPS scores, bounded whole numbers,
 * and a folded form of text for accent- and case-blind search. Pure
 * functions of their arguments (status_set() aside).
 *
 * Every parser takes a NUL-terminated string, ignores ASCII white space
 * around it and returns:
 *   STATUS_OK         the value is in *out;
 *   STATUS_NOT_FOUND  the string is empty or blank: the value is absent (an
 *                     importer leaves it unknown; a required one is an error);
 *   STATUS_BAD_INPUT  not a value; status_detail() says why.
 * *out is written only on STATUS_OK. Reasons never quote the input, so a
 * caller can print them beside its own "line 12, column wallet: ".
 */
#ifndef ACCTPLAN_PARSE_H
#define ACCTPLAN_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "acctplan/status.h"
#include "acctplan/strbuf.h"

#define PARSE_MONEY_MAX 1000000000000000LL /* 10^15 whole units */

/*
 * An amount in whole units, rounded half up: "1250000", "1,250,000",
 * "$1,250,000.00", "USD 1250000.5", "1.250.000,00 €", "1 250 000".
 * - At most one currency before the number (a symbol $ € £ ¥, optionally
 *   after up to two capital letters as in US$, or a three-letter capital
 *   code such as USD) and one after it (a symbol or a code), with or without
 *   a space.
 * - The decimal mark is the last mark when it is ',' or '.' and occurs only
 *   once, unless it is the number's only mark and groups thousands correctly:
 *   "1,250" and "1.250" are 1250; "1.250.000,00", "1 250,500", "1,250.5",
 *   "1250,5", "0.125" and "1,2500" (which is 1) have decimals.
 * - Thousands are grouped by one kind of mark (',' '.' space, no-break space
 *   or '\''): one to three digits, then groups of exactly three. Other
 *   groupings ("12,50,000") are refused, not guessed at.
 * Refused: a minus sign or parentheses (negative), scientific notation
 * ("1e40", "1.2E+06": it has already lost digits), more than
 * PARSE_MONEY_MAX, anything else.
 */
enum status parse_money(const char *s, int64_t *units);

/*
 * The day of a date as survey tools and spreadsheets export it:
 *   YYYY-MM-DD
 *   YYYY-MM-DD HH:MM[:SS]              (Qualtrics RecordedDate)
 *   YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]
 *   MM/DD/YYYY                         (US order; one-digit month, day allowed)
 *   MM/DD/YYYY H:MM[:SS] [AM|PM]       (SurveyMonkey: 11/18/2026 2:14:09 PM)
 * The day is the calendar day as written: a time and a zone are checked, then
 * ignored. The year is 1900..9999 and the day must exist (no Feb 29 in 2026).
 * A day of date.h.
 */
enum status parse_date(const char *s, int *day);

/*
 * A day as a person types it: YYYY-MM-DD (strict), "today", "yesterday",
 * "tomorrow" (any case), or +N / -N days from today (N at most 36500). For
 * every date option of the command line and every date field of a form.
 */
enum status parse_day(const char *s, int today, int *day);

/*
 * A Net Promoter Score, 0..10: "7", " 9 ", "9.0", or the number with its
 * label as surveys export it ("10 - Extremely likely", "0 - Not at all
 * likely", "8 (likely)"). Fractions, out-of-range numbers and labels alone
 * are refused.
 */
enum status parse_nps(const char *s, int *score);

/* A whole number in min..max: decimal digits with an optional sign, nothing
 * else ("1,200", "0x1E", "1e3" and "12abc" are refused). */
enum status parse_int(const char *s, int64_t min, int64_t max, int64_t *out);
/* The id s writes in decimal digits alone (at most 19, no sign, no
 * space): its value when it is a positive int64, else 0. */
int64_t parse_id(const char *s);
/* The index of s among the n names of an enum's values, exactly as
 * written; -1 when it is none of them (or NULL). */
int parse_name(const char *s, const char *const *names, int n);

/*
 * Appends s folded for matching: ASCII letters lowercased; the letters of
 * Latin-1 Supplement and Latin Extended-A lowercased and stripped of their
 * accents ("Ø" "ø" -> "o", "ß" -> "ss", "Æ" -> "ae", "Ł" -> "l"); combining
 * marks U+0300..U+036F dropped, so a decomposed "u" + U+0308 folds as "ü"
 * does. Every other code point is kept; invalid UTF-8 becomes U+FFFD.
 */
void parse_fold(struct strbuf *out, const char *s);
/* Whether the folded needle occurs in the folded haystack ("KOYO" in "Kōyō",
 * "muller" in "Müller GmbH"). An empty needle matches. It folds both on
 * every call: fold once with parse_fold() to match many. */
bool parse_fold_match(const char *haystack, const char *needle);

#endif

/*
 * One validator per record: the rules a note, a defect, a readiness
 * condition, an account, a buyer or a response must meet before anything
 * writes it. The command line, the console and the importer all call
 * these, and word the code they get back for their own user (an option
 * name, a form field, a file line); invalid_message() is the plain
 * sentence they start from. The schema enforces what it can as well
 * (CHECK constraints and triggers); these say it first, and clearly.
 * Pure: no I/O.
 */
#ifndef ACCTPLAN_VALIDATE_H
#define ACCTPLAN_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#define INVALID_LIST(_)                                                               \
	_(OK, "valid")                                                                \
	_(EMPTY_TEXT, "the text is empty")                                            \
	_(EMPTY_NAME, "the name is empty")                                            \
	_(EMPTY_TITLE, "the title is empty")                                          \
	_(NEXT_IN_PAST, "the date to try again is in the past")                       \
	_(REASON_WITHOUT_NO, "a reason goes only with a \"no\" or \"unsure\" answer") \
	_(DEFECT_CODE, "a defect code is 1 to 40 letters, digits, '-' or '_'")        \
	_(NEGATIVE_AMOUNT, "an amount cannot be negative")                            \
	_(AMOUNT_TOO_LARGE, "the amount is too large (at most 10^15)")                \
	_(SCORE_RANGE, "a score is a whole number from 0 to 10")                      \
	_(FUTURE_DATE, "the date is after today")                                     \
	_(EMPTY_OWNER, "the owner is empty")

enum invalid {
#define INVALID_ENUM(name, msg) INVALID_##name,
	INVALID_LIST(INVALID_ENUM)
#undef INVALID_ENUM
};

const char *invalid_message(enum invalid v);

/* The largest amount (revenue, wallet) the book takes. */
#define VALIDATE_MAX_AMOUNT 1000000000000000LL

/* Whether s is NULL or holds nothing but white space. */
bool validate_blank(const char *s);

/* A note as it will be written. */
struct note_check {
	const char *body;
	int good_time; /* enum good_time, or -1: not asked */
	int reason;    /* enum reason, or -1 */
	int next;      /* the date to try again (day number), or -1 */
	int kept_next; /* when changing a note: the date it had (may stay in the past), or -1 */
};
enum invalid validate_note(const struct note_check *n, int today);
enum invalid validate_defect(const char *code, const char *title);
enum invalid validate_defect_code(const char *code);
enum invalid validate_condition(const char *text);
/* has_wallet false: the wallet is unknown. */
enum invalid validate_account(const char *name, int64_t revenue, bool has_wallet, int64_t wallet);
enum invalid validate_contact(const char *name);
enum invalid validate_response(int score, int day, int today);
/* A team action (commitment.h): what is to be done, and by whom. */
enum invalid validate_action(const char *text, const char *owner);

#endif

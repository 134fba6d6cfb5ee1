/*
 * The vocabulary of the rules (DESIGN.md §1) and the thresholds that tune
 * them. Pure: no I/O. Every enum here has a name table so the database, the
 * config and the command line spell values the same way.
 */
#ifndef ACCTPLAN_RULES_H
#define ACCTPLAN_RULES_H

#include <stdbool.h>
#include <stddef.h>

enum category { CAT_DETRACTOR, CAT_PASSIVE, CAT_PROMOTER, CAT_NONE };

enum role { ROLE_DECISION_MAKER, ROLE_INFLUENCER, ROLE_USER, ROLE_OTHER, ROLE_COUNT };
#define ROLE_ANONYMOUS ROLE_COUNT /* a response without a contact */

enum fit { FIT_GOOD, FIT_POOR, FIT_UNKNOWN, FIT_COUNT };
enum acct_status { ACCT_ACTIVE, ACCT_LOST, ACCT_PROSPECT, ACCT_STATUS_COUNT };
enum problem_category { PCAT_PRODUCT, PCAT_PRICE, PCAT_SERVICE, PCAT_COUNT };
enum problem_status {
	PSTAT_OPEN,
	PSTAT_ROOT_CAUSE,
	PSTAT_FIXING,
	PSTAT_RESOLVED,
	PSTAT_REPORTED_BACK,
	PSTAT_COUNT
};
enum note_kind {
	NOTE_PRECALL,
	NOTE_CALL,
	NOTE_FOLLOWUP,
	NOTE_CHECKIN,
	NOTE_REFERRAL,
	NOTE_WINBACK,
	NOTE_GENERAL,
	NOTE_PITCH, /* an offer made: counted by the coaching report (schema 5) */
	NOTE_KIND_COUNT
};
enum good_time { GOOD_YES, GOOD_NO, GOOD_UNSURE, GOOD_COUNT };
enum reason {
	REASON_VACATION,
	REASON_BUDGET_CYCLE,
	REASON_OPEN_PROBLEM,
	REASON_REORGANISATION,
	REASON_OTHER,
	REASON_COUNT
};

/* Thresholds and weights, from config.yaml or the defaults. */
struct rules {
	int window_days;               /* advocacy window, days up to and including today */
	double advocacy_high;          /* NPS at or above this is high advocacy */
	double share_high;             /* share at or above this is high share */
	int loop_close_days;           /* days a detractor response may wait for follow-up */
	double weight[ROLE_COUNT + 1]; /* per role, [ROLE_ANONYMOUS] for no contact */
	int referral_days;             /* a promoter is asked for a referral again after this */
	int winback_days;              /* a lost account's win-back is reviewed this often */
};

void rules_defaults(struct rules *r);
/* Whether every role (and a response without a buyer) weighs the same, so
 * that a buyer's role cannot change an NPS (the defaults). */
bool rules_weights_uniform(const struct rules *r);

/* The version of the rules as the code applies them: bump it whenever a
 * change in code (not in config) changes what an account's derived standing
 * is (how NPS, share, quadrant or priority are computed), so every cache
 * built by the code before is rebuilt. */
#define RULES_VERSION 2

/* Writes to buf (n bytes; RULES_FINGERPRINT_LEN is enough) a text naming
 * RULES_VERSION, today and every field of r, exactly: two rules that differ
 * in any field, or two days, give different texts. The account cache keeps
 * the one it was built for and is rebuilt when it changes. */
#define RULES_FINGERPRINT_LEN 512
void rules_fingerprint(const struct rules *r, int today, char *buf, size_t n);
/* The today a fingerprint was written for: false when fp is not one. A
 * cache built for other rules is told apart by writing the fingerprint of
 * the rules in force for that day and comparing (cache.c's rollover). */
bool rules_fingerprint_day(const char *fp, int *today);

enum category score_category(int score);
/* How to approach a buyer whose latest category is cat (CAT_NONE: no response). */
const char *approach_for(enum category cat);

/* Names as stored in the database and written in config and CSV. Each
 * *_from_name returns -1 for an unknown name. */
const char *category_name(enum category c);
const char *role_name(enum role r); /* ROLE_ANONYMOUS gives "anonymous" */
int role_from_name(const char *s);
const char *fit_name(enum fit f);
int fit_from_name(const char *s);
const char *acct_status_name(enum acct_status s);
int acct_status_from_name(const char *s);
const char *problem_category_name(enum problem_category c);
int problem_category_from_name(const char *s);
const char *problem_status_name(enum problem_status s);
int problem_status_from_name(const char *s);
const char *note_kind_name(enum note_kind k);
int note_kind_from_name(const char *s);
const char *good_time_name(enum good_time g);
int good_time_from_name(const char *s);
const char *reason_name(enum reason r);
int reason_from_name(const char *s);
/* The same names, indexed by the enum and NULL-terminated: the values the
 * command line offers (role_names ends with "anonymous"). */
extern const char *const role_names[];
extern const char *const fit_names[];
extern const char *const acct_status_names[];
extern const char *const problem_category_names[];
extern const char *const problem_status_names[];
extern const char *const note_kind_names[];
extern const char *const good_time_names[];
extern const char *const reason_names[];

#endif

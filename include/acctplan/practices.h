/*
 * The seeds' practices in the book (issue 14): referrals asked and given
 * (referral.h has the rules), what the plays are decided on for each
 * account and the plays a CRM suggested (plays.h), the coaching report's
 * counts, and the lost accounts' win-back (agenda.h's reviews). Beside
 * db.h, on the same struct db.
 *
 * Every function that writes runs in one transaction of its own, through
 * the edit history (edits.h), except db_crm_play_put(), which writes inside
 * the caller's (an import's). Rows come back through callbacks whose
 * strings are borrowed for the duration of the call. The lists need
 * db_refresh() first (they read the accounts' priority from the cache).
 */
#ifndef ACCTPLAN_PRACTICES_H
#define ACCTPLAN_PRACTICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/db.h"
#include "acctplan/plays.h"
#include "acctplan/referral.h"

/* ---- referrals ------------------------------------------------------------ */

struct referral_rec {
	int64_t account_id;
	int64_t contact_id;      /* the buyer asked; 0: none named */
	const char *asked_on;    /* "YYYY-MM-DD" */
	const char *referred_to; /* whom they referred us to; NULL: an ask, no one named yet */
	enum referral_outcome outcome;
	const char *outcome_on; /* the day the outcome was known; NULL: none */
	const char *stamp;      /* created_at and updated_at; NULL: now */
};

/* What db_referral_add() did. */
enum referral_put {
	REFERRAL_ASKED,   /* a new ask, no one named yet */
	REFERRAL_NAMED,   /* the buyer's open ask without a name got one */
	REFERRAL_NEW,     /* a new referral, named at once */
	REFERRAL_UPDATED, /* the referral to that name got the outcome */
};

/* Records an ask (r->referred_to NULL): a new row, asked on r->asked_on.
 * Records a referral (r->referred_to given): the account's referral from
 * the same buyer to the same name (any case) gets r->outcome; else the
 * buyer's latest ask without a name gets the name and outcome; else a new
 * row, asked on r->asked_on. The buyer must be the account's
 * (STATUS_BAD_INPUT otherwise); STATUS_NOT_FOUND for no such account. */
enum status db_referral_add(struct db *db, const struct referral_rec *r, int64_t *id,
			    enum referral_put *how);

struct referral_row {
	int64_t id, account_id, contact_id;
	const char *account, *owner, *contact; /* contact NULL: none */
	const char *asked_on, *referred_to;    /* referred_to NULL: no one named yet */
	enum referral_outcome outcome;
	const char *outcome_on;
};
typedef int (*referral_cb)(const struct referral_row *row, void *ctx);
/* An account's referrals, the latest ask first. */
enum status db_referrals(struct db *db, int64_t account_id, referral_cb cb, void *ctx);
/* The referrals still open (pending, met) of the accounts of owner (NULL:
 * all), in the accounts' priority order, then the oldest ask first. */
enum status db_referrals_open(struct db *db, const char *owner, referral_cb cb, void *ctx);

/* A buyer to ask for a referral (referral_due()). */
struct to_ask_row {
	int64_t account_id, contact_id;
	const char *account, *owner, *contact;
	int score;
	const char *responded_on; /* their latest answer in the window */
	const char *last_asked;   /* the last time they were asked, or NULL */
};
typedef int (*to_ask_cb)(const struct to_ask_row *row, void *ctx);
/* The buyers of the active accounts of owner (NULL: all; account_id, when
 * not 0: that account only) to ask for a referral today, in the accounts'
 * priority order, then the highest score, the latest answer, the name. */
enum status db_referrals_to_ask(struct db *db, const struct rules *rules, int today,
				const char *owner, int64_t account_id, to_ask_cb cb, void *ctx);

/* ---- plays ---------------------------------------------------------------- */

/* A play a CRM suggested, as an import hands it over. */
struct crm_play_rec {
	int64_t account_id;       /* matched by the importer */
	const char *source;       /* the CRM; NULL: "crm" */
	const char *play;         /* as the CRM names it */
	const char *due;          /* "YYYY-MM-DD", or NULL */
	bool keep_due;            /* due not given: a match keeps its own */
	const char *external_ref; /* the CRM's id for it, or NULL */
	const char *stamp;        /* created_at and updated_at; NULL: now */
};
enum crm_play_put { CRM_PLAY_NEW, CRM_PLAY_UPDATED, CRM_PLAY_UNCHANGED };
/* Stores one CRM play inside the caller's write transaction (an import's:
 * db_begin() or the importer's session), through the edit history when
 * that transaction is armed. The play is the one with the same source and
 * external_ref when r gives one, else the account's play of that source
 * with the same name (any case); a match takes r's account, name and due
 * (its own due with keep_due), else a new row is made. STATUS_BAD_INPUT (nothing written) for an empty
 * play, a due that is not a date or an account that does not exist. */
enum status db_crm_play_put(struct db *db, const struct crm_play_rec *r, int64_t *id,
			    enum crm_play_put *how);

/* A play the CRM suggested, as the walk hands it over. */
struct crm_play_row {
	int64_t id;
	const char *source, *play, *due, *external_ref; /* due, external_ref NULL: none */
};

/* One account with what its plays are decided on. */
struct play_account {
	int64_t id;
	const char *name, *owner, *segment;
	const char *external_ref; /* the account's in the CRM, or NULL */
	enum acct_status status;
	enum quadrant quadrant;
	struct priority priority;
	struct hold hold;
	const char *hold_reason; /* given by hand, or NULL */
	bool has_wallet;
	int64_t wallet, revenue;
	int supply_problems;        /* open problems of a category play_problem_gates() */
	const char *supply_problem; /* the oldest one's title, or NULL */
	int good_time, good_reason; /* the latest answer (enum good_time, enum reason), -1 */
	int try_again;              /* its date to try again (day), or -1 */
	int passives, passive_on;   /* buyers whose latest answer is a passive's; the latest day */
	int to_ask, to_ask_on;      /* buyers due a referral ask; their latest answer's day */
	int grow_since;             /* the first day of its current run in grow, or -1 */
	int checkin_due, checkin_step;  /* the oldest check-in due by today (day, step), or -1 */
	int winback_due, winback_step;  /* the next win-back review (day, number), or -1 */
	const struct crm_play_row *crm; /* the CRM's plays for it */
	size_t ncrm;
};
typedef int (*play_account_cb)(const struct play_account *a, void *ctx);

/* Where a page of accounts starts: after this one, in priority order. */
struct play_after {
	struct priority priority;
	const char *name;
	int64_t id;
};
struct play_filter {
	const char *owner;              /* the accounts of this owner only, or NULL */
	int64_t account_id;             /* one account, or 0 */
	const struct play_after *after; /* NULL: from the first */
	size_t limit;                   /* accounts handed over at most; 0: all */
	/* leaves out the accounts whose plays wait for their hold
	 * (play_held(), kept in the cache as held): every play of theirs
	 * waits, so a list of the plays that go need not read them */
	bool not_held;
};
/* The accounts that may have a play (active ones, lost ones still to win
 * back, and any with a CRM play), in priority order, then name (any case),
 * then id, each with its facts; cb returns nonzero to stop. A page costs
 * about its own accounts: the walk follows the priority index. */
enum status db_play_accounts(struct db *db, const struct rules *rules, int today,
			     const struct play_filter *f, play_account_cb cb, void *ctx);

/* ---- coaching ------------------------------------------------------------- */

/* One owner's last days, for a team lead's one-to-one. */
struct coaching_row {
	const char *owner;
	long pitches;           /* pitch notes logged on the owner's accounts */
	long pitches_on_hold;   /* ...while the account was on hold (its history that day) */
	long followups_on_time; /* detractors who answered in the days, followed up on time */
	long followups_late;    /* ...followed up late, or not at all and past due */
	long followups_waiting; /* ...not followed up yet, not due yet */
	long reported_back;     /* problems reported back to the customer in the days */
};
typedef int (*coaching_cb)(const struct coaching_row *row, void *ctx);
/* Every owner of the book (by name, any case), with their counts over the
 * `days` days up to and including today. */
enum status db_coaching(struct db *db, const struct rules *rules, int today, int days,
			coaching_cb cb, void *ctx);

/* ---- win-back ------------------------------------------------------------- */

struct winback_row {
	int64_t id;
	const char *name, *owner;
	const char *lost_on, *lost_to, *lost_reason, *plan; /* NULL: not given */
	const char *dropped_on;  /* the day the win-back was given up, or NULL */
	const char *last_review; /* the latest win-back note since it was lost, or NULL */
	int next_due;            /* the next review (agenda_winback_due()), -1: none */
	int step;                /* its number */
};
typedef int (*winback_cb)(const struct winback_row *row, void *ctx);
/* The lost accounts of owner (NULL: all), in the Win-back view's order:
 * those still to win back by their next review, the soonest first, then
 * those dropped or never dated; the name (any case), then the id, break
 * ties. The next review is the account cache's (schema 16), so the book's
 * cache must be fresh (db_refresh()). From the row after `after` (NULL:
 * the first; its id, name and next_due are read) and at most `limit` rows
 * (0: all). Rows stream: cb returns nonzero to stop. */
enum status db_winbacks(struct db *db, const char *owner, const struct winback_row *after,
			size_t limit, winback_cb cb, void *ctx);
/* How many lost accounts owner (NULL: all) has, and how many of them are
 * still to win back, counted on the cache's index. */
enum status db_winback_count(struct db *db, const char *owner, size_t *lost, size_t *open);
/* Gives up (drop true, on `on`) or takes up again the win-back of a lost
 * account: no more reviews while dropped. STATUS_BAD_INPUT when the account
 * is not lost, or already in that state. */
enum status db_winback_drop(struct db *db, int64_t id, bool drop, const char *on);

#endif

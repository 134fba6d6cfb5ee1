/*
 * The pre-call brief as one model: everything an account manager reads
 * before a conversation, loaded from the book once and rendered by both
 * front ends (`acctplan brief` as text, Markdown or JSON; the console's
 * Brief view). Every string is the brief's own copy; brief_done() frees
 * them. Codes (statuses, kinds, roles, reasons) are kept as stored; the
 * renderers word them (format.h).
 */
#ifndef ACCTPLAN_BRIEF_H
#define ACCTPLAN_BRIEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/agenda.h"
#include "acctplan/commitment.h"
#include "acctplan/db.h"
#include "acctplan/verdict.h"

#define BRIEF_TREND_QUARTERS 4 /* NPS per quarter, the last four */
#define BRIEF_LOOKAHEAD 30     /* check-ins coming within this many days show */
#define BRIEF_NOTES 5          /* the last notes shown, by default */

struct brief_buyer {
	int64_t id;
	char *name, *title, *role;
	bool has_score;
	int score;              /* the latest response ever, when has_score */
	char *latest_on;        /* its date, or NULL */
	enum category category; /* CAT_NONE: never answered */
};

struct brief_problem {
	int64_t id;
	char *status, *opened_on, *defect, *title, *root_cause; /* defect NULL: none */
};

struct brief_note {
	int64_t id;
	char *created_at, *kind, *contact, *good_time, *reason, *next, *body; /* NULL: none */
};

/* An action the team agreed for the account (commitment.h), still open. */
struct brief_action {
	int64_t id;
	char *owner, *text, *due;
	int due_day;
	enum commitment_state state; /* open, or not_done when its day has passed */
};

/* A referral asked of a buyer of the account (referral.h). */
struct brief_referral {
	int64_t id;
	char *contact, *asked_on, *referred_to, *outcome, *outcome_on; /* NULL: none */
};

/* A buyer to ask for a referral: a promoter not asked lately. */
struct brief_ask {
	int64_t contact_id;
	char *contact, *responded_on;
	int score;
};

struct brief_due {
	enum agenda_kind kind;
	int due; /* day number */
	char *detail;
};

struct brief {
	int64_t id;
	int today;
	/* the account */
	char *name, *owner, *segment, *last_response;
	char *lost_to, *lost_reason, *winback_plan; /* NULL unless set */
	char *hold_reason, *hold_on;                /* the hand-set hold, or NULL */
	const char *hold_why;                       /* static text */
	enum fit fit;
	enum acct_status status;
	int64_t revenue;
	bool share_known, nps_known;
	double share, nps;
	int counted;
	enum quadrant quadrant;
	/* the verdict and what it was decided on */
	struct verdict_facts facts;
	struct verdict_result verdict;
	char *instead; /* do_not_pitch: what to talk about instead */
	/* NPS per quarter, the oldest first; quarter_first is date_quarter() of
	 * the first; trend: 1 rising, -1 falling, 0 flat, 2 too few quarters */
	int quarter_first;
	double quarter_nps[BRIEF_TREND_QUARTERS];
	bool quarter_known[BRIEF_TREND_QUARTERS];
	int trend;
	/* the readiness conditions still open */
	char **conditions;
	size_t nconditions;
	struct brief_buyer *buyers;
	size_t nbuyers;
	struct brief_problem *problems; /* open: not yet reported back */
	size_t nproblems;
	char *reported_on, *reported_title, *reported_text; /* the last report back, or NULL */
	struct brief_note *notes;                           /* the last max_notes, newest first */
	size_t nnotes;
	/* the latest answer to "is this a good time to talk?", or NULL */
	char *good_time, *good_reason, *good_on, *good_next;
	/* what is due by today, and check-ins within BRIEF_LOOKAHEAD days */
	struct brief_due *due;
	size_t ndue;
	/* the open actions, by owner, then due day */
	struct brief_action *actions;
	size_t nactions;
	/* referrals: the buyers to ask, and every referral asked, the latest
	 * ask first */
	struct brief_ask *to_ask;
	size_t nto_ask;
	struct brief_referral *referrals;
	size_t nreferrals;
};

/* Loads the brief of account id as of today. On failure the brief holds
 * nothing to free and status_detail() says why (STATUS_NOT_FOUND for a
 * missing account). Needs db_refresh() first. */
enum status brief_load(struct db *db, const struct rules *rules, int today, int64_t id,
		       int max_notes, struct brief *out);
void brief_done(struct brief *b);

#endif

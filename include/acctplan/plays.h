/*
 * Plays that wait for the customer (issue 14; seed 001: plays a CRM fires
 * on a trigger without asking what is happening at the customer's end).
 *
 * A play is something to sell or do for an account now. The rules make
 * five kinds (plays_of()), and a CRM may suggest any play of its own
 * (PLAY_CRM, stored in the plays table):
 *
 *   upsell          grow, with headroom: a wallet known and above revenue
 *   cross_sell      an active account with a passive buyer (latest answer
 *                   in the window 7 or 8): a cross-sell may raise curiosity
 *   referral_ask    protect, with a promoter due a referral ask (referral.h)
 *   checkin         a post-sale check-in due by today (agenda.h)
 *   winback_review  a lost account's win-back review due by today (agenda.h)
 *
 * Every play, whatever made it, goes through the one gate, play_gate():
 * it WAITs, with the first reason that applies, while
 *
 *   hold             sales are on hold (the quadrant, an open readiness
 *                    condition, or by hand)
 *   open_problem     the account has an open problem (not yet reported
 *                    back) of category product or service: a supply or
 *                    quality problem the customer is living with
 *   quiet_season     today is in a quiet season of the account's segment
 *                    (config quiet_seasons: {SEGMENT: ["12-15..01-10"]},
 *                    a season may run across the new year; "*": every
 *                    segment)
 *   not_a_good_time  the latest answer to "is this a good time to talk?"
 *                    was no or unsure and its date to try again is ahead
 *                    (verdict_not_good_time(), as the brief's verdict)
 *
 * and is GO otherwise. Pure: no I/O.
 */
#ifndef ACCTPLAN_PLAYS_H
#define ACCTPLAN_PLAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/quadrant.h"
#include "acctplan/rules.h"

/* The source of the rules' plays as lists and export plays name it; a
 * CRM's source (the plays table's, "crm" by default) is 1 to
 * PLAY_SOURCE_MAX characters. */
#define PLAY_SOURCE_RULES "rules"
#define PLAY_SOURCE_MAX 40

enum play_kind {
	PLAY_UPSELL,
	PLAY_CROSS_SELL,
	PLAY_REFERRAL_ASK,
	PLAY_CHECKIN,
	PLAY_WINBACK_REVIEW,
	PLAY_CRM, /* a play the CRM suggested: its own name says what */
	PLAY_KIND_COUNT
};
/* "upsell", "cross_sell", "referral_ask", "checkin", "winback_review", "crm". */
const char *play_kind_name(enum play_kind k);
int play_kind_from_name(const char *s); /* -1 when unknown */
/* "Upsell", "Cross-sell", "Referral ask", "Post-sale check-in",
 * "Win-back review", "CRM play". */
const char *play_kind_title(enum play_kind k);

/* What an account offers the rules' plays. */
struct play_source {
	enum acct_status status;
	enum quadrant quadrant;
	bool has_wallet;
	int64_t wallet, revenue;
	int passives;    /* buyers whose latest answer in the window is a passive's */
	int to_ask;      /* promoters due a referral ask (referral_due()) */
	int checkin_due; /* the oldest post-sale check-in due by today (day), or -1 */
	int winback_due; /* the win-back review due by today (day), or -1 */
};
/* The rules' plays for an account, as a mask of 1u << enum play_kind (never
 * PLAY_CRM), given today. */
unsigned plays_of(const struct play_source *s, int today);

/* ---- quiet seasons ------------------------------------------------------- */

/* One season: from and to are month * 100 + day (1215 for 12-15); when
 * from > to it runs across the new year. */
struct quiet_season {
	char *segment; /* the segment it is for (any case), "*": every segment */
	int from, to;
};
struct quiet_seasons {
	struct quiet_season *v;
	size_t n, cap;
};
void quiet_seasons_init(struct quiet_seasons *s);
void quiet_seasons_done(struct quiet_seasons *s);
/* Adds a season, the segment copied. */
void quiet_seasons_add(struct quiet_seasons *s, const char *segment, int from, int to);
/* Reads "MM-DD..MM-DD" (a real month and day; 02-29 allowed): true and
 * *from, *to set, or false. */
bool quiet_season_parse(const char *text, int *from, int *to);
/* Whether day falls in the season from..to (month * 100 + day). */
bool quiet_season_holds(int from, int to, int day);
/* Whether today is in a quiet season of segment: true with *last the last
 * day of it (the day the season ends, which may be in the next year) and
 * *which the season; the one ending last when several hold. */
bool quiet_seasons_find(const struct quiet_seasons *s, const char *segment, int today, int *last,
			const struct quiet_season **which);

/* ---- the gate ------------------------------------------------------------- */

enum play_wait {
	PLAY_GO,
	PLAY_WAIT_HOLD,
	PLAY_WAIT_OPEN_PROBLEM,
	PLAY_WAIT_QUIET_SEASON,
	PLAY_WAIT_NOT_A_GOOD_TIME,
};
/* "go" for PLAY_GO, else the reason: "hold", "open_problem",
 * "quiet_season", "not_a_good_time". */
const char *play_wait_name(enum play_wait w);

/* What the gate decides on. */
struct play_facts {
	bool hold;                           /* sales are on hold */
	int supply_problems;                 /* open problems of a gating category */
	const struct quiet_seasons *seasons; /* may be NULL: none */
	const char *segment;                 /* the account's */
	int good_time, try_again;            /* the latest answer and its date, -1: none */
};
struct play_gate {
	enum play_wait wait;
	int until; /* the day the wait ends when it is known: the season's last day + 1,
		    * the date to try again; else -1 */
};
struct play_gate play_gate(const struct play_facts *f, int today);
/* Whether an account's plays wait for a hold: an active account's hold
 * (its quadrant, an open condition, or by hand); a lost account or a
 * prospect is off the board, so only a hold set by hand counts. */
bool play_held(enum acct_status status, const struct hold *h);
/* Whether an open problem of this category holds the account's plays. */
bool play_problem_gates(enum problem_category c);

#endif

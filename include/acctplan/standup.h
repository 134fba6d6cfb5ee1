/*
 * The standup report as one model: what moved since the last standup,
 * loaded from the book once and rendered by both front ends (`acctplan
 * standup` as text, Markdown or JSON; the console's Standup view). Every
 * string is the report's own copy; standup_done() frees them. Codes
 * (quadrants, states) are kept as enums; the renderers word them.
 *
 * The report runs from the end of day `since` to now: by default the last
 * standup marked before today (a standup marked today is the one being
 * held, so the report stays the same all day), else the last
 * STANDUP_DEFAULT_DAYS days. It holds:
 *  - the board: each quadrant's active accounts now and then;
 *  - the movers: accounts that changed quadrant, came onto the board or
 *    left it, with their NPS then and now;
 *  - the holds: accounts that stayed in their quadrant but whose sales hold
 *    was set or lifted;
 *  - the detractors' responses that came in, and the follow-ups that fell
 *    overdue (due after `since`, still waiting today: followup.h);
 *  - the problems opened, resolved or reported back;
 *  - the team's actions still open and those done since (commitment.h).
 * An owner filter keeps one owner's accounts, and the actions they own.
 * An account whose history does not reach back to `since` (a book whose
 * history starts later) is taken to stand where it stands now.
 */
#ifndef ACCTPLAN_STANDUP_H
#define ACCTPLAN_STANDUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/commitment.h"
#include "acctplan/db.h"

#define STANDUP_DEFAULT_DAYS 7 /* no standup marked yet: the last week */

/* Where `since` came from. */
enum standup_since {
	STANDUP_SINCE_MARK,    /* the last standup marked before today */
	STANDUP_SINCE_GIVEN,   /* asked for (--since) */
	STANDUP_SINCE_DEFAULT, /* no standup marked yet */
};

struct standup_mover {
	int64_t id;
	char *name, *owner;
	bool was_on, is_on;     /* on the board then, now */
	enum quadrant from, to; /* where, when on it */
	bool nps_then_known, nps_now_known;
	double nps_then, nps_now;
	char *changed_on;         /* the last day it changed */
	struct priority priority; /* now: the list's order (account_order_cmp()) */
};

struct standup_hold {
	int64_t id;
	char *name, *owner;
	bool was, now; /* sales on hold then, now */
	char *why;     /* why (or why not) now: the reason given by hand, or the rule's */
	struct priority priority; /* now: the list's order */
};

struct standup_detractor {
	int64_t id, account_id;                                   /* the response, its account */
	char *account, *owner, *contact, *responded_on, *comment; /* contact NULL: anonymous */
	int score;
	int due; /* followups: the day it was due by */
};

struct standup_problem {
	int64_t id, account_id;
	char *account, *title, *status;
	char *event, *on; /* its last move since: opened, resolved, reported_back; the day */
};

struct standup_action {
	int64_t id, account_id;
	char *account, *owner, *text, *due, *done_on; /* done_on NULL: open */
	enum commitment_state state;
};

/* The sections read apart from the board, the movers and the holds: the
 * console reads each as it comes into view (standup_load_part()). */
enum standup_part {
	STANDUP_DETRACTORS,
	STANDUP_OVERDUE,
	STANDUP_PROBLEMS,
	STANDUP_ACTIONS,
	STANDUP_PARTS
};

struct standup {
	int today, since;
	enum standup_since since_kind;
	char *owner;       /* the filter, or NULL */
	int history_start; /* the first day of the history, -1: none */
	int now[QUAD_COUNT], then[QUAD_COUNT];
	struct standup_mover *moved;
	size_t nmoved;
	struct standup_hold *holds;
	size_t nholds;
	struct standup_detractor *detractors; /* newest first */
	size_t ndetractors;
	struct standup_detractor *overdue; /* the oldest due first */
	size_t noverdue;
	struct standup_problem *problems; /* the latest move first */
	size_t nproblems;
	struct standup_action *actions; /* by owner, open ones first, then by due day */
	size_t nactions;
	bool loaded[STANDUP_PARTS]; /* which of the parts are read */
};

/* Loads the report as of today, since the end of day `since` (-1: the last
 * standup marked before today, else STANDUP_DEFAULT_DAYS ago), for the
 * accounts and actions of owner (NULL: everyone's). On failure the report
 * holds nothing to free and status_detail() says why. Needs db_refresh()
 * first. */
enum status standup_load(struct db *db, const struct rules *rules, int today, int since,
			 const char *owner, struct standup *out);
/* The same without the parts: the board, the movers and the holds. */
enum status standup_begin(struct db *db, int today, int since, const char *owner,
			  struct standup *out);
/* Reads part p of a report begun (nothing when it is read already). On
 * failure the part stays unread and empty, and status_detail() says why. */
enum status standup_load_part(struct db *db, const struct rules *rules, struct standup *s,
			      enum standup_part p);
void standup_done(struct standup *s);

/* How many accounts of each quadrant now and then differ: now - then. */
int standup_delta(const struct standup *s, enum quadrant q);

#endif

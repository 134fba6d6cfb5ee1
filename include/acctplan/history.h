/*
 * What a standup looks back on (DESIGN.md §2, issue 10): the history of
 * where each account stood, the days standups were held (marks), the
 * team's actions, and the queries behind the report of what moved since.
 * Beside db.h, on the same struct db.
 *
 * The history is the snapshots table, one row per change of an account's
 * standing (standing.h says what a change is). db_refresh() writes it for
 * every account whose cache row it rebuilds, comparing with the account's
 * last row, and dates the row today; so what any program writes reaches it
 * at the next refresh. A day's row says where the account stood at the end
 * of that day.
 *
 * Every function that writes runs in one transaction of its own, except
 * db_history_put() (for a loader inside its own). Rows come back through
 * callbacks whose strings are borrowed for the duration of the call.
 */
#ifndef ACCTPLAN_HISTORY_H
#define ACCTPLAN_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/commitment.h"
#include "acctplan/db.h"
#include "acctplan/standing.h"

/* ---- the history -------------------------------------------------------- */

/* Writes one row of history: where account_id stood at the end of `day`,
 * its status as it was, after the row it wrote for the account before
 * (before, with the same status; NULL: the account's first row). For a
 * loader that computes past standings itself (the synthetic book), inside
 * the loader's transaction, writing each account's rows in day order; it
 * writes what it is given, so the loader applies standing_changed(). */
enum status db_history_put(struct db *db, int day, int64_t account_id, enum acct_status status,
			   const struct standing *s, const struct standing *before);

/* An account whose history changed after a day: where it stood at the end
 * of that day (from its last row up to it) and where it stands now (the
 * cache and the account). */
struct change_row {
	int64_t id;
	const char *name, *owner;
	bool was_known;       /* a row on or before the day: then is what it said */
	bool covered;         /* the history reaches back to the day: with no row then, the
		       * account was not on the board (else: not known) */
	struct standing then; /* then.active false when it was not on the board */
	struct standing now;
	const char *hold_why;     /* why it is on hold now, or why not (static text) */
	const char *hold_reason;  /* the reason given by hand, or NULL */
	struct priority priority; /* now */
	const char *changed_on;   /* the day of its last row */
};
typedef int (*change_cb)(const struct change_row *row, void *ctx);

/* The first day of the history (its oldest row), or -1 when it has none. */
enum status db_history_start(struct db *db, int *day);

/* The accounts (of owner, when not NULL) with a row of history dated after
 * `since` and up to today whose quadrant, hold or status at the end of
 * `since` is not what it is now (or that had no row then), each once, in
 * no set order (the caller sorts what it keeps by row.priority:
 * account_order_cmp()); a move within a quadrant is not one. Needs
 * db_refresh() first. Costs about the accounts that changed, not the
 * book: the rows after a day are found by their date, and only those that
 * moved are read further. */
enum status db_history_changes(struct db *db, int since, const char *owner, change_cb cb,
			       void *ctx);

/* Where the accounts (of owner, when not NULL) that changed after `since`
 * stood at its end, for the scatter plot's trails: cb gets each one's NPS
 * and share then and now (both known: plotted then and now): every
 * account with a row of history after `since`, a move within a quadrant
 * too. */
struct trail_row {
	int64_t id;
	double nps_then, share_then, nps_now, share_now; /* an unknown share is 0 */
	enum quadrant quadrant;                          /* now */
};
typedef int (*trail_cb)(const struct trail_row *row, void *ctx);
enum status db_history_trails(struct db *db, int since, const char *owner, trail_cb cb, void *ctx);
/* Starts reading the book's trails since `since` (db_history_trails()
 * without an owner) on a thread and a connection of their own, so that the
 * scatter plot finds them read when it opens; db_history_trails() waits
 * for them, and reads them itself when the file or today has moved since.
 * Nothing on a read-only file or without threads. */
void db_history_trails_ahead(struct db *db, int since);

/* ---- standup marks ------------------------------------------------------- */

/* Records that a standup was held on `on` ("YYYY-MM-DD"), at created_at
 * (NULL: now); *added is false, and nothing written, when one was already
 * marked that day. */
enum status db_mark_add(struct db *db, const char *on, const char *created_at, bool *added);
/* The day of the last standup held before `before` (a day number), or -1
 * when there is none. */
enum status db_mark_last(struct db *db, int before, int *day);

/* ---- actions ------------------------------------------------------------- */

struct action_rec {
	int64_t account_id;
	const char *owner, *text;
	const char *due;        /* "YYYY-MM-DD" */
	const char *done_on;    /* NULL: open */
	const char *created_at; /* NULL: now */
};

/* Writes a mark or an action as it is, inside the caller's transaction:
 * for loaders (the sample books). */
enum status db_insert_mark(struct db *db, const char *on, const char *created_at, int64_t *id);
enum status db_insert_action(struct db *db, const struct action_rec *r, int64_t *id);

/* Adds an action to an account (STATUS_NOT_FOUND when there is no such
 * account). */
enum status db_action_add(struct db *db, const struct action_rec *r, int64_t *id);
/* Marks an action done on `on`; STATUS_BAD_INPUT when it already is,
 * STATUS_NOT_FOUND when there is no such action. */
enum status db_action_done(struct db *db, int64_t id, const char *on);
/* Opens a done action again; STATUS_BAD_INPUT when it is open. */
enum status db_action_reopen(struct db *db, int64_t id);

struct action_row {
	int64_t id, account_id;
	const char *account; /* the account's name */
	const char *owner, *text, *due, *done_on, *created_at;
	int due_day;  /* day number of due, -1 when it is not a date */
	int done_day; /* day number of done_on, -1 when open */
};
typedef int (*action_cb)(const struct action_row *row, void *ctx);

struct action_filter {
	const char *owner;  /* the action's owner, exactly, or NULL */
	int64_t account_id; /* one account, or 0 */
	bool open_only;     /* only those not done */
	int since;          /* a day number: the open ones and those done after it; -1: all */
};
/* Actions, ordered by owner (any case), then open ones before done ones,
 * then due day, then account name, then id. */
enum status db_actions(struct db *db, const struct action_filter *f, action_cb cb, void *ctx);
/* One action, as db_actions() gives it. */
enum status db_action_get(struct db *db, int64_t id, action_cb cb, void *ctx);

/* ---- what else a standup looks back on ------------------------------------ */

/* A detractor's response that came in after a day. */
struct detractor_row {
	int64_t id, account_id;
	const char *account, *owner, *contact; /* contact NULL: anonymous */
	const char *responded_on, *comment;
	int score;
};
typedef int (*detractor_cb)(const struct detractor_row *row, void *ctx);
/* Detractor responses (score within a follow-up's, followup.h) dated after
 * `since` and up to `today`, of the accounts of owner (NULL: all), newest
 * first, then by account name. */
enum status db_detractors_since(struct db *db, int since, int today, const char *owner,
				detractor_cb cb, void *ctx);

/* A problem that moved after a day: opened, resolved or reported back. */
struct moved_problem_row {
	int64_t id, account_id;
	const char *account, *title, *status;
	const char *event; /* its last move after `since`: "opened", "resolved", "reported_back" */
	const char *on;    /* the day of it */
};
typedef int (*moved_problem_cb)(const struct moved_problem_row *row, void *ctx);
/* Problems of the accounts of owner (NULL: all) opened, resolved or
 * reported back after `since` and up to `today`, the latest move first. */
enum status db_problems_moved(struct db *db, int since, int today, const char *owner,
			      moved_problem_cb cb, void *ctx);

#endif

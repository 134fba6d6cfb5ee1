/*
 * The agenda: what is due, and in which order (DESIGN.md §1, issue 4).
 *
 * Six kinds of item, each with a due day:
 *  - AGENDA_FOLLOWUP: a detractor response still waiting for its follow-up,
 *    by the one rule of followup.h (in the window, not linked to a note or
 *    problem, no closing note with its buyer since); due loop_close_days
 *    after it came in, overdue the day after.
 *  - AGENDA_NEXT_CONTACT: an account's "try again on" date. Only the newest
 *    note that carries a next-contact date counts, and any note on the
 *    account written on or after that date clears it (the call was made).
 *  - AGENDA_CHECKIN: a post-sale check-in, due at won_on + 7, + 30 and + 90
 *    days. A check-in note dated on or after (due - AGENDA_CHECKIN_SLACK)
 *    covers it: calling a few days early counts, and a late check-in still
 *    clears the ones it was late for.
 *  - AGENDA_REPORT_BACK: a problem resolved but not yet reported back to the
 *    customer; due the day it was resolved.
 *  - AGENDA_ACTION: an action the team agreed in a standup (commitment.h),
 *    still open; due on its due day. It is on the agenda of its own owner,
 *    who may not be the account's.
 *  - AGENDA_WINBACK: a lost account's win-back review (seed 003), due every
 *    winback_days after the day it was lost (accounts.lost_on), until it is
 *    won again (active) or the win-back is dropped. A win-back note dated
 *    on or after (due - AGENDA_CHECKIN_SLACK) covers that review and every
 *    one before it; only the next review not covered is on the agenda.
 * An item is on the agenda when its due day is at most today + horizon days.
 * Order: by kind in the order above, then the oldest due day first, then the
 * account's priority (§1 "Priority"), then the account name (agenda_cmp()).
 * The database returns each kind already in this order, so a page of the
 * agenda is cheap; a next page starts after an item by agenda_cmp(). Pure:
 * no I/O.
 */
#ifndef ACCTPLAN_AGENDA_H
#define ACCTPLAN_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/quadrant.h"
#include "acctplan/rules.h"

enum agenda_kind {
	AGENDA_FOLLOWUP,
	AGENDA_NEXT_CONTACT,
	AGENDA_CHECKIN,
	AGENDA_REPORT_BACK,
	AGENDA_ACTION,
	AGENDA_WINBACK,
	AGENDA_KIND_COUNT
};

#define AGENDA_CHECKINS 3
#define AGENDA_CHECKIN_SLACK 3                            /* days early a check-in may be made */
extern const int agenda_checkin_offsets[AGENDA_CHECKINS]; /* 7, 30, 90 */

struct agenda_item {
	enum agenda_kind kind;
	int due;                  /* day number */
	struct priority priority; /* the account's */
	int64_t account_id;
	int64_t ref_id;      /* the response, note, problem or action; 0 for a check-in */
	int step;            /* check-ins: 0, 1, 2 for +7, +30, +90; win-back: the review's
			      * number, 1 for the first */
	const char *account; /* borrowed */
	const char *owner;   /* borrowed: the account's owner; an action's own */
	/* what the item is about, as stored (borrowed; NULL when none); the
	 * front ends word it (fmt_agenda_detail()) */
	const char *text;      /* the comment, the note's text, the problem's title, the action */
	const char *contact;   /* follow-up: the buyer, NULL when anonymous */
	int score;             /* follow-up: the score */
	const char *on;        /* follow-up: the response's date; check-in: the sale's;
				* win-back: the day it was lost */
	const char *good_time; /* try again: the answer given, or NULL */
	const char *reason;    /* try again: its reason code, or NULL */
};

const char *agenda_kind_name(enum agenda_kind k);  /* "followup", ... */
const char *agenda_kind_title(enum agenda_kind k); /* "Detractor follow-up", ... */

/* Whether a next-contact date is still pending, given the newest day any
 * note was written on the account (-1: none). */
bool agenda_next_contact_pending(int next_day, int last_note_day);
/* The check-ins of a sale won on `won` that are due by `until` and not
 * covered by any of the check-in note days given. Writes due days and steps
 * (0..2) oldest first; returns how many. */
int agenda_checkins_due(int won, const int *checkin_days, size_t ncheckins, int until,
			int due[AGENDA_CHECKINS], int step[AGENDA_CHECKINS]);
/* The next win-back review of an account lost on `lost`, reviewed every
 * `every` days (winback_days; less than 1 counts as 1), whose latest
 * win-back note is dated `last_review` (-1: none since it was lost): the
 * due day of the first review that note does not cover. Its number (1 for
 * the first) in *step when not NULL. */
int agenda_winback_due(int lost, int every, int last_review, int *step);
/* Whether an item is on an agenda for today looking horizon days ahead. */
bool agenda_in_range(int due, int today, int horizon);
/* The position just before every item of kind k due on day `due`, for
 * agenda_cmp(): a page can start after it. */
struct agenda_item agenda_day_start(enum agenda_kind k, int due);
/* Sorts into agenda order. */
void agenda_sort(struct agenda_item *items, size_t n);
/* qsort-style comparison behind agenda_sort(): the agenda order, ties
 * broken by check-in step, ref_id and account id, so that two different
 * items never compare equal (a page resumes after an item by it). */
int agenda_cmp(const struct agenda_item *a, const struct agenda_item *b);

#endif

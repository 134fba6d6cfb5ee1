/*
 * Closing the loop on a detractor (DESIGN.md §1 "Closed loop and
 * defects"), the one rule every list, view and form asks:
 *
 *  - Only a detractor's response (score 0..6) needs a follow-up, and only
 *    while it is in the advocacy window (responded today - window_days + 1
 *    .. today). An older response is history: never due, never overdue.
 *  - It is followed up once a note or a problem is linked to it, or a note
 *    of a closing kind (followup, call) with the same buyer was logged on
 *    or after the day of the response. An anonymous response is closed
 *    only by a link.
 *  - Until then it is due loop_close_days after it came in, and overdue
 *    from the day after that.
 *
 * The database gathers the facts of a response (struct followup_facts);
 * this decides. Pure: no I/O.
 */
#ifndef ACCTPLAN_FOLLOWUP_H
#define ACCTPLAN_FOLLOWUP_H

#include <stdbool.h>

#include "acctplan/rules.h"

/* What the rule needs to know of one response. */
struct followup_facts {
	int responded;    /* day number of the response */
	int score;        /* 0..10 */
	bool linked;      /* a note or a problem is linked to it */
	bool buyer_noted; /* a followup or call note with its buyer, on or after it */
};

enum followup_state {
	FOLLOWUP_NONE,    /* no follow-up is asked: not a detractor, or history */
	FOLLOWUP_DONE,    /* followed up */
	FOLLOWUP_DUE,     /* waiting, and not late yet (due today or later) */
	FOLLOWUP_OVERDUE, /* waiting past its due day */
};

/* The state of a response today; *due (may be NULL) gets the day it is
 * due by whenever a follow-up is asked (every state but NONE). */
enum followup_state followup_state(const struct rules *r, int today, const struct followup_facts *f,
				   int *due);
/* "none", "done", "due", "overdue": the state as JSON and CSV write it. */
const char *followup_state_name(enum followup_state s);
/* The day a response of day `responded` is due by. */
int followup_due(const struct rules *r, int responded);
/* The response days whose detractors may be waiting today: first..last,
 * the advocacy window (the database selects candidates with these). */
void followup_days(const struct rules *r, int today, int *first, int *last);
/* The highest score that needs a follow-up (a detractor's). */
#define FOLLOWUP_MAX_SCORE 6
/* Whether a note of this kind with the response's buyer closes it. */
bool followup_closing_kind(enum note_kind k);

/* How a detractor's follow-up went, for the coaching report. */
enum followup_timing {
	FOLLOWUP_UNASKED, /* no follow-up is asked: not a detractor's response */
	FOLLOWUP_ON_TIME, /* followed up by its due day */
	FOLLOWUP_LATE,    /* followed up after it, or not at all and past it */
	FOLLOWUP_WAITING, /* not followed up yet, and not due yet */
};
/* The timing of the follow-up of a response of day `responded` with
 * `score`, first followed up on day `done` (-1: not yet), as of today. */
enum followup_timing followup_timing(const struct rules *r, int today, int responded, int score,
				     int done);

#endif

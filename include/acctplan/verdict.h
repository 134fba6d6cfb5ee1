/*
 * The brief's verdict: the first thing an account manager reads before a
 * call, and the answer to "should I be selling to them right now?"
 * (DESIGN.md §1; seeds 001 and 002). In order, the first that applies:
 *
 *   do_not_pitch  sales are on hold (the quadrant, an open readiness
 *                 condition, or by hand): talk about what must change
 *   wait          the latest answer to "is this a good time to talk?" was
 *                 no or unsure, and its date to try again is still ahead
 *   check_in      a post-sale check-in is due: reinforce the decision
 *                 before the next pitch
 *   pitch         sales are open: the quadrant's play
 *
 * Pure: no I/O.
 */
#ifndef ACCTPLAN_VERDICT_H
#define ACCTPLAN_VERDICT_H

#include <stdbool.h>

#include "acctplan/quadrant.h"
#include "acctplan/strbuf.h"

enum verdict { VERDICT_PITCH, VERDICT_WAIT, VERDICT_CHECK_IN, VERDICT_DO_NOT_PITCH };

/* What the verdict is decided on. */
struct verdict_facts {
	enum quadrant quadrant;
	struct hold hold;
	bool manual;         /* the hold was set by hand */
	int open_problems;   /* not yet reported back */
	int open_conditions; /* readiness conditions not met */
	int followups_due;   /* detractors waiting for a follow-up, due by today */
	int good_time;       /* the latest answer (enum good_time), or -1: never asked */
	int good_reason;     /* its reason (enum reason), or -1 */
	int try_again;       /* its date to try again (day number), or -1 */
	int checkin_due;     /* the oldest post-sale check-in due by today, or -1 */
};

struct verdict_result {
	enum verdict verdict;
	int until;  /* wait: the day to try again; check_in: the day it fell due; else -1 */
	int reason; /* wait: enum reason or -1; else -1 */
};

struct verdict_result verdict_decide(const struct verdict_facts *f, int today);
/* "Not a good time" still stands: the latest answer (enum good_time, -1:
 * never asked) was no or unsure and its date to try again (a day number,
 * -1: none) is after today. The one test the verdict and the plays'
 * gate (plays.h) share. */
bool verdict_not_good_time(int good_time, int try_again, int today);
/* "pitch", "wait", "check_in", "do_not_pitch": as JSON writes it. */
const char *verdict_name(enum verdict v);
/* What to talk about on a call with an account on hold instead of
 * pitching, appended to out as one sentence without its full stop. */
void verdict_instead(struct strbuf *out, const struct verdict_facts *f);

#endif

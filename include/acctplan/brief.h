/*
 * The pre-call brief's advice (DESIGN.md §1, issue 4). Pure: no I/O.
 */
#ifndef ACCTPLAN_BRIEF_H
#define ACCTPLAN_BRIEF_H

#include <stdbool.h>

#include "acctplan/quadrant.h"
#include "acctplan/strbuf.h"

/* What to talk about on a call with an account on hold instead of pitching,
 * appended to out as one sentence. manual: the hold was set by hand. */
void brief_instead(struct strbuf *out, enum quadrant q, bool manual, int open_problems,
		   int open_conditions, int followups_due);

#endif

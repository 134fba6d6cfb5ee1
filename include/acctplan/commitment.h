/*
 * The team's commitments (DESIGN.md §2 "standup marks and actions"): an
 * action agreed in a standup, "Priya calls Calder's ops lead by Thursday",
 * with an owner, a due day and a state, open or done on a day. What the
 * next standup says of it:
 *
 *  - open:     not done, and its due day is today or later
 *  - not_done: not done, and its due day has passed
 *  - done:     done on or before its due day
 *  - late:     done, after its due day
 *
 * A standup reports the actions still open and those done since it was
 * last held. Pure: no I/O.
 */
#ifndef ACCTPLAN_COMMITMENT_H
#define ACCTPLAN_COMMITMENT_H

#include <stdbool.h>

enum commitment_state {
	COMMIT_OPEN,
	COMMIT_NOT_DONE,
	COMMIT_DONE,
	COMMIT_LATE,
	COMMIT_STATE_COUNT
};

/* The state of an action due on `due`, done on `done_on` (-1: not done),
 * as of today. */
enum commitment_state commitment_state(int due, int done_on, int today);
/* "open", "not_done", "done", "late": as JSON and CSV write it. */
const char *commitment_state_name(enum commitment_state s);
/* Whether it is still to be done (open or not_done). */
bool commitment_pending(enum commitment_state s);
/* Whether a standup reporting since the end of day `since` shows it: still
 * pending, or done after that day. */
bool commitment_reported(int done_on, int since);

#endif

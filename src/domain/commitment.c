/* The state of a team action; the rules are in commitment.h. */
#include "acctplan/commitment.h"

enum commitment_state commitment_state(int due, int done_on, int today)
{
	if (done_on >= 0)
		return done_on <= due ? COMMIT_DONE : COMMIT_LATE;
	return due < today ? COMMIT_NOT_DONE : COMMIT_OPEN;
}

const char *commitment_state_name(enum commitment_state s)
{
	static const char *const names[] = {"open", "not_done", "done", "late"};

	return (unsigned)s < COMMIT_STATE_COUNT ? names[s] : "?";
}

bool commitment_pending(enum commitment_state s)
{
	return s == COMMIT_OPEN || s == COMMIT_NOT_DONE;
}

bool commitment_reported(int done_on, int since)
{
	return done_on < 0 || done_on > since;
}

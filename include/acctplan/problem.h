/*
 * The problem lifecycle (DESIGN.md §1 "Closed loop and defects"):
 *
 *   open -> root_cause -> fixing -> resolved -> reported_back
 *
 * Rules, in the order problem_move_check() applies them:
 *  - reported_back is final: the customer has been told, the loop is closed.
 *    A problem that comes back is a new problem (the history stays honest).
 *  - Moving to the state a problem is already in is not a move.
 *  - Going back is allowed between open, root_cause, fixing and resolved: a
 *    fix that did not hold goes back to fixing, a wrong root cause back to
 *    root_cause. Going back before resolved clears the resolved date.
 *  - Going forward may skip states, but fixing, resolved and reported_back
 *    need a root cause on record (given with the move or found before): a
 *    problem is not fixed until we know why it happened.
 *  - reported_back is reached only from resolved, and needs what was told
 *    to the customer: the loop closes only once there is a fix to report.
 * Entering resolved (or later) from before it stamps resolved_on; entering
 * reported_back stamps reported_on. Pure: no I/O.
 */
#ifndef ACCTPLAN_PROBLEM_H
#define ACCTPLAN_PROBLEM_H

#include <stdbool.h>

#include "acctplan/rules.h"

enum problem_move {
	PMOVE_OK,
	PMOVE_SAME,             /* already in that state */
	PMOVE_CLOSED,           /* reported_back is final */
	PMOVE_NEEDS_ROOT_CAUSE, /* fixing or later without a root cause */
	PMOVE_NEEDS_RESOLVED,   /* reported_back from anything but resolved */
	PMOVE_NEEDS_REPORT,     /* reported_back without what was told */
	PMOVE_BAD_STATE,        /* not a lifecycle state */
};

/* Whether from -> to is allowed; has_root_cause and has_report say whether
 * the problem will have those texts once the move is made. */
enum problem_move problem_move_check(enum problem_status from, enum problem_status to,
				     bool has_root_cause, bool has_report);
/* One line saying why a move is refused (static). */
const char *problem_move_message(enum problem_move m);

/* What a move does to the dates: set_resolved (stamp resolved_on with the
 * move's date unless one is kept), clear_resolved, set_reported. */
struct problem_dates {
	bool set_resolved, clear_resolved, set_reported, clear_reported;
};
struct problem_dates problem_move_dates(enum problem_status from, enum problem_status to);

/* Open in the closed-loop sense: not yet reported back. */
bool problem_is_open(enum problem_status s);

#endif

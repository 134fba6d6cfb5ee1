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
#include <stdint.h>

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

/* ---- a new problem's defaults ---------------------------------------- */

/* A defect as a new problem may take it (strings borrowed). */
struct problem_defect {
	int64_t id;        /* 0: none */
	const char *title; /* its title */
	int category;      /* enum problem_category, or -1 when not one */
};

/* What is known when a problem is opened: what was asked for, and the
 * facts of the response it comes from, its defects and its account, as the
 * database holds them. Strings are borrowed. */
struct problem_facts {
	const char *title;            /* asked for, or NULL */
	int category;                 /* asked for (enum problem_category), or -1 */
	int64_t contact_id;           /* asked for, or 0 */
	const char *owner;            /* asked for, or NULL */
	struct problem_defect asked;  /* the defect asked for (id 0: none) */
	struct problem_defect tagged; /* the response's first defect tag by code (id 0: none) */
	int64_t response_contact;     /* the response's buyer, or 0 */
	const char *response_comment; /* the response's comment, or NULL without one */
	const char *account_owner;    /* the account's owner */
};

/* The problem to write (strings borrowed from the facts). */
struct problem_choice {
	int64_t defect_id;  /* 0: none */
	int64_t contact_id; /* 0: none */
	const char *title;
	enum problem_category category;
	const char *owner;
};

/* Fills what the request left unset: the defect asked for, else the
 * response's first tag; the buyer asked for, else the response's; the title
 * asked for, else the chosen defect's, else the response's comment when it
 * is not empty; the category asked for, else the chosen defect's, else
 * service; the owner asked for, else the account's. False (out->title NULL)
 * when no title can be found. */
bool problem_defaults(const struct problem_facts *f, struct problem_choice *out);

#endif

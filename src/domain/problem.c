/* The problem lifecycle; the rules are in problem.h. */
#include "acctplan/problem.h"

enum problem_move problem_move_check(enum problem_status from, enum problem_status to,
				     bool has_root_cause, bool has_report)
{
	if ((unsigned)from >= PSTAT_COUNT || (unsigned)to >= PSTAT_COUNT)
		return PMOVE_BAD_STATE;
	if (from == PSTAT_REPORTED_BACK)
		return PMOVE_CLOSED;
	if (from == to)
		return PMOVE_SAME;
	if (to == PSTAT_REPORTED_BACK && from != PSTAT_RESOLVED)
		return PMOVE_NEEDS_RESOLVED;
	if (to >= PSTAT_FIXING && !has_root_cause)
		return PMOVE_NEEDS_ROOT_CAUSE;
	if (to == PSTAT_REPORTED_BACK && !has_report)
		return PMOVE_NEEDS_REPORT;
	return PMOVE_OK;
}

const char *problem_move_message(enum problem_move m)
{
	switch (m) {
	case PMOVE_OK:
		return "allowed";
	case PMOVE_SAME:
		return "the problem is already in that state";
	case PMOVE_CLOSED:
		return "the problem was reported back: the loop is closed (open a new problem if it came back)";
	case PMOVE_NEEDS_ROOT_CAUSE:
		return "fixing, resolved and reported back need a root cause";
	case PMOVE_NEEDS_RESOLVED:
		return "only a resolved problem can be reported back (move it to resolved first)";
	case PMOVE_NEEDS_REPORT:
		return "reported back needs what the customer was told";
	case PMOVE_BAD_STATE:
		break;
	}
	return "not a lifecycle state (open, root_cause, fixing, resolved, reported_back)";
}

struct problem_dates problem_move_dates(enum problem_status from, enum problem_status to)
{
	struct problem_dates d = {false, false, false, false};

	if (to >= PSTAT_RESOLVED && from < PSTAT_RESOLVED)
		d.set_resolved = true;
	if (to < PSTAT_RESOLVED)
		d.clear_resolved = true;
	if (to == PSTAT_REPORTED_BACK)
		d.set_reported = true;
	else
		d.clear_reported = true;
	return d;
}

bool problem_is_open(enum problem_status s)
{
	return s != PSTAT_REPORTED_BACK;
}

bool problem_defaults(const struct problem_facts *f, struct problem_choice *out)
{
	const struct problem_defect *d = f->asked.id ? &f->asked : &f->tagged;

	out->defect_id = d->id;
	out->contact_id = f->contact_id ? f->contact_id : f->response_contact;
	out->owner = f->owner ? f->owner : f->account_owner;
	if (f->title)
		out->title = f->title;
	else if (d->id && d->title)
		out->title = d->title;
	else
		out->title = f->response_comment;
	if (out->title && !*out->title)
		out->title = NULL;
	if ((unsigned)f->category < PCAT_COUNT)
		out->category = (enum problem_category)f->category;
	else if (d->id && (unsigned)d->category < PCAT_COUNT)
		out->category = (enum problem_category)d->category;
	else
		out->category = PCAT_SERVICE;
	return out->title != NULL;
}

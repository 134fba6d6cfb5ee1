/* The follow-up rule; see followup.h. */
#include "acctplan/followup.h"

int followup_due(const struct rules *r, int responded)
{
	return responded + (r->loop_close_days > 0 ? r->loop_close_days : 0);
}

void followup_days(const struct rules *r, int today, int *first, int *last)
{
	*first = today - r->window_days + 1;
	*last = today;
}

bool followup_closing_kind(enum note_kind k)
{
	return k == NOTE_FOLLOWUP || k == NOTE_CALL;
}

enum followup_state followup_state(const struct rules *r, int today, const struct followup_facts *f,
				   int *due)
{
	int first, last, d;

	followup_days(r, today, &first, &last);
	if (f->score > FOLLOWUP_MAX_SCORE || f->score < 0 || f->responded < first ||
	    f->responded > last)
		return FOLLOWUP_NONE;
	d = followup_due(r, f->responded);
	if (due)
		*due = d;
	if (f->linked || f->buyer_noted)
		return FOLLOWUP_DONE;
	return d < today ? FOLLOWUP_OVERDUE : FOLLOWUP_DUE;
}

const char *followup_state_name(enum followup_state s)
{
	static const char *const names[] = {"none", "done", "due", "overdue"};

	return (unsigned)s <= FOLLOWUP_OVERDUE ? names[s] : "?";
}

enum followup_timing followup_timing(const struct rules *r, int today, int responded, int score,
				     int done)
{
	int due = followup_due(r, responded);

	if (score < 0 || score > FOLLOWUP_MAX_SCORE)
		return FOLLOWUP_UNASKED;
	if (done >= 0)
		return done <= due ? FOLLOWUP_ON_TIME : FOLLOWUP_LATE;
	return due < today ? FOLLOWUP_LATE : FOLLOWUP_WAITING;
}

/* What is due, and in which order; the rules are in agenda.h. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/agenda.h"
#include "acctplan/text.h"

const int agenda_checkin_offsets[AGENDA_CHECKINS] = {7, 30, 90};

static const struct {
	const char *name, *title;
} kinds[AGENDA_KIND_COUNT] = {
	[AGENDA_FOLLOWUP] = {"followup", "Detractor follow-up"},
	[AGENDA_NEXT_CONTACT] = {"next_contact", "Try again"},
	[AGENDA_CHECKIN] = {"checkin", "Post-sale check-in"},
	[AGENDA_REPORT_BACK] = {"report_back", "Report back"},
	[AGENDA_ACTION] = {"action", "Agreed action"},
	[AGENDA_WINBACK] = {"winback", "Win-back review"},
};

const char *agenda_kind_name(enum agenda_kind k)
{
	return (unsigned)k < AGENDA_KIND_COUNT ? kinds[k].name : "?";
}

const char *agenda_kind_title(enum agenda_kind k)
{
	return (unsigned)k < AGENDA_KIND_COUNT ? kinds[k].title : "?";
}

bool agenda_next_contact_pending(int next_day, int last_note_day)
{
	return last_note_day < next_day;
}

int agenda_checkins_due(int won, const int *checkin_days, size_t ncheckins, int until,
			int due[AGENDA_CHECKINS], int step[AGENDA_CHECKINS])
{
	int i, n = 0;
	size_t j;

	for (i = 0; i < AGENDA_CHECKINS; i++) {
		int d = won + agenda_checkin_offsets[i];
		bool covered = false;

		if (d > until)
			break;
		for (j = 0; j < ncheckins && !covered; j++)
			covered = checkin_days[j] >= d - AGENDA_CHECKIN_SLACK;
		if (covered)
			continue;
		due[n] = d;
		step[n] = i;
		n++;
	}
	return n;
}

int agenda_winback_due(int lost, int every, int last_review, int *step)
{
	int k = 1;

	if (every < 1)
		every = 1;
	/* the first review due after what the last one covered */
	if (last_review >= lost && last_review + AGENDA_CHECKIN_SLACK >= lost + every)
		k = (last_review + AGENDA_CHECKIN_SLACK - lost) / every + 1;
	if (step)
		*step = k;
	return lost + k * every;
}

bool agenda_in_range(int due, int today, int horizon)
{
	return due <= today + (horizon > 0 ? horizon : 0);
}

int agenda_cmp(const struct agenda_item *a, const struct agenda_item *b)
{
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if ((c = priority_cmp(&a->priority, &b->priority)) != 0)
		return c;
	if ((c = text_nocase_cmp(a->account ? a->account : "", b->account ? b->account : "")) != 0)
		return c;
	if (a->step != b->step)
		return a->step < b->step ? -1 : 1;
	if (a->ref_id != b->ref_id)
		return a->ref_id < b->ref_id ? -1 : 1;
	/* check-ins have no ref_id: two accounts of one name stay apart */
	if (a->account_id != b->account_id)
		return a->account_id < b->account_id ? -1 : 1;
	return 0;
}

struct agenda_item agenda_day_start(enum agenda_kind k, int due)
{
	struct agenda_item it;

	memset(&it, 0, sizeof(it));
	it.kind = k;
	it.due = due;
	it.priority.group = INT_MIN; /* before every real priority group */
	it.priority.value = INT64_MAX;
	it.account = "";
	it.step = INT_MIN;
	it.ref_id = INT64_MIN;
	it.account_id = INT64_MIN;
	return it;
}

static int cmp_item(const void *a, const void *b)
{
	return agenda_cmp(a, b);
}

void agenda_sort(struct agenda_item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof(*items), cmp_item);
}

/*
 * Loading the standup report (standup.h). Its cost follows what moved, not
 * the size of the book: the board now is the cache's totals, and the board
 * then is the board now with each changed account moved back to where its
 * history says it stood; the rest are read by their dates.
 */
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/history.h"
#include "acctplan/loop.h"
#include "acctplan/standup.h"
#include "acctplan/xalloc.h"

struct loader {
	struct standup *s;
	size_t cap_moved, cap_holds, cap_det, cap_over, cap_prob, cap_act;
};

static int got_change(const struct change_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct standup *s = l->s;
	bool was_on = r->was_known && r->then.active;

	/* before the history began: where it stood is not known */
	if (!r->was_known && !r->covered)
		return 0;
	if (r->now.active)
		s->then[r->now.quadrant]--;
	if (was_on)
		s->then[r->then.quadrant]++;
	if (was_on != r->now.active || (was_on && r->then.quadrant != r->now.quadrant)) {
		struct standup_mover *m;

		s->moved = xgrow(s->moved, &l->cap_moved, s->nmoved + 1, sizeof(*s->moved));
		m = &s->moved[s->nmoved++];
		m->id = r->id;
		m->name = xstrdup(r->name);
		m->owner = xstrdup(r->owner);
		m->was_on = was_on;
		m->is_on = r->now.active;
		m->from = r->then.quadrant;
		m->to = r->now.quadrant;
		m->nps_then_known = was_on && r->then.nps_known;
		m->nps_then = r->then.nps;
		m->nps_now_known = r->now.nps_known;
		m->nps_now = r->now.nps;
		m->changed_on = xstrdup(r->changed_on);
		m->priority = r->priority;
	} else if (was_on && r->now.active && r->then.hold != r->now.hold) {
		struct standup_hold *h;

		s->holds = xgrow(s->holds, &l->cap_holds, s->nholds + 1, sizeof(*s->holds));
		h = &s->holds[s->nholds++];
		h->id = r->id;
		h->name = xstrdup(r->name);
		h->owner = xstrdup(r->owner);
		h->was = r->then.hold;
		h->now = r->now.hold;
		h->priority = r->priority;
		h->why = xstrdup(r->hold_reason ? r->hold_reason : r->hold_why);
	}
	return 0;
}

static int mover_cmp(const void *a, const void *b)
{
	const struct standup_mover *x = a, *y = b;

	return account_order_cmp(&x->priority, x->name, x->id, &y->priority, y->name, y->id);
}

static int hold_cmp(const void *a, const void *b)
{
	const struct standup_hold *x = a, *y = b;

	return account_order_cmp(&x->priority, x->name, x->id, &y->priority, y->name, y->id);
}

static int got_detractor(const struct detractor_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct standup *s = l->s;
	struct standup_detractor *d;

	s->detractors =
		xgrow(s->detractors, &l->cap_det, s->ndetractors + 1, sizeof(*s->detractors));
	d = &s->detractors[s->ndetractors++];
	d->id = r->id;
	d->account_id = r->account_id;
	d->account = xstrdup(r->account);
	d->owner = xstrdup(r->owner);
	d->contact = xstrdup_opt(r->contact);
	d->responded_on = xstrdup(r->responded_on);
	d->comment = xstrdup(r->comment);
	d->score = r->score;
	d->due = -1;
	return 0;
}

/* The follow-ups of the agenda from the first due after `since`, until the
 * first due today (not overdue yet) or the next kind. */
static int got_followup(const struct agenda_item *it, void *ctx)
{
	struct loader *l = ctx;
	struct standup *s = l->s;
	struct standup_detractor *d;

	if (it->kind != AGENDA_FOLLOWUP || it->due >= s->today)
		return 1;
	s->overdue = xgrow(s->overdue, &l->cap_over, s->noverdue + 1, sizeof(*s->overdue));
	d = &s->overdue[s->noverdue++];
	d->id = it->ref_id;
	d->account_id = it->account_id;
	d->account = xstrdup(it->account ? it->account : "");
	d->owner = xstrdup(it->owner ? it->owner : "");
	d->contact = xstrdup_opt(it->contact);
	d->responded_on = xstrdup(it->on ? it->on : "");
	d->comment = xstrdup(it->text ? it->text : "");
	d->score = it->score;
	d->due = it->due;
	return 0;
}

static int got_problem(const struct moved_problem_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct standup *s = l->s;
	struct standup_problem *p;

	s->problems = xgrow(s->problems, &l->cap_prob, s->nproblems + 1, sizeof(*s->problems));
	p = &s->problems[s->nproblems++];
	p->id = r->id;
	p->account_id = r->account_id;
	p->account = xstrdup(r->account);
	p->title = xstrdup(r->title);
	p->status = xstrdup(r->status);
	p->on = xstrdup(r->on);
	p->event = xstrdup(r->event);
	return 0;
}

static int got_action(const struct action_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct standup *s = l->s;
	struct standup_action *a;

	/* the query picks the candidates; the rule decides */
	if (!commitment_reported(r->done_day, s->since))
		return 0;
	s->actions = xgrow(s->actions, &l->cap_act, s->nactions + 1, sizeof(*s->actions));
	a = &s->actions[s->nactions++];
	a->id = r->id;
	a->account_id = r->account_id;
	a->account = xstrdup(r->account);
	a->owner = xstrdup(r->owner);
	a->text = xstrdup(r->text);
	a->due = xstrdup(r->due);
	a->done_on = xstrdup_opt(r->done_on);
	a->state = commitment_state(r->due_day, r->done_day, s->today);
	return 0;
}

enum status standup_begin(struct db *db, int today, int since, const char *owner,
			  struct standup *out)
{
	struct loader l = {.s = out};
	struct quadrant_summary sum[QUAD_COUNT];
	struct account_filter f;
	enum status st;
	int q;

	memset(out, 0, sizeof(*out));
	out->today = today;
	out->owner = xstrdup_opt(owner);
	out->since_kind = STANDUP_SINCE_GIVEN;
	if (since < 0) {
		if ((st = db_mark_last(db, today, &since)) != STATUS_OK)
			goto fail;
		out->since_kind = since >= 0 ? STANDUP_SINCE_MARK : STANDUP_SINCE_DEFAULT;
		if (since < 0)
			since = today - STANDUP_DEFAULT_DAYS;
	}
	out->since = since;
	if ((st = db_history_start(db, &out->history_start)) != STATUS_OK)
		goto fail;
	account_filter_init(&f);
	f.owner = owner;
	if ((st = db_board_summary(db, &f, sum)) != STATUS_OK)
		goto fail;
	for (q = 0; q < QUAD_COUNT; q++)
		out->now[q] = out->then[q] = sum[q].accounts;
	if ((st = db_history_changes(db, since, owner, got_change, &l)) != STATUS_OK)
		goto fail;
	/* in C: SQLite's sorter, carrying every column of some 2,300 rows at
	 * a million accounts, was a sixth of the view's first open */
	if (out->nmoved)
		qsort(out->moved, out->nmoved, sizeof(*out->moved), mover_cmp);
	if (out->nholds)
		qsort(out->holds, out->nholds, sizeof(*out->holds), hold_cmp);
	return STATUS_OK;
fail:
	standup_done(out);
	return st;
}

static void free_part(struct standup *s, enum standup_part p);

enum status standup_load_part(struct db *db, const struct rules *rules, struct standup *s,
			      enum standup_part p)
{
	struct loader l = {.s = s};
	struct agenda_filter af = {.owner = s->owner, .kinds = 1u << AGENDA_FOLLOWUP};
	struct agenda_item after;
	struct action_filter xf = {.owner = s->owner, .since = s->since};
	enum status st = STATUS_OK;

	if ((unsigned)p >= STANDUP_PARTS || s->loaded[p])
		return STATUS_OK;
	switch (p) {
	case STANDUP_DETRACTORS:
		st = db_detractors_since(db, s->since, s->today, s->owner, got_detractor, &l);
		break;
	case STANDUP_OVERDUE:
		after = agenda_day_start(AGENDA_FOLLOWUP, s->since + 1);
		af.after = &after;
		st = db_agenda(db, rules, s->today, &af, got_followup, &l);
		break;
	case STANDUP_PROBLEMS:
		st = db_problems_moved(db, s->since, s->today, s->owner, got_problem, &l);
		break;
	default:
		st = db_actions(db, &xf, got_action, &l);
		break;
	}
	if (st != STATUS_OK) {
		free_part(s, p);
		return st;
	}
	s->loaded[p] = true;
	return STATUS_OK;
}

enum status standup_load(struct db *db, const struct rules *rules, int today, int since,
			 const char *owner, struct standup *out)
{
	enum status st;
	int p;

	if ((st = standup_begin(db, today, since, owner, out)) != STATUS_OK)
		return st;
	for (p = 0; p < STANDUP_PARTS; p++)
		if ((st = standup_load_part(db, rules, out, (enum standup_part)p)) != STATUS_OK) {
			standup_done(out);
			return st;
		}
	return STATUS_OK;
}

int standup_delta(const struct standup *s, enum quadrant q)
{
	return (unsigned)q < QUAD_COUNT ? s->now[q] - s->then[q] : 0;
}

static void free_detractors(struct standup_detractor *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].account);
		free(d[i].owner);
		free(d[i].contact);
		free(d[i].responded_on);
		free(d[i].comment);
	}
	free(d);
}

/* Frees part p's rows: the report holds none of them. */
static void free_part(struct standup *s, enum standup_part p)
{
	size_t i;

	switch (p) {
	case STANDUP_DETRACTORS:
		free_detractors(s->detractors, s->ndetractors);
		s->detractors = NULL;
		s->ndetractors = 0;
		break;
	case STANDUP_OVERDUE:
		free_detractors(s->overdue, s->noverdue);
		s->overdue = NULL;
		s->noverdue = 0;
		break;
	case STANDUP_PROBLEMS:
		for (i = 0; i < s->nproblems; i++) {
			free(s->problems[i].account);
			free(s->problems[i].title);
			free(s->problems[i].status);
			free(s->problems[i].on);
			free(s->problems[i].event);
		}
		free(s->problems);
		s->problems = NULL;
		s->nproblems = 0;
		break;
	default:
		for (i = 0; i < s->nactions; i++) {
			free(s->actions[i].account);
			free(s->actions[i].owner);
			free(s->actions[i].text);
			free(s->actions[i].due);
			free(s->actions[i].done_on);
		}
		free(s->actions);
		s->actions = NULL;
		s->nactions = 0;
		break;
	}
	s->loaded[p] = false;
}

void standup_done(struct standup *s)
{
	size_t i;
	int p;

	free(s->owner);
	for (i = 0; i < s->nmoved; i++) {
		free(s->moved[i].name);
		free(s->moved[i].owner);
		free(s->moved[i].changed_on);
	}
	free(s->moved);
	for (i = 0; i < s->nholds; i++) {
		free(s->holds[i].name);
		free(s->holds[i].owner);
		free(s->holds[i].why);
	}
	free(s->holds);
	for (p = 0; p < STANDUP_PARTS; p++)
		free_part(s, (enum standup_part)p);
	memset(s, 0, sizeof(*s));
}

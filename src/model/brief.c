/*
 * Loading the brief (brief.h): one pass over the account's own rows,
 * bounded by the account, never by the book.
 */
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/date.h"
#include "acctplan/format.h"
#include "acctplan/history.h"
#include "acctplan/loop.h"
#include "acctplan/practices.h"
#include "acctplan/problem.h"
#include "acctplan/xalloc.h"

struct loader {
	struct brief *b;
	int max_notes;
	int notes_seen;
	/* what the brief's lists have room for (xgrow()) */
	size_t cap_due, cap_actions, cap_conditions, cap_buyers, cap_problems, cap_notes,
		cap_to_ask, cap_referrals;
};

static int got_account(const struct account_row *r, void *ctx)
{
	struct brief *b = ((struct loader *)ctx)->b;

	b->name = xstrdup(r->name);
	b->owner = xstrdup(r->owner ? r->owner : "");
	b->segment = xstrdup(r->segment ? r->segment : "");
	b->last_response = xstrdup_opt(r->last_response);
	b->lost_to = xstrdup_opt(r->lost_to);
	b->lost_reason = xstrdup_opt(r->lost_reason);
	b->winback_plan = xstrdup_opt(r->winback_plan);
	b->fit = r->fit;
	b->status = r->status;
	b->revenue = r->revenue;
	b->share_known = r->share_known;
	b->share = r->share;
	b->nps_known = r->nps_known;
	b->nps = r->nps;
	b->counted = r->counted;
	b->quadrant = r->quadrant;
	b->hold_why = r->hold.why;
	b->facts.quadrant = r->quadrant;
	b->facts.hold = r->hold;
	b->facts.manual = r->hold.manual;
	if (b->facts.manual) {
		b->hold_reason = xstrdup(r->hold_reason);
		b->hold_on = xstrdup_opt(r->hold_on);
	}
	b->facts.open_problems = r->open_problems;
	b->facts.open_conditions = r->open_conditions;
	return 0;
}

static int got_due(const struct agenda_item *it, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;
	struct brief_due *d;

	/* what is due by today, and the check-ins coming; the open actions
	 * have a list of their own */
	if ((it->due > b->today && it->kind != AGENDA_CHECKIN) || it->kind == AGENDA_ACTION)
		return 0;
	if (it->kind == AGENDA_FOLLOWUP)
		b->facts.followups_due++;
	if (it->kind == AGENDA_CHECKIN && it->due <= b->today &&
	    (b->facts.checkin_due < 0 || it->due < b->facts.checkin_due))
		b->facts.checkin_due = it->due;
	b->due = xgrow(b->due, &l->cap_due, b->ndue + 1, sizeof(*b->due));
	d = &b->due[b->ndue++];
	d->kind = it->kind;
	d->due = it->due;
	{
		struct strbuf sb;
		strbuf_init(&sb);
		fmt_agenda_detail(&sb, it);
		d->detail = strbuf_detach(&sb);
		strbuf_done(&sb);
	}
	return 0;
}

static int got_action(const struct action_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;
	struct brief_action *a;

	b->actions = xgrow(b->actions, &l->cap_actions, b->nactions + 1, sizeof(*b->actions));
	a = &b->actions[b->nactions++];
	a->id = r->id;
	a->owner = xstrdup(r->owner);
	a->text = xstrdup(r->text);
	a->due = xstrdup(r->due);
	a->due_day = r->due_day;
	a->state = commitment_state(r->due_day, -1, b->today);
	return 0;
}

static int got_condition(const struct condition_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;

	if (r->met_on)
		return 0;
	b->conditions = xgrow(b->conditions, &l->cap_conditions, b->nconditions + 1,
			      sizeof(*b->conditions));
	b->conditions[b->nconditions++] = xstrdup(r->text);
	return 0;
}

static int got_buyer(const struct contact_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;
	struct brief_buyer *x;

	b->buyers = xgrow(b->buyers, &l->cap_buyers, b->nbuyers + 1, sizeof(*b->buyers));
	x = &b->buyers[b->nbuyers++];
	x->id = r->id;
	x->name = xstrdup(r->name);
	x->title = xstrdup(r->title ? r->title : "");
	x->role = xstrdup(r->role ? r->role : "other");
	x->has_score = r->has_score;
	x->score = r->latest_score;
	x->latest_on = xstrdup_opt(r->has_score ? r->latest_on : NULL);
	x->category = r->has_score ? score_category(r->latest_score) : CAT_NONE;
	return 0;
}

static int got_problem(const struct problem_info *r, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;
	struct brief_problem *p;
	int st = problem_status_from_name(r->p.status);

	if (st >= 0 && !problem_is_open((enum problem_status)st)) {
		/* the newest report back */
		if (!b->reported_on ||
		    (r->p.reported_on && strcmp(r->p.reported_on, b->reported_on) > 0)) {
			free(b->reported_on);
			free(b->reported_title);
			free(b->reported_text);
			b->reported_on = xstrdup(r->p.reported_on ? r->p.reported_on : "");
			b->reported_title = xstrdup(r->p.title);
			b->reported_text = xstrdup(r->p.reported_back ? r->p.reported_back : "");
		}
		return 0;
	}
	b->problems = xgrow(b->problems, &l->cap_problems, b->nproblems + 1, sizeof(*b->problems));
	p = &b->problems[b->nproblems++];
	p->id = r->p.id;
	p->status = xstrdup(r->p.status);
	p->opened_on = xstrdup(r->p.opened_on);
	p->defect = r->p.defect_code && *r->p.defect_code ? xstrdup(r->p.defect_code) : NULL;
	p->title = xstrdup(r->p.title);
	p->root_cause = xstrdup(r->p.root_cause ? r->p.root_cause : "");
	return 0;
}

static int got_note(const struct note_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;
	struct brief_note *n;

	if (r->good_time && !b->good_time) {
		int day;

		b->good_time = xstrdup(r->good_time);
		b->good_reason = xstrdup_opt(r->reason);
		b->good_on = xstrndup(r->created_at, 10);
		b->good_next = xstrdup_opt(r->next_contact_on);
		b->facts.good_time = good_time_from_name(r->good_time);
		b->facts.good_reason = r->reason ? reason_from_name(r->reason) : -1;
		b->facts.try_again =
			r->next_contact_on && date_parse(r->next_contact_on, &day) ? day : -1;
	}
	if (l->notes_seen++ >= l->max_notes)
		return b->good_time ? 1 : 0; /* only the good-time answer is still wanted */
	b->notes = xgrow(b->notes, &l->cap_notes, b->nnotes + 1, sizeof(*b->notes));
	n = &b->notes[b->nnotes++];
	n->id = r->id;
	n->created_at = xstrdup(r->created_at);
	n->kind = xstrdup(r->kind);
	n->contact = r->contact_name && *r->contact_name ? xstrdup(r->contact_name) : NULL;
	n->good_time = xstrdup_opt(r->good_time);
	n->reason = xstrdup_opt(r->reason);
	n->next = xstrdup_opt(r->next_contact_on);
	n->body = xstrdup(r->body ? r->body : "");
	return 0;
}

static int got_to_ask(const struct to_ask_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;
	struct brief_ask *a;

	b->to_ask = xgrow(b->to_ask, &l->cap_to_ask, b->nto_ask + 1, sizeof(*b->to_ask));
	a = &b->to_ask[b->nto_ask++];
	a->contact_id = r->contact_id;
	a->contact = xstrdup(r->contact);
	a->responded_on = xstrdup(r->responded_on);
	a->score = r->score;
	return 0;
}

static int got_referral(const struct referral_row *r, void *ctx)
{
	struct loader *l = ctx;
	struct brief *b = l->b;
	struct brief_referral *x;

	b->referrals =
		xgrow(b->referrals, &l->cap_referrals, b->nreferrals + 1, sizeof(*b->referrals));
	x = &b->referrals[b->nreferrals++];
	x->id = r->id;
	x->contact = xstrdup_opt(r->contact);
	x->asked_on = xstrdup(r->asked_on);
	x->referred_to = xstrdup_opt(r->referred_to);
	x->outcome = xstrdup(referral_outcome_name(r->outcome));
	x->outcome_on = xstrdup_opt(r->outcome_on);
	return 0;
}

static void trend(struct db *db, const struct rules *rules, struct brief *b)
{
	int i, last = -1, prev = -1;

	b->quarter_first = date_quarter(b->today) - BRIEF_TREND_QUARTERS + 1;
	b->trend = 2;
	if (db_nps_trend(db, b->id, rules, b->today, BRIEF_TREND_QUARTERS, b->quarter_nps,
			 b->quarter_known) != STATUS_OK) {
		memset(b->quarter_known, 0, sizeof(b->quarter_known));
		return;
	}
	for (i = 0; i < BRIEF_TREND_QUARTERS; i++) {
		if (b->quarter_known[i]) {
			prev = last;
			last = i;
		}
	}
	if (last >= 0 && prev >= 0)
		b->trend = b->quarter_nps[last] > b->quarter_nps[prev] + 0.5   ? 1
			   : b->quarter_nps[last] < b->quarter_nps[prev] - 0.5 ? -1
									       : 0;
}

enum status brief_load(struct db *db, const struct rules *rules, int today, int64_t id,
		       int max_notes, struct brief *out)
{
	struct agenda_filter af = {.account_id = id, .horizon = BRIEF_LOOKAHEAD};
	struct problem_filter pf = {.account_id = id, .status = -1};
	struct action_filter xf = {.account_id = id, .open_only = true, .since = -1};
	struct loader l = {.b = out, .max_notes = max_notes};
	struct strbuf sb;
	enum status st;

	memset(out, 0, sizeof(*out));
	out->id = id;
	out->today = today;
	out->facts.good_time = out->facts.good_reason = -1;
	out->facts.try_again = out->facts.checkin_due = -1;
	if ((st = db_account_get(db, id, got_account, &l)) != STATUS_OK)
		goto fail;
	if (!out->name) {
		st = status_set(STATUS_NOT_FOUND, "no account with id %lld", (long long)id);
		goto fail;
	}
	trend(db, rules, out);
	if ((st = db_agenda(db, rules, today, &af, got_due, &l)) != STATUS_OK ||
	    (st = db_conditions(db, id, got_condition, &l)) != STATUS_OK ||
	    (st = db_contacts(db, id, got_buyer, &l)) != STATUS_OK ||
	    (st = db_problem_list(db, &pf, got_problem, &l)) != STATUS_OK ||
	    (st = db_notes(db, id, got_note, &l)) != STATUS_OK ||
	    (st = db_actions(db, &xf, got_action, &l)) != STATUS_OK ||
	    (st = db_referrals_to_ask(db, rules, today, NULL, id, got_to_ask, &l)) != STATUS_OK ||
	    (st = db_referrals(db, id, got_referral, &l)) != STATUS_OK)
		goto fail;
	out->verdict = verdict_decide(&out->facts, today);
	if (out->verdict.verdict == VERDICT_DO_NOT_PITCH) {
		strbuf_init(&sb);
		verdict_instead(&sb, &out->facts);
		out->instead = strbuf_detach(&sb);
		strbuf_done(&sb);
	}
	return STATUS_OK;
fail:
	brief_done(out);
	return st;
}

void brief_done(struct brief *b)
{
	size_t i;

	free(b->name);
	free(b->owner);
	free(b->segment);
	free(b->last_response);
	free(b->lost_to);
	free(b->lost_reason);
	free(b->winback_plan);
	free(b->hold_reason);
	free(b->hold_on);
	free(b->instead);
	xfree_strings(b->conditions, b->nconditions);
	for (i = 0; i < b->nbuyers; i++) {
		free(b->buyers[i].name);
		free(b->buyers[i].title);
		free(b->buyers[i].role);
		free(b->buyers[i].latest_on);
	}
	free(b->buyers);
	for (i = 0; i < b->nproblems; i++) {
		free(b->problems[i].status);
		free(b->problems[i].opened_on);
		free(b->problems[i].defect);
		free(b->problems[i].title);
		free(b->problems[i].root_cause);
	}
	free(b->problems);
	free(b->reported_on);
	free(b->reported_title);
	free(b->reported_text);
	for (i = 0; i < b->nnotes; i++) {
		free(b->notes[i].created_at);
		free(b->notes[i].kind);
		free(b->notes[i].contact);
		free(b->notes[i].good_time);
		free(b->notes[i].reason);
		free(b->notes[i].next);
		free(b->notes[i].body);
	}
	free(b->notes);
	free(b->good_time);
	free(b->good_reason);
	free(b->good_on);
	free(b->good_next);
	for (i = 0; i < b->ndue; i++)
		free(b->due[i].detail);
	free(b->due);
	for (i = 0; i < b->nactions; i++) {
		free(b->actions[i].owner);
		free(b->actions[i].text);
		free(b->actions[i].due);
	}
	free(b->actions);
	for (i = 0; i < b->nto_ask; i++) {
		free(b->to_ask[i].contact);
		free(b->to_ask[i].responded_on);
	}
	free(b->to_ask);
	for (i = 0; i < b->nreferrals; i++) {
		free(b->referrals[i].contact);
		free(b->referrals[i].asked_on);
		free(b->referrals[i].referred_to);
		free(b->referrals[i].outcome);
		free(b->referrals[i].outcome_on);
	}
	free(b->referrals);
	memset(b, 0, sizeof(*b));
}

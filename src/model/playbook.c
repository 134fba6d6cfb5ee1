/* The plays, gated (playbook.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/format.h"
#include "acctplan/playbook.h"
#include "acctplan/xalloc.h"

struct walk {
	const struct quiet_seasons *seasons;
	int today;
	const struct playbook_filter *f;
	play_row_cb cb;
	void *ctx;
	struct playbook_progress *progress;
	bool stopped;
	struct strbuf detail;
};

/* The gate's wait in words, into w->detail. */
static void word_wait(struct walk *w, const struct play_account *a, const struct play_gate *g)
{
	const struct quiet_season *q = NULL;
	char w1[48];
	int last;

	strbuf_reset(&w->detail);
	switch (g->wait) {
	case PLAY_WAIT_HOLD:
		strbuf_adds(&w->detail, a->hold.why ? a->hold.why : "on hold");
		if (a->hold_reason)
			strbuf_addf(&w->detail, ": %s", a->hold_reason);
		break;
	case PLAY_WAIT_OPEN_PROBLEM:
		if (a->supply_problems > 1)
			strbuf_addf(&w->detail,
				    "%d open problems, the oldest: ", a->supply_problems);
		strbuf_adds(&w->detail, a->supply_problem ? a->supply_problem : "an open problem");
		break;
	case PLAY_WAIT_QUIET_SEASON:
		if (quiet_seasons_find(w->seasons, a->segment, w->today, &last, &q) && q) {
			strbuf_addf(&w->detail, "%02d-%02d..%02d-%02d", q->from / 100 % 100,
				    q->from % 100, q->to / 100 % 100, q->to % 100);
			if (strcmp(q->segment, "*") != 0)
				strbuf_addf(&w->detail, " in %s", a->segment);
		}
		break;
	case PLAY_WAIT_NOT_A_GOOD_TIME:
		strbuf_adds(&w->detail, a->good_time >= 0
						? good_time_name((enum good_time)a->good_time)
						: "no");
		if (a->good_reason >= 0) {
			fmt_word(w1, sizeof(w1), reason_name((enum reason)a->good_reason));
			strbuf_addf(&w->detail, " (%s)", w1);
		}
		break;
	case PLAY_GO:
		break;
	}
}

/* Gates one play and hands it on, unless the filter leaves it out. */
static bool emit(struct walk *w, struct play_row *r)
{
	const struct play_account *a = r->account;
	struct play_facts facts = {
		.hold = play_held(a->status, &a->hold),
		.supply_problems = a->supply_problems,
		.seasons = w->seasons,
		.segment = a->segment,
		.good_time = a->good_time,
		.try_again = a->try_again,
	};

	r->gate = play_gate(&facts, w->today);
	if (w->f->wait == 0 && r->gate.wait != PLAY_GO)
		return true;
	if (w->f->wait == 1 && r->gate.wait == PLAY_GO)
		return true;
	word_wait(w, a, &r->gate);
	r->detail = w->detail.buf;
	if (w->cb(r, w->ctx)) {
		w->stopped = true;
		return false;
	}
	return true;
}

static int got_account(const struct play_account *a, void *ctx)
{
	struct walk *w = ctx;
	struct play_source src = {
		.status = a->status,
		.quadrant = a->quadrant,
		.has_wallet = a->has_wallet,
		.wallet = a->wallet,
		.revenue = a->revenue,
		.passives = a->passives,
		.to_ask = a->to_ask,
		.checkin_due = a->checkin_due,
		.winback_due = a->winback_due,
	};
	unsigned m = plays_of(&src, w->today);
	size_t i;
	int k;

	if (w->progress) {
		w->progress->read++;
		w->progress->priority = a->priority;
		w->progress->id = a->id;
		free(w->progress->name);
		w->progress->name = xstrdup(a->name);
	}
	for (k = 0; k < PLAY_CRM; k++) {
		struct play_row r = {
			.account = a, .kind = (enum play_kind)k, .source = PLAY_SOURCE_RULES};

		if (!(m & 1u << k))
			continue;
		r.play = play_kind_name((enum play_kind)k);
		switch (r.kind) {
		case PLAY_UPSELL:
			r.since = a->grow_since;
			break;
		case PLAY_CROSS_SELL:
			r.since = a->passive_on;
			break;
		case PLAY_REFERRAL_ASK:
			r.since = a->to_ask_on;
			break;
		case PLAY_CHECKIN:
			r.since = a->checkin_due;
			break;
		case PLAY_WINBACK_REVIEW:
			r.since = a->winback_due;
			break;
		case PLAY_CRM:
		case PLAY_KIND_COUNT:
			r.since = -1;
			break;
		}
		if (!emit(w, &r))
			return 1;
	}
	for (i = 0; i < a->ncrm; i++) {
		struct play_row r = {.account = a, .kind = PLAY_CRM};
		int due;

		r.play = a->crm[i].play;
		r.source = a->crm[i].source;
		r.crm_id = a->crm[i].id;
		r.external_ref = a->crm[i].external_ref;
		r.since = a->crm[i].due && date_parse(a->crm[i].due, &due) ? due : -1;
		if (!emit(w, &r))
			return 1;
	}
	return 0;
}

enum status playbook_walk(struct db *db, const struct rules *rules,
			  const struct quiet_seasons *seasons, int today,
			  const struct playbook_filter *f, play_row_cb cb, void *ctx,
			  struct playbook_progress *p)
{
	struct play_filter pf = {
		.owner = f->owner,
		.account_id = f->account_id,
		.after = f->after,
		.limit = f->limit,
		/* every play of an account held by its quadrant waits */
		.not_held = f->wait == 0,
	};
	struct walk w = {
		.seasons = seasons, .today = today, .f = f, .cb = cb, .ctx = ctx, .progress = p};
	enum status s;

	if (p) {
		p->read = 0;
		p->name = NULL;
	}
	strbuf_init(&w.detail);
	s = db_play_accounts(db, rules, today, &pf, got_account, &w);
	strbuf_done(&w.detail);
	return s;
}

struct pitch_check {
	bool *held;
	struct strbuf *why;
	char **name;
};

static int got_hold(const struct account_row *r, void *ctx)
{
	struct pitch_check *p = ctx;

	*p->held = r->hold.on;
	if (p->name)
		*p->name = xstrdup(r->name);
	if (!r->hold.on)
		return 0;
	strbuf_adds(p->why, r->hold.why ? r->hold.why : "on hold");
	if (r->hold.manual && r->hold_reason)
		strbuf_addf(p->why, " on %s: %s", r->hold_on ? r->hold_on : "?", r->hold_reason);
	return 0;
}

enum status playbook_pitch_hold(struct db *db, int64_t id, bool *held, struct strbuf *why,
				char **name)
{
	struct pitch_check p = {held, why, name};

	*held = false;
	if (name)
		*name = NULL;
	return db_account_get(db, id, got_hold, &p);
}

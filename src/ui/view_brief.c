/*
 * The pre-call brief: one page to read before talking to an account, the
 * same content as `acctplan brief` — where the account stands and whether
 * to pitch at all (a DO NOT PITCH line and what to talk about instead while
 * it is on hold), the readiness conditions still open, NPS now and per
 * quarter, each buyer and how to approach them, the promoters to ask for a
 * referral and the referrals asked, open problems and what was last
 * reported back, the last notes and "good time?" answer, and what is
 * due. N logs a note from here.
 *
 * The page is fetched when the view is entered (bounded by the account) and
 * laid out into lines for the current width; the list widget scrolls them.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "page.h"
#include "acctplan/brief.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

static struct brief_view {
	int64_t id;
	bool stale;
	struct page page;
	int built_w;
	struct list list;
	char *name;
} B;

/* ---- the page -------------------------------------------------------------- */

static const char *word(char *buf, size_t n, const char *code)
{
	fmt_word(buf, n, code ? code : "");
	return buf;
}

/* The verdict, the last good-time answer and what is due: the first lines,
 * so they are on the first screen. */
static void build_verdict(struct ui *ui, const struct brief *b)
{
	char day[DATE_LEN], w[48], when[32];
	char *s = NULL;
	size_t i;

	page_line(&B.page);
	switch (b->verdict.verdict) {
	case VERDICT_DO_NOT_PITCH:
		page_seg(&B.page, 0, "*** DO NOT PITCH ***", THEME_HOLD);
		s = xasprintf("Talk about this instead: %s.", b->instead ? b->instead : "");
		page_wrap(&B.page, s, 2, THEME_TITLE);
		break;
	case VERDICT_WAIT:
		date_format(b->verdict.until, day);
		s = b->verdict.reason >= 0
			    ? xasprintf("WAIT until %s (%s): they said it is not a good time", day,
					word(w, sizeof(w),
					     reason_name((enum reason)b->verdict.reason)))
			    : xasprintf("WAIT until %s: they said it is not a good time", day);
		page_seg(&B.page, 0, s, THEME_WARNING);
		break;
	case VERDICT_CHECK_IN:
		date_format(b->verdict.until, day);
		fmt_due(when, sizeof(when), b->verdict.until, ui->today);
		s = xasprintf("CHECK IN first: a post-sale check-in is due (%s, %s)", day, when);
		page_seg(&B.page, 0, s, THEME_WARNING);
		break;
	case VERDICT_PITCH:
		s = xasprintf("PITCH: sales are open: %s.", quadrant_play(b->quadrant));
		page_wrap(&B.page, s, 0, THEME_PROMOTER);
		break;
	}
	free(s);
	page_line(&B.page);
	if (b->good_time) {
		char reason[48];
		s = xasprintf("%s%s%s%s, asked on %s%s%s", b->good_time, b->good_reason ? " (" : "",
			      b->good_reason ? word(reason, sizeof(reason), b->good_reason) : "",
			      b->good_reason ? ")" : "", b->good_on,
			      b->good_next ? "; try again on " : "",
			      b->good_next ? b->good_next : "");
		page_keyed(&B.page, "Good time?", s, THEME_NORMAL);
		free(s);
	} else {
		page_keyed(&B.page, "Good time?", "never asked (N logs the answer)", THEME_DIM);
	}
	if (!b->ndue)
		page_keyed(&B.page, "Due", "nothing", THEME_DIM);
	for (i = 0; i < b->ndue; i++) {
		const struct brief_due *d = &b->due[i];
		int x;

		date_format(d->due, day);
		fmt_due(when, sizeof(when), d->due, ui->today);
		page_line(&B.page);
		if (i == 0)
			page_seg(&B.page, 0, "Due", THEME_HEADER);
		x = page_seg(&B.page, 13, agenda_kind_title(d->kind),
			     d->due < ui->today ? THEME_WARNING : THEME_TITLE);
		s = xasprintf("%s, %s", day, when);
		page_seg(&B.page, x + 2, s, THEME_DIM);
		free(s);
		page_wrap(&B.page, d->detail, 15, THEME_NORMAL);
	}
	for (i = 0; i < b->nactions; i++) {
		const struct brief_action *a = &b->actions[i];
		int x;

		fmt_due(when, sizeof(when), a->due_day, ui->today);
		page_line(&B.page);
		if (i == 0)
			page_seg(&B.page, 0, "Actions", THEME_HEADER);
		x = page_seg(&B.page, 13, a->owner,
			     a->state == COMMIT_NOT_DONE ? THEME_WARNING : THEME_TITLE);
		s = xasprintf("due %s, %s", a->due, when);
		page_seg(&B.page, x + 2, s, THEME_DIM);
		free(s);
		page_wrap(&B.page, a->text, 15, THEME_NORMAL);
	}
}

static void build_standing(const struct brief *b)
{
	char money[32], share[16], nps[16], w[16];
	struct strbuf t;
	char *s;
	int i;

	fmt_money_short(money, sizeof(money), b->revenue);
	fmt_share(share, sizeof(share), b->share_known, b->share);
	s = xasprintf("%s · %s · fit %s · revenue %s · share %s", *b->owner ? b->owner : "no owner",
		      *b->segment ? b->segment : "no segment", fit_name(b->fit), money,
		      b->share_known ? share : "unknown");
	page_keyed(&B.page, "Account", s, THEME_NORMAL);
	free(s);
	if (b->status != ACCT_ACTIVE) {
		page_keyed(&B.page, "Status", acct_status_name(b->status), THEME_HOLD);
		if (b->status == ACCT_LOST) {
			page_keyed(&B.page, "Lost to", b->lost_to, THEME_NORMAL);
			page_keyed(&B.page, "Why lost", b->lost_reason, THEME_NORMAL);
			page_keyed(&B.page, "Win-back", b->winback_plan, THEME_NORMAL);
		}
	} else {
		s = xasprintf("%s: %s", quadrant_title(b->quadrant), quadrant_play(b->quadrant));
		page_keyed(&B.page, "Quadrant", s, draw_quadrant_elem(b->quadrant));
		free(s);
	}
	if (b->hold_reason)
		s = xasprintf("%s (%s on %s: %s)", b->facts.hold.on ? "ON HOLD" : "open",
			      b->hold_why, b->hold_on ? b->hold_on : "?", b->hold_reason);
	else
		s = xasprintf("%s (%s)", b->facts.hold.on ? "ON HOLD" : "open", b->hold_why);
	page_keyed(&B.page, "Sales", s, b->facts.hold.on ? THEME_HOLD : THEME_PROMOTER);
	free(s);
	fmt_nps(nps, sizeof(nps), b->nps_known, b->nps);
	if (b->nps_known)
		s = xasprintf("%s now, from %d buyer%s; last response %s", nps, b->counted,
			      b->counted == 1 ? "" : "s",
			      b->last_response ? b->last_response : "-");
	else
		s = xstrdup("no feedback in the window: get feedback before any pitch");
	page_keyed(&B.page, "NPS", s, THEME_NORMAL);
	free(s);
	strbuf_init(&t);
	for (i = 0; i < BRIEF_TREND_QUARTERS; i++) {
		int q = b->quarter_first + i;
		fmt_nps(w, sizeof(w), b->quarter_known[i], b->quarter_nps[i]);
		strbuf_addf(&t, "%s%d Q%d %s", i ? ", " : "", q / 4, q % 4 + 1, w);
	}
	if (b->trend != 2)
		strbuf_addf(&t, " (%s)",
			    b->trend > 0   ? "rising"
			    : b->trend < 0 ? "falling"
					   : "flat");
	page_keyed(&B.page, "Trend", t.buf, THEME_NORMAL);
	strbuf_done(&t);
}

/* A section's heading, and under it none (dimmed) when it has no item (n is 0). */
static void section(const char *title, size_t n, const char *none)
{
	page_heading(&B.page, title);
	if (!n) {
		page_line(&B.page);
		page_seg(&B.page, 2, none, THEME_DIM);
	}
}

static void build_people(const struct brief *b)
{
	char buf[96], w[48];
	size_t i;
	int x;

	section("Readiness conditions still open", b->nconditions, "none");
	for (i = 0; i < b->nconditions; i++) {
		page_line(&B.page);
		page_seg(&B.page, page_seg(&B.page, 2, "[ ] ", THEME_HOLD), b->conditions[i],
			 THEME_NORMAL);
	}

	section("Buyers and how to approach them", b->nbuyers, "no contacts on record");
	for (i = 0; i < b->nbuyers; i++) {
		const struct brief_buyer *r = &b->buyers[i];
		char *a;

		page_line(&B.page);
		x = page_seg(&B.page, 2, r->name, THEME_TITLE);
		snprintf(buf, sizeof(buf), " (%s)", word(w, sizeof(w), r->role));
		x = page_seg(&B.page, x, buf, THEME_DIM) + 2;
		if (r->has_score) {
			snprintf(buf, sizeof(buf), "latest %d %s", r->score,
				 category_name(r->category));
			x = page_seg(&B.page, x, buf, draw_score_elem(r->score));
			snprintf(buf, sizeof(buf), " on %.10s", r->latest_on ? r->latest_on : "?");
			page_seg(&B.page, x, buf, THEME_DIM);
		} else {
			page_seg(&B.page, x, "no response", THEME_DIM);
		}
		a = xasprintf("Approach: %s", approach_for(r->category));
		page_wrap(&B.page, a, 6,
			  r->category == CAT_DETRACTOR ? THEME_DETRACTOR : THEME_NORMAL);
		free(a);
	}

	page_heading(&B.page, "Referrals");
	page_line(&B.page);
	if (!b->nto_ask) {
		page_seg(&B.page, 2, "no promoter to ask now", THEME_DIM);
	} else {
		struct strbuf ask;

		strbuf_init(&ask);
		for (i = 0; i < b->nto_ask; i++)
			strbuf_addf(&ask, "%s%s (%d on %s)", i ? ", " : "", b->to_ask[i].contact,
				    b->to_ask[i].score, b->to_ask[i].responded_on);
		page_seg(&B.page, 2, "Ask:", THEME_HEADER);
		page_wrap(&B.page, ask.buf, 6, THEME_PROMOTER);
		strbuf_done(&ask);
	}
	for (i = 0; i < b->nreferrals; i++) {
		const struct brief_referral *r = &b->referrals[i];

		page_line(&B.page);
		x = page_seg(&B.page, 2, r->asked_on, THEME_DIM) + 2;
		x = page_seg(&B.page, x, r->contact ? r->contact : "(no buyer)", THEME_TITLE);
		x = page_seg(&B.page, x, r->referred_to ? " referred us to " : " asked; ",
			     THEME_DIM);
		x = page_seg(&B.page, x, r->referred_to ? r->referred_to : "no one named yet",
			     r->referred_to ? THEME_NORMAL : THEME_DIM) +
		    2;
		page_seg(&B.page, x, word(w, sizeof(w), r->outcome),
			 !strcmp(r->outcome, "won")    ? THEME_PROMOTER
			 : !strcmp(r->outcome, "lost") ? THEME_DETRACTOR
						       : THEME_KEY);
	}

	section("Open problems", b->nproblems, "none");
	for (i = 0; i < b->nproblems; i++) {
		const struct brief_problem *p = &b->problems[i];
		char *c;

		page_line(&B.page);
		x = page_seg(&B.page, 2, word(w, sizeof(w), p->status), THEME_HOLD) + 2;
		x = page_seg(&B.page, x, p->opened_on, THEME_DIM) + 2;
		if (p->defect)
			x = page_seg(&B.page, x, p->defect, THEME_HOLD) + 2;
		page_seg(&B.page, x, p->title, THEME_TITLE);
		c = xasprintf("Root cause: %s", *p->root_cause ? p->root_cause : "not found yet");
		page_wrap(&B.page, c, 6, THEME_NORMAL);
		free(c);
	}
	page_line(&B.page);
	if (b->reported_on) {
		char *r = xasprintf("%s, about \"%s\": %s", b->reported_on, b->reported_title,
				    *b->reported_text ? b->reported_text : "(no text kept)");
		page_keyed(&B.page, "Reported", r, THEME_NORMAL);
		free(r);
	} else {
		page_keyed(&B.page, "Reported", "nothing reported back to the customer yet",
			   THEME_NORMAL);
	}

	section("Last notes", b->nnotes, "none yet (N logs one)");
	for (i = 0; i < b->nnotes; i++) {
		const struct brief_note *r = &b->notes[i];

		page_line(&B.page);
		x = page_seg(&B.page, 2, r->created_at, THEME_DIM) + 2;
		x = page_seg(&B.page, x, r->kind, THEME_KEY);
		if (r->contact) {
			x = page_seg(&B.page, x + 2, "with ", THEME_DIM);
			x = page_seg(&B.page, x, r->contact, THEME_NORMAL);
		}
		if (r->good_time) {
			x = page_seg(&B.page, x + 2, "good time: ", THEME_DIM);
			x = page_seg(&B.page, x, r->good_time,
				     !strcmp(r->good_time, "yes")  ? THEME_PROMOTER
				     : !strcmp(r->good_time, "no") ? THEME_DETRACTOR
								   : THEME_PASSIVE);
			if (r->reason) {
				x = page_seg(&B.page, x, " (", THEME_DIM);
				x = page_seg(&B.page, x, word(w, sizeof(w), r->reason),
					     THEME_NORMAL);
				x = page_seg(&B.page, x, ")", THEME_DIM);
			}
		}
		if (r->next) {
			x = page_seg(&B.page, x + 2, "try again on ", THEME_DIM);
			page_seg(&B.page, x, r->next, THEME_NORMAL);
		}
		page_wrap(&B.page, r->body, 6, THEME_NORMAL);
	}
}

static void build(struct ui *ui)
{
	struct brief b;
	enum status st;

	page_clear(&B.page);
	free(B.name);
	B.name = NULL;
	B.page.width = ui->cols - 2;
	if ((st = brief_load(ui->db, ui->rules, ui->today, B.id, BRIEF_NOTES, &b)) != STATUS_OK) {
		page_line(&B.page);
		page_seg(&B.page, 0, status_detail(), THEME_WARNING);
		return;
	}
	B.name = xstrdup(b.name);
	page_line(&B.page);
	page_seg(&B.page, page_seg(&B.page, 0, b.name, THEME_TITLE) + 2, "pre-call brief",
		 THEME_DIM);
	page_line(&B.page);
	build_verdict(ui, &b);
	page_heading(&B.page, "Where it stands");
	build_standing(&b);
	build_people(&b);
	brief_done(&b);
}

/* ---- the view ------------------------------------------------------------------ */

void view_brief_open(struct ui *ui, int64_t id)
{
	if (!id)
		return;
	B.id = id;
	list_init(&B.list);
	ui_push(ui, &view_brief_ops);
}

static void brief_enter(struct ui *ui)
{
	B.stale = true;
}

static void brief_reload(struct ui *ui)
{
	if (B.stale || B.built_w != ui->cols) {
		build(ui);
		B.stale = false;
		B.built_w = ui->cols;
	}
	page_list(&B.page, &B.list, ui->view_h);
}

static void brief_draw(struct ui *ui)
{
	page_draw(ui, &B.page, &B.list, ui->view_y);
}

static int brief_handle(struct ui *ui, int action)
{
	int r;

	if ((r = list_scroll(&B.list, action)) != REACT_PASS)
		return r;
	switch (action) {
	case ACT_OPEN:
		/* back to the account when we came from it, else open it */
		if (ui->depth >= 2 && ui->stack[ui->depth - 2] == &view_account_ops)
			return REACT_POP;
		view_account_open(ui, B.id);
		return REACT_RELOAD;
	case ACT_RELOAD:
		B.stale = true;
		return REACT_PASS;
	default:
		return account_forms_action(ui, B.id, action);
	}
}

static const char *brief_hint(struct ui *ui)
{
	static const struct hint h[] = {
		HINT(ACT_NOTE_NEW, "log a note"),
		HINT(ACT_FOLLOW_UP, "follow up"),
		HINT(ACT_PROBLEM_ADVANCE, "move a problem"),
		HINT(ACT_OPEN, "account"),
		HINT2(ACT_UP, ACT_DOWN, "scroll"),
		HINT(ACT_BACK, "back"),
		HINT(ACT_HELP, "help"),
	};

	return UI_HINT(ui, VIEW_BRIEF, h);
}

static void brief_view_done(struct ui *ui)
{
	page_clear(&B.page);
	free(B.name);
}

const struct view_ops view_brief_ops = {
	.id = VIEW_BRIEF,
	.done = brief_view_done,
	.enter = brief_enter,
	.reload = brief_reload,
	.draw = brief_draw,
	.handle = brief_handle,
	.hint = brief_hint,
};

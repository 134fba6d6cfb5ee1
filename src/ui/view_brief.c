/*
 * The pre-call brief: one page to read before talking to an account, the
 * same content as `acctplan brief` — where the account stands and whether
 * to pitch at all (a DO NOT PITCH line and what to talk about instead while
 * it is on hold), the readiness conditions still open, NPS now and per
 * quarter, each buyer and how to approach them, open problems and what was
 * last reported back, the last notes and "good time?" answer, and what is
 * due. N logs a note from here.
 *
 * The page is fetched when the view is entered (bounded by the account) and
 * laid out into lines for the current width; the list widget scrolls them.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "acctplan/brief.h"
#include "acctplan/plan.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

#define TREND_QUARTERS 4
#define CHECKIN_LOOKAHEAD 30
#define MAX_NOTES 5

struct seg {
	char *text;
	int x, elem;
};

struct line {
	struct seg *segs;
	int n;
};

static struct brief_view {
	int64_t id;
	bool stale;
	struct line *lines;
	size_t nlines;
	int built_w;
	struct list list;
	/* what the page is built from */
	int width;
	int notes_seen;
	char *good;     /* the last "good time?" answer, formatted */
	char *reported; /* the last report back, formatted */
	int followups_due, open_problems, open_conditions;
	bool hold, manual, active;
	enum quadrant quadrant;
	char *name;
} B;

/* ---- lines -------------------------------------------------------------------- */

static void free_lines(void)
{
	size_t i;
	int k;

	for (i = 0; i < B.nlines; i++) {
		for (k = 0; k < B.lines[i].n; k++)
			free(B.lines[i].segs[k].text);
		free(B.lines[i].segs);
	}
	free(B.lines);
	B.lines = NULL;
	B.nlines = 0;
}

static void new_line(void)
{
	B.lines = xrealloc(B.lines, (B.nlines + 1) * sizeof(*B.lines));
	B.lines[B.nlines].segs = NULL;
	B.lines[B.nlines].n = 0;
	B.nlines++;
}

/* Appends text at column x of the last line; returns the column after it. */
static int seg(int x, const char *text, int elem)
{
	struct line *l = &B.lines[B.nlines - 1];

	l->segs = xrealloc(l->segs, (size_t)(l->n + 1) * sizeof(*l->segs));
	l->segs[l->n++] = (struct seg){xstrdup(text ? text : ""), x, elem};
	return x + text_width(text ? text : "");
}

struct wrap_ctx {
	int indent, elem;
};

static void wrap_line(const char *text, void *ctx)
{
	struct wrap_ctx *w = ctx;

	new_line();
	seg(w->indent, text, w->elem);
}

static void wrapped(const char *text, int indent, int elem)
{
	struct wrap_ctx w = {indent, elem};

	if (text && *text)
		draw_wrap(text, B.width - indent, wrap_line, &w);
}

/* "Key        value", the value wrapped under itself. */
static void keyed(const char *key, const char *value, int elem)
{
	struct wrap_ctx w = {13, elem};
	size_t first = B.nlines;

	draw_wrap(value && *value ? value : "-", B.width - 13, wrap_line, &w);
	if (B.nlines > first) {
		struct line *l = &B.lines[first];
		l->segs = xrealloc(l->segs, (size_t)(l->n + 1) * sizeof(*l->segs));
		l->segs[l->n++] = (struct seg){xstrdup(key), 0, THEME_HEADER};
	}
}

static void heading(const char *title)
{
	new_line();
	new_line();
	seg(0, title, THEME_TITLE);
}

/* ---- the page -------------------------------------------------------------- */

static int got_account(const struct account_row *r, void *ctx)
{
	struct ui *ui = ctx;
	char money[32], share[16], nps[16];
	char *s;

	B.name = xstrdup(r->name);
	B.open_problems = r->open_problems;
	B.open_conditions = r->open_conditions;
	B.hold = r->hold.on;
	B.manual = r->hold_reason && strstr(r->hold.why, "by hand");
	B.quadrant = r->quadrant;
	B.active = r->status == ACCT_ACTIVE;
	new_line();
	seg(seg(0, r->name, THEME_TITLE) + 2, "pre-call brief", THEME_DIM);
	fmt_money_short(money, sizeof(money), r->revenue);
	fmt_share(share, sizeof(share), r->share_known, r->share);
	s = xasprintf("%s · %s · fit %s · revenue %s · share %s", *r->owner ? r->owner : "no owner",
		      *r->segment ? r->segment : "no segment", fit_name(r->fit), money,
		      r->share_known ? share : "unknown");
	new_line();
	keyed("Account", s, THEME_NORMAL);
	free(s);
	if (r->status != ACCT_ACTIVE) {
		keyed("Status", acct_status_name(r->status), THEME_HOLD);
		if (r->status == ACCT_LOST) {
			keyed("Lost to", r->lost_to, THEME_NORMAL);
			keyed("Why lost", r->lost_reason, THEME_NORMAL);
			keyed("Win-back", r->winback_plan, THEME_NORMAL);
		}
	} else {
		s = xasprintf("%s: %s", quadrant_title(r->quadrant), quadrant_play(r->quadrant));
		keyed("Quadrant", s, draw_quadrant_elem(r->quadrant));
		free(s);
	}
	if (r->hold_reason && B.manual)
		s = xasprintf("%s (%s on %s: %s)", r->hold.on ? "ON HOLD" : "open", r->hold.why,
			      r->hold_on ? r->hold_on : "?", r->hold_reason);
	else
		s = xasprintf("%s (%s)", r->hold.on ? "ON HOLD" : "open", r->hold.why);
	keyed("Sales", s, r->hold.on ? THEME_HOLD : THEME_PROMOTER);
	free(s);
	fmt_nps(nps, sizeof(nps), r->nps_known, r->nps);
	if (r->nps_known)
		s = xasprintf("%s now, from %d buyer%s; last response %s", nps, r->counted,
			      r->counted == 1 ? "" : "s",
			      r->last_response ? r->last_response : "-");
	else
		s = xstrdup("no feedback in the window: get feedback before any pitch");
	keyed("NPS", s, THEME_NORMAL);
	free(s);
	(void)ui;
	return 0;
}

static void trend(struct ui *ui)
{
	double nps[TREND_QUARTERS];
	bool known[TREND_QUARTERS];
	int q0 = date_quarter(ui->today) - TREND_QUARTERS + 1, i, last = -1, prev = -1;
	struct strbuf s;

	if (db_nps_trend(ui->db, B.id, ui->rules, ui->today, TREND_QUARTERS, nps, known) !=
	    STATUS_OK)
		return;
	strbuf_init(&s);
	for (i = 0; i < TREND_QUARTERS; i++) {
		int q = q0 + i;
		strbuf_addf(&s, "%s%d Q%d ", i ? ", " : "", q / 4, q % 4 + 1);
		if (known[i]) {
			strbuf_addf(&s, "%.0f", nps[i] == 0 ? 0.0 : nps[i]);
			prev = last;
			last = i;
		} else {
			strbuf_adds(&s, "-");
		}
	}
	if (last >= 0 && prev >= 0)
		strbuf_addf(&s, " (%s)",
			    nps[last] > nps[prev] + 0.5   ? "rising"
			    : nps[last] < nps[prev] - 0.5 ? "falling"
							  : "flat");
	keyed("Trend", s.buf, THEME_NORMAL);
	strbuf_done(&s);
}

struct due {
	struct agenda_item *v;
	char **text;
	size_t n, cap;
};

static int got_due(const struct agenda_item *it, void *ctx)
{
	struct due *d = ctx;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->text = xrealloc(d->text, d->cap * sizeof(*d->text));
	d->v[d->n] = *it;
	d->text[d->n] = xstrdup(it->detail ? it->detail : "");
	d->v[d->n].account = d->v[d->n].owner = NULL;
	d->v[d->n].detail = d->text[d->n];
	d->n++;
	return 0;
}

static int got_condition(const struct condition_row *r, void *ctx)
{
	if (r->met_on)
		return 0;
	new_line();
	seg(seg(2, "[ ] ", THEME_HOLD), r->text, THEME_NORMAL);
	return 0;
}

static int got_buyer(const struct contact_row *r, void *ctx)
{
	enum category cat = r->has_score ? score_category(r->latest_score) : CAT_NONE;
	char buf[96];
	int x;

	new_line();
	x = seg(2, r->name, THEME_TITLE);
	snprintf(buf, sizeof(buf), " (%s)", r->role);
	x = seg(x, buf, THEME_DIM) + 2;
	if (r->has_score) {
		snprintf(buf, sizeof(buf), "latest %d %s", r->latest_score, category_name(cat));
		x = seg(x, buf, draw_score_elem(r->latest_score));
		snprintf(buf, sizeof(buf), " on %.10s", r->latest_on ? r->latest_on : "?");
		seg(x, buf, THEME_DIM);
	} else {
		seg(x, "no response", THEME_DIM);
	}
	{
		char *a = xasprintf("Approach: %s", approach_for(cat));
		wrapped(a, 6, cat == CAT_DETRACTOR ? THEME_DETRACTOR : THEME_NORMAL);
		free(a);
	}
	return 0;
}

static int got_problem(const struct problem_info *r, void *ctx)
{
	int *any = ctx, x;

	if (!strcmp(r->p.status, "reported_back")) {
		if (!B.reported ||
		    (r->p.reported_on && strncmp(r->p.reported_on, B.reported, 10) > 0)) {
			free(B.reported);
			B.reported = xasprintf(
				"%s, about \"%s\": %s", r->p.reported_on ? r->p.reported_on : "?",
				r->p.title,
				r->p.reported_back && *r->p.reported_back ? r->p.reported_back
									  : "(no text kept)");
		}
		return 0;
	}
	*any = 1;
	new_line();
	x = seg(2, r->p.status, THEME_HOLD) + 2;
	x = seg(x, r->p.opened_on, THEME_DIM) + 2;
	if (r->p.defect_code && *r->p.defect_code)
		x = seg(x, r->p.defect_code, THEME_HOLD) + 2;
	seg(x, r->p.title, THEME_TITLE);
	{
		char *c = xasprintf("Root cause: %s", r->p.root_cause && *r->p.root_cause
							      ? r->p.root_cause
							      : "not found yet");
		wrapped(c, 6, THEME_NORMAL);
		free(c);
	}
	return 0;
}

static int got_note(const struct note_row *r, void *ctx)
{
	int x;

	if (r->good_time && !B.good) {
		B.good = xasprintf("%s%s%s%s on %.10s%s%s", r->good_time, r->reason ? " (" : "",
				   r->reason ? r->reason : "", r->reason ? ")" : "", r->created_at,
				   r->next_contact_on ? "; try again on " : "",
				   r->next_contact_on ? r->next_contact_on : "");
	}
	if (B.notes_seen++ >= MAX_NOTES)
		return B.good ? 1 : 0;
	new_line();
	x = seg(2, r->created_at, THEME_DIM) + 2;
	x = seg(x, r->kind, THEME_KEY);
	if (r->contact_name && *r->contact_name) {
		x = seg(x + 2, "with ", THEME_DIM);
		x = seg(x, r->contact_name, THEME_NORMAL);
	}
	if (r->good_time) {
		x = seg(x + 2, "good time: ", THEME_DIM);
		x = seg(x, r->good_time,
			!strcmp(r->good_time, "yes")  ? THEME_PROMOTER
			: !strcmp(r->good_time, "no") ? THEME_DETRACTOR
						      : THEME_PASSIVE);
		if (r->reason) {
			x = seg(x, " (", THEME_DIM);
			x = seg(x, r->reason, THEME_NORMAL);
			x = seg(x, ")", THEME_DIM);
		}
	}
	if (r->next_contact_on) {
		x = seg(x + 2, "try again on ", THEME_DIM);
		seg(x, r->next_contact_on, THEME_NORMAL);
	}
	wrapped(r->body, 6, THEME_NORMAL);
	return 0;
}

static void build(struct ui *ui)
{
	struct agenda_filter af = {.account_id = B.id, .horizon = CHECKIN_LOOKAHEAD};
	struct problem_filter pf = {.account_id = B.id, .status = -1};
	struct due due = {0};
	enum status st;
	size_t i;
	int any = 0;

	free_lines();
	free(B.good);
	free(B.reported);
	free(B.name);
	B.good = B.reported = B.name = NULL;
	B.notes_seen = 0;
	B.followups_due = 0;
	B.width = ui->cols - 2;
	if ((st = db_account_get(ui->db, B.id, got_account, ui)) != STATUS_OK || !B.name) {
		new_line();
		seg(0, st != STATUS_OK ? status_detail() : "No such account.", THEME_WARNING);
		return;
	}
	trend(ui);
	if (db_agenda(ui->db, ui->rules, ui->today, &af, got_due, &due) == STATUS_OK)
		for (i = 0; i < due.n; i++)
			if (due.v[i].kind == AGENDA_FOLLOWUP && due.v[i].due <= ui->today)
				B.followups_due++;

	new_line();
	new_line();
	if (B.hold) {
		struct strbuf s;
		char *line;
		strbuf_init(&s);
		brief_instead(&s, B.quadrant, B.manual, B.open_problems, B.open_conditions,
			      B.followups_due);
		seg(0, "*** DO NOT PITCH ***", THEME_HOLD);
		line = xasprintf("Talk about this instead: %s.", s.buf);
		wrapped(line, 2, THEME_TITLE);
		free(line);
		strbuf_done(&s);
	} else if (B.active) {
		char *line = xasprintf("Sales open: %s.", quadrant_play(B.quadrant));
		seg(0, line, THEME_PROMOTER);
		free(line);
	}

	heading("Readiness conditions still open");
	if (B.open_conditions == 0) {
		new_line();
		seg(2, "none", THEME_DIM);
	} else {
		db_conditions(ui->db, B.id, got_condition, NULL);
	}

	heading("Buyers and how to approach them");
	{
		size_t before = B.nlines;
		db_contacts(ui->db, B.id, got_buyer, NULL);
		if (B.nlines == before) {
			new_line();
			seg(2, "no contacts on record", THEME_DIM);
		}
	}

	heading("Open problems");
	db_problem_list(ui->db, &pf, got_problem, &any);
	if (!any) {
		new_line();
		seg(2, "none", THEME_DIM);
	}
	new_line();
	keyed("Reported", B.reported ? B.reported : "nothing reported back to the customer yet",
	      THEME_NORMAL);

	heading("Last notes");
	db_notes(ui->db, B.id, got_note, NULL);
	if (!B.notes_seen) {
		new_line();
		seg(2, "none yet (N logs one)", THEME_DIM);
	}
	new_line();
	keyed("Good time?", B.good ? B.good : "never asked", THEME_NORMAL);

	heading("Due");
	any = 0;
	for (i = 0; i < due.n; i++) {
		const struct agenda_item *it = &due.v[i];
		int late = ui->today - it->due, x;
		char day[DATE_LEN], when[48];

		if (it->kind != AGENDA_CHECKIN && late < 0)
			continue;
		date_format(it->due, day);
		if (late > 0)
			snprintf(when, sizeof(when), "%s, %d day%s late", day, late,
				 late == 1 ? "" : "s");
		else if (late == 0)
			snprintf(when, sizeof(when), "%s, today", day);
		else
			snprintf(when, sizeof(when), "%s, in %d day%s", day, -late,
				 late == -1 ? "" : "s");
		new_line();
		x = seg(2, agenda_kind_title(it->kind), late > 0 ? THEME_WARNING : THEME_TITLE);
		seg(x + 2, when, THEME_DIM);
		wrapped(it->detail, 6, THEME_NORMAL);
		any = 1;
	}
	if (!any) {
		new_line();
		seg(2, "nothing due", THEME_DIM);
	}
	for (i = 0; i < due.n; i++)
		free(due.text[i]);
	free(due.text);
	free(due.v);
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
	list_set(&B.list, B.nlines, ui->view_h);
}

static void brief_draw(struct ui *ui)
{
	int r, k;

	for (r = 0; r < B.list.height && B.list.top + (size_t)r < B.nlines; r++) {
		const struct line *l = &B.lines[B.list.top + (size_t)r];
		for (k = 0; k < l->n; k++) {
			int x = 1 + l->segs[k].x;
			if (x < ui->cols - 1)
				draw_text(ui, ui->view_y + r, x, ui->cols - 1 - x, l->segs[k].text,
					  l->segs[k].elem, false);
		}
	}
	if (B.list.top + (size_t)B.list.height < B.nlines)
		draw_text_right(ui, ui->view_y + ui->view_h - 1, ui->cols - 10, 9, "more ↓",
				THEME_DIM);
}

static int brief_handle(struct ui *ui, int action)
{
	int r;

	switch (action) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		return list_scroll(&B.list, action);
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
		r = plan_forms_action(ui, B.id, action);
		return r;
	}
}

static const char *brief_hint(struct ui *ui)
{
	return " N log a note  F follow up  a move a problem  Enter account  ↑↓ scroll  Esc back  ? help";
}

static void brief_done(struct ui *ui)
{
	free_lines();
	free(B.good);
	free(B.reported);
	free(B.name);
}

const struct view_ops view_brief_ops = {
	.id = VIEW_BRIEF,
	.done = brief_done,
	.enter = brief_enter,
	.reload = brief_reload,
	.draw = brief_draw,
	.handle = brief_handle,
	.hint = brief_hint,
};

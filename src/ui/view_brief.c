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
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

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
	int width; /* of the page being laid out */
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

	new_line();
	switch (b->verdict.verdict) {
	case VERDICT_DO_NOT_PITCH:
		seg(0, "*** DO NOT PITCH ***", THEME_HOLD);
		s = xasprintf("Talk about this instead: %s.", b->instead ? b->instead : "");
		wrapped(s, 2, THEME_TITLE);
		break;
	case VERDICT_WAIT:
		date_format(b->verdict.until, day);
		s = b->verdict.reason >= 0
			    ? xasprintf("WAIT until %s (%s): they said it is not a good time", day,
					word(w, sizeof(w),
					     reason_name((enum reason)b->verdict.reason)))
			    : xasprintf("WAIT until %s: they said it is not a good time", day);
		seg(0, s, THEME_WARNING);
		break;
	case VERDICT_CHECK_IN:
		date_format(b->verdict.until, day);
		fmt_due(when, sizeof(when), b->verdict.until, ui->today);
		s = xasprintf("CHECK IN first: a post-sale check-in is due (%s, %s)", day, when);
		seg(0, s, THEME_WARNING);
		break;
	case VERDICT_PITCH:
		s = xasprintf("PITCH: sales are open: %s.", quadrant_play(b->quadrant));
		wrapped(s, 0, THEME_PROMOTER);
		break;
	}
	free(s);
	new_line();
	if (b->good_time) {
		char reason[48];
		s = xasprintf("%s%s%s%s, asked on %s%s%s", b->good_time, b->good_reason ? " (" : "",
			      b->good_reason ? word(reason, sizeof(reason), b->good_reason) : "",
			      b->good_reason ? ")" : "", b->good_on,
			      b->good_next ? "; try again on " : "",
			      b->good_next ? b->good_next : "");
		keyed("Good time?", s, THEME_NORMAL);
		free(s);
	} else {
		keyed("Good time?", "never asked (N logs the answer)", THEME_DIM);
	}
	if (!b->ndue)
		keyed("Due", "nothing", THEME_DIM);
	for (i = 0; i < b->ndue; i++) {
		const struct brief_due *d = &b->due[i];
		int x;

		date_format(d->due, day);
		fmt_due(when, sizeof(when), d->due, ui->today);
		new_line();
		if (i == 0)
			seg(0, "Due", THEME_HEADER);
		x = seg(13, agenda_kind_title(d->kind),
			d->due < ui->today ? THEME_WARNING : THEME_TITLE);
		s = xasprintf("%s, %s", day, when);
		seg(x + 2, s, THEME_DIM);
		free(s);
		wrapped(d->detail, 15, THEME_NORMAL);
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
	keyed("Account", s, THEME_NORMAL);
	free(s);
	if (b->status != ACCT_ACTIVE) {
		keyed("Status", acct_status_name(b->status), THEME_HOLD);
		if (b->status == ACCT_LOST) {
			keyed("Lost to", b->lost_to, THEME_NORMAL);
			keyed("Why lost", b->lost_reason, THEME_NORMAL);
			keyed("Win-back", b->winback_plan, THEME_NORMAL);
		}
	} else {
		s = xasprintf("%s: %s", quadrant_title(b->quadrant), quadrant_play(b->quadrant));
		keyed("Quadrant", s, draw_quadrant_elem(b->quadrant));
		free(s);
	}
	if (b->hold_reason)
		s = xasprintf("%s (%s on %s: %s)", b->facts.hold.on ? "ON HOLD" : "open",
			      b->hold_why, b->hold_on ? b->hold_on : "?", b->hold_reason);
	else
		s = xasprintf("%s (%s)", b->facts.hold.on ? "ON HOLD" : "open", b->hold_why);
	keyed("Sales", s, b->facts.hold.on ? THEME_HOLD : THEME_PROMOTER);
	free(s);
	fmt_nps(nps, sizeof(nps), b->nps_known, b->nps);
	if (b->nps_known)
		s = xasprintf("%s now, from %d buyer%s; last response %s", nps, b->counted,
			      b->counted == 1 ? "" : "s",
			      b->last_response ? b->last_response : "-");
	else
		s = xstrdup("no feedback in the window: get feedback before any pitch");
	keyed("NPS", s, THEME_NORMAL);
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
	keyed("Trend", t.buf, THEME_NORMAL);
	strbuf_done(&t);
}

static void build_people(const struct brief *b)
{
	char buf[96], w[48];
	size_t i;
	int x;

	heading("Readiness conditions still open");
	if (!b->nconditions) {
		new_line();
		seg(2, "none", THEME_DIM);
	}
	for (i = 0; i < b->nconditions; i++) {
		new_line();
		seg(seg(2, "[ ] ", THEME_HOLD), b->conditions[i], THEME_NORMAL);
	}

	heading("Buyers and how to approach them");
	if (!b->nbuyers) {
		new_line();
		seg(2, "no contacts on record", THEME_DIM);
	}
	for (i = 0; i < b->nbuyers; i++) {
		const struct brief_buyer *r = &b->buyers[i];
		char *a;

		new_line();
		x = seg(2, r->name, THEME_TITLE);
		snprintf(buf, sizeof(buf), " (%s)", word(w, sizeof(w), r->role));
		x = seg(x, buf, THEME_DIM) + 2;
		if (r->has_score) {
			snprintf(buf, sizeof(buf), "latest %d %s", r->score,
				 category_name(r->category));
			x = seg(x, buf, draw_score_elem(r->score));
			snprintf(buf, sizeof(buf), " on %.10s", r->latest_on ? r->latest_on : "?");
			seg(x, buf, THEME_DIM);
		} else {
			seg(x, "no response", THEME_DIM);
		}
		a = xasprintf("Approach: %s", approach_for(r->category));
		wrapped(a, 6, r->category == CAT_DETRACTOR ? THEME_DETRACTOR : THEME_NORMAL);
		free(a);
	}

	heading("Open problems");
	if (!b->nproblems) {
		new_line();
		seg(2, "none", THEME_DIM);
	}
	for (i = 0; i < b->nproblems; i++) {
		const struct brief_problem *p = &b->problems[i];
		char *c;

		new_line();
		x = seg(2, word(w, sizeof(w), p->status), THEME_HOLD) + 2;
		x = seg(x, p->opened_on, THEME_DIM) + 2;
		if (p->defect)
			x = seg(x, p->defect, THEME_HOLD) + 2;
		seg(x, p->title, THEME_TITLE);
		c = xasprintf("Root cause: %s", *p->root_cause ? p->root_cause : "not found yet");
		wrapped(c, 6, THEME_NORMAL);
		free(c);
	}
	new_line();
	if (b->reported_on) {
		char *r = xasprintf("%s, about \"%s\": %s", b->reported_on, b->reported_title,
				    *b->reported_text ? b->reported_text : "(no text kept)");
		keyed("Reported", r, THEME_NORMAL);
		free(r);
	} else {
		keyed("Reported", "nothing reported back to the customer yet", THEME_NORMAL);
	}

	heading("Last notes");
	if (!b->nnotes) {
		new_line();
		seg(2, "none yet (N logs one)", THEME_DIM);
	}
	for (i = 0; i < b->nnotes; i++) {
		const struct brief_note *r = &b->notes[i];

		new_line();
		x = seg(2, r->created_at, THEME_DIM) + 2;
		x = seg(x, r->kind, THEME_KEY);
		if (r->contact) {
			x = seg(x + 2, "with ", THEME_DIM);
			x = seg(x, r->contact, THEME_NORMAL);
		}
		if (r->good_time) {
			x = seg(x + 2, "good time: ", THEME_DIM);
			x = seg(x, r->good_time,
				!strcmp(r->good_time, "yes")  ? THEME_PROMOTER
				: !strcmp(r->good_time, "no") ? THEME_DETRACTOR
							      : THEME_PASSIVE);
			if (r->reason) {
				x = seg(x, " (", THEME_DIM);
				x = seg(x, word(w, sizeof(w), r->reason), THEME_NORMAL);
				x = seg(x, ")", THEME_DIM);
			}
		}
		if (r->next) {
			x = seg(x + 2, "try again on ", THEME_DIM);
			seg(x, r->next, THEME_NORMAL);
		}
		wrapped(r->body, 6, THEME_NORMAL);
	}
}

static void build(struct ui *ui)
{
	struct brief b;
	enum status st;

	free_lines();
	free(B.name);
	B.name = NULL;
	B.width = ui->cols - 2;
	if ((st = brief_load(ui->db, ui->rules, ui->today, B.id, BRIEF_NOTES, &b)) != STATUS_OK) {
		new_line();
		seg(0, status_detail(), THEME_WARNING);
		return;
	}
	B.name = xstrdup(b.name);
	new_line();
	seg(seg(0, b.name, THEME_TITLE) + 2, "pre-call brief", THEME_DIM);
	new_line();
	build_verdict(ui, &b);
	heading("Where it stands");
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
		r = account_forms_action(ui, B.id, action);
		return r;
	}
}

static const char *brief_hint(struct ui *ui)
{
	return " N log a note  F follow up  a move a problem  Enter account  ↑↓ scroll  Esc back  ? help";
}

static void brief_view_done(struct ui *ui)
{
	free_lines();
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

/*
 * The Standup view: what moved since the last standup, for a team lead to
 * run the standup from, on a projector. The same report as `acctplan
 * standup` (the model in standup.h): the board with each quadrant's change
 * since the mark, then one list of the movers (from → to, NPS then and
 * now), the holds set or lifted, new detractors, follow-ups that fell
 * overdue, problems that moved, and the team's actions grouped by owner.
 *
 * Enter opens the selected row's account and b its brief; o steps through
 * the owners; + agrees an action on the selected account, x marks the
 * selected action done (or opens it again), m records that the standup is
 * held today, s shows the scatter plot with each account's trail since the
 * mark. The report is loaded when the view is entered, when the owner
 * filter changes and after ACT_RELOAD (the file or the day changed, or R),
 * which makes it forget what it held: the board, the movers and the holds
 * at once, each other section (standup_load_part()) when its heading
 * comes onto the screen, and all of them for End. On a big book the movers
 * alone fill the screen, and the rest is read as it is scrolled to.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "acctplan/edits.h"
#include "account_forms.h"
#include "acctplan/history.h"
#include "acctplan/standup.h"
#include "acctplan/xalloc.h"

enum row_kind {
	ROW_HEADING, /* a section's title */
	ROW_OWNER,   /* an owner's actions follow */
	ROW_MOVED,
	ROW_HOLD,
	ROW_DETRACTOR,
	ROW_OVERDUE,
	ROW_PROBLEM,
	ROW_ACTION,
};

struct srow {
	enum row_kind kind;
	size_t i;         /* into the report's array of its kind */
	const char *text; /* ROW_HEADING, ROW_OWNER: borrowed from texts */
	int part;         /* ROW_HEADING: the part it heads (standup.h), or -1 */
};

static struct standup_view {
	struct standup s;
	bool loaded, stale;
	bool failed[STANDUP_PARTS]; /* parts that could not be read: not tried again */
	int owner;                  /* ui->owner the report is for */
	struct srow *rows;
	size_t n, cap;
	char **texts; /* the headings' words */
	size_t ntexts, texts_cap;
	struct list list;
	int list_y; /* the screen row of the list's first line */
} V;

/* The board's lines at the top: the 2×2 and the no-feedback lane. */
#define BOARD_ROWS 3

/* Forgets the rows, not the report. */
static void forget_rows(void)
{
	size_t i;

	free(V.rows);
	V.rows = NULL;
	V.n = V.cap = 0;
	for (i = 0; i < V.ntexts; i++)
		free(V.texts[i]);
	free(V.texts);
	V.texts = NULL;
	V.ntexts = V.texts_cap = 0;
}

static void forget(void)
{
	if (V.loaded)
		standup_done(&V.s);
	V.loaded = false;
	memset(V.failed, 0, sizeof(V.failed));
	forget_rows();
}

static void add_row(enum row_kind kind, size_t i, char *text)
{
	struct srow *r;

	V.rows = xgrow(V.rows, &V.cap, V.n + 1, sizeof(*V.rows));
	r = &V.rows[V.n++];
	r->kind = kind;
	r->i = i;
	r->text = NULL;
	r->part = -1;
	if (text) {
		V.texts = xgrow(V.texts, &V.texts_cap, V.ntexts + 1, sizeof(*V.texts));
		r->text = V.texts[V.ntexts++] = text;
	}
}

static void heading(const char *title, size_t n)
{
	add_row(ROW_HEADING, 0, n ? xasprintf("%s (%zu)", title, n) : xasprintf("%s: none", title));
}

/* The heading of part p; false when it is not read yet, and so has no rows
 * to follow it. */
static bool part_heading(const char *title, enum standup_part p, size_t n)
{
	if (V.s.loaded[p]) {
		heading(title, n);
		return true;
	}
	add_row(ROW_HEADING, 0,
		xasprintf(V.failed[p] ? "%s: could not be read" : "%s: read when shown", title));
	V.rows[V.n - 1].part = (int)p;
	return false;
}

/* The report as rows, section by section. */
static void build(void)
{
	const struct standup *s = &V.s;
	const char *owner = NULL;
	size_t i, j;

	heading("Moved", s->nmoved);
	for (i = 0; i < s->nmoved; i++)
		add_row(ROW_MOVED, i, NULL);
	if (part_heading("New detractors", STANDUP_DETRACTORS, s->ndetractors))
		for (i = 0; i < s->ndetractors; i++)
			add_row(ROW_DETRACTOR, i, NULL);
	if (part_heading("Follow-ups that fell overdue", STANDUP_OVERDUE, s->noverdue))
		for (i = 0; i < s->noverdue; i++)
			add_row(ROW_OVERDUE, i, NULL);
	part_heading("Actions by owner", STANDUP_ACTIONS, s->nactions);
	for (i = 0; i < s->nactions; i++) {
		if (!owner || strcmp(owner, s->actions[i].owner) != 0) {
			size_t pending = 0, all = 0;

			owner = s->actions[i].owner;
			for (j = i; j < s->nactions && !strcmp(s->actions[j].owner, owner); j++) {
				all++;
				pending += commitment_pending(s->actions[j].state);
			}
			add_row(ROW_OWNER, i,
				xasprintf("%s · %zu to do, %zu done", *owner ? owner : "(no owner)",
					  pending, all - pending));
		}
		add_row(ROW_ACTION, i, NULL);
	}
	heading("Holds set or lifted", s->nholds);
	for (i = 0; i < s->nholds; i++)
		add_row(ROW_HOLD, i, NULL);
	if (part_heading("Problems moved", STANDUP_PROBLEMS, s->nproblems))
		for (i = 0; i < s->nproblems; i++)
			add_row(ROW_PROBLEM, i, NULL);
}

/* Reads the parts whose headings are on the screen, or with all every
 * part, and lays the rows out again where any was read; the place in the
 * list stays. A big book's report is read as it is shown: the movers
 * alone can fill the screen. */
static void read_parts(struct ui *ui, bool all)
{
	bool again = true;

	while (again) {
		size_t r, end = V.list.top + (size_t)(V.list.height > 0 ? V.list.height : 1);

		again = false;
		for (r = 0; r < V.n && (all || r < end); r++) {
			int p = V.rows[r].part;

			if (V.rows[r].kind != ROW_HEADING || p < 0 || V.failed[p])
				continue;
			if (standup_load_part(ui->db, ui->rules, &V.s, (enum standup_part)p) !=
			    STATUS_OK) {
				ui_message(ui, THEME_WARNING, "%s", status_detail());
				V.failed[p] = true;
			}
			again = true;
		}
		if (again) {
			forget_rows();
			build();
		}
	}
}

static bool selectable(size_t r)
{
	return r < V.n && V.rows[r].kind != ROW_HEADING && V.rows[r].kind != ROW_OWNER;
}

/* The account of row r, or 0. */
static int64_t account_of(size_t r)
{
	const struct standup *s = &V.s;
	const struct srow *x;

	if (!selectable(r))
		return 0;
	x = &V.rows[r];
	switch (x->kind) {
	case ROW_MOVED:
		return s->moved[x->i].id;
	case ROW_HOLD:
		return s->holds[x->i].id;
	case ROW_DETRACTOR:
		return s->detractors[x->i].account_id;
	case ROW_OVERDUE:
		return s->overdue[x->i].account_id;
	case ROW_PROBLEM:
		return s->problems[x->i].account_id;
	case ROW_ACTION:
		return s->actions[x->i].account_id;
	default:
		return 0;
	}
}

/* Moves the selection off a heading, in direction dir (+1, -1), else the
 * other way. */
static void settle(int dir)
{
	size_t r = V.list.sel;

	while (r < V.n && !selectable(r) && (dir > 0 ? r + 1 < V.n : r > 0))
		r = dir > 0 ? r + 1 : r - 1;
	if (!selectable(r))
		for (r = V.list.sel; r < V.n && !selectable(r) && (dir > 0 ? r > 0 : r + 1 < V.n);)
			r = dir > 0 ? r - 1 : r + 1;
	if (selectable(r)) {
		V.list.sel = r;
		list_set(&V.list, V.n, V.list.height);
	}
}

static void standup_reload(struct ui *ui)
{
	int height = ui->view_h - BOARD_ROWS - 2;

	if (!V.loaded || V.stale || V.owner != ui->owner) {
		bool same = V.loaded && V.owner == ui->owner;
		size_t sel = V.list.sel, top = V.list.top;

		forget();
		V.stale = false;
		V.owner = ui->owner;
		if (standup_begin(ui->db, ui->today, -1, ui_owner(ui), &V.s) != STATUS_OK) {
			ui_message(ui, THEME_WARNING, "%s", status_detail());
			return;
		}
		V.loaded = true;
		build();
		if (same) {
			/* the same report read again: keep the place */
			V.list.sel = sel;
			V.list.top = top;
		} else {
			list_init(&V.list);
		}
	}
	V.list_y = ui->view_y + BOARD_ROWS + 2;
	/* the place kept, not yet held to the rows of the parts unread */
	V.list.height = height > 1 ? height : 1;
	read_parts(ui, false);
	list_set(&V.list, V.n, height > 1 ? height : 1);
	settle(1);
}

/* ---- drawing ------------------------------------------------------------------ */

/* "Repair 12 ▲1" at (y, x) in w columns. */
static void draw_count(struct ui *ui, int y, int x, int w, enum quadrant q)
{
	char n[16], change[16];
	int d = standup_delta(&V.s, q), used;
	/* fewer on hold and more where sales are open is good news */
	bool good = quadrant_holds(q) ? d < 0 : d > 0;

	if (w < 8)
		return;
	used = draw_text(ui, y, x, w, quadrant_title(q), draw_quadrant_elem(q), false);
	snprintf(n, sizeof(n), " %d ", V.s.now[q]);
	used += draw_text(ui, y, x + used, w - used, n, THEME_TITLE, false);
	fmt_change(change, sizeof(change), d);
	draw_text(ui, y, x + used, w - used, change,
		  d == 0 ? THEME_DIM
		  : good ? THEME_PROMOTER
			 : THEME_DETRACTOR,
		  false);
}

static void draw_board(struct ui *ui)
{
	char day[DATE_LEN], head[160];
	int y = ui->view_y, mid = ui->cols / 2;

	date_format(V.s.since, day);
	snprintf(head, sizeof(head), "What moved %s %s · %d day%s",
		 V.s.since_kind == STANDUP_SINCE_MARK ? "since the standup of" : "since", day,
		 ui->today - V.s.since, ui->today - V.s.since == 1 ? "" : "s");
	draw_text(ui, y, 1, ui->cols - 2, head, THEME_TITLE, false);
	if (V.s.since_kind == STANDUP_SINCE_DEFAULT && ui->cols > 80)
		draw_text_right(ui, y, mid, ui->cols - mid - 1,
				"no standup marked yet: m marks one", THEME_DIM);
	y++;
	draw_count(ui, y, 1, mid - 2, QUAD_REPAIR);
	draw_vline(ui, y, mid, 2, THEME_BORDER);
	draw_count(ui, y, mid + 2, ui->cols - mid - 3, QUAD_PROTECT);
	draw_count(ui, y + 1, 1, mid - 2, QUAD_FIX_BASICS);
	draw_count(ui, y + 1, mid + 2, ui->cols - mid - 3, QUAD_GROW);
	draw_count(ui, y + 2, 1, ui->cols - 2, QUAD_NO_FEEDBACK);
	draw_hline(ui, y + 3, 0, ui->cols, THEME_BORDER);
}

/* Columns of a row at this width: the account's name, then the rest. */
struct cols {
	int name, rest;
};

static void draw_moved(struct ui *ui, int y, const struct standup_mover *m, int base, bool sel,
		       const struct cols *c)
{
	char a[16], b[16], *nps;
	int x = c->rest, w = ui->cols - 1 - x, used;

	draw_text(ui, y, 2, c->name - 3, m->name, base, false);
	used = draw_text(ui, y, x, w, fmt_place(m->was_on, m->from),
			 sel || !m->was_on ? base : draw_quadrant_elem(m->from), false);
	used += draw_text(ui, y, x + used, w - used, " → ", base, false);
	used += draw_text(ui, y, x + used, w - used, fmt_place(m->is_on, m->to),
			  sel || !m->is_on ? base : draw_quadrant_elem(m->to), false);
	fmt_nps(a, sizeof(a), m->nps_then_known, m->nps_then);
	fmt_nps(b, sizeof(b), m->nps_now_known, m->nps_now);
	nps = xasprintf("NPS %s → %s", a, b);
	x += used > 32 ? used + 2 : 34;
	used = draw_text(ui, y, x, ui->cols - 1 - x, nps, sel ? base : THEME_DIM, false);
	free(nps);
	if (ui->cols >= 120)
		draw_text(ui, y, x + 20, ui->cols - x - 21, m->owner, sel ? base : THEME_DIM,
			  false);
}

static void draw_action(struct ui *ui, int y, const struct standup_action *a, int base, bool sel,
			const struct cols *c)
{
	char state[32], *when;
	int x = c->rest, used;
	int elem = a->state == COMMIT_NOT_DONE ? THEME_WARNING
		   : a->state == COMMIT_LATE   ? THEME_HOLD
		   : a->state == COMMIT_DONE   ? THEME_PROMOTER
					       : THEME_NORMAL;

	fmt_word(state, sizeof(state), commitment_state_name(a->state));
	draw_text(ui, y, 4, 9, state, sel ? base : elem, false);
	when = a->done_on ? xasprintf("due %s, done %s", a->due, a->done_on)
			  : xasprintf("due %s", a->due);
	draw_text(ui, y, 13, c->name - 14, a->account, base, false);
	used = draw_text(ui, y, x, ui->cols - 1 - x, a->text, base, false);
	if (ui->cols >= 120)
		draw_text(ui, y, x + used + 2, ui->cols - x - used - 3, when,
			  sel ? base : THEME_DIM, false);
	else
		draw_text_right(ui, y, x + used + 1, ui->cols - x - used - 2, when,
				sel ? base : THEME_DIM);
	free(when);
}

static void draw_row(struct ui *ui, int y, size_t r)
{
	const struct standup *s = &V.s;
	const struct srow *x = &V.rows[r];
	bool sel = r == V.list.sel && selectable(r);
	int base = sel ? THEME_SELECTION : THEME_NORMAL;
	struct cols c;
	char *t = NULL, when[32], day[DATE_LEN];

	c.name = ui->cols >= 120 ? 40 : ui->cols >= 80 ? 30 : 22;
	c.rest = c.name;
	if (x->kind == ROW_HEADING) {
		draw_text(ui, y, 1, ui->cols - 2, x->text, THEME_HEADER, false);
		return;
	}
	if (x->kind == ROW_OWNER) {
		draw_text(ui, y, 2, ui->cols - 3, x->text, THEME_TITLE, false);
		return;
	}
	draw_fill(ui, y, 0, ui->cols, base);
	switch (x->kind) {
	case ROW_MOVED:
		draw_moved(ui, y, &s->moved[x->i], base, sel, &c);
		break;
	case ROW_HOLD: {
		const struct standup_hold *h = &s->holds[x->i];
		int used;

		draw_text(ui, y, 2, c.name - 3, h->name, base, false);
		used = draw_text(ui, y, c.rest, ui->cols - 1 - c.rest,
				 h->now ? "put on hold" : "open again",
				 sel      ? base
				 : h->now ? THEME_HOLD
					  : THEME_PROMOTER,
				 false);
		draw_text(ui, y, c.rest + used + 2, ui->cols - c.rest - used - 3, h->why,
			  sel ? base : THEME_DIM, false);
		break;
	}
	case ROW_DETRACTOR:
	case ROW_OVERDUE: {
		const struct standup_detractor *d =
			x->kind == ROW_DETRACTOR ? &s->detractors[x->i] : &s->overdue[x->i];
		draw_text(ui, y, 2, c.name - 3, d->account, base, false);
		if (x->kind == ROW_OVERDUE) {
			date_format(d->due, day);
			fmt_due(when, sizeof(when), d->due, ui->today);
			t = xasprintf("%s (due %s): %s scored %d on %s", when, day,
				      d->contact ? d->contact : "anonymous", d->score,
				      d->responded_on);
		} else {
			t = xasprintf("%s scored %d on %s%s%s",
				      d->contact ? d->contact : "anonymous", d->score,
				      d->responded_on, *d->comment ? ": " : "", d->comment);
		}
		draw_text(ui, y, c.rest, ui->cols - 1 - c.rest, t,
			  sel                      ? base
			  : x->kind == ROW_OVERDUE ? THEME_WARNING
						   : THEME_NORMAL,
			  false);
		break;
	}
	case ROW_PROBLEM: {
		const struct standup_problem *p = &s->problems[x->i];
		char ev[32], st[32];

		fmt_word(ev, sizeof(ev), p->event);
		fmt_word(st, sizeof(st), p->status);
		draw_text(ui, y, 2, c.name - 3, p->account, base, false);
		t = xasprintf("%s %s: %s (now %s)", ev, p->on, p->title, st);
		draw_text(ui, y, c.rest, ui->cols - 1 - c.rest, t, base, false);
		break;
	}
	case ROW_ACTION:
		draw_action(ui, y, &s->actions[x->i], base, sel, &c);
		break;
	default:
		break;
	}
	free(t);
}

static void standup_draw(struct ui *ui)
{
	int r;

	if (!V.loaded)
		return;
	draw_board(ui);
	for (r = 0; r < V.list.height && V.list.top + (size_t)r < V.n; r++)
		draw_row(ui, V.list_y + r, V.list.top + (size_t)r);
	if (V.list.top + (size_t)V.list.height < V.n)
		draw_text_right(ui, V.list_y + V.list.height, 0, ui->cols - 1, "more ↓", THEME_DIM);
}

/* ---- actions ------------------------------------------------------------------- */

static int mark(struct ui *ui)
{
	char day[DATE_LEN], stamp[APP_STAMP_LEN];
	bool added = false;

	if (db_is_readonly(ui->db)) {
		ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be written");
		return REACT_DRAW;
	}
	date_format(ui->today, day);
	if (db_mark_add(ui->db, day, app_stamp(ui->app, stamp), &added) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		return REACT_DRAW;
	}
	if (added)
		ui_written(ui);
	ui_message(ui, THEME_STATUS, "%s",
		   added ? "Standup marked as held today: the next one reports from here"
			 : "A standup was already marked today");
	return added ? REACT_RELOAD : REACT_DRAW;
}

/* x: the selected action done today, or open again. */
static int toggle_done(struct ui *ui)
{
	const struct standup_action *a;
	char day[DATE_LEN];
	enum status st;

	if (!selectable(V.list.sel) || V.rows[V.list.sel].kind != ROW_ACTION) {
		ui_message(ui, THEME_STATUS, "Select an action to mark it done");
		return REACT_DRAW;
	}
	if (db_is_readonly(ui->db)) {
		ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be written");
		return REACT_DRAW;
	}
	a = &V.s.actions[V.rows[V.list.sel].i];
	date_format(ui->today, day);
	{
		/* one change in the edit history: U takes it back */
		char stamp[APP_STAMP_LEN];
		struct change ch = {CHANGE_LOCAL, app_stamp(ui->app, stamp),
				    commitment_pending(a->state) ? "action done"
								 : "action open again"};

		db_change(ui->db, &ch);
		st = commitment_pending(a->state) ? db_action_done(ui->db, a->id, day)
						  : db_action_reopen(ui->db, a->id);
		db_change_cancel(ui->db);
	}
	if (st != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		return REACT_DRAW;
	}
	/* every view forgets what it showed: the agenda lists actions too */
	ui_written(ui);
	ui_message(ui, THEME_STATUS, "%s",
		   commitment_pending(a->state) ? "Action done today (x again opens it)"
						: "Action open again");
	return REACT_RELOAD;
}

static int standup_handle(struct ui *ui, int action)
{
	int64_t id = V.loaded ? account_of(V.list.sel) : 0;
	int r;

	if (list_is_move(action)) {
		if (action == ACT_LAST && V.loaded) {
			/* the end is past every part */
			read_parts(ui, true);
			list_set(&V.list, V.n, V.list.height);
		}
		r = list_handle(&V.list, action);
		settle(action == ACT_UP || action == ACT_PAGE_UP || action == ACT_LAST ? -1 : 1);
		if (action == ACT_LAST || action == ACT_PAGE_DOWN)
			settle(-1);
		return r == REACT_PASS ? REACT_NONE : REACT_RELOAD;
	}
	switch (action) {
	case ACT_OWNER_NEXT:
	case ACT_OWNER_PREV:
		ui_owner_step(ui, action);
		return REACT_RELOAD;
	case ACT_SCATTER:
		if (id)
			ui->selected = id;
		ui_push(ui, &view_scatter_ops);
		return REACT_RELOAD;
	case ACT_STANDUP_MARK:
		return mark(ui);
	case ACT_ACTION_ADD:
		if (!id) {
			ui_message(ui, THEME_STATUS,
				   "Select an account's row to agree an action on it");
			return REACT_DRAW;
		}
		V.stale = true;
		return account_forms_action(ui, id, action);
	case ACT_ACTION_DONE:
		return toggle_done(ui);
	case ACT_RELOAD:
		V.stale = true;
		return REACT_PASS;
	default: /* Enter and b on the selected account */
		return ui_account_action(ui, action, id);
	}
}

static int standup_click(struct ui *ui, int y, int x, bool twice)
{
	int r = y - V.list_y;

	(void)x;
	if (r < 0 || !selectable(V.list.top + (size_t)r))
		return REACT_NONE;
	return list_click_open(ui, &V.list, r, twice, standup_handle);
}

static const char *standup_hint(struct ui *ui)
{
	static const struct hint h[] = {
		HINT2(ACT_UP, ACT_DOWN, "move"), HINT(ACT_OPEN, "open"),
		HINT(ACT_OWNER_NEXT, "owner"),   HINT(ACT_ACTION_ADD, "action"),
		HINT(ACT_ACTION_DONE, "done"),   HINT(ACT_STANDUP_MARK, "mark today"),
		HINT(ACT_SCATTER, "trails"),     HINT(ACT_HELP, "help"),
	};

	return UI_HINT(ui, VIEW_STANDUP, h);
}

static void standup_init(struct ui *ui)
{
	memset(&V, 0, sizeof(V));
	list_init(&V.list);
	V.owner = ui->owner;
}

static void standup_done_view(struct ui *ui)
{
	(void)ui;
	forget();
}

const struct view_ops view_standup_ops = {
	.id = VIEW_STANDUP,
	.init = standup_init,
	.done = standup_done_view,
	.reload = standup_reload,
	.draw = standup_draw,
	.handle = standup_handle,
	.click = standup_click,
	.hint = standup_hint,
};

/*
 * Win-back (seed 003): the lost accounts, to whom and when they were lost
 * and their next review (every winback_days after it, agenda.h), those
 * still to win back first, the soonest review first, then those whose
 * win-back was dropped. Under the list, why the selected one was lost and
 * its win-back plan. x gives the win-back up (no more reviews) or takes it
 * up again; Enter opens the account, b its brief; o and O step the owner.
 *
 * A million-account book has some 42,000 lost accounts, so the view holds
 * only what it has shown, as the agenda does: entering it reads the rows
 * on screen and a few pages ahead (db_winbacks(), in the order of the
 * cache's index on the next review, schema 16), moving down reads the next
 * pages before the selection gets there, and the header's counts come from
 * that index (db_winback_count()). What was written meanwhile, or a new
 * owner, makes it read again as many rows as it held, keeping the
 * selected account selected when it is still there.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "page.h"
#include "acctplan/edits.h"
#include "acctplan/practices.h"
#include "acctplan/xalloc.h"

/* One lost account as drawn, with all the detail under the list. */
struct lost_line {
	int64_t id;
	char *name, *owner, *lost_on, *lost_to, *dropped_on, *reason, *plan;
	int next_due;
};

static struct winback_view {
	struct list list;
	struct lost_line *rows; /* the first n of the list, in its order */
	size_t n, cap;
	bool more; /* the list may go on past rows[n - 1] */
	bool stale;
	size_t lost, open; /* the header's counts */
	int detail_h;      /* rows under the list for the selected account */
} W;

static void line_done(void *p)
{
	struct lost_line *l = p;

	free(l->name);
	free(l->owner);
	free(l->lost_on);
	free(l->lost_to);
	free(l->dropped_on);
	free(l->reason);
	free(l->plan);
}

static void free_rows(void)
{
	list_rows_free(W.rows, W.n, sizeof(*W.rows), line_done);
	W.rows = NULL;
	W.n = W.cap = 0;
	W.more = true;
}

static int got_line(const struct winback_row *r, void *ctx)
{
	struct lost_line *l;

	(void)ctx;
	W.rows = xgrow(W.rows, &W.cap, W.n + 1, sizeof(*W.rows));
	l = &W.rows[W.n++];
	l->id = r->id;
	l->name = xstrdup(r->name);
	l->owner = xstrdup(r->owner);
	l->lost_on = xstrdup_opt(r->lost_on);
	l->lost_to = xstrdup_opt(r->lost_to);
	l->dropped_on = xstrdup_opt(r->dropped_on);
	l->reason = xstrdup_opt(r->lost_reason);
	l->plan = xstrdup_opt(r->plan);
	l->next_due = r->next_due;
	return 0;
}

/* Reads rows until `want` are held or the list ends, FETCH_PAGES pages at
 * least, each read starting after the last row held. */
#define FETCH_PAGES 4
static void fetch(struct ui *ui, size_t want)
{
	struct winback_row after = {0};
	size_t had = W.n, page = (size_t)(W.list.height > 0 ? W.list.height : 1), limit;

	if (!W.more || W.n >= want)
		return;
	if (W.n) {
		after.id = W.rows[W.n - 1].id;
		after.name = W.rows[W.n - 1].name;
		after.next_due = W.rows[W.n - 1].next_due;
	}
	limit = want - W.n > FETCH_PAGES * page ? want - W.n : FETCH_PAGES * page;
	/* after borrows the last row's name: the array may move as it
	 * grows, the string does not */
	if (db_winbacks(ui->db, ui_owner(ui), W.n ? &after : NULL, limit, got_line, NULL) !=
	    STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		W.more = false;
		return;
	}
	W.more = W.n - had >= limit;
}

/* The selected account, or NULL: none. */
static const struct lost_line *current(void)
{
	return W.list.sel < W.n ? &W.rows[W.list.sel] : NULL;
}

static void winback_reload(struct ui *ui)
{
	int64_t keep = W.list.sel < W.n ? W.rows[W.list.sel].id : 0;
	size_t i;

	/* the selected account's reason and plan below the list, when there
	 * is room for them */
	W.detail_h = ui->view_h >= 16 ? 6 : 0;
	W.list.height = ui->view_h - 2 - W.detail_h > 0 ? ui->view_h - 2 - W.detail_h : 1;
	if (W.stale) {
		size_t want = list_ahead(&W.list) > W.n ? list_ahead(&W.list) : W.n;

		free_rows();
		W.stale = false;
		fetch(ui, want);
		if (db_winback_count(ui->db, ui_owner(ui), &W.lost, &W.open) != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		for (i = 0; keep && i < W.n; i++)
			if (W.rows[i].id == keep)
				W.list.sel = i;
	} else {
		fetch(ui, list_ahead(&W.list));
	}
	list_set(&W.list, W.n, W.list.height);
}

/* The selected account's why and plan, wrapped, from row y. */
struct detail_ctx {
	struct ui *ui;
	int y, left, x, w, elem;
};

static void detail_line(const char *line, void *p)
{
	struct detail_ctx *d = p;

	if (d->left-- <= 0)
		return;
	draw_text(d->ui, d->y++, d->x, d->w, line, d->elem, false);
}

static void draw_detail(struct ui *ui, int y)
{
	const struct lost_line *l = current();
	struct detail_ctx d = {ui, y + 1, W.detail_h - 1, 13, ui->cols - 14, THEME_NORMAL};

	draw_hline(ui, y, 0, ui->cols, THEME_DIM);
	if (!l)
		return;
	draw_text(ui, d.y, 1, 11, "Why lost", THEME_HEADER, false);
	d.left = 2;
	draw_wrap(l->reason ? l->reason : "(not given)", d.w, detail_line, &d);
	d.y += d.left > 0 ? d.left : 0;
	draw_text(ui, d.y, 1, 11, "Win-back", THEME_HEADER, false);
	d.left = W.detail_h - 1 - 2;
	draw_wrap(l->plan ? l->plan : "(no plan written: L on the account writes one)", d.w,
		  detail_line, &d);
}

static void winback_draw(struct ui *ui)
{
	int y = ui->view_y, r, x, wacct, wowner = 16, wday = 10, wto, wnext = 22, xs[6];
	char buf[96], day[DATE_LEN], when[32];

	x = 1 + draw_printf(ui, y, 1, ui->cols - 2, THEME_TITLE, "Win-back: %zu lost account%s",
			    W.lost, W.lost == 1 ? "" : "s");
	snprintf(buf, sizeof(buf), "  %zu to win back, every %d days", W.open,
		 ui->rules->winback_days);
	x += draw_text(ui, y, x, ui->cols - x - 1, buf, THEME_DIM, false);
	draw_owner(ui, y, x);
	y++;
	if (ui->cols < 110)
		wowner = 0;
	wacct = (ui->cols - 2 - wowner - wday - wnext - 5) / 2;
	if (wacct > 34)
		wacct = 34;
	wto = ui->cols - 2 - wacct - wowner - wday - wnext - 5;
	xs[0] = 1;
	xs[1] = xs[0] + wacct + 1;
	xs[2] = xs[1] + (wowner ? wowner + 1 : 0);
	xs[3] = xs[2] + wday + 1;
	xs[4] = xs[3] + wnext + 1;
	draw_text(ui, y, xs[0], wacct, "Account", THEME_HEADER, true);
	if (wowner)
		draw_text(ui, y, xs[1], wowner, "Owner", THEME_HEADER, true);
	draw_text(ui, y, xs[2], wday, "Lost on", THEME_HEADER, true);
	draw_text(ui, y, xs[3], wnext, "Next review", THEME_HEADER, true);
	if (wto > 0)
		draw_text(ui, y, xs[4], wto, "Lost to", THEME_HEADER, true);
	y++;
	for (r = 0; r < W.list.height && W.list.top + (size_t)r < W.n; r++) {
		bool sel = W.list.top + (size_t)r == W.list.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL;
		const struct lost_line *l = &W.rows[W.list.top + (size_t)r];

		draw_fill(ui, y + r, 0, ui->cols, base);
		draw_text(ui, y + r, xs[0], wacct, l->name, base, false);
		if (wowner)
			draw_text(ui, y + r, xs[1], wowner, l->owner, sel ? base : THEME_DIM,
				  false);
		draw_text(ui, y + r, xs[2], wday, l->lost_on ? l->lost_on : "-",
			  sel ? base : THEME_DIM, false);
		if (l->next_due >= 0) {
			date_format(l->next_due, day);
			fmt_due(when, sizeof(when), l->next_due, ui->today);
			snprintf(buf, sizeof(buf), "%s %s", day, when);
			draw_text(ui, y + r, xs[3], wnext, buf,
				  sel                        ? base
				  : l->next_due <= ui->today ? THEME_WARNING
							     : THEME_NORMAL,
				  false);
		} else {
			snprintf(buf, sizeof(buf), "%s%s",
				 l->dropped_on ? "dropped " : "no date lost",
				 l->dropped_on ? l->dropped_on : "");
			draw_text(ui, y + r, xs[3], wnext, buf, sel ? base : THEME_DIM, false);
		}
		if (wto > 0)
			draw_text(ui, y + r, xs[4], wto, l->lost_to ? l->lost_to : "-", base,
				  false);
	}
	if (!W.n)
		draw_text(ui, y, 1, ui->cols - 2, "No lost account: nothing to win back.",
			  THEME_DIM, false);
	if (W.detail_h)
		draw_detail(ui, ui->view_y + ui->view_h - W.detail_h);
}

static int64_t selected(void)
{
	return W.list.sel < W.n ? W.rows[W.list.sel].id : 0;
}

/* Gives the selected account's win-back up, or takes it up again. */
static int toggle_drop(struct ui *ui)
{
	const struct lost_line *l = current();
	struct change c = {.summary = NULL};
	char on[DATE_LEN], stamp[APP_STAMP_LEN], *summary;
	bool drop;

	if (!l)
		return REACT_NONE;
	if (db_is_readonly(ui->db)) {
		ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be written");
		return REACT_DRAW;
	}
	drop = !l->dropped_on;
	date_format(ui->today, on);
	summary = xasprintf("winback %s %s", drop ? "drop" : "resume", l->name);
	c.stamp = app_stamp(ui->app, stamp);
	c.summary = summary;
	db_change(ui->db, &c);
	if (db_winback_drop(ui->db, l->id, drop, on) != STATUS_OK) {
		db_change_cancel(ui->db);
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		free(summary);
		return REACT_DRAW;
	}
	free(summary);
	ui_written(ui);
	ui_message(ui, THEME_STATUS, "%s",
		   drop ? "Win-back dropped: no more reviews (x takes it up again)"
			: "Win-back taken up again: its reviews are back on the agenda");
	return REACT_RELOAD;
}

static int winback_handle(struct ui *ui, int action)
{
	int r;

	if (list_is_move(action)) {
		/* hold the rows the move can reach before making it */
		fetch(ui, list_reach(&W.list, action));
		list_set(&W.list, W.n, W.list.height);
		if ((r = list_move(&W.list, action)) != REACT_PASS)
			return r;
	}
	switch (action) {
	case ACT_WINBACK_DROP:
		return toggle_drop(ui);
	case ACT_OWNER_NEXT:
	case ACT_OWNER_PREV:
		ui_owner_step(ui, action);
		W.stale = true;
		list_init(&W.list);
		return REACT_RELOAD;
	case ACT_RELOAD:
		W.stale = true;
		return REACT_PASS;
	default: /* Enter and b on the selected account */
		return ui_account_action(ui, action, selected());
	}
}

static int winback_click(struct ui *ui, int y, int x, bool twice)
{
	(void)x;
	return list_click_open(ui, &W.list, y - ui->view_y - 2, twice, winback_handle);
}

static const char *winback_hint(struct ui *ui)
{
	static const struct hint h[] = {
		HINT(ACT_WINBACK_DROP, "drop/resume"),
		HINT(ACT_OPEN, "open"),
		HINT(ACT_BRIEF, "brief"),
		HINT(ACT_OWNER_NEXT, "owner"),
		HINT(ACT_PLAYS, "plays"),
		HINT(ACT_HELP, "help"),
	};

	return UI_HINT(ui, VIEW_WINBACK, h);
}

static void winback_init(struct ui *ui)
{
	(void)ui;
	memset(&W, 0, sizeof(W));
	list_init(&W.list);
	W.stale = true;
}

static void winback_done(struct ui *ui)
{
	(void)ui;
	free_rows();
}

const struct view_ops view_winback_ops = {
	.id = VIEW_WINBACK,
	.init = winback_init,
	.done = winback_done,
	.reload = winback_reload,
	.draw = winback_draw,
	.handle = winback_handle,
	.click = winback_click,
	.hint = winback_hint,
};

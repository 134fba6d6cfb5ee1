/*
 * The agenda: what is due, in the order of agenda.h (detractor follow-ups,
 * "try again on" dates reached, post-sale check-ins, problems to report
 * back; within each the oldest first, then the account's priority). Enter
 * opens the account, b its brief.
 *
 * The items are fetched when the view is entered (db_agenda() sorts them
 * all, so there is no cheaper page of them) and kept; the list widget
 * selects and scrolls.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "acctplan/plan.h"
#include "acctplan/xalloc.h"

/* Rows kept: the agenda of a whole large book runs to many thousands of
 * items; the first ones are what is due first, the rest are counted. */
#define AGENDA_KEEP 5000

struct agenda_row {
	int64_t account_id;
	enum agenda_kind kind;
	int due;
	char *account, *owner, *detail;
};

static struct agenda_view {
	struct list list;
	struct agenda_row *rows;
	size_t n, cap;
	size_t total;            /* items due, kept or not */
	bool stale;
	size_t count[AGENDA_KIND_COUNT];
} G;

static void free_rows(void)
{
	size_t i;

	for (i = 0; i < G.n; i++) {
		free(G.rows[i].account);
		free(G.rows[i].owner);
		free(G.rows[i].detail);
	}
	free(G.rows);
	G.rows = NULL;
	G.n = G.cap = G.total = 0;
	memset(G.count, 0, sizeof(G.count));
}

static int got_item(const struct agenda_item *it, void *ctx)
{
	struct agenda_row *r;

	(void)ctx;
	G.total++;
	G.count[it->kind]++;
	if (G.n >= AGENDA_KEEP)
		return 0;
	G.rows = xgrow(G.rows, &G.cap, G.n + 1, sizeof(*G.rows));
	r = &G.rows[G.n++];
	r->account_id = it->account_id;
	r->kind = it->kind;
	r->due = it->due;
	r->account = xstrdup(it->account ? it->account : "");
	r->owner = xstrdup(it->owner ? it->owner : "");
	r->detail = xstrdup(it->detail ? it->detail : "");
	return 0;
}

static void agenda_enter(struct ui *ui)
{
	G.stale = true;
}

static void agenda_reload(struct ui *ui)
{
	if (G.stale) {
		struct agenda_filter f = {0};
		f.owner = ui_owner(ui);
		free_rows();
		if (db_agenda(ui->db, ui->rules, ui->today, &f, got_item, NULL) != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		G.stale = false;
	}
	list_set(&G.list, G.n, ui->view_h - 2);
}

static int kind_elem(enum agenda_kind k)
{
	switch (k) {
	case AGENDA_FOLLOWUP: return THEME_DETRACTOR;
	case AGENDA_NEXT_CONTACT: return THEME_KEY;
	case AGENDA_CHECKIN: return THEME_PROMOTER;
	default: return THEME_HOLD;
	}
}

static void agenda_draw(struct ui *ui)
{
	int y = ui->view_y, r, k, x;
	int wdue = 10, wlate = 9, wkind = 20, wacct, wowner = 15, wdetail, xs[6];
	char buf[64];

	if (G.total > G.n)
		x = 1 + draw_printf(ui, y, 1, ui->cols - 2, THEME_TITLE, "%zu due (the first %zu shown)",
				    G.total, G.n);
	else
		x = 1 + draw_printf(ui, y, 1, ui->cols - 2, THEME_TITLE, "%zu due", G.n);
	for (k = 0; k < AGENDA_KIND_COUNT; k++) {
		snprintf(buf, sizeof(buf), "  %s %zu", agenda_kind_title((enum agenda_kind)k), G.count[k]);
		x += draw_text(ui, y, x, ui->cols - x - 1, buf, G.count[k] ? kind_elem((enum agenda_kind)k)
									  : THEME_DIM,
			       false);
	}
	if (ui_owner(ui))
		draw_printf(ui, y, x + 2, ui->cols - x - 3, THEME_DIM, "(%s)", ui_owner(ui));
	y++;
	if (ui->cols < 110)
		wowner = 0;
	wacct = (ui->cols - 2 - wdue - wlate - wkind - wowner - 5) / 2;
	if (wacct > 36)
		wacct = 36;
	xs[0] = 1;
	xs[1] = xs[0] + wdue + 1;
	xs[2] = xs[1] + wlate + 1;
	xs[3] = xs[2] + wkind + 1;
	xs[4] = xs[3] + wacct + 1;
	xs[5] = xs[4] + (wowner ? wowner + 1 : 0);
	wdetail = ui->cols - 1 - xs[5];
	draw_text(ui, y, xs[0], wdue, "Due", THEME_HEADER, true);
	draw_text_right(ui, y, xs[1], wlate, "Late", THEME_HEADER);
	draw_text(ui, y, xs[2], wkind, "What", THEME_HEADER, true);
	draw_text(ui, y, xs[3], wacct, "Account", THEME_HEADER, true);
	if (wowner)
		draw_text(ui, y, xs[4], wowner, "Owner", THEME_HEADER, true);
	draw_text(ui, y, xs[5], wdetail, "Detail", THEME_HEADER, true);
	y++;
	for (r = 0; r < G.list.height && G.list.top + (size_t)r < G.n; r++) {
		const struct agenda_row *it = &G.rows[G.list.top + (size_t)r];
		bool sel = G.list.top + (size_t)r == G.list.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL, late = ui->today - it->due;
		char day[DATE_LEN];

		draw_fill(ui, y + r, 0, ui->cols, base);
		date_format(it->due, day);
		if (late > 0)
			snprintf(buf, sizeof(buf), "%d day%s", late, late == 1 ? "" : "s");
		else if (late == 0)
			snprintf(buf, sizeof(buf), "today");
		else
			snprintf(buf, sizeof(buf), "in %d", -late);
		draw_text(ui, y + r, xs[0], wdue, day, base, false);
		draw_text_right(ui, y + r, xs[1], wlate, buf,
				sel ? base : late > 0 ? THEME_WARNING : THEME_NORMAL);
		draw_text(ui, y + r, xs[2], wkind, agenda_kind_title(it->kind),
			  sel ? base : kind_elem(it->kind), false);
		draw_text(ui, y + r, xs[3], wacct, it->account, base, false);
		if (wowner)
			draw_text(ui, y + r, xs[4], wowner, it->owner, sel ? base : THEME_DIM, false);
		draw_text(ui, y + r, xs[5], wdetail, it->detail, sel ? base : THEME_DIM, false);
	}
	if (!G.n)
		draw_text(ui, y, 1, ui->cols - 2, "Nothing is due today.", THEME_DIM, false);
}

static int64_t selected(void)
{
	return G.list.sel < G.n ? G.rows[G.list.sel].account_id : 0;
}

static int agenda_handle(struct ui *ui, int action)
{
	int r;

	switch (action) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_FIRST: case ACT_LAST:
		r = list_handle(&G.list, action);
		return r == REACT_PASS ? REACT_NONE : r;
	case ACT_OPEN:
		if (!selected())
			return REACT_NONE;
		view_account_open(ui, selected());
		return REACT_RELOAD;
	case ACT_BRIEF:
		if (!selected())
			return REACT_NONE;
		view_brief_open(ui, selected());
		return REACT_RELOAD;
	case ACT_RELOAD:
		G.stale = true;
		return REACT_PASS;
	default:
		return REACT_PASS;
	}
}

static int agenda_click(struct ui *ui, int y, int x, bool twice)
{
	size_t before = G.list.sel;

	if (!list_click(&G.list, y - ui->view_y - 2))
		return REACT_NONE;
	if (twice || before == G.list.sel)
		return agenda_handle(ui, ACT_OPEN);
	return REACT_DRAW;
}

static const char *agenda_hint(struct ui *ui)
{
	return " ↑↓ move  Enter open the account  b brief  4 defects  1 board  ? help";
}

static void agenda_init(struct ui *ui)
{
	memset(&G, 0, sizeof(G));
	list_init(&G.list);
	G.stale = true;
}

static void agenda_done(struct ui *ui)
{
	free_rows();
}

const struct view_ops view_agenda_ops = {
	.id = VIEW_AGENDA,
	.init = agenda_init,
	.done = agenda_done,
	.enter = agenda_enter,
	.reload = agenda_reload,
	.draw = agenda_draw,
	.handle = agenda_handle,
	.click = agenda_click,
	.hint = agenda_hint,
};

/*
 * The board (home): the 2×2 grid, share of wallet high on top and advocacy
 * high on the right, and the no-feedback lane under it. Each lane is a list
 * widget over its quadrant's count; only the visible accounts are fetched,
 * a page at a time, straight off the priority index (db_lane()).
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "book_forms.h"
#include "acctplan/lists.h"
#include "acctplan/xalloc.h"

struct lane_item {
	int64_t id;
	char *name, *owner;
	char *next; /* the next contact date, or NULL */
	int64_t revenue;
	bool nps_known, share_known, hold, hold_manual;
	double nps, share;
	int open_problems;
};

struct lane {
	struct list list;
	struct lane_item *rows; /* list.top .. list.top + nrows - 1 */
	size_t nrows, cap;
	int y, x, w, h; /* the box on screen */
};

static struct board {
	struct lane lane[QUAD_COUNT];
	struct quadrant_summary sum[QUAD_COUNT];
	bool sum_valid;
	int sum_owner; /* ui->owner the summary was counted for */
	int focus;     /* enum quadrant */
	int total;
} B;

/* Grid positions: row 0 share high, column 1 advocacy high; row 2 is the
 * no-feedback lane. */
static const int grid_row[QUAD_COUNT] = {
	[QUAD_REPAIR] = 0, [QUAD_PROTECT] = 0,     [QUAD_FIX_BASICS] = 1,
	[QUAD_GROW] = 1,   [QUAD_NO_FEEDBACK] = 2,
};
static const int grid_col[QUAD_COUNT] = {
	[QUAD_REPAIR] = 0, [QUAD_PROTECT] = 1,     [QUAD_FIX_BASICS] = 0,
	[QUAD_GROW] = 1,   [QUAD_NO_FEEDBACK] = 0,
};

static int at_grid(int row, int col)
{
	int q;

	for (q = 0; q < QUAD_COUNT; q++)
		if (grid_row[q] == row && (row == 2 || grid_col[q] == col))
			return q;
	return -1;
}

static void item_done(void *p)
{
	struct lane_item *it = p;

	free(it->name);
	free(it->owner);
	free(it->next);
}

static void free_rows(struct lane *l)
{
	list_rows_free(l->rows, l->nrows, sizeof(*l->rows), item_done);
	l->rows = NULL;
	l->nrows = l->cap = 0;
}

static int add_row(const struct lane_row *r, void *ctx)
{
	struct lane *l = ctx;
	struct lane_item *it;

	l->rows = xgrow(l->rows, &l->cap, l->nrows + 1, sizeof(*l->rows));
	it = &l->rows[l->nrows++];
	it->id = r->id;
	it->name = xstrdup(r->name);
	it->owner = xstrdup(r->owner);
	it->revenue = r->revenue;
	it->nps_known = r->nps_known;
	it->nps = r->nps;
	it->share_known = r->share_known;
	it->share = r->share;
	it->hold = r->hold;
	it->hold_manual = r->hold_manual;
	it->open_problems = r->open_problems;
	it->next = r->next_contact ? xstrdup(r->next_contact) : NULL;
	return 0;
}

/* A lane's lines above its accounts: the title and figures always; the
 * play and the column header when the lane has room for them and still
 * two accounts, so a small terminal shows accounts, not headers. */
static int lane_chrome(const struct lane *l)
{
	return l->h >= 7 ? 3 : l->h >= 5 ? 2 : 1;
}

static bool lane_has_play(const struct lane *l)
{
	return lane_chrome(l) == 3;
}

static void geometry(struct ui *ui)
{
	int y0 = ui->view_y + 1, h = ui->view_h - 1;
	/* the no-feedback lane: a fifth of a tall screen, three rows of a
	 * small one */
	int nf = h < 20 ? 3 : h / 5 < 5 ? 5 : h / 5;
	int qh = (h - nf - 2) / 2;
	int lw = ui->cols / 2, rw = ui->cols - lw - 1;
	int q;

	for (q = 0; q < QUAD_COUNT; q++) {
		struct lane *l = &B.lane[q];
		int row = grid_row[q];

		l->y = y0 + row * (qh + 1);
		l->h = row == 2 ? h - 2 * (qh + 1) : qh;
		l->x = row == 2 || grid_col[q] == 0 ? 0 : lw + 1;
		l->w = row == 2 ? ui->cols : grid_col[q] == 0 ? lw : rw;
	}
}

static void selected_changed(struct ui *ui)
{
	struct lane *l = &B.lane[B.focus];
	size_t i = l->list.sel - l->list.top;

	ui->selected = i < l->nrows ? l->rows[i].id : 0;
}

static void board_reload(struct ui *ui)
{
	const char *owner = ui_owner(ui);
	int q;

	if (!B.sum_valid || B.sum_owner != ui->owner) {
		struct account_filter f;
		enum status st;

		if (B.sum_owner != ui->owner)
			for (q = 0; q < QUAD_COUNT; q++)
				list_init(&B.lane[q].list);
		B.sum_owner = ui->owner;

		account_filter_init(&f);
		f.owner = owner;
		if ((st = db_board_summary(ui->db, &f, B.sum)) != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		B.sum_valid = true;
		B.total = 0;
		for (q = 0; q < QUAD_COUNT; q++)
			B.total += B.sum[q].accounts;
	}
	geometry(ui);
	for (q = 0; q < QUAD_COUNT; q++) {
		struct lane *l = &B.lane[q];
		int rows = l->h - lane_chrome(l);

		list_set(&l->list, (size_t)B.sum[q].accounts, rows);
		free_rows(l);
		if (rows > 0 && B.sum[q].accounts > 0 &&
		    db_lane(ui->db, (enum quadrant)q, owner, ui->today, l->list.top, (size_t)rows,
			    add_row, l) != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
	}
	/* nothing where the focus is: the first lane that has accounts */
	for (q = 0; B.sum[B.focus].accounts == 0 && q < QUAD_COUNT; q++)
		if (B.sum[q].accounts > 0)
			B.focus = q;
	selected_changed(ui);
}

static void draw_lane(struct ui *ui, int q)
{
	struct lane *l = &B.lane[q];
	const struct quadrant_summary *s = &B.sum[q];
	char money[32], nps[16], stats[96];
	int elem = draw_quadrant_elem((enum quadrant)q);
	int x = l->x + 1, w = l->w - 2, namew, ownerw, r, y, figs, extra;
	bool focused = B.focus == q;

	if (l->h < 1 || w < 10)
		return;
	fmt_money_short(money, sizeof(money), s->revenue);
	fmt_nps(nps, sizeof(nps), s->advocacy.known, s->advocacy.nps);
	snprintf(stats, sizeof(stats), "%d · %s · NPS %s", s->accounts, money, nps);
	draw_printf(ui, l->y, x, w, focused ? THEME_TAB_ACTIVE : elem, "%s%s",
		    quadrant_title((enum quadrant)q), focused ? " ◆" : "");
	draw_text_right(ui, l->y, x + text_width(quadrant_title((enum quadrant)q)) + 3,
			w - text_width(quadrant_title((enum quadrant)q)) - 3, stats, THEME_TITLE);
	if (l->h < 2)
		return;
	y = l->y + 1;
	if (lane_has_play(l))
		draw_printf(ui, y++, x, w, THEME_DIM, "%s%s", quadrant_play((enum quadrant)q),
			    quadrant_holds((enum quadrant)q) ? " · sales on hold" : "");
	/* a wide lane (a wall screen in a standup) names each account's owner,
	 * and wider still its open problems and next contact; a narrow one
	 * keeps the name and the NPS, and drops share and revenue */
	figs = w >= 44 ? 23 : 9;
	extra = w >= 90 ? 17 : 0;
	ownerw = w >= 60 ? (w - figs - extra) / 3 : 0;
	if (ownerw > 24)
		ownerw = 24;
	namew = w - figs - ownerw - extra;
	if (lane_chrome(l) >= 2) {
		int fx = x + namew + ownerw + extra;
		draw_text(ui, y, x, namew, "Account", THEME_HEADER, true);
		if (ownerw)
			draw_text(ui, y, x + namew, ownerw, "Owner", THEME_HEADER, true);
		if (extra) {
			draw_text_right(ui, y, fx - extra, 5, "Probs", THEME_HEADER);
			draw_text(ui, y, fx - extra + 6, 10, "Next", THEME_HEADER, true);
		}
		draw_text_right(ui, y, fx, 5, "NPS", THEME_HEADER);
		if (figs > 9) {
			draw_text_right(ui, y, fx + 5, 6, "Share", THEME_HEADER);
			draw_text_right(ui, y, fx + 11, 8, "Revenue", THEME_HEADER);
		}
		draw_text(ui, y, fx + figs - 2, 2, "H", THEME_HEADER, false);
		y++;
	}
	namew += ownerw;
	for (r = 0; r < l->h - lane_chrome(l) && (size_t)r < l->nrows; r++, y++) {
		const struct lane_item *it = &l->rows[r];
		bool sel = focused && l->list.top + (size_t)r == l->list.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL, fx = x + namew + extra;
		char share[16], rev[32], n[16];

		fmt_nps(n, sizeof(n), it->nps_known, it->nps);
		fmt_share(share, sizeof(share), it->share_known, it->share);
		fmt_money_short(rev, sizeof(rev), it->revenue);
		draw_fill(ui, y, x, w, base);
		draw_text(ui, y, x, namew - ownerw - 1, it->name, base, false);
		if (ownerw)
			draw_text(ui, y, x + namew - ownerw, ownerw - 1, it->owner, base, false);
		if (extra) {
			char probs[16];

			snprintf(probs, sizeof(probs), "%d", it->open_problems);
			if (it->open_problems)
				draw_text_right(ui, y, fx - extra, 5, probs,
						sel ? base : THEME_HOLD);
			draw_text(ui, y, fx - extra + 6, 10, it->next ? it->next : "-",
				  sel || it->next ? base : THEME_DIM, false);
		}
		draw_text_right(ui, y, fx, 5, n,
				sel || !it->nps_known                  ? base
				: advocacy_is_high(ui->rules, it->nps) ? THEME_PROMOTER
								       : THEME_DETRACTOR);
		if (figs > 9) {
			draw_text_right(ui, y, fx + 5, 6, share, base);
			draw_text_right(ui, y, fx + 11, 8, rev, base);
		}
		/* H: on hold; H*: on hold by hand; *: the hold lifted by hand */
		if (it->hold || it->hold_manual)
			draw_text(ui, y, fx + figs - 2, 2,
				  it->hold ? (it->hold_manual ? "H*" : "H") : "*",
				  sel ? base : THEME_HOLD, false);
	}
	if (s->accounts == 0 && l->h > lane_chrome(l))
		draw_text(ui, l->y + lane_chrome(l), x, w, "(none)", THEME_DIM, false);
}

struct empty_ctx {
	struct ui *ui;
	int y;
};

static void empty_line(const char *line, void *ctx)
{
	struct empty_ctx *e = ctx;

	draw_text(e->ui, e->y++, 2, e->ui->cols - 4, line, THEME_TITLE, false);
}

/* " --db PATH" as a shell takes it: in single quotes unless plain. */
static char *shell_db(const char *path)
{
	struct strbuf sb;
	const char *p;
	char *s;

	if (strspn(path,
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-+,:@") ==
	    strlen(path))
		return xasprintf(" --db %s", path);
	strbuf_init(&sb);
	strbuf_adds(&sb, " --db '");
	for (p = path; *p; p++)
		strbuf_adds(&sb, *p == '\'' ? "'\\''" : (char[]){*p, '\0'});
	strbuf_addc(&sb, '\'');
	s = strbuf_detach(&sb);
	strbuf_done(&sb);
	return s;
}

static void board_draw(struct ui *ui)
{
	char th[96];
	int q, mid = ui->cols / 2, qh;

	if (ui->empty) {
		struct empty_ctx e = {ui, ui->view_y + 2};
		char *path = app_db_path(ui->app);
		char *msg = xasprintf("This book is empty: %s holds no accounts yet.", path);

		draw_wrap(msg, ui->cols - 4, empty_line, &e);
		e.y++;
		{
			char add[32], quit[32], *line;

			ui_key_for(ui, VIEW_BOARD, ACT_ACCOUNT_ADD, add, sizeof(add));
			ui_key_for(ui, VIEW_BOARD, ACT_QUIT, quit, sizeof(quit));
			if (add[0]) {
				line = xasprintf(
					"Start it here: %s adds an account, then its buyers"
					" and their scores.",
					add);
				draw_wrap(line, ui->cols - 4, empty_line, &e);
				free(line);
				e.y++;
			}
			line = xasprintf("To try acctplan on the sample book, quit (%s) and run:",
					 quit);
			draw_wrap(line, ui->cols - 4, empty_line, &e);
			free(line);
		}
		e.y++;
		draw_text(ui, e.y++, 4, ui->cols - 6, "acctplan sample --out sample.db", THEME_KEY,
			  false);
		draw_text(ui, e.y++, 4, ui->cols - 6, "acctplan --db sample.db", THEME_KEY, false);
		e.y++;
		draw_wrap("Or bring your own book: quit (q) and import your CRM and survey exports"
			  " (HubSpot, Salesforce, Qualtrics, SurveyMonkey, or csv):",
			  ui->cols - 4, empty_line, &e);
		{
			/* the commands as they are typed for this book */
			static const char *const kinds[] = {"accounts companies.csv",
							    "contacts buyers.csv",
							    "responses survey.csv"};
			char *db = app_default_db(ui->app) ? xstrdup("") : shell_db(path);
			size_t i;

			for (i = 0; i < sizeof(kinds) / sizeof(*kinds); i++) {
				char *cmd = xasprintf("acctplan%s import %s", db, kinds[i]);
				draw_text(ui, e.y++, 4, ui->cols - 6, cmd, THEME_KEY, false);
				free(cmd);
			}
			free(db);
		}
		free(msg);
		free(path);
		return;
	}
	geometry(ui);
	snprintf(th, sizeof(th), "◀ advocacy low │ NPS ≥ %.0f high ▶", ui->rules->advocacy_high);
	draw_text(ui, ui->view_y, 1, mid - 2, "▲ share of wallet high (top) / low (bottom)",
		  THEME_DIM, false);
	draw_text_right(ui, ui->view_y, mid, ui->cols - mid - 1, th, THEME_DIM);
	for (q = 0; q < QUAD_COUNT; q++)
		draw_lane(ui, q);
	qh = B.lane[QUAD_REPAIR].h;
	draw_vline(ui, B.lane[QUAD_REPAIR].y, mid, 2 * qh + 1, THEME_BORDER);
	draw_hline(ui, B.lane[QUAD_REPAIR].y + qh, 0, ui->cols, THEME_BORDER);
	draw_hline(ui, B.lane[QUAD_FIX_BASICS].y + qh, 0, ui->cols, THEME_BORDER);
}

static int move_focus(struct ui *ui, int q)
{
	if (q < 0 || q == B.focus)
		return REACT_NONE;
	B.focus = q;
	selected_changed(ui);
	return REACT_DRAW;
}

static int board_handle(struct ui *ui, int action)
{
	struct lane *l = &B.lane[B.focus];
	int r, row = grid_row[B.focus], col = grid_col[B.focus];

	if (action == ACT_ACCOUNT_ADD)
		return book_account_add(ui);
	if (ui->empty && action != ACT_RELOAD)
		return REACT_PASS;
	if (list_is_move(action)) {
		r = list_handle(&l->list, action);
		if (r == REACT_PASS) {
			/* past the edge of a lane: on to the lane above or below */
			int next = action == ACT_UP     ? at_grid(row - 1, col)
				   : action == ACT_DOWN ? at_grid(row + 1, col)
							: -1;
			if (next >= 0 && row == 2 && action == ACT_UP)
				next = at_grid(1, 0);
			return move_focus(ui, next);
		}
		if (r == REACT_DRAW)
			selected_changed(ui);
		return r;
	}
	switch (action) {
	case ACT_LEFT:
		return move_focus(ui, row < 2 ? at_grid(row, 0) : -1);
	case ACT_RIGHT:
		return move_focus(ui, row < 2 ? at_grid(row, 1) : -1);
	case ACT_OWNER_NEXT:
	case ACT_OWNER_PREV:
		ui_owner_step(ui, action);
		return REACT_RELOAD;
	case ACT_SCATTER:
		ui_push(ui, &view_scatter_ops);
		return REACT_RELOAD;
	case ACT_RELOAD:
		B.sum_valid = false;
		return REACT_PASS;
	default: /* Enter and b on the selected account */
		return ui_account_action(ui, action, ui->selected);
	}
}

static int board_click(struct ui *ui, int y, int x, bool twice)
{
	int q;

	for (q = 0; q < QUAD_COUNT; q++) {
		struct lane *l = &B.lane[q];
		size_t before;

		if (y < l->y || y >= l->y + l->h || x < l->x || x >= l->x + l->w)
			continue;
		before = l->list.sel;
		if (!list_click(&l->list, y - l->y - 3)) {
			B.focus = q;
			selected_changed(ui);
			return REACT_DRAW;
		}
		twice = twice || (B.focus == q && before == l->list.sel);
		B.focus = q;
		selected_changed(ui);
		if (twice && ui->selected) {
			view_account_open(ui, ui->selected);
			return REACT_RELOAD;
		}
		return REACT_DRAW;
	}
	return REACT_NONE;
}

static const char *board_hint(struct ui *ui)
{
	static const struct hint empty[] = {
		HINT(ACT_ACCOUNT_ADD, "add an account"),
		HINT(ACT_HELP, "help"),
		HINT(ACT_QUIT, "quit"),
	};
	static const struct hint full[] = {
		HINT2(ACT_UP, ACT_DOWN, "move"), HINT(ACT_OPEN, "open"),
		HINT(ACT_ACCOUNT_ADD, "add"),    HINT(ACT_OWNER_NEXT, "owner"),
		HINT(ACT_SCATTER, "scatter"),    HINT(ACT_ACCOUNTS, "accounts"),
		HINT(ACT_UNDO, "undo"),          HINT(ACT_HELP, "help"),
		HINT(ACT_QUIT, "quit"),
	};

	return ui->empty ? UI_HINT(ui, VIEW_BOARD, empty) : UI_HINT(ui, VIEW_BOARD, full);
}

static void board_init(struct ui *ui)
{
	int q;

	memset(&B, 0, sizeof(B));
	for (q = 0; q < QUAD_COUNT; q++)
		list_init(&B.lane[q].list);
	B.focus = QUAD_REPAIR;
	B.sum_owner = ui->owner;
}

static void board_done(struct ui *ui)
{
	int q;

	for (q = 0; q < QUAD_COUNT; q++)
		free_rows(&B.lane[q]);
}

const struct view_ops view_board_ops = {
	.id = VIEW_BOARD,
	.init = board_init,
	.done = board_done,
	.reload = board_reload,
	.draw = board_draw,
	.handle = board_handle,
	.click = board_click,
	.hint = board_hint,
};

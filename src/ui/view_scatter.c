/*
 * The scatter plot: every account with known advocacy on advocacy (x, NPS
 * -100..100) × share of wallet (y, 0..100 %), with the two threshold lines.
 * The book comes binned by the cache into counts per NPS point and share
 * percent, added up here into one count per screen cell (db_scatter(),
 * scatter_bin()); no account row is loaded but those of the cell under
 * the cursor (db_scatter_cell()). The cursor (◆) starts on the board's
 * selected account; the arrows move it to the nearest cell with accounts
 * in that direction, and Enter opens the first of them.
 *
 * Trails (t shows or hides them): where the accounts that moved stood at
 * the last standup (the standup report's day), each such cell marked with
 * a faint arrow toward where its accounts are now, so a room sees the
 * movement at a glance. A cell that holds accounts now keeps its point.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "acctplan/history.h"
#include "acctplan/standup.h"
#include "hint.h"
#include "acctplan/lists.h"
#include "acctplan/scatter.h"
#include "acctplan/xalloc.h"

static struct scatter {
	int *counts;
	int pw, ph; /* plot cells */
	int px, py; /* plot origin on screen */
	int unplaced;
	int owner; /* ui->owner the counts are for */
	bool valid;
	bool placed;              /* the cursor has a cell (else it is put on the selection) */
	int cx, cy;               /* the cursor's cell, row 0 at the top */
	int max;                  /* the busiest cell's count */
	char *here;               /* the first account in the cursor's cell, or NULL */
	int nhere;                /* how many are in it */
	bool trails_off;          /* t hid the trails */
	int since;                /* the day the trails start from */
	int ntrails;              /* accounts that moved to another cell since */
	int *trail_dx, *trail_dy; /* per cell: the sum of its movers' moves */
} S;

static int count_at(int x, int y)
{
	return x >= 0 && y >= 0 && x < S.pw && y < S.ph ? S.counts[y * S.pw + x] : 0;
}

/* The board's selected account's cell, when it is plotted. */
static int sel_cb(const struct account_row *r, void *ctx)
{
	double share = r->share_known ? r->share : 0;

	(void)ctx;
	if (!r->nps_known)
		return 0;
	scatter_bin(r->nps, share, S.pw, S.ph, &S.cx, &S.cy);
	S.placed = true;
	return 0;
}

/* The cell with accounts nearest to (x, y), in the direction (dx, dy) when
 * one is given (moves across the direction cost twice as much); false when
 * there is none. */
static bool nearest(int x, int y, int dx, int dy, int *nx, int *ny)
{
	long best = -1;
	int i, j;

	for (j = 0; j < S.ph; j++)
		for (i = 0; i < S.pw; i++) {
			long along, across, cost;

			if (!count_at(i, j) || (i == x && j == y && (dx || dy)))
				continue;
			along = dx ? (long)(i - x) * dx : dy ? (long)(j - y) * dy : 0;
			across = dx ? labs((long)(j - y)) : dy ? labs((long)(i - x)) : 0;
			if ((dx || dy) && along <= 0)
				continue;
			cost = dx || dy ? along + 2 * across
					: labs((long)(i - x)) + labs((long)(j - y));
			if (best < 0 || cost < best) {
				best = cost;
				*nx = i;
				*ny = j;
			}
		}
	return best >= 0;
}

/* The cell of a point, as db_scatter() bins it; row 0 at the top. */
static void cell_of(double nps, double share, int *x, int *y)
{
	scatter_bin(nps, share, S.pw, S.ph, x, y);
}

static int got_trail(const struct trail_row *r, void *ctx)
{
	int x0, y0, x1, y1;

	(void)ctx;
	cell_of(r->nps_then, r->share_then, &x0, &y0);
	cell_of(r->nps_now, r->share_now, &x1, &y1);
	if (x0 == x1 && y0 == y1)
		return 0;
	S.trail_dx[y0 * S.pw + x0] += x1 - x0;
	S.trail_dy[y0 * S.pw + x0] += y1 - y0;
	S.ntrails++;
	return 0;
}

/* The day the trails start after: the last standup's, or a week before
 * today without one; false when it cannot be read. */
static bool trails_since(struct ui *ui, int *since)
{
	if (db_mark_last(ui->db, ui->today, since) != STATUS_OK)
		return false;
	if (*since < 0)
		*since = ui->today - STANDUP_DEFAULT_DAYS;
	return *since >= 0;
}

/* Where the movers since the last standup stood then. */
static void fetch_trails(struct ui *ui)
{
	free(S.trail_dx);
	free(S.trail_dy);
	S.trail_dx = xcalloc((size_t)S.pw * (size_t)S.ph, sizeof(*S.trail_dx));
	S.trail_dy = xcalloc((size_t)S.pw * (size_t)S.ph, sizeof(*S.trail_dy));
	S.ntrails = 0;
	if (S.trails_off)
		return;
	if (!trails_since(ui, &S.since) ||
	    db_history_trails(ui->db, S.since, ui_owner(ui), got_trail, NULL) != STATUS_OK)
		ui_message(ui, THEME_WARNING, "%s", status_detail());
}

/* The book's trails are read on the other core while the board shows: on
 * a million-account book they are some 11,000 accounts' rows a week,
 * 43 M instructions that the plot's first open would otherwise wait for. */
static void scatter_ahead(struct ui *ui)
{
	int since;

	if (!ui_owner(ui) && trails_since(ui, &since))
		db_history_trails_ahead(ui->db, since);
}

static int cell_cb(const struct lane_row *r, void *ctx)
{
	struct ui *ui = ctx;

	if (!S.here) {
		S.here = xstrdup(r->name);
		ui->selected = r->id;
	}
	return 0;
}

/* Fetches the cursor's cell: its first account becomes the selection. */
static void fetch_cell(struct ui *ui)
{
	free(S.here);
	S.here = NULL;
	S.nhere = count_at(S.cx, S.cy);
	if (S.nhere && db_scatter_cell(ui->db, ui_owner(ui), S.pw, S.ph, S.cx, S.cy, 1, cell_cb,
				       ui) != STATUS_OK)
		ui_message(ui, THEME_WARNING, "%s", status_detail());
}

static void scatter_reload(struct ui *ui)
{
	int pw = ui->cols - 9, ph = ui->view_h - 5, i;

	if (pw < 4 || ph < 2)
		return;
	S.px = 7;
	S.py = ui->view_y + 1;
	if (!S.valid || pw != S.pw || ph != S.ph || S.owner != ui->owner) {
		free(S.counts);
		S.counts = xcalloc((size_t)pw * (size_t)ph, sizeof(*S.counts));
		if (pw != S.pw || ph != S.ph)
			S.placed = false;
		S.pw = pw;
		S.ph = ph;
		S.owner = ui->owner;
		if (db_scatter(ui->db, ui_owner(ui), pw, ph, S.counts, &S.unplaced) != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		S.valid = true;
		S.max = 0;
		for (i = 0; i < pw * ph; i++)
			if (S.counts[i] > S.max)
				S.max = S.counts[i];
		fetch_trails(ui);
	}
	if (!S.placed && ui->selected)
		db_account_get(ui->db, ui->selected, sel_cb, ui);
	if (!S.placed) {
		S.cx = S.pw / 2;
		S.cy = S.ph / 2;
		S.placed = true;
	}
	/* an owner's plot may have nothing where the cursor was */
	if (!count_at(S.cx, S.cy))
		nearest(S.cx, S.cy, 0, 0, &S.cx, &S.cy);
	fetch_cell(ui);
}

static const char *const glyphs[] = {"·", "∘", "o", "O", "@"};
static const char ascii_glyphs[] = ".:oO@";
/* A trail's arrow by the direction of its move, counterclockwise from east. */
static const char *const arrows[] = {"→", "↗", "↑", "↖", "←", "↙", "↓", "↘"};
static const char ascii_arrows[] = ">/^\\</v\\";

static void draw_trails(struct ui *ui)
{
	int x, y;

	for (y = 0; S.trail_dx && y < S.ph; y++)
		for (x = 0; x < S.pw; x++) {
			int dx = S.trail_dx[y * S.pw + x], dy = -S.trail_dy[y * S.pw + x], k;
			double a;

			if ((!dx && !dy) || S.counts[y * S.pw + x])
				continue;
			a = atan2((double)dy, (double)dx);    /* up the screen is positive */
			k = (int)lround(a / atan2(1.0, 1.0)); /* eighths of a turn */
			k = (k % 8 + 8) % 8;
			draw_glyph(ui, S.py + y, S.px + x, arrows[k], ascii_arrows[k], THEME_DIM);
		}
}

static void scatter_draw(struct ui *ui)
{
	int max = S.max, x, y, tx, ty;
	char buf[32];

	if (!S.counts)
		return;
	tx = (int)((ui->rules->advocacy_high + 100) * S.pw / 200.0);
	ty = S.ph - 1 - (int)(ui->rules->share_high * S.ph);
	if (tx >= S.pw)
		tx = S.pw - 1;
	if (ty < 0)
		ty = 0;
	/* the threshold lines first, the points over them */
	draw_vline(ui, S.py, S.px + tx, S.ph, THEME_THRESHOLD);
	draw_hline(ui, S.py + ty, S.px, S.pw, THEME_THRESHOLD);
	draw_vline(ui, S.py, S.px - 1, S.ph, THEME_BORDER);
	draw_hline(ui, S.py + S.ph, S.px, S.pw, THEME_BORDER);
	draw_text(ui, S.py + 1, S.px + 1, tx - 2, "Repair", THEME_REPAIR, false);
	draw_text_right(ui, S.py + 1, S.px + tx + 1, S.pw - tx - 2, "Protect", THEME_PROTECT);
	draw_text(ui, S.py + S.ph - 1, S.px + 1, tx - 2, "Fix the basics", THEME_FIX_BASICS, false);
	draw_text_right(ui, S.py + S.ph - 1, S.px + tx + 1, S.pw - tx - 2, "Grow", THEME_GROW);
	for (y = 0; y < S.ph; y++) {
		for (x = 0; x < S.pw; x++) {
			int n = S.counts[y * S.pw + x], level;
			if (!n)
				continue;
			level = max > 1 ? (int)ceil(log((double)n) / log((double)max) * 4) : 0;
			if (level > 4)
				level = 4;
			if (level < 0)
				level = 0;
			draw_glyph(ui, S.py + y, S.px + x, glyphs[level], ascii_glyphs[level],
				   THEME_POINT);
		}
	}
	draw_trails(ui);
	if (S.nhere)
		draw_glyph(ui, S.py + S.cy, S.px + S.cx, "◆", '#', THEME_MARK);
	/* axes */
	draw_text_right(ui, S.py, 0, 5, "100%", THEME_DIM);
	snprintf(buf, sizeof(buf), "%.0f%%", ui->rules->share_high * 100);
	draw_text_right(ui, S.py + ty, 0, 5, buf, THEME_DIM);
	draw_text_right(ui, S.py + S.ph - 1, 0, 5, "0%", THEME_DIM);
	y = S.py + S.ph + 1;
	draw_text(ui, y, S.px, 4, "-100", THEME_DIM, false);
	snprintf(buf, sizeof(buf), "%.0f", ui->rules->advocacy_high);
	draw_text(ui, y, S.px + tx - 1, 4, buf, THEME_DIM, false);
	draw_text_right(ui, y, S.px + S.pw - 4, 4, "100", THEME_DIM);
	draw_text(ui, y, S.px + S.pw / 2 - 8, 16, "advocacy (NPS) →", THEME_DIM, false);
	y++;
	x = 1;
	if (S.here) {
		x += draw_text(ui, y, x, 2, "◆ ", THEME_MARK, false);
		x += draw_text(ui, y, x, ui->cols / 2, S.here, THEME_TITLE, false);
		if (S.nhere > 1)
			x += draw_printf(ui, y, x, 24, THEME_DIM, " and %d more here", S.nhere - 1);
		x += 3;
	}
	draw_printf(ui, y, x, ui->cols - x - 1, THEME_DIM,
		    "%d without feedback not plotted · unknown share at 0%%", S.unplaced);
	/* what the glyphs mean: how many accounts share a cell */
	y++;
	x = 1 + draw_text(ui, y, 1, ui->cols - 2, "Accounts in a cell:", THEME_DIM, false);
	draw_glyph(ui, y, x + 1, glyphs[0], ascii_glyphs[0], THEME_POINT);
	x += draw_printf(ui, y, x + 2, ui->cols - x - 3, THEME_DIM, " 1   ") + 2;
	draw_glyph(ui, y, x, glyphs[1], ascii_glyphs[1], THEME_POINT);
	draw_glyph(ui, y, x + 1, glyphs[2], ascii_glyphs[2], THEME_POINT);
	draw_glyph(ui, y, x + 2, glyphs[3], ascii_glyphs[3], THEME_POINT);
	x += 3;
	x += draw_printf(ui, y, x, ui->cols - x - 1, THEME_DIM, " more   ");
	draw_glyph(ui, y, x, glyphs[4], ascii_glyphs[4], THEME_POINT);
	x += 1 + draw_printf(ui, y, x + 1, ui->cols - x - 2, THEME_DIM, " the busiest (%d)", max);
	if (S.ntrails && x + 6 < ui->cols) {
		char day[DATE_LEN];

		/* the arrows: where the accounts that moved since then were */
		date_format(S.since, day);
		draw_glyph(ui, y, x + 2, arrows[1], ascii_arrows[1], THEME_DIM);
		draw_printf(ui, y, x + 3, ui->cols - x - 4, THEME_DIM, " %d since %s", S.ntrails,
			    day);
	}
}

static int scatter_handle(struct ui *ui, int action)
{
	switch (action) {
	case ACT_SCATTER:
		return ui->depth > 1 ? (ui->depth--, REACT_RELOAD) : REACT_NONE;
	case ACT_OPEN:
		if (!S.nhere || !ui->selected)
			return REACT_NONE;
		view_account_open(ui, ui->selected);
		return REACT_RELOAD;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_LEFT:
	case ACT_RIGHT: {
		int dx = action == ACT_LEFT ? -1 : action == ACT_RIGHT ? 1 : 0;
		int dy = action == ACT_UP ? -1 : action == ACT_DOWN ? 1 : 0;

		if (!nearest(S.cx, S.cy, dx, dy, &S.cx, &S.cy))
			return REACT_NONE;
		fetch_cell(ui);
		return REACT_DRAW;
	}
	case ACT_OWNER_NEXT:
	case ACT_OWNER_PREV:
		ui_owner_step(ui, action);
		return REACT_RELOAD;
	case ACT_TRAILS:
		S.trails_off = !S.trails_off;
		fetch_trails(ui);
		ui_message(
			ui, THEME_STATUS, "%s",
			S.trails_off ? "Trails hidden (t shows them)"
			: S.ntrails
				? "Trails: where the accounts that moved stood at the last standup"
				: "Trails: no account moved to another spot since the last standup");
		return REACT_DRAW;
	case ACT_RELOAD:
		S.valid = false;
		return REACT_PASS;
	default:
		return REACT_PASS;
	}
}

static const char *scatter_hint(struct ui *ui)
{
	static const struct hint h[] = {
		HINT2(ACT_LEFT, ACT_RIGHT, "move to the next accounts"),
		HINT(ACT_OPEN, "open"),
		HINT(ACT_OWNER_NEXT, "owner"),
		HINT(ACT_TRAILS, "trails"),
		HINT(ACT_SCATTER, "board"),
		HINT(ACT_HELP, "help"),
		HINT(ACT_QUIT, "back"),
	};

	return UI_HINT(ui, VIEW_SCATTER, h);
}

static void scatter_enter(struct ui *ui)
{
	S.placed = false; /* start on the board's selection */
}

static void scatter_done(struct ui *ui)
{
	free(S.counts);
	free(S.here);
	free(S.trail_dx);
	free(S.trail_dy);
	memset(&S, 0, sizeof(S));
}

const struct view_ops view_scatter_ops = {
	.id = VIEW_SCATTER,
	.ahead = scatter_ahead,
	.done = scatter_done,
	.enter = scatter_enter,
	.reload = scatter_reload,
	.draw = scatter_draw,
	.handle = scatter_handle,
	.hint = scatter_hint,
};

/*
 * The scatter plot: every account with known advocacy on advocacy (x, NPS
 * -100..100) × share of wallet (y, 0..100 %), with the two threshold lines
 * and the board's selected account marked. The book is binned by SQLite
 * into one count per screen cell (views_scatter()); no account row is
 * loaded.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "acctplan/views.h"
#include "acctplan/xalloc.h"

static struct scatter {
	int *counts;
	int pw, ph; /* plot cells */
	int px, py; /* plot origin on screen */
	int unplaced;
	int owner; /* ui->owner the counts are for */
	bool valid;
	bool mark;  /* the selected account is plotted */
	int mx, my; /* its cell */
	char *mark_name;
} S;

static int sel_cb(const struct account_row *r, void *ctx)
{
	struct ui *ui = ctx;
	double share = r->share_known ? r->share : 0;

	free(S.mark_name);
	S.mark_name = xstrdup(r->name);
	S.mark = r->nps_known;
	if (!S.mark)
		return 0;
	S.mx = (int)((r->nps + 100) * S.pw / 200.0);
	if (S.mx >= S.pw)
		S.mx = S.pw - 1;
	if (S.mx < 0)
		S.mx = 0;
	S.my = (int)(share * S.ph);
	if (S.my >= S.ph)
		S.my = S.ph - 1;
	if (S.my < 0)
		S.my = 0;
	S.my = S.ph - 1 - S.my;
	(void)ui;
	return 0;
}

static void scatter_reload(struct ui *ui)
{
	int pw = ui->cols - 9, ph = ui->view_h - 4;

	if (pw < 4 || ph < 2)
		return;
	S.px = 7;
	S.py = ui->view_y + 1;
	if (!S.valid || pw != S.pw || ph != S.ph || S.owner != ui->owner) {
		free(S.counts);
		S.counts = xcalloc((size_t)pw * (size_t)ph, sizeof(*S.counts));
		S.pw = pw;
		S.ph = ph;
		S.owner = ui->owner;
		if (views_scatter(ui->db, ui_owner(ui), pw, ph, S.counts, &S.unplaced) != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		S.valid = true;
	}
	S.mark = false;
	free(S.mark_name);
	S.mark_name = NULL;
	if (ui->selected)
		db_account_get(ui->db, ui->selected, sel_cb, ui);
}

static const char *const glyphs[] = {"·", "∘", "o", "O", "@"};
static const char ascii_glyphs[] = ".:oO@";

static void scatter_draw(struct ui *ui)
{
	int max = 0, i, x, y, tx, ty;
	char buf[32];

	if (!S.counts)
		return;
	for (i = 0; i < S.pw * S.ph; i++)
		if (S.counts[i] > max)
			max = S.counts[i];
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
	if (S.mark)
		draw_glyph(ui, S.py + S.my, S.px + S.mx, "◆", '#', THEME_MARK);
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
	if (S.mark_name) {
		x += draw_text(ui, y, x, 2, "◆ ", THEME_MARK, false);
		x += draw_text(ui, y, x, ui->cols / 2, S.mark_name, THEME_TITLE, false);
		if (!S.mark)
			x += draw_text(ui, y, x, 14, " (no feedback)", THEME_DIM, false);
		x += 3;
	}
	draw_printf(ui, y, x, ui->cols - x - 1, THEME_DIM,
		    "%d without feedback not plotted · unknown share at 0%%", S.unplaced);
}

static int scatter_handle(struct ui *ui, int action)
{
	switch (action) {
	case ACT_SCATTER:
		return ui->depth > 1 ? (ui->depth--, REACT_RELOAD) : REACT_NONE;
	case ACT_OPEN:
		if (!ui->selected)
			return REACT_NONE;
		view_account_open(ui, ui->selected);
		return REACT_RELOAD;
	case ACT_OWNER_NEXT:
	case ACT_OWNER_PREV:
		ui_owner_step(ui, action == ACT_OWNER_NEXT ? 1 : -1);
		return REACT_RELOAD;
	case ACT_RELOAD:
		S.valid = false;
		return REACT_PASS;
	default:
		return REACT_PASS;
	}
}

static const char *scatter_hint(struct ui *ui)
{
	return " s board  Enter open the marked account  o owner  ? help  q quit";
}

static void scatter_done(struct ui *ui)
{
	free(S.counts);
	free(S.mark_name);
	memset(&S, 0, sizeof(S));
}

const struct view_ops view_scatter_ops = {
	.id = VIEW_SCATTER,
	.done = scatter_done,
	.reload = scatter_reload,
	.draw = scatter_draw,
	.handle = scatter_handle,
	.hint = scatter_hint,
};

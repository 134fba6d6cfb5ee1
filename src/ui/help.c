/*
 * The help overlay: every key of the focused view and the global keys it
 * does not shadow, read from the keymap and the action table, so it lists
 * exactly what is bound. Then the warnings of this session.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

struct help_line {
	char *text;
	int elem;
};

struct collect {
	struct ui *ui;
	struct strbuf *sb;
	int view;
	int n;
};

static void add_key(int key, void *ctx)
{
	struct collect *c = ctx;
	char name[32];

	/* a global key the view rebinds is not this action's here */
	if (c->view == VIEW_GLOBAL &&
	    keymap_lookup(&c->ui->keys, c->ui->stack[c->ui->depth - 1]->id, key) !=
		    keymap_lookup(&c->ui->keys, VIEW_GLOBAL, key))
		return;
	strbuf_addf(c->sb, "%s%s", c->n++ ? " " : "", keys_name(key, name, sizeof(name)));
}

static size_t build(struct ui *ui, struct help_line **out)
{
	struct help_line *v = NULL;
	size_t n = 0, cap = 0, i;
	int views[2] = {ui->stack[ui->depth - 1]->id, VIEW_GLOBAL}, k, a;

	for (k = 0; k < 2; k++) {
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = (struct help_line){
			xasprintf("%s keys", k ? "Global" : view_title(views[0])), THEME_HEADER};
		for (a = 0; a < ACT_COUNT; a++) {
			struct strbuf sb;
			struct collect c = {ui, &sb, views[k], 0};

			strbuf_init(&sb);
			keymap_keys_for(&ui->keys, views[k], a, add_key, &c);
			if (c.n) {
				v = xgrow(v, &cap, n + 1, sizeof(*v));
				v[n++] = (struct help_line){
					xasprintf("  %-16s %s", sb.buf, action_help(a)),
					THEME_NORMAL};
			}
			strbuf_done(&sb);
		}
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = (struct help_line){xstrdup(""), THEME_NORMAL};
	}
	if (ui->nwarnings) {
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = (struct help_line){xstrdup("Warnings"), THEME_HEADER};
		for (i = 0; i < ui->nwarnings; i++) {
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n++] = (struct help_line){xasprintf("  %s", ui->warnings[i]),
						    THEME_WARNING};
		}
	}
	*out = v;
	return n;
}

static void free_lines(struct help_line *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

void help_draw(struct ui *ui)
{
	struct help_line *v;
	size_t n = build(ui, &v), i;
	int w = ui->cols - 4 < 90 ? ui->cols - 4 : 90;
	int h = ui->view_h - 2, x = (ui->cols - w) / 2, y = ui->view_y + 1, r;

	if (ui->help_top > (int)n - (h - 2))
		ui->help_top = (int)n - (h - 2) > 0 ? (int)n - (h - 2) : 0;
	for (r = 0; r < h; r++)
		draw_fill(ui, y + r, x, w, THEME_NORMAL);
	draw_hline(ui, y, x, w, THEME_BORDER);
	draw_hline(ui, y + h - 1, x, w, THEME_BORDER);
	draw_printf(ui, y, x + 2, w - 4, THEME_TITLE, " Help: %s (Esc, q or ? closes) ",
		    view_title(ui->stack[ui->depth - 1]->id));
	for (i = (size_t)ui->help_top, r = 1; i < n && r < h - 1; i++, r++)
		draw_text(ui, y + r, x + 1, w - 2, v[i].text, v[i].elem, false);
	if ((size_t)ui->help_top + (size_t)(h - 2) < n)
		draw_text(ui, y + h - 1, x + w - 12, 10, " more ↓ ", THEME_DIM, false);
	free_lines(v, n);
}

int help_handle(struct ui *ui, int action)
{
	switch (action) {
	case ACT_BACK:
	case ACT_HELP:
		ui->help = false;
		return REACT_DRAW;
	case ACT_UP:
		ui->help_top = ui->help_top > 0 ? ui->help_top - 1 : 0;
		return REACT_DRAW;
	case ACT_DOWN:
		ui->help_top++;
		return REACT_DRAW;
	case ACT_PAGE_UP:
		ui->help_top = ui->help_top > ui->view_h - 4 ? ui->help_top - (ui->view_h - 4) : 0;
		return REACT_DRAW;
	case ACT_PAGE_DOWN:
		ui->help_top += ui->view_h - 4;
		return REACT_DRAW;
	case ACT_FIRST:
		ui->help_top = 0;
		return REACT_DRAW;
	case ACT_LAST:
		ui->help_top = 1 << 20;
		return REACT_DRAW;
	default:
		return REACT_NONE;
	}
}

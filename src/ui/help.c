/*
 * The overlays: the help (every key of the focused view and the global
 * keys it does not shadow, read from the keymap and the action table, so
 * it lists exactly what is bound) and the warnings of this session (a bad
 * setting, key or theme: each whole, with its file:line:column). Both are
 * a box over the view, full width on a narrow terminal and framed on a
 * wide one, scrolled like a list.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

/* One line of an overlay: a key column (may be empty) and text. */
struct help_line {
	char *key, *text;
	int elem;
};

struct lines {
	struct help_line *v;
	size_t n, cap;
};

static void add(struct lines *l, const char *key, const char *text, int elem)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = (struct help_line){key ? xstrdup(key) : NULL, xstrdup(text), elem};
}

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

static void build_help(struct ui *ui, struct lines *l)
{
	int views[2] = {ui->stack[ui->depth - 1]->id, VIEW_GLOBAL}, k, a;

	for (k = 0; k < 2; k++) {
		char *title = xasprintf("%s keys", k ? "Global" : view_title(views[0]));
		add(l, NULL, title, THEME_HEADER);
		free(title);
		for (a = 0; a < ACT_COUNT; a++) {
			struct strbuf sb;
			struct collect c = {ui, &sb, views[k], 0};

			strbuf_init(&sb);
			keymap_keys_for(&ui->keys, views[k], a, add_key, &c);
			if (c.n)
				add(l, sb.buf, action_help(a), THEME_NORMAL);
			strbuf_done(&sb);
		}
		add(l, NULL, "", THEME_NORMAL);
	}
	if (ui->nwarnings) {
		char *w = xasprintf("%zu warning%s this session: W lists them", ui->nwarnings,
				    ui->nwarnings == 1 ? "" : "s");
		add(l, NULL, w, THEME_WARNING);
		free(w);
	}
}

struct wrap_ctx {
	struct lines *l;
	bool first;
};

static void warning_line(const char *line, void *ctx)
{
	struct wrap_ctx *w = ctx;

	add(w->l, NULL, line, w->first ? THEME_WARNING : THEME_NORMAL);
	w->first = false;
}

static void build_warnings(struct ui *ui, struct lines *l, int width)
{
	size_t i;

	if (!ui->nwarnings)
		add(l, NULL, "No warnings: the configuration, keys and theme are all in use.",
		    THEME_NORMAL);
	for (i = 0; i < ui->nwarnings; i++) {
		struct wrap_ctx w = {l, true};
		draw_wrap(ui->warnings[i], width, warning_line, &w);
		add(l, NULL, "", THEME_NORMAL);
	}
	add(l, NULL, "A bad setting keeps its default; fix the file and restart acctplan.",
	    THEME_DIM);
}

/* The last sync's report (sync.c), each line wrapped to the box in its
 * element. */
static void build_sync(struct ui *ui, struct lines *l, int width)
{
	size_t i, k, first;

	if (!ui->sync.n)
		add(l, NULL, "No sync yet.", THEME_NORMAL);
	for (i = 0; i < ui->sync.n; i++) {
		struct wrap_ctx w = {l, true};

		first = l->n;
		if (*ui->sync.text[i])
			draw_wrap(ui->sync.text[i], width, warning_line, &w);
		else
			add(l, NULL, "", THEME_NORMAL);
		for (k = first; k < l->n; k++)
			l->v[k].elem = ui->sync.elem[i];
	}
}

/* The overlay's box: full width on a narrow terminal, 90 columns framed
 * and centred on a wide one. */
static void overlay_box(const struct ui *ui, int *x, int *w)
{
	*w = ui->cols < 100 ? ui->cols : 90;
	*x = (ui->cols - *w) / 2;
}

void help_draw(struct ui *ui)
{
	struct lines l = {NULL, 0, 0};
	int x, w, h = ui->view_h, y = ui->view_y, r, keyw = 0, inner;
	size_t i;
	bool framed;

	overlay_box(ui, &x, &w);
	framed = w < ui->cols;
	inner = w - (framed ? 4 : 2);
	if (ui->overlay == OVERLAY_WARNINGS)
		build_warnings(ui, &l, inner);
	else if (ui->overlay == OVERLAY_SYNC)
		build_sync(ui, &l, inner);
	else
		build_help(ui, &l);
	/* the key column as wide as its widest entry, up to a third */
	for (i = 0; i < l.n; i++)
		if (l.v[i].key && text_width(l.v[i].key) > keyw)
			keyw = text_width(l.v[i].key);
	if (keyw > inner / 3)
		keyw = inner / 3;
	if (ui->help_top > (int)l.n - (h - 2))
		ui->help_top = (int)l.n - (h - 2) > 0 ? (int)l.n - (h - 2) : 0;
	for (r = 0; r < h; r++)
		draw_fill(ui, y + r, x, w, THEME_NORMAL);
	draw_hline(ui, y, x, w, THEME_BORDER);
	draw_hline(ui, y + h - 1, x, w, THEME_BORDER);
	if (framed) {
		draw_vline(ui, y, x, h, THEME_BORDER);
		draw_vline(ui, y, x + w - 1, h, THEME_BORDER);
	}
	{
		char k[32];

		ui_key_for(ui, VIEW_HELP, ACT_BACK, k, sizeof(k));
		if (ui->overlay == OVERLAY_WARNINGS)
			draw_printf(ui, y, x + 2, w - 4, THEME_TITLE, " Warnings (%s closes) ", k);
		else if (ui->overlay == OVERLAY_SYNC)
			draw_printf(ui, y, x + 2, w - 4, THEME_TITLE, " Sync (%s closes) ", k);
		else
			draw_printf(ui, y, x + 2, w - 4, THEME_TITLE, " Help: %s (%s closes) ",
				    view_title(ui->stack[ui->depth - 1]->id), k);
	}
	x += framed ? 2 : 1;
	for (i = (size_t)ui->help_top, r = 1; i < l.n && r < h - 1; i++, r++) {
		if (l.v[i].key) {
			draw_text(ui, y + r, x + 1, keyw, l.v[i].key, THEME_KEY, false);
			draw_text(ui, y + r, x + keyw + 3, inner - keyw - 3, l.v[i].text,
				  l.v[i].elem, false);
		} else {
			draw_text(ui, y + r, x, inner, l.v[i].text, l.v[i].elem, false);
		}
	}
	if ((size_t)ui->help_top + (size_t)(h - 2) < l.n)
		draw_text_right(ui, y + h - 1, x, inner, " ↓ more ", THEME_DIM);
	for (i = 0; i < l.n; i++) {
		free(l.v[i].key);
		free(l.v[i].text);
	}
	free(l.v);
}

int help_handle(struct ui *ui, int action)
{
	switch (action) {
	case ACT_BACK:
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_WARNINGS:
		ui->overlay = OVERLAY_NONE;
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

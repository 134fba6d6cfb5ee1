/* Pages of laid-out text; see page.h. */
#include <stdio.h>
#include <stdlib.h>

#include "ui.h"
#include "page.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

void page_clear(struct page *p)
{
	size_t i;
	int k;

	for (i = 0; i < p->n; i++) {
		for (k = 0; k < p->lines[i].n; k++)
			free(p->lines[i].segs[k].text);
		free(p->lines[i].segs);
	}
	free(p->lines);
	p->lines = NULL;
	p->n = p->cap = 0;
}

void page_line(struct page *p)
{
	p->lines = xgrow(p->lines, &p->cap, p->n + 1, sizeof(*p->lines));
	p->lines[p->n++] = (struct page_line){.segs = NULL};
}

/* Appends a copy of text at column x of line l. */
static void line_add(struct page_line *l, int x, const char *text, int elem)
{
	l->segs = xgrow(l->segs, &l->cap, (size_t)l->n + 1, sizeof(*l->segs));
	l->segs[l->n++] = (struct page_seg){xstrdup(text), x, elem};
}

int page_seg(struct page *p, int x, const char *text, int elem)
{
	if (!text)
		text = "";
	if (!p->n)
		page_line(p);
	line_add(&p->lines[p->n - 1], x, text, elem);
	return x + text_width(text);
}

struct wrap_ctx {
	struct page *p;
	int indent, elem;
};

static void wrap_line(const char *text, void *ctx)
{
	struct wrap_ctx *w = ctx;

	page_line(w->p);
	page_seg(w->p, w->indent, text, w->elem);
}

void page_wrap(struct page *p, const char *text, int indent, int elem)
{
	struct wrap_ctx w = {p, indent, elem};

	if (text && *text)
		draw_wrap(text, p->width - indent > 8 ? p->width - indent : 8, wrap_line, &w);
}

#define KEY_W 13

void page_keyed(struct page *p, const char *key, const char *value, int elem)
{
	size_t first = p->n;

	page_wrap(p, value && *value ? value : "-", KEY_W, elem);
	line_add(&p->lines[first], 0, key, THEME_HEADER);
}

void page_heading(struct page *p, const char *title)
{
	page_line(p);
	page_line(p);
	page_seg(p, 0, title, THEME_TITLE);
}

void page_list(const struct page *p, struct list *l, int height)
{
	if (height > 1 && p->n > (size_t)height)
		height--; /* the last row says there is more */
	list_set(l, p->n, height);
}

void page_draw(struct ui *ui, const struct page *p, const struct list *l, int y)
{
	int r, k;
	size_t below;

	for (r = 0; r < l->height && l->top + (size_t)r < p->n; r++) {
		const struct page_line *line = &p->lines[l->top + (size_t)r];
		for (k = 0; k < line->n; k++) {
			int x = 1 + line->segs[k].x;
			if (x < ui->cols - 2) {
				draw_text(ui, y + r, x, ui->cols - 1 - x, line->segs[k].text,
					  line->segs[k].elem, false);
			} else if (*line->segs[k].text) {
				/* what does not fit is cut with a mark, never dropped
				 * silently */
				draw_text(ui, y + r, ui->cols - 2, 1, "…", THEME_DIM, false);
				break;
			}
		}
	}
	below = p->n > l->top + (size_t)l->height ? p->n - l->top - (size_t)l->height : 0;
	if (below) {
		char more[48];
		snprintf(more, sizeof(more), "↓ %zu more line%s", below, below == 1 ? "" : "s");
		draw_text_right(ui, y + l->height, 1, ui->cols - 2, more, THEME_DIM);
	}
}

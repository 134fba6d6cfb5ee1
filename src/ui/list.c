/*
 * The list widget: selection and scrolling for every list in the console.
 * It knows only counts, never rows, so a view can fetch just the visible
 * window [top, top + height) from the database.
 */
#include <stdlib.h>

#include "ui.h"

void list_init(struct list *l)
{
	l->count = l->top = l->sel = 0;
	l->height = 1;
}

void list_home(struct list *l)
{
	l->top = l->sel = 0;
}

static void clamp(struct list *l)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (l->count == 0) {
		l->top = l->sel = 0;
		return;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top + h > l->count)
		l->top = l->count > h ? l->count - h : 0;
}

void list_set(struct list *l, size_t count, int height)
{
	l->count = count;
	l->height = height > 0 ? height : 1;
	clamp(l);
}

bool list_is_move(int action)
{
	switch (action) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		return true;
	default:
		return false;
	}
}

int list_handle(struct list *l, int action)
{
	size_t old_top = l->top, old_sel = l->sel, h = (size_t)l->height;

	if (l->count == 0)
		return REACT_PASS;
	switch (action) {
	case ACT_UP:
		if (l->sel == 0)
			return REACT_PASS;
		l->sel--;
		break;
	case ACT_DOWN:
		if (l->sel + 1 >= l->count)
			return REACT_PASS;
		l->sel++;
		break;
	case ACT_PAGE_UP:
		l->sel = l->sel > h ? l->sel - h : 0;
		l->top = l->top > h ? l->top - h : 0;
		break;
	case ACT_PAGE_DOWN:
		l->sel += h;
		l->top += h;
		if (l->top + h > l->count)
			l->top = l->count > h ? l->count - h : 0;
		break;
	case ACT_FIRST:
		l->sel = 0;
		break;
	case ACT_LAST:
		l->sel = l->count - 1;
		break;
	default:
		return REACT_PASS;
	}
	clamp(l);
	if (l->top != old_top)
		return REACT_RELOAD;
	return l->sel != old_sel ? REACT_DRAW : REACT_NONE;
}

int list_move(struct list *l, int action)
{
	int r;

	if (!list_is_move(action))
		return REACT_PASS;
	r = list_handle(l, action);
	return r == REACT_PASS ? REACT_NONE : r;
}

size_t list_ahead(const struct list *l)
{
	size_t h = (size_t)(l->height > 0 ? l->height : 1);

	return (l->sel > l->top ? l->sel : l->top) + 2 * h + 1;
}

size_t list_reach(const struct list *l, int action)
{
	size_t h = (size_t)(l->height > 0 ? l->height : 1);

	if (action == ACT_LAST)
		return l->count + h;
	if (action == ACT_DOWN || action == ACT_PAGE_DOWN)
		return list_ahead(l) + h;
	return 0;
}

void list_rows_free(void *rows, size_t n, size_t size, void (*row_done)(void *row))
{
	char *p = rows;
	size_t i;

	for (i = 0; i < n; i++)
		row_done(p + i * size);
	free(rows);
}

bool list_click(struct list *l, int r)
{
	if (r < 0 || r >= l->height || l->top + (size_t)r >= l->count)
		return false;
	l->sel = l->top + (size_t)r;
	return true;
}

int list_click_open(struct ui *ui, struct list *l, int r, bool twice,
		    int (*handle)(struct ui *ui, int action))
{
	size_t before = l->sel;

	if (!list_click(l, r))
		return REACT_NONE;
	if (twice || before == l->sel)
		return handle(ui, ACT_OPEN);
	return REACT_DRAW;
}

int list_scroll(struct list *l, int action)
{
	size_t h = (size_t)l->height, max = l->count > h ? l->count - h : 0, old = l->top;

	switch (action) {
	case ACT_UP:
		l->top = l->top ? l->top - 1 : 0;
		break;
	case ACT_DOWN:
		l->top = l->top < max ? l->top + 1 : max;
		break;
	case ACT_PAGE_UP:
		l->top = l->top > h ? l->top - h : 0;
		break;
	case ACT_PAGE_DOWN:
		l->top = l->top + h < max ? l->top + h : max;
		break;
	case ACT_FIRST:
		l->top = 0;
		break;
	case ACT_LAST:
		l->top = max;
		break;
	default:
		return REACT_PASS;
	}
	l->sel = l->top;
	return l->top != old ? REACT_DRAW : REACT_NONE;
}

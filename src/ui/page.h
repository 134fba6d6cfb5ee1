/*
 * A page of laid-out text for the views that show one thing at length (the
 * brief, an account's tabs): lines of segments, each segment some text at
 * a column in a theme element. Laid out once for a width, then scrolled
 * with the list widget (list_scroll) and drawn a window at a time. Every
 * string is the page's own copy; text reaches the screen through
 * draw_text(), so it is sanitised there.
 */
#ifndef ACCTPLAN_UI_PAGE_H
#define ACCTPLAN_UI_PAGE_H

#include <stddef.h>

struct ui;
struct list;

struct page_seg {
	char *text;
	int x, elem;
};

struct page_line {
	struct page_seg *segs;
	int n;
	size_t cap; /* segs has room for this many */
};

struct page {
	struct page_line *lines;
	size_t n;
	size_t cap; /* lines has room for this many */
	int width;  /* the columns laid out for (segments may end past it) */
};

void page_clear(struct page *p); /* frees every line; keeps width */
/* Starts a new line. */
void page_line(struct page *p);
/* Appends text at column x of the last line (a line is started when there
 * is none); returns the column after it. */
int page_seg(struct page *p, int x, const char *text, int elem);
/* text wrapped to the page's width from column indent, one line per piece. */
void page_wrap(struct page *p, const char *text, int indent, int elem);
/* "Key" at column 0 and value wrapped from column 13, on new lines. */
void page_keyed(struct page *p, const char *key, const char *value, int elem);
/* A blank line, then title. */
void page_heading(struct page *p, const char *title);
/* Sets l for the page in a window of height rows: when the page is longer,
 * the last row is kept for the "more" mark, so it never hides text. */
void page_list(const struct page *p, struct list *l, int height);
/* Draws the page's window (l) from screen row y, and the "more" mark on
 * the row below it when lines follow. */
void page_draw(struct ui *ui, const struct page *p, const struct list *l, int y);

#endif

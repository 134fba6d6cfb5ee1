/*
 * Drawing: every string from the database reaches the screen through
 * draw_text(), which sanitises it with text_fit() (control characters in
 * caret form, so no escape sequence ever reaches the terminal) and places
 * each character at the column our own width table gives it. A character
 * whose width libc's wcwidth() (which ncurses uses) disagrees with is drawn
 * as '?' fillers of our width, so columns stay aligned whatever the libc.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "ui.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"

static const short attr_bits[][2] = {{THEME_A_BOLD, 0},
				     {THEME_A_DIM, 1},
				     {THEME_A_UNDERLINE, 2},
				     {THEME_A_REVERSE, 3},
				     {THEME_A_ITALIC, 4}};

static attr_t to_curses(int a)
{
	static const attr_t map[] = {A_BOLD, A_DIM, A_UNDERLINE, A_REVERSE, A_ITALIC};
	attr_t out = 0;
	size_t i;

	for (i = 0; i < sizeof(attr_bits) / sizeof(*attr_bits); i++)
		if (a & attr_bits[i][0])
			out |= map[attr_bits[i][1]];
	return out;
}

void draw_setup_colors(struct ui *ui, const struct theme *t, bool no_color)
{
	struct theme_resolved r[THEME_ELEM_COUNT];
	int colors = 0, e;

	if (!no_color && has_colors()) {
		start_color();
		use_default_colors();
		colors = COLORS >= 256 ? 256 : COLORS;
		if (COLOR_PAIRS < THEME_ELEM_COUNT + 1)
			colors = 0;
	}
	theme_resolve(t, colors, no_color, r);
	for (e = 0; e < THEME_ELEM_COUNT; e++) {
		ui->attr[e] = to_curses(r[e].attrs);
		ui->pair[e] = 0;
		if (colors && (r[e].fg >= 0 || r[e].bg >= 0)) {
			init_pair((short)(e + 1), (short)r[e].fg, (short)r[e].bg);
			ui->pair[e] = (short)(e + 1);
		}
	}
	/* blank cells take the normal element's colours, so a theme with a
	 * background paints the whole screen, not just behind the text */
	bkgdset((chtype)' ' | COLOR_PAIR(ui->pair[THEME_NORMAL]));
}

attr_t draw_attr(const struct ui *ui, int elem)
{
	return ui->attr[elem] | COLOR_PAIR(ui->pair[elem]);
}

/* Puts one cell: base code point plus combining ones, w columns wide. */
static void put_cluster(struct ui *ui, int y, int x, const wchar_t *wch, int n, int w, int elem)
{
	cchar_t cc;
	wchar_t buf[UI_CCHAR_MAX + 1];
	int i;

	if (w <= 0)
		return;
	/* not representable, or libc disagrees on its width: fillers below */
	if ((!ui->utf8 && wch[0] > 0x7E) || wcwidth(wch[0]) != w)
		n = 0;
	if (n == 0) {
		for (i = 0; i < w; i++) {
			buf[0] = L'?';
			buf[1] = 0;
			setcchar(&cc, buf, ui->attr[elem], ui->pair[elem], NULL);
			mvadd_wch(y, x + i, &cc);
		}
		return;
	}
	for (i = 0; i < n && i < UI_CCHAR_MAX - 1; i++)
		buf[i] = wch[i];
	buf[i] = 0;
	setcchar(&cc, buf, ui->attr[elem], ui->pair[elem], NULL);
	mvadd_wch(y, x, &cc);
}

/* Puts n bytes of printable ASCII, a cell each, in one call: the cells of
 * names and figures, which a full screen holds some 10,000 of, without
 * building a cchar_t for each (that was half of a 200x60 frame's cost). */
static void put_ascii(struct ui *ui, int y, int x, const char *s, int n, int elem)
{
	wattr_set(stdscr, ui->attr[elem], ui->pair[elem], NULL);
	mvaddnstr(y, x, s, n);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

/* How many bytes from s on, at most max, are printable ASCII that no
 * combining mark follows (one joins the cell before it: that cell goes
 * the long way). */
static int ascii_run(const char *s, size_t n, int max)
{
	int k = 0;

	while ((size_t)k < n && k < max && s[k] >= 0x20 && s[k] <= 0x7e)
		k++;
	if ((size_t)k < n && (unsigned char)s[k] >= 0x80 && k > 0)
		k--;
	return k;
}

int draw_text(struct ui *ui, int y, int x, int cols, const char *s, int elem, bool pad)
{
	struct strbuf sb;
	const char *p;
	size_t n;
	wchar_t cl[UI_CCHAR_MAX];
	int ncl = 0, clw = 0, col = 0;

	if (cols <= 0 || y < 0 || y >= ui->rows || x >= ui->cols)
		return 0;
	if (x + cols > ui->cols)
		cols = ui->cols - x;
	strbuf_init(&sb);
	text_fit(&sb, s ? s : "", cols, TEXT_ONELINE);
	p = sb.buf;
	n = sb.len;
	while (n) {
		uint32_t cp;
		size_t k;
		int w, run = ascii_run(p, n, cols - col);

		if (run > 0) {
			if (ncl)
				put_cluster(ui, y, x + col - clw, cl, ncl, clw, elem);
			ncl = 0;
			put_ascii(ui, y, x + col, p, run, elem);
			col += run;
			p += run;
			n -= (size_t)run;
			continue;
		}
		k = utf8_decode(p, n, &cp);
		w = cp_width(cp);
		p += k;
		n -= k;
		if (w == 0) {
			/* a combining mark joins the cell before it */
			if (ncl > 0 && ncl < UI_CCHAR_MAX - 1 && ui->utf8 &&
			    wcwidth((wchar_t)cp) == 0)
				cl[ncl++] = (wchar_t)cp;
			continue;
		}
		if (ncl)
			put_cluster(ui, y, x + col - clw, cl, ncl, clw, elem);
		if (col + w > cols) {
			ncl = 0;
			break;
		}
		cl[0] = (wchar_t)cp;
		ncl = 1;
		clw = w;
		col += w;
	}
	if (ncl)
		put_cluster(ui, y, x + col - clw, cl, ncl, clw, elem);
	strbuf_done(&sb);
	if (pad && col < cols)
		draw_fill(ui, y, x + col, cols - col, elem);
	return pad ? cols : col;
}

void draw_text_right(struct ui *ui, int y, int x, int cols, const char *s, int elem)
{
	int w = text_width(s ? s : "");

	if (w > cols)
		w = cols;
	draw_text(ui, y, x + cols - w, w, s, elem, false);
}

int draw_printf(struct ui *ui, int y, int x, int cols, int elem, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return draw_text(ui, y, x, cols, buf, elem, false);
}

void draw_owner(struct ui *ui, int y, int x)
{
	if (ui_owner(ui))
		draw_printf(ui, y, x + 2, ui->cols - x - 3, THEME_DIM, "(%s)", ui_owner(ui));
}

/* A line of *n cells from start along an axis of max cells, at fixed on
 * the other axis, of fixed_max: false when none of it is on the screen,
 * else *n is cut at the edge. */
static bool clip_line(int fixed, int fixed_max, int start, int max, int *n)
{
	if (fixed < 0 || fixed >= fixed_max || start >= max || *n <= 0)
		return false;
	if (start + *n > max)
		*n = max - start;
	return true;
}

void draw_fill(struct ui *ui, int y, int x, int cols, int elem)
{
	if (!clip_line(y, ui->rows, x, ui->cols, &cols))
		return;
	attr_set(ui->attr[elem], ui->pair[elem], NULL);
	mvhline(y, x, ' ', cols);
	attr_set(A_NORMAL, 0, NULL);
}

void draw_hline(struct ui *ui, int y, int x, int cols, int elem)
{
	if (!clip_line(y, ui->rows, x, ui->cols, &cols))
		return;
	attr_set(ui->attr[elem], ui->pair[elem], NULL);
	mvhline_set(y, x, WACS_HLINE, cols);
	attr_set(A_NORMAL, 0, NULL);
}

void draw_vline(struct ui *ui, int y, int x, int rows, int elem)
{
	if (!clip_line(x, ui->cols, y, ui->rows, &rows))
		return;
	attr_set(ui->attr[elem], ui->pair[elem], NULL);
	mvvline_set(y, x, WACS_VLINE, rows);
	attr_set(A_NORMAL, 0, NULL);
}

void draw_glyph(struct ui *ui, int y, int x, const char *utf8, char ascii, int elem)
{
	char a[2] = {ascii, 0};

	draw_text(ui, y, x, 1, ui->utf8 ? utf8 : a, elem, false);
}

void draw_wrap(const char *s, int width, void (*emit)(const char *line, void *ctx), void *ctx)
{
	struct strbuf clean, line;
	const char *p, *brk_src = NULL;
	size_t n, brk_len = 0;
	int col = 0;

	if (width < 1)
		width = 1;
	strbuf_init(&clean);
	strbuf_init(&line);
	text_fit(&clean, s ? s : "", -1, 0); /* keeps newlines, carets the rest */
	p = clean.buf;
	n = clean.len;
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(p, n, &cp);
		int w = cp == '\n' ? 0 : cp_width(cp);

		if (cp == '\n') {
			emit(line.buf, ctx);
			strbuf_reset(&line);
			col = 0;
			brk_src = NULL;
			p += k;
			n -= k;
			continue;
		}
		if (col + w > width && col > 0) {
			if (brk_src && cp != ' ') {
				/* break at the last space: move the tail to the next line */
				struct strbuf tail;
				strbuf_init(&tail);
				strbuf_adds(&tail, line.buf + brk_len);
				line.buf[brk_len] = '\0';
				line.len = brk_len;
				emit(line.buf, ctx);
				strbuf_reset(&line);
				strbuf_adds(&line, tail.buf);
				strbuf_done(&tail);
				col = text_width(line.buf);
			} else {
				emit(line.buf, ctx);
				strbuf_reset(&line);
				col = 0;
			}
			brk_src = NULL;
			if (cp == ' ') {
				p += k;
				n -= k;
				continue;
			}
		}
		strbuf_add(&line, p, k);
		col += w;
		if (cp == ' ') {
			brk_src = p;
			brk_len = line.len;
		}
		p += k;
		n -= k;
	}
	if (line.len || clean.len == 0)
		emit(line.buf, ctx);
	strbuf_done(&line);
	strbuf_done(&clean);
}

int draw_quadrant_elem(enum quadrant q)
{
	switch (q) {
	case QUAD_REPAIR:
		return THEME_REPAIR;
	case QUAD_PROTECT:
		return THEME_PROTECT;
	case QUAD_GROW:
		return THEME_GROW;
	case QUAD_FIX_BASICS:
		return THEME_FIX_BASICS;
	default:
		return THEME_NO_FEEDBACK;
	}
}

int draw_score_elem(int score)
{
	switch (score_category(score)) {
	case CAT_PROMOTER:
		return THEME_PROMOTER;
	case CAT_PASSIVE:
		return THEME_PASSIVE;
	case CAT_DETRACTOR:
		return THEME_DETRACTOR;
	default:
		return THEME_NORMAL;
	}
}

/*
 * The accounts table: every active account, sortable, with filter-as-you-
 * type on name, owner and segment, and filters by quadrant and owner. The
 * list widget holds only the count; the visible window is fetched with
 * LIMIT/OFFSET, its rows and their NPS trends with one query each.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "book_forms.h"
#include "acctplan/lists.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

#define TREND_N 8
/* Counting stops here: a filter matching more shows "10000+". A search
 * counts only to SEARCH_CAP ("1000+") while typing, which costs about
 * SEARCH_CAP matches a key; scrolling near the end of that counts on. */
#define COUNT_CAP 10000
#define SEARCH_CAP 1000
/* A search of one character has no index to look it up (the trigram
 * index wants two: db_filter_plan()), so it reads account texts until it
 * has a count and a page, all of them when the character is rare: some
 * 90 M instructions a key at 100,000 accounts, ten times that at a
 * million. On a book of more accounts than this (active ones, or every
 * one when lost ones are shown too), the search waits for a second
 * character, and the header says so. */
#define ONE_CHAR_BOOK_MAX 20000

struct acct_item {
	int64_t id;
	char *name, *owner, *last, *next;
	enum quadrant quadrant;
	enum acct_status status;
	bool nps_known, share_known, hold, hold_manual;
	double nps, share;
	int64_t revenue;
	int problems;
	double trend[TREND_N];
	bool trend_known[TREND_N];
};

enum col {
	COL_NAME,
	COL_OWNER,
	COL_QUADRANT,
	COL_NPS,
	COL_TREND,
	COL_SHARE,
	COL_REVENUE,
	COL_PROBLEMS,
	COL_HOLD,
	COL_LAST,
	COL_NEXT,
	COL_COUNT
};

static const struct column_spec {
	const char *title;
	int width; /* 0: the flexible name column */
	bool right;
	int drop; /* dropped first when the screen is narrow: higher first */
	int sort; /* enum account_sort, or -1 */
} cols[COL_COUNT] = {
	[COL_NAME] = {"Account", 0, false, 0, SORT_NAME},
	[COL_OWNER] = {"Owner", 14, false, 3, SORT_OWNER},
	[COL_QUADRANT] = {"Quadrant", 14, false, 1, SORT_QUADRANT},
	[COL_NPS] = {"NPS", 4, true, 0, SORT_NPS},
	[COL_TREND] = {"Trend", TREND_N, false, 5, -1},
	[COL_SHARE] = {"Share", 5, true, 0, SORT_SHARE},
	[COL_REVENUE] = {"Revenue", 7, true, 0, SORT_REVENUE},
	[COL_PROBLEMS] = {"Prob", 4, true, 2, SORT_PROBLEMS},
	[COL_HOLD] = {"Hold", 5, false, 0, -1},
	[COL_LAST] = {"Last resp", 10, false, 4, SORT_LAST_CONTACT},
	[COL_NEXT] = {"Next call", 10, false, 6, -1},
};

static const enum account_sort sort_cycle[] = {
	SORT_PRIORITY, SORT_NAME,    SORT_OWNER,    SORT_QUADRANT,     SORT_NPS,
	SORT_SHARE,    SORT_REVENUE, SORT_PROBLEMS, SORT_LAST_CONTACT,
};
static const char *const sort_names[SORT_COUNT] = {
	"priority", "name",    "owner",         "quadrant",      "NPS",
	"share",    "revenue", "open problems", "last response",
};

static struct accounts {
	struct list list;
	struct acct_item *rows;
	size_t nrows;
	bool count_valid;
	size_t cap; /* the cap the count stopped at */
	int counted_owner;
	char search[256];
	bool editing;
	bool waits;   /* the search is one character, and the book too big for it */
	int quadrant; /* -1: any */
	bool all;     /* lost accounts and prospects too */
	int sort;     /* index into sort_cycle */
	bool descending;
	bool show[COL_COUNT];
	int x[COL_COUNT], namew;
	char hint[256];
} A;

static void item_done(void *p)
{
	struct acct_item *it = p;

	free(it->name);
	free(it->owner);
	free(it->last);
	free(it->next);
}

static void free_rows(void)
{
	list_rows_free(A.rows, A.nrows, sizeof(*A.rows), item_done);
	A.rows = NULL;
	A.nrows = 0;
}

/* Whether the search waits for a second character (ONE_CHAR_BOOK_MAX): the
 * accounts it would read, the active ones or with a every one, counted
 * only as far as the limit. */
static bool search_waits(struct ui *ui)
{
	struct account_filter book;
	size_t n = 0;

	if (utf8_chars(A.search) != 1)
		return false;
	account_filter_init(&book);
	book.all_statuses = A.all;
	if (db_accounts_count_upto(ui->db, &book, ONE_CHAR_BOOK_MAX + 1, &n) != STATUS_OK)
		return false;
	return n > ONE_CHAR_BOOK_MAX;
}

static void make_filter(struct ui *ui, struct account_filter *f)
{
	account_filter_init(f);
	f->owner = ui_owner(ui);
	f->search = A.search[0] && !A.waits ? A.search : NULL;
	f->quadrant = A.quadrant;
	f->all_statuses = A.all;
	f->sort = sort_cycle[A.sort];
	f->descending = A.descending;
}

static int add_row(const struct table_row *r, void *ctx)
{
	struct acct_item *it;
	size_t max = *(size_t *)ctx;

	if (A.nrows >= max)
		return 1;
	it = &A.rows[A.nrows++];
	memset(it, 0, sizeof(*it));
	it->id = r->id;
	it->name = xstrdup(r->name);
	it->owner = xstrdup(r->owner);
	it->last = xstrdup(r->last_response ? r->last_response : "");
	it->next = xstrdup(r->next_contact ? r->next_contact : "");
	it->quadrant = r->quadrant;
	it->status = r->status;
	it->nps_known = r->nps_known;
	it->nps = r->nps;
	it->share_known = r->share_known;
	it->share = r->share;
	it->hold = r->hold;
	it->hold_manual = r->hold_manual;
	it->revenue = r->revenue;
	it->problems = r->open_problems;
	return 0;
}

static void layout(struct ui *ui)
{
	int c, used, avail = ui->cols - 2;

	for (c = 0; c < COL_COUNT; c++)
		A.show[c] = true;
	for (;;) {
		int worst = -1;
		used = 0;
		for (c = 1; c < COL_COUNT; c++)
			if (A.show[c])
				used += cols[c].width + 1;
		if (avail - used >= 16)
			break;
		for (c = 1; c < COL_COUNT; c++)
			if (A.show[c] && cols[c].drop > 0 &&
			    (worst < 0 || cols[c].drop > cols[worst].drop))
				worst = c;
		if (worst < 0)
			break;
		A.show[worst] = false;
	}
	A.namew = avail - used;
	A.x[COL_NAME] = 1;
	used = 1 + A.namew + 1;
	for (c = 1; c < COL_COUNT; c++) {
		A.x[c] = used;
		if (A.show[c])
			used += cols[c].width + 1;
	}
}

/* The sparklines of the rows held, in one query. */
static enum status trends(struct ui *ui)
{
	int64_t *ids = xcalloc(A.nrows, sizeof(*ids));
	double *nps = xcalloc(A.nrows * TREND_N, sizeof(*nps));
	bool *known = xcalloc(A.nrows * TREND_N, sizeof(*known));
	enum status st;
	size_t i;

	for (i = 0; i < A.nrows; i++)
		ids[i] = A.rows[i].id;
	st = db_nps_trends(ui->db, ids, A.nrows, ui->rules, ui->today, TREND_N, nps, known);
	for (i = 0; st == STATUS_OK && i < A.nrows; i++) {
		memcpy(A.rows[i].trend, nps + i * TREND_N, sizeof(A.rows[i].trend));
		memcpy(A.rows[i].trend_known, known + i * TREND_N, sizeof(A.rows[i].trend_known));
	}
	free(known);
	free(nps);
	free(ids);
	return st;
}

static void accounts_reload(struct ui *ui)
{
	struct account_filter f;
	int height = ui->view_h - 2;

	layout(ui);
	A.waits = search_waits(ui);
	make_filter(ui, &f);
	if (!A.count_valid || A.counted_owner != ui->owner) {
		size_t n = 0;

		A.cap = f.search ? SEARCH_CAP : COUNT_CAP;
		if (db_accounts_count_upto(ui->db, &f, A.cap, &n) != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		A.count_valid = true;
		A.counted_owner = ui->owner;
		list_set(&A.list, n, height);
		if (A.list.sel >= n || A.list.top > A.list.sel)
			list_init(&A.list);
	}
	list_set(&A.list, A.list.count, height);
	free_rows();
	f.offset = A.list.top;
	if (A.list.count && height > 0) {
		int64_t *ids = xcalloc((size_t)height, sizeof(*ids));
		size_t n = 0;
		enum status st =
			db_accounts_page(ui->db, &f, A.list.count < A.cap ? A.list.count : SIZE_MAX,
					 ids, (size_t)height, &n);

		/* the page's rows, then their sparklines, one statement each */
		if (st == STATUS_OK && n) {
			A.rows = xcalloc(n, sizeof(*A.rows));
			st = db_accounts_rows(ui->db, ids, n, ui->today, add_row, &n);
		}
		if (st == STATUS_OK && A.show[COL_TREND] && A.nrows)
			st = trends(ui);
		if (st != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		free(ids);
	}
}

static void draw_trend(struct ui *ui, int y, int x, const struct acct_item *it, int base)
{
	static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	static const char ascii[] = "_.-:=+*#";
	int i;

	for (i = 0; i < TREND_N; i++) {
		int level;
		if (!it->trend_known[i]) {
			draw_glyph(ui, y, x + i, "·", '.',
				   base == THEME_SELECTION ? base : THEME_DIM);
			continue;
		}
		level = (int)((it->trend[i] + 100) * 8 / 200.01);
		if (level < 0)
			level = 0;
		if (level > 7)
			level = 7;
		draw_glyph(ui, y, x + i, bars[level], ascii[level],
			   base == THEME_SELECTION                     ? base
			   : advocacy_is_high(ui->rules, it->trend[i]) ? THEME_PROMOTER
			   : it->trend[i] >= 0                         ? THEME_PASSIVE
								       : THEME_DETRACTOR);
	}
}

static void cell(struct ui *ui, int y, int c, const char *s, int elem)
{
	if (!A.show[c])
		return;
	if (cols[c].right)
		draw_text_right(ui, y, A.x[c], cols[c].width, s, elem);
	else
		draw_text(ui, y, A.x[c], c == COL_NAME ? A.namew : cols[c].width, s, elem, false);
}

static void accounts_draw(struct ui *ui)
{
	int y = ui->view_y, c, r, x;
	enum account_sort sort = sort_cycle[A.sort];
	char buf[64];

	/* the filter line */
	x = 1 + draw_printf(ui, y, 1, ui->cols - 2, THEME_TITLE, "%zu%s account%s", A.list.count,
			    A.list.count >= A.cap ? "+" : "", A.list.count == 1 ? "" : "s");
	x = x + 2 > 16 ? x + 2 : 16;
	{
		char q[64] = "", *s;
		struct strbuf sb;

		strbuf_init(&sb);
		if (A.quadrant >= 0)
			snprintf(q, sizeof(q), "  quadrant: %s",
				 quadrant_title((enum quadrant)A.quadrant));
		strbuf_addf(&sb, "sorted by %s%s%s%s%s", sort_names[sort],
			    A.descending ? " (reversed)" : "", q,
			    A.all ? "  lost and prospects too" : "",
			    A.search[0] || A.editing ? "  filter: " : "");
		s = strbuf_detach(&sb);
		c = x + draw_printf(ui, y, x, ui->cols - x - 1, THEME_DIM, "%s", s);
		free(s);
		strbuf_done(&sb);
		if (A.search[0] || A.editing)
			c += draw_text(ui, y, c, ui->cols - c - 2, A.search,
				       A.editing ? THEME_KEY : THEME_TITLE, false);
		if (A.editing)
			c += draw_text(ui, y, c, 1, "▏", THEME_KEY, false);
		if (A.waits && c < ui->cols - 2)
			draw_text(ui, y, c, ui->cols - c - 2, "  (needs 2 characters)", THEME_DIM,
				  false);
	}
	y++;
	for (c = 0; c < COL_COUNT; c++) {
		const char *t = cols[c].title;
		if (cols[c].sort >= 0 && (int)sort == cols[c].sort) {
			snprintf(buf, sizeof(buf), "%s%s", t, A.descending ? "▲" : "▼");
			t = buf;
		}
		cell(ui, y, c, t, THEME_HEADER);
	}
	y++;
	for (r = 0; (size_t)r < A.nrows && r < ui->view_h - 2; r++) {
		const struct acct_item *it = &A.rows[r];
		bool sel = A.list.top + (size_t)r == A.list.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL, yy = y + r;

		draw_fill(ui, yy, 0, ui->cols, base);
		cell(ui, yy, COL_NAME, it->name, base);
		cell(ui, yy, COL_OWNER, it->owner, base);
		if (it->status != ACCT_ACTIVE)
			cell(ui, yy, COL_QUADRANT, acct_status_name(it->status),
			     sel ? base : THEME_DIM);
		else
			cell(ui, yy, COL_QUADRANT, quadrant_title(it->quadrant),
			     sel ? base : draw_quadrant_elem(it->quadrant));
		fmt_nps(buf, sizeof(buf), it->nps_known, it->nps);
		cell(ui, yy, COL_NPS, buf,
		     sel || !it->nps_known                  ? base
		     : advocacy_is_high(ui->rules, it->nps) ? THEME_PROMOTER
							    : THEME_DETRACTOR);
		if (A.show[COL_TREND])
			draw_trend(ui, yy, A.x[COL_TREND], it, base);
		fmt_share(buf, sizeof(buf), it->share_known, it->share);
		cell(ui, yy, COL_SHARE, buf, base);
		fmt_money_short(buf, sizeof(buf), it->revenue);
		cell(ui, yy, COL_REVENUE, buf, base);
		snprintf(buf, sizeof(buf), "%d", it->problems);
		cell(ui, yy, COL_PROBLEMS, it->problems ? buf : "", base);
		/* a state set or lifted by hand is marked with a star */
		cell(ui, yy, COL_HOLD,
		     it->hold          ? (it->hold_manual ? "HOLD*" : "HOLD")
		     : it->hold_manual ? "open*"
				       : "",
		     sel ? base : THEME_HOLD);
		cell(ui, yy, COL_LAST, it->last, base);
		cell(ui, yy, COL_NEXT, it->next, base);
	}
	if (A.list.count == 0)
		draw_text(ui, y, 1, ui->cols - 2,
			  A.search[0] || A.quadrant >= 0 || ui_owner(ui)
				  ? "No account matches (x clears the filters)"
				  : "No accounts",
			  THEME_DIM, false);
}

/* Before a move that reaches the end of a count that stopped at
 * SEARCH_CAP: counts on to COUNT_CAP so that the list scrolls further. */
static void count_on(struct ui *ui, int action)
{
	struct account_filter f;
	size_t n = 0;

	if (!A.count_valid || A.cap >= COUNT_CAP || A.list.count < A.cap ||
	    (action != ACT_DOWN && action != ACT_PAGE_DOWN && action != ACT_LAST) ||
	    (action != ACT_LAST && A.list.sel + 2 * (size_t)A.list.height < A.list.count))
		return;
	make_filter(ui, &f);
	A.cap = COUNT_CAP;
	if (db_accounts_count_upto(ui->db, &f, A.cap, &n) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		return;
	}
	list_set(&A.list, n, A.list.height);
}

static int refilter(void)
{
	A.count_valid = false;
	list_init(&A.list);
	return REACT_RELOAD;
}

static int accounts_key(struct ui *ui, int key)
{
	size_t n = strlen(A.search);

	if (!A.editing)
		return -1;
	if (key == KEYS_ENTER) {
		A.editing = false;
		return REACT_DRAW;
	}
	if (key == KEYS_ESC) {
		A.editing = false;
		A.search[0] = '\0';
		return refilter();
	}
	if (key == KEYS_BACKSPACE) {
		if (!n) {
			A.editing = false;
			return REACT_DRAW;
		}
		/* drop one whole UTF-8 sequence */
		while (n > 0 && ((unsigned char)A.search[n - 1] & 0xC0) == 0x80)
			n--;
		A.search[n ? n - 1 : 0] = '\0';
		return refilter();
	}
	if (key >= 0x20 && key < KEYS_BASE && key != 0x7F) {
		struct strbuf sb;
		strbuf_init(&sb);
		utf8_encode(&sb, (uint32_t)key);
		if (n + sb.len < sizeof(A.search)) {
			memcpy(A.search + n, sb.buf, sb.len + 1);
		}
		strbuf_done(&sb);
		return refilter();
	}
	return -1; /* motion keys still move */
}

static int accounts_handle(struct ui *ui, int action)
{
	size_t i;

	if (list_is_move(action)) {
		count_on(ui, action);
		return list_move(&A.list, action);
	}
	switch (action) {
	case ACT_ACCOUNT_ADD:
		return book_account_add(ui);
	case ACT_OPEN:
	case ACT_BRIEF:
		i = A.list.sel - A.list.top;
		return ui_account_action(ui, action, i < A.nrows ? A.rows[i].id : 0);
	case ACT_FILTER:
		A.editing = true;
		return REACT_DRAW;
	case ACT_QUADRANT_NEXT:
		A.quadrant = A.quadrant + 1 >= QUAD_COUNT ? -1 : A.quadrant + 1;
		return refilter();
	case ACT_OWNER_NEXT:
	case ACT_OWNER_PREV:
		ui_owner_step(ui, action);
		return refilter();
	case ACT_ALL_STATUSES:
		A.all = !A.all;
		ui_message(ui, THEME_STATUS, "%s",
			   A.all ? "Every account: lost ones and prospects too"
				 : "Active accounts only");
		return refilter();
	case ACT_CLEAR_FILTERS:
		A.search[0] = '\0';
		A.quadrant = -1;
		A.all = false;
		ui_owner_clear(ui);
		return refilter();
	case ACT_SORT_NEXT:
	case ACT_SORT_PREV: {
		int n = (int)(sizeof(sort_cycle) / sizeof(*sort_cycle));
		A.sort = (A.sort + (action == ACT_SORT_NEXT ? 1 : n - 1)) % n;
		list_home(&A.list); /* the same accounts in another order */
		return REACT_RELOAD;
	}
	case ACT_SORT_REVERSE:
		A.descending = !A.descending;
		list_home(&A.list);
		return REACT_RELOAD;
	case ACT_RELOAD:
		A.count_valid = false;
		return REACT_PASS;
	default:
		return REACT_PASS;
	}
}

static int accounts_click(struct ui *ui, int y, int x, bool twice)
{
	return list_click_open(ui, &A.list, y - ui->view_y - 2, twice, accounts_handle);
}

static const char *accounts_hint(struct ui *ui)
{
	if (A.editing)
		return " Filter: type a name, owner or segment · Enter keeps it · Esc clears it";
	static const struct hint h[] = {
		HINT(ACT_FILTER, "filter"),
		HINT(ACT_QUADRANT_NEXT, "quadrant"),
		HINT(ACT_OWNER_NEXT, "owner"),
		HINT(ACT_ALL_STATUSES, "lost too"),
		HINT2(ACT_SORT_PREV, ACT_SORT_NEXT, "sort"),
		HINT(ACT_SORT_REVERSE, "reverse"),
		HINT(ACT_CLEAR_FILTERS, "clear"),
		HINT(ACT_OPEN, "open"),
		HINT(ACT_ACCOUNT_ADD, "add"),
		HINT(ACT_UNDO, "undo"),
		HINT(ACT_HELP, "help"),
	};

	return UI_HINT(ui, VIEW_ACCOUNTS, h);
}

static void accounts_init(struct ui *ui)
{
	memset(&A, 0, sizeof(A));
	list_init(&A.list);
	A.quadrant = -1;
	A.counted_owner = ui->owner;
}

static void accounts_done(struct ui *ui)
{
	free_rows();
}

const struct view_ops view_accounts_ops = {
	.id = VIEW_ACCOUNTS,
	.init = accounts_init,
	.done = accounts_done,
	.reload = accounts_reload,
	.draw = accounts_draw,
	.handle = accounts_handle,
	.key = accounts_key,
	.click = accounts_click,
	.hint = accounts_hint,
};

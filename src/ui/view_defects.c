/*
 * Defects: the catalogue ranked by impact = frequency × severity over the
 * responses in the advocacy window (defect_rank.h), with the responses and
 * accounts citing each and its open problems. Enter on a defect shows its
 * follow-up queue: the accounts citing it in priority order with the state
 * of their open problem for it; Enter there opens the account, b its brief,
 * Esc goes back to the ranking. a adds a defect to the catalogue and e
 * changes the selected one (defect_forms.c); the ranking is fetched again
 * after the save with that defect selected.
 *
 * The ranking is fetched when shown (the catalogue is small; its figures
 * come from the cache, db_refresh()). A queue can hold a tenth of the
 * book, so the view holds only what it has shown, as the Agenda does:
 * opening one fetches its first QUEUE_PAGE rows, which the database finds
 * without sorting the whole queue, and moving down fetches the rows after
 * the last one held before the selection gets there (a page costs about
 * its rows wherever it starts: db_defect_queue_page()). End goes to the
 * last row held and fetches the page after it. The header counts the
 * whole queue from the ranking. The list widget selects and scrolls.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "acctplan/defect_rank.h"
#include "acctplan/loop.h"
#include "acctplan/xalloc.h"

struct rank_row {
	int64_t id;
	char *code, *title, *category;
	double frequency, severity, impact;
	bool severity_known;
	long tagged, accounts, open_problems;
};

struct queue_item {
	int64_t account_id;
	char *name, *owner, *last_cited, *problem_status;
	enum acct_status status;
	enum quadrant quadrant;
	bool nps_known;
	double nps;
	int64_t revenue;
	long citing;
	struct priority priority; /* its place in the queue, with status, name and id */
};

static struct defects_view {
	struct rank_row *rank;
	size_t nrank;
	long responses;
	struct list list; /* over the ranking */
	bool stale;
	/* the queue of one defect, when queue is true */
	bool queue;
	size_t qdefect;       /* index into rank */
	struct queue_item *q; /* its first nq rows */
	size_t nq, qcap;
	bool qcomplete; /* q holds the whole queue */
	struct list qlist;
} D;

/* The code to select at the next fetch of the ranking (a defect just
 * written), or NULL. */
static char *select_code;

void view_defects_select(const char *code)
{
	free(select_code);
	select_code = code ? xstrdup(code) : NULL;
}

/* Rows fetched at a time: a few screens. */
#define QUEUE_PAGE 200

static void queue_item_done(void *p)
{
	struct queue_item *it = p;

	free(it->name);
	free(it->owner);
	free(it->last_cited);
	free(it->problem_status);
}

static void free_queue(void)
{
	list_rows_free(D.q, D.nq, sizeof(*D.q), queue_item_done);
	D.q = NULL;
	D.nq = D.qcap = 0;
}

static void rank_row_done(void *p)
{
	struct rank_row *d = p;

	free(d->code);
	free(d->title);
	free(d->category);
}

static void free_rank(void)
{
	list_rows_free(D.rank, D.nrank, sizeof(*D.rank), rank_row_done);
	D.rank = NULL;
	D.nrank = 0;
}

static void fetch_rank(struct ui *ui)
{
	struct defect_report rep;
	struct defect_stat *st;
	size_t i;

	free_rank();
	memset(&rep, 0, sizeof(rep));
	if (db_defect_report(ui->db, ui->rules, ui->today, &rep) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		return;
	}
	st = xcalloc(rep.n ? rep.n : 1, sizeof(*st));
	for (i = 0; i < rep.n; i++) {
		st[i].id = (int64_t)i;
		st[i].code = rep.d[i].code;
		st[i].tagged = rep.d[i].tagged;
		st[i].tagged_sum = rep.d[i].tagged_sum;
	}
	defect_rank(st, rep.n, rep.responses, rep.score_sum);
	D.rank = xcalloc(rep.n ? rep.n : 1, sizeof(*D.rank));
	for (i = 0; i < rep.n; i++) {
		const struct defect_info *d = &rep.d[st[i].id];
		struct rank_row *r = &D.rank[i];

		r->id = d->id;
		r->code = xstrdup(d->code);
		r->title = xstrdup(d->title);
		r->category = xstrdup(d->category);
		r->frequency = st[i].frequency;
		r->severity_known = st[i].severity_known;
		r->severity = st[i].severity;
		r->impact = st[i].impact;
		r->tagged = d->tagged;
		r->accounts = d->accounts;
		r->open_problems = d->open_problems;
	}
	D.nrank = rep.n;
	D.responses = rep.responses;
	if (select_code) {
		for (i = 0; i < D.nrank; i++)
			if (!strcmp(D.rank[i].code, select_code))
				D.list.sel = i;
		free(select_code);
		select_code = NULL;
	}
	free(st);
	defect_report_done(&rep);
}

static int got_queue(const struct queue_row *r, void *ctx)
{
	struct queue_item *it;

	(void)ctx;
	D.q = xgrow(D.q, &D.qcap, D.nq + 1, sizeof(*D.q));
	it = &D.q[D.nq++];
	it->account_id = r->account_id;
	it->name = xstrdup(r->name ? r->name : "");
	it->owner = xstrdup(r->owner ? r->owner : "");
	it->last_cited = xstrdup(r->last_cited ? r->last_cited : "");
	it->problem_status = r->problem_status ? xstrdup(r->problem_status) : NULL;
	it->status = r->status;
	it->quadrant = r->quadrant;
	it->nps_known = r->nps_known;
	it->nps = r->nps;
	it->revenue = r->revenue;
	it->citing = r->citing;
	it->priority = r->priority;
	return 0;
}

/* Fetches the queue's rows after the last one held until `want` are held
 * or it ends, a page at least. */
static void fetch_queue(struct ui *ui, size_t want)
{
	if (D.qdefect >= D.nrank)
		D.qcomplete = true;
	while (!D.qcomplete && D.nq < want) {
		const struct queue_item *last = D.nq ? &D.q[D.nq - 1] : NULL;
		struct queue_key after = {0};
		size_t had = D.nq, n = want - D.nq > QUEUE_PAGE ? want - D.nq : QUEUE_PAGE;

		if (last)
			after = (struct queue_key){.active = last->status == ACCT_ACTIVE,
						   .priority = last->priority,
						   .name = last->name,
						   .account_id = last->account_id};
		if (db_defect_queue_page(ui->db, D.rank[D.qdefect].id, last ? &after : NULL, n,
					 got_queue, NULL) != STATUS_OK) {
			ui_message(ui, THEME_WARNING, "%s", status_detail());
			D.qcomplete = true;
			return;
		}
		D.qcomplete = D.nq - had < n;
	}
}

/* The queue fetched again from its first row, `want` rows. */
static void refetch_queue(struct ui *ui, size_t want)
{
	free_queue();
	D.qcomplete = false;
	fetch_queue(ui, want);
}

/* The queue's length: the accounts citing the defect, as the ranking
 * counts them, until the whole queue is in. */
static size_t queue_total(void)
{
	size_t n = D.qdefect < D.nrank ? (size_t)D.rank[D.qdefect].accounts : 0;

	return D.qcomplete || n < D.nq ? D.nq : n;
}

static void defects_enter(struct ui *ui)
{
	D.stale = true;
}

static void defects_reload(struct ui *ui)
{
	if (D.stale) {
		fetch_rank(ui);
		if (D.queue)
			refetch_queue(ui, D.nq > QUEUE_PAGE ? D.nq : QUEUE_PAGE);
		D.stale = false;
	}
	list_set(&D.list, D.nrank, ui->view_h - 2);
	D.qlist.height = ui->view_h - 3;
	if (D.queue)
		fetch_queue(ui, list_ahead(&D.qlist));
	list_set(&D.qlist, D.nq, ui->view_h - 3);
}

static void draw_rank(struct ui *ui)
{
	int y = ui->view_y, r, x[10], wtitle, c;
	char first[DATE_LEN], last[DATE_LEN], buf[64];
	static const char *const heads[] = {"#",        "Code",   "Title", "Category", "Freq",
					    "Severity", "Impact", "Resp",  "Accts",    "Open pb"};
	static const int widths[] = {3, 20, 0, 8, 6, 8, 6, 5, 5, 7};
	static const bool right[] = {true, false, false, false, true, true, true, true, true, true};

	date_format(ui->today - ui->rules->window_days + 1, first);
	date_format(ui->today, last);
	draw_printf(ui, y++, 1, ui->cols - 2, THEME_TITLE,
		    "Defects ranked by impact = frequency × severity · %s to %s · %ld responses",
		    first, last, D.responses);
	wtitle = ui->cols - 2;
	for (c = 0; c < 10; c++)
		if (widths[c])
			wtitle -= widths[c] + 1;
	if (wtitle < 10)
		wtitle = 10;
	x[0] = 1;
	for (c = 1; c < 10; c++)
		x[c] = x[c - 1] + (widths[c - 1] ? widths[c - 1] : wtitle) + 1;
	for (c = 0; c < 10; c++) {
		int w = widths[c] ? widths[c] : wtitle;
		if (right[c])
			draw_text_right(ui, y, x[c], w, heads[c], THEME_HEADER);
		else
			draw_text(ui, y, x[c], w, heads[c], THEME_HEADER, true);
	}
	y++;
	for (r = 0; r < D.list.height && D.list.top + (size_t)r < D.nrank; r++) {
		size_t i = D.list.top + (size_t)r;
		const struct rank_row *d = &D.rank[i];
		bool sel = i == D.list.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL, yy = y + r;

		draw_fill(ui, yy, 0, ui->cols, base);
		snprintf(buf, sizeof(buf), "%zu", i + 1);
		draw_text_right(ui, yy, x[0], widths[0], buf, base);
		draw_text(ui, yy, x[1], widths[1], d->code, sel ? base : THEME_HOLD, false);
		draw_text(ui, yy, x[2], wtitle, d->title, base, false);
		draw_text(ui, yy, x[3], widths[3], d->category, sel ? base : THEME_DIM, false);
		snprintf(buf, sizeof(buf), "%.1f%%", d->frequency * 100);
		draw_text_right(ui, yy, x[4], widths[4], buf, base);
		if (d->severity_known)
			snprintf(buf, sizeof(buf), "%.2f", d->severity);
		else
			snprintf(buf, sizeof(buf), "-");
		draw_text_right(ui, yy, x[5], widths[5], buf, base);
		snprintf(buf, sizeof(buf), "%.3f", d->impact);
		draw_text_right(ui, yy, x[6], widths[6], buf, sel ? base : THEME_TITLE);
		snprintf(buf, sizeof(buf), "%ld", d->tagged);
		draw_text_right(ui, yy, x[7], widths[7], buf, base);
		snprintf(buf, sizeof(buf), "%ld", d->accounts);
		draw_text_right(ui, yy, x[8], widths[8], buf, base);
		snprintf(buf, sizeof(buf), "%ld", d->open_problems);
		draw_text_right(ui, yy, x[9], widths[9], d->open_problems ? buf : "", base);
	}
	if (!D.nrank)
		draw_text(ui, y, 1, ui->cols - 2, "The defect catalogue is empty.", THEME_DIM,
			  false);
}

static void draw_queue(struct ui *ui)
{
	const struct rank_row *d = &D.rank[D.qdefect];
	int y = ui->view_y, r, xs[8], wname, wowner = 16;
	char buf[64];

	draw_printf(ui, y, 1, ui->cols - 2, THEME_TITLE, "Follow-up queue of %s: %s", d->code,
		    d->title);
	y++;
	draw_printf(
		ui, y++, 1, ui->cols - 2, THEME_DIM,
		"%zu account%s citing it in the window, in priority order · impact %.3f · Esc: back to the ranking",
		queue_total(), queue_total() == 1 ? "" : "s", d->impact);
	if (ui->cols < 100)
		wowner = 0;
	wname = ui->cols - 2 - 5 - 14 - 5 - 8 - 6 - 10 - 14 - (wowner ? wowner + 1 : 0) - 7;
	if (wname > 40)
		wname = 40;
	if (wname < 12)
		wname = 12;
	xs[0] = 1;                                 /* # */
	xs[1] = xs[0] + 6;                         /* account */
	xs[2] = xs[1] + wname + 1;                 /* owner */
	xs[3] = xs[2] + (wowner ? wowner + 1 : 0); /* quadrant */
	xs[4] = xs[3] + 15;                        /* nps */
	xs[5] = xs[4] + 6;                         /* revenue */
	xs[6] = xs[5] + 9;                         /* citing */
	xs[7] = xs[6] + 7;                         /* last cited, then problem */
	draw_text_right(ui, y, xs[0], 5, "#", THEME_HEADER);
	draw_text(ui, y, xs[1], wname, "Account", THEME_HEADER, true);
	if (wowner)
		draw_text(ui, y, xs[2], wowner, "Owner", THEME_HEADER, true);
	draw_text(ui, y, xs[3], 14, "Quadrant", THEME_HEADER, true);
	draw_text_right(ui, y, xs[4], 5, "NPS", THEME_HEADER);
	draw_text_right(ui, y, xs[5], 8, "Revenue", THEME_HEADER);
	draw_text_right(ui, y, xs[6], 6, "Cites", THEME_HEADER);
	draw_text(ui, y, xs[7], 10, "Last", THEME_HEADER, true);
	draw_text(ui, y, xs[7] + 11, ui->cols - xs[7] - 12, "Open problem", THEME_HEADER, true);
	y++;
	for (r = 0; r < D.qlist.height && D.qlist.top + (size_t)r < D.nq; r++) {
		size_t i = D.qlist.top + (size_t)r;
		const struct queue_item *it = &D.q[i];
		bool sel = i == D.qlist.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL, yy = y + r;

		draw_fill(ui, yy, 0, ui->cols, base);
		snprintf(buf, sizeof(buf), "%zu", i + 1);
		draw_text_right(ui, yy, xs[0], 5, buf, base);
		draw_text(ui, yy, xs[1], wname, it->name, base, false);
		if (wowner)
			draw_text(ui, yy, xs[2], wowner, it->owner, sel ? base : THEME_DIM, false);
		if (it->status == ACCT_ACTIVE)
			draw_text(ui, yy, xs[3], 14, quadrant_title(it->quadrant),
				  sel ? base : draw_quadrant_elem(it->quadrant), false);
		else
			draw_text(ui, yy, xs[3], 14, acct_status_name(it->status),
				  sel ? base : THEME_DIM, false);
		fmt_nps(buf, sizeof(buf), it->nps_known, it->nps);
		draw_text_right(ui, yy, xs[4], 5, buf, base);
		fmt_money_short(buf, sizeof(buf), it->revenue);
		draw_text_right(ui, yy, xs[5], 8, buf, base);
		snprintf(buf, sizeof(buf), "%ld", it->citing);
		draw_text_right(ui, yy, xs[6], 6, buf, base);
		draw_text(ui, yy, xs[7], 10, it->last_cited, base, false);
		draw_text(ui, yy, xs[7] + 11, ui->cols - xs[7] - 12,
			  it->problem_status ? it->problem_status : "none",
			  sel                  ? base
			  : it->problem_status ? THEME_HOLD
					       : THEME_DIM,
			  false);
	}
	if (!D.nq)
		draw_text(ui, y, 1, ui->cols - 2, "No account cites this defect in the window.",
			  THEME_DIM, false);
}

static void defects_draw(struct ui *ui)
{
	if (D.queue && D.qdefect < D.nrank)
		draw_queue(ui);
	else
		draw_rank(ui);
}

static int64_t queue_selected(void)
{
	return D.queue && D.qlist.sel < D.nq ? D.q[D.qlist.sel].account_id : 0;
}

static int defects_handle(struct ui *ui, int action)
{
	struct list *l = D.queue ? &D.qlist : &D.list;
	int r;

	/* the rows a move down (or End) reaches, fetched before it moves */
	if (D.queue) {
		fetch_queue(ui, list_reach(l, action));
		list_set(l, D.nq, l->height);
	}
	if ((r = list_move(l, action)) != REACT_PASS)
		return r;
	switch (action) {
	case ACT_OPEN:
		if (D.queue) {
			if (!queue_selected())
				return REACT_NONE;
			view_account_open(ui, queue_selected());
			return REACT_RELOAD;
		}
		if (D.list.sel >= D.nrank)
			return REACT_NONE;
		D.queue = true;
		D.qdefect = D.list.sel;
		list_init(&D.qlist);
		refetch_queue(ui, QUEUE_PAGE);
		return REACT_RELOAD;
	case ACT_BRIEF:
		if (!queue_selected())
			return REACT_NONE;
		view_brief_open(ui, queue_selected());
		return REACT_RELOAD;
	case ACT_BACK:
		if (D.queue) {
			D.queue = false;
			free_queue();
			return REACT_RELOAD;
		}
		return REACT_PASS;
	case ACT_DEFECT_ADD:
		return defect_forms_open(ui, 0, NULL, NULL, NULL);
	case ACT_DEFECT_EDIT: {
		const struct rank_row *d;
		if (D.queue)
			d = D.qdefect < D.nrank ? &D.rank[D.qdefect] : NULL;
		else
			d = D.list.sel < D.nrank ? &D.rank[D.list.sel] : NULL;
		if (!d)
			return REACT_NONE;
		return defect_forms_open(ui, d->id, d->code, d->title, d->category);
	}
	case ACT_RELOAD:
		D.stale = true;
		return REACT_PASS;
	default:
		return REACT_PASS;
	}
}

static int defects_click(struct ui *ui, int y, int x, bool twice)
{
	struct list *l = D.queue ? &D.qlist : &D.list;

	return list_click_open(ui, l, y - ui->view_y - (D.queue ? 3 : 2), twice, defects_handle);
}

static const char *defects_hint(struct ui *ui)
{
	static const struct hint queue[] = {
		HINT2(ACT_UP, ACT_DOWN, "move"), HINT(ACT_OPEN, "open the account"),
		HINT(ACT_BRIEF, "brief"),        HINT(ACT_DEFECT_EDIT, "edit the defect"),
		HINT(ACT_BACK, "the ranking"),   HINT(ACT_HELP, "help"),
	};
	static const struct hint ranking[] = {
		HINT2(ACT_UP, ACT_DOWN, "move"),
		HINT(ACT_OPEN, "the follow-up queue"),
		HINT(ACT_DEFECT_ADD, "add a defect"),
		HINT(ACT_DEFECT_EDIT, "edit"),
		HINT(ACT_BOARD, "board"),
		HINT(ACT_HELP, "help"),
	};

	return D.queue ? UI_HINT(ui, VIEW_DEFECTS, queue) : UI_HINT(ui, VIEW_DEFECTS, ranking);
}

static void defects_init(struct ui *ui)
{
	memset(&D, 0, sizeof(D));
	list_init(&D.list);
	list_init(&D.qlist);
	D.stale = true;
}

static void defects_done(struct ui *ui)
{
	free_queue();
	free_rank();
	view_defects_select(NULL);
}

const struct view_ops view_defects_ops = {
	.id = VIEW_DEFECTS,
	.init = defects_init,
	.done = defects_done,
	.enter = defects_enter,
	.reload = defects_reload,
	.draw = defects_draw,
	.handle = defects_handle,
	.click = defects_click,
	.hint = defects_hint,
};

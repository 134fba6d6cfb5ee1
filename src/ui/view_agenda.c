/*
 * The agenda: what is due, in the order of agenda.h (detractor follow-ups,
 * "try again on" dates reached, post-sale check-ins, problems to report
 * back; within each the oldest first, then the account's priority). Enter
 * opens the account, b its brief.
 *
 * The view holds only what it has shown: entering it fetches the rows on
 * screen and a page ahead, to the end of the last one's due day (a page of
 * db_agenda(), which costs about its own rows), and moving down fetches the
 * next days before the selection gets there. The header's counts per kind are capped
 * (db_agenda_count()), since counting a large book's whole agenda costs
 * what listing it does. Last goes to the last row held (and fetches the
 * page after it). What was written meanwhile (here, by a form, or by another
 * program) or a new owner makes every view forget its rows (ACT_RELOAD,
 * invalidate_all() in ui.c): the view then refetches as many rows as it
 * held, from the first, so what was done drops off; coming back to it with
 * nothing changed costs nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "acctplan/loop.h"
#include "acctplan/xalloc.h"

/* Counts per kind stop here; the header shows "100+". */
#define AGENDA_COUNT_CAP 100

struct agenda_row {
	struct agenda_item item; /* the strings below; enough to fetch after it */
	char *account, *owner, *detail;
};

static struct agenda_view {
	struct list list;
	struct agenda_row *rows;
	size_t n, cap;
	bool more; /* the agenda may go on past rows[n - 1] */
	bool stale;
	size_t count[AGENDA_KIND_COUNT]; /* items of each kind, at most... */
	bool plus[AGENDA_KIND_COUNT];    /* ...or more: the count stopped at its cap */
} G;

static void row_done(void *p)
{
	struct agenda_row *r = p;

	free(r->account);
	free(r->owner);
	free(r->detail);
}

static void free_rows(void)
{
	list_rows_free(G.rows, G.n, sizeof(*G.rows), row_done);
	G.rows = NULL;
	G.n = G.cap = 0;
	G.more = true;
}

static int got_item(const struct agenda_item *it, void *ctx)
{
	struct agenda_row *r;

	(void)ctx;
	G.rows = xgrow(G.rows, &G.cap, G.n + 1, sizeof(*G.rows));
	r = &G.rows[G.n++];
	r->item = *it;
	r->item.account = r->account = xstrdup(it->account ? it->account : "");
	r->item.owner = r->owner = xstrdup(it->owner ? it->owner : "");
	{
		struct strbuf sb;
		strbuf_init(&sb);
		fmt_agenda_detail(&sb, it);
		r->detail = strbuf_detach(&sb);
		strbuf_done(&sb);
	}
	/* the item's other strings were borrowed for the callback only */
	r->item.text = r->item.contact = r->item.on = r->item.good_time = r->item.reason = NULL;
	return 0;
}

/* Fetches rows until `want` are held or the agenda ends, and FETCH_PAGES
 * pages at least, so that moving down fetches once in a while: each fetch
 * starts after the last row held, so it sorts that row's day again (on a
 * million-account book, some 2,800 detractors a day, some 30 M
 * instructions), passing the rows up to it on their sort keys alone. Two
 * pages: the first open fetches what list_ahead() wants (the screen and a
 * page), and a fetch costs its rows besides that sort, so four pages made
 * each one the slowest key (callgrind, 200x60: first open 52 M and a
 * fetching PgDn 45 M at a million, against 48 M and 40 M with two). */
#define FETCH_PAGES 2
static void fetch(struct ui *ui, size_t want)
{
	struct agenda_filter f = {0};
	struct agenda_item last; /* a copy: the rows move as they grow */
	size_t had = G.n, page = (size_t)(G.list.height > 0 ? G.list.height : 1);

	if (!G.more || G.n >= want)
		return;
	f.owner = ui_owner(ui);
	if (G.n) {
		last = G.rows[G.n - 1].item;
		f.after = &last;
	}
	f.limit = want - G.n > FETCH_PAGES * page ? want - G.n : FETCH_PAGES * page;
	if (db_agenda(ui->db, ui->rules, ui->today, &f, got_item, NULL) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		G.more = false;
		return;
	}
	G.more = G.n - had >= f.limit;
}

/* The header's counts: a kind the rows held go past is counted by them,
 * the others by db_agenda_count(), capped. */
static void count_kinds(struct ui *ui)
{
	struct agenda_filter f = {0};
	size_t held[AGENDA_KIND_COUNT] = {0}, i;
	int k, past = G.n ? (int)G.rows[G.n - 1].item.kind : -1;
	unsigned ask = 0;

	for (i = 0; i < G.n; i++)
		held[G.rows[i].item.kind]++;
	for (k = 0; k < AGENDA_KIND_COUNT; k++) {
		G.count[k] = held[k];
		G.plus[k] = false;
		if (G.more && k >= past) {
			if (held[k] >= AGENDA_COUNT_CAP)
				G.plus[k] = true;
			else
				ask |= 1u << k;
		}
	}
	if (!ask)
		return;
	f.owner = ui_owner(ui);
	if (db_agenda_count(ui->db, ui->rules, ui->today, &f, ask, AGENDA_COUNT_CAP, G.count) !=
	    STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		return;
	}
	for (k = 0; k < AGENDA_KIND_COUNT; k++)
		if (ask & 1u << k)
			G.plus[k] = G.count[k] >= AGENDA_COUNT_CAP;
}

/* The first page's day of follow-ups is read on the other core while the
 * board shows: on a million-account book some 2,900 detractors, 24 M
 * instructions that the view's first open would otherwise wait for. */
static void agenda_ahead(struct ui *ui)
{
	if (!ui_owner(ui))
		db_agenda_ahead(ui->db, ui->rules, ui->today);
}

static void agenda_reload(struct ui *ui)
{
	G.list.height = ui->view_h - 2 > 0 ? ui->view_h - 2 : 1;
	if (G.stale) {
		size_t want = list_ahead(&G.list) > G.n ? list_ahead(&G.list) : G.n;

		free_rows();
		G.stale = false;
		fetch(ui, want);
		count_kinds(ui);
	} else {
		fetch(ui, list_ahead(&G.list));
	}
	list_set(&G.list, G.n, ui->view_h - 2);
}

static int kind_elem(enum agenda_kind k)
{
	switch (k) {
	case AGENDA_FOLLOWUP:
		return THEME_DETRACTOR;
	case AGENDA_NEXT_CONTACT:
		return THEME_KEY;
	case AGENDA_CHECKIN:
		return THEME_PROMOTER;
	default:
		return THEME_HOLD;
	}
}

static void agenda_draw(struct ui *ui)
{
	int y = ui->view_y, r, k, x;
	int wdue = 10, wlate = 9, wkind = 20, wacct, wowner = 15, wdetail, xs[6];
	char buf[64];
	size_t total = 0;
	bool capped = false;

	for (k = 0; k < AGENDA_KIND_COUNT; k++) {
		total += G.count[k];
		capped |= G.plus[k];
	}
	x = 1 +
	    draw_printf(ui, y, 1, ui->cols - 2, THEME_TITLE, "%zu%s due", total, capped ? "+" : "");
	for (k = 0; k < AGENDA_KIND_COUNT; k++) {
		snprintf(buf, sizeof(buf), "  %s %zu%s", agenda_kind_title((enum agenda_kind)k),
			 G.count[k], G.plus[k] ? "+" : "");
		x += draw_text(ui, y, x, ui->cols - x - 1, buf,
			       G.count[k] ? kind_elem((enum agenda_kind)k) : THEME_DIM, false);
	}
	draw_owner(ui, y, x);
	y++;
	if (ui->cols < 110)
		wowner = 0;
	wacct = (ui->cols - 2 - wdue - wlate - wkind - wowner - 5) / 2;
	if (wacct > 36)
		wacct = 36;
	xs[0] = 1;
	xs[1] = xs[0] + wdue + 1;
	xs[2] = xs[1] + wlate + 1;
	xs[3] = xs[2] + wkind + 1;
	xs[4] = xs[3] + wacct + 1;
	xs[5] = xs[4] + (wowner ? wowner + 1 : 0);
	wdetail = ui->cols - 1 - xs[5];
	draw_text(ui, y, xs[0], wdue, "Due", THEME_HEADER, true);
	draw_text_right(ui, y, xs[1], wlate, "Late", THEME_HEADER);
	draw_text(ui, y, xs[2], wkind, "What", THEME_HEADER, true);
	draw_text(ui, y, xs[3], wacct, "Account", THEME_HEADER, true);
	if (wowner)
		draw_text(ui, y, xs[4], wowner, "Owner", THEME_HEADER, true);
	draw_text(ui, y, xs[5], wdetail, "Detail", THEME_HEADER, true);
	y++;
	for (r = 0; r < G.list.height && G.list.top + (size_t)r < G.n; r++) {
		const struct agenda_item *it = &G.rows[G.list.top + (size_t)r].item;
		bool sel = G.list.top + (size_t)r == G.list.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL, late = ui->today - it->due;
		char day[DATE_LEN];

		draw_fill(ui, y + r, 0, ui->cols, base);
		date_format(it->due, day);
		if (late > 0)
			snprintf(buf, sizeof(buf), "%d day%s", late, late == 1 ? "" : "s");
		else if (late == 0)
			snprintf(buf, sizeof(buf), "today");
		else
			snprintf(buf, sizeof(buf), "in %d", -late);
		draw_text(ui, y + r, xs[0], wdue, day, base, false);
		draw_text_right(ui, y + r, xs[1], wlate, buf,
				sel        ? base
				: late > 0 ? THEME_WARNING
					   : THEME_NORMAL);
		draw_text(ui, y + r, xs[2], wkind, agenda_kind_title(it->kind),
			  sel ? base : kind_elem(it->kind), false);
		draw_text(ui, y + r, xs[3], wacct, it->account, base, false);
		if (wowner)
			draw_text(ui, y + r, xs[4], wowner, it->owner, sel ? base : THEME_DIM,
				  false);
		draw_text(ui, y + r, xs[5], wdetail, G.rows[G.list.top + (size_t)r].detail,
			  sel ? base : THEME_DIM, false);
	}
	if (!G.n)
		draw_text(ui, y, 1, ui->cols - 2, "Nothing is due today.", THEME_DIM, false);
}

static int64_t selected(void)
{
	return G.list.sel < G.n ? G.rows[G.list.sel].item.account_id : 0;
}

static int agenda_handle(struct ui *ui, int action)
{
	if (list_is_move(action)) {
		/* hold the rows the move can reach before making it */
		fetch(ui, list_reach(&G.list, action));
		list_set(&G.list, G.n, G.list.height);
		return list_move(&G.list, action);
	}
	if (action == ACT_RELOAD)
		G.stale = true;
	/* Enter and b on the selected account */
	return ui_account_action(ui, action, selected());
}

static int agenda_click(struct ui *ui, int y, int x, bool twice)
{
	return list_click_open(ui, &G.list, y - ui->view_y - 2, twice, agenda_handle);
}

static const char *agenda_hint(struct ui *ui)
{
	static const struct hint h[] = {
		HINT2(ACT_UP, ACT_DOWN, "move"), HINT(ACT_OPEN, "open the account"),
		HINT(ACT_BRIEF, "brief"),        HINT(ACT_DEFECTS, "defects"),
		HINT(ACT_BOARD, "board"),        HINT(ACT_HELP, "help"),
	};

	return UI_HINT(ui, VIEW_AGENDA, h);
}

static void agenda_init(struct ui *ui)
{
	memset(&G, 0, sizeof(G));
	list_init(&G.list);
	G.stale = true;
}

static void agenda_done(struct ui *ui)
{
	free_rows();
}

const struct view_ops view_agenda_ops = {
	.id = VIEW_AGENDA,
	.init = agenda_init,
	.ahead = agenda_ahead,
	.done = agenda_done,
	.reload = agenda_reload,
	.draw = agenda_draw,
	.handle = agenda_handle,
	.click = agenda_click,
	.hint = agenda_hint,
};

/*
 * The plays (playbook.h): every play of the rules and of the CRM, each go
 * or wait with why, in the accounts' priority order, as `acctplan plays`
 * lists them. f steps the status shown (all, go, wait), o and O the owner;
 * Enter opens the account, b its brief.
 *
 * The view holds only what it has shown: entering it reads accounts a page
 * at a time (playbook_walk() from after the last one read) until a screen
 * is held, and moving down reads on before the selection gets there. A
 * filter that leaves few plays reads more accounts for them.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "acctplan/playbook.h"
#include "acctplan/xalloc.h"

/* Accounts read per call: a page of plays is about as many. */
#define PLAYS_PAGE_ACCOUNTS 64

struct play_line {
	int64_t account_id;
	char *account, *owner, *play, *why;
	bool go;
	int since, until;
};

static struct plays_view {
	struct list list;
	struct play_line *rows;
	size_t n, cap;
	bool more;  /* accounts may follow the last one read */
	bool stale; /* fetch again from the first */
	int wait;   /* -1 all, 0 go, 1 wait */
	/* the last account read: the next page starts after it */
	struct priority last_priority;
	int64_t last_id;
	char *last_name;
} P;

static void line_done(void *p)
{
	struct play_line *l = p;

	free(l->account);
	free(l->owner);
	free(l->play);
	free(l->why);
}

static void free_rows(void)
{
	list_rows_free(P.rows, P.n, sizeof(*P.rows), line_done);
	P.rows = NULL;
	P.n = P.cap = 0;
	P.more = true;
	free(P.last_name);
	P.last_name = NULL;
}

static int got_play(const struct play_row *r, void *ctx)
{
	struct play_line *l;
	char w[48];

	(void)ctx;
	P.rows = xgrow(P.rows, &P.cap, P.n + 1, sizeof(*P.rows));
	l = &P.rows[P.n++];
	l->account_id = r->account->id;
	l->account = xstrdup(r->account->name);
	l->owner = xstrdup(r->account->owner);
	l->play = r->kind == PLAY_CRM ? xasprintf("%s: %s", r->source, r->play)
				      : xstrdup(play_kind_title(r->kind));
	l->go = r->gate.wait == PLAY_GO;
	fmt_word(w, sizeof(w), play_wait_name(r->gate.wait));
	l->why = l->go ? xstrdup("") : xasprintf("%s%s%s", w, *r->detail ? ": " : "", r->detail);
	l->since = r->since;
	l->until = r->gate.until;
	return 0;
}

/* Reads accounts until `want` plays are held or the book ends. */
static void fetch(struct ui *ui, size_t want)
{
	struct playbook_filter f = {.wait = P.wait, .limit = PLAYS_PAGE_ACCOUNTS};
	struct playbook_progress p;
	struct play_after after;

	f.owner = ui_owner(ui);
	while (P.more && P.n < want) {
		if (P.last_name) {
			after.priority = P.last_priority;
			after.name = P.last_name;
			after.id = P.last_id;
			f.after = &after;
		}
		if (playbook_walk(ui->db, ui->rules, &ui->app->config.seasons, ui->today, &f,
				  got_play, NULL, &p) != STATUS_OK) {
			ui_message(ui, THEME_WARNING, "%s", status_detail());
			free(p.name);
			P.more = false;
			return;
		}
		P.more = p.read >= PLAYS_PAGE_ACCOUNTS;
		if (p.name) {
			free(P.last_name);
			P.last_name = p.name;
			P.last_priority = p.priority;
			P.last_id = p.id;
		}
	}
}

/* The plays a screen needs: those from the top to the bottom row, and
 * one more to know whether more follow. A page of accounts costs a few
 * lookups each, so the view reads what the screen shows, not the pages
 * ahead list_ahead() would hold: a move reads on when it gets there. */
static size_t screen_want(void)
{
	return P.list.top + (size_t)(P.list.height > 0 ? P.list.height : 1) + 1;
}

/* The plays a move needs before it is made. */
static size_t move_want(int action)
{
	size_t h = (size_t)(P.list.height > 0 ? P.list.height : 1);

	switch (action) {
	case ACT_DOWN:
		return P.list.sel + 2 > screen_want() + 1 ? P.list.sel + 2 : screen_want() + 1;
	case ACT_PAGE_DOWN:
		return screen_want() + h;
	default:
		return list_reach(&P.list, action);
	}
}

static void plays_reload(struct ui *ui)
{
	P.list.height = ui->view_h - 2 > 0 ? ui->view_h - 2 : 1;
	if (P.stale) {
		size_t want = screen_want() > P.n ? screen_want() : P.n;

		free_rows();
		P.stale = false;
		fetch(ui, want);
	} else {
		fetch(ui, screen_want());
	}
	list_set(&P.list, P.n, ui->view_h - 2);
}

static const char *status_title(void)
{
	return P.wait < 0    ? "every play"
	       : P.wait == 0 ? "the plays that go"
			     : "the plays that wait";
}

static void plays_draw(struct ui *ui)
{
	int y = ui->view_y, r, x, wstat = 6, wacct, wowner = 16, wplay = 18, wsince = 10, wwhy,
	    xs[6];
	char day[DATE_LEN], buf[96];

	x = 1 + draw_printf(ui, y, 1, ui->cols - 2, THEME_TITLE, "Plays: %s", status_title());
	snprintf(buf, sizeof(buf), "  %zu%s shown", P.n, P.more ? "+" : "");
	x += draw_text(ui, y, x, ui->cols - x - 1, buf, THEME_DIM, false);
	draw_owner(ui, y, x);
	y++;
	/* narrow: the why before the owner and the day the play arose */
	if (ui->cols < 120)
		wowner = 0;
	if (ui->cols < 100)
		wsince = 0;
	wacct = (ui->cols - 2 - wstat - wowner - wplay - wsince - 5) / 2;
	if (wacct > 32)
		wacct = 32;
	xs[0] = 1;
	xs[1] = xs[0] + wstat + 1;
	xs[2] = xs[1] + wacct + 1;
	xs[3] = xs[2] + (wowner ? wowner + 1 : 0);
	xs[4] = xs[3] + wplay + 1;
	xs[5] = xs[4] + (wsince ? wsince + 1 : 0);
	wwhy = ui->cols - 1 - xs[5];
	draw_text(ui, y, xs[0], wstat, "Status", THEME_HEADER, true);
	draw_text(ui, y, xs[1], wacct, "Account", THEME_HEADER, true);
	if (wowner)
		draw_text(ui, y, xs[2], wowner, "Owner", THEME_HEADER, true);
	draw_text(ui, y, xs[3], wplay, "Play", THEME_HEADER, true);
	if (wsince)
		draw_text(ui, y, xs[4], wsince, "Since", THEME_HEADER, true);
	if (wwhy > 0)
		draw_text(ui, y, xs[5], wwhy, "Why it waits (until)", THEME_HEADER, true);
	y++;
	for (r = 0; r < P.list.height && P.list.top + (size_t)r < P.n; r++) {
		const struct play_line *l = &P.rows[P.list.top + (size_t)r];
		bool sel = P.list.top + (size_t)r == P.list.sel;
		int base = sel ? THEME_SELECTION : THEME_NORMAL;

		draw_fill(ui, y + r, 0, ui->cols, base);
		draw_text(ui, y + r, xs[0], wstat, l->go ? "go" : "WAIT",
			  sel     ? base
			  : l->go ? THEME_PROMOTER
				  : THEME_HOLD,
			  false);
		draw_text(ui, y + r, xs[1], wacct, l->account, base, false);
		if (wowner)
			draw_text(ui, y + r, xs[2], wowner, l->owner, sel ? base : THEME_DIM,
				  false);
		draw_text(ui, y + r, xs[3], wplay, l->play, sel ? base : THEME_KEY, false);
		if (wsince && l->since >= 0) {
			date_format(l->since, day);
			draw_text(ui, y + r, xs[4], wsince, day, sel ? base : THEME_DIM, false);
		}
		if (wwhy > 0 && !l->go) {
			char *why;

			if (l->until >= 0) {
				date_format(l->until, day);
				why = xasprintf("%s (until %s)", l->why, day);
			} else {
				why = xstrdup(l->why);
			}
			draw_text(ui, y + r, xs[5], wwhy, why, sel ? base : THEME_NORMAL, false);
			free(why);
		}
	}
	if (!P.n)
		draw_text(ui, y, 1, ui->cols - 2,
			  P.wait == 0   ? "No play goes now."
			  : P.wait == 1 ? "No play waits."
					: "No plays: no account offers one now.",
			  THEME_DIM, false);
}

static int64_t selected(void)
{
	return P.list.sel < P.n ? P.rows[P.list.sel].account_id : 0;
}

/* Another filter: the list from its top, read afresh (what was held is no
 * measure of what to hold). */
static int restart(void)
{
	free_rows();
	P.stale = true;
	list_init(&P.list);
	return REACT_RELOAD;
}

static int plays_handle(struct ui *ui, int action)
{
	if (list_is_move(action)) {
		/* hold the rows the move can reach before making it */
		fetch(ui, move_want(action));
		list_set(&P.list, P.n, P.list.height);
		return list_move(&P.list, action);
	}
	switch (action) {
	case ACT_STATUS_NEXT:
		P.wait = P.wait == 1 ? -1 : P.wait + 1;
		ui_message(ui, THEME_STATUS, "Showing %s", status_title());
		return restart();
	case ACT_OWNER_NEXT:
	case ACT_OWNER_PREV:
		ui_owner_step(ui, action);
		return restart();
	case ACT_RELOAD:
		P.stale = true;
		return REACT_PASS;
	default: /* Enter and b on the selected account */
		return ui_account_action(ui, action, selected());
	}
}

static int plays_click(struct ui *ui, int y, int x, bool twice)
{
	(void)x;
	return list_click_open(ui, &P.list, y - ui->view_y - 2, twice, plays_handle);
}

static const char *plays_hint(struct ui *ui)
{
	static const struct hint h[] = {
		HINT(ACT_STATUS_NEXT, "go/wait"), HINT(ACT_OWNER_NEXT, "owner"),
		HINT(ACT_OPEN, "open"),           HINT(ACT_BRIEF, "brief"),
		HINT(ACT_WINBACK, "win-back"),    HINT(ACT_BOARD, "board"),
		HINT(ACT_HELP, "help"),
	};

	return UI_HINT(ui, VIEW_PLAYS, h);
}

static void plays_init(struct ui *ui)
{
	(void)ui;
	memset(&P, 0, sizeof(P));
	list_init(&P.list);
	P.wait = -1;
	P.stale = true;
}

static void plays_done(struct ui *ui)
{
	(void)ui;
	free_rows();
}

const struct view_ops view_plays_ops = {
	.id = VIEW_PLAYS,
	.init = plays_init,
	.done = plays_done,
	.reload = plays_reload,
	.draw = plays_draw,
	.handle = plays_handle,
	.click = plays_click,
	.hint = plays_hint,
};

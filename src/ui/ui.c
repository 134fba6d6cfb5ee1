/*
 * The console: terminal setup, the main loop and the view stack.
 *
 * Invariants: the database is opened (or refused with one line on stderr)
 * before curses starts; every frame is drawn whole into stdscr and sent with
 * one refresh(), so ncurses sends only the difference; resizes arrive as
 * KEY_RESIZE through the input queue, never from a signal handler.
 *
 * ACCTPLAN_SCRIPT=FILE runs headless for tests and the benchmark: the
 * terminal is /dev/null at ACCTPLAN_SCRIPT_SIZE (COLSxROWS, default
 * 200x60), keys come from FILE one per line (key names as in config.yaml;
 * ":type TEXT" types text, ":resize COLSxROWS" resizes), and each finished
 * frame is logged to stderr with the time it took.
 */
#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "hint.h"
#include "acctplan/edits.h"
#include "acctplan/progress.h"
#include "acctplan/lists.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

extern const char ui_default_keys[];
extern const unsigned long ui_default_keys_len;

static bool curses_on;

static void ui_fatal_hook(void)
{
	if (curses_on) {
		endwin();
		curses_on = false;
	}
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- services for the views ----------------------------------------------- */

void ui_push(struct ui *ui, const struct view_ops *v)
{
	if (ui->depth < UI_STACK_MAX)
		ui->stack[ui->depth++] = v;
	if (v->enter)
		v->enter(ui);
}

void ui_push_below(struct ui *ui, const struct view_ops *v)
{
	if (ui->depth >= 1 && ui->depth < UI_STACK_MAX) {
		ui->stack[ui->depth] = ui->stack[ui->depth - 1];
		ui->stack[ui->depth - 1] = v;
		ui->depth++;
	}
}

void ui_drop_below(struct ui *ui)
{
	if (ui->depth > 2) {
		ui->stack[ui->depth - 2] = ui->stack[ui->depth - 1];
		ui->depth--;
	}
}

void ui_message(struct ui *ui, int elem, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	va_end(ap);
	ui->message_elem = elem;
}

const char *ui_owner(const struct ui *ui)
{
	return ui->owner_name;
}

static void invalidate_all(struct ui *ui);

void ui_owner_clear(struct ui *ui)
{
	free(ui->owner_name);
	ui->owner_name = NULL;
	ui->owner = -1;
}

/* A new owner: every view forgets its rows, as a write makes them. */
void ui_owner_step(struct ui *ui, int action)
{
	int n, i, dir = action == ACT_OWNER_NEXT ? 1 : -1;

	ui_owners(ui);
	n = (int)ui->nowners + 1;
	i = ((ui->owner + 1 + dir) % n + n) % n;
	ui_owner_clear(ui);
	if (i > 0) {
		ui->owner = i - 1;
		ui->owner_name = xstrdup(ui->owners[i - 1]);
	}
	invalidate_all(ui);
	if (ui_owner(ui))
		ui_message(ui, THEME_STATUS, "Owner: %s", ui_owner(ui));
	else
		ui_message(ui, THEME_STATUS, "Owner: everyone");
}

int ui_account_action(struct ui *ui, int action, int64_t account)
{
	if (action != ACT_OPEN && action != ACT_BRIEF)
		return REACT_PASS;
	if (!account)
		return REACT_NONE;
	if (action == ACT_OPEN)
		view_account_open(ui, account);
	else
		view_brief_open(ui, account);
	return REACT_RELOAD;
}

static int add_owner(const char *owner, void *ctx)
{
	struct ui *ui = ctx;

	ui->owners = xgrow(ui->owners, &ui->owners_cap, ui->nowners + 1, sizeof(*ui->owners));
	ui->owners[ui->nowners++] = xstrdup(owner);
	return ui->nowners >= 10000; /* a lead walks managers, not a phone book */
}

static void add_warning(struct ui *ui, const char *w)
{
	ui->warnings =
		xgrow(ui->warnings, &ui->warnings_cap, ui->nwarnings + 1, sizeof(*ui->warnings));
	ui->warnings[ui->nwarnings++] = xstrdup(w);
}

/* ---- keys ----------------------------------------------------------------- */

static void load_keys(struct ui *ui)
{
	struct config defaults;
	size_t i;

	config_init(&defaults);
	config_load_string(&defaults, "default-keys.yaml", ui_default_keys, ui_default_keys_len);
	keymap_init(&ui->keys);
	keymap_apply(&ui->keys, defaults.bindings, defaults.nbindings, &defaults);
	/* the defaults are ours: a problem in them is a bug */
	for (i = 0; i < defaults.nwarnings; i++)
		add_warning(ui, defaults.warnings[i]);
	config_done(&defaults);
	{
		struct config w;

		config_init(&w);
		keymap_apply(&ui->keys, ui->app->config.bindings, ui->app->config.nbindings, &w);
		for (i = 0; i < w.nwarnings; i++) {
			char *msg = xasprintf("%s (the default binding stays)", w.warnings[i]);
			add_warning(ui, msg);
			free(msg);
		}
		config_done(&w);
	}
}

/* curses key codes to keys.h keys; -1 for none. */
static int map_curses_key(int r, wint_t ch)
{
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			return KEYS_UP;
		case KEY_DOWN:
			return KEYS_DOWN;
		case KEY_LEFT:
			return KEYS_LEFT;
		case KEY_RIGHT:
			return KEYS_RIGHT;
		case KEY_PPAGE:
			return KEYS_PGUP;
		case KEY_NPAGE:
			return KEYS_PGDN;
		case KEY_HOME:
			return KEYS_HOME;
		case KEY_END:
			return KEYS_END;
		case KEY_IC:
			return KEYS_INSERT;
		case KEY_DC:
			return KEYS_DELETE;
		case KEY_BACKSPACE:
			return KEYS_BACKSPACE;
		case KEY_ENTER:
			return KEYS_ENTER;
		case KEY_BTAB:
			return KEYS_BTAB;
		default:
			if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(24))
				return KEYS_F0 + (int)(ch - KEY_F0);
			return -1;
		}
	}
	return ch == 0 ? -1 : keys_control((int)ch);
}

/* ---- the script (headless) mode ------------------------------------------ */

/* A second without a key: the main loop's idle work (idle_check(), the
 * check ahead) runs. */
#define IDLE_MS 1000

struct script {
	FILE *f;
	char line[4096];
	const char *typing; /* rest of a ":type" line */
	long wait_ms;       /* rest of a ":wait" pause */
	bool done;
};

/* Sleeps ms milliseconds. */
static void pause_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000L};

	nanosleep(&ts, NULL);
}

enum { EV_KEY, EV_RESIZE, EV_MOUSE, EV_NONE, EV_END };

struct event {
	int kind;
	int key;
	char name[64];
	MEVENT mouse;
};

static void script_next(struct ui *ui, struct script *s, struct event *ev)
{
	ev->kind = EV_NONE;
	/* a pause goes by as a user's does: a second without a key is a tick
	 * of the main loop's idle work */
	if (s->wait_ms > 0) {
		long ms = s->wait_ms < IDLE_MS ? s->wait_ms : IDLE_MS;

		pause_ms(ms);
		s->wait_ms -= ms;
		if (ms == IDLE_MS) {
			snprintf(ev->name, sizeof(ev->name), "idle");
			return;
		}
	}
	while (!s->done) {
		if (s->typing && *s->typing) {
			uint32_t cp;
			size_t k = utf8_decode(s->typing, strlen(s->typing), &cp);
			ev->kind = EV_KEY;
			ev->key = (int)cp;
			snprintf(ev->name, sizeof(ev->name), "type");
			s->typing += k;
			return;
		}
		s->typing = NULL;
		if (!fgets(s->line, sizeof(s->line), s->f)) {
			s->done = true;
			break;
		}
		s->line[strcspn(s->line, "\r\n")] = '\0';
		if (!s->line[0] || s->line[0] == '#')
			continue;
		if (!strncmp(s->line, ":type ", 6)) {
			s->typing = s->line + 6;
			continue;
		}
		if (!strncmp(s->line, ":wait ", 6)) {
			/* a pause, as a user reading the screen makes */
			s->wait_ms = atol(s->line + 6);
			return script_next(ui, s, ev);
		}
		if (!strncmp(s->line, ":resize ", 8)) {
			int c, r;
			if (sscanf(s->line + 8, "%dx%d", &c, &r) == 2 && c > 0 && r > 0) {
				resizeterm(r, c);
				ev->kind = EV_RESIZE;
				snprintf(ev->name, sizeof(ev->name), "resize");
				return;
			}
			continue;
		}
		if (!strncmp(s->line, ":click ", 7)) {
			int x, y;
			if (sscanf(s->line + 7, "%d %d", &x, &y) == 2) {
				memset(&ev->mouse, 0, sizeof(ev->mouse));
				ev->mouse.x = x;
				ev->mouse.y = y;
				ev->mouse.bstate = BUTTON1_CLICKED;
				ev->kind = EV_MOUSE;
				snprintf(ev->name, sizeof(ev->name), "click");
				return;
			}
			continue;
		}
		if (keys_parse(s->line, &ev->key)) {
			ev->kind = EV_KEY;
			snprintf(ev->name, sizeof(ev->name), "%.60s", s->line);
			return;
		}
		ui_message(ui, THEME_WARNING, "script: unknown key \"%.40s\"", s->line);
	}
	ev->kind = EV_END;
}

static void read_event(struct ui *ui, struct event *ev)
{
	wint_t ch;
	int r;

	ev->kind = EV_NONE;
	ev->name[0] = '\0';
	r = get_wch(&ch);
	if (r == ERR)
		return;
	if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
		ev->kind = EV_RESIZE;
		return;
	}
	if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
		if (getmouse(&ev->mouse) == OK)
			ev->kind = EV_MOUSE;
		return;
	}
	ev->key = map_curses_key(r, ch);
	if (ev->key == KEYS_ESC) {
		/* ESC then a key at once: M-key */
		wint_t next;
		int r2;
		nodelay(stdscr, TRUE);
		r2 = get_wch(&next);
		timeout(1000); /* back to idle_check()'s second */
		if (r2 != ERR) {
			int k = map_curses_key(r2, next);
			if (k >= 0 &&
			    !(r2 == KEY_CODE_YES && (next == KEY_RESIZE || next == KEY_MOUSE)))
				ev->key = k | KEYS_META;
			else
				unget_wch(next);
		}
	}
	if (ev->key >= 0)
		ev->kind = EV_KEY;
}

/* ---- frames ------------------------------------------------------------------ */

static const struct view_ops *top_view(struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

static void layout(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
	ui->view_y = 1;
	ui->view_h = ui->rows - 2;
}

struct notice_ctx {
	struct ui *ui;
	int y;
};

static void notice_line(const char *line, void *ctx)
{
	struct notice_ctx *n = ctx;

	if (n->y < n->ui->rows)
		draw_text(n->ui, n->y++, 0, n->ui->cols, line, THEME_WARNING, true);
}

static void draw_too_small(struct ui *ui)
{
	char msg[256];
	struct notice_ctx n = {ui, 0};

	snprintf(
		msg, sizeof(msg),
		"Terminal too small: %dx%d. acctplan needs at least %dx%d. Enlarge it, or press q to quit.",
		ui->cols, ui->rows, UI_MIN_COLS, UI_MIN_ROWS);
	draw_wrap(msg, ui->cols, notice_line, &n);
}

static void draw_title(struct ui *ui)
{
	char day[DATE_LEN], right[160];
	const struct view_ops *v = top_view(ui);
	int w;

	date_format(ui->today, day);
	draw_fill(ui, 0, 0, ui->cols, THEME_STATUS);
	w = draw_printf(ui, 0, 0, ui->cols, THEME_STATUS, " acctplan · %s", view_title(v->id));
	snprintf(right, sizeof(right), "%s%s  %s ", ui_owner(ui) ? "Owner: " : "",
		 ui_owner(ui) ? ui_owner(ui) : "", day);
	{
		int rw = text_width(right);
		if (rw > ui->cols - w - 1)
			rw = ui->cols - w - 1;
		if (rw > 0)
			draw_text(ui, 0, ui->cols - rw, rw, right, THEME_STATUS, false);
	}
}

static void draw_status(struct ui *ui)
{
	const struct view_ops *v = top_view(ui);
	const char *hint = v->hint ? v->hint(ui) : NULL;
	int y = ui->rows - 1, x = 0, right = ui->cols;

	draw_fill(ui, y, 0, ui->cols, THEME_STATUS);
	if (db_is_readonly(ui->db))
		x += draw_text(ui, y, x, ui->cols, " READ-ONLY ", THEME_WARNING, false) + 1;
	/* the warnings stay in sight until read: W lists them all */
	if (ui->nwarnings && ui->cols > 60) {
		char w[64], k[32];
		snprintf(w, sizeof(w), " %zu warning%s: %s ", ui->nwarnings,
			 ui->nwarnings == 1 ? "" : "s",
			 ui_key_for(ui, top_view(ui)->id, ACT_WARNINGS, k, sizeof(k)));
		right = ui->cols - text_width(w);
		draw_text(ui, y, right, ui->cols - right, w, THEME_WARNING, false);
	}
	if (ui->message[0])
		draw_text(ui, y, x, right - x - 1, ui->message, ui->message_elem, false);
	else if (hint)
		draw_text(ui, y, x, right - x - 1, hint, THEME_STATUS, false);
}

static void draw_frame(struct ui *ui)
{
	erase();
	layout(ui);
	if (ui->too_small) {
		draw_too_small(ui);
	} else {
		top_view(ui)->draw(ui);
		if (ui->overlay)
			help_draw(ui);
		draw_title(ui);
		draw_status(ui);
	}
	refresh();
}

void ui_draw_now(struct ui *ui)
{
	draw_frame(ui);
}

static void reload_top(struct ui *ui)
{
	layout(ui);
	if (!ui->too_small && top_view(ui)->reload)
		top_view(ui)->reload(ui);
}

/* ---- actions -------------------------------------------------------------- */

static const struct view_ops *const all_views[] = {
	&view_board_ops,   &view_scatter_ops, &view_accounts_ops, &view_account_ops,
	&view_brief_ops,   &view_agenda_ops,  &view_defects_ops,  &view_form_ops,
	&view_standup_ops, &view_plays_ops,   &view_winback_ops,
};

/* Every view forgets what it fetched, as R makes the top one do: used when
 * the file or the day changed under the console. */
static void load_owners(struct ui *ui);

static void invalidate_all(struct ui *ui)
{
	size_t i;

	for (i = 0; i < sizeof(all_views) / sizeof(*all_views); i++)
		all_views[i]->handle(ui, ACT_RELOAD);
}

/* Takes back the last change made with acctplan (edits.h), and says
 * what it was, or why it cannot. */
static int undo(struct ui *ui)
{
	char stamp[APP_STAMP_LEN];
	struct undo_result r;
	enum status st;

	if (db_is_readonly(ui->db)) {
		ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be undone");
		return REACT_DRAW;
	}
	st = db_undo(ui->db, app_stamp(ui->app, stamp), &r);
	if (st == STATUS_OK)
		ui_message(ui, THEME_STATUS, "Undone: %s", r.summary);
	else if (st == STATUS_NOT_FOUND)
		ui_message(ui, THEME_STATUS, "Nothing to undo");
	else
		ui_message(ui, THEME_WARNING, "%s", status_detail());
	undo_result_done(&r);
	if (st != STATUS_OK)
		return REACT_DRAW;
	ui_written(ui);
	return REACT_RELOAD;
}

void ui_owners(struct ui *ui)
{
	size_t i;

	if (ui->owners_read)
		return;
	ui->owners_read = true;
	db_owners(ui->db, add_owner, ui);
	/* the owner chosen, where the new list has it; gone, the filter
	 * goes with them */
	for (i = 0; ui->owner_name && i < ui->nowners; i++)
		if (strcmp(ui->owners[i], ui->owner_name) == 0)
			break;
	if (ui->owner_name && i == ui->nowners)
		ui_owner_clear(ui);
	else if (ui->owner_name)
		ui->owner = (int)i;
}

/* The owners may have changed: read again when next wanted, and at once
 * while the filter is on, which must know its owner is still there. */
static void load_owners(struct ui *ui)
{
	xfree_strings(ui->owners, ui->nowners);
	ui->owners = NULL;
	ui->nowners = ui->owners_cap = 0;
	ui->owners_read = false;
	if (ui->owner_name)
		ui_owners(ui);
}

void ui_written(struct ui *ui)
{
	bool any = true;

	if (db_refresh(ui->db, ui->rules, ui->today) != STATUS_OK)
		ui_message(ui, THEME_WARNING, "%s", status_detail());
	invalidate_all(ui);
	load_owners(ui);
	db_any_account(ui->db, &any);
	ui->empty = !any;
}

/* A long rebuild inside a refresh (progress.h), shown in the status line:
 * only that line is drawn (the views' rows are being rebuilt under them),
 * about ten times a second. */
static struct {
	struct ui *ui;
	char label[128]; /* the stage whose clock runs */
	double started;  /* ms, when it started */
	double drawn;    /* ms, when the line was last drawn; 0: never */
} progress_line;

static void progress_line_update(void *ctx, const char *label, int64_t done, int64_t total)
{
	struct ui *ui = progress_line.ui;
	double now = now_ms();
	char line[256];

	(void)ctx;
	if (strncmp(progress_line.label, label, sizeof(progress_line.label) - 1) != 0) {
		snprintf(progress_line.label, sizeof(progress_line.label), "%s", label);
		progress_line.started = now;
	} else if (progress_line.drawn > 0 && now - progress_line.drawn < 100) {
		return;
	}
	progress_line.drawn = now;
	if (!ui || ui->too_small)
		return;
	progress_format(line, sizeof(line), label, done, total,
			(now - progress_line.started) / 1000);
	ui_message(ui, THEME_STATUS, "%s", line);
	draw_status(ui);
	refresh();
}

static void progress_line_finish(void *ctx)
{
	struct ui *ui = progress_line.ui;

	(void)ctx;
	if (ui && progress_line.drawn > 0)
		ui->message[0] = '\0';
	progress_line.label[0] = '\0';
	progress_line.drawn = 0;
}

static const struct progress ui_progress = {
	.update = progress_line_update,
	.finish = progress_line_finish,
};

/* Between keys: when another program wrote the file (a CLI note, an
 * import, a sync) or the day turned, bring the standings up to date and
 * every view with them, so the console never shows the file as it was.
 * Returns a reaction for the main loop. */
static int idle_check(struct ui *ui)
{
	int today = ui->today;
	bool day_moved = date_today(&today) == STATUS_OK && today != ui->today;
	enum status st;

	if (!day_moved && !db_changed(ui->db))
		return REACT_NONE;
	if (day_moved) {
		ui->today = today;
		ui->app->today = today;
	}
	if ((st = db_refresh(ui->db, ui->rules, ui->today)) != STATUS_OK)
		ui_message(ui, THEME_WARNING, "%s", status_detail());
	db_changed(ui->db); /* our own refresh is not news */
	invalidate_all(ui);
	load_owners(ui);
	{
		bool any = true;
		db_any_account(ui->db, &any);
		ui->empty = !any;
	}
	if (day_moved) {
		char day[DATE_LEN];
		date_format(ui->today, day);
		ui_message(ui, THEME_STATUS, "A new day: %s", day);
	}
	return REACT_RELOAD;
}

/* A view the keys open from anywhere: straight over the board, whatever
 * was between. */
static int open_from_board(struct ui *ui, const struct view_ops *v)
{
	ui->depth = 1;
	ui_push(ui, v);
	return REACT_RELOAD;
}

static int global_action(struct ui *ui, int action)
{
	switch (action) {
	case ACT_QUIT:
		/* q goes back as Esc does, as in tig and htop; it quits from the
		 * top view only */
		if (ui->depth > 1)
			return global_action(ui, ACT_BACK);
		return REACT_QUIT;
	case ACT_QUIT_ALL:
		return REACT_QUIT;
	case ACT_HELP:
		ui->overlay = OVERLAY_HELP;
		ui->help_top = 0;
		return REACT_DRAW;
	case ACT_WARNINGS:
		ui->overlay = OVERLAY_WARNINGS;
		ui->help_top = 0;
		return REACT_DRAW;
	case ACT_BACK:
		if (ui->depth > 1) {
			ui->depth--;
			if (top_view(ui)->enter)
				top_view(ui)->enter(ui);
			return REACT_RELOAD;
		}
		return REACT_NONE;
	case ACT_BOARD:
		ui->depth = 1;
		if (top_view(ui)->enter)
			top_view(ui)->enter(ui);
		return REACT_RELOAD;
	case ACT_ACCOUNTS:
		return open_from_board(ui, &view_accounts_ops);
	case ACT_AGENDA:
		return open_from_board(ui, &view_agenda_ops);
	case ACT_DEFECTS:
		return open_from_board(ui, &view_defects_ops);
	case ACT_STANDUP:
		return open_from_board(ui, &view_standup_ops);
	case ACT_PLAYS:
		return open_from_board(ui, &view_plays_ops);
	case ACT_WINBACK:
		return open_from_board(ui, &view_winback_ops);
	case ACT_RELOAD: {
		enum status st = db_refresh(ui->db, ui->rules, ui->today);
		if (st != STATUS_OK)
			ui_message(ui, THEME_WARNING, "%s", status_detail());
		else
			ui_message(ui, THEME_STATUS, "Reloaded");
		return REACT_RELOAD;
	}
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return REACT_RELOAD;
	case ACT_UNDO:
		return undo(ui);
	case ACT_SYNC:
		return ui_sync(ui);
	default:
		return REACT_NONE;
	}
}

static int dispatch_key(struct ui *ui, int key)
{
	const struct view_ops *v = top_view(ui);
	int action, r;

	if (ui->too_small) {
		action = keymap_lookup(&ui->keys, VIEW_GLOBAL, key);
		return action == ACT_QUIT || action == ACT_QUIT_ALL ? REACT_QUIT : REACT_NONE;
	}
	if (ui->overlay) {
		action = keymap_lookup(&ui->keys, VIEW_HELP, key);
		if (action == ACT_QUIT_ALL)
			return REACT_QUIT;
		return help_handle(ui, action);
	}
	if (v->key && (r = v->key(ui, key)) >= 0)
		return r;
	action = keymap_lookup(&ui->keys, v->id, key);
	if (action < 0) {
		char name[32], help[32];
		ui_message(ui, THEME_STATUS, "%s: no action here (%s lists the keys)",
			   keys_name(key, name, sizeof(name)),
			   ui_key_for(ui, v->id, ACT_HELP, help, sizeof(help)));
		return REACT_DRAW;
	}
	r = v->handle(ui, action);
	if (r & REACT_PASS)
		r = (r & ~REACT_PASS) | global_action(ui, action);
	return r;
}

static int dispatch_mouse(struct ui *ui, const MEVENT *m)
{
	const struct view_ops *v = top_view(ui);
	static int last_y = -1, last_x = -1;
	static double last_t;
	double t = now_ms();
	bool twice;
	int r, i;

	if (ui->too_small)
		return REACT_NONE;
	if (m->bstate & (BUTTON4_PRESSED)) {
		for (r = 0, i = 0; i < 3; i++)
			r |= ui->overlay ? help_handle(ui, ACT_UP)
					 : v->handle(ui, ACT_UP) & ~REACT_PASS;
		return r | REACT_DRAW;
	}
#ifdef BUTTON5_PRESSED
	if (m->bstate & (BUTTON5_PRESSED)) {
		for (r = 0, i = 0; i < 3; i++)
			r |= ui->overlay ? help_handle(ui, ACT_DOWN)
					 : v->handle(ui, ACT_DOWN) & ~REACT_PASS;
		return r | REACT_DRAW;
	}
#endif
	if (!(m->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)))
		return REACT_NONE;
	if (ui->overlay) {
		ui->overlay = OVERLAY_NONE;
		return REACT_DRAW;
	}
	twice = (m->bstate & BUTTON1_DOUBLE_CLICKED) ||
		(m->y == last_y && m->x == last_x && t - last_t < 400);
	last_y = m->y;
	last_x = m->x;
	last_t = t;
	if (!v->click || m->y < ui->view_y || m->y >= ui->view_y + ui->view_h)
		return REACT_NONE;
	return v->click(ui, m->y, m->x, twice);
}

/* ---- setup ------------------------------------------------------------------ */

/* Opens the database in force; the default file is created, empty, when
 * there is none yet. Prints one line and returns non-zero on failure. */
static int open_db(struct ui *ui)
{
	char *path = app_db_path(ui->app);
	int flags = 0;
	enum status st;

	if (app_default_db(ui->app) && access(path, F_OK) != 0) {
		if (app_mkparent(path) != 0) {
			fprintf(stderr, "acctplan: %s: cannot create its directory: %s\n", path,
				strerror(errno));
			free(path);
			return UI_EXIT_FAIL;
		}
		flags = DB_CREATE;
	} else {
		/* a zero-length file is a new book to start (touch book.db) */
		struct stat sb;

		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0)
			flags = DB_CREATE;
	}
	free(path);
	if ((st = app_open(ui->app, flags, &ui->db)) != STATUS_OK) {
		fprintf(stderr, "acctplan: %s\n", status_detail());
		return UI_EXIT_FAIL;
	}
	return UI_EXIT_OK;
}

static bool is_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8"));
}

static SCREEN *start_terminal(struct ui *ui, bool headless, FILE **out, FILE **in)
{
	const char *term = getenv("TERM");
	SCREEN *scr;

	if (headless) {
		const char *size = getenv("ACCTPLAN_SCRIPT_SIZE");
		int c = 200, r = 60;
		char buf[16];

		if (size)
			sscanf(size, "%dx%d", &c, &r);
		snprintf(buf, sizeof(buf), "%d", c);
		setenv("COLUMNS", buf, 1);
		snprintf(buf, sizeof(buf), "%d", r);
		setenv("LINES", buf, 1);
		*out = fopen("/dev/null", "w");
		*in = fopen("/dev/null", "r");
		if (!*out || !*in)
			return NULL;
		scr = newterm(term && *term ? term : "xterm-256color", *out, *in);
	} else {
		*out = *in = NULL;
		if (!term || !*term) {
			fprintf(stderr, "acctplan: TERM is not set; the console needs a terminal"
					" (the subcommands do not: see acctplan --help)\n");
			return NULL;
		}
		scr = newterm(NULL, stdout, stdin);
	}
	if (!scr) {
		fprintf(stderr,
			"acctplan: cannot use the terminal type \"%.40s\"; try TERM=xterm"
			" or a subcommand (see acctplan --help)\n",
			term ? term : "");
		return NULL;
	}
	set_term(scr);
	/* a terminal that cannot move the cursor (TERM=dumb, a printing
	 * terminal) would draw garbage: say so instead */
	{
		char *cup = tigetstr("cup");
		if (!headless && (cup == NULL || cup == (char *)-1)) {
			endwin();
			delscreen(scr);
			fprintf(stderr,
				"acctplan: the terminal type \"%.40s\" cannot move the cursor;"
				" the console needs one that can (try TERM=xterm), or use a"
				" subcommand (see acctplan --help)\n",
				term);
			return NULL;
		}
	}
	curses_on = true;
	(void)ui;
	return scr;
}

int ui_run(struct app *a)
{
	struct ui ui;
	struct theme theme;
	struct script script = {0};
	const char *script_path = getenv("ACCTPLAN_SCRIPT"), *nc = getenv("NO_COLOR");
	const char *theme_name;
	double t0 = now_ms(), t;
	FILE *tout = NULL, *tin = NULL;
	SCREEN *scr;
	int rc, frame = 0;
	size_t i;

	if (app_setup(a) != STATUS_OK) {
		fprintf(stderr, "acctplan: %s\n", status_detail());
		return UI_EXIT_USAGE;
	}
	memset(&ui, 0, sizeof(ui));
	ui.app = a;
	ui.rules = &a->config.rules;
	ui.today = a->today;
	ui.owner = -1;
	ui.mouse = a->config.mouse;
	if (script_path && *script_path) {
		if (!(script.f = fopen(script_path, "r"))) {
			fprintf(stderr, "acctplan: %s: %s\n", script_path, strerror(errno));
			return UI_EXIT_FAIL;
		}
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "acctplan: the console needs a terminal; for scripts use a"
				" subcommand (see acctplan --help)\n");
		return UI_EXIT_FAIL;
	}
	if ((rc = open_db(&ui)) != UI_EXIT_OK) {
		if (script.f)
			fclose(script.f);
		return rc;
	}
	for (i = 0; i < a->config.nwarnings; i++)
		add_warning(&ui, a->config.warnings[i]);
	load_keys(&ui);
	theme_name = a->theme ? a->theme : a->config.theme ? a->config.theme : "default";
	if (theme_load(&theme, theme_name) != STATUS_OK) {
		char *msg = xasprintf("%s (using the default theme)", status_detail());
		add_warning(&ui, msg);
		free(msg);
	}
	for (i = a->config.nwarnings; i < ui.nwarnings; i++)
		fprintf(stderr, "acctplan: warning: %s\n", ui.warnings[i]);
	load_owners(&ui);
	{
		bool any = true;
		db_any_account(ui.db, &any);
		ui.empty = !any;
	}

	ui.utf8 = is_utf8_locale();
	xalloc_set_fatal_hook(ui_fatal_hook);
	if (!(scr = start_terminal(&ui, script.f != NULL, &tout, &tin))) {
		rc = UI_EXIT_FAIL;
		goto out;
	}
	if (script.f) {
		const char *size = getenv("ACCTPLAN_SCRIPT_SIZE");
		int cc = 200, rr = 60;
		if (size)
			sscanf(size, "%dx%d", &cc, &rr);
		resizeterm(rr, cc);
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Home and End as tmux, screen, rxvt and the Linux console send them,
	 * which many terminfo entries (xterm-256color among them) leave out:
	 * unknown, "ESC [ 4 ~" would arrive as separate keys */
	if (!key_defined("\033[1~"))
		define_key("\033[1~", KEY_HOME);
	if (!key_defined("\033[4~"))
		define_key("\033[4~", KEY_END);
	if (!key_defined("\033[7~"))
		define_key("\033[7~", KEY_HOME);
	if (!key_defined("\033[8~"))
		define_key("\033[8~", KEY_END);
	curs_set(0);
	set_escdelay(25);
	timeout(IDLE_MS); /* a read gives up after a second: idle work runs */
	progress_line.ui = &ui;
	db_set_progress(ui.db, &ui_progress);
	draw_setup_colors(&ui, &theme, nc && *nc);
	if (ui.mouse && !script.f) {
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED |
				  BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
				  | BUTTON5_PRESSED
#endif
			  ,
			  NULL);
		mouseinterval(0);
	}
	if (ui.nwarnings) {
		char k[32];
		ui_message(&ui, THEME_WARNING, "%zu warning%s: %s (%s shows all)", ui.nwarnings,
			   ui.nwarnings == 1 ? "" : "s", ui.warnings[0],
			   ui_key_for(&ui, VIEW_BOARD, ACT_WARNINGS, k, sizeof(k)));
	}

	for (i = 0; i < sizeof(all_views) / sizeof(*all_views); i++)
		if (all_views[i]->init)
			all_views[i]->init(&ui);
	ui.depth = 0;
	ui_push(&ui, &view_board_ops);
	reload_top(&ui);
	draw_frame(&ui);
	if (script.f)
		fprintf(stderr, "frame %d start %.3f ms\n", frame, now_ms() - t0);
	for (i = 0; i < sizeof(all_views) / sizeof(*all_views); i++)
		if (all_views[i]->ahead)
			all_views[i]->ahead(&ui);

	for (;;) {
		struct event ev;
		int r = REACT_NONE;

		if (script.f)
			script_next(&ui, &script, &ev);
		else
			read_event(&ui, &ev);
		t = now_ms();
		if (ev.kind == EV_END)
			break;
		if (ev.kind == EV_NONE) {
			/* a second without a key: a big book's check before the
			 * first write starts (once), in the background, while the
			 * user reads; then, has the file or the day moved? */
			db_check_ahead(ui.db);
			if (idle_check(&ui) & REACT_RELOAD) {
				reload_top(&ui);
				draw_frame(&ui);
			}
			continue;
		}
		if (ev.kind == EV_RESIZE) {
			r = REACT_RELOAD;
		} else if (ev.kind == EV_MOUSE) {
			r = dispatch_mouse(&ui, &ev.mouse);
		} else {
			ui.message[0] = '\0';
			r = dispatch_key(&ui, ev.key);
		}
		if (r & REACT_QUIT)
			break;
		if (r & REACT_POP)
			r |= global_action(&ui, ACT_BACK);
		if (r & REACT_RELOAD)
			reload_top(&ui);
		if (r & (REACT_RELOAD | REACT_DRAW) || ev.kind == EV_RESIZE)
			draw_frame(&ui);
		frame++;
		if (script.f)
			fprintf(stderr, "frame %d %s %.3f ms\n", frame, ev.name, now_ms() - t);
	}
	rc = UI_EXIT_OK;
	db_set_progress(ui.db, NULL);
	progress_line.ui = NULL;
	endwin();
	curses_on = false;
	delscreen(scr);
	if (script.f) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "peak-rss %.1f MB\n", ru.ru_maxrss / 1024.0);
	}
out:
	for (i = 0; i < sizeof(all_views) / sizeof(*all_views); i++)
		if (all_views[i]->done)
			all_views[i]->done(&ui);
	if (tout)
		fclose(tout);
	if (tin)
		fclose(tin);
	if (script.f)
		fclose(script.f);
	xfree_strings(ui.owners, ui.nowners);
	free(ui.owner_name);
	xfree_strings(ui.warnings, ui.nwarnings);
	ui_sync_done(&ui);
	keymap_done(&ui.keys);
	db_close(ui.db);
	return rc;
}

/*
 * The console's shared state and the contract between the main loop and the
 * views. Only src/ui/ includes curses.
 *
 * The screen is one title row, the view's area and one status row. The
 * main loop owns the view stack (stack[0] is always the board), turns keys
 * into actions through the keymap, offers each action to the focused view
 * first and acts on the reaction bits the views hand back; views never
 * quit, pop themselves or refresh the terminal.
 */
#ifndef ACCTPLAN_UI_H
#define ACCTPLAN_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "acctplan/actions.h"
#include "acctplan/app.h"
#include "acctplan/date.h"
#include "acctplan/format.h"
#include "acctplan/db.h"
#include "acctplan/keys.h"
#include "acctplan/text.h"
#include "acctplan/theme.h"
#include "console.h"

/* What a handler hands back to the main loop. */
enum reaction {
	REACT_NONE = 0,
	REACT_DRAW = 1,   /* draw a new frame */
	REACT_RELOAD = 2, /* the view fetches its rows again, then draw */
	REACT_QUIT = 4,
	REACT_PASS = 8, /* not mine: offer the action to the global handler */
	REACT_POP = 16, /* done (a saved form): go back to the view below */
};

struct ui;

/* A view. Every callback but draw and handle may be NULL. */
struct view_ops {
	enum view_id id;
	void (*init)(struct ui *ui); /* once, after the database is open */
	/* Once, after the first frame is on screen: start reading what the
	 * view's first open would otherwise wait for (on another core). */
	void (*ahead)(struct ui *ui);
	void (*done)(struct ui *ui);   /* once, at exit */
	void (*enter)(struct ui *ui);  /* each time it becomes the top view */
	void (*reload)(struct ui *ui); /* fetch what is visible for ui->view_h rows */
	void (*draw)(struct ui *ui);   /* draw rows ui->view_y .. +view_h */
	int (*handle)(struct ui *ui, int action);
	/* Sees each key before the keymap; returns a reaction, or -1 to let the
	 * keymap have it (text entry). */
	int (*key)(struct ui *ui, int key);
	/* A mouse click at screen row y, column x (double: a second click). */
	int (*click)(struct ui *ui, int y, int x, bool twice);
	/* One line of hints for the status row, or NULL. */
	const char *(*hint)(struct ui *ui);
};

#ifdef CCHARW_MAX
#define UI_CCHAR_MAX CCHARW_MAX /* characters in one cell */
#else
#define UI_CCHAR_MAX 5
#endif

#define UI_STACK_MAX 8
#define UI_MIN_COLS 50
#define UI_MIN_ROWS 14

struct ui {
	struct app *app; /* the setup and settings in force (borrowed) */
	struct db *db;
	const struct rules *rules;
	int today;
	struct keymap keys;
	attr_t attr[THEME_ELEM_COUNT]; /* resolved attributes per element */
	short pair[THEME_ELEM_COUNT];  /* colour pair per element (0: none) */
	bool utf8;                     /* the locale is UTF-8 */
	bool mouse;
	const struct view_ops *stack[UI_STACK_MAX];
	int depth;
	int rows, cols;     /* the terminal */
	int view_y, view_h; /* the views' area */
	bool too_small;
	enum overlay {
		OVERLAY_NONE,
		OVERLAY_HELP,
		OVERLAY_WARNINGS,
		OVERLAY_SYNC
	} overlay;         /* over the view */
	int help_top;      /* the overlay's first line shown */
	char message[512]; /* status row message, "" for hints */
	int message_elem;
	char **warnings; /* config, keys and theme warnings */
	size_t nwarnings, warnings_cap;
	/* the owners, for the owner filter and the action form: read when
	 * first wanted (ui_owners()), as at a million accounts their list is
	 * some 450 pages of the file, and again after a write only while the
	 * filter is on */
	char **owners;
	size_t nowners, owners_cap;
	bool owners_read;
	int owner;        /* index into owners, -1: everyone */
	char *owner_name; /* owners[owner], kept across a new list */
	int64_t selected; /* the account the board points at */
	bool empty;       /* the book has no accounts */
	struct ui_sync_report {
		char **text; /* the last sync's report, a line each (sync.c) */
		int *elem;
		size_t n, cap;
	} sync;
};

/* ---- the main loop's services (ui.c) ------------------------------------ */
void ui_push(struct ui *ui, const struct view_ops *v);
/* Removes the view under the top one (an account deleted from a form over
 * its view): going back from the top view lands below it. */
void ui_drop_below(struct ui *ui);
/* Puts v under the top view (a form): going back from the form lands on
 * it (a new account's view, after its form saved). */
void ui_push_below(struct ui *ui, const struct view_ops *v);
/* After a write of the console's own: the standings brought up to date,
 * every view told to fetch again, the owners and whether the book is empty
 * read again. */
void ui_written(struct ui *ui);
void ui_message(struct ui *ui, int elem, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The owner filter in force, or NULL. Borrowed. */
const char *ui_owner(const struct ui *ui);
/* Reads ui->owners and ui->nowners if they are not read yet. */
void ui_owners(struct ui *ui);
/* Turns the owner filter off. */
void ui_owner_clear(struct ui *ui);
/* Steps the owner filter through everyone and each owner: on for
 * ACT_OWNER_NEXT, back for ACT_OWNER_PREV. */
void ui_owner_step(struct ui *ui, int action);
/* What a row naming an account does on ACT_OPEN (the account view) and
 * ACT_BRIEF (its brief): REACT_RELOAD once opened, REACT_NONE without an
 * account (0), REACT_PASS for any other action. */
int ui_account_action(struct ui *ui, int action, int64_t account);

/* ---- drawing (draw.c) ----------------------------------------------------- */
/* Resolves the theme into ui->attr/pair (after start_color). */
void draw_setup_colors(struct ui *ui, const struct theme *t, bool no_color);
attr_t draw_attr(const struct ui *ui, int elem);
/* Draws untrusted text at (y, x) sanitised and cut to cols display columns,
 * padded with spaces to cols when pad. Returns the columns drawn. */
int draw_text(struct ui *ui, int y, int x, int cols, const char *s, int elem, bool pad);
/* Right-aligned in cols columns. */
void draw_text_right(struct ui *ui, int y, int x, int cols, const char *s, int elem);
int draw_printf(struct ui *ui, int y, int x, int cols, int elem, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void draw_fill(struct ui *ui, int y, int x, int cols, int elem);
void draw_hline(struct ui *ui, int y, int x, int cols, int elem);
void draw_vline(struct ui *ui, int y, int x, int rows, int elem);
/* One glyph, with an ASCII stand-in for non-UTF-8 locales. */
void draw_glyph(struct ui *ui, int y, int x, const char *utf8, char ascii, int elem);
/* Splits sanitised text into lines of at most width columns, breaking at
 * spaces where it can; calls emit for each line. */
void draw_wrap(const char *s, int width, void (*emit)(const char *line, void *ctx), void *ctx);
/* "(owner)" after a view's title that ends at column x, when the owner
 * filter is on (ui_owner()). */
void draw_owner(struct ui *ui, int y, int x);
/* The element of a quadrant and of a score's category. */
int draw_quadrant_elem(enum quadrant q);
int draw_score_elem(int score);

/* ---- the list widget (list.c) ------------------------------------------- */
/* Selection and scrolling over count rows shown height at a time. top is
 * the first visible row; sel is always in [top, top + height) when count
 * is non-zero. */
struct list {
	size_t count;
	size_t top;
	size_t sel;
	int height;
};

void list_init(struct list *l);
/* Back to the first row, the count kept (a new order of the same rows). */
void list_home(struct list *l);
/* Sets the row count and height; clamps sel and top. */
void list_set(struct list *l, size_t count, int height);
/* Moves for ACT_UP/DOWN/PAGE_UP/PAGE_DOWN/FIRST/LAST. Returns a reaction:
 * REACT_RELOAD when the visible window moved, REACT_DRAW when only the
 * selection did, REACT_PASS for other actions or a move past an edge. */
int list_handle(struct list *l, int action);
/* Whether action is one of the moves above. */
bool list_is_move(int action);
/* list_handle() for a view whose keys the list takes first: a move past an
 * edge stops there (REACT_NONE), so only an action that is no move is
 * passed on (REACT_PASS). */
int list_move(struct list *l, int action);
/* For a view that fetches its rows as it goes: how many to hold, those on
 * screen from the selection and a page ahead. */
size_t list_ahead(const struct list *l);
/* ...and how many to hold before the move action, so that it can reach
 * them: a page past the rows held (count) for ACT_LAST; 0 when the move
 * stays among them. */
size_t list_reach(const struct list *l, int action);
/* Frees the rows a view holds for its list: row_done frees what each of
 * the n rows of size bytes owns, then the array goes (NULL is fine). */
void list_rows_free(void *rows, size_t n, size_t size, void (*row_done)(void *row));
/* Selects the visible row at offset r; false when there is none. */
bool list_click(struct list *l, int r);
/* A click on the visible row r: REACT_NONE off the rows, REACT_DRAW when it
 * selected a row, and the view's handling of ACT_OPEN for a double click
 * or a click on the row already selected. */
int list_click_open(struct ui *ui, struct list *l, int r, bool twice,
		    int (*handle)(struct ui *ui, int action));
/* Scrolls without a selection (text views): top only. */
int list_scroll(struct list *l, int action);

/* ---- the views ------------------------------------------------------------ */
extern const struct view_ops view_board_ops;
extern const struct view_ops view_scatter_ops;
extern const struct view_ops view_accounts_ops;
extern const struct view_ops view_account_ops;
/* Opens the account view on id. */
void view_account_open(struct ui *ui, int64_t id);
/* The same under the top view (ui_push_below()). */
void view_account_open_below(struct ui *ui, int64_t id);
extern const struct view_ops view_brief_ops;
extern const struct view_ops view_agenda_ops;
extern const struct view_ops view_defects_ops;
extern const struct view_ops view_standup_ops;
extern const struct view_ops view_plays_ops;
extern const struct view_ops view_winback_ops;
extern const struct view_ops view_form_ops;
/* Opens the pre-call brief of account id. */
void view_brief_open(struct ui *ui, int64_t id);
/* The write actions on one account (account_forms.c): ACT_NOTE_NEW,
 * ACT_FOLLOW_UP, ACT_PROBLEM_ADVANCE, ... open their form; REACT_PASS for
 * any other action. After a save the database is refreshed and the view
 * below the form reloads. */
int account_forms_action(struct ui *ui, int64_t account_id, int action);
/* The row a form that picks a response or buyer should pick first (the
 * account view's cursor), 0 for none; account_form_init() takes it. */
void account_forms_preselect(int64_t id);
/* The defect catalogue's forms (defect_forms.c): adds a defect (id 0) or
 * changes defect id, whose code, title and category fill the form. After a
 * save the database is refreshed and the defects view reloads. */
int defect_forms_open(struct ui *ui, int64_t id, const char *code, const char *title,
		      const char *category);
/* The defect the defects view selects when it next fetches its ranking. */
void view_defects_select(const char *code);

/* The overlays: help, warnings and the last sync's report (help.c). */
void help_draw(struct ui *ui);
int help_handle(struct ui *ui, int action);

/* Team sync from the console (sync.c): syncs the book with the folder
 * config.yaml names (sync: dir:), saying so on the status line while it
 * runs, then shows what it sent, applied and resolved in the sync overlay.
 * Returns a reaction for the main loop. */
int ui_sync(struct ui *ui);
void ui_sync_done(struct ui *ui);
/* Draws the frame now, between keys (a long task's progress). */
void ui_draw_now(struct ui *ui);

#endif

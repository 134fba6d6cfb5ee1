/*
 * Themes: colours named by UI element (DESIGN.md §3). A theme maps each
 * element to a foreground, a background and attributes; theme_resolve() is
 * the one pure function that turns it into what a given terminal can show,
 * degrading RGB -> 256 -> 16 -> 8 colours, and with NO_COLOR or no colour
 * keeping every element distinct by attributes alone. No curses here: the
 * console maps THEME_* attributes and colour numbers onto curses.
 */
#ifndef ACCTPLAN_THEME_H
#define ACCTPLAN_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "acctplan/status.h"

/* _(ENUM, "yaml-name", mono attributes used when there is no colour) */
#define THEME_ELEM_LIST(_)                                          \
	_(NORMAL, "normal", 0)                                      \
	_(DIM, "dim", THEME_A_DIM)                                  \
	_(TITLE, "title", THEME_A_BOLD)                             \
	_(HEADER, "header", THEME_A_BOLD | THEME_A_UNDERLINE)       \
	_(STATUS, "status", THEME_A_REVERSE)                        \
	_(WARNING, "warning", THEME_A_BOLD | THEME_A_REVERSE)       \
	_(SELECTION, "selection", THEME_A_REVERSE)                  \
	_(BORDER, "border", 0)                                      \
	_(TAB, "tab", 0)                                            \
	_(TAB_ACTIVE, "tab-active", THEME_A_BOLD | THEME_A_REVERSE) \
	_(REPAIR, "repair", THEME_A_BOLD)                           \
	_(PROTECT, "protect", THEME_A_UNDERLINE)                    \
	_(GROW, "grow", THEME_A_BOLD | THEME_A_UNDERLINE)           \
	_(FIX_BASICS, "fix-basics", THEME_A_DIM | THEME_A_BOLD)     \
	_(NO_FEEDBACK, "no-feedback", THEME_A_DIM)                  \
	_(PROMOTER, "promoter", THEME_A_BOLD)                       \
	_(PASSIVE, "passive", 0)                                    \
	_(DETRACTOR, "detractor", THEME_A_BOLD | THEME_A_UNDERLINE) \
	_(HOLD, "hold", THEME_A_BOLD)                               \
	_(KEY, "key", THEME_A_BOLD)                                 \
	_(THRESHOLD, "threshold", THEME_A_DIM)                      \
	_(POINT, "point", 0)                                        \
	_(MARK, "mark", THEME_A_BOLD | THEME_A_REVERSE)

enum theme_elem {
#define THEME_ELEM_ENUM(e, name, mono) THEME_##e,
	THEME_ELEM_LIST(THEME_ELEM_ENUM)
#undef THEME_ELEM_ENUM
		THEME_ELEM_COUNT
};

enum theme_attr {
	THEME_A_BOLD = 1,
	THEME_A_DIM = 2,
	THEME_A_UNDERLINE = 4,
	THEME_A_REVERSE = 8,
	THEME_A_ITALIC = 16,
};

/* A colour as written: the terminal's default, one of 256 indexes (0-7
 * the basic colours, 8-15 their bright forms), or 24-bit RGB. */
enum theme_color_kind { COLOR_KIND_DEFAULT, COLOR_KIND_INDEX, COLOR_KIND_RGB };
struct theme_color {
	enum theme_color_kind kind;
	int value; /* index 0..255, or 0xRRGGBB */
};

struct theme_style {
	struct theme_color fg, bg;
	int attrs; /* enum theme_attr bits */
};

struct theme {
	struct theme_style style[THEME_ELEM_COUNT];
};

/* What the terminal draws: colour indexes -1 (default) or 0..colors-1. */
struct theme_resolved {
	int fg, bg;
	int attrs;
};

const char *theme_elem_name(enum theme_elem e);
/* The built-in dark theme (the same as themes/default.yaml). */
void theme_defaults(struct theme *t);
/* Applies the YAML theme text over t. On a problem returns STATUS_CONFIG
 * with "name:line:col: reason" in status_detail() and leaves t unchanged. */
enum status theme_load_string(struct theme *t, const char *name, const char *text, size_t len);
/* Parses a colour: "default", a name ("red", "bright-blue"), "0".."255",
 * "#rrggbb". */
bool theme_parse_color(const char *s, struct theme_color *c);
/* Reduces c to a palette of colors entries (8, 16, 256, or more for
 * direct colour); returns -1 for the default colour. */
int theme_color_index(struct theme_color c, int colors);
/* Resolves every element for a terminal with colors colours (0: none);
 * no_color (NO_COLOR set) drops colour and uses each element's mono
 * attributes. */
void theme_resolve(const struct theme *t, int colors, bool no_color,
		   struct theme_resolved out[THEME_ELEM_COUNT]);
/* Looks a theme up by name: $XDG_CONFIG_HOME/acctplan/themes/NAME.yaml,
 * then the installed and source themes/ directories, then the built-in
 * copies. On failure t keeps the defaults and the status detail says why. */
enum status theme_load(struct theme *t, const char *name);

#endif

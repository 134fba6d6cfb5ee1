/*
 * Status-line hints made from the key map: each view names the actions it
 * hints at, and the keys come from the bindings in force (the defaults and
 * the user's config), so a rebound key never shows a stale hint.
 */
#ifndef ACCTPLAN_UI_HINT_H
#define ACCTPLAN_UI_HINT_H

#include <stddef.h>

#include "ui.h"

/* One hint: the keys of up to two actions ("↑↓"), then a few words. */
struct hint {
	int action, action2; /* action2 -1: none */
	const char *words;
};
#define HINT(a, w)           \
	{                    \
		(a), -1, (w) \
	}
#define HINT2(a, b, w)        \
	{                     \
		(a), (b), (w) \
	}

/* The key of action as view sees it: the first the view binds, else the
 * first global one the view does not rebind; "" when there is none.
 * Arrows show as arrows in a UTF-8 locale. */
const char *ui_key_for(const struct ui *ui, int view, int action, char *buf, size_t n);
/* " KEY words  KEY words ..." for the hints that have a key in view; a
 * hint whose action has no key is left out. The line is the ui's own
 * (borrowed until the next call). */
const char *ui_hint(struct ui *ui, int view, const struct hint *h, size_t n);
#define UI_HINT(ui, view, list) ui_hint((ui), (view), (list), sizeof(list) / sizeof(*(list)))

#endif

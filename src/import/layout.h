/* The layouts' presets, shared by the files of src/import/ only. */
#ifndef ACCTPLAN_IMPORT_LAYOUT_H
#define ACCTPLAN_IMPORT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "acctplan/import.h"

/* One field of a preset and the headers that hold it, in order of
 * preference, separated by '|'. */
struct preset {
	enum import_field field;
	const char *headers;
};

/* The preset of layout l for kind k, and its length; NULL when l has none
 * for k (and for LAYOUT_BOOK, whose records name their fields). */
const struct preset *layout_preset(enum layout l, enum import_kind k, size_t *n);

/* Whether a header row of n cells (compared as layout_same() does) carries
 * the columns that mark l's export of kind k. */
bool layout_signed(enum layout l, enum import_kind k, const char *const *cells, size_t n);

/* Whether a cell's text is the header h: any case (ASCII), white space
 * around the cell ignored. */
bool layout_same(const char *cell, const char *h);

/* HubSpot's buying roles, and the names people write for ours: the role,
 * or -1 when s names none. */
int layout_role(const char *s);

#endif

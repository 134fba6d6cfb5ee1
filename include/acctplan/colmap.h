/*
 * An import's map file (acctplan import --map FILE.yaml): which column of
 * a file holds which field, for a layout acctplan does not know or a
 * column its preset leaves out.
 *
 *   columns:
 *     wallet: "Estimated category spend"   # a custom CRM field
 *     account: "AccountId"                 # embedded data naming the account
 *     segment: ~                           # no column: leave it out
 *
 * Only the file's shape is checked here; which fields a kind has is the
 * importer's to say (import.h), with each entry's "file:line:column".
 */
#ifndef ACCTPLAN_COLMAP_H
#define ACCTPLAN_COLMAP_H

#include <stddef.h>

#include "acctplan/status.h"

struct colmap_entry {
	char *field;  /* "wallet" */
	char *header; /* "Estimated category spend"; NULL: no column */
	char *where;  /* "map.yaml:2:3", the entry's place */
};

struct colmap {
	struct colmap_entry *e; /* in file order */
	size_t n, cap;
};

void colmap_init(struct colmap *m);
void colmap_done(struct colmap *m);
/* Reads text (len bytes) named name. STATUS_CONFIG with
 * "name:line:column: reason" when it is not such a map. */
enum status colmap_load_string(struct colmap *m, const char *name, const char *text, size_t len);
/* The same for the file at path (STATUS_NOT_FOUND, STATUS_IO). */
enum status colmap_load(struct colmap *m, const char *path);

#endif

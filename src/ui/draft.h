/* Drafts of forms on disk (see draft.c for where and how). No terminal. */
#ifndef ACCTPLAN_UI_DRAFT_H
#define ACCTPLAN_UI_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"

/* Writes f's fields to its draft (f->draft names it); false when it has
 * none or the write failed. */
bool draft_save(struct form *f);
/* The same without waiting for the disk (no fsync): cheap enough for every
 * keystroke, and it survives a killed process, if not a power cut. */
bool draft_keep(struct form *f);
/* Restores the draft named f->draft when there is one (call after the
 * fields are added, before form_open). True when one was restored; the
 * form's notice then says so and when it was written. */
bool draft_restore(struct form *f);
void draft_delete(const struct form *f);
/* The path of draft NAME's file with extension ext, the directory made if
 * need be; NULL when there is nowhere to keep drafts. Caller frees. */
char *draft_path(const char *name, const char *ext);
/* path's whole content through a temporary file and a rename. */
bool draft_write_file(const char *path, const char *data, size_t n);
/* A whole file (at most 1 MB), or NULL. Caller frees. */
char *draft_read_file(const char *path);
void draft_strip_newlines(struct strbuf *sb);

#endif

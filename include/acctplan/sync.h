/*
 * acctplan sync DIR, as both front ends run it (doc/sync.md): this book's
 * changes since its last sync go into DIR as one changeset file, and every
 * file of DIR this book has not applied yet is applied, in the order every
 * laptop uses (syncfile.h), under the merge rules of syncbook.h. The
 * folder is any directory the team shares: a git work tree, a synced
 * drive, a USB stick. Files there that acctplan did not write, or that
 * are damaged, are refused one by one (their reason in the report) and
 * change nothing; the rest still applies.
 *
 * One run is one transaction of the book (db_sync_begin() to
 * db_sync_end()); the file it writes reaches the folder after the commit,
 * written under a temporary name and linked into place, so a sync killed
 * at any moment leaves the book before or after and the folder without a
 * partial file; the next sync puts in what a killed one left.
 */
#ifndef ACCTPLAN_SYNC_H
#define ACCTPLAN_SYNC_H

#include "acctplan/db.h"
#include "acctplan/strbuf.h"
#include "acctplan/syncbook.h"

/* Syncs db, the book in the file book_path, with the folder dir; stamp is
 * the run's time (app_stamp()), author the name teammates see for this
 * book's files (NULL: user@host). The report is filled as far as the run
 * went, even when it fails. A failure changes nothing in the book. */
enum status sync_run(struct db *db, const char *book_path, const char *dir, const char *stamp,
		     const char *author, struct sync_report *r);

/* user@host, for a book whose configuration names no one. Caller frees. */
char *sync_default_author(void);

/* The words both front ends show, plain text from the book and the folder
 * (the caller sanitises it for its screen): what a row of a table is ("a
 * response", "a buyer"), and one line for a conflict resolved. */
const char *sync_row_noun(const char *table);
void sync_conflict_words(struct strbuf *sb, const struct sync_conflict *c);

#endif

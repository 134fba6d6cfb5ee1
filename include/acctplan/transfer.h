/*
 * A book in and out (DESIGN.md §4, import and export): the importer's
 * matching and writing of the records import.h converts, and the export's
 * reading of every core table. Beside db.h, on the same struct db.
 *
 * An import is one session and one transaction: db_import_begin() takes
 * the write lock, every record goes in through db_import_write(), and
 * db_import_end() commits all of it or none. A crash or kill at any moment
 * leaves the book as it was before or as it is after.
 *
 * Matching, so that importing a file twice creates nothing new:
 *   - a record of its own (an account, a buyer, a response) is the row with
 *     the id the file gives (our own export writes ids); without one, or
 *     when no row has it, the row with its external_ref, then an account by *     name (any case), a buyer by email (any case) or by name within the
 *     account, a response by its account, buyer, day, score and comment
 *     (one this import has not made or matched yet, so twin rows stay
 *     two). A fallback never picks a row this import has made for another
 *     id, so a book read back into a new file keeps every row.
 *   - a record a row names (the account of a buyer or a response, a
 *     response's buyer): an account by external_ref, then by id, then by
 *     name in any case; a buyer by external_ref, then id, then email.
 * A matched account, buyer or response gets the fields the file gives
 * (our own columns, the hold, won and lost fields, are never touched); a
 * new one the file's id, or a new random one. The book's own records
 * (defects, problems, notes, conditions, referrals) already there by id or
 * code are left as they are.
 *   - a CRM's play (IMPORT_PLAYS): its account is the first of account_ref,
 *     account_id and account that matches one, as a reference above; then
 *     db_crm_play_put() (practices.h) matches it by source and
 *     external_ref, else by account and name, and writes it. A play of the
 *     book (with our id) already there by id, or by source and
 *     external_ref, is left as it is; else it is made with its id.
 */
#ifndef ACCTPLAN_TRANSFER_H
#define ACCTPLAN_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/db.h"
#include "acctplan/import.h"

/* ---- import ----------------------------------------------------------- */

enum db_import_outcome { DBI_NEW, DBI_UPDATED, DBI_UNCHANGED, DBI_OUTCOME_COUNT };

struct db_import;

/* Begins an import: foreign key checks off for the session (the importer
 * resolves every reference itself, in the same transaction), then BEGIN
 * IMMEDIATE. stamp ("YYYY-MM-DD HH:MM:SS", app_stamp()) dates what is made
 * or changed. On failure nothing is begun and *out is NULL. */
enum status db_import_begin(struct db *db, const char *stamp, struct db_import **out);
/* Matches and writes one record. STATUS_BAD_INPUT when the row cannot go
 * in (no account matches it, a name several accounts have, a new account
 * without a name...): status_detail() says why, nothing of the row was
 * written, and the session goes on. Any other failure ends it:
 * db_import_end(im, false). */
enum status db_import_write(struct db_import *im, const struct import_rec *r,
			    enum db_import_outcome *out);
/* The rows of kind k's table. */
enum status db_import_count(struct db_import *im, enum import_kind k, int64_t *n);
/* For a large import of kind k (responses, accounts): drops the indexes of
 * its table that matching does not use, now, inside the transaction;
 * db_import_end() makes them again from their own SQL before it commits, a
 * sort each instead of a million inserts into each. Readers keep seeing
 * the book as it was, indexes and all, until the commit. */
enum status db_import_bulk(struct db_import *im, enum import_kind k);
/* Ends the session and frees im: with commit, the dropped indexes are made
 * again and the transaction committed (on disk when STATUS_OK returns);
 * without, or on any failure, everything is rolled back. */
enum status db_import_end(struct db_import *im, bool commit);

/* ---- export ------------------------------------------------------------ */

enum db_export_type {
	DBX_ID,   /* a row id (num), 0 for NULL */
	DBX_TEXT, /* text, NULL for NULL */
	DBX_INT,  /* a whole number (num), or NULL */
	DBX_LIST, /* a list of codes, comma-separated text ("" for none) */
};

struct db_export_col {
	const char *name; /* the field's name (import.h), so import reads it back */
	enum db_export_type type;
};

/* The columns export writes for kind k: with book, every column of its
 * table, else those its csv carries (import reads both). */
const struct db_export_col *db_export_columns(enum import_kind k, bool book, size_t *n);

/* One row, column by column as db_export_columns() lists them. Borrowed
 * for the callback. */
struct db_export_row {
	const char *const *text; /* DBX_TEXT, DBX_LIST */
	const int64_t *num;      /* DBX_ID, DBX_INT */
	const bool *null;        /* the value is NULL */
	size_t n;
};
typedef int (*db_export_cb)(const struct db_export_row *r, void *ctx);

/* Every row of kind k's table in id order, streamed; cb returns nonzero to
 * stop. One read transaction: the rows are one moment's. */
enum status db_export(struct db *db, enum import_kind k, bool book, db_export_cb cb, void *ctx);
/* Holds one read transaction over several db_export() calls (the book's
 * sections), so they show one moment of the file; db_export_done() ends
 * it. */
enum status db_export_begin(struct db *db);
void db_export_done(struct db *db);

#endif

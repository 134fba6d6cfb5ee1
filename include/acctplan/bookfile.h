/*
 * The book file: a whole book as YAML, written by `acctplan export book
 * --format yaml` and read back by `acctplan import book`. Every core table
 * is a section, a sequence of records; a record maps column names to
 * values, which are scalars (a quoted "" is the empty text, a plain ~ is
 * NULL) or, for a response's defect codes, a flow sequence:
 *
 *   acctplan_book: 2
 *   defects:
 *     - {id: "8312…", code: CLAIMS-DELAY, title: Claims handling delays, category: service}
 *   accounts:
 *     - id: "5817453580265415907"
 *       name: Calder Steel
 *       wallet: ~
 *   responses:
 *     - id: "…"
 *       defects: [CLAIMS-DELAY]
 *
 * Ids are quoted strings, as in JSON: a 63-bit id is not a safe number for
 * every YAML reader. Both sides stream: a record at a time, whatever the
 * book's size. Reading takes any order of sections and keys; anchors,
 * aliases and nested mappings are refused, so a hostile file cannot make
 * the reader expand it. Only src/config reads and writes YAML.
 */
#ifndef ACCTPLAN_BOOKFILE_H
#define ACCTPLAN_BOOKFILE_H

#include <stdint.h>
#include <stdio.h>

#include "acctplan/status.h"

/* The version this acctplan writes; it reads every one from 1 on.
 *   1  defects, accounts, contacts, responses, problems, notes, conditions
 *   2  and referrals, plays (a CRM's), accounts' winback_dropped_on
 * A later version only adds sections and columns, so an earlier book reads
 * as the book it was (what it lacks, it never had); an acctplan that
 * knows only an earlier version refuses a later book with one line. */
#define BOOKFILE_VERSION 2
#define BOOKFILE_VERSION_TEXT "2"
_Static_assert(BOOKFILE_VERSION >= 1 && BOOKFILE_VERSION <= 9, "one digit: bookfile.c reads it");

/* One record as read: borrowed for the callback. */
struct bookfile_record {
	const char *section;       /* "accounts", ... as the file names it */
	long line;                 /* where the record starts, 1-based */
	const char *const *keys;   /* n column names */
	const char *const *values; /* n values; NULL for null; a sequence's
				    * items joined by commas */
	size_t n;
};

/* Called for each record in file order; a status other than STATUS_OK
 * stops the reading and is returned. */
typedef enum status (*bookfile_cb)(const struct bookfile_record *r, void *ctx);

/* Reads the book in f, named name in messages ("book.yaml:12:5: reason",
 * STATUS_BAD_INPUT) and calls cb for every record. */
enum status bookfile_read(FILE *f, const char *name, bookfile_cb cb, void *ctx);
/* The same over size bytes at data. */
enum status bookfile_read_mem(const void *data, size_t size, const char *name, bookfile_cb cb,
			      void *ctx);

struct bookfile_writer;

/* A writer to out; the header (acctplan_book: 2) is written at once.
 * Write errors come back from bookfile_end() (STATUS_IO). */
struct bookfile_writer *bookfile_writer_new(FILE *out);
/* Starts a section, ending the one before. */
void bookfile_section(struct bookfile_writer *w, const char *name);
/* Starts a record of the current section, ending the one before. */
void bookfile_record(struct bookfile_writer *w);
/* A column of the current record: text (NULL: ~; invalid UTF-8 is
 * replaced), an id (0: ~), a whole number, or a list of items given as one
 * comma-separated text (NULL or "": []). */
void bookfile_text(struct bookfile_writer *w, const char *key, const char *value);
void bookfile_id(struct bookfile_writer *w, const char *key, int64_t id);
void bookfile_int(struct bookfile_writer *w, const char *key, int64_t v);
void bookfile_list(struct bookfile_writer *w, const char *key, const char *items);
/* Ends the book and frees w; STATUS_IO when writing failed. */
enum status bookfile_end(struct bookfile_writer *w);

#endif

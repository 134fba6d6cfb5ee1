/*
 * Running an import from start to end, for either front end: the file read
 * (csv.h for the kinds other programs export, bookfile.h for our book),
 * each row converted (import.h) and matched and written (transfer.h), in
 * one transaction that commits only when every row was good, or when bad
 * rows may be skipped, and never on a dry run. Nothing here prints: the
 * result lists what happened, every bad row with its line, and a progress
 * callback reports as it goes.
 */
#ifndef ACCTPLAN_IMPORTER_H
#define ACCTPLAN_IMPORTER_H

#include <stdbool.h>
#include <stdint.h>

#include "acctplan/colmap.h"
#include "acctplan/db.h"
#include "acctplan/import.h"
#include "acctplan/progress.h"
#include "acctplan/transfer.h"

struct importer_opts {
	bool book;                /* our book file (YAML) rather than a csv of kind */
	enum import_kind kind;    /* accounts, contacts, responses or plays */
	int layout;               /* enum layout, or -1: recognise it from the header */
	const char *name;         /* the file as messages name it */
	int fd;                   /* the file, read from its current offset */
	const struct colmap *map; /* --map, or NULL */
	bool dry_run;             /* roll everything back */
	bool skip_bad;            /* commit the good rows even when some are bad */
	int today;
	const char *stamp; /* app_stamp(): when what is written is made */
	/* told the rows read, then the commit (progress.h); NULL: nobody */
	const struct progress *progress;
	/* Called after each row is written, inside the transaction (a test
	 * hook kills the process there). */
	void (*row_written)(long rows, void *ctx);
	void *ctx;
};

struct importer_bad {
	long line;    /* in the file, header rows counted */
	char *reason; /* without the line */
};

struct importer_result {
	enum layout layout; /* as recognised or given */
	char mapping[1024]; /* "name <- \"Company name\", ..." (csv kinds) */
	long count[IMPORT_KIND_COUNT][DBI_OUTCOME_COUNT]; /* per kind: new, updated, unchanged */
	long skipped[IMPORT_KIND_COUNT];                  /* rows the layout says are not records */
	long total[DBI_OUTCOME_COUNT];                    /* over every kind */
	long total_skipped;
	struct importer_bad *bad; /* in file order */
	size_t nbad, bad_cap;
	long rows;      /* data rows read */
	bool committed; /* the import is in the book */
	bool bulk;      /* indexes were made again at the end */
};

void importer_result_init(struct importer_result *r);
void importer_result_done(struct importer_result *r);

/* Runs the import into db. STATUS_OK once the file was read to its end,
 * whether or not it was committed (r->committed says; bad rows are in r).
 * STATUS_USAGE: a map entry names no field of the kind, or the layout
 * given has no such kind. STATUS_BAD_INPUT: the file cannot be read as
 * such a file at all (no header, a header that fits no layout, a UTF-16
 * file, a broken book), "NAME:LINE: reason" in the detail. Others: the
 * database or the file failed. Nothing is committed unless STATUS_OK. */
enum status importer_run(struct db *db, const struct importer_opts *o, struct importer_result *r);

#endif

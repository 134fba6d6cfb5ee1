/*
 * An import run end to end (importer.h has the contract): reading, the
 * conversions of import.h, and the one transaction of transfer.h.
 *
 * A large import into a table drops the indexes matching does not read
 * and makes them again before the commit (db_import_bulk()): when the
 * table is empty at the start, or the file promises at least
 * BULK_MIN_ROWS rows and half as many as the table holds. Either way it
 * is one ordinary transaction that other programs read past.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "acctplan/bookfile.h"
#include "acctplan/csv.h"
#include "acctplan/importer.h"
#include "acctplan/progress.h"
#include "acctplan/xalloc.h"

#define BULK_MIN_ROWS 50000
#define BULK_SAMPLE 2000 /* rows read before the size of the rest is guessed */

void importer_result_init(struct importer_result *r)
{
	memset(r, 0, sizeof(*r));
}

void importer_result_done(struct importer_result *r)
{
	size_t i;

	for (i = 0; i < r->nbad; i++)
		free(r->bad[i].reason);
	free(r->bad);
	memset(r, 0, sizeof(*r));
}

static void add_bad(struct importer_result *r, long line, const char *reason)
{
	r->bad = xgrow(r->bad, &r->bad_cap, r->nbad + 1, sizeof(*r->bad));
	r->bad[r->nbad].line = line;
	r->bad[r->nbad].reason = xstrdup(reason);
	r->nbad++;
}

/* What every kind of run shares. */
struct run {
	struct db *db;
	const struct importer_opts *o;
	struct importer_result *r;
	struct db_import *im;
	char label[64]; /* "importing responses" */
	bool bulk_decided[IMPORT_KIND_COUNT];
	long long size; /* the file's bytes, or -1 */
};

/* The progress line: rows read of the rows in all, which the bytes read so
 * far estimate for a file (a pipe has no total); then the commit, which
 * cannot count its steps. */
static void progress(struct run *run, long long done, bool finishing)
{
	const struct progress *p = run->o->progress;
	int64_t rows = run->r->rows, total = 0;

	if (!p || (!finishing && rows % PROGRESS_EVERY))
		return;
	if (finishing) {
		progress_update(p, "writing the rows in", 0, 0);
		return;
	}
	if (run->size > 0 && done > 0 && done <= run->size)
		total = (int64_t)((double)rows * (double)run->size / (double)done);
	progress_update(p, run->label, rows, total > rows ? total : rows);
}

/* Drops the indexes of kind's table for a big import (see the top). */
static enum status decide_bulk(struct run *run, enum import_kind k, long long done)
{
	int64_t existing;
	enum status st;
	long long guess;

	if (run->bulk_decided[k])
		return STATUS_OK;
	if ((st = db_import_count(run->im, k, &existing)) != STATUS_OK)
		return st;
	if (existing > 0) {
		/* the rows still to come, from the bytes the first ones took */
		if (done < 0 || run->size < 0) {
			run->bulk_decided[k] = true; /* no way to tell: row by row */
			return STATUS_OK;
		}
		if (done == 0 || run->r->rows < BULK_SAMPLE)
			return STATUS_OK;
		guess = run->size / (done / run->r->rows);
		if (guess < BULK_MIN_ROWS || guess < existing / 2) {
			run->bulk_decided[k] = true;
			return STATUS_OK;
		}
	}
	run->bulk_decided[k] = true;
	run->r->bulk = true;
	return db_import_bulk(run->im, k);
}

/* Writes one converted record and counts it; a row the book cannot take
 * is a bad row. */
static enum status write_rec(struct run *run, const struct import_rec *rec)
{
	enum db_import_outcome out;
	enum status st = db_import_write(run->im, rec, &out);

	if (st == STATUS_BAD_INPUT) {
		add_bad(run->r, rec->line, status_detail());
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return st;
	run->r->count[rec->kind][out]++;
	run->r->total[out]++;
	if (run->o->row_written)
		run->o->row_written(run->r->rows, run->o->ctx);
	return STATUS_OK;
}

static void count_skip(struct run *run, enum import_kind k)
{
	run->r->skipped[k]++;
	run->r->total_skipped++;
}

/* ---- csv ---------------------------------------------------------------- */

/* Sets st with "NAME:LINE: " before the detail a lower layer set: the
 * detail copied first, since status_set() writes the buffer it is in. */
static enum status at_line(enum status st, const char *name, long line, const char *why)
{
	char detail[512];

	snprintf(detail, sizeof(detail), "%s", why ? why : status_detail());
	return status_set(st, "%s:%ld: %s", name, line, detail);
}

static const char *csv_reason(enum csv_problem p)
{
	switch (p) {
	case CSV_AFTER_QUOTE:
		return "text after a closing quote (a quote inside a quoted field is written \"\")";
	case CSV_NUL_BYTE:
		return "a NUL byte (not a text file?)";
	case CSV_FIELD_TOO_LONG:
		return "a field over 1 MB";
	case CSV_RECORD_TOO_LONG:
		return "a row over 16 MB";
	case CSV_TOO_MANY_FIELDS:
		return "more than 100000 columns";
	case CSV_UNCLOSED_QUOTE:
		return "a quote opened here is never closed (the rest of the file is inside it)";
	default:
		return "unreadable";
	}
}

static enum status run_csv(struct run *run)
{
	const struct importer_opts *o = run->o;
	struct csv_reader *csv = csv_open_fd(o->fd, NULL);
	struct import *im = import_new(o->kind, o->layout, o->today);
	struct import_rec rec;
	struct csv_record cr;
	enum import_header_result hr;
	enum csv_next nx;
	const char **cells = NULL;
	size_t cells_cap = 0, i;
	enum status st = STATUS_OK;
	bool header = true, any = false;

	for (i = 0; o->map && i < o->map->n; i++)
		if ((st = import_map(im, o->map->e[i].field, o->map->e[i].header,
				     o->map->e[i].where)) != STATUS_OK)
			goto out;
	run->size = csv_size(csv);
	while ((nx = csv_next(csv, &cr)) != CSV_END) {
		if (nx == CSV_FATAL && cr.problem == CSV_UNCLOSED_QUOTE && !header) {
			add_bad(run->r, cr.problem_line, csv_reason(cr.problem));
			break;
		}
		if (nx == CSV_FATAL) {
			st = at_line(cr.problem == CSV_READ_ERROR ? STATUS_IO : STATUS_BAD_INPUT,
				     o->name, cr.problem_line,
				     cr.problem == CSV_UTF16 ? "a UTF-16 file: save it as UTF-8"
				     : cr.problem == CSV_READ_ERROR ? NULL
								    : csv_reason(cr.problem));
			goto out;
		}
		if (nx == CSV_BAD) {
			if (header) {
				st = status_set(STATUS_BAD_INPUT, "%s:%ld: the header: %s", o->name,
						cr.problem_line, csv_reason(cr.problem));
				goto out;
			}
			run->r->rows++;
			add_bad(run->r, cr.problem_line, csv_reason(cr.problem));
			continue;
		}
		any = true;
		cells = xgrow(cells, &cells_cap, cr.nfields, sizeof(*cells));
		for (i = 0; i < cr.nfields; i++)
			cells[i] = cr.fields[i].s;
		if (header) {
			if ((st = import_header(im, cells, cr.nfields, &hr)) != STATUS_OK) {
				if (st != STATUS_USAGE)
					st = at_line(st, o->name, cr.line, NULL);
				goto out;
			}
			if (hr == IMPORT_HEADER_MORE)
				continue;
			header = false;
			run->r->layout = import_layout(im);
			import_describe(im, run->r->mapping, sizeof(run->r->mapping));
			if (hr == IMPORT_HEADER_DONE)
				continue;
		}
		run->r->rows++;
		switch (import_row(im, cells, cr.nfields, cr.line, &rec)) {
		case IMPORT_ROW_OK:
			st = write_rec(run, &rec);
			break;
		case IMPORT_ROW_SKIP:
			count_skip(run, o->kind);
			break;
		case IMPORT_ROW_BAD:
			add_bad(run->r, cr.line, import_reason(im));
			break;
		}
		if (st != STATUS_OK)
			goto out;
		if (!run->bulk_decided[o->kind] &&
		    (run->r->rows == 1 || run->r->rows == BULK_SAMPLE) &&
		    (st = decide_bulk(run, o->kind, csv_offset(csv))) != STATUS_OK)
			goto out;
		progress(run, csv_offset(csv), false);
	}
	if (!any)
		st = status_set(STATUS_BAD_INPUT, "%s: empty: no header row", o->name);
	else if (header)
		run->r->layout = import_layout(im); /* only header rows */
out:
	free(cells);
	import_free(im);
	csv_free(csv);
	return st;
}

/* ---- the book ----------------------------------------------------------- */

struct book_run {
	struct run *run;
	struct import *im[IMPORT_KIND_COUNT];
};

static enum status book_record(const struct bookfile_record *br, void *ctx)
{
	struct book_run *b = ctx;
	struct run *run = b->run;
	int k = import_kind_from_name(br->section);
	struct import_rec rec;
	enum status st;

	if (k < 0)
		return status_set(STATUS_BAD_INPUT, "%s:%ld: no section \"%.40s\" in a book",
				  run->o->name, br->line, br->section);
	if (!b->im[k])
		b->im[k] = import_new((enum import_kind)k, LAYOUT_BOOK, run->o->today);
	if ((st = decide_bulk(run, (enum import_kind)k, -1)) != STATUS_OK)
		return st;
	run->r->rows++;
	switch (import_fields(b->im[k], br->keys, br->values, br->n, br->line, &rec)) {
	case IMPORT_ROW_OK:
		if ((st = write_rec(run, &rec)) != STATUS_OK)
			return st;
		break;
	case IMPORT_ROW_SKIP:
		count_skip(run, (enum import_kind)k);
		break;
	case IMPORT_ROW_BAD:
		add_bad(run->r, br->line, import_reason(b->im[k]));
		break;
	}
	progress(run, -1, false);
	return STATUS_OK;
}

static enum status run_book(struct run *run)
{
	struct book_run b = {.run = run};
	struct stat sb;
	enum status st;
	FILE *f;
	int fd = dup(run->o->fd), k;

	run->r->layout = LAYOUT_BOOK;
	if (fd < 0 || !(f = fdopen(fd, "rb"))) {
		if (fd >= 0)
			close(fd);
		return status_set(STATUS_IO, "%s: cannot read it", run->o->name);
	}
	run->size = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (long long)sb.st_size : -1;
	st = bookfile_read(f, run->o->name, book_record, &b);
	if (st == STATUS_OK && ferror(f))
		st = status_set(STATUS_IO, "%s: reading it failed", run->o->name);
	fclose(f);
	for (k = 0; k < IMPORT_KIND_COUNT; k++)
		import_free(b.im[k]);
	return st;
}

/* ---- the run ------------------------------------------------------------ */

enum status importer_run(struct db *db, const struct importer_opts *o, struct importer_result *r)
{
	struct run run = {.db = db, .o = o, .r = r, .size = -1};
	enum status st;
	bool commit;

	r->layout = o->book ? LAYOUT_BOOK : LAYOUT_CSV;
	if ((st = db_import_begin(db, o->stamp, &run.im)) != STATUS_OK)
		return st;
	snprintf(run.label, sizeof(run.label), "importing %s",
		 o->book ? "the book" : import_kind_name(o->kind));
	st = o->book ? run_book(&run) : run_csv(&run);
	commit = st == STATUS_OK && !o->dry_run && (r->nbad == 0 || o->skip_bad);
	if (commit)
		progress(&run, -1, true);
	if (st == STATUS_OK)
		st = db_import_end(run.im, commit);
	else
		db_import_end(run.im, false);
	r->committed = commit && st == STATUS_OK;
	progress_finish(o->progress);
	return st;
}

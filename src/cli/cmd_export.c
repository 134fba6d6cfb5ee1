/*
 * acctplan export KIND: every row of a core table as CSV, JSON or YAML on
 * stdout, streamed, in id order; or the whole book. Columns carry the
 * importer's field names, so what export writes, import reads: a csv
 * edited in a spreadsheet goes back with `import KIND FILE`, and `export
 * book --format yaml` read by `import book` into a new file gives the same
 * rows, ids included. CSV cells a spreadsheet would run are neutralised
 * (csv_cell()); JSON prints ids as strings. export plays is the plays,
 * gated, for the CRM (cmd_plays_export(), cmd_plays.c).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/bookfile.h"
#include "acctplan/progress.h"
#include "acctplan/transfer.h"
#include "cli.h"

enum {
	KIND_ACCOUNTS,
	KIND_CONTACTS,
	KIND_RESPONSES,
	KIND_NOTES,
	KIND_PROBLEMS,
	KIND_CONDITIONS,
	KIND_BOOK,
	KIND_PLAYS
};
static const char *const kinds[] = {"accounts",   "contacts", "responses", "notes", "problems",
				    "conditions", "book",     "plays",     NULL};
static const enum import_kind kind_of[] = {IMPORT_ACCOUNTS, IMPORT_CONTACTS, IMPORT_RESPONSES,
					   IMPORT_NOTES,    IMPORT_PROBLEMS, IMPORT_CONDITIONS};

/* The book's sections, in the order their references need (referrals and
 * plays name accounts and buyers). */
static const enum import_kind book_order[] = {IMPORT_DEFECTS,    IMPORT_ACCOUNTS,  IMPORT_CONTACTS,
					      IMPORT_RESPONSES,  IMPORT_PROBLEMS,  IMPORT_NOTES,
					      IMPORT_CONDITIONS, IMPORT_REFERRALS, IMPORT_PLAYS};

struct export_opts {
	int kind;
};

/* Where rows go. */
struct sink {
	enum format fmt;
	const struct db_export_col *cols;
	size_t ncols;
	struct table table;           /* csv */
	struct json json;             /* json */
	struct bookfile_writer *book; /* yaml */
	bool failed;
	const struct progress *progress; /* the line on a terminal (cli_progress_rows()) */
	char label[64];                  /* "exporting KIND" */
	int64_t rows;                    /* written under that label */
};

/* After each row: the progress line now and then, and whether writing
 * failed (a closed pipe), which stops the export. */
static int row_done(struct sink *s)
{
	if (++s->rows % PROGRESS_EVERY == 1)
		progress_update(s->progress, s->label, s->rows, 0);
	return ferror(stdout) ? 1 : 0;
}

static int csv_row(const struct db_export_row *r, void *ctx)
{
	struct sink *s = ctx;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->null[i])
			table_null(&s->table);
		else if (s->cols[i].type == DBX_ID || s->cols[i].type == DBX_INT)
			table_int(&s->table, r->num[i]);
		else
			table_str(&s->table, r->text[i]);
	}
	table_row_end(&s->table);
	return row_done(s);
}

static void json_list(struct json *j, const char *items)
{
	const char *p = items;
	char one[64];

	json_array(j);
	while (*p) {
		size_t len = strcspn(p, ",");
		if (len && len < sizeof(one)) {
			memcpy(one, p, len);
			one[len] = '\0';
			json_str(j, one);
		}
		p += len;
		if (*p)
			p++;
	}
	json_end(j, ']');
}

static int json_row(const struct db_export_row *r, void *ctx)
{
	struct sink *s = ctx;
	size_t i;

	json_object(&s->json);
	for (i = 0; i < r->n; i++) {
		json_key(&s->json, s->cols[i].name);
		if (r->null[i])
			json_null(&s->json);
		else if (s->cols[i].type == DBX_ID)
			json_id(&s->json, r->num[i]);
		else if (s->cols[i].type == DBX_INT)
			json_int(&s->json, r->num[i]);
		else if (s->cols[i].type == DBX_LIST)
			json_list(&s->json, r->text[i]);
		else
			json_str(&s->json, r->text[i]);
	}
	json_end(&s->json, '}');
	return row_done(s);
}

static int yaml_row(const struct db_export_row *r, void *ctx)
{
	struct sink *s = ctx;
	size_t i;

	bookfile_record(s->book);
	for (i = 0; i < r->n; i++) {
		const char *name = s->cols[i].name;

		if (s->cols[i].type == DBX_ID)
			bookfile_id(s->book, name, r->null[i] ? 0 : r->num[i]);
		else if (s->cols[i].type == DBX_LIST)
			bookfile_list(s->book, name, r->text[i]);
		else if (r->null[i])
			bookfile_text(s->book, name, NULL);
		else if (s->cols[i].type == DBX_INT)
			bookfile_int(s->book, name, r->num[i]);
		else
			bookfile_text(s->book, name, r->text[i]);
	}
	return row_done(s);
}

/* One table: csv and json of a list, or a section of a book. */
static enum status export_kind(struct db *db, struct sink *s, enum import_kind k, bool book)
{
	struct column cols[32];
	enum status st;
	size_t i;

	s->cols = db_export_columns(k, book, &s->ncols);
	snprintf(s->label, sizeof(s->label), "exporting %s", import_kind_name(k));
	s->rows = 0;
	switch (s->fmt) {
	case FMT_CSV:
		for (i = 0; i < s->ncols && i < 32; i++)
			cols[i] = (struct column){.key = s->cols[i].name, .title = s->cols[i].name};
		table_begin(&s->table, stdout, FMT_CSV, cols, (int)s->ncols);
		st = db_export(db, k, book, csv_row, s);
		table_end(&s->table);
		return st;
	case FMT_JSON:
		if (book)
			json_key(&s->json, import_kind_name(k));
		json_array(&s->json);
		st = db_export(db, k, book, json_row, s);
		json_end(&s->json, ']');
		return st;
	default:
		bookfile_section(s->book, import_kind_name(k));
		return db_export(db, k, true, yaml_row, s);
	}
}

static int export_run(struct cli *c, void *arg)
{
	const struct export_opts *o = arg;
	struct sink s = {.fmt = c->format, .progress = cli_progress_rows()};
	struct db *db = NULL;
	enum status st = STATUS_OK, wst = STATUS_OK;
	bool book = o->kind == KIND_BOOK;
	size_t i;
	int r;

	/* plays are what acctplan plays lists, gated, for the CRM to read */
	if (o->kind == KIND_PLAYS) {
		if (c->format_set && c->format == FMT_YAML)
			return cli_usage("export plays is csv or json");
		return cmd_plays_export(c);
	}
	if (book && c->format_set && c->format == FMT_CSV)
		return cli_usage("export book is several tables: --format yaml or json");
	if (book && !c->format_set)
		s.fmt = FMT_YAML;
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_export_begin(db)) != STATUS_OK)
		goto out;
	if (s.fmt == FMT_JSON)
		json_init(&s.json, stdout);
	if (s.fmt == FMT_YAML)
		s.book = bookfile_writer_new(stdout);
	if (book) {
		if (s.fmt == FMT_JSON) {
			json_object(&s.json);
			json_key_int(&s.json, "acctplan_book", BOOKFILE_VERSION);
		}
		for (i = 0; st == STATUS_OK && i < CLI_COUNT(book_order); i++)
			st = export_kind(db, &s, book_order[i], true);
		if (s.fmt == FMT_JSON)
			json_end(&s.json, '}');
	} else {
		/* a yaml list is a book of that one section: import book reads it */
		st = export_kind(db, &s, kind_of[o->kind], s.fmt == FMT_YAML);
	}
	if (s.fmt == FMT_JSON)
		json_done(&s.json);
	if (s.book)
		wst = bookfile_end(s.book);
	progress_finish(s.progress);
	db_export_done(db);
	if (st == STATUS_OK && (wst != STATUS_OK || fflush(stdout) != 0 || ferror(stdout)))
		st = status_set(STATUS_IO, "writing the export failed");
out:
	return cli_close(db, st);
}

#define O(f) offsetof(struct export_opts, f)
static const struct cli_opt options[] = {
	CLI_ENUM_ARG("KIND", CLI_REQUIRED, O(kind), kinds, "what to write"),
};
#undef O

const struct cli_cmd cmd_export = {
	.name = "export",
	.summary = "write accounts, buyers, responses, notes, problems, plans, plays or the book",
	.description =
		"Writes every row of KIND to standard output in id order: CSV by default\n"
		"(cells a spreadsheet would run as a formula get a leading apostrophe, which\n"
		"import takes away again), JSON (ids as strings), or YAML. The columns are\n"
		"named as import reads them, so an exported csv edited in a spreadsheet goes\n"
		"back with acctplan import KIND FILE. A YAML list is a book of that one\n"
		"section. With stdout in a file or a pipe and stderr on a terminal, a line\n"
		"on stderr counts the rows as they go.\n"
		"\n"
		"KIND book is every table (defects, accounts, contacts, responses, problems,\n"
		"notes, conditions, referrals, and the plays a CRM suggested), as YAML by\n"
		"default or JSON: acctplan import book reads it back into another file with\n"
		"the same rows, ids included.\n"
		"\n"
		"KIND plays is every play of acctplan plays, each with its status (go or\n"
		"wait) and reason, for the CRM to read back, so that its own automation fires\n"
		"only the plays marked go: CSV or JSON, the columns of acctplan plays --format\n"
		"csv (account_ref is the account's external_ref, external_ref the CRM's own id\n"
		"for a play it suggested): acctplan import plays reads it back, skipping the\n"
		"rules' own plays.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_FMT(FMT_CSV) | CLI_FMT(FMT_JSON) | CLI_FMT(FMT_YAML),
	.size = sizeof(struct export_opts),
	.run = export_run,
};

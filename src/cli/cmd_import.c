/*
 * acctplan import KIND FILE: accounts, buyers and survey answers from the
 * files people have (our own csv, HubSpot, Salesforce, Qualtrics,
 * SurveyMonkey), the plays a CRM suggests (its task export, or what export
 * plays wrote), or a whole book from our YAML. The run itself is the
 * model's (importer.h): one transaction, committed only when every row is
 * good (or --skip-bad) and never on --dry-run. Here: the options, the
 * file, the progress line on a terminal, and the report.
 *
 * The report is the summary on stdout ("3 new, 1 updated, 0 unchanged,
 * 1 skipped, 0 bad"), or with --format json the one object
 * {"kind", "new", "updated", "unchanged", "skipped", "bad": [{"line",
 * "reason"}]}; in text each bad row is a line of its own on stderr,
 * "FILE:LINE: reason", as compilers name theirs. Bad rows without
 * --skip-bad end with one more stderr line and exit 1: nothing imported.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/colmap.h"
#include "acctplan/importer.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"
#include "cli.h"

enum { KIND_ACCOUNTS, KIND_CONTACTS, KIND_RESPONSES, KIND_PLAYS, KIND_BOOK };
static const char *const kinds[] = {"accounts", "contacts", "responses", "plays", "book", NULL};
static const enum import_kind kind_of[] = {IMPORT_ACCOUNTS, IMPORT_CONTACTS, IMPORT_RESPONSES,
					   IMPORT_PLAYS};

/* --from: auto, then the layouts of import.h in their order. */
static const char *const froms[] = {"auto",      "csv",          "hubspot", "salesforce",
				    "qualtrics", "surveymonkey", NULL};

struct import_opts {
	int kind, from;
	const char *file, *map;
	bool dry_run, skip_bad;
};

/* ---- the test hook -------------------------------------------------------------- */

/* The test hook: ACCTPLAN_TEST_KILL_AFTER_ROWS=N kills the process with
 * SIGKILL once N rows are written, inside the import's transaction. */
static void row_written(long rows, void *ctx)
{
	const long *kill_after = ctx;

	if (*kill_after > 0 && rows >= *kill_after) {
		fflush(stdout);
		raise(SIGKILL);
	}
}

/* ---- the report --------------------------------------------------------------- */

static const char *kind_label(const struct import_opts *o)
{
	return kinds[o->kind];
}

static void counts_line(struct strbuf *sb, const long *count, long skipped, size_t bad)
{
	strbuf_addf(sb, "%ld new, %ld updated, %ld unchanged, %ld skipped, %zu bad", count[DBI_NEW],
		    count[DBI_UPDATED], count[DBI_UNCHANGED], skipped, bad);
}

static void report_text(const struct import_opts *o, const char *name,
			const struct importer_result *r)
{
	struct strbuf sb;
	int k;

	strbuf_init(&sb);
	if (o->dry_run)
		strbuf_adds(&sb, "dry run, nothing written: ");
	strbuf_addf(&sb, "%s from ", kind_label(o));
	text_line(&sb, name);
	strbuf_addf(&sb, " (%s): ", layout_name(r->layout));
	counts_line(&sb, r->total, r->total_skipped, r->nbad);
	puts(sb.buf);
	if (o->kind == KIND_BOOK)
		for (k = 0; k < IMPORT_KIND_COUNT; k++) {
			const long *c = r->count[k];
			if (!c[DBI_NEW] && !c[DBI_UPDATED] && !c[DBI_UNCHANGED] && !r->skipped[k])
				continue;
			strbuf_reset(&sb);
			strbuf_addf(&sb, "  %-11s ", import_kind_name((enum import_kind)k));
			strbuf_addf(&sb, "%ld new, %ld updated, %ld unchanged, %ld skipped",
				    c[DBI_NEW], c[DBI_UPDATED], c[DBI_UNCHANGED], r->skipped[k]);
			puts(sb.buf);
		}
	if (o->dry_run && r->mapping[0]) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, "columns: ");
		text_line(&sb, r->mapping);
		puts(sb.buf);
	}
	strbuf_done(&sb);
}

static void report_json(const struct import_opts *o, const struct importer_result *r)
{
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_object(&j);
	json_key_str(&j, "kind", kind_label(o));
	json_key_int(&j, "new", r->total[DBI_NEW]);
	json_key_int(&j, "updated", r->total[DBI_UPDATED]);
	json_key_int(&j, "unchanged", r->total[DBI_UNCHANGED]);
	json_key_int(&j, "skipped", r->total_skipped);
	json_key(&j, "bad");
	json_array(&j);
	for (i = 0; i < r->nbad; i++) {
		json_object(&j);
		json_key_int(&j, "line", r->bad[i].line);
		json_key_str(&j, "reason", r->bad[i].reason);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_end(&j, '}');
	json_done(&j);
}

/* Each bad row on stderr as "FILE:LINE: reason", one safe line each. */
static void report_bad(const char *name, const struct importer_result *r)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < r->nbad; i++) {
		char *line = xasprintf("%s:%ld: %s", name, r->bad[i].line, r->bad[i].reason);
		strbuf_reset(&sb);
		text_line(&sb, line);
		fprintf(stderr, "%s\n", sb.buf);
		free(line);
	}
	strbuf_done(&sb);
}

/* ---- the file and the book --------------------------------------------------- */

static int open_input(const char *file, int *fd)
{
	struct stat sb;

	if (!strcmp(file, "-")) {
		*fd = STDIN_FILENO;
		return EXIT_OK;
	}
	if ((*fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		cli_message("%s: %s", file, strerror(errno));
		return EXIT_RUNTIME;
	}
	if (fstat(*fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
		cli_message("%s: is a directory, not a file to import", file);
		close(*fd);
		return EXIT_RUNTIME;
	}
	/* a FIFO may be read, but blocking, as standard input is */
	fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK);
	return EXIT_OK;
}

/* A dry run into a book that is not there yet: a new book in temp, never
 * the path itself, so the dry run makes no file. *tmp is freed and the
 * files removed by forget_temp(). */
static int open_temp_book(struct cli *c, struct db **db, char **tmp)
{
	const char *dir = getenv("TMPDIR");
	enum status st;
	int fd;

	*tmp = xasprintf("%s/acctplan-dry-run-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(*tmp)) < 0) {
		cli_message("%s: %s", *tmp, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return EXIT_RUNTIME;
	}
	close(fd);
	if ((st = db_open(*tmp, DB_CREATE, db)) != STATUS_OK ||
	    (st = db_refresh(*db, &c->app.config.rules, c->app.today)) != STATUS_OK)
		return cli_fail(st);
	return EXIT_OK;
}

static void forget_temp(char *tmp)
{
	if (!tmp)
		return;
	db_remove(tmp);
	free(tmp);
}

static bool book_missing(struct cli *c)
{
	char *path = app_db_path(&c->app);
	struct stat sb;
	bool missing = stat(path, &sb) != 0 && errno == ENOENT;

	free(path);
	return missing;
}

static int import_run(struct cli *c, void *arg)
{
	const struct import_opts *o = arg;
	struct importer_opts io;
	struct importer_result res;
	long kill_after;
	struct colmap map;
	struct db *db = NULL;
	char stamp[APP_STAMP_LEN], *tmp = NULL;
	const char *kill = getenv("ACCTPLAN_TEST_KILL_AFTER_ROWS");
	const char *name = !strcmp(o->file, "-") ? "(standard input)" : o->file;
	enum status st;
	int r, fd = -1, rc = EXIT_OK;

	colmap_init(&map);
	importer_result_init(&res);
	if (o->kind == KIND_BOOK && (o->from > 0 || o->map))
		return cli_usage("import book reads our own book file: --from and --map are for"
				 " accounts, contacts, responses and plays");
	if (o->kind != KIND_BOOK && o->from > 0 &&
	    !layout_has((enum layout)(o->from - 1), kind_of[o->kind]))
		return cli_usage(
			"--from %s has no %s (it exports %s)", froms[o->from], kinds[o->kind],
			o->from - 1 == LAYOUT_QUALTRICS || o->from - 1 == LAYOUT_SURVEYMONKEY
				? "responses"
			: o->from - 1 == LAYOUT_CSV ? "accounts, contacts, responses and plays"
						    : "accounts and contacts");
	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (o->map && (st = colmap_load(&map, o->map)) != STATUS_OK) {
		rc = st == STATUS_CONFIG ? cli_usage("%s", status_detail()) : cli_fail(st);
		goto out;
	}
	if ((rc = open_input(o->file, &fd)) != EXIT_OK)
		goto out;
	if (o->dry_run && book_missing(c))
		rc = open_temp_book(c, &db, &tmp);
	else
		rc = o->dry_run ? cli_open(c, &db) : cli_open_rw(c, &db);
	if (rc != EXIT_OK)
		goto out;

	kill_after = kill && *kill ? atol(kill) : 0;
	memset(&io, 0, sizeof(io));
	io.book = o->kind == KIND_BOOK;
	io.kind = io.book ? IMPORT_ACCOUNTS : kind_of[o->kind];
	io.layout = o->from > 0 ? o->from - 1 : -1;
	io.name = name;
	io.fd = fd;
	io.map = o->map ? &map : NULL;
	io.dry_run = o->dry_run;
	io.skip_bad = o->skip_bad;
	io.today = c->app.today;
	io.stamp = app_stamp(&c->app, stamp);
	io.progress = cli_progress();
	io.row_written = kill_after > 0 ? row_written : NULL;
	io.ctx = &kill_after;
	st = importer_run(db, &io, &res);
	if (st == STATUS_USAGE) {
		rc = cli_usage("%s", status_detail());
		goto out;
	}
	if (st != STATUS_OK) {
		rc = cli_fail(st);
		goto out;
	}
	if (c->format == FMT_JSON) {
		report_json(o, &res);
	} else {
		report_bad(name, &res);
		report_text(o, name, &res);
	}
	if (res.nbad && !o->skip_bad) {
		cli_message(
			"%zu bad row%s in %s: nothing imported (fix them, or --skip-bad to import"
			" the others)",
			res.nbad, res.nbad == 1 ? "" : "s", name);
		rc = EXIT_RUNTIME;
	} else if (res.committed) {
		fflush(stdout);
		cli_after_commit();
	}
out:
	db_close(db);
	forget_temp(tmp);
	if (fd > STDIN_FILENO)
		close(fd);
	importer_result_done(&res);
	colmap_done(&map);
	return rc;
}

#define O(f) offsetof(struct import_opts, f)
static const struct cli_opt options[] = {
	CLI_ENUM_ARG("KIND", CLI_REQUIRED, O(kind), kinds, "what the file holds"),
	CLI_TEXT_ARG("FILE", CLI_REQUIRED | CLI_NONEMPTY, O(file),
		     "the file to import; - reads standard input"),
	CLI_ENUM_OPT("--from", "LAYOUT", 0, O(from), froms,
		     "whose export FILE is (default auto: recognised from its header)"),
	CLI_TEXT_OPT("--map", "FILE.yaml", CLI_NONEMPTY, O(map),
		     "columns: {FIELD: \"Header\"}: where the fields are, beside or instead of the"
		     " layout's own"),
	CLI_FLAG_OPT("--dry-run", 0, O(dry_run),
		     "say what would be new, updated, unchanged, skipped and bad; write nothing"),
	CLI_FLAG_OPT("--skip-bad", 0, O(skip_bad),
		     "import the good rows even when some are bad (each is still named)"),
};
#undef O

const struct cli_cmd cmd_import = {
	.name = "import",
	.summary = "bring your own book: accounts, buyers, survey responses, a CRM's plays, or a"
		   " whole book",
	.description =
		"Imports FILE into the book (--db; a book that does not exist yet is made).\n"
		"KIND accounts, contacts, responses and plays read a CSV (UTF-8 with or\n"
		"without a BOM, CRLF or LF, separated by commas, semicolons or tabs), in one\n"
		"of these layouts, recognised from the header (--from auto) or given:\n"
		"  csv           our own columns, as acctplan export writes them\n"
		"  hubspot       the companies and contacts exports\n"
		"  salesforce    account and contact reports\n"
		"  qualtrics     a response export (three header rows; previews, spam and\n"
		"                unfinished responses without a score are skipped)\n"
		"  surveymonkey  a response export (two header rows)\n"
		"--map FILE.yaml (columns: {FIELD: \"Header\"}) adds or moves columns; FIELD is\n"
		"one of our own column names (acctplan export KIND shows them).\n"
		"\n"
		"KIND plays reads the plays a CRM suggests (csv layout): account_ref (the\n"
		"account's id in the CRM; or Account ID, Company ID), account_id (ours),\n"
		"account (or Account Name, Company Name), play (or Task Title, Task,\n"
		"Subject), due (or Due Date, Activity Date, since), external_ref (the CRM's\n"
		"id for the play; or Record ID, Task ID, Activity ID), source (default crm).\n"
		"It reads what acctplan export plays writes: the rules' own plays there\n"
		"(kind other than crm, or source rules) are skipped, and counted. A play is\n"
		"matched by source and external_ref, else by its account and name (any\n"
		"case); acctplan plays lists it, gated.\n"
		"\n"
		"KIND book reads the YAML (or JSON) of acctplan export book, ids and all;\n"
		"a book of an earlier version, without referrals and plays, reads too.\n"
		"\n"
		"Rows are matched, so importing a file again creates nothing new: an\n"
		"account by id, then external_ref, then name (any case); a buyer by id,\n"
		"external_ref, then email; a response by id, then external_ref, else by its\n"
		"account, buyer, day, score and comment. Where a row names an account, it is\n"
		"matched by external_ref, then id, then name; a buyer by external_ref, id,\n"
		"then email. A matched row gets the fields the file has; holds, plans and\n"
		"notes are never touched. A play's account: account_ref, then account_id,\n"
		"then account, the first that matches.\n"
		"\n"
		"All of it is one transaction. A bad row is named on stderr as FILE:LINE:\n"
		"reason (header rows counted) and nothing is imported (exit 1) unless\n"
		"--skip-bad is given. --format json prints {\"kind\", \"new\", \"updated\",\n"
		"\"unchanged\", \"skipped\", \"bad\": [{\"line\", \"reason\"}]}. On a terminal a\n"
		"progress line shows on stderr.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON),
	.size = sizeof(struct import_opts),
	.run = import_run,
};

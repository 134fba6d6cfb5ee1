/* acctplan sample: the sample book, or a synthetic book for benchmarks. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "acctplan/date.h"
#include "acctplan/sample.h"
#include "acctplan/xalloc.h"
#include "cli.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct sample_opts {
	const char *out;
	long accounts, seed;
	bool force;
};

static int sample_run(struct cli *c, void *arg)
{
	const struct sample_opts *o = arg;
	const char *out = o->out;
	long accounts = o->accounts;
	unsigned long long seed = (unsigned long long)o->seed;
	bool force = o->force;
	struct db *db = NULL;
	struct stat sb;
	enum status st;
	char *tmp = NULL, what[160];
	double t0 = now_seconds();
	int r;

	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (stat(out, &sb) == 0 && !force)
		return cli_usage(
			"%s already exists; choose another file or add --force to replace it", out);
	/* before the work of building it: db_replace() asks again at the end */
	if ((st = db_replace_check(out)) != STATUS_OK)
		return cli_fail(st);

	tmp = xasprintf("%s.tmp-%ld", out, (long)getpid());
	unlink(tmp);
	if ((st = db_open(tmp, DB_CREATE, &db)) != STATUS_OK)
		goto fail;
	/* stable ids: stable test output; a synthetic book's ascend, so that
	 * a million accounts load as appends */
	if (accounts)
		db_bulk_ids(db, seed);
	else
		db_seed_ids(db, 20261120);
	if ((st = db_bulk_begin(db)) != STATUS_OK)
		goto fail;
	if (accounts) {
		struct synth_stats s;
		if ((st = sample_synth(db, accounts, seed, c->app.today, &c->app.config.rules,
				       c->app.progress, &s)) != STATUS_OK)
			goto fail;
		snprintf(what, sizeof(what),
			 "%ld accounts, %ld contacts, %ld responses, %ld notes, %ld problems,"
			 " %ld actions",
			 s.accounts, s.contacts, s.responses, s.notes, s.problems, s.actions);
	} else {
		if ((st = sample_load_book(db, "sample-db/book.yaml", sample_book_yaml,
					   sample_book_yaml_len, c->app.today)) != STATUS_OK)
			goto fail;
		snprintf(what, sizeof(what), "sample book");
	}
	/* the indexes, the search tables and the standings of a big book take
	 * a while: the terminal sees each stage */
	db_set_progress(db, c->app.progress);
	progress_update(c->app.progress, "indexing the book", 0, 0);
	st = db_bulk_end(db);
	progress_finish(c->app.progress);
	if (st != STATUS_OK ||
	    (!accounts && (st = sample_history(db, &c->app.config.rules, c->app.today,
					       SAMPLE_HISTORY_DAYS)) != STATUS_OK) ||
	    (st = db_refresh(db, &c->app.config.rules, c->app.today)) != STATUS_OK)
		goto fail;
	db_close(db);
	db = NULL;
	if ((st = db_replace(tmp, out)) != STATUS_OK)
		goto fail;
	/* said once it is in place: a failure is one line of its own */
	cli_message("%s written to %s in %.1f s", what, out, now_seconds() - t0);
	free(tmp);
	return EXIT_OK;
fail:
	db_close(db);
	if (tmp)
		db_remove(tmp);
	free(tmp);
	return cli_fail(st);
}

#define O(f) offsetof(struct sample_opts, f)
static const struct cli_opt options[] = {
	CLI_TEXT_OPT("--out", "FILE", CLI_REQUIRED | CLI_NONEMPTY, O(out), "the new database file"),
	CLI_INT_OPT("--accounts", "N", 0, O(accounts), 1, 10000000, 0,
		    "a synthetic book of N accounts instead of the sample"),
	CLI_INT_OPT("--seed", "S", 0, O(seed), 0, LONG_MAX, 1,
		    "the synthetic book's seed (default 1): the same seed, the same book"),
	CLI_FLAG_OPT("--force", 0, O(force), "replace FILE if it exists"),
};
#undef O

const struct cli_cmd cmd_sample = {
	.name = "sample",
	.summary = "write the sample book, or a large synthetic one, to a new file",
	.usage = "--out FILE [--force]\n"
		 "--accounts N [--seed S] --out FILE [--force]\n",
	.description =
		"Writes the bundled sample book (a fictional workwear and safety supplier,\n"
		"about 60 accounts, two years of feedback, eight weeks of history and two\n"
		"past standups) to a new database FILE, its dates moved so the book is\n"
		"current as of today. With --accounts, writes a synthetic book of N accounts\n"
		"instead (about 3 buyers, 10 responses, 2 notes each, 14 days of history),\n"
		"the same for the same seed. FILE must not exist unless --force is\n"
		"given; it is written beside FILE and renamed into place when complete,\n"
		"after the old file's -wal, -shm and -journal files are removed. A file\n"
		"another program has open is not replaced.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_PLAIN,
	.size = sizeof(struct sample_opts),
	.run = sample_run,
};

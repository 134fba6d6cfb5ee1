/* acctplan sample: the sample book, or a synthetic book for benchmarks. */
#include <errno.h>
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

static const char sample_help[] =
	"usage: acctplan sample --out FILE [--force]\n"
	"       acctplan sample --accounts N [--seed S] --out FILE [--force]\n"
	"\n"
	"Writes the bundled sample book (a fictional workwear and safety supplier,\n"
	"about 60 accounts and two years of feedback) to a new database FILE, its\n"
	"dates moved so the book is current as of today. With --accounts, writes a\n"
	"synthetic book of N accounts instead (about 3 buyers, 10 responses, 2 notes\n"
	"each), the same for the same seed. FILE must not exist unless --force is\n"
	"given; it is written beside FILE and renamed into place when complete,\n"
	"after the old file's -wal, -shm and -journal files are removed. A file\n"
	"another program has open is not replaced.\n";

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_sample(struct cli *c)
{
	const char *out = NULL, *v;
	long accounts = 0;
	unsigned long long seed = 1;
	bool force = false;
	struct db *db = NULL;
	struct stat sb;
	enum status st;
	char *tmp = NULL, *wal = NULL, *end, what[160];
	double t0 = now_seconds();
	int r;

	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if ((r = cli_option(c, "--out", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			out = v;
		} else if ((r = cli_option(c, "--accounts", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			accounts = strtol(v, &end, 10);
			if (*end || accounts < 1 || accounts > 10000000)
				return cli_usage(
					"--accounts needs a whole number from 1 to 10000000, not \"%.20s\"",
					v);
		} else if ((r = cli_option(c, "--seed", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			errno = 0;
			seed = strtoull(v, &end, 10);
			if (*end || !*v || errno || *v == '-')
				return cli_usage("--seed needs a whole number, not \"%.20s\"", v);
		} else if (!strcmp(c->argv[c->i], "--force")) {
			force = true;
			c->i++;
		} else {
			return cli_usage(
				"sample: unexpected argument \"%.40s\" (see acctplan sample --help)",
				c->argv[c->i]);
		}
	}
	if (c->help) {
		fputs(sample_help, stdout);
		return EXIT_OK;
	}
	if (!out)
		return cli_usage("sample: where to? (acctplan sample --out FILE)");
	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (stat(out, &sb) == 0 && !force)
		return cli_usage(
			"%s already exists; choose another file or add --force to replace it", out);
	/* before the work of building it: db_replace() asks again at the end */
	if ((st = db_replace_check(out)) != STATUS_OK)
		return cli_fail(st);

	tmp = xasprintf("%s.tmp-%ld", out, (long)getpid());
	wal = xasprintf("%s-wal", tmp);
	unlink(tmp);
	if ((st = db_open(tmp, DB_CREATE, &db)) != STATUS_OK)
		goto fail;
	db_seed_ids(db, accounts ? seed : 20261120); /* stable ids: stable test output */
	if ((st = db_bulk_begin(db)) != STATUS_OK)
		goto fail;
	if (accounts) {
		struct synth_stats s;
		if ((st = sample_synth(db, accounts, seed, c->app.today, &s)) != STATUS_OK)
			goto fail;
		snprintf(what, sizeof(what),
			 "%ld accounts, %ld contacts, %ld responses, %ld notes, %ld problems",
			 s.accounts, s.contacts, s.responses, s.notes, s.problems);
	} else {
		if ((st = sample_load_book(db, "sample-db/book.yaml", sample_book_yaml,
					   sample_book_yaml_len, c->app.today)) != STATUS_OK)
			goto fail;
		snprintf(what, sizeof(what), "sample book");
	}
	if ((st = db_bulk_end(db)) != STATUS_OK ||
	    (st = db_refresh(db, &c->app.config.rules, c->app.today)) != STATUS_OK)
		goto fail;
	db_close(db);
	db = NULL;
	if ((st = db_replace(tmp, out)) != STATUS_OK)
		goto fail;
	/* said once it is in place: a failure is one line of its own */
	fprintf(stderr, "acctplan: %s written to %s in %.1f s\n", what, out, now_seconds() - t0);
	free(tmp);
	free(wal);
	return EXIT_OK;
fail:
	db_close(db);
	if (tmp) {
		unlink(tmp);
		unlink(wal);
		free(wal);
		wal = xasprintf("%s-shm", tmp);
		unlink(wal);
	}
	free(tmp);
	free(wal);
	return cli_fail(st);
}

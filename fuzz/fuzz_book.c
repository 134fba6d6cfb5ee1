/* libFuzzer: the sample book loader on any bytes, into a real database
 * file. A bad book is refused with "name:line:col"-style detail and leaves
 * the database as it was (one transaction); a good one loads and the
 * standings refresh over whatever it contained. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctplan/db.h"
#include "acctplan/rules.h"
#include "acctplan/sample.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;
static char path[256];
static struct rules rules;
static const int today = 20777; /* 2026-11-20 */

static void fresh_db(void)
{
	db_close(db);
	db = NULL;
	unlink(path);
	if (db_open(path, DB_CREATE, &db) != STATUS_OK) {
		fprintf(stderr, "fuzz_book: %s\n", status_detail());
		abort();
	}
	db_seed_ids(db, 1);
}

static void cleanup(void)
{
	char side[300];

	db_close(db);
	db = NULL;
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static int count_cb(const struct account_row *row, void *ctx)
{
	(void)row;
	++*(long *)ctx;
	return 0;
}

static long count_accounts(void)
{
	struct account_filter f;
	long n = 0;

	account_filter_init(&f);
	f.all_statuses = true;
	if (db_accounts(db, &f, count_cb, &n) != STATUS_OK)
		abort();
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum status st;

	if (!db) {
		const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(path, sizeof(path), "%s/acctplan-fuzz-book-%ld.db", dir, (long)getpid());
		rules_defaults(&rules);
		fresh_db();
		atexit(cleanup);
	}
	st = sample_load_book(db, "fuzz.yaml", (const char *)data, size, today);
	if (st != STATUS_OK) {
		/* refused: nothing of it landed */
		if (db_refresh(db, &rules, today) != STATUS_OK || count_accounts() != 0)
			abort();
		return 0;
	}
	if (db_refresh(db, &rules, today) != STATUS_OK)
		abort();
	(void)count_accounts();
	fresh_db(); /* the next input starts from an empty file */
	return 0;
}

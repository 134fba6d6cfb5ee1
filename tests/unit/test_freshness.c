/* Never stale: a commit another program makes to the file is news to an
 * open book from the moment db_open() returns, before its first look (the
 * console missed one that landed between its first read and its first
 * question), and only once; its own writes are not news. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "acctplan/db.h"

static void other_program_writes(const char *path)
{
	sqlite3 *other = NULL;

	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	sqlite3_busy_timeout(other, 5000);
	assert_int_equal(sqlite3_exec(other, "INSERT INTO meta_freshness_probe VALUES (1)", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(other);
}

static void test_commit_after_open_is_news(void **state)
{
	char dir[] = "/tmp/acctplan-fresh.XXXXXX";
	char path[64];
	struct db *db = NULL;
	sqlite3 *setup = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/book.db", dir);
	assert_int_equal(db_open(path, DB_CREATE, &db), STATUS_OK);
	db_close(db);
	assert_int_equal(sqlite3_open(path, &setup), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(setup, "CREATE TABLE meta_freshness_probe (x)", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(setup);

	assert_int_equal(db_open(path, 0, &db), STATUS_OK);
	/* nobody wrote since the open: nothing is news */
	assert_false(db_changed(db));
	/* another program commits before our first question */
	other_program_writes(path);
	assert_true(db_changed(db));
	/* told once */
	assert_false(db_changed(db));
	db_close(db);

	/* the same when the commit lands before any question at all */
	assert_int_equal(db_open(path, 0, &db), STATUS_OK);
	other_program_writes(path);
	assert_true(db_changed(db));
	db_close(db);

	unlink(path);
	snprintf(path, sizeof(path), "%s/book.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/book.db-shm", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_after_open_is_news),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

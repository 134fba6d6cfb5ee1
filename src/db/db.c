/*
 * Opening a file safely, and migrating it.
 *
 * Order matters. The path is judged before SQLite sees it: only a regular
 * file is read (a FIFO, device or socket is refused at once, never opened
 * for reading), and its header is read with plain read(2): SQLite at all,
 * acctplan's application id, a schema version this build knows. Only a
 * missing or zero-length file becomes a new book; any other file without
 * acctplan's id, an empty SQLite file made by another tool included, is
 * foreign and left as it is. Then SQLite opens it: a small file is checked
 * with PRAGMA quick_check at once, a big one before the first write of the
 * session, and a file found damaged (then, or by any statement later) is
 * never written to. An older file is migrated in one transaction, then put
 * in WAL mode (a new one after its schema is made, so a crash leaves either
 * nothing or a whole book).
 *
 * Migrations (doc/schema.md): migrations[N - 1] takes a file from
 * user_version N - 1 to N, from src/db/schema/NNN-*.sql. A new file runs
 * every step, an older one the steps it misses, all in one transaction
 * with the user_version bump: on failure it is rolled back and the file is
 * unchanged. Every schema change is a new numbered step, tested on a file
 * the previous release wrote (tests/db/migrate.sh); a released step is
 * never edited.
 *
 * A read-only file is opened read-only, not immutable, so changes another
 * program commits (to its WAL too) are seen and db_refresh() notices them.
 * SQLite then needs the -wal and -shm files beside it; those it has to make
 * are removed at close when no other program has the file open. Only a WAL
 * file in a directory we cannot write, without both files already there,
 * has no other way: it is opened immutable, a snapshot, and its read-only
 * reason says so.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifndef __APPLE__
#include <sys/random.h>
#endif
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

/* Files up to this size are checked (PRAGMA quick_check, about 3 ms a MB,
 * so some 40 ms at most) when opened; bigger ones before the session's
 * first write. The test hook ACCTPLAN_TEST_CHECK_AT_OPEN_MAX=BYTES moves
 * the line (tests/db/open.sh). */
#define DB_CHECK_AT_OPEN_MAX ((off_t)16 * 1024 * 1024)

struct migration {
	const char *file; /* src/db/schema/ */
	const char *sql;
};

/* migrations[N - 1] takes a file from user_version N - 1 to N. Append only. */
/* clang-format off: one step a line */
static const struct migration migrations[] = {
	{"001-initial.sql", db_schema_001},
	{"002-derived-by-name.sql", db_schema_002},
	{"003-history-standups.sql", db_schema_003},
	{"004-edit-history.sql", db_schema_004},
	{"005-import-refs.sql", db_schema_005},
	{"006-scale.sql", db_schema_006},
	{"007-sync.sql", db_schema_007},
	{"008-plays-referrals.sql", db_schema_008},
	{"009-cache-held.sql", db_schema_009},
	{"010-winback-order.sql", db_schema_010},
	{"011-cache-responses.sql", db_schema_011},
	{"012-search-accented.sql", db_schema_012},
	{"013-cache-held-active.sql", db_schema_013},
	{"014-snapshots-moved.sql", db_schema_014},
	{"015-snapshots-before.sql", db_schema_015},
	{"016-cache-winback.sql", db_schema_016},
	{"017-cache-name.sql", db_schema_017},
	{"018-feedback-date-account.sql", db_schema_018},
	{"019-snapshots-moved-covering.sql", db_schema_019},
	{"020-window-days.sql", db_schema_020},
	{"021-cache-go.sql", db_schema_021},
};
/* clang-format on */
_Static_assert(sizeof(migrations) / sizeof(*migrations) == DB_SCHEMA_VERSION,
	       "DB_SCHEMA_VERSION is the number of the last migration");

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct header {
	bool empty; /* zero-length file */
	bool wal;   /* in WAL mode: reading it needs -wal and -shm */
	uint32_t app_id;
	uint32_t user_version;
	off_t size;
};

/* "a FIFO", "a device", ... for a message about a file that is not regular. */
static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

static enum status not_regular(const char *path, mode_t mode)
{
	if (S_ISDIR(mode))
		return status_set(STATUS_IO, "%s: is a directory", path);
	return status_set(STATUS_IO, "%s: is %s, not a database file; not opened", path,
			  file_kind(mode));
}

static enum status read_header(const char *path, struct header *h)
{
	unsigned char buf[100];
	struct stat sb;
	ssize_t n;
	/* O_NONBLOCK: a FIFO swapped in after the caller's stat() must not
	 * make open() wait for a writer */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	memset(h, 0, sizeof(*h));
	if (fd < 0)
		return status_set(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", path,
				  strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return not_regular(path, sb.st_mode);
	}
	h->size = sb.st_size;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return status_set(STATUS_IO, "%s: %s", path, strerror(errno));
	if (n == 0) {
		h->empty = true;
		return STATUS_OK;
	}
	if (n < 100 || memcmp(buf, "SQLite format 3", 16) != 0)
		return status_set(STATUS_DB_CORRUPT,
				  "%s: not an SQLite database (damaged, or another kind of file)",
				  path);
	h->wal = buf[18] == 2 || buf[19] == 2;
	h->user_version = be32(buf + 60);
	h->app_id = be32(buf + 68);
	return STATUS_OK;
}

/* ---- transactions ------------------------------------------------------ */

enum status db_lock(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

/* ---- the check ahead -------------------------------------------------------- */

bool db_ahead_start(struct db *db, struct db_ahead *a, int cache_kb, void *(*run)(void *),
		    void *arg)
{
	char sql[64];

	memset(a, 0, sizeof(*a));
	if (!sqlite3_threadsafe())
		return false;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", cache_kb);
	if (sqlite3_open_v2(db->path, &a->conn, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK ||
	    (cache_kb > 0 && sqlite3_exec(a->conn, sql, NULL, NULL, NULL) != SQLITE_OK) ||
	    pthread_create(&a->thread, NULL, run, arg) != 0) {
		sqlite3_close(a->conn);
		a->conn = NULL;
		return false;
	}
	return true;
}

void db_ahead_join(struct db_ahead *a, bool stop)
{
	if (a->joined || !a->conn)
		return;
	if (stop)
		sqlite3_interrupt(a->conn);
	pthread_join(a->thread, NULL);
	sqlite3_close(a->conn);
	a->conn = NULL;
	a->joined = true;
}

/* db_check_ahead(): PRAGMA quick_check, read ahead (struct db_ahead). */
struct check_ahead {
	struct db_ahead a;
	char *result; /* the check's first line ("ok" when sound); NULL: no answer */
	atomic_bool done;
};

static void *check_ahead_run(void *p)
{
	struct check_ahead *c = p;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(c->a.conn, "PRAGMA quick_check(1)", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			c->result = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	atomic_store(&c->done, true);
	return NULL;
}

void db_check_ahead(struct db *db)
{
	struct check_ahead *c;

	/* an SQLite built without threads (SQLITE_THREADSAFE=0) is used from
	 * one thread only: the check then runs before the first write */
	if (!db || db->checked || db->readonly || db->damaged || db->ahead)
		return;
	c = xcalloc(1, sizeof(*c));
	atomic_init(&c->done, false);
	/* its pages are read once: a small cache of its own is enough */
	if (!db_ahead_start(db, &c->a, 512, check_ahead_run, c)) {
		free(c);
		return; /* the check runs before the first write, as without */
	}
	db->ahead = c;
}

/* Waits for the check ahead, if one was started: its answer, the caller's
 * to free (NULL: none, or it could not tell). stop: interrupt it first. */
static char *check_ahead_end(struct db *db, bool stop)
{
	struct check_ahead *c = db->ahead;
	char *result;

	if (!c)
		return NULL;
	db_ahead_join(&c->a, stop);
	result = c->result;
	free(c);
	db->ahead = NULL;
	return result;
}

/* Runs PRAGMA quick_check once per session; a damaged file is marked so.
 * A big file's check (before the first write, seconds at a million
 * accounts) says what the wait is for; a small one's at open is not worth
 * a line. */
static enum status check_sound(struct db *db, bool say)
{
	char *result = NULL;
	enum status s;

	if (db->checked)
		return STATUS_OK;
	/* a check started ahead (db_check_ahead()) answers, when it could;
	 * the line shows while it is still running */
	say = say && !(db->ahead && atomic_load(&db->ahead->done));
	if (say)
		progress_update(db->progress, "checking the book before its first write", 0, 0);
	s = (result = check_ahead_end(db, false))
		    ? STATUS_OK
		    : db_text(db, "PRAGMA quick_check(1)", DB_NOARGS, &result);
	if (say)
		progress_finish(db->progress);
	if (s == STATUS_OK && (!result || strcmp(result, "ok") != 0)) {
		char *p;

		for (p = result; p && *p; p++) /* one line */
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		db->damaged = true;
		s = status_set(STATUS_DB_CORRUPT, "%s: damaged database (%.200s)", db->path,
			       result ? result : "quick_check failed");
	} else if (s == STATUS_NOT_FOUND) {
		db->damaged = true;
		s = status_set(STATUS_DB_CORRUPT, "%s: damaged database (quick_check failed)",
			       db->path);
	}
	free(result);
	db->checked = s == STATUS_OK;
	return s;
}

enum status db_begin(struct db *db)
{
	enum status s;

	if (!db->damaged && (s = check_sound(db, true)) != STATUS_OK)
		return s;
	if (db->damaged)
		return status_set(STATUS_DB_CORRUPT, "%s: the database is damaged; nothing written",
				  db->path);
	/* the writes below go to the file's own tables, not a session copy */
	if (db->temp_cache && (s = db_temp_cache_drop(db)) != STATUS_OK)
		return s;
	return db_lock(db);
}

enum status db_commit(struct db *db)
{
	enum status s = db_exec(db, "COMMIT");

	db_edit_end(db);
	return s;
}

void db_rollback(struct db *db)
{
	db_edit_end(db);
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

enum status db_finish(struct db *db, enum status s)
{
	if (s == STATUS_OK)
		return db_commit(db);
	db_rollback(db);
	return s;
}

enum status db_no_row(enum status s, const char *what, int64_t id)
{
	if (s == STATUS_NOT_FOUND)
		return status_set(s, "no %s with id %lld", what, (long long)id);
	return s;
}

struct texts_walk {
	int (*cb)(const char *text, void *ctx);
	void *ctx;
};

static int text_each(sqlite3_stmt *st, void *p)
{
	struct texts_walk *w = p;

	return w->cb(db_col_text(st, 0), w->ctx);
}

enum status db_texts(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		     int (*cb)(const char *text, void *ctx), void *ctx)
{
	struct texts_walk w = {cb, ctx};

	return db_rows(db, sql, args, n, text_each, &w);
}

/* Keeps a dropped index's or trigger's CREATE statement (column 1) and
 * adds its DROP (columns 2, 0) to the batch. */
static int keep_schema(sqlite3_stmt *st, void *ctx)
{
	struct db_schema_saved *saved = ((void **)ctx)[0];
	struct strbuf *drop = ((void **)ctx)[1];

	saved->sql = xgrow(saved->sql, &saved->cap, saved->n + 1, sizeof(char *));
	saved->sql[saved->n++] = xstrdup(db_col_text(st, 1));
	strbuf_addf(drop, "DROP %s main.\"%s\";", db_col_text(st, 2), db_col_text(st, 0));
	return 0;
}

/* Drops what the query (name, sql, type of sqlite_master rows) names,
 * keeping each CREATE statement in *saved. */
static enum status drop_saving(struct db *db, const char *query, const struct db_arg *args,
			       size_t nargs, struct db_schema_saved *saved)
{
	struct strbuf drop;
	void *ctx[2] = {saved, &drop};
	enum status s;

	strbuf_init(&drop);
	s = db_rows(db, query, args, nargs, keep_schema, ctx);
	if (s == STATUS_OK && drop.len)
		s = db_exec(db, drop.buf);
	strbuf_done(&drop);
	return s;
}

enum status db_drop_indexes(struct db *db, const char *table, struct db_schema_saved *saved)
{
	/* SQLite refuses to drop while another statement of the connection
	 * reads: the load then goes into the indexes as they are. It does
	 * too while the derived tables are kept in temp (a read-only book, or
	 * another program's write lock), whose names would shadow main's */
	if (db->temp_cache)
		return STATUS_OK;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->sql, NULL); st;
	     st = sqlite3_next_stmt(db->sql, st))
		if (sqlite3_stmt_busy(st))
			return STATUS_OK;
	return drop_saving(db,
			   "SELECT name, sql, type FROM main.sqlite_master WHERE type = 'index'"
			   " AND tbl_name = ? AND sql IS NOT NULL",
			   DB_ARGS(DB_TEXT(table)), saved);
}

void db_saved_free(struct db_schema_saved *saved)
{
	for (size_t i = 0; i < saved->n; i++)
		free(saved->sql[i]);
	free(saved->sql);
	*saved = (struct db_schema_saved){0};
}

/* Making an index sorts its rows. SQLite sorts in memory up to the page
 * cache's size, one thread; past it, in runs that worker threads sort
 * while the table is still read, merged at the end. With a 64 MB cache and
 * a worker per core, a million accounts' responses' date index took 12 s,
 * against 23 s with the load's 500 MB cache (sqlite3 on a copy of the
 * book, 2 cores). The cache and the threads are then what they were. */
enum status db_make_again(struct db *db, struct db_schema_saved *saved)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int64_t threads = 0, cache = 0;
	char sql[96];
	enum status s, back;

	if ((s = db_int(db, "PRAGMA threads", DB_NOARGS, &threads)) != STATUS_OK ||
	    (s = db_int(db, "PRAGMA cache_size", DB_NOARGS, &cache)) != STATUS_OK) {
		db_saved_free(saved);
		return s;
	}
	snprintf(sql, sizeof(sql), "PRAGMA threads = %ld; PRAGMA cache_size = -65536",
		 cores < 1   ? 1
		 : cores > 4 ? 4
			     : cores);
	s = db_exec(db, sql);
	for (size_t i = 0; i < saved->n && s == STATUS_OK; i++)
		s = db_exec(db, saved->sql[i]);
	db_saved_free(saved);
	snprintf(sql, sizeof(sql), "PRAGMA threads = %lld; PRAGMA cache_size = %lld",
		 (long long)threads, (long long)cache);
	back = db_exec(db, sql);
	return s != STATUS_OK ? s : back;
}

/* Secondary indexes are dropped for a bulk load and built again from the
 * loaded rows at the end: one sort per index instead of a million random
 * B-tree inserts. So are the triggers, which keep derived data a row at a
 * time: at the end the search tables are filled in one pass, and the cache
 * forgets its fingerprint, so the next db_refresh() rebuilds all of it.
 * The CHECK constraints are not evaluated during the load: its rows are
 * made by the program from its own enums (the sample), and SQLite builds
 * a small temporary table for every IN list of three or more names, on
 * every row (two fifths of a synthetic book's load). PRAGMA quick_check,
 * which evaluates them, passes on every sample book (tests/cli/run.sh). */
enum status db_bulk_begin(struct db *db)
{
	enum status s;

	if ((s = db_exec(db, "PRAGMA journal_mode = OFF")) != STATUS_OK ||
	    (s = db_exec(db, "PRAGMA synchronous = OFF")) != STATUS_OK ||
	    (s = db_exec(db, "PRAGMA foreign_keys = OFF")) != STATUS_OK ||
	    (s = db_exec(db, "PRAGMA cache_size = -500000")) != STATUS_OK ||
	    (s = db_exec(db, "PRAGMA ignore_check_constraints = ON")) != STATUS_OK)
		return s;
	return drop_saving(
		db,
		"SELECT name, sql, type FROM main.sqlite_master WHERE sql IS NOT NULL AND"
		" ((type = 'index' AND name NOT LIKE 'account_cache%') OR type = 'trigger')"
		" ORDER BY type",
		DB_NOARGS, &db->bulk);
}

enum status db_bulk_end(struct db *db)
{
	enum status s;

	/* the search index in a few large segments, not merged again and
	 * again as it grows: a million accounts' index in 12 s, not 32. Left
	 * so (7 segments at a million, where FTS5's merging left 11, and
	 * searched as fast): merging them into one took 7 s more. The days'
	 * totals feedback_days' triggers would have kept are summed by the
	 * full rebuild the fingerprint's going asks for (cache.c,
	 * days_all_sql): till then the table holds nothing, not the days
	 * before the load. */
	s = db_exec(
		db,
		"DELETE FROM cache_state WHERE key = 'fingerprint'; DELETE FROM cache_dirty;"
		"DELETE FROM feedback_days;"
		"DELETE FROM account_text;"
		"INSERT INTO account_text(id, text, status) SELECT id,"
		" name || char(31) || owner || char(31) || segment, status FROM accounts;"
		"INSERT INTO account_search(account_search, rank) VALUES ('automerge', 0);"
		"INSERT INTO account_search(account_search, rank) VALUES ('hashsize', 67108864);"
		"INSERT INTO account_search(account_search) VALUES ('rebuild');"
		"INSERT INTO account_search(account_search, rank) VALUES ('automerge', 4);"
		"INSERT INTO account_search(account_search, rank) VALUES ('hashsize', 1048576);");
	if (s == STATUS_OK)
		s = db_make_again(db, &db->bulk);
	db_saved_free(&db->bulk);
	if (s == STATUS_OK)
		s = db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF;"
				"PRAGMA cache_size = " DB_CACHE_SIZE);
	if (s == STATUS_OK)
		s = db_exec(db, "PRAGMA synchronous = NORMAL");
	if (s == STATUS_OK)
		s = db_exec(db, "PRAGMA journal_mode = WAL");
	if (s == STATUS_OK)
		s = db_exec(db, "ANALYZE");
	return s;
}

/* ---- ids -------------------------------------------------------------- */

void db_seed_ids(struct db *db, uint64_t seed)
{
	rng_seed(&db->rng, seed);
	db->last_id = 0;
}

void db_bulk_ids(struct db *db, uint64_t seed)
{
	rng_seed(&db->rng, seed);
	db->last_id = (int64_t)(rng_next(&db->rng) >> 3) + 1;
}

int64_t db_new_id(struct db *db)
{
	int64_t id;

	if (db->last_id > 0) /* db_bulk_ids() */
		return db->last_id += 1 + (int64_t)(rng_next(&db->rng) >> 32);
	do
		id = (int64_t)(rng_next(&db->rng) >> 1);
	while (id == 0);
	return id;
}

static uint64_t random_seed(void)
{
	uint64_t seed = 0;
#ifdef __APPLE__
	arc4random_buf(&seed, sizeof(seed));
#else
	if (getrandom(&seed, sizeof(seed), 0) != (ssize_t)sizeof(seed))
		seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
#endif
	return seed;
}

/* ---- migrations ------------------------------------------------------- */

/* The test hook ACCTPLAN_TEST_FAIL_MIGRATION=N makes step N fail after its
 * first statement (tests/db/migrate.sh), to show a failed migration leaves
 * the file as it was. */
static int failing_step(void)
{
	const char *v = getenv("ACCTPLAN_TEST_FAIL_MIGRATION");

	return v && *v ? atoi(v) : 0;
}

/* Runs step v's statements one by one. */
static enum status run_step(struct db *db, int v)
{
	const char *sql = migrations[v - 1].sql, *tail;
	sqlite3_stmt *st;
	enum status s = STATUS_OK;
	int rc, done = 0;

	while (s == STATUS_OK && *sql) {
		rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, &tail);
		if (rc != SQLITE_OK)
			return db_error(db, rc);
		if (!st) /* only comments and blanks were left */
			break;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			s = db_error(db, rc);
		else if (++done == 1 && failing_step() == v)
			s = status_set(STATUS_DB, "failed as ACCTPLAN_TEST_FAIL_MIGRATION asks");
		sql = tail;
	}
	return s;
}

static enum status migrate(struct db *db, uint32_t from)
{
	enum status s;
	int64_t now;
	int v;
	char pragma[64];

	if (from >= DB_SCHEMA_VERSION)
		return STATUS_OK;
	if (db->readonly)
		return status_set(
			STATUS_DB_READONLY,
			"%s: made by an older acctplan (schema version %u; this one needs %d)"
			" and read-only, so it cannot be upgraded; open it once where it can"
			" be written",
			db->path, from, DB_SCHEMA_VERSION);
	/* the steps run with foreign key enforcement off, as SQLite's way of
	 * remaking a table asks (lang_altertable.html, section 7): the rows a
	 * step copies are the file's own, kept as they are; the setting is
	 * ignored inside a transaction, so it is made before it begins */
	if ((s = db_exec(db, "PRAGMA foreign_keys = OFF")) != STATUS_OK)
		return s;
	if ((s = db_begin(db)) != STATUS_OK) {
		db_exec(db, "PRAGMA foreign_keys = ON");
		return s;
	}
	/* read again inside the write lock: another process may have migrated */
	if ((s = db_int(db, "PRAGMA user_version", DB_NOARGS, &now)) != STATUS_OK)
		goto fail;
	if (now > DB_SCHEMA_VERSION) {
		s = status_set(
			STATUS_DB_NEWER,
			"%s: made by a newer acctplan (schema version %lld; this one reads up"
			" to %d); not opened",
			db->path, (long long)now, DB_SCHEMA_VERSION);
		goto fail;
	}
	/* a step that rebuilds an index of a big book takes a minute: say
	 * what the wait is for, step by step */
	for (v = (int)now + 1; v <= DB_SCHEMA_VERSION; v++) {
		if (from > 0)
			progress_update(db->progress, "upgrading the book to this version's format",
					v - now - 1, DB_SCHEMA_VERSION - now);
		if ((s = run_step(db, v)) != STATUS_OK) {
			/* the step's own error, without the path said first */
			const char *detail = status_detail();
			size_t len = strlen(db->path);
			char *why = xstrdup(strncmp(detail, db->path, len) == 0 &&
							    strncmp(detail + len, ": ", 2) == 0
						    ? detail + len + 2
						    : detail);

			s = status_set(
				s,
				"%s: upgrading from schema version %lld to %d failed at step %d"
				" (%s), so the file is unchanged: %s",
				db->path, (long long)now, DB_SCHEMA_VERSION, v,
				migrations[v - 1].file, why);
			free(why);
			goto fail;
		}
	}
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", DB_SCHEMA_VERSION);
	if ((s = db_exec(db, pragma)) != STATUS_OK)
		goto fail;
	snprintf(pragma, sizeof(pragma), "PRAGMA application_id = %d", DB_APPLICATION_ID);
	if ((s = db_exec(db, pragma)) != STATUS_OK)
		goto fail;
	if ((s = db_commit(db)) != STATUS_OK)
		goto fail;
	progress_finish(db->progress);
	return db_exec(db, "PRAGMA foreign_keys = ON");
fail:
	progress_finish(db->progress);
	db_rollback(db);
	db_exec(db, "PRAGMA foreign_keys = ON");
	return s;
}

/* ---- the files beside a database -------------------------------------- */

/* What SQLite may keep beside a database: its log, the log's index and a
 * rollback journal. */
static const char *const sides[] = {"-wal", "-shm", "-journal"};
#define NSIDES (sizeof(sides) / sizeof(*sides))

static char *side_file(const char *path, const char *suffix)
{
	return xasprintf("%s%s", path, suffix);
}

void db_remove(const char *path)
{
	size_t i;

	for (i = 0; i < NSIDES; i++) {
		char *side = side_file(path, sides[i]);

		unlink(side);
		free(side);
	}
	unlink(path);
}

static bool exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

static bool dir_writable(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	bool ok;

	if (!slash)
		ok = access(".", W_OK) == 0;
	else if (slash == dir)
		ok = access("/", W_OK) == 0;
	else {
		*slash = '\0';
		ok = access(dir, W_OK) == 0;
	}
	free(dir);
	return ok;
}

/* The bytes SQLite's unix VFS locks in a database file: the pending byte,
 * the reserved byte and the shared range after them. A connection to a WAL
 * file holds a shared lock there for as long as it is open; a writer holds
 * the reserved byte. */
#define LOCK_FIRST 0x40000000
#define LOCK_BYTES 512

/* Tries (F_SETLK) or tests (F_GETLK) an exclusive lock on those bytes:
 * true when another process holds any of them. */
static bool lock_held(int fd, int cmd)
{
	struct flock fl = {.l_type = F_WRLCK,
			   .l_whence = SEEK_SET,
			   .l_start = LOCK_FIRST,
			   .l_len = LOCK_BYTES};

	if (fcntl(fd, cmd, &fl) != 0)
		return true; /* could not tell: count it as in use */
	return cmd == F_GETLK ? fl.l_type != F_UNLCK : false;
}

/* After a read-only session: removes the -wal and -shm files its open made,
 * unless the WAL holds changes (they are a writer's, for the file) or
 * another process has the file open. A test of the lock, not a lock held:
 * a read-only file descriptor cannot take one. */
static void remove_made(const char *path, bool made_wal, bool made_shm)
{
	char *wal = side_file(path, "-wal"), *shm = side_file(path, "-shm");
	struct stat sb;
	int fd;

	if (stat(wal, &sb) != 0 || sb.st_size == 0) {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0 && !lock_held(fd, F_GETLK)) {
			if (made_wal)
				unlink(wal);
			if (made_shm)
				unlink(shm);
		}
		if (fd >= 0)
			close(fd);
	}
	free(wal);
	free(shm);
}

/* Opens path to hold or test its lock: *fd -1 when it does not exist. */
static enum status open_for_lock(const char *path, int *fd, bool *writable)
{
	struct stat sb;

	*writable = true;
	*fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (*fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
		*writable = false;
		*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	}
	if (*fd < 0) {
		if (errno == ENOENT)
			return STATUS_OK;
		if (errno == EISDIR)
			return status_set(STATUS_IO, "%s: is a directory", path);
		return status_set(STATUS_IO, "%s: %s", path, strerror(errno));
	}
	if (fstat(*fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(*fd);
		*fd = -1;
		return status_set(STATUS_IO, "%s: is %s, not a database file; not replaced", path,
				  file_kind(sb.st_mode));
	}
	return STATUS_OK;
}

static enum status in_use(const char *path)
{
	return status_set(STATUS_DB_BUSY,
			  "%s: open in another program; not replaced (close it and try again)",
			  path);
}

enum status db_replace_check(const char *path)
{
	enum status s;
	bool writable, held;
	int fd;

	if ((s = open_for_lock(path, &fd, &writable)) != STATUS_OK || fd < 0)
		return s;
	held = lock_held(fd, F_GETLK);
	close(fd);
	return held ? in_use(path) : STATUS_OK;
}

enum status db_replace(const char *from, const char *to)
{
	enum status s = STATUS_OK;
	bool writable;
	size_t i;
	int fd;

	if ((s = open_for_lock(to, &fd, &writable)) != STATUS_OK)
		return s;
	/* hold the lock (or, without write access, test it) while the old
	 * file's log and index go and the new file takes its name: SQLite
	 * would otherwise replay the old file's log onto the new one */
	if (fd >= 0 && lock_held(fd, writable ? F_SETLK : F_GETLK)) {
		close(fd);
		return in_use(to);
	}
	for (i = 0; s == STATUS_OK && i < NSIDES; i++) {
		char *side = side_file(to, sides[i]);

		if (unlink(side) != 0 && errno != ENOENT)
			s = status_set(STATUS_IO, "%s: cannot remove it: %s; %s not replaced", side,
				       strerror(errno), to);
		free(side);
	}
	if (s == STATUS_OK && rename(from, to) != 0)
		s = status_set(STATUS_IO, "%s: %s", to, strerror(errno));
	if (fd >= 0)
		close(fd);
	return s;
}

/* ---- opening ---------------------------------------------------------- */

/* "file:PATH?query" with PATH percent-encoded, so '?', '#' and '%' in a
 * file name stay part of it. */
static char *file_uri(const char *path, const char *query)
{
	struct strbuf sb;
	const unsigned char *p;
	char *uri;

	strbuf_init(&sb);
	strbuf_adds(&sb, "file:");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p))
			strbuf_addc(&sb, (char)*p);
		else
			strbuf_addf(&sb, "%%%02X", *p);
	}
	strbuf_addf(&sb, "?%s", query);
	uri = strbuf_detach(&sb);
	strbuf_done(&sb);
	return uri;
}

static enum status check_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat sb;
	enum status st = STATUS_OK;

	if (slash && slash != dir) {
		*slash = '\0';
		if (stat(dir, &sb) != 0)
			st = status_set(STATUS_NOT_FOUND, "%s: no such directory", dir);
		else if (!S_ISDIR(sb.st_mode))
			st = status_set(STATUS_IO, "%s: not a directory", dir);
	}
	free(dir);
	return st;
}

/* Judges a header before SQLite opens the file for writing. */
static enum status judge(const char *path, const struct header *h, bool new_book)
{
	if (h->empty)
		return new_book ? STATUS_OK
				: status_set(STATUS_DB_FOREIGN,
					     "%s: empty file, not an acctplan database", path);
	if (h->app_id == 0)
		return status_set(STATUS_DB_FOREIGN, "%s: an SQLite database, but not acctplan's",
				  path);
	if (h->app_id != DB_APPLICATION_ID)
		return status_set(STATUS_DB_FOREIGN,
				  "%s: not an acctplan database (application id 0x%08x)", path,
				  h->app_id);
	if (h->user_version > DB_SCHEMA_VERSION)
		return status_set(
			STATUS_DB_NEWER,
			"%s: made by a newer acctplan (schema version %u; this one reads up"
			" to %d); not opened",
			path, h->user_version, DB_SCHEMA_VERSION);
	if (h->user_version == 0)
		return status_set(STATUS_DB_CORRUPT,
				  "%s: acctplan's id but no schema version: damaged", path);
	return STATUS_OK;
}

static off_t check_at_open_max(void)
{
	const char *v = getenv("ACCTPLAN_TEST_CHECK_AT_OPEN_MAX");

	return v && *v ? (off_t)atoll(v) : DB_CHECK_AT_OPEN_MAX;
}

/* Decides how a read-only file is opened; NULL: by its path. */
static char *readonly_uri(struct db *db, const struct header *h)
{
	char *wal = side_file(db->path, "-wal"), *shm = side_file(db->path, "-shm");
	bool has_wal = exists(wal), has_shm = exists(shm);

	free(wal);
	free(shm);
	if (!h->wal)
		return NULL; /* a rollback-journal file needs nothing beside it */
	if (!dir_writable(db->path) && !(has_wal && has_shm)) {
		/* SQLite can neither make nor use the -wal and -shm files a WAL
		 * file is read through: immutable is the only way in, and it
		 * reads the file as it is now */
		db->readonly_reason = "its directory is read-only (a snapshot: changes other"
				      " programs make are not seen)";
		return file_uri(db->path, "immutable=1");
	}
	db->made_wal = !has_wal;
	db->made_shm = !has_shm;
	return NULL;
}

/* acctplan_now(): date_stamp() in SQL. */
static void sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char stamp[DATE_STAMP_LEN];

	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, date_stamp(stamp), -1, SQLITE_TRANSIENT);
}

enum status db_open(const char *path, int flags, struct db **out)
{
	return db_open_watched(path, flags, NULL, out);
}

/* SQLite's process-wide settings, before its first use: no memory
 * statistics, which acctplan never reads and which cost a global mutex
 * on every allocation SQLite makes (a page read, a row decoded). Too late
 * once SQLite is initialised (another library's use, a second open): then
 * it keeps its defaults, which work the same. */
static void sqlite_setup_once(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void sqlite_setup(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, sqlite_setup_once);
}

/* The commit hook: counts the transactions this connection commits that
 * wrote to the file (main), not those that wrote only to temp (the
 * search's hits, a read-only file's derived tables). A transaction begun
 * IMMEDIATE holds main's write lock, so it counts even when it wrote
 * nothing: an answer read again, never a stale one. */
static int count_commit(void *p)
{
	struct db *db = p;

	if (sqlite3_txn_state(db->sql, "main") == SQLITE_TXN_WRITE)
		db->commits++;
	return 0;
}

enum status db_open_watched(const char *path, int flags, const struct progress *p, struct db **out)
{
	struct db *db;
	struct header h;
	struct stat sb;
	enum status st;
	int64_t tables;
	int rc, oflags;
	bool created = false;
	char *uri = NULL;

	*out = NULL;
	sqlite_setup();
	if ((st = check_dir(path)) != STATUS_OK)
		return st;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return status_set(STATUS_IO, "%s: %s", path, strerror(errno));
		if (!(flags & DB_CREATE) || (flags & DB_READONLY))
			return status_set(STATUS_NOT_FOUND, "%s: no such file", path);
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0)
			return status_set(STATUS_IO, "%s: cannot create: %s", path,
					  strerror(errno));
		close(fd);
		created = true;
	} else if (!S_ISREG(sb.st_mode)) {
		return not_regular(path, sb.st_mode);
	}
	if ((st = read_header(path, &h)) != STATUS_OK ||
	    (st = judge(path, &h, created || (flags & DB_CREATE))) != STATUS_OK) {
		if (created)
			unlink(path);
		return st;
	}

	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	db->progress = p;
	if (flags & DB_READONLY) {
		db->readonly = true;
		db->readonly_reason = "opened read-only";
	} else if (access(path, W_OK) != 0 ||
		   (!created && !(sb.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)))) {
		/* no write bit for anyone means "do not write", even for root,
		 * whom access(2) would let through */
		db->readonly = true;
		db->readonly_reason = "the file is read-only";
	} else if (!dir_writable(path)) {
		db->readonly = true;
		db->readonly_reason = "its directory is read-only";
	}
	if (h.empty && db->readonly) {
		st = status_set(STATUS_DB_READONLY,
				"%s: empty and read-only: no book can be made in it", path);
		goto fail;
	}
	oflags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
		 (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	if (db->readonly)
		uri = readonly_uri(db, &h);
	rc = sqlite3_open_v2(uri ? uri : path, &db->sql, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		st = db_error(db, rc);
		goto fail;
	}
	sqlite3_extended_result_codes(db->sql, 0);
	sqlite3_commit_hook(db->sql, count_commit, db);
	/* our statements stamp with the one clock (date_stamp()), never
	 * SQLite's own: acctplan_now() stands for datetime('now') in them */
	sqlite3_create_function(db->sql, "acctplan_now", 0, SQLITE_UTF8, NULL, sql_now, NULL, NULL);
	db_search_register(db);
	/* writers wait for each other this long: longer than a cache rebuild
	 * of a big book takes (db_refresh() itself waits less, then reads) */
	sqlite3_busy_timeout(db->sql, DB_WRITE_WAIT_MS);
	db_seed_ids(db, random_seed());

	/* read the schema before anything writes: a file damaged near its
	 * start fails here, one damaged further in at the quick check */
	if (!h.empty) {
		if (db_int(db, "SELECT count(*) FROM sqlite_master", DB_NOARGS, &tables) !=
		    STATUS_OK) {
			st = status_set(STATUS_DB_CORRUPT, "%s: damaged database (%s)", path,
					sqlite3_errmsg(db->sql));
			goto fail;
		}
		if (tables == 0) {
			st = status_set(STATUS_DB_CORRUPT,
					"%s: acctplan's id but no tables: damaged", path);
			goto fail;
		}
		if (h.size <= check_at_open_max() && (st = check_sound(db, false)) != STATUS_OK)
			goto fail;
	}
	if ((st = db_exec(db, "PRAGMA foreign_keys = ON")) != STATUS_OK)
		goto fail;
	/* a new book gets its schema before WAL mode, whose switch writes a
	 * first page: a crash leaves an empty file, never a foreign-looking one */
	if (h.empty && (st = migrate(db, 0)) != STATUS_OK)
		goto fail;
	if (!db->readonly && (st = db_exec(db, "PRAGMA journal_mode = WAL")) != STATUS_OK)
		goto fail;
	if (!h.empty && (st = migrate(db, h.user_version)) != STATUS_OK)
		goto fail;
	if ((st = db_exec(db, "PRAGMA cache_size = " DB_CACHE_SIZE)) != STATUS_OK)
		goto fail;
	/* from here on another program's commit is news: noted before the
	 * first read, so a write between that read and the console's first
	 * look is never missed */
	db_changed(db);
	*out = db;
	return STATUS_OK;
fail:
	db_close(db);
	if (created)
		unlink(path);
	return st;
}

void db_close(struct db *db)
{
	int i;

	if (!db)
		return;
	free(check_ahead_end(db, true));
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(db->stmt[i]);
	db_saved_free(&db->bulk);
	free(db->hits.text);
	db_agenda_forget(db);
	db_history_trails_forget(db);
	db_sync_free(db);
	db_edit_done(db);
	if (db->sql)
		sqlite3_close(db->sql);
	if (db->made_wal || db->made_shm)
		remove_made(db->path, db->made_wal, db->made_shm);
	free(db->path);
	free(db);
}

enum status db_cache_kb(struct db *db, int kb)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kb > 0 ? kb : 1);
	return db_exec(db, sql);
}

enum status db_read_begin(struct db *db)
{
	return db_exec(db, "BEGIN DEFERRED");
}

void db_read_end(struct db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
}

int64_t db_data_version(struct db *db)
{
	int64_t v = -1;

	db_int(db, "PRAGMA data_version", DB_NOARGS, &v);
	return v;
}

struct db_stamp db_stamp(struct db *db)
{
	struct db_stamp s = {db_data_version(db), db->commits};

	return s;
}

bool db_stamp_same(struct db_stamp a, struct db_stamp b)
{
	return a.version >= 0 && a.version == b.version && a.commits == b.commits;
}

bool db_changed(struct db *db)
{
	int64_t v = db_data_version(db);

	if (v < 0)
		return false;
	if (db->seen_version == v)
		return false;
	/* the first call only takes note */
	bool changed = db->seen_version != 0;
	db->seen_version = v;
	return changed;
}

bool db_is_readonly(const struct db *db)
{
	return db->readonly;
}

const char *db_readonly_reason(const struct db *db)
{
	return db->readonly ? db->readonly_reason : NULL;
}

/*
 * Opening a file safely. Order matters: the header is read with plain
 * read(2) and judged (SQLite at all? ours? which version?) before SQLite
 * opens the file for writing, so a foreign, damaged or newer file is never
 * touched. Only then is the file opened, migrated in one transaction, and
 * put in WAL mode.
 */
#include <errno.h>
#include <fcntl.h>
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
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

/* The page cache: 16 MB, so the pages a session keeps going back to stay
 * in memory instead of being read again. */
#define DB_CACHE_SIZE "-16384"

static const char *const migrations[] = {
	NULL,         /* version 0: empty file */
	db_schema_v1, /* to version 1 */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct header {
	bool empty; /* zero-length file */
	uint32_t app_id;
	uint32_t user_version;
};

static enum status read_header(const char *path, struct header *h)
{
	unsigned char buf[100];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	memset(h, 0, sizeof(*h));
	if (fd < 0)
		return status_set(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", path,
				  strerror(errno));
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
	h->user_version = be32(buf + 60);
	h->app_id = be32(buf + 68);
	return STATUS_OK;
}

enum status db_error(struct db *db, int rc)
{
	const char *msg = db && db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);
	const char *path = db && db->path ? db->path : "database";

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return status_set(STATUS_DB_BUSY, "%s: locked by another program (%s)", path, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return status_set(STATUS_DB_CORRUPT, "%s: damaged database (%s)", path, msg);
	case SQLITE_READONLY:
		return status_set(STATUS_DB_READONLY, "%s: read-only (%s)", path, msg);
	case SQLITE_CONSTRAINT:
		return status_set(STATUS_BAD_INPUT, "%s", msg);
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return status_set(STATUS_IO, "%s: %s", path, msg);
	default:
		return status_set(STATUS_DB, "%s: %s", path, msg);
	}
}

enum status db_exec(struct db *db, const char *sql)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? STATUS_OK : db_error(db, rc);
}

enum status db_prepare(struct db *db, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, st, NULL);
	return rc == SQLITE_OK ? STATUS_OK : db_error(db, rc);
}

sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id, const char *sql)
{
	if (!db->stmt[id] && db_prepare(db, sql, &db->stmt[id]) != STATUS_OK)
		return NULL;
	sqlite3_reset(db->stmt[id]);
	sqlite3_clear_bindings(db->stmt[id]);
	return db->stmt[id];
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

const char *db_col_opt(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int64_t query_int(struct db *db, const char *sql, int64_t dflt)
{
	sqlite3_stmt *st;
	int64_t v = dflt;

	if (db_prepare(db, sql, &st) != STATUS_OK)
		return dflt;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

enum status db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

enum status db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

/* Secondary indexes are dropped for a bulk load and built again from the
 * loaded rows at the end: one sort per index instead of a million random
 * B-tree inserts. So are the triggers, which keep derived data a row at a
 * time: at the end the search tables are filled in one pass, and the cache
 * forgets its fingerprint, so the next db_refresh() rebuilds all of it. */
enum status db_bulk_begin(struct db *db)
{
	sqlite3_stmt *st;
	enum status s;
	struct strbuf drop;

	if ((s = db_exec(db, "PRAGMA journal_mode = OFF")) != STATUS_OK ||
	    (s = db_exec(db, "PRAGMA synchronous = OFF")) != STATUS_OK ||
	    (s = db_exec(db, "PRAGMA foreign_keys = OFF")) != STATUS_OK ||
	    (s = db_exec(db, "PRAGMA cache_size = -500000")) != STATUS_OK)
		return s;
	if ((s = db_prepare(db,
			    "SELECT name, sql, type FROM sqlite_master WHERE sql IS NOT NULL AND"
			    " ((type = 'index' AND name NOT LIKE 'account_cache%')"
			    "  OR type = 'trigger')"
			    " ORDER BY type",
			    &st)) != STATUS_OK)
		return s;
	strbuf_init(&drop);
	while (sqlite3_step(st) == SQLITE_ROW) {
		db->bulk_indexes =
			xgrow(db->bulk_indexes, &db->bulk_cap, db->nbulk + 1, sizeof(char *));
		db->bulk_indexes[db->nbulk++] = xstrdup(db_col_text(st, 1));
		strbuf_addf(&drop, "DROP %s \"%s\";", db_col_text(st, 2), db_col_text(st, 0));
	}
	sqlite3_finalize(st);
	s = db_exec(db, drop.buf);
	strbuf_done(&drop);
	return s;
}

enum status db_bulk_end(struct db *db)
{
	enum status s;
	size_t i;

	s = db_exec(db,
		    "DELETE FROM cache_state WHERE key = 'fingerprint'; DELETE FROM cache_dirty");
	if (s == STATUS_OK && db->has_search)
		s = db_exec(
			db,
			"DELETE FROM account_text;"
			"INSERT INTO account_text(id, text, status) SELECT id,"
			" name || char(31) || owner || char(31) || segment, status FROM accounts;"
			"INSERT INTO account_search(account_search) VALUES ('rebuild');");
	for (i = 0; i < db->nbulk; i++) {
		if (s == STATUS_OK)
			s = db_exec(db, db->bulk_indexes[i]);
		free(db->bulk_indexes[i]);
	}
	free(db->bulk_indexes);
	db->bulk_indexes = NULL;
	db->nbulk = db->bulk_cap = 0;
	if (s == STATUS_OK)
		s = db_exec(db, "PRAGMA foreign_keys = ON");
	if (s == STATUS_OK)
		s = db_exec(db, "PRAGMA cache_size = " DB_CACHE_SIZE);
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
}

int64_t db_new_id(struct db *db)
{
	int64_t id;

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

/* ---- opening ---------------------------------------------------------- */

static enum status migrate(struct db *db, uint32_t from)
{
	enum status st;
	uint32_t v;
	char pragma[64];

	if (from >= DB_SCHEMA_VERSION)
		return STATUS_OK;
	if (db->readonly)
		return status_set(
			STATUS_DB_READONLY,
			"%s: schema version %u needs an upgrade to %d, but the file is read-only",
			db->path, from, DB_SCHEMA_VERSION);
	if ((st = db_begin(db)) != STATUS_OK)
		return st;
	/* re-read inside the write lock: another process may have migrated */
	from = (uint32_t)query_int(db, "PRAGMA user_version", 0);
	for (v = from + 1; v <= DB_SCHEMA_VERSION; v++) {
		if ((st = db_exec(db, migrations[v])) != STATUS_OK)
			goto fail;
	}
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", DB_SCHEMA_VERSION);
	if ((st = db_exec(db, pragma)) != STATUS_OK)
		goto fail;
	snprintf(pragma, sizeof(pragma), "PRAGMA application_id = %d", DB_APPLICATION_ID);
	if ((st = db_exec(db, pragma)) != STATUS_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return st;
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

/* Whether path's write-ahead log holds anything (then the file alone is
 * not the whole database). */
static bool wal_pending(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	bool pending = stat(wal, &sb) == 0 && sb.st_size > 0;

	free(wal);
	return pending;
}

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

enum status db_open(const char *path, int flags, struct db **out)
{
	struct db *db;
	struct header h;
	struct stat sb;
	enum status st;
	int rc, oflags;
	bool created = false;
	char *uri = NULL;

	*out = NULL;
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
	} else if (S_ISDIR(sb.st_mode)) {
		return status_set(STATUS_IO, "%s: is a directory", path);
	}
	if ((st = read_header(path, &h)) != STATUS_OK)
		return st;
	if (h.empty && !created && !(flags & DB_CREATE))
		return status_set(STATUS_DB_FOREIGN, "%s: empty file, not an acctplan database",
				  path);
	if (!h.empty && h.app_id != DB_APPLICATION_ID && h.app_id != 0)
		return status_set(STATUS_DB_FOREIGN,
				  "%s: not an acctplan database (application id 0x%08x)", path,
				  h.app_id);
	if (!h.empty && h.app_id == DB_APPLICATION_ID && h.user_version > DB_SCHEMA_VERSION)
		return status_set(
			STATUS_DB_NEWER,
			"%s: made by a newer acctplan (schema version %u; this one reads up to %d); not opened",
			path, h.user_version, DB_SCHEMA_VERSION);

	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
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
	oflags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
		 (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	/* a read-only WAL file in a directory we cannot write needs immutable;
	 * so does a read-only file with nothing pending in its WAL, or SQLite
	 * would leave -wal and -shm files beside it */
	if (db->readonly && (!dir_writable(path) || (!(flags & DB_READONLY) && !wal_pending(path))))
		uri = file_uri(path, "immutable=1");
	rc = sqlite3_open_v2(uri ? uri : path, &db->sql, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		st = db_error(db, rc);
		goto fail;
	}
	sqlite3_extended_result_codes(db->sql, 0);
	sqlite3_busy_timeout(db->sql, 5000);
	db_seed_ids(db, random_seed());

	/* read the schema before anything writes: a damaged file fails here,
	 * and a file with tables but no application id is someone else's */
	if (!h.empty) {
		int64_t tables = query_int(db, "SELECT count(*) FROM sqlite_master", -1);
		if (tables < 0) {
			st = status_set(STATUS_DB_CORRUPT, "%s: damaged database (%s)", path,
					sqlite3_errmsg(db->sql));
			goto fail;
		}
		if (h.app_id == 0 && tables > 0) {
			st = status_set(STATUS_DB_FOREIGN,
					"%s: an SQLite database, but not acctplan's", path);
			goto fail;
		}
	}
	if ((st = db_exec(db, "PRAGMA foreign_keys = ON")) != STATUS_OK)
		goto fail;
	if (!db->readonly && (st = db_exec(db, "PRAGMA journal_mode = WAL")) != STATUS_OK)
		goto fail;
	if ((st = migrate(db, h.empty ? 0 : h.user_version)) != STATUS_OK)
		goto fail;
	if ((st = db_exec(db, "PRAGMA cache_size = " DB_CACHE_SIZE)) != STATUS_OK)
		goto fail;
	/* a file made before the search tables and totals answers without them */
	db->has_search = query_int(db,
				   "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
				   " AND name IN ('account_text', 'account_search')",
				   0) == 2;
	db->has_totals =
		!db->readonly && query_int(db,
					   "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
					   " AND name = 'cache_totals'",
					   0) == 1;
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
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(db->stmt[i]);
	for (size_t k = 0; k < db->nbulk; k++)
		free(db->bulk_indexes[k]);
	free(db->bulk_indexes);
	free(db->hits.text);
	if (db->sql)
		sqlite3_close(db->sql);
	free(db->path);
	free(db);
}

bool db_is_readonly(const struct db *db)
{
	return db->readonly;
}

const char *db_readonly_reason(const struct db *db)
{
	return db->readonly ? db->readonly_reason : NULL;
}

/* Shared by the files of src/db/ only. */
#ifndef ACCTPLAN_DB_INTERNAL_H
#define ACCTPLAN_DB_INTERNAL_H

#include <sqlite3.h>

#include "acctplan/db.h"
#include "acctplan/rng.h"

enum stmt_id {
	STMT_INSERT_ACCOUNT,
	STMT_INSERT_CONTACT,
	STMT_INSERT_FEEDBACK,
	STMT_INSERT_DEFECT,
	STMT_TAG_FEEDBACK,
	STMT_INSERT_PROBLEM,
	STMT_INSERT_NOTE,
	STMT_INSERT_CONDITION,
	STMT_CACHE_PUT,
	STMT_COUNT
};

struct db {
	sqlite3 *sql;
	char *path;
	bool readonly;
	const char *readonly_reason;
	bool temp_cache;        /* the cache lives in temp (read-only file) */
	struct rng rng;         /* ids */
	sqlite3_stmt *stmt[STMT_COUNT];
	char **bulk_indexes;    /* CREATE INDEX statements to run at db_bulk_end() */
	size_t nbulk, bulk_cap;
};

/* Prepares once and caches; resets before handing it out. NULL on error,
 * with the status set. Borrowed. */
sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id, const char *sql);
/* Prepares a one-off statement. */
enum status db_prepare(struct db *db, const char *sql, sqlite3_stmt **st);
/* Maps the connection's last error to a status with sqlite3_errmsg. */
enum status db_error(struct db *db, int rc);
/* Runs SQL without results. */
enum status db_exec(struct db *db, const char *sql);
/* Binds text, or NULL when s is NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_id(sqlite3_stmt *st, int i, int64_t id); /* 0 binds NULL */
/* Borrowed column text, "" for NULL. */
const char *db_col_text(sqlite3_stmt *st, int i);
/* Borrowed column text, NULL for NULL. */
const char *db_col_opt(sqlite3_stmt *st, int i);

extern const char db_schema_v1[];

#endif

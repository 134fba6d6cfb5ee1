/*
 * Statements, start to end. Every statement of src/db goes through here:
 * prepared (db_prepare(), or db_stmt() for the few kept for the session),
 * bound, stepped, finalized, and any SQLite failure turned into a status by
 * db_error(), which keeps sqlite3_errmsg() in the detail. The helpers that
 * run a whole statement in one call (db_run(), db_int(), db_text(),
 * db_row(), db_rows(), db_each()) finalize it on every path, so a caller
 * never holds an sqlite3_stmt it could forget; SQLite's shell and Fossil's
 * db_prepare()/db_step() wrappers are the model.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/xalloc.h"

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
		/* damage found by any statement: no write goes in after it */
		if (db)
			db->damaged = true;
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

sqlite3_stmt *db_stmt_for(struct db *db, enum stmt_id id, const char *sql)
{
	if (db->stmt[id] && strcmp(sqlite3_sql(db->stmt[id]), sql) != 0) {
		sqlite3_finalize(db->stmt[id]);
		db->stmt[id] = NULL;
	}
	return db_stmt(db, id, sql);
}

void db_forget_statements(struct db *db)
{
	int i;

	for (i = 0; i < STMT_COUNT; i++) {
		sqlite3_finalize(db->stmt[i]);
		db->stmt[i] = NULL;
	}
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

enum quadrant db_col_quadrant(sqlite3_stmt *st, int i)
{
	int q = quadrant_from_name(db_col_opt(st, i));
	return q < 0 ? QUAD_NO_FEEDBACK : (enum quadrant)q;
}

/* text: SQLITE_TRANSIENT (SQLite copies each text), or SQLITE_STATIC when
 * the statement is stepped and its bindings cleared before the caller's
 * args can go (step_one() of a cached statement) */
static void bind_args(sqlite3_stmt *st, const struct db_arg *args, size_t n,
		      sqlite3_destructor_type text)
{
	const struct db_arg *a;
	int k;

	if (!args) /* DB_NOARGS: no pointer arithmetic on NULL */
		return;
	/* an argument past the statement's last parameter (a clause left out
	 * of SQL built at run time) binds nothing */
	for (a = args, k = 1; a < args + n; a++, k++) {
		if (a->type == DB_ARG_INT || (a->type == DB_ARG_ID && a->i))
			sqlite3_bind_int64(st, k, a->i);
		else if (a->type == DB_ARG_REAL)
			sqlite3_bind_double(st, k, a->f);
		else if (a->type == DB_ARG_TEXT && a->t)
			sqlite3_bind_text(st, k, a->t, -1, text);
		else
			sqlite3_bind_null(st, k);
	}
}

void db_bind_args(sqlite3_stmt *st, const struct db_arg *args, size_t n)
{
	bind_args(st, args, n, SQLITE_TRANSIENT);
}

enum status db_prepare_filtered(struct db *db, struct strbuf *q, const char *owner,
				int64_t account_id, sqlite3_stmt **st)
{
	enum status s = db_prepare(db, q->buf, st);

	strbuf_done(q);
	if (s != STATUS_OK)
		return s;
	if (owner)
		db_bind_text(*st, 1, owner);
	if (account_id)
		sqlite3_bind_int64(*st, 2, account_id);
	return STATUS_OK;
}

enum status db_query(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		     sqlite3_stmt **st)
{
	enum status s = db_prepare(db, sql, st);

	if (s == STATUS_OK)
		db_bind_args(*st, args, n);
	return s;
}

enum status db_each(struct db *db, sqlite3_stmt *st, db_each_fn each, void *ctx)
{
	enum status s;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (each && each(st, ctx))
			break;
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status db_rows(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		    db_each_fn each, void *ctx)
{
	sqlite3_stmt *st;
	enum status s = db_query(db, sql, args, n, &st);

	return s == STATUS_OK ? db_each(db, st, each, ctx) : s;
}

/* Steps st: to its first row, handed to read, or without read to its end.
 * Finalizes st, or resets it when it is one of db_stmt()'s (cached). */
static enum status step_one(struct db *db, sqlite3_stmt *st, bool cached, db_read_fn read,
			    void *ctx)
{
	enum status s = STATUS_OK;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !read)
		;
	if (rc == SQLITE_ROW)
		read(st, ctx);
	else if (rc == SQLITE_DONE && read)
		s = status_set(STATUS_NOT_FOUND, "%s: no such row", db->path);
	else if (rc != SQLITE_DONE)
		s = db_error(db, rc);
	if (cached) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st); /* cached(): its texts are the caller's */
	} else {
		sqlite3_finalize(st);
	}
	return s;
}

/* db_stmt()'s statement id with args bound, for step_one() to run: the
 * texts are not copied (a bulk load's million rows each copied every
 * text). NULL (status set) on error. */
static sqlite3_stmt *cached(struct db *db, enum stmt_id id, const char *sql,
			    const struct db_arg *args, size_t n)
{
	sqlite3_stmt *st = db_stmt(db, id, sql);

	if (st)
		bind_args(st, args, n, SQLITE_STATIC);
	return st;
}

enum status db_run_cached(struct db *db, enum stmt_id id, const char *sql,
			  const struct db_arg *args, size_t n)
{
	sqlite3_stmt *st = cached(db, id, sql, args, n);

	return st ? step_one(db, st, true, NULL, NULL) : STATUS_DB;
}

enum status db_row_cached(struct db *db, enum stmt_id id, const char *sql,
			  const struct db_arg *args, size_t n, db_read_fn read, void *ctx)
{
	sqlite3_stmt *st = cached(db, id, sql, args, n);

	return st ? step_one(db, st, true, read, ctx) : STATUS_DB;
}

enum status db_row(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		   db_read_fn read, void *ctx)
{
	sqlite3_stmt *st;
	enum status s = db_query(db, sql, args, n, &st);

	return s == STATUS_OK ? step_one(db, st, false, read, ctx) : s;
}

enum status db_run(struct db *db, const char *sql, const struct db_arg *args, size_t n)
{
	sqlite3_stmt *st;
	enum status s = db_query(db, sql, args, n, &st);

	return s == STATUS_OK ? step_one(db, st, false, NULL, NULL) : s;
}

void db_read_int(sqlite3_stmt *st, void *ctx)
{
	*(int64_t *)ctx = sqlite3_column_int64(st, 0);
}

enum status db_int(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		   int64_t *out)
{
	return db_row(db, sql, args, n, db_read_int, out);
}

enum status db_int_of(struct db *db, sqlite3_stmt *st, int64_t *out)
{
	return step_one(db, st, false, db_read_int, out);
}

enum status db_row_by_id(struct db *db, const char *sql, int64_t id, const char *what,
			 db_read_fn read, void *ctx)
{
	enum status s = db_row(db, sql, DB_ARGS(DB_INT(id)), read, ctx);

	if (s == STATUS_NOT_FOUND)
		s = status_set(s, "no %s with id %lld", what, (long long)id);
	return s;
}

static void read_text(sqlite3_stmt *st, void *ctx)
{
	const char *s = db_col_opt(st, 0);

	*(char **)ctx = s ? xstrdup(s) : NULL;
}

enum status db_text(struct db *db, const char *sql, const struct db_arg *args, size_t n, char **out)
{
	*out = NULL;
	return db_row(db, sql, args, n, read_text, out);
}

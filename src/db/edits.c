/*
 * The edit history (edits.h): one generic way to keep a row's values
 * before and after a write, for every table, and undo, which applies the
 * inverse of a change's rows.
 *
 * A row is captured as json_object() over its table's columns, read once
 * per table from PRAGMA table_info, so a table (or a column) added by a
 * later migration is kept without code here. A table's key is its primary
 * key columns; edits.row_id is its id, or for a table without one
 * (feedback_defects, snapshots) its first key column. Undo builds each
 * inverse statement from the JSON it kept: only the columns the JSON has
 * are written back, so a column added since keeps its default.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/parse.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

/* What the history knows of one table. */
struct table_meta {
	struct table_meta *next;
	char *name;
	char **cols; /* every column, in table order */
	size_t ncols;
	char **keys; /* the primary key's columns, in key order */
	size_t nkeys;
	bool has_id;         /* a column "id" that is the whole key */
	bool has_updated_at; /* a column updated_at, stamped by each change */
	char *capture;       /* "SELECT json_object('c', "c", ...) FROM "t"" */
};

/* ---- tables ------------------------------------------------------------- */

struct meta_read {
	struct table_meta *t;
	size_t key_pos[16];
	size_t key_cap;
};

static int read_column(sqlite3_stmt *st, void *ctx)
{
	struct meta_read *r = ctx;
	struct table_meta *t = r->t;
	const char *name = db_col_text(st, 0);
	int pk = sqlite3_column_int(st, 1);
	size_t cap = t->ncols;

	t->cols = xgrow(t->cols, &cap, t->ncols + 1, sizeof(char *));
	t->cols[t->ncols] = xstrdup(name);
	if (pk > 0 && pk <= 16) {
		r->key_pos[pk - 1] = t->ncols;
		if ((size_t)pk > t->nkeys)
			t->nkeys = (size_t)pk;
	}
	if (!strcmp(name, "updated_at"))
		t->has_updated_at = true;
	t->ncols++;
	return 0;
}

static void meta_free(struct table_meta *t)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->keys);
	free(t->capture);
	free(t->name);
	free(t);
}

/* The table's description, read on first use. */
static enum status table_of(struct db *db, const char *name, struct table_meta **out)
{
	struct table_meta *t;
	struct meta_read r;
	struct strbuf sb;
	enum status s;
	size_t i;

	for (t = db->edit.tables; t; t = t->next)
		if (!strcmp(t->name, name)) {
			*out = t;
			return STATUS_OK;
		}
	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	memset(&r, 0, sizeof(r));
	r.t = t;
	s = db_rows(db, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid",
		    DB_ARGS(DB_TEXT(name)), read_column, &r);
	if (s == STATUS_OK && t->ncols == 0)
		s = status_set(STATUS_DB, "no table %s", name);
	if (s != STATUS_OK) {
		meta_free(t);
		return s;
	}
	t->keys = xcalloc(t->nkeys ? t->nkeys : 1, sizeof(char *));
	for (i = 0; i < t->nkeys; i++)
		t->keys[i] = t->cols[r.key_pos[i]];
	t->has_id = t->nkeys == 1 && !strcmp(t->keys[0], "id");
	strbuf_init(&sb);
	strbuf_adds(&sb, "SELECT json_object(");
	/* a real as text of 17 digits: json_object() keeps only 15, and the
	 * column's affinity reads the text back as the same double */
	for (i = 0; i < t->ncols; i++)
		strbuf_addf(&sb,
			    "%s'%s', CASE WHEN typeof(\"%s\") = 'real'"
			    " THEN printf('%%!.17g', \"%s\") ELSE \"%s\" END",
			    i ? ", " : "", t->cols[i], t->cols[i], t->cols[i], t->cols[i]);
	strbuf_addf(&sb, ") FROM \"%s\"", t->name);
	t->capture = strbuf_detach(&sb);
	strbuf_done(&sb);
	t->next = db->edit.tables;
	db->edit.tables = t;
	*out = t;
	return STATUS_OK;
}

/* Appends "k1 = json_extract(?P, '$.k1') AND ...": the row a kept JSON
 * object names. */
static void key_where(struct strbuf *sb, const struct table_meta *t, int param)
{
	size_t i;

	for (i = 0; i < t->nkeys; i++)
		strbuf_addf(sb, "%s\"%s\" = json_extract(?%d, '$.%s')", i ? " AND " : "",
			    t->keys[i], param, t->keys[i]);
}

/* The row of t that json (a kept object) names, as JSON, or NULL. */
static enum status capture_by_json(struct db *db, const struct table_meta *t, const char *json,
				   char **out)
{
	struct strbuf sb;
	enum status s;

	strbuf_init(&sb);
	strbuf_addf(&sb, "%s WHERE ", t->capture);
	key_where(&sb, t, 1);
	s = db_text(db, sb.buf, DB_ARGS(DB_TEXT(json)), out);
	strbuf_done(&sb);
	if (s == STATUS_NOT_FOUND) {
		*out = NULL;
		s = STATUS_OK;
	}
	return s;
}

/* The row of t with this id, as JSON, or NULL. */
static enum status capture_by_id(struct db *db, const struct table_meta *t, int64_t id, char **out)
{
	char *sql = xasprintf("%s WHERE id = ?1", t->capture);
	enum status s = db_text(db, sql, DB_ARGS(DB_INT(id)), out);

	free(sql);
	if (s == STATUS_NOT_FOUND) {
		*out = NULL;
		s = STATUS_OK;
	}
	return s;
}

/* ---- keeping rows -------------------------------------------------------- */

void db_change(struct db *db, const struct change *c)
{
	db_edit_end(db);
	db->edit.armed = true;
	db->edit.origin = xstrdup(c->origin ? c->origin : CHANGE_LOCAL);
	db->edit.stamp = c->stamp ? xstrdup(c->stamp) : NULL;
	db->edit.summary = xstrdup(c->summary ? c->summary : "");
}

void db_change_cancel(struct db *db)
{
	db_edit_end(db);
}

int64_t db_change_id(const struct db *db)
{
	return db->edit.armed ? db->edit.change_id : 0;
}

void db_edit_end(struct db *db)
{
	free(db->edit.origin);
	free(db->edit.stamp);
	free(db->edit.summary);
	db->edit.origin = db->edit.stamp = db->edit.summary = NULL;
	db->edit.armed = false;
	db->edit.change_id = 0;
}

void db_edit_done(struct db *db)
{
	struct table_meta *t, *next;
	int i;

	db_edit_end(db);
	for (t = db->edit.tables; t; t = next) {
		next = t->next;
		meta_free(t);
	}
	db->edit.tables = NULL;
	for (i = 0; i < ID_KIND_COUNT; i++) {
		sqlite3_finalize(db->edit.near[i]);
		db->edit.near[i] = NULL;
	}
}

/* Stamps the row json names with the change's stamp (its updated_at), and
 * reads it again into *json. */
static enum status stamp_row(struct db *db, const struct table_meta *t, char **json)
{
	struct strbuf sb;
	enum status s;
	char *again = NULL;

	if (!t->has_updated_at || !db->edit.stamp || !*json)
		return STATUS_OK;
	strbuf_init(&sb);
	strbuf_addf(&sb, "UPDATE \"%s\" SET updated_at = ?2 WHERE ", t->name);
	key_where(&sb, t, 1);
	s = db_run(db, sb.buf, DB_ARGS(DB_TEXT(*json), DB_TEXT(db->edit.stamp)));
	strbuf_done(&sb);
	if (s == STATUS_OK && (s = capture_by_json(db, t, *json, &again)) == STATUS_OK) {
		free(*json);
		*json = again;
	}
	return s;
}

/* Whether two kept objects hold the same values but for updated_at. */
static enum status same_values(struct db *db, const char *a, const char *b, bool *same)
{
	int64_t v = 0;
	enum status s;

	if (!a || !b) {
		*same = !a && !b;
		return STATUS_OK;
	}
	s = db_int(db, "SELECT json_remove(?1, '$.updated_at') IS json_remove(?2, '$.updated_at')",
		   DB_ARGS(DB_TEXT(a), DB_TEXT(b)), &v);
	*same = v != 0;
	return s;
}

/* The id kept in edits.row_id for a row of t. */
static enum status row_id_of(struct db *db, const struct table_meta *t, const char *json,
			     int64_t *id)
{
	char path[96];

	snprintf(path, sizeof(path), "$.%s", t->has_id ? "id" : t->keys[0]);
	return db_int(db, "SELECT json_extract(?1, ?2)", DB_ARGS(DB_TEXT(json), DB_TEXT(path)), id);
}

/* Adds one row to the armed change: old and new as kept (one may be NULL). */
static enum status keep(struct db *db, const struct table_meta *t, const char *old, const char *new)
{
	const char *op = !old ? "insert" : !new ? "delete" : "update";
	int64_t row_id = 0;
	enum status s;

	if ((s = row_id_of(db, t, new ? new : old, &row_id)) != STATUS_OK)
		return s;
	if (!db->edit.change_id)
		db->edit.change_id = db_new_id(db);
	return db_run(db,
		      "INSERT INTO edits(id, seq, change_id, made_at, origin, tbl, row_id, op,"
		      " old, new, summary)"
		      " VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM edits), ?2,"
		      " coalesce(?3, acctplan_now()), ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
		      DB_ARGS(DB_INT(db_new_id(db)), DB_INT(db->edit.change_id),
			      DB_TEXT(db->edit.stamp), DB_TEXT(db->edit.origin), DB_TEXT(t->name),
			      DB_INT(row_id), DB_TEXT(op), DB_TEXT(old), DB_TEXT(new),
			      DB_TEXT(db->edit.summary)));
}

/* After a write of one row: stamps it, and keeps it when it changed. When
 * only updated_at moved (a write that changed nothing, stamped by the
 * schema's trigger), its old stamp is put back. */
static enum status after_write(struct db *db, const struct table_meta *t, char *old, char **new)
{
	enum status s;
	bool same;

	if ((s = same_values(db, old, *new, &same)) != STATUS_OK)
		return s;
	if (same) {
		if (old && t->has_updated_at) {
			struct strbuf sb;

			strbuf_init(&sb);
			strbuf_addf(
				&sb,
				"UPDATE \"%s\" SET updated_at = json_extract(?1, '$.updated_at')"
				" WHERE ",
				t->name);
			key_where(&sb, t, 1);
			s = db_run(db, sb.buf, DB_ARGS(DB_TEXT(old)));
			strbuf_done(&sb);
		}
		return s;
	}
	if ((s = stamp_row(db, t, new)) != STATUS_OK)
		return s;
	return keep(db, t, old, *new);
}

enum status db_edit_record(struct db *db, const char *tbl, const char *old, const char *new)
{
	struct table_meta *t;
	enum status s;

	if (!db->edit.armed || (!old && !new))
		return STATUS_OK;
	if ((s = table_of(db, tbl, &t)) != STATUS_OK)
		return s;
	return keep(db, t, old, new);
}

enum status db_edit_capture(struct db *db, const char *tbl, int64_t id, char **json)
{
	struct table_meta *t;
	enum status s;

	*json = NULL;
	if ((s = table_of(db, tbl, &t)) != STATUS_OK)
		return s;
	return capture_by_id(db, t, id, json);
}

enum status db_edit_run(struct db *db, const char *tbl, int64_t id, const char *sql,
			const struct db_arg *args, size_t n)
{
	struct table_meta *t;
	char *old = NULL, *new = NULL;
	enum status s;

	if (!db->edit.armed) {
		if ((s = db_run(db, sql, args, n)) == STATUS_OK && sqlite3_changes(db->sql) == 0)
			s = STATUS_NOT_FOUND;
		return s;
	}
	if ((s = table_of(db, tbl, &t)) != STATUS_OK)
		return s;
	if ((s = capture_by_id(db, t, id, &old)) == STATUS_OK &&
	    (s = db_run(db, sql, args, n)) == STATUS_OK &&
	    (s = capture_by_id(db, t, id, &new)) == STATUS_OK) {
		if (!old && !new)
			s = STATUS_NOT_FOUND;
		else
			s = after_write(db, t, old, &new);
	}
	free(old);
	free(new);
	return s;
}

enum status db_edit_row(struct db *db, const char *tbl, int64_t id, const char *sql,
			const struct db_arg *args, size_t n, const char *what)
{
	return db_no_row(db_edit_run(db, tbl, id, sql, args, n), what, id);
}

enum status db_edit_row_alone(struct db *db, const char *tbl, int64_t id, const char *sql,
			      const struct db_arg *args, size_t n, const char *what)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	return db_finish(db, db_edit_row(db, tbl, id, sql, args, n, what));
}

struct kept_rows {
	char **json;
	size_t n, cap;
};

static int collect(sqlite3_stmt *st, void *ctx)
{
	struct kept_rows *k = ctx;

	k->json = xgrow(k->json, &k->cap, k->n + 1, sizeof(char *));
	k->json[k->n++] = xstrdup(db_col_text(st, 0));
	return 0;
}

static void kept_free(struct kept_rows *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->json[i]);
	free(k->json);
}

enum status db_edit_inserted(struct db *db, const char *tbl, const char *where,
			     const struct db_arg *args, size_t n)
{
	struct table_meta *t;
	struct kept_rows k = {0};
	enum status s;
	char *sql;
	size_t i;

	if (!db->edit.armed)
		return STATUS_OK;
	if ((s = table_of(db, tbl, &t)) != STATUS_OK)
		return s;
	sql = xasprintf("%s WHERE %s", t->capture, where);
	s = db_rows(db, sql, args, n, collect, &k);
	free(sql);
	for (i = 0; s == STATUS_OK && i < k.n; i++) {
		char *new = xstrdup(k.json[i]);

		s = after_write(db, t, NULL, &new);
		free(new);
	}
	kept_free(&k);
	return s;
}

enum status db_edit_delete_where(struct db *db, const char *tbl, const char *where,
				 const struct db_arg *args, size_t n)
{
	struct table_meta *t;
	struct kept_rows k = {0};
	struct strbuf sb;
	enum status s;
	size_t i;

	strbuf_init(&sb);
	if (!db->edit.armed) {
		strbuf_addf(&sb, "DELETE FROM \"%s\" WHERE %s", tbl, where);
		s = db_run(db, sb.buf, args, n);
		strbuf_done(&sb);
		return s;
	}
	if ((s = table_of(db, tbl, &t)) != STATUS_OK) {
		strbuf_done(&sb);
		return s;
	}
	strbuf_addf(&sb, "%s WHERE %s", t->capture, where);
	s = db_rows(db, sb.buf, args, n, collect, &k);
	for (i = 0; s == STATUS_OK && i < k.n; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "DELETE FROM \"%s\" WHERE ", t->name);
		key_where(&sb, t, 1);
		if ((s = db_run(db, sb.buf, DB_ARGS(DB_TEXT(k.json[i])))) == STATUS_OK)
			s = keep(db, t, k.json[i], NULL);
	}
	kept_free(&k);
	strbuf_done(&sb);
	return s;
}

static int collect_id(sqlite3_stmt *st, void *ctx)
{
	struct kept_rows *k = ctx;

	k->json = xgrow(k->json, &k->cap, k->n + 1, sizeof(char *));
	k->json[k->n++] = xasprintf("%lld", (long long)sqlite3_column_int64(st, 0));
	return 0;
}

enum status db_edit_update_where(struct db *db, const char *tbl, const char *set, const char *where,
				 const struct db_arg *args, size_t n)
{
	struct kept_rows k = {0};
	char *sql = xasprintf("SELECT id FROM \"%s\" WHERE %s", tbl, where), *upd;
	enum status s = db_rows(db, sql, args, n, collect_id, &k);
	size_t i;

	upd = xasprintf("UPDATE \"%s\" SET %s WHERE id = ?1", tbl, set);
	for (i = 0; s == STATUS_OK && i < k.n; i++) {
		int64_t id = strtoll(k.json[i], NULL, 10);

		s = db_edit_run(db, tbl, id, upd, DB_ARGS(DB_INT(id)));
	}
	free(upd);
	free(sql);
	kept_free(&k);
	return s;
}

/* ---- undo ---------------------------------------------------------------- */

void undo_result_done(struct undo_result *r)
{
	free(r->summary);
	free(r->table);
	free(r->later);
	memset(r, 0, sizeof(*r));
}

/* One kept row of the change being taken back. */
struct edit_row {
	int64_t seq, row_id;
	char *tbl, *op, *old, *new;
};

static int read_edit(sqlite3_stmt *st, void *ctx)
{
	struct edit_row **rows = ((void **)ctx)[0];
	size_t *n = ((void **)ctx)[1], *cap = ((void **)ctx)[2];
	struct edit_row *e;

	*rows = xgrow(*rows, cap, *n + 1, sizeof(**rows));
	e = &(*rows)[(*n)++];
	e->seq = sqlite3_column_int64(st, 0);
	e->tbl = xstrdup(db_col_text(st, 1));
	e->row_id = sqlite3_column_int64(st, 2);
	e->op = xstrdup(db_col_text(st, 3));
	e->old = db_col_opt(st, 4) ? xstrdup(db_col_text(st, 4)) : NULL;
	e->new = db_col_opt(st, 5) ? xstrdup(db_col_text(st, 5)) : NULL;
	return 0;
}

/* The tables whose rows follow an account by themselves (derived, or its
 * history of standings): they do not hold a row back from being removed. */
static bool follows_parent(const char *tbl)
{
	return !strcmp(tbl, "account_cache") || !strcmp(tbl, "snapshots") ||
	       !strcmp(tbl, "cache_dirty");
}

struct dependents {
	struct db *db;
	const char *json; /* the row to be removed */
	char *found;      /* the first table with a row that refers to it */
	enum status s;
};

static int check_reference(sqlite3_stmt *st, void *ctx)
{
	struct dependents *d = ctx;
	const char *child = db_col_text(st, 0), *from = db_col_text(st, 1);
	const char *to = db_col_opt(st, 2) ? db_col_text(st, 2) : "id";
	char *sql, path[96];
	int64_t one;

	if (follows_parent(child))
		return 0;
	snprintf(path, sizeof(path), "$.%s", to);
	sql = xasprintf("SELECT 1 FROM \"%s\" WHERE \"%s\" = json_extract(?1, ?2) LIMIT 1", child,
			from);
	d->s = db_int(d->db, sql, DB_ARGS(DB_TEXT(d->json), DB_TEXT(path)), &one);
	free(sql);
	if (d->s == STATUS_NOT_FOUND) {
		d->s = STATUS_OK;
		return 0;
	}
	if (d->s == STATUS_OK)
		d->found = xstrdup(child);
	return 1;
}

/* The first table holding a row that refers to the row json of t, or NULL. */
static enum status dependents_of(struct db *db, const struct table_meta *t, const char *json,
				 char **table)
{
	struct dependents d = {db, json, NULL, STATUS_OK};
	enum status s;

	s = db_rows(db,
		    "SELECT m.name, f.\"from\", f.\"to\" FROM sqlite_schema m,"
		    " pragma_foreign_key_list(m.name) f"
		    " WHERE m.type = 'table' AND f.\"table\" = ?1 ORDER BY m.name",
		    DB_ARGS(DB_TEXT(t->name)), check_reference, &d);
	*table = d.found;
	return s != STATUS_OK ? s : d.s;
}

/* The keys of a kept object that are columns of t, in table order. */
static int key_present(sqlite3_stmt *st, void *ctx)
{
	struct strbuf *keys = ctx;

	strbuf_addf(keys, "\x1f%s\x1f", db_col_text(st, 0));
	return 0;
}

/* Writes the row json back: an INSERT (insert) or an UPDATE of its
 * columns but the key, each column the object holds, updated_at the
 * stamp. */
static enum status put_back(struct db *db, const struct table_meta *t, const char *json,
			    const char *stamp, bool insert)
{
	struct strbuf keys, sql, vals;
	enum status s;
	size_t i;
	int n = 0;

	strbuf_init(&keys);
	strbuf_init(&sql);
	strbuf_init(&vals);
	s = db_rows(db, "SELECT key FROM json_each(?1)", DB_ARGS(DB_TEXT(json)), key_present,
		    &keys);
	if (s != STATUS_OK)
		goto out;
	strbuf_addf(&sql, insert ? "INSERT INTO \"%s\"(" : "UPDATE \"%s\" SET ", t->name);
	for (i = 0; i < t->ncols; i++) {
		char mark[128];
		bool is_key = false;
		size_t k;

		snprintf(mark, sizeof(mark), "\x1f%s\x1f", t->cols[i]);
		if (!strstr(keys.buf, mark))
			continue;
		for (k = 0; k < t->nkeys; k++)
			is_key = is_key || !strcmp(t->keys[k], t->cols[i]);
		if (!insert && is_key)
			continue;
		if (insert) {
			strbuf_addf(&sql, "%s\"%s\"", n ? ", " : "", t->cols[i]);
			if (!strcmp(t->cols[i], "updated_at") && stamp)
				strbuf_addf(&vals, "%s?2", n ? ", " : "");
			else
				strbuf_addf(&vals, "%sjson_extract(?1, '$.%s')", n ? ", " : "",
					    t->cols[i]);
		} else if (!strcmp(t->cols[i], "updated_at") && stamp) {
			strbuf_addf(&sql, "%s\"updated_at\" = ?2", n ? ", " : "");
		} else {
			strbuf_addf(&sql, "%s\"%s\" = json_extract(?1, '$.%s')", n ? ", " : "",
				    t->cols[i], t->cols[i]);
		}
		n++;
	}
	if (n == 0)
		goto out;
	if (insert) {
		strbuf_addf(&sql, ") VALUES (%s)", vals.buf);
	} else {
		strbuf_adds(&sql, " WHERE ");
		key_where(&sql, t, 1);
	}
	s = db_run(db, sql.buf, DB_ARGS(DB_TEXT(json), DB_TEXT(stamp)));
out:
	strbuf_done(&keys);
	strbuf_done(&sql);
	strbuf_done(&vals);
	return s;
}

/* What the rows of a table are, in a message. */
static const char *rows_of(const char *tbl)
{
	static const char *const words[][2] = {
		{"accounts", "accounts"},
		{"contacts", "buyers"},
		{"feedback", "responses"},
		{"feedback_defects", "defect tags"},
		{"notes", "notes"},
		{"problems", "problems"},
		{"conditions", "readiness conditions"},
		{"defects", "defects"},
		{"actions", "actions"},
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strcmp(words[i][0], tbl))
			return words[i][1];
	return tbl;
}

/* Refuses the undo: r says why, the status's detail too. */
static enum status refuse(struct undo_result *r, enum undo_refusal why, const char *tbl,
			  const char *later)
{
	r->refused = why;
	r->table = xstrdup(tbl);
	r->later = later ? xstrdup(later) : NULL;
	switch (why) {
	case UNDO_LATER_CHANGE:
		return status_set(STATUS_BAD_INPUT,
				  "cannot take back \"%.80s\": \"%.80s\" changed it since",
				  r->summary, later ? later : "");
	case UNDO_CHANGED:
		return status_set(STATUS_BAD_INPUT,
				  "cannot take back \"%.80s\": another program changed it since",
				  r->summary);
	case UNDO_DEPENDENTS:
		return status_set(STATUS_BAD_INPUT,
				  "cannot take back \"%.80s\": %s made since depend on it (take"
				  " them back first)",
				  r->summary, rows_of(tbl));
	case UNDO_TAKEN:
	default:
		return status_set(STATUS_BAD_INPUT,
				  "cannot take back \"%.80s\": a row it removed exists again",
				  r->summary);
	}
}

/* Takes back one kept row, after checking nothing has written it since. */
static enum status undo_row(struct db *db, int64_t change_id, const struct edit_row *e,
			    const char *stamp, struct undo_result *r)
{
	struct table_meta *t;
	char *cur = NULL, *later = NULL, *dep = NULL;
	enum status s;
	bool same = false;

	if ((s = table_of(db, e->tbl, &t)) != STATUS_OK)
		return s;
	s = db_text(db,
		    "SELECT summary FROM edits WHERE tbl = ?1 AND row_id = ?2 AND seq > ?3"
		    " AND undone = 0 AND change_id <> ?4 ORDER BY seq LIMIT 1",
		    DB_ARGS(DB_TEXT(e->tbl), DB_INT(e->row_id), DB_INT(e->seq), DB_INT(change_id)),
		    &later);
	if (s == STATUS_OK) {
		s = refuse(r, UNDO_LATER_CHANGE, e->tbl, later);
		free(later);
		return s;
	}
	if (s != STATUS_NOT_FOUND)
		return s;
	if ((s = capture_by_json(db, t, e->new ? e->new : e->old, &cur)) != STATUS_OK)
		return s;
	if (e->new) {
		if ((s = same_values(db, cur, e->new, &same)) == STATUS_OK && !same)
			s = refuse(r, UNDO_CHANGED, e->tbl, NULL);
	} else if (cur) {
		s = refuse(r, UNDO_TAKEN, e->tbl, NULL);
	}
	free(cur);
	if (s != STATUS_OK)
		return s;
	if (!e->old) { /* an insert: remove the row, unless others refer to it */
		struct strbuf sb;

		if ((s = dependents_of(db, t, e->new, &dep)) != STATUS_OK)
			return s;
		if (dep) {
			s = refuse(r, UNDO_DEPENDENTS, dep, NULL);
			free(dep);
			return s;
		}
		strbuf_init(&sb);
		strbuf_addf(&sb, "DELETE FROM \"%s\" WHERE ", t->name);
		key_where(&sb, t, 1);
		s = db_run(db, sb.buf, DB_ARGS(DB_TEXT(e->new)));
		strbuf_done(&sb);
		return s;
	}
	return put_back(db, t, e->old, t->has_updated_at ? stamp : NULL, !e->new);
}

static void rows_free(struct edit_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].tbl);
		free(rows[i].op);
		free(rows[i].old);
		free(rows[i].new);
	}
	free(rows);
}

/* The last local change not undone: its id and summary. */
static enum status last_change(struct db *db, int64_t *change_id, char **summary)
{
	enum status s = db_int(db,
			       "SELECT change_id FROM edits WHERE origin = 'local' AND undone = 0"
			       " ORDER BY seq DESC LIMIT 1",
			       DB_NOARGS, change_id);

	if (s == STATUS_NOT_FOUND)
		return status_set(s, "nothing to undo");
	if (s == STATUS_OK)
		s = db_text(db,
			    "SELECT summary FROM edits WHERE change_id = ?1 ORDER BY seq LIMIT 1",
			    DB_ARGS(DB_INT(*change_id)), summary);
	return s;
}

enum status db_undo_peek(struct db *db, char **summary)
{
	int64_t change_id;

	*summary = NULL;
	return last_change(db, &change_id, summary);
}

enum status db_undo(struct db *db, const char *stamp, struct undo_result *r)
{
	struct edit_row *rows = NULL;
	size_t n = 0, cap = 0, i;
	void *ctx[3] = {&rows, &n, &cap};
	int64_t change_id = 0;
	enum status s;

	memset(r, 0, sizeof(*r));
	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = last_change(db, &change_id, &r->summary)) != STATUS_OK)
		goto out;
	s = db_rows(db,
		    "SELECT seq, tbl, row_id, op, old, new FROM edits WHERE change_id = ?1"
		    " ORDER BY seq DESC",
		    DB_ARGS(DB_INT(change_id)), read_edit, ctx);
	for (i = 0; s == STATUS_OK && i < n; i++)
		s = undo_row(db, change_id, &rows[i], stamp, r);
	if (s == STATUS_OK)
		s = db_run(db,
			   "UPDATE edits SET undone = 1, undone_at = coalesce(?2, acctplan_now())"
			   " WHERE change_id = ?1",
			   DB_ARGS(DB_INT(change_id), DB_TEXT(stamp)));
out:
	rows_free(rows, n);
	return db_finish(db, s);
}

/* ---- short ids ------------------------------------------------------------- */

static const char *const kind_table[ID_KIND_COUNT] = {
	[ID_ACCOUNT] = "accounts", [ID_CONTACT] = "contacts", [ID_RESPONSE] = "feedback",
	[ID_NOTE] = "notes",       [ID_PROBLEM] = "problems", [ID_CONDITION] = "conditions",
	[ID_DEFECT] = "defects",   [ID_ACTION] = "actions",
};
static const char *const kind_noun[ID_KIND_COUNT] = {
	[ID_ACCOUNT] = "account", [ID_CONTACT] = "buyer",   [ID_RESPONSE] = "response",
	[ID_NOTE] = "note",       [ID_PROBLEM] = "problem", [ID_CONDITION] = "condition",
	[ID_DEFECT] = "defect",   [ID_ACTION] = "action",
};

const char *id_kind_noun(enum id_kind k)
{
	return (unsigned)k < ID_KIND_COUNT ? kind_noun[k] : "row";
}

enum status db_short_id(struct db *db, enum id_kind k, int64_t id, char out[SHORTID_LEN])
{
	sqlite3_stmt *st = db->edit.near[k];
	int64_t below = 0, above = 0;
	int rc;

	if (!st) {
		char *sql = xasprintf("SELECT (SELECT max(id) FROM %s WHERE id < ?1),"
				      " (SELECT min(id) FROM %s WHERE id > ?1)",
				      kind_table[k], kind_table[k]);
		enum status s = db_prepare(db, sql, &st);

		free(sql);
		if (s != STATUS_OK)
			return s;
		db->edit.near[k] = st;
	}
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		below = sqlite3_column_int64(st, 0);
		above = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc);
	shortid_short(id, below, above, out);
	return STATUS_OK;
}

struct prefix_hits {
	struct db *db;
	enum id_kind k;
	int n;
	int64_t first;
	struct strbuf names;
};

static int prefix_hit(sqlite3_stmt *st, void *ctx)
{
	struct prefix_hits *h = ctx;
	int64_t id = sqlite3_column_int64(st, 0);
	char shown[SHORTID_LEN];

	if (h->n == 0)
		h->first = id;
	if (h->n < 5) {
		shortid_render(id, shown);
		strbuf_addf(&h->names, "%s%s", h->n ? ", " : "", shown);
	}
	h->n++;
	return 0;
}

enum status db_id_resolve(struct db *db, enum id_kind k, const char *text, int64_t *id)
{
	struct prefix_hits h = {db, k, 0, 0, {0}};
	int64_t v, lo, hi, found;
	enum status s;
	char *sql;

	if ((v = parse_id(text)) != 0) {
		sql = xasprintf("SELECT id FROM %s WHERE id = ?1", kind_table[k]);
		s = db_int(db, sql, DB_ARGS(DB_INT(v)), &found);
		free(sql);
		if (s == STATUS_OK) {
			*id = found;
			return s;
		}
		if (s != STATUS_NOT_FOUND)
			return s;
	}
	if (!shortid_is_prefix(text) || !shortid_range(text, &lo, &hi))
		return status_set(STATUS_NOT_FOUND, "no %s with id \"%.40s\"", kind_noun[k], text);
	strbuf_init(&h.names);
	sql = xasprintf("SELECT id FROM %s WHERE id BETWEEN ?1 AND ?2 ORDER BY id LIMIT 6",
			kind_table[k]);
	s = db_rows(db, sql, DB_ARGS(DB_INT(lo), DB_INT(hi)), prefix_hit, &h);
	free(sql);
	if (s == STATUS_OK && h.n == 0)
		s = status_set(STATUS_NOT_FOUND, "no %s with id \"%.40s\"", kind_noun[k], text);
	else if (s == STATUS_OK && h.n > 1)
		s = status_set(STATUS_AMBIGUOUS, "\"%.40s\" is the start of several %s ids: %s%s",
			       text, kind_noun[k], h.names.buf, h.n > 5 ? ", ..." : "");
	else if (s == STATUS_OK)
		*id = h.first;
	strbuf_done(&h.names);
	return s;
}

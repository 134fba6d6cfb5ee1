/*
 * Team sync, the book's side (syncbook.h; the design is doc/sync.md).
 *
 * What changed since the last sync is in the tables sync_old_T (schema 7):
 * one row per row of T that any program wrote since, with the row as it
 * was before its first update or delete. db_sync_send() replays those
 * pairs, before and after, into an in-memory database with the same
 * tables, under an SQLite session, and takes the session's changeset: the
 * same changeset sqlite3session_diff() would give against a copy of the
 * book as it was at the last sync, without keeping that copy or reading
 * the rows that did not change.
 *
 * db_sync_apply() hands a teammate's changeset to
 * sqlite3changeset_apply_v2(). What applies cleanly (the row is as the
 * teammate last saw it) goes in as it is; the conflict handler resolves
 * the rest so that the result does not depend on the order files arrive
 * in: each field is a register whose value is the one of the latest write
 * (sync_clock: the updated_at of the change that wrote it, then the
 * writer's instance), a delete beats any change, and a change whose row is
 * gone is kept in the edit history. Before a change leaves the book its
 * updated_at is moved past every write it has seen of that row (the
 * "causal bump"), so a laptop whose clock is behind still wins with a
 * later edit. Rows a cascade removes while a file applies are caught by
 * the preupdate hook, to be kept in the history too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_internal.h"
#include "acctplan/shortid.h"
#include "acctplan/syncbook.h"
#include "acctplan/xalloc.h"

/* ---- the report (always built) ------------------------------------------ */

void sync_report_init(struct sync_report *r)
{
	memset(r, 0, sizeof(*r));
}

/* What a conflict owns; the slot itself is the report's. */
static void conflict_done(struct sync_conflict *c)
{
	free(c->table);
	free(c->label);
	free(c->column);
	free(c->kept);
	free(c->lost);
	free(c->file);
	free(c->author);
	free(c->why);
}

void sync_report_done(struct sync_report *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++) {
		free(r->files[i].name);
		free(r->files[i].author);
		free(r->files[i].why);
	}
	free(r->files);
	for (i = 0; i < r->nconflicts; i++)
		conflict_done(&r->conflicts[i]);
	free(r->conflicts);
	free(r->undelivered);
	memset(r, 0, sizeof(*r));
}

struct sync_file_result *sync_report_file(struct sync_report *r, const char *name,
					  enum sync_file_state state, const char *why)
{
	struct sync_file_result *f;

	r->files = xgrow(r->files, &r->files_cap, r->nfiles + 1, sizeof(*r->files));
	f = &r->files[r->nfiles++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->state = state;
	f->why = why ? xstrdup(why) : NULL;
	return f;
}

#ifndef ACCTPLAN_SYNC

/* This SQLite has no session extension: sync says so, and does nothing. */
static enum status unavailable(void)
{
	return status_set(STATUS_IO,
			  "this acctplan was built with an SQLite that lacks the session extension"
			  " (SQLITE_ENABLE_SESSION), so it cannot sync; build it against one"
			  " that has it (Debian's and Ubuntu's libsqlite3 do)");
}

bool db_sync_available(void)
{
	unavailable();
	return false;
}

enum status db_sync_begin(struct db *db, const char *stamp, const char *file_id,
			  struct sync_report *r)
{
	(void)db, (void)stamp, (void)file_id, (void)r;
	return unavailable();
}

enum status db_sync_reidentify(struct db *db, const char *why, struct sync_report *r)
{
	(void)db, (void)why, (void)r;
	return unavailable();
}

enum status db_sync_seen(struct db *db, const char *name, int64_t size, enum sync_seen *seen)
{
	(void)db, (void)name, (void)size, (void)seen;
	return unavailable();
}

enum status db_sync_own_hash(struct db *db, const char *name, char hash[SYNCFILE_HASH_LEN])
{
	(void)db, (void)name, (void)hash;
	return unavailable();
}

enum status db_sync_check(struct db *db, const struct syncfile *f)
{
	(void)db, (void)f;
	return unavailable();
}

enum status db_sync_send(struct db *db, const char *author, struct sync_report *r)
{
	(void)db, (void)author, (void)r;
	return unavailable();
}

enum status db_sync_apply(struct db *db, const char *name, const char *hash, int64_t size,
			  const struct syncfile *f, bool strict, struct sync_report *r)
{
	(void)db, (void)name, (void)hash, (void)size, (void)f, (void)strict, (void)r;
	return unavailable();
}

enum status db_sync_end(struct db *db, struct sync_report *r)
{
	(void)db, (void)r;
	return unavailable();
}

void db_sync_abort(struct db *db)
{
	db_rollback(db);
}

enum status db_sync_pending(struct db *db, sync_pending_cb cb, void *ctx)
{
	(void)db, (void)cb, (void)ctx;
	return unavailable();
}

enum status db_sync_delivered(struct db *db, const char *name)
{
	(void)db, (void)name;
	return unavailable();
}

void db_sync_free(struct db *db)
{
	(void)db;
}

#else /* ACCTPLAN_SYNC */

/* The tables that sync, parents first (the order of a changeset). */
#define NSYNC 12
static const char *const synced[NSYNC] = {
	"accounts", "contacts",   "feedback", "defects", "feedback_defects", "problems",
	"notes",    "conditions", "marks",    "actions", "referrals",        "plays",
};

/* A foreign key of a synced table. */
struct fk_meta {
	int col;    /* the column that refers */
	int parent; /* the synced table it refers to */
	int parent_col;
	bool cascade; /* ON DELETE CASCADE; else SET NULL */
};

/* What sync knows of one synced table, read from the schema once a run. */
struct sync_table {
	const char *name;
	char **cols;
	int ncols;
	unsigned char *pk; /* 1 where the column is part of the key */
	int npk;
	int id;      /* the column "id" when it is the whole key, else -1 */
	int upd;     /* the column updated_at, or -1 */
	int account; /* the column account_id, or -1 */
	struct fk_meta fks[8];
	int nfks;
};

/* A row a cascade removed while a file applied. */
struct captured {
	int table;
	int64_t row;
	char *json; /* the row, as the edit history keeps it */
};

/* One sync, from db_sync_begin() to db_sync_end(). */
struct sync_run {
	struct sync_table t[NSYNC];
	char instance[SYNCFILE_INSTANCE_LEN];
	int64_t seq; /* the last file this identity wrote */
	char stamp[24];
	struct sync_report *r;
	bool applying; /* the 'applying' flag is set in sync_state */
	/* the file being applied */
	const char *file, *author, *file_inst, *file_stamp;
	bool strict, held, fk;
	enum status error; /* a failure inside the conflict handler */
	bool failed;
	struct captured *cap; /* what cascades removed */
	size_t ncap, capcap;
};

static struct sync_run *run_of(struct db *db)
{
	return db->sync;
}

static void table_free(struct sync_table *t)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->pk);
	memset(t, 0, sizeof(*t));
}

static void captured_free(struct sync_run *run)
{
	size_t i;

	for (i = 0; i < run->ncap; i++)
		free(run->cap[i].json);
	run->ncap = 0;
}

void db_sync_free(struct db *db)
{
	struct sync_run *run = db->sync;
	int i;

	if (!run)
		return;
	if (db->sql)
		sqlite3_preupdate_hook(db->sql, NULL, NULL);
	for (i = 0; i < NSYNC; i++)
		table_free(&run->t[i]);
	captured_free(run);
	free(run->cap);
	free(run);
	db->sync = NULL;
}

bool db_sync_available(void)
{
	return true;
}

static int table_index(const char *name)
{
	int i;

	for (i = 0; name && i < NSYNC; i++)
		if (!strcmp(synced[i], name))
			return i;
	return -1;
}

static int column_index(const struct sync_table *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return i;
	return -1;
}

/* ---- the tables ----------------------------------------------------------- */

static int read_col(sqlite3_stmt *st, void *ctx)
{
	struct sync_table *t = ctx;
	size_t cap = (size_t)t->ncols;

	t->cols = xgrow(t->cols, &cap, (size_t)t->ncols + 1, sizeof(char *));
	t->pk = xrealloc(t->pk, (size_t)t->ncols + 1);
	t->cols[t->ncols] = xstrdup(db_col_text(st, 0));
	t->pk[t->ncols] = sqlite3_column_int(st, 1) > 0;
	t->npk += t->pk[t->ncols];
	t->ncols++;
	return 0;
}

static int read_fk(sqlite3_stmt *st, void *ctx)
{
	struct sync_table *t = ctx;
	int parent = table_index(db_col_text(st, 0));
	int col = column_index(t, db_col_text(st, 1));
	struct fk_meta *f;

	if (parent < 0 || col < 0 || t->nfks >= (int)(sizeof(t->fks) / sizeof(*t->fks)))
		return 0;
	f = &t->fks[t->nfks++];
	f->col = col;
	f->parent = parent;
	f->parent_col = -1; /* the parent's id: resolved once every table is read */
	f->cascade = !strcmp(db_col_text(st, 3), "CASCADE");
	return 0;
}

static enum status load_tables(struct db *db, struct sync_run *run)
{
	enum status s = STATUS_OK;
	int i, k;

	for (i = 0; s == STATUS_OK && i < NSYNC; i++) {
		struct sync_table *t = &run->t[i];

		t->name = synced[i];
		s = db_rows(db, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid",
			    DB_ARGS(DB_TEXT(t->name)), read_col, t);
		if (s == STATUS_OK && t->ncols == 0)
			s = status_set(STATUS_DB, "no table %s", t->name);
		if (s != STATUS_OK)
			break;
		t->id = t->npk == 1 ? column_index(t, "id") : -1;
		if (t->id >= 0 && !t->pk[t->id])
			t->id = -1;
		t->upd = column_index(t, "updated_at");
		t->account = column_index(t, "account_id");
		s = db_rows(db,
			    "SELECT \"table\", \"from\", \"to\", on_delete FROM"
			    " pragma_foreign_key_list(?1)",
			    DB_ARGS(DB_TEXT(t->name)), read_fk, t);
	}
	/* every foreign key of ours refers to its parent's id */
	for (i = 0; s == STATUS_OK && i < NSYNC; i++)
		for (k = 0; k < run->t[i].nfks; k++) {
			struct fk_meta *f = &run->t[i].fks[k];

			f->parent_col = column_index(&run->t[f->parent], "id");
		}
	return s;
}

/* ---- values --------------------------------------------------------------- */

static bool same_value(sqlite3_value *a, sqlite3_value *b)
{
	int ta, tb;

	if (!a || !b)
		return !a && !b;
	ta = sqlite3_value_type(a);
	tb = sqlite3_value_type(b);
	if (ta != tb)
		return false;
	switch (ta) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		int n = sqlite3_value_bytes(a);
		const void *pa = ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(a)
						   : sqlite3_value_blob(a);
		const void *pb;

		if (n != sqlite3_value_bytes(b))
			return false;
		pb = ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(b)
				       : sqlite3_value_blob(b);
		return n == 0 || (pa && pb && memcmp(pa, pb, (size_t)n) == 0);
	}
	}
}

/* A value's rank in SQLite's order: NULL, numbers, text, blobs. */
static int value_rank(sqlite3_value *v)
{
	switch (v ? sqlite3_value_type(v) : SQLITE_NULL) {
	case SQLITE_NULL:
		return 0;
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		return 1;
	case SQLITE_TEXT:
		return 2;
	default:
		return 3;
	}
}

/* SQLite's order of values, for the tie of two versions written at the
 * same moment. */
static int value_cmp(sqlite3_value *a, sqlite3_value *b)
{
	int ra = value_rank(a), rb = value_rank(b), na, nb, c;
	const void *pa, *pb;
	double x, y;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (ra == 0)
		return 0;
	if (ra == 1) {
		if (sqlite3_value_type(a) == SQLITE_INTEGER &&
		    sqlite3_value_type(b) == SQLITE_INTEGER) {
			int64_t i = sqlite3_value_int64(a), j = sqlite3_value_int64(b);

			return i < j ? -1 : i > j;
		}
		x = sqlite3_value_double(a);
		y = sqlite3_value_double(b);
		return x < y ? -1 : x > y;
	}
	pa = ra == 2 ? (const void *)sqlite3_value_text(a) : sqlite3_value_blob(a);
	pb = ra == 2 ? (const void *)sqlite3_value_text(b) : sqlite3_value_blob(b);
	na = sqlite3_value_bytes(a);
	nb = sqlite3_value_bytes(b);
	c = pa && pb && (na < nb ? na : nb) ? memcmp(pa, pb, (size_t)(na < nb ? na : nb)) : 0;
	if (c)
		return c;
	return na < nb ? -1 : na > nb;
}

/* A value as text for the report; NULL for SQL's NULL. */
static char *value_text(sqlite3_value *v)
{
	if (!v)
		return NULL;
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_BLOB:
		return xasprintf("(%d bytes)", sqlite3_value_bytes(v));
	default: {
		const unsigned char *s = sqlite3_value_text(v);

		return xstrndup(s ? (const char *)s : "", (size_t)sqlite3_value_bytes(v));
	}
	}
}

/* The text of a stamp value, or "" when it is not text. */
static const char *stamp_of(sqlite3_value *v)
{
	const unsigned char *s;

	if (!v || sqlite3_value_type(v) != SQLITE_TEXT || !(s = sqlite3_value_text(v)))
		return "";
	return (const char *)s;
}

/* ---- the identity ----------------------------------------------------------- */

static enum status state_get(struct db *db, const char *key, char **value)
{
	enum status s = db_text(db, "SELECT value FROM sync_state WHERE key = ?1",
				DB_ARGS(DB_TEXT(key)), value);

	if (s == STATUS_NOT_FOUND) {
		*value = NULL;
		s = STATUS_OK;
	}
	return s;
}

static enum status state_set(struct db *db, const char *key, const char *value)
{
	return db_run(db,
		      "INSERT INTO sync_state(key, value) VALUES (?1, ?2)"
		      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		      DB_ARGS(DB_TEXT(key), DB_TEXT(value)));
}

static void new_instance(struct db *db, char out[SYNCFILE_INSTANCE_LEN])
{
	uint64_t v = (uint64_t)db_new_id(db) << 1 ^ (uint64_t)db_new_id(db);

	snprintf(out, SYNCFILE_INSTANCE_LEN, "%016llx", (unsigned long long)v);
}

static enum status save_identity(struct db *db, struct sync_run *run)
{
	char seq[24];
	enum status s;

	snprintf(seq, sizeof(seq), "%lld", (long long)run->seq);
	if ((s = state_set(db, "instance", run->instance)) == STATUS_OK)
		s = state_set(db, "seq", seq);
	return s;
}

/* Rewrites the header of an own file not yet in the folder under the
 * current identity. */
static enum status rename_pending(struct db *db, struct sync_run *run, const char *name,
				  const void *bytes, size_t n)
{
	struct syncfile f;
	struct strbuf sb;
	char fresh[SYNCFILE_NAME_LEN], hash[SYNCFILE_HASH_LEN];
	sqlite3_stmt *st;
	enum status s;

	if (syncfile_parse(bytes, n, &f) != STATUS_OK)
		return status_set(STATUS_DB, "sync: this book's file %s is damaged in the book",
				  name);
	memcpy(f.instance, run->instance, sizeof(f.instance));
	f.seq = (uint64_t)++run->seq;
	syncfile_name(fresh, f.lamport, f.instance, f.seq);
	strbuf_init(&sb);
	syncfile_write(&sb, &f, f.body, f.size);
	syncfile_hash(sb.buf, sb.len, hash);
	s = db_prepare(db,
		       "UPDATE sync_files SET name = ?2, instance = ?3, seq = ?4, size = ?5,"
		       " hash = ?6, pending = ?7 WHERE name = ?1",
		       &st);
	if (s == STATUS_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, fresh, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, f.instance, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, (int64_t)f.seq);
		sqlite3_bind_int64(st, 5, (int64_t)sb.len);
		sqlite3_bind_text(st, 6, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_blob(st, 7, sb.buf, (int)sb.len, SQLITE_TRANSIENT);
		s = db_each(db, st, NULL, NULL);
	}
	strbuf_done(&sb);
	return s;
}

/* Own files not yet in the folder, read out of the book. */
struct pending_file {
	char *name;
	void *bytes;
	size_t n;
};
struct pending_rows {
	struct pending_file *v;
	size_t n, cap;
};

static int read_pending(sqlite3_stmt *st, void *ctx)
{
	struct pending_rows *p = ctx;
	size_t n = (size_t)sqlite3_column_bytes(st, 1);
	struct pending_file *f;

	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	f = &p->v[p->n++];
	f->name = xstrdup(db_col_text(st, 0));
	f->bytes = xmalloc(n ? n : 1);
	if (n)
		memcpy(f->bytes, sqlite3_column_blob(st, 1), n);
	f->n = n;
	return 0;
}

static void pending_free(struct pending_rows *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].bytes);
	}
	free(p->v);
}

enum status db_sync_reidentify(struct db *db, const char *why, struct sync_report *r)
{
	struct sync_run *run = run_of(db);
	struct pending_rows p = {0};
	enum status s;
	size_t i;

	new_instance(db, run->instance);
	run->seq = 0;
	r->new_identity = why;
	memcpy(r->instance, run->instance, sizeof(r->instance));
	s = db_rows(db,
		    "SELECT name, pending FROM sync_files WHERE own = 1 AND pending IS NOT NULL"
		    " ORDER BY seq",
		    DB_NOARGS, read_pending, &p);
	for (i = 0; s == STATUS_OK && i < p.n; i++)
		s = rename_pending(db, run, p.v[i].name, p.v[i].bytes, p.v[i].n);
	pending_free(&p);
	if (s == STATUS_OK)
		s = save_identity(db, run);
	return s;
}

enum status db_sync_begin(struct db *db, const char *stamp, const char *file_id,
			  struct sync_report *r)
{
	struct change c = {CHANGE_SYNC, stamp, "sync with the team"};
	struct sync_run *run;
	char *inst = NULL, *seq = NULL, *fid = NULL;
	enum status s;

	db_sync_free(db);
	if (db_is_readonly(db))
		return status_set(STATUS_DB_READONLY, "%s: read-only (%s); nothing synced",
				  db->path, db_readonly_reason(db));
	run = xcalloc(1, sizeof(*run));
	db->sync = run;
	run->r = r;
	snprintf(run->stamp, sizeof(run->stamp), "%s", stamp);
	db_change(db, &c);
	if ((s = db_begin(db)) != STATUS_OK) {
		db_change_cancel(db);
		db_sync_free(db);
		return s;
	}
	/* foreign keys are checked at commit: a file may add a row before
	 * its parent, and the cleanup after a delete elsewhere runs later */
	if ((s = db_exec(db, "PRAGMA defer_foreign_keys = ON")) != STATUS_OK ||
	    (s = load_tables(db, run)) != STATUS_OK ||
	    (s = state_get(db, "instance", &inst)) != STATUS_OK ||
	    (s = state_get(db, "seq", &seq)) != STATUS_OK ||
	    (s = state_get(db, "file_id", &fid)) != STATUS_OK)
		goto fail;
	if (inst && syncfile_instance_ok(inst)) {
		memcpy(run->instance, inst, sizeof(run->instance));
		run->seq = seq ? strtoll(seq, NULL, 10) : 0;
		memcpy(r->instance, run->instance, sizeof(r->instance));
		if (fid && file_id && strcmp(fid, file_id) != 0)
			s = db_sync_reidentify(db,
					       "this book is a copy of another that synced (its"
					       " file is not the one that last synced)",
					       r);
	} else {
		new_instance(db, run->instance);
		run->seq = 0;
		memcpy(r->instance, run->instance, sizeof(r->instance));
		s = save_identity(db, run);
	}
	if (s == STATUS_OK && file_id)
		s = state_set(db, "file_id", file_id);
fail:
	free(inst);
	free(seq);
	free(fid);
	if (s != STATUS_OK)
		db_sync_abort(db);
	return s;
}

enum status db_sync_seen(struct db *db, const char *name, int64_t size, enum sync_seen *seen)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	*seen = SYNC_NEW;
	if ((s = db_query(db,
			  "SELECT size, own, pending IS NOT NULL FROM sync_files WHERE name = ?1",
			  DB_ARGS(DB_TEXT(name)), &st)) != STATUS_OK)
		return s;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		bool own = sqlite3_column_int(st, 1), pending = sqlite3_column_int(st, 2);

		if (own && (pending || sqlite3_column_int64(st, 0) != size))
			*seen = SYNC_CHECK;
		else
			*seen = SYNC_KNOWN;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
}

enum status db_sync_own_hash(struct db *db, const char *name, char hash[SYNCFILE_HASH_LEN])
{
	char *h = NULL;
	enum status s = db_text(db, "SELECT hash FROM sync_files WHERE name = ?1 AND own = 1",
				DB_ARGS(DB_TEXT(name)), &h);

	hash[0] = '\0';
	if (s == STATUS_OK && h)
		snprintf(hash, SYNCFILE_HASH_LEN, "%s", h);
	free(h);
	return s;
}

/* ---- checking a file ----------------------------------------------------- */

enum status db_sync_check(struct db *db, const struct syncfile *f)
{
	struct sync_run *run = run_of(db);
	struct sync_run tmp;
	sqlite3_changeset_iter *it = NULL;
	enum status s = STATUS_OK;
	uint64_t count = 0;
	size_t bad_at = 0;
	int rc, i;

	if (f->schema > DB_SCHEMA_VERSION)
		return status_set(STATUS_BAD_INPUT,
				  "made by a newer acctplan (schema version %d; this one reads up"
				  " to %d): upgrade acctplan here to apply it",
				  f->schema, DB_SCHEMA_VERSION);
	if (f->size > (size_t)0x7fffffff)
		return status_set(STATUS_BAD_INPUT, "too big to apply");
	/* the bytes are walked here first: SQLite's reader may loop for ever
	 * on a malformed changeset */
	if (!syncfile_changeset_scan(f->body, f->size, &count, &bad_at))
		return status_set(STATUS_BAD_INPUT,
				  "damaged: its changeset is malformed at byte %zu", bad_at);
	if (count != f->changes)
		return status_set(STATUS_BAD_INPUT,
				  "damaged: its header says %llu changes where it holds %llu",
				  (unsigned long long)f->changes, (unsigned long long)count);
	count = 0;
	memset(&tmp, 0, sizeof(tmp));
	if (!run) {
		if ((s = load_tables(db, &tmp)) != STATUS_OK)
			goto out;
		run = &tmp;
	}
	rc = sqlite3changeset_start(&it, (int)f->size, (void *)f->body);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		if ((rc = sqlite3changeset_next(it)) != SQLITE_ROW)
			break;
		const char *tab;
		unsigned char *pk;
		int ncol, npk, op, ind, k;
		const struct sync_table *t;

		if (sqlite3changeset_op(it, &tab, &ncol, &op, &ind) != SQLITE_OK ||
		    sqlite3changeset_pk(it, &pk, &npk) != SQLITE_OK || npk != ncol) {
			rc = SQLITE_CORRUPT;
			break;
		}
		if ((k = table_index(tab)) < 0) {
			char shown[41];
			size_t j;

			/* the name as far as it is a name: no byte of the file raw */
			for (j = 0; tab && tab[j] && j < sizeof(shown) - 1; j++)
				shown[j] = (tab[j] >= 'a' && tab[j] <= 'z') ||
							   (tab[j] >= 'A' && tab[j] <= 'Z') ||
							   (tab[j] >= '0' && tab[j] <= '9') ||
							   tab[j] == '_'
						   ? tab[j]
						   : '?';
			shown[j] = '\0';
			s = status_set(STATUS_BAD_INPUT,
				       "it changes \"%s\", a table acctplan does not sync", shown);
			goto out;
		}
		t = &run->t[k];
		if (ncol > t->ncols || (ncol < t->ncols && f->schema >= DB_SCHEMA_VERSION) ||
		    ncol < 1) {
			s = status_set(STATUS_BAD_INPUT,
				       "its table %s has %d columns where this book's has %d",
				       t->name, ncol, t->ncols);
			goto out;
		}
		for (i = 0; i < ncol; i++) {
			sqlite3_value *o = NULL, *n = NULL;

			if ((pk[i] != 0) != t->pk[i]) {
				s = status_set(STATUS_BAD_INPUT,
					       "its table %s is keyed otherwise than this book's",
					       t->name);
				goto out;
			}
			if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &o) != SQLITE_OK)
				rc = SQLITE_CORRUPT;
			if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &n) != SQLITE_OK)
				rc = SQLITE_CORRUPT;
			if ((op == SQLITE_INSERT && !n) || (op == SQLITE_DELETE && !o) ||
			    (op == SQLITE_UPDATE && t->pk[i] && !o)) {
				s = status_set(STATUS_BAD_INPUT,
					       "damaged: a change to %s lacks values", t->name);
				goto out;
			}
			/* ids are integers */
			if (t->pk[i] &&
			    sqlite3_value_type(op == SQLITE_INSERT ? n : o) != SQLITE_INTEGER) {
				s = status_set(
					STATUS_BAD_INPUT,
					"damaged: a change to %s has a key that is not a number",
					t->name);
				goto out;
			}
		}
		count++;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		s = status_set(STATUS_BAD_INPUT, "damaged: its changeset cannot be read (%s)",
			       sqlite3_errstr(rc));
		goto out;
	}
	if (count != f->changes)
		s = status_set(STATUS_BAD_INPUT,
			       "damaged: its header says %llu changes where it holds %llu",
			       (unsigned long long)f->changes, (unsigned long long)count);
out:
	if (it && sqlite3changeset_finalize(it) != SQLITE_OK && s == STATUS_OK)
		s = status_set(STATUS_BAD_INPUT, "damaged: its changeset cannot be read");
	if (run == &tmp)
		for (i = 0; i < NSYNC; i++)
			table_free(&tmp.t[i]);
	return s;
}

/* ---- clocks --------------------------------------------------------------- */

/* The clock of a field: false when it has none. */
static bool clock_get(struct db *db, const struct sync_table *t, int64_t row, int col,
		      char stamp[24], char inst[SYNCFILE_INSTANCE_LEN], enum status *s)
{
	sqlite3_stmt *st;
	bool found = false;
	int rc;

	if ((*s = db_query(db,
			   "SELECT stamp, inst FROM sync_clock WHERE tbl = ?1 AND row_id = ?2"
			   " AND col = ?3",
			   DB_ARGS(DB_TEXT(t->name), DB_INT(row), DB_TEXT(t->cols[col])), &st)) !=
	    STATUS_OK)
		return false;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(stamp, 24, "%s", db_col_text(st, 0));
		snprintf(inst, SYNCFILE_INSTANCE_LEN, "%s", db_col_text(st, 1));
		found = true;
	} else if (rc != SQLITE_DONE) {
		*s = db_error(db, rc);
	}
	sqlite3_finalize(st);
	return found;
}

/* Sets the clock of a field to (stamp, inst) when that is later than it
 * is; replace: whatever it is. */
static enum status clock_put(struct db *db, const struct sync_table *t, int64_t row, int col,
			     const char *stamp, const char *inst, bool replace)
{
	return db_run(db,
		      replace ? "INSERT INTO sync_clock(tbl, row_id, col, stamp, inst)"
				" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE"
				" SET stamp = excluded.stamp, inst = excluded.inst"
			      : "INSERT INTO sync_clock(tbl, row_id, col, stamp, inst)"
				" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE"
				" SET stamp = excluded.stamp, inst = excluded.inst"
				" WHERE (excluded.stamp, excluded.inst) > (stamp, inst)",
		      DB_ARGS(DB_TEXT(t->name), DB_INT(row), DB_TEXT(t->cols[col]), DB_TEXT(stamp),
			      DB_TEXT(inst)));
}

static int later(const char *s1, const char *i1, const char *s2, const char *i2)
{
	int c = strcmp(s1, s2);

	return c ? c : strcmp(i1, i2);
}

/* ---- sending ---------------------------------------------------------------- */

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int collect_id(sqlite3_stmt *st, void *ctx)
{
	struct ids *ids = ctx;

	ids->v = xgrow(ids->v, &ids->cap, ids->n + 1, sizeof(*ids->v));
	ids->v[ids->n++] = sqlite3_column_int64(st, 0);
	return 0;
}

/* "c1, c2, ..." with prefix before each name (NULL: none). */
static void col_list(struct strbuf *sb, const struct sync_table *t, const char *prefix)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		strbuf_addf(sb, "%s%s\"%s\"", i ? ", " : "", prefix ? prefix : "", t->cols[i]);
}

/* Moves the updated_at of each row changed here since the last sync past
 * every write of it this book has seen (its updated_at then, and its
 * fields' clocks), so that the change is the later one everywhere. */
static enum status bump(struct db *db, const struct sync_table *t)
{
	struct strbuf sql;
	enum status s;
	int i;

	if (t->upd < 0 || t->id < 0)
		return STATUS_OK;
	strbuf_init(&sql);
	strbuf_addf(&sql,
		    "UPDATE \"%s\" SET updated_at = b.s FROM (SELECT o.id AS id,"
		    " max(coalesce(datetime(o.updated_at, '+1 second'), ''),"
		    " coalesce((SELECT datetime(max(c.stamp), '+1 second') FROM sync_clock c"
		    " WHERE c.tbl = '%s' AND c.row_id = o.id), '')) AS s"
		    " FROM sync_old_%s o WHERE o.sync_ins = 0) b"
		    " WHERE \"%s\".id = b.id AND \"%s\".updated_at < b.s AND NOT (",
		    t->name, t->name, t->name, t->name, t->name);
	for (i = 0; i < t->ncols; i++)
		strbuf_addf(
			&sql,
			"%s\"%s\".\"%s\" IS (SELECT o.\"%s\" FROM sync_old_%s o WHERE o.id = b.id)",
			i ? " AND " : "", t->name, t->cols[i], t->cols[i], t->name);
	strbuf_adds(&sql, ")");
	s = db_run(db, sql.buf, DB_NOARGS);
	strbuf_done(&sql);
	return s;
}

/* Another program's insert that named no id took SQLite's next rowid, the
 * largest id plus one, which the same insert on another laptop takes too:
 * two different rows with one id, which would meet as one. Before such a
 * row leaves the book it takes a random id, as acctplan's own rows have,
 * with its rows that refer to it (none has left the book yet either). A
 * row is taken for one when it is new since the last sync and its id is
 * small or follows another's. */
struct refs {
	char **child, **col;
	size_t n, cap;
};

static int read_ref(sqlite3_stmt *st, void *ctx)
{
	struct refs *r = ctx;
	size_t cap = r->cap;

	r->child = xgrow(r->child, &cap, r->n + 1, sizeof(char *));
	r->col = xgrow(r->col, &r->cap, r->n + 1, sizeof(char *));
	r->child[r->n] = xstrdup(db_col_text(st, 0));
	r->col[r->n++] = xstrdup(db_col_text(st, 1));
	return 0;
}

static enum status rekey(struct db *db, const struct sync_table *t)
{
	struct refs refs = {0};
	struct ids ids = {0};
	enum status s;
	size_t i, k;
	char *sql;

	if (t->id < 0)
		return STATUS_OK;
	sql = xasprintf("SELECT o.id FROM sync_old_%s o JOIN \"%s\" m ON m.id = o.id"
			" WHERE o.sync_ins = 1 AND (o.id BETWEEN 0 AND 2147483647 OR"
			" EXISTS (SELECT 1 FROM \"%s\" x WHERE x.id = o.id - 1))",
			t->name, t->name, t->name);
	s = db_rows(db, sql, DB_NOARGS, collect_id, &ids);
	free(sql);
	if (s == STATUS_OK && ids.n)
		s = db_rows(db,
			    "SELECT m.name, f.\"from\" FROM sqlite_schema m,"
			    " pragma_foreign_key_list(m.name) f"
			    " WHERE m.type = 'table' AND f.\"table\" = ?1",
			    DB_ARGS(DB_TEXT(t->name)), read_ref, &refs);
	for (i = 0; s == STATUS_OK && i < ids.n; i++) {
		int64_t old = ids.v[i], fresh = db_new_id(db);

		sql = xasprintf("UPDATE \"%s\" SET id = ?2 WHERE id = ?1", t->name);
		s = db_run(db, sql, DB_ARGS(DB_INT(old), DB_INT(fresh)));
		free(sql);
		for (k = 0; s == STATUS_OK && k < refs.n; k++) {
			sql = xasprintf("UPDATE \"%s\" SET \"%s\" = ?2 WHERE \"%s\" = ?1",
					refs.child[k], refs.col[k], refs.col[k]);
			s = db_run(db, sql, DB_ARGS(DB_INT(old), DB_INT(fresh)));
			free(sql);
		}
		/* the old id never left the book: nothing of it is sent */
		if (s == STATUS_OK) {
			sql = xasprintf("DELETE FROM sync_old_%s WHERE id = ?1", t->name);
			s = db_run(db, sql, DB_ARGS(DB_INT(old)));
			free(sql);
		}
		if (s == STATUS_OK && !strcmp(t->name, "accounts"))
			s = db_run(
				db,
				"INSERT INTO cache_dirty VALUES (?1), (?2) ON CONFLICT DO NOTHING",
				DB_ARGS(DB_INT(old), DB_INT(fresh)));
	}
	for (k = 0; k < refs.n; k++) {
		free(refs.child[k]);
		free(refs.col[k]);
	}
	free(refs.child);
	free(refs.col);
	free(ids.v);
	return s;
}

/* The in-memory copy the changeset is recorded from. */
struct out {
	sqlite3 *mem;
	sqlite3_session *session;
	sqlite3_stmt *ins[NSYNC], *upd[NSYNC], *del[NSYNC];
};

static enum status mem_error(struct out *o, int rc)
{
	return status_set(STATUS_DB, "sync: %s",
			  o->mem ? sqlite3_errmsg(o->mem) : sqlite3_errstr(rc));
}

static void out_done(struct out *o)
{
	int i;

	for (i = 0; i < NSYNC; i++) {
		sqlite3_finalize(o->ins[i]);
		sqlite3_finalize(o->upd[i]);
		sqlite3_finalize(o->del[i]);
	}
	if (o->session)
		sqlite3session_delete(o->session);
	sqlite3_close(o->mem);
}

/* " WHERE" and the terms that find a row of t by its key, column N - 1
 * bound to ?N. */
static void where_key(struct strbuf *sql, const struct sync_table *t)
{
	int c, k;

	strbuf_adds(sql, " WHERE ");
	for (c = 0, k = 0; c < t->ncols; c++)
		if (t->pk[c])
			strbuf_addf(sql, "%s\"%s\" = ?%d", k++ ? " AND " : "", t->cols[c], c + 1);
}

/* Makes each synced table in memory, typeless, with the same key, and
 * the statements that write it. */
static enum status out_init(struct out *o, const struct sync_run *run)
{
	struct strbuf sql;
	int rc, i, c, k;

	memset(o, 0, sizeof(*o));
	if ((rc = sqlite3_open_v2(":memory:", &o->mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				  NULL)) != SQLITE_OK)
		return mem_error(o, rc);
	strbuf_init(&sql);
	for (i = 0; i < NSYNC; i++) {
		const struct sync_table *t = &run->t[i];

		strbuf_reset(&sql);
		strbuf_addf(&sql, "CREATE TABLE \"%s\" (", t->name);
		col_list(&sql, t, NULL);
		strbuf_adds(&sql, ", PRIMARY KEY (");
		for (c = 0, k = 0; c < t->ncols; c++)
			if (t->pk[c])
				strbuf_addf(&sql, "%s\"%s\"", k++ ? ", " : "", t->cols[c]);
		strbuf_adds(&sql, "))");
		if ((rc = sqlite3_exec(o->mem, sql.buf, NULL, NULL, NULL)) != SQLITE_OK)
			break;
		strbuf_reset(&sql);
		strbuf_addf(&sql, "INSERT INTO \"%s\" VALUES (", t->name);
		for (c = 0; c < t->ncols; c++)
			strbuf_addf(&sql, "%s?%d", c ? ", " : "", c + 1);
		strbuf_adds(&sql, ")");
		if ((rc = sqlite3_prepare_v2(o->mem, sql.buf, -1, &o->ins[i], NULL)) != SQLITE_OK)
			break;
		/* every column: ?N is column N - 1; the key in the WHERE */
		strbuf_reset(&sql);
		strbuf_addf(&sql, "UPDATE \"%s\" SET ", t->name);
		for (c = 0, k = 0; c < t->ncols; c++)
			if (!t->pk[c])
				strbuf_addf(&sql, "%s\"%s\" = ?%d", k++ ? ", " : "", t->cols[c],
					    c + 1);
		if (k == 0)
			strbuf_addf(&sql, "\"%s\" = \"%s\"", t->cols[0], t->cols[0]);
		where_key(&sql, t);
		if ((rc = sqlite3_prepare_v2(o->mem, sql.buf, -1, &o->upd[i], NULL)) != SQLITE_OK)
			break;
		strbuf_reset(&sql);
		strbuf_addf(&sql, "DELETE FROM \"%s\"", t->name);
		where_key(&sql, t);
		if ((rc = sqlite3_prepare_v2(o->mem, sql.buf, -1, &o->del[i], NULL)) != SQLITE_OK)
			break;
	}
	strbuf_done(&sql);
	if (rc != SQLITE_OK)
		return mem_error(o, rc);
	if ((rc = sqlite3session_create(o->mem, "main", &o->session)) != SQLITE_OK)
		return mem_error(o, rc);
	for (i = 0; i < NSYNC; i++)
		if ((rc = sqlite3session_attach(o->session, run->t[i].name)) != SQLITE_OK)
			return mem_error(o, rc);
	return STATUS_OK;
}

/* Runs one of o's statements with the columns of st from column first. */
static enum status out_write(struct out *o, sqlite3_stmt *w, sqlite3_stmt *st, int first, int ncols,
			     bool record)
{
	int c, rc;

	sqlite3session_enable(o->session, record);
	sqlite3_reset(w);
	for (c = 0; c < ncols; c++)
		if (sqlite3_bind_parameter_count(w) > c)
			sqlite3_bind_value(w, c + 1, sqlite3_column_value(st, first + c));
	rc = sqlite3_step(w);
	sqlite3_reset(w);
	sqlite3_clear_bindings(w);
	return rc == SQLITE_DONE ? STATUS_OK : mem_error(o, rc);
}

/* Replays table t's changes since the last sync into o. */
static enum status out_table(struct db *db, struct out *o, const struct sync_table *t, int i)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int rc, c, k;

	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT o.sync_ins, o.sync_pre, ");
	for (c = 0; c < t->ncols; c++)
		if (t->pk[c])
			break;
	strbuf_addf(&sql, "m.\"%s\" IS NOT NULL, ", t->cols[c]);
	col_list(&sql, t, "o.");
	strbuf_adds(&sql, ", ");
	col_list(&sql, t, "m.");
	strbuf_addf(&sql, " FROM sync_old_%s o LEFT JOIN \"%s\" m ON ", t->name, t->name);
	for (c = 0, k = 0; c < t->ncols; c++)
		if (t->pk[c])
			strbuf_addf(&sql, "%sm.\"%s\" = o.\"%s\"", k++ ? " AND " : "", t->cols[c],
				    t->cols[c]);
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	while (s == STATUS_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool ins = sqlite3_column_int(st, 0), pre = sqlite3_column_int(st, 1);
		bool here = sqlite3_column_int(st, 2);
		int old = 3, cur = 3 + t->ncols;

		if (ins && here) {
			s = out_write(o, o->ins[i], st, cur, t->ncols, true);
		} else if (ins && pre) {
			/* made since the last sync and gone again: it may be a row
			 * a copy of this book still has, so it goes as a delete */
			if ((s = out_write(o, o->ins[i], st, old, t->ncols, false)) == STATUS_OK)
				s = out_write(o, o->del[i], st, old, t->ncols, true);
		} else if (!ins && pre) {
			if ((s = out_write(o, o->ins[i], st, old, t->ncols, false)) == STATUS_OK)
				s = here ? out_write(o, o->upd[i], st, cur, t->ncols, true)
					 : out_write(o, o->del[i], st, old, t->ncols, true);
		}
	}
	if (s == STATUS_OK && rc != SQLITE_DONE)
		s = db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

/* After the changeset is taken: the clock of each field it changes, the
 * counts for the report. */
static enum status sent_clocks(struct db *db, struct sync_run *run, const void *cs, int n,
			       uint64_t *changes)
{
	sqlite3_changeset_iter *it;
	enum status s = STATUS_OK;
	int rc;

	if ((rc = sqlite3changeset_start(&it, n, (void *)cs)) != SQLITE_OK)
		return status_set(STATUS_DB, "sync: %s", sqlite3_errstr(rc));
	while (s == STATUS_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, ind, c, k = -1;
		sqlite3_value *v;
		const struct sync_table *t;
		const char *stamp = run->stamp;
		int64_t row;

		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		(*changes)++;
		if (op == SQLITE_INSERT) {
			run->r->sent_inserts++;
			continue;
		}
		if (op == SQLITE_DELETE) {
			run->r->sent_deletes++;
			continue;
		}
		run->r->sent_updates++;
		k = table_index(tab);
		t = &run->t[k];
		if (t->id < 0)
			continue;
		sqlite3changeset_old(it, t->id, &v);
		row = sqlite3_value_int64(v);
		if (t->upd >= 0 && sqlite3changeset_new(it, t->upd, &v) == SQLITE_OK && v &&
		    *stamp_of(v))
			stamp = stamp_of(v);
		for (c = 0; s == STATUS_OK && c < ncol; c++)
			if (!t->pk[c] && c != t->upd &&
			    sqlite3changeset_new(it, c, &v) == SQLITE_OK && v)
				s = clock_put(db, t, row, c, stamp, run->instance, true);
	}
	sqlite3changeset_finalize(it);
	return s;
}

static enum status clear_tracking(struct db *db)
{
	struct strbuf sql;
	enum status s;
	int i;

	strbuf_init(&sql);
	for (i = 0; i < NSYNC; i++)
		strbuf_addf(&sql, "DELETE FROM sync_old_%s;", synced[i]);
	s = db_exec(db, sql.buf);
	strbuf_done(&sql);
	return s;
}

/* Keeps an own file in sync_files, its bytes pending. */
static enum status keep_own(struct db *db, struct sync_run *run, const char *name,
			    const struct syncfile *f, const struct strbuf *bytes)
{
	char hash[SYNCFILE_HASH_LEN];
	sqlite3_stmt *st;
	enum status s;

	syncfile_hash(bytes->buf, bytes->len, hash);
	if ((s = db_prepare(db,
			    "INSERT INTO sync_files(name, instance, seq, lamport, size, hash, own,"
			    " changes, author, made_at, applied_at, pending)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?9, ?10)",
			    &st)) != STATUS_OK)
		return s;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, f->instance, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, (int64_t)f->seq);
	sqlite3_bind_int64(st, 4, (int64_t)f->lamport);
	sqlite3_bind_int64(st, 5, (int64_t)bytes->len);
	sqlite3_bind_text(st, 6, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, (int64_t)f->changes);
	sqlite3_bind_text(st, 8, f->author, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, run->stamp, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 10, bytes->buf, (int)bytes->len, SQLITE_TRANSIENT);
	return db_each(db, st, NULL, NULL);
}

enum status db_sync_send(struct db *db, const char *author, struct sync_report *r)
{
	struct sync_run *run = run_of(db);
	struct out o;
	enum status s = STATUS_OK;
	void *cs = NULL;
	int n = 0, rc, i;
	uint64_t changes = 0;
	int64_t lamport = 0;

	for (i = 0; s == STATUS_OK && i < NSYNC; i++)
		s = rekey(db, &run->t[i]);
	for (i = 0; s == STATUS_OK && i < NSYNC; i++)
		s = bump(db, &run->t[i]);
	if (s != STATUS_OK)
		return s;
	if ((s = out_init(&o, run)) != STATUS_OK) {
		out_done(&o);
		return s;
	}
	for (i = 0; s == STATUS_OK && i < NSYNC; i++)
		s = out_table(db, &o, &run->t[i], i);
	if (s == STATUS_OK && (rc = sqlite3session_changeset(o.session, &n, &cs)) != SQLITE_OK)
		s = mem_error(&o, rc);
	out_done(&o);
	if (s == STATUS_OK && n > 0)
		s = sent_clocks(db, run, cs, n, &changes);
	if (s == STATUS_OK)
		s = clear_tracking(db);
	if (s == STATUS_OK && n > 0)
		s = db_int(db, "SELECT coalesce(max(lamport), 0) FROM sync_files", DB_NOARGS,
			   &lamport);
	if (s == STATUS_OK && n > 0) {
		struct syncfile f;
		struct strbuf bytes;

		memset(&f, 0, sizeof(f));
		memcpy(f.instance, run->instance, sizeof(f.instance));
		f.seq = (uint64_t)++run->seq;
		f.lamport = (uint64_t)lamport + 1;
		snprintf(f.made, sizeof(f.made), "%.19s", run->stamp);
		syncfile_author(f.author, author ? author : "");
		f.schema = DB_SCHEMA_VERSION;
		f.changes = changes;
		syncfile_name(r->sent_name, f.lamport, f.instance, f.seq);
		strbuf_init(&bytes);
		syncfile_write(&bytes, &f, cs, (size_t)n);
		s = keep_own(db, run, r->sent_name, &f, &bytes);
		strbuf_done(&bytes);
		if (s == STATUS_OK)
			s = save_identity(db, run);
		r->sent_any = s == STATUS_OK;
	}
	sqlite3_free(cs);
	return s;
}

/* ---- applying -------------------------------------------------------------- */

/* What a row is to a person: an account's name, or its account's; from the
 * edit history when the row is gone. */
static char *label_of(struct db *db, const struct sync_table *t, int64_t row)
{
	char *name = NULL;
	enum status s;

	if (!strcmp(t->name, "accounts")) {
		s = db_text(db,
			    "SELECT coalesce((SELECT name FROM accounts WHERE id = ?1),"
			    " (SELECT json_extract(old, '$.name') FROM edits WHERE tbl = 'accounts'"
			    " AND row_id = ?1 AND old IS NOT NULL ORDER BY seq DESC LIMIT 1))",
			    DB_ARGS(DB_INT(row)), &name);
	} else if (t->account >= 0 && t->id >= 0) {
		char *sql = xasprintf(
			"SELECT coalesce((SELECT a.name FROM accounts a JOIN \"%s\" x"
			" ON a.id = x.account_id WHERE x.id = ?1),"
			" (SELECT json_extract(e.old, '$.name') FROM edits e WHERE e.tbl = 'accounts'"
			" AND e.old IS NOT NULL AND e.row_id = (SELECT json_extract(old, '$.account_id')"
			" FROM edits WHERE tbl = '%s' AND row_id = ?1 AND old IS NOT NULL"
			" ORDER BY seq DESC LIMIT 1) ORDER BY e.seq DESC LIMIT 1))",
			t->name, t->name);

		s = db_text(db, sql, DB_ARGS(DB_INT(row)), &name);
		free(sql);
	} else {
		return xstrdup("");
	}
	(void)s;
	return name ? name : xstrdup("");
}

static struct sync_conflict *add_conflict(struct sync_run *run, enum sync_conflict_kind kind,
					  const struct sync_table *t, int64_t row, char *label)
{
	struct sync_report *r = run->r;
	struct sync_conflict *c;

	r->conflicts =
		xgrow(r->conflicts, &r->conflicts_cap, r->nconflicts + 1, sizeof(*r->conflicts));
	c = &r->conflicts[r->nconflicts++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->table = xstrdup(t->name);
	c->row = row;
	c->label = label ? label : xstrdup("");
	c->file = xstrdup(run->file);
	c->author = xstrdup(run->author);
	return c;
}

/* json with its field col set to v (NULL: null). */
static char *json_with(struct db *db, char *json, const char *col, sqlite3_value *v)
{
	sqlite3_stmt *st;

	if (!json || db_prepare(db, "SELECT json_set(?1, '$.' || ?2, ?3)", &st) != STATUS_OK)
		return json;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_TRANSIENT);
	if (v)
		sqlite3_bind_value(st, 3, v);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
		free(json);
		json = xstrdup(db_col_text(st, 0));
	}
	sqlite3_finalize(st);
	return json;
}

/* JSON of a change's values (new, or old for a delete) as the history
 * keeps rows; the columns it does not hold are left out. */
static char *change_json(struct db *db, const struct sync_table *t, sqlite3_changeset_iter *it,
			 bool use_new)
{
	char *json = xstrdup("{}");
	int c, ncol, op, ind;
	const char *tab;

	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	for (c = 0; c < ncol; c++) {
		sqlite3_value *v = NULL;

		if (use_new && !t->pk[c])
			sqlite3changeset_new(it, c, &v);
		else
			sqlite3changeset_old(it, c, &v);
		if (v) /* a column the change does not hold is left out */
			json = json_with(db, json, t->cols[c], v);
	}
	return json;
}

static int fail(struct sync_run *run, enum status s)
{
	if (!run->failed) {
		run->failed = true;
		run->error = s;
	}
	return SQLITE_CHANGESET_ABORT;
}

/* The key of the change's row (tables with an id). */
static int64_t change_row(const struct sync_table *t, sqlite3_changeset_iter *it, int op)
{
	sqlite3_value *v = NULL;

	if (t->id < 0)
		return 0;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, t->id, &v);
	else
		sqlite3changeset_old(it, t->id, &v);
	return v ? sqlite3_value_int64(v) : 0;
}

/* Writes the merged row: the columns in take[] from vals[], updated_at. */
static enum status write_merge(struct db *db, const struct sync_table *t, int64_t row,
			       sqlite3_value **vals, const bool *take, const char *updated)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int c, k = 0;

	strbuf_init(&sql);
	strbuf_addf(&sql, "UPDATE \"%s\" SET ", t->name);
	for (c = 0; c < t->ncols; c++)
		if (take[c])
			strbuf_addf(&sql, "%s\"%s\" = ?%d", k++ ? ", " : "", t->cols[c], c + 2);
	if (updated && t->upd >= 0)
		strbuf_addf(&sql, "%supdated_at = ?%d", k++ ? ", " : "", t->ncols + 2);
	strbuf_adds(&sql, " WHERE id = ?1");
	if (k == 0) {
		strbuf_done(&sql);
		return STATUS_OK;
	}
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, row);
	for (c = 0; c < t->ncols; c++)
		if (take[c])
			sqlite3_bind_value(st, c + 2, vals[c]);
	if (updated && t->upd >= 0)
		sqlite3_bind_text(st, t->ncols + 2, updated, -1, SQLITE_TRANSIENT);
	return db_each(db, st, NULL, NULL);
}

/* The two versions of a row that met: here's values (cur) and the incoming
 * ones (inc), column by column, none taken yet. */
static void read_versions(sqlite3_changeset_iter *it, const struct sync_table *t, int ncol,
			  sqlite3_value **cur, sqlite3_value **inc, bool *take)
{
	int c;

	for (c = 0; c < ncol; c++) {
		cur[c] = inc[c] = NULL;
		sqlite3changeset_conflict(it, c, &cur[c]);
		sqlite3changeset_new(it, c, &inc[c]);
	}
	for (c = 0; c < ncol || c < t->ncols; c++)
		take[c] = false;
}

/* Column c of row changed on both sides: the value kept, the one lost, and
 * whether the one here won. */
static void field_conflict(struct sync_run *run, const struct sync_table *t, int64_t row,
			   const char *label, int c, sqlite3_value *kept, sqlite3_value *lost,
			   bool here_won)
{
	struct sync_conflict *k = add_conflict(run, SYNC_FIELD, t, row, xstrdup(label));

	k->column = xstrdup(t->cols[c]);
	k->kept = value_text(kept);
	k->lost = value_text(lost);
	k->here_won = here_won;
}

/* The end of a merge that went as far as s: when it is to be recorded, the
 * row as it now is goes into the edit history against before, as it was
 * (freed here). The conflict is then resolved, or the run fails. */
static int merge_done(struct sync_run *run, struct db *db, const struct sync_table *t, int64_t row,
		      enum status s, bool record, char *before)
{
	char *after = NULL;

	if (s == STATUS_OK && record &&
	    (s = db_edit_capture(db, t->name, row, &after)) == STATUS_OK)
		s = db_edit_record(db, t->name, before, after);
	free(before);
	free(after);
	return s == STATUS_OK ? SQLITE_CHANGESET_OMIT : fail(run, s);
}

/* An update meets a row someone else changed too: field by field, the
 * later write wins (sync_clock); updated_at is the later of the two. */
static int merge_update(struct sync_run *run, struct db *db, const struct sync_table *t,
			sqlite3_changeset_iter *it)
{
	sqlite3_value *cur[64], *inc[64];
	bool take[64], lost_here = false, lost_there = false;
	char cs[24], ci[SYNCFILE_INSTANCE_LEN], updated[24];
	const char *stamp = run->file_stamp, *cur_stamp = "";
	char *before = NULL, *label = NULL;
	int64_t row = change_row(t, it, SQLITE_UPDATE);
	enum status s = STATUS_OK;
	int c, ncol, op, ind;
	const char *tab;

	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	if (t->id < 0 || ncol > 64)
		return SQLITE_CHANGESET_OMIT;
	read_versions(it, t, ncol, cur, inc, take);
	if (t->upd >= 0 && t->upd < ncol) {
		if (inc[t->upd] && *stamp_of(inc[t->upd]))
			stamp = stamp_of(inc[t->upd]);
		cur_stamp = stamp_of(cur[t->upd]);
	}
	if ((s = db_edit_capture(db, t->name, row, &before)) != STATUS_OK)
		return fail(run, s);
	for (c = 0; c < ncol; c++) {
		sqlite3_value *base = NULL;
		bool has;

		if (t->pk[c] || c == t->upd || !inc[c] || same_value(cur[c], inc[c]))
			continue;
		has = clock_get(db, t, row, c, cs, ci, &s);
		if (s != STATUS_OK)
			break;
		sqlite3changeset_old(it, c, &base);
		if (!has || later(stamp, run->file_inst, cs, ci) > 0) {
			take[c] = true;
			if (base && !same_value(cur[c], base)) {
				if (!label)
					label = label_of(db, t, row);
				field_conflict(run, t, row, label, c, inc[c], cur[c], false);
				lost_here = true;
			}
		} else {
			if (!label)
				label = label_of(db, t, row);
			field_conflict(run, t, row, label, c, cur[c], inc[c], true);
			lost_there = true;
			before = json_with(db, before, t->cols[c], inc[c]);
		}
	}
	free(label);
	snprintf(updated, sizeof(updated), "%s", strcmp(stamp, cur_stamp) > 0 ? stamp : cur_stamp);
	if (s == STATUS_OK)
		s = write_merge(db, t, row, inc, take,
				t->upd >= 0 && strcmp(updated, cur_stamp) != 0 ? updated : NULL);
	return merge_done(run, db, t, row, s, lost_here || lost_there, before);
}

/* An insert meets a row with its key: the same row twice (nothing to do),
 * or two versions of it (a book set up before it ever synced): the later
 * version by updated_at wins, field by field where the clocks say more. */
static int merge_insert(struct sync_run *run, struct db *db, const struct sync_table *t,
			sqlite3_changeset_iter *it)
{
	sqlite3_value *cur[64], *inc[64];
	bool take[64], differ = false, incoming;
	const char *stamp = run->file_stamp, *cur_stamp = "";
	char *before = NULL, *label = NULL;
	int64_t row = change_row(t, it, SQLITE_INSERT);
	enum status s = STATUS_OK;
	int c, ncol, op, ind, cmp;
	const char *tab;

	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	if (ncol > 64)
		return SQLITE_CHANGESET_OMIT;
	read_versions(it, t, ncol, cur, inc, take);
	for (c = 0; c < ncol; c++)
		if (!t->pk[c] && !same_value(cur[c], inc[c]))
			differ = true;
	if (!differ || t->id < 0)
		return SQLITE_CHANGESET_OMIT;
	if (t->upd >= 0 && t->upd < ncol) {
		stamp = stamp_of(inc[t->upd]);
		cur_stamp = stamp_of(cur[t->upd]);
	}
	/* the later version; two of one moment: the greater, value by value */
	cmp = strcmp(stamp, cur_stamp);
	for (c = 0; !cmp && c < ncol; c++)
		if (!t->pk[c])
			cmp = value_cmp(inc[c], cur[c]);
	incoming = cmp > 0;
	if ((s = db_edit_capture(db, t->name, row, &before)) != STATUS_OK)
		return fail(run, s);
	label = label_of(db, t, row);
	for (c = 0; c < ncol; c++) {
		if (t->pk[c] || c == t->upd || same_value(cur[c], inc[c]))
			continue;
		take[c] = incoming;
		field_conflict(run, t, row, label, c, incoming ? inc[c] : cur[c],
			       incoming ? cur[c] : inc[c], !incoming);
		if (!incoming)
			before = json_with(db, before, t->cols[c], inc[c]);
	}
	free(label);
	if (t->upd >= 0 && t->upd < ncol)
		take[t->upd] = incoming;
	if ((s = write_merge(db, t, row, inc, take, NULL)) == STATUS_OK)
		/* the versions met as wholes: no field keeps a clock of either */
		s = db_run(db, "DELETE FROM sync_clock WHERE tbl = ?1 AND row_id = ?2",
			   DB_ARGS(DB_TEXT(t->name), DB_INT(row)));
	return merge_done(run, db, t, row, s, true, before);
}

/* A delete meets a row changed since the deleter saw it: the delete wins,
 * the row as it was here is kept in the history. */
static int delete_wins(struct sync_run *run, struct db *db, const struct sync_table *t,
		       sqlite3_changeset_iter *it)
{
	int64_t row = change_row(t, it, SQLITE_DELETE);
	bool edited = false;
	char *json = NULL;
	enum status s;
	int c, ncol, op, ind;
	const char *tab;

	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	for (c = 0; c < ncol; c++) {
		sqlite3_value *o = NULL, *cur = NULL;

		sqlite3changeset_old(it, c, &o);
		sqlite3changeset_conflict(it, c, &cur);
		if (c != t->upd && !same_value(o, cur))
			edited = true;
	}
	if (!edited || t->id < 0)
		return SQLITE_CHANGESET_REPLACE;
	add_conflict(run, SYNC_DELETED, t, row, label_of(db, t, row));
	if ((s = db_edit_capture(db, t->name, row, &json)) == STATUS_OK)
		s = db_edit_record(db, t->name, json, NULL);
	free(json);
	return s == STATUS_OK ? SQLITE_CHANGESET_REPLACE : fail(run, s);
}

/* An update of a row this book does not have: deleted here (the delete
 * wins, the change kept in the history), or, while a file of the folder
 * is refused, perhaps in that file: the file waits. */
static int edit_lost(struct sync_run *run, struct db *db, const struct sync_table *t,
		     sqlite3_changeset_iter *it)
{
	int64_t row = change_row(t, it, SQLITE_UPDATE);
	char *json;
	enum status s;

	if (run->strict) {
		run->held = true;
		return SQLITE_CHANGESET_ABORT;
	}
	if (t->id < 0)
		return SQLITE_CHANGESET_OMIT;
	add_conflict(run, SYNC_DELETED, t, row, label_of(db, t, row));
	json = change_json(db, t, it, true);
	s = db_edit_record(db, t->name, json, NULL);
	free(json);
	return s == STATUS_OK ? SQLITE_CHANGESET_OMIT : fail(run, s);
}

/* A defect code two laptops added: the defect with the greater id takes
 * the code followed by its id (the same on every laptop, whichever came
 * first). Inserts the teammate's defect; *handled false when the
 * constraint was another. */
static char *renamed_code(const char *code, int64_t id)
{
	char sid[SHORTID_LEN];

	shortid_render(id, sid);
	return xasprintf("%.26s-%s", code, sid);
}

static int defect_code_taken(struct sync_run *run, struct db *db, const struct sync_table *t,
			     sqlite3_changeset_iter *it, bool *handled)
{
	sqlite3_value *code = NULL, *vals[64];
	int code_col = column_index(t, "code"), c, ncol, op, ind;
	int64_t row = change_row(t, it, SQLITE_INSERT), other = 0, renamed;
	const char *tab;
	char *fresh, *was;
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	struct sync_conflict *k;

	*handled = false;
	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	if (op != SQLITE_INSERT || code_col < 0 || code_col >= ncol || ncol > 64 ||
	    sqlite3changeset_new(it, code_col, &code) != SQLITE_OK || !code ||
	    sqlite3_value_type(code) != SQLITE_TEXT)
		return SQLITE_CHANGESET_OMIT;
	s = db_int(db, "SELECT id FROM defects WHERE code = ?1 AND id <> ?2",
		   DB_ARGS(DB_TEXT(stamp_of(code)), DB_INT(row)), &other);
	if (s == STATUS_NOT_FOUND)
		return SQLITE_CHANGESET_OMIT;
	if (s != STATUS_OK)
		return fail(run, s);
	*handled = true;
	was = xstrdup(stamp_of(code));
	renamed = other > row ? other : row;
	fresh = renamed_code(was, renamed);
	/* this book's defect is the later one: it takes the new code */
	if (other > row)
		s = db_run(db, "UPDATE defects SET code = ?2 WHERE id = ?1",
			   DB_ARGS(DB_INT(other), DB_TEXT(fresh)));
	k = add_conflict(run, SYNC_RENAMED, t, renamed, was);
	k->column = xstrdup(fresh);
	for (c = 0; c < ncol; c++)
		sqlite3changeset_new(it, c, &vals[c]);
	strbuf_init(&sql);
	strbuf_adds(&sql, "INSERT INTO defects(");
	for (c = 0; c < ncol; c++)
		strbuf_addf(&sql, "%s\"%s\"", c ? ", " : "", t->cols[c]);
	strbuf_adds(&sql, ") VALUES (");
	for (c = 0; c < ncol; c++)
		strbuf_addf(&sql, "%s?%d", c ? ", " : "", c + 1);
	strbuf_adds(&sql, ")");
	if (s == STATUS_OK && (s = db_prepare(db, sql.buf, &st)) == STATUS_OK) {
		for (c = 0; c < ncol; c++)
			if (c == code_col && other < row)
				sqlite3_bind_text(st, c + 1, fresh, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_value(st, c + 1, vals[c]);
		s = db_each(db, st, NULL, NULL);
	}
	strbuf_done(&sql);
	free(fresh);
	return s == STATUS_OK ? SQLITE_CHANGESET_OMIT : fail(run, s);
}

/* A change a rule of this book's schema refuses: left out, reported, kept
 * in the history. */
static int refused_change(struct sync_run *run, struct db *db, const struct sync_table *t,
			  sqlite3_changeset_iter *it)
{
	char *why = xstrdup(sqlite3_errmsg(db->sql)), *json = NULL, *cur = NULL;
	int ncol, op, ind, r;
	const char *tab;
	int64_t row;
	bool handled = false;
	struct sync_conflict *k;
	enum status s;

	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	row = change_row(t, it, op);
	if (!strcmp(t->name, "defects")) {
		r = defect_code_taken(run, db, t, it, &handled);
		if (handled || run->failed) {
			free(why);
			return r;
		}
	}
	k = add_conflict(run, SYNC_REFUSED, t, row, label_of(db, t, row));
	k->why = why;
	if (t->id < 0)
		return SQLITE_CHANGESET_OMIT;
	json = change_json(db, t, it, op != SQLITE_DELETE);
	if ((s = db_edit_capture(db, t->name, row, &cur)) == STATUS_OK && (json || cur))
		s = db_edit_record(db, t->name, json, cur);
	free(json);
	free(cur);
	return s == STATUS_OK ? SQLITE_CHANGESET_OMIT : fail(run, s);
}

static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	struct db *db = ctx;
	struct sync_run *run = run_of(db);
	const char *tab;
	int ncol, op, ind, k;

	if (run->failed)
		return SQLITE_CHANGESET_ABORT;
	if (kind == SQLITE_CHANGESET_FOREIGN_KEY) {
		/* rows whose parent is gone: cleaned up after (after_apply()),
		 * unless they may wait for a refused file */
		run->fk = true;
		if (run->strict) {
			run->held = true;
			return SQLITE_CHANGESET_ABORT;
		}
		return SQLITE_CHANGESET_OMIT;
	}
	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	if ((k = table_index(tab)) < 0)
		return SQLITE_CHANGESET_OMIT;
	switch (kind) {
	case SQLITE_CHANGESET_DATA:
		return op == SQLITE_UPDATE ? merge_update(run, db, &run->t[k], it)
					   : delete_wins(run, db, &run->t[k], it);
	case SQLITE_CHANGESET_NOTFOUND:
		return op == SQLITE_UPDATE ? edit_lost(run, db, &run->t[k], it)
					   : SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_CONFLICT:
		return merge_insert(run, db, &run->t[k], it);
	case SQLITE_CHANGESET_CONSTRAINT:
		return refused_change(run, db, &run->t[k], it);
	default:
		return SQLITE_CHANGESET_OMIT;
	}
}

static int filter_table(void *ctx, const char *tab)
{
	(void)ctx;
	return table_index(tab) >= 0;
}

/* Rows removed by a cascade while a file applies (the preupdate hook): a
 * row added here to one a teammate deleted goes with it, and is kept. */
static void on_preupdate(void *ctx, sqlite3 *sql, int op, const char *zdb, const char *tab,
			 sqlite3_int64 key1, sqlite3_int64 key2)
{
	struct db *db = ctx;
	struct sync_run *run = run_of(db);
	const struct sync_table *t;
	struct strbuf json;
	int k = table_index(tab), c;

	(void)key2;
	if (!run || op != SQLITE_DELETE || strcmp(zdb, "main") != 0 || k < 0 ||
	    sqlite3_preupdate_depth(sql) == 0 || run->t[k].id < 0)
		return;
	t = &run->t[k];
	/* the row's values now, as JSON the history can keep: built in C, the
	 * connection is busy */
	strbuf_init(&json);
	strbuf_addc(&json, '{');
	for (c = 0; c < t->ncols && c < sqlite3_preupdate_count(sql); c++) {
		sqlite3_value *v = NULL;

		sqlite3_preupdate_old(sql, c, &v);
		strbuf_addf(&json, "%s\"%s\":", c ? "," : "", t->cols[c]);
		if (!v || sqlite3_value_type(v) == SQLITE_NULL ||
		    sqlite3_value_type(v) == SQLITE_BLOB) {
			strbuf_adds(&json, "null");
		} else if (sqlite3_value_type(v) == SQLITE_INTEGER) {
			strbuf_addf(&json, "%lld", (long long)sqlite3_value_int64(v));
		} else if (sqlite3_value_type(v) == SQLITE_FLOAT) {
			strbuf_addf(&json, "%.17g", sqlite3_value_double(v));
		} else {
			const unsigned char *s = sqlite3_value_text(v);
			int n = sqlite3_value_bytes(v), i;

			strbuf_addc(&json, '"');
			for (i = 0; s && i < n; i++) {
				if (s[i] == '"' || s[i] == '\\')
					strbuf_addf(&json, "\\%c", s[i]);
				else if (s[i] < 0x20)
					strbuf_addf(&json, "\\u%04x", s[i]);
				else
					strbuf_addc(&json, (char)s[i]);
			}
			strbuf_addc(&json, '"');
		}
	}
	strbuf_addc(&json, '}');
	run->cap = xgrow(run->cap, &run->capcap, run->ncap + 1, sizeof(*run->cap));
	run->cap[run->ncap].table = k;
	run->cap[run->ncap].row = key1;
	run->cap[run->ncap].json = strbuf_detach(&json);
	run->ncap++;
	strbuf_done(&json);
}

/* An explicit delete of a file, for telling its cascades from rows it did
 * not know of. */
struct key {
	int table;
	int64_t row;
};

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->table != y->table)
		return x->table < y->table ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* A child whose parent is gone (deleted here, the delete wins): removed
 * (ON DELETE CASCADE) or unlinked (SET NULL), as the delete would have. */
static enum status orphan(struct sync_run *run, struct db *db, const struct sync_table *t,
			  int64_t row)
{
	int f;
	enum status s = STATUS_OK;

	for (f = 0; s == STATUS_OK && f < t->nfks; f++) {
		const struct fk_meta *fk = &t->fks[f];
		const struct sync_table *p = &run->t[fk->parent];
		char *sql;
		int64_t missing = 0;

		sql = xasprintf(
			"SELECT count(*) FROM \"%s\" x WHERE x.id = ?1 AND x.\"%s\" IS NOT NULL"
			" AND NOT EXISTS (SELECT 1 FROM \"%s\" p WHERE p.id = x.\"%s\")",
			t->name, t->cols[fk->col], p->name, t->cols[fk->col]);
		s = db_int(db, sql, DB_ARGS(DB_INT(row)), &missing);
		free(sql);
		if (s != STATUS_OK || !missing)
			continue;
		if (fk->cascade) {
			char *json = NULL;

			add_conflict(run, SYNC_REMOVED_WITH, t, row, label_of(db, t, row));
			if ((s = db_edit_capture(db, t->name, row, &json)) == STATUS_OK)
				s = db_edit_record(db, t->name, json, NULL);
			free(json);
			sql = xasprintf("DELETE FROM \"%s\" WHERE id = ?1", t->name);
			if (s == STATUS_OK)
				s = db_run(db, sql, DB_ARGS(DB_INT(row)));
			free(sql);
			return s;
		}
		sql = xasprintf("UPDATE \"%s\" SET \"%s\" = NULL WHERE id = ?1", t->name,
				t->cols[fk->col]);
		s = db_run(db, sql, DB_ARGS(DB_INT(row)));
		free(sql);
	}
	return s;
}

/* A row of a table keyed by several columns (the tags), inserted by the
 * change it is: removed when a parent it names is gone (its foreign keys
 * all cascade). */
static enum status orphan_key(struct sync_run *run, struct db *db, const struct sync_table *t,
			      sqlite3_changeset_iter *it)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int c, f, k = 0;

	strbuf_init(&sql);
	strbuf_addf(&sql, "DELETE FROM \"%s\" WHERE ", t->name);
	for (c = 0; c < t->ncols; c++)
		if (t->pk[c])
			strbuf_addf(&sql, "%s\"%s\" IS ?%d", k++ ? " AND " : "", t->cols[c], c + 1);
	strbuf_adds(&sql, " AND (0");
	for (f = 0; f < t->nfks; f++)
		strbuf_addf(&sql, " OR NOT EXISTS (SELECT 1 FROM \"%s\" p WHERE p.id = ?%d)",
			    run->t[t->fks[f].parent].name, t->fks[f].col + 1);
	strbuf_adds(&sql, ")");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	for (c = 0; c < t->ncols; c++) {
		sqlite3_value *v = NULL;

		if (sqlite3changeset_new(it, c, &v) == SQLITE_OK && v)
			sqlite3_bind_value(st, c + 1, v);
	}
	return db_each(db, st, NULL, NULL);
}

/* Whether rows of the transaction still lack their parent. */
static bool fk_pending(struct db *db)
{
	int cur = 0, hi = 0;

	sqlite3_db_status(db->sql, SQLITE_DBSTATUS_DEFERRED_FKS, &cur, &hi, 0);
	return cur != 0;
}

/* Every row of the synced tables without its parent, whatever left it so:
 * the last resort when the changes of a file did not name them all. */
static enum status fk_sweep(struct sync_run *run, struct db *db)
{
	enum status s = STATUS_OK;
	int i, f;

	for (i = 0; s == STATUS_OK && i < NSYNC && fk_pending(db); i++) {
		const struct sync_table *t = &run->t[i];

		for (f = 0; s == STATUS_OK && f < t->nfks; f++) {
			const struct fk_meta *fk = &t->fks[f];
			char *where = xasprintf("\"%s\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
						" \"%s\" p WHERE p.id = \"%s\".\"%s\")",
						t->cols[fk->col], run->t[fk->parent].name, t->name,
						t->cols[fk->col]);
			char *sql;

			if (!fk->cascade)
				sql = xasprintf("UPDATE \"%s\" SET \"%s\" = NULL WHERE %s", t->name,
						t->cols[fk->col], where);
			else if (t->id < 0)
				sql = xasprintf("DELETE FROM \"%s\" WHERE %s", t->name, where);
			else
				sql = NULL;
			if (sql) {
				s = db_run(db, sql, DB_NOARGS);
			} else {
				struct ids ids = {0};
				size_t k;

				sql = xasprintf("SELECT id FROM \"%s\" WHERE %s", t->name, where);
				s = db_rows(db, sql, DB_NOARGS, collect_id, &ids);
				for (k = 0; s == STATUS_OK && k < ids.n; k++)
					s = orphan(run, db, t, ids.v[k]);
				free(ids.v);
			}
			free(sql);
			free(where);
		}
	}
	return s;
}

/* After a file applied: the clocks of the fields it wrote, the rows it
 * left without their parent, the rows a cascade took that it did not
 * name. */
static enum status after_apply(struct sync_run *run, struct db *db, const struct syncfile *f)
{
	sqlite3_changeset_iter *it;
	struct key *dels = NULL;
	size_t ndels = 0, delcap = 0, i;
	enum status s = STATUS_OK;
	int rc;

	if ((rc = sqlite3changeset_start(&it, (int)f->size, (void *)f->body)) != SQLITE_OK)
		return status_set(STATUS_DB, "sync: %s", sqlite3_errstr(rc));
	while (s == STATUS_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab, *stamp = run->file_stamp;
		int ncol, op, ind, c, k;
		const struct sync_table *t;
		sqlite3_value *v = NULL;
		int64_t row;

		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		if ((k = table_index(tab)) < 0)
			continue;
		t = &run->t[k];
		if (t->id < 0) {
			/* a tag whose response or defect is gone goes too */
			if (run->fk && op == SQLITE_INSERT && t->nfks)
				s = orphan_key(run, db, t, it);
			continue;
		}
		row = change_row(t, it, op);
		if (op == SQLITE_DELETE) {
			dels = xgrow(dels, &delcap, ndels + 1, sizeof(*dels));
			dels[ndels++] = (struct key){k, row};
			continue;
		}
		if (run->fk && t->nfks && (s = orphan(run, db, t, row)) != STATUS_OK)
			break;
		if (op != SQLITE_UPDATE)
			continue;
		if (t->upd >= 0 && t->upd < ncol &&
		    sqlite3changeset_new(it, t->upd, &v) == SQLITE_OK && v && *stamp_of(v))
			stamp = stamp_of(v);
		for (c = 0; s == STATUS_OK && c < ncol; c++) {
			sqlite3_stmt *st;
			sqlite3_value *n = NULL;
			char *sql;

			if (t->pk[c] || c == t->upd ||
			    sqlite3changeset_new(it, c, &n) != SQLITE_OK || !n)
				continue;
			/* the field took this value (or had it): its clock is the
			 * later of the two writes */
			sql = xasprintf("SELECT \"%s\" IS ?2 FROM \"%s\" WHERE id = ?1", t->cols[c],
					t->name);
			s = db_prepare(db, sql, &st);
			free(sql);
			if (s != STATUS_OK)
				break;
			sqlite3_bind_int64(st, 1, row);
			sqlite3_bind_value(st, 2, n);
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW && sqlite3_column_int(st, 0))
				s = clock_put(db, t, row, c, stamp, run->file_inst, false);
			else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				s = db_error(db, rc);
			sqlite3_finalize(st);
		}
	}
	sqlite3changeset_finalize(it);
	/* what the cascades took that the file did not delete by name: rows
	 * added here (or by a third laptop) to a row deleted there */
	if (s == STATUS_OK && run->ncap) {
		if (ndels)
			qsort(dels, ndels, sizeof(*dels), key_cmp);
		for (i = 0; s == STATUS_OK && i < run->ncap; i++) {
			struct key want = {run->cap[i].table, run->cap[i].row};
			const struct sync_table *t = &run->t[want.table];
			struct sync_conflict *k;

			if (ndels && bsearch(&want, dels, ndels, sizeof(*dels), key_cmp))
				continue;
			k = add_conflict(run, SYNC_REMOVED_WITH, t, want.row, NULL);
			free(k->label);
			k->label = NULL;
			db_text(db,
				"SELECT coalesce(json_extract(?1, '$.name'), (SELECT name FROM"
				" accounts WHERE id = json_extract(?1, '$.account_id')),"
				" (SELECT json_extract(old, '$.name') FROM edits WHERE tbl = 'accounts'"
				" AND row_id = json_extract(?1, '$.account_id') AND old IS NOT NULL"
				" ORDER BY seq DESC LIMIT 1), '')",
				DB_ARGS(DB_TEXT(run->cap[i].json)), &k->label);
			if (!k->label)
				k->label = xstrdup("");
			s = db_edit_record(db, t->name, run->cap[i].json, NULL);
		}
	}
	free(dels);
	captured_free(run);
	if (s == STATUS_OK && fk_pending(db))
		s = fk_sweep(run, db);
	return s;
}

enum status db_sync_apply(struct db *db, const char *name, const char *hash, int64_t size,
			  const struct syncfile *f, bool strict, struct sync_report *r)
{
	struct sync_run *run = run_of(db);
	struct sync_file_result *res;
	size_t nconflicts = r->nconflicts;
	struct timespec t0, t1;
	enum status s;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!run->applying) {
		if ((s = state_set(db, "applying", "1")) != STATUS_OK)
			return s;
		run->applying = true;
	}
	run->file = name;
	run->author = f->author;
	run->file_inst = f->instance;
	run->file_stamp = f->made;
	run->strict = strict;
	run->held = run->fk = run->failed = false;
	run->error = STATUS_OK;
	captured_free(run);
	if ((s = db_exec(db, "SAVEPOINT sync_file")) != STATUS_OK)
		return s;
	sqlite3_preupdate_hook(db->sql, on_preupdate, db);
	rc = sqlite3changeset_apply_v2(db->sql, (int)f->size, (void *)f->body, filter_table,
				       on_conflict, db, NULL, NULL, 0);
	sqlite3_preupdate_hook(db->sql, NULL, NULL);
	/* apply_v2 turns the deferral off as it ends: the cleanup below and
	 * the files after this one count on it */
	if ((s = db_exec(db, "PRAGMA defer_foreign_keys = ON")) != STATUS_OK) {
		sqlite3_exec(db->sql, "ROLLBACK TO sync_file; RELEASE sync_file", NULL, NULL, NULL);
		return s;
	}
	if (run->failed) {
		s = run->error;
	} else if (run->held) {
		s = STATUS_OK;
	} else if (rc == SQLITE_OK) {
		s = after_apply(run, db, f);
	} else {
		s = status_set(STATUS_BAD_INPUT, "%s", sqlite3_errmsg(db->sql));
	}
	if (s == STATUS_OK && !run->held)
		s = db_run(
			db,
			"INSERT INTO sync_files(name, instance, seq, lamport, size, hash, own,"
			" changes, author, made_at, applied_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0,"
			" ?7, ?8, ?9, ?10) ON CONFLICT (name) DO UPDATE SET size = excluded.size,"
			" hash = excluded.hash, applied_at = excluded.applied_at",
			DB_ARGS(DB_TEXT(name), DB_TEXT(f->instance), DB_INT((int64_t)f->seq),
				DB_INT((int64_t)f->lamport), DB_INT(size), DB_TEXT(hash),
				DB_INT((int64_t)f->changes), DB_TEXT(f->author), DB_TEXT(f->made),
				DB_TEXT(run->stamp)));
	if (s != STATUS_OK || run->held) {
		/* nothing of the file stays: its rows, its conflicts */
		sqlite3_exec(db->sql, "ROLLBACK TO sync_file; RELEASE sync_file", NULL, NULL, NULL);
		while (r->nconflicts > nconflicts)
			conflict_done(&r->conflicts[--r->nconflicts]);
		captured_free(run);
		/* the book's own trouble ends the sync; the file's is the file's */
		if (s == STATUS_DB_CORRUPT || s == STATUS_IO || s == STATUS_DB_BUSY ||
		    s == STATUS_DB_READONLY)
			return s;
		if (s != STATUS_OK) {
			char *why = xasprintf("cannot be applied (%.200s)", status_detail());

			res = sync_report_file(r, name, SYNC_REFUSED_FILE, why);
			free(why);
		} else {
			res = sync_report_file(r, name, SYNC_HELD,
					       "it changes rows this book does not have, which may"
					       " be in a file refused above; it waits for the next"
					       " sync");
		}
		res->author = xstrdup(f->author);
		res->changes = (long)f->changes;
		return STATUS_OK;
	}
	if ((s = db_exec(db, "RELEASE sync_file")) != STATUS_OK)
		return s;
	res = sync_report_file(r, name, SYNC_APPLIED, NULL);
	res->author = xstrdup(f->author);
	res->changes = (long)f->changes;
	r->applied_changes += (long)f->changes;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->apply_ms +=
		(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	return STATUS_OK;
}

enum status db_sync_end(struct db *db, struct sync_report *r)
{
	struct sync_run *run = run_of(db);
	enum status s;

	(void)r;
	/* what the teammates' files changed is theirs: not sent back */
	if ((s = clear_tracking(db)) == STATUS_OK)
		s = db_run(db, "DELETE FROM sync_state WHERE key = 'applying'", DB_NOARGS);
	if (s == STATUS_OK)
		s = state_set(db, "last_sync", run->stamp);
	if (s == STATUS_OK)
		s = db_commit(db);
	if (s != STATUS_OK)
		db_rollback(db);
	db_sync_free(db);
	return s;
}

void db_sync_abort(struct db *db)
{
	db_rollback(db);
	db_sync_free(db);
}

enum status db_sync_pending(struct db *db, sync_pending_cb cb, void *ctx)
{
	struct pending_rows p = {0};
	enum status s;
	size_t i;

	s = db_rows(db,
		    "SELECT name, pending FROM sync_files WHERE own = 1 AND pending IS NOT NULL"
		    " ORDER BY lamport, seq",
		    DB_NOARGS, read_pending, &p);
	for (i = 0; s == STATUS_OK && i < p.n; i++)
		if (cb(p.v[i].name, p.v[i].bytes, p.v[i].n, ctx))
			break;
	pending_free(&p);
	return s;
}

enum status db_sync_delivered(struct db *db, const char *name)
{
	return db_run(db, "UPDATE sync_files SET pending = NULL WHERE name = ?1",
		      DB_ARGS(DB_TEXT(name)));
}

#endif /* ACCTPLAN_SYNC */

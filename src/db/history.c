/*
 * The history of standings (history.h): written by the cache's refresh,
 * one row per change, and read by the standup.
 *
 * Invariant: after a refresh, for every account in account_cache, its last
 * row of history up to today says what the cache and the account say now,
 * as standing_changed() compares them (an account never on the board may
 * have no row at all). db_history_record() keeps it for the accounts a
 * refresh rebuilt: it compares each with its last row before today and
 * writes, replaces or removes the row of today, so a day holds at most one
 * row per account and never one that says what the row before it said.
 * It does not care how the cache was rebuilt (all of it, the dirty
 * accounts, or any other set a refresh names in a table), which is why it
 * is a pass of its own after the rebuild.
 *
 * The standing is as of the day the refresh is for: the readiness
 * conditions still open that day (met later, or not at all) and a hold set
 * by hand on or before it. On the day itself that is what every view
 * shows; a refresh for a past day (the sample book's history) sees the
 * conditions and holds of that day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/history.h"
#include "acctplan/progress.h"
#include "acctplan/strmap.h"
#include "acctplan/xalloc.h"

/* A row of snapshots, columns col.. : taken_on, nps, share, quadrant, hold,
 * status. */
#define HISTORY_COLUMNS "taken_on, nps, share, quadrant, hold, status"
/* The same of snapshots s, after "s.". */
#define HISTORY_COLUMNS_S "taken_on, s.nps, s.share, s.quadrant, s.hold, s.status"

static void read_standing(sqlite3_stmt *st, int col, struct standing *s)
{
	s->nps_known = sqlite3_column_type(st, col + 1) != SQLITE_NULL;
	s->nps = sqlite3_column_double(st, col + 1);
	s->share_known = sqlite3_column_type(st, col + 2) != SQLITE_NULL;
	s->share = sqlite3_column_double(st, col + 2);
	s->quadrant = db_col_quadrant(st, col + 3);
	s->hold = sqlite3_column_int(st, col + 4) != 0;
	s->active = strcmp(db_col_text(st, col + 5), "active") == 0;
}

/* The hold of an account as of `day`: hold_manual, hold_quadrant and
 * hold_on at col, col + 1 and col + 2; a state set by hand after the day
 * did not hold yet. */
static bool hold_as_of(sqlite3_stmt *st, int col, enum quadrant q, int open_conditions,
		       const char *day)
{
	enum hold_manual manual = db_hold_from_text(db_col_opt(st, col));
	const char *mq = db_col_opt(st, col + 1), *on = db_col_opt(st, col + 2);

	if (on && strcmp(on, day) > 0)
		manual = HOLD_AUTO;
	return hold_compute(q, open_conditions, manual, mq ? quadrant_from_name(mq) : -1).on;
}

/* Writes the account's row of day, with what its row before said
 * (nps_before, share_before, status_before; before NULL: there is none)
 * and whether it moved the account (moved: to another quadrant, hold or
 * status than that row, or onto the board), as 014-snapshots-moved.sql
 * and 015-snapshots-before.sql do for the rows they found (the same
 * comparison CHANGES_FROM makes of where an account stood and stands):
 * rows are written in the order of their days, and every caller has the
 * row before at hand. An upsert, not INSERT OR REPLACE, which would keep a
 * statement journal (cache.c, sums_flush()). */
static enum status put_row(struct db *db, const char *day, int64_t id, const char *status,
			   const struct standing *s, const struct standing *before,
			   const char *before_status)
{
	bool moved = !before || before->quadrant != s->quadrant || before->hold != s->hold ||
		     strcmp(before_status, status) != 0;

	return db_run_cached(
		db, STMT_HISTORY_PUT,
		"INSERT INTO snapshots(taken_on, account_id, nps, share,"
		" quadrant, hold, status, moved, nps_before, share_before,"
		" status_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (account_id, taken_on) DO UPDATE SET nps = excluded.nps,"
		" share = excluded.share, quadrant = excluded.quadrant, hold = excluded.hold,"
		" status = excluded.status, moved = excluded.moved,"
		" nps_before = excluded.nps_before, share_before = excluded.share_before,"
		" status_before = excluded.status_before",
		DB_ARGS(DB_TEXT(day), DB_INT(id), DB_REAL_IF(s->nps_known, s->nps),
			DB_REAL_IF(s->share_known, s->share), DB_TEXT(quadrant_name(s->quadrant)),
			DB_INT(s->hold), DB_TEXT(status), DB_INT(moved),
			DB_REAL_IF(before && before->nps_known, before ? before->nps : 0),
			DB_REAL_IF(before && before->share_known, before ? before->share : 0),
			DB_TEXT(before ? before_status : NULL)));
}

enum status db_history_put(struct db *db, int day, int64_t account_id, enum acct_status status,
			   const struct standing *s, const struct standing *before)
{
	char on[DATE_LEN];
	const char *name = acct_status_name(status);

	date_format(day, on);
	return put_row(db, on, account_id, name, s, before, name);
}

struct prev {
	bool found;
	struct standing s;
	char status[16];
};

static void read_prev(sqlite3_stmt *st, void *ctx)
{
	struct prev *p = ctx;

	p->found = true;
	read_standing(st, 0, &p->s);
	snprintf(p->status, sizeof(p->status), "%s", db_col_text(st, 5));
}

/* The account's last row before day. */
static enum status row_before(struct db *db, int64_t id, const char *day, struct prev *p)
{
	enum status s;

	p->found = false;
	s = db_row_cached(db, STMT_HISTORY_PREV,
			  "SELECT " HISTORY_COLUMNS " FROM snapshots"
			  " WHERE account_id = ?1 AND taken_on < ?2 ORDER BY taken_on DESC LIMIT 1",
			  DB_ARGS(DB_INT(id), DB_TEXT(day)), read_prev, p);
	return s == STATUS_NOT_FOUND ? STATUS_OK : s;
}

/* Columns: 0 id, 1 nps, 2 share, 3 quadrant, 4 status, 5..7 the hold by
 * hand, 8 the conditions open that day, 9.. the last row up to the day. */
static const char record_sql[] =
	"SELECT c.account_id, c.nps, c.share, c.quadrant, a.status,"
	" a.hold_manual, a.hold_quadrant, a.hold_on,"
	" (SELECT count(*) FROM conditions k WHERE k.account_id = c.account_id"
	"   AND (k.met_on IS NULL OR k.met_on > ?1)),"
	" s." HISTORY_COLUMNS_S " FROM account_cache c CROSS JOIN accounts a ON a.id = c.account_id"
	" LEFT JOIN snapshots s ON s.account_id = c.account_id AND s.taken_on ="
	"  (SELECT max(t.taken_on) FROM snapshots t"
	"   WHERE t.account_id = c.account_id AND t.taken_on <= ?1)";

enum status db_history_record(struct db *db, const struct rules *rules, int today, const char *only)
{
	char day[DATE_LEN];
	int64_t total = 0, done = 0;
	sqlite3_stmt *st;
	enum status s;
	char *sql;
	int rc;

	date_format(today, day);
	sql = only ? xasprintf("%s WHERE c.account_id IN (SELECT account_id FROM %s)", record_sql,
			       only)
		   : xstrdup(record_sql);
	/* every account's: a long pass on a big book, which the progress
	 * shows (the rebuild's own is over by now) */
	if (!only && db->progress)
		db_int(db, "SELECT count(*) FROM account_cache", DB_NOARGS, &total);
	s = db_query(db, sql, DB_ARGS(DB_TEXT(day)), &st);
	free(sql);
	if (s != STATUS_OK)
		return s;
	while (s == STATUS_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (total && ++done % PROGRESS_EVERY == 0)
			progress_update(db->progress, "recording the history", done, total);
		int64_t id = sqlite3_column_int64(st, 0);
		const char *status = db_col_text(st, 4);
		struct standing now, last;
		struct prev before;
		bool has_last = sqlite3_column_type(st, 9) != SQLITE_NULL;
		bool last_today = has_last && strcmp(db_col_text(st, 9), day) == 0;

		now.nps_known = sqlite3_column_type(st, 1) != SQLITE_NULL;
		now.nps = sqlite3_column_double(st, 1);
		now.share_known = sqlite3_column_type(st, 2) != SQLITE_NULL;
		now.share = sqlite3_column_double(st, 2);
		now.quadrant = db_col_quadrant(st, 3);
		now.active = strcmp(status, "active") == 0;
		now.hold = hold_as_of(st, 5, now.quadrant, sqlite3_column_int(st, 8), day);
		if (has_last)
			read_standing(st, 9, &last);
		if (!last_today) {
			/* the common case: compared with the last day it changed */
			if (standing_changed(rules, has_last ? &last : NULL, &now))
				s = put_row(db, day, id, status, &now, has_last ? &last : NULL,
					    has_last ? db_col_text(st, 14) : NULL);
			continue;
		}
		/* changed again today: today's row goes when it says no more
		 * than the row before it, and is rewritten when now differs */
		if ((s = row_before(db, id, day, &before)) != STATUS_OK)
			break;
		if (!standing_changed(rules, before.found ? &before.s : NULL, &now))
			s = db_run(db,
				   "DELETE FROM snapshots WHERE account_id = ?1 AND taken_on = ?2",
				   DB_ARGS(DB_INT(id), DB_TEXT(day)));
		else if (standing_changed(rules, &last, &now))
			s = put_row(db, day, id, status, &now, before.found ? &before.s : NULL,
				    before.status);
	}
	if (s == STATUS_OK && rc != SQLITE_DONE)
		s = db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

/* ---- reading ------------------------------------------------------------ */

/* The accounts with a row after ?1 that moved them (snapshots.moved: to
 * another quadrant, hold or status than the row before it), once each, as
 * the table x(account_id), read off snapshots_moved, up to today (?3: a
 * row dated later, left by a run for a later day, is not history yet);
 * owner ?2 when given. Only they can stand elsewhere than at the end of
 * ?1: an account whose rows since each say what the row before said has
 * not moved (its first row moved it). Then where each stood at the end of
 * ?1 (its last row up to it, s) and now (its last row up to today, l, by
 * the history's invariant), and only those whose quadrant, hold or status
 * is not what it was are read further. Of the 11,418 accounts with a row
 * in a week on the million-account book, some 2,500 have such a row and
 * 2,310 moved. */
#define CHANGES_FROM                                                                           \
	" FROM (SELECT DISTINCT account_id FROM snapshots INDEXED BY snapshots_moved"          \
	"  WHERE moved = 1 AND taken_on > ?1 AND taken_on <= ?3) x"                            \
	" CROSS JOIN snapshots l ON l.account_id = x.account_id AND l.taken_on ="              \
	"  (SELECT max(t.taken_on) FROM snapshots t"                                           \
	"   WHERE t.account_id = x.account_id AND t.taken_on <= ?3)"                           \
	" LEFT JOIN snapshots s ON s.account_id = x.account_id AND s.taken_on ="               \
	"  (SELECT max(t.taken_on) FROM snapshots t"                                           \
	"   WHERE t.account_id = x.account_id AND t.taken_on <= ?1)"                           \
	" CROSS JOIN accounts a ON a.id = x.account_id"                                        \
	" CROSS JOIN account_cache c ON c.account_id = a.id"                                   \
	" WHERE (s.account_id IS NULL OR s.quadrant IS NOT l.quadrant OR s.hold IS NOT l.hold" \
	"  OR s.status IS NOT l.status)"

/* Columns: 0 id, 1 name, 2 owner, 3.. then (s), 9 nps, 10 share,
 * 11 quadrant, 12 status, 13 hold_manual, 14 hold_quadrant, 15 the open
 * conditions, 16 hold_reason, 17 rank group, 18 rank value, 19 last day. */
static const char changes_sql[] =
	"SELECT a.id, a.name, a.owner, s." HISTORY_COLUMNS_S ","
	" c.nps, c.share, c.quadrant, a.status, a.hold_manual, a.hold_quadrant,"
	" (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL),"
	" a.hold_reason, c.rank_group, c.rank_value, l.taken_on" CHANGES_FROM;

enum status db_history_start(struct db *db, int *day)
{
	char *first = NULL;
	enum status s;

	*day = -1;
	s = db_text(db, "SELECT min(taken_on) FROM snapshots", DB_NOARGS, &first);
	if (s == STATUS_NOT_FOUND)
		s = STATUS_OK;
	if (s == STATUS_OK && first && !date_parse(first, day))
		*day = -1;
	free(first);
	return s;
}

struct changes_walk {
	change_cb cb;
	void *ctx;
	bool covered;
};

static int change_each(sqlite3_stmt *st, void *p)
{
	struct changes_walk *w = p;
	struct change_row r;
	struct hold h;

	memset(&r, 0, sizeof(r));
	r.id = sqlite3_column_int64(st, 0);
	r.name = db_col_text(st, 1);
	r.owner = db_col_text(st, 2);
	r.was_known = sqlite3_column_type(st, 3) != SQLITE_NULL;
	r.covered = w->covered;
	if (r.was_known)
		read_standing(st, 3, &r.then);
	r.now.nps_known = sqlite3_column_type(st, 9) != SQLITE_NULL;
	r.now.nps = sqlite3_column_double(st, 9);
	r.now.share_known = sqlite3_column_type(st, 10) != SQLITE_NULL;
	r.now.share = sqlite3_column_double(st, 10);
	r.now.quadrant = db_col_quadrant(st, 11);
	r.now.active = strcmp(db_col_text(st, 12), "active") == 0;
	h = db_read_hold(st, 13, r.now.quadrant, sqlite3_column_int(st, 15));
	r.now.hold = h.on;
	r.hold_why = h.why;
	r.hold_reason = h.manual ? db_col_opt(st, 16) : NULL;
	r.priority.group = sqlite3_column_int(st, 17);
	r.priority.value = sqlite3_column_int64(st, 18);
	r.changed_on = db_col_text(st, 19);
	return w->cb(&r, w->ctx);
}

enum status db_history_changes(struct db *db, int since, const char *owner, change_cb cb, void *ctx)
{
	struct changes_walk w = {.cb = cb, .ctx = ctx};
	char day[DATE_LEN], today[DATE_LEN], *sql;
	enum status s;
	int start;

	if ((s = db_history_start(db, &start)) != STATUS_OK)
		return s;
	w.covered = start >= 0 && since >= start;
	date_format(since, day);
	sql = xasprintf("%s%s", changes_sql, owner ? " AND a.owner = ?2" : "");
	date_format(db->today, today);
	s = db_rows(db, sql, DB_ARGS(DB_TEXT(day), DB_TEXT(owner), DB_TEXT(today)), change_each,
		    &w);
	free(sql);
	return s;
}

static bool plotted_at(sqlite3_stmt *st, int nps, int status)
{
	return sqlite3_column_type(st, nps) != SQLITE_NULL &&
	       sqlite3_column_type(st, status) != SQLITE_NULL &&
	       strcmp(db_col_text(st, status), "active") == 0;
}

/* The trails' walk: each account's trail so far (then from its first row
 * since the standup, now from the last one read) and whether it was
 * plotted then and is now, found by its id in `at`. */
struct trail_acc {
	struct trail_row r;
	bool plotted_then, plotted_now;
};

struct trails_walk {
	struct trail_acc *v;
	size_t n, cap;
	struct pairmap at; /* account id, 1 -> its place in v */
};

static int trail_each(sqlite3_stmt *st, void *p)
{
	struct trails_walk *w = p;
	int64_t id = sqlite3_column_int64(st, 0), i, unused;
	struct trail_acc *t;

	if (!pairmap_get(&w->at, id, 1, &i, &unused)) {
		w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
		i = (int64_t)w->n++;
		pairmap_put(&w->at, id, 1, i, 0);
		t = &w->v[i];
		t->r.id = id;
		t->r.nps_then = sqlite3_column_double(st, 5);
		t->r.share_then = sqlite3_column_double(st, 6);
		t->plotted_then = plotted_at(st, 5, 7);
	}
	t = &w->v[i];
	t->r.nps_now = sqlite3_column_double(st, 1);
	t->r.share_now = sqlite3_column_double(st, 2);
	t->r.quadrant = db_col_quadrant(st, 3);
	t->plotted_now = plotted_at(st, 1, 4);
	return 0;
}

static int by_account(const void *pa, const void *pb)
{
	const struct trail_acc *a = pa, *b = pb;

	return a->r.id < b->r.id ? -1 : a->r.id > b->r.id;
}

/* The rows after `since` (?1) up to today (?3; a row dated later, left by
 * a run for a later day, is not history yet), in the order of the index
 * snapshots_trail, by day: an account's first row among them says where
 * it stood at the end of `since` (its row before: the last up to then),
 * and its last says where it stands now (the history's invariant). Most
 * accounts have one row in a week, so they are gathered by account here,
 * not sorted by SQLite; the cache is read only for an owner's (?2). */
static char *trails_sql(bool owner)
{
	return xasprintf("SELECT r.account_id, r.nps, coalesce(r.share, 0), r.quadrant, r.status,"
			 " r.nps_before, coalesce(r.share_before, 0), r.status_before"
			 " FROM snapshots r INDEXED BY snapshots_trail%s"
			 " WHERE r.taken_on > ?1 AND r.taken_on <= ?3 ORDER BY r.taken_on",
			 owner ? " CROSS JOIN account_cache c ON c.account_id = r.account_id"
				 " AND c.owner = ?2"
			       : "");
}

/* Reads st's rows into w, each account once, sorted by account; the last
 * step's code. */
static int trails_read(sqlite3_stmt *st, struct trails_walk *w)
{
	int rc;

	pairmap_init(&w->at);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		trail_each(st, w);
	pairmap_done(&w->at);
	if (rc == SQLITE_DONE && w->n)
		qsort(w->v, w->n, sizeof(*w->v), by_account);
	return rc;
}

/* Hands on the trails of the accounts plotted then and now. */
static void trails_hand(const struct trails_walk *w, trail_cb cb, void *ctx)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].plotted_then && w->v[i].plotted_now && cb(&w->v[i].r, ctx))
			break;
}

/*
 * db_history_trails_ahead(): the book's trails, read ahead (struct
 * db_ahead). stamp is the file as the console's connection saw it before
 * the thread started: a commit after it, by anyone, changes that
 * connection's stamp, and the rows are read again.
 */
struct trails_ahead {
	struct db_ahead a;
	char since[DATE_LEN], today[DATE_LEN];
	struct db_stamp stamp;
	struct trails_walk w;
	int rc; /* the read's last code: SQLITE_DONE when it is whole */
};

static void *trails_ahead_run(void *p)
{
	struct trails_ahead *t = p;
	sqlite3_stmt *st;
	char *sql = trails_sql(false);

	t->rc = sqlite3_prepare_v2(t->a.conn, sql, -1, &st, NULL);
	free(sql);
	if (t->rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, t->since, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, t->today, -1, SQLITE_STATIC);
		t->rc = trails_read(st, &t->w);
		sqlite3_finalize(st);
	}
	return NULL;
}

void db_history_trails_ahead(struct db *db, int since)
{
	struct trails_ahead *t;

	/* a read-only file's derived tables may be in temp, which another
	 * connection does not see */
	if (!db || db->trails || db->readonly || db->temp_cache)
		return;
	t = xcalloc(1, sizeof(*t));
	date_format(since, t->since);
	date_format(db->today, t->today);
	t->stamp = db_stamp(db);
	if (!db_ahead_start(db, &t->a, 0, trails_ahead_run, t)) {
		free(t);
		return; /* read when they are asked for, as without */
	}
	db->trails = t;
}

void db_history_trails_forget(struct db *db)
{
	struct trails_ahead *t = db->trails;

	if (!t)
		return;
	db_ahead_join(&t->a, true);
	free(t->w.v);
	free(t);
	db->trails = NULL;
}

enum status db_history_trails(struct db *db, int since, const char *owner, trail_cb cb, void *ctx)
{
	struct trails_walk w = {0};
	struct trails_ahead *t = db->trails;
	char day[DATE_LEN], today[DATE_LEN], *sql;
	sqlite3_stmt *st;
	enum status s;
	int rc;

	date_format(since, day);
	date_format(db->today, today);
	/* read ahead for this day and file: wait for them if need be */
	if (!owner && t && strcmp(t->since, day) == 0 && strcmp(t->today, today) == 0 &&
	    db_stamp_same(t->stamp, db_stamp(db))) {
		db_ahead_join(&t->a, false);
		if (t->rc == SQLITE_DONE) {
			trails_hand(&t->w, cb, ctx);
			return STATUS_OK;
		}
	}
	if (!owner)
		db_history_trails_forget(db);
	sql = trails_sql(owner != NULL);
	s = db_query(db, sql, DB_ARGS(DB_TEXT(day), DB_TEXT(owner), DB_TEXT(today)), &st);
	free(sql);
	if (s != STATUS_OK)
		return s;
	rc = trails_read(st, &w);
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	if (s == STATUS_OK)
		trails_hand(&w, cb, ctx);
	free(w.v);
	return s;
}

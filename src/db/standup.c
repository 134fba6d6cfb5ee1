/*
 * Standup marks, the team's actions, and what else a standup looks back on
 * (history.h). Each writer is one transaction: it begins, checks what it
 * needs inside the write lock, writes and commits, or rolls back and leaves
 * the file as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/followup.h"
#include "acctplan/history.h"
#include "acctplan/xalloc.h"

/* ---- marks ---------------------------------------------------------------- */

enum status db_insert_mark(struct db *db, const char *on, const char *created_at, int64_t *id)
{
	*id = db_new_id(db);
	return db_run(db,
		      "INSERT INTO marks(id, held_on, created_at)"
		      " VALUES (?1, ?2, coalesce(?3, acctplan_now()))",
		      DB_ARGS(DB_INT(*id), DB_TEXT(on), DB_TEXT(created_at)));
}

enum status db_mark_add(struct db *db, const char *on, const char *created_at, bool *added)
{
	int64_t n = 0, id;
	enum status s;

	*added = false;
	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_int(db, "SELECT count(*) FROM marks WHERE held_on = ?1", DB_ARGS(DB_TEXT(on)), &n);
	if (s == STATUS_OK && n == 0) {
		s = db_insert_mark(db, on, created_at, &id);
		*added = s == STATUS_OK;
	}
	return db_finish(db, s);
}

enum status db_mark_last(struct db *db, int before, int *day)
{
	char on[DATE_LEN];
	char *last = NULL;
	enum status s;

	*day = -1;
	date_format(before, on);
	s = db_text(db, "SELECT max(held_on) FROM marks WHERE held_on < ?1", DB_ARGS(DB_TEXT(on)),
		    &last);
	if (s == STATUS_NOT_FOUND)
		s = STATUS_OK;
	if (s == STATUS_OK && last && !date_parse(last, day))
		*day = -1;
	free(last);
	return s;
}

/* ---- actions -------------------------------------------------------------- */

enum status db_insert_action(struct db *db, const struct action_rec *r, int64_t *id)
{
	*id = db_new_id(db);
	return db_run(db,
		      "INSERT INTO actions(id, account_id, owner, text, due, state, done_on,"
		      " created_at) VALUES (?1, ?2, ?3, ?4, ?5,"
		      " CASE WHEN ?6 IS NULL THEN 'open' ELSE 'done' END, ?6,"
		      " coalesce(?7, acctplan_now()))",
		      DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_TEXT(r->owner),
			      DB_TEXT(r->text), DB_TEXT(r->due), DB_TEXT(r->done_on),
			      DB_TEXT(r->created_at)));
}

enum status db_action_add(struct db *db, const struct action_rec *r, int64_t *id)
{
	int64_t one;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_row_by_id(db, "SELECT 1 FROM accounts WHERE id = ?", r->account_id, "account",
			 db_read_int, &one);
	if (s == STATUS_OK)
		s = db_insert_action(db, r, id);
	if (s == STATUS_OK) /* kept in the edit history: undo (and sync) see it */
		s = db_edit_inserted(db, "actions", "id = ?1", DB_ARGS(DB_INT(*id)));
	return db_finish(db, s);
}

/* Sets an action's state, after checking it is in the other one. */
static enum status action_set(struct db *db, int64_t id, bool done, const char *on)
{
	int64_t is_done = 0;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_row_by_id(db, "SELECT state = 'done' FROM actions WHERE id = ?", id, "action",
			 db_read_int, &is_done);
	if (s == STATUS_OK && (is_done != 0) == done)
		s = status_set(STATUS_BAD_INPUT, "action %lld is %s", (long long)id,
			       done ? "already done" : "still open");
	if (s == STATUS_OK)
		s = db_edit_run(db, "actions", id,
				"UPDATE actions SET state = ?2, done_on = ?3 WHERE id = ?1",
				DB_ARGS(DB_INT(id), DB_TEXT(done ? "done" : "open"),
					DB_TEXT(done ? on : NULL)));
	return db_finish(db, s);
}

enum status db_action_done(struct db *db, int64_t id, const char *on)
{
	return action_set(db, id, true, on);
}

enum status db_action_reopen(struct db *db, int64_t id)
{
	return action_set(db, id, false, NULL);
}

#define ACTION_SELECT                                                                        \
	"SELECT x.id, x.account_id, a.name, x.owner, x.text, x.due, x.done_on, x.created_at" \
	" FROM actions x JOIN accounts a ON a.id = x.account_id"
#define ACTION_ORDER                                                               \
	" ORDER BY x.owner COLLATE NOCASE, x.owner, x.done_on IS NOT NULL, x.due," \
	" a.name COLLATE NOCASE, x.id"

static void fill_action(sqlite3_stmt *st, struct action_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->account = db_col_text(st, 2);
	r->owner = db_col_text(st, 3);
	r->text = db_col_text(st, 4);
	r->due = db_col_text(st, 5);
	r->done_on = db_col_opt(st, 6);
	r->created_at = db_col_text(st, 7);
	if (!date_parse(r->due, &r->due_day))
		r->due_day = -1;
	if (!r->done_on || !date_parse(r->done_on, &r->done_day))
		r->done_day = -1;
}

DB_ROW_WALKER(action, struct action_row, action_cb, fill_action)

enum status db_actions(struct db *db, const struct action_filter *f, action_cb cb, void *ctx)
{
	struct action_walk w = {cb, ctx};
	char since[DATE_LEN];
	struct strbuf sql;
	enum status s;

	date_format(f->since, since);
	strbuf_init(&sql);
	strbuf_adds(&sql, ACTION_SELECT " WHERE 1");
	if (f->owner)
		strbuf_adds(&sql, " AND x.owner = ?1");
	if (f->account_id)
		strbuf_adds(&sql, " AND x.account_id = ?2");
	if (f->open_only)
		strbuf_adds(&sql, " AND x.state = 'open'");
	else if (f->since >= 0)
		strbuf_adds(&sql, " AND (x.state = 'open' OR x.done_on > ?3)");
	strbuf_adds(&sql, ACTION_ORDER);
	s = db_rows(db, sql.buf,
		    DB_ARGS(DB_TEXT(f->owner), DB_INT(f->account_id),
			    DB_TEXT(f->since >= 0 ? since : NULL)),
		    action_each, &w);
	strbuf_done(&sql);
	return s;
}

enum status db_action_get(struct db *db, int64_t id, action_cb cb, void *ctx)
{
	struct action_walk w = {cb, ctx};

	return db_row_by_id(db, ACTION_SELECT " WHERE x.id = ?", id, "action", action_one, &w);
}

/* ---- what else moved -------------------------------------------------------- */

#define STR_(x) #x
#define STR(x) STR_(x)

/* Runs sql (freed here) over the days after since up to today, ?1 and
 * ?2, and the owner ?3 when given. */
static enum status rows_between(struct db *db, char *sql, int since, int today, const char *owner,
				db_each_fn each, void *w)
{
	char from[DATE_LEN], to[DATE_LEN];
	enum status s;

	date_format(since, from);
	date_format(today, to);
	s = db_rows(db, sql, DB_ARGS(DB_TEXT(from), DB_TEXT(to), DB_TEXT(owner)), each, w);
	free(sql);
	return s;
}

static void fill_detractor(sqlite3_stmt *st, struct detractor_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->account = db_col_text(st, 2);
	r->owner = db_col_text(st, 3);
	r->contact = db_col_opt(st, 4);
	r->responded_on = db_col_text(st, 5);
	r->score = sqlite3_column_int(st, 6);
	r->comment = db_col_text(st, 7);
}

DB_ROW_WALKER(detractor, struct detractor_row, detractor_cb, fill_detractor)

enum status db_detractors_since(struct db *db, int since, int today, const char *owner,
				detractor_cb cb, void *ctx)
{
	struct detractor_walk w = {cb, ctx};
	char *sql;

	/* the score bound as a literal, so the partial index feedback_detractor
	 * (score <= 6) walks the days */
	sql = xasprintf(
		"SELECT f.id, f.account_id, a.name, a.owner, ct.name, f.responded_on,"
		" f.score, f.comment FROM feedback f %s accounts a ON a.id = f.account_id"
		" LEFT JOIN contacts ct ON ct.id = f.contact_id"
		" WHERE f.score <= " STR(
			FOLLOWUP_MAX_SCORE) " AND f.responded_on > ?1 AND f.responded_on <= ?2%s"
					    " ORDER BY f.responded_on DESC, a.name COLLATE NOCASE, f.id",
		owner ? "JOIN" : "CROSS JOIN", owner ? " AND a.owner = ?3" : "");
	return rows_between(db, sql, since, today, owner, detractor_each, &w);
}

static void fill_moved(sqlite3_stmt *st, struct moved_problem_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->account = db_col_text(st, 2);
	r->title = db_col_text(st, 3);
	r->status = db_col_text(st, 4);
	r->on = db_col_text(st, 5);
	r->event = db_col_text(st, 6);
}

DB_ROW_WALKER(moved, struct moved_problem_row, moved_problem_cb, fill_moved)

enum status db_problems_moved(struct db *db, int since, int today, const char *owner,
			      moved_problem_cb cb, void *ctx)
{
	struct moved_walk w = {cb, ctx};
	char *sql;

	/* the problems' date indexes find those that moved (the accounts are
	 * joined after them); the last of its dates that falls after ?1 and up
	 * to ?2 (max() of
	 * several arguments is NULL when one is: '' stands for none) */
	sql = xasprintf(
		"SELECT id, account_id, name, title, status, on_day,"
		" CASE on_day WHEN reported_on THEN 'reported_back' WHEN resolved_on THEN 'resolved'"
		"  ELSE 'opened' END"
		" FROM (SELECT p.id, p.account_id, a.name, p.title, p.status, p.reported_on,"
		" p.resolved_on, nullif(max("
		"  CASE WHEN p.opened_on > ?1 AND p.opened_on <= ?2 THEN p.opened_on ELSE '' END,"
		"  CASE WHEN p.resolved_on > ?1 AND p.resolved_on <= ?2 THEN p.resolved_on"
		"   ELSE '' END,"
		"  CASE WHEN p.reported_on > ?1 AND p.reported_on <= ?2 THEN p.reported_on"
		"   ELSE '' END), '') AS on_day"
		" FROM problems p %s accounts a ON a.id = p.account_id"
		" WHERE (p.opened_on > ?1 OR p.resolved_on > ?1 OR p.reported_on > ?1)%s)"
		" WHERE on_day IS NOT NULL ORDER BY on_day DESC, name COLLATE NOCASE, id",
		owner ? "JOIN" : "CROSS JOIN", owner ? " AND a.owner = ?3" : "");
	return rows_between(db, sql, since, today, owner, moved_each, &w);
}

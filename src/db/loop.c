/*
 * Writing the closed loop's records (loop.h): notes, the account plan's
 * readiness conditions and manual hold, problems and the defect catalogue.
 * Each public writer is one transaction: it begins, checks what it needs
 * inside the write lock, writes, and commits, or rolls back and leaves the
 * file as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/loop.h"
#include "acctplan/problem.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

/* The account_id of row `id` in `table` (a fixed name from this file). */
static enum status account_of(struct db *db, const char *table, const char *what, int64_t id,
			      int64_t *account_id)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "SELECT account_id FROM %s WHERE id = ?", table);
	return db_row_by_id(db, sql, id, what, db_read_int, account_id);
}

enum status db_feedback_account(struct db *db, int64_t id, int64_t *account_id)
{
	return account_of(db, "feedback", "response", id, account_id);
}

enum status db_note_account(struct db *db, int64_t id, int64_t *account_id)
{
	return account_of(db, "notes", "note", id, account_id);
}

enum status db_problem_account(struct db *db, int64_t id, int64_t *account_id)
{
	return account_of(db, "problems", "problem", id, account_id);
}

enum status db_condition_account(struct db *db, int64_t id, int64_t *account_id)
{
	return account_of(db, "conditions", "condition", id, account_id);
}

enum status db_contact_resolve(struct db *db, int64_t account_id, const char *name, int64_t *id)
{
	sqlite3_stmt *st;
	enum status s;

	if ((s = db_query(db,
			  "SELECT id, name, name = ?2 COLLATE NOCASE AS exact FROM contacts"
			  " WHERE account_id = ?1 AND name LIKE ?3 ESCAPE '\\'"
			  " ORDER BY exact DESC, name COLLATE NOCASE, id LIMIT 6",
			  DB_ARGS(DB_INT(account_id), DB_TEXT(name)), &st)) != STATUS_OK)
		return s;
	s = db_pick_by_name(db, st, 3, name, "buyer", id);
	if (s == STATUS_NOT_FOUND)
		s = status_set(s, "the account has no buyer named \"%.80s\"", name);
	return s;
}

static enum status account_exists(struct db *db, int64_t account_id)
{
	int64_t one;

	return db_row_by_id(db, "SELECT 1 FROM accounts WHERE id = ?", account_id, "account",
			    db_read_int, &one);
}

/* ---- notes ---------------------------------------------------------- */

/* Row id of table (0: none) must be one of the account's. */
static enum status check_link(struct db *db, const char *table, const char *what, int64_t id,
			      int64_t account_id)
{
	int64_t owner = 0;
	enum status s;

	if (!id || (s = account_of(db, table, what, id, &owner)) != STATUS_OK)
		return id ? s : STATUS_OK;
	if (owner != account_id)
		return status_set(STATUS_BAD_INPUT, "%s %lld is not one of the account's", what,
				  (long long)id);
	return STATUS_OK;
}

/* The contact and response of a note must be the account's. */
static enum status check_links(struct db *db, int64_t account_id, int64_t contact_id,
			       int64_t feedback_id)
{
	enum status s = check_link(db, "contacts", "buyer", contact_id, account_id);

	return s == STATUS_OK ? check_link(db, "feedback", "response", feedback_id, account_id) : s;
}

enum status db_note_add(struct db *db, const struct note_rec *r, int64_t *id)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = account_exists(db, r->account_id);
	if (s == STATUS_OK)
		s = check_links(db, r->account_id, r->contact_id, r->feedback_id);
	if (s == STATUS_OK && (s = db_insert_note(db, r, id)) == STATUS_OK)
		s = db_edit_inserted(db, "notes", "id = ?1", DB_ARGS(DB_INT(*id)));
	return db_finish(db, s);
}

enum status db_note_update(struct db *db, int64_t id, const struct note_rec *r)
{
	enum status s;
	int64_t account_id = 0;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_of(db, "notes", "note", id, &account_id)) != STATUS_OK ||
	    (s = check_links(db, account_id, r->contact_id,
			     r->feedback_id > 0 ? r->feedback_id : 0)) != STATUS_OK)
		return db_finish(db, s);
	s = db_edit_row(
		db, "notes", id,
		"UPDATE notes SET kind = ?1, contact_id = ?2,"
		" feedback_id = CASE WHEN ?3 < 0 THEN feedback_id ELSE nullif(?3, 0) END,"
		" body = ?4, good_time = ?5, reason = ?6, next_contact_on = ?7"
		" WHERE id = ?8",
		DB_ARGS(DB_TEXT(note_kind_name(r->kind)), DB_ID(r->contact_id),
			DB_INT(r->feedback_id), DB_TEXT(r->body ? r->body : ""),
			DB_TEXT(r->good_time >= 0 ? good_time_name((enum good_time)r->good_time)
						  : NULL),
			DB_TEXT(r->reason >= 0 ? reason_name((enum reason)r->reason) : NULL),
			DB_TEXT(r->next_contact_on), DB_INT(id)),
		"note");
	return db_finish(db, s);
}

enum status db_note_delete(struct db *db, int64_t id)
{
	return db_edit_row_alone(db, "notes", id, "DELETE FROM notes WHERE id = ?",
				 DB_ARGS(DB_INT(id)), "note");
}

DB_ROW_WALKER(note, struct note_row, note_cb, db_fill_note)

enum status db_note_get(struct db *db, int64_t id, note_cb cb, void *ctx)
{
	struct note_walk w = {cb, ctx};

	return db_row_by_id(db, NOTE_SELECT " WHERE n.id = ?", id, "note", note_one, &w);
}

/* ---- conditions and the hold ----------------------------------------- */

enum status db_condition_add(struct db *db, int64_t account_id, const char *text, int64_t *id)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, account_id)) == STATUS_OK &&
	    (s = db_insert_condition(db, account_id, text, NULL, id)) == STATUS_OK)
		s = db_edit_inserted(db, "conditions", "id = ?1", DB_ARGS(DB_INT(*id)));
	return db_finish(db, s);
}

/* Runs an UPDATE of one condition inside a transaction, after checking its
 * met state: want_met 1 (must be met), 0 (must be open), -1 (either). */
static enum status condition_update(struct db *db, int64_t id, int want_met, const char *sql,
				    const char *text)
{
	enum status s;
	int64_t met;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_int(db, "SELECT met_on IS NOT NULL FROM conditions WHERE id = ?",
		   DB_ARGS(DB_INT(id)), &met);
	s = db_no_row(s, "condition", id);
	if (s == STATUS_OK && want_met == 0 && met)
		s = status_set(STATUS_BAD_INPUT, "condition %lld is already met", (long long)id);
	else if (s == STATUS_OK && want_met == 1 && !met)
		s = status_set(STATUS_BAD_INPUT, "condition %lld is not met", (long long)id);
	if (s == STATUS_OK)
		s = db_edit_row(db, "conditions", id, sql, DB_ARGS(DB_INT(id), DB_TEXT(text)),
				"condition");
	return db_finish(db, s);
}

enum status db_condition_edit(struct db *db, int64_t id, const char *text)
{
	return condition_update(db, id, -1, "UPDATE conditions SET text = ?2 WHERE id = ?1", text);
}

enum status db_condition_met(struct db *db, int64_t id, const char *on)
{
	return condition_update(db, id, 0, "UPDATE conditions SET met_on = ?2 WHERE id = ?1", on);
}

enum status db_condition_reopen(struct db *db, int64_t id)
{
	return condition_update(db, id, 1, "UPDATE conditions SET met_on = NULL WHERE id = ?1",
				NULL);
}

enum status db_hold_manual(struct db *db, int64_t account_id, bool hold, const char *reason,
			   const char *on)
{
	enum status s;
	char *q = NULL;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, account_id)) != STATUS_OK)
		return db_finish(db, s);
	/* the quadrant the hold is kept with must be the account's now: if
	 * another program changed its feedback since the last refresh, the
	 * cache row is stale until it is brought up to date, here */
	if ((s = db_refresh_locked(db)) != STATUS_OK)
		return db_finish(db, s);
	s = db_text(db, "SELECT quadrant FROM account_cache WHERE account_id = ?",
		    DB_ARGS(DB_INT(account_id)), &q);
	if (s == STATUS_NOT_FOUND)
		s = STATUS_OK;
	if (s == STATUS_OK)
		s = db_edit_row(db, "accounts", account_id,
				"UPDATE accounts SET hold_manual = ?2, hold_reason = ?3,"
				" hold_on = ?4, hold_quadrant = ?5, updated_at = acctplan_now()"
				" WHERE id = ?1",
				DB_ARGS(DB_INT(account_id), DB_TEXT(hold ? "set" : "lifted"),
					DB_TEXT(reason), DB_TEXT(on),
					DB_TEXT(quadrant_from_name(q) >= 0 ? q : NULL)),
				"account");
	free(q);
	return db_finish(db, s);
}

enum status db_hold_auto(struct db *db, int64_t account_id)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, account_id)) != STATUS_OK)
		return db_finish(db, s);
	s = db_edit_row(db, "accounts", account_id,
			"UPDATE accounts SET hold_manual = NULL, hold_reason = NULL,"
			" hold_on = NULL, hold_quadrant = NULL,"
			" updated_at = acctplan_now() WHERE id = ?1",
			DB_ARGS(DB_INT(account_id)), "account");
	return db_finish(db, s);
}

/* ---- problems -------------------------------------------------------- */

/* The facts a new problem's defaults are chosen from (problem_defaults()),
 * with the strings they borrow. */
struct facts {
	struct problem_facts f;
	int64_t account_id;
	char *comment, *tag_title, *asked_title, *owner;
};

static void read_response(sqlite3_stmt *st, void *ctx)
{
	struct facts *x = ctx;

	x->account_id = sqlite3_column_int64(st, 0);
	x->f.response_contact = sqlite3_column_int64(st, 1);
	x->comment = xstrdup(db_col_text(st, 2));
	x->f.tagged.id = sqlite3_column_int64(st, 3);
	x->tag_title = xstrdup(db_col_text(st, 4));
	x->f.tagged.category = problem_category_from_name(db_col_opt(st, 5));
}

static void read_defect(sqlite3_stmt *st, void *ctx)
{
	struct facts *x = ctx;

	x->asked_title = xstrdup(db_col_text(st, 0));
	x->f.asked.category = problem_category_from_name(db_col_opt(st, 1));
}

/* Reads what problem_defaults() decides from: the response (its account,
 * buyer, comment and first defect tag by code), the defect asked for and
 * the account's owner. */
static enum status problem_facts(struct db *db, const struct problem_new *p, struct facts *x)
{
	enum status s;

	x->account_id = p->account_id;
	x->f.title = p->title;
	x->f.category = p->category;
	x->f.contact_id = p->contact_id;
	x->f.owner = p->owner;
	x->f.asked.id = p->defect_id;
	if (p->feedback_id) {
		int64_t asked_account = p->account_id;

		s = db_row(db,
			   "SELECT f.account_id, f.contact_id, f.comment, d.id, d.title, d.category"
			   " FROM feedback f LEFT JOIN defects d ON d.id = (SELECT fd.defect_id"
			   "  FROM feedback_defects fd JOIN defects d2 ON d2.id = fd.defect_id"
			   "  WHERE fd.feedback_id = f.id ORDER BY d2.code LIMIT 1)"
			   " WHERE f.id = ?",
			   DB_ARGS(DB_INT(p->feedback_id)), read_response, x);
		if (s == STATUS_NOT_FOUND)
			return db_no_row(s, "response", p->feedback_id);
		if (s != STATUS_OK)
			return s;
		if (asked_account && asked_account != x->account_id)
			return status_set(STATUS_BAD_INPUT,
					  "response %lld is not one of the account's",
					  (long long)p->feedback_id);
		x->f.response_comment = x->comment;
		x->f.tagged.title = x->tag_title;
	}
	s = db_text(db, "SELECT owner FROM accounts WHERE id = ?", DB_ARGS(DB_INT(x->account_id)),
		    &x->owner);
	if (s == STATUS_NOT_FOUND)
		return db_no_row(s, "account", x->account_id);
	if (s != STATUS_OK)
		return s;
	x->f.account_owner = x->owner;
	if (p->defect_id) {
		s = db_row(db, "SELECT title, category FROM defects WHERE id = ?",
			   DB_ARGS(DB_INT(p->defect_id)), read_defect, x);
		if (s == STATUS_NOT_FOUND)
			return db_no_row(s, "defect", p->defect_id);
		x->f.asked.title = x->asked_title;
	}
	return s;
}

enum status db_problem_create(struct db *db, const struct problem_new *p, int64_t *id)
{
	struct facts x;
	struct problem_choice c;
	enum status s;

	memset(&x, 0, sizeof(x));
	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = problem_facts(db, p, &x)) != STATUS_OK)
		goto out;
	if (!problem_defaults(&x.f, &c)) {
		s = status_set(STATUS_BAD_INPUT, "the problem needs a title");
		goto out;
	}
	if (c.contact_id && (s = check_links(db, x.account_id, c.contact_id, 0)) != STATUS_OK)
		goto out;
	*id = db_new_id(db);
	s = db_edit_run(db, "problems", *id,
			"INSERT INTO problems(id, account_id, defect_id, feedback_id,"
			" contact_id, title, category, status, owner, opened_on)"
			" VALUES (?,?,?,?,?,?,?,'open',?,?)",
			DB_ARGS(DB_INT(*id), DB_INT(x.account_id), DB_ID(c.defect_id),
				DB_ID(p->feedback_id), DB_ID(c.contact_id), DB_TEXT(c.title),
				DB_TEXT(problem_category_name(c.category)), DB_TEXT(c.owner),
				DB_TEXT(p->opened_on)));
out:
	free(x.comment);
	free(x.tag_title);
	free(x.asked_title);
	free(x.owner);
	return db_finish(db, s);
}

/* A problem as a move sees it. */
struct move_facts {
	int from;
	bool has_cause, has_report;
	char *opened_on;
};

static void read_move(sqlite3_stmt *st, void *ctx)
{
	struct move_facts *m = ctx;

	m->from = problem_status_from_name(db_col_text(st, 0));
	m->has_cause = sqlite3_column_int(st, 1) != 0;
	m->has_report = sqlite3_column_int(st, 2) != 0;
	m->opened_on = xstrdup(db_col_text(st, 3));
}

enum status db_problem_move(struct db *db, int64_t id, const struct problem_move_req *m)
{
	struct move_facts f = {0};
	enum problem_move mv;
	struct problem_dates d;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_row(db,
		   "SELECT status, root_cause <> '', reported_back <> '', opened_on"
		   " FROM problems WHERE id = ?",
		   DB_ARGS(DB_INT(id)), read_move, &f);
	s = db_no_row(s, "problem", id);
	if (s != STATUS_OK)
		goto out;
	if (m->on && strcmp(m->on, f.opened_on) < 0) {
		s = status_set(STATUS_BAD_INPUT, "%s is before the problem was opened (%s)", m->on,
			       f.opened_on);
		goto out;
	}
	mv = problem_move_check((enum problem_status)f.from, (enum problem_status)m->to,
				f.has_cause || (m->root_cause && *m->root_cause),
				f.has_report || (m->reported && *m->reported));
	if (mv != PMOVE_OK) {
		if (m->refused)
			*m->refused = mv;
		s = status_set(STATUS_BAD_INPUT, "%s to %s: %s",
			       problem_status_name((enum problem_status)f.from),
			       problem_status_name((enum problem_status)m->to),
			       problem_move_message(mv));
		goto out;
	}
	d = problem_move_dates((enum problem_status)f.from, (enum problem_status)m->to);
	s = db_edit_row(
		db, "problems", id,
		"UPDATE problems SET status = ?2,"
		" resolved_on = CASE WHEN ?3 THEN ?6 WHEN ?4 THEN NULL ELSE resolved_on END,"
		" reported_on = CASE WHEN ?5 THEN ?6 ELSE NULL END,"
		" root_cause = coalesce(?7, root_cause),"
		" reported_back = coalesce(?8, reported_back),"
		" owner = coalesce(?9, owner) WHERE id = ?1",
		DB_ARGS(DB_INT(id), DB_TEXT(problem_status_name((enum problem_status)m->to)),
			DB_INT(d.set_resolved), DB_INT(d.clear_resolved), DB_INT(d.set_reported),
			DB_TEXT(m->on), DB_TEXT(m->root_cause), DB_TEXT(m->reported),
			DB_TEXT(m->owner)),
		"problem");
out:
	free(f.opened_on);
	return db_finish(db, s);
}

enum status db_problem_edit(struct db *db, int64_t id, const struct problem_edit *e)
{
	return db_edit_row_alone(
		db, "problems", id,
		"UPDATE problems SET title = coalesce(?2, title),"
		" owner = coalesce(?3, owner), root_cause = coalesce(?4, root_cause),"
		" category = coalesce(?5, category),"
		" defect_id = CASE WHEN ?6 < 0 THEN defect_id WHEN ?6 = 0 THEN NULL"
		"  ELSE ?6 END WHERE id = ?1",
		DB_ARGS(DB_INT(id), DB_TEXT(e->title), DB_TEXT(e->owner), DB_TEXT(e->root_cause),
			DB_TEXT(e->category >= 0
					? problem_category_name((enum problem_category)e->category)
					: NULL),
			DB_INT(e->defect_id)),
		"problem");
}

#define PROBLEM_SELECT                                                          \
	"SELECT " PROBLEM_COLUMNS ", p.feedback_id, p.contact_id, p.defect_id," \
	" a.name, c.name, d.title"                                              \
	" FROM problems p JOIN accounts a ON a.id = p.account_id"               \
	" LEFT JOIN defects d ON d.id = p.defect_id"                            \
	" LEFT JOIN contacts c ON c.id = p.contact_id"

/* PROBLEM_SELECT's columns: db_problems()' row, then the links and names. */
static void fill_info(sqlite3_stmt *st, struct problem_info *r)
{
	db_fill_problem(st, &r->p);
	r->feedback_id = sqlite3_column_int64(st, 12);
	r->contact_id = sqlite3_column_int64(st, 13);
	r->defect_id = sqlite3_column_int64(st, 14);
	r->account_name = db_col_text(st, 15);
	r->contact_name = db_col_opt(st, 16);
	r->defect_title = db_col_opt(st, 17);
}

DB_ROW_WALKER(info, struct problem_info, problem_info_cb, fill_info)

enum status db_problem_list(struct db *db, const struct problem_filter *f, problem_info_cb cb,
			    void *ctx)
{
	struct info_walk w = {cb, ctx};

	return db_rows(
		db,
		PROBLEM_SELECT
		" WHERE (?1 = 0 OR p.account_id = ?1) AND (?2 = 0 OR p.defect_id = ?2)"
		" AND (?3 IS NULL OR p.status = ?3)"
		" AND (?4 = 0 OR p.status <> 'reported_back')"
		" ORDER BY p.status = 'reported_back', p.opened_on DESC, a.name, p.id",
		DB_ARGS(DB_INT(f->account_id), DB_INT(f->defect_id),
			DB_TEXT(f->status >= 0 ? problem_status_name((enum problem_status)f->status)
					       : NULL),
			DB_INT(f->open_only)),
		info_each, &w);
}

enum status db_problem_get(struct db *db, int64_t id, problem_info_cb cb, void *ctx)
{
	struct info_walk w = {cb, ctx};

	return db_row_by_id(db, PROBLEM_SELECT " WHERE p.id = ?", id, "problem", info_one, &w);
}

/* ---- the defect catalogue -------------------------------------------- */

enum status db_defect_add(struct db *db, const char *code, const char *title,
			  enum problem_category cat, int64_t *id)
{
	enum status s;
	int64_t old;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_defect_find(db, code, &old);
	if (s == STATUS_OK)
		s = status_set(STATUS_BAD_INPUT, "defect %.40s is already in the catalogue", code);
	else if (s == STATUS_NOT_FOUND &&
		 (s = db_insert_defect(db, code, title, cat, id)) == STATUS_OK)
		s = db_edit_inserted(db, "defects", "id = ?1", DB_ARGS(DB_INT(*id)));
	return db_finish(db, s);
}

enum status db_defect_edit(struct db *db, int64_t id, const char *title, int category)
{
	return db_edit_row_alone(
		db, "defects", id,
		"UPDATE defects SET title = coalesce(?2, title),"
		" category = coalesce(?3, category) WHERE id = ?1",
		DB_ARGS(DB_INT(id), DB_TEXT(title),
			DB_TEXT(category >= 0
					? problem_category_name((enum problem_category)category)
					: NULL)),
		"defect");
}

enum status db_feedback_tag(struct db *db, int64_t feedback_id, int64_t defect_id, bool untag)
{
	enum status s;
	int64_t account_id;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_of(db, "feedback", "response", feedback_id, &account_id)) != STATUS_OK)
		return db_finish(db, s);
	if (untag)
		return db_finish(
			db, db_edit_delete_where(db, "feedback_defects",
						 "feedback_id = ?1 AND defect_id = ?2",
						 DB_ARGS(DB_INT(feedback_id), DB_INT(defect_id))));
	s = db_run(db,
		   "INSERT OR IGNORE INTO feedback_defects(feedback_id, defect_id) VALUES (?, ?)",
		   DB_ARGS(DB_INT(feedback_id), DB_INT(defect_id)));
	if (s == STATUS_OK && sqlite3_changes(db->sql) > 0)
		s = db_edit_inserted(db, "feedback_defects", "feedback_id = ?1 AND defect_id = ?2",
				     DB_ARGS(DB_INT(feedback_id), DB_INT(defect_id)));
	return db_finish(db, s);
}

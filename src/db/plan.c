/*
 * Writing the plan: notes, readiness conditions, the manual hold, problems
 * and the defect catalogue. Each public writer is one transaction: it begins,
 * checks what it needs inside the write lock, writes, and commits, or rolls
 * back and leaves the file as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/plan.h"
#include "acctplan/problem.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

/* Steps a one-off write statement to its end and finalizes it. */
static enum status run(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
}

/* Commits when st is OK, else rolls back; returns st (or the commit's). */
static enum status finish(struct db *db, enum status st)
{
	if (st == STATUS_OK)
		return db_commit(db);
	db_rollback(db);
	return st;
}

/* The account_id of row `id` in `table` (a fixed name from this file). */
static enum status account_of(struct db *db, const char *table, const char *what, int64_t id,
			      int64_t *account_id)
{
	sqlite3_stmt *st;
	enum status s;
	char sql[96];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT account_id FROM %s WHERE id = ?", table);
	if ((s = db_prepare(db, sql, &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*account_id = sqlite3_column_int64(st, 0);
		s = STATUS_OK;
	} else if (rc == SQLITE_DONE) {
		s = status_set(STATUS_NOT_FOUND, "no %s with id %lld", what, (long long)id);
	} else {
		s = db_error(db, rc);
	}
	sqlite3_finalize(st);
	return s;
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

	if ((s = db_prepare(db,
			    "SELECT id, name, name = ?2 COLLATE NOCASE AS exact FROM contacts"
			    " WHERE account_id = ?1 AND name LIKE ?3 ESCAPE '\\'"
			    " ORDER BY exact DESC, name COLLATE NOCASE, id LIMIT 6",
			    &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	s = db_pick_by_name(db, st, 3, name, "buyer", id);
	if (s == STATUS_NOT_FOUND)
		s = status_set(s, "the account has no buyer named \"%.80s\"", name);
	return s;
}

/* ---- notes ---------------------------------------------------------- */

static enum status account_exists(struct db *db, int64_t account_id);

/* The contact and response of a note must be the account's. */
static enum status check_links(struct db *db, int64_t account_id, int64_t contact_id,
			       int64_t feedback_id)
{
	int64_t owner = 0;
	enum status s;

	if (contact_id) {
		if ((s = account_of(db, "contacts", "buyer", contact_id, &owner)) != STATUS_OK)
			return s;
		if (owner != account_id)
			return status_set(STATUS_BAD_INPUT,
					  "buyer %lld is not one of the account's",
					  (long long)contact_id);
	}
	if (feedback_id) {
		if ((s = account_of(db, "feedback", "response", feedback_id, &owner)) != STATUS_OK)
			return s;
		if (owner != account_id)
			return status_set(STATUS_BAD_INPUT,
					  "response %lld is not one of the account's",
					  (long long)feedback_id);
	}
	return STATUS_OK;
}

enum status db_note_add(struct db *db, const struct note_rec *r, int64_t *id)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = account_exists(db, r->account_id);
	if (s == STATUS_OK)
		s = check_links(db, r->account_id, r->contact_id, r->feedback_id);
	if (s == STATUS_OK)
		s = db_insert_note(db, r, id);
	return finish(db, s);
}

enum status db_note_update(struct db *db, int64_t id, const struct note_rec *r)
{
	sqlite3_stmt *st;
	enum status s;
	int64_t account_id = 0;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_of(db, "notes", "note", id, &account_id)) != STATUS_OK ||
	    (s = check_links(db, account_id, r->contact_id,
			     r->feedback_id > 0 ? r->feedback_id : 0)) != STATUS_OK)
		return finish(db, s);
	if ((s = db_prepare(
		     db,
		     "UPDATE notes SET kind = ?1, contact_id = ?2,"
		     " feedback_id = CASE WHEN ?3 < 0 THEN feedback_id ELSE nullif(?3, 0) END,"
		     " body = ?4, good_time = ?5, reason = ?6, next_contact_on = ?7"
		     " WHERE id = ?8",
		     &st)) != STATUS_OK)
		return finish(db, s);
	db_bind_text(st, 1, note_kind_name(r->kind));
	db_bind_id(st, 2, r->contact_id);
	sqlite3_bind_int64(st, 3, r->feedback_id);
	db_bind_text(st, 4, r->body ? r->body : "");
	db_bind_text(st, 5,
		     r->good_time >= 0 ? good_time_name((enum good_time)r->good_time) : NULL);
	db_bind_text(st, 6, r->reason >= 0 ? reason_name((enum reason)r->reason) : NULL);
	db_bind_text(st, 7, r->next_contact_on);
	sqlite3_bind_int64(st, 8, id);
	return finish(db, run(db, st));
}

/* Deletes row id of table; STATUS_NOT_FOUND when absent. */
static enum status delete_row(struct db *db, const char *sql, const char *what, int64_t id)
{
	sqlite3_stmt *st;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_prepare(db, sql, &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, id);
	s = run(db, st);
	if (s == STATUS_OK && sqlite3_changes(db->sql) == 0)
		s = status_set(STATUS_NOT_FOUND, "no %s with id %lld", what, (long long)id);
	return finish(db, s);
}

enum status db_note_delete(struct db *db, int64_t id)
{
	return delete_row(db, "DELETE FROM notes WHERE id = ?", "note", id);
}

enum status db_note_get(struct db *db, int64_t id, note_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	struct note_row r;
	enum status s;
	int rc;

	if ((s = db_prepare(db,
			    "SELECT n.id, n.account_id, n.contact_id, n.kind, n.body,"
			    " n.good_time, n.reason, n.next_contact_on, n.created_at, c.name"
			    " FROM notes n LEFT JOIN contacts c ON c.id = n.contact_id"
			    " WHERE n.id = ?",
			    &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.account_id = sqlite3_column_int64(st, 1);
		r.contact_id = sqlite3_column_int64(st, 2);
		r.kind = db_col_text(st, 3);
		r.body = db_col_text(st, 4);
		r.good_time = db_col_opt(st, 5);
		r.reason = db_col_opt(st, 6);
		r.next_contact_on = db_col_opt(st, 7);
		r.created_at = db_col_text(st, 8);
		r.contact_name = db_col_opt(st, 9);
		cb(&r, ctx);
		s = STATUS_OK;
	} else if (rc == SQLITE_DONE) {
		s = status_set(STATUS_NOT_FOUND, "no note with id %lld", (long long)id);
	} else {
		s = db_error(db, rc);
	}
	sqlite3_finalize(st);
	return s;
}

/* ---- conditions and the hold ----------------------------------------- */

static enum status account_exists(struct db *db, int64_t account_id)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((s = db_prepare(db, "SELECT 1 FROM accounts WHERE id = ?", &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, account_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return STATUS_OK;
	if (rc == SQLITE_DONE)
		return status_set(STATUS_NOT_FOUND, "no account with id %lld",
				  (long long)account_id);
	return db_error(db, rc);
}

enum status db_condition_add(struct db *db, int64_t account_id, const char *text, int64_t *id)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, account_id)) == STATUS_OK)
		s = db_insert_condition(db, account_id, text, NULL, id);
	return finish(db, s);
}

/* Runs an UPDATE of one condition inside a transaction, after checking its
 * met state: want_met 1 (must be met), 0 (must be open), -1 (either). */
static enum status condition_update(struct db *db, int64_t id, int want_met, const char *sql,
				    const char *text)
{
	sqlite3_stmt *st;
	enum status s;
	int rc, met;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_prepare(db, "SELECT met_on IS NOT NULL FROM conditions WHERE id = ?", &st)) !=
	    STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	met = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return finish(db, status_set(STATUS_NOT_FOUND, "no condition with id %lld",
					     (long long)id));
	if (rc != SQLITE_ROW)
		return finish(db, db_error(db, rc));
	if (want_met == 0 && met)
		return finish(db, status_set(STATUS_BAD_INPUT, "condition %lld is already met",
					     (long long)id));
	if (want_met == 1 && !met)
		return finish(db, status_set(STATUS_BAD_INPUT, "condition %lld is not met",
					     (long long)id));
	if ((s = db_prepare(db, sql, &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, id);
	if (text)
		db_bind_text(st, 2, text);
	return finish(db, run(db, st));
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
	sqlite3_stmt *st;
	enum status s;
	int rc, q = -1;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, account_id)) != STATUS_OK)
		return finish(db, s);
	if ((s = db_prepare(db, "SELECT quadrant FROM account_cache WHERE account_id = ?", &st)) !=
	    STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, account_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		q = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return finish(db, db_error(db, rc));
	if ((s = db_prepare(db,
			    "UPDATE accounts SET hold_manual = ?2, hold_reason = ?3,"
			    " hold_on = ?4, hold_quadrant = ?5, updated_at = datetime('now')"
			    " WHERE id = ?1",
			    &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, account_id);
	db_bind_text(st, 2, hold ? "set" : "lifted");
	db_bind_text(st, 3, reason);
	db_bind_text(st, 4, on);
	db_bind_text(st, 5, q >= 0 && q < QUAD_COUNT ? quadrant_name((enum quadrant)q) : NULL);
	return finish(db, run(db, st));
}

enum status db_hold_auto(struct db *db, int64_t account_id)
{
	sqlite3_stmt *st;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, account_id)) != STATUS_OK)
		return finish(db, s);
	if ((s = db_prepare(db,
			    "UPDATE accounts SET hold_manual = NULL, hold_reason = NULL,"
			    " hold_on = NULL, hold_quadrant = NULL, updated_at = datetime('now')"
			    " WHERE id = ?1",
			    &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, account_id);
	return finish(db, run(db, st));
}

/* ---- problems -------------------------------------------------------- */

enum status db_problem_create(struct db *db, const struct problem_new *p, int64_t *id)
{
	sqlite3_stmt *st;
	enum status s;
	int64_t account_id = p->account_id, contact_id = p->contact_id, defect_id = p->defect_id;
	int category = p->category, rc;
	char *title = p->title ? xstrdup(p->title) : NULL, *owner = NULL, *comment = NULL;

	if ((s = db_begin(db)) != STATUS_OK) {
		free(title);
		return s;
	}
	if (p->feedback_id) {
		if ((s = db_prepare(db,
				    "SELECT f.account_id, f.contact_id, f.comment,"
				    " (SELECT d.id FROM feedback_defects fd JOIN defects d"
				    "  ON d.id = fd.defect_id WHERE fd.feedback_id = f.id"
				    "  ORDER BY d.code LIMIT 1)"
				    " FROM feedback f WHERE f.id = ?",
				    &st)) != STATUS_OK)
			goto out;
		sqlite3_bind_int64(st, 1, p->feedback_id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			int64_t fa = sqlite3_column_int64(st, 0);
			if (account_id && account_id != fa) {
				s = status_set(STATUS_BAD_INPUT,
					       "response %lld is not one of the account's",
					       (long long)p->feedback_id);
			} else {
				account_id = fa;
				if (!contact_id)
					contact_id = sqlite3_column_int64(st, 1);
				comment = xstrdup(db_col_text(st, 2));
				if (!defect_id)
					defect_id = sqlite3_column_int64(st, 3);
			}
		} else if (rc == SQLITE_DONE) {
			s = status_set(STATUS_NOT_FOUND, "no response with id %lld",
				       (long long)p->feedback_id);
		} else {
			s = db_error(db, rc);
		}
		sqlite3_finalize(st);
		if (s != STATUS_OK)
			goto out;
	}
	if ((s = db_prepare(db, "SELECT owner FROM accounts WHERE id = ?", &st)) != STATUS_OK)
		goto out;
	sqlite3_bind_int64(st, 1, account_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		owner = xstrdup(p->owner ? p->owner : db_col_text(st, 0));
	else
		s = rc == SQLITE_DONE ? status_set(STATUS_NOT_FOUND, "no account with id %lld",
						   (long long)account_id)
				      : db_error(db, rc);
	sqlite3_finalize(st);
	if (s != STATUS_OK)
		goto out;
	if (contact_id && (s = check_links(db, account_id, contact_id, 0)) != STATUS_OK)
		goto out;
	if (defect_id) {
		if ((s = db_prepare(db, "SELECT category, title FROM defects WHERE id = ?", &st)) !=
		    STATUS_OK)
			goto out;
		sqlite3_bind_int64(st, 1, defect_id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			if (category < 0)
				category = problem_category_from_name(db_col_text(st, 0));
			if (!title)
				title = xstrdup(db_col_text(st, 1));
		} else {
			s = rc == SQLITE_DONE
				    ? status_set(STATUS_NOT_FOUND, "no defect with id %lld",
						 (long long)defect_id)
				    : db_error(db, rc);
		}
		sqlite3_finalize(st);
		if (s != STATUS_OK)
			goto out;
	}
	if (!title && comment && *comment)
		title = xstrdup(comment);
	if (!title || !*title) {
		s = status_set(STATUS_BAD_INPUT, "the problem needs a title (give --title TEXT)");
		goto out;
	}
	if (category < 0)
		category = PCAT_SERVICE;
	if ((s = db_prepare(db,
			    "INSERT INTO problems(id, account_id, defect_id, feedback_id,"
			    " contact_id, title, category, status, owner, opened_on)"
			    " VALUES (?,?,?,?,?,?,?,'open',?,?)",
			    &st)) != STATUS_OK)
		goto out;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, account_id);
	db_bind_id(st, 3, defect_id);
	db_bind_id(st, 4, p->feedback_id);
	db_bind_id(st, 5, contact_id);
	db_bind_text(st, 6, title);
	db_bind_text(st, 7, problem_category_name((enum problem_category)category));
	db_bind_text(st, 8, owner);
	db_bind_text(st, 9, p->opened_on);
	s = run(db, st);
out:
	free(title);
	free(owner);
	free(comment);
	return finish(db, s);
}

enum status db_problem_move(struct db *db, int64_t id, const struct problem_move_req *m)
{
	sqlite3_stmt *st;
	enum status s;
	enum problem_move mv;
	struct problem_dates d;
	int from, rc;
	bool has_cause, has_report;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_prepare(db,
			    "SELECT status, root_cause <> '', reported_back <> '', opened_on"
			    " FROM problems WHERE id = ?",
			    &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return finish(db, rc == SQLITE_DONE
					  ? status_set(STATUS_NOT_FOUND, "no problem with id %lld",
						       (long long)id)
					  : db_error(db, rc));
	}
	from = problem_status_from_name(db_col_text(st, 0));
	has_cause = sqlite3_column_int(st, 1) || (m->root_cause && *m->root_cause);
	has_report = sqlite3_column_int(st, 2) || (m->reported && *m->reported);
	if (m->on && strcmp(m->on, db_col_text(st, 3)) < 0)
		s = status_set(STATUS_BAD_INPUT, "%s is before the problem was opened (%s)", m->on,
			       db_col_text(st, 3));
	sqlite3_finalize(st);
	if (s != STATUS_OK)
		return finish(db, s);
	mv = problem_move_check((enum problem_status)from, (enum problem_status)m->to, has_cause,
				has_report);
	if (mv != PMOVE_OK)
		return finish(db, status_set(STATUS_BAD_INPUT, "problem %lld: %s to %s: %s",
					     (long long)id,
					     problem_status_name((enum problem_status)from),
					     problem_status_name((enum problem_status)m->to),
					     problem_move_message(mv)));
	d = problem_move_dates((enum problem_status)from, (enum problem_status)m->to);
	if ((s = db_prepare(
		     db,
		     "UPDATE problems SET status = ?2,"
		     " resolved_on = CASE WHEN ?3 THEN ?6 WHEN ?4 THEN NULL ELSE resolved_on END,"
		     " reported_on = CASE WHEN ?5 THEN ?6 ELSE NULL END,"
		     " root_cause = coalesce(?7, root_cause),"
		     " reported_back = coalesce(?8, reported_back),"
		     " owner = coalesce(?9, owner) WHERE id = ?1",
		     &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, problem_status_name((enum problem_status)m->to));
	sqlite3_bind_int(st, 3, d.set_resolved);
	sqlite3_bind_int(st, 4, d.clear_resolved);
	sqlite3_bind_int(st, 5, d.set_reported);
	db_bind_text(st, 6, m->on);
	db_bind_text(st, 7, m->root_cause);
	db_bind_text(st, 8, m->reported);
	db_bind_text(st, 9, m->owner);
	return finish(db, run(db, st));
}

enum status db_problem_edit(struct db *db, int64_t id, const struct problem_edit *e)
{
	sqlite3_stmt *st;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_prepare(db,
			    "UPDATE problems SET title = coalesce(?2, title),"
			    " owner = coalesce(?3, owner), root_cause = coalesce(?4, root_cause),"
			    " category = coalesce(?5, category),"
			    " defect_id = CASE WHEN ?6 < 0 THEN defect_id WHEN ?6 = 0 THEN NULL"
			    "  ELSE ?6 END WHERE id = ?1",
			    &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, e->title);
	db_bind_text(st, 3, e->owner);
	db_bind_text(st, 4, e->root_cause);
	db_bind_text(st, 5,
		     e->category >= 0 ? problem_category_name((enum problem_category)e->category)
				      : NULL);
	sqlite3_bind_int64(st, 6, e->defect_id);
	s = run(db, st);
	if (s == STATUS_OK && sqlite3_changes(db->sql) == 0)
		s = status_set(STATUS_NOT_FOUND, "no problem with id %lld", (long long)id);
	return finish(db, s);
}

#define PROBLEM_SELECT                                                        \
	"SELECT p.id, p.account_id, p.title, p.category, p.status, p.owner,"  \
	" p.opened_on, p.resolved_on, p.reported_on, p.root_cause,"           \
	" p.reported_back, d.code, p.feedback_id, p.contact_id, p.defect_id," \
	" a.name, c.name, d.title"                                            \
	" FROM problems p JOIN accounts a ON a.id = p.account_id"             \
	" LEFT JOIN defects d ON d.id = p.defect_id"                          \
	" LEFT JOIN contacts c ON c.id = p.contact_id"

static void fill_info(sqlite3_stmt *st, struct problem_info *r)
{
	memset(r, 0, sizeof(*r));
	r->p.id = sqlite3_column_int64(st, 0);
	r->p.account_id = sqlite3_column_int64(st, 1);
	r->p.title = db_col_text(st, 2);
	r->p.category = db_col_text(st, 3);
	r->p.status = db_col_text(st, 4);
	r->p.owner = db_col_text(st, 5);
	r->p.opened_on = db_col_text(st, 6);
	r->p.resolved_on = db_col_opt(st, 7);
	r->p.reported_on = db_col_opt(st, 8);
	r->p.root_cause = db_col_text(st, 9);
	r->p.reported_back = db_col_text(st, 10);
	r->p.defect_code = db_col_opt(st, 11);
	r->feedback_id = sqlite3_column_int64(st, 12);
	r->contact_id = sqlite3_column_int64(st, 13);
	r->defect_id = sqlite3_column_int64(st, 14);
	r->account_name = db_col_text(st, 15);
	r->contact_name = db_col_opt(st, 16);
	r->defect_title = db_col_opt(st, 17);
}

enum status db_problem_list(struct db *db, const struct problem_filter *f, problem_info_cb cb,
			    void *ctx)
{
	sqlite3_stmt *st;
	struct problem_info r;
	enum status s;
	int rc;

	if ((s = db_prepare(db,
			    PROBLEM_SELECT
			    " WHERE (?1 = 0 OR p.account_id = ?1) AND (?2 = 0 OR p.defect_id = ?2)"
			    " AND (?3 IS NULL OR p.status = ?3)"
			    " AND (?4 = 0 OR p.status <> 'reported_back')"
			    " ORDER BY p.status = 'reported_back', p.opened_on DESC, a.name, p.id",
			    &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, f->account_id);
	sqlite3_bind_int64(st, 2, f->defect_id);
	db_bind_text(st, 3,
		     f->status >= 0 ? problem_status_name((enum problem_status)f->status) : NULL);
	sqlite3_bind_int(st, 4, f->open_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fill_info(st, &r);
		if (cb(&r, ctx))
			break;
	}
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status db_problem_get(struct db *db, int64_t id, problem_info_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	struct problem_info r;
	enum status s;
	int rc;

	if ((s = db_prepare(db, PROBLEM_SELECT " WHERE p.id = ?", &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		fill_info(st, &r);
		cb(&r, ctx);
		s = STATUS_OK;
	} else if (rc == SQLITE_DONE) {
		s = status_set(STATUS_NOT_FOUND, "no problem with id %lld", (long long)id);
	} else {
		s = db_error(db, rc);
	}
	sqlite3_finalize(st);
	return s;
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
	else if (s == STATUS_NOT_FOUND)
		s = db_insert_defect(db, code, title, cat, id);
	return finish(db, s);
}

enum status db_defect_edit(struct db *db, int64_t id, const char *title, int category)
{
	sqlite3_stmt *st;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_prepare(db,
			    "UPDATE defects SET title = coalesce(?2, title),"
			    " category = coalesce(?3, category) WHERE id = ?1",
			    &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3,
		     category >= 0 ? problem_category_name((enum problem_category)category) : NULL);
	s = run(db, st);
	if (s == STATUS_OK && sqlite3_changes(db->sql) == 0)
		s = status_set(STATUS_NOT_FOUND, "no defect with id %lld", (long long)id);
	return finish(db, s);
}

enum status db_feedback_tag(struct db *db, int64_t feedback_id, int64_t defect_id, bool untag)
{
	sqlite3_stmt *st;
	enum status s;
	int64_t account_id;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_of(db, "feedback", "response", feedback_id, &account_id)) != STATUS_OK)
		return finish(db, s);
	if ((s = db_prepare(
		     db,
		     untag ? "DELETE FROM feedback_defects WHERE feedback_id = ? AND defect_id = ?"
			   : "INSERT OR IGNORE INTO feedback_defects(feedback_id, defect_id)"
			     " VALUES (?, ?)",
		     &st)) != STATUS_OK)
		return finish(db, s);
	sqlite3_bind_int64(st, 1, feedback_id);
	sqlite3_bind_int64(st, 2, defect_id);
	return finish(db, run(db, st));
}

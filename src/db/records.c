/* Writing rows, and reading an account's feedback, contacts, problems,
 * notes and plan. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/views.h"
#include "acctplan/xalloc.h"

static enum status step_done(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
}

enum status db_insert_account(struct db *db, const struct account_rec *r, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(
		db, STMT_INSERT_ACCOUNT,
		"INSERT INTO accounts(id, name, owner, segment, fit, status, revenue, wallet,"
		" external_ref, won_on, lost_reason, lost_to, winback_plan, hold_manual,"
		" hold_reason, hold_on, created_at, updated_at)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
		" coalesce(?17, datetime('now')), coalesce(?17, datetime('now')))");

	if (!st)
		return STATUS_DB;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	db_bind_text(st, 2, r->name);
	db_bind_text(st, 3, r->owner ? r->owner : "");
	db_bind_text(st, 4, r->segment ? r->segment : "");
	db_bind_text(st, 5, fit_name(r->fit));
	db_bind_text(st, 6, acct_status_name(r->status));
	sqlite3_bind_int64(st, 7, r->revenue);
	if (r->has_wallet)
		sqlite3_bind_int64(st, 8, r->wallet);
	db_bind_text(st, 9, r->external_ref);
	db_bind_text(st, 10, r->won_on);
	db_bind_text(st, 11, r->lost_reason);
	db_bind_text(st, 12, r->lost_to);
	db_bind_text(st, 13, r->winback_plan);
	db_bind_text(st, 14, r->hold_manual);
	db_bind_text(st, 15, r->hold_reason);
	db_bind_text(st, 16, r->hold_on);
	db_bind_text(st, 17, r->created_at);
	return step_done(db, st);
}

enum status db_insert_contact(struct db *db, const struct contact_rec *r, int64_t *id)
{
	sqlite3_stmt *st =
		db_stmt(db, STMT_INSERT_CONTACT,
			"INSERT INTO contacts(id, account_id, name, title, role, email, phone)"
			" VALUES (?,?,?,?,?,?,?)");

	if (!st)
		return STATUS_DB;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, r->account_id);
	db_bind_text(st, 3, r->name);
	db_bind_text(st, 4, r->title ? r->title : "");
	db_bind_text(st, 5, role_name(r->role < ROLE_COUNT ? r->role : ROLE_OTHER));
	db_bind_text(st, 6, r->email);
	db_bind_text(st, 7, r->phone);
	return step_done(db, st);
}

enum status db_insert_feedback(struct db *db, const struct feedback_rec *r, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(
		db, STMT_INSERT_FEEDBACK,
		"INSERT INTO feedback(id, account_id, contact_id, responded_on, score, comment, source)"
		" VALUES (?,?,?,?,?,?,?)");

	if (!st)
		return STATUS_DB;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, r->account_id);
	db_bind_id(st, 3, r->contact_id);
	db_bind_text(st, 4, r->responded_on);
	sqlite3_bind_int(st, 5, r->score);
	db_bind_text(st, 6, r->comment ? r->comment : "");
	db_bind_text(st, 7, r->source ? r->source : "");
	return step_done(db, st);
}

enum status db_insert_defect(struct db *db, const char *code, const char *title,
			     enum problem_category cat, int64_t *id)
{
	sqlite3_stmt *st =
		db_stmt(db, STMT_INSERT_DEFECT,
			"INSERT INTO defects(id, code, title, category) VALUES (?,?,?,?)");

	if (!st)
		return STATUS_DB;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, title);
	db_bind_text(st, 4, problem_category_name(cat));
	return step_done(db, st);
}

enum status db_tag_feedback(struct db *db, int64_t feedback_id, int64_t defect_id)
{
	sqlite3_stmt *st = db_stmt(
		db, STMT_TAG_FEEDBACK,
		"INSERT OR IGNORE INTO feedback_defects(feedback_id, defect_id) VALUES (?,?)");

	if (!st)
		return STATUS_DB;
	sqlite3_bind_int64(st, 1, feedback_id);
	sqlite3_bind_int64(st, 2, defect_id);
	return step_done(db, st);
}

enum status db_insert_problem(struct db *db, const struct problem_rec *r, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(
		db, STMT_INSERT_PROBLEM,
		"INSERT INTO problems(id, account_id, defect_id, feedback_id, title, category,"
		" status, owner, opened_on, resolved_on, reported_on, root_cause, reported_back)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");

	if (!st)
		return STATUS_DB;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, r->account_id);
	db_bind_id(st, 3, r->defect_id);
	db_bind_id(st, 4, r->feedback_id);
	db_bind_text(st, 5, r->title);
	db_bind_text(st, 6, problem_category_name(r->category));
	db_bind_text(st, 7, problem_status_name(r->status));
	db_bind_text(st, 8, r->owner ? r->owner : "");
	db_bind_text(st, 9, r->opened_on);
	db_bind_text(st, 10, r->resolved_on);
	db_bind_text(st, 11, r->reported_on);
	db_bind_text(st, 12, r->root_cause ? r->root_cause : "");
	db_bind_text(st, 13, r->reported_back ? r->reported_back : "");
	return step_done(db, st);
}

enum status db_insert_note(struct db *db, const struct note_rec *r, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(
		db, STMT_INSERT_NOTE,
		"INSERT INTO notes(id, account_id, contact_id, feedback_id, kind, body, good_time,"
		" reason, next_contact_on, created_at)"
		" VALUES (?,?,?,?,?,?,?,?,?, coalesce(?10, datetime('now')))");

	if (!st)
		return STATUS_DB;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, r->account_id);
	db_bind_id(st, 3, r->contact_id);
	db_bind_id(st, 4, r->feedback_id);
	db_bind_text(st, 5, note_kind_name(r->kind));
	db_bind_text(st, 6, r->body ? r->body : "");
	db_bind_text(st, 7,
		     r->good_time >= 0 ? good_time_name((enum good_time)r->good_time) : NULL);
	db_bind_text(st, 8, r->reason >= 0 ? reason_name((enum reason)r->reason) : NULL);
	db_bind_text(st, 9, r->next_contact_on);
	db_bind_text(st, 10, r->created_at);
	return step_done(db, st);
}

enum status db_insert_condition(struct db *db, int64_t account_id, const char *text,
				const char *met_on, int64_t *id)
{
	sqlite3_stmt *st =
		db_stmt(db, STMT_INSERT_CONDITION,
			"INSERT INTO conditions(id, account_id, text, met_on) VALUES (?,?,?,?)");

	if (!st)
		return STATUS_DB;
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, account_id);
	db_bind_text(st, 3, text);
	db_bind_text(st, 4, met_on);
	return step_done(db, st);
}

enum status db_defect_find(struct db *db, const char *code, int64_t *id)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((s = db_prepare(db, "SELECT id FROM defects WHERE code = ?", &st)) != STATUS_OK)
		return s;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		s = STATUS_OK;
	} else if (rc == SQLITE_DONE) {
		s = status_set(STATUS_NOT_FOUND, "no defect with code \"%.40s\"", code);
	} else {
		s = db_error(db, rc);
	}
	sqlite3_finalize(st);
	return s;
}

/* ---- per-account lists ------------------------------------------------ */

/* Runs sql with ?1 bound to the account id and hands each row to fill+cb. */
#define WALK(db, sql, account_id, row_type, fill, cb, ctx)                                    \
	do {                                                                                  \
		sqlite3_stmt *st_;                                                            \
		enum status s_;                                                               \
		int rc_;                                                                      \
		row_type row_;                                                                \
		if ((s_ = db_prepare(db, sql, &st_)) != STATUS_OK)                            \
			return s_;                                                            \
		sqlite3_bind_int64(st_, 1, account_id);                                       \
		while ((rc_ = sqlite3_step(st_)) == SQLITE_ROW) {                             \
			memset(&row_, 0, sizeof(row_));                                       \
			fill(st_, &row_);                                                     \
			if (cb(&row_, ctx))                                                   \
				break;                                                        \
		}                                                                             \
		s_ = rc_ == SQLITE_ROW || rc_ == SQLITE_DONE ? STATUS_OK : db_error(db, rc_); \
		sqlite3_finalize(st_);                                                        \
		return s_;                                                                    \
	} while (0)

static void fill_feedback(sqlite3_stmt *st, struct feedback_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->contact_id = sqlite3_column_int64(st, 2);
	r->responded_on = db_col_text(st, 3);
	r->score = sqlite3_column_int(st, 4);
	r->comment = db_col_text(st, 5);
	r->source = db_col_text(st, 6);
	r->contact_name = db_col_text(st, 7);
	r->role = sqlite3_column_type(st, 8) == SQLITE_NULL ? "anonymous" : db_col_text(st, 8);
	r->defects = db_col_text(st, 9);
	if (!date_parse(r->responded_on, &r->followup.responded))
		r->followup.responded = -1;
	r->followup.score = r->score;
	r->followup.linked = sqlite3_column_int(st, 10) != 0;
	r->followup.buyer_noted = sqlite3_column_int(st, 11) != 0;
}

static enum status feedback_walk(struct db *db, const char *sql, int64_t account_id, feedback_cb cb,
				 void *ctx)
{
	WALK(db, sql, account_id, struct feedback_row, fill_feedback, cb, ctx);
}

char *db_followup_cols(const char *f)
{
	struct strbuf kinds;
	char *sql;
	int k;

	strbuf_init(&kinds);
	for (k = 0; k < NOTE_KIND_COUNT; k++)
		if (followup_closing_kind((enum note_kind)k))
			strbuf_addf(&kinds, "%s'%s'", kinds.len ? "," : "",
				    note_kind_name((enum note_kind)k));
	sql = xasprintf("EXISTS (SELECT 1 FROM notes n WHERE n.feedback_id = %s.id)"
			" OR EXISTS (SELECT 1 FROM problems p WHERE p.feedback_id = %s.id),"
			" %s.contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM notes n"
			"  WHERE n.contact_id = %s.contact_id AND n.kind IN (%s)"
			"  AND n.created_at >= %s.responded_on)",
			f, f, f, f, kinds.buf, f);
	strbuf_done(&kinds);
	return sql;
}

enum status db_feedback(struct db *db, int64_t account_id, feedback_cb cb, void *ctx)
{
	char *facts = db_followup_cols("f");
	char *sql = xasprintf(
		"SELECT f.id, f.account_id, f.contact_id, f.responded_on, f.score, f.comment,"
		" f.source, c.name, c.role,"
		" (SELECT group_concat(code, ',') FROM (SELECT d.code FROM feedback_defects fd"
		"   JOIN defects d ON d.id = fd.defect_id WHERE fd.feedback_id = f.id ORDER BY d.code)),"
		" %s"
		" FROM feedback f LEFT JOIN contacts c ON c.id = f.contact_id"
		" WHERE f.account_id = ?1 ORDER BY f.responded_on DESC, f.id DESC",
		facts);
	enum status s = feedback_walk(db, sql, account_id, cb, ctx);

	free(facts);
	free(sql);
	return s;
}

static void fill_contact(sqlite3_stmt *st, struct contact_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->name = db_col_text(st, 2);
	r->title = db_col_text(st, 3);
	r->role = db_col_text(st, 4);
	r->email = db_col_text(st, 5);
	r->phone = db_col_text(st, 6);
	r->has_score = sqlite3_column_type(st, 7) != SQLITE_NULL;
	r->latest_score = sqlite3_column_int(st, 7);
	r->latest_on = db_col_opt(st, 8);
}

enum status db_contacts(struct db *db, int64_t account_id, contact_cb cb, void *ctx)
{
	WALK(db,
	     "SELECT c.id, c.account_id, c.name, c.title, c.role, c.email, c.phone,"
	     " f.score, f.responded_on"
	     " FROM contacts c LEFT JOIN feedback f ON f.id = (SELECT f2.id FROM feedback f2"
	     "   WHERE f2.contact_id = c.id ORDER BY f2.responded_on DESC, f2.id DESC LIMIT 1)"
	     " WHERE c.account_id = ?1 ORDER BY c.name COLLATE NOCASE, c.id",
	     account_id, struct contact_row, fill_contact, cb, ctx);
}

static void fill_problem(sqlite3_stmt *st, struct problem_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->title = db_col_text(st, 2);
	r->category = db_col_text(st, 3);
	r->status = db_col_text(st, 4);
	r->owner = db_col_text(st, 5);
	r->opened_on = db_col_text(st, 6);
	r->resolved_on = db_col_opt(st, 7);
	r->reported_on = db_col_opt(st, 8);
	r->root_cause = db_col_text(st, 9);
	r->reported_back = db_col_text(st, 10);
	r->defect_code = db_col_opt(st, 11);
}

enum status db_problems(struct db *db, int64_t account_id, problem_cb cb, void *ctx)
{
	WALK(db,
	     "SELECT p.id, p.account_id, p.title, p.category, p.status, p.owner, p.opened_on,"
	     " p.resolved_on, p.reported_on, p.root_cause, p.reported_back, d.code"
	     " FROM problems p LEFT JOIN defects d ON d.id = p.defect_id"
	     " WHERE p.account_id = ?1"
	     " ORDER BY p.status = 'reported_back', p.opened_on DESC, p.id",
	     account_id, struct problem_row, fill_problem, cb, ctx);
}

static void fill_note(sqlite3_stmt *st, struct note_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->contact_id = sqlite3_column_int64(st, 2);
	r->kind = db_col_text(st, 3);
	r->body = db_col_text(st, 4);
	r->good_time = db_col_opt(st, 5);
	r->reason = db_col_opt(st, 6);
	r->next_contact_on = db_col_opt(st, 7);
	r->created_at = db_col_text(st, 8);
	r->contact_name = db_col_opt(st, 9);
}

enum status db_notes(struct db *db, int64_t account_id, note_cb cb, void *ctx)
{
	WALK(db,
	     "SELECT n.id, n.account_id, n.contact_id, n.kind, n.body, n.good_time, n.reason,"
	     " n.next_contact_on, n.created_at, c.name"
	     " FROM notes n LEFT JOIN contacts c ON c.id = n.contact_id"
	     " WHERE n.account_id = ?1 ORDER BY n.created_at DESC, n.id DESC",
	     account_id, struct note_row, fill_note, cb, ctx);
}

static void fill_condition(sqlite3_stmt *st, struct condition_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->text = db_col_text(st, 2);
	r->met_on = db_col_opt(st, 3);
	r->created_at = db_col_text(st, 4);
}

enum status db_conditions(struct db *db, int64_t account_id, condition_cb cb, void *ctx)
{
	WALK(db,
	     "SELECT id, account_id, text, met_on, created_at FROM conditions"
	     " WHERE account_id = ?1 ORDER BY met_on IS NOT NULL, created_at, id",
	     account_id, struct condition_row, fill_condition, cb, ctx);
}

enum status db_nps_trend(struct db *db, int64_t account_id, const struct rules *rules, int today,
			 int n, double *nps, bool *known)
{
	/* one account of the accounts table's batch */
	return views_trend(db, &account_id, 1, rules, today, n, nps, known);
}

/* Writing rows, and reading an account's feedback, contacts, problems,
 * notes and plan. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/lists.h"
#include "acctplan/xalloc.h"

enum status db_insert_account(struct db *db, const struct account_rec *r, int64_t *id)
{
	*id = db_new_id(db);
	return db_run_cached(
		db, STMT_INSERT_ACCOUNT,
		"INSERT INTO accounts(id, name, owner, segment, fit, status, revenue, wallet,"
		" external_ref, won_on, lost_reason, lost_to, winback_plan, hold_manual,"
		" hold_reason, hold_on, created_at, updated_at, lost_on)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
		" coalesce(?17, acctplan_now()), coalesce(?17, acctplan_now()), ?18)",
		DB_ARGS(DB_INT(*id), DB_TEXT(r->name), DB_TEXT(r->owner ? r->owner : ""),
			DB_TEXT(r->segment ? r->segment : ""), DB_TEXT(fit_name(r->fit)),
			DB_TEXT(acct_status_name(r->status)), DB_INT(r->revenue),
			r->has_wallet ? DB_INT(r->wallet) : DB_NULL, DB_TEXT(r->external_ref),
			DB_TEXT(r->won_on), DB_TEXT(r->lost_reason), DB_TEXT(r->lost_to),
			DB_TEXT(r->winback_plan), DB_TEXT(r->hold_manual), DB_TEXT(r->hold_reason),
			DB_TEXT(r->hold_on), DB_TEXT(r->created_at), DB_TEXT(r->lost_on)));
}

enum status db_insert_contact(struct db *db, const struct contact_rec *r, int64_t *id)
{
	*id = db_new_id(db);
	return db_run_cached(
		db, STMT_INSERT_CONTACT,
		"INSERT INTO contacts(id, account_id, name, title, role, email, phone, updated_at)"
		" VALUES (?,?,?,?,?,?,?, acctplan_now())",
		DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_TEXT(r->name),
			DB_TEXT(r->title ? r->title : ""),
			DB_TEXT(role_name(r->role < ROLE_COUNT ? r->role : ROLE_OTHER)),
			DB_TEXT(r->email), DB_TEXT(r->phone)));
}

enum status db_insert_feedback(struct db *db, const struct feedback_rec *r, int64_t *id)
{
	*id = db_new_id(db);
	return db_run_cached(
		db, STMT_INSERT_FEEDBACK,
		"INSERT INTO feedback(id, account_id, contact_id, responded_on, score, comment, source,"
		" updated_at) VALUES (?,?,?,?,?,?,?, acctplan_now())",
		DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_ID(r->contact_id),
			DB_TEXT(r->responded_on), DB_INT(r->score),
			DB_TEXT(r->comment ? r->comment : ""),
			DB_TEXT(r->source ? r->source : "")));
}

enum status db_insert_defect(struct db *db, const char *code, const char *title,
			     enum problem_category cat, int64_t *id)
{
	*id = db_new_id(db);
	return db_run_cached(db, STMT_INSERT_DEFECT,
			     "INSERT INTO defects(id, code, title, category, updated_at)"
			     " VALUES (?,?,?,?, acctplan_now())",
			     DB_ARGS(DB_INT(*id), DB_TEXT(code), DB_TEXT(title),
				     DB_TEXT(problem_category_name(cat))));
}

enum status db_insert_feedback_defect(struct db *db, int64_t feedback_id, int64_t defect_id)
{
	return db_run_cached(
		db, STMT_TAG_FEEDBACK,
		"INSERT OR IGNORE INTO feedback_defects(feedback_id, defect_id) VALUES (?,?)",
		DB_ARGS(DB_INT(feedback_id), DB_INT(defect_id)));
}

enum status db_insert_problem(struct db *db, const struct problem_rec *r, int64_t *id)
{
	*id = db_new_id(db);
	return db_run_cached(
		db, STMT_INSERT_PROBLEM,
		"INSERT INTO problems(id, account_id, defect_id, feedback_id, title, category,"
		" status, owner, opened_on, resolved_on, reported_on, root_cause, reported_back,"
		" updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?, acctplan_now())",
		DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_ID(r->defect_id),
			DB_ID(r->feedback_id), DB_TEXT(r->title),
			DB_TEXT(problem_category_name(r->category)),
			DB_TEXT(problem_status_name(r->status)), DB_TEXT(r->owner ? r->owner : ""),
			DB_TEXT(r->opened_on), DB_TEXT(r->resolved_on), DB_TEXT(r->reported_on),
			DB_TEXT(r->root_cause ? r->root_cause : ""),
			DB_TEXT(r->reported_back ? r->reported_back : "")));
}

enum status db_insert_note(struct db *db, const struct note_rec *r, int64_t *id)
{
	*id = db_new_id(db);
	return db_run_cached(
		db, STMT_INSERT_NOTE,
		"INSERT INTO notes(id, account_id, contact_id, feedback_id, kind, body, good_time,"
		" reason, next_contact_on, created_at, updated_at)"
		" VALUES (?,?,?,?,?,?,?,?,?, coalesce(?10, acctplan_now()),"
		" coalesce(?10, acctplan_now()))",
		DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_ID(r->contact_id),
			DB_ID(r->feedback_id), DB_TEXT(note_kind_name(r->kind)),
			DB_TEXT(r->body ? r->body : ""),
			DB_TEXT(r->good_time >= 0 ? good_time_name((enum good_time)r->good_time)
						  : NULL),
			DB_TEXT(r->reason >= 0 ? reason_name((enum reason)r->reason) : NULL),
			DB_TEXT(r->next_contact_on), DB_TEXT(r->created_at)));
}

enum status db_insert_condition(struct db *db, int64_t account_id, const char *text,
				const char *met_on, int64_t *id)
{
	*id = db_new_id(db);
	return db_run_cached(
		db, STMT_INSERT_CONDITION,
		"INSERT INTO conditions(id, account_id, text, met_on, created_at, updated_at)"
		" VALUES (?,?,?,?, acctplan_now(), acctplan_now())",
		DB_ARGS(DB_INT(*id), DB_INT(account_id), DB_TEXT(text), DB_TEXT(met_on)));
}

enum status db_defect_find(struct db *db, const char *code, int64_t *id)
{
	enum status s =
		db_int(db, "SELECT id FROM defects WHERE code = ?", DB_ARGS(DB_TEXT(code)), id);

	if (s == STATUS_NOT_FOUND)
		s = status_set(s, "no defect with code \"%.40s\"", code);
	return s;
}

/* ---- per-account lists ------------------------------------------------ */

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

char *db_closing_kinds(void)
{
	struct strbuf kinds;
	char *list;
	int k;

	strbuf_init(&kinds);
	for (k = 0; k < NOTE_KIND_COUNT; k++)
		if (followup_closing_kind((enum note_kind)k))
			strbuf_addf(&kinds, "%s'%s'", kinds.len ? "," : "",
				    note_kind_name((enum note_kind)k));
	list = strbuf_detach(&kinds);
	strbuf_done(&kinds);
	return list;
}

/* The two columns of db_followup_cols() for the response whose id, account
 * id, responded_on and contact id are the SQL expressions given. */
static char *followup_facts(const char *id, const char *account, const char *responded,
			    const char *contact)
{
	char *kinds = db_closing_kinds(), *sql;

	/* a buyer's notes are on the buyer's account: notes_account(account_id,
	 * created_at) finds them without a scan of every note */
	sql = xasprintf("EXISTS (SELECT 1 FROM notes n WHERE n.feedback_id = %s)"
			" OR EXISTS (SELECT 1 FROM problems p WHERE p.feedback_id = %s),"
			" %s IS NOT NULL AND EXISTS (SELECT 1 FROM notes n"
			"  WHERE n.account_id = %s AND n.created_at >= %s"
			"  AND n.contact_id = %s AND n.kind IN (%s))",
			id, id, contact, account, responded, contact, kinds);
	free(kinds);
	return sql;
}

char *db_followup_cols(const char *f)
{
	char *id = xasprintf("%s.id", f), *account = xasprintf("%s.account_id", f);
	char *responded = xasprintf("%s.responded_on", f), *contact = xasprintf("%s.contact_id", f);
	char *sql = followup_facts(id, account, responded, contact);

	free(id);
	free(account);
	free(responded);
	free(contact);
	return sql;
}

DB_ROW_WALKER(feedback, struct feedback_row, feedback_cb, fill_feedback)

enum status db_feedback(struct db *db, int64_t account_id, feedback_cb cb, void *ctx)
{
	struct feedback_walk w = {cb, ctx};
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
	enum status s = db_rows(db, sql, DB_ARGS(DB_INT(account_id)), feedback_each, &w);

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

DB_ROW_WALKER(contact, struct contact_row, contact_cb, fill_contact)

enum status db_contacts(struct db *db, int64_t account_id, contact_cb cb, void *ctx)
{
	struct contact_walk w = {cb, ctx};

	return db_rows(
		db,
		"SELECT c.id, c.account_id, c.name, c.title, c.role, c.email, c.phone,"
		" f.score, f.responded_on"
		" FROM contacts c LEFT JOIN feedback f ON f.id = (SELECT f2.id FROM feedback f2"
		"   WHERE f2.contact_id = c.id ORDER BY f2.responded_on DESC, f2.id DESC LIMIT 1)"
		" WHERE c.account_id = ?1 ORDER BY c.name COLLATE NOCASE, c.id",
		DB_ARGS(DB_INT(account_id)), contact_each, &w);
}

void db_fill_problem(sqlite3_stmt *st, struct problem_row *r)
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

DB_ROW_WALKER(problem, struct problem_row, problem_cb, db_fill_problem)

enum status db_problems(struct db *db, int64_t account_id, problem_cb cb, void *ctx)
{
	struct problem_walk w = {cb, ctx};

	return db_rows(db,
		       "SELECT " PROBLEM_COLUMNS
		       " FROM problems p LEFT JOIN defects d ON d.id = p.defect_id"
		       " WHERE p.account_id = ?1"
		       " ORDER BY p.status = 'reported_back', p.opened_on DESC, p.id",
		       DB_ARGS(DB_INT(account_id)), problem_each, &w);
}

void db_fill_note(sqlite3_stmt *st, struct note_row *r)
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

DB_ROW_WALKER(note, struct note_row, note_cb, db_fill_note)

enum status db_notes(struct db *db, int64_t account_id, note_cb cb, void *ctx)
{
	struct note_walk w = {cb, ctx};

	return db_rows(db,
		       NOTE_SELECT " WHERE n.account_id = ?1 ORDER BY n.created_at DESC, n.id DESC",
		       DB_ARGS(DB_INT(account_id)), note_each, &w);
}

static void fill_condition(sqlite3_stmt *st, struct condition_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->text = db_col_text(st, 2);
	r->met_on = db_col_opt(st, 3);
	r->created_at = db_col_text(st, 4);
}

DB_ROW_WALKER(condition, struct condition_row, condition_cb, fill_condition)

enum status db_conditions(struct db *db, int64_t account_id, condition_cb cb, void *ctx)
{
	struct condition_walk w = {cb, ctx};

	return db_rows(db,
		       "SELECT id, account_id, text, met_on, created_at FROM conditions"
		       " WHERE account_id = ?1 ORDER BY met_on IS NOT NULL, created_at, id",
		       DB_ARGS(DB_INT(account_id)), condition_each, &w);
}

enum status db_nps_trend(struct db *db, int64_t account_id, const struct rules *rules, int today,
			 int n, double *nps, bool *known)
{
	/* one account of the accounts table's batch */
	return db_nps_trends(db, &account_id, 1, rules, today, n, nps, known);
}

/*
 * Reading every core table for export (transfer.h): one query per kind,
 * its columns named as the importer's fields, its rows streamed in id
 * order.
 */
#include <string.h>

#include "db_internal.h"
#include "acctplan/transfer.h"

#define MAX_COLS 24

struct kind_export {
	const struct db_export_col *cols;
	size_t ncsv;        /* the first ncsv columns are the csv's */
	size_t nbook;       /* all of them are the book's */
	const char *select; /* the columns, in order */
	const char *from;   /* FROM ... (ORDER BY id follows) */
};

static const struct db_export_col account_cols[] = {
	{"id", DBX_ID},
	{"external_ref", DBX_TEXT},
	{"name", DBX_TEXT},
	{"owner", DBX_TEXT},
	{"segment", DBX_TEXT},
	{"fit", DBX_TEXT},
	{"status", DBX_TEXT},
	{"revenue", DBX_INT},
	{"wallet", DBX_INT},
	/* the book's alone: when it was made, and our own columns */
	{"created_at", DBX_TEXT},
	{"updated_at", DBX_TEXT},
	{"hold_manual", DBX_TEXT},
	{"hold_reason", DBX_TEXT},
	{"hold_on", DBX_TEXT},
	{"hold_quadrant", DBX_TEXT},
	{"won_on", DBX_TEXT},
	{"lost_reason", DBX_TEXT},
	{"lost_to", DBX_TEXT},
	{"winback_plan", DBX_TEXT},
	{"lost_on", DBX_TEXT},
	{"winback_dropped_on", DBX_TEXT},
};
static const struct db_export_col contact_cols[] = {
	{"id", DBX_ID},      {"external_ref", DBX_TEXT}, {"account", DBX_ID},
	{"name", DBX_TEXT},  {"title", DBX_TEXT},        {"role", DBX_TEXT},
	{"email", DBX_TEXT}, {"phone", DBX_TEXT},        {"updated_at", DBX_TEXT},
};
static const struct db_export_col response_cols[] = {
	{"id", DBX_ID},           {"external_ref", DBX_TEXT}, {"account", DBX_ID},
	{"contact", DBX_ID},      {"responded_on", DBX_TEXT}, {"score", DBX_INT},
	{"comment", DBX_TEXT},    {"source", DBX_TEXT},       {"defects", DBX_LIST},
	{"updated_at", DBX_TEXT},
};
static const struct db_export_col defect_cols[] = {
	{"id", DBX_ID},         {"code", DBX_TEXT},       {"title", DBX_TEXT},
	{"category", DBX_TEXT}, {"updated_at", DBX_TEXT},
};
static const struct db_export_col problem_cols[] = {
	{"id", DBX_ID},           {"account", DBX_ID},         {"defect", DBX_TEXT},
	{"response", DBX_ID},     {"contact", DBX_ID},         {"title", DBX_TEXT},
	{"category", DBX_TEXT},   {"status", DBX_TEXT},        {"owner", DBX_TEXT},
	{"opened_on", DBX_TEXT},  {"resolved_on", DBX_TEXT},   {"reported_on", DBX_TEXT},
	{"root_cause", DBX_TEXT}, {"reported_back", DBX_TEXT}, {"updated_at", DBX_TEXT},
};
static const struct db_export_col note_cols[] = {
	{"id", DBX_ID},           {"account", DBX_ID},      {"contact", DBX_ID},
	{"response", DBX_ID},     {"kind", DBX_TEXT},       {"body", DBX_TEXT},
	{"good_time", DBX_TEXT},  {"reason", DBX_TEXT},     {"next_contact_on", DBX_TEXT},
	{"created_at", DBX_TEXT}, {"updated_at", DBX_TEXT},
};
static const struct db_export_col condition_cols[] = {
	{"id", DBX_ID},       {"account", DBX_ID},      {"text", DBX_TEXT},
	{"met_on", DBX_TEXT}, {"created_at", DBX_TEXT}, {"updated_at", DBX_TEXT},
};

static const struct db_export_col referral_cols[] = {
	{"id", DBX_ID},           {"account", DBX_ID},       {"contact", DBX_ID},
	{"asked_on", DBX_TEXT},   {"referred_to", DBX_TEXT}, {"outcome", DBX_TEXT},
	{"outcome_on", DBX_TEXT}, {"created_at", DBX_TEXT},  {"updated_at", DBX_TEXT},
};
/* the CRM's plays as stored (export plays is the gated list of them all,
 * cmd_plays.c) */
static const struct db_export_col play_cols[] = {
	{"id", DBX_ID},           {"account", DBX_ID},      {"source", DBX_TEXT},
	{"play", DBX_TEXT},       {"due", DBX_TEXT},        {"external_ref", DBX_TEXT},
	{"created_at", DBX_TEXT}, {"updated_at", DBX_TEXT},
};

#define N(a) (sizeof(a) / sizeof(*(a)))

static const struct kind_export kinds[IMPORT_KIND_COUNT] = {
	[IMPORT_ACCOUNTS] = {account_cols, 9, N(account_cols),
			     "id, external_ref, name, owner, segment, fit, status, revenue, wallet,"
			     " created_at, updated_at, hold_manual, hold_reason, hold_on,"
			     " hold_quadrant, won_on, lost_reason, lost_to, winback_plan, lost_on,"
			     " winback_dropped_on",
			     "FROM accounts"},
	[IMPORT_CONTACTS] =
		{contact_cols, N(contact_cols) - 1, N(contact_cols),
		 "id, external_ref, account_id, name, title, role, email, phone, updated_at",
		 "FROM contacts"},
	[IMPORT_RESPONSES] =
		{response_cols, N(response_cols) - 1, N(response_cols),
		 "f.id, f.external_ref, f.account_id, f.contact_id, f.responded_on,"
		 " f.score, f.comment, f.source, coalesce((SELECT group_concat(code, ',')"
		 " FROM (SELECT d.code FROM feedback_defects fd JOIN defects d"
		 " ON d.id = fd.defect_id WHERE fd.feedback_id = f.id ORDER BY d.code)),"
		 " ''), f.updated_at",
		 "FROM feedback f"},
	[IMPORT_DEFECTS] = {defect_cols, N(defect_cols), N(defect_cols),
			    "id, code, title, category, updated_at", "FROM defects"},
	[IMPORT_PROBLEMS] = {problem_cols, N(problem_cols), N(problem_cols),
			     "p.id, p.account_id, d.code, p.feedback_id, p.contact_id, p.title,"
			     " p.category, p.status, p.owner, p.opened_on, p.resolved_on,"
			     " p.reported_on, p.root_cause, p.reported_back, p.updated_at",
			     "FROM problems p LEFT JOIN defects d ON d.id = p.defect_id"},
	[IMPORT_NOTES] = {note_cols, N(note_cols), N(note_cols),
			  "id, account_id, contact_id, feedback_id, kind, body, good_time, reason,"
			  " next_contact_on, created_at, updated_at",
			  "FROM notes"},
	[IMPORT_CONDITIONS] = {condition_cols, N(condition_cols), N(condition_cols),
			       "id, account_id, text, met_on, created_at, updated_at",
			       "FROM conditions"},
	[IMPORT_REFERRALS] = {referral_cols, N(referral_cols), N(referral_cols),
			      "id, account_id, contact_id, asked_on, referred_to, outcome,"
			      " outcome_on, created_at, updated_at",
			      "FROM referrals"},
	[IMPORT_PLAYS] = {play_cols, N(play_cols), N(play_cols),
			  "id, account_id, source, play, due, external_ref, created_at, updated_at",
			  "FROM plays"},
};

const struct db_export_col *db_export_columns(enum import_kind k, bool book, size_t *n)
{
	if ((unsigned)k >= IMPORT_KIND_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = book ? kinds[k].nbook : kinds[k].ncsv;
	return kinds[k].cols;
}

enum status db_export(struct db *db, enum import_kind k, bool book, db_export_cb cb, void *ctx)
{
	const struct kind_export *e;
	const char *text[MAX_COLS];
	int64_t num[MAX_COLS];
	bool null[MAX_COLS];
	struct db_export_row row = {text, num, null, 0};
	sqlite3_stmt *st;
	enum status s;
	size_t i;
	int rc;
	char *sql;

	if ((unsigned)k >= IMPORT_KIND_COUNT)
		return status_set(STATUS_BAD_INPUT, "no such kind of record");
	e = &kinds[k];
	row.n = book ? e->nbook : e->ncsv;
	/* the first table's id is the order: the rows as stored, no sort */
	sql = sqlite3_mprintf("SELECT %s %s ORDER BY 1", e->select, e->from);
	s = db_prepare(db, sql, &st);
	sqlite3_free(sql);
	if (s != STATUS_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < row.n; i++) {
			null[i] = sqlite3_column_type(st, (int)i) == SQLITE_NULL;
			num[i] = sqlite3_column_int64(st, (int)i);
			text[i] = db_col_opt(st, (int)i);
		}
		if (cb(&row, ctx))
			break;
	}
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status db_export_begin(struct db *db)
{
	return db_exec(db, "BEGIN");
}

void db_export_done(struct db *db)
{
	db_rollback(db);
}

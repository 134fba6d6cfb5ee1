/*
 * The counts behind the defect ranking (defect_rank.h) and the follow-up
 * queue of a defect. The window is the advocacy window: window_days days up
 * to and including today, as the account cache uses.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/plan.h"
#include "acctplan/xalloc.h"

static void window(const struct rules *rules, int today, char first[DATE_LEN],
		   char last[DATE_LEN])
{
	date_format(today - rules->window_days + 1, first);
	date_format(today, last);
}

enum status db_defect_report(struct db *db, const struct rules *rules, int today,
			     struct defect_report *out)
{
	char first[DATE_LEN], last[DATE_LEN];
	sqlite3_stmt *st;
	enum status s;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	window(rules, today, first, last);
	if ((s = db_prepare(db, "SELECT count(*), total(score) FROM feedback"
				" WHERE responded_on BETWEEN ?1 AND ?2", &st)) != STATUS_OK)
		return s;
	sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->responses = (long)sqlite3_column_int64(st, 0);
		out->score_sum = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc);
	if ((s = db_prepare(db, "SELECT d.id, d.code, d.title, d.category, count(f.id),"
				" total(f.score), count(DISTINCT f.account_id),"
				" (SELECT count(*) FROM problems p WHERE p.defect_id = d.id"
				"  AND p.status <> 'reported_back')"
				" FROM defects d"
				" LEFT JOIN feedback_defects fd ON fd.defect_id = d.id"
				" LEFT JOIN feedback f ON f.id = fd.feedback_id"
				"  AND f.responded_on BETWEEN ?1 AND ?2"
				" GROUP BY d.id ORDER BY d.code", &st)) != STATUS_OK)
		return s;
	sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct defect_info *d;

		out->d = xgrow(out->d, &cap, out->n + 1, sizeof(*out->d));
		d = &out->d[out->n++];
		d->id = sqlite3_column_int64(st, 0);
		d->code = xstrdup(db_col_text(st, 1));
		d->title = xstrdup(db_col_text(st, 2));
		d->category = xstrdup(db_col_text(st, 3));
		d->tagged = (long)sqlite3_column_int64(st, 4);
		d->tagged_sum = sqlite3_column_double(st, 5);
		d->accounts = (long)sqlite3_column_int64(st, 6);
		d->open_problems = (long)sqlite3_column_int64(st, 7);
	}
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	if (s != STATUS_OK)
		defect_report_done(out);
	return s;
}

void defect_report_done(struct defect_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->d[i].code);
		free(r->d[i].title);
		free(r->d[i].category);
	}
	free(r->d);
	memset(r, 0, sizeof(*r));
}

enum status db_defect_queue(struct db *db, int64_t defect_id, const struct rules *rules,
			    int today, queue_cb cb, void *ctx)
{
	char first[DATE_LEN], last[DATE_LEN];
	sqlite3_stmt *st;
	struct queue_row r;
	enum status s;
	int rc;

	window(rules, today, first, last);
	if ((s = db_prepare(db,
		"SELECT a.id, a.name, a.owner, a.status, c.quadrant, c.nps, a.revenue,"
		" count(*), max(f.responded_on), op.id, op.status"
		" FROM feedback_defects fd"
		" JOIN feedback f ON f.id = fd.feedback_id"
		" JOIN accounts a ON a.id = f.account_id"
		" JOIN account_cache c ON c.account_id = a.id"
		" LEFT JOIN problems op ON op.id = (SELECT p.id FROM problems p"
		"   WHERE p.account_id = a.id AND p.defect_id = ?1 AND p.status <> 'reported_back'"
		"   ORDER BY p.opened_on DESC, p.id LIMIT 1)"
		" WHERE fd.defect_id = ?1 AND f.responded_on BETWEEN ?2 AND ?3"
		" GROUP BY a.id"
		" ORDER BY a.status <> 'active', c.rank_group, c.rank_value DESC,"
		" a.name COLLATE NOCASE, a.id", &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, defect_id);
	sqlite3_bind_text(st, 2, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, last, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int as = acct_status_from_name(db_col_text(st, 3));

		memset(&r, 0, sizeof(r));
		r.account_id = sqlite3_column_int64(st, 0);
		r.name = db_col_text(st, 1);
		r.owner = db_col_text(st, 2);
		r.status = as < 0 ? ACCT_ACTIVE : (enum acct_status)as;
		r.quadrant = (enum quadrant)sqlite3_column_int(st, 4);
		r.nps_known = sqlite3_column_type(st, 5) != SQLITE_NULL;
		r.nps = sqlite3_column_double(st, 5);
		r.revenue = sqlite3_column_int64(st, 6);
		r.citing = (long)sqlite3_column_int64(st, 7);
		r.last_cited = db_col_text(st, 8);
		r.problem_id = sqlite3_column_int64(st, 9);
		r.problem_status = db_col_opt(st, 10);
		if (cb(&r, ctx))
			break;
	}
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

/*
 * The counts behind the defect ranking (defect_rank.h) and the follow-up
 * queue of a defect. The window is the advocacy window: window_days days up
 * to and including today, as the account cache uses.
 *
 * Both read the figures db_refresh() keeps (cache.c: defect_cache holds the
 * sums per defect, row 0 the window's totals; defect_account the responses
 * per defect and account), so neither walks the responses. A file made
 * before those tables is counted from the core tables, as it always was.
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

static struct defect_info *add_info(struct defect_report *out, size_t *cap, sqlite3_stmt *st)
{
	struct defect_info *d;

	out->d = xgrow(out->d, cap, out->n + 1, sizeof(*out->d));
	d = &out->d[out->n++];
	d->id = sqlite3_column_int64(st, 0);
	d->code = xstrdup(db_col_text(st, 1));
	d->title = xstrdup(db_col_text(st, 2));
	d->category = xstrdup(db_col_text(st, 3));
	d->tagged = (long)sqlite3_column_int64(st, 4);
	d->tagged_sum = sqlite3_column_double(st, 5);
	d->accounts = (long)sqlite3_column_int64(st, 6);
	d->open_problems = (long)sqlite3_column_int64(st, 7);
	return d;
}

/* Counts from the core tables: a file without the defect cache. */
static enum status report_counted(struct db *db, const struct rules *rules, int today,
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
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_info(out, &cap, st);
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	if (s != STATUS_OK)
		defect_report_done(out);
	return s;
}

enum status db_defect_report(struct db *db, const struct rules *rules, int today,
			     struct defect_report *out)
{
	sqlite3_stmt *st;
	enum status s;
	size_t cap = 0;
	int rc;

	if (!db_defect_cached(db))
		return report_counted(db, rules, today, out);
	memset(out, 0, sizeof(*out));
	/* row 0 (the window's totals, code NULL) first, then the catalogue by code */
	if ((s = db_prepare(db, "SELECT d.id, d.code, d.title, d.category, coalesce(c.tagged, 0),"
				" coalesce(c.tagged_sum, 0), coalesce(c.accounts, 0),"
				" coalesce(c.open_problems, 0)"
				" FROM defects d LEFT JOIN defect_cache c ON c.defect_id = d.id AND d.id <> 0"
				" UNION ALL SELECT NULL, NULL, NULL, NULL, tagged, tagged_sum, 0, 0"
				" FROM defect_cache WHERE defect_id = 0 ORDER BY 2",
			    &st)) != STATUS_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			out->responses = (long)sqlite3_column_int64(st, 4);
			out->score_sum = sqlite3_column_double(st, 5);
		} else {
			add_info(out, &cap, st);
		}
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
	bool cached = db_defect_cached(db);
	int rc;

	window(rules, today, first, last);
	if (cached)
		/* the citing accounts are defect_account's rows of the defect */
		s = db_prepare(db,
			"SELECT a.id, a.name, a.owner, a.status, c.quadrant, c.nps, a.revenue,"
			" x.tagged, x.last_cited, op.id, op.status"
			" FROM defect_account x"
			" CROSS JOIN accounts a ON a.id = x.account_id"
			" CROSS JOIN account_cache c ON c.account_id = a.id"
			" LEFT JOIN problems op ON op.id = (SELECT p.id FROM problems p"
			"   WHERE p.account_id = a.id AND p.defect_id = ?1 AND p.status <> 'reported_back'"
			"   ORDER BY p.opened_on DESC, p.id LIMIT 1)"
			" WHERE x.defect_id = ?1 AND ?1 <> 0"
			" ORDER BY a.status <> 'active', c.rank_group, c.rank_value DESC,"
			" a.name COLLATE NOCASE, a.id", &st);
	else
		s = db_prepare(db,
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
			" a.name COLLATE NOCASE, a.id", &st);
	if (s != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, defect_id);
	if (!cached) {
		sqlite3_bind_text(st, 2, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, last, -1, SQLITE_STATIC);
	}
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

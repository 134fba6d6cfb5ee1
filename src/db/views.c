/* Queries for the console's views (see views.h). */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/strbuf.h"
#include "acctplan/views.h"

/* The rank groups of each quadrant, in priority order (quadrant.c). */
static const char *const lane_groups[QUAD_COUNT] = {
	[QUAD_REPAIR] = "0",
	[QUAD_FIX_BASICS] = "1, 5",
	[QUAD_GROW] = "2",
	[QUAD_PROTECT] = "3",
	[QUAD_NO_FEEDBACK] = "4",
};

enum status views_lane(struct db *db, enum quadrant q, const char *owner, size_t offset,
		       size_t limit, lane_cb cb, void *ctx)
{
	char sql[1024];
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((unsigned)q >= QUAD_COUNT)
		return status_set(STATUS_BAD_INPUT, "no such quadrant");
	snprintf(sql, sizeof(sql),
		 "SELECT a.id, a.name, a.owner, a.revenue, c.nps, c.share, c.quadrant,"
		 " a.hold_manual, a.hold_quadrant,"
		 " (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL)"
		 " FROM account_cache c JOIN accounts a ON a.id = c.account_id"
		 " WHERE c.rank_group IN (%s) AND c.quadrant = ?1 AND a.status = 'active'%s"
		 " ORDER BY c.rank_group, c.rank_value DESC, a.name COLLATE NOCASE, a.id"
		 " LIMIT ?3 OFFSET ?4",
		 lane_groups[q], owner ? " AND a.owner = ?2" : "");
	if ((s = db_prepare(db, sql, &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int(st, 1, (int)q);
	if (owner)
		sqlite3_bind_text(st, 2, owner, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct lane_row r;
		const char *manual = db_col_opt(st, 7), *mq = db_col_opt(st, 8);
		enum hold_manual hm = HOLD_AUTO;

		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.name = db_col_text(st, 1);
		r.owner = db_col_text(st, 2);
		r.revenue = sqlite3_column_int64(st, 3);
		r.nps_known = sqlite3_column_type(st, 4) != SQLITE_NULL;
		r.nps = sqlite3_column_double(st, 4);
		r.share_known = sqlite3_column_type(st, 5) != SQLITE_NULL;
		r.share = sqlite3_column_double(st, 5);
		r.quadrant = (enum quadrant)sqlite3_column_int(st, 6);
		if (manual && !strcmp(manual, "set"))
			hm = HOLD_SET;
		else if (manual && !strcmp(manual, "lifted"))
			hm = HOLD_LIFTED;
		r.hold = hold_compute(r.quadrant, sqlite3_column_int(st, 9), hm,
				      mq ? quadrant_from_name(mq) : -1).on;
		if (cb(&r, ctx))
			break;
	}
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status views_scatter(struct db *db, const char *owner, int cols, int rows, int *counts,
			  int *unplaced)
{
	char sql[1024];
	sqlite3_stmt *st;
	enum status s;
	int rc;

	memset(counts, 0, sizeof(*counts) * (size_t)cols * (size_t)rows);
	*unplaced = 0;
	if (cols < 1 || rows < 1)
		return STATUS_OK;
	/* the bins are computed by SQLite: only cols × rows counts come back */
	snprintf(sql, sizeof(sql),
		 "SELECT CASE WHEN c.nps IS NULL THEN -1"
		 "  ELSE min(?1 - 1, max(0, CAST((c.nps + 100) * ?1 / 200.0 AS INTEGER))) END AS bx,"
		 " min(?2 - 1, max(0, CAST(coalesce(c.share, 0) * ?2 AS INTEGER))) AS byy,"
		 " count(*)"
		 " FROM account_cache c JOIN accounts a ON a.id = c.account_id"
		 " WHERE a.status = 'active'%s GROUP BY bx, byy",
		 owner ? " AND a.owner = ?3" : "");
	if ((s = db_prepare(db, sql, &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int(st, 1, cols);
	sqlite3_bind_int(st, 2, rows);
	if (owner)
		sqlite3_bind_text(st, 3, owner, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int bx = sqlite3_column_int(st, 0), by = sqlite3_column_int(st, 1);
		int n = sqlite3_column_int(st, 2);

		if (bx < 0) {
			*unplaced += n;
			continue;
		}
		if (bx >= cols || by < 0 || by >= rows)
			continue;
		counts[(rows - 1 - by) * cols + bx] += n;
	}
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status views_feedback(struct db *db, int64_t account_id, feedback_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((s = db_prepare(db,
			    "SELECT f.id, f.account_id, f.contact_id, f.responded_on, f.score, f.comment,"
			    " f.source, c.name, c.role,"
			    " (SELECT group_concat(code, ',') FROM (SELECT d.code FROM feedback_defects fd"
			    "   JOIN defects d ON d.id = fd.defect_id WHERE fd.feedback_id = f.id"
			    "   ORDER BY d.code)),"
			    " EXISTS (SELECT 1 FROM notes n WHERE n.feedback_id = f.id)"
			    "  OR EXISTS (SELECT 1 FROM problems p WHERE p.account_id = f.account_id"
			    "   AND p.feedback_id = f.id)"
			    " FROM feedback f LEFT JOIN contacts c ON c.id = f.contact_id"
			    " WHERE f.account_id = ?1 ORDER BY f.responded_on DESC, f.id DESC",
			    &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, account_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct feedback_row r;

		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.account_id = sqlite3_column_int64(st, 1);
		r.contact_id = sqlite3_column_int64(st, 2);
		r.responded_on = db_col_text(st, 3);
		r.score = sqlite3_column_int(st, 4);
		r.comment = db_col_text(st, 5);
		r.source = db_col_text(st, 6);
		r.contact_name = db_col_text(st, 7);
		r.role = sqlite3_column_type(st, 8) == SQLITE_NULL ? "anonymous" : db_col_text(st, 8);
		r.defects = db_col_text(st, 9);
		r.followed_up = sqlite3_column_int(st, 10) != 0;
		if (cb(&r, ctx))
			break;
	}
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status views_count(struct db *db, const struct account_filter *f, size_t cap, size_t *n)
{
	struct strbuf sql, pat;
	sqlite3_stmt *st;
	enum status s;
	const char *p;
	int rc;

	*n = 0;
	strbuf_init(&sql);
	/* the cache is joined only when a quadrant is asked for */
	strbuf_adds(&sql, "SELECT count(*) FROM (SELECT 1 FROM accounts a");
	if (f->quadrant >= 0)
		strbuf_adds(&sql, " JOIN account_cache c ON c.account_id = a.id AND c.quadrant = ?4");
	strbuf_adds(&sql, " WHERE 1");
	if (!f->all_statuses)
		strbuf_adds(&sql, " AND a.status = 'active'");
	if (f->owner)
		strbuf_adds(&sql, " AND a.owner = ?1");
	if (f->segment)
		strbuf_adds(&sql, " AND a.segment = ?2");
	if (f->search && *f->search)
		strbuf_adds(&sql, " AND (a.name LIKE ?3 ESCAPE '\\' OR a.owner LIKE ?3 ESCAPE '\\'"
				  " OR a.segment LIKE ?3 ESCAPE '\\')");
	strbuf_adds(&sql, " LIMIT ?5)");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	if (f->owner)
		sqlite3_bind_text(st, 1, f->owner, -1, SQLITE_TRANSIENT);
	if (f->segment)
		sqlite3_bind_text(st, 2, f->segment, -1, SQLITE_TRANSIENT);
	if (f->search && *f->search) {
		strbuf_init(&pat);
		strbuf_addc(&pat, '%');
		for (p = f->search; *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				strbuf_addc(&pat, '\\');
			strbuf_addc(&pat, *p);
		}
		strbuf_addc(&pat, '%');
		sqlite3_bind_text(st, 3, pat.buf, -1, SQLITE_TRANSIENT);
		strbuf_done(&pat);
	}
	if (f->quadrant >= 0)
		sqlite3_bind_int(st, 4, f->quadrant);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)cap);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	s = rc == SQLITE_ROW ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status views_any_account(struct db *db, bool *any)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	*any = false;
	if ((s = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM accounts)", &st)) != STATUS_OK)
		return s;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*any = sqlite3_column_int(st, 0) != 0;
	s = rc == SQLITE_ROW ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

/* The orders of db_accounts() (accounts.c), for the page of ids. */
static void page_order(struct strbuf *sql, const struct account_filter *f)
{
	const char *dir = f->descending ? "DESC" : "ASC", *rdir = f->descending ? "ASC" : "DESC";

	switch (f->sort) {
	case SORT_PRIORITY:
		strbuf_addf(sql, "c.rank_group %s, c.rank_value %s", dir, rdir);
		break;
	case SORT_NAME:
		strbuf_addf(sql, "a.name COLLATE NOCASE %s", dir);
		break;
	case SORT_OWNER:
		strbuf_addf(sql, "a.owner COLLATE NOCASE %s", dir);
		break;
	case SORT_QUADRANT:
		strbuf_addf(sql, "c.quadrant %s, c.rank_group %s, c.rank_value DESC", dir, dir);
		break;
	case SORT_NPS:
		strbuf_addf(sql, "c.nps IS NULL, c.nps %s", rdir);
		break;
	case SORT_SHARE:
		strbuf_addf(sql, "c.share IS NULL, c.share %s", rdir);
		break;
	case SORT_REVENUE:
		strbuf_addf(sql, "a.revenue %s", rdir);
		break;
	case SORT_PROBLEMS:
		strbuf_addf(sql, "(SELECT count(*) FROM problems p WHERE p.account_id = a.id"
				 " AND p.status <> 'reported_back') %s", rdir);
		break;
	case SORT_LAST_CONTACT:
	default:
		strbuf_addf(sql, "c.last_response IS NULL, c.last_response %s", rdir);
		break;
	}
	strbuf_adds(sql, ", a.name COLLATE NOCASE, a.id");
}

enum status views_page(struct db *db, const struct account_filter *f, int64_t *ids, size_t max,
		       size_t *n)
{
	struct strbuf sql, pat;
	sqlite3_stmt *st;
	enum status s;
	const char *p;
	int rc;

	*n = 0;
	strbuf_init(&sql);
	/* CROSS JOIN fixes the loop order: the priority order walks the rank
	 * index of the cache, the name order the name index of accounts, and
	 * either stops at the page instead of sorting the book */
	if (f->sort == SORT_PRIORITY || f->sort == SORT_QUADRANT || f->sort == SORT_NPS ||
	    f->sort == SORT_SHARE || f->sort == SORT_LAST_CONTACT)
		strbuf_adds(&sql, "SELECT a.id FROM account_cache c CROSS JOIN accounts a"
				  " ON a.id = c.account_id WHERE 1");
	else
		strbuf_adds(&sql, "SELECT a.id FROM accounts a CROSS JOIN account_cache c"
				  " ON c.account_id = a.id WHERE 1");
	if (!f->all_statuses)
		strbuf_adds(&sql, " AND a.status = 'active'");
	if (f->owner)
		strbuf_adds(&sql, " AND a.owner = ?1");
	if (f->segment)
		strbuf_adds(&sql, " AND a.segment = ?2");
	if (f->search && *f->search)
		strbuf_adds(&sql, " AND (a.name LIKE ?3 ESCAPE '\\' OR a.owner LIKE ?3 ESCAPE '\\'"
				  " OR a.segment LIKE ?3 ESCAPE '\\')");
	if (f->quadrant >= 0)
		strbuf_adds(&sql, " AND c.quadrant = ?4");
	strbuf_adds(&sql, " ORDER BY ");
	page_order(&sql, f);
	strbuf_adds(&sql, " LIMIT ?5 OFFSET ?6");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	if (f->owner)
		sqlite3_bind_text(st, 1, f->owner, -1, SQLITE_TRANSIENT);
	if (f->segment)
		sqlite3_bind_text(st, 2, f->segment, -1, SQLITE_TRANSIENT);
	if (f->search && *f->search) {
		strbuf_init(&pat);
		strbuf_addc(&pat, '%');
		for (p = f->search; *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				strbuf_addc(&pat, '\\');
			strbuf_addc(&pat, *p);
		}
		strbuf_addc(&pat, '%');
		sqlite3_bind_text(st, 3, pat.buf, -1, SQLITE_TRANSIENT);
		strbuf_done(&pat);
	}
	if (f->quadrant >= 0)
		sqlite3_bind_int(st, 4, f->quadrant);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)max);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->offset);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	if (*n == max)
		rc = SQLITE_DONE;
	s = rc == SQLITE_DONE || rc == SQLITE_ROW ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

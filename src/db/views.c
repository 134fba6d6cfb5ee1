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

enum status views_count(struct db *db, const struct account_filter *f, size_t cap, size_t *n)
{
	struct quadrant_summary sum[QUAD_COUNT];
	enum search_kind kind;
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int rc, q;

	*n = 0;
	if (db_filter_totals(db, f)) {
		if ((s = db_board_summary(db, f, sum)) != STATUS_OK)
			return s;
		for (q = 0; q < QUAD_COUNT; q++)
			*n += (size_t)sum[q].accounts;
		if (*n > cap)
			*n = cap;
		return STATUS_OK;
	}
	if ((s = db_filter_plan(db, f, &kind)) != STATUS_OK)
		return s;
	strbuf_init(&sql);
	/* the cache is joined only when a quadrant is asked for */
	strbuf_adds(&sql, "SELECT count(*) FROM (SELECT 1");
	db_filter_sql(&sql, f, kind, false, LEAD_ANY);
	strbuf_adds(&sql, " LIMIT ?5)");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	db_filter_bind(st, f, kind);
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

enum status views_page(struct db *db, const struct account_filter *f, int64_t *ids, size_t max,
		       size_t *n)
{
	enum search_kind kind;
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int rc = SQLITE_DONE;

	*n = 0;
	if ((s = db_filter_plan(db, f, &kind)) != STATUS_OK)
		return s;
	strbuf_init(&sql);
	/* the lead fixes the loop order: the priority order walks the rank
	 * index of the cache, the name order the name index of accounts, and
	 * either stops at the page instead of sorting the book; a search with
	 * few matches walks and sorts just those */
	strbuf_adds(&sql, "SELECT a.id");
	db_filter_sql(&sql, f, kind, true,
		      f->sort == SORT_PRIORITY || f->sort == SORT_QUADRANT || f->sort == SORT_NPS ||
				      f->sort == SORT_SHARE || f->sort == SORT_LAST_CONTACT
			      ? LEAD_CACHE
			      : LEAD_ACCOUNTS);
	strbuf_adds(&sql, " ORDER BY ");
	db_filter_order(&sql, f);
	strbuf_adds(&sql, " LIMIT ?5 OFFSET ?6");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	db_filter_bind(st, f, kind);
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

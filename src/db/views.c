/* Queries for the console's views (see views.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/advocacy.h"
#include "acctplan/date.h"
#include "acctplan/strbuf.h"
#include "acctplan/views.h"
#include "acctplan/xalloc.h"

/* The rank groups of each quadrant, in priority order (quadrant.c). */
static const char *const lane_groups[QUAD_COUNT] = {
	[QUAD_REPAIR] = "0",  [QUAD_FIX_BASICS] = "1, 5", [QUAD_GROW] = "2",
	[QUAD_PROTECT] = "3", [QUAD_NO_FEEDBACK] = "4",
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
	snprintf(
		sql, sizeof(sql),
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
		r.hold = db_read_hold(st, 7, r.quadrant, sqlite3_column_int(st, 9)).on;
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
	snprintf(
		sql, sizeof(sql),
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

/* Counts f's accounts up to cap, its search answered as kind says. */
static enum status count_as(struct db *db, const struct account_filter *f, enum search_kind kind,
			    size_t cap, size_t *n)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int rc;

	*n = 0;
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

enum status views_count(struct db *db, const struct account_filter *f, size_t cap, size_t *n)
{
	struct quadrant_summary sum[QUAD_COUNT];
	enum search_kind kind;
	enum status s;
	int q;

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
	/* too many matches to hold, but the plan holds the first of them:
	 * when those alone reach the cap, so do all of them */
	if ((kind == SEARCH_INDEX || kind == SEARCH_SCAN) && db->hits.text &&
	    strcmp(db->hits.text, f->search) == 0) {
		if ((s = count_as(db, f, SEARCH_HITS, cap, n)) != STATUS_OK || *n >= cap)
			return s;
	}
	return count_as(db, f, kind, cap, n);
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

/* A scan's matches lead the page when there are fewer than this: walking
 * the sort order would check about max / (matches / book) rows, more than
 * one pass over the narrow account_text. Only for the search alone: with
 * an owner or a quadrant a small count says little about the search. */
#define SPARSE_MATCHES 250

enum status views_page(struct db *db, const struct account_filter *f, size_t matches, int64_t *ids,
		       size_t max, size_t *n)
{
	enum filter_lead lead;
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
	if (kind == SEARCH_SCAN && matches < SPARSE_MATCHES && !f->owner && !f->segment &&
	    f->quadrant < 0)
		lead = LEAD_ANY;
	else if (f->sort == SORT_PRIORITY || f->sort == SORT_QUADRANT || f->sort == SORT_NPS ||
		 f->sort == SORT_SHARE || f->sort == SORT_LAST_CONTACT)
		lead = LEAD_CACHE;
	else
		lead = LEAD_ACCOUNTS;
	strbuf_adds(&sql, "SELECT a.id");
	db_filter_sql(&sql, f, kind, true, lead);
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

/* Opens a statement with "WITH p(k, id) AS (VALUES (0, ?first), ...)": the
 * n ids bound from ?first on, k their place in the caller's order. */
static void id_values(struct strbuf *sql, size_t n, int first)
{
	size_t i;

	strbuf_adds(sql, "WITH p(k, id) AS (VALUES ");
	for (i = 0; i < n; i++)
		strbuf_addf(sql, "%s(%zu, ?%zu)", i ? ", " : "", i, i + (size_t)first);
	strbuf_adds(sql, ") ");
}

enum status views_rows(struct db *db, const int64_t *ids, size_t n, int today, table_cb cb,
		       void *ctx)
{
	char day[DATE_LEN];
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	size_t i;
	int rc;

	if (n == 0)
		return STATUS_OK;
	/* one statement for the page: the same columns db_account_get() reads
	 * for the table, walked in the page's order */
	strbuf_init(&sql);
	id_values(&sql, n, 2);
	strbuf_adds(
		&sql,
		"SELECT a.id, a.name, a.owner, a.revenue, c.nps, c.share, c.quadrant,"
		" a.hold_manual, a.hold_quadrant,"
		" (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL),"
		" (SELECT count(*) FROM problems r WHERE r.account_id = a.id"
		"   AND r.status <> 'reported_back'),"
		" c.last_response,"
		" (SELECT min(n.next_contact_on) FROM notes n WHERE n.account_id = a.id"
		"   AND n.next_contact_on >= ?1)"
		" FROM p CROSS JOIN accounts a ON a.id = p.id"
		" CROSS JOIN account_cache c ON c.account_id = a.id ORDER BY p.k");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	date_format(today, day);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, (int)i + 2, ids[i]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct table_row r;

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
		r.hold = db_read_hold(st, 7, r.quadrant, sqlite3_column_int(st, 9)).on;
		r.open_problems = sqlite3_column_int(st, 10);
		r.last_response = db_col_opt(st, 11);
		r.next_contact = db_col_opt(st, 12);
		if (cb(&r, ctx))
			break;
	}
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

/* Orders responses by the account they belong to (its index in the ids). */
struct trend_resp {
	size_t k;
	struct response r;
};

static int cmp_trend_resp(const void *a, const void *b)
{
	const struct trend_resp *x = a, *y = b;

	return x->k < y->k ? -1 : x->k > y->k;
}

enum status views_trend(struct db *db, const int64_t *ids, size_t n, const struct rules *rules,
			int today, int quarters, double *nps, bool *known)
{
	struct trend_resp *tr = NULL;
	struct response *resp = NULL;
	size_t count = 0, cap = 0, rcap = 0, i, j, k;
	int q_now = date_quarter(today), q, rc, qi, role;
	bool roles = false;
	char from[DATE_LEN];
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;

	for (i = 0; i < n * (size_t)quarters; i++) {
		known[i] = false;
		nps[i] = 0;
	}
	if (n == 0 || quarters <= 0)
		return STATUS_OK;
	/* the role matters only when the weights differ */
	for (role = 1; role <= ROLE_ANONYMOUS; role++)
		if (rules->weight[role] != rules->weight[0])
			roles = true;
	/* first day of the oldest quarter shown */
	q = q_now - quarters + 1;
	date_format(date_from_ymd(q / 4, (q % 4) * 3 + 1, 1), from);
	strbuf_init(&sql);
	id_values(&sql, n, 2);
	strbuf_addf(&sql,
		    "SELECT p.k, f.contact_id, %s, f.responded_on, f.id, f.score"
		    " FROM p CROSS JOIN feedback f ON f.account_id = p.id%s"
		    " WHERE f.responded_on >= ?1",
		    roles ? "c.role" : "NULL",
		    roles ? " LEFT JOIN contacts c ON c.id = f.contact_id" : "");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, (int)i + 2, ids[i]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct trend_resp *t;
		int day;

		if (!date_parse(db_col_text(st, 3), &day) || day > today)
			continue;
		tr = xgrow(tr, &cap, count + 1, sizeof(*tr));
		t = &tr[count++];
		t->k = (size_t)sqlite3_column_int64(st, 0);
		t->r.contact_id = sqlite3_column_int64(st, 1);
		/* without a contact row the response counts as anonymous */
		t->r.role = !roles || sqlite3_column_type(st, 2) == SQLITE_NULL
				    ? ROLE_ANONYMOUS
				    : role_from_name(db_col_text(st, 2));
		t->r.day = day;
		t->r.order = sqlite3_column_int64(st, 4);
		t->r.score = sqlite3_column_int(st, 5);
	}
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	if (count > 1)
		qsort(tr, count, sizeof(*tr), cmp_trend_resp);
	/* each account, each quarter its own window: from its first day to its
	 * last (today for the current one) */
	for (i = 0; s == STATUS_OK && i < count; i = j) {
		size_t m;

		for (j = i; j < count && tr[j].k == tr[i].k; j++)
			;
		m = j - i;
		if (tr[i].k >= n)
			continue;
		resp = xgrow(resp, &rcap, m, sizeof(*resp));
		for (k = 0; k < m; k++)
			resp[k] = tr[i + k].r;
		for (qi = 0; qi < quarters; qi++) {
			struct rules qr = *rules;
			struct advocacy adv;
			int qq = q + qi, start, end;

			start = date_from_ymd(qq / 4, (qq % 4) * 3 + 1, 1);
			end = date_from_ymd((qq + 1) / 4, ((qq + 1) % 4) * 3 + 1, 1) - 1;
			if (end > today)
				end = today;
			qr.window_days = end - start + 1;
			advocacy_compute(resp, m, end, &qr, &adv);
			known[tr[i].k * (size_t)quarters + (size_t)qi] = adv.known;
			nps[tr[i].k * (size_t)quarters + (size_t)qi] = adv.nps;
		}
	}
	free(resp);
	free(tr);
	return s;
}

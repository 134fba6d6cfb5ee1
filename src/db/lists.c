/* The queries behind the console's lists (see lists.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/advocacy.h"
#include "acctplan/date.h"
#include "acctplan/strbuf.h"
#include "acctplan/lists.h"
#include "acctplan/xalloc.h"

/* The rank groups of each quadrant, in priority order (quadrant.c). */
static const char *const lane_groups[QUAD_COUNT] = {
	[QUAD_REPAIR] = "0",  [QUAD_FIX_BASICS] = "1, 5", [QUAD_GROW] = "2",
	[QUAD_PROTECT] = "3", [QUAD_NO_FEEDBACK] = "4",
};

/* Reads what a lane row and a table row share, columns 0 to 9: id, name,
 * owner, revenue, NPS, share, quadrant, the hold by hand (7, 8) and the
 * open conditions. */
#define READ_STANDING(r, st)                                                                    \
	do {                                                                                    \
		(r)->id = sqlite3_column_int64(st, 0);                                          \
		(r)->name = db_col_text(st, 1);                                                 \
		(r)->owner = db_col_text(st, 2);                                                \
		(r)->revenue = sqlite3_column_int64(st, 3);                                     \
		(r)->nps_known = sqlite3_column_type(st, 4) != SQLITE_NULL;                     \
		(r)->nps = sqlite3_column_double(st, 4);                                        \
		(r)->share_known = sqlite3_column_type(st, 5) != SQLITE_NULL;                   \
		(r)->share = sqlite3_column_double(st, 5);                                      \
		(r)->quadrant = db_col_quadrant(st, 6);                                         \
		struct hold h_ = db_read_hold(st, 7, (r)->quadrant, sqlite3_column_int(st, 9)); \
		(r)->hold = h_.on;                                                              \
		(r)->hold_manual = h_.manual;                                                   \
	} while (0)

/* ...and for a lane, 10 and 11: the open problems and the next contact. */
static void fill_lane(sqlite3_stmt *st, struct lane_row *r)
{
	READ_STANDING(r, st);
	r->open_problems = sqlite3_column_int(st, 10);
	r->next_contact = db_col_opt(st, 11);
}

DB_ROW_WALKER(lane, struct lane_row, lane_cb, fill_lane)

enum status db_lane(struct db *db, enum quadrant q, const char *owner, int today, size_t offset,
		    size_t limit, lane_cb cb, void *ctx)
{
	struct lane_walk w = {cb, ctx};
	char sql[1024], day[DATE_LEN];

	if ((unsigned)q >= QUAD_COUNT)
		return status_set(STATUS_BAD_INPUT, "no such quadrant");
	snprintf(
		sql, sizeof(sql),
		"SELECT a.id, a.name, a.owner, a.revenue, c.nps, c.share, c.quadrant,"
		" a.hold_manual, a.hold_quadrant,"
		" (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL),"
		" (SELECT count(*) FROM problems r WHERE r.account_id = a.id"
		"   AND r.status <> 'reported_back'),"
		" (SELECT min(n.next_contact_on) FROM notes n WHERE n.account_id = a.id"
		"   AND n.next_contact_on >= ?5)"
		" FROM account_cache c JOIN accounts a ON a.id = c.account_id"
		" WHERE c.rank_group IN (%s) AND c.quadrant = ?1 AND a.status = 'active'%s"
		" ORDER BY c.rank_group, c.rank_value DESC, a.name COLLATE NOCASE, a.id"
		" LIMIT ?3 OFFSET ?4",
		lane_groups[q], owner ? " AND a.owner = ?2" : "");
	date_format(today, day);
	return db_rows(db, sql,
		       DB_ARGS(DB_TEXT(quadrant_name(q)), DB_TEXT(owner), DB_INT((int64_t)limit),
			       DB_INT((int64_t)offset), DB_TEXT(day)),
		       lane_each, &w);
}

/* The fine bins [*lo, *hi] that fall in cell `cell` of `cells` over 0..top
 * (fine * cells / top, the last cell taking top itself, as scatter_bin()). */
static void fine_range(int cell, int cells, int top, int *lo, int *hi)
{
	*lo = (cell * top + cells - 1) / cells;
	*hi = cell == cells - 1 ? top : ((cell + 1) * top + cells - 1) / cells - 1;
}

enum status db_scatter_cell(struct db *db, const char *owner, int cols, int rows, int col, int row,
			    size_t limit, lane_cb cb, void *ctx)
{
	struct lane_walk w = {cb, ctx};
	struct strbuf sql;
	enum status st;
	int x0, x1, y0, y1, i;

	if (cols < 1 || rows < 1 || col < 0 || col >= cols || row < 0 || row >= rows)
		return STATUS_OK;
	fine_range(col, cols, 200, &x0, &x1);
	fine_range(rows - 1 - row, rows, 100, &y0, &y1);
	if (x0 > x1 || y0 > y1)
		return STATUS_OK; /* a cell narrower than a point holds none */
	/* each fine bin of the cell looked up on account_cache_bin: the cost
	 * follows the cell's accounts, not the book. They are ordered on
	 * their cache rows alone (the name is there, schema 17), and only the
	 * few the limit keeps are joined to their accounts and conditions: a
	 * dense cell of a million-account book holds thousands, and joining
	 * each before the sort read three pages an account. */
	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT a.id, a.name, a.owner, a.revenue, c.nps, c.share, c.quadrant,"
			  " a.hold_manual, a.hold_quadrant,"
			  " (SELECT count(*) FROM conditions k WHERE k.account_id = a.id"
			  " AND k.met_on IS NULL), 0, NULL"
			  " FROM (SELECT c.account_id, c.nps, c.share, c.quadrant, c.rank_group,"
			  " c.rank_value, c.name FROM account_cache c"
			  " WHERE c.active = 1 AND c.bin_x IN (");
	for (i = x0; i <= x1; i++)
		strbuf_addf(&sql, "%s%d", i > x0 ? "," : "", i);
	strbuf_adds(&sql, ") AND c.bin_y IN (");
	for (i = y0; i <= y1; i++)
		strbuf_addf(&sql, "%s%d", i > y0 ? "," : "", i);
	strbuf_addf(
		&sql,
		")%s ORDER BY c.rank_group, c.rank_value DESC, c.name COLLATE NOCASE,"
		" c.account_id LIMIT ?2) c CROSS JOIN accounts a ON a.id = c.account_id"
		" ORDER BY c.rank_group, c.rank_value DESC, c.name COLLATE NOCASE, c.account_id",
		owner ? " AND c.owner = ?1" : "");
	st = db_rows(db, sql.buf, DB_ARGS(DB_TEXT(owner), DB_INT((int64_t)limit)), lane_each, &w);
	strbuf_done(&sql);
	return st;
}

struct scatter {
	int cols, rows, *counts, *unplaced;
};

static int scatter_each(sqlite3_stmt *st, void *ctx)
{
	struct scatter *sc = ctx;
	int fx = sqlite3_column_int(st, 0), fy = sqlite3_column_int(st, 1);
	int n = sqlite3_column_int(st, 2), bx, by;

	if (fx < 0) {
		*sc->unplaced += n;
		return 0;
	}
	bx = fx * sc->cols / 200;
	by = fy * sc->rows / 100;
	bx = bx >= sc->cols ? sc->cols - 1 : bx < 0 ? 0 : bx;
	by = by >= sc->rows ? sc->rows - 1 : by < 0 ? 0 : by;
	sc->counts[(sc->rows - 1 - by) * sc->cols + bx] += n;
	return 0;
}

enum status db_scatter(struct db *db, const char *owner, int cols, int rows, int *counts,
		       int *unplaced)
{
	struct scatter sc = {cols, rows, counts, unplaced};

	memset(counts, 0, sizeof(*counts) * (size_t)cols * (size_t)rows);
	*unplaced = 0;
	if (cols < 1 || rows < 1)
		return STATUS_OK;
	/* the cache's counts per NPS point and share percent (cache.c), added
	 * up into the plot's cells: at most 201 × 101 rows, whatever the book */
	if (owner)
		return db_rows(db, "SELECT x, y, accounts FROM scatter_bins WHERE owner = ?1",
			       DB_ARGS(DB_TEXT(owner)), scatter_each, &sc);
	return db_rows(db, "SELECT x, y, accounts FROM scatter_cells", DB_NOARGS, scatter_each,
		       &sc);
}

/* Counts f's accounts up to cap, its search answered as kind says. */
static enum status count_as(struct db *db, const struct account_filter *f, enum search_kind kind,
			    size_t cap, size_t *n)
{
	/* the cache is joined only when a quadrant is asked for */
	static const struct filter_query q = {"SELECT count(*) FROM (SELECT 1", false, LEAD_ANY,
					      false, " LIMIT ?5)"};
	sqlite3_stmt *st;
	enum status s;
	int64_t count;

	*n = 0;
	if ((s = db_filter_prepare(db, f, kind, &q, &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 5, (sqlite3_int64)cap);
	if ((s = db_int_of(db, st, &count)) == STATUS_OK)
		*n = (size_t)count;
	return s;
}

enum status db_accounts_count_upto(struct db *db, const struct account_filter *f, size_t cap,
				   size_t *n)
{
	struct quadrant_summary sum[QUAD_COUNT];
	enum search_kind kind;
	enum status s;
	int q;

	*n = 0;
	if (db_filter_totals(f)) {
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

enum status db_any_account(struct db *db, bool *any)
{
	int64_t v = 0;
	enum status s = db_int(db, "SELECT EXISTS (SELECT 1 FROM accounts)", DB_NOARGS, &v);

	*any = v != 0;
	return s;
}

/* A scan's matches lead the page when there are fewer than this: walking
 * the sort order would check about max / (matches / book) rows, more than
 * one pass over the narrow account_text. Only for the search alone: with
 * an owner or a quadrant a small count says little about the search. */
#define SPARSE_MATCHES 250

struct page {
	int64_t *ids;
	size_t max, *n;
};

static int page_each(sqlite3_stmt *st, void *ctx)
{
	struct page *pg = ctx;

	pg->ids[(*pg->n)++] = sqlite3_column_int64(st, 0);
	return *pg->n >= pg->max;
}

enum status db_accounts_page(struct db *db, const struct account_filter *f, size_t matches,
			     int64_t *ids, size_t max, size_t *n)
{
	struct page pg = {ids, max, n};
	struct filter_query q = {"SELECT a.id", true, LEAD_ANY, true, " LIMIT ?5 OFFSET ?6"};
	enum search_kind kind;
	sqlite3_stmt *st;
	enum status s;

	*n = 0;
	if ((s = db_filter_plan(db, f, &kind)) != STATUS_OK)
		return s;
	/* the lead fixes the loop order: the priority order walks the rank
	 * index of the cache, the name order the name index of accounts, and
	 * either stops at the page instead of sorting the book; a search with
	 * few matches walks and sorts just those */
	if (kind == SEARCH_SCAN && matches < SPARSE_MATCHES && !f->owner && !f->segment &&
	    f->quadrant < 0)
		q.lead = LEAD_ANY;
	else if (f->sort == SORT_PRIORITY || f->sort == SORT_QUADRANT || f->sort == SORT_NPS ||
		 f->sort == SORT_SHARE || f->sort == SORT_LAST_CONTACT)
		q.lead = LEAD_CACHE;
	else
		q.lead = LEAD_ACCOUNTS;
	if ((s = db_filter_prepare(db, f, kind, &q, &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 5, (sqlite3_int64)max);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->offset);
	return db_each(db, st, page_each, &pg);
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

static void fill_table(sqlite3_stmt *st, struct table_row *r)
{
	READ_STANDING(r, st);
	r->open_problems = sqlite3_column_int(st, 10);
	r->last_response = db_col_opt(st, 11);
	r->next_contact = db_col_opt(st, 12);
	r->status = (enum acct_status)acct_status_from_name(db_col_text(st, 13));
	if ((int)r->status < 0)
		r->status = ACCT_ACTIVE;
}

DB_ROW_WALKER(table, struct table_row, table_cb, fill_table)

enum status db_accounts_rows(struct db *db, const int64_t *ids, size_t n, int today, table_cb cb,
			     void *ctx)
{
	struct table_walk w = {cb, ctx};
	char day[DATE_LEN];
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	size_t i;

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
		"   AND n.next_contact_on >= ?1), a.status"
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
	return db_each(db, st, table_each, &w);
}

/* A page's responses in the quarters shown, each with its account's place
 * in the page. */
struct trend_resp {
	size_t k;
	struct response r;
};

struct trend {
	struct trend_resp *tr;
	size_t count, cap, n;
	bool roles; /* the contact's role was read */
	int today;
};

static int trend_each(sqlite3_stmt *st, void *ctx)
{
	struct trend *t = ctx;
	struct trend_resp *x;
	int day;
	size_t k = (size_t)sqlite3_column_int64(st, 0);

	if (k >= t->n || !date_parse(db_col_text(st, 3), &day) || day > t->today)
		return 0;
	t->tr = xgrow(t->tr, &t->cap, t->count + 1, sizeof(*t->tr));
	x = &t->tr[t->count++];
	x->k = k;
	x->r.contact_id = sqlite3_column_int64(st, 1);
	/* without a contact row the response counts as anonymous */
	x->r.role = !t->roles || sqlite3_column_type(st, 2) == SQLITE_NULL
			    ? ROLE_ANONYMOUS
			    : role_from_name(db_col_text(st, 2));
	x->r.day = day;
	x->r.order = sqlite3_column_int64(st, 4);
	x->r.score = sqlite3_column_int(st, 5);
	return 0;
}

static int cmp_trend_resp(const void *a, const void *b)
{
	const struct trend_resp *x = a, *y = b;

	return x->k < y->k ? -1 : x->k > y->k;
}

enum status db_nps_trends(struct db *db, const int64_t *ids, size_t n, const struct rules *rules,
			  int today, int quarters, double *nps, bool *known)
{
	struct trend t = {.n = n, .today = today};
	struct response *resp = NULL;
	size_t rcap = 0, i, j, k;
	char from[DATE_LEN];
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int role;

	for (i = 0; i < n * (size_t)quarters; i++) {
		known[i] = false;
		nps[i] = 0;
	}
	if (n == 0 || quarters <= 0)
		return STATUS_OK;
	/* the role matters only when the weights differ */
	for (role = 1; role <= ROLE_ANONYMOUS; role++)
		if (rules->weight[role] != rules->weight[0])
			t.roles = true;
	/* the page's responses since the oldest quarter's first day, in one
	 * statement; the NPS of each quarter is the domain's */
	date_format(advocacy_quarters_start(today, quarters), from);
	strbuf_init(&sql);
	id_values(&sql, n, 2);
	strbuf_addf(&sql,
		    "SELECT p.k, f.contact_id, %s, f.responded_on, f.id, f.score"
		    " FROM p CROSS JOIN feedback f ON f.account_id = p.id%s"
		    " WHERE f.responded_on >= ?1",
		    t.roles ? "c.role" : "NULL",
		    t.roles ? " LEFT JOIN contacts c ON c.id = f.contact_id" : "");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, (int)i + 2, ids[i]);
	s = db_each(db, st, trend_each, &t);
	if (t.count > 1)
		qsort(t.tr, t.count, sizeof(*t.tr), cmp_trend_resp);
	for (i = 0; s == STATUS_OK && i < t.count; i = j) {
		size_t m, at = t.tr[i].k * (size_t)quarters;

		for (j = i; j < t.count && t.tr[j].k == t.tr[i].k; j++)
			;
		m = j - i;
		resp = xgrow(resp, &rcap, m, sizeof(*resp));
		for (k = 0; k < m; k++)
			resp[k] = t.tr[i + k].r;
		advocacy_by_quarter(resp, m, today, quarters, rules, nps + at, known + at);
	}
	free(resp);
	free(t.tr);
	return s;
}

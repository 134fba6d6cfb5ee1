/*
 * The counts behind the defect ranking (defect_rank.h) and the follow-up
 * queue of a defect. The window is the advocacy window: window_days days up
 * to and including today, as the account cache uses.
 *
 * Both read the figures db_refresh() keeps (cache.c: defect_cache holds the
 * sums per defect, row 0 the window's totals; defect_account the responses
 * per defect and account), so neither walks the responses; they need a
 * refresh for the same rules and today first, as every caller does (the
 * rules and today they take are those the refresh had).
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/loop.h"
#include "acctplan/xalloc.h"

/* A report being filled, and its capacity. */
struct report {
	struct defect_report *out;
	size_t cap;
};

/* One row: the window's totals (code NULL) or a defect. */
static int report_each(sqlite3_stmt *st, void *ctx)
{
	struct report *r = ctx;
	struct defect_report *out = r->out;
	struct defect_info *d;

	if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
		out->responses = (long)sqlite3_column_int64(st, 4);
		out->score_sum = sqlite3_column_double(st, 5);
		return 0;
	}
	out->d = xgrow(out->d, &r->cap, out->n + 1, sizeof(*out->d));
	d = &out->d[out->n++];
	d->id = sqlite3_column_int64(st, 0);
	d->code = xstrdup(db_col_text(st, 1));
	d->title = xstrdup(db_col_text(st, 2));
	d->category = xstrdup(db_col_text(st, 3));
	d->tagged = (long)sqlite3_column_int64(st, 4);
	d->tagged_sum = sqlite3_column_double(st, 5);
	d->accounts = (long)sqlite3_column_int64(st, 6);
	d->open_problems = (long)sqlite3_column_int64(st, 7);
	return 0;
}

enum status db_defect_report(struct db *db, const struct rules *rules, int today,
			     struct defect_report *out)
{
	struct report r = {out, 0};
	enum status s;

	(void)rules;
	(void)today;
	memset(out, 0, sizeof(*out));
	/* row 0 (the window's totals, code NULL) first, then the catalogue by code */
	s = db_rows(db,
		    "SELECT d.id, d.code, d.title, d.category, coalesce(c.tagged, 0),"
		    " coalesce(c.tagged_sum, 0), coalesce(c.accounts, 0),"
		    " coalesce(c.open_problems, 0)"
		    " FROM defects d LEFT JOIN defect_cache c ON c.defect_id = d.id AND d.id <> 0"
		    " UNION ALL SELECT NULL, NULL, NULL, NULL, tagged, tagged_sum, 0, 0"
		    " FROM defect_cache WHERE defect_id = 0 ORDER BY 2",
		    DB_NOARGS, report_each, &r);
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

/* The first columns of a queue row, from accounts a and account_cache c;
 * each query goes on with the account's citations (how many, the newest)
 * and its open problem op for the defect (id, status). */
#define QUEUE_COLUMNS                                                                         \
	"SELECT a.id, a.name, a.owner, a.status, c.quadrant, c.nps, a.revenue, c.rank_group," \
	" c.rank_value,"
#define QUEUE_PROBLEM                                                                       \
	" LEFT JOIN problems op ON op.id = (SELECT p.id FROM problems p"                    \
	"   WHERE p.account_id = a.id AND p.defect_id = ?1 AND p.status <> 'reported_back'" \
	"   ORDER BY p.opened_on DESC, p.id LIMIT 1)"
#define QUEUE_ORDER " c.rank_group, c.rank_value DESC, a.name COLLATE NOCASE, a.id"

/* A queue is the defect's rows of defect_account, sorted whole: about
 * 10 µs a row. The first QUEUE_WALK rows of a longer one (more than
 * QUEUE_SORT_MAX accounts) come instead down account_cache's rank index,
 * probing defect_account for each account, so a caller that stops within
 * them (a screen's first pages) pays for about rows × accounts / citing
 * probes; a caller that goes on gets the rest from the sorted query. The
 * order is total (the id breaks ties), so both give the same sequence. */
#define QUEUE_SORT_MAX 1000
#define QUEUE_WALK 256

/* Hands each row to cb, counting them in n; stop is set when cb asked to
 * stop. */
struct queue {
	queue_cb cb;
	void *ctx;
	size_t n;
	bool stop;
};

static int queue_each(sqlite3_stmt *st, void *ctx)
{
	struct queue *q = ctx;
	struct queue_row r;
	int as = acct_status_from_name(db_col_text(st, 3));

	memset(&r, 0, sizeof(r));
	r.account_id = sqlite3_column_int64(st, 0);
	r.name = db_col_text(st, 1);
	r.owner = db_col_text(st, 2);
	r.status = as < 0 ? ACCT_ACTIVE : (enum acct_status)as;
	r.quadrant = db_col_quadrant(st, 4);
	r.nps_known = sqlite3_column_type(st, 5) != SQLITE_NULL;
	r.nps = sqlite3_column_double(st, 5);
	r.revenue = sqlite3_column_int64(st, 6);
	r.priority.group = sqlite3_column_int(st, 7);
	r.priority.value = sqlite3_column_int64(st, 8);
	r.citing = (long)sqlite3_column_int64(st, 9);
	r.last_cited = db_col_text(st, 10);
	r.problem_id = sqlite3_column_int64(st, 11);
	r.problem_status = db_col_opt(st, 12);
	q->n++;
	q->stop = q->cb(&r, q->ctx) != 0;
	return q->stop;
}

/* A page of the queue: the rows after `after`, up to limit. */
struct page {
	queue_cb cb;
	void *ctx;
	const struct queue_key *after;
	size_t limit, n;
	bool stopped; /* cb asked to stop */
};

/* Whether row r comes after key k in the queue's order: the active first,
 * then account_order_cmp() (the SQL's QUEUE_ORDER). */
static bool queue_after(const struct queue_row *r, const struct queue_key *k)
{
	bool active = r->status == ACCT_ACTIVE;

	if (active != k->active)
		return !active;
	return account_order_cmp(&r->priority, r->name ? r->name : "", r->account_id, &k->priority,
				 k->name ? k->name : "", k->account_id) > 0;
}

static int page_each(const struct queue_row *r, void *ctx)
{
	struct page *p = ctx;

	if (p->after && !queue_after(r, p->after))
		return 0;
	p->n++;
	p->stopped = p->cb(r, p->ctx) != 0;
	return p->stopped || p->n >= p->limit;
}

/* One phase of a long queue (the active accounts, or the others) down the
 * rank index, after the key when it is in this phase: the rest of its rank
 * group, then the groups after it, each a range of the index. */
static enum status walk_phase(struct db *db, int64_t defect_id, const char *status,
			      const struct queue_key *after, struct page *p, struct queue *q)
{
	static const char *const rest[] = {
		"",
		" AND c.rank_group = ?3 AND c.rank_value <= ?4 AND (c.rank_value < ?4"
		" OR a.name > ?5 COLLATE NOCASE OR (a.name = ?5 COLLATE NOCASE AND a.id > ?6))",
		" AND c.rank_group > ?3",
	};
	enum status s = STATUS_OK;
	size_t i;

	for (i = after ? 1 : 0;
	     i < (after ? 3u : 1u) && !q->stop && p->n < p->limit && s == STATUS_OK; i++) {
		char *sql = xasprintf(QUEUE_COLUMNS
				      " x.tagged, x.last_cited, op.id, op.status"
				      " FROM account_cache c"
				      " CROSS JOIN defect_account x"
				      " CROSS JOIN accounts a" QUEUE_PROBLEM
				      " WHERE x.defect_id = ?1 AND x.account_id = c.account_id"
				      " AND a.id = c.account_id AND %s%s"
				      " ORDER BY" QUEUE_ORDER " LIMIT ?2",
				      status, rest[i]);

		s = db_rows(db, sql,
			    DB_ARGS(DB_INT(defect_id), DB_INT((int64_t)(p->limit - p->n)),
				    DB_INT(after ? after->priority.group : 0),
				    DB_INT(after ? after->priority.value : 0),
				    DB_TEXT(after && after->name ? after->name : ""),
				    DB_INT(after ? after->account_id : 0)),
			    queue_each, q);
		free(sql);
	}
	return s;
}

/* A queue sorted whole, from the offset-th row. */
#define QUEUE_SORTED                                                                     \
	QUEUE_COLUMNS " x.tagged, x.last_cited, op.id, op.status"                        \
		      " FROM defect_account x"                                           \
		      " CROSS JOIN accounts a ON a.id = x.account_id"                    \
		      " CROSS JOIN account_cache c ON c.account_id = a.id" QUEUE_PROBLEM \
		      " WHERE x.defect_id = ?1"                                          \
		      " ORDER BY a.status <> 'active'," QUEUE_ORDER " LIMIT -1 OFFSET ?2"

/* A long queue down the rank index, from the row after p->after: the
 * active accounts, then the others. */
static enum status walk_queue(struct db *db, int64_t defect_id, struct page *p)
{
	struct queue q = {page_each, p, 0, false};
	const struct queue_key *after = p->after;
	enum status s = STATUS_OK;

	if (!after || after->active)
		s = walk_phase(db, defect_id, "a.status = 'active'", after, p, &q);
	if (s == STATUS_OK && !q.stop && p->n < p->limit)
		s = walk_phase(db, defect_id, "a.status <> 'active'",
			       after && !after->active ? after : NULL, p, &q);
	return s;
}

/* The accounts citing the defect, as the cache counts them. */
static enum status citing_count(struct db *db, int64_t defect_id, int64_t *citing)
{
	enum status s;

	*citing = 0;
	s = db_int(db, "SELECT accounts FROM defect_cache WHERE defect_id = ?",
		   DB_ARGS(DB_INT(defect_id)), citing);
	return s == STATUS_NOT_FOUND ? STATUS_OK : s;
}

enum status db_defect_queue(struct db *db, int64_t defect_id, const struct rules *rules, int today,
			    queue_cb cb, void *ctx)
{
	struct page p = {cb, ctx, NULL, QUEUE_WALK, 0, false};
	struct queue q = {cb, ctx, 0, false};
	int64_t citing;
	enum status s;

	(void)rules;
	(void)today;
	if (defect_id == 0)
		return STATUS_OK;
	if ((s = citing_count(db, defect_id, &citing)) != STATUS_OK)
		return s;
	if (citing > QUEUE_SORT_MAX) {
		/* the first rows down the rank index, then the rest sorted */
		s = walk_queue(db, defect_id, &p);
		if (p.stopped || s != STATUS_OK || p.n < QUEUE_WALK)
			return s; /* stopped, failed or the whole queue */
	}
	return db_rows(db, QUEUE_SORTED, DB_ARGS(DB_INT(defect_id), DB_INT((int64_t)p.n)),
		       queue_each, &q);
}

enum status db_defect_queue_page(struct db *db, int64_t defect_id, const struct queue_key *after,
				 size_t limit, queue_cb cb, void *ctx)
{
	struct page p = {cb, ctx, after, limit, 0, false};
	struct queue q = {page_each, &p, 0, false};
	int64_t citing;
	enum status s;

	if (defect_id == 0 || limit == 0)
		return STATUS_OK;
	if ((s = citing_count(db, defect_id, &citing)) != STATUS_OK)
		return s;
	if (citing > QUEUE_SORT_MAX)
		return walk_queue(db, defect_id, &p);
	/* a short queue sorted whole, the rows up to the key passed over */
	return db_rows(db, QUEUE_SORTED, DB_ARGS(DB_INT(defect_id), DB_INT(0)), queue_each, &q);
}

/*
 * The counts behind the defect ranking (defect_rank.h) and the follow-up
 * queue of a defect. The window is the advocacy window: window_days days up
 * to and including today, as the account cache uses.
 *
 * Both read the figures db_refresh() keeps (cache.c: defect_cache holds the
 * sums per defect, row 0 the window's totals; defect_account the responses
 * per defect and account), so neither walks the responses; they need a
 * refresh for the same rules and today first, as every caller does. A file
 * without those tables (made before them, until its next refresh adds
 * them) is counted from the core tables, as it always was.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/plan.h"
#include "acctplan/xalloc.h"

static void window(const struct rules *rules, int today, char first[DATE_LEN], char last[DATE_LEN])
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
	if ((s = db_prepare(db,
			    "SELECT count(*), total(score) FROM feedback"
			    " WHERE responded_on BETWEEN ?1 AND ?2",
			    &st)) != STATUS_OK)
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
	if ((s = db_prepare(db,
			    "SELECT d.id, d.code, d.title, d.category, count(f.id),"
			    " total(f.score), count(DISTINCT f.account_id),"
			    " (SELECT count(*) FROM problems p WHERE p.defect_id = d.id"
			    "  AND p.status <> 'reported_back')"
			    " FROM defects d"
			    " LEFT JOIN feedback_defects fd ON fd.defect_id = d.id"
			    " LEFT JOIN feedback f ON f.id = fd.feedback_id"
			    "  AND f.responded_on BETWEEN ?1 AND ?2"
			    " GROUP BY d.id ORDER BY d.code",
			    &st)) != STATUS_OK)
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
	if ((s = db_prepare(
		     db,
		     "SELECT d.id, d.code, d.title, d.category, coalesce(c.tagged, 0),"
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

/* The first columns of a queue row, from accounts a and account_cache c;
 * each query goes on with the account's citations (how many, the newest)
 * and its open problem op for the defect (id, status). */
#define QUEUE_COLUMNS "SELECT a.id, a.name, a.owner, a.status, c.quadrant, c.nps, a.revenue,"
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

/* Steps st, handing each row to cb and counting them in *n; *stop is set
 * when cb asked to stop. */
static enum status queue_rows(struct db *db, sqlite3_stmt *st, queue_cb cb, void *ctx, size_t *n,
			      bool *stop)
{
	struct queue_row r;
	enum status s;
	int rc;

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
		(*n)++;
		if (cb(&r, ctx)) {
			*stop = true;
			break;
		}
	}
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

/* How many accounts cite the defect, from defect_cache. */
static long queue_citing(struct db *db, int64_t defect_id)
{
	sqlite3_stmt *st;
	long n = 0;

	if (db_prepare(db, "SELECT accounts FROM defect_cache WHERE defect_id = ?", &st) !=
	    STATUS_OK)
		return 0;
	sqlite3_bind_int64(st, 1, defect_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The queue from defect_account (db_defect_cached()). */
static enum status queue_cached(struct db *db, int64_t defect_id, queue_cb cb, void *ctx)
{
	static const char *const walk[] = {"a.status = 'active'", "a.status <> 'active'"};
	sqlite3_stmt *st;
	enum status s = STATUS_OK;
	bool stop = false;
	size_t n = 0, i;

	if (defect_id == 0)
		return STATUS_OK;
	if (queue_citing(db, defect_id) > QUEUE_SORT_MAX) {
		/* active accounts first, then the others, each down the rank
		 * index (ties sorted by name as they come) */
		for (i = 0; i < 2 && !stop && n < QUEUE_WALK && s == STATUS_OK; i++) {
			char *sql =
				xasprintf(QUEUE_COLUMNS
					  " x.tagged, x.last_cited, op.id, op.status"
					  " FROM account_cache c"
					  " CROSS JOIN defect_account x"
					  " CROSS JOIN accounts a" QUEUE_PROBLEM
					  " WHERE x.defect_id = ?1 AND x.account_id = c.account_id"
					  " AND a.id = c.account_id AND %s"
					  " ORDER BY" QUEUE_ORDER " LIMIT ?2",
					  walk[i]);

			s = db_prepare(db, sql, &st);
			free(sql);
			if (s != STATUS_OK)
				break;
			sqlite3_bind_int64(st, 1, defect_id);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)(QUEUE_WALK - n));
			s = queue_rows(db, st, cb, ctx, &n, &stop);
		}
		if (stop || s != STATUS_OK || n < QUEUE_WALK)
			return s; /* stopped, failed or the whole queue */
	}
	if ((s = db_prepare(db,
			    QUEUE_COLUMNS
			    " x.tagged, x.last_cited, op.id, op.status"
			    " FROM defect_account x"
			    " CROSS JOIN accounts a ON a.id = x.account_id"
			    " CROSS JOIN account_cache c ON c.account_id = a.id" QUEUE_PROBLEM
			    " WHERE x.defect_id = ?1"
			    " ORDER BY a.status <> 'active'," QUEUE_ORDER " LIMIT -1 OFFSET ?2",
			    &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, defect_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)n);
	return queue_rows(db, st, cb, ctx, &n, &stop);
}

enum status db_defect_queue(struct db *db, int64_t defect_id, const struct rules *rules, int today,
			    queue_cb cb, void *ctx)
{
	char first[DATE_LEN], last[DATE_LEN];
	sqlite3_stmt *st;
	enum status s;
	bool stop = false;
	size_t n = 0;

	if (db_defect_cached(db))
		return queue_cached(db, defect_id, cb, ctx);
	window(rules, today, first, last);
	if ((s = db_prepare(db,
			    QUEUE_COLUMNS
			    " count(*), max(f.responded_on), op.id, op.status"
			    " FROM feedback_defects fd"
			    " JOIN feedback f ON f.id = fd.feedback_id"
			    " JOIN accounts a ON a.id = f.account_id"
			    " JOIN account_cache c ON c.account_id = a.id" QUEUE_PROBLEM
			    " WHERE fd.defect_id = ?1 AND f.responded_on BETWEEN ?2 AND ?3"
			    " GROUP BY a.id"
			    " ORDER BY a.status <> 'active'," QUEUE_ORDER,
			    &st)) != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, defect_id);
	sqlite3_bind_text(st, 2, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, last, -1, SQLITE_STATIC);
	return queue_rows(db, st, cb, ctx, &n, &stop);
}

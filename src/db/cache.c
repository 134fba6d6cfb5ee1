/*
 * The account cache: where each account stands (advocacy, share, quadrant,
 * priority) for one set of rules and one today, so the board and the lists
 * never recompute NPS over a million responses.
 *
 * Invariant: for every account in the cache and not in cache_dirty, its row
 * equals what the rules compute from the core tables for the fingerprint in
 * cache_state. The schema's triggers put an account in cache_dirty whenever
 * any program writes its feedback, its contacts' roles or its revenue,
 * wallet, fit or status; a new fingerprint (today moved on, thresholds or
 * weights changed) rebuilds every row. cache_totals sums the active
 * accounts' rows per quadrant; every refresh that changes a row builds it
 * again (deleting an account marks it dirty, so that counts as a change).
 * A read-only file gets the same tables in temp, built for this session.
 *
 * The defect figures follow the same invariant: defect_account holds, for
 * every account in the cache and not in cache_dirty, its responses in the
 * window per defect it cites (defect 0: all of them), and defect_cache sums
 * defect_account per defect after every refresh that changed anything,
 * with each defect's open problems. A full refresh builds both again; a
 * partial one takes the dirty accounts' old rows out of the sums and puts
 * their new ones in. Tags and problems mark their account dirty (schema
 * triggers), so any program's write reaches the figures. A writable file
 * made before these tables gets them at its next refresh; until then, and
 * in a file that cannot get them, the ranking is counted from the core
 * tables instead (db_defect_cached() false).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/xalloc.h"

static const char temp_cache_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS account_cache ("
	" account_id INTEGER PRIMARY KEY, nps REAL, counted INTEGER NOT NULL DEFAULT 0,"
	" share REAL, quadrant INTEGER NOT NULL, rank_group INTEGER NOT NULL,"
	" rank_value INTEGER NOT NULL, last_response TEXT);"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_rank"
	" ON account_cache(rank_group, rank_value DESC);"
	"CREATE TEMP TABLE IF NOT EXISTS cache_totals ("
	" quadrant INTEGER PRIMARY KEY, accounts INTEGER NOT NULL, revenue INTEGER NOT NULL,"
	" nps_sum REAL NOT NULL, nps_count INTEGER NOT NULL);"
	"CREATE TEMP TABLE IF NOT EXISTS defect_account ("
	" defect_id INTEGER NOT NULL, account_id INTEGER NOT NULL, tagged INTEGER NOT NULL,"
	" tagged_sum REAL NOT NULL, last_cited TEXT NOT NULL,"
	" PRIMARY KEY (defect_id, account_id)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS temp.defect_account_account ON defect_account(account_id);"
	"CREATE TEMP TABLE IF NOT EXISTS defect_cache ("
	" defect_id INTEGER PRIMARY KEY, tagged INTEGER NOT NULL DEFAULT 0,"
	" tagged_sum REAL NOT NULL DEFAULT 0, accounts INTEGER NOT NULL DEFAULT 0,"
	" open_problems INTEGER NOT NULL DEFAULT 0);";

/* The tagged responses in the window per defect and account: of every
 * account (each tag, then its response), or of the dirty ones only, through
 * feedback(account_id, responded_on) and the tags' primary key. The dirty
 * accounts are an IN list, not a join: joined, the planner may build a
 * Bloom filter over the whole of feedback for them. */
static const char tags_all_sql[] =
	"INSERT INTO defect_account(defect_id, account_id, tagged, tagged_sum, last_cited)"
	" SELECT fd.defect_id, f.account_id, count(*), total(f.score), max(f.responded_on)"
	" FROM feedback_defects fd CROSS JOIN feedback f ON f.id = fd.feedback_id"
	" WHERE f.responded_on BETWEEN ?1 AND ?2 AND fd.defect_id <> 0"
	" GROUP BY fd.defect_id, f.account_id";
static const char tags_dirty_sql[] =
	"INSERT INTO defect_account(defect_id, account_id, tagged, tagged_sum, last_cited)"
	" SELECT fd.defect_id, f.account_id, count(*), total(f.score), max(f.responded_on)"
	" FROM feedback f CROSS JOIN feedback_defects fd"
	" WHERE f.account_id IN (SELECT account_id FROM cache_dirty)"
	" AND f.responded_on BETWEEN ?1 AND ?2 AND fd.feedback_id = f.id AND fd.defect_id <> 0"
	" GROUP BY fd.defect_id, f.account_id";

/* Adds (sign 1) or takes out (sign -1) the dirty accounts' rows of
 * defect_account to or from the sums. */
static const char sums_dirty_sql[] =
	"INSERT INTO defect_cache(defect_id, tagged, tagged_sum, accounts)"
	" SELECT x.defect_id, ?1 * sum(x.tagged), ?1 * total(x.tagged_sum), ?1 * count(*)"
	" FROM defect_account x WHERE x.account_id IN (SELECT account_id FROM cache_dirty)"
	" GROUP BY x.defect_id"
	" ON CONFLICT (defect_id) DO UPDATE SET tagged = tagged + excluded.tagged,"
	" tagged_sum = tagged_sum + excluded.tagged_sum, accounts = accounts + excluded.accounts";

/* The sums from the whole of defect_account, then the open problems of
 * every defect in the catalogue (counted on problems(defect_id, status)). */
static const char sums_all_sql[] =
	"DELETE FROM defect_cache;"
	"INSERT INTO defect_cache(defect_id, tagged, tagged_sum, accounts)"
	" SELECT defect_id, sum(tagged), total(tagged_sum), count(*)"
	" FROM defect_account GROUP BY defect_id;";
static const char open_problems_sql[] =
	"INSERT OR IGNORE INTO defect_cache(defect_id) SELECT id FROM defects;"
	"UPDATE defect_cache SET open_problems = (SELECT count(*) FROM problems p"
	" WHERE p.defect_id = defect_cache.defect_id AND p.status <> 'reported_back');";

/* The board's figures per quadrant, again from the whole cache: one pass,
 * run only when a refresh changed the cache. */
static const char totals_sql[] =
	"DELETE FROM cache_totals;"
	"INSERT INTO cache_totals(quadrant, accounts, revenue, nps_sum, nps_count)"
	" SELECT c.quadrant, count(*), sum(a.revenue), total(c.nps), count(c.nps)"
	" FROM account_cache c JOIN accounts a ON a.id = c.account_id"
	" WHERE a.status = 'active' GROUP BY c.quadrant;";

struct builder {
	struct db *db;
	const struct rules *rules;
	int today;
	struct response *resp;
	size_t n, cap;
	/* the account's responses in the window, for defect_account's row 0 */
	long responses;
	double score_sum;
	char last_day[DATE_LEN];
	sqlite3_stmt *zero; /* inserts that row; NULL: no defect tables */
};

/* An account's row 0 of defect_account: all its responses in the window. */
static enum status put_zero(struct builder *b, int64_t id)
{
	int rc;

	if (!b->zero || b->responses == 0)
		return STATUS_OK;
	sqlite3_bind_int64(b->zero, 1, id);
	sqlite3_bind_int64(b->zero, 2, b->responses);
	sqlite3_bind_double(b->zero, 3, b->score_sum);
	sqlite3_bind_text(b->zero, 4, b->last_day, -1, SQLITE_STATIC);
	rc = sqlite3_step(b->zero);
	sqlite3_reset(b->zero);
	return rc == SQLITE_DONE ? STATUS_OK : db_error(b->db, rc);
}

static enum status put_row(struct builder *b, sqlite3_stmt *acct)
{
	struct advocacy adv;
	double share = 0;
	int64_t id = sqlite3_column_int64(acct, 0);
	int64_t revenue = sqlite3_column_int64(acct, 1);
	bool has_wallet = sqlite3_column_type(acct, 2) != SQLITE_NULL;
	int64_t wallet = sqlite3_column_int64(acct, 2);
	int fit = fit_from_name(db_col_text(acct, 3));
	bool share_known;
	enum quadrant q;
	struct priority pr;
	sqlite3_stmt *put;
	char last[DATE_LEN];
	int rc;

	advocacy_compute(b->resp, b->n, b->today, b->rules, &adv);
	share_known = share_compute(revenue, has_wallet, wallet, &share);
	q = quadrant_classify(b->rules, adv.known, adv.nps, share_known, share);
	pr = priority_of(q, fit < 0 ? FIT_UNKNOWN : (enum fit)fit, revenue, has_wallet, wallet);

	put = db_stmt(b->db, STMT_CACHE_PUT,
		      "INSERT OR REPLACE INTO account_cache(account_id, nps, counted, share,"
		      " quadrant, rank_group, rank_value, last_response)"
		      " VALUES (?,?,?,?,?,?,?,?)");
	if (!put)
		return STATUS_DB;
	sqlite3_bind_int64(put, 1, id);
	if (adv.known)
		sqlite3_bind_double(put, 2, adv.nps);
	sqlite3_bind_int(put, 3, adv.counted);
	if (share_known)
		sqlite3_bind_double(put, 4, share);
	sqlite3_bind_int(put, 5, q);
	sqlite3_bind_int(put, 6, pr.group);
	sqlite3_bind_int64(put, 7, pr.value);
	if (adv.known) {
		date_format(adv.last_day, last);
		sqlite3_bind_text(put, 8, last, -1, SQLITE_TRANSIENT);
	}
	rc = sqlite3_step(put);
	sqlite3_reset(put);
	return rc == SQLITE_DONE ? STATUS_OK : db_error(b->db, rc);
}

static int role_of(sqlite3_stmt *st, int col)
{
	int r;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return ROLE_ANONYMOUS;
	r = role_from_name(db_col_text(st, col));
	return r < 0 || r >= ROLE_COUNT ? ROLE_OTHER : r;
}

/* Computes the accounts that `where` selects ("" for all), walking accounts
 * and their windowed responses in account order side by side. */
static enum status build(struct builder *b, const char *where)
{
	char first[DATE_LEN], last[DATE_LEN];
	sqlite3_stmt *acct = NULL, *fb = NULL;
	char *sql;
	enum status st;
	int arc, frc;

	date_format(b->today - b->rules->window_days + 1, first);
	date_format(b->today, last);
	sql = xasprintf("SELECT id, revenue, wallet, fit FROM accounts a %s ORDER BY id", where);
	st = db_prepare(b->db, sql, &acct);
	free(sql);
	if (st != STATUS_OK)
		return st;
	sql = xasprintf("SELECT f.account_id, f.contact_id, c.role, f.responded_on, f.id, f.score"
			" FROM feedback f LEFT JOIN contacts c ON c.id = f.contact_id"
			" WHERE f.responded_on BETWEEN ?1 AND ?2 %s"
			" ORDER BY f.account_id",
			*where ? "AND f.account_id IN (SELECT account_id FROM cache_dirty)" : "");
	st = db_prepare(b->db, sql, &fb);
	free(sql);
	if (st != STATUS_OK)
		goto out;
	sqlite3_bind_text(fb, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(fb, 2, last, -1, SQLITE_STATIC);

	frc = sqlite3_step(fb);
	while ((arc = sqlite3_step(acct)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(acct, 0);

		b->n = 0;
		b->responses = 0;
		b->score_sum = 0;
		b->last_day[0] = '\0';
		while (frc == SQLITE_ROW && sqlite3_column_int64(fb, 0) < id)
			frc = sqlite3_step(fb); /* responses of vanished accounts */
		while (frc == SQLITE_ROW && sqlite3_column_int64(fb, 0) == id) {
			struct response *r;
			const char *on = db_col_text(fb, 3);
			int day;

			b->responses++;
			b->score_sum += sqlite3_column_int(fb, 5);
			if (strcmp(on, b->last_day) > 0)
				snprintf(b->last_day, sizeof(b->last_day), "%s", on);
			if (date_parse(on, &day)) {
				b->resp = xgrow(b->resp, &b->cap, b->n + 1, sizeof(*b->resp));
				r = &b->resp[b->n++];
				r->contact_id = sqlite3_column_int64(fb, 1);
				r->role = role_of(fb, 2);
				r->day = day;
				r->order = sqlite3_column_int64(fb, 4);
				r->score = sqlite3_column_int(fb, 5);
			}
			frc = sqlite3_step(fb);
		}
		if (frc != SQLITE_ROW && frc != SQLITE_DONE) {
			st = db_error(b->db, frc);
			goto out;
		}
		if ((st = put_row(b, acct)) != STATUS_OK || (st = put_zero(b, id)) != STATUS_OK)
			goto out;
	}
	if (arc != SQLITE_DONE)
		st = db_error(b->db, arc);
out:
	sqlite3_finalize(acct);
	sqlite3_finalize(fb);
	return st;
}

static void fingerprint(const struct rules *r, int today, char *buf, size_t n)
{
	char day[DATE_LEN];

	date_format(today, day);
	snprintf(buf, n, "1|%s|%d|%.6g|%.6g|%.6g|%.6g|%.6g|%.6g|%.6g", day, r->window_days,
		 r->advocacy_high, r->share_high, r->weight[0], r->weight[1], r->weight[2],
		 r->weight[3], r->weight[4]);
}

static enum status snapshot(struct db *db, int today)
{
	char day[DATE_LEN], *sql;
	enum status st;

	date_format(today, day);
	sql = sqlite3_mprintf(
		"INSERT OR REPLACE INTO snapshots(taken_on, account_id, nps, share, quadrant)"
		" SELECT %Q, c.account_id, c.nps, c.share, CASE c.quadrant"
		" WHEN 0 THEN 'repair' WHEN 1 THEN 'protect' WHEN 2 THEN 'grow'"
		" WHEN 3 THEN 'fix_basics' ELSE 'no_feedback' END"
		" FROM account_cache c JOIN accounts a ON a.id = c.account_id"
		" WHERE a.status = 'active'",
		day);
	st = db_exec(db, sql);
	sqlite3_free(sql);
	return st;
}

bool db_defect_cached(struct db *db)
{
	sqlite3_stmt *q;

	if (db->has_defects == 0 && db_prepare(db,
					       "SELECT count(*) FROM sqlite_master"
					       " WHERE type = 'table' AND name IN"
					       " ('defect_account', 'defect_cache')",
					       &q) == STATUS_OK) {
		db->has_defects =
			sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 2 ? 1 : -1;
		sqlite3_finalize(q);
	}
	return db->has_defects > 0;
}

/* Gives a file made by an earlier build of schema 1 the defect figures'
 * tables, index and triggers: the part of schema_v1.sql between its
 * markers, in the refresh's transaction, which then rebuilds in full. */
static enum status add_defect_figures(struct db *db)
{
	static const char begin[] = "-- @defect-figures\n", end[] = "-- @end-defect-figures";
	const char *b = strstr(db_schema_v1, begin), *e = b ? strstr(b, end) : NULL;
	enum status st;
	char *sql;

	if (!e)
		return status_set(STATUS_DB, "%s: the schema has no defect figures", db->path);
	sql = xasprintf("DROP INDEX IF EXISTS problems_defect;\n%.*s", (int)(e - b), b);
	st = db_exec(db, sql);
	free(sql);
	if (st == STATUS_OK)
		db->has_defects = 1;
	return st;
}

/* Runs one of the statements above that take the window as ?1 and ?2, or
 * a sign as ?1. */
static enum status run(struct db *db, const char *sql, const char *first, const char *last,
		       int sign)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((s = db_prepare(db, sql, &st)) != STATUS_OK)
		return s;
	if (first) {
		sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int(st, 1, sign);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
}

/* Builds account_cache (and the defect figures, when the file has them)
 * for every account (full) or for the dirty ones. */
static enum status rebuild(struct builder *b, bool full)
{
	struct db *db = b->db;
	bool defects = db_defect_cached(db);
	char first[DATE_LEN], last[DATE_LEN];
	enum status st;

	date_format(b->today - b->rules->window_days + 1, first);
	date_format(b->today, last);
	if (defects) {
		if (full)
			st = db_exec(db, "DELETE FROM defect_account");
		else if ((st = run(db, sums_dirty_sql, NULL, NULL, -1)) == STATUS_OK)
			st = db_exec(db, "DELETE FROM defect_account WHERE account_id IN"
					 " (SELECT account_id FROM cache_dirty)");
		if (st != STATUS_OK)
			return st;
		if ((st = db_prepare(db,
				     "INSERT INTO defect_account(defect_id, account_id, tagged,"
				     " tagged_sum, last_cited) VALUES (0, ?, ?, ?, ?)",
				     &b->zero)) != STATUS_OK)
			return st;
	}
	if (full)
		st = db_exec(db, "DELETE FROM account_cache");
	else
		st = db_exec(db, "DELETE FROM account_cache WHERE account_id IN"
				 " (SELECT account_id FROM cache_dirty)");
	if (st == STATUS_OK)
		st = build(b, full ? "" : "WHERE id IN (SELECT account_id FROM cache_dirty)");
	sqlite3_finalize(b->zero);
	b->zero = NULL;
	if (st != STATUS_OK || !defects)
		return st;
	if (full) {
		if ((st = run(db, tags_all_sql, first, last, 0)) == STATUS_OK)
			st = db_exec(db, sums_all_sql);
	} else {
		if ((st = run(db, tags_dirty_sql, first, last, 0)) == STATUS_OK)
			st = run(db, sums_dirty_sql, NULL, NULL, 1);
	}
	if (st == STATUS_OK)
		st = db_exec(db, open_problems_sql);
	return st;
}

enum status db_refresh(struct db *db, const struct rules *rules, int today)
{
	struct builder b = {.db = db, .rules = rules, .today = today};
	char fp[256];
	sqlite3_stmt *q;
	enum status st;
	bool full;

	fingerprint(rules, today, fp, sizeof(fp));
	if (db->readonly) {
		if (db->temp_cache)
			return STATUS_OK;
		if ((st = db_exec(db, temp_cache_sql)) != STATUS_OK)
			return st;
		db->has_defects = 1;
		st = rebuild(&b, true);
		free(b.resp);
		if (st == STATUS_OK)
			st = db_exec(db, "ANALYZE temp.account_cache");
		if (st == STATUS_OK)
			st = db_exec(db, totals_sql);
		db->temp_cache = db->has_totals = st == STATUS_OK;
		return st;
	}
	/* the common case, cheaply and without a write lock */
	if (db_defect_cached(db) &&
	    db_prepare(db,
		       "SELECT (SELECT value FROM cache_state WHERE key = 'fingerprint'),"
		       " EXISTS (SELECT 1 FROM cache_dirty)",
		       &q) == STATUS_OK) {
		bool fresh = sqlite3_step(q) == SQLITE_ROW && strcmp(db_col_text(q, 0), fp) == 0 &&
			     sqlite3_column_int(q, 1) == 0;
		sqlite3_finalize(q);
		if (fresh)
			return STATUS_OK;
	}
	if ((st = db_begin(db)) != STATUS_OK)
		return st;
	if ((st = db_prepare(db, "SELECT value FROM cache_state WHERE key = 'fingerprint'", &q)) !=
	    STATUS_OK)
		goto fail;
	full = sqlite3_step(q) != SQLITE_ROW || strcmp(db_col_text(q, 0), fp) != 0;
	sqlite3_finalize(q);
	if (!db_defect_cached(db)) {
		if ((st = add_defect_figures(db)) != STATUS_OK)
			goto fail;
		full = true;
	}
	if ((st = rebuild(&b, full)) != STATUS_OK)
		goto fail;
	if (full) {
		/* statistics for the new rows, or the planner, knowing accounts
		 * but not the cache, filters every join with a scan of accounts */
		if ((st = snapshot(db, today)) != STATUS_OK ||
		    (st = db_exec(db, "ANALYZE account_cache")) != STATUS_OK)
			goto fail;
		if ((st = db_prepare(db,
				     "INSERT OR REPLACE INTO cache_state VALUES ('fingerprint', ?)",
				     &q)) != STATUS_OK)
			goto fail;
		sqlite3_bind_text(q, 1, fp, -1, SQLITE_STATIC);
		sqlite3_step(q);
		sqlite3_finalize(q);
	}
	if (db->has_totals && (st = db_exec(db, totals_sql)) != STATUS_OK)
		goto fail;
	if ((st = db_exec(db, "DELETE FROM cache_dirty")) != STATUS_OK)
		goto fail;
	free(b.resp);
	if ((st = db_commit(db)) != STATUS_OK)
		db->has_defects = 0;
	return st;
fail:
	free(b.resp);
	db_rollback(db);
	db->has_defects = 0; /* ask again: the rollback may have taken them back out */
	return st;
}

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
 * triggers), so any program's write reaches the figures.
 *
 * Every refresh that rebuilds accounts, in full or the dirty ones, then
 * writes their history (db_history_record(), history.c): a row of
 * snapshots for each whose standing moved since its last row. It is a pass
 * of its own, given the table that names what was rebuilt, so any other
 * way of rebuilding (a day's rollover that recomputes only the accounts
 * whose responses enter or leave the window) composes with it.
 *
 * Quadrants are stored by name (quadrant_name()), never as the enum's
 * numbers. The fingerprint is rules_fingerprint(): the rules' version in
 * code, today and every field of the rules.
 *
 * A copy in temp, shadowing the file's tables, serves a read-only file, and
 * a writable one whose write lock another program holds: it is built in
 * full, and again when the rules, today or the file's data version changed.
 * db_begin() drops it, so a writer works on the file's own tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/xalloc.h"

/* The derived tables as schema/002-derived-by-name.sql makes them. */
#define QUADRANT_CHECK "CHECK (quadrant IN ('repair','protect','grow','fix_basics','no_feedback'))"
static const char temp_cache_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS account_cache ("
	" account_id INTEGER PRIMARY KEY, nps REAL, counted INTEGER NOT NULL DEFAULT 0,"
	" share REAL, quadrant TEXT NOT NULL " QUADRANT_CHECK ", rank_group INTEGER NOT NULL,"
	" rank_value INTEGER NOT NULL, last_response TEXT);"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_rank"
	" ON account_cache(rank_group, rank_value DESC);"
	"CREATE TEMP TABLE IF NOT EXISTS cache_totals ("
	" quadrant TEXT PRIMARY KEY " QUADRANT_CHECK ", accounts INTEGER NOT NULL,"
	" revenue INTEGER NOT NULL, nps_sum REAL NOT NULL, nps_count INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS defect_account ("
	" defect_id INTEGER NOT NULL, account_id INTEGER NOT NULL, tagged INTEGER NOT NULL,"
	" tagged_sum REAL NOT NULL, last_cited TEXT NOT NULL,"
	" PRIMARY KEY (defect_id, account_id)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS temp.defect_account_account ON defect_account(account_id);"
	"CREATE TEMP TABLE IF NOT EXISTS defect_cache ("
	" defect_id INTEGER PRIMARY KEY, tagged INTEGER NOT NULL DEFAULT 0,"
	" tagged_sum REAL NOT NULL DEFAULT 0, accounts INTEGER NOT NULL DEFAULT 0,"
	" open_problems INTEGER NOT NULL DEFAULT 0);";
static const char temp_drop_sql[] = "DROP TABLE IF EXISTS temp.account_cache;"
				    "DROP TABLE IF EXISTS temp.cache_totals;"
				    "DROP TABLE IF EXISTS temp.defect_account;"
				    "DROP TABLE IF EXISTS temp.defect_cache;";

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
};

/* An account's row 0 of defect_account: all its responses in the window. */
static enum status put_zero(struct builder *b, int64_t id)
{
	if (b->responses == 0)
		return STATUS_OK;
	return db_run_cached(b->db, STMT_CACHE_ZERO,
			     "INSERT INTO defect_account(defect_id, account_id, tagged, tagged_sum,"
			     " last_cited) VALUES (0, ?, ?, ?, ?)",
			     DB_ARGS(DB_INT(id), DB_INT(b->responses), DB_REAL(b->score_sum),
				     DB_TEXT(b->last_day)));
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
	char last[DATE_LEN];

	advocacy_compute(b->resp, b->n, b->today, b->rules, &adv);
	share_known = share_compute(revenue, has_wallet, wallet, &share);
	q = quadrant_classify(b->rules, adv.known, adv.nps, share_known, share);
	pr = priority_of(q, fit < 0 ? FIT_UNKNOWN : (enum fit)fit, revenue, has_wallet, wallet);
	if (adv.known)
		date_format(adv.last_day, last);
	return db_run_cached(b->db, STMT_CACHE_PUT,
			     "INSERT OR REPLACE INTO account_cache(account_id, nps, counted, share,"
			     " quadrant, rank_group, rank_value, last_response)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			     DB_ARGS(DB_INT(id), DB_REAL_IF(adv.known, adv.nps),
				     DB_INT(adv.counted), DB_REAL_IF(share_known, share),
				     DB_TEXT(quadrant_name(q)), DB_INT(pr.group), DB_INT(pr.value),
				     DB_TEXT(adv.known ? last : NULL)));
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

/* Builds account_cache and the defect figures for every account (full) or
 * for the dirty ones. */
static enum status rebuild(struct builder *b, bool full)
{
	struct db *db = b->db;
	char first[DATE_LEN], last[DATE_LEN];
	enum status st;

	date_format(b->today - b->rules->window_days + 1, first);
	date_format(b->today, last);
	if (full)
		st = db_exec(db, "DELETE FROM defect_account; DELETE FROM account_cache");
	else if ((st = db_run(db, sums_dirty_sql, DB_ARGS(DB_INT(-1)))) == STATUS_OK)
		st = db_exec(db, "DELETE FROM defect_account WHERE account_id IN"
				 " (SELECT account_id FROM cache_dirty);"
				 "DELETE FROM account_cache WHERE account_id IN"
				 " (SELECT account_id FROM cache_dirty)");
	if (st == STATUS_OK)
		st = build(b, full ? "" : "WHERE id IN (SELECT account_id FROM cache_dirty)");
	if (st != STATUS_OK)
		return st;
	if (full) {
		if ((st = db_run(db, tags_all_sql, DB_ARGS(DB_TEXT(first), DB_TEXT(last)))) ==
		    STATUS_OK)
			st = db_exec(db, sums_all_sql);
	} else {
		if ((st = db_run(db, tags_dirty_sql, DB_ARGS(DB_TEXT(first), DB_TEXT(last)))) ==
		    STATUS_OK)
			st = db_run(db, sums_dirty_sql, DB_ARGS(DB_INT(1)));
	}
	if (st == STATUS_OK)
		st = db_exec(db, open_problems_sql);
	return st;
}

/* Whether the file's cache is current: its fingerprint, and no account
 * dirty. */
static enum status cache_fresh(struct db *db, const char *fp, bool *fresh, bool *same_fp)
{
	char *have = NULL;
	int64_t dirty = 0;
	enum status st;

	st = db_text(db, "SELECT value FROM main.cache_state WHERE key = 'fingerprint'", DB_NOARGS,
		     &have);
	if (st == STATUS_NOT_FOUND)
		st = STATUS_OK;
	if (st == STATUS_OK)
		st = db_int(db, "SELECT EXISTS (SELECT 1 FROM main.cache_dirty)", DB_NOARGS,
			    &dirty);
	*same_fp = have && strcmp(have, fp) == 0;
	*fresh = *same_fp && !dirty;
	free(have);
	return st;
}

/* The refresh proper, inside a write transaction the caller holds. */
static enum status refresh_locked(struct db *db, const struct rules *rules, int today)
{
	struct builder b = {.db = db, .rules = rules, .today = today};
	char fp[RULES_FINGERPRINT_LEN];
	bool fresh, full;
	enum status st;

	rules_fingerprint(rules, today, fp, sizeof(fp));
	if ((st = cache_fresh(db, fp, &fresh, &full)) != STATUS_OK || fresh)
		return st;
	full = !full;
	st = rebuild(&b, full);
	free(b.resp);
	/* the history of the accounts rebuilt, while cache_dirty still names
	 * them */
	if (st == STATUS_OK)
		st = db_history_record(db, rules, today, full ? NULL : "cache_dirty");
	/* statistics for the new rows, or the planner, knowing accounts but
	 * not the cache, filters every join with a scan of accounts */
	if (st == STATUS_OK && full && (st = db_exec(db, "ANALYZE account_cache")) == STATUS_OK)
		st = db_run(db, "INSERT OR REPLACE INTO cache_state VALUES ('fingerprint', ?)",
			    DB_ARGS(DB_TEXT(fp)));
	if (st == STATUS_OK)
		st = db_exec(db, totals_sql);
	if (st == STATUS_OK)
		st = db_exec(db, "DELETE FROM cache_dirty");
	return st;
}

enum status db_refresh_locked(struct db *db)
{
	return db->refreshed && !db->readonly ? refresh_locked(db, &db->rules, db->today)
					      : STATUS_OK;
}

enum status db_temp_cache_drop(struct db *db)
{
	enum status st;

	if (!db->temp_cache)
		return STATUS_OK;
	db_forget_statements(db);
	if ((st = db_exec(db, temp_drop_sql)) == STATUS_OK)
		db->temp_cache = false;
	return st;
}

static int64_t data_version(struct db *db)
{
	int64_t v = -1;

	db_int(db, "PRAGMA data_version", DB_NOARGS, &v);
	return v;
}

/* The derived tables in temp, built in full from one snapshot of the file
 * (a read transaction), unless they are current: same fingerprint and no
 * commit by another program since. */
static enum status refresh_temp(struct db *db, const struct rules *rules, int today, const char *fp)
{
	struct builder b = {.db = db, .rules = rules, .today = today};
	enum status st;
	int64_t version;

	/* made outside the transaction, so a rollback cannot take them away
	 * while they are counted as there */
	if (!db->temp_cache) {
		db_forget_statements(db);
		if ((st = db_exec(db, temp_cache_sql)) != STATUS_OK)
			return st;
		db->temp_cache = true;
		db->temp_fingerprint[0] = '\0';
	}
	if ((st = db_exec(db, "BEGIN")) != STATUS_OK)
		return st;
	version = data_version(db);
	if (version == db->temp_version && strcmp(db->temp_fingerprint, fp) == 0)
		return db_commit(db);
	st = rebuild(&b, true);
	free(b.resp);
	if (st == STATUS_OK)
		st = db_exec(db, "ANALYZE temp.account_cache");
	if (st == STATUS_OK)
		st = db_exec(db, totals_sql);
	if (st == STATUS_OK)
		st = db_commit(db);
	if (st != STATUS_OK) {
		db_rollback(db);
		db->temp_fingerprint[0] = '\0'; /* build it again next time */
		return st;
	}
	snprintf(db->temp_fingerprint, sizeof(db->temp_fingerprint), "%s", fp);
	db->temp_version = version;
	return STATUS_OK;
}

enum status db_refresh(struct db *db, const struct rules *rules, int today)
{
	char fp[RULES_FINGERPRINT_LEN];
	enum status st;
	bool fresh, same_fp;

	db->rules = *rules;
	db->today = today;
	db->refreshed = true;
	rules_fingerprint(rules, today, fp, sizeof(fp));
	/* a file that cannot, or must not (damaged), be written keeps its
	 * derived tables in temp */
	if (db->readonly || db->damaged)
		return refresh_temp(db, rules, today, fp);
	/* the common case, cheaply and without a write lock */
	if ((st = cache_fresh(db, fp, &fresh, &same_fp)) != STATUS_OK)
		return st;
	if (fresh)
		return db_temp_cache_drop(db);
	/* another program's write lock: wait a little, then answer from a
	 * copy in temp rather than fail or keep the reader waiting */
	sqlite3_busy_timeout(db->sql, DB_REFRESH_WAIT_MS);
	st = db_lock(db);
	sqlite3_busy_timeout(db->sql, DB_WRITE_WAIT_MS);
	if (st == STATUS_DB_BUSY)
		return refresh_temp(db, rules, today, fp);
	if (st != STATUS_OK)
		return st;
	if ((st = db_temp_cache_drop(db)) == STATUS_OK &&
	    (st = refresh_locked(db, rules, today)) == STATUS_OK)
		return db_commit(db);
	db_rollback(db);
	return st;
}

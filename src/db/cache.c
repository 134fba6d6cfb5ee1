/*
 * The account cache: where each account stands (advocacy, share, quadrant,
 * priority) for one set of rules and one today, so the board and the lists
 * never recompute NPS over a million responses.
 *
 * Invariant: for every account in the cache and not in cache_dirty, its row
 * equals what the rules compute from the core tables for the fingerprint in
 * cache_state. The schema's triggers put an account in cache_dirty whenever
 * any program writes its feedback, its contacts' roles, its win-back notes
 * or its name, revenue, wallet, fit, status, owner, day lost or win-back
 * dropped. A new fingerprint whose rules are the same
 * and whose today moved on by 1 to DB_ROLLOVER_DAYS days (a day's
 * rollover) rebuilds only the accounts the days can change: an account's
 * row depends on today only through the window, so those with a response
 * whose date entered or left it (found on feedback_date, by the dates as
 * text, as the window selects them), with the dirty ones. Any other new
 * fingerprint (thresholds or weights changed, RULES_VERSION, today going
 * back or jumping further) rebuilds every row, reporting to the db's
 * progress (db_set_progress()). A read-only file gets the same tables in
 * temp, built for this session.
 *
 * The sums follow the rows: each row keeps the owner, revenue and activity
 * it was counted with, and its fine bin on the scatter plot (bin_x, bin_y),
 * so cache_totals (per quadrant, NPS also in exact units) and scatter_cells
 * and scatter_bins (per fine bin, of the book and of each owner) equal the
 * sums over the active rows. A full refresh makes them from every row; any
 * other takes each rebuilt account's old row out and puts its new one in
 * as it writes it (struct sums_delta, sums_flush()), so a refresh costs
 * what it rebuilds, not the book; integer sums make the result the same in
 * any order, so it equals a full rebuild's exactly (tests/db/rollover.sh).
 *
 * The defect figures follow the same invariant: defect_account holds, for
 * every account in the cache and not in cache_dirty, its responses in the
 * window per defect it cites; defect_cache sums defect_account per defect,
 * with each defect's open problems, and feedback_days (each day's
 * responses, kept by triggers: schema 20) over the window as its row 0
 * (the window's totals), after every refresh that changed anything. A full
 * refresh builds both again; a partial one takes the dirty accounts' old
 * rows out of the sums and puts their new ones in. Tags and problems mark
 * their account dirty (schema triggers), so any program's write reaches
 * the figures.
 *
 * A partial refresh writes in place: an account's row of account_cache is
 * updated, and only in the columns no index orders it by when those it is
 * ordered and counted by stay (put_row()); its tag rows of defect_account
 * are written where they changed (tags_put(), from the tags the walk met
 * with the responses). What a day leaves as it was is not written again,
 * so a rollover's commit and the checkpoint after it cost the pages that
 * changed (on the 100,000-account book, some 2,400 pages a day where
 * writing the rows whole took 5,400).
 *
 * Every refresh that rebuilds accounts, in full or the dirty ones, then
 * writes their history (db_history_record(), history.c): a row of
 * snapshots for each whose standing moved since its last row. It is a pass
 * of its own, given the table that names what was rebuilt, so any other
 * way of rebuilding (a day's rollover that recomputes only the accounts
 * whose responses enter or leave the window) composes with it. The
 * history depends on today also through the hold as of today (readiness
 * conditions met on a day, a hold set by hand dated), and reads the last
 * row up to today: a rollover adds the accounts with a condition met, a
 * hold dated or a row of history in the days it passes over, so that what
 * it writes is what a full rebuild would write.
 *
 * Quadrants are stored by name (quadrant_name()), never as the enum's
 * numbers. The fingerprint is rules_fingerprint(): the rules' version in
 * code, today and every field of the rules.
 *
 * A copy in temp, shadowing the file's tables, serves a read-only file, and
 * a writable one whose write lock another program holds: it is built in
 * full, and again when the rules or the file's data version changed; a new
 * day alone rolls it over as above (the history is the file's, not kept
 * there).
 * db_begin() drops it, so a writer works on the file's own tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/agenda.h"
#include "acctplan/date.h"
#include "acctplan/plays.h"
#include "acctplan/progress.h"
#include "acctplan/scatter.h"
#include "acctplan/strmap.h"
#include "acctplan/xalloc.h"

#define REBUILD_LABEL "rebuilding the standings"

/* The derived tables as schema/002-derived-by-name.sql, 006-scale.sql,
 * 009-cache-held.sql, 011-cache-responses.sql, 013-cache-held-active.sql,
 * 016-cache-winback.sql, 017-cache-name.sql and 020-window-days.sql make
 * them. */
#define QUADRANT_CHECK "CHECK (quadrant IN ('repair','protect','grow','fix_basics','no_feedback'))"
static const char temp_cache_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS account_cache ("
	" account_id INTEGER PRIMARY KEY, nps REAL, counted INTEGER NOT NULL DEFAULT 0,"
	" share REAL, quadrant TEXT NOT NULL " QUADRANT_CHECK ", rank_group INTEGER NOT NULL,"
	" rank_value INTEGER NOT NULL, last_response TEXT, owner TEXT NOT NULL DEFAULT '',"
	" revenue INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 0,"
	" bin_x INTEGER NOT NULL DEFAULT -1, bin_y INTEGER NOT NULL DEFAULT 0,"
	" held INTEGER NOT NULL DEFAULT 0, winback INTEGER NOT NULL DEFAULT 0,"
	" winback_due TEXT NOT NULL DEFAULT '', winback_step INTEGER NOT NULL DEFAULT 0,"
	" name TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_rank"
	" ON account_cache(rank_group, rank_value DESC);"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_quadrant"
	" ON account_cache(quadrant, rank_group, rank_value DESC);"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_bin"
	" ON account_cache(bin_x, bin_y) WHERE active = 1;"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_held"
	" ON account_cache(held, rank_group, rank_value DESC, active);"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_go"
	" ON account_cache(rank_group, rank_value DESC) WHERE held = 0 AND active = 1;"
	"CREATE INDEX IF NOT EXISTS temp.account_cache_winback"
	" ON account_cache(winback, winback_due, name COLLATE NOCASE, account_id, owner)"
	" WHERE winback > 0;"
	"CREATE TEMP TABLE IF NOT EXISTS cache_totals ("
	" quadrant TEXT PRIMARY KEY " QUADRANT_CHECK ", accounts INTEGER NOT NULL,"
	" revenue INTEGER NOT NULL, nps_sum REAL NOT NULL, nps_count INTEGER NOT NULL,"
	" nps_units INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS defect_account ("
	" defect_id INTEGER NOT NULL, account_id INTEGER NOT NULL, tagged INTEGER NOT NULL,"
	" tagged_sum REAL NOT NULL, last_cited TEXT NOT NULL,"
	" PRIMARY KEY (defect_id, account_id)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS temp.defect_account_account ON defect_account(account_id);"
	"CREATE TEMP TABLE IF NOT EXISTS defect_cache ("
	" defect_id INTEGER PRIMARY KEY, tagged INTEGER NOT NULL DEFAULT 0,"
	" tagged_sum REAL NOT NULL DEFAULT 0, accounts INTEGER NOT NULL DEFAULT 0,"
	" open_problems INTEGER NOT NULL DEFAULT 0);"
	"CREATE TEMP TABLE IF NOT EXISTS scatter_cells (x INTEGER NOT NULL, y INTEGER NOT NULL,"
	" accounts INTEGER NOT NULL, PRIMARY KEY (x, y)) WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS scatter_bins (owner TEXT NOT NULL, x INTEGER NOT NULL,"
	" y INTEGER NOT NULL, accounts INTEGER NOT NULL, PRIMARY KEY (owner, x, y))"
	" WITHOUT ROWID;";
static const char temp_drop_sql[] = "DROP TABLE IF EXISTS temp.account_cache;"
				    "DROP TABLE IF EXISTS temp.cache_totals;"
				    "DROP TABLE IF EXISTS temp.defect_account;"
				    "DROP TABLE IF EXISTS temp.defect_cache;"
				    "DROP TABLE IF EXISTS temp.scatter_cells;"
				    "DROP TABLE IF EXISTS temp.scatter_bins;";

/* The tagged responses in the window per defect and account, of every
 * account (each tag, then its response), for a full rebuild. A partial
 * one meets the set's tags with its responses in the walk (build(),
 * tags_put()). */
static const char tags_all_sql[] =
	"INSERT INTO defect_account(defect_id, account_id, tagged, tagged_sum, last_cited)"
	" SELECT fd.defect_id, f.account_id, count(*), total(f.score), max(f.responded_on)"
	" FROM feedback_defects fd CROSS JOIN feedback f ON f.id = fd.feedback_id"
	" WHERE f.responded_on BETWEEN ?1 AND ?2 AND fd.defect_id <> 0"
	" GROUP BY fd.defect_id, f.account_id";

/* Takes the rows of defect_account of the accounts a table names (%s) out
 * of the defects' sums (?1: -1), or puts them in (1): those of accounts
 * deleted since the last refresh (sums_gone()). */
#define SUMS_SET_SQL                                                                       \
	"INSERT INTO defect_cache(defect_id, tagged, tagged_sum, accounts)"                \
	" SELECT x.defect_id, ?1 * sum(x.tagged), ?1 * total(x.tagged_sum), ?1 * count(*)" \
	" FROM defect_account x WHERE x.account_id IN (SELECT account_id FROM %s)"         \
	" GROUP BY x.defect_id"                                                            \
	" ON CONFLICT (defect_id) DO UPDATE SET tagged = tagged + excluded.tagged,"        \
	" tagged_sum = tagged_sum + excluded.tagged_sum, accounts = accounts + excluded.accounts"
/* The tag rows of the accounts a table names (%s) from their responses in
 * the window (?1 to ?2), as tags_all_sql makes every account's: those of
 * accounts deleted since with their responses left (foreign keys off),
 * which a full rebuild counts too. */
#define TAGS_GONE_SQL                                                                           \
	"INSERT INTO defect_account(defect_id, account_id, tagged, tagged_sum, last_cited)"     \
	" SELECT fd.defect_id, f.account_id, count(*), total(f.score), max(f.responded_on)"     \
	" FROM feedback f CROSS JOIN feedback_defects fd"                                       \
	" WHERE f.account_id IN (SELECT account_id FROM %s)"                                    \
	" AND f.responded_on BETWEEN ?1 AND ?2 AND fd.feedback_id = f.id AND fd.defect_id <> 0" \
	" GROUP BY fd.defect_id, f.account_id"

/* Runs the sql of a format naming the set once, with args. */
static enum status run_set(struct db *db, const char *fmt, const char *set,
			   const struct db_arg *args, size_t n)
{
	char *sql = xasprintf(fmt, set);
	enum status st = db_run(db, sql, args, n);

	free(sql);
	return st;
}

/* The sums from the whole of defect_account, then the open problems of
 * every defect in the catalogue (counted on problems(defect_id, status)). */
static const char sums_all_sql[] =
	"DELETE FROM defect_cache;"
	"INSERT INTO defect_cache(defect_id, tagged, tagged_sum, accounts)"
	" SELECT defect_id, sum(tagged), total(tagged_sum), count(*)"
	" FROM defect_account GROUP BY defect_id;";
static const char defect_rows_sql[] =
	"INSERT OR IGNORE INTO defect_cache(defect_id) SELECT id FROM defects;";
/* Counts every defect's problems: a refresh runs it only when problems may
 * have changed since the last (builder.problems), as it costs the whole
 * table (36 M of a day's 305 M instructions on the 100,000-account book). */
static const char open_problems_sql[] =
	"UPDATE defect_cache SET open_problems = (SELECT count(*) FROM problems p"
	" WHERE p.defect_id = defect_cache.defect_id AND p.status <> 'reported_back');";

/* The sums over the active accounts' rows of account_cache, each row
 * counting with what it holds (its owner, revenue, activity as built):
 * cache_totals per quadrant, its NPS summed in whole units (NPS_UNIT, so
 * that the sum is the same in any order), and scatter_cells and
 * scatter_bins per NPS point and share percent (bin_x, bin_y: the
 * plot's fine bins, scatter_bin()). A full refresh makes them from
 * every row; any other takes each old row out and puts its new one in as
 * put_row() writes it (struct sums_delta), then drops what became
 * empty. Each sum reads the table through once: with account_cache_quadrant
 * to walk, the planner would look every row up from the index in
 * quadrant order (4.3 s against 1.3 s at a million accounts). */
#define NPS_UNIT "232792560" /* lcm(1..20): 100 k / n is a whole number of them */
#define NPS_UNIT_N 232792560.0
#define NPS_UNITS "coalesce(sum(CAST(round(c.nps * " NPS_UNIT ") AS INTEGER)), 0)"
#define SCATTER_X "c.bin_x"
#define SCATTER_Y "c.bin_y"
static const char sums_all_sql_cache[] =
	"DELETE FROM cache_totals;"
	"INSERT INTO cache_totals(quadrant, accounts, revenue, nps_sum, nps_count, nps_units)"
	" SELECT c.quadrant, count(*), sum(c.revenue), 0, count(c.nps), " NPS_UNITS
	" FROM account_cache c NOT INDEXED WHERE c.active = 1 GROUP BY c.quadrant;"
	"UPDATE cache_totals SET nps_sum = nps_units / " NPS_UNIT ".0;"
	"DELETE FROM scatter_cells;"
	"INSERT INTO scatter_cells(x, y, accounts) SELECT " SCATTER_X ", " SCATTER_Y ", count(*)"
	" FROM account_cache c WHERE c.active = 1 GROUP BY 1, 2;"
	"DELETE FROM scatter_bins;"
	"INSERT INTO scatter_bins(owner, x, y, accounts) SELECT c.owner, " SCATTER_X ", " SCATTER_Y
	", count(*) FROM account_cache c WHERE c.active = 1 GROUP BY 1, 2, 3;";
/* the few rows of the sums that may have become empty (the scatter's go
 * in sums_flush()) */
static const char sums_tidy_sql[] = "UPDATE cache_totals SET nps_sum = nps_units / " NPS_UNIT ".0;"
				    "DELETE FROM cache_totals WHERE accounts = 0;";
/* A full rebuild of the file's tables sums the days again too, so that
 * what triggers keep is also made whole by it, as every derived table
 * is (deleting the fingerprint rebuilds all; 0.5 s of a 100,000-account
 * book's 2.2 s). Through feedback_account: 020-window-days.sql says why. */
static const char days_all_sql[] =
	"DELETE FROM feedback_days;"
	"INSERT INTO feedback_days(day, responses, score_sum)"
	" SELECT +responded_on, count(*), total(score) FROM feedback GROUP BY +responded_on;";
/* defect_cache's row 0, the window's totals (?1 to ?2): its responses and
 * their scores' sum, from the days' (feedback_days, at most a row a day);
 * its accounts are not counted (0). Made at every refresh: a day's moves
 * the window, any write to feedback changes the days. */
static const char window_sql[] = "INSERT INTO defect_cache(defect_id, tagged, tagged_sum, accounts)"
				 " SELECT 0, sum(responses), total(score_sum), 0 FROM feedback_days"
				 " WHERE day BETWEEN ?1 AND ?2 HAVING count(*) > 0";

/* What a partial refresh changes in the sums over account_cache's rows
 * (cache_totals, scatter_cells and scatter_bins):
 * each account's old row taken out as put_row() reads it (same_keys())
 * and its new one put in as it writes it, gathered here per key and
 * written once a key after the walk (sums_flush()). In SQL that was eight
 * passes over the set's rows after the walk, each reading every row's
 * page again: at a million accounts some 11,500 pages a pass, for a day's
 * 14,000 accounts, more than the page cache holds. */
struct sums_delta {
	struct {
		int64_t accounts, revenue, nps_count, nps_units;
	} totals[QUAD_COUNT];
	struct pairmap cells;   /* x, y -> accounts */
	struct pairmap bins;    /* the owner's number and x, y -> accounts */
	struct strmap owner_no; /* owner -> its number, an index into owners */
	char **owners;
	size_t nowners, owners_cap;
	/* a revenue sum went past 64 bits: the sums are made from every row
	 * instead, where SQLite's sum() reports the overflow as a full
	 * rebuild does */
	bool overflow;
};

/* A row of account_cache as the sums count it. */
struct row_sums {
	bool active, nps_known;
	int quadrant, bin_x, bin_y;
	int64_t revenue;
	double nps;
	const char *owner;
};

/* A defect an account's responses in the window cite: how many of them,
 * their scores' sum and the newest one's day (its row of defect_account);
 * or, tagged 1, one response's citation as the walk meets it. */
struct tag {
	int64_t defect, tagged;
	double sum;
	char last[DATE_LEN];
};

/* What a partial refresh changes in a defect's sums (defect_cache). */
struct defect_sum {
	int64_t defect, tagged, accounts;
	double sum;
};

struct builder {
	struct db *db;
	const struct rules *rules;
	int today;
	int64_t done, total; /* accounts built, and to build (0: not told) */
	int64_t built;       /* accounts put by the walk */
	/* problems may have changed since the last refresh: a problem's write
	 * marks its account dirty (schema triggers), so a day's rollover with
	 * none dirty leaves every defect's open problems as they were */
	bool problems;
	bool gone;     /* some accounts of the set were deleted since */
	bool in_place; /* rows of the set kept, each updated or replaced */
	/* a rollover's: an account whose standing the walk moves is added to
	 * temp.cache_hist, the accounts whose history it records */
	bool history;
	struct sums_delta delta; /* in place: what the rows written change in the sums */
	struct response *resp;
	size_t n, cap;
	/* in place: the account's citations as the walk meets them, made its
	 * tags (tags_of()), and its rows of defect_account as they were
	 * (old); what writing them changes in defect_cache, per defect
	 * (dsums, found by dsum_at: defect, 1 -> its index + 1) */
	struct tag *tags, *old;
	size_t ntags, tags_cap, nold, old_cap;
	struct defect_sum *dsums;
	size_t ndsums, dsums_cap;
	struct pairmap dsum_at;
};

/* round(nps * NPS_UNIT) AS INTEGER, as SQLite 3.40's round() to no digits
 * and the CAST make it in sums_all_sql_cache: the same whole number, so a
 * rollover's sums equal a full rebuild's (tests/db/rollover.sh) */
static int64_t nps_units(double nps)
{
	double r = nps * NPS_UNIT_N;

	return (int64_t)(r + (r < 0 ? -0.5 : 0.5));
}

static void pair_add(struct pairmap *m, int64_t k1, int64_t k2, int64_t n)
{
	int64_t a = 0, unused = 0;

	pairmap_get(m, k1, k2, &a, &unused);
	pairmap_put(m, k1, k2, a + n, 0);
}

/* *acc += sign * v, or the overflow noted */
static void add_signed(struct sums_delta *d, int64_t *acc, int sign, int64_t v)
{
	int64_t t;

	if (__builtin_mul_overflow(v, (int64_t)sign, &t) || __builtin_add_overflow(*acc, t, acc))
		d->overflow = true;
}

/* The keys of the pair maps: a bin's x (-1, not plotted, to 200:
 * scatter_fine()) after its owner's number, and y as 2y + 1, never 0. */
#define BIN_X_SPAN 1024
#define BIN_KEY(no, x) ((no)*BIN_X_SPAN + (x) + 1)
#define Y_KEY(y) (2 * (int64_t)(y) + 1)

/* Takes a row out of the sums (sign -1) or puts it in (1). */
static void sums_add(struct sums_delta *d, const struct row_sums *r, int sign)
{
	int64_t no;

	if (!r->active || r->quadrant < 0 || r->quadrant >= QUAD_COUNT)
		return;
	d->totals[r->quadrant].accounts += sign;
	add_signed(d, &d->totals[r->quadrant].revenue, sign, r->revenue);
	if (r->nps_known) {
		d->totals[r->quadrant].nps_count += sign;
		d->totals[r->quadrant].nps_units += sign * nps_units(r->nps);
	}
	pair_add(&d->cells, r->bin_x, Y_KEY(r->bin_y), sign);
	if (!strmap_get(&d->owner_no, r->owner, &no, NULL)) {
		d->owners = xgrow(d->owners, &d->owners_cap, d->nowners + 1, sizeof(*d->owners));
		no = (int64_t)d->nowners;
		d->owners[d->nowners++] = xstrdup(r->owner);
		strmap_put(&d->owner_no, r->owner, no, 0);
	}
	pair_add(&d->bins, BIN_KEY(no, r->bin_x), Y_KEY(r->bin_y), sign);
}

static void sums_delta_done(struct sums_delta *d)
{
	pairmap_done(&d->cells);
	pairmap_done(&d->bins);
	strmap_done(&d->owner_no);
	xfree_strings(d->owners, d->nowners);
	memset(d, 0, sizeof(*d));
}

static void builder_done(struct builder *b)
{
	free(b->resp);
	sums_delta_done(&b->delta);
	free(b->tags);
	free(b->old);
	free(b->dsums);
	pairmap_done(&b->dsum_at);
}

static void read_real(sqlite3_stmt *st, void *ctx)
{
	*(bool *)ctx = sqlite3_column_type(st, 0) == SQLITE_FLOAT;
}

/* Writes the sums' changes, a statement per key that changed. A quadrant's
 * revenue that no longer fits 64 bits (SQLite's + then makes it a REAL)
 * sets d->overflow: the caller makes the sums from every row, which fails
 * as a full rebuild does. */
static enum status sums_flush(struct db *db, struct sums_delta *d)
{
	enum status st = STATUS_OK;
	size_t i;
	int q;

	for (q = 0; q < QUAD_COUNT && st == STATUS_OK && !d->overflow; q++)
		if (d->totals[q].accounts || d->totals[q].revenue || d->totals[q].nps_count ||
		    d->totals[q].nps_units)
			st = db_row(db,
				    "INSERT INTO cache_totals(quadrant, accounts, revenue, nps_sum,"
				    " nps_count, nps_units) VALUES (?, ?, ?, 0, ?, ?)"
				    " ON CONFLICT (quadrant) DO UPDATE SET"
				    " accounts = accounts + excluded.accounts,"
				    " revenue = revenue + excluded.revenue,"
				    " nps_count = nps_count + excluded.nps_count,"
				    " nps_units = nps_units + excluded.nps_units RETURNING revenue",
				    DB_ARGS(DB_TEXT(quadrant_name((enum quadrant)q)),
					    DB_INT(d->totals[q].accounts),
					    DB_INT(d->totals[q].revenue),
					    DB_INT(d->totals[q].nps_count),
					    DB_INT(d->totals[q].nps_units)),
				    read_real, &d->overflow);
	if (d->overflow)
		return st;
	/* Each cell and bin by an upsert without RETURNING, and one a
	 * decrease may have emptied deleted if it is: RETURNING works as a
	 * trigger, and a statement with one keeps a statement journal (a copy
	 * of each page it writes, to undo it alone), as INSERT OR REPLACE on
	 * a table with a foreign key does; inside the refresh's transaction
	 * that copied as many pages as the transaction wrote. */
	for (i = 0; i < d->cells.cap && st == STATUS_OK; i++) {
		const struct pairmap_slot *c = &d->cells.slots[i];

		if (!c->k2 || !c->a)
			continue;
		st = db_run_cached(db, STMT_CACHE_CELL,
				   "INSERT INTO scatter_cells(x, y, accounts) VALUES (?, ?, ?)"
				   " ON CONFLICT (x, y) DO UPDATE SET"
				   " accounts = accounts + excluded.accounts",
				   DB_ARGS(DB_INT(c->k1), DB_INT(c->k2 / 2), DB_INT(c->a)));
		if (st == STATUS_OK && c->a < 0)
			st = db_run_cached(
				db, STMT_CACHE_CELL_DROP,
				"DELETE FROM scatter_cells WHERE x = ? AND y = ? AND accounts = 0",
				DB_ARGS(DB_INT(c->k1), DB_INT(c->k2 / 2)));
	}
	for (i = 0; i < d->bins.cap && st == STATUS_OK; i++) {
		const struct pairmap_slot *c = &d->bins.slots[i];
		int64_t no = c->k1 / BIN_X_SPAN, x = c->k1 % BIN_X_SPAN - 1;

		if (!c->k2 || !c->a)
			continue;
		st = db_run_cached(db, STMT_CACHE_BIN,
				   "INSERT INTO scatter_bins(owner, x, y, accounts)"
				   " VALUES (?, ?, ?, ?)"
				   " ON CONFLICT (owner, x, y) DO UPDATE SET"
				   " accounts = accounts + excluded.accounts",
				   DB_ARGS(DB_TEXT(d->owners[no]), DB_INT(x), DB_INT(c->k2 / 2),
					   DB_INT(c->a)));
		if (st == STATUS_OK && c->a < 0)
			st = db_run_cached(
				db, STMT_CACHE_BIN_DROP,
				"DELETE FROM scatter_bins"
				" WHERE owner = ? AND x = ? AND y = ? AND accounts = 0",
				DB_ARGS(DB_TEXT(d->owners[no]), DB_INT(x), DB_INT(c->k2 / 2)));
	}
	return st;
}

/* What put_row() reads of an account: its figures, then the hold's inputs
 * (db_read_hold(): the hold set by hand and its quadrant, then the open
 * readiness conditions), then the win-back's (the day it was lost, the day
 * its win-back was dropped, and its latest win-back note, of a lost
 * account only), and its name (schema 17: the lists order by it without
 * reading the account). */
#define ACCOUNT_COLS                                                                           \
	"id, revenue, wallet, fit, owner, status, hold_manual, hold_quadrant,"                 \
	" (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL)," \
	" lost_on, winback_dropped_on,"                                                        \
	" CASE WHEN status = 'lost' THEN (SELECT max(substr(n.created_at, 1, 10))"             \
	"  FROM notes n WHERE n.account_id = a.id AND n.kind = 'winback') END, name"

/* A lost account's next win-back review (agenda_winback_due()), as its
 * cache row keeps it (016-cache-winback.sql): winback 1 with the day and
 * which review it is, or 2 when there is none (the win-back dropped, or no
 * day it was lost); 0 for an account not lost. A win-back note from before
 * the account was lost counts as none (the rule's last_review). */
struct winback_next {
	int state, step;
	char due[DATE_LEN]; /* "" unless state is 1 */
};

static struct winback_next winback_next(const struct rules *rules, int status, sqlite3_stmt *acct)
{
	struct winback_next w = {0};
	const char *lost_on = db_col_opt(acct, 9), *last_review = db_col_opt(acct, 11);
	int lost, last = -1;

	if (status != ACCT_LOST)
		return w;
	w.state = 2;
	if (db_col_opt(acct, 10) || !lost_on || !date_parse(lost_on, &lost))
		return w;
	if (last_review && !date_parse(last_review, &last))
		last = -1;
	w.state = 1;
	date_format(agenda_winback_due(lost, rules->winback_days, last, &w.step), w.due);
	return w;
}

/* What a cache row says of an account beside what it is ordered and
 * counted by: its figures. */
struct row_figures {
	bool nps_known, share_known;
	double nps, share;
	int64_t counted;
	int quadrant, bin_x, bin_y;
	char last[DATE_LEN]; /* its last response's day; "": none */
};

/* Whether what the history compares of an account's standing (its
 * advocacy, share and quadrant: standing_changed()) differs between two
 * rows; the history's own rule then says whether it moved. */
static bool standing_inputs_differ(const struct row_figures *a, const struct row_figures *b)
{
	return a->quadrant != b->quadrant || a->nps_known != b->nps_known ||
	       (a->nps_known && a->nps != b->nps) || a->share_known != b->share_known ||
	       (a->share_known && a->share != b->share);
}

static bool figures_same(const struct row_figures *a, const struct row_figures *b)
{
	return !standing_inputs_differ(a, b) && a->counted == b->counted && a->bin_x == b->bin_x &&
	       a->bin_y == b->bin_y && strcmp(a->last, b->last) == 0;
}

/* What an account's row is ordered and counted by: a row whose new
 * figures leave these as they were is updated in place, so that the
 * cache's indexes on them (rank, quadrant, held) are not written. */
struct row_keys {
	const char *quadrant, *owner, *name; /* borrowed */
	int64_t group, value, revenue;
	int active, held;
	const struct winback_next *winback;
	bool same;                /* the row is there, with these keys */
	struct sums_delta *delta; /* the row there taken out of these sums */
	bool found;               /* the row is there, with these figures: */
	struct row_figures was;
};

static void read_keys(sqlite3_stmt *st, void *ctx)
{
	struct row_keys *k = ctx;
	struct row_sums old;

	k->same = strcmp(k->quadrant, db_col_text(st, 0)) == 0 &&
		  k->group == sqlite3_column_int64(st, 1) &&
		  k->value == sqlite3_column_int64(st, 2) &&
		  k->revenue == sqlite3_column_int64(st, 3) &&
		  k->active == sqlite3_column_int(st, 4) && k->held == sqlite3_column_int(st, 5) &&
		  strcmp(k->owner, db_col_text(st, 6)) == 0 &&
		  k->winback->state == sqlite3_column_int(st, 7) &&
		  strcmp(k->winback->due, db_col_text(st, 8)) == 0 &&
		  k->winback->step == sqlite3_column_int(st, 9) &&
		  strcmp(k->name, db_col_text(st, 10)) == 0;
	old = (struct row_sums){.active = sqlite3_column_int(st, 4) == 1,
				.nps_known = sqlite3_column_type(st, 11) != SQLITE_NULL,
				.quadrant = quadrant_from_name(db_col_text(st, 0)),
				.bin_x = sqlite3_column_int(st, 12),
				.bin_y = sqlite3_column_int(st, 13),
				.revenue = sqlite3_column_int64(st, 3),
				.nps = sqlite3_column_double(st, 11),
				.owner = db_col_text(st, 6)};
	sums_add(k->delta, &old, -1);
	k->found = true;
	k->was = (struct row_figures){.nps_known = old.nps_known,
				      .share_known = sqlite3_column_type(st, 14) != SQLITE_NULL,
				      .nps = old.nps,
				      .share = sqlite3_column_double(st, 14),
				      .counted = sqlite3_column_int64(st, 15),
				      .quadrant = old.quadrant,
				      .bin_x = old.bin_x,
				      .bin_y = old.bin_y};
	snprintf(k->was.last, sizeof(k->was.last), "%s", db_col_text(st, 16));
}

/* Whether the account's row is there with the same keys as k; the row
 * there, if any, is taken out of the sums (k->delta). */
static bool same_keys(struct builder *b, int64_t id, struct row_keys *k)
{
	k->same = k->found = false;
	return db_row_cached(
		       b->db, STMT_CACHE_OLD,
		       "SELECT quadrant, rank_group, rank_value, revenue, active, held, owner,"
		       " winback, winback_due, winback_step, name, nps, bin_x, bin_y, share,"
		       " counted, last_response FROM account_cache WHERE account_id = ?",
		       DB_ARGS(DB_INT(id)), read_keys, k) == STATUS_OK &&
	       k->same;
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
	const char *owner = db_col_text(acct, 4);
	bool share_known;
	enum quadrant q;
	struct priority pr;
	char last[DATE_LEN];
	int fx, fy, held, status = acct_status_from_name(db_col_text(acct, 5));
	struct hold hold;
	struct row_keys keys;
	struct winback_next winback;
	struct row_figures now;
	bool same = false;
	enum status st;

	advocacy_compute(b->resp, b->n, b->today, b->rules, &adv);
	share_known = share_compute(revenue, has_wallet, wallet, &share);
	q = quadrant_classify(b->rules, adv.known, adv.nps, share_known, share);
	pr = priority_of(q, fit < 0 ? FIT_UNKNOWN : (enum fit)fit, revenue, has_wallet, wallet);
	if (adv.known)
		date_format(adv.last_day, last);
	scatter_fine(adv.known ? adv.nps : 0, share_known ? share : 0, &fx, &fy);
	if (!adv.known)
		fx = -1; /* not plotted */
	/* whether its plays wait for its hold: the gate's rule (plays.h) */
	hold = db_read_hold(acct, 6, q, sqlite3_column_int(acct, 8));
	held = play_held(status < 0 ? ACCT_ACTIVE : (enum acct_status)status, &hold);
	winback = winback_next(b->rules, status, acct);
	keys = (struct row_keys){.quadrant = quadrant_name(q),
				 .group = pr.group,
				 .value = pr.value,
				 .revenue = revenue,
				 .active = status == ACCT_ACTIVE,
				 .held = held,
				 .owner = owner,
				 .name = db_col_text(acct, 12),
				 .winback = &winback,
				 .delta = &b->delta};
	now = (struct row_figures){.nps_known = adv.known,
				   .share_known = share_known,
				   .nps = adv.nps,
				   .share = share,
				   .counted = adv.counted,
				   .quadrant = (int)q,
				   .bin_x = fx,
				   .bin_y = fy};
	snprintf(now.last, sizeof(now.last), "%s", adv.known ? last : "");
	if (b->in_place) {
		sums_add(&b->delta,
			 &(struct row_sums){.active = keys.active,
					    .nps_known = adv.known,
					    .quadrant = (int)q,
					    .bin_x = fx,
					    .bin_y = fy,
					    .revenue = revenue,
					    .nps = adv.nps,
					    .owner = owner},
			 1);
		same = same_keys(b, id, &keys);
		/* its history, when what it depends on here moved */
		if (b->history && (!keys.found || standing_inputs_differ(&keys.was, &now)) &&
		    (st = db_run_cached(b->db, STMT_CACHE_HISTORY,
					"INSERT OR IGNORE INTO temp.cache_hist VALUES (?)",
					DB_ARGS(DB_INT(id)))) != STATUS_OK)
			return st;
	}
	/* a row the day leaves as it was is not written */
	if (same && figures_same(&keys.was, &now))
		return STATUS_OK;
	/* its bins as they were: the index on them (a partial one, whose
	 * WHERE names neither) is not written */
	if (same && keys.was.bin_x == fx && keys.was.bin_y == fy)
		return db_run_cached(b->db, STMT_CACHE_SET_FIGURES,
				     "UPDATE account_cache SET nps = ?2, counted = ?3, share = ?4,"
				     " last_response = ?5 WHERE account_id = ?1",
				     DB_ARGS(DB_INT(id), DB_REAL_IF(adv.known, adv.nps),
					     DB_INT(adv.counted), DB_REAL_IF(share_known, share),
					     DB_TEXT(adv.known ? last : NULL)));
	if (same)
		return db_run_cached(
			b->db, STMT_CACHE_SET,
			"UPDATE account_cache SET nps = ?2, counted = ?3, share = ?4,"
			" last_response = ?5, bin_x = ?6, bin_y = ?7 WHERE account_id = ?1",
			DB_ARGS(DB_INT(id), DB_REAL_IF(adv.known, adv.nps), DB_INT(adv.counted),
				DB_REAL_IF(share_known, share), DB_TEXT(adv.known ? last : NULL),
				DB_INT(fx), DB_INT(fy)));
	/* an upsert: INSERT OR REPLACE would keep a statement journal
	 * (sums_flush() says what that costs) */
	return db_run_cached(
		b->db, STMT_CACHE_PUT,
		"INSERT INTO account_cache(account_id, nps, counted, share,"
		" quadrant, rank_group, rank_value, last_response, owner, revenue,"
		" active, bin_x, bin_y, held, winback, winback_due, winback_step, name)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (account_id) DO UPDATE SET nps = excluded.nps,"
		" counted = excluded.counted, share = excluded.share,"
		" quadrant = excluded.quadrant, rank_group = excluded.rank_group,"
		" rank_value = excluded.rank_value, last_response = excluded.last_response,"
		" owner = excluded.owner, revenue = excluded.revenue, active = excluded.active,"
		" bin_x = excluded.bin_x, bin_y = excluded.bin_y, held = excluded.held,"
		" winback = excluded.winback, winback_due = excluded.winback_due,"
		" winback_step = excluded.winback_step, name = excluded.name",
		DB_ARGS(DB_INT(id), DB_REAL_IF(adv.known, adv.nps), DB_INT(adv.counted),
			DB_REAL_IF(share_known, share), DB_TEXT(keys.quadrant), DB_INT(pr.group),
			DB_INT(pr.value), DB_TEXT(adv.known ? last : NULL), DB_TEXT(owner),
			DB_INT(revenue), DB_INT(keys.active), DB_INT(fx), DB_INT(fy), DB_INT(held),
			DB_INT(winback.state), DB_TEXT(winback.due), DB_INT(winback.step),
			DB_TEXT(keys.name)));
}

/* ---- an account's tags, in place ------------------------------------------ */

/* A citation of defect by a response of day `on` with score, as the walk
 * meets it. */
static void cite(struct builder *b, int64_t defect, double score, const char *on)
{
	struct tag *t;

	b->tags = xgrow(b->tags, &b->tags_cap, b->ntags + 1, sizeof(*b->tags));
	t = &b->tags[b->ntags++];
	t->defect = defect;
	t->tagged = 1;
	t->sum = score;
	snprintf(t->last, sizeof(t->last), "%s", on);
}

static int by_defect(const void *x, const void *y)
{
	const struct tag *a = x, *b = y;

	return (a->defect > b->defect) - (a->defect < b->defect);
}

/* The account's citations made its tags, one per defect in defect order:
 * counted, scores summed in the order met (the window's, as SQL's total()
 * sums a full rebuild's), the newest day kept. */
static void tags_of(struct builder *b)
{
	size_t i, n = 0;

	if (b->ntags > 1)
		qsort(b->tags, b->ntags, sizeof(*b->tags), by_defect);
	for (i = 0; i < b->ntags; i++) {
		struct tag *t = &b->tags[i];

		if (n && b->tags[n - 1].defect == t->defect) {
			struct tag *into = &b->tags[n - 1];

			into->tagged++;
			into->sum += t->sum;
			if (strcmp(t->last, into->last) > 0)
				memcpy(into->last, t->last, sizeof(into->last));
		} else {
			b->tags[n++] = *t;
		}
	}
	b->ntags = n;
}

/* Adds to a defect's change of sums. */
static void dsum_add(struct builder *b, int64_t defect, int64_t tagged, double sum,
		     int64_t accounts)
{
	int64_t at = 0, unused = 0;
	struct defect_sum *d;

	if (!pairmap_get(&b->dsum_at, defect, 1, &at, &unused)) {
		b->dsums = xgrow(b->dsums, &b->dsums_cap, b->ndsums + 1, sizeof(*b->dsums));
		b->dsums[b->ndsums] = (struct defect_sum){.defect = defect};
		at = (int64_t)++b->ndsums;
		pairmap_put(&b->dsum_at, defect, 1, at, 0);
	}
	d = &b->dsums[at - 1];
	d->tagged += tagged;
	d->sum += sum;
	d->accounts += accounts;
}

/* The account's rows of defect_account as they are, in defect order. */
static enum status tags_old(struct builder *b, int64_t id)
{
	sqlite3_stmt *st = db_stmt(b->db, STMT_CACHE_TAGS_OLD,
				   "SELECT defect_id, tagged, tagged_sum, last_cited"
				   " FROM defect_account WHERE account_id = ? AND defect_id <> 0"
				   " ORDER BY defect_id");
	enum status s = STATUS_OK;
	int rc;

	b->nold = 0;
	if (!st)
		return STATUS_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tag *t;

		b->old = xgrow(b->old, &b->old_cap, b->nold + 1, sizeof(*b->old));
		t = &b->old[b->nold++];
		t->defect = sqlite3_column_int64(st, 0);
		t->tagged = sqlite3_column_int64(st, 1);
		t->sum = sqlite3_column_double(st, 2);
		snprintf(t->last, sizeof(t->last), "%s", db_col_text(st, 3));
	}
	if (rc != SQLITE_DONE)
		s = db_error(b->db, rc);
	sqlite3_reset(st);
	return s;
}

/* A tag row the account did not have (its new tag t). */
static enum status tag_insert(struct builder *b, int64_t id, const struct tag *t)
{
	dsum_add(b, t->defect, t->tagged, t->sum, 1);
	return db_run_cached(b->db, STMT_CACHE_TAG_PUT,
			     "INSERT INTO defect_account(defect_id, account_id, tagged,"
			     " tagged_sum, last_cited) VALUES (?, ?, ?, ?, ?)",
			     DB_ARGS(DB_INT(t->defect), DB_INT(id), DB_INT(t->tagged),
				     DB_REAL(t->sum), DB_TEXT(t->last)));
}

/* A tag row the account no longer has (its old row o). */
static enum status tag_drop(struct builder *b, int64_t id, const struct tag *o)
{
	dsum_add(b, o->defect, -o->tagged, -o->sum, -1);
	return db_run_cached(b->db, STMT_CACHE_TAG_DROP,
			     "DELETE FROM defect_account WHERE defect_id = ? AND account_id = ?",
			     DB_ARGS(DB_INT(o->defect), DB_INT(id)));
}

/* A tag row the account keeps (old o, new t), written if it changed. */
static enum status tag_update(struct builder *b, int64_t id, const struct tag *o,
			      const struct tag *t)
{
	if (t->tagged == o->tagged && t->sum == o->sum && strcmp(t->last, o->last) == 0)
		return STATUS_OK;
	dsum_add(b, t->defect, t->tagged - o->tagged, t->sum - o->sum, 0);
	return db_run_cached(b->db, STMT_CACHE_TAG_SET,
			     "UPDATE defect_account SET tagged = ?3, tagged_sum = ?4,"
			     " last_cited = ?5 WHERE defect_id = ?1 AND account_id = ?2",
			     DB_ARGS(DB_INT(t->defect), DB_INT(id), DB_INT(t->tagged),
				     DB_REAL(t->sum), DB_TEXT(t->last)));
}

/* In place: the account's rows of defect_account made its tags, each
 * written only where it changed (what a day leaves as it was, row and
 * index entry, is not written again), and what that changes in the
 * defects' sums gathered (dsum_add()). The walk met the account's
 * responses with their tags, so neither is read again. Both lists are in
 * defect order: merged. */
static enum status tags_put(struct builder *b, int64_t id)
{
	enum status st = tags_old(b, id);
	size_t i = 0, j = 0;

	tags_of(b);
	while (st == STATUS_OK && i < b->ntags && j < b->nold) {
		const struct tag *t = &b->tags[i], *o = &b->old[j];

		if (t->defect < o->defect) {
			st = tag_insert(b, id, t);
			i++;
		} else if (o->defect < t->defect) {
			st = tag_drop(b, id, o);
			j++;
		} else {
			st = tag_update(b, id, o, t);
			i++;
			j++;
		}
	}
	for (; st == STATUS_OK && i < b->ntags; i++)
		st = tag_insert(b, id, &b->tags[i]);
	for (; st == STATUS_OK && j < b->nold; j++)
		st = tag_drop(b, id, &b->old[j]);
	b->ntags = 0;
	return st;
}

/* Writes the defects' changes of sums tags_put() gathered. */
static enum status dsums_flush(struct builder *b)
{
	enum status st = STATUS_OK;
	size_t i;

	for (i = 0; i < b->ndsums && st == STATUS_OK; i++) {
		const struct defect_sum *d = &b->dsums[i];

		if (d->tagged || d->sum != 0 || d->accounts)
			st = db_run_cached(
				b->db, STMT_CACHE_DEFECT_SUM,
				"INSERT INTO defect_cache(defect_id, tagged, tagged_sum, accounts)"
				" VALUES (?, ?, ?, ?) ON CONFLICT (defect_id) DO UPDATE SET"
				" tagged = tagged + excluded.tagged,"
				" tagged_sum = tagged_sum + excluded.tagged_sum,"
				" accounts = accounts + excluded.accounts",
				DB_ARGS(DB_INT(d->defect), DB_INT(d->tagged), DB_REAL(d->sum),
					DB_INT(d->accounts)));
	}
	return st;
}

static int role_of(sqlite3_stmt *st, int col)
{
	int r;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return ROLE_ANONYMOUS;
	r = role_from_name(db_col_text(st, col));
	return r < 0 || r >= ROLE_COUNT ? ROLE_OTHER : r;
}

/* Computes the accounts of the set (NULL: all), walking accounts and
 * their windowed responses in account order side by side. */
static enum status build(struct builder *b, const char *set)
{
	bool uniform = rules_weights_uniform(b->rules);
	char first[DATE_LEN], last[DATE_LEN];
	sqlite3_stmt *acct = NULL, *fb = NULL;
	char *sql;
	enum status st;
	int64_t has_index = 0, prev = 0;
	int arc, frc;
	bool met;

	date_format(b->today - b->rules->window_days + 1, first);
	date_format(b->today, last);
	if (set)
		sql = xasprintf("SELECT " ACCOUNT_COLS " FROM accounts a"
				" WHERE id IN (SELECT account_id FROM %s) ORDER BY id",
				set);
	else
		sql = xstrdup("SELECT " ACCOUNT_COLS " FROM accounts a ORDER BY id");
	st = db_prepare(b->db, sql, &acct);
	free(sql);
	if (st != STATUS_OK)
		return st;
	/* a buyer's role only weighs when the weights differ: else every
	 * response weighs the same and the contacts are not read. Every
	 * account's: down feedback_account, which holds the columns read in
	 * the order wanted; the planner would rather take the window's half
	 * of the responses by date, look each up in the table and sort them
	 * (18 s of a million accounts' 80). Only a hint: a file whose index
	 * another program dropped is read the planner's way. */
	if (!set && db_int(b->db,
			   "SELECT count(*) FROM main.sqlite_master"
			   " WHERE type = 'index' AND name = 'feedback_account'",
			   DB_NOARGS, &has_index) != STATUS_OK)
		has_index = 0;
	/* in place, each response comes with the defects it cites, a row
	 * each (tags_put()) */
	sql = xasprintf("SELECT f.account_id, f.contact_id, %s, f.responded_on, f.id, f.score%s"
			" FROM feedback f%s%s%s"
			" WHERE f.responded_on BETWEEN ?1 AND ?2 %s%s%s ORDER BY f.account_id",
			uniform ? "NULL" : "c.role", b->in_place ? ", fd.defect_id" : "",
			has_index ? " INDEXED BY feedback_account" : "",
			uniform ? "" : " LEFT JOIN contacts c ON c.id = f.contact_id",
			b->in_place ? " LEFT JOIN feedback_defects fd ON fd.feedback_id = f.id"
				      " AND fd.defect_id <> 0"
				    : "",
			set ? "AND f.account_id IN (SELECT account_id FROM " : "", set ? set : "",
			set ? ")" : "");
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
		while (frc == SQLITE_ROW && sqlite3_column_int64(fb, 0) < id)
			frc = sqlite3_step(fb); /* responses of vanished accounts */
		met = false;
		for (; frc == SQLITE_ROW && sqlite3_column_int64(fb, 0) == id;
		     frc = sqlite3_step(fb)) {
			struct response *r;
			const char *on = db_col_text(fb, 3);
			int64_t fid = sqlite3_column_int64(fb, 4);
			int day;

			if (b->in_place && sqlite3_column_type(fb, 6) != SQLITE_NULL)
				cite(b, sqlite3_column_int64(fb, 6), sqlite3_column_double(fb, 5),
				     on);
			/* a response citing several defects comes once for each */
			if (met && fid == prev)
				continue;
			met = true;
			prev = fid;
			if (date_parse(on, &day)) {
				b->resp = xgrow(b->resp, &b->cap, b->n + 1, sizeof(*b->resp));
				r = &b->resp[b->n++];
				r->contact_id = sqlite3_column_int64(fb, 1);
				r->role = role_of(fb, 2);
				r->day = day;
				r->order = sqlite3_column_int64(fb, 4);
				r->score = sqlite3_column_int(fb, 5);
			}
		}
		if (frc != SQLITE_ROW && frc != SQLITE_DONE) {
			st = db_error(b->db, frc);
			goto out;
		}
		if ((st = put_row(b, acct)) != STATUS_OK ||
		    (b->in_place && (st = tags_put(b, id)) != STATUS_OK))
			goto out;
		b->built++;
		if (b->total && ++b->done % PROGRESS_EVERY == 0)
			progress_update(b->db->progress, REBUILD_LABEL, b->done, b->total);
	}
	if (arc != SQLITE_DONE)
		st = db_error(b->db, arc);
out:
	sqlite3_finalize(acct);
	sqlite3_finalize(fb);
	return st;
}

/* Of a set's accounts (s), those deleted since: a probe of accounts' key
 * for each, where an EXCEPT would read every account. */
#define GONE " WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id)"

/* After the walk: the rows of the set's accounts deleted since, and the
 * sums. The walk put every account of the set that is there; when it put
 * fewer than the set names, some were deleted, and may have taken their
 * cache rows with them (account_cache's foreign key) and so what they
 * added to the sums: their cache rows go, and the sums but the defects'
 * are made again from every row; their tags are taken out of the
 * defects' sums (SUMS_SET_SQL) and made again from the responses they
 * left, if any, as a full rebuild counts them (TAGS_GONE_SQL). Otherwise
 * the sums take what put_row() gathered (b->delta). Finding the deleted
 * ones costs a probe of accounts per account of the set, so it is done
 * only when some are. */
static enum status sums_gone(struct builder *b, const char *set)
{
	struct db *db = b->db;
	int64_t named = 0;
	enum status st;
	char *sql, *gone, first[DATE_LEN], last[DATE_LEN];

	sql = xasprintf("SELECT count(*) FROM %s", set);
	st = db_int(db, sql, DB_NOARGS, &named);
	free(sql);
	if (st != STATUS_OK || named <= b->built)
		return st;
	date_format(b->today - b->rules->window_days + 1, first);
	date_format(b->today, last);
	gone = xasprintf("%s s" GONE, set);
	st = run_set(db, SUMS_SET_SQL, gone, DB_ARGS(DB_INT(-1)));
	if (st == STATUS_OK) {
		sql = xasprintf("DELETE FROM defect_account WHERE account_id IN"
				" (SELECT account_id FROM %s);"
				"DELETE FROM account_cache WHERE account_id IN"
				" (SELECT account_id FROM %s)",
				gone, gone);
		st = db_exec(db, sql);
		free(sql);
	}
	if (st == STATUS_OK)
		st = run_set(db, TAGS_GONE_SQL, gone, DB_ARGS(DB_TEXT(first), DB_TEXT(last)));
	if (st == STATUS_OK)
		st = run_set(db, SUMS_SET_SQL, gone, DB_ARGS(DB_INT(1)));
	free(gone);
	b->gone = true;
	return st;
}

/* Builds account_cache, the defect figures and the sums for every account
 * (set NULL) or for the accounts of the set. */
static enum status rebuild_rows(struct builder *b, const char *set)
{
	struct db *db = b->db;
	struct db_schema_saved indexes = {0};
	char first[DATE_LEN], last[DATE_LEN];
	enum status st = STATUS_OK;

	date_format(b->today - b->rules->window_days + 1, first);
	date_format(b->today, last);
	if (!set) {
		/* every row anew: the file's account_cache gets its indexes
		 * after its rows, one sort each, not a million inserts at
		 * random places of five b-trees (a full rebuild of a million
		 * accounts' cache: 131 s, 35 s without them). Temp's copy, a
		 * read-only book's, keeps its indexes (db_drop_indexes()). */
		st = db_drop_indexes(db, "account_cache", &indexes);
		if (st == STATUS_OK)
			st = db_exec(db, "DELETE FROM defect_account; DELETE FROM account_cache");
	} else {
		/* the set's rows stay, to be updated in place (put_row(),
		 * tags_put()); those of accounts gone go after the walk
		 * (sums_gone()) */
		b->in_place = true;
	}
	if (st == STATUS_OK)
		st = build(b, set);
	if (st == STATUS_OK && indexes.n) {
		if (b->total)
			progress_update(db->progress, "indexing the standings", 0, 0);
		st = db_make_again(db, &indexes);
	}
	db_saved_free(&indexes);
	if (st == STATUS_OK && set)
		st = sums_gone(b, set);
	if (st != STATUS_OK)
		return st;
	if (!set) {
		/* stages of one statement each: the line names them */
		if (b->total)
			progress_update(db->progress, "counting the defects", 0, 0);
		if ((st = db_run(db, tags_all_sql, DB_ARGS(DB_TEXT(first), DB_TEXT(last)))) ==
			    STATUS_OK &&
		    (st = db_exec(db, sums_all_sql)) == STATUS_OK &&
		    (db->temp_cache || (st = db_exec(db, days_all_sql)) == STATUS_OK)) {
			if (b->total)
				progress_update(db->progress, "summing the board", 0, 0);
			st = db_exec(db, sums_all_sql_cache);
		}
	} else {
		if ((st = dsums_flush(b)) == STATUS_OK && !b->gone && !b->delta.overflow)
			st = sums_flush(db, &b->delta);
		if (st == STATUS_OK && (b->gone || b->delta.overflow))
			st = db_exec(db, sums_all_sql_cache);
		else if (st == STATUS_OK)
			st = db_exec(db, sums_tidy_sql);
	}
	if (st == STATUS_OK &&
	    (st = db_exec(db, "DELETE FROM defect_cache WHERE defect_id = 0")) == STATUS_OK)
		st = db_run(db, window_sql, DB_ARGS(DB_TEXT(first), DB_TEXT(last)));
	if (st == STATUS_OK)
		st = db_exec(db, defect_rows_sql);
	/* a defect new since the last refresh may be cited already by
	 * problems (written with the foreign keys off, or synced before it):
	 * its new row is counted too */
	if (st == STATUS_OK && (!set || b->problems || sqlite3_changes(db->sql) > 0))
		st = db_exec(db, open_problems_sql);
	return st;
}

/* rebuild_rows(); a full rebuild writes every derived row without
 * evaluating the CHECK constraints. Each IN list of three or more names
 * (account_cache's quadrant and winback) makes SQLite build a temporary
 * b-tree for every row it checks: two fifths of a full rebuild's
 * instructions. The values written are the domain's own names
 * (quadrant_name(), the winback states). A partial refresh, and every
 * other writer, is checked as before, and the tests run PRAGMA
 * quick_check, which evaluates the constraints, on rebuilt books. The
 * pragma changes how statements compile, so SQLite prepares the cached
 * ones again: once each way, not once per account. */
static enum status rebuild(struct builder *b, const char *set)
{
	enum status st, on;

	if (set)
		return rebuild_rows(b, set);
	if ((on = db_exec(b->db, "PRAGMA ignore_check_constraints = ON")) != STATUS_OK)
		return on;
	st = rebuild_rows(b, NULL);
	on = db_exec(b->db, "PRAGMA ignore_check_constraints = OFF");
	return st != STATUS_OK ? st : on;
}

/* ---- a day's rollover ----------------------------------------------------- */

/* Whether a cache built for the fingerprint `have` can be brought to today
 * by a rollover: built for the same rules, 1 to DB_ROLLOVER_DAYS days
 * before. *was: its day. */
static bool rollover_from(const struct rules *rules, const char *have, int today, int *was)
{
	char fp[RULES_FINGERPRINT_LEN];

	if (!have || !rules_fingerprint_day(have, was) || *was >= today ||
	    today - *was > DB_ROLLOVER_DAYS)
		return false;
	rules_fingerprint(rules, *was, fp, sizeof(fp));
	return strcmp(fp, have) == 0;
}

/* The accounts a rollover from day `was` to `today` rebuilds, into
 * temp.cache_roll: those with a response whose date left the window (from
 * the old first day up to the new one) or entered it (after the old today
 * up to the new), and the dirty ones. With `history`, also those whose
 * history the days can change whatever the walk finds: a condition met, a
 * hold set by hand dated, or a row of history dated in the days passed
 * over; they and the dirty ones are also put in temp.cache_hist, which the
 * walk adds to (builder.history). An account there only for its responses
 * has the same row of accounts, conditions and holds as at the last
 * refresh (a write would have marked it dirty), so its standing can have
 * moved only if its cache row's advocacy, share or quadrant did: of a
 * day's 1,450 accounts on the 100,000-account book, some 200. Dates
 * compared as text, as the window and the history compare them. */
static enum status roll_set(struct db *db, const struct rules *rules, int was, int today,
			    bool history)
{
	static const char *const from_window[] = {
		"INSERT OR IGNORE INTO temp.cache_roll SELECT account_id FROM feedback"
		" WHERE responded_on >= ?1 AND responded_on < ?2",
		"INSERT OR IGNORE INTO temp.cache_roll SELECT account_id FROM feedback"
		" WHERE responded_on > ?3 AND responded_on <= ?4",
	};
	static const char *const from_history[] = {
		"INSERT OR IGNORE INTO temp.cache_hist SELECT account_id FROM main.cache_dirty",
		"INSERT OR IGNORE INTO temp.cache_hist SELECT account_id FROM conditions"
		" WHERE met_on > ?3 AND met_on <= ?4",
		"INSERT OR IGNORE INTO temp.cache_hist SELECT id FROM accounts"
		" WHERE hold_on > ?3 AND hold_on <= ?4",
		"INSERT OR IGNORE INTO temp.cache_hist SELECT account_id FROM snapshots"
		" INDEXED BY snapshots_day WHERE taken_on > ?3 AND taken_on <= ?4",
		"INSERT OR IGNORE INTO temp.cache_roll SELECT account_id FROM temp.cache_hist",
	};
	char first0[DATE_LEN], first1[DATE_LEN], last0[DATE_LEN], last1[DATE_LEN];
	size_t i, n = sizeof(from_window) / sizeof(*from_window);
	enum status st;

	date_format(was - rules->window_days + 1, first0);
	date_format(today - rules->window_days + 1, first1);
	date_format(was, last0);
	date_format(today, last1);
	st = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS cache_roll"
			 " (account_id INTEGER PRIMARY KEY);"
			 "CREATE TEMP TABLE IF NOT EXISTS cache_hist"
			 " (account_id INTEGER PRIMARY KEY);"
			 "DELETE FROM temp.cache_roll; DELETE FROM temp.cache_hist");
	for (i = 0; i < n + (history ? sizeof(from_history) / sizeof(*from_history) : 0) &&
		    st == STATUS_OK;
	     i++)
		st = db_run(
			db, i < n ? from_window[i] : from_history[i - n],
			DB_ARGS(DB_TEXT(first0), DB_TEXT(first1), DB_TEXT(last0), DB_TEXT(last1)));
	return st;
}

/* Whether the file's cache is current: its fingerprint, and no account
 * dirty. *have: the fingerprint it was built for (NULL: none), the
 * caller's to free (NULL: not wanted). */
static enum status cache_fresh(struct db *db, const char *fp, char **have_out, bool *fresh,
			       bool *same_fp, bool *any_dirty)
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
	if (any_dirty)
		*any_dirty = dirty != 0;
	if (have_out)
		*have_out = have;
	else
		free(have);
	return st;
}

/* The accounts there are, for the progress of a full rebuild. */
static int64_t accounts_count(struct db *db)
{
	int64_t n = 0;

	if (db->progress)
		db_int(db, "SELECT count(*) FROM accounts", DB_NOARGS, &n);
	return n;
}

/* The refresh proper, inside a write transaction the caller holds: the
 * dirty accounts, a day's rollover, or all. cold: the session's first
 * refresh, its page cache not yet grown; a partial one then keeps the
 * session's small cache (DB_REFRESH_CACHE_SIZE says why), which
 * db_refresh() sets back after. */
static enum status refresh_locked(struct db *db, const struct rules *rules, int today, bool cold)
{
	struct builder b = {.db = db, .rules = rules, .today = today};
	char fp[RULES_FINGERPRINT_LEN], *have = NULL;
	const char *set = "cache_dirty", *history = set;
	bool fresh, same_fp;
	enum status st;
	int was;

	rules_fingerprint(rules, today, fp, sizeof(fp));
	if ((st = cache_fresh(db, fp, &have, &fresh, &same_fp, &b.problems)) != STATUS_OK ||
	    fresh) {
		free(have);
		return st;
	}
	if (!same_fp && rollover_from(rules, have, today, &was)) {
		set = "temp.cache_roll";
		history = "temp.cache_hist";
		b.history = true;
		st = roll_set(db, rules, was, today, true);
	} else if (!same_fp) {
		set = history = NULL;
		b.total = accounts_count(db);
	}
	free(have);
	if (st == STATUS_OK && set && cold)
		st = db_exec(db, "PRAGMA cache_size = " DB_CACHE_SIZE);
	if (st == STATUS_OK)
		st = rebuild(&b, set);
	builder_done(&b);
	/* the history of the accounts rebuilt whose standing may have moved,
	 * while the table still names them */
	if (st == STATUS_OK)
		st = db_history_record(db, rules, today, history);
	/* statistics for the new rows, or the planner, knowing accounts but
	 * not the cache, filters every join with a scan of accounts */
	if (st == STATUS_OK && !set)
		st = db_exec(db, "ANALYZE account_cache");
	if (st == STATUS_OK && !same_fp)
		st = db_run(db, "INSERT OR REPLACE INTO cache_state VALUES ('fingerprint', ?)",
			    DB_ARGS(DB_TEXT(fp)));
	if (st == STATUS_OK)
		st = db_exec(db, "DELETE FROM cache_dirty");
	if (!set)
		progress_finish(db->progress);
	return st;
}

enum status db_refresh_locked(struct db *db)
{
	return db->refreshed && !db->readonly ? refresh_locked(db, &db->rules, db->today, false)
					      : STATUS_OK;
}

void db_set_progress(struct db *db, const struct progress *p)
{
	db->progress = p;
}

const struct progress *db_progress(const struct db *db)
{
	return db->progress;
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

/* The derived tables in temp, built in full from one snapshot of the file
 * (a read transaction), unless they are current: same fingerprint and no
 * commit by another program since. Built for the same snapshot and rules
 * a few days before, a rollover brings them to today. */
static enum status refresh_temp(struct db *db, const struct rules *rules, int today, const char *fp)
{
	struct builder b = {.db = db, .rules = rules, .today = today};
	const char *set = NULL;
	enum status st;
	int64_t version;
	int was;

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
	version = db_data_version(db);
	if (version == db->temp_version && strcmp(db->temp_fingerprint, fp) == 0)
		return db_commit(db);
	if (version == db->temp_version && db->temp_fingerprint[0] &&
	    rollover_from(rules, db->temp_fingerprint, today, &was)) {
		set = "temp.cache_roll";
		st = roll_set(db, rules, was, today, false);
	} else {
		b.total = accounts_count(db);
	}
	if (st == STATUS_OK)
		st = rebuild(&b, set);
	builder_done(&b);
	if (st == STATUS_OK && !set)
		st = db_exec(db, "ANALYZE temp.account_cache");
	if (!set)
		progress_finish(db->progress);
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

/* The refresh's page cache (DB_REFRESH_CACHE_SIZE), whatever a session or
 * a command set for its reading (db_cache_kb()). What was set is put back
 * by cache_back(). */
static int64_t cache_big(struct db *db)
{
	int64_t was = 0;

	if (db_int(db, "PRAGMA cache_size", DB_NOARGS, &was) != STATUS_OK ||
	    db_exec(db, "PRAGMA cache_size = " DB_REFRESH_CACHE_SIZE) != STATUS_OK)
		return 0;
	return was;
}

static void cache_back(struct db *db, int64_t was)
{
	char sql[64];

	if (was == 0)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)was);
	db_exec(db, sql);
}

static enum status refresh(struct db *db, const struct rules *rules, int today);

enum status db_refresh(struct db *db, const struct rules *rules, int today)
{
	int64_t was = cache_big(db);
	enum status st = refresh(db, rules, today);

	cache_back(db, was);
	return st;
}

static enum status refresh(struct db *db, const struct rules *rules, int today)
{
	char fp[RULES_FINGERPRINT_LEN];
	enum status st;
	bool fresh, same_fp, cold = !db->refreshed;

	db->rules = *rules;
	db->today = today;
	db->refreshed = true;
	rules_fingerprint(rules, today, fp, sizeof(fp));
	/* a file that cannot, or must not (damaged), be written keeps its
	 * derived tables in temp */
	if (db->readonly || db->damaged)
		return refresh_temp(db, rules, today, fp);
	/* the common case, cheaply and without a write lock */
	if ((st = cache_fresh(db, fp, NULL, &fresh, &same_fp, NULL)) != STATUS_OK)
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
	    (st = refresh_locked(db, rules, today, cold)) == STATUS_OK)
		return db_commit(db);
	db_rollback(db);
	return st;
}

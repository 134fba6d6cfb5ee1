/* Accounts: the lists behind the board, the table and the account view. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/shortid.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

void account_filter_init(struct account_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->quadrant = -1;
	f->sort = SORT_PRIORITY;
}

#define ACCOUNT_COLUMNS                                                                                 \
	"a.id, a.name, a.owner, a.segment, a.fit, a.status, a.revenue, a.wallet,"                       \
	" c.nps, c.counted, c.share, c.quadrant, c.rank_group, c.rank_value,"                           \
	" a.hold_manual, a.hold_quadrant, a.hold_reason, a.hold_on,"                                    \
	" (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL),"          \
	" (SELECT count(*) FROM problems p WHERE p.account_id = a.id AND p.status <> 'reported_back')," \
	" c.last_response,"                                                                             \
	" (SELECT min(n.next_contact_on) FROM notes n WHERE n.account_id = a.id"                        \
	"   AND n.next_contact_on >= ?9),"                                                              \
	" a.won_on, a.lost_reason, a.lost_to, a.winback_plan, a.external_ref"

enum hold_manual db_hold_from_text(const char *manual)
{
	if (manual && strcmp(manual, "set") == 0)
		return HOLD_SET;
	if (manual && strcmp(manual, "lifted") == 0)
		return HOLD_LIFTED;
	return HOLD_AUTO;
}

struct hold db_read_hold(sqlite3_stmt *st, int col, enum quadrant q, int open_conditions)
{
	const char *mq = db_col_opt(st, col + 1);

	return hold_compute(q, open_conditions, db_hold_from_text(db_col_opt(st, col)),
			    mq ? quadrant_from_name(mq) : -1);
}

static void read_row(sqlite3_stmt *st, struct account_row *r)
{
	int fit = fit_from_name(db_col_text(st, 4));
	int status = acct_status_from_name(db_col_text(st, 5));
	enum hold_manual hm = db_hold_from_text(db_col_opt(st, 14));

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->name = db_col_text(st, 1);
	r->owner = db_col_text(st, 2);
	r->segment = db_col_text(st, 3);
	r->fit = fit < 0 ? FIT_UNKNOWN : (enum fit)fit;
	r->status = status < 0 ? ACCT_ACTIVE : (enum acct_status)status;
	r->revenue = sqlite3_column_int64(st, 6);
	r->has_wallet = sqlite3_column_type(st, 7) != SQLITE_NULL;
	r->wallet = sqlite3_column_int64(st, 7);
	r->nps_known = sqlite3_column_type(st, 8) != SQLITE_NULL;
	r->nps = sqlite3_column_double(st, 8);
	r->counted = sqlite3_column_int(st, 9);
	r->share_known = sqlite3_column_type(st, 10) != SQLITE_NULL;
	r->share = sqlite3_column_double(st, 10);
	r->quadrant = db_col_quadrant(st, 11);
	r->priority.group = sqlite3_column_int(st, 12);
	r->priority.value = sqlite3_column_int64(st, 13);
	r->open_conditions = sqlite3_column_int(st, 18);
	r->open_problems = sqlite3_column_int(st, 19);
	r->hold = db_read_hold(st, 14, r->quadrant, r->open_conditions);
	r->hold_reason = hm != HOLD_AUTO ? db_col_opt(st, 16) : NULL;
	r->hold_on = hm != HOLD_AUTO ? db_col_opt(st, 17) : NULL;
	r->last_response = db_col_opt(st, 20);
	r->next_contact = db_col_opt(st, 21);
	r->won_on = db_col_opt(st, 22);
	r->lost_reason = db_col_opt(st, 23);
	r->lost_to = db_col_opt(st, 24);
	r->winback_plan = db_col_opt(st, 25);
	r->external_ref = db_col_opt(st, 26);
}

/* ---- filters ------------------------------------------------------------
 * One account filter becomes SQL here for every query that takes one (the
 * lists, counts and totals of accounts.c and lists.c). A search is a
 * substring of name, owner or segment in any case and with or without
 * accents (text_fold(): "koyo" finds "Kōyō", "Kōyō" finds "Koyo"). Its
 * matches come from the trigram index when it has three characters or
 * more, or two ASCII ones (pair_arg()), then from the texts beyond ASCII
 * that the index cannot fold, which the partial index account_text_accented
 * holds (acctplan_fold_has() checks each; a search beyond ASCII checks every
 * text, as does the scan of one character); when there are few (HITS_MAX at
 * most), they are kept in temp.search_hits for as long as the file is
 * unchanged, so the count and the page of one keystroke look them up once
 * and the query walks them rather than the book. A search of three
 * characters or more that matches more than HITS_MAX accounts walks the
 * trigram index alone (the few accented names it misses are found once
 * the search narrows); a shorter one scans, as far as a page needs. */

#define HITS_MAX 2000
/* A search of three characters or more that the trigram index says
 * matches more than this many accounts is dense: a page of it is found by
 * checking the accounts in the list's order (SEARCH_SCAN), a few rows a
 * match, where asking the index would first gather every match (some
 * 200,000 for "ltd" at a million accounts, 44 ms a key). */
#define DENSE_MIN 10000

void db_like_escape(struct strbuf *pat, const char *s)
{
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			strbuf_addc(pat, '\\');
		strbuf_addc(pat, *s);
	}
}

/* f's search as ?3 wants it for kind: an FTS5 phrase, or the folded text
 * acctplan_fold_has() looks for. */
static void search_arg(struct strbuf *arg, const char *search, enum search_kind kind)
{
	const char *p;

	if (kind == SEARCH_INDEX) {
		strbuf_addc(arg, '"');
		for (p = search; *p; p++) {
			if (*p == '"')
				strbuf_addc(arg, '"');
			strbuf_addc(arg, *p);
		}
		strbuf_addc(arg, '"');
	} else {
		text_fold(arg, search);
	}
}

/* acctplan_fold_has(TEXT, NEEDLE, ALL): whether TEXT folded (text_fold())
 * holds NEEDLE, which is folded already. With ALL 0 an all-ASCII TEXT is
 * 0 at once: the index has answered for those rows. Only our own queries
 * call it, never the schema, so other programs need not know it. */
static void sql_fold_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct strbuf *buf = sqlite3_user_data(ctx);
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	const char *needle = (const char *)sqlite3_value_text(argv[1]);

	(void)argc;
	if (!text || !needle) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	if (!sqlite3_value_int(argv[2]) && text_ascii(text)) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	switch (text_fold_has_ascii(text, needle)) {
	case 0:
		sqlite3_result_int(ctx, 0);
		return;
	case 1:
		sqlite3_result_int(ctx, 1);
		return;
	default:
		break;
	}
	strbuf_reset(buf);
	text_fold(buf, text);
	sqlite3_result_int(ctx, strstr(buf->buf, needle) != NULL);
}

static void fold_buf_free(void *p)
{
	strbuf_done(p);
	free(p);
}

void db_search_register(struct db *db)
{
	struct strbuf *buf = xcalloc(1, sizeof(*buf));

	strbuf_init(buf);
	sqlite3_create_function_v2(db->sql, "acctplan_fold_has", 3,
				   SQLITE_UTF8 | SQLITE_DETERMINISTIC, buf, sql_fold_has, NULL,
				   NULL, fold_buf_free);
}

/* The texts that hold anything beyond printable ASCII: the WHERE of the
 * partial index account_text_accented (012-search-accented.sql), written
 * the same so that the planner walks it. */
#define ACCENTED "text GLOB CAST(x'2a5b5e1f2d7e5d2a' AS TEXT)"

/* The trigrams that hold a search of two ASCII characters, as an FTS5
 * query: "abx" OR "xab" for every x from char(31) to '~'. Every search
 * text is three characters or more (two separators), so each place the
 * pair stands is inside one of them, and the trigram index folds ASCII
 * case as text_fold() does. A text with any other character is one of
 * ACCENTED, checked apart. */
static void pair_arg(struct strbuf *arg, const char *pair)
{
	int c, side;

	for (c = 0x1f; c <= '~'; c++) {
		for (side = 0; side < 2; side++) {
			char gram[4];
			const char *p;

			gram[side ? 0 : 2] = (char)c;
			memcpy(gram + (side ? 1 : 0), pair, 2);
			gram[3] = '\0';
			strbuf_adds(arg, arg->len ? " OR \"" : "\"");
			for (p = gram; *p; p++) {
				if (*p == '"')
					strbuf_addc(arg, '"');
				strbuf_addc(arg, *p);
			}
			strbuf_addc(arg, '"');
		}
	}
}

enum status db_filter_plan(struct db *db, const struct account_filter *f, enum search_kind *kind)
{
	struct search_hits *h = &db->hits;
	enum search_kind many;
	struct strbuf arg;
	struct db_stamp now;
	int64_t found;
	bool ascii, index;
	enum status s;

	*kind = SEARCH_NONE;
	if (!f->search || !*f->search)
		return STATUS_OK;
	many = utf8_chars(f->search) >= 3 ? SEARCH_INDEX : SEARCH_SCAN;
	if (utf8_chars(f->search) == 1) {
		/* matches most of the book, or so few that one scan finds them */
		*kind = SEARCH_SCAN;
		return STATUS_OK;
	}
	/* data_version sees other programs' commits, total_changes our own */
	now = db_stamp(db);
	if (h->text && strcmp(h->text, f->search) == 0 && db_stamp_same(h->filled, now)) {
		*kind = h->complete ? SEARCH_HITS : h->dense ? SEARCH_SCAN : many;
		return STATUS_OK;
	}
	free(h->text);
	h->text = NULL;
	if ((s = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY);"
			     "DELETE FROM temp.search_hits")) != STATUS_OK)
		return s;
	/* three characters or more, or two ASCII ones: the trigram index
	 * looks the matches up; else a scan folds every text */
	ascii = text_ascii(f->search);
	index = many == SEARCH_INDEX || ascii;
	strbuf_init(&arg);
	if (many == SEARCH_SCAN && index)
		pair_arg(&arg, f->search);
	else
		search_arg(&arg, f->search, many);
	s = db_run(db,
		   index ? "INSERT INTO temp.search_hits SELECT rowid FROM account_search"
			   " WHERE account_search MATCH ?1 LIMIT ?2"
			 : "INSERT INTO temp.search_hits SELECT id FROM account_text"
			   " WHERE acctplan_fold_has(text, ?1, 1) LIMIT ?2",
		   DB_ARGS(DB_TEXT(arg.buf), DB_INT(HITS_MAX + 1)));
	found = sqlite3_changes(db->sql);
	if (s == STATUS_OK && index && found <= HITS_MAX) {
		/* the texts the trigram index cannot fold: those beyond ASCII
		 * (the index account_text_accented), or every text when the
		 * search itself is */
		strbuf_reset(&arg);
		text_fold(&arg, f->search);
		s = db_run(db,
			   ascii ? "INSERT OR IGNORE INTO temp.search_hits SELECT id"
				   " FROM account_text WHERE " ACCENTED
				   " AND acctplan_fold_has(text, ?1, 1) LIMIT ?2"
				 : "INSERT OR IGNORE INTO temp.search_hits SELECT id"
				   " FROM account_text WHERE acctplan_fold_has(text, ?1, 1)"
				   " LIMIT ?2",
			   DB_ARGS(DB_TEXT(arg.buf), DB_INT(HITS_MAX + 1)));
		found += sqlite3_changes(db->sql);
	}
	h->dense = false;
	if (s == STATUS_OK && index && many == SEARCH_INDEX && found > HITS_MAX) {
		int64_t more = 0;

		s = db_int(db,
			   "SELECT count(*) FROM (SELECT rowid FROM account_search"
			   " WHERE account_search MATCH ?1 LIMIT ?2)",
			   DB_ARGS(DB_TEXT(arg.buf), DB_INT(DENSE_MIN + 1)), &more);
		h->dense = more > DENSE_MIN;
	}
	strbuf_done(&arg);
	if (s != STATUS_OK)
		return s;
	h->complete = found <= HITS_MAX;
	h->text = xstrdup(f->search);
	h->filled = now; /* the temp table's own rows are not a change to the file */
	*kind = h->complete ? SEARCH_HITS : h->dense ? SEARCH_SCAN : many;
	return STATUS_OK;
}

void db_filter_sql(struct strbuf *sql, const struct account_filter *f, enum search_kind kind,
		   bool rows, enum filter_lead lead)
{
	bool cache = rows || f->quadrant >= 0;
	const char *status = "a.status";

	if (kind == SEARCH_HITS ||
	    (lead == LEAD_ANY && (kind == SEARCH_INDEX || kind == SEARCH_SCAN))) {
		/* the matches lead, with their narrow rows as m; the hits'
		 * LIMIT tells the planner how few they are, or a table without
		 * statistics looks so big that the join first builds a Bloom
		 * filter over the whole of account_text */
		if (kind == SEARCH_HITS)
			strbuf_addf(sql,
				    " FROM (SELECT id FROM temp.search_hits LIMIT %d) h"
				    " CROSS JOIN account_text m ON m.id = h.id",
				    HITS_MAX + 1);
		else if (kind == SEARCH_INDEX)
			strbuf_adds(sql, " FROM account_search CROSS JOIN account_text m"
					 " ON m.id = account_search.rowid");
		else
			strbuf_adds(sql, " FROM account_text m");
		if (rows || f->owner || f->segment)
			strbuf_adds(sql, " CROSS JOIN accounts a ON a.id = m.id");
		if (cache)
			strbuf_adds(sql, " CROSS JOIN account_cache c ON c.account_id = m.id");
		strbuf_adds(sql, " WHERE 1");
		if (kind == SEARCH_INDEX)
			strbuf_adds(sql, " AND account_search MATCH ?3");
		else if (kind == SEARCH_SCAN)
			strbuf_adds(sql, " AND acctplan_fold_has(m.text, ?3, 1)");
		status = "m.status";
	} else {
		/* the leading table's id, with a + so that the search is a check
		 * on each row rather than a list of rows to fetch and sort */
		const char *id = cache && lead == LEAD_CACHE ? "+c.account_id" : "+a.id";
		/* a scan checks each row of the leading table against its narrow
		 * text, joined before the wide accounts row is read */
		const char *text =
			kind == SEARCH_SCAN ? " CROSS JOIN account_text m ON m.id = " : NULL;

		if (!cache)
			strbuf_addf(sql, " FROM accounts a%s%s", text ? text : "",
				    text ? "a.id" : "");
		else if (lead == LEAD_CACHE)
			strbuf_addf(
				sql,
				" FROM account_cache c%s%s CROSS JOIN accounts a ON a.id = c.account_id",
				text ? text : "", text ? "c.account_id" : "");
		else if (lead == LEAD_ACCOUNTS)
			strbuf_addf(
				sql,
				" FROM accounts a%s%s CROSS JOIN account_cache c ON c.account_id = a.id",
				text ? text : "", text ? "a.id" : "");
		else
			strbuf_addf(
				sql,
				" FROM account_cache c JOIN accounts a ON a.id = c.account_id%s%s",
				text ? text : "", text ? "a.id" : "");
		strbuf_adds(sql, " WHERE 1");
		if (kind == SEARCH_INDEX)
			strbuf_addf(sql,
				    " AND %s IN (SELECT rowid FROM account_search"
				    " WHERE account_search MATCH ?3)",
				    id);
		else if (kind == SEARCH_SCAN) {
			strbuf_adds(sql, " AND acctplan_fold_has(m.text, ?3, 1)");
			status = "m.status";
		}
	}
	if (!f->all_statuses)
		strbuf_addf(sql, " AND %s = 'active'", status);
	if (f->owner)
		strbuf_adds(sql, " AND a.owner = ?1");
	if (f->segment)
		strbuf_adds(sql, " AND a.segment = ?2");
	if (f->quadrant >= 0)
		strbuf_adds(sql, " AND c.quadrant = ?4");
}

void db_filter_bind(sqlite3_stmt *st, const struct account_filter *f, enum search_kind kind)
{
	if (f->owner)
		sqlite3_bind_text(st, 1, f->owner, -1, SQLITE_TRANSIENT);
	if (f->segment)
		sqlite3_bind_text(st, 2, f->segment, -1, SQLITE_TRANSIENT);
	if (kind != SEARCH_NONE && kind != SEARCH_HITS) {
		struct strbuf arg;

		strbuf_init(&arg);
		search_arg(&arg, f->search, kind);
		sqlite3_bind_text(st, 3, arg.buf, -1, SQLITE_TRANSIENT);
		strbuf_done(&arg);
	}
	if (f->quadrant >= 0)
		sqlite3_bind_text(st, 4, quadrant_name((enum quadrant)f->quadrant), -1,
				  SQLITE_STATIC);
}

/* The quadrants in the enum's order, for sorting by quadrant: the file
 * stores names, the order is this build's. */
static void quadrant_order(struct strbuf *sql)
{
	int q;

	strbuf_adds(sql, "CASE c.quadrant");
	for (q = 0; q < QUAD_COUNT; q++)
		strbuf_addf(sql, " WHEN '%s' THEN %d", quadrant_name((enum quadrant)q), q);
	strbuf_addf(sql, " ELSE %d END", QUAD_COUNT);
}

void db_filter_order(struct strbuf *sql, const struct account_filter *f)
{
	/* priority runs high value first, the figures biggest first; names
	 * ascend by default */
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
		quadrant_order(sql);
		strbuf_addf(sql, " %s, c.rank_group %s, c.rank_value DESC", dir, dir);
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
		strbuf_addf(sql,
			    "(SELECT count(*) FROM problems p WHERE p.account_id = a.id"
			    " AND p.status <> 'reported_back') %s",
			    rdir);
		break;
	case SORT_LAST_CONTACT:
	default:
		strbuf_addf(sql, "c.last_response IS NULL, c.last_response %s", rdir);
		break;
	}
	strbuf_adds(sql, ", a.name COLLATE NOCASE, a.id");
}

enum status db_filter_prepare(struct db *db, const struct account_filter *f, enum search_kind kind,
			      const struct filter_query *q, sqlite3_stmt **st)
{
	struct strbuf sql;
	enum status s;

	strbuf_init(&sql);
	strbuf_adds(&sql, q->head);
	db_filter_sql(&sql, f, kind, q->rows, q->lead);
	if (q->order) {
		strbuf_adds(&sql, " ORDER BY ");
		db_filter_order(&sql, f);
	}
	if (q->tail)
		strbuf_adds(&sql, q->tail);
	s = db_prepare(db, sql.buf, st);
	strbuf_done(&sql);
	if (s == STATUS_OK)
		db_filter_bind(*st, f, kind);
	return s;
}

bool db_filter_totals(const struct account_filter *f)
{
	return !f->all_statuses && !f->owner && !f->segment && !(f->search && *f->search);
}

static void today_text(char today[DATE_LEN])
{
	int day;

	if (date_today(&day) != STATUS_OK)
		day = 0;
	date_format(day, today);
}

static void bind_today(sqlite3_stmt *st, int i)
{
	char today[DATE_LEN];

	today_text(today);
	sqlite3_bind_text(st, i, today, -1, SQLITE_TRANSIENT);
}

DB_ROW_WALKER(account, struct account_row, account_cb, read_row)

enum status db_accounts(struct db *db, const struct account_filter *f, account_cb cb, void *ctx)
{
	struct filter_query q = {"SELECT " ACCOUNT_COLUMNS, true, LEAD_ANY, true, NULL};
	struct account_walk w = {cb, ctx};
	enum search_kind kind;
	char limit[64];
	sqlite3_stmt *st;
	enum status s;

	/* the page as literals: the planner walks an index for a small one */
	if (f->limit) {
		snprintf(limit, sizeof(limit), " LIMIT %zu OFFSET %zu", f->limit, f->offset);
		q.tail = limit;
	}
	if ((s = db_filter_plan(db, f, &kind)) != STATUS_OK ||
	    (s = db_filter_prepare(db, f, kind, &q, &st)) != STATUS_OK)
		return s;
	bind_today(st, 9);
	return db_each(db, st, account_each, &w);
}

/* Adds a row (quadrant name, accounts, revenue, NPS sum, NPS count) to
 * the summary in ctx, unless the filter leaves its quadrant out. */
struct summing {
	const struct account_filter *f;
	struct quadrant_summary *out;
};

static int sum_row(sqlite3_stmt *st, void *ctx)
{
	struct summing *sm = ctx;
	int q = quadrant_from_name(db_col_opt(st, 0));

	if (q < 0 || (sm->f->quadrant >= 0 && q != sm->f->quadrant))
		return 0;
	sm->out[q].accounts = sqlite3_column_int(st, 1);
	sm->out[q].revenue = sqlite3_column_int64(st, 2);
	sm->out[q].nps_sum = sqlite3_column_double(st, 3);
	sm->out[q].advocacy.counted = sqlite3_column_int(st, 4);
	return 0;
}

enum status db_accounts_count(struct db *db, const struct account_filter *f, size_t *n)
{
	static const struct filter_query query = {"SELECT count(*)", true, LEAD_ANY, false, NULL};
	struct quadrant_summary sum[QUAD_COUNT];
	enum search_kind kind;
	sqlite3_stmt *st;
	enum status s;
	int64_t count;
	int q;

	*n = 0;
	if (db_filter_totals(f)) {
		if ((s = db_board_summary(db, f, sum)) == STATUS_OK)
			for (q = 0; q < QUAD_COUNT; q++)
				*n += (size_t)sum[q].accounts;
		return s;
	}
	if ((s = db_filter_plan(db, f, &kind)) != STATUS_OK ||
	    (s = db_filter_prepare(db, f, kind, &query, &st)) != STATUS_OK)
		return s;
	if ((s = db_int_of(db, st, &count)) == STATUS_OK)
		*n = (size_t)count;
	return s;
}

enum status db_board_summary(struct db *db, const struct account_filter *f,
			     struct quadrant_summary out[QUAD_COUNT])
{
	static const struct filter_query query = {
		"SELECT c.quadrant, count(*), sum(a.revenue), total(c.nps), count(c.nps)", true,
		LEAD_ANY, false, " GROUP BY c.quadrant"};
	struct summing sm = {f, out};
	enum search_kind kind;
	sqlite3_stmt *st;
	enum status s;
	int q;

	memset(out, 0, sizeof(struct quadrant_summary) * QUAD_COUNT);
	if (db_filter_totals(f)) {
		s = db_rows(
			db,
			"SELECT quadrant, accounts, revenue, nps_sum, nps_count FROM cache_totals",
			DB_NOARGS, sum_row, &sm);
	} else {
		if ((s = db_filter_plan(db, f, &kind)) != STATUS_OK ||
		    (s = db_filter_prepare(db, f, kind, &query, &st)) != STATUS_OK)
			return s;
		s = db_each(db, st, sum_row, &sm);
	}
	for (q = 0; q < QUAD_COUNT; q++) {
		out[q].advocacy.known = out[q].advocacy.counted > 0;
		if (out[q].advocacy.known)
			out[q].advocacy.nps = out[q].nps_sum / out[q].advocacy.counted;
	}
	return s;
}

enum status db_account_get(struct db *db, int64_t id, account_cb cb, void *ctx)
{
	struct account_walk w = {cb, ctx};
	char today[DATE_LEN];
	enum status s;

	/* once per row of a page: prepared once */
	today_text(today);
	s = db_row_cached(db, STMT_ACCOUNT_GET,
			  "SELECT " ACCOUNT_COLUMNS
			  " FROM account_cache c JOIN accounts a ON a.id = c.account_id"
			  " WHERE a.id = ?1",
			  DB_ARGS(DB_INT(id), DB_NULL, DB_NULL, DB_NULL, DB_NULL, DB_NULL, DB_NULL,
				  DB_NULL, DB_TEXT(today)),
			  account_one, &w);
	return db_no_row(s, "account", id);
}

enum status db_account_resolve(struct db *db, const char *arg, int64_t *id)
{
	sqlite3_stmt *st;
	enum status s;
	char *end;
	long long v;
	int64_t found;

	/* an id first */
	v = strtoll(arg, &end, 10);
	if (*arg && *end == '\0' && v > 0) {
		s = db_int(db, "SELECT id FROM accounts WHERE id = ?", DB_ARGS(DB_INT(v)), &found);
		if (s == STATUS_OK) {
			*id = found;
			return STATUS_OK;
		}
		if (s != STATUS_NOT_FOUND)
			return s;
	}
	/* an exact name wins over a prefix of longer names */
	if ((s = db_query(db,
			  "SELECT id, name, name = ?1 COLLATE NOCASE AS exact FROM accounts"
			  " WHERE name LIKE ?2 ESCAPE '\\' ORDER BY exact DESC,"
			  " name COLLATE NOCASE LIMIT 6",
			  DB_ARGS(DB_TEXT(arg)), &st)) != STATUS_OK)
		return s;
	s = db_pick_by_name(db, st, 2, arg, "account", id);
	/* no name: a short id (a name that starts the same wins) */
	if (s == STATUS_NOT_FOUND && shortid_is_prefix(arg)) {
		char *why = xstrdup(status_detail());

		s = db_id_resolve(db, ID_ACCOUNT, arg, id);
		if (s == STATUS_NOT_FOUND)
			s = status_set(s, "%s", why);
		free(why);
	}
	return s;
}

enum status db_pick_by_name(struct db *db, sqlite3_stmt *st, int pattern_param, const char *name,
			    const char *noun, int64_t *id)
{
	struct strbuf names, pat;
	enum status s;
	int n = 0, rc;

	strbuf_init(&pat);
	db_like_escape(&pat, name);
	strbuf_addc(&pat, '%');
	sqlite3_bind_text(st, pattern_param, pat.buf, -1, SQLITE_TRANSIENT);
	strbuf_done(&pat);
	strbuf_init(&names);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == 0)
			*id = sqlite3_column_int64(st, 0);
		if (n == 0 && sqlite3_column_int(st, 2)) {
			n = 1;
			break;
		}
		if (n < 5)
			strbuf_addf(&names, "%s\"%.60s\"", n ? ", " : "", db_col_text(st, 1));
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_error(db, rc);
	else if (n == 0)
		s = status_set(STATUS_NOT_FOUND, "no %s matches \"%.80s\"", noun, name);
	else if (n > 1)
		s = status_set(STATUS_AMBIGUOUS, "\"%.80s\" matches several %ss: %s%s", name, noun,
			       names.buf, n > 5 ? ", ..." : "");
	else
		s = STATUS_OK;
	strbuf_done(&names);
	return s;
}

enum status db_owners(struct db *db, int (*cb)(const char *owner, void *ctx), void *ctx)
{
	return db_texts(db,
			"SELECT DISTINCT owner FROM accounts WHERE owner <> ''"
			" ORDER BY owner COLLATE NOCASE",
			DB_NOARGS, cb, ctx);
}

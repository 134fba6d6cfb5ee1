/* Accounts: the lists behind the board, the table and the account view. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

void account_filter_init(struct account_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->quadrant = -1;
	f->sort = SORT_PRIORITY;
}

#define ACCOUNT_COLUMNS                                                           \
	"a.id, a.name, a.owner, a.segment, a.fit, a.status, a.revenue, a.wallet,"  \
	" c.nps, c.counted, c.share, c.quadrant, c.rank_group, c.rank_value,"     \
	" a.hold_manual, a.hold_quadrant, a.hold_reason, a.hold_on,"               \
	" (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL),"  \
	" (SELECT count(*) FROM problems p WHERE p.account_id = a.id AND p.status <> 'reported_back')," \
	" c.last_response,"                                                        \
	" (SELECT min(n.next_contact_on) FROM notes n WHERE n.account_id = a.id"  \
	"   AND n.next_contact_on >= ?9),"                                         \
	" a.won_on, a.lost_reason, a.lost_to, a.winback_plan, a.external_ref"

static void read_row(sqlite3_stmt *st, struct account_row *r)
{
	int fit = fit_from_name(db_col_text(st, 4));
	int status = acct_status_from_name(db_col_text(st, 5));
	const char *manual = db_col_opt(st, 14);
	const char *manual_q = db_col_opt(st, 15);
	enum hold_manual hm = HOLD_AUTO;

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
	r->quadrant = (enum quadrant)sqlite3_column_int(st, 11);
	r->priority.group = sqlite3_column_int(st, 12);
	r->priority.value = sqlite3_column_int64(st, 13);
	if (manual && strcmp(manual, "set") == 0)
		hm = HOLD_SET;
	else if (manual && strcmp(manual, "lifted") == 0)
		hm = HOLD_LIFTED;
	r->open_conditions = sqlite3_column_int(st, 18);
	r->open_problems = sqlite3_column_int(st, 19);
	r->hold = hold_compute(r->quadrant, r->open_conditions, hm,
			       manual_q ? quadrant_from_name(manual_q) : -1);
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

static const char *const order_by[SORT_COUNT] = {
	[SORT_PRIORITY] = "c.rank_group %s, c.rank_value %s",
	[SORT_NAME] = "a.name COLLATE NOCASE %s",
	[SORT_OWNER] = "a.owner COLLATE NOCASE %s",
	[SORT_QUADRANT] = "c.quadrant %s, c.rank_group %s, c.rank_value DESC",
	[SORT_NPS] = "c.nps IS NULL, c.nps %s",
	[SORT_SHARE] = "c.share IS NULL, c.share %s",
	[SORT_REVENUE] = "a.revenue %s",
	[SORT_PROBLEMS] = "20 %s",
	[SORT_LAST_CONTACT] = "c.last_response IS NULL, c.last_response %s",
};

/* Binds: ?1 owner, ?2 segment, ?3 search pattern, ?4 quadrant, ?9 today. */
static void add_where(struct strbuf *sql, const struct account_filter *f)
{
	strbuf_adds(sql, " FROM account_cache c JOIN accounts a ON a.id = c.account_id WHERE 1");
	if (!f->all_statuses)
		strbuf_adds(sql, " AND a.status = 'active'");
	if (f->owner)
		strbuf_adds(sql, " AND a.owner = ?1");
	if (f->segment)
		strbuf_adds(sql, " AND a.segment = ?2");
	if (f->search && *f->search)
		strbuf_adds(sql, " AND (a.name LIKE ?3 ESCAPE '\\' OR a.owner LIKE ?3 ESCAPE '\\'"
				 " OR a.segment LIKE ?3 ESCAPE '\\')");
	if (f->quadrant >= 0)
		strbuf_adds(sql, " AND c.quadrant = ?4");
}

static void bind_filter(sqlite3_stmt *st, const struct account_filter *f)
{
	char today[DATE_LEN];
	int day;

	if (f->owner)
		sqlite3_bind_text(st, 1, f->owner, -1, SQLITE_TRANSIENT);
	if (f->segment)
		sqlite3_bind_text(st, 2, f->segment, -1, SQLITE_TRANSIENT);
	if (f->search && *f->search) {
		struct strbuf pat;
		const char *p;

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
	if (date_today(&day) != STATUS_OK)
		day = 0;
	date_format(day, today);
	if (sqlite3_bind_parameter_index(st, "?9"))
		sqlite3_bind_text(st, 9, today, -1, SQLITE_TRANSIENT);
}

static enum status walk(struct db *db, sqlite3_stmt *st, account_cb cb, void *ctx)
{
	struct account_row row;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &row);
		if (cb(&row, ctx))
			return STATUS_OK;
	}
	return rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
}

enum status db_accounts(struct db *db, const struct account_filter *f, account_cb cb, void *ctx)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	const char *dir = f->descending ? "DESC" : "ASC";
	const char *rdir = f->descending ? "ASC" : "DESC";

	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT " ACCOUNT_COLUMNS);
	add_where(&sql, f);
	strbuf_adds(&sql, " ORDER BY ");
	/* priority runs high value first; the others ascend by default */
	if (f->sort == SORT_PRIORITY)
		strbuf_addf(&sql, order_by[SORT_PRIORITY], dir, rdir);
	else if (f->sort == SORT_QUADRANT)
		strbuf_addf(&sql, order_by[SORT_QUADRANT], dir, dir);
	else if (f->sort == SORT_REVENUE || f->sort == SORT_NPS || f->sort == SORT_SHARE ||
		 f->sort == SORT_PROBLEMS || f->sort == SORT_LAST_CONTACT)
		strbuf_addf(&sql, order_by[f->sort], rdir); /* biggest first */
	else
		strbuf_addf(&sql, order_by[f->sort], dir);
	strbuf_adds(&sql, ", a.name COLLATE NOCASE, a.id");
	if (f->limit)
		strbuf_addf(&sql, " LIMIT %zu OFFSET %zu", f->limit, f->offset);
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	bind_filter(st, f);
	s = walk(db, st, cb, ctx);
	sqlite3_finalize(st);
	return s;
}

enum status db_accounts_count(struct db *db, const struct account_filter *f, size_t *n)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int rc;

	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT count(*)");
	add_where(&sql, f);
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	bind_filter(st, f);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	s = rc == SQLITE_ROW ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status db_board_summary(struct db *db, const struct account_filter *f,
			     struct quadrant_summary out[QUAD_COUNT])
{
	struct strbuf sql;
	sqlite3_stmt *st;
	enum status s;
	int rc;

	memset(out, 0, sizeof(struct quadrant_summary) * QUAD_COUNT);
	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT c.quadrant, count(*), sum(a.revenue), sum(c.nps), count(c.nps)");
	add_where(&sql, f);
	strbuf_adds(&sql, " GROUP BY c.quadrant");
	s = db_prepare(db, sql.buf, &st);
	strbuf_done(&sql);
	if (s != STATUS_OK)
		return s;
	bind_filter(st, f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int q = sqlite3_column_int(st, 0);
		if (q < 0 || q >= QUAD_COUNT)
			continue;
		out[q].accounts = sqlite3_column_int(st, 1);
		out[q].revenue = sqlite3_column_int64(st, 2);
		out[q].nps_sum = sqlite3_column_double(st, 3);
		out[q].advocacy.counted = sqlite3_column_int(st, 4);
		out[q].advocacy.known = out[q].advocacy.counted > 0;
		if (out[q].advocacy.known)
			out[q].advocacy.nps = out[q].nps_sum / out[q].advocacy.counted;
	}
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status db_account_get(struct db *db, int64_t id, account_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	enum status s;
	struct account_filter f;
	struct account_row row;
	int rc;

	account_filter_init(&f);
	s = db_prepare(db, "SELECT " ACCOUNT_COLUMNS
			   " FROM account_cache c JOIN accounts a ON a.id = c.account_id"
			   " WHERE a.id = ?1", &st);
	if (s != STATUS_OK)
		return s;
	sqlite3_bind_int64(st, 1, id);
	{
		char today[DATE_LEN];
		int day;
		if (date_today(&day) != STATUS_OK)
			day = 0;
		date_format(day, today);
		sqlite3_bind_text(st, 9, today, -1, SQLITE_TRANSIENT);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, &row);
		cb(&row, ctx);
		s = STATUS_OK;
	} else if (rc == SQLITE_DONE) {
		s = status_set(STATUS_NOT_FOUND, "no account with id %lld", (long long)id);
	} else {
		s = db_error(db, rc);
	}
	sqlite3_finalize(st);
	return s;
}

enum status db_account_resolve(struct db *db, const char *arg, int64_t *id)
{
	sqlite3_stmt *st;
	enum status s;
	struct strbuf names, pat;
	const char *p;
	char *end;
	long long v;
	int n = 0, rc;

	/* an id first */
	v = strtoll(arg, &end, 10);
	if (*arg && *end == '\0' && v > 0) {
		if ((s = db_prepare(db, "SELECT id FROM accounts WHERE id = ?", &st)) != STATUS_OK)
			return s;
		sqlite3_bind_int64(st, 1, v);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc == SQLITE_ROW) {
			*id = v;
			return STATUS_OK;
		}
	}
	/* an exact name wins over a prefix of longer names */
	if ((s = db_prepare(db, "SELECT id, name, name = ?1 COLLATE NOCASE AS exact FROM accounts"
				" WHERE name LIKE ?2 ESCAPE '\\' ORDER BY exact DESC,"
				" name COLLATE NOCASE LIMIT 6", &st)) != STATUS_OK)
		return s;
	strbuf_init(&pat);
	for (p = arg; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			strbuf_addc(&pat, '\\');
		strbuf_addc(&pat, *p);
	}
	strbuf_addc(&pat, '%');
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, pat.buf, -1, SQLITE_TRANSIENT);
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
		s = status_set(STATUS_NOT_FOUND, "no account matches \"%.80s\"", arg);
	else if (n > 1)
		s = status_set(STATUS_AMBIGUOUS, "\"%.80s\" matches several accounts: %s%s", arg,
			       names.buf, n > 5 ? ", ..." : "");
	else
		s = STATUS_OK;
	strbuf_done(&names);
	return s;
}

enum status db_owners(struct db *db, int (*cb)(const char *owner, void *ctx), void *ctx)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((s = db_prepare(db, "SELECT DISTINCT owner FROM accounts WHERE owner <> ''"
				" ORDER BY owner COLLATE NOCASE", &st)) != STATUS_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (cb(db_col_text(st, 0), ctx))
			break;
	s = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

/*
 * Referrals: asks and the referrals they bring (practices.h; the rules are
 * in referral.h). The to-ask list reads the promoters' latest answers in
 * the window off feedback_date, and who was asked lately off
 * referrals_contact; the rule itself is referral_due(), applied to each
 * candidate.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/practices.h"
#include "acctplan/xalloc.h"

/* The contact, when given, must be one of the account's. */
static enum status check_account(struct db *db, int64_t account_id, int64_t contact_id)
{
	int64_t owner = 0;
	enum status s;

	s = db_row_by_id(db, "SELECT 1 FROM accounts WHERE id = ?", account_id, "account",
			 db_read_int, &owner);
	if (s != STATUS_OK || !contact_id)
		return s;
	s = db_row_by_id(db, "SELECT account_id FROM contacts WHERE id = ?", contact_id, "buyer",
			 db_read_int, &owner);
	if (s == STATUS_OK && owner != account_id)
		s = status_set(STATUS_BAD_INPUT, "buyer %lld is not one of the account's",
			       (long long)contact_id);
	return s;
}

/* The referral r names, when there is one: the same buyer's to the same
 * name, else the buyer's latest ask with no name yet. */
static enum status find(struct db *db, const struct referral_rec *r, int64_t *id, bool *named)
{
	enum status s;

	*id = 0;
	*named = false;
	s = db_int(db,
		   "SELECT id FROM referrals WHERE account_id = ?1 AND contact_id IS ?2"
		   " AND referred_to = ?3 COLLATE NOCASE ORDER BY asked_on DESC, id DESC LIMIT 1",
		   DB_ARGS(DB_INT(r->account_id), DB_ID(r->contact_id), DB_TEXT(r->referred_to)),
		   id);
	if (s == STATUS_OK) {
		*named = true;
		return s;
	}
	if (s != STATUS_NOT_FOUND)
		return s;
	s = db_int(db,
		   "SELECT id FROM referrals WHERE account_id = ?1 AND contact_id IS ?2"
		   " AND referred_to IS NULL ORDER BY asked_on DESC, id DESC LIMIT 1",
		   DB_ARGS(DB_INT(r->account_id), DB_ID(r->contact_id)), id);
	return s == STATUS_NOT_FOUND ? (*id = 0, STATUS_OK) : s;
}

enum status db_referral_add(struct db *db, const struct referral_rec *r, int64_t *id,
			    enum referral_put *how)
{
	const char *outcome = referral_outcome_name(r->outcome);
	enum status s;
	bool named = false;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = check_account(db, r->account_id, r->contact_id)) != STATUS_OK)
		return db_finish(db, s);
	*id = 0;
	if (r->referred_to && (s = find(db, r, id, &named)) != STATUS_OK)
		return db_finish(db, s);
	if (*id) {
		/* the outcome's day moves only when the outcome does */
		*how = named ? REFERRAL_UPDATED : REFERRAL_NAMED;
		s = db_edit_run(
			db, "referrals", *id,
			"UPDATE referrals SET referred_to = coalesce(referred_to, ?2), outcome = ?3,"
			" outcome_on = CASE WHEN outcome IS ?3 AND referred_to IS NOT NULL"
			"  THEN outcome_on ELSE ?4 END, updated_at = coalesce(?5, acctplan_now())"
			" WHERE id = ?1",
			DB_ARGS(DB_INT(*id), DB_TEXT(r->referred_to), DB_TEXT(outcome),
				DB_TEXT(r->outcome_on), DB_TEXT(r->stamp)));
		return db_finish(db, s);
	}
	*how = r->referred_to ? REFERRAL_NEW : REFERRAL_ASKED;
	*id = db_new_id(db);
	s = db_edit_run(db, "referrals", *id,
			"INSERT INTO referrals(id, account_id, contact_id, asked_on, referred_to,"
			" outcome, outcome_on, created_at, updated_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, acctplan_now()),"
			" coalesce(?8, acctplan_now()))",
			DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_ID(r->contact_id),
				DB_TEXT(r->asked_on), DB_TEXT(r->referred_to), DB_TEXT(outcome),
				DB_TEXT(r->referred_to ? r->outcome_on : NULL), DB_TEXT(r->stamp)));
	return db_finish(db, s);
}

/* ---- reading ------------------------------------------------------------ */

#define REFERRAL_SELECT                                                                  \
	"SELECT r.id, r.account_id, r.contact_id, a.name, a.owner, ct.name, r.asked_on," \
	" r.referred_to, r.outcome, r.outcome_on"                                        \
	" FROM referrals r JOIN accounts a ON a.id = r.account_id"                       \
	" LEFT JOIN contacts ct ON ct.id = r.contact_id"

static void fill_referral(sqlite3_stmt *st, struct referral_row *r)
{
	int o = referral_outcome_from_name(db_col_text(st, 8));

	r->id = sqlite3_column_int64(st, 0);
	r->account_id = sqlite3_column_int64(st, 1);
	r->contact_id = sqlite3_column_int64(st, 2);
	r->account = db_col_text(st, 3);
	r->owner = db_col_text(st, 4);
	r->contact = db_col_opt(st, 5);
	r->asked_on = db_col_text(st, 6);
	r->referred_to = db_col_opt(st, 7);
	r->outcome = o < 0 ? REFERRAL_PENDING : (enum referral_outcome)o;
	r->outcome_on = db_col_opt(st, 9);
}

DB_ROW_WALKER(referral, struct referral_row, referral_cb, fill_referral)

enum status db_referrals(struct db *db, int64_t account_id, referral_cb cb, void *ctx)
{
	struct referral_walk w = {cb, ctx};

	return db_rows(
		db, REFERRAL_SELECT " WHERE r.account_id = ?1 ORDER BY r.asked_on DESC, r.id DESC",
		DB_ARGS(DB_INT(account_id)), referral_each, &w);
}

enum status db_referrals_open(struct db *db, const char *owner, referral_cb cb, void *ctx)
{
	struct referral_walk w = {cb, ctx};

	return db_rows(db,
		       REFERRAL_SELECT
		       " LEFT JOIN account_cache c ON c.account_id = a.id"
		       " WHERE r.outcome IN ('pending', 'met') AND (?1 IS NULL OR a.owner = ?1)"
		       " ORDER BY coalesce(c.rank_group, 9), coalesce(c.rank_value, 0) DESC,"
		       " a.name COLLATE NOCASE, a.id, r.asked_on, r.id",
		       DB_ARGS(DB_TEXT(owner)), referral_each, &w);
}

/* sql with @ACCOUNT@ made "AND f.account_id = ?5" when account_id is
 * given, else nothing. Caller frees. */
static char *sql_with_account(int64_t account_id, const char *sql)
{
	const char *at = strstr(sql, "@ACCOUNT@");

	return xasprintf("%.*s%s%s", (int)(at - sql), sql,
			 account_id ? "AND f.account_id = ?5" : "", at + strlen("@ACCOUNT@"));
}

struct to_ask_walk {
	const struct rules *rules;
	int today;
	to_ask_cb cb;
	void *ctx;
};

static int to_ask_each(sqlite3_stmt *st, void *p)
{
	struct to_ask_walk *w = p;
	struct to_ask_row r;
	int responded, asked = -1;

	memset(&r, 0, sizeof(r));
	r.account_id = sqlite3_column_int64(st, 0);
	r.account = db_col_text(st, 1);
	r.owner = db_col_text(st, 2);
	r.contact_id = sqlite3_column_int64(st, 3);
	r.contact = db_col_text(st, 4);
	r.score = sqlite3_column_int(st, 5);
	r.responded_on = db_col_text(st, 6);
	r.last_asked = db_col_opt(st, 7);
	if (!date_parse(r.responded_on, &responded))
		return 0;
	if (r.last_asked && !date_parse(r.last_asked, &asked))
		asked = -1;
	if (!referral_due(w->rules, w->today, responded, r.score, asked))
		return 0;
	return w->cb(&r, w->ctx);
}

enum status db_referrals_to_ask(struct db *db, const struct rules *rules, int today,
				const char *owner, int64_t account_id, to_ask_cb cb, void *ctx)
{
	struct to_ask_walk w = {rules, today, cb, ctx};
	char first[DATE_LEN], last[DATE_LEN], since[DATE_LEN], *sql;
	int d_first, d_since;
	enum status s;

	referral_days_of(rules, today, &d_first, &d_since);
	date_format(d_first, first);
	date_format(today, last);
	date_format(d_since, since);
	/* each buyer's latest answer in the window (the newest day, then the
	 * newest row), when it is a promoter's and they were not asked since */
	/* one account's buyers are read off its own rows (feedback_account),
	 * the book's off the window's days (feedback_date) */
	sql = sql_with_account(
		account_id,
		"SELECT a.id, a.name, a.owner, ct.id, ct.name, x.score, x.responded_on,"
		" (SELECT max(q.asked_on) FROM referrals q WHERE q.contact_id = ct.id)"
		" FROM (SELECT f.contact_id, f.account_id, f.score, f.responded_on, row_number()"
		"  OVER (PARTITION BY f.contact_id ORDER BY f.responded_on DESC, f.id DESC) AS n"
		"  FROM feedback f WHERE f.contact_id IS NOT NULL AND f.responded_on BETWEEN ?1 AND ?2"
		"  @ACCOUNT@) x"
		" CROSS JOIN contacts ct ON ct.id = x.contact_id"
		" CROSS JOIN accounts a ON a.id = x.account_id"
		" LEFT JOIN account_cache c ON c.account_id = a.id"
		" WHERE x.n = 1 AND x.score >= 9 AND a.status = 'active'"
		" AND (?4 IS NULL OR a.owner = ?4)"
		" AND NOT EXISTS (SELECT 1 FROM referrals q WHERE q.contact_id = ct.id"
		"  AND q.asked_on >= ?3)"
		" ORDER BY coalesce(c.rank_group, 9), coalesce(c.rank_value, 0) DESC,"
		" a.name COLLATE NOCASE, a.id, x.score DESC, x.responded_on DESC,"
		" ct.name COLLATE NOCASE, ct.id");
	s = db_rows(db, sql,
		    DB_ARGS(DB_TEXT(first), DB_TEXT(last), DB_TEXT(since), DB_TEXT(owner),
			    DB_INT(account_id)),
		    to_ask_each, &w);
	free(sql);
	return s;
}

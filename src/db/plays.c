/*
 * What plays are decided on (practices.h; the rules are in plays.h): the
 * accounts that may have a play, walked in priority order off the cache's
 * rank index, each with its hold, its open supply and quality problems,
 * its latest answer to "is this a good time?", its buyers' latest answers,
 * its check-ins and win-back reviews, and the plays its CRM suggested. And
 * the CRM's plays written, one at a time, inside an import.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/agenda.h"
#include "acctplan/date.h"
#include "acctplan/practices.h"
#include "acctplan/xalloc.h"

/* ---- the CRM's plays ------------------------------------------------------ */

static enum status crm_match(struct db *db, const struct crm_play_rec *r, const char *source,
			     int64_t *id)
{
	enum status s = STATUS_NOT_FOUND;

	if (r->external_ref && *r->external_ref)
		s = db_int(db, "SELECT id FROM plays WHERE source = ?1 AND external_ref = ?2",
			   DB_ARGS(DB_TEXT(source), DB_TEXT(r->external_ref)), id);
	else
		s = db_int(db,
			   "SELECT id FROM plays WHERE account_id = ?1 AND source = ?2"
			   " AND play = ?3 COLLATE NOCASE ORDER BY id LIMIT 1",
			   DB_ARGS(DB_INT(r->account_id), DB_TEXT(source), DB_TEXT(r->play)), id);
	return s;
}

enum status db_crm_play_put(struct db *db, const struct crm_play_rec *r, int64_t *id,
			    enum crm_play_put *how)
{
	const char *source = r->source && *r->source ? r->source : "crm";
	const char *p;
	int64_t one = 0;
	bool blank = true;
	enum status s;
	int day;

	for (p = r->play; p && *p && blank; p++)
		blank = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n';
	if (blank)
		return status_set(STATUS_BAD_INPUT, "a play needs a name");
	if (r->due && !date_parse(r->due, &day))
		return status_set(STATUS_BAD_INPUT, "due \"%.40s\" is not a date (YYYY-MM-DD)",
				  r->due);
	s = db_row_by_id(db, "SELECT 1 FROM accounts WHERE id = ?", r->account_id, "account",
			 db_read_int, &one);
	if (s == STATUS_NOT_FOUND)
		return status_set(STATUS_BAD_INPUT, "no account with id %lld",
				  (long long)r->account_id);
	if (s != STATUS_OK)
		return s;
	s = crm_match(db, r, source, id);
	if (s == STATUS_OK) {
		int64_t same = 0;

		s = db_int(db,
			   "SELECT account_id = ?2 AND play = ?3 AND (?5 OR due IS ?4)"
			   " FROM plays WHERE id = ?1",
			   DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_TEXT(r->play),
				   DB_TEXT(r->due), DB_INT(r->keep_due)),
			   &same);
		if (s != STATUS_OK)
			return s;
		if (same) {
			*how = CRM_PLAY_UNCHANGED;
			return STATUS_OK;
		}
		*how = CRM_PLAY_UPDATED;
		return db_edit_run(db, "plays", *id,
				   "UPDATE plays SET account_id = ?2, play = ?3,"
				   " due = CASE WHEN ?6 THEN due ELSE ?4 END,"
				   " updated_at = coalesce(?5, acctplan_now()) WHERE id = ?1",
				   DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_TEXT(r->play),
					   DB_TEXT(r->due), DB_TEXT(r->stamp),
					   DB_INT(r->keep_due)));
	}
	if (s != STATUS_NOT_FOUND)
		return s;
	*how = CRM_PLAY_NEW;
	*id = db_new_id(db);
	return db_edit_run(
		db, "plays", *id,
		"INSERT INTO plays(id, account_id, source, play, due, external_ref,"
		" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" coalesce(?7, acctplan_now()), coalesce(?7, acctplan_now()))",
		DB_ARGS(DB_INT(*id), DB_INT(r->account_id), DB_TEXT(source), DB_TEXT(r->play),
			DB_TEXT(r->due),
			DB_TEXT(r->external_ref && *r->external_ref ? r->external_ref : NULL),
			DB_TEXT(r->stamp)));
}

/* ---- the walk -------------------------------------------------------------- */

/* Columns of the accounts' query. */
enum {
	C_ID,
	C_NAME,
	C_OWNER,
	C_SEGMENT,
	C_STATUS,
	C_REVENUE,
	C_WALLET,
	C_QUADRANT,
	C_GROUP,
	C_VALUE,
	C_HOLD_MANUAL, /* and C_HOLD_MANUAL + 1: hold_quadrant */
	C_HOLD_QUADRANT,
	C_HOLD_REASON,
	C_CONDITIONS,
	C_SUPPLY,
	C_SUPPLY_TITLE,
	C_GOOD,
	C_GOOD_REASON,
	C_GOOD_NEXT,
	C_WON,
	C_CHECKINS,
	C_WINBACK_DUE,
	C_WINBACK_STEP,
	C_GROW_SINCE,
	C_REF,
};

/* The problem categories that hold plays, as an SQL list: 'product',... */
static char *gating_categories(void)
{
	struct strbuf sb;
	char *out;
	int c;

	strbuf_init(&sb);
	for (c = 0; c < PCAT_COUNT; c++)
		if (play_problem_gates((enum problem_category)c))
			strbuf_addf(&sb, "%s'%s'", sb.len ? ", " : "",
				    problem_category_name((enum problem_category)c));
	if (!sb.len)
		strbuf_adds(&sb, "NULL");
	out = strbuf_detach(&sb);
	strbuf_done(&sb);
	return out;
}

/* The accounts a walk reads, in priority order: those on the board, the
 * lost ones still to win back, and those the CRM gave a play. A lost
 * account still to win back is one of the partial index
 * accounts_winback_open, whose WHERE (013-cache-held-active.sql) this
 * repeats so that SQLite reads it: the account is table t. */
#define WINBACK_OPEN_WHERE(t) \
	t ".status = 'lost' AND " t ".lost_on IS NOT NULL AND " t ".winback_dropped_on IS NULL"
#define WINBACK_OPEN                                                        \
	"EXISTS (SELECT 1 FROM accounts l INDEXED BY accounts_winback_open" \
	" WHERE l.id = c.account_id AND " WINBACK_OPEN_WHERE("l") ")"

/* One arm of the walk: its columns, then from and where (the filter's
 * terms added), into q. */
static void accounts_arm(struct strbuf *q, const char *cats, const char *from, const char *where,
			 const struct play_filter *f)
{
	strbuf_addf(
		q,
		"SELECT a.id, a.name, a.owner, a.segment, a.status, a.revenue, a.wallet,"
		" c.quadrant, c.rank_group, c.rank_value, a.hold_manual, a.hold_quadrant,"
		" a.hold_reason,"
		" (SELECT count(*) FROM conditions k WHERE k.account_id = a.id AND k.met_on IS NULL),"
		" (SELECT count(*) FROM problems p WHERE p.account_id = a.id"
		"  AND p.status <> 'reported_back' AND p.category IN (%s)),"
		" (SELECT p.title FROM problems p WHERE p.account_id = a.id"
		"  AND p.status <> 'reported_back' AND p.category IN (%s)"
		"  ORDER BY p.opened_on, p.id LIMIT 1),"
		" g.good_time, g.reason, g.next_contact_on, a.won_on,"
		" CASE WHEN a.won_on IS NOT NULL THEN (SELECT group_concat(substr(n.created_at, 1, 10))"
		"  FROM notes n WHERE n.account_id = a.id AND n.kind = 'checkin'"
		"  AND substr(n.created_at, 1, 10) >= a.won_on) END,"
		" CASE WHEN c.winback = 1 THEN c.winback_due END, c.winback_step,"
		" CASE WHEN c.quadrant = 'grow' AND a.status = 'active' THEN"
		"  (SELECT min(s.taken_on) FROM snapshots s WHERE s.account_id = a.id"
		"   AND s.taken_on > coalesce((SELECT max(t.taken_on) FROM snapshots t"
		"    WHERE t.account_id = a.id AND (t.quadrant <> 'grow' OR t.status <> 'active')),"
		"    '')) END, a.external_ref"
		" FROM %s"
		" LEFT JOIN notes g ON g.id = (SELECT n.id FROM notes n WHERE n.account_id = a.id"
		"  AND n.good_time IS NOT NULL ORDER BY n.created_at DESC, n.id DESC LIMIT 1)"
		" WHERE %s",
		cats, cats, from, where);
	if (f->owner)
		strbuf_adds(q, " AND a.owner = ?1");
	if (f->account_id)
		strbuf_adds(q, " AND a.id = ?2");
	/* the first term starts the walk of the priority index at the group
	 * of the account the page follows; the first page's starts before
	 * every group, so that every page is one statement, prepared once */
	strbuf_adds(q, " AND c.rank_group >= ?3"
		       " AND (c.rank_group > ?3 OR (c.rank_group = ?3 AND (c.rank_value < ?4"
		       " OR (c.rank_value = ?4 AND (a.name > ?5 COLLATE NOCASE"
		       " OR (a.name = ?5 COLLATE NOCASE AND a.id > ?6))))))");
}

#define FROM_CACHE "account_cache c CROSS JOIN accounts a ON a.id = c.account_id"

static enum status prepare_accounts(struct db *db, const struct play_filter *f, sqlite3_stmt **st)
{
	struct strbuf q;
	char *cats = gating_categories();

	strbuf_init(&q);
	if (!f->not_held) {
		/* decided on the index entry (account_cache_rank, then the
		 * cache row) before the account's row is read: the lost
		 * accounts still to win back and the accounts with plays are
		 * each looked up in an index of their own */
		accounts_arm(&q, cats, FROM_CACHE,
			     "(c.active = 1 OR " WINBACK_OPEN
			     " OR c.account_id IN (SELECT account_id FROM plays))",
			     f);
		strbuf_adds(&q, " ORDER BY c.rank_group, c.rank_value DESC,"
				" a.name COLLATE NOCASE, a.id");
	} else {
		/* An account whose plays wait for its hold (play_held(), which
		 * the cache keeps as held) has none that go. Of the others,
		 * the accounts on the board are walked on the index
		 * account_cache_go (021-cache-go.sql), those off it found from
		 * the win-backs' index and the plays (the first priority
		 * groups of a million-account book hold some 25,000 of them
		 * before the first account on the board, and asking each
		 * whether it is still to win back or has a play took 12 ms),
		 * and SQLite merges the three in priority order. */
		accounts_arm(&q, cats,
			     "account_cache c INDEXED BY account_cache_go"
			     " CROSS JOIN accounts a ON a.id = c.account_id",
			     "c.held = 0 AND c.active = 1", f);
		strbuf_adds(&q, " UNION ALL ");
		accounts_arm(&q, cats,
			     "accounts a INDEXED BY accounts_winback_open"
			     " CROSS JOIN account_cache c ON c.account_id = a.id",
			     WINBACK_OPEN_WHERE("a") " AND c.held = 0 AND c.active = 0", f);
		strbuf_adds(&q, " UNION ALL ");
		accounts_arm(&q, cats,
			     "(SELECT DISTINCT account_id FROM plays) x"
			     " CROSS JOIN account_cache c ON c.account_id = x.account_id"
			     " CROSS JOIN accounts a ON a.id = c.account_id",
			     "c.held = 0 AND c.active = 0 AND NOT " WINBACK_OPEN, f);
		/* the columns' places: rank_group, rank_value, name, id */
		strbuf_adds(&q, " ORDER BY 9, 10 DESC, 2 COLLATE NOCASE, 1");
	}
	free(cats);
	if (f->limit)
		strbuf_adds(&q, " LIMIT ?7");
	/* kept for the next page: the view reads one at a time */
	*st = db_stmt_for(db, STMT_PLAY_ACCOUNTS, q.buf);
	strbuf_done(&q);
	if (!*st)
		return STATUS_DB;
	if (f->owner)
		db_bind_text(*st, 1, f->owner);
	if (f->account_id)
		sqlite3_bind_int64(*st, 2, f->account_id);
	if (f->after) {
		sqlite3_bind_int(*st, 3, f->after->priority.group);
		sqlite3_bind_int64(*st, 4, f->after->priority.value);
		db_bind_text(*st, 5, f->after->name ? f->after->name : "");
		sqlite3_bind_int64(*st, 6, f->after->id);
	} else {
		sqlite3_bind_int64(*st, 3, INT64_MIN);
	}
	if (f->limit)
		sqlite3_bind_int64(*st, 7,
				   f->limit > INT64_MAX ? INT64_MAX : (sqlite3_int64)f->limit);
	return STATUS_OK;
}

/* The day in text, or -1. */
static int day_of(const char *s)
{
	int d;

	return s && date_parse(s, &d) ? d : -1;
}

/* A response of the account's buyers in the window, as read_buyers()
 * sorts them: each buyer's latest first. */
struct buyer_row {
	int64_t contact, id;
	int score;
	char on[DATE_LEN]; /* responded_on as the file has it */
};

/* What the walk keeps between accounts. */
struct walker {
	const struct rules *rules;
	int today;
	char first[DATE_LEN], last[DATE_LEN]; /* the advocacy window */
	sqlite3_stmt *buyers, *asked, *crm;
	struct buyer_row *rows; /* read_buyers()'s */
	size_t rows_cap;
	int *days; /* check-in note days */
	size_t days_cap;
	struct crm_play_row *plays;
	size_t nplays, plays_cap;
};

/* By buyer, then latest first: the newest day, then the newest row. */
static int buyer_cmp(const void *pa, const void *pb)
{
	const struct buyer_row *x = pa, *y = pb;
	int c;

	if (x->contact != y->contact)
		return x->contact < y->contact ? -1 : 1;
	if ((c = strcmp(y->on, x->on)) != 0)
		return c;
	return x->id == y->id ? 0 : x->id > y->id ? -1 : 1;
}

/* The day a buyer was last asked for a referral, any account's; -1: never. */
static enum status last_asked(struct db *db, struct walker *w, int64_t contact, int *asked)
{
	int rc;

	sqlite3_reset(w->asked);
	sqlite3_bind_int64(w->asked, 1, contact);
	if ((rc = sqlite3_step(w->asked)) != SQLITE_ROW)
		return db_error(db, rc);
	*asked = day_of(db_col_opt(w->asked, 0));
	return STATUS_OK;
}

/* Each buyer's latest answer in the window: passives, and promoters due a
 * referral ask. The account's responses come off the covering index
 * feedback_account and are sorted here, a few rows an account: a window
 * function picking each buyer's latest cost SQLite a sorter and a table of
 * its own for every account (the Plays view's first open). A buyer's last
 * ask is looked up only when it can matter (referral_candidate()). */
static enum status read_buyers(struct db *db, struct walker *w, struct play_account *a)
{
	enum status s = STATUS_OK;
	size_t n = 0, i;
	int rc;

	sqlite3_reset(w->buyers);
	sqlite3_bind_int64(w->buyers, 1, a->id);
	while ((rc = sqlite3_step(w->buyers)) == SQLITE_ROW) {
		struct buyer_row *r;

		w->rows = xgrow(w->rows, &w->rows_cap, n + 1, sizeof(*w->rows));
		r = &w->rows[n++];
		r->contact = sqlite3_column_int64(w->buyers, 0);
		r->id = sqlite3_column_int64(w->buyers, 1);
		snprintf(r->on, sizeof(r->on), "%s", db_col_text(w->buyers, 2));
		r->score = sqlite3_column_int(w->buyers, 3);
	}
	if (rc != SQLITE_DONE)
		return db_error(db, rc);
	if (n > 1) /* qsort() wants an array, even to sort none */
		qsort(w->rows, n, sizeof(*w->rows), buyer_cmp);
	for (i = 0; i < n && s == STATUS_OK; i++) {
		const struct buyer_row *r = &w->rows[i];
		int on, asked = -1;

		if (i > 0 && w->rows[i - 1].contact == r->contact)
			continue; /* an older answer of the same buyer */
		if ((on = day_of(r->on)) < 0)
			continue;
		if (score_category(r->score) == CAT_PASSIVE) {
			a->passives++;
			if (on > a->passive_on)
				a->passive_on = on;
		}
		if (referral_candidate(w->rules, w->today, on, r->score) &&
		    (s = last_asked(db, w, r->contact, &asked)) == STATUS_OK &&
		    referral_due(w->rules, w->today, on, r->score, asked)) {
			a->to_ask++;
			if (on > a->to_ask_on)
				a->to_ask_on = on;
		}
	}
	return s;
}

/* The CRM's plays for the account, kept until the next account. */
static enum status read_crm(struct db *db, struct walker *w, struct play_account *a)
{
	size_t i;
	int rc;

	for (i = 0; i < w->nplays; i++) {
		free((char *)w->plays[i].source);
		free((char *)w->plays[i].play);
		free((char *)w->plays[i].due);
		free((char *)w->plays[i].external_ref);
	}
	w->nplays = 0;
	sqlite3_reset(w->crm);
	sqlite3_bind_int64(w->crm, 1, a->id);
	while ((rc = sqlite3_step(w->crm)) == SQLITE_ROW) {
		struct crm_play_row *p;
		const char *due = db_col_opt(w->crm, 3), *ref = db_col_opt(w->crm, 4);

		w->plays = xgrow(w->plays, &w->plays_cap, w->nplays + 1, sizeof(*w->plays));
		p = &w->plays[w->nplays++];
		p->id = sqlite3_column_int64(w->crm, 0);
		p->source = xstrdup(db_col_text(w->crm, 1));
		p->play = xstrdup(db_col_text(w->crm, 2));
		p->due = due ? xstrdup(due) : NULL;
		p->external_ref = ref ? xstrdup(ref) : NULL;
	}
	a->crm = w->plays;
	a->ncrm = w->nplays;
	return rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
}

/* The check-in note days in p (a group_concat of dates). */
static size_t note_days(struct walker *w, const char *p)
{
	size_t n = 0;

	while (p && *p) {
		size_t len = strcspn(p, ",");
		char day[DATE_LEN];
		int d;

		if (len < DATE_LEN) {
			memcpy(day, p, len);
			day[len] = '\0';
			if (date_parse(day, &d)) {
				w->days = xgrow(w->days, &w->days_cap, n + 1, sizeof(*w->days));
				w->days[n++] = d;
			}
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return n;
}

static enum status read_account(struct db *db, struct walker *w, sqlite3_stmt *st,
				struct play_account *a)
{
	int status = acct_status_from_name(db_col_text(st, C_STATUS));
	const char *good = db_col_opt(st, C_GOOD), *why = db_col_opt(st, C_GOOD_REASON);
	enum status s;
	int won, due[AGENDA_CHECKINS], step[AGENDA_CHECKINS];

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, C_ID);
	a->name = db_col_text(st, C_NAME);
	a->owner = db_col_text(st, C_OWNER);
	a->segment = db_col_text(st, C_SEGMENT);
	a->external_ref = db_col_opt(st, C_REF);
	a->status = status < 0 ? ACCT_ACTIVE : (enum acct_status)status;
	a->revenue = sqlite3_column_int64(st, C_REVENUE);
	a->has_wallet = sqlite3_column_type(st, C_WALLET) != SQLITE_NULL;
	a->wallet = sqlite3_column_int64(st, C_WALLET);
	a->quadrant = db_col_quadrant(st, C_QUADRANT);
	a->priority.group = sqlite3_column_int(st, C_GROUP);
	a->priority.value = sqlite3_column_int64(st, C_VALUE);
	a->hold =
		db_read_hold(st, C_HOLD_MANUAL, a->quadrant, sqlite3_column_int(st, C_CONDITIONS));
	a->hold_reason = a->hold.manual ? db_col_opt(st, C_HOLD_REASON) : NULL;
	a->supply_problems = sqlite3_column_int(st, C_SUPPLY);
	a->supply_problem = db_col_opt(st, C_SUPPLY_TITLE);
	a->good_time = good ? good_time_from_name(good) : -1;
	a->good_reason = why ? reason_from_name(why) : -1;
	a->try_again = day_of(db_col_opt(st, C_GOOD_NEXT));
	a->passive_on = a->to_ask_on = -1;
	a->grow_since = day_of(db_col_opt(st, C_GROW_SINCE));
	a->checkin_due = a->checkin_step = a->winback_due = a->winback_step = -1;
	if (a->status == ACCT_ACTIVE && (won = day_of(db_col_opt(st, C_WON))) >= 0) {
		size_t nd = note_days(w, db_col_opt(st, C_CHECKINS));

		if (agenda_checkins_due(won, w->days, nd, w->today, due, step) > 0) {
			a->checkin_due = due[0];
			a->checkin_step = step[0];
		}
	}
	/* the next review the cache keeps (schema 16) */
	if ((a->winback_due = day_of(db_col_opt(st, C_WINBACK_DUE))) >= 0)
		a->winback_step = sqlite3_column_int(st, C_WINBACK_STEP);
	if (a->status == ACCT_ACTIVE && (s = read_buyers(db, w, a)) != STATUS_OK)
		return s;
	return read_crm(db, w, a);
}

enum status db_play_accounts(struct db *db, const struct rules *rules, int today,
			     const struct play_filter *f, play_account_cb cb, void *ctx)
{
	struct walker w;
	sqlite3_stmt *st = NULL;
	enum status s;
	int rc = SQLITE_DONE, first, since;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.rules = rules;
	w.today = today;
	referral_days_of(rules, today, &first, &since);
	date_format(first, w.first);
	date_format(today, w.last);
	if ((s = prepare_accounts(db, f, &st)) != STATUS_OK)
		return s;
	/* the buyers' answers in the window, off the covering index
	 * feedback_account; each buyer's latest is picked by read_buyers() */
	w.buyers = db_stmt(db, STMT_PLAY_BUYERS,
			   "SELECT f.contact_id, f.id, f.responded_on, f.score FROM feedback f"
			   " WHERE f.account_id = ?1 AND f.contact_id IS NOT NULL"
			   " AND f.responded_on BETWEEN ?2 AND ?3");
	w.asked = w.buyers ? db_stmt(db, STMT_PLAY_ASKED,
				     "SELECT max(asked_on) FROM referrals WHERE contact_id = ?1")
			   : NULL;
	w.crm = w.asked ? db_stmt(db, STMT_PLAY_CRM,
				  "SELECT id, source, play, due, external_ref FROM plays"
				  " WHERE account_id = ?1 ORDER BY due IS NULL, due,"
				  " play COLLATE NOCASE, id")
			: NULL;
	if (!w.crm)
		s = STATUS_DB;
	if (s == STATUS_OK) {
		sqlite3_bind_text(w.buyers, 2, w.first, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(w.buyers, 3, w.last, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct play_account a;

			if ((s = read_account(db, &w, st, &a)) != STATUS_OK || cb(&a, ctx))
				break;
		}
		if (s == STATUS_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
			s = db_error(db, rc);
	}
	/* kept, but reset: a statement left part-way holds the file as it
	 * was */
	sqlite3_reset(st);
	if (w.buyers)
		sqlite3_reset(w.buyers);
	if (w.asked)
		sqlite3_reset(w.asked);
	if (w.crm)
		sqlite3_reset(w.crm);
	for (i = 0; i < w.nplays; i++) {
		free((char *)w.plays[i].source);
		free((char *)w.plays[i].play);
		free((char *)w.plays[i].due);
		free((char *)w.plays[i].external_ref);
	}
	free(w.plays);
	free(w.days);
	free(w.rows);
	return s;
}

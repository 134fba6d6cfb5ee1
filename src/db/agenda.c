/*
 * The queries behind the agenda (the rules are in agenda.h).
 *
 * Each kind of item comes from one query that returns it already in agenda
 * order: by due day (the date column the due day follows), then the
 * account's priority (account_cache's rank_group ascending, rank_value
 * descending, as priority_cmp()), then the account name in any case
 * (NOCASE, as text_nocase_cmp() and every other list), then the row id. The kinds follow one another in agenda order,
 * so a page is the kinds' streams concatenated: a query is stepped only
 * until the page is full and a kind past the page is never run. That keeps
 * a page's cost to about its own rows (the follow-ups walk feedback_detractor
 * and sort one day's ties at a time) instead of the whole book.
 *
 * Check-ins are the exception: their due days come from
 * agenda_checkins_due(), so that kind is gathered and sorted in C. It has no
 * index to walk in any case (accounts.won_on is not indexed). The win-back
 * reviews' days are the rule's too (agenda_winback_due()), but the account
 * cache keeps each lost account's next one (schema 16), so they are
 * walked in order like the dated kinds.
 *
 * The date bounds in the SQL are the rules' range written as text: dates
 * that date_parse() accepts compare as text in day order. The rules are
 * still applied to every row, so a malformed date is skipped, as before.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/loop.h"
#include "acctplan/rules.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

/* Columns 0..4 of every query: account id, name, owner, rank group, rank value. */
#define ACCOUNT_PART "a.id, a.name, a.owner, coalesce(c.rank_group, 9), coalesce(c.rank_value, 0)"
#define FROM_ACCOUNT                                \
	" @JOIN@ accounts a ON a.id = x.account_id" \
	" LEFT JOIN account_cache c ON c.account_id = a.id"
/* The order after the due day: priority, then name, then the row. */
#define ORDER_TAIL \
	", coalesce(c.rank_group, 9), coalesce(c.rank_value, 0) DESC, a.name COLLATE NOCASE, x.id"

/*
 * One kind's query. Parameters: ?1 owner, ?2 account (added only when the
 * filter has them, so a filtered query uses the indexes), ?3 and ?4 the
 * first and last date of the due column's range, ?5 the cap of a count.
 * @JOIN@ joins the accounts: without an owner to look up that is a CROSS
 * JOIN, which keeps the item's own table (and its date index) the outer
 * loop; the planner would otherwise walk every account to find a few items.
 */
struct kind_sql {
	const char *cols;    /* after ACCOUNT_PART */
	const char *from;    /* FROM ... joins */
	const char *where;   /* without the filter */
	const char *order;   /* NULL: gathered and sorted in C */
	const char *acct;    /* the column holding the item's account id */
	const char *owner;   /* the column an owner filter reads; NULL: the account's, a.owner */
	const char *account; /* columns 0..4; NULL: ACCOUNT_PART */
};

/* The detractors' responses in a range of days (columns 5 and 6: the
 * response and its day), read from the index feedback_detractor (the day,
 * the account: schema 17) and the account's cache row alone (its name,
 * owner and priority), in the order of the day alone: followups() orders
 * each day's (struct day_buf), since a day of a million-account book holds
 * some 2,900 detractors and a page wants a screen of them. The response's
 * score and comment, its buyer's name and the facts the follow-up rule
 * decides on are asked of each row the page reaches (prepare_more()). The
 * rule itself is followup_state(), applied to each row. The score bound is
 * the rule's, written as a literal so that the partial index (score <= 6)
 * serves it. */
#define STR_(x) #x
#define STR(x) STR_(x)
static const struct kind_sql followup_sql = {
	", x.id, x.responded_on",
	" FROM feedback x @JOIN@ account_cache c ON c.account_id = x.account_id",
	" x.score <= " STR(FOLLOWUP_MAX_SCORE) " AND x.responded_on BETWEEN ?3 AND ?4",
	" x.responded_on",
	"x.account_id",
	"c.owner",
	"c.account_id, c.name, c.owner, c.rank_group, c.rank_value",
};

/* Per account only the newest note carrying a date counts, and a note
 * written on or after that date clears it (created_at is a timestamp, so
 * created_at >= 'YYYY-MM-DD' is "on or after that day"). The cheaper test
 * comes first: SQLite evaluates them in the order written. */
static const struct kind_sql next_contact_sql = {
	", x.id, x.next_contact_on, x.body, x.good_time, x.reason",
	" FROM notes x" FROM_ACCOUNT,
	" x.next_contact_on BETWEEN ?3 AND ?4"
	" AND NOT EXISTS (SELECT 1 FROM notes m WHERE m.account_id = x.account_id"
	"  AND m.created_at >= x.next_contact_on)"
	" AND x.id = (SELECT m.id FROM notes m WHERE m.account_id = x.account_id"
	"  AND m.next_contact_on IS NOT NULL ORDER BY m.created_at DESC, m.id DESC LIMIT 1)",
	" x.next_contact_on" ORDER_TAIL,
	"x.account_id",
	NULL,
	NULL,
};

static const struct kind_sql checkin_sql = {
	", x.won_on,"
	" (SELECT group_concat(substr(n.created_at, 1, 10)) FROM notes n"
	"  WHERE n.account_id = x.id AND n.kind = 'checkin'"
	"  AND substr(n.created_at, 1, 10) >= x.won_on)",
	" FROM accounts x @JOIN@ accounts a ON a.id = x.id"
	" LEFT JOIN account_cache c ON c.account_id = a.id",
	" x.won_on IS NOT NULL AND x.status = 'active'",
	NULL,
	"x.id",
	NULL,
	NULL,
};

/* Lost accounts still to win back, by the next review their cache row
 * keeps (016-cache-winback.sql: the refresh works it out by
 * agenda_winback_due()), walked on the index account_cache_winback, whose
 * partial WHERE the first term repeats: column 5 no item of its own (one
 * review an account), 6 the review's day, 7 which review, 8 the day the
 * account was lost, 9 to whom. Ordered as agenda_cmp() orders them: by
 * day, priority, name, then which review, then the account. */
static const struct kind_sql winback_sql = {
	", 0, c.winback_due, c.winback_step, a.lost_on, a.lost_to",
	" FROM account_cache c @JOIN@ accounts a ON a.id = c.account_id",
	" c.winback > 0 AND c.winback = 1 AND c.winback_due BETWEEN ?3 AND ?4",
	" c.winback_due, c.rank_group, c.rank_value DESC, a.name COLLATE NOCASE, c.winback_step,"
	" a.id",
	"a.id",
	"c.owner",
	NULL,
};

static const struct kind_sql report_back_sql = {
	", x.id, coalesce(x.resolved_on, x.opened_on), x.title",
	" FROM problems x" FROM_ACCOUNT,
	" x.status = 'resolved' AND coalesce(x.resolved_on, x.opened_on) BETWEEN ?3 AND ?4",
	" coalesce(x.resolved_on, x.opened_on)" ORDER_TAIL,
	"x.account_id",
	NULL,
	NULL,
};

/* Open actions, on their owner's agenda (x.owner, the last column). */
static const struct kind_sql action_sql = {
	", x.id, x.due, x.text, x.owner",
	" FROM actions x" FROM_ACCOUNT,
	" x.state = 'open' AND x.due BETWEEN ?3 AND ?4",
	" x.due" ORDER_TAIL,
	"x.account_id",
	"x.owner",
	NULL,
};

/* Where a walk over the agenda stands: the page it fills, or a count. */
struct walk {
	const struct rules *rules;
	int today, until; /* until: the last due day on the agenda */
	const struct agenda_filter *f;
	size_t skip; /* items of the page still to skip */
	size_t left; /* items still wanted; SIZE_MAX: no limit */
	int (*cb)(const struct agenda_item *item, void *ctx);
	void *ctx;
	bool done;                      /* the page is full or cb said stop */
	struct db_stamp stamp;          /* the file before the follow-ups were read */
	char fp[RULES_FINGERPRINT_LEN]; /* the rules and today they were read for */
};

/* Whether the walk wants no more: done, or at the limit of its page. */
static bool walk_full(const struct walk *w)
{
	return w->done || w->left == 0;
}

/* Whether the page starts after it. */
static bool before_page(const struct walk *w, const struct agenda_item *it)
{
	return w->f->after && agenda_cmp(it, w->f->after) <= 0;
}

/* Hands an item on unless the page skips it; false once nothing more is
 * wanted. */
static bool emit(struct walk *w, const struct agenda_item *it)
{
	bool stop;

	if (before_page(w, it))
		return true;
	if (w->skip) {
		w->skip--;
		return true;
	}
	stop = w->cb && w->cb(it, w->ctx);
	if (w->left != SIZE_MAX && w->left > 0)
		w->left--;
	w->done = stop || w->left == 0;
	return !w->done;
}

/* The first due day a kind's query need return: the day of the page's
 * `after` item when it is of this kind, else no bound (INT_MIN). */
static int first_due(const struct walk *w, enum agenda_kind k)
{
	return w->f->after && w->f->after->kind == k ? w->f->after->due : INT_MIN;
}

/* Binds ?3..?4 to the dates of days first..last; first INT_MIN: no bound
 * ('' sorts before every date). */
static void bind_range(sqlite3_stmt *st, int first, int last)
{
	char day[DATE_LEN];

	if (first == INT_MIN) {
		sqlite3_bind_text(st, 3, "", 0, SQLITE_STATIC);
	} else {
		date_format(first, day);
		sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
	}
	date_format(last, day);
	sqlite3_bind_text(st, 4, day, -1, SQLITE_TRANSIENT);
}

/* The SQL of a kind's rows in order, or with count set its capped count
 * (one column), into q. */
static void kind_text(struct strbuf *q, const struct kind_sql *k, const struct agenda_filter *f,
		      bool count)
{
	const char *at;

	strbuf_init(q);
	if (count)
		strbuf_adds(q, "SELECT count(*) FROM (SELECT 1");
	else
		strbuf_addf(q, "SELECT %s%s", k->account ? k->account : ACCOUNT_PART, k->cols);
	at = strstr(k->from, "@JOIN@");
	assert(at);
	strbuf_add(q, k->from, (size_t)(at - k->from));
	strbuf_adds(q, f->owner ? "JOIN" : "CROSS JOIN");
	strbuf_addf(q, "%s WHERE%s", at + strlen("@JOIN@"), k->where);
	if (f->owner)
		strbuf_addf(q, " AND %s = ?1", k->owner ? k->owner : "a.owner");
	if (f->account_id)
		strbuf_addf(q, " AND %s = ?2", k->acct);
	if (count)
		strbuf_adds(q, " LIMIT ?5)");
	else if (k->order)
		strbuf_addf(q, " ORDER BY%s", k->order);
}

/* A kind's rows in order, or with count set its capped count. */
static enum status prepare(struct db *db, const struct kind_sql *k, const struct agenda_filter *f,
			   bool count, sqlite3_stmt **st)
{
	struct strbuf q;

	kind_text(&q, k, f, count);
	return db_prepare_filtered(db, &q, f->owner, f->account_id, st);
}

static void fill(struct agenda_item *it, sqlite3_stmt *st, enum agenda_kind kind, int due)
{
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->due = due;
	it->account_id = sqlite3_column_int64(st, 0);
	it->account = db_col_text(st, 1);
	it->owner = db_col_text(st, 2);
	it->priority.group = sqlite3_column_int(st, 3);
	it->priority.value = sqlite3_column_int64(st, 4);
}

/* Finalizes st; rc is its last step's code (a row when the walk stopped
 * before the end). */
static enum status finish(struct db *db, sqlite3_stmt *st, int rc)
{
	enum status s = rc == SQLITE_DONE || rc == SQLITE_ROW ? STATUS_OK : db_error(db, rc);

	sqlite3_finalize(st);
	return s;
}

/* The days of the responses that may be on the agenda: those the rule may
 * ask a follow-up for today (followup_days()) that fall due by until. */
static void response_days(const struct walk *w, int *first, int *last)
{
	int close = followup_due(w->rules, 0);

	followup_days(w->rules, w->today, first, last);
	if (w->until - close < *last)
		*last = w->until - close;
}

/* With an owner filter the planner walks the owner's accounts and sorts
 * their responses: cheap for a few days, not for the window. So the days
 * are taken in spans, FOLLOWUP_SPAN days first and twice as many each time,
 * until the page is full. Without one, feedback_date is walked in order,
 * and SQLite sorts one day's ties at a time. */
#define FOLLOWUP_SPAN 32

/* What a follow-up shows and its rule needs beyond the row that ordered
 * it: of response ?1, its buyer's name, the rule's two facts, its score and
 * comment. */
static enum status prepare_more(struct db *db, sqlite3_stmt **st)
{
	char *facts = db_followup_cols("f");
	char *sql = xasprintf("SELECT (SELECT name FROM contacts WHERE id = f.contact_id), %s,"
			      " f.score, f.comment FROM feedback f WHERE f.id = ?1",
			      facts);
	enum status s = db_prepare(db, sql, st);

	free(facts);
	free(sql);
	return s;
}

/* Reads the facts of response id into f (its buyer's name, score and
 * comment stay in more until it is reset). */
static enum status read_more(struct db *db, sqlite3_stmt *more, int64_t id,
			     struct followup_facts *f)
{
	int rc;

	sqlite3_reset(more);
	sqlite3_bind_int64(more, 1, id);
	if ((rc = sqlite3_step(more)) != SQLITE_ROW)
		return db_error(db, rc);
	f->linked = sqlite3_column_int(more, 1) != 0;
	f->buyer_noted = sqlite3_column_int(more, 2) != 0;
	f->score = sqlite3_column_int(more, 3);
	return STATUS_OK;
}

/*
 * One day's detractors, put in agenda order here. The query hands them
 * over in the order of the day alone (feedback_detractor's), and
 * agenda_sort() orders the day's ties by the rule's own comparison: SQLite's
 * sorter copied each row into a record and merged them, some 8 M
 * instructions of a first page's 29 M on a million-account book, and
 * ordered names by NOCASE, which is not text_nocase_cmp() for letters
 * past ASCII. The account's name and owner are copied into text, each item
 * holding their offsets until the day is complete.
 */
struct day_buf {
	int day; /* the responses' day */
	struct agenda_item *items;
	size_t n, cap;
	struct day_text {
		size_t account, owner;
	} * at;
	size_t at_cap;
	struct strbuf text;
};

static size_t keep_text(struct strbuf *sb, const char *s)
{
	size_t at = sb->len;

	strbuf_add(sb, s, strlen(s) + 1);
	return at;
}

static void day_add(struct day_buf *d, const struct agenda_item *it)
{
	d->items = xgrow(d->items, &d->cap, d->n + 1, sizeof(*d->items));
	d->at = xgrow(d->at, &d->at_cap, d->n + 1, sizeof(*d->at));
	d->at[d->n].account = keep_text(&d->text, it->account ? it->account : "");
	d->at[d->n].owner = keep_text(&d->text, it->owner ? it->owner : "");
	d->items[d->n++] = *it;
}

/* Puts the complete day in agenda order. */
static void day_sort(struct day_buf *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		d->items[i].account = d->text.buf + d->at[i].account;
		d->items[i].owner = d->text.buf + d->at[i].owner;
	}
	agenda_sort(d->items, d->n);
}

/* Hands on the sorted day's items from the i-th on that the rule says
 * wait, until the page is full. */
static enum status day_emit(struct db *db, struct walk *w, struct day_buf *d, size_t i,
			    sqlite3_stmt *more)
{
	enum status s = STATUS_OK;
	char on[DATE_LEN];

	date_format(d->day, on);
	for (; i < d->n && !walk_full(w); i++) {
		struct agenda_item it = d->items[i];
		struct followup_facts facts = {.responded = d->day};
		enum followup_state state;
		int due;

		if ((s = read_more(db, more, it.ref_id, &facts)) != STATUS_OK)
			break;
		state = followup_state(w->rules, w->today, &facts, &due);
		if (state != FOLLOWUP_DUE && state != FOLLOWUP_OVERDUE)
			continue;
		it.contact = db_col_opt(more, 0);
		it.score = facts.score;
		it.on = on;
		it.text = db_col_text(more, 4);
		emit(w, &it);
	}
	return s;
}

static void day_empty(struct day_buf *d)
{
	d->n = 0;
	strbuf_reset(&d->text);
}

static void day_done(struct day_buf *d)
{
	free(d->items);
	free(d->at);
	strbuf_done(&d->text);
}

/*
 * The day a page of follow-ups ended in, sorted, with what it was sorted
 * for: the next page (moving down the Agenda view) starts in it, and would
 * otherwise read and sort that day again, some 2,900 rows on a
 * million-account book for a screen of them. It holds the day's items
 * after the page's start only, so it serves a walk that starts at or after
 * its first item, on the same file (db_stamp()), rules and today
 * (rules_fingerprint(): a read-only book's cache in temp is made again for
 * other rules without a commit to the file) and filter.
 */
struct agenda_memo {
	struct db_stamp stamp;
	char fp[RULES_FINGERPRINT_LEN];
	int horizon;
	char *owner;
	int64_t account_id;
	int from; /* read ahead: the day is the first with detractors from this
		   * one on, whole (INT_MIN: a page's) */
	struct day_buf day;
};

/*
 * The agenda's first day read ahead (db_agenda_ahead(), struct db_ahead):
 * the first day of the book's follow-ups that holds any detractor, sorted,
 * for the Agenda view's first page, which would otherwise read and sort it
 * (24 M instructions on a million-account book). The first walk for the
 * same rules, today and file (stamp: as db_history_trails_ahead()) makes
 * it the memo.
 */
struct agenda_ahead {
	struct db_ahead a;
	struct rules rules;
	int today, first, last; /* the responses' days it read */
	char fp[RULES_FINGERPRINT_LEN];
	struct db_stamp stamp;
	char *sql;
	struct day_buf day;
	int rc; /* the read's last code: SQLITE_ROW or SQLITE_DONE when whole */
};

static void ahead_forget(struct db *db)
{
	struct agenda_ahead *t = db->agenda_ahead;

	if (!t)
		return;
	db_ahead_join(&t->a, true);
	day_done(&t->day);
	free(t->sql);
	free(t);
	db->agenda_ahead = NULL;
}

static void memo_forget(struct db *db)
{
	if (!db->agenda)
		return;
	day_done(&db->agenda->day);
	free(db->agenda->owner);
	free(db->agenda);
	db->agenda = NULL;
}

void db_agenda_forget(struct db *db)
{
	ahead_forget(db);
	memo_forget(db);
}

static bool memo_fits(const struct agenda_memo *m, const struct walk *w)
{
	return strcmp(m->fp, w->fp) == 0 && m->horizon == w->f->horizon &&
	       m->account_id == w->f->account_id &&
	       (m->owner && w->f->owner ? strcmp(m->owner, w->f->owner) == 0
					: !m->owner && !w->f->owner);
}

/* The memo's day when the walk resumes inside it, with *at the first item
 * after the walk's `after`, or when it starts from `first` and the memo is
 * that day's read ahead; NULL otherwise. */
static struct day_buf *memo_for(struct db *db, const struct walk *w, int first, size_t *at)
{
	struct agenda_memo *m = db->agenda;
	const struct agenda_item *after = w->f->after;
	size_t lo = 0, hi;

	if (!m || !memo_fits(m, w) || !db_stamp_same(m->stamp, w->stamp))
		return NULL;
	if (!after) {
		/* the day read ahead, for a walk from its first day */
		*at = 0;
		return m->from != INT_MIN && m->from == first ? &m->day : NULL;
	}
	if (after->kind != AGENDA_FOLLOWUP || !m->day.n ||
	    after->due != followup_due(w->rules, m->day.day) ||
	    agenda_cmp(after, &m->day.items[0]) < 0)
		return NULL;
	/* the first item past `after` */
	hi = m->day.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (agenda_cmp(&m->day.items[mid], after) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return &m->day;
}

/* Keeps the sorted day d as the memo (taking its buffers, d left empty). */
static void memo_keep(struct db *db, const struct walk *w, struct day_buf *d)
{
	struct agenda_memo *m;

	memo_forget(db);
	m = db->agenda = xcalloc(1, sizeof(*m));
	m->stamp = w->stamp;
	memcpy(m->fp, w->fp, sizeof(m->fp));
	m->horizon = w->f->horizon;
	m->owner = w->f->owner ? xstrdup(w->f->owner) : NULL;
	m->account_id = w->f->account_id;
	m->from = INT_MIN;
	m->day = *d;
	memset(d, 0, sizeof(*d));
	strbuf_init(&d->text);
}

/* Reads into d the first day of st's rows with any in range; the last
 * step's code. */
static int first_day(sqlite3_stmt *st, int today, const struct rules *rules, struct day_buf *d)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item it;
		int responded, due;

		if (!date_parse(db_col_text(st, 6), &responded))
			continue;
		due = followup_due(rules, responded);
		if (!agenda_in_range(due, today, 0))
			continue;
		if (d->n && responded != d->day)
			break;
		d->day = responded;
		fill(&it, st, AGENDA_FOLLOWUP, due);
		it.ref_id = sqlite3_column_int64(st, 5);
		day_add(d, &it);
	}
	return rc;
}

static void *agenda_ahead_run(void *p)
{
	struct agenda_ahead *t = p;
	sqlite3_stmt *st;

	t->rc = sqlite3_prepare_v2(t->a.conn, t->sql, -1, &st, NULL);
	if (t->rc == SQLITE_OK) {
		bind_range(st, t->first, t->last);
		t->rc = first_day(st, t->today, &t->rules, &t->day);
		sqlite3_finalize(st);
		if (t->rc == SQLITE_ROW || t->rc == SQLITE_DONE)
			day_sort(&t->day);
	}
	return NULL;
}

void db_agenda_ahead(struct db *db, const struct rules *rules, int today)
{
	struct agenda_filter all = {0};
	struct walk w = {.rules = rules, .today = today, .until = today, .f = &all};
	struct agenda_ahead *t;
	struct strbuf q;

	/* a read-only file's derived tables may be in temp, which another
	 * connection does not see */
	if (!db || db->agenda_ahead || db->readonly || db->temp_cache)
		return;
	t = xcalloc(1, sizeof(*t));
	t->rules = *rules;
	t->today = today;
	rules_fingerprint(rules, today, t->fp, sizeof(t->fp));
	response_days(&w, &t->first, &t->last);
	if (t->first > t->last) {
		free(t);
		return;
	}
	kind_text(&q, &followup_sql, &all, false);
	t->sql = strbuf_detach(&q);
	strbuf_done(&q);
	strbuf_init(&t->day.text);
	t->stamp = db_stamp(db);
	if (!db_ahead_start(db, &t->a, 0, agenda_ahead_run, t)) {
		day_done(&t->day);
		free(t->sql);
		free(t);
		return; /* read when it is asked for, as without */
	}
	db->agenda_ahead = t;
}

/* Makes the day read ahead the memo when it was read for this walk from
 * `first`, and forgets it either way. */
static void ahead_take(struct db *db, const struct walk *w, int first)
{
	struct agenda_ahead *t = db->agenda_ahead;

	if (!t)
		return;
	if (!w->f->owner && !w->f->account_id && !w->f->horizon && strcmp(t->fp, w->fp) == 0 &&
	    t->first == first && db_stamp_same(t->stamp, w->stamp)) {
		db_ahead_join(&t->a, false);
		if (t->rc == SQLITE_ROW || t->rc == SQLITE_DONE) {
			memo_keep(db, w, &t->day);
			db->agenda->from = first;
		}
	}
	ahead_forget(db);
}

/* Sorts the day read, hands on its items, and keeps it as the memo when
 * the page ends in it. */
static enum status day_flush(struct db *db, struct walk *w, struct day_buf *d, sqlite3_stmt *more)
{
	enum status s;

	day_sort(d);
	s = day_emit(db, w, d, 0, more);
	if (s == STATUS_OK && walk_full(w))
		memo_keep(db, w, d);
	else
		day_empty(d);
	return s;
}

static enum status followups(struct db *db, struct walk *w)
{
	sqlite3_stmt *st, *more;
	struct day_buf d = {0}, *memo;
	enum status s = STATUS_OK;
	int rc = SQLITE_DONE, first, last, lo, hi, span, from = first_due(w, AGENDA_FOLLOWUP);
	int last_day = INT_MIN;
	char last_on[DATE_LEN] = "";
	size_t at;

	response_days(w, &first, &last);
	if (from != INT_MIN && from - followup_due(w->rules, 0) > first)
		first = from - followup_due(w->rules, 0);
	if (first > last)
		return STATUS_OK;
	if ((s = prepare_more(db, &more)) != STATUS_OK)
		return s;
	w->stamp = db_stamp(db);
	rules_fingerprint(w->rules, w->today, w->fp, sizeof(w->fp));
	if (from == INT_MIN)
		ahead_take(db, w, first);
	/* a page that starts inside the day the last one ended in, or the
	 * first page of the day read ahead */
	if ((memo = memo_for(db, w, first, &at)) != NULL) {
		/* a read ahead that found no detractor: none from first on */
		first = memo->n ? memo->day + 1 : last + 1;
		if ((s = day_emit(db, w, memo, at, more)) != STATUS_OK || walk_full(w) ||
		    first > last) {
			sqlite3_finalize(more);
			return s;
		}
	}
	if ((s = prepare(db, &followup_sql, w->f, false, &st)) != STATUS_OK) {
		sqlite3_finalize(more);
		return s;
	}
	strbuf_init(&d.text);
	span = w->f->owner && !w->f->account_id ? FOLLOWUP_SPAN : INT_MAX;
	for (lo = first; lo <= last && !walk_full(w) && s == STATUS_OK; lo = hi + 1) {
		hi = span > last - lo ? last : lo + span - 1;
		if (span > 1 && span < INT_MAX / 2)
			span *= 2;
		sqlite3_reset(st);
		bind_range(st, lo, hi);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct agenda_item it;
			const char *on = db_col_text(st, 6);
			int responded, due;

			/* a day's rows come together: its date is parsed once */
			if (strcmp(on, last_on) != 0) {
				if (!date_parse(on, &last_day))
					last_day = INT_MIN;
				last_on[0] = '\0';
				if (strlen(on) < sizeof(last_on))
					memcpy(last_on, on, strlen(on) + 1);
			}
			if ((responded = last_day) == INT_MIN)
				continue;
			/* where it would stand, from its row alone: the rows a
			 * page starts after are passed without asking more */
			due = followup_due(w->rules, responded);
			if (!agenda_in_range(due, w->today, w->f->horizon))
				continue;
			if (d.n && responded != d.day &&
			    ((s = day_flush(db, w, &d, more)) != STATUS_OK || walk_full(w)))
				break;
			d.day = responded;
			fill(&it, st, AGENDA_FOLLOWUP, due);
			it.ref_id = sqlite3_column_int64(st, 5);
			if (!before_page(w, &it))
				day_add(&d, &it);
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		if (s == STATUS_OK && d.n)
			s = day_flush(db, w, &d, more);
	}
	day_done(&d);
	sqlite3_finalize(more);
	if (s != STATUS_OK) {
		sqlite3_finalize(st);
		return s;
	}
	return finish(db, st, rc);
}

/* The kinds due on a date column: their rows come in agenda order from
 * k's query (column 5 the row, column 6 the due date); extra reads what
 * else an item of the kind carries. */
static enum status dated(struct db *db, struct walk *w, const struct kind_sql *k,
			 enum agenda_kind kind, void (*extra)(struct agenda_item *, sqlite3_stmt *))
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((s = prepare(db, k, w->f, false, &st)) != STATUS_OK)
		return s;
	bind_range(st, first_due(w, kind), w->until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item it;
		int day;

		if (!date_parse(db_col_text(st, 6), &day) ||
		    !agenda_in_range(day, w->today, w->f->horizon))
			continue;
		fill(&it, st, kind, day);
		it.ref_id = sqlite3_column_int64(st, 5);
		extra(&it, st);
		if (!emit(w, &it))
			break;
	}
	return finish(db, st, rc);
}

static void next_contact_extra(struct agenda_item *it, sqlite3_stmt *st)
{
	it->text = db_col_text(st, 7);
	it->good_time = db_col_opt(st, 8);
	it->reason = db_col_opt(st, 9);
}

static enum status next_contacts(struct db *db, struct walk *w)
{
	return dated(db, w, &next_contact_sql, AGENDA_NEXT_CONTACT, next_contact_extra);
}

/* Check-ins are gathered with their strings, sorted, then walked. */
struct gathered {
	struct agenda_item *items;
	size_t n, cap;
	char **strs;
	size_t nstrs, strs_cap;
};

static const char *keep(struct gathered *g, char *s)
{
	g->strs = xgrow(g->strs, &g->strs_cap, g->nstrs + 1, sizeof(*g->strs));
	return g->strs[g->nstrs++] = s;
}

static void gathered_done(struct gathered *g)
{
	size_t i;

	for (i = 0; i < g->nstrs; i++)
		free(g->strs[i]);
	free(g->strs);
	free(g->items);
}

/* A new item of the kind, due on due, from the row at st. */
static struct agenda_item *gathered_add(struct gathered *g, sqlite3_stmt *st, enum agenda_kind kind,
					int due)
{
	struct agenda_item *it;

	g->items = xgrow(g->items, &g->cap, g->n + 1, sizeof(*g->items));
	it = &g->items[g->n++];
	fill(it, st, kind, due);
	return it;
}

/* Ends the statement (finish()), then walks what was gathered in the
 * agenda's order, and frees it. */
static enum status gathered_walk(struct db *db, sqlite3_stmt *st, int rc, struct gathered *g,
				 struct walk *w)
{
	enum status s = finish(db, st, rc);
	size_t i;

	if (s == STATUS_OK) {
		agenda_sort(g->items, g->n);
		for (i = 0; i < g->n && emit(w, &g->items[i]); i++)
			;
	}
	gathered_done(g);
	return s;
}

/* The check-in note days in p (a group_concat of dates) into *days. */
static size_t checkin_days(const char *p, int **days, size_t *cap)
{
	size_t nd = 0;

	while (*p) {
		char day[DATE_LEN];
		int d;
		size_t len = strcspn(p, ",");

		if (len < DATE_LEN) {
			memcpy(day, p, len);
			day[len] = '\0';
			if (date_parse(day, &d)) {
				*days = xgrow(*days, cap, nd + 1, sizeof(**days));
				(*days)[nd++] = d;
			}
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return nd;
}

static enum status checkins(struct db *db, struct walk *w)
{
	struct gathered g;
	sqlite3_stmt *st;
	enum status s;
	int rc, *days = NULL;
	size_t cap = 0;

	if ((s = prepare(db, &checkin_sql, w->f, false, &st)) != STATUS_OK)
		return s;
	memset(&g, 0, sizeof(g));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int won, due[AGENDA_CHECKINS], step[AGENDA_CHECKINS], n, j;
		size_t nd;
		const char *account = NULL, *owner = NULL;

		if (!date_parse(db_col_text(st, 5), &won))
			continue;
		nd = checkin_days(db_col_text(st, 6), &days, &cap);
		n = agenda_checkins_due(won, days, nd, w->until, due, step);
		for (j = 0; j < n; j++) {
			struct agenda_item *it;

			if (!account) {
				account = keep(&g, xstrdup(db_col_text(st, 1)));
				owner = keep(&g, xstrdup(db_col_text(st, 2)));
			}
			it = gathered_add(&g, st, AGENDA_CHECKIN, due[j]);
			it->account = account;
			it->owner = owner;
			it->step = step[j];
			it->on = keep(&g, xstrdup(db_col_text(st, 5)));
		}
	}
	free(days);
	return gathered_walk(db, st, rc, &g, w);
}

static void winback_extra(struct agenda_item *it, sqlite3_stmt *st)
{
	it->step = sqlite3_column_int(st, 7);
	it->on = db_col_text(st, 8);
	it->text = db_col_opt(st, 9);
}

static enum status winbacks(struct db *db, struct walk *w)
{
	return dated(db, w, &winback_sql, AGENDA_WINBACK, winback_extra);
}

static void report_back_extra(struct agenda_item *it, sqlite3_stmt *st)
{
	it->text = db_col_text(st, 7);
}

static enum status report_backs(struct db *db, struct walk *w)
{
	return dated(db, w, &report_back_sql, AGENDA_REPORT_BACK, report_back_extra);
}

static void action_extra(struct agenda_item *it, sqlite3_stmt *st)
{
	it->text = db_col_text(st, 7);
	it->owner = db_col_text(st, 8);
}

static enum status actions(struct db *db, struct walk *w)
{
	return dated(db, w, &action_sql, AGENDA_ACTION, action_extra);
}

static enum status (*const walk_kind[AGENDA_KIND_COUNT])(struct db *, struct walk *) = {
	[AGENDA_FOLLOWUP] = followups, [AGENDA_NEXT_CONTACT] = next_contacts,
	[AGENDA_CHECKIN] = checkins,   [AGENDA_REPORT_BACK] = report_backs,
	[AGENDA_ACTION] = actions,     [AGENDA_WINBACK] = winbacks,
};

static void walk_init(struct walk *w, const struct rules *rules, int today,
		      const struct agenda_filter *f)
{
	memset(w, 0, sizeof(*w));
	w->rules = rules;
	w->today = today;
	w->until = today + (f->horizon > 0 ? f->horizon : 0);
	w->f = f;
	w->skip = f->offset;
	w->left = f->limit ? f->limit : SIZE_MAX;
}

enum status db_agenda(struct db *db, const struct rules *rules, int today,
		      const struct agenda_filter *f,
		      int (*cb)(const struct agenda_item *item, void *ctx), void *ctx)
{
	struct walk w;
	enum status s = STATUS_OK;
	int k;

	walk_init(&w, rules, today, f);
	w.cb = cb;
	w.ctx = ctx;
	for (k = f->after ? (int)f->after->kind : 0; k < AGENDA_KIND_COUNT && !walk_full(&w); k++)
		if ((!f->kinds || f->kinds & 1u << k) && (s = walk_kind[k](db, &w)) != STATUS_OK)
			break;
	return s;
}

/* A kind's count in SQL, up to cap. */
static enum status count_sql(struct db *db, const struct kind_sql *k, const struct walk *w,
			     int first, int last, size_t cap, size_t *n)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	*n = 0;
	if (first > last)
		return STATUS_OK;
	if ((s = prepare(db, k, w->f, true, &st)) != STATUS_OK)
		return s;
	bind_range(st, first, last);
	sqlite3_bind_int64(st, 5, cap > INT64_MAX ? INT64_MAX : (sqlite3_int64)cap);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	return finish(db, st, rc);
}

enum status db_agenda_count(struct db *db, const struct rules *rules, int today,
			    const struct agenda_filter *f, unsigned kinds, size_t cap,
			    size_t count[AGENDA_KIND_COUNT])
{
	struct agenda_filter all = {
		.owner = f->owner,
		.account_id = f->account_id,
		.horizon = f->horizon,
		.limit = cap,
	};
	struct walk w;
	enum status s = STATUS_OK;
	int k;

	for (k = 0; k < AGENDA_KIND_COUNT; k++)
		if (kinds & 1u << k)
			count[k] = 0;
	if (!cap)
		return STATUS_OK;
	walk_init(&w, rules, today, &all);
	if (kinds & 1u << AGENDA_FOLLOWUP) {
		/* the rule decides which responses wait: walk them, capped */
		s = followups(db, &w);
		count[AGENDA_FOLLOWUP] = cap - w.left;
		w.left = cap;
		w.done = false;
	}
	if (s == STATUS_OK && kinds & 1u << AGENDA_NEXT_CONTACT)
		s = count_sql(db, &next_contact_sql, &w, INT_MIN, w.until, cap,
			      &count[AGENDA_NEXT_CONTACT]);
	if (s == STATUS_OK && kinds & 1u << AGENDA_CHECKIN) {
		/* the rules decide which check-ins are due: walk them, capped */
		s = checkins(db, &w);
		count[AGENDA_CHECKIN] = cap - w.left;
	}
	if (s == STATUS_OK && kinds & 1u << AGENDA_REPORT_BACK)
		s = count_sql(db, &report_back_sql, &w, INT_MIN, w.until, cap,
			      &count[AGENDA_REPORT_BACK]);
	if (s == STATUS_OK && kinds & 1u << AGENDA_ACTION)
		s = count_sql(db, &action_sql, &w, INT_MIN, w.until, cap, &count[AGENDA_ACTION]);
	if (s == STATUS_OK && kinds & 1u << AGENDA_WINBACK)
		s = count_sql(db, &winback_sql, &w, INT_MIN, w.until, cap, &count[AGENDA_WINBACK]);
	return s;
}

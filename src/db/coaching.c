/*
 * The coaching report (practices.h): per owner, the pitches logged over a
 * span of days and how many of them went to an account on hold (its
 * history, snapshots, on the pitch's day), the detractors of those days
 * followed up on time or late (followup_timing(), followup.h), and the
 * problems reported back. And the lost accounts' win-back: the list, and
 * dropping or taking it up again.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/agenda.h"
#include "acctplan/date.h"
#include "acctplan/followup.h"
#include "acctplan/practices.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

struct owner_counts {
	char *owner;
	struct coaching_row row;
};

struct tally {
	struct owner_counts *v;
	size_t n, cap;
	struct owner_counts **by_name; /* sorted by strcmp, for lookups */
	const struct rules *rules;
	int today;
};

static int add_owner(sqlite3_stmt *st, void *ctx)
{
	struct tally *t = ctx;
	struct owner_counts *o;

	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof(*t->v));
	o = &t->v[t->n++];
	memset(o, 0, sizeof(*o));
	o->owner = xstrdup(db_col_text(st, 0));
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct owner_counts *const *)a)->owner,
		      (*(struct owner_counts *const *)b)->owner);
}

static struct coaching_row *row_of(struct tally *t, const char *owner)
{
	struct owner_counts key = {.owner = (char *)owner}, *k = &key, **found;

	found = bsearch(&k, t->by_name, t->n, sizeof(*t->by_name), by_name);
	return found ? &(*found)->row : NULL;
}

static int got_pitches(sqlite3_stmt *st, void *ctx)
{
	struct coaching_row *r = row_of(ctx, db_col_text(st, 0));

	if (r) {
		r->pitches += sqlite3_column_int64(st, 1);
		r->pitches_on_hold += sqlite3_column_int64(st, 2);
	}
	return 0;
}

static int got_followup(sqlite3_stmt *st, void *ctx)
{
	struct tally *t = ctx;
	struct coaching_row *r = row_of(t, db_col_text(st, 0));
	int responded, done = -1;
	const char *d = db_col_opt(st, 3);

	if (!r || !date_parse(db_col_text(st, 1), &responded))
		return 0;
	if (d && !date_parse(d, &done))
		done = -1;
	switch (followup_timing(t->rules, t->today, responded, sqlite3_column_int(st, 2), done)) {
	case FOLLOWUP_ON_TIME:
		r->followups_on_time++;
		break;
	case FOLLOWUP_LATE:
		r->followups_late++;
		break;
	case FOLLOWUP_WAITING:
		r->followups_waiting++;
		break;
	case FOLLOWUP_UNASKED:
		break;
	}
	return 0;
}

static int got_reported(sqlite3_stmt *st, void *ctx)
{
	struct coaching_row *r = row_of(ctx, db_col_text(st, 0));

	if (r)
		r->reported_back += sqlite3_column_int64(st, 1);
	return 0;
}

/* The day a response was first followed up, by the follow-up rule's own
 * facts (db_followup_cols()): a note or problem linked to it, or a closing
 * note with its buyer on or after it; NULL when none. */
static char *done_day_sql(void)
{
	char *kinds = db_closing_kinds(), *sql;

	/* the linked notes and problems are found by id off their feedback_id
	 * indexes: asked for min() over the rows of one feedback_id directly,
	 * the planner may walk the whole table instead (most feedback_ids
	 * are NULL, so the statistics make the index look useless) */
	sql = xasprintf(
		"SELECT a.owner, f.responded_on, f.score, nullif(min("
		" coalesce((SELECT min(substr(n.created_at, 1, 10)) FROM notes n"
		"  WHERE n.id IN (SELECT id FROM notes WHERE feedback_id = f.id)), '9999-12-31'),"
		" coalesce((SELECT min(p.opened_on) FROM problems p"
		"  WHERE p.id IN (SELECT id FROM problems WHERE feedback_id = f.id)),"
		"  '9999-12-31'),"
		" coalesce((SELECT min(substr(n.created_at, 1, 10)) FROM notes n"
		"  WHERE f.contact_id IS NOT NULL AND n.account_id = f.account_id"
		"  AND n.contact_id = f.contact_id AND n.created_at >= f.responded_on"
		"  AND n.kind IN (%s)), '9999-12-31')), '9999-12-31')"
		" FROM feedback f JOIN accounts a ON a.id = f.account_id"
		" WHERE f.score <= %d AND f.responded_on BETWEEN ?1 AND ?2",
		kinds, FOLLOWUP_MAX_SCORE);
	free(kinds);
	return sql;
}

enum status db_coaching(struct db *db, const struct rules *rules, int today, int days,
			coaching_cb cb, void *ctx)
{
	struct tally t = {.rules = rules, .today = today};
	char first[DATE_LEN], last[DATE_LEN], after[DATE_LEN], *sql;
	enum status s;
	size_t i;

	date_format(today - (days > 0 ? days : 1) + 1, first);
	date_format(today, last);
	date_format(today + 1, after);
	if ((s = db_read_begin(db)) != STATUS_OK)
		return s;
	s = db_rows(db, "SELECT DISTINCT owner FROM accounts ORDER BY owner COLLATE NOCASE, owner",
		    DB_NOARGS, add_owner, &t);
	if (s == STATUS_OK) {
		t.by_name = xcalloc(t.n ? t.n : 1, sizeof(*t.by_name));
		for (i = 0; i < t.n; i++)
			t.by_name[i] = &t.v[i];
		qsort(t.by_name, t.n, sizeof(*t.by_name), by_name);
		/* a pitch on an account on hold that day: its history's row of
		 * that day or the last before it says so */
		s = db_rows(db,
			    "SELECT a.owner, count(*), sum(coalesce((SELECT s.hold FROM snapshots s"
			    "  WHERE s.account_id = n.account_id"
			    "  AND s.taken_on <= substr(n.created_at, 1, 10)"
			    "  ORDER BY s.taken_on DESC LIMIT 1), 0))"
			    " FROM notes n JOIN accounts a ON a.id = n.account_id"
			    " WHERE n.kind = 'pitch' AND n.created_at >= ?1 AND n.created_at < ?2"
			    " GROUP BY a.owner",
			    DB_ARGS(DB_TEXT(first), DB_TEXT(after)), got_pitches, &t);
	}
	if (s == STATUS_OK) {
		sql = done_day_sql();
		s = db_rows(db, sql, DB_ARGS(DB_TEXT(first), DB_TEXT(last)), got_followup, &t);
		free(sql);
	}
	if (s == STATUS_OK)
		s = db_rows(
			db,
			"SELECT a.owner, count(*) FROM problems p JOIN accounts a ON a.id = p.account_id"
			" WHERE p.status = 'reported_back' AND p.reported_on BETWEEN ?1 AND ?2"
			" GROUP BY a.owner",
			DB_ARGS(DB_TEXT(first), DB_TEXT(last)), got_reported, &t);
	db_read_end(db);
	for (i = 0; i < t.n; i++) {
		t.v[i].row.owner = t.v[i].owner;
		if (s == STATUS_OK && cb(&t.v[i].row, ctx))
			break;
	}
	for (i = 0; i < t.n; i++)
		free(t.v[i].owner);
	free(t.v);
	free(t.by_name);
	return s;
}

/* ---- win-back --------------------------------------------------------------- */

/* The last win-back review since the account was lost, as a column. */
#define LAST_REVIEW                                                                       \
	"(SELECT max(substr(n.created_at, 1, 10)) FROM notes n WHERE n.account_id = a.id" \
	" AND n.kind = 'winback' AND substr(n.created_at, 1, 10) >= coalesce(a.lost_on, ''))"

/* A lost account's row: its next review is its cache row's (winback,
 * winback_due, winback_step: 016-cache-winback.sql), which the refresh
 * works out by the rule, agenda_winback_due(). */
#define WINBACK_COLS                                                                      \
	"a.id, c.name, c.owner, a.lost_on, a.lost_to, a.winback_dropped_on, " LAST_REVIEW \
	", a.lost_reason, a.winback_plan, c.winback, c.winback_due, c.winback_step"
#define WINBACK_ORDER " ORDER BY c.winback, c.winback_due, c.name COLLATE NOCASE, c.account_id"

static void fill_winback(sqlite3_stmt *st, struct winback_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->name = db_col_text(st, 1);
	r->owner = db_col_text(st, 2);
	r->lost_on = db_col_opt(st, 3);
	r->lost_to = db_col_opt(st, 4);
	r->dropped_on = db_col_opt(st, 5);
	r->last_review = db_col_opt(st, 6);
	r->lost_reason = db_col_opt(st, 7);
	r->plan = db_col_opt(st, 8);
	if (sqlite3_column_int(st, 9) != 1 || !date_parse(db_col_text(st, 10), &r->next_due))
		r->next_due = -1;
	r->step = r->next_due < 0 ? 0 : sqlite3_column_int(st, 11);
}

DB_ROW_WALKER(winback, struct winback_row, winback_cb, fill_winback)

enum status db_winbacks(struct db *db, const char *owner, const struct winback_row *after,
			size_t limit, winback_cb cb, void *ctx)
{
	struct winback_walk w = {cb, ctx};
	char due[DATE_LEN] = "";
	struct strbuf q;
	enum status s;

	/* the cache's index in the list's order, from the row the page
	 * follows: the accounts' rows are read for the rows of the page
	 * only */
	strbuf_init(&q);
	strbuf_adds(&q,
		    "SELECT " WINBACK_COLS " FROM account_cache c INDEXED BY account_cache_winback"
		    " CROSS JOIN accounts a ON a.id = c.account_id WHERE c.winback > 0");
	if (owner)
		strbuf_adds(&q, " AND c.owner = ?1");
	if (after) {
		if (after->next_due >= 0)
			date_format(after->next_due, due);
		strbuf_adds(&q, " AND (c.winback, c.winback_due, c.name COLLATE NOCASE,"
				" c.account_id) > (?2, ?3, ?4, ?5)");
	}
	strbuf_adds(&q, WINBACK_ORDER);
	if (limit)
		strbuf_adds(&q, " LIMIT ?6");
	s = db_rows(db, q.buf,
		    DB_ARGS(DB_TEXT(owner), DB_INT(after && after->next_due < 0 ? 2 : 1),
			    DB_TEXT(due), DB_TEXT(after ? after->name : NULL),
			    DB_INT(after ? after->id : 0), DB_INT((int64_t)limit)),
		    winback_each, &w);
	strbuf_done(&q);
	return s;
}

/* Counts of the index account_cache_winback's entries (its partial WHERE
 * repeated so that it is the one read): every lost account's, then those
 * still to win back; ?1 the owner, in the SQL only when there is one, so
 * that without it no entry's owner is read. */
#define WINBACK_COUNT(where)                                                   \
	"(SELECT count(*) FROM account_cache INDEXED BY account_cache_winback" \
	" WHERE winback > 0" where "%s)"
struct counts {
	size_t *lost, *open;
};

static void read_counts(sqlite3_stmt *st, void *ctx)
{
	struct counts *c = ctx;

	*c->lost = (size_t)sqlite3_column_int64(st, 0);
	*c->open = (size_t)sqlite3_column_int64(st, 1);
}

enum status db_winback_count(struct db *db, const char *owner, size_t *lost, size_t *open)
{
	struct counts c = {lost, open};
	const char *by = owner ? " AND owner = ?1" : "";
	char *sql = xasprintf("SELECT " WINBACK_COUNT("") ", " WINBACK_COUNT(" AND winback = 1"),
			      by, by);
	enum status s;

	*lost = *open = 0;
	s = db_row(db, sql, DB_ARGS(DB_TEXT(owner)), read_counts, &c);
	free(sql);
	return s;
}

enum status db_winback_drop(struct db *db, int64_t id, bool drop, const char *on)
{
	char *status = NULL, *dropped = NULL;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_text(db, "SELECT status FROM accounts WHERE id = ?1", DB_ARGS(DB_INT(id)), &status);
	s = db_no_row(s, "account", id);
	if (s == STATUS_OK && (!status || strcmp(status, "lost") != 0))
		s = status_set(STATUS_BAD_INPUT,
			       "the account is not lost: there is no win-back to %s",
			       drop ? "drop" : "take up");
	if (s == STATUS_OK)
		s = db_text(db, "SELECT winback_dropped_on FROM accounts WHERE id = ?1",
			    DB_ARGS(DB_INT(id)), &dropped);
	if (s == STATUS_OK && drop && dropped)
		s = status_set(STATUS_BAD_INPUT, "its win-back was already dropped on %s", dropped);
	if (s == STATUS_OK && !drop && !dropped)
		s = status_set(STATUS_BAD_INPUT, "its win-back is not dropped");
	if (s == STATUS_OK)
		s = db_edit_run(db, "accounts", id,
				"UPDATE accounts SET winback_dropped_on = ?2 WHERE id = ?1",
				DB_ARGS(DB_INT(id), DB_TEXT(drop ? on : NULL)));
	free(status);
	free(dropped);
	return db_finish(db, s);
}

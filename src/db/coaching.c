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
	struct strbuf kinds;
	char *sql;
	int k;

	strbuf_init(&kinds);
	for (k = 0; k < NOTE_KIND_COUNT; k++)
		if (followup_closing_kind((enum note_kind)k))
			strbuf_addf(&kinds, "%s'%s'", kinds.len ? "," : "",
				    note_kind_name((enum note_kind)k));
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
		kinds.buf, FOLLOWUP_MAX_SCORE);
	strbuf_done(&kinds);
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

struct winback_walk {
	const struct rules *rules;
	struct winback_row *rows;
	size_t n, cap;
	char **strs;
	size_t nstrs, strs_cap;
};

static const char *keep(struct winback_walk *w, const char *s)
{
	if (!s)
		return NULL;
	w->strs = xgrow(w->strs, &w->strs_cap, w->nstrs + 1, sizeof(*w->strs));
	return w->strs[w->nstrs++] = xstrdup(s);
}

static int got_lost(sqlite3_stmt *st, void *ctx)
{
	struct winback_walk *w = ctx;
	struct winback_row *r;
	int lost, last = -1;

	w->rows = xgrow(w->rows, &w->cap, w->n + 1, sizeof(*w->rows));
	r = &w->rows[w->n++];
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->name = keep(w, db_col_text(st, 1));
	r->owner = keep(w, db_col_text(st, 2));
	r->lost_on = keep(w, db_col_opt(st, 3));
	r->lost_to = keep(w, db_col_opt(st, 4));
	r->lost_reason = keep(w, db_col_opt(st, 5));
	r->plan = keep(w, db_col_opt(st, 6));
	r->dropped_on = keep(w, db_col_opt(st, 7));
	r->last_review = keep(w, db_col_opt(st, 8));
	r->next_due = -1;
	if (!r->dropped_on && r->lost_on && date_parse(r->lost_on, &lost)) {
		if (r->last_review && !date_parse(r->last_review, &last))
			last = -1;
		r->next_due = agenda_winback_due(lost, w->rules->winback_days, last, &r->step);
	}
	return 0;
}

/* By the next review, none last; then the query's order (by name): the
 * rows' own order in their array, which the pointers keep. */
static int cmp_winback(const void *pa, const void *pb)
{
	const struct winback_row *a = *(const struct winback_row *const *)pa;
	const struct winback_row *b = *(const struct winback_row *const *)pb;

	if ((a->next_due < 0) != (b->next_due < 0))
		return a->next_due < 0 ? 1 : -1;
	if (a->next_due != b->next_due)
		return a->next_due < b->next_due ? -1 : 1;
	return a < b ? -1 : a > b;
}

enum status db_winbacks(struct db *db, const struct rules *rules, const char *owner, winback_cb cb,
			void *ctx)
{
	struct winback_walk w = {.rules = rules};
	enum status s;
	size_t i;

	s = db_rows(
		db,
		"SELECT a.id, a.name, a.owner, a.lost_on, a.lost_to, a.lost_reason,"
		" a.winback_plan, a.winback_dropped_on,"
		" (SELECT max(substr(n.created_at, 1, 10)) FROM notes n WHERE n.account_id = a.id"
		"  AND n.kind = 'winback' AND substr(n.created_at, 1, 10) >= coalesce(a.lost_on, ''))"
		" FROM accounts a WHERE a.status = 'lost' AND (?1 IS NULL OR a.owner = ?1)"
		" ORDER BY a.name COLLATE NOCASE, a.id",
		DB_ARGS(DB_TEXT(owner)), got_lost, &w);
	if (s == STATUS_OK && w.n) {
		struct winback_row **order = xcalloc(w.n, sizeof(*order));

		for (i = 0; i < w.n; i++)
			order[i] = &w.rows[i];
		qsort(order, w.n, sizeof(*order), cmp_winback);
		for (i = 0; i < w.n && !cb(order[i], ctx); i++)
			;
		free(order);
	}
	for (i = 0; i < w.nstrs; i++)
		free(w.strs[i]);
	free(w.strs);
	free(w.rows);
	return s;
}

enum status db_winback_drop(struct db *db, int64_t id, bool drop, const char *on)
{
	char *status = NULL, *dropped = NULL;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	s = db_text(db, "SELECT status FROM accounts WHERE id = ?1", DB_ARGS(DB_INT(id)), &status);
	if (s == STATUS_NOT_FOUND)
		s = status_set(STATUS_NOT_FOUND, "no account with id %lld", (long long)id);
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
	if (s == STATUS_OK)
		return db_commit(db);
	db_rollback(db);
	return s;
}

/*
 * The queries behind the agenda. Each kind of item comes from one query over
 * the core tables; agenda.h's pure rules decide what is due and the order.
 * Strings are copied into the items and freed once cb has seen them all.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/date.h"
#include "acctplan/plan.h"
#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"

struct collect {
	struct agenda_item *items;
	size_t n, cap;
	char **strs;
	size_t nstrs, strs_cap;
};

static const char *keep(struct collect *c, const char *s)
{
	if (!s)
		return NULL;
	c->strs = xgrow(c->strs, &c->strs_cap, c->nstrs + 1, sizeof(*c->strs));
	return c->strs[c->nstrs++] = xstrdup(s);
}

/* Columns 0..4 of every query: account id, name, owner, rank group, rank value. */
#define ACCOUNT_PART "a.id, a.name, a.owner, coalesce(c.rank_group, 9), coalesce(c.rank_value, 0)"
#define FROM_ACCOUNT " JOIN accounts a ON a.id = x.account_id" \
	" LEFT JOIN account_cache c ON c.account_id = a.id"
/* Where the owner and account filters go; prepare() fills it in, so a
 * filtered query uses the indexes instead of reading the whole book. */
#define FILTER " @FILTER@"

static struct agenda_item *add(struct collect *c, sqlite3_stmt *st, enum agenda_kind kind,
			       int due)
{
	struct agenda_item *it;

	c->items = xgrow(c->items, &c->cap, c->n + 1, sizeof(*c->items));
	it = &c->items[c->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->due = due;
	it->account_id = sqlite3_column_int64(st, 0);
	it->account = keep(c, db_col_text(st, 1));
	it->owner = keep(c, db_col_text(st, 2));
	it->priority.group = sqlite3_column_int(st, 3);
	it->priority.value = sqlite3_column_int64(st, 4);
	return it;
}

/* acct is the column that holds the item's account id in sql. */
static enum status prepare(struct db *db, const char *sql, const char *acct,
			   const struct agenda_filter *f, sqlite3_stmt **st)
{
	struct strbuf q;
	const char *at = strstr(sql, "@FILTER@");
	enum status s;

	strbuf_init(&q);
	strbuf_add(&q, sql, at ? (size_t)(at - sql) : strlen(sql));
	if (at) {
		if (f->owner)
			strbuf_adds(&q, " AND a.owner = ?1");
		if (f->account_id)
			strbuf_addf(&q, " AND %s = ?2", acct);
		strbuf_adds(&q, at + strlen("@FILTER@"));
	}
	s = db_prepare(db, q.buf, st);
	strbuf_done(&q);
	if (s != STATUS_OK)
		return s;
	if (f->owner)
		db_bind_text(*st, 1, f->owner);
	if (f->account_id)
		sqlite3_bind_int64(*st, 2, f->account_id);
	return STATUS_OK;
}

static enum status followups(struct db *db, const struct rules *rules, int today,
			     const struct agenda_filter *f, struct collect *c)
{
	char first[DATE_LEN], last[DATE_LEN];
	sqlite3_stmt *st;
	enum status s;
	int rc;

	date_format(today - rules->window_days + 1, first);
	date_format(today, last);
	if ((s = prepare(db, "SELECT " ACCOUNT_PART ", x.id, x.responded_on, x.score, x.comment,"
			 " ct.name FROM feedback x" FROM_ACCOUNT
			 " LEFT JOIN contacts ct ON ct.id = x.contact_id"
			 " WHERE x.score <= 6 AND x.responded_on BETWEEN ?3 AND ?4" FILTER
			 " AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.feedback_id = x.id)"
			 " AND NOT EXISTS (SELECT 1 FROM problems p WHERE p.feedback_id = x.id)",
			 "x.account_id", f, &st)) != STATUS_OK)
		return s;
	sqlite3_bind_text(st, 3, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, last, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item *it;
		char *detail;
		int day, due;

		if (!date_parse(db_col_text(st, 6), &day))
			continue;
		due = agenda_followup_due(day, rules);
		if (!agenda_in_range(due, today, f->horizon))
			continue;
		it = add(c, st, AGENDA_FOLLOWUP, due);
		it->ref_id = sqlite3_column_int64(st, 5);
		detail = xasprintf("%s scored %d on %s: %s", db_col_opt(st, 9) ? db_col_text(st, 9)
								   : "anonymous",
				   sqlite3_column_int(st, 7), db_col_text(st, 6), db_col_text(st, 8));
		it->detail = keep(c, detail);
		free(detail);
	}
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

static enum status next_contacts(struct db *db, int today, const struct agenda_filter *f,
				 struct collect *c)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	/* per account: the newest note carrying a date, and the newest note day */
	if ((s = prepare(db, "SELECT " ACCOUNT_PART ", x.id, x.next_contact_on, x.body,"
			 " x.good_time, x.reason,"
			 " (SELECT max(substr(m.created_at, 1, 10)) FROM notes m"
			 "  WHERE m.account_id = x.account_id)"
			 " FROM notes x" FROM_ACCOUNT
			 " WHERE x.id = (SELECT m.id FROM notes m WHERE m.account_id = x.account_id"
			 "  AND m.next_contact_on IS NOT NULL ORDER BY m.created_at DESC, m.id DESC"
			 "  LIMIT 1)" FILTER,
			 "x.account_id", f, &st)) != STATUS_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item *it;
		char *detail;
		int next, last = -1;

		if (!date_parse(db_col_text(st, 6), &next))
			continue;
		if (sqlite3_column_type(st, 10) != SQLITE_NULL && !date_parse(db_col_text(st, 10), &last))
			last = -1;
		if (!agenda_next_contact_pending(next, last) || !agenda_in_range(next, today, f->horizon))
			continue;
		it = add(c, st, AGENDA_NEXT_CONTACT, next);
		it->ref_id = sqlite3_column_int64(st, 5);
		if (db_col_opt(st, 8) && db_col_opt(st, 9))
			detail = xasprintf("good time: %s (%s); %s", db_col_text(st, 8),
					   db_col_text(st, 9), db_col_text(st, 7));
		else if (db_col_opt(st, 8))
			detail = xasprintf("good time: %s; %s", db_col_text(st, 8), db_col_text(st, 7));
		else
			detail = xstrdup(db_col_text(st, 7));
		it->detail = keep(c, detail);
		free(detail);
	}
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

static enum status checkins(struct db *db, int today, const struct agenda_filter *f,
			    struct collect *c)
{
	sqlite3_stmt *st;
	enum status s;
	int rc, *days = NULL;
	size_t cap = 0;

	if ((s = prepare(db, "SELECT " ACCOUNT_PART ", x.won_on,"
			 " (SELECT group_concat(substr(n.created_at, 1, 10)) FROM notes n"
			 "  WHERE n.account_id = x.id AND n.kind = 'checkin'"
			 "  AND substr(n.created_at, 1, 10) >= x.won_on)"
			 " FROM accounts x JOIN accounts a ON a.id = x.id"
			 " LEFT JOIN account_cache c ON c.account_id = a.id"
			 " WHERE x.won_on IS NOT NULL AND x.status = 'active'" FILTER,
			 "x.id", f, &st)) != STATUS_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = db_col_text(st, 6);
		int won, due[AGENDA_CHECKINS], step[AGENDA_CHECKINS], n, i;
		size_t nd = 0;

		if (!date_parse(db_col_text(st, 5), &won))
			continue;
		while (*p) {
			char day[DATE_LEN];
			int d;
			size_t len = strcspn(p, ",");

			if (len < DATE_LEN) {
				memcpy(day, p, len);
				day[len] = '\0';
				if (date_parse(day, &d)) {
					days = xgrow(days, &cap, nd + 1, sizeof(*days));
					days[nd++] = d;
				}
			}
			p += len;
			if (*p == ',')
				p++;
		}
		n = agenda_checkins_due(won, days, nd, today + (f->horizon > 0 ? f->horizon : 0),
					due, step);
		for (i = 0; i < n; i++) {
			struct agenda_item *it = add(c, st, AGENDA_CHECKIN, due[i]);
			char *detail = xasprintf("%d-day check-in after the sale won on %s",
						 agenda_checkin_offsets[step[i]], db_col_text(st, 5));
			it->step = step[i];
			it->detail = keep(c, detail);
			free(detail);
		}
	}
	free(days);
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

static enum status report_backs(struct db *db, int today, const struct agenda_filter *f,
				struct collect *c)
{
	sqlite3_stmt *st;
	enum status s;
	int rc;

	if ((s = prepare(db, "SELECT " ACCOUNT_PART ", x.id, coalesce(x.resolved_on, x.opened_on),"
			 " x.title FROM problems x" FROM_ACCOUNT
			 " WHERE x.status = 'resolved'" FILTER,
			 "x.account_id", f, &st)) != STATUS_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct agenda_item *it;
		int day;

		if (!date_parse(db_col_text(st, 6), &day) || !agenda_in_range(day, today, f->horizon))
			continue;
		it = add(c, st, AGENDA_REPORT_BACK, day);
		it->ref_id = sqlite3_column_int64(st, 5);
		it->detail = keep(c, db_col_text(st, 7));
	}
	s = rc == SQLITE_DONE ? STATUS_OK : db_error(db, rc);
	sqlite3_finalize(st);
	return s;
}

enum status db_agenda(struct db *db, const struct rules *rules, int today,
		      const struct agenda_filter *f,
		      int (*cb)(const struct agenda_item *item, void *ctx), void *ctx)
{
	struct collect c;
	enum status s;
	size_t i;

	memset(&c, 0, sizeof(c));
	s = followups(db, rules, today, f, &c);
	if (s == STATUS_OK)
		s = next_contacts(db, today, f, &c);
	if (s == STATUS_OK)
		s = checkins(db, today, f, &c);
	if (s == STATUS_OK)
		s = report_backs(db, today, f, &c);
	if (s == STATUS_OK) {
		agenda_sort(c.items, c.n);
		for (i = 0; i < c.n; i++)
			if (cb(&c.items[i], ctx))
				break;
	}
	for (i = 0; i < c.nstrs; i++)
		free(c.strs[i]);
	free(c.strs);
	free(c.items);
	return s;
}

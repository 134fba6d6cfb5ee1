/*
 * An import session: matching each record to what the book holds, and
 * writing it, all in one transaction (transfer.h has the contract).
 *
 * Invariants: a session holds the write lock from db_import_begin() to
 * db_import_end(); the reference caches hold only answers still true in
 * the transaction (any write to accounts clears the accounts' answers, to
 * contacts the buyers'); made holds every id this session inserted; the
 * indexes db_import_bulk() dropped are in recreate, made again before the
 * commit and by nothing else (a rollback brings them back).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/parse.h"
#include "acctplan/practices.h"
#include "acctplan/referral.h"
#include "acctplan/strmap.h"
#include "acctplan/transfer.h"
#include "acctplan/xalloc.h"

/* The session's statements, each prepared once. */
enum query {
	Q_ACC_BY_ID,
	Q_ACC_BY_REF,
	Q_ACC_BY_NAME,
	Q_ACC_INSERT,
	Q_ACC_UPDATE,
	Q_CON_BY_ID,
	Q_CON_BY_REF,
	Q_CON_BY_EMAIL,
	Q_CON_BY_NAME,
	Q_CON_INSERT,
	Q_CON_UPDATE,
	Q_FB_BY_ID,
	Q_FB_BY_REF,
	Q_FB_BY_SAME,
	Q_FB_INSERT,
	Q_FB_UPDATE,
	Q_FB_TAGS,
	Q_TAG_CLEAR,
	Q_TAG_ADD,
	Q_DEF_BY_CODE,
	Q_DEF_BY_ID,
	Q_DEF_INSERT,
	Q_PROB_BY_ID,
	Q_PROB_INSERT,
	Q_NOTE_BY_ID,
	Q_NOTE_INSERT,
	Q_COND_BY_ID,
	Q_COND_INSERT,
	Q_REF_BY_ID,
	Q_REF_INSERT,
	Q_PLAY_BY_ID,
	Q_PLAY_BY_EXT,
	Q_PLAY_INSERT,
	Q_SYNC_INS,
	Q_COUNT
};

#define ACC_COLS "id, external_ref, name, owner, segment, fit, status, revenue, wallet"
#define CON_COLS "id, account_id, external_ref, name, title, role, email, phone"
#define FB_COLS "id, account_id, contact_id, external_ref, responded_on, score, comment, source"

static const char *const queries[Q_COUNT] = {
	[Q_ACC_BY_ID] = "SELECT " ACC_COLS " FROM accounts WHERE id = ?1",
	[Q_ACC_BY_REF] = "SELECT " ACC_COLS " FROM accounts WHERE external_ref = ?1 LIMIT 16",
	[Q_ACC_BY_NAME] = "SELECT " ACC_COLS " FROM accounts WHERE name = ?1 COLLATE NOCASE"
			  " LIMIT 16",
	[Q_ACC_INSERT] =
		"INSERT INTO accounts(id, name, owner, segment, fit, status, revenue,"
		" wallet, external_ref, created_at, updated_at, hold_manual, hold_reason,"
		" hold_on, hold_quadrant, won_on, lost_reason, lost_to, winback_plan, lost_on,"
		" winback_dropped_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
	[Q_ACC_UPDATE] = "UPDATE accounts SET external_ref = ?2, name = ?3, owner = ?4,"
			 " segment = ?5, fit = ?6, status = ?7, revenue = ?8, wallet = ?9,"
			 " updated_at = ?10 WHERE id = ?1",
	[Q_CON_BY_ID] = "SELECT " CON_COLS " FROM contacts WHERE id = ?1",
	[Q_CON_BY_REF] = "SELECT " CON_COLS " FROM contacts WHERE external_ref = ?1 LIMIT 16",
	[Q_CON_BY_EMAIL] = "SELECT " CON_COLS " FROM contacts WHERE email = ?1 COLLATE NOCASE"
			   " LIMIT 16",
	[Q_CON_BY_NAME] = "SELECT " CON_COLS " FROM contacts WHERE account_id = ?2"
			  " AND name = ?1 COLLATE NOCASE LIMIT 16",
	[Q_CON_INSERT] = "INSERT INTO contacts(id, account_id, external_ref, name, title, role,"
			 " email, phone, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_CON_UPDATE] =
		"UPDATE contacts SET account_id = ?2, external_ref = ?3, name = ?4,"
		" title = ?5, role = ?6, email = ?7, phone = ?8, updated_at = ?9 WHERE id = ?1",
	[Q_FB_BY_ID] = "SELECT " FB_COLS " FROM feedback WHERE id = ?1",
	[Q_FB_BY_REF] = "SELECT " FB_COLS " FROM feedback WHERE external_ref = ?1 LIMIT 16",
	/* a response without an id or a ref: the same one, through feedback_account */
	[Q_FB_BY_SAME] = "SELECT " FB_COLS " FROM feedback WHERE account_id = ?1 AND"
			 " responded_on = ?2 AND contact_id IS ?3 AND score = ?4 AND comment = ?5"
			 " LIMIT 64",
	[Q_FB_INSERT] = "INSERT OR FAIL INTO feedback(id, account_id, contact_id, external_ref,"
			" responded_on, score, comment, source, updated_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_FB_UPDATE] = "UPDATE feedback SET account_id = ?2, contact_id = ?3, external_ref = ?4,"
			" responded_on = ?5, score = ?6, comment = ?7, source = ?8, updated_at = ?9"
			" WHERE id = ?1",
	[Q_FB_TAGS] = "SELECT d.code FROM feedback_defects fd JOIN defects d ON d.id = fd.defect_id"
		      " WHERE fd.feedback_id = ?1 ORDER BY d.code",
	[Q_TAG_CLEAR] = "DELETE FROM feedback_defects WHERE feedback_id = ?1",
	[Q_TAG_ADD] =
		"INSERT OR IGNORE INTO feedback_defects(feedback_id, defect_id) VALUES (?1, ?2)",
	[Q_DEF_BY_CODE] = "SELECT id FROM defects WHERE code = ?1",
	[Q_DEF_BY_ID] = "SELECT id FROM defects WHERE id = ?1",
	[Q_DEF_INSERT] = "INSERT INTO defects(id, code, title, category, updated_at)"
			 " VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_PROB_BY_ID] = "SELECT id FROM problems WHERE id = ?1",
	[Q_PROB_INSERT] =
		"INSERT INTO problems(id, account_id, defect_id, feedback_id, contact_id,"
		" title, category, status, owner, opened_on, resolved_on, reported_on,"
		" root_cause, reported_back, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[Q_NOTE_BY_ID] = "SELECT id FROM notes WHERE id = ?1",
	[Q_NOTE_INSERT] = "INSERT INTO notes(id, account_id, contact_id, feedback_id, kind, body,"
			  " good_time, reason, next_contact_on, created_at, updated_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[Q_COND_BY_ID] = "SELECT id FROM conditions WHERE id = ?1",
	[Q_COND_INSERT] =
		"INSERT INTO conditions(id, account_id, text, met_on, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[Q_REF_BY_ID] = "SELECT id FROM referrals WHERE id = ?1",
	[Q_REF_INSERT] = "INSERT INTO referrals(id, account_id, contact_id, asked_on, referred_to,"
			 " outcome, outcome_on, created_at, updated_at)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_PLAY_BY_ID] = "SELECT id FROM plays WHERE id = ?1",
	[Q_PLAY_BY_EXT] = "SELECT id FROM plays WHERE source = ?1 AND external_ref = ?2",
	[Q_PLAY_INSERT] = "INSERT INTO plays(id, account_id, source, play, due, external_ref,"
			  " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* what feedback_sync_ins does (schema step 7), when it is dropped */
	[Q_SYNC_INS] = "INSERT INTO sync_old_feedback(id, sync_ins, sync_pre) VALUES (?1, 1, 0)"
		       " ON CONFLICT DO NOTHING",
};

struct db_import {
	struct db *db;
	char *stamp;
	sqlite3_stmt *q[Q_COUNT];
	struct strmap accounts; /* account reference -> id (0: none, -1: several) */
	struct strmap contacts; /* "account\x1freference" -> contact id, its account */
	/* the same for references written as a number (no leading zero):
	 * (0, number) -> account, (account, number) -> buyer */
	struct pairmap account_nums, contact_nums;
	struct strmap defects; /* code or id -> defect id (0: none) */
	struct idset made;     /* the ids this session inserted */
	struct idset seen;     /* responses this session made or matched */
	/* per table: 1 when it was empty as the session began (a row is then
	 * there only if made holds its id), 0 when not, -1 not asked yet */
	signed char was_empty[IMPORT_KIND_COUNT];
	/* per table: whether any row has an external_ref (-1: not asked yet) */
	signed char has_ext[IMPORT_KIND_COUNT];
	struct strbuf key; /* a buyer's cache key */
	char **recreate;   /* CREATE INDEX statements to run before the commit */
	size_t nrecreate, recreate_cap;
	bool bulk_cache; /* the page cache was grown for a bulk import */
	/* feedback_ins is dropped for a bulk import of responses: the
	 * accounts it would have marked dirty, marked before the commit */
	bool own_dirty;
	struct idset dirty;
	/* so is feedback_sync_ins: the responses it would have recorded for
	 * the next sync, recorded in id order before the commit */
	bool own_sync;
	int64_t *synced;
	size_t nsynced, synced_cap;
};

/* Statement q, reset and unbound. NULL on error, with the status set. */
static sqlite3_stmt *stmt(struct db_import *im, enum query q)
{
	if (!im->q[q] && db_prepare(im->db, queries[q], &im->q[q]) != STATUS_OK)
		return NULL;
	sqlite3_reset(im->q[q]);
	sqlite3_clear_bindings(im->q[q]);
	return im->q[q];
}

/* Statement q with its key bound to ?1: text, or id when text is NULL. */
static sqlite3_stmt *stmt_key(struct db_import *im, enum query q, const char *text, int64_t id)
{
	sqlite3_stmt *st = stmt(im, q);

	if (st && text)
		db_bind_text(st, 1, text);
	else if (st)
		sqlite3_bind_int64(st, 1, id);
	return st;
}

/* Steps st (bound) to its first row: *found whether there is one, *id
 * (when not NULL) its first column, 0 for none. */
static enum status step_one(struct db_import *im, sqlite3_stmt *st, bool *found, int64_t *id)
{
	int rc = sqlite3_step(st);

	*found = rc == SQLITE_ROW;
	if (id)
		*id = *found ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(im->db, rc);
}

/* Runs a write statement to its end. */
static enum status run(struct db_import *im, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STATUS_OK : db_error(im->db, rc);
}

/* A reference that is a number written as such (no leading zero), which
 * the number alone stands for; 0 otherwise. */
static int64_t number_ref(const char *s)
{
	return *s == '0' ? 0 : parse_id(s);
}

static bool same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* A record the session refuses, and why. */
#define bad(...) status_set(STATUS_BAD_INPUT, __VA_ARGS__)

/* ---- the session -------------------------------------------------------- */

enum status db_import_begin(struct db *db, const char *stamp, struct db_import **out)
{
	struct db_import *im;
	enum status st;

	*out = NULL;
	if (db->readonly)
		return status_set(STATUS_DB_READONLY, "%s: read-only (%s); nothing imported",
				  db->path, db->readonly_reason);
	/* the importer looks every reference up itself, in the transaction:
	 * the per-row foreign key checks would only do it again */
	if ((st = db_exec(db, "PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY")) !=
	    STATUS_OK)
		return st;
	if ((st = db_begin(db)) != STATUS_OK) {
		db_exec(db, "PRAGMA foreign_keys = ON");
		return st;
	}
	im = xcalloc(1, sizeof(*im));
	im->db = db;
	im->stamp = xstrdup(stamp);
	strmap_init(&im->accounts);
	strmap_init(&im->contacts);
	strmap_init(&im->defects);
	pairmap_init(&im->account_nums);
	pairmap_init(&im->contact_nums);
	idset_init(&im->made);
	memset(im->was_empty, -1, sizeof(im->was_empty));
	memset(im->has_ext, -1, sizeof(im->has_ext));
	idset_init(&im->dirty);
	idset_init(&im->seen);
	strbuf_init(&im->key);
	*out = im;
	return STATUS_OK;
}

static const char *table_of(enum import_kind k)
{
	static const char *const tables[IMPORT_KIND_COUNT] = {
		[IMPORT_ACCOUNTS] = "accounts",     [IMPORT_CONTACTS] = "contacts",
		[IMPORT_RESPONSES] = "feedback",    [IMPORT_DEFECTS] = "defects",
		[IMPORT_PROBLEMS] = "problems",     [IMPORT_NOTES] = "notes",
		[IMPORT_CONDITIONS] = "conditions", [IMPORT_REFERRALS] = "referrals",
		[IMPORT_PLAYS] = "plays",
	};
	return (unsigned)k < IMPORT_KIND_COUNT ? tables[k] : NULL;
}

enum status db_import_count(struct db_import *im, enum import_kind k, int64_t *n)
{
	char sql[80];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table_of(k));
	return db_int(im->db, sql, DB_NOARGS, n);
}

/* Whether any row of kind k's table may have an external_ref: when none
 * does, a lookup by one is spared. */
static bool may_have_ext(struct db_import *im, enum import_kind k)
{
	int64_t any = 1;

	if (im->has_ext[k] < 0) {
		char *sql =
			xasprintf("SELECT EXISTS (SELECT 1 FROM %s WHERE external_ref IS NOT NULL)",
				  table_of(k));
		if (db_int(im->db, sql, DB_NOARGS, &any) != STATUS_OK)
			any = 1;
		free(sql);
		im->has_ext[k] = any != 0;
	}
	return im->has_ext[k] != 0;
}

/* Whether a row of kind k with this id may be in its table: false when
 * the table was empty as the session began and this session did not make
 * it, which spares a million-row import into a new book a lookup a row. */
static bool may_exist(struct db_import *im, enum import_kind k, int64_t id)
{
	int64_t any = 1;

	if (im->was_empty[k] < 0) {
		char *sql = xasprintf("SELECT EXISTS (SELECT 1 FROM %s)", table_of(k));
		if (db_int(im->db, sql, DB_NOARGS, &any) != STATUS_OK)
			any = 1; /* then look every row up */
		free(sql);
		im->was_empty[k] = any == 0;
	}
	return !im->was_empty[k] || idset_has(&im->made, id);
}

struct dropping {
	struct db_import *im;
	struct strbuf drop; /* DROP INDEX statements */
};

static int keep_index(sqlite3_stmt *st, void *ctx)
{
	struct dropping *d = ctx;
	struct db_import *im = d->im;

	im->recreate = xgrow(im->recreate, &im->recreate_cap, im->nrecreate + 1, sizeof(char *));
	im->recreate[im->nrecreate++] = xstrdup(db_col_text(st, 1));
	strbuf_adds(&d->drop, "DROP INDEX \"");
	strbuf_adds(&d->drop, db_col_text(st, 0));
	strbuf_adds(&d->drop, "\";");
	return 0;
}

/* The trigger that marks a response's account dirty, as schema step 1
 * wrote it, and the one that records a new response for the next sync, as
 * step 7 did, white space aside. */
static const char feedback_ins_sql[] =
	"CREATE TRIGGER feedback_ins AFTER INSERT ON feedback BEGIN"
	" INSERT INTO cache_dirty VALUES (NEW.account_id) ON CONFLICT DO NOTHING; END";
static const char feedback_sync_ins_sql[] =
	"CREATE TRIGGER feedback_sync_ins AFTER INSERT ON feedback BEGIN"
	" INSERT INTO sync_old_feedback(id, sync_ins, sync_pre) VALUES (NEW.id, 1, 0)"
	" ON CONFLICT DO NOTHING; END";

/* Whether a and b are the same SQL but for runs of white space. */
static bool same_sql(const char *a, const char *b)
{
	for (;;) {
		bool sa = false, sb = false;

		while (*a == ' ' || *a == '\n' || *a == '\t' || *a == '\r')
			a++, sa = true;
		while (*b == ' ' || *b == '\n' || *b == '\t' || *b == '\r')
			b++, sb = true;
		if (!*a || !*b)
			return !*a && !*b;
		if (sa != sb || *a != *b)
			return false;
		a++, b++;
	}
}

/* A million rows each firing feedback_ins and feedback_sync_ins spend more
 * in the triggers than in the insert: when a trigger is the one the schema
 * made (own_sql, white space aside), it is dropped for the session (inside
 * the transaction, so no other program ever sees the book without it),
 * what it would have written is written in one pass before the commit
 * (mark_dirty(), mark_synced()), and it is made again. Any other trigger on
 * feedback (another feature's, or one changed by hand) stays and fires.
 * *own: whether it was dropped. */
static enum status own_trigger(struct db_import *im, struct strbuf *drop, const char *name,
			       const char *own_sql, bool *own)
{
	char *sql = NULL;
	enum status st = db_text(im->db,
				 "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND"
				 " name = ?1 AND tbl_name = 'feedback'",
				 DB_ARGS(DB_TEXT(name)), &sql);

	if (st == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (st == STATUS_OK && sql && same_sql(sql, own_sql)) {
		strbuf_adds(drop, "DROP TRIGGER ");
		strbuf_adds(drop, name);
		strbuf_adds(drop, ";");
		im->recreate =
			xgrow(im->recreate, &im->recreate_cap, im->nrecreate + 1, sizeof(char *));
		im->recreate[im->nrecreate++] = sql;
		*own = true;
		return STATUS_OK;
	}
	free(sql);
	return st;
}

static int id_order(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Records a new response for the next sync as the dropped
 * feedback_sync_ins would have. */
static enum status record_sync(struct db_import *im, int64_t id)
{
	sqlite3_stmt *st = stmt(im, Q_SYNC_INS);

	if (!st)
		return STATUS_DB;
	sqlite3_bind_int64(st, 1, id);
	return run(im, st);
}

/* Records the session's new responses for the next sync (record_sync()),
 * in id order: the table's pages are then written one after another
 * instead of at random. One this session updated was recorded before its
 * update, as the trigger's order has it (response_write()); doing it again
 * changes nothing. */
static enum status mark_synced(struct db_import *im)
{
	enum status s = STATUS_OK;
	size_t i;

	if (!im->nsynced)
		return STATUS_OK;
	qsort(im->synced, im->nsynced, sizeof(*im->synced), id_order);
	for (i = 0; s == STATUS_OK && i < im->nsynced; i++)
		s = record_sync(im, im->synced[i]);
	return s;
}

/* Marks dirty the accounts the dropped trigger would have. */
static enum status mark_dirty(struct db_import *im)
{
	sqlite3_stmt *st;
	enum status s;
	size_t i;

	if (!im->dirty.n)
		return STATUS_OK;
	if ((s = db_prepare(im->db, "INSERT INTO cache_dirty VALUES (?1) ON CONFLICT DO NOTHING",
			    &st)) != STATUS_OK)
		return s;
	for (i = 0; s == STATUS_OK && i < im->dirty.cap; i++) {
		if (!im->dirty.slots[i])
			continue;
		sqlite3_bind_int64(st, 1, im->dirty.slots[i]);
		s = run(im, st);
	}
	sqlite3_finalize(st);
	return s;
}

enum status db_import_bulk(struct db_import *im, enum import_kind k)
{
	/* what matching reads stays: the external_ref, email and name lookups */
	static const char keep[] = "('accounts_name', 'accounts_external_ref',"
				   " 'contacts_external_ref', 'contacts_email', 'contacts_account',"
				   " 'feedback_external_ref')";
	struct dropping d = {.im = im};
	enum status st;
	char *sql;

	if (k != IMPORT_ACCOUNTS && k != IMPORT_RESPONSES)
		return STATUS_OK;
	/* rows without an id or a ref are found by account, day and score
	 * (fb_same()): among the rows already there only, so only then */
	sql = xasprintf("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND"
			" tbl_name = '%s' AND sql IS NOT NULL AND name NOT IN %s%s ORDER BY name",
			table_of(k), keep,
			k == IMPORT_RESPONSES && may_exist(im, k, 0)
				? " AND name <> 'feedback_account'"
				: "");
	strbuf_init(&d.drop);
	st = db_rows(im->db, sql, DB_NOARGS, keep_index, &d);
	free(sql);
	if (st == STATUS_OK && k == IMPORT_RESPONSES)
		st = own_trigger(im, &d.drop, "feedback_ins", feedback_ins_sql, &im->own_dirty);
	if (st == STATUS_OK && k == IMPORT_RESPONSES)
		st = own_trigger(im, &d.drop, "feedback_sync_ins", feedback_sync_ins_sql,
				 &im->own_sync);
	if (st == STATUS_OK && d.drop.len)
		st = db_exec(im->db, d.drop.buf);
	strbuf_done(&d.drop);
	/* the sorts that make them again, and the pages written, in memory */
	if (st == STATUS_OK && !im->bulk_cache) {
		st = db_exec(im->db, "PRAGMA cache_size = -262144");
		im->bulk_cache = st == STATUS_OK;
	}
	return st;
}

enum status db_import_end(struct db_import *im, bool commit)
{
	enum status st = STATUS_OK;
	size_t i;
	int q;

	if (!im)
		return STATUS_OK;
	if (commit)
		st = mark_dirty(im);
	if (commit && st == STATUS_OK)
		st = mark_synced(im);
	for (q = 0; q < Q_COUNT; q++)
		sqlite3_finalize(im->q[q]);
	for (i = 0; i < im->nrecreate; i++) {
		if (commit && st == STATUS_OK)
			st = db_exec(im->db, im->recreate[i]);
		free(im->recreate[i]);
	}
	if (commit && st == STATUS_OK)
		st = db_commit(im->db);
	if (!commit || st != STATUS_OK)
		db_rollback(im->db);
	if (im->bulk_cache)
		db_exec(im->db, "PRAGMA cache_size = -16384");
	db_exec(im->db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = DEFAULT");
	free(im->recreate);
	strmap_done(&im->accounts);
	strmap_done(&im->contacts);
	strmap_done(&im->defects);
	pairmap_done(&im->account_nums);
	pairmap_done(&im->contact_nums);
	idset_done(&im->made);
	idset_done(&im->dirty);
	free(im->synced);
	idset_done(&im->seen);
	strbuf_done(&im->key);
	free(im->stamp);
	free(im);
	return st;
}

/* ---- reading candidates ------------------------------------------------- */

/* An account as matching reads it. */
struct acc {
	int64_t id;
	char *external_ref, *name, *owner, *segment, *fit, *status;
	int64_t revenue;
	bool has_wallet;
	int64_t wallet;
};

static char *dup_col(sqlite3_stmt *st, int i)
{
	const char *s = db_col_opt(st, i);
	return s ? xstrdup(s) : NULL;
}

static void acc_done(struct acc *a)
{
	free(a->external_ref);
	free(a->name);
	free(a->owner);
	free(a->segment);
	free(a->fit);
	free(a->status);
	memset(a, 0, sizeof(*a));
}

static void acc_read(sqlite3_stmt *st, struct acc *a, bool ids)
{
	a->id = sqlite3_column_int64(st, 0);
	if (ids)
		return;
	a->external_ref = dup_col(st, 1);
	a->name = dup_col(st, 2);
	a->owner = dup_col(st, 3);
	a->segment = dup_col(st, 4);
	a->fit = dup_col(st, 5);
	a->status = dup_col(st, 6);
	a->revenue = sqlite3_column_int64(st, 7);
	a->has_wallet = sqlite3_column_type(st, 8) != SQLITE_NULL;
	a->wallet = sqlite3_column_int64(st, 8);
}

/* Which candidates a lookup may pick. */
struct pick {
	bool ids;          /* read only the ids of the one picked (a reference) */
	bool skip_seen;    /* not a response this session made or matched already */
	int64_t skip_made; /* nonzero: not a row this session made */
	const char *ext;   /* non-NULL: not a row with another external_ref */
	int64_t prefer;    /* of several, the one whose account this is */
};

/* Whether p passes over the candidate id, whose external_ref is ext. */
static bool passed_over(struct db_import *im, const struct pick *p, int64_t id, const char *ext)
{
	if (!p)
		return false;
	if (p->skip_made && idset_has(&im->made, id))
		return true;
	if (p->skip_seen && idset_has(&im->seen, id))
		return true;
	return p->ext && ext && *ext && strcmp(ext, p->ext) != 0;
}

/* Steps st (bound) over candidate accounts: *a the one picked. Returns 0
 * for none, 1 for one, 2 for several. */
static int acc_pick(struct db_import *im, sqlite3_stmt *st, const struct pick *p, struct acc *a)
{
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (passed_over(im, p, sqlite3_column_int64(st, 0), db_col_opt(st, 1)))
			continue;
		if (n++ == 0)
			acc_read(st, a, p && p->ids);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		acc_done(a);
		return -db_error(im->db, rc);
	}
	return n > 1 ? 2 : n;
}

/* An account by one query: 0 none, 1 found, 2 several, <0 -status. */
static int acc_by(struct db_import *im, enum query q, const char *text, int64_t id,
		  const struct pick *p, struct acc *a)
{
	sqlite3_stmt *st = stmt_key(im, q, text, id);

	return st ? acc_pick(im, st, p, a) : -(int)STATUS_DB;
}

/* The account a row names: external_ref, then id, then name in any case.
 * *id is 0 when none matches; STATUS_BAD_INPUT when several do. */
static enum status resolve_account(struct db_import *im, const char *ref, int64_t *id)
{
	struct pick p = {.ids = true};
	struct acc a = {0};
	int64_t cached, rid, num;
	int n = 0;

	*id = 0;
	num = number_ref(ref);
	if (num ? pairmap_get(&im->account_nums, 0, num, &cached, NULL)
		: strmap_get(&im->accounts, ref, &cached, NULL)) {
		if (cached < 0)
			return bad("several accounts are named \"%.60s\"", ref);
		*id = cached;
		return STATUS_OK;
	}
	if (may_have_ext(im, IMPORT_ACCOUNTS))
		n = acc_by(im, Q_ACC_BY_REF, ref, 0, &p, &a);
	if (n == 0 && (rid = parse_id(ref)))
		n = acc_by(im, Q_ACC_BY_ID, NULL, rid, &p, &a);
	if (n == 0)
		n = acc_by(im, Q_ACC_BY_NAME, ref, 0, &p, &a);
	if (n < 0)
		return (enum status) - n;
	*id = n == 1 ? a.id : n ? -1 : 0;
	acc_done(&a);
	if (num)
		pairmap_put(&im->account_nums, 0, num, *id, 0);
	else
		strmap_put(&im->accounts, ref, *id, 0);
	if (*id < 0) {
		*id = 0;
		return bad("several accounts are named \"%.60s\"", ref);
	}
	return STATUS_OK;
}

/* A buyer as matching reads it. */
struct con {
	int64_t id, account_id;
	char *external_ref, *name, *title, *role, *email, *phone;
};

static void con_done(struct con *c)
{
	free(c->external_ref);
	free(c->name);
	free(c->title);
	free(c->role);
	free(c->email);
	free(c->phone);
	memset(c, 0, sizeof(*c));
}

static void con_read(sqlite3_stmt *st, struct con *c, bool ids)
{
	c->id = sqlite3_column_int64(st, 0);
	c->account_id = sqlite3_column_int64(st, 1);
	if (ids)
		return;
	c->external_ref = dup_col(st, 2);
	c->name = dup_col(st, 3);
	c->title = dup_col(st, 4);
	c->role = dup_col(st, 5);
	c->email = dup_col(st, 6);
	c->phone = dup_col(st, 7);
}

/* Candidate buyers of query q: 0 none, 1 one (or the one of p->prefer's
 * account among several), 2 several, <0 -status. */
static int con_by(struct db_import *im, enum query q, const char *text, int64_t id, int64_t account,
		  const struct pick *p, struct con *c)
{
	sqlite3_stmt *st = stmt_key(im, q, text, id);
	struct con first = {0};
	int rc, n = 0, preferred = 0;

	if (!st)
		return -(int)STATUS_DB;
	if (account)
		sqlite3_bind_int64(st, 2, account);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t aid = sqlite3_column_int64(st, 1);

		if (passed_over(im, p, sqlite3_column_int64(st, 0), db_col_opt(st, 2)))
			continue;
		if (n++ == 0)
			con_read(st, &first, p && p->ids);
		if (p && p->prefer && aid == p->prefer && !preferred++)
			con_read(st, c, p->ids);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		con_done(&first);
		con_done(c);
		return -db_error(im->db, rc);
	}
	if (preferred == 1 && n > 1) {
		con_done(&first);
		return 1;
	}
	con_done(c);
	*c = first;
	return n > 1 ? 2 : n;
}

/* The buyer a row names: external_ref, then id, then email (any case); of
 * several, the one of account (when nonzero). *id is 0 when none matches. */
static enum status resolve_contact(struct db_import *im, const char *ref, int64_t account,
				   int64_t *id, int64_t *account_id)
{
	struct pick p = {.ids = true, .prefer = account};
	struct con c = {0};
	int64_t rid, num = number_ref(ref);
	const char *k = NULL;
	int n = 0;

	*id = *account_id = 0;
	if (!num) {
		strbuf_reset(&im->key);
		strbuf_addf(&im->key, "%lld\x1f", (long long)account);
		strbuf_adds(&im->key, ref);
		k = im->key.buf;
	}
	if (num ? pairmap_get(&im->contact_nums, account, num, id, account_id)
		: strmap_get(&im->contacts, k, id, account_id)) {
		if (*id < 0) {
			*id = *account_id = 0;
			return bad("several buyers match \"%.60s\"", ref);
		}
		return STATUS_OK;
	}
	if (may_have_ext(im, IMPORT_CONTACTS))
		n = con_by(im, Q_CON_BY_REF, ref, 0, 0, &p, &c);
	if (n == 0 && (rid = parse_id(ref)))
		n = con_by(im, Q_CON_BY_ID, NULL, rid, 0, &p, &c);
	if (n == 0)
		n = con_by(im, Q_CON_BY_EMAIL, ref, 0, 0, &p, &c);
	if (n < 0)
		return (enum status) - n;
	*id = n == 1 ? c.id : n ? -1 : 0;
	*account_id = n == 1 ? c.account_id : 0;
	con_done(&c);
	if (num)
		pairmap_put(&im->contact_nums, account, num, *id, *account_id);
	else
		strmap_put(&im->contacts, k, *id, *account_id);
	if (*id < 0) {
		*id = 0;
		return bad("several buyers match \"%.60s\"", ref);
	}
	return STATUS_OK;
}

/* A defect by code, then id; 0 when none. */
static enum status resolve_defect(struct db_import *im, const char *ref, int64_t *id)
{
	sqlite3_stmt *st;
	enum status s;
	int64_t rid;
	bool found;

	if (strmap_get(&im->defects, ref, id, NULL))
		return STATUS_OK;
	*id = 0;
	if (!(st = stmt_key(im, Q_DEF_BY_CODE, ref, 0)))
		return STATUS_DB;
	if ((s = step_one(im, st, &found, id)) != STATUS_OK)
		return s;
	if (!found && (rid = parse_id(ref))) {
		if (!(st = stmt_key(im, Q_DEF_BY_ID, NULL, rid)))
			return STATUS_DB;
		if ((s = step_one(im, st, &found, id)) != STATUS_OK)
			return s;
	}
	strmap_put(&im->defects, ref, *id, 0);
	return STATUS_OK;
}

/* Whether a row with this id exists (q: a "SELECT id ... WHERE id = ?1"). */
static enum status exists(struct db_import *im, enum query q, int64_t id, bool *yes)
{
	sqlite3_stmt *st = stmt_key(im, q, NULL, id);

	*yes = false;
	return st ? step_one(im, st, yes, NULL) : STATUS_DB;
}

/* A new row's id: the file's, else a new random one. */
static int64_t new_id(struct db_import *im, const struct import_rec *r)
{
	int64_t id = import_value(r, IF_ID) ? r->num[IF_ID] : db_new_id(im->db);

	idset_add(&im->made, id);
	return id;
}

/* The field's text when the row gives it a value; NULL otherwise. */
static const char *value_text(const struct import_rec *r, enum import_field f)
{
	return import_value(r, f) ? r->text[f] : NULL;
}

static const char *text_or(const struct import_rec *r, enum import_field f, const char *dflt)
{
	return import_has(r, f) ? r->text[f] : dflt;
}

/* ---- accounts ----------------------------------------------------------- */

static enum status account_write(struct db_import *im, const struct import_rec *r,
				 enum db_import_outcome *out)
{
	const char *ext = value_text(r, IF_EXTERNAL_REF);
	struct pick p = {.skip_made = import_value(r, IF_ID), .ext = ext};
	struct acc a = {0};
	sqlite3_stmt *st;
	enum status s = STATUS_OK;
	int n = 0;

	if (import_value(r, IF_ID) && may_exist(im, IMPORT_ACCOUNTS, r->num[IF_ID]))
		n = acc_by(im, Q_ACC_BY_ID, NULL, r->num[IF_ID], NULL, &a);
	if (n == 0 && ext && may_have_ext(im, IMPORT_ACCOUNTS)) {
		n = acc_by(im, Q_ACC_BY_REF, ext, 0, &p, &a);
		if (n == 2) {
			acc_done(&a);
			return bad("several accounts have external_ref \"%.60s\"", ext);
		}
	}
	if (n == 0 && import_has(r, IF_NAME)) {
		n = acc_by(im, Q_ACC_BY_NAME, r->text[IF_NAME], 0, &p, &a);
		if (n == 2) {
			acc_done(&a);
			return bad("several accounts are named \"%.60s\"", r->text[IF_NAME]);
		}
	}
	if (n < 0)
		return (enum status) - n;
	strmap_clear(&im->accounts);
	pairmap_clear(&im->account_nums);
	if (ext)
		im->has_ext[IMPORT_ACCOUNTS] = 1;
	if (n == 0) {
		int64_t id;

		if (!import_has(r, IF_NAME) || !*r->text[IF_NAME])
			return bad("a new account needs a name");
		if (!(st = stmt(im, Q_ACC_INSERT)))
			return STATUS_DB;
		id = new_id(im, r);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, r->text[IF_NAME]);
		db_bind_text(st, 3, text_or(r, IF_OWNER, ""));
		db_bind_text(st, 4, text_or(r, IF_SEGMENT, ""));
		db_bind_text(
			st, 5,
			fit_name(import_has(r, IF_FIT) ? (enum fit)r->num[IF_FIT] : FIT_UNKNOWN));
		db_bind_text(st, 6,
			     acct_status_name(import_has(r, IF_STATUS)
						      ? (enum acct_status)r->num[IF_STATUS]
						      : ACCT_ACTIVE));
		sqlite3_bind_int64(st, 7, import_has(r, IF_REVENUE) ? r->num[IF_REVENUE] : 0);
		if (import_value(r, IF_WALLET))
			sqlite3_bind_int64(st, 8, r->num[IF_WALLET]);
		db_bind_text(st, 9, ext);
		db_bind_text(st, 10, text_or(r, IF_CREATED_AT, im->stamp));
		db_bind_text(st, 11,
			     text_or(r, IF_UPDATED_AT, text_or(r, IF_CREATED_AT, im->stamp)));
		if (import_value(r, IF_HOLD_MANUAL))
			db_bind_text(st, 12, r->num[IF_HOLD_MANUAL] ? "lifted" : "set");
		db_bind_text(st, 13, text_or(r, IF_HOLD_REASON, NULL));
		db_bind_text(st, 14, text_or(r, IF_HOLD_ON, NULL));
		db_bind_text(st, 15, text_or(r, IF_HOLD_QUADRANT, NULL));
		db_bind_text(st, 16, text_or(r, IF_WON_ON, NULL));
		db_bind_text(st, 17, text_or(r, IF_LOST_REASON, NULL));
		db_bind_text(st, 18, text_or(r, IF_LOST_TO, NULL));
		db_bind_text(st, 19, text_or(r, IF_WINBACK_PLAN, NULL));
		db_bind_text(st, 20, text_or(r, IF_LOST_ON, NULL));
		db_bind_text(st, 21, text_or(r, IF_WINBACK_DROPPED_ON, NULL));
		if ((s = run(im, st)) == STATUS_OK)
			*out = DBI_NEW;
		return s;
	}
	/* matched: the fields the file gives, where they differ */
	{
		const char *name = text_or(r, IF_NAME, a.name),
			   *owner = text_or(r, IF_OWNER, a.owner);
		const char *segment = text_or(r, IF_SEGMENT, a.segment);
		const char *fit =
			import_has(r, IF_FIT) ? fit_name((enum fit)r->num[IF_FIT]) : a.fit;
		const char *status = import_has(r, IF_STATUS)
					     ? acct_status_name((enum acct_status)r->num[IF_STATUS])
					     : a.status;
		const char *new_ext = ext ? ext : a.external_ref;
		int64_t revenue = import_has(r, IF_REVENUE) ? r->num[IF_REVENUE] : a.revenue;
		bool has_wallet =
			import_has(r, IF_WALLET) ? import_value(r, IF_WALLET) : a.has_wallet;
		int64_t wallet = import_has(r, IF_WALLET) ? r->num[IF_WALLET] : a.wallet;

		if (same_text(name, a.name) && same_text(owner, a.owner) &&
		    same_text(segment, a.segment) && same_text(fit, a.fit) &&
		    same_text(status, a.status) && same_text(new_ext, a.external_ref) &&
		    revenue == a.revenue && has_wallet == a.has_wallet &&
		    (!has_wallet || wallet == a.wallet)) {
			*out = DBI_UNCHANGED;
			acc_done(&a);
			return STATUS_OK;
		}
		if (!(st = stmt(im, Q_ACC_UPDATE))) {
			acc_done(&a);
			return STATUS_DB;
		}
		sqlite3_bind_int64(st, 1, a.id);
		db_bind_text(st, 2, new_ext);
		db_bind_text(st, 3, name);
		db_bind_text(st, 4, owner);
		db_bind_text(st, 5, segment);
		db_bind_text(st, 6, fit);
		db_bind_text(st, 7, status);
		sqlite3_bind_int64(st, 8, revenue);
		if (has_wallet)
			sqlite3_bind_int64(st, 9, wallet);
		db_bind_text(st, 10, im->stamp);
		s = run(im, st);
		if (s == STATUS_OK)
			*out = DBI_UPDATED;
	}
	acc_done(&a);
	return s;
}

/* ---- buyers ------------------------------------------------------------- */

static enum status contact_write(struct db_import *im, const struct import_rec *r,
				 enum db_import_outcome *out)
{
	const char *ext = value_text(r, IF_EXTERNAL_REF);
	const char *email = value_text(r, IF_EMAIL);
	int64_t account = 0;
	struct pick p = {.skip_made = import_value(r, IF_ID), .ext = ext};
	struct con c = {0};
	sqlite3_stmt *st;
	enum status s;
	int n = 0;

	if (import_value(r, IF_ACCOUNT) && *r->text[IF_ACCOUNT]) {
		if ((s = resolve_account(im, r->text[IF_ACCOUNT], &account)) != STATUS_OK)
			return s;
		if (!account)
			return bad("no account matches \"%.60s\"", r->text[IF_ACCOUNT]);
	}
	p.prefer = account;
	if (import_value(r, IF_ID) && may_exist(im, IMPORT_CONTACTS, r->num[IF_ID]))
		n = con_by(im, Q_CON_BY_ID, NULL, r->num[IF_ID], 0, NULL, &c);
	if (n == 0 && ext && may_have_ext(im, IMPORT_CONTACTS) &&
	    (n = con_by(im, Q_CON_BY_REF, ext, 0, 0, &p, &c)) == 2) {
		con_done(&c);
		return bad("several buyers have external_ref \"%.60s\"", ext);
	}
	if (n == 0 && email && (n = con_by(im, Q_CON_BY_EMAIL, email, 0, 0, &p, &c)) == 2) {
		con_done(&c);
		return bad("several buyers have the email \"%.60s\"", email);
	}
	if (n == 0 && account && import_has(r, IF_NAME) &&
	    (n = con_by(im, Q_CON_BY_NAME, r->text[IF_NAME], 0, account, &p, &c)) == 2) {
		con_done(&c);
		return bad("several buyers of the account are named \"%.60s\"", r->text[IF_NAME]);
	}
	if (n < 0)
		return (enum status) - n;
	strmap_clear(&im->contacts);
	pairmap_clear(&im->contact_nums);
	if (ext)
		im->has_ext[IMPORT_CONTACTS] = 1;
	if (n == 0) {
		int64_t id;

		if (!account)
			return bad("no account for this buyer");
		if (!import_has(r, IF_NAME) || !*r->text[IF_NAME])
			return bad("a new buyer needs a name");
		if (!(st = stmt(im, Q_CON_INSERT)))
			return STATUS_DB;
		id = new_id(im, r);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, account);
		db_bind_text(st, 3, ext);
		db_bind_text(st, 4, r->text[IF_NAME]);
		db_bind_text(st, 5, text_or(r, IF_TITLE, ""));
		db_bind_text(st, 6,
			     role_name(import_has(r, IF_ROLE) ? (enum role)r->num[IF_ROLE]
							      : ROLE_OTHER));
		db_bind_text(st, 7, email);
		db_bind_text(st, 8, value_text(r, IF_PHONE));
		db_bind_text(st, 9, text_or(r, IF_UPDATED_AT, im->stamp));
		if ((s = run(im, st)) == STATUS_OK)
			*out = DBI_NEW;
		return s;
	}
	{
		int64_t aid = account ? account : c.account_id;
		const char *new_ext = ext ? ext : c.external_ref,
			   *name = text_or(r, IF_NAME, c.name);
		const char *title = text_or(r, IF_TITLE, c.title);
		const char *role =
			import_has(r, IF_ROLE) ? role_name((enum role)r->num[IF_ROLE]) : c.role;
		const char *new_email = import_has(r, IF_EMAIL) ? email : c.email;
		const char *phone = text_or(r, IF_PHONE, c.phone);

		if (aid == c.account_id && same_text(new_ext, c.external_ref) &&
		    same_text(name, c.name) && same_text(title, c.title) &&
		    same_text(role, c.role) && same_text(new_email, c.email) &&
		    same_text(phone, c.phone)) {
			*out = DBI_UNCHANGED;
			con_done(&c);
			return STATUS_OK;
		}
		if (!(st = stmt(im, Q_CON_UPDATE))) {
			con_done(&c);
			return STATUS_DB;
		}
		sqlite3_bind_int64(st, 1, c.id);
		sqlite3_bind_int64(st, 2, aid);
		db_bind_text(st, 3, new_ext);
		db_bind_text(st, 4, name);
		db_bind_text(st, 5, title);
		db_bind_text(st, 6, role);
		db_bind_text(st, 7, new_email);
		db_bind_text(st, 8, phone);
		db_bind_text(st, 9, im->stamp);
		if ((s = run(im, st)) == STATUS_OK)
			*out = DBI_UPDATED;
	}
	con_done(&c);
	return s;
}

/* ---- responses ---------------------------------------------------------- */

struct fb {
	int64_t id, account_id, contact_id;
	char *external_ref, *responded_on, *comment, *source;
	int score;
};

static void fb_done(struct fb *f)
{
	free(f->external_ref);
	free(f->responded_on);
	free(f->comment);
	free(f->source);
	memset(f, 0, sizeof(*f));
}

/* Steps st (bound) over candidate responses: 0 none, 1 one (in *f), 2
 * several, <0 -status. */
static int fb_pick(struct db_import *im, sqlite3_stmt *st, const struct pick *p, struct fb *f)
{
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (passed_over(im, p, sqlite3_column_int64(st, 0), db_col_opt(st, 3)) || n++)
			continue;
		f->id = sqlite3_column_int64(st, 0);
		f->account_id = sqlite3_column_int64(st, 1);
		f->contact_id = sqlite3_column_int64(st, 2);
		f->external_ref = dup_col(st, 3);
		f->responded_on = dup_col(st, 4);
		f->score = sqlite3_column_int(st, 5);
		f->comment = dup_col(st, 6);
		f->source = dup_col(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		fb_done(f);
		return -db_error(im->db, rc);
	}
	return n > 1 ? 2 : n;
}

/* A response by id (text NULL) or external_ref: 0 none, 1 one, 2 several. */
static int fb_by(struct db_import *im, enum query q, const char *text, int64_t id,
		 const struct pick *p, struct fb *f)
{
	sqlite3_stmt *st = stmt_key(im, q, text, id);

	return st ? fb_pick(im, st, p, f) : -(int)STATUS_DB;
}

/* A response the row names neither by id nor by ref: one of the same
 * account, buyer, day, score and comment that this session has not made
 * or matched yet, so a file read twice finds each of its rows again, twin
 * rows included. None can be there when the table began empty. */
static int fb_same(struct db_import *im, const struct import_rec *r, int64_t account,
		   int64_t contact, struct fb *f)
{
	struct pick p = {.skip_seen = true};
	sqlite3_stmt *st;

	if (!may_exist(im, IMPORT_RESPONSES, 0))
		return 0;
	if (!(st = stmt(im, Q_FB_BY_SAME)))
		return -(int)STATUS_DB;
	sqlite3_bind_int64(st, 1, account);
	db_bind_text(st, 2, r->text[IF_RESPONDED_ON]);
	db_bind_id(st, 3, contact);
	sqlite3_bind_int64(st, 4, r->num[IF_SCORE]);
	db_bind_text(st, 5, text_or(r, IF_COMMENT, ""));
	return fb_pick(im, st, &p, f);
}

/* The defect ids of a list of codes; STATUS_BAD_INPUT naming a code the
 * catalogue does not have. *ids is the caller's to free. */
static enum status defect_ids(struct db_import *im, const char *codes, int64_t **ids, size_t *n)
{
	const char *p = codes;
	size_t cap = 0;
	enum status s;
	char code[64];

	*ids = NULL;
	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		int64_t id;

		if (len && len < sizeof(code)) {
			memcpy(code, p, len);
			code[len] = '\0';
			if ((s = resolve_defect(im, code, &id)) != STATUS_OK)
				return s;
			if (!id) {
				free(*ids);
				*ids = NULL;
				return bad("no defect %s in the catalogue", code);
			}
			*ids = xgrow(*ids, &cap, *n + 1, sizeof(**ids));
			(*ids)[(*n)++] = id;
		}
		p += len;
		if (*p)
			p++;
	}
	return STATUS_OK;
}

/* Whether a response's tags are exactly codes ("A,B", any order). */
static enum status tags_same(struct db_import *im, int64_t fid, const char *codes, bool *same)
{
	sqlite3_stmt *st = stmt(im, Q_FB_TAGS);
	size_t have = 0, want = 0;
	const char *p;
	int rc;

	*same = true;
	if (!st)
		return STATUS_DB;
	for (p = codes; *p; p++)
		want += *p == ',';
	want += *codes ? 1 : 0;
	sqlite3_bind_int64(st, 1, fid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = db_col_text(st, 0);
		size_t len = strlen(code);
		const char *q = codes;
		bool found = false;

		have++;
		while (*q && !found) {
			size_t l = strcspn(q, ",");
			found = l == len && !strncmp(q, code, len);
			q += l;
			if (*q)
				q++;
		}
		if (!found)
			*same = false;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(im->db, rc);
	if (have != want)
		*same = false;
	return STATUS_OK;
}

static enum status tag(struct db_import *im, int64_t fid, const int64_t *ids, size_t n, bool clear)
{
	sqlite3_stmt *st;
	enum status s;
	size_t i;

	if (clear) {
		if (!(st = stmt(im, Q_TAG_CLEAR)))
			return STATUS_DB;
		sqlite3_bind_int64(st, 1, fid);
		if ((s = run(im, st)) != STATUS_OK)
			return s;
	}
	for (i = 0; i < n; i++) {
		if (!(st = stmt(im, Q_TAG_ADD)))
			return STATUS_DB;
		sqlite3_bind_int64(st, 1, fid);
		sqlite3_bind_int64(st, 2, ids[i]);
		if ((s = run(im, st)) != STATUS_OK)
			return s;
	}
	return STATUS_OK;
}

/* The account and buyer a response names. */
static enum status response_who(struct db_import *im, const struct import_rec *r, int64_t *account,
				int64_t *contact)
{
	const char *aref = value_text(r, IF_ACCOUNT);
	const char *cref = value_text(r, IF_CONTACT);
	int64_t caccount = 0;
	enum status s;

	*account = *contact = 0;
	if (aref && *aref) {
		if ((s = resolve_account(im, aref, account)) != STATUS_OK)
			return s;
		if (!*account)
			return bad("no account matches \"%.60s\"", aref);
	}
	if (cref && *cref) {
		if ((s = resolve_contact(im, cref, *account, contact, &caccount)) != STATUS_OK)
			return s;
		if (*contact && *account && caccount != *account)
			return bad("the buyer \"%.60s\" belongs to another account", cref);
		if (*contact)
			*account = caccount;
		else if (!*account)
			return bad("no buyer matches \"%.60s\", and the row names no account",
				   cref);
	}
	if (!*account)
		return bad(
			"no account for this response: it names neither its buyer nor its account");
	return STATUS_OK;
}

static enum status response_write(struct db_import *im, const struct import_rec *r,
				  enum db_import_outcome *out)
{
	const char *ext = value_text(r, IF_EXTERNAL_REF);
	struct pick p = {.skip_made = import_value(r, IF_ID)};
	int64_t account, contact, *tags = NULL;
	size_t ntags = 0;
	struct fb f = {0};
	sqlite3_stmt *st;
	enum status s;
	int n = 0;

	if ((s = response_who(im, r, &account, &contact)) != STATUS_OK)
		return s;
	if (import_has(r, IF_DEFECTS) &&
	    (s = defect_ids(im, r->text[IF_DEFECTS], &tags, &ntags)) != STATUS_OK)
		return s;
	if (import_value(r, IF_ID) && may_exist(im, IMPORT_RESPONSES, r->num[IF_ID]))
		n = fb_by(im, Q_FB_BY_ID, NULL, r->num[IF_ID], NULL, &f);
	if (n == 0 && ext && may_have_ext(im, IMPORT_RESPONSES) &&
	    (n = fb_by(im, Q_FB_BY_REF, ext, 0, &p, &f)) == 2) {
		fb_done(&f);
		free(tags);
		return bad("several responses have external_ref \"%.60s\"", ext);
	}
	if (n == 0 && !ext && !import_value(r, IF_ID))
		n = fb_same(im, r, account, contact, &f);
	if (n < 0) {
		free(tags);
		return (enum status) - n;
	}
	if (ext)
		im->has_ext[IMPORT_RESPONSES] = 1;
	if (n == 0) {
		int64_t id;

		if (!(st = stmt(im, Q_FB_INSERT))) {
			free(tags);
			return STATUS_DB;
		}
		id = new_id(im, r);
		if (may_exist(im, IMPORT_RESPONSES, 0))
			idset_add(&im->seen, id); /* fb_same() looks only then */
		if (im->own_dirty)
			idset_add(&im->dirty, account);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, account);
		db_bind_id(st, 3, contact);
		db_bind_text(st, 4, ext);
		db_bind_text(st, 5, r->text[IF_RESPONDED_ON]);
		sqlite3_bind_int64(st, 6, r->num[IF_SCORE]);
		db_bind_text(st, 7, text_or(r, IF_COMMENT, ""));
		db_bind_text(st, 8, text_or(r, IF_SOURCE, ""));
		db_bind_text(st, 9, text_or(r, IF_UPDATED_AT, im->stamp));
		if ((s = run(im, st)) == STATUS_OK && im->own_sync) {
			im->synced = xgrow(im->synced, &im->synced_cap, im->nsynced + 1,
					   sizeof(*im->synced));
			im->synced[im->nsynced++] = id;
		}
		if (s == STATUS_OK && ntags)
			s = tag(im, id, tags, ntags, false);
		if (s == STATUS_OK)
			*out = DBI_NEW;
		free(tags);
		return s;
	}
	{
		/* a buyer the file names; else (an anonymous row, or no buyer
		 * column) the one the response has, while it stays in the account */
		int64_t cid = contact ? contact
			      : import_value(r, IF_CONTACT) || account != f.account_id
				      ? 0
				      : f.contact_id;
		const char *new_ext = ext ? ext : f.external_ref;
		const char *comment = text_or(r, IF_COMMENT, f.comment);
		const char *source = text_or(r, IF_SOURCE, f.source);
		bool same_tags = true;

		if (may_exist(im, IMPORT_RESPONSES, 0))
			idset_add(&im->seen, f.id);
		if (import_has(r, IF_DEFECTS) &&
		    (s = tags_same(im, f.id, r->text[IF_DEFECTS], &same_tags)) != STATUS_OK)
			goto done;
		if (account == f.account_id && cid == f.contact_id &&
		    same_text(new_ext, f.external_ref) &&
		    same_text(r->text[IF_RESPONDED_ON], f.responded_on) &&
		    r->num[IF_SCORE] == f.score && same_text(comment, f.comment) &&
		    same_text(source, f.source) && same_tags) {
			*out = DBI_UNCHANGED;
			goto done;
		}
		/* a response this session made: recorded for the sync before
		 * it is updated, as the dropped trigger would have */
		if (im->own_sync && idset_has(&im->made, f.id) &&
		    (s = record_sync(im, f.id)) != STATUS_OK)
			goto done;
		if (!(st = stmt(im, Q_FB_UPDATE))) {
			s = STATUS_DB;
			goto done;
		}
		sqlite3_bind_int64(st, 1, f.id);
		sqlite3_bind_int64(st, 2, account);
		db_bind_id(st, 3, cid);
		db_bind_text(st, 4, new_ext);
		db_bind_text(st, 5, r->text[IF_RESPONDED_ON]);
		sqlite3_bind_int64(st, 6, r->num[IF_SCORE]);
		db_bind_text(st, 7, comment);
		db_bind_text(st, 8, source);
		db_bind_text(st, 9, im->stamp);
		if ((s = run(im, st)) == STATUS_OK && !same_tags)
			s = tag(im, f.id, tags, ntags, true);
		if (s == STATUS_OK)
			*out = DBI_UPDATED;
	}
done:
	fb_done(&f);
	free(tags);
	return s;
}

/* ---- the book's own records --------------------------------------------- */

static enum status defect_write(struct db_import *im, const struct import_rec *r,
				enum db_import_outcome *out)
{
	int64_t id = 0;
	sqlite3_stmt *st;
	enum status s;
	bool there = false;

	if ((s = resolve_defect(im, r->text[IF_CODE], &id)) != STATUS_OK)
		return s;
	if (!id && import_value(r, IF_ID) &&
	    (s = exists(im, Q_DEF_BY_ID, r->num[IF_ID], &there)) != STATUS_OK)
		return s;
	if (id || there) {
		*out = DBI_UNCHANGED;
		return STATUS_OK;
	}
	if (!(st = stmt(im, Q_DEF_INSERT)))
		return STATUS_DB;
	id = new_id(im, r);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, r->text[IF_CODE]);
	db_bind_text(st, 3, r->text[IF_TITLE]);
	db_bind_text(st, 4,
		     problem_category_name(import_has(r, IF_CATEGORY)
						   ? (enum problem_category)r->num[IF_CATEGORY]
						   : PCAT_SERVICE));
	db_bind_text(st, 5, text_or(r, IF_UPDATED_AT, im->stamp));
	strmap_clear(&im->defects);
	if ((s = run(im, st)) == STATUS_OK)
		*out = DBI_NEW;
	return s;
}

/* The account a record of the book belongs to (it must name one). */
static enum status owner_account(struct db_import *im, const struct import_rec *r, int64_t *id)
{
	enum status s;

	*id = 0;
	if (!import_value(r, IF_ACCOUNT) || !*r->text[IF_ACCOUNT])
		return bad("no account for this %s", import_kind_name(r->kind));
	if ((s = resolve_account(im, r->text[IF_ACCOUNT], id)) != STATUS_OK)
		return s;
	return *id ? STATUS_OK : bad("no account matches \"%.60s\"", r->text[IF_ACCOUNT]);
}

/* A buyer, a response or a defect a record of the book may name: 0 for
 * none; STATUS_BAD_INPUT when it names one the book does not have. */
static enum status named(struct db_import *im, const struct import_rec *r, enum import_field f,
			 int64_t account, int64_t *id)
{
	const char *ref = value_text(r, f);
	int64_t aid;
	struct fb fb = {0};
	enum status s = STATUS_OK;
	int n;

	*id = 0;
	if (!ref || !*ref)
		return STATUS_OK;
	if (f == IF_CONTACT) {
		s = resolve_contact(im, ref, account, id, &aid);
	} else if (f == IF_DEFECT) {
		s = resolve_defect(im, ref, id);
	} else {
		/* a response: by id, then by external_ref */
		n = parse_id(ref) ? fb_by(im, Q_FB_BY_ID, NULL, parse_id(ref), NULL, &fb) : 0;
		if (n == 0)
			n = fb_by(im, Q_FB_BY_REF, ref, 0, NULL, &fb);
		if (n < 0)
			s = (enum status) - n;
		else
			*id = n == 1 ? fb.id : 0;
	}
	fb_done(&fb);
	if (s == STATUS_OK && !*id)
		s = bad("no %s matches \"%.60s\"",
			f == IF_CONTACT  ? "buyer"
			: f == IF_DEFECT ? "defect"
					 : "response",
			ref);
	return s;
}

static enum status problem_write(struct db_import *im, const struct import_rec *r,
				 enum db_import_outcome *out)
{
	int64_t account, defect, response, contact, id;
	sqlite3_stmt *st;
	enum status s;
	bool there = false;

	if ((s = owner_account(im, r, &account)) != STATUS_OK ||
	    (s = named(im, r, IF_DEFECT, account, &defect)) != STATUS_OK ||
	    (s = named(im, r, IF_RESPONSE, account, &response)) != STATUS_OK ||
	    (s = named(im, r, IF_CONTACT, account, &contact)) != STATUS_OK)
		return s;
	if (import_value(r, IF_ID) &&
	    (s = exists(im, Q_PROB_BY_ID, r->num[IF_ID], &there)) != STATUS_OK)
		return s;
	if (there) {
		*out = DBI_UNCHANGED;
		return STATUS_OK;
	}
	if (!import_has(r, IF_OPENED_ON))
		return bad("a problem needs the date it was opened");
	if (!(st = stmt(im, Q_PROB_INSERT)))
		return STATUS_DB;
	id = new_id(im, r);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, account);
	db_bind_id(st, 3, defect);
	db_bind_id(st, 4, response);
	db_bind_id(st, 5, contact);
	db_bind_text(st, 6, text_or(r, IF_TITLE, ""));
	db_bind_text(st, 7,
		     problem_category_name(import_has(r, IF_CATEGORY)
						   ? (enum problem_category)r->num[IF_CATEGORY]
						   : PCAT_SERVICE));
	db_bind_text(st, 8,
		     problem_status_name(import_has(r, IF_STATUS)
						 ? (enum problem_status)r->num[IF_STATUS]
						 : PSTAT_OPEN));
	db_bind_text(st, 9, text_or(r, IF_OWNER, ""));
	db_bind_text(st, 10, r->text[IF_OPENED_ON]);
	db_bind_text(st, 11, text_or(r, IF_RESOLVED_ON, NULL));
	db_bind_text(st, 12, text_or(r, IF_REPORTED_ON, NULL));
	db_bind_text(st, 13, text_or(r, IF_ROOT_CAUSE, ""));
	db_bind_text(st, 14, text_or(r, IF_REPORTED_BACK, ""));
	db_bind_text(st, 15, text_or(r, IF_UPDATED_AT, im->stamp));
	if ((s = run(im, st)) == STATUS_OK)
		*out = DBI_NEW;
	return s;
}

static enum status note_write(struct db_import *im, const struct import_rec *r,
			      enum db_import_outcome *out)
{
	int64_t account, contact, response, id;
	sqlite3_stmt *st;
	enum status s;
	bool there = false;

	if ((s = owner_account(im, r, &account)) != STATUS_OK ||
	    (s = named(im, r, IF_CONTACT, account, &contact)) != STATUS_OK ||
	    (s = named(im, r, IF_RESPONSE, account, &response)) != STATUS_OK)
		return s;
	if (import_value(r, IF_ID) &&
	    (s = exists(im, Q_NOTE_BY_ID, r->num[IF_ID], &there)) != STATUS_OK)
		return s;
	if (there) {
		*out = DBI_UNCHANGED;
		return STATUS_OK;
	}
	if (!(st = stmt(im, Q_NOTE_INSERT)))
		return STATUS_DB;
	id = new_id(im, r);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, account);
	db_bind_id(st, 3, contact);
	db_bind_id(st, 4, response);
	db_bind_text(st, 5,
		     note_kind_name(import_has(r, IF_KIND) ? (enum note_kind)r->num[IF_KIND]
							   : NOTE_GENERAL));
	db_bind_text(st, 6, text_or(r, IF_BODY, ""));
	if (import_value(r, IF_GOOD_TIME))
		db_bind_text(st, 7, good_time_name((enum good_time)r->num[IF_GOOD_TIME]));
	if (import_value(r, IF_REASON))
		db_bind_text(st, 8, reason_name((enum reason)r->num[IF_REASON]));
	db_bind_text(st, 9, text_or(r, IF_NEXT_CONTACT_ON, NULL));
	db_bind_text(st, 10, text_or(r, IF_CREATED_AT, im->stamp));
	db_bind_text(st, 11, text_or(r, IF_UPDATED_AT, text_or(r, IF_CREATED_AT, im->stamp)));
	if ((s = run(im, st)) == STATUS_OK)
		*out = DBI_NEW;
	return s;
}

static enum status condition_write(struct db_import *im, const struct import_rec *r,
				   enum db_import_outcome *out)
{
	int64_t account, id;
	sqlite3_stmt *st;
	enum status s;
	bool there = false;

	if ((s = owner_account(im, r, &account)) != STATUS_OK)
		return s;
	if (import_value(r, IF_ID) &&
	    (s = exists(im, Q_COND_BY_ID, r->num[IF_ID], &there)) != STATUS_OK)
		return s;
	if (there) {
		*out = DBI_UNCHANGED;
		return STATUS_OK;
	}
	if (!(st = stmt(im, Q_COND_INSERT)))
		return STATUS_DB;
	id = new_id(im, r);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, account);
	db_bind_text(st, 3, text_or(r, IF_TEXT, ""));
	db_bind_text(st, 4, text_or(r, IF_MET_ON, NULL));
	db_bind_text(st, 5, text_or(r, IF_CREATED_AT, im->stamp));
	db_bind_text(st, 6, text_or(r, IF_UPDATED_AT, text_or(r, IF_CREATED_AT, im->stamp)));
	if ((s = run(im, st)) == STATUS_OK)
		*out = DBI_NEW;
	return s;
}

static enum status referral_write(struct db_import *im, const struct import_rec *r,
				  enum db_import_outcome *out)
{
	int64_t account, contact, id;
	sqlite3_stmt *st;
	enum status s;
	bool there = false;

	if ((s = owner_account(im, r, &account)) != STATUS_OK ||
	    (s = named(im, r, IF_CONTACT, account, &contact)) != STATUS_OK)
		return s;
	if (import_value(r, IF_ID) &&
	    (s = exists(im, Q_REF_BY_ID, r->num[IF_ID], &there)) != STATUS_OK)
		return s;
	if (there) {
		*out = DBI_UNCHANGED;
		return STATUS_OK;
	}
	if (!(st = stmt(im, Q_REF_INSERT)))
		return STATUS_DB;
	id = new_id(im, r);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, account);
	db_bind_id(st, 3, contact);
	db_bind_text(st, 4, r->text[IF_ASKED_ON]);
	db_bind_text(st, 5, text_or(r, IF_REFERRED_TO, NULL));
	db_bind_text(st, 6,
		     referral_outcome_name(import_has(r, IF_OUTCOME)
						   ? (enum referral_outcome)r->num[IF_OUTCOME]
						   : REFERRAL_PENDING));
	db_bind_text(st, 7, text_or(r, IF_OUTCOME_ON, NULL));
	db_bind_text(st, 8, text_or(r, IF_CREATED_AT, im->stamp));
	db_bind_text(st, 9, text_or(r, IF_UPDATED_AT, text_or(r, IF_CREATED_AT, im->stamp)));
	if ((s = run(im, st)) == STATUS_OK)
		*out = DBI_NEW;
	return s;
}

/* The account of a play: by the first of its account columns that names
 * one (the CRM's id for it, our id, its name), each matched as every
 * reference to an account is. */
static enum status play_account(struct db_import *im, const struct import_rec *r, int64_t *id)
{
	static const enum import_field refs[] = {IF_ACCOUNT_REF, IF_ACCOUNT_ID, IF_ACCOUNT};
	const char *first = NULL;
	enum status s;
	size_t i;

	*id = 0;
	for (i = 0; i < sizeof(refs) / sizeof(*refs); i++) {
		const char *ref = import_value(r, refs[i]) ? r->text[refs[i]] : NULL;

		if (!ref || !*ref)
			continue;
		if (!first)
			first = ref;
		if ((s = resolve_account(im, ref, id)) != STATUS_OK)
			return s;
		if (*id)
			return STATUS_OK;
	}
	return first ? bad("no account matches \"%.60s\"", first) : bad("no account for this play");
}

/* A play of the book (it has our id): left as it is when there, by id or
 * by the CRM's id for it; else made with its id and its days. */
static enum status book_play_write(struct db_import *im, const struct import_rec *r,
				   int64_t account, const char *source, const char *ext,
				   enum db_import_outcome *out)
{
	sqlite3_stmt *st;
	enum status s;
	bool there = false;
	int64_t id;

	if ((s = exists(im, Q_PLAY_BY_ID, r->num[IF_ID], &there)) != STATUS_OK)
		return s;
	if (!there && ext) {
		if (!(st = stmt_key(im, Q_PLAY_BY_EXT, source, 0)))
			return STATUS_DB;
		db_bind_text(st, 2, ext);
		if ((s = step_one(im, st, &there, NULL)) != STATUS_OK)
			return s;
	}
	if (there) {
		*out = DBI_UNCHANGED;
		return STATUS_OK;
	}
	if (!(st = stmt(im, Q_PLAY_INSERT)))
		return STATUS_DB;
	id = new_id(im, r);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, account);
	db_bind_text(st, 3, source);
	db_bind_text(st, 4, r->text[IF_PLAY]);
	db_bind_text(st, 5, text_or(r, IF_DUE, NULL));
	db_bind_text(st, 6, ext);
	db_bind_text(st, 7, text_or(r, IF_CREATED_AT, im->stamp));
	db_bind_text(st, 8, text_or(r, IF_UPDATED_AT, text_or(r, IF_CREATED_AT, im->stamp)));
	if ((s = run(im, st)) == STATUS_OK)
		*out = DBI_NEW;
	return s;
}

/* A CRM's play: the book's own by id (book_play_write()), else matched
 * and written by db_crm_play_put(), by the CRM's id for it, else by its
 * account and name. */
static enum status play_write(struct db_import *im, const struct import_rec *r,
			      enum db_import_outcome *out)
{
	const char *ext = import_value(r, IF_EXTERNAL_REF) && *r->text[IF_EXTERNAL_REF]
				  ? r->text[IF_EXTERNAL_REF]
				  : NULL;
	const char *source =
		import_has(r, IF_SOURCE) && *r->text[IF_SOURCE] ? r->text[IF_SOURCE] : "crm";
	struct crm_play_rec p = {0};
	enum crm_play_put how;
	int64_t account, id;
	enum status s;

	if ((s = play_account(im, r, &account)) != STATUS_OK)
		return s;
	if (import_value(r, IF_ID))
		return book_play_write(im, r, account, source, ext, out);
	p.account_id = account;
	p.source = source;
	p.play = r->text[IF_PLAY];
	p.due = value_text(r, IF_DUE);
	p.keep_due = !import_has(r, IF_DUE);
	p.external_ref = ext;
	p.stamp = im->stamp;
	if ((s = db_crm_play_put(im->db, &p, &id, &how)) != STATUS_OK)
		return s;
	*out = how == CRM_PLAY_NEW       ? DBI_NEW
	       : how == CRM_PLAY_UPDATED ? DBI_UPDATED
					 : DBI_UNCHANGED;
	return STATUS_OK;
}

enum status db_import_write(struct db_import *im, const struct import_rec *r,
			    enum db_import_outcome *out)
{
	*out = DBI_UNCHANGED;
	switch (r->kind) {
	case IMPORT_ACCOUNTS:
		return account_write(im, r, out);
	case IMPORT_CONTACTS:
		return contact_write(im, r, out);
	case IMPORT_RESPONSES:
		return response_write(im, r, out);
	case IMPORT_DEFECTS:
		return defect_write(im, r, out);
	case IMPORT_PROBLEMS:
		return problem_write(im, r, out);
	case IMPORT_NOTES:
		return note_write(im, r, out);
	case IMPORT_CONDITIONS:
		return condition_write(im, r, out);
	case IMPORT_REFERRALS:
		return referral_write(im, r, out);
	case IMPORT_PLAYS:
		return play_write(im, r, out);
	default:
		return status_set(STATUS_BAD_INPUT, "no such kind of record");
	}
}

/*
 * The database: one SQLite file is the whole state (DESIGN.md §2).
 *
 * db_open() validates a file before anything can write to it: a file that is
 * not SQLite, a foreign SQLite file, or one from a newer acctplan is refused
 * with one clear message and never modified; a file the user may not write
 * opens read-only. A FIFO, device or socket is refused without being read,
 * and so is an empty SQLite file made by another tool: only a missing or
 * zero-length file becomes a new book. A damaged file (PRAGMA quick_check
 * at open for a small file, before the first write for a big one, or any
 * statement that meets damage) is never written to. Rows come back as plain structs, through callbacks whose
 * row pointer and strings are borrowed for the duration of the call only.
 * No sqlite3 type leaves src/db/.
 */
#ifndef ACCTPLAN_DB_H
#define ACCTPLAN_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/advocacy.h"
#include "acctplan/followup.h"
#include "acctplan/quadrant.h"
#include "acctplan/progress.h"
#include "acctplan/rules.h"
#include "acctplan/status.h"

#define DB_APPLICATION_ID 0x41435450 /* "ACTP" */
#define DB_SCHEMA_VERSION 21         /* the last numbered migration (doc/schema.md) */

struct db;

enum db_flags {
	DB_CREATE = 1,   /* create the file (mode 0600) when it does not exist */
	DB_READONLY = 2, /* never write, even when the file allows it */
};

/* Opens path. On failure *out is NULL and status_detail() says why. */
enum status db_open(const char *path, int flags, struct db **out);
/* db_open() telling p (progress.h) of the long work opening may do before
 * it returns: upgrading a book an older acctplan wrote, a step at a time,
 * and checking it; then the db's progress (db_set_progress()). */
enum status db_open_watched(const char *path, int flags, const struct progress *p, struct db **out);
void db_close(struct db *db); /* NULL is a no-op */
/* Starts now, on a connection and a thread of its own, the check a big
 * file gets before the session's first write (PRAGMA quick_check: seconds
 * at a million accounts), so that the write finds it done; the write
 * still waits for it if it is not, and a file it finds damaged is never
 * written to, as always. A no-op for a file checked already, read-only or
 * damaged. For the console, which has idle time before its first write. */
void db_check_ahead(struct db *db);
bool db_is_readonly(const struct db *db);
/* Whether another program (or another connection) committed a change to
 * the file since the last call, or since db_open() for the first. Cheap: one
 * PRAGMA data_version, no read of the file's pages. */
bool db_changed(struct db *db);
/* Why the file is read-only (borrowed), or NULL. */
const char *db_readonly_reason(const struct db *db);

/* Begins a write transaction (BEGIN IMMEDIATE, waiting up to 30 s for
 * another writer). STATUS_DB_CORRUPT, and nothing begun, when the file is
 * damaged: a big file is checked here, before its first write. */
enum status db_begin(struct db *db);
/* The page cache, in KiB (db_open() gives every connection 16 MB, for the
 * console that keeps going back to the same pages). A command that reads
 * through once wants little: its memory stays flat however big the book. */
enum status db_cache_kb(struct db *db, int kb);
/* A read of several statements that sees one snapshot of the file, however
 * other programs write meanwhile; db_read_end() ends it (no-op when none). */
enum status db_read_begin(struct db *db);
void db_read_end(struct db *db);
enum status db_commit(struct db *db);
void db_rollback(struct db *db);

/* Bulk loading into a new file: no journal and no fsync until
 * db_bulk_end(), which puts the file back in WAL mode. Only for a file
 * nobody else has open (the sample generator). */
enum status db_bulk_begin(struct db *db);
enum status db_bulk_end(struct db *db);

/* Moves the database file `from` (closed) to the path `to`, for a new book
 * written beside it: the -wal, -shm and -journal files of the old `to` are
 * removed first, or SQLite would replay them onto the new book. Refused
 * (STATUS_DB_BUSY, nothing changed) while another program has `to` open,
 * as the lock SQLite holds on an open WAL file shows. db_replace_check()
 * answers the same question without replacing anything. */
enum status db_replace(const char *from, const char *to);
enum status db_replace_check(const char *to);
/* Removes the database file path, closed, and the -wal, -shm and -journal
 * files beside it: a book this program made and gave up on. What is not
 * there is passed over. */
void db_remove(const char *path);

/* Ids: random 63-bit, from the system's randomness; db_seed_ids() makes them
 * a deterministic sequence (the sample book, tests). */
void db_seed_ids(struct db *db, uint64_t seed);
/* For a bulk load of a new book (the synthetic one): deterministic ids from
 * seed that ascend, each a random gap (below 2^32) past the last, from a
 * random start below 2^61, so that every table's rows are appended to its
 * B-tree rather than written all over it (a million accounts load in a
 * third of the time). Still 63-bit, unique, and far apart. */
void db_bulk_ids(struct db *db, uint64_t seed);
int64_t db_new_id(struct db *db);

/* Brings the derived standing of every account (advocacy, share, quadrant,
 * priority) up to date for these rules and today. Cheap when nothing
 * changed. A read-only file gets a private copy in temp, built again when
 * the rules, today or the file (another program's commit) changed. When
 * another program holds the write lock for longer than a second, a writable
 * file is answered the same way, from a copy in temp, until a later refresh
 * can bring the file's own tables up to date. Remembers the rules and today
 * for the writers that need the cache current (db_hold_manual()). */
enum status db_refresh(struct db *db, const struct rules *rules, int today);

/* Where db_refresh() reports a rebuild of every account (a new book, new
 * thresholds or weights, a jump of more than DB_ROLLOVER_DAYS days), as
 * "rebuilding the standings", done / total (progress.h); NULL: nowhere.
 * Borrowed: it must outlive the db or the next call. A day's rollover of
 * up to DB_ROLLOVER_DAYS days rebuilds only the accounts the days can
 * change (cache.c) and reports nothing. */
#define DB_ROLLOVER_DAYS 31
void db_set_progress(struct db *db, const struct progress *p);
/* Where this book's long work reports (db_set_progress()): a sync or an
 * export run on it reports there too. NULL: nowhere. */
const struct progress *db_progress(const struct db *db);

/* ---- reading ---------------------------------------------------------- */

struct account_row {
	int64_t id;
	const char *name, *owner, *segment, *external_ref;
	enum fit fit;
	enum acct_status status;
	int64_t revenue;
	bool has_wallet;
	int64_t wallet;
	bool nps_known;
	double nps;
	int counted; /* responses counted in the NPS */
	bool share_known;
	double share;
	enum quadrant quadrant;
	struct priority priority;
	struct hold hold;
	const char *hold_reason; /* the reason given by hand, or NULL */
	const char *hold_on;     /* when it was given, or NULL */
	int open_conditions;
	int open_problems;         /* problems not yet reported back */
	const char *last_response; /* "YYYY-MM-DD" or NULL */
	const char *next_contact;  /* earliest future next-contact date, or NULL */
	const char *won_on, *lost_reason, *lost_to, *winback_plan;
};

enum account_sort {
	SORT_PRIORITY,
	SORT_NAME,
	SORT_OWNER,
	SORT_QUADRANT,
	SORT_NPS,
	SORT_SHARE,
	SORT_REVENUE,
	SORT_PROBLEMS,
	SORT_LAST_CONTACT,
	SORT_COUNT
};

struct account_filter {
	const char *owner;   /* exact owner, or NULL */
	const char *segment; /* exact segment, or NULL */
	const char *search;  /* substring of name, owner or segment (any case), or NULL */
	int quadrant;        /* enum quadrant, or -1 for any */
	bool all_statuses;   /* false: active accounts only */
	enum account_sort sort;
	bool descending;      /* reverses the sort */
	size_t offset, limit; /* limit 0: no limit */
};

void account_filter_init(struct account_filter *f);

typedef int (*account_cb)(const struct account_row *row, void *ctx);

/* Calls cb for each matching account; a non-zero return from cb stops the
 * walk. Needs db_refresh() first. */
enum status db_accounts(struct db *db, const struct account_filter *f, account_cb cb, void *ctx);
/* Counts the matching accounts (ignores offset/limit). */
enum status db_accounts_count(struct db *db, const struct account_filter *f, size_t *n);

struct quadrant_summary {
	int accounts;
	int64_t revenue;
	struct advocacy advocacy; /* pooled over the quadrant's accounts (counted-weighted NPS) */
	double nps_sum;           /* sum of account NPS, for the mean */
};

/* One summary per quadrant for the active accounts matching f->owner,
 * f->segment and f->search. */
enum status db_board_summary(struct db *db, const struct account_filter *f,
			     struct quadrant_summary out[QUAD_COUNT]);

/* Resolves an id, an unambiguous name prefix (any case), or when no name
 * matches, a short id (history.h). STATUS_NOT_FOUND or STATUS_AMBIGUOUS
 * (naming a few candidates) otherwise. */
enum status db_account_resolve(struct db *db, const char *arg, int64_t *id);
enum status db_account_get(struct db *db, int64_t id, account_cb cb, void *ctx);

/* Distinct owners, sorted; calls cb with each. */
enum status db_owners(struct db *db, int (*cb)(const char *owner, void *ctx), void *ctx);

struct feedback_row {
	int64_t id, account_id, contact_id; /* contact 0: anonymous */
	const char *responded_on, *contact_name, *role, *comment, *source;
	int score;
	const char *defects; /* defect codes, comma-separated, or "" */
	/* what the follow-up rule needs (followup_state()); responded is -1
	 * when responded_on is not a date */
	struct followup_facts followup;
};
typedef int (*feedback_cb)(const struct feedback_row *row, void *ctx);
/* Newest first. */
enum status db_feedback(struct db *db, int64_t account_id, feedback_cb cb, void *ctx);

struct contact_row {
	int64_t id, account_id;
	const char *name, *title, *role, *email, *phone;
	bool has_score;
	int latest_score; /* latest response ever, when has_score */
	const char *latest_on;
};
typedef int (*contact_cb)(const struct contact_row *row, void *ctx);
enum status db_contacts(struct db *db, int64_t account_id, contact_cb cb, void *ctx);

struct problem_row {
	int64_t id, account_id;
	const char *title, *category, *status, *owner, *opened_on, *resolved_on, *reported_on,
		*root_cause, *reported_back, *defect_code;
};
typedef int (*problem_cb)(const struct problem_row *row, void *ctx);
enum status db_problems(struct db *db, int64_t account_id, problem_cb cb, void *ctx);

struct note_row {
	int64_t id, account_id, contact_id;
	const char *kind, *body, *good_time, *reason, *next_contact_on, *created_at, *contact_name;
};
typedef int (*note_cb)(const struct note_row *row, void *ctx);
/* Newest first. */
enum status db_notes(struct db *db, int64_t account_id, note_cb cb, void *ctx);

struct condition_row {
	int64_t id, account_id;
	const char *text, *met_on, *created_at;
};
typedef int (*condition_cb)(const struct condition_row *row, void *ctx);
enum status db_conditions(struct db *db, int64_t account_id, condition_cb cb, void *ctx);

/* NPS per quarter for the last n quarters up to today's (oldest first);
 * known[i] false where the quarter had no response. Latest response per
 * contact within each quarter. */
enum status db_nps_trend(struct db *db, int64_t account_id, const struct rules *rules, int today,
			 int n, double *nps, bool *known);

/* ---- writing (the sample book, imports) -------------------------------- */

struct account_rec {
	const char *name, *owner, *segment;
	enum fit fit;
	enum acct_status status;
	int64_t revenue;
	bool has_wallet;
	int64_t wallet;
	const char *external_ref;
	const char *won_on, *lost_reason, *lost_to, *winback_plan;
	const char *hold_manual, *hold_reason, *hold_on; /* "set"/"lifted" or NULL */
	const char *created_at;                          /* NULL: now */
	const char *lost_on;                             /* the day it was lost, or NULL */
};
struct contact_rec {
	int64_t account_id;
	const char *name, *title, *email, *phone;
	enum role role;
};
struct feedback_rec {
	int64_t account_id, contact_id; /* contact 0: anonymous */
	const char *responded_on, *comment, *source;
	int score;
};
struct problem_rec {
	int64_t account_id, defect_id, feedback_id; /* 0: none */
	const char *title, *owner, *opened_on, *resolved_on, *reported_on, *root_cause,
		*reported_back;
	enum problem_category category;
	enum problem_status status;
};
struct note_rec {
	int64_t account_id, contact_id, feedback_id; /* 0: none */
	enum note_kind kind;
	const char *body, *next_contact_on, *created_at; /* created_at NULL: now */
	int good_time;                                   /* enum good_time or -1 */
	int reason;                                      /* enum reason or -1 */
};

enum status db_insert_account(struct db *db, const struct account_rec *r, int64_t *id);
enum status db_insert_contact(struct db *db, const struct contact_rec *r, int64_t *id);
enum status db_insert_feedback(struct db *db, const struct feedback_rec *r, int64_t *id);
enum status db_insert_defect(struct db *db, const char *code, const char *title,
			     enum problem_category cat, int64_t *id);
enum status db_insert_feedback_defect(struct db *db, int64_t feedback_id, int64_t defect_id);
enum status db_insert_problem(struct db *db, const struct problem_rec *r, int64_t *id);
enum status db_insert_note(struct db *db, const struct note_rec *r, int64_t *id);
enum status db_insert_condition(struct db *db, int64_t account_id, const char *text,
				const char *met_on, int64_t *id);
/* Looks a defect up by code; STATUS_NOT_FOUND when absent. */
enum status db_defect_find(struct db *db, const char *code, int64_t *id);

#endif

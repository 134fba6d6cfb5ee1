/* Shared by the files of src/db/ only. */
#ifndef ACCTPLAN_DB_INTERNAL_H
#define ACCTPLAN_DB_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>

#include "acctplan/db.h"
#include "acctplan/edits.h"
#include "acctplan/rng.h"
#include "acctplan/strbuf.h"

/* A session's page cache: 2 MB. A view reads its page of rows through
 * indexes, a few hundred pages at most, and a page read again comes from
 * the system's file cache for a pread (some 2.4 us here); a page of cache
 * memory a process first touches costs a page fault instead (some 10 us
 * on a virtual machine like CI's), so a larger cache made every first
 * read slower and kept little worth having: with 16 MB, make bench's
 * slowest keys on the 100,000-account book were 46.7 ms (the Agenda's
 * first open), 27.9 ms (a filter key) and 14.7 ms (a move), with 2 MB
 * 14.1, 11.8 and 8.0 ms, and peak RSS 24.1 -> 9.7 MB. */
#define DB_CACHE_SIZE "-2048"
/* A refresh's: 16 MB (cache_big()), for a rebuild goes back to the pages
 * it wrote: the old rows, the sums, the indexes. A session's first
 * refresh, when partial (a day's rollover, the dirty accounts), keeps the
 * session's: its pages are read once each, and a fresh process would
 * fault in every page of the larger cache (the rollover of the
 * 100,000-account book: 277 ms with 16 MB, 230 ms with 2 MB). */
#define DB_REFRESH_CACHE_SIZE "-16384"

enum stmt_id {
	STMT_INSERT_ACCOUNT,
	STMT_INSERT_CONTACT,
	STMT_INSERT_FEEDBACK,
	STMT_INSERT_DEFECT,
	STMT_TAG_FEEDBACK,
	STMT_INSERT_PROBLEM,
	STMT_INSERT_NOTE,
	STMT_INSERT_CONDITION,
	STMT_CACHE_PUT,
	STMT_CACHE_OLD,
	STMT_CACHE_SET,
	STMT_CACHE_SET_FIGURES,
	STMT_CACHE_CELL,
	STMT_CACHE_CELL_DROP,
	STMT_CACHE_BIN,
	STMT_CACHE_BIN_DROP,
	STMT_CACHE_TAGS_OLD,
	STMT_CACHE_TAG_PUT,
	STMT_CACHE_TAG_SET,
	STMT_CACHE_TAG_DROP,
	STMT_CACHE_DEFECT_SUM,
	STMT_CACHE_HISTORY,
	STMT_ACCOUNT_GET,
	STMT_HISTORY_PUT,
	STMT_HISTORY_PREV,
	STMT_PLAY_ACCOUNTS,
	STMT_PLAY_BUYERS,
	STMT_PLAY_ASKED,
	STMT_PLAY_CRM,
	STMT_COUNT
};

/* CREATE statements of indexes (and triggers) dropped for a load, to be
 * run again after it: db_drop_indexes(), db_make_again(). */
struct db_schema_saved {
	char **sql;
	size_t n, cap;
};

/* What the file was when a connection read it: other programs' commits
 * (PRAGMA data_version) and its own (struct db's commits). Equal stamps:
 * nothing was written to it between the two (db_stamp_same()). */
struct db_stamp {
	int64_t version;
	int64_t commits;
};

struct agenda_memo;  /* agenda.c */
struct agenda_ahead; /* agenda.c */
struct trails_ahead; /* history.c */

struct db {
	sqlite3 *sql;
	char *path;
	bool readonly;
	const char *readonly_reason;
	bool made_wal;             /* a read-only open made path-wal: removed at close if unused */
	bool made_shm;             /* ... and path-shm */
	bool checked;              /* PRAGMA quick_check found the file sound */
	struct check_ahead *ahead; /* db_check_ahead()'s check, running or done */
	bool damaged;              /* quick_check or a statement found damage: nothing is written */
	struct rng rng;            /* ids */
	int64_t last_id;           /* the last id db_bulk_ids() gave, or 0: ids are random */
	sqlite3_stmt *stmt[STMT_COUNT];
	struct db_schema_saved bulk; /* indexes and triggers db_bulk_end() makes again */
	/* The last db_refresh()'s rules and today, so that a writer can bring
	 * the accounts other programs made dirty up to date in its own
	 * transaction (db_refresh_locked()). */
	bool refreshed;
	struct rules rules;
	int today;
	const struct progress *progress; /* db_set_progress(): a full rebuild's, or NULL */
	/* The derived tables in temp, shadowing the file's: a read-only file,
	 * or a writable one whose write lock another program holds. */
	bool temp_cache;
	char temp_fingerprint[RULES_FINGERPRINT_LEN]; /* the rules and today they were built for */
	int64_t temp_version;                         /* PRAGMA data_version they were built from */
	int64_t seen_version; /* PRAGMA data_version at the last db_changed(); 0: never asked */
	struct search_hits {  /* the last search's matches, in temp.search_hits */
		char *text;   /* its text, NULL when none is held */
		struct db_stamp filled; /* the file when filled */
		bool complete;          /* every match is held (else more than the limit) */
		bool dense;             /* so many match that a scan finds a page soon */
	} hits;
	/* The edit history (edits.c): the change the current write
	 * transaction is armed as, and what it knows of the tables. */
	struct edit_state {
		bool armed;
		char *origin, *stamp, *summary;    /* owned copies of db_change()'s */
		int64_t change_id;                 /* 0 until its first row is kept */
		struct table_meta *tables;         /* columns and keys, read once */
		sqlite3_stmt *near[ID_KIND_COUNT]; /* db_short_id()'s neighbours */
	} edit;
	struct sync_run *sync;             /* the sync under way (sync.c), or NULL */
	struct agenda_memo *agenda;        /* the last agenda page's day (agenda.c), or NULL */
	struct agenda_ahead *agenda_ahead; /* db_agenda_ahead()'s read, or NULL */
	struct trails_ahead *trails;       /* db_history_trails_ahead()'s read, or NULL */
	int64_t commits; /* transactions that wrote to the file, committed here (db_stamp()) */
};

/* A read on a read-only connection and a thread of its own, ahead of its
 * need (the check ahead, the trails, the agenda's first day). Only the
 * thread touches conn until it is joined; sqlite3_interrupt() from
 * another thread is allowed. */
struct db_ahead {
	pthread_t thread;
	sqlite3 *conn;
	bool joined;
};
/* Opens conn on the file (cache_kb: its page cache, 0 for SQLite's) and
 * starts run(arg); false, with nothing started, when it cannot (an SQLite
 * without threads, a file that will not open: the caller reads when
 * asked, as without). Whether the read may be done ahead at all (not on a
 * read-only book, whose derived tables may be in temp) is the caller's. */
bool db_ahead_start(struct db *db, struct db_ahead *a, int cache_kb, void *(*run)(void *),
		    void *arg);
/* Waits for the thread (stop: interrupts its read first) and closes conn. */
void db_ahead_join(struct db_ahead *a, bool stop);

/* PRAGMA data_version, or -1 when it cannot be read. */
int64_t db_data_version(struct db *db);
struct db_stamp db_stamp(struct db *db);
bool db_stamp_same(struct db_stamp a, struct db_stamp b);
/* Forget the agenda's memo and the trails read ahead (db_close()). */
void db_agenda_forget(struct db *db);
void db_history_trails_forget(struct db *db);

/* How long a writer waits for another's write lock (a cache rebuild of a
 * big book takes seconds), and how long db_refresh() waits before it
 * answers from a rebuild of its own in temp instead. Milliseconds. */
#define DB_WRITE_WAIT_MS 30000
#define DB_REFRESH_WAIT_MS 1000

/* BEGIN IMMEDIATE, without db_begin()'s checks (the cache's refresh). */
enum status db_lock(struct db *db);

/* A table's indexes dropped before a load into it, their CREATE statements
 * kept; made again after it from the rows loaded (one sort each, on worker
 * threads), then forgotten; db_saved_free() forgets them unmade. */
enum status db_drop_indexes(struct db *db, const char *table, struct db_schema_saved *saved);
enum status db_make_again(struct db *db, struct db_schema_saved *saved);
void db_saved_free(struct db_schema_saved *saved);

/* ---- statements (stmt.c) ------------------------------------------------
 * Arguments are bound to ?1, ?2, ... in order, written with the DB_ARG
 * macros, so each keeps its C type:
 *
 *   s = db_run(db, "UPDATE notes SET body = ?2 WHERE id = ?1",
 *              DB_ARGS(DB_INT(id), DB_TEXT(body)));
 *   s = db_int(db, "SELECT count(*) FROM accounts", DB_NOARGS, &n);
 *
 * The functions that take sql prepare, bind, step and finalize it in one
 * call; a failure is a status from db_error(). */
struct db_arg {
	enum { DB_ARG_NULL, DB_ARG_INT, DB_ARG_ID, DB_ARG_REAL, DB_ARG_TEXT } type;
	int64_t i;
	double f;
	const char *t;
};
#define DB_NULL ((struct db_arg){.type = DB_ARG_NULL})
#define DB_INT(v) ((struct db_arg){.type = DB_ARG_INT, .i = (v)})
#define DB_ID(v) ((struct db_arg){.type = DB_ARG_ID, .i = (v)}) /* 0 binds NULL */
#define DB_REAL(v) ((struct db_arg){.type = DB_ARG_REAL, .f = (v)})
#define DB_REAL_IF(known, v) \
	((struct db_arg){.type = (known) ? DB_ARG_REAL : DB_ARG_NULL, .f = (v)})
#define DB_TEXT(v) ((struct db_arg){.type = DB_ARG_TEXT, .t = (v)}) /* NULL binds NULL */
#define DB_ARGS(...)                          \
	(const struct db_arg[]){__VA_ARGS__}, \
		sizeof((const struct db_arg[]){__VA_ARGS__}) / sizeof(struct db_arg)
#define DB_NOARGS NULL, 0

/* Reads the current row of a statement. */
typedef void (*db_read_fn)(sqlite3_stmt *st, void *ctx);
/* Reads one row of many; nonzero stops the walk. */
typedef int (*db_each_fn)(sqlite3_stmt *st, void *ctx);

/* Defines struct NAME_walk {cb, ctx} for a typed row callback (account_cb,
 * note_cb, ...) and NAME_each(), a db_each_fn that fills a row_type with
 * fill(st, &row) and hands it to the callback (NAME_one(): the same as a
 * db_read_fn, for one row). */
#define DB_ROW_WALKER(name, row_type, cb_type, fill)             \
	struct name##_walk {                                     \
		cb_type cb;                                      \
		void *ctx;                                       \
	};                                                       \
	static int name##_each(sqlite3_stmt *st, void *p)        \
	{                                                        \
		struct name##_walk *w = p;                       \
		row_type r;                                      \
		memset(&r, 0, sizeof(r));                        \
		fill(st, &r);                                    \
		return w->cb(&r, w->ctx);                        \
	}                                                        \
	static inline void name##_one(sqlite3_stmt *st, void *p) \
	{                                                        \
		(void)name##_each(st, p);                        \
	}

/* Maps an SQLite result code to a status, with sqlite3_errmsg() in the
 * detail; SQLITE_CORRUPT marks the file damaged (no more writes). */
enum status db_error(struct db *db, int rc);
/* Runs SQL, several statements allowed, without arguments or results. */
enum status db_exec(struct db *db, const char *sql);
/* Prepares a one-off statement; the caller steps and finalizes it. */
enum status db_prepare(struct db *db, const char *sql, sqlite3_stmt **st);
/* db_prepare() of a list's query built in q (done with here: freed), its
 * filter bound where given: the owner to ?1, the account id to ?2. */
enum status db_prepare_filtered(struct db *db, struct strbuf *q, const char *owner,
				int64_t account_id, sqlite3_stmt **st);
/* db_prepare() and binds args. */
enum status db_query(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		     sqlite3_stmt **st);
/* Prepares once and keeps it for the session; reset and unbound when
 * handed out. NULL on error, with the status set. Borrowed. */
sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id, const char *sql);
/* The same for a statement whose text varies (a filter's terms): kept
 * while each call asks for the same text, prepared again when it differs. */
sqlite3_stmt *db_stmt_for(struct db *db, enum stmt_id id, const char *sql);
void db_bind_args(sqlite3_stmt *st, const struct db_arg *args, size_t n);

/* Runs a statement to its end (a write; rows, if any, are ignored). */
enum status db_run(struct db *db, const char *sql, const struct db_arg *args, size_t n);
/* The same with db_stmt()'s statement id, prepared once. */
enum status db_run_cached(struct db *db, enum stmt_id id, const char *sql,
			  const struct db_arg *args, size_t n);
/* The first row, handed to read; STATUS_NOT_FOUND when there is none
 * (the caller says what was not found). */
enum status db_row(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		   db_read_fn read, void *ctx);
enum status db_row_cached(struct db *db, enum stmt_id id, const char *sql,
			  const struct db_arg *args, size_t n, db_read_fn read, void *ctx);
/* db_row() of a statement whose ?1 is a row id: STATUS_NOT_FOUND says "no
 * WHAT with id ID". */
enum status db_row_by_id(struct db *db, const char *sql, int64_t id, const char *what,
			 db_read_fn read, void *ctx);
/* Reads the first column as an int64_t (ctx). */
void db_read_int(sqlite3_stmt *st, void *ctx);
/* The first row's first column as an integer, or as text (a copy, NULL
 * for NULL, the caller frees it); STATUS_NOT_FOUND without a row. */
enum status db_int(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		   int64_t *out);
enum status db_text(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		    char **out);
/* Every row, handed to each until it returns nonzero. */
enum status db_rows(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		    db_each_fn each, void *ctx);
/* The same for a statement the caller prepared and bound (SQL built at
 * run time); each may be NULL. Finalizes st. */
enum status db_each(struct db *db, sqlite3_stmt *st, db_each_fn each, void *ctx);
/* db_int() for a statement the caller prepared and bound. Finalizes st. */
enum status db_int_of(struct db *db, sqlite3_stmt *st, int64_t *out);

/* Binds text, or NULL when s is NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_id(sqlite3_stmt *st, int i, int64_t id); /* 0 binds NULL */
/* Borrowed column text, "" for NULL. */
const char *db_col_text(sqlite3_stmt *st, int i);
/* Borrowed column text, NULL for NULL. */
const char *db_col_opt(sqlite3_stmt *st, int i);
/* A quadrant stored by name (quadrant_name()); no_feedback for NULL or a
 * name this build does not know. */
enum quadrant db_col_quadrant(sqlite3_stmt *st, int i);

/* ---- the cache (cache.c) ------------------------------------------------ */

/* Inside a write transaction the caller holds: brings the account cache up
 * to date for the rules and today of the last db_refresh() (the accounts
 * other programs made dirty since, or all of it on a new fingerprint).
 * Nothing to do before the first db_refresh(). */
enum status db_refresh_locked(struct db *db);
/* Drops the derived tables this connection built in temp, so the file's
 * own are read (and written) again. */
enum status db_temp_cache_drop(struct db *db);
/* Finalizes the statements db_stmt() keeps: after the tables they name
 * move between temp and the file. */
void db_forget_statements(struct db *db);

/* ---- the history (history.c) -------------------------------------------- */

/* Inside the write transaction of a refresh, after account_cache was
 * rebuilt for today: writes the history (snapshots) of the accounts listed
 * in the table `only` (an account_id column: "cache_dirty"), or of every
 * account when only is NULL, where standing_changed() says they moved since
 * their last row. Composes with any rebuild that names what it rebuilt. */
enum status db_history_record(struct db *db, const struct rules *rules, int today,
			      const char *only);

/* ---- account filters (accounts.c), shared by accounts.c and lists.c ---- */

/* How a filter's search is answered. */
enum search_kind {
	SEARCH_NONE,  /* no search text */
	SEARCH_HITS,  /* a few matches, every one in temp.search_hits */
	SEARCH_INDEX, /* many: account_search MATCH ?3 (three characters or more) */
	SEARCH_SCAN,  /* many: acctplan_fold_has(text, ?3, 1) (one or two characters) */
};

/* Makes acctplan_fold_has(), the accent-blind search, known to db's
 * connection (db_open()). */
void db_search_register(struct db *db);

/* Decides how f's search is answered; may fill temp.search_hits. */
enum status db_filter_plan(struct db *db, const struct account_filter *f, enum search_kind *kind);

/* Which table a filter's query walks first. */
enum filter_lead {
	LEAD_ANY,      /* order does not matter: a search's matches, else the planner */
	LEAD_CACHE,    /* account_cache, for its rank index */
	LEAD_ACCOUNTS, /* accounts, for its name index */
};

/* Appends " FROM ... WHERE ..." selecting f's accounts. With rows set,
 * the accounts are a and their account_cache rows c; without, the query
 * only counts and a and c are there only when f needs them. A search's
 * matches lead when they are few or lead is LEAD_ANY; otherwise each row
 * of the leading table is checked against the search. Binds: ?1 owner,
 * ?2 segment, ?3 search, ?4 quadrant (db_filter_bind()). */
void db_filter_sql(struct strbuf *sql, const struct account_filter *f, enum search_kind kind,
		   bool rows, enum filter_lead lead);
/* Binds what db_filter_sql() asked for. */
void db_filter_bind(sqlite3_stmt *st, const struct account_filter *f, enum search_kind kind);
/* A query over a filter's accounts: head, then the filter's FROM and WHERE
 * (db_filter_sql() with rows and lead), then its ORDER BY when order is
 * set, then tail. */
struct filter_query {
	const char *head; /* "SELECT ..." */
	bool rows;
	enum filter_lead lead;
	bool order;       /* db_filter_order() */
	const char *tail; /* " LIMIT ?5", " GROUP BY ...", or NULL */
};
/* Prepares q over f with f's arguments bound (db_filter_bind()), its
 * search answered as kind says; the caller binds from ?5 on. */
enum status db_filter_prepare(struct db *db, const struct account_filter *f, enum search_kind kind,
			      const struct filter_query *q, sqlite3_stmt **st);
/* Appends f's sort order, ties broken by name and id, as db_accounts()
 * documents it, over accounts a and account_cache c. */
void db_filter_order(struct strbuf *sql, const struct account_filter *f);
/* Whether f is answered by cache_totals: active accounts, at most a
 * quadrant asked for. */
bool db_filter_totals(const struct account_filter *f);
/* Appends s to a LIKE pattern, a backslash before each %, _ and backslash
 * (for ESCAPE '\'). */
void db_like_escape(struct strbuf *pat, const char *s);

/* Steps st (columns: id, name, exact match 0/1), which the caller has
 * prepared and bound but for the LIKE pattern at pattern_param, made here
 * from name: the exact match, else the one name it is a prefix of. Else
 * STATUS_NOT_FOUND or STATUS_AMBIGUOUS naming a few, as "several NOUNs".
 * Finalizes st. */
enum status db_pick_by_name(struct db *db, sqlite3_stmt *st, int pattern_param, const char *name,
			    const char *noun, int64_t *id);

/* A note as struct note_row has it: NOTE_SELECT's columns (notes n, the
 * buyer c), read by db_fill_note(). */
#define NOTE_SELECT                                                                       \
	"SELECT n.id, n.account_id, n.contact_id, n.kind, n.body, n.good_time, n.reason," \
	" n.next_contact_on, n.created_at, c.name"                                        \
	" FROM notes n LEFT JOIN contacts c ON c.id = n.contact_id"
void db_fill_note(sqlite3_stmt *st, struct note_row *r);
/* A problem as struct problem_row has it (problems p, defects d), read by
 * db_fill_problem(). */
#define PROBLEM_COLUMNS                                                            \
	"p.id, p.account_id, p.title, p.category, p.status, p.owner, p.opened_on," \
	" p.resolved_on, p.reported_on, p.root_cause, p.reported_back, d.code"
void db_fill_problem(sqlite3_stmt *st, struct problem_row *r);

/* "set", "lifted" or NULL as stored in accounts.hold_manual. */
enum hold_manual db_hold_from_text(const char *manual);
/* The hold from columns col (hold_manual) and col + 1 (hold_quadrant). */
struct hold db_read_hold(sqlite3_stmt *st, int col, enum quadrant q, int open_conditions);

/* Two columns for the follow-up rule (followup.h) of the response aliased
 * f: linked (a note or problem points at it) and buyer_noted (a closing
 * note with its buyer on or after it). Caller frees. */
char *db_followup_cols(const char *f);
/* The note kinds that close a follow-up (followup_closing_kind()), as an
 * SQL list: 'call','meeting',... Caller frees. */
char *db_closing_kinds(void);

/* ---- the edit history (edits.c; edits.h has the public side) --------
 * Every write a person makes goes through these, so that an armed change
 * (db_change()) keeps each row's values before and after. Unarmed, they
 * only run the write. */

/* Runs sql, a write (INSERT, UPDATE or DELETE) of the one row of tbl whose
 * id is id, and keeps the row before and after. STATUS_NOT_FOUND (without
 * a detail: the caller words it) when there was no such row before or
 * after. */
enum status db_edit_run(struct db *db, const char *tbl, int64_t id, const char *sql,
			const struct db_arg *args, size_t n);
/* db_edit_run() of a row that must be there: STATUS_NOT_FOUND then says
 * "no WHAT with id ID" (db_no_row()). */
enum status db_edit_row(struct db *db, const char *tbl, int64_t id, const char *sql,
			const struct db_arg *args, size_t n, const char *what);
/* db_edit_row() as a writer of its own, for the public writers that are
 * that one write: it begins the transaction and commits it, or rolls it
 * back and returns the failure. */
enum status db_edit_row_alone(struct db *db, const char *tbl, int64_t id, const char *sql,
			      const struct db_arg *args, size_t n, const char *what);
/* Keeps the rows of tbl matching where (an SQL condition over its columns,
 * with args) as just inserted, by other means. */
enum status db_edit_inserted(struct db *db, const char *tbl, const char *where,
			     const struct db_arg *args, size_t n);
/* Deletes the rows of tbl matching where (an SQL condition over its
 * columns, with args), keeping each. */
enum status db_edit_delete_where(struct db *db, const char *tbl, const char *where,
				 const struct db_arg *args, size_t n);
/* Runs "UPDATE tbl SET set WHERE id = ?" for each row of tbl (a table with
 * an id) matching where, keeping each; set takes no arguments. */
enum status db_edit_update_where(struct db *db, const char *tbl, const char *set, const char *where,
				 const struct db_arg *args, size_t n);
/* Adds a row to the armed change as it is given (old and new: JSON
 * objects as db_edit_capture() makes them; one may be NULL): for sync,
 * which keeps the value that lost to a later edit. Nothing when unarmed. */
enum status db_edit_record(struct db *db, const char *tbl, const char *old, const char *new);
/* Row id of tbl as the history keeps it (a JSON object of its columns),
 * or NULL when there is none. Caller frees. */
enum status db_edit_capture(struct db *db, const char *tbl, int64_t id, char **json);
/* Disarms the change (db_commit(), db_rollback()). */
void db_edit_end(struct db *db);
/* Frees what the history keeps on db (db_close()). */
void db_edit_done(struct db *db);

/* ---- team sync (sync.c; syncbook.h has the public side) ------------------ */

/* Frees what a sync under way keeps on db (db_close()). */
void db_sync_free(struct db *db);

/* The numbered migrations, src/db/schema/NNN-*.sql (doc/schema.md). */
extern const char db_schema_001[];
extern const char db_schema_002[];
extern const char db_schema_003[];
extern const char db_schema_004[];
extern const char db_schema_005[];
extern const char db_schema_006[];
extern const char db_schema_007[];
extern const char db_schema_008[];
extern const char db_schema_009[];
extern const char db_schema_010[];
extern const char db_schema_011[];
extern const char db_schema_012[];
extern const char db_schema_013[];
extern const char db_schema_014[];
extern const char db_schema_015[];
extern const char db_schema_016[];
extern const char db_schema_017[];
extern const char db_schema_018[];
extern const char db_schema_019[];
extern const char db_schema_020[];
extern const char db_schema_021[];

/* Ends the transaction db_begin() opened: db_commit() when s is
 * STATUS_OK, else db_rollback() and s. */
enum status db_finish(struct db *db, enum status s);
/* s, with a STATUS_NOT_FOUND worded "no WHAT with id ID". */
enum status db_no_row(enum status s, const char *what, int64_t id);
/* Runs sql, handing cb the text of each row's first column (cb's nonzero
 * stops the walk, as db_rows()'s each does). */
enum status db_texts(struct db *db, const char *sql, const struct db_arg *args, size_t n,
		     int (*cb)(const char *text, void *ctx), void *ctx);

#endif

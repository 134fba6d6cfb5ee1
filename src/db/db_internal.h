/* Shared by the files of src/db/ only. */
#ifndef ACCTPLAN_DB_INTERNAL_H
#define ACCTPLAN_DB_INTERNAL_H

#include <sqlite3.h>

#include "acctplan/db.h"
#include "acctplan/rng.h"
#include "acctplan/strbuf.h"

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
	STMT_ACCOUNT_GET,
	STMT_COUNT
};

struct db {
	sqlite3 *sql;
	char *path;
	bool readonly;
	const char *readonly_reason;
	bool temp_cache; /* the cache lives in temp (read-only file) */
	struct rng rng;  /* ids */
	sqlite3_stmt *stmt[STMT_COUNT];
	char **bulk_indexes; /* CREATE INDEX and TRIGGER statements to run at db_bulk_end() */
	size_t nbulk, bulk_cap;
	bool has_search; /* the file has account_text and account_search */
	bool has_totals; /* cache_totals exists (in temp for a read-only file) */
	int has_defects; /* defect_account and defect_cache exist: 1, not: -1, 0: not yet asked */
	struct search_hits {           /* the last search's matches, in temp.search_hits */
		char *text;            /* its text, NULL when none is held */
		sqlite3_int64 changes; /* sqlite3_total_changes64() when filled */
		unsigned version;      /* the file's data version when filled */
		bool complete;         /* every match is held (else more than the limit) */
	} hits;
};

/* Prepares once and caches; resets before handing it out. NULL on error,
 * with the status set. Borrowed. */
sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id, const char *sql);
/* Prepares a one-off statement. */
enum status db_prepare(struct db *db, const char *sql, sqlite3_stmt **st);
/* Maps the connection's last error to a status with sqlite3_errmsg. */
enum status db_error(struct db *db, int rc);
/* Runs SQL without results. */
enum status db_exec(struct db *db, const char *sql);
/* Binds text, or NULL when s is NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_id(sqlite3_stmt *st, int i, int64_t id); /* 0 binds NULL */
/* Borrowed column text, "" for NULL. */
const char *db_col_text(sqlite3_stmt *st, int i);
/* Borrowed column text, NULL for NULL. */
const char *db_col_opt(sqlite3_stmt *st, int i);

/* ---- account filters (accounts.c), shared by accounts.c and views.c ---- */

/* How a filter's search is answered. */
enum search_kind {
	SEARCH_NONE,  /* no search text */
	SEARCH_HITS,  /* a few matches, every one in temp.search_hits */
	SEARCH_INDEX, /* many: account_search MATCH ?3 (three characters or more) */
	SEARCH_SCAN,  /* many: account_text LIKE ?3 (one or two characters) */
	SEARCH_LIKE,  /* a file without the search tables: LIKE ?3 on accounts */
};

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
/* Appends f's sort order, ties broken by name and id, as db_accounts()
 * documents it, over accounts a and account_cache c. */
void db_filter_order(struct strbuf *sql, const struct account_filter *f);
/* Whether f is answered by cache_totals: active accounts, at most a
 * quadrant asked for. */
bool db_filter_totals(const struct db *db, const struct account_filter *f);
/* Appends s to a LIKE pattern, a backslash before each %, _ and backslash
 * (for ESCAPE '\'). */
void db_like_escape(struct strbuf *pat, const char *s);

/* Whether the file keeps the defect figures (defect_account and
 * defect_cache, in temp for a read-only file once db_refresh() ran); a
 * file made before them has its ranking counted from the core tables. */
bool db_defect_cached(struct db *db);

/* Steps st (columns: id, name, exact match 0/1), which the caller has
 * prepared and bound but for the LIKE pattern at pattern_param, made here
 * from name: the exact match, else the one name it is a prefix of. Else
 * STATUS_NOT_FOUND or STATUS_AMBIGUOUS naming a few, as "several NOUNs".
 * Finalizes st. */
enum status db_pick_by_name(struct db *db, sqlite3_stmt *st, int pattern_param, const char *name,
			    const char *noun, int64_t *id);

/* "set", "lifted" or NULL as stored in accounts.hold_manual. */
enum hold_manual db_hold_from_text(const char *manual);
/* The hold from columns col (hold_manual) and col + 1 (hold_quadrant). */
struct hold db_read_hold(sqlite3_stmt *st, int col, enum quadrant q, int open_conditions);

/* Two columns for the follow-up rule (followup.h) of the response aliased
 * f: linked (a note or problem points at it) and buyer_noted (a closing
 * note with its buyer on or after it). Caller frees. */
char *db_followup_cols(const char *f);

extern const char db_schema_v1[];

#endif

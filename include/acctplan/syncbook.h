/*
 * Team sync, the book's side (doc/sync.md): the changes this book sends and
 * the teammates' changes it applies, with SQLite's session extension.
 *
 * A sync is one write transaction: db_sync_begin() takes the write lock
 * and reads the book's identity; db_sync_send() turns what changed since
 * the last sync (kept by schema 7's triggers for every program) into a
 * changeset file, kept in the book until it is in the folder;
 * db_sync_apply() applies a teammate's file, resolving what two laptops
 * did to the same rows by rules that give every laptop the same result in
 * any order; db_sync_end() commits. A sync killed at any moment leaves the
 * book as it was before db_sync_begin() or after db_sync_end(). The file
 * itself reaches the folder afterwards (db_sync_pending(),
 * db_sync_delivered()), so the next sync finishes what a killed one left.
 *
 * The merge rules:
 * - rows made on two laptops never meet (random ids);
 * - the same field changed on two laptops: the later edit wins, by the
 *   updated_at of the change that made it, then the greater instance; the
 *   losing value is kept in the edit history (origin "sync");
 * - different fields of one row changed on two laptops: both stay;
 * - a row deleted on one laptop and changed on another: the delete wins,
 *   the change is kept in the history; rows added to it elsewhere go with
 *   it, kept in the history too;
 * - two laptops adding a defect with the same code: the one with the
 *   greater id takes the code followed by its id.
 * Each conflict resolved is reported (struct sync_report).
 *
 * Built against an SQLite without the session extension, every function
 * here fails with a detail that says so (db_sync_available()).
 */
#ifndef ACCTPLAN_SYNCBOOK_H
#define ACCTPLAN_SYNCBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/db.h"
#include "acctplan/syncfile.h"

/* What a sync resolved, in the order it met them. */
enum sync_conflict_kind {
	SYNC_FIELD,        /* the same field changed here and there: one value kept */
	SYNC_DELETED,      /* deleted on one laptop, changed on another: the delete won */
	SYNC_REMOVED_WITH, /* added here to a row deleted elsewhere: removed with it */
	SYNC_REFUSED,      /* a change this book could not take (a rule of the schema) */
	SYNC_RENAMED,      /* a defect code added on two laptops: one renamed */
};

struct sync_conflict {
	enum sync_conflict_kind kind;
	char *table;   /* "accounts", "notes", ... */
	int64_t row;   /* its id (feedback_defects: the response's) */
	char *label;   /* what the row is to a person: an account's name, or "" */
	char *column;  /* SYNC_FIELD: the field; SYNC_RENAMED: the new code */
	char *kept;    /* SYNC_FIELD: the value that stays, as text */
	char *lost;    /* SYNC_FIELD: the value kept only in the history */
	bool here_won; /* SYNC_FIELD: the value that stays is this book's */
	char *file;    /* the file that brought the other side */
	char *author;  /* who wrote that file */
	char *why;     /* SYNC_REFUSED: the rule, in SQLite's words */
};

/* One file of the folder, as the sync dealt with it. */
enum sync_file_state {
	SYNC_APPLIED,      /* applied now */
	SYNC_REFUSED_FILE, /* damaged or foreign: nothing of it applied */
	SYNC_HELD,         /* applied later: it builds on a file refused or held */
};
struct sync_file_result {
	char *name;
	char *author;
	long changes;
	enum sync_file_state state;
	char *why; /* refused and held: the reason, in words */
};

struct sync_report {
	char instance[SYNCFILE_INSTANCE_LEN]; /* this book's identity */
	const char *new_identity;             /* why the book took a new identity now, or NULL */
	bool sent_any;
	char sent_name[SYNCFILE_NAME_LEN]; /* the file written, when sent_any */
	long sent_inserts, sent_updates, sent_deletes;
	struct sync_file_result *files; /* applied, refused and held */
	size_t nfiles, files_cap;
	struct sync_conflict *conflicts;
	size_t nconflicts, conflicts_cap;
	long applied_changes; /* rows of the files applied */
	char *undelivered;    /* why a file of this book is not yet in the folder, or NULL */
	double apply_ms;      /* time spent applying (the bench reads it) */
};

void sync_report_init(struct sync_report *r);
void sync_report_done(struct sync_report *r);
/* Adds a file's outcome; returns it (owned by r). */
struct sync_file_result *sync_report_file(struct sync_report *r, const char *name,
					  enum sync_file_state state, const char *why);

/* Whether this build can sync; when it cannot, the status detail says why. */
bool db_sync_available(void);

/* Starts a sync: the write lock, the change its conflicts are kept under
 * in the edit history (stamp: now), and the book's identity, made at the
 * first sync. file_id names the file the book is in ("DEV:INODE"): when it
 * is not the one the book last synced from, the book is a copy and takes
 * an identity of its own (r->new_identity says so). */
enum status db_sync_begin(struct db *db, const char *stamp, const char *file_id,
			  struct sync_report *r);
/* Gives the book a new identity now (why: for the report): another book
 * synced as this one. Files of its own not yet in the folder are renamed. */
enum status db_sync_reidentify(struct db *db, const char *why, struct sync_report *r);

/* What the book knows of a file of the folder named name (size bytes):
 * SYNC_NEW, not seen; SYNC_KNOWN, applied or written here; SYNC_CHECK,
 * written here but not yet confirmed in the folder (compare its bytes:
 * db_sync_own_hash()). */
enum sync_seen { SYNC_NEW, SYNC_KNOWN, SYNC_CHECK };
enum status db_sync_seen(struct db *db, const char *name, int64_t size, enum sync_seen *seen);
/* The CRC-64 of a file this book wrote (syncfile_hash()). */
enum status db_sync_own_hash(struct db *db, const char *name, char hash[SYNCFILE_HASH_LEN]);

/* Checks a teammate's file against this book: its schema, and every change
 * of its changeset (a table this book syncs, the columns and key that table
 * has here, whole rows). STATUS_BAD_INPUT with the reason in words
 * otherwise. Reads nothing of the book's rows. */
enum status db_sync_check(struct db *db, const struct syncfile *f);

/* Writes what changed since the last sync as this book's next file
 * (author: who is sending, for the teammates' reports), kept in the book
 * until db_sync_delivered(); r->sent_* say what it holds. Nothing changed:
 * no file. */
enum status db_sync_send(struct db *db, const char *author, struct sync_report *r);

/* Applies a teammate's file (checked by db_sync_check()), named name, of
 * hash (the whole file's CRC-64, syncfile_hash()). strict: a file of the
 * folder is refused, so a change that needs a row this book does not have
 * may need that file: the file is held (SYNC_HELD) instead of dropping the
 * change. Adds the file's outcome and its conflicts to r. */
enum status db_sync_apply(struct db *db, const char *name, const char *hash, int64_t size,
			  const struct syncfile *f, bool strict, struct sync_report *r);

/* Ends the sync: what the applied files changed is not this book's own to
 * send again; commits. */
enum status db_sync_end(struct db *db, struct sync_report *r);
/* Gives the sync up: nothing of it stays. */
void db_sync_abort(struct db *db);

/* Calls cb with each file this book wrote that is not yet in the folder:
 * its name and its bytes (borrowed for the call). */
typedef int (*sync_pending_cb)(const char *name, const void *bytes, size_t n, void *ctx);
enum status db_sync_pending(struct db *db, sync_pending_cb cb, void *ctx);
/* The file named name is in the folder: the book forgets its bytes. */
enum status db_sync_delivered(struct db *db, const char *name);

#endif

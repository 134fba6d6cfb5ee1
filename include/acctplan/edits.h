/*
 * The edit history and undo (DESIGN.md §2: "an edit history: old values of
 * every change made by hand, read by undo and sync"), and the short ids
 * people type (shortid.h).
 *
 * A change is what one command or one saved form does: one write
 * transaction, one undo step. A front end arms the next write transaction
 * of a connection with db_change() before it calls a writer (db.h,
 * loop.h, the writers below); every row that transaction writes through
 * the history helper is then kept in the table `edits` with its values
 * before and after (JSON objects of its columns), under one change id, and
 * gets the change's stamp as its updated_at. db_commit() and db_rollback()
 * disarm it; a transaction that is not armed keeps no history (the sample
 * book, bulk loads).
 *
 * db_undo() takes back the last change made here (origin "local") that is
 * not undone yet: it applies the inverse of each of its rows, newest
 * first, in one transaction, and marks the change undone. It refuses, and
 * changes nothing, when a later change or another program has written one
 * of those rows since, or when a row it would remove has others that
 * depend on it (a response recorded for a buyer being taken back).
 */
#ifndef ACCTPLAN_EDITS_H
#define ACCTPLAN_EDITS_H

#include <stdint.h>

#include "acctplan/db.h"
#include "acctplan/shortid.h"

/* Where a change comes from, as edits.origin stores it. */
#define CHANGE_LOCAL "local"   /* made by hand here: undo takes these back */
#define CHANGE_IMPORT "import" /* an import */
#define CHANGE_SYNC "sync"     /* applied from a teammate's changes */

struct change {
	const char *origin;  /* CHANGE_LOCAL, ...; NULL: local */
	const char *stamp;   /* app_stamp(): edits.made_at and each row's updated_at */
	const char *summary; /* what it does, as undo will name it: "account add Calder" */
};

/* Arms the next write transaction of db as the change c (copied). */
void db_change(struct db *db, const struct change *c);
/* Disarms a change whose transaction never began (nothing was written). */
void db_change_cancel(struct db *db);
/* The change id the armed transaction recorded its rows under, or 0 when
 * it has recorded none. */
int64_t db_change_id(const struct db *db);

/* Why an undo was refused (the detail of STATUS_BAD_INPUT says it too). */
enum undo_refusal {
	UNDO_OK,
	UNDO_LATER_CHANGE, /* a later change wrote one of its rows */
	UNDO_CHANGED,      /* another program wrote one of its rows since */
	UNDO_DEPENDENTS,   /* rows made since depend on a row it would remove */
	UNDO_TAKEN,        /* a row it would put back exists again */
};

struct undo_result {
	char *summary;             /* the change taken back, or that could not be */
	enum undo_refusal refused; /* UNDO_OK when it was taken back */
	char *table;               /* refused: the table of the row in the way */
	char *later;               /* UNDO_LATER_CHANGE: the later change's summary */
};
void undo_result_done(struct undo_result *r);

/* Takes back the last local change not undone, stamping what it writes
 * with stamp. STATUS_NOT_FOUND when there is none; STATUS_BAD_INPUT with
 * r->refused when it is refused (nothing changed). */
enum status db_undo(struct db *db, const char *stamp, struct undo_result *r);
/* The summary of the change db_undo() would take back (caller frees);
 * STATUS_NOT_FOUND when there is none. */
enum status db_undo_peek(struct db *db, char **summary);

/* ---- short ids ---------------------------------------------------------- */

/* The tables whose ids people type. */
enum id_kind {
	ID_ACCOUNT,
	ID_CONTACT,
	ID_RESPONSE,
	ID_NOTE,
	ID_PROBLEM,
	ID_CONDITION,
	ID_DEFECT,
	ID_ACTION,
	ID_KIND_COUNT
};
/* "account", "buyer", "response", ... for messages. */
const char *id_kind_noun(enum id_kind k);

/* The short form of row id of kind k: the shortest prefix (at least
 * SHORTID_MIN characters) of its rendering that no other row of the table
 * shares. Two index lookups. */
enum status db_short_id(struct db *db, enum id_kind k, int64_t id, char out[SHORTID_LEN]);
/* A row of kind k by what a person typed: its id in decimal, its whole
 * rendering or a prefix of it that only one row has (at least SHORTID_MIN
 * characters). STATUS_NOT_FOUND ("no note with id ...") or
 * STATUS_AMBIGUOUS ("... matches several notes: ...") otherwise. */
enum status db_id_resolve(struct db *db, enum id_kind k, const char *text, int64_t *id);

#endif

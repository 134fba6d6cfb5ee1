/*
 * Keeping the book true by hand: adding, changing and deleting accounts,
 * buyers and responses, and marking an account won or lost (issue 9).
 * Beside db.h, on the same struct db.
 *
 * Every function here is one write transaction: on success the change is
 * committed, on failure nothing was written. Each row it writes goes
 * through the edit history (history.h), so when the front end armed the
 * transaction with db_change(), `undo` can take the whole of it back. The
 * values are checked by the front end first (validate.h); the schema
 * refuses what slips through (STATUS_BAD_INPUT).
 */
#ifndef ACCTPLAN_BOOK_H
#define ACCTPLAN_BOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "acctplan/db.h"

/* Adds an account (db.h's struct account_rec). STATUS_BAD_INPUT when an
 * account already has that name (in any case): names are how people find
 * accounts. */
enum status db_account_add(struct db *db, const struct account_rec *r, int64_t *id);

/* What db_account_set() changes; a field left NULL (-1, false) is kept. */
struct account_edit {
	const char *name, *owner, *segment;
	int fit;    /* enum fit, or -1 */
	int status; /* enum acct_status (active or prospect), or -1 */
	bool set_revenue;
	int64_t revenue;
	bool set_wallet; /* wallet changes: to `wallet`, or unknown */
	bool has_wallet;
	int64_t wallet;
};
/* STATUS_BAD_INPUT when the new name is another account's. */
enum status db_account_set(struct db *db, int64_t id, const struct account_edit *e);
/* A sale won on `on` (YYYY-MM-DD): won_on, from which the check-ins fall
 * due; the account is active again. */
enum status db_account_won(struct db *db, int64_t id, const char *on);
/* The account is lost, on `on`, to a competitor, for a reason, with a
 * win-back plan (NULL: none); its win-back reviews start afresh from `on`
 * (a win-back dropped before is taken up again). */
enum status db_account_lost(struct db *db, int64_t id, const char *to, const char *reason,
			    const char *plan, const char *on);
/* Deletes an account with its buyers, responses, problems, notes, plan and
 * standings, every row kept in the history. */
enum status db_account_delete(struct db *db, int64_t id);

/* Adds a buyer; STATUS_BAD_INPUT when the account has one of that name. */
enum status db_contact_add(struct db *db, const struct contact_rec *r, int64_t *id);
/* What db_contact_set() changes; NULL (role -1) keeps a field, "" clears
 * title, email and phone. */
struct contact_edit {
	const char *name, *title, *email, *phone;
	int role; /* enum role, or -1 */
};
enum status db_contact_set(struct db *db, int64_t id, const struct contact_edit *e);
/* Deletes a buyer: their responses, notes and problems stay, without a
 * buyer (anonymous). */
enum status db_contact_delete(struct db *db, int64_t id);
/* The account a buyer belongs to. */
enum status db_contact_account(struct db *db, int64_t id, int64_t *account_id);

/* Records a response; its buyer, when given, must be the account's. */
enum status db_response_add(struct db *db, const struct feedback_rec *r, int64_t *id);
/* Deletes a response with its defect tags; notes and problems that
 * followed it up stay, unlinked. */
enum status db_response_delete(struct db *db, int64_t id);

/* Account names that start with prefix (any case), in name order, at most
 * limit of them, for shell completion. */
enum status db_account_names(struct db *db, const char *prefix, int limit,
			     int (*cb)(const char *name, void *ctx), void *ctx);

#endif

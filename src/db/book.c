/*
 * Keeping the book true by hand (book.h): accounts, buyers and responses.
 * Each public writer is one transaction, and every row it writes goes
 * through the edit history's helpers (edits.c), so an armed change keeps
 * the rows before and after, and undo can take it back. Deleting a row
 * first writes, through the same helpers, what the schema's ON DELETE
 * actions would have done silently (rows that cascade, links set to
 * NULL), so that the history holds every row the delete touched.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "acctplan/book.h"

/* STATUS_BAD_INPUT, clash worded with the name found, when the lookup
 * (its status s and the other row's name) found one; STATUS_OK when not. */
static enum status name_clash(enum status s, char *other, const char *clash)
{
	if (s == STATUS_OK)
		s = status_set(STATUS_BAD_INPUT, clash, other);
	else if (s == STATUS_NOT_FOUND)
		s = STATUS_OK;
	free(other);
	return s;
}

/* STATUS_BAD_INPUT when an account other than `self` is named `name`. */
static enum status name_free(struct db *db, const char *name, int64_t self)
{
	char *other = NULL;
	enum status s = db_text(db,
				"SELECT name FROM accounts WHERE name = ?1 COLLATE NOCASE"
				" AND id <> ?2 LIMIT 1",
				DB_ARGS(DB_TEXT(name), DB_INT(self)), &other);

	return name_clash(s, other, "an account named \"%.80s\" is already in the book");
}

static enum status buyer_name_free(struct db *db, int64_t account_id, const char *name,
				   int64_t self)
{
	char *other = NULL;
	enum status s = db_text(db,
				"SELECT name FROM contacts WHERE account_id = ?1"
				" AND name = ?2 COLLATE NOCASE AND id <> ?3 LIMIT 1",
				DB_ARGS(DB_INT(account_id), DB_TEXT(name), DB_INT(self)), &other);

	return name_clash(s, other, "the account has a buyer named \"%.80s\" already");
}

static enum status account_exists(struct db *db, int64_t id)
{
	int64_t one;

	return db_row_by_id(db, "SELECT 1 FROM accounts WHERE id = ?", id, "account", db_read_int,
			    &one);
}

/* ---- accounts -------------------------------------------------------------- */

enum status db_account_add(struct db *db, const struct account_rec *r, int64_t *id)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = name_free(db, r->name, 0)) == STATUS_OK &&
	    (s = db_insert_account(db, r, id)) == STATUS_OK)
		s = db_edit_inserted(db, "accounts", "id = ?1", DB_ARGS(DB_INT(*id)));
	return db_finish(db, s);
}

enum status db_account_set(struct db *db, int64_t id, const struct account_edit *e)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if (e->name && (s = name_free(db, e->name, id)) != STATUS_OK)
		return db_finish(db, s);
	s = db_edit_row(
		db, "accounts", id,
		"UPDATE accounts SET name = coalesce(?2, name), owner = coalesce(?3, owner),"
		" segment = coalesce(?4, segment), fit = coalesce(?5, fit),"
		" status = coalesce(?6, status),"
		" revenue = CASE WHEN ?7 THEN ?8 ELSE revenue END,"
		" wallet = CASE WHEN ?9 THEN ?10 ELSE wallet END WHERE id = ?1",
		DB_ARGS(DB_INT(id), DB_TEXT(e->name), DB_TEXT(e->owner), DB_TEXT(e->segment),
			DB_TEXT(e->fit >= 0 ? fit_name((enum fit)e->fit) : NULL),
			DB_TEXT(e->status >= 0 ? acct_status_name((enum acct_status)e->status)
					       : NULL),
			DB_INT(e->set_revenue), DB_INT(e->revenue), DB_INT(e->set_wallet),
			e->has_wallet ? DB_INT(e->wallet) : DB_NULL),
		"account");
	return db_finish(db, s);
}

enum status db_account_won(struct db *db, int64_t id, const char *on)
{
	return db_edit_row_alone(db, "accounts", id,
				 "UPDATE accounts SET won_on = ?2, status = 'active' WHERE id = ?1",
				 DB_ARGS(DB_INT(id), DB_TEXT(on)), "account");
}

enum status db_account_lost(struct db *db, int64_t id, const char *to, const char *reason,
			    const char *plan, const char *on)
{
	return db_edit_row_alone(
		db, "accounts", id,
		"UPDATE accounts SET status = 'lost', lost_to = ?2, lost_reason = ?3,"
		" winback_plan = ?4, lost_on = ?5, winback_dropped_on = NULL WHERE id = ?1",
		DB_ARGS(DB_INT(id), DB_TEXT(to), DB_TEXT(reason), DB_TEXT(plan), DB_TEXT(on)),
		"account");
}

enum status db_account_delete(struct db *db, int64_t id)
{
	static const char *const own[] = {"notes", "problems", "conditions"};
	enum status s;
	size_t i;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, id)) != STATUS_OK)
		return db_finish(db, s);
	/* what refers to the account's buyers and responses from elsewhere
	 * loses the link, as ON DELETE SET NULL would do */
	for (i = 0; s == STATUS_OK && i < sizeof(own) / sizeof(*own); i++)
		s = db_edit_delete_where(db, own[i], "account_id = ?1", DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_delete_where(db, "feedback_defects",
					 "feedback_id IN (SELECT id FROM feedback"
					 " WHERE account_id = ?1)",
					 DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_delete_where(db, "feedback", "account_id = ?1", DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_delete_where(db, "contacts", "account_id = ?1", DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_delete_where(db, "snapshots", "account_id = ?1", DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_run(db, "accounts", id, "DELETE FROM accounts WHERE id = ?1",
				DB_ARGS(DB_INT(id)));
	return db_finish(db, db_no_row(s, "account", id));
}

/* ---- buyers --------------------------------------------------------------- */

enum status db_contact_account(struct db *db, int64_t id, int64_t *account_id)
{
	return db_row_by_id(db, "SELECT account_id FROM contacts WHERE id = ?", id, "buyer",
			    db_read_int, account_id);
}

enum status db_contact_add(struct db *db, const struct contact_rec *r, int64_t *id)
{
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, r->account_id)) == STATUS_OK &&
	    (s = buyer_name_free(db, r->account_id, r->name, 0)) == STATUS_OK &&
	    (s = db_insert_contact(db, r, id)) == STATUS_OK)
		s = db_edit_inserted(db, "contacts", "id = ?1", DB_ARGS(DB_INT(*id)));
	return db_finish(db, s);
}

enum status db_contact_set(struct db *db, int64_t id, const struct contact_edit *e)
{
	int64_t account_id = 0;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_contact_account(db, id, &account_id)) != STATUS_OK)
		return db_finish(db, s);
	if (e->name && (s = buyer_name_free(db, account_id, e->name, id)) != STATUS_OK)
		return db_finish(db, s);
	s = db_edit_row(
		db, "contacts", id,
		"UPDATE contacts SET name = coalesce(?2, name), title = coalesce(?3, title),"
		" email = CASE WHEN ?4 IS NULL THEN email ELSE nullif(?4, '') END,"
		" phone = CASE WHEN ?5 IS NULL THEN phone ELSE nullif(?5, '') END,"
		" role = coalesce(?6, role) WHERE id = ?1",
		DB_ARGS(DB_INT(id), DB_TEXT(e->name), DB_TEXT(e->title), DB_TEXT(e->email),
			DB_TEXT(e->phone),
			DB_TEXT(e->role >= 0 ? role_name((enum role)e->role) : NULL)),
		"buyer");
	return db_finish(db, s);
}

enum status db_contact_delete(struct db *db, int64_t id)
{
	static const char *const refs[] = {"feedback", "notes", "problems"};
	int64_t account_id;
	enum status s;
	size_t i;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_contact_account(db, id, &account_id)) != STATUS_OK)
		return db_finish(db, s);
	for (i = 0; s == STATUS_OK && i < sizeof(refs) / sizeof(*refs); i++)
		s = db_edit_update_where(db, refs[i], "contact_id = NULL", "contact_id = ?1",
					 DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_run(db, "contacts", id, "DELETE FROM contacts WHERE id = ?1",
				DB_ARGS(DB_INT(id)));
	return db_finish(db, db_no_row(s, "buyer", id));
}

/* ---- names for completion ---------------------------------------------------- */

enum status db_account_names(struct db *db, const char *prefix, int limit,
			     int (*cb)(const char *name, void *ctx), void *ctx)
{
	struct strbuf pat;
	enum status s;

	strbuf_init(&pat);
	db_like_escape(&pat, prefix ? prefix : "");
	strbuf_addc(&pat, '%');
	s = db_texts(db,
		     "SELECT name FROM accounts WHERE name LIKE ?1 ESCAPE '\\'"
		     " ORDER BY name COLLATE NOCASE LIMIT ?2",
		     DB_ARGS(DB_TEXT(pat.buf), DB_INT(limit)), cb, ctx);
	strbuf_done(&pat);
	return s;
}

/* ---- responses ------------------------------------------------------------ */

enum status db_response_add(struct db *db, const struct feedback_rec *r, int64_t *id)
{
	int64_t owner = 0;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = account_exists(db, r->account_id)) != STATUS_OK)
		return db_finish(db, s);
	if (r->contact_id && (s = db_contact_account(db, r->contact_id, &owner)) == STATUS_OK &&
	    owner != r->account_id)
		s = status_set(STATUS_BAD_INPUT, "the buyer is not one of the account's");
	if (s == STATUS_OK && (s = db_insert_feedback(db, r, id)) == STATUS_OK)
		s = db_edit_inserted(db, "feedback", "id = ?1", DB_ARGS(DB_INT(*id)));
	return db_finish(db, s);
}

enum status db_response_delete(struct db *db, int64_t id)
{
	int64_t account_id;
	enum status s;

	if ((s = db_begin(db)) != STATUS_OK)
		return s;
	if ((s = db_row_by_id(db, "SELECT account_id FROM feedback WHERE id = ?", id, "response",
			      db_read_int, &account_id)) != STATUS_OK)
		return db_finish(db, s);
	s = db_edit_update_where(db, "notes", "feedback_id = NULL", "feedback_id = ?1",
				 DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_update_where(db, "problems", "feedback_id = NULL", "feedback_id = ?1",
					 DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_delete_where(db, "feedback_defects", "feedback_id = ?1",
					 DB_ARGS(DB_INT(id)));
	if (s == STATUS_OK)
		s = db_edit_run(db, "feedback", id, "DELETE FROM feedback WHERE id = ?1",
				DB_ARGS(DB_INT(id)));
	return db_finish(db, db_no_row(s, "response", id));
}

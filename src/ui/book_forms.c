/*
 * Keeping the book true by hand in the console (issue 9): add and edit an
 * account, mark it won or lost, delete it; add and edit a buyer; record a
 * response; delete the buyer or response under the account view's cursor.
 * Each form checks its values with validate.h's rules, worded with its own
 * field names, and saves with one call into book.h (one transaction, kept
 * in the edit history, so `U` takes it back). The forms people type into
 * keep a draft as they type (draft.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "book_forms.h"
#include "draft.h"
#include "acctplan/book.h"
#include "acctplan/parse.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

/* ---- amounts ----------------------------------------------------------------- */

/* An amount typed in field i ("" allowed when may_be_empty: *has false).
 * False with err worded with the field's label. */
static bool read_amount(const struct form *f, size_t i, bool may_be_empty, bool *has, int64_t *v,
			char *err, size_t n)
{
	const char *s = form_text(f, i), *p = s;
	const char *label = f->fields[i].label;

	*has = false;
	*v = 0;
	while (*p == ' ')
		p++;
	if (!*p && may_be_empty)
		return true;
	if (*p == '-' || *p == '(') {
		snprintf(err, n, "%s: %s", label, invalid_message(INVALID_NEGATIVE_AMOUNT));
		return false;
	}
	if (parse_money(s, v) != STATUS_OK) {
		snprintf(err, n, "%s: an amount in whole currency units, as 250000 or 250,000",
			 label);
		return false;
	}
	if (*v > VALIDATE_MAX_AMOUNT) {
		snprintf(err, n, "%s: %s", label, invalid_message(INVALID_AMOUNT_TOO_LARGE));
		return false;
	}
	*has = true;
	return true;
}

static void with_draft(struct form *f, const char *what, int64_t id)
{
	f->draft = xasprintf("%s-%lld", what, (long long)id);
	draft_restore(f);
}

/* ---- the account --------------------------------------------------------------- */

struct acct_form {
	struct account_form a; /* first; account_id 0 for a new account */
	size_t f_name, f_owner, f_segment, f_fit, f_status, f_revenue, f_wallet;
	size_t f_on, f_to, f_reason, f_plan, f_confirm;
	int status; /* the account's status (enum acct_status) */
};

/* The account as it is, into the form's fields. */
struct acct_now {
	struct form *f;
	struct acct_form *c;
};

static int got_account(const struct account_row *r, void *ctx)
{
	struct acct_now *x = ctx;
	char buf[32];

	form_set_text(x->f, x->c->f_name, r->name);
	form_set_text(x->f, x->c->f_owner, r->owner ? r->owner : "");
	form_set_text(x->f, x->c->f_segment, r->segment ? r->segment : "");
	form_select(x->f, x->c->f_fit, r->fit);
	form_select(x->f, x->c->f_status, r->status);
	snprintf(buf, sizeof(buf), "%lld", (long long)r->revenue);
	form_set_text(x->f, x->c->f_revenue, buf);
	snprintf(buf, sizeof(buf), "%lld", (long long)r->wallet);
	form_set_text(x->f, x->c->f_wallet, r->has_wallet ? buf : "");
	x->c->status = r->status;
	return 0;
}

static bool account_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct acct_form *c = f->ctx;
	struct account_rec rec = {0};
	bool has_revenue;
	enum invalid v;
	enum status st;
	int64_t id;

	if (!read_amount(f, c->f_revenue, true, &has_revenue, &rec.revenue, err, n) ||
	    !read_amount(f, c->f_wallet, true, &rec.has_wallet, &rec.wallet, err, n))
		return false;
	if ((v = validate_account(form_text(f, c->f_name), rec.revenue, rec.has_wallet,
				  rec.wallet)) != INVALID_OK) {
		snprintf(err, n, "%s",
			 v == INVALID_EMPTY_NAME ? "Name: the name is empty" : invalid_message(v));
		return false;
	}
	rec.name = form_text(f, c->f_name);
	rec.owner = form_text(f, c->f_owner);
	rec.segment = form_text(f, c->f_segment);
	rec.fit = (enum fit)form_value(f, c->f_fit);
	rec.status = (enum acct_status)form_value(f, c->f_status);
	if (!c->a.account_id) {
		if ((st = db_account_add(ui->db, &rec, &id)) != STATUS_OK)
			return account_form_failed(err, n);
		ui->selected = id;
		/* from the form, straight to the new account: its buyers next */
		if (ui->stack[ui->depth - 2] != &view_account_ops)
			view_account_open_below(ui, id);
		ui_message(ui, THEME_STATUS, "Account added: %s (U takes it back)", rec.name);
		return true;
	}
	{
		struct account_edit e = {
			.name = rec.name,
			.owner = rec.owner,
			.segment = rec.segment,
			.fit = (int)rec.fit,
			.status = (int)rec.status,
			.set_revenue = true,
			.revenue = rec.revenue,
			.set_wallet = true,
			.has_wallet = rec.has_wallet,
			.wallet = rec.wallet,
		};
		if (db_account_set(ui->db, c->a.account_id, &e) != STATUS_OK)
			return account_form_failed(err, n);
	}
	ui_message(ui, THEME_STATUS, "Account saved (U takes it back)");
	return true;
}

/* The fields of an account, for a new one or to edit. */
static void account_fields(struct form *f, struct acct_form *c, bool lost)
{
	c->f_name = form_add(f, FIELD_TEXT, "name", "Name");
	f->fields[c->f_name].required = true;
	c->f_owner = form_add(f, FIELD_TEXT, "owner", "Owner");
	c->f_segment = form_add(f, FIELD_TEXT, "segment", "Segment");
	c->f_fit = form_add(f, FIELD_CHOICE, "fit", "Fit");
	form_choice(f, c->f_fit, "unknown", FIT_UNKNOWN);
	form_choice(f, c->f_fit, "good", FIT_GOOD);
	form_choice(f, c->f_fit, "poor", FIT_POOR);
	c->f_status = form_add(f, FIELD_CHOICE, "status", "Status");
	form_choice(f, c->f_status, "active (a customer)", ACCT_ACTIVE);
	form_choice(f, c->f_status, "prospect (still to win)", ACCT_PROSPECT);
	if (lost)
		form_choice(f, c->f_status, "lost (w marks it won again)", ACCT_LOST);
	c->f_revenue = form_add(f, FIELD_TEXT, "revenue", "Revenue");
	f->fields[c->f_revenue].help = xstrdup("what they spent with us over the last year");
	c->f_wallet = form_add(f, FIELD_TEXT, "wallet", "Wallet");
	f->fields[c->f_wallet].help =
		xstrdup("their whole yearly spend in our category; empty: unknown");
}

int book_account_add(struct ui *ui)
{
	struct acct_form *c = xcalloc(1, sizeof(*c));
	struct form *f;

	if (db_is_readonly(ui->db)) {
		free(c);
		ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be written");
		return REACT_DRAW;
	}
	c->a.f_pick = NONE;
	f = form_new("Add an account", "A new account: its buyers and responses come next");
	f->ctx = c;
	f->ctx_free = free;
	account_fields(f, c, false);
	f->submit = account_submit;
	form_set_text(f, c->f_revenue, "0");
	with_draft(f, "account-new", 0);
	return form_open(ui, f);
}

static int account_edit(struct ui *ui, struct acct_form *c)
{
	struct form *f = account_form_new(&c->a, "Edit the account");
	struct acct_now x = {f, c};

	account_fields(f, c, true);
	f->submit = account_submit;
	if (db_account_get(ui->db, c->a.account_id, got_account, &x) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		form_free(f); /* and c with it */
		return REACT_DRAW;
	}
	form_snapshot(f);
	with_draft(f, "account", c->a.account_id);
	return form_open(ui, f);
}

/* The day a sale was won or the account lost (field f_on, "Won on" or
 * "Lost on"): today when empty, never after it. */
static bool past_day(struct ui *ui, struct form *f, size_t i, char on[DATE_LEN], char *err,
		     size_t n)
{
	int day;

	if (!form_date(f, i, ui->today, &day, err, n))
		return false;
	if (day < 0)
		day = ui->today;
	if (day > ui->today) {
		snprintf(err, n, "%s: %s", f->fields[i].label,
			 invalid_message(INVALID_FUTURE_DATE));
		return false;
	}
	date_format(day, on);
	return true;
}

static bool won_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct acct_form *c = f->ctx;
	char on[DATE_LEN];

	if (!past_day(ui, f, c->f_on, on, err, n))
		return false;
	if (db_account_won(ui->db, c->a.account_id, on) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "Won on %s: check-ins fall due at +7, +30 and +90 days", on);
	return true;
}

static bool lost_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct acct_form *c = f->ctx;
	const char *plan = form_text(f, c->f_plan);
	char on[DATE_LEN];

	if (!past_day(ui, f, c->f_on, on, err, n))
		return false;
	if (db_account_lost(ui->db, c->a.account_id, form_text(f, c->f_to),
			    form_text(f, c->f_reason), validate_blank(plan) ? NULL : plan,
			    on) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "Marked lost; the win-back plan is kept (U takes it back)");
	return true;
}

static bool delete_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct acct_form *c = f->ctx;

	if (form_value(f, c->f_confirm) != 1) {
		snprintf(err, n, "Choose \"yes\" to delete the account, or Esc to keep it");
		return false;
	}
	if (db_account_delete(ui->db, c->a.account_id) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "Account deleted: U brings it back");
	ui->selected = 0;
	/* the account's view under this form has nothing left to show */
	ui_drop_below(ui);
	return true;
}

static int account_other(struct ui *ui, struct acct_form *c, int action)
{
	struct form *f;

	if (action == ACT_ACCOUNT_WON) {
		f = account_form_new(&c->a, "Mark a sale won");
		c->f_on = form_add(f, FIELD_DATE, "on", "Won on");
		form_set_text(f, c->f_on, "today");
		f->fields[c->f_on].help = xstrdup("check-ins fall due at +7, +30 and +90 days");
		f->submit = won_submit;
	} else if (action == ACT_ACCOUNT_LOST) {
		f = account_form_new(&c->a, "Mark the account lost: the win-back plan");
		c->f_to = form_add(f, FIELD_TEXT, "to", "Lost to");
		f->fields[c->f_to].required = true;
		c->f_reason = form_add(f, FIELD_TEXT, "reason", "Why");
		f->fields[c->f_reason].required = true;
		c->f_on = form_add(f, FIELD_DATE, "on", "Lost on");
		form_set_text(f, c->f_on, "today");
		c->f_plan = form_add(f, FIELD_BODY, "plan", "Win-back plan");
		f->submit = lost_submit;
		with_draft(f, "lost", c->a.account_id);
	} else {
		f = account_form_new(&c->a, "Delete the account");
		c->f_confirm = form_add(f, FIELD_CHOICE, "confirm", "Delete it?");
		form_choice(f, c->f_confirm, "no, keep it", 0);
		form_choice(f, c->f_confirm, "yes, with its buyers, responses, problems, notes", 1);
		f->fields[c->f_confirm].help = xstrdup("U brings it all back");
		f->submit = delete_submit;
	}
	return form_open(ui, f);
}

/* ---- buyers and responses --------------------------------------------------------- */

struct row_form {
	struct account_form a; /* first */
	int64_t row_id;        /* the buyer or response acted on; 0: a new one */
	size_t f_name, f_role, f_title, f_email, f_phone;
	size_t f_score, f_on, f_contact, f_source, f_comment, f_confirm;
};

static const char *const role_labels[ROLE_COUNT] = {
	[ROLE_DECISION_MAKER] = "decision maker",
	[ROLE_INFLUENCER] = "influencer",
	[ROLE_USER] = "user",
	[ROLE_OTHER] = "other",
};

static bool contact_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct row_form *c = f->ctx;
	const char *name = form_text(f, c->f_name);
	int64_t id;

	if (validate_contact(name) != INVALID_OK) {
		snprintf(err, n, "Name: %s", invalid_message(INVALID_EMPTY_NAME));
		return false;
	}
	if (!c->row_id) {
		struct contact_rec r = {
			.account_id = c->a.account_id,
			.name = name,
			.title = form_text(f, c->f_title),
			.email = validate_blank(form_text(f, c->f_email))
					 ? NULL
					 : form_text(f, c->f_email),
			.phone = validate_blank(form_text(f, c->f_phone))
					 ? NULL
					 : form_text(f, c->f_phone),
			.role = (enum role)form_value(f, c->f_role),
		};
		if (db_contact_add(ui->db, &r, &id) != STATUS_OK)
			return account_form_failed(err, n);
		ui_message(ui, THEME_STATUS, "Buyer added: %s", name);
		return true;
	}
	{
		struct contact_edit e = {
			.name = name,
			.title = form_text(f, c->f_title),
			.email = form_text(f, c->f_email),
			.phone = form_text(f, c->f_phone),
			.role = (int)form_value(f, c->f_role),
		};
		if (db_contact_set(ui->db, c->row_id, &e) != STATUS_OK)
			return account_form_failed(err, n);
	}
	ui_message(ui, THEME_STATUS, "Buyer saved");
	return true;
}

struct contact_now {
	struct form *f;
	struct row_form *c;
	bool found;
};

static int got_contact(const struct contact_row *r, void *ctx)
{
	struct contact_now *x = ctx;

	if (r->id != x->c->row_id)
		return 0;
	form_set_text(x->f, x->c->f_name, r->name);
	form_set_text(x->f, x->c->f_title, r->title ? r->title : "");
	form_set_text(x->f, x->c->f_email, r->email ? r->email : "");
	form_set_text(x->f, x->c->f_phone, r->phone ? r->phone : "");
	form_select(x->f, x->c->f_role, role_from_name(r->role));
	x->found = true;
	return 1;
}

static int contact_form(struct ui *ui, struct row_form *c)
{
	struct form *f = account_form_new(&c->a, c->row_id ? "Edit a buyer" : "Add a buyer");

	c->f_name = form_add(f, FIELD_TEXT, "name", "Name");
	f->fields[c->f_name].required = true;
	c->f_role = form_add(f, FIELD_CHOICE, "role", "Role");
	form_choice(f, c->f_role, role_labels[ROLE_DECISION_MAKER], ROLE_DECISION_MAKER);
	form_choice(f, c->f_role, role_labels[ROLE_INFLUENCER], ROLE_INFLUENCER);
	form_choice(f, c->f_role, role_labels[ROLE_USER], ROLE_USER);
	form_choice(f, c->f_role, role_labels[ROLE_OTHER], ROLE_OTHER);
	form_select(f, c->f_role, ROLE_OTHER);
	c->f_title = form_add(f, FIELD_TEXT, "title", "Job title");
	c->f_email = form_add(f, FIELD_TEXT, "email", "Email");
	c->f_phone = form_add(f, FIELD_TEXT, "phone", "Phone");
	f->submit = contact_submit;
	if (c->row_id) {
		struct contact_now x = {f, c, false};

		db_contacts(ui->db, c->a.account_id, got_contact, &x);
		if (!x.found) {
			form_free(f);
			ui_message(ui, THEME_STATUS, "Choose a buyer on the Contacts tab first");
			return REACT_DRAW;
		}
		form_snapshot(f);
		with_draft(f, "buyer", c->row_id);
	} else {
		with_draft(f, "buyer-new", c->a.account_id);
	}
	return form_open(ui, f);
}

static bool response_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct row_form *c = f->ctx;
	struct feedback_rec r = {0};
	char on[DATE_LEN];
	int64_t score, id;
	int day;
	enum invalid v;

	if (parse_int(form_text(f, c->f_score), -1000000, 1000000, &score) != STATUS_OK) {
		snprintf(err, n, "Score: %s", invalid_message(INVALID_SCORE_RANGE));
		return false;
	}
	if (!form_date(f, c->f_on, ui->today, &day, err, n))
		return false;
	if (day < 0)
		day = ui->today;
	if ((v = validate_response((int)score, day, ui->today)) != INVALID_OK) {
		snprintf(err, n, "%s: %s", v == INVALID_SCORE_RANGE ? "Score" : "Answered on",
			 invalid_message(v));
		return false;
	}
	date_format(day, on);
	r.account_id = c->a.account_id;
	r.contact_id = form_value(f, c->f_contact);
	r.responded_on = on;
	r.score = (int)score;
	r.comment = form_text(f, c->f_comment);
	r.source =
		validate_blank(form_text(f, c->f_source)) ? "acctplan" : form_text(f, c->f_source);
	if (db_response_add(ui->db, &r, &id) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "Response recorded: %d on %s", r.score, on);
	return true;
}

static int response_form(struct ui *ui, struct row_form *c, int64_t contact_id)
{
	struct form *f = account_form_new(&c->a, "Record a response");

	c->f_score = form_add(f, FIELD_TEXT, "score", "Score");
	f->fields[c->f_score].required = true;
	f->fields[c->f_score].help = xstrdup("how likely they are to recommend us, 0 to 10");
	c->f_on = form_add(f, FIELD_DATE, "on", "Answered on");
	form_set_text(f, c->f_on, "today");
	c->f_contact = account_form_contacts(ui, f, c->a.account_id);
	form_select(f, c->f_contact, contact_id);
	c->f_source = form_add(f, FIELD_TEXT, "source", "Source");
	form_set_text(f, c->f_source, "acctplan");
	c->f_comment = form_add(f, FIELD_BODY, "comment", "What they said");
	f->submit = response_submit;
	with_draft(f, "response", c->a.account_id);
	return form_open(ui, f);
}

static bool row_delete_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct row_form *c = f->ctx;
	enum status st;

	if (form_value(f, c->f_confirm) != 1) {
		snprintf(err, n, "Choose \"yes\" to delete it, or Esc to keep it");
		return false;
	}
	st = c->a.action == ID_CONTACT ? db_contact_delete(ui->db, c->row_id)
				       : db_response_delete(ui->db, c->row_id);
	if (st != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "%s deleted: U brings it back",
		   c->a.action == ID_CONTACT ? "Buyer" : "Response");
	return true;
}

static int row_delete(struct ui *ui, struct row_form *c, int kind, const char *what)
{
	struct form *f;
	char *title;

	c->a.action = kind;
	title = xasprintf(kind == ID_CONTACT ? "Delete the buyer %s" : "Delete the response %s",
			  what);
	f = account_form_new(&c->a, title);
	free(title);
	c->f_confirm = form_add(f, FIELD_CHOICE, "confirm", "Delete it?");
	form_choice(f, c->f_confirm, "no, keep it", 0);
	form_choice(f, c->f_confirm,
		    kind == ID_CONTACT ? "yes; their responses stay, anonymous"
				       : "yes; notes and problems that followed it up stay",
		    1);
	f->submit = row_delete_submit;
	return form_open(ui, f);
}

/* ---- the entry point ------------------------------------------------------------ */

int book_forms_action(struct ui *ui, int64_t account_id, int action, const struct book_cursor *cur)
{
	switch (action) {
	case ACT_ACCOUNT_ADD:
		return book_account_add(ui);
	case ACT_ACCOUNT_EDIT:
	case ACT_ACCOUNT_WON:
	case ACT_ACCOUNT_LOST:
	case ACT_ACCOUNT_DELETE: {
		struct acct_form *c;

		if (db_is_readonly(ui->db))
			break;
		c = xcalloc(1, sizeof(*c));
		if (!account_form_init(ui, &c->a, account_id, action))
			return REACT_DRAW;
		return action == ACT_ACCOUNT_EDIT ? account_edit(ui, c)
						  : account_other(ui, c, action);
	}
	case ACT_CONTACT_ADD:
	case ACT_CONTACT_EDIT:
	case ACT_RESPONSE_ADD:
	case ACT_ROW_DELETE: {
		struct row_form *c;

		if (db_is_readonly(ui->db))
			break;
		if ((action == ACT_CONTACT_EDIT && (!cur || cur->kind != ID_CONTACT)) ||
		    (action == ACT_ROW_DELETE && (!cur || !cur->id))) {
			ui_message(ui, THEME_STATUS,
				   action == ACT_CONTACT_EDIT
					   ? "Choose a buyer on the Contacts tab first"
					   : "Choose a buyer (Contacts tab) or a response (Feedback"
					     " tab) first");
			return REACT_DRAW;
		}
		c = xcalloc(1, sizeof(*c));
		if (!account_form_init(ui, &c->a, account_id, action))
			return REACT_DRAW;
		if (action == ACT_CONTACT_ADD)
			return contact_form(ui, c);
		if (action == ACT_CONTACT_EDIT) {
			c->row_id = cur->id;
			return contact_form(ui, c);
		}
		if (action == ACT_RESPONSE_ADD)
			return response_form(ui, c, cur && cur->kind == ID_CONTACT ? cur->id : 0);
		c->row_id = cur->id;
		return row_delete(ui, c, cur->kind, cur->label ? cur->label : "");
	}
	default:
		return REACT_PASS;
	}
	ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be written");
	return REACT_DRAW;
}

/*
 * Referrals (account_forms.h): an ask of a buyer, or whom the buyer
 * referred us to and how it went, as `acctplan referral add` records them.
 * The buyer offered first is the account's first promoter still to ask.
 * Its save is one call to db_referral_add(), so one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "acctplan/practices.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

struct referral_form {
	struct account_form a; /* first */
	size_t f_contact, f_what, f_to, f_outcome, f_on;
};

enum { WHAT_ASKED, WHAT_NAMED };

static void referral_update(struct form *f)
{
	struct referral_form *c = f->ctx;
	bool named = form_value(f, c->f_what) == WHAT_NAMED;

	f->fields[c->f_to].hidden = !named;
	f->fields[c->f_outcome].hidden = !named;
}

static bool referral_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct referral_form *c = f->ctx;
	struct referral_rec rec = {0};
	char on[DATE_LEN], stamp[APP_STAMP_LEN];
	bool named = form_value(f, c->f_what) == WHAT_NAMED;
	enum referral_put how;
	int64_t id;
	int day;

	rec.contact_id = form_value(f, c->f_contact);
	if (!rec.contact_id) {
		snprintf(err, n, "Buyer: choose whom you asked");
		return false;
	}
	if (named && validate_blank(form_text(f, c->f_to))) {
		snprintf(err, n, "Referred to: whom did they name?");
		return false;
	}
	if (!form_date(f, c->f_on, ui->today, &day, err, n))
		return false;
	if (day < 0)
		day = ui->today;
	if (day > ui->today) {
		snprintf(err, n, "On: %s is after today", form_text(f, c->f_on));
		return false;
	}
	date_format(day, on);
	rec.account_id = c->a.account_id;
	rec.asked_on = on;
	rec.referred_to = named ? form_text(f, c->f_to) : NULL;
	rec.outcome = named ? (enum referral_outcome)form_value(f, c->f_outcome) : REFERRAL_PENDING;
	rec.outcome_on = named ? on : NULL;
	rec.stamp = app_stamp(ui->app, stamp);
	if (db_referral_add(ui->db, &rec, &id, &how) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "%s",
		   how == REFERRAL_ASKED     ? "Referral ask saved: not asked again for a while"
		   : how == REFERRAL_UPDATED ? "Referral updated"
					     : "Referral saved");
	return true;
}

struct first_ask {
	int64_t contact;
};

static int got_ask(const struct to_ask_row *r, void *ctx)
{
	((struct first_ask *)ctx)->contact = r->contact_id;
	return 1;
}

int referral_forms_open(struct ui *ui, int64_t account_id, int action)
{
	struct referral_form *c = xcalloc(1, sizeof(*c));
	struct first_ask first = {0};
	struct form *f;
	int k;

	if (!account_form_init(ui, &c->a, account_id, action))
		return REACT_DRAW;
	f = account_form_new(&c->a, "Referral: an ask, or whom they named");
	c->f_contact = account_form_contacts(ui, f, account_id);
	if (db_referrals_to_ask(ui->db, ui->rules, ui->today, NULL, account_id, got_ask, &first) ==
		    STATUS_OK &&
	    first.contact)
		form_select(f, c->f_contact, first.contact);
	c->f_what = form_add(f, FIELD_CHOICE, "what", "What");
	form_choice(f, c->f_what, "asked them for a referral", WHAT_ASKED);
	form_choice(f, c->f_what, "they referred us to someone", WHAT_NAMED);
	c->f_to = form_add(f, FIELD_TEXT, "to", "Referred to");
	f->fields[c->f_to].help = xstrdup("whom they named: a person or a company");
	c->f_outcome = form_add(f, FIELD_CHOICE, "outcome", "Outcome");
	for (k = 0; k < REFERRAL_OUTCOME_COUNT; k++)
		form_choice(f, c->f_outcome, referral_outcome_name((enum referral_outcome)k), k);
	c->f_on = form_add(f, FIELD_DATE, "on", "On");
	f->fields[c->f_on].help = xstrdup("the day of the ask or of the outcome; blank: today");
	f->update = referral_update;
	f->submit = referral_submit;
	referral_update(f);
	return form_open(ui, f);
}

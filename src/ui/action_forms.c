/*
 * The team's actions (account_forms.h): an action agreed on the account in
 * a standup, with what is to be done, its owner (the account's by default,
 * or any owner of the book) and the day it is due by. Its save is one call
 * to db_action_add(), so one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "acctplan/history.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

struct action_form {
	struct account_form a; /* first */
	size_t f_text, f_owner, f_due;
};

static bool action_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct action_form *c = f->ctx;
	struct action_rec rec = {0};
	char due[DATE_LEN], stamp[APP_STAMP_LEN], when[32];
	const struct form_field *who = &f->fields[c->f_owner];
	/* the name chosen, not an index into ui->owners: a write by another
	 * program while the form is open reads the owners again */
	const char *owner =
		form_value(f, c->f_owner) > 0 ? who->choices[who->sel].label : c->a.owner;
	int64_t id;
	int day;

	if (validate_action(form_text(f, c->f_text), owner) != INVALID_OK) {
		snprintf(err, n, "%s",
			 validate_blank(form_text(f, c->f_text))
				 ? "What is to be done: the text is empty"
				 : "Who does it: the account has no owner; choose one");
		return false;
	}
	if (!form_date(f, c->f_due, ui->today, &day, err, n))
		return false;
	if (day < 0) {
		snprintf(err, n, "By when: give the day it is due (YYYY-MM-DD or +N days)");
		return false;
	}
	date_format(day, due);
	rec.account_id = c->a.account_id;
	rec.owner = owner;
	rec.text = form_text(f, c->f_text);
	rec.due = due;
	rec.created_at = app_stamp(ui->app, stamp);
	if (db_action_add(ui->db, &rec, &id) != STATUS_OK)
		return account_form_failed(err, n);
	fmt_due(when, sizeof(when), day, ui->today);
	ui_message(ui, THEME_STATUS, "Action agreed: %s, due %s (%s)", owner, due, when);
	return true;
}

int action_forms_open(struct ui *ui, int64_t account_id, int action)
{
	struct action_form *c = xcalloc(1, sizeof(*c));
	struct form *f;
	size_t i;

	if (!account_form_init(ui, &c->a, account_id, action))
		return REACT_DRAW;
	f = account_form_new(&c->a, "Agree an action");
	c->f_text = form_add(f, FIELD_TEXT, "text", "What");
	f->fields[c->f_text].required = true;
	f->fields[c->f_text].help = xstrdup("e.g. call the ops lead about the claims backlog");
	/* the account's owner first; value 0, or i + 1 for ui->owners[i] */
	c->f_owner = form_add(f, FIELD_CHOICE, "owner", "Who");
	form_choice(f, c->f_owner, *c->a.owner ? c->a.owner : "(the account has no owner)", 0);
	ui_owners(ui);
	for (i = 0; i < ui->nowners; i++)
		if (strcmp(ui->owners[i], c->a.owner) != 0)
			form_choice(f, c->f_owner, ui->owners[i], (int64_t)i + 1);
	c->f_due = form_add(f, FIELD_DATE, "due", "By when");
	f->fields[c->f_due].required = true;
	f->fields[c->f_due].help = xstrdup("YYYY-MM-DD, or +N days from today");
	form_set_text(f, c->f_due, "+7");
	f->submit = action_submit;
	return form_open(ui, f);
}

/*
 * The account's plan (account_forms.h): readiness conditions (add, change,
 * mark met, reopen) and the hold set or lifted by hand, with its reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "acctplan/loop.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

struct condition_form {
	struct account_form a; /* first */
	size_t f_text, f_hold;
	int want; /* the conditions offered: 0 open ones, 1 met ones, -1 all */
};

static int got_condition(const struct condition_row *r, void *ctx)
{
	struct condition_form *c = ctx;
	struct item *it;

	if ((c->want == 0 && r->met_on) || (c->want == 1 && !r->met_on))
		return 0;
	it = account_form_item(&c->a);
	it->id = r->id;
	it->flag = r->met_on != NULL;
	it->text = xstrdup(r->text);
	it->label = r->met_on ? xasprintf("%s (met %s)", r->text, r->met_on) : xstrdup(r->text);
	return 0;
}

static bool condition_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct condition_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);
	char today[DATE_LEN];
	enum status st;
	int64_t id;
	int action = c->a.action;

	date_format(ui->today, today);
	if ((action == ACT_CONDITION_ADD || action == ACT_CONDITION_EDIT) &&
	    validate_condition(form_text(f, c->f_text)) != INVALID_OK) {
		snprintf(err, n, "What must change: %s", invalid_message(INVALID_EMPTY_TEXT));
		return false;
	}
	if (action != ACT_CONDITION_ADD && !it)
		return false;
	switch (action) {
	case ACT_CONDITION_ADD:
		st = db_condition_add(ui->db, c->a.account_id, form_text(f, c->f_text), &id);
		break;
	case ACT_CONDITION_EDIT:
		st = db_condition_edit(ui->db, it->id, form_text(f, c->f_text));
		break;
	case ACT_CONDITION_MET:
		st = db_condition_met(ui->db, it->id, today);
		break;
	default:
		st = db_condition_reopen(ui->db, it->id);
		break;
	}
	if (st != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "%s",
		   action == ACT_CONDITION_ADD
			   ? "Condition added: sales stay on hold until it is met"
		   : action == ACT_CONDITION_EDIT ? "Condition changed"
		   : action == ACT_CONDITION_MET  ? "Condition met"
						  : "Condition open again: sales are on hold");
	return true;
}

static void condition_update(struct form *f)
{
	struct condition_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);

	if (c->a.action == ACT_CONDITION_EDIT && it && it->id != c->a.last_pick) {
		c->a.last_pick = it->id;
		form_set_text(f, c->f_text, it->text);
	}
}

static int open_condition(struct ui *ui, struct condition_form *c)
{
	int action = c->a.action;
	struct form *f;

	c->want = action == ACT_CONDITION_MET ? 0 : action == ACT_CONDITION_REOPEN ? 1 : -1;
	if (action != ACT_CONDITION_ADD) {
		if (db_conditions(ui->db, c->a.account_id, got_condition, c) != STATUS_OK)
			return account_form_none(ui, &c->a, status_detail());
		if (!c->a.nitems)
			return account_form_none(
				ui, &c->a,
				action == ACT_CONDITION_MET ? "No open condition: every one is met"
				: action == ACT_CONDITION_REOPEN
					? "No met condition to reopen"
					: "No readiness condition yet (+ adds one)");
	}
	f = account_form_new(&c->a, action == ACT_CONDITION_ADD    ? "Add a readiness condition"
				    : action == ACT_CONDITION_EDIT ? "Change a readiness condition"
				    : action == ACT_CONDITION_MET ? "Mark a readiness condition met"
								  : "Reopen a readiness condition");
	if (action != ACT_CONDITION_ADD)
		account_form_pick(f, &c->a, "condition", "Condition");
	if (action == ACT_CONDITION_ADD || action == ACT_CONDITION_EDIT) {
		c->f_text = form_add(f, FIELD_TEXT, "text", "What must change");
		f->fields[c->f_text].required = true;
		f->fields[c->f_text].help = xstrdup("e.g. claims backlog under 5 days");
	}
	f->update = condition_update;
	f->submit = condition_submit;
	return form_open(ui, f);
}

/* ---- the hold, by hand ------------------------------------------------- */

enum { HOLD_RULES, HOLD_ON, HOLD_OFF };

static void hold_update(struct form *f)
{
	struct condition_form *c = f->ctx;
	bool rules = form_value(f, c->f_hold) == HOLD_RULES;

	f->fields[c->f_text].hidden = rules;
	f->fields[c->f_text].required = !rules;
}

static bool hold_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct condition_form *c = f->ctx;
	int64_t v = form_value(f, c->f_hold);
	char today[DATE_LEN];
	enum status st;

	date_format(ui->today, today);
	if (v == HOLD_RULES)
		st = db_hold_auto(ui->db, c->a.account_id);
	else
		st = db_hold_manual(ui->db, c->a.account_id, v == HOLD_ON, form_text(f, c->f_text),
				    today);
	if (st != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "%s",
		   v == HOLD_RULES ? "The hold follows the rules again"
		   : v == HOLD_ON  ? "Sales on hold, by hand"
				   : "Hold lifted by hand");
	return true;
}

static int open_hold(struct ui *ui, struct condition_form *c)
{
	struct form *f =
		account_form_new(&c->a, c->a.hold ? "Sales are on hold: lift the hold by hand?"
						  : "Sales are open: put them on hold by hand?");

	c->f_hold = form_add(f, FIELD_CHOICE, "hold", "Sales");
	if (c->a.hold) {
		form_choice(f, c->f_hold, "open: lift the hold by hand", HOLD_OFF);
		form_choice(f, c->f_hold, "on hold, set by hand", HOLD_ON);
	} else {
		form_choice(f, c->f_hold, "on hold, set by hand", HOLD_ON);
		form_choice(f, c->f_hold, "open: lift the hold by hand", HOLD_OFF);
	}
	if (c->a.manual)
		form_choice(f, c->f_hold, "follow the rules again (forget the hand-set state)",
			    HOLD_RULES);
	c->f_text = form_add(f, FIELD_TEXT, "reason", "Reason");
	f->fields[c->f_text].help =
		xstrdup("kept with the date; it wins until the quadrant changes");
	f->update = hold_update;
	f->submit = hold_submit;
	return form_open(ui, f);
}

int condition_forms_open(struct ui *ui, int64_t account_id, int action)
{
	struct condition_form *c = xcalloc(1, sizeof(*c));

	if (!account_form_init(ui, &c->a, account_id, action))
		return REACT_DRAW;
	c->f_text = c->f_hold = NONE;
	return action == ACT_HOLD ? open_hold(ui, c) : open_condition(ui, c);
}

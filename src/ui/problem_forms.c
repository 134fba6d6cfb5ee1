/*
 * Problems on one account (account_forms.h): open one from a response (the
 * response is then followed up), and move one along its lifecycle,
 * offered only the moves problem_move_check() allows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "acctplan/loop.h"
#include "acctplan/problem.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

struct problem_form {
	struct account_form a; /* first */
	size_t f_to, f_cause, f_report, f_cat, f_title;
};

/* ---- a problem from a response ---------------------------------------- */

static bool create_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct problem_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);
	struct problem_new p;
	char today[DATE_LEN];
	int64_t id;

	if (!it) {
		snprintf(err, n, "Choose the response the problem comes from");
		return false;
	}
	date_format(ui->today, today);
	memset(&p, 0, sizeof(p));
	p.account_id = c->a.account_id;
	p.feedback_id = it->id;
	p.category = (int)form_value(f, c->f_cat);
	p.title = validate_blank(form_text(f, c->f_title)) ? NULL : form_text(f, c->f_title);
	p.opened_on = today;
	if (db_problem_create(ui->db, &p, &id) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS,
		   "Problem opened; the response is followed up (p shows problems)");
	return true;
}

static int open_create(struct ui *ui, struct problem_form *c)
{
	struct form *f;
	size_t i;

	if (!account_form_responses(ui, &c->a, false, false))
		return REACT_DRAW;
	f = account_form_new(&c->a, "Open a problem from a response");
	account_form_pick(f, &c->a, "response", "Response");
	c->f_cat = form_add(f, FIELD_CHOICE, "category", "Category");
	form_choice(f, c->f_cat, "(the defect's, else service)", -1);
	for (i = 0; i < PCAT_COUNT; i++)
		form_choice(f, c->f_cat, problem_category_name((enum problem_category)i),
			    (int64_t)i);
	c->f_title = form_add(f, FIELD_TEXT, "title", "Title");
	f->fields[c->f_title].help = xstrdup("blank: the defect's title, else the comment");
	f->submit = create_submit;
	return form_open(ui, f);
}

/* ---- the lifecycle ------------------------------------------------------- */

static int got_problem(const struct problem_info *r, void *ctx)
{
	struct problem_form *c = ctx;
	struct item *it;
	char *title, w[48];

	if (!strcmp(r->p.status, "reported_back"))
		return 0;
	it = account_form_item(&c->a);
	title = account_form_shorten(r->p.title, 50);
	fmt_word(w, sizeof(w), r->p.status);
	it->id = r->p.id;
	it->num = problem_status_from_name(r->p.status);
	it->text = xstrdup(r->p.root_cause ? r->p.root_cause : "");
	it->text2 = xstrdup(r->p.reported_back ? r->p.reported_back : "");
	it->label = xasprintf("%s [%s]", title, w);
	free(title);
	return 0;
}

/* Offers the moves the lifecycle allows from the chosen problem's state
 * (problem.h), with the root cause and what was told asked for by the
 * form itself; the next state first. */
static void offer_moves(struct form *f, struct problem_form *c, const struct item *it)
{
	int s, next = -1;
	char w[48];

	form_clear_choices(f, c->f_to);
	for (s = 0; s < PSTAT_COUNT; s++) {
		if (problem_move_check((enum problem_status)it->num, (enum problem_status)s, true,
				       true) != PMOVE_OK)
			continue;
		fmt_word(w, sizeof(w), problem_status_name((enum problem_status)s));
		form_choice(f, c->f_to, w, s);
		if (next < 0 && s > it->num)
			next = s;
	}
	if (next >= 0)
		form_select(f, c->f_to, next);
}

static void advance_update(struct form *f)
{
	struct problem_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);
	int to;

	if (it && it->id != c->a.last_pick) {
		c->a.last_pick = it->id;
		offer_moves(f, c, it);
		form_set_text(f, c->f_cause, it->text);
	}
	to = (int)form_value(f, c->f_to);
	/* the root cause is asked for on the way to fixing (and shown while
	 * looking for it); what was told, at reported_back */
	f->fields[c->f_cause].hidden = !(to == PSTAT_ROOT_CAUSE || to == PSTAT_FIXING ||
					 (to == PSTAT_RESOLVED && it && !*it->text));
	f->fields[c->f_cause].required = to >= PSTAT_FIXING;
	f->fields[c->f_report].hidden = to != PSTAT_REPORTED_BACK;
	f->fields[c->f_report].required = to == PSTAT_REPORTED_BACK;
}

static bool advance_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct problem_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);
	struct problem_move_req m;
	char today[DATE_LEN], w[48];
	const char *cause = form_text(f, c->f_cause), *report = form_text(f, c->f_report);

	if (!it)
		return false;
	if (!f->fields[c->f_to].nchoices) {
		snprintf(err, n, "This problem cannot move from here");
		return false;
	}
	date_format(ui->today, today);
	memset(&m, 0, sizeof(m));
	m.to = (int)form_value(f, c->f_to);
	m.on = today;
	if (!f->fields[c->f_cause].hidden && !validate_blank(cause) && strcmp(cause, it->text) != 0)
		m.root_cause = cause;
	if (!f->fields[c->f_report].hidden && !validate_blank(report))
		m.reported = report;
	if (db_problem_move(ui->db, it->id, &m) != STATUS_OK)
		return account_form_failed(err, n);
	fmt_word(w, sizeof(w), problem_status_name((enum problem_status)m.to));
	ui_message(ui, THEME_STATUS, "Problem moved to %s%s", w,
		   m.to == PSTAT_REPORTED_BACK ? ": the loop is closed" : "");
	return true;
}

static int open_advance(struct ui *ui, struct problem_form *c)
{
	struct problem_filter pf = {.account_id = c->a.account_id, .status = -1, .open_only = true};
	struct form *f;

	if (db_problem_list(ui->db, &pf, got_problem, c) != STATUS_OK)
		return account_form_none(ui, &c->a, status_detail());
	if (!c->a.nitems)
		return account_form_none(
			ui, &c->a, "No open problem on this account (C opens one from a response)");
	f = account_form_new(
		&c->a,
		"Move a problem along: open → root cause → fixing → resolved → reported back");
	account_form_pick(f, &c->a, "problem", "Problem");
	c->f_to = form_add(f, FIELD_CHOICE, "to", "Move to");
	offer_moves(f, c, &c->a.items[0]);
	c->f_cause = form_add(f, FIELD_TEXT, "root_cause", "Root cause");
	f->fields[c->f_cause].help = xstrdup("why it happened");
	c->f_report = form_add(f, FIELD_TEXT, "reported", "Reported back");
	f->fields[c->f_report].help = xstrdup("what the customer was told");
	f->update = advance_update;
	f->submit = advance_submit;
	return form_open(ui, f);
}

int problem_forms_open(struct ui *ui, int64_t account_id, int action)
{
	struct problem_form *c = xcalloc(1, sizeof(*c));

	if (!account_form_init(ui, &c->a, account_id, action))
		return REACT_DRAW;
	return action == ACT_PROBLEM_NEW ? open_create(ui, c) : open_advance(ui, c);
}

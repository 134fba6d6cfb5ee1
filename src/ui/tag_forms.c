/*
 * Defect tags on one account (account_forms.h): tag a response with a
 * defect of the catalogue, remove a tag, and set or clear the defect of a
 * problem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "acctplan/loop.h"
#include "acctplan/xalloc.h"

struct tag_form {
	struct account_form a; /* first */
	size_t f_defect;
};

/* Adds the catalogue, by code, as choices of field i; false with a message
 * when it cannot be read or is empty. */
static bool add_defects(struct ui *ui, struct form *f, size_t i)
{
	struct defect_report rep;
	size_t k;

	memset(&rep, 0, sizeof(rep));
	if (db_defect_report(ui->db, ui->rules, ui->today, &rep) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		return false;
	}
	for (k = 0; k < rep.n; k++) {
		char *label =
			xasprintf("%s: %s (%s)", rep.d[k].code, rep.d[k].title, rep.d[k].category);
		form_choice(f, i, label, rep.d[k].id);
		free(label);
	}
	defect_report_done(&rep);
	if (!f->fields[i].nchoices) {
		ui_message(ui, THEME_STATUS,
			   "The defect catalogue is empty (D, then a adds a defect)");
		return false;
	}
	return true;
}

/* One choice per (response, tag): the item's id numbers the pair, id2 is
 * the defect. */
static bool split_tags(struct ui *ui, struct tag_form *c)
{
	struct item *all = c->a.items;
	size_t n = c->a.nitems, i;
	int64_t seq = 0;

	c->a.items = NULL;
	c->a.nitems = c->a.items_cap = 0;
	for (i = 0; i < n; i++) {
		char *codes = xstrdup(all[i].text2 ? all[i].text2 : ""), *save = NULL, *tok;

		for (tok = strtok_r(codes, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
			int64_t did;
			struct item *it;

			if (db_defect_find(ui->db, tok, &did) != STATUS_OK)
				continue;
			it = account_form_item(&c->a);
			it->id = ++seq;
			it->contact_id = all[i].id; /* the response */
			it->id2 = did;
			it->text = xstrdup(tok);
			it->label = xasprintf("%s from %s", tok, all[i].label);
		}
		free(codes);
		free(all[i].label);
		free(all[i].text);
		free(all[i].text2);
		free(all[i].date);
	}
	free(all);
	return c->a.nitems > 0;
}

static bool tag_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct tag_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);
	bool untag = c->a.action == ACT_DEFECT_UNTAG;
	int64_t fid, did;
	const char *what;
	size_t k;

	if (!it) {
		snprintf(err, n, untag ? "Choose the tag to remove" : "Choose the response to tag");
		return false;
	}
	fid = untag ? it->contact_id : it->id;
	did = untag ? it->id2 : form_value(f, c->f_defect);
	if (!did) {
		snprintf(err, n, "Choose a defect");
		return false;
	}
	if (db_feedback_tag(ui->db, fid, did, untag) != STATUS_OK)
		return account_form_failed(err, n);
	what = untag ? it->text : "";
	if (!untag) {
		const struct form_field *d = &f->fields[c->f_defect];
		for (k = 0; k < d->nchoices; k++)
			if (d->choices[k].value == did)
				what = d->choices[k].label;
	}
	ui_message(ui, THEME_STATUS,
		   untag ? "Tag %s removed from the response" : "Response tagged with %s", what);
	return true;
}

static int open_tag(struct ui *ui, struct tag_form *c)
{
	bool untag = c->a.action == ACT_DEFECT_UNTAG;
	struct form *f;

	if (!account_form_responses(ui, &c->a, false, !untag))
		return REACT_DRAW;
	if (untag && !split_tags(ui, c))
		return account_form_none(ui, &c->a,
					 "No response of this account is tagged with a defect");
	f = account_form_new(&c->a, untag ? "Remove a defect tag from a response"
					  : "Tag a response with a defect");
	account_form_pick(f, &c->a, "response", untag ? "Tag" : "Response");
	if (!untag) {
		c->f_defect = form_add(f, FIELD_CHOICE, "defect", "Defect");
		f->fields[c->f_defect].help = xstrdup("←/→ or the first letter of its code");
		if (!add_defects(ui, f, c->f_defect)) {
			form_free(f);
			return REACT_DRAW;
		}
	}
	f->submit = tag_submit;
	return form_open(ui, f);
}

static int got_any_problem(const struct problem_info *r, void *ctx)
{
	struct tag_form *c = ctx;
	struct item *it = account_form_item(&c->a);
	char *title = account_form_shorten(r->p.title, 50), w[48];

	it->id = r->p.id;
	it->id2 = r->defect_id;
	fmt_word(w, sizeof(w), r->p.status);
	it->label = xasprintf("%s [%s]%s%s", title, w, r->p.defect_code ? " defect " : "",
			      r->p.defect_code ? r->p.defect_code : "");
	free(title);
	return 0;
}

static void problem_defect_update(struct form *f)
{
	struct tag_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);

	if (it && it->id != c->a.last_pick) {
		c->a.last_pick = it->id;
		form_select(f, c->f_defect, it->id2);
	}
}

static bool problem_defect_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct tag_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);
	struct problem_edit e = {NULL, NULL, NULL, -1, 0};

	if (!it) {
		snprintf(err, n, "Choose a problem");
		return false;
	}
	e.defect_id = form_value(f, c->f_defect);
	if (db_problem_edit(ui->db, it->id, &e) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "%s",
		   e.defect_id ? "The problem's defect is set" : "The problem has no defect now");
	return true;
}

static int open_problem_defect(struct ui *ui, struct tag_form *c)
{
	struct problem_filter pf = {.account_id = c->a.account_id, .status = -1};
	struct form *f;

	if (db_problem_list(ui->db, &pf, got_any_problem, c) != STATUS_OK)
		return account_form_none(ui, &c->a, status_detail());
	if (!c->a.nitems)
		return account_form_none(
			ui, &c->a, "No problem on this account (C opens one from a response)");
	f = account_form_new(&c->a, "Set or clear the defect of a problem");
	account_form_pick(f, &c->a, "problem", "Problem");
	c->f_defect = form_add(f, FIELD_CHOICE, "defect", "Defect");
	form_choice(f, c->f_defect, "(none: clear the defect)", 0);
	if (!add_defects(ui, f, c->f_defect)) {
		form_free(f);
		return REACT_DRAW;
	}
	form_select(f, c->f_defect, c->a.items[0].id2);
	c->a.last_pick = c->a.items[0].id;
	f->update = problem_defect_update;
	f->submit = problem_defect_submit;
	return form_open(ui, f);
}

int tag_forms_open(struct ui *ui, int64_t account_id, int action)
{
	struct tag_form *c = xcalloc(1, sizeof(*c));

	if (!account_form_init(ui, &c->a, account_id, action))
		return REACT_DRAW;
	c->f_defect = NONE;
	return action == ACT_PROBLEM_DEFECT ? open_problem_defect(ui, c) : open_tag(ui, c);
}

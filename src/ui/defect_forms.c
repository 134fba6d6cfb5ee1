/*
 * The console's writes on the defect catalogue, each a form (form.h) whose
 * save is one call into loop.h, so one transaction: add a defect (code,
 * title, category) and change one's title or category. The form refreshes
 * the standings after a save and the defects view below reloads, with the
 * defect just written selected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "form.h"
#include "acctplan/validate.h"
#include "acctplan/loop.h"
#include "acctplan/problem.h"
#include "acctplan/xalloc.h"

struct df {
	int64_t id; /* the defect changed; 0 when adding */
	char *code; /* its code, when changing */
	size_t f_code, f_title, f_cat;
};

static void df_free(void *p)
{
	struct df *c = p;

	free(c->code);
	free(c);
}

static bool df_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct df *c = f->ctx;
	const char *title = form_text(f, c->f_title);
	int cat = (int)form_value(f, c->f_cat);
	enum status st;
	int64_t id;

	if (validate_blank(title)) {
		snprintf(err, n, "Give the defect a title");
		return false;
	}
	if (c->id) {
		st = db_defect_edit(ui->db, c->id, title, cat);
	} else {
		const char *code = form_text(f, c->f_code);
		if (validate_defect_code(code) != INVALID_OK) {
			snprintf(err, n, "Code: %s", invalid_message(INVALID_DEFECT_CODE));
			return false;
		}
		st = db_defect_add(ui->db, code, title, (enum problem_category)cat, &id);
	}
	if (st != STATUS_OK) {
		snprintf(err, n, "Not saved: %s", status_detail());
		return false;
	}
	view_defects_select(c->id ? c->code : form_text(f, c->f_code));
	ui_message(ui, THEME_STATUS,
		   c->id ? "Defect %s changed" : "Defect %s added to the catalogue",
		   c->id ? c->code : form_text(f, c->f_code));
	return true;
}

int defect_forms_open(struct ui *ui, int64_t id, const char *code, const char *title,
		      const char *category)
{
	struct df *c;
	struct form *f;
	char *intro;
	int k;

	if (db_is_readonly(ui->db)) {
		ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be written");
		return REACT_DRAW;
	}
	c = xcalloc(1, sizeof(*c));
	c->id = id;
	c->code = id ? xstrdup(code) : NULL;
	c->f_code = (size_t)-1;
	intro = id ? xasprintf("Defect %s", code) : NULL;
	f = form_new(
		id ? "Change a defect" : "Add a defect to the catalogue",
		id ? intro
		   : "A kind of recurring problem that responses and problems are tagged with");
	free(intro);
	f->ctx = c;
	f->ctx_free = df_free;
	if (!id) {
		c->f_code = form_add(f, FIELD_TEXT, "code", "Code");
		f->fields[c->f_code].required = true;
		f->fields[c->f_code].help = xstrdup("e.g. CLAIMS-DELAY: letters, digits, - or _");
	}
	c->f_title = form_add(f, FIELD_TEXT, "title", "Title");
	f->fields[c->f_title].required = true;
	if (title)
		form_set_text(f, c->f_title, title);
	c->f_cat = form_add(f, FIELD_CHOICE, "category", "Category");
	for (k = 0; k < PCAT_COUNT; k++)
		form_choice(f, c->f_cat, problem_category_name((enum problem_category)k), k);
	if (category && problem_category_from_name(category) >= 0)
		form_select(f, c->f_cat, problem_category_from_name(category));
	f->submit = df_submit;
	return form_open(ui, f);
}

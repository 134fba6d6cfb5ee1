/*
 * The form model (see form.h): fields, choices, texts and dates, with no
 * terminal in sight, so it is unit-tested on its own. Drafts on disk are
 * in draft.c, the external editor in editor.c, the view in view_form.c.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "acctplan/date.h"
#include "acctplan/parse.h"
#include "acctplan/xalloc.h"

struct form_saved {
	size_t sel;
	char *text;
};

static void snapshot_free(struct form *f)
{
	size_t i;

	if (f->initial)
		for (i = 0; i < f->nfields; i++)
			free(f->initial[i].text);
	free(f->initial);
	f->initial = NULL;
}

void form_snapshot(struct form *f)
{
	size_t i;

	snapshot_free(f);
	f->initial = xcalloc(f->nfields ? f->nfields : 1, sizeof(*f->initial));
	for (i = 0; i < f->nfields; i++) {
		f->initial[i].sel = f->fields[i].sel;
		f->initial[i].text = xstrdup(f->fields[i].text.buf);
	}
}

/* ---- the form object ------------------------------------------------------ */

struct form *form_new(const char *title, const char *intro)
{
	struct form *f = xcalloc(1, sizeof(*f));

	f->title = xstrdup(title);
	f->intro = intro ? xstrdup(intro) : NULL;
	return f;
}

void form_free(struct form *f)
{
	size_t i, k;

	if (!f)
		return;
	snapshot_free(f);
	for (i = 0; i < f->nfields; i++) {
		struct form_field *fl = &f->fields[i];
		for (k = 0; k < fl->nchoices; k++)
			free(fl->choices[k].label);
		free(fl->choices);
		strbuf_done(&fl->text);
		free(fl->key);
		free(fl->label);
		free(fl->help);
	}
	free(f->fields);
	if (f->ctx_free)
		f->ctx_free(f->ctx);
	free(f->title);
	free(f->intro);
	free(f->draft);
	free(f);
}

size_t form_add(struct form *f, enum field_kind kind, const char *key, const char *label)
{
	struct form_field *fl;

	assert(f->nfields < FORM_FIELDS_MAX && !f->initial);
	f->fields = xgrow(f->fields, &f->fields_cap, f->nfields + 1, sizeof(*f->fields));
	fl = &f->fields[f->nfields];
	memset(fl, 0, sizeof(*fl));
	fl->kind = kind;
	fl->key = xstrdup(key);
	fl->label = xstrdup(label);
	strbuf_init(&fl->text);
	return f->nfields++;
}

void form_choice(struct form *f, size_t i, const char *label, int64_t value)
{
	struct form_field *fl = &f->fields[i];

	fl->choices = xgrow(fl->choices, &fl->choices_cap, fl->nchoices + 1, sizeof(*fl->choices));
	fl->choices[fl->nchoices].label = xstrdup(label);
	fl->choices[fl->nchoices].value = value;
	fl->nchoices++;
}

void form_clear_choices(struct form *f, size_t i)
{
	struct form_field *fl = &f->fields[i];
	size_t k;

	for (k = 0; k < fl->nchoices; k++)
		free(fl->choices[k].label);
	free(fl->choices);
	fl->choices = NULL;
	fl->nchoices = fl->choices_cap = 0;
	fl->sel = 0;
}

bool form_select(struct form *f, size_t i, int64_t value)
{
	struct form_field *fl = &f->fields[i];
	size_t k;

	for (k = 0; k < fl->nchoices; k++)
		if (fl->choices[k].value == value) {
			fl->sel = k;
			return true;
		}
	return false;
}

int64_t form_value(const struct form *f, size_t i)
{
	const struct form_field *fl = &f->fields[i];

	return fl->nchoices ? fl->choices[fl->sel].value : 0;
}

const char *form_text(const struct form *f, size_t i)
{
	return f->fields[i].text.buf;
}

void form_set_text(struct form *f, size_t i, const char *s)
{
	strbuf_reset(&f->fields[i].text);
	strbuf_adds(&f->fields[i].text, s ? s : "");
}

bool form_date(const struct form *f, size_t i, int today, int *day, char *err, size_t errn)
{
	enum status st = parse_day(f->fields[i].text.buf, today, day);

	if (st == STATUS_OK)
		return true;
	*day = -1;
	if (st == STATUS_NOT_FOUND)
		return true; /* blank: no date */
	snprintf(err, errn, "%s: \"%.20s\" is not a date: %s", f->fields[i].label,
		 f->fields[i].text.buf, status_detail());
	return false;
}

bool form_visible(const struct form *f, size_t i)
{
	return i < f->nfields && !f->fields[i].hidden;
}

void form_update(struct form *f)
{
	size_t i;

	if (f->update)
		f->update(f);
	if (form_visible(f, f->focus))
		return;
	for (i = f->focus + 1; i < f->nfields; i++)
		if (form_visible(f, i)) {
			f->focus = i;
			return;
		}
	for (i = f->focus; i-- > 0;)
		if (form_visible(f, i)) {
			f->focus = i;
			return;
		}
}

void form_revert(struct form *f)
{
	size_t i;

	if (!f->initial)
		return;
	for (i = 0; i < f->nfields; i++) {
		f->fields[i].sel = f->initial[i].sel;
		form_set_text(f, i, f->initial[i].text);
	}
}

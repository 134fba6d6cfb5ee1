/*
 * A small form: a column of fields the user walks with Tab/Enter, filled
 * in one keystroke at a time, then saved with one call to the form's
 * submit function. Used for every write of the console (notes, follow-ups,
 * problems, readiness conditions, the hold).
 *
 * Fields are choices (one of a list of labelled values, changed with
 * ←/→, Space or the first letter of a label), one-line texts, dates
 * (YYYY-MM-DD, or +N for N days from today) and one long text (the note)
 * that may also be written in $VISUAL / $EDITOR. A field can be hidden by
 * the form's update function (the reason shows only when the answer is not
 * "yes").
 *
 * Drafts (draft.h): a form given a draft name keeps what was typed on disk
 * as it is typed, so a killed terminal loses nothing; the next form with
 * that name restores it. A saved form deletes its draft.
 *
 * This file is the model alone (form.c has no terminal in it); the form
 * view (view_form.c) owns the open form: form_open() hands it over, and it
 * is freed when the next form opens or the console ends.
 */
#ifndef ACCTPLAN_UI_FORM_H
#define ACCTPLAN_UI_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/strbuf.h"

struct ui;

enum field_kind {
	FIELD_CHOICE,
	FIELD_TEXT, /* one line */
	FIELD_DATE, /* parse_day(): YYYY-MM-DD, today, +N...; may be empty unless required */
	FIELD_BODY, /* long text: inline, or in the editor */
};

struct form_choice {
	char *label;
	int64_t value;
};

struct form_field {
	enum field_kind kind;
	char *key; /* name in the draft file */
	char *label;
	struct form_choice *choices;
	size_t nchoices, choices_cap;
	size_t sel;         /* the chosen one */
	struct strbuf text; /* text kinds */
	bool required;      /* text kinds: may not be left blank */
	bool hidden;        /* skipped and not checked */
	char *help;         /* one line shown beside the field, or NULL */
};

struct form;
struct form_saved;
/* Does the write. Returns true when saved; otherwise puts one line saying
 * why into err (the form stays open). */
typedef bool (*form_submit_fn)(struct ui *ui, struct form *f, char *err, size_t errn);

struct form {
	char *title;
	char *intro; /* a line under the title (the account), or NULL */
	struct form_field *fields;
	size_t nfields, fields_cap;
	size_t focus;
	form_submit_fn submit;
	void (*update)(struct form *f); /* after each change: sets hidden */
	void *ctx;                      /* the caller's, freed with ctx_free */
	void (*ctx_free)(void *ctx);
	char *draft;                /* draft name, or NULL for none */
	bool dirty;                 /* changed since opened or restored */
	char notice[256];           /* a line for the user ("draft restored") */
	bool draft_back;            /* the notice says a draft was restored */
	char error[256];            /* why the last save failed */
	struct form_saved *initial; /* the fields as the caller filled them */
};

#define FORM_FIELDS_MAX 32

struct form *form_new(const char *title, const char *intro);
/* Frees f, its fields and its ctx; NULL is a no-op. */
void form_free(struct form *f);
/* Adds a field; returns its index. */
size_t form_add(struct form *f, enum field_kind kind, const char *key, const char *label);
/* Adds a choice to field i. */
void form_choice(struct form *f, size_t i, const char *label, int64_t value);
/* Removes every choice of field i (to offer others). */
void form_clear_choices(struct form *f, size_t i);
/* Chooses the choice of field i with this value; false when none has it. */
bool form_select(struct form *f, size_t i, int64_t value);
/* The value chosen in field i (0 when it has no choices). */
int64_t form_value(const struct form *f, size_t i);
/* The text of field i (borrowed). */
const char *form_text(const struct form *f, size_t i);
void form_set_text(struct form *f, size_t i, const char *s);
/* Parses field i as a date (day number) against today; false with err set
 * when it is not one. An empty field gives true and *day = -1. */
bool form_date(const struct form *f, size_t i, int today, int *day, char *err, size_t errn);

/* Whether field i is shown (not hidden). */
bool form_visible(const struct form *f, size_t i);
/* Runs the form's update function, then moves the focus off a field that
 * became hidden. */
void form_update(struct form *f);
/* Keeps the fields as they are now; form_revert() goes back to them. */
void form_snapshot(struct form *f);
void form_revert(struct form *f);
/* The index of the long-text field, or -1. */
int form_body_field(const struct form *f);

/* Pushes the form view with f (ownership passes to the view); the
 * reaction, REACT_RELOAD, for the opener to hand back. */
int form_open(struct ui *ui, struct form *f);

#endif

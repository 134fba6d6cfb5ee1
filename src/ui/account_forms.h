/*
 * The console's writes on one account, each a form (form.h) whose save is
 * one call into the db layer, so one transaction. The families live in
 * their own files: note_forms.c (notes, and the follow-up of a detractor),
 * problem_forms.c (a problem from a response, its lifecycle),
 * condition_forms.c (readiness conditions and the hand-set hold),
 * tag_forms.c (defect tags of responses and problems) and action_forms.c
 * (an action agreed in a standup). This is what they share: the account
 * the form is about, the rows of it offered in a first choice ("which
 * note?"), and the helpers that fill such choices.
 *
 * Each form is filled from the account's own rows (bounded by the account,
 * not the book); the items to act on are offered as a choice, the likeliest
 * first (the oldest overdue detractor, the first open condition).
 */
#ifndef ACCTPLAN_UI_ACCOUNT_FORMS_H
#define ACCTPLAN_UI_ACCOUNT_FORMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui.h"
#include "form.h"

#define NONE ((size_t)-1)

/* One row of the account offered in a choice, with what the form needs to
 * fill its other fields when it is chosen. */
struct item {
	int64_t id, contact_id;
	int64_t id2; /* the defect of a (response, tag) pair or a problem */
	int num;     /* score, problem state, good_time, ... */
	int num2;    /* reason, kind */
	bool flag;   /* waiting for a follow-up, met */
	char *label, *text, *text2, *date;
};

/* What every account form starts from; each family embeds it first in its
 * own context, with the indexes of its own fields. */
struct account_form {
	int64_t account_id;
	char *account_name, *owner;
	bool hold, manual;
	int action;
	struct item *items; /* the rows the first choice picks from */
	size_t nitems, items_cap;
	int64_t last_pick; /* the item the fields were filled for */
	size_t f_pick;     /* the first choice, NONE when the form has none */
	int64_t preselect; /* the item to offer first (the account view's cursor), or 0 */
};

/* Fills a (allocated by the family, size bytes, account_form first) for
 * account_id; false with a message on the status line when the account
 * cannot be read (a is freed then). */
bool account_form_init(struct ui *ui, struct account_form *a, int64_t account_id, int action);
/* Frees what account_form_init() and account_form_item() allocated, and a. */
void account_form_free(void *a);
/* A new form about the account (title, then "Account · owner"), owning a:
 * freed with the form. */
struct form *account_form_new(struct account_form *a, const char *title);
struct item *account_form_item(struct account_form *a);
/* The item the first choice picks, or NULL. */
const struct item *account_form_picked(const struct form *f, const struct account_form *a);
/* Adds the first choice over a's items, labelled label. */
void account_form_pick(struct form *f, struct account_form *a, const char *key, const char *label);
/* Gives up on a form before it opens: a message, a freed, a redraw. */
int account_form_none(struct ui *ui, struct account_form *a, const char *msg);
/* A buyer choice over the account's contacts, "(no one in particular)"
 * first; returns its index. */
size_t account_form_contacts(struct ui *ui, struct form *f, int64_t account_id);
/* s on one line, at most max columns. Caller frees. */
char *account_form_shorten(const char *s, size_t max);
/* "Not saved: <why>" into err; false. */
bool account_form_failed(char *err, size_t n);

/* The account's responses as items (item.num the score, item.flag waiting
 * for a follow-up, item.text2 its defect codes): detractors only, and with
 * the defect codes in the label, as asked; waiting ones first. False with a
 * message (a freed) when there is none. */
bool account_form_responses(struct ui *ui, struct account_form *a, bool detractors_only,
			    bool with_tags);

/* The families' entry points: each opens its form for action, and returns
 * its reaction; a is the family's own context, made by account_form_init. */
int note_forms_open(struct ui *ui, int64_t account_id, int action);
int problem_forms_open(struct ui *ui, int64_t account_id, int action);
int condition_forms_open(struct ui *ui, int64_t account_id, int action);
int tag_forms_open(struct ui *ui, int64_t account_id, int action);
/* action_forms.c: ACT_ACTION_ADD, an action agreed on the account. */
int action_forms_open(struct ui *ui, int64_t account_id, int action);
/* referral_forms.c: ACT_REFERRAL_ADD, an ask of a buyer or whom they named. */
int referral_forms_open(struct ui *ui, int64_t account_id, int action);

#endif

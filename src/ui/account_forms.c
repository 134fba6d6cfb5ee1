/*
 * What the account forms share (account_forms.h), and the one entry point
 * the account and brief views call: account_forms_action().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "acctplan/loop.h"
#include "acctplan/xalloc.h"

static void item_free(struct item *it)
{
	free(it->label);
	free(it->text);
	free(it->text2);
	free(it->date);
}

void account_form_free(void *p)
{
	struct account_form *a = p;
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nitems; i++)
		item_free(&a->items[i]);
	free(a->items);
	free(a->account_name);
	free(a->owner);
	free(a);
}

struct item *account_form_item(struct account_form *a)
{
	struct item *it;

	a->items = xgrow(a->items, &a->items_cap, a->nitems + 1, sizeof(*a->items));
	it = &a->items[a->nitems++];
	memset(it, 0, sizeof(*it));
	return it;
}

const struct item *account_form_picked(const struct form *f, const struct account_form *a)
{
	int64_t id = a->f_pick == NONE ? 0 : form_value(f, a->f_pick);
	size_t i;

	for (i = 0; i < a->nitems; i++)
		if (a->items[i].id == id)
			return &a->items[i];
	return NULL;
}

static int64_t preselect;

void account_forms_preselect(int64_t id)
{
	preselect = id;
}

void account_form_pick(struct form *f, struct account_form *a, const char *key, const char *label)
{
	size_t i;

	/* the row under the account view's cursor comes first, so the form
	 * starts on it */
	for (i = 1; a->preselect && i < a->nitems; i++)
		if (a->items[i].id == a->preselect) {
			struct item it = a->items[i];

			memmove(a->items + 1, a->items, i * sizeof(*a->items));
			a->items[0] = it;
			break;
		}

	a->f_pick = form_add(f, FIELD_CHOICE, key, label);
	for (i = 0; i < a->nitems; i++)
		form_choice(f, a->f_pick, a->items[i].label, a->items[i].id);
}

char *account_form_shorten(const char *s, size_t max)
{
	struct strbuf sb;
	char *out;

	strbuf_init(&sb);
	text_fit(&sb, s ? s : "", (int)max, TEXT_ONELINE);
	out = strbuf_detach(&sb);
	strbuf_done(&sb); /* detach leaves sb empty but allocated */
	return out;
}

bool account_form_failed(char *err, size_t n)
{
	snprintf(err, n, "Not saved: %s", status_detail());
	return false;
}

int account_form_none(struct ui *ui, struct account_form *a, const char *msg)
{
	ui_message(ui, THEME_STATUS, "%s", msg);
	account_form_free(a);
	return REACT_DRAW;
}

static int got_account(const struct account_row *r, void *ctx)
{
	struct account_form *a = ctx;

	a->account_name = xstrdup(r->name);
	a->owner = xstrdup(r->owner ? r->owner : "");
	a->hold = r->hold.on;
	a->manual = r->hold.manual;
	return 0;
}

bool account_form_init(struct ui *ui, struct account_form *a, int64_t account_id, int action)
{
	a->account_id = account_id;
	a->action = action;
	a->f_pick = NONE;
	a->preselect = preselect;
	if (db_account_get(ui->db, account_id, got_account, a) != STATUS_OK || !a->account_name) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		account_form_free(a);
		return false;
	}
	return true;
}

struct form *account_form_new(struct account_form *a, const char *title)
{
	char *intro = xasprintf("%s · %s", a->account_name, *a->owner ? a->owner : "no owner");
	struct form *f = form_new(title, intro);

	free(intro);
	f->ctx = a;
	f->ctx_free = account_form_free;
	return f;
}

struct contacts_ctx {
	struct form *f;
	size_t field;
};

static int got_contact(const struct contact_row *r, void *ctx)
{
	struct contacts_ctx *c = ctx;
	char role[32], *label;

	fmt_word(role, sizeof(role), r->role);
	label = xasprintf("%s (%s)", r->name, role);
	form_choice(c->f, c->field, label, r->id);
	free(label);
	return 0;
}

size_t account_form_contacts(struct ui *ui, struct form *f, int64_t account_id)
{
	struct contacts_ctx c = {f, form_add(f, FIELD_CHOICE, "contact", "Buyer")};

	form_choice(f, c.field, "(no one in particular)", 0);
	db_contacts(ui->db, account_id, got_contact, &c);
	return c.field;
}

/* ---- responses ----------------------------------------------------------- */

struct fb_ctx {
	struct ui *ui;
	struct account_form *a;
	bool detractors_only;
	bool with_tags; /* labels end with the response's defect tags */
};

static int got_response(const struct feedback_row *r, void *ctx)
{
	struct fb_ctx *x = ctx;
	struct item *it;
	char *comment, state[80];
	int due = 0;
	enum followup_state fs;

	if (x->detractors_only && score_category(r->score) != CAT_DETRACTOR)
		return 0;
	it = account_form_item(x->a);
	fs = followup_state(x->ui->rules, x->ui->today, &r->followup, &due);
	fmt_followup(state, sizeof(state), fs, due, x->ui->today);
	comment = account_form_shorten(r->comment, 50);
	it->id = r->id;
	it->contact_id = r->contact_id;
	it->num = r->score;
	it->flag = fs == FOLLOWUP_DUE || fs == FOLLOWUP_OVERDUE; /* waiting */
	it->text = xstrdup(r->comment ? r->comment : "");
	it->text2 = xstrdup(r->defects ? r->defects : "");
	it->label = xasprintf("%s %s %d%s%s%s: %s%s%s%s", r->responded_on,
			      r->contact_id ? r->contact_name : "anonymous", r->score,
			      *state ? " (" : "", state, *state ? ")" : "",
			      *comment ? comment : "(no comment)",
			      x->with_tags && *it->text2 ? " [" : "", x->with_tags ? it->text2 : "",
			      x->with_tags && *it->text2 ? "]" : "");
	free(comment);
	return 0;
}

/* Responses waiting for a follow-up first, oldest first; then the rest,
 * newest first (as fetched). */
static int item_order(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	bool wx = x->flag, wy = y->flag;

	if (wx != wy)
		return wx ? -1 : 1;
	if (wx)
		return strcmp(x->label, y->label);
	return strcmp(y->label, x->label);
}

bool account_form_responses(struct ui *ui, struct account_form *a, bool detractors_only,
			    bool with_tags)
{
	struct fb_ctx x = {ui, a, detractors_only, with_tags};

	if (db_feedback(ui->db, a->account_id, got_response, &x) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		account_form_free(a);
		return false;
	}
	if (!a->nitems) {
		account_form_none(ui, a,
				  detractors_only
					  ? "No detractor response on this account to follow up"
					  : "No response on this account yet");
		return false;
	}
	qsort(a->items, a->nitems, sizeof(*a->items), item_order);
	return true;
}

/* ---- the entry point ------------------------------------------------------ */

int account_forms_action(struct ui *ui, int64_t account_id, int action)
{
	int (*open)(struct ui *, int64_t, int);

	switch (action) {
	case ACT_NOTE_NEW:
	case ACT_NOTE_EDIT:
	case ACT_NOTE_DELETE:
	case ACT_FOLLOW_UP:
		open = note_forms_open;
		break;
	case ACT_PROBLEM_NEW:
	case ACT_PROBLEM_ADVANCE:
		open = problem_forms_open;
		break;
	case ACT_CONDITION_ADD:
	case ACT_CONDITION_EDIT:
	case ACT_CONDITION_MET:
	case ACT_CONDITION_REOPEN:
	case ACT_HOLD:
		open = condition_forms_open;
		break;
	case ACT_DEFECT_TAG:
	case ACT_DEFECT_UNTAG:
	case ACT_PROBLEM_DEFECT:
		open = tag_forms_open;
		break;
	case ACT_ACTION_ADD:
		open = action_forms_open;
		break;
	case ACT_REFERRAL_ADD:
		open = referral_forms_open;
		break;
	default:
		return REACT_PASS;
	}
	if (!account_id)
		return REACT_NONE;
	if (db_is_readonly(ui->db)) {
		ui_message(ui, THEME_WARNING, "The database is read-only: nothing can be written");
		return REACT_DRAW;
	}
	return open(ui, account_id, action);
}

/*
 * The console's writes on one account, each a form (form.h) whose save is
 * one call into plan.h, so one transaction: notes (new, edit, delete with a
 * confirmation), a follow-up note on a detractor response, a problem made
 * from a response and moved along its lifecycle, readiness conditions
 * (add, edit, met, reopen), the hand-set hold, and the defect tags of its
 * responses and problems (tag, untag, set or clear). The form refreshes the
 * standings after a save and the view below reloads.
 *
 * Each form is filled from the account's own rows (bounded by the account,
 * not the book); the items to act on are offered as a choice, the likeliest
 * first (the oldest overdue detractor, the first open condition).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "draft.h"
#include "form.h"
#include "acctplan/plan.h"
#include "acctplan/problem.h"
#include "acctplan/validate.h"
#include "acctplan/views.h"
#include "acctplan/xalloc.h"

#define NONE ((size_t)-1)

/* One row of the account offered in a choice, with what the form needs to
 * fill its other fields when it is chosen. */
struct item {
	int64_t id, contact_id;
	int64_t id2; /* the defect of a (response, tag) pair or a problem */
	int num;     /* score, problem state, good_time, ... */
	int num2;    /* reason, kind */
	bool flag;   /* followed up, met */
	char *label, *text, *text2, *date;
};

struct pf {
	int64_t account_id;
	char *account_name, *owner;
	bool hold, manual;
	int action;
	struct item *items; /* the rows the first choice picks from */
	size_t nitems;
	int64_t last_pick; /* the item the fields were filled for */
	/* field indexes, NONE when the form has not got it */
	size_t f_pick, f_kind, f_contact, f_good, f_reason, f_next, f_body, f_text, f_to, f_cause,
		f_report, f_cat, f_confirm, f_hold, f_defect;
};

static void item_free(struct item *it)
{
	free(it->label);
	free(it->text);
	free(it->text2);
	free(it->date);
}

static void pf_free(void *p)
{
	struct pf *c = p;
	size_t i;

	for (i = 0; i < c->nitems; i++)
		item_free(&c->items[i]);
	free(c->items);
	free(c->account_name);
	free(c->owner);
	free(c);
}

static struct item *new_item(struct pf *c)
{
	struct item *it;

	c->items = xrealloc(c->items, (c->nitems + 1) * sizeof(*c->items));
	it = &c->items[c->nitems++];
	memset(it, 0, sizeof(*it));
	return it;
}

static const struct item *picked(const struct form *f, const struct pf *c)
{
	int64_t id = c->f_pick == NONE ? 0 : form_value(f, c->f_pick);
	size_t i;

	for (i = 0; i < c->nitems; i++)
		if (c->items[i].id == id)
			return &c->items[i];
	return NULL;
}

static char *shorten(const char *s, size_t max)
{
	struct strbuf sb;

	strbuf_init(&sb);
	text_fit(&sb, s ? s : "", (int)max, TEXT_ONELINE);
	{
		char *out = strbuf_detach(&sb);
		strbuf_done(&sb); /* detach leaves sb empty but allocated */
		return out;
	}
}

static void today_str(const struct ui *ui, char out[DATE_LEN])
{
	date_format(ui->today, out);
}

static bool failed(char *err, size_t n)
{
	snprintf(err, n, "Not saved: %s", status_detail());
	return false;
}

/* ---- the account and its rows -------------------------------------------- */

static int got_account(const struct account_row *r, void *ctx)
{
	struct pf *c = ctx;

	c->account_name = xstrdup(r->name);
	c->owner = xstrdup(r->owner ? r->owner : "");
	c->hold = r->hold.on;
	c->manual = r->hold_reason != NULL;
	return 0;
}

static struct pf *pf_new(struct ui *ui, int64_t account_id, int action)
{
	struct pf *c = xcalloc(1, sizeof(*c));

	c->account_id = account_id;
	c->action = action;
	c->f_pick = c->f_kind = c->f_contact = c->f_good = c->f_reason = c->f_next = c->f_body =
		c->f_text = c->f_to = c->f_cause = c->f_report = c->f_cat = c->f_confirm =
			c->f_hold = c->f_defect = NONE;
	if (db_account_get(ui->db, account_id, got_account, c) != STATUS_OK || !c->account_name) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		pf_free(c);
		return NULL;
	}
	return c;
}

static struct form *pf_form(struct pf *c, const char *title)
{
	char *intro = xasprintf("%s · %s", c->account_name, *c->owner ? c->owner : "no owner");
	struct form *f = form_new(title, intro);

	free(intro);
	f->ctx = c;
	f->ctx_free = pf_free;
	return f;
}

static int got_contact(const struct contact_row *r, void *ctx)
{
	struct form *f = ctx;
	struct pf *c = f->ctx;
	char *label = xasprintf("%s (%s)", r->name, r->role);

	form_choice(f, c->f_contact, label, r->id);
	free(label);
	return 0;
}

static void add_contacts(struct ui *ui, struct form *f)
{
	struct pf *c = f->ctx;

	c->f_contact = form_add(f, FIELD_CHOICE, "contact", "Buyer");
	form_choice(f, c->f_contact, "(no one in particular)", 0);
	db_contacts(ui->db, c->account_id, got_contact, f);
}

/* ---- notes ------------------------------------------------------------------ */

static void note_update(struct form *f)
{
	struct pf *c = f->ctx;
	int64_t g = form_value(f, c->f_good);

	f->fields[c->f_reason].hidden = !(g == GOOD_NO || g == GOOD_UNSURE);
	if (c->f_pick != NONE && c->action == ACT_NOTE_EDIT) {
		const struct item *it = picked(f, c);
		if (it && it->id != c->last_pick) {
			/* another note chosen: show what it says */
			c->last_pick = it->id;
			form_select(f, c->f_kind, it->num2);
			form_select(f, c->f_contact, it->contact_id);
			form_select(f, c->f_good, it->num);
			form_select(f, c->f_reason, 0);
			if (it->text2)
				form_select(f, c->f_reason, reason_from_name(it->text2));
			form_set_text(f, c->f_next, it->date ? it->date : "");
			form_set_text(f, c->f_body, it->text);
			f->fields[c->f_reason].hidden =
				!(it->num == GOOD_NO || it->num == GOOD_UNSURE);
		}
	}
	if (c->f_pick != NONE && c->action == ACT_FOLLOW_UP) {
		const struct item *it = picked(f, c);
		if (it && it->id != c->last_pick) {
			c->last_pick = it->id;
			form_select(f, c->f_contact, it->contact_id);
		}
	}
}

static bool note_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct pf *c = f->ctx;
	struct note_rec rec;
	char stamp[APP_STAMP_LEN], next[DATE_LEN];
	int day, was = -1;
	int64_t id;
	enum status st;
	const struct item *it = c->f_pick != NONE ? picked(f, c) : NULL;

	if (!form_date(f, c->f_next, ui->today, &day, err, n))
		return false;
	if (c->action == ACT_NOTE_EDIT && it && it->date && !date_parse(it->date, &was))
		was = -1;
	{
		struct note_check chk = {
			form_text(f, c->f_body), (int)form_value(f, c->f_good),
			f->fields[c->f_reason].hidden ? -1 : (int)form_value(f, c->f_reason), day,
			was};
		enum invalid v = validate_note(&chk, ui->today);

		if (v == INVALID_NEXT_IN_PAST) {
			snprintf(err, n,
				 "Try again on: %s is in the past; give the date to call again",
				 form_text(f, c->f_next));
			return false;
		}
		if (v != INVALID_OK) {
			snprintf(err, n, "Not saved: %s", invalid_message(v));
			return false;
		}
	}
	memset(&rec, 0, sizeof(rec));
	rec.account_id = c->account_id;
	rec.contact_id = form_value(f, c->f_contact);
	rec.kind = (enum note_kind)form_value(f, c->f_kind);
	rec.body = form_text(f, c->f_body);
	rec.good_time = (int)form_value(f, c->f_good);
	rec.reason = f->fields[c->f_reason].hidden ? -1 : (int)form_value(f, c->f_reason);
	if (day >= 0) {
		date_format(day, next);
		rec.next_contact_on = next;
	}
	if (c->action == ACT_NOTE_EDIT) {
		if (!it) {
			snprintf(err, n, "Choose a note to change");
			return false;
		}
		rec.feedback_id = -1; /* keeps the note's response */
		if ((st = db_note_update(ui->db, it->id, &rec)) != STATUS_OK)
			return failed(err, n);
		ui_message(ui, THEME_STATUS, "Note changed");
		return true;
	}
	if (c->action == ACT_FOLLOW_UP) {
		if (!it) {
			snprintf(err, n, "Choose the response this note follows up");
			return false;
		}
		rec.feedback_id = it->id;
	}
	rec.created_at = app_stamp(ui->app, stamp);
	if ((st = db_note_add(ui->db, &rec, &id)) != STATUS_OK)
		return failed(err, n);
	ui_message(ui, THEME_STATUS, "Note saved%s",
		   c->action == ACT_FOLLOW_UP ? ": the response is followed up" : "");
	return true;
}

/* The fields every note has, after the item choice (if any). */
static void note_fields(struct ui *ui, struct form *f, int kind, int good)
{
	struct pf *c = f->ctx;
	int k;

	add_contacts(ui, f);
	c->f_good = form_add(f, FIELD_CHOICE, "good_time", "Good time?");
	form_choice(f, c->f_good, "yes", GOOD_YES);
	form_choice(f, c->f_good, "no", GOOD_NO);
	form_choice(f, c->f_good, "unsure", GOOD_UNSURE);
	form_choice(f, c->f_good, "(not asked)", -1);
	form_select(f, c->f_good, good);
	c->f_reason = form_add(f, FIELD_CHOICE, "reason", "Reason");
	for (k = 0; k < REASON_COUNT; k++) {
		char *label = xstrdup(reason_name((enum reason)k));
		char *p;
		for (p = label; *p; p++)
			if (*p == '_')
				*p = ' ';
		form_choice(f, c->f_reason, label, k);
		free(label);
	}
	c->f_next = form_add(f, FIELD_DATE, "next", "Try again on");
	f->fields[c->f_next].help = xstrdup("YYYY-MM-DD or +N days; blank: no date");
	c->f_kind = form_add(f, FIELD_CHOICE, "kind", "Kind");
	for (k = 0; k < NOTE_KIND_COUNT; k++)
		form_choice(f, c->f_kind, note_kind_name((enum note_kind)k), k);
	form_select(f, c->f_kind, kind);
	c->f_body = form_add(f, FIELD_BODY, "body", "Note");
	f->fields[c->f_body].required = true;
	f->fields[c->f_body].help = xstrdup("type it here, or C-e for your editor");
	f->update = note_update;
	f->submit = note_submit;
}

static int got_note(const struct note_row *r, void *ctx)
{
	struct pf *c = ctx;
	struct item *it = new_item(c);
	char *body = shorten(r->body, 50);

	it->id = r->id;
	it->contact_id = r->contact_id;
	it->num = r->good_time ? good_time_from_name(r->good_time) : -1;
	it->num2 = note_kind_from_name(r->kind);
	it->text = xstrdup(r->body);
	it->text2 = r->reason ? xstrdup(r->reason) : NULL;
	it->date = r->next_contact_on ? xstrdup(r->next_contact_on) : NULL;
	it->label = xasprintf("%.16s %s: %s", r->created_at, r->kind, body);
	free(body);
	return 0;
}

static bool delete_submit(struct ui *ui, struct form *f, char *err, size_t n);

static int open_note(struct ui *ui, struct pf *c)
{
	struct form *f;
	char *draft;
	size_t i;

	if (c->action == ACT_NOTE_NEW) {
		f = pf_form(c, "Log a note: is this a good time to talk?");
		note_fields(ui, f, NOTE_PRECALL, GOOD_YES);
		draft = xasprintf("note-%lld", (long long)c->account_id);
		f->draft = draft;
		draft_restore(f);
		form_open(ui, f);
		return REACT_RELOAD;
	}
	/* edit or delete: choose the note */
	if (db_notes(ui->db, c->account_id, got_note, c) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		pf_free(c);
		return REACT_DRAW;
	}
	if (!c->nitems) {
		ui_message(ui, THEME_STATUS, "No notes on this account yet (N logs one)");
		pf_free(c);
		return REACT_DRAW;
	}
	f = pf_form(c, c->action == ACT_NOTE_EDIT ? "Change a note" : "Delete a note");
	c->f_pick = form_add(f, FIELD_CHOICE, "note", "Which note");
	for (i = 0; i < c->nitems; i++)
		form_choice(f, c->f_pick, c->items[i].label, c->items[i].id);
	if (c->action == ACT_NOTE_EDIT) {
		note_fields(ui, f, NOTE_GENERAL, -1);
		c->last_pick = 0;
	} else {
		c->f_confirm = form_add(f, FIELD_CHOICE, "confirm", "Delete it?");
		form_choice(f, c->f_confirm, "no, keep it", 0);
		form_choice(f, c->f_confirm, "yes, delete this note", 1);
		f->submit = delete_submit;
	}
	form_open(ui, f);
	return REACT_RELOAD;
}

static bool delete_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);

	if (!it)
		return false;
	if (form_value(f, c->f_confirm) != 1) {
		snprintf(err, n, "Choose \"yes\" to delete the note (y), or Esc to keep it");
		return false;
	}
	if (db_note_delete(ui->db, it->id) != STATUS_OK)
		return failed(err, n);
	ui_message(ui, THEME_STATUS, "Note deleted");
	return true;
}

/* ---- responses: follow-up note, problem ------------------------------------ */

struct fb_ctx {
	struct ui *ui;
	struct pf *c;
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
	it = new_item(x->c);
	fs = followup_state(x->ui->rules, x->ui->today, &r->followup, &due);
	fmt_followup(state, sizeof(state), fs, due, x->ui->today);
	comment = shorten(r->comment, 50);
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

static bool problem_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);
	struct problem_new p;
	char today[DATE_LEN];
	int64_t id;

	if (!it) {
		snprintf(err, n, "Choose the response the problem comes from");
		return false;
	}
	today_str(ui, today);
	memset(&p, 0, sizeof(p));
	p.account_id = c->account_id;
	p.feedback_id = it->id;
	p.category = (int)form_value(f, c->f_cat);
	p.title = validate_blank(form_text(f, c->f_text)) ? NULL : form_text(f, c->f_text);
	p.opened_on = today;
	if (db_problem_create(ui->db, &p, &id) != STATUS_OK)
		return failed(err, n);
	ui_message(ui, THEME_STATUS,
		   "Problem opened; the response is followed up (p shows problems)");
	return true;
}

static int open_response_form(struct ui *ui, struct pf *c)
{
	struct fb_ctx x = {ui, c, c->action == ACT_FOLLOW_UP, false};
	struct form *f;
	size_t i;

	if (db_feedback(ui->db, c->account_id, got_response, &x) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		pf_free(c);
		return REACT_DRAW;
	}
	if (!c->nitems) {
		ui_message(ui, THEME_STATUS,
			   c->action == ACT_FOLLOW_UP
				   ? "No detractor response on this account to follow up"
				   : "No response on this account yet");
		pf_free(c);
		return REACT_DRAW;
	}
	qsort(c->items, c->nitems, sizeof(*c->items), item_order);
	if (c->action == ACT_FOLLOW_UP) {
		char *draft;
		f = pf_form(c, "Follow up a detractor response");
		c->f_pick = form_add(f, FIELD_CHOICE, "response", "Response");
		for (i = 0; i < c->nitems; i++)
			form_choice(f, c->f_pick, c->items[i].label, c->items[i].id);
		note_fields(ui, f, NOTE_FOLLOWUP, -1);
		form_select(f, c->f_contact, c->items[0].contact_id);
		c->last_pick = c->items[0].id;
		draft = xasprintf("followup-%lld", (long long)c->account_id);
		f->draft = draft;
		draft_restore(f);
		form_open(ui, f);
		return REACT_RELOAD;
	}
	f = pf_form(c, "Open a problem from a response");
	c->f_pick = form_add(f, FIELD_CHOICE, "response", "Response");
	for (i = 0; i < c->nitems; i++)
		form_choice(f, c->f_pick, c->items[i].label, c->items[i].id);
	c->f_cat = form_add(f, FIELD_CHOICE, "category", "Category");
	form_choice(f, c->f_cat, "(the defect's, else service)", -1);
	for (i = 0; i < PCAT_COUNT; i++)
		form_choice(f, c->f_cat, problem_category_name((enum problem_category)i),
			    (int64_t)i);
	c->f_text = form_add(f, FIELD_TEXT, "title", "Title");
	f->fields[c->f_text].help = xstrdup("blank: the defect's title, else the comment");
	f->submit = problem_submit;
	form_open(ui, f);
	return REACT_RELOAD;
}

/* ---- problems: the lifecycle ------------------------------------------------- */

static int got_problem(const struct problem_info *r, void *ctx)
{
	struct pf *c = ctx;
	struct item *it;
	char *title;

	if (!strcmp(r->p.status, "reported_back"))
		return 0;
	it = new_item(c);
	title = shorten(r->p.title, 50);
	it->id = r->p.id;
	it->num = problem_status_from_name(r->p.status);
	it->text = xstrdup(r->p.root_cause ? r->p.root_cause : "");
	it->text2 = xstrdup(r->p.reported_back ? r->p.reported_back : "");
	{
		char w[48];
		fmt_word(w, sizeof(w), r->p.status);
		it->label = xasprintf("%s [%s]", title, w);
	}
	free(title);
	return 0;
}

/* Offers the moves the lifecycle allows from the chosen problem's state
 * (problem.h), with the root cause and what was told asked for by the
 * form itself; the next state first. */
static void offer_moves(struct form *f, struct pf *c, const struct item *it)
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
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);
	int to;

	if (it && it->id != c->last_pick) {
		c->last_pick = it->id;
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
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);
	struct problem_move_req m;
	char today[DATE_LEN];
	const char *cause = form_text(f, c->f_cause), *report = form_text(f, c->f_report);

	if (!it)
		return false;
	today_str(ui, today);
	memset(&m, 0, sizeof(m));
	m.to = (int)form_value(f, c->f_to);
	m.on = today;
	if (!f->fields[c->f_cause].hidden && !validate_blank(cause) && strcmp(cause, it->text) != 0)
		m.root_cause = cause;
	if (!f->fields[c->f_report].hidden && !validate_blank(report))
		m.reported = report;
	if (!f->fields[c->f_to].nchoices) {
		snprintf(err, n, "This problem cannot move from here");
		return false;
	}
	if (db_problem_move(ui->db, it->id, &m) != STATUS_OK)
		return failed(err, n);
	{
		char w[48];
		fmt_word(w, sizeof(w), problem_status_name((enum problem_status)m.to));
		ui_message(ui, THEME_STATUS, "Problem moved to %s%s", w,
			   m.to == PSTAT_REPORTED_BACK ? ": the loop is closed" : "");
	}
	return true;
}

static int open_advance(struct ui *ui, struct pf *c)
{
	struct problem_filter pf = {.account_id = c->account_id, .status = -1, .open_only = true};
	struct form *f;
	size_t i;

	if (db_problem_list(ui->db, &pf, got_problem, c) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		pf_free(c);
		return REACT_DRAW;
	}
	if (!c->nitems) {
		ui_message(ui, THEME_STATUS,
			   "No open problem on this account (C opens one from a response)");
		pf_free(c);
		return REACT_DRAW;
	}
	f = pf_form(c,
		    "Move a problem along: open → root cause → fixing → resolved → reported back");
	c->f_pick = form_add(f, FIELD_CHOICE, "problem", "Problem");
	for (i = 0; i < c->nitems; i++)
		form_choice(f, c->f_pick, c->items[i].label, c->items[i].id);
	c->f_to = form_add(f, FIELD_CHOICE, "to", "Move to");
	offer_moves(f, c, &c->items[0]);
	c->f_cause = form_add(f, FIELD_TEXT, "root_cause", "Root cause");
	f->fields[c->f_cause].help = xstrdup("why it happened");
	c->f_report = form_add(f, FIELD_TEXT, "reported", "Reported back");
	f->fields[c->f_report].help = xstrdup("what the customer was told");
	f->update = advance_update;
	f->submit = advance_submit;
	form_open(ui, f);
	return REACT_RELOAD;
}

/* ---- the plan: conditions and the hold ------------------------------------- */

struct cond_ctx {
	struct pf *c;
	int want; /* 0: open ones, 1: met ones, -1: all */
};

static int got_condition(const struct condition_row *r, void *ctx)
{
	struct cond_ctx *x = ctx;
	struct item *it;

	if (x->want == 0 && r->met_on)
		return 0;
	if (x->want == 1 && !r->met_on)
		return 0;
	it = new_item(x->c);
	it->id = r->id;
	it->flag = r->met_on != NULL;
	it->text = xstrdup(r->text);
	it->label = r->met_on ? xasprintf("%s (met %s)", r->text, r->met_on) : xstrdup(r->text);
	return 0;
}

static bool condition_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);
	char today[DATE_LEN];
	enum status st;
	int64_t id;

	today_str(ui, today);
	switch (c->action) {
	case ACT_CONDITION_ADD:
		st = db_condition_add(ui->db, c->account_id, form_text(f, c->f_text), &id);
		break;
	case ACT_CONDITION_EDIT:
		st = it ? db_condition_edit(ui->db, it->id, form_text(f, c->f_text))
			: STATUS_NOT_FOUND;
		break;
	case ACT_CONDITION_MET:
		st = it ? db_condition_met(ui->db, it->id, today) : STATUS_NOT_FOUND;
		break;
	default:
		st = it ? db_condition_reopen(ui->db, it->id) : STATUS_NOT_FOUND;
		break;
	}
	if (st != STATUS_OK)
		return failed(err, n);
	ui_message(ui, THEME_STATUS, "%s",
		   c->action == ACT_CONDITION_ADD
			   ? "Condition added: sales stay on hold until it is met"
		   : c->action == ACT_CONDITION_EDIT ? "Condition changed"
		   : c->action == ACT_CONDITION_MET  ? "Condition met"
						     : "Condition open again: sales are on hold");
	return true;
}

static void condition_update(struct form *f)
{
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);

	if (c->action == ACT_CONDITION_EDIT && it && it->id != c->last_pick) {
		c->last_pick = it->id;
		form_set_text(f, c->f_text, it->text);
	}
}

static int open_condition(struct ui *ui, struct pf *c)
{
	static const char *const titles[] = {
		"Add a readiness condition", "Change a readiness condition",
		"Mark a readiness condition met", "Reopen a readiness condition"};
	struct cond_ctx x = {c, c->action == ACT_CONDITION_MET      ? 0
				: c->action == ACT_CONDITION_REOPEN ? 1
								    : -1};
	int t = c->action == ACT_CONDITION_ADD    ? 0
		: c->action == ACT_CONDITION_EDIT ? 1
		: c->action == ACT_CONDITION_MET  ? 2
						  : 3;
	struct form *f;
	size_t i;

	if (c->action != ACT_CONDITION_ADD) {
		if (db_conditions(ui->db, c->account_id, got_condition, &x) != STATUS_OK) {
			ui_message(ui, THEME_WARNING, "%s", status_detail());
			pf_free(c);
			return REACT_DRAW;
		}
		if (!c->nitems) {
			ui_message(ui, THEME_STATUS, "%s",
				   c->action == ACT_CONDITION_MET
					   ? "No open condition: every one is met"
				   : c->action == ACT_CONDITION_REOPEN
					   ? "No met condition to reopen"
					   : "No readiness condition yet (+ adds one)");
			pf_free(c);
			return REACT_DRAW;
		}
	}
	f = pf_form(c, titles[t]);
	if (c->action != ACT_CONDITION_ADD) {
		c->f_pick = form_add(f, FIELD_CHOICE, "condition", "Condition");
		for (i = 0; i < c->nitems; i++)
			form_choice(f, c->f_pick, c->items[i].label, c->items[i].id);
	}
	if (c->action == ACT_CONDITION_ADD || c->action == ACT_CONDITION_EDIT) {
		c->f_text = form_add(f, FIELD_TEXT, "text", "What must change");
		f->fields[c->f_text].required = true;
		f->fields[c->f_text].help = xstrdup("e.g. claims backlog under 5 days");
	}
	f->update = condition_update;
	f->submit = condition_submit;
	form_open(ui, f);
	return REACT_RELOAD;
}

enum { HOLD_RULES, HOLD_ON, HOLD_OFF };

static void hold_update(struct form *f)
{
	struct pf *c = f->ctx;
	bool rules = form_value(f, c->f_hold) == HOLD_RULES;

	f->fields[c->f_text].hidden = rules;
	f->fields[c->f_text].required = !rules;
}

static bool hold_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct pf *c = f->ctx;
	int64_t v = form_value(f, c->f_hold);
	char today[DATE_LEN];
	enum status st;

	today_str(ui, today);
	if (v == HOLD_RULES)
		st = db_hold_auto(ui->db, c->account_id);
	else
		st = db_hold_manual(ui->db, c->account_id, v == HOLD_ON, form_text(f, c->f_text),
				    today);
	if (st != STATUS_OK)
		return failed(err, n);
	ui_message(ui, THEME_STATUS, "%s",
		   v == HOLD_RULES ? "The hold follows the rules again"
		   : v == HOLD_ON  ? "Sales on hold, by hand"
				   : "Hold lifted by hand");
	return true;
}

static int open_hold(struct ui *ui, struct pf *c)
{
	struct form *f = pf_form(c, c->hold ? "Sales are on hold: lift the hold by hand?"
					    : "Sales are open: put them on hold by hand?");

	c->f_hold = form_add(f, FIELD_CHOICE, "hold", "Sales");
	if (c->hold) {
		form_choice(f, c->f_hold, "open: lift the hold by hand", HOLD_OFF);
		form_choice(f, c->f_hold, "on hold, set by hand", HOLD_ON);
	} else {
		form_choice(f, c->f_hold, "on hold, set by hand", HOLD_ON);
		form_choice(f, c->f_hold, "open: lift the hold by hand", HOLD_OFF);
	}
	if (c->manual)
		form_choice(f, c->f_hold, "follow the rules again (forget the hand-set state)",
			    HOLD_RULES);
	c->f_text = form_add(f, FIELD_TEXT, "reason", "Reason");
	f->fields[c->f_text].help =
		xstrdup("kept with the date; it wins until the quadrant changes");
	f->update = hold_update;
	f->submit = hold_submit;
	form_open(ui, f);
	return REACT_RELOAD;
}

/* ---- defect tags: responses and problems ---------------------------------- */

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
static bool split_tags(struct ui *ui, struct pf *c)
{
	struct item *all = c->items;
	size_t n = c->nitems, i;
	int64_t seq = 0;

	c->items = NULL;
	c->nitems = 0;
	for (i = 0; i < n; i++) {
		char *codes = xstrdup(all[i].text2 ? all[i].text2 : ""), *save = NULL, *tok;

		for (tok = strtok_r(codes, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
			int64_t did;
			struct item *it;

			if (db_defect_find(ui->db, tok, &did) != STATUS_OK)
				continue;
			it = new_item(c);
			it->id = ++seq;
			it->contact_id = all[i].id; /* the response */
			it->id2 = did;
			it->text = xstrdup(tok);
			it->label = xasprintf("%s from %s", tok, all[i].label);
		}
		free(codes);
		item_free(&all[i]);
	}
	free(all);
	return c->nitems > 0;
}

static bool tag_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);
	bool untag = c->action == ACT_DEFECT_UNTAG;
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
		return failed(err, n);
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

static int open_tag(struct ui *ui, struct pf *c)
{
	bool untag = c->action == ACT_DEFECT_UNTAG;
	struct fb_ctx x = {ui, c, false, !untag};
	struct form *f;
	size_t i;

	if (db_feedback(ui->db, c->account_id, got_response, &x) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		pf_free(c);
		return REACT_DRAW;
	}
	if (!c->nitems) {
		ui_message(ui, THEME_STATUS, "No response on this account yet");
		pf_free(c);
		return REACT_DRAW;
	}
	qsort(c->items, c->nitems, sizeof(*c->items), item_order);
	if (untag && !split_tags(ui, c)) {
		ui_message(ui, THEME_STATUS, "No response of this account is tagged with a defect");
		pf_free(c);
		return REACT_DRAW;
	}
	f = pf_form(c,
		    untag ? "Remove a defect tag from a response" : "Tag a response with a defect");
	c->f_pick = form_add(f, FIELD_CHOICE, "response", untag ? "Tag" : "Response");
	for (i = 0; i < c->nitems; i++)
		form_choice(f, c->f_pick, c->items[i].label, c->items[i].id);
	if (!untag) {
		c->f_defect = form_add(f, FIELD_CHOICE, "defect", "Defect");
		f->fields[c->f_defect].help = xstrdup("←/→ or the first letter of its code");
		if (!add_defects(ui, f, c->f_defect)) {
			form_free(f);
			return REACT_DRAW;
		}
	}
	f->submit = tag_submit;
	form_open(ui, f);
	return REACT_RELOAD;
}

static int got_any_problem(const struct problem_info *r, void *ctx)
{
	struct pf *c = ctx;
	struct item *it = new_item(c);
	char *title = shorten(r->p.title, 50);

	it->id = r->p.id;
	it->id2 = r->defect_id;
	it->label = xasprintf("%s [%s]%s%s", title, r->p.status, r->p.defect_code ? " defect " : "",
			      r->p.defect_code ? r->p.defect_code : "");
	free(title);
	return 0;
}

static void problem_defect_update(struct form *f)
{
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);

	if (it && it->id != c->last_pick) {
		c->last_pick = it->id;
		form_select(f, c->f_defect, it->id2);
	}
}

static bool problem_defect_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct pf *c = f->ctx;
	const struct item *it = picked(f, c);
	struct problem_edit e = {NULL, NULL, NULL, -1, 0};

	if (!it) {
		snprintf(err, n, "Choose a problem");
		return false;
	}
	e.defect_id = form_value(f, c->f_defect);
	if (db_problem_edit(ui->db, it->id, &e) != STATUS_OK)
		return failed(err, n);
	ui_message(ui, THEME_STATUS, "%s",
		   e.defect_id ? "The problem's defect is set" : "The problem has no defect now");
	return true;
}

static int open_problem_defect(struct ui *ui, struct pf *c)
{
	struct problem_filter pf = {.account_id = c->account_id, .status = -1};
	struct form *f;
	size_t i;

	if (db_problem_list(ui->db, &pf, got_any_problem, c) != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "%s", status_detail());
		pf_free(c);
		return REACT_DRAW;
	}
	if (!c->nitems) {
		ui_message(ui, THEME_STATUS,
			   "No problem on this account (C opens one from a response)");
		pf_free(c);
		return REACT_DRAW;
	}
	f = pf_form(c, "Set or clear the defect of a problem");
	c->f_pick = form_add(f, FIELD_CHOICE, "problem", "Problem");
	for (i = 0; i < c->nitems; i++)
		form_choice(f, c->f_pick, c->items[i].label, c->items[i].id);
	c->f_defect = form_add(f, FIELD_CHOICE, "defect", "Defect");
	form_choice(f, c->f_defect, "(none: clear the defect)", 0);
	if (!add_defects(ui, f, c->f_defect)) {
		form_free(f);
		return REACT_DRAW;
	}
	form_select(f, c->f_defect, c->items[0].id2);
	c->last_pick = c->items[0].id;
	f->update = problem_defect_update;
	f->submit = problem_defect_submit;
	form_open(ui, f);
	return REACT_RELOAD;
}

/* ---- the entry point ------------------------------------------------------------ */

int plan_forms_action(struct ui *ui, int64_t account_id, int action)
{
	struct pf *c;

	switch (action) {
	case ACT_NOTE_NEW:
	case ACT_NOTE_EDIT:
	case ACT_NOTE_DELETE:
	case ACT_FOLLOW_UP:
	case ACT_PROBLEM_NEW:
	case ACT_PROBLEM_ADVANCE:
	case ACT_CONDITION_ADD:
	case ACT_CONDITION_EDIT:
	case ACT_CONDITION_MET:
	case ACT_CONDITION_REOPEN:
	case ACT_HOLD:
	case ACT_DEFECT_TAG:
	case ACT_DEFECT_UNTAG:
	case ACT_PROBLEM_DEFECT:
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
	if (!(c = pf_new(ui, account_id, action)))
		return REACT_DRAW;
	switch (action) {
	case ACT_NOTE_NEW:
	case ACT_NOTE_EDIT:
	case ACT_NOTE_DELETE:
		return open_note(ui, c);
	case ACT_FOLLOW_UP:
	case ACT_PROBLEM_NEW:
		return open_response_form(ui, c);
	case ACT_PROBLEM_ADVANCE:
		return open_advance(ui, c);
	case ACT_HOLD:
		return open_hold(ui, c);
	case ACT_DEFECT_TAG:
	case ACT_DEFECT_UNTAG:
		return open_tag(ui, c);
	case ACT_PROBLEM_DEFECT:
		return open_problem_defect(ui, c);
	default:
		return open_condition(ui, c);
	}
}

/*
 * Notes on one account (account_forms.h): log one ("is this a good time to
 * talk?"), change one, delete one with a confirmation, and follow up a
 * detractor's response with a note linked to it. The note's rules are
 * validate_note()'s, as the command line's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_forms.h"
#include "draft.h"
#include "acctplan/loop.h"
#include "acctplan/playbook.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

struct note_form {
	struct account_form a; /* first */
	size_t f_kind, f_contact, f_good, f_reason, f_next, f_body, f_confirm;
};

static void note_update(struct form *f)
{
	struct note_form *c = f->ctx;
	int64_t g = form_value(f, c->f_good);
	const struct item *it = account_form_picked(f, &c->a);

	f->fields[c->f_reason].hidden = !(g == GOOD_NO || g == GOOD_UNSURE);
	if (!it || it->id == c->a.last_pick)
		return;
	c->a.last_pick = it->id;
	if (c->a.action == ACT_NOTE_EDIT) {
		/* another note chosen: show what it says */
		form_select(f, c->f_kind, it->num2);
		form_select(f, c->f_contact, it->contact_id);
		form_select(f, c->f_good, it->num);
		form_select(f, c->f_reason, 0);
		if (it->text2)
			form_select(f, c->f_reason, reason_from_name(it->text2));
		form_set_text(f, c->f_next, it->date ? it->date : "");
		form_set_text(f, c->f_body, it->text);
		f->fields[c->f_reason].hidden = !(it->num == GOOD_NO || it->num == GOOD_UNSURE);
	} else if (c->a.action == ACT_FOLLOW_UP) {
		form_select(f, c->f_contact, it->contact_id);
	}
}

/* After a pitch is saved: a warning when the account is on hold, with why
 * (seed 001: stop selling to the unhappy); the pitch stays logged. */
static void pitch_warning(struct ui *ui, int64_t account_id, const char *saved)
{
	struct strbuf why;
	bool held = false;
	char *name = NULL;

	strbuf_init(&why);
	if (playbook_pitch_hold(ui->db, account_id, &held, &why, &name) == STATUS_OK && held)
		ui_message(ui, THEME_WARNING,
			   "%s, but %s is on hold (%s): talk about what must change first", saved,
			   name ? name : "the account", why.buf);
	free(name);
	strbuf_done(&why);
}

static bool note_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct note_form *c = f->ctx;
	struct note_rec rec;
	char stamp[APP_STAMP_LEN], next[DATE_LEN];
	int day, was = -1;
	int64_t id;
	const struct item *it = account_form_picked(f, &c->a);
	enum invalid v;

	if (!form_date(f, c->f_next, ui->today, &day, err, n))
		return false;
	if (c->a.action == ACT_NOTE_EDIT && it && it->date && !date_parse(it->date, &was))
		was = -1;
	{
		struct note_check chk = {
			form_text(f, c->f_body), (int)form_value(f, c->f_good),
			f->fields[c->f_reason].hidden ? -1 : (int)form_value(f, c->f_reason), day,
			was};
		v = validate_note(&chk, ui->today);
	}
	if (v == INVALID_NEXT_IN_PAST) {
		snprintf(err, n, "Try again on: %s is in the past; give the date to call again",
			 form_text(f, c->f_next));
		return false;
	}
	if (v != INVALID_OK) {
		snprintf(err, n, "Not saved: %s", invalid_message(v));
		return false;
	}
	memset(&rec, 0, sizeof(rec));
	rec.account_id = c->a.account_id;
	rec.contact_id = form_value(f, c->f_contact);
	rec.kind = (enum note_kind)form_value(f, c->f_kind);
	rec.body = form_text(f, c->f_body);
	rec.good_time = (int)form_value(f, c->f_good);
	rec.reason = f->fields[c->f_reason].hidden ? -1 : (int)form_value(f, c->f_reason);
	if (day >= 0) {
		date_format(day, next);
		rec.next_contact_on = next;
	}
	if (c->a.action == ACT_NOTE_EDIT) {
		if (!it) {
			snprintf(err, n, "Choose a note to change");
			return false;
		}
		rec.feedback_id = -1; /* keeps the note's response */
		if (db_note_update(ui->db, it->id, &rec) != STATUS_OK)
			return account_form_failed(err, n);
		ui_message(ui, THEME_STATUS, "Note changed");
		if (rec.kind == NOTE_PITCH)
			pitch_warning(ui, rec.account_id, "Pitch saved");
		return true;
	}
	if (c->a.action == ACT_FOLLOW_UP) {
		if (!it) {
			snprintf(err, n, "Choose the response this note follows up");
			return false;
		}
		rec.feedback_id = it->id;
	}
	rec.created_at = app_stamp(ui->app, stamp);
	if (db_note_add(ui->db, &rec, &id) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "Note saved%s",
		   c->a.action == ACT_FOLLOW_UP ? ": the response is followed up" : "");
	if (rec.kind == NOTE_PITCH)
		pitch_warning(ui, rec.account_id, "Pitch saved");
	return true;
}

/* The fields every note has, after the item choice (if any). good is the
 * answer chosen at first: -1, "not asked", unless a note says otherwise. */
static void note_fields(struct ui *ui, struct form *f, int kind, int good)
{
	struct note_form *c = f->ctx;
	char w[48];
	int k;

	c->f_contact = account_form_contacts(ui, f, c->a.account_id);
	c->f_good = form_add(f, FIELD_CHOICE, "good_time", "Good time?");
	form_choice(f, c->f_good, "(not asked)", -1);
	for (k = 0; k < GOOD_COUNT; k++)
		form_choice(f, c->f_good, good_time_name((enum good_time)k), k);
	form_select(f, c->f_good, good);
	c->f_reason = form_add(f, FIELD_CHOICE, "reason", "Reason");
	for (k = 0; k < REASON_COUNT; k++) {
		fmt_word(w, sizeof(w), reason_name((enum reason)k));
		form_choice(f, c->f_reason, w, k);
	}
	c->f_next = form_add(f, FIELD_DATE, "next", "Try again on");
	f->fields[c->f_next].help = xstrdup("YYYY-MM-DD, today or +N days; blank: no date");
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
	struct note_form *c = ctx;
	struct item *it = account_form_item(&c->a);
	char *body = account_form_shorten(r->body, 50);

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

static bool delete_submit(struct ui *ui, struct form *f, char *err, size_t n)
{
	struct note_form *c = f->ctx;
	const struct item *it = account_form_picked(f, &c->a);

	if (!it)
		return false;
	if (form_value(f, c->f_confirm) != 1) {
		snprintf(err, n, "Choose \"yes\" to delete the note (y), or Esc to keep it");
		return false;
	}
	if (db_note_delete(ui->db, it->id) != STATUS_OK)
		return account_form_failed(err, n);
	ui_message(ui, THEME_STATUS, "Note deleted");
	return true;
}

/* A form with a draft, named after the kind and the account. */
static void with_draft(struct form *f, const char *what, int64_t account_id)
{
	f->draft = xasprintf("%s-%lld", what, (long long)account_id);
	draft_restore(f);
}

static int open_new(struct ui *ui, struct note_form *c)
{
	struct form *f = account_form_new(&c->a, "Log a note: is this a good time to talk?");

	note_fields(ui, f, NOTE_PRECALL, -1);
	with_draft(f, "note", c->a.account_id);
	f->focus = c->f_body; /* typing goes to the note */
	return form_open(ui, f);
}

static int open_pick(struct ui *ui, struct note_form *c)
{
	struct form *f;

	if (db_notes(ui->db, c->a.account_id, got_note, c) != STATUS_OK)
		return account_form_none(ui, &c->a, status_detail());
	if (!c->a.nitems)
		return account_form_none(ui, &c->a, "No notes on this account yet (N logs one)");
	f = account_form_new(&c->a,
			     c->a.action == ACT_NOTE_EDIT ? "Change a note" : "Delete a note");
	account_form_pick(f, &c->a, "note", "Which note");
	if (c->a.action == ACT_NOTE_EDIT) {
		note_fields(ui, f, NOTE_GENERAL, -1);
	} else {
		c->f_confirm = form_add(f, FIELD_CHOICE, "confirm", "Delete it?");
		form_choice(f, c->f_confirm, "no, keep it", 0);
		form_choice(f, c->f_confirm, "yes, delete this note", 1);
		f->submit = delete_submit;
	}
	return form_open(ui, f);
}

static int open_follow_up(struct ui *ui, struct note_form *c)
{
	struct form *f;

	if (!account_form_responses(ui, &c->a, true, false))
		return REACT_DRAW;
	f = account_form_new(&c->a, "Follow up a detractor response");
	account_form_pick(f, &c->a, "response", "Response");
	note_fields(ui, f, NOTE_FOLLOWUP, -1);
	form_select(f, c->f_contact, c->a.items[0].contact_id);
	c->a.last_pick = c->a.items[0].id;
	with_draft(f, "followup", c->a.account_id);
	return form_open(ui, f);
}

int note_forms_open(struct ui *ui, int64_t account_id, int action)
{
	struct note_form *c = xcalloc(1, sizeof(*c));

	if (!account_form_init(ui, &c->a, account_id, action))
		return REACT_DRAW;
	c->f_confirm = NONE;
	switch (action) {
	case ACT_NOTE_NEW:
		return open_new(ui, c);
	case ACT_FOLLOW_UP:
		return open_follow_up(ui, c);
	default:
		return open_pick(ui, c);
	}
}

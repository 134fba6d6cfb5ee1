/*
 * The form view: draws the open form (form.h), takes its keys, saves it
 * through its submit function, and keeps its draft (draft.h) on disk as it
 * is typed.
 *
 * Invariants: at most one form is open (the form view is never stacked on
 * itself); F.form is the open form or the last one closed, kept until the
 * next opens; a form is submitted at most once (closed is set when it is
 * saved or cancelled). Every string typed is kept as UTF-8 and reaches the
 * screen through draw_text().
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui.h"
#include "hint.h"
#include "hint.h"
#include "draft.h"
#include "editor.h"
#include "form.h"
#include "acctplan/edits.h"
#include "acctplan/text.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

#define LABEL_W 16

static struct form_view {
	struct form *form;
	bool closed;                  /* saved or cancelled */
	int field_y[FORM_FIELDS_MAX]; /* screen row of each field, -1 when not shown */
} F;

static int edit_body(struct ui *ui, struct form *f)
{
	int b = form_body_field(f), rc;
	char *path = NULL, *text;
	bool temp = false;

	if (b < 0 || f->fields[b].hidden) {
		ui_message(ui, THEME_WARNING, "This form has no long text to edit");
		return REACT_DRAW;
	}
	f->focus = (size_t)b;
	/* the draft's own text file, so a crash of the editor loses nothing */
	if (f->draft && draft_save(f))
		path = draft_path(f->draft, "txt");
	if (!path) {
		const char *tmpdir = getenv("TMPDIR");
		int fd;
		path = xasprintf("%s/acctplan-note-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
		if ((fd = mkstemp(path)) < 0) {
			ui_message(ui, THEME_WARNING, "Cannot make a file for the editor: %s",
				   strerror(errno));
			free(path);
			return REACT_DRAW;
		}
		close(fd);
		temp = true;
		if (!draft_write_file(path, f->fields[b].text.buf, f->fields[b].text.len)) {
			ui_message(ui, THEME_WARNING, "Cannot write %s", path);
			unlink(path);
			free(path);
			return REACT_DRAW;
		}
	}
	rc = editor_run(path);
	if (rc == 0 && (text = draft_read_file(path))) {
		form_set_text(f, (size_t)b, text);
		draft_strip_newlines(&f->fields[b].text);
		free(text);
		f->dirty = true;
		f->error[0] = '\0';
		if (f->draft)
			draft_save(f);
		ui_message(ui, THEME_STATUS, "Text from the editor: C-s or Enter saves the note");
	} else {
		/* the form keeps the text it had; the draft keeps it too */
		if (f->draft)
			draft_save(f);
		if (rc < 0 || rc == 127)
			ui_message(
				ui, THEME_WARNING,
				"The editor did not start (set VISUAL or EDITOR); the text is as before%s",
				f->draft ? ", and kept as a draft" : "");
		else
			ui_message(ui, THEME_WARNING,
				   "The editor failed (status %d): the text is as before%s", rc,
				   f->draft ? ", and kept as a draft" : "");
	}
	if (temp)
		unlink(path);
	free(path);
	return REACT_RELOAD;
}

/* ---- the view ----------------------------------------------------------------- */

int form_open(struct ui *ui, struct form *f)
{
	assert(f);
	if (F.form && !F.closed && F.form->dirty)
		draft_save(F.form);
	if (F.form != f)
		form_free(F.form);
	F.form = f;
	F.closed = false;
	form_update(f); /* the focus stays where the caller put it (0: the first field) */
	if (!f->initial)
		form_snapshot(f);
	ui_push(ui, &view_form_ops);
	return REACT_RELOAD;
}

struct body_ctx {
	char **lines;
	size_t n, cap;
};

static void body_line(const char *line, void *ctx)
{
	struct body_ctx *b = ctx;

	b->lines = xgrow(b->lines, &b->cap, b->n + 1, sizeof(*b->lines));
	b->lines[b->n++] = xstrdup(line);
}

static void draw_field(struct ui *ui, struct form *f, size_t i, int *y, int bottom)
{
	struct form_field *fl = &f->fields[i];
	bool focus = i == f->focus;
	int x = LABEL_W + 3, w = ui->cols - x - 1;
	int base = focus ? THEME_SELECTION : THEME_NORMAL;

	F.field_y[i] = *y;
	draw_text_right(ui, *y, 1, LABEL_W, fl->label, focus ? THEME_KEY : THEME_HEADER);
	if (fl->kind == FIELD_CHOICE) {
		const char *label =
			fl->nchoices ? fl->choices[fl->sel].label : "(nothing to choose)";
		char pos[32];
		int cx = x;

		if (focus)
			cx += draw_text(ui, *y, cx, 2, "◀ ", THEME_KEY, false);
		cx += draw_text(ui, *y, cx, w - 14, label, base, false);
		if (focus) {
			cx += draw_text(ui, *y, cx, 2, " ▶", THEME_KEY, false);
			if (fl->nchoices > 1) {
				snprintf(pos, sizeof(pos), "  %zu of %zu", fl->sel + 1,
					 fl->nchoices);
				draw_text(ui, *y, cx, ui->cols - cx - 1, pos, THEME_DIM, false);
			}
		}
		(*y)++;
		return;
	}
	if (fl->kind != FIELD_BODY) {
		int cx = x;
		cx += draw_text(ui, *y, cx, w - 1, fl->text.buf, base, false);
		if (focus)
			cx += draw_text(ui, *y, cx, 1, "▏", THEME_KEY, false);
		if (fl->help && (focus || !fl->text.len))
			draw_text(ui, *y, cx + 2, ui->cols - cx - 3, fl->help, THEME_DIM, false);
		(*y)++;
		return;
	}
	{
		struct body_ctx b = {NULL, 0, 0};
		int rows = bottom - *y, r;
		size_t first = 0, k;

		if (rows < 1)
			rows = 1;
		if (fl->text.len)
			draw_wrap(fl->text.buf, w - 1, body_line, &b);
		if (b.n > (size_t)rows)
			first = focus ? b.n - (size_t)rows : 0;
		for (r = 0, k = first; k < b.n && r < rows; k++, r++) {
			int cx = x + draw_text(ui, *y + r, x, w - 1, b.lines[k], base, false);
			if (focus && k + 1 == b.n)
				draw_text(ui, *y + r, cx, 1, "▏", THEME_KEY, false);
		}
		if (!b.n) {
			if (focus)
				draw_text(ui, *y, x, 1, "▏", THEME_KEY, false);
			if (fl->help)
				draw_text(ui, *y, x + 2, w - 2, fl->help, THEME_DIM, false);
			r = 1;
		}
		if (b.n > (size_t)rows)
			draw_printf(ui, *y + rows - 1, ui->cols - 24, 23, THEME_DIM,
				    "%zu more line%s", b.n - (size_t)rows,
				    b.n - (size_t)rows == 1 ? "" : "s");
		for (k = 0; k < b.n; k++)
			free(b.lines[k]);
		free(b.lines);
		*y += r;
	}
}

static void form_draw(struct ui *ui)
{
	struct form *f = F.form;
	int y = ui->view_y, bottom = ui->view_y + ui->view_h - 3;
	size_t i;

	for (i = 0; i < FORM_FIELDS_MAX; i++)
		F.field_y[i] = -1;
	if (!f)
		return;
	draw_text(ui, y, 1, ui->cols - 2, f->title, THEME_TITLE, false);
	y++;
	if (f->intro)
		draw_text(ui, y++, 1, ui->cols - 2, f->intro, THEME_DIM, false);
	draw_hline(ui, y++, 0, ui->cols, THEME_BORDER);
	y++;
	for (i = 0; i < f->nfields && y < bottom; i++) {
		if (f->fields[i].hidden)
			continue;
		draw_field(ui, f, i, &y, bottom);
	}
	y = ui->view_y + ui->view_h - 2;
	draw_hline(ui, y - 1, 0, ui->cols, THEME_BORDER);
	if (f->error[0])
		draw_text(ui, y, 1, ui->cols - 2, f->error, THEME_WARNING, false);
	else if (f->notice[0]) {
		/* the keys from the key map, as every hint */
		char k[32], *line;

		ui_key_for(ui, VIEW_FORM, ACT_DISCARD_DRAFT, k, sizeof(k));
		line = f->draft_back && k[0] ? xasprintf("%s %s discards it.", f->notice, k)
					     : xstrdup(f->notice);
		draw_text(ui, y, 1, ui->cols - 2, line, THEME_STATUS, false);
		free(line);
	} else {
		static const struct {
			const char *words;
			int action;
			bool body_only;
		} keys[] = {
			{": next field, saves on the last", ACT_NEXT_FIELD, false},
			{" save", ACT_SAVE, false},
			{" write the text in your editor", ACT_EDITOR, true},
			{" cancel", ACT_BACK, false},
		};
		struct strbuf sb;
		char k[32];
		size_t j;

		strbuf_init(&sb);
		for (j = 0; j < sizeof(keys) / sizeof(*keys); j++) {
			if (keys[j].body_only && form_body_field(f) < 0)
				continue;
			if (!*ui_key_for(ui, VIEW_FORM, keys[j].action, k, sizeof(k)))
				continue;
			strbuf_addf(&sb, "%s%s%s", sb.len ? " · " : "", k, keys[j].words);
		}
		draw_text(ui, y, 1, ui->cols - 2, sb.buf ? sb.buf : "", THEME_DIM, false);
		strbuf_done(&sb);
	}
}

/* After every change: the draft on disk follows what is typed, so a
 * killed terminal (or kill -9) keeps it. */
static void changed(struct form *f)
{
	f->dirty = true;
	f->error[0] = '\0';
	form_update(f);
	if (f->draft)
		draft_keep(f);
}

static int step_choice(struct form *f, int dir)
{
	struct form_field *fl = &f->fields[f->focus];

	if (fl->kind != FIELD_CHOICE || fl->nchoices < 2)
		return REACT_NONE;
	fl->sel =
		(fl->sel + fl->nchoices + (size_t)(dir > 0 ? 1 : fl->nchoices - 1)) % fl->nchoices;
	changed(f);
	return REACT_DRAW;
}

/* What a date may be typed with: YYYY-MM-DD, +N/-N, today, yesterday. */
static bool date_char(int key)
{
	return (key >= '0' && key <= '9') || key == '-' || key == '+' ||
	       (key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z');
}

static int form_key(struct ui *ui, int key)
{
	struct form *f = F.form;
	struct form_field *fl;

	if (!f || F.closed || f->focus >= f->nfields)
		return -1;
	fl = &f->fields[f->focus];
	if (fl->kind == FIELD_CHOICE) {
		size_t k, n = fl->nchoices;
		if (key == ' ')
			return step_choice(f, 1);
		if (key == KEYS_BACKSPACE)
			return REACT_NONE;
		if (key >= 0x20 && key < 0x7F) {
			/* the next choice starting with that letter */
			for (k = 1; k <= n; k++) {
				const char *l = fl->choices[(fl->sel + k) % n].label;
				while (*l && !isalnum((unsigned char)*l))
					l++;
				if (tolower((unsigned char)*l) == tolower(key)) {
					fl->sel = (fl->sel + k) % n;
					changed(f);
					return REACT_DRAW;
				}
			}
			return REACT_NONE;
		}
		if (key >= 0x80 && key < KEYS_BASE)
			return REACT_NONE;
		return -1;
	}
	if (key == KEYS_BACKSPACE) {
		struct strbuf *t = &fl->text;
		if (!t->len)
			return REACT_NONE;
		while (t->len > 0 && ((unsigned char)t->buf[t->len - 1] & 0xC0) == 0x80)
			t->len--;
		if (t->len)
			t->len--;
		t->buf[t->len] = '\0';
		changed(f);
		return REACT_DRAW;
	}
	if (key == 21 /* C-u */) {
		strbuf_reset(&fl->text);
		changed(f);
		return REACT_DRAW;
	}
	if (key >= 0x20 && key < KEYS_BASE && key != 0x7F && !(key >= 0x80 && key < 0xA0)) {
		if (fl->kind == FIELD_DATE && !date_char(key)) {
			snprintf(f->error, sizeof(f->error),
				 "%s: YYYY-MM-DD, today, yesterday or +N days", fl->label);
			return REACT_DRAW;
		}
		if (fl->text.len < (size_t)64 * 1024)
			utf8_encode(&fl->text, (uint32_t)key);
		changed(f);
		return REACT_DRAW;
	}
	return -1;
}

static int move_focus(struct form *f, int dir)
{
	size_t i = f->focus;

	for (;;) {
		if (dir > 0 && i + 1 >= f->nfields)
			return REACT_NONE;
		if (dir < 0 && i == 0)
			return REACT_NONE;
		i = dir > 0 ? i + 1 : i - 1;
		if (form_visible(f, i)) {
			f->focus = i;
			return REACT_DRAW;
		}
	}
}

static bool last_visible(const struct form *f)
{
	size_t i;

	for (i = f->focus + 1; i < f->nfields; i++)
		if (form_visible(f, i))
			return false;
	return true;
}

static int submit(struct ui *ui, struct form *f)
{
	size_t i;

	f->error[0] = '\0';
	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		if (fl->hidden || fl->kind == FIELD_CHOICE || !fl->required)
			continue;
		if (validate_blank(fl->text.buf)) {
			snprintf(f->error, sizeof(f->error), "%s is empty: write something first%s",
				 fl->label,
				 fl->kind == FIELD_BODY ? " (C-e opens your editor)" : "");
			f->focus = i;
			return REACT_DRAW;
		}
	}
	if (db_is_readonly(ui->db)) {
		snprintf(f->error, sizeof(f->error),
			 "The database is read-only: nothing can be saved");
		return REACT_DRAW;
	}
	{
		/* the save is one change in the edit history: U takes it back */
		char stamp[APP_STAMP_LEN], *summary;
		struct change ch = {CHANGE_LOCAL, app_stamp(ui->app, stamp), NULL};
		bool saved;

		summary = f->intro ? xasprintf("%s (%s)", f->title, f->intro) : xstrdup(f->title);
		ch.summary = summary;
		db_change(ui->db, &ch);
		saved = f->submit(ui, f, f->error, sizeof(f->error));
		db_change_cancel(ui->db); /* a save that wrote nothing */
		free(summary);
		if (!saved) {
			if (!f->error[0])
				snprintf(f->error, sizeof(f->error), "Not saved");
			return REACT_DRAW;
		}
	}
	/* saved: the draft is done with, and the standings may have moved */
	draft_delete(f);
	F.closed = true;
	ui_written(ui);
	return REACT_POP;
}

static int form_handle(struct ui *ui, int action)
{
	struct form *f = F.form;

	if (!f || F.closed)
		return REACT_PASS;
	switch (action) {
	case ACT_DOWN:
		return move_focus(f, 1);
	case ACT_UP:
		return move_focus(f, -1);
	case ACT_NEXT_FIELD:
		if (last_visible(f))
			return submit(ui, f);
		return move_focus(f, 1);
	case ACT_SAVE:
		return submit(ui, f);
	case ACT_LEFT:
		return step_choice(f, -1);
	case ACT_RIGHT:
		return step_choice(f, 1);
	case ACT_EDITOR:
		return edit_body(ui, f);
	case ACT_DISCARD_DRAFT:
		draft_delete(f);
		form_revert(f);
		f->dirty = false;
		f->error[0] = '\0';
		snprintf(f->notice, sizeof(f->notice), "Draft discarded.");
		form_update(f);
		return REACT_DRAW;
	case ACT_BACK:
		if (f->dirty && f->draft && draft_save(f))
			ui_message(ui, THEME_STATUS, "Not saved; kept as a draft for next time");
		else
			ui_message(ui, THEME_STATUS, "Cancelled: nothing written");
		F.closed = true;
		return REACT_PASS;
	case ACT_QUIT:
	case ACT_QUIT_ALL:
	case ACT_HELP:
	case ACT_REDRAW:
		return REACT_PASS;
	default:
		return REACT_NONE;
	}
}

static int form_click(struct ui *ui, int y, int x, bool twice)
{
	struct form *f = F.form;
	size_t i;

	if (!f)
		return REACT_NONE;
	for (i = 0; i < f->nfields && i < FORM_FIELDS_MAX; i++)
		if (F.field_y[i] == y && form_visible(f, i)) {
			if (f->focus == i && f->fields[i].kind == FIELD_CHOICE)
				return step_choice(f, 1);
			f->focus = i;
			return REACT_DRAW;
		}
	return REACT_NONE;
}

static const char *form_hint(struct ui *ui)
{
	const struct form *f = F.form;

	static const struct hint choice[] = {
		HINT2(ACT_LEFT, ACT_RIGHT, "or Space choose"),
		HINT2(ACT_UP, ACT_DOWN, "fields"),
		HINT(ACT_NEXT_FIELD, "next/save"),
		HINT(ACT_SAVE, "save"),
		HINT(ACT_BACK, "cancel"),
	};
	static const struct hint text[] = {
		HINT2(ACT_UP, ACT_DOWN, "fields"),
		HINT(ACT_NEXT_FIELD, "next/save"),
		HINT(ACT_SAVE, "save"),
		HINT(ACT_EDITOR, "editor"),
		HINT(ACT_BACK, "cancel"),
	};

	if (f && f->focus < f->nfields && f->fields[f->focus].kind == FIELD_CHOICE)
		return UI_HINT(ui, VIEW_FORM, choice);
	return UI_HINT(ui, VIEW_FORM, text);
}

static void form_done(struct ui *ui)
{
	if (F.form && !F.closed && F.form->dirty)
		draft_save(F.form);
	form_free(F.form);
	F.form = NULL;
}

const struct view_ops view_form_ops = {
	.id = VIEW_FORM,
	.done = form_done,
	.draw = form_draw,
	.handle = form_handle,
	.key = form_key,
	.click = form_click,
	.hint = form_hint,
};

/*
 * Team sync from the console: the sync key runs what `acctplan sync` runs
 * (sync.h) with the folder config.yaml names, then lays the report out as
 * lines for the sync overlay (help.c draws it). Nothing here words a
 * conflict: sync_conflict_words() does, for the command line too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "hint.h"
#include "acctplan/sync.h"
#include "acctplan/xalloc.h"

void ui_sync_done(struct ui *ui)
{
	xfree_strings(ui->sync.text, ui->sync.n);
	free(ui->sync.elem);
	memset(&ui->sync, 0, sizeof(ui->sync));
}

static void line(struct ui *ui, int elem, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void line(struct ui *ui, int elem, const char *fmt, ...)
{
	struct ui_sync_report *s = &ui->sync;
	size_t cap = s->cap;
	va_list ap;
	char *text;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	text = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->text = xgrow(s->text, &cap, s->n + 1, sizeof(*s->text));
	s->elem = xgrow(s->elem, &s->cap, s->n + 1, sizeof(*s->elem));
	s->text[s->n] = text;
	s->elem[s->n++] = elem;
}

static size_t count(const struct sync_report *r, enum sync_file_state st)
{
	size_t i, n = 0;

	for (i = 0; i < r->nfiles; i++)
		n += r->files[i].state == st;
	return n;
}

/* The report as the overlay's lines (text from the book and the folder is
 * sanitised when it is drawn). */
static void lay_out(struct ui *ui, const char *dir, const struct sync_report *r)
{
	size_t i, n;

	line(ui, THEME_HEADER, "Synced with %s", dir);
	if (r->new_identity)
		line(ui, THEME_WARNING, "New identity: %s.", r->new_identity);
	if (r->sent_any)
		line(ui, THEME_NORMAL, "Sent %ld change%s: %ld added, %ld changed, %ld deleted.",
		     r->sent_inserts + r->sent_updates + r->sent_deletes,
		     r->sent_inserts + r->sent_updates + r->sent_deletes == 1 ? "" : "s",
		     r->sent_inserts, r->sent_updates, r->sent_deletes);
	else
		line(ui, THEME_NORMAL, "Nothing to send.");
	if ((n = count(r, SYNC_APPLIED)))
		line(ui, THEME_NORMAL, "Applied %ld change%s from %zu file%s:", r->applied_changes,
		     r->applied_changes == 1 ? "" : "s", n, n == 1 ? "" : "s");
	else
		line(ui, THEME_NORMAL, "Nothing new to apply.");
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].state == SYNC_APPLIED)
			line(ui, THEME_DIM, "  %ld from %s", r->files[i].changes,
			     r->files[i].author ? r->files[i].author : "a teammate");
	if (r->nconflicts) {
		line(ui, THEME_NORMAL, "%s", "");
		line(ui, THEME_HEADER,
		     "Conflicts resolved (%zu); the other side of each is in the"
		     " edit history:",
		     r->nconflicts);
	}
	for (i = 0; i < r->nconflicts; i++) {
		struct strbuf sb;

		strbuf_init(&sb);
		sync_conflict_words(&sb, &r->conflicts[i]);
		line(ui, THEME_NORMAL, "%s", sb.buf);
		strbuf_done(&sb);
	}
	if ((n = count(r, SYNC_HELD) + count(r, SYNC_REFUSED_FILE))) {
		line(ui, THEME_NORMAL, "%s", "");
		line(ui, THEME_HEADER, "Files not applied (%zu):", n);
	}
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].state != SYNC_APPLIED)
			line(ui, r->files[i].state == SYNC_HELD ? THEME_NORMAL : THEME_WARNING,
			     "%s/%s: %s%s", dir, r->files[i].name,
			     r->files[i].state == SYNC_HELD ? "waits: " : "refused: ",
			     r->files[i].why ? r->files[i].why : "");
	if (r->undelivered)
		line(ui, THEME_WARNING, "%s", r->undelivered);
}

int ui_sync(struct ui *ui)
{
	const char *dir = ui->app->config.sync_dir;
	char stamp[APP_STAMP_LEN], *path;
	struct sync_report r;
	enum status st;
	char key[32];

	if (!dir) {
		ui_message(ui, THEME_WARNING,
			   "No sync folder: set sync: {dir: PATH} in config.yaml (or run acctplan"
			   " sync DIR)");
		return REACT_DRAW;
	}
	if (db_is_readonly(ui->db)) {
		ui_message(ui, THEME_WARNING, "The database is read-only: it cannot sync");
		return REACT_DRAW;
	}
	ui_message(ui, THEME_STATUS, "Syncing with %s...", dir);
	ui_draw_now(ui);
	path = app_db_path(ui->app);
	sync_report_init(&r);
	st = sync_run(ui->db, path, dir, app_stamp(ui->app, stamp), ui->app->config.sync_name, &r);
	free(path);
	ui_sync_done(ui);
	if (st != STATUS_OK) {
		ui_message(ui, THEME_WARNING, "Sync: %s", status_detail());
		sync_report_done(&r);
		return REACT_DRAW;
	}
	lay_out(ui, dir, &r);
	ui_message(ui, count(&r, SYNC_REFUSED_FILE) || r.undelivered ? THEME_WARNING : THEME_STATUS,
		   "Synced: %s sent, %ld applied, %zu conflict%s%s (%s closes)",
		   r.sent_any ? "changes" : "nothing", r.applied_changes, r.nconflicts,
		   r.nconflicts == 1 ? "" : "s",
		   count(&r, SYNC_REFUSED_FILE) ? ", files refused" : "",
		   ui_key_for(ui, VIEW_HELP, ACT_BACK, key, sizeof(key)));
	sync_report_done(&r);
	ui->overlay = OVERLAY_SYNC;
	ui->help_top = 0;
	/* what the teammates changed: every view fetches again */
	ui_written(ui);
	return REACT_RELOAD;
}

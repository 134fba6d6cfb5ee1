/*
 * acctplan sync [DIR]: exchange changes with the team through a shared
 * folder (sync.h), and say what was sent, what was applied and which
 * conflicts were resolved, as text or JSON. A file of the folder that is
 * refused is also said on stderr, "DIR/FILE: reason", and makes the exit
 * status 1, though the rest was applied.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/sync.h"
#include "acctplan/xalloc.h"
#include "cli.h"

struct sync_opts {
	const char *dir;
};

/* text sanitised for one line, into sb (borrowed until the next call) */
static const char *safe(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	text_line(sb, s ? s : "");
	return sb->buf;
}

static size_t count(const struct sync_report *r, enum sync_file_state st)
{
	size_t i, n = 0;

	for (i = 0; i < r->nfiles; i++)
		n += r->files[i].state == st;
	return n;
}

static void print_text(const char *dir, const struct sync_report *r)
{
	struct strbuf sb, line;
	size_t i, n;

	strbuf_init(&sb);
	strbuf_init(&line);
	printf("Synced with %s as %s.\n", safe(&sb, dir), r->instance);
	if (r->new_identity)
		printf("New identity: %s.\n", r->new_identity);
	if (r->sent_any)
		printf("Sent %ld change%s (%ld added, %ld changed, %ld deleted): %s\n",
		       r->sent_inserts + r->sent_updates + r->sent_deletes,
		       r->sent_inserts + r->sent_updates + r->sent_deletes == 1 ? "" : "s",
		       r->sent_inserts, r->sent_updates, r->sent_deletes, r->sent_name);
	else
		printf("Nothing to send.\n");
	if ((n = count(r, SYNC_APPLIED)))
		printf("Applied %zu file%s, %ld change%s:\n", n, n == 1 ? "" : "s",
		       r->applied_changes, r->applied_changes == 1 ? "" : "s");
	else
		printf("Nothing new to apply.\n");
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].state == SYNC_APPLIED)
			printf("  %s  from %s, %ld change%s\n", safe(&sb, r->files[i].name),
			       safe(&line, r->files[i].author), r->files[i].changes,
			       r->files[i].changes == 1 ? "" : "s");
	if ((n = count(r, SYNC_HELD)))
		printf("Waiting: %zu file%s, applied at a later sync:\n", n, n == 1 ? "" : "s");
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].state == SYNC_HELD)
			printf("  %s: %s\n", safe(&sb, r->files[i].name),
			       safe(&line, r->files[i].why));
	if ((n = count(r, SYNC_REFUSED_FILE)))
		printf("Refused: %zu file%s, nothing of %s applied:\n", n, n == 1 ? "" : "s",
		       n == 1 ? "it" : "them");
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].state == SYNC_REFUSED_FILE)
			printf("  %s: %s\n", safe(&sb, r->files[i].name),
			       safe(&line, r->files[i].why));
	if (r->nconflicts)
		printf("Resolved %zu conflict%s:\n", r->nconflicts, r->nconflicts == 1 ? "" : "s");
	for (i = 0; i < r->nconflicts; i++) {
		strbuf_reset(&line);
		sync_conflict_words(&line, &r->conflicts[i]);
		printf("  %s\n", safe(&sb, line.buf));
	}
	strbuf_done(&sb);
	strbuf_done(&line);
}

static const char *const kind_names[] = {
	[SYNC_FIELD] = "field",
	[SYNC_DELETED] = "deleted",
	[SYNC_REMOVED_WITH] = "removed_with",
	[SYNC_REFUSED] = "refused",
	[SYNC_RENAMED] = "renamed",
};

static void json_files(struct json *j, const struct sync_report *r, enum sync_file_state st)
{
	size_t i;

	json_array(j);
	for (i = 0; i < r->nfiles; i++) {
		const struct sync_file_result *f = &r->files[i];

		if (f->state != st)
			continue;
		json_object(j);
		json_key_str(j, "file", f->name);
		if (st != SYNC_REFUSED_FILE) {
			json_key_str(j, "author", f->author);
			json_key_int(j, "changes", f->changes);
		}
		if (st != SYNC_APPLIED) {
			json_key_str(j, "reason", f->why);
		}
		json_end(j, '}');
	}
	json_end(j, ']');
}

static void print_json(const char *dir, const struct sync_report *r)
{
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_object(&j);
	json_key_str(&j, "dir", dir);
	json_key_str(&j, "instance", r->instance);
	json_key_str(&j, "new_identity", r->new_identity);
	json_key(&j, "sent");
	if (r->sent_any) {
		json_object(&j);
		json_key_str(&j, "file", r->sent_name);
		json_key_int(&j, "changes", r->sent_inserts + r->sent_updates + r->sent_deletes);
		json_key_int(&j, "added", r->sent_inserts);
		json_key_int(&j, "changed", r->sent_updates);
		json_key_int(&j, "deleted", r->sent_deletes);
		json_end(&j, '}');
	} else {
		json_null(&j);
	}
	json_key(&j, "applied");
	json_files(&j, r, SYNC_APPLIED);
	json_key_int(&j, "applied_changes", r->applied_changes);
	json_key(&j, "held");
	json_files(&j, r, SYNC_HELD);
	json_key(&j, "refused");
	json_files(&j, r, SYNC_REFUSED_FILE);
	json_key(&j, "conflicts");
	json_array(&j);
	for (i = 0; i < r->nconflicts; i++) {
		const struct sync_conflict *c = &r->conflicts[i];
		struct strbuf words;

		json_object(&j);
		json_key_str(&j, "kind", kind_names[c->kind]);
		json_key_str(&j, "table", c->table);
		json_key_id(&j, "id", c->row);
		json_key_str(&j, "label", c->label);
		json_key_str(&j, "field", c->kind == SYNC_FIELD ? c->column : NULL);
		json_key(&j, "kept");
		json_str(&j, c->kind == SYNC_FIELD     ? c->kept
			     : c->kind == SYNC_RENAMED ? c->column
						       : NULL);
		json_key_str(&j, "lost", c->kind == SYNC_FIELD ? c->lost : NULL);
		json_key_bool(&j, "kept_here", c->here_won);
		json_key_str(&j, "file", c->file);
		json_key_str(&j, "author", c->author);
		json_key_str(&j, "reason", c->why);
		strbuf_init(&words);
		sync_conflict_words(&words, c);
		json_key_str(&j, "words", words.buf);
		strbuf_done(&words);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key_str(&j, "undelivered", r->undelivered);
	json_key(&j, "apply_ms");
	json_num(&j, r->apply_ms, 1);
	json_end(&j, '}');
	json_done(&j);
}

static int sync_cmd(struct cli *c, void *arg)
{
	const struct sync_opts *o = arg;
	struct sync_report r;
	struct db *db = NULL;
	char stamp[APP_STAMP_LEN], *path;
	const char *dir;
	enum status st;
	size_t i;
	int rc;

	if ((rc = cli_setup(c)) != EXIT_OK)
		return rc;
	dir = o->dir ? o->dir : c->app.config.sync_dir;
	if (!dir)
		return cli_usage("sync needs a folder: acctplan sync DIR, or sync: {dir: PATH} in"
				 " config.yaml");
	if (!db_sync_available())
		return cli_fail(STATUS_IO);
	if ((rc = cli_open_change(c, &db)) != EXIT_OK)
		return rc;
	path = app_db_path(&c->app);
	sync_report_init(&r);
	st = sync_run(db, path, dir, app_stamp(&c->app, stamp), c->app.config.sync_name, &r);
	free(path);
	if (st != STATUS_OK) {
		sync_report_done(&r);
		db_close(db);
		return cli_fail(st);
	}
	/* each laptop rebuilds the standings the changes moved */
	if (db_refresh(db, &c->app.config.rules, c->app.today) != STATUS_OK)
		cli_message("%s", status_detail());
	if (c->format == FMT_JSON)
		print_json(dir, &r);
	else
		print_text(dir, &r);
	fflush(stdout);
	rc = EXIT_OK;
	for (i = 0; i < r.nfiles; i++)
		if (r.files[i].state == SYNC_REFUSED_FILE) {
			cli_message("%s/%s: %s", dir, r.files[i].name, r.files[i].why);
			rc = EXIT_RUNTIME;
		}
	if (r.undelivered) {
		cli_message("%s", r.undelivered);
		rc = EXIT_RUNTIME;
	}
	sync_report_done(&r);
	db_close(db);
	return rc;
}

#define O(f) offsetof(struct sync_opts, f)
static const struct cli_opt options[] = {
	CLI_TEXT_ARG("DIR", CLI_NONEMPTY, O(dir),
		     "the team's shared folder (default: sync: dir: in config.yaml)"),
};
#undef O

const struct cli_cmd cmd_sync = {
	.name = "sync",
	.summary = "exchange changes with the team through a shared folder",
	.description =
		"Writes this book's changes since its last sync into DIR as one changeset\n"
		"file, then applies every file in DIR this book has not applied yet, in the\n"
		"order every laptop uses, and reports what it sent, what it applied and the\n"
		"conflicts it resolved. DIR is any folder the team shares: a git work tree,\n"
		"a synced drive, a USB stick. Changes made by other programs travel too.\n"
		"On a terminal, a line on stderr says what it is doing while it works (the\n"
		"changes applied of all the folder's new files hold).\n"
		"\n"
		"Conflicts: the same field changed on two laptops keeps the later edit (by\n"
		"updated_at); a row deleted on one laptop and changed on another stays\n"
		"deleted; the losing side is kept in the edit history either way.\n"
		"\n"
		"A file in DIR that is damaged or not acctplan's is refused: named on\n"
		"stderr as DIR/FILE: reason, nothing of it applied, the exit status 1; the\n"
		"others still apply. A copy of a book that has synced (a new laptop set up\n"
		"from a colleague's file) takes an identity of its own at its first sync.\n"
		"\n"
		"--format json prints one object: dir, instance, new_identity, sent (file,\n"
		"changes, added, changed, deleted; null when nothing), applied and held\n"
		"(file, author, changes, reason), applied_changes, refused (file, reason),\n"
		"conflicts (kind: field, deleted, removed_with, refused or renamed; table,\n"
		"id, label, field, kept, lost, kept_here, file, author, reason, words),\n"
		"undelivered and apply_ms.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON),
	.size = sizeof(struct sync_opts),
	.run = sync_cmd,
};

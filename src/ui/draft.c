/*
 * Drafts: what was typed into a form, kept on disk as it is typed, so a
 * killed terminal, a crashed editor or a cancelled form loses nothing.
 * NAME.fields holds one KEY=VALUE line per field (choices by value, texts
 * on one line) and NAME.txt the long text, in $XDG_STATE_HOME/acctplan/
 * drafts (XDG_CACHE_HOME when that cannot be made). Every write goes
 * through a temporary file and a rename: a kill leaves the old draft or
 * the new one, never half of one. No terminal here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "draft.h"
#include "acctplan/app.h"
#include "acctplan/date.h"
#include "acctplan/xalloc.h"

#define DRAFT_MAX (1 << 20) /* a draft body larger than this is not read back */

/* The drafts directory, created when missing; NULL when none can be. */
static char *drafts_dir(void)
{
	const char *vars[2] = {"XDG_STATE_HOME", "XDG_CACHE_HOME"};
	const char *home_sub[2] = {".local/state", ".cache"};
	const char *home = getenv("HOME");
	int k;

	for (k = 0; k < 2; k++) {
		const char *v = getenv(vars[k]);
		char *dir;

		if (v && *v == '/')
			dir = xasprintf("%s/acctplan/drafts", v);
		else if (home && *home)
			dir = xasprintf("%s/%s/acctplan/drafts", home, home_sub[k]);
		else
			continue;
		if (app_mkdirs(dir) == 0 && access(dir, W_OK) == 0)
			return dir;
		free(dir);
	}
	return NULL;
}

char *draft_path(const char *name, const char *ext)
{
	char *dir = drafts_dir(), *p;

	if (!dir)
		return NULL;
	p = xasprintf("%s/%s.%s", dir, name, ext);
	free(dir);
	return p;
}

/* Writes data to path through a temporary file and a rename, so a crash
 * leaves the old draft or the new one. */
static bool write_atomic(const char *path, const char *data, size_t n, bool sync)
{
	char *tmp = xasprintf("%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = fd >= 0;
	size_t off = 0;

	while (ok && off < n) {
		ssize_t w = write(fd, data + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			ok = false;
		else
			off += (size_t)w;
	}
	if (fd >= 0) {
		if (ok && sync && fsync(fd) != 0)
			ok = false;
		if (close(fd) != 0)
			ok = false;
	}
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

/* Reads a whole file (at most DRAFT_MAX bytes); NULL when it cannot. */
char *draft_read_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	struct strbuf sb;
	char buf[4096];
	size_t n;

	if (!fp)
		return NULL;
	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 && sb.len < DRAFT_MAX)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	{
		char *out = strbuf_detach(&sb);
		strbuf_done(&sb); /* detach leaves sb empty but allocated */
		return out;
	}
}

int form_body_field(const struct form *f)
{
	size_t i;

	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].kind == FIELD_BODY)
			return (int)i;
	return -1;
}

bool draft_write_file(const char *path, const char *data, size_t n)
{
	return write_atomic(path, data, n, true);
}

static bool save(struct form *f, bool sync)
{
	struct strbuf sb;
	char *path;
	size_t i;
	int b = form_body_field(f);
	bool ok;

	if (!f->draft || !(path = draft_path(f->draft, "fields")))
		return false;
	strbuf_init(&sb);
	{
		/* when it was written, by the one clock (date_stamp()) */
		char stamp[DATE_STAMP_LEN];
		strbuf_addf(&sb, ":saved=%.16s\n", date_stamp(stamp));
	}
	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		const char *p;

		if (fl->kind == FIELD_BODY)
			continue;
		strbuf_addf(&sb, "%s=", fl->key);
		if (fl->kind == FIELD_CHOICE) {
			strbuf_addf(&sb, "%lld", (long long)form_value(f, i));
		} else {
			for (p = fl->text.buf; *p; p++)
				strbuf_addc(&sb, *p == '\n' || *p == '\r' ? ' ' : *p);
		}
		strbuf_addc(&sb, '\n');
	}
	ok = write_atomic(path, sb.buf, sb.len, sync);
	strbuf_done(&sb);
	free(path);
	if (ok && b >= 0 && (path = draft_path(f->draft, "txt"))) {
		ok = write_atomic(path, f->fields[b].text.buf, f->fields[b].text.len, sync);
		free(path);
	}
	return ok;
}

bool draft_save(struct form *f)
{
	return save(f, true);
}

bool draft_keep(struct form *f)
{
	return save(f, false);
}

void draft_delete(const struct form *f)
{
	char *p;

	if (!f->draft)
		return;
	if ((p = draft_path(f->draft, "fields"))) {
		unlink(p);
		free(p);
	}
	if ((p = draft_path(f->draft, "txt"))) {
		unlink(p);
		free(p);
	}
}

void draft_strip_newlines(struct strbuf *sb)
{
	while (sb->len && (sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == '\r'))
		sb->buf[--sb->len] = '\0';
}

bool draft_restore(struct form *f)
{
	char *path, *data, *line, *next;
	int b = form_body_field(f);
	bool any = false;
	char when[32] = "";

	if (!f->draft || !(path = draft_path(f->draft, "fields")))
		return false;
	data = draft_read_file(path);
	free(path);
	if (!data)
		return false;
	/* what the caller filled in, so discarding the draft can go back to it */
	form_snapshot(f);
	for (line = data; line && *line; line = next) {
		char *eq;
		size_t i;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!(eq = strchr(line, '=')))
			continue;
		*eq = '\0';
		if (!strcmp(line, ":saved")) {
			snprintf(when, sizeof(when), "%.16s", eq + 1);
			continue;
		}
		for (i = 0; i < f->nfields; i++) {
			struct form_field *fl = &f->fields[i];
			if (fl->kind == FIELD_BODY || strcmp(fl->key, line) != 0)
				continue;
			if (fl->kind == FIELD_CHOICE)
				form_select(f, i, strtoll(eq + 1, NULL, 10));
			else
				form_set_text(f, i, eq + 1);
			any = true;
		}
	}
	free(data);
	if (b >= 0 && (path = draft_path(f->draft, "txt"))) {
		char *body = draft_read_file(path);
		if (body) {
			form_set_text(f, (size_t)b, body);
			draft_strip_newlines(&f->fields[b].text);
			any = true;
		}
		free(body);
		free(path);
	}
	if (any) {
		snprintf(f->notice, sizeof(f->notice), "Your unsaved draft%s%s is back.",
			 *when ? " of " : "", when);
		f->draft_back = true;
		f->dirty = true;
	}
	return any;
}

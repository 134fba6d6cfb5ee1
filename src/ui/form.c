/*
 * The form widget and its view (see form.h): fields, drafts on disk and
 * the external editor.
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
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "form.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

#define LABEL_W 16
#define DRAFT_MAX (1 << 20) /* a draft body larger than this is not read back */

#define FIELDS_MAX 32

struct form_saved {
	size_t sel;
	char *text;
};

static struct form_view {
	struct form *form;
	bool closed;             /* saved or cancelled */
	int field_y[FIELDS_MAX]; /* screen row of each field, -1 when not shown */
} F;

static void snapshot_free(struct form *f)
{
	size_t i;

	if (f->initial)
		for (i = 0; i < f->nfields; i++)
			free(f->initial[i].text);
	free(f->initial);
	f->initial = NULL;
}

/* Keeps the fields as they are now, for discard-draft to go back to. */
static void snapshot_take(struct form *f)
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

	assert(f->nfields < FIELDS_MAX && !f->initial);
	f->fields = xrealloc(f->fields, (f->nfields + 1) * sizeof(*f->fields));
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

	fl->choices = xrealloc(fl->choices, (fl->nchoices + 1) * sizeof(*fl->choices));
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
	fl->nchoices = 0;
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

bool form_blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

bool form_date(const struct form *f, size_t i, int today, int *day, char *err, size_t errn)
{
	const char *s = f->fields[i].text.buf;
	char *end;
	long n;

	*day = -1;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return true;
	if (*s == '+') {
		n = strtol(s + 1, &end, 10);
		if (end != s + 1 && !*end && n >= 0 && n <= 3660) {
			*day = today + (int)n;
			return true;
		}
	} else if (date_parse(s, day)) {
		return true;
	}
	snprintf(err, errn,
		 "%s: \"%.20s\" is not a date: write YYYY-MM-DD, or +N for N days from today",
		 f->fields[i].label, s);
	return false;
}

static bool visible(const struct form *f, size_t i)
{
	return i < f->nfields && !f->fields[i].hidden;
}

static void update(struct form *f)
{
	size_t i;

	if (f->update)
		f->update(f);
	if (visible(f, f->focus))
		return;
	for (i = f->focus + 1; i < f->nfields; i++)
		if (visible(f, i)) {
			f->focus = i;
			return;
		}
	for (i = f->focus; i-- > 0;)
		if (visible(f, i)) {
			f->focus = i;
			return;
		}
}

/* ---- drafts ----------------------------------------------------------------- */

static int mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

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
		if (mkdirs(dir) == 0 && access(dir, W_OK) == 0)
			return dir;
		free(dir);
	}
	return NULL;
}

static char *draft_path(const char *name, const char *ext)
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
static bool write_file(const char *path, const char *data, size_t n)
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
		if (ok && fsync(fd) != 0)
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
static char *read_file(const char *path)
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

static int body_field(const struct form *f)
{
	size_t i;

	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].kind == FIELD_BODY)
			return (int)i;
	return -1;
}

static bool draft_save(struct form *f)
{
	struct strbuf sb;
	char *path;
	size_t i;
	int b = body_field(f);
	bool ok;

	if (!f->draft || !(path = draft_path(f->draft, "fields")))
		return false;
	strbuf_init(&sb);
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
	ok = write_file(path, sb.buf, sb.len);
	strbuf_done(&sb);
	free(path);
	if (ok && b >= 0 && (path = draft_path(f->draft, "txt"))) {
		ok = write_file(path, f->fields[b].text.buf, f->fields[b].text.len);
		free(path);
	}
	return ok;
}

static void draft_delete(const struct form *f)
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

static void strip_trailing_newlines(struct strbuf *sb)
{
	while (sb->len && (sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == '\r'))
		sb->buf[--sb->len] = '\0';
}

bool form_draft_restore(struct form *f)
{
	char *path, *data, *line, *next;
	struct stat st;
	int b = body_field(f);
	bool any = false;
	char when[32] = "";

	if (!f->draft || !(path = draft_path(f->draft, "fields")))
		return false;
	if (stat(path, &st) == 0) {
		struct tm tm;
		time_t t = st.st_mtime;
		if (localtime_r(&t, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	}
	data = read_file(path);
	free(path);
	if (!data)
		return false;
	/* what the caller filled in, so discarding the draft can go back to it */
	snapshot_take(f);
	for (line = data; line && *line; line = next) {
		char *eq;
		size_t i;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!(eq = strchr(line, '=')))
			continue;
		*eq = '\0';
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
		char *body = read_file(path);
		if (body) {
			form_set_text(f, (size_t)b, body);
			strip_trailing_newlines(&f->fields[b].text);
			any = true;
		}
		free(body);
		free(path);
	}
	if (any) {
		snprintf(f->notice, sizeof(f->notice),
			 "Your unsaved draft%s%s is back. C-k discards it.", *when ? " of " : "",
			 when);
		f->dirty = true;
	}
	return any;
}

/* ---- the editor ------------------------------------------------------------ */

/* Splits the editor command on blanks into argv (its own arguments, never
 * through a shell) and appends the file. */
static char **editor_argv(const char *cmd, const char *file)
{
	char *copy = xstrdup(cmd), *tok, *save = NULL;
	char **argv = NULL;
	size_t n = 0;

	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		argv = xrealloc(argv, (n + 2) * sizeof(*argv));
		argv[n++] = xstrdup(tok);
	}
	free(copy);
	argv = xrealloc(argv, (n + 2) * sizeof(*argv));
	argv[n++] = xstrdup(file);
	argv[n] = NULL;
	return argv;
}

static void argv_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Runs the editor on path with the terminal handed over; returns its exit
 * status (128 + signal when killed, -1 when it could not start). */
static int run_editor(const char *path)
{
	const char *cmd = getenv("VISUAL");
	struct sigaction ign, old_int, old_quit;
	char **argv;
	pid_t pid;
	int status = 0, rc;

	if (!cmd || form_blank(cmd))
		cmd = getenv("EDITOR");
	if (!cmd || form_blank(cmd))
		cmd = "vi";
	argv = editor_argv(cmd, path);
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0) {
		rc = -1;
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		rc = WIFEXITED(status)     ? WEXITSTATUS(status)
		     : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
					   : -1;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	argv_free(argv);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	return rc;
}

static int edit_body(struct ui *ui, struct form *f)
{
	int b = body_field(f), rc;
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
		if (!write_file(path, f->fields[b].text.buf, f->fields[b].text.len)) {
			ui_message(ui, THEME_WARNING, "Cannot write %s", path);
			unlink(path);
			free(path);
			return REACT_DRAW;
		}
	}
	rc = run_editor(path);
	if (rc == 0 && (text = read_file(path))) {
		form_set_text(f, (size_t)b, text);
		strip_trailing_newlines(&f->fields[b].text);
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

void form_open(struct ui *ui, struct form *f)
{
	assert(f);
	if (F.form && !F.closed && F.form->dirty)
		draft_save(F.form);
	if (F.form != f)
		form_free(F.form);
	F.form = f;
	F.closed = false;
	f->focus = 0;
	update(f);
	if (!f->initial)
		snapshot_take(f);
	ui_push(ui, &view_form_ops);
}

struct body_ctx {
	char **lines;
	size_t n;
};

static void body_line(const char *line, void *ctx)
{
	struct body_ctx *b = ctx;

	b->lines = xrealloc(b->lines, (b->n + 1) * sizeof(*b->lines));
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
		struct body_ctx b = {NULL, 0};
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

	for (i = 0; i < FIELDS_MAX; i++)
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
	else if (f->notice[0])
		draw_text(ui, y, 1, ui->cols - 2, f->notice, THEME_STATUS, false);
	else
		draw_text(
			ui, y, 1, ui->cols - 2,
			body_field(f) >= 0
				? "Enter: next field, saves on the last · C-s save · C-e write the text in your editor · Esc cancel"
				: "Enter: next field, saves on the last · C-s save · Esc cancel",
			THEME_DIM, false);
}

static void changed(struct form *f)
{
	f->dirty = true;
	f->error[0] = '\0';
	update(f);
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

static bool date_char(int key)
{
	return (key >= '0' && key <= '9') || key == '-' || key == '+';
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
				 "%s: digits and '-' (YYYY-MM-DD), or +N days", fl->label);
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
		if (visible(f, i)) {
			f->focus = i;
			return REACT_DRAW;
		}
	}
}

static bool last_visible(const struct form *f)
{
	size_t i;

	for (i = f->focus + 1; i < f->nfields; i++)
		if (visible(f, i))
			return false;
	return true;
}

static int submit(struct ui *ui, struct form *f)
{
	size_t i;
	enum status st;

	f->error[0] = '\0';
	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		if (fl->hidden || fl->kind == FIELD_CHOICE || !fl->required)
			continue;
		if (form_blank(fl->text.buf)) {
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
	if (!f->submit(ui, f, f->error, sizeof(f->error))) {
		if (!f->error[0])
			snprintf(f->error, sizeof(f->error), "Not saved");
		return REACT_DRAW;
	}
	/* saved: the draft is done with, and the standings may have moved */
	draft_delete(f);
	F.closed = true;
	if ((st = db_refresh(ui->db, ui->rules, ui->today)) != STATUS_OK)
		ui_message(ui, THEME_WARNING, "%s", status_detail());
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
		if (f->initial) {
			size_t i;
			for (i = 0; i < f->nfields; i++) {
				f->fields[i].sel = f->initial[i].sel;
				form_set_text(f, i, f->initial[i].text);
			}
		}
		f->dirty = false;
		f->error[0] = '\0';
		snprintf(f->notice, sizeof(f->notice), "Draft discarded.");
		update(f);
		return REACT_DRAW;
	case ACT_BACK:
		if (f->dirty && f->draft && draft_save(f))
			ui_message(ui, THEME_STATUS, "Not saved; kept as a draft for next time");
		else
			ui_message(ui, THEME_STATUS, "Cancelled: nothing written");
		F.closed = true;
		return REACT_PASS;
	case ACT_QUIT:
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
	for (i = 0; i < f->nfields && i < FIELDS_MAX; i++)
		if (F.field_y[i] == y && visible(f, i)) {
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

	if (f && f->focus < f->nfields && f->fields[f->focus].kind == FIELD_CHOICE)
		return " ←→ or Space choose  Tab ↑↓ fields  Enter next/save  C-s save  Esc cancel";
	return " type the text  Tab ↑↓ fields  Enter next/save  C-s save  C-e editor  Esc cancel";
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

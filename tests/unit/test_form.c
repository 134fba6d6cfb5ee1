/* The console's form model, its drafts on disk and the editor command
 * (form.c, draft.c, editor.c): no terminal needed. */
#include "testutil.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acctplan/date.h"
#include "acctplan/xalloc.h"
#include "../../src/ui/draft.h"
#include "../../src/ui/editor.h"
#include "../../src/ui/form.h"

static char tmpdir[] = "/tmp/acctplan-form-XXXXXX";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("XDG_STATE_HOME", tmpdir, 1);
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static int day(const char *s)
{
	int d = 0;
	assert_true(date_parse(s, &d));
	return d;
}

/* A note-like form: a choice, a date and a long text. */
static struct form *note_form(const char *draft)
{
	struct form *f = form_new("Log a note", "Calder");
	size_t c = form_add(f, FIELD_CHOICE, "good_time", "Good time?");

	form_choice(f, c, "yes", 0);
	form_choice(f, c, "no", 1);
	form_choice(f, c, "(not asked)", -1);
	form_add(f, FIELD_DATE, "next", "Try again on");
	form_add(f, FIELD_BODY, "body", "Note");
	f->draft = draft ? xstrdup(draft) : NULL;
	return f;
}

static void test_dates(void **state)
{
	struct form *f = note_form(NULL);
	char err[128];
	int d = 0, today = day("2026-11-20");

	(void)state;
	form_set_text(f, 1, "2026-11-25");
	assert_true(form_date(f, 1, today, &d, err, sizeof(err)));
	assert_int_equal(d, day("2026-11-25"));
	form_set_text(f, 1, "+7");
	assert_true(form_date(f, 1, today, &d, err, sizeof(err)));
	assert_int_equal(d, day("2026-11-27"));
	form_set_text(f, 1, "");
	assert_true(form_date(f, 1, today, &d, err, sizeof(err)));
	assert_int_equal(d, -1);
	form_set_text(f, 1, "2026-13-01");
	assert_false(form_date(f, 1, today, &d, err, sizeof(err)));
	assert_contains(err, "not a date");
	form_free(f);
}

static void test_draft_round_trip(void **state)
{
	struct form *f = note_form("note-1"), *g;

	(void)state;
	assert_true(form_select(f, 0, 1));
	form_set_text(f, 1, "2026-12-05");
	form_set_text(f, 2, "Line one\nLine two, with \"quotes\" and = signs\n\n");
	assert_true(draft_save(f));
	form_free(f);

	g = note_form("note-1");
	assert_true(draft_restore(g));
	assert_int_equal(form_value(g, 0), 1);
	assert_string_equal(form_text(g, 1), "2026-12-05");
	assert_string_equal(form_text(g, 2), "Line one\nLine two, with \"quotes\" and = signs");
	assert_contains(g->notice, "draft");
	/* stamped by the one clock: today as ACCTPLAN_TODAY pins it */
	assert_contains(g->notice, getenv("ACCTPLAN_TODAY"));
	/* revert goes back to what the caller filled in */
	form_revert(g);
	assert_int_equal(form_value(g, 0), 0);
	assert_string_equal(form_text(g, 2), "");
	draft_delete(g);
	form_free(g);

	g = note_form("note-1");
	assert_false(draft_restore(g));
	form_free(g);
}

/* What is typed is on disk at once: a process killed with SIGKILL right
 * after a keystroke's draft_keep() leaves the draft whole. */
static void test_draft_survives_kill(void **state)
{
	pid_t pid;
	int status;
	struct form *g;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct form *f = note_form("note-kill");
		form_set_text(f, 2, "Typed before the kill");
		draft_keep(f);
		raise(SIGKILL);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	g = note_form("note-kill");
	assert_true(draft_restore(g));
	assert_string_equal(form_text(g, 2), "Typed before the kill");
	draft_delete(g);
	form_free(g);
}

static void test_editor_argv(void **state)
{
	char **argv, *dir, *prog;
	FILE *fp;

	(void)state;
	/* a command line goes through the shell, the file as its own argument */
	argv = editor_argv("code --wait", "/tmp/a b.txt");
	assert_string_equal(argv[0], "/bin/sh");
	assert_string_equal(argv[1], "-c");
	assert_string_equal(argv[2], "code --wait \"$@\"");
	assert_string_equal(argv[4], "/tmp/a b.txt");
	assert_null(argv[5]);
	editor_argv_free(argv);
	/* a program whose path has a space is run as it is */
	dir = xasprintf("%s/My Editor", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	prog = xasprintf("%s/ed", dir);
	fp = fopen(prog, "w");
	assert_non_null(fp);
	fputs("#!/bin/sh\nexit 0\n", fp);
	fclose(fp);
	assert_int_equal(chmod(prog, 0700), 0);
	argv = editor_argv(prog, "/tmp/x.txt");
	assert_string_equal(argv[0], prog);
	assert_string_equal(argv[1], "/tmp/x.txt");
	assert_null(argv[2]);
	editor_argv_free(argv);
	free(prog);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_draft_round_trip),
		cmocka_unit_test(test_draft_survives_kill),
		cmocka_unit_test(test_editor_argv),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * The external editor for long texts: $VISUAL, else $EDITOR, else vi, run
 * the way git runs it. A value that names a program file as a whole (a path
 * with spaces in it, say) is run directly; anything else goes through
 * `sh -c '<value> "$@"'` with the file as its own argument, so both
 * EDITOR="/opt/My Editor/ed" and EDITOR="code --wait" work and the file
 * name is never parsed by a shell.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui.h"
#include "editor.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"

const char *editor_command(void)
{
	const char *cmd = getenv("VISUAL");

	if (!cmd || validate_blank(cmd))
		cmd = getenv("EDITOR");
	if (!cmd || validate_blank(cmd))
		cmd = "vi";
	return cmd;
}

/* Whether cmd, whole, names an executable regular file. */
static bool is_program(const char *cmd)
{
	struct stat sb;

	return strchr(cmd, '/') && stat(cmd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       access(cmd, X_OK) == 0;
}

char **editor_argv(const char *cmd, const char *file)
{
	char **argv = xcalloc(6, sizeof(*argv));

	if (is_program(cmd)) {
		argv[0] = xstrdup(cmd);
		argv[1] = xstrdup(file);
		return argv;
	}
	argv[0] = xstrdup("/bin/sh");
	argv[1] = xstrdup("-c");
	argv[2] = xasprintf("%s \"$@\"", cmd);
	argv[3] = xstrdup(cmd); /* $0, for the shell's messages */
	argv[4] = xstrdup(file);
	return argv;
}

void editor_argv_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Runs the editor on path with the terminal handed over; returns its exit
 * status (128 + signal when killed, -1 when it could not start). */
int editor_run(const char *path)
{
	const char *cmd = editor_command();
	struct sigaction ign, old_int, old_quit;
	char **argv;
	pid_t pid;
	int status = 0, rc;

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
	editor_argv_free(argv);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	return rc;
}

/* The external editor (see editor.c for how it is run). */
#ifndef ACCTPLAN_UI_EDITOR_H
#define ACCTPLAN_UI_EDITOR_H

/* $VISUAL, else $EDITOR, else "vi". Borrowed. */
const char *editor_command(void);
/* The argv that runs editor command cmd on file: cmd itself when it names
 * a program file as a whole, else /bin/sh -c 'cmd "$@"' cmd file. Free
 * with editor_argv_free(). */
char **editor_argv(const char *cmd, const char *file);
void editor_argv_free(char **argv);
/* Runs the editor on path with the terminal handed over; returns its exit
 * status (128 + signal when killed, 127 or -1 when it could not start). */
int editor_run(const char *path);

#endif

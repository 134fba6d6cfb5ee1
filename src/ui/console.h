/* The console's entry point: what the command line calls when no
 * subcommand is given. No curses here, so the command line can include it. */
#ifndef ACCTPLAN_UI_CONSOLE_H
#define ACCTPLAN_UI_CONSOLE_H

#include "acctplan/app.h"

enum { UI_EXIT_OK = 0, UI_EXIT_FAIL = 1, UI_EXIT_USAGE = 2 };

/* Sets a up (app_setup()), opens the book and runs the console until the
 * user quits; returns an exit status. */
int ui_run(struct app *a);

#endif

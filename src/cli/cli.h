/* The command line: shared pieces of the subcommands. Nothing here touches
 * the terminal; the console is entered only from main(). */
#ifndef ACCTPLAN_CLI_H
#define ACCTPLAN_CLI_H

#include <stdbool.h>

#include "acctplan/app.h"
#include "acctplan/db.h"
#include "acctplan/format.h"
#include "output.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct cli {
	int argc;
	char **argv;
	int i;          /* next argument */
	struct app app; /* --db, --config, --theme; the settings and today */
	enum format format;
	bool help;
};

/* Takes a global option at argv[i] (--db, --config, --theme, --format,
 * --help): returns 1 when taken, 0 when argv[i] is not one, -1 on a usage
 * error (reported). */
int cli_global_option(struct cli *c);
/* Matches "--name VALUE" or "--name=VALUE" at argv[i]; advances. -1 when
 * the value is missing (reported). */
int cli_option(struct cli *c, const char *name, const char **value);
/* A table of "--name VALUE" options whose values land in a struct. */
struct cli_valued {
	const char *name;
	size_t off; /* offsetof the const char * member */
};
/* Takes argv[i] when it is one of opts, storing its value in base at the
 * option's offset: 1 when taken, 0 when not one of them, -1 on a usage
 * error (reported). */
int cli_valued_option(struct cli *c, const struct cli_valued *opts, size_t n, void *base);
/* Prints "acctplan: msg" on stderr; returns EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "acctplan: detail" for the status; returns EXIT_RUNTIME. */
int cli_fail(enum status st);
/* Loads config (printing its warnings), resolves today. */
int cli_setup(struct cli *c);
/* Opens the database for reading and refreshes the standings. */
int cli_open(struct cli *c, struct db **db);

int cmd_board(struct cli *c);
int cmd_accounts(struct cli *c);
int cmd_show(struct cli *c);
int cmd_sample(struct cli *c);
/* The plan commands (cmd_defects.c, cmd_problem.c, cmd_note.c, cmd_plan.c,
 * cmd_agenda.c, cmd_brief.c). */
int cmd_defects(struct cli *c);
int cmd_defect(struct cli *c);
int cmd_problem(struct cli *c);
int cmd_note(struct cli *c);
int cmd_agenda(struct cli *c);
int cmd_plan(struct cli *c);
int cmd_brief(struct cli *c);

#endif

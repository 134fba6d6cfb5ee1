#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/xalloc.h"
#include "acctplan_build.h"
#include "cli.h"
#include "../ui/console.h"

static const struct command {
	const char *name;
	int (*run)(struct cli *c);
	const char *summary;
} commands[] = {
	{"board", cmd_board,
	 "the quadrant board: counts, revenue and NPS, accounts in priority order"},
	{"accounts", cmd_accounts,
	 "list accounts (--quadrant, --owner, --segment, --search, --sort)"},
	{"show", cmd_show,
	 "one account with its feedback history, buyers, problems, notes and plan"},
	{"sample", cmd_sample, "write the sample book, or a large synthetic one, to a new file"},
	{"defects", cmd_defects,
	 "defects ranked by impact (frequency x severity); CODE: its follow-up queue"},
	{"defect", cmd_defect, "the defect catalogue: add, edit, tag a response"},
	{"problem", cmd_problem,
	 "problems along open, root_cause, fixing, resolved, reported_back"},
	{"note", cmd_note, "log a note: pre-call answer, reason, date to try again, text"},
	{"agenda", cmd_agenda, "what is due: follow-ups, try-again dates, check-ins, report-backs"},
	{"brief", cmd_brief,
	 "the pre-call brief of one account: sell or not, buyers, problems, notes"},
	{"plan", cmd_plan,
	 "an account's readiness conditions and its hold: add, met, reopen, hold, lift"},
};

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: acctplan [--db PATH] [--config FILE] [--theme NAME] [COMMAND [ARGS]]\n"
	      "\n"
	      "With no command, opens the console. Commands:\n",
	      out);
	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  --db PATH        database file (else $ACCTPLAN_DB, else\n"
	      "                   $XDG_DATA_HOME/acctplan/acctplan.db)\n"
	      "  --config FILE    configuration (else $XDG_CONFIG_HOME/acctplan/config.yaml)\n"
	      "  --theme NAME     console theme: default, light, high-contrast, mono, or your own\n"
	      "  --format FMT     text, md, csv or json (list commands)\n"
	      "  -h, --help       this help; COMMAND --help for a command's\n"
	      "  -V, --version    the version\n"
	      "\n"
	      "Environment: ACCTPLAN_TODAY=YYYY-MM-DD pins today; NO_COLOR turns colour off.\n"
	      "Exit status: 0 success, 1 runtime error, 2 usage error.\n"
	      "See acctplan(1).\n",
	      out);
}

int main(int argc, char **argv)
{
	struct cli c;
	const char *name = NULL;
	size_t i;
	int rc, r;

	setlocale(LC_ALL, "");
	memset(&c, 0, sizeof(c));
	c.argc = argc;
	c.argv = argv;
	c.i = 1;
	app_init(&c.app);
	while (c.i < argc && argv[c.i][0] == '-') {
		if (!strcmp(argv[c.i], "--version") || !strcmp(argv[c.i], "-V")) {
			printf("acctplan %s\n", ACCTPLAN_VERSION);
			return EXIT_OK;
		}
		if (!strcmp(argv[c.i], "--")) {
			c.i++;
			break;
		}
		r = cli_global_option(&c);
		if (r < 0)
			return EXIT_USAGE;
		if (r == 0)
			return cli_usage("unknown option \"%s\" (see acctplan --help)", argv[c.i]);
	}
	if (c.help && c.i >= argc) {
		usage(stdout);
		return EXIT_OK;
	}
	if (c.i < argc)
		name = argv[c.i++];
	if (!name) {
		rc = ui_run(&c.app);
		app_done(&c.app);
		return rc;
	}
	if (!strcmp(name, "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		if (!strcmp(name, commands[i].name)) {
			rc = commands[i].run(&c);
			app_done(&c.app);
			return rc;
		}
	}
	return cli_usage("unknown command \"%.40s\" (see acctplan --help)", name);
}

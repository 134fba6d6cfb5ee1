/*
 * acctplan export KIND: what the book writes out for other programs. Here,
 * KIND plays: every play, gated, for the CRM (cmd_plays_export(),
 * cmd_plays.c), CSV by default or JSON.
 */
#include <stddef.h>

#include "cli.h"

static const char *const export_kinds[] = {"plays", NULL};

struct export_opts {
	int kind;
};

static int export_run(struct cli *c, void *arg)
{
	(void)arg; /* plays is the one kind */
	return cmd_plays_export(c);
}

static const struct cli_opt export_options[] = {
	{.name = "KIND",
	 .kind = CLI_ENUM,
	 .flags = CLI_REQUIRED,
	 .off = offsetof(struct export_opts, kind),
	 .names = export_kinds,
	 .help = "what to write"},
};

const struct cli_cmd cmd_export = {
	.name = "export",
	.summary = "write the plays, gated, back for the CRM",
	.description =
		"export plays writes every play of acctplan plays, each with its status (go or\n"
		"wait) and reason, for the CRM to read back, so that its own automation fires\n"
		"only the plays marked go. CSV by default (cells a spreadsheet would run as a\n"
		"formula get a leading apostrophe), or JSON (ids as strings). The columns are\n"
		"acctplan plays --format csv's: account_ref is the account's external_ref and\n"
		"external_ref the CRM's own id for a play it suggested.\n",
	.opts = export_options,
	.nopts = CLI_COUNT(export_options),
	.formats = CLI_FMT(FMT_CSV) | CLI_FMT(FMT_JSON),
	.size = sizeof(struct export_opts),
	.run = export_run,
};

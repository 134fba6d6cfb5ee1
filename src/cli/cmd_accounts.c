/* acctplan accounts: the account list with filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char accounts_help[] =
	"usage: acctplan accounts [--quadrant Q] [--owner NAME] [--segment NAME]\n"
	"                         [--search TEXT] [--sort KEY] [--all] [--format FMT]\n"
	"\n"
	"Lists active accounts (--all: lost and prospects too), in priority order\n"
	"unless --sort names another key: name, owner, quadrant, nps, share, revenue,\n"
	"problems, last. Q is repair, protect, grow, fix_basics or no_feedback.\n"
	"--search matches any part of the name, owner or segment, in any case.\n";

static const char *const sort_names[SORT_COUNT] = {
	"priority", "name", "owner", "quadrant", "nps", "share", "revenue", "problems", "last",
};

static const struct column cols[] = {
	{"id", "Id", false, 0},
	{"name", "Account", false, 40},
	{"owner", "Owner", false, 24},
	{"segment", "Segment", false, 20},
	{"status", "Status", false, 0},
	{"quadrant", "Quadrant", false, 0},
	{"nps", "NPS", true, 0},
	{"share", "Share", true, 0},
	{"revenue", "Revenue", true, 0},
	{"open_problems", "Problems", true, 0},
	{"hold", "Hold", false, 0},
	{"last_response", "Last response", false, 0},
	{"next_contact", "Next contact", false, 0},
};
#define NCOLS (int)(sizeof(cols) / sizeof(*cols))

static int row(const struct account_row *r, void *ctx)
{
	struct table *t = ctx;
	bool text = t->fmt == FMT_TEXT || t->fmt == FMT_MD;
	char buf[32];

	if (!text)
		table_int(t, r->id); /* ids are for scripts */
	table_str(t, r->name);
	table_str(t, r->owner);
	table_str(t, r->segment);
	table_str(t, acct_status_name(r->status));
	table_str(t, r->status == ACCT_ACTIVE ? quadrant_name(r->quadrant) : NULL);
	if (text) {
		fmt_nps(buf, sizeof(buf), r->nps_known, r->nps);
		table_str(t, buf);
		fmt_share(buf, sizeof(buf), r->share_known, r->share);
		table_str(t, buf);
		fmt_money(buf, sizeof(buf), r->revenue);
		table_str(t, buf);
	} else {
		if (r->nps_known)
			table_num(t, r->nps, 1);
		else
			table_null(t);
		if (r->share_known)
			table_num(t, r->share, 3);
		else
			table_null(t);
		table_int(t, r->revenue);
	}
	table_int(t, r->open_problems);
	table_bool(t, r->hold.on);
	table_str(t, r->last_response);
	table_str(t, r->next_contact);
	table_row_end(t);
	return 0;
}

int cmd_accounts(struct cli *c)
{
	struct account_filter f;
	struct db *db;
	struct table t;
	enum status st;
	const char *v;
	int r, i;
	bool text;

	account_filter_init(&f);
	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if ((r = cli_option(c, "--quadrant", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			if ((f.quadrant = quadrant_from_name(v)) < 0)
				return cli_usage(
					"unknown quadrant \"%.30s\" (repair, protect, grow, fix_basics, no_feedback)",
					v);
		} else if ((r = cli_option(c, "--owner", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			f.owner = v;
		} else if ((r = cli_option(c, "--segment", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			f.segment = v;
		} else if ((r = cli_option(c, "--search", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			f.search = v;
		} else if ((r = cli_option(c, "--sort", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			for (i = 0; i < SORT_COUNT && strcmp(v, sort_names[i]); i++)
				;
			if (i == SORT_COUNT)
				return cli_usage(
					"unknown sort key \"%.30s\" (priority, name, owner, quadrant, nps, share, revenue, problems, last)",
					v);
			f.sort = (enum account_sort)i;
		} else if (!strcmp(c->argv[c->i], "--all")) {
			f.all_statuses = true;
			c->i++;
		} else {
			return cli_usage(
				"accounts: unexpected argument \"%.40s\" (see acctplan accounts --help)",
				c->argv[c->i]);
		}
	}
	if (c->help) {
		fputs(accounts_help, stdout);
		return EXIT_OK;
	}
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	text = c->format == FMT_TEXT || c->format == FMT_MD;
	table_begin(&t, stdout, c->format, text ? cols + 1 : cols, text ? NCOLS - 1 : NCOLS);
	st = db_accounts(db, &f, row, &t);
	table_end(&t);
	db_close(db);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

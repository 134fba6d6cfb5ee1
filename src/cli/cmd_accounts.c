/* acctplan accounts: the account list with filters. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const sort_names[] = {
	[SORT_PRIORITY] = "priority", [SORT_NAME] = "name",         [SORT_OWNER] = "owner",
	[SORT_QUADRANT] = "quadrant", [SORT_NPS] = "nps",           [SORT_SHARE] = "share",
	[SORT_REVENUE] = "revenue",   [SORT_PROBLEMS] = "problems", [SORT_LAST_CONTACT] = "last",
	[SORT_COUNT] = NULL,
};

static const struct column cols[] = {
	{"id", NULL, false, 0},
	CLI_SHORT_COLUMN,
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

/* The table and the book its short ids come from. */
struct rows {
	struct table t;
	struct db *db;
};

static int row(const struct account_row *r, void *ctx)
{
	struct rows *rs = ctx;
	struct table *t = &rs->t;

	table_id(t, r->id);
	cli_table_short(t, rs->db, ID_ACCOUNT, r->id);
	table_str(t, r->name);
	table_str(t, r->owner);
	table_str(t, r->segment);
	table_str(t, acct_status_name(r->status));
	table_code(t, r->status == ACCT_ACTIVE ? quadrant_name(r->quadrant) : NULL);
	cli_table_nps(t, r->nps_known, r->nps);
	cli_table_share(t, r->share_known, r->share);
	cli_table_money(t, r->revenue);
	table_int(t, r->open_problems);
	table_bool(t, r->hold.on);
	table_str(t, r->last_response);
	table_str(t, r->next_contact);
	table_row_end(t);
	return 0;
}

struct accounts_opts {
	const char *owner, *segment, *search;
	int quadrant, sort;
	bool all;
};

static int accounts_run(struct cli *c, void *arg)
{
	const struct accounts_opts *o = arg;
	struct account_filter f;
	struct db *db;
	struct rows t;
	enum status st;
	char *owner = NULL;
	int r;

	account_filter_init(&f);
	if (o->quadrant != CLI_UNSET)
		f.quadrant = o->quadrant;
	if (o->sort != CLI_UNSET)
		f.sort = (enum account_sort)o->sort;
	f.segment = o->segment;
	f.search = o->search;
	f.all_statuses = o->all;
	if ((r = cli_open_owner(c, &db, o->owner, &owner)) != EXIT_OK)
		return r;
	f.owner = owner;
	t.db = db;
	table_begin(&t.t, stdout, c->format, cols, (int)CLI_COUNT(cols));
	st = db_accounts(db, &f, row, &t);
	table_end(&t.t);
	free(owner);
	return cli_close(db, st);
}

#define O(f) offsetof(struct accounts_opts, f)
static const struct cli_opt options[] = {
	CLI_ENUM_OPT("--quadrant", "Q", 0, O(quadrant), quadrant_names, "one quadrant's accounts"),
	CLI_OWNER_FILTER(struct accounts_opts, owner),
	CLI_SEGMENT_FILTER(struct accounts_opts, segment),
	CLI_TEXT_OPT(
		"--search", "TEXT", 0, O(search),
		"accounts with TEXT in the name, owner or segment, in any case, accents or none (koyo finds Kōyō)"),
	CLI_ENUM_OPT("--sort", "KEY", 0, O(sort), sort_names, "the order (priority unless given)"),
	CLI_FLAG_OPT("--all", 0, O(all), "lost accounts and prospects too"),
};
#undef O

const struct cli_cmd cmd_accounts = {
	.name = "accounts",
	.summary = "list accounts (--quadrant, --owner, --segment, --search, --sort)",
	.description =
		"Lists active accounts (--all: lost and prospects too), in priority order\n"
		"unless --sort names another key: name, owner, quadrant, nps, share, revenue,\n"
		"problems, last. Q is repair, protect, grow, fix_basics or no_feedback.\n"
		"--search matches any part of the name, owner or segment, in any case and\n"
		"with or without accents (KOYO finds Kōyō).\n"
		"Id is the short form of each account's id, which any command takes; csv\n"
		"has it as short, and json the whole id, as a string.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_LISTS,
	.size = sizeof(struct accounts_opts),
	.run = accounts_run,
};

/* acctplan board: the quadrant board for scripts and standups. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/text.h"
#include "cli.h"

/* Board sections, in the order "who first?" reads them. */
static const enum quadrant section_order[QUAD_COUNT] = {
	QUAD_REPAIR, QUAD_FIX_BASICS, QUAD_GROW, QUAD_PROTECT, QUAD_NO_FEEDBACK,
};

static const struct column account_cols[] = {
	{"id", "Id", false, 0},
	{"name", "Account", false, 40},
	{"owner", "Owner", false, 24},
	{"segment", "Segment", false, 20},
	{"fit", "Fit", false, 0},
	{"quadrant", "Quadrant", false, 0},
	{"nps", "NPS", true, 0},
	{"share", "Share", true, 0},
	{"revenue", "Revenue", true, 0},
	{"wallet", "Wallet", true, 0},
	{"hold", "Hold", false, 0},
	{"hold_why", "Why", false, 32},
	{"open_problems", "Problems", true, 0},
	{"open_conditions", "Conditions", true, 0},
};

/* The columns shown in text and md, per quadrant. */
static const struct column short_cols[] = {
	{"name", "Account", false, 40},    {"owner", "Owner", false, 20},
	{"nps", "NPS", true, 0},           {"share", "Share", true, 0},
	{"revenue", "Revenue", true, 0},   {"hold", "Hold", false, 0},
	{"problems", "Problems", true, 0},
};

static int full_row(const struct account_row *r, void *ctx)
{
	struct table *t = ctx;

	table_id(t, r->id);
	table_str(t, r->name);
	table_str(t, r->owner);
	table_str(t, r->segment);
	table_str(t, fit_name(r->fit));
	table_code(t, quadrant_name(r->quadrant));
	cli_table_nps(t, r->nps_known, r->nps);
	cli_table_share(t, r->share_known, r->share);
	cli_table_money(t, r->revenue);
	if (r->has_wallet)
		table_int(t, r->wallet);
	else
		table_null(t);
	table_bool(t, r->hold.on);
	table_str(t, r->hold_reason ? r->hold_reason : r->hold.why);
	table_int(t, r->open_problems);
	table_int(t, r->open_conditions);
	table_row_end(t);
	return 0;
}

static int short_row(const struct account_row *r, void *ctx)
{
	struct table *t = ctx;

	table_str(t, r->name);
	table_str(t, r->owner);
	cli_table_nps(t, r->nps_known, r->nps);
	cli_table_share(t, r->share_known, r->share);
	cli_table_money(t, r->revenue);
	table_str(t, r->hold.on ? "HOLD" : "open");
	table_int(t, r->open_problems);
	table_row_end(t);
	return 0;
}

struct board_opts {
	const char *owner, *segment;
	long limit;
};

static int board_run(struct cli *c, void *arg)
{
	const struct board_opts *o = arg;
	struct account_filter f;
	struct quadrant_summary sum[QUAD_COUNT];
	struct db *db;
	struct table t;
	struct strbuf who;
	FILE *page = stdout;
	char *owner = NULL;
	enum status st = STATUS_OK;
	long limit = o->limit;
	int r, i, total = 0;
	char day[DATE_LEN], money[32], nps[16];

	account_filter_init(&f);
	f.segment = o->segment;
	if ((r = cli_open_owner(c, &db, o->owner, &owner)) != EXIT_OK)
		return r;
	f.owner = owner;
	/* streamed as it is read, so memory stays flat at any size, from one
	 * snapshot of the file; should a damaged page stop it halfway, the
	 * exit status (1) and the one line on stderr say so */
	if ((st = db_read_begin(db)) != STATUS_OK)
		goto out;

	if (c->format == FMT_CSV || c->format == FMT_JSON) {
		table_begin(&t, page, c->format, account_cols, (int)CLI_COUNT(account_cols));
		st = db_accounts(db, &f, full_row, &t);
		table_end(&t);
		goto out;
	}
	if ((st = db_board_summary(db, &f, sum)) != STATUS_OK)
		goto out;
	for (i = 0; i < QUAD_COUNT; i++)
		total += sum[i].accounts;
	date_format(c->app.today, day);
	strbuf_init(&who);
	if (f.owner) {
		strbuf_adds(&who, " of ");
		text_line(&who, f.owner);
	}
	if (c->format == FMT_MD)
		fprintf(page, "# Board, %s\n\n%d active accounts%s\n\n", day, total,
			who.len ? who.buf : "");
	else
		fprintf(page, "Board, %s: %d active accounts%s\n\n", day, total,
			who.len ? who.buf : "");
	strbuf_done(&who);
	{
		static const struct column cols[] = {
			{"quadrant", "Quadrant", false, 0}, {"accounts", "Accounts", true, 0},
			{"revenue", "Revenue", true, 0},    {"nps", "Mean NPS", true, 0},
			{"sales", "Sales", false, 0},       {"play", "Play", false, 0},
		};
		table_begin(&t, page, c->format, cols, (int)CLI_COUNT(cols));
		for (i = 0; i < QUAD_COUNT; i++) {
			enum quadrant q = section_order[i];
			table_str(&t, quadrant_title(q));
			table_int(&t, sum[q].accounts);
			fmt_money(money, sizeof(money), sum[q].revenue);
			table_str(&t, money);
			fmt_nps(nps, sizeof(nps), sum[q].advocacy.known, sum[q].advocacy.nps);
			table_str(&t, nps);
			table_str(&t, quadrant_holds(q) ? "on hold" : "open");
			table_str(&t, quadrant_play(q));
			table_row_end(&t);
		}
		table_end(&t);
	}
	for (i = 0; i < QUAD_COUNT && st == STATUS_OK; i++) {
		enum quadrant q = section_order[i];

		if (!sum[q].accounts)
			continue;
		if (c->format == FMT_MD)
			fprintf(page, "\n## %s (%d)\n\n%s.\n\n", quadrant_title(q), sum[q].accounts,
				quadrant_play(q));
		else
			fprintf(page, "\n%s (%d): %s\n", quadrant_title(q), sum[q].accounts,
				quadrant_play(q));
		f.quadrant = (int)q;
		f.limit = (size_t)limit;
		table_begin(&t, page, c->format, short_cols, (int)CLI_COUNT(short_cols));
		st = db_accounts(db, &f, short_row, &t);
		table_end(&t);
		if (limit && sum[q].accounts > limit)
			fprintf(page, "%s... and %d more\n", c->format == FMT_MD ? "\n" : "",
				sum[q].accounts - (int)limit);
	}
out:
	db_read_end(db);
	free(owner);
	if (st == STATUS_OK && (fflush(stdout) != 0 || ferror(stdout)))
		st = status_set(STATUS_IO, "cannot write the board: %s", strerror(errno));
	return cli_close(db, st);
}

#define O(f) offsetof(struct board_opts, f)
static const struct cli_opt options[] = {
	CLI_OWNER_FILTER(struct board_opts, owner),
	CLI_SEGMENT_FILTER(struct board_opts, segment),
	CLI_INT_OPT("--limit", "N", 0, O(limit), 1, 10000000, 0,
		    "at most N accounts per quadrant in text and md"),
};
#undef O

const struct cli_cmd cmd_board = {
	.name = "board",
	.summary = "the quadrant board: counts, revenue and NPS, accounts in priority order",
	.description =
		"The quadrant board: per quadrant its play, account count, revenue and mean\n"
		"NPS, then the active accounts in priority order (repair by revenue at stake,\n"
		"fix-the-basics with a good fit, grow by headroom, protect, no feedback,\n"
		"fix-the-basics with another fit). --limit caps the accounts shown per\n"
		"quadrant in text and md.\n"
		"\n"
		"csv and json list every active account, one row each, in priority order:\n"
		"id, name, owner, segment, fit, quadrant (repair, protect, grow, fix_basics,\n"
		"no_feedback), nps and share (null when unknown), revenue, wallet, hold,\n"
		"hold_why, open_problems and open_conditions. Ids are strings: a 63-bit id\n"
		"is not a safe JSON number.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_LISTS,
	.size = sizeof(struct board_opts),
	.run = board_run,
};

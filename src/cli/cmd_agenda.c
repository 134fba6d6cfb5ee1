/* acctplan agenda: what is due (the rules are in include/acctplan/agenda.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/plan.h"
#include "plan_util.h"

static const char agenda_help[] =
	"usage: acctplan agenda [--days N] [--owner NAME] [--account ACCOUNT] [--format FMT]\n"
	"\n"
	"What is due today (or within the next N days with --days N), in this order:\n"
	"  1. detractor responses with no linked note or problem, due loop_close_days\n"
	"     after they came in (responses in the advocacy window)\n"
	"  2. \"try again on\" dates reached: the newest next-contact date of an\n"
	"     account, until a note is logged on or after that date\n"
	"  3. post-sale check-ins at +7, +30 and +90 days after won_on, until a\n"
	"     check-in note is logged (up to 3 days early counts)\n"
	"  4. problems resolved but not yet reported back to the customer\n"
	"Within each, the oldest due date first, then the account's priority.\n"
	"--owner keeps one account manager's accounts, --account one account.\n";

static const struct column cols[] = {
	{"due", "Due", false, 0},          {"late_days", "Late", true, 0},
	{"kind", "What", false, 0},        {"account_id", "Account id", false, 0},
	{"account", "Account", false, 30}, {"owner", "Owner", false, 18},
	{"ref_id", "Ref", false, 0},       {"detail", "Detail", false, 70},
};

struct agenda_ctx {
	struct table t;
	struct cli *c;
	long n;
	struct strbuf detail;
};

static int item(const struct agenda_item *it, void *ctx)
{
	struct agenda_ctx *a = ctx;
	bool text = a->c->format == FMT_TEXT || a->c->format == FMT_MD;
	char day[DATE_LEN], buf[48];
	int late = a->c->app.today - it->due;

	date_format(it->due, day);
	table_str(&a->t, day);
	if (text) {
		if (late > 0)
			snprintf(buf, sizeof(buf), "%d day%s", late, late == 1 ? "" : "s");
		else if (late == 0)
			snprintf(buf, sizeof(buf), "today");
		else
			snprintf(buf, sizeof(buf), "in %d day%s", -late, late == -1 ? "" : "s");
		table_str(&a->t, buf);
		table_str(&a->t, agenda_kind_title(it->kind));
	} else {
		table_int(&a->t, late);
		table_str(&a->t, agenda_kind_name(it->kind));
	}
	table_id(&a->t, it->account_id);
	table_str(&a->t, it->account);
	table_str(&a->t, it->owner);
	table_id(&a->t, it->ref_id);
	strbuf_reset(&a->detail);
	fmt_agenda_detail(&a->detail, it);
	table_str(&a->t, a->detail.buf);
	table_row_end(&a->t);
	a->n++;
	return 0;
}

int cmd_agenda(struct cli *c)
{
	struct agenda_filter f = {0};
	struct agenda_ctx a = {.c = c};
	struct db *db;
	enum status st;
	const char *v, *account = NULL;
	char day[DATE_LEN];
	int r;

	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if ((r = cli_option(c, "--owner", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			f.owner = v;
		} else if ((r = cli_option(c, "--account", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			account = v;
		} else if ((r = cli_option(c, "--days", &v)) != 0) {
			char *end;
			long n;
			if (r < 0)
				return EXIT_USAGE;
			n = strtol(v, &end, 10);
			if (!*v || *end || n < 0 || n > 3660)
				return cli_usage(
					"--days needs a whole number of days from 0 to 3660, not \"%.20s\"",
					v);
			f.horizon = (int)n;
		} else {
			return cli_usage(
				"agenda: unexpected argument \"%.40s\" (see acctplan agenda --help)",
				c->argv[c->i]);
		}
	}
	if (c->help) {
		fputs(agenda_help, stdout);
		return EXIT_OK;
	}
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if (account && (st = db_account_resolve(db, account, &f.account_id)) != STATUS_OK)
		return plan_fail(db, st);
	date_format(c->app.today, day);
	if (c->format == FMT_TEXT || c->format == FMT_MD) {
		printf(c->format == FMT_MD ? "# Agenda, %s" : "Agenda, %s", day);
		if (f.horizon)
			printf(" and the next %d day%s", f.horizon, f.horizon == 1 ? "" : "s");
		if (f.owner)
			printf(" for %s", f.owner);
		printf("\n\n");
	}
	table_begin(&a.t, stdout, c->format, cols, (int)(sizeof(cols) / sizeof(*cols)));
	strbuf_init(&a.detail);
	st = db_agenda(db, &c->app.config.rules, c->app.today, &f, item, &a);
	strbuf_done(&a.detail);
	table_end(&a.t);
	db_close(db);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

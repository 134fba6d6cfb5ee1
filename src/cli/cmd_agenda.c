/* acctplan agenda: what is due (the rules are in include/acctplan/agenda.h). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/loop.h"
#include "acctplan/text.h"
#include "cli.h"

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

struct agenda_opts {
	const char *owner, *account;
	long days;
};

static int agenda_run(struct cli *c, void *arg)
{
	const struct agenda_opts *o = arg;
	struct agenda_filter f = {.horizon = (int)o->days};
	struct agenda_ctx a = {.c = c};
	struct db *db;
	enum status st;
	char day[DATE_LEN], *owner = NULL;
	int r;

	if ((r = cli_open_filters(c, &db, o->owner, &owner, o->account, &f.account_id)) != EXIT_OK)
		return r;
	f.owner = owner;
	date_format(c->app.today, day);
	if (c->format == FMT_TEXT || c->format == FMT_MD) {
		printf(c->format == FMT_MD ? "# Agenda, %s" : "Agenda, %s", day);
		if (f.horizon)
			printf(" and the next %d day%s", f.horizon, f.horizon == 1 ? "" : "s");
		if (f.owner) {
			strbuf_init(&a.detail);
			text_line(&a.detail, f.owner);
			printf(" for %s", a.detail.buf);
			strbuf_done(&a.detail);
		}
		printf("\n\n");
	}
	table_begin(&a.t, stdout, c->format, cols, (int)CLI_COUNT(cols));
	strbuf_init(&a.detail);
	st = db_agenda(db, &c->app.config.rules, c->app.today, &f, item, &a);
	strbuf_done(&a.detail);
	table_end(&a.t);
	free(owner);
	return cli_close(db, st);
}

#define O(f) offsetof(struct agenda_opts, f)
static const struct cli_opt options[] = {
	CLI_INT_OPT("--days", "N", 0, O(days), 0, 3660, 0,
		    "also what falls due in the next N days"),
	CLI_OWNER_FILTER(struct agenda_opts, owner),
	CLI_ACCOUNT_FILTER(struct agenda_opts, account),
};
#undef O

const struct cli_cmd cmd_agenda = {
	.name = "agenda",
	.summary = "what is due: follow-ups, try-again dates, check-ins, report-backs, actions",
	.description =
		"What is due today (or within the next N days with --days N), in this order:\n"
		"  1. detractor responses with no linked note or problem, due loop_close_days\n"
		"     after they came in (responses in the advocacy window)\n"
		"  2. \"try again on\" dates reached: the newest next-contact date of an\n"
		"     account, until a note is logged on or after that date\n"
		"  3. post-sale check-ins at +7, +30 and +90 days after won_on, until a\n"
		"     check-in note is logged (up to 3 days early counts)\n"
		"  4. problems resolved but not yet reported back to the customer\n"
		"  5. actions agreed in a standup (acctplan action), still open, from\n"
		"     their due date\n"
		"Within each, the oldest due date first, then the account's priority.\n"
		"--owner keeps one account manager's accounts (and the actions they\n"
		"own, whoever owns the account), --account one account.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_LISTS,
	.size = sizeof(struct agenda_opts),
	.run = agenda_run,
};

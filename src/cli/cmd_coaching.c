/*
 * acctplan coaching: per owner, what a team lead reads in a one-to-one
 * (seed 001: stop selling to the unhappy): the pitches logged over the
 * last N days and how many went to an account on hold, the detractors of
 * those days followed up on time or late, and the problems reported back.
 * And acctplan winback, the lost accounts with their win-back plans, and
 * giving a win-back up or taking it up again.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/practices.h"
#include "cli.h"

/* ---- coaching ------------------------------------------------------------------ */

static const struct column coaching_cols[] = {
	{"owner", "Owner", false, 24},
	{"pitches", "Pitches", true, 0},
	{"pitches_on_hold", "On hold", true, 0},
	{"followups_on_time", "Follow-ups on time", true, 0},
	{"followups_late", "Late", true, 0},
	{"followups_waiting", "Not due yet", true, 0},
	{"reported_back", "Reported back", true, 0},
};

static int coaching_row(const struct coaching_row *r, void *ctx)
{
	struct table *t = ctx;

	table_str(t, r->owner);
	table_int(t, r->pitches);
	table_int(t, r->pitches_on_hold);
	table_int(t, r->followups_on_time);
	table_int(t, r->followups_late);
	table_int(t, r->followups_waiting);
	table_int(t, r->reported_back);
	table_row_end(t);
	return 0;
}

struct coaching_opts {
	long days;
};

static int coaching_run(struct cli *c, void *arg)
{
	const struct coaching_opts *o = arg;
	struct table t;
	struct db *db;
	enum status st;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	table_begin(&t, stdout, c->format, coaching_cols, (int)CLI_COUNT(coaching_cols));
	st = db_coaching(db, &c->app.config.rules, c->app.today, (int)o->days, coaching_row, &t);
	table_end(&t);
	return cli_close(db, st);
}

static const struct cli_opt coaching_options[] = {
	CLI_INT_OPT("--days", "N", 0, offsetof(struct coaching_opts, days), 1, 3650, 90,
		    "the last N days up to and including today (default 90)"),
};

const struct cli_cmd cmd_coaching = {
	.name = "coaching",
	.summary = "per owner: pitches, pitches on hold, follow-ups on time and late, reports back",
	.description =
		"One row per owner of the book, over the last N days (default 90): the pitches\n"
		"logged on their accounts (notes of kind pitch) and how many of them went to an\n"
		"account that was on hold that day (its history says so); the detractors who\n"
		"answered in those days, followed up by their due day (loop_close_days after\n"
		"the answer) or late, or not at all and past it (late too), and those not due\n"
		"yet; and the problems reported back to the customer.\n"
		"\n"
		"--format json prints one object per owner: \"owner\", \"pitches\",\n"
		"\"pitches_on_hold\", \"followups_on_time\", \"followups_late\",\n"
		"\"followups_waiting\", \"reported_back\".\n",
	.opts = coaching_options,
	.nopts = CLI_COUNT(coaching_options),
	.formats = CLI_LISTS,
	.size = sizeof(struct coaching_opts),
	.run = coaching_run,
};

/* ---- winback ------------------------------------------------------------------- */

static const struct column winback_cols[] = {
	{"id", NULL, false, 0},
	{"account", "Account", false, 30},
	{"owner", "Owner", false, 18},
	{"lost_on", "Lost on", false, 0},
	{"lost_to", "Lost to", false, 24},
	{"next_review", "Next review", false, 0},
	{"review", NULL, false, 0},
	{"last_review", "Last review", false, 0},
	{"dropped_on", "Dropped", false, 0},
	{"reason", "Why lost", false, 50},
	{"plan", "Win-back plan", false, 60},
};

struct winback_opts {
	const char *owner, *account;
	int on;
};

struct winback_ctx {
	struct table t;
	struct cli *c;
};

static int winback_row(const struct winback_row *r, void *ctx)
{
	struct winback_ctx *w = ctx;
	char day[DATE_LEN], when[48];

	table_id(&w->t, r->id);
	table_str(&w->t, r->name);
	table_str(&w->t, r->owner);
	table_str(&w->t, r->lost_on);
	table_str(&w->t, r->lost_to);
	if (r->next_due < 0) {
		table_null(&w->t);
		table_null(&w->t);
	} else {
		date_format(r->next_due, day);
		if (w->c->format == FMT_TEXT || w->c->format == FMT_MD) {
			char due[32];

			fmt_due(due, sizeof(due), r->next_due, w->c->app.today);
			snprintf(when, sizeof(when), "%s (%s)", day, due);
			table_str(&w->t, when);
		} else {
			table_str(&w->t, day);
		}
		table_int(&w->t, r->step);
	}
	table_str(&w->t, r->last_review);
	table_str(&w->t, r->dropped_on);
	table_str(&w->t, r->lost_reason);
	table_str(&w->t, r->plan);
	table_row_end(&w->t);
	return 0;
}

static int list_run(struct cli *c, void *arg)
{
	const struct winback_opts *o = arg;
	struct winback_ctx w = {.c = c};
	struct db *db;
	enum status st;
	char *owner = NULL;
	int r;

	if ((r = cli_open_owner(c, &db, o->owner, &owner)) != EXIT_OK)
		return r;
	table_begin(&w.t, stdout, c->format, winback_cols, (int)CLI_COUNT(winback_cols));
	st = db_winbacks(db, owner, NULL, 0, winback_row, &w);
	table_end(&w.t);
	free(owner);
	return cli_close(db, st);
}

static int drop(struct cli *c, const struct winback_opts *o, bool give_up)
{
	struct db *db;
	char on[DATE_LEN];
	enum status st;
	int64_t id;
	int r, day = give_up ? o->on : CLI_UNSET;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_past_day(c, "--on", &day)) != EXIT_OK)
		return r;
	date_format(day, on);
	if ((r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &id)) != STATUS_OK ||
	    (st = db_winback_drop(db, id, give_up, on)) != STATUS_OK)
		return cli_close(db, st);
	cli_after_commit();
	if (give_up)
		printf("win-back dropped on %s: no more reviews\n", on);
	else
		printf("win-back taken up again: reviews every %d days from the day it was lost\n",
		       c->app.config.rules.winback_days);
	db_close(db);
	return EXIT_OK;
}

static int drop_run(struct cli *c, void *arg)
{
	return drop(c, arg, true);
}

static int resume_run(struct cli *c, void *arg)
{
	return drop(c, arg, false);
}

#define O(f) offsetof(struct winback_opts, f)
static const struct cli_opt list_options[] = {
	CLI_OWNER_FILTER(struct winback_opts, owner),
};
static const struct cli_opt drop_options[] = {
	CLI_ACCOUNT_ARG(struct winback_opts, account, CLI_REQUIRED),
	CLI_ON_DATE(struct winback_opts, on, "the day it was given up (default: today)"),
};
static const struct cli_opt resume_options[] = {
	CLI_ACCOUNT_ARG(struct winback_opts, account, CLI_REQUIRED),
};
#undef O

static const struct cli_cmd list_cmd =
	CLI_ACTION("list", list, struct winback_opts, CLI_LISTS,
		   "the lost accounts: to whom and why they were lost, the\n"
		   "win-back plan, the next review (every winback_days days\n"
		   "after the day they were lost; config, default 90) and\n"
		   "the last one (a winback note); those still to win back\n"
		   "first, the soonest review first\n");
static const struct cli_cmd drop_cmd =
	CLI_ACTION("drop", drop, struct winback_opts, CLI_PLAIN,
		   "gives the win-back of a lost account up: its reviews\n"
		   "leave the agenda\n");
static const struct cli_cmd resume_cmd = CLI_ACTION(
	"resume", resume, struct winback_opts, CLI_PLAIN, "takes a dropped win-back up again\n");

static const struct cli_cmd *const winback_actions[] = {&list_cmd, &drop_cmd, &resume_cmd, NULL};

const struct cli_cmd cmd_winback = {
	.name = "winback",
	.summary = "the lost accounts and their win-back: list, drop, resume",
	.description =
		"A lost account (acctplan account lost) gets a win-back review on the agenda\n"
		"every winback_days days after it was lost (config, default 90), until it is\n"
		"won again (acctplan account won) or its win-back is dropped. A win-back note\n"
		"(acctplan note ACCOUNT --kind winback) is a review.\n",
	.actions = winback_actions,
};

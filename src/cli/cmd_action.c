/*
 * acctplan action add|done|reopen|list: the team's commitments, agreed in a
 * standup ("Priya calls Calder's ops lead by Thursday"), each with an
 * owner and a due day; the next standup reports them as done, not done or
 * late (the rules are in include/acctplan/commitment.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/history.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"
#include "cli.h"

struct action_opts {
	const char *account, *owner, *text;
	int64_t id;
	int due, on;
	bool open;
};

/* ---- list --------------------------------------------------------------------- */

static const struct column list_cols[] = {
	{"id", "Id", false, 0},         {"due", "Due", false, 0},
	{"state", "State", false, 0},   {"owner", "Owner", false, 18},
	{"account_id", NULL, false, 0}, {"account", "Account", false, 30},
	{"text", "Action", false, 60},  {"done_on", "Done", false, 0},
	{"created_at", NULL, false, 0},
};

struct list_ctx {
	struct table t;
	struct cli *c;
};

static int list_row(const struct action_row *r, void *ctx)
{
	struct list_ctx *l = ctx;
	enum commitment_state s = commitment_state(r->due_day, r->done_day, l->c->app.today);
	char word[32];

	fmt_word(word, sizeof(word), commitment_state_name(s));
	table_id(&l->t, r->id);
	table_str(&l->t, r->due);
	table_str(&l->t, l->c->format == FMT_TEXT || l->c->format == FMT_MD
				 ? word
				 : commitment_state_name(s));
	table_str(&l->t, r->owner);
	table_id(&l->t, r->account_id);
	table_str(&l->t, r->account);
	table_str(&l->t, r->text);
	table_str(&l->t, r->done_on);
	table_str(&l->t, r->created_at);
	table_row_end(&l->t);
	return 0;
}

static int list_run(struct cli *c, void *arg)
{
	const struct action_opts *o = arg;
	struct action_filter f = {.open_only = o->open, .since = -1};
	struct list_ctx l = {.c = c};
	struct db *db;
	enum status st;
	char *owner = NULL;
	int r;

	if ((r = cli_open_filters(c, &db, o->owner, &owner, o->account, &f.account_id)) != EXIT_OK)
		return r;
	f.owner = owner;
	table_begin(&l.t, stdout, c->format, list_cols, (int)CLI_COUNT(list_cols));
	st = db_actions(db, &f, list_row, &l);
	table_end(&l.t);
	free(owner);
	return cli_close(db, st);
}

/* ---- writes ------------------------------------------------------------------- */

static int got_account(const struct account_row *r, void *ctx)
{
	char **owner = ctx;

	*owner = xstrdup(r->owner ? r->owner : "");
	return 0;
}

static int add_run(struct cli *c, void *arg)
{
	const struct action_opts *o = arg;
	struct action_rec rec = {0};
	struct db *db;
	char due[DATE_LEN], stamp[APP_STAMP_LEN], *owner = NULL;
	enum status st;
	int64_t id;
	int r;

	if (validate_blank(o->text))
		return cli_usage("action add needs what is to be done (acctplan action add ACCOUNT"
				 " --due DATE TEXT)");
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &rec.account_id)) != STATUS_OK)
		return cli_close(db, st);
	/* the owner as a person types it, matched as --owner filters are; by
	 * default the account's */
	st = o->owner ? cli_resolve_owner(db, o->owner, &owner)
		      : db_account_get(db, rec.account_id, got_account, &owner);
	if (st != STATUS_OK) {
		free(owner);
		return cli_close(db, st);
	}
	if (validate_action(o->text, owner) != INVALID_OK) {
		free(owner);
		db_close(db);
		return cli_usage("the account has no owner: give the action one with --owner NAME");
	}
	date_format(o->due, due);
	rec.owner = owner;
	rec.text = o->text;
	rec.due = due;
	rec.created_at = app_stamp(&c->app, stamp);
	st = db_action_add(db, &rec, &id);
	if (st == STATUS_OK) {
		struct strbuf sb;

		cli_after_commit();
		strbuf_init(&sb);
		text_line(&sb, owner);
		printf("action %lld added: %s, due %s\n", (long long)id, sb.buf, due);
		strbuf_done(&sb);
	}
	free(owner);
	return cli_close(db, st);
}

static int done_run(struct cli *c, void *arg)
{
	const struct action_opts *o = arg;
	struct db *db;
	char on[DATE_LEN];
	enum status st;
	int r, day = o->on;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_past_day(c, "--on", &day)) != EXIT_OK ||
	    (r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	date_format(day, on);
	if ((st = db_action_done(db, o->id, on)) != STATUS_OK)
		return cli_close(db, st);
	cli_after_commit();
	printf("action %lld done on %s\n", (long long)o->id, on);
	db_close(db);
	return EXIT_OK;
}

static int reopen_run(struct cli *c, void *arg)
{
	const struct action_opts *o = arg;
	struct db *db;
	enum status st;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_action_reopen(db, o->id)) != STATUS_OK)
		return cli_close(db, st);
	cli_after_commit();
	printf("action %lld open again\n", (long long)o->id);
	db_close(db);
	return EXIT_OK;
}

/* ---- the tables ----------------------------------------------------------------- */

#define O(f) offsetof(struct action_opts, f)
#define ID_ARG                                           \
	CLI_ID_ARG("ID", CLI_REQUIRED, O(id), ID_ACTION, \
		   "the action's id, as action list and the standup show it")

static const struct cli_opt list_options[] = {
	CLI_OWNER_FILTER(struct action_opts, owner),
	CLI_FLAG_OPT("--open", 0, O(open), "only those not done yet"),
	CLI_ACCOUNT_FILTER(struct action_opts, account),
};

static const struct cli_opt add_options[] = {
	CLI_ACCOUNT_ARG(struct action_opts, account, CLI_REQUIRED),
	CLI_TEXT_ARG("TEXT", CLI_REQUIRED | CLI_NONEMPTY, O(text), "what is to be done (quote it)"),
	CLI_DATE_OPT("--due", "DATE", CLI_REQUIRED, O(due), "the day it is to be done by"),
	CLI_TEXT_OPT("--owner", "NAME", CLI_NONEMPTY, O(owner),
		     "who does it (an owner's name or a prefix only one has; default: the"
		     " account's owner)"),
};

static const struct cli_opt done_options[] = {
	ID_ARG,
	CLI_ON_DATE(struct action_opts, on, "the day it was done (default: today)"),
};

static const struct cli_opt reopen_options[] = {ID_ARG};
#undef O

#define ACTION(name_, run_, formats_, description_) \
	CLI_ACTION(name_, run_, struct action_opts, formats_, description_)

static const struct cli_cmd list_cmd =
	ACTION("list", list, CLI_LISTS,
	       "the team's actions by owner, open ones first, each with its\n"
	       "state: open, not_done (its due day has passed), done, or late\n"
	       "(done after it); --open keeps those not done yet, --owner one\n"
	       "owner's, --account one account's\n");
static const struct cli_cmd add_cmd =
	ACTION("add", add, CLI_PLAIN,
	       "records an action agreed for ACCOUNT: what is to be done (TEXT),\n"
	       "by whom (--owner, by default the account's owner) and by when\n"
	       "(--due). It shows on its owner's agenda from that day, in the\n"
	       "account's brief and in the next standup\n");
static const struct cli_cmd done_cmd =
	ACTION("done", done, CLI_PLAIN, "marks an action done, today or --on DATE\n");
static const struct cli_cmd reopen_cmd =
	ACTION("reopen", reopen, CLI_PLAIN, "opens a done action again\n");

static const struct cli_cmd *const actions[] = {
	&list_cmd, &add_cmd, &done_cmd, &reopen_cmd, NULL,
};

const struct cli_cmd cmd_action = {
	.name = "action",
	.summary = "the team's actions: add one, mark it done, list them",
	.description = "Actions are what the team agrees in a standup: an account, what is to be\n"
		       "done, who does it and by when. Ids are as `action list` shows them.\n",
	.actions = actions,
};

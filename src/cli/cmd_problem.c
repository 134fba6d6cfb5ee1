/*
 * acctplan problem list|new|move|show|edit: one account's instance of a
 * problem, along open -> root_cause -> fixing -> resolved -> reported_back
 * (the rules of the lifecycle are in include/acctplan/problem.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/loop.h"
#include "acctplan/problem.h"
#include "cli.h"

struct problem_opts {
	const char *account, *title, *defect, *contact, *owner, *root_cause, *reported;
	int64_t id, response;
	int state, category, status, on;
	bool all;
};

static const struct column list_cols[] = {
	{"id", NULL, false, 0},
	CLI_SHORT_COLUMN,
	{"account", "Account", false, 30},
	{"opened_on", "Opened", false, 0},
	{"status", "State", false, 0},
	{"category", "Category", false, 0},
	{"defect", "Defect", false, 0},
	{"title", "Problem", false, 44},
	{"owner", "Owner", false, 18},
	{"resolved_on", "Resolved", false, 0},
	{"reported_on", "Reported back", false, 0},
};

/* The table and the book its short ids come from. */
struct rows {
	struct table t;
	struct db *db;
};

static int list_row(const struct problem_info *r, void *ctx)
{
	struct rows *rs = ctx;
	struct table *t = &rs->t;

	table_id(t, r->p.id);
	cli_table_short(t, rs->db, ID_PROBLEM, r->p.id);
	table_str(t, r->account_name);
	table_str(t, r->p.opened_on);
	table_code(t, r->p.status);
	table_str(t, r->p.category);
	table_str(t, r->p.defect_code);
	table_str(t, r->p.title);
	table_str(t, r->p.owner);
	table_str(t, r->p.resolved_on);
	table_str(t, r->p.reported_on);
	table_row_end(t);
	return 0;
}

struct show_ctx {
	struct cli *c;
	struct strbuf sb;
	bool first;
};

static void show_field(struct show_ctx *s, const char *key, const char *label, const char *value)
{
	strbuf_reset(&s->sb);
	if (s->c->format == FMT_JSON) {
		json_string(&s->sb, key);
		printf("%s\n  %s: ", s->first ? "" : ",", s->sb.buf);
		s->first = false;
		strbuf_reset(&s->sb);
		if (value)
			json_string(&s->sb, value);
		fputs(value ? s->sb.buf : "null", stdout);
		return;
	}
	text_line(&s->sb, value && *value ? value : "-");
	if (s->c->format == FMT_MD)
		printf("- **%s:** %s\n", label, s->sb.buf);
	else
		printf("  %-14s %s\n", label, s->sb.buf);
}

static int show_row(const struct problem_info *r, void *ctx)
{
	struct show_ctx *s = ctx;
	char id[32], fid[32];

	snprintf(id, sizeof(id), "%lld", (long long)r->p.id);
	snprintf(fid, sizeof(fid), "%lld", (long long)r->feedback_id);
	if (s->c->format == FMT_JSON) {
		fputs("{", stdout);
	} else {
		strbuf_reset(&s->sb);
		text_line(&s->sb, r->p.title);
		printf(s->c->format == FMT_MD ? "# Problem %s: %s\n\n" : "Problem %s: %s\n", id,
		       s->sb.buf);
	}
	show_field(s, "id", "Id", id);
	show_field(s, "account", "Account", r->account_name);
	show_field(s, "title", "Problem", r->p.title);
	show_field(s, "status", "State", r->p.status);
	show_field(s, "category", "Category", r->p.category);
	show_field(s, "defect", "Defect", r->p.defect_code);
	show_field(s, "defect_title", "Defect title", r->defect_title);
	show_field(s, "contact", "Buyer", r->contact_name);
	show_field(s, "response_id", "From response", r->feedback_id ? fid : NULL);
	show_field(s, "owner", "Owner", r->p.owner);
	show_field(s, "opened_on", "Opened", r->p.opened_on);
	show_field(s, "root_cause", "Root cause", r->p.root_cause);
	show_field(s, "resolved_on", "Resolved", r->p.resolved_on);
	show_field(s, "reported_on", "Reported back", r->p.reported_on);
	show_field(s, "reported_back", "What was told", r->p.reported_back);
	if (s->c->format == FMT_JSON)
		fputs("\n}\n", stdout);
	return 0;
}

static int list_run(struct cli *c, void *arg)
{
	const struct problem_opts *o = arg;
	struct problem_filter f = {.status = -1, .open_only = !o->all};
	struct rows t;
	struct db *db;
	enum status st;
	int r;

	if (o->status != CLI_UNSET) {
		f.status = o->status;
		f.open_only = false;
	}
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if (o->account && (st = db_account_resolve(db, o->account, &f.account_id)) != STATUS_OK)
		return cli_close(db, st);
	if (o->defect && (st = db_defect_find(db, o->defect, &f.defect_id)) != STATUS_OK)
		return cli_close(db, st);
	t.db = db;
	table_begin(&t.t, stdout, c->format, list_cols, (int)CLI_COUNT(list_cols));
	st = db_problem_list(db, &f, list_row, &t);
	table_end(&t.t);
	return cli_close(db, st);
}

static int new_run(struct cli *c, void *arg)
{
	char shown[SHORTID_LEN + 8];
	const struct problem_opts *o = arg;
	struct problem_new p = {.category = -1};
	struct db *db;
	enum status st;
	char on[DATE_LEN];
	int r, day = o->on;
	int64_t id;

	if (!o->response && !o->account)
		return cli_usage(
			"problem new: which account, or which response? (ACCOUNT or --response ID)");
	if (!o->response && !o->title)
		return cli_usage("problem new ACCOUNT needs --title TEXT");
	if (!o->response && o->category == CLI_UNSET && !o->defect)
		return cli_usage("problem new ACCOUNT needs --category CAT or --defect CODE");
	if (o->category != CLI_UNSET)
		p.category = o->category;
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_past_day(c, "--on", &day)) != EXIT_OK)
		return r;
	date_format(day, on);
	if ((r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	p.feedback_id = o->response; /* resolved as the book opened */
	if (o->account && (st = db_account_resolve(db, o->account, &p.account_id)) != STATUS_OK)
		return cli_close(db, st);
	if (o->defect && (st = db_defect_find(db, o->defect, &p.defect_id)) != STATUS_OK)
		return cli_close(db, st);
	if (o->contact) {
		int64_t acct = p.account_id;
		if (!acct && (st = db_feedback_account(db, p.feedback_id, &acct)) != STATUS_OK)
			return cli_close(db, st);
		if ((st = db_contact_resolve(db, acct, o->contact, &p.contact_id)) != STATUS_OK)
			return cli_close(db, st);
	}
	p.title = o->title;
	p.owner = o->owner;
	p.opened_on = on;
	if ((st = db_problem_create(db, &p, &id)) != STATUS_OK)
		return cli_close(db, st);
	printf("problem %s opened\n", cli_short(db, ID_PROBLEM, id, shown));
	cli_after_commit();
	db_close(db);
	return EXIT_OK;
}

static int move_run(struct cli *c, void *arg)
{
	char shown[SHORTID_LEN + 8];
	const struct problem_opts *o = arg;
	struct problem_move_req m = {.to = o->state};
	struct db *db;
	enum status st;
	char on[DATE_LEN];
	int r, day = o->on;
	enum problem_move refused = PMOVE_OK;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_past_day(c, "--on", &day)) != EXIT_OK)
		return r;
	date_format(day, on);
	m.on = on;
	m.root_cause = o->root_cause;
	m.reported = o->reported;
	m.owner = o->owner;
	m.refused = &refused;
	if ((r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_problem_move(db, o->id, &m)) != STATUS_OK) {
		/* the rule's words, and this front end's way to meet it */
		if (refused == PMOVE_NEEDS_ROOT_CAUSE || refused == PMOVE_NEEDS_REPORT) {
			db_close(db);
			return cli_fail(status_set(
				st, "%s (give %s TEXT)", problem_move_message(refused),
				refused == PMOVE_NEEDS_ROOT_CAUSE ? "--root-cause" : "--reported"));
		}
		return cli_close(db, st);
	}
	printf("problem %s is now %s (%s)\n", cli_short(db, ID_PROBLEM, o->id, shown),
	       problem_status_name((enum problem_status)o->state), on);
	cli_after_commit();
	db_close(db);
	return EXIT_OK;
}

static int show_run(struct cli *c, void *arg)
{
	const struct problem_opts *o = arg;
	struct show_ctx s = {.c = c, .first = true};
	struct db *db;
	enum status st;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	strbuf_init(&s.sb);
	st = db_problem_get(db, o->id, show_row, &s);
	strbuf_done(&s.sb);
	return cli_close(db, st);
}

static int edit_run(struct cli *c, void *arg)
{
	char shown[SHORTID_LEN + 8];
	const struct problem_opts *o = arg;
	struct problem_edit e = {.category = -1, .defect_id = -1};
	struct db *db;
	enum status st;
	int r;

	if (!o->title && !o->owner && !o->root_cause && o->category == CLI_UNSET && !o->defect)
		return cli_usage("problem edit: nothing to change");
	if (o->category != CLI_UNSET)
		e.category = o->category;
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if (o->defect && !strcmp(o->defect, "none"))
		e.defect_id = 0;
	else if (o->defect && (st = db_defect_find(db, o->defect, &e.defect_id)) != STATUS_OK)
		return cli_close(db, st);
	e.title = o->title;
	e.owner = o->owner;
	e.root_cause = o->root_cause;
	if ((st = db_problem_edit(db, o->id, &e)) != STATUS_OK)
		return cli_close(db, st);
	printf("problem %s changed\n", cli_short(db, ID_PROBLEM, o->id, shown));
	cli_after_commit();
	db_close(db);
	return EXIT_OK;
}

#define O(f) offsetof(struct problem_opts, f)
#define ID_ARG                                            \
	CLI_ID_ARG("ID", CLI_REQUIRED, O(id), ID_PROBLEM, \
		   "the problem's id, as problem list shows it")
#define TITLE_OPT CLI_TEXT_OPT("--title", "TEXT", CLI_NONEMPTY, O(title), "what the problem is")
#define CATEGORY_OPT                                                              \
	CLI_ENUM_OPT("--category", "CAT", 0, O(category), problem_category_names, \
		     "what kind of problem it is")
#define OWNER_OPT(help_) CLI_TEXT_OPT("--owner", "NAME", 0, O(owner), help_)
#define ROOT_CAUSE_OPT                                                    \
	CLI_TEXT_OPT("--root-cause", "TEXT", CLI_NONEMPTY, O(root_cause), \
		     "why it happened; fixing and later need one")

static const struct cli_opt list_options[] = {
	CLI_ACCOUNT_ARG(struct problem_opts, account, 0),
	CLI_FLAG_OPT("--all", 0, O(all), "the closed ones too"),
	CLI_ENUM_OPT("--status", "STATE", 0, O(status), problem_status_names,
		     "only problems in this state"),
	CLI_TEXT_OPT("--defect", "CODE", 0, O(defect), "only problems with this defect"),
};

static const struct cli_opt new_options[] = {
	CLI_ACCOUNT_ARG(struct problem_opts, account, 0),
	CLI_ID_OPT("--response", "ID", 0, O(response), ID_RESPONSE,
		   "the response it comes from: its account, buyer, defect and category fill in"),
	TITLE_OPT,
	CATEGORY_OPT,
	CLI_TEXT_OPT("--defect", "CODE", 0, O(defect), "the defect it is an instance of"),
	CLI_TEXT_OPT("--contact", "NAME", 0, O(contact),
		     "the buyer who raised it (a unique prefix of the name)"),
	OWNER_OPT("who owns it (default: the account's owner)"),
	CLI_ON_DATE(struct problem_opts, on, "the day it was opened (default: today)"),
};

static const struct cli_opt move_options[] = {
	ID_ARG,
	CLI_ENUM_ARG("STATE", CLI_REQUIRED, O(state), problem_status_names, "where it goes"),
	CLI_ON_DATE(struct problem_opts, on, "the day of the move (default: today)"),
	ROOT_CAUSE_OPT,
	CLI_TEXT_OPT("--reported", "TEXT", CLI_NONEMPTY, O(reported),
		     "what the customer was told; reported_back needs it"),
	OWNER_OPT("hands it to another owner"),
};

static const struct cli_opt show_options[] = {ID_ARG};

static const struct cli_opt edit_options[] = {
	ID_ARG,
	TITLE_OPT,
	OWNER_OPT("hands it to another owner"),
	ROOT_CAUSE_OPT,
	CATEGORY_OPT,
	CLI_TEXT_OPT("--defect", "CODE", 0, O(defect),
		     "the defect it is an instance of; none removes it"),
};
#undef O

#define ACTION(name_, run_, formats_, description_) \
	CLI_ACTION(name_, run_, struct problem_opts, formats_, description_)

static const struct cli_cmd list_cmd =
	ACTION("list", list, CLI_LISTS,
	       "open problems (not yet reported back), of one account or all;\n"
	       "--all adds the closed ones, --status and --defect filter\n");
static const struct cli_cmd new_cmd =
	ACTION("new", new, CLI_PLAIN,
	       "opens a problem. From a response (--response ID) the account, the\n"
	       "buyer, the defect (its first tag) and the category (the defect's)\n"
	       "are filled in, and the response counts as followed up. Opened\n"
	       "today unless --on DATE; the owner is the account's unless --owner\n");
static const struct cli_cmd move_cmd =
	ACTION("move", move, CLI_PLAIN,
	       "moves a problem to STATE on today (or --on DATE). Going back is\n"
	       "allowed until it is reported back, which is final. fixing and later\n"
	       "need a root cause (--root-cause); reported_back is reached only\n"
	       "from resolved and needs what the customer was told (--reported)\n");
static const struct cli_cmd show_cmd =
	ACTION("show", show, CLI_PAGES,
	       "one problem with its dates, root cause and what was reported back\n");
static const struct cli_cmd edit_cmd =
	ACTION("edit", edit, CLI_PLAIN,
	       "changes a problem's title, owner, root cause, category or defect\n");

static const struct cli_cmd *const actions[] = {
	&list_cmd, &new_cmd, &move_cmd, &show_cmd, &edit_cmd, NULL,
};

const struct cli_cmd cmd_problem = {
	.name = "problem",
	.summary = "problems along open, root_cause, fixing, resolved, reported_back",
	.description = "Problems close the loop with a detractor: open -> root_cause -> fixing ->\n"
		       "resolved -> reported_back. The loop closes only at reported_back.\n"
		       "CAT is product, price or service. Ids are as `problem list` shows them.\n",
	.actions = actions,
};

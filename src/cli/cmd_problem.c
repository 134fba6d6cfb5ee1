/*
 * acctplan problem list|new|move|show|edit: one account's instance of a
 * problem, along open -> root_cause -> fixing -> resolved -> reported_back
 * (the rules of the lifecycle are in include/acctplan/problem.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/plan.h"
#include "acctplan/problem.h"
#include "plan_util.h"

static const char problem_help[] =
	"usage: acctplan problem list [ACCOUNT] [--all] [--status STATE] [--defect CODE] [--format FMT]\n"
	"       acctplan problem new ACCOUNT --title TEXT (--category CAT | --defect CODE)\n"
	"                            [--contact NAME] [--owner NAME] [--on DATE]\n"
	"       acctplan problem new --response ID [--title TEXT] [--category CAT]\n"
	"                            [--defect CODE] [--owner NAME] [--on DATE]\n"
	"       acctplan problem move ID STATE [--on DATE] [--root-cause TEXT]\n"
	"                            [--reported TEXT] [--owner NAME]\n"
	"       acctplan problem show ID [--format text|md|json]\n"
	"       acctplan problem edit ID [--title TEXT] [--owner NAME] [--root-cause TEXT]\n"
	"                            [--category CAT] [--defect CODE|none]\n"
	"\n"
	"Problems close the loop with a detractor: open -> root_cause -> fixing ->\n"
	"resolved -> reported_back. The loop closes only at reported_back.\n"
	"\n"
	"list      open problems (not yet reported back), of one account or all;\n"
	"          --all adds the closed ones, --status and --defect filter\n"
	"new       opens a problem. From a response (--response ID) the account, the\n"
	"          buyer, the defect (its first tag) and the category (the defect's)\n"
	"          are filled in, and the response counts as followed up. Opened\n"
	"          today unless --on DATE; the owner is the account's unless --owner\n"
	"move      moves a problem to STATE on today (or --on DATE). Going back is\n"
	"          allowed until it is reported back, which is final. fixing and later\n"
	"          need a root cause (--root-cause); reported_back is reached only\n"
	"          from resolved and needs what the customer was told (--reported)\n"
	"show      one problem with its dates, root cause and what was reported back\n"
	"edit      changes a problem's title, owner, root cause, category or defect\n"
	"\n"
	"CAT is product, price or service. Ids are as `problem list` shows them.\n";

#define N(a) (int)(sizeof(a) / sizeof(*(a)))

struct opts {
	const char *pos[3];
	int npos;
	const char *title, *category, *defect, *contact, *owner, *on, *root_cause, *reported,
		*status, *response;
	bool all;
};

static int parse(struct cli *c, struct opts *o)
{
	static const struct cli_valued valued[] = {
		{"--title", offsetof(struct opts, title)},
		{"--category", offsetof(struct opts, category)},
		{"--defect", offsetof(struct opts, defect)},
		{"--contact", offsetof(struct opts, contact)},
		{"--owner", offsetof(struct opts, owner)},
		{"--on", offsetof(struct opts, on)},
		{"--root-cause", offsetof(struct opts, root_cause)},
		{"--reported", offsetof(struct opts, reported)},
		{"--status", offsetof(struct opts, status)},
		{"--response", offsetof(struct opts, response)},
	};
	int r;

	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		if (!strcmp(c->argv[c->i], "--all")) {
			o->all = true;
			c->i++;
			continue;
		}
		if ((r = cli_valued_option(c, valued, sizeof(valued) / sizeof(*valued), o)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		if (plan_positional(c) && o->npos < 3) {
			o->pos[o->npos++] = c->argv[c->i++];
			continue;
		}
		return cli_usage(
			"problem: unexpected argument \"%.40s\" (see acctplan problem --help)",
			c->argv[c->i]);
	}
	return EXIT_OK;
}

/* Refuses options that the action does not take. */
static int only(const struct opts *o, const char *verb, const char *allowed)
{
	const struct {
		const char *name, *value;
	} given[] = {
		{"--title", o->title},           {"--category", o->category},
		{"--defect", o->defect},         {"--contact", o->contact},
		{"--owner", o->owner},           {"--on", o->on},
		{"--root-cause", o->root_cause}, {"--reported", o->reported},
		{"--status", o->status},         {"--response", o->response},
		{"--all", o->all ? "" : NULL},
	};
	size_t k;

	for (k = 0; k < sizeof(given) / sizeof(*given); k++) {
		char key[24];
		snprintf(key, sizeof(key), "%s ", given[k].name);
		if (given[k].value && !strstr(allowed, key))
			return cli_usage("problem %s takes no %s", verb, given[k].name);
	}
	return EXIT_OK;
}

static const struct column list_cols[] = {
	{"id", "Id", false, 0},
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

static int list_row(const struct problem_info *r, void *ctx)
{
	struct table *t = ctx;
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)r->p.id);
	table_str(t, buf);
	table_str(t, r->account_name);
	table_str(t, r->p.opened_on);
	table_str(t, r->p.status);
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

static int list_cmd(struct cli *c, struct opts *o)
{
	struct problem_filter f = {.status = -1, .open_only = !o->all};
	struct table t;
	struct db *db;
	enum status st;
	int r;

	if ((r = only(o, "list", "--all --status --defect ")) != EXIT_OK)
		return r;
	if (o->npos > 2)
		return cli_usage("problem list takes at most one account");
	if (o->status) {
		if ((f.status = problem_status_from_name(o->status)) < 0)
			return cli_usage(
				"--status must be open, root_cause, fixing, resolved or reported_back, not \"%.40s\"",
				o->status);
		f.open_only = false;
	}
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if (o->npos == 2 && (st = db_account_resolve(db, o->pos[1], &f.account_id)) != STATUS_OK)
		return plan_fail(db, st);
	if (o->defect && (st = db_defect_find(db, o->defect, &f.defect_id)) != STATUS_OK)
		return plan_fail(db, st);
	table_begin(&t, stdout, c->format, list_cols, N(list_cols));
	st = db_problem_list(db, &f, list_row, &t);
	table_end(&t);
	db_close(db);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

static int new_cmd(struct cli *c, struct opts *o)
{
	struct problem_new p = {.category = -1};
	struct db *db;
	enum status st;
	char on[DATE_LEN];
	int r, day = 0; /* set below: from --on, else today */
	int64_t id;

	if ((r = only(o, "new",
		      "--title --category --defect --contact --owner --on --response ")) != EXIT_OK)
		return r;
	if (o->response && !plan_parse_id(o->response, &p.feedback_id))
		return cli_usage("\"%.40s\" is not a response id", o->response);
	if (!o->response && o->npos != 2)
		return cli_usage(
			"problem new: which account, or which response? (ACCOUNT or --response ID)");
	if (o->npos > 2)
		return cli_usage("problem new takes one account");
	if (o->category && (p.category = problem_category_from_name(o->category)) < 0)
		return cli_usage("--category must be product, price or service, not \"%.40s\"",
				 o->category);
	if (!o->response && (!o->title || !*o->title))
		return cli_usage("problem new ACCOUNT needs --title TEXT");
	if (o->title && !*o->title)
		return cli_usage("--title must not be empty");
	if (!o->response && !o->category && !o->defect)
		return cli_usage("problem new ACCOUNT needs --category CAT or --defect CODE");
	if (o->on && !plan_parse_date("--on", o->on, &day))
		return EXIT_USAGE;
	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (!o->on)
		day = c->app.today;
	if (day > c->app.today)
		return cli_usage("--on %s is in the future", o->on);
	date_format(day, on);
	if ((r = plan_open_rw(c, &db)) != EXIT_OK)
		return r;
	if (o->npos == 2 && (st = db_account_resolve(db, o->pos[1], &p.account_id)) != STATUS_OK)
		return plan_fail(db, st);
	if (o->defect && (st = db_defect_find(db, o->defect, &p.defect_id)) != STATUS_OK)
		return plan_fail(db, st);
	if (o->contact) {
		int64_t acct = p.account_id;
		if (!acct && (st = db_feedback_account(db, p.feedback_id, &acct)) != STATUS_OK)
			return plan_fail(db, st);
		if ((st = db_contact_resolve(db, acct, o->contact, &p.contact_id)) != STATUS_OK)
			return plan_fail(db, st);
	}
	p.title = o->title;
	p.owner = o->owner;
	p.opened_on = on;
	if ((st = db_problem_create(db, &p, &id)) != STATUS_OK)
		return plan_fail(db, st);
	printf("problem %lld opened\n", (long long)id);
	plan_after_commit();
	db_close(db);
	return EXIT_OK;
}

static int move_cmd(struct cli *c, struct opts *o)
{
	struct problem_move_req m = {0};
	struct db *db;
	enum status st;
	char on[DATE_LEN];
	int r, day = 0; /* set below: from --on, else today */
	int64_t id;

	if ((r = only(o, "move", "--on --root-cause --reported --owner ")) != EXIT_OK)
		return r;
	if (o->npos != 3)
		return cli_usage(
			"problem move needs a problem id and a state (acctplan problem move ID STATE)");
	if (!plan_parse_id(o->pos[1], &id))
		return cli_usage("\"%.40s\" is not a problem id", o->pos[1]);
	if ((m.to = problem_status_from_name(o->pos[2])) < 0)
		return cli_usage(
			"\"%.40s\" is not a state (open, root_cause, fixing, resolved, reported_back)",
			o->pos[2]);
	if (o->on && !plan_parse_date("--on", o->on, &day))
		return EXIT_USAGE;
	if ((o->root_cause && !*o->root_cause) || (o->reported && !*o->reported))
		return cli_usage("--root-cause and --reported must not be empty");
	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (!o->on)
		day = c->app.today;
	if (day > c->app.today)
		return cli_usage("--on %s is in the future", o->on);
	date_format(day, on);
	m.on = on;
	m.root_cause = o->root_cause;
	m.reported = o->reported;
	m.owner = o->owner;
	if ((r = plan_open_rw(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_problem_move(db, id, &m)) != STATUS_OK)
		return plan_fail(db, st);
	printf("problem %lld is now %s (%s)\n", (long long)id, o->pos[2], on);
	plan_after_commit();
	db_close(db);
	return EXIT_OK;
}

static int show_cmd(struct cli *c, struct opts *o)
{
	struct show_ctx s = {.c = c, .first = true};
	struct db *db;
	enum status st;
	int r;
	int64_t id;

	if ((r = only(o, "show", "")) != EXIT_OK)
		return r;
	if (o->npos != 2 || !plan_parse_id(o->pos[1], &id))
		return cli_usage("problem show needs a problem id");
	if (c->format == FMT_CSV)
		return cli_usage("problem show: --format text, md or json");
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	strbuf_init(&s.sb);
	st = db_problem_get(db, id, show_row, &s);
	strbuf_done(&s.sb);
	db_close(db);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

static int edit_cmd(struct cli *c, struct opts *o)
{
	struct problem_edit e = {.category = -1, .defect_id = -1};
	struct db *db;
	enum status st;
	int r;
	int64_t id;

	if ((r = only(o, "edit", "--title --owner --root-cause --category --defect ")) != EXIT_OK)
		return r;
	if (o->npos != 2 || !plan_parse_id(o->pos[1], &id))
		return cli_usage("problem edit needs a problem id");
	if (!o->title && !o->owner && !o->root_cause && !o->category && !o->defect)
		return cli_usage("problem edit: nothing to change");
	if (o->title && !*o->title)
		return cli_usage("--title must not be empty");
	if (o->category && (e.category = problem_category_from_name(o->category)) < 0)
		return cli_usage("--category must be product, price or service, not \"%.40s\"",
				 o->category);
	if ((r = cli_setup(c)) != EXIT_OK || (r = plan_open_rw(c, &db)) != EXIT_OK)
		return r;
	if (o->defect && !strcmp(o->defect, "none"))
		e.defect_id = 0;
	else if (o->defect && (st = db_defect_find(db, o->defect, &e.defect_id)) != STATUS_OK)
		return plan_fail(db, st);
	e.title = o->title;
	e.owner = o->owner;
	e.root_cause = o->root_cause;
	if ((st = db_problem_edit(db, id, &e)) != STATUS_OK)
		return plan_fail(db, st);
	printf("problem %lld changed\n", (long long)id);
	plan_after_commit();
	db_close(db);
	return EXIT_OK;
}

int cmd_problem(struct cli *c)
{
	struct opts o;
	const char *verb;
	int r;

	memset(&o, 0, sizeof(o));
	if ((r = parse(c, &o)) != EXIT_OK)
		return r;
	if (c->help) {
		fputs(problem_help, stdout);
		return EXIT_OK;
	}
	if (o.npos == 0)
		return cli_usage(
			"problem: list, new, move, show or edit? (see acctplan problem --help)");
	verb = o.pos[0];
	if (!strcmp(verb, "list"))
		return list_cmd(c, &o);
	if (!strcmp(verb, "new"))
		return new_cmd(c, &o);
	if (!strcmp(verb, "move"))
		return move_cmd(c, &o);
	if (!strcmp(verb, "show"))
		return show_cmd(c, &o);
	if (!strcmp(verb, "edit"))
		return edit_cmd(c, &o);
	return cli_usage("problem: unknown action \"%.40s\" (list, new, move, show or edit)", verb);
}

/*
 * acctplan defects [CODE]: the defect ranking and a defect's follow-up
 * queue; acctplan defect add|edit|tag: the catalogue and response tags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/plan.h"
#include "acctplan/xalloc.h"
#include "acctplan/validate.h"
#include "plan_util.h"

static const char defects_help[] =
	"usage: acctplan defects [CODE] [--format FMT]\n"
	"\n"
	"The defect ranking over the responses in the advocacy window (window_days\n"
	"up to today): frequency is the share of responses tagged with the defect,\n"
	"severity the mean score of untagged responses minus that of tagged ones,\n"
	"impact = frequency x severity. Ranked by impact, then frequency, then code;\n"
	"a defect no response cites, or every response cites, has no severity and an\n"
	"impact of 0. Also shows the responses and accounts citing each defect and\n"
	"its open problems (not yet reported back).\n"
	"\n"
	"With CODE: the defect's follow-up queue, the accounts citing it in the\n"
	"window in priority order, with their open problem for it and its state.\n"
	"\n"
	"See also: acctplan defect --help (add, edit, tag).\n";

static const char defect_help[] =
	"usage: acctplan defect add CODE --title TEXT --category product|price|service\n"
	"       acctplan defect edit CODE [--title TEXT] [--category CAT]\n"
	"       acctplan defect tag RESPONSE_ID CODE [--remove]\n"
	"\n"
	"The defect catalogue. add puts a new defect in it (CODE: letters, digits,\n"
	"'-' and '_', as in CLAIMS-DELAY); edit changes its title or category; tag\n"
	"tags a response (its id, as in `acctplan show ACCOUNT --format json`) with\n"
	"a defect, or with --remove takes the tag off.\n";

#define N(a) (int)(sizeof(a) / sizeof(*(a)))

static const struct column rank_cols[] = {
	{"rank", "#", true, 0},
	{"code", "Code", false, 0},
	{"title", "Title", false, 44},
	{"category", "Category", false, 0},
	{"frequency", "Frequency", true, 0},
	{"severity", "Severity", true, 0},
	{"impact", "Impact", true, 0},
	{"responses", "Responses", true, 0},
	{"accounts", "Accounts", true, 0},
	{"open_problems", "Open problems", true, 0},
};

static const struct column queue_cols[] = {
	{"rank", "#", true, 0},
	{"account_id", "Id", false, 0},
	{"account", "Account", false, 36},
	{"owner", "Owner", false, 20},
	{"status", "Status", false, 0},
	{"quadrant", "Quadrant", false, 0},
	{"nps", "NPS", true, 0},
	{"revenue", "Revenue", true, 0},
	{"citing", "Citing", true, 0},
	{"last_cited", "Last cited", false, 0},
	{"problem_id", "Problem", false, 0},
	{"problem_status", "Problem state", false, 0},
};

static void print_ranking(struct cli *c, struct defect_report *rep)
{
	struct defect_stat *st = xcalloc(rep->n ? rep->n : 1, sizeof(*st));
	struct table t;
	char first[DATE_LEN], last[DATE_LEN], buf[32];
	size_t i;

	for (i = 0; i < rep->n; i++) {
		st[i].id = (int64_t)i;
		st[i].code = rep->d[i].code;
		st[i].tagged = rep->d[i].tagged;
		st[i].tagged_sum = rep->d[i].tagged_sum;
	}
	defect_rank(st, rep->n, rep->responses, rep->score_sum);
	date_format(c->app.today - c->app.config.rules.window_days + 1, first);
	date_format(c->app.today, last);
	if (c->format == FMT_TEXT)
		printf("Defects ranked by impact, %s to %s: %ld responses\n\n", first, last,
		       rep->responses);
	else if (c->format == FMT_MD)
		printf("# Defects ranked by impact\n\n%s to %s: %ld responses.\n\n", first, last,
		       rep->responses);
	table_begin(&t, stdout, c->format, rank_cols, N(rank_cols));
	for (i = 0; i < rep->n; i++) {
		const struct defect_info *d = &rep->d[st[i].id];
		bool text = c->format == FMT_TEXT || c->format == FMT_MD;

		table_int(&t, (int64_t)i + 1);
		table_str(&t, d->code);
		table_str(&t, d->title);
		table_str(&t, d->category);
		if (text) {
			snprintf(buf, sizeof(buf), "%.1f%%", st[i].frequency * 100);
			table_str(&t, buf);
			if (st[i].severity_known) {
				snprintf(buf, sizeof(buf), "%.2f", st[i].severity);
				table_str(&t, buf);
			} else {
				table_str(&t, "-");
			}
			snprintf(buf, sizeof(buf), "%.3f", st[i].impact);
			table_str(&t, buf);
		} else {
			table_num(&t, st[i].frequency, 4);
			if (st[i].severity_known)
				table_num(&t, st[i].severity, 4);
			else
				table_null(&t);
			table_num(&t, st[i].impact, 4);
		}
		table_int(&t, d->tagged);
		table_int(&t, d->accounts);
		table_int(&t, d->open_problems);
		table_row_end(&t);
	}
	table_end(&t);
	free(st);
}

struct queue_ctx {
	struct table t;
	long rank;
	bool text;
};

static int queue_row(const struct queue_row *r, void *ctx)
{
	struct queue_ctx *q = ctx;
	char buf[32];

	table_int(&q->t, ++q->rank);
	snprintf(buf, sizeof(buf), "%lld", (long long)r->account_id);
	table_str(&q->t, buf);
	table_str(&q->t, r->name);
	table_str(&q->t, r->owner);
	table_str(&q->t, acct_status_name(r->status));
	table_str(&q->t, r->status == ACCT_ACTIVE ? quadrant_name(r->quadrant) : NULL);
	if (q->text) {
		fmt_nps(buf, sizeof(buf), r->nps_known, r->nps);
		table_str(&q->t, buf);
		fmt_money(buf, sizeof(buf), r->revenue);
		table_str(&q->t, buf);
	} else {
		if (r->nps_known)
			table_num(&q->t, r->nps, 1);
		else
			table_null(&q->t);
		table_int(&q->t, r->revenue);
	}
	table_int(&q->t, r->citing);
	table_str(&q->t, r->last_cited);
	if (r->problem_id) {
		snprintf(buf, sizeof(buf), "%lld", (long long)r->problem_id);
		table_str(&q->t, buf);
	} else {
		table_str(&q->t, q->text ? "-" : NULL);
	}
	table_str(&q->t, r->problem_status ? r->problem_status : q->text ? "none" : NULL);
	table_row_end(&q->t);
	return 0;
}

static enum status print_queue(struct cli *c, struct db *db, struct defect_report *rep,
			       const char *code)
{
	struct queue_ctx q = {.text = c->format == FMT_TEXT || c->format == FMT_MD};
	const struct defect_info *d = NULL;
	struct strbuf sb;
	size_t i;
	enum status st;

	for (i = 0; i < rep->n; i++)
		if (!strcmp(rep->d[i].code, code))
			d = &rep->d[i];
	if (!d)
		return status_set(STATUS_NOT_FOUND,
				  "no defect with code \"%.40s\" (see acctplan defects)", code);
	strbuf_init(&sb);
	text_line(&sb, d->title);
	if (c->format == FMT_TEXT)
		printf("%s: %s (%s)\nFollow-up queue: the accounts citing it, in priority order\n\n",
		       d->code, sb.buf, d->category);
	else if (c->format == FMT_MD)
		printf("# %s: %s (%s)\n\nFollow-up queue: the accounts citing it, in priority order.\n\n",
		       d->code, sb.buf, d->category);
	strbuf_done(&sb);
	table_begin(&q.t, stdout, c->format, queue_cols, N(queue_cols));
	st = db_defect_queue(db, d->id, &c->app.config.rules, c->app.today, queue_row, &q);
	table_end(&q.t);
	if (st == STATUS_OK && q.rank == 0 && c->format == FMT_TEXT)
		printf("(no response in the window cites it)\n");
	return st;
}

int cmd_defects(struct cli *c)
{
	struct defect_report rep;
	struct db *db;
	const char *code = NULL;
	enum status st;
	int r;

	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if (!code && plan_positional(c)) {
			code = c->argv[c->i++];
		} else {
			return cli_usage(
				"defects: unexpected argument \"%.40s\" (see acctplan defects --help)",
				c->argv[c->i]);
		}
	}
	if (c->help) {
		fputs(defects_help, stdout);
		return EXIT_OK;
	}
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_defect_report(db, &c->app.config.rules, c->app.today, &rep)) != STATUS_OK)
		return plan_fail(db, st);
	if (code)
		st = print_queue(c, db, &rep, code);
	else
		print_ranking(c, &rep);
	defect_report_done(&rep);
	db_close(db);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

int cmd_defect(struct cli *c)
{
	const char *verb = NULL, *args[2] = {NULL, NULL}, *title = NULL, *cat_name = NULL, *v;
	int nargs = 0, r, cat = -1;
	bool remove = false;
	struct db *db;
	enum status st;
	int64_t id = 0, fid = 0;

	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if ((r = cli_option(c, "--title", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			title = v;
		} else if ((r = cli_option(c, "--category", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			cat_name = v;
		} else if (!strcmp(c->argv[c->i], "--remove")) {
			remove = true;
			c->i++;
		} else if (plan_positional(c) && !verb) {
			verb = c->argv[c->i++];
		} else if (plan_positional(c) && nargs < 2) {
			args[nargs++] = c->argv[c->i++];
		} else {
			return cli_usage(
				"defect: unexpected argument \"%.40s\" (see acctplan defect --help)",
				c->argv[c->i]);
		}
	}
	if (c->help) {
		fputs(defect_help, stdout);
		return EXIT_OK;
	}
	if (!verb)
		return cli_usage("defect: add, edit or tag? (see acctplan defect --help)");
	if (cat_name && (cat = problem_category_from_name(cat_name)) < 0)
		return cli_usage("--category must be product, price or service, not \"%.40s\"",
				 cat_name);
	if (title && validate_blank(title))
		return cli_usage("--title must not be empty");
	if (!strcmp(verb, "add") || !strcmp(verb, "edit")) {
		bool add = verb[0] == 'a';
		if (nargs != 1)
			return cli_usage("defect %s: which code? (acctplan defect %s CODE ...)",
					 verb, verb);
		if (validate_defect_code(args[0]) != INVALID_OK)
			return cli_usage("%s, not \"%.40s\"", invalid_message(INVALID_DEFECT_CODE),
					 args[0]);
		if (add && (!title || cat < 0))
			return cli_usage(
				"defect add needs --title TEXT and --category product|price|service");
		if (!add && !title && cat < 0)
			return cli_usage(
				"defect edit: nothing to change (give --title or --category)");
		if (remove)
			return cli_usage("--remove goes with defect tag");
	} else if (!strcmp(verb, "tag")) {
		if (nargs != 2)
			return cli_usage(
				"defect tag needs a response id and a code (acctplan defect tag ID CODE)");
		if (!plan_parse_id(args[0], &fid))
			return cli_usage("\"%.40s\" is not a response id", args[0]);
		if (title || cat >= 0)
			return cli_usage("defect tag takes no --title or --category");
	} else {
		return cli_usage("defect: unknown action \"%.40s\" (add, edit or tag)", verb);
	}
	if ((r = cli_setup(c)) != EXIT_OK || (r = plan_open_rw(c, &db)) != EXIT_OK)
		return r;
	if (!strcmp(verb, "add")) {
		if ((st = db_defect_add(db, args[0], title, (enum problem_category)cat, &id)) !=
		    STATUS_OK)
			return plan_fail(db, st);
		printf("defect %s added\n", args[0]);
	} else {
		if ((st = db_defect_find(db, verb[0] == 'e' ? args[0] : args[1], &id)) != STATUS_OK)
			return plan_fail(db, st);
		if (verb[0] == 'e') {
			if ((st = db_defect_edit(db, id, title, cat)) != STATUS_OK)
				return plan_fail(db, st);
			printf("defect %s changed\n", args[0]);
		} else {
			if ((st = db_feedback_tag(db, fid, id, remove)) != STATUS_OK)
				return plan_fail(db, st);
			printf("response %s %s %s\n", args[0],
			       remove ? "untagged from" : "tagged with", args[1]);
		}
	}
	plan_after_commit();
	db_close(db);
	return EXIT_OK;
}

/*
 * acctplan defects [CODE]: the defect ranking and a defect's follow-up
 * queue; acctplan defect add|edit|tag: the catalogue and response tags.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/loop.h"
#include "acctplan/xalloc.h"
#include "acctplan/validate.h"
#include "cli.h"

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
	table_begin(&t, stdout, c->format, rank_cols, (int)CLI_COUNT(rank_cols));
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

	table_int(&q->t, ++q->rank);
	table_id(&q->t, r->account_id);
	table_str(&q->t, r->name);
	table_str(&q->t, r->owner);
	table_str(&q->t, acct_status_name(r->status));
	table_code(&q->t, r->status == ACCT_ACTIVE ? quadrant_name(r->quadrant) : NULL);
	cli_table_nps(&q->t, r->nps_known, r->nps);
	cli_table_money(&q->t, r->revenue);
	table_int(&q->t, r->citing);
	table_str(&q->t, r->last_cited);
	table_id(&q->t, r->problem_id); /* none: "-" in text, null in json */
	table_code(&q->t, r->problem_status ? r->problem_status : q->text ? "none" : NULL);
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
	table_begin(&q.t, stdout, c->format, queue_cols, (int)CLI_COUNT(queue_cols));
	st = db_defect_queue(db, d->id, &c->app.config.rules, c->app.today, queue_row, &q);
	table_end(&q.t);
	if (st == STATUS_OK && q.rank == 0 && c->format == FMT_TEXT)
		printf("(no response in the window cites it)\n");
	return st;
}

struct defects_opts {
	const char *code;
};

static int defects_run(struct cli *c, void *arg)
{
	const struct defects_opts *o = arg;
	struct defect_report rep;
	struct db *db;
	enum status st;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_defect_report(db, &c->app.config.rules, c->app.today, &rep)) != STATUS_OK)
		return cli_close(db, st);
	if (o->code)
		st = print_queue(c, db, &rep, o->code);
	else
		print_ranking(c, &rep);
	defect_report_done(&rep);
	return cli_close(db, st);
}

static const struct cli_opt defects_options[] = {
	CLI_TEXT_ARG("CODE", 0, offsetof(struct defects_opts, code),
		     "a defect's code, for its follow-up queue"),
};

const struct cli_cmd cmd_defects = {
	.name = "defects",
	.summary = "defects ranked by impact (frequency x severity); CODE: its follow-up queue",
	.description =
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
		"See also: acctplan defect --help (add, edit, tag).\n",
	.opts = defects_options,
	.nopts = CLI_COUNT(defects_options),
	.formats = CLI_LISTS,
	.size = sizeof(struct defects_opts),
	.run = defects_run,
};

/* ---- acctplan defect add|edit|tag ------------------------------------------- */

struct defect_opts {
	const char *code, *title;
	int category;
	int64_t response;
	bool remove;
};

static int defect_write(struct cli *c, const struct defect_opts *o, char verb)
{
	char shown[SHORTID_LEN + 8];
	struct db *db;
	enum status st;
	int64_t id = 0;
	int r;

	if (verb != 't' && validate_defect_code(o->code) != INVALID_OK)
		return cli_usage("%s, not \"%.40s\"", invalid_message(INVALID_DEFECT_CODE),
				 o->code);
	if (verb == 'e' && !o->title && o->category == CLI_UNSET)
		return cli_usage("defect edit: nothing to change (give --title or --category)");
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if (verb == 'a') {
		if ((st = db_defect_add(db, o->code, o->title, (enum problem_category)o->category,
					&id)) != STATUS_OK)
			return cli_close(db, st);
		printf("defect %s added\n", o->code);
	} else if ((st = db_defect_find(db, o->code, &id)) != STATUS_OK) {
		return cli_close(db, st);
	} else if (verb == 'e') {
		if ((st = db_defect_edit(db, id, o->title,
					 o->category == CLI_UNSET ? -1 : o->category)) != STATUS_OK)
			return cli_close(db, st);
		printf("defect %s changed\n", o->code);
	} else {
		if ((st = db_feedback_tag(db, o->response, id, o->remove)) != STATUS_OK)
			return cli_close(db, st);
		printf("response %s %s %s\n", cli_short(db, ID_RESPONSE, o->response, shown),
		       o->remove ? "untagged from" : "tagged with", o->code);
	}
	cli_after_commit();
	db_close(db);
	return EXIT_OK;
}

static int defect_add_run(struct cli *c, void *arg)
{
	return defect_write(c, arg, 'a');
}

static int defect_edit_run(struct cli *c, void *arg)
{
	return defect_write(c, arg, 'e');
}

static int defect_tag_run(struct cli *c, void *arg)
{
	return defect_write(c, arg, 't');
}

#define O(f) offsetof(struct defect_opts, f)
#define CODE_ARG                                    \
	CLI_TEXT_ARG("CODE", CLI_REQUIRED, O(code), \
		     "the defect's code: letters, digits, '-' and '_', as in CLAIMS-DELAY")
#define TITLE_OPT(req)                                                  \
	CLI_TEXT_OPT("--title", "TEXT", CLI_NONEMPTY | (req), O(title), \
		     "what goes wrong, in the customer's words")
#define CATEGORY_OPT(req)                                                             \
	CLI_ENUM_OPT("--category", "CAT", (req), O(category), problem_category_names, \
		     "what kind of defect it is")

static const struct cli_opt defect_add_options[] = {CODE_ARG, TITLE_OPT(CLI_REQUIRED),
						    CATEGORY_OPT(CLI_REQUIRED)};
static const struct cli_opt defect_edit_options[] = {CODE_ARG, TITLE_OPT(0), CATEGORY_OPT(0)};
static const struct cli_opt defect_tag_options[] = {
	CLI_ID_ARG("RESPONSE_ID", CLI_REQUIRED, O(response), ID_RESPONSE,
		   "the response, as in acctplan show ACCOUNT --format json"),
	CODE_ARG,
	CLI_FLAG_OPT("--remove", 0, O(remove), "takes the tag off"),
};
#undef O

static const struct cli_cmd defect_add_cmd = CLI_ACTION(
	"add", defect_add, struct defect_opts, CLI_PLAIN, "puts a new defect in the catalogue\n");

static const struct cli_cmd defect_edit_cmd =
	CLI_ACTION("edit", defect_edit, struct defect_opts, CLI_PLAIN,
		   "changes a defect's title or category\n");

static const struct cli_cmd defect_tag_cmd =
	CLI_ACTION("tag", defect_tag, struct defect_opts, CLI_PLAIN,
		   "tags a response with a defect, or with --remove takes the tag off\n");

static const struct cli_cmd *const defect_actions[] = {
	&defect_add_cmd,
	&defect_edit_cmd,
	&defect_tag_cmd,
	NULL,
};

const struct cli_cmd cmd_defect = {
	.name = "defect",
	.summary = "the defect catalogue: add, edit, tag a response",
	.description =
		"The defect catalogue. add puts a new defect in it (CODE: letters, digits,\n"
		"'-' and '_', as in CLAIMS-DELAY); edit changes its title or category; tag\n"
		"tags a response (its id, as in `acctplan show ACCOUNT --format json`) with\n"
		"a defect, or with --remove takes the tag off.\n",
	.actions = defect_actions,
};

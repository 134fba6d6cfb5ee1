/*
 * acctplan plan ACCOUNT: the readiness checklist (what has to change before
 * the team sells again) and the hold, which lifts only when advocacy is high
 * and every condition is met, unless a manager set or lifted it by hand.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/loop.h"
#include "acctplan/validate.h"
#include "cli.h"

struct plan_ctx {
	struct cli *c;
	struct db *db;
	struct table t;
	struct strbuf sb;
};

static const struct column cols[] = {
	{"id", NULL, false, 0},           CLI_SHORT_COLUMN,
	{"text", "Condition", false, 60}, {"state", "State", false, 0},
	{"met_on", "Met on", false, 0},   {"created_at", "Added", false, 0},
};

static int condition_row(const struct condition_row *r, void *ctx)
{
	struct plan_ctx *p = ctx;

	table_id(&p->t, r->id);
	cli_table_short(&p->t, p->db, ID_CONDITION, r->id);
	table_str(&p->t, r->text);
	table_str(&p->t, r->met_on ? "met" : "open");
	table_str(&p->t, r->met_on);
	table_str(&p->t, r->created_at);
	table_row_end(&p->t);
	return 0;
}

static void json_kv(struct strbuf *sb, const char *key, const char *value, bool last)
{
	json_string(sb, key);
	strbuf_adds(sb, ": ");
	if (value)
		json_string(sb, value);
	else
		strbuf_adds(sb, "null");
	strbuf_adds(sb, last ? "" : ",\n  ");
}

static int header(const struct account_row *r, void *ctx)
{
	struct plan_ctx *p = ctx;
	const char *why = r->hold_reason ? r->hold_reason : r->hold.why;

	strbuf_reset(&p->sb);
	if (p->c->format == FMT_JSON) {
		char id[32];
		snprintf(id, sizeof(id), "%lld", (long long)r->id);
		strbuf_adds(&p->sb, "{\n  ");
		json_kv(&p->sb, "id", id, false);
		json_kv(&p->sb, "account", r->name, false);
		json_kv(&p->sb, "quadrant", quadrant_name(r->quadrant), false);
		strbuf_addf(&p->sb, "\"hold\": %s,\n  ", r->hold.on ? "true" : "false");
		json_kv(&p->sb, "hold_why", why, false);
		json_kv(&p->sb, "hold_manual", r->hold_reason ? r->hold.why : NULL, false);
		json_kv(&p->sb, "hold_on", r->hold_on, false);
		strbuf_adds(&p->sb, "\"conditions\": ");
		fputs(p->sb.buf, stdout);
		return 0;
	}
	if (p->c->format == FMT_CSV)
		return 0;
	text_line(&p->sb, r->name);
	printf(p->c->format == FMT_MD ? "# Plan: %s\n\n" : "Plan: %s\n", p->sb.buf);
	strbuf_reset(&p->sb);
	if (r->hold_reason)
		strbuf_addf(&p->sb, "%s on %s: ", r->hold.why, r->hold_on ? r->hold_on : "?");
	text_line(&p->sb, why);
	printf(p->c->format == FMT_MD ? "- **Quadrant:** %s\n- **Sales:** %s (%s)\n\n"
				      : "  Quadrant  %s\n  Sales     %s (%s)\n\n",
	       r->status == ACCT_ACTIVE ? quadrant_title(r->quadrant) : acct_status_name(r->status),
	       r->hold.on ? "ON HOLD" : "open", p->sb.buf);
	return 0;
}

static int print_plan(struct plan_ctx *p, struct db *db, int64_t id)
{
	enum status st;

	if ((st = db_account_get(db, id, header, p)) != STATUS_OK)
		return cli_fail(st);
	table_begin(&p->t, stdout, p->c->format, cols, (int)CLI_COUNT(cols));
	st = db_conditions(db, id, condition_row, p);
	table_end(&p->t);
	if (p->c->format == FMT_JSON)
		fputs("}\n", stdout);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

enum action { ACT_LIST, ACT_ADD, ACT_EDIT, ACT_MET, ACT_REOPEN, ACT_HOLD, ACT_LIFT, ACT_AUTO };

struct plan_opts {
	const char *account, *text, *add, *hold, *lift;
	int64_t edit, met, reopen;
	int on;
	bool automatic;
};

static int plan_run(struct cli *c, void *arg)
{
	char shown[SHORTID_LEN + 8];
	const struct plan_opts *o = arg;
	struct plan_ctx p = {.c = c};
	enum action act = ACT_LIST;
	const char *why = o->hold ? o->hold : o->lift;
	int r, rc, day = o->on;
	struct db *db;
	enum status st = STATUS_OK;
	int64_t account_id, cond_id, owner, new_id;
	char date[DATE_LEN];

	act = o->add         ? ACT_ADD
	      : o->edit      ? ACT_EDIT
	      : o->met       ? ACT_MET
	      : o->reopen    ? ACT_REOPEN
	      : o->hold      ? ACT_HOLD
	      : o->lift      ? ACT_LIFT
	      : o->automatic ? ACT_AUTO
			     : ACT_LIST;
	if (o->text && act != ACT_EDIT)
		return cli_usage("plan: unexpected argument \"%.40s\" (quote the text)", o->text);
	if (act == ACT_EDIT && !o->text)
		return cli_usage(
			"plan --edit ID needs the new text (acctplan plan ACCOUNT --edit ID TEXT)");
	if (act == ACT_ADD && validate_condition(o->add) != INVALID_OK)
		return cli_usage("--add needs the condition's text");
	if (act == ACT_EDIT && validate_condition(o->text) != INVALID_OK)
		return cli_usage("--edit needs the condition's new text");
	if ((act == ACT_HOLD || act == ACT_LIFT) && validate_blank(why))
		return cli_usage("%s needs a reason", act == ACT_HOLD ? "--hold" : "--lift");
	if (o->on != CLI_UNSET && act != ACT_MET)
		return cli_usage("--on goes with --met");
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_past_day(c, "--on", &day)) != EXIT_OK)
		return r;
	date_format(day, date);
	if ((r = act == ACT_LIST ? cli_open(c, &db) : cli_open_change(c, &db)) != EXIT_OK)
		return r;
	strbuf_init(&p.sb);
	p.db = db;
	/* ids are resolved when the book opens */
	cond_id = o->edit ? o->edit : o->met ? o->met : o->reopen;
	if ((st = db_account_resolve(db, o->account, &account_id)) != STATUS_OK)
		goto fail;
	if (cond_id) {
		if ((st = db_condition_account(db, cond_id, &owner)) != STATUS_OK)
			goto fail;
		if (owner != account_id) {
			st = status_set(STATUS_NOT_FOUND,
					"condition %lld is not in this account's plan",
					(long long)cond_id);
			goto fail;
		}
	}
	switch (act) {
	case ACT_LIST:
		break;
	case ACT_ADD:
		st = db_condition_add(db, account_id, o->add, &new_id);
		if (st == STATUS_OK)
			printf("condition %s added\n", cli_short(db, ID_CONDITION, new_id, shown));
		break;
	case ACT_EDIT:
		st = db_condition_edit(db, cond_id, o->text);
		if (st == STATUS_OK)
			printf("condition %s changed\n",
			       cli_short(db, ID_CONDITION, cond_id, shown));
		break;
	case ACT_MET:
		st = db_condition_met(db, cond_id, date);
		if (st == STATUS_OK)
			printf("condition %s met on %s\n",
			       cli_short(db, ID_CONDITION, cond_id, shown), date);
		break;
	case ACT_REOPEN:
		st = db_condition_reopen(db, cond_id);
		if (st == STATUS_OK)
			printf("condition %s open again\n",
			       cli_short(db, ID_CONDITION, cond_id, shown));
		break;
	case ACT_HOLD:
	case ACT_LIFT:
		st = db_hold_manual(db, account_id, act == ACT_HOLD, why, date);
		if (st == STATUS_OK)
			printf("hold %s by hand on %s\n", act == ACT_HOLD ? "set" : "lifted", date);
		break;
	case ACT_AUTO:
		st = db_hold_auto(db, account_id);
		if (st == STATUS_OK)
			printf("hold follows the rules again\n");
		break;
	}
	if (st != STATUS_OK)
		goto fail;
	if (act != ACT_LIST) {
		cli_after_commit();
		if (c->format == FMT_TEXT)
			putchar('\n');
		else
			goto done; /* a write prints one line; list formats are for the list */
	}
	rc = print_plan(&p, db, account_id);
	strbuf_done(&p.sb);
	db_close(db);
	return rc;
done:
	strbuf_done(&p.sb);
	db_close(db);
	return EXIT_OK;
fail:
	strbuf_done(&p.sb);
	db_close(db);
	return cli_fail(st);
}

#define O(f) offsetof(struct plan_opts, f)
static const struct cli_opt options[] = {
	CLI_ACCOUNT_ARG(struct plan_opts, account, CLI_REQUIRED),
	CLI_TEXT_ARG("TEXT", 0, O(text), "with --edit: the new text"),
	CLI_TEXT_OPT("--add", "TEXT", CLI_ONE_OF, O(add), "adds an open condition"),
	CLI_ID_OPT("--edit", "ID", CLI_ONE_OF, O(edit), ID_CONDITION,
		   "rewrites a condition (the new TEXT follows)"),
	CLI_ID_OPT("--met", "ID", CLI_ONE_OF, O(met), ID_CONDITION,
		   "marks a condition met, today or --on DATE"),
	CLI_ID_OPT("--reopen", "ID", CLI_ONE_OF, O(reopen), ID_CONDITION,
		   "opens a met condition again"),
	CLI_TEXT_OPT("--hold", "REASON", CLI_ONE_OF, O(hold),
		     "sets a hold by hand, with the reason (kept, dated today)"),
	CLI_TEXT_OPT("--lift", "REASON", CLI_ONE_OF, O(lift),
		     "lifts the hold by hand, with the reason"),
	CLI_FLAG_OPT("--auto", CLI_ONE_OF, O(automatic),
		     "forgets the hand-set state: the hold follows the rules"),
	CLI_ON_DATE(struct plan_opts, on, "with --met: the day it was met (default: today)"),
};
#undef O

const struct cli_cmd cmd_plan = {
	.name = "plan",
	.summary = "an account's readiness conditions and its hold: add, met, reopen, hold, lift",
	.usage = "ACCOUNT [--format FMT]\n"
		 "ACCOUNT --add TEXT\n"
		 "ACCOUNT --edit ID TEXT\n"
		 "ACCOUNT --met ID [--on DATE]\n"
		 "ACCOUNT --reopen ID\n"
		 "ACCOUNT --hold REASON | --lift REASON | --auto\n",
	.description = "An account's plan: its readiness conditions (\"claims backlog under 5\n"
		       "days\"), each open or met on a date, and whether sales are on hold. Sales\n"
		       "are on hold while the quadrant says so (repair, fix the basics, no\n"
		       "feedback) or any condition is open.\n"
		       "\n"
		       "A hand-set hold or lift wins until the account changes quadrant.\n"
		       "Condition ids are shown by `acctplan plan ACCOUNT`.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_LISTS,
	.size = sizeof(struct plan_opts),
	.run = plan_run,
};

/*
 * acctplan plan ACCOUNT: the readiness checklist (what has to change before
 * the team sells again) and the hold, which lifts only when advocacy is high
 * and every condition is met, unless a manager set or lifted it by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/plan.h"
#include "acctplan/validate.h"
#include "plan_util.h"

static const char plan_help[] =
	"usage: acctplan plan ACCOUNT [--format FMT]\n"
	"       acctplan plan ACCOUNT --add TEXT\n"
	"       acctplan plan ACCOUNT --edit ID TEXT\n"
	"       acctplan plan ACCOUNT --met ID [--on DATE]\n"
	"       acctplan plan ACCOUNT --reopen ID\n"
	"       acctplan plan ACCOUNT --hold REASON | --lift REASON | --auto\n"
	"\n"
	"An account's plan: its readiness conditions (\"claims backlog under 5\n"
	"days\"), each open or met on a date, and whether sales are on hold. Sales\n"
	"are on hold while the quadrant says so (repair, fix the basics, no\n"
	"feedback) or any condition is open.\n"
	"\n"
	"  --add TEXT       adds an open condition\n"
	"  --edit ID TEXT   rewrites a condition\n"
	"  --met ID         marks a condition met, today or --on DATE\n"
	"  --reopen ID      opens a met condition again\n"
	"  --hold REASON    sets a hold by hand, with the reason (kept, dated today)\n"
	"  --lift REASON    lifts the hold by hand, with the reason\n"
	"  --auto           forgets the hand-set state: the hold follows the rules\n"
	"A hand-set hold or lift wins until the account changes quadrant.\n"
	"Condition ids are shown by `acctplan plan ACCOUNT`.\n";

struct plan_ctx {
	struct cli *c;
	struct table t;
	struct strbuf sb;
};

static const struct column cols[] = {
	{"id", "Id", false, 0},
	{"text", "Condition", false, 60},
	{"state", "State", false, 0},
	{"met_on", "Met on", false, 0},
	{"created_at", "Added", false, 0},
};

static int condition_row(const struct condition_row *r, void *ctx)
{
	struct plan_ctx *p = ctx;
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)r->id);
	table_str(&p->t, buf);
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
	table_begin(&p->t, stdout, p->c->format, cols, (int)(sizeof(cols) / sizeof(*cols)));
	st = db_conditions(db, id, condition_row, p);
	table_end(&p->t);
	if (p->c->format == FMT_JSON)
		fputs("}\n", stdout);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

enum action { ACT_LIST, ACT_ADD, ACT_EDIT, ACT_MET, ACT_REOPEN, ACT_HOLD, ACT_LIFT, ACT_AUTO };

int cmd_plan(struct cli *c)
{
	struct plan_ctx p = {.c = c};
	const char *pos[2] = {NULL, NULL}, *v, *arg = NULL, *on = NULL;
	enum action act = ACT_LIST;
	int npos = 0, r, rc, day;
	struct db *db;
	enum status st = STATUS_OK;
	int64_t account_id, cond_id = 0, owner, new_id;
	char date[DATE_LEN];
	static const struct {
		const char *name;
		enum action act;
		bool valued;
	} acts[] = {
		{"--add", ACT_ADD, true},    {"--edit", ACT_EDIT, true},
		{"--met", ACT_MET, true},    {"--reopen", ACT_REOPEN, true},
		{"--hold", ACT_HOLD, true},  {"--lift", ACT_LIFT, true},
		{"--auto", ACT_AUTO, false},
	};
	size_t k;

	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		if ((r = cli_option(c, "--on", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			on = v;
			continue;
		}
		for (k = 0; k < sizeof(acts) / sizeof(*acts); k++) {
			if (acts[k].valued) {
				if ((r = cli_option(c, acts[k].name, &v)) == 0)
					continue;
				if (r < 0)
					return EXIT_USAGE;
				arg = v;
			} else if (!strcmp(c->argv[c->i], acts[k].name)) {
				c->i++;
			} else {
				continue;
			}
			if (act != ACT_LIST)
				return cli_usage(
					"plan: one action at a time (see acctplan plan --help)");
			act = acts[k].act;
			break;
		}
		if (k < sizeof(acts) / sizeof(*acts))
			continue;
		if (plan_positional(c) && npos < 2) {
			pos[npos++] = c->argv[c->i++];
			continue;
		}
		return cli_usage("plan: unexpected argument \"%.40s\" (see acctplan plan --help)",
				 c->argv[c->i]);
	}
	if (c->help) {
		fputs(plan_help, stdout);
		return EXIT_OK;
	}
	if (npos == 0)
		return cli_usage("plan: which account? (acctplan plan ACCOUNT)");
	if (npos == 2 && act != ACT_EDIT)
		return cli_usage("plan: unexpected argument \"%.40s\" (quote the text)", pos[1]);
	if (act == ACT_EDIT && npos != 2)
		return cli_usage(
			"plan --edit ID needs the new text (acctplan plan ACCOUNT --edit ID TEXT)");
	if ((act == ACT_EDIT || act == ACT_MET || act == ACT_REOPEN) &&
	    !plan_parse_id(arg, &cond_id))
		return cli_usage("\"%.40s\" is not a condition id (see acctplan plan ACCOUNT)",
				 arg);
	if (act == ACT_ADD && validate_condition(arg) != INVALID_OK)
		return cli_usage("--add needs the condition's text");
	if (act == ACT_EDIT && validate_condition(pos[1]) != INVALID_OK)
		return cli_usage("--edit needs the condition's new text");
	if ((act == ACT_HOLD || act == ACT_LIFT) && validate_blank(arg))
		return cli_usage("%s needs a reason", act == ACT_HOLD ? "--hold" : "--lift");
	if (on && act != ACT_MET)
		return cli_usage("--on goes with --met");
	if (on && !plan_parse_date("--on", on, &day))
		return EXIT_USAGE;
	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (!on)
		day = c->app.today;
	if (day > c->app.today)
		return cli_usage("--on %s is in the future", on);
	date_format(day, date);
	if ((r = act == ACT_LIST ? cli_open(c, &db) : plan_open_rw(c, &db)) != EXIT_OK)
		return r;
	strbuf_init(&p.sb);
	if ((st = db_account_resolve(db, pos[0], &account_id)) != STATUS_OK)
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
		st = db_condition_add(db, account_id, arg, &new_id);
		if (st == STATUS_OK)
			printf("condition %lld added\n", (long long)new_id);
		break;
	case ACT_EDIT:
		st = db_condition_edit(db, cond_id, pos[1]);
		if (st == STATUS_OK)
			printf("condition %lld changed\n", (long long)cond_id);
		break;
	case ACT_MET:
		st = db_condition_met(db, cond_id, date);
		if (st == STATUS_OK)
			printf("condition %lld met on %s\n", (long long)cond_id, date);
		break;
	case ACT_REOPEN:
		st = db_condition_reopen(db, cond_id);
		if (st == STATUS_OK)
			printf("condition %lld open again\n", (long long)cond_id);
		break;
	case ACT_HOLD:
	case ACT_LIFT:
		st = db_hold_manual(db, account_id, act == ACT_HOLD, arg, date);
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
		plan_after_commit();
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

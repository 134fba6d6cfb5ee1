/*
 * acctplan referrals: whom to ask for a referral (promoters not asked in
 * the last referral_days), then the referrals still open; and acctplan
 * referral add, which records an ask, or the referral it brought and how
 * it went (the rules are in include/acctplan/referral.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/loop.h"
#include "acctplan/practices.h"
#include "cli.h"

/* ---- referrals -------------------------------------------------------------- */

static const struct column ask_cols[] = {
	{"account_id", NULL, false, 0},         {"account", "Account", false, 30},
	{"owner", "Owner", false, 18},          {"contact_id", NULL, false, 0},
	{"contact", "Buyer", false, 24},        {"score", "Score", true, 0},
	{"responded_on", "Answered", false, 0}, {"last_asked", "Last asked", false, 0},
};

static const struct column open_cols[] = {
	{"id", NULL, false, 0},
	{"account_id", NULL, false, 0},
	{"account", "Account", false, 30},
	{"owner", "Owner", false, 18},
	{"contact_id", NULL, false, 0},
	{"contact", "Buyer", false, 24},
	{"asked_on", "Asked", false, 0},
	{"referred_to", "Referred to", false, 30},
	{"outcome", "Outcome", false, 0},
	{"outcome_on", "On", false, 0},
};

/* csv: one table, each row saying which list it is on */
static const struct column csv_cols[] = {
	{"list", NULL, false, 0},       {"account_id", NULL, false, 0},
	{"account", NULL, false, 0},    {"owner", NULL, false, 0},
	{"contact_id", NULL, false, 0}, {"contact", NULL, false, 0},
	{"score", NULL, false, 0},      {"responded_on", NULL, false, 0},
	{"last_asked", NULL, false, 0}, {"id", NULL, false, 0},
	{"asked_on", NULL, false, 0},   {"referred_to", NULL, false, 0},
	{"outcome", NULL, false, 0},    {"outcome_on", NULL, false, 0},
};

struct list_ctx {
	struct cli *c;
	struct table t;
	struct json j;
	long n;
};

/* The account and buyer columns both lists have, in the format asked. */
static void whom(struct list_ctx *l, int64_t account_id, const char *account, const char *owner,
		 int64_t contact_id, const char *contact)
{
	if (l->c->format == FMT_JSON) {
		json_key_id(&l->j, "account_id", account_id);
		json_key_str(&l->j, "account", account);
		json_key_str(&l->j, "owner", owner);
		json_key_id(&l->j, "contact_id", contact_id);
		json_key_str(&l->j, "contact", contact);
	} else {
		table_id(&l->t, account_id);
		table_str(&l->t, account);
		table_str(&l->t, owner);
		table_id(&l->t, contact_id);
		table_str(&l->t, contact);
	}
}

static int got_to_ask(const struct to_ask_row *r, void *ctx)
{
	struct list_ctx *l = ctx;

	switch (l->c->format) {
	case FMT_JSON:
		json_object(&l->j);
		whom(l, r->account_id, r->account, r->owner, r->contact_id, r->contact);
		json_key_int(&l->j, "score", r->score);
		json_key_str(&l->j, "responded_on", r->responded_on);
		json_key_str(&l->j, "last_asked", r->last_asked);
		json_end(&l->j, '}');
		break;
	case FMT_CSV:
		table_str(&l->t, "to_ask");
		/* fall through */
	default:
		whom(l, r->account_id, r->account, r->owner, r->contact_id, r->contact);
		table_int(&l->t, r->score);
		table_str(&l->t, r->responded_on);
		table_str(&l->t, r->last_asked);
		if (l->c->format == FMT_CSV) {
			int i;
			for (i = 0; i < 5; i++)
				table_null(&l->t);
		}
		table_row_end(&l->t);
		break;
	}
	l->n++;
	return 0;
}

static int got_open(const struct referral_row *r, void *ctx)
{
	struct list_ctx *l = ctx;
	const char *outcome = referral_outcome_name(r->outcome);

	switch (l->c->format) {
	case FMT_JSON:
		json_object(&l->j);
		json_key_id(&l->j, "id", r->id);
		whom(l, r->account_id, r->account, r->owner, r->contact_id, r->contact);
		json_key_str(&l->j, "asked_on", r->asked_on);
		json_key_str(&l->j, "referred_to", r->referred_to);
		json_key_str(&l->j, "outcome", outcome);
		json_key_str(&l->j, "outcome_on", r->outcome_on);
		json_end(&l->j, '}');
		break;
	case FMT_CSV:
		table_str(&l->t, "open");
		whom(l, r->account_id, r->account, r->owner, r->contact_id, r->contact);
		table_null(&l->t);
		table_null(&l->t);
		table_null(&l->t);
		table_id(&l->t, r->id);
		table_str(&l->t, r->asked_on);
		table_str(&l->t, r->referred_to);
		table_str(&l->t, outcome);
		table_str(&l->t, r->outcome_on);
		table_row_end(&l->t);
		break;
	default:
		table_id(&l->t, r->id);
		whom(l, r->account_id, r->account, r->owner, r->contact_id, r->contact);
		table_str(&l->t, r->asked_on);
		table_str(&l->t, r->referred_to ? r->referred_to : "(no one named yet)");
		table_code(&l->t, outcome);
		table_str(&l->t, r->outcome_on);
		table_row_end(&l->t);
		break;
	}
	l->n++;
	return 0;
}

static void heading(struct cli *c, const char *title, bool first)
{
	if (c->format == FMT_MD)
		printf("%s## %s\n\n", first ? "" : "\n", title);
	else
		printf("%s%s\n", first ? "" : "\n", title);
}

struct referrals_opts {
	const char *owner;
};

static int referrals_run(struct cli *c, void *arg)
{
	const struct referrals_opts *o = arg;
	const struct rules *rules = &c->app.config.rules;
	struct list_ctx l = {.c = c};
	struct db *db;
	enum status st;
	char *owner = NULL;
	int r;

	if ((r = cli_open_owner(c, &db, o->owner, &owner)) != EXIT_OK)
		return r;
	if (c->format == FMT_JSON) {
		json_init(&l.j, stdout);
		json_object(&l.j);
		json_key(&l.j, "to_ask");
		json_array(&l.j);
		st = db_referrals_to_ask(db, rules, c->app.today, owner, 0, got_to_ask, &l);
		json_end(&l.j, ']');
		json_key(&l.j, "open");
		json_array(&l.j);
		if (st == STATUS_OK)
			st = db_referrals_open(db, owner, got_open, &l);
		json_end(&l.j, ']');
		json_end(&l.j, '}');
		json_done(&l.j);
	} else if (c->format == FMT_CSV) {
		table_begin(&l.t, stdout, FMT_CSV, csv_cols, (int)CLI_COUNT(csv_cols));
		st = db_referrals_to_ask(db, rules, c->app.today, owner, 0, got_to_ask, &l);
		if (st == STATUS_OK)
			st = db_referrals_open(db, owner, got_open, &l);
		table_end(&l.t);
	} else {
		heading(c, "To ask for a referral", true);
		table_begin(&l.t, stdout, c->format, ask_cols, (int)CLI_COUNT(ask_cols));
		st = db_referrals_to_ask(db, rules, c->app.today, owner, 0, got_to_ask, &l);
		table_end(&l.t);
		if (st == STATUS_OK) {
			heading(c, "Referrals still open", false);
			table_begin(&l.t, stdout, c->format, open_cols, (int)CLI_COUNT(open_cols));
			st = db_referrals_open(db, owner, got_open, &l);
			table_end(&l.t);
		}
	}
	free(owner);
	return cli_close(db, st);
}

static const struct cli_opt referrals_options[] = {
	CLI_OWNER_FILTER(struct referrals_opts, owner),
};

const struct cli_cmd cmd_referrals = {
	.name = "referrals",
	.summary = "whom to ask for a referral, and the referrals still open",
	.description =
		"First the buyers to ask for a referral: those whose latest answer in the\n"
		"advocacy window is a promoter's (9 or 10) and who were not asked in the last\n"
		"referral_days days (config, default 180), in the accounts' priority order;\n"
		"then the referrals still open (pending or met). Record an ask, or what it\n"
		"brought, with acctplan referral add.\n"
		"\n"
		"--format json prints {\"to_ask\": [{\"account_id\", \"account\", \"contact\",\n"
		"\"score\", \"responded_on\", ...}], \"open\": [{\"id\", \"account\", \"contact\",\n"
		"\"asked_on\", \"referred_to\", \"outcome\", ...}]}; csv one table whose \"list\"\n"
		"column says which (to_ask or open).\n",
	.opts = referrals_options,
	.nopts = CLI_COUNT(referrals_options),
	.formats = CLI_LISTS,
	.size = sizeof(struct referrals_opts),
	.run = referrals_run,
};

/* ---- referral add ------------------------------------------------------------- */

struct add_opts {
	const char *account, *contact, *to;
	bool asked;
	int outcome, on;
};

static int add_run(struct cli *c, void *arg)
{
	const struct add_opts *o = arg;
	struct referral_rec rec = {0};
	struct db *db = NULL;
	char on[DATE_LEN], stamp[APP_STAMP_LEN], shown[256];
	enum referral_put how;
	struct strbuf sb;
	enum status st;
	int64_t id;
	int r, day = o->on;

	if (!o->asked && !o->to)
		return cli_usage("referral add needs --asked (an ask) or --to WHO (whom they"
				 " referred us to)");
	if (o->asked && o->outcome != CLI_UNSET)
		return cli_usage("--outcome goes with --to WHO: an ask has no outcome yet");
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_past_day(c, "--on", &day)) != EXIT_OK)
		return r;
	date_format(day, on);
	if ((r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &rec.account_id)) != STATUS_OK ||
	    (st = db_contact_resolve(db, rec.account_id, o->contact, &rec.contact_id)) != STATUS_OK)
		return cli_close(db, st);
	rec.asked_on = on;
	rec.referred_to = o->to;
	rec.outcome =
		o->outcome == CLI_UNSET ? REFERRAL_PENDING : (enum referral_outcome)o->outcome;
	rec.outcome_on = o->to ? on : NULL;
	rec.stamp = app_stamp(&c->app, stamp);
	if ((st = db_referral_add(db, &rec, &id, &how)) != STATUS_OK)
		return cli_close(db, st);
	cli_after_commit();
	strbuf_init(&sb);
	text_line(&sb, o->contact);
	snprintf(shown, sizeof(shown), "%s", sb.buf);
	strbuf_reset(&sb);
	if (o->to)
		text_line(&sb, o->to);
	switch (how) {
	case REFERRAL_ASKED:
		printf("asked %s for a referral on %s\n", shown, on);
		break;
	case REFERRAL_NAMED:
	case REFERRAL_NEW:
		printf("%s referred us to %s: %s\n", shown, sb.buf,
		       referral_outcome_name(rec.outcome));
		break;
	case REFERRAL_UPDATED:
		printf("the referral from %s to %s is %s\n", shown, sb.buf,
		       referral_outcome_name(rec.outcome));
		break;
	}
	strbuf_done(&sb);
	db_close(db);
	return EXIT_OK;
}

#define O(f) offsetof(struct add_opts, f)
static const struct cli_opt add_options[] = {
	CLI_ACCOUNT_ARG(struct add_opts, account, CLI_REQUIRED),
	CLI_TEXT_OPT("--contact", "NAME", CLI_REQUIRED | CLI_NONEMPTY, O(contact),
		     "the buyer asked (exact name, or an unambiguous prefix)"),
	CLI_FLAG_OPT("--asked", CLI_ONE_OF, O(asked),
		     "records that the buyer was asked for a referral"),
	CLI_TEXT_OPT("--to", "WHO", CLI_ONE_OF | CLI_NONEMPTY, O(to),
		     "whom the buyer referred us to: their open ask gets the name, or the referral"
		     " to WHO the outcome"),
	CLI_ENUM_OPT("--outcome", "OUTCOME", 0, O(outcome), referral_outcome_names,
		     "how the referral went (with --to; default pending)"),
	CLI_ON_DATE(struct add_opts, on, "the day of the ask, or of the outcome (default: today)"),
};
#undef O

static const struct cli_cmd add_cmd =
	CLI_ACTION("add", add, struct add_opts, CLI_PLAIN,
		   "records an ask (--asked) of a buyer of ACCOUNT on --on\n"
		   "DATE (default today): they are not on the to-ask list\n"
		   "again for referral_days days. With --to WHO it records\n"
		   "whom they referred us to and how it went (--outcome\n"
		   "pending, met, won or lost): their open ask without a\n"
		   "name gets it, the referral to WHO the new outcome, or a\n"
		   "new referral is made (asked on --on DATE)\n");

static const struct cli_cmd *const actions[] = {&add_cmd, NULL};

const struct cli_cmd cmd_referral = {
	.name = "referral",
	.summary = "record a referral ask, or the referral it brought and its outcome",
	.description =
		"A referral is asked of a buyer (a promoter: acctplan referrals lists them)\n"
		"and may bring a name, which is then pending, met, won or lost.\n",
	.actions = actions,
};

/*
 * acctplan account, contact, response and undo: keeping the book true by
 * hand (book.h). Every value is checked before the database is opened for
 * writing (validate.h's rules, worded here with the option names); each
 * command is one transaction kept in the edit history, so `acctplan undo`
 * takes it back. A bad value exits 2 and writes nothing.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/book.h"
#include "acctplan/edits.h"
#include "acctplan/parse.h"
#include "acctplan/loop.h"
#include "acctplan/validate.h"
#include "cli.h"

struct book_opts {
	const char *account, *name, *new_name, *owner, *segment, *revenue, *wallet;
	const char *role_title, *email, *phone, *contact, *source, *text, *score;
	const char *to, *reason, *plan;
	int fit, status, role, on;
	int64_t id;
	bool yes;
};

/* The values of --status: an account is made lost only by `account lost`. */
static const char *const add_statuses[] = {"active", "prospect", NULL};
static const enum acct_status add_status_of[] = {ACCT_ACTIVE, ACCT_PROSPECT};
static const char *const roles[] = {[ROLE_DECISION_MAKER] = "decision_maker",
				    [ROLE_INFLUENCER] = "influencer",
				    [ROLE_USER] = "user",
				    [ROLE_OTHER] = "other",
				    [ROLE_COUNT] = NULL};

/* An amount typed for opt: whole currency units, not negative. */
static int read_amount(const char *opt, const char *s, int64_t *v)
{
	const char *p = s;

	while (*p == ' ')
		p++;
	if (*p == '-' || *p == '(')
		return cli_usage("%s: %s, not \"%.40s\"", opt,
				 invalid_message(INVALID_NEGATIVE_AMOUNT), s);
	if (parse_money(s, v) != STATUS_OK)
		return cli_usage("%s needs an amount in whole currency units, not \"%.40s\"", opt,
				 s);
	if (*v > VALIDATE_MAX_AMOUNT)
		return cli_usage("%s: %s", opt, invalid_message(INVALID_AMOUNT_TOO_LARGE));
	return EXIT_OK;
}

/* An account the rules refuse, worded with the option names. */
static int account_invalid(enum invalid v)
{
	switch (v) {
	case INVALID_EMPTY_NAME:
		return cli_usage("the account name is empty");
	case INVALID_NEGATIVE_AMOUNT:
		return cli_usage("--revenue and --wallet cannot be negative");
	case INVALID_AMOUNT_TOO_LARGE:
		return cli_usage("--revenue or --wallet is too large (at most 10^15)");
	default:
		return cli_usage("account: %s", invalid_message(v));
	}
}

/* Reads --revenue and --wallet into e (set_* when given). */
static int read_money(const struct book_opts *o, struct account_edit *e)
{
	int r;

	if (o->revenue) {
		if ((r = read_amount("--revenue", o->revenue, &e->revenue)) != EXIT_OK)
			return r;
		e->set_revenue = true;
	}
	if (o->wallet) {
		e->set_wallet = true;
		if (!strcmp(o->wallet, "unknown") || !strcmp(o->wallet, "none"))
			e->has_wallet = false;
		else if ((r = read_amount("--wallet", o->wallet, &e->wallet)) != EXIT_OK)
			return r;
		else
			e->has_wallet = true;
	}
	return EXIT_OK;
}

/* Opens the book for a write, with the change armed (cli_open_change()). */
static int open_rw(struct cli *c, struct db **db)
{
	int r = cli_setup(c);

	return r != EXIT_OK ? r : cli_open_change(c, db);
}

static int done(struct db *db, enum status st)
{
	if (st != STATUS_OK)
		return cli_close(db, st);
	cli_after_commit();
	db_close(db);
	return EXIT_OK;
}

/* A delete, refused (why: what --yes agrees to) without --yes: of the
 * account o->account names when the command has one, else of row o->id;
 * then says it is deleted. */
static int delete_run(struct cli *c, const struct book_opts *o, const char *why,
		      enum status (*del)(struct db *db, int64_t id), const char *deleted)
{
	struct db *db = NULL;
	enum status st = STATUS_OK;
	int64_t id;
	int r;

	if (!o->yes)
		return cli_usage("%s", why);
	if ((r = open_rw(c, &db)) != EXIT_OK)
		return r;
	id = o->id; /* an id option is resolved as the book opens */
	if ((o->account && (st = db_account_resolve(db, o->account, &id)) != STATUS_OK) ||
	    (st = del(db, id)) != STATUS_OK)
		return cli_close(db, st);
	printf("%s\n", deleted);
	return done(db, STATUS_OK);
}

/* ---- account ----------------------------------------------------------------- */

static int account_add_run(struct cli *c, void *arg)
{
	const struct book_opts *o = arg;
	struct account_edit e = {0};
	struct account_rec rec = {0};
	struct db *db = NULL;
	char shown[SHORTID_LEN + 8];
	enum invalid v;
	enum status st;
	int64_t id;
	int r;

	if ((r = read_money(o, &e)) != EXIT_OK)
		return r;
	if ((v = validate_account(o->name, e.revenue, e.has_wallet, e.wallet)) != INVALID_OK)
		return account_invalid(v);
	rec.name = o->name;
	rec.owner = o->owner;
	rec.segment = o->segment;
	rec.fit = o->fit >= 0 ? (enum fit)o->fit : FIT_UNKNOWN;
	rec.status = o->status >= 0 ? add_status_of[o->status] : ACCT_ACTIVE;
	rec.revenue = e.revenue;
	rec.has_wallet = e.has_wallet;
	rec.wallet = e.wallet;
	/* the first account makes the book */
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_add(db, &rec, &id)) != STATUS_OK)
		return cli_close(db, st);
	printf("account %s added (id %s)\n", o->name, cli_short(db, ID_ACCOUNT, id, shown));
	return done(db, STATUS_OK);
}

static int account_set_run(struct cli *c, void *arg)
{
	const struct book_opts *o = arg;
	struct account_edit e = {.fit = -1, .status = -1};
	struct db *db = NULL;
	enum invalid v;
	enum status st;
	int64_t id;
	int r;

	if ((r = read_money(o, &e)) != EXIT_OK)
		return r;
	if (o->new_name && (v = validate_account(o->new_name, 0, false, 0)) != INVALID_OK)
		return account_invalid(v);
	if (!o->new_name && !o->owner && !o->segment && o->fit < 0 && o->status < 0 &&
	    !e.set_revenue && !e.set_wallet)
		return cli_usage("account set: nothing to change (see %s --help)", c->name);
	e.name = o->new_name;
	e.owner = o->owner;
	e.segment = o->segment;
	e.fit = o->fit >= 0 ? o->fit : -1;
	e.status = o->status >= 0 ? (int)add_status_of[o->status] : -1;
	if ((r = open_rw(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &id)) != STATUS_OK ||
	    (st = db_account_set(db, id, &e)) != STATUS_OK)
		return cli_close(db, st);
	printf("account changed\n");
	return done(db, STATUS_OK);
}

/* A sale won, or the account lost with who to, why and the win-back plan:
 * on --on (today unless given; never after it). */
static int account_won_or_lost(struct cli *c, const struct book_opts *o, bool won)
{
	struct db *db = NULL;
	char on[DATE_LEN];
	enum status st;
	int64_t id;
	int r, day = o->on;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_past_day(c, "--on", &day)) != EXIT_OK)
		return r;
	date_format(day, on);
	if ((r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &id)) == STATUS_OK)
		st = won ? db_account_won(db, id, on)
			 : db_account_lost(db, id, o->to, o->reason, o->plan, on);
	if (st == STATUS_OK && won)
		printf("won on %s: check-ins fall due at +7, +30 and +90 days\n", on);
	else if (st == STATUS_OK)
		printf("lost on %s; the win-back plan is kept\n", on);
	return done(db, st);
}

static int account_won_run(struct cli *c, void *arg)
{
	return account_won_or_lost(c, arg, true);
}

static int account_lost_run(struct cli *c, void *arg)
{
	return account_won_or_lost(c, arg, false);
}

static int account_delete_run(struct cli *c, void *arg)
{
	return delete_run(c, arg,
			  "account delete needs --yes: it deletes the account with its"
			  " buyers, responses, problems, notes and plan",
			  db_account_delete, "account deleted (acctplan undo brings it back)");
}

/* ---- contact ----------------------------------------------------------------- */

static int contact_add_run(struct cli *c, void *arg)
{
	const struct book_opts *o = arg;
	struct contact_rec rec = {0};
	struct db *db = NULL;
	char shown[SHORTID_LEN + 8];
	enum status st;
	int64_t id;
	int r;

	if (validate_contact(o->name) != INVALID_OK)
		return cli_usage("the buyer's NAME is empty");
	rec.name = o->name;
	rec.title = o->role_title;
	rec.email = o->email;
	rec.phone = o->phone;
	rec.role = o->role >= 0 ? (enum role)o->role : ROLE_OTHER;
	if ((r = open_rw(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &rec.account_id)) != STATUS_OK ||
	    (st = db_contact_add(db, &rec, &id)) != STATUS_OK)
		return cli_close(db, st);
	printf("buyer %s added (id %s)\n", o->name, cli_short(db, ID_CONTACT, id, shown));
	return done(db, STATUS_OK);
}

static int contact_set_run(struct cli *c, void *arg)
{
	const struct book_opts *o = arg;
	struct contact_edit e = {.role = o->role >= 0 ? o->role : -1};
	struct db *db = NULL;
	enum status st;
	int r;

	if (o->new_name && validate_contact(o->new_name) != INVALID_OK)
		return cli_usage("--name must not be empty");
	if (!o->new_name && !o->role_title && !o->email && !o->phone && o->role < 0)
		return cli_usage("contact set: nothing to change (see %s --help)", c->name);
	e.name = o->new_name;
	e.title = o->role_title;
	e.email = o->email;
	e.phone = o->phone;
	if ((r = open_rw(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_contact_set(db, o->id, &e)) != STATUS_OK)
		return cli_close(db, st);
	printf("buyer changed\n");
	return done(db, STATUS_OK);
}

static int contact_delete_run(struct cli *c, void *arg)
{
	return delete_run(c, arg,
			  "contact delete needs --yes: the buyer's responses stay, anonymous",
			  db_contact_delete, "buyer deleted");
}

/* ---- response ---------------------------------------------------------------- */

static int response_add_run(struct cli *c, void *arg)
{
	const struct book_opts *o = arg;
	struct feedback_rec rec = {0};
	struct db *db = NULL;
	char on[DATE_LEN], shown[SHORTID_LEN + 8];
	enum invalid v;
	enum status st;
	int64_t score = -1, id = 0;
	int r, day = o->on;

	if (parse_int(o->score, -1000000, 1000000, &score) != STATUS_OK)
		return cli_usage("--score needs a whole number from 0 to 10, not \"%.40s\"",
				 o->score);
	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (day == CLI_UNSET)
		day = c->app.today;
	if ((v = validate_response((int)score, day, c->app.today)) != INVALID_OK) {
		if (v == INVALID_SCORE_RANGE)
			return cli_usage("--score needs a whole number from 0 to 10, not \"%.40s\"",
					 o->score);
		date_format(day, on);
		return cli_usage("--on %s is in the future", on);
	}
	date_format(day, on);
	rec.responded_on = on;
	rec.score = (int)score;
	rec.comment = o->text;
	rec.source = o->source ? o->source : "acctplan";
	if ((r = cli_open_change(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &rec.account_id)) != STATUS_OK ||
	    (o->contact && (st = db_contact_resolve(db, rec.account_id, o->contact,
						    &rec.contact_id)) != STATUS_OK) ||
	    (st = db_response_add(db, &rec, &id)) != STATUS_OK)
		return cli_close(db, st);
	printf("response %s recorded: %d on %s\n", cli_short(db, ID_RESPONSE, id, shown), rec.score,
	       on);
	return done(db, STATUS_OK);
}

static int response_delete_run(struct cli *c, void *arg)
{
	return delete_run(c, arg, "response delete needs --yes", db_response_delete,
			  "response deleted");
}

/* ---- undo -------------------------------------------------------------------- */

static int undo_run(struct cli *c, void *arg)
{
	struct undo_result res;
	struct db *db = NULL;
	char stamp[APP_STAMP_LEN];
	enum status st;
	int r;

	(void)arg;
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if (db_is_readonly(db)) {
		cli_message("the database is read-only (%s); nothing undone",
			    db_readonly_reason(db));
		db_close(db);
		return EXIT_RUNTIME;
	}
	st = db_undo(db, app_stamp(&c->app, stamp), &res);
	if (st == STATUS_OK)
		printf("undo: took back \"%s\"\n", res.summary);
	undo_result_done(&res);
	return done(db, st);
}

/* ---- the tables ------------------------------------------------------------------ */

#define O(f) offsetof(struct book_opts, f)
#define ACCOUNT_ARG CLI_ACCOUNT_ARG(struct book_opts, account, CLI_REQUIRED)
/* The fields account add and account set both take, one entry a line
 * (clang-format would indent each after the first). */
/* clang-format off */
#define ACCOUNT_FIELDS                                                                            \
	CLI_TEXT_OPT("--owner", "NAME", 0, O(owner), "who looks after the account"),              \
	CLI_TEXT_OPT("--segment", "NAME", 0, O(segment), "the account's segment"),                \
	CLI_ENUM_OPT("--fit", "FIT", 0, O(fit), fit_names, "whether they are a good customer for us"), \
	CLI_ENUM_OPT("--status", "STATUS", 0, O(status), add_statuses,                            \
		     "a customer, or one still to win (lost: acctplan account lost)"),            \
	CLI_TEXT_OPT("--revenue", "N", 0, O(revenue),                                             \
		     "what they spent with us over the last year, whole currency units"),         \
	CLI_TEXT_OPT("--wallet", "N", 0, O(wallet),                                               \
		     "their whole yearly spend in our category (unknown: not known)")
/* clang-format on */
#define YES_OPT CLI_FLAG_OPT("--yes", 0, O(yes), "yes, delete it")

static const struct cli_opt account_add_options[] = {
	CLI_TEXT_ARG("NAME", CLI_REQUIRED, O(name),
		     "the account's name; no other account may have it"),
	ACCOUNT_FIELDS,
};
static const struct cli_opt account_set_options[] = {
	ACCOUNT_ARG,
	ACCOUNT_FIELDS,
	CLI_TEXT_OPT("--name", "NEW", 0, O(new_name), "renames the account"),
};
static const struct cli_opt account_won_options[] = {
	ACCOUNT_ARG,
	CLI_ON_DATE(struct book_opts, on, "the day of the sale"),
};
static const struct cli_opt account_lost_options[] = {
	ACCOUNT_ARG,
	CLI_TEXT_OPT("--to", "COMPETITOR", CLI_REQUIRED | CLI_NONEMPTY, O(to), "who they went to"),
	CLI_TEXT_OPT("--reason", "TEXT", CLI_REQUIRED | CLI_NONEMPTY, O(reason), "why they left"),
	CLI_TEXT_OPT("--plan", "TEXT", CLI_NONEMPTY, O(plan), "how to win them back"),
	CLI_ON_DATE(struct book_opts, on, "the day they left"),
};
static const struct cli_opt account_delete_options[] = {ACCOUNT_ARG, YES_OPT};

/* The same for contact add and contact set. */
/* clang-format off */
#define CONTACT_FIELDS                                                                   \
	CLI_ENUM_OPT("--role", "ROLE", 0, O(role), roles,                                \
		     "their part in buying (weights their score when weights are set)"), \
	CLI_TEXT_OPT("--title", "TEXT", 0, O(role_title), "their job title"),            \
	CLI_TEXT_OPT("--email", "ADDRESS", 0, O(email), "their email address"),          \
	CLI_TEXT_OPT("--phone", "NUMBER", 0, O(phone), "their phone number")
/* clang-format on */
#define CONTACT_ARG                                            \
	CLI_ID_ARG("CONTACT", CLI_REQUIRED, O(id), ID_CONTACT, \
		   "the buyer's id, as acctplan show ACCOUNT prints it")

static const struct cli_opt contact_add_options[] = {
	ACCOUNT_ARG,
	CLI_TEXT_ARG("NAME", CLI_REQUIRED, O(name),
		     "the buyer's name; no other buyer of the account may have it"),
	CONTACT_FIELDS,
};
static const struct cli_opt contact_set_options[] = {
	CONTACT_ARG,
	CONTACT_FIELDS,
	CLI_TEXT_OPT("--name", "NEW", 0, O(new_name), "renames the buyer"),
};
static const struct cli_opt contact_delete_options[] = {CONTACT_ARG, YES_OPT};

static const struct cli_opt response_add_options[] = {
	ACCOUNT_ARG,
	CLI_TEXT_ARG("TEXT", 0, O(text), "what they said"),
	CLI_TEXT_OPT("--score", "N", CLI_REQUIRED, O(score),
		     "how likely they are to recommend us, 0 to 10"),
	CLI_ON_DATE(struct book_opts, on, "the day they answered"),
	CLI_TEXT_OPT(
		"--contact", "NAME", CLI_NONEMPTY, O(contact),
		"the buyer who answered (exact name, or an unambiguous prefix); else anonymous"),
	CLI_TEXT_OPT("--source", "TEXT", 0, O(source),
		     "where the answer came from (default acctplan)"),
};
static const struct cli_opt response_delete_options[] = {
	CLI_ID_ARG("RESPONSE", CLI_REQUIRED, O(id), ID_RESPONSE,
		   "the response's id, as acctplan show ACCOUNT prints it"),
	YES_OPT,
};
#undef O

#define ACTION(name_, run_, description_) \
	CLI_ACTION(name_, run_, struct book_opts, CLI_PLAIN, description_)

static const struct cli_cmd account_add_cmd =
	ACTION("add", account_add,
	       "adds an account: active unless --status prospect, fit\n"
	       "unknown unless --fit; --wallet unknown (the default) leaves\n"
	       "its share unknown\n");
static const struct cli_cmd account_set_cmd =
	ACTION("set", account_set, "changes what the options give; --wallet unknown forgets it\n");
static const struct cli_cmd account_won_cmd =
	ACTION("won", account_won,
	       "a sale won today (or --on DATE): check-ins fall due at +7,\n"
	       "+30 and +90 days; the account is active\n");
static const struct cli_cmd account_lost_cmd =
	ACTION("lost", account_lost,
	       "the account is lost to a competitor: its status becomes\n"
	       "lost, and the win-back plan keeps who to, why and how to win\n"
	       "it back\n");
static const struct cli_cmd account_delete_cmd =
	ACTION("delete", account_delete,
	       "deletes the account with its buyers, responses, problems,\n"
	       "notes and plan (acctplan undo brings all of it back)\n");
static const struct cli_cmd *const account_actions[] = {
	&account_add_cmd,  &account_set_cmd,    &account_won_cmd,
	&account_lost_cmd, &account_delete_cmd, NULL,
};

const struct cli_cmd cmd_account = {
	.name = "account",
	.summary = "add, change, win, lose or delete an account",
	.description = "Keeps the book true by hand. Each action is one change that\n"
		       "`acctplan undo` takes back. Amounts are whole currency units a year.\n",
	.actions = account_actions,
};

static const struct cli_cmd contact_add_cmd =
	ACTION("add", contact_add, "adds a buyer to an account (role other unless --role)\n");
static const struct cli_cmd contact_set_cmd =
	ACTION("set", contact_set,
	       "changes what the options give; an empty --title, --email\n"
	       "or --phone clears it\n");
static const struct cli_cmd contact_delete_cmd =
	ACTION("delete", contact_delete,
	       "deletes a buyer; their responses, notes and problems stay,\n"
	       "without a buyer\n");
static const struct cli_cmd *const contact_actions[] = {
	&contact_add_cmd,
	&contact_set_cmd,
	&contact_delete_cmd,
	NULL,
};

const struct cli_cmd cmd_contact = {
	.name = "contact",
	.summary = "add, change or delete a buyer",
	.description = "The buyers of an account, whose scores make its advocacy. CONTACT is\n"
		       "the id `acctplan show ACCOUNT` prints, or a unique prefix of it.\n",
	.actions = contact_actions,
};

static const struct cli_cmd response_add_cmd =
	ACTION("add", response_add,
	       "records a buyer's answer to \"how likely are you to\n"
	       "recommend us?\" (0 to 10), today unless --on DATE; without\n"
	       "--contact it is anonymous\n");
static const struct cli_cmd response_delete_cmd =
	ACTION("delete", response_delete,
	       "deletes a response with its defect tags; notes and problems\n"
	       "that followed it up stay\n");
static const struct cli_cmd *const response_actions[] = {
	&response_add_cmd,
	&response_delete_cmd,
	NULL,
};

const struct cli_cmd cmd_response = {
	.name = "response",
	.summary = "record or delete a response (a score from 0 to 10)",
	.description = "RESPONSE is the id `acctplan show ACCOUNT` prints, or a unique prefix\n"
		       "of it.\n",
	.actions = response_actions,
};

const struct cli_cmd cmd_undo = {
	.name = "undo",
	.summary = "take back the last change made with acctplan",
	.description = "Takes back the last change made with acctplan (the command line or the\n"
		       "console) and says what it was; undo again takes back the one before.\n"
		       "It is refused, and nothing changes, when a later change or another\n"
		       "program has changed the same rows since, or when rows made since\n"
		       "depend on it (a response recorded for a buyer being taken back).\n",
	.opts = NULL,
	.nopts = 0,
	.formats = CLI_PLAIN,
	.size = 0,
	.run = undo_run,
};

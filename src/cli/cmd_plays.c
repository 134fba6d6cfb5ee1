/*
 * acctplan plays: every play of the book, from the rules and from the CRM,
 * each gated (plays.h): go, or wait with its reason. And what acctplan
 * export plays writes (cmd_export.c): the same list for the CRM (CSV by
 * default, cells a spreadsheet would run neutralised), so that its
 * automation fires only the plays marked go. Both render the model of
 * playbook.h.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/playbook.h"
#include "acctplan/progress.h"
#include "cli.h"

static const struct column cols[] = {
	{"account_id", NULL, false, 0},
	{"account", "Account", false, 30},
	{"account_ref", NULL, false, 0},
	{"owner", "Owner", false, 18},
	{"play", "Play", false, 30},
	{"kind", NULL, false, 0},
	{"source", NULL, false, 0},
	{"external_ref", NULL, false, 0},
	{"status", "Status", false, 0},
	{"reason", NULL, false, 0},
	{"detail", "Why it waits", false, 60},
	{"until", "Until", false, 0},
	{"since", "Since", false, 0},
};

struct plays_ctx {
	struct table t;
	enum format fmt;
	struct strbuf sb;
	long n;
	const struct progress *progress; /* cli_progress_rows() */
};

static void day_cell(struct table *t, int day)
{
	char d[DATE_LEN];

	if (day < 0) {
		table_null(t);
		return;
	}
	date_format(day, d);
	table_str(t, d);
}

static int play_row(const struct play_row *r, void *ctx)
{
	struct plays_ctx *p = ctx;
	const struct play_account *a = r->account;
	bool words = p->fmt == FMT_TEXT || p->fmt == FMT_MD;
	bool go = r->gate.wait == PLAY_GO;
	char w[64];

	table_id(&p->t, a->id);
	table_str(&p->t, a->name);
	table_str(&p->t, a->external_ref);
	table_str(&p->t, a->owner);
	if (words && r->kind != PLAY_CRM) {
		table_str(&p->t, play_kind_title(r->kind));
	} else if (words) {
		strbuf_reset(&p->sb);
		strbuf_addf(&p->sb, "%s: %s", r->source, r->play);
		table_str(&p->t, p->sb.buf);
	} else {
		table_str(&p->t, r->play);
	}
	table_str(&p->t, play_kind_name(r->kind));
	table_str(&p->t, r->source);
	table_str(&p->t, r->external_ref);
	table_str(&p->t, go ? "go" : "wait");
	table_str(&p->t, go ? NULL : play_wait_name(r->gate.wait));
	if (go) {
		table_str(&p->t, NULL);
	} else if (words) {
		fmt_word(w, sizeof(w), play_wait_name(r->gate.wait));
		strbuf_reset(&p->sb);
		strbuf_addf(&p->sb, "%s%s%s", w, *r->detail ? ": " : "", r->detail);
		table_str(&p->t, p->sb.buf);
	} else {
		table_str(&p->t, r->detail);
	}
	day_cell(&p->t, r->gate.until);
	day_cell(&p->t, r->since);
	table_row_end(&p->t);
	if (++p->n % PROGRESS_EVERY == 1)
		progress_update(p->progress, "working out the plays", p->n, 0);
	return ferror(stdout) ? 1 : 0;
}

/* Writes the plays of f in the format fmt. */
static enum status write_plays(struct cli *c, struct db *db, const struct playbook_filter *f,
			       enum format fmt)
{
	struct plays_ctx p = {.fmt = fmt, .progress = cli_progress_rows()};
	enum status st;

	strbuf_init(&p.sb);
	table_begin(&p.t, stdout, fmt, cols, (int)CLI_COUNT(cols));
	st = playbook_walk(db, &c->app.config.rules, &c->app.config.seasons, c->app.today, f,
			   play_row, &p, NULL);
	progress_finish(p.progress);
	table_end(&p.t);
	strbuf_done(&p.sb);
	if (st == STATUS_OK && (fflush(stdout) != 0 || ferror(stdout)))
		st = status_set(STATUS_IO, "writing the plays failed");
	return st;
}

/* ---- plays -------------------------------------------------------------------- */

static const char *const statuses[] = {"go", "wait", NULL};

struct plays_opts {
	const char *owner, *account;
	int status;
};

static int plays_run(struct cli *c, void *arg)
{
	const struct plays_opts *o = arg;
	struct playbook_filter f = {.wait = o->status == CLI_UNSET ? -1 : o->status};
	struct db *db;
	enum status st;
	char *owner = NULL;
	int r;

	if ((r = cli_open_filters(c, &db, o->owner, &owner, o->account, &f.account_id)) != EXIT_OK)
		return r;
	f.owner = owner;
	st = write_plays(c, db, &f, c->format);
	free(owner);
	return cli_close(db, st);
}

#define O(f) offsetof(struct plays_opts, f)
static const struct cli_opt plays_options[] = {
	CLI_OWNER_FILTER(struct plays_opts, owner),
	CLI_ENUM_OPT("--status", "STATUS", 0, O(status), statuses,
		     "only the plays that go, or only those that wait"),
	CLI_ACCOUNT_FILTER(struct plays_opts, account),
};
#undef O

const struct cli_cmd cmd_plays = {
	.name = "plays",
	.summary = "the plays of the rules and of the CRM, each go or wait, and why",
	.description =
		"Every play, in the accounts' priority order. The rules make five: upsell (grow,\n"
		"with headroom), cross_sell (a buyer whose latest answer is a passive's),\n"
		"referral_ask (protect, with a promoter to ask: acctplan referrals), checkin\n"
		"(a post-sale check-in due) and winback_review (a lost account's review due);\n"
		"the CRM's plays come from acctplan import plays. Each play waits while\n"
		"  hold             sales are on hold (quadrant, open condition, by hand)\n"
		"  open_problem     a product or service problem is still open\n"
		"  quiet_season     today is in a quiet season of the account's segment\n"
		"                   (config quiet_seasons: {SEGMENT: [\"12-15..01-10\"]})\n"
		"  not_a_good_time  the last answer to \"is this a good time to talk?\" was\n"
		"                   no or unsure, and its date to try again is ahead\n"
		"with the first reason that applies, and goes otherwise.\n"
		"\n"
		"--format json prints one object per play: \"account_id\", \"account\",\n"
		"\"owner\", \"play\", \"status\" (go or wait), \"reason\" (null when it goes),\n"
		"\"since\" (the day the play arose: the account came into grow, the passive or\n"
		"promoter answered, the check-in or review fell due, the CRM's due day), and\n"
		"\"kind\", \"source\", \"external_ref\", \"detail\", \"until\", \"account_ref\".\n",
	.opts = plays_options,
	.nopts = CLI_COUNT(plays_options),
	.formats = CLI_LISTS,
	.size = sizeof(struct plays_opts),
	.run = plays_run,
};

/* ---- export plays --------------------------------------------------------------- */

int cmd_plays_export(struct cli *c)
{
	struct playbook_filter f = {.wait = -1};
	struct db *db;
	enum status st;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	st = write_plays(c, db, &f, c->format);
	return cli_close(db, st);
}

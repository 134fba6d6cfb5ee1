/*
 * acctplan brief ACCOUNT: the pre-call page. Everything an account manager
 * reads before a conversation, on one page: where the account stands and
 * whether to sell at all, the readiness conditions still open, NPS now and
 * its trend, each buyer and how to approach them, open problems and what was
 * last reported back, the last notes and "good time" answer, and what is due.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/plan.h"
#include "acctplan/xalloc.h"
#include "plan_util.h"

static const char brief_help[] =
	"usage: acctplan brief ACCOUNT [--notes N] [--format text|md]\n"
	"\n"
	"The pre-call brief of one account (an id or an unambiguous prefix of the\n"
	"name): its quadrant and play; whether sales are on hold and why, with the\n"
	"readiness conditions still open (an account on hold gets a DO NOT PITCH\n"
	"line and what to talk about instead); NPS now and per quarter over the last\n"
	"four; each buyer with their latest score, category and how to approach\n"
	"them; open problems with their state, and what was last reported back to\n"
	"the customer; the last N notes (default 5), the last answer to \"is this a\n"
	"good time to talk?\" and the date to try again; detractors awaiting a\n"
	"follow-up and post-sale check-ins due or coming in the next 30 days.\n";

#define TREND_QUARTERS 4
#define CHECKIN_LOOKAHEAD 30

struct brief {
	struct cli *c;
	struct db *db;
	struct strbuf sb;
	struct table t;
	bool md;
	int max_notes, notes_seen;
	/* from the account row, copied */
	char *name;
	int open_problems, open_conditions;
	bool hold, manual;
	enum quadrant quadrant;
	enum acct_status status;
	/* the last good-time answer */
	char *good_time, *good_reason, *good_on, *good_next;
	/* the last report back */
	char *reported_on, *reported_text, *reported_title;
	int followups_due;
	struct agenda_item *due;
	size_t ndue, due_cap;
	char **due_text;
};

static void heading(struct brief *b, const char *title)
{
	if (b->md)
		printf("\n## %s\n\n", title);
	else
		printf("\n%s\n", title);
}

/* "  Key        value" (text) or "- **Key:** value" (md); value sanitised. */
static void line(struct brief *b, const char *key, const char *value)
{
	strbuf_reset(&b->sb);
	text_line(&b->sb, value && *value ? value : "-");
	if (b->md)
		printf("- **%s:** %s\n", key, b->sb.buf);
	else
		printf("  %-11s %s\n", key, b->sb.buf);
}

static int account(const struct account_row *r, void *ctx)
{
	struct brief *b = ctx;
	char buf[160], money[32], share[16], nps[16];

	b->name = xstrdup(r->name);
	b->open_problems = r->open_problems;
	b->open_conditions = r->open_conditions;
	b->hold = r->hold.on;
	b->manual = r->hold_reason && strstr(r->hold.why, "by hand");
	b->quadrant = r->quadrant;
	b->status = r->status;
	strbuf_reset(&b->sb);
	text_line(&b->sb, r->name);
	{
		char day[DATE_LEN];
		date_format(b->c->app.today, day);
		if (b->md)
			printf("# Brief: %s\n\n_%s_\n\n", b->sb.buf, day);
		else
			printf("BRIEF  %s  (%s)\n\n", b->sb.buf, day);
	}
	fmt_money(money, sizeof(money), r->revenue);
	fmt_share(share, sizeof(share), r->share_known, r->share);
	snprintf(buf, sizeof(buf), "%s; segment %s; fit %s; revenue %s; share %s",
		 *r->owner ? r->owner : "no owner", *r->segment ? r->segment : "-",
		 fit_name(r->fit), money, r->share_known ? share : "unknown");
	line(b, "Account", buf);
	if (r->status != ACCT_ACTIVE) {
		line(b, "Status", acct_status_name(r->status));
		if (r->status == ACCT_LOST) {
			line(b, "Lost to", r->lost_to);
			line(b, "Why lost", r->lost_reason);
			line(b, "Win-back", r->winback_plan);
		}
	} else {
		snprintf(buf, sizeof(buf), "%s: %s", quadrant_title(r->quadrant),
			 quadrant_play(r->quadrant));
		line(b, "Quadrant", buf);
	}
	if (r->hold_reason && b->manual)
		snprintf(buf, sizeof(buf), "%s (%s on %s: %.80s)", r->hold.on ? "ON HOLD" : "open",
			 r->hold.why, r->hold_on ? r->hold_on : "?", r->hold_reason);
	else
		snprintf(buf, sizeof(buf), "%s (%s)", r->hold.on ? "ON HOLD" : "open", r->hold.why);
	line(b, "Sales", buf);
	fmt_nps(nps, sizeof(nps), r->nps_known, r->nps);
	if (r->nps_known)
		snprintf(buf, sizeof(buf), "%s now, from %d buyer%s; last response %s", nps,
			 r->counted, r->counted == 1 ? "" : "s",
			 r->last_response ? r->last_response : "-");
	else
		snprintf(buf, sizeof(buf), "no feedback in the window");
	line(b, "NPS", buf);
	return 0;
}

static void trend(struct brief *b, int64_t id)
{
	double nps[TREND_QUARTERS];
	bool known[TREND_QUARTERS];
	int q0 = date_quarter(b->c->app.today) - TREND_QUARTERS + 1, i, last = -1, prev = -1;
	struct strbuf s;

	if (db_nps_trend(b->db, id, &b->c->app.config.rules, b->c->app.today, TREND_QUARTERS, nps,
			 known) != STATUS_OK)
		return;
	strbuf_init(&s);
	for (i = 0; i < TREND_QUARTERS; i++) {
		int q = q0 + i;
		strbuf_addf(&s, "%s%d Q%d ", i ? ", " : "", q / 4, q % 4 + 1);
		if (known[i])
			strbuf_addf(&s, "%.0f", nps[i] == 0 ? 0.0 : nps[i]);
		else
			strbuf_adds(&s, "-");
		if (known[i]) {
			prev = last;
			last = i;
		}
	}
	if (last >= 0 && prev >= 0)
		strbuf_addf(&s, " (%s)",
			    nps[last] > nps[prev] + 0.5   ? "rising"
			    : nps[last] < nps[prev] - 0.5 ? "falling"
							  : "flat");
	line(b, "Trend", s.buf);
	strbuf_done(&s);
}

static int collect_due(const struct agenda_item *it, void *ctx)
{
	struct brief *b = ctx;

	if (it->kind == AGENDA_FOLLOWUP && it->due <= b->c->app.today + 0)
		b->followups_due++;
	b->due = xgrow(b->due, &b->due_cap, b->ndue + 1, sizeof(*b->due));
	b->due[b->ndue] = *it;
	b->due_text = xrealloc(b->due_text, b->due_cap * sizeof(*b->due_text));
	b->due_text[b->ndue] = xstrdup(it->detail ? it->detail : "");
	b->due[b->ndue].account = b->due[b->ndue].owner = NULL;
	b->due[b->ndue].detail = b->due_text[b->ndue];
	b->ndue++;
	return 0;
}

static int condition(const struct condition_row *r, void *ctx)
{
	struct brief *b = ctx;

	if (r->met_on)
		return 0;
	strbuf_reset(&b->sb);
	text_line(&b->sb, r->text);
	printf(b->md ? "- [ ] %s\n" : "  [ ] %s\n", b->sb.buf);
	return 0;
}

static const struct column buyer_cols[] = {
	{"name", "Buyer", false, 24},       {"role", "Role", false, 0},
	{"latest", "Latest", true, 0},      {"on", "On", false, 0},
	{"category", "Category", false, 0}, {"approach", "Approach", false, 0},
};

static int buyer(const struct contact_row *r, void *ctx)
{
	struct brief *b = ctx;
	enum category cat = r->has_score ? score_category(r->latest_score) : CAT_NONE;

	table_str(&b->t, r->name);
	table_str(&b->t, r->role);
	if (r->has_score)
		table_int(&b->t, r->latest_score);
	else
		table_null(&b->t);
	table_str(&b->t, r->latest_on);
	table_str(&b->t, r->has_score ? category_name(cat) : "no response");
	table_str(&b->t, approach_for(cat));
	table_row_end(&b->t);
	return 0;
}

static const struct column problem_cols[] = {
	{"status", "State", false, 0},           {"opened_on", "Opened", false, 0},
	{"defect", "Defect", false, 0},          {"title", "Problem", false, 40},
	{"root_cause", "Root cause", false, 40},
};

static int problem(const struct problem_info *r, void *ctx)
{
	struct brief *b = ctx;

	if (!strcmp(r->p.status, "reported_back")) {
		if (!b->reported_on ||
		    (r->p.reported_on && strcmp(r->p.reported_on, b->reported_on) > 0)) {
			free(b->reported_on);
			free(b->reported_text);
			free(b->reported_title);
			b->reported_on = xstrdup(r->p.reported_on ? r->p.reported_on : "?");
			b->reported_text = xstrdup(r->p.reported_back);
			b->reported_title = xstrdup(r->p.title);
		}
		return 0;
	}
	table_str(&b->t, r->p.status);
	table_str(&b->t, r->p.opened_on);
	table_str(&b->t, r->p.defect_code);
	table_str(&b->t, r->p.title);
	table_str(&b->t, *r->p.root_cause ? r->p.root_cause : "not found yet");
	table_row_end(&b->t);
	return 0;
}

static const struct column note_cols[] = {
	{"created_at", "When", false, 0}, {"kind", "Kind", false, 0},
	{"contact", "Buyer", false, 20},  {"good_time", "Good time?", false, 0},
	{"next", "Try again", false, 0},  {"body", "Note", false, 60},
};

static int note(const struct note_row *r, void *ctx)
{
	struct brief *b = ctx;

	if (r->good_time && !b->good_time) {
		b->good_time = xstrdup(r->good_time);
		b->good_reason = r->reason ? xstrdup(r->reason) : NULL;
		b->good_on = xstrndup(r->created_at, 10);
		b->good_next = r->next_contact_on ? xstrdup(r->next_contact_on) : NULL;
	}
	if (b->notes_seen++ >= b->max_notes)
		return b->good_time ? 1 : 0;
	table_str(&b->t, r->created_at);
	table_str(&b->t, r->kind);
	table_str(&b->t, r->contact_name);
	if (r->good_time && r->reason) {
		char buf[48];
		snprintf(buf, sizeof(buf), "%s (%s)", r->good_time, r->reason);
		table_str(&b->t, buf);
	} else {
		table_str(&b->t, r->good_time);
	}
	table_str(&b->t, r->next_contact_on);
	table_str(&b->t, r->body);
	table_row_end(&b->t);
	return 0;
}

static void brief_free(struct brief *b)
{
	size_t i;

	for (i = 0; i < b->ndue; i++)
		free(b->due_text[i]);
	free(b->due_text);
	free(b->due);
	free(b->name);
	free(b->good_time);
	free(b->good_reason);
	free(b->good_on);
	free(b->good_next);
	free(b->reported_on);
	free(b->reported_text);
	free(b->reported_title);
	strbuf_done(&b->sb);
}

static enum status brief_print(struct brief *b, int64_t id)
{
	struct agenda_filter af = {.account_id = id, .horizon = CHECKIN_LOOKAHEAD};
	struct problem_filter pf = {.account_id = id, .status = -1};
	enum status st;
	size_t i;
	char day[DATE_LEN];
	bool any;

	if ((st = db_account_get(b->db, id, account, b)) != STATUS_OK)
		return st;
	trend(b, id);
	if ((st = db_agenda(b->db, &b->c->app.config.rules, b->c->app.today, &af, collect_due,
			    b)) != STATUS_OK)
		return st;

	/* the line that matters most */
	strbuf_reset(&b->sb);
	if (b->hold) {
		struct strbuf s;
		strbuf_init(&s);
		brief_instead(&s, b->quadrant, b->manual, b->open_problems, b->open_conditions,
			      b->followups_due);
		if (b->md)
			printf("\n> **DO NOT PITCH.** Talk about this instead: %s.\n", s.buf);
		else
			printf("\n  *** DO NOT PITCH ***  Talk about this instead: %s.\n", s.buf);
		strbuf_done(&s);
	} else if (b->status == ACCT_ACTIVE) {
		printf(b->md ? "\n> **Sales open.** %s.\n" : "\n  Sales open: %s.\n",
		       quadrant_play(b->quadrant));
	}

	heading(b, "Readiness conditions still open");
	if (b->open_conditions == 0)
		printf(b->md ? "None.\n" : "  none\n");
	else if ((st = db_conditions(b->db, id, condition, b)) != STATUS_OK)
		return st;

	heading(b, "Buyers and how to approach them");
	table_begin(&b->t, stdout, b->md ? FMT_MD : FMT_TEXT, buyer_cols, 6);
	st = db_contacts(b->db, id, buyer, b);
	table_end(&b->t);
	if (st != STATUS_OK)
		return st;

	heading(b, "Open problems");
	table_begin(&b->t, stdout, b->md ? FMT_MD : FMT_TEXT, problem_cols, 5);
	st = db_problem_list(b->db, &pf, problem, b);
	table_end(&b->t);
	if (st != STATUS_OK)
		return st;
	if (b->reported_on) {
		strbuf_reset(&b->sb);
		strbuf_addf(&b->sb, "last reported back on %s, about \"%s\": %s", b->reported_on,
			    b->reported_title,
			    *b->reported_text ? b->reported_text : "(no text kept)");
		char *text = strbuf_detach(&b->sb);
		if (b->md)
			putchar('\n');
		line(b, "Reported", text);
		free(text);
	} else {
		if (b->md)
			putchar('\n');
		line(b, "Reported", "nothing reported back to the customer yet");
	}

	heading(b, "Last notes");
	table_begin(&b->t, stdout, b->md ? FMT_MD : FMT_TEXT, note_cols, 6);
	st = db_notes(b->db, id, note, b);
	table_end(&b->t);
	if (st != STATUS_OK)
		return st;
	strbuf_reset(&b->sb);
	if (b->good_time) {
		strbuf_addf(&b->sb, "%s%s%s%s on %s", b->good_time, b->good_reason ? " (" : "",
			    b->good_reason ? b->good_reason : "", b->good_reason ? ")" : "",
			    b->good_on);
		if (b->good_next)
			strbuf_addf(&b->sb, "; try again on %s", b->good_next);
	} else {
		strbuf_adds(&b->sb, "never asked");
	}
	{
		char *s = strbuf_detach(&b->sb);
		if (b->md)
			putchar('\n');
		line(b, "Good time?", s);
		free(s);
	}

	heading(b, "Due");
	any = false;
	for (i = 0; i < b->ndue; i++) {
		const struct agenda_item *it = &b->due[i];
		int late = b->c->app.today - it->due;
		char when[48];

		if (it->kind != AGENDA_CHECKIN && late < 0)
			continue;
		date_format(it->due, day);
		if (late > 0)
			snprintf(when, sizeof(when), "%s, %d day%s late", day, late,
				 late == 1 ? "" : "s");
		else if (late == 0)
			snprintf(when, sizeof(when), "%s, today", day);
		else
			snprintf(when, sizeof(when), "%s, in %d day%s", day, -late,
				 late == -1 ? "" : "s");
		strbuf_reset(&b->sb);
		text_line(&b->sb, it->detail);
		printf(b->md ? "- **%s** (%s): %s\n" : "  %-20s %-26s %s\n",
		       agenda_kind_title(it->kind), when, b->sb.buf);
		any = true;
	}
	if (!any)
		printf(b->md ? "Nothing due.\n" : "  nothing due\n");
	return STATUS_OK;
}

int cmd_brief(struct cli *c)
{
	struct brief b;
	const char *arg = NULL, *v;
	enum status st;
	int64_t id;
	int r;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.max_notes = 5;
	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if ((r = cli_option(c, "--notes", &v)) != 0) {
			char *end;
			long n;
			if (r < 0)
				return EXIT_USAGE;
			n = strtol(v, &end, 10);
			if (!*v || *end || n < 0 || n > 1000)
				return cli_usage(
					"--notes needs a number from 0 to 1000, not \"%.20s\"", v);
			b.max_notes = (int)n;
		} else if (!arg && plan_positional(c)) {
			arg = c->argv[c->i++];
		} else {
			return cli_usage(
				"brief: unexpected argument \"%.40s\" (see acctplan brief --help)",
				c->argv[c->i]);
		}
	}
	if (c->help) {
		fputs(brief_help, stdout);
		return EXIT_OK;
	}
	if (!arg || !*arg)
		return cli_usage("brief: which account? (acctplan brief ACCOUNT)");
	if (c->format != FMT_TEXT && c->format != FMT_MD)
		return cli_usage("brief: --format text or md");
	b.md = c->format == FMT_MD;
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &b.db)) != EXIT_OK)
		return r;
	strbuf_init(&b.sb);
	if ((st = db_account_resolve(b.db, arg, &id)) == STATUS_OK)
		st = brief_print(&b, id);
	brief_free(&b);
	db_close(b.db);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

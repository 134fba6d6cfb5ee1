/* acctplan show ACCOUNT: one account and its feedback history. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "cli.h"

struct show {
	struct cli *c;
	struct db *db;
	struct table t;
	struct strbuf sb;
	bool first;
};

/* A "key: value" line of the header (text), "- **key:** value" (md). */
static void field(struct show *s, const char *key, const char *value)
{
	strbuf_reset(&s->sb);
	text_line(&s->sb, value ? value : "-");
	if (s->c->format == FMT_MD)
		printf("- **%s:** %s\n", key, s->sb.buf);
	else
		printf("  %-14s %s\n", key, s->sb.buf);
}

static void json_field(struct show *s, const char *key, const char *raw, bool quote)
{
	strbuf_reset(&s->sb);
	json_string(&s->sb, key);
	printf("%s\n  %s: ", s->first ? "" : ",", s->sb.buf);
	s->first = false;
	if (!raw) {
		fputs("null", stdout);
		return;
	}
	if (quote) {
		strbuf_reset(&s->sb);
		json_string(&s->sb, raw);
		fputs(s->sb.buf, stdout);
	} else {
		fputs(raw, stdout);
	}
}

static int header(const struct account_row *r, void *ctx)
{
	struct show *s = ctx;
	char buf[64], w[32];

	if (s->c->format == FMT_JSON) {
		snprintf(buf, sizeof(buf), "%lld", (long long)r->id);
		json_field(s, "id", buf, true); /* a string: 63 bits are not a safe JSON number */
		json_field(s, "name", r->name, true);
		json_field(s, "owner", r->owner, true);
		json_field(s, "segment", r->segment, true);
		json_field(s, "fit", fit_name(r->fit), true);
		json_field(s, "status", acct_status_name(r->status), true);
		snprintf(buf, sizeof(buf), "%lld", (long long)r->revenue);
		json_field(s, "revenue", buf, false);
		snprintf(buf, sizeof(buf), "%lld", (long long)r->wallet);
		json_field(s, "wallet", r->has_wallet ? buf : NULL, false);
		snprintf(buf, sizeof(buf), "%.3f", r->share);
		json_field(s, "share", r->share_known ? buf : NULL, false);
		snprintf(buf, sizeof(buf), "%.1f", r->nps);
		json_field(s, "nps", r->nps_known ? buf : NULL, false);
		json_field(s, "quadrant", quadrant_name(r->quadrant), true);
		json_field(s, "play", quadrant_play(r->quadrant), true);
		json_field(s, "hold", r->hold.on ? "true" : "false", false);
		json_field(s, "hold_why", r->hold_reason ? r->hold_reason : r->hold.why, true);
		json_field(s, "last_response", r->last_response, true);
		json_field(s, "next_contact", r->next_contact, true);
		if (r->status == ACCT_LOST) {
			json_field(s, "lost_reason", r->lost_reason, true);
			json_field(s, "lost_to", r->lost_to, true);
			json_field(s, "winback_plan", r->winback_plan, true);
		}
		return 0;
	}
	strbuf_reset(&s->sb);
	text_line(&s->sb, r->name);
	if (s->c->format == FMT_MD)
		printf("# %s\n\n", s->sb.buf);
	else
		printf("%s\n", s->sb.buf);
	field(s, "Owner", r->owner);
	field(s, "Segment", r->segment);
	field(s, "Fit", fit_name(r->fit));
	field(s, "Status", acct_status_name(r->status));
	fmt_money(buf, sizeof(buf), r->revenue);
	field(s, "Revenue", buf);
	fmt_money(w, sizeof(w), r->wallet);
	field(s, "Wallet", r->has_wallet ? w : "unknown");
	fmt_share(buf, sizeof(buf), r->share_known, r->share);
	field(s, "Share", r->share_known ? buf : "unknown");
	fmt_nps(buf, sizeof(buf), r->nps_known, r->nps);
	if (r->nps_known)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " (%d buyer%s)", r->counted,
			 r->counted == 1 ? "" : "s");
	field(s, "NPS", r->nps_known ? buf : "no feedback in the window");
	if (r->status == ACCT_ACTIVE) {
		field(s, "Quadrant", quadrant_title(r->quadrant));
		field(s, "Play", quadrant_play(r->quadrant));
		strbuf_reset(&s->sb);
		snprintf(buf, sizeof(buf), "%s: ", r->hold.on ? "ON HOLD" : "open");
		field(s, "Sales", r->hold.on ? "ON HOLD" : "open");
		field(s, "Why", r->hold_reason ? r->hold_reason : r->hold.why);
	}
	if (r->status == ACCT_LOST) {
		field(s, "Lost to", r->lost_to);
		field(s, "Why lost", r->lost_reason);
		field(s, "Win-back plan", r->winback_plan);
	}
	return 0;
}

static void section(struct show *s, const char *title, const char *key, const struct column *cols,
		    int n)
{
	if (s->c->format == FMT_JSON) {
		strbuf_reset(&s->sb);
		json_string(&s->sb, key);
		printf(",\n  %s: ", s->sb.buf);
	} else if (s->c->format == FMT_MD) {
		printf("\n## %s\n\n", title);
	} else if (s->c->format == FMT_TEXT) {
		printf("\n%s\n", title);
	}
	table_begin(&s->t, stdout, s->c->format, cols, n);
}

static const struct column feedback_cols[] = {
	{"id", NULL, false, 0},
	CLI_SHORT_COLUMN,
	{"date", "Date", false, 0},
	{"contact", "Buyer", false, 24},
	{"role", "Role", false, 0},
	{"score", "Score", true, 0},
	{"category", "Category", false, 0},
	{"defects", "Defects", false, 30},
	{"follow_up", "Follow-up", false, 0},
	{"comment", "Comment", false, 0},
};

static int feedback_row(const struct feedback_row *r, void *ctx)
{
	struct show *s = ctx;

	table_id(&s->t, r->id);
	cli_table_short(&s->t, s->db, ID_RESPONSE, r->id);
	table_str(&s->t, r->responded_on);
	table_str(&s->t, r->contact_id ? r->contact_name : NULL);
	table_code(&s->t, r->role);
	table_int(&s->t, r->score);
	table_str(&s->t, category_name(score_category(r->score)));
	table_str(&s->t, r->defects);
	{
		enum followup_state fs = followup_state(&s->c->app.config.rules, s->c->app.today,
							&r->followup, NULL);
		table_str(&s->t, fs == FOLLOWUP_NONE ? NULL : followup_state_name(fs));
	}
	table_str(&s->t, r->comment);
	table_row_end(&s->t);
	return 0;
}

static const struct column contact_cols[] = {
	{"id", NULL, false, 0},
	CLI_SHORT_COLUMN,
	{"name", "Buyer", false, 28},
	{"title", "Title", false, 28},
	{"role", "Role", false, 0},
	{"latest_score", "Latest", true, 0},
	{"latest_on", "On", false, 0},
	{"category", "Category", false, 0},
	{"approach", "Approach", false, 0},
};

static int contact_row(const struct contact_row *r, void *ctx)
{
	struct show *s = ctx;
	enum category cat = r->has_score ? score_category(r->latest_score) : CAT_NONE;

	table_id(&s->t, r->id);
	cli_table_short(&s->t, s->db, ID_CONTACT, r->id);
	table_str(&s->t, r->name);
	table_str(&s->t, r->title);
	table_code(&s->t, r->role);
	if (r->has_score)
		table_int(&s->t, r->latest_score);
	else
		table_null(&s->t);
	table_str(&s->t, r->latest_on);
	table_str(&s->t, r->has_score ? category_name(cat) : NULL);
	table_str(&s->t, approach_for(cat));
	table_row_end(&s->t);
	return 0;
}

static const struct column problem_cols[] = {
	{"id", NULL, false, 0},
	CLI_SHORT_COLUMN,
	{"opened_on", "Opened", false, 0},
	{"status", "Status", false, 0},
	{"category", "Category", false, 0},
	{"defect", "Defect", false, 0},
	{"title", "Problem", false, 50},
	{"owner", "Owner", false, 20},
	{"reported_on", "Reported back", false, 0},
};

static int problem_row(const struct problem_row *r, void *ctx)
{
	struct show *s = ctx;

	table_id(&s->t, r->id);
	cli_table_short(&s->t, s->db, ID_PROBLEM, r->id);
	table_str(&s->t, r->opened_on);
	table_code(&s->t, r->status);
	table_str(&s->t, r->category);
	table_str(&s->t, r->defect_code);
	table_str(&s->t, r->title);
	table_str(&s->t, r->owner);
	table_str(&s->t, r->reported_on);
	table_row_end(&s->t);
	return 0;
}

static const struct column note_cols[] = {
	{"id", NULL, false, 0},           CLI_SHORT_COLUMN,
	{"created_at", "When", false, 0}, {"kind", "Kind", false, 0},
	{"contact", "Buyer", false, 24},  {"good_time", "Good time", false, 0},
	{"reason", "Reason", false, 0},   {"next_contact_on", "Try again", false, 0},
	{"body", "Note", false, 0},
};

static int note_row(const struct note_row *r, void *ctx)
{
	struct show *s = ctx;

	table_id(&s->t, r->id);
	cli_table_short(&s->t, s->db, ID_NOTE, r->id);
	table_str(&s->t, r->created_at);
	table_str(&s->t, r->kind);
	table_str(&s->t, r->contact_name);
	table_str(&s->t, r->good_time);
	table_code(&s->t, r->reason);
	table_str(&s->t, r->next_contact_on);
	table_str(&s->t, r->body);
	table_row_end(&s->t);
	return 0;
}

static const struct column condition_cols[] = {
	{"id", NULL, false, 0},
	CLI_SHORT_COLUMN,
	{"text", "Condition", false, 0},
	{"met_on", "Met on", false, 0},
};

static int condition_row(const struct condition_row *r, void *ctx)
{
	struct show *s = ctx;

	table_id(&s->t, r->id);
	cli_table_short(&s->t, s->db, ID_CONDITION, r->id);
	table_str(&s->t, r->text);
	table_str(&s->t, r->met_on);
	table_row_end(&s->t);
	return 0;
}

struct show_opts {
	const char *account;
};

static int show_run(struct cli *c, void *arg)
{
	const struct show_opts *o = arg;
	struct show s = {.c = c, .first = true};
	enum status st;
	int64_t id;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &s.db)) != EXIT_OK)
		return r;
	strbuf_init(&s.sb);
	if ((st = db_account_resolve(s.db, o->account, &id)) != STATUS_OK)
		goto out;
	if (c->format == FMT_CSV) {
		table_begin(&s.t, stdout, FMT_CSV, feedback_cols, (int)CLI_COUNT(feedback_cols));
		st = db_feedback(s.db, id, feedback_row, &s);
		table_end(&s.t);
		goto out;
	}
	if (c->format == FMT_JSON)
		fputs("{", stdout);
	if ((st = db_account_get(s.db, id, header, &s)) != STATUS_OK)
		goto out;
	section(&s, "Feedback, newest first", "feedback", feedback_cols,
		(int)CLI_COUNT(feedback_cols));
	st = db_feedback(s.db, id, feedback_row, &s);
	table_end(&s.t);
	if (st == STATUS_OK) {
		section(&s, "Buyers", "contacts", contact_cols, (int)CLI_COUNT(contact_cols));
		st = db_contacts(s.db, id, contact_row, &s);
		table_end(&s.t);
	}
	if (st == STATUS_OK) {
		section(&s, "Problems", "problems", problem_cols, (int)CLI_COUNT(problem_cols));
		st = db_problems(s.db, id, problem_row, &s);
		table_end(&s.t);
	}
	if (st == STATUS_OK) {
		section(&s, "Notes, newest first", "notes", note_cols, (int)CLI_COUNT(note_cols));
		st = db_notes(s.db, id, note_row, &s);
		table_end(&s.t);
	}
	if (st == STATUS_OK) {
		section(&s, "Plan: readiness conditions", "conditions", condition_cols,
			(int)CLI_COUNT(condition_cols));
		st = db_conditions(s.db, id, condition_row, &s);
		table_end(&s.t);
	}
	if (c->format == FMT_JSON)
		fputs("}\n", stdout);
out:
	strbuf_done(&s.sb);
	return cli_close(s.db, st);
}

static const struct cli_opt options[] = {
	CLI_ACCOUNT_ARG(struct show_opts, account, CLI_REQUIRED),
};

const struct cli_cmd cmd_show = {
	.name = "show",
	.summary = "one account with its feedback history, buyers, problems, notes and plan",
	.description =
		"One account: where it stands (quadrant, play, hold and why), then its\n"
		"feedback history newest first, its buyers with their latest score and how\n"
		"to approach them, its problems, notes and readiness conditions. ACCOUNT is\n"
		"an id or an unambiguous prefix of the name, in any case. csv gives the\n"
		"feedback history. csv and json give each row's id (a response's, a note's,\n"
		"a problem's), as a string.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_LISTS,
	.size = sizeof(struct show_opts),
	.run = show_run,
};

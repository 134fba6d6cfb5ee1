/*
 * acctplan brief ACCOUNT: the pre-call page, rendered from the brief model
 * (brief.h) as text, Markdown or JSON. The verdict, the last answer to "is
 * this a good time to talk?" and what is due come first, so they are on
 * the first screen; then where the account stands, the readiness
 * conditions, the buyers, the open problems and the last notes.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/xalloc.h"
#include "cli.h"

struct out {
	struct strbuf sb;
	bool md;
};

static const char *word(char *buf, size_t n, const char *code)
{
	fmt_word(buf, n, code ? code : "");
	return buf;
}

static void heading(struct out *o, const char *title)
{
	if (o->md)
		printf("\n## %s\n\n", title);
	else
		printf("\n%s\n", title);
}

/* "  Key         value" (text) or "- **Key:** value" (md); value sanitised. */
static void line(struct out *o, const char *key, const char *value)
{
	strbuf_reset(&o->sb);
	text_line(&o->sb, value && *value ? value : "-");
	if (o->md)
		printf("- **%s:** %s\n", key, o->sb.buf);
	else
		printf("  %-11s %s\n", key, o->sb.buf);
}

/* The verdict as one sentence (without the marker). */
static char *verdict_text(const struct brief *b)
{
	char day[DATE_LEN], reason[48];

	switch (b->verdict.verdict) {
	case VERDICT_DO_NOT_PITCH:
		return xasprintf("Talk about this instead: %s.", b->instead ? b->instead : "");
	case VERDICT_WAIT:
		date_format(b->verdict.until, day);
		if (b->verdict.reason >= 0)
			return xasprintf(
				"until %s (%s): the last answer to \"is this a good time to"
				" talk?\" was %s.",
				day,
				word(reason, sizeof(reason),
				     reason_name((enum reason)b->verdict.reason)),
				b->good_time ? b->good_time : "no");
		return xasprintf("until %s: the last answer to \"is this a good time to talk?\""
				 " was %s.",
				 day, b->good_time ? b->good_time : "no");
	case VERDICT_CHECK_IN: {
		char late[32];
		date_format(b->verdict.until, day);
		fmt_due(late, sizeof(late), b->verdict.until, b->today);
		return xasprintf("a post-sale check-in is due (%s, %s): reinforce the decision"
				 " before the next pitch.",
				 day, late);
	}
	case VERDICT_PITCH:
		break;
	}
	return xasprintf("sales are open: %s.", quadrant_play(b->quadrant));
}

static const char *const verdict_marker[] = {
	[VERDICT_PITCH] = "PITCH",
	[VERDICT_WAIT] = "WAIT",
	[VERDICT_CHECK_IN] = "CHECK IN first",
	[VERDICT_DO_NOT_PITCH] = "*** DO NOT PITCH ***",
};

static char *good_time_text(const struct brief *b)
{
	char reason[48];
	struct strbuf s;
	char *out;

	if (!b->good_time)
		return xstrdup("never asked");
	strbuf_init(&s);
	strbuf_adds(&s, b->good_time);
	if (b->good_reason)
		strbuf_addf(&s, " (%s)", word(reason, sizeof(reason), b->good_reason));
	strbuf_addf(&s, ", asked on %s", b->good_on);
	if (b->good_next)
		strbuf_addf(&s, "; try again on %s", b->good_next);
	out = strbuf_detach(&s);
	strbuf_done(&s);
	return out;
}

static void print_due(struct out *o, const struct brief *b)
{
	size_t i;

	if (o->md)
		printf("\n**Due:**%s\n", b->ndue ? "" : " nothing");
	else
		printf("  Due%s\n", b->ndue ? "" : "         nothing");
	if (!b->ndue)
		return;
	for (i = 0; i < b->ndue; i++) {
		const struct brief_due *d = &b->due[i];
		char day[DATE_LEN], when[32];

		date_format(d->due, day);
		fmt_due(when, sizeof(when), d->due, b->today);
		strbuf_reset(&o->sb);
		text_line(&o->sb, d->detail);
		if (o->md)
			printf("- **%s** (%s, %s): %s\n", agenda_kind_title(d->kind), day, when,
			       o->sb.buf);
		else
			printf("    %s (%s, %s): %s\n", agenda_kind_title(d->kind), day, when,
			       o->sb.buf);
	}
}

static void print_actions(struct out *o, const struct brief *b)
{
	size_t i;

	if (!b->nactions)
		return;
	if (o->md)
		printf("\n**Actions agreed:**\n");
	else
		printf("  Actions\n");
	for (i = 0; i < b->nactions; i++) {
		const struct brief_action *a = &b->actions[i];
		char when[32], owner[256];

		fmt_due(when, sizeof(when), a->due_day, b->today);
		strbuf_reset(&o->sb);
		text_line(&o->sb, a->owner);
		snprintf(owner, sizeof(owner), "%s", o->sb.buf);
		strbuf_reset(&o->sb);
		text_line(&o->sb, a->text);
		if (o->md)
			printf("- [ ] %s — %s, due %s (%s)\n", o->sb.buf, owner, a->due, when);
		else
			printf("    %s: %s (due %s, %s)\n", owner, o->sb.buf, a->due, when);
	}
}

static void print_standing(struct out *o, const struct brief *b)
{
	char buf[512], money[32], share[16], nps[16], w[48];
	int i;

	fmt_money(money, sizeof(money), b->revenue);
	fmt_share(share, sizeof(share), b->share_known, b->share);
	snprintf(buf, sizeof(buf), "%s; segment %s; fit %s; revenue %s; share %s",
		 *b->owner ? b->owner : "no owner", *b->segment ? b->segment : "-",
		 fit_name(b->fit), money, b->share_known ? share : "unknown");
	line(o, "Account", buf);
	if (b->status != ACCT_ACTIVE) {
		line(o, "Status", acct_status_name(b->status));
		if (b->status == ACCT_LOST) {
			line(o, "Lost to", b->lost_to);
			line(o, "Why lost", b->lost_reason);
			line(o, "Win-back", b->winback_plan);
		}
	} else {
		snprintf(buf, sizeof(buf), "%s: %s", quadrant_title(b->quadrant),
			 quadrant_play(b->quadrant));
		line(o, "Quadrant", buf);
	}
	{
		/* the hand-set reason whole: it is what the manager wrote */
		char *sales =
			b->hold_reason
				? xasprintf("%s (%s on %s: %s)",
					    b->facts.hold.on ? "ON HOLD" : "open", b->hold_why,
					    b->hold_on ? b->hold_on : "?", b->hold_reason)
				: xasprintf("%s (%s)", b->facts.hold.on ? "ON HOLD" : "open",
					    b->hold_why);
		line(o, "Sales", sales);
		free(sales);
	}
	fmt_nps(nps, sizeof(nps), b->nps_known, b->nps);
	if (b->nps_known)
		snprintf(buf, sizeof(buf), "%s now, from %d buyer%s; last response %s", nps,
			 b->counted, b->counted == 1 ? "" : "s",
			 b->last_response ? b->last_response : "-");
	else
		snprintf(buf, sizeof(buf), "no feedback in the window");
	line(o, "NPS", buf);
	strbuf_reset(&o->sb);
	{
		struct strbuf s;
		strbuf_init(&s);
		for (i = 0; i < BRIEF_TREND_QUARTERS; i++) {
			int q = b->quarter_first + i;
			strbuf_addf(&s, "%s%d Q%d ", i ? ", " : "", q / 4, q % 4 + 1);
			fmt_nps(w, sizeof(w), b->quarter_known[i], b->quarter_nps[i]);
			strbuf_adds(&s, w);
		}
		if (b->trend != 2)
			strbuf_addf(&s, " (%s)",
				    b->trend > 0   ? "rising"
				    : b->trend < 0 ? "falling"
						   : "flat");
		line(o, "Trend", s.buf);
		strbuf_done(&s);
	}
}

static const struct column buyer_cols[] = {
	{"name", "Buyer", false, 24},       {"role", "Role", false, 0},
	{"latest", "Latest", true, 0},      {"on", "On", false, 0},
	{"category", "Category", false, 0}, {"approach", "Approach", false, 0},
};

static const struct column referral_cols[] = {
	{"contact", "Buyer", false, 24},
	{"asked_on", "Asked", false, 0},
	{"referred_to", "Referred to", false, 30},
	{"outcome", "Outcome", false, 0},
	{"outcome_on", "On", false, 0},
};

/* Whom to ask for a referral, and the referrals asked. */
static void print_referrals(struct out *o, const struct brief *b)
{
	struct table t;
	struct strbuf ask;
	char w[32];
	size_t i;

	strbuf_init(&ask);
	for (i = 0; i < b->nto_ask; i++)
		strbuf_addf(&ask, "%s%s (%d on %s)", i ? ", " : "", b->to_ask[i].contact,
			    b->to_ask[i].score, b->to_ask[i].responded_on);
	/* line() makes the text safe */
	line(o, "Ask", b->nto_ask ? ask.buf : "no promoter to ask now");
	strbuf_done(&ask);
	if (!b->nreferrals)
		return;
	if (o->md)
		putchar('\n');
	table_begin(&t, stdout, o->md ? FMT_MD : FMT_TEXT, referral_cols,
		    (int)CLI_COUNT(referral_cols));
	for (i = 0; i < b->nreferrals; i++) {
		const struct brief_referral *r = &b->referrals[i];

		table_str(&t, r->contact);
		table_str(&t, r->asked_on);
		table_str(&t, r->referred_to ? r->referred_to : "(no one named yet)");
		table_str(&t, word(w, sizeof(w), r->outcome));
		table_str(&t, r->referred_to ? r->outcome_on : NULL);
		table_row_end(&t);
	}
	table_end(&t);
}

static const struct column problem_cols[] = {
	{"status", "State", false, 0},           {"opened_on", "Opened", false, 0},
	{"defect", "Defect", false, 0},          {"title", "Problem", false, 40},
	{"root_cause", "Root cause", false, 40},
};

static const struct column note_cols[] = {
	{"created_at", "When", false, 0}, {"kind", "Kind", false, 0},
	{"contact", "Buyer", false, 20},  {"good_time", "Good time?", false, 0},
	{"next", "Try again", false, 0},  {"body", "Note", false, 60},
};

static void print_text(const struct brief *b, bool md)
{
	struct out o = {.md = md};
	struct table t;
	char day[DATE_LEN], w[64], w2[64];
	char *s;
	size_t i;

	strbuf_init(&o.sb);
	text_line(&o.sb, b->name);
	date_format(b->today, day);
	if (md)
		printf("# Brief: %s\n\n_%s_\n\n", o.sb.buf, day);
	else
		printf("BRIEF  %s  (%s)\n\n", o.sb.buf, day);

	/* the lines that matter most, first */
	s = verdict_text(b);
	strbuf_reset(&o.sb);
	text_line(&o.sb, s);
	if (md)
		printf("> **%s** %s\n\n", verdict_marker[b->verdict.verdict], o.sb.buf);
	else
		printf("  %s  %s\n\n", verdict_marker[b->verdict.verdict], o.sb.buf);
	free(s);
	s = good_time_text(b);
	line(&o, "Good time?", s);
	free(s);
	print_due(&o, b);
	print_actions(&o, b);

	heading(&o, "Where it stands");
	print_standing(&o, b);

	heading(&o, "Readiness conditions still open");
	if (!b->nconditions)
		printf(md ? "None.\n" : "  none\n");
	for (i = 0; i < b->nconditions; i++) {
		strbuf_reset(&o.sb);
		text_line(&o.sb, b->conditions[i]);
		printf(md ? "- [ ] %s\n" : "  [ ] %s\n", o.sb.buf);
	}

	heading(&o, "Buyers and how to approach them");
	table_begin(&t, stdout, md ? FMT_MD : FMT_TEXT, buyer_cols, (int)CLI_COUNT(buyer_cols));
	for (i = 0; i < b->nbuyers; i++) {
		const struct brief_buyer *x = &b->buyers[i];
		table_str(&t, x->name);
		table_str(&t, word(w, sizeof(w), x->role));
		if (x->has_score)
			table_int(&t, x->score);
		else
			table_null(&t);
		table_str(&t, x->latest_on);
		table_str(&t, x->has_score ? category_name(x->category) : "no response");
		table_str(&t, approach_for(x->category));
		table_row_end(&t);
	}
	table_end(&t);

	heading(&o, "Referrals");
	print_referrals(&o, b);

	heading(&o, "Open problems");
	table_begin(&t, stdout, md ? FMT_MD : FMT_TEXT, problem_cols, (int)CLI_COUNT(problem_cols));
	for (i = 0; i < b->nproblems; i++) {
		const struct brief_problem *p = &b->problems[i];
		table_str(&t, word(w, sizeof(w), p->status));
		table_str(&t, p->opened_on);
		table_str(&t, p->defect);
		table_str(&t, p->title);
		table_str(&t, *p->root_cause ? p->root_cause : "not found yet");
		table_row_end(&t);
	}
	table_end(&t);
	if (md)
		putchar('\n');
	if (b->reported_on) {
		s = xasprintf("last reported back on %s, about \"%s\": %s", b->reported_on,
			      b->reported_title,
			      *b->reported_text ? b->reported_text : "(no text kept)");
		line(&o, "Reported", s);
		free(s);
	} else {
		line(&o, "Reported", "nothing reported back to the customer yet");
	}

	heading(&o, "Last notes");
	table_begin(&t, stdout, md ? FMT_MD : FMT_TEXT, note_cols, (int)CLI_COUNT(note_cols));
	for (i = 0; i < b->nnotes; i++) {
		const struct brief_note *n = &b->notes[i];
		table_str(&t, n->created_at);
		table_str(&t, n->kind);
		table_str(&t, n->contact);
		if (n->good_time && n->reason) {
			s = xasprintf("%s (%s)", n->good_time, word(w2, sizeof(w2), n->reason));
			table_str(&t, s);
			free(s);
		} else {
			table_str(&t, n->good_time);
		}
		table_str(&t, n->next);
		table_str(&t, n->body);
		table_row_end(&t);
	}
	table_end(&t);
	strbuf_done(&o.sb);
}

static void print_json(const struct brief *b)
{
	struct json j;
	char buf[64];
	size_t i;
	int q;

	json_init(&j, stdout);
	json_object(&j);
	json_key_id(&j, "id", b->id);
	json_key_str(&j, "name", b->name);
	json_key_day(&j, "today", b->today);
	json_key_str(&j, "verdict", verdict_name(b->verdict.verdict));
	json_key_day(&j, "until", b->verdict.until);
	json_key_str(&j, "reason",
		     b->verdict.reason >= 0 ? reason_name((enum reason)b->verdict.reason) : NULL);
	json_key_str(&j, "instead", b->instead);
	json_key_str(&j, "owner", b->owner);
	json_key_str(&j, "segment", b->segment);
	json_key_str(&j, "fit", fit_name(b->fit));
	json_key_str(&j, "status", acct_status_name(b->status));
	json_key_int(&j, "revenue", b->revenue);
	json_key(&j, "share");
	if (b->share_known)
		json_num(&j, b->share, 4);
	else
		json_null(&j);
	json_key(&j, "nps");
	if (b->nps_known)
		json_num(&j, b->nps, 1);
	else
		json_null(&j);
	json_key_int(&j, "counted", b->counted);
	json_key_str(&j, "last_response", b->last_response);
	json_key_str(&j, "quadrant", quadrant_name(b->quadrant));
	json_key_str(&j, "play", quadrant_play(b->quadrant));
	json_key(&j, "hold");
	json_object(&j);
	json_key_bool(&j, "on", b->facts.hold.on);
	json_key_str(&j, "why", b->hold_why);
	json_key_bool(&j, "manual", b->facts.hold.manual);
	json_key_str(&j, "reason", b->hold_reason);
	json_key_str(&j, "since", b->hold_on);
	json_end(&j, '}');
	json_key(&j, "good_time");
	if (b->good_time) {
		json_object(&j);
		json_key_str(&j, "answer", b->good_time);
		json_key_str(&j, "reason", b->good_reason);
		json_key_str(&j, "asked_on", b->good_on);
		json_key_str(&j, "try_again", b->good_next);
		json_end(&j, '}');
	} else {
		json_null(&j);
	}
	json_key(&j, "due");
	json_array(&j);
	for (i = 0; i < b->ndue; i++) {
		json_object(&j);
		json_key_str(&j, "kind", agenda_kind_name(b->due[i].kind));
		json_key_day(&j, "due", b->due[i].due);
		json_key_str(&j, "detail", b->due[i].detail);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "actions");
	json_array(&j);
	for (i = 0; i < b->nactions; i++) {
		json_object(&j);
		json_key_id(&j, "id", b->actions[i].id);
		json_key_str(&j, "owner", b->actions[i].owner);
		json_key_str(&j, "due", b->actions[i].due);
		json_key_str(&j, "text", b->actions[i].text);
		json_key_str(&j, "state", commitment_state_name(b->actions[i].state));
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "referrals");
	json_object(&j);
	json_key(&j, "to_ask");
	json_array(&j);
	for (i = 0; i < b->nto_ask; i++) {
		json_object(&j);
		json_key_id(&j, "contact_id", b->to_ask[i].contact_id);
		json_key_str(&j, "contact", b->to_ask[i].contact);
		json_key_int(&j, "score", b->to_ask[i].score);
		json_key_str(&j, "responded_on", b->to_ask[i].responded_on);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "asked");
	json_array(&j);
	for (i = 0; i < b->nreferrals; i++) {
		const struct brief_referral *r = &b->referrals[i];

		json_object(&j);
		json_key_id(&j, "id", r->id);
		json_key_str(&j, "contact", r->contact);
		json_key_str(&j, "asked_on", r->asked_on);
		json_key_str(&j, "referred_to", r->referred_to);
		json_key_str(&j, "outcome", r->outcome);
		json_key_str(&j, "outcome_on", r->outcome_on);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_end(&j, '}');
	json_key(&j, "trend");
	json_array(&j);
	for (q = 0; q < BRIEF_TREND_QUARTERS; q++) {
		int quarter = b->quarter_first + q;
		json_object(&j);
		json_key(&j, "quarter");
		snprintf(buf, sizeof(buf), "%d Q%d", quarter / 4, quarter % 4 + 1);
		json_str(&j, buf);
		json_key(&j, "nps");
		if (b->quarter_known[q])
			json_num(&j, b->quarter_nps[q], 1);
		else
			json_null(&j);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "conditions");
	json_array(&j);
	for (i = 0; i < b->nconditions; i++)
		json_str(&j, b->conditions[i]);
	json_end(&j, ']');
	json_key(&j, "buyers");
	json_array(&j);
	for (i = 0; i < b->nbuyers; i++) {
		const struct brief_buyer *x = &b->buyers[i];
		json_object(&j);
		json_key_id(&j, "id", x->id);
		json_key_str(&j, "name", x->name);
		json_key_str(&j, "title", x->title);
		json_key_str(&j, "role", x->role);
		json_key(&j, "latest");
		if (x->has_score)
			json_int(&j, x->score);
		else
			json_null(&j);
		json_key_str(&j, "on", x->latest_on);
		json_key_str(&j, "category", x->has_score ? category_name(x->category) : NULL);
		json_key_str(&j, "approach", approach_for(x->category));
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "problems");
	json_array(&j);
	for (i = 0; i < b->nproblems; i++) {
		const struct brief_problem *p = &b->problems[i];
		json_object(&j);
		json_key_id(&j, "id", p->id);
		json_key_str(&j, "status", p->status);
		json_key_str(&j, "opened_on", p->opened_on);
		json_key_str(&j, "defect", p->defect);
		json_key_str(&j, "title", p->title);
		json_key_str(&j, "root_cause", *p->root_cause ? p->root_cause : NULL);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "reported");
	if (b->reported_on) {
		json_object(&j);
		json_key_str(&j, "on", b->reported_on);
		json_key_str(&j, "problem", b->reported_title);
		json_key_str(&j, "text", b->reported_text);
		json_end(&j, '}');
	} else {
		json_null(&j);
	}
	json_key(&j, "notes");
	json_array(&j);
	for (i = 0; i < b->nnotes; i++) {
		const struct brief_note *n = &b->notes[i];
		json_object(&j);
		json_key_id(&j, "id", n->id);
		json_key_str(&j, "created_at", n->created_at);
		json_key_str(&j, "kind", n->kind);
		json_key_str(&j, "contact", n->contact);
		json_key_str(&j, "good_time", n->good_time);
		json_key_str(&j, "reason", n->reason);
		json_key_str(&j, "next", n->next);
		json_key_str(&j, "body", n->body);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_end(&j, '}');
	json_done(&j);
}

struct brief_opts {
	const char *account;
	long notes;
};

static int brief_run(struct cli *c, void *arg)
{
	const struct brief_opts *o = arg;
	struct brief b;
	struct db *db = NULL;
	enum status st;
	int64_t id;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, &db)) != EXIT_OK)
		return r;
	if ((st = db_account_resolve(db, o->account, &id)) == STATUS_OK &&
	    (st = brief_load(db, &c->app.config.rules, c->app.today, id, (int)o->notes, &b)) ==
		    STATUS_OK) {
		if (c->format == FMT_JSON)
			print_json(&b);
		else
			print_text(&b, c->format == FMT_MD);
		brief_done(&b);
	}
	return cli_close(db, st);
}

#define O(f) offsetof(struct brief_opts, f)
static const struct cli_opt options[] = {
	CLI_ACCOUNT_ARG(struct brief_opts, account, CLI_REQUIRED),
	CLI_INT_OPT("--notes", "N", 0, O(notes), 0, 1000, BRIEF_NOTES,
		    "the last N notes (default 5)"),
};
#undef O

const struct cli_cmd cmd_brief = {
	.name = "brief",
	.summary = "the pre-call brief of one account: sell or not, buyers, problems, notes",
	.description =
		"The pre-call brief of one account (an id or an unambiguous prefix of the\n"
		"name). It opens with the verdict:\n"
		"  DO NOT PITCH   sales are on hold; what to talk about instead\n"
		"  WAIT until D   the last answer to \"is this a good time to talk?\" was no\n"
		"                 or unsure, and the date to try again is still ahead\n"
		"  CHECK IN       a post-sale check-in is due: reinforce the decision first\n"
		"  PITCH          sales are open: the quadrant's play\n"
		"then that last answer and what is due (detractors awaiting a follow-up,\n"
		"dates to try again, check-ins due or coming in the next 30 days,\n"
		"problems to report back) and the actions agreed for it still open (acctplan\n"
		"action); where the account stands (quadrant, play, hold\n"
		"and why, NPS now and per quarter over the last four); the readiness\n"
		"conditions still open; each buyer with their latest score and how to\n"
		"approach them; referrals: the promoters to ask (acctplan referrals) and the\n"
		"referrals asked; open problems and what was last reported back; and the\n"
		"last N notes (default 5).\n"
		"\n"
		"--format json prints one object: \"verdict\" (pitch, wait, check_in or\n"
		"do_not_pitch) with \"until\" and \"reason\", and every part above; ids are\n"
		"strings.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_PAGES,
	.size = sizeof(struct brief_opts),
	.run = brief_run,
};

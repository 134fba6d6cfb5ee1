/*
 * acctplan standup: what moved since the last standup, rendered from the
 * standup model (standup.h) as text, Markdown (a page to paste into the
 * team's chat) or JSON; --mark records that a standup was held today.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/history.h"
#include "acctplan/standup.h"
#include "acctplan/text.h"
#include "cli.h"

/* The quadrants in the board's order: share high first, advocacy high
 * right, then no feedback. */
static const enum quadrant board_order[QUAD_COUNT] = {
	QUAD_REPAIR, QUAD_PROTECT, QUAD_FIX_BASICS, QUAD_GROW, QUAD_NO_FEEDBACK,
};

struct out {
	enum format fmt;
	struct strbuf sb;
};

/* text sanitised for one line, into o->sb (borrowed until the next call) */
static const char *safe(struct out *o, const char *s)
{
	strbuf_reset(&o->sb);
	text_line(&o->sb, s ? s : "");
	return o->sb.buf;
}

static void since_words(char *buf, size_t n, const struct standup *s)
{
	char day[DATE_LEN];

	date_format(s->since, day);
	switch (s->since_kind) {
	case STANDUP_SINCE_MARK:
		snprintf(buf, n, "since the standup of %s", day);
		break;
	case STANDUP_SINCE_GIVEN:
		snprintf(buf, n, "since %s", day);
		break;
	case STANDUP_SINCE_DEFAULT:
		snprintf(buf, n, "since %s (no standup marked yet: the last %d days)", day,
			 STANDUP_DEFAULT_DAYS);
		break;
	}
}

/* A report from before the history began says so. */
static void history_note(const struct standup *s, bool md)
{
	char day[DATE_LEN];

	if (s->history_start < 0 || s->since >= s->history_start)
		return;
	date_format(s->history_start, day);
	printf(md ? "_The history of standings starts on %s: accounts are compared from there._\n\n"
		  : "The history of standings starts on %s: accounts are compared from there.\n",
	       day);
}

static void heading(struct out *o, const char *title, size_t n)
{
	if (o->fmt == FMT_MD)
		printf("\n## %s (%zu)\n\n", title, n);
	else
		printf("\n%s (%zu)\n", title, n);
}

static void nps_words(char *buf, size_t n, bool known, double nps)
{
	fmt_nps(buf, n, known, nps);
}

/* ---- text: one table per section ------------------------------------------- */

static const struct column board_cols[] = {
	{"quadrant", "Quadrant", false, 0},
	{"now", "Now", true, 0},
	{"then", "Then", true, 0},
	{"change", "Change", true, 0},
};
static const struct column moved_cols[] = {
	{"account", "Account", false, 32},
	{"owner", "Owner", false, 18},
	{"from", "From", false, 0},
	{"to", "To", false, 0},
	{"nps_then", "NPS then", true, 0},
	{"nps_now", "NPS now", true, 0},
	{"on", "On", false, 0},
};
static const struct column hold_cols[] = {
	{"account", "Account", false, 32},
	{"owner", "Owner", false, 18},
	{"sales", "Sales", false, 0},
	{"why", "Why", false, 50},
};
static const struct column detractor_cols[] = {
	{"on", "On", false, 0},
	{"account", "Account", false, 32},
	{"buyer", "Buyer", false, 20},
	{"score", "Score", true, 0},
	{"comment", "Comment", false, 60},
};
static const struct column followup_cols[] = {
	{"due", "Due", false, 0},          {"late", "Late", false, 0},
	{"account", "Account", false, 32}, {"buyer", "Buyer", false, 20},
	{"score", "Score", true, 0},       {"on", "Responded", false, 0},
};
static const struct column problem_cols[] = {
	{"on", "On", false, 0},
	{"event", "What", false, 0},
	{"account", "Account", false, 32},
	{"problem", "Problem", false, 50},
	{"status", "Now", false, 0},
};
static const struct column action_cols[] = {
	{"owner", "Owner", false, 18},     {"state", "State", false, 0},
	{"due", "Due", false, 0},          {"done_on", "Done", false, 0},
	{"account", "Account", false, 32}, {"action", "Action", false, 60},
};

/* The board as a table of fmt: each quadrant's accounts now and then. */
static void board_table(const struct standup *s, enum format fmt)
{
	struct table t;
	char change[16];
	int i;

	table_begin(&t, stdout, fmt, board_cols, (int)CLI_COUNT(board_cols));
	for (i = 0; i < QUAD_COUNT; i++) {
		enum quadrant q = board_order[i];

		fmt_change(change, sizeof(change), standup_delta(s, q));
		table_str(&t, quadrant_title(q));
		table_int(&t, s->now[q]);
		table_int(&t, s->then[q]);
		table_str(&t, change);
		table_row_end(&t);
	}
	table_end(&t);
}

static void print_text(const struct standup *s)
{
	struct out o = {.fmt = FMT_TEXT};
	struct table t;
	char day[DATE_LEN], buf[160], a[32], b[32];
	size_t i;

	strbuf_init(&o.sb);
	date_format(s->today, day);
	since_words(buf, sizeof(buf), s);
	printf("Standup, %s: what moved %s\n", day, buf);
	if (s->owner)
		printf("Owner: %s\n", safe(&o, s->owner));
	history_note(s, false);
	printf("\n");
	board_table(s, FMT_TEXT);

	heading(&o, "Moved", s->nmoved);
	table_begin(&t, stdout, FMT_TEXT, moved_cols, (int)CLI_COUNT(moved_cols));
	for (i = 0; i < s->nmoved; i++) {
		const struct standup_mover *m = &s->moved[i];

		nps_words(a, sizeof(a), m->nps_then_known, m->nps_then);
		nps_words(b, sizeof(b), m->nps_now_known, m->nps_now);
		table_str(&t, m->name);
		table_str(&t, m->owner);
		table_str(&t, fmt_place(m->was_on, m->from));
		table_str(&t, fmt_place(m->is_on, m->to));
		table_str(&t, a);
		table_str(&t, b);
		table_str(&t, m->changed_on);
		table_row_end(&t);
	}
	table_end(&t);

	heading(&o, "Holds set or lifted", s->nholds);
	table_begin(&t, stdout, FMT_TEXT, hold_cols, (int)CLI_COUNT(hold_cols));
	for (i = 0; i < s->nholds; i++) {
		const struct standup_hold *h = &s->holds[i];

		table_str(&t, h->name);
		table_str(&t, h->owner);
		table_str(&t, h->now ? "put on hold" : "open again");
		table_str(&t, h->why);
		table_row_end(&t);
	}
	table_end(&t);

	heading(&o, "New detractors", s->ndetractors);
	table_begin(&t, stdout, FMT_TEXT, detractor_cols, (int)CLI_COUNT(detractor_cols));
	for (i = 0; i < s->ndetractors; i++) {
		const struct standup_detractor *d = &s->detractors[i];

		table_str(&t, d->responded_on);
		table_str(&t, d->account);
		table_str(&t, d->contact ? d->contact : "anonymous");
		table_int(&t, d->score);
		table_str(&t, d->comment);
		table_row_end(&t);
	}
	table_end(&t);

	heading(&o, "Follow-ups that fell overdue", s->noverdue);
	table_begin(&t, stdout, FMT_TEXT, followup_cols, (int)CLI_COUNT(followup_cols));
	for (i = 0; i < s->noverdue; i++) {
		const struct standup_detractor *d = &s->overdue[i];

		date_format(d->due, day);
		fmt_due(buf, sizeof(buf), d->due, s->today);
		table_str(&t, day);
		table_str(&t, buf);
		table_str(&t, d->account);
		table_str(&t, d->contact ? d->contact : "anonymous");
		table_int(&t, d->score);
		table_str(&t, d->responded_on);
		table_row_end(&t);
	}
	table_end(&t);

	heading(&o, "Problems moved", s->nproblems);
	table_begin(&t, stdout, FMT_TEXT, problem_cols, (int)CLI_COUNT(problem_cols));
	for (i = 0; i < s->nproblems; i++) {
		const struct standup_problem *p = &s->problems[i];

		fmt_word(buf, sizeof(buf), p->status);
		fmt_word(a, sizeof(a), p->event);
		table_str(&t, p->on);
		table_str(&t, a);
		table_str(&t, p->account);
		table_str(&t, p->title);
		table_str(&t, buf);
		table_row_end(&t);
	}
	table_end(&t);

	heading(&o, "Actions", s->nactions);
	table_begin(&t, stdout, FMT_TEXT, action_cols, (int)CLI_COUNT(action_cols));
	for (i = 0; i < s->nactions; i++) {
		const struct standup_action *x = &s->actions[i];

		fmt_word(buf, sizeof(buf), commitment_state_name(x->state));
		table_str(&t, x->owner);
		table_str(&t, buf);
		table_str(&t, x->due);
		table_str(&t, x->done_on ? x->done_on : "-");
		table_str(&t, x->account);
		table_str(&t, x->text);
		table_row_end(&t);
	}
	table_end(&t);
	strbuf_done(&o.sb);
}

/* ---- Markdown: a page for the team's chat --------------------------------------- */

static void none(size_t n)
{
	if (!n)
		printf("_None._\n");
}

/* A detractor's bullet, up to the day they responded. */
static void md_detractor(struct out *o, const struct standup_detractor *d)
{
	printf("- **%s**: ", safe(o, d->account));
	printf("%s scored %d on %s", safe(o, d->contact ? d->contact : "anonymous"), d->score,
	       d->responded_on);
}

static void print_md(const struct standup *s)
{
	struct out o = {.fmt = FMT_MD};
	char day[DATE_LEN], buf[160], a[32], b[32];
	const char *owner = NULL;
	size_t i;

	strbuf_init(&o.sb);
	date_format(s->today, day);
	since_words(buf, sizeof(buf), s);
	printf("# Standup, %s\n\nWhat moved %s", day, buf);
	if (s->owner)
		printf(", for %s", safe(&o, s->owner));
	printf(".\n\n");
	history_note(s, true);
	printf("## Board\n\n");
	board_table(s, FMT_MD);

	heading(&o, "Moved", s->nmoved);
	for (i = 0; i < s->nmoved; i++) {
		const struct standup_mover *m = &s->moved[i];

		nps_words(a, sizeof(a), m->nps_then_known, m->nps_then);
		nps_words(b, sizeof(b), m->nps_now_known, m->nps_now);
		printf("- **%s**", safe(&o, m->name));
		printf(" (%s): %s → %s, NPS %s → %s\n", safe(&o, m->owner),
		       fmt_place(m->was_on, m->from), fmt_place(m->is_on, m->to), a, b);
	}
	none(s->nmoved);

	heading(&o, "Holds set or lifted", s->nholds);
	for (i = 0; i < s->nholds; i++) {
		const struct standup_hold *h = &s->holds[i];

		printf("- **%s**", safe(&o, h->name));
		printf(" (%s): %s", safe(&o, h->owner), h->now ? "put on hold" : "open again");
		printf(" — %s\n", safe(&o, h->why));
	}
	none(s->nholds);

	heading(&o, "New detractors", s->ndetractors);
	for (i = 0; i < s->ndetractors; i++) {
		const struct standup_detractor *d = &s->detractors[i];

		md_detractor(&o, d);
		if (*d->comment)
			printf(" — \"%s\"", safe(&o, d->comment));
		printf("\n");
	}
	none(s->ndetractors);

	heading(&o, "Follow-ups that fell overdue", s->noverdue);
	for (i = 0; i < s->noverdue; i++) {
		const struct standup_detractor *d = &s->overdue[i];

		date_format(d->due, day);
		fmt_due(buf, sizeof(buf), d->due, s->today);
		md_detractor(&o, d);
		printf("; due %s (%s)\n", day, buf);
	}
	none(s->noverdue);

	heading(&o, "Problems moved", s->nproblems);
	for (i = 0; i < s->nproblems; i++) {
		const struct standup_problem *p = &s->problems[i];

		fmt_word(buf, sizeof(buf), p->event);
		fmt_word(a, sizeof(a), p->status);
		printf("- **%s**: ", safe(&o, p->account));
		printf("%s — %s on %s, now %s\n", safe(&o, p->title), buf, p->on, a);
	}
	none(s->nproblems);

	heading(&o, "Actions", s->nactions);
	for (i = 0; i < s->nactions; i++) {
		const struct standup_action *x = &s->actions[i];

		if (!owner || strcmp(owner, x->owner) != 0) {
			owner = x->owner;
			printf("%s### %s\n\n", i ? "\n" : "",
			       safe(&o, *owner ? owner : "(no owner)"));
		}
		fmt_word(buf, sizeof(buf), commitment_state_name(x->state));
		printf("- [%c] %s", commitment_pending(x->state) ? ' ' : 'x', safe(&o, x->text));
		printf(" — %s, due %s", safe(&o, x->account), x->due);
		if (x->done_on)
			printf(", done %s", x->done_on);
		printf(" (%s)\n", buf);
	}
	none(s->nactions);
	strbuf_done(&o.sb);
}

/* ---- JSON ---------------------------------------------------------------------- */

static void json_place(struct json *j, bool on, enum quadrant q)
{
	if (on)
		json_str(j, quadrant_name(q));
	else
		json_null(j);
}

/* A detractor's response; an overdue follow-up's also says whose it is
 * and when it fell due. */
static void json_detractor(struct json *j, const struct standup_detractor *d, bool overdue)
{
	json_object(j);
	if (overdue) {
		json_key_id(j, "response_id", d->id);
	}
	json_key_id(j, "account_id", d->account_id);
	json_key_str(j, "account", d->account);
	if (overdue) {
		json_key_str(j, "owner", d->owner);
	}
	json_key_str(j, "contact", d->contact);
	json_key_int(j, "score", d->score);
	json_key_str(j, "responded_on", d->responded_on);
	if (overdue) {
		json_key_day(j, "due", d->due);
	}
	json_end(j, '}');
}

static void print_json(const struct standup *s)
{
	struct json j;
	size_t i;
	int k;

	json_init(&j, stdout);
	json_object(&j);
	json_key_day(&j, "since", s->since);
	json_key_day(&j, "today", s->today);
	json_key(&j, "board");
	json_object(&j);
	for (k = 0; k < QUAD_COUNT; k++) {
		json_key(&j, quadrant_name((enum quadrant)k));
		json_object(&j);
		json_key_int(&j, "now", s->now[k]);
		json_key_int(&j, "then", s->then[k]);
		json_end(&j, '}');
	}
	json_end(&j, '}');
	json_key(&j, "moved");
	json_array(&j);
	for (i = 0; i < s->nmoved; i++) {
		const struct standup_mover *m = &s->moved[i];

		json_object(&j);
		json_key_id(&j, "id", m->id);
		json_key_str(&j, "name", m->name);
		json_key_str(&j, "owner", m->owner);
		json_key(&j, "from");
		json_place(&j, m->was_on, m->from);
		json_key(&j, "to");
		json_place(&j, m->is_on, m->to);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "new_detractors");
	json_array(&j);
	for (i = 0; i < s->ndetractors; i++)
		json_detractor(&j, &s->detractors[i], false);
	json_end(&j, ']');
	json_key(&j, "overdue_followups");
	json_array(&j);
	for (i = 0; i < s->noverdue; i++)
		json_detractor(&j, &s->overdue[i], true);
	json_end(&j, ']');
	json_key(&j, "problems_moved");
	json_array(&j);
	for (i = 0; i < s->nproblems; i++) {
		const struct standup_problem *p = &s->problems[i];

		json_object(&j);
		json_key_id(&j, "id", p->id);
		json_key_id(&j, "account_id", p->account_id);
		json_key_str(&j, "account", p->account);
		json_key_str(&j, "title", p->title);
		json_key_str(&j, "status", p->status);
		json_key_str(&j, "event", p->event);
		json_key_str(&j, "on", p->on);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "holds");
	json_array(&j);
	for (i = 0; i < s->nholds; i++) {
		const struct standup_hold *h = &s->holds[i];

		json_object(&j);
		json_key_id(&j, "id", h->id);
		json_key_str(&j, "name", h->name);
		json_key_str(&j, "owner", h->owner);
		json_key_str(&j, "from", h->was ? "hold" : "open");
		json_key_str(&j, "to", h->now ? "hold" : "open");
		json_key_str(&j, "why", h->why);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_key(&j, "actions");
	json_array(&j);
	for (i = 0; i < s->nactions; i++) {
		const struct standup_action *x = &s->actions[i];

		json_object(&j);
		json_key_id(&j, "id", x->id);
		json_key_str(&j, "account", x->account);
		json_key_str(&j, "owner", x->owner);
		json_key_str(&j, "due", x->due);
		json_key_str(&j, "text", x->text);
		json_key_str(&j, "state", commitment_state_name(x->state));
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_end(&j, '}');
	json_done(&j);
}

/* ---- the command ----------------------------------------------------------------- */

struct standup_opts {
	const char *owner;
	int since;
	bool mark;
};

static int standup_run(struct cli *c, void *arg)
{
	const struct standup_opts *o = arg;
	struct standup s;
	struct db *db = NULL;
	char day[DATE_LEN], stamp[APP_STAMP_LEN], *owner = NULL;
	bool added = false;
	enum status st;
	int r;

	if ((r = cli_setup(c)) != EXIT_OK)
		return r;
	if (o->since != CLI_UNSET && o->since > c->app.today) {
		date_format(o->since, day);
		return cli_usage("--since %s is in the future", day);
	}
	if ((r = o->mark ? cli_open_change(c, &db) : cli_open(c, &db)) != EXIT_OK)
		return r;
	if (o->owner && (st = cli_resolve_owner(db, o->owner, &owner)) != STATUS_OK)
		return cli_close(db, st);
	date_format(c->app.today, day);
	if (o->mark && (st = db_mark_add(db, day, app_stamp(&c->app, stamp), &added)) != STATUS_OK)
		goto fail;
	if (o->mark)
		cli_after_commit();
	if ((st = standup_load(db, &c->app.config.rules, c->app.today,
			       o->since == CLI_UNSET ? -1 : o->since, owner, &s)) != STATUS_OK)
		goto fail;
	if (c->format == FMT_JSON)
		print_json(&s);
	else if (c->format == FMT_MD)
		print_md(&s);
	else
		print_text(&s);
	if (o->mark && c->format != FMT_JSON)
		printf(c->format == FMT_MD ? "\n_%s %s._\n" : "\n%s %s.\n",
		       added ? "Standup marked as held today,"
			     : "A standup was already marked today,",
		       day);
	standup_done(&s);
	db_close(db);
	free(owner);
	return EXIT_OK;
fail:
	free(owner);
	return cli_close(db, st);
}

#define O(f) offsetof(struct standup_opts, f)
static const struct cli_opt options[] = {
	CLI_FLAG_OPT("--mark", 0, O(mark),
		     "records that a standup is held today (the next report runs from it)"),
	CLI_DATE_OPT("--since", "DATE", 0, O(since),
		     "what moved after DATE, instead of since the last standup"),
	CLI_OWNER_FILTER(struct standup_opts, owner),
};
#undef O

const struct cli_cmd cmd_standup = {
	.name = "standup",
	.summary = "what moved since the last standup, and the team's actions; --mark records one",
	.description = "What moved since the last standup marked before today (a standup marked\n"
		       "today is the one being held, so the report stays the same all day), or\n"
		       "since DATE: a day's changes count from the end of that day. Without a\n"
		       "marked standup, the last 7 days.\n"
		       "  the board: each quadrant's active accounts now and then\n"
		       "  moved: accounts that changed quadrant, or came onto or left the board,\n"
		       "    with their NPS then and now\n"
		       "  holds: accounts whose sales were put on hold or opened again in the\n"
		       "    same quadrant\n"
		       "  new detractors, and the follow-ups that fell overdue since (agenda)\n"
		       "  problems opened, resolved or reported back\n"
		       "  actions (acctplan action): every open one, and those done since; each\n"
		       "    open, not_done (past its due day), done, or late (done after it)\n"
		       "--mark records that a standup is held today, then reports. --owner keeps\n"
		       "one owner's accounts and the actions they own.\n"
		       "\n"
		       "--format md is a page to paste into the team's chat. --format json prints\n"
		       "one object: since, today, board (per quadrant: now, then), moved (id,\n"
		       "name, owner, from, to: quadrants, null off the board), new_detractors,\n"
		       "overdue_followups, problems_moved, holds (from, to: hold or open) and\n"
		       "actions (id, account, owner, due, text, state); ids are strings.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_PAGES,
	.size = sizeof(struct standup_opts),
	.run = standup_run,
};

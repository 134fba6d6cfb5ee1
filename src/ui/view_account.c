/*
 * One account: a header with where it stands (quadrant, play, hold and
 * why) and tabs for its feedback history, contacts, problems, notes and
 * plan (the readiness conditions, then the referrals asked). Everything of one account is fetched when it opens (it is bounded
 * by the account, not the book); the tab's text is laid out into lines for
 * the current width and scrolled with the list widget.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "book_forms.h"
#include "hint.h"
#include "page.h"
#include "acctplan/agenda.h"
#include "acctplan/practices.h"
#include "acctplan/lists.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

enum tab { TAB_FEEDBACK, TAB_CONTACTS, TAB_PROBLEMS, TAB_NOTES, TAB_PLAN, TAB_COUNT };
static const char *const tab_names[TAB_COUNT] = {"Feedback", "Contacts", "Problems", "Notes",
						 "Plan"};

#define REC_FIELDS 10
/* One fetched row, its strings copied: the meaning of s[] depends on the tab. */
struct rec {
	char *s[REC_FIELDS];
	int64_t id;  /* the response or buyer */
	size_t line; /* its first line on the page, as last built */
	int num;
	bool flag;
	struct followup_facts facts; /* feedback: what the follow-up rule needs */
};

static struct account_view {
	int64_t id;
	bool loaded;
	/* the header */
	char *name, *owner, *segment, *hold_reason, *hold_on;
	enum acct_status status;
	char *won_on, *lost_to, *lost_reason, *winback; /* NULL when none */
	const char *hold_why;
	enum fit fit;
	enum quadrant quadrant;
	int64_t revenue, wallet;
	bool has_wallet, nps_known, share_known, hold, hold_manual;
	double nps, share;
	int counted, open_conditions;
	/* the referrals, shown on the Plan tab after the conditions */
	struct rec *refs;
	size_t nrefs, refs_cap;
	/* the tabs */
	struct rec *recs[TAB_COUNT];
	size_t nrecs[TAB_COUNT], recs_cap[TAB_COUNT];
	enum tab tab;
	size_t sel[TAB_COUNT]; /* the row cursor of the Feedback and Contacts tabs */
	bool place_cursor;     /* opened: the cursor goes to what needs doing first */
	struct page page;
	int built_w;
	int built_tab;
	struct list list;
	int content_y;
	int tabs_y;
	int tab_x[TAB_COUNT + 1];
} V;

static char *dup_opt(const char *s)
{
	return xstrdup(s ? s : "");
}

/* A stored code as words ("decision_maker" -> "decision maker"). */
static char *dup_word(const char *code)
{
	char w[64];

	fmt_word(w, sizeof(w), code ? code : "");
	return xstrdup(w);
}

/* A new zeroed record at the end of the list v of n (room for cap). */
static struct rec *rec_push(struct rec **v, size_t *n, size_t *cap)
{
	struct rec *r;

	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	r = &(*v)[(*n)++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* Frees the list v of n records, leaving it empty. */
static void recs_free(struct rec **v, size_t *n, size_t *cap)
{
	size_t i;
	int k;

	for (i = 0; i < *n; i++)
		for (k = 0; k < REC_FIELDS; k++)
			free((*v)[i].s[k]);
	free(*v);
	*v = NULL;
	*n = *cap = 0;
}

static struct rec *new_rec(enum tab t)
{
	return rec_push(&V.recs[t], &V.nrecs[t], &V.recs_cap[t]);
}

static void free_all(void)
{
	int t;

	for (t = 0; t < TAB_COUNT; t++)
		recs_free(&V.recs[t], &V.nrecs[t], &V.recs_cap[t]);
	recs_free(&V.refs, &V.nrefs, &V.refs_cap);
	free(V.name);
	free(V.owner);
	free(V.segment);
	free(V.hold_reason);
	free(V.hold_on);
	V.name = V.owner = V.segment = V.hold_reason = V.hold_on = NULL;
	free(V.won_on);
	free(V.lost_to);
	free(V.lost_reason);
	free(V.winback);
	V.won_on = V.lost_to = V.lost_reason = V.winback = NULL;
	page_clear(&V.page);
}

/* Whether the tab shown has a row cursor: a buyer or a response to act on. */
static bool has_cursor(void)
{
	return (V.tab == TAB_FEEDBACK || V.tab == TAB_CONTACTS) && V.nrecs[V.tab] > 0;
}

/* ---- fetching ------------------------------------------------------------ */

static int got_account(const struct account_row *r, void *ctx)
{
	(void)ctx;
	V.name = dup_opt(r->name);
	V.owner = dup_opt(r->owner);
	V.segment = dup_opt(r->segment);
	V.hold_reason = r->hold_reason ? xstrdup(r->hold_reason) : NULL;
	V.hold_on = r->hold_on ? xstrdup(r->hold_on) : NULL;
	V.hold_why = r->hold.why;
	V.status = r->status;
	V.won_on = r->won_on ? xstrdup(r->won_on) : NULL;
	V.lost_to = r->lost_to ? xstrdup(r->lost_to) : NULL;
	V.lost_reason = r->lost_reason ? xstrdup(r->lost_reason) : NULL;
	V.winback = r->winback_plan ? xstrdup(r->winback_plan) : NULL;
	V.fit = r->fit;
	V.quadrant = r->quadrant;
	V.revenue = r->revenue;
	V.wallet = r->wallet;
	V.has_wallet = r->has_wallet;
	V.nps_known = r->nps_known;
	V.nps = r->nps;
	V.share_known = r->share_known;
	V.share = r->share;
	V.counted = r->counted;
	V.hold = r->hold.on;
	V.hold_manual = r->hold.manual;
	V.open_conditions = r->open_conditions;
	return 0;
}

enum { FB_DATE, FB_CONTACT, FB_ROLE, FB_COMMENT, FB_DEFECTS };
static int got_feedback(const struct feedback_row *f, void *ctx)
{
	struct rec *r = new_rec(TAB_FEEDBACK);

	r->id = f->id;
	r->s[FB_DATE] = dup_opt(f->responded_on);
	r->s[FB_CONTACT] = dup_opt(f->contact_id ? f->contact_name : "anonymous");
	r->s[FB_ROLE] = dup_word(f->contact_id ? f->role : "");
	r->s[FB_COMMENT] = dup_opt(f->comment);
	r->s[FB_DEFECTS] = dup_opt(f->defects);
	r->num = f->score;
	r->facts = f->followup;
	return 0;
}

enum { CT_NAME, CT_TITLE, CT_ROLE, CT_ON, CT_EMAIL, CT_PHONE };
static int got_contact(const struct contact_row *c, void *ctx)
{
	struct rec *r = new_rec(TAB_CONTACTS);

	r->id = c->id;
	r->s[CT_NAME] = dup_opt(c->name);
	r->s[CT_TITLE] = dup_opt(c->title);
	r->s[CT_ROLE] = dup_word(c->role);
	r->s[CT_ON] = dup_opt(c->latest_on);
	r->s[CT_EMAIL] = dup_opt(c->email);
	r->s[CT_PHONE] = dup_opt(c->phone);
	r->num = c->latest_score;
	r->flag = c->has_score;
	return 0;
}

enum {
	PR_TITLE,
	PR_CAT,
	PR_STATUS,
	PR_OWNER,
	PR_OPENED,
	PR_RESOLVED,
	PR_REPORTED,
	PR_DEFECT,
	PR_CAUSE
};
static int got_problem(const struct problem_row *p, void *ctx)
{
	struct rec *r = new_rec(TAB_PROBLEMS);

	r->s[PR_TITLE] = dup_opt(p->title);
	r->s[PR_CAT] = dup_opt(p->category);
	r->s[PR_STATUS] = dup_opt(p->status);
	r->s[PR_OWNER] = dup_opt(p->owner);
	r->s[PR_OPENED] = dup_opt(p->opened_on);
	r->s[PR_RESOLVED] = dup_opt(p->resolved_on);
	r->s[PR_REPORTED] = dup_opt(p->reported_on);
	r->s[PR_DEFECT] = dup_opt(p->defect_code);
	r->s[PR_CAUSE] = dup_opt(p->root_cause);
	return 0;
}

enum { NT_CREATED, NT_KIND, NT_GOOD, NT_REASON, NT_NEXT, NT_BODY, NT_CONTACT };
static int got_note(const struct note_row *n, void *ctx)
{
	struct rec *r = new_rec(TAB_NOTES);

	r->s[NT_CREATED] = dup_opt(n->created_at);
	r->s[NT_KIND] = dup_opt(n->kind);
	r->s[NT_GOOD] = dup_opt(n->good_time);
	r->s[NT_REASON] = dup_word(n->reason);
	r->s[NT_NEXT] = dup_opt(n->next_contact_on);
	r->s[NT_BODY] = dup_opt(n->body);
	r->s[NT_CONTACT] = dup_opt(n->contact_name);
	return 0;
}

enum { CD_TEXT, CD_MET, CD_CREATED };
static int got_condition(const struct condition_row *c, void *ctx)
{
	struct rec *r = new_rec(TAB_PLAN);

	r->s[CD_TEXT] = dup_opt(c->text);
	r->s[CD_MET] = dup_opt(c->met_on);
	r->s[CD_CREATED] = dup_opt(c->created_at);
	return 0;
}

enum { RF_ASKED, RF_CONTACT, RF_TO, RF_OUTCOME, RF_ON };
static int got_referral(const struct referral_row *f, void *ctx)
{
	struct rec *r;

	(void)ctx;
	r = rec_push(&V.refs, &V.nrefs, &V.refs_cap);
	r->id = f->id;
	r->s[RF_ASKED] = dup_opt(f->asked_on);
	r->s[RF_CONTACT] = dup_opt(f->contact ? f->contact : "(no buyer)");
	r->s[RF_TO] = dup_opt(f->referred_to);
	r->s[RF_OUTCOME] = dup_opt(referral_outcome_name(f->outcome));
	r->s[RF_ON] = dup_opt(f->outcome_on);
	return 0;
}

static void fetch(struct ui *ui)
{
	enum status st;

	free_all();
	if ((st = db_account_get(ui->db, V.id, got_account, NULL)) != STATUS_OK ||
	    (st = db_feedback(ui->db, V.id, got_feedback, NULL)) != STATUS_OK ||
	    (st = db_contacts(ui->db, V.id, got_contact, NULL)) != STATUS_OK ||
	    (st = db_problems(ui->db, V.id, got_problem, NULL)) != STATUS_OK ||
	    (st = db_notes(ui->db, V.id, got_note, NULL)) != STATUS_OK ||
	    (st = db_conditions(ui->db, V.id, got_condition, NULL)) != STATUS_OK ||
	    (st = db_referrals(ui->db, V.id, got_referral, NULL)) != STATUS_OK)
		ui_message(ui, THEME_WARNING, "%s", status_detail());
	if (!V.name)
		V.name = xstrdup("(account not found)");
	if (V.place_cursor) {
		/* the oldest response waiting for a follow-up, as the forms
		 * offer it first; else the newest */
		size_t i;

		V.place_cursor = false;
		for (i = 0; i < V.nrecs[TAB_FEEDBACK]; i++) {
			enum followup_state fs = followup_state(
				ui->rules, ui->today, &V.recs[TAB_FEEDBACK][i].facts, NULL);
			if (fs == FOLLOWUP_DUE || fs == FOLLOWUP_OVERDUE)
				V.sel[TAB_FEEDBACK] = i;
		}
	}
	V.loaded = true;
	V.built_w = -1;
}

/* ---- laying out the tab ---------------------------------------------------- */

static void build_feedback(struct ui *ui)
{
	size_t i;
	char buf[64];

	for (i = 0; i < V.nrecs[TAB_FEEDBACK]; i++) {
		struct rec *r = &V.recs[TAB_FEEDBACK][i];
		enum category cat = score_category(r->num);
		int x;

		r->line = V.page.n;
		page_line(&V.page);
		x = page_seg(&V.page, 0, r->s[FB_DATE], THEME_TITLE) + 2;
		snprintf(buf, sizeof(buf), "%2d %-9s", r->num, category_name(cat));
		x = page_seg(&V.page, x, buf, draw_score_elem(r->num)) + 1;
		x = page_seg(&V.page, x, r->s[FB_CONTACT], THEME_NORMAL);
		if (*r->s[FB_ROLE]) {
			snprintf(buf, sizeof(buf), " (%s)", r->s[FB_ROLE]);
			x = page_seg(&V.page, x, buf, THEME_DIM);
		}
		if (*r->s[FB_DEFECTS]) {
			x = page_seg(&V.page, x + 2, "defects: ", THEME_DIM);
			x = page_seg(&V.page, x, r->s[FB_DEFECTS], THEME_HOLD);
		}
		{
			int due = 0;
			enum followup_state fs =
				followup_state(ui->rules, ui->today, &r->facts, &due);
			char state[80];

			fmt_followup(state, sizeof(state), fs, due, ui->today);
			if (*state)
				page_seg(&V.page, x + 2, state,
					 fs == FOLLOWUP_DONE ? THEME_DIM : THEME_WARNING);
		}
		page_wrap(&V.page, r->s[FB_COMMENT], 4, THEME_NORMAL);
		page_line(&V.page);
	}
	(void)ui;
}

static void build_contacts(struct ui *ui)
{
	size_t i;
	char buf[96];

	for (i = 0; i < V.nrecs[TAB_CONTACTS]; i++) {
		struct rec *r = &V.recs[TAB_CONTACTS][i];
		enum category cat = r->flag ? score_category(r->num) : CAT_NONE;
		int x;

		r->line = V.page.n;
		page_line(&V.page);
		x = page_seg(&V.page, 0, r->s[CT_NAME], THEME_TITLE);
		if (*r->s[CT_TITLE]) {
			x = page_seg(&V.page, x, ", ", THEME_NORMAL);
			x = page_seg(&V.page, x, r->s[CT_TITLE], THEME_NORMAL);
		}
		snprintf(buf, sizeof(buf), " (%s)", r->s[CT_ROLE]);
		x = page_seg(&V.page, x, buf, THEME_DIM) + 2;
		if (r->flag) {
			snprintf(buf, sizeof(buf), "latest %d %s", r->num, category_name(cat));
			x = page_seg(&V.page, x, buf, draw_score_elem(r->num));
			snprintf(buf, sizeof(buf), " on %.10s", r->s[CT_ON]);
			page_seg(&V.page, x, buf, THEME_DIM);
		} else {
			page_seg(&V.page, x, "no response yet", THEME_DIM);
		}
		if (*r->s[CT_EMAIL] || *r->s[CT_PHONE]) {
			page_line(&V.page);
			x = page_seg(&V.page, 4, r->s[CT_EMAIL], THEME_DIM);
			page_seg(&V.page, *r->s[CT_EMAIL] ? x + 2 : 4, r->s[CT_PHONE], THEME_DIM);
		}
		snprintf(buf, sizeof(buf), "Approach: ");
		{
			char *a = xasprintf("Approach: %s", approach_for(cat));
			page_wrap(&V.page, a, 4,
				  cat == CAT_DETRACTOR ? THEME_DETRACTOR : THEME_NORMAL);
			free(a);
		}
		page_line(&V.page);
	}
	(void)ui;
}

static void build_problems(struct ui *ui)
{
	size_t i;
	int s;

	for (i = 0; i < V.nrecs[TAB_PROBLEMS]; i++) {
		const struct rec *r = &V.recs[TAB_PROBLEMS][i];
		int cur = problem_status_from_name(r->s[PR_STATUS]), x;
		char buf[128];

		page_line(&V.page);
		x = page_seg(&V.page, 0, r->s[PR_TITLE], THEME_TITLE);
		snprintf(buf, sizeof(buf), "  [%s]", r->s[PR_CAT]);
		x = page_seg(&V.page, x, buf, THEME_DIM);
		if (*r->s[PR_DEFECT]) {
			x = page_seg(&V.page, x + 2, "defect ", THEME_DIM);
			page_seg(&V.page, x, r->s[PR_DEFECT], THEME_HOLD);
		}
		page_line(&V.page);
		x = 4;
		for (s = 0; s < PSTAT_COUNT; s++) {
			int elem = s == cur ? THEME_TAB_ACTIVE : s < cur ? THEME_NORMAL : THEME_DIM;
			if (s)
				x = page_seg(&V.page, x, " → ", THEME_DIM);
			char w[32];
			fmt_word(w, sizeof(w), problem_status_name((enum problem_status)s));
			x = page_seg(&V.page, x, w, elem);
		}
		page_line(&V.page);
		x = page_seg(&V.page, 4, "opened ", THEME_DIM);
		x = page_seg(&V.page, x, r->s[PR_OPENED], THEME_NORMAL);
		if (*r->s[PR_RESOLVED]) {
			x = page_seg(&V.page, x + 2, "resolved ", THEME_DIM);
			x = page_seg(&V.page, x, r->s[PR_RESOLVED], THEME_NORMAL);
		}
		if (*r->s[PR_REPORTED]) {
			x = page_seg(&V.page, x + 2, "reported back ", THEME_DIM);
			x = page_seg(&V.page, x, r->s[PR_REPORTED], THEME_NORMAL);
		}
		if (*r->s[PR_OWNER]) {
			x = page_seg(&V.page, x + 2, "owner ", THEME_DIM);
			page_seg(&V.page, x, r->s[PR_OWNER], THEME_NORMAL);
		}
		if (*r->s[PR_CAUSE]) {
			char *c = xasprintf("Root cause: %s", r->s[PR_CAUSE]);
			page_wrap(&V.page, c, 4, THEME_NORMAL);
			free(c);
		}
		page_line(&V.page);
	}
	(void)ui;
}

static void build_notes(struct ui *ui)
{
	size_t i;

	for (i = 0; i < V.nrecs[TAB_NOTES]; i++) {
		const struct rec *r = &V.recs[TAB_NOTES][i];
		int x;

		page_line(&V.page);
		x = page_seg(&V.page, 0, r->s[NT_CREATED], THEME_TITLE) + 2;
		x = page_seg(&V.page, x, r->s[NT_KIND], THEME_KEY);
		if (*r->s[NT_GOOD]) {
			x = page_seg(&V.page, x + 2, "good time: ", THEME_DIM);
			x = page_seg(&V.page, x, r->s[NT_GOOD],
				     !strcmp(r->s[NT_GOOD], "yes")  ? THEME_PROMOTER
				     : !strcmp(r->s[NT_GOOD], "no") ? THEME_DETRACTOR
								    : THEME_PASSIVE);
			if (*r->s[NT_REASON]) {
				x = page_seg(&V.page, x, " (", THEME_DIM);
				x = page_seg(&V.page, x, r->s[NT_REASON], THEME_NORMAL);
				x = page_seg(&V.page, x, ")", THEME_DIM);
			}
		}
		if (*r->s[NT_NEXT]) {
			x = page_seg(&V.page, x + 2, "next contact ", THEME_DIM);
			x = page_seg(&V.page, x, r->s[NT_NEXT], THEME_NORMAL);
		}
		if (*r->s[NT_CONTACT]) {
			x = page_seg(&V.page, x + 2, "with ", THEME_DIM);
			page_seg(&V.page, x, r->s[NT_CONTACT], THEME_NORMAL);
		}
		page_wrap(&V.page, r->s[NT_BODY], 4, THEME_NORMAL);
		page_line(&V.page);
	}
	(void)ui;
}

static void build_plan(struct ui *ui)
{
	size_t i;

	if (V.nrecs[TAB_PLAN]) {
		page_line(&V.page);
		page_seg(
			&V.page, 0,
			V.hold_manual && !V.hold
				? "Readiness conditions: the hold was lifted by hand; sales are open "
				  "although some are not met."
			: V.hold_manual ? "Readiness conditions: sales are on hold by hand."
			: V.open_conditions
				? "Readiness conditions: sales stay on hold until each is met."
				: "Every readiness condition is met.",
			THEME_DIM);
		page_line(&V.page);
	}
	for (i = 0; i < V.nrecs[TAB_PLAN]; i++) {
		const struct rec *r = &V.recs[TAB_PLAN][i];
		bool met = *r->s[CD_MET];
		int x;

		page_line(&V.page);
		x = page_seg(&V.page, 0, met ? "[x] " : "[ ] ", met ? THEME_PROMOTER : THEME_HOLD);
		x = page_seg(&V.page, x, r->s[CD_TEXT], met ? THEME_NORMAL : THEME_TITLE);
		if (met) {
			x = page_seg(&V.page, x + 2, "met ", THEME_DIM);
			page_seg(&V.page, x, r->s[CD_MET], THEME_NORMAL);
		} else {
			page_seg(&V.page, x + 2, "open", THEME_HOLD);
		}
	}
	if (V.nrefs) {
		page_heading(&V.page, "Referrals");
		page_line(&V.page);
		page_seg(&V.page, 0,
			 "Asks of promoters for a referral, and whom they referred us to.",
			 THEME_DIM);
	}
	for (i = 0; i < V.nrefs; i++) {
		const struct rec *r = &V.refs[i];
		bool named = *r->s[RF_TO];
		char w[32];
		int x;

		page_line(&V.page);
		x = page_seg(&V.page, 0, r->s[RF_ASKED], THEME_DIM) + 2;
		x = page_seg(&V.page, x, r->s[RF_CONTACT], THEME_TITLE);
		x = page_seg(&V.page, x, named ? " referred us to " : " asked; ", THEME_DIM);
		x = page_seg(&V.page, x, named ? r->s[RF_TO] : "no one named yet",
			     named ? THEME_NORMAL : THEME_DIM) +
		    2;
		fmt_word(w, sizeof(w), r->s[RF_OUTCOME]);
		x = page_seg(&V.page, x, w,
			     !strcmp(r->s[RF_OUTCOME], "won")    ? THEME_PROMOTER
			     : !strcmp(r->s[RF_OUTCOME], "lost") ? THEME_DETRACTOR
								 : THEME_KEY);
		if (named && *r->s[RF_ON]) {
			x = page_seg(&V.page, x + 1, "on", THEME_DIM);
			page_seg(&V.page, x + 1, r->s[RF_ON], THEME_NORMAL);
		}
	}
	(void)ui;
}

static void build(struct ui *ui, int width)
{
	static const char *const none[TAB_COUNT] = {
		"No feedback yet: get feedback before any pitch.",
		"No contacts on record.",
		"No problems on record.",
		"No notes yet.",
		"No readiness conditions in the plan, and no referral asked.",
	};

	page_clear(&V.page);
	V.page.width = width;
	switch (V.tab) {
	case TAB_FEEDBACK:
		build_feedback(ui);
		break;
	case TAB_CONTACTS:
		build_contacts(ui);
		break;
	case TAB_PROBLEMS:
		build_problems(ui);
		break;
	case TAB_NOTES:
		build_notes(ui);
		break;
	case TAB_PLAN:
		build_plan(ui);
		break;
	default:
		break;
	}
	if (V.page.n == 0) {
		page_line(&V.page);
		page_seg(&V.page, 0, none[V.tab], THEME_DIM);
	}
	V.built_w = width;
	V.built_tab = (int)V.tab;
}

/* ---- the view -------------------------------------------------------------- */

static void open_on(int64_t id)
{
	memset(V.sel, 0, sizeof(V.sel));
	V.place_cursor = true;
	V.id = id;
	V.loaded = false;
	V.tab = TAB_FEEDBACK;
	list_init(&V.list);
}

void view_account_open(struct ui *ui, int64_t id)
{
	open_on(id);
	ui_push(ui, &view_account_ops);
}

void view_account_open_below(struct ui *ui, int64_t id)
{
	open_on(id);
	ui_push_below(ui, &view_account_ops);
}

#define HEADER_ROWS 5

/* The lines of the record under the cursor: first .. last. */
static void cursor_lines(size_t *first, size_t *last)
{
	size_t i = V.sel[V.tab];

	*first = V.recs[V.tab][i].line;
	*last = i + 1 < V.nrecs[V.tab] ? V.recs[V.tab][i + 1].line - 1 : V.page.n - 1;
	while (*last > *first && V.page.lines[*last].n == 0) /* its blank line after */
		(*last)--;
}

static void account_reload(struct ui *ui)
{
	int width = ui->cols - 2;

	if (!V.loaded)
		fetch(ui);
	if (V.built_w != width || V.built_tab != (int)V.tab) {
		build(ui, width);
	}
	V.tabs_y = ui->view_y + HEADER_ROWS - 1;
	V.content_y = ui->view_y + HEADER_ROWS + 1;
	page_list(&V.page, &V.list, ui->view_h - HEADER_ROWS - 1);
	if (has_cursor() && V.sel[V.tab] >= V.nrecs[V.tab])
		V.sel[V.tab] = V.nrecs[V.tab] - 1;
	if (has_cursor()) { /* keep the row under the cursor in sight */
		size_t first, last, h = (size_t)V.list.height;

		cursor_lines(&first, &last);
		if (last >= V.list.top + h)
			V.list.top = last + 1 > h ? last + 1 - h : 0;
		if (first < V.list.top)
			V.list.top = first;
	}
}

static void draw_header(struct ui *ui)
{
	int y = ui->view_y, x, t;
	char a[32], b[32], c[32], d[32];
	int qe = draw_quadrant_elem(V.quadrant);

	x = 1 + draw_text(ui, y, 1, ui->cols - 2, V.name, THEME_TITLE, false);
	if (x < ui->cols - 4) {
		char *meta = xasprintf("  %s · %s · fit %s", *V.owner ? V.owner : "no owner",
				       *V.segment ? V.segment : "no segment", fit_name(V.fit));
		draw_text(ui, y, x, ui->cols - x - 1, meta, THEME_DIM, false);
		free(meta);
	}
	y++;
	fmt_money_short(a, sizeof(a), V.revenue);
	if (V.has_wallet)
		fmt_money_short(b, sizeof(b), V.wallet);
	else
		snprintf(b, sizeof(b), "unknown");
	fmt_share(c, sizeof(c), V.share_known, V.share);
	fmt_nps(d, sizeof(d), V.nps_known, V.nps);
	draw_printf(ui, y, 1, ui->cols - 2, THEME_NORMAL,
		    "Revenue %s · wallet %s · share %s · NPS %s (%d counted)", a, b, c, d,
		    V.counted);
	y++;
	if (V.status == ACCT_LOST) {
		/* a lost account is off the board: its win-back plan instead */
		char *lost = xasprintf(": to %s (%s)", V.lost_to ? V.lost_to : "?",
				       V.lost_reason ? V.lost_reason : "no reason given");
		x = 1 + draw_text(ui, y, 1, ui->cols - 2, "Lost", THEME_HOLD, false);
		draw_text(ui, y, x, ui->cols - x - 1, lost, THEME_NORMAL, false);
		free(lost);
		/* the sales row below is the plan's */
		x = 1 + draw_text(ui, y + 1, 1, ui->cols - 2, "Win-back plan", THEME_TITLE, false);
		draw_printf(ui, y + 1, x, ui->cols - x - 1, THEME_NORMAL, ": %s",
			    V.winback ? V.winback : "none yet");
	} else if (V.status == ACCT_PROSPECT) {
		draw_text(ui, y, 1, ui->cols - 2,
			  "Prospect: on the board once it is active (a sale won makes it so)",
			  THEME_DIM, false);
	} else {
		x = 1 + draw_text(ui, y, 1, ui->cols - 2, quadrant_title(V.quadrant), qe, false);
		draw_printf(ui, y, x, ui->cols - x - 1, THEME_NORMAL, ": %s",
			    quadrant_play(V.quadrant));
	}
	y++;
	if (V.status == ACCT_LOST) {
		/* the win-back plan is on this row */
	} else if (V.hold) {
		x = 1 + draw_text(ui, y, 1, 14, "Sales on hold", THEME_HOLD, false);
		if (V.hold_reason) {
			char *why = xasprintf(": %s (set by hand%s%s)", V.hold_reason,
					      V.hold_on ? " on " : "", V.hold_on ? V.hold_on : "");
			draw_text(ui, y, x, ui->cols - x - 1, why, THEME_NORMAL, false);
			free(why);
		} else if (V.hold_why) {
			draw_printf(ui, y, x, ui->cols - x - 1, THEME_NORMAL, ": %s", V.hold_why);
		}
	} else {
		x = 1 + draw_text(ui, y, 1, 10, "Sales open", THEME_PROMOTER, false);
		if (V.hold_reason) {
			char *why = xasprintf(": hold lifted by hand: %s", V.hold_reason);
			draw_text(ui, y, x, ui->cols - x - 1, why, THEME_NORMAL, false);
			free(why);
		}
	}
	y++;
	draw_fill(ui, y, 0, ui->cols, THEME_TAB);
	x = 1;
	for (t = 0; t < TAB_COUNT; t++) {
		char label[48];
		snprintf(label, sizeof(label), " %s (%zu) ", tab_names[t], V.nrecs[t]);
		V.tab_x[t] = x;
		x += draw_text(ui, y, x, ui->cols - x, label,
			       t == (int)V.tab ? THEME_TAB_ACTIVE : THEME_TAB, false) +
		     1;
	}
	V.tab_x[TAB_COUNT] = x;
	draw_hline(ui, y + 1, 0, ui->cols, THEME_BORDER);
}

static void account_draw(struct ui *ui)
{
	draw_header(ui);
	page_draw(ui, &V.page, &V.list, V.content_y);
	if (has_cursor() && V.built_tab == (int)V.tab) {
		size_t first, last, l;

		cursor_lines(&first, &last);
		for (l = first; l <= last; l++)
			if (l >= V.list.top && l < V.list.top + (size_t)V.list.height)
				draw_glyph(ui, V.content_y + (int)(l - V.list.top), 0, "▌", '>',
					   THEME_SELECTION);
	}
}

/* Moves the row cursor by action, the page scrolled to show the row. */
static int cursor_move(int action)
{
	size_t n = V.nrecs[V.tab], *sel = &V.sel[V.tab], first, last, h = (size_t)V.list.height;

	switch (action) {
	case ACT_UP:
		if (*sel == 0)
			return REACT_NONE;
		(*sel)--;
		break;
	case ACT_DOWN:
		if (*sel + 1 >= n)
			return REACT_NONE;
		(*sel)++;
		break;
	case ACT_PAGE_UP:
		while (*sel > 0 && V.recs[V.tab][*sel].line + h > V.list.top + 1 &&
		       V.list.top > 0 && V.recs[V.tab][*sel - 1].line + h > V.list.top)
			(*sel)--;
		if (*sel > 0)
			(*sel)--;
		break;
	case ACT_PAGE_DOWN:
		while (*sel + 1 < n && V.recs[V.tab][*sel + 1].line < V.list.top + h)
			(*sel)++;
		if (*sel + 1 < n)
			(*sel)++;
		break;
	case ACT_FIRST:
		*sel = 0;
		break;
	default: /* ACT_LAST */
		*sel = n - 1;
		break;
	}
	cursor_lines(&first, &last);
	if (last >= V.list.top + h)
		V.list.top = last + 1 > h ? last + 1 - h : 0;
	if (first < V.list.top)
		V.list.top = first;
	return REACT_DRAW;
}

/* What the cursor is on, for the forms. */
static void cursor_of(struct book_cursor *c, char *label, size_t n)
{
	const struct rec *r;

	memset(c, 0, sizeof(*c));
	c->kind = V.tab == TAB_CONTACTS ? ID_CONTACT : ID_RESPONSE;
	if (!has_cursor())
		return;
	r = &V.recs[V.tab][V.sel[V.tab]];
	c->id = r->id;
	if (V.tab == TAB_CONTACTS)
		snprintf(label, n, "%s", r->s[CT_NAME]);
	else
		snprintf(label, n, "of %s, %d on %s", r->s[FB_CONTACT], r->num, r->s[FB_DATE]);
	c->label = label;
}

static int set_tab(int t)
{
	V.sel[(t + TAB_COUNT) % TAB_COUNT] = 0;
	V.tab = (enum tab)((t + TAB_COUNT) % TAB_COUNT);
	list_init(&V.list);
	return REACT_RELOAD;
}

static int account_handle(struct ui *ui, int action)
{
	struct book_cursor cur;
	char label[160];
	int r;

	if (list_is_move(action))
		return has_cursor() && V.built_tab == (int)V.tab ? cursor_move(action)
								 : list_scroll(&V.list, action);
	switch (action) {
	case ACT_TAB_NEXT:
		return set_tab((int)V.tab + 1);
	case ACT_TAB_PREV:
		return set_tab((int)V.tab - 1);
	case ACT_TAB_FEEDBACK:
		return set_tab(TAB_FEEDBACK);
	case ACT_TAB_CONTACTS:
		return set_tab(TAB_CONTACTS);
	case ACT_TAB_PROBLEMS:
		return set_tab(TAB_PROBLEMS);
	case ACT_TAB_NOTES:
		return set_tab(TAB_NOTES);
	case ACT_TAB_PLAN:
		return set_tab(TAB_PLAN);
	case ACT_RELOAD:
		V.loaded = false;
		return REACT_PASS;
	case ACT_BRIEF:
		view_brief_open(ui, V.id);
		return REACT_RELOAD;
	case ACT_OPEN: /* Enter on a buyer: edit them */
		if (V.tab != TAB_CONTACTS)
			return REACT_NONE;
		action = ACT_CONTACT_EDIT;
		/* fall through */
	default:
		cursor_of(&cur, label, sizeof(label));
		/* accounts, buyers, responses (book_forms.c) */
		if ((r = book_forms_action(ui, V.id, action, &cur)) != REACT_PASS)
			return r;
		/* the writes: notes, follow-ups, problems, the plan; a form that
		 * picks a response or buyer starts on the one under the cursor */
		account_forms_preselect(cur.id);
		r = account_forms_action(ui, V.id, action);
		account_forms_preselect(0);
		return r;
	}
}

/* Back from a form or the brief: fetch again, a write may have changed it. */
static void account_enter(struct ui *ui)
{
	V.loaded = false;
}

static int account_click(struct ui *ui, int y, int x, bool twice)
{
	int t;

	if (y != V.tabs_y)
		return REACT_NONE;
	for (t = 0; t < TAB_COUNT; t++)
		if (x >= V.tab_x[t] && x < V.tab_x[t + 1])
			return set_tab(t);
	return REACT_NONE;
}

static const char *account_hint(struct ui *ui)
{
	static const struct hint feedback[] = {
		HINT(ACT_RESPONSE_ADD, "record"), HINT(ACT_FOLLOW_UP, "follow-up"),
		HINT(ACT_PROBLEM_NEW, "problem"), HINT(ACT_DEFECT_TAG, "tag a defect"),
		HINT(ACT_ROW_DELETE, "delete"),   HINT(ACT_ACCOUNT_EDIT, "edit account"),
		HINT(ACT_UNDO, "undo"),           HINT(ACT_HELP, "help"),
	};
	static const struct hint contacts[] = {
		HINT(ACT_CONTACT_ADD, "add buyer"),
		HINT(ACT_CONTACT_EDIT, "edit"),
		HINT(ACT_RESPONSE_ADD, "record a score"),
		HINT(ACT_ROW_DELETE, "delete"),
		HINT(ACT_ACCOUNT_EDIT, "edit account"),
		HINT(ACT_UNDO, "undo"),
		HINT(ACT_HELP, "help"),
	};
	static const struct hint problems[] = {
		HINT(ACT_PROBLEM_ADVANCE, "move a problem along"),
		HINT(ACT_PROBLEM_DEFECT, "its defect"),
		HINT(ACT_PROBLEM_NEW, "problem from a response"),
		HINT(ACT_BRIEF, "brief"),
		HINT(ACT_UNDO, "undo"),
		HINT(ACT_HELP, "help"),
	};
	static const struct hint notes[] = {
		HINT(ACT_NOTE_NEW, "new note"),  HINT(ACT_NOTE_EDIT, "edit"),
		HINT(ACT_NOTE_DELETE, "delete"), HINT(ACT_BRIEF, "brief"),
		HINT(ACT_TAB_NEXT, "tabs"),      HINT(ACT_UNDO, "undo"),
		HINT(ACT_HELP, "help"),
	};
	static const struct hint plan[] = {
		HINT(ACT_CONDITION_ADD, "add"), HINT(ACT_CONDITION_EDIT, "edit"),
		HINT(ACT_CONDITION_MET, "met"), HINT(ACT_CONDITION_REOPEN, "reopen"),
		HINT(ACT_HOLD, "hold by hand"), HINT(ACT_ACCOUNT_WON, "won"),
		HINT(ACT_ACCOUNT_LOST, "lost"), HINT(ACT_UNDO, "undo"),
		HINT(ACT_HELP, "help"),
	};

	switch (V.tab) {
	case TAB_FEEDBACK:
		return UI_HINT(ui, VIEW_ACCOUNT, feedback);
	case TAB_CONTACTS:
		return UI_HINT(ui, VIEW_ACCOUNT, contacts);
	case TAB_PROBLEMS:
		return UI_HINT(ui, VIEW_ACCOUNT, problems);
	case TAB_NOTES:
		return UI_HINT(ui, VIEW_ACCOUNT, notes);
	default:
		return UI_HINT(ui, VIEW_ACCOUNT, plan);
	}
}

static void account_done(struct ui *ui)
{
	free_all();
}

const struct view_ops view_account_ops = {
	.id = VIEW_ACCOUNT,
	.done = account_done,
	.enter = account_enter,
	.reload = account_reload,
	.draw = account_draw,
	.handle = account_handle,
	.click = account_click,
	.hint = account_hint,
};

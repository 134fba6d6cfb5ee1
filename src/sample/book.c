/*
 * Loading sample-db/book.yaml. The file holds the story: accounts, their
 * buyers and each buyer's mood, the defect catalogue, comment pools, and the
 * hand-written responses, problems, notes and plans. The quarterly survey
 * responses are generated here from the moods (and each account's trend), so
 * the history is two years deep without being typed out.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/history.h"
#include "acctplan/parse.h"
#include "acctplan/rng.h"
#include "acctplan/sample.h"
#include "acctplan/xalloc.h"
#include "acctplan/yamldoc.h"

#define MAX_DEFECTS 64
#define MAX_CONTACTS 16

struct pool_entry {
	const char *text;
	int64_t defects[3];
	int ndefects;
};

struct pool {
	struct pool_entry *e;
	size_t n, cap;
};

struct loader {
	struct yamldoc y;
	struct db *db;
	int shift; /* today - as_of */
	int as_of;
	struct {
		const char *code;
		int64_t id;
	} defects[MAX_DEFECTS];
	int ndefects;
	struct pool pools[3]; /* by enum category */
	struct book_account {
		const char *name;
		int64_t id;
	} * accounts; /* as loaded, for the standups' actions */
	size_t naccounts, accounts_cap;
};

static yaml_node_t *get(struct loader *l, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *k = yamldoc_scalar(yamldoc_node(&l->y, p->key));
		if (k && !strcmp(k, key))
			return yamldoc_node(&l->y, p->value);
	}
	return NULL;
}

/* A string value, or NULL when absent or ~. */
static const char *str(struct loader *l, yaml_node_t *map, const char *key)
{
	const char *s = yamldoc_scalar(get(l, map, key));
	if (!s || !*s || !strcmp(s, "~") || !strcmp(s, "null"))
		return NULL;
	return s;
}

static enum status need_str(struct loader *l, yaml_node_t *map, const char *key, const char **out)
{
	*out = str(l, map, key);
	if (!*out)
		return yamldoc_error(&l->y, map, "missing \"%s\"", key);
	return STATUS_OK;
}

static enum status number(struct loader *l, yaml_node_t *map, const char *key, double *out,
			  bool *present)
{
	yaml_node_t *n = get(l, map, key);
	const char *s = str(l, map, key);
	char *end;

	*present = false;
	if (!s)
		return STATUS_OK;
	*out = strtod(s, &end);
	if (*end || !isfinite(*out))
		return yamldoc_error(&l->y, n, "%s: \"%.40s\" is not a number", key, s);
	*present = true;
	return STATUS_OK;
}

/* A date value shifted to today's frame, written into buf; NULL if absent. */
static enum status date_val(struct loader *l, yaml_node_t *map, const char *key, char buf[DATE_LEN],
			    const char **out)
{
	const char *s = str(l, map, key);
	int day;

	*out = NULL;
	if (!s)
		return STATUS_OK;
	if (!date_parse(s, &day))
		return yamldoc_error(&l->y, get(l, map, key), "%s: \"%.40s\" is not a date", key,
				     s);
	date_format(day + l->shift, buf);
	*out = buf;
	return STATUS_OK;
}

static enum status enum_val(struct loader *l, yaml_node_t *map, const char *key,
			    int (*from)(const char *), int dflt, int *out)
{
	const char *s = str(l, map, key);

	*out = dflt;
	if (!s)
		return STATUS_OK;
	*out = from(s);
	if (*out < 0)
		return yamldoc_error(&l->y, get(l, map, key), "%s: unknown value \"%.40s\"", key,
				     s);
	return STATUS_OK;
}

static enum status defect_id(struct loader *l, yaml_node_t *n, const char *code, int64_t *id)
{
	int i;

	for (i = 0; i < l->ndefects; i++)
		if (!strcmp(l->defects[i].code, code)) {
			*id = l->defects[i].id;
			return STATUS_OK;
		}
	return yamldoc_error(&l->y, n, "unknown defect \"%.40s\"", code);
}

/* Reads a [CODE, ...] list into ids. */
static enum status defect_list(struct loader *l, yaml_node_t *seq, int64_t *ids, int max, int *n)
{
	yaml_node_item_t *it;
	enum status st;

	*n = 0;
	if (!seq || (seq->type == YAML_SCALAR_NODE && !*yamldoc_scalar(seq)))
		return STATUS_OK;
	if (seq->type != YAML_SEQUENCE_NODE)
		return yamldoc_error(&l->y, seq, "defects: expected a list of codes");
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *c = yamldoc_node(&l->y, *it);
		const char *code = yamldoc_scalar(c);
		if (!code)
			return yamldoc_error(&l->y, c, "defects: expected a code");
		if (*n >= max)
			return yamldoc_error(&l->y, c, "too many defects (at most %d)", max);
		if ((st = defect_id(l, c, code, &ids[*n])) != STATUS_OK)
			return st;
		(*n)++;
	}
	return STATUS_OK;
}

#define FOR_ITEMS(l, seq, var)                                                  \
	for (yaml_node_item_t *it_ = (seq) && (seq)->type == YAML_SEQUENCE_NODE \
					     ? (seq)->data.sequence.items.start \
					     : NULL;                            \
	     it_ && it_ < (seq)->data.sequence.items.top &&                     \
	     ((var) = yamldoc_node(&(l)->y, *it_)) != NULL;                     \
	     it_++)

static enum status load_defects(struct loader *l, yaml_node_t *seq)
{
	yaml_node_t *d;
	enum status st;

	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return yamldoc_error(&l->y, seq, "defects: expected a list");
	FOR_ITEMS(l, seq, d)
	{
		const char *code, *title;
		int cat;

		if ((st = need_str(l, d, "code", &code)) != STATUS_OK ||
		    (st = need_str(l, d, "title", &title)) != STATUS_OK ||
		    (st = enum_val(l, d, "category", problem_category_from_name, PCAT_SERVICE,
				   &cat)) != STATUS_OK)
			return st;
		if (l->ndefects >= MAX_DEFECTS)
			return yamldoc_error(&l->y, d, "too many defects (at most %d)",
					     MAX_DEFECTS);
		l->defects[l->ndefects].code = code;
		if ((st = db_insert_defect(l->db, code, title, (enum problem_category)cat,
					   &l->defects[l->ndefects].id)) != STATUS_OK)
			return st;
		l->ndefects++;
	}
	return STATUS_OK;
}

static enum status load_pools(struct loader *l, yaml_node_t *map)
{
	static const char *const names[3] = {"detractor", "passive", "promoter"};
	enum status st;
	int c;

	for (c = 0; c < 3; c++) {
		yaml_node_t *seq = get(l, map, names[c]), *e;
		struct pool *p = &l->pools[c];

		if (!seq)
			return yamldoc_error(&l->y, map, "comments: missing \"%s\"", names[c]);
		FOR_ITEMS(l, seq, e)
		{
			struct pool_entry *pe;

			p->e = xgrow(p->e, &p->cap, p->n + 1, sizeof(*p->e));
			pe = &p->e[p->n++];
			memset(pe, 0, sizeof(*pe));
			if ((st = need_str(l, e, "text", &pe->text)) != STATUS_OK ||
			    (st = defect_list(l, get(l, e, "defects"), pe->defects, 3,
					      &pe->ndefects)) != STATUS_OK)
				return st;
		}
	}
	return STATUS_OK;
}

struct contact {
	const char *name;
	int64_t id;
	double mood;
	bool answers;
};

static int64_t contact_by_name(struct contact *c, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return c[i].id;
	return -1;
}

static const char *const followups[] = {
	"Called %s the day the survey came in. Listened, agreed the next step, logged the problem.",
	"Spoke with %s about the score. Promised a written update by Friday.",
	"Emailed %s to thank them for the candid answer and booked a 20-minute call.",
	"Met %s on site. Walked the issue with their team; they want to see it fixed before anything else.",
	"Phoned %s back. Mostly about the same frustration as last quarter; escalated internally.",
};

/* Two years of quarterly survey answers for one buyer. */
static enum status generate(struct loader *l, struct rng *r, int64_t account, int64_t contact_id,
			    const char *contact_name, double mood, double trend, int today,
			    int loop_days)
{
	int start = today - 730 + (int)rng_below(r, 60);
	int day;
	enum status st;
	char date[DATE_LEN];

	for (day = start; day <= today - 3; day += 80 + (int)rng_below(r, 25)) {
		double f = (double)(day - (today - 730)) / 730.0;
		double mean = mood - trend * (1.0 - f);
		double noise = (rng_unit(r) + rng_unit(r) - 1.0) * 1.6;
		int score = (int)lround(mean + noise);
		struct feedback_rec fr = {0};
		struct pool *pool;
		int64_t fid;
		int cat;

		if (rng_unit(r) < 0.15)
			continue; /* did not answer that quarter */
		score = score < 0 ? 0 : score > 10 ? 10 : score;
		cat = score_category(score);
		pool = &l->pools[cat];
		fr.account_id = account;
		fr.contact_id = contact_id;
		date_format(day, date);
		fr.responded_on = date;
		fr.score = score;
		fr.source = "survey";
		const struct pool_entry *pe = NULL;
		if (pool->n && rng_unit(r) < (cat == CAT_DETRACTOR ? 0.9 : 0.55))
			pe = &pool->e[rng_below(r, (uint32_t)pool->n)];
		fr.comment = pe ? pe->text : "";
		if ((st = db_insert_feedback(l->db, &fr, &fid)) != STATUS_OK)
			return st;
		for (int i = 0; pe && i < pe->ndefects; i++)
			if ((st = db_insert_feedback_defect(l->db, fid, pe->defects[i])) !=
			    STATUS_OK)
				return st;
		/* most detractors were followed up; the recent ones may not be yet */
		if (cat == CAT_DETRACTOR && (today - day > loop_days + 12 || rng_unit(r) < 0.3) &&
		    rng_unit(r) < 0.9) {
			struct note_rec nr = {0};
			char body[512], created[DATE_LEN + 9];
			int64_t nid;

			snprintf(body, sizeof(body),
				 followups[rng_below(r, sizeof(followups) / sizeof(*followups))],
				 contact_name);
			date_format(day + 1 + (int)rng_below(r, 2), created);
			strcat(created, " 10:30:00");
			nr.account_id = account;
			nr.contact_id = contact_id;
			nr.feedback_id = fid;
			nr.kind = NOTE_FOLLOWUP;
			nr.body = body;
			nr.created_at = created;
			nr.good_time = nr.reason = -1;
			if ((st = db_insert_note(l->db, &nr, &nid)) != STATUS_OK)
				return st;
		}
	}
	return STATUS_OK;
}

static enum status load_account(struct loader *l, yaml_node_t *a, int today)
{
	struct account_rec ar = {0};
	struct contact contacts[MAX_CONTACTS];
	int ncontacts = 0, fit, status;
	double revenue = 0, wallet = 0, trend = 0;
	bool has, has_wallet;
	int64_t id;
	enum status st;
	yaml_node_t *seq, *e, *hold, *lost;
	char won[DATE_LEN], holdon[DATE_LEN], losson[DATE_LEN];
	struct rng r;

	if ((st = need_str(l, a, "name", &ar.name)) != STATUS_OK)
		return st;
	ar.owner = str(l, a, "owner");
	ar.segment = str(l, a, "segment");
	if ((st = enum_val(l, a, "fit", fit_from_name, FIT_UNKNOWN, &fit)) != STATUS_OK ||
	    (st = enum_val(l, a, "status", acct_status_from_name, ACCT_ACTIVE, &status)) !=
		    STATUS_OK ||
	    (st = number(l, a, "revenue", &revenue, &has)) != STATUS_OK ||
	    (st = number(l, a, "wallet", &wallet, &has_wallet)) != STATUS_OK ||
	    (st = number(l, a, "trend", &trend, &has)) != STATUS_OK ||
	    (st = date_val(l, a, "won_on", won, &ar.won_on)) != STATUS_OK)
		return st;
	if (revenue < 0 || wallet < 0)
		return yamldoc_error(&l->y, a, "%s: revenue and wallet cannot be negative",
				     ar.name);
	if (revenue > PARSE_MONEY_MAX || wallet > PARSE_MONEY_MAX)
		return yamldoc_error(&l->y, a, "%s: revenue and wallet are at most 10^15", ar.name);
	ar.fit = (enum fit)fit;
	ar.status = (enum acct_status)status;
	ar.revenue = (int64_t)revenue;
	ar.has_wallet = has_wallet;
	ar.wallet = (int64_t)wallet;
	if ((lost = get(l, a, "lost")) && lost->type == YAML_MAPPING_NODE) {
		ar.lost_reason = str(l, lost, "reason");
		ar.lost_to = str(l, lost, "to");
		ar.winback_plan = str(l, lost, "plan");
		if ((st = date_val(l, lost, "on", losson, &ar.lost_on)) != STATUS_OK)
			return st;
	}
	if ((hold = get(l, a, "hold")) && hold->type == YAML_MAPPING_NODE) {
		const char *set = str(l, hold, "set");
		ar.hold_manual = set && !strcmp(set, "true") ? "set" : "lifted";
		ar.hold_reason = str(l, hold, "reason");
		if ((st = date_val(l, hold, "on", holdon, &ar.hold_on)) != STATUS_OK)
			return st;
	}
	if ((st = db_insert_account(l->db, &ar, &id)) != STATUS_OK)
		return st;
	l->accounts = xgrow(l->accounts, &l->accounts_cap, l->naccounts + 1, sizeof(*l->accounts));
	l->accounts[l->naccounts].name = ar.name;
	l->accounts[l->naccounts++].id = id;

	rng_seed(&r, rng_hash(ar.name, 0));
	seq = get(l, a, "contacts");
	FOR_ITEMS(l, seq, e)
	{
		struct contact_rec cr = {0};
		int role;
		double mood = 0;
		bool answers;

		if (ncontacts >= MAX_CONTACTS)
			return yamldoc_error(&l->y, e, "too many contacts (at most %d)",
					     MAX_CONTACTS);
		cr.account_id = id;
		if ((st = need_str(l, e, "name", &cr.name)) != STATUS_OK ||
		    (st = enum_val(l, e, "role", role_from_name, ROLE_OTHER, &role)) != STATUS_OK ||
		    (st = number(l, e, "mood", &mood, &answers)) != STATUS_OK)
			return st;
		if (role >= ROLE_COUNT)
			return yamldoc_error(&l->y, e, "role: a contact cannot be anonymous");
		cr.role = (enum role)role;
		cr.title = str(l, e, "title");
		cr.email = str(l, e, "email");
		cr.phone = str(l, e, "phone");
		contacts[ncontacts].name = cr.name;
		contacts[ncontacts].mood = mood;
		contacts[ncontacts].answers = answers;
		if ((st = db_insert_contact(l->db, &cr, &contacts[ncontacts].id)) != STATUS_OK)
			return st;
		ncontacts++;
	}
	for (int i = 0; i < ncontacts; i++)
		if (contacts[i].answers &&
		    (st = generate(l, &r, id, contacts[i].id, contacts[i].name, contacts[i].mood,
				   trend, today, 2)) != STATUS_OK)
			return st;

	seq = get(l, a, "feedback");
	FOR_ITEMS(l, seq, e)
	{
		struct feedback_rec fr = {0};
		char on[DATE_LEN];
		const char *cname = str(l, e, "contact");
		double score;
		int64_t fid, tags[8];
		int ntags;

		fr.account_id = id;
		if ((st = date_val(l, e, "on", on, &fr.responded_on)) != STATUS_OK ||
		    (st = number(l, e, "score", &score, &has)) != STATUS_OK)
			return st;
		if (!fr.responded_on || !has || score < 0 || score > 10 || score != floor(score))
			return yamldoc_error(&l->y, e, "feedback needs on: DATE and score: 0..10");
		if (cname && (fr.contact_id = contact_by_name(contacts, ncontacts, cname)) < 0)
			return yamldoc_error(&l->y, get(l, e, "contact"),
					     "no contact \"%.60s\" in %s", cname, ar.name);
		fr.score = (int)score;
		fr.comment = str(l, e, "comment");
		fr.source = str(l, e, "source") ? str(l, e, "source") : "survey";
		if ((st = defect_list(l, get(l, e, "defects"), tags, 8, &ntags)) != STATUS_OK ||
		    (st = db_insert_feedback(l->db, &fr, &fid)) != STATUS_OK)
			return st;
		for (int i = 0; i < ntags; i++)
			if ((st = db_insert_feedback_defect(l->db, fid, tags[i])) != STATUS_OK)
				return st;
	}

	seq = get(l, a, "problems");
	FOR_ITEMS(l, seq, e)
	{
		struct problem_rec pr = {0};
		char opened[DATE_LEN], resolved[DATE_LEN], reported[DATE_LEN];
		const char *code = str(l, e, "defect");
		int cat, pst;
		int64_t pid;

		pr.account_id = id;
		if ((st = need_str(l, e, "title", &pr.title)) != STATUS_OK ||
		    (st = enum_val(l, e, "category", problem_category_from_name, PCAT_SERVICE,
				   &cat)) != STATUS_OK ||
		    (st = enum_val(l, e, "status", problem_status_from_name, PSTAT_OPEN, &pst)) !=
			    STATUS_OK ||
		    (st = date_val(l, e, "opened_on", opened, &pr.opened_on)) != STATUS_OK ||
		    (st = date_val(l, e, "resolved_on", resolved, &pr.resolved_on)) != STATUS_OK ||
		    (st = date_val(l, e, "reported_on", reported, &pr.reported_on)) != STATUS_OK)
			return st;
		if (!pr.opened_on)
			return yamldoc_error(&l->y, e, "problem needs opened_on");
		if (code &&
		    (st = defect_id(l, get(l, e, "defect"), code, &pr.defect_id)) != STATUS_OK)
			return st;
		pr.category = (enum problem_category)cat;
		pr.status = (enum problem_status)pst;
		pr.owner = str(l, e, "owner");
		pr.root_cause = str(l, e, "root_cause");
		pr.reported_back = str(l, e, "reported_back");
		if ((st = db_insert_problem(l->db, &pr, &pid)) != STATUS_OK)
			return st;
	}

	seq = get(l, a, "notes");
	FOR_ITEMS(l, seq, e)
	{
		struct note_rec nr = {0};
		char on[DATE_LEN], next[DATE_LEN], created[DATE_LEN + 9];
		const char *day, *cname = str(l, e, "contact");
		int kind;
		int64_t nid;

		nr.account_id = id;
		if ((st = enum_val(l, e, "kind", note_kind_from_name, NOTE_GENERAL, &kind)) !=
			    STATUS_OK ||
		    (st = enum_val(l, e, "good_time", good_time_from_name, -1, &nr.good_time)) !=
			    STATUS_OK ||
		    (st = enum_val(l, e, "reason", reason_from_name, -1, &nr.reason)) !=
			    STATUS_OK ||
		    (st = date_val(l, e, "on", on, &day)) != STATUS_OK ||
		    (st = date_val(l, e, "next_contact_on", next, &nr.next_contact_on)) !=
			    STATUS_OK)
			return st;
		if (!day)
			return yamldoc_error(&l->y, e, "note needs on: DATE");
		if (cname && (nr.contact_id = contact_by_name(contacts, ncontacts, cname)) < 0)
			return yamldoc_error(&l->y, get(l, e, "contact"),
					     "no contact \"%.60s\" in %s", cname, ar.name);
		snprintf(created, sizeof(created), "%s 09:00:00", day);
		nr.kind = (enum note_kind)kind;
		nr.body = str(l, e, "body");
		nr.created_at = created;
		if ((st = db_insert_note(l->db, &nr, &nid)) != STATUS_OK)
			return st;
	}

	seq = get(l, a, "conditions");
	FOR_ITEMS(l, seq, e)
	{
		const char *text, *met;
		char buf[DATE_LEN];
		int64_t cid;

		if ((st = need_str(l, e, "text", &text)) != STATUS_OK ||
		    (st = date_val(l, e, "met_on", buf, &met)) != STATUS_OK ||
		    (st = db_insert_condition(l->db, id, text, met, &cid)) != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* The actions agreed at the standup held on `held` (shifted). */
static enum status load_actions(struct loader *l, yaml_node_t *seq, const char *held)
{
	yaml_node_t *e;
	enum status st;

	FOR_ITEMS(l, seq, e)
	{
		struct action_rec ar = {0};
		char due[DATE_LEN], done[DATE_LEN], stamp[DATE_LEN + 9];
		const char *account;
		int64_t id;
		size_t i;

		if ((st = need_str(l, e, "account", &account)) != STATUS_OK ||
		    (st = need_str(l, e, "owner", &ar.owner)) != STATUS_OK ||
		    (st = need_str(l, e, "text", &ar.text)) != STATUS_OK ||
		    (st = date_val(l, e, "due", due, &ar.due)) != STATUS_OK ||
		    (st = date_val(l, e, "done_on", done, &ar.done_on)) != STATUS_OK)
			return st;
		if (!ar.due)
			return yamldoc_error(&l->y, e, "an action needs due: DATE");
		for (i = 0; i < l->naccounts && strcmp(l->accounts[i].name, account); i++)
			;
		if (i == l->naccounts)
			return yamldoc_error(&l->y, get(l, e, "account"), "no account \"%.60s\"",
					     account);
		snprintf(stamp, sizeof(stamp), "%s 09:45:00", held);
		ar.account_id = l->accounts[i].id;
		ar.created_at = stamp;
		if ((st = db_insert_action(l->db, &ar, &id)) != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* The standups held: each a mark, and the actions agreed at it. */
static enum status load_standups(struct loader *l, yaml_node_t *seq)
{
	yaml_node_t *m;
	enum status st;

	if (!seq)
		return STATUS_OK;
	if (seq->type != YAML_SEQUENCE_NODE)
		return yamldoc_error(&l->y, seq, "standups: expected a list");
	FOR_ITEMS(l, seq, m)
	{
		char on[DATE_LEN], created[DATE_LEN + 9];
		const char *held;
		int64_t id;

		if ((st = date_val(l, m, "on", on, &held)) != STATUS_OK)
			return st;
		if (!held)
			return yamldoc_error(&l->y, m, "a standup needs on: DATE");
		snprintf(created, sizeof(created), "%s 09:30:00", held);
		if ((st = db_insert_mark(l->db, held, created, &id)) != STATUS_OK ||
		    (st = load_actions(l, get(l, m, "actions"), held)) != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

enum status sample_history(struct db *db, const struct rules *rules, int today, int days)
{
	enum status st = STATUS_OK;
	int day;

	for (day = today - days; st == STATUS_OK && day <= today; day++)
		st = db_refresh(db, rules, day);
	return st;
}

enum status sample_load_book(struct db *db, const char *name, const char *yaml, size_t len,
			     int today)
{
	struct loader l;
	yaml_node_t *root, *seq, *a;
	const char *as_of;
	enum status st;
	int i;

	memset(&l, 0, sizeof(l));
	l.db = db;
	if ((st = yamldoc_load(&l.y, name, yaml, len)) != STATUS_OK)
		return st;
	root = yamldoc_root(&l.y);
	if (!root || root->type != YAML_MAPPING_NODE) {
		st = yamldoc_error(&l.y, root,
				   "expected a map with as_of, defects, comments, accounts");
		goto out;
	}
	as_of = str(&l, root, "as_of");
	if (!as_of || !date_parse(as_of, &l.as_of)) {
		st = yamldoc_error(&l.y, root, "as_of: expected a date");
		goto out;
	}
	l.shift = today - l.as_of;
	if ((st = db_begin(db)) != STATUS_OK)
		goto out;
	if ((st = load_defects(&l, get(&l, root, "defects"))) != STATUS_OK ||
	    (st = load_pools(&l, get(&l, root, "comments"))) != STATUS_OK)
		goto fail;
	seq = get(&l, root, "accounts");
	if (!seq || seq->type != YAML_SEQUENCE_NODE) {
		st = yamldoc_error(&l.y, root, "accounts: expected a list");
		goto fail;
	}
	FOR_ITEMS(&l, seq, a)
	{
		if ((st = load_account(&l, a, today)) != STATUS_OK)
			goto fail;
	}
	if ((st = load_standups(&l, get(&l, root, "standups"))) != STATUS_OK)
		goto fail;
	st = db_commit(db);
	goto out;
fail:
	db_rollback(db);
out:
	for (i = 0; i < 3; i++)
		free(l.pools[i].e);
	free(l.accounts);
	yamldoc_done(&l.y);
	return st;
}

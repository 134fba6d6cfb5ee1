/*
 * The synthetic book for benchmarks: n accounts with realistic spreads of
 * size, share, advocacy and history (about 3 buyers, 10 responses, 2 notes
 * and 0.5 problems per account over two years). Deterministic for a seed.
 *
 * Its history of standings covers the last SYNTH_HISTORY_DAYS days: each
 * account's standing as of each of those days is computed from its own
 * responses with the domain's rules (advocacy, share, quadrant, hold: what
 * the cache's refresh computes), and a row written where standing_changed()
 * says it changed, so the refresh of today finds nothing to add. Two
 * standups were held, a week apart, and about one account in a hundred got
 * an action at one of them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/history.h"
#include "acctplan/rng.h"
#include "acctplan/sample.h"
#include "acctplan/standing.h"

static const char *const first_names[] = {
	"Anna",  "Ben",  "Chloe", "Dev",  "Elena", "Farid",  "Grace", "Hiro",  "Ines",
	"Jonas", "Kemi", "Liam",  "Maya", "Noah",  "Olga",   "Pedro", "Quinn", "Rosa",
	"Sven",  "Tara", "Umar",  "Vera", "Wei",   "Ximena", "Yusuf", "Zoë",
};
static const char *const last_names[] = {
	"Adeyemi",  "Brennan", "Castillo", "Dubois",   "Eriksen",   "Fischer", "Gallagher",
	"Hoffmann", "Iyer",    "Jansen",   "Kowalski", "Lindqvist", "Moreau",  "Nakamura",
	"O'Connor", "Petrov",  "Quintero", "Rossi",    "Schmidt",   "Tanaka",  "Underwood",
	"Vasquez",  "Walsh",   "Yilmaz",   "Zhang",
};
static const char *const name_a[] = {
	"Northern", "Atlas",     "Granite", "Harbour", "Summit",    "Meridian", "Crown",
	"Delta",    "Evergreen", "Falcon",  "Global",  "Highland",  "Iron",     "Keystone",
	"Lakeside", "Pioneer",   "Redwood", "Silver",  "Tidewater", "Vantage",
};
static const char *const name_b[] = {
	"Steel",     "Logistics", "Foods",   "Builders",     "Health",
	"Energy",    "Plastics",  "Freight", "Construction", "Utilities",
	"Packaging", "Chemicals", "Metals",  "Textiles",     "Marine",
};
static const char *const name_c[] = {"Ltd", "Inc", "GmbH", "plc", "Group", "AB", "BV", "LLC"};
static const char *const segments[] = {
	"Manufacturing", "Logistics", "Construction", "Healthcare", "Food Processing", "Utilities",
};
static const char *const titles[] = {
	"Operations Director", "Procurement Manager", "Site Manager",       "Health & Safety Lead",
	"Facilities Manager",  "Plant Supervisor",    "Finance Controller", "Buyer",
};
static const struct {
	const char *code, *title;
	enum problem_category cat;
} defects[] = {
	{"LATE-DELIVERY", "Late or partial deliveries", PCAT_SERVICE},
	{"CLAIMS-DELAY", "Claims handling delays", PCAT_SERVICE},
	{"NO-CONTACT", "No regular contact", PCAT_SERVICE},
	{"SIZING", "Garment sizing inconsistent", PCAT_PRODUCT},
	{"WEAR", "Garments wear out early", PCAT_PRODUCT},
	{"INVOICE-ERR", "Invoice errors", PCAT_PRICE},
	{"PRICE-RISE", "Unexplained price rises", PCAT_PRICE},
	{"PORTAL", "Ordering portal hard to use", PCAT_PRODUCT},
};
#define NDEFECTS (sizeof(defects) / sizeof(*defects))
static const char *const comments[3][4] = {
	{"Deliveries keep arriving short and late.", "Still waiting on a credit from March.",
	 "Nobody has visited us in a year.", "The new invoices are wrong again."},
	{"Fine overall, nothing special.", "Products are OK, service is slow.",
	 "Decent, but the price went up.", ""},
	{"Reliable and easy to deal with.", "Our rep is excellent.",
	 "Quality is consistently good.", ""},
};

static const char *const action_texts[] = {
	"Call the decision maker about the last survey",
	"Send the credit note and confirm it arrived",
	"Book a site visit with the operations lead",
	"Agree a delivery schedule for the next quarter",
	"Report back on the open problem",
};

#define PICK(r, arr) (arr)[rng_below((r), sizeof(arr) / sizeof(*(arr)))]

/* Responses an account may have: 4 buyers, 8 quarters. */
#define SYNTH_RESPONSES_MAX 32

/* The account's history over the last SYNTH_HISTORY_DAYS days. */
static enum status history(struct db *db, const struct rules *rules, int today, int64_t id,
			   const struct account_rec *ar, struct response *resp, size_t n)
{
	struct standing prev, now;
	bool has_prev = false;
	enum status st;
	int day;

	now.active = ar->status == ACCT_ACTIVE;
	now.share_known = share_compute(ar->revenue, ar->has_wallet, ar->wallet, &now.share);
	for (day = today - SYNTH_HISTORY_DAYS; day <= today; day++) {
		struct advocacy adv;

		advocacy_compute(resp, n, day, rules, &adv);
		now.nps_known = adv.known;
		now.nps = adv.known ? adv.nps : 0;
		now.quadrant =
			quadrant_classify(rules, adv.known, adv.nps, now.share_known, now.share);
		now.hold = hold_compute(now.quadrant, 0, HOLD_AUTO, -1).on;
		if (!standing_changed(rules, has_prev ? &prev : NULL, &now))
			continue;
		if ((st = db_history_put(db, day, id, ar->status, &now, has_prev ? &prev : NULL)) !=
		    STATUS_OK)
			return st;
		prev = now;
		has_prev = true;
	}
	return STATUS_OK;
}

/* The two standups, a week apart. */
static enum status standups(struct db *db, int today)
{
	char on[DATE_LEN], stamp[DATE_LEN + 9];
	enum status st;
	int64_t id;
	int w;

	for (w = 2; w >= 1; w--) {
		date_format(today - 7 * w, on);
		snprintf(stamp, sizeof(stamp), "%s 09:30:00", on);
		if ((st = db_insert_mark(db, on, stamp, &id)) != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* An action agreed at one of them. */
static enum status action(struct db *db, struct rng *r, int today, int64_t id, const char *owner)
{
	struct action_rec ar = {0};
	char due[DATE_LEN], done[DATE_LEN], created[DATE_LEN + 9];
	int held = today - 7 * (1 + (int)rng_below(r, 2));
	int due_day = held + 2 + (int)rng_below(r, 8);
	int64_t aid;

	date_format(held, created);
	strcat(created, " 09:45:00");
	date_format(due_day, due);
	ar.account_id = id;
	ar.owner = owner;
	ar.text = PICK(r, action_texts);
	ar.due = due;
	ar.created_at = created;
	/* most were done, some late; the rest are still open */
	if (rng_unit(r) < 0.6) {
		int d = due_day - 2 + (int)rng_below(r, 5);
		date_format(d > today ? today : d, done);
		ar.done_on = done;
	}
	return db_insert_action(db, &ar, &aid);
}

enum status sample_synth(struct db *db, long n, uint64_t seed, int today, const struct rules *rules,
			 const struct progress *p, struct synth_stats *stats)
{
	struct response resp[SYNTH_RESPONSES_MAX];
	struct rng r, ra;
	int64_t defect_ids[NDEFECTS];
	enum status st;
	long i;
	int owners = (int)(n / 2500) + 4;
	char name[160], owner[80], date[DATE_LEN], created[DATE_LEN + 9], email[160];

	memset(stats, 0, sizeof(*stats));
	rng_seed(&r, seed);
	/* the actions draw from a stream of their own: the book is the same
	 * with or without them */
	rng_seed(&ra, seed ^ 0x5354414e44555053ULL);
	if ((st = db_begin(db)) != STATUS_OK)
		return st;
	if ((st = standups(db, today)) != STATUS_OK)
		goto fail;
	for (size_t d = 0; d < NDEFECTS; d++)
		if ((st = db_insert_defect(db, defects[d].code, defects[d].title, defects[d].cat,
					   &defect_ids[d])) != STATUS_OK)
			goto fail;
	for (i = 0; i < n; i++) {
		struct account_rec ar = {0};
		int64_t aid, cids[5];
		int ncontacts = 2 + (int)rng_below(&r, 3), o = (int)rng_below(&r, (uint32_t)owners);
		/* an account's temper: most are content, a tail is unhappy */
		double mood = 4.0 + 6.0 * sqrt(rng_unit(&r)), share;
		bool silent = rng_unit(&r) < 0.07;
		size_t nresp = 0;

		snprintf(name, sizeof(name), "%s %s %s %ld", PICK(&r, name_a), PICK(&r, name_b),
			 PICK(&r, name_c), i + 1);
		snprintf(owner, sizeof(owner), "%s %s", first_names[o % 26],
			 last_names[(o / 26) % 25]);
		ar.name = name;
		ar.owner = owner;
		ar.segment = PICK(&r, segments);
		ar.fit = rng_unit(&r) < 0.7   ? FIT_GOOD
			 : rng_unit(&r) < 0.5 ? FIT_POOR
					      : FIT_UNKNOWN;
		ar.status = rng_unit(&r) < 0.93  ? ACCT_ACTIVE
			    : rng_unit(&r) < 0.6 ? ACCT_LOST
						 : ACCT_PROSPECT;
		ar.revenue = (int64_t)(5000 * exp(rng_unit(&r) * 5.5)) / 100 * 100;
		share = 0.05 + 0.9 * rng_unit(&r) * rng_unit(&r) * 1.6;
		ar.has_wallet = rng_unit(&r) > 0.05;
		ar.wallet = (int64_t)((double)ar.revenue / share) / 100 * 100;
		if ((st = db_insert_account(db, &ar, &aid)) != STATUS_OK)
			goto fail;
		stats->accounts++;

		for (int c = 0; c < ncontacts; c++) {
			struct contact_rec cr = {0};
			char cname[80];
			snprintf(cname, sizeof(cname), "%s %s", PICK(&r, first_names),
				 PICK(&r, last_names));
			snprintf(email, sizeof(email), "buyer%d@account%ld.example", c + 1, i + 1);
			cr.account_id = aid;
			cr.name = cname;
			cr.title = PICK(&r, titles);
			cr.role =
				c == 0 ? ROLE_DECISION_MAKER : (enum role)rng_below(&r, ROLE_COUNT);
			cr.email = email;
			if ((st = db_insert_contact(db, &cr, &cids[c])) != STATUS_OK)
				goto fail;
			stats->contacts++;
			if (silent)
				continue;
			for (int q = 0; q < 8; q++) {
				struct feedback_rec fr = {0};
				int64_t fid;
				int score, cat, day = today - 730 + q * 91 + (int)rng_below(&r, 88);
				const char *comment;

				if (rng_unit(&r) > 0.45 || day > today)
					continue;
				score = (int)lround(mood +
						    (rng_unit(&r) + rng_unit(&r) - 1.0) * 2.5);
				score = score < 0 ? 0 : score > 10 ? 10 : score;
				cat = score_category(score);
				comment = comments[cat][rng_below(&r, 4)];
				date_format(day, date);
				fr.account_id = aid;
				fr.contact_id = rng_unit(&r) < 0.03 ? 0 : cids[c];
				fr.responded_on = date;
				fr.score = score;
				fr.comment = comment;
				fr.source = "survey";
				if ((st = db_insert_feedback(db, &fr, &fid)) != STATUS_OK)
					goto fail;
				stats->responses++;
				resp[nresp].contact_id = fr.contact_id;
				resp[nresp].role = fr.contact_id ? (int)cr.role : ROLE_ANONYMOUS;
				resp[nresp].day = day;
				resp[nresp].order = fid;
				resp[nresp].score = score;
				nresp++;
				if (cat == CAT_DETRACTOR && *comment &&
				    (st = db_insert_feedback_defect(
					     db, fid, defect_ids[rng_below(&r, NDEFECTS)])) !=
					    STATUS_OK)
					goto fail;
			}
		}
		for (int k = 0; k < 2; k++) {
			struct note_rec nr = {0};
			int64_t nid;
			int day = today - (int)rng_below(&r, 700);

			date_format(day, created);
			strcat(created, " 09:00:00");
			nr.account_id = aid;
			nr.contact_id = cids[rng_below(&r, (uint32_t)ncontacts)];
			/* the kinds of schema 4: a synthetic book stays as it was */
			nr.kind = (enum note_kind)rng_below(&r, NOTE_GENERAL + 1);
			nr.good_time =
				nr.kind == NOTE_PRECALL ? (int)rng_below(&r, GOOD_COUNT) : -1;
			nr.reason = nr.good_time == GOOD_NO ? (int)rng_below(&r, REASON_COUNT) : -1;
			nr.body =
				"Spoke briefly; agreed to pick this up after their quarter close.";
			nr.created_at = created;
			if (nr.good_time == GOOD_NO) {
				date_format(day + 14 + (int)rng_below(&r, 30), date);
				nr.next_contact_on = date;
			}
			if ((st = db_insert_note(db, &nr, &nid)) != STATUS_OK)
				goto fail;
			stats->notes++;
		}
		if (rng_unit(&r) < 0.5) {
			struct problem_rec pr = {0};
			int64_t pid;
			size_t d = rng_below(&r, NDEFECTS);

			date_format(today - (int)rng_below(&r, 400), date);
			pr.account_id = aid;
			pr.defect_id = defect_ids[d];
			pr.title = defects[d].title;
			pr.category = defects[d].cat;
			pr.status = (enum problem_status)rng_below(&r, PSTAT_COUNT);
			pr.owner = owner;
			pr.opened_on = date;
			if ((st = db_insert_problem(db, &pr, &pid)) != STATUS_OK)
				goto fail;
			stats->problems++;
		}
		if ((st = history(db, rules, today, aid, &ar, resp, nresp)) != STATUS_OK)
			goto fail;
		if (ar.status == ACCT_ACTIVE && rng_unit(&ra) < 0.01) {
			if ((st = action(db, &ra, today, aid, owner)) != STATUS_OK)
				goto fail;
			stats->actions++;
		}
		if ((i + 1) % PROGRESS_EVERY == 0)
			progress_update(p, "writing accounts", i + 1, n);
	}
	progress_update(p, "writing accounts", n, n);
	st = db_commit(db);
	progress_finish(p);
	return st;
fail:
	db_rollback(db);
	progress_finish(p);
	return st;
}

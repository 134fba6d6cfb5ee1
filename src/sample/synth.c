/*
 * The synthetic book for benchmarks: n accounts with realistic spreads of
 * size, share, advocacy and history (about 3 buyers, 10 responses, 2 notes
 * and 0.5 problems per account over two years). Deterministic for a seed.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/rng.h"
#include "acctplan/sample.h"

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

#define PICK(r, arr) (arr)[rng_below((r), sizeof(arr) / sizeof(*(arr)))]

enum status sample_synth(struct db *db, long n, uint64_t seed, int today, struct synth_stats *stats)
{
	struct rng r;
	int64_t defect_ids[NDEFECTS];
	enum status st;
	long i;
	int owners = (int)(n / 2500) + 4;
	char name[160], owner[80], date[DATE_LEN], created[DATE_LEN + 9], email[160];

	memset(stats, 0, sizeof(*stats));
	rng_seed(&r, seed);
	if ((st = db_begin(db)) != STATUS_OK)
		return st;
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
				if (cat == CAT_DETRACTOR && *comment &&
				    (st = db_tag_feedback(db, fid,
							  defect_ids[rng_below(&r, NDEFECTS)])) !=
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
			nr.kind = (enum note_kind)rng_below(&r, NOTE_KIND_COUNT);
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
	}
	return db_commit(db);
fail:
	db_rollback(db);
	return st;
}

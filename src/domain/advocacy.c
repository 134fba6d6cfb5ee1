#include <stdlib.h>

#include "acctplan/advocacy.h"
#include "acctplan/date.h"

/* Contacts together, each contact's latest response first; anonymous
 * responses (contact 0) after them in any order. */
static int cmp_response(const void *pa, const void *pb)
{
	const struct response *a = pa, *b = pb;

	if (a->contact_id != b->contact_id)
		return a->contact_id < b->contact_id ? -1 : 1;
	if (a->day != b->day)
		return a->day > b->day ? -1 : 1;
	if (a->order != b->order)
		return a->order > b->order ? -1 : 1;
	return 0;
}

void advocacy_compute(struct response *r, size_t n, int today, const struct rules *rules,
		      struct advocacy *out)
{
	int first = today - rules->window_days + 1;
	size_t i;
	double total = 0;

	*out = (struct advocacy){0};
	if (n > 1) /* qsort must not see a NULL array, even an empty one */
		qsort(r, n, sizeof(*r), cmp_response);
	for (i = 0; i < n; i++) {
		double w;
		int role;

		if (r[i].day < first || r[i].day > today)
			continue;
		/* a contact's older responses are superseded by the latest;
		 * the sort puts it first, so skip the rest of the run */
		if (r[i].contact_id != 0 && i > 0 && r[i - 1].contact_id == r[i].contact_id &&
		    r[i - 1].day >= first && r[i - 1].day <= today)
			continue;
		role = r[i].role;
		if (role < 0 || role > ROLE_ANONYMOUS)
			role = ROLE_OTHER;
		if (r[i].contact_id == 0)
			role = ROLE_ANONYMOUS;
		w = rules->weight[role];
		switch (score_category(r[i].score)) {
		case CAT_PROMOTER:
			out->promoters += w;
			break;
		case CAT_PASSIVE:
			out->passives += w;
			break;
		default:
			out->detractors += w;
			break;
		}
		total += w;
		out->counted++;
		if (!out->known || r[i].day > out->last_day)
			out->last_day = r[i].day;
		out->known = true;
	}
	if (out->known && total > 0)
		out->nps = 100.0 * (out->promoters - out->detractors) / total;
	else if (out->known)
		out->nps = 0; /* every counted buyer weighted 0 */
}

/* The first day of quarter q (date_quarter()'s numbering). */
static int quarter_start(int q)
{
	return date_from_ymd(q / 4, (q % 4) * 3 + 1, 1);
}

int advocacy_quarters_start(int today, int quarters)
{
	return quarter_start(date_quarter(today) - quarters + 1);
}

void advocacy_by_quarter(struct response *r, size_t n, int today, int quarters,
			 const struct rules *rules, double *nps, bool *known)
{
	int first = date_quarter(today) - quarters + 1, i;

	for (i = 0; i < quarters; i++) {
		struct rules qr = *rules;
		struct advocacy adv;
		int start = quarter_start(first + i), end = quarter_start(first + i + 1) - 1;

		if (end > today)
			end = today;
		qr.window_days = end - start + 1;
		advocacy_compute(r, n, end, &qr, &adv);
		known[i] = adv.known;
		nps[i] = adv.known ? adv.nps : 0;
	}
}

bool share_compute(int64_t revenue, bool has_wallet, int64_t wallet, double *share)
{
	if (!has_wallet || wallet <= 0)
		return false;
	*share = (double)revenue / (double)wallet;
	return true;
}

/* Referrals; the rules are in referral.h. */

#include "acctplan/parse.h"
#include "acctplan/referral.h"

const char *const referral_outcome_names[REFERRAL_OUTCOME_COUNT + 1] = {"pending", "met", "won",
									"lost"};

const char *referral_outcome_name(enum referral_outcome o)
{
	return (unsigned)o < REFERRAL_OUTCOME_COUNT ? referral_outcome_names[o] : "?";
}

int referral_outcome_from_name(const char *s)
{
	return parse_name(s, referral_outcome_names, REFERRAL_OUTCOME_COUNT);
}

bool referral_open(enum referral_outcome o)
{
	return o == REFERRAL_PENDING || o == REFERRAL_MET;
}

void referral_days_of(const struct rules *r, int today, int *first, int *asked_since)
{
	*first = today - r->window_days + 1;
	*asked_since = today - (r->referral_days > 0 ? r->referral_days : 0) + 1;
}

bool referral_candidate(const struct rules *r, int today, int responded, int score)
{
	int first, asked_since;

	referral_days_of(r, today, &first, &asked_since);
	return score_category(score) == CAT_PROMOTER && responded >= first && responded <= today;
}

bool referral_due(const struct rules *r, int today, int responded, int score, int last_asked)
{
	int first, asked_since;

	referral_days_of(r, today, &first, &asked_since);
	return referral_candidate(r, today, responded, score) && last_asked < asked_since;
}

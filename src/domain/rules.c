#include <stdio.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/parse.h"
#include "acctplan/rules.h"

void rules_defaults(struct rules *r)
{
	int i;

	r->window_days = 365;
	r->advocacy_high = 30;
	r->share_high = 0.40;
	r->loop_close_days = 2;
	for (i = 0; i <= ROLE_COUNT; i++)
		r->weight[i] = 1.0;
	r->referral_days = 180;
	r->winback_days = 90;
}

/* The fields rules_fingerprint() writes, in the order of struct rules: a
 * field added there and not here changes the size and stops the build, so
 * it cannot be left out of the fingerprint. */
struct rules_fingerprinted {
	int window_days;
	double advocacy_high;
	double share_high;
	int loop_close_days;
	double weight[ROLE_COUNT + 1];
	int referral_days;
	int winback_days;
};
_Static_assert(sizeof(struct rules_fingerprinted) == sizeof(struct rules),
	       "struct rules has a field rules_fingerprint() does not write");

void rules_fingerprint(const struct rules *r, int today, char *buf, size_t n)
{
	char day[DATE_LEN];
	size_t len;
	int i;

	/* %.17g writes a double exactly: no two weights share a text */
	date_format(today, day);
	snprintf(buf, n, "rules %d|today %s|window %d|advocacy %.17g|share %.17g|loop %d|weights",
		 RULES_VERSION, day, r->window_days, r->advocacy_high, r->share_high,
		 r->loop_close_days);
	for (i = 0; i <= ROLE_COUNT; i++) {
		len = strlen(buf);
		snprintf(buf + len, n - len, " %.17g", r->weight[i]);
	}
	len = strlen(buf);
	snprintf(buf + len, n - len, "|referral %d|winback %d", r->referral_days, r->winback_days);
}

bool rules_weights_uniform(const struct rules *r)
{
	int i;

	for (i = 1; i <= ROLE_COUNT; i++)
		if (r->weight[i] != r->weight[0])
			return false;
	return true;
}

bool rules_fingerprint_day(const char *fp, int *today)
{
	const char *at = fp ? strstr(fp, "|today ") : NULL;
	char day[DATE_LEN];

	if (!at || strlen(at) < 7 + DATE_LEN - 1 || at[7 + DATE_LEN - 1] != '|')
		return false;
	memcpy(day, at + 7, DATE_LEN - 1);
	day[DATE_LEN - 1] = '\0';
	return date_parse(day, today);
}

enum category score_category(int score)
{
	if (score >= 9)
		return CAT_PROMOTER;
	if (score >= 7)
		return CAT_PASSIVE;
	return CAT_DETRACTOR;
}

const char *approach_for(enum category cat)
{
	switch (cat) {
	case CAT_PROMOTER:
		return "collaborative: explore what else we can do for them; "
		       "upsell and cross-sell are welcome; ask for a referral";
	case CAT_PASSIVE:
		return "careful: an upsell will make them skittish, a cross-sell "
		       "may raise curiosity; reinforce the value of what they "
		       "already have";
	case CAT_DETRACTOR:
		return "do not sell: listen, report progress on their problems, "
		       "approach as if they were a first-time prospect";
	case CAT_NONE:
		break;
	}
	return "ask for feedback";
}

/* A name for every value, checked: a name missing or one too many does not
 * build. */
#define NAME_TABLE(fn, type, count, ...)                                                        \
	_Static_assert(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *) == (count), \
		       #fn ": one name for each value");                                        \
	const char *const fn##_names[(count) + 1] = {__VA_ARGS__};                              \
	const char *fn##_name(enum type v)                                                      \
	{                                                                                       \
		return (unsigned)v < (count) ? fn##_names[v] : "?";                             \
	}                                                                                       \
	int fn##_from_name(const char *s)                                                       \
	{                                                                                       \
		return parse_name(s, fn##_names, (count));                                      \
	}

NAME_TABLE(fit, fit, FIT_COUNT, "good", "poor", "unknown")
NAME_TABLE(acct_status, acct_status, ACCT_STATUS_COUNT, "active", "lost", "prospect")
NAME_TABLE(problem_category, problem_category, PCAT_COUNT, "product", "price", "service")
NAME_TABLE(problem_status, problem_status, PSTAT_COUNT, "open", "root_cause", "fixing", "resolved",
	   "reported_back")
NAME_TABLE(note_kind, note_kind, NOTE_KIND_COUNT, "precall", "call", "followup", "checkin",
	   "referral", "winback", "general", "pitch")
NAME_TABLE(good_time, good_time, GOOD_COUNT, "yes", "no", "unsure")
NAME_TABLE(reason, reason, REASON_COUNT, "vacation", "budget_cycle", "open_problem",
	   "reorganisation", "other")
NAME_TABLE(role, role, ROLE_COUNT + 1, "decision_maker", "influencer", "user", "other", "anonymous")

const char *category_name(enum category c)
{
	static const char *const names[] = {"detractor", "passive", "promoter", "none"};
	return (unsigned)c <= CAT_NONE ? names[c] : "?";
}

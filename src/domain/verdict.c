/* The brief's verdict; the rules are in verdict.h. */
#include "acctplan/verdict.h"

struct verdict_result verdict_decide(const struct verdict_facts *f, int today)
{
	struct verdict_result r = {VERDICT_PITCH, -1, -1};

	if (f->hold.on) {
		r.verdict = VERDICT_DO_NOT_PITCH;
	} else if (verdict_not_good_time(f->good_time, f->try_again, today)) {
		r.verdict = VERDICT_WAIT;
		r.until = f->try_again;
		r.reason = f->good_reason;
	} else if (f->checkin_due >= 0 && f->checkin_due <= today) {
		r.verdict = VERDICT_CHECK_IN;
		r.until = f->checkin_due;
	}
	return r;
}

bool verdict_not_good_time(int good_time, int try_again, int today)
{
	return (good_time == GOOD_NO || good_time == GOOD_UNSURE) && try_again > today;
}

const char *verdict_name(enum verdict v)
{
	static const char *const names[] = {"pitch", "wait", "check_in", "do_not_pitch"};

	return (unsigned)v <= VERDICT_DO_NOT_PITCH ? names[v] : "?";
}

void verdict_instead(struct strbuf *out, const struct verdict_facts *f)
{
	int n = 0;

#define PART(...)                                  \
	do {                                       \
		strbuf_adds(out, n++ ? "; " : ""); \
		strbuf_addf(out, __VA_ARGS__);     \
	} while (0)

	if (f->followups_due > 0)
		PART("listen to the detractor%s still waiting for a follow-up",
		     f->followups_due == 1 ? "" : "s");
	if (f->open_problems > 0)
		PART("report progress on the %d open problem%s", f->open_problems,
		     f->open_problems == 1 ? "" : "s");
	switch (f->quadrant) {
	case QUAD_REPAIR:
		PART("find the root causes of what hurts them");
		break;
	case QUAD_FIX_BASICS:
		PART("fix the basics they raised, and ask whether we are a good fit");
		break;
	case QUAD_NO_FEEDBACK:
		PART("ask how we are doing: get their feedback first");
		break;
	case QUAD_PROTECT:
	case QUAD_GROW:
	case QUAD_COUNT:
		break;
	}
	if (f->open_conditions > 0)
		PART("work on the %d open readiness condition%s", f->open_conditions,
		     f->open_conditions == 1 ? "" : "s");
	if (f->manual)
		PART("the reason the hold was set by hand");
	if (n == 0)
		PART("reinforce the value of what they already have");
#undef PART
}

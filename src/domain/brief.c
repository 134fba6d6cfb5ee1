/* The brief's "do not pitch; talk about this instead" advice. */
#include "acctplan/brief.h"

void brief_instead(struct strbuf *out, enum quadrant q, bool manual, int open_problems,
		   int open_conditions, int followups_due)
{
	int n = 0;

#define PART(...)                                  \
	do {                                       \
		strbuf_adds(out, n++ ? "; " : ""); \
		strbuf_addf(out, __VA_ARGS__);     \
	} while (0)

	if (followups_due > 0)
		PART("listen to the detractor%s still waiting for a follow-up",
		     followups_due == 1 ? "" : "s");
	if (open_problems > 0)
		PART("report progress on the %d open problem%s", open_problems,
		     open_problems == 1 ? "" : "s");
	switch (q) {
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
	if (open_conditions > 0)
		PART("work on the %d open readiness condition%s", open_conditions,
		     open_conditions == 1 ? "" : "s");
	if (manual)
		PART("the reason the hold was set by hand");
	if (n == 0)
		PART("reinforce the value of what they already have");
#undef PART
}

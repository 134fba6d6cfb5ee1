#include "acctplan/parse.h"
#include "acctplan/quadrant.h"
#include "acctplan/text.h"

/* The names stored in the book and written in config and on the command
 * line; the words and rules of each below. */
const char *const quadrant_names[QUAD_COUNT + 1] = {
	[QUAD_REPAIR] = "repair",         [QUAD_PROTECT] = "protect",         [QUAD_GROW] = "grow",
	[QUAD_FIX_BASICS] = "fix_basics", [QUAD_NO_FEEDBACK] = "no_feedback",
};

static const struct {
	const char *title, *play;
	bool holds;
} quads[QUAD_COUNT] = {
	[QUAD_REPAIR] = {"Repair", "find the root causes of their problems and fix them now", true},
	[QUAD_PROTECT] = {"Protect",
			  "reinforce what they bought, ask for referrals, keep the "
			  "relationship warm",
			  false},
	[QUAD_GROW] = {"Grow", "qualified for upsell and cross-sell: focus selling here", false},
	[QUAD_FIX_BASICS] = {"Fix the basics",
			     "fix the basics first and delay sales; question whether "
			     "they are a good fit",
			     true},
	[QUAD_NO_FEEDBACK] = {"No feedback", "get feedback before any pitch", true},
};

bool advocacy_is_high(const struct rules *r, double nps)
{
	return nps >= r->advocacy_high;
}

enum quadrant quadrant_classify(const struct rules *r, bool nps_known, double nps, bool share_known,
				double share)
{
	bool high_adv, high_share;

	if (!nps_known)
		return QUAD_NO_FEEDBACK;
	high_adv = advocacy_is_high(r, nps);
	high_share = share_known && share >= r->share_high;
	if (high_share)
		return high_adv ? QUAD_PROTECT : QUAD_REPAIR;
	return high_adv ? QUAD_GROW : QUAD_FIX_BASICS;
}

const char *quadrant_name(enum quadrant q)
{
	return (unsigned)q < QUAD_COUNT ? quadrant_names[q] : "?";
}

const char *quadrant_title(enum quadrant q)
{
	return (unsigned)q < QUAD_COUNT ? quads[q].title : "?";
}

const char *quadrant_play(enum quadrant q)
{
	return (unsigned)q < QUAD_COUNT ? quads[q].play : "";
}

int quadrant_from_name(const char *s)
{
	return parse_name(s, quadrant_names, QUAD_COUNT);
}

bool quadrant_holds(enum quadrant q)
{
	return (unsigned)q < QUAD_COUNT && quads[q].holds;
}

struct hold hold_compute(enum quadrant q, int open_conditions, enum hold_manual manual,
			 int manual_quadrant)
{
	/* a manual state set before its quadrant was recorded (< 0) still wins */
	if (manual != HOLD_AUTO && (manual_quadrant < 0 || manual_quadrant == (int)q))
		return (struct hold){manual == HOLD_SET,
				     manual == HOLD_SET ? "set by hand" : "lifted by hand", true};
	if (quadrant_holds(q))
		return (struct hold){
			true, q == QUAD_NO_FEEDBACK ? "no feedback in the window" : "low advocacy",
			false};
	if (open_conditions > 0)
		return (struct hold){true, "readiness conditions open", false};
	return (struct hold){false, "advocacy high and plan met", false};
}

struct priority priority_of(enum quadrant q, enum fit fit, int64_t revenue, bool has_wallet,
			    int64_t wallet)
{
	switch (q) {
	case QUAD_REPAIR:
		return (struct priority){0, revenue};
	case QUAD_FIX_BASICS:
		return (struct priority){fit == FIT_GOOD ? 1 : 5, revenue};
	case QUAD_GROW:
		/* headroom; an unknown wallet (missing or 0) has none we can count */
		return (struct priority){2, has_wallet && wallet > 0 ? wallet - revenue : 0};
	case QUAD_PROTECT:
		return (struct priority){3, revenue};
	case QUAD_NO_FEEDBACK:
	default:
		return (struct priority){4, revenue};
	}
}

int priority_cmp(const struct priority *a, const struct priority *b)
{
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return 0;
}

int account_order_cmp(const struct priority *pa, const char *na, int64_t ia,
		      const struct priority *pb, const char *nb, int64_t ib)
{
	int c;

	if ((c = priority_cmp(pa, pb)) != 0)
		return c;
	if ((c = text_nocase_cmp(na, nb)) != 0)
		return c;
	return ia < ib ? -1 : ia > ib;
}

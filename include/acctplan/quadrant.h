/*
 * Where an account stands (DESIGN.md §1): its quadrant on advocacy × share,
 * the play and whether sales are on hold, and the priority order that
 * answers "who first?".
 */
#ifndef ACCTPLAN_QUADRANT_H
#define ACCTPLAN_QUADRANT_H

#include <stdbool.h>
#include <stdint.h>

#include "acctplan/rules.h"

enum quadrant {
	QUAD_REPAIR,
	QUAD_PROTECT,
	QUAD_GROW,
	QUAD_FIX_BASICS,
	QUAD_NO_FEEDBACK,
	QUAD_COUNT
};

enum quadrant quadrant_classify(const struct rules *r, bool nps_known, double nps, bool share_known,
				double share);
/* High advocacy (NPS >= advocacy_high): the one test, for the screen's
 * colours as for the quadrants. */
bool advocacy_is_high(const struct rules *r, double nps);
const char *quadrant_name(enum quadrant q);  /* "repair", "fix_basics", ... */
const char *quadrant_title(enum quadrant q); /* "Repair", "Fix the basics", ... */
const char *quadrant_play(enum quadrant q);
int quadrant_from_name(const char *s);
/* quadrant_name() of each, indexed by the enum, NULL-terminated. */
extern const char *const quadrant_names[];
/* Whether the quadrant itself holds sales. */
bool quadrant_holds(enum quadrant q);

/* A hold set or lifted by hand, kept with the quadrant it was set in. */
enum hold_manual { HOLD_AUTO, HOLD_SET, HOLD_LIFTED };

struct hold {
	bool on;
	const char *why; /* static text; the manual reason is kept by the caller */
	bool manual;     /* the state was set or lifted by hand (and still wins) */
};

/* On hold while the quadrant says so or any readiness condition is open;
 * a manual state wins while the account is still in manual_quadrant. */
struct hold hold_compute(enum quadrant q, int open_conditions, enum hold_manual manual,
			 int manual_quadrant);

/* Priority: smaller group first, then larger value first (revenue at stake,
 * or headroom for grow). */
struct priority {
	int group;
	int64_t value;
};

struct priority priority_of(enum quadrant q, enum fit fit, int64_t revenue, bool has_wallet,
			    int64_t wallet);
/* qsort-style comparison: negative when a comes first. */
int priority_cmp(const struct priority *a, const struct priority *b);
/* The order of accounts in every list: priority, then the name as NOCASE
 * orders it (text_nocase_cmp()), then the id; the SQL's "rank_group,
 * rank_value DESC, name COLLATE NOCASE, id". */
int account_order_cmp(const struct priority *pa, const char *na, int64_t ia,
		      const struct priority *pb, const char *nb, int64_t ib);

#endif

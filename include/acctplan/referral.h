/*
 * Referrals (seed 004: a customer looked after asks to be asked; the
 * protect play asks promoters for referrals). A referral starts as an ask
 * of a buyer on a day; when the buyer names someone, it is a referral to
 * them, with an outcome: pending (not met yet), met, won (a customer now)
 * or lost. Pending and met ones are still open.
 *
 * Who to ask: a buyer whose latest answer in the advocacy window is a
 * promoter's (9 or 10), and who was not asked in the last referral_days
 * days (today - referral_days + 1 .. today; default 180). Pure: no I/O.
 */
#ifndef ACCTPLAN_REFERRAL_H
#define ACCTPLAN_REFERRAL_H

#include <stdbool.h>

#include "acctplan/rules.h"

enum referral_outcome {
	REFERRAL_PENDING,
	REFERRAL_MET,
	REFERRAL_WON,
	REFERRAL_LOST,
	REFERRAL_OUTCOME_COUNT
};
/* "pending", "met", "won", "lost", as the file stores them. */
const char *referral_outcome_name(enum referral_outcome o);
int referral_outcome_from_name(const char *s); /* -1 when unknown */
/* Those names, indexed by the enum, NULL-terminated. */
extern const char *const referral_outcome_names[];
/* Still open: pending or met. */
bool referral_open(enum referral_outcome o);

/* The days the rule reads: promoters who answered from *first to today,
 * asked lately when asked on *asked_since or after. */
void referral_days_of(const struct rules *r, int today, int *first, int *asked_since);
/* Whether a buyer whose latest answer in the window came on `responded`
 * with `score`, last asked on `last_asked` (a day, -1: never), is due a
 * referral ask today. */
bool referral_due(const struct rules *r, int today, int responded, int score, int last_asked);
/* The part of referral_due() the last ask has no say in: a promoter's
 * answer in the window. A buyer without it is never due, however long
 * ago they were asked, so the ask need not be looked up. */
bool referral_candidate(const struct rules *r, int today, int responded, int score);

#endif

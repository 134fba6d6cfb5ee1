/*
 * Advocacy: an account's Net Promoter Score over the window (DESIGN.md §1).
 * For each contact only the latest response inside the window counts; each
 * response without a contact counts on its own; contacts are weighted by
 * role. No response in the window means no advocacy (unknown), not zero.
 */
#ifndef ACCTPLAN_ADVOCACY_H
#define ACCTPLAN_ADVOCACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/rules.h"

struct response {
	int64_t contact_id; /* 0: anonymous */
	int role;           /* enum role, or ROLE_ANONYMOUS */
	int day;            /* responded on, a day number */
	int64_t order;      /* tie-break between same-day responses: higher is later */
	int score;          /* 0..10 */
};

struct advocacy {
	bool known;       /* false: no response in the window */
	double nps;       /* -100..100 when known */
	double promoters; /* weighted counts of the responses counted */
	double passives;
	double detractors;
	int counted;  /* responses counted (after latest-per-contact) */
	int last_day; /* latest response in the window, when known */
};

/* Computes advocacy as of today. Reorders r (sorts it in place). */
void advocacy_compute(struct response *r, size_t n, int today, const struct rules *rules,
		      struct advocacy *out);

/* The first day of the oldest of `quarters` calendar quarters that end
 * with today's: advocacy_by_quarter() counts the responses from that day
 * to today. */
int advocacy_quarters_start(int today, int quarters);

/* The NPS of each of the `quarters` quarters up to today's, oldest first:
 * each quarter is a window of its own, from its first day to its last (to
 * today for the current one), counted as advocacy_compute() counts a window
 * (each contact's latest response in it, each anonymous response on its
 * own, weighted by role). known[i] is false where quarter i had no
 * response. Reorders r. */
void advocacy_by_quarter(struct response *r, size_t n, int today, int quarters,
			 const struct rules *rules, double *nps, bool *known);

/* Share of wallet: false (unknown) when the wallet is missing or 0. */
bool share_compute(int64_t revenue, bool has_wallet, int64_t wallet, double *share);

#endif

/*
 * The history of where each account stood (DESIGN.md §2, the snapshots
 * table): not a daily copy of the book but one row per change. This is the
 * rule that says what a change is, so every writer of the history (the
 * cache's refresh, the migration of old daily copies, the sample books)
 * records the same ones.
 *
 * An account's standing is whether it is on the board (status active),
 * its quadrant, whether sales are on hold, its NPS and its share of wallet.
 * It changed when it came onto or left the board, or, while on it, when
 * its quadrant, its hold, its NPS rounded to a whole number or its share
 * band changed. An account off the board records only its leaving: its
 * figures go on moving (responses leave the window) without a row.
 *
 * Share bands are the quartiles of share of wallet (under 25 %, 25–50 %,
 * 50–75 %, 75 % and over), the one that holds share_high split at it, so
 * no band straddles the line between low and high share. Pure: no I/O.
 */
#ifndef ACCTPLAN_STANDING_H
#define ACCTPLAN_STANDING_H

#include <stdbool.h>

#include "acctplan/quadrant.h"
#include "acctplan/rules.h"

struct standing {
	bool active; /* on the board: status active */
	enum quadrant quadrant;
	bool hold; /* sales on hold (quadrant, open conditions or by hand) */
	bool nps_known;
	double nps;
	bool share_known;
	double share;
};

/* Bands there can be: four quartiles, one of them split at share_high. */
#define SHARE_BANDS_MAX 5

/* The band of a share, counted from 0 (the lowest); -1 when unknown. */
int share_band(const struct rules *r, bool known, double share);
/* The NPS as the history compares it: rounded to a whole number, halves
 * away from zero (as SQLite's round() does). */
long standing_nps(double nps);
/* Whether now differs from prev, the account's last recorded standing
 * (NULL: none yet), by the rule above: a first standing counts only when
 * the account is on the board. */
bool standing_changed(const struct rules *r, const struct standing *prev,
		      const struct standing *now);

#endif

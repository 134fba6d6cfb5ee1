/* What counts as a change of standing; the rule is in standing.h. */
#include <math.h>

#include "acctplan/standing.h"

/* The quartiles, and share_high among them when it is not one. */
static int band_edges(const struct rules *r, double edges[SHARE_BANDS_MAX - 1])
{
	static const double quartiles[] = {0.25, 0.50, 0.75};
	double h = r->share_high;
	int n = 0;
	bool placed = !(h > 0) || h == 0.25 || h == 0.50 || h == 0.75;
	size_t i;

	for (i = 0; i < sizeof(quartiles) / sizeof(*quartiles); i++) {
		if (!placed && h < quartiles[i]) {
			edges[n++] = h;
			placed = true;
		}
		edges[n++] = quartiles[i];
	}
	if (!placed)
		edges[n++] = h;
	return n;
}

int share_band(const struct rules *r, bool known, double share)
{
	double edges[SHARE_BANDS_MAX - 1];
	int n, band = 0, i;

	if (!known)
		return -1;
	n = band_edges(r, edges);
	for (i = 0; i < n; i++)
		if (share >= edges[i])
			band = i + 1;
	return band;
}

long standing_nps(double nps)
{
	return lround(nps);
}

bool standing_changed(const struct rules *r, const struct standing *prev,
		      const struct standing *now)
{
	if (!prev)
		return now->active;
	if (prev->active != now->active)
		return true;
	if (!now->active)
		return false;
	if (prev->quadrant != now->quadrant || prev->hold != now->hold)
		return true;
	if (prev->nps_known != now->nps_known ||
	    (now->nps_known && standing_nps(prev->nps) != standing_nps(now->nps)))
		return true;
	return share_band(r, prev->share_known, prev->share) !=
	       share_band(r, now->share_known, now->share);
}

#include <stdlib.h>
#include <string.h>

#include "acctplan/defect_rank.h"

static int cmp_defect(const void *pa, const void *pb)
{
	const struct defect_stat *a = pa, *b = pb;

	if (a->impact != b->impact)
		return a->impact > b->impact ? -1 : 1;
	if (a->frequency != b->frequency)
		return a->frequency > b->frequency ? -1 : 1;
	return strcmp(a->code ? a->code : "", b->code ? b->code : "");
}

void defect_rank(struct defect_stat *d, size_t n, long responses, double score_sum)
{
	size_t i;

	for (i = 0; i < n; i++) {
		long untagged = responses - d[i].tagged;

		d[i].frequency = responses > 0 ? (double)d[i].tagged / (double)responses : 0;
		d[i].severity_known = d[i].tagged > 0 && untagged > 0;
		d[i].severity = 0;
		if (d[i].severity_known)
			d[i].severity = (score_sum - d[i].tagged_sum) / (double)untagged -
					d[i].tagged_sum / (double)d[i].tagged;
		d[i].impact = d[i].frequency * d[i].severity;
	}
	if (n > 1) /* qsort must not see a NULL array, even an empty one */
		qsort(d, n, sizeof(*d), cmp_defect);
}

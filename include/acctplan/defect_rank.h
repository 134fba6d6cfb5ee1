/*
 * Defect ranking over the responses in the window (DESIGN.md §1):
 *   frequency = tagged / responses
 *   severity  = mean score of untagged responses - mean score of tagged ones
 *   impact    = frequency × severity
 * Severity is unknown when either side is empty (no response cites the
 * defect, or every response does); impact then counts as 0 and such a
 * defect ranks after every defect with a known positive impact.
 */
#ifndef ACCTPLAN_DEFECT_RANK_H
#define ACCTPLAN_DEFECT_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct defect_stat {
	int64_t id;        /* caller's key; carried through the sort */
	const char *code;  /* tie-break, borrowed */
	long tagged;       /* responses in the window tagged with it */
	double tagged_sum; /* sum of their scores */
	/* filled by defect_rank(): */
	double frequency;
	bool severity_known;
	double severity;
	double impact;
};

/* Fills the derived fields from the window totals and sorts d by impact,
 * then frequency, then code. */
void defect_rank(struct defect_stat *d, size_t n, long responses, double score_sum);

#endif

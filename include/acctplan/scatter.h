/*
 * The one binning of the scatter plot (advocacy × share of wallet): the
 * cache stores each account's fine bin (account_cache's bin_x and bin_y,
 * cache.c) and the console adds fine bins up into screen cells
 * (view_scatter.c, db_scatter() of lists.h), both through these. Pure
 * arithmetic.
 */
#ifndef ACCTPLAN_SCATTER_H
#define ACCTPLAN_SCATTER_H

/* An account's fine bin: its NPS point (floor(nps + 100), 0..200) and
 * share percent (floor(share * 100), 0..100; pass 0 for an unknown share). */
void scatter_fine(double nps, double share, int *fx, int *fy);
/* The cell of cols × rows that holds the account's fine bin (col = fx *
 * cols / 200, row from the top, the last column and row taking what
 * reaches past them). */
void scatter_bin(double nps, double share, int cols, int rows, int *col, int *row);

#endif

/* The scatter plot's binning (see scatter.h). */
#include "acctplan/scatter.h"

void scatter_fine(double nps, double share, int *fx, int *fy)
{
	double x = nps + 100, y = share * 100;

	/* account_cache's bin_x and bin_y (cache.c) */
	*fx = x >= 200 ? 200 : x <= 0 ? 0 : (int)x;
	*fy = y >= 100 ? 100 : y <= 0 ? 0 : (int)y;
}

void scatter_bin(double nps, double share, int cols, int rows, int *col, int *row)
{
	int fx, fy, bx, by;

	scatter_fine(nps, share, &fx, &fy);
	bx = fx * cols / 200;
	by = fy * rows / 100;
	*col = bx >= cols ? cols - 1 : bx;
	*row = rows - 1 - (by >= rows ? rows - 1 : by);
}

/*
 * The queries behind the console's lists that the general account list
 * (db_accounts()) does not answer cheaply: one board lane a page at a
 * time, straight off the priority index; the scatter plot's counts per
 * cell and the accounts of one cell; and the accounts table's count, page,
 * rows and sparklines, each one statement for the whole page. Rows are
 * borrowed for the duration of the callback only. All need db_refresh()
 * first.
 */
#ifndef ACCTPLAN_LISTS_H
#define ACCTPLAN_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/db.h"

/* One account as a board lane shows it. */
struct lane_row {
	int64_t id;
	const char *name, *owner;
	int64_t revenue;
	bool nps_known;
	double nps;
	bool share_known;
	double share;
	enum quadrant quadrant;
	bool hold;        /* sales on hold (quadrant, open conditions or by hand) */
	bool hold_manual; /* ...set or lifted by hand, and that state still wins */
	/* db_lane() only (0 and NULL elsewhere): */
	int open_problems;        /* problems not yet reported back */
	const char *next_contact; /* earliest next-contact date from today on, or NULL */
};
typedef int (*lane_cb)(const struct lane_row *row, void *ctx);

/* The active accounts of quadrant q (of owner, when not NULL) in priority
 * order, rows offset..offset+limit-1, next contacts counted from today.
 * Walks the priority index from the quadrant's own rank groups, so the cost
 * follows offset + limit, not the size of the book. */
enum status db_lane(struct db *db, enum quadrant q, const char *owner, int today, size_t offset,
		    size_t limit, lane_cb cb, void *ctx);

/* The scatter plot: active accounts with known advocacy (of owner, when not
 * NULL) counted into cols × rows cells as scatter_bin() (scatter.h) bins
 * them; x runs NPS -100..100 left to right, y runs share 0..1 bottom to
 * top (an unknown share counts as 0, a share above 1 lands in the top
 * row). counts[row * cols + col], row 0 at the top. *unplaced gets the
 * accounts with no advocacy. Read off the cache's counts per NPS point and
 * share percent (scatter_cells, scatter_bins), so it costs the same at any
 * book size. */
enum status db_scatter(struct db *db, const char *owner, int cols, int rows, int *counts,
		       int *unplaced);

/* The accounts plotted in one cell of db_scatter()'s grid (col, row;
 * row 0 at the top), in priority order, at most limit. Each of the cell's
 * fine bins is looked up on account_cache_bin: the cost follows the
 * accounts in the cell, not the book. */
enum status db_scatter_cell(struct db *db, const char *owner, int cols, int rows, int col, int row,
			    size_t limit, lane_cb cb, void *ctx);

/* Counts the accounts matching f (offset, limit and sort ignored), stopping
 * at cap: *n is min(matches, cap), so a filter that matches much of the
 * book costs about cap rows. */
enum status db_accounts_count_upto(struct db *db, const struct account_filter *f, size_t cap,
				   size_t *n);

/* The ids of the accounts matching f, in f's sort order (the order
 * db_accounts() uses), rows f->offset .. f->offset + max - 1; *n gets how
 * many. The priority and name orders walk their indexes and stop at the
 * page, so a page costs about offset + max rows however big the book.
 * matches is how many accounts match f when db_accounts_count_upto()
 * counted them all (below its cap), else SIZE_MAX: a short search alone
 * with few matches has them lead rather than walk most of the book for a
 * page. */
enum status db_accounts_page(struct db *db, const struct account_filter *f, size_t matches,
			     int64_t *ids, size_t max, size_t *n);

/* One account as the accounts table shows it. */
struct table_row {
	int64_t id;
	const char *name, *owner;
	enum quadrant quadrant;
	bool nps_known;
	double nps;
	bool share_known;
	double share;
	int64_t revenue;
	bool hold;                 /* sales on hold (quadrant, open conditions or by hand) */
	bool hold_manual;          /* ...set or lifted by hand, and that state still wins */
	int open_problems;         /* problems not yet reported back */
	const char *last_response; /* "YYYY-MM-DD" or NULL */
	const char *next_contact;  /* earliest next-contact date from today on, or NULL */
	enum acct_status status;   /* lost accounts and prospects are off the board */
};
typedef int (*table_cb)(const struct table_row *row, void *ctx);

/* The accounts of ids[0..n-1] (a page from db_accounts_page()) in one statement,
 * cb called in the order of ids; an id with no account is skipped. The
 * figures are db_account_get()'s, next contacts counted from today. */
enum status db_accounts_rows(struct db *db, const int64_t *ids, size_t n, int today, table_cb cb,
			     void *ctx);

/* db_nps_trend() for n accounts in one statement: nps[i * quarters + q]
 * and known[i * quarters + q] get account ids[i]'s NPS over quarter q, the
 * oldest first and the last the one holding today (up to today). */
enum status db_nps_trends(struct db *db, const int64_t *ids, size_t n, const struct rules *rules,
			  int today, int quarters, double *nps, bool *known);

/* Whether the book holds any account at all. */
enum status db_any_account(struct db *db, bool *any);

#endif

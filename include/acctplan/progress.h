/*
 * Progress of long work: a callback the lower layers call with how much of
 * it is done, and the one line of text every front end draws for it.
 *
 * Anything a user may wait more than a second for (writing a synthetic
 * book, rebuilding every account's standing, an import, an export, a sync)
 * takes a `const struct progress *` (NULL: nobody is watching) and calls
 * progress_update() as it goes, with a label, the units done and the units
 * in all (0: not known), then progress_finish() once at its end, whether
 * it succeeded or not. Call it as often as is natural (every row is fine):
 * the renderer throttles what it draws, so a caller only keeps the call out
 * of its innermost loops when even a function call per item counts
 * (PROGRESS_EVERY). Several stages may follow one another under different
 * labels before the one finish; a new label starts its own clock and rate.
 *
 *     void import_rows(..., const struct progress *p)
 *     {
 *             for (i = 0; i < n; i++) {
 *                     ...
 *                     if (i % PROGRESS_EVERY == 0)
 *                             progress_update(p, "importing accounts", i, n);
 *             }
 *             progress_finish(p);
 *     }
 *
 * The renderers: cli_progress() (src/cli/progress.c) draws the line on
 * stderr when stderr is a terminal, throttled to about ten lines a second,
 * and erases it at the finish; when stderr is not a terminal it is a
 * progress that draws nothing. The console shows the same line in its
 * status line (ui.c). The database takes one with db_set_progress() for
 * the work it does on its own (a full rebuild of the standings inside
 * db_refresh()).
 */
#ifndef ACCTPLAN_PROGRESS_H
#define ACCTPLAN_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

struct progress {
	/* done of total units of the work named label; total 0: unknown */
	void (*update)(void *ctx, const char *label, int64_t done, int64_t total);
	/* the work is over: take the line away */
	void (*finish)(void *ctx);
	void *ctx;
};

/* How many items a tight loop lets pass between two updates. */
#define PROGRESS_EVERY 1024

static inline void progress_update(const struct progress *p, const char *label, int64_t done,
				   int64_t total)
{
	if (p && p->update)
		p->update(p->ctx, label, done, total);
}

static inline void progress_finish(const struct progress *p)
{
	if (p && p->finish)
		p->finish(p->ctx);
}

/* The line a renderer draws, into buf (n bytes):
 *   "label  12,345 / 1,000,000  35%  8,000/s  0:42 left"
 * after `seconds` spent on this label; without a total, only the count and
 * the rate; the rate and time left once there is a rate to tell; neither
 * a count nor a total (0, 0): the label alone, for a stage that cannot
 * count its steps. */
void progress_format(char *buf, size_t n, const char *label, int64_t done, int64_t total,
		     double seconds);

#endif

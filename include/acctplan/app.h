/*
 * What both front ends set up the same way before they do anything: the
 * configuration, today, the database path in force, and the book opened
 * and brought up to date. The command line and the console each hold one
 * struct app; nothing here prints or exits: failures come back as a status
 * with its detail (status_detail()) for the front end to word.
 */
#ifndef ACCTPLAN_APP_H
#define ACCTPLAN_APP_H

#include <stdbool.h>

#include "acctplan/config.h"
#include "acctplan/db.h"
#include "acctplan/progress.h"
#include "acctplan/status.h"

struct app {
	const char *db_path;     /* --db, or NULL: $ACCTPLAN_DB, else the default */
	const char *config_path; /* --config, or NULL: the default (optional) */
	const char *theme;       /* --theme, or NULL: the config's */
	struct config config;    /* the settings in force, with their warnings */
	int today;               /* day number: ACCTPLAN_TODAY or the local date */
	/* where app_open()'s refresh reports a long rebuild (progress.h), or
	 * NULL; the front end sets it */
	const struct progress *progress;
};

void app_init(struct app *a);
void app_done(struct app *a);
/* Loads the configuration (a bad setting becomes a warning in
 * a->config.warnings) and resolves today. STATUS_BAD_INPUT when
 * ACCTPLAN_TODAY is not a date. */
enum status app_setup(struct app *a);
/* The database path in force; caller frees. */
char *app_db_path(const struct app *a);
/* Whether the path in force is the default one (neither --db nor
 * $ACCTPLAN_DB chose it). */
bool app_default_db(const struct app *a);
/* mkdir -p: dir and every directory above it that is missing, each made
 * 0700. Returns 0, or -1 with errno set. */
int app_mkdirs(const char *dir);
/* app_mkdirs() of the directory path is in (nothing for a bare name). */
int app_mkparent(const char *path);
/* Opens the book in force (flags as db_open()) and brings its standings up
 * to date for today, reporting a long rebuild to a->progress. A missing
 * default book gets a detail that says how to make one. */
enum status app_open(struct app *a, int flags, struct db **db);

/* The timestamp to store for something written now ("YYYY-MM-DD
 * HH:MM:SS", UTC), the one clock every write uses: the system clock, or
 * with ACCTPLAN_TODAY pinned, today's date and the clock's time of day, so
 * that every stamp of a pinned run agrees with today. Returns buf. */
#define APP_STAMP_LEN 20
const char *app_stamp(const struct app *a, char buf[APP_STAMP_LEN]);

#endif

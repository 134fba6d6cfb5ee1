/* Shared by the plan commands (note, plan, problem, defects, agenda,
 * brief): the names their options take, and the write path. No curses, no
 * SQL. */
#ifndef ACCTPLAN_CLI_PLAN_UTIL_H
#define ACCTPLAN_CLI_PLAN_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "acctplan/date.h"
#include "cli.h"

/* The values of CLI_ENUM options, indexed by the domain's enums (rules.h),
 * NULL-terminated. */
extern const char *const plan_categories[]; /* enum problem_category */
extern const char *const plan_states[];     /* enum problem_status */
extern const char *const plan_note_kinds[]; /* enum note_kind */
extern const char *const plan_good_times[]; /* enum good_time */
extern const char *const plan_reasons[];    /* enum reason */

/* Opens the database for a write (cli_open_rw()): a missing file becomes
 * a new book; a read-only one fails (exit 1, one line). */
int plan_open_rw(struct cli *c, struct db **db);
/* Reports a failed status: exit 1 with "acctplan: detail". */
int plan_fail(struct db *db, enum status st);
/* The test hook: with ACCTPLAN_TEST_KILL_AFTER_COMMIT=1 in the environment
 * the process kills itself with SIGKILL right after a write committed. */
void plan_after_commit(void);

#endif

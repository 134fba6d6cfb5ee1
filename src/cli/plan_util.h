/* Shared by the plan commands (note, plan, problem, defects, agenda,
 * brief): argument checks and the write path. No curses, no SQL. */
#ifndef ACCTPLAN_CLI_PLAN_UTIL_H
#define ACCTPLAN_CLI_PLAN_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "acctplan/date.h"
#include "cli.h"

/* A positive decimal id; false otherwise. */
bool plan_parse_id(const char *s, int64_t *id);
/* A strict YYYY-MM-DD for option opt; reports a usage error and returns
 * false when it is not one. */
bool plan_parse_date(const char *opt, const char *s, int *day);
/* Opens the database for a write: fails (exit 1, one line) when it is
 * read-only. */
int plan_open_rw(struct cli *c, struct db **db);
/* Reports a failed status: exit 1 with "acctplan: detail". */
int plan_fail(struct db *db, enum status st);
/* The test hook: with ACCTPLAN_TEST_KILL_AFTER_COMMIT=1 in the environment
 * the process kills itself with SIGKILL right after a write committed. */
void plan_after_commit(void);
/* Whether argv[c->i] is a positional argument (not an option). */
bool plan_positional(const struct cli *c);

#endif

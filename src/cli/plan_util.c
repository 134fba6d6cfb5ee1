#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_util.h"

const char *const plan_categories[] = {
	[PCAT_PRODUCT] = "product",
	[PCAT_PRICE] = "price",
	[PCAT_SERVICE] = "service",
	[PCAT_COUNT] = NULL,
};

const char *const plan_states[] = {
	[PSTAT_OPEN] = "open",
	[PSTAT_ROOT_CAUSE] = "root_cause",
	[PSTAT_FIXING] = "fixing",
	[PSTAT_RESOLVED] = "resolved",
	[PSTAT_REPORTED_BACK] = "reported_back",
	[PSTAT_COUNT] = NULL,
};

const char *const plan_note_kinds[] = {
	[NOTE_PRECALL] = "precall", [NOTE_CALL] = "call",         [NOTE_FOLLOWUP] = "followup",
	[NOTE_CHECKIN] = "checkin", [NOTE_REFERRAL] = "referral", [NOTE_WINBACK] = "winback",
	[NOTE_GENERAL] = "general", [NOTE_PITCH] = "pitch",       [NOTE_KIND_COUNT] = NULL,
};

const char *const plan_good_times[] = {
	[GOOD_YES] = "yes",
	[GOOD_NO] = "no",
	[GOOD_UNSURE] = "unsure",
	[GOOD_COUNT] = NULL,
};

const char *const plan_reasons[] = {
	[REASON_VACATION] = "vacation",
	[REASON_BUDGET_CYCLE] = "budget_cycle",
	[REASON_OPEN_PROBLEM] = "open_problem",
	[REASON_REORGANISATION] = "reorganisation",
	[REASON_OTHER] = "other",
	[REASON_COUNT] = NULL,
};

int plan_open_rw(struct cli *c, struct db **db)
{
	int r = cli_open_rw(c, db);

	if (r != EXIT_OK)
		return r;
	/* every write of the command line goes into the edit history */
	cli_change(c, *db, NULL);
	return EXIT_OK;
}

int plan_fail(struct db *db, enum status st)
{
	db_close(db);
	return cli_fail(st);
}

void plan_after_commit(void)
{
	const char *v = getenv("ACCTPLAN_TEST_KILL_AFTER_COMMIT");

	if (v && !strcmp(v, "1")) {
		fflush(stdout);
		raise(SIGKILL);
	}
}

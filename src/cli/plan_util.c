#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan_util.h"

bool plan_parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return false;
	*id = v;
	return true;
}

bool plan_parse_date(const char *opt, const char *s, int *day)
{
	if (date_parse(s, day))
		return true;
	cli_usage("%s needs a date as YYYY-MM-DD, not \"%.40s\"", opt, s);
	return false;
}

int plan_open_rw(struct cli *c, struct db **db)
{
	int r = cli_open(c, db);

	if (r != EXIT_OK)
		return r;
	if (db_is_readonly(*db)) {
		fprintf(stderr, "acctplan: the database is read-only (%s); nothing written\n",
			db_readonly_reason(*db));
		db_close(*db);
		*db = NULL;
		return EXIT_RUNTIME;
	}
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

bool plan_positional(const struct cli *c)
{
	const char *a = c->argv[c->i];
	return a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9');
}

/* Setting up either front end; the contract is in app.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "acctplan/app.h"
#include "acctplan/date.h"
#include "acctplan/xalloc.h"

void app_init(struct app *a)
{
	memset(a, 0, sizeof(*a));
	config_init(&a->config);
}

void app_done(struct app *a)
{
	config_done(&a->config);
}

enum status app_setup(struct app *a)
{
	if (a->config_path) {
		config_load_file(&a->config, a->config_path, true);
	} else {
		char *dir = config_dir(), *path = xasprintf("%s/config.yaml", dir);
		config_load_file(&a->config, path, false);
		free(path);
		free(dir);
	}
	return date_today(&a->today);
}

bool app_default_db(const struct app *a)
{
	const char *env = getenv("ACCTPLAN_DB");

	return !a->db_path && !(env && *env);
}

char *app_db_path(const struct app *a)
{
	const char *env = getenv("ACCTPLAN_DB");

	if (a->db_path)
		return xstrdup(a->db_path);
	if (env && *env)
		return xstrdup(env);
	return config_default_db();
}

/* Whether the directory path names is there (the file itself is missing). */
static bool parent_exists(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat sb;
	bool yes;

	if (!slash || slash == dir) {
		yes = true;
	} else {
		*slash = '\0';
		yes = stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
	}
	free(dir);
	return yes;
}

int app_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

int app_mkparent(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int rc = 0;

	if (slash && slash != dir) {
		*slash = '\0';
		rc = app_mkdirs(dir);
	}
	free(dir);
	return rc;
}

enum status app_open(struct app *a, int flags, struct db **db)
{
	char *path = app_db_path(a);
	enum status st = db_open_watched(path, flags, a->progress, db);

	if (st == STATUS_NOT_FOUND && app_default_db(a))
		status_set(st,
			   "%s: no book yet (open the console to start one, or import your"
			   " accounts: acctplan import accounts FILE)",
			   path);
	else if (st == STATUS_NOT_FOUND && !(flags & DB_CREATE) && parent_exists(path))
		status_set(st,
			   "%s: no such file (a command that writes starts a book there:"
			   " acctplan --db %s import accounts FILE)",
			   path, path);
	free(path);
	if (st != STATUS_OK)
		return st;
	db_set_progress(*db, a->progress);
	if ((st = db_refresh(*db, &a->config.rules, a->today)) != STATUS_OK) {
		db_close(*db);
		*db = NULL;
	}
	return st;
}

const char *app_stamp(const struct app *a, char buf[APP_STAMP_LEN])
{
	(void)a;
	return date_stamp(buf);
}

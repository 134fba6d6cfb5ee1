#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/xalloc.h"
#include "cli.h"

int cli_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("acctplan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int cli_fail(enum status st)
{
	(void)st;
	fprintf(stderr, "acctplan: %s\n", status_detail());
	return EXIT_RUNTIME;
}

int cli_option(struct cli *c, const char *name, const char **value)
{
	const char *a = c->argv[c->i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*value = a + n + 1;
		c->i++;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (c->i + 1 >= c->argc) {
		cli_usage("%s needs a value", name);
		return -1;
	}
	*value = c->argv[c->i + 1];
	c->i += 2;
	return 1;
}

int cli_valued_option(struct cli *c, const struct cli_valued *opts, size_t n, void *base)
{
	size_t k;
	int r;

	for (k = 0; k < n; k++) {
		const char *v;
		if ((r = cli_option(c, opts[k].name, &v)) != 0) {
			if (r > 0)
				*(const char **)((char *)base + opts[k].off) = v;
			return r;
		}
	}
	return 0;
}

int cli_global_option(struct cli *c)
{
	const char *a = c->argv[c->i], *v;
	int r;

	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		c->help = true;
		c->i++;
		return 1;
	}
	if ((r = cli_option(c, "--db", &v)) != 0) {
		if (r > 0)
			c->db_path = v;
		return r;
	}
	if ((r = cli_option(c, "--config", &v)) != 0) {
		if (r > 0)
			c->config_path = v;
		return r;
	}
	if ((r = cli_option(c, "--theme", &v)) != 0) {
		if (r > 0)
			c->theme = v;
		return r;
	}
	if ((r = cli_option(c, "--format", &v)) != 0) {
		if (r < 0)
			return r;
		int f = format_from_name(v);
		if (f < 0) {
			cli_usage("unknown format \"%.20s\" (text, md, csv or json)", v);
			return -1;
		}
		c->format = (enum format)f;
		return 1;
	}
	return 0;
}

int cli_setup(struct cli *c)
{
	size_t i;

	if (c->config_path) {
		config_load_file(&c->config, c->config_path, true);
	} else {
		char *dir = config_dir(), *path = xasprintf("%s/config.yaml", dir);
		config_load_file(&c->config, path, false);
		free(path);
		free(dir);
	}
	for (i = 0; i < c->config.nwarnings; i++)
		fprintf(stderr, "acctplan: warning: %s (using the default)\n",
			c->config.warnings[i]);
	if (date_today(&c->today) != STATUS_OK)
		return cli_usage("%s", status_detail());
	return EXIT_OK;
}

char *cli_db_path(const struct cli *c)
{
	const char *env = getenv("ACCTPLAN_DB");

	if (c->db_path)
		return xstrdup(c->db_path);
	if (env && *env)
		return xstrdup(env);
	return config_default_db();
}

int cli_open(struct cli *c, struct db **db)
{
	char *path = cli_db_path(c);
	enum status st = db_open(path, 0, db);

	if (st == STATUS_NOT_FOUND && !c->db_path && !getenv("ACCTPLAN_DB"))
		status_set(
			st,
			"%s: no database yet (create one with: acctplan sample --out %s, or open the console)",
			path, path);
	free(path);
	if (st != STATUS_OK)
		return cli_fail(st);
	if ((st = db_refresh(*db, &c->config.rules, c->today)) != STATUS_OK) {
		db_close(*db);
		*db = NULL;
		return cli_fail(st);
	}
	return EXIT_OK;
}

void cli_fmt_nps(char *buf, size_t n, bool known, double nps)
{
	if (known)
		snprintf(buf, n, "%.0f", nps == 0 ? 0.0 : nps);
	else
		snprintf(buf, n, "-");
}

void cli_fmt_share(char *buf, size_t n, bool known, double share)
{
	if (known)
		snprintf(buf, n, "%.0f%%", share * 100);
	else
		snprintf(buf, n, "?");
}

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
			c->app.db_path = v;
		return r;
	}
	if ((r = cli_option(c, "--config", &v)) != 0) {
		if (r > 0)
			c->app.config_path = v;
		return r;
	}
	if ((r = cli_option(c, "--theme", &v)) != 0) {
		if (r > 0)
			c->app.theme = v;
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
	enum status st = app_setup(&c->app);

	for (i = 0; i < c->app.config.nwarnings; i++)
		fprintf(stderr, "acctplan: warning: %s (using the default)\n",
			c->app.config.warnings[i]);
	if (st != STATUS_OK)
		return cli_usage("%s", status_detail());
	return EXIT_OK;
}

int cli_open(struct cli *c, struct db **db)
{
	enum status st = app_open(&c->app, 0, db);

	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

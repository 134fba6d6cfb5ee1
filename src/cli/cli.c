/*
 * The one parser of the command line, driven by the command tables (the
 * struct cli_cmd of each cmd_*.c; cli.h has the contract), and the one
 * way a message reaches stderr.
 *
 * argv is read left to right. Global options (cli_main's) are taken
 * anywhere; a command's own options anywhere after its name; "--name
 * VALUE" and "--name=VALUE" alike; "--" ends the options. The first word
 * names the command, the next (for a command of actions) the action, and
 * the rest fill the positional arguments in table order. Each value is
 * checked by its kind with one wording per kind, so every command says a
 * bad number, date or name the same way.
 */
#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/date.h"
#include "acctplan/text.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"
#include "acctplan_build.h"
#include "acctplan/parse.h"
#include "acctplan/shortid.h"
#include "cli.h"

/* ---- messages --------------------------------------------------------------- */

static void vmessage(const char *fmt, va_list ap)
{
	struct strbuf safe;
	char *raw = NULL;

	if (vasprintf(&raw, fmt, ap) < 0)
		raw = NULL;
	/* as the screen shows untrusted text: no control character raw, and
	 * no second line */
	strbuf_init(&safe);
	text_fit(&safe, raw ? raw : fmt, -1, TEXT_ONELINE);
	fprintf(stderr, "acctplan: %s\n", safe.buf);
	strbuf_done(&safe);
	free(raw);
}

void cli_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

int cli_fail(enum status st)
{
	(void)st;
	cli_message("%s", status_detail());
	return EXIT_RUNTIME;
}

/* ---- setting up ------------------------------------------------------------- */

int cli_close(struct db *db, enum status st)
{
	db_close(db);
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

int cli_setup(struct cli *c)
{
	size_t i;
	enum status st = app_setup(&c->app);

	c->app.progress = cli_progress();
	for (i = 0; i < c->app.config.nwarnings; i++)
		cli_message("warning: %s (using the default)", c->app.config.warnings[i]);
	if (st != STATUS_OK)
		return cli_usage("%s", status_detail());
	return EXIT_OK;
}

/* A command reads the book through once: after the refresh (which may
 * rebuild the standings and wants the big cache), a small page cache, as
 * the sqlite3 shell has, keeps its memory flat at any size (DESIGN §6). */
#define CLI_CACHE_KB 2048

int cli_open_flags(struct cli *c, struct db **db, int flags)
{
	enum status st;
	int i;

	if (flags & DB_CREATE) {
		char *path = app_db_path(&c->app);

		if (app_default_db(&c->app) && access(path, F_OK) != 0 && app_mkparent(path) != 0)
			cli_message("%s: cannot create its directory: %s", path, strerror(errno));
		free(path);
	}
	st = app_open(&c->app, flags, db);

	if (st == STATUS_OK)
		db_cache_kb(*db, CLI_CACHE_KB);
	for (i = 0; st == STATUS_OK && i < c->nids; i++)
		st = db_id_resolve(*db, c->ids[i].opt->idk, c->ids[i].text, c->ids[i].field);
	if (st != STATUS_OK && *db) {
		db_close(*db);
		*db = NULL;
	}
	return st == STATUS_OK ? EXIT_OK : cli_fail(st);
}

int cli_open(struct cli *c, struct db **db)
{
	return cli_open_flags(c, db, 0);
}

/* Whether a is a global option that takes a value ("--db PATH"). */
static bool global_with_value(const char *a)
{
	static const char *const with[] = {"--db", "--config", "--theme", "--format"};
	size_t i;

	for (i = 0; i < CLI_COUNT(with); i++)
		if (!strcmp(a, with[i]))
			return true;
	return false;
}

void cli_change(struct cli *c, struct db *db, const char *summary)
{
	char stamp[APP_STAMP_LEN];
	struct change ch = {CHANGE_LOCAL, app_stamp(&c->app, stamp), summary};
	struct strbuf sb;
	int i;

	strbuf_init(&sb);
	if (!summary) {
		for (i = 1; i < c->argc && sb.len < 200; i++) {
			const char *a = c->argv[i];

			if (global_with_value(a)) {
				i++;
				continue;
			}
			if (!strncmp(a, "--db=", 5) || !strncmp(a, "--config=", 9) ||
			    !strncmp(a, "--theme=", 8) || !strncmp(a, "--format=", 9))
				continue;
			if (sb.len)
				strbuf_addc(&sb, ' ');
			if (!*a || strpbrk(a, " \t\"'"))
				strbuf_addf(&sb, "\"%.80s\"", a);
			else
				strbuf_addf(&sb, "%.80s", a);
		}
		ch.summary = sb.buf;
	}
	db_change(db, &ch);
	strbuf_done(&sb);
}

void cli_table_short(struct table *t, struct db *db, enum id_kind k, int64_t id)
{
	char buf[SHORTID_LEN + 8];

	table_short(t, t->fmt == FMT_JSON || !id ? NULL : cli_short(db, k, id, buf));
}

/* Whether t words its cells for a person (text, md) or gives the values. */
static bool worded(const struct table *t)
{
	return t->fmt == FMT_TEXT || t->fmt == FMT_MD;
}

void cli_table_nps(struct table *t, bool known, double nps)
{
	char buf[32];

	if (worded(t)) {
		fmt_nps(buf, sizeof(buf), known, nps);
		table_str(t, buf);
	} else if (known)
		table_num(t, nps, 1);
	else
		table_null(t);
}

void cli_table_share(struct table *t, bool known, double share)
{
	char buf[32];

	if (worded(t)) {
		fmt_share(buf, sizeof(buf), known, share);
		table_str(t, buf);
	} else if (known)
		table_num(t, share, 3);
	else
		table_null(t);
}

void cli_table_money(struct table *t, int64_t amount)
{
	char buf[32];

	if (worded(t)) {
		fmt_money(buf, sizeof(buf), amount);
		table_str(t, buf);
	} else {
		table_int(t, amount);
	}
}

const char *cli_short(struct db *db, enum id_kind k, int64_t id, char buf[SHORTID_LEN + 8])
{
	if (db_short_id(db, k, id, buf) != STATUS_OK)
		snprintf(buf, SHORTID_LEN + 8, "%lld", (long long)id);
	return buf;
}

int cli_open_rw(struct cli *c, struct db **db)
{
	char *path = app_db_path(&c->app);
	struct stat sb;
	int flags = 0, r;

	*db = NULL;
	/* a write to a book that is not there yet starts it (the default
	 * one's directory too, as the console does) */
	if (stat(path, &sb) != 0 && errno == ENOENT)
		flags = DB_CREATE;
	if ((r = cli_open_flags(c, db, flags)) != EXIT_OK) {
		free(path);
		return r;
	}
	if (flags) {
		free(c->created);
		c->created = path;
		path = NULL;
	}
	free(path);
	if (db_is_readonly(*db)) {
		cli_message("the database is read-only (%s); nothing written",
			    db_readonly_reason(*db));
		db_close(*db);
		*db = NULL;
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int cli_open_change(struct cli *c, struct db **db)
{
	int r = cli_open_rw(c, db);

	if (r != EXIT_OK)
		return r;
	/* every write of the command line goes into the edit history */
	cli_change(c, *db, NULL);
	return EXIT_OK;
}

void cli_after_commit(void)
{
	const char *v = getenv("ACCTPLAN_TEST_KILL_AFTER_COMMIT");

	if (v && !strcmp(v, "1")) {
		fflush(stdout);
		raise(SIGKILL);
	}
}

/* A book this run made for a command that then failed goes again, with
 * the files beside it, unless another program has opened it since. */
static void forget_created(struct cli *c)
{
	if (db_replace_check(c->created) == STATUS_OK)
		db_remove(c->created);
	free(c->created);
	c->created = NULL;
}

int cli_past_day(struct cli *c, const char *opt, int *day)
{
	char s[DATE_LEN];

	if (*day == CLI_UNSET)
		*day = c->app.today;
	if (*day <= c->app.today)
		return EXIT_OK;
	date_format(*day, s);
	return cli_usage("%s %s is in the future", opt, s);
}

/* ASCII letters in any case, as SQLite's NOCASE and LIKE compare names. */
static int fold(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* Whether s starts with prefix (whole: equals it), in any case. */
static bool starts_any_case(const char *s, const char *prefix, bool whole)
{
	for (; *prefix; s++, prefix++)
		if (fold((unsigned char)*s) != fold((unsigned char)*prefix))
			return false;
	return !whole || !*s;
}

struct owner_match {
	const char *arg;
	char *exact, *first;
	int n;
	struct strbuf names;
};

static int owner_row(const char *owner, void *ctx)
{
	struct owner_match *m = ctx;

	if (starts_any_case(owner, m->arg, true)) {
		m->exact = xstrdup(owner);
		return 1;
	}
	if (!starts_any_case(owner, m->arg, false))
		return 0;
	if (m->n == 0)
		m->first = xstrdup(owner);
	if (m->n < 5)
		strbuf_addf(&m->names, "%s\"%.60s\"", m->n ? ", " : "", owner);
	m->n++;
	return 0;
}

enum status cli_resolve_owner(struct db *db, const char *arg, char **owner)
{
	struct owner_match m = {.arg = arg};
	enum status st;

	*owner = NULL;
	strbuf_init(&m.names);
	st = db_owners(db, owner_row, &m);
	if (st == STATUS_OK && m.exact) {
		*owner = m.exact;
		m.exact = NULL;
	} else if (st == STATUS_OK && m.n > 1) {
		st = status_set(STATUS_AMBIGUOUS, "\"%.80s\" matches several owners: %s%s", arg,
				m.names.buf, m.n > 5 ? ", ..." : "");
	} else if (st == STATUS_OK) {
		*owner = m.n ? m.first : xstrdup(arg); /* none: a filter that matches nothing */
		m.first = NULL;
	}
	free(m.exact);
	free(m.first);
	strbuf_done(&m.names);
	return st;
}

int cli_open_owner(struct cli *c, struct db **db, const char *arg, char **owner)
{
	enum status st;
	int r;

	*owner = NULL;
	if ((r = cli_setup(c)) != EXIT_OK || (r = cli_open(c, db)) != EXIT_OK)
		return r;
	if (arg && (st = cli_resolve_owner(*db, arg, owner)) != STATUS_OK) {
		db_close(*db);
		*db = NULL;
		return cli_fail(st);
	}
	return EXIT_OK;
}

int cli_open_filters(struct cli *c, struct db **db, const char *owner_arg, char **owner,
		     const char *account_arg, int64_t *account_id)
{
	enum status st;
	int r;

	*account_id = 0;
	if ((r = cli_open_owner(c, db, owner_arg, owner)) != EXIT_OK)
		return r;
	if (account_arg && (st = db_account_resolve(*db, account_arg, account_id)) != STATUS_OK) {
		free(*owner);
		*owner = NULL;
		db_close(*db);
		*db = NULL;
		return cli_fail(st);
	}
	return EXIT_OK;
}

/* ---- the table's top: global options and the commands ----------------------- */

static const struct cli_opt global_opts[] = {
	CLI_TEXT_OPT(
		"--db", "PATH", CLI_REPEAT | CLI_NONEMPTY, offsetof(struct cli, app.db_path),
		"the database file; else $ACCTPLAN_DB, else $XDG_DATA_HOME/acctplan/acctplan.db"),
	CLI_TEXT_OPT("--config", "FILE", CLI_REPEAT | CLI_NONEMPTY,
		     offsetof(struct cli, app.config_path),
		     "the configuration file; else $XDG_CONFIG_HOME/acctplan/config.yaml"),
	CLI_TEXT_OPT("--theme", "NAME", CLI_REPEAT | CLI_NONEMPTY, offsetof(struct cli, app.theme),
		     "the console theme: default, light, high-contrast, mono, or one of yours"),
	{.name = "--format",
	 .arg = "FMT",
	 .kind = CLI_FORMAT,
	 .flags = CLI_REPEAT,
	 .off = offsetof(struct cli, format),
	 .names = format_names,
	 .help = "how a command prints: text, md, csv, json or yaml (each command's help says"
		 " which it has); csv cells a spreadsheet would run as a formula get a leading"
		 " apostrophe"},
	{.name = "--help",
	 .alias = "-h",
	 .kind = CLI_FLAG,
	 .flags = CLI_REPEAT,
	 .off = offsetof(struct cli, help),
	 .help = "this help; after a command, that command's help"},
	{.name = "--version",
	 .alias = "-V",
	 .kind = CLI_FLAG,
	 .flags = CLI_REPEAT,
	 .off = offsetof(struct cli, version),
	 .help = "the version"},
};

static const struct cli_cmd *const commands[] = {
	&cmd_board,
	&cmd_accounts,
	&cmd_show,
	&cmd_sample,
	&cmd_defects,
	&cmd_defect,
	&cmd_problem,
	&cmd_note,
	&cmd_agenda,
	&cmd_brief,
	&cmd_plan,
	&cmd_standup,
	&cmd_action,
	&cmd_import,
	&cmd_export,
	&cmd_help,
	&cmd_account,
	&cmd_contact,
	&cmd_response,
	&cmd_undo,
	&cmd_sync,
	/* the seeds' practices (issue 14) */
	&cmd_plays,
	&cmd_referrals,
	&cmd_referral,
	&cmd_coaching,
	&cmd_winback,
	NULL,
};

const struct cli_cmd cli_main = {
	.name = "acctplan",
	.usage = "[--db PATH] [--config FILE] [--theme NAME] [COMMAND [ARGS]]",
	.description =
		"Environment: ACCTPLAN_TODAY=YYYY-MM-DD pins today; NO_COLOR turns colour off.\n"
		"Exit status: 0 success, 1 runtime error, 2 usage error.\n"
		"See acctplan(1).\n",
	.opts = global_opts,
	.nopts = CLI_COUNT(global_opts),
	.formats = CLI_LISTS,
	.actions = commands,
};

/* ---- reading values, one wording per kind ------------------------------------ */

/* The one place a DATE value is read: strict YYYY-MM-DD for now. When
 * src/core has parse_day() (which also takes today, yesterday, +N and -N),
 * this call becomes parse_day(). */
/* A date as a person types it, the same everywhere (parse_day()): YYYY-MM-DD,
 * today, yesterday, +N or -N days from today. */
static bool read_day(const char *s, int *day)
{
	int today;

	return date_today(&today) == STATUS_OK && parse_day(s, today, day) == STATUS_OK;
}

static bool read_long(const char *s, long *v)
{
	char *end;

	if (!((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9')))
		return false;
	errno = 0;
	*v = strtol(s, &end, 10);
	return !*end && !errno;
}

/* An id as a person types it: the decimal id, or a short form (checked
 * against the book when it opens). */
static bool read_id(const char *s)
{
	char *end;
	long long v;

	if (shortid_is_prefix(s))
		return true;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	return !*end && !errno && v > 0;
}

/* Index of s in names (any case), or -1. */
static int read_name(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i]; i++)
		if (starts_any_case(names[i], s, true))
			return i;
	return -1;
}

/* "a, b, c" of the names whose bit is in mask (all: ~0u). */
static void join_names(struct strbuf *sb, const char *const *names, unsigned mask)
{
	int i;

	for (i = 0; names[i]; i++)
		if (mask & (1u << i))
			strbuf_addf(sb, "%s%s", sb->len ? ", " : "", names[i]);
}

/* "--format must be one of text, md, json for acctplan brief, not "csv"": a
 * value not among names (those whose bit is in mask). */
static int bad_name(const char *opt, const char *const *names, const char *v, unsigned mask,
		    const char *where)
{
	struct strbuf sb;
	int n = 0, i;

	strbuf_init(&sb);
	join_names(&sb, names, mask);
	for (i = 0; names[i]; i++)
		n += (mask >> i) & 1;
	cli_usage("%s must be %s%s%s%s, not \"%.40s\"", opt, n > 1 ? "one of " : "", sb.buf,
		  where ? " for " : "", where ? where : "", v);
	strbuf_done(&sb);
	return EXIT_USAGE;
}

static bool is_none(const struct cli_opt *o, const char *v)
{
	return (o->flags & CLI_NONE) && !strcmp(v, "none");
}

/* Stores the value v of o in its field of base; reports a bad value. */
static int take(struct cli *c, const struct cli_opt *o, const char *v, void *base)
{
	char *p = (char *)base + o->off;
	long n;
	int i;

	switch (o->kind) {
	case CLI_FLAG:
		*(bool *)p = true;
		break;
	case CLI_TEXT:
		if ((o->flags & CLI_NONEMPTY) && validate_blank(v))
			return cli_usage("%s must not be empty", o->name);
		*(const char **)p = v;
		break;
	case CLI_INT:
		if (!read_long(v, &n) || n < o->min || n > o->max)
			return cli_usage("%s needs a whole number from %ld to %ld, not \"%.40s\"",
					 o->name, o->min, o->max, v);
		*(long *)p = n;
		break;
	case CLI_DATE:
		if (is_none(o, v))
			*(int *)p = CLI_CLEAR;
		else if (!read_day(v, (int *)p))
			return cli_usage(
				"%s needs a date (YYYY-MM-DD, today, yesterday or +N days),"
				" not \"%.40s\"",
				o->name, v);
		break;
	case CLI_ENUM:
		if (is_none(o, v))
			*(int *)p = CLI_CLEAR;
		else if ((*(int *)p = read_name(o->names, v)) < 0)
			return bad_name(o->name, o->names, v, ~0u, NULL);
		break;
	case CLI_ID:
		if (is_none(o, v))
			*(int64_t *)p = CLI_CLEAR;
		else if (!read_id(v))
			return cli_usage("%s needs an id (as acctplan shows it, or its first %d"
					 " characters or more), not \"%.40s\"",
					 o->name, SHORTID_MIN, v);
		else if (c->nids < (int)(sizeof(c->ids) / sizeof(*c->ids))) {
			/* a stand-in until cli_open() resolves it */
			*(int64_t *)p = 1;
			c->ids[c->nids].opt = o;
			c->ids[c->nids].text = v;
			c->ids[c->nids++].field = (int64_t *)p;
		}
		break;
	case CLI_FORMAT:
		if ((i = read_name(o->names, v)) < 0)
			return bad_name(o->name, o->names, v, ~0u, NULL);
		*(enum format *)p = (enum format)i;
		break;
	}
	return EXIT_OK;
}

/* ---- reading argv -------------------------------------------------------------- */

#define MAX_OPTS 32

/* One command's table while argv is read. */
struct level {
	const struct cli_cmd *cmd;
	void *base;                   /* where its values land */
	size_t npos;                  /* positional arguments taken */
	const struct cli_opt *one_of; /* the CLI_ONE_OF option given */
	bool seen[MAX_OPTS];
};

static bool is_positional(const struct cli_opt *o)
{
	return o->name[0] != '-';
}

/* An option rather than a word: "-" alone is standard input and "-5" a
 * number. */
static bool is_option(const char *a)
{
	return a[0] == '-' && a[1] && !(a[1] >= '0' && a[1] <= '9');
}

/* The option of cmd that a names ("--owner", "--owner=VALUE", "-h"), with
 * its value after '=' in *value; NULL when none. */
static const struct cli_opt *find(const struct cli_cmd *cmd, const char *a, const char **value)
{
	size_t k, n;

	for (k = 0; k < cmd->nopts; k++) {
		const struct cli_opt *o = &cmd->opts[k];
		if (is_positional(o))
			continue;
		n = strlen(o->name);
		if (!strncmp(a, o->name, n) && (a[n] == '\0' || a[n] == '=')) {
			*value = a[n] == '=' ? a + n + 1 : NULL;
			return o;
		}
		if (o->alias && !strcmp(a, o->alias)) {
			*value = NULL;
			return o;
		}
	}
	return NULL;
}

static void level_begin(struct level *l, const struct cli_cmd *cmd, void *base)
{
	size_t k;

	memset(l, 0, sizeof(*l));
	l->cmd = cmd;
	l->base = base;
	for (k = 0; k < cmd->nopts; k++) {
		const struct cli_opt *o = &cmd->opts[k];
		char *p = (char *)base + o->off;

		if (o->kind == CLI_INT)
			*(long *)p = o->def;
		else if (o->kind == CLI_DATE || o->kind == CLI_ENUM)
			*(int *)p = CLI_UNSET;
	}
}

static int given(struct cli *c, struct level *l, const struct cli_opt *o, const char *v)
{
	size_t k = (size_t)(o - l->cmd->opts);

	if (l->seen[k] && !(o->flags & CLI_REPEAT))
		return cli_usage("%s is given twice (see %s --help)", o->name, c->name);
	if (o->flags & CLI_ONE_OF) {
		if (l->one_of && l->one_of != o)
			return cli_usage("%s and %s do not go together (see %s --help)",
					 l->one_of->name, o->name, c->name);
		l->one_of = o;
	}
	l->seen[k] = true;
	if (o->kind == CLI_FLAG && v)
		return cli_usage("%s takes no value, not \"%.40s\"", o->name, v);
	return take(c, o, v, l->base);
}

static void names_of(struct strbuf *sb, const struct cli_cmd *const *actions)
{
	size_t i;

	for (i = 0; actions[i]; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", actions[i]->name);
}

/* The word a picks an action of l's command (the command itself at the
 * top); l becomes the action's. */
static int pick(struct cli *c, struct level *l, const char *a)
{
	const struct cli_cmd *parent = l->cmd ? l->cmd : &cli_main, *cmd = NULL;
	struct strbuf sb;
	size_t i;

	for (i = 0; parent->actions[i] && !cmd; i++)
		if (!strcmp(parent->actions[i]->name, a))
			cmd = parent->actions[i];
	if (!cmd) {
		if (parent == &cli_main)
			return cli_usage("unknown command \"%.40s\" (see acctplan --help)", a);
		strbuf_init(&sb);
		names_of(&sb, parent->actions);
		cli_usage("unknown action \"%.40s\" for %s: %s", a, c->name, sb.buf);
		strbuf_done(&sb);
		return EXIT_USAGE;
	}
	assert(cmd->nopts <= MAX_OPTS);
	if (parent != &cli_main)
		c->parent = parent;
	c->cmd = cmd;
	snprintf(c->name + strlen(c->name), sizeof(c->name) - strlen(c->name), " %s", cmd->name);
	level_begin(l, cmd, cmd->size ? xcalloc(1, cmd->size) : NULL);
	return EXIT_OK;
}

/* The word a as the next positional argument of l. */
static int positional(struct cli *c, struct level *l, const char *a)
{
	size_t k, pos = 0;

	for (k = 0; k < l->cmd->nopts; k++) {
		const struct cli_opt *o = &l->cmd->opts[k];
		if (!is_positional(o) || pos++ < l->npos)
			continue;
		l->npos++;
		l->seen[k] = true;
		return take(c, o, a, l->base);
	}
	return cli_usage("unexpected argument \"%.40s\" for %s (see %s --help)", a, c->name,
			 c->name);
}

/* What must be there is there, and --format is one the command prints. */
static int complete(struct cli *c, const struct level *l)
{
	size_t k;

	if (l->cmd->actions) {
		struct strbuf sb;
		strbuf_init(&sb);
		names_of(&sb, l->cmd->actions);
		cli_usage("%s needs an action: %s (see %s --help)", c->name, sb.buf, c->name);
		strbuf_done(&sb);
		return EXIT_USAGE;
	}
	for (k = 0; k < l->cmd->nopts; k++) {
		const struct cli_opt *o = &l->cmd->opts[k];
		if (!(o->flags & CLI_REQUIRED) || l->seen[k])
			continue;
		if (is_positional(o))
			return cli_usage("%s needs %s (see %s --help)", c->name, o->name, c->name);
		return cli_usage("%s needs %s %s (see %s --help)", c->name, o->name,
				 o->arg ? o->arg : "", c->name);
	}
	if (!(l->cmd->formats & CLI_FMT(c->format)))
		return bad_name("--format", format_names, format_names[c->format], l->cmd->formats,
				c->name);
	return EXIT_OK;
}

void cli_init(struct cli *c, int argc, char **argv)
{
	memset(c, 0, sizeof(*c));
	c->argc = argc;
	c->argv = argv;
	app_init(&c->app);
	snprintf(c->name, sizeof(c->name), "acctplan");
}

/* Reads argv into top (the global options) and l (the command's). Once
 * --help is given only the command and action words count: the help is
 * for them, whatever else the line holds. */
static int parse(struct cli *c, struct level *top, struct level *l)
{
	bool words_only = false;
	int i, rc;

	for (i = 1; i < c->argc && !c->version; i++) {
		const char *a = c->argv[i], *v = NULL;
		const struct cli_opt *o = NULL;
		struct level *at = l;

		if (!words_only && !strcmp(a, "--")) {
			words_only = true;
			continue;
		}
		if (!words_only && is_option(a)) {
			if (!l->cmd || !(o = find(l->cmd, a, &v))) {
				at = top;
				o = find(top->cmd, a, &v);
			}
			if (!o && c->help)
				continue;
			if (!o && !l->cmd)
				return cli_usage("unknown option \"%.40s\" (see acctplan --help)",
						 a);
			if (!o)
				return cli_usage("unknown option \"%.40s\" for %s (see %s --help)",
						 a, c->name, c->name);
			if (o->kind != CLI_FLAG && !v) {
				if (i + 1 >= c->argc)
					return c->help ? EXIT_OK
						       : cli_usage(
								 "%s needs a value (see %s --help)",
								 o->name, c->name);
				v = c->argv[++i];
			}
			if (!c->help && (rc = given(c, at, o, v)) != EXIT_OK)
				return rc;
		} else if (!l->cmd || l->cmd->actions) {
			if ((rc = pick(c, l, a)) != EXIT_OK)
				return rc;
		} else if (!c->help && (rc = positional(c, l, a)) != EXIT_OK) {
			return rc;
		}
	}
	return EXIT_OK;
}

/* Whether --format was given. */
static bool format_given(const struct level *top)
{
	size_t k;

	for (k = 0; k < top->cmd->nopts; k++)
		if (top->cmd->opts[k].kind == CLI_FORMAT)
			return top->seen[k];
	return false;
}

int cli_run(struct cli *c)
{
	struct level top, l;
	unsigned f;
	int rc;

	level_begin(&top, &cli_main, c);
	memset(&l, 0, sizeof(l));
	rc = parse(c, &top, &l);
	c->format_set = format_given(&top);
	/* a command that prints no text prints its first format by default */
	if (rc == EXIT_OK && l.cmd && !c->format_set && !(l.cmd->formats & CLI_FMT(FMT_TEXT)))
		for (f = 0; format_names[f]; f++)
			if (l.cmd->formats & CLI_FMT(f)) {
				c->format = (enum format)f;
				break;
			}
	if (rc == EXIT_OK && c->version) {
		printf("acctplan %s\n", ACCTPLAN_VERSION);
	} else if (rc == EXIT_OK && c->help) {
		help_command(stdout, c->parent, l.cmd ? l.cmd : &cli_main);
	} else if (rc == EXIT_OK && !l.cmd) {
		rc = CLI_CONSOLE;
	} else if (rc == EXIT_OK && (rc = complete(c, &l)) == EXIT_OK) {
		rc = l.cmd->run(c, l.base);
	}
	if (c->created && rc != EXIT_OK)
		forget_created(c);
	free(c->created);
	c->created = NULL;
	free(l.base);
	return rc;
}

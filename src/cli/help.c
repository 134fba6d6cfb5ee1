/*
 * Everything a person or a tool reads about the command line, made from the
 * command tables (cli.h): `acctplan --help` and `acctplan CMD --help`, the
 * COMMANDS and OPTIONS sections of acctplan(1) (`acctplan help --man`;
 * tools/update-man-commands.sh puts them in doc/acctplan.1 and the docs
 * test fails when they differ), and the names a completion script needs
 * (`acctplan help --commands`, `acctplan help --options CMD [ACTION]`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/book.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"
#include "cli.h"

#define WIDTH 79      /* of help text */
#define OPT_COL 24    /* where an option's help starts, at the most */
#define ACTION_COL 12 /* where an action's description starts in its command's help */

static bool is_positional(const struct cli_opt *o)
{
	return o->name[0] != '-';
}

static bool shown(const struct cli_opt *o)
{
	return !(o->flags & CLI_HIDDEN);
}

/* The string sb holds, which the caller frees; sb is done. */
static char *finish(struct strbuf *sb)
{
	char *s = strbuf_detach(sb);

	strbuf_done(sb);
	return s;
}

/* "a, b or c" of the names whose bit is in mask. */
static void join_or(struct strbuf *sb, const char *const *names, unsigned mask)
{
	int i, n = 0, k = 0;

	for (i = 0; names[i]; i++)
		n += (mask >> i) & 1;
	for (i = 0; names[i]; i++) {
		if (!((mask >> i) & 1))
			continue;
		strbuf_addf(sb, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", names[i]);
		k++;
	}
}

/* ---- the synopsis ------------------------------------------------------------ */

struct words {
	char **w;
	size_t n, cap;
};

static void words_add(struct words *w, char *s)
{
	w->w = xgrow(w->w, &w->cap, w->n + 1, sizeof(*w->w));
	w->w[w->n++] = s;
}

static void words_done(struct words *w)
{
	xfree_strings(w->w, w->n);
	memset(w, 0, sizeof(*w));
}

static void option_form(struct strbuf *sb, const struct cli_opt *o)
{
	strbuf_adds(sb, o->name);
	if (o->arg)
		strbuf_addf(sb, " %s", o->arg);
}

/* The synopsis of cmd after "acctplan NAME", one word a piece: positional
 * arguments, options (those of which one at a time may be given as one
 * group), then --format when it has a choice. */
static void synopsis(struct words *w, const struct cli_cmd *cmd)
{
	struct strbuf sb;
	bool group = false;
	size_t k, j;

	strbuf_init(&sb);
	for (k = 0; k < cmd->nopts; k++) {
		const struct cli_opt *o = &cmd->opts[k];
		if (is_positional(o) && shown(o))
			words_add(w, (o->flags & CLI_REQUIRED) ? xstrdup(o->name)
							       : xasprintf("[%s]", o->name));
	}
	for (k = 0; k < cmd->nopts; k++) {
		const struct cli_opt *o = &cmd->opts[k];
		if (is_positional(o) || !shown(o) || ((o->flags & CLI_ONE_OF) && group))
			continue;
		strbuf_reset(&sb);
		strbuf_adds(&sb, (o->flags & CLI_REQUIRED) ? "" : "[");
		if (o->flags & CLI_ONE_OF) {
			group = true;
			for (j = k; j < cmd->nopts; j++) {
				if (!(cmd->opts[j].flags & CLI_ONE_OF) || !shown(&cmd->opts[j]))
					continue;
				if (j > k)
					strbuf_adds(&sb, " | ");
				option_form(&sb, &cmd->opts[j]);
			}
		} else {
			option_form(&sb, o);
		}
		strbuf_adds(&sb, (o->flags & CLI_REQUIRED) ? "" : "]");
		words_add(w, strbuf_detach(&sb));
	}
	if (cmd->formats != CLI_PLAIN) {
		unsigned i;
		strbuf_reset(&sb);
		strbuf_adds(&sb, "[--format ");
		for (i = 0; format_names[i]; i++)
			if (cmd->formats & CLI_FMT(i))
				strbuf_addf(&sb, "%s%s", sb.buf[sb.len - 1] == ' ' ? "" : "|",
					    format_names[i]);
		strbuf_adds(&sb, "]");
		words_add(w, strbuf_detach(&sb));
	}
	strbuf_done(&sb);
}

/* Writes words after a prefix, wrapped at WIDTH with continuation lines
 * indented under the first word. */
static void print_wrapped(FILE *out, const char *prefix, const struct words *w)
{
	int col = text_width(prefix), indent = col;
	size_t i;

	fputs(prefix, out);
	for (i = 0; i < w->n; i++) {
		int len = text_width(w->w[i]);
		if (i && col + 1 + len > WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (i) {
			fputc(' ', out);
			col++;
		}
		fputs(w->w[i], out);
		col += len;
	}
	fputc('\n', out);
}

/* "usage: acctplan NAME ..." for cmd, and "       acctplan NAME ..." for
 * each further line. */
static void print_usage(FILE *out, const struct cli_cmd *parent, const struct cli_cmd *cmd,
			bool first)
{
	char *name = parent             ? xasprintf("acctplan %s %s ", parent->name, cmd->name)
		     : cmd == &cli_main ? xstrdup("acctplan ")
					: xasprintf("acctplan %s ", cmd->name);
	char *prefix;

	if (!cmd->usage) {
		struct words w = {0};
		synopsis(&w, cmd);
		prefix = xasprintf("%s%s", first ? "usage: " : "       ", name);
		print_wrapped(out, prefix, &w);
		free(prefix);
		words_done(&w);
	} else {
		const char *p = cmd->usage, *nl;
		for (; *p; p = nl + (*nl != '\0'), first = false) {
			nl = strchr(p, '\n');
			if (!nl)
				nl = p + strlen(p);
			fprintf(out, "%s%s%.*s\n", first ? "usage: " : "       ", name,
				(int)(nl - p), p);
		}
	}
	free(name);
}

/* ---- option lists -------------------------------------------------------------- */

/* "  -h, --help", "  --owner NAME", "  ACCOUNT" */
static char *label(const struct cli_opt *o)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "  ");
	if (o->alias)
		strbuf_addf(&sb, "%s, ", o->alias);
	option_form(&sb, o);
	return finish(&sb);
}

/* The help of o, with an ENUM's values. */
static char *help_text(const struct cli_opt *o)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, o->help ? o->help : "");
	if (o->kind == CLI_ENUM && o->names) {
		strbuf_adds(&sb, ": ");
		join_or(&sb, o->names, ~0u);
	}
	return finish(&sb);
}

/* text word-wrapped to WIDTH, starting at column col, further lines at
 * column indent. */
static void print_text(FILE *out, const char *text, int col, int indent)
{
	const char *p = text;

	while (*p) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *word = xstrndup(p, n);
		int len = text_width(word);

		if (col > indent && col + 1 + len > WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fputs(word, out);
		col += len;
		free(word);
		p += n;
		while (*p == ' ')
			p++;
	}
	fputc('\n', out);
}

/* The options (and positional arguments that have help) of cmd, with a
 * --format entry (in *format, its help allocated) when it has a choice.
 * Returns how many are in list (at most 40). */
static size_t options_of(const struct cli_cmd *cmd, const struct cli_opt **list,
			 struct cli_opt *format)
{
	size_t n = 0, k;

	for (k = 0; k < cmd->nopts && n < 39; k++)
		if (shown(&cmd->opts[k]) && cmd->opts[k].help)
			list[n++] = &cmd->opts[k];
	memset(format, 0, sizeof(*format));
	if (cmd->formats != CLI_PLAIN && cmd != &cli_main) {
		struct strbuf sb;
		strbuf_init(&sb);
		join_or(&sb, format_names, cmd->formats);
		format->name = "--format";
		format->arg = "FMT";
		format->help = finish(&sb);
		list[n++] = format;
	}
	return n;
}

static void print_options(FILE *out, const struct cli_cmd *cmd, const char *title)
{
	struct cli_opt format;
	const struct cli_opt *list[40];
	size_t n = options_of(cmd, list, &format), k;
	int col = 0;

	for (k = 0; k < n; k++) {
		char *l = label(list[k]);
		int w = text_width(l) + 2;
		if (w > col && w <= OPT_COL)
			col = w;
		free(l);
	}
	if (n)
		fprintf(out, "\n%s:\n", title);
	for (k = 0; k < n; k++) {
		char *l = label(list[k]), *h = help_text(list[k]);
		int w = text_width(l);

		fputs(l, out);
		if (w + 2 > col)
			fprintf(out, "\n%*s", col, "");
		else
			fprintf(out, "%*s", col - w, "");
		print_text(out, h, col, col);
		free(l);
		free(h);
	}
	free((char *)format.help);
}

/* text, its first line from where the cursor is, the others indented by
 * n spaces (blank lines kept blank). */
static void print_indented(FILE *out, const char *text, int n)
{
	const char *p = text, *nl;
	bool first = true;

	for (; *p; p = nl + (*nl != '\0'), first = false) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl > p)
			fprintf(out, "%*s%.*s", first ? 0 : n, "", (int)(nl - p), p);
		fputc('\n', out);
	}
}

static void main_help(FILE *out)
{
	const struct cli_cmd *const *a;

	print_usage(out, NULL, &cli_main, true);
	fputs("\nWith no command, opens the console. Commands:\n", out);
	for (a = cli_main.actions; *a; a++)
		fprintf(out, "  %-9s %s\n", (*a)->name, (*a)->summary);
	print_options(out, &cli_main, "Options");
	fputc('\n', out);
	fputs(cli_main.description, out);
}

void help_command(FILE *out, const struct cli_cmd *parent, const struct cli_cmd *cmd)
{
	const struct cli_cmd *const *a;

	if (cmd == &cli_main) {
		main_help(out);
		return;
	}
	if (cmd->actions) {
		for (a = cmd->actions; *a; a++)
			print_usage(out, cmd, *a, a == cmd->actions);
		fprintf(out, "\n%s", cmd->description);
		fputs("\nActions:\n", out);
		for (a = cmd->actions; *a; a++) {
			fprintf(out, "  %-*s", ACTION_COL - 2, (*a)->name);
			print_indented(out, (*a)->description, ACTION_COL);
		}
		fprintf(out, "\nacctplan %s ACTION --help gives an action's options.\n", cmd->name);
		return;
	}
	print_usage(out, parent, cmd, true);
	if (cmd->description)
		fprintf(out, "\n%s", cmd->description);
	print_options(out, cmd, "Options");
}

/* ---- acctplan(1) ---------------------------------------------------------------- */

/* s for roff: backslashes and minus signs escaped, a leading '.' or '\''
 * (which would start a request) guarded. */
static void roff_escape(struct strbuf *sb, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			strbuf_adds(sb, "\\e");
		else if (s[i] == '-')
			strbuf_adds(sb, "\\-");
		else if ((s[i] == '.' || s[i] == '\'') &&
			 (sb->len == 0 || sb->buf[sb->len - 1] == '\n'))
			strbuf_addf(sb, "\\&%c", s[i]);
		else
			strbuf_addc(sb, s[i]);
	}
}

static bool is_metavar(const char *s, size_t n)
{
	bool letter = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letter = true;
		else if (!(s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
			return false;
	}
	return letter;
}

/* A synopsis line with fonts: what is typed as is in bold, what stands for
 * a value (NAME, ACCOUNT) and "options" in italics, brackets and bars in
 * roman. */
static void roff_synopsis(struct strbuf *sb, const char *line, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if (strchr(" []|()", line[i])) {
			strbuf_addc(sb, line[i++]);
			continue;
		}
		for (n = 0; i + n < len && !strchr(" []|()", line[i + n]); n++)
			;
		if (n == 3 && !strncmp(line + i, "...", 3)) {
			strbuf_adds(sb, "\\&...");
		} else {
			bool var = is_metavar(line + i, n) ||
				   (n == 7 && !strncmp(line + i, "options", 7));
			strbuf_adds(sb, var ? "\\fI" : "\\fB");
			roff_escape(sb, line + i, n);
			strbuf_adds(sb, "\\fR");
		}
		i += n;
	}
}

/* The synopsis lines of cmd (an action of parent, or a command), each
 * "acctplan NAME ...", separated by .br. */
static void man_synopsis(struct strbuf *sb, const struct cli_cmd *parent, const struct cli_cmd *cmd)
{
	struct words w = {0};
	const char *p, *nl;
	char *lines;
	size_t i;

	if (cmd->usage) {
		lines = xstrdup(cmd->usage);
	} else {
		struct strbuf l;
		strbuf_init(&l);
		synopsis(&w, cmd);
		for (i = 0; i < w.n; i++)
			strbuf_addf(&l, "%s%s", i ? " " : "", w.w[i]);
		words_done(&w);
		lines = finish(&l);
	}
	for (p = lines; *p; p = nl + (*nl != '\0')) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (p != lines)
			strbuf_adds(sb, ".br\n");
		strbuf_adds(sb, "\\fBacctplan ");
		if (parent)
			strbuf_addf(sb, "%s ", parent->name);
		strbuf_addf(sb, "%s\\fR ", cmd->name);
		roff_synopsis(sb, p, (size_t)(nl - p));
		strbuf_addc(sb, '\n');
	}
	free(lines);
}

/* Help text as roff: a blank line starts a paragraph, and indented lines
 * (a list, a table) are kept as they are. */
static void man_text(struct strbuf *sb, const char *text)
{
	const char *p, *nl;
	bool nf = false;

	for (p = text; *p; p = nl + (*nl != '\0')) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl == p) {
			strbuf_adds(sb, nf ? ".fi\n.PP\n" : ".PP\n");
			nf = false;
			continue;
		}
		if (*p == ' ' && !nf)
			strbuf_adds(sb, ".nf\n");
		else if (*p != ' ' && nf)
			strbuf_adds(sb, ".fi\n");
		nf = *p == ' ';
		roff_escape(sb, p, (size_t)(nl - p));
		strbuf_addc(sb, '\n');
	}
	if (nf)
		strbuf_adds(sb, ".fi\n");
}

static void man_options(struct strbuf *sb, const struct cli_cmd *cmd)
{
	struct cli_opt format;
	const struct cli_opt *list[40];
	size_t n = options_of(cmd, list, &format), k;

	for (k = 0; k < n; k++) {
		const struct cli_opt *o = list[k];
		char *h = help_text(o);

		strbuf_adds(sb, ".TP\n");
		if (o->alias) {
			roff_synopsis(sb, o->alias, strlen(o->alias));
			strbuf_adds(sb, ", ");
		}
		roff_synopsis(sb, o->name, strlen(o->name));
		if (o->arg) {
			strbuf_addc(sb, ' ');
			roff_synopsis(sb, o->arg, strlen(o->arg));
		}
		strbuf_addc(sb, '\n');
		roff_escape(sb, h, strlen(h));
		strbuf_addc(sb, '\n');
		free(h);
	}
	free((char *)format.help);
}

static void man_command(struct strbuf *sb, const struct cli_cmd *cmd)
{
	const struct cli_cmd *const *a;

	strbuf_addf(sb, ".SS %s\n", cmd->name);
	if (!cmd->actions) {
		man_synopsis(sb, NULL, cmd);
		strbuf_adds(sb, ".PP\n");
		man_text(sb, cmd->description);
		man_options(sb, cmd);
		return;
	}
	for (a = cmd->actions; *a; a++) {
		if (a != cmd->actions)
			strbuf_adds(sb, ".br\n");
		man_synopsis(sb, cmd, *a);
	}
	strbuf_adds(sb, ".PP\n");
	man_text(sb, cmd->description);
	for (a = cmd->actions; *a; a++) {
		strbuf_addf(sb, ".TP\n.B %s\n", (*a)->name);
		man_text(sb, (*a)->description);
		strbuf_adds(sb, ".RS\n");
		man_options(sb, *a);
		strbuf_adds(sb, ".RE\n");
	}
}

/* The COMMANDS and OPTIONS sections of acctplan(1). */
static void man_page(FILE *out)
{
	const struct cli_cmd *const *a;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, ".\\\" generated by `acctplan help --man` from the command tables"
			 " (src/cli/cmd_*.c): do not edit\n.SH COMMANDS\n");
	for (a = cli_main.actions; *a; a++)
		man_command(&sb, *a);
	strbuf_adds(&sb, ".SH OPTIONS\n");
	man_options(&sb, &cli_main);
	fputs(sb.buf, out);
	strbuf_done(&sb);
}

/* ---- acctplan help ---------------------------------------------------------------- */

struct help_opts {
	const char *command, *action, *values, *prefix;
	bool man, commands, options, value_options;
};

static const struct cli_cmd *lookup(const struct cli_cmd *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcmp((*list)->name, name))
			return *list;
	return NULL;
}

/* One name a line: cmd's actions, or its options and the global ones. */
static void print_names(FILE *out, const struct cli_cmd *cmd)
{
	const struct cli_cmd *const *a;
	const struct cli_cmd *tables[2] = {cmd, &cli_main};
	size_t t, k;

	if (cmd->actions && cmd != &cli_main) {
		for (a = cmd->actions; *a; a++)
			fprintf(out, "%s\n", (*a)->name);
		return;
	}
	for (t = 0; t < 2; t++) {
		for (k = 0; k < tables[t]->nopts; k++) {
			const struct cli_opt *o = &tables[t]->opts[k];
			if (is_positional(o) || !shown(o))
				continue;
			if (o->alias)
				fprintf(out, "%s\n", o->alias);
			fprintf(out, "%s\n", o->name);
		}
		if (cmd == &cli_main)
			break;
	}
}

/* The options of cmd (and the global ones) that take a value. */
static void print_value_options(FILE *out, const struct cli_cmd *cmd)
{
	const struct cli_cmd *tables[2] = {cmd, &cli_main};
	size_t t, k;

	for (t = 0; t < (cmd == &cli_main ? 1u : 2u); t++)
		for (k = 0; k < tables[t]->nopts; k++) {
			const struct cli_opt *o = &tables[t]->opts[k];
			if (!is_positional(o) && o->kind != CLI_FLAG && shown(o))
				fprintf(out, "%s\n", o->name);
		}
}

static int print_account_name(const char *name, void *ctx)
{
	struct strbuf sb;

	(void)ctx;
	strbuf_init(&sb);
	text_line(&sb, name); /* one safe line each */
	printf("%s\n", sb.buf);
	strbuf_done(&sb);
	return 0;
}

/* What WHAT takes in cmd: an ENUM option's values, --format's, or for
 * ACCOUNT (a command with an ACCOUNT argument) the names in the book. */
static int print_values(struct cli *c, const struct cli_cmd *cmd, const char *what,
			const char *prefix)
{
	const struct cli_cmd *tables[2] = {cmd, &cli_main};
	size_t t, k;
	int i;

	for (t = 0; t < 2; t++)
		for (k = 0; k < tables[t]->nopts; k++) {
			const struct cli_opt *o = &tables[t]->opts[k];
			struct db *db = NULL;
			enum status st;

			if (strcmp(o->name, what) != 0)
				continue;
			if (o->kind == CLI_ENUM || o->kind == CLI_FORMAT) {
				for (i = 0; o->names[i]; i++)
					if (o->kind == CLI_ENUM || (cmd->formats >> i) & 1u)
						printf("%s\n", o->names[i]);
				return EXIT_OK;
			}
			if (strcmp(what, "ACCOUNT") != 0)
				return EXIT_OK;
			/* quietly nothing when there is no book to read */
			if (cli_setup(c) != EXIT_OK ||
			    app_open(&c->app, DB_READONLY, &db) != STATUS_OK)
				return EXIT_OK;
			st = db_account_names(db, prefix, 200, print_account_name, NULL);
			return cli_close(db, st);
		}
	return EXIT_OK;
}

static int run_help(struct cli *c, void *opts)
{
	struct help_opts *o = opts;
	const struct cli_cmd *parent = NULL, *cmd = &cli_main;
	const struct cli_cmd *const *a;

	if (o->command && !(cmd = lookup(cli_main.actions, o->command)))
		return cli_usage("unknown command \"%.40s\" (see acctplan --help)", o->command);
	if (o->action) {
		if (!cmd->actions)
			return cli_usage("acctplan %s has no actions", cmd->name);
		parent = cmd;
		if (!(cmd = lookup(parent->actions, o->action)))
			return cli_usage(
				"unknown action \"%.40s\" for acctplan %s (see acctplan %s --help)",
				o->action, parent->name, parent->name);
	}
	if (o->man) {
		if (o->command)
			return cli_usage("help --man takes no command");
		man_page(stdout);
	} else if (o->commands) {
		for (a = cli_main.actions; *a; a++)
			printf("%s\n", (*a)->name);
	} else if (o->options) {
		print_names(stdout, cmd);
	} else if (o->value_options) {
		print_value_options(stdout, cmd);
	} else if (o->values) {
		return print_values(c, cmd, o->values, o->prefix);
	} else {
		help_command(stdout, parent, cmd);
	}
	(void)c;
	return EXIT_OK;
}

#define O(f) offsetof(struct help_opts, f)
static const struct cli_opt help_opts[] = {
	CLI_TEXT_ARG("COMMAND", 0, O(command), "the command to explain"),
	CLI_TEXT_ARG("ACTION", 0, O(action), "one of its actions"),
	CLI_FLAG_OPT("--man", CLI_HIDDEN | CLI_ONE_OF, O(man),
		     "the COMMANDS and OPTIONS sections of acctplan(1), in roff"),
	CLI_FLAG_OPT("--commands", CLI_HIDDEN | CLI_ONE_OF, O(commands),
		     "the command names, one a line (for completion)"),
	CLI_FLAG_OPT("--options", CLI_HIDDEN | CLI_ONE_OF, O(options),
		     "COMMAND's actions, or its options and the global ones, one a line"),
	CLI_FLAG_OPT("--value-options", CLI_HIDDEN | CLI_ONE_OF, O(value_options),
		     "the options of COMMAND [ACTION] that take a value, one a line"),
	CLI_TEXT_OPT(
		"--values", "WHAT", CLI_HIDDEN | CLI_ONE_OF, O(values),
		"what option WHAT of COMMAND [ACTION] takes (ACCOUNT: the book's account names)"),
	CLI_TEXT_OPT("--prefix", "TEXT", CLI_HIDDEN, O(prefix),
		     "with --values ACCOUNT: only names that start so"),
};
#undef O

const struct cli_cmd cmd_help = {
	.name = "help",
	.summary = "this help, or a command's: acctplan help COMMAND [ACTION]",
	.description = "Explains a command, as acctplan COMMAND --help does, or with no COMMAND\n"
		       "lists them all.\n",
	.opts = help_opts,
	.nopts = CLI_COUNT(help_opts),
	.formats = CLI_PLAIN,
	.size = sizeof(struct help_opts),
	.run = run_help,
};

/*
 * The command line. Each subcommand is described once, by a const struct
 * cli_cmd at the end of its cmd_*.c: its name, what it says in help, a
 * table of its options and positional arguments, the --format values it
 * prints and the function that runs it. One parser (cli.c) reads argv
 * against those tables and fills the command's own options struct; help,
 * the man page's COMMANDS and OPTIONS and the name lists for completion
 * (help.c) are generated from the same tables, so none of them can drift
 * from what the parser takes.
 *
 * Usage errors exit 2 and runtime errors 1, each with exactly one line on
 * stderr: every message goes through cli_message(), which shows text from
 * the book or the command line as the screen does (control characters in
 * caret form, invalid UTF-8 replaced), so a message is one safe line.
 * Nothing here touches the terminal; the console is entered only from
 * main().
 */
#ifndef ACCTPLAN_CLI_H
#define ACCTPLAN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>

#include "acctplan/app.h"
#include "acctplan/date.h"
#include "acctplan/db.h"
#include "acctplan/format.h"
#include "acctplan/edits.h"
#include "output.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* What a value of each kind is, and the type of the field it lands in. */
enum cli_kind {
	CLI_FLAG,   /* bool; takes no value */
	CLI_TEXT,   /* const char *, as typed; NULL when not given */
	CLI_INT,    /* long from min to max; def when not given */
	CLI_DATE,   /* int day number (date.h); CLI_UNSET when not given */
	CLI_ENUM,   /* int index into names, matched in any case; CLI_UNSET when not given */
	CLI_ID,     /* int64_t of the table `idk`: the id as JSON prints it, its short form or a
		     * unique prefix of that, resolved when the database opens (cli_open());
		     * 0 when not given */
	CLI_FORMAT, /* enum format: --format, checked against the command's formats */
};

/* A DATE, ENUM or ID not given, and one given as "none" (with CLI_NONE). */
#define CLI_UNSET INT_MIN
#define CLI_CLEAR (INT_MIN + 1)

enum cli_flags {
	CLI_REQUIRED = 1 << 0, /* an option that must be given, a positional that must be there */
	CLI_REPEAT = 1 << 1,   /* may be given again (the last wins); else a usage error */
	CLI_NONE = 1 << 2,     /* DATE, ENUM, ID: also takes "none" (CLI_CLEAR), to clear a field */
	CLI_ONE_OF = 1 << 3,   /* at most one of the options so marked may be given */
	CLI_NONEMPTY = 1 << 4, /* TEXT: not blank */
	CLI_HIDDEN = 1 << 5,   /* left out of help and the man page */
};

/* One option ("--owner NAME", "--all") or positional argument ("ACCOUNT"). */
struct cli_opt {
	const char *name;         /* "--owner"; a positional: its name in help, "ACCOUNT" */
	const char *alias;        /* a short form, "-h", or NULL */
	const char *arg;          /* the value in help, "NAME"; NULL for a flag or a positional */
	enum cli_kind kind;       /* what the value is, and so the type of the field */
	unsigned flags;           /* enum cli_flags */
	size_t off;               /* offsetof the field in the command's options struct */
	const char *const *names; /* ENUM: the values, in the enum's order, NULL-terminated */
	long min, max, def;       /* INT: the range, and the value when not given */
	const char *help; /* one sentence for help and the man page (ENUM: its values follow) */
	enum id_kind idk; /* ID: which table's id */
};

/* --format values, as a mask of 1 << enum format. */
#define CLI_FMT(f) (1u << (f))
#define CLI_LISTS (CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_MD) | CLI_FMT(FMT_CSV) | CLI_FMT(FMT_JSON))
#define CLI_PAGES (CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_MD) | CLI_FMT(FMT_JSON))
#define CLI_PLAIN CLI_FMT(FMT_TEXT) /* a write: one line of text */

struct cli;

/* One command, or one action of a command (problem move). A command with
 * actions has no options or run of its own: the word after it picks the
 * action, whose entry is a command in every other way. */
struct cli_cmd {
	const char *name;        /* "board"; an action: "move" */
	const char *summary;     /* one line for the command list of acctplan --help */
	const char *usage;       /* NULL: the synopsis is made from opts; else its lines */
	const char *description; /* the body of help: lines of at most 79 columns */
	const struct cli_opt *opts;
	size_t nopts;
	unsigned formats; /* the --format values it prints: CLI_LISTS, CLI_PAGES, CLI_PLAIN */
	size_t size;      /* of its options struct, which the parser allocates and fills */
	int (*run)(struct cli *c, void *opts);
	const struct cli_cmd *const *actions; /* NULL-terminated; NULL: none */
};

#define CLI_COUNT(a) (sizeof(a) / sizeof(*(a)))

/* The entry of one action of a command: its word, what help says of it,
 * the formats it prints, its options table run_##_options and the function
 * run_##_run that runs it, whose options struct is of type_. */
#define CLI_ACTION(name_, run_, type_, formats_, description_)                                  \
	{                                                                                       \
		.name = name_, .description = description_, .opts = run_##_options,             \
		.nopts = CLI_COUNT(run_##_options), .formats = formats_, .size = sizeof(type_), \
		.run = run_##_run                                                               \
	}

/* One table entry of each kind, so that an option reads as one line: its
 * name, the value's name in help (arg; options only), the flags, where it
 * lands (off: offsetof the field, which each table spells O(field)), what
 * the kind needs (ENUM: its names; INT: min, max and def; ID: its table)
 * and the help. All expand to designated initializers through
 * CLI_ENTRY(), which sets every field. An entry none of them fits (an
 * alias, CLI_FORMAT) is written out in full. */
#define CLI_ENTRY(kind_, name_, arg_, flags_, off_, names_, min_, max_, def_, idk_, help_)         \
	{                                                                                          \
		.name = name_, .arg = arg_, .kind = kind_, .flags = flags_, .off = off_,           \
		.names = names_, .min = min_, .max = max_, .def = def_, .help = help_, .idk = idk_ \
	}
#define CLI_FLAG_OPT(name_, flags_, off_, help_) \
	CLI_ENTRY(CLI_FLAG, name_, NULL, flags_, off_, NULL, 0, 0, 0, 0, help_)
#define CLI_TEXT_OPT(name_, arg_, flags_, off_, help_) \
	CLI_ENTRY(CLI_TEXT, name_, arg_, flags_, off_, NULL, 0, 0, 0, 0, help_)
#define CLI_INT_OPT(name_, arg_, flags_, off_, min_, max_, def_, help_) \
	CLI_ENTRY(CLI_INT, name_, arg_, flags_, off_, NULL, min_, max_, def_, 0, help_)
#define CLI_DATE_OPT(name_, arg_, flags_, off_, help_) \
	CLI_ENTRY(CLI_DATE, name_, arg_, flags_, off_, NULL, 0, 0, 0, 0, help_)
#define CLI_ENUM_OPT(name_, arg_, flags_, off_, names_, help_) \
	CLI_ENTRY(CLI_ENUM, name_, arg_, flags_, off_, names_, 0, 0, 0, 0, help_)
#define CLI_ID_OPT(name_, arg_, flags_, off_, idk_, help_) \
	CLI_ENTRY(CLI_ID, name_, arg_, flags_, off_, NULL, 0, 0, 0, idk_, help_)
/* The same for a positional argument ("ACCOUNT"), which has no arg. */
#define CLI_TEXT_ARG(name_, flags_, off_, help_) CLI_TEXT_OPT(name_, NULL, flags_, off_, help_)
#define CLI_ENUM_ARG(name_, flags_, off_, names_, help_) \
	CLI_ENUM_OPT(name_, NULL, flags_, off_, names_, help_)
#define CLI_ID_ARG(name_, flags_, off_, idk_, help_) \
	CLI_ID_OPT(name_, NULL, flags_, off_, idk_, help_)

/* Table entries several commands share, so that each reads the same in
 * every command: ACCOUNT, the --owner, --segment and --account filters and
 * the day of a change (--on DATE, said by help_), landing in field f of
 * the options struct type. */
#define CLI_ACCOUNT_ARG(type, f, flags_)                                    \
	CLI_TEXT_ARG("ACCOUNT", (flags_) | CLI_NONEMPTY, offsetof(type, f), \
		     "an id, or a prefix of the name only one account has, in any case")
#define CLI_OWNER_FILTER(type, f)                                   \
	CLI_TEXT_OPT(                                               \
		"--owner", "NAME", CLI_NONEMPTY, offsetof(type, f), \
		"one owner's accounts: the name, or a prefix only one owner has, in any case")
#define CLI_SEGMENT_FILTER(type, f) \
	CLI_TEXT_OPT("--segment", "NAME", 0, offsetof(type, f), "one segment's accounts")
#define CLI_ACCOUNT_FILTER(type, f)                                           \
	CLI_TEXT_OPT("--account", "ACCOUNT", CLI_NONEMPTY, offsetof(type, f), \
		     "one account: an id, or a prefix of the name only one account has")
#define CLI_ON_DATE(type, f, help_) CLI_DATE_OPT("--on", "DATE", 0, offsetof(type, f), help_)

struct cli {
	int argc;
	char **argv;
	struct app app;               /* --db, --config, --theme; the settings and today */
	enum format format;           /* --format; a command without text: its first format */
	bool format_set;              /* --format was given */
	bool help, version;           /* -h/--help, -V/--version */
	const struct cli_cmd *cmd;    /* the command given (an action's own entry), or NULL */
	const struct cli_cmd *parent; /* the command whose action cmd is, or NULL */
	char name[64];                /* "acctplan problem move", for messages */
	/* The ids given (CLI_ID), resolved by cli_open() once the book is open. */
	struct cli_pending_id {
		const struct cli_opt *opt;
		const char *text;
		int64_t *field;
	} ids[8];
	int nids;
	char *created; /* a book cli_open_rw() made: removed if the command fails */
};

/* The top of the table: global options, and the commands as its actions. */
extern const struct cli_cmd cli_main;

void cli_init(struct cli *c, int argc, char **argv);
/* Parses argv and runs the command it names; prints help or the version
 * when asked. Returns the exit status, or CLI_CONSOLE when no command was
 * given (the caller opens the console). */
#define CLI_CONSOLE (-1)
int cli_run(struct cli *c);

/* Prints "acctplan: " and the message on stderr as one safe line: every
 * control character shown in caret form, newlines as spaces, invalid UTF-8
 * replaced. Every message of the command line goes through here. */
void cli_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* cli_message(), then EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "acctplan: detail" for the status (status_detail()); returns EXIT_RUNTIME. */
int cli_fail(enum status st);
/* The end of a command that opened the book: closes it (NULL: none), then
 * EXIT_OK, or cli_fail(st) when st is a failure. */
int cli_close(struct db *db, enum status st);
/* Loads config (printing its warnings), resolves today. */
int cli_setup(struct cli *c);
/* The progress line on stderr (progress.h, progress.c), or NULL when
 * stderr is not a terminal: for the long work a command starts itself
 * (cli_setup() gives it to the book's refresh through the app). Borrowed. */
const struct progress *cli_progress(void);
/* The same for a command that writes rows on stdout (an export, a list):
 * none when stdout is the terminal, where the rows themselves show the
 * work going on and a line drawn over them would garble them. */
const struct progress *cli_progress_rows(void);
/* Opens the database for reading and refreshes the standings; resolves the
 * ids given (CLI_ID) into their fields, or fails (exit 1) naming the one
 * that is not in the book. */
int cli_open(struct cli *c, struct db **db);
/* cli_open() with db_open()'s flags: DB_CREATE makes a new book (and, for
 * the default path, its directory) when there is none. */
int cli_open_flags(struct cli *c, struct db **db, int flags);
/* Arms the next write of db as a change made by hand (edits.h), stamped
 * now; summary NULL: the command line as typed, less the global options. */
void cli_change(struct cli *c, struct db *db, const char *summary);
/* The short form of an id (db_short_id()), or the id in decimal when it
 * cannot be read; buf is returned. */
const char *cli_short(struct db *db, enum id_kind k, int64_t id, char buf[SHORTID_LEN + 8]);
/* table_short() of an id of kind k: its short form, computed only for the
 * formats that show it (0: null). */
void cli_table_short(struct table *t, struct db *db, enum id_kind k, int64_t id);
/* An account's standing in a table: worded in text and md (fmt_nps(),
 * fmt_share(), fmt_money()), the values in csv and json, where one not
 * known is null. */
void cli_table_nps(struct table *t, bool known, double nps);
void cli_table_share(struct table *t, bool known, double share);
void cli_table_money(struct table *t, int64_t amount);
/* The column that cli_table_short() fills: "Id" in text and md, "short" in csv. */
#define CLI_SHORT_COLUMN                        \
	{                                       \
		table_short_key, "Id", false, 0 \
	}
/* Opens the database for a write: a file that does not exist yet becomes a
 * new book (the default one's directory is made too), which cli_run()
 * removes again when the command fails; a read-only file is refused (exit
 * 1, one line). Every command that writes opens the book so. */
int cli_open_rw(struct cli *c, struct db **db);
/* cli_open_rw(), then cli_change(c, *db, NULL): the book open for a
 * change made by hand, which goes into the edit history. */
int cli_open_change(struct cli *c, struct db **db);
/* The test hook: with ACCTPLAN_TEST_KILL_AFTER_COMMIT=1 in the environment
 * the process kills itself with SIGKILL right after a write committed. */
void cli_after_commit(void);
/* A day given with opt (CLI_UNSET: today) that may not be after today:
 * sets *day and returns EXIT_OK, or reports a usage error. Needs
 * cli_setup() first. */
int cli_past_day(struct cli *c, const char *opt, int *day);
/* An owner as a person types it, resolved as account names are: an exact
 * name in any case, else the one owner it is a prefix of (any case).
 * Several: STATUS_AMBIGUOUS naming them. None: *owner is arg, which then
 * matches no account. *owner is freed by the caller. */
enum status cli_resolve_owner(struct db *db, const char *arg, char **owner);
/* cli_setup() and cli_open(), then the owner of an --owner filter (arg,
 * or NULL for none) resolved into *owner (NULL when arg is). On failure
 * nothing is left open and the exit status is returned. */
int cli_open_owner(struct cli *c, struct db **db, const char *arg, char **owner);
/* cli_open_owner(), then the account of an --account filter (account_arg,
 * or NULL for none) resolved into *account_id (0 when account_arg is
 * NULL). On failure nothing is left open and the exit status is returned. */
int cli_open_filters(struct cli *c, struct db **db, const char *owner_arg, char **owner,
		     const char *account_arg, int64_t *account_id);

/* help.c: help, the man page and name lists from the tables. */
void help_command(FILE *out, const struct cli_cmd *parent, const struct cli_cmd *cmd);

extern const struct cli_cmd cmd_board, cmd_accounts, cmd_show, cmd_sample, cmd_brief, cmd_note,
	cmd_agenda, cmd_plan, cmd_defects, cmd_defect, cmd_problem, cmd_help, cmd_account,
	cmd_contact, cmd_response, cmd_undo;
extern const struct cli_cmd cmd_standup, cmd_action, cmd_import, cmd_export;
extern const struct cli_cmd cmd_sync;
extern const struct cli_cmd cmd_plays, cmd_referrals, cmd_referral, cmd_coaching, cmd_winback;
/* export plays (cmd_plays.c): every play, gated, in c->format (csv or
 * json), for the CRM; the exit status. */
int cmd_plays_export(struct cli *c);

#endif

/*
 * config.yaml (DESIGN.md §3): thresholds, role weights, the practices'
 * cadences and quiet seasons, theme, mouse and key bindings. Loading never fails the program: every problem is kept as a
 * "file:line:column: reason" warning, and the default stays in force for
 * that setting.
 */
#ifndef ACCTPLAN_CONFIG_H
#define ACCTPLAN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "acctplan/plays.h"
#include "acctplan/rules.h"
#include "acctplan/status.h"

/* One binding as written: under keys: VIEW: KEY: ACTION. The console
 * checks view, key and action names against its action table. */
struct config_binding {
	char *view, *key, *action;
	char *where; /* "file:line:col" for messages */
};

struct config {
	struct rules rules;
	struct quiet_seasons seasons; /* quiet_seasons: when plays wait, per segment */
	char *theme;                  /* theme name; NULL: "default" */
	bool mouse;
	char *sync_dir;  /* sync: dir: the team's shared folder ("~/" is $HOME/); NULL: none */
	char *sync_name; /* sync: name: who this book's changes come from; NULL: user@host */
	struct config_binding *bindings;
	size_t nbindings, bindings_cap;
	char **warnings; /* "file:line:col: reason", in file order */
	size_t nwarnings, warnings_cap;
};

void config_init(struct config *c); /* the defaults */
void config_done(struct config *c);
/* Applies the settings in text to c; problems become warnings. */
void config_load_string(struct config *c, const char *name, const char *text, size_t len);
/* Applies the file at path; a missing file is no warning unless required. */
void config_load_file(struct config *c, const char *path, bool required);
void config_warn(struct config *c, const char *msg);

/* $XDG_CONFIG_HOME/acctplan (or ~/.config/acctplan); caller frees. */
char *config_dir(void);
/* $XDG_DATA_HOME/acctplan/acctplan.db (or ~/.local/share/...); caller frees. */
char *config_default_db(void);

#endif

/*
 * The plays as both front ends list them (`acctplan plays`, `export
 * plays`, the console's Plays view): each account's plays of the rules and
 * of its CRM (plays.h), each put through the one gate, in the accounts'
 * priority order. And the warning for a pitch logged on an account on
 * hold. Codes are kept as the domain names them; the renderers word them
 * (the detail is already words).
 */
#ifndef ACCTPLAN_PLAYBOOK_H
#define ACCTPLAN_PLAYBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/plays.h"
#include "acctplan/practices.h"
#include "acctplan/strbuf.h"

/* One play. Strings are borrowed for the callback. */
struct play_row {
	const struct play_account *account; /* the account and its facts */
	enum play_kind kind;
	const char *play;         /* the kind's name, or the CRM's own for PLAY_CRM */
	const char *source;       /* "rules", or the CRM's source */
	int64_t crm_id;           /* the CRM play's row id, 0 for the rules' */
	const char *external_ref; /* the CRM's id for it, or NULL */
	struct play_gate gate;    /* go, or why it waits and until when */
	const char *detail;       /* the wait in words: the hold's why ("low advocacy"), the
				   * problem's title, the season ("12-15..01-10 in Retail"),
				   * the answer ("no (vacation)"); "" when it goes */
	int since;                /* the day the play arose (plays.h), or -1 */
};
typedef int (*play_row_cb)(const struct play_row *row, void *ctx);

/* Which plays. */
struct playbook_filter {
	const char *owner;              /* one owner's accounts, or NULL */
	int64_t account_id;             /* one account, or 0 */
	int wait;                       /* -1: every play; 0: those that go; 1: those that wait */
	const struct play_after *after; /* a page: the accounts after this one */
	size_t limit;                   /* accounts read at most (0: all) */
};

/* Where a walk got to, for the next page. */
struct playbook_progress {
	size_t read;              /* accounts read */
	struct priority priority; /* the last one's... */
	int64_t id;
	char *name; /* ...(owned: free() it); NULL when none was read */
};

/* Lists the plays of f, account by account in priority order and within
 * an account in enum play_kind order (the CRM's by due day); cb returns
 * nonzero to stop. *p (may be NULL; its name freed by the caller) gets how
 * many accounts were read and the last of them, so that a page can tell
 * the walk ended, and the next one start after it. Needs db_refresh()
 * first. */
enum status playbook_walk(struct db *db, const struct rules *rules,
			  const struct quiet_seasons *seasons, int today,
			  const struct playbook_filter *f, play_row_cb cb, void *ctx,
			  struct playbook_progress *p);

/* Whether a pitch logged on account id goes to an account on hold: *held,
 * and why in words appended to why ("low advocacy", "set by hand on
 * 2026-11-02: legal review") with the account's name in *name (caller
 * frees; may be NULL). */
enum status playbook_pitch_hold(struct db *db, int64_t id, bool *held, struct strbuf *why,
				char **name);

#endif

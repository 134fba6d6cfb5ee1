/*
 * The console's forms for keeping the book true by hand (book_forms.c):
 * accounts (add, edit, won, lost, delete), buyers (add, edit, delete) and
 * responses (record, delete). The account view hands its row cursor in,
 * so that an action applies to the buyer or response under it.
 */
#ifndef ACCTPLAN_UI_BOOK_FORMS_H
#define ACCTPLAN_UI_BOOK_FORMS_H

#include <stdint.h>

#include "ui.h"
#include "acctplan/edits.h"

/* What the account view's cursor is on. */
struct book_cursor {
	enum id_kind kind; /* ID_CONTACT or ID_RESPONSE */
	int64_t id;        /* 0: nothing under the cursor */
	const char *label; /* the buyer's name or the response's date and score */
};

/* Opens the form for action (ACT_ACCOUNT_ADD, ACT_ACCOUNT_EDIT, ...) on
 * account_id; REACT_PASS for an action that is not one of these. */
int book_forms_action(struct ui *ui, int64_t account_id, int action, const struct book_cursor *cur);
/* The add-an-account form (the board and the accounts table). */
int book_account_add(struct ui *ui);

#endif

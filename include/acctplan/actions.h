/*
 * The console's actions and views: the one table that keys bind to, that
 * the help overlay lists and that config.yaml names. ACTION_LIST(_) calls
 * _(ENUM, "config-name", "help text") once per action; VIEW_LIST(_) calls
 * _(ENUM, "config-name", "title") once per view. Bindings in the "global"
 * view apply in every view that does not bind the same key itself.
 */
#ifndef ACCTPLAN_ACTIONS_H
#define ACCTPLAN_ACTIONS_H

#define ACTION_LIST(_)                                                                            \
	_(QUIT, "quit", "go back; on the board, quit acctplan")                                   \
	_(QUIT_ALL, "quit-all", "quit acctplan from any view")                                    \
	_(HELP, "help", "show the keys of this view")                                             \
	_(WARNINGS, "warnings", "show this session's warnings (settings, keys, theme)")           \
	_(BACK, "back", "go back to the previous view")                                           \
	_(BOARD, "board", "go to the quadrant board")                                             \
	_(ACCOUNTS, "accounts", "go to the accounts table")                                       \
	_(RELOAD, "reload", "read the database again")                                            \
	_(REDRAW, "redraw", "redraw the screen")                                                  \
	_(UP, "up", "move up")                                                                    \
	_(DOWN, "down", "move down")                                                              \
	_(LEFT, "left", "move left")                                                              \
	_(RIGHT, "right", "move right")                                                           \
	_(PAGE_UP, "page-up", "move up one page")                                                 \
	_(PAGE_DOWN, "page-down", "move down one page")                                           \
	_(FIRST, "first", "go to the first line")                                                 \
	_(LAST, "last", "go to the last line")                                                    \
	_(OPEN, "open", "open the selected account")                                              \
	_(OWNER_NEXT, "owner-next", "filter by the next owner")                                   \
	_(OWNER_PREV, "owner-prev", "filter by the previous owner")                               \
	_(SCATTER, "scatter", "switch between the board and the scatter plot")                    \
	_(FILTER, "filter", "type to filter by name, owner or segment")                           \
	_(QUADRANT_NEXT, "quadrant-next", "filter by the next quadrant")                          \
	_(CLEAR_FILTERS, "clear-filters", "clear every filter")                                   \
	_(SORT_NEXT, "sort-next", "sort by the next column")                                      \
	_(SORT_PREV, "sort-prev", "sort by the previous column")                                  \
	_(SORT_REVERSE, "sort-reverse", "reverse the sort order")                                 \
	_(TAB_NEXT, "tab-next", "show the next tab")                                              \
	_(TAB_PREV, "tab-prev", "show the previous tab")                                          \
	_(TAB_FEEDBACK, "tab-feedback", "show the feedback history")                              \
	_(TAB_CONTACTS, "tab-contacts", "show the contacts")                                      \
	_(TAB_PROBLEMS, "tab-problems", "show the problems")                                      \
	_(TAB_NOTES, "tab-notes", "show the notes")                                               \
	_(TAB_PLAN, "tab-plan", "show the plan (readiness conditions)")                           \
	_(BRIEF, "brief", "open the pre-call brief of the account")                               \
	_(AGENDA, "agenda", "go to the agenda: what is due")                                      \
	_(DEFECTS, "defects", "go to the defects ranked by impact")                               \
	_(STANDUP, "standup", "go to the standup: what moved since the last one")                 \
	_(STANDUP_MARK, "standup-mark", "record that a standup is held today")                    \
	_(ACTION_ADD, "action-add", "agree an action on the account: who, by when")               \
	_(ACTION_DONE, "action-done", "mark the selected action done, or open again")             \
	_(TRAILS, "trails", "show where the accounts stood at the last standup")                  \
	_(NOTE_NEW, "note-new", "log a note: is this a good time to talk?")                       \
	_(NOTE_EDIT, "note-edit", "edit a note")                                                  \
	_(NOTE_DELETE, "note-delete", "delete a note (asks first)")                               \
	_(FOLLOW_UP, "follow-up", "log a follow-up note on a detractor response")                 \
	_(PROBLEM_NEW, "problem-new", "create a problem from a response")                         \
	_(PROBLEM_ADVANCE, "problem-advance", "move a problem to its next state")                 \
	_(PROBLEM_DEFECT, "problem-defect", "set or clear the defect of a problem")               \
	_(DEFECT_TAG, "defect-tag", "tag a response with a defect")                               \
	_(DEFECT_UNTAG, "defect-untag", "remove a defect tag from a response")                    \
	_(DEFECT_ADD, "defect-add", "add a defect to the catalogue")                              \
	_(DEFECT_EDIT, "defect-edit", "change the selected defect's title or category")           \
	_(CONDITION_ADD, "condition-add", "add a readiness condition")                            \
	_(CONDITION_EDIT, "condition-edit", "change a readiness condition")                       \
	_(CONDITION_MET, "condition-met", "mark a readiness condition met")                       \
	_(CONDITION_REOPEN, "condition-reopen", "reopen a met condition")                         \
	_(HOLD, "hold", "set or lift the sales hold by hand, with a reason")                      \
	_(NEXT_FIELD, "next-field", "go to the next field (saves on the last)")                   \
	_(SAVE, "save", "save the form")                                                          \
	_(EDITOR, "editor", "write the text in $VISUAL or $EDITOR")                               \
	_(DISCARD_DRAFT, "discard-draft", "discard the draft: start afresh")                      \
	_(UNDO, "undo", "take back the last change made with acctplan")                           \
	_(SYNC, "sync", "sync with the team's shared folder and show what it did")                \
	_(ACCOUNT_ADD, "account-add", "add an account")                                           \
	_(ACCOUNT_EDIT, "account-edit", "edit the account: name, owner, fit, revenue, wallet...") \
	_(ACCOUNT_WON, "account-won", "mark a sale won: check-ins at +7, +30, +90 days")          \
	_(ACCOUNT_LOST, "account-lost", "mark the account lost, with its win-back plan")          \
	_(ACCOUNT_DELETE, "account-delete", "delete the account (asks first)")                    \
	_(CONTACT_ADD, "contact-add", "add a buyer to the account")                               \
	_(CONTACT_EDIT, "contact-edit", "edit the buyer under the cursor")                        \
	_(RESPONSE_ADD, "response-add", "record a response: a score from 0 to 10")                \
	_(ALL_STATUSES, "all-statuses", "show lost accounts and prospects too, or not")           \
	_(ROW_DELETE, "row-delete", "delete the buyer or response under the cursor (asks first)") \
	_(PLAYS, "plays", "go to the plays: each go, or wait and why")                            \
	_(WINBACK, "winback", "go to the lost accounts and their win-back")                       \
	_(STATUS_NEXT, "status-next", "show the plays that go, those that wait, or all")          \
	_(REFERRAL_ADD, "referral-add", "record a referral ask, or whom they referred us to")     \
	_(WINBACK_DROP, "winback-drop", "give the win-back up, or take it up again")

enum action {
#define ACTION_ENUM(e, name, help) ACT_##e,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
		ACT_COUNT
};

/* Views that take key bindings, in the order the help and the man page list
 * them. VIEW_GLOBAL is not a screen: its bindings apply everywhere. */
#define VIEW_LIST(_)                        \
	_(GLOBAL, "global", "Every view")   \
	_(BOARD, "board", "Board")          \
	_(SCATTER, "scatter", "Scatter")    \
	_(ACCOUNTS, "accounts", "Accounts") \
	_(ACCOUNT, "account", "Account")    \
	_(HELP, "help", "Help")             \
	_(BRIEF, "brief", "Brief")          \
	_(AGENDA, "agenda", "Agenda")       \
	_(DEFECTS, "defects", "Defects")    \
	_(STANDUP, "standup", "Standup")    \
	_(PLAYS, "plays", "Plays")          \
	_(WINBACK, "winback", "Win-back")   \
	_(FORM, "form", "Form")

enum view_id {
#define VIEW_ENUM(e, name, title) VIEW_##e,
	VIEW_LIST(VIEW_ENUM)
#undef VIEW_ENUM
		VIEW_COUNT
};

const char *action_name(enum action a);
const char *action_help(enum action a);
int action_from_name(const char *s); /* -1 when unknown */
const char *view_name(enum view_id v);
const char *view_title(enum view_id v);
int view_from_name(const char *s); /* -1 when unknown */

#endif

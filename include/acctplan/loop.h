/*
 * The closed loop's records (DESIGN.md §1 "Closed loop and defects",
 * "Pre-call notes and readiness"): writing notes, the account plan (its
 * readiness conditions and the hold), problems, the defect catalogue and
 * its tags on responses (loop.c), with the lookups they need; and the
 * queries that read them back: the defect ranking and a defect's follow-up
 * queue (defects.c) and the agenda (agenda.c). Beside db.h, on the same
 * struct db.
 *
 * Every function that writes runs in one transaction of its own: on success
 * the change is committed (on disk when the call returns), on failure
 * nothing was written. Rows come back through callbacks whose strings are
 * borrowed for the duration of the call. Ids are the 63-bit row ids.
 */
#ifndef ACCTPLAN_LOOP_H
#define ACCTPLAN_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/agenda.h"
#include "acctplan/db.h"
#include "acctplan/defect_rank.h"

/* ---- lookups -------------------------------------------------------- */

/* A buyer of the account by exact name (any case), else by unambiguous
 * name prefix. STATUS_NOT_FOUND or STATUS_AMBIGUOUS otherwise. */
enum status db_contact_resolve(struct db *db, int64_t account_id, const char *name, int64_t *id);
/* The account a response, note, problem or condition belongs to;
 * STATUS_NOT_FOUND when there is no such row. */
enum status db_feedback_account(struct db *db, int64_t feedback_id, int64_t *account_id);
enum status db_note_account(struct db *db, int64_t note_id, int64_t *account_id);
enum status db_problem_account(struct db *db, int64_t problem_id, int64_t *account_id);
enum status db_condition_account(struct db *db, int64_t condition_id, int64_t *account_id);

/* ---- notes ---------------------------------------------------------- */

/* Adds a note (struct note_rec of db.h). The contact and response, when
 * given, must belong to the note's account (STATUS_BAD_INPUT otherwise). */
enum status db_note_add(struct db *db, const struct note_rec *r, int64_t *id);
/* Replaces a note's kind, contact, response, body, good_time, reason and
 * next-contact date with r's (its account and created_at stay); a
 * feedback_id of -1 keeps the note's response link. */
enum status db_note_update(struct db *db, int64_t id, const struct note_rec *r);
enum status db_note_delete(struct db *db, int64_t id);
/* One note, as db_notes() gives it. */
enum status db_note_get(struct db *db, int64_t id, note_cb cb, void *ctx);

/* ---- the plan: readiness conditions and the manual hold --------------- */

enum status db_condition_add(struct db *db, int64_t account_id, const char *text, int64_t *id);
enum status db_condition_edit(struct db *db, int64_t id, const char *text);
/* Marks a condition met on `on` ("YYYY-MM-DD"); STATUS_BAD_INPUT when it
 * already is. */
enum status db_condition_met(struct db *db, int64_t id, const char *on);
/* Opens a met condition again; STATUS_BAD_INPUT when it is open. */
enum status db_condition_reopen(struct db *db, int64_t id);
/* Sets (hold true) or lifts a hold by hand with a reason and a date, kept
 * with the account's current quadrant: the hand-set state wins until the
 * account changes quadrant. Needs db_refresh() first. */
enum status db_hold_manual(struct db *db, int64_t account_id, bool hold, const char *reason,
			   const char *on);
/* Forgets the manual state: the hold follows the rules again. */
enum status db_hold_auto(struct db *db, int64_t account_id);

/* ---- problems -------------------------------------------------------- */

struct problem_new {
	int64_t account_id;    /* 0: the response's */
	int64_t feedback_id;   /* the response it comes from, or 0 */
	int64_t contact_id;    /* 0: the response's buyer, if any */
	int64_t defect_id;     /* 0: the response's first defect tag, if any */
	int category;          /* enum problem_category; -1: the defect's, else service */
	const char *title;     /* NULL: the defect's title, else the response's comment */
	const char *owner;     /* NULL: the account's owner */
	const char *opened_on; /* "YYYY-MM-DD" */
};

/* Creates a problem in state open, filling what p leaves unset from the
 * response (account, buyer, defect) and the defect (category, title).
 * STATUS_BAD_INPUT when no title can be found. */
enum status db_problem_create(struct db *db, const struct problem_new *p, int64_t *id);

struct problem_move_req {
	int to;                     /* enum problem_status */
	const char *on;             /* the move's date */
	const char *root_cause;     /* NULL: keep */
	const char *reported;       /* NULL: keep */
	const char *owner;          /* NULL: keep */
	enum problem_move *refused; /* when not NULL and the move is refused: why */
};
/* Moves a problem along its lifecycle (problem.h's rules; a refused move is
 * STATUS_BAD_INPUT with the reason, and *m->refused says which, for the
 * front end to word). */
enum status db_problem_move(struct db *db, int64_t id, const struct problem_move_req *m);

/* Changes a problem's title, owner, root cause, category or defect; NULL
 * (category -1, defect -1) keeps the field; defect 0 removes the tag. */
struct problem_edit {
	const char *title, *owner, *root_cause;
	int category;
	int64_t defect_id;
};
enum status db_problem_edit(struct db *db, int64_t id, const struct problem_edit *e);

struct problem_info {
	struct problem_row p; /* db.h's row */
	int64_t feedback_id, contact_id, defect_id;
	const char *account_name, *contact_name, *defect_title;
};
typedef int (*problem_info_cb)(const struct problem_info *row, void *ctx);

struct problem_filter {
	int64_t account_id; /* 0: any */
	int64_t defect_id;  /* 0: any */
	int status;         /* enum problem_status, or -1 for any */
	bool open_only;     /* not yet reported back */
};
/* Problems, open ones first, newest opened first. */
enum status db_problem_list(struct db *db, const struct problem_filter *f, problem_info_cb cb,
			    void *ctx);
enum status db_problem_get(struct db *db, int64_t id, problem_info_cb cb, void *ctx);

/* ---- defects --------------------------------------------------------- */

/* Adds a defect to the catalogue; STATUS_BAD_INPUT when the code exists. */
enum status db_defect_add(struct db *db, const char *code, const char *title,
			  enum problem_category cat, int64_t *id);
/* Changes a defect's title (NULL: keep) and category (-1: keep). */
enum status db_defect_edit(struct db *db, int64_t id, const char *title, int category);
/* Tags (or with untag, untags) a response with a defect. */
enum status db_feedback_tag(struct db *db, int64_t feedback_id, int64_t defect_id, bool untag);

struct defect_info {
	int64_t id;
	char *code, *title, *category;
	long tagged;        /* responses in the window tagged with it */
	double tagged_sum;  /* sum of their scores */
	long accounts;      /* accounts with such a response */
	long open_problems; /* problems with this defect not reported back */
};
struct defect_report {
	struct defect_info *d; /* the whole catalogue, by code */
	size_t n;
	long responses;   /* responses in the window */
	double score_sum; /* sum of their scores */
};
/* Counts over the responses in the advocacy window ending today. */
enum status db_defect_report(struct db *db, const struct rules *rules, int today,
			     struct defect_report *out);
void defect_report_done(struct defect_report *r);

struct queue_row {
	int64_t account_id;
	const char *name, *owner;
	enum acct_status status;
	enum quadrant quadrant;
	bool nps_known;
	double nps;
	int64_t revenue;
	long citing;                /* responses in the window citing the defect */
	const char *last_cited;     /* newest of them */
	int64_t problem_id;         /* its open problem for the defect, or 0 */
	const char *problem_status; /* or NULL */
	struct priority priority;   /* its place in the queue, with status, name and id */
};
typedef int (*queue_cb)(const struct queue_row *row, void *ctx);
/* The follow-up queue of a defect: the accounts citing it in the window,
 * active ones in priority order, then the others by name. Needs
 * db_refresh() first. */
enum status db_defect_queue(struct db *db, int64_t defect_id, const struct rules *rules, int today,
			    queue_cb cb, void *ctx);
/* Where a page of the queue starts: after this row of it. */
struct queue_key {
	bool active;
	struct priority priority;
	const char *name;
	int64_t account_id;
};
/* Up to limit rows of the queue after `after` (NULL: from its first), in
 * its order. A page costs about its own rows wherever it starts: a long
 * queue is walked down account_cache's rank index from the row after, not
 * sorted whole. */
enum status db_defect_queue_page(struct db *db, int64_t defect_id, const struct queue_key *after,
				 size_t limit, queue_cb cb, void *ctx);

/* ---- the agenda ------------------------------------------------------ */

struct agenda_filter {
	const char *owner;  /* exact owner, or NULL */
	int64_t account_id; /* one account, or 0 */
	int horizon;        /* days ahead of today to look (0: due now) */
	unsigned kinds;     /* the kinds wanted, bit 1u << kind; 0: every kind */
	/* A page: the items after `after` (agenda order; NULL: from the first),
	 * less the first `offset` of them, at most `limit` (0: all). */
	const struct agenda_item *after;
	size_t offset;
	size_t limit;
};
/* The agenda (agenda.h's rules), in agenda order, handed to cb one item at
 * a time; the item and its strings are borrowed for the call, and cb returns
 * nonzero to stop. A page costs about what its own rows cost: each kind's
 * query returns its items already in order and is stepped only as far as
 * the page goes. Needs db_refresh() first. */
enum status db_agenda(struct db *db, const struct rules *rules, int today,
		      const struct agenda_filter *f,
		      int (*cb)(const struct agenda_item *item, void *ctx), void *ctx);
/* Starts reading the book's first day of follow-ups (the Agenda view's
 * first page without an owner) on a thread and a connection of their own;
 * db_agenda() waits for it when it starts there on the same file, rules and
 * day, and reads the day itself otherwise. Nothing on a read-only file or
 * without threads. */
void db_agenda_ahead(struct db *db, const struct rules *rules, int today);
/* How many items of each kind in the mask `kinds` (bit 1u << kind) are on
 * the agenda of f (its page fields and f->kinds ignored), each counted only up to cap:
 * count[k] == cap means "cap or more". Other kinds' counts are left as
 * they are. Costs about cap rows per kind, not the whole book, except for
 * check-ins: accounts.won_on has no index, so that kind reads every account
 * (about 15 ms on the 100,000-account book). */
enum status db_agenda_count(struct db *db, const struct rules *rules, int today,
			    const struct agenda_filter *f, unsigned kinds, size_t cap,
			    size_t count[AGENDA_KIND_COUNT]);

#endif

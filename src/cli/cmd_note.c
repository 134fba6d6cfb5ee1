/*
 * acctplan note: log, edit or delete a note on an account; the command-line
 * side of "is this a good time to talk?". Everything is checked before the
 * database is opened for writing, and the note is one transaction: when the
 * command says "saved", the note is on disk.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/loop.h"
#include "acctplan/playbook.h"
#include "acctplan/strbuf.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"
#include "cli.h"

struct note_opts {
	const char *account, *text, *contact;
	int kind, good_time, reason, next;
	int64_t response, edit, del;
};

static bool is_none(const char *s)
{
	return s && !strcmp(s, "none");
}

static char *read_stdin(void)
{
	struct strbuf sb;
	char buf[4096], *text;
	size_t n;

	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		strbuf_add(&sb, buf, n);
	while (sb.len && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == '\r'))
		sb.buf[--sb.len] = '\0';
	text = strbuf_detach(&sb);
	strbuf_done(&sb);
	return text;
}

struct merged {
	int kind, good_time, reason;
	int kept_next; /* an edited note's date to try again, or -1 */
	int64_t contact_id, feedback_id;
	char *body, *next;
	int64_t account_id;
};

static int keep_existing(const struct note_row *r, void *ctx)
{
	struct merged *m = ctx;

	m->account_id = r->account_id;
	m->kind = note_kind_from_name(r->kind);
	m->good_time = r->good_time ? good_time_from_name(r->good_time) : -1;
	m->reason = r->reason ? reason_from_name(r->reason) : -1;
	m->contact_id = r->contact_id;
	m->body = xstrdup(r->body);
	m->next = r->next_contact_on ? xstrdup(r->next_contact_on) : NULL;
	if (!m->next || !date_parse(m->next, &m->kept_next))
		m->kept_next = -1;
	return 0;
}

/* A note the rules refuse (validate.h), worded for the command line. */
static int note_invalid(enum invalid v, const char *next)
{
	switch (v) {
	case INVALID_REASON_WITHOUT_NO:
		return cli_usage("--reason goes with --good-time no or unsure");
	case INVALID_NEXT_IN_PAST:
		return cli_usage("--next %s is in the past: give the date to try again",
				 next ? next : "");
	case INVALID_EMPTY_TEXT:
		return cli_usage("the note text is empty");
	default:
		return cli_usage("note: %s", invalid_message(v));
	}
}

/* A pitch logged on an account on hold is kept, with a warning that says
 * why the account is on hold (seed 001: stop selling to the unhappy). */
static void warn_pitch(struct db *db, int64_t account_id)
{
	struct strbuf why;
	char *name = NULL;
	bool held = false;

	strbuf_init(&why);
	if (playbook_pitch_hold(db, account_id, &held, &why, &name) == STATUS_OK && held)
		cli_message("warning: %s is on hold (%s): the pitch is logged, but talk about"
			    " what must change first",
			    name ? name : "the account", why.buf);
	free(name);
	strbuf_done(&why);
}

static int note_run(struct cli *c, void *arg)
{
	char shown[SHORTID_LEN + 8];
	const struct note_opts *o = arg;
	struct merged m;
	struct note_rec rec;
	struct db *db = NULL;
	enum status st;
	const char *text = o->text;
	char *stdin_text = NULL, stamp[APP_STAMP_LEN], next[DATE_LEN] = "";
	int r, rc = EXIT_OK;
	int64_t id;

	memset(&m, 0, sizeof(m));
	/* ---- everything that can be checked without the database ---- */
	if (o->del &&
	    (o->account || o->kind != CLI_UNSET || o->contact || o->good_time != CLI_UNSET ||
	     o->reason != CLI_UNSET || o->next != CLI_UNSET || o->response))
		return cli_usage("note --delete ID takes nothing else");
	if (o->edit) {
		/* with --edit the one word is the new text */
		if (o->text)
			return cli_usage("note --edit ID takes the new text only, not an account");
		text = o->account;
	} else if (!o->del && !o->account) {
		return cli_usage("note: which account? (acctplan note ACCOUNT [options] TEXT)");
	} else if (!o->del && !o->text) {
		return cli_usage(
			"note: the note text is missing (acctplan note ACCOUNT [options] TEXT)");
	}
	if (!o->edit && (o->good_time == CLI_CLEAR || o->reason == CLI_CLEAR ||
			 o->next == CLI_CLEAR || o->response == CLI_CLEAR || is_none(o->contact)))
		return cli_usage("\"none\" clears a field with --edit only");
	if (o->next != CLI_UNSET && o->next != CLI_CLEAR)
		date_format(o->next, next);
	if (text && !strcmp(text, "-"))
		text = stdin_text = read_stdin();
	if (text && validate_blank(text)) {
		free(stdin_text);
		return cli_usage("the note text is empty");
	}
	if ((r = cli_setup(c)) != EXIT_OK) {
		free(stdin_text);
		return r;
	}

	if ((r = cli_open_change(c, &db)) != EXIT_OK) {
		free(stdin_text);
		return r;
	}
	if (o->del) {
		if ((st = db_note_delete(db, o->del)) != STATUS_OK)
			goto fail;
		printf("note %s deleted\n", cli_short(db, ID_NOTE, o->del, shown));
		cli_after_commit();
		goto out;
	}
	if (o->edit) {
		if ((st = db_note_get(db, o->edit, keep_existing, &m)) != STATUS_OK)
			goto fail;
	} else {
		if ((st = db_account_resolve(db, o->account, &m.account_id)) != STATUS_OK)
			goto fail;
		m.kind = -1;
		m.good_time = m.reason = m.kept_next = -1;
	}
	m.feedback_id = o->edit ? -1 : 0;
	if (o->kind != CLI_UNSET)
		m.kind = o->kind;
	if (o->good_time != CLI_UNSET)
		m.good_time = o->good_time == CLI_CLEAR ? -1 : o->good_time;
	if (o->reason != CLI_UNSET)
		m.reason = o->reason == CLI_CLEAR ? -1 : o->reason;
	if (o->response)
		m.feedback_id = o->response == CLI_CLEAR ? 0 : o->response;
	if (o->next != CLI_UNSET) {
		free(m.next);
		m.next = o->next == CLI_CLEAR ? NULL : xstrdup(next);
	}
	if (text) {
		free(m.body);
		m.body = xstrdup(text);
	}
	if (o->contact) {
		if (is_none(o->contact))
			m.contact_id = 0;
		else if ((st = db_contact_resolve(db, m.account_id, o->contact, &m.contact_id)) !=
			 STATUS_OK)
			goto fail;
	}
	if (m.kind < 0)
		m.kind = o->response > 0     ? NOTE_FOLLOWUP
			 : o->good_time >= 0 ? NOTE_PRECALL
					     : NOTE_GENERAL;
	{
		struct note_check chk = {m.body, m.good_time, m.reason, -1, m.kept_next};
		enum invalid v;

		if (m.next && !date_parse(m.next, &chk.next))
			chk.next = -1;
		if ((v = validate_note(&chk, c->app.today)) != INVALID_OK) {
			rc = note_invalid(v, next);
			goto out;
		}
	}
	memset(&rec, 0, sizeof(rec));
	rec.account_id = m.account_id;
	rec.contact_id = m.contact_id;
	rec.feedback_id = m.feedback_id;
	rec.kind = (enum note_kind)m.kind;
	rec.body = m.body;
	rec.next_contact_on = m.next;
	rec.good_time = m.good_time;
	rec.reason = m.reason;
	if (o->edit) {
		if ((st = db_note_update(db, o->edit, &rec)) != STATUS_OK)
			goto fail;
		printf("note %s changed\n", cli_short(db, ID_NOTE, o->edit, shown));
		if (rec.kind == NOTE_PITCH)
			warn_pitch(db, rec.account_id);
	} else {
		rec.created_at = app_stamp(&c->app, stamp);
		if ((st = db_note_add(db, &rec, &id)) != STATUS_OK)
			goto fail;
		printf("note %s saved\n", cli_short(db, ID_NOTE, id, shown));
		if (rec.kind == NOTE_PITCH)
			warn_pitch(db, rec.account_id);
	}
	cli_after_commit();
	goto out;
fail:
	rc = cli_fail(st);
out:
	free(m.body);
	free(m.next);
	free(stdin_text);
	db_close(db);
	return rc;
}

#define O(f) offsetof(struct note_opts, f)
static const struct cli_opt options[] = {
	CLI_TEXT_ARG("ACCOUNT", 0, O(account),
		     "an id, or a prefix of the name only one account has, in any case (with"
		     " --edit: the new TEXT)"),
	CLI_TEXT_ARG("TEXT", 0, O(text), "the note; - reads it from standard input"),
	CLI_ENUM_OPT("--kind", "KIND", 0, O(kind), note_kind_names, "the kind of note"),
	CLI_TEXT_OPT("--contact", "NAME", CLI_NONEMPTY, O(contact),
		     "the buyer (exact name, or an unambiguous prefix)"),
	CLI_ENUM_OPT("--good-time", "ANSWER", CLI_NONE, O(good_time), good_time_names,
		     "the answer to \"is this a good time to talk?\""),
	CLI_ENUM_OPT("--reason", "REASON", CLI_NONE, O(reason), reason_names,
		     "why not (needs --good-time no or unsure)"),
	CLI_DATE_OPT("--next", "DATE", CLI_NONE, O(next),
		     "the date to try again (today or later); it shows on the agenda from that"
		     " day until a later note is logged"),
	CLI_ID_OPT("--response", "ID", CLI_NONE, O(response), ID_RESPONSE,
		   "the response this note follows up (a detractor's response with a linked"
		   " note is no longer overdue)"),
	CLI_ID_OPT("--edit", "ID", CLI_ONE_OF, O(edit), ID_NOTE,
		   "changes note ID instead of logging one"),
	CLI_ID_OPT("--delete", "ID", CLI_ONE_OF, O(del), ID_NOTE, "deletes note ID"),
};
#undef O

const struct cli_cmd cmd_note = {
	.name = "note",
	.summary = "log a note: pre-call answer, reason, date to try again, text",
	.usage = "ACCOUNT [options] TEXT\n"
		 "--edit ID [options] [TEXT]\n"
		 "--delete ID\n",
	.description =
		"Logs a note on an account (ACCOUNT: an id or an unambiguous prefix of the\n"
		"name). TEXT is the note; \"-\" reads it from standard input. It must not be\n"
		"empty. Its kind is followup with --response, precall with --good-time,\n"
		"else general, unless --kind says. A pitch (--kind pitch: an offer made)\n"
		"on an account on hold is logged with a warning on stderr saying why it is\n"
		"on hold; acctplan coaching counts them.\n"
		"\n"
		"--edit ID changes a note: only the options given change (TEXT replaces the\n"
		"text; \"none\" clears --contact, --good-time, --reason, --next, --response).\n"
		"--delete ID deletes a note. Note ids are in\n"
		"`acctplan show ACCOUNT --format json`.\n"
		"\n"
		"Errors (nothing is written): a bad option value, a bad date or an empty text\n"
		"exit 2; an unknown or ambiguous account or buyer exits 1.\n",
	.opts = options,
	.nopts = CLI_COUNT(options),
	.formats = CLI_PLAIN,
	.size = sizeof(struct note_opts),
	.run = note_run,
};

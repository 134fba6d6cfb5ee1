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

#include "acctplan/plan.h"
#include "acctplan/strbuf.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"
#include "plan_util.h"

static const char note_help[] =
	"usage: acctplan note ACCOUNT [options] TEXT\n"
	"       acctplan note --edit ID [options] [TEXT]\n"
	"       acctplan note --delete ID\n"
	"\n"
	"Logs a note on an account (ACCOUNT: an id or an unambiguous prefix of the\n"
	"name). TEXT is the note; \"-\" reads it from standard input. It must not be\n"
	"empty.\n"
	"\n"
	"  --kind KIND          precall, call, followup, checkin, referral, winback or\n"
	"                       general (default: followup with --response, precall\n"
	"                       with --good-time, else general)\n"
	"  --contact NAME       the buyer (exact name, or an unambiguous prefix)\n"
	"  --good-time ANSWER   \"is this a good time to talk?\": yes, no or unsure\n"
	"  --reason REASON      why not: vacation, budget_cycle, open_problem,\n"
	"                       reorganisation or other (needs --good-time no|unsure)\n"
	"  --next YYYY-MM-DD    the date to try again (today or later); it shows on\n"
	"                       the agenda from that day until a later note is logged\n"
	"  --response ID        the response this note follows up (a detractor's\n"
	"                       response with a linked note is no longer overdue)\n"
	"\n"
	"--edit ID changes a note: only the options given change (TEXT replaces the\n"
	"text; \"none\" clears --contact, --good-time, --reason, --next, --response).\n"
	"--delete ID deletes a note. Note ids are in `acctplan show ACCOUNT --format json`.\n"
	"\n"
	"Errors (nothing is written): a bad option value, a bad date or an empty text\n"
	"exit 2; an unknown or ambiguous account or buyer exits 1.\n";

struct note_opts {
	const char *pos[2];
	int npos;
	const char *kind, *contact, *good_time, *reason, *next, *response, *edit, *del;
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

static int parse(struct cli *c, struct note_opts *o)
{
	static const struct cli_valued valued[] = {
		{"--kind", offsetof(struct note_opts, kind)},
		{"--contact", offsetof(struct note_opts, contact)},
		{"--good-time", offsetof(struct note_opts, good_time)},
		{"--reason", offsetof(struct note_opts, reason)},
		{"--next", offsetof(struct note_opts, next)},
		{"--response", offsetof(struct note_opts, response)},
		{"--edit", offsetof(struct note_opts, edit)},
		{"--delete", offsetof(struct note_opts, del)},
	};
	int r;

	while (c->i < c->argc) {
		if ((r = cli_global_option(c)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		if ((r = cli_valued_option(c, valued, sizeof(valued) / sizeof(*valued), o)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		if (!strcmp(c->argv[c->i], "--")) {
			c->i++;
			while (c->i < c->argc && o->npos < 2)
				o->pos[o->npos++] = c->argv[c->i++];
			if (c->i < c->argc)
				break;
			continue;
		}
		if (plan_positional(c) && o->npos < 2) {
			o->pos[o->npos++] = c->argv[c->i++];
			continue;
		}
		break;
	}
	if (c->i < c->argc)
		return cli_usage(
			"note: unexpected argument \"%.40s\" (quote the note text; see acctplan note --help)",
			c->argv[c->i]);
	return EXIT_OK;
}

/* A note the rules refuse (validate.h), worded for the command line. */
static int note_invalid(enum invalid v, const char *next)
{
	switch (v) {
	case INVALID_REASON_WITHOUT_NO:
		return cli_usage("--reason goes with --good-time no or unsure");
	case INVALID_NEXT_IN_PAST:
		return cli_usage("--next %.20s is in the past: give the date to try again",
				 next ? next : "");
	case INVALID_EMPTY_TEXT:
		return cli_usage("the note text is empty");
	default:
		return cli_usage("note: %s", invalid_message(v));
	}
}

int cmd_note(struct cli *c)
{
	struct note_opts o;
	struct merged m;
	struct note_rec rec;
	struct db *db = NULL;
	enum status st;
	const char *text = NULL;
	char *stdin_text = NULL, stamp[APP_STAMP_LEN];
	int r, day = 0, kind = -1, good = -1, reason = -1, rc = EXIT_OK;
	int64_t edit_id = 0, del_id = 0, response_id = 0, id;

	memset(&o, 0, sizeof(o));
	memset(&m, 0, sizeof(m));
	if ((r = parse(c, &o)) != EXIT_OK)
		return r;
	if (c->help) {
		fputs(note_help, stdout);
		return EXIT_OK;
	}
	/* ---- everything that can be checked without the database ---- */
	if (o.edit && o.del)
		return cli_usage("note: --edit or --delete, not both");
	if (o.edit && !plan_parse_id(o.edit, &edit_id))
		return cli_usage("--edit needs a note id, not \"%.40s\"", o.edit);
	if (o.del && !plan_parse_id(o.del, &del_id))
		return cli_usage("--delete needs a note id, not \"%.40s\"", o.del);
	if (o.del &&
	    (o.npos || o.kind || o.contact || o.good_time || o.reason || o.next || o.response))
		return cli_usage("note --delete ID takes nothing else");
	if (!o.edit && !o.del) {
		if (o.npos == 0)
			return cli_usage(
				"note: which account? (acctplan note ACCOUNT [options] TEXT)");
		if (o.npos == 1)
			return cli_usage(
				"note: the note text is missing (acctplan note ACCOUNT [options] TEXT)");
		text = o.pos[1];
	} else if (o.edit) {
		if (o.npos > 1)
			return cli_usage("note --edit ID takes the new text only, not an account");
		text = o.npos ? o.pos[0] : NULL;
	}
	if (o.kind && (kind = note_kind_from_name(o.kind)) < 0)
		return cli_usage(
			"--kind must be precall, call, followup, checkin, referral, winback or general, not \"%.40s\"",
			o.kind);
	if (o.good_time && !is_none(o.good_time) && (good = good_time_from_name(o.good_time)) < 0)
		return cli_usage("--good-time must be yes, no or unsure, not \"%.40s\"",
				 o.good_time);
	if (o.reason && !is_none(o.reason) && (reason = reason_from_name(o.reason)) < 0)
		return cli_usage(
			"--reason must be vacation, budget_cycle, open_problem, reorganisation or other, not \"%.40s\"",
			o.reason);
	if (o.response && !is_none(o.response) && !plan_parse_id(o.response, &response_id))
		return cli_usage("--response needs a response id, not \"%.40s\"", o.response);
	if (o.next && !is_none(o.next) && !plan_parse_date("--next", o.next, &day))
		return EXIT_USAGE;
	if (!o.edit && (is_none(o.good_time) || is_none(o.reason) || is_none(o.next) ||
			is_none(o.response) || is_none(o.contact)))
		return cli_usage("\"none\" clears a field with --edit only");
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

	if ((r = plan_open_rw(c, &db)) != EXIT_OK) {
		free(stdin_text);
		return r;
	}
	if (o.del) {
		if ((st = db_note_delete(db, del_id)) != STATUS_OK)
			goto fail;
		printf("note %lld deleted\n", (long long)del_id);
		plan_after_commit();
		goto out;
	}
	if (o.edit) {
		if ((st = db_note_get(db, edit_id, keep_existing, &m)) != STATUS_OK)
			goto fail;
	} else {
		if ((st = db_account_resolve(db, o.pos[0], &m.account_id)) != STATUS_OK)
			goto fail;
		m.kind = -1;
		m.good_time = m.reason = m.kept_next = -1;
	}
	m.feedback_id = o.edit ? -1 : 0;
	if (o.kind)
		m.kind = kind;
	if (o.good_time)
		m.good_time = good;
	if (o.reason)
		m.reason = reason;
	if (o.response)
		m.feedback_id = response_id;
	if (o.next) {
		free(m.next);
		m.next = is_none(o.next) ? NULL : xstrdup(o.next);
	}
	if (text) {
		free(m.body);
		m.body = xstrdup(text);
	}
	if (o.contact) {
		if (is_none(o.contact))
			m.contact_id = 0;
		else if ((st = db_contact_resolve(db, m.account_id, o.contact, &m.contact_id)) !=
			 STATUS_OK)
			goto fail;
	}
	if (m.kind < 0)
		m.kind = response_id ? NOTE_FOLLOWUP : good >= 0 ? NOTE_PRECALL : NOTE_GENERAL;
	{
		struct note_check chk = {m.body, m.good_time, m.reason, -1, m.kept_next};
		enum invalid v;

		if (m.next && !date_parse(m.next, &chk.next))
			chk.next = -1;
		if ((v = validate_note(&chk, c->app.today)) != INVALID_OK) {
			rc = note_invalid(v, o.next);
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
	if (o.edit) {
		if ((st = db_note_update(db, edit_id, &rec)) != STATUS_OK)
			goto fail;
		printf("note %lld changed\n", (long long)edit_id);
	} else {
		rec.created_at = app_stamp(&c->app, stamp);
		if ((st = db_note_add(db, &rec, &id)) != STATUS_OK)
			goto fail;
		printf("note %lld saved\n", (long long)id);
	}
	plan_after_commit();
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

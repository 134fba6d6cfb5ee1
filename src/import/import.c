/*
 * An import session: the header mapped, each row converted (import.h has
 * the contract).
 *
 * Invariants: once the header is done, col[f] is the column of field f or
 * -1, and every required field of the kind has a column; a converted
 * record's text points into the row's cells or into the session's buffers,
 * which the next row reuses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/parse.h"
#include "acctplan/plays.h"
#include "acctplan/referral.h"
#include "acctplan/rules.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/validate.h"
#include "acctplan/xalloc.h"
#include "layout.h"

/* ---- names ------------------------------------------------------------- */

static const char *const kind_names[] = {
	[IMPORT_ACCOUNTS] = "accounts",     [IMPORT_CONTACTS] = "contacts",
	[IMPORT_RESPONSES] = "responses",   [IMPORT_DEFECTS] = "defects",
	[IMPORT_PROBLEMS] = "problems",     [IMPORT_NOTES] = "notes",
	[IMPORT_CONDITIONS] = "conditions", [IMPORT_REFERRALS] = "referrals",
	[IMPORT_PLAYS] = "plays",
};

const char *import_kind_name(enum import_kind k)
{
	return (unsigned)k < IMPORT_KIND_COUNT ? kind_names[k] : "?";
}

int import_kind_from_name(const char *s)
{
	return parse_name(s, kind_names, IMPORT_KIND_COUNT);
}

static const char *const field_names[] = {
#define IMPORT_FIELD_NAME(id, name) name,
	IMPORT_FIELD_LIST(IMPORT_FIELD_NAME)
#undef IMPORT_FIELD_NAME
};

const char *import_field_name(enum import_field f)
{
	return (unsigned)f < IF_COUNT ? field_names[f] : "?";
}

int import_field_from_name(const char *s)
{
	return parse_name(s, field_names, IF_COUNT);
}

/* ---- what each field is ------------------------------------------------- */

enum ftype {
	FT_ID,      /* a positive 63-bit id */
	FT_TEXT,    /* one line of text: white space around it dropped in a csv */
	FT_LONG,    /* free text (a comment, a note): kept as written */
	FT_REF,     /* names another record: an external_ref, an id or a name */
	FT_MONEY,   /* whole currency units, as parse_money() reads them */
	FT_ENUM,    /* one of a name table's values */
	FT_DATE,    /* a day, stored as YYYY-MM-DD */
	FT_STAMP,   /* a timestamp, kept as written once it reads as a date */
	FT_SCORE,   /* 0..10 (parse_nps()) */
	FT_DEFECTS, /* defect codes, separated by commas, semicolons or spaces */
	FT_FLAG,    /* true or false */
};

struct fdef {
	enum ftype type;
	bool nullable; /* an empty cell is NULL (else the empty text, or not given) */
};

static const struct fdef fdefs[IF_COUNT] = {
	[IF_ID] = {FT_ID, false},
	[IF_EXTERNAL_REF] = {FT_TEXT, true},
	[IF_NAME] = {FT_TEXT, false},
	[IF_FIRST_NAME] = {FT_TEXT, false},
	[IF_LAST_NAME] = {FT_TEXT, false},
	[IF_OWNER] = {FT_TEXT, false},
	[IF_SEGMENT] = {FT_TEXT, false},
	[IF_FIT] = {FT_ENUM, false},
	[IF_STATUS] = {FT_ENUM, false},
	[IF_REVENUE] = {FT_MONEY, false},
	[IF_WALLET] = {FT_MONEY, true},
	[IF_CREATED_AT] = {FT_STAMP, false},
	[IF_UPDATED_AT] = {FT_STAMP, false},
	[IF_HOLD_MANUAL] = {FT_ENUM, true},
	[IF_HOLD_REASON] = {FT_LONG, true},
	[IF_HOLD_ON] = {FT_STAMP, true},
	[IF_HOLD_QUADRANT] = {FT_TEXT, true},
	[IF_WON_ON] = {FT_DATE, true},
	[IF_LOST_REASON] = {FT_LONG, true},
	[IF_LOST_TO] = {FT_TEXT, true},
	[IF_WINBACK_PLAN] = {FT_LONG, true},
	[IF_LOST_ON] = {FT_DATE, true},
	[IF_WINBACK_DROPPED_ON] = {FT_DATE, true},
	[IF_ACCOUNT] = {FT_REF, true},
	[IF_CONTACT] = {FT_REF, true},
	[IF_TITLE] = {FT_TEXT, false},
	[IF_ROLE] = {FT_ENUM, false},
	[IF_EMAIL] = {FT_TEXT, true},
	[IF_PHONE] = {FT_TEXT, true},
	[IF_RESPONDED_ON] = {FT_DATE, false},
	[IF_SCORE] = {FT_SCORE, false},
	[IF_COMMENT] = {FT_LONG, false},
	[IF_SOURCE] = {FT_TEXT, false},
	[IF_DEFECTS] = {FT_DEFECTS, false},
	[IF_CODE] = {FT_TEXT, false},
	[IF_CATEGORY] = {FT_ENUM, false},
	[IF_DEFECT] = {FT_REF, true},
	[IF_RESPONSE] = {FT_REF, true},
	[IF_OPENED_ON] = {FT_DATE, false},
	[IF_RESOLVED_ON] = {FT_DATE, true},
	[IF_REPORTED_ON] = {FT_DATE, true},
	[IF_ROOT_CAUSE] = {FT_LONG, false},
	[IF_REPORTED_BACK] = {FT_LONG, false},
	[IF_KIND] = {FT_ENUM, false},
	[IF_BODY] = {FT_LONG, false},
	[IF_GOOD_TIME] = {FT_ENUM, true},
	[IF_REASON] = {FT_ENUM, true},
	[IF_NEXT_CONTACT_ON] = {FT_DATE, true},
	[IF_TEXT] = {FT_LONG, false},
	[IF_MET_ON] = {FT_DATE, true},
	[IF_ASKED_ON] = {FT_DATE, false},
	[IF_REFERRED_TO] = {FT_TEXT, true},
	[IF_OUTCOME] = {FT_ENUM, false},
	[IF_OUTCOME_ON] = {FT_DATE, true},
	[IF_ACCOUNT_REF] = {FT_REF, true},
	[IF_ACCOUNT_ID] = {FT_REF, true},
	[IF_PLAY] = {FT_TEXT, false},
	[IF_DUE] = {FT_DATE, true},
	[IF_SURVEY_STATUS] = {FT_TEXT, false},
	[IF_FINISHED] = {FT_FLAG, false},
};

#define B(f) IMPORT_BIT(IF_##f)

/* The fields of each kind in our book: every column of its table. */
static const uint64_t book_fields[IMPORT_KIND_COUNT] = {
	[IMPORT_ACCOUNTS] = B(ID) | B(EXTERNAL_REF) | B(NAME) | B(OWNER) | B(SEGMENT) | B(FIT) |
			    B(STATUS) | B(REVENUE) | B(WALLET) | B(CREATED_AT) | B(UPDATED_AT) |
			    B(HOLD_MANUAL) | B(HOLD_REASON) | B(HOLD_ON) | B(HOLD_QUADRANT) |
			    B(WON_ON) | B(LOST_REASON) | B(LOST_TO) | B(WINBACK_PLAN) | B(LOST_ON) |
			    B(WINBACK_DROPPED_ON),
	[IMPORT_CONTACTS] = B(ID) | B(EXTERNAL_REF) | B(ACCOUNT) | B(NAME) | B(TITLE) | B(ROLE) |
			    B(EMAIL) | B(PHONE) | B(UPDATED_AT),
	[IMPORT_RESPONSES] = B(ID) | B(EXTERNAL_REF) | B(ACCOUNT) | B(CONTACT) | B(RESPONDED_ON) |
			     B(SCORE) | B(COMMENT) | B(SOURCE) | B(DEFECTS) | B(UPDATED_AT),
	[IMPORT_DEFECTS] = B(ID) | B(CODE) | B(TITLE) | B(CATEGORY) | B(UPDATED_AT),
	[IMPORT_PROBLEMS] = B(ID) | B(ACCOUNT) | B(DEFECT) | B(RESPONSE) | B(CONTACT) | B(TITLE) |
			    B(CATEGORY) | B(STATUS) | B(OWNER) | B(OPENED_ON) | B(RESOLVED_ON) |
			    B(REPORTED_ON) | B(ROOT_CAUSE) | B(REPORTED_BACK) | B(UPDATED_AT),
	[IMPORT_NOTES] = B(ID) | B(ACCOUNT) | B(CONTACT) | B(RESPONSE) | B(KIND) | B(BODY) |
			 B(GOOD_TIME) | B(REASON) | B(NEXT_CONTACT_ON) | B(CREATED_AT) |
			 B(UPDATED_AT),
	[IMPORT_CONDITIONS] =
		B(ID) | B(ACCOUNT) | B(TEXT) | B(MET_ON) | B(CREATED_AT) | B(UPDATED_AT),
	[IMPORT_REFERRALS] = B(ID) | B(ACCOUNT) | B(CONTACT) | B(ASKED_ON) | B(REFERRED_TO) |
			     B(OUTCOME) | B(OUTCOME_ON) | B(CREATED_AT) | B(UPDATED_AT),
	[IMPORT_PLAYS] = B(ID) | B(ACCOUNT) | B(SOURCE) | B(PLAY) | B(DUE) | B(EXTERNAL_REF) |
			 B(CREATED_AT) | B(UPDATED_AT),
};

/* The fields a map file may give in a csv layout: what the kind's rows
 * carry from another program (the book's own columns, holds and plans,
 * come only from the book). */
static const uint64_t csv_fields[IMPORT_KIND_COUNT] = {
	[IMPORT_ACCOUNTS] = B(ID) | B(EXTERNAL_REF) | B(NAME) | B(OWNER) | B(SEGMENT) | B(FIT) |
			    B(STATUS) | B(REVENUE) | B(WALLET),
	[IMPORT_CONTACTS] = B(ID) | B(EXTERNAL_REF) | B(ACCOUNT) | B(NAME) | B(FIRST_NAME) |
			    B(LAST_NAME) | B(TITLE) | B(ROLE) | B(EMAIL) | B(PHONE),
	[IMPORT_RESPONSES] = B(ID) | B(EXTERNAL_REF) | B(ACCOUNT) | B(CONTACT) | B(RESPONDED_ON) |
			     B(SCORE) | B(COMMENT) | B(SOURCE) | B(DEFECTS),
	/* a CRM's plays: no id of ours (a play is the CRM's, found again by
	 * its external_ref); the account by its ref in the CRM, our id or its
	 * name; kind only to tell the rules' plays of export plays apart */
	[IMPORT_PLAYS] = B(EXTERNAL_REF) | B(ACCOUNT_REF) | B(ACCOUNT_ID) | B(ACCOUNT) | B(PLAY) |
			 B(DUE) | B(SOURCE) | B(KIND),
};

/* The survey fields a layout reads for itself (a map may point them
 * elsewhere too). */
static const uint64_t survey_fields = B(SURVEY_STATUS) | B(FINISHED);

bool import_field_of(enum import_kind k, enum layout l, enum import_field f)
{
	uint64_t set;

	if ((unsigned)k >= IMPORT_KIND_COUNT || (unsigned)f >= IF_COUNT)
		return false;
	set = l == LAYOUT_BOOK ? book_fields[k] : csv_fields[k];
	if (l == LAYOUT_QUALTRICS && k == IMPORT_RESPONSES)
		set |= survey_fields;
	return (set & IMPORT_BIT(f)) != 0;
}

/* ---- the session ------------------------------------------------------ */

struct mapping {
	enum import_field field;
	char *header; /* NULL: no column */
	char *where;  /* "map.yaml:3:5" */
};

struct import {
	enum import_kind kind;
	int layout; /* -1 until the header is read */
	int today;
	int header_rows; /* header rows read so far */
	bool header_done;
	struct mapping *maps;
	size_t nmaps, maps_cap;
	int col[IF_COUNT];     /* the column of each field, or -1 */
	char *label[IF_COUNT]; /* its header, for messages */
	size_t ncols;          /* the header's columns */
	int id_col;            /* Qualtrics: the ResponseId column; SurveyMonkey: Respondent ID */
	int nps_col;           /* Qualtrics, SurveyMonkey: the score's column found by place */
	char **names;          /* the first header row, kept for the later ones */
	size_t nnames;
	struct strbuf buf[IF_COUNT]; /* a field's text when it had to be changed */
	struct strbuf name;          /* a buyer's name made of first and last */
	char day[IF_COUNT][DATE_LEN];
	const char *cell[IF_COUNT]; /* the row's raw values; NULL: not given */
	uint64_t cell_null;         /* the book's nulls */
	char reason[400];
};

struct import *import_new(enum import_kind kind, int layout, int today)
{
	struct import *im = xcalloc(1, sizeof(*im));
	int f;

	im->kind = kind;
	im->layout = layout;
	im->today = today;
	im->id_col = im->nps_col = -1;
	for (f = 0; f < IF_COUNT; f++) {
		im->col[f] = -1;
		strbuf_init(&im->buf[f]);
	}
	strbuf_init(&im->name);
	if (layout == LAYOUT_BOOK)
		im->header_done = true;
	return im;
}

void import_free(struct import *im)
{
	size_t i;
	int f;

	if (!im)
		return;
	for (i = 0; i < im->nmaps; i++) {
		free(im->maps[i].header);
		free(im->maps[i].where);
	}
	free(im->maps);
	for (f = 0; f < IF_COUNT; f++) {
		strbuf_done(&im->buf[f]);
		free(im->label[f]);
	}
	xfree_strings(im->names, im->nnames);
	strbuf_done(&im->name);
	free(im);
}

enum layout import_layout(const struct import *im)
{
	return im->layout < 0 ? LAYOUT_CSV : (enum layout)im->layout;
}

const char *import_reason(const struct import *im)
{
	return im->reason;
}

static enum status usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static enum status usage(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return status_set(STATUS_USAGE, "%s", msg);
}

/* The names of the fields in set, comma-separated. */
static void field_list(char *out, size_t n, uint64_t set)
{
	size_t at = 0;
	int f;

	out[0] = '\0';
	for (f = 0; f < IF_COUNT && at < n; f++)
		if (set & IMPORT_BIT(f))
			at += (size_t)snprintf(out + at, n - at, "%s%s", at ? ", " : "",
					       field_names[f]);
}

enum status import_map(struct import *im, const char *field, const char *header, const char *where)
{
	int f = import_field_from_name(field);
	char list[400];

	/* the fields of our csv, and the survey ones a response file may have */
	if (f < 0 || !(import_field_of(im->kind, LAYOUT_CSV, (enum import_field)f) ||
		       (im->kind == IMPORT_RESPONSES && (IMPORT_BIT(f) & survey_fields)))) {
		field_list(list, sizeof(list), csv_fields[im->kind]);
		return usage("%s: no field \"%.40s\" in %s (the fields are %s)", where, field,
			     kind_names[im->kind], list);
	}
	im->maps = xgrow(im->maps, &im->maps_cap, im->nmaps + 1, sizeof(*im->maps));
	im->maps[im->nmaps].field = (enum import_field)f;
	im->maps[im->nmaps].header = header ? xstrdup(header) : NULL;
	im->maps[im->nmaps].where = xstrdup(where);
	im->nmaps++;
	return STATUS_OK;
}

/* The first column of cells whose header is one of alts ("A|B|C", in
 * order of preference); -1 when none is there. */
static int find_col(const char *const *cells, size_t n, const char *alts)
{
	char one[128];
	const char *p = alts, *bar;
	size_t i, len;

	while (*p) {
		bar = strchr(p, '|');
		len = bar ? (size_t)(bar - p) : strlen(p);
		if (len >= sizeof(one))
			len = sizeof(one) - 1;
		memcpy(one, p, len);
		one[len] = '\0';
		for (i = 0; i < n; i++)
			if (layout_same(cells[i], one))
				return (int)i;
		p += bar ? len + 1 : len;
	}
	return -1;
}

static bool contains_any_case(const char *s, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; *s; s++) {
		for (i = 0; i < n; i++) {
			char a = s[i], b = needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (a != b)
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

/* Recognises the layout of kind from the first header row. */
static enum status recognise(struct import *im, const char *const *cells, size_t n)
{
	static const enum layout order[] = {LAYOUT_QUALTRICS, LAYOUT_SURVEYMONKEY, LAYOUT_HUBSPOT,
					    LAYOUT_SALESFORCE, LAYOUT_CSV};
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(*order); i++)
		if (layout_signed(order[i], im->kind, cells, n)) {
			im->layout = (int)order[i];
			return STATUS_OK;
		}
	if (im->nmaps) {
		/* a map file says where the fields are: our own names for the rest */
		im->layout = LAYOUT_CSV;
		return STATUS_OK;
	}
	if (im->kind == IMPORT_PLAYS)
		return status_set(
			STATUS_BAD_INPUT,
			"the header fits no layout of plays (csv needs a \"play\" column,"
			" or \"Task\", \"Task Title\" or \"Subject\"): give --map with the"
			" columns");
	if (im->kind == IMPORT_RESPONSES)
		return status_set(STATUS_BAD_INPUT,
				  "the header fits no layout of responses (csv needs a \"score\""
				  " column, qualtrics \"ResponseId\", surveymonkey \"Respondent"
				  " ID\"): give --from, or --map with the columns");
	return status_set(STATUS_BAD_INPUT,
			  "the header fits no layout of %s (csv needs a \"name\"%s column, hubspot"
			  " \"Record ID\", salesforce \"%s\"): give --from, or --map with the"
			  " columns",
			  kind_names[im->kind],
			  im->kind == IMPORT_CONTACTS ? " and an \"account\"" : "",
			  im->kind == IMPORT_CONTACTS ? "Contact ID" : "Account Name");
}

static void set_col(struct import *im, enum import_field f, int c, const char *label)
{
	im->col[f] = c;
	free(im->label[f]);
	im->label[f] = label ? xstrdup(label) : NULL;
}

/* Qualtrics: the score is the question NAME whose sibling NAME_NPS_GROUP is
 * a column too. */
static int qualtrics_nps(const char *const *cells, size_t n)
{
	char want[256];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), "%s_NPS_GROUP", cells[i]);
		if (cells[i][0] && strlen(cells[i]) < 200 && find_col(cells, n, want) >= 0)
			return (int)i;
	}
	return -1;
}

/* SurveyMonkey: the score is the question asking how likely they are to
 * recommend. */
static int surveymonkey_nps(const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (contains_any_case(cells[i], "how likely") &&
		    contains_any_case(cells[i], "recommend"))
			return (int)i;
	return -1;
}

/* Maps every field from the first header row: the preset, then the map. */
static enum status map_columns(struct import *im, const char *const *cells, size_t n)
{
	const struct preset *p;
	size_t np, i;
	int c;

	p = layout_preset((enum layout)im->layout, im->kind, &np);
	for (i = 0; i < np; i++)
		if ((c = find_col(cells, n, p[i].headers)) >= 0)
			set_col(im, p[i].field, c, cells[c]);
	if (im->layout == LAYOUT_QUALTRICS && im->col[IF_SCORE] < 0 &&
	    (c = qualtrics_nps(cells, n)) >= 0) {
		set_col(im, IF_SCORE, c, cells[c]);
		im->nps_col = c;
	}
	if (im->layout == LAYOUT_SURVEYMONKEY && (c = surveymonkey_nps(cells, n)) >= 0) {
		set_col(im, IF_SCORE, c, cells[c]);
		im->nps_col = c;
	}
	if (im->layout == LAYOUT_QUALTRICS || im->layout == LAYOUT_SURVEYMONKEY)
		im->id_col = im->col[IF_EXTERNAL_REF];
	for (i = 0; i < im->nmaps; i++) {
		const struct mapping *m = &im->maps[i];

		if (!m->header) {
			set_col(im, m->field, -1, NULL);
			continue;
		}
		if ((c = find_col(cells, n, m->header)) < 0)
			return status_set(STATUS_BAD_INPUT, "%s: no column \"%.80s\" in the header",
					  m->where, m->header);
		set_col(im, m->field, c, cells[c]);
		if (m->field == IF_SCORE)
			im->nps_col = -1; /* the map's, not the one found by place */
	}
	return STATUS_OK;
}

/* The fields a kind cannot do without, checked once the header is read. */
static enum status required(struct import *im)
{
	const char *need = NULL, *what = NULL;

	switch (im->kind) {
	case IMPORT_ACCOUNTS:
		if (im->col[IF_NAME] < 0)
			need = "name", what = "the account's name";
		break;
	case IMPORT_CONTACTS:
		if (im->col[IF_NAME] < 0 && im->col[IF_FIRST_NAME] < 0 && im->col[IF_LAST_NAME] < 0)
			need = "name", what = "the buyer's name";
		else if (im->col[IF_ACCOUNT] < 0)
			need = "account", what = "the buyer's account";
		break;
	case IMPORT_RESPONSES:
		if (im->col[IF_SCORE] < 0)
			need = "score", what = "the score, 0 to 10";
		else if (im->col[IF_RESPONDED_ON] < 0)
			need = "responded_on", what = "the date of the response";
		else if (im->col[IF_ACCOUNT] < 0 && im->col[IF_CONTACT] < 0)
			need = "account", what = "the account, or a contact column for the buyer";
		break;
	case IMPORT_PLAYS:
		if (im->col[IF_PLAY] < 0)
			need = "play", what = "the play";
		else if (im->col[IF_ACCOUNT_REF] < 0 && im->col[IF_ACCOUNT_ID] < 0 &&
			 im->col[IF_ACCOUNT] < 0)
			need = "account", what = "the play's account";
		break;
	default:
		break;
	}
	if (!need)
		return STATUS_OK;
	return status_set(STATUS_BAD_INPUT,
			  "the %s header has no column for %s: give one with --map (columns: {%s:"
			  " \"Header\"})",
			  layout_name((enum layout)im->layout), what, need);
}

/* Qualtrics' second header row holds each column's question, the third its
 * {"ImportId": ...}: the first text answer after the score is the comment. */
static void qualtrics_comment(struct import *im, const char *const *cells, size_t n)
{
	size_t i;

	if (im->col[IF_COMMENT] >= 0 || im->nps_col < 0)
		return;
	for (i = (size_t)im->nps_col + 1; i < n && i < im->nnames; i++) {
		if (contains_any_case(im->names[i], "_nps_group"))
			continue;
		if (contains_any_case(cells[i], "\"importid\"") &&
		    contains_any_case(cells[i], "_text\"")) {
			set_col(im, IF_COMMENT, (int)i, im->names[i]);
			return;
		}
	}
}

/* SurveyMonkey's second header row names each column's kind of answer: the
 * first open-ended answer after the score is the comment. */
static void surveymonkey_comment(struct import *im, const char *const *cells, size_t n)
{
	size_t i;

	if (im->col[IF_COMMENT] >= 0 || im->nps_col < 0)
		return;
	for (i = (size_t)im->nps_col + 1; i < n && i < im->ncols; i++)
		if (layout_same(cells[i], "Open-Ended Response")) {
			set_col(im, IF_COMMENT, (int)i,
				i < im->nnames && im->names[i][0] ? im->names[i] : cells[i]);
			return;
		}
}

static void keep_names(struct import *im, const char *const *cells, size_t n)
{
	size_t i;

	im->names = xcalloc(n ? n : 1, sizeof(char *));
	for (i = 0; i < n; i++)
		im->names[i] = xstrdup(cells[i]);
	im->nnames = n;
}

static bool cell_is(const char *const *cells, size_t n, int c, const char *h)
{
	return c >= 0 && (size_t)c < n && layout_same(cells[c], h);
}

static bool cell_blank(const char *const *cells, size_t n, int c)
{
	return c < 0 || (size_t)c >= n || validate_blank(cells[c]);
}

enum status import_header(struct import *im, const char *const *cells, size_t n,
			  enum import_header_result *res)
{
	enum status st;

	*res = IMPORT_HEADER_DONE;
	if (im->header_done) {
		*res = IMPORT_HEADER_DATA;
		return STATUS_OK;
	}
	if (im->header_rows++ == 0) {
		if (im->layout >= 0 && !layout_has((enum layout)im->layout, im->kind))
			return usage("%s exports no %s", layout_name((enum layout)im->layout),
				     kind_names[im->kind]);
		if (im->layout < 0 && (st = recognise(im, cells, n)) != STATUS_OK)
			return st;
		im->ncols = n;
		keep_names(im, cells, n);
		if ((st = map_columns(im, cells, n)) != STATUS_OK ||
		    (st = required(im)) != STATUS_OK)
			return st;
		if (im->layout == LAYOUT_QUALTRICS || im->layout == LAYOUT_SURVEYMONKEY) {
			*res = IMPORT_HEADER_MORE;
			return STATUS_OK;
		}
		im->header_done = true;
		return STATUS_OK;
	}
	if (im->layout == LAYOUT_QUALTRICS) {
		/* row 2: the questions ("Response ID" over ResponseId); row 3:
		 * {"ImportId":"_recordId"}; a row without them is data */
		if (im->header_rows == 2 && cell_is(cells, n, im->id_col, "Response ID")) {
			*res = IMPORT_HEADER_MORE;
			return STATUS_OK;
		}
		if (im->header_rows == 3 && im->id_col >= 0 && (size_t)im->id_col < n &&
		    contains_any_case(cells[im->id_col], "\"importid\"")) {
			qualtrics_comment(im, cells, n);
			im->header_done = true;
			return STATUS_OK;
		}
	} else if (im->layout == LAYOUT_SURVEYMONKEY && im->header_rows == 2 &&
		   cell_blank(cells, n, im->id_col)) {
		/* row 2: "Response", "Open-Ended Response" under the questions */
		surveymonkey_comment(im, cells, n);
		im->header_done = true;
		return STATUS_OK;
	}
	im->header_done = true;
	*res = IMPORT_HEADER_DATA;
	return STATUS_OK;
}

void import_describe(const struct import *im, char *buf, size_t n)
{
	size_t at = 0;
	int f;

	buf[0] = '\0';
	for (f = 0; f < IF_COUNT && at < n; f++)
		if (im->col[f] >= 0)
			at += (size_t)snprintf(buf + at, n - at, "%s%s <- \"%.60s\"",
					       at ? ", " : "", field_names[f],
					       im->label[f] ? im->label[f] : "");
}

/* ---- converting a row --------------------------------------------------- */

static enum import_row_result bad(struct import *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static enum import_row_result bad(struct import *im, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(im->reason, sizeof(im->reason), fmt, ap);
	va_end(ap);
	return IMPORT_ROW_BAD;
}

/* The field's name as the file has it: its header, or our name. */
static const char *label(const struct import *im, enum import_field f)
{
	return im->label[f] ? im->label[f] : field_names[f];
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* v without white space around it (a copy in the field's buffer when the
 * end moves). */
static const char *trimmed(struct import *im, enum import_field f, const char *v)
{
	size_t n;

	while (is_space(*v))
		v++;
	n = strlen(v);
	if (!n || !is_space(v[n - 1]))
		return v;
	while (n && is_space(v[n - 1]))
		n--;
	strbuf_reset(&im->buf[f]);
	strbuf_add(&im->buf[f], v, n);
	return im->buf[f].buf;
}

/* A name folded for a name table: lower case, spaces and '-' as '_'. */
static void fold_name(char *out, size_t n, const char *v)
{
	size_t i;

	for (i = 0; v[i] && i + 1 < n; i++) {
		char c = v[i];
		out[i] = c >= 'A' && c <= 'Z'     ? (char)(c - 'A' + 'a')
			 : (c == ' ' || c == '-') ? '_'
						  : c;
	}
	out[i] = '\0';
}

/* The name tables of the enum fields, for the kind. */
static int enum_value(enum import_kind k, enum import_field f, const char *v)
{
	char s[64];

	fold_name(s, sizeof(s), v);
	switch (f) {
	case IF_FIT:
		return fit_from_name(s);
	case IF_STATUS:
		return k == IMPORT_PROBLEMS ? problem_status_from_name(s)
					    : acct_status_from_name(s);
	case IF_ROLE:
		return layout_role(v);
	case IF_CATEGORY:
		return problem_category_from_name(s);
	case IF_KIND:
		return k == IMPORT_PLAYS ? play_kind_from_name(s) : note_kind_from_name(s);
	case IF_OUTCOME:
		return referral_outcome_from_name(s);
	case IF_GOOD_TIME:
		return good_time_from_name(s);
	case IF_REASON:
		return reason_from_name(s);
	case IF_HOLD_MANUAL:
		return !strcmp(s, "set") ? 0 : !strcmp(s, "lifted") ? 1 : -1;
	default:
		return -1;
	}
}

static const char *enum_names(enum import_kind k, enum import_field f)
{
	switch (f) {
	case IF_FIT:
		return "good, poor or unknown";
	case IF_STATUS:
		return k == IMPORT_PROBLEMS ? "open, root_cause, fixing, resolved or reported_back"
					    : "active, lost or prospect";
	case IF_ROLE:
		return "decision_maker, influencer, user or other";
	case IF_CATEGORY:
		return "product, price or service";
	case IF_KIND:
		return k == IMPORT_PLAYS
			       ? "upsell, cross_sell, referral_ask, checkin, winback_review or crm"
			       : "precall, call, followup, checkin, referral, winback, general or pitch";
	case IF_OUTCOME:
		return "pending, met, won or lost";
	case IF_GOOD_TIME:
		return "yes, no or unsure";
	case IF_REASON:
		return "vacation, budget_cycle, open_problem, reorganisation or other";
	case IF_HOLD_MANUAL:
		return "set or lifted";
	default:
		return "?";
	}
}

/* HubSpot's roles: "Decision Maker;Budget Holder" takes the first that
 * names a role; anything else is other. */
static int hubspot_role(const char *v)
{
	char one[64];
	const char *p = v;
	int r;

	while (*p) {
		size_t len = strcspn(p, ";,");
		if (len < sizeof(one)) {
			memcpy(one, p, len);
			one[len] = '\0';
			if ((r = layout_role(one)) >= 0)
				return r;
		}
		p += len;
		if (*p)
			p++;
	}
	return ROLE_OTHER;
}

/* Defect codes as "A,B": separated by commas, semicolons or spaces in the
 * file. Returns NULL when a code is malformed (the reason is set). */
static const char *defect_codes(struct import *im, const char *v)
{
	struct strbuf *sb = &im->buf[IF_DEFECTS];
	const char *p = v;

	strbuf_reset(sb);
	while (*p) {
		size_t len = strcspn(p, ",; \t\r\n");
		if (len) {
			char code[64];
			if (len >= sizeof(code) || (memcpy(code, p, len), code[len] = '\0',
						    validate_defect_code(code) != INVALID_OK)) {
				bad(im, "%s: \"%.*s\": %s", label(im, IF_DEFECTS),
				    (int)(len > 40 ? 40 : len), p,
				    invalid_message(INVALID_DEFECT_CODE));
				return NULL;
			}
			if (sb->len)
				strbuf_addc(sb, ',');
			strbuf_add(sb, p, len);
		}
		p += len;
		while (*p && strchr(",; \t\r\n", *p))
			p++;
	}
	return sb->buf;
}

static bool truthy(const char *v)
{
	static const char *const yes[] = {"1", "true", "yes", "y"};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		if (layout_same(v, yes[i]))
			return true;
	return false;
}

/* Converts field f of value v (NULL: the book's null) into r. */
static enum import_row_result convert(struct import *im, enum import_field f, const char *v,
				      struct import_rec *r)
{
	const struct fdef *d = &fdefs[f];
	bool book = im->layout == LAYOUT_BOOK;
	int64_t n;
	int day, score, e;
	enum status st;

	if (v && !utf8_valid(v, strlen(v)))
		return bad(im, "%s is not valid UTF-8 (save the file as UTF-8)", label(im, f));
	if (v && !book && d->type != FT_LONG)
		v = trimmed(im, f, v);
	if (!v || !*v) {
		/* the book's "" is the empty text, as written; else an empty or
		 * null value is NULL where the column may be, the empty text for
		 * text and a tag list, and for the rest not given: the row keeps
		 * what it has (an empty wallet is unknown: NULL) */
		bool text = d->type == FT_TEXT || d->type == FT_LONG || d->type == FT_DEFECTS;
		bool as_written = v && book && (text || d->type == FT_REF);

		if (as_written || d->nullable || text)
			r->has |= IMPORT_BIT(f);
		if (!as_written && d->nullable)
			r->null |= IMPORT_BIT(f);
		r->text[f] = as_written || (!d->nullable && text) ? "" : NULL;
		return IMPORT_ROW_OK;
	}
	r->text[f] = v;
	switch (d->type) {
	case FT_TEXT:
	case FT_LONG:
	case FT_REF:
		break;
	case FT_ID:
		if ((st = parse_int(v, 1, INT64_MAX, &n)) != STATUS_OK)
			return bad(im, "%s \"%.40s\": not an id (a positive whole number)",
				   label(im, f), v);
		r->num[f] = n;
		break;
	case FT_MONEY:
		if ((st = parse_money(v, &n)) != STATUS_OK)
			return bad(im, "%s \"%.40s\": %s", label(im, f), v, status_detail());
		r->num[f] = n;
		break;
	case FT_ENUM:
		e = f == IF_ROLE && im->layout == LAYOUT_HUBSPOT ? hubspot_role(v)
								 : enum_value(im->kind, f, v);
		if (e < 0 && f == IF_ROLE && im->layout == LAYOUT_SALESFORCE)
			e = ROLE_OTHER;
		if (e < 0)
			return bad(im, "%s \"%.40s\": not %s", label(im, f), v,
				   enum_names(im->kind, f));
		r->num[f] = e;
		break;
	case FT_DATE:
		if ((book ? (date_parse(v, &day) ? STATUS_OK : STATUS_BAD_INPUT)
			  : parse_date(v, &day)) != STATUS_OK)
			return bad(im, "%s \"%.40s\": %s", label(im, f), v,
				   book ? "expected a date, YYYY-MM-DD" : status_detail());
		date_format(day, im->day[f]);
		r->text[f] = im->day[f];
		r->num[f] = day;
		break;
	case FT_STAMP:
		if (parse_date(v, &day) != STATUS_OK)
			return bad(im, "%s \"%.40s\": %s", label(im, f), v, status_detail());
		r->num[f] = day;
		break;
	case FT_SCORE:
		if (parse_nps(v, &score) != STATUS_OK)
			return bad(im, "%s \"%.40s\": %s", label(im, f), v, status_detail());
		r->num[f] = score;
		break;
	case FT_DEFECTS:
		if (!(r->text[f] = defect_codes(im, v)))
			return IMPORT_ROW_BAD;
		break;
	case FT_FLAG:
		r->num[f] = truthy(v);
		break;
	}
	r->has |= IMPORT_BIT(f);
	return IMPORT_ROW_OK;
}

/* Our own export neutralises a cell a spreadsheet would run ('=1+1): one
 * apostrophe before =, +, -, @, tab or CR, or before other apostrophes
 * that come before one. It goes again here. */
static const char *unguard(const char *v)
{
	const char *p = v;

	if (*p != '\'')
		return v;
	while (*p == '\'')
		p++;
	if (!*p || !strchr("=+-@\t\r", *p))
		return v;
	return v + 1;
}

/* The checks of a whole record, by the validators every writer uses. */
static enum import_row_result check(struct import *im, struct import_rec *r)
{
	enum invalid v = INVALID_OK;

	switch (r->kind) {
	case IMPORT_ACCOUNTS:
		if (import_has(r, IF_NAME) || import_has(r, IF_REVENUE) || import_has(r, IF_WALLET))
			v = validate_account(import_has(r, IF_NAME) ? r->text[IF_NAME] : "-",
					     import_has(r, IF_REVENUE) ? r->num[IF_REVENUE] : 0,
					     import_value(r, IF_WALLET), r->num[IF_WALLET]);
		break;
	case IMPORT_CONTACTS:
		if (import_has(r, IF_NAME))
			v = validate_contact(r->text[IF_NAME]);
		break;
	case IMPORT_RESPONSES:
		if (!import_has(r, IF_SCORE))
			return bad(im, "%s is empty: a response needs a score",
				   label(im, IF_SCORE));
		if (!import_has(r, IF_RESPONDED_ON))
			return bad(im, "%s is empty: a response needs a date",
				   label(im, IF_RESPONDED_ON));
		v = validate_response((int)r->num[IF_SCORE], (int)r->num[IF_RESPONDED_ON],
				      im->today);
		break;
	case IMPORT_DEFECTS:
		v = validate_defect(import_has(r, IF_CODE) ? r->text[IF_CODE] : NULL,
				    import_has(r, IF_TITLE) ? r->text[IF_TITLE] : NULL);
		break;
	case IMPORT_NOTES: {
		int next =
			import_value(r, IF_NEXT_CONTACT_ON) ? (int)r->num[IF_NEXT_CONTACT_ON] : -1;
		struct note_check n = {
			.body = import_has(r, IF_BODY) ? r->text[IF_BODY] : NULL,
			.good_time = import_value(r, IF_GOOD_TIME) ? (int)r->num[IF_GOOD_TIME] : -1,
			.reason = import_value(r, IF_REASON) ? (int)r->num[IF_REASON] : -1,
			.next = next,
			.kept_next = next, /* a note's date as it was written then */
		};
		v = validate_note(&n, im->today);
		break;
	}
	case IMPORT_CONDITIONS:
		v = validate_condition(import_has(r, IF_TEXT) ? r->text[IF_TEXT] : NULL);
		break;
	case IMPORT_REFERRALS:
		if (!import_has(r, IF_ASKED_ON))
			return bad(im, "a referral needs the day it was asked (asked_on)");
		if (import_value(r, IF_REFERRED_TO) && validate_blank(r->text[IF_REFERRED_TO]))
			return bad(im, "referred_to is blank: ~ when no one was named yet");
		break;
	case IMPORT_PLAYS:
		if (!import_has(r, IF_PLAY) || validate_blank(r->text[IF_PLAY]))
			return bad(im, "%s is empty: a play needs a name", label(im, IF_PLAY));
		if (import_has(r, IF_SOURCE) && utf8_chars(r->text[IF_SOURCE]) > PLAY_SOURCE_MAX)
			return bad(im, "%s \"%.40s...\": a source is at most %d characters",
				   label(im, IF_SOURCE), r->text[IF_SOURCE], PLAY_SOURCE_MAX);
		break;
	default:
		break;
	}
	if (v != INVALID_OK)
		return bad(im, "%s", invalid_message(v));
	return IMPORT_ROW_OK;
}

/* The record from im->cell[] (and im->cell_null for the book). */
static enum import_row_result build(struct import *im, long line, struct import_rec *r)
{
	enum import_row_result res;
	int f;

	memset(r, 0, sizeof(*r));
	r->kind = im->kind;
	r->line = line;
	for (f = 0; f < IF_COUNT; f++) {
		const char *v = im->cell[f];

		if (!v && !(im->cell_null & IMPORT_BIT(f)))
			continue;
		if (v && im->layout == LAYOUT_CSV)
			v = unguard(v);
		if ((res = convert(im, (enum import_field)f, v, r)) != IMPORT_ROW_OK)
			return res;
	}
	/* a buyer's name from first and last */
	if (im->kind == IMPORT_CONTACTS && !import_has(r, IF_NAME) &&
	    (import_has(r, IF_FIRST_NAME) || import_has(r, IF_LAST_NAME))) {
		const char *first = import_has(r, IF_FIRST_NAME) ? r->text[IF_FIRST_NAME] : "";
		const char *last = import_has(r, IF_LAST_NAME) ? r->text[IF_LAST_NAME] : "";

		strbuf_reset(&im->name);
		strbuf_adds(&im->name, first);
		if (*first && *last)
			strbuf_addc(&im->name, ' ');
		strbuf_adds(&im->name, last);
		r->text[IF_NAME] = im->name.buf;
		r->has |= B(NAME);
	}
	/* a survey's responses say where they came from */
	if (im->kind == IMPORT_RESPONSES && !import_has(r, IF_SOURCE) &&
	    (im->layout == LAYOUT_QUALTRICS || im->layout == LAYOUT_SURVEYMONKEY)) {
		r->text[IF_SOURCE] = layout_name((enum layout)im->layout);
		r->has |= B(SOURCE);
	}
	return check(im, r);
}

/* The rows of `acctplan export plays` that are the rules' own plays (an
 * upsell, a check-in...): acctplan works them out from the book each time,
 * so they are skipped, and counted. A CRM's play is kind crm, or a row
 * without a kind whose source is not "rules". */
static bool rules_play(struct import *im)
{
	const char *kind = im->cell[IF_KIND], *source = im->cell[IF_SOURCE];
	char s[64];
	int k;

	if (kind) {
		size_t n;

		kind = unguard(kind);
		while (is_space(*kind))
			kind++;
		fold_name(s, sizeof(s), kind);
		for (n = strlen(s); n && s[n - 1] == '_'; n--)
			s[n - 1] = '\0'; /* spaces after it */
		k = play_kind_from_name(s);
		if (k >= 0 && k != PLAY_CRM) {
			snprintf(im->reason, sizeof(im->reason),
				 "a play of the rules (%s): acctplan works it out from the book",
				 play_kind_name((enum play_kind)k));
			return true;
		}
	}
	if (source && layout_same(source, PLAY_SOURCE_RULES)) {
		snprintf(im->reason, sizeof(im->reason), "%s",
			 "a play of the rules: acctplan works it out from the book");
		return true;
	}
	return false;
}

/* Qualtrics rows that are not responses: previews, spam, and unfinished
 * answers without a score. */
static bool qualtrics_skip(struct import *im)
{
	const char *status = im->cell[IF_SURVEY_STATUS], *done = im->cell[IF_FINISHED];

	if (status &&
	    (contains_any_case(status, "preview") || contains_any_case(status, "spam") ||
	     layout_same(status, "1") || layout_same(status, "8") || layout_same(status, "9") ||
	     layout_same(status, "12") || layout_same(status, "17"))) {
		snprintf(im->reason, sizeof(im->reason), "%s", "a survey preview or spam");
		return true;
	}
	if (done && !truthy(done) && !validate_blank(done) &&
	    (!im->cell[IF_SCORE] || validate_blank(im->cell[IF_SCORE]))) {
		snprintf(im->reason, sizeof(im->reason), "%s", "unfinished, without a score");
		return true;
	}
	return false;
}

enum import_row_result import_row(struct import *im, const char *const *cells, size_t n, long line,
				  struct import_rec *out)
{
	int f;

	memset(out, 0, sizeof(*out));
	out->kind = im->kind;
	out->line = line;
	im->reason[0] = '\0';
	if (n != im->ncols)
		return bad(im, "%zu column%s where the header has %zu", n, n == 1 ? "" : "s",
			   im->ncols);
	for (f = 0; f < IF_COUNT; f++)
		im->cell[f] = im->col[f] >= 0 ? cells[im->col[f]] : NULL;
	im->cell_null = 0;
	/* HubSpot lists a contact's companies ("123;456"): the first is its own */
	if (im->layout == LAYOUT_HUBSPOT && im->cell[IF_ACCOUNT] &&
	    strpbrk(im->cell[IF_ACCOUNT], ";,")) {
		const char *v = im->cell[IF_ACCOUNT];
		strbuf_reset(&im->buf[IF_ACCOUNT]);
		strbuf_add(&im->buf[IF_ACCOUNT], v, strcspn(v, ";,"));
		im->cell[IF_ACCOUNT] = im->buf[IF_ACCOUNT].buf;
	}
	if (im->layout == LAYOUT_QUALTRICS && qualtrics_skip(im))
		return IMPORT_ROW_SKIP;
	if (im->kind == IMPORT_PLAYS && rules_play(im))
		return IMPORT_ROW_SKIP;
	return build(im, line, out);
}

enum import_row_result import_fields(struct import *im, const char *const *names,
				     const char *const *values, size_t n, long line,
				     struct import_rec *out)
{
	size_t i;
	int f;

	memset(out, 0, sizeof(*out));
	out->kind = im->kind;
	out->line = line;
	im->reason[0] = '\0';
	for (f = 0; f < IF_COUNT; f++)
		im->cell[f] = NULL;
	im->cell_null = 0;
	for (i = 0; i < n; i++) {
		f = import_field_from_name(names[i]);
		if (f < 0 || !import_field_of(im->kind, LAYOUT_BOOK, (enum import_field)f))
			return bad(im, "no field \"%.40s\" in %s", names[i], kind_names[im->kind]);
		if (im->cell[f] || (im->cell_null & IMPORT_BIT(f)))
			return bad(im, "%s is given twice", field_names[f]);
		if (values[i])
			im->cell[f] = values[i];
		else
			im->cell_null |= IMPORT_BIT(f);
	}
	return build(im, line, out);
}

/*
 * Other programs' files read into records: which layout a file has (our own
 * columns, a HubSpot, Salesforce, Qualtrics or SurveyMonkey export; a CRM's
 * plays in our columns or under the names a CRM's task export has), which
 * column holds which field, and each row converted and validated into a
 * plain record that src/db/ matches and writes (transfer.h). Pure: no I/O;
 * the caller reads the file (csv.h, or the book's YAML) and hands over one
 * record at a time.
 *
 * A session (struct import) reads one kind of record. Its first record is
 * the header: import_header() recognises the layout from the column names
 * (or takes the one given), maps each field to a column (the layout's
 * preset, then the map file's entries, which add to or override it) and
 * asks for as many more header rows as the layout has (Qualtrics three,
 * SurveyMonkey two). Then import_row() converts each data row:
 *
 *   IMPORT_ROW_OK    the record is in *out (strings borrowed until the next
 *                    call);
 *   IMPORT_ROW_SKIP  a row the layout says is not a record (a Qualtrics
 *                    preview, spam, or an unfinished response without a
 *                    score; a play of the rules in what export plays
 *                    wrote): counted as skipped;
 *   IMPORT_ROW_BAD   import_reason() says why, without the line, which the
 *                    caller adds ("FILE:LINE: reason").
 *
 * Values are read as exports write them (parse.h): money with currency
 * signs and thousands marks, dates as ISO, Qualtrics or SurveyMonkey write
 * them, scores with their labels, roles as HubSpot names them. Every text
 * a record will store must be valid UTF-8. The validators of validate.h
 * judge each record, as they judge what the console and the command line
 * write.
 *
 * Fields are named as our own export names its columns ("name", "wallet",
 * "account"...), so a file exported, edited in a spreadsheet and imported
 * again is read by the csv layout without a map. A field given means the
 * file has a column for it: a matched row changes only the fields given.
 */
#ifndef ACCTPLAN_IMPORT_H
#define ACCTPLAN_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/status.h"

/* What a session reads: the kinds files from other programs hold
 * (accounts, contacts, responses, and the plays a CRM suggests), and the
 * others only our own book file does. */
enum import_kind {
	IMPORT_ACCOUNTS,
	IMPORT_CONTACTS,
	IMPORT_RESPONSES,
	IMPORT_DEFECTS,
	IMPORT_PROBLEMS,
	IMPORT_NOTES,
	IMPORT_CONDITIONS,
	IMPORT_REFERRALS,
	IMPORT_PLAYS,
	IMPORT_KIND_COUNT
};
const char *import_kind_name(enum import_kind k); /* "accounts", ... */
int import_kind_from_name(const char *s);         /* -1 when unknown */

/* The layouts recognised from their headers. */
enum layout {
	LAYOUT_CSV, /* our own columns, as export writes them */
	LAYOUT_HUBSPOT,
	LAYOUT_SALESFORCE,
	LAYOUT_QUALTRICS,
	LAYOUT_SURVEYMONKEY,
	LAYOUT_BOOK, /* our book file (YAML): records by field name, values exact */
	LAYOUT_COUNT
};
const char *layout_name(enum layout l);
int layout_from_name(const char *s); /* -1 when unknown */
/* Whether the layout has a preset for kind (Qualtrics: responses only). */
bool layout_has(enum layout l, enum import_kind k);

/* Every field of every kind, by the name our export gives its column. */
#define IMPORT_FIELD_LIST(_)                        \
	_(ID, "id")                                 \
	_(EXTERNAL_REF, "external_ref")             \
	_(NAME, "name")                             \
	_(FIRST_NAME, "first_name")                 \
	_(LAST_NAME, "last_name")                   \
	_(OWNER, "owner")                           \
	_(SEGMENT, "segment")                       \
	_(FIT, "fit")                               \
	_(STATUS, "status")                         \
	_(REVENUE, "revenue")                       \
	_(WALLET, "wallet")                         \
	_(CREATED_AT, "created_at")                 \
	_(UPDATED_AT, "updated_at")                 \
	_(HOLD_MANUAL, "hold_manual")               \
	_(HOLD_REASON, "hold_reason")               \
	_(HOLD_ON, "hold_on")                       \
	_(HOLD_QUADRANT, "hold_quadrant")           \
	_(WON_ON, "won_on")                         \
	_(LOST_REASON, "lost_reason")               \
	_(LOST_TO, "lost_to")                       \
	_(WINBACK_PLAN, "winback_plan")             \
	_(LOST_ON, "lost_on")                       \
	_(WINBACK_DROPPED_ON, "winback_dropped_on") \
	_(ACCOUNT, "account")                       \
	_(CONTACT, "contact")                       \
	_(TITLE, "title")                           \
	_(ROLE, "role")                             \
	_(EMAIL, "email")                           \
	_(PHONE, "phone")                           \
	_(RESPONDED_ON, "responded_on")             \
	_(SCORE, "score")                           \
	_(COMMENT, "comment")                       \
	_(SOURCE, "source")                         \
	_(DEFECTS, "defects")                       \
	_(CODE, "code")                             \
	_(CATEGORY, "category")                     \
	_(DEFECT, "defect")                         \
	_(RESPONSE, "response")                     \
	_(OPENED_ON, "opened_on")                   \
	_(RESOLVED_ON, "resolved_on")               \
	_(REPORTED_ON, "reported_on")               \
	_(ROOT_CAUSE, "root_cause")                 \
	_(REPORTED_BACK, "reported_back")           \
	_(KIND, "kind")                             \
	_(BODY, "body")                             \
	_(GOOD_TIME, "good_time")                   \
	_(REASON, "reason")                         \
	_(NEXT_CONTACT_ON, "next_contact_on")       \
	_(TEXT, "text")                             \
	_(MET_ON, "met_on")                         \
	_(ASKED_ON, "asked_on")                     \
	_(REFERRED_TO, "referred_to")               \
	_(OUTCOME, "outcome")                       \
	_(OUTCOME_ON, "outcome_on")                 \
	_(ACCOUNT_REF, "account_ref")               \
	_(ACCOUNT_ID, "account_id")                 \
	_(PLAY, "play")                             \
	_(DUE, "due")                               \
	_(SURVEY_STATUS, "survey_status")           \
	_(FINISHED, "finished")

enum import_field {
#define IMPORT_FIELD_ENUM(id, name) IF_##id,
	IMPORT_FIELD_LIST(IMPORT_FIELD_ENUM)
#undef IMPORT_FIELD_ENUM
		IF_COUNT
};
_Static_assert(IF_COUNT <= 64, "a record's fields fit a 64-bit mask");

const char *import_field_name(enum import_field f);
int import_field_from_name(const char *s); /* -1 when unknown */
/* Whether kind has field f in layout l (the book has every field of its
 * tables; the other layouts only those a person may map). */
bool import_field_of(enum import_kind k, enum layout l, enum import_field f);

#define IMPORT_BIT(f) ((uint64_t)1 << (f))

/*
 * One converted row. A field is given when its bit is in has; a given field
 * is NULL (SQL NULL: an unknown wallet, a buyer without an email) when its
 * bit is also in null. Text lives in text[], numbers in num[]:
 *   text: every text field, references (account, account_ref, account_id,
 *         contact, defect, response: an external_ref, an id or a name, as
 *         the file wrote it), dates as "YYYY-MM-DD", created_at as written
 *   num:  id, revenue, wallet, score, day numbers of dates, and the enums
 *         (fit, status, role, category, kind: a note's or a play's,
 *         good_time, reason, outcome)
 * Strings are borrowed until the next import_row().
 */
struct import_rec {
	enum import_kind kind;
	long line; /* where the row starts in its file */
	uint64_t has, null;
	const char *text[IF_COUNT];
	int64_t num[IF_COUNT];
};

static inline bool import_has(const struct import_rec *r, enum import_field f)
{
	return (r->has & IMPORT_BIT(f)) != 0;
}
static inline bool import_null(const struct import_rec *r, enum import_field f)
{
	return (r->null & IMPORT_BIT(f)) != 0;
}
/* A given, non-NULL field. */
static inline bool import_value(const struct import_rec *r, enum import_field f)
{
	return import_has(r, f) && !import_null(r, f);
}

struct import;

/* A session reading kind in layout (-1: recognise it from the header).
 * today bounds the dates of responses (validate_response()). */
struct import *import_new(enum import_kind kind, int layout, int today);
void import_free(struct import *im);

/* A map file's entry: field takes the column whose header is header (any
 * case, white space around ignored), or with header NULL no column at all.
 * where ("map.yaml:3:5") goes into the messages about it. STATUS_USAGE
 * when the field is not one of the kind's. Before import_header(). */
enum status import_map(struct import *im, const char *field, const char *header, const char *where);

enum import_header_result {
	IMPORT_HEADER_DONE, /* the header is complete: data rows follow */
	IMPORT_HEADER_MORE, /* hand the next record to import_header() too */
	IMPORT_HEADER_DATA, /* this record is not a header row: hand it to import_row() */
};
/* Reads a header row. STATUS_BAD_INPUT with a reason when the columns fit
 * no layout of the kind, a required field has no column, or a map file's
 * header is not in the file. */
enum status import_header(struct import *im, const char *const *cells, size_t n,
			  enum import_header_result *res);
/* The layout recognised or given (after the first import_header()). */
enum layout import_layout(const struct import *im);
/* Appends "field <- \"Header\"" for each mapped field, comma-separated,
 * into buf (n bytes), for a dry run's report. */
void import_describe(const struct import *im, char *buf, size_t n);

enum import_row_result { IMPORT_ROW_OK, IMPORT_ROW_SKIP, IMPORT_ROW_BAD };
/* Converts a data row of n cells, starting on line. */
enum import_row_result import_row(struct import *im, const char *const *cells, size_t n, long line,
				  struct import_rec *out);
/* A record of our book file: n fields by name, each value NULL for null.
 * Unknown names are bad rows (the book is our own format). */
enum import_row_result import_fields(struct import *im, const char *const *names,
				     const char *const *values, size_t n, long line,
				     struct import_rec *out);
/* Why the last row was bad (or skipped), without its line. Borrowed. */
const char *import_reason(const struct import *im);

#endif

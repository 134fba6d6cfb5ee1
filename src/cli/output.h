/*
 * Tables for the command line in four formats, written as they come so
 * memory stays flat whatever the book's size: csv and json row by row;
 * text and md hold their first TABLE_HELD rows to set the column widths,
 * then stream the rest at those widths (a later, longer cell only pushes
 * its row's next cells along).
 * Every string cell is untrusted: text and md sanitise it (no control
 * character reaches the terminal), csv quotes it and neutralises cells a
 * spreadsheet would run as a formula, json escapes it.
 */
#ifndef ACCTPLAN_CLI_OUTPUT_H
#define ACCTPLAN_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "acctplan/strbuf.h"

enum format { FMT_TEXT, FMT_MD, FMT_CSV, FMT_JSON, FMT_YAML };

/* The --format names, indexed by enum format, NULL-terminated. */
extern const char *const format_names[];
/* -1 for an unknown name. */
int format_from_name(const char *s);

struct column {
	const char *key;   /* json key and csv header */
	const char *title; /* text and md header; NULL: csv and json only (ids are for scripts) */
	bool right;        /* right-aligned in text */
	int max;           /* widest a text cell may be (0: no limit) */
};
/* The key of the short-id column (table_short()), which json leaves out:
 * json has the whole id. */
extern const char table_short_key[];

#define TABLE_HELD 500 /* text and md rows held to size the columns */

struct table {
	FILE *out;
	enum format fmt;
	const struct column *cols; /* the columns shown: text and md leave out untitled ones */
	int ncols;
	int col;                  /* next cell of the current row */
	const struct column *all; /* every column, as the caller gives cells */
	int nall, at;             /* how many; the next cell's column among them */
	struct column *shown;     /* text and md: cols, when some are left out */
	long rows;
	/* text and md: cells kept as sanitised strings */
	char **cells;
	size_t ncells, cells_cap;
	int *width;
	struct strbuf line; /* csv/json: the row being built */
	bool nested;        /* json: inside an object written by the caller */
	bool tty;           /* out is a terminal: text cells are cut to their max */
	bool streaming;     /* text and md: the held rows are out; each row goes as it ends */
};

void table_begin(struct table *t, FILE *out, enum format fmt, const struct column *cols, int ncols);
void table_str(struct table *t, const char *s); /* NULL: null */
void table_int(struct table *t, int64_t v);
/* A stored code ("decision_maker", "root_cause"): as it is in csv and json,
 * in words ("decision maker") in text and md. NULL: null. */
void table_code(struct table *t, const char *code);
/* An id: a string in JSON (a 63-bit id is not a safe JSON number); 0 is null. */
void table_id(struct table *t, int64_t id);
/* The short form of an id (history.h), for the column table_short_key: what
 * text, md and csv show and a person types back; json leaves it out (its
 * "id" is whole). NULL: null. */
void table_short(struct table *t, const char *shown);
void table_num(struct table *t, double v, int decimals);
void table_null(struct table *t);
void table_bool(struct table *t, bool v);
void table_row_end(struct table *t);
void table_end(struct table *t);

/* A JSON document written as it goes, for outputs that are not one table
 * (the brief, the standup): containers nest, commas are placed for you.
 * Every string is escaped (json_string()); ids are strings. The text is
 * built in sb and handed to out in large pieces: nothing else may write
 * to out between json_init() and json_done(), which writes the rest. */
#define JSON_DEPTH 16
struct json {
	FILE *out;
	struct strbuf sb;
	int depth;
	int count[JSON_DEPTH]; /* values written in each open container */
	bool after_key;
};
void json_init(struct json *j, FILE *out);
void json_done(struct json *j); /* ends the line */
void json_object(struct json *j);
void json_array(struct json *j);
void json_end(struct json *j, char c); /* '}' or ']' */
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s); /* NULL: null */
void json_int(struct json *j, int64_t v);
void json_num(struct json *j, double v, int decimals);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
void json_id(struct json *j, int64_t id); /* "123", or null for 0 */
void json_day(struct json *j, int day);   /* "YYYY-MM-DD", or null for -1 */
/* A key and its value in one call: json_key() then the value's writer. */
void json_key_str(struct json *j, const char *key, const char *s);
void json_key_int(struct json *j, const char *key, int64_t v);
void json_key_bool(struct json *j, const char *key, bool v);
void json_key_id(struct json *j, const char *key, int64_t id);
void json_key_day(struct json *j, const char *key, int day);

/* json string literal of s (escaped, invalid UTF-8 replaced). */
void json_string(struct strbuf *sb, const char *s);
/* csv cell of s: quoted when needed; formula-like cells get a leading ',
 * and so do cells of apostrophes before one ("'=1" becomes "''=1"), so an
 * import can take exactly one away again. */
void csv_cell(struct strbuf *sb, const char *s);
/* Appends a sanitised single line of s (text/md output). */
void text_line(struct strbuf *sb, const char *s);

#endif

/*
 * Tables for the command line in four formats. text and md are aligned, so
 * their rows are kept until table_end(); csv and json stream row by row.
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

enum format { FMT_TEXT, FMT_MD, FMT_CSV, FMT_JSON };

/* -1 for an unknown name. */
int format_from_name(const char *s);

struct column {
	const char *key;   /* json key and csv header */
	const char *title; /* text and md header */
	bool right;        /* right-aligned in text */
	int max;           /* widest a text cell may be (0: no limit) */
};

struct table {
	FILE *out;
	enum format fmt;
	const struct column *cols;
	int ncols;
	int col; /* next cell of the current row */
	long rows;
	/* text and md: cells kept as sanitised strings */
	char **cells;
	size_t ncells, cells_cap;
	int *width;
	struct strbuf line; /* csv/json: the row being built */
	bool nested;        /* json: inside an object written by the caller */
};

void table_begin(struct table *t, FILE *out, enum format fmt, const struct column *cols, int ncols);
void table_str(struct table *t, const char *s); /* NULL: null */
void table_int(struct table *t, int64_t v);
void table_num(struct table *t, double v, int decimals);
void table_null(struct table *t);
void table_bool(struct table *t, bool v);
void table_row_end(struct table *t);
void table_end(struct table *t);

/* json string literal of s (escaped, invalid UTF-8 replaced). */
void json_string(struct strbuf *sb, const char *s);
/* csv cell of s: quoted when needed; formula-like cells get a leading '. */
void csv_cell(struct strbuf *sb, const char *s);
/* Appends a sanitised single line of s (text/md output). */
void text_line(struct strbuf *sb, const char *s);

#endif

/*
 * A streaming CSV reader for imports. It reads a file descriptor, a FILE *
 * or a memory buffer in large blocks and hands back one record at a time:
 * its fields as NUL-terminated copies in the reader's own buffer (borrowed
 * until the next csv_next()), and the physical lines it starts and ends on.
 *
 * The grammar is RFC 4180 plus what real exports do:
 * - UTF-8 with or without a byte order mark (dropped; csv_bom() says whether
 *   there was one). A UTF-16 byte order mark is refused, not guessed at.
 * - Lines end in LF, CRLF or a lone CR. A line end inside a quoted field is
 *   kept as written.
 * - The separator is ',', ';' or TAB, given or sniffed from the first record:
 *   the one that occurs most there outside quotes; ties go to ',' then ';'.
 * - A field is quoted when its first byte is '"'; inside, "" is one quote and
 *   separators and line ends are text. A quote later in an unquoted field
 *   (ab"c) is text, as spreadsheets read it.
 * - Blank lines are skipped; a line holding only "" is a record of one empty
 *   field. A final line end is optional. No field is trimmed.
 *
 * Line numbers are 1-based and physical: every LF, CRLF or lone CR counts
 * once, inside quoted fields too, and blank lines count though they yield no
 * record, so a line number always points into the file as an editor shows it.
 *
 * Problems are reported, never guessed around. A record with a recoverable
 * problem (text after a closing quote, a NUL byte, a field, record or field
 * count over its limit) is read to its end by the usual rules and returned as
 * CSV_BAD with the problem's line; the next call goes on with the record after
 * it, so an importer can name every bad row. A quote that is never closed
 * swallows the rest of the input: that, a UTF-16 file and a read error are
 * CSV_FATAL, and the reader stops there. Every problem also goes through
 * status_set() as "line N: reason"; no message quotes the input's bytes.
 *
 * Invariants: a returned field never contains a NUL byte, so strlen(f.s) ==
 * f.len; a record has at least one field; records come in file order and
 * each starts after the line the previous one ended on.
 */
#ifndef ACCTPLAN_CSV_H
#define ACCTPLAN_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CSV_BLOCK ((size_t)64 * 1024)             /* bytes read at a time */
#define CSV_MAX_FIELD ((size_t)1024 * 1024)       /* longest field, in bytes */
#define CSV_MAX_FIELDS ((size_t)100000)           /* most fields in a record */
#define CSV_MAX_RECORD ((size_t)16 * 1024 * 1024) /* longest record, its fields together */

/* Settings; a zero member takes the default. */
struct csv_options {
	char sep;          /* ',', ';', '\t' (or another byte but '"', CR, LF); 0 sniffs */
	size_t block;      /* bytes per read: CSV_BLOCK (tests use tiny blocks) */
	size_t max_field;  /* CSV_MAX_FIELD */
	size_t max_fields; /* CSV_MAX_FIELDS */
	size_t max_record; /* CSV_MAX_RECORD */
};

struct csv_field {
	const char *s; /* NUL-terminated; borrowed until the next csv_next() */
	size_t len;    /* bytes before the NUL */
};

enum csv_problem {
	CSV_FINE,            /* no problem */
	CSV_AFTER_QUOTE,     /* "abc"x: text after a closing quote */
	CSV_NUL_BYTE,        /* a NUL byte */
	CSV_FIELD_TOO_LONG,  /* a field over max_field bytes */
	CSV_RECORD_TOO_LONG, /* a record over max_record bytes */
	CSV_TOO_MANY_FIELDS, /* a record over max_fields fields */
	CSV_UNCLOSED_QUOTE,  /* fatal: a quote runs to the end of the input */
	CSV_UTF16,           /* fatal: a UTF-16 byte order mark */
	CSV_READ_ERROR,      /* fatal: the source failed */
};

/* What csv_next() fills in. */
struct csv_record {
	const struct csv_field *fields; /* nfields; borrowed until the next csv_next() */
	size_t nfields;                 /* at least 1 for CSV_RECORD, 0 otherwise */
	long line;                      /* physical line the record starts on */
	long line_end;                  /* it ends on (CSV_FATAL: where reading stopped) */
	enum csv_problem problem;       /* CSV_BAD and CSV_FATAL: what is wrong */
	long problem_line;              /* where; for an unclosed quote, where it opened */
};

enum csv_next {
	CSV_RECORD, /* the next record is in *rec */
	CSV_END,    /* no more records; later calls return CSV_END again */
	CSV_BAD,    /* *rec names a bad record, now skipped; call again for the next */
	CSV_FATAL,  /* cannot go on; later calls return the same CSV_FATAL again */
};

struct csv_reader;

/* A reader of fd from its current offset; it does not close fd. */
struct csv_reader *csv_open_fd(int fd, const struct csv_options *opt);
/* A reader of f from its current position; it does not close f. */
struct csv_reader *csv_open_file(FILE *f, const struct csv_options *opt);
/* A reader of size bytes at data, which must outlive it. */
struct csv_reader *csv_open_mem(const void *data, size_t size, const struct csv_options *opt);
void csv_free(struct csv_reader *r);

/* Reads the next record. CSV_BAD and CSV_FATAL also call status_set()
 * (STATUS_BAD_INPUT, or STATUS_IO for a read error) with "line N: reason". */
enum csv_next csv_next(struct csv_reader *r, struct csv_record *rec);

/* The separator in use: the given one, else the sniffed one once csv_next()
 * has been called. */
char csv_sep(const struct csv_reader *r);
/* Whether the input began with a UTF-8 byte order mark (after csv_next()). */
bool csv_bom(const struct csv_reader *r);
/* Bytes of the input consumed so far, the byte order mark included. */
long long csv_offset(const struct csv_reader *r);
/* Bytes the input holds from where reading began, or -1 when that is not
 * known (a pipe). For a progress bar: csv_offset() / csv_size(). */
long long csv_size(const struct csv_reader *r);

#endif

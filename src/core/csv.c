/*
 * The reader is a resumable state machine over one input block at a time:
 * every state survives a block boundary, so a CRLF or a "" split between two
 * reads is read the same as in one. Within a state, runs of ordinary bytes
 * are found with a table lookup loop and copied with one memcpy; the record
 * being built is one buffer of NUL-terminated fields, reused for every record.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/csv.h"
#include "acctplan/status.h"
#include "acctplan/xalloc.h"

#define SNIFF_MAX ((size_t)1024 * 1024) /* the separator is sniffed from at most this */

enum source { SRC_FD, SRC_FILE, SRC_MEM };

enum state {
	ST_LINE,      /* at the start of a line, outside any record */
	ST_LINE_CR,   /* a line ended in CR: an LF next belongs to it */
	ST_FIELD,     /* at the start of a field */
	ST_PLAIN,     /* in an unquoted field */
	ST_QUOTED,    /* in a quoted field */
	ST_QUOTED_CR, /* in a quoted field, just after a CR */
	ST_QUOTE,     /* in a quoted field, just after a quote: "" or the end */
	ST_DONE,      /* the input is over */
};

/* Where the sniffer is in the first record. */
struct sniff {
	size_t at;       /* next byte to look at, in in[] */
	int quote;       /* 0 outside quotes, 1 inside, 2 just after a quote inside */
	bool started;    /* past the blank lines before the first record */
	bool field;      /* at the start of a field */
	size_t count[3]; /* ',', ';', '\t' outside quotes */
};

struct csv_reader {
	enum source src;
	int fd;
	FILE *file;
	const unsigned char *mem;
	size_t mem_size, mem_at;

	unsigned char *in;  /* the bytes read and not yet dropped */
	size_t in_cap;      /* allocated */
	size_t pos, len;    /* next byte to parse; bytes held */
	size_t block;       /* bytes per read */
	long long base;     /* input offset of in[0] */
	long long size;     /* csv_size() */
	bool eof;           /* the source has no more bytes */
	bool started;       /* the byte order mark and separator are settled */
	bool bom;           /* csv_bom() */
	char sep;           /* csv_sep(); 0 until sniffed */
	struct sniff sniff; /* while sniffing */

	size_t max_field, max_fields, max_record;
	unsigned char stop_plain[256];  /* bytes that end a run in an unquoted field */
	unsigned char stop_quoted[256]; /* and in a quoted one */

	enum state state;
	long line;       /* the physical line pos is on */
	long rec_line;   /* where the record being read starts */
	long quote_line; /* where the open quote of the current field is */

	char *buf;                /* the record's fields, each NUL-terminated */
	size_t buf_len, buf_cap;  /* bytes used; allocated */
	size_t field_at;          /* offset of the current field in buf */
	struct csv_field *fields; /* the record's fields; s set when returned */
	size_t nfields, fields_cap;
	enum csv_problem problem; /* the record's first problem */
	long problem_line;

	bool fatal; /* stopped: csv_next() repeats fatal_rec */
	struct csv_record fatal_rec;
	int read_errno; /* the errno of a read error */
};

static struct csv_reader *reader_new(enum source src, const struct csv_options *opt)
{
	static const struct csv_options none;
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	if (!opt)
		opt = &none;
	assert(opt->sep != '"' && opt->sep != '\n' && opt->sep != '\r');
	r->src = src;
	r->fd = -1;
	r->sep = opt->sep;
	r->block = opt->block ? opt->block : CSV_BLOCK;
	r->max_field = opt->max_field ? opt->max_field : CSV_MAX_FIELD;
	r->max_fields = opt->max_fields ? opt->max_fields : CSV_MAX_FIELDS;
	r->max_record = opt->max_record ? opt->max_record : CSV_MAX_RECORD;
	r->in_cap = r->block;
	r->in = xmalloc(r->in_cap);
	r->buf_cap = 4096;
	r->buf = xmalloc(r->buf_cap);
	r->fields_cap = 64;
	r->fields = xmalloc(r->fields_cap * sizeof(*r->fields));
	r->size = -1;
	r->line = 1;
	r->state = ST_LINE;
	return r;
}

/* The size of what is left of a regular file from offset at (-1: unknown). */
static long long size_from(int fd, long long at)
{
	struct stat st;

	if (fd < 0 || at < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < at)
		return -1;
	return (long long)st.st_size - at;
}

struct csv_reader *csv_open_fd(int fd, const struct csv_options *opt)
{
	struct csv_reader *r = reader_new(SRC_FD, opt);

	r->fd = fd;
	r->size = size_from(fd, (long long)lseek(fd, 0, SEEK_CUR));
	return r;
}

struct csv_reader *csv_open_file(FILE *f, const struct csv_options *opt)
{
	struct csv_reader *r = reader_new(SRC_FILE, opt);

	r->file = f;
	r->size = size_from(fileno(f), (long long)ftello(f));
	return r;
}

struct csv_reader *csv_open_mem(const void *data, size_t size, const struct csv_options *opt)
{
	struct csv_reader *r = reader_new(SRC_MEM, opt);

	r->mem = data;
	r->mem_size = size;
	r->size = (long long)size;
	return r;
}

void csv_free(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->in);
	free(r->buf);
	free(r->fields);
	free(r);
}

char csv_sep(const struct csv_reader *r)
{
	return r->sep;
}

bool csv_bom(const struct csv_reader *r)
{
	return r->bom;
}

long long csv_offset(const struct csv_reader *r)
{
	return r->base + (long long)r->pos;
}

long long csv_size(const struct csv_reader *r)
{
	return r->size;
}

/* Reads up to one block into in[len..]. Returns the bytes read, 0 at the end
 * of the input, -1 on a read error (read_errno says which). */
static long read_more(struct csv_reader *r)
{
	unsigned char *to;
	size_t n;
	ssize_t got;

	r->in = xgrow(r->in, &r->in_cap, r->len + r->block, 1);
	to = r->in + r->len;
	switch (r->src) {
	case SRC_MEM:
		n = r->mem_size - r->mem_at;
		if (n > r->block)
			n = r->block;
		memcpy(to, r->mem + r->mem_at, n);
		r->mem_at += n;
		break;
	case SRC_FILE:
		n = fread(to, 1, r->block, r->file);
		if (n == 0 && ferror(r->file)) {
			r->read_errno = errno ? errno : EIO;
			return -1;
		}
		break;
	default:
		do
			got = read(r->fd, to, r->block);
		while (got < 0 && errno == EINTR);
		if (got < 0) {
			r->read_errno = errno;
			return -1;
		}
		n = (size_t)got;
		break;
	}
	if (n == 0)
		r->eof = true;
	r->len += n;
	return (long)n;
}

/* Drops the parsed bytes and reads the next block. */
static long refill(struct csv_reader *r)
{
	r->base += (long long)r->len;
	r->pos = r->len = 0;
	return read_more(r);
}

/* Looks at in[sniff.at..len] for the end of the first record, counting the
 * candidate separators outside quotes. True once the record has ended. A
 * quote opens only at the start of a field, as in the reader proper. */
static bool sniff_scan(struct csv_reader *r)
{
	struct sniff *s = &r->sniff;

	for (; s->at < r->len; s->at++) {
		unsigned char c = r->in[s->at];

		if (!s->started) {
			if (c == '\n' || c == '\r')
				continue;
			s->started = true;
			s->field = true;
		}
		if (s->quote == 1) {
			if (c == '"')
				s->quote = 2;
			continue;
		}
		if (s->quote == 2) {
			s->quote = c == '"';
			if (c == '"')
				continue;
		}
		if (c == '\n' || c == '\r')
			return true;
		if (c == '"' && s->field) {
			s->quote = 1;
			s->field = false;
			continue;
		}
		s->field = c == ',' || c == ';' || c == '\t';
		s->count[0] += c == ',';
		s->count[1] += c == ';';
		s->count[2] += c == '\t';
	}
	return false;
}

/* Stops the reader on a fatal problem found on line. */
static void fail(struct csv_reader *r, enum csv_problem problem, long line)
{
	bool in_record = r->state != ST_LINE && r->state != ST_LINE_CR && r->state != ST_DONE;

	memset(&r->fatal_rec, 0, sizeof(r->fatal_rec));
	r->fatal_rec.line = in_record ? r->rec_line : line;
	r->fatal_rec.line_end = r->line;
	r->fatal_rec.problem = problem;
	r->fatal_rec.problem_line = line;
	if (!r->sep)
		r->sep = ','; /* stopped before the sniffing: csv_sep() is still one */
	r->fatal = true;
	r->state = ST_DONE;
}

/* Settles the byte order mark and the separator, reading as much as that
 * takes. */
static void start(struct csv_reader *r)
{
	const unsigned char *b;
	int i;

	r->started = true;
	while (!r->eof && r->len < 3) {
		if (read_more(r) < 0) {
			fail(r, CSV_READ_ERROR, 1);
			return;
		}
	}
	b = r->in;
	if (r->len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		r->bom = true;
		r->pos = 3;
	} else if (r->len >= 2 &&
		   ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		fail(r, CSV_UTF16, 1);
		return;
	}
	if (!r->sep) {
		r->sniff.at = r->pos;
		while (!sniff_scan(r) && !r->eof && r->len - r->pos < SNIFF_MAX) {
			if (read_more(r) < 0) {
				fail(r, CSV_READ_ERROR, 1);
				return;
			}
		}
		r->sep = ',';
		if (r->sniff.count[1] > r->sniff.count[0])
			r->sep = ';';
		if (r->sniff.count[2] > r->sniff.count[0] && r->sniff.count[2] > r->sniff.count[1])
			r->sep = '\t';
	}
	for (i = 0; i < 2; i++) {
		unsigned char *t = i ? r->stop_quoted : r->stop_plain;
		t['\n'] = t['\r'] = t['\0'] = 1;
	}
	r->stop_plain[(unsigned char)r->sep] = 1;
	r->stop_quoted['"'] = 1;
}

/* Notes the record's first problem; from then on its bytes are dropped. */
static void note(struct csv_reader *r, enum csv_problem problem)
{
	if (r->problem)
		return;
	r->problem = problem;
	r->problem_line = r->line;
}

/* Adds n bytes to the current field. */
static void add(struct csv_reader *r, const void *s, size_t n)
{
	size_t field_room, record_room;

	if (r->problem || n == 0)
		return;
	field_room = r->max_field - (r->buf_len - r->field_at);
	record_room = r->max_record > r->buf_len ? r->max_record - r->buf_len : 0;
	if (n > field_room || n > record_room) {
		/* the limit crossed first, whatever the size of the run */
		note(r, field_room <= record_room ? CSV_FIELD_TOO_LONG : CSV_RECORD_TOO_LONG);
		return;
	}
	if (r->buf_len + n >= r->buf_cap)
		r->buf = xgrow(r->buf, &r->buf_cap, r->buf_len + n + 1, 1);
	memcpy(r->buf + r->buf_len, s, n);
	r->buf_len += n;
}

static void end_field(struct csv_reader *r)
{
	if (r->problem)
		return;
	if (r->nfields == r->max_fields) {
		note(r, CSV_TOO_MANY_FIELDS);
		return;
	}
	if (r->nfields == r->fields_cap)
		r->fields = xgrow(r->fields, &r->fields_cap, r->nfields + 1, sizeof(*r->fields));
	if (r->buf_len + 1 > r->buf_cap)
		r->buf = xgrow(r->buf, &r->buf_cap, r->buf_len + 1, 1);
	r->fields[r->nfields++].len = r->buf_len - r->field_at;
	r->buf[r->buf_len++] = '\0';
	r->field_at = r->buf_len;
}

/* status_set() for the problem in rec; returns ret, what csv_next() returns. */
static enum csv_next report(const struct csv_reader *r, const struct csv_record *rec,
			    enum csv_next ret)
{
	long l = rec->problem_line;

	switch (rec->problem) {
	case CSV_AFTER_QUOTE:
		status_set(STATUS_BAD_INPUT,
			   "line %ld: text after a closing quote (in a quoted field, a quote is "
			   "written \"\")",
			   l);
		break;
	case CSV_NUL_BYTE:
		status_set(STATUS_BAD_INPUT, "line %ld: a NUL byte (is this a text file?)", l);
		break;
	case CSV_FIELD_TOO_LONG:
		status_set(STATUS_BAD_INPUT, "line %ld: a field longer than %zu bytes", l,
			   r->max_field);
		break;
	case CSV_RECORD_TOO_LONG:
		status_set(STATUS_BAD_INPUT, "line %ld: a record longer than %zu bytes", l,
			   r->max_record);
		break;
	case CSV_TOO_MANY_FIELDS:
		status_set(STATUS_BAD_INPUT, "line %ld: a record of more than %zu fields", l,
			   r->max_fields);
		break;
	case CSV_UNCLOSED_QUOTE:
		status_set(STATUS_BAD_INPUT,
			   "line %ld: a quote opened on this line is never closed", l);
		break;
	case CSV_UTF16:
		status_set(STATUS_BAD_INPUT, "line %ld: the file is UTF-16; save it as UTF-8", l);
		break;
	case CSV_READ_ERROR:
		status_set(STATUS_IO, "line %ld: read error: %s", l, strerror(r->read_errno));
		break;
	default:
		break;
	}
	return ret;
}

/* Ends the record being read, on its last line end or at the end of the
 * input, and hands it back. */
static enum csv_next end_record(struct csv_reader *r, struct csv_record *rec)
{
	size_t i, at = 0;

	end_field(r);
	rec->line = r->rec_line;
	rec->line_end = r->line;
	rec->problem = r->problem;
	rec->problem_line = r->problem ? r->problem_line : 0;
	if (r->problem) {
		rec->fields = NULL;
		rec->nfields = 0;
		return report(r, rec, CSV_BAD);
	}
	for (i = 0; i < r->nfields; i++) {
		r->fields[i].s = r->buf + at;
		at += r->fields[i].len + 1;
	}
	rec->fields = r->fields;
	rec->nfields = r->nfields;
	return CSV_RECORD;
}

/* Ends the record at the line end at pos (CR or LF), which it consumes. */
static enum csv_next end_line(struct csv_reader *r, struct csv_record *rec)
{
	enum csv_next ret = end_record(r, rec);

	r->state = r->in[r->pos] == '\r' ? ST_LINE_CR : ST_LINE;
	r->pos++;
	r->line++;
	return ret;
}

static enum csv_next at_end(struct csv_reader *r, struct csv_record *rec)
{
	switch (r->state) {
	case ST_QUOTED:
	case ST_QUOTED_CR:
		fail(r, CSV_UNCLOSED_QUOTE, r->quote_line);
		*rec = r->fatal_rec;
		return report(r, rec, CSV_FATAL);
	case ST_FIELD:
	case ST_PLAIN:
	case ST_QUOTE:
		r->state = ST_DONE;
		return end_record(r, rec);
	default:
		r->state = ST_DONE;
		memset(rec, 0, sizeof(*rec));
		rec->line = rec->line_end = r->line;
		return CSV_END;
	}
}

/* Adds the run of bytes from p up to the first one stop marks (or end) to
 * the field and moves past it; returns where it stopped. */
static const unsigned char *take_run(struct csv_reader *r, const unsigned char *p,
				     const unsigned char *end, const unsigned char *stop)
{
	const unsigned char *q;

	for (q = p; q < end && !stop[*q]; q++)
		;
	add(r, p, (size_t)(q - p));
	r->pos = (size_t)(q - r->in);
	return q;
}

enum csv_next csv_next(struct csv_reader *r, struct csv_record *rec)
{
	const unsigned char *p, *q, *end;
	unsigned char c;

	if (!r->started)
		start(r);
	for (;;) {
		if (r->fatal) {
			*rec = r->fatal_rec;
			return report(r, rec, CSV_FATAL);
		}
		if (r->state == ST_DONE)
			return at_end(r, rec);
		if (r->pos == r->len) {
			long n = r->eof ? 0 : refill(r);
			if (n < 0) {
				fail(r, CSV_READ_ERROR, r->line);
				continue;
			}
			if (n == 0)
				return at_end(r, rec);
		}
		p = r->in + r->pos;
		end = r->in + r->len;
		switch (r->state) {
		case ST_LINE_CR:
			r->state = ST_LINE;
			if (*p == '\n')
				r->pos++;
			continue;
		case ST_LINE:
			if (*p == '\n' || *p == '\r') {
				/* a blank line */
				r->state = *p == '\r' ? ST_LINE_CR : ST_LINE;
				r->pos++;
				r->line++;
				continue;
			}
			r->rec_line = r->line;
			r->buf_len = r->field_at = 0;
			r->nfields = 0;
			r->problem = CSV_FINE;
			r->state = ST_FIELD;
			continue;
		case ST_FIELD:
			if (*p == '"') {
				r->quote_line = r->line;
				r->state = ST_QUOTED;
				r->pos++;
				continue;
			}
			r->state = ST_PLAIN;
			continue;
		case ST_PLAIN:
			if ((q = take_run(r, p, end, r->stop_plain)) == end)
				continue;
			c = *q;
			if (c == '\n' || c == '\r')
				return end_line(r, rec);
			r->pos++;
			if (c == '\0') {
				note(r, CSV_NUL_BYTE);
				continue;
			}
			end_field(r);
			r->state = ST_FIELD;
			continue;
		case ST_QUOTED:
			if ((q = take_run(r, p, end, r->stop_quoted)) == end)
				continue;
			c = *q;
			r->pos++;
			if (c == '"') {
				r->state = ST_QUOTE;
			} else if (c == '\0') {
				note(r, CSV_NUL_BYTE);
			} else {
				add(r, &c, 1);
				r->line++;
				if (c == '\r')
					r->state = ST_QUOTED_CR;
			}
			continue;
		case ST_QUOTED_CR:
			r->state = ST_QUOTED;
			if (*p == '\n') {
				add(r, p, 1);
				r->pos++;
			}
			continue;
		case ST_QUOTE:
			c = *p;
			if (c == '"') {
				add(r, p, 1);
				r->pos++;
				r->state = ST_QUOTED;
			} else if (c == '\n' || c == '\r') {
				return end_line(r, rec);
			} else if (c == (unsigned char)r->sep) {
				r->pos++;
				end_field(r);
				r->state = ST_FIELD;
			} else {
				/* the rest of the field is read as unquoted text, so
				 * the record still ends where it would have */
				note(r, CSV_AFTER_QUOTE);
				r->state = ST_PLAIN;
			}
			continue;
		default:
			continue;
		}
	}
}

/* libFuzzer: the CSV reader on any bytes. The first byte picks the
 * separator and, now and then, small limits; the rest is the input. It is
 * read four ways: in one block, in blocks of one byte, in small blocks of a
 * size the input picks, and through a FILE; all four must give exactly the
 * same records, lines and problems. Each reading must keep the reader's
 * promises: fields NUL-free and NUL-terminated, lines rising, problems of
 * the right kind, a fatal one repeated, every byte consumed at the end and
 * messages that never carry the input's bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/csv.h"
#include "acctplan/status.h"
#include "acctplan/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool recoverable(enum csv_problem p)
{
	return p == CSV_AFTER_QUOTE || p == CSV_NUL_BYTE || p == CSV_FIELD_TOO_LONG ||
	       p == CSV_RECORD_TOO_LONG || p == CSV_TOO_MANY_FIELDS;
}

static bool fatal(enum csv_problem p)
{
	return p == CSV_UNCLOSED_QUOTE || p == CSV_UTF16 || p == CSV_READ_ERROR;
}

/* The detail is ASCII made by the reader: "line N: ..." and printable. */
static void check_detail(void)
{
	const unsigned char *d = (const unsigned char *)status_detail();

	if (strncmp((const char *)d, "line ", 5) != 0)
		abort();
	for (; *d; d++)
		if (*d < 0x20 || *d > 0x7E)
			abort();
}

/* Reads everything from r into out, checking as it goes. */
static void walk(struct csv_reader *r, const char *in, size_t size, struct strbuf *out)
{
	struct csv_record rec, again;
	enum csv_next n;
	long prev_end = 0, lines = 1;
	size_t i, fields_bytes = 0, records = 0;

	for (i = 0; i < size; i++)
		lines += in[i] == '\n' || (in[i] == '\r' && (i + 1 == size || in[i + 1] != '\n'));
	for (;;) {
		n = csv_next(r, &rec);
		if (csv_offset(r) < 0 || csv_offset(r) > (long long)size)
			abort();
		if (n == CSV_END) {
			if (csv_offset(r) != (long long)size || csv_next(r, &again) != CSV_END)
				abort();
			strbuf_adds(out, "END");
			return;
		}
		if (++records > size + 1)
			abort(); /* more records than bytes */
		if (rec.line <= prev_end || rec.line_end < rec.line || rec.line_end > lines)
			abort();
		prev_end = rec.line_end;
		strbuf_addf(out, "%d %ld-%ld %d@%ld %zu:", (int)n, rec.line, rec.line_end,
			    (int)rec.problem, rec.problem_line, rec.nfields);
		switch (n) {
		case CSV_RECORD:
			if (rec.nfields == 0 || rec.problem != CSV_FINE)
				abort();
			for (i = 0; i < rec.nfields; i++) {
				const struct csv_field *f = &rec.fields[i];
				if (f->s[f->len] != '\0' || memchr(f->s, '\0', f->len))
					abort();
				fields_bytes += f->len;
				strbuf_addf(out, "%zu:", f->len);
				strbuf_add(out, f->s, f->len);
			}
			if (fields_bytes > size)
				abort();
			break;
		case CSV_BAD:
			if (!recoverable(rec.problem) || rec.nfields != 0 ||
			    rec.problem_line < rec.line || rec.problem_line > rec.line_end)
				abort();
			check_detail();
			break;
		case CSV_FATAL:
			if (!fatal(rec.problem) || rec.nfields != 0 ||
			    rec.problem_line < rec.line || rec.problem_line > rec.line_end)
				abort();
			check_detail();
			if (csv_next(r, &again) != CSV_FATAL || again.problem != rec.problem ||
			    again.problem_line != rec.problem_line)
				abort();
			strbuf_adds(out, "STOP");
			return;
		default:
			abort();
		}
		strbuf_addc(out, '\n');
	}
}

/* One reading, returned in out; the separator it used in *sep. */
static void read_mem(const char *in, size_t size, struct csv_options o, struct strbuf *out,
		     char *sep)
{
	struct csv_reader *r = csv_open_mem(in, size, &o);

	if (csv_size(r) != (long long)size || csv_offset(r) != 0)
		abort();
	walk(r, in, size, out);
	*sep = csv_sep(r);
	if (*sep != ',' && *sep != ';' && *sep != '\t')
		abort();
	if (o.sep && *sep != o.sep)
		abort();
	csv_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seps[] = {0, ',', ';', '\t'};
	struct csv_options o = {0};
	struct strbuf whole, part;
	const char *in;
	char sep, sep2;
	size_t small;
	FILE *f;

	if (size < 1)
		return 0;
	o.sep = seps[data[0] & 3];
	if (data[0] & 4) {
		o.max_field = 1 + (data[0] >> 3);
		o.max_fields = 1 + (data[0] >> 5);
		o.max_record = 8 + (data[0] >> 2);
	}
	small = 2 + (data[0] >> 4) % 13;
	in = (const char *)data + 1;
	size--;

	strbuf_init(&whole);
	strbuf_init(&part);
	o.block = size + 1;
	read_mem(in, size, o, &whole, &sep);

	o.block = 1;
	read_mem(in, size, o, &part, &sep2);
	if (sep2 != sep || strcmp(part.buf, whole.buf) != 0 || part.len != whole.len)
		abort();

	/* the sniffed separator, given, reads the same */
	strbuf_reset(&part);
	o.block = small;
	o.sep = sep;
	read_mem(in, size, o, &part, &sep2);
	if (part.len != whole.len || memcmp(part.buf, whole.buf, whole.len) != 0)
		abort();

	f = fmemopen((void *)in, size ? size : 1, "r");
	if (f && size) {
		struct csv_reader *r;

		strbuf_reset(&part);
		o.block = small + 5;
		r = csv_open_file(f, &o);
		walk(r, in, size, &part);
		if (part.len != whole.len || memcmp(part.buf, whole.buf, whole.len) != 0)
			abort();
		csv_free(r);
	}
	if (f)
		fclose(f);
	strbuf_done(&whole);
	strbuf_done(&part);
	return 0;
}

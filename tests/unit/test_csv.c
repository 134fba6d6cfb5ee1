/* The CSV reader: the csv-spectrum cases (with data of our own), byte order
 * marks, separator sniffing, every kind of line end, line numbers, each
 * problem and the resync after it, limits, and the same input read in tiny
 * blocks so every boundary (a CRLF or a "" split in two) is crossed. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"

#include "acctplan/csv.h"
#include "acctplan/status.h"
#include "acctplan/strbuf.h"

static const char *problem_name(enum csv_problem p)
{
	static const char *const names[] = {
		"fine",     "after-quote", "nul",   "field-too-long", "record-too-long",
		"too-many", "unclosed",    "utf16", "read-error",
	};
	return (size_t)p < sizeof(names) / sizeof(*names) ? names[p] : "?";
}

/* Appends a field with \ | and control characters escaped. */
static void add_field(struct strbuf *sb, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\':
			strbuf_adds(sb, "\\\\");
			break;
		case '|':
			strbuf_adds(sb, "\\|");
			break;
		case '\n':
			strbuf_adds(sb, "\\n");
			break;
		case '\r':
			strbuf_adds(sb, "\\r");
			break;
		case '\t':
			strbuf_adds(sb, "\\t");
			break;
		default:
			strbuf_addc(sb, s[i]);
		}
	}
}

/* Reads everything r gives into one line per call:
 *   "LINE-END:f1|f2|f3"  a record
 *   "LINE-END:BAD problem@LINE"  a skipped record
 *   "LINE-END:FATAL problem@LINE"
 * and checks what must hold whatever the input. */
static void dump_reader(struct strbuf *sb, struct csv_reader *r)
{
	struct csv_record rec, again;
	enum csv_next n;
	long prev_end = 0;
	size_t i;

	for (;;) {
		n = csv_next(r, &rec);
		if (n == CSV_END) {
			strbuf_adds(sb, "END");
			assert_int_equal(csv_next(r, &again), CSV_END);
			return;
		}
		strbuf_addf(sb, "%ld-%ld:", rec.line, rec.line_end);
		assert_true(rec.line > prev_end);
		assert_true(rec.line_end >= rec.line);
		prev_end = rec.line_end;
		if (n == CSV_RECORD) {
			assert_true(rec.nfields >= 1);
			assert_int_equal(rec.problem, CSV_FINE);
			for (i = 0; i < rec.nfields; i++) {
				assert_int_equal(strlen(rec.fields[i].s), rec.fields[i].len);
				if (i)
					strbuf_addc(sb, '|');
				add_field(sb, rec.fields[i].s, rec.fields[i].len);
			}
		} else {
			assert_int_equal(rec.nfields, 0);
			assert_int_not_equal(rec.problem, CSV_FINE);
			strbuf_addf(sb, "%s %s@%ld", n == CSV_BAD ? "BAD" : "FATAL",
				    problem_name(rec.problem), rec.problem_line);
			assert_true(strncmp(status_detail(), "line ", 5) == 0);
		}
		strbuf_addc(sb, '\n');
		if (n == CSV_FATAL) {
			assert_int_equal(csv_next(r, &again), CSV_FATAL);
			assert_int_equal(again.problem, rec.problem);
			assert_int_equal(again.problem_line, rec.problem_line);
			strbuf_adds(sb, "STOP");
			return;
		}
	}
}

static struct strbuf sb; /* dump_with()'s result */

static int setup(void **state)
{
	(void)state;
	strbuf_init(&sb);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	strbuf_done(&sb);
	return 0;
}

/* The dump of n bytes read with options o; valid until the next call. */
static const char *dump_with(const char *data, size_t n, const struct csv_options *o)
{
	struct csv_reader *r;

	strbuf_reset(&sb);
	r = csv_open_mem(data, n, o);
	dump_reader(&sb, r);
	assert_int_equal(csv_size(r), (long long)n);
	if (strstr(sb.buf, "FATAL") == NULL)
		assert_int_equal(csv_offset(r), (long long)n); /* every byte consumed */
	csv_free(r);
	return sb.buf;
}

/* Checks that data reads as expected with sep, in one block and in blocks
 * of 1, 2, 3, 4, 5, 7 and 13 bytes. */
static void check_opt(const char *data, size_t n, struct csv_options o, const char *expected)
{
	static const size_t blocks[] = {0, 1, 2, 3, 4, 5, 7, 13};
	size_t i;

	for (i = 0; i < sizeof(blocks) / sizeof(*blocks); i++) {
		o.block = blocks[i];
		const char *got = dump_with(data, n, &o);
		if (strcmp(got, expected) != 0) {
			print_error("block %zu:\n%s\nexpected:\n%s\n", blocks[i], got, expected);
			fail();
		}
	}
}

static void check_sep(const char *data, char sep, const char *expected)
{
	struct csv_options o = {.sep = sep};
	check_opt(data, strlen(data), o, expected);
}

static void check(const char *data, const char *expected)
{
	check_sep(data, 0, expected);
}

/* The separator sniffed from data. */
static char sniffed(const char *data)
{
	struct csv_reader *r = csv_open_mem(data, strlen(data), NULL);
	struct csv_record rec;
	char sep;

	assert_int_equal(csv_sep(r), 0);
	csv_next(r, &rec);
	sep = csv_sep(r);
	csv_free(r);
	return sep;
}

/* ---- the csv-spectrum cases ---- */

static void test_spectrum_simple(void **state)
{
	(void)state;
	check("name,owner,tier\nAcme,Rosa,gold\n", "1-1:name|owner|tier\n2-2:Acme|Rosa|gold\nEND");
	check("name,owner,tier\r\nAcme,Rosa,gold\r\n",
	      "1-1:name|owner|tier\n2-2:Acme|Rosa|gold\nEND");
}

static void test_spectrum_comma_in_quotes(void **state)
{
	(void)state;
	check("name,street,city,zip\nAcme,12 Elm Rd.,\"Springfield, IL\",02134\n",
	      "1-1:name|street|city|zip\n2-2:Acme|12 Elm Rd.|Springfield, IL|02134\nEND");
}

static void test_spectrum_empty(void **state)
{
	(void)state;
	check("x,y,z\n1,\"\",\"\"\n2,,4\n", "1-1:x|y|z\n2-2:1||\n3-3:2||4\nEND");
	check("x,y,z\r\n1,\"\",\"\"\r\n2,,4\r\n", "1-1:x|y|z\n2-2:1||\n3-3:2||4\nEND");
}

static void test_spectrum_escaped_quotes(void **state)
{
	(void)state;
	check("id,said\n1,\"she said \"\"renew\"\" twice\"\n2,ok\n",
	      "1-1:id|said\n2-2:1|she said \"renew\" twice\n3-3:2|ok\nEND");
	check("q\n\"\"\"\"\n\"\"\"a\"\"\"\n", "1-1:q\n2-2:\"\n3-3:\"a\"\nEND");
}

static void test_spectrum_json(void **state)
{
	(void)state;
	check("id,meta\n7,\"{\"\"tier\"\": \"\"gold\"\", \"\"seats\"\": [10, 25]}\"\n",
	      "1-1:id|meta\n2-2:7|{\"tier\": \"gold\", \"seats\": [10, 25]}\nEND");
}

static void test_spectrum_newlines(void **state)
{
	(void)state;
	check("a,b,c\n1,2,3\n\"Once a \nrenewal\",5,6\n7,8,9\n",
	      "1-1:a|b|c\n2-2:1|2|3\n3-4:Once a \\nrenewal|5|6\n5-5:7|8|9\nEND");
	/* a CRLF inside quotes is kept as written */
	check("a,b,c\r\n1,2,3\r\n\"Once a \r\nrenewal\",5,6\r\n7,8,9\r\n",
	      "1-1:a|b|c\n2-2:1|2|3\n3-4:Once a \\r\\nrenewal|5|6\n5-5:7|8|9\nEND");
}

static void test_spectrum_quotes_and_newlines(void **state)
{
	(void)state;
	check("k,v\n1,\"up \n\"\"down\"\" \nup\"\n3,4\n",
	      "1-1:k|v\n2-4:1|up \\n\"down\" \\nup\n5-5:3|4\nEND");
}

static void test_spectrum_utf8(void **state)
{
	(void)state;
	check("name,city\nKōyō,Zürich\nMüller,東京\n",
	      "1-1:name|city\n2-2:Kōyō|Zürich\n3-3:Müller|東京\nEND");
}

/* ---- beyond RFC 4180 ---- */

static void test_bom(void **state)
{
	struct csv_reader *r;
	struct csv_record rec;
	const char *data = "\xEF\xBB\xBFname,score\nAcme,9\n";

	(void)state;
	check(data, "1-1:name|score\n2-2:Acme|9\nEND");
	r = csv_open_mem(data, strlen(data), NULL);
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_true(csv_bom(r));
	assert_string_equal(rec.fields[0].s, "name");
	csv_free(r);

	r = csv_open_mem("name\n", 5, NULL);
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_false(csv_bom(r));
	csv_free(r);

	/* a BOM alone, a BOM cut short (data, not a BOM) */
	check("\xEF\xBB\xBF", "END");
	check("\xEF\xBB", "1-1:\xEF\xBB\nEND");
	/* UTF-16 is refused, not read as bytes */
	check_opt("\xFF\xFEn\0a\0", 6, (struct csv_options){0}, "1-1:FATAL utf16@1\nSTOP");
	check("\xFE\xFF\0n", "1-1:FATAL utf16@1\nSTOP");
	assert_string_equal(status_detail(), "line 1: the file is UTF-16; save it as UTF-8");
	assert_int_equal(sniffed("\xFF\xFE"
				 "a;b;c"),
			 ',');
}

static void test_sniff(void **state)
{
	(void)state;
	assert_int_equal(sniffed("name;score;wallet\nAcme;9;\"1,5\"\n"), ';');
	assert_int_equal(sniffed("name\tscore\twallet\n"), '\t');
	assert_int_equal(sniffed("name,score,wallet\n"), ',');
	/* ties go to ',' then ';' */
	assert_int_equal(sniffed("a,b;c\n"), ',');
	assert_int_equal(sniffed("a;b\tc\n"), ';');
	assert_int_equal(sniffed("a;b\tc\td\n"), '\t');
	/* none at all: one column */
	assert_int_equal(sniffed("name\nAcme\n"), ',');
	assert_int_equal(sniffed(""), ',');
	/* separators inside quotes do not count, nor do later records */
	assert_int_equal(sniffed("\"a,b,c\";d;e\nx,y,z,w,v\n"), ';');
	assert_int_equal(sniffed("\"a,\"\",b\nc,d,e,f\";g;h\n"), ';');
	/* a quote inside an unquoted field is text, not the start of quotes */
	assert_int_equal(sniffed("size 5\";b;c\n1,2,3,4\n"), ';');
	/* blank lines before the header, and no final line end */
	assert_int_equal(sniffed("\r\n\na\tb"), '\t');

	check("name;wallet\nAcme;\"1,5\"\n", "1-1:name|wallet\n2-2:Acme|1,5\nEND");
	check("name\twallet\nAcme\t1,5\n", "1-1:name|wallet\n2-2:Acme|1,5\nEND");
	/* a given separator is used as it is */
	check_sep("a,b;c\n1,2;3\n", ';', "1-1:a,b|c\n2-2:1,2|3\nEND");
	check_sep("a,b;c\n", '\t', "1-1:a,b;c\nEND");
}

static void test_line_ends(void **state)
{
	(void)state;
	/* lone CRs, and a blank line of one */
	check("a,b\r1,2\r\r3,4", "1-1:a|b\n2-2:1|2\n4-4:3|4\nEND");
	/* a lone CR inside quotes is one line */
	check("\"x\ry\",z\rw\n", "1-2:x\\ry|z\n3-3:w\nEND");
	/* CRLF blank lines count once each */
	check("a\r\n\r\n\r\nb\r\n", "1-1:a\n4-4:b\nEND");
	/* LF CR is two line ends */
	check("a\n\rb\n", "1-1:a\n3-3:b\nEND");
	/* no final line end; a final separator is an empty field */
	check("a,b\n1,2", "1-1:a|b\n2-2:1|2\nEND");
	check("a,b,\n1,2,", "1-1:a|b|\n2-2:1|2|\nEND");
	check("\"a\",\"b\"", "1-1:a|b\nEND");
	check("a,\"\"", "1-1:a|\nEND");
	check("\"\"\n", "1-1:\nEND");
	check("", "END");
	check("\n\r\n\r", "END");
	/* spaces are data */
	check(" a , b \n \n", "1-1: a | b \n2-2: \nEND");
}

static void test_blank_lines_and_line_numbers(void **state)
{
	(void)state;
	check("\n\nname,note\n\n\"two\n\nlines\",z\n\nlast,1\n",
	      "3-3:name|note\n5-7:two\\n\\nlines|z\n9-9:last|1\nEND");
	check("a\r\n\"b\r\n\r\nc\"\r\nd\r\n", "1-1:a\n2-4:b\\r\\n\\r\\nc\n5-5:d\nEND");
}

static void test_bare_quote_is_text(void **state)
{
	(void)state;
	check("ab\"c,d\ne\"\",\"f\"\n", "1-1:ab\"c|d\n2-2:e\"\"|f\nEND");
	check("5\" screen,x\n", "1-1:5\" screen|x\nEND");
}

static void test_unclosed_quote(void **state)
{
	(void)state;
	check("a,b\n1,\"open\n2,3\n4,5\n", "1-1:a|b\n2-5:FATAL unclosed@2\nSTOP");
	assert_string_equal(status_detail(), "line 2: a quote opened on this line is never closed");
	/* the line is where the quote opened, not where its record began */
	check("a\n\"b\nc\",d\ne,\"f\ng\n", "1-1:a\n2-3:b\\nc|d\n4-6:FATAL unclosed@4\nSTOP");
	check("1,\"a\nb\",\"c\nd", "1-3:FATAL unclosed@2\nSTOP");
	check("x,\"y\ny\ny", "1-3:FATAL unclosed@1\nSTOP");
	assert_string_equal(status_detail(), "line 1: a quote opened on this line is never closed");
	check("\"abc\"\"", "1-1:FATAL unclosed@1\nSTOP");
	check("\"", "1-1:FATAL unclosed@1\nSTOP");
	check("\"a\r", "1-2:FATAL unclosed@1\nSTOP");
}

static void test_text_after_quote_resyncs(void **state)
{
	(void)state;
	check("a,b\n\"x\"y,2\n3,4\n\"p\" ,\"multi\nline\"\n5,6\n",
	      "1-1:a|b\n2-2:BAD after-quote@2\n3-3:3|4\n4-5:BAD after-quote@4\n6-6:5|6\nEND");
	check("a,b\n\"x\"y,2\n", "1-1:a|b\n2-2:BAD after-quote@2\nEND");
	assert_string_equal(status_detail(), "line 2: text after a closing quote (in a quoted "
					     "field, a quote is written \"\")");
	/* the unescaped quote spreadsheets choke on too, and after it the
	 * rest of the field is text, so its record ends on its own line */
	check("1,\"He said \"hi, there\" ok\",5\n2,x\n", "1-1:BAD after-quote@1\n2-2:2|x\nEND");
	/* the problem's line, inside a multi-line record */
	check("\"a\nb\"c\n", "1-2:BAD after-quote@2\nEND");
	/* text after a quote at the end of the input */
	check("\"a\"b", "1-1:BAD after-quote@1\nEND");
	/* a bad record, then a fatal one */
	check("\"a\"b,\"c\n", "1-2:FATAL unclosed@1\nSTOP");
}

static void test_nul_byte(void **state)
{
	struct csv_options o = {0};

	(void)state;
	check_opt("a,b\n1,x\0y\n2,3\n", 14, o, "1-1:a|b\n2-2:BAD nul@2\n3-3:2|3\nEND");
	assert_string_equal(status_detail(), "line 2: a NUL byte (is this a text file?)");
	check_opt("\"a\n\0\",b\nc\n", 10, o, "1-2:BAD nul@2\n3-3:c\nEND");
	check_opt("\0", 1, o, "1-1:BAD nul@1\nEND");
	check_opt("a,\"b\"\0\n", 7, o, "1-1:BAD after-quote@1\nEND");
}

static void test_limits(void **state)
{
	struct csv_options o = {.max_field = 8};
	const char *data;

	(void)state;
	data = "a,123456789\nb,12345678\n";
	check_opt(data, strlen(data), o, "1-1:BAD field-too-long@1\n2-2:b|12345678\nEND");
	assert_string_equal(status_detail(), "line 1: a field longer than 8 bytes");
	/* a long quoted field spanning lines is skipped whole */
	data = "\"0123\n456789\n0123\",x\ny,z\n";
	check_opt(data, strlen(data), o, "1-3:BAD field-too-long@2\n4-4:y|z\nEND");

	o = (struct csv_options){.max_fields = 3};
	data = "a,b,c,d\n1,2,3\n,,,\n";
	check_opt(data, strlen(data), o, "1-1:BAD too-many@1\n2-2:1|2|3\n3-3:BAD too-many@3\nEND");
	assert_string_equal(status_detail(), "line 3: a record of more than 3 fields");

	o = (struct csv_options){.max_record = 10};
	data = "aaaa,bbbb,cccc\nx,0123456789\n";
	check_opt(data, strlen(data), o,
		  "1-1:BAD record-too-long@1\n2-2:BAD record-too-long@2\nEND");
	assert_string_equal(status_detail(), "line 2: a record longer than 10 bytes");

	/* one run past both limits: the one crossed first is reported, in
	 * whatever blocks it was read */
	o = (struct csv_options){.max_field = 6, .max_record = 8};
	data = "abcdefgh\nabcd,efghijkl\n";
	check_opt(data, strlen(data), o,
		  "1-1:BAD field-too-long@1\n2-2:BAD record-too-long@2\nEND");
}

static void test_default_field_cap(void **state)
{
	size_t n = CSV_MAX_FIELD + 10, i;
	char *data = malloc(n + 32), *p = data;
	struct csv_reader *r;
	struct csv_record rec;

	(void)state;
	p += sprintf(p, "id,\"");
	for (i = 0; i < n; i++)
		*p++ = (char)('a' + i % 26);
	p += sprintf(p, "\"\nnext,1\n");
	r = csv_open_mem(data, (size_t)(p - data), NULL);
	assert_int_equal(csv_next(r, &rec), CSV_BAD);
	assert_int_equal(rec.problem, CSV_FIELD_TOO_LONG);
	assert_string_equal(status_detail(), "line 1: a field longer than 1048576 bytes");
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_int_equal(rec.line, 2);
	assert_string_equal(rec.fields[0].s, "next");
	assert_int_equal(csv_next(r, &rec), CSV_END);
	csv_free(r);

	/* just under the cap is fine */
	p = data + sprintf(data, "x,");
	for (i = 0; i < CSV_MAX_FIELD; i++)
		*p++ = 'z';
	r = csv_open_mem(data, (size_t)(p - data), NULL);
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_int_equal(rec.nfields, 2);
	assert_int_equal(rec.fields[1].len, CSV_MAX_FIELD);
	csv_free(r);
	free(data);
}

static void test_many_records_reuse(void **state)
{
	struct strbuf in;
	struct csv_reader *r;
	struct csv_record rec;
	int i, n = 0;

	(void)state;
	strbuf_init(&in);
	strbuf_adds(&in, "id,name,note\r\n");
	for (i = 0; i < 5000; i++)
		strbuf_addf(&in, "%d,\"Acme %d, Inc.\",\"line\r\n%d\"\r\n", i, i, i);
	r = csv_open_mem(in.buf, in.len, &(struct csv_options){.block = 100});
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	while (csv_next(r, &rec) == CSV_RECORD) {
		char want[64];
		assert_int_equal(rec.nfields, 3);
		assert_int_equal(atoi(rec.fields[0].s), n);
		snprintf(want, sizeof(want), "Acme %d, Inc.", n);
		assert_string_equal(rec.fields[1].s, want);
		assert_int_equal(rec.line, 2 + 2 * n);
		assert_int_equal(rec.line_end, 3 + 2 * n);
		n++;
	}
	assert_int_equal(n, 5000);
	assert_int_equal(csv_offset(r), (long long)in.len);
	csv_free(r);
	strbuf_done(&in);
}

static void test_fd_and_file(void **state)
{
	char path[] = "/tmp/acctplan-csv-XXXXXX";
	const char *data = "\xEF\xBB\xBFname;score\nAcme;9\n";
	int fd = mkstemp(path), pipefd[2];
	struct csv_reader *r;
	struct csv_record rec;
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	r = csv_open_fd(fd, &(struct csv_options){.block = 4});
	assert_int_equal(csv_size(r), 21);
	assert_int_equal(csv_offset(r), 0);
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_int_equal(csv_sep(r), ';');
	assert_true(csv_bom(r));
	assert_string_equal(rec.fields[1].s, "score");
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_string_equal(rec.fields[0].s, "Acme");
	assert_int_equal(csv_next(r, &rec), CSV_END);
	assert_int_equal(csv_offset(r), 21);
	csv_free(r);
	close(fd);

	/* a FILE read from where it stands: past the BOM and the header */
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fseek(f, 14, SEEK_SET), 0);
	r = csv_open_file(f, NULL);
	assert_int_equal(csv_size(r), 7);
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_false(csv_bom(r));
	assert_int_equal(rec.nfields, 2);
	assert_string_equal(rec.fields[1].s, "9");
	assert_int_equal(csv_next(r, &rec), CSV_END);
	csv_free(r);
	fclose(f);
	unlink(path);

	/* a pipe: size unknown */
	assert_int_equal(pipe(pipefd), 0);
	assert_int_equal(write(pipefd[1], "a\tb\n", 4), 4);
	close(pipefd[1]);
	r = csv_open_fd(pipefd[0], NULL);
	assert_int_equal(csv_size(r), -1);
	assert_int_equal(csv_next(r, &rec), CSV_RECORD);
	assert_int_equal(csv_sep(r), '\t');
	assert_int_equal(csv_next(r, &rec), CSV_END);
	assert_int_equal(csv_offset(r), 4);
	csv_free(r);
	close(pipefd[0]);
}

static void test_read_error(void **state)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	struct csv_reader *r;
	struct csv_record rec;

	(void)state;
	assert_true(fd >= 0);
	r = csv_open_fd(fd, &(struct csv_options){.sep = ','});
	assert_int_equal(csv_next(r, &rec), CSV_FATAL);
	assert_int_equal(rec.problem, CSV_READ_ERROR);
	assert_int_equal(status_set(STATUS_OK, NULL), STATUS_OK); /* clear */
	assert_int_equal(csv_next(r, &rec), CSV_FATAL);
	assert_string_equal(status_detail(), "line 1: read error: Is a directory");
	csv_free(r);
	close(fd);
	csv_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spectrum_simple),
		cmocka_unit_test(test_spectrum_comma_in_quotes),
		cmocka_unit_test(test_spectrum_empty),
		cmocka_unit_test(test_spectrum_escaped_quotes),
		cmocka_unit_test(test_spectrum_json),
		cmocka_unit_test(test_spectrum_newlines),
		cmocka_unit_test(test_spectrum_quotes_and_newlines),
		cmocka_unit_test(test_spectrum_utf8),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_blank_lines_and_line_numbers),
		cmocka_unit_test(test_bare_quote_is_text),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_text_after_quote_resyncs),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_default_field_cap),
		cmocka_unit_test(test_many_records_reuse),
		cmocka_unit_test(test_fd_and_file),
		cmocka_unit_test(test_read_error),
	};
	return cmocka_run_group_tests_name("csv", tests, setup, teardown);
}

/* The changeset files of team sync (syncfile.h): the checksum, the names,
 * and the header read back as written, or refused with a reason. */
#include <stdlib.h>

#include "testutil.h"

#include "acctplan/status.h"
#include "acctplan/strbuf.h"
#include "acctplan/syncfile.h"

static void test_crc64(void **state)
{
	char hash[SYNCFILE_HASH_LEN];

	(void)state;
	/* CRC-64/XZ's check value */
	assert_true(syncfile_crc64("123456789", 9) == 0x995dc9bbdf1939faull);
	assert_true(syncfile_crc64("", 0) == 0);
	syncfile_hash("123456789", 9, hash);
	assert_string_equal(hash, "995dc9bbdf1939fa");
}

static void test_names(void **state)
{
	char name[SYNCFILE_NAME_LEN], inst[SYNCFILE_INSTANCE_LEN];
	uint64_t lamport, seq;

	(void)state;
	syncfile_name(name, 3, "5f2c9a1b7d3e4f60", 12);
	assert_string_equal(name, "0000000003-5f2c9a1b7d3e4f60-000012.changeset");
	assert_true(syncfile_name_parse(name, &lamport, inst, &seq));
	assert_true(lamport == 3 && seq == 12);
	assert_string_equal(inst, "5f2c9a1b7d3e4f60");
	syncfile_name(name, 12345678901, "0000000000000000", 1234567);
	assert_true(syncfile_name_parse(name, &lamport, inst, &seq));
	assert_true(lamport == 12345678901ull && seq == 1234567);
	assert_false(syncfile_name_parse("notes.changeset", &lamport, inst, &seq));
	assert_false(syncfile_name_parse("0000000003-5f2c9a1b7d3e4f60-000012.txt", &lamport, inst,
					 &seq));
	assert_false(syncfile_name_parse("0000000003-5F2C9A1B7D3E4F60-000012.changeset", &lamport,
					 inst, &seq));
	assert_false(syncfile_name_parse("0000000003-5f2c9a1b7d3e4f6-000012.changeset", &lamport,
					 inst, &seq));
	assert_false(syncfile_name_parse("0000000003-5f2c9a1b7d3e4f60-000000.changeset", &lamport,
					 inst, &seq));
	assert_false(syncfile_name_parse("000003-5f2c9a1b7d3e4f60-000001.changeset", &lamport, inst,
					 &seq));
	assert_false(syncfile_instance_ok("5f2c9a1b7d3e4f6g"));
}

static void sample(struct syncfile *f)
{
	memset(f, 0, sizeof(*f));
	memcpy(f->instance, "00112233445566ff", SYNCFILE_INSTANCE_LEN);
	f->seq = 2;
	f->lamport = 7;
	memcpy(f->made, "2026-11-20 10:00:00", 20);
	strcpy(f->author, "Priya Rāman@thinkpad");
	f->schema = 5;
	f->changes = 12;
}

static void test_round_trip(void **state)
{
	static const unsigned char body[] = {'T', 3, 0, 1, 'x', 0, 0x12, 0xff, '\n', 0};
	struct syncfile f, g;
	struct strbuf sb;

	(void)state;
	sample(&f);
	strbuf_init(&sb);
	syncfile_write(&sb, &f, body, sizeof(body));
	assert_int_equal(syncfile_parse(sb.buf, sb.len, &g), STATUS_OK);
	assert_string_equal(g.instance, f.instance);
	assert_true(g.seq == 2 && g.lamport == 7 && g.changes == 12 && g.schema == 5);
	assert_string_equal(g.made, f.made);
	assert_string_equal(g.author, f.author);
	assert_int_equal(g.size, sizeof(body));
	assert_memory_equal(g.body, body, sizeof(body));
	strbuf_done(&sb);
}

/* Parses text with body appended as its changeset; the detail when refused. */
static enum status parse_text(const char *text, struct syncfile *f)
{
	return syncfile_parse(text, strlen(text), f);
}

static void test_refused(void **state)
{
	static const unsigned char body[] = "changes";
	struct syncfile f, g;
	struct strbuf sb;
	char *copy;

	(void)state;
	assert_int_equal(parse_text("", &g), STATUS_BAD_INPUT);
	assert_string_equal(status_detail(), "not an acctplan changeset");
	assert_int_equal(parse_text("SQLite format 3", &g), STATUS_BAD_INPUT);
	assert_string_equal(status_detail(), "not an acctplan changeset");
	assert_int_equal(parse_text("acctplan changeset 2\n", &g), STATUS_BAD_INPUT);
	assert_int_equal(parse_text("acctplan changeset 1\n", &g), STATUS_BAD_INPUT);
	assert_contains(status_detail(), "damaged: its instance line");

	sample(&f);
	strbuf_init(&sb);
	syncfile_write(&sb, &f, body, sizeof(body) - 1);
	/* cut short */
	assert_int_equal(syncfile_parse(sb.buf, sb.len - 1, &g), STATUS_BAD_INPUT);
	assert_contains(status_detail(), "6 bytes of changes where its header says 7");
	/* a byte of the body changed */
	copy = malloc(sb.len);
	memcpy(copy, sb.buf, sb.len);
	copy[sb.len - 2] ^= 1;
	assert_int_equal(syncfile_parse(copy, sb.len, &g), STATUS_BAD_INPUT);
	assert_string_equal(status_detail(), "damaged: its checksum does not match its bytes");
	/* the header cut off */
	assert_int_equal(syncfile_parse(sb.buf, (size_t)(strstr(sb.buf, "seq 2") - sb.buf), &g),
			 STATUS_BAD_INPUT);
	free(copy);
	/* a number with a leading zero, an author with a control character */
	strbuf_done(&sb);
	assert_int_equal(
		parse_text("acctplan changeset 1\ninstance 00112233445566ff\nseq 02\n", &g),
		STATUS_BAD_INPUT);
	assert_contains(status_detail(), "seq line");
	assert_int_equal(parse_text("acctplan changeset 1\ninstance 00112233445566ff\nseq 2\n"
				    "lamport 1\nmade 2026-11-20 10:00:00\nauthor a\x1b[2Jb\n",
				    &g),
			 STATUS_BAD_INPUT);
	assert_contains(status_detail(), "author line");
	assert_int_equal(parse_text("acctplan changeset 1\ninstance 00112233445566ff\nseq 2\n"
				    "lamport 1\nmade 2026-11-20 10:00:00\nauthor a\nschema 7\n"
				    "changes 0\nsize 0\ncrc64 0000000000000000\nnot blank\n",
				    &g),
			 STATUS_BAD_INPUT);
	assert_contains(status_detail(), "blank line");
	assert_int_equal(parse_text("acctplan changeset 1\ninstance 00112233445566ff\nseq 2\n"
				    "lamport 1\nmade 2026-11-20 10:00:00\nauthor a\nschema 7\n"
				    "changes 0\nsize 0\ncrc64 0000000000000000\n\n",
				    &g),
			 STATUS_OK);
	assert_int_equal(g.size, 0);
}

/* SQLite's changeset format, walked without SQLite. */
static void test_changeset_scan(void **state)
{
	/* a table of two columns keyed by the first: an insert, an update of
	 * the second, a delete; then a table keyed by both columns (flags 1, 2) */
	static const unsigned char good[] = {
		'T', 2, 1, 0,   'n', 'o', 't', 'e', 's', 0,   18,  0, 1,  0, 0, 0, 0,
		0,   0, 0, 7,   3,   2,   'h', 'i', 23,  0,   1,   0, 0,  0, 0, 0, 0,
		0,   7, 3, 2,   'h', 'i', 0,   5,   9,   1,   1,   0, 0,  0, 0, 0, 0,
		0,   7, 5, 'T', 2,   1,   2,   't', 'a', 'g', 's', 0, 18, 0, 1, 0, 0,
		0,   0, 0, 0,   0,   1,   1,   0,   0,   0,   0,   0, 0,  0, 2,
	};
	unsigned char bad[sizeof(good)];
	uint64_t n = 0;
	size_t at = 0;

	(void)state;
	assert_true(syncfile_changeset_scan(good, sizeof(good), &n, &at));
	assert_true(n == 4 && sizeof(good) == 83);
	assert_true(syncfile_changeset_scan(good, 0, &n, &at) && n == 0);
	/* cut anywhere but between two changes or after a table's header:
	 * refused, never read past the end */
	for (size_t k = 1; k < sizeof(good); k++)
		if (k != 10 && k != 25 && k != 42 && k != 54 && k != 63)
			assert_false(syncfile_changeset_scan(good, k, &n, &at));
		else
			assert_true(syncfile_changeset_scan(good, k, &n, &at));
	memcpy(bad, good, sizeof(good));
	bad[0] = 'P'; /* a patchset */
	assert_false(syncfile_changeset_scan(bad, sizeof(bad), &n, &at));
	assert_int_equal(at, 0);
	memcpy(bad, good, sizeof(good));
	bad[10] = 99; /* not an operation */
	assert_false(syncfile_changeset_scan(bad, sizeof(bad), &n, &at));
	assert_int_equal(at, 10);
	memcpy(bad, good, sizeof(good));
	bad[21] = 9; /* a value type that does not exist */
	assert_false(syncfile_changeset_scan(bad, sizeof(bad), &n, &at));
	memcpy(bad, good, sizeof(good));
	bad[22] = 0x7f; /* a text longer than the bytes */
	assert_false(syncfile_changeset_scan(bad, sizeof(bad), &n, &at));
	memcpy(bad, good, sizeof(good));
	bad[2] = 0; /* a table without a key */
	assert_false(syncfile_changeset_scan(bad, sizeof(bad), &n, &at));
	memcpy(bad, good, sizeof(good));
	bad[11] = 0; /* an insert with an undefined value */
	bad[12] = 0;
	assert_false(syncfile_changeset_scan(bad, 25, &n, &at));
}

/* Whatever config.yaml names, the header's author is one a reader takes. */
static void test_author(void **state)
{
	char a[SYNCFILE_AUTHOR_MAX + 1], long_name[200];
	struct syncfile f, g;
	struct strbuf sb;

	(void)state;
	syncfile_author(a, "Priya R\xc4\x81man");
	assert_string_equal(a, "Priya R\xc4\x81man");
	syncfile_author(a, "a\x1b[2Jb\xff");
	assert_string_equal(a, "a?[2Jb?");
	/* cut at a whole character: 63 bytes of 'x' and then a 2-byte one */
	memset(long_name, 'x', 63);
	strcpy(long_name + 63, "\xc4\x81yyy");
	syncfile_author(a, long_name);
	assert_int_equal(strlen(a), 63);
	sample(&f);
	memcpy(f.author, a, sizeof(a));
	strbuf_init(&sb);
	syncfile_write(&sb, &f, "", 0);
	assert_int_equal(syncfile_parse(sb.buf, sb.len, &g), STATUS_OK);
	strbuf_done(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc64),          cmocka_unit_test(test_names),
		cmocka_unit_test(test_round_trip),     cmocka_unit_test(test_refused),
		cmocka_unit_test(test_changeset_scan), cmocka_unit_test(test_author),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

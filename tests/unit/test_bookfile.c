/* The book file and the map file: text written by the book's writer reads
 * back as the same text, NULL as NULL, whatever it holds; a hostile or
 * foreign file is refused with its line; a map file's entries and
 * mistakes. */
#include <stdbool.h>
#include <stdlib.h>

#include "testutil.h"

#include "acctplan/bookfile.h"
#include "acctplan/colmap.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Every tricky value, and one NULL. */
static const char *const values[] = {
	"plain",
	"",
	"  leading and trailing  ",
	"~",
	"null",
	"NULL",
	"yes",
	"no",
	"on",
	"true",
	"42",
	"-7",
	"0x1F",
	"1e3",
	".inf",
	"3M Company",
	"- a dash",
	"key: value",
	"hash # here",
	"#start",
	"'single' and \"double\"",
	"line one\nline two\n",
	"cr\rlf\r\n",
	"tab\there",
	"esc \x1b[31m red",
	"nul-free \x01\x02\x7f",
	"Kōyō 東京 Müller 🚚",
	"[not a list]",
	"{not: a map}",
	"&anchor *alias !tag |block >fold %directive @at `tick`",
	"=SUM(A1:A9)",
	NULL,
};

struct got {
	size_t n;
	char *v[64];
	bool null[64];
	char *section;
	long line;
};

static enum status collect(const struct bookfile_record *r, void *ctx)
{
	struct got *g = ctx;
	size_t i;

	free(g->section); /* the last record's */
	g->section = strdup(r->section);
	g->line = r->line;
	for (i = 0; i < r->n && g->n < 64; i++, g->n++) {
		g->null[g->n] = r->values[i] == NULL;
		g->v[g->n] = r->values[i] ? strdup(r->values[i]) : NULL;
	}
	return STATUS_OK;
}

static void got_done(struct got *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->section);
}

static void test_round_trip(void **state)
{
	char *buf = NULL, key[16];
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	struct bookfile_writer *w = bookfile_writer_new(f);
	struct got g = {0};

	(void)state;
	bookfile_section(w, "accounts");
	bookfile_record(w);
	for (i = 0; i < N(values); i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		bookfile_text(w, key, values[i]);
	}
	bookfile_id(w, "id", 5817453580265415907LL);
	bookfile_list(w, "defects", "CLAIMS-DELAY,LATE-DELIVERY");
	bookfile_list(w, "none", "");
	assert_int_equal(bookfile_end(w), STATUS_OK);
	fclose(f);
	assert_int_equal(bookfile_read_mem(buf, len, "t.yaml", collect, &g), STATUS_OK);
	assert_string_equal(g.section, "accounts");
	assert_int_equal(g.n, N(values) + 3);
	for (i = 0; i < N(values); i++) {
		if (!values[i]) {
			assert_true(g.null[i]);
			continue;
		}
		if (!g.v[i] || strcmp(g.v[i], values[i]) != 0) {
			print_error("value %zu: wrote \"%s\", read \"%s\"\n%s\n", i, values[i],
				    g.v[i] ? g.v[i] : "(null)", buf);
			fail();
		}
	}
	assert_string_equal(g.v[N(values)], "5817453580265415907");
	assert_string_equal(g.v[N(values) + 1], "CLAIMS-DELAY,LATE-DELIVERY");
	assert_string_equal(g.v[N(values) + 2], "");
	/* ids are quoted, as in JSON */
	assert_contains(buf, "id: \"5817453580265415907\"");
	got_done(&g);
	free(buf);
}

static void test_invalid_utf8_written_safely(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct bookfile_writer *w = bookfile_writer_new(f);
	struct got g = {0};

	(void)state;
	bookfile_section(w, "notes");
	bookfile_record(w);
	bookfile_text(w, "body", "caf\xe9");
	assert_int_equal(bookfile_end(w), STATUS_OK);
	fclose(f);
	assert_int_equal(bookfile_read_mem(buf, len, "t.yaml", collect, &g), STATUS_OK);
	assert_string_equal(g.v[0], "caf\xef\xbf\xbd");
	got_done(&g);
	free(buf);
}

static enum status refuse(const char *text, const char *why)
{
	struct got g = {0};
	enum status st = bookfile_read_mem(text, strlen(text), "b.yaml", collect, &g);

	got_done(&g);
	if (st == STATUS_OK) {
		print_error("read \"%s\"; expected a refusal\n", text);
		fail();
	}
	assert_contains(status_detail(), why);
	return st;
}

static void test_refused(void **state)
{
	(void)state;
	refuse("accounts: []\n", "not an acctplan book");
	refuse("acctplan_book: 3\n", "another version");
	refuse("acctplan_book: 0\n", "another version");
	refuse("acctplan_book: 12\n", "another version");
	refuse("acctplan_book: 1\naccounts:\n  - &a {name: x}\n  - *a\n", "anchors and aliases");
	refuse("acctplan_book: 1\naccounts:\n  - name: {first: a}\n", "b.yaml:3:");
	refuse("acctplan_book: 1\naccounts: x\n", "a section is a list");
	refuse("acctplan_book: 1\naccounts: [\n", "b.yaml:");
	refuse("", "not an acctplan book");
	refuse("acctplan_book: 1\n---\nacctplan_book: 1\n", "one book per file");
}

static void test_record_lines(void **state)
{
	const char *text = "acctplan_book: 1\nnotes: ~\naccounts:\n  - id: \"1\"\n    name: a\n";
	struct got g = {0};

	(void)state;
	assert_int_equal(bookfile_read_mem(text, strlen(text), "b.yaml", collect, &g), STATUS_OK);
	assert_int_equal(g.line, 4);
	got_done(&g);
}

/* Every version up to ours reads: a book of version 1, before referrals and
 * plays, and one of version 2 with them. */
static void test_versions(void **state)
{
	const char *v1 = "acctplan_book: 1\naccounts:\n  - id: \"1\"\n    name: a\n";
	const char *v2 = "acctplan_book: 2\naccounts:\n  - {id: \"1\", name: a}\n"
			 "plays:\n  - {id: \"2\", account: \"1\", play: Renewal call}\n";
	struct got g = {0};

	(void)state;
	assert_int_equal(bookfile_read_mem(v1, strlen(v1), "b.yaml", collect, &g), STATUS_OK);
	got_done(&g);
	memset(&g, 0, sizeof(g));
	assert_int_equal(bookfile_read_mem(v2, strlen(v2), "b.yaml", collect, &g), STATUS_OK);
	assert_int_equal(g.line, 5);
	assert_string_equal(g.section, "plays");
	got_done(&g);
}

static void test_colmap(void **state)
{
	struct colmap m;
	const char *ok = "# map\ncolumns:\n  wallet: \"Estimated category spend\"\n  segment: ~\n";

	(void)state;
	colmap_init(&m);
	assert_int_equal(colmap_load_string(&m, "m.yaml", ok, strlen(ok)), STATUS_OK);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.e[0].field, "wallet");
	assert_string_equal(m.e[0].header, "Estimated category spend");
	assert_string_equal(m.e[0].where, "m.yaml:3:3");
	assert_null(m.e[1].header);
	colmap_done(&m);

	colmap_init(&m);
	assert_int_equal(colmap_load_string(&m, "m.yaml", "colums: {}\n", 11), STATUS_CONFIG);
	assert_contains(status_detail(), "m.yaml:1:1: unknown key \"colums\"");
	colmap_done(&m);
	colmap_init(&m);
	assert_int_equal(colmap_load_string(&m, "m.yaml", "columns: [a]\n", 13), STATUS_CONFIG);
	assert_contains(status_detail(), "m.yaml:1:10");
	colmap_done(&m);
	colmap_init(&m);
	assert_int_equal(colmap_load_string(&m, "m.yaml", "columns:\n  a: \"\"\n", 17),
			 STATUS_CONFIG);
	assert_contains(status_detail(), "the header text is empty");
	colmap_done(&m);
	colmap_init(&m);
	assert_int_equal(colmap_load_string(&m, "m.yaml", "columns: {a: [b]}\n", 18),
			 STATUS_CONFIG);
	colmap_done(&m);
	colmap_init(&m);
	assert_int_equal(colmap_load(&m, "/nonexistent/m.yaml"), STATUS_NOT_FOUND);
	colmap_done(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_invalid_utf8_written_safely),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_record_lines),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_colmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

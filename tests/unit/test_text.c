/* Untrusted text: UTF-8 decoding, display width (CJK, combining marks,
 * emoji), truncation with "…", and control characters made harmless. */
#include <stdlib.h>

#include "testutil.h"

#include "acctplan/strbuf.h"
#include "acctplan/text.h"

#define ELLIPSIS "\xE2\x80\xA6"

/* text_fit into a fresh buffer; returns a static copy and the columns. */
static const char *fit(const char *s, int cols, int flags, int *used)
{
	static char out[4096];
	struct strbuf sb;
	int u;

	strbuf_init(&sb);
	u = text_fit(&sb, s, cols, flags);
	if (used)
		*used = u;
	snprintf(out, sizeof(out), "%s", sb.buf);
	/* the columns reported are the columns the result takes */
	assert_int_equal(text_width(sb.buf), u);
	strbuf_done(&sb);
	return out;
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("日本語"), 6);           /* CJK: 2 each */
	assert_int_equal(text_width("한국"), 4);             /* Hangul */
	assert_int_equal(text_width("e\xCC\x81"), 1);        /* e + combining acute */
	assert_int_equal(text_width("\xF0\x9F\x98\x80"), 2); /* 😀 */
	assert_int_equal(text_width("Østergaard"), 10);
	assert_int_equal(text_width("\x1b"), 2); /* shown as ^[ */
	assert_int_equal(cp_width(0x4E2D), 2);
	assert_int_equal(cp_width(0x0301), 0);
	assert_int_equal(cp_width(0x1F680), 2);
	assert_int_equal(cp_width('a'), 1);
	assert_int_equal(cp_width(0x200D), 0); /* zero-width joiner */
}

static void test_fits_without_cut(void **state)
{
	int used;

	(void)state;
	assert_string_equal(fit("abc", 3, TEXT_ONELINE, &used), "abc");
	assert_int_equal(used, 3);
	assert_string_equal(fit("abc", -1, TEXT_ONELINE, &used), "abc");
	assert_string_equal(fit("日本", 4, TEXT_ONELINE, &used), "日本");
	assert_int_equal(used, 4);
	assert_string_equal(fit(NULL, 5, TEXT_ONELINE, &used), "");
	assert_int_equal(used, 0);
}

static void test_truncation_ascii(void **state)
{
	int used;

	(void)state;
	assert_string_equal(fit("abcdef", 4, TEXT_ONELINE, &used), "abc" ELLIPSIS);
	assert_int_equal(used, 4);
	assert_string_equal(fit("ab", 1, TEXT_ONELINE, &used), ELLIPSIS);
	assert_int_equal(used, 1);
	assert_string_equal(fit("abc", 0, TEXT_ONELINE, &used), "");
	assert_int_equal(used, 0);
}

static void test_truncation_wide(void **state)
{
	int used;

	(void)state;
	/* never half a wide character: 5 columns hold 日本 and the ellipsis */
	assert_string_equal(fit("日本語", 5, TEXT_ONELINE, &used), "日本" ELLIPSIS);
	assert_int_equal(used, 5);
	/* 4 columns: 日 (2) + 本 (2) would leave no room for "…" */
	assert_string_equal(fit("日本語", 4, TEXT_ONELINE, &used), "日" ELLIPSIS);
	assert_int_equal(used, 3);
	assert_string_equal(fit("\xF0\x9F\x98\x80\xF0\x9F\x98\x80x", 4, TEXT_ONELINE, &used),
			    "\xF0\x9F\x98\x80" ELLIPSIS);
	assert_int_equal(used, 3);
}

static void test_truncation_keeps_combining_marks(void **state)
{
	int used;

	(void)state;
	/* "éé" (decomposed) in 2 columns: é and the ellipsis, the accent kept
	 * with its letter */
	assert_string_equal(fit("e\xCC\x81"
				"e\xCC\x81"
				"e\xCC\x81",
				2, TEXT_ONELINE, &used),
			    "e\xCC\x81" ELLIPSIS);
	assert_int_equal(used, 2);
	assert_string_equal(fit("e\xCC\x81"
				"e\xCC\x81",
				2, TEXT_ONELINE, &used),
			    "e\xCC\x81"
			    "e\xCC\x81");
}

static void test_escape_and_controls(void **state)
{
	int used;

	(void)state;
	/* ESC never reaches the terminal: caret form */
	assert_string_equal(fit("\x1b[31mred", -1, TEXT_ONELINE, &used), "^[[31mred");
	assert_int_equal(used, 9);
	assert_string_equal(fit("bell\a", -1, TEXT_ONELINE, NULL), "bell^G");
	assert_string_equal(fit("del\x7f", -1, TEXT_ONELINE, NULL), "del^?");
	/* C1 CSI (U+009B, encoded) becomes a replacement character */
	assert_string_equal(fit("a\xC2\x9B"
				"31m",
				-1, TEXT_ONELINE, NULL),
			    "a\xEF\xBF\xBD"
			    "31m");
	/* newlines and tabs become spaces on one line */
	assert_string_equal(fit("a\nb\tc\rd", -1, TEXT_ONELINE, NULL), "a b c d");
	/* kept multi-line, a CR shows as ^M and counts two columns: the cut
	 * must measure it so (found by fuzz_text) */
	assert_string_equal(fit("abc\rd", 5, 0, &used), "abc" ELLIPSIS);
	assert_int_equal(used, 4);
	assert_string_equal(fit("ab\rd", 5, 0, &used), "ab^Md");
	assert_int_equal(used, 5);
	/* a caret form is never split by a cut */
	assert_string_equal(fit("ab\x1b", 3, TEXT_ONELINE, &used), "ab" ELLIPSIS);
	assert_int_equal(used, 3);
}

static void test_invalid_utf8(void **state)
{
	uint32_t cp;

	(void)state;
	assert_string_equal(fit("a\xFF"
				"b",
				-1, TEXT_ONELINE, NULL),
			    "a\xEF\xBF\xBD"
			    "b");
	/* overlong '/' and a surrogate */
	assert_string_equal(fit("\xC0\xAF", -1, 0, NULL), "\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	/* a sequence cut short by the end of input */
	assert_int_equal(utf8_decode("\xE6\x97", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1); /* > U+10FFFF */
	assert_int_equal(utf8_decode("\xE6\x97\xA5", 3, &cp), 3);
	assert_int_equal(cp, 0x65E5);
}

static void test_encode_round_trip(void **state)
{
	static const uint32_t cps[] = {0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cps) / sizeof(*cps); i++) {
		struct strbuf sb;
		uint32_t cp;

		strbuf_init(&sb);
		utf8_encode(&sb, cps[i]);
		assert_int_equal(utf8_decode(sb.buf, sb.len, &cp), sb.len);
		assert_int_equal(cp, cps[i]);
		strbuf_done(&sb);
	}
}

static void test_pad_to_exact_columns(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb);
	text_pad(&sb, "日本語テキスト", 7, 0);
	assert_int_equal(text_width(sb.buf), 7);
	strbuf_reset(&sb);
	text_pad(&sb, "ab", 5, 0);
	assert_string_equal(sb.buf, "ab   ");
	strbuf_reset(&sb);
	text_pad(&sb, "x\ny", 5, 0); /* padding is one line */
	assert_string_equal(sb.buf, "x y  ");
	strbuf_done(&sb);
}

static void test_long_hostile_name(void **state)
{
	char *s = malloc(10001);
	int used, i;
	const char *out;

	(void)state;
	for (i = 0; i < 10000; i++)
		s[i] = i % 50 == 0 ? '\x1b' : (char)('a' + i % 26);
	s[10000] = '\0';
	out = fit(s, 30, TEXT_ONELINE, &used);
	assert_true(used <= 30);
	assert_null(strchr(out, '\x1b'));
	assert_int_equal(text_width(s), 10000 + 200);
	free(s);
}

static const char *folded(const char *s)
{
	static struct strbuf sb;

	strbuf_done(&sb);
	strbuf_init(&sb);
	text_fold(&sb, s);
	return sb.buf;
}

/* A search for KOYO finds Kōyō: the names people type without accents. */
static void test_fold_accents(void **state)
{
	(void)state;
	assert_string_equal(folded("Kōyō"), "koyo");
	assert_string_equal(folded("KOYO"), "koyo");
	assert_string_equal(folded("Société Générale"), "societe generale");
	assert_string_equal(folded("Straße"), "strasse");
	assert_string_equal(folded("ØRSTED Æble Łódź"), "orsted aeble lodz");
	assert_string_equal(folded("Nguyễn Đức"), "nguyen duc");
	/* decomposed (as macOS writes file names): e + U+0301 */
	assert_string_equal(folded("Cafe\xcc\x81"), "cafe");
	/* other scripts stay as they are; × is not a letter */
	assert_string_equal(folded("東京 2×3"), "東京 2×3");
	/* invalid UTF-8 never reads past the end */
	assert_string_equal(folded("A\xc3"), "a\xef\xbf\xbd");
	assert_true(text_ascii("Acme, Inc."));
	/* the fast way agrees with folding wherever it answers */
	assert_int_equal(text_fold_has_ascii("QXR Holdings", "qx"), 1);
	assert_int_equal(text_fold_has_ascii("aqxb", "qx"), 1);
	assert_int_equal(text_fold_has_ascii("Northgate Ltd", "ltd"), 1);
	assert_int_equal(text_fold_has_ascii("Northgate Ltd", "xq"), 0);
	assert_int_equal(text_fold_has_ascii("Lt", "ltd"), 0);
	assert_int_equal(text_fold_has_ascii("anything", ""), 1);
	assert_int_equal(text_fold_has_ascii("[@]", "@"), 1);
	assert_int_equal(text_fold_has_ascii("[@]", "`"), 0); /* '@' + 32 is not a letter */
	assert_int_equal(text_fold_has_ascii("Kōyō", "koyo"), -1);
	assert_int_equal(text_fold_has_ascii("Koyo", "kō"), -1);
	/* a match before the first byte beyond ASCII is one; after, undecided */
	assert_int_equal(text_fold_has_ascii("LTD Kōyō", "ltd"), 1);
	assert_int_equal(text_fold_has_ascii("Kōyō LTD", "ltd"), -1);
	assert_int_equal(text_fold_has_ascii("Kōyō", ""), -1);
	assert_int_equal(text_fold_has_ascii("Zz", "zz"), 1);
	assert_int_equal(text_fold_has_ascii("z", "zz"), 0);
	assert_false(text_ascii("Kōyō"));
	/* texts longer than a word, read eight bytes at a time: a match or a
	 * byte beyond ASCII in every place of a word, and in the tail */
	assert_int_equal(text_fold_has_ascii("Atlas Foods AB 1\x1fWei Adeyemi\x1f"
					     "Construction",
					     "z"),
			 0);
	assert_int_equal(text_fold_has_ascii("Atlas Foods AB 1\x1fWei Adeyemi\x1f"
					     "ConstructioZ",
					     "z"),
			 1);
	assert_int_equal(text_fold_has_ascii("Atlas Foods AB 1\x1fWei Adeyemi\x1f"
					     "Constructionz",
					     "z"),
			 1);
	assert_int_equal(text_fold_has_ascii("Atlas Foods AB 1\x1fWei Adeyemi\x1f"
					     "Constructiön",
					     "z"),
			 -1);
	assert_int_equal(text_fold_has_ascii("Atlas Foods AB 1\x1fWei AdeyZmi\x1f"
					     "Constructiön",
					     "z"),
			 1);
	assert_int_equal(text_fold_has_ascii("0123456701234567", "@"), 0);
	assert_int_equal(text_fold_has_ascii("01234567012345@7", "@"), 1);
	assert_int_equal(text_fold_has_ascii("01234567012345`7", "@"), 0);
}

/* The fast way against folding, on texts made to put the needle's first
 * byte, its other case and bytes beyond ASCII in every place of a word:
 * wherever it answers, it answers as text_fold() and strstr() do, and it
 * answers for every pair of ASCII texts. */
static void test_fold_has_against_folding(void **state)
{
	static const char *const pieces[] = {"a", "Z", "z",    "ab",    "AB", "x",
					     "ö", "ß", "\x1f", "12345", "@",  "`"};
	static const char *const needles[] = {"z", "ab", "a", "zz", "@", "x1", "b", "ss"};
	unsigned seed = 12345;
	int round, k;

	(void)state;
	for (round = 0; round < 4000; round++) {
		char text[128] = "";
		struct strbuf f;
		size_t len = 0;

		for (k = 0; k < 1 + (int)(seed % 24); k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(*pieces))];
			if (len + strlen(p) >= sizeof(text))
				break;
			memcpy(text + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		strbuf_init(&f);
		text_fold(&f, text);
		for (k = 0; k < (int)(sizeof(needles) / sizeof(*needles)); k++) {
			int got = text_fold_has_ascii(text, needles[k]);

			if (got >= 0)
				assert_int_equal(got, strstr(f.buf, needles[k]) != NULL);
			else
				assert_false(text_ascii(text));
		}
		strbuf_done(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_fits_without_cut),
		cmocka_unit_test(test_truncation_ascii),
		cmocka_unit_test(test_truncation_wide),
		cmocka_unit_test(test_truncation_keeps_combining_marks),
		cmocka_unit_test(test_escape_and_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_encode_round_trip),
		cmocka_unit_test(test_pad_to_exact_columns),
		cmocka_unit_test(test_long_hostile_name),
		cmocka_unit_test(test_fold_accents),
		cmocka_unit_test(test_fold_has_against_folding),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

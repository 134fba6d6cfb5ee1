/* Ids people type (shortid.h): the rendering, its prefixes as ranges of
 * ids, and the short form between a row's neighbours. */
#include <stdlib.h>

#include "testutil.h"

#include "acctplan/shortid.h"

static void test_render(void **state)
{
	(void)state;
	char s[SHORTID_LEN];

	shortid_render(1, s);
	assert_string_equal(s, "0000000000004"); /* the lowest bit is the last char's 4 */
	shortid_render(INT64_MAX, s);
	assert_string_equal(s, "zzzzzzzzzzzzw");
	shortid_render(1968599893053263900, s);
	assert_int_equal(strlen(s), SHORTID_CHARS);
	assert_null(strpbrk(s, "iloIu")); /* Crockford's alphabet */
}

/* Every prefix of an id's rendering is a range that holds it, and the range
 * of the whole rendering is the id alone. */
static void test_range_holds_id(void **state)
{
	(void)state;
	static const int64_t ids[] = {
		1, 2, 31, 32, 4108851517748776566, INT64_MAX, 5052911641882068576};
	char s[SHORTID_LEN];
	int64_t lo, hi;
	size_t i, n;

	for (i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		shortid_render(ids[i], s);
		for (n = SHORTID_CHARS; n >= 1; n--) {
			s[n] = '\0';
			assert_true(shortid_range(s, &lo, &hi));
			assert_true(lo <= ids[i] && ids[i] <= hi);
			assert_true(lo >= 0 && hi >= lo);
		}
		shortid_render(ids[i], s);
		assert_true(shortid_range(s, &lo, &hi));
		assert_true(lo == ids[i] && hi == ids[i]);
	}
	assert_true(shortid_range("ZZZZ", &lo, &hi)); /* any case */
	assert_true(hi == INT64_MAX);
}

static void test_range_refused(void **state)
{
	(void)state;
	int64_t lo, hi;

	assert_false(shortid_range("", &lo, &hi));
	assert_false(shortid_range("abcu", &lo, &hi)); /* u is not in the alphabet */
	assert_false(shortid_range("ab-c", &lo, &hi));
	assert_false(shortid_range("00000000000001", &lo, &hi)); /* 14 characters */
	assert_false(shortid_range("0000000000001", &lo, &hi));  /* last char: 3 bits */
	assert_false(shortid_is_prefix("abc"));                  /* shorter than 4 */
	assert_true(shortid_is_prefix("abcd"));
	assert_false(shortid_is_prefix("Calder Steel"));
}

static void test_short_form(void **state)
{
	(void)state;
	char s[SHORTID_LEN], whole[SHORTID_LEN];
	int64_t a = 4108851517748776566, b = a + 1, c = a + (1LL << 40);

	shortid_short(a, 0, 0, s);
	assert_int_equal(strlen(s), SHORTID_MIN); /* alone: four characters */
	shortid_short(a, 0, c, s);                /* shares 4 characters with c */
	shortid_render(a, whole);
	assert_int_equal((int)strlen(s), shortid_common(a, c) + 1);
	assert_true(strncmp(s, whole, strlen(s)) == 0);
	shortid_short(a, 0, b, s); /* a neighbour one apart: nearly all of it */
	assert_int_equal((int)strlen(s), shortid_common(a, b) + 1);
	assert_int_equal(shortid_common(a, a), SHORTID_CHARS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_range_holds_id),
		cmocka_unit_test(test_range_refused),
		cmocka_unit_test(test_short_form),
	};
	return cmocka_run_group_tests_name("shortid", tests, NULL, NULL);
}

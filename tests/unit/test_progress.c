/* The progress line (progress.h): counts with thousands separators, the
 * share done, the rate and the time left once there is a rate, the label
 * alone for a stage without counts; and the callback reaching its
 * renderer, or nothing. */
#include <string.h>

#include "testutil.h"

#include "acctplan/progress.h"

static void test_line(void **state)
{
	char buf[128];

	(void)state;
	progress_format(buf, sizeof(buf), "writing accounts", 12345, 1000000, 1.5);
	assert_string_equal(buf, "writing accounts  12,345 / 1,000,000  1%  8,230/s  2:00 left");
	progress_format(buf, sizeof(buf), "label", 350000, 1000000, 43.75);
	assert_string_equal(buf, "label  350,000 / 1,000,000  35%  8,000/s  1:21 left");
	/* the first moments: no rate to tell yet */
	progress_format(buf, sizeof(buf), "label", 10, 1000, 0.1);
	assert_string_equal(buf, "label  10 / 1,000  1%");
	/* done: no time left */
	progress_format(buf, sizeof(buf), "label", 1000, 1000, 2);
	assert_string_equal(buf, "label  1,000 / 1,000  100%  500/s");
	/* no total: the count and the rate */
	progress_format(buf, sizeof(buf), "exporting", 2500000, 0, 10);
	assert_string_equal(buf, "exporting  2,500,000  250,000/s");
	/* neither: the label alone */
	progress_format(buf, sizeof(buf), "indexing the book", 0, 0, 3);
	assert_string_equal(buf, "indexing the book");
	/* hours */
	progress_format(buf, sizeof(buf), "slow", 1, 10000, 1);
	assert_string_equal(buf, "slow  1 / 10,000  0%  1/s  2:46:39 left");
	/* a small buffer is cut, never overrun */
	progress_format(buf, 8, "writing accounts", 1, 2, 0);
	assert_string_equal(buf, "writing");
}

struct seen {
	int updates, finishes;
	int64_t done, total;
};

static void update(void *ctx, const char *label, int64_t done, int64_t total)
{
	struct seen *s = ctx;

	(void)label;
	s->updates++;
	s->done = done;
	s->total = total;
}

static void finish(void *ctx)
{
	((struct seen *)ctx)->finishes++;
}

static void test_callbacks(void **state)
{
	struct seen s = {0};
	struct progress p = {.update = update, .finish = finish, .ctx = &s};

	(void)state;
	progress_update(&p, "x", 5, 10);
	progress_update(&p, "x", 7, 10);
	progress_finish(&p);
	assert_int_equal(s.updates, 2);
	assert_int_equal(s.finishes, 1);
	assert_int_equal(s.done, 7);
	assert_int_equal(s.total, 10);
	/* nobody watching: nothing happens */
	progress_update(NULL, "x", 1, 2);
	progress_finish(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_callbacks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

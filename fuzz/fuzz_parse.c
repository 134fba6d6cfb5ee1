/* libFuzzer: the value parsers on any string. What each accepts is in its
 * range and agrees with the strict forms it extends; what it refuses leaves
 * the output alone with a reason that does not carry the input's bytes;
 * folding is idempotent and leaves nothing it folds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/parse.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A refusal: the output untouched, a printable ASCII reason. */
static void refused(enum status st, bool untouched)
{
	const unsigned char *d = (const unsigned char *)status_detail();

	if ((st != STATUS_BAD_INPUT && st != STATUS_NOT_FOUND) || !untouched)
		abort();
	for (; *d; d++)
		if ((*d < 0x20 || *d > 0x7E) && *d < 0x80)
			abort();
}

static void check_fold(const char *s)
{
	struct strbuf a, b;
	size_t i, k;
	uint32_t cp;

	strbuf_init(&a);
	strbuf_init(&b);
	parse_fold(&a, s);
	parse_fold(&b, a.buf);
	if (strcmp(a.buf, b.buf) != 0)
		abort(); /* folding a folded string changes nothing */
	for (i = 0; i < a.len; i += k) {
		k = utf8_decode(a.buf + i, a.len - i, &cp);
		if ((cp >= 'A' && cp <= 'Z') ||
		    (cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7) ||
		    (cp >= 0x300 && cp <= 0x36F))
			abort();
	}
	if (!parse_fold_match(s, s) || !parse_fold_match(s, ""))
		abort();
	strbuf_done(&a);
	strbuf_done(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const int today = 20777; /* 2026-11-20 */
	char *s = xstrndup((const char *)data, size), again[32];
	int64_t money = -1, n = INT64_MIN + 1;
	int day = -1, strict, y, m, d, score = -1;
	enum status st;

	st = parse_money(s, &money);
	if (st == STATUS_OK) {
		if (money < 0 || money > PARSE_MONEY_MAX)
			abort();
	} else {
		refused(st, money == -1);
	}

	st = parse_date(s, &day);
	if (st == STATUS_OK) {
		date_to_ymd(day, &y, &m, &d);
		if (y < 1900 || y > 9999)
			abort();
	} else {
		refused(st, day == -1);
	}
	if (date_parse(s, &strict) && (st != STATUS_OK || day != strict))
		abort(); /* YYYY-MM-DD is always a date */

	day = -1;
	st = parse_day(s, today, &day);
	if (st == STATUS_OK) {
		date_to_ymd(day, &y, &m, &d);
		if (y < 1900 || y > 9999)
			abort();
	} else {
		refused(st, day == -1);
	}
	if (date_parse(s, &strict) && (st != STATUS_OK || day != strict))
		abort();

	st = parse_nps(s, &score);
	if (st == STATUS_OK && (score < 0 || score > 10))
		abort();
	if (st != STATUS_OK)
		refused(st, score == -1);

	st = parse_int(s, -1000000, INT64_MAX, &n);
	if (st == STATUS_OK) {
		int64_t back = 0;
		if (n < -1000000)
			abort();
		snprintf(again, sizeof(again), "%lld", (long long)n);
		if (parse_int(again, -1000000, INT64_MAX, &back) != STATUS_OK || back != n)
			abort();
	} else {
		refused(st, n == INT64_MIN + 1);
	}

	check_fold(s);
	free(s);
	return 0;
}

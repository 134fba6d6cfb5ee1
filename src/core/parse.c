#include <string.h>

#include "acctplan/date.h"
#include "acctplan/parse.h"
#include "acctplan/text.h"

#define MONEY_EXPECTED "expected an amount such as 1250000, $1,250,000.00 or 1.250.000,00 €"
#define DATE_EXPECTED                                                                     \
	"expected a date such as 2026-11-18, 2026-11-18 14:14:09, 2026-11-18T14:14:09Z, " \
	"11/18/2026 or 11/18/2026 2:14:09 PM"
#define DAY_EXPECTED "expected YYYY-MM-DD, today, yesterday, tomorrow or +N/-N days"
#define NPS_EXPECTED \
	"expected a score from 0 to 10, alone or with its label (10 - Extremely likely)"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static char lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* s without the white space around it, as [*b, *e). False when blank. */
static bool trim(const char *s, const char **b, const char **e)
{
	const char *end = s + strlen(s);

	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	*b = s;
	*e = end;
	return s < end;
}

/* Whether [b, e) is exactly word, in any case. */
static bool word_is(const char *b, const char *e, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(e - b) != n)
		return false;
	for (; b < e; b++, word++)
		if (lower(*b) != *word)
			return false;
	return true;
}

/* Reads min..max digits at *p into *v and moves *p past them. */
static bool digits(const char **p, const char *e, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (*p < e && n < max && is_digit(**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min && !(*p < e && is_digit(**p));
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool real_day(int y, int m, int d)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= (m == 2 && leap(y) ? 29 : dm[m - 1]);
}

/* ---- money ---- */

/* The length of a currency symbol at p, 0 when there is none. */
static size_t symbol_len(const char *p, const char *e)
{
	static const char *const symbols[] = {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"};
	size_t i, n;

	for (i = 0; i < sizeof(symbols) / sizeof(*symbols); i++) {
		n = strlen(symbols[i]);
		if ((size_t)(e - p) >= n && memcmp(p, symbols[i], n) == 0)
			return n;
	}
	return 0;
}

/* The length of a space at p (ASCII, no-break U+00A0, narrow no-break
 * U+202F, thin U+2009), 0 when there is none. */
static size_t space_len(const char *p, const char *e)
{
	if (p < e && (*p == ' ' || *p == '\t'))
		return 1;
	if (e - p >= 2 && memcmp(p, "\xC2\xA0", 2) == 0)
		return 2;
	if (e - p >= 3 && (memcmp(p, "\xE2\x80\xAF", 3) == 0 || memcmp(p, "\xE2\x80\x89", 3) == 0))
		return 3;
	return 0;
}

static const char *skip_spaces(const char *p, const char *e)
{
	size_t n;

	while ((n = space_len(p, e)) > 0)
		p += n;
	return p;
}

static bool is_minus(const char *p, const char *e)
{
	return (p < e && (*p == '-' || *p == '(')) ||
	       (e - p >= 3 && memcmp(p, "\xE2\x88\x92", 3) == 0); /* U+2212 */
}

/* Skips one currency at the front of [p, e): "$", "US$", "USD". */
static const char *skip_prefix(const char *p, const char *e)
{
	const char *q = p;
	size_t n;

	while (q < e && q - p < 3 && is_upper(*q))
		q++;
	if (q - p <= 2 && (n = symbol_len(q, e)) > 0)
		return skip_spaces(q + n, e);
	if (q - p == 3 && (q == e || !is_upper(*q)))
		return skip_spaces(q, e);
	return p;
}

/* [p, e) without the spaces at its end. */
static const char *rskip_spaces(const char *p, const char *e)
{
	for (;;) {
		if (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - p >= 2 && space_len(e - 2, e) == 2)
			e -= 2;
		else if (e - p >= 3 && space_len(e - 3, e) == 3)
			e -= 3;
		else
			return e;
	}
}

/* Drops one currency at the back of [p, *e): "€", "USD", and the spaces
 * around it. */
static void drop_suffix(const char *p, const char **e)
{
	static const char *const symbols[] = {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"};
	const char *q = rskip_spaces(p, *e);
	size_t i, n;

	if (q - p >= 3 && is_upper(q[-1]) && is_upper(q[-2]) && is_upper(q[-3]) &&
	    (q - p == 3 || !is_upper(q[-4]))) {
		q -= 3;
	} else {
		for (i = 0; i < sizeof(symbols) / sizeof(*symbols); i++) {
			n = strlen(symbols[i]);
			if ((size_t)(q - p) >= n && memcmp(q - n, symbols[i], n) == 0) {
				q -= n;
				break;
			}
		}
	}
	*e = rskip_spaces(p, q);
}

/* Whether the digit runs form thousands groups: the first of one to three
 * digits and not a lone leading zero, the rest of exactly three. */
static bool thousands(const size_t *len, const char *const *run, size_t n)
{
	size_t i;

	if (n < 2 || len[0] < 1 || len[0] > 3 || run[0][0] == '0')
		return false;
	for (i = 1; i < n; i++)
		if (len[i] != 3)
			return false;
	return true;
}

#define MAX_RUNS 16

enum status parse_money(const char *s, int64_t *units)
{
	const char *b, *e, *p, *run[MAX_RUNS];
	size_t len[MAX_RUNS], nruns = 0, i, n, ngroup, ndot = 0, ncomma = 0;
	char mark[MAX_RUNS], dec = 0, group = 0;
	int64_t v = 0;

	if (!trim(s, &b, &e))
		return status_set(STATUS_NOT_FOUND, "empty");
	b = skip_prefix(skip_spaces(b, e), e);
	if (is_minus(b, e))
		return status_set(STATUS_BAD_INPUT, "negative amounts are not allowed");
	drop_suffix(b, &e);
	if (e > b && (e[-1] == ')' || e[-1] == '-'))
		return status_set(STATUS_BAD_INPUT, "negative amounts are not allowed");

	/* digit runs and the marks between them */
	for (p = b; p < e;) {
		if (!is_digit(*p))
			break;
		if (nruns == MAX_RUNS)
			return status_set(STATUS_BAD_INPUT, MONEY_EXPECTED);
		run[nruns] = p;
		while (p < e && is_digit(*p))
			p++;
		len[nruns] = (size_t)(p - run[nruns]);
		mark[nruns++] = 0;
		if (p == e)
			break;
		if (*p == ',' || *p == '.' || *p == '\'') {
			mark[nruns - 1] = *p++;
		} else if ((n = space_len(p, e)) > 0) {
			mark[nruns - 1] = ' ';
			p += n;
		} else {
			break;
		}
		if (p == e || !is_digit(*p))
			return status_set(STATUS_BAD_INPUT, MONEY_EXPECTED);
	}
	if (p < e || nruns == 0) {
		/* 1e40, 1.2E+06: digits, then E, a sign maybe, a digit */
		if (nruns && (*p == 'e' || *p == 'E') && e - p >= 2 &&
		    (is_digit(p[1]) ||
		     ((p[1] == '+' || p[1] == '-') && e - p >= 3 && is_digit(p[2]))))
			return status_set(STATUS_BAD_INPUT,
					  "scientific notation such as 1.2E+06 has lost digits; "
					  "export the column as a plain number");
		return status_set(STATUS_BAD_INPUT, MONEY_EXPECTED);
	}

	/* which mark is the decimal one */
	for (i = 0; i + 1 < nruns; i++) {
		ndot += mark[i] == '.';
		ncomma += mark[i] == ',';
	}
	ngroup = nruns;
	if (nruns >= 2 && (mark[nruns - 2] == ',' || mark[nruns - 2] == '.')) {
		char last = mark[nruns - 2];
		size_t nlast = last == '.' ? ndot : ncomma;
		bool only = nlast == nruns - 1;

		/* (a last mark seen more than once groups, or is wrong) */
		if (nlast == 1 && !(only && thousands(len, run, nruns))) {
			dec = last;
			ngroup = nruns - 1;
		}
	}
	for (i = 0; i + 1 < ngroup; i++) {
		if (group && mark[i] != group)
			return status_set(STATUS_BAD_INPUT, MONEY_EXPECTED);
		group = mark[i];
	}
	if (ngroup > 1 && !thousands(len, run, ngroup))
		return status_set(STATUS_BAD_INPUT,
				  "thousands separators must group three digits (1,250,000)");

	for (i = 0; i < ngroup; i++) {
		for (p = run[i]; p < run[i] + len[i]; p++) {
			v = v * 10 + (*p - '0');
			if (v > PARSE_MONEY_MAX)
				return status_set(STATUS_BAD_INPUT, "too large (more than 10^15)");
		}
	}
	if (dec && run[nruns - 1][0] >= '5')
		v++;
	if (v > PARSE_MONEY_MAX)
		return status_set(STATUS_BAD_INPUT, "too large (more than 10^15)");
	*units = v;
	return STATUS_OK;
}

/* ---- dates ---- */

/* Checks a time at *p: H:MM or HH:MM, then optionally :SS and .fff. */
static bool time_of_day(const char **p, const char *e, int *h)
{
	int mi, sec;

	if (!digits(p, e, 1, 2, h) || *p == e || **p != ':')
		return false;
	(*p)++;
	if (!digits(p, e, 2, 2, &mi) || mi > 59)
		return false;
	if (*p < e && **p == ':') {
		(*p)++;
		if (!digits(p, e, 2, 2, &sec) || sec > 60)
			return false;
		if (*p < e && **p == '.') {
			(*p)++;
			if (*p == e || !is_digit(**p))
				return false;
			while (*p < e && is_digit(**p))
				(*p)++;
		}
	}
	return true;
}

static enum status bad_time(void)
{
	return status_set(STATUS_BAD_INPUT, "the time of day is out of range");
}

/* After YYYY-MM-DD: nothing, or " HH:MM[:SS]", or "THH:MM[:SS[.f]][zone]". */
static enum status iso_time(const char *p, const char *e)
{
	bool t;
	int h, zh, zm;

	if (p == e)
		return STATUS_OK;
	if (*p != ' ' && *p != 'T')
		return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
	t = *p++ == 'T';
	if (!time_of_day(&p, e, &h))
		return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
	if (h > 23)
		return bad_time();
	if (t && p < e && *p == 'Z') {
		p++;
	} else if (t && p < e && (*p == '+' || *p == '-')) {
		const char *z = ++p;
		/* +HH, +HHMM or +HH:MM */
		if (!digits(&p, e, 2, 4, &zh) || p - z == 3)
			return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
		zm = 0;
		if (p - z == 4) {
			zm = zh % 100;
			zh /= 100;
		} else if (p < e && *p == ':') {
			p++;
			if (!digits(&p, e, 2, 2, &zm))
				return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
		}
		if (zh > 14 || zm > 59)
			return bad_time();
	}
	return p == e ? STATUS_OK : status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
}

/* After MM/DD/YYYY: nothing, or " H:MM[:SS]" and optionally " AM"/" PM". */
static enum status us_time(const char *p, const char *e)
{
	int h;

	if (p == e)
		return STATUS_OK;
	if (*p != ' ')
		return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
	p++;
	if (!time_of_day(&p, e, &h))
		return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
	while (p < e && *p == ' ')
		p++;
	if (p == e)
		return h > 23 ? bad_time() : STATUS_OK;
	if (!word_is(p, e, "am") && !word_is(p, e, "pm"))
		return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
	return h >= 1 && h <= 12 ? STATUS_OK : bad_time();
}

enum status parse_date(const char *s, int *day)
{
	const char *b, *e, *p;
	int y, m, d;
	enum status st;

	if (!trim(s, &b, &e))
		return status_set(STATUS_NOT_FOUND, "empty");
	p = b;
	if (digits(&p, e, 4, 4, &y) && p < e && *p == '-') {
		p++;
		if (!digits(&p, e, 2, 2, &m) || p == e || *p != '-')
			return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
		p++;
		if (!digits(&p, e, 2, 2, &d))
			return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
		st = iso_time(p, e);
	} else {
		p = b;
		if (!digits(&p, e, 1, 2, &m) || p == e || *p != '/')
			return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
		p++;
		if (!digits(&p, e, 1, 2, &d) || p == e || *p != '/')
			return status_set(STATUS_BAD_INPUT, DATE_EXPECTED);
		p++;
		if (!digits(&p, e, 4, 4, &y))
			return status_set(STATUS_BAD_INPUT,
					  "expected a four-digit year in MM/DD/YYYY");
		if (m < 1 || m > 12)
			return status_set(
				STATUS_BAD_INPUT,
				"month out of range: dates with / are read as MM/DD/YYYY");
		st = us_time(p, e);
	}
	if (st != STATUS_OK)
		return st;
	if (!real_day(y, m, d))
		return status_set(STATUS_BAD_INPUT,
				  "not a day of the calendar (or a year before 1900)");
	*day = date_from_ymd(y, m, d);
	return STATUS_OK;
}

enum status parse_day(const char *s, int today, int *day)
{
	const char *b, *e, *p;
	int n = 0, sign;
	char buf[DATE_LEN];
	int y, m, d;

	if (!trim(s, &b, &e))
		return status_set(STATUS_NOT_FOUND, "empty; " DAY_EXPECTED);
	if (word_is(b, e, "today")) {
		*day = today;
		return STATUS_OK;
	}
	if (word_is(b, e, "yesterday")) {
		*day = today - 1;
		return STATUS_OK;
	}
	if (word_is(b, e, "tomorrow")) {
		*day = today + 1;
		return STATUS_OK;
	}
	if (*b == '+' || *b == '-') {
		sign = *b == '-' ? -1 : 1;
		p = b + 1;
		if (!digits(&p, e, 1, 5, &n) || p != e)
			return status_set(STATUS_BAD_INPUT, DAY_EXPECTED);
		if (n > 36500)
			return status_set(STATUS_BAD_INPUT, "at most 36500 days (100 years) away");
		date_to_ymd(today + sign * n, &y, &m, &d);
		if (y < 1900 || y > 9999)
			return status_set(STATUS_BAD_INPUT, "the day falls outside 1900..9999");
		*day = today + sign * n;
		return STATUS_OK;
	}
	if (e - b != 10) /* not YYYY-MM-DD, before it is copied */
		return status_set(STATUS_BAD_INPUT, DAY_EXPECTED);
	memcpy(buf, b, 10);
	buf[10] = '\0';
	if (!date_parse(buf, day))
		return status_set(STATUS_BAD_INPUT, "not a day of the calendar; " DAY_EXPECTED);
	return STATUS_OK;
}

/* ---- numbers ---- */

enum status parse_nps(const char *s, int *score)
{
	const char *b, *e, *p;
	int v, frac;

	if (!trim(s, &b, &e))
		return status_set(STATUS_NOT_FOUND, "empty");
	p = b;
	if (!digits(&p, e, 1, 2, &v))
		return status_set(STATUS_BAD_INPUT, NPS_EXPECTED);
	if (p < e && *p == '.') {
		/* 9.0, 9.00: whole numbers written as decimals */
		p++;
		if (!digits(&p, e, 1, 2, &frac) || frac != 0)
			return status_set(STATUS_BAD_INPUT,
					  "a score is a whole number from 0 to 10");
	}
	if (p < e) {
		/* a label: a space, '-', ':' or '(' first, then no more digits */
		if (*p != ' ' && *p != '\t' && *p != '-' && *p != ':' && *p != '(')
			return status_set(STATUS_BAD_INPUT, NPS_EXPECTED);
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && is_digit(*p))
			return status_set(STATUS_BAD_INPUT, NPS_EXPECTED);
	}
	if (v > 10)
		return status_set(STATUS_BAD_INPUT, "a score is a whole number from 0 to 10");
	*score = v;
	return STATUS_OK;
}

enum status parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const uint64_t big = (uint64_t)INT64_MAX + 1; /* the magnitude of INT64_MIN */
	const char *b, *e, *p;
	uint64_t v = 0;
	int64_t val;
	bool neg;

	if (!trim(s, &b, &e))
		return status_set(STATUS_NOT_FOUND, "empty; expected a whole number");
	p = b;
	neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (p == e)
		return status_set(STATUS_BAD_INPUT, "expected a whole number");
	for (; p < e; p++) {
		if (!is_digit(*p))
			return status_set(STATUS_BAD_INPUT, "expected a whole number");
		if (v <= (UINT64_MAX - 9) / 10)
			v = v * 10 + (uint64_t)(*p - '0');
		else
			v = UINT64_MAX; /* far out of range, and stays so */
	}
	if (v > (neg ? big : big - 1))
		goto range;
	val = neg ? (v == big ? INT64_MIN : -(int64_t)v) : (int64_t)v;
	if (val < min || val > max)
		goto range;
	*out = val;
	return STATUS_OK;
range:
	return status_set(STATUS_BAD_INPUT, "out of range (%lld to %lld)", (long long)min,
			  (long long)max);
}

int64_t parse_id(const char *s)
{
	int64_t v = 0;
	size_t n;

	for (n = 0; s[n]; n++) {
		if (!is_digit(s[n]) || n == 19 || v > (INT64_MAX - (s[n] - '0')) / 10)
			return 0;
		v = v * 10 + (s[n] - '0');
	}
	return v;
}

int parse_name(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

/* ---- folding ---- */

/* U+00C0..U+00FF folded; NULL keeps the code point (× and ÷). */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
	"d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
	"d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", "th", "y",
};

/* U+0100..U+017F folded: Latin Extended-A. */
static const char *const latin_ext_a[128] = {
	/* 0100 */ "a",
	"a",
	"a",
	"a",
	"a",
	"a",
	"c",
	"c",
	"c",
	"c",
	"c",
	"c",
	"c",
	"c",
	"d",
	"d",
	/* 0110 */ "d",
	"d",
	"e",
	"e",
	"e",
	"e",
	"e",
	"e",
	"e",
	"e",
	"e",
	"e",
	"g",
	"g",
	"g",
	"g",
	/* 0120 */ "g",
	"g",
	"g",
	"g",
	"h",
	"h",
	"h",
	"h",
	"i",
	"i",
	"i",
	"i",
	"i",
	"i",
	"i",
	"i",
	/* 0130 */ "i",
	"i",
	"ij",
	"ij",
	"j",
	"j",
	"k",
	"k",
	"k",
	"l",
	"l",
	"l",
	"l",
	"l",
	"l",
	"l",
	/* 0140 */ "l",
	"l",
	"l",
	"n",
	"n",
	"n",
	"n",
	"n",
	"n",
	"n",
	"n",
	"n",
	"o",
	"o",
	"o",
	"o",
	/* 0150 */ "o",
	"o",
	"oe",
	"oe",
	"r",
	"r",
	"r",
	"r",
	"r",
	"r",
	"s",
	"s",
	"s",
	"s",
	"s",
	"s",
	/* 0160 */ "s",
	"s",
	"t",
	"t",
	"t",
	"t",
	"t",
	"t",
	"u",
	"u",
	"u",
	"u",
	"u",
	"u",
	"u",
	"u",
	/* 0170 */ "u",
	"u",
	"u",
	"u",
	"w",
	"w",
	"y",
	"y",
	"y",
	"z",
	"z",
	"z",
	"z",
	"z",
	"z",
	"s",
};

void parse_fold(struct strbuf *out, const char *s)
{
	size_t n = strlen(s), k;
	const char *plain;
	uint32_t cp;

	while (n) {
		/* a run of ASCII other than capitals is copied as it is */
		for (k = 0; k < n && (unsigned char)s[k] < 0x80 && !is_upper(s[k]); k++)
			;
		if (k) {
			strbuf_add(out, s, k);
			s += k;
			n -= k;
			continue;
		}
		k = utf8_decode(s, n, &cp);
		s += k;
		n -= k;
		plain = NULL;
		if (cp < 0x80)
			strbuf_addc(out, lower((char)cp));
		else if (cp >= 0xC0 && cp <= 0xFF && (plain = latin1[cp - 0xC0]) != NULL)
			strbuf_adds(out, plain);
		else if (cp >= 0x100 && cp <= 0x17F)
			strbuf_adds(out, latin_ext_a[cp - 0x100]);
		else if (cp < 0x300 || cp > 0x36F)
			utf8_encode(out, cp);
	}
}

bool parse_fold_match(const char *haystack, const char *needle)
{
	struct strbuf h, nd;
	bool found;

	strbuf_init(&h);
	strbuf_init(&nd);
	parse_fold(&h, haystack);
	parse_fold(&nd, needle);
	found = strstr(h.buf, nd.buf) != NULL;
	strbuf_done(&h);
	strbuf_done(&nd);
	return found;
}

#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "acctplan/text.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		goto bad;
	}
	if (n < len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || (c >= 0xD800 && c <= 0xDFFF) ||
	    c > 0x10FFFF)
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 1)
			return false; /* only a valid sequence of two bytes or more is not ASCII */
		i += k;
	}
	return true;
}

void utf8_encode(struct strbuf *sb, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		strbuf_add(sb, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 4);
	}
}

struct range {
	uint32_t lo, hi;
};

/* Zero-width: combining marks, joiners, variation selectors. */
static const struct range zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},   {0x064B, 0x065F},
	{0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x0900, 0x0902}, {0x093A, 0x093C},   {0x0941, 0x0948},
	{0x094D, 0x094D}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},   {0x1AB0, 0x1AFF},
	{0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},   {0x20D0, 0x20FF},
	{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* Wide: East Asian wide and fullwidth, and emoji presentation. */
static const struct range wide[] = {
	{0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
	{0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
	{0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
	{0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
	{0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
	{0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
	{0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
	{0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
	{0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
	{0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
	{0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F004, 0x1F004},
	{0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
	{0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF},
	{0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

int cp_width(uint32_t cp)
{
	if (is_control(cp))
		return 2;
	if (cp < 0x300)
		return 1;
	if (in_table(cp, zero_width, sizeof(zero_width) / sizeof(*zero_width)))
		return 0;
	if (in_table(cp, wide, sizeof(wide) / sizeof(*wide)))
		return 2;
	return 1;
}

/* Appends the safe form of one code point; returns its width. */
static int put_safe(struct strbuf *out, uint32_t cp, int flags)
{
	char caret[3] = {'^', 0, 0};

	if ((flags & TEXT_ONELINE) && (cp == '\n' || cp == '\t' || cp == '\r')) {
		strbuf_addc(out, ' ');
		return 1;
	}
	if (!(flags & TEXT_ONELINE) && (cp == '\n')) {
		strbuf_addc(out, '\n');
		return 0;
	}
	if (cp == '\t' && !(flags & TEXT_ONELINE)) {
		strbuf_addc(out, ' ');
		return 1;
	}
	if (cp < 0x20 || cp == 0x7F) {
		caret[1] = (char)(cp == 0x7F ? '?' : cp + '@');
		strbuf_add(out, caret, 2);
		return 2;
	}
	if (cp >= 0x80 && cp < 0xA0) {
		/* C1 controls (CSI 0x9B among them): shown as a replacement */
		strbuf_adds(out, "\xEF\xBF\xBD");
		return 1;
	}
	utf8_encode(out, cp);
	return cp_width(cp);
}

static int safe_width(uint32_t cp, int flags)
{
	if ((flags & TEXT_ONELINE) && (cp == '\n' || cp == '\t' || cp == '\r'))
		return 1;
	if (cp == '\n')
		return 0;
	if (cp == '\t')
		return 1;
	if (cp >= 0x80 && cp < 0xA0)
		return 1;
	return cp_width(cp);
}

/* Columns of s once shown with these flags. */
static int width_with(const char *s, int flags)
{
	size_t n = strlen(s);
	int w = 0;

	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		w += safe_width(cp, flags);
		s += k;
		n -= k;
	}
	return w;
}

int text_width(const char *s)
{
	return width_with(s, TEXT_ONELINE);
}

int text_fit(struct strbuf *out, const char *s, int cols, int flags)
{
	size_t n = s ? strlen(s) : 0;
	int used = 0;

	if (cols >= 0 && cols < 1)
		return 0;
	/* measured with the same flags it is shown with: a CR is one column
	 * on one line but two ("^M") otherwise */
	if (cols >= 0 && width_with(s ? s : "", flags) <= cols)
		cols = -1;
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		int w = safe_width(cp, flags);

		if (cols >= 0 && used + w > cols - 1) {
			/* "…" in the last column; keep trailing combiners out */
			strbuf_adds(out, "\xE2\x80\xA6");
			return used + 1;
		}
		used += put_safe(out, cp, flags);
		s += k;
		n -= k;
	}
	return used;
}

void text_pad(struct strbuf *out, const char *s, int cols, int flags)
{
	int used = text_fit(out, s, cols, flags | TEXT_ONELINE);

	for (; used < cols; used++)
		strbuf_addc(out, ' ');
}

int text_nocase_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y || !x)
			return x < y ? -1 : x > y ? 1 : 0;
	}
}

/* ---- folding for search ------------------------------------------------ */

#include "fold.inc"

static bool combining_mark(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	       (cp >= 0xfe20 && cp <= 0xfe2f);
}

static const char *fold_cp(uint32_t cp)
{
	const char *f = NULL;

	if (cp >= 0x00c0 && cp <= 0x024f)
		f = fold_latin[cp - 0x00c0];
	else if (cp >= 0x1e00 && cp <= 0x1eff)
		f = fold_latin_more[cp - 0x1e00];
	return f && *f ? f : NULL;
}

void text_fold(struct strbuf *out, const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		const char *f;

		if (c < 0x80) {
			/* a run of ASCII in one copy, lowered where it lies */
			size_t j = i, k;

			while (j < n && (unsigned char)s[j] < 0x80)
				j++;
			k = out->len;
			strbuf_add(out, s + i, j - i);
			for (; k < out->len; k++)
				if (out->buf[k] >= 'A' && out->buf[k] <= 'Z')
					out->buf[k] = (char)(out->buf[k] - 'A' + 'a');
			i = j;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		if (combining_mark(cp))
			continue;
		if ((f = fold_cp(cp)))
			strbuf_adds(out, f);
		else
			utf8_encode(out, cp);
	}
}

bool text_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* How many of s's first len bytes, a whole number of eight-byte words,
 * hold no byte beyond ASCII and neither a nor b: the words are read whole
 * (SWAR: a byte x of a word w is 0 in w ^ x repeated), so a scan of
 * every account's text costs a few operations a word, not a byte. */
static size_t ascii_words_without(const unsigned char *s, size_t len, unsigned char a,
				  unsigned char b)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w, x, y;

		memcpy(&w, s + i, 8);
		x = w ^ (ones * a);
		y = w ^ (ones * b);
		if ((w | ((x - ones) & ~x) | ((y - ones) & ~y)) & highs)
			break;
	}
	return i;
}

int text_fold_has_ascii(const char *text, const char *needle)
{
	size_t n = strlen(needle), i;
	const unsigned char *t;
	unsigned char first;

	if (!text_ascii(needle))
		return -1;
	if (n == 0)
		return text_ascii(text) ? 1 : -1;
	/* folding ASCII lowers A-Z, as text_fold() does, and nothing else; a
	 * match before the first byte beyond ASCII is one in the folded text
	 * too, and from that byte on only text_fold() can tell. One pass:
	 * eight bytes at a time while a word holds neither a byte beyond
	 * ASCII nor the needle's first in either case (a one-letter search
	 * reads every account's text), then a byte at a time. */
	first = (unsigned char)needle[0];
	t = (const unsigned char *)text;
	t += ascii_words_without(t, strlen(text), first,
				 first >= 'a' && first <= 'z' ? (unsigned char)(first - 32)
							      : first);
	for (; *t; t++) {
		unsigned char c = *t;

		if (c >= 0x80)
			return -1;
		if ((c | 0x20) != first && c != first)
			continue;
		if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != first)
			continue;
		for (i = 1; i < n && t[i]; i++) {
			unsigned char d = t[i] >= 'A' && t[i] <= 'Z' ? t[i] | 0x20 : t[i];

			if (d != (unsigned char)needle[i])
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

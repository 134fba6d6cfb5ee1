/* The rendering of ids as people type them; see shortid.h. */
#include <string.h>

#include "acctplan/shortid.h"

static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

/* The value of c in the alphabet (any case), or -1. */
static int digit(char c)
{
	const char *p;

	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if (!c || !(p = strchr(alphabet, c)))
		return -1;
	return (int)(p - alphabet);
}

/* The id's 63 bits as a 65-bit number, two zero bits at the bottom: each
 * character i of the rendering is bits 64-5i .. 60-5i of it. */
static unsigned chunk(uint64_t v, int i)
{
	int shift = 58 - 5 * i; /* of the 63-bit value: character 12 holds bits 2..0, << 2 */

	return shift >= 0 ? (unsigned)(v >> shift) & 31u : (unsigned)(v << -shift) & 31u;
}

void shortid_render(int64_t id, char out[SHORTID_LEN])
{
	uint64_t v = (uint64_t)id & 0x7fffffffffffffffULL;
	int i;

	for (i = 0; i < SHORTID_CHARS; i++)
		out[i] = alphabet[chunk(v, i)];
	out[SHORTID_CHARS] = '\0';
}

int shortid_common(int64_t a, int64_t b)
{
	int i;

	for (i = 0; i < SHORTID_CHARS; i++)
		if (chunk((uint64_t)a, i) != chunk((uint64_t)b, i))
			break;
	return i;
}

void shortid_short(int64_t id, int64_t below, int64_t above, char out[SHORTID_LEN])
{
	int n = SHORTID_MIN, k;

	if (below > 0 && (k = shortid_common(id, below) + 1) > n)
		n = k;
	if (above > 0 && (k = shortid_common(id, above) + 1) > n)
		n = k;
	if (n > SHORTID_CHARS)
		n = SHORTID_CHARS;
	shortid_render(id, out);
	out[n] = '\0';
}

bool shortid_range(const char *s, int64_t *lo, int64_t *hi)
{
	size_t n = strlen(s), i;
	uint64_t v = 0;
	int bits = 0, d;

	if (n == 0 || n > SHORTID_CHARS)
		return false;
	for (i = 0; i < n; i++) {
		if ((d = digit(s[i])) < 0)
			return false;
		if (i == SHORTID_CHARS - 1) {
			/* the last character: three bits, the two below zero */
			if (d & 3)
				return false;
			v = v << 3 | (uint64_t)(d >> 2);
			bits += 3;
		} else {
			v = v << 5 | (uint64_t)d;
			bits += 5;
		}
	}
	*lo = (int64_t)(v << (63 - bits));
	*hi = (int64_t)(((v + 1) << (63 - bits)) - 1);
	return true;
}

bool shortid_is_prefix(const char *s)
{
	size_t n = strlen(s);
	int64_t lo, hi;

	return n >= SHORTID_MIN && shortid_range(s, &lo, &hi);
}

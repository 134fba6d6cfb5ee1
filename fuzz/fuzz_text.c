/* libFuzzer: text_fit on any bytes. The first byte picks the width and the
 * flags. Whatever comes in, what goes out is valid UTF-8 with no control
 * character (so no escape sequence can reach a terminal), no wider than
 * asked, and as wide as text_fit says. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/strbuf.h"
#include "acctplan/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_safe(const char *s, size_t n, bool oneline)
{
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);

		if (cp == 0xFFFD && k == 1)
			abort(); /* invalid UTF-8 in the output */
		if (cp == '\n' && !oneline)
			; /* a newline is kept when not one line */
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			abort(); /* a control character got through */
		s += k;
		n -= k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb;
	char *s;
	int cols, flags, used;

	if (size < 1)
		return 0;
	cols = (data[0] & 0x3F) - 1; /* -1 (no limit) .. 62 */
	flags = data[0] & 0x40 ? TEXT_ONELINE : 0;
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';

	strbuf_init(&sb);
	used = text_fit(&sb, s, cols, flags);
	check_safe(sb.buf, sb.len, flags & TEXT_ONELINE);
	if (cols >= 0 && used > cols)
		abort();
	if (flags & TEXT_ONELINE) {
		if (text_width(sb.buf) != used)
			abort();
	}
	if (cols < 0 && (flags & TEXT_ONELINE) && used != text_width(s))
		abort(); /* uncut, it is as wide as text_width says */

	strbuf_reset(&sb);
	if (cols >= 0) {
		text_pad(&sb, s, cols, flags);
		check_safe(sb.buf, sb.len, true);
		if (text_width(sb.buf) != cols)
			abort();
	}
	strbuf_done(&sb);
	free(s);
	return 0;
}

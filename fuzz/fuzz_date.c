/* libFuzzer: date_parse on any bytes. A date it accepts must be a real
 * calendar day that formats back to exactly the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char out[DATE_LEN];
	int day, y, m, d, back;

	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &day)) {
		date_format(day, out);
		if (strcmp(out, s) != 0)
			abort(); /* accepted text that is not its own canonical form */
		date_to_ymd(day, &y, &m, &d);
		if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 ||
		    date_from_ymd(y, m, d) != day || !date_parse(out, &back) || back != day)
			abort();
	}
	free(s);
	return 0;
}

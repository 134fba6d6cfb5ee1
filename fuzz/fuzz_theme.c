/* libFuzzer: theme files on any bytes. Loading either applies the whole
 * theme or leaves it untouched with a "file:line:col" message; resolving
 * any theme for any colour count gives colours the terminal has, and with
 * NO_COLOR none at all. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int counts[] = {0, 2, 8, 16, 88, 256, 16777216};
	struct theme t, before;
	struct theme_resolved r[THEME_ELEM_COUNT];
	size_t i;
	int e;

	theme_defaults(&t);
	before = t;
	if (theme_load_string(&t, "fuzz.yaml", (const char *)data, size) != STATUS_OK) {
		if (memcmp(&t, &before, sizeof(t)) != 0)
			abort();
		if (strncmp(status_detail(), "fuzz.yaml", 9) != 0)
			abort();
	}
	for (i = 0; i < sizeof(counts) / sizeof(*counts); i++) {
		int max = counts[i] >= 256 ? 256 : counts[i];
		theme_resolve(&t, counts[i], false, r);
		for (e = 0; e < THEME_ELEM_COUNT; e++)
			if (r[e].fg < -1 || r[e].bg < -1 ||
			    (max >= 8 && (r[e].fg >= max || r[e].bg >= max)) ||
			    (max < 8 && (r[e].fg != -1 || r[e].bg != -1)))
				abort();
		theme_resolve(&t, counts[i], true, r);
		for (e = 0; e < THEME_ELEM_COUNT; e++)
			if (r[e].fg != -1 || r[e].bg != -1)
				abort();
	}
	return 0;
}

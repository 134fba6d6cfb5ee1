/* libFuzzer: config_load_string on any bytes. Loading never fails the
 * program, every warning names the file, and whatever the input the
 * settings stay inside their ranges. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	size_t i;

	config_init(&c);
	config_load_string(&c, "fuzz.yaml", (const char *)data, size);
	if (c.rules.window_days < 1 || c.rules.window_days > 36500 || c.rules.loop_close_days < 0 ||
	    c.rules.loop_close_days > 3650 || !isfinite(c.rules.advocacy_high) ||
	    !isfinite(c.rules.share_high) || c.rules.advocacy_high < -100 ||
	    c.rules.advocacy_high > 100 || c.rules.share_high < 0)
		abort();
	for (i = 0; i <= ROLE_COUNT; i++)
		if (!isfinite(c.rules.weight[i]) || c.rules.weight[i] < 0)
			abort();
	for (i = 0; i < c.nwarnings; i++)
		if (strncmp(c.warnings[i], "fuzz.yaml", 9) != 0)
			abort(); /* a warning that does not say where */
	for (i = 0; i < c.nbindings; i++)
		if (!c.bindings[i].view || !c.bindings[i].key || !c.bindings[i].action)
			abort();
	config_done(&c);
	return 0;
}

/* libFuzzer: key names and key bindings on any bytes. A name either parses
 * to a key whose canonical name parses back to the same key, or is
 * refused; bindings as a config's keys: section only ever bind known
 * views and actions, and every refusal names its file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/config.h"
#include "acctplan/keys.h"
#include "acctplan/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size), name[64];
	struct config c, warn;
	struct keymap km;
	size_t i;
	int key, again;

	if (keys_parse(s, &key)) {
		keys_name(key, name, sizeof(name));
		if (!keys_parse(name, &again) || again != key)
			abort();
	}
	config_init(&c);
	config_init(&warn);
	keymap_init(&km);
	config_load_string(&c, "fuzz.yaml", (const char *)data, size);
	keymap_apply(&km, c.bindings, c.nbindings, &warn);
	for (i = 0; i < km.n; i++)
		if (km.v[i].view < 0 || km.v[i].view >= VIEW_COUNT || km.v[i].action < -1 ||
		    km.v[i].action >= ACT_COUNT)
			abort();
	for (i = 0; i < warn.nwarnings; i++)
		if (strncmp(warn.warnings[i], "fuzz.yaml:", 10) != 0)
			abort();
	keymap_done(&km);
	config_done(&warn);
	config_done(&c);
	free(s);
	return 0;
}

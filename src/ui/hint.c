/* Hints from the key map (hint.h). */
#include <stdio.h>
#include <string.h>

#include "hint.h"
#include "acctplan/strbuf.h"

struct first {
	const struct ui *ui;
	int view, action;
	bool global; /* keys of VIEW_GLOBAL: only those the view does not rebind */
	int key;
};

static void first_key(int key, void *ctx)
{
	struct first *f = ctx;

	if (f->key >= 0)
		return;
	if (f->global && keymap_lookup(&f->ui->keys, f->view, key) != f->action)
		return;
	f->key = key;
}

const char *ui_key_for(const struct ui *ui, int view, int action, char *buf, size_t n)
{
	struct first f = {ui, view, action, false, -1};
	char name[32];

	keymap_keys_for(&ui->keys, view, action, first_key, &f);
	if (f.key < 0 && view != VIEW_GLOBAL) {
		f.global = true;
		keymap_keys_for(&ui->keys, VIEW_GLOBAL, action, first_key, &f);
	}
	if (f.key < 0) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	keys_name(f.key, name, sizeof(name));
	if (ui->utf8) {
		static const char *const arrows[][2] = {
			{"Up", "↑"}, {"Down", "↓"}, {"Left", "←"}, {"Right", "→"}};
		size_t i;

		for (i = 0; i < sizeof(arrows) / sizeof(*arrows); i++)
			if (!strcmp(name, arrows[i][0]))
				snprintf(name, sizeof(name), "%s", arrows[i][1]);
	}
	snprintf(buf, n, "%s", name);
	return buf;
}

const char *ui_hint(struct ui *ui, int view, const struct hint *h, size_t n)
{
	static char line[512];
	struct strbuf sb;
	char a[32], b[32];
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		ui_key_for(ui, view, h[i].action, a, sizeof(a));
		if (h[i].action2 >= 0)
			ui_key_for(ui, view, h[i].action2, b, sizeof(b));
		else
			b[0] = '\0';
		if (!a[0] && !b[0])
			continue;
		strbuf_addf(&sb, "  %s%s%s %s", a, a[0] && b[0] && strlen(a) > 1 ? "/" : "", b,
			    h[i].words);
	}
	snprintf(line, sizeof(line), " %s", sb.len > 2 ? sb.buf + 2 : "");
	strbuf_done(&sb);
	return line;
}

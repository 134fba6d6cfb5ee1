/* Key names, the action and view tables, and the keymap (see keys.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/keys.h"
#include "acctplan/parse.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

/* Each action's and each view's names and words, from the one list; the
 * names are looked up with parse_name(). */
static const char *const action_names[ACT_COUNT] = {
#define ACTION_NAME(e, name, help) [ACT_##e] = name,
	ACTION_LIST(ACTION_NAME)
#undef ACTION_NAME
};

static const char *const action_helps[ACT_COUNT] = {
#define ACTION_HELP(e, name, help) [ACT_##e] = help,
	ACTION_LIST(ACTION_HELP)
#undef ACTION_HELP
};

static const char *const view_names[VIEW_COUNT] = {
#define VIEW_NAME(e, name, title) [VIEW_##e] = name,
	VIEW_LIST(VIEW_NAME)
#undef VIEW_NAME
};

static const char *const view_titles[VIEW_COUNT] = {
#define VIEW_TITLE(e, name, title) [VIEW_##e] = title,
	VIEW_LIST(VIEW_TITLE)
#undef VIEW_TITLE
};

const char *action_name(enum action a)
{
	return (unsigned)a < ACT_COUNT ? action_names[a] : "?";
}

const char *action_help(enum action a)
{
	return (unsigned)a < ACT_COUNT ? action_helps[a] : "?";
}

int action_from_name(const char *s)
{
	return parse_name(s, action_names, ACT_COUNT);
}

const char *view_name(enum view_id v)
{
	return (unsigned)v < VIEW_COUNT ? view_names[v] : "?";
}

const char *view_title(enum view_id v)
{
	return (unsigned)v < VIEW_COUNT ? view_titles[v] : "?";
}

int view_from_name(const char *s)
{
	return parse_name(s, view_names, VIEW_COUNT);
}

/* ---- key names -------------------------------------------------------- */

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	/* the first name of a key is its canonical one */
	{"Up", KEYS_UP},
	{"Down", KEYS_DOWN},
	{"Left", KEYS_LEFT},
	{"Right", KEYS_RIGHT},
	{"PgUp", KEYS_PGUP},
	{"PageUp", KEYS_PGUP},
	{"PgDn", KEYS_PGDN},
	{"PageDown", KEYS_PGDN},
	{"Home", KEYS_HOME},
	{"End", KEYS_END},
	{"Ins", KEYS_INSERT},
	{"Insert", KEYS_INSERT},
	{"Del", KEYS_DELETE},
	{"Delete", KEYS_DELETE},
	{"Backspace", KEYS_BACKSPACE},
	{"BS", KEYS_BACKSPACE},
	{"Enter", KEYS_ENTER},
	{"Return", KEYS_ENTER},
	{"RET", KEYS_ENTER},
	{"Tab", KEYS_TAB},
	{"S-Tab", KEYS_BTAB},
	{"BackTab", KEYS_BTAB},
	{"Esc", KEYS_ESC},
	{"Escape", KEYS_ESC},
	{"Space", ' '},
	{"SPC", ' '},
	{"Lt", '<'},
	{"Gt", '>'},
};

int keys_control(int c)
{
	switch (c) {
	case 8:
	case 127:
		return KEYS_BACKSPACE;
	case 9:
		return KEYS_TAB;
	case 10:
	case 13:
		return KEYS_ENTER;
	case 27:
		return KEYS_ESC;
	default:
		return c;
	}
}

/* One code point filling all of s, printable. */
static bool single_char(const char *s, int *key)
{
	size_t n = strlen(s), k;
	uint32_t cp;

	if (n == 0)
		return false;
	k = utf8_decode(s, n, &cp);
	if (k != n || cp == 0xFFFD || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return false;
	*key = (int)cp;
	return true;
}

static bool parse_plain(const char *s, int *key)
{
	size_t i;
	char *end;
	long f;

	if (single_char(s, key))
		return true;
	for (i = 0; i < sizeof(named_keys) / sizeof(*named_keys); i++) {
		if (!strcasecmp(s, named_keys[i].name)) {
			*key = named_keys[i].key;
			return true;
		}
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9') {
		f = strtol(s + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 24) {
			*key = KEYS_F0 + (int)f;
			return true;
		}
	}
	if ((s[0] == 'C' || s[0] == 'c') && s[1] == '-' && s[2] && !s[3]) {
		int c = (unsigned char)s[2];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c >= 'a' && c <= 'z') {
			*key = keys_control(c - 'a' + 1);
			return true;
		}
		if (c == '[') {
			*key = KEYS_ESC;
			return true;
		}
		if (c == '@' || c == ' ')
			return false; /* NUL is no key */
	}
	return false;
}

bool keys_parse(const char *s, int *key)
{
	size_t n;
	char buf[32];

	if (!s || !*s)
		return false;
	n = strlen(s);
	if (n > 2 && s[0] == '<' && s[n - 1] == '>' && n - 2 < sizeof(buf)) {
		memcpy(buf, s + 1, n - 2);
		buf[n - 2] = '\0';
		return keys_parse(buf, key);
	}
	if ((s[0] == 'M' || s[0] == 'm') && s[1] == '-' && s[2]) {
		if (!parse_plain(s + 2, key) || (*key & KEYS_META))
			return false;
		*key |= KEYS_META;
		return true;
	}
	return parse_plain(s, key);
}

const char *keys_name(int key, char *buf, size_t n)
{
	const char *meta = (key & KEYS_META) ? "M-" : "";
	size_t i;

	key &= ~KEYS_META;
	for (i = 0; i < sizeof(named_keys) / sizeof(*named_keys); i++) {
		if (named_keys[i].key == key && key != '<' && key != '>') {
			snprintf(buf, n, "%s%s", meta, named_keys[i].name);
			return buf;
		}
	}
	if (key > KEYS_F0 && key <= KEYS_LAST) {
		snprintf(buf, n, "%sF%d", meta, key - KEYS_F0);
	} else if (key >= 1 && key <= 26) {
		snprintf(buf, n, "%sC-%c", meta, 'a' + key - 1);
	} else if (key > ' ' && key < KEYS_BASE) {
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_adds(&sb, meta);
		utf8_encode(&sb, (uint32_t)key);
		snprintf(buf, n, "%s", sb.buf);
		strbuf_done(&sb);
	} else {
		snprintf(buf, n, "%s?", meta);
	}
	return buf;
}

/* ---- the keymap -------------------------------------------------------- */

void keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof(*km));
}

void keymap_done(struct keymap *km)
{
	free(km->v);
	memset(km, 0, sizeof(*km));
}

void keymap_bind(struct keymap *km, int view, int key, int action)
{
	size_t i;

	for (i = 0; i < km->n; i++) {
		if (km->v[i].view == view && km->v[i].key == key) {
			km->v[i].action = action;
			return;
		}
	}
	km->v = xgrow(km->v, &km->cap, km->n + 1, sizeof(*km->v));
	km->v[km->n++] = (struct keymap_entry){view, key, action};
}

static void warn(struct config *c, const char *where, const char *fmt, const char *what)
{
	char *msg;
	struct strbuf safe;

	if (!c)
		return;
	strbuf_init(&safe);
	text_fit(&safe, what, 40, TEXT_ONELINE);
	msg = xasprintf("%s: ", where ? where : "keys");
	{
		char *full = xasprintf(fmt, safe.buf);
		char *both = xasprintf("%s%s", msg, full);
		config_warn(c, both);
		free(both);
		free(full);
	}
	free(msg);
	strbuf_done(&safe);
}

size_t keymap_apply(struct keymap *km, const struct config_binding *b, size_t n, struct config *w)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		int view = view_from_name(b[i].view), key, action;

		if (view < 0) {
			warn(w, b[i].where,
			     "keys: unknown view \"%s\" (global, board, scatter,"
			     " accounts, account, help)",
			     b[i].view);
			bad++;
		} else if (!keys_parse(b[i].key, &key)) {
			warn(w, b[i].where,
			     "keys: unknown key \"%s\" (e.g. j, C-x, Enter, F5, PgDn)", b[i].key);
			bad++;
		} else if (!strcmp(b[i].action, "none")) {
			keymap_bind(km, view, key, -1);
		} else if ((action = action_from_name(b[i].action)) < 0) {
			warn(w, b[i].where, "keys: unknown action \"%s\" (see the help overlay, ?)",
			     b[i].action);
			bad++;
		} else {
			keymap_bind(km, view, key, action);
		}
	}
	return bad;
}

int keymap_lookup(const struct keymap *km, int view, int key)
{
	size_t i;
	int global = -1;

	for (i = 0; i < km->n; i++) {
		if (km->v[i].key != key)
			continue;
		if (km->v[i].view == view)
			return km->v[i].action;
		if (km->v[i].view == VIEW_GLOBAL)
			global = km->v[i].action;
	}
	return global;
}

void keymap_keys_for(const struct keymap *km, int view, int action, void (*cb)(int key, void *ctx),
		     void *ctx)
{
	size_t i;

	for (i = 0; i < km->n; i++)
		if (km->v[i].view == view && km->v[i].action == action)
			cb(km->v[i].key, ctx);
}

/* Themes: loading from YAML and resolving for a terminal (see theme.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/theme.h"
#include "acctplan/config.h"
#include "acctplan/xalloc.h"
#include "acctplan/yamldoc.h"
#include "acctplan_build.h"

/* The shipped themes, embedded from the themes directory at build time. */
extern const char theme_default_yaml[], theme_light_yaml[], theme_high_contrast_yaml[],
	theme_mono_yaml[];
extern const unsigned long theme_default_yaml_len, theme_light_yaml_len,
	theme_high_contrast_yaml_len, theme_mono_yaml_len;

static const struct {
	const char *name;
	int mono;
} elems[THEME_ELEM_COUNT] = {
#define THEME_ELEM_ROW(e, name, mono) [THEME_##e] = {name, mono},
	THEME_ELEM_LIST(THEME_ELEM_ROW)
#undef THEME_ELEM_ROW
};

static const char *const color_names[16] = {
	"black",        "red",           "green",       "yellow",         "blue",
	"magenta",      "cyan",          "white",       "bright-black",   "bright-red",
	"bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
	"bright-white",
};

/* xterm's default RGB for the 16 basic colours. */
static const int basic_rgb[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

static const struct {
	const char *name;
	int bit;
} attr_names[] = {
	{"bold", THEME_A_BOLD},       {"dim", THEME_A_DIM},       {"underline", THEME_A_UNDERLINE},
	{"reverse", THEME_A_REVERSE}, {"italic", THEME_A_ITALIC},
};

const char *theme_elem_name(enum theme_elem e)
{
	return (unsigned)e < THEME_ELEM_COUNT ? elems[e].name : "?";
}

bool theme_parse_color(const char *s, struct theme_color *c)
{
	char *end;
	long v;
	int i;

	if (!s || !*s)
		return false;
	if (!strcasecmp(s, "default") || !strcasecmp(s, "none")) {
		*c = (struct theme_color){COLOR_KIND_DEFAULT, 0};
		return true;
	}
	for (i = 0; i < 16; i++) {
		if (!strcasecmp(s, color_names[i])) {
			*c = (struct theme_color){COLOR_KIND_INDEX, i};
			return true;
		}
	}
	if (!strcasecmp(s, "grey") || !strcasecmp(s, "gray")) {
		*c = (struct theme_color){COLOR_KIND_INDEX, 8};
		return true;
	}
	if (s[0] == '#') {
		if (strlen(s) != 7)
			return false;
		for (i = 1; i < 7; i++)
			if (!strchr("0123456789abcdefABCDEF", s[i]))
				return false;
		*c = (struct theme_color){COLOR_KIND_RGB, (int)strtol(s + 1, NULL, 16)};
		return true;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		v = strtol(s, &end, 10);
		if (*end || v < 0 || v > 255)
			return false;
		*c = (struct theme_color){COLOR_KIND_INDEX, (int)v};
		return true;
	}
	return false;
}

/* ---- resolution -------------------------------------------------------- */

static int cube_level(int v)
{
	return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
}

static int cube_value(int level)
{
	return level ? 55 + level * 40 : 0;
}

static int dist2(int a, int b)
{
	int dr = ((a >> 16) & 255) - ((b >> 16) & 255);
	int dg = ((a >> 8) & 255) - ((b >> 8) & 255);
	int db = (a & 255) - (b & 255);

	return dr * dr + dg * dg + db * db;
}

/* The RGB value of one of the 256 colours. */
static int index_rgb(int i)
{
	if (i < 16)
		return basic_rgb[i];
	if (i < 232) {
		i -= 16;
		return cube_value(i / 36) << 16 | cube_value(i / 6 % 6) << 8 | cube_value(i % 6);
	}
	i = 8 + (i - 232) * 10;
	return i << 16 | i << 8 | i;
}

static int rgb_to_256(int rgb)
{
	int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
	int ri = cube_level(r), gi = cube_level(g), bi = cube_level(b);
	int cube = 16 + 36 * ri + 6 * gi + bi;
	int avg = (r + g + b) / 3;
	int grey = avg > 238 ? 23 : avg < 8 ? 0 : (avg - 8) / 10;
	int gidx = 232 + grey;

	return dist2(index_rgb(gidx), rgb) < dist2(index_rgb(cube), rgb) ? gidx : cube;
}

static int rgb_to_16(int rgb)
{
	int i, best = 0, bestd = -1;

	for (i = 0; i < 16; i++) {
		int d = dist2(basic_rgb[i], rgb);
		if (bestd < 0 || d < bestd) {
			best = i;
			bestd = d;
		}
	}
	return best;
}

int theme_color_index(struct theme_color c, int colors)
{
	int i;

	if (c.kind == COLOR_KIND_DEFAULT)
		return -1;
	if (colors >= 256) {
		return c.kind == COLOR_KIND_RGB ? rgb_to_256(c.value) : c.value;
	}
	i = c.kind == COLOR_KIND_RGB ? rgb_to_16(c.value)
	    : c.value < 16           ? c.value
				     : rgb_to_16(index_rgb(c.value));
	if (colors >= 16)
		return i;
	return i & 7;
}

void theme_resolve(const struct theme *t, int colors, bool no_color,
		   struct theme_resolved out[THEME_ELEM_COUNT])
{
	int e;

	for (e = 0; e < THEME_ELEM_COUNT; e++) {
		const struct theme_style *s = &t->style[e];

		if (no_color || colors < 8) {
			out[e].fg = out[e].bg = -1;
			out[e].attrs =
				elems[e].mono | (s->attrs & (THEME_A_BOLD | THEME_A_UNDERLINE));
			continue;
		}
		out[e].fg = theme_color_index(s->fg, colors);
		out[e].bg = theme_color_index(s->bg, colors);
		out[e].attrs = s->attrs;
		/* eight colours: a bright foreground keeps its brightness as bold */
		if (colors < 16 && out[e].fg >= 0) {
			int full = theme_color_index(s->fg, 16);
			if (full >= 8)
				out[e].attrs |= THEME_A_BOLD;
		}
		if (out[e].fg >= 0 && out[e].fg == out[e].bg)
			out[e].attrs |= THEME_A_REVERSE; /* never invisible text */
	}
}

/* ---- loading ----------------------------------------------------------- */

static enum status parse_attrs(struct yamldoc *y, yaml_node_t *n, int *attrs)
{
	const char *s = yamldoc_scalar(n);
	yaml_node_item_t *it;
	size_t i;

	*attrs = 0;
	if (n->type == YAML_SEQUENCE_NODE) {
		for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			yaml_node_t *v = yamldoc_node(y, *it);
			int a;
			enum status st;
			if (!v || v->type != YAML_SCALAR_NODE)
				return yamldoc_error(y, v ? v : n, "expected an attribute name");
			if ((st = parse_attrs(y, v, &a)) != STATUS_OK)
				return st;
			*attrs |= a;
		}
		return STATUS_OK;
	}
	if (!s)
		return yamldoc_error(y, n,
				     "expected attributes (bold, dim, underline, reverse, italic)");
	{
		char *copy = xstrdup(s), *tok, *save = NULL;
		enum status st = STATUS_OK;

		for (tok = strtok_r(copy, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
			for (i = 0; i < sizeof(attr_names) / sizeof(*attr_names); i++)
				if (!strcasecmp(tok, attr_names[i].name))
					break;
			if (i == sizeof(attr_names) / sizeof(*attr_names)) {
				if (strcasecmp(tok, "none") && strcasecmp(tok, "normal")) {
					st = yamldoc_error(
						y, n,
						"unknown attribute \"%.30s\" (bold, dim, underline,"
						" reverse, italic)",
						tok);
					break;
				}
				continue;
			}
			*attrs |= attr_names[i].bit;
		}
		free(copy);
		return st;
	}
}

static enum status parse_style(struct yamldoc *y, yaml_node_t *n, struct theme_style *s)
{
	yaml_node_pair_t *p;
	enum status st;

	if (n->type != YAML_MAPPING_NODE)
		return yamldoc_error(y, n, "expected {fg: COLOUR, bg: COLOUR, attrs: [...]}");
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(y, p->key), *v = yamldoc_node(y, p->value);
		const char *key = yamldoc_scalar(k);

		if (!key || !v)
			return yamldoc_error(y, k ? k : n, "expected fg, bg or attrs");
		if (!strcmp(key, "fg") || !strcmp(key, "bg")) {
			struct theme_color c;
			const char *val = yamldoc_scalar(v);
			if (!theme_parse_color(val, &c))
				return yamldoc_error(
					y, v,
					"bad colour \"%.30s\" (default, a name like red or"
					" bright-blue, 0-255, or #rrggbb)",
					val ? val : "?");
			if (key[0] == 'f')
				s->fg = c;
			else
				s->bg = c;
		} else if (!strcmp(key, "attrs")) {
			if ((st = parse_attrs(y, v, &s->attrs)) != STATUS_OK)
				return st;
		} else {
			return yamldoc_error(y, k, "unknown key \"%.30s\" (fg, bg, attrs)", key);
		}
	}
	return STATUS_OK;
}

enum status theme_load_string(struct theme *t, const char *name, const char *text, size_t len)
{
	struct yamldoc y;
	struct theme work = *t;
	yaml_node_t *root, *colors = NULL;
	yaml_node_pair_t *p;
	enum status st = STATUS_OK;

	if ((st = yamldoc_load(&y, name, text, len)) != STATUS_OK)
		return st;
	root = yamldoc_root(&y);
	if (!root || root->type != YAML_MAPPING_NODE) {
		st = yamldoc_error(&y, root ? root : NULL, "expected a map with colors:");
		yamldoc_done(&y);
		return st;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(&y, p->key), *v = yamldoc_node(&y, p->value);
		const char *key = yamldoc_scalar(k);

		if (key && !strcmp(key, "colors") && v)
			colors = v;
		else if (key && (!strcmp(key, "name") || !strcmp(key, "description")))
			continue;
		else {
			st = yamldoc_error(&y, k,
					   "unknown key \"%.30s\" (name, description, colors)",
					   key ? key : "?");
			goto out;
		}
	}
	if (!colors || colors->type != YAML_MAPPING_NODE) {
		st = yamldoc_error(&y, colors ? colors : root,
				   "expected colors: {ELEMENT: {fg, bg, attrs}}");
		goto out;
	}
	for (p = colors->data.mapping.pairs.start; p < colors->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(&y, p->key), *v = yamldoc_node(&y, p->value);
		const char *key = yamldoc_scalar(k);
		int e;

		for (e = 0; key && e < THEME_ELEM_COUNT; e++)
			if (!strcmp(key, elems[e].name))
				break;
		if (!key || e == THEME_ELEM_COUNT) {
			st = yamldoc_error(&y, k, "unknown element \"%.30s\"", key ? key : "?");
			goto out;
		}
		if (!v || (st = parse_style(&y, v, &work.style[e])) != STATUS_OK) {
			if (!v)
				st = yamldoc_error(&y, k, "expected a style");
			goto out;
		}
	}
	*t = work;
out:
	yamldoc_done(&y);
	return st;
}

static const struct {
	const char *name;
	const char *text;
	const unsigned long *len;
} builtin[] = {
	{"default", theme_default_yaml, &theme_default_yaml_len},
	{"light", theme_light_yaml, &theme_light_yaml_len},
	{"high-contrast", theme_high_contrast_yaml, &theme_high_contrast_yaml_len},
	{"mono", theme_mono_yaml, &theme_mono_yaml_len},
};

void theme_defaults(struct theme *t)
{
	enum status st;

	memset(t, 0, sizeof(*t));
	st = theme_load_string(t, "themes/default.yaml", builtin[0].text, *builtin[0].len);
	(void)st;
}

/* A name is a plain file name: no path, so --theme cannot read elsewhere. */
static bool name_ok(const char *name)
{
	return *name && !strchr(name, '/') && name[0] != '.' && strlen(name) < 64;
}

static enum status try_file(struct theme *t, const char *path, bool *found)
{
	char *text;
	size_t len;
	enum status st = read_file(path, &text, &len);

	*found = st != STATUS_NOT_FOUND;
	if (st != STATUS_OK)
		return st;
	st = theme_load_string(t, path, text, len);
	free(text);
	return st;
}

enum status theme_load(struct theme *t, const char *name)
{
	char *dir, *paths[3];
	size_t i;
	enum status st = STATUS_OK;
	bool found = false;

	theme_defaults(t);
	if (!name_ok(name))
		return status_set(STATUS_CONFIG, "theme \"%.40s\": not a theme name", name);
	dir = config_dir();
	paths[0] = xasprintf("%s/themes/%s.yaml", dir, name);
	paths[1] = xasprintf("%s/themes/%s.yaml", ACCTPLAN_DATADIR, name);
	paths[2] = NULL;
	free(dir);
	for (i = 0; paths[i] && !found; i++) {
		st = try_file(t, paths[i], &found);
		if (found && st != STATUS_OK)
			theme_defaults(t);
	}
	for (i = 0; paths[i]; i++)
		free(paths[i]);
	if (found)
		return st;
	for (i = 0; i < sizeof(builtin) / sizeof(*builtin); i++)
		if (!strcmp(name, builtin[i].name))
			return theme_load_string(t, builtin[i].name, builtin[i].text,
						 *builtin[i].len);
	return status_set(STATUS_CONFIG,
			  "theme \"%.40s\" not found (default, light, high-contrast,"
			  " mono, or NAME.yaml in the config directory's themes/)",
			  name);
}

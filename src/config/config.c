#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/config.h"
#include "acctplan/xalloc.h"
#include "acctplan/yamldoc.h"

void config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	rules_defaults(&c->rules);
	quiet_seasons_init(&c->seasons);
	c->mouse = true;
}

void config_done(struct config *c)
{
	size_t i;

	for (i = 0; i < c->nbindings; i++) {
		free(c->bindings[i].view);
		free(c->bindings[i].key);
		free(c->bindings[i].action);
		free(c->bindings[i].where);
	}
	free(c->bindings);
	xfree_strings(c->warnings, c->nwarnings);
	free(c->theme);
	free(c->sync_dir);
	free(c->sync_name);
	quiet_seasons_done(&c->seasons);
	memset(c, 0, sizeof(*c));
}

void config_warn(struct config *c, const char *msg)
{
	c->warnings = xgrow(c->warnings, &c->warnings_cap, c->nwarnings + 1, sizeof(char *));
	c->warnings[c->nwarnings++] = xstrdup(msg);
}

static void warn_at(struct config *c, struct yamldoc *y, yaml_node_t *n, const char *fmt,
		    const char *arg)
{
	yamldoc_error(y, n, fmt, arg);
	config_warn(c, status_detail());
}

/* Whether s is a plain decimal number: an optional sign, digits, an
 * optional point and digits. No hex (0x1E), exponents, inf or nan. */
static bool decimal(const char *s)
{
	bool digits = false;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits = true;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits = true;
	return digits && !*s;
}

static bool get_number(struct config *c, struct yamldoc *y, yaml_node_t *n, double lo, double hi,
		       double *out)
{
	const char *s = yamldoc_scalar(n);
	char *end;
	double v;

	if (!s || !*s) {
		warn_at(c, y, n, "expected a number%s", "");
		return false;
	}
	if (!decimal(s)) {
		warn_at(c, y, n, "\"%.40s\" is not a plain decimal number", s);
		return false;
	}
	errno = 0;
	v = strtod(s, &end);
	if (*end || errno || !isfinite(v)) {
		warn_at(c, y, n, "\"%.40s\" is not a number", s);
		return false;
	}
	if (v < lo || v > hi) {
		char range[96];
		snprintf(range, sizeof(range), "%g is out of range (%g to %g)", v, lo, hi);
		warn_at(c, y, n, "%s", range);
		return false;
	}
	*out = v;
	return true;
}

/* Whether the key of pair p appears again later in mapping map. */
static bool repeated(struct yamldoc *y, yaml_node_t *map, yaml_node_pair_t *p)
{
	const char *key = yamldoc_scalar(yamldoc_node(y, p->key));
	yaml_node_pair_t *q;

	for (q = p + 1; key && q < map->data.mapping.pairs.top; q++) {
		const char *other = yamldoc_scalar(yamldoc_node(y, q->key));
		if (other && !strcmp(other, key))
			return true;
	}
	return false;
}

static bool get_bool(struct config *c, struct yamldoc *y, yaml_node_t *n, bool *out)
{
	const char *s = yamldoc_scalar(n);

	if (s && (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on"))) {
		*out = true;
		return true;
	}
	if (s && (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off"))) {
		*out = false;
		return true;
	}
	warn_at(c, y, n, "expected true or false, not \"%.40s\"", s ? s : "a list or map");
	return false;
}

static void load_weights(struct config *c, struct yamldoc *y, yaml_node_t *map)
{
	yaml_node_pair_t *p;

	if (map->type != YAML_MAPPING_NODE) {
		warn_at(c, y, map, "weights: expected a map of role: weight%s", "");
		return;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(y, p->key), *v = yamldoc_node(y, p->value);
		const char *role = yamldoc_scalar(k);
		int r = role_from_name(role);
		double w;

		if (repeated(y, map, p))
			warn_at(c, y, k, "\"%.40s\" is weighted twice: the last one counts",
				role ? role : "?");
		if (r < 0) {
			warn_at(c, y, k,
				"unknown role \"%.40s\" (decision_maker, influencer, user, other, anonymous)",
				role ? role : "?");
			continue;
		}
		if (get_number(c, y, v, 0, 1000, &w))
			c->rules.weight[r] = w;
	}
}

/* A whole number of days in lo..hi, for the setting `name`. */
static void get_days(struct config *c, struct yamldoc *y, yaml_node_t *v, const char *name, int lo,
		     int hi, int *out)
{
	double d;

	if (!get_number(c, y, v, lo, hi, &d))
		return;
	if (d != floor(d))
		warn_at(c, y, v, "%s must be a whole number", name);
	else
		*out = (int)d;
}

/* quiet_seasons: {SEGMENT: ["MM-DD..MM-DD", ...]}. A bad season is left
 * out with a warning; the segment's other seasons still count. The file's
 * setting replaces the seasons before it (a later file's, the defaults'). */
static void load_seasons(struct config *c, struct yamldoc *y, yaml_node_t *map)
{
	yaml_node_pair_t *p;
	yaml_node_item_t *i;

	if (map->type != YAML_MAPPING_NODE) {
		warn_at(c, y, map, "quiet_seasons: expected a map of segment: [\"MM-DD..MM-DD\"]%s",
			"");
		return;
	}
	quiet_seasons_done(&c->seasons);
	quiet_seasons_init(&c->seasons);
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(y, p->key), *v = yamldoc_node(y, p->value);
		const char *segment = yamldoc_scalar(k);

		if (!segment || !*segment) {
			warn_at(c, y, k, "quiet_seasons: expected a segment's name%s", "");
			continue;
		}
		if (repeated(y, map, p))
			warn_at(c, y, k, "quiet_seasons: \"%.40s\" is given twice: both count",
				segment);
		if (!v || v->type != YAML_SEQUENCE_NODE) {
			warn_at(c, y, v ? v : k,
				"quiet_seasons: %.40s: expected a list of \"MM-DD..MM-DD\"",
				segment);
			continue;
		}
		for (i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
			yaml_node_t *e = yamldoc_node(y, *i);
			const char *s = e ? yamldoc_scalar(e) : NULL;
			int from, to;

			if (!quiet_season_parse(s, &from, &to)) {
				warn_at(c, y, e ? e : v,
					"quiet season \"%.40s\" is not MM-DD..MM-DD (real days,"
					" 12-15..01-10 runs across the new year)",
					s ? s : "a list or map");
				continue;
			}
			quiet_seasons_add(&c->seasons, segment, from, to);
		}
	}
}

static char *node_where(struct yamldoc *y, yaml_node_t *n)
{
	return xasprintf("%s:%zu:%zu", y->name, n->start_mark.line + 1, n->start_mark.column + 1);
}

static void load_keys(struct config *c, struct yamldoc *y, yaml_node_t *map)
{
	yaml_node_pair_t *p, *q;

	if (map->type != YAML_MAPPING_NODE) {
		warn_at(c, y, map, "keys: expected a map of view: {key: action}%s", "");
		return;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *vk = yamldoc_node(y, p->key), *vm = yamldoc_node(y, p->value);
		const char *view = yamldoc_scalar(vk);

		if (!view || !vm || vm->type != YAML_MAPPING_NODE) {
			warn_at(c, y, vm ? vm : vk, "keys: expected view: {key: action}%s", "");
			continue;
		}
		for (q = vm->data.mapping.pairs.start; q < vm->data.mapping.pairs.top; q++) {
			yaml_node_t *kn = yamldoc_node(y, q->key), *an = yamldoc_node(y, q->value);
			const char *key = yamldoc_scalar(kn), *action = yamldoc_scalar(an);
			struct config_binding *b;

			if (repeated(y, vm, q))
				warn_at(c, y, kn,
					"key \"%.40s\" is bound twice here: the last one counts",
					key ? key : "?");
			if (!key || !action) {
				warn_at(c, y, an ? an : kn, "keys: expected KEY: ACTION%s", "");
				continue;
			}
			c->bindings = xgrow(c->bindings, &c->bindings_cap, c->nbindings + 1,
					    sizeof(*c->bindings));
			b = &c->bindings[c->nbindings++];
			b->view = xstrdup(view);
			b->key = xstrdup(key);
			b->action = xstrdup(action);
			b->where = node_where(y, kn);
		}
	}
}

/* sync: {dir: PATH, name: NAME} */
static void load_sync(struct config *c, struct yamldoc *y, yaml_node_t *map)
{
	yaml_node_pair_t *p;

	if (map->type != YAML_MAPPING_NODE) {
		warn_at(c, y, map, "sync: expected a map: {dir: PATH, name: NAME}%s", "");
		return;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(y, p->key), *v = yamldoc_node(y, p->value);
		const char *key = yamldoc_scalar(k), *val = v ? yamldoc_scalar(v) : NULL;
		const char *home = getenv("HOME");

		if (!key || (strcmp(key, "dir") != 0 && strcmp(key, "name") != 0)) {
			warn_at(c, y, k, "sync: unknown setting \"%.40s\" (dir, name)",
				key ? key : "?");
		} else if (!val || !*val) {
			warn_at(c, y, v ? v : k, "sync: %s: expected text", key);
		} else if (!strcmp(key, "dir")) {
			free(c->sync_dir);
			c->sync_dir = !strncmp(val, "~/", 2) && home && *home
					      ? xasprintf("%s/%s", home, val + 2)
					      : xstrdup(val);
		} else {
			free(c->sync_name);
			c->sync_name = xstrdup(val);
		}
	}
}

void config_load_string(struct config *c, const char *name, const char *text, size_t len)
{
	struct yamldoc y;
	yaml_node_t *root;
	yaml_node_pair_t *p;

	if (yamldoc_load(&y, name, text, len) != STATUS_OK) {
		config_warn(c, status_detail());
		return;
	}
	root = yamldoc_root(&y);
	if (!root || (root->type == YAML_SCALAR_NODE && !*yamldoc_scalar(root))) {
		yamldoc_done(&y);
		return; /* an empty file is a valid config */
	}
	if (root->type != YAML_MAPPING_NODE) {
		warn_at(c, &y, root, "expected a map of settings%s", "");
		yamldoc_done(&y);
		return;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(&y, p->key), *v = yamldoc_node(&y, p->value);
		const char *key = yamldoc_scalar(k);
		double d;

		if (key && repeated(&y, root, p))
			warn_at(c, &y, k,
				"\"%.40s\" is set twice in this file: the last one counts", key);
		if (!key || !v) {
			warn_at(c, &y, k, "expected a setting name%s", "");
		} else if (!strcmp(key, "advocacy_high")) {
			if (get_number(c, &y, v, -100, 100, &d))
				c->rules.advocacy_high = d;
		} else if (!strcmp(key, "share_high")) {
			/* a ratio: 0.40 is 40%; above 1 every account would be low */
			if (get_number(c, &y, v, 0, 1, &d))
				c->rules.share_high = d;
		} else if (!strcmp(key, "window_days")) {
			if (get_number(c, &y, v, 1, 36500, &d)) {
				if (d != floor(d))
					warn_at(c, &y, v, "window_days must be a whole number%s",
						"");
				else
					c->rules.window_days = (int)d;
			}
		} else if (!strcmp(key, "loop_close_days")) {
			if (get_number(c, &y, v, 0, 3650, &d)) {
				if (d != floor(d))
					warn_at(c, &y, v,
						"loop_close_days must be a whole number%s", "");
				else
					c->rules.loop_close_days = (int)d;
			}
		} else if (!strcmp(key, "referral_days")) {
			get_days(c, &y, v, "referral_days", 1, 3650, &c->rules.referral_days);
		} else if (!strcmp(key, "winback_days")) {
			get_days(c, &y, v, "winback_days", 1, 3650, &c->rules.winback_days);
		} else if (!strcmp(key, "quiet_seasons")) {
			load_seasons(c, &y, v);
		} else if (!strcmp(key, "weights")) {
			load_weights(c, &y, v);
		} else if (!strcmp(key, "theme")) {
			const char *s = yamldoc_scalar(v);
			if (!s || !*s) {
				warn_at(c, &y, v, "theme: expected a theme name%s", "");
			} else {
				free(c->theme);
				c->theme = xstrdup(s);
			}
		} else if (!strcmp(key, "mouse")) {
			get_bool(c, &y, v, &c->mouse);
		} else if (!strcmp(key, "keys")) {
			load_keys(c, &y, v);
		} else if (!strcmp(key, "sync")) {
			load_sync(c, &y, v);
		} else {
			warn_at(c, &y, k, "unknown setting \"%.40s\"", key);
		}
	}
	yamldoc_done(&y);
}

void config_load_file(struct config *c, const char *path, bool required)
{
	char *text;
	size_t len;
	enum status st = read_file(path, &text, &len);

	if (st == STATUS_NOT_FOUND && !required)
		return;
	if (st != STATUS_OK) {
		config_warn(c, status_detail());
		return;
	}
	config_load_string(c, path, text, len);
	free(text);
}

static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home = getenv("HOME");

	if (v && *v == '/')
		return xasprintf("%s/acctplan", v);
	return xasprintf("%s/%s/acctplan", home && *home ? home : ".", fallback);
}

char *config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *config_default_db(void)
{
	char *dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	char *path = xasprintf("%s/acctplan.db", dir);
	free(dir);
	return path;
}

/* The import map file; colmap.h has the format. */
#include <stdlib.h>
#include <string.h>

#include "acctplan/colmap.h"
#include "acctplan/xalloc.h"
#include "acctplan/yamldoc.h"

void colmap_init(struct colmap *m)
{
	memset(m, 0, sizeof(*m));
}

void colmap_done(struct colmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->e[i].field);
		free(m->e[i].header);
		free(m->e[i].where);
	}
	free(m->e);
	memset(m, 0, sizeof(*m));
}

/* A plain ~, null or nothing. */
static bool is_null(yaml_node_t *n)
{
	const char *s = yamldoc_scalar(n);

	return s && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
		!strcmp(s, "NULL"));
}

static enum status columns(struct colmap *m, struct yamldoc *y, yaml_node_t *map)
{
	yaml_node_pair_t *p;

	if (map->type != YAML_MAPPING_NODE)
		return yamldoc_error(y, map, "columns: expected FIELD: \"Header\" pairs%s", "");
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(y, p->key), *v = yamldoc_node(y, p->value);
		const char *field = yamldoc_scalar(k), *header = yamldoc_scalar(v);
		struct colmap_entry *e;

		if (!field || !*field)
			return yamldoc_error(y, k, "expected a field name%s", "");
		if (!header)
			return yamldoc_error(y, v, "%s: expected the header text of a column",
					     field);
		if (!is_null(v) && !*header)
			return yamldoc_error(y, v, "%s: the header text is empty", field);
		m->e = xgrow(m->e, &m->cap, m->n + 1, sizeof(*m->e));
		e = &m->e[m->n++];
		e->field = xstrdup(field);
		e->header = is_null(v) ? NULL : xstrdup(header);
		e->where = xasprintf("%s:%zu:%zu", y->name, k->start_mark.line + 1,
				     k->start_mark.column + 1);
	}
	return STATUS_OK;
}

enum status colmap_load_string(struct colmap *m, const char *name, const char *text, size_t len)
{
	struct yamldoc y;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	enum status st;
	bool seen = false;

	if ((st = yamldoc_load(&y, name, text, len)) != STATUS_OK)
		return st;
	root = yamldoc_root(&y);
	if (!root || root->type != YAML_MAPPING_NODE) {
		st = yamldoc_error(&y, root,
				   "expected a mapping with columns: {FIELD: \"Header\"}%s", "");
		goto out;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(&y, p->key);
		const char *key = yamldoc_scalar(k);

		if (!key || strcmp(key, "columns") != 0) {
			st = yamldoc_error(&y, k, "unknown key \"%.40s\" (a map has columns: only)",
					   key ? key : "");
			goto out;
		}
		if ((st = columns(m, &y, yamldoc_node(&y, p->value))) != STATUS_OK)
			goto out;
		seen = true;
	}
	if (!seen)
		st = yamldoc_error(&y, root, "no columns: {FIELD: \"Header\"}%s", "");
out:
	yamldoc_done(&y);
	return st;
}

enum status colmap_load(struct colmap *m, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	enum status st = read_file(path, &text, &len);

	if (st == STATUS_OK)
		st = colmap_load_string(m, path, text, len);
	free(text);
	return st;
}

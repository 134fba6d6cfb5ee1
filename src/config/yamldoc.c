#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"
#include "acctplan/yamldoc.h"

enum status yamldoc_load(struct yamldoc *y, const char *name, const char *text, size_t len)
{
	yaml_parser_t parser;
	enum status st = STATUS_OK;

	memset(y, 0, sizeof(*y));
	y->name = name;
	if (!yaml_parser_initialize(&parser))
		return status_set(STATUS_CONFIG, "%s: cannot start the YAML parser", name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &y->doc)) {
		yaml_mark_t mark = parser.problem_mark;
		st = status_set(STATUS_CONFIG, "%s:%zu:%zu: %s%s%s", name, mark.line + 1,
				mark.column + 1, parser.problem ? parser.problem : "syntax error",
				parser.context ? " " : "", parser.context ? parser.context : "");
	} else {
		y->loaded = true;
	}
	yaml_parser_delete(&parser);
	return st;
}

void yamldoc_done(struct yamldoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = false;
}

yaml_node_t *yamldoc_root(struct yamldoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *yamldoc_node(struct yamldoc *y, int index)
{
	return y->loaded ? yaml_document_get_node(&y->doc, index) : NULL;
}

const char *yamldoc_scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

enum status yamldoc_error(struct yamldoc *y, yaml_node_t *n, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	char tmp[512];

	strbuf_init(&sb);
	if (n)
		strbuf_addf(&sb, "%s:%zu:%zu: ", y->name, n->start_mark.line + 1,
			    n->start_mark.column + 1);
	else
		strbuf_addf(&sb, "%s: ", y->name);
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	strbuf_adds(&sb, tmp);
	status_set(STATUS_CONFIG, "%s", sb.buf);
	strbuf_done(&sb);
	return STATUS_CONFIG;
}

enum status read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char buf[8192];
	size_t n;

	if (!f)
		return status_set(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", path,
				  strerror(errno));
	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		strbuf_done(&sb);
		return status_set(STATUS_IO, "%s: %s", path, strerror(e));
	}
	fclose(f);
	*len = sb.len;
	*text = strbuf_detach(&sb);
	strbuf_done(&sb);
	return STATUS_OK;
}

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/strbuf.h"
#include "acctplan/xalloc.h"
#include "acctplan/yamldoc.h"

/* Walks the events of text once, stopping at the first collection nested
 * deeper than YAMLDOC_MAX_DEPTH: libyaml takes minutes over a few
 * thousand levels of [[[[, and no setting needs more than a few. */
static enum status check_depth(const char *name, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	enum status st = STATUS_OK;
	int depth = 0;
	bool done = false;

	if (!yaml_parser_initialize(&parser))
		return status_set(STATUS_CONFIG, "%s: cannot start the YAML parser", name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev))
			break; /* the loader reports the syntax error with its place */
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > YAMLDOC_MAX_DEPTH) {
				st = status_set(
					STATUS_CONFIG,
					"%s:%zu:%zu: nested deeper than %d levels; not read", name,
					ev.start_mark.line + 1, ev.start_mark.column + 1,
					YAMLDOC_MAX_DEPTH);
				done = true;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			   ev.type == YAML_MAPPING_END_EVENT) {
			depth--;
		} else if (ev.type == YAML_STREAM_END_EVENT) {
			done = true;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return st;
}

enum status yamldoc_load(struct yamldoc *y, const char *name, const char *text, size_t len)
{
	yaml_parser_t parser;
	enum status st = STATUS_OK;

	memset(y, 0, sizeof(*y));
	y->name = name;
	if ((st = check_depth(name, text, len)) != STATUS_OK)
		return st;
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
	/* O_NONBLOCK: a FIFO must not hang the open; it is refused below */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat sb_st;
	FILE *f;
	struct strbuf sb;
	char buf[8192];
	size_t n;

	if (fd < 0)
		return status_set(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", path,
				  strerror(errno));
	if (fstat(fd, &sb_st) != 0 || !S_ISREG(sb_st.st_mode)) {
		close(fd);
		return status_set(STATUS_IO, "%s: not a regular file; not read", path);
	}
	if (sb_st.st_size > YAMLDOC_MAX_SIZE) {
		close(fd);
		return status_set(STATUS_IO, "%s: larger than %ld KB; not read", path,
				  YAMLDOC_MAX_SIZE / 1024);
	}
	if (!(f = fdopen(fd, "rb"))) {
		close(fd);
		return status_set(STATUS_IO, "%s: %s", path, strerror(errno));
	}
	strbuf_init(&sb);
	while (sb.len <= YAMLDOC_MAX_SIZE && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	if (sb.len > YAMLDOC_MAX_SIZE) { /* it grew while read */
		fclose(f);
		strbuf_done(&sb);
		return status_set(STATUS_IO, "%s: larger than %ld KB; not read", path,
				  YAMLDOC_MAX_SIZE / 1024);
	}
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

/*
 * A thin layer over libyaml's document API for the project's small YAML
 * files (config, themes, key bindings): load a whole document, walk its
 * mappings, and report problems as "file:line:column: reason".
 */
#ifndef ACCTPLAN_YAMLDOC_H
#define ACCTPLAN_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "acctplan/status.h"

/* What a settings file may be: at most this large, nested at most this
 * deep. Anything else is refused with a warning, and the defaults apply. */
#define YAMLDOC_MAX_SIZE (1024L * 1024)
#define YAMLDOC_MAX_DEPTH 32

struct yamldoc {
	yaml_document_t doc;
	const char *name; /* file name for messages; borrowed */
	bool loaded;
};

/* Loads text of len bytes; on a syntax error, or nesting deeper than
 * YAMLDOC_MAX_DEPTH, returns STATUS_CONFIG with the detail
 * "name:line:col: problem". An empty document loads with no root. */
enum status yamldoc_load(struct yamldoc *y, const char *name, const char *text, size_t len);
void yamldoc_done(struct yamldoc *y);
yaml_node_t *yamldoc_root(struct yamldoc *y);
yaml_node_t *yamldoc_node(struct yamldoc *y, int index);
/* The scalar's text, or NULL when the node is not a scalar. Borrowed. */
const char *yamldoc_scalar(yaml_node_t *n);
/* Formats "name:line:col: reason" for node n into the status detail. */
enum status yamldoc_error(struct yamldoc *y, yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reads a whole file into memory (NUL-terminated). STATUS_NOT_FOUND when
 * it does not exist; STATUS_IO for a file that is not a regular one (a FIFO,
 * a device: refused at once, never read) or is larger than
 * YAMLDOC_MAX_SIZE. */
enum status read_file(const char *path, char **text, size_t *len);

#endif

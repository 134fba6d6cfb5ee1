/*
 * The book file, read and written as a stream of libyaml events
 * (bookfile.h has the format): the reader holds one record at a time, the
 * writer emits each value as it is given.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "acctplan/bookfile.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"

/* ---- reading ------------------------------------------------------------ */

struct reader {
	yaml_parser_t parser;
	const char *name;
	bookfile_cb cb;
	void *ctx;
	char *section;
	char **keys, **values;
	size_t n, cap;
};

static enum status at(struct reader *r, yaml_mark_t m, const char *what)
{
	return status_set(STATUS_BAD_INPUT, "%s:%zu:%zu: %s", r->name, m.line + 1, m.column + 1,
			  what);
}

static enum status next(struct reader *r, yaml_event_t *e)
{
	if (!yaml_parser_parse(&r->parser, e)) {
		yaml_mark_t m = r->parser.problem_mark;
		return status_set(STATUS_BAD_INPUT, "%s:%zu:%zu: %s%s%s", r->name, m.line + 1,
				  m.column + 1, r->parser.problem ? r->parser.problem : "bad YAML",
				  r->parser.context ? " " : "",
				  r->parser.context ? r->parser.context : "");
	}
	if (e->type == YAML_ALIAS_EVENT ||
	    ((e->type == YAML_SCALAR_EVENT && e->data.scalar.anchor) ||
	     (e->type == YAML_MAPPING_START_EVENT && e->data.mapping_start.anchor) ||
	     (e->type == YAML_SEQUENCE_START_EVENT && e->data.sequence_start.anchor))) {
		enum status st = at(r, e->start_mark, "anchors and aliases are not part of a book");
		yaml_event_delete(e);
		return st;
	}
	return STATUS_OK;
}

/* A scalar's text, or NULL for a plain ~, null or nothing. */
static const char *scalar(const yaml_event_t *e)
{
	const char *s = (const char *)e->data.scalar.value;

	if (e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (!*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	     !strcmp(s, "NULL")))
		return NULL;
	return s;
}

static void clear_record(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->keys[i]);
		free(r->values[i]);
	}
	r->n = 0;
}

/* A flow or block sequence of scalars, its items joined by commas. */
static enum status items(struct reader *r, char **out)
{
	struct strbuf sb;
	yaml_event_t e;
	enum status st;
	size_t count = 0;

	strbuf_init(&sb);
	for (;;) {
		if ((st = next(r, &e)) != STATUS_OK)
			break;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			*out = strbuf_detach(&sb);
			strbuf_done(&sb);
			return STATUS_OK;
		}
		if (e.type != YAML_SCALAR_EVENT || !scalar(&e)) {
			st = at(r, e.start_mark, "a list holds only values");
			yaml_event_delete(&e);
			break;
		}
		if (count++)
			strbuf_addc(&sb, ',');
		strbuf_adds(&sb, (const char *)e.data.scalar.value);
		yaml_event_delete(&e);
	}
	strbuf_done(&sb);
	return st;
}

/* The next key of a mapping, a scalar event in *e for the caller to delete;
 * at the mapping's end, *end (nothing to delete). what is what a key
 * should be, for the error. */
static enum status next_key(struct reader *r, yaml_event_t *e, bool *end, const char *what)
{
	enum status st;

	*end = false;
	if ((st = next(r, e)) != STATUS_OK)
		return st;
	if (e->type == YAML_MAPPING_END_EVENT) {
		yaml_event_delete(e);
		*end = true;
		return STATUS_OK;
	}
	if (e->type != YAML_SCALAR_EVENT || !scalar(e)) {
		st = at(r, e->start_mark, what);
		yaml_event_delete(e);
		return st;
	}
	return STATUS_OK;
}

/* One record, after its MAPPING_START at line. */
static enum status record(struct reader *r, long line)
{
	struct bookfile_record rec;
	yaml_event_t e;
	enum status st;
	char *key, *value;
	bool end;

	clear_record(r);
	for (;;) {
		if ((st = next_key(r, &e, &end, "expected a column name")) != STATUS_OK)
			return st;
		if (end)
			break;
		key = xstrdup((const char *)e.data.scalar.value);
		yaml_event_delete(&e);
		if ((st = next(r, &e)) != STATUS_OK) {
			free(key);
			return st;
		}
		value = NULL;
		if (e.type == YAML_SCALAR_EVENT) {
			const char *s = scalar(&e);
			value = s ? xstrdup(s) : NULL;
		} else if (e.type == YAML_SEQUENCE_START_EVENT) {
			st = items(r, &value);
		} else {
			st = at(r, e.start_mark, "a column holds a value or a list of values");
		}
		yaml_event_delete(&e);
		if (st != STATUS_OK) {
			free(key);
			return st;
		}
		r->keys = xgrow(r->keys, &r->cap, r->n + 1, sizeof(char *));
		r->values = xrealloc(r->values, r->cap * sizeof(char *));
		r->keys[r->n] = key;
		r->values[r->n++] = value;
	}
	rec.section = r->section;
	rec.line = line;
	rec.keys = (const char *const *)r->keys;
	rec.values = (const char *const *)r->values;
	rec.n = r->n;
	return r->cb(&rec, r->ctx);
}

/* A section's sequence of records, after its key. */
static enum status section(struct reader *r)
{
	yaml_event_t e;
	enum status st;

	if ((st = next(r, &e)) != STATUS_OK)
		return st;
	if (e.type == YAML_SCALAR_EVENT && !scalar(&e)) {
		yaml_event_delete(&e); /* "notes: ~": an empty section */
		return STATUS_OK;
	}
	if (e.type != YAML_SEQUENCE_START_EVENT) {
		st = at(r, e.start_mark, "a section is a list of records");
		yaml_event_delete(&e);
		return st;
	}
	yaml_event_delete(&e);
	for (;;) {
		if ((st = next(r, &e)) != STATUS_OK)
			return st;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			return STATUS_OK;
		}
		if (e.type != YAML_MAPPING_START_EVENT) {
			st = at(r, e.start_mark, "a record maps column names to values");
			yaml_event_delete(&e);
			return st;
		}
		long line = (long)e.start_mark.line + 1;
		yaml_event_delete(&e);
		if ((st = record(r, line)) != STATUS_OK)
			return st;
	}
}

/* Skips events until one of type; false at the end of the stream. */
static enum status expect(struct reader *r, yaml_event_type_t type, const char *what)
{
	yaml_event_t e;
	enum status st;

	if ((st = next(r, &e)) != STATUS_OK)
		return st;
	if (e.type != type)
		st = at(r, e.start_mark, what);
	yaml_event_delete(&e);
	return st;
}

/* A version this reader knows: 1 up to BOOKFILE_VERSION (a later one
 * only adds sections and columns, which an earlier book simply lacks). */
static bool known_version(const char *v)
{
	return v[0] >= '1' && v[0] <= '0' + BOOKFILE_VERSION && !v[1];
}

static enum status read_book(struct reader *r)
{
	yaml_event_t e;
	enum status st;
	bool first = true, end;

	if ((st = expect(r, YAML_STREAM_START_EVENT, "not YAML")) != STATUS_OK ||
	    (st = expect(r, YAML_DOCUMENT_START_EVENT, "not an acctplan book (empty)")) !=
		    STATUS_OK ||
	    (st = expect(r, YAML_MAPPING_START_EVENT,
			 "not an acctplan book (expected acctplan_book: " BOOKFILE_VERSION_TEXT
			 " first)")) != STATUS_OK)
		return st;
	for (;;) {
		if ((st = next_key(r, &e, &end, "expected a section name")) != STATUS_OK)
			return st;
		if (end)
			break;
		if (first) {
			bool marker = !strcmp((const char *)e.data.scalar.value, "acctplan_book");
			yaml_mark_t m = e.start_mark;

			yaml_event_delete(&e);
			if (!marker)
				return at(
					r, m,
					"not an acctplan book (expected acctplan_book: " BOOKFILE_VERSION_TEXT
					" first)");
			if ((st = next(r, &e)) != STATUS_OK)
				return st;
			if (e.type != YAML_SCALAR_EVENT ||
			    !known_version((const char *)e.data.scalar.value)) {
				st = at(r, e.start_mark,
					"a book of another version (this acctplan reads versions 1"
					" to " BOOKFILE_VERSION_TEXT ")");
				yaml_event_delete(&e);
				return st;
			}
			yaml_event_delete(&e);
			first = false;
			continue;
		}
		free(r->section);
		r->section = xstrdup((const char *)e.data.scalar.value);
		yaml_event_delete(&e);
		if ((st = section(r)) != STATUS_OK)
			return st;
	}
	if ((st = expect(r, YAML_DOCUMENT_END_EVENT, "one book per file")) != STATUS_OK)
		return st;
	return expect(r, YAML_STREAM_END_EVENT, "one book per file");
}

static enum status run(struct reader *r)
{
	enum status st = read_book(r);

	clear_record(r);
	free(r->keys);
	free(r->values);
	free(r->section);
	yaml_parser_delete(&r->parser);
	return st;
}

static bool reader_init(struct reader *r, const char *name, bookfile_cb cb, void *ctx)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->cb = cb;
	r->ctx = ctx;
	return yaml_parser_initialize(&r->parser) != 0;
}

enum status bookfile_read(FILE *f, const char *name, bookfile_cb cb, void *ctx)
{
	struct reader r;

	if (!reader_init(&r, name, cb, ctx))
		return status_set(STATUS_BAD_INPUT, "%s: cannot start the YAML parser", name);
	yaml_parser_set_input_file(&r.parser, f);
	return run(&r);
}

enum status bookfile_read_mem(const void *data, size_t size, const char *name, bookfile_cb cb,
			      void *ctx)
{
	struct reader r;

	if (!reader_init(&r, name, cb, ctx))
		return status_set(STATUS_BAD_INPUT, "%s: cannot start the YAML parser", name);
	yaml_parser_set_input_string(&r.parser, data, size);
	return run(&r);
}

/* ---- writing ------------------------------------------------------------ */

struct bookfile_writer {
	yaml_emitter_t emitter;
	FILE *out;
	bool in_section, in_record;
	bool failed;
	struct strbuf fix; /* a value with invalid UTF-8, repaired */
};

static void emit(struct bookfile_writer *w, yaml_event_t *e)
{
	if (w->failed) {
		yaml_event_delete(e);
		return;
	}
	if (!yaml_emitter_emit(&w->emitter, e))
		w->failed = true;
}

/* A scalar in the style that reads back as the same text: plain where
 * YAML would read it as a string, else double-quoted (every control
 * character escaped). NULL is a plain ~. */
static bool plain_ok(const char *s)
{
	static const char *const special[] = {
		"~",     "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
		"FALSE", "yes",  "Yes",  "YES",  "no",   "No",   "NO",   "on",    "On",
		"ON",    "off",  "Off",  "OFF",  "y",    "Y",    "n",    "N",     ".inf",
		".Inf",  ".INF", ".nan", ".NaN", ".NAN", "<<",   "="};
	size_t i, n = strlen(s);
	const char *p;

	if (!n || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	for (i = 0; i < sizeof(special) / sizeof(*special); i++)
		if (!strcmp(s, special[i]))
			return false;
	/* anything a resolver might take for a number: leave numbers quoted */
	if (strchr("0123456789+-.", s[0]))
		return false;
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return false;
	return true;
}

static void scalar_event(struct bookfile_writer *w, const char *s, bool plain)
{
	yaml_event_t e;

	if (!s) {
		s = "~";
		plain = true;
	}
	if (!utf8_valid(s, strlen(s))) {
		size_t n = strlen(s), k;
		uint32_t cp;

		strbuf_reset(&w->fix);
		for (; n; s += k, n -= k) {
			k = utf8_decode(s, n, &cp);
			utf8_encode(&w->fix, cp);
		}
		s = w->fix.buf;
	}
	if (!yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
					  plain ? YAML_PLAIN_SCALAR_STYLE
						: YAML_DOUBLE_QUOTED_SCALAR_STYLE)) {
		w->failed = true;
		return;
	}
	emit(w, &e);
}

static void end_record(struct bookfile_writer *w)
{
	yaml_event_t e;

	if (!w->in_record)
		return;
	yaml_mapping_end_event_initialize(&e);
	emit(w, &e);
	w->in_record = false;
}

static void end_section(struct bookfile_writer *w)
{
	yaml_event_t e;

	end_record(w);
	if (!w->in_section)
		return;
	yaml_sequence_end_event_initialize(&e);
	emit(w, &e);
	w->in_section = false;
}

struct bookfile_writer *bookfile_writer_new(FILE *out)
{
	struct bookfile_writer *w = xcalloc(1, sizeof(*w));
	yaml_event_t e;

	w->out = out;
	strbuf_init(&w->fix);
	if (!yaml_emitter_initialize(&w->emitter)) {
		w->failed = true;
		return w;
	}
	yaml_emitter_set_output_file(&w->emitter, out);
	yaml_emitter_set_unicode(&w->emitter, 1);
	yaml_emitter_set_width(&w->emitter, -1);
	yaml_emitter_set_indent(&w->emitter, 2);
	yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING);
	emit(w, &e);
	yaml_document_start_event_initialize(&e, NULL, NULL, NULL, 1);
	emit(w, &e);
	yaml_mapping_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	emit(w, &e);
	scalar_event(w, "acctplan_book", true);
	scalar_event(w, BOOKFILE_VERSION_TEXT, true);
	return w;
}

void bookfile_section(struct bookfile_writer *w, const char *name)
{
	yaml_event_t e;

	end_section(w);
	scalar_event(w, name, true);
	yaml_sequence_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
	emit(w, &e);
	w->in_section = true;
}

void bookfile_record(struct bookfile_writer *w)
{
	yaml_event_t e;

	end_record(w);
	yaml_mapping_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	emit(w, &e);
	w->in_record = true;
}

void bookfile_text(struct bookfile_writer *w, const char *key, const char *value)
{
	scalar_event(w, key, true);
	scalar_event(w, value, value && plain_ok(value));
}

void bookfile_id(struct bookfile_writer *w, const char *key, int64_t id)
{
	char buf[32];

	scalar_event(w, key, true);
	if (!id) {
		scalar_event(w, NULL, true);
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", (long long)id);
	scalar_event(w, buf, false);
}

void bookfile_int(struct bookfile_writer *w, const char *key, int64_t v)
{
	char buf[32];

	scalar_event(w, key, true);
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	scalar_event(w, buf, true);
}

void bookfile_list(struct bookfile_writer *w, const char *key, const char *items)
{
	yaml_event_t e;
	const char *p = items ? items : "";
	char *one;

	scalar_event(w, key, true);
	yaml_sequence_start_event_initialize(&e, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
	emit(w, &e);
	while (*p) {
		size_t len = strcspn(p, ",");
		if (len) {
			one = xstrndup(p, len);
			scalar_event(w, one, plain_ok(one));
			free(one);
		}
		p += len;
		if (*p)
			p++;
	}
	yaml_sequence_end_event_initialize(&e);
	emit(w, &e);
}

enum status bookfile_end(struct bookfile_writer *w)
{
	yaml_event_t e;
	enum status st = STATUS_OK;

	end_section(w);
	yaml_mapping_end_event_initialize(&e);
	emit(w, &e);
	yaml_document_end_event_initialize(&e, 1);
	emit(w, &e);
	yaml_stream_end_event_initialize(&e);
	emit(w, &e);
	if (!w->failed && !yaml_emitter_flush(&w->emitter))
		w->failed = true;
	if (w->failed || fflush(w->out) != 0 || ferror(w->out))
		st = status_set(STATUS_IO, "writing the book failed%s%s",
				w->emitter.problem ? ": " : "",
				w->emitter.problem ? w->emitter.problem : "");
	yaml_emitter_delete(&w->emitter);
	strbuf_done(&w->fix);
	free(w);
	return st;
}

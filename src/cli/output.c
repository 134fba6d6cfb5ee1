#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/format.h"
#include "acctplan/parse.h"
#include "acctplan/text.h"
#include "acctplan/xalloc.h"
#include "output.h"

const char *const format_names[] = {
	[FMT_TEXT] = "text", [FMT_MD] = "md",     [FMT_CSV] = "csv",
	[FMT_JSON] = "json", [FMT_YAML] = "yaml", NULL,
};

int format_from_name(const char *s)
{
	/* the names before the NULL */
	return parse_name(s, format_names, (int)(sizeof(format_names) / sizeof(*format_names)) - 1);
}

void json_string(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);

	strbuf_addc(sb, '"');
	while (n) {
		uint32_t cp;
		size_t k, run = 0;

		/* plain printable ASCII goes through in one copy */
		while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F &&
		       s[run] != '"' && s[run] != '\\')
			run++;
		if (run) {
			strbuf_add(sb, s, run);
			s += run;
			n -= run;
			continue;
		}
		k = utf8_decode(s, n, &cp);
		if (cp == '"' || cp == '\\') {
			strbuf_addc(sb, '\\');
			strbuf_addc(sb, (char)cp);
		} else if (cp == '\n') {
			strbuf_adds(sb, "\\n");
		} else if (cp == '\t') {
			strbuf_adds(sb, "\\t");
		} else if (cp == '\r') {
			strbuf_adds(sb, "\\r");
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 ||
			   cp == 0x2029) {
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		} else {
			utf8_encode(sb, cp);
		}
		s += k;
		n -= k;
	}
	strbuf_addc(sb, '"');
}

/* Whether s needs csv_cell() to rewrite it: a control character other
 * than tab and line ends, DEL, or anything not ASCII (checked for C1 and
 * invalid UTF-8). */
static bool csv_plain(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0x7F)
			return false;
	}
	return true;
}

void csv_cell(struct strbuf *sb, const char *s)
{
	size_t quotes = strspn(s, "'");
	bool formula = strchr("=+-@\t\r", s[quotes]) && s[quotes];
	bool quote = formula || strpbrk(s, ",\"\n\r;") != NULL;
	size_t n = strlen(s);

	if (!quote && csv_plain(s)) {
		strbuf_adds(sb, s);
		return;
	}
	if (quote)
		strbuf_addc(sb, '"');
	if (formula)
		strbuf_addc(sb, '\'');
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);

		if (cp == '"') {
			strbuf_adds(sb, "\"\"");
		} else if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
			   (cp >= 0x80 && cp < 0xA0)) {
			utf8_encode(sb, 0xFFFD); /* no escape sequence reaches a terminal */
		} else {
			utf8_encode(sb, cp); /* invalid UTF-8 came back as U+FFFD */
		}
		s += k;
		n -= k;
	}
	if (quote)
		strbuf_addc(sb, '"');
}

void text_line(struct strbuf *sb, const char *s)
{
	text_fit(sb, s, -1, TEXT_ONELINE);
}

void table_begin(struct table *t, FILE *out, enum format fmt, const struct column *cols, int ncols)
{
	int i;

	memset(t, 0, sizeof(*t));
	t->out = out;
	t->fmt = fmt;
	t->tty = isatty(fileno(out)) == 1;
	t->cols = t->all = cols;
	t->ncols = t->nall = ncols;
	if (fmt == FMT_TEXT || fmt == FMT_MD || fmt == FMT_JSON) {
		t->shown = xcalloc((size_t)ncols + 1, sizeof(*t->shown));
		for (i = t->ncols = 0; i < ncols; i++)
			if (fmt == FMT_JSON ? cols[i].key != table_short_key
					    : cols[i].title != NULL)
				t->shown[t->ncols++] = cols[i];
		t->cols = t->shown;
	}
	cols = t->cols;
	ncols = t->ncols;
	strbuf_init(&t->line);
	t->width = xcalloc((size_t)ncols, sizeof(int));
	for (i = 0; i < ncols; i++)
		t->width[i] = cols[i].title ? text_width(cols[i].title) : 0;
	if (fmt == FMT_CSV) {
		for (i = 0; i < ncols; i++) {
			if (i)
				strbuf_addc(&t->line, ',');
			csv_cell(&t->line, cols[i].key);
		}
		strbuf_addc(&t->line, '\n');
		fputs(t->line.buf, out);
		strbuf_reset(&t->line);
	} else if (fmt == FMT_JSON) {
		fputc('[', out);
	}
}

/* Adds one cell: raw is the csv/json form, shown the text/md form. */
static void cell(struct table *t, const char *shown, const char *json_raw, bool is_string)
{
	const struct column *c;

	c = &t->all[t->at++];
	if (!c->title && (t->fmt == FMT_TEXT || t->fmt == FMT_MD))
		return;
	if (c->key == table_short_key && t->fmt == FMT_JSON)
		return;
	c = &t->cols[t->col];

	if (t->fmt == FMT_TEXT || t->fmt == FMT_MD) {
		struct strbuf sb;
		int w;

		strbuf_init(&sb);
		if (t->fmt == FMT_MD) {
			/* a pipe would end the cell; Markdown is never cut */
			struct strbuf tmp;
			const char *p;
			strbuf_init(&tmp);
			text_fit(&tmp, shown, -1, TEXT_ONELINE);
			for (p = tmp.buf; *p; p++) {
				if (*p == '|')
					strbuf_addc(&sb, '\\');
				strbuf_addc(&sb, *p);
			}
			strbuf_done(&tmp);
		} else {
			/* text is cut to fit only on a terminal: a pipe gets it whole */
			text_fit(&sb, shown, c->max && t->tty ? c->max : -1, TEXT_ONELINE);
		}
		w = text_width(sb.buf);
		if (w > t->width[t->col])
			t->width[t->col] = w;
		t->cells = xgrow(t->cells, &t->cells_cap, t->ncells + 1, sizeof(char *));
		t->cells[t->ncells++] = strbuf_detach(&sb);
		strbuf_done(&sb);
	} else if (t->fmt == FMT_CSV) {
		if (t->col)
			strbuf_addc(&t->line, ',');
		if (is_string)
			csv_cell(&t->line, shown);
		else
			strbuf_adds(&t->line, shown);
	} else {
		strbuf_adds(&t->line, t->col ? "," : (t->rows ? ",\n{" : "\n{"));
		json_string(&t->line, c->key);
		strbuf_addc(&t->line, ':');
		if (is_string)
			json_string(&t->line, shown);
		else
			strbuf_adds(&t->line, json_raw);
	}
	t->col++;
}

void table_str(struct table *t, const char *s)
{
	if (!s) {
		table_null(t);
		return;
	}
	cell(t, s, NULL, true);
}

void table_int(struct table *t, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	cell(t, buf, buf, false);
}

void table_code(struct table *t, const char *code)
{
	char w[64];

	if (!code || t->fmt == FMT_CSV || t->fmt == FMT_JSON) {
		table_str(t, code);
		return;
	}
	fmt_word(w, sizeof(w), code);
	table_str(t, w);
}

void table_id(struct table *t, int64_t id)
{
	char buf[32];

	if (!id) {
		table_null(t);
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", (long long)id);
	cell(t, buf, NULL, t->fmt == FMT_JSON);
}

const char table_short_key[] = "short";

void table_short(struct table *t, const char *shown)
{
	if (t->fmt == FMT_JSON) {
		t->at++; /* json leaves the column out */
		return;
	}
	if (!shown) {
		table_null(t);
		return;
	}
	cell(t, shown, NULL, true);
}

void table_num(struct table *t, double v, int decimals)
{
	char buf[64];

	if (!isfinite(v)) {
		table_null(t);
		return;
	}
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (!strcmp(buf, "-0") || !strncmp(buf, "-0.", 3)) {
		/* "-0.0" reads oddly; keep the sign only for real negatives */
		char *end;
		if (strtod(buf, &end) == 0)
			memmove(buf, buf + 1, strlen(buf));
	}
	cell(t, buf, buf, false);
}

void table_null(struct table *t)
{
	cell(t, t->fmt == FMT_TEXT || t->fmt == FMT_MD ? "-" : "", "null", false);
}

void table_bool(struct table *t, bool v)
{
	if (t->fmt == FMT_JSON)
		cell(t, v ? "true" : "false", v ? "true" : "false", false);
	else
		cell(t, v ? "yes" : "no", NULL, false);
}

static void pad(FILE *out, int n)
{
	while (n-- > 0)
		fputc(' ', out);
}

/* text and md: the header, with the widths the held rows gave */
static void emit_header(struct table *t)
{
	bool md = t->fmt == FMT_MD;
	int c;
	size_t i;

	for (c = 0; c < t->ncols; c++) {
		int w = text_width(t->cols[c].title);
		fputs(md ? (c ? " | " : "| ") : (c ? "  " : ""), t->out);
		if (t->cols[c].right && !md)
			pad(t->out, t->width[c] - w);
		fputs(t->cols[c].title, t->out);
		if (!t->cols[c].right || md)
			if (c + 1 < t->ncols || md)
				pad(t->out, t->width[c] - w);
	}
	fputs(md ? " |\n" : "\n", t->out);
	if (md) {
		for (c = 0; c < t->ncols; c++) {
			fputs(c ? " | " : "| ", t->out);
			for (i = 0; i < (size_t)(t->width[c] > 3 ? t->width[c] : 3); i++)
				fputc(i + 1 == (size_t)t->width[c] && t->cols[c].right ? ':' : '-',
				      t->out);
		}
		fputs(" |\n", t->out);
	}
}

/* text and md: one row of cells (ncols of them), padded to the widths */
static void emit_row(struct table *t, char **cells)
{
	bool md = t->fmt == FMT_MD;
	int c;

	for (c = 0; c < t->ncols; c++) {
		const char *s = cells[c];
		int w = text_width(s);
		fputs(md ? (c ? " | " : "| ") : (c ? "  " : ""), t->out);
		if (t->cols[c].right)
			pad(t->out, t->width[c] - w);
		fputs(s, t->out);
		if (!t->cols[c].right && (c + 1 < t->ncols || md))
			pad(t->out, t->width[c] - w);
	}
	fputs(md ? " |\n" : "\n", t->out);
}

/* text and md: the held rows out, with the header; from then on each row
 * goes out as it ends, at the widths the held ones set. */
static void flush_held(struct table *t)
{
	size_t r, i;

	emit_header(t);
	for (r = 0; r * (size_t)t->ncols < t->ncells; r++)
		emit_row(t, t->cells + r * (size_t)t->ncols);
	for (i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	t->ncells = 0;
	t->streaming = true;
}

void table_row_end(struct table *t)
{
	if (t->fmt == FMT_CSV) {
		strbuf_addc(&t->line, '\n');
		fputs(t->line.buf, t->out);
		strbuf_reset(&t->line);
	} else if (t->fmt == FMT_JSON) {
		strbuf_addc(&t->line, '}');
		fputs(t->line.buf, t->out);
		strbuf_reset(&t->line);
	} else if (t->streaming) {
		size_t i;

		emit_row(t, t->cells);
		for (i = 0; i < t->ncells; i++)
			free(t->cells[i]);
		t->ncells = 0;
	} else if (t->rows + 1 >= TABLE_HELD) {
		flush_held(t);
	}
	t->col = t->at = 0;
	t->rows++;
}

void table_end(struct table *t)
{
	size_t i;

	if (t->fmt == FMT_JSON)
		fputs(t->rows ? "\n]\n" : "]\n", t->out);
	else if (t->rows == 0 && (t->fmt == FMT_TEXT || t->fmt == FMT_MD))
		fputs(t->fmt == FMT_MD ? "_None._\n" : "  (none)\n", t->out);
	else if ((t->fmt == FMT_TEXT || t->fmt == FMT_MD) && !t->streaming)
		flush_held(t);
	for (i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
	free(t->shown);
	strbuf_done(&t->line);
}

/* ---- json ------------------------------------------------------------------- */

/* The writer builds its output in j->sb and hands it to the stream a large
 * piece at a time (JSON_FLUSH_AT), not a call of stdio per comma: a
 * standup of a million-account book is some 200,000 values. */
#define JSON_FLUSH_AT 65536

void json_init(struct json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	strbuf_init(&j->sb);
}

static void json_flush(struct json *j)
{
	if (j->sb.len)
		fwrite(j->sb.buf, 1, j->sb.len, j->out);
	strbuf_reset(&j->sb);
}

void json_done(struct json *j)
{
	strbuf_addc(&j->sb, '\n');
	json_flush(j);
	strbuf_done(&j->sb);
}

/* The separator before a value: a comma unless it is the first in its
 * container, or the value of a key just written. */
static void json_sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->sb.len >= JSON_FLUSH_AT)
		json_flush(j);
	if (j->depth > 0 && j->count[j->depth - 1]++)
		strbuf_addc(&j->sb, ',');
}

static void json_open(struct json *j, char c)
{
	json_sep(j);
	strbuf_addc(&j->sb, c);
	if (j->depth < JSON_DEPTH)
		j->count[j->depth] = 0;
	j->depth++;
}

void json_object(struct json *j)
{
	json_open(j, '{');
}

void json_array(struct json *j)
{
	json_open(j, '[');
}

void json_end(struct json *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	strbuf_addc(&j->sb, c);
}

void json_key(struct json *j, const char *key)
{
	json_sep(j);
	json_string(&j->sb, key);
	strbuf_addc(&j->sb, ':');
	j->after_key = true;
}

void json_str(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	json_sep(j);
	json_string(&j->sb, s);
}

/* v in decimal, with no stdio: the ids and counts of a long report */
static void add_int(struct strbuf *sb, int64_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

void json_int(struct json *j, int64_t v)
{
	json_sep(j);
	add_int(&j->sb, v);
}

void json_num(struct json *j, double v, int decimals)
{
	char buf[64];

	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (buf[0] == '-' && strtod(buf, NULL) == 0)
		memmove(buf, buf + 1, strlen(buf));
	json_sep(j);
	strbuf_adds(&j->sb, buf);
}

void json_bool(struct json *j, bool v)
{
	json_sep(j);
	strbuf_adds(&j->sb, v ? "true" : "false");
}

void json_null(struct json *j)
{
	json_sep(j);
	strbuf_adds(&j->sb, "null");
}

void json_id(struct json *j, int64_t id)
{
	if (!id) {
		json_null(j);
		return;
	}
	/* digits need no escaping */
	json_sep(j);
	strbuf_addc(&j->sb, '"');
	add_int(&j->sb, id);
	strbuf_addc(&j->sb, '"');
}

void json_day(struct json *j, int day)
{
	char buf[DATE_LEN];

	if (day < 0) {
		json_null(j);
		return;
	}
	date_format(day, buf);
	json_str(j, buf);
}

void json_key_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_key_int(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_key_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_key_id(struct json *j, const char *key, int64_t id)
{
	json_key(j, key);
	json_id(j, id);
}

void json_key_day(struct json *j, const char *key, int day)
{
	json_key(j, key);
	json_day(j, day);
}

/* The changeset files of team sync; see syncfile.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "acctplan/syncfile.h"
#include "acctplan/text.h"

/* ---- checksums ----------------------------------------------------------- */

#define CRC64_POLY 0xc96c5795d7870f42ull /* ECMA-182, reflected */

uint64_t syncfile_crc64(const void *p, size_t n)
{
	static uint64_t table[256];
	static bool ready;
	const unsigned char *b = p;
	uint64_t crc = ~0ull;
	size_t i;

	if (!ready) {
		for (i = 0; i < 256; i++) {
			uint64_t c = i;
			int k;

			for (k = 0; k < 8; k++)
				c = c & 1 ? c >> 1 ^ CRC64_POLY : c >> 1;
			table[i] = c;
		}
		ready = true;
	}
	for (i = 0; i < n; i++)
		crc = table[(crc ^ b[i]) & 0xff] ^ crc >> 8;
	return ~crc;
}

void syncfile_hash(const void *p, size_t n, char out[SYNCFILE_HASH_LEN])
{
	snprintf(out, SYNCFILE_HASH_LEN, "%016" PRIx64, syncfile_crc64(p, n));
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool syncfile_instance_ok(const char *s)
{
	int i;

	for (i = 0; i < 16; i++)
		if (!is_hex(s[i]))
			return false;
	return s[16] == '\0';
}

/* ---- names ---------------------------------------------------------------- */

void syncfile_name(char out[SYNCFILE_NAME_LEN], uint64_t lamport, const char *instance,
		   uint64_t seq)
{
	snprintf(out, SYNCFILE_NAME_LEN, "%010" PRIu64 "-%s-%06" PRIu64 SYNCFILE_SUFFIX, lamport,
		 instance, seq);
}

/* Reads min to 12 decimal digits from *p into *v, moving *p past them. */
static bool digits(const char **p, int min, uint64_t *v)
{
	const char *s = *p;
	int n = 0;

	*v = 0;
	while (*s >= '0' && *s <= '9' && n < 13) {
		*v = *v * 10 + (uint64_t)(*s - '0');
		s++;
		n++;
	}
	if (n < min || n > 12)
		return false;
	*p = s;
	return true;
}

bool syncfile_name_parse(const char *name, uint64_t *lamport, char instance[SYNCFILE_INSTANCE_LEN],
			 uint64_t *seq)
{
	const char *p = name;

	if (!digits(&p, 10, lamport) || *p++ != '-')
		return false;
	memcpy(instance, p, 16);
	instance[16] = '\0';
	if (!syncfile_instance_ok(instance))
		return false;
	p += 16;
	if (*p++ != '-' || !digits(&p, 6, seq))
		return false;
	return strcmp(p, SYNCFILE_SUFFIX) == 0 && *seq > 0;
}

/* ---- the changeset ---------------------------------------------------------- */

/* The format is SQLite's (sqlite3session.c, "CHANGESET FORMAT"). */
#define CS_TABLE 'T'
#define CS_INSERT 18
#define CS_UPDATE 23
#define CS_DELETE 9
#define CS_MAX_COLS 64 /* our tables have fewer; a bigger count is damage */
#define CS_MAX_NAME 64

struct scan {
	const unsigned char *p, *start, *end;
};

/* SQLite's varint: 1 to 9 bytes, big-endian, 7 bits a byte (8 in the 9th). */
static bool cs_varint(struct scan *s, uint64_t *v)
{
	uint64_t x = 0;
	int i;

	for (i = 0; i < 9; i++) {
		unsigned char c;

		if (s->p >= s->end)
			return false;
		c = *s->p++;
		if (i == 8) {
			*v = x << 8 | c;
			return true;
		}
		x = x << 7 | (c & 0x7f);
		if (!(c & 0x80)) {
			*v = x;
			return true;
		}
	}
	return false;
}

/* One record of ncol values; undefined values (type 0) only where allowed. */
static bool cs_record(struct scan *s, uint64_t ncol, bool undefined_ok)
{
	uint64_t i, len;

	for (i = 0; i < ncol; i++) {
		if (s->p >= s->end)
			return false;
		switch (*s->p++) {
		case 0: /* undefined */
			if (!undefined_ok)
				return false;
			break;
		case 1: /* INTEGER */
		case 2: /* FLOAT */
			if (s->end - s->p < 8)
				return false;
			s->p += 8;
			break;
		case 3: /* TEXT */
		case 4: /* BLOB */
			if (!cs_varint(s, &len) || len > (uint64_t)(s->end - s->p))
				return false;
			s->p += len;
			break;
		case 5: /* NULL */
			break;
		default:
			s->p--;
			return false;
		}
	}
	return true;
}

bool syncfile_changeset_scan(const void *body, size_t n, uint64_t *changes, size_t *bad_at)
{
	struct scan s;
	uint64_t ncol = 0, i;
	bool in_table = false;

	s.p = s.start = body;
	s.end = s.p + n;
	*changes = 0;
	while (s.p < s.end) {
		unsigned char op = *s.p;

		if (op == CS_TABLE) {
			const unsigned char *name;
			bool key = false;

			s.p++;
			if (!cs_varint(&s, &ncol) || ncol == 0 || ncol > CS_MAX_COLS ||
			    (uint64_t)(s.end - s.p) < ncol)
				goto bad;
			/* a key column's flag is its place in the key, from 1 */
			for (i = 0; i < ncol; i++, s.p++) {
				if (*s.p > ncol)
					goto bad;
				key = key || *s.p;
			}
			name = s.p;
			while (s.p < s.end && *s.p && s.p - name < CS_MAX_NAME)
				s.p++;
			if (s.p >= s.end || *s.p || s.p == name || !key)
				goto bad;
			s.p++;
			in_table = true;
			continue;
		}
		if (!in_table || (op != CS_INSERT && op != CS_UPDATE && op != CS_DELETE))
			goto bad;
		s.p++;
		if (s.p >= s.end || *s.p > 1)
			goto bad;
		s.p++;
		if (op != CS_INSERT && !cs_record(&s, ncol, op == CS_UPDATE))
			goto bad;
		if (op != CS_DELETE && !cs_record(&s, ncol, op == CS_UPDATE))
			goto bad;
		(*changes)++;
	}
	return true;
bad:
	*bad_at = (size_t)(s.p - s.start);
	return false;
}

/* ---- the header ------------------------------------------------------------ */

/* The header ends within this many bytes. */
#define HEADER_MAX 1024

struct reader {
	const char *p, *end;
	char line[HEADER_MAX];
};

/* The next line (without its "\n") into r->line; false when there is none
 * within the header's bytes, or it holds a NUL. */
static bool next_line(struct reader *r)
{
	const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	size_t n;

	if (!nl || (n = (size_t)(nl - r->p)) >= sizeof(r->line) || memchr(r->p, '\0', n))
		return false;
	memcpy(r->line, r->p, n);
	r->line[n] = '\0';
	r->p = nl + 1;
	return true;
}

/* The value of the next line when it is "key VALUE", else NULL. */
static const char *field(struct reader *r, const char *key)
{
	size_t k = strlen(key);

	if (!next_line(r) || strncmp(r->line, key, k) != 0 || r->line[k] != ' ')
		return NULL;
	return r->line + k + 1;
}

static bool number(const char *s, uint64_t *v)
{
	if (!s || (s[0] == '0' && s[1]) || !digits(&s, 1, v))
		return false;
	return *s == '\0' && *v <= SYNCFILE_MAX_NUMBER;
}

/* "YYYY-MM-DD HH:MM:SS" */
static bool stamp_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t i;

	if (!s || strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			return false;
	return true;
}

/* Printable UTF-8 without control characters, at most SYNCFILE_AUTHOR_MAX
 * bytes. */
static bool author_ok(const char *s)
{
	size_t n = strlen(s), i = 0;

	if (n > SYNCFILE_AUTHOR_MAX)
		return false;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (cp == 0xfffd || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return false;
		i += k;
	}
	return true;
}

void syncfile_author(char out[SYNCFILE_AUTHOR_MAX + 1], const char *name)
{
	size_t n = strlen(name), i = 0, len = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(name + i, n - i, &cp);
		bool bad = cp == 0xfffd || cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
		size_t need = bad ? 1 : k;

		if (len + need > SYNCFILE_AUTHOR_MAX)
			break;
		if (bad) {
			out[len++] = '?';
		} else {
			memcpy(out + len, name + i, k);
			len += k;
		}
		i += k;
	}
	out[len] = '\0';
}

static enum status damaged(const char *what)
{
	return status_set(STATUS_BAD_INPUT, "damaged: %s", what);
}

enum status syncfile_parse(const void *bytes, size_t n, struct syncfile *f)
{
	struct reader r;
	const char *v;
	uint64_t x, size, crc;
	char want[SYNCFILE_HASH_LEN];

	memset(f, 0, sizeof(*f));
	r.p = bytes;
	r.end = r.p + (n < HEADER_MAX ? n : HEADER_MAX);
	if (n < sizeof(SYNCFILE_MAGIC) ||
	    memcmp(bytes, SYNCFILE_MAGIC "\n", sizeof(SYNCFILE_MAGIC)))
		return status_set(STATUS_BAD_INPUT, "not an acctplan changeset");
	next_line(&r);
	if (!(v = field(&r, "instance")) || !syncfile_instance_ok(v))
		return damaged("its instance line is not 16 hex digits");
	memcpy(f->instance, v, SYNCFILE_INSTANCE_LEN);
	if (!number(field(&r, "seq"), &f->seq) || f->seq == 0)
		return damaged("its seq line is not a number from 1");
	if (!number(field(&r, "lamport"), &f->lamport) || f->lamport == 0)
		return damaged("its lamport line is not a number from 1");
	if (!(v = field(&r, "made")) || !stamp_ok(v))
		return damaged("its made line is not a time");
	memcpy(f->made, v, sizeof(f->made));
	if (!(v = field(&r, "author")) || !author_ok(v))
		return damaged("its author line is too long or holds control characters");
	memcpy(f->author, v, strlen(v) + 1);
	if (!number(field(&r, "schema"), &x) || x == 0 || x > 9999)
		return damaged("its schema line is not a version");
	f->schema = (int)x;
	if (!number(field(&r, "changes"), &f->changes))
		return damaged("its changes line is not a number");
	if (!number(field(&r, "size"), &size))
		return damaged("its size line is not a number");
	if (!(v = field(&r, "crc64")) || !syncfile_instance_ok(v))
		return damaged("its crc64 line is not 16 hex digits");
	memcpy(want, v, sizeof(want));
	if (!next_line(&r) || r.line[0])
		return damaged("its header does not end with a blank line");
	f->body = (const unsigned char *)r.p;
	f->size = n - (size_t)(r.p - (const char *)bytes);
	if (f->size != size) {
		char what[96];

		snprintf(what, sizeof(what),
			 "%zu bytes of changes where its header says %" PRIu64 " (cut short?)",
			 f->size, size);
		return damaged(what);
	}
	crc = syncfile_crc64(f->body, f->size);
	snprintf(r.line, sizeof(r.line), "%016" PRIx64, crc);
	if (strcmp(r.line, want) != 0)
		return damaged("its checksum does not match its bytes");
	return STATUS_OK;
}

void syncfile_write(struct strbuf *sb, const struct syncfile *f, const void *body, size_t n)
{
	strbuf_addf(sb,
		    SYNCFILE_MAGIC "\ninstance %s\nseq %" PRIu64 "\nlamport %" PRIu64
				   "\nmade %s\nauthor %s\nschema %d\nchanges %" PRIu64
				   "\nsize %zu\ncrc64 %016" PRIx64 "\n\n",
		    f->instance, f->seq, f->lamport, f->made, f->author, f->schema, f->changes, n,
		    syncfile_crc64(body, n));
	strbuf_add(sb, body, n);
}

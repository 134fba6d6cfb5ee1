/*
 * A growable, always NUL-terminated byte string. Embed it and pair
 * strbuf_init() with strbuf_done().
 */
#ifndef ACCTPLAN_STRBUF_H
#define ACCTPLAN_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;  /* NUL-terminated; never NULL after strbuf_init() */
	size_t len; /* bytes before the NUL */
	size_t cap; /* bytes allocated */
};

void strbuf_init(struct strbuf *sb);
void strbuf_done(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
/* A byte: inline while it fits, as writers add them one at a time (the
 * quotes, commas and colons of a long JSON report). */
static inline void strbuf_addc(struct strbuf *sb, char c)
{
	if (sb->len + 1 < sb->cap) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
	} else {
		strbuf_add(sb, &c, 1);
	}
}
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the buffer to the caller and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb);

#endif

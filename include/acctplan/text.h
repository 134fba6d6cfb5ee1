/*
 * Untrusted text made safe to show. Everything from the database or a file
 * passes through here before it reaches a terminal or a text table: invalid
 * UTF-8 becomes U+FFFD, control characters (C0, DEL, C1) are shown in caret
 * form (ESC as "^["), so no escape sequence ever reaches the terminal raw,
 * and widths are counted in display columns (CJK and emoji 2, combining
 * marks 0).
 */
#ifndef ACCTPLAN_TEXT_H
#define ACCTPLAN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/strbuf.h"

/* Decodes one UTF-8 sequence of at most n bytes (n >= 1). Returns the bytes
 * consumed (>= 1); an invalid or truncated sequence consumes 1 byte and
 * yields U+FFFD. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Whether the n bytes at s are valid UTF-8 (no overlong form, surrogate
 * or value past U+10FFFF), as utf8_decode() judges each sequence. */
bool utf8_valid(const char *s, size_t n);
/* Appends the UTF-8 encoding of cp. */
void utf8_encode(struct strbuf *sb, uint32_t cp);
/* The characters of UTF-8 text: its bytes that start a sequence. */
size_t utf8_chars(const char *s);
/* Display columns of one code point: 0, 1 or 2 (controls count as their
 * caret form, 2). */
int cp_width(uint32_t cp);
/* Display columns of s once sanitised. */
int text_width(const char *s);

enum text_flags {
	TEXT_ONELINE = 1, /* newlines and tabs become spaces */
};

/* Appends s sanitised, cut to at most cols display columns (cols < 0: no
 * limit); when cut, the last column is "…". Returns the columns used. */
int text_fit(struct strbuf *out, const char *s, int cols, int flags);
/* Like text_fit, then pads with spaces to exactly cols columns. */
void text_pad(struct strbuf *out, const char *s, int cols, int flags);

/* Orders names as SQLite's NOCASE does (ASCII letters folded, then bytes):
 * the one order of names in every list, in C as in SQL. */
int text_nocase_cmp(const char *a, const char *b);

/* Appends s as a search compares it: ASCII letters in lower case, a Latin
 * letter with a diacritic as its base letters ("Kōyō" is "koyo", "ß" is
 * "ss", "Ø" is "o"), combining marks dropped (so a decomposed "é" folds as
 * the composed one does), everything else as it is. */
void text_fold(struct strbuf *out, const char *s);
/* Whether s is all ASCII (folding it is then only lower-casing). */
bool text_ascii(const char *s);
/* Whether text folded holds needle (already folded), the fast way for
 * the common case of both all ASCII, without folding a copy: 1 or 0; -1
 * when text_fold() must decide (the needle is not all ASCII, or the text
 * is not and the needle stands nowhere before its first byte beyond). */
int text_fold_has_ascii(const char *text, const char *needle);

#endif

/*
 * Ids people can type. A row id is a random 63-bit integer (db_new_id());
 * its compact rendering is 13 characters of Crockford's base 32 in lower
 * case (0-9 and a-z less i, l, o, u), the id's bits from the highest down,
 * five to a character, the last character holding the three lowest bits.
 * So a prefix of the rendering is a range of ids: the rows whose rendering
 * starts with "k3xq" are the ids from shortid_range()'s lo to hi, which an
 * index on id finds at once. The short form shown for a row is the
 * shortest prefix, at least SHORTID_MIN characters, that no other row of
 * its table shares, the way git abbreviates hashes (the db layer computes
 * it: db_short_id()). Pure: no I/O.
 */
#ifndef ACCTPLAN_SHORTID_H
#define ACCTPLAN_SHORTID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHORTID_CHARS 13                /* the whole rendering */
#define SHORTID_LEN (SHORTID_CHARS + 1) /* with its NUL */
#define SHORTID_MIN 4                   /* the shortest short form */

/* The whole rendering of a positive id. */
void shortid_render(int64_t id, char out[SHORTID_LEN]);
/* How many leading characters the renderings of a and b share (0..13). */
int shortid_common(int64_t a, int64_t b);
/* The short form of id, given its neighbours in its table (the next lower
 * and next higher ids, 0 when there is none): the shortest prefix of at
 * least SHORTID_MIN characters that neither shares. */
void shortid_short(int64_t id, int64_t below, int64_t above, char out[SHORTID_LEN]);
/* Reads a prefix of a rendering (1 to 13 characters, any case): true with
 * the range of ids it stands for, false when s is not one. */
bool shortid_range(const char *s, int64_t *lo, int64_t *hi);
/* Whether s can be a short form: SHORTID_MIN to 13 characters of the
 * rendering's alphabet (any case). */
bool shortid_is_prefix(const char *s);

#endif

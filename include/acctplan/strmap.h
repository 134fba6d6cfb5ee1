/*
 * Two small hash tables for lookups that repeat: a map from a string to a
 * pair of whole numbers, and a set of 64-bit ids. Open addressing, linear
 * probing, grown at half full; keys are copied. An importer keeps the
 * answers of its database lookups here, so a million rows that name the
 * same hundred thousand accounts ask the database a hundred thousand times.
 */
#ifndef ACCTPLAN_STRMAP_H
#define ACCTPLAN_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	char *key; /* NULL: free */
	uint64_t hash;
	int64_t a, b;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* a power of two, or 0 before the first put */
	size_t n;   /* keys held */
};

void strmap_init(struct strmap *m);
void strmap_done(struct strmap *m);
/* Forgets every key (the table keeps its size). */
void strmap_clear(struct strmap *m);
/* Whether key is held; its numbers in *a and *b (either may be NULL). */
bool strmap_get(const struct strmap *m, const char *key, int64_t *a, int64_t *b);
/* Holds key with a and b, replacing what it had. */
void strmap_put(struct strmap *m, const char *key, int64_t a, int64_t b);

/* A map from a pair of whole numbers (k2 not 0) to a pair of numbers:
 * for keys that are numbers, without a string to hash and compare. */
struct pairmap_slot {
	int64_t k1, k2; /* k2 0: free */
	int64_t a, b;
};

struct pairmap {
	struct pairmap_slot *slots;
	size_t cap, n;
};

void pairmap_init(struct pairmap *m);
void pairmap_done(struct pairmap *m);
void pairmap_clear(struct pairmap *m);
bool pairmap_get(const struct pairmap *m, int64_t k1, int64_t k2, int64_t *a, int64_t *b);
void pairmap_put(struct pairmap *m, int64_t k1, int64_t k2, int64_t a, int64_t b);

/* A set of ids (any int64_t but 0). */
struct idset {
	int64_t *slots; /* 0: free */
	size_t cap, n;
};

void idset_init(struct idset *s);
void idset_done(struct idset *s);
bool idset_has(const struct idset *s, int64_t id);
void idset_add(struct idset *s, int64_t id);

#endif

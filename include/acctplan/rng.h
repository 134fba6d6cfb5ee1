/* A small deterministic random generator (xoshiro256**) for the sample
 * book and the synthetic benchmark book: the same seed gives the same book. */
#ifndef ACCTPLAN_RNG_H
#define ACCTPLAN_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n). n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* FNV-1a of a string, to seed per-name streams. */
uint64_t rng_hash(const char *s, uint64_t h);

#endif

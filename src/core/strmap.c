/* The hash tables of strmap.h. */
#include <stdlib.h>
#include <string.h>

#include "acctplan/strmap.h"
#include "acctplan/xalloc.h"

/* FNV-1a, 64 bits. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* A 64-bit mix (splitmix64's finaliser). */
static uint64_t hash_id(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void strmap_clear(struct strmap *m)
{
	size_t i;

	for (i = 0; m->n && i < m->cap; i++) {
		free(m->slots[i].key);
		m->slots[i].key = NULL;
	}
	m->n = 0;
}

void strmap_done(struct strmap *m)
{
	strmap_clear(m);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static struct strmap_slot *find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i].key) {
		if (m->slots[i].hash == h && !strcmp(m->slots[i].key, key))
			return &m->slots[i];
		i = (i + 1) & (m->cap - 1);
	}
	return &m->slots[i];
}

bool strmap_get(const struct strmap *m, const char *key, int64_t *a, int64_t *b)
{
	struct strmap_slot *s;

	if (!m->cap)
		return false;
	s = find(m, key, hash_str(key));
	if (!s->key)
		return false;
	if (a)
		*a = s->a;
	if (b)
		*b = s->b;
	return true;
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

void strmap_put(struct strmap *m, const char *key, int64_t a, int64_t b)
{
	uint64_t h = hash_str(key);
	struct strmap_slot *s;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key, h);
	if (!s->key) {
		s->key = xstrdup(key);
		s->hash = h;
		m->n++;
	}
	s->a = a;
	s->b = b;
}

void pairmap_init(struct pairmap *m)
{
	memset(m, 0, sizeof(*m));
}

void pairmap_done(struct pairmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

void pairmap_clear(struct pairmap *m)
{
	if (m->n)
		memset(m->slots, 0, m->cap * sizeof(*m->slots));
	m->n = 0;
}

static size_t pair_slot(const struct pairmap *m, int64_t k1, int64_t k2)
{
	size_t i = (size_t)(hash_id((uint64_t)k2) ^ hash_id((uint64_t)k1 + 0x9e3779b97f4a7c15ULL)) &
		   (m->cap - 1);

	while (m->slots[i].k2 && (m->slots[i].k1 != k1 || m->slots[i].k2 != k2))
		i = (i + 1) & (m->cap - 1);
	return i;
}

bool pairmap_get(const struct pairmap *m, int64_t k1, int64_t k2, int64_t *a, int64_t *b)
{
	const struct pairmap_slot *s;

	if (!m->cap || !k2)
		return false;
	s = &m->slots[pair_slot(m, k1, k2)];
	if (!s->k2)
		return false;
	if (a)
		*a = s->a;
	if (b)
		*b = s->b;
	return true;
}

void pairmap_put(struct pairmap *m, int64_t k1, int64_t k2, int64_t a, int64_t b)
{
	struct pairmap_slot *s;
	size_t i;

	if (!k2)
		return;
	if ((m->n + 1) * 2 > m->cap) {
		struct pairmap old = *m;

		m->cap = old.cap ? old.cap * 2 : 64;
		m->slots = xcalloc(m->cap, sizeof(*m->slots));
		for (i = 0; i < old.cap; i++)
			if (old.slots[i].k2)
				m->slots[pair_slot(m, old.slots[i].k1, old.slots[i].k2)] =
					old.slots[i];
		free(old.slots);
	}
	s = &m->slots[pair_slot(m, k1, k2)];
	if (!s->k2) {
		s->k1 = k1;
		s->k2 = k2;
		m->n++;
	}
	s->a = a;
	s->b = b;
}

void idset_init(struct idset *s)
{
	memset(s, 0, sizeof(*s));
}

void idset_done(struct idset *s)
{
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

static size_t id_slot(const struct idset *s, int64_t id)
{
	size_t i = (size_t)hash_id((uint64_t)id) & (s->cap - 1);

	while (s->slots[i] && s->slots[i] != id)
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool idset_has(const struct idset *s, int64_t id)
{
	return s->cap && id && s->slots[id_slot(s, id)] == id;
}

void idset_add(struct idset *s, int64_t id)
{
	size_t i;

	if (!id)
		return;
	if ((s->n + 1) * 2 > s->cap) {
		struct idset old = *s;

		s->cap = old.cap ? old.cap * 2 : 64;
		s->slots = xcalloc(s->cap, sizeof(*s->slots));
		for (i = 0; i < old.cap; i++)
			if (old.slots[i])
				s->slots[id_slot(s, old.slots[i])] = old.slots[i];
		free(old.slots);
	}
	i = id_slot(s, id);
	if (!s->slots[i]) {
		s->slots[i] = id;
		s->n++;
	}
}

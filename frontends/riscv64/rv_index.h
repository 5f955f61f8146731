/*
 * A bucket index over a pattern table, so decoding looks only at the few patterns that
 * can match an instruction's key bits (the major opcode for 32-bit instructions, the
 * quadrant and funct3 for compressed ones) instead of scanning the whole table. A
 * pattern whose mask leaves some key bits free lands in every bucket it can match;
 * table order is kept inside a bucket, so earlier (more specific) lines still win.
 */
#ifndef FERRY_RV_INDEX_H
#define FERRY_RV_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RV_INDEX_KEYS 32

typedef struct RvIndex {
	uint16_t start[RV_INDEX_KEYS + 1]; /* bucket k is order[start[k] .. start[k+1]) */
	uint16_t *order;                   /* pattern numbers; room for n * RV_INDEX_KEYS */
} RvIndex;

/* in_bucket(i, k): pattern i can match an instruction whose key is k. */
static inline void rv_index_build(RvIndex *ix, uint16_t *order, size_t n,
				  bool (*in_bucket)(size_t pat, unsigned key))
{
	size_t pos = 0;
	ix->order = order;
	for (unsigned k = 0; k < RV_INDEX_KEYS; k++) {
		ix->start[k] = (uint16_t)pos;
		for (size_t i = 0; i < n; i++)
			if (in_bucket(i, k))
				order[pos++] = (uint16_t)i;
	}
	ix->start[RV_INDEX_KEYS] = (uint16_t)pos;
}

#endif

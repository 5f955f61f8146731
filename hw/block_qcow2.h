/*
 * The qcow2 driver's shared state and the functions its files share: block_qcow2.c opens
 * and validates an image, block_qcow2_read.c maps guest offsets through the L1/L2
 * tables and reads clusters (plain, zero, compressed, or from the backing file),
 * block_qcow2_refcount.c keeps the refcount table and blocks, and block_qcow2_write.c
 * allocates clusters and writes. All on-disk integers are big-endian; in memory the L1,
 * L2 and refcount tables are kept in host order.
 */
#ifndef FERRY_BLOCK_QCOW2_H
#define FERRY_BLOCK_QCOW2_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/block.h"

/* L1 and L2 entries: bits 9..55 hold a cluster offset, bit 63 says the refcount is 1. */
#define QCOW2_OFFSET_MASK 0x00fffffffffffe00ull
#define QCOW2_COPIED      (1ull << 63)
/* L2 entries only: a compressed cluster, and (version 3) a cluster that reads as zero. */
#define QCOW2_COMPRESSED (1ull << 62)
#define QCOW2_ZERO       1ull
/* Refcount table entries keep their low 9 bits reserved. */
#define QCOW2_RT_OFFSET_MASK (~0x1ffull)

#define QCOW2_L2_CACHE_SIZE 16

/* Header field offsets used after open. */
#define QCOW2_HDR_RT_OFFSET 48
#define QCOW2_HDR_AUTOCLEAR 88

typedef struct Qcow2L2Slot {
	uint64_t offset; /* host offset of the cached table, 0 when the slot is free */
	uint64_t last_use;
	uint64_t *table;
} Qcow2L2Slot;

typedef enum Qcow2ClusterKind {
	QCOW2_CLUSTER_UNALLOCATED,
	QCOW2_CLUSTER_ZERO,
	QCOW2_CLUSTER_NORMAL,
	QCOW2_CLUSTER_COMPRESSED,
	QCOW2_CLUSTER_KINDS
} Qcow2ClusterKind;

typedef struct Qcow2State {
	int fd;
	char *path;
	bool read_only;
	uint32_t version;
	unsigned cluster_bits;
	uint64_t cluster_size;
	unsigned l2_bits; /* log2 of the entries in one L2 table */
	uint64_t size;
	uint64_t file_size; /* bytes of the file in use, including clusters just allocated */

	uint64_t l1_offset;
	uint32_t l1_size;
	uint64_t *l1;

	uint64_t rt_offset;
	uint32_t rt_clusters;
	uint64_t rt_entries;
	uint64_t *rt;
	unsigned refcount_order;
	uint64_t rc_block_offset; /* the one cached refcount block */
	uint8_t *rc_block;

	Qcow2L2Slot l2_cache[QCOW2_L2_CACHE_SIZE];
	uint64_t l2_clock;

	uint64_t zcache_entry; /* L2 entry of the cluster decompressed in zcache, or 0 */
	uint8_t *zcache;

	BlockBackend *backing;
	bool reported; /* one corruption message per image */
} Qcow2State;

/* Prints "PATH: qcow2 <what>" once per image and returns -EIO. */
int qcow2_corrupt(Qcow2State *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The cached L2 table of L1 slot l1_index and its host offset; *table is NULL when the
 * slot has none. 0 or -EIO. */
int qcow2_l2_lookup(Qcow2State *s, uint64_t l1_index, uint64_t **table, uint64_t *l2_off);
/* The validated host offset of a normal (or preallocated zero) cluster. */
int qcow2_normal_host(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint64_t *host);
/* The L2 entry for guest_off (0 when no L2 table holds it); 0 or -EIO. */
int qcow2_l2_entry(Qcow2State *s, uint64_t guest_off, uint64_t *entry);
/* The cached L2 table at host offset l2_off, loaded if needed; NULL on error. */
uint64_t *qcow2_l2_table(Qcow2State *s, uint64_t l2_off, int *err);
Qcow2ClusterKind qcow2_cluster_kind(const Qcow2State *s, uint64_t entry);
/* Host byte range [*start, *start + *len) of a compressed cluster's data. */
void qcow2_compressed_range(const Qcow2State *s, uint64_t entry, uint64_t *start, uint64_t *len);
/* Reads [guest_off, guest_off+len) of one guest cluster described by entry. */
int qcow2_read_in_cluster(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint8_t *buf,
                          size_t len);
int qcow2_read(void *state, uint64_t offset, void *buf, size_t len);
int qcow2_write(void *state, uint64_t offset, const void *buf, size_t len);

int qcow2_refcount_get(Qcow2State *s, uint64_t cluster, uint64_t *value);
int qcow2_refcount_set(Qcow2State *s, uint64_t cluster, uint64_t value);
/* n contiguous new clusters at the end of the file, each with refcount 1. */
int qcow2_alloc_clusters(Qcow2State *s, uint64_t n, uint64_t *offset);

int qcow2_write_be64(Qcow2State *s, uint64_t offset, uint64_t value);

#endif

/*
 * qcow2 refcounts and cluster allocation. The refcount table (in memory, written through
 * entry by entry) points at refcount blocks, each a cluster of 2^refcount_order-bit
 * entries: big-endian for 8 bits and more, packed low bits first within a byte below
 * that. One refcount block is cached. New clusters are always appended at the end of
 * the file; a refcount block or a larger refcount table needed on the way is appended
 * too and counts itself, so `qemu-img check` finds every cluster accounted for.
 */
#include <errno.h>
#include <glib.h>
#include <string.h>

#include "hw/block_internal.h"
#include "hw/block_qcow2.h"

static uint64_t qcow2_rc_per_block(const Qcow2State *s)
{
	return (s->cluster_size * 8) >> s->refcount_order;
}

static uint64_t qcow2_rc_get_entry(const uint8_t *blk, uint64_t i, unsigned order)
{
	if (order < 3) {
		unsigned bits = 1u << order;
		uint64_t bit = i * bits;
		return (blk[bit / 8] >> (bit % 8)) & ((1u << bits) - 1);
	}
	unsigned bytes = 1u << (order - 3);
	uint64_t v = 0;
	for (unsigned k = 0; k < bytes; k++)
		v = v << 8 | blk[i * bytes + k];
	return v;
}

/* Stores entry i and returns the byte range [*at, *at + *n) that changed. */
static void qcow2_rc_set_entry(uint8_t *blk, uint64_t i, unsigned order, uint64_t v, uint64_t *at,
                               size_t *n)
{
	if (order < 3) {
		unsigned bits = 1u << order;
		uint64_t bit = i * bits;
		uint8_t mask = (uint8_t)(((1u << bits) - 1) << (bit % 8));
		blk[bit / 8] = (uint8_t)((blk[bit / 8] & ~mask) | ((v << (bit % 8)) & mask));
		*at = bit / 8;
		*n = 1;
		return;
	}
	unsigned bytes = 1u << (order - 3);
	for (unsigned k = 0; k < bytes; k++)
		blk[i * bytes + k] = (uint8_t)(v >> (8 * (bytes - 1 - k)));
	*at = i * bytes;
	*n = bytes;
}

static int qcow2_rc_block_load(Qcow2State *s, uint64_t offset)
{
	if (s->rc_block && s->rc_block_offset == offset)
		return 0;
	if (offset & (s->cluster_size - 1))
		return qcow2_corrupt(s, "refcount block offset 0x%llx is not cluster aligned",
		                     (unsigned long long)offset);
	if (offset >= s->file_size || s->cluster_size > s->file_size - offset)
		return qcow2_corrupt(s, "refcount block at 0x%llx lies outside the file",
		                     (unsigned long long)offset);
	if (!s->rc_block)
		s->rc_block = g_malloc(s->cluster_size);
	s->rc_block_offset = 0;
	int r = block_pread_full(s->fd, offset, s->rc_block, s->cluster_size);
	if (r == 0)
		s->rc_block_offset = offset;
	return r;
}

int qcow2_refcount_get(Qcow2State *s, uint64_t cluster, uint64_t *value)
{
	uint64_t per_block = qcow2_rc_per_block(s);
	uint64_t rt_index = cluster / per_block;
	*value = 0;
	if (rt_index >= s->rt_entries)
		return 0;
	uint64_t blk = s->rt[rt_index] & QCOW2_RT_OFFSET_MASK;
	if (blk == 0)
		return 0;
	int r = qcow2_rc_block_load(s, blk);
	if (r == 0)
		*value = qcow2_rc_get_entry(s->rc_block, cluster % per_block, s->refcount_order);
	return r;
}

static int qcow2_write_zero_cluster(Qcow2State *s, uint64_t offset)
{
	g_autofree uint8_t *zero = g_malloc0(s->cluster_size);
	return block_pwrite_full(s->fd, offset, zero, s->cluster_size);
}

/* Reserves n clusters at the (cluster-aligned) end of the file; the caller writes and
 * counts them. */
static uint64_t qcow2_append(Qcow2State *s, uint64_t n)
{
	uint64_t offset = (s->file_size + s->cluster_size - 1) & ~(s->cluster_size - 1);
	s->file_size = offset + n * s->cluster_size;
	return offset;
}

/* Replaces the refcount table by a larger one that has an entry rt_index. */
static int qcow2_grow_refcount_table(Qcow2State *s, uint64_t rt_index)
{
	uint64_t per_cluster = s->cluster_size / 8;
	uint64_t clusters = MAX(2ull * s->rt_clusters, (rt_index + per_cluster) / per_cluster + 1);
	if (clusters > UINT32_MAX / 2)
		return -EFBIG;
	uint64_t new_offset = qcow2_append(s, clusters);
	uint64_t entries = clusters * per_cluster;
	g_autofree uint64_t *disk = g_malloc0(entries * 8);
	for (uint64_t i = 0; i < s->rt_entries; i++)
		disk[i] = GUINT64_TO_BE(s->rt[i]);
	int r = block_pwrite_full(s->fd, new_offset, disk, entries * 8);
	if (r < 0)
		return r;
	uint8_t hdr[12];
	uint64_t be_off = GUINT64_TO_BE(new_offset);
	uint32_t be_clusters = GUINT32_TO_BE((uint32_t)clusters);
	memcpy(hdr, &be_off, 8);
	memcpy(hdr + 8, &be_clusters, 4);
	r = block_pwrite_full(s->fd, QCOW2_HDR_RT_OFFSET, hdr, sizeof hdr);
	if (r < 0)
		return r;
	uint64_t old_offset = s->rt_offset, old_clusters = s->rt_clusters;
	s->rt = g_realloc(s->rt, entries * 8);
	memset(s->rt + s->rt_entries, 0, (entries - s->rt_entries) * 8);
	s->rt_entries = entries;
	s->rt_offset = new_offset;
	s->rt_clusters = (uint32_t)clusters;
	for (uint64_t i = 0; i < clusters && r == 0; i++)
		r = qcow2_refcount_set(s, (new_offset >> s->cluster_bits) + i, 1);
	for (uint64_t i = 0; i < old_clusters && r == 0; i++)
		r = qcow2_refcount_set(s, (old_offset >> s->cluster_bits) + i, 0);
	return r;
}

/* Gives table entry rt_index a fresh refcount block, which counts itself. */
static int qcow2_new_refcount_block(Qcow2State *s, uint64_t rt_index)
{
	uint64_t offset = qcow2_append(s, 1);
	int r = qcow2_write_zero_cluster(s, offset);
	if (r < 0)
		return r;
	s->rt[rt_index] = offset;
	r = qcow2_write_be64(s, s->rt_offset + rt_index * 8, offset);
	if (r < 0)
		return r;
	return qcow2_refcount_set(s, offset >> s->cluster_bits, 1);
}

int qcow2_refcount_set(Qcow2State *s, uint64_t cluster, uint64_t value)
{
	if (s->refcount_order < 6 && (value >> (1u << s->refcount_order)))
		return -ERANGE;
	uint64_t per_block = qcow2_rc_per_block(s);
	uint64_t rt_index = cluster / per_block;
	int r;
	if (rt_index >= s->rt_entries) {
		if (value == 0)
			return 0;
		r = qcow2_grow_refcount_table(s, rt_index);
		if (r < 0)
			return r;
	}
	if ((s->rt[rt_index] & QCOW2_RT_OFFSET_MASK) == 0) {
		if (value == 0)
			return 0;
		r = qcow2_new_refcount_block(s, rt_index);
		if (r < 0)
			return r;
	}
	uint64_t blk = s->rt[rt_index] & QCOW2_RT_OFFSET_MASK;
	r = qcow2_rc_block_load(s, blk);
	if (r < 0)
		return r;
	uint64_t at;
	size_t n;
	qcow2_rc_set_entry(s->rc_block, cluster % per_block, s->refcount_order, value, &at, &n);
	return block_pwrite_full(s->fd, blk + at, s->rc_block + at, n);
}

int qcow2_alloc_clusters(Qcow2State *s, uint64_t n, uint64_t *offset)
{
	uint64_t start = qcow2_append(s, n);
	for (uint64_t i = 0; i < n; i++) {
		int r = qcow2_refcount_set(s, (start >> s->cluster_bits) + i, 1);
		if (r < 0)
			return r;
	}
	*offset = start;
	return 0;
}

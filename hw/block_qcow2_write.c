/*
 * qcow2 writes. A write into a normal cluster goes in place. Any other cluster is
 * copied on write: its current contents (zeros, backing-file data or the inflated
 * compressed data) are read whole, the new bytes merged in, and the result written to a
 * freshly allocated cluster; then the L2 entry (and, for a new L2 table, the L1 entry)
 * points at it with the COPIED flag, and the host clusters a replaced compressed
 * cluster occupied lose one reference. Metadata is written after the data it points to.
 */
#include <errno.h>
#include <glib.h>
#include <string.h>

#include "hw/block_internal.h"
#include "hw/block_qcow2.h"

/* The L2 table for L1 slot l1_index, allocating an empty one when there is none. */
static int qcow2_l2_for_write(Qcow2State *s, uint64_t l1_index, uint64_t *l2_off)
{
	uint64_t *table;
	int r = qcow2_l2_lookup(s, l1_index, &table, l2_off);
	if (r < 0 || table)
		return r;
	uint64_t off;
	r = qcow2_alloc_clusters(s, 1, &off);
	if (r < 0)
		return r;
	g_autofree uint8_t *zero = g_malloc0(s->cluster_size);
	r = block_pwrite_full(s->fd, off, zero, s->cluster_size);
	if (r < 0)
		return r;
	s->l1[l1_index] = off | QCOW2_COPIED;
	r = qcow2_write_be64(s, s->l1_offset + l1_index * 8, s->l1[l1_index]);
	*l2_off = off;
	return r;
}

static int qcow2_set_l2_entry(Qcow2State *s, uint64_t l2_off, uint64_t l2_index, uint64_t entry)
{
	int r = -EIO;
	uint64_t *table = qcow2_l2_table(s, l2_off, &r);
	if (!table)
		return r;
	table[l2_index] = entry;
	return qcow2_write_be64(s, l2_off + l2_index * 8, entry);
}

/* Drops the reference a compressed cluster holds on each host cluster it touches. */
static int qcow2_release_compressed(Qcow2State *s, uint64_t entry)
{
	uint64_t start, len;
	qcow2_compressed_range(s, entry, &start, &len);
	uint64_t first = start >> s->cluster_bits, last = (start + len - 1) >> s->cluster_bits;
	for (uint64_t c = first; c <= last; c++) {
		uint64_t rc;
		int r = qcow2_refcount_get(s, c, &rc);
		if (r < 0)
			return r;
		if (rc == 0)
			return qcow2_corrupt(s, "compressed cluster at 0x%llx has refcount 0",
			                     (unsigned long long)start);
		r = qcow2_refcount_set(s, c, rc - 1);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Copy-on-write of one guest cluster that is not a plain allocated one. */
static int qcow2_cow_cluster(Qcow2State *s, uint64_t entry, uint64_t l2_off, uint64_t guest_off,
                             const uint8_t *data, size_t len)
{
	uint64_t cs = s->cluster_size, base = guest_off & ~(cs - 1);
	uint64_t l2_index = (guest_off >> s->cluster_bits) & ((1ull << s->l2_bits) - 1);
	Qcow2ClusterKind kind = qcow2_cluster_kind(s, entry);
	g_autofree uint8_t *buf = g_malloc(cs);
	int r = qcow2_read_in_cluster(s, entry, base, buf, cs);
	if (r < 0)
		return r;
	memcpy(buf + (guest_off - base), data, len);
	uint64_t host;
	if (kind == QCOW2_CLUSTER_ZERO && (entry & QCOW2_OFFSET_MASK))
		r = qcow2_normal_host(s, entry, guest_off, &host);
	else
		r = qcow2_alloc_clusters(s, 1, &host);
	if (r == 0)
		r = block_pwrite_full(s->fd, host, buf, cs);
	if (r == 0)
		r = qcow2_set_l2_entry(s, l2_off, l2_index, host | QCOW2_COPIED);
	if (r == 0 && kind == QCOW2_CLUSTER_COMPRESSED)
		r = qcow2_release_compressed(s, entry);
	return r;
}

/* One piece of a write inside one cluster (block_for_each_chunk's callback). */
static int qcow2_write_piece(void *state, uint64_t guest_off, uint8_t *data, size_t len)
{
	Qcow2State *s = state;
	uint64_t cluster = guest_off >> s->cluster_bits;
	uint64_t l2_off;
	int r = qcow2_l2_for_write(s, cluster >> s->l2_bits, &l2_off);
	if (r < 0)
		return r;
	r = -EIO;
	uint64_t *table = qcow2_l2_table(s, l2_off, &r);
	if (!table)
		return r;
	uint64_t entry = table[cluster & ((1ull << s->l2_bits) - 1)];
	if (qcow2_cluster_kind(s, entry) != QCOW2_CLUSTER_NORMAL)
		return qcow2_cow_cluster(s, entry, l2_off, guest_off, data, len);
	uint64_t host;
	r = qcow2_normal_host(s, entry, guest_off, &host);
	if (r < 0)
		return r;
	return block_pwrite_full(s->fd, host + (guest_off & (s->cluster_size - 1)), data, len);
}

int qcow2_write(void *state, uint64_t offset, const void *buf, size_t len)
{
	Qcow2State *s = state;
	if (s->read_only)
		return -EROFS;
	return block_for_each_chunk(offset, (uint8_t *)buf, len, s->cluster_size,
	                            qcow2_write_piece, s);
}

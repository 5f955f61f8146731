/*
 * qcow2 reads: a guest offset goes through the L1 table (in memory) and an L2 table (a
 * small LRU cache of whole tables) to an L2 entry, and the entry's kind picks the
 * reader: unallocated clusters come from the backing file or read as zero, zero-flag
 * clusters read as zero, normal clusters are read in place, compressed clusters are
 * inflated (raw deflate) whole, the last one kept for sequential reads. Every offset
 * taken from the image is checked against the file before it is used.
 */
#include <errno.h>
#include <glib.h>
#include <string.h>
#include <zlib.h>

#include "hw/block_internal.h"
#include "hw/block_qcow2.h"

static Qcow2L2Slot *qcow2_l2_victim(Qcow2State *s)
{
	Qcow2L2Slot *victim = &s->l2_cache[0];
	for (size_t i = 1; i < QCOW2_L2_CACHE_SIZE; i++)
		if (s->l2_cache[i].last_use < victim->last_use)
			victim = &s->l2_cache[i];
	return victim;
}

uint64_t *qcow2_l2_table(Qcow2State *s, uint64_t l2_off, int *err)
{
	for (size_t i = 0; i < QCOW2_L2_CACHE_SIZE; i++) {
		Qcow2L2Slot *slot = &s->l2_cache[i];
		if (slot->table && slot->offset == l2_off) {
			slot->last_use = ++s->l2_clock;
			return slot->table;
		}
	}
	Qcow2L2Slot *slot = qcow2_l2_victim(s);
	if (!slot->table)
		slot->table = g_malloc(s->cluster_size);
	slot->offset = 0;
	int r = block_pread_full(s->fd, l2_off, slot->table, s->cluster_size);
	if (r < 0) {
		*err = r;
		return NULL;
	}
	for (uint64_t i = 0; i < s->cluster_size / 8; i++)
		slot->table[i] = GUINT64_FROM_BE(slot->table[i]);
	slot->offset = l2_off;
	slot->last_use = ++s->l2_clock;
	return slot->table;
}

int qcow2_l2_lookup(Qcow2State *s, uint64_t l1_index, uint64_t **table, uint64_t *l2_off)
{
	*table = NULL;
	*l2_off = 0;
	if (l1_index >= s->l1_size)
		return 0;
	uint64_t off = s->l1[l1_index] & QCOW2_OFFSET_MASK;
	if (off == 0)
		return 0;
	if (off & (s->cluster_size - 1))
		return qcow2_corrupt(s, "L2 table offset 0x%llx is not cluster aligned",
		                     (unsigned long long)off);
	if (off >= s->file_size || s->cluster_size > s->file_size - off)
		return qcow2_corrupt(s, "L2 table at 0x%llx lies outside the file",
		                     (unsigned long long)off);
	int err = -EIO;
	*table = qcow2_l2_table(s, off, &err);
	if (!*table)
		return err;
	*l2_off = off;
	return 0;
}

int qcow2_l2_entry(Qcow2State *s, uint64_t guest_off, uint64_t *entry)
{
	uint64_t cluster = guest_off >> s->cluster_bits;
	uint64_t *table, l2_off;
	*entry = 0;
	int r = qcow2_l2_lookup(s, cluster >> s->l2_bits, &table, &l2_off);
	if (r == 0 && table)
		*entry = table[cluster & ((1ull << s->l2_bits) - 1)];
	return r;
}

Qcow2ClusterKind qcow2_cluster_kind(const Qcow2State *s, uint64_t entry)
{
	if (entry & QCOW2_COMPRESSED)
		return QCOW2_CLUSTER_COMPRESSED;
	if (s->version >= 3 && (entry & QCOW2_ZERO))
		return QCOW2_CLUSTER_ZERO;
	return (entry & QCOW2_OFFSET_MASK) ? QCOW2_CLUSTER_NORMAL : QCOW2_CLUSTER_UNALLOCATED;
}

/* Compressed descriptor: the low 62 - (cluster_bits - 8) bits are the host offset, the
 * bits above (up to bit 61) the number of 512-byte sectors beyond the first. */
void qcow2_compressed_range(const Qcow2State *s, uint64_t entry, uint64_t *start, uint64_t *len)
{
	unsigned offset_bits = 62 - (s->cluster_bits - 8);
	uint64_t host = entry & ((1ull << offset_bits) - 1);
	uint64_t sectors = ((entry >> offset_bits) & ((1ull << (s->cluster_bits - 8)) - 1)) + 1;
	*start = host;
	*len = sectors * 512 - (host & 511);
}

static int qcow2_read_unallocated(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint8_t *buf,
                                  size_t len)
{
	if (s->backing)
		return block_read_any(s->backing, guest_off, buf, len);
	memset(buf, 0, len);
	return 0;
}

static int qcow2_read_zero(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint8_t *buf,
                           size_t len)
{
	memset(buf, 0, len);
	return 0;
}

int qcow2_normal_host(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint64_t *host)
{
	*host = entry & QCOW2_OFFSET_MASK;
	if (*host & (s->cluster_size - 1))
		return qcow2_corrupt(s, "L2 entry 0x%llx is not cluster aligned",
		                     (unsigned long long)entry);
	if (*host >= s->file_size)
		return qcow2_corrupt(s, "L2 entry for guest offset 0x%llx points outside the file",
		                     (unsigned long long)guest_off);
	return 0;
}

static int qcow2_read_normal(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint8_t *buf,
                             size_t len)
{
	uint64_t host;
	int r = qcow2_normal_host(s, entry, guest_off, &host);
	if (r < 0)
		return r;
	return block_pread_full(s->fd, host + (guest_off & (s->cluster_size - 1)), buf, len);
}

static int qcow2_inflate(Qcow2State *s, const uint8_t *in, size_t in_len, uint8_t *out)
{
	z_stream z = {0};
	if (inflateInit2(&z, -12) != Z_OK)
		return -ENOMEM;
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)in_len;
	z.next_out = out;
	z.avail_out = (uInt)s->cluster_size;
	int zr = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	/* The descriptor rounds up to whole sectors, so input may be left over; a full
	 * output cluster is what counts. */
	if ((zr != Z_STREAM_END && zr != Z_BUF_ERROR) || z.avail_out != 0)
		return -EIO;
	return 0;
}

static int qcow2_decompress(Qcow2State *s, uint64_t entry)
{
	if (s->zcache && s->zcache_entry == entry)
		return 0;
	uint64_t start, len;
	qcow2_compressed_range(s, entry, &start, &len);
	if (start >= s->file_size)
		return qcow2_corrupt(s, "compressed cluster at 0x%llx lies outside the file",
		                     (unsigned long long)start);
	len = MIN(len, s->file_size - start);
	g_autofree uint8_t *in = g_malloc(len);
	int r = block_pread_full(s->fd, start, in, len);
	if (r < 0)
		return r;
	if (!s->zcache)
		s->zcache = g_malloc(s->cluster_size);
	s->zcache_entry = 0;
	if (qcow2_inflate(s, in, len, s->zcache) < 0)
		return qcow2_corrupt(s, "compressed cluster at 0x%llx does not inflate",
		                     (unsigned long long)start);
	s->zcache_entry = entry;
	return 0;
}

static int qcow2_read_compressed(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint8_t *buf,
                                 size_t len)
{
	int r = qcow2_decompress(s, entry);
	if (r < 0)
		return r;
	memcpy(buf, s->zcache + (guest_off & (s->cluster_size - 1)), len);
	return 0;
}

static int (*const qcow2_readers[QCOW2_CLUSTER_KINDS])(Qcow2State *, uint64_t, uint64_t, uint8_t *,
                                                       size_t) = {
    [QCOW2_CLUSTER_UNALLOCATED] = qcow2_read_unallocated,
    [QCOW2_CLUSTER_ZERO] = qcow2_read_zero,
    [QCOW2_CLUSTER_NORMAL] = qcow2_read_normal,
    [QCOW2_CLUSTER_COMPRESSED] = qcow2_read_compressed,
};

int qcow2_read_in_cluster(Qcow2State *s, uint64_t entry, uint64_t guest_off, uint8_t *buf,
                          size_t len)
{
	return qcow2_readers[qcow2_cluster_kind(s, entry)](s, entry, guest_off, buf, len);
}

static int qcow2_read_piece(void *state, uint64_t offset, uint8_t *out, size_t n)
{
	uint64_t entry;
	int r = qcow2_l2_entry(state, offset, &entry);
	return r < 0 ? r : qcow2_read_in_cluster(state, entry, offset, out, n);
}

int qcow2_read(void *state, uint64_t offset, void *buf, size_t len)
{
	Qcow2State *s = state;
	return block_for_each_chunk(offset, buf, len, s->cluster_size, qcow2_read_piece, s);
}

/*
 * virtio-blk (device id 2, virtio 1.x section 5.2): one request queue whose requests
 * are a 16-byte header {le32 type, le32 reserved, le64 sector}, the data, and a status
 * byte the device writes last. Requests run synchronously when the driver notifies,
 * in the notifying vCPU's thread under the device lock, through a bounce buffer so
 * the storage sees whole 512-byte sectors whatever the guest's segment sizes.
 */
#include "hw/virtio.h"

#include <stdlib.h>
#include <string.h>

enum {
	BLK_F_SIZE_MAX = 1,
	BLK_F_SEG_MAX = 2,
	BLK_F_RO = 5,
	BLK_F_BLK_SIZE = 6,
	BLK_F_FLUSH = 9,
};
enum { BLK_T_IN = 0, BLK_T_OUT = 1, BLK_T_FLUSH = 4, BLK_T_GET_ID = 8 };
enum { BLK_S_OK = 0, BLK_S_IOERR = 1, BLK_S_UNSUPP = 2 };
enum {
	SECTOR = 512,
	HDR_SIZE = 16,
	QUEUE_MAX = 256,
	SEG_MAX = QUEUE_MAX - 2, /* a header and a status descriptor around the data */
	SIZE_MAX_BYTES = 1 << 20,
	BOUNCE = 128 << 10,
	ID_BYTES = 20,
	CONFIG_SIZE = 60, /* through write_zeroes_may_unmap and its padding */
	VMSTATE_VERSION = 1,
};

typedef struct VirtioBlk {
	VirtioMmio *slot;
	const VirtioBlkIo *io;
	void *opaque;
	char serial[ID_BYTES];
	uint8_t *bounce;
	VirtqElem elem;
} VirtioBlk;

static uint64_t capacity(VirtioBlk *b)
{
	return b->io->size(b->opaque) / SECTOR;
}

static uint64_t blk_features(void *dev)
{
	VirtioBlk *b = dev;
	uint64_t f = 1ull << BLK_F_SIZE_MAX | 1ull << BLK_F_SEG_MAX | 1ull << BLK_F_BLK_SIZE |
	             1ull << BLK_F_FLUSH;
	if (b->io->read_only(b->opaque))
		f |= 1ull << BLK_F_RO;
	return f;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

/* capacity @0, size_max @8, seg_max @12, blk_size @20; the rest stays 0. */
static void blk_config_read(void *dev, uint8_t *out)
{
	VirtioBlk *b = dev;
	memset(out, 0, CONFIG_SIZE);
	uint64_t cap = capacity(b);
	memcpy(out, &cap, 8);
	put32(out + 8, SIZE_MAX_BYTES);
	put32(out + 12, SEG_MAX);
	put32(out + 20, SECTOR);
}

/* Whether [sector, sector + len bytes) is a whole-sector range inside the disk. */
static bool in_range(VirtioBlk *b, uint64_t sector, size_t len)
{
	uint64_t cap = capacity(b);
	return len % SECTOR == 0 && sector <= cap && len / SECTOR <= cap - sector;
}

static uint8_t do_read(VirtioBlk *b, VirtqElem *e, uint64_t sector, uint32_t *written)
{
	size_t len = e->in_len - 1;
	if (!in_range(b, sector, len))
		return BLK_S_IOERR;
	for (size_t done = 0; done < len;) {
		size_t n = len - done < BOUNCE ? len - done : BOUNCE;
		if (b->io->read(b->opaque, sector * SECTOR + done, b->bounce, n) < 0)
			return BLK_S_IOERR;
		virtq_elem_write(e, done, b->bounce, n);
		done += n;
		*written = (uint32_t)done;
	}
	return BLK_S_OK;
}

static uint8_t do_write(VirtioBlk *b, VirtqElem *e, uint64_t sector)
{
	size_t len = e->out_len - HDR_SIZE;
	if (b->io->read_only(b->opaque) || !in_range(b, sector, len))
		return BLK_S_IOERR;
	for (size_t done = 0; done < len;) {
		size_t n = len - done < BOUNCE ? len - done : BOUNCE;
		virtq_elem_read(e, HDR_SIZE + done, b->bounce, n);
		if (b->io->write(b->opaque, sector * SECTOR + done, b->bounce, n) < 0)
			return BLK_S_IOERR;
		done += n;
	}
	return BLK_S_OK;
}

static uint8_t do_get_id(VirtioBlk *b, VirtqElem *e, uint32_t *written)
{
	size_t n = e->in_len - 1 < ID_BYTES ? e->in_len - 1 : ID_BYTES;
	*written = (uint32_t)virtq_elem_write(e, 0, b->serial, n);
	return BLK_S_OK;
}

/* Runs one request; returns the bytes written to the driver's buffers, status byte
 * included. A request without a header or a status byte is dropped unanswered. */
static uint32_t handle_request(VirtioBlk *b, VirtqElem *e)
{
	uint8_t hdr[HDR_SIZE];
	if (e->out_len < HDR_SIZE || e->in_len < 1)
		return 0;
	virtq_elem_read(e, 0, hdr, HDR_SIZE);
	uint32_t type;
	uint64_t sector;
	memcpy(&type, hdr, 4);
	memcpy(&sector, hdr + 8, 8);
	uint32_t written = 0;
	uint8_t status;
	switch (type) {
	case BLK_T_IN: status = do_read(b, e, sector, &written); break;
	case BLK_T_OUT: status = do_write(b, e, sector); break;
	case BLK_T_FLUSH: status = b->io->flush(b->opaque) < 0 ? BLK_S_IOERR : BLK_S_OK; break;
	case BLK_T_GET_ID: status = do_get_id(b, e, &written); break;
	default: status = BLK_S_UNSUPP; break;
	}
	virtq_elem_write(e, e->in_len - 1, &status, 1);
	return written + 1;
}

static void blk_queue_notify(void *dev, unsigned queue)
{
	VirtioBlk *b = dev;
	VirtQueue *vq = virtio_mmio_queue(b->slot, queue);
	int r;
	while ((r = virtq_pop(vq, &b->elem)) > 0)
		virtq_push(vq, &b->elem, handle_request(b, &b->elem));
	if (r < 0)
		virtio_mmio_set_needs_reset(b->slot);
	virtio_mmio_notify(b->slot, vq);
}

static void blk_save(void *dev, GByteArray *out)
{
	vmstate_put_u32(out, VMSTATE_VERSION);
	vmstate_put_u64(out, capacity(dev));
}

/* The disk itself is the block backend's; only check it is the same size. */
static int blk_load(void *dev, VmReader *in)
{
	if (vmstate_get_u32(in) != VMSTATE_VERSION || vmstate_get_u64(in) != capacity(dev))
		return -1;
	return 0;
}

static void blk_free(void *dev)
{
	VirtioBlk *b = dev;
	free(b->bounce);
	free(b);
}

static const VirtioDeviceOps blk_ops = {
    .name = "virtio-blk",
    .device_id = 2,
    .num_queues = 1,
    .queue_max = QUEUE_MAX,
    .config_size = CONFIG_SIZE,
    .features = blk_features,
    .config_read = blk_config_read,
    .queue_notify = blk_queue_notify,
    .save = blk_save,
    .load = blk_load,
    .free = blk_free,
};

bool virtio_blk_new_io(VirtioMmio *slot, const VirtioBlkIo *io, void *opaque, const char *serial)
{
	VirtioBlk *b = calloc(1, sizeof *b);
	if (!b)
		return false;
	b->slot = slot;
	b->io = io;
	b->opaque = opaque;
	if (serial)
		memcpy(b->serial, serial, strnlen(serial, ID_BYTES));
	b->bounce = malloc(BOUNCE);
	if (!b->bounce || !virtio_mmio_plug(slot, &blk_ops, b)) {
		blk_free(b);
		return false;
	}
	return true;
}

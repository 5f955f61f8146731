/*
 * virtio-net (device id 1, virtio 1.x section 5.1): queue 0 receives, queue 1
 * transmits. Each frame travels behind a 12-byte virtio_net_hdr {u8 flags, u8
 * gso_type, le16 hdr_len, gso_size, csum_start, csum_offset, num_buffers}; no offloads
 * are offered, so the device sends it zeroed and ignores the driver's. With
 * VIRTIO_NET_F_MRG_RXBUF a received frame may span several receive buffers
 * (num_buffers says how many); without it, one buffer holds header and frame.
 *
 * Transmit runs when the driver notifies queue 1 (vCPU thread); receive when the
 * network backend hands a frame over (its thread, bus lock held). A frame that finds
 * no room is refused and the backend drops it, as a real network may.
 */
#include "hw/virtio.h"

#include <stdlib.h>
#include <string.h>

enum { NET_F_MAC = 5, NET_F_MRG_RXBUF = 15, NET_F_STATUS = 16 };
enum {
	RX_QUEUE = 0,
	TX_QUEUE = 1,
	QUEUE_MAX = 256,
	HDR_SIZE = 12,
	NUM_BUFFERS_OFF = 10,
	LINK_UP = 1,
	CONFIG_SIZE = 12, /* mac, status, max_virtqueue_pairs, mtu */
	FRAME_MAX = 65536 + 14,
	VMSTATE_VERSION = 1,
};

typedef struct VirtioNet {
	VirtioMmio *slot;
	const VirtioNetIo *io;
	void *opaque;
	uint8_t mac[6];
	NetClient client;
	uint8_t tx_buf[FRAME_MAX];
	uint16_t rx_heads[QUEUE_MAX];
	uint32_t rx_lens[QUEUE_MAX];
	VirtqElem tx_elem, rx_first, rx_next;
} VirtioNet;

static uint64_t net_features(void *dev)
{
	return 1ull << NET_F_MAC | 1ull << NET_F_MRG_RXBUF | 1ull << NET_F_STATUS;
}

static void net_config_read(void *dev, uint8_t *out)
{
	VirtioNet *n = dev;
	memset(out, 0, CONFIG_SIZE);
	memcpy(out, n->mac, 6);
	out[6] = LINK_UP;
}

static void net_transmit(VirtioNet *n)
{
	VirtQueue *vq = virtio_mmio_queue(n->slot, TX_QUEUE);
	VirtqElem *e = &n->tx_elem;
	int r;
	while ((r = virtq_pop(vq, e)) > 0) {
		if (e->out_len > HDR_SIZE && e->out_len - HDR_SIZE <= FRAME_MAX) {
			size_t len = virtq_elem_read(e, HDR_SIZE, n->tx_buf, e->out_len - HDR_SIZE);
			n->io->send(n->opaque, n->tx_buf, len);
		}
		virtq_push(vq, e, 0);
	}
	if (r < 0)
		virtio_mmio_set_needs_reset(n->slot);
	virtio_mmio_notify(n->slot, vq);
}

static void net_queue_notify(void *dev, unsigned queue)
{
	VirtioNet *n = dev;
	if (queue == TX_QUEUE)
		net_transmit(n);
}

/* Pops the next receive buffer; false when there is none (or the ring is broken). */
static bool rx_pop(VirtioNet *n, VirtQueue *vq, VirtqElem *e)
{
	int r = virtq_pop(vq, e);
	if (r < 0)
		virtio_mmio_set_needs_reset(n->slot);
	return r > 0;
}

/* Spreads the frame after the header over as many buffers as it takes, starting with
 * first (already popped, header written). Returns the buffers used, 0 when the ring
 * ran out (and gives back the ones taken). */
static unsigned rx_spread(VirtioNet *n, VirtQueue *vq, const uint8_t *frame, size_t len,
                          bool mergeable)
{
	VirtqElem *e = &n->rx_first;
	size_t done = virtq_elem_write(e, HDR_SIZE, frame, len);
	unsigned count = 1;
	n->rx_heads[0] = e->head;
	n->rx_lens[0] = (uint32_t)(HDR_SIZE + done);
	while (done < len) {
		e = &n->rx_next;
		if (!mergeable || count == vq->num || !rx_pop(n, vq, e)) {
			virtq_unpop(vq, count);
			return 0;
		}
		size_t put = virtq_elem_write(e, 0, frame + done, len - done);
		n->rx_heads[count] = e->head;
		n->rx_lens[count++] = (uint32_t)put;
		done += put;
	}
	return count;
}

static bool net_receive(void *opaque, const uint8_t *frame, size_t len)
{
	VirtioNet *n = opaque;
	VirtQueue *vq = virtio_mmio_queue(n->slot, RX_QUEUE);
	if (!virtio_mmio_running(n->slot) || !vq->ready || len > FRAME_MAX)
		return false;
	if (!rx_pop(n, vq, &n->rx_first))
		return false;
	if (n->rx_first.in_len < HDR_SIZE) {
		virtq_unpop(vq, 1);
		virtio_mmio_set_needs_reset(n->slot);
		return false;
	}
	bool mergeable = virtio_mmio_driver_features(n->slot) & (1ull << NET_F_MRG_RXBUF);
	unsigned count = rx_spread(n, vq, frame, len, mergeable);
	if (count == 0)
		return false;
	uint8_t hdr[HDR_SIZE] = {0};
	hdr[NUM_BUFFERS_OFF] = (uint8_t)count;
	hdr[NUM_BUFFERS_OFF + 1] = (uint8_t)(count >> 8);
	virtq_elem_write(&n->rx_first, 0, hdr, HDR_SIZE);
	for (unsigned i = 0; i < count; i++)
		virtq_fill(vq, n->rx_heads[i], n->rx_lens[i], i);
	virtq_flush(vq, count);
	virtio_mmio_notify(n->slot, vq);
	return true;
}

static void net_save(void *dev, GByteArray *out)
{
	VirtioNet *n = dev;
	vmstate_put_u32(out, VMSTATE_VERSION);
	vmstate_put_bytes(out, n->mac, 6);
}

static int net_load(void *dev, VmReader *in)
{
	VirtioNet *n = dev;
	if (vmstate_get_u32(in) != VMSTATE_VERSION)
		return -1;
	vmstate_get_bytes(in, n->mac, 6);
	return in->error ? -1 : 0;
}

static const VirtioDeviceOps net_ops = {
    .name = "virtio-net",
    .device_id = 1,
    .num_queues = 2,
    .queue_max = QUEUE_MAX,
    .config_size = CONFIG_SIZE,
    .features = net_features,
    .config_read = net_config_read,
    .queue_notify = net_queue_notify,
    .save = net_save,
    .load = net_load,
    .free = free,
};

void virtio_net_default_mac(unsigned slot, uint8_t mac[6])
{
	static const uint8_t base[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
	memcpy(mac, base, 6);
	mac[5] = (uint8_t)(base[5] + slot);
}

const NetClient *virtio_net_new_io(VirtioMmio *slot, const VirtioNetIo *io, void *opaque,
                                   const uint8_t mac[6])
{
	VirtioNet *n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	n->slot = slot;
	n->io = io;
	n->opaque = opaque;
	memcpy(n->mac, mac, 6);
	n->client = (NetClient){net_receive, n};
	if (!virtio_mmio_plug(slot, &net_ops, n)) {
		free(n);
		return NULL;
	}
	return &n->client;
}

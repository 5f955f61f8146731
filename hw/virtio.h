/*
 * virtio 1.x over MMIO (the `virtio,mmio` version 2 transport of the riscv64 virt
 * machine), split virtqueues, and the devices behind it: block, network and entropy.
 *
 * A slot is one 0x1000-byte MMIO window with one interrupt line. The machine creates
 * every slot (an empty slot reads as device id 0, "no device", as Linux expects) and
 * plugs a device into some of them:
 *
 *     VirtioMmio *slot = virtio_mmio_new(bus, 0x10001000 + n * 0x1000, irq_to_plic_1_plus_n);
 *     virtio_blk_new(slot, block_backend, "serial");
 *
 * Device code runs under the bus's device lock: queue notifications arrive from MMIO
 * writes, network frames from the backend's thread with bus_lock held. A device reads
 * its requests with virtq_pop, answers with virtq_push (or virtq_fill + virtq_flush)
 * and then calls virtio_mmio_notify, which raises the interrupt unless the driver
 * suppressed it. The transport offers VERSION_1, INDIRECT_DESC and EVENT_IDX on top
 * of each device's own features.
 */
#ifndef FERRY_VIRTIO_H
#define FERRY_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/irq.h"
#include "hw/net.h"
#include "sysemu/vmstate.h"

struct Bus;
struct BlockBackend;

enum {
	VIRTIO_MMIO_SIZE = 0x1000,
	VIRTIO_MMIO_CONFIG = 0x100, /* device config space offset */
};

/* Device status bits */
enum {
	VIRTIO_STATUS_ACKNOWLEDGE = 1,
	VIRTIO_STATUS_DRIVER = 2,
	VIRTIO_STATUS_DRIVER_OK = 4,
	VIRTIO_STATUS_FEATURES_OK = 8,
	VIRTIO_STATUS_NEEDS_RESET = 64,
	VIRTIO_STATUS_FAILED = 128,
};

/* Transport feature bits */
#define VIRTIO_F_INDIRECT_DESC (1ull << 28)
#define VIRTIO_F_EVENT_IDX     (1ull << 29)
#define VIRTIO_F_VERSION_1     (1ull << 32)

/* Interrupt status bits */
enum { VIRTIO_ISR_USED = 1, VIRTIO_ISR_CONFIG = 2 };

/* Descriptor flags */
enum { VIRTQ_DESC_F_NEXT = 1, VIRTQ_DESC_F_WRITE = 2, VIRTQ_DESC_F_INDIRECT = 4 };
enum { VIRTQ_AVAIL_F_NO_INTERRUPT = 1 };

/* The most segments one request may have (direct plus indirect descriptors). */
#define VIRTQ_MAX_SEGS 1024

/* One split virtqueue as the device sees it. The ring pointers are host addresses of
 * guest RAM, found once when the driver makes the queue ready. */
typedef struct VirtQueue {
	uint32_t num; /* QueueNum: entries, a power of two */
	bool ready;
	bool event_idx; /* VIRTIO_F_EVENT_IDX negotiated */
	bool indirect;  /* VIRTIO_F_INDIRECT_DESC negotiated */
	uint64_t desc_addr, avail_addr, used_addr;
	uint16_t last_avail; /* next available-ring index the device reads */
	uint16_t used_idx;   /* next used-ring index the device writes */
	uint16_t signalled;  /* used_idx when the driver was last considered for an interrupt */
	uint8_t *desc, *avail, *used;
	struct Bus *bus;
} VirtQueue;

/* A segment of a request: host memory of a guest buffer. */
typedef struct VirtqSeg {
	uint8_t *host;
	uint32_t len;
} VirtqSeg;

/* One popped descriptor chain: n_out device-readable segments, then n_in writable. */
typedef struct VirtqElem {
	uint16_t head;
	unsigned n_out, n_in;
	size_t out_len, in_len;
	VirtqSeg seg[VIRTQ_MAX_SEGS];
} VirtqElem;

/* Maps the rings once the driver sets QueueReady; false when they are not in RAM. */
bool virtq_setup(VirtQueue *vq, struct Bus *bus);
void virtq_reset(VirtQueue *vq);
/* 1 with *e filled, 0 when the driver has posted nothing new, -1 for a malformed chain
 * (bad index, loop, buffer outside RAM, writable before readable, nested indirect). */
int virtq_pop(VirtQueue *vq, VirtqElem *e);
/* Gives back the last n popped chains unused (the device had no room after all). */
void virtq_unpop(VirtQueue *vq, unsigned n);
/* Puts a chain in the used ring with the bytes written to it; visible after flush. */
void virtq_fill(VirtQueue *vq, uint16_t head, uint32_t len, unsigned i);
void virtq_flush(VirtQueue *vq, unsigned count);
void virtq_push(VirtQueue *vq, const VirtqElem *e, uint32_t len);
/* Whether the driver wants an interrupt for what was used since the last check. */
bool virtq_should_interrupt(VirtQueue *vq);
/* Copies between a chain's readable (read) or writable (write) bytes at offset;
 * returns the bytes copied, fewer when the chain is shorter. */
size_t virtq_elem_read(const VirtqElem *e, size_t offset, void *buf, size_t len);
size_t virtq_elem_write(VirtqElem *e, size_t offset, const void *buf, size_t len);
void virtq_save(const VirtQueue *vq, GByteArray *out);
/* false when the state is inconsistent or its rings are not in RAM */
bool virtq_load(VirtQueue *vq, struct Bus *bus, VmReader *in);

/* What one device model gives the transport. */
typedef struct VirtioDeviceOps {
	const char *name;
	uint32_t device_id;
	unsigned num_queues;
	uint16_t queue_max;
	uint32_t config_size;
	uint64_t (*features)(void *dev);
	/* Writes the whole config space (config_size bytes, little-endian) to out. */
	void (*config_read)(void *dev, uint8_t *out);
	/* A driver write to config space; NULL when it is read-only. */
	void (*config_write)(void *dev, uint32_t offset, uint64_t value, unsigned size);
	void (*queue_notify)(void *dev, unsigned queue);
	void (*reset)(void *dev);
	void (*save)(void *dev, GByteArray *out);
	int (*load)(void *dev, VmReader *in);
	void (*free)(void *dev);
} VirtioDeviceOps;

typedef struct VirtioMmio VirtioMmio;

/* An empty slot at base on the bus, interrupting through irq; NULL when the range is
 * taken. */
VirtioMmio *virtio_mmio_new(struct Bus *bus, uint64_t base, IrqLine irq);
/* Frees the slot and its device (the bus keeps the region: free the bus first). */
void virtio_mmio_free(VirtioMmio *m);
/* The device reset a driver asks for by writing 0 to Status, which is also the
 * machine's: status, features, selectors and queues 0, the interrupt status clear and
 * the line driven low. The device's backend (image, network) is untouched. */
void virtio_mmio_reset(VirtioMmio *m);
/* Puts a device in an empty slot (device constructors call this); false if occupied. */
bool virtio_mmio_plug(VirtioMmio *m, const VirtioDeviceOps *ops, void *dev);
/* The slot's state and its device's as a snapshot section ("virtio@<base>"). */
VmStateSection virtio_mmio_vmstate(VirtioMmio *m);

/* For device models */
VirtQueue *virtio_mmio_queue(VirtioMmio *m, unsigned i);
uint64_t virtio_mmio_driver_features(const VirtioMmio *m);
/* DRIVER_OK set and NEEDS_RESET not: the device may use its queues. */
bool virtio_mmio_running(const VirtioMmio *m);
void virtio_mmio_notify(VirtioMmio *m, VirtQueue *vq);
/* The driver broke the protocol: stop and tell it to reset the device. */
void virtio_mmio_set_needs_reset(VirtioMmio *m);

/* virtio-blk (device id 2) over a byte-addressed image. The device reaches its storage
 * through this table so it does not depend on a particular backend; virtio_blk_new
 * wires it to a hw/block.h BlockBackend. Errors are negative errno values. */
typedef struct VirtioBlkIo {
	uint64_t (*size)(void *opaque);
	bool (*read_only)(void *opaque);
	int (*read)(void *opaque, uint64_t offset, void *buf, size_t len);
	int (*write)(void *opaque, uint64_t offset, const void *buf, size_t len);
	int (*flush)(void *opaque);
} VirtioBlkIo;

bool virtio_blk_new_io(VirtioMmio *slot, const VirtioBlkIo *io, void *opaque, const char *serial);
bool virtio_blk_new(VirtioMmio *slot, struct BlockBackend *bb, const char *serial);

/* virtio-net (device id 1). Frames from the guest go to send; frames for the guest come
 * in through the NetClient virtio_net_new_io returns (false: no room). virtio_net_new
 * wires both to a hw/net.h NetBackend. */
typedef struct VirtioNetIo {
	void (*send)(void *opaque, const uint8_t *frame, size_t len);
} VirtioNetIo;

/* 52:54:00:12:34:56 with slot added to the last byte, as the machine assigns them. */
void virtio_net_default_mac(unsigned slot, uint8_t mac[6]);
/* The client the frames for the guest go to (it lives as long as the device), or NULL. */
const NetClient *virtio_net_new_io(VirtioMmio *slot, const VirtioNetIo *io, void *opaque,
                                   const uint8_t mac[6]);
bool virtio_net_new(VirtioMmio *slot, NetBackend *nb, const uint8_t mac[6]);

/* virtio-rng (device id 4): the host's getrandom. */
bool virtio_rng_new(VirtioMmio *slot);

#endif

/* A minimal virtio-mmio (version 2) driver for the bare-metal tests: find a device by id
   among the eight slots at 0x10001000 + n * 0x1000, the spec's initialisation sequence
   (reset, ACKNOWLEDGE, DRIVER, features with VIRTIO_F_VERSION_1, FEATURES_OK), split
   virtqueues of QSIZE entries in one page each, posting a descriptor chain and waiting
   for the device to use it. Static functions: each test includes it once. */
#ifndef SYSEMU_TEST_VIRTIO_H
#define SYSEMU_TEST_VIRTIO_H

#include "common.h"

#define MAGIC 0x000
#define VERSION 0x004
#define DEVICE_ID 0x008
#define DEVICE_FEATURES 0x010
#define DEVICE_FEATURES_SEL 0x014
#define DRIVER_FEATURES 0x020
#define DRIVER_FEATURES_SEL 0x024
#define QUEUE_SEL 0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM 0x038
#define QUEUE_READY 0x044
#define QUEUE_NOTIFY 0x050
#define INTERRUPT_STATUS 0x060
#define INTERRUPT_ACK 0x064
#define STATUS 0x070
#define QUEUE_DESC_LOW 0x080
#define QUEUE_DESC_HIGH 0x084
#define QUEUE_DRIVER_LOW 0x090
#define QUEUE_DRIVER_HIGH 0x094
#define QUEUE_DEVICE_LOW 0x0a0
#define QUEUE_DEVICE_HIGH 0x0a4
#define CONFIG 0x100

#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8
#define S_FAILED 128

#define QSIZE 8
#define DESC_NEXT 1
#define DESC_WRITE 2

struct desc {
	u64 addr;
	u32 len;
	u16 flags, next;
};
struct avail {
	u16 flags, idx, ring[QSIZE], used_event;
};
struct used_elem {
	u32 id, len;
};
struct used {
	u16 flags, idx;
	struct used_elem ring[QSIZE];
	u16 avail_event;
};
/* One virtqueue: the three rings, each in its own page. */
struct vq {
	struct desc descs[QSIZE] __attribute__((aligned(4096)));
	struct avail avail __attribute__((aligned(4096)));
	volatile struct used used __attribute__((aligned(4096)));
	u16 avail_idx;
};

static u32 vio_rd(u64 base, u32 off) { return mmio_read32(base + off); }
static void vio_wr(u64 base, u32 off, u32 v) { mmio_write32(base + off, v); }

/* The base of the one slot holding device `id` (fails check 2 when there are two, 4 when
   there is none); every answering slot must be version 2 (check 1). */
static u64 vio_find(u32 id, int *slot)
{
	int found = -1, answering = 0;
	for (int n = 0; n < 8; n++) {
		u64 b = VIRTIO_BASE + 0x1000UL * n;
		if (mmio_read32(b + MAGIC) != 0x74726976)
			continue;
		answering++;
		CHECK_EQ(1, mmio_read32(b + VERSION), 2);
		if (mmio_read32(b + DEVICE_ID) == id) {
			CHECK(2, found < 0);
			found = n;
		}
	}
	CHECK(3, answering > 0);
	CHECK(4, found >= 0);
	*slot = found;
	return VIRTIO_BASE + 0x1000UL * found;
}

/* Reset, ACKNOWLEDGE, DRIVER, features VERSION_1 plus `low` (bits 0-31), FEATURES_OK. */
static void vio_init(u64 base, u32 low)
{
	vio_wr(base, STATUS, 0);
	CHECK_EQ(5, vio_rd(base, STATUS), 0);
	vio_wr(base, STATUS, S_ACKNOWLEDGE);
	vio_wr(base, STATUS, S_ACKNOWLEDGE | S_DRIVER);
	vio_wr(base, DEVICE_FEATURES_SEL, 1);
	CHECK(6, vio_rd(base, DEVICE_FEATURES) & 1); /* VIRTIO_F_VERSION_1 */
	vio_wr(base, DRIVER_FEATURES_SEL, 1);
	vio_wr(base, DRIVER_FEATURES, 1);
	vio_wr(base, DRIVER_FEATURES_SEL, 0);
	vio_wr(base, DRIVER_FEATURES, low);
	vio_wr(base, STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
	CHECK(7, vio_rd(base, STATUS) & S_FEATURES_OK);
}

static void vio_queue(u64 base, u32 q, struct vq *vq)
{
	vio_wr(base, QUEUE_SEL, q);
	CHECK_EQ(9, vio_rd(base, QUEUE_READY), 0);
	CHECK(10, vio_rd(base, QUEUE_NUM_MAX) >= QSIZE);
	vio_wr(base, QUEUE_NUM, QSIZE);
	vio_wr(base, QUEUE_DESC_LOW, (u32)(u64)vq->descs);
	vio_wr(base, QUEUE_DESC_HIGH, (u32)((u64)vq->descs >> 32));
	vio_wr(base, QUEUE_DRIVER_LOW, (u32)(u64)&vq->avail);
	vio_wr(base, QUEUE_DRIVER_HIGH, (u32)((u64)&vq->avail >> 32));
	vio_wr(base, QUEUE_DEVICE_LOW, (u32)(u64)&vq->used);
	vio_wr(base, QUEUE_DEVICE_HIGH, (u32)((u64)&vq->used >> 32));
	vio_wr(base, QUEUE_READY, 1);
	CHECK_EQ(11, vio_rd(base, QUEUE_READY), 1);
}

static void vio_driver_ok(u64 base)
{
	vio_wr(base, STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	CHECK(12, !(vio_rd(base, STATUS) & S_FAILED));
}

/* Makes the chain starting at descriptor `head` available on queue q and notifies. */
static void vio_post(u64 base, u32 q, struct vq *vq, u16 head)
{
	vq->avail.ring[vq->avail_idx % QSIZE] = head;
	fence();
	vq->avail.idx = ++vq->avail_idx;
	fence();
	vio_wr(base, QUEUE_NOTIFY, q);
}

/* Waits (up to 5 s, check 40) until the device has used every posted chain; returns the
   length the device wrote into the last one. */
static u32 vio_wait(struct vq *vq)
{
	u64 t0 = rdtime_mmio();
	while (vq->used.idx != vq->avail_idx)
		CHECK(40, rdtime_mmio() - t0 < 50000000UL);
	fence();
	return vq->used.ring[(u16)(vq->avail_idx - 1) % QSIZE].len;
}

#endif

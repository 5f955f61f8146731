/*
 * Unit tests of the virtio-mmio transport, split virtqueues and the block, network and
 * entropy devices (hw/virtio*.c). The test plays the guest driver on a Bus with RAM:
 * it probes the registers, negotiates features, lays out queues in guest RAM, posts
 * descriptor chains and reads the used rings back. The block device runs on a raw
 * image in /tmp through a small pread/pwrite VirtioBlkIo; the network device on a fake
 * backend that records what it is sent. The machine's reset of a slot is checked to leave
 * the transport as at power-on with its line low, and the disk image as it was.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw/virtio.h"
#include "sysemu/bus.h"
#include "tests/unit/suites.h"

#define RAM_BASE  0x80000000ull
#define RAM_SIZE  0x100000ull
#define SLOT_BASE 0x10001000ull
#define DATA_BASE (RAM_BASE + 0x40000)
#define QNUM      16

enum {
	R_MAGIC = 0x000,
	R_VERSION = 0x004,
	R_DEVICE_ID = 0x008,
	R_VENDOR = 0x00c,
	R_DEV_FEATURES = 0x010,
	R_DEV_FEATURES_SEL = 0x014,
	R_DRV_FEATURES = 0x020,
	R_DRV_FEATURES_SEL = 0x024,
	R_QUEUE_SEL = 0x030,
	R_QUEUE_NUM_MAX = 0x034,
	R_QUEUE_NUM = 0x038,
	R_QUEUE_READY = 0x044,
	R_QUEUE_NOTIFY = 0x050,
	R_ISR = 0x060,
	R_ISR_ACK = 0x064,
	R_STATUS = 0x070,
	R_DESC_LO = 0x080,
	R_DESC_HI = 0x084,
	R_DRIVER_LO = 0x090,
	R_DRIVER_HI = 0x094,
	R_DEVICE_LO = 0x0a0,
	R_DEVICE_HI = 0x0a4,
	R_CONFIG = 0x100,
};

typedef struct DQueue {
	uint64_t desc, avail, used;
	uint16_t avail_idx, used_seen, next_desc;
} DQueue;

typedef struct Guest {
	Bus *bus;
	uint8_t *ram;
	VirtioMmio *slot;
	int irq;
	unsigned irq_changes;
	uint64_t next_data;
	DQueue q[2];
} Guest;

typedef struct Buf {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
} Buf;

static void irq_cb(void *opaque, unsigned n, int level)
{
	Guest *g = opaque;
	g->irq = level;
	g->irq_changes++;
}

static void guest_init(Guest *g)
{
	memset(g, 0, sizeof *g);
	g->bus = bus_new();
	g->ram = bus_add_ram(g->bus, RAM_BASE, RAM_SIZE, "ram");
	ck_assert_ptr_nonnull(g->ram);
	g->slot = virtio_mmio_new(g->bus, SLOT_BASE, (IrqLine){irq_cb, g, 1});
	ck_assert_ptr_nonnull(g->slot);
	g->next_data = DATA_BASE;
}

static void guest_fini(Guest *g)
{
	bus_free(g->bus);
	virtio_mmio_free(g->slot);
}

static uint32_t rd(Guest *g, uint64_t off)
{
	uint64_t v = 0;
	ck_assert_int_eq(bus_read(g->bus, SLOT_BASE + off, 4, &v), 0);
	return (uint32_t)v;
}

static void wr(Guest *g, uint64_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(g->bus, SLOT_BASE + off, 4, v), 0);
}

static void *host(Guest *g, uint64_t gpa)
{
	return g->ram + (gpa - RAM_BASE);
}

static uint64_t galloc(Guest *g, size_t n)
{
	uint64_t a = g->next_data;
	g->next_data += (n + 15) & ~(size_t)15;
	memset(host(g, a), 0, n);
	return a;
}

static uint16_t ld16(Guest *g, uint64_t gpa)
{
	uint16_t v;
	memcpy(&v, host(g, gpa), 2);
	return v;
}

static void st16(Guest *g, uint64_t gpa, uint16_t v)
{
	memcpy(host(g, gpa), &v, 2);
}

static uint64_t device_features(Guest *g)
{
	wr(g, R_DEV_FEATURES_SEL, 0);
	uint64_t f = rd(g, R_DEV_FEATURES);
	wr(g, R_DEV_FEATURES_SEL, 1);
	return f | (uint64_t)rd(g, R_DEV_FEATURES) << 32;
}

/* Status ACK, DRIVER, the features, FEATURES_OK; true when the device accepted them. */
static bool negotiate(Guest *g, uint64_t features)
{
	wr(g, R_STATUS, 0);
	wr(g, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(g, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(g, R_DRV_FEATURES_SEL, 0);
	wr(g, R_DRV_FEATURES, (uint32_t)features);
	wr(g, R_DRV_FEATURES_SEL, 1);
	wr(g, R_DRV_FEATURES, (uint32_t)(features >> 32));
	wr(g, R_STATUS, rd(g, R_STATUS) | VIRTIO_STATUS_FEATURES_OK);
	return rd(g, R_STATUS) & VIRTIO_STATUS_FEATURES_OK;
}

static void setup_queue(Guest *g, unsigned q)
{
	DQueue *dq = &g->q[q];
	memset(dq, 0, sizeof *dq);
	dq->desc = RAM_BASE + q * 0x4000;
	dq->avail = dq->desc + 0x1000;
	dq->used = dq->desc + 0x2000;
	memset(host(g, dq->desc), 0, 0x3000);
	wr(g, R_QUEUE_SEL, q);
	ck_assert_uint_ge(rd(g, R_QUEUE_NUM_MAX), QNUM);
	wr(g, R_QUEUE_NUM, QNUM);
	wr(g, R_DESC_LO, (uint32_t)dq->desc);
	wr(g, R_DESC_HI, (uint32_t)(dq->desc >> 32));
	wr(g, R_DRIVER_LO, (uint32_t)dq->avail);
	wr(g, R_DRIVER_HI, 0);
	wr(g, R_DEVICE_LO, (uint32_t)dq->used);
	wr(g, R_DEVICE_HI, 0);
	wr(g, R_QUEUE_READY, 1);
	ck_assert_uint_eq(rd(g, R_QUEUE_READY), 1);
}

static void driver_start(Guest *g, uint64_t features, unsigned nq)
{
	ck_assert(negotiate(g, features | VIRTIO_F_VERSION_1));
	for (unsigned q = 0; q < nq; q++)
		setup_queue(g, q);
	wr(g, R_STATUS, rd(g, R_STATUS) | VIRTIO_STATUS_DRIVER_OK);
}

static void write_desc(Guest *g, uint64_t table, unsigned i, const Buf *b, uint16_t next)
{
	uint8_t *p = host(g, table + 16 * i);
	memcpy(p, &b->addr, 8);
	memcpy(p + 8, &b->len, 4);
	memcpy(p + 12, &b->flags, 2);
	memcpy(p + 14, &next, 2);
}

/* Puts a chain of n buffers in queue q's descriptor table and available ring; returns
 * its head. Flags other than NEXT come from the buffers. */
static uint16_t post_chain(Guest *g, unsigned q, const Buf *bufs, unsigned n)
{
	DQueue *dq = &g->q[q];
	uint16_t head = dq->next_desc;
	for (unsigned i = 0; i < n; i++) {
		uint16_t at = (uint16_t)((head + i) % QNUM), next = (uint16_t)((at + 1) % QNUM);
		Buf b = bufs[i];
		if (i + 1 < n)
			b.flags |= VIRTQ_DESC_F_NEXT;
		write_desc(g, dq->desc, at, &b, next);
	}
	dq->next_desc = (uint16_t)((head + n) % QNUM);
	st16(g, dq->avail + 4 + 2 * (dq->avail_idx % QNUM), head);
	dq->avail_idx++;
	st16(g, dq->avail + 2, dq->avail_idx);
	return head;
}

static uint16_t post(Guest *g, unsigned q, const Buf *bufs, unsigned n)
{
	uint16_t head = post_chain(g, q, bufs, n);
	wr(g, R_QUEUE_NOTIFY, q);
	return head;
}

/* The next used entry of queue q, if there is one. */
static bool used_pop(Guest *g, unsigned q, uint32_t *id, uint32_t *len)
{
	DQueue *dq = &g->q[q];
	if (ld16(g, dq->used + 2) == dq->used_seen)
		return false;
	uint8_t *p = host(g, dq->used + 4 + 8 * (dq->used_seen % QNUM));
	memcpy(id, p, 4);
	memcpy(len, p + 4, 4);
	dq->used_seen++;
	return true;
}

/* virtio-blk on a raw image file */
typedef struct RawImage {
	int fd;
	uint64_t size;
	bool read_only;
	char path[64];
} RawImage;

static uint64_t raw_size(void *o)
{
	return ((RawImage *)o)->size;
}
static bool raw_read_only(void *o)
{
	return ((RawImage *)o)->read_only;
}

static int raw_read(void *o, uint64_t off, void *buf, size_t len)
{
	return pread(((RawImage *)o)->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -5;
}

static int raw_write(void *o, uint64_t off, const void *buf, size_t len)
{
	return pwrite(((RawImage *)o)->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -5;
}

static int raw_flush(void *o)
{
	return fsync(((RawImage *)o)->fd) < 0 ? -5 : 0;
}

static const VirtioBlkIo raw_io = {raw_size, raw_read_only, raw_read, raw_write, raw_flush};

/* A 64 KiB image whose byte i is (i / 512 + i) & 0xff. */
static void raw_open(RawImage *img, bool read_only)
{
	strcpy(img->path, "/tmp/ferry-virtio-XXXXXX");
	img->fd = mkstemp(img->path);
	ck_assert_int_ge(img->fd, 0);
	img->size = 64 << 10;
	img->read_only = read_only;
	uint8_t *data = malloc(img->size);
	for (size_t i = 0; i < img->size; i++)
		data[i] = (uint8_t)(i / 512 + i);
	ck_assert_int_eq(pwrite(img->fd, data, img->size, 0), (ssize_t)img->size);
	free(data);
}

static void raw_close(RawImage *img)
{
	close(img->fd);
	unlink(img->path);
}

enum { T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8 };

typedef struct BlkReq {
	uint64_t hdr, status;
} BlkReq;

/* The header and status buffers of a request. */
static BlkReq blk_req_bufs(Guest *g, uint32_t type, uint64_t sector)
{
	BlkReq r = {galloc(g, 16), galloc(g, 1)};
	memcpy(host(g, r.hdr), &type, 4);
	memcpy((uint8_t *)host(g, r.hdr) + 8, &sector, 8);
	*(uint8_t *)host(g, r.status) = 0xee;
	return r;
}

/* Posts a request with one data buffer (none when len is 0); returns the used length
 * and the status byte. */
static uint32_t blk_req(Guest *g, uint32_t type, uint64_t sector, uint64_t data, uint32_t len,
                        uint8_t *status)
{
	BlkReq r = blk_req_bufs(g, type, sector);
	uint16_t dflags = type == T_OUT ? 0 : VIRTQ_DESC_F_WRITE;
	Buf bufs[3] = {{r.hdr, 16, 0}, {data, len, dflags}, {r.status, 1, VIRTQ_DESC_F_WRITE}};
	if (len)
		post(g, 0, bufs, 3);
	else
		post(g, 0, (Buf[]){bufs[0], bufs[2]}, 2);
	uint32_t id, used_len;
	ck_assert(used_pop(g, 0, &id, &used_len));
	*status = *(uint8_t *)host(g, r.status);
	return used_len;
}

static void blk_guest(Guest *g, RawImage *img, uint64_t features)
{
	guest_init(g);
	ck_assert(virtio_blk_new_io(g->slot, &raw_io, img, "ferry-disk-0"));
	driver_start(g, features, 1);
}

START_TEST(test_probe)
{
	Guest g;
	guest_init(&g);
	ck_assert_uint_eq(rd(&g, R_MAGIC), 0x74726976);
	ck_assert_uint_eq(rd(&g, R_VERSION), 2);
	ck_assert_uint_eq(rd(&g, R_DEVICE_ID), 0);
	ck_assert_uint_eq(rd(&g, R_QUEUE_NUM_MAX), 0);
	ck_assert_uint_eq(rd(&g, R_STATUS), 0);
	wr(&g, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	ck_assert_uint_eq(rd(&g, R_STATUS), 0);

	RawImage img;
	raw_open(&img, false);
	ck_assert(virtio_blk_new_io(g.slot, &raw_io, &img, NULL));
	ck_assert(!virtio_rng_new(g.slot));
	ck_assert_uint_eq(rd(&g, R_DEVICE_ID), 2);
	ck_assert_uint_eq(rd(&g, R_VENDOR), 0x554d4551);
	uint64_t f = device_features(&g);
	ck_assert(f & VIRTIO_F_VERSION_1);
	ck_assert(f & (1ull << 9));    /* FLUSH */
	ck_assert(!(f & (1ull << 5))); /* not RO */
	wr(&g, R_QUEUE_SEL, 0);
	ck_assert_uint_eq(rd(&g, R_QUEUE_NUM_MAX), 256);
	wr(&g, R_QUEUE_SEL, 1);
	ck_assert_uint_eq(rd(&g, R_QUEUE_NUM_MAX), 0);
	uint64_t cap = 0;
	ck_assert_int_eq(bus_read(g.bus, SLOT_BASE + R_CONFIG, 8, &cap), 0);
	ck_assert_uint_eq(cap, 128);
	ck_assert_uint_eq(rd(&g, R_CONFIG + 20), 512); /* blk_size */
	uint64_t v = 1;
	ck_assert_int_eq(bus_read(g.bus, SLOT_BASE + R_MAGIC, 2, &v), 0);
	ck_assert_uint_eq(v, 0);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_feature_negotiation)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	guest_init(&g);
	ck_assert(virtio_blk_new_io(g.slot, &raw_io, &img, NULL));
	ck_assert(!negotiate(&g, 1ull << 9));                       /* no VERSION_1 */
	ck_assert(!negotiate(&g, VIRTIO_F_VERSION_1 | 1ull << 40)); /* not offered */
	ck_assert(negotiate(&g, VIRTIO_F_VERSION_1 | 1ull << 9));
	/* features are frozen once FEATURES_OK is set */
	wr(&g, R_DRV_FEATURES_SEL, 0);
	wr(&g, R_DRV_FEATURES, 0);
	ck_assert_uint_eq(virtio_mmio_driver_features(g.slot), VIRTIO_F_VERSION_1 | 1ull << 9);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_blk_read_write)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, 1ull << 9);
	uint8_t st;
	uint64_t buf = galloc(&g, 1024);
	ck_assert_uint_eq(blk_req(&g, T_IN, 2, buf, 1024, &st), 1025);
	ck_assert_uint_eq(st, 0);
	uint8_t *p = host(&g, buf);
	for (unsigned i = 0; i < 1024; i++)
		ck_assert_uint_eq(p[i], (uint8_t)((1024 + i) / 512 + 1024 + i));

	uint64_t out = galloc(&g, 512);
	memset(host(&g, out), 0xa5, 512);
	ck_assert_uint_eq(blk_req(&g, T_OUT, 5, out, 512, &st), 1);
	ck_assert_uint_eq(st, 0);
	uint8_t back[512];
	ck_assert_int_eq(pread(img.fd, back, 512, 5 * 512), 512);
	for (unsigned i = 0; i < 512; i++)
		ck_assert_uint_eq(back[i], 0xa5);

	ck_assert_uint_eq(blk_req(&g, T_FLUSH, 0, 0, 0, &st), 1);
	ck_assert_uint_eq(st, 0);
	uint64_t id = galloc(&g, 20);
	ck_assert_uint_eq(blk_req(&g, T_GET_ID, 0, id, 20, &st), 21);
	ck_assert_uint_eq(st, 0);
	ck_assert_str_eq((char *)host(&g, id), "ferry-disk-0");
	ck_assert_uint_eq(blk_req(&g, 99, 0, 0, 0, &st), 1);
	ck_assert_uint_eq(st, 2); /* UNSUPP */
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_blk_errors)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, 0);
	uint8_t st;
	uint64_t buf = galloc(&g, 1024);
	blk_req(&g, T_IN, 127, buf, 1024, &st); /* runs one sector past the end */
	ck_assert_uint_eq(st, 1);
	blk_req(&g, T_IN, ~0ull / 256, buf, 512, &st);
	ck_assert_uint_eq(st, 1);
	blk_req(&g, T_OUT, 128, buf, 512, &st);
	ck_assert_uint_eq(st, 1);
	blk_req(&g, T_IN, 0, buf, 100, &st); /* not whole sectors */
	ck_assert_uint_eq(st, 1);
	blk_req(&g, T_IN, 127, buf, 512, &st);
	ck_assert_uint_eq(st, 0);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_blk_read_only)
{
	Guest g;
	RawImage img;
	raw_open(&img, true);
	guest_init(&g);
	ck_assert(virtio_blk_new_io(g.slot, &raw_io, &img, NULL));
	ck_assert(device_features(&g) & (1ull << 5));
	driver_start(&g, 1ull << 5, 1);
	uint8_t st;
	uint64_t out = galloc(&g, 512);
	memset(host(&g, out), 0x11, 512);
	blk_req(&g, T_OUT, 0, out, 512, &st);
	ck_assert_uint_eq(st, 1);
	uint8_t back;
	ck_assert_int_eq(pread(img.fd, &back, 1, 0), 1);
	ck_assert_uint_eq(back, 0);
	uint64_t in = galloc(&g, 512);
	blk_req(&g, T_IN, 1, in, 512, &st);
	ck_assert_uint_eq(st, 0);
	ck_assert_uint_eq(((uint8_t *)host(&g, in))[0], 1);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_interrupts)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, 0);
	uint8_t st;
	ck_assert_int_eq(g.irq, 0);
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_int_eq(g.irq, 1);
	ck_assert_uint_eq(rd(&g, R_ISR), VIRTIO_ISR_USED);
	wr(&g, R_ISR_ACK, VIRTIO_ISR_USED);
	ck_assert_int_eq(g.irq, 0);
	ck_assert_uint_eq(rd(&g, R_ISR), 0);

	st16(&g, g.q[0].avail, VIRTQ_AVAIL_F_NO_INTERRUPT);
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_uint_eq(st, 0);
	ck_assert_int_eq(g.irq, 0);
	st16(&g, g.q[0].avail, 0);
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_int_eq(g.irq, 1);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_reset)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, 1ull << 9);
	uint8_t st;
	uint64_t out = galloc(&g, 512);
	memset(host(&g, out), 0x3c, 512);
	blk_req(&g, T_OUT, 1, out, 512, &st);
	ck_assert_int_eq(g.irq, 1);

	virtio_mmio_reset(g.slot);
	ck_assert_int_eq(g.irq, 0);
	ck_assert_uint_eq(rd(&g, R_ISR), 0);
	ck_assert_uint_eq(rd(&g, R_STATUS), 0);
	ck_assert_uint_eq(virtio_mmio_driver_features(g.slot), 0);
	wr(&g, R_QUEUE_SEL, 0);
	ck_assert_uint_eq(rd(&g, R_QUEUE_READY), 0);
	ck_assert_uint_eq(rd(&g, R_QUEUE_NUM), 0);
	ck_assert_uint_eq(rd(&g, R_DESC_LO), 0);
	ck_assert_uint_eq(rd(&g, R_DEVICE_LO), 0);

	/* A new driver starts from scratch and finds what the last one wrote. */
	driver_start(&g, 1ull << 9, 1);
	uint64_t buf = galloc(&g, 512);
	ck_assert_uint_eq(blk_req(&g, T_IN, 1, buf, 512, &st), 513);
	ck_assert_uint_eq(st, 0);
	ck_assert_uint_eq(((uint8_t *)host(&g, buf))[511], 0x3c);
	ck_assert_int_eq(g.irq, 1);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_event_idx)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, VIRTIO_F_EVENT_IDX);
	DQueue *dq = &g.q[0];
	uint64_t used_event = dq->avail + 4 + 2 * QNUM, avail_event = dq->used + 4 + 8 * QNUM;
	st16(&g, used_event, 1); /* interrupt once the used index passes 1 */
	uint8_t st;
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_int_eq(g.irq, 0);
	ck_assert_uint_eq(ld16(&g, avail_event), 1);
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_int_eq(g.irq, 1);
	ck_assert_uint_eq(ld16(&g, avail_event), 2);
	wr(&g, R_ISR_ACK, 1);
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_int_eq(g.irq, 0);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_indirect)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, VIRTIO_F_INDIRECT_DESC);
	BlkReq r = blk_req_bufs(&g, T_IN, 3);
	uint64_t data = galloc(&g, 512), table = galloc(&g, 4 * 16);
	/* header, data split in two, status */
	Buf ind[4] = {{r.hdr, 16, 0},
	              {data, 200, VIRTQ_DESC_F_WRITE},
	              {data + 200, 312, VIRTQ_DESC_F_WRITE},
	              {r.status, 1, VIRTQ_DESC_F_WRITE}};
	for (unsigned i = 0; i < 4; i++) {
		Buf b = ind[i];
		if (i < 3)
			b.flags |= VIRTQ_DESC_F_NEXT;
		write_desc(&g, table, i, &b, (uint16_t)(i + 1));
	}
	post(&g, 0, &(Buf){table, 64, VIRTQ_DESC_F_INDIRECT}, 1);
	uint32_t id, len;
	ck_assert(used_pop(&g, 0, &id, &len));
	ck_assert_uint_eq(len, 513);
	ck_assert_uint_eq(*(uint8_t *)host(&g, r.status), 0);
	uint8_t *p = host(&g, data);
	for (unsigned i = 0; i < 512; i++)
		ck_assert_uint_eq(p[i], (uint8_t)(3 + 3 * 512 + i));
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

static void assert_needs_reset(Guest *g)
{
	ck_assert(rd(g, R_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	ck_assert(rd(g, R_ISR) & VIRTIO_ISR_CONFIG);
	ck_assert_int_eq(g->irq, 1);
}

/* Reset clears the status, the interrupt and the queues; the device works again. */
static void assert_reset_recovers(Guest *g, uint64_t features)
{
	wr(g, R_STATUS, 0);
	ck_assert_uint_eq(rd(g, R_STATUS), 0);
	ck_assert_uint_eq(rd(g, R_ISR), 0);
	ck_assert_int_eq(g->irq, 0);
	wr(g, R_QUEUE_SEL, 0);
	ck_assert_uint_eq(rd(g, R_QUEUE_READY), 0);
	ck_assert_uint_eq(rd(g, R_QUEUE_NUM), 0);
	ck_assert_uint_eq(virtio_mmio_driver_features(g->slot), 0);
	driver_start(g, features, 1);
	uint8_t st;
	blk_req(g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_uint_eq(st, 0);
}

START_TEST(test_malformed_loop)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, 0);
	BlkReq r = blk_req_bufs(&g, T_FLUSH, 0);
	/* an empty descriptor pointing at itself: no segments pile up, only the walk */
	write_desc(&g, g.q[0].desc, 0, &(Buf){r.hdr, 16, VIRTQ_DESC_F_NEXT}, 1);
	write_desc(&g, g.q[0].desc, 1, &(Buf){r.status, 0, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE},
	           1);
	st16(&g, g.q[0].avail + 4, 0);
	st16(&g, g.q[0].avail + 2, 1);
	wr(&g, R_QUEUE_NOTIFY, 0);
	uint32_t id, len;
	ck_assert(!used_pop(&g, 0, &id, &len));
	assert_needs_reset(&g);
	/* a stopped device ignores further notifications */
	wr(&g, R_QUEUE_NOTIFY, 0);
	ck_assert(!used_pop(&g, 0, &id, &len));
	assert_reset_recovers(&g, 0);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_malformed_addresses)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, 0);
	BlkReq r = blk_req_bufs(&g, T_IN, 0);
	post(&g, 0,
	     (Buf[]){{r.hdr, 16, 0},
	             {0x1000, 512, VIRTQ_DESC_F_WRITE},
	             {r.status, 1, VIRTQ_DESC_F_WRITE}},
	     3);
	uint32_t id, len;
	ck_assert(!used_pop(&g, 0, &id, &len));
	assert_needs_reset(&g);
	assert_reset_recovers(&g, 0);

	/* a buffer running off the end of RAM, and an indirect table without the feature */
	post(&g, 0,
	     (Buf[]){{r.hdr, 16, 0},
	             {RAM_BASE + RAM_SIZE - 256, 512, VIRTQ_DESC_F_WRITE},
	             {r.status, 1, VIRTQ_DESC_F_WRITE}},
	     3);
	assert_needs_reset(&g);
	assert_reset_recovers(&g, 0);
	post(&g, 0, &(Buf){galloc(&g, 32), 32, VIRTQ_DESC_F_INDIRECT}, 1);
	assert_needs_reset(&g);

	/* rings outside RAM are refused when the queue is made ready */
	wr(&g, R_STATUS, 0);
	ck_assert(negotiate(&g, VIRTIO_F_VERSION_1));
	wr(&g, R_QUEUE_SEL, 0);
	wr(&g, R_QUEUE_NUM, QNUM);
	wr(&g, R_DESC_LO, 0x2000);
	wr(&g, R_DRIVER_LO, (uint32_t)RAM_BASE);
	wr(&g, R_DEVICE_LO, (uint32_t)(RAM_BASE + 0x1000));
	wr(&g, R_QUEUE_READY, 1);
	ck_assert_uint_eq(rd(&g, R_QUEUE_READY), 0);
	ck_assert(rd(&g, R_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_nested_indirect)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, VIRTIO_F_INDIRECT_DESC);
	uint64_t outer = galloc(&g, 16), inner = galloc(&g, 16);
	write_desc(&g, outer, 0, &(Buf){inner, 16, VIRTQ_DESC_F_INDIRECT}, 0);
	write_desc(&g, inner, 0, &(Buf){outer, 16, VIRTQ_DESC_F_INDIRECT}, 0);
	post(&g, 0, &(Buf){outer, 16, VIRTQ_DESC_F_INDIRECT}, 1);
	assert_needs_reset(&g);
	assert_reset_recovers(&g, VIRTIO_F_INDIRECT_DESC);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

START_TEST(test_rng)
{
	Guest g;
	guest_init(&g);
	ck_assert(virtio_rng_new(g.slot));
	ck_assert_uint_eq(rd(&g, R_DEVICE_ID), 4);
	driver_start(&g, 0, 1);
	uint64_t a = galloc(&g, 64), b = galloc(&g, 40);
	post(&g, 0, (Buf[]){{a, 64, VIRTQ_DESC_F_WRITE}, {b, 40, VIRTQ_DESC_F_WRITE}}, 2);
	uint32_t id, len;
	ck_assert(used_pop(&g, 0, &id, &len));
	ck_assert_uint_eq(len, 104);
	static const uint8_t zero[64];
	ck_assert(memcmp(host(&g, a), zero, 64) != 0);
	ck_assert(memcmp(host(&g, b), zero, 40) != 0);
	ck_assert_int_eq(g.irq, 1);
	guest_fini(&g);
}
END_TEST

/* The fake network backend: remembers the last frame it was sent. */
typedef struct FakeNet {
	uint8_t frame[2048];
	size_t len;
	unsigned frames;
} FakeNet;

static void fake_send(void *opaque, const uint8_t *frame, size_t len)
{
	FakeNet *f = opaque;
	f->len = len < sizeof f->frame ? len : sizeof f->frame;
	memcpy(f->frame, frame, f->len);
	f->frames++;
}

static const VirtioNetIo fake_net_io = {fake_send};

static const NetClient *net_guest(Guest *g, FakeNet *fn, uint64_t features)
{
	guest_init(g);
	uint8_t mac[6];
	virtio_net_default_mac(2, mac);
	const NetClient *c = virtio_net_new_io(g->slot, &fake_net_io, fn, mac);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(rd(g, R_DEVICE_ID), 1);
	driver_start(g, features, 2);
	return c;
}

static void fill_frame(uint8_t *f, size_t len)
{
	for (size_t i = 0; i < len; i++)
		f[i] = (uint8_t)(i * 7 + 3);
}

START_TEST(test_net_tx)
{
	Guest g;
	FakeNet fn = {0};
	net_guest(&g, &fn, 0);
	uint8_t cfg[8];
	for (unsigned i = 0; i < 8; i++) {
		uint64_t v;
		ck_assert_int_eq(bus_read(g.bus, SLOT_BASE + R_CONFIG + i, 1, &v), 0);
		cfg[i] = (uint8_t)v;
	}
	static const uint8_t want[8] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x58, 1, 0};
	ck_assert(memcmp(cfg, want, 8) == 0);

	uint64_t hdr = galloc(&g, 12), frame = galloc(&g, 60);
	fill_frame(host(&g, frame), 60);
	post(&g, 1, (Buf[]){{hdr, 12, 0}, {frame, 60, 0}}, 2);
	ck_assert_uint_eq(fn.frames, 1);
	ck_assert_uint_eq(fn.len, 60);
	ck_assert(memcmp(fn.frame, host(&g, frame), 60) == 0);
	uint32_t id, len;
	ck_assert(used_pop(&g, 1, &id, &len));
	ck_assert_int_eq(g.irq, 1);
	guest_fini(&g);
}
END_TEST

START_TEST(test_net_rx)
{
	Guest g;
	FakeNet fn = {0};
	const NetClient *c = net_guest(&g, &fn, 0);
	uint8_t frame[100];
	fill_frame(frame, sizeof frame);
	ck_assert(!c->receive(c->opaque, frame, sizeof frame)); /* no buffers yet */

	uint64_t a = galloc(&g, 1526), b = galloc(&g, 1526);
	post(&g, 0, &(Buf){a, 1526, VIRTQ_DESC_F_WRITE}, 1);
	post(&g, 0, &(Buf){b, 1526, VIRTQ_DESC_F_WRITE}, 1);
	ck_assert_int_eq(g.irq, 0);
	ck_assert(c->receive(c->opaque, frame, sizeof frame));
	uint32_t id, len;
	ck_assert(used_pop(&g, 0, &id, &len));
	ck_assert_uint_eq(len, 112);
	uint8_t *p = host(&g, a);
	ck_assert_uint_eq(p[10], 1); /* num_buffers */
	ck_assert_uint_eq(p[0], 0);
	ck_assert(memcmp(p + 12, frame, sizeof frame) == 0);
	ck_assert_int_eq(g.irq, 1);

	post(&g, 0, &(Buf){galloc(&g, 1526), 1526, VIRTQ_DESC_F_WRITE}, 1);
	uint8_t big[2000];
	fill_frame(big, sizeof big);
	/* does not fit one buffer, and without MRG_RXBUF may not span two */
	ck_assert(!c->receive(c->opaque, big, sizeof big));
	for (unsigned i = 0; i < 2; i++) { /* both buffers are still there */
		ck_assert(c->receive(c->opaque, frame, 50));
		ck_assert(used_pop(&g, 0, &id, &len));
		ck_assert_uint_eq(len, 62);
	}
	ck_assert(!c->receive(c->opaque, frame, 50));
	guest_fini(&g);
}
END_TEST

START_TEST(test_net_rx_mergeable)
{
	Guest g;
	FakeNet fn = {0};
	const NetClient *c = net_guest(&g, &fn, 1ull << 15);
	uint64_t buf[3];
	for (unsigned i = 0; i < 3; i++) {
		buf[i] = galloc(&g, 64);
		post(&g, 0, &(Buf){buf[i], 64, VIRTQ_DESC_F_WRITE}, 1);
	}
	uint8_t frame[200];
	fill_frame(frame, sizeof frame);
	ck_assert(!c->receive(c->opaque, frame, 200)); /* 212 bytes do not fit in 192 */
	ck_assert(c->receive(c->opaque, frame, 150));  /* 162 bytes: 64 + 64 + 34 */
	uint32_t id, len, lens[3] = {64, 64, 34};
	for (unsigned i = 0; i < 3; i++) {
		ck_assert(used_pop(&g, 0, &id, &len));
		ck_assert_uint_eq(len, lens[i]);
	}
	ck_assert_uint_eq(((uint8_t *)host(&g, buf[0]))[10], 3);
	ck_assert(memcmp((uint8_t *)host(&g, buf[0]) + 12, frame, 52) == 0);
	ck_assert(memcmp(host(&g, buf[1]), frame + 52, 64) == 0);
	ck_assert(memcmp(host(&g, buf[2]), frame + 116, 34) == 0);
	guest_fini(&g);
}
END_TEST

START_TEST(test_net_not_running)
{
	Guest g;
	FakeNet fn = {0};
	guest_init(&g);
	uint8_t mac[6];
	virtio_net_default_mac(0, mac);
	const NetClient *c = virtio_net_new_io(g.slot, &fake_net_io, &fn, mac);
	ck_assert(negotiate(&g, VIRTIO_F_VERSION_1));
	setup_queue(&g, 0);
	post(&g, 0, &(Buf){galloc(&g, 2048), 2048, VIRTQ_DESC_F_WRITE}, 1);
	uint8_t frame[60] = {0};
	ck_assert(!c->receive(c->opaque, frame, sizeof frame)); /* no DRIVER_OK yet */
	wr(&g, R_STATUS, rd(&g, R_STATUS) | VIRTIO_STATUS_DRIVER_OK);
	ck_assert(c->receive(c->opaque, frame, sizeof frame));
	guest_fini(&g);
}
END_TEST

START_TEST(test_vmstate)
{
	Guest g;
	RawImage img;
	raw_open(&img, false);
	blk_guest(&g, &img, VIRTIO_F_EVENT_IDX);
	uint8_t st;
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	VmStateSection sec = virtio_mmio_vmstate(g.slot);
	ck_assert_str_eq(sec.name, "virtio@10001000");
	GByteArray *saved = g_byte_array_new();
	sec.save(sec.opaque, saved);
	uint32_t status = rd(&g, R_STATUS);

	wr(&g, R_STATUS, 0);
	ck_assert_uint_eq(rd(&g, R_STATUS), 0);
	VmReader in = {saved->data, saved->len, false};
	ck_assert_int_eq(sec.load(sec.opaque, &in), 0);
	ck_assert_uint_eq(in.left, 0);
	ck_assert_uint_eq(rd(&g, R_STATUS), status);
	ck_assert_uint_eq(rd(&g, R_ISR), 1);
	ck_assert_int_eq(g.irq, 1);
	wr(&g, R_QUEUE_SEL, 0);
	ck_assert_uint_eq(rd(&g, R_QUEUE_READY), 1);
	ck_assert_uint_eq(rd(&g, R_QUEUE_NUM), QNUM);
	ck_assert_uint_eq(virtio_mmio_driver_features(g.slot),
	                  VIRTIO_F_VERSION_1 | VIRTIO_F_EVENT_IDX);
	/* the queue continues where it was */
	blk_req(&g, T_FLUSH, 0, 0, 0, &st);
	ck_assert_uint_eq(st, 0);
	ck_assert_uint_eq(ld16(&g, g.q[0].used + 2), 2);

	VmReader truncated = {saved->data, saved->len - 4, false};
	ck_assert_int_eq(sec.load(sec.opaque, &truncated), -1);
	g_byte_array_free(saved, TRUE);
	guest_fini(&g);
	raw_close(&img);
}
END_TEST

Suite *virtio_suite(void)
{
	Suite *s = suite_create("virtio");
	TCase *tc = tcase_create("virtio");
	tcase_add_test(tc, test_probe);
	tcase_add_test(tc, test_feature_negotiation);
	tcase_add_test(tc, test_blk_read_write);
	tcase_add_test(tc, test_blk_errors);
	tcase_add_test(tc, test_blk_read_only);
	tcase_add_test(tc, test_interrupts);
	tcase_add_test(tc, test_reset);
	tcase_add_test(tc, test_event_idx);
	tcase_add_test(tc, test_indirect);
	tcase_add_test(tc, test_malformed_loop);
	tcase_add_test(tc, test_malformed_addresses);
	tcase_add_test(tc, test_nested_indirect);
	tcase_add_test(tc, test_rng);
	tcase_add_test(tc, test_net_tx);
	tcase_add_test(tc, test_net_rx);
	tcase_add_test(tc, test_net_rx_mergeable);
	tcase_add_test(tc, test_net_not_running);
	tcase_add_test(tc, test_vmstate);
	suite_add_tcase(s, tc);
	return s;
}

/* virtio-mmio at 0x10001000 + n * 0x1000: every slot that answers has magic
   0x74726976 ("virt") and version 2; exactly one holds a block device (device id 2),
   which is driven by the spec's initialisation sequence (reset, ACKNOWLEDGE, DRIVER,
   feature negotiation with VIRTIO_F_VERSION_1 only, FEATURES_OK, one split virtqueue,
   DRIVER_OK); its capacity is the 64 KiB test disk; sector 0 reads back as the pattern
   the runner wrote; sector 1 is written and read back (the runner also checks the image
   file); each completion sets InterruptStatus bit 0 and the PLIC source slot + 1.
   sysemu-args: -drive file=@DISK@,format=raw,if=virtio */
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
struct blk_req {
	u32 type, reserved;
	u64 sector;
};

static struct desc descs[QSIZE] __attribute__((aligned(4096)));
static struct avail avail __attribute__((aligned(4096)));
static volatile struct used used __attribute__((aligned(4096)));
static struct blk_req req;
static u8 buf[512] __attribute__((aligned(512)));
static volatile u8 status_byte;
static u16 avail_idx;

static u64 base;
static u32 rd(u32 off) { return mmio_read32(base + off); }
static void wr(u32 off, u32 v) { mmio_write32(base + off, v); }

/* One request: type 0 = read into buf, 1 = write from buf. Returns the status byte. */
static int blk_io(u32 type, u64 sector, int slot)
{
	req.type = type;
	req.reserved = 0;
	req.sector = sector;
	status_byte = 0xff;
	descs[0] = (struct desc){(u64)&req, sizeof(req), DESC_NEXT, 1};
	descs[1] = (struct desc){(u64)buf, 512, (u16)(DESC_NEXT | (type == 0 ? DESC_WRITE : 0)), 2};
	descs[2] = (struct desc){(u64)&status_byte, 1, DESC_WRITE, 0};
	avail.ring[avail_idx % QSIZE] = 0;
	fence();
	avail.idx = ++avail_idx;
	fence();
	wr(QUEUE_NOTIFY, 0);
	u64 t0 = rdtime_mmio();
	while (used.idx != avail_idx)
		CHECK(40, rdtime_mmio() - t0 < 50000000UL); /* 5 s */
	fence();
	CHECK_EQ(41, used.ring[(avail_idx - 1) % QSIZE].id, 0);
	/* the used-buffer interrupt: InterruptStatus bit 0 and PLIC source slot + 1 */
	CHECK(42, rd(INTERRUPT_STATUS) & 1);
	CHECK(43, mmio_read32(PLIC_BASE + 0x1000) & (1u << (slot + 1)));
	wr(INTERRUPT_ACK, rd(INTERRUPT_STATUS));
	CHECK_EQ(44, rd(INTERRUPT_STATUS) & 1, 0);
	return status_byte;
}

int main(void)
{
	int blk = -1, answering = 0;
	for (int n = 0; n < 8; n++) {
		u64 b = VIRTIO_BASE + 0x1000UL * n;
		if (mmio_read32(b + MAGIC) != 0x74726976)
			continue;
		answering++;
		CHECK_EQ(1, mmio_read32(b + VERSION), 2);
		if (mmio_read32(b + DEVICE_ID) == 2) {
			CHECK(2, blk < 0);
			blk = n;
		}
	}
	CHECK(3, answering > 0);
	CHECK(4, blk >= 0);
	base = VIRTIO_BASE + 0x1000UL * blk;
	/* PLIC: the device's source enabled for nobody, but with priority, so pending shows */
	mmio_write32(PLIC_BASE + 4 * (blk + 1), 1);

	wr(STATUS, 0);
	CHECK_EQ(5, rd(STATUS), 0);
	wr(STATUS, S_ACKNOWLEDGE);
	wr(STATUS, S_ACKNOWLEDGE | S_DRIVER);
	wr(DEVICE_FEATURES_SEL, 1);
	u32 hi = rd(DEVICE_FEATURES);
	CHECK(6, hi & 1); /* VIRTIO_F_VERSION_1 */
	wr(DRIVER_FEATURES_SEL, 1);
	wr(DRIVER_FEATURES, 1);
	wr(DRIVER_FEATURES_SEL, 0);
	wr(DRIVER_FEATURES, 0);
	wr(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
	CHECK(7, rd(STATUS) & S_FEATURES_OK);
	/* capacity in 512-byte sectors: 64 KiB */
	u64 cap = rd(CONFIG) | (u64)rd(CONFIG + 4) << 32;
	CHECK_EQ(8, cap, 128);

	wr(QUEUE_SEL, 0);
	CHECK_EQ(9, rd(QUEUE_READY), 0);
	u32 max = rd(QUEUE_NUM_MAX);
	CHECK(10, max >= QSIZE);
	wr(QUEUE_NUM, QSIZE);
	wr(QUEUE_DESC_LOW, (u32)(u64)descs);
	wr(QUEUE_DESC_HIGH, (u32)((u64)descs >> 32));
	wr(QUEUE_DRIVER_LOW, (u32)(u64)&avail);
	wr(QUEUE_DRIVER_HIGH, (u32)((u64)&avail >> 32));
	wr(QUEUE_DEVICE_LOW, (u32)(u64)&used);
	wr(QUEUE_DEVICE_HIGH, (u32)((u64)&used >> 32));
	wr(QUEUE_READY, 1);
	CHECK_EQ(11, rd(QUEUE_READY), 1);
	wr(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	CHECK(12, !(rd(STATUS) & S_FAILED));

	/* sector 0: "FERRYBLK" then byte i = (i * 7 + 3) & 0xff */
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(13, blk_io(0, 0, blk), 0);
	CHECK(14, memcmp(buf, "FERRYBLK", 8) == 0);
	for (int i = 8; i < 512; i++)
		CHECK_EQ(15, buf[i], (i * 7 + 3) & 0xff);
	/* sector 1: empty, then written and read back */
	CHECK_EQ(16, blk_io(0, 1, blk), 0);
	for (int i = 0; i < 512; i++)
		CHECK_EQ(17, buf[i], 0);
	for (int i = 0; i < 512; i++)
		buf[i] = (u8)((i * 13 + 1) & 0xff);
	CHECK_EQ(18, blk_io(1, 1, blk), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(19, blk_io(0, 1, blk), 0);
	for (int i = 0; i < 512; i++)
		CHECK_EQ(20, buf[i], (i * 13 + 1) & 0xff);
	/* a read past the end fails with VIRTIO_BLK_S_IOERR (1) */
	CHECK_EQ(21, blk_io(0, 128, blk), 1);
	/* reset */
	wr(STATUS, 0);
	CHECK_EQ(22, rd(STATUS), 0);
	return 0;
}

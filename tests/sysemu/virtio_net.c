/* virtio-net (device id 1) on user-mode networking: the MAC in the config space is
   52:54:00:12:34:xx, the link is up (VIRTIO_NET_F_STATUS); an ARP request for the
   gateway 10.0.2.2 sent on the transmit queue (queue 1, a 12-byte virtio_net_hdr before
   the frame) is answered: a frame arrives in the buffer posted on the receive queue
   (queue 0) with the header, type ARP, op reply, sender 10.0.2.2, target our MAC.
   sysemu-args: -netdev user,id=n0 -device virtio-net-device,netdev=n0 */
#include "virtio.h"

#define F_MAC (1u << 5)
#define F_STATUS (1u << 16)
#define HDR 12

static struct vq rxq __attribute__((aligned(4096)));
static struct vq txq __attribute__((aligned(4096)));
static u8 rx[HDR + 1514];
static u8 tx[HDR + 42];

static void put16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

int main(void)
{
	int slot;
	u64 base = vio_find(1, &slot);
	vio_init(base, F_MAC | F_STATUS);
	u8 mac[6];
	for (int i = 0; i < 6; i++)
		mac[i] = mmio_read8(base + CONFIG + (u64)i);
	CHECK(20, mac[0] == 0x52 && mac[1] == 0x54 && mac[2] == 0x00);
	CHECK_EQ(21, mmio_read8(base + CONFIG + 6) & 1, 1); /* VIRTIO_NET_S_LINK_UP */
	vio_queue(base, 0, &rxq);
	vio_queue(base, 1, &txq);
	vio_driver_ok(base);

	rxq.descs[0] = (struct desc){(u64)rx, sizeof rx, DESC_WRITE, 0};
	vio_post(base, 0, &rxq, 0);

	/* header all zero; Ethernet broadcast, ARP who-has 10.0.2.2 tell 10.0.2.15 */
	u8 *f = tx + HDR;
	memset(f, 0xff, 6);
	memcpy(f + 6, mac, 6);
	put16(f + 12, 0x0806);
	put16(f + 14, 1);
	put16(f + 16, 0x0800);
	f[18] = 6;
	f[19] = 4;
	put16(f + 20, 1);
	memcpy(f + 22, mac, 6);
	static const u8 me[4] = {10, 0, 2, 15}, gw[4] = {10, 0, 2, 2};
	memcpy(f + 28, me, 4);
	memset(f + 32, 0, 6);
	memcpy(f + 38, gw, 4);
	txq.descs[0] = (struct desc){(u64)tx, sizeof tx, 0, 0};
	vio_post(base, 1, &txq, 0);
	vio_wait(&txq);

	u32 len = vio_wait(&rxq);
	CHECK(22, len >= HDR + 42);
	const u8 *r = rx + HDR;
	CHECK(23, memcmp(r, mac, 6) == 0);
	CHECK_EQ(24, (u16)(r[12] << 8 | r[13]), 0x0806);
	CHECK_EQ(25, (u16)(r[20] << 8 | r[21]), 2); /* reply */
	CHECK(26, memcmp(r + 28, gw, 4) == 0);
	CHECK(27, memcmp(r + 32, mac, 6) == 0);
	return 0;
}

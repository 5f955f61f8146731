/* virtio-rng (device id 4) on virtio-mmio: initialised per the spec, one queue; two
   64-byte device-writable buffers come back filled (the used length says 64), not all
   zero, and different from each other.
   sysemu-args: -device virtio-rng-device */
#include "virtio.h"

static struct vq vq __attribute__((aligned(4096)));
static u8 buf[2][64];

int main(void)
{
	int slot;
	u64 base = vio_find(4, &slot);
	vio_init(base, 0);
	vio_queue(base, 0, &vq);
	vio_driver_ok(base);
	for (int i = 0; i < 2; i++) {
		vq.descs[i] = (struct desc){(u64)buf[i], sizeof buf[i], DESC_WRITE, 0};
		vio_post(base, 0, &vq, (u16)i);
		CHECK_EQ(20 + i, vio_wait(&vq), sizeof buf[i]);
		int nonzero = 0;
		for (unsigned k = 0; k < sizeof buf[i]; k++)
			nonzero |= buf[i][k];
		CHECK(22 + i, nonzero);
	}
	CHECK(24, memcmp(buf[0], buf[1], sizeof buf[0]) != 0);
	return 0;
}

/*
 * virtio-rng (device id 4, virtio 1.x section 5.4): one queue of device-writable
 * buffers that the device fills with the host kernel's random bytes (getrandom), which
 * Linux's hw_random core feeds into its entropy pool. No features, no config space.
 */
#include "hw/virtio.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

enum { QUEUE_MAX = 64, VMSTATE_VERSION = 1 };

typedef struct VirtioRng {
	VirtioMmio *slot;
	VirtqElem elem;
} VirtioRng;

static uint64_t rng_features(void *dev)
{
	return 0;
}

/* Fills every writable segment; returns the bytes written. */
static uint32_t fill_random(VirtqElem *e)
{
	uint32_t total = 0;
	for (unsigned i = e->n_out; i < e->n_out + e->n_in; i++) {
		VirtqSeg *s = &e->seg[i];
		for (uint32_t done = 0; done < s->len;) {
			ssize_t n = getrandom(s->host + done, s->len - done, 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return total;
			done += (uint32_t)n;
			total += (uint32_t)n;
		}
	}
	return total;
}

static void rng_queue_notify(void *dev, unsigned queue)
{
	VirtioRng *r = dev;
	VirtQueue *vq = virtio_mmio_queue(r->slot, queue);
	int got;
	while ((got = virtq_pop(vq, &r->elem)) > 0)
		virtq_push(vq, &r->elem, fill_random(&r->elem));
	if (got < 0)
		virtio_mmio_set_needs_reset(r->slot);
	virtio_mmio_notify(r->slot, vq);
}

static void rng_save(void *dev, GByteArray *out)
{
	vmstate_put_u32(out, VMSTATE_VERSION);
}

static int rng_load(void *dev, VmReader *in)
{
	return vmstate_get_u32(in) == VMSTATE_VERSION ? 0 : -1;
}

static const VirtioDeviceOps rng_ops = {
    .name = "virtio-rng",
    .device_id = 4,
    .num_queues = 1,
    .queue_max = QUEUE_MAX,
    .features = rng_features,
    .queue_notify = rng_queue_notify,
    .save = rng_save,
    .load = rng_load,
    .free = free,
};

bool virtio_rng_new(VirtioMmio *slot)
{
	VirtioRng *r = calloc(1, sizeof *r);
	if (!r)
		return false;
	r->slot = slot;
	if (!virtio_mmio_plug(slot, &rng_ops, r)) {
		free(r);
		return false;
	}
	return true;
}

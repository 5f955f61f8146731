/*
 * The virtio-mmio version 2 transport (virtio 1.x section 4.2.2): one register window
 * per slot, feature negotiation, device status and reset, queue set-up, notifications
 * and the interrupt status that drives the slot's line. A slot without a device reads
 * as device id 0, which Linux's virtio_mmio driver takes for "nothing here". The
 * machine's reset is the one the driver triggers by writing 0 to Status.
 *
 * Registers are 32-bit; other sizes read 0 and are ignored, like unknown offsets. The
 * device's config space at 0x100 is read and written at any width.
 */
#include "hw/virtio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysemu/bus.h"

enum {
	MMIO_MAGIC = 0x74726976, /* "virt" */
	MMIO_VERSION = 2,
	MMIO_VENDOR = 0x554d4551, /* "QEMU", what guests see on qemu's virt machine */
	VMSTATE_VERSION = 1,
};

struct VirtioMmio {
	struct Bus *bus;
	uint64_t base;
	IrqLine irq;
	const VirtioDeviceOps *ops;
	void *dev;
	VirtQueue *queues;
	unsigned num_queues;
	uint32_t status, isr, config_generation;
	uint32_t dev_features_sel, drv_features_sel, queue_sel;
	uint64_t driver_features;
	int irq_level;
	uint8_t *config;
	char name[32];
};

static void update_irq(VirtioMmio *m)
{
	int level = m->isr != 0;
	if (level != m->irq_level) {
		m->irq_level = level;
		irq_set(&m->irq, level);
	}
}

/* Drives the line whatever level was last driven. */
static void drive_irq(VirtioMmio *m)
{
	m->irq_level = -1;
	update_irq(m);
}

static uint64_t offered_features(VirtioMmio *m)
{
	return m->ops->features(m->dev) | VIRTIO_F_VERSION_1 | VIRTIO_F_INDIRECT_DESC |
	       VIRTIO_F_EVENT_IDX;
}

/* The selected queue, or NULL when QueueSel is past the device's queues. */
static VirtQueue *cur_queue(VirtioMmio *m)
{
	return m->queue_sel < m->num_queues ? &m->queues[m->queue_sel] : NULL;
}

void virtio_mmio_reset(VirtioMmio *m)
{
	m->status = m->isr = 0;
	m->dev_features_sel = m->drv_features_sel = m->queue_sel = 0;
	m->driver_features = 0;
	for (unsigned i = 0; i < m->num_queues; i++)
		virtq_reset(&m->queues[i]);
	if (m->ops->reset)
		m->ops->reset(m->dev);
	drive_irq(m);
}

/* Register reads */
static uint32_t rd_magic(VirtioMmio *m)
{
	return MMIO_MAGIC;
}
static uint32_t rd_version(VirtioMmio *m)
{
	return MMIO_VERSION;
}
static uint32_t rd_device_id(VirtioMmio *m)
{
	return m->ops->device_id;
}
static uint32_t rd_vendor(VirtioMmio *m)
{
	return MMIO_VENDOR;
}
static uint32_t rd_isr(VirtioMmio *m)
{
	return m->isr;
}
static uint32_t rd_status(VirtioMmio *m)
{
	return m->status;
}
static uint32_t rd_generation(VirtioMmio *m)
{
	return m->config_generation;
}

static uint32_t rd_dev_features(VirtioMmio *m)
{
	return m->dev_features_sel < 2
	           ? (uint32_t)(offered_features(m) >> (32 * m->dev_features_sel))
	           : 0;
}

static uint32_t rd_queue_num_max(VirtioMmio *m)
{
	return cur_queue(m) ? m->ops->queue_max : 0;
}

static uint32_t rd_queue_num(VirtioMmio *m)
{
	return cur_queue(m) ? cur_queue(m)->num : 0;
}

static uint32_t rd_queue_ready(VirtioMmio *m)
{
	return cur_queue(m) ? cur_queue(m)->ready : 0;
}

/* The queue address registers: which field, and whether the high half. */
#define QUEUE_ADDR_READER(fn, field, shift)                                                        \
	static uint32_t fn(VirtioMmio *m)                                                          \
	{                                                                                          \
		return cur_queue(m) ? (uint32_t)(cur_queue(m)->field >> (shift)) : 0;              \
	}
QUEUE_ADDR_READER(rd_desc_lo, desc_addr, 0)
QUEUE_ADDR_READER(rd_desc_hi, desc_addr, 32)
QUEUE_ADDR_READER(rd_avail_lo, avail_addr, 0)
QUEUE_ADDR_READER(rd_avail_hi, avail_addr, 32)
QUEUE_ADDR_READER(rd_used_lo, used_addr, 0)
QUEUE_ADDR_READER(rd_used_hi, used_addr, 32)

/* Register writes */
static void wr_dev_features_sel(VirtioMmio *m, uint32_t v)
{
	m->dev_features_sel = v;
}
static void wr_drv_features_sel(VirtioMmio *m, uint32_t v)
{
	m->drv_features_sel = v;
}
static void wr_queue_sel(VirtioMmio *m, uint32_t v)
{
	m->queue_sel = v;
}

static void wr_drv_features(VirtioMmio *m, uint32_t v)
{
	if ((m->status & VIRTIO_STATUS_FEATURES_OK) || m->drv_features_sel >= 2)
		return;
	unsigned shift = 32 * m->drv_features_sel;
	m->driver_features = (m->driver_features & ~(0xffffffffull << shift)) | (uint64_t)v
	                                                                            << shift;
}

static void wr_queue_num(VirtioMmio *m, uint32_t v)
{
	VirtQueue *vq = cur_queue(m);
	if (vq && !vq->ready && v <= m->ops->queue_max)
		vq->num = v;
}

static void wr_queue_ready(VirtioMmio *m, uint32_t v)
{
	VirtQueue *vq = cur_queue(m);
	if (!vq)
		return;
	if (!(v & 1)) {
		vq->ready = false;
		return;
	}
	if (vq->ready)
		return;
	vq->event_idx = m->driver_features & VIRTIO_F_EVENT_IDX;
	vq->indirect = m->driver_features & VIRTIO_F_INDIRECT_DESC;
	if (!virtq_setup(vq, m->bus))
		virtio_mmio_set_needs_reset(m);
}

static void wr_queue_notify(VirtioMmio *m, uint32_t v)
{
	if (virtio_mmio_running(m) && v < m->num_queues && m->queues[v].ready)
		m->ops->queue_notify(m->dev, v);
}

static void wr_isr_ack(VirtioMmio *m, uint32_t v)
{
	m->isr &= ~v;
	update_irq(m);
}

/* FEATURES_OK sticks only for a subset of what was offered that includes VERSION_1;
 * DRIVER_OK serves whatever the driver posted before it. */
static void wr_status(VirtioMmio *m, uint32_t v)
{
	if (v == 0) {
		virtio_mmio_reset(m);
		return;
	}
	uint32_t newly = v & ~m->status;
	if (newly & VIRTIO_STATUS_FEATURES_OK) {
		uint64_t f = m->driver_features;
		if ((f & ~offered_features(m)) || !(f & VIRTIO_F_VERSION_1))
			v &= ~(uint32_t)VIRTIO_STATUS_FEATURES_OK;
	}
	m->status = (v & 0xff) | (m->status & VIRTIO_STATUS_NEEDS_RESET);
	if ((newly & VIRTIO_STATUS_DRIVER_OK) && virtio_mmio_running(m))
		for (unsigned i = 0; i < m->num_queues; i++)
			if (m->queues[i].ready)
				m->ops->queue_notify(m->dev, i);
}

#define QUEUE_ADDR_WRITER(fn, field, shift)                                                        \
	static void fn(VirtioMmio *m, uint32_t v)                                                  \
	{                                                                                          \
		VirtQueue *vq = cur_queue(m);                                                      \
		if (vq && !vq->ready)                                                              \
			vq->field = (vq->field & ~(0xffffffffull << (shift))) | (uint64_t)v        \
			                                                            << (shift);    \
	}
QUEUE_ADDR_WRITER(wr_desc_lo, desc_addr, 0)
QUEUE_ADDR_WRITER(wr_desc_hi, desc_addr, 32)
QUEUE_ADDR_WRITER(wr_avail_lo, avail_addr, 0)
QUEUE_ADDR_WRITER(wr_avail_hi, avail_addr, 32)
QUEUE_ADDR_WRITER(wr_used_lo, used_addr, 0)
QUEUE_ADDR_WRITER(wr_used_hi, used_addr, 32)

typedef struct MmioReg {
	uint32_t (*read)(VirtioMmio *m);
	void (*write)(VirtioMmio *m, uint32_t v);
} MmioReg;

/* Indexed by offset / 4 (virtio 1.x table 4.1). */
static const MmioReg regs[VIRTIO_MMIO_CONFIG / 4] = {
    [0x000 / 4] = {rd_magic, NULL},
    [0x004 / 4] = {rd_version, NULL},
    [0x008 / 4] = {rd_device_id, NULL},
    [0x00c / 4] = {rd_vendor, NULL},
    [0x010 / 4] = {rd_dev_features, NULL},
    [0x014 / 4] = {NULL, wr_dev_features_sel},
    [0x020 / 4] = {NULL, wr_drv_features},
    [0x024 / 4] = {NULL, wr_drv_features_sel},
    [0x030 / 4] = {NULL, wr_queue_sel},
    [0x034 / 4] = {rd_queue_num_max, NULL},
    [0x038 / 4] = {rd_queue_num, wr_queue_num},
    [0x044 / 4] = {rd_queue_ready, wr_queue_ready},
    [0x050 / 4] = {NULL, wr_queue_notify},
    [0x060 / 4] = {rd_isr, NULL},
    [0x064 / 4] = {NULL, wr_isr_ack},
    [0x070 / 4] = {rd_status, wr_status},
    [0x080 / 4] = {rd_desc_lo, wr_desc_lo},
    [0x084 / 4] = {rd_desc_hi, wr_desc_hi},
    [0x090 / 4] = {rd_avail_lo, wr_avail_lo},
    [0x094 / 4] = {rd_avail_hi, wr_avail_hi},
    [0x0a0 / 4] = {rd_used_lo, wr_used_lo},
    [0x0a4 / 4] = {rd_used_hi, wr_used_hi},
    [0x0fc / 4] = {rd_generation, NULL},
};

/* Registers an empty slot answers: enough for Linux to see "no device". */
static bool empty_slot_reg(uint64_t offset)
{
	return offset <= 0x00c;
}

static uint64_t config_read(VirtioMmio *m, uint64_t off, unsigned size)
{
	if (off + size > m->ops->config_size)
		return 0;
	m->ops->config_read(m->dev, m->config);
	uint64_t v = 0;
	memcpy(&v, m->config + off, size);
	return v;
}

static uint64_t mmio_read(void *opaque, uint64_t offset, unsigned size)
{
	VirtioMmio *m = opaque;
	if (offset >= VIRTIO_MMIO_CONFIG)
		return m->dev ? config_read(m, offset - VIRTIO_MMIO_CONFIG, size) : 0;
	if (size != 4 || (offset & 3) || !regs[offset / 4].read)
		return 0;
	if (!m->dev && !empty_slot_reg(offset))
		return 0;
	return regs[offset / 4].read(m);
}

static void mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
	VirtioMmio *m = opaque;
	if (!m->dev)
		return;
	if (offset >= VIRTIO_MMIO_CONFIG) {
		uint64_t off = offset - VIRTIO_MMIO_CONFIG;
		if (m->ops->config_write && off + size <= m->ops->config_size)
			m->ops->config_write(m->dev, (uint32_t)off, value, size);
		return;
	}
	if (size == 4 && !(offset & 3) && regs[offset / 4].write)
		regs[offset / 4].write(m, (uint32_t)value);
}

static const MemRegionOps mmio_ops = {mmio_read, mmio_write};

static const VirtioDeviceOps empty_ops = {.name = "empty", .device_id = 0};

VirtioMmio *virtio_mmio_new(struct Bus *bus, uint64_t base, IrqLine irq)
{
	VirtioMmio *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->bus = bus;
	m->base = base;
	m->irq = irq;
	m->ops = &empty_ops;
	snprintf(m->name, sizeof m->name, "virtio@%llx", (unsigned long long)base);
	if (bus_add_mmio(bus, base, VIRTIO_MMIO_SIZE, &mmio_ops, m, m->name) < 0) {
		free(m);
		return NULL;
	}
	virtio_mmio_reset(m);
	return m;
}

void virtio_mmio_free(VirtioMmio *m)
{
	if (!m)
		return;
	if (m->dev && m->ops->free)
		m->ops->free(m->dev);
	free(m->queues);
	free(m->config);
	free(m);
}

bool virtio_mmio_plug(VirtioMmio *m, const VirtioDeviceOps *ops, void *dev)
{
	if (m->dev || !dev || ops->config_size > VIRTIO_MMIO_SIZE - VIRTIO_MMIO_CONFIG)
		return false;
	m->queues = calloc(ops->num_queues, sizeof *m->queues);
	m->config = calloc(1, ops->config_size + 8);
	if (!m->queues || !m->config) {
		free(m->queues);
		free(m->config);
		m->queues = NULL;
		m->config = NULL;
		return false;
	}
	for (unsigned i = 0; i < ops->num_queues; i++)
		m->queues[i].bus = m->bus;
	m->num_queues = ops->num_queues;
	m->ops = ops;
	m->dev = dev;
	return true;
}

VirtQueue *virtio_mmio_queue(VirtioMmio *m, unsigned i)
{
	return i < m->num_queues ? &m->queues[i] : NULL;
}

uint64_t virtio_mmio_driver_features(const VirtioMmio *m)
{
	return m->driver_features;
}

bool virtio_mmio_running(const VirtioMmio *m)
{
	return (m->status & (VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_NEEDS_RESET)) ==
	       VIRTIO_STATUS_DRIVER_OK;
}

void virtio_mmio_notify(VirtioMmio *m, VirtQueue *vq)
{
	if (virtq_should_interrupt(vq)) {
		m->isr |= VIRTIO_ISR_USED;
		update_irq(m);
	}
}

void virtio_mmio_set_needs_reset(VirtioMmio *m)
{
	m->status |= VIRTIO_STATUS_NEEDS_RESET;
	if (m->status & VIRTIO_STATUS_DRIVER_OK) {
		m->isr |= VIRTIO_ISR_CONFIG;
		update_irq(m);
	}
}

static void vm_save(void *opaque, GByteArray *out)
{
	VirtioMmio *m = opaque;
	vmstate_put_u32(out, VMSTATE_VERSION);
	vmstate_put_u32(out, m->ops->device_id);
	vmstate_put_u32(out, m->status);
	vmstate_put_u32(out, m->isr);
	vmstate_put_u32(out, m->config_generation);
	vmstate_put_u32(out, m->dev_features_sel);
	vmstate_put_u32(out, m->drv_features_sel);
	vmstate_put_u32(out, m->queue_sel);
	vmstate_put_u64(out, m->driver_features);
	vmstate_put_u32(out, m->num_queues);
	for (unsigned i = 0; i < m->num_queues; i++)
		virtq_save(&m->queues[i], out);
	if (m->dev && m->ops->save)
		m->ops->save(m->dev, out);
}

static int vm_load(void *opaque, VmReader *in)
{
	VirtioMmio *m = opaque;
	if (vmstate_get_u32(in) != VMSTATE_VERSION || vmstate_get_u32(in) != m->ops->device_id)
		return -1;
	m->status = vmstate_get_u32(in);
	m->isr = vmstate_get_u32(in);
	m->config_generation = vmstate_get_u32(in);
	m->dev_features_sel = vmstate_get_u32(in);
	m->drv_features_sel = vmstate_get_u32(in);
	m->queue_sel = vmstate_get_u32(in);
	m->driver_features = vmstate_get_u64(in);
	if (vmstate_get_u32(in) != m->num_queues)
		return -1;
	for (unsigned i = 0; i < m->num_queues; i++)
		if (!virtq_load(&m->queues[i], m->bus, in))
			return -1;
	if (m->dev && m->ops->load && m->ops->load(m->dev, in) < 0)
		return -1;
	drive_irq(m);
	return in->error ? -1 : 0;
}

VmStateSection virtio_mmio_vmstate(VirtioMmio *m)
{
	return (VmStateSection){.name = m->name, .save = vm_save, .load = vm_load, .opaque = m};
}

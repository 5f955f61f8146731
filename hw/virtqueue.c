/*
 * Split virtqueues (virtio 1.x section 2.7) from the device's side: walking descriptor
 * chains (direct and indirect) out of the available ring into segments of host memory,
 * returning them through the used ring, and the interrupt suppression rules
 * (VIRTQ_AVAIL_F_NO_INTERRUPT, or used_event with VIRTIO_F_EVENT_IDX).
 *
 * Guest drivers run concurrently on other threads, so the ring indices are read with
 * acquire and written with release semantics; everything a chain points at is checked
 * to lie in guest RAM before the device touches it.
 *
 * Ring layouts: a descriptor is {le64 addr, le32 len, le16 flags, le16 next}; the
 * available ring {le16 flags, le16 idx, le16 ring[num], le16 used_event}; the used ring
 * {le16 flags, le16 idx, {le32 id, le32 len} ring[num], le16 avail_event}.
 */
#include "hw/virtio.h"

#include <string.h>

#include "sysemu/bus.h"

enum { DESC_SIZE = 16, QUEUE_NUM_LIMIT = 32768 };

typedef struct Desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
} Desc;

static uint16_t load16(const uint8_t *p)
{
	return __atomic_load_n((const uint16_t *)p, __ATOMIC_ACQUIRE);
}

static void store16(uint8_t *p, uint16_t v)
{
	__atomic_store_n((uint16_t *)p, v, __ATOMIC_RELEASE);
}

static Desc read_desc(const uint8_t *table, uint32_t i)
{
	Desc d;
	const uint8_t *p = table + (size_t)i * DESC_SIZE;
	memcpy(&d.addr, p, 8);
	memcpy(&d.len, p + 8, 4);
	memcpy(&d.flags, p + 12, 2);
	memcpy(&d.next, p + 14, 2);
	return d;
}

static uint8_t *used_event_ptr(const VirtQueue *vq)
{
	return vq->avail + 4 + 2 * (size_t)vq->num;
}

static uint8_t *avail_event_ptr(const VirtQueue *vq)
{
	return vq->used + 4 + 8 * (size_t)vq->num;
}

bool virtq_setup(VirtQueue *vq, struct Bus *bus)
{
	uint32_t n = vq->num;
	if (n == 0 || n > QUEUE_NUM_LIMIT || (n & (n - 1)))
		return false;
	if ((vq->desc_addr & 15) || (vq->avail_addr & 1) || (vq->used_addr & 3))
		return false;
	vq->bus = bus;
	vq->desc = bus_ram_ptr(bus, vq->desc_addr, (uint64_t)n * DESC_SIZE, 0);
	vq->avail = bus_ram_ptr(bus, vq->avail_addr, 6 + 2 * (uint64_t)n, 0);
	vq->used = bus_ram_ptr(bus, vq->used_addr, 6 + 8 * (uint64_t)n, 1);
	vq->ready = vq->desc && vq->avail && vq->used;
	return vq->ready;
}

void virtq_reset(VirtQueue *vq)
{
	struct Bus *bus = vq->bus;
	memset(vq, 0, sizeof *vq);
	vq->bus = bus;
}

/* Adds one descriptor's buffer to e; -1 when it is not in RAM, readable after a
 * writable one, or one too many. Empty buffers are skipped. */
static int add_seg(VirtQueue *vq, VirtqElem *e, const Desc *d)
{
	bool writable = d->flags & VIRTQ_DESC_F_WRITE;
	if (!writable && e->n_in)
		return -1;
	if (d->len == 0)
		return 0;
	if (e->n_out + e->n_in >= VIRTQ_MAX_SEGS)
		return -1;
	uint8_t *host = bus_ram_ptr(vq->bus, d->addr, d->len, writable);
	if (!host)
		return -1;
	e->seg[e->n_out + e->n_in] = (VirtqSeg){host, d->len};
	if (writable) {
		/* before the device writes: the guest runs nothing from the buffer until
		 * it gets it back, and executes fence.i before running code it loaded */
		bus_code_written(vq->bus, d->addr, d->len);
		e->n_in++;
		e->in_len += d->len;
	} else {
		e->n_out++;
		e->out_len += d->len;
	}
	return 0;
}

/* Walks the chain at head; each table (the ring's, then at most one indirect one) is
 * followed for at most its own number of entries, which ends any loop. */
static int walk_chain(VirtQueue *vq, uint16_t head, VirtqElem *e)
{
	const uint8_t *table = vq->desc;
	uint32_t table_n = vq->num, budget = vq->num, i = head;
	bool in_indirect = false;
	e->head = head;
	e->n_out = e->n_in = 0;
	e->out_len = e->in_len = 0;
	for (;;) {
		if (i >= table_n || budget-- == 0)
			return -1;
		Desc d = read_desc(table, i);
		if (d.flags & VIRTQ_DESC_F_INDIRECT) {
			if (!vq->indirect || in_indirect || (d.flags & VIRTQ_DESC_F_NEXT) ||
			    d.len == 0 || d.len % DESC_SIZE)
				return -1;
			table = bus_ram_ptr(vq->bus, d.addr, d.len, 0);
			if (!table)
				return -1;
			table_n = budget = d.len / DESC_SIZE;
			i = 0;
			in_indirect = true;
			continue;
		}
		if (add_seg(vq, e, &d) < 0)
			return -1;
		if (!(d.flags & VIRTQ_DESC_F_NEXT))
			return 0;
		i = d.next;
	}
}

/* The driver's available index, after asking it (with EVENT_IDX) to notify once it
 * goes past what the device has consumed. */
static uint16_t avail_idx(VirtQueue *vq)
{
	uint16_t idx = load16(vq->avail + 2);
	if (idx != vq->last_avail || !vq->event_idx)
		return idx;
	store16(avail_event_ptr(vq), vq->last_avail);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return load16(vq->avail + 2);
}

int virtq_pop(VirtQueue *vq, VirtqElem *e)
{
	if (!vq->ready)
		return 0;
	uint16_t idx = avail_idx(vq);
	if (idx == vq->last_avail)
		return 0;
	if ((uint16_t)(idx - vq->last_avail) > vq->num)
		return -1;
	uint16_t head = load16(vq->avail + 4 + 2 * (size_t)(vq->last_avail % vq->num));
	if (head >= vq->num || walk_chain(vq, head, e) < 0)
		return -1;
	vq->last_avail++;
	if (vq->event_idx)
		store16(avail_event_ptr(vq), vq->last_avail);
	return 1;
}

void virtq_unpop(VirtQueue *vq, unsigned n)
{
	vq->last_avail -= (uint16_t)n;
}

void virtq_fill(VirtQueue *vq, uint16_t head, uint32_t len, unsigned i)
{
	uint8_t *p = vq->used + 4 + 8 * (size_t)((uint16_t)(vq->used_idx + i) % vq->num);
	uint32_t id = head;
	memcpy(p, &id, 4);
	memcpy(p + 4, &len, 4);
}

void virtq_flush(VirtQueue *vq, unsigned count)
{
	vq->used_idx += (uint16_t)count;
	store16(vq->used + 2, vq->used_idx);
}

void virtq_push(VirtQueue *vq, const VirtqElem *e, uint32_t len)
{
	virtq_fill(vq, e->head, len, 0);
	virtq_flush(vq, 1);
}

bool virtq_should_interrupt(VirtQueue *vq)
{
	if (!vq->ready)
		return false;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint16_t old = vq->signalled, now = vq->used_idx;
	vq->signalled = now;
	if (old == now)
		return false;
	if (!vq->event_idx)
		return !(load16(vq->avail) & VIRTQ_AVAIL_F_NO_INTERRUPT);
	uint16_t event = load16(used_event_ptr(vq));
	return (uint16_t)(now - event - 1) < (uint16_t)(now - old);
}

size_t virtq_elem_read(const VirtqElem *e, size_t offset, void *buf, size_t len)
{
	size_t done = 0;
	for (unsigned i = 0; i < e->n_out && done < len; i++) {
		const VirtqSeg *s = &e->seg[i];
		if (offset >= s->len) {
			offset -= s->len;
			continue;
		}
		size_t n = s->len - offset < len - done ? s->len - offset : len - done;
		memcpy((uint8_t *)buf + done, s->host + offset, n);
		done += n;
		offset = 0;
	}
	return done;
}

size_t virtq_elem_write(VirtqElem *e, size_t offset, const void *buf, size_t len)
{
	size_t done = 0;
	for (unsigned i = e->n_out; i < e->n_out + e->n_in && done < len; i++) {
		VirtqSeg *s = &e->seg[i];
		if (offset >= s->len) {
			offset -= s->len;
			continue;
		}
		size_t n = s->len - offset < len - done ? s->len - offset : len - done;
		memcpy(s->host + offset, (const uint8_t *)buf + done, n);
		done += n;
		offset = 0;
	}
	return done;
}

void virtq_save(const VirtQueue *vq, GByteArray *out)
{
	vmstate_put_u32(out, vq->num);
	vmstate_put_u32(out, vq->ready | vq->event_idx << 1 | vq->indirect << 2);
	vmstate_put_u64(out, vq->desc_addr);
	vmstate_put_u64(out, vq->avail_addr);
	vmstate_put_u64(out, vq->used_addr);
	vmstate_put_u32(out, vq->last_avail | (uint32_t)vq->used_idx << 16);
	vmstate_put_u32(out, vq->signalled);
}

bool virtq_load(VirtQueue *vq, struct Bus *bus, VmReader *in)
{
	virtq_reset(vq);
	vq->num = vmstate_get_u32(in);
	uint32_t flags = vmstate_get_u32(in);
	vq->event_idx = flags & 2;
	vq->indirect = flags & 4;
	vq->desc_addr = vmstate_get_u64(in);
	vq->avail_addr = vmstate_get_u64(in);
	vq->used_addr = vmstate_get_u64(in);
	uint32_t idx = vmstate_get_u32(in);
	vq->last_avail = (uint16_t)idx;
	vq->used_idx = (uint16_t)(idx >> 16);
	vq->signalled = (uint16_t)vmstate_get_u32(in);
	vq->bus = bus;
	if (in->error)
		return false;
	return !(flags & 1) || virtq_setup(vq, bus);
}

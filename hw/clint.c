/*
 * CLINT (hw/clint.h). Every register is reached through one decoder that names the
 * register holding an offset (msip, mtimecmp or mtime), its hart and width; reads
 * extract the accessed bytes from the register's value and writes merge them into it,
 * so 32-bit halves and whole 64-bit accesses take the same path. Each hart has a Timer
 * at its mtimecmp: MTIP is recomputed whenever mtimecmp or mtime changes and when the
 * timer fires (which re-checks rather than trusts the deadline); with no deadline
 * (mtimecmp all ones) the timer is off. A reset puts every hart's msip and mtimecmp
 * back to 0 and all ones and drives both its lines; mtime is the machine's clock and
 * goes on.
 */
#include "hw/clint.h"

#include <stdbool.h>
#include <stdlib.h>

#include "sysemu/clock.h"

#define CLINT_MTIMECMP        0x4000
#define CLINT_MTIME           0xbff8
#define CLINT_VMSTATE_VERSION 1

typedef struct ClintHart {
	IrqLine msip_line, mtip_line;
	uint32_t msip;
	uint64_t mtimecmp;
	Timer *timer;
} ClintHart;

struct Clint {
	unsigned num_harts;
	ClintHart *harts;
};

typedef enum { CLINT_REG_NONE, CLINT_REG_MSIP, CLINT_REG_MTIMECMP, CLINT_REG_MTIME } ClintReg;

typedef struct ClintSlot {
	ClintReg reg;
	unsigned hart, shift; /* shift: bit position of the access inside the register */
	uint64_t mask;        /* the accessed bits, before shifting */
} ClintSlot;

/* The register an access of `size` bytes at `off` falls in, or CLINT_REG_NONE when it
 * hits no register or straddles one's end. */
static ClintSlot clint_decode(const Clint *c, uint64_t off, unsigned size)
{
	ClintSlot s = {CLINT_REG_NONE, 0, 0, 0};
	uint64_t start;
	unsigned width;
	if (off < CLINT_MTIMECMP && off / 4 < c->num_harts) {
		s.reg = CLINT_REG_MSIP, s.hart = (unsigned)(off / 4), start = off & ~3ull,
		width = 4;
	} else if (off >= CLINT_MTIMECMP && (off - CLINT_MTIMECMP) / 8 < c->num_harts) {
		s.reg = CLINT_REG_MTIMECMP, s.hart = (unsigned)((off - CLINT_MTIMECMP) / 8);
		start = off & ~7ull, width = 8;
	} else if (off >= CLINT_MTIME && off < CLINT_MTIME + 8) {
		s.reg = CLINT_REG_MTIME, start = CLINT_MTIME, width = 8;
	} else {
		return s;
	}
	if (off - start + size > width) {
		s.reg = CLINT_REG_NONE;
		return s;
	}
	s.shift = (unsigned)(off - start) * 8;
	s.mask = size == 8 ? UINT64_MAX : (1ull << (size * 8)) - 1;
	return s;
}

static void clint_update_mtip(ClintHart *h)
{
	bool due = clock_ticks() >= h->mtimecmp;
	irq_set(&h->mtip_line, due);
	if (due || h->mtimecmp == UINT64_MAX)
		timer_del(h->timer);
	else
		timer_mod(h->timer, h->mtimecmp);
}

static void clint_timer_fire(void *opaque)
{
	clint_update_mtip(opaque);
}

/* Sets both of a hart's registers and drives both its lines. */
static void clint_hart_set(ClintHart *h, uint32_t msip, uint64_t mtimecmp)
{
	h->msip = msip & 1;
	h->mtimecmp = mtimecmp;
	irq_set(&h->msip_line, (int)h->msip);
	clint_update_mtip(h);
}

static uint64_t clint_get(Clint *c, const ClintSlot *s)
{
	switch (s->reg) {
	case CLINT_REG_MSIP: return c->harts[s->hart].msip;
	case CLINT_REG_MTIMECMP: return c->harts[s->hart].mtimecmp;
	case CLINT_REG_MTIME: return clock_ticks();
	default: return 0;
	}
}

static void clint_set(Clint *c, const ClintSlot *s, uint64_t v)
{
	ClintHart *h = &c->harts[s->hart];
	switch (s->reg) {
	case CLINT_REG_MSIP:
		h->msip = v & 1;
		irq_set(&h->msip_line, (int)h->msip);
		break;
	case CLINT_REG_MTIMECMP:
		h->mtimecmp = v;
		clint_update_mtip(h);
		break;
	case CLINT_REG_MTIME:
		clock_set_ticks(v);
		for (unsigned i = 0; i < c->num_harts; i++)
			clint_update_mtip(&c->harts[i]);
		break;
	default: break;
	}
}

static uint64_t clint_read(void *opaque, uint64_t off, unsigned size)
{
	Clint *c = opaque;
	ClintSlot s = clint_decode(c, off, size);
	return (clint_get(c, &s) >> s.shift) & s.mask;
}

static void clint_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
	Clint *c = opaque;
	ClintSlot s = clint_decode(c, off, size);
	if (s.reg == CLINT_REG_NONE)
		return;
	uint64_t old = clint_get(c, &s);
	clint_set(c, &s, (old & ~(s.mask << s.shift)) | (value & s.mask) << s.shift);
}

static const MemRegionOps clint_ops = {clint_read, clint_write};

Clint *clint_new(Bus *bus, uint64_t base, unsigned num_harts, const IrqLine *msip,
                 const IrqLine *mtip)
{
	if (!num_harts || num_harts > CLINT_MAX_HARTS)
		return NULL;
	Clint *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->num_harts = num_harts;
	c->harts = calloc(num_harts, sizeof *c->harts);
	for (unsigned i = 0; c->harts && i < num_harts; i++) {
		ClintHart *h = &c->harts[i];
		h->msip_line = msip[i];
		h->mtip_line = mtip[i];
		h->timer = timer_new(clint_timer_fire, h);
		if (!h->timer)
			break;
	}
	if (!c->harts || !c->harts[num_harts - 1].timer ||
	    bus_add_mmio(bus, base, CLINT_SIZE, &clint_ops, c, "clint")) {
		clint_free(c);
		return NULL;
	}
	clint_reset(c);
	return c;
}

/* No timer interrupt until software sets a deadline. */
void clint_reset(Clint *c)
{
	for (unsigned i = 0; i < c->num_harts; i++)
		clint_hart_set(&c->harts[i], 0, UINT64_MAX);
}

static void clint_save(void *opaque, GByteArray *out)
{
	Clint *c = opaque;
	vmstate_put_u32(out, CLINT_VMSTATE_VERSION);
	vmstate_put_u32(out, c->num_harts);
	vmstate_put_u64(out, clock_ticks());
	for (unsigned i = 0; i < c->num_harts; i++) {
		vmstate_put_u32(out, c->harts[i].msip);
		vmstate_put_u64(out, c->harts[i].mtimecmp);
	}
}

static int clint_load(void *opaque, VmReader *in)
{
	Clint *c = opaque;
	if (vmstate_get_u32(in) != CLINT_VMSTATE_VERSION || vmstate_get_u32(in) != c->num_harts)
		return -1;
	uint64_t mtime = vmstate_get_u64(in);
	uint32_t msip[c->num_harts];
	uint64_t cmp[c->num_harts];
	for (unsigned i = 0; i < c->num_harts; i++) {
		msip[i] = vmstate_get_u32(in);
		cmp[i] = vmstate_get_u64(in);
	}
	if (in->error)
		return -1;
	clock_set_ticks(mtime);
	for (unsigned i = 0; i < c->num_harts; i++)
		clint_hart_set(&c->harts[i], msip[i], cmp[i]);
	return 0;
}

VmStateSection clint_vmstate(Clint *c)
{
	return (VmStateSection){"clint", clint_save, clint_load, c};
}

void clint_free(Clint *c)
{
	if (!c)
		return;
	for (unsigned i = 0; c->harts && i < c->num_harts; i++)
		timer_free(c->harts[i].timer);
	free(c->harts);
	free(c);
}

/*
 * PLIC (hw/plic.h). A source's gateway is level-triggered: the source is pending while
 * its line is high and it is not claimed; a claim takes it out of play until the
 * matching complete, after which a line still high makes it pending again. A context's
 * output is high when some pending source enabled for it has a priority above its
 * threshold; claim picks the highest such priority, the lowest id among equals.
 * Accesses are 32-bit (a 64-bit one is two); the register file is a table of four
 * ranges (priorities, pending bits, enables, per-context threshold and claim). A reset
 * clears every register and claim but keeps the sources' input levels: those are the
 * devices' lines, which they drive low themselves when they are reset.
 */
#include "hw/plic.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define PLIC_PENDING         0x1000
#define PLIC_ENABLE          0x2000
#define PLIC_ENABLE_STRIDE   0x80
#define PLIC_CONTEXT         0x200000
#define PLIC_CONTEXT_STRIDE  0x1000
#define PLIC_VMSTATE_VERSION 1

struct Plic {
	unsigned ndev, nctx, words; /* words: 32-bit bitmap words covering ids 0..ndev */
	uint32_t *priority;         /* [ndev + 1] */
	uint32_t *level, *claimed;  /* bitmaps [words] */
	uint32_t *enable;           /* [nctx * words] */
	uint32_t *threshold;        /* [nctx] */
	IrqLine *out;
	int *out_level; /* last level driven, -1 unknown */
};

static uint32_t plic_pending_word(const Plic *p, unsigned w)
{
	return p->level[w] & ~p->claimed[w];
}

/* The source a claim by ctx would return, 0 for none. */
static unsigned plic_best(const Plic *p, unsigned ctx)
{
	unsigned best = 0;
	uint32_t best_prio = p->threshold[ctx];
	for (unsigned w = 0; w < p->words; w++) {
		uint32_t bits = plic_pending_word(p, w) & p->enable[ctx * p->words + w];
		while (bits) {
			unsigned src = w * 32 + (unsigned)__builtin_ctz(bits);
			bits &= bits - 1;
			if (p->priority[src] > best_prio) {
				best = src;
				best_prio = p->priority[src];
			}
		}
	}
	return best;
}

static void plic_update(Plic *p)
{
	for (unsigned ctx = 0; ctx < p->nctx; ctx++) {
		int level = plic_best(p, ctx) != 0;
		if (level != p->out_level[ctx]) {
			p->out_level[ctx] = level;
			irq_set(&p->out[ctx], level);
		}
	}
}

static void plic_set_source(void *opaque, unsigned src, int level)
{
	Plic *p = opaque;
	if (src == 0 || src > p->ndev)
		return;
	if (level)
		p->level[src / 32] |= 1u << (src % 32);
	else
		p->level[src / 32] &= ~(1u << (src % 32));
	plic_update(p);
}

static uint32_t plic_claim(Plic *p, unsigned ctx)
{
	unsigned src = plic_best(p, ctx);
	if (src)
		p->claimed[src / 32] |= 1u << (src % 32);
	return src;
}

/* Ignored unless src is enabled for ctx, as the specification says. */
static void plic_complete(Plic *p, unsigned ctx, uint32_t src)
{
	if (src == 0 || src > p->ndev || !(p->enable[ctx * p->words + src / 32] & 1u << (src % 32)))
		return;
	p->claimed[src / 32] &= ~(1u << (src % 32));
}

static uint32_t plic_priority_read(Plic *p, uint64_t off)
{
	return off / 4 <= p->ndev ? p->priority[off / 4] : 0;
}

static void plic_priority_write(Plic *p, uint64_t off, uint32_t v)
{
	if (off / 4 >= 1 && off / 4 <= p->ndev)
		p->priority[off / 4] = v & PLIC_MAX_PRIORITY;
}

static uint32_t plic_pending_read(Plic *p, uint64_t off)
{
	return off / 4 < p->words ? plic_pending_word(p, (unsigned)(off / 4)) : 0;
}

static void plic_pending_write(Plic *p, uint64_t off, uint32_t v)
{
}

/* The enable word at off, or NULL when off names no context's word. */
static uint32_t *plic_enable_word(Plic *p, uint64_t off)
{
	uint64_t ctx = off / PLIC_ENABLE_STRIDE, w = off % PLIC_ENABLE_STRIDE / 4;
	return ctx < p->nctx && w < p->words ? &p->enable[ctx * p->words + w] : NULL;
}

static uint32_t plic_enable_read(Plic *p, uint64_t off)
{
	uint32_t *word = plic_enable_word(p, off);
	return word ? *word : 0;
}

/* Only bits of sources 1..ndev stick. */
static uint32_t plic_valid_bits(const Plic *p, unsigned w)
{
	uint32_t bits = UINT32_MAX;
	if (w == 0)
		bits &= ~1u;
	if (w == p->words - 1 && (p->ndev + 1) % 32)
		bits &= (1u << ((p->ndev + 1) % 32)) - 1;
	return bits;
}

static void plic_enable_write(Plic *p, uint64_t off, uint32_t v)
{
	uint32_t *word = plic_enable_word(p, off);
	if (word)
		*word = v & plic_valid_bits(p, (unsigned)(off % PLIC_ENABLE_STRIDE / 4));
}

static uint32_t plic_context_read(Plic *p, uint64_t off)
{
	uint64_t ctx = off / PLIC_CONTEXT_STRIDE, reg = off % PLIC_CONTEXT_STRIDE;
	if (ctx >= p->nctx)
		return 0;
	if (reg == 0)
		return p->threshold[ctx];
	return reg == 4 ? plic_claim(p, (unsigned)ctx) : 0;
}

static void plic_context_write(Plic *p, uint64_t off, uint32_t v)
{
	uint64_t ctx = off / PLIC_CONTEXT_STRIDE, reg = off % PLIC_CONTEXT_STRIDE;
	if (ctx >= p->nctx)
		return;
	if (reg == 0)
		p->threshold[ctx] = v & PLIC_MAX_PRIORITY;
	else if (reg == 4)
		plic_complete(p, (unsigned)ctx, v);
}

static const struct {
	uint64_t start, end;
	uint32_t (*read)(Plic *p, uint64_t off);
	void (*write)(Plic *p, uint64_t off, uint32_t v);
} plic_ranges[] = {
    {0, PLIC_PENDING, plic_priority_read, plic_priority_write},
    {PLIC_PENDING, PLIC_ENABLE, plic_pending_read, plic_pending_write},
    {PLIC_ENABLE, PLIC_CONTEXT, plic_enable_read, plic_enable_write},
    {PLIC_CONTEXT, PLIC_SIZE, plic_context_read, plic_context_write},
};

static uint32_t plic_read32(Plic *p, uint64_t off)
{
	for (size_t i = 0; i < sizeof plic_ranges / sizeof plic_ranges[0]; i++)
		if (off >= plic_ranges[i].start && off < plic_ranges[i].end)
			return plic_ranges[i].read(p, off - plic_ranges[i].start);
	return 0;
}

static void plic_write32(Plic *p, uint64_t off, uint32_t v)
{
	for (size_t i = 0; i < sizeof plic_ranges / sizeof plic_ranges[0]; i++)
		if (off >= plic_ranges[i].start && off < plic_ranges[i].end)
			plic_ranges[i].write(p, off - plic_ranges[i].start, v);
}

static uint64_t plic_read(void *opaque, uint64_t off, unsigned size)
{
	Plic *p = opaque;
	uint64_t v = 0;
	if (size == 4 && !(off & 3))
		v = plic_read32(p, off);
	else if (size == 8 && !(off & 7))
		v = plic_read32(p, off) | (uint64_t)plic_read32(p, off + 4) << 32;
	plic_update(p);
	return v;
}

static void plic_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
	Plic *p = opaque;
	if (size == 4 && !(off & 3)) {
		plic_write32(p, off, (uint32_t)value);
	} else if (size == 8 && !(off & 7)) {
		plic_write32(p, off, (uint32_t)value);
		plic_write32(p, off + 4, (uint32_t)(value >> 32));
	}
	plic_update(p);
}

static const MemRegionOps plic_ops = {plic_read, plic_write};

/* Outputs are driven again whatever they were, so every context line is known. */
static void plic_drive_outputs(Plic *p)
{
	for (unsigned i = 0; i < p->nctx; i++)
		p->out_level[i] = -1;
	plic_update(p);
}

void plic_reset(Plic *p)
{
	memset(p->priority, 0, (p->ndev + 1) * sizeof *p->priority);
	memset(p->claimed, 0, p->words * sizeof *p->claimed);
	memset(p->enable, 0, (size_t)p->nctx * p->words * sizeof *p->enable);
	memset(p->threshold, 0, p->nctx * sizeof *p->threshold);
	plic_drive_outputs(p);
}

Plic *plic_new(Bus *bus, uint64_t base, unsigned ndev, unsigned num_contexts,
               const IrqLine *ctx_out)
{
	if (!ndev || ndev > PLIC_MAX_SOURCES || !num_contexts || num_contexts > PLIC_MAX_CONTEXTS)
		return NULL;
	Plic *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->ndev = ndev;
	p->nctx = num_contexts;
	p->words = (ndev + 1 + 31) / 32;
	p->priority = calloc(ndev + 1, sizeof *p->priority);
	p->level = calloc(p->words, sizeof *p->level);
	p->claimed = calloc(p->words, sizeof *p->claimed);
	p->enable = calloc((size_t)num_contexts * p->words, sizeof *p->enable);
	p->threshold = calloc(num_contexts, sizeof *p->threshold);
	p->out = calloc(num_contexts, sizeof *p->out);
	p->out_level = calloc(num_contexts, sizeof *p->out_level);
	if (!p->priority || !p->level || !p->claimed || !p->enable || !p->threshold || !p->out ||
	    !p->out_level || bus_add_mmio(bus, base, PLIC_SIZE, &plic_ops, p, "plic")) {
		plic_free(p);
		return NULL;
	}
	for (unsigned i = 0; i < num_contexts; i++)
		p->out[i] = ctx_out[i];
	plic_reset(p);
	return p;
}

IrqLine plic_irq_line(Plic *p, unsigned src)
{
	return (IrqLine){plic_set_source, p, src};
}

static void plic_put_array(GByteArray *out, const uint32_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vmstate_put_u32(out, a[i]);
}

static void plic_get_array(VmReader *in, uint32_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		a[i] = vmstate_get_u32(in);
}

static void plic_save(void *opaque, GByteArray *out)
{
	Plic *p = opaque;
	vmstate_put_u32(out, PLIC_VMSTATE_VERSION);
	vmstate_put_u32(out, p->ndev);
	vmstate_put_u32(out, p->nctx);
	plic_put_array(out, p->priority, p->ndev + 1);
	plic_put_array(out, p->level, p->words);
	plic_put_array(out, p->claimed, p->words);
	plic_put_array(out, p->enable, (size_t)p->nctx * p->words);
	plic_put_array(out, p->threshold, p->nctx);
}

/* The state is read whole before any of it is used, so a short section changes nothing. */
static int plic_load(void *opaque, VmReader *in)
{
	Plic *p = opaque;
	if (vmstate_get_u32(in) != PLIC_VMSTATE_VERSION || vmstate_get_u32(in) != p->ndev ||
	    vmstate_get_u32(in) != p->nctx)
		return -1;
	size_t n = p->ndev + 1 + 2 * p->words + (size_t)p->nctx * p->words + p->nctx;
	uint32_t *all = malloc(n * sizeof *all);
	if (!all)
		return -1;
	plic_get_array(in, all, n);
	if (in->error) {
		free(all);
		return -1;
	}
	const uint32_t *src = all;
	memcpy(p->priority, src, (p->ndev + 1) * sizeof *src), src += p->ndev + 1;
	memcpy(p->level, src, p->words * sizeof *src), src += p->words;
	memcpy(p->claimed, src, p->words * sizeof *src), src += p->words;
	memcpy(p->enable, src, (size_t)p->nctx * p->words * sizeof *src);
	src += (size_t)p->nctx * p->words;
	memcpy(p->threshold, src, p->nctx * sizeof *src);
	free(all);
	plic_drive_outputs(p);
	return 0;
}

VmStateSection plic_vmstate(Plic *p)
{
	return (VmStateSection){"plic", plic_save, plic_load, p};
}

void plic_free(Plic *p)
{
	if (!p)
		return;
	free(p->priority);
	free(p->level);
	free(p->claimed);
	free(p->enable);
	free(p->threshold);
	free(p->out);
	free(p->out_level);
	free(p);
}

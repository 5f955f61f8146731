/*
 * Instruction fetch for the system-mode translator: the GuestFetch that rv_sys_fetch
 * hands to engine_new reads guest code at virtual addresses of the hart the calling
 * thread runs (rv_current_hart, set by rv_hart_run), translated for that hart's
 * privilege with execute permission, from RAM or ROM only (fetching from MMIO is an
 * access fault). A block's code key is the physical address of its pc's page, or
 * RV_CODE_KEY_NONE when pc cannot be fetched. Both use the TLB's fetch tag when it hits.
 * Reading code for a translation makes its page a code page first (bus.h), so a store
 * after the read is noted for fence.i, which drops exactly the blocks of the written
 * pages (take_dirty_code).
 *
 * When a block exits with CPU_EXIT_FETCH_FAULT the loop asks rv_fetch_fault which
 * exception that is: a page fault or an access fault, at pc or, for a 32-bit
 * instruction whose second half lies on the next page, at pc + 2.
 */
#include <errno.h>
#include <string.h>

#include "sysemu/bus.h"
#include "sysemu/riscv64/hart_int.h"

#define RV_CODE_KEY_NONE UINT64_MAX
/* Page keys have their low bits zero. A block at a page's last halfword may hold an
 * instruction that continues on the next page (it is then the block's only one, see
 * jit/translate_util.c), so its key also says whether that page could be fetched: a
 * fetch-fault stub made while it could not is never found once it can, and the other
 * way round. Since blocks are only chained to blocks of the same key, nothing chains
 * into such a block from the rest of its page: every jump to it is looked up with a
 * fresh key. Dirty pages drop all three keys. */
#define RV_CODE_KEY_NEXT_UNMAPPED 1u
#define RV_CODE_KEY_NEXT_MAPPED 2u
#define RV_CODE_KEY_KINDS 3

__thread RvHart *rv_current_hart;

/* The host address of executable code at pc (up to its page's end): NULL with the
 * fault kind in *kind. */
static const uint8_t *rv_fetch_host(RvHart *h, uint64_t pc, int *kind, uint64_t *ppage)
{
	SoftTlbEntry *e = softmmu_entry(&h->mmu, pc);
	if (e->tag_fetch == (pc & SOFTMMU_PAGE_MASK)) {
		*ppage = h->tlb_paddr[e - h->mmu.tlb];
		return (const uint8_t *)(uintptr_t)(pc + e->addend);
	}
	RvXlate x;
	*kind = rv_mmu_translate(h, pc, MMU_FETCH, h->priv, &x);
	if (*kind)
		return NULL;
	uint64_t left = SOFTMMU_PAGE_SIZE - (pc & ~SOFTMMU_PAGE_MASK);
	const uint8_t *p = bus_ram_ptr(h->bus, x.paddr, left, 0);
	if (!p) {
		*kind = RV_FAULT_ACCESS;
		return NULL;
	}
	rv_mmu_fill(h, pc, &x, h->priv);
	*ppage = x.paddr & SOFTMMU_PAGE_MASK;
	return p;
}

/* Copies guest code; `mark`: for a translation (not for reporting an instruction). */
static int rv_fetch_copy(RvHart *h, uint64_t pc, void *buf, size_t len, bool mark)
{
	uint8_t *out = buf;
	while (len) {
		size_t left = SOFTMMU_PAGE_SIZE - (pc & ~SOFTMMU_PAGE_MASK);
		size_t n = len < left ? len : left;
		int kind;
		uint64_t ppage;
		const uint8_t *p = rv_fetch_host(h, pc, &kind, &ppage);
		if (!p)
			return -EFAULT;
		if (mark)
			bus_code_mark(h->bus, ppage);
		memcpy(out, p, n);
		out += n;
		pc += n;
		len -= n;
	}
	return 0;
}

static int rv_fetch_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	return rv_fetch_copy(rv_current_hart, pc, buf, len, true);
}

static bool rv_fetch_code_dirty(void *opaque)
{
	return bus_code_dirty(opaque);
}

static size_t rv_fetch_take_dirty(void *opaque, uint64_t *keys, size_t max)
{
	size_t n = bus_code_take_dirty(opaque, keys, max / RV_CODE_KEY_KINDS);
	for (size_t i = 0; i < n; i++) {
		keys[n + i] = keys[i] | RV_CODE_KEY_NEXT_UNMAPPED;
		keys[2 * n + i] = keys[i] | RV_CODE_KEY_NEXT_MAPPED;
	}
	return RV_CODE_KEY_KINDS * n;
}

static uint64_t rv_fetch_code_key(void *opaque, CpuCommon *cpu, uint64_t pc)
{
	int kind;
	uint64_t ppage;
	RvHart *h = (RvHart *)cpu;
	if (!rv_fetch_host(h, pc, &kind, &ppage))
		return RV_CODE_KEY_NONE;
	uint64_t next;
	if ((pc & ~SOFTMMU_PAGE_MASK) == SOFTMMU_PAGE_SIZE - 2)
		ppage |= rv_fetch_host(h, pc + 2, &kind, &next) ? RV_CODE_KEY_NEXT_MAPPED
		                                               : RV_CODE_KEY_NEXT_UNMAPPED;
	return ppage;
}

GuestFetch rv_sys_fetch(struct Bus *bus)
{
	return (GuestFetch){.read = rv_fetch_read,
	                    .opaque = bus,
	                    .code_key = rv_fetch_code_key,
	                    .page_bounded = 1,
	                    .code_dirty = rv_fetch_code_dirty,
	                    .take_dirty_code = rv_fetch_take_dirty};
}

uint64_t rv_fetch_fault(RvHart *h, uint64_t pc, uint64_t *tval)
{
	int kind;
	uint64_t ppage;
	const uint8_t *p = rv_fetch_host(h, pc, &kind, &ppage);
	*tval = pc;
	if (!p)
		return rv_mmu_cause(MMU_FETCH, kind);
	if ((p[0] & 3) != 3 || ((pc + 2) & ~SOFTMMU_PAGE_MASK) != 0)
		return 0;
	*tval = pc + 2;
	return rv_fetch_host(h, pc + 2, &kind, &ppage) ? 0 : rv_mmu_cause(MMU_FETCH, kind);
}

uint32_t rv_fetch_insn_bits(RvHart *h, uint64_t pc)
{
	uint8_t b[4] = {0};
	uint32_t bits = 0;
	if (rv_fetch_copy(h, pc, b, 2, false) == 0) {
		bits = (uint32_t)b[0] | (uint32_t)b[1] << 8;
		if ((bits & 3) == 3)
			bits = rv_fetch_copy(h, pc + 2, b + 2, 2, false) == 0
			           ? bits | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24
			           : 0;
	}
	return bits;
}

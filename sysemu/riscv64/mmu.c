/*
 * Address translation of a riscv64 hart and the software MMU's slow paths.
 *
 * Translation follows the privileged spec's Sv39/Sv48 algorithm: M-mode (and any mode
 * while satp is Bare) uses physical addresses, except that data accesses in M-mode with
 * mstatus.MPRV use the privilege in MPP. Page-table entries are read from RAM through
 * bus_ram_ptr (a table anywhere else is an access fault); an invalid entry, a reserved
 * encoding or bit (W without R, bits 63:54, D/A/U on a pointer), a misaligned superpage,
 * or a permission failure (U-bit rules with SUM, MXR for loads) is a page fault. A and
 * D are set by hardware with a compare-and-swap on the entry, so a concurrent change by
 * another hart makes the walk start again.
 *
 * The TLB gets 4 KiB of a page at a time, RAM and ROM only: the read tag when loads are
 * allowed, the write tag only when stores are allowed and D is set (the first store
 * misses, sets D and refills), the fetch tag when the translation was made for the
 * hart's own privilege (not MPRV's). MMIO never enters the TLB: every access to it
 * comes here and goes to bus_read/bus_write, and unmapped physical addresses are access
 * faults. Misaligned accesses are done byte by byte (misaligned support in hardware),
 * except those the memop marks MO_ALIGN (atomics), which raise address-misaligned.
 *
 * Code pages (bus.h) never get the write tag, so stores to them come here and are noted
 * for fence.i. When a page becomes code, rv_mmu_revoke_write clears the write tags for
 * it in a hart's TLB from the translating thread, while that hart may be running: it
 * sees the old tag or the invalid one, and a store that already passed the tag check
 * may land unnoted just after the translating thread read the code (a hart writing
 * code that another hart is translating at that very moment; accepted). A fill that
 * races with the page becoming code publishes its write tag and then re-checks the
 * code bit (both sequentially consistent, against the marker's bit-then-scan), so one
 * of the two always removes it.
 */
#include "sysemu/bus.h"
#include "sysemu/riscv64/hart_int.h"

#define RV_PTE_V        (UINT64_C(1) << 0)
#define RV_PTE_R        (UINT64_C(1) << 1)
#define RV_PTE_W        (UINT64_C(1) << 2)
#define RV_PTE_X        (UINT64_C(1) << 3)
#define RV_PTE_U        (UINT64_C(1) << 4)
#define RV_PTE_A        (UINT64_C(1) << 6)
#define RV_PTE_D        (UINT64_C(1) << 7)
#define RV_PTE_RESERVED (~UINT64_C(0) << 54) /* N, PBMT and reserved bits */
#define RV_PTE_PPN(pte) ((pte) >> 10 & ((UINT64_C(1) << 44) - 1))

unsigned rv_mmu_data_priv(const RvHart *h)
{
	if (h->priv == RV_PRIV_M && (h->mstatus & RV_MS_MPRV))
		return (unsigned)((h->mstatus & RV_MS_MPP) >> RV_MS_MPP_SHIFT);
	return h->priv;
}

uint64_t rv_mmu_cause(SoftMmuAccess acc, int kind)
{
	static const uint8_t causes[3][4] = {
	    [MMU_READ] = {0, RV_EXC_LOAD_MISALIGNED, RV_EXC_LOAD_ACCESS, RV_EXC_LOAD_PAGE},
	    [MMU_WRITE] = {0, RV_EXC_STORE_MISALIGNED, RV_EXC_STORE_ACCESS, RV_EXC_STORE_PAGE},
	    [MMU_FETCH] = {0, RV_EXC_FETCH_MISALIGNED, RV_EXC_FETCH_ACCESS, RV_EXC_FETCH_PAGE},
	};
	return causes[acc][kind];
}

void rv_mmu_flush(RvHart *h)
{
	softmmu_flush(&h->mmu);
}

void rv_mmu_flush_page(RvHart *h, uint64_t va)
{
	*softmmu_entry(&h->mmu, va) = (SoftTlbEntry){SOFTMMU_TAG_INVALID, SOFTMMU_TAG_INVALID,
	                                              SOFTMMU_TAG_INVALID, 0};
}

/* What a leaf entry lets `priv` do: U pages are U-mode's (S-mode may load and store
 * them with SUM, never execute them), MXR makes executable pages readable. */
static unsigned rv_pte_perms(const RvHart *h, uint64_t pte, unsigned priv)
{
	bool user = pte & RV_PTE_U;
	if (priv == RV_PRIV_U && !user)
		return 0;
	unsigned perms = 0;
	if (priv == RV_PRIV_U || !user || (h->mstatus & RV_MS_SUM)) {
		if ((pte & RV_PTE_R) || ((h->mstatus & RV_MS_MXR) && (pte & RV_PTE_X)))
			perms |= RV_PERM(MMU_READ);
		if (pte & RV_PTE_W)
			perms |= RV_PERM(MMU_WRITE);
	}
	if ((pte & RV_PTE_X) && user == (priv == RV_PRIV_U))
		perms |= RV_PERM(MMU_FETCH);
	return perms;
}

/* Sets the A bit, and D for a write, unless already set: RV_FAULT_NONE, RV_FAULT_ACCESS
 * when the table is not writable RAM, or -1 when the entry changed under us. */
static int rv_pte_update(RvHart *h, uint64_t pte_addr, uint64_t *pte, SoftMmuAccess acc)
{
	uint64_t want = RV_PTE_A | (acc == MMU_WRITE ? RV_PTE_D : 0);
	if ((*pte & want) == want)
		return RV_FAULT_NONE;
	uint64_t *p = bus_ram_ptr(h->bus, pte_addr, 8, 1);
	if (!p)
		return RV_FAULT_ACCESS;
	if (!__atomic_compare_exchange_n(p, pte, *pte | want, false, __ATOMIC_ACQ_REL,
	                                 __ATOMIC_ACQUIRE))
		return -1;
	*pte |= want;
	return RV_FAULT_NONE;
}

/* One walk from the root; -1 when it must start again. */
static int rv_mmu_walk(RvHart *h, uint64_t va, SoftMmuAccess acc, unsigned priv, unsigned levels,
                       RvXlate *out)
{
	uint64_t table = (h->satp & RV_SATP_PPN_MASK) << 12;
	for (int i = (int)levels - 1; i >= 0; i--) {
		unsigned shift = 12 + 9 * (unsigned)i;
		uint64_t pte_addr = table + (va >> shift & 511) * 8;
		uint64_t *p = bus_ram_ptr(h->bus, pte_addr, 8, 0);
		if (!p)
			return RV_FAULT_ACCESS;
		uint64_t pte = __atomic_load_n(p, __ATOMIC_ACQUIRE);
		if (!(pte & RV_PTE_V) || (!(pte & RV_PTE_R) && (pte & RV_PTE_W)) ||
		    (pte & RV_PTE_RESERVED))
			return RV_FAULT_PAGE;
		if (!(pte & (RV_PTE_R | RV_PTE_X))) {
			if (pte & (RV_PTE_A | RV_PTE_D | RV_PTE_U))
				return RV_FAULT_PAGE;
			table = RV_PTE_PPN(pte) << 12;
			continue;
		}
		uint64_t ppn = RV_PTE_PPN(pte);
		uint64_t in_page = (UINT64_C(1) << shift) - 1;
		if ((ppn << 12) & in_page)
			return RV_FAULT_PAGE;
		unsigned perms = rv_pte_perms(h, pte, priv);
		if (!(perms & RV_PERM(acc)))
			return RV_FAULT_PAGE;
		int r = rv_pte_update(h, pte_addr, &pte, acc);
		if (r)
			return r;
		if (!(pte & RV_PTE_D))
			perms &= ~RV_PERM(MMU_WRITE);
		out->paddr = (ppn << 12) | (va & in_page);
		out->perms = perms;
		return RV_FAULT_NONE;
	}
	return RV_FAULT_PAGE;
}

int rv_mmu_translate(RvHart *h, uint64_t va, SoftMmuAccess acc, unsigned priv, RvXlate *out)
{
	unsigned mode = (unsigned)(h->satp >> RV_SATP_MODE_SHIFT);
	if (priv == RV_PRIV_M || mode == RV_SATP_BARE) {
		out->paddr = va;
		out->perms = RV_PERM(MMU_READ) | RV_PERM(MMU_WRITE) | RV_PERM(MMU_FETCH);
		return RV_FAULT_NONE;
	}
	unsigned levels = mode == RV_SATP_SV39 ? 3 : 4;
	unsigned va_bits = 12 + 9 * levels;
	if ((uint64_t)((int64_t)(va << (64 - va_bits)) >> (64 - va_bits)) != va)
		return RV_FAULT_PAGE;
	int r;
	while ((r = rv_mmu_walk(h, va, acc, priv, levels, out)) < 0)
		;
	return r;
}

void rv_mmu_revoke_write(void *hart, uint64_t ppage)
{
	RvHart *h = hart;
	for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++)
		if (__atomic_load_n(&h->tlb_paddr[i], __ATOMIC_SEQ_CST) == ppage)
			__atomic_store_n(&h->mmu.tlb[i].tag_write, SOFTMMU_TAG_INVALID,
			                 __ATOMIC_SEQ_CST);
}

/* The write tag of a fill: none for a code page (see above). */
static void rv_mmu_fill_write(RvHart *h, SoftTlbEntry *e, uint64_t vpage, uint64_t ppage,
                              bool writable)
{
	if (!writable || bus_code_page(h->bus, ppage)) {
		__atomic_store_n(&e->tag_write, SOFTMMU_TAG_INVALID, __ATOMIC_RELAXED);
		return;
	}
	__atomic_store_n(&e->tag_write, vpage, __ATOMIC_SEQ_CST);
	if (bus_code_page(h->bus, ppage))
		__atomic_store_n(&e->tag_write, SOFTMMU_TAG_INVALID, __ATOMIC_SEQ_CST);
}

void rv_mmu_fill(RvHart *h, uint64_t va, const RvXlate *x, unsigned priv)
{
	uint64_t vpage = va & SOFTMMU_PAGE_MASK, ppage = x->paddr & SOFTMMU_PAGE_MASK;
	/* RAM (writable) in one lookup, the common case; else perhaps ROM */
	uint8_t *host = bus_ram_ptr(h->bus, ppage, SOFTMMU_PAGE_SIZE, 1);
	bool ram = host != NULL;
	if (!host)
		host = bus_ram_ptr(h->bus, ppage, SOFTMMU_PAGE_SIZE, 0);
	if (!host)
		return;
	SoftTlbEntry *e = softmmu_entry(&h->mmu, va);
	__atomic_store_n(&e->tag_write, SOFTMMU_TAG_INVALID, __ATOMIC_RELAXED);
	__atomic_store_n(&h->tlb_paddr[e - h->mmu.tlb], ppage, __ATOMIC_SEQ_CST);
	e->addend = (uintptr_t)host - (uintptr_t)vpage;
	e->tag_read = x->perms & RV_PERM(MMU_READ) ? vpage : SOFTMMU_TAG_INVALID;
	e->tag_fetch =
	    priv == h->priv && (x->perms & RV_PERM(MMU_FETCH)) ? vpage : SOFTMMU_TAG_INVALID;
	rv_mmu_fill_write(h, e, vpage, ppage, ram && (x->perms & RV_PERM(MMU_WRITE)));
}

static uint64_t rv_ram_load(const void *p, unsigned size)
{
	switch (size) {
	case 1: return __atomic_load_n((const uint8_t *)p, __ATOMIC_RELAXED);
	case 2: return __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
	case 4: return __atomic_load_n((const uint32_t *)p, __ATOMIC_RELAXED);
	default: return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
	}
}

static void rv_ram_store(void *p, unsigned size, uint64_t v)
{
	switch (size) {
	case 1: __atomic_store_n((uint8_t *)p, (uint8_t)v, __ATOMIC_RELAXED); break;
	case 2: __atomic_store_n((uint16_t *)p, (uint16_t)v, __ATOMIC_RELAXED); break;
	case 4: __atomic_store_n((uint32_t *)p, (uint32_t)v, __ATOMIC_RELAXED); break;
	default: __atomic_store_n((uint64_t *)p, v, __ATOMIC_RELAXED); break;
	}
}

/* The physical address of a data access, raising its fault. */
static uint64_t rv_mmu_data_paddr(RvHart *h, uint64_t va, SoftMmuAccess acc)
{
	unsigned priv = rv_mmu_data_priv(h);
	RvXlate x;
	int kind = rv_mmu_translate(h, va, acc, priv, &x);
	if (kind)
		rv_hart_raise(h, rv_mmu_cause(acc, kind), va);
	rv_mmu_fill(h, va, &x, priv);
	return x.paddr;
}

/* One naturally aligned access (size 1/2/4/8) of a load or store. */
static uint64_t rv_mmu_aligned(RvHart *h, uint64_t va, unsigned size, SoftMmuAccess acc, uint64_t v)
{
	uint64_t pa = rv_mmu_data_paddr(h, va, acc);
	void *p = bus_ram_ptr(h->bus, pa, size, acc == MMU_WRITE);
	if (p) {
		if (acc == MMU_WRITE) {
			bus_code_written(h->bus, pa, size);
			rv_ram_store(p, size, v);
		} else
			v = rv_ram_load(p, size);
		return v;
	}
	int r = acc == MMU_WRITE ? bus_write(h->bus, pa, size, v) : bus_read(h->bus, pa, size, &v);
	if (r)
		rv_hart_raise(h, rv_mmu_cause(acc, RV_FAULT_ACCESS), va);
	return v;
}

static uint64_t rv_mmu_load(CpuCommon *cpu, uint64_t addr, unsigned memop)
{
	RvHart *h = (RvHart *)cpu;
	unsigned size = 1u << (memop & MO_SIZE);
	if (!(addr & (size - 1)))
		return rv_mmu_aligned(h, addr, size, MMU_READ, 0);
	if (memop & MO_ALIGN)
		rv_hart_raise(h, RV_EXC_LOAD_MISALIGNED, addr);
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= rv_mmu_aligned(h, addr + i, 1, MMU_READ, 0) << (8 * i);
	return v;
}

/* A misaligned store checks both pages it touches before it writes anything. */
static void rv_mmu_store(CpuCommon *cpu, uint64_t addr, uint64_t value, unsigned memop)
{
	RvHart *h = (RvHart *)cpu;
	unsigned size = 1u << (memop & MO_SIZE);
	if (!(addr & (size - 1))) {
		rv_mmu_aligned(h, addr, size, MMU_WRITE, value);
		return;
	}
	if (memop & MO_ALIGN)
		rv_hart_raise(h, RV_EXC_STORE_MISALIGNED, addr);
	rv_mmu_data_paddr(h, addr, MMU_WRITE);
	rv_mmu_data_paddr(h, addr + size - 1, MMU_WRITE);
	for (unsigned i = 0; i < size; i++)
		rv_mmu_aligned(h, addr + i, 1, MMU_WRITE, value >> (8 * i));
}

/* Atomics and helpers: naturally aligned RAM only (AMOs on MMIO are access faults). */
static void *rv_mmu_host_ptr(CpuCommon *cpu, uint64_t addr, unsigned size, SoftMmuAccess access)
{
	RvHart *h = (RvHart *)cpu;
	if (addr & (size - 1))
		rv_hart_raise(h, rv_mmu_cause(access, RV_FAULT_MISALIGNED), addr);
	uint64_t pa = rv_mmu_data_paddr(h, addr, access);
	void *p = bus_ram_ptr(h->bus, pa, size, access == MMU_WRITE);
	if (!p)
		rv_hart_raise(h, rv_mmu_cause(access, RV_FAULT_ACCESS), addr);
	if (access == MMU_WRITE)
		bus_code_written(h->bus, pa, size);
	return p;
}

const SoftMmuOps rv_mmu_ops = {
    .load = rv_mmu_load,
    .store = rv_mmu_store,
    .host_ptr = rv_mmu_host_ptr,
};

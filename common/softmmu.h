/*
 * The software MMU's contract between a system-mode machine and the executors. In
 * system mode CpuCommon.mmu points at a SoftMmu: guest loads and stores (generated code,
 * the IR interpreter, helpers) first look the guest virtual address up in its TLB, a
 * direct-mapped table indexed by virtual page number whose entry gives, per access kind,
 * the page-aligned virtual address it maps (the tag) and the addend that turns that
 * guest address into a host pointer into guest RAM. A hit is one compare and one
 * access; anything else (a miss, a page that is not RAM such as MMIO, a misaligned or
 * page-crossing access, a fault) goes to the machine's slow path in SoftMmuOps.
 *
 * The fast-path check for an access of `size` bytes (a power of two, at most 8) is
 *     (addr & (SOFTMMU_PAGE_MASK | (size - 1))) == entry->tag_<kind>
 * so a misaligned access never hits; valid tags have their low page bits zero and an
 * empty entry holds SOFTMMU_TAG_INVALID, which no address matches.
 *
 * Faults: a slow path that finds the access illegal records the guest's own exception
 * in the machine's CPU state, sets cpu->fault_addr, and calls softmmu_raise, which
 * leaves guest code through cpu->fault_jmp exactly as a host fault does: engine_run then
 * returns CPU_EXIT_MEM_FAULT with pc = cpu->insn_pc. Every caller of a slow path stores
 * the guest pc of the current instruction in cpu->insn_pc first.
 *
 * In user mode CpuCommon.mmu is NULL and guest memory is host memory at guest_base.
 */
#ifndef FERRY_SOFTMMU_H
#define FERRY_SOFTMMU_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cpu_common.h"

#define SOFTMMU_PAGE_BITS 12
#define SOFTMMU_PAGE_SIZE (UINT64_C(1) << SOFTMMU_PAGE_BITS)
#define SOFTMMU_PAGE_MASK (~(SOFTMMU_PAGE_SIZE - 1))
#define SOFTMMU_TLB_BITS 8
#define SOFTMMU_TLB_SIZE (1u << SOFTMMU_TLB_BITS)
#define SOFTMMU_TAG_INVALID UINT64_MAX

typedef enum SoftMmuAccess { MMU_READ = 0, MMU_WRITE = 1, MMU_FETCH = 2 } SoftMmuAccess;

typedef struct SoftTlbEntry {
	uint64_t tag_read;  /* page-aligned guest virtual address, or SOFTMMU_TAG_INVALID */
	uint64_t tag_write;
	uint64_t tag_fetch;
	uintptr_t addend;   /* host address = guest virtual address + addend */
} SoftTlbEntry;

typedef struct SoftMmuOps {
	/* The slow paths, for 1, 2, 4 or 8 bytes: `memop` is the IR memop's size and
	 * MO_ALIGN bits only; load returns the bytes as a little-endian value,
	 * zero-extended, and store takes them the same way (the caller applies MO_SIGN
	 * and MO_BE, and splits larger accesses). Each either completes the access (RAM,
	 * possibly filling the TLB; MMIO through the bus; a misaligned access where the
	 * ISA allows it) or raises the guest's fault and does not return. */
	uint64_t (*load)(CpuCommon *cpu, uint64_t addr, unsigned memop);
	void (*store)(CpuCommon *cpu, uint64_t addr, uint64_t value, unsigned memop);
	/* A host pointer for `size` bytes of guest RAM at addr with the given access
	 * (atomics, LR/SC, helpers that touch guest memory); raises the guest's fault when
	 * the access is illegal or the address is not RAM. */
	void *(*host_ptr)(CpuCommon *cpu, uint64_t addr, unsigned size, SoftMmuAccess access);
} SoftMmuOps;

typedef struct SoftMmu {
	SoftTlbEntry tlb[SOFTMMU_TLB_SIZE];
	const SoftMmuOps *ops;
} SoftMmu;

static inline SoftTlbEntry *softmmu_entry(SoftMmu *m, uint64_t addr)
{
	return &m->tlb[(addr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1)];
}

/* The host pointer for an access that hits the TLB, or NULL. */
static inline void *softmmu_lookup(SoftMmu *m, uint64_t addr, unsigned size, SoftMmuAccess acc)
{
	SoftTlbEntry *e = softmmu_entry(m, addr);
	uint64_t want = addr & (SOFTMMU_PAGE_MASK | (uint64_t)(size - 1));
	uint64_t tag = acc == MMU_READ ? e->tag_read : acc == MMU_WRITE ? e->tag_write : e->tag_fetch;
	return want == tag ? (void *)(uintptr_t)(addr + e->addend) : NULL;
}

/* Empties every entry. */
static inline void softmmu_flush(SoftMmu *m)
{
	for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++) {
		m->tlb[i].tag_read = m->tlb[i].tag_write = m->tlb[i].tag_fetch = SOFTMMU_TAG_INVALID;
		m->tlb[i].addend = 0;
	}
}

/* Leaves guest code with CPU_EXIT_MEM_FAULT at cpu->insn_pc (see above). */
static inline __attribute__((noreturn)) void softmmu_raise(CpuCommon *cpu)
{
	siglongjmp(*cpu->fault_jmp, 1);
}

/* The host pointer for `size` bytes of guest memory at addr, for helpers that touch
 * guest memory themselves (atomics, LR/SC): guest_base + addr in user mode; in system
 * mode the TLB's page on a hit, else the machine's host_ptr, which raises the guest's
 * fault (leaving the helper) when the access is illegal or not to RAM. A helper that
 * calls it carries IRH_MEM, so cpu->insn_pc holds its instruction. The access must not
 * cross a page (aligned atomics never do). */
static inline void *guest_ptr(CpuCommon *cpu, uint64_t addr, unsigned size, SoftMmuAccess acc)
{
	if (!cpu->mmu)
		return (void *)(cpu->guest_base + (uintptr_t)addr);
	void *p = softmmu_lookup(cpu->mmu, addr, size, acc);
	return p ? p : cpu->mmu->ops->host_ptr(cpu, addr, size, acc);
}

#endif

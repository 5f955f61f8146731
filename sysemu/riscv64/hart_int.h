/*
 * The inside of a riscv64 hart, shared by the files that implement it: the state
 * (RiscvCpu first, so the frontend's RV_OFF_* offsets and the engine's CpuCommon * work
 * on an RvHart *), the privileged CSR file (csr.c), trap entry and return with interrupt
 * selection (trap.c), the Sv39/Sv48 walker and the software MMU's slow paths (mmu.c,
 * fetch.c), the system-mode translation hooks (sys_arch.c) and the loop (hart.c).
 *
 * Exceptions found while guest code runs (a CSR helper, an MMU slow path) are recorded
 * with rv_hart_record_exception and raised through softmmu_raise; the loop then takes
 * the recorded trap. Work that must happen outside engine_run (forgetting the engine's
 * jump caches, completing mret/sret/wfi/sfence.vma) is left as flags for the loop.
 */
#ifndef FERRY_RV_HART_INT_H
#define FERRY_RV_HART_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/softmmu.h"
#include "frontends/riscv64/rv_cpu.h"
#include "sysemu/clock.h"
#include "sysemu/riscv64/hart.h"

/* Privilege levels */
enum { RV_PRIV_U = 0, RV_PRIV_S = 1, RV_PRIV_M = 3 };

/* Exception causes (mcause/scause with the interrupt bit clear) */
enum {
	RV_EXC_FETCH_MISALIGNED = 0,
	RV_EXC_FETCH_ACCESS = 1,
	RV_EXC_ILLEGAL = 2,
	RV_EXC_BREAKPOINT = 3,
	RV_EXC_LOAD_MISALIGNED = 4,
	RV_EXC_LOAD_ACCESS = 5,
	RV_EXC_STORE_MISALIGNED = 6,
	RV_EXC_STORE_ACCESS = 7,
	RV_EXC_ECALL_U = 8,
	RV_EXC_ECALL_S = 9,
	RV_EXC_ECALL_M = 11,
	RV_EXC_FETCH_PAGE = 12,
	RV_EXC_LOAD_PAGE = 13,
	RV_EXC_STORE_PAGE = 15,
};
#define RV_CAUSE_INTERRUPT (UINT64_C(1) << 63)

/* mstatus fields */
#define RV_MS_SIE       (UINT64_C(1) << 1)
#define RV_MS_MIE       (UINT64_C(1) << 3)
#define RV_MS_SPIE      (UINT64_C(1) << 5)
#define RV_MS_MPIE      (UINT64_C(1) << 7)
#define RV_MS_SPP       (UINT64_C(1) << 8)
#define RV_MS_MPP_SHIFT 11
#define RV_MS_MPP       (UINT64_C(3) << RV_MS_MPP_SHIFT)
#define RV_MS_FS        (UINT64_C(3) << 13)
#define RV_MS_MPRV      (UINT64_C(1) << 17)
#define RV_MS_SUM       (UINT64_C(1) << 18)
#define RV_MS_MXR       (UINT64_C(1) << 19)
#define RV_MS_TVM       (UINT64_C(1) << 20)
#define RV_MS_TW        (UINT64_C(1) << 21)
#define RV_MS_TSR       (UINT64_C(1) << 22)
#define RV_MS_UXL       (UINT64_C(3) << 32)
#define RV_MS_SXL       (UINT64_C(3) << 34)
#define RV_MS_SD        (UINT64_C(1) << 63)
/* UXL = SXL = 2 (64-bit), read-only */
#define RV_MS_XL64 (UINT64_C(2) << 32 | UINT64_C(2) << 34)

/* menvcfg.STCE: Sstc's stimecmp enabled for S-mode */
#define RV_ENVCFG_STCE (UINT64_C(1) << 63)

/* satp */
#define RV_SATP_MODE_SHIFT 60
#define RV_SATP_BARE       0
#define RV_SATP_SV39       8
#define RV_SATP_SV48       9
#define RV_SATP_PPN_MASK   ((UINT64_C(1) << 44) - 1)

/* mip/mie bits */
#define RV_MIP(irq)   (UINT64_C(1) << (irq))
#define RV_MIP_S_BITS (RV_MIP(RV_IRQ_SSIP) | RV_MIP(RV_IRQ_STIP) | RV_MIP(RV_IRQ_SEIP))
#define RV_MIP_ALL    (RV_MIP_S_BITS | RV_MIP(RV_IRQ_MSIP) | RV_MIP(RV_IRQ_MTIP) | RV_MIP(RV_IRQ_MEIP))

/* A counter (mcycle, minstret) derived from the guest clock: value = ticks + offset,
 * or `frozen` while mcountinhibit stops it. */
typedef struct RvCounter {
	uint64_t offset;
	uint64_t frozen;
} RvCounter;

/* mret, sret, wfi and sfence.vma, which the translated code records for the loop. */
typedef enum RvSysOp { RV_SYS_NONE, RV_SYS_MRET, RV_SYS_SRET, RV_SYS_WFI, RV_SYS_SFENCE } RvSysOp;

struct RvHart {
	RiscvCpu cpu; /* first */
	SoftMmu mmu;
	uint64_t tlb_paddr[SOFTMMU_TLB_SIZE]; /* physical page of each filled TLB entry */
	struct Bus *bus;
	Engine *engine;
	unsigned hartid;
	bool sstc;
	unsigned priv;

	uint64_t mstatus, medeleg, mideleg, mie;
	uint64_t mip_sw; /* the software-writable bits of mip */
	uint64_t mip_hw; /* device lines (atomic) */
	uint64_t mtvec, stvec, mscratch, sscratch, mepc, sepc, mcause, scause, mtval, stval;
	uint64_t satp, menvcfg, senvcfg, stimecmp, mseccfg, tselect;
	uint32_t mcounteren, scounteren, mcountinhibit;
	RvCounter mcycle, minstret;
	uint64_t pmpcfg[8]; /* pmpcfg0, 2, ..., 14 (RV64 has only the even ones) */
	uint64_t pmpaddr[64];

	/* an exception recorded while guest code ran, for the loop */
	bool exc_pending;
	uint64_t exc_cause, exc_tval;
	RvSysOp sys_op;
	bool sfence_all;      /* RV_SYS_SFENCE: every address, else only sfence_addr's page */
	uint64_t sfence_addr;
	bool forget_jumps; /* the engine's jump caches are stale (loop calls the engine) */
	bool wfi;          /* waiting for an interrupt */

	pthread_mutex_t lock; /* guards the fields below and wakes wfi and pause */
	pthread_cond_t cond;
	bool stop, pause_req, paused, running;
	Timer *stimer;
	char vm_name[16]; /* the snapshot section's name */
};

/* csr.c */
/* The value of the CSR instruction `insn` (csrr*) with source `src`: performs it and
 * returns what rd receives; false when it is illegal in the current state. */
bool rv_csr_insn(RvHart *h, uint32_t insn, uint64_t src, uint64_t *rd_value);
/* Direct access as from the given privilege (tests, OpenSBI-style probes): 0, or -1
 * when the access would be an illegal instruction. */
int rv_csr_read(RvHart *h, unsigned csr, uint64_t *value);
int rv_csr_write(RvHart *h, unsigned csr, uint64_t value);
/* A write to this CSR may change what the loop looks at (interrupts, translation). */
bool rv_csr_write_exits(unsigned csr);
/* The effective mip: software bits, device lines and Sstc's comparison. */
uint64_t rv_hart_mip(RvHart *h);
uint64_t rv_counter_read(const RvHart *h, const RvCounter *c, unsigned inhibit_bit);
/* Re-arms (or stops) the Sstc timer after stimecmp or menvcfg changed. */
void rv_hart_update_stimer(RvHart *h);

/* trap.c */
void rv_hart_set_priv(RvHart *h, unsigned priv);
/* Enters the trap handler for an exception at epc. */
void rv_hart_exception(RvHart *h, uint64_t cause, uint64_t tval, uint64_t epc);
/* The interrupt (mip bit number) the hart takes now, or -1. */
int rv_hart_pending_irq(RvHart *h);
void rv_hart_interrupt(RvHart *h, unsigned irq);
/* The return instructions' effect (privilege checks are done by the caller). */
void rv_hart_mret(RvHart *h);
void rv_hart_sret(RvHart *h);
/* Records an exception for the loop and leaves guest code (never returns). */
__attribute__((noreturn)) void rv_hart_raise(RvHart *h, uint64_t cause, uint64_t tval);
/* Whether mret/sret/wfi/sfence.vma (`op`) may execute now. */
bool rv_hart_sys_allowed(RvHart *h, RvSysOp op);

/* mmu.c */
typedef struct RvXlate {
	uint64_t paddr;
	/* what this privilege may do on the whole 4 KiB page (MMU_READ/WRITE/FETCH bits) */
	unsigned perms;
} RvXlate;
#define RV_PERM(acc) (1u << (acc))
/* The privilege data accesses use (MPRV). */
unsigned rv_mmu_data_priv(const RvHart *h);
enum { RV_FAULT_NONE, RV_FAULT_MISALIGNED, RV_FAULT_ACCESS, RV_FAULT_PAGE };
/* Translates va for an access by privilege `priv`, setting A (and D for a write);
 * RV_FAULT_NONE, or the kind of fault. */
int rv_mmu_translate(RvHart *h, uint64_t va, SoftMmuAccess acc, unsigned priv, RvXlate *out);
/* The exception cause of a fault kind for an access kind. */
uint64_t rv_mmu_cause(SoftMmuAccess acc, int kind);
/* Fills the TLB entry of va from a translation made for `priv`, when it is RAM or ROM. */
void rv_mmu_fill(RvHart *h, uint64_t va, const RvXlate *x, unsigned priv);
/* The bus's code watcher: no TLB entry of the hart grants stores to ppage any more. */
void rv_mmu_revoke_write(void *hart, uint64_t ppage);
void rv_mmu_flush(RvHart *h);
/* Empties the TLB entry that may hold va's page. */
void rv_mmu_flush_page(RvHart *h, uint64_t va);
extern const SoftMmuOps rv_mmu_ops;

/* fetch.c */
/* The hart whose code the calling thread translates. */
extern __thread RvHart *rv_current_hart;
/* 0, or the exception cause of fetching the instruction at pc; *tval is the address of
 * the part that faulted. */
uint64_t rv_fetch_fault(RvHart *h, uint64_t pc, uint64_t *tval);
/* The instruction bits at pc (16 or 32), 0 when they cannot be read. */
uint32_t rv_fetch_insn_bits(RvHart *h, uint64_t pc);

/* hart.c */
void rv_hart_kick(RvHart *h);
void rv_hart_forget_jumps(RvHart *h);
/* Completes sfence.vma: every translation (rs1 = x0), or those of one address: its TLB
 * entry and the jump-cache entries of blocks in its page, so that a TLB flush per page
 * (what Linux does after most page-table changes) keeps the rest of both. */
void rv_hart_sfence(RvHart *h);

#endif

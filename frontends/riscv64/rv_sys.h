/*
 * The riscv64 frontend's system-mode translation. The frontend knows nothing of the
 * machine: the system mode (sysemu/riscv64) hands it a table of hooks, and a block
 * translated with a hooks table (RvCtx.sys) differs from a user-mode one in these ways
 * only (translate_sys.c):
 * - every Zicsr instruction except those on fflags, frm and fcsr (still inline) calls
 *   the csr helper, which performs it or raises illegal instruction through the
 *   fault path; a write to a CSR for which csr_write_exits says so ends the block with
 *   CPU_EXIT_SYSTEM at the next pc;
 * - mret, sret, wfi and sfence.vma call the priv helper (checks; raises illegal
 *   instruction, or records the instruction for the machine loop) and end the block
 *   with CPU_EXIT_SYSTEM at their own pc; the loop completes them;
 * - a block does not continue into another guest page (the next page's mapping may
 *   differ): it ends with a chainable goto to the first instruction there;
 * - a block's first F/D instruction (compressed FP loads and stores included) or
 *   fflags/frm/fcsr access first tests mstatus.FS, read at run time from the hart at
 *   mstatus_off, and leaves through a side exit with CPU_EXIT_ILLEGAL at its own pc
 *   when FS is Off. The rest of the block relies on that test: FS changes only
 *   through a write to mstatus or sstatus, which ends the block (csr_write_exits), or
 *   through a trap or xRET, which leave it.
 * ecall, ebreak and fence.i leave exactly as in user mode.
 */
#ifndef FERRY_RV_SYS_H
#define FERRY_RV_SYS_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/guest_arch.h"
#include "jit/ir.h"

typedef struct RvSysHooks {
	/* fn(cpu, insn, src): the Zicsr instruction `insn` with source value src (x[rs1] or
	 * the immediate); returns the value for rd. May raise. */
	const IrHelper *csr;
	/* fn(cpu, insn, x[rs1]): mret, sret, wfi or sfence.vma (x[rs1]: sfence.vma's
	 * address, when its rs1 is not x0). May raise. */
	const IrHelper *priv_insn;
	/* Whether a write to csr may change what the machine loop must look at; true for
	 * mstatus and sstatus. */
	bool (*csr_write_exits)(unsigned csr);
	/* The byte offset from the CPU pointer of the 64-bit mstatus. */
	uint32_t mstatus_off;
} RvSysHooks;

/* mstatus.FS: Off when zero. */
#define RV_SYS_MSTATUS_FS (UINT64_C(3) << 13)

/* The block at pc in system mode. */
void rv_translate_block_sys(IrBlock *b, const GuestFetch *fetch, uint64_t pc,
                            const RvSysHooks *sys);
/* The disassembler hook of riscv64_arch, for other GuestArchs of the same ISA. */
unsigned rv_arch_disas(const GuestFetch *fetch, uint64_t pc, char *buf, size_t bufsz);

#endif

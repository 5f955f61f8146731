/*
 * The aarch64 guest CPU state (user mode, EL0). CpuCommon comes first so the engine and
 * the Linux personality can hold it as a CpuCommon *. Translated code reaches the fields
 * through A64_OFF_* byte offsets with IR GET/PUT.
 *
 * x[31] is the stack pointer: an instruction whose register field 31 means SP uses it,
 * one where 31 means the zero register never touches it. The condition flags are kept
 * lazily (a64_flags.c): the last flag-setting operation's kind and operands are stored,
 * and N, Z, C, V are derived only when something reads them. The FP/SIMD register file
 * (V0-V31, FPCR, FPSR) is architectural state even before any FP instruction is
 * translated: signal frames, loads and stores of SIMD&FP registers use it.
 */
#ifndef FERRY_A64_CPU_H
#define FERRY_A64_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "common/cpu_common.h"
#include "jit/guest_arch.h"

/* How cc_a and cc_b describe NZCV (A64CpuState.cc_op). The 32-bit kinds use the low 32
 * bits of cc_a and cc_b only. */
typedef enum A64CcOp {
	A64_CC_NZCV = 0, /* cc_a holds NZCV in bits 31:28 */
	A64_CC_SUB64,    /* flags of cc_a - cc_b (subs, cmp) */
	A64_CC_SUB32,
	A64_CC_ADD64, /* flags of cc_a + cc_b (adds, cmn) */
	A64_CC_ADD32,
	A64_CC_LOGIC64, /* N and Z of the result cc_a; C = V = 0 (ands, tst) */
	A64_CC_LOGIC32,
	A64_CC_COUNT
} A64CcOp;

typedef struct A64Vreg {
	uint64_t lo, hi; /* the 128-bit register, little-endian halves */
} A64Vreg;

typedef struct A64Cpu {
	CpuCommon common;
	uint64_t x[32]; /* X0-X30 and SP (x[31]) */
	uint64_t cc_op; /* A64CcOp */
	uint64_t cc_a, cc_b;
	uint64_t tpidr_el0;
	/* Exclusive monitor: the address, size (bytes; 0 = open) and the value(s) the last
	 * load-exclusive read, for the store-exclusive's compare-and-swap. */
	uint64_t excl_addr;
	uint64_t excl_val, excl_val2;
	uint64_t excl_size;
	uint64_t ic_pending; /* ic ivau ran: the next isb discards stale translations */
	A64Vreg v[32] __attribute__((aligned(16)));
	uint32_t fpcr, fpsr;
} A64Cpu;

#define A64_SP             31
#define A64_LR             30
#define A64_OFF_X(n)       ((uint32_t)(offsetof(A64Cpu, x) + 8u * (n)))
#define A64_OFF_CC_OP      ((uint32_t)offsetof(A64Cpu, cc_op))
#define A64_OFF_CC_A       ((uint32_t)offsetof(A64Cpu, cc_a))
#define A64_OFF_CC_B       ((uint32_t)offsetof(A64Cpu, cc_b))
#define A64_OFF_IC_PENDING ((uint32_t)offsetof(A64Cpu, ic_pending))
#define A64_OFF_TPIDR      ((uint32_t)offsetof(A64Cpu, tpidr_el0))
#define A64_OFF_V(n)       ((uint32_t)(offsetof(A64Cpu, v) + 16u * (n)))
#define A64_OFF_VHI(n)     (A64_OFF_V(n) + 8u)
#define A64_OFF_FPCR       ((uint32_t)offsetof(A64Cpu, fpcr))
#define A64_OFF_FPSR       ((uint32_t)offsetof(A64Cpu, fpsr))

/* NZCV as PSTATE and the NZCV system register hold it: bits 31:28. */
uint32_t a64_get_nzcv(const A64Cpu *cpu);
void a64_set_nzcv(A64Cpu *cpu, uint32_t nzcv);

extern const GuestArch aarch64_arch;

#endif

/*
 * Shared pieces of the aarch64 translators (translate_*.c): register access that knows
 * the two meanings of register number 31 (the zero register or the stack pointer),
 * 32-bit results zero-extended into X registers, the lazily kept condition flags
 * (a64_flags.c) and the common block endings. Every translator named in an
 * insn_table_*.h line is declared by decode.c from that table.
 */
#ifndef FERRY_A64_TRANSLATE_H
#define FERRY_A64_TRANSLATE_H

#include "frontends/aarch64/decode.h"

#define A64_TRANS(name) bool a64_trans_##name(A64Ctx *ctx, const A64Insn *in)

/* X[n] as an i64 temp, register 31 reading as zero. */
IrTemp a64_x(A64Ctx *ctx, unsigned n);
/* X[n] with register 31 meaning SP. */
IrTemp a64_x_sp(A64Ctx *ctx, unsigned n);
/* X[n] = v; register 31 is the zero register (the write is dropped). A 32-bit
 * operation (sf false) keeps the low 32 bits of v and zeroes the rest. */
void a64_set_x(A64Ctx *ctx, unsigned n, IrTemp v, bool sf);
/* The same with register 31 meaning SP. */
void a64_set_x_sp(A64Ctx *ctx, unsigned n, IrTemp v, bool sf);
IrTemp a64_const(A64Ctx *ctx, uint64_t v);
/* The low 32 bits of v as an i32 temp, and an i32 temp widened to i64. */
IrTemp a64_lo32(A64Ctx *ctx, IrTemp v);
IrTemp a64_zext32(A64Ctx *ctx, IrTemp v32);

/* The host address of guest address addr, for helpers. */
static inline void *a64_host(void *cpu, uint64_t addr)
{
	return (void *)(((CpuCommon *)cpu)->guest_base + (uintptr_t)addr);
}
/* Leaves the block with CPU_EXIT_MISALIGNED (fault_addr = addr) unless addr is a
 * multiple of size. */
void a64_check_aligned(A64Ctx *ctx, IrTemp addr, unsigned size);

/* Clears the exclusive monitor (clrex, and svc as an exception). */
void a64_clear_exclusive(A64Ctx *ctx);

/* Ends the block with a direct jump to target through chain slot `slot`. */
void a64_goto(A64Ctx *ctx, uint64_t target, unsigned slot);
/* Ends the block with an exception exit at the current instruction. */
void a64_raise(A64Ctx *ctx, unsigned cpu_exit);
/* Ends the block after this instruction with a plain exit (CPU_EXIT_NONE), so that the
 * next one is looked up afresh. */
void a64_end_after(A64Ctx *ctx, unsigned cpu_exit);

/* Condition flags (a64_flags.c). A flag-setting instruction records its operation;
 * 32-bit kinds look at the low halves of a and b only. res may be IR_NONE for SUB. */
void a64_flags_set(A64Ctx *ctx, A64CcOp op, IrTemp a, IrTemp b, IrTemp res);
/* NZCV = v (an i64 temp with the flags in bits 31:28). */
void a64_flags_set_nzcv(A64Ctx *ctx, IrTemp v);
/* Condition code cond (EQ ... NV) as an integer temp that is 0 or 1. */
IrTemp a64_cond(A64Ctx *ctx, unsigned cond);
/* ConditionHolds(cond) for a constant NZCV (bits 31:28). */
bool a64_cond_holds(uint32_t nzcv, unsigned cond);
/* NZCV in bits 31:28 as an i64 temp. */
IrTemp a64_flags_nzcv(A64Ctx *ctx);
/* ccmp/ccmn: flags of a - b (or a + b with add) when cond holds, nzcv_imm otherwise. */
void a64_flags_ccmp(A64Ctx *ctx, unsigned cond, bool add, bool sf, IrTemp a, IrTemp b,
                    unsigned nzcv_imm);

#endif

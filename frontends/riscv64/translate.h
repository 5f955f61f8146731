/*
 * Shared pieces of the riscv64 translators (translate_*.c): register access that keeps
 * x0 hard-wired to zero and NaN-boxing in one place, effective addresses, and the
 * common block endings. Every translator function named in an insn_table_*.h line is
 * declared by decode.c from that table, so this header only carries the helpers.
 */
#ifndef FERRY_RV_TRANSLATE_H
#define FERRY_RV_TRANSLATE_H

#include "frontends/riscv64/decode.h"

/* x[n] as an i64 temp (a constant 0 for x0). */
IrTemp rv_gpr(RvCtx *ctx, unsigned n);
/* x[n] = v (i64); writes to x0 are dropped. */
void rv_set_gpr(RvCtx *ctx, unsigned n, IrTemp v);
/* x[n] = the sign extension of the i32 temp v32, remembered for rv_gpr_w32. */
void rv_set_gpr_w(RvCtx *ctx, unsigned n, IrTemp v32);
/* An i32 temp whose sign extension x[n] is known to be on this path (a W instruction's
 * result, or a bitwise op of such values), or IR_NONE. */
IrTemp rv_gpr_w32(RvCtx *ctx, unsigned n);
/* The low 32 bits of x[n] as an i32 temp, one per value of x[n] on this path (so that
 * the optimizer sees the same temp where the guest reads the same value). */
IrTemp rv_gpr_lo32(RvCtx *ctx, unsigned n);
/* f[n] raw 64-bit pattern as an i64 temp, and its store. */
IrTemp rv_fpr(RvCtx *ctx, unsigned n);
void rv_set_fpr(RvCtx *ctx, unsigned n, IrTemp v);
/* The store of a value known to be a NaN-boxed single (recorded in ctx->f_boxed). */
void rv_set_fpr_boxed(RvCtx *ctx, unsigned n, IrTemp v);
/* x[rs1] + imm as an i64 guest address. */
IrTemp rv_addr(RvCtx *ctx, unsigned rs1, int64_t imm);
/* Ends the block with a direct jump to target (chainable). */
void rv_goto(RvCtx *ctx, uint64_t target, unsigned slot);
/* Ends the block with an exception exit at the current instruction. */
void rv_raise(RvCtx *ctx, unsigned cpu_exit);
/* System mode: a Zicsr instruction through the machine's helper (translate_sys.c). */
bool rv_sys_csr(RvCtx *ctx, const RvInsn *in, bool imm_form);
/* System mode: before the (32-bit or expanded) instruction `word`, when it is an FP
 * instruction or accesses fflags, frm or fcsr, the check that leaves with an ILLEGAL
 * exit at its pc while mstatus.FS is Off (translate_sys.c). */
void rv_sys_fp_guard(RvCtx *ctx, uint32_t word);
/* Emits the slow path of an FP instruction whose frm check failed (translate_fp.c). */
void rv_fp_slow_exit(RvCtx *ctx, const RvSideExit *side);

#endif

/*
 * Translators of the instructions that differ in system mode (rv_sys.h): Zicsr
 * instructions on any CSR but fflags, frm and fcsr, and mret, sret, wfi and sfence.vma,
 * which in user mode are reserved encodings. Both call the machine's helpers from the
 * hooks table in RvCtx.sys with the instruction's bits, which carry everything the
 * helper needs (CSR number, operation, rs1/uimm and rd fields for the "no read" and
 * "no write" cases, and the value an illegal-instruction trap reports).
 *
 * mstatus.FS = Off is checked at run time rather than made part of what a block
 * depends on: the block's first FP instruction (or fflags/frm/fcsr access) reads
 * mstatus and, when FS is Off, leaves through a side exit with CPU_EXIT_ILLEGAL at its
 * pc, for which the machine loop reports the instruction's bits as tval. Blocks stay
 * valid whatever FS is, so the engine's block lookup and jump caches need not know it.
 */
#include "frontends/riscv64/rv_sys.h"
#include "frontends/riscv64/translate.h"

bool rv_sys_csr(RvCtx *ctx, const RvInsn *in, bool imm_form)
{
	IrBlock *b = ctx->b;
	IrTemp src = imm_form ? ir_const(b, IR_I64, (uint64_t)in->imm) : rv_gpr(ctx, in->rs1);
	IrTemp old = ir_call(b, ctx->sys->csr, ir_const(b, IR_I64, in->raw), src, IR_NONE, IR_NONE);
	rv_set_gpr(ctx, in->rd, old);
	unsigned op = in->raw >> 12 & 3;
	bool writes = op == 1 || (in->raw >> 15 & 31) != 0;
	if (writes && ctx->sys->csr_write_exits(in->csr)) {
		ir_exit(b, CPU_EXIT_SYSTEM, ctx->pc + ctx->len);
		ctx->ended = true;
	}
	return true;
}

/* The helper checks and records the instruction; the loop completes it at this pc. */
static bool rv_sys_priv(RvCtx *ctx, const RvInsn *in)
{
	if (!ctx->sys)
		return false;
	ir_call(ctx->b, ctx->sys->priv_insn, ir_const(ctx->b, IR_I64, in->raw), rv_gpr(ctx, in->raw >> 15 & 31),
	        IR_NONE, IR_NONE);
	rv_raise(ctx, CPU_EXIT_SYSTEM);
	return true;
}

bool trans_mret(RvCtx *ctx, const RvInsn *in)
{
	return rv_sys_priv(ctx, in);
}
bool trans_sret(RvCtx *ctx, const RvInsn *in)
{
	return rv_sys_priv(ctx, in);
}
bool trans_wfi(RvCtx *ctx, const RvInsn *in)
{
	return rv_sys_priv(ctx, in);
}
bool trans_sfence_vma(RvCtx *ctx, const RvInsn *in)
{
	return rv_sys_priv(ctx, in);
}

/* spec: with FS Off, F and D instructions and fflags/frm/fcsr accesses are illegal.
 * Decides from the major opcode (LOAD-FP, STORE-FP, the fused multiply-adds, OP-FP)
 * or, for SYSTEM, from funct3 (a Zicsr form) and the CSR number (1 to 3). */
static bool rv_sys_uses_fp(uint32_t word)
{
	unsigned csr = word >> 20;
	switch (word & 0x7f) {
	case 0x07:
	case 0x27:
	case 0x43:
	case 0x47:
	case 0x4b:
	case 0x4f:
	case 0x53: return true;
	case 0x73: return (word >> 12 & 3) != 0 && csr >= 0x001 && csr <= 0x003;
	default: return false;
	}
}

void rv_sys_fp_guard(RvCtx *ctx, uint32_t word)
{
	if (ctx->fs_on || !rv_sys_uses_fp(word))
		return;
	IrBlock *b = ctx->b;
	IrTemp ms = ir_get(b, IR_I64, ctx->sys->mstatus_off);
	IrTemp fs = ir_op2i(b, IR_AND, IR_I64, ms, RV_SYS_MSTATUS_FS);
	IrTemp zero = ir_const(b, IR_I64, 0);
	uint32_t label = ir_new_label(b);
	ctx->fs_on = true;
	if (ctx->n_side < RV_MAX_SIDE_EXITS) {
		ir_br(b, ir_cmp(b, IR_I64, IR_EQ, fs, zero), label);
		ctx->side[ctx->n_side++] =
		    (RvSideExit){.label = label, .target = ctx->pc, .kind = RV_SIDE_ILLEGAL};
		return;
	}
	ir_br(b, ir_cmp(b, IR_I64, IR_NE, fs, zero), label);
	ir_exit(b, CPU_EXIT_ILLEGAL, ctx->pc);
	ir_label(b, label);
}

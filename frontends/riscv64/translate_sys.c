/*
 * Translators of the instructions that differ in system mode (rv_sys.h): Zicsr
 * instructions on any CSR but fflags, frm and fcsr, and mret, sret, wfi and sfence.vma,
 * which in user mode are reserved encodings. Both call the machine's helpers from the
 * hooks table in RvCtx.sys with the instruction's bits, which carry everything the
 * helper needs (CSR number, operation, rs1/uimm and rd fields for the "no read" and
 * "no write" cases, and the value an illegal-instruction trap reports).
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
	ir_call(ctx->b, ctx->sys->priv_insn, ir_const(ctx->b, IR_I64, in->raw), IR_NONE, IR_NONE,
	        IR_NONE);
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

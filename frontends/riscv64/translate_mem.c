/*
 * Translators for the RV64I loads and stores: one little-endian IR access each, with
 * the base register and the immediate as the access's offset. Misaligned accesses are
 * allowed (Linux emulates them for user programs), so no memop asks for alignment.
 * Loads into x0 are still performed: they may fault.
 */
#include "frontends/riscv64/translate.h"

static bool gen_load(RvCtx *ctx, const RvInsn *in, unsigned memop)
{
	IrTemp v = ir_load(ctx->b, IR_I64, memop, rv_gpr(ctx, in->rs1), in->imm);
	rv_set_gpr(ctx, in->rd, v);
	return true;
}

static bool gen_store(RvCtx *ctx, const RvInsn *in, unsigned memop)
{
	IrTemp base = rv_gpr(ctx, in->rs1);
	ir_store(ctx->b, IR_I64, memop, base, in->imm, rv_gpr(ctx, in->rs2));
	return true;
}

#define RV_MEM_OPS(X)                                                                     \
	X(lb, gen_load, MO_8 | MO_SIGN) X(lh, gen_load, MO_16 | MO_SIGN)                  \
	X(lw, gen_load, MO_32 | MO_SIGN) X(ld, gen_load, MO_64)                           \
	X(lbu, gen_load, MO_8) X(lhu, gen_load, MO_16) X(lwu, gen_load, MO_32)            \
	X(sb, gen_store, MO_8) X(sh, gen_store, MO_16) X(sw, gen_store, MO_32)            \
	X(sd, gen_store, MO_64)

#define RV_DEF_MEM(name, gen, memop)                                                      \
	bool trans_##name(RvCtx *ctx, const RvInsn *in) { return gen(ctx, in, memop); }
RV_MEM_OPS(RV_DEF_MEM)
#undef RV_DEF_MEM

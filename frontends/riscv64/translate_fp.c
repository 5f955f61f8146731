/*
 * Translators for the RV64F and RV64D instructions listed in insn_table_fp.h. Loads,
 * stores, sign injection and the fmv moves are plain IR bit operations.
 *
 * Inline fast path: fadd fsub fmul fdiv fsqrt in round-to-nearest-even, and the feq flt
 * fle compares, become IR float ops the executors run on the host's SSE unit. They are
 * exact: SSE rounds like IEEE 754 and detects tininess after rounding as RISC-V does;
 * results that are NaN become the canonical NaN (IR_FARITH_DEFAULT_NAN; spec: "the
 * canonical NaN" for any NaN result); single inputs that are not properly NaN-boxed
 * read as the canonical NaN (checked in IR unless ctx->f_boxed knows better); feq is a
 * quiet compare and flt/fle signaling ones (spec: NV for any NaN), FCMP's two kinds. The
 * exception flags stay in MXCSR, where the SSE instructions accrue them exactly as
 * fflags accrues; fp_helpers.c folds them into RiscvCpu.fflags whenever C code could see
 * or disturb them (helpers, fflags/fcsr accesses below, leaving guest execution).
 * A static rm of RNE goes inline. rm = DYN goes inline once an IR check found frm = RNE
 * on this path: the first DYN instruction of a block (or the first after a write to frm)
 * tests frm, and when it is not RNE runs this one instruction through its helper and
 * leaves the block for the next instruction, whose block tests again. The rest of the
 * block then assumes RNE (ctx->frm_rne). Other static modes use the helper.
 *
 * Everything else that rounds or classifies calls a helper from fp_helpers.c, which
 * applies the RISC-V rules and accrues fflags. The rounding mode reaches a helper as an
 * argument: a static rm as a constant, DYN as frm read at run time after an IR check
 * that exits with an illegal-instruction trap when frm holds a reserved value.
 */
#include "frontends/riscv64/fp_helpers.h"
#include "frontends/riscv64/insn_table_fp.h"
#include "frontends/riscv64/translate.h"

#define RV_FP_DECLARE(mnemonic, mask, match, format, fn) bool fn(RvCtx *ctx, const RvInsn *in);
RV_INSN_TABLE_FP(RV_FP_DECLARE)
#undef RV_FP_DECLARE

/* The rounding-mode argument of a helper call, or IR_NONE when the static rm is
 * reserved. spec: rm 5 and 6 are reserved; rm 7 (DYN) uses frm, and frm values 5..7
 * make the instruction illegal when it executes. */
static IrTemp rv_fp_rm(RvCtx *ctx, const RvInsn *in)
{
	IrBlock *b = ctx->b;
	if (in->rm <= RV_RM_RMM)
		return ir_const(b, IR_I64, in->rm);
	if (in->rm != RV_RM_DYN)
		return IR_NONE;
	IrTemp frm = ir_extu(b, IR_I64, ir_get(b, IR_I32, RV_OFF_FRM), 32);
	IrTemp ok = ir_cmp(b, IR_I64, IR_LEU, frm, ir_const(b, IR_I64, RV_RM_RMM));
	uint32_t valid = ir_new_label(b);
	ir_br(b, ok, valid);
	ir_exit(b, CPU_EXIT_ILLEGAL, ctx->pc);
	ir_label(b, valid);
	return frm;
}

/* Operand shapes of a helper-based translator. */
enum {
	RV_FP_RM = 1 << 0,    /* first argument is the rounding mode */
	RV_FP_SRC_X = 1 << 1, /* sources are x registers (fcvt from integer) */
	RV_FP_DST_X = 1 << 2, /* result goes to an x register */
};

/* rd = helper([rm,] rs1[, rs2[, rs3]]). */
static bool rv_fp_call(RvCtx *ctx, const RvInsn *in, RvFpHelperId id, unsigned nsrc, unsigned shape)
{
	IrTemp args[4] = {IR_NONE, IR_NONE, IR_NONE, IR_NONE};
	const uint8_t regs[3] = {in->rs1, in->rs2, in->rs3};
	unsigned n = 0;
	if (shape & RV_FP_RM) {
		args[n] = rv_fp_rm(ctx, in);
		if (args[n++] == IR_NONE)
			return false;
	}
	for (unsigned i = 0; i < nsrc; i++)
		args[n++] = shape & RV_FP_SRC_X ? rv_gpr(ctx, regs[i]) : rv_fpr(ctx, regs[i]);
	IrTemp r = ir_call(ctx->b, &rv_fp_helpers[id], args[0], args[1], args[2], args[3]);
	if (shape & RV_FP_DST_X)
		rv_set_gpr(ctx, in->rd, r);
	else
		rv_set_fpr(ctx, in->rd, r);
	return true;
}

/* One line per helper-based instruction: name (= helper), sources, shape. */
#define RV_FP_CALL_LIST(X)                                                                         \
	X(fmadd_s, 3, RV_FP_RM)                                                                    \
	X(fmsub_s, 3, RV_FP_RM)                                                                    \
	X(fnmsub_s, 3, RV_FP_RM)                                                                   \
	X(fnmadd_s, 3, RV_FP_RM)                                                                   \
	X(fmadd_d, 3, RV_FP_RM)                                                                    \
	X(fmsub_d, 3, RV_FP_RM)                                                                    \
	X(fnmsub_d, 3, RV_FP_RM)                                                                   \
	X(fnmadd_d, 3, RV_FP_RM)                                                                   \
	X(fmin_s, 2, 0)                                                                            \
	X(fmax_s, 2, 0)                                                                            \
	X(fmin_d, 2, 0)                                                                            \
	X(fmax_d, 2, 0)                                                                            \
	X(fclass_s, 1, RV_FP_DST_X)                                                                \
	X(fclass_d, 1, RV_FP_DST_X)                                                                \
	X(fcvt_w_s, 1, RV_FP_RM | RV_FP_DST_X)                                                     \
	X(fcvt_wu_s, 1, RV_FP_RM | RV_FP_DST_X)                                                    \
	X(fcvt_l_s, 1, RV_FP_RM | RV_FP_DST_X)                                                     \
	X(fcvt_lu_s, 1, RV_FP_RM | RV_FP_DST_X)                                                    \
	X(fcvt_w_d, 1, RV_FP_RM | RV_FP_DST_X)                                                     \
	X(fcvt_wu_d, 1, RV_FP_RM | RV_FP_DST_X)                                                    \
	X(fcvt_l_d, 1, RV_FP_RM | RV_FP_DST_X)                                                     \
	X(fcvt_lu_d, 1, RV_FP_RM | RV_FP_DST_X)                                                    \
	X(fcvt_s_w, 1, RV_FP_RM | RV_FP_SRC_X)                                                     \
	X(fcvt_s_wu, 1, RV_FP_RM | RV_FP_SRC_X)                                                    \
	X(fcvt_s_l, 1, RV_FP_RM | RV_FP_SRC_X)                                                     \
	X(fcvt_s_lu, 1, RV_FP_RM | RV_FP_SRC_X)                                                    \
	X(fcvt_d_w, 1, RV_FP_RM | RV_FP_SRC_X)                                                     \
	X(fcvt_d_wu, 1, RV_FP_RM | RV_FP_SRC_X)                                                    \
	X(fcvt_d_l, 1, RV_FP_RM | RV_FP_SRC_X)                                                     \
	X(fcvt_d_lu, 1, RV_FP_RM | RV_FP_SRC_X)                                                    \
	X(fcvt_s_d, 1, RV_FP_RM)                                                                   \
	X(fcvt_d_s, 1, RV_FP_RM)

#define RV_FP_DEFINE_CALL(name, nsrc, shape)                                                       \
	bool trans_##name(RvCtx *ctx, const RvInsn *in)                                            \
	{                                                                                          \
		return rv_fp_call(ctx, in, RV_FPH_##name, nsrc, shape);                            \
	}
RV_FP_CALL_LIST(RV_FP_DEFINE_CALL)
#undef RV_FP_DEFINE_CALL

/* ---- Loads and stores: raw bits; spec: flw NaN-boxes, fsw stores the low 32 bits
 * without checking the boxing. ---- */

bool trans_flw(RvCtx *ctx, const RvInsn *in)
{
	IrTemp v = ir_load(ctx->b, IR_I64, MO_32, rv_addr(ctx, in->rs1, in->imm), 0);
	rv_set_fpr_boxed(ctx, in->rd, ir_op2i(ctx->b, IR_OR, IR_I64, v, RV_FP_BOX));
	return true;
}

bool trans_fld(RvCtx *ctx, const RvInsn *in)
{
	rv_set_fpr(ctx, in->rd, ir_load(ctx->b, IR_I64, MO_64, rv_addr(ctx, in->rs1, in->imm), 0));
	return true;
}

bool trans_fsw(RvCtx *ctx, const RvInsn *in)
{
	ir_store(ctx->b, IR_I64, MO_32, rv_addr(ctx, in->rs1, in->imm), 0, rv_fpr(ctx, in->rs2));
	return true;
}

bool trans_fsd(RvCtx *ctx, const RvInsn *in)
{
	ir_store(ctx->b, IR_I64, MO_64, rv_addr(ctx, in->rs1, in->imm), 0, rv_fpr(ctx, in->rs2));
	return true;
}

/* ---- Sign injection: pure bit operations, no flags, NaN payloads kept. ---- */

/* f[n] as a single in boxed form; spec: an improperly NaN-boxed input reads as the
 * canonical NaN. */
static IrTemp rv_fp_boxed_s(RvCtx *ctx, unsigned n)
{
	IrBlock *b = ctx->b;
	IrTemp v = rv_fpr(ctx, n);
	if (ctx->f_boxed & (UINT32_C(1) << n))
		return v;
	IrTemp hi = ir_op2i(b, IR_SHR, IR_I64, v, 32);
	IrTemp ok = ir_cmp(b, IR_I64, IR_EQ, hi, ir_const(b, IR_I64, 0xffffffffu));
	return ir_select(b, IR_I64, ok, v, ir_const(b, IR_I64, RV_FP_BOX | RV_FP_CANON_S));
}

typedef enum RvFpSgnj { RV_SGNJ, RV_SGNJN, RV_SGNJX } RvFpSgnj;

/* spec: the result is rs1 with its sign replaced by rs2's sign (fsgnj), its negation
 * (fsgnjn) or the XOR of both signs (fsgnjx). The upper bits of a boxed single stay
 * ones because only the sign bit is touched. */
static bool rv_fp_sgnj(RvCtx *ctx, const RvInsn *in, bool single, RvFpSgnj kind)
{
	IrBlock *b = ctx->b;
	uint64_t sign = single ? UINT64_C(1) << 31 : UINT64_C(1) << 63;
	IrTemp a = single ? rv_fp_boxed_s(ctx, in->rs1) : rv_fpr(ctx, in->rs1);
	IrTemp s = single ? rv_fp_boxed_s(ctx, in->rs2) : rv_fpr(ctx, in->rs2);
	if (kind == RV_SGNJN)
		s = ir_op1(b, IR_NOT, IR_I64, s);
	s = ir_op2i(b, IR_AND, IR_I64, s, sign);
	IrTemp r = kind == RV_SGNJX
	               ? ir_op2(b, IR_XOR, IR_I64, a, s)
	               : ir_op2(b, IR_OR, IR_I64, ir_op2i(b, IR_AND, IR_I64, a, ~sign), s);
	if (single)
		rv_set_fpr_boxed(ctx, in->rd, r);
	else
		rv_set_fpr(ctx, in->rd, r);
	return true;
}

#define RV_FP_DEFINE_SGNJ(name, single, kind)                                                      \
	bool trans_##name(RvCtx *ctx, const RvInsn *in)                                            \
	{                                                                                          \
		return rv_fp_sgnj(ctx, in, single, kind);                                          \
	}
RV_FP_DEFINE_SGNJ(fsgnj_s, true, RV_SGNJ)
RV_FP_DEFINE_SGNJ(fsgnjn_s, true, RV_SGNJN)
RV_FP_DEFINE_SGNJ(fsgnjx_s, true, RV_SGNJX)
RV_FP_DEFINE_SGNJ(fsgnj_d, false, RV_SGNJ)
RV_FP_DEFINE_SGNJ(fsgnjn_d, false, RV_SGNJN)
RV_FP_DEFINE_SGNJ(fsgnjx_d, false, RV_SGNJX)
#undef RV_FP_DEFINE_SGNJ

/* ---- The inline fast path (see the top of this file). ---- */

/* Operand n as a float temp of the instruction's format. */
static IrTemp rv_fp_operand(RvCtx *ctx, unsigned n, bool single)
{
	IrBlock *b = ctx->b;
	if (!single)
		return ir_conv(b, IR_BITCAST, IR_F64, rv_fpr(ctx, n), 0);
	IrTemp lo = ir_extu(b, IR_I32, rv_fp_boxed_s(ctx, n), 32);
	return ir_conv(b, IR_BITCAST, IR_F32, lo, 0);
}

/* f[rd] = r, a float temp of the instruction's format; singles are NaN-boxed. */
static void rv_fp_set_result(RvCtx *ctx, unsigned rd, IrTemp r, bool single)
{
	IrBlock *b = ctx->b;
	if (!single) {
		rv_set_fpr(ctx, rd, ir_conv(b, IR_BITCAST, IR_I64, r, 0));
		return;
	}
	IrTemp bits = ir_extu(b, IR_I64, ir_conv(b, IR_BITCAST, IR_I32, r, 0), 32);
	rv_set_fpr_boxed(ctx, rd, ir_op2i(b, IR_OR, IR_I64, bits, RV_FP_BOX));
}

/* For rm = DYN before frm is known on this path: when frm is not RNE, the block leaves
 * through a side exit (see rv_fp_slow_exit) and otherwise goes on with frm = RNE. Once
 * the block has all the side exits it may have, the slow path sits inline instead. */
static bool rv_fp_dyn_guard(RvCtx *ctx, const RvInsn *in, RvFpHelperId id, unsigned nsrc)
{
	IrBlock *b = ctx->b;
	IrTemp frm = ir_get(b, IR_I32, RV_OFF_FRM);
	uint32_t label = ir_new_label(b);
	ctx->frm_rne = true;
	if (ctx->n_side < RV_MAX_SIDE_EXITS) {
		IrTemp other = ir_cmp(b, IR_I32, IR_NE, frm, ir_const(b, IR_I32, RV_RM_RNE));
		ir_br(b, other, label);
		ctx->side[ctx->n_side++] = (RvSideExit){.label = label,
		                                        .target = ctx->pc,
		                                        .kind = RV_SIDE_FP_SLOW,
		                                        .fp_len = (uint8_t)ctx->len,
		                                        .fp_helper = (uint8_t)id,
		                                        .fp_nsrc = (uint8_t)nsrc,
		                                        .fp_insn = *in};
		return true;
	}
	IrTemp rne = ir_cmp(b, IR_I32, IR_EQ, frm, ir_const(b, IR_I32, RV_RM_RNE));
	ir_br(b, rne, label);
	if (!rv_fp_call(ctx, in, id, nsrc, RV_FP_RM))
		return false;
	ir_lookup_jump(b, ir_const(b, IR_I64, ctx->pc + ctx->len));
	ir_label(b, label);
	return true;
}

/* The slow path of a DYN instruction whose frm check failed, after the block's last
 * exit: the instruction (opened again by its INSN_START, so a host pc maps back to it)
 * runs through its helper, which also raises the reserved-frm trap, and the block ends,
 * continuing at the next instruction, whose block tests frm again. */
void rv_fp_slow_exit(RvCtx *ctx, const RvSideExit *side)
{
	IrBlock *b = ctx->b;
	ir_label(b, side->label);
	ir_insn_start(b, side->target);
	ctx->pc = side->target;
	ctx->len = side->fp_len;
	rv_fp_call(ctx, &side->fp_insn, (RvFpHelperId)side->fp_helper, side->fp_nsrc, RV_FP_RM);
	ir_lookup_jump(b, ir_const(b, IR_I64, ctx->pc + ctx->len));
}

/* rd = op(rs1[, rs2]) rounded to nearest even, inline when the rounding mode allows. */
static bool rv_fp_arith(RvCtx *ctx, const RvInsn *in, IrOp op, bool single, RvFpHelperId id)
{
	unsigned nsrc = op == IR_FSQRT ? 1 : 2;
	if (in->rm == RV_RM_DYN && !ctx->frm_rne) {
		if (!rv_fp_dyn_guard(ctx, in, id, nsrc))
			return false;
	} else if (in->rm != RV_RM_DYN && in->rm != RV_RM_RNE) {
		return rv_fp_call(ctx, in, id, nsrc, RV_FP_RM);
	}
	IrType t = single ? IR_F32 : IR_F64;
	IrTemp a = rv_fp_operand(ctx, in->rs1, single);
	IrTemp c = nsrc == 2 ? rv_fp_operand(ctx, in->rs2, single) : IR_NONE;
	IrTemp r = ir_fop(ctx->b, op, t, IR_FARITH_DEFAULT_NAN, a, c);
	rv_fp_set_result(ctx, in->rd, r, single);
	return true;
}

/* spec: feq is quiet (NV for a signaling NaN only), flt and fle signaling (NV for any
 * NaN); a NaN operand makes the result 0. */
static bool rv_fp_compare(RvCtx *ctx, const RvInsn *in, IrFCond cond, bool single)
{
	IrType t = single ? IR_F32 : IR_F64;
	IrTemp a = rv_fp_operand(ctx, in->rs1, single);
	IrTemp c = rv_fp_operand(ctx, in->rs2, single);
	rv_set_gpr(ctx, in->rd, ir_fcmp_sig(ctx->b, t, cond, cond != IR_FEQ, a, c));
	return true;
}

#define RV_FP_INLINE_ARITH(X)                                                                      \
	X(fadd_s, IR_FADD, true)                                                                   \
	X(fsub_s, IR_FSUB, true)                                                                   \
	X(fmul_s, IR_FMUL, true)                                                                   \
	X(fdiv_s, IR_FDIV, true)                                                                   \
	X(fsqrt_s, IR_FSQRT, true)                                                                 \
	X(fadd_d, IR_FADD, false)                                                                  \
	X(fsub_d, IR_FSUB, false)                                                                  \
	X(fmul_d, IR_FMUL, false)                                                                  \
	X(fdiv_d, IR_FDIV, false)                                                                  \
	X(fsqrt_d, IR_FSQRT, false)

#define RV_FP_DEFINE_ARITH(name, op, single)                                                       \
	bool trans_##name(RvCtx *ctx, const RvInsn *in)                                            \
	{                                                                                          \
		return rv_fp_arith(ctx, in, op, single, RV_FPH_##name);                            \
	}
RV_FP_INLINE_ARITH(RV_FP_DEFINE_ARITH)
#undef RV_FP_DEFINE_ARITH

#define RV_FP_INLINE_CMP(X)                                                                        \
	X(feq_s, IR_FEQ, true)                                                                     \
	X(flt_s, IR_FLT, true)                                                                     \
	X(fle_s, IR_FLE, true)                                                                     \
	X(feq_d, IR_FEQ, false)                                                                    \
	X(flt_d, IR_FLT, false)                                                                    \
	X(fle_d, IR_FLE, false)

#define RV_FP_DEFINE_CMP(name, cond, single)                                                       \
	bool trans_##name(RvCtx *ctx, const RvInsn *in)                                            \
	{                                                                                          \
		return rv_fp_compare(ctx, in, cond, single);                                       \
	}
RV_FP_INLINE_CMP(RV_FP_DEFINE_CMP)
#undef RV_FP_DEFINE_CMP

/* ---- Moves between register files: bit patterns, no NaN-box check. ---- */

/* spec: fmv.x.w sign-extends bits 31:0 of f[rs1]. */
bool trans_fmv_x_w(RvCtx *ctx, const RvInsn *in)
{
	rv_set_gpr(ctx, in->rd, ir_exts(ctx->b, IR_I64, rv_fpr(ctx, in->rs1), 32));
	return true;
}

/* spec: fmv.w.x NaN-boxes the low 32 bits of x[rs1]. */
bool trans_fmv_w_x(RvCtx *ctx, const RvInsn *in)
{
	rv_set_fpr_boxed(ctx, in->rd,
	                 ir_op2i(ctx->b, IR_OR, IR_I64, rv_gpr(ctx, in->rs1), RV_FP_BOX));
	return true;
}

bool trans_fmv_x_d(RvCtx *ctx, const RvInsn *in)
{
	rv_set_gpr(ctx, in->rd, rv_fpr(ctx, in->rs1));
	return true;
}

bool trans_fmv_d_x(RvCtx *ctx, const RvInsn *in)
{
	rv_set_fpr(ctx, in->rd, rv_gpr(ctx, in->rs1));
	return true;
}

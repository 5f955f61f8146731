/*
 * Translators for the scalar floating-point instructions (insn_table_fp.h).
 *
 * Moves and sign operations (FMOV register/immediate/general, FABS, FNEG, FCSEL) are
 * IR bit operations: they depend on no FPCR field and raise nothing. The hot
 * arithmetic (FADD, FSUB, FMUL, FDIV, FSQRT), FCMP/FCMPE, FCVT between single and
 * double and SCVTF/UCVTF from a register are inline IR float ops when FPCR is
 * "standard" (RMode = RN, FZ = 0, DN = 0; a64_fp.h): SSE then rounds, detects flags
 * and compares as the Arm ARM's FPRound and FPCompare do, and its flags stay in MXCSR
 * (folded into FPSR lazily, fp_helpers.c). x86 and Arm differ in NaN results, and in
 * UFC for an inexact result that rounds up to +-the smallest normal (x86 detects
 * tininess after rounding; the helpers correct this, the inline path does not). A NaN
 * arithmetic result takes a branch to a64_fph_nanfix,
 * which rewrites V[d] with Arm's FPProcessNaNs choice or the positive default NaN.
 *
 * FPCR is tested once per block, at the first such instruction (as riscv64 does with
 * frm): when it is not standard, that instruction runs through its helper and the block
 * ends there; the next block tests again. After the test the rest of the block assumes
 * the standard FPCR (A64Ctx.fp_std); msr fpcr clears that assumption. Everything else
 * (FMADD and friends, FMAX/FMIN, FNMUL, FRINT*, FCVT* to integers, fixed point, half
 * precision, FCCMP) calls its helper, which handles every FPCR setting.
 */
#include "frontends/aarch64/fp_helpers.h"
#include "frontends/aarch64/translate.h"

static IrTemp a64_fp_call(A64Ctx *ctx, const IrHelper *h, const A64Insn *in, IrTemp a1)
{
	return ir_call(ctx->b, h, a64_const(ctx, in->raw), a1, IR_NONE, IR_NONE);
}

/* V[d] = v (i64 with the value in its low bits), the rest zeroed. */
static void a64_fp_put_bits(A64Ctx *ctx, unsigned d, IrTemp v)
{
	ir_put(ctx->b, IR_I64, A64_OFF_V(d), v);
	ir_put(ctx->b, IR_I64, A64_OFF_VHI(d), a64_const(ctx, 0));
}

/* The low 32 or 64 bits of V[n] as an i64. */
static IrTemp a64_fp_get_bits(A64Ctx *ctx, unsigned n, bool dbl)
{
	IrTemp v = ir_get(ctx->b, IR_I64, A64_OFF_V(n));
	return dbl ? v : ir_extu(ctx->b, IR_I64, v, 32);
}

static IrTemp a64_fp_get(A64Ctx *ctx, unsigned n, bool dbl)
{
	return ir_get(ctx->b, dbl ? IR_F64 : IR_F32, A64_OFF_V(n));
}

static IrTemp a64_fp_bits_of(A64Ctx *ctx, IrTemp f, bool dbl)
{
	IrBlock *b = ctx->b;
	if (dbl)
		return ir_conv(b, IR_BITCAST, IR_I64, f, 0);
	return ir_extu(b, IR_I64, ir_conv(b, IR_BITCAST, IR_I32, f, 0), 32);
}

typedef void (*A64FpSlow)(A64Ctx *ctx, const A64Insn *in);

/* The once-per-block FPCR test (see the top of this file). */
static void a64_fp_gate(A64Ctx *ctx, const A64Insn *in, A64FpSlow slow)
{
	if (ctx->fp_std)
		return;
	IrBlock *b = ctx->b;
	IrTemp fpcr = ir_get(b, IR_I32, A64_OFF_FPCR);
	IrTemp bits = ir_op2i(b, IR_AND, IR_I32, fpcr, A64_FPCR_STD);
	IrTemp std = ir_cmp(b, IR_I32, IR_EQ, bits, ir_const(b, IR_I32, 0));
	uint32_t fast = ir_new_label(b);
	A64FlagState fl = ctx->fl;
	ir_br(b, std, fast);
	slow(ctx, in);
	ir_lookup_jump(b, a64_const(ctx, ctx->pc + 4));
	ir_label(b, fast);
	ctx->fl = fl;
	ctx->fp_std = true;
}

static void a64_fp_slow_dp1(A64Ctx *ctx, const A64Insn *in) { a64_fp_call(ctx, &a64_fph_dp1_helper, in, IR_NONE); }
static void a64_fp_slow_dp2(A64Ctx *ctx, const A64Insn *in) { a64_fp_call(ctx, &a64_fph_dp2_helper, in, IR_NONE); }

static void a64_fp_slow_cmp(A64Ctx *ctx, const A64Insn *in)
{
	a64_flags_set_nzcv(ctx, a64_fp_call(ctx, &a64_fph_cmp_helper, in, a64_const(ctx, 1)));
}

static void a64_fp_slow_cvt(A64Ctx *ctx, const A64Insn *in)
{
	a64_fp_call(ctx, &a64_fph_cvt_helper, in, a64_x(ctx, in->rn));
}

/* V[d] = r (a float temp); a NaN result goes to a64_fph_nanfix with the operand bits. */
static void a64_fp_arith_result(A64Ctx *ctx, const A64Insn *in, IrTemp r, IrTemp a, IrTemp c,
				bool dbl)
{
	IrBlock *b = ctx->b;
	IrType t = dbl ? IR_F64 : IR_F32;
	a64_fp_put_bits(ctx, in->rd, a64_fp_bits_of(ctx, r, dbl));
	IrTemp nan = ir_fcmp(b, t, IR_FUNORD, r, r);
	IrTemp ok = ir_cmp(b, IR_I64, IR_EQ, nan, a64_const(ctx, 0));
	uint32_t done = ir_new_label(b);
	ir_br(b, ok, done);
	IrTemp ab = a64_fp_bits_of(ctx, a, dbl);
	IrTemp cb = c != IR_NONE ? a64_fp_bits_of(ctx, c, dbl) : a64_const(ctx, 0);
	ir_call(b, &a64_fph_nanfix_helper, a64_const(ctx, in->raw), ab, cb, IR_NONE);
	ir_label(b, done);
}

/* 1 source: M 0 S 11110 ftype 1 opcode 10000 Rn Rd. */
A64_TRANS(fp_dp1)
{
	IrBlock *b = ctx->b;
	unsigned ftype = in->raw >> 22 & 3, opc = in->raw >> 15 & 63;
	bool dbl = ftype == 1;
	if (ftype == 2 || opc == 6 || opc == 13 || opc > 15)
		return false;
	if (ftype == 3 ? opc != 4 && opc != 5 : (opc == 4 && !dbl) || (opc == 5 && dbl))
		return false;
	if (opc <= 2) {
		uint64_t sign = a64_fp_sign(dbl);
		IrTemp v = a64_fp_get_bits(ctx, in->rn, dbl);
		if (opc == 1)
			v = ir_op2i(b, IR_AND, IR_I64, v, ~sign);
		else if (opc == 2)
			v = ir_op2i(b, IR_XOR, IR_I64, v, sign);
		a64_fp_put_bits(ctx, in->rd, v);
		return true;
	}
	if (opc == 3 || ((opc == 4 || opc == 5) && ftype != 3)) {
		a64_fp_gate(ctx, in, a64_fp_slow_dp1);
		IrTemp a = a64_fp_get(ctx, in->rn, dbl);
		if (opc == 3) {
			a64_fp_arith_result(ctx, in, ir_fop(b, IR_FSQRT, dbl ? IR_F64 : IR_F32, 0, a, IR_NONE),
					    a, IR_NONE, dbl);
		} else {
			IrTemp r = ir_conv(b, IR_FCVT, dbl ? IR_F32 : IR_F64, a, 0);
			a64_fp_put_bits(ctx, in->rd, a64_fp_bits_of(ctx, r, !dbl));
		}
		return true;
	}
	a64_fp_slow_dp1(ctx, in);
	return true;
}

/* 2 source: M 0 S 11110 ftype 1 Rm opcode 10 Rn Rd (fmul fdiv fadd fsub inline). */
A64_TRANS(fp_dp2)
{
	static const IrOp ops[4] = {IR_FMUL, IR_FDIV, IR_FADD, IR_FSUB};
	unsigned ftype = in->raw >> 22 & 3, opc = in->raw >> 12 & 15;
	bool dbl = ftype == 1;
	if (ftype > 1 || opc > 8)
		return false;
	if (opc > 3) {
		a64_fp_slow_dp2(ctx, in);
		return true;
	}
	a64_fp_gate(ctx, in, a64_fp_slow_dp2);
	IrTemp a = a64_fp_get(ctx, in->rn, dbl), c = a64_fp_get(ctx, in->rm, dbl);
	IrTemp r = ir_fop(ctx->b, ops[opc], dbl ? IR_F64 : IR_F32, 0, a, c);
	a64_fp_arith_result(ctx, in, r, a, c, dbl);
	return true;
}

/* 3 source: M 0 S 11111 ftype o1 Rm o0 Ra Rn Rd. */
A64_TRANS(fp_dp3)
{
	if ((in->raw >> 22 & 3) > 1)
		return false;
	a64_fp_call(ctx, &a64_fph_dp3_helper, in, IR_NONE);
	return true;
}

/* FCMP/FCMPE: M 0 S 11110 ftype 1 Rm 00 1000 Rn opcode2; NZCV = 0011 unordered, 0110
 * equal, 1000 less, 0010 greater (FPCompare). */
A64_TRANS(fp_cmp)
{
	IrBlock *b = ctx->b;
	unsigned ftype = in->raw >> 22 & 3;
	bool dbl = ftype == 1, zero = in->raw >> 3 & 1, signaling = in->raw >> 4 & 1;
	if (ftype > 1)
		return false;
	a64_fp_gate(ctx, in, a64_fp_slow_cmp);
	IrType t = dbl ? IR_F64 : IR_F32;
	IrTemp x = a64_fp_get(ctx, in->rn, dbl);
	IrTemp y = zero ? ir_conv(b, IR_BITCAST, t, ir_const(b, dbl ? IR_I64 : IR_I32, 0), 0)
			: a64_fp_get(ctx, in->rm, dbl);
	IrTemp un = ir_fcmp_sig(b, t, IR_FUNORD, signaling, x, y);
	IrTemp eq = ir_fcmp(b, t, IR_FEQ, x, y);
	IrTemp lt = ir_fcmp(b, t, IR_FLT, x, y);
	IrTemp v = ir_select(b, IR_I64, lt, a64_const(ctx, 0x80000000u), a64_const(ctx, 0x20000000u));
	v = ir_select(b, IR_I64, eq, a64_const(ctx, 0x60000000u), v);
	v = ir_select(b, IR_I64, un, a64_const(ctx, 0x30000000u), v);
	a64_flags_set_nzcv(ctx, v);
	return true;
}

/* FCCMP/FCCMPE: M 0 S 11110 ftype 1 Rm cond 01 Rn op nzcv; compares only when cond holds. */
A64_TRANS(fp_ccmp)
{
	if ((in->raw >> 22 & 3) > 1)
		return false;
	IrTemp c = a64_cond(ctx, in->cond);
	a64_flags_set_nzcv(ctx, a64_fp_call(ctx, &a64_fph_cmp_helper, in, c));
	return true;
}

/* FCSEL: M 0 S 11110 ftype 1 Rm cond 11 Rn Rd. */
A64_TRANS(fp_csel)
{
	unsigned ftype = in->raw >> 22 & 3;
	if (ftype > 1)
		return false;
	IrTemp c = a64_cond(ctx, in->cond);
	IrTemp r = ir_select(ctx->b, IR_I64, c, a64_fp_get_bits(ctx, in->rn, ftype),
			     a64_fp_get_bits(ctx, in->rm, ftype));
	a64_fp_put_bits(ctx, in->rd, r);
	return true;
}

/* FMOV (scalar, immediate): M 0 S 11110 ftype 1 imm8 100 00000 Rd; VFPExpandImm. */
A64_TRANS(fp_imm)
{
	unsigned ftype = in->raw >> 22 & 3;
	uint64_t imm8 = in->raw >> 13 & 0xff, a = imm8 >> 7, bb = imm8 >> 6 & 1, low = imm8 & 0x3f;
	uint64_t v;
	if (ftype == 0)
		v = a << 31 | (bb ^ 1) << 30 | (bb ? 0x1full << 25 : 0) | low << 19;
	else if (ftype == 1)
		v = a << 63 | (bb ^ 1) << 62 | (bb ? 0xffull << 54 : 0) | low << 48;
	else
		return false;
	a64_fp_put_bits(ctx, in->rd, a64_const(ctx, v));
	return true;
}

/* FMOV (general): w<->s, x<->d, x<->v.d[1] (opcode 110: to general, 111: from). */
static bool a64_fp_fmov_general(A64Ctx *ctx, const A64Insn *in, unsigned ftype, unsigned rmode,
				unsigned opcode)
{
	IrBlock *b = ctx->b;
	bool ok = (!in->sf && ftype == 0 && rmode == 0) || (in->sf && ftype == 1 && rmode == 0) ||
		  (in->sf && ftype == 2 && rmode == 1);
	if (!ok)
		return false;
	uint32_t off = ftype == 2 ? A64_OFF_VHI(opcode == 6 ? in->rn : in->rd) : 0;
	if (opcode == 6) {
		IrTemp v = ftype == 2 ? ir_get(b, IR_I64, off) : a64_fp_get_bits(ctx, in->rn, ftype == 1);
		a64_set_x(ctx, in->rd, v, in->sf);
	} else if (ftype == 2) {
		ir_put(b, IR_I64, off, a64_x(ctx, in->rn));
	} else {
		IrTemp v = a64_x(ctx, in->rn);
		a64_fp_put_bits(ctx, in->rd, in->sf ? v : ir_extu(b, IR_I64, v, 32));
	}
	return true;
}

/* Conversions to and from integers: sf 0 S 11110 ftype 1 rmode opcode 000000 Rn Rd. */
A64_TRANS(fp_cvt)
{
	IrBlock *b = ctx->b;
	unsigned ftype = in->raw >> 22 & 3, rmode = in->raw >> 19 & 3, opcode = in->raw >> 16 & 7;
	if (opcode >= 6)
		return a64_fp_fmov_general(ctx, in, ftype, rmode, opcode);
	if (ftype > 1 || (opcode >= 2 && rmode != 0))
		return false;
	bool dbl = ftype == 1;
	if (opcode == 2 || opcode == 3) {
		a64_fp_gate(ctx, in, a64_fp_slow_cvt);
		IrTemp x = a64_x(ctx, in->rn);
		if (!in->sf)
			x = a64_lo32(ctx, x);
		IrTemp r = ir_conv(b, IR_ITOF, dbl ? IR_F64 : IR_F32, x, opcode == 3);
		a64_fp_put_bits(ctx, in->rd, a64_fp_bits_of(ctx, r, dbl));
		return true;
	}
	a64_set_x(ctx, in->rd, a64_fp_call(ctx, &a64_fph_cvt_helper, in, IR_NONE), in->sf);
	return true;
}

/* Fixed point: sf 0 S 11110 ftype 0 rmode opcode scale Rn Rd (scvtf, ucvtf, fcvtzs,
 * fcvtzu); 32-bit forms need scale >= 32. */
A64_TRANS(fp_fixed)
{
	unsigned ftype = in->raw >> 22 & 3, rmode = in->raw >> 19 & 3, opcode = in->raw >> 16 & 7;
	unsigned scale = in->raw >> 10 & 63;
	if (ftype > 1 || (!in->sf && scale < 32))
		return false;
	if (rmode == 0 && (opcode == 2 || opcode == 3)) {
		a64_fp_call(ctx, &a64_fph_cvt_helper, in, a64_x(ctx, in->rn));
		return true;
	}
	if (rmode != 3 || opcode > 1)
		return false;
	a64_set_x(ctx, in->rd, a64_fp_call(ctx, &a64_fph_cvt_helper, in, IR_NONE), in->sf);
	return true;
}

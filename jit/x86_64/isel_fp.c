/*
 * Instruction selection for the floating-point IR ops on SSE2. Temps hold raw IEEE bit
 * patterns in general-purpose registers like every other temp (the riscv64 frontend
 * keeps its FP registers as i64 state), so each op moves its operands into xmm0/xmm1,
 * computes there and moves the result back. The results and the MXCSR exception flags
 * match ir_eval, which the host compiler also builds from SSE scalar instructions:
 * round to nearest, NaN operands propagate the first NaN quieted unless the op asks for
 * the default NaN (a ucomis of the result with itself, which cannot raise a flag since
 * an arithmetic result is never a signaling NaN, and a jp to a cold stub that loads the
 * canonical NaN: NaN results are rare, and the hot path keeps no constant load and no
 * cmov in the result's dependency chain). FCMP uses ucomis, or
 * comis for a signaling compare. FTOI
 * follows ir_eval_conv's saturating conversion: cvtt*2si produces the "integer
 * indefinite" value for NaN and out-of-range inputs, and a short fix-up path replaces
 * it with 0 for NaN and the nearest bound otherwise.
 */
#include "jit/x86_64/internal.h"

#define BUF (&c->buf)

static bool is_float(IrType t)
{
	return t == IR_F32 || t == IR_F64;
}

/* xmm <- the raw bits of t */
static void to_xmm(JitCompiler *c, unsigned xmm, IrTemp t, X86Reg scratch)
{
	x86_movq_xr(BUF, jit_size(ir_temp_type(c->ir, t)), xmm, jit_use(c, t, scratch));
}

static void from_xmm0(JitCompiler *c, IrTemp d, unsigned size)
{
	X86Reg r = jit_def(c, d, X86_RAX);
	x86_movq_rx(BUF, size, r, 0);
	jit_def_done(c, d, r);
}

static const X86SseOp sse_of[IR_OP_COUNT] = {
    [IR_FADD] = X86_ADDS, [IR_FSUB] = X86_SUBS,  [IR_FMUL] = X86_MULS,
    [IR_FDIV] = X86_DIVS, [IR_FSQRT] = X86_SQRT,
};

static void isel_farith(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	bool dbl = in->type == IR_F64;
	if (!is_float((IrType)in->type)) {
		c->failed = true;
		return;
	}
	to_xmm(c, 0, in->src[0], X86_RAX);
	if (in->op == IR_FSQRT) {
		x86_sse_rr(BUF, X86_SQRT, dbl, 0, 0);
	} else {
		to_xmm(c, 1, in->src[1], X86_RCX);
		x86_sse_rr(BUF, sse_of[in->op], dbl, 0, 1);
	}
	if (!(in->aux & IR_FARITH_DEFAULT_NAN)) {
		from_xmm0(c, in->dst, jit_size((IrType)in->type));
		return;
	}
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	x86_movq_rx(BUF, dbl ? 8 : 4, r, 0);
	x86_ucomis(BUF, dbl, 0, 0);
	jit_cold_set_reg(c, x86_jcc_rel32(BUF, X86_CC_P, NULL), r,
	                 dbl ? 0x7ff8000000000000ull : 0x7fc00000u);
	jit_def_done(c, in->dst, r);
}

/* (u)comis sets ZF/PF/CF = 1/1/1 unordered, 0/0/1 less, 1/0/0 equal, 0/0/0 greater. */
static void isel_fcmp(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	bool dbl = in->type == IR_F64;
	void (*compare)(X86Buf *, bool, unsigned, unsigned) =
	    in->aux & IR_FCMP_SIGNALING ? x86_comis : x86_ucomis;
	to_xmm(c, 0, in->src[0], X86_RAX);
	to_xmm(c, 1, in->src[1], X86_RCX);
	switch ((IrFCond)(in->aux & IR_FCMP_COND_MASK)) {
	case IR_FEQ:
		compare(BUF, dbl, 0, 1);
		x86_setcc(BUF, X86_CC_E, X86_RAX);
		x86_setcc(BUF, X86_CC_NP, X86_RCX);
		x86_alu_rr(BUF, X86_AND, 1, X86_RAX, X86_RCX);
		break;
	case IR_FLT: /* b > a: CF and ZF clear, never when unordered */
		compare(BUF, dbl, 1, 0);
		x86_setcc(BUF, X86_CC_A, X86_RAX);
		break;
	case IR_FLE:
		compare(BUF, dbl, 1, 0);
		x86_setcc(BUF, X86_CC_AE, X86_RAX);
		break;
	default:
		compare(BUF, dbl, 0, 1);
		x86_setcc(BUF, X86_CC_P, X86_RAX);
		break;
	}
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	x86_movzx_rr(BUF, 4, 1, r, X86_RAX);
	jit_def_done(c, in->dst, r);
}

/* Unsigned 64-bit to float: values with the top bit set are halved (keeping the low
 * bit so the rounding is unchanged), converted and doubled. */
static void u64_to_float(JitCompiler *c, bool dbl)
{
	x86_test_rr(BUF, 8, X86_RAX, X86_RAX);
	size_t big = x86_jcc_rel32(BUF, X86_CC_S, NULL);
	x86_cvtsi2s(BUF, dbl, 8, 0, X86_RAX);
	size_t done = x86_jmp_rel32(BUF, NULL);
	jit_patch_here(c, big);
	x86_mov_rr(BUF, 8, X86_RCX, X86_RAX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RCX, 1);
	x86_alu_ri(BUF, X86_AND, 4, X86_RAX, 1);
	x86_alu_rr(BUF, X86_OR, 8, X86_RCX, X86_RAX);
	x86_cvtsi2s(BUF, dbl, 8, 0, X86_RCX);
	x86_sse_rr(BUF, X86_ADDS, dbl, 0, 0);
	jit_patch_here(c, done);
}

static void isel_itof(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	IrType from = ir_temp_type(c->ir, in->src[0]), to = (IrType)in->type;
	bool dbl = to == IR_F64, is_unsigned = in->aux & 1;
	if (!is_float(to) || is_float(from)) {
		c->failed = true;
		return;
	}
	jit_load(c, X86_RAX, in->src[0]);
	if (from == IR_I64 && is_unsigned)
		u64_to_float(c, dbl);
	else /* an unsigned i32 is exact as the zero-extended i64 */
		x86_cvtsi2s(BUF, dbl, from == IR_I32 && !is_unsigned ? 4 : 8, 0, X86_RAX);
	from_xmm0(c, in->dst, jit_size(to));
}

/* xmm1 <- +0.0 or 2^63 in the source precision */
static void xmm1_const(JitCompiler *c, bool dbl, bool two63)
{
	uint64_t bits = !two63 ? 0 : dbl ? 0x43e0000000000000ull : 0x5f000000u;
	x86_mov_ri(BUF, X86_RCX, bits);
	x86_movq_xr(BUF, 8, 1, X86_RCX);
}

/* Signed: the indefinite value (INT_MIN) needs a second look: NaN -> 0, positive -> MAX,
 * negative stays MIN. `cmp rax, 1` overflows exactly for INT_MIN. */
static void ftoi_signed(JitCompiler *c, bool dbl, unsigned size)
{
	x86_cvtts2si(BUF, dbl, size, X86_RAX, 0);
	x86_alu_ri(BUF, X86_CMP, size, X86_RAX, 1);
	size_t ok = x86_jcc_rel32(BUF, X86_CC_NO, NULL);
	xmm1_const(c, dbl, false);
	x86_ucomis(BUF, dbl, 0, 1);
	size_t nan = x86_jcc_rel32(BUF, X86_CC_P, NULL);
	size_t keep = x86_jcc_rel32(BUF, X86_CC_B, NULL);
	x86_mov_ri(BUF, X86_RAX, size == 4 ? 0x7fffffffu : 0x7fffffffffffffffull);
	size_t done = x86_jmp_rel32(BUF, NULL);
	jit_patch_here(c, nan);
	x86_alu_rr(BUF, X86_XOR, 4, X86_RAX, X86_RAX);
	jit_patch_here(c, ok);
	jit_patch_here(c, keep);
	jit_patch_here(c, done);
}

/* Unsigned i32: the 64-bit conversion is exact in [0, 2^32); anything else is 0 (NaN,
 * negative) or the maximum. */
static void ftoi_u32(JitCompiler *c, bool dbl)
{
	x86_cvtts2si(BUF, dbl, 8, X86_RAX, 0);
	x86_mov_rr(BUF, 8, X86_RCX, X86_RAX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RCX, 32);
	size_t ok = x86_jcc_rel32(BUF, X86_CC_E, NULL);
	xmm1_const(c, dbl, false);
	x86_ucomis(BUF, dbl, 0, 1);
	x86_mov_ri(BUF, X86_RAX, 0xffffffffu);
	size_t positive = x86_jcc_rel32(BUF, X86_CC_A, NULL);
	x86_alu_rr(BUF, X86_XOR, 4, X86_RAX, X86_RAX);
	jit_patch_here(c, ok);
	jit_patch_here(c, positive);
}

/* Unsigned i64: below 2^63 (or NaN) convert directly, a negative result meaning NaN or
 * a negative input (0); from 2^63 on convert x - 2^63 and add the top bit back, an
 * indefinite result meaning x >= 2^64 (the maximum). */
static void ftoi_u64(JitCompiler *c, bool dbl)
{
	xmm1_const(c, dbl, true);
	x86_ucomis(BUF, dbl, 0, 1);
	size_t big = x86_jcc_rel32(BUF, X86_CC_AE, NULL);
	x86_cvtts2si(BUF, dbl, 8, X86_RAX, 0);
	x86_test_rr(BUF, 8, X86_RAX, X86_RAX);
	size_t ok = x86_jcc_rel32(BUF, X86_CC_NS, NULL);
	x86_alu_rr(BUF, X86_XOR, 4, X86_RAX, X86_RAX);
	size_t done = x86_jmp_rel32(BUF, NULL);
	jit_patch_here(c, big);
	x86_sse_rr(BUF, X86_SUBS, dbl, 0, 1);
	x86_cvtts2si(BUF, dbl, 8, X86_RAX, 0);
	x86_mov_ri(BUF, X86_RCX, ~0ull);
	x86_test_rr(BUF, 8, X86_RAX, X86_RAX);
	x86_cmov_rr(BUF, X86_CC_S, 8, X86_RAX, X86_RCX);
	size_t saturated = x86_jcc_rel32(BUF, X86_CC_S, NULL);
	x86_mov_ri(BUF, X86_RCX, 1ull << 63);
	x86_alu_rr(BUF, X86_OR, 8, X86_RAX, X86_RCX);
	jit_patch_here(c, ok);
	jit_patch_here(c, done);
	jit_patch_here(c, saturated);
}

static void isel_ftoi(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	IrType from = ir_temp_type(c->ir, in->src[0]), to = (IrType)in->type;
	bool dbl = from == IR_F64;
	if (!is_float(from) || is_float(to)) {
		c->failed = true;
		return;
	}
	to_xmm(c, 0, in->src[0], X86_RAX);
	if (!(in->aux & 1))
		ftoi_signed(c, dbl, jit_size(to));
	else if (to == IR_I32)
		ftoi_u32(c, dbl);
	else
		ftoi_u64(c, dbl);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	x86_mov_rr(BUF, jit_size(to), r, X86_RAX);
	jit_def_done(c, in->dst, r);
}

static void isel_fcvt(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	IrType from = ir_temp_type(c->ir, in->src[0]), to = (IrType)in->type;
	if (!is_float(from) || !is_float(to)) {
		c->failed = true;
		return;
	}
	to_xmm(c, 0, in->src[0], X86_RAX);
	if (from != to)
		x86_cvts2s(BUF, to == IR_F64, 0, 0);
	from_xmm0(c, in->dst, jit_size(to));
}

/* Same-width reinterpretation: the bits stay, masked to the destination width. */
static void isel_bitcast(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	jit_load(c, r, in->src[0]);
	if (jit_size((IrType)in->type) == 4)
		x86_mov_rr(BUF, 4, r, r);
	jit_def_done(c, in->dst, r);
}

const JitIselFn jit_isel_fp[IR_OP_COUNT] = {
    [IR_FADD] = isel_farith,     [IR_FSUB] = isel_farith,  [IR_FMUL] = isel_farith,
    [IR_FDIV] = isel_farith,     [IR_FSQRT] = isel_farith, [IR_FCMP] = isel_fcmp,
    [IR_ITOF] = isel_itof,       [IR_FTOI] = isel_ftoi,    [IR_FCVT] = isel_fcvt,
    [IR_BITCAST] = isel_bitcast,
};

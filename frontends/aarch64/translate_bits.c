/*
 * Translators for bitfield moves (sbfm, bfm, ubfm and through them lsl/lsr/asr, sxt*,
 * uxt*, *bfx, *bfiz, bfi, bfxil), extr (and ror), variable shifts, multiply and divide,
 * the one-source bit operations (clz, cls, rbit, rev*), conditional select and
 * conditional compare. The common aliases get the shortest IR: sbfm/ubfm from bit 0
 * are one extension, cset is the condition itself. A64 division already matches the
 * IR's (x/0 = 0, MIN/-1 = MIN).
 */
#include "frontends/aarch64/translate.h"

static uint64_t a64_ones(unsigned n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/* The common checks of the bitfield forms: N must equal sf; 32-bit forms need immr and
 * imms below 32. */
static bool a64_bitfield_ok(const A64Insn *in)
{
	bool n = in->raw >> 22 & 1;
	return n == in->sf && (in->sf || (in->imm < 32 && in->imm2 < 32));
}

A64_TRANS(ubfm)
{
	if (!a64_bitfield_ok(in))
		return false;
	IrBlock *b = ctx->b;
	unsigned w = in->sf ? 64 : 32, r = (unsigned)in->imm, s = (unsigned)in->imm2;
	IrTemp src = a64_x(ctx, in->rn), v;
	/* The field is extracted to fit the register, so the write needs no 32-bit
	 * zero-extension of its own except where the field ends at bit 31. */
	bool fits = true;
	if (s >= r) { /* ubfx, lsr, uxtb, uxth */
		v = r ? ir_op2i(b, IR_SHR, IR_I64, src, r) : src;
		if (s - r + 1 < 64)
			v = ir_extu(b, IR_I64, v, s - r + 1);
	} else { /* ubfiz, lsl */
		v = ir_op2i(b, IR_SHL, IR_I64, src, w - r);
		if (s + 1 + (w - r) < w)
			v = ir_op2i(b, IR_AND, IR_I64, v, a64_ones(s + 1) << (w - r));
		else
			fits = in->sf;
	}
	a64_set_x(ctx, in->rd, v, fits);
	return true;
}

A64_TRANS(sbfm)
{
	if (!a64_bitfield_ok(in))
		return false;
	IrBlock *b = ctx->b;
	unsigned w = in->sf ? 64 : 32, r = (unsigned)in->imm, s = (unsigned)in->imm2;
	IrTemp src = a64_x(ctx, in->rn), v;
	if (s >= r) { /* sbfx, asr, sxtb, sxth, sxtw */
		if (r == 0) {
			v = s == 63 ? src : ir_exts(b, IR_I64, src, s + 1);
		} else {
			v = ir_op2i(b, IR_SHL, IR_I64, src, 63 - s);
			v = ir_op2i(b, IR_SAR, IR_I64, v, 63 - s + r);
		}
	} else { /* sbfiz */
		v = ir_exts(b, IR_I64, src, s + 1);
		v = ir_op2i(b, IR_SHL, IR_I64, v, w - r);
	}
	a64_set_x(ctx, in->rd, v, in->sf);
	return true;
}

A64_TRANS(bfm)
{
	if (!a64_bitfield_ok(in))
		return false;
	IrBlock *b = ctx->b;
	unsigned w = in->sf ? 64 : 32, r = (unsigned)in->imm, s = (unsigned)in->imm2;
	IrTemp src = a64_x(ctx, in->rn), dst = a64_x(ctx, in->rd), field;
	uint64_t mask;
	if (s >= r) { /* bfxil: bits s:r of Rn to the bottom of Rd */
		mask = a64_ones(s - r + 1);
		field = r ? ir_op2i(b, IR_SHR, IR_I64, src, r) : src;
	} else { /* bfi: bits s:0 of Rn to bit w - r of Rd */
		mask = a64_ones(s + 1) << (w - r);
		field = ir_op2i(b, IR_SHL, IR_I64, src, w - r);
	}
	field = ir_op2i(b, IR_AND, IR_I64, field, mask);
	dst = ir_op2i(b, IR_AND, IR_I64, dst, ~mask);
	a64_set_x(ctx, in->rd, ir_op2(b, IR_OR, IR_I64, dst, field), in->sf);
	return true;
}

A64_TRANS(extr)
{
	bool n = in->raw >> 22 & 1;
	unsigned lsb = (unsigned)in->imm;
	if (n != in->sf || (!in->sf && lsb >= 32))
		return false;
	IrBlock *b = ctx->b;
	IrTemp hi = a64_x(ctx, in->rn), lo = a64_x(ctx, in->rm), v;
	if (in->sf) {
		if (lsb == 0)
			v = lo;
		else if (in->rn == in->rm)
			v = ir_op2i(b, IR_ROTR, IR_I64, lo, lsb);
		else
			v = ir_op2(b, IR_OR, IR_I64, ir_op2i(b, IR_SHR, IR_I64, lo, lsb),
			           ir_op2i(b, IR_SHL, IR_I64, hi, 64 - lsb));
	} else if (in->rn == in->rm) {
		v = a64_zext32(ctx, ir_op2i(b, IR_ROTR, IR_I32, a64_lo32(ctx, lo), lsb));
	} else {
		IrTemp both = ir_op2(b, IR_OR, IR_I64, ir_op2i(b, IR_SHL, IR_I64, hi, 32),
		                     ir_extu(b, IR_I64, lo, 32));
		v = lsb ? ir_op2i(b, IR_SHR, IR_I64, both, lsb) : both;
	}
	a64_set_x(ctx, in->rd, v, in->sf);
	return true;
}

/* rd = rn OP rm in the operation's width (i32 ops for 32-bit forms). */
static bool a64_rrr(A64Ctx *ctx, const A64Insn *in, IrOp op)
{
	IrBlock *b = ctx->b;
	IrTemp x = a64_x(ctx, in->rn), y = a64_x(ctx, in->rm);
	if (in->sf) {
		a64_set_x(ctx, in->rd, ir_op2(b, op, IR_I64, x, y), true);
	} else {
		IrTemp r = ir_op2(b, op, IR_I32, a64_lo32(ctx, x), a64_lo32(ctx, y));
		a64_set_x(ctx, in->rd, a64_zext32(ctx, r), true);
	}
	return true;
}

A64_TRANS(lslv)
{
	return a64_rrr(ctx, in, IR_SHL);
}
A64_TRANS(lsrv)
{
	return a64_rrr(ctx, in, IR_SHR);
}
A64_TRANS(asrv)
{
	return a64_rrr(ctx, in, IR_SAR);
}
A64_TRANS(rorv)
{
	return a64_rrr(ctx, in, IR_ROTR);
}
A64_TRANS(udiv)
{
	return a64_rrr(ctx, in, IR_DIVU);
}
A64_TRANS(sdiv)
{
	return a64_rrr(ctx, in, IR_DIVS);
}

/* madd/msub: Ra +/- Rn * Rm; the low bits of an i64 product are the 32-bit product's. */
static bool a64_madd(A64Ctx *ctx, const A64Insn *in, bool sub, int ext)
{
	IrBlock *b = ctx->b;
	IrTemp x = a64_x(ctx, in->rn), y = a64_x(ctx, in->rm);
	if (ext > 0) {
		x = ir_exts(b, IR_I64, x, 32);
		y = ir_exts(b, IR_I64, y, 32);
	} else if (ext < 0) {
		x = ir_extu(b, IR_I64, x, 32);
		y = ir_extu(b, IR_I64, y, 32);
	}
	IrTemp p = ir_op2(b, IR_MUL, IR_I64, x, y);
	if (in->ra != 31)
		p = ir_op2(b, sub ? IR_SUB : IR_ADD, IR_I64, a64_x(ctx, in->ra), p);
	else if (sub)
		p = ir_op1(b, IR_NEG, IR_I64, p);
	a64_set_x(ctx, in->rd, p, in->sf);
	return true;
}

A64_TRANS(madd)
{
	return a64_madd(ctx, in, false, 0);
}
A64_TRANS(msub)
{
	return a64_madd(ctx, in, true, 0);
}
A64_TRANS(smaddl)
{
	return a64_madd(ctx, in, false, 1);
}
A64_TRANS(smsubl)
{
	return a64_madd(ctx, in, true, 1);
}
A64_TRANS(umaddl)
{
	return a64_madd(ctx, in, false, -1);
}
A64_TRANS(umsubl)
{
	return a64_madd(ctx, in, true, -1);
}
A64_TRANS(smulh)
{
	return a64_rrr(ctx, in, IR_MULHS);
}
A64_TRANS(umulh)
{
	return a64_rrr(ctx, in, IR_MULHU);
}

/* A one-source operation in the operation's width. */
static bool a64_rr(A64Ctx *ctx, const A64Insn *in, IrOp op)
{
	IrTemp x = a64_x(ctx, in->rn);
	if (in->sf)
		a64_set_x(ctx, in->rd, ir_op1(ctx->b, op, IR_I64, x), true);
	else
		a64_set_x(ctx, in->rd,
		          a64_zext32(ctx, ir_op1(ctx->b, op, IR_I32, a64_lo32(ctx, x))), true);
	return true;
}

A64_TRANS(clz)
{
	return a64_rr(ctx, in, IR_CLZ);
}
A64_TRANS(rev)
{
	return a64_rr(ctx, in, IR_BSWAP);
}

/* cls = clz(x ^ (x >> 1, arithmetic)) - 1: the leading bits equal to the sign bit. */
A64_TRANS(cls)
{
	IrBlock *b = ctx->b;
	IrType t = in->sf ? IR_I64 : IR_I32;
	IrTemp x = a64_x(ctx, in->rn);
	if (!in->sf)
		x = a64_lo32(ctx, x);
	IrTemp c = ir_op1(b, IR_CLZ, t, ir_op2(b, IR_XOR, t, x, ir_op2i(b, IR_SAR, t, x, 1)));
	c = ir_op2i(b, IR_SUB, t, c, 1);
	a64_set_x(ctx, in->rd, in->sf ? c : a64_zext32(ctx, c), true);
	return true;
}

/* rev16: swap the bytes of every halfword (the 32-bit masks also drop bits 63:32). */
A64_TRANS(rev16)
{
	IrBlock *b = ctx->b;
	uint64_t m = in->sf ? 0x00ff00ff00ff00ffull : 0x00ff00ffull;
	IrTemp x = a64_x(ctx, in->rn);
	IrTemp lo = ir_op2i(b, IR_AND, IR_I64, ir_op2i(b, IR_SHR, IR_I64, x, 8), m);
	IrTemp hi = ir_op2i(b, IR_AND, IR_I64, ir_op2i(b, IR_SHL, IR_I64, x, 8), m << 8);
	a64_set_x(ctx, in->rd, ir_op2(b, IR_OR, IR_I64, lo, hi), in->sf);
	return true;
}

/* rev32: swap the bytes of each word = byte-reverse, then swap the words. */
A64_TRANS(rev32)
{
	IrTemp v = ir_op1(ctx->b, IR_BSWAP, IR_I64, a64_x(ctx, in->rn));
	a64_set_x(ctx, in->rd, ir_op2i(ctx->b, IR_ROTR, IR_I64, v, 32), true);
	return true;
}

static uint64_t a64_rbit_fn(void *cpu, uint64_t x, uint64_t a1, uint64_t a2, uint64_t a3)
{
	x = (x >> 1 & 0x5555555555555555ull) | (x & 0x5555555555555555ull) << 1;
	x = (x >> 2 & 0x3333333333333333ull) | (x & 0x3333333333333333ull) << 2;
	x = (x >> 4 & 0x0f0f0f0f0f0f0f0full) | (x & 0x0f0f0f0f0f0f0f0full) << 4;
	return __builtin_bswap64(x);
}
static const IrHelper a64_rbit_helper = {"rbit", a64_rbit_fn, IRH_PURE};

A64_TRANS(rbit)
{
	IrTemp v = ir_call(ctx->b, &a64_rbit_helper, a64_x(ctx, in->rn), IR_NONE, IR_NONE, IR_NONE);
	if (!in->sf)
		v = ir_op2i(ctx->b, IR_SHR, IR_I64, v, 32);
	a64_set_x(ctx, in->rd, v, true);
	return true;
}

/* Conditional select: Rd = cond ? Rn : f(Rm) with f = id, +1, NOT, negate. */
static bool a64_csel(A64Ctx *ctx, const A64Insn *in, int kind)
{
	IrBlock *b = ctx->b;
	if (kind == 1 && in->rn == 31 && in->rm == 31 && in->cond < 14) { /* cset */
		IrTemp c = a64_cond(ctx, in->cond ^ 1);
		a64_set_x(ctx, in->rd, ir_temp_type(b, c) == IR_I64 ? c : a64_zext32(ctx, c), true);
		return true;
	}
	IrTemp c = a64_cond(ctx, in->cond);
	IrTemp n = a64_x(ctx, in->rn), m = a64_x(ctx, in->rm);
	if (kind == 1)
		m = ir_op2i(b, IR_ADD, IR_I64, m, 1);
	else if (kind == 2)
		m = ir_op1(b, IR_NOT, IR_I64, m);
	else if (kind == 3)
		m = ir_op1(b, IR_NEG, IR_I64, m);
	a64_set_x(ctx, in->rd, ir_select(b, IR_I64, c, n, m), in->sf);
	return true;
}

A64_TRANS(csel)
{
	return a64_csel(ctx, in, 0);
}
A64_TRANS(csinc)
{
	return a64_csel(ctx, in, 1);
}
A64_TRANS(csinv)
{
	return a64_csel(ctx, in, 2);
}
A64_TRANS(csneg)
{
	return a64_csel(ctx, in, 3);
}

static bool a64_ccmp(A64Ctx *ctx, const A64Insn *in, bool add, bool imm)
{
	IrTemp a = a64_x(ctx, in->rn);
	IrTemp b = imm ? a64_const(ctx, (uint64_t)in->imm2) : a64_x(ctx, in->rm);
	a64_flags_ccmp(ctx, in->cond, add, in->sf, a, b, (unsigned)in->imm);
	return true;
}

A64_TRANS(ccmp_reg)
{
	return a64_ccmp(ctx, in, false, false);
}
A64_TRANS(ccmn_reg)
{
	return a64_ccmp(ctx, in, true, false);
}
A64_TRANS(ccmp_imm)
{
	return a64_ccmp(ctx, in, false, true);
}
A64_TRANS(ccmn_imm)
{
	return a64_ccmp(ctx, in, true, true);
}

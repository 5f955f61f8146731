/*
 * Translators for add/sub and logical operations in their immediate, shifted-register
 * and extended-register forms, add/sub with carry, move wide and adr/adrp. 32-bit forms
 * compute in i64 where the low 32 bits come out the same (add, sub, logic) and let the
 * register write zero-extend; flag-setting forms record their operation for the lazy
 * flags (a64_flags.c) instead of computing NZCV.
 */
#include "frontends/aarch64/translate.h"

typedef enum A64Alu { ALU_ADD, ALU_SUB, ALU_AND, ALU_ORR, ALU_EOR } A64Alu;
static const IrOp a64_alu_op[] = {IR_ADD, IR_SUB, IR_AND, IR_OR, IR_XOR};

/* Writes rd = a OP b, recording the flags when `flags`. Flag-setting forms (and the
 * logical immediates ANDS) write rd as the zero register; the others, except logical
 * shifted-register forms, write SP for 31 (rd_sp). */
static bool a64_alu(A64Ctx *ctx, const A64Insn *in, A64Alu alu, IrTemp a, IrTemp b, bool flags,
                    bool rd_sp)
{
	IrTemp res = ir_op2(ctx->b, a64_alu_op[alu], IR_I64, a, b);
	if (rd_sp && !flags)
		a64_set_x_sp(ctx, in->rd, res, in->sf);
	else
		a64_set_x(ctx, in->rd, res, in->sf);
	if (flags) {
		bool sf = in->sf;
		if (alu == ALU_ADD)
			a64_flags_set(ctx, sf ? A64_CC_ADD64 : A64_CC_ADD32, a, b, res);
		else if (alu == ALU_SUB)
			a64_flags_set(ctx, sf ? A64_CC_SUB64 : A64_CC_SUB32, a, b, IR_NONE);
		else
			a64_flags_set(ctx, sf ? A64_CC_LOGIC64 : A64_CC_LOGIC32, IR_NONE, IR_NONE,
			              res);
	}
	return true;
}

/* add/sub (immediate): Rn may be SP; Rd is SP unless the form sets flags. */
static bool a64_addsub_imm(A64Ctx *ctx, const A64Insn *in, A64Alu alu, bool flags)
{
	return a64_alu(ctx, in, alu, a64_x_sp(ctx, in->rn), a64_const(ctx, (uint64_t)in->imm),
	               flags, true);
}

A64_TRANS(add_imm)
{
	return a64_addsub_imm(ctx, in, ALU_ADD, false);
}
A64_TRANS(adds_imm)
{
	return a64_addsub_imm(ctx, in, ALU_ADD, true);
}
A64_TRANS(sub_imm)
{
	return a64_addsub_imm(ctx, in, ALU_SUB, false);
}
A64_TRANS(subs_imm)
{
	return a64_addsub_imm(ctx, in, ALU_SUB, true);
}

/* logical (immediate): Rn is never SP; Rd is SP for and/orr/eor, zr for ands. */
static bool a64_logic_imm(A64Ctx *ctx, const A64Insn *in, A64Alu alu, bool flags)
{
	if (!in->valid)
		return false;
	return a64_alu(ctx, in, alu, a64_x(ctx, in->rn), a64_const(ctx, (uint64_t)in->imm), flags,
	               true);
}

A64_TRANS(and_imm)
{
	return a64_logic_imm(ctx, in, ALU_AND, false);
}
A64_TRANS(orr_imm)
{
	return a64_logic_imm(ctx, in, ALU_ORR, false);
}
A64_TRANS(eor_imm)
{
	return a64_logic_imm(ctx, in, ALU_EOR, false);
}
A64_TRANS(ands_imm)
{
	return a64_logic_imm(ctx, in, ALU_AND, true);
}

/* The shifted register operand: Rm shifted by imm6 (type LSL LSR ASR ROR) in the
 * operation's width. NULL result (IR_NONE) for the reserved shift amounts. */
static IrTemp a64_shifted_operand(A64Ctx *ctx, const A64Insn *in, bool allow_ror)
{
	IrBlock *b = ctx->b;
	unsigned amount = (unsigned)in->imm, type = (unsigned)in->imm2;
	if ((!in->sf && amount >= 32) || (type == 3 && !allow_ror))
		return IR_NONE;
	IrTemp v = a64_x(ctx, in->rm);
	if (amount == 0)
		return v;
	switch (type) {
	case 0: return ir_op2i(b, IR_SHL, IR_I64, v, amount);
	case 1:
		if (!in->sf)
			v = ir_extu(b, IR_I64, v, 32);
		return ir_op2i(b, IR_SHR, IR_I64, v, amount);
	case 2:
		if (!in->sf)
			v = ir_exts(b, IR_I64, v, 32);
		return ir_op2i(b, IR_SAR, IR_I64, v, amount);
	default:
		if (in->sf)
			return ir_op2i(b, IR_ROTR, IR_I64, v, amount);
		return a64_zext32(ctx, ir_op2i(b, IR_ROTR, IR_I32, a64_lo32(ctx, v), amount));
	}
}

static bool a64_addsub_reg(A64Ctx *ctx, const A64Insn *in, A64Alu alu, bool flags)
{
	IrTemp m = a64_shifted_operand(ctx, in, false);
	if (!m)
		return false;
	return a64_alu(ctx, in, alu, a64_x(ctx, in->rn), m, flags, false);
}

A64_TRANS(add_reg)
{
	return a64_addsub_reg(ctx, in, ALU_ADD, false);
}
A64_TRANS(adds_reg)
{
	return a64_addsub_reg(ctx, in, ALU_ADD, true);
}
A64_TRANS(sub_reg)
{
	return a64_addsub_reg(ctx, in, ALU_SUB, false);
}
A64_TRANS(subs_reg)
{
	return a64_addsub_reg(ctx, in, ALU_SUB, true);
}

/* logical (shifted register); `invert` is the N bit (bic, orn, eon, bics). */
static bool a64_logic_reg(A64Ctx *ctx, const A64Insn *in, A64Alu alu, bool invert, bool flags)
{
	IrTemp m = a64_shifted_operand(ctx, in, true);
	if (!m)
		return false;
	if (invert)
		m = ir_op1(ctx->b, IR_NOT, IR_I64, m);
	if (alu == ALU_ORR && in->rn == 31 && !flags) {
		a64_set_x(ctx, in->rd, m, in->sf); /* mov, mvn */
		return true;
	}
	return a64_alu(ctx, in, alu, a64_x(ctx, in->rn), m, flags, false);
}

A64_TRANS(and_reg)
{
	return a64_logic_reg(ctx, in, ALU_AND, false, false);
}
A64_TRANS(bic_reg)
{
	return a64_logic_reg(ctx, in, ALU_AND, true, false);
}
A64_TRANS(orr_reg)
{
	return a64_logic_reg(ctx, in, ALU_ORR, false, false);
}
A64_TRANS(orn_reg)
{
	return a64_logic_reg(ctx, in, ALU_ORR, true, false);
}
A64_TRANS(eor_reg)
{
	return a64_logic_reg(ctx, in, ALU_EOR, false, false);
}
A64_TRANS(eon_reg)
{
	return a64_logic_reg(ctx, in, ALU_EOR, true, false);
}
A64_TRANS(ands_reg)
{
	return a64_logic_reg(ctx, in, ALU_AND, false, true);
}
A64_TRANS(bics_reg)
{
	return a64_logic_reg(ctx, in, ALU_AND, true, true);
}

/* The extended register operand: option UXTB UXTH UXTW UXTX SXTB SXTH SXTW SXTX, then a
 * left shift of 0..4. */
static IrTemp a64_extended_operand(A64Ctx *ctx, unsigned rm, unsigned option, unsigned shift)
{
	static const uint8_t width[4] = {8, 16, 32, 64};
	IrTemp v = a64_x(ctx, rm);
	unsigned w = width[option & 3];
	if (w < 64)
		v = option & 4 ? ir_exts(ctx->b, IR_I64, v, w) : ir_extu(ctx->b, IR_I64, v, w);
	return shift ? ir_op2i(ctx->b, IR_SHL, IR_I64, v, shift) : v;
}

/* add/sub (extended register): Rn may be SP, and Rd too unless flags are set. */
static bool a64_addsub_ext(A64Ctx *ctx, const A64Insn *in, A64Alu alu, bool flags)
{
	if (in->imm > 4)
		return false;
	IrTemp m = a64_extended_operand(ctx, in->rm, (unsigned)in->imm2, (unsigned)in->imm);
	return a64_alu(ctx, in, alu, a64_x_sp(ctx, in->rn), m, flags, true);
}

A64_TRANS(add_ext)
{
	return a64_addsub_ext(ctx, in, ALU_ADD, false);
}
A64_TRANS(adds_ext)
{
	return a64_addsub_ext(ctx, in, ALU_ADD, true);
}
A64_TRANS(sub_ext)
{
	return a64_addsub_ext(ctx, in, ALU_SUB, false);
}
A64_TRANS(subs_ext)
{
	return a64_addsub_ext(ctx, in, ALU_SUB, true);
}

/* The carry flag as a 0/1 i64 temp. */
static IrTemp a64_carry(A64Ctx *ctx)
{
	IrTemp c = a64_cond(ctx, 2);
	return ir_temp_type(ctx->b, c) == IR_I64 ? c : a64_zext32(ctx, c);
}

/* NZCV of res = a + b + carry in the operation's width, packed in bits 31:28. */
static IrTemp a64_adc_flags(A64Ctx *ctx, bool sf, IrTemp a, IrTemp b, IrTemp c, IrTemp *res)
{
	IrBlock *bl = ctx->b;
	IrTemp cout, r;
	unsigned top = sf ? 63 : 31;
	if (sf) {
		IrTemp s1 = ir_op2(bl, IR_ADD, IR_I64, a, b);
		r = ir_op2(bl, IR_ADD, IR_I64, s1, c);
		cout = ir_op2(bl, IR_OR, IR_I64, ir_cmp(bl, IR_I64, IR_LTU, s1, a),
		              ir_cmp(bl, IR_I64, IR_LTU, r, s1));
	} else {
		a = ir_extu(bl, IR_I64, a, 32);
		b = ir_extu(bl, IR_I64, b, 32);
		IrTemp wide = ir_op2(bl, IR_ADD, IR_I64, ir_op2(bl, IR_ADD, IR_I64, a, b), c);
		cout = ir_op2i(bl, IR_SHR, IR_I64, wide, 32);
		r = ir_extu(bl, IR_I64, wide, 32);
	}
	IrTemp v = ir_op2(bl, IR_AND, IR_I64, ir_op2(bl, IR_XOR, IR_I64, a, r),
	                  ir_op2(bl, IR_XOR, IR_I64, b, r));
	v = ir_op2i(bl, IR_AND, IR_I64, ir_op2i(bl, IR_SHR, IR_I64, v, top), 1);
	IrTemp n = ir_op2i(bl, IR_AND, IR_I64, ir_op2i(bl, IR_SHR, IR_I64, r, top), 1);
	IrTemp z = ir_cmp(bl, IR_I64, IR_EQ, r, a64_const(ctx, 0));
	IrTemp nz = ir_op2(bl, IR_OR, IR_I64, ir_op2i(bl, IR_SHL, IR_I64, n, 31),
	                   ir_op2i(bl, IR_SHL, IR_I64, z, 30));
	IrTemp cv = ir_op2(bl, IR_OR, IR_I64, ir_op2i(bl, IR_SHL, IR_I64, cout, 29),
	                   ir_op2i(bl, IR_SHL, IR_I64, v, 28));
	*res = r;
	return ir_op2(bl, IR_OR, IR_I64, nz, cv);
}

/* adc/sbc (sbc adds NOT Rm): Rd = Rn + Rm + C. */
static bool a64_adc(A64Ctx *ctx, const A64Insn *in, bool sub, bool flags)
{
	IrBlock *bl = ctx->b;
	IrTemp a = a64_x(ctx, in->rn), b = a64_x(ctx, in->rm), c = a64_carry(ctx), res;
	if (sub)
		b = ir_op1(bl, IR_NOT, IR_I64, b);
	if (!flags) {
		res = ir_op2(bl, IR_ADD, IR_I64, ir_op2(bl, IR_ADD, IR_I64, a, b), c);
		a64_set_x(ctx, in->rd, res, in->sf);
		return true;
	}
	IrTemp nzcv = a64_adc_flags(ctx, in->sf, a, b, c, &res);
	a64_set_x(ctx, in->rd, res, in->sf);
	a64_flags_set_nzcv(ctx, nzcv);
	return true;
}

A64_TRANS(adc)
{
	return a64_adc(ctx, in, false, false);
}
A64_TRANS(adcs)
{
	return a64_adc(ctx, in, false, true);
}
A64_TRANS(sbc)
{
	return a64_adc(ctx, in, true, false);
}
A64_TRANS(sbcs)
{
	return a64_adc(ctx, in, true, true);
}

/* move wide: hw = 2 or 3 is reserved for 32-bit forms. */
static bool a64_movewide(A64Ctx *ctx, const A64Insn *in, int kind)
{
	unsigned shift = (unsigned)in->imm2;
	if (!in->sf && shift >= 32)
		return false;
	uint64_t v = (uint64_t)in->imm << shift;
	if (kind == 0) { /* movn */
		a64_set_x(ctx, in->rd, a64_const(ctx, in->sf ? ~v : (uint32_t)~v), true);
	} else if (kind == 1) { /* movz */
		a64_set_x(ctx, in->rd, a64_const(ctx, v), true);
	} else { /* movk */
		IrTemp keep =
		    ir_op2i(ctx->b, IR_AND, IR_I64, a64_x(ctx, in->rd), ~(0xffffull << shift));
		a64_set_x(ctx, in->rd, ir_op2i(ctx->b, IR_OR, IR_I64, keep, v), in->sf);
	}
	return true;
}

A64_TRANS(movn)
{
	return a64_movewide(ctx, in, 0);
}
A64_TRANS(movz)
{
	return a64_movewide(ctx, in, 1);
}
A64_TRANS(movk)
{
	return a64_movewide(ctx, in, 2);
}

A64_TRANS(adr)
{
	a64_set_x(ctx, in->rd, a64_const(ctx, ctx->pc + (uint64_t)in->imm), true);
	return true;
}

A64_TRANS(adrp)
{
	uint64_t page = (ctx->pc & ~0xfffull) + (uint64_t)in->imm;
	a64_set_x(ctx, in->rd, a64_const(ctx, page), true);
	return true;
}

/*
 * Translators for the loads and stores of single registers and pairs, general-purpose
 * and SIMD&FP, in every addressing form: unsigned scaled offset, unscaled and
 * unprivileged (EL0 runs ldtr/sttr as ldr/str), pre- and post-index with base
 * writeback, register offset with extend and shift, and pc-relative literals. The
 * address is computed once; each access is one little-endian IR LOAD or STORE (a q
 * register is two). A fault leaves every register as it was: loaded values and the
 * written-back base are put only after the last access. Alignment is not checked: Linux
 * user programs may access ordinary memory unaligned. prfm is a no-op.
 */
#include "frontends/aarch64/translate.h"

/* The access address of a single-register or pair form, and the base register's new
 * value when the form writes back (IR_NONE otherwise). */
typedef struct A64Addr {
	IrTemp addr;
	IrTemp writeback;
} A64Addr;

static bool a64_address(A64Ctx *ctx, const A64Insn *in, A64Addr *out)
{
	IrBlock *b = ctx->b;
	IrTemp base = a64_x_sp(ctx, in->rn);
	out->writeback = IR_NONE;
	switch ((A64Format)in->pat->format) {
	case A64F_LS_PRE:
	case A64F_LS_PAIR_PRE:
		out->addr = ir_op2i(b, IR_ADD, IR_I64, base, (uint64_t)in->imm);
		out->writeback = out->addr;
		return true;
	case A64F_LS_POST:
	case A64F_LS_PAIR_POST:
		out->addr = base;
		out->writeback = ir_op2i(b, IR_ADD, IR_I64, base, (uint64_t)in->imm);
		return true;
	case A64F_LS_REG: {
		unsigned option = (unsigned)in->imm2;
		if (!(option & 2))
			return false; /* only UXTW, LSL (UXTX), SXTW, SXTX */
		IrTemp off = a64_x(ctx, in->rm);
		if (option == 2)
			off = ir_extu(b, IR_I64, off, 32);
		else if (option == 6)
			off = ir_exts(b, IR_I64, off, 32);
		if (in->imm)
			off = ir_op2i(b, IR_SHL, IR_I64, off, in->scale);
		out->addr = ir_op2(b, IR_ADD, IR_I64, base, off);
		return true;
	}
	default:
		out->addr = in->imm ? ir_op2i(b, IR_ADD, IR_I64, base, (uint64_t)in->imm) : base;
		return true;
	}
}

static void a64_writeback(A64Ctx *ctx, const A64Insn *in, const A64Addr *a)
{
	if (a->writeback)
		a64_set_x_sp(ctx, in->rn, a->writeback, true);
}

/* General-purpose single register: size 31:30, opc 23:22 (00 store, 01 load, 10 load
 * signed to X, 11 load signed to W). */
A64_TRANS(ldst)
{
	unsigned size = in->raw >> 30, opc = in->raw >> 22 & 3;
	A64Addr a;
	if (!a64_address(ctx, in, &a))
		return false;
	if (opc == 0) {
		ir_store(ctx->b, IR_I64, size, a.addr, 0, a64_x(ctx, in->rd));
		a64_writeback(ctx, in, &a);
		return true;
	}
	IrTemp v = ir_load(ctx->b, IR_I64, size | (opc >= 2 ? MO_SIGN : 0), a.addr, 0);
	a64_set_x(ctx, in->rd, v, opc != 3);
	a64_writeback(ctx, in, &a);
	return true;
}

/* prfm/prfum: a hint; the register form still needs a valid extend option. */
A64_TRANS(prfm)
{
	return in->pat->format != A64F_LS_REG || (in->imm2 & 2);
}

/* Vn = the low (1 << scale) bytes loaded, the rest of the register zeroed: one v128
 * access (MO_128 for a q register). */
static unsigned a64_v_memop(unsigned scale)
{
	return scale == 4 ? MO_128 | MO_64 : scale;
}

static void a64_load_v(A64Ctx *ctx, unsigned n, unsigned scale, IrTemp addr)
{
	IrBlock *b = ctx->b;
	ir_put(b, IR_V128, A64_OFF_V(n), ir_load(b, IR_V128, a64_v_memop(scale), addr, 0));
}

/* A narrower store reads only the low 64 bits: scalar FP results are written as two
 * 8-byte halves, which a 16-byte read right after could not take from the host's store
 * buffer. */
static void a64_store_v(A64Ctx *ctx, unsigned n, unsigned scale, IrTemp addr, int64_t off)
{
	IrBlock *b = ctx->b;
	if (scale == 4)
		ir_store(b, IR_V128, a64_v_memop(scale), addr, off, ir_get(b, IR_V128, A64_OFF_V(n)));
	else
		ir_store(b, IR_I64, scale, addr, off, ir_get(b, IR_I64, A64_OFF_V(n)));
}

/* SIMD&FP single register: opc<0> = load; size 00 with opc<1> is q, any other size with
 * opc<1> is reserved, and there are no unprivileged forms. */
A64_TRANS(ldst_fp)
{
	unsigned size = in->raw >> 30, opc = in->raw >> 22 & 3;
	bool unpriv = in->pat->format == A64F_LS_SIMM && (in->raw >> 10 & 3) == 2;
	if (((opc & 2) && size != 0) || unpriv)
		return false;
	A64Addr a;
	if (!a64_address(ctx, in, &a))
		return false;
	if (opc & 1)
		a64_load_v(ctx, in->rd, in->scale, a.addr);
	else
		a64_store_v(ctx, in->rd, in->scale, a.addr, 0);
	a64_writeback(ctx, in, &a);
	return true;
}

/* ldr (literal): opc 00 W, 01 X, 10 ldrsw. */
A64_TRANS(ldr_lit)
{
	unsigned opc = in->raw >> 30;
	IrTemp addr = a64_const(ctx, ctx->pc + (uint64_t)in->imm);
	static const uint8_t memop[3] = {MO_32, MO_64, MO_32 | MO_SIGN};
	a64_set_x(ctx, in->rd, ir_load(ctx->b, IR_I64, memop[opc], addr, 0), true);
	return true;
}

/* ldr (literal, SIMD&FP): opc 00 s, 01 d, 10 q. */
A64_TRANS(ldr_lit_fp)
{
	unsigned opc = in->raw >> 30;
	if (opc == 3)
		return false;
	a64_load_v(ctx, in->rd, 2 + opc, a64_const(ctx, ctx->pc + (uint64_t)in->imm));
	return true;
}

/* Pairs, general-purpose: opc 00 W, 01 ldpsw, 10 X; L is bit 22. Both values are read
 * (or loaded) before anything is written. */
A64_TRANS(ldstp)
{
	IrBlock *b = ctx->b;
	unsigned opc = in->raw >> 30, size = in->scale, step = 1u << size;
	bool load = in->raw >> 22 & 1;
	A64Addr a;
	if (opc == 3 || (opc == 1 && !load) || !a64_address(ctx, in, &a))
		return false;
	if (!load) {
		IrTemp v1 = a64_x(ctx, in->rd), v2 = a64_x(ctx, in->ra);
		ir_store(b, IR_I64, size, a.addr, 0, v1);
		ir_store(b, IR_I64, size, a.addr, step, v2);
	} else {
		unsigned mo = size | (opc == 1 ? MO_SIGN : 0);
		IrTemp v1 = ir_load(b, IR_I64, mo, a.addr, 0);
		IrTemp v2 = ir_load(b, IR_I64, mo, a.addr, step);
		a64_set_x(ctx, in->rd, v1, true);
		a64_set_x(ctx, in->ra, v2, true);
	}
	a64_writeback(ctx, in, &a);
	return true;
}

/* Pairs, SIMD&FP: opc 00 s, 01 d, 10 q. */
A64_TRANS(ldstp_fp)
{
	IrBlock *b = ctx->b;
	unsigned scale = in->scale, step = 1u << scale;
	bool load = in->raw >> 22 & 1;
	A64Addr a;
	if ((in->raw >> 30) == 3 || !a64_address(ctx, in, &a))
		return false;
	if (!load) {
		a64_store_v(ctx, in->rd, scale, a.addr, 0);
		a64_store_v(ctx, in->ra, scale, a.addr, step);
	} else {
		IrTemp v0 = ir_load(b, IR_V128, a64_v_memop(scale), a.addr, 0);
		IrTemp v1 = ir_load(b, IR_V128, a64_v_memop(scale), a.addr, step);
		ir_put(b, IR_V128, A64_OFF_V(in->rd), v0);
		ir_put(b, IR_V128, A64_OFF_V(in->ra), v1);
	}
	a64_writeback(ctx, in, &a);
	return true;
}

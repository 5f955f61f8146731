/*
 * The condition flags, kept lazily. A flag-setting instruction stores what it computed
 * (A64Cpu.cc_op, cc_a, cc_b: the operation kind and its operands, or the result for the
 * logical ones) with three PUTs and no flag arithmetic; the optimizer drops those PUTs
 * when a later flag-setting instruction in the block overwrites them first.
 *
 * A reader in the same block knows the kind and the operand temps (A64Ctx.fl), so
 * `cmp x0, x1; b.lt` or `subs; csel` becomes one IR compare of the operands, and a
 * conditional compare becomes a select between such a compare and a constant. Only a
 * reader that does not know the kind (the first in a block that did not set the flags)
 * materializes NZCV, through one helper call per block; later readers in that block
 * extract bits of the packed value.
 */
#include "frontends/aarch64/translate.h"

/* NZCV of the lazy state, as the C side sees it (signal frames, mrs, other blocks). */
uint32_t a64_get_nzcv(const A64Cpu *cpu)
{
	uint64_t a = cpu->cc_a, b = cpu->cc_b, r;
	unsigned n, z, c, v;
	switch ((A64CcOp)cpu->cc_op) {
	case A64_CC_SUB64:
		r = a - b, n = r >> 63, z = r == 0, c = a >= b, v = ((a ^ b) & (a ^ r)) >> 63;
		break;
	case A64_CC_SUB32:
		a = (uint32_t)a, b = (uint32_t)b, r = (uint32_t)(a - b);
		n = r >> 31, z = r == 0, c = a >= b, v = ((a ^ b) & (a ^ r)) >> 31 & 1;
		break;
	case A64_CC_ADD64:
		r = a + b, n = r >> 63, z = r == 0, c = r < a, v = ((r ^ a) & (r ^ b)) >> 63;
		break;
	case A64_CC_ADD32:
		a = (uint32_t)a, b = (uint32_t)b, r = a + b;
		n = r >> 31 & 1, z = (uint32_t)r == 0, c = r >> 32,
		v = ((r ^ a) & (r ^ b)) >> 31 & 1;
		break;
	case A64_CC_LOGIC64: n = a >> 63, z = a == 0, c = v = 0; break;
	case A64_CC_LOGIC32: n = a >> 31 & 1, z = (uint32_t)a == 0, c = v = 0; break;
	default: return (uint32_t)a & 0xf0000000u;
	}
	return n << 31 | z << 30 | c << 29 | v << 28;
}

void a64_set_nzcv(A64Cpu *cpu, uint32_t nzcv)
{
	cpu->cc_op = A64_CC_NZCV;
	cpu->cc_a = nzcv & 0xf0000000u;
	cpu->cc_b = 0;
}

static uint64_t a64_nzcv_helper_fn(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return a64_get_nzcv(cpu);
}
static const IrHelper a64_nzcv_helper = {"nzcv", a64_nzcv_helper_fn, IRH_READS_STATE};

void a64_flags_set(A64Ctx *ctx, A64CcOp op, IrTemp a, IrTemp b, IrTemp res)
{
	IrBlock *bl = ctx->b;
	bool logic = op == A64_CC_LOGIC64 || op == A64_CC_LOGIC32;
	ir_put(bl, IR_I64, A64_OFF_CC_OP, a64_const(ctx, op));
	ir_put(bl, IR_I64, A64_OFF_CC_A, logic ? res : a);
	if (!logic && op != A64_CC_NZCV)
		ir_put(bl, IR_I64, A64_OFF_CC_B, b);
	ctx->fl = (A64FlagState){.op = (uint8_t)op, .a = a, .b = b, .res = res};
}

void a64_flags_set_nzcv(A64Ctx *ctx, IrTemp v)
{
	a64_flags_set(ctx, A64_CC_NZCV, v, IR_NONE, IR_NONE);
}

static bool a64_is32(uint8_t op)
{
	return op == A64_CC_SUB32 || op == A64_CC_ADD32 || op == A64_CC_LOGIC32;
}

/* The operation's operands and result in its own width (i32 or i64). */
typedef struct A64Ops {
	IrType t;
	IrTemp a, b, res;
	unsigned top; /* index of the sign bit */
} A64Ops;

static A64Ops a64_ops(A64Ctx *ctx, const A64FlagState *fl)
{
	IrBlock *b = ctx->b;
	A64Ops o = {a64_is32(fl->op) ? IR_I32 : IR_I64, fl->a, fl->b, fl->res, 63};
	bool logic = fl->op == A64_CC_LOGIC64 || fl->op == A64_CC_LOGIC32;
	if (o.t == IR_I32) {
		o.top = 31;
		o.a = logic ? IR_NONE : a64_lo32(ctx, fl->a);
		o.b = logic ? IR_NONE : a64_lo32(ctx, fl->b);
		o.res = fl->res ? a64_lo32(ctx, fl->res) : IR_NONE;
	}
	if (!o.res && (fl->op == A64_CC_SUB64 || fl->op == A64_CC_SUB32))
		o.res = ir_op2(b, IR_SUB, o.t, o.a, o.b);
	if (!o.res)
		o.res = ir_op2(b, IR_ADD, o.t, o.a, o.b);
	return o;
}

/* bit `top` of v, as a 0/1 i64 */
static IrTemp a64_topbit(A64Ctx *ctx, const A64Ops *o, IrTemp v)
{
	IrTemp s = ir_op2i(ctx->b, IR_SHR, o->t, v, o->top);
	return o->t == IR_I64 ? s : a64_zext32(ctx, s);
}

static IrTemp a64_to64(A64Ctx *ctx, IrTemp v)
{
	return ir_temp_type(ctx->b, v) == IR_I64 ? v : a64_zext32(ctx, v);
}

/* NZCV packed into bits 31:28, computed from a known kind. */
static IrTemp a64_nzcv_of(A64Ctx *ctx, const A64FlagState *fl)
{
	IrBlock *b = ctx->b;
	if (fl->op == A64_CC_NZCV)
		return fl->a;
	A64Ops o = a64_ops(ctx, fl);
	IrTemp zero = ir_const(b, o.t, 0);
	IrTemp n = a64_topbit(ctx, &o, o.res);
	IrTemp z = a64_to64(ctx, ir_cmp(b, o.t, IR_EQ, o.res, zero));
	IrTemp nz = ir_op2(b, IR_OR, IR_I64, ir_op2i(b, IR_SHL, IR_I64, n, 31),
	                   ir_op2i(b, IR_SHL, IR_I64, z, 30));
	if (fl->op == A64_CC_LOGIC64 || fl->op == A64_CC_LOGIC32)
		return nz;
	bool sub = fl->op == A64_CC_SUB64 || fl->op == A64_CC_SUB32;
	IrTemp c = sub ? ir_cmp(b, o.t, IR_GEU, o.a, o.b) : ir_cmp(b, o.t, IR_LTU, o.res, o.a);
	IrTemp v;
	if (sub)
		v = ir_op2(b, IR_AND, o.t, ir_op2(b, IR_XOR, o.t, o.a, o.b),
		           ir_op2(b, IR_XOR, o.t, o.a, o.res));
	else
		v = ir_op2(b, IR_AND, o.t, ir_op2(b, IR_XOR, o.t, o.res, o.a),
		           ir_op2(b, IR_XOR, o.t, o.res, o.b));
	IrTemp cv = ir_op2(b, IR_OR, IR_I64, ir_op2i(b, IR_SHL, IR_I64, a64_to64(ctx, c), 29),
	                   ir_op2i(b, IR_SHL, IR_I64, a64_topbit(ctx, &o, v), 28));
	return ir_op2(b, IR_OR, IR_I64, nz, cv);
}

IrTemp a64_flags_nzcv(A64Ctx *ctx)
{
	A64FlagState *fl = &ctx->fl;
	if (fl->op == A64_FL_UNKNOWN) {
		IrTemp v = ir_call(ctx->b, &a64_nzcv_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
		*fl = (A64FlagState){.op = A64_CC_NZCV, .a = v};
		return v;
	}
	if (fl->sel) {
		IrTemp inner = a64_nzcv_of(ctx, &(A64FlagState){fl->op, fl->a, fl->b, fl->res});
		return ir_select(ctx->b, IR_I64, fl->sel, inner,
		                 a64_const(ctx, (uint64_t)fl->alt << 28));
	}
	return a64_nzcv_of(ctx, fl);
}

/* Condition `base` (cond >> 1: EQ CS MI VS HI GE GT) of a packed NZCV value. */
static IrTemp a64_cond_of_nzcv(A64Ctx *ctx, IrTemp f, unsigned base)
{
	IrBlock *b = ctx->b;
	static const uint8_t flag_shift[4] = {30, 29, 31, 28}; /* Z C N V */
	IrTemp t;
	if (base < 4) {
		t = ir_op2i(b, IR_SHR, IR_I64, f, flag_shift[base]);
	} else if (base == 4) { /* HI: C and not Z */
		t = ir_op2(b, IR_AND, IR_I64, ir_op2i(b, IR_SHR, IR_I64, f, 29),
		           ir_op1(b, IR_NOT, IR_I64, ir_op2i(b, IR_SHR, IR_I64, f, 30)));
	} else { /* GE: N == V; GT: N == V and not Z */
		t = ir_op2(b, IR_XOR, IR_I64, ir_op2i(b, IR_SHR, IR_I64, f, 31),
		           ir_op2i(b, IR_SHR, IR_I64, f, 28));
		if (base == 6)
			t = ir_op2(b, IR_OR, IR_I64, t, ir_op2i(b, IR_SHR, IR_I64, f, 30));
		t = ir_op1(b, IR_NOT, IR_I64, t);
	}
	return ir_op2i(b, IR_AND, IR_I64, t, 1);
}

/* The compare a known kind allows for a base condition, or IR_COND_COUNT. Indexed by
 * cond >> 1 (EQ CS MI VS HI GE GT). */
static const uint8_t a64_sub_cond[7] = {IR_EQ,  IR_GEU, IR_COND_COUNT, IR_COND_COUNT,
                                        IR_GTU, IR_GES, IR_GTS};
static const uint8_t a64_logic_cond[7] = {IR_EQ,         IR_COND_COUNT, IR_LTS, IR_COND_COUNT,
                                          IR_COND_COUNT, IR_GES,        IR_GTS};
/* What a logical result gives for CS, VS and HI (C = V = 0). */
static const int8_t a64_logic_const[7] = {-1, 0, -1, 0, 0, -1, -1};

/* Inverse of an IrCond (for the odd condition codes). */
static const uint8_t a64_inverse[IR_COND_COUNT] = {
    [IR_EQ] = IR_NE,   [IR_NE] = IR_EQ,   [IR_LTS] = IR_GES, [IR_GES] = IR_LTS, [IR_LES] = IR_GTS,
    [IR_GTS] = IR_LES, [IR_LTU] = IR_GEU, [IR_GEU] = IR_LTU, [IR_LEU] = IR_GTU, [IR_GTU] = IR_LEU,
};

/* A condition of a known (non-selected) flag state. */
static IrTemp a64_cond_known(A64Ctx *ctx, const A64FlagState *fl, unsigned cond)
{
	IrBlock *b = ctx->b;
	unsigned base = cond >> 1, inv = cond & 1;
	bool sub = fl->op == A64_CC_SUB64 || fl->op == A64_CC_SUB32;
	bool logic = fl->op == A64_CC_LOGIC64 || fl->op == A64_CC_LOGIC32;
	IrType t = a64_is32(fl->op) ? IR_I32 : IR_I64;
	if (sub && a64_sub_cond[base] != IR_COND_COUNT) {
		IrCond c = (IrCond)a64_sub_cond[base];
		IrTemp x = t == IR_I32 ? a64_lo32(ctx, fl->a) : fl->a;
		IrTemp y = t == IR_I32 ? a64_lo32(ctx, fl->b) : fl->b;
		return ir_cmp(b, t, inv ? (IrCond)a64_inverse[c] : c, x, y);
	}
	if (logic && a64_logic_const[base] >= 0)
		return ir_const(b, IR_I64, (uint64_t)(a64_logic_const[base] ^ inv));
	if (logic || ((fl->op == A64_CC_ADD64 || fl->op == A64_CC_ADD32) && base == 0)) {
		IrCond c = logic ? (IrCond)a64_logic_cond[base] : IR_EQ;
		IrTemp r = fl->res ? fl->res : ir_op2(b, IR_ADD, IR_I64, fl->a, fl->b);
		if (t == IR_I32)
			r = a64_lo32(ctx, r);
		return ir_cmp(b, t, inv ? (IrCond)a64_inverse[c] : c, r, ir_const(b, t, 0));
	}
	IrTemp v = a64_cond_of_nzcv(ctx, a64_nzcv_of(ctx, fl), base);
	return inv ? ir_op2i(b, IR_XOR, IR_I64, v, 1) : v;
}

/* ConditionHolds on a packed NZCV value, for constant conditions. */
bool a64_cond_holds(uint32_t nzcv, unsigned cond)
{
	bool n = nzcv >> 31 & 1, z = nzcv >> 30 & 1, c = nzcv >> 29 & 1, v = nzcv >> 28 & 1;
	const bool base[8] = {z, c, n, v, c && !z, n == v, n == v && !z, true};
	bool r = base[cond >> 1 & 7];
	return (cond & 1) && cond != 15 ? !r : r;
}

IrTemp a64_cond(A64Ctx *ctx, unsigned cond)
{
	A64FlagState *fl = &ctx->fl;
	if (cond >= 14)
		return ir_const(ctx->b, IR_I64, 1);
	if (fl->op == A64_FL_UNKNOWN)
		a64_flags_nzcv(ctx);
	if (!fl->sel)
		return a64_cond_known(ctx, fl, cond);
	IrTemp inner = a64_cond_known(ctx, &(A64FlagState){fl->op, fl->a, fl->b, fl->res}, cond);
	IrType t = ir_temp_type(ctx->b, inner);
	bool alt_holds = a64_cond_holds((uint32_t)fl->alt << 28, cond);
	return ir_select(ctx->b, t, fl->sel, inner, ir_const(ctx->b, t, alt_holds));
}

/* The state written for a conditional compare: the compare's kind and operands where
 * the condition held, NZCV = the immediate where it did not. */
void a64_flags_ccmp(A64Ctx *ctx, unsigned cond, bool add, bool sf, IrTemp a, IrTemp b,
                    unsigned nzcv_imm)
{
	IrBlock *bl = ctx->b;
	A64CcOp op = add ? (sf ? A64_CC_ADD64 : A64_CC_ADD32) : (sf ? A64_CC_SUB64 : A64_CC_SUB32);
	if (cond >= 14) {
		a64_flags_set(ctx, op, a, b, IR_NONE);
		return;
	}
	IrTemp holds = a64_cond(ctx, cond);
	IrTemp alt = a64_const(ctx, (uint64_t)nzcv_imm << 28);
	ir_put(bl, IR_I64, A64_OFF_CC_OP,
	       ir_select(bl, IR_I64, holds, a64_const(ctx, op), a64_const(ctx, A64_CC_NZCV)));
	ir_put(bl, IR_I64, A64_OFF_CC_A, ir_select(bl, IR_I64, holds, a, alt));
	ir_put(bl, IR_I64, A64_OFF_CC_B, ir_select(bl, IR_I64, holds, b, a64_const(ctx, 0)));
	ctx->fl = (A64FlagState){
	    .op = (uint8_t)op, .a = a, .b = b, .sel = holds, .alt = (uint8_t)nzcv_imm};
}

/*
 * Advanced SIMD as v128 IR: the integer instructions that C library string routines,
 * auto-vectorised loops and hash message schedules spend their time in. Each A64_SIMD_OPS
 * id may have a line in a64_vec_rules naming a translator and its IR op; anything
 * without one, or a form a translator declines (an element size the IR lacks, a scalar
 * form that is not lane 0 of the vector one), keeps its helper call.
 *
 * A 64-bit (Q = 0) vector is the low half of a v128 whose high half the result zeroes.
 * Pairwise and some permuting forms on 64-bit vectors first put Vn's and Vm's low halves
 * side by side (a 64-bit-lane ZIP1), which makes them 128-bit operations on one vector.
 * Scalar forms of lane-wise instructions (bit 28) are lane 0 of 64-bit lanes.
 */
#include "frontends/aarch64/translate_vec.h"

#include <stdlib.h>

/* The register and size fields every translator starts from. */
typedef struct A64VecArgs {
	uint32_t raw;
	unsigned d, n, m, bits; /* bits: element size from the size field */
	bool q, full;           /* full: a 128-bit result (Q = 1, not scalar) */
} A64VecArgs;

enum { A64V_SWAP = 1, A64V_INVERT = 2, A64V_ACC = 4 };

struct A64VecRule;
typedef bool (*A64VecFn)(A64Ctx *ctx, const A64VecArgs *a, const struct A64VecRule *r);
typedef struct A64VecRule {
	A64VecFn fn;
	uint8_t op;    /* IrOp */
	uint8_t arg;   /* the op's aux argument (condition, signedness, kind) */
	uint8_t flags; /* A64V_* */
} A64VecRule;

IrTemp a64_vreg(A64Ctx *ctx, unsigned n)
{
	return ir_get(ctx->b, IR_V128, A64_OFF_V(n));
}

void a64_vreg_set(A64Ctx *ctx, unsigned d, IrTemp v, bool full)
{
	if (!full)
		v = ir_vop2(ctx->b, IR_AND, 0, v, ir_vconst(ctx->b, ~0ull, false));
	ir_put(ctx->b, IR_V128, A64_OFF_V(d), v);
}

/* x repeated to fill 64 bits, for lane widths up to 64. */
static uint64_t a64_rep(uint64_t x, unsigned bits)
{
	for (unsigned w = bits; w < 64; w *= 2)
		x |= x << w;
	return x;
}

static uint64_t a64_ones(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* The lane widths the IR has for op (ir_verify.c). */
static bool a64_lanes_ok(IrOp op, unsigned bits)
{
	if (op == IR_MUL)
		return bits == 16 || bits == 32;
	if (op == IR_VMIN || op == IR_VMAX || op == IR_VSARI)
		return bits <= 32;
	return true;
}

/* Vn's and Vm's low halves side by side. */
static IrTemp a64_pair_low(A64Ctx *ctx, IrTemp x, IrTemp y)
{
	return ir_vop2(ctx->b, IR_VPERM, IR_VAUX(64, IR_VZIP1), x, y);
}

static bool a64_v_lanewise(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	if (!a64_lanes_ok((IrOp)r->op, a->bits))
		return false;
	IrBlock *b = ctx->b;
	IrTemp x = a64_vreg(ctx, a->n), y = a64_vreg(ctx, a->m);
	if (r->flags & A64V_SWAP) {
		IrTemp t = x;
		x = y;
		y = t;
	}
	bool bitwise = r->op == IR_AND || r->op == IR_OR || r->op == IR_XOR || r->op == IR_ANDN;
	IrTemp v = ir_vop2(b, (IrOp)r->op, bitwise ? 0 : IR_VAUX(a->bits, r->arg), x, y);
	if (r->flags & A64V_INVERT)
		v = ir_vop1(b, IR_NOT, 0, v);
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

/* Compares with zero: Vn against 0, or 0 against Vn with A64V_SWAP. */
static bool a64_v_cmp0(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrBlock *b = ctx->b;
	IrTemp x = a64_vreg(ctx, a->n), zero = ir_vconst(b, 0, false);
	IrTemp v = r->flags & A64V_SWAP ? ir_vop2(b, IR_CMP, IR_VAUX(a->bits, r->arg), zero, x)
	                                : ir_vop2(b, IR_CMP, IR_VAUX(a->bits, r->arg), x, zero);
	if (r->flags & A64V_INVERT)
		v = ir_vop1(b, IR_NOT, 0, v);
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

static bool a64_v_cmtst(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrBlock *b = ctx->b;
	IrTemp v = ir_vop2(b, IR_AND, 0, a64_vreg(ctx, a->n), a64_vreg(ctx, a->m));
	v = ir_vop2(b, IR_CMP, IR_VAUX(a->bits, IR_EQ), v, ir_vconst(b, 0, false));
	a64_vreg_set(ctx, a->d, ir_vop1(b, IR_NOT, 0, v), a->full);
	return true;
}

static bool a64_v_neg(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrTemp v = ir_vop2(ctx->b, IR_SUB, IR_VAUX(a->bits, 0), ir_vconst(ctx->b, 0, false),
	                   a64_vreg(ctx, a->n));
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

static bool a64_v_not(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	a64_vreg_set(ctx, a->d, ir_vop1(ctx->b, IR_NOT, 0, a64_vreg(ctx, a->n)), a->full);
	return true;
}

static bool a64_v_orn(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrBlock *b = ctx->b;
	IrTemp v = ir_vop2(b, IR_OR, 0, a64_vreg(ctx, a->n),
	                   ir_vop1(b, IR_NOT, 0, a64_vreg(ctx, a->m)));
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

/* BSL: Vd selects Vn (1) or Vm (0), m ^ ((n ^ m) & d); BIT inserts Vn where Vm is 1,
 * d ^ ((d ^ n) & m); BIF where Vm is 0, d ^ ((d ^ n) & ~m). */
static bool a64_v_select(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrBlock *b = ctx->b;
	IrTemp d = a64_vreg(ctx, a->d), n = a64_vreg(ctx, a->n), m = a64_vreg(ctx, a->m), v;
	if (r->arg == 0) {
		v = ir_vop2(b, IR_AND, 0, ir_vop2(b, IR_XOR, 0, n, m), d);
		v = ir_vop2(b, IR_XOR, 0, m, v);
	} else {
		IrTemp diff = ir_vop2(b, IR_XOR, 0, d, n);
		v = ir_vop2(b, r->arg == 1 ? IR_AND : IR_ANDN, 0, diff, m);
		v = ir_vop2(b, IR_XOR, 0, d, v);
	}
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

/* Pairwise: op of the even and the odd lanes of Vn:Vm. */
static bool a64_v_pairwise(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	if (!a64_lanes_ok((IrOp)r->op, a->bits) || (a->raw >> 28 & 1))
		return false;
	IrBlock *b = ctx->b;
	IrTemp x = a64_vreg(ctx, a->n), y = a64_vreg(ctx, a->m);
	if (!a->q)
		x = y = a64_pair_low(ctx, x, y);
	IrTemp even = ir_vop2(b, IR_VPERM, IR_VAUX(a->bits, IR_VUZP1), x, y);
	IrTemp odd = ir_vop2(b, IR_VPERM, IR_VAUX(a->bits, IR_VUZP2), x, y);
	a64_vreg_set(ctx, a->d, ir_vop2(b, (IrOp)r->op, IR_VAUX(a->bits, r->arg), even, odd), a->q);
	return true;
}

/* Across lanes: op folds in the vector rotated by half its bytes, then by a quarter...
 * down to one lane; lane 0 is the result. A 64-bit vector is doubled first, so that
 * rotating the 128-bit value rotates it. */
static bool a64_v_reduce(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	if (!a64_lanes_ok((IrOp)r->op, a->bits))
		return false;
	IrBlock *b = ctx->b;
	IrTemp x = a64_vreg(ctx, a->n);
	if (!a->q)
		x = a64_pair_low(ctx, x, x);
	for (unsigned k = a->q ? 8 : 4; k >= a->bits / 8; k /= 2)
		x = ir_vop2(b, (IrOp)r->op, IR_VAUX(a->bits, r->arg), x, ir_vop2(b, IR_VEXT, (uint16_t)k, x, x));
	x = ir_vop2(b, IR_AND, 0, x, ir_vconst(b, a64_ones(a->bits), false));
	ir_put(b, IR_V128, A64_OFF_V(a->d), x);
	return true;
}

/* REV16/32/64: lanes reversed in containers of 2^arg bytes. */
static bool a64_v_rev(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrTemp v = ir_vop1(ctx->b, IR_VREV, IR_VAUX(a->bits, r->arg), a64_vreg(ctx, a->n));
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

/* The "2" forms (Q = 1) of narrowing instructions write the upper half and keep the
 * lower one. */
static void a64_set_narrow(A64Ctx *ctx, const A64VecArgs *a, IrTemp v)
{
	if (a->q)
		v = a64_pair_low(ctx, a64_vreg(ctx, a->d), v);
	ir_put(ctx->b, IR_V128, A64_OFF_V(a->d), v);
}

static bool a64_v_xtn(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	a64_set_narrow(ctx, a, ir_vop1(ctx->b, IR_VNARROW, (uint16_t)(2 * a->bits), a64_vreg(ctx, a->n)));
	return true;
}

/* SHLL: widen the low (Q = 0) or high half and shift left by the element size. */
static bool a64_v_shll(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrBlock *b = ctx->b;
	IrTemp v = ir_vop1(b, IR_VWIDEN, IR_VAUX(a->bits, a->q ? IR_VHIGH : 0), a64_vreg(ctx, a->n));
	ir_put(b, IR_V128, A64_OFF_V(a->d), ir_vshift(b, IR_VSHLI, 2 * a->bits, v, a->bits));
	return true;
}

/* Shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd; the element size is the
 * highest set bit of immh, the shift 2*esize - immh:immb right or immh:immb - esize
 * left. */
static unsigned a64_shift_imm(uint32_t raw, unsigned *bits)
{
	unsigned immh = raw >> 19 & 15, immhb = raw >> 16 & 127;
	*bits = 8u << (31 - __builtin_clz(immh));
	return immhb;
}

static bool a64_v_shr(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	unsigned bits, immhb = a64_shift_imm(a->raw, &bits), sh = 2 * bits - immhb;
	if (!a64_lanes_ok((IrOp)r->op, bits))
		return false;
	IrBlock *b = ctx->b;
	IrTemp v = ir_vshift(b, (IrOp)r->op, bits, a64_vreg(ctx, a->n), sh);
	if (r->flags & A64V_ACC)
		v = ir_vop2(b, IR_ADD, IR_VAUX(bits, 0), a64_vreg(ctx, a->d), v);
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

static bool a64_v_shl(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	unsigned bits, immhb = a64_shift_imm(a->raw, &bits);
	IrTemp v = ir_vshift(ctx->b, IR_VSHLI, bits, a64_vreg(ctx, a->n), immhb - bits);
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

/* SRI/SLI: the shifted Vn replaces the bits of each Vd lane it reaches. */
static bool a64_v_insert_shift(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	unsigned bits, immhb = a64_shift_imm(a->raw, &bits);
	bool right = r->op == IR_VSHRI;
	unsigned sh = right ? 2 * bits - immhb : immhb - bits;
	uint64_t reach = right ? a64_ones(bits) >> sh : a64_ones(bits) << sh & a64_ones(bits);
	if (sh >= bits)
		reach = 0;
	IrBlock *b = ctx->b;
	IrTemp keep = ir_vop2(b, IR_AND, 0, a64_vreg(ctx, a->d),
	                      ir_vconst(b, a64_rep(~reach & a64_ones(bits), bits), true));
	IrTemp v = ir_vop2(b, IR_OR, 0, keep, ir_vshift(b, (IrOp)r->op, bits, a64_vreg(ctx, a->n), sh));
	a64_vreg_set(ctx, a->d, v, a->full);
	return true;
}

/* SHRN: the high-shifted double-width lanes narrowed. */
static bool a64_v_shrn(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	unsigned bits, immhb = a64_shift_imm(a->raw, &bits);
	IrTemp v = ir_vshift(ctx->b, IR_VSHRI, 2 * bits, a64_vreg(ctx, a->n), 2 * bits - immhb);
	a64_set_narrow(ctx, a, ir_vop1(ctx->b, IR_VNARROW, (uint16_t)(2 * bits), v));
	return true;
}

/* USHLL/SSHLL (and UXTL/SXTL, their shift-0 aliases). */
static bool a64_v_shll_imm(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	unsigned bits, immhb = a64_shift_imm(a->raw, &bits);
	IrBlock *b = ctx->b;
	IrTemp v = ir_vop1(b, IR_VWIDEN, IR_VAUX(bits, r->arg | (a->q ? IR_VHIGH : 0)),
	                   a64_vreg(ctx, a->n));
	if (immhb > bits)
		v = ir_vshift(b, IR_VSHLI, 2 * bits, v, immhb - bits);
	ir_put(b, IR_V128, A64_OFF_V(a->d), v);
	return true;
}

/* ZIP/UZP/TRN. On 64-bit vectors ZIP2 is the upper half of the 128-bit ZIP1 and UZP
 * works on Vn:Vm side by side. */
static bool a64_v_perm(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	IrBlock *b = ctx->b;
	IrTemp x = a64_vreg(ctx, a->n), y = a64_vreg(ctx, a->m), v;
	IrVPerm kind = (IrVPerm)r->arg;
	if (a->q || kind == IR_VTRN1 || kind == IR_VTRN2 || kind == IR_VZIP1) {
		v = ir_vop2(b, IR_VPERM, IR_VAUX(a->bits, kind), x, y);
	} else if (kind == IR_VZIP2) {
		v = ir_vop2(b, IR_VPERM, IR_VAUX(a->bits, IR_VZIP1), x, y);
		v = ir_vop2(b, IR_VEXT, 8, v, ir_vconst(b, 0, false));
	} else {
		x = a64_pair_low(ctx, x, y);
		v = ir_vop2(b, IR_VPERM, IR_VAUX(a->bits, kind), x, x);
	}
	a64_vreg_set(ctx, a->d, v, a->q);
	return true;
}

/* EXT: 0 Q 101110 00 0 Rm 0 imm4 0 Rn Rd; bytes imm4.. of Vm:Vn. */
static bool a64_v_ext(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	unsigned imm4 = a->raw >> 11 & 15;
	if (!a->q && imm4 >= 8)
		return false;
	IrBlock *b = ctx->b;
	IrTemp x = a64_vreg(ctx, a->n), y = a64_vreg(ctx, a->m);
	if (!a->q)
		x = y = a64_pair_low(ctx, x, y);
	a64_vreg_set(ctx, a->d, ir_vop2(b, IR_VEXT, (uint16_t)imm4, x, y), a->q);
	return true;
}

/* TBL with one table register: 0 Q 001110 000 Rm 0 00 0 00 Rn Rd. */
static bool a64_v_tbl(A64Ctx *ctx, const A64VecArgs *a, const A64VecRule *r)
{
	if (a->raw >> 13 & 3)
		return false;
	IrTemp v = ir_vop2(ctx->b, IR_VTBL, IR_VAUX(8, 0), a64_vreg(ctx, a->n), a64_vreg(ctx, a->m));
	a64_vreg_set(ctx, a->d, v, a->q);
	return true;
}

#define LANE(op, arg, flags) {a64_v_lanewise, op, arg, flags}
static const A64VecRule a64_vec_rules[A64_VOP_COUNT] = {
	[A64_VOP_add] = LANE(IR_ADD, 0, 0),
	[A64_VOP_sub] = LANE(IR_SUB, 0, 0),
	[A64_VOP_mul] = LANE(IR_MUL, 0, 0),
	[A64_VOP_and] = LANE(IR_AND, 0, 0),
	[A64_VOP_orr] = LANE(IR_OR, 0, 0),
	[A64_VOP_eor] = LANE(IR_XOR, 0, 0),
	[A64_VOP_bic] = LANE(IR_ANDN, 0, 0),
	[A64_VOP_orn] = {a64_v_orn, 0, 0, 0},
	[A64_VOP_bsl] = {a64_v_select, 0, 0, 0},
	[A64_VOP_bit] = {a64_v_select, 0, 1, 0},
	[A64_VOP_bif] = {a64_v_select, 0, 2, 0},
	[A64_VOP_umax] = LANE(IR_VMAX, 0, 0),
	[A64_VOP_umin] = LANE(IR_VMIN, 0, 0),
	[A64_VOP_smax] = LANE(IR_VMAX, IR_VSIGNED, 0),
	[A64_VOP_smin] = LANE(IR_VMIN, IR_VSIGNED, 0),
	[A64_VOP_cmeq] = LANE(IR_CMP, IR_EQ, 0),
	[A64_VOP_cmgt] = LANE(IR_CMP, IR_GTS, 0),
	[A64_VOP_cmhi] = LANE(IR_CMP, IR_GTU, 0),
	[A64_VOP_cmge] = LANE(IR_CMP, IR_GTS, A64V_SWAP | A64V_INVERT),
	[A64_VOP_cmhs] = LANE(IR_CMP, IR_GTU, A64V_SWAP | A64V_INVERT),
	[A64_VOP_cmtst] = {a64_v_cmtst, 0, 0, 0},
	[A64_VOP_cmeq0] = {a64_v_cmp0, IR_CMP, IR_EQ, 0},
	[A64_VOP_cmgt0] = {a64_v_cmp0, IR_CMP, IR_GTS, 0},
	[A64_VOP_cmlt0] = {a64_v_cmp0, IR_CMP, IR_GTS, A64V_SWAP},
	[A64_VOP_cmge0] = {a64_v_cmp0, IR_CMP, IR_GTS, A64V_SWAP | A64V_INVERT},
	[A64_VOP_cmle0] = {a64_v_cmp0, IR_CMP, IR_GTS, A64V_INVERT},
	[A64_VOP_neg] = {a64_v_neg, 0, 0, 0},
	[A64_VOP_not] = {a64_v_not, 0, 0, 0},
	[A64_VOP_umaxp] = {a64_v_pairwise, IR_VMAX, 0, 0},
	[A64_VOP_uminp] = {a64_v_pairwise, IR_VMIN, 0, 0},
	[A64_VOP_smaxp] = {a64_v_pairwise, IR_VMAX, IR_VSIGNED, 0},
	[A64_VOP_sminp] = {a64_v_pairwise, IR_VMIN, IR_VSIGNED, 0},
	[A64_VOP_addp] = {a64_v_pairwise, IR_ADD, 0, 0},
	[A64_VOP_umaxv] = {a64_v_reduce, IR_VMAX, 0, 0},
	[A64_VOP_uminv] = {a64_v_reduce, IR_VMIN, 0, 0},
	[A64_VOP_smaxv] = {a64_v_reduce, IR_VMAX, IR_VSIGNED, 0},
	[A64_VOP_sminv] = {a64_v_reduce, IR_VMIN, IR_VSIGNED, 0},
	[A64_VOP_addv] = {a64_v_reduce, IR_ADD, 0, 0},
	[A64_VOP_rev16] = {a64_v_rev, 0, 1, 0},
	[A64_VOP_rev32] = {a64_v_rev, 0, 2, 0},
	[A64_VOP_rev64] = {a64_v_rev, 0, 3, 0},
	[A64_VOP_xtn] = {a64_v_xtn, 0, 0, 0},
	[A64_VOP_shll] = {a64_v_shll, 0, 0, 0},
	[A64_VOP_ushr] = {a64_v_shr, IR_VSHRI, 0, 0},
	[A64_VOP_sshr] = {a64_v_shr, IR_VSARI, 0, 0},
	[A64_VOP_usra] = {a64_v_shr, IR_VSHRI, 0, A64V_ACC},
	[A64_VOP_ssra] = {a64_v_shr, IR_VSARI, 0, A64V_ACC},
	[A64_VOP_shl] = {a64_v_shl, 0, 0, 0},
	[A64_VOP_sri] = {a64_v_insert_shift, IR_VSHRI, 0, 0},
	[A64_VOP_sli] = {a64_v_insert_shift, IR_VSHLI, 0, 0},
	[A64_VOP_shrn] = {a64_v_shrn, 0, 0, 0},
	[A64_VOP_ushll] = {a64_v_shll_imm, 0, 0, 0},
	[A64_VOP_sshll] = {a64_v_shll_imm, 0, IR_VSIGNED, 0},
	[A64_VOP_zip1] = {a64_v_perm, 0, IR_VZIP1, 0},
	[A64_VOP_zip2] = {a64_v_perm, 0, IR_VZIP2, 0},
	[A64_VOP_uzp1] = {a64_v_perm, 0, IR_VUZP1, 0},
	[A64_VOP_uzp2] = {a64_v_perm, 0, IR_VUZP2, 0},
	[A64_VOP_trn1] = {a64_v_perm, 0, IR_VTRN1, 0},
	[A64_VOP_trn2] = {a64_v_perm, 0, IR_VTRN2, 0},
	[A64_VOP_ext] = {a64_v_ext, 0, 0, 0},
	[A64_VOP_tbl] = {a64_v_tbl, 0, 0, 0},
};
#undef LANE

bool a64_vec_helpers_only;

__attribute__((constructor)) static void a64_vec_read_env(void)
{
	const char *e = getenv("FERRY_A64_SIMD_HELPERS");
	a64_vec_helpers_only = e && *e && *e != '0';
}

bool a64_vec_inline(A64Ctx *ctx, const A64Insn *in, A64VecOp op)
{
	const A64VecRule *r = &a64_vec_rules[op];
	if (!r->fn || a64_vec_helpers_only)
		return false;
	uint32_t raw = in->raw;
	bool scalar = raw >> 28 & 1;
	A64VecArgs a = {.raw = raw,
	                .d = raw & 31,
	                .n = raw >> 5 & 31,
	                .m = raw >> 16 & 31,
	                .bits = 8u << (raw >> 22 & 3),
	                .q = raw >> 30 & 1,
	                .full = (raw >> 30 & 1) && !scalar};
	return r->fn(ctx, &a, r);
}

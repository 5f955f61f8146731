/*
 * Semantics of the v128 IR ops (ir_ops.h), written lane by lane in plain C: the
 * interpreter executes vector ops through ir_eval_vec and the optimizer folds constant
 * vectors with it, so the x86-64 backend's SSE sequences are checked against this one
 * definition (tests/unit/test_jit.c compares the two on random blocks). Each op is a
 * small function in a table indexed by op.
 */
#include "jit/ir_eval.h"

typedef IrVec (*VecFn)(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x);

static uint64_t lane_mask(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

static uint64_t lane(const IrVec *v, unsigned bits, unsigned i)
{
	switch (bits) {
	case 8: return v->b[i];
	case 16: return v->h[i];
	case 32: return v->s[i];
	default: return v->d[i];
	}
}

static void set_lane(IrVec *v, unsigned bits, unsigned i, uint64_t x)
{
	switch (bits) {
	case 8: v->b[i] = (uint8_t)x; break;
	case 16: v->h[i] = (uint16_t)x; break;
	case 32: v->s[i] = (uint32_t)x; break;
	default: v->d[i] = x; break;
	}
}

static int64_t sext(uint64_t x, unsigned bits)
{
	return bits >= 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

static IrVec vec_and(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return (IrVec){.d = {v[0].d[0] & v[1].d[0], v[0].d[1] & v[1].d[1]}};
}
static IrVec vec_or(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return (IrVec){.d = {v[0].d[0] | v[1].d[0], v[0].d[1] | v[1].d[1]}};
}
static IrVec vec_xor(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return (IrVec){.d = {v[0].d[0] ^ v[1].d[0], v[0].d[1] ^ v[1].d[1]}};
}
static IrVec vec_andn(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return (IrVec){.d = {v[0].d[0] & ~v[1].d[0], v[0].d[1] & ~v[1].d[1]}};
}
static IrVec vec_not(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return (IrVec){.d = {~v[0].d[0], ~v[0].d[1]}};
}

/* The lane-wise two-source ops: one expression over a and b (zero-extended lanes) and
 * sa and sb (sign-extended). */
static uint64_t lanewise2(IrOp op, uint16_t aux, uint64_t a, uint64_t b)
{
	unsigned bits = ir_vbits(aux), arg = ir_varg(aux);
	int64_t sa = sext(a, bits), sb = sext(b, bits);
	bool sgn = arg & IR_VSIGNED;
	switch (op) {
	case IR_ADD: return a + b;
	case IR_SUB: return a - b;
	case IR_MUL: return a * b;
	case IR_VMIN: return sgn ? (sa < sb ? a : b) : (a < b ? a : b);
	case IR_VMAX: return sgn ? (sa > sb ? a : b) : (a > b ? a : b);
	default: /* CMP */
		return (arg == IR_EQ ? a == b : arg == IR_GTS ? sa > sb : a > b) ? ~0ull : 0;
	}
}

#define LANEWISE2(name, OP)                                                                \
	static IrVec vec_##name(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)     \
	{                                                                                   \
		unsigned bits = ir_vbits(aux);                                              \
		IrVec r;                                                                    \
		for (unsigned i = 0; i < 128 / bits; i++)                                   \
			set_lane(&r, bits, i,                                               \
			         lanewise2(OP, aux, lane(&v[0], bits, i), lane(&v[1], bits, i)) & \
			             lane_mask(bits));                                      \
		return r;                                                                   \
	}
LANEWISE2(add, IR_ADD)
LANEWISE2(sub, IR_SUB)
LANEWISE2(mul, IR_MUL)
LANEWISE2(min, IR_VMIN)
LANEWISE2(max, IR_VMAX)
LANEWISE2(cmp, IR_CMP)
#undef LANEWISE2

/* Shifts by imm; a count of the full width gives 0 (arithmetic: the sign everywhere). */
static IrVec vec_shift(IrOp op, uint16_t aux, uint64_t n, const IrVec *v)
{
	unsigned bits = ir_vbits(aux);
	IrVec r;
	for (unsigned i = 0; i < 128 / bits; i++) {
		uint64_t a = lane(v, bits, i), y;
		if (op == IR_VSARI)
			y = (uint64_t)(sext(a, bits) >> (n >= bits ? bits - 1 : n));
		else if (n >= bits)
			y = 0;
		else
			y = op == IR_VSHLI ? a << n : a >> n;
		set_lane(&r, bits, i, y & lane_mask(bits));
	}
	return r;
}
static IrVec vec_shli(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return vec_shift(IR_VSHLI, aux, imm, v);
}
static IrVec vec_shri(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return vec_shift(IR_VSHRI, aux, imm, v);
}
static IrVec vec_sari(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return vec_shift(IR_VSARI, aux, imm, v);
}

static IrVec vec_dup(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	unsigned bits = ir_vbits(aux);
	IrVec r;
	for (unsigned i = 0; i < 128 / bits; i++)
		set_lane(&r, bits, i, x[0] & lane_mask(bits));
	return r;
}

static IrVec vec_getlane(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return (IrVec){.d = {lane(v, ir_vbits(aux), ir_varg(aux)), 0}};
}

static IrVec vec_setlane(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	IrVec r = v[0];
	set_lane(&r, ir_vbits(aux), ir_varg(aux), x[0] & lane_mask(ir_vbits(aux)));
	return r;
}

static IrVec vec_pair(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return (IrVec){.d = {x[0], x[1]}};
}

static IrVec vec_tbl(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	IrVec r;
	for (unsigned i = 0; i < 16; i++)
		r.b[i] = v[1].b[i] < 16 ? v[0].b[v[1].b[i]] : 0;
	return r;
}

/* Lane i of a permutation of n lanes comes from source `from[i] / n`, lane from[i] % n. */
static unsigned perm_source(IrVPerm kind, unsigned n, unsigned i)
{
	unsigned half = n / 2, pair = i / 2, odd = i & 1;
	switch (kind) {
	case IR_VZIP1: return odd * n + pair;
	case IR_VZIP2: return odd * n + half + pair;
	case IR_VUZP1: return i < half ? 2 * i : n + 2 * (i - half);
	case IR_VUZP2: return i < half ? 2 * i + 1 : n + 2 * (i - half) + 1;
	case IR_VTRN1: return odd * n + 2 * pair;
	default: return odd * n + 2 * pair + 1;
	}
}

static IrVec vec_perm(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	unsigned bits = ir_vbits(aux), n = 128 / bits;
	IrVec r;
	for (unsigned i = 0; i < n; i++) {
		unsigned from = perm_source((IrVPerm)ir_varg(aux), n, i);
		set_lane(&r, bits, i, lane(&v[from / n], bits, from % n));
	}
	return r;
}

static IrVec vec_ext(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	IrVec r;
	for (unsigned i = 0; i < 16; i++) {
		unsigned k = i + aux;
		r.b[i] = k < 16 ? v[0].b[k] : v[1].b[k - 16];
	}
	return r;
}

static IrVec vec_rev(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	unsigned bits = ir_vbits(aux), per = (8u << ir_varg(aux)) / bits;
	IrVec r;
	for (unsigned i = 0; i < 128 / bits; i++) {
		unsigned base = i - i % per;
		set_lane(&r, bits, i, lane(v, bits, base + per - 1 - i % per));
	}
	return r;
}

static IrVec vec_widen(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	unsigned bits = ir_vbits(aux), n = 64 / bits, arg = ir_varg(aux);
	unsigned first = arg & IR_VHIGH ? n : 0;
	IrVec r;
	for (unsigned i = 0; i < n; i++) {
		uint64_t a = lane(v, bits, first + i);
		uint64_t y = arg & IR_VSIGNED ? (uint64_t)sext(a, bits) : a;
		set_lane(&r, 2 * bits, i, y & lane_mask(2 * bits));
	}
	return r;
}

static IrVec vec_narrow(uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	unsigned bits = ir_vbits(aux);
	IrVec r = {.d = {0, 0}};
	for (unsigned i = 0; i < 128 / bits; i++)
		set_lane(&r, bits / 2, i, lane(v, bits, i) & lane_mask(bits / 2));
	return r;
}

static const VecFn vec_fn[IR_OP_COUNT] = {
	[IR_AND] = vec_and,       [IR_OR] = vec_or,           [IR_XOR] = vec_xor,
	[IR_ANDN] = vec_andn,     [IR_NOT] = vec_not,         [IR_ADD] = vec_add,
	[IR_SUB] = vec_sub,       [IR_MUL] = vec_mul,         [IR_VMIN] = vec_min,
	[IR_VMAX] = vec_max,      [IR_CMP] = vec_cmp,         [IR_VSHLI] = vec_shli,
	[IR_VSHRI] = vec_shri,    [IR_VSARI] = vec_sari,      [IR_VDUP] = vec_dup,
	[IR_VGETLANE] = vec_getlane, [IR_VSETLANE] = vec_setlane, [IR_VTBL] = vec_tbl,
	[IR_VPAIR] = vec_pair,
	[IR_VPERM] = vec_perm,    [IR_VEXT] = vec_ext,        [IR_VREV] = vec_rev,
	[IR_VWIDEN] = vec_widen,  [IR_VNARROW] = vec_narrow,
};

IrVec ir_eval_vec(IrOp op, uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x)
{
	return vec_fn[op] ? vec_fn[op](aux, imm, v, x) : (IrVec){.d = {0, 0}};
}

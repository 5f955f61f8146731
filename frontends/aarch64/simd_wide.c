/*
 * Advanced SIMD helpers that change element width or take an immediate (simd.h): the
 * three-different group (long, wide and narrow-high forms, including PMULL), narrowing
 * and lengthening two-register misc (XTN, SQXTN, UQXTN, SQXTUN, SHLL), shifts by
 * immediate and the integer by-element multiplies. "2" forms (Q = 1) read the upper
 * half of their narrow sources or write the upper half of a narrow destination,
 * keeping the lower half (Vpart[dst, 1] in the Arm ARM).
 */
#include "frontends/aarch64/simd.h"

/* Writes `count` narrow elements of width w into part q of Vd (Vpart semantics). */
static void a64_put_narrow(A64Cpu *cpu, const A64Vop *o, unsigned w, const uint64_t *vals,
			   unsigned count)
{
	A64V r = a64_vget(cpu, o->d);
	if (o->scalar) {
		A64V s = {{0}};
		a64_set_elt(&s, w, 0, vals[0]);
		a64_vput(cpu, o->d, &s, w / 8);
		return;
	}
	unsigned base = o->q ? count : 0;
	for (unsigned i = 0; i < count; i++)
		a64_set_elt(&r, w, base + i, vals[i]);
	a64_vput(cpu, o->d, &r, o->q ? 16 : 8);
}

/* ---- Three different. ---- */

typedef enum A64LongOp {
	A64_L_ADD, A64_L_SUB, A64_L_ABD, A64_L_ABA, A64_L_MLA, A64_L_MLS, A64_L_MUL,
	A64_L_QDMUL, A64_L_QDMLA, A64_L_QDMLS
} A64LongOp;

/* One long operation on narrow x, y (already extended per signedness) with the wide
 * accumulator acc. */
static uint64_t a64_long_op(A64LongOp op, unsigned w2, __int128 x, __int128 y, uint64_t acc,
			    bool *qc)
{
	switch (op) {
	case A64_L_ADD: return (uint64_t)(x + y);
	case A64_L_SUB: return (uint64_t)(x - y);
	case A64_L_ABD: return (uint64_t)(x > y ? x - y : y - x);
	case A64_L_ABA: return acc + (uint64_t)(x > y ? x - y : y - x);
	case A64_L_MLA: return acc + (uint64_t)(x * y);
	case A64_L_MLS: return acc - (uint64_t)(x * y);
	case A64_L_MUL: return (uint64_t)(x * y);
	case A64_L_QDMUL: return a64_sat_s(w2, 2 * x * y, qc);
	default: {
		uint64_t p = a64_sat_s(w2, 2 * x * y, qc);
		__int128 a = a64_sext(acc, w2), pv = a64_sext(p, w2);
		return a64_sat_s(w2, op == A64_L_QDMLA ? a + pv : a - pv, qc);
	}
	}
}

/* Long: Vd(2w) = op(part(Vn), part(Vm)); scalar forms (sqdmull Sd, Hn, Hm) use element 0. */
static uint64_t a64_long(void *cpu_, uint64_t insn, A64LongOp op, bool sgn)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), d = a64_vget(cpu, o.d), r = {{0}};
	unsigned w = 8u << o.size, w2 = 2 * w, count = o.scalar ? 1 : 64 / w;
	unsigned base = o.scalar ? 0 : o.q * count;
	bool qc = false;
	for (unsigned i = 0; i < count; i++) {
		uint64_t x = a64_elt(&n, w, base + i), y = a64_elt(&m, w, base + i);
		__int128 vx = sgn ? (__int128)a64_sext(x, w) : (__int128)x;
		__int128 vy = sgn ? (__int128)a64_sext(y, w) : (__int128)y;
		a64_set_elt(&r, w2, i, a64_long_op(op, w2, vx, vy, a64_elt(&d, w2, i), &qc) & a64_emask(w2));
	}
	a64_set_qc(cpu, qc);
	a64_vput(cpu, o.d, &r, o.scalar ? w2 / 8 : 16);
	return 0;
}

#define A64_LONG(name, op, sgn) A64_SIMD_HELPER(name) { return a64_long(cpu_, insn, op, sgn); }
A64_LONG(saddl, A64_L_ADD, true)
A64_LONG(uaddl, A64_L_ADD, false)
A64_LONG(ssubl, A64_L_SUB, true)
A64_LONG(usubl, A64_L_SUB, false)
A64_LONG(sabdl, A64_L_ABD, true)
A64_LONG(uabdl, A64_L_ABD, false)
A64_LONG(sabal, A64_L_ABA, true)
A64_LONG(uabal, A64_L_ABA, false)
A64_LONG(smlal, A64_L_MLA, true)
A64_LONG(umlal, A64_L_MLA, false)
A64_LONG(smlsl, A64_L_MLS, true)
A64_LONG(umlsl, A64_L_MLS, false)
A64_LONG(smull, A64_L_MUL, true)
A64_LONG(umull, A64_L_MUL, false)
A64_LONG(sqdmull, A64_L_QDMUL, true)
A64_LONG(sqdmlal, A64_L_QDMLA, true)
A64_LONG(sqdmlsl, A64_L_QDMLS, true)

/* Wide: Vd(2w) = Vn(2w) +/- extend(part(Vm)). */
static uint64_t a64_wide(void *cpu_, uint64_t insn, bool sub, bool sgn)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r;
	unsigned w = 8u << o.size, count = 64 / w, base = o.q * count;
	for (unsigned i = 0; i < count; i++) {
		uint64_t y = a64_elt(&m, w, base + i);
		uint64_t v = sgn ? (uint64_t)a64_sext(y, w) : y;
		uint64_t x = a64_elt(&n, 2 * w, i);
		a64_set_elt(&r, 2 * w, i, sub ? x - v : x + v);
	}
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

A64_SIMD_HELPER(saddw) { return a64_wide(cpu_, insn, false, true); }
A64_SIMD_HELPER(uaddw) { return a64_wide(cpu_, insn, false, false); }
A64_SIMD_HELPER(ssubw) { return a64_wide(cpu_, insn, true, true); }
A64_SIMD_HELPER(usubw) { return a64_wide(cpu_, insn, true, false); }

/* Narrow high: the high half of Vn(2w) +/- Vm(2w), optionally rounded. */
static uint64_t a64_hn(void *cpu_, uint64_t insn, bool sub, bool rnd)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m);
	unsigned w = 8u << o.size, count = 64 / w;
	uint64_t vals[8];
	for (unsigned i = 0; i < count; i++) {
		uint64_t x = a64_elt(&n, 2 * w, i), y = a64_elt(&m, 2 * w, i);
		unsigned __int128 s = sub ? (unsigned __int128)(x - y) : (unsigned __int128)x + y;
		if (sub)
			s &= a64_emask(2 * w);
		if (rnd)
			s += (unsigned __int128)1 << (w - 1);
		vals[i] = (uint64_t)(s >> w) & a64_emask(w);
	}
	a64_put_narrow(cpu, &o, w, vals, count);
	return 0;
}

A64_SIMD_HELPER(addhn) { return a64_hn(cpu_, insn, false, false); }
A64_SIMD_HELPER(raddhn) { return a64_hn(cpu_, insn, false, true); }
A64_SIMD_HELPER(subhn) { return a64_hn(cpu_, insn, true, false); }
A64_SIMD_HELPER(rsubhn) { return a64_hn(cpu_, insn, true, true); }

/* Carry-less multiply of x and y (bits wide each). */
static unsigned __int128 a64_clmul(uint64_t x, uint64_t y, unsigned bits)
{
	unsigned __int128 r = 0;
	for (unsigned i = 0; i < bits; i++)
		if (y >> i & 1)
			r ^= (unsigned __int128)x << i;
	return r;
}

/* PMULL/PMULL2: 8x8 -> 16 (size 00) or 64x64 -> 128 (size 11). */
A64_SIMD_HELPER(pmull)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r;
	if (o.size == 3) {
		unsigned __int128 p = a64_clmul(n.u64[o.q], m.u64[o.q], 64);
		r.u64[0] = (uint64_t)p;
		r.u64[1] = (uint64_t)(p >> 64);
	} else {
		for (unsigned i = 0; i < 8; i++)
			r.u16[i] = (uint16_t)a64_clmul(n.u8[8 * o.q + i], m.u8[8 * o.q + i], 8);
	}
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

/* ---- Narrowing and lengthening two-register misc. ---- */

typedef enum A64NarrowKind { A64_N_TRUNC, A64_N_SS, A64_N_UU, A64_N_SU } A64NarrowKind;

static uint64_t a64_narrow_val(A64NarrowKind k, unsigned w, uint64_t x, unsigned w2, bool *qc)
{
	switch (k) {
	case A64_N_TRUNC: return x & a64_emask(w);
	case A64_N_SS: return a64_sat_s(w, a64_sext(x, w2), qc);
	case A64_N_UU: return a64_sat_u(w, x, qc);
	default: return a64_sat_u(w, a64_sext(x, w2), qc);
	}
}

static uint64_t a64_narrow(void *cpu_, uint64_t insn, A64NarrowKind k)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n);
	unsigned w = 8u << o.size, count = o.scalar ? 1 : 64 / w;
	uint64_t vals[8];
	bool qc = false;
	for (unsigned i = 0; i < count; i++)
		vals[i] = a64_narrow_val(k, w, a64_elt(&n, 2 * w, i), 2 * w, &qc);
	a64_set_qc(cpu, qc);
	a64_put_narrow(cpu, &o, w, vals, count);
	return 0;
}

A64_SIMD_HELPER(xtn) { return a64_narrow(cpu_, insn, A64_N_TRUNC); }
A64_SIMD_HELPER(sqxtn) { return a64_narrow(cpu_, insn, A64_N_SS); }
A64_SIMD_HELPER(uqxtn) { return a64_narrow(cpu_, insn, A64_N_UU); }
A64_SIMD_HELPER(sqxtun) { return a64_narrow(cpu_, insn, A64_N_SU); }

A64_SIMD_HELPER(shll)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), r;
	unsigned w = 8u << o.size, count = 64 / w;
	for (unsigned i = 0; i < count; i++)
		a64_set_elt(&r, 2 * w, i, a64_elt(&n, w, o.q * count + i) << w);
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

/* ---- Shift by immediate: immh:immb gives the element size (highest set bit of immh)
 * and the shift (right: 2 * esize - immh:immb; left: immh:immb - esize). ---- */

typedef struct A64ShiftImm {
	A64Vop o;
	unsigned w, right, left;
} A64ShiftImm;

static A64ShiftImm a64_shift_imm(uint64_t insn)
{
	A64ShiftImm s;
	unsigned immh = insn >> 19 & 15, immhb = insn >> 16 & 127;
	unsigned lg = 31 - (unsigned)__builtin_clz(immh);
	s.w = 8u << lg;
	s.right = 2 * s.w - immhb;
	s.left = immhb - s.w;
	s.o = a64_vop(insn);
	s.o.size = lg;
	s.o.bytes = s.o.scalar ? s.w / 8 : s.o.q ? 16 : 8;
	s.o.elems = s.o.bytes * 8 / s.w;
	return s;
}

typedef enum A64ShOp {
	A64_SH_SSHR, A64_SH_USHR, A64_SH_SSRA, A64_SH_USRA, A64_SH_SRSHR, A64_SH_URSHR,
	A64_SH_SRSRA, A64_SH_URSRA, A64_SH_SHL, A64_SH_SLI, A64_SH_SRI, A64_SH_SQSHL,
	A64_SH_UQSHL, A64_SH_SQSHLU
} A64ShOp;

static uint64_t a64_shift_elem(A64ShOp op, unsigned w, unsigned r, unsigned l, uint64_t x,
			       uint64_t acc, bool *qc)
{
	int64_t sx = a64_sext(x, w);
	uint64_t mask = a64_emask(w);
	bool sgn = op == A64_SH_SSHR || op == A64_SH_SSRA || op == A64_SH_SRSHR || op == A64_SH_SRSRA;
	bool rnd = op >= A64_SH_SRSHR && op <= A64_SH_URSRA;
	bool accum = op == A64_SH_SSRA || op == A64_SH_USRA || op == A64_SH_SRSRA || op == A64_SH_URSRA;
	if (op <= A64_SH_URSRA) {
		__int128 v = sgn ? (__int128)sx : (__int128)x;
		if (rnd)
			v += (__int128)1 << (r - 1);
		uint64_t res = (uint64_t)(v >> r) & mask;
		return accum ? (acc + res) & mask : res;
	}
	switch (op) {
	case A64_SH_SHL: return (x << l) & mask;
	case A64_SH_SLI: {
		uint64_t m = (mask << l) & mask;
		return (acc & ~m) | ((x << l) & m);
	}
	case A64_SH_SRI: {
		uint64_t m = r >= w ? 0 : mask >> r;
		uint64_t v = r >= w ? 0 : x >> r;
		return (acc & ~m) | (v & m);
	}
	case A64_SH_SQSHL: return a64_sat_s(w, (__int128)sx << l, qc);
	case A64_SH_UQSHL: return a64_sat_u(w, (__int128)x << l, qc);
	default: return a64_sat_u(w, (__int128)sx << l, qc);
	}
}

static uint64_t a64_shift(void *cpu_, uint64_t insn, A64ShOp op)
{
	A64Cpu *cpu = cpu_;
	A64ShiftImm s = a64_shift_imm(insn);
	A64V n = a64_vget(cpu, s.o.n), d = a64_vget(cpu, s.o.d), r = {{0}};
	bool qc = false;
	for (unsigned i = 0; i < s.o.elems; i++)
		a64_set_elt(&r, s.w, i,
			    a64_shift_elem(op, s.w, s.right, s.left, a64_elt(&n, s.w, i),
					   a64_elt(&d, s.w, i), &qc));
	a64_set_qc(cpu, qc);
	a64_vput(cpu, s.o.d, &r, s.o.bytes);
	return 0;
}

#define A64_SHIFT(name, op) A64_SIMD_HELPER(name) { return a64_shift(cpu_, insn, op); }
A64_SHIFT(sshr, A64_SH_SSHR)
A64_SHIFT(ushr, A64_SH_USHR)
A64_SHIFT(ssra, A64_SH_SSRA)
A64_SHIFT(usra, A64_SH_USRA)
A64_SHIFT(srshr, A64_SH_SRSHR)
A64_SHIFT(urshr, A64_SH_URSHR)
A64_SHIFT(srsra, A64_SH_SRSRA)
A64_SHIFT(ursra, A64_SH_URSRA)
A64_SHIFT(shl, A64_SH_SHL)
A64_SHIFT(sli, A64_SH_SLI)
A64_SHIFT(sri, A64_SH_SRI)
A64_SHIFT(sqshli, A64_SH_SQSHL)
A64_SHIFT(uqshli, A64_SH_UQSHL)
A64_SHIFT(sqshlu, A64_SH_SQSHLU)

/* Shift right narrow: the source has 2 * esize elements; immh gives the narrow size. */
static uint64_t a64_shrn(void *cpu_, uint64_t insn, bool rnd, A64NarrowKind k, bool src_signed)
{
	A64Cpu *cpu = cpu_;
	A64ShiftImm s = a64_shift_imm(insn);
	A64V n = a64_vget(cpu, s.o.n);
	unsigned w = s.w, w2 = 2 * w, count = s.o.scalar ? 1 : 64 / w;
	uint64_t vals[8];
	bool qc = false;
	for (unsigned i = 0; i < count; i++) {
		uint64_t x = a64_elt(&n, w2, i);
		__int128 v = src_signed ? (__int128)a64_sext(x, w2) : (__int128)x;
		if (rnd)
			v += (__int128)1 << (s.right - 1);
		v >>= s.right;
		switch (k) {
		case A64_N_TRUNC: vals[i] = (uint64_t)v & a64_emask(w); break;
		case A64_N_SS: vals[i] = a64_sat_s(w, v, &qc); break;
		default: vals[i] = a64_sat_u(w, v, &qc); break;
		}
	}
	a64_set_qc(cpu, qc);
	A64Vop o = s.o;
	a64_put_narrow(cpu, &o, w, vals, count);
	return 0;
}

A64_SIMD_HELPER(shrn) { return a64_shrn(cpu_, insn, false, A64_N_TRUNC, false); }
A64_SIMD_HELPER(rshrn) { return a64_shrn(cpu_, insn, true, A64_N_TRUNC, false); }
A64_SIMD_HELPER(sqshrn) { return a64_shrn(cpu_, insn, false, A64_N_SS, true); }
A64_SIMD_HELPER(sqrshrn) { return a64_shrn(cpu_, insn, true, A64_N_SS, true); }
A64_SIMD_HELPER(uqshrn) { return a64_shrn(cpu_, insn, false, A64_N_UU, false); }
A64_SIMD_HELPER(uqrshrn) { return a64_shrn(cpu_, insn, true, A64_N_UU, false); }
A64_SIMD_HELPER(sqshrun) { return a64_shrn(cpu_, insn, false, A64_N_SU, true); }
A64_SIMD_HELPER(sqrshrun) { return a64_shrn(cpu_, insn, true, A64_N_SU, true); }

/* SSHLL/USHLL (and their sxtl/uxtl aliases): part of Vn widened, shifted left. */
static uint64_t a64_shll_imm(void *cpu_, uint64_t insn, bool sgn)
{
	A64Cpu *cpu = cpu_;
	A64ShiftImm s = a64_shift_imm(insn);
	A64V n = a64_vget(cpu, s.o.n), r;
	unsigned w = s.w, count = 64 / w;
	for (unsigned i = 0; i < count; i++) {
		uint64_t x = a64_elt(&n, w, s.o.q * count + i);
		uint64_t v = sgn ? (uint64_t)a64_sext(x, w) : x;
		a64_set_elt(&r, 2 * w, i, (v << s.left) & a64_emask(2 * w));
	}
	a64_vput(cpu, s.o.d, &r, 16);
	return 0;
}

A64_SIMD_HELPER(sshll) { return a64_shll_imm(cpu_, insn, true); }
A64_SIMD_HELPER(ushll) { return a64_shll_imm(cpu_, insn, false); }

/* Fixed-point conversions by immediate: fbits = 2 * esize - immh:immb. */
static uint64_t a64_cvt_fix(void *cpu_, uint64_t insn, bool to_int, bool is_unsigned)
{
	A64Cpu *cpu = cpu_;
	A64ShiftImm s = a64_shift_imm(insn);
	A64V n = a64_vget(cpu, s.o.n), r = {{0}};
	bool dbl = s.w == 64;
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < s.o.elems; i++) {
		uint64_t x = a64_elt(&n, s.w, i);
		uint64_t v = to_int ? a64_fp_to_fixed(cpu, dbl, x, s.right, is_unsigned, A64_RZ, s.w, fpcr)
				    : a64_fp_from_fixed(cpu, dbl, x, s.right, is_unsigned, s.w, fpcr);
		a64_set_elt(&r, s.w, i, v);
	}
	a64_vput(cpu, s.o.d, &r, s.o.bytes);
	return 0;
}

A64_SIMD_HELPER(scvtf_fix) { return a64_cvt_fix(cpu_, insn, false, false); }
A64_SIMD_HELPER(ucvtf_fix) { return a64_cvt_fix(cpu_, insn, false, true); }
A64_SIMD_HELPER(fcvtzs_fix) { return a64_cvt_fix(cpu_, insn, true, false); }
A64_SIMD_HELPER(fcvtzu_fix) { return a64_cvt_fix(cpu_, insn, true, true); }

/* ---- Integer multiplies by element: index H:L:M for halfwords (Vm in 0-15), H:L for
 * words. ---- */

static unsigned a64_elem_index(uint64_t insn, unsigned size, unsigned *m)
{
	unsigned h = insn >> 11 & 1, l = insn >> 21 & 1, mbit = insn >> 20 & 1;
	if (size == 1) {
		*m = insn >> 16 & 15;
		return h << 2 | l << 1 | mbit;
	}
	*m = insn >> 16 & 31;
	return size == 2 ? h << 1 | l : h;
}

typedef enum A64ElemOp { A64_E_MUL, A64_E_MLA, A64_E_MLS, A64_E_QDMULH, A64_E_QRDMULH } A64ElemOp;

static uint64_t a64_by_elem(void *cpu_, uint64_t insn, A64ElemOp op)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned mreg, idx = a64_elem_index(insn, o.size, &mreg), w = 8u << o.size;
	A64V n = a64_vget(cpu, o.n), mv = a64_vget(cpu, mreg), d = a64_vget(cpu, o.d), r = {{0}};
	uint64_t y = a64_elt(&mv, w, idx);
	int64_t sy = a64_sext(y, w);
	bool qc = false;
	for (unsigned i = 0; i < o.elems; i++) {
		uint64_t x = a64_elt(&n, w, i), acc = a64_elt(&d, w, i), v;
		int64_t sx = a64_sext(x, w);
		switch (op) {
		case A64_E_MUL: v = x * y; break;
		case A64_E_MLA: v = acc + x * y; break;
		case A64_E_MLS: v = acc - x * y; break;
		case A64_E_QDMULH: v = a64_sat_s(w, ((__int128)2 * sx * sy) >> w, &qc); break;
		default:
			v = a64_sat_s(w, ((__int128)2 * sx * sy + ((__int128)1 << (w - 1))) >> w, &qc);
			break;
		}
		a64_set_elt(&r, w, i, v & a64_emask(w));
	}
	a64_set_qc(cpu, qc);
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(mul_e) { return a64_by_elem(cpu_, insn, A64_E_MUL); }
A64_SIMD_HELPER(mla_e) { return a64_by_elem(cpu_, insn, A64_E_MLA); }
A64_SIMD_HELPER(mls_e) { return a64_by_elem(cpu_, insn, A64_E_MLS); }
A64_SIMD_HELPER(sqdmulh_e) { return a64_by_elem(cpu_, insn, A64_E_QDMULH); }
A64_SIMD_HELPER(sqrdmulh_e) { return a64_by_elem(cpu_, insn, A64_E_QRDMULH); }

/* Long multiplies by element. */
static uint64_t a64_long_elem(void *cpu_, uint64_t insn, A64LongOp op, bool sgn)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned mreg, idx = a64_elem_index(insn, o.size, &mreg), w = 8u << o.size, w2 = 2 * w;
	A64V n = a64_vget(cpu, o.n), mv = a64_vget(cpu, mreg), d = a64_vget(cpu, o.d), r = {{0}};
	unsigned count = o.scalar ? 1 : 64 / w, base = o.scalar ? 0 : o.q * count;
	uint64_t y = a64_elt(&mv, w, idx);
	__int128 vy = sgn ? (__int128)a64_sext(y, w) : (__int128)y;
	bool qc = false;
	for (unsigned i = 0; i < count; i++) {
		uint64_t x = a64_elt(&n, w, base + i);
		__int128 vx = sgn ? (__int128)a64_sext(x, w) : (__int128)x;
		a64_set_elt(&r, w2, i, a64_long_op(op, w2, vx, vy, a64_elt(&d, w2, i), &qc) & a64_emask(w2));
	}
	a64_set_qc(cpu, qc);
	a64_vput(cpu, o.d, &r, o.scalar ? w2 / 8 : 16);
	return 0;
}

A64_SIMD_HELPER(smull_e) { return a64_long_elem(cpu_, insn, A64_L_MUL, true); }
A64_SIMD_HELPER(umull_e) { return a64_long_elem(cpu_, insn, A64_L_MUL, false); }
A64_SIMD_HELPER(smlal_e) { return a64_long_elem(cpu_, insn, A64_L_MLA, true); }
A64_SIMD_HELPER(umlal_e) { return a64_long_elem(cpu_, insn, A64_L_MLA, false); }
A64_SIMD_HELPER(smlsl_e) { return a64_long_elem(cpu_, insn, A64_L_MLS, true); }
A64_SIMD_HELPER(umlsl_e) { return a64_long_elem(cpu_, insn, A64_L_MLS, false); }
A64_SIMD_HELPER(sqdmull_e) { return a64_long_elem(cpu_, insn, A64_L_QDMUL, true); }
A64_SIMD_HELPER(sqdmlal_e) { return a64_long_elem(cpu_, insn, A64_L_QDMLA, true); }
A64_SIMD_HELPER(sqdmlsl_e) { return a64_long_elem(cpu_, insn, A64_L_QDMLS, true); }

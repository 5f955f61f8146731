/*
 * Advanced SIMD floating-point helpers (simd.h), vector and scalar-of-vector forms:
 * each element goes through the a64_fp.h operation the Arm ARM names for it, so NaN
 * propagation, FPCR (rounding, FZ, DN) and FPSR accrual match the scalar instructions.
 * sz (bit 22) selects single or double. The across-lanes reductions follow the
 * pseudocode's Reduce(): halves combined recursively, which fixes the order NaNs and
 * flags come out in.
 */
#include "frontends/aarch64/simd.h"

/* The fields with the element size from sz. */
static A64Vop a64_fvop(uint64_t insn)
{
	A64Vop o = a64_vop(insn);
	unsigned sz = insn >> 22 & 1;
	o.size = 2 + sz;
	o.bytes = o.scalar ? 4u << sz : o.q ? 16 : 8;
	o.elems = o.bytes >> o.size;
	return o;
}

/* ---- Two operands, elementwise. ---- */

static uint64_t a64_fp3(void *cpu_, uint64_t insn, A64FpOp op)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_fvop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r = {{0}};
	unsigned w = 8u << o.size;
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < o.elems; i++)
		a64_set_elt(&r, w, i, a64_fp_binop(cpu, op, w == 64, a64_elt(&n, w, i), a64_elt(&m, w, i), fpcr));
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

#define A64_FP3(name, op) A64_SIMD_HELPER(name) { return a64_fp3(cpu_, insn, op); }
A64_FP3(fadd, A64_FOP_ADD)
A64_FP3(fsub, A64_FOP_SUB)
A64_FP3(fmul, A64_FOP_MUL)
A64_FP3(fdiv, A64_FOP_DIV)
A64_FP3(fmax, A64_FOP_MAX)
A64_FP3(fmin, A64_FOP_MIN)
A64_FP3(fmaxnm, A64_FOP_MAXNM)
A64_FP3(fminnm, A64_FOP_MINNM)
A64_FP3(fmulx, A64_FOP_MULX)
A64_FP3(fabd, A64_FOP_ABD)
A64_FP3(frecps, A64_FOP_RECPS)
A64_FP3(frsqrts, A64_FOP_RSQRTS)

/* FMLA/FMLS: Vd + (-)Vn * Vm, fused (FPMulAdd with the addend first). */
static uint64_t a64_fmla(void *cpu_, uint64_t insn, bool sub)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_fvop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), d = a64_vget(cpu, o.d), r = {{0}};
	unsigned w = 8u << o.size;
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < o.elems; i++)
		a64_set_elt(&r, w, i,
			    a64_fp_muladd(cpu, w == 64, a64_elt(&d, w, i), a64_elt(&n, w, i),
					  a64_elt(&m, w, i), sub, fpcr));
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(fmla) { return a64_fmla(cpu_, insn, false); }
A64_SIMD_HELPER(fmls) { return a64_fmla(cpu_, insn, true); }

/* By element: index H:L for singles, H for doubles; Vm is M:Rm. */
static uint64_t a64_fp_elem(void *cpu_, uint64_t insn, int kind)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_fvop(insn);
	unsigned h = insn >> 11 & 1, l = insn >> 21 & 1, w = 8u << o.size;
	unsigned idx = w == 64 ? h : h << 1 | l, mreg = insn >> 16 & 31;
	A64V n = a64_vget(cpu, o.n), mv = a64_vget(cpu, mreg), d = a64_vget(cpu, o.d), r = {{0}};
	uint64_t y = a64_elt(&mv, w, idx);
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < o.elems; i++) {
		uint64_t x = a64_elt(&n, w, i), v;
		if (kind == 0)
			v = a64_fp_binop(cpu, A64_FOP_MUL, w == 64, x, y, fpcr);
		else if (kind == 3)
			v = a64_fp_binop(cpu, A64_FOP_MULX, w == 64, x, y, fpcr);
		else
			v = a64_fp_muladd(cpu, w == 64, a64_elt(&d, w, i), x, y, kind == 2, fpcr);
		a64_set_elt(&r, w, i, v);
	}
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(fmul_e) { return a64_fp_elem(cpu_, insn, 0); }
A64_SIMD_HELPER(fmla_e) { return a64_fp_elem(cpu_, insn, 1); }
A64_SIMD_HELPER(fmls_e) { return a64_fp_elem(cpu_, insn, 2); }
A64_SIMD_HELPER(fmulx_e) { return a64_fp_elem(cpu_, insn, 3); }

/* Pairwise over Vm:Vn; the scalar form combines the two elements of Vn. */
static uint64_t a64_fp_pairwise(void *cpu_, uint64_t insn, A64FpOp op)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_fvop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r = {{0}};
	unsigned w = 8u << o.size, half = o.scalar ? 2 : o.elems;
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < o.elems; i++) {
		unsigned j = 2 * i;
		const A64V *src = j < half ? &n : &m;
		j %= half;
		a64_set_elt(&r, w, i,
			    a64_fp_binop(cpu, op, w == 64, a64_elt(src, w, j), a64_elt(src, w, j + 1), fpcr));
	}
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(faddp) { return a64_fp_pairwise(cpu_, insn, A64_FOP_ADD); }
A64_SIMD_HELPER(fmaxp) { return a64_fp_pairwise(cpu_, insn, A64_FOP_MAX); }
A64_SIMD_HELPER(fminp) { return a64_fp_pairwise(cpu_, insn, A64_FOP_MIN); }
A64_SIMD_HELPER(fmaxnmp) { return a64_fp_pairwise(cpu_, insn, A64_FOP_MAXNM); }
A64_SIMD_HELPER(fminnmp) { return a64_fp_pairwise(cpu_, insn, A64_FOP_MINNM); }

/* ---- Compares: all ones or zero per element. ---- */

static uint64_t a64_fp_cmp(void *cpu_, uint64_t insn, A64FpCmp cmp, bool zero, bool swap)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_fvop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r = {{0}};
	unsigned w = 8u << o.size;
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < o.elems; i++) {
		uint64_t x = a64_elt(&n, w, i), y = zero ? 0 : a64_elt(&m, w, i);
		bool t = swap ? a64_fp_compare_mask(cpu, w == 64, y, x, cmp, fpcr)
			      : a64_fp_compare_mask(cpu, w == 64, x, y, cmp, fpcr);
		a64_set_elt(&r, w, i, t ? ~0ull : 0);
	}
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(fcmeq) { return a64_fp_cmp(cpu_, insn, A64_FCMP_EQ, false, false); }
A64_SIMD_HELPER(fcmge) { return a64_fp_cmp(cpu_, insn, A64_FCMP_GE, false, false); }
A64_SIMD_HELPER(fcmgt) { return a64_fp_cmp(cpu_, insn, A64_FCMP_GT, false, false); }
A64_SIMD_HELPER(facge) { return a64_fp_cmp(cpu_, insn, A64_FCMP_ACGE, false, false); }
A64_SIMD_HELPER(facgt) { return a64_fp_cmp(cpu_, insn, A64_FCMP_ACGT, false, false); }
A64_SIMD_HELPER(fcmeq0) { return a64_fp_cmp(cpu_, insn, A64_FCMP_EQ, true, false); }
A64_SIMD_HELPER(fcmge0) { return a64_fp_cmp(cpu_, insn, A64_FCMP_GE, true, false); }
A64_SIMD_HELPER(fcmgt0) { return a64_fp_cmp(cpu_, insn, A64_FCMP_GT, true, false); }
A64_SIMD_HELPER(fcmle0) { return a64_fp_cmp(cpu_, insn, A64_FCMP_GE, true, true); }
A64_SIMD_HELPER(fcmlt0) { return a64_fp_cmp(cpu_, insn, A64_FCMP_GT, true, true); }

/* ---- One operand, elementwise. ---- */

typedef enum A64Fp1Op {
	A64_F1_ABS, A64_F1_NEG, A64_F1_SQRT, A64_F1_RINT, A64_F1_CVTS, A64_F1_CVTU,
	A64_F1_SCVTF, A64_F1_UCVTF, A64_F1_RECPE, A64_F1_RSQRTE, A64_F1_RECPX, A64_F1_URECPE,
	A64_F1_URSQRTE
} A64Fp1Op;

static uint64_t a64_fp1_elem(A64Cpu *cpu, A64Fp1Op op, unsigned w, uint64_t x, unsigned rounding,
			     uint32_t fpcr)
{
	bool dbl = w == 64;
	switch (op) {
	case A64_F1_ABS: return x & ~a64_fp_sign(dbl);
	case A64_F1_NEG: return x ^ a64_fp_sign(dbl);
	case A64_F1_SQRT: return a64_fp_sqrt(cpu, dbl, x, fpcr);
	case A64_F1_RINT:
		return a64_fp_round_int(cpu, dbl, x, rounding & 7, rounding >> 3, fpcr);
	case A64_F1_CVTS: return a64_fp_to_fixed(cpu, dbl, x, 0, false, rounding, w, fpcr);
	case A64_F1_CVTU: return a64_fp_to_fixed(cpu, dbl, x, 0, true, rounding, w, fpcr);
	case A64_F1_SCVTF: return a64_fp_from_fixed(cpu, dbl, x, 0, false, w, fpcr);
	case A64_F1_UCVTF: return a64_fp_from_fixed(cpu, dbl, x, 0, true, w, fpcr);
	case A64_F1_RECPE: return a64_fp_recip_estimate(cpu, dbl, x, fpcr);
	case A64_F1_RSQRTE: return a64_fp_rsqrt_estimate(cpu, dbl, x, fpcr);
	case A64_F1_RECPX: return a64_fp_recpx(cpu, dbl, x, fpcr);
	case A64_F1_URECPE: return a64_fp_urecip_estimate((uint32_t)x);
	default: return a64_fp_ursqrt_estimate((uint32_t)x);
	}
}

/* rounding: an A64_R* mode, | 8 for frintx's inexact reporting. */
static uint64_t a64_fp1(void *cpu_, uint64_t insn, A64Fp1Op op, unsigned rounding)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_fvop(insn);
	A64V n = a64_vget(cpu, o.n), r = {{0}};
	unsigned w = 8u << o.size;
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < o.elems; i++)
		a64_set_elt(&r, w, i, a64_fp1_elem(cpu, op, w, a64_elt(&n, w, i), rounding, fpcr));
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

#define A64_FP1(name, op, rnd) A64_SIMD_HELPER(name) { return a64_fp1(cpu_, insn, op, rnd); }
A64_FP1(fabs_v, A64_F1_ABS, 0)
A64_FP1(fneg_v, A64_F1_NEG, 0)
A64_FP1(fsqrt_v, A64_F1_SQRT, 0)
A64_FP1(frintn_v, A64_F1_RINT, A64_RN)
A64_FP1(frintp_v, A64_F1_RINT, A64_RP)
A64_FP1(frintm_v, A64_F1_RINT, A64_RM)
A64_FP1(frintz_v, A64_F1_RINT, A64_RZ)
A64_FP1(frinta_v, A64_F1_RINT, A64_RA)
A64_FP1(frintx_v, A64_F1_RINT, A64_RCUR | 8)
A64_FP1(frinti_v, A64_F1_RINT, A64_RCUR)
A64_FP1(fcvtns_v, A64_F1_CVTS, A64_RN)
A64_FP1(fcvtnu_v, A64_F1_CVTU, A64_RN)
A64_FP1(fcvtps_v, A64_F1_CVTS, A64_RP)
A64_FP1(fcvtpu_v, A64_F1_CVTU, A64_RP)
A64_FP1(fcvtms_v, A64_F1_CVTS, A64_RM)
A64_FP1(fcvtmu_v, A64_F1_CVTU, A64_RM)
A64_FP1(fcvtzs_v, A64_F1_CVTS, A64_RZ)
A64_FP1(fcvtzu_v, A64_F1_CVTU, A64_RZ)
A64_FP1(fcvtas_v, A64_F1_CVTS, A64_RA)
A64_FP1(fcvtau_v, A64_F1_CVTU, A64_RA)
A64_FP1(scvtf_v, A64_F1_SCVTF, 0)
A64_FP1(ucvtf_v, A64_F1_UCVTF, 0)
A64_FP1(frecpe, A64_F1_RECPE, 0)
A64_FP1(frsqrte, A64_F1_RSQRTE, 0)
A64_FP1(frecpx, A64_F1_RECPX, 0)
A64_FP1(urecpe, A64_F1_URECPE, 0)
A64_FP1(ursqrte, A64_F1_URSQRTE, 0)

/* ---- Precision changes: FCVTN/FCVTN2 (narrow into part Q), FCVTL/FCVTL2 (widen from
 * part Q), FCVTXN (round to odd). sz = 0: half <-> single, 1: single <-> double. ---- */

/* FPConvert with FPRounding_ODD: truncate, then set the lowest bit when inexact. */
static uint64_t a64_fp_convert_odd(A64Cpu *cpu, uint64_t x, uint32_t fpcr)
{
	uint32_t rz = (fpcr & ~A64_FPCR_RMODE) | (uint32_t)A64_RZ << 22;
	uint64_t r = a64_fp_convert(cpu, 32, 64, x, A64_RZ, rz);
	if (a64_fp_is_nan(true, x) || a64_fp_is_inf(false, r))
		return r;
	/* with FZ a tiny operand or result becomes FPZero(sign) (FPUnpack, FPRoundBase):
	 * exact, so no odd bit */
	if ((fpcr & A64_FPCR_FZ) && (r & 0x7fffffffu) == 0)
		return r;
	uint32_t back = (uint32_t)r;
	float f;
	double d;
	memcpy(&f, &back, 4);
	memcpy(&d, &x, 8);
	if ((double)f != d)
		r |= 1;
	return r;
}

static uint64_t a64_fcvt_narrow(void *cpu_, uint64_t insn, bool odd)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned sz = insn >> 22 & 1, w = sz ? 32 : 16, count = o.scalar ? 1 : 64 / w;
	A64V n = a64_vget(cpu, o.n), r = o.scalar ? (A64V){{0}} : a64_vget(cpu, o.d);
	uint32_t fpcr = cpu->fpcr;
	unsigned base = o.scalar ? 0 : o.q * count;
	for (unsigned i = 0; i < count; i++) {
		uint64_t x = a64_elt(&n, 2 * w, i);
		uint64_t v = odd ? a64_fp_convert_odd(cpu, x, fpcr)
				 : a64_fp_convert(cpu, w, 2 * w, x, A64_RCUR, fpcr);
		a64_set_elt(&r, w, base + i, v);
	}
	a64_vput(cpu, o.d, &r, o.scalar ? w / 8 : o.q ? 16 : 8);
	return 0;
}

A64_SIMD_HELPER(fcvtn) { return a64_fcvt_narrow(cpu_, insn, false); }
A64_SIMD_HELPER(fcvtxn) { return a64_fcvt_narrow(cpu_, insn, true); }

A64_SIMD_HELPER(fcvtl)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned sz = insn >> 22 & 1, w = sz ? 32 : 16, count = 64 / w;
	A64V n = a64_vget(cpu, o.n), r;
	uint32_t fpcr = cpu->fpcr;
	for (unsigned i = 0; i < count; i++)
		a64_set_elt(&r, 2 * w, i,
			    a64_fp_convert(cpu, 2 * w, w, a64_elt(&n, w, o.q * count + i), A64_RCUR, fpcr));
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

/* ---- Across lanes (4S only): Reduce() halves recursively. ---- */

static uint64_t a64_fp_reduce(void *cpu_, uint64_t insn, A64FpOp op)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), r = {{0}};
	uint32_t fpcr = cpu->fpcr;
	uint64_t lo = a64_fp_binop(cpu, op, false, n.u32[0], n.u32[1], fpcr);
	uint64_t hi = a64_fp_binop(cpu, op, false, n.u32[2], n.u32[3], fpcr);
	r.u32[0] = (uint32_t)a64_fp_binop(cpu, op, false, lo, hi, fpcr);
	a64_vput(cpu, o.d, &r, 4);
	return 0;
}

A64_SIMD_HELPER(fmaxnmv) { return a64_fp_reduce(cpu_, insn, A64_FOP_MAXNM); }
A64_SIMD_HELPER(fminnmv) { return a64_fp_reduce(cpu_, insn, A64_FOP_MINNM); }
A64_SIMD_HELPER(fmaxv) { return a64_fp_reduce(cpu_, insn, A64_FOP_MAX); }
A64_SIMD_HELPER(fminv) { return a64_fp_reduce(cpu_, insn, A64_FOP_MIN); }

/*
 * The aarch64 floating-point element operations (a64_fp.h): host SSE arithmetic with
 * the Arm rules applied where x86 differs. x86 propagates the first NaN operand even
 * when a later one is signaling and makes a negative "indefinite" NaN for invalid
 * operations; the Arm ARM's FPProcessNaNs takes the first signaling NaN, then the first
 * quiet one, and FPDefaultNaN is positive. Operations that are not plain IEEE arithmetic
 * (FPMax/FPMin with their zero and NaN rules, FPMulX, the reciprocal steps) are
 * written out from the pseudocode.
 *
 * Built with -frounding-math -ffp-contract=off -fno-math-errno (frontends.mk): the host
 * rounding mode changes at run time and a fused multiply-add must be asked for.
 */
#include <float.h>
#include <math.h>
#include <xmmintrin.h>

#include "frontends/aarch64/a64_fp.h"
#include "frontends/aarch64/fp_bits.h"

enum { A64_MX_FLAGS = 0x3f, A64_MX_RC = 0x6000 };
/* MXCSR rounding control for RN, RP, RM, RZ (FPCR.RMode order). */
static const uint32_t a64_mx_rc[4] = {0x0000, 0x4000, 0x2000, 0x6000};

/* IE -> IOC, ZE -> DZC, OE -> OFC, UE -> UFC, PE -> IXC; DE has no FPSR bit (IDC is
 * only for inputs flushed by FZ). */
static inline uint32_t a64_fp_mx_fpsr(uint32_t m) { return (m & 1) | ((m >> 1) & 0x1e); }

void a64_fp_fold(A64Cpu *cpu)
{
	uint32_t m = _mm_getcsr();
	if (m & A64_MX_FLAGS) {
		cpu->fpsr |= a64_fp_mx_fpsr(m);
		_mm_setcsr(m & ~(uint32_t)A64_MX_FLAGS);
	}
}

/* Strict path: folds pending flags, enters FPCR's rounding mode with clear flags. */
static uint32_t a64_fp_env_begin(A64Cpu *cpu, unsigned rmode)
{
	a64_fp_fold(cpu);
	uint32_t m = _mm_getcsr();
	uint32_t want = (m & ~(uint32_t)A64_MX_RC) | a64_mx_rc[rmode & 3];
	if (want != m)
		_mm_setcsr(want);
	return m;
}

/* Returns the flags the bracketed operation raised, as FPSR bits; restores MXCSR. */
static uint32_t a64_fp_env_end(uint32_t saved)
{
	uint32_t now = _mm_getcsr();
	_mm_setcsr(saved);
	return a64_fp_mx_fpsr(now);
}

/* The exact value of a single or double as a double. */
static inline double a64_val(bool dbl, uint64_t x) { return dbl ? a64_f64(x) : (double)a64_f32(x); }

/* FPUnpack's flush of a denormal input when FPCR.FZ is set (IDC). */
static inline uint64_t a64_fp_flush_in(A64Cpu *cpu, bool dbl, uint64_t x, uint32_t fpcr)
{
	if ((fpcr & A64_FPCR_FZ) && a64_fp_is_denormal(dbl, x)) {
		cpu->fpsr |= A64_FPSR_IDC;
		return x & a64_fp_sign(dbl);
	}
	return x;
}

uint64_t a64_fp_process_nans(A64Cpu *cpu, bool dbl, uint64_t a, uint64_t b, uint64_t c,
			     unsigned n, uint32_t fpcr)
{
	const uint64_t ops[3] = {a, b, c};
	uint64_t r = a64_fp_default_nan(dbl);
	unsigned i;
	for (i = 0; i < n; i++)
		if (a64_fp_is_snan(dbl, ops[i])) {
			cpu->fpsr |= A64_FPSR_IOC;
			r = ops[i] | a64_fp_qbit(dbl);
			break;
		}
	if (i == n)
		for (i = 0; i < n; i++)
			if (a64_fp_is_nan(dbl, ops[i])) {
				r = ops[i];
				break;
			}
	return fpcr & A64_FPCR_DN ? a64_fp_default_nan(dbl) : r;
}

uint64_t a64_fp_nan_result(bool dbl, uint64_t a, uint64_t b, uint32_t fpcr)
{
	if (fpcr & A64_FPCR_DN)
		return a64_fp_default_nan(dbl);
	if (a64_fp_is_snan(dbl, a))
		return a | a64_fp_qbit(dbl);
	if (a64_fp_is_snan(dbl, b))
		return b | a64_fp_qbit(dbl);
	if (a64_fp_is_nan(dbl, a))
		return a;
	if (a64_fp_is_nan(dbl, b))
		return b;
	return a64_fp_default_nan(dbl);
}

/* The IEEE operations the host computes: add sub mul div (and mul for NMUL/MULX). */
static uint64_t a64_fp_host2(A64FpOp op, bool dbl, uint64_t a, uint64_t b)
{
	if (dbl) {
		double x = a64_f64(a), y = a64_f64(b), r;
		A64_PIN(x);
		A64_PIN(y);
		r = op == A64_FOP_ADD ? x + y : op == A64_FOP_SUB || op == A64_FOP_ABD ? x - y
		    : op == A64_FOP_DIV ? x / y : x * y;
		A64_PIN(r);
		return a64_b64(r);
	}
	float x = a64_f32(a), y = a64_f32(b), r;
	A64_PIN(x);
	A64_PIN(y);
	r = op == A64_FOP_ADD ? x + y : op == A64_FOP_SUB || op == A64_FOP_ABD ? x - y
	    : op == A64_FOP_DIV ? x / y : x * y;
	A64_PIN(r);
	return a64_b32(r);
}

/* FPMax, FPMin, FPMaxNum, FPMinNum on unpacked (flushed) operands. */
static uint64_t a64_fp_minmax(A64Cpu *cpu, A64FpOp op, bool dbl, uint64_t a, uint64_t b,
			      uint32_t fpcr)
{
	bool max = op == A64_FOP_MAX || op == A64_FOP_MAXNM;
	if (op == A64_FOP_MAXNM || op == A64_FOP_MINNM) {
		bool qa = a64_fp_is_nan(dbl, a) && !a64_fp_is_snan(dbl, a);
		bool qb = a64_fp_is_nan(dbl, b) && !a64_fp_is_snan(dbl, b);
		uint64_t inf = a64_fp_expmask(dbl) | (max ? a64_fp_sign(dbl) : 0);
		if (qa && !qb)
			a = inf;
		else if (qb && !qa)
			b = inf;
	}
	if (a64_fp_is_nan(dbl, a) || a64_fp_is_nan(dbl, b))
		return a64_fp_process_nans(cpu, dbl, a, b, 0, 2, fpcr);
	double x = a64_val(dbl, a), y = a64_val(dbl, b);
	if (x == y) /* equal values, zeros of either sign: max ANDs the signs, min ORs */
		return max ? a & b : a | b;
	return (x > y) == max ? a : b;
}

/* FPMulX, FPRecipStepFused, FPRSqrtStepFused: the infinity-times-zero special cases;
 * returns false when the operation proceeds normally. */
static bool a64_fp_special_mul(A64FpOp op, bool dbl, uint64_t a, uint64_t b, uint64_t *r)
{
	bool inf_zero = (a64_fp_is_inf(dbl, a) && a64_fp_is_zero(dbl, b)) ||
			(a64_fp_is_zero(dbl, a) && a64_fp_is_inf(dbl, b));
	uint64_t sign = (a ^ b) & a64_fp_sign(dbl);
	if (op == A64_FOP_MULX) {
		if (!inf_zero)
			return false;
		*r = sign | (dbl ? 0x4000000000000000ull : 0x40000000u); /* FPTwo(sign) */
		return true;
	}
	/* the step ops negate op1 before anything else */
	if (inf_zero) {
		*r = op == A64_FOP_RECPS ? (dbl ? 0x4000000000000000ull : 0x40000000u)
					 : (dbl ? 0x3ff8000000000000ull : 0x3fc00000u);
		return true;
	}
	if (a64_fp_is_inf(dbl, a) || a64_fp_is_inf(dbl, b)) {
		*r = sign | a64_fp_expmask(dbl); /* FPInfinity(sign1 EOR sign2), op1 negated */
		return true;
	}
	return false;
}

/* 2 - a*b or (3 - a*b) / 2, each with one rounding. FPRSqrtStepFused halves before
 * rounding, so 3 - a*b must not be rounded (or overflow) first: the operand of larger
 * magnitude is halved instead, which is exact while it is at least twice the smallest
 * normal. When it is not, a*b is far below an ulp of 3 and rounding 3 - a*b then
 * halving (exact, near 1.5) gives the same result. */
static uint64_t a64_fp_step(A64FpOp op, bool dbl, uint64_t a, uint64_t b)
{
	bool rsqrt = op == A64_FOP_RSQRTS;
	uint64_t mag = ~a64_fp_sign(dbl);
	bool a_big = (a & mag) >= (b & mag);
	bool halve = rsqrt && ((a_big ? a : b) & mag) >= (dbl ? 2ull << 52 : 2u << 23);
	if (dbl) {
		double x = a64_f64(a), y = a64_f64(b), r;
		if (halve) {
			if (a_big)
				x = x / 2;
			else
				y = y / 2;
		}
		A64_PIN(x);
		A64_PIN(y);
		r = fma(-x, y, halve ? 1.5 : rsqrt ? 3.0 : 2.0);
		if (rsqrt && !halve)
			r = r / 2;
		A64_PIN(r);
		return a64_b64(r);
	}
	float x = a64_f32(a), y = a64_f32(b), r;
	if (halve) {
		if (a_big)
			x = x / 2;
		else
			y = y / 2;
	}
	A64_PIN(x);
	A64_PIN(y);
	r = fmaf(-x, y, halve ? 1.5f : rsqrt ? 3.0f : 2.0f);
	if (rsqrt && !halve)
		r = r / 2;
	A64_PIN(r);
	return a64_b32(r);
}

/* The operation on flushed operands, NaN results made Arm's. */
static uint64_t a64_fp_binop_core(A64Cpu *cpu, A64FpOp op, bool dbl, uint64_t a, uint64_t b,
				  uint32_t fpcr)
{
	uint64_t r, sign = a64_fp_sign(dbl);
	if (op >= A64_FOP_MAX && op <= A64_FOP_MINNM)
		return a64_fp_minmax(cpu, op, dbl, a, b, fpcr);
	if (op == A64_FOP_RECPS || op == A64_FOP_RSQRTS) {
		a ^= sign;
		if (a64_fp_is_nan(dbl, a) || a64_fp_is_nan(dbl, b))
			return a64_fp_process_nans(cpu, dbl, a, b, 0, 2, fpcr);
		if (a64_fp_special_mul(op, dbl, a, b, &r))
			return r;
		return a64_fp_step(op, dbl, a ^ sign, b);
	}
	if (op == A64_FOP_MULX && !a64_fp_is_nan(dbl, a) && !a64_fp_is_nan(dbl, b) &&
	    a64_fp_special_mul(op, dbl, a, b, &r))
		return r;
	r = a64_fp_host2(op, dbl, a, b);
	if (a64_fp_is_nan(dbl, r))
		r = a64_fp_nan_result(dbl, a, b, fpcr);
	if (op == A64_FOP_NMUL)
		r ^= sign;
	else if (op == A64_FOP_ABD)
		r &= ~sign;
	return r;
}

/* FPRound's flush to zero of a tiny result under FPCR.FZ: UFC, and no IXC. UFC alone
 * marks a result that was tiny before rounding (see a64_fp_rounded_up_to_normal). */
static uint64_t a64_fp_flush_out(bool dbl, uint64_t r, uint32_t *fl)
{
	if (a64_fp_is_denormal(dbl, r) || (*fl & A64_FPSR_UFC)) {
		*fl = (*fl & ~(A64_FPSR_IXC | A64_FPSR_UFC)) | A64_FPSR_UFC;
		return r & a64_fp_sign(dbl);
	}
	return r;
}

bool a64_fp_is_min_normal(bool dbl, uint64_t r)
{
	return (r & ~a64_fp_sign(dbl)) == (dbl ? 1ull << 52 : 1u << 23);
}

/* x86 detects tininess after rounding, the Arm ARM's FPRound before it: an inexact
 * result that rounded up to the smallest normal from below is an underflow (and is
 * flushed under FZ) on Arm only. Called for a result of +-min normal: the operation
 * rounded toward zero stays below the smallest normal exactly when the unrounded value
 * was below it. */
static bool a64_fp_binop_was_tiny(A64Cpu *cpu, A64FpOp op, bool dbl, uint64_t a, uint64_t b,
				  uint32_t fpcr)
{
	uint32_t saved = a64_fp_env_begin(cpu, A64_RZ);
	uint64_t z = a64_fp_binop_core(cpu, op, dbl, a, b, fpcr);
	a64_fp_env_end(saved);
	return !a64_fp_is_min_normal(dbl, z);
}

uint64_t a64_fp_binop(A64Cpu *cpu, A64FpOp op, bool dbl, uint64_t a, uint64_t b, uint32_t fpcr)
{
	if (a64_fp_std(fpcr)) {
		uint64_t r = a64_fp_binop_core(cpu, op, dbl, a, b, fpcr);
		if (a64_fp_is_min_normal(dbl, r) && a64_fp_binop_was_tiny(cpu, op, dbl, a, b, fpcr))
			cpu->fpsr |= A64_FPSR_UFC;
		return r;
	}
	a = a64_fp_flush_in(cpu, dbl, a, fpcr);
	b = a64_fp_flush_in(cpu, dbl, b, fpcr);
	uint32_t saved = a64_fp_env_begin(cpu, fpcr >> 22);
	uint64_t r = a64_fp_binop_core(cpu, op, dbl, a, b, fpcr);
	uint32_t fl = a64_fp_env_end(saved);
	if (a64_fp_is_min_normal(dbl, r) && (fl & A64_FPSR_IXC) &&
	    a64_fp_binop_was_tiny(cpu, op, dbl, a, b, fpcr))
		fl |= A64_FPSR_UFC;
	if (fpcr & A64_FPCR_FZ)
		r = a64_fp_flush_out(dbl, r, &fl);
	cpu->fpsr |= fl;
	return r;
}

/* fma(x, y, a) in single or double under the current host rounding mode. */
static uint64_t a64_fp_host_fma(bool dbl, uint64_t addend, uint64_t n, uint64_t m)
{
	if (dbl) {
		double a = a64_f64(addend), x = a64_f64(n), y = a64_f64(m), v;
		A64_PIN(a);
		A64_PIN(x);
		A64_PIN(y);
		v = fma(x, y, a);
		A64_PIN(v);
		return a64_b64(v);
	}
	float a = a64_f32(addend), x = a64_f32(n), y = a64_f32(m), v;
	A64_PIN(a);
	A64_PIN(x);
	A64_PIN(y);
	v = fmaf(x, y, a);
	A64_PIN(v);
	return a64_b32(v);
}

uint64_t a64_fp_muladd(A64Cpu *cpu, bool dbl, uint64_t addend, uint64_t n, uint64_t m,
		       bool neg_prod, uint32_t fpcr)
{
	if (neg_prod)
		n ^= a64_fp_sign(dbl);
	addend = a64_fp_flush_in(cpu, dbl, addend, fpcr);
	n = a64_fp_flush_in(cpu, dbl, n, fpcr);
	m = a64_fp_flush_in(cpu, dbl, m, fpcr);
	bool inf_zero = (a64_fp_is_inf(dbl, n) && a64_fp_is_zero(dbl, m)) ||
			(a64_fp_is_zero(dbl, n) && a64_fp_is_inf(dbl, m));
	if (a64_fp_is_nan(dbl, addend) || a64_fp_is_nan(dbl, n) || a64_fp_is_nan(dbl, m)) {
		uint64_t r = a64_fp_process_nans(cpu, dbl, addend, n, m, 3, fpcr);
		if (!a64_fp_is_snan(dbl, addend) && a64_fp_is_nan(dbl, addend) && inf_zero) {
			cpu->fpsr |= A64_FPSR_IOC;
			r = a64_fp_default_nan(dbl);
		}
		return r;
	}
	bool std = a64_fp_std(fpcr);
	uint32_t saved = std ? 0 : a64_fp_env_begin(cpu, fpcr >> 22);
	uint64_t r = a64_fp_host_fma(dbl, addend, n, m);
	if (a64_fp_is_nan(dbl, r))
		r = a64_fp_default_nan(dbl);
	uint32_t fl = std ? 0 : a64_fp_env_end(saved);
	if (a64_fp_is_min_normal(dbl, r)) {
		/* rounded toward zero, see a64_fp_binop_was_tiny */
		uint32_t rz = a64_fp_env_begin(cpu, A64_RZ);
		uint64_t z = a64_fp_host_fma(dbl, addend, n, m);
		a64_fp_env_end(rz);
		if (!a64_fp_is_min_normal(dbl, z))
			fl |= A64_FPSR_UFC;
	}
	if (!std && (fpcr & A64_FPCR_FZ))
		r = a64_fp_flush_out(dbl, r, &fl);
	cpu->fpsr |= fl;
	return r;
}

uint64_t a64_fp_sqrt(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr)
{
	a = a64_fp_flush_in(cpu, dbl, a, fpcr);
	if (a64_fp_is_nan(dbl, a))
		return a64_fp_process_nans(cpu, dbl, a, 0, 0, 1, fpcr);
	bool std = a64_fp_std(fpcr);
	uint32_t saved = std ? 0 : a64_fp_env_begin(cpu, fpcr >> 22);
	uint64_t r;
	if (dbl) {
		double x = a64_f64(a);
		A64_PIN(x);
		x = sqrt(x);
		A64_PIN(x);
		r = a64_b64(x);
	} else {
		float x = a64_f32(a);
		A64_PIN(x);
		x = sqrtf(x);
		A64_PIN(x);
		r = a64_b32(x);
	}
	if (a64_fp_is_nan(dbl, r))
		r = a64_fp_default_nan(dbl);
	if (!std)
		cpu->fpsr |= a64_fp_env_end(saved);
	return r;
}

/* Rounds x to an integral value; rounding A64_RN..A64_RA (no flags raised). */
static long double a64_fp_rint(long double x, unsigned rounding)
{
	switch (rounding) {
	case A64_RN: return roundevenl(x);
	case A64_RP: return ceill(x);
	case A64_RM: return floorl(x);
	case A64_RZ: return truncl(x);
	default: return roundl(x);
	}
}

uint64_t a64_fp_round_int(A64Cpu *cpu, bool dbl, uint64_t a, unsigned rounding, bool exact,
			  uint32_t fpcr)
{
	a = a64_fp_flush_in(cpu, dbl, a, fpcr);
	if (a64_fp_is_nan(dbl, a))
		return a64_fp_process_nans(cpu, dbl, a, 0, 0, 1, fpcr);
	if (a64_fp_is_inf(dbl, a) || a64_fp_is_zero(dbl, a))
		return a;
	if (rounding == A64_RCUR)
		rounding = fpcr >> 22 & 3;
	double v = a64_val(dbl, a);
	double r = (double)a64_fp_rint(v, rounding);
	if (exact && r != v)
		cpu->fpsr |= A64_FPSR_IXC;
	uint64_t bits = dbl ? a64_b64(r) : a64_b32((float)r);
	/* a zero result keeps the operand's sign (FPRoundInt) */
	return r == 0 ? (a & a64_fp_sign(dbl)) : bits;
}

uint64_t a64_fp_to_fixed(A64Cpu *cpu, bool dbl, uint64_t a, unsigned fbits, bool is_unsigned,
			 unsigned rounding, unsigned bits, uint32_t fpcr)
{
	a = a64_fp_flush_in(cpu, dbl, a, fpcr);
	if (a64_fp_is_nan(dbl, a)) {
		cpu->fpsr |= A64_FPSR_IOC;
		return 0;
	}
	if (rounding == A64_RCUR)
		rounding = fpcr >> 22 & 3;
	long double v = ldexpl((long double)a64_val(dbl, a), (int)fbits);
	long double r = a64_fp_rint(v, rounding);
	long double lo = is_unsigned ? 0.0L : -ldexpl(1.0L, (int)bits - 1);
	long double hi = is_unsigned ? ldexpl(1.0L, (int)bits) - 1 : ldexpl(1.0L, (int)bits - 1) - 1;
	uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
	if (r < lo || r > hi) {
		cpu->fpsr |= A64_FPSR_IOC;
		r = r < lo ? lo : hi;
	} else if (r != v) {
		cpu->fpsr |= A64_FPSR_IXC;
	}
	uint64_t out = is_unsigned ? (uint64_t)r : (uint64_t)(int64_t)r;
	return out & mask;
}

uint64_t a64_fp_from_fixed(A64Cpu *cpu, bool dbl, uint64_t v, unsigned fbits, bool is_unsigned,
			   unsigned bits, uint32_t fpcr)
{
	if (bits == 32)
		v = is_unsigned ? (uint32_t)v : (uint64_t)(int64_t)(int32_t)v;
	bool std = a64_fp_std(fpcr);
	uint32_t saved = std ? 0 : a64_fp_env_begin(cpu, fpcr >> 22);
	uint64_t r;
	if (dbl) {
		double d = is_unsigned ? (double)v : (double)(int64_t)v;
		A64_PIN(d);
		r = a64_b64(ldexp(d, -(int)fbits));
	} else {
		float f = is_unsigned ? (float)v : (float)(int64_t)v;
		A64_PIN(f);
		r = a64_b32(ldexpf(f, -(int)fbits));
	}
	if (!std)
		cpu->fpsr |= a64_fp_env_end(saved);
	return r;
}

uint32_t a64_fp_compare(A64Cpu *cpu, bool dbl, uint64_t a, uint64_t b, bool signaling,
			uint32_t fpcr)
{
	a = a64_fp_flush_in(cpu, dbl, a, fpcr);
	b = a64_fp_flush_in(cpu, dbl, b, fpcr);
	if (a64_fp_is_nan(dbl, a) || a64_fp_is_nan(dbl, b)) {
		if (signaling || a64_fp_is_snan(dbl, a) || a64_fp_is_snan(dbl, b))
			cpu->fpsr |= A64_FPSR_IOC;
		return 0x30000000u;
	}
	double x = a64_val(dbl, a), y = a64_val(dbl, b);
	return x == y ? 0x60000000u : x < y ? 0x80000000u : 0x20000000u;
}

bool a64_fp_compare_mask(A64Cpu *cpu, bool dbl, uint64_t a, uint64_t b, A64FpCmp cmp,
			 uint32_t fpcr)
{
	a = a64_fp_flush_in(cpu, dbl, a, fpcr);
	b = a64_fp_flush_in(cpu, dbl, b, fpcr);
	if (a64_fp_is_nan(dbl, a) || a64_fp_is_nan(dbl, b)) {
		if (cmp != A64_FCMP_EQ || a64_fp_is_snan(dbl, a) || a64_fp_is_snan(dbl, b))
			cpu->fpsr |= A64_FPSR_IOC;
		return false;
	}
	double x = a64_val(dbl, a), y = a64_val(dbl, b);
	switch (cmp) {
	case A64_FCMP_EQ: return x == y;
	case A64_FCMP_GE: return x >= y;
	case A64_FCMP_GT: return x > y;
	case A64_FCMP_ACGE: return fabs(x) >= fabs(y);
	default: return fabs(x) > fabs(y);
	}
}

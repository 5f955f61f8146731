/*
 * FPConvert between half, single and double precision, and the reciprocal and
 * reciprocal square root estimates (a64_fp.h). Half precision has no host arithmetic
 * here (F16C is optional), so conversions to and from it are done by hand from the
 * Arm ARM's FPRoundCV and FPUnpackCV, including the alternative half-precision format
 * (FPCR.AHP: no infinities or NaNs, exponent 31 holds normal numbers). The estimates
 * follow RecipEstimate and RecipSqrtEstimate exactly: they must match hardware bit
 * for bit, since software compares against known results of the instructions.
 *
 * Built with the same FP flags as fp_core.c.
 */
#include <math.h>
#include <xmmintrin.h>

#include "frontends/aarch64/a64_fp.h"
#include "frontends/aarch64/fp_bits.h"

/* Field layout of the three formats. */
typedef struct A64FpFmt {
	unsigned bits, ebits, fbits;
} A64FpFmt;

static const A64FpFmt a64_fmt16 = {16, 5, 10}, a64_fmt32 = {32, 8, 23}, a64_fmt64 = {64, 11, 52};

static const A64FpFmt *a64_fmt(unsigned bits)
{
	return bits == 16 ? &a64_fmt16 : bits == 32 ? &a64_fmt32 : &a64_fmt64;
}

/* FPConvertNaN: sign kept, the payload's top bits moved to the new width, quiet. */
static uint64_t a64_fp_convert_nan(const A64FpFmt *to, const A64FpFmt *from, uint64_t a)
{
	uint64_t sign = a >> (from->bits - 1) & 1;
	uint64_t frac = a & ((1ull << from->fbits) - 1);
	frac = to->fbits >= from->fbits ? frac << (to->fbits - from->fbits)
					: frac >> (from->fbits - to->fbits);
	uint64_t exp = (1ull << to->ebits) - 1;
	return sign << (to->bits - 1) | exp << to->fbits | frac | 1ull << (to->fbits - 1);
}

/* A half (IEEE or AHP) as its exact double value; NaN/inf handled by the caller. */
static double a64_fp_half_value(uint64_t h)
{
	int exp = (int)(h >> 10 & 31);
	double m = (double)(h & 0x3ff);
	double v = exp ? ldexp(1024 + m, exp - 25) : ldexp(m, -24);
	return h & 0x8000 ? -v : v;
}

/* Rounds the magnitude q (0 <= q < 2^63) to an integer per rounding mode and sign, as
 * FPRoundBase rounds int_mant, and reports whether that lost anything. Done on q's bits
 * rather than with trunc or ceil: the host's flags hold the guest's (a64_fp.h), and the
 * compiler's inline forms of those (cvttsd2si) raise the host's inexact for a
 * non-integer q, which would leak IXC where FPRoundBase clears its error (AHP
 * overflow). */
static uint64_t a64_fp_round_mag(double q, unsigned rounding, bool neg, bool *inexact)
{
	uint64_t b = a64_b64(q);
	int exp = (int)(b >> 52 & 0x7ff);
	uint64_t m = b & ((1ull << 52) - 1);
	if (exp)
		m |= 1ull << 52;
	else
		exp = 1;
	int shift = 1075 - exp; /* q = m * 2^-shift */
	if (shift <= 0) {
		*inexact = false;
		return m << -shift;
	}
	uint64_t ip = shift < 64 ? m >> shift : 0;
	uint64_t rem = shift < 64 ? m & ((1ull << shift) - 1) : m;
	/* rem against half a unit: below (-1), equal (0) or above (1); m < 2^53, so any
	 * shift past 53 leaves it below */
	uint64_t halfunit = shift < 64 ? 1ull << (shift - 1) : 0;
	int half = shift >= 64 ? -1 : rem < halfunit ? -1 : rem > halfunit;
	bool up;
	switch (rounding) {
	case A64_RN: up = half > 0 || (half == 0 && (ip & 1)); break;
	case A64_RZ: up = false; break;
	case A64_RP: up = !neg && rem; break;
	case A64_RM: up = neg && rem; break;
	default: up = half >= 0; break;
	}
	*inexact = rem != 0;
	return ip + up;
}

/* FPRoundCV of finite nonzero-or-zero x to half precision (tininess before rounding). */
static uint64_t a64_fp_to_half(A64Cpu *cpu, double x, unsigned rounding, bool ahp)
{
	bool neg = signbit(x);
	uint64_t sign = neg ? 0x8000 : 0;
	double mag = fabs(x);
	if (mag == 0)
		return sign;
	int e;
	frexp(mag, &e);
	e -= 1; /* 2^e <= mag < 2^(e+1) */
	int qexp = e < -14 ? -24 : e - 10;
	double q = ldexp(mag, -qexp);
	bool inexact;
	uint64_t n = a64_fp_round_mag(q, rounding, neg, &inexact);
	double v = ldexp((double)n, qexp);
	double limit = ahp ? 131072.0 : 65536.0;
	if (v >= limit) {
		if (ahp) {
			cpu->fpsr |= A64_FPSR_IOC;
			return sign | 0x7fff;
		}
		cpu->fpsr |= A64_FPSR_OFC | A64_FPSR_IXC;
		bool to_inf = rounding == A64_RN || rounding == A64_RA ||
			      (rounding == A64_RP && !neg) || (rounding == A64_RM && neg);
		return sign | (to_inf ? 0x7c00 : 0x7bff);
	}
	if (inexact)
		cpu->fpsr |= A64_FPSR_IXC | (e < -14 ? A64_FPSR_UFC : 0);
	if (v < 0x1p-14)
		return sign | n;
	frexp(v, &e);
	e -= 1;
	uint64_t frac = (uint64_t)(ldexp(v, -e) * 1024) & 0x3ff;
	return sign | (uint64_t)(e + 15) << 10 | frac;
}

static uint64_t a64_fp_from_half(A64Cpu *cpu, unsigned to, uint64_t h, uint32_t fpcr)
{
	bool ahp = fpcr & A64_FPCR_AHP;
	if (!ahp && (h & 0x7c00) == 0x7c00) {
		if (h & 0x3ff) { /* NaN */
			if (!(h & 0x200))
				cpu->fpsr |= A64_FPSR_IOC;
			if (fpcr & A64_FPCR_DN)
				return a64_fp_default_nan(to == 64);
			return a64_fp_convert_nan(a64_fmt(to), &a64_fmt16, h);
		}
		uint64_t inf = a64_fp_expmask(to == 64) | (h & 0x8000 ? a64_fp_sign(to == 64) : 0);
		return inf;
	}
	double v = a64_fp_half_value(h);
	return to == 64 ? a64_b64(v) : a64_b32((float)v); /* exact */
}

/* Single <-> double on the host under FPCR's rounding (the only inexact direction is
 * narrowing); NaNs by FPConvertNaN. */
static uint64_t a64_fp_convert_sd(A64Cpu *cpu, unsigned to, uint64_t a, uint32_t fpcr)
{
	bool from_dbl = to == 32;
	if (a64_fp_is_nan(from_dbl, a)) {
		if (a64_fp_is_snan(from_dbl, a))
			cpu->fpsr |= A64_FPSR_IOC;
		if (fpcr & A64_FPCR_DN)
			return a64_fp_default_nan(!from_dbl);
		return a64_fp_convert_nan(a64_fmt(to), a64_fmt(from_dbl ? 64 : 32), a);
	}
	if ((fpcr & A64_FPCR_FZ) && a64_fp_is_denormal(from_dbl, a)) {
		cpu->fpsr |= A64_FPSR_IDC;
		a &= a64_fp_sign(from_dbl);
	}
	if (to == 64)
		return a64_b64((double)a64_f32(a));
	a64_fp_fold(cpu);
	uint32_t saved = _mm_getcsr();
	static const uint32_t rc[4] = {0x0000, 0x4000, 0x2000, 0x6000};
	_mm_setcsr((saved & ~0x6000u) | rc[fpcr >> 22 & 3]);
	double d = a64_f64(a);
	A64_PIN(d);
	float f = (float)d;
	A64_PIN(f);
	uint32_t now = _mm_getcsr();
	uint32_t fl = (now & 1) | ((now >> 1) & 0x1e);
	uint64_t r = a64_b32(f);
	if (a64_fp_is_min_normal(false, r) && (fl & A64_FPSR_IXC)) {
		/* x86 detects tininess after rounding, FPRound before: the conversion rounded
		 * toward zero stays below the smallest normal exactly when d was below it */
		_mm_setcsr((saved & ~0x6000u) | 0x6000u);
		A64_PIN(d);
		float z = (float)d;
		A64_PIN(z);
		if (!a64_fp_is_min_normal(false, a64_b32(z)))
			fl |= A64_FPSR_UFC;
	}
	_mm_setcsr(saved);
	if ((fpcr & A64_FPCR_FZ) && (a64_fp_is_denormal(false, r) || (fl & A64_FPSR_UFC))) {
		fl = (fl & ~(A64_FPSR_IXC | A64_FPSR_UFC)) | A64_FPSR_UFC;
		r &= 0x80000000u;
	}
	cpu->fpsr |= fl;
	return r;
}

uint64_t a64_fp_convert(A64Cpu *cpu, unsigned to, unsigned from, uint64_t a, unsigned rounding,
			uint32_t fpcr)
{
	if (rounding == A64_RCUR)
		rounding = fpcr >> 22 & 3;
	if (from == 16)
		return a64_fp_from_half(cpu, to, a, fpcr);
	if (to != 16)
		return a64_fp_convert_sd(cpu, to, a, fpcr);
	bool dbl = from == 64, ahp = fpcr & A64_FPCR_AHP;
	if (a64_fp_is_nan(dbl, a)) {
		if (ahp || a64_fp_is_snan(dbl, a))
			cpu->fpsr |= A64_FPSR_IOC;
		if (ahp) /* FPConvert: NaN has no AHP encoding: FPZero(sign) */
			return a & a64_fp_sign(dbl) ? 0x8000 : 0;
		if (fpcr & A64_FPCR_DN)
			return 0x7e00;
		return a64_fp_convert_nan(&a64_fmt16, a64_fmt(from), a);
	}
	if (a64_fp_is_inf(dbl, a)) {
		uint64_t sign = a & a64_fp_sign(dbl) ? 0x8000 : 0;
		if (ahp) {
			cpu->fpsr |= A64_FPSR_IOC;
			return sign | 0x7fff;
		}
		return sign | 0x7c00;
	}
	if ((fpcr & A64_FPCR_FZ) && a64_fp_is_denormal(dbl, a)) {
		cpu->fpsr |= A64_FPSR_IDC;
		a &= a64_fp_sign(dbl);
	}
	double v = dbl ? a64_f64(a) : (double)a64_f32(a);
	return a64_fp_to_half(cpu, v, rounding, ahp);
}

/* ---- Estimates (Arm ARM: RecipEstimate, RecipSqrtEstimate and their FP wrappers). */

unsigned a64_recip_estimate9(unsigned a)
{
	a = a * 2 + 1;
	unsigned b = (1u << 19) / a;
	return (b + 1) / 2;
}

unsigned a64_rsqrt_estimate9(unsigned a)
{
	if (a < 256)
		a = a * 2 + 1;
	else
		a = ((a >> 1) << 1) * 2 + 2;
	unsigned b = 512;
	while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
		b++;
	return (b + 1) / 2;
}

/* Operand fraction as 52 bits and its biased exponent (FPRecipEstimate's scaling). */
static void a64_fp_est_parts(bool dbl, uint64_t a, uint64_t *frac, int *exp)
{
	if (dbl) {
		*frac = a & 0x000fffffffffffffull;
		*exp = (int)(a >> 52 & 0x7ff);
	} else {
		*frac = (a & 0x7fffffu) << 29;
		*exp = (int)(a >> 23 & 0xff);
	}
}

static uint64_t a64_fp_est_pack(bool dbl, uint64_t sign, int exp, uint64_t frac52)
{
	if (dbl)
		return sign << 63 | (uint64_t)(exp & 0x7ff) << 52 | (frac52 & 0x000fffffffffffffull);
	return sign << 31 | (uint64_t)(exp & 0xff) << 23 | (frac52 >> 29 & 0x7fffff);
}

uint64_t a64_fp_recip_estimate(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr)
{
	uint64_t signbit = a64_fp_sign(dbl), sign = (a & signbit) ? 1 : 0;
	if ((fpcr & A64_FPCR_FZ) && a64_fp_is_denormal(dbl, a)) {
		cpu->fpsr |= A64_FPSR_IDC;
		a &= signbit;
	}
	if (a64_fp_is_nan(dbl, a))
		return a64_fp_process_nans(cpu, dbl, a, 0, 0, 1, fpcr);
	if (a64_fp_is_inf(dbl, a))
		return a & signbit;
	if (a64_fp_is_zero(dbl, a)) {
		cpu->fpsr |= A64_FPSR_DZC;
		return (a & signbit) | a64_fp_expmask(dbl);
	}
	double mag = fabs(dbl ? a64_f64(a) : (double)a64_f32(a));
	if (mag < (dbl ? 0x1p-1024 : 0x1p-128)) {
		unsigned rm = fpcr >> 22 & 3;
		bool to_inf = rm == A64_RN || (rm == A64_RP && !sign) || (rm == A64_RM && sign);
		cpu->fpsr |= A64_FPSR_OFC | A64_FPSR_IXC;
		uint64_t maxn = a64_fp_expmask(dbl) - (dbl ? 1ull << 52 : 1u << 23) + a64_fp_fracmask(dbl);
		return (a & signbit) | (to_inf ? a64_fp_expmask(dbl) : maxn);
	}
	if ((fpcr & A64_FPCR_FZ) && mag >= (dbl ? 0x1p1022 : 0x1p126)) {
		cpu->fpsr |= A64_FPSR_UFC;
		return a & signbit;
	}
	uint64_t frac;
	int exp;
	a64_fp_est_parts(dbl, a, &frac, &exp);
	if (exp == 0) {
		if (!(frac >> 51 & 1)) {
			exp = -1;
			frac = (frac << 2) & 0x000fffffffffffffull;
		} else {
			frac = (frac << 1) & 0x000fffffffffffffull;
		}
	}
	unsigned scaled = 256 | (unsigned)(frac >> 44 & 0xff);
	int rexp = (dbl ? 2045 : 253) - exp;
	unsigned est = a64_recip_estimate9(scaled);
	frac = (uint64_t)(est & 0xff) << 44;
	if (rexp == 0) {
		frac = 1ull << 51 | frac >> 1;
	} else if (rexp == -1) {
		frac = 1ull << 50 | frac >> 2;
		rexp = 0;
	}
	return a64_fp_est_pack(dbl, sign, rexp, frac);
}

uint64_t a64_fp_rsqrt_estimate(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr)
{
	uint64_t signbit = a64_fp_sign(dbl);
	if ((fpcr & A64_FPCR_FZ) && a64_fp_is_denormal(dbl, a)) {
		cpu->fpsr |= A64_FPSR_IDC;
		a &= signbit;
	}
	if (a64_fp_is_nan(dbl, a))
		return a64_fp_process_nans(cpu, dbl, a, 0, 0, 1, fpcr);
	if (a64_fp_is_zero(dbl, a)) {
		cpu->fpsr |= A64_FPSR_DZC;
		return (a & signbit) | a64_fp_expmask(dbl);
	}
	if (a & signbit) {
		cpu->fpsr |= A64_FPSR_IOC;
		return a64_fp_default_nan(dbl);
	}
	if (a64_fp_is_inf(dbl, a))
		return 0;
	uint64_t frac;
	int exp;
	a64_fp_est_parts(dbl, a, &frac, &exp);
	if (exp == 0) {
		while (!(frac >> 51 & 1)) {
			frac = (frac << 1) & 0x000fffffffffffffull;
			exp--;
		}
		frac = (frac << 1) & 0x000fffffffffffffull;
	}
	/* an odd biased exponent is an even power of two: 0.25 <= scaled < 0.5 */
	unsigned scaled = (exp & 1) ? 128 | (unsigned)(frac >> 45 & 0x7f)
				    : 256 | (unsigned)(frac >> 44 & 0xff);
	int rexp = ((dbl ? 3068 : 380) - exp) / 2;
	unsigned est = a64_rsqrt_estimate9(scaled);
	return a64_fp_est_pack(dbl, 0, rexp, (uint64_t)(est & 0xff) << 44);
}

uint32_t a64_fp_urecip_estimate(uint32_t a)
{
	if (!(a >> 31))
		return 0xffffffffu;
	return (a64_recip_estimate9(a >> 23) & 0x1ff) << 23;
}

uint32_t a64_fp_ursqrt_estimate(uint32_t a)
{
	if (!(a >> 30))
		return 0xffffffffu;
	unsigned scaled = a >> 31 ? 256 | (a >> 23 & 0xff) : 128 | (a >> 23 & 0x7f);
	return (a64_rsqrt_estimate9(scaled) & 0x1ff) << 23;
}

uint64_t a64_fp_recpx(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr)
{
	if ((fpcr & A64_FPCR_FZ) && a64_fp_is_denormal(dbl, a)) {
		cpu->fpsr |= A64_FPSR_IDC;
		a &= a64_fp_sign(dbl);
	}
	if (a64_fp_is_nan(dbl, a))
		return a64_fp_process_nans(cpu, dbl, a, 0, 0, 1, fpcr);
	uint64_t em = a64_fp_expmask(dbl), sign = a & a64_fp_sign(dbl);
	uint64_t exp = a & em;
	if (exp == 0)
		return sign | (em - (dbl ? 1ull << 52 : 1u << 23)); /* max_exp = Ones(E-1):'0' */
	return sign | (~exp & em);
}

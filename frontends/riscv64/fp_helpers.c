/*
 * The riscv64 F/D helpers (see fp_helpers.h). Arithmetic runs on the host's SSE unit:
 * MXCSR is set to the instruction's rounding mode with its exception flags cleared, the
 * operation runs, and the flags MXCSR collected become fflags bits. RNE/RTZ/RDN/RUP map
 * onto MXCSR rounding control directly; RMM (ties away from zero) has no x86 equivalent,
 * so it computes the result in the x87 64-bit extended format rounded toward zero with
 * the sticky bit folded into the last place ("round to odd", valid because 64 >= p + 2
 * for both formats), then rounds that to the target format by hand. Conversions to
 * integers use the exact C rounding functions and range checks instead of the host's
 * conversion, whose out-of-range result (the "integer indefinite") is not RISC-V's.
 *
 * The file is built with -frounding-math -ffp-contract=off -fno-math-errno (see
 * frontends.mk); RV_FP_PIN keeps the compiler from moving an operation across the
 * MXCSR writes around it.
 *
 * Host flags as guest state: inline FP code (translate_fp.c) leaves its exception flags
 * in MXCSR, so the architectural fflags is RiscvCpu.fflags | the mapped MXCSR flags.
 * rv_fp_fold moves the MXCSR flags into RiscvCpu.fflags and clears them; it runs at the
 * start of every helper that clears or tests MXCSR flags and as the GuestArch sync_state
 * hook whenever guest execution stops. Flags a helper leaves in MXCSR afterwards are
 * ones it also ORed into fflags, so folding them again changes nothing. The fflags/fcsr
 * CSR translators touch neither the CPU struct nor MXCSR more than they must: a read ORs
 * rv_fp_host_flags_helper's result into the value it reads, and a write of v calls
 * rv_fp_host_limit_helper, which clears MXCSR's flags only when some of them are not in
 * v (LDMXCSR is slow, and the frflags / compare / fsflags sequence compilers emit
 * around quiet comparisons usually restores a superset of what MXCSR holds).
 */
#include "frontends/riscv64/fp_helpers.h"

#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <xmmintrin.h>

#include "frontends/riscv64/rv_cpu.h"

#if !defined(__x86_64__) || LDBL_MANT_DIG != 64
#error "fp_helpers.c needs an x86-64 host (SSE rounding control, x87 extended format)"
#endif

/* Bit layout of an IEEE binary format. */
typedef struct RvFpFmt {
	unsigned bits;  /* 32 or 64 */
	unsigned prec;  /* significand bits, hidden bit included */
	int emin, emax; /* exponent range of normal numbers */
	uint64_t canon; /* the canonical NaN */
} RvFpFmt;

static const RvFpFmt rv_fp_fmt_s = {32, 24, -126, 127, RV_FP_CANON_S};
static const RvFpFmt rv_fp_fmt_d = {64, 53, -1022, 1023, RV_FP_CANON_D};

static inline uint64_t rv_fp_sign(const RvFpFmt *f)
{
	return UINT64_C(1) << (f->bits - 1);
}
static inline uint64_t rv_fp_frac(const RvFpFmt *f)
{
	return (UINT64_C(1) << (f->prec - 1)) - 1;
}
static inline uint64_t rv_fp_quiet(const RvFpFmt *f)
{
	return UINT64_C(1) << (f->prec - 2);
}
static inline uint64_t rv_fp_expo(const RvFpFmt *f)
{
	return (rv_fp_sign(f) - 1) & ~rv_fp_frac(f);
}

static inline bool rv_fp_is_nan(const RvFpFmt *f, uint64_t x)
{
	return (x & rv_fp_expo(f)) == rv_fp_expo(f) && (x & rv_fp_frac(f));
}

static inline bool rv_fp_is_snan(const RvFpFmt *f, uint64_t x)
{
	return rv_fp_is_nan(f, x) && !(x & rv_fp_quiet(f));
}

/* spec: a single whose upper 32 bits are not all ones is not a valid NaN-boxed value
 * and reads as the canonical NaN. */
static inline uint32_t rv_fp_unbox(uint64_t v)
{
	return (v >> 32) == 0xffffffffu ? (uint32_t)v : (uint32_t)RV_FP_CANON_S;
}

static inline float rv_fp_f32(uint32_t bits)
{
	float v;
	memcpy(&v, &bits, sizeof v);
	return v;
}

static inline double rv_fp_f64(uint64_t bits)
{
	double v;
	memcpy(&v, &bits, sizeof v);
	return v;
}

static inline uint32_t rv_fp_bits32(float v)
{
	uint32_t bits;
	memcpy(&bits, &v, sizeof bits);
	return bits;
}

static inline uint64_t rv_fp_bits64(double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	return bits;
}

/* A value of format f (single already unboxed) widened exactly to double. */
static inline double rv_fp_value(const RvFpFmt *f, uint64_t x)
{
	return f->bits == 32 ? (double)rv_fp_f32((uint32_t)x) : rv_fp_f64(x);
}

/* A result of format f as an f-register pattern: spec: NaN results are canonical,
 * singles are NaN-boxed. */
static inline uint64_t rv_fp_result(const RvFpFmt *f, uint64_t x)
{
	if (rv_fp_is_nan(f, x))
		x = f->canon;
	return f->bits == 32 ? x | RV_FP_BOX : x;
}

#define RV_FP_PIN(v)     __asm__ volatile("" : "+x"(v))
#define RV_FP_PIN_INT(v) __asm__ volatile("" : "+r"(v))
#define RV_FP_PIN_MEM(v) __asm__ volatile("" : "+m"(v) : : "memory")

/* ---- Host environment: MXCSR rounding control and exception flags. ---- */

enum { RV_MXCSR_FLAGS = 0x3f, RV_MXCSR_RC = 0x6000 };

/* MXCSR rounding control for RNE, RTZ, RDN, RUP. */
static const uint32_t rv_fp_mxcsr_rc[4] = {0x0000, 0x6000, 0x2000, 0x4000};

/* MXCSR flags: IE bit 0 -> NV, ZE bit 2 -> DZ, OE bit 3 -> OF, UE bit 4 -> UF, PE bit 5 ->
 * NX; the denormal-operand flag (bit 1) has no RISC-V counterpart. */
static inline unsigned rv_fp_mxcsr_fflags(uint32_t m)
{
	return ((m & 1) << 4) | ((m & 4) << 1) | ((m & 8) >> 1) | ((m & 16) >> 3) | ((m & 32) >> 5);
}

/* Folds the flags in mxcsr (its current value) into fflags and clears them in MXCSR;
 * returns the MXCSR value now in effect. */
static inline uint32_t rv_fp_fold_csr(RiscvCpu *cpu, uint32_t mxcsr)
{
	if (!(mxcsr & RV_MXCSR_FLAGS))
		return mxcsr;
	cpu->fflags |= rv_fp_mxcsr_fflags(mxcsr);
	mxcsr &= ~(uint32_t)RV_MXCSR_FLAGS;
	_mm_setcsr(mxcsr);
	return mxcsr;
}

static void rv_fp_fold(RiscvCpu *cpu)
{
	rv_fp_fold_csr(cpu, _mm_getcsr());
}

/* Enters rm with MXCSR's flags clear (the inline code's flags folded first); returns
 * the MXCSR to restore. */
static inline uint32_t rv_fp_env_enter(RiscvCpu *cpu, unsigned rm)
{
	uint32_t saved = rv_fp_fold_csr(cpu, _mm_getcsr());
	uint32_t want = (saved & ~(uint32_t)RV_MXCSR_RC) | rv_fp_mxcsr_rc[rm & 3];
	if (want != saved)
		_mm_setcsr(want);
	return saved;
}

/* Reads the flags the operation raised and restores the host rounding mode when it was
 * changed (an RNE operation leaves MXCSR untouched, its flags included). */
static inline unsigned rv_fp_env_leave(uint32_t saved)
{
	uint32_t now = _mm_getcsr();
	if ((now ^ saved) & RV_MXCSR_RC)
		_mm_setcsr(saved);
	return rv_fp_mxcsr_fflags(now);
}

static unsigned rv_fp_fenv_flags(int ex)
{
	return (ex & FE_INVALID ? RV_FF_NV : 0) | (ex & FE_DIVBYZERO ? RV_FF_DZ : 0) |
	       (ex & FE_OVERFLOW ? RV_FF_OF : 0) | (ex & FE_UNDERFLOW ? RV_FF_UF : 0) |
	       (ex & FE_INEXACT ? RV_FF_NX : 0);
}

/* spec: fused multiply-add raises NV for infinity times zero even when the addend is a
 * quiet NaN (IEEE leaves that case to the implementation). */
static inline bool rv_fp_inf_times_zero(double a, double b)
{
	return (isinf(a) && b == 0) || (a == 0 && isinf(b));
}

/* ---- RMM: round to nearest, ties to max magnitude, done by hand. ---- */

/* Keeps the top `keep` bits of m, rounding half away from zero; `lost` tells whether
 * any nonzero bit was dropped. keep <= 0 leaves nothing above the rounding position. */
static uint64_t rv_fp_round_away(uint64_t m, int keep, bool *lost)
{
	if (keep <= 0) {
		*lost = m != 0;
		return keep == 0 ? m >> 63 : 0;
	}
	uint64_t rest = m << keep;
	*lost = rest != 0;
	return (m >> (64 - keep)) + (rest >> 63);
}

/* Rounds finite nonzero x to format f with RMM. x is exact, or was rounded toward zero
 * to the 64-bit extended significand with `sticky` telling it was inexact. Tininess is
 * detected after rounding (spec), as is overflow. */
static long double rv_fp_round_rmm(const RvFpFmt *f, long double x, bool sticky, unsigned *fl)
{
	int e;
	long double frac = frexpl(fabsl(x), &e);
	uint64_t m = (uint64_t)ldexpl(frac, 64) | sticky; /* |x| = m * 2^(e - 64) */
	e -= 1;                                           /* normalized: 2^e <= |x| */
	int keep = (int)f->prec - (e < f->emin ? f->emin - e : 0);
	bool lost, unused;
	uint64_t q = rv_fp_round_away(m, keep, &lost);
	bool tiny = e < f->emin &&
	            !(e == f->emin - 1 && rv_fp_round_away(m, (int)f->prec, &unused) >> f->prec);
	long double mag = ldexpl((long double)q, e - keep + 1);
	if (mag >= ldexpl(1.0L, f->emax + 1)) {
		*fl |= RV_FF_OF | RV_FF_NX;
		mag = INFINITY;
	} else if (lost) {
		*fl |= RV_FF_NX | (tiny ? RV_FF_UF : 0);
	}
	return copysignl(mag, x);
}

/* Packs an RMM result: NaN and exact infinities or zeros keep the host's NV/DZ, finite
 * values are rounded by hand. */
static uint64_t rv_fp_finish_rmm(RiscvCpu *cpu, const RvFpFmt *f, long double r, int ex,
                                 bool extra_nv)
{
	unsigned fl = rv_fp_fenv_flags(ex) & (RV_FF_NV | RV_FF_DZ);
	if (isnan(r))
		fl |= extra_nv ? RV_FF_NV : 0;
	else if (!isinf(r) && r != 0)
		r = rv_fp_round_rmm(f, r, ex & FE_INEXACT, &fl);
	cpu->fflags |= fl;
	/* r is now exactly representable in f (or NaN, which rv_fp_result canonicalizes) */
	uint64_t bits = f->bits == 32 ? rv_fp_bits32((float)r) : rv_fp_bits64((double)r);
	return rv_fp_result(f, bits);
}

typedef long double (*RvFpKernX)(long double a, long double b, long double c);

static inline long double rv_fp_to_x(const RvFpFmt *f, uint64_t x)
{
	return f->bits == 32 ? (long double)rv_fp_f32((uint32_t)x) : (long double)rv_fp_f64(x);
}

/* The RMM path of an arithmetic op: evaluated in x87 extended precision rounded toward
 * zero (round to odd through the inexact flag), then rounded to f. */
static uint64_t rv_fp_arith_rmm(RiscvCpu *cpu, const RvFpFmt *f, uint64_t a, uint64_t b, uint64_t c,
                                RvFpKernX kx, bool fused)
{
	rv_fp_fold(cpu); /* feclearexcept below clears MXCSR's flags too */
	int saved = fegetround();
	fesetround(FE_TOWARDZERO);
	feclearexcept(FE_ALL_EXCEPT);
	long double xa = rv_fp_to_x(f, a), xb = rv_fp_to_x(f, b), xc = rv_fp_to_x(f, c);
	RV_FP_PIN_MEM(xa);
	RV_FP_PIN_MEM(xb);
	RV_FP_PIN_MEM(xc);
	long double r = kx(xa, xb, xc);
	RV_FP_PIN_MEM(r);
	int ex = fetestexcept(FE_ALL_EXCEPT);
	fesetround(saved);
	bool nv = fused && rv_fp_inf_times_zero(rv_fp_value(f, a), rv_fp_value(f, b));
	return rv_fp_finish_rmm(cpu, f, r, ex, nv);
}

/* An exact value (an integer or a wider float) rounded to f with RMM. */
static uint64_t rv_fp_from_x_rmm(RiscvCpu *cpu, const RvFpFmt *f, long double x)
{
	return rv_fp_finish_rmm(cpu, f, x, 0, false);
}

/* ---- Arithmetic: add sub mul div sqrt and the four fused multiply-adds. ---- */

typedef float (*RvFpKernS)(float a, float b, float c);
typedef double (*RvFpKernD)(double a, double b, double c);

/* rv_fp_arith_s and rv_fp_arith_d: one body over the format's bit type UT and C type FT,
 * so that each is inlined into its helpers with no format test on the fast path.
 * Singles are unboxed first; doubles pass through rv_fp_no_box. */
static inline uint64_t rv_fp_no_box(uint64_t v)
{
	return v;
}

#define RV_FP_DEFINE_ARITH_FMT(sfx, UT, FT, KernT, fmt, unbox, from_bits, to_bits)                 \
	static inline __attribute__((always_inline))                                               \
	uint64_t rv_fp_arith_##sfx(void *cpu, uint64_t rm, uint64_t ra, uint64_t rb, uint64_t rc,  \
	                           KernT k, RvFpKernX kx, bool fused)                              \
	{                                                                                          \
		UT ua = unbox(ra), ub = unbox(rb), uc = unbox(rc);                                 \
		if (rm == RV_RM_RMM)                                                               \
			return rv_fp_arith_rmm(cpu, &fmt, ua, ub, uc, kx, fused);                  \
		FT a = from_bits(ua), b = from_bits(ub), c = from_bits(uc);                        \
		uint32_t env = rv_fp_env_enter(cpu, (unsigned)rm);                                 \
		RV_FP_PIN(a);                                                                      \
		RV_FP_PIN(b);                                                                      \
		RV_FP_PIN(c);                                                                      \
		FT r = k(a, b, c);                                                                 \
		RV_FP_PIN(r);                                                                      \
		unsigned fl = rv_fp_env_leave(env);                                                \
		UT bits = to_bits(r);                                                              \
		if (fused && rv_fp_is_nan(&fmt, bits) && rv_fp_inf_times_zero(a, b))               \
			fl |= RV_FF_NV;                                                            \
		((RiscvCpu *)cpu)->fflags |= fl;                                                   \
		return rv_fp_result(&fmt, bits);                                                   \
	}

RV_FP_DEFINE_ARITH_FMT(s, uint32_t, float, RvFpKernS, rv_fp_fmt_s, rv_fp_unbox, rv_fp_f32,
                       rv_fp_bits32)
RV_FP_DEFINE_ARITH_FMT(d, uint64_t, double, RvFpKernD, rv_fp_fmt_d, rv_fp_no_box, rv_fp_f64,
                       rv_fp_bits64)

#define RV_FP_FMA(a, b, c) _Generic((a), float : fmaf, double : fma, long double : fmal)(a, b, c)
#define RV_FP_SQRT(a)      _Generic((a), float : sqrtf, double : sqrt, long double : sqrtl)(a)

/* name, fused, the operation over a, b, c. spec: fmsub = a*b - c, fnmsub = -(a*b) + c,
 * fnmadd = -(a*b) - c, each rounded once. */
#define RV_FP_ARITH_LIST(X)                                                                        \
	X(fadd, false, a + b)                                                                      \
	X(fsub, false, a - b)                                                                      \
	X(fmul, false, a *b)                                                                       \
	X(fdiv, false, a / b)                                                                      \
	X(fsqrt, false, RV_FP_SQRT(a))                                                             \
	X(fmadd, true, RV_FP_FMA(a, b, c))                                                         \
	X(fmsub, true, RV_FP_FMA(a, b, -c))                                                        \
	X(fnmsub, true, RV_FP_FMA(-a, b, c))                                                       \
	X(fnmadd, true, RV_FP_FMA(-a, b, -c))

#define RV_FP_DEFINE_ARITH(name, fused, expr)                                                      \
	static inline float rv_fp_k_##name##_s(float a, float b, float c)                          \
	{                                                                                          \
		(void)b, (void)c;                                                                  \
		return expr;                                                                       \
	}                                                                                          \
	static inline double rv_fp_k_##name##_d(double a, double b, double c)                      \
	{                                                                                          \
		(void)b, (void)c;                                                                  \
		return expr;                                                                       \
	}                                                                                          \
	static long double rv_fp_k_##name##_x(long double a, long double b, long double c)         \
	{                                                                                          \
		(void)b, (void)c;                                                                  \
		return expr;                                                                       \
	}                                                                                          \
	static uint64_t rv_fp_##name##_s(void *cpu, uint64_t rm, uint64_t a, uint64_t b,           \
	                                 uint64_t c)                                               \
	{                                                                                          \
		return rv_fp_arith_s(cpu, rm, a, b, c, rv_fp_k_##name##_s, rv_fp_k_##name##_x,     \
		                     fused);                                                       \
	}                                                                                          \
	static uint64_t rv_fp_##name##_d(void *cpu, uint64_t rm, uint64_t a, uint64_t b,           \
	                                 uint64_t c)                                               \
	{                                                                                          \
		return rv_fp_arith_d(cpu, rm, a, b, c, rv_fp_k_##name##_d, rv_fp_k_##name##_x,     \
		                     fused);                                                       \
	}

RV_FP_ARITH_LIST(RV_FP_DEFINE_ARITH)

/* ---- fmin/fmax, comparisons, fclass: exact, no rounding. ---- */

/* spec: a NaN operand yields the other operand, two NaNs the canonical NaN, a signaling
 * NaN raises NV, and -0.0 is less than +0.0. a and b are unboxed. */
static uint64_t rv_fp_minmax(void *cpu, const RvFpFmt *f, uint64_t a, uint64_t b, bool max)
{
	bool na = rv_fp_is_nan(f, a), nb = rv_fp_is_nan(f, b);
	if (rv_fp_is_snan(f, a) || rv_fp_is_snan(f, b))
		((RiscvCpu *)cpu)->fflags |= RV_FF_NV;
	if (na && nb)
		return rv_fp_result(f, f->canon);
	if (na || nb)
		return rv_fp_result(f, na ? b : a);
	double x = rv_fp_value(f, a), y = rv_fp_value(f, b);
	if (x == y) /* equal, or zeros of either sign: OR keeps -0 for min, AND +0 for max */
		return rv_fp_result(f, max ? a & b : a | b);
	return rv_fp_result(f, (x < y) != max ? a : b);
}

static uint64_t rv_fp_fmin_s(void *cpu, uint64_t a, uint64_t b, uint64_t u2, uint64_t u3)
{
	return rv_fp_minmax(cpu, &rv_fp_fmt_s, rv_fp_unbox(a), rv_fp_unbox(b), false);
}

static uint64_t rv_fp_fmax_s(void *cpu, uint64_t a, uint64_t b, uint64_t u2, uint64_t u3)
{
	return rv_fp_minmax(cpu, &rv_fp_fmt_s, rv_fp_unbox(a), rv_fp_unbox(b), true);
}

static uint64_t rv_fp_fmin_d(void *cpu, uint64_t a, uint64_t b, uint64_t u2, uint64_t u3)
{
	return rv_fp_minmax(cpu, &rv_fp_fmt_d, a, b, false);
}

static uint64_t rv_fp_fmax_d(void *cpu, uint64_t a, uint64_t b, uint64_t u2, uint64_t u3)
{
	return rv_fp_minmax(cpu, &rv_fp_fmt_d, a, b, true);
}

/* spec: fclass sets one of ten bits: 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0,
 * 5 +subnormal, 6 +normal, 7 +inf, 8 signaling NaN, 9 quiet NaN. */
static uint64_t rv_fp_classify(const RvFpFmt *f, uint64_t x)
{
	uint64_t expo = x & rv_fp_expo(f), frac = x & rv_fp_frac(f);
	if (expo == rv_fp_expo(f) && frac)
		return frac & rv_fp_quiet(f) ? 1u << 9 : 1u << 8;
	/* magnitude class: 0 zero, 1 subnormal, 2 normal, 3 infinity */
	unsigned mag = expo == rv_fp_expo(f) ? 3 : expo ? 2 : frac ? 1 : 0;
	return x & rv_fp_sign(f) ? 1u << (3 - mag) : 1u << (4 + mag);
}

static uint64_t rv_fp_fclass_s(void *cpu, uint64_t a, uint64_t u1, uint64_t u2, uint64_t u3)
{
	return rv_fp_classify(&rv_fp_fmt_s, rv_fp_unbox(a));
}

static uint64_t rv_fp_fclass_d(void *cpu, uint64_t a, uint64_t u1, uint64_t u2, uint64_t u3)
{
	return rv_fp_classify(&rv_fp_fmt_d, a);
}

/* ---- Conversions float -> integer. ---- */

typedef enum RvFpIntKind { RV_INT_W, RV_INT_WU, RV_INT_L, RV_INT_LU } RvFpIntKind;

/* Valid rounded values lie in [lo, hi); spec: NaN and values above the range give max,
 * values below give min (0 for unsigned), raising NV and not NX. 32-bit results are
 * sign-extended to 64 bits, fcvt.wu's included. */
static const struct {
	double lo, hi;
	uint64_t min, max;
	bool is_signed, is_32;
} rv_fp_int_range[4] = {
    [RV_INT_W] = {-0x1p31, 0x1p31, UINT64_C(0xffffffff80000000), 0x7fffffff, true, true},
    [RV_INT_WU] = {0, 0x1p32, 0, UINT64_MAX, false, true},
    [RV_INT_L] = {-0x1p63, 0x1p63, UINT64_C(1) << 63, INT64_MAX, true, false},
    [RV_INT_LU] = {0, 0x1p64, 0, UINT64_MAX, false, false},
};

/* Exact round-to-integral functions per rounding mode: none of them depends on the host
 * mode or raises a flag. */
static double (*const rv_fp_round_fn[5])(double) = {
    [RV_RM_RNE] = roundeven, [RV_RM_RTZ] = trunc, [RV_RM_RDN] = floor,
    [RV_RM_RUP] = ceil,      [RV_RM_RMM] = round,
};

static uint64_t rv_fp_to_int(void *cpu, const RvFpFmt *f, uint64_t rm, uint64_t x, RvFpIntKind kind)
{
	RiscvCpu *c = cpu;
	if (rv_fp_is_nan(f, x)) {
		c->fflags |= RV_FF_NV;
		return rv_fp_int_range[kind].max;
	}
	double v = rv_fp_value(f, x), i = rv_fp_round_fn[rm](v);
	if (i < rv_fp_int_range[kind].lo || i >= rv_fp_int_range[kind].hi) {
		c->fflags |= RV_FF_NV;
		return i < 0 ? rv_fp_int_range[kind].min : rv_fp_int_range[kind].max;
	}
	if (i != v)
		c->fflags |= RV_FF_NX;
	uint64_t r = rv_fp_int_range[kind].is_signed ? (uint64_t)(int64_t)i : (uint64_t)i;
	return rv_fp_int_range[kind].is_32 ? (uint64_t)(int64_t)(int32_t)(uint32_t)r : r;
}

#define RV_FP_DEFINE_TO_INT(name, kind)                                                            \
	static uint64_t rv_fp_fcvt_##name##_s(void *cpu, uint64_t rm, uint64_t a, uint64_t u2,     \
	                                      uint64_t u3)                                         \
	{                                                                                          \
		return rv_fp_to_int(cpu, &rv_fp_fmt_s, rm, rv_fp_unbox(a), kind);                  \
	}                                                                                          \
	static uint64_t rv_fp_fcvt_##name##_d(void *cpu, uint64_t rm, uint64_t a, uint64_t u2,     \
	                                      uint64_t u3)                                         \
	{                                                                                          \
		return rv_fp_to_int(cpu, &rv_fp_fmt_d, rm, a, kind);                               \
	}

RV_FP_DEFINE_TO_INT(w, RV_INT_W)
RV_FP_DEFINE_TO_INT(wu, RV_INT_WU)
RV_FP_DEFINE_TO_INT(l, RV_INT_L)
RV_FP_DEFINE_TO_INT(lu, RV_INT_LU)

/* ---- Conversions integer -> float and between the formats. ---- */

/* The integer (truncated to its C type IT) converted by the host under rm; RMM goes
 * through the exact extended value (every 64-bit integer fits its significand). */
#define RV_FP_DEFINE_FROM_INT(name, IT, FT, fmt, bitsfn)                                           \
	static uint64_t rv_fp_fcvt_##name(void *cpu, uint64_t rm, uint64_t a, uint64_t u2,         \
	                                  uint64_t u3)                                             \
	{                                                                                          \
		IT v = (IT)a;                                                                      \
		if (rm == RV_RM_RMM)                                                               \
			return rv_fp_from_x_rmm(cpu, &fmt, (long double)v);                        \
		uint32_t env = rv_fp_env_enter(cpu, (unsigned)rm);                                 \
		RV_FP_PIN_INT(v);                                                                  \
		FT r = (FT)v;                                                                      \
		RV_FP_PIN(r);                                                                      \
		((RiscvCpu *)cpu)->fflags |= rv_fp_env_leave(env);                                 \
		return rv_fp_result(&fmt, bitsfn(r));                                              \
	}

RV_FP_DEFINE_FROM_INT(s_w, int32_t, float, rv_fp_fmt_s, rv_fp_bits32)
RV_FP_DEFINE_FROM_INT(s_wu, uint32_t, float, rv_fp_fmt_s, rv_fp_bits32)
RV_FP_DEFINE_FROM_INT(s_l, int64_t, float, rv_fp_fmt_s, rv_fp_bits32)
RV_FP_DEFINE_FROM_INT(s_lu, uint64_t, float, rv_fp_fmt_s, rv_fp_bits32)
RV_FP_DEFINE_FROM_INT(d_w, int32_t, double, rv_fp_fmt_d, rv_fp_bits64)
RV_FP_DEFINE_FROM_INT(d_wu, uint32_t, double, rv_fp_fmt_d, rv_fp_bits64)
RV_FP_DEFINE_FROM_INT(d_l, int64_t, double, rv_fp_fmt_d, rv_fp_bits64)
RV_FP_DEFINE_FROM_INT(d_lu, uint64_t, double, rv_fp_fmt_d, rv_fp_bits64)

/* fcvt.s.d rounds; a NaN input gives the canonical NaN (NV when signaling). */
static uint64_t rv_fp_fcvt_s_d(void *cpu, uint64_t rm, uint64_t a, uint64_t u2, uint64_t u3)
{
	if (rv_fp_is_nan(&rv_fp_fmt_d, a)) {
		if (rv_fp_is_snan(&rv_fp_fmt_d, a))
			((RiscvCpu *)cpu)->fflags |= RV_FF_NV;
		return rv_fp_result(&rv_fp_fmt_s, RV_FP_CANON_S);
	}
	double v = rv_fp_f64(a);
	if (rm == RV_RM_RMM)
		return rv_fp_from_x_rmm(cpu, &rv_fp_fmt_s, (long double)v);
	uint32_t env = rv_fp_env_enter(cpu, (unsigned)rm);
	RV_FP_PIN(v);
	float r = (float)v;
	RV_FP_PIN(r);
	((RiscvCpu *)cpu)->fflags |= rv_fp_env_leave(env);
	return rv_fp_result(&rv_fp_fmt_s, rv_fp_bits32(r));
}

/* fcvt.d.s is exact: only a signaling NaN raises a flag. */
static uint64_t rv_fp_fcvt_d_s(void *cpu, uint64_t rm, uint64_t a, uint64_t u2, uint64_t u3)
{
	uint32_t s = rv_fp_unbox(a);
	if (rv_fp_is_nan(&rv_fp_fmt_s, s)) {
		if (rv_fp_is_snan(&rv_fp_fmt_s, s))
			((RiscvCpu *)cpu)->fflags |= RV_FF_NV;
		return RV_FP_CANON_D;
	}
	return rv_fp_bits64((double)rv_fp_f32(s));
}

const IrHelper rv_fp_helpers[RV_FPH_COUNT] = {
#define RV_FPH_ENTRY(name)                                                                         \
	[RV_FPH_##name] = {"rv_fp_" #name, rv_fp_##name, IRH_READS_STATE | IRH_WRITES_STATE},
    RV_FP_HELPER_LIST(RV_FPH_ENTRY)
#undef RV_FPH_ENTRY
};

/* ---- Hooks that keep fflags whole (see the top of this file). ---- */

static uint64_t rv_fp_host_flags(void *cpu, uint64_t u0, uint64_t u1, uint64_t u2, uint64_t u3)
{
	return rv_fp_mxcsr_fflags(_mm_getcsr());
}

static uint64_t rv_fp_host_limit(void *cpu, uint64_t fflags, uint64_t u1, uint64_t u2, uint64_t u3)
{
	uint32_t m = _mm_getcsr();
	if (rv_fp_mxcsr_fflags(m) & ~fflags)
		_mm_setcsr(m & ~(uint32_t)RV_MXCSR_FLAGS);
	return 0;
}

const IrHelper rv_fp_host_flags_helper = {"rv_fp_host_flags", rv_fp_host_flags, 0};
const IrHelper rv_fp_host_limit_helper = {"rv_fp_host_limit", rv_fp_host_limit, 0};

void rv_fp_sync_state(CpuCommon *cpu)
{
	rv_fp_fold((RiscvCpu *)cpu);
}

/* Flags the runner's own C code raised belong to no guest instruction. The rounding
 * control stays round-to-nearest outside the helpers, which restore it. */
void rv_fp_enter(CpuCommon *cpu)
{
	uint32_t m = _mm_getcsr();
	if (m & RV_MXCSR_FLAGS)
		_mm_setcsr(m & ~(uint32_t)RV_MXCSR_FLAGS);
}

/*
 * The aarch64 floating-point element core shared by the scalar FP helpers
 * (fp_helpers.c) and the Advanced SIMD FP helpers (simd_fp.c): one function per Arm
 * ARM operation (FPAdd, FPMulAdd, FPMax, FPToFixed, FPRoundInt, ...) over raw single
 * or double bit patterns, honouring FPCR and accruing FPSR.
 *
 * Flags live where riscv64 keeps them: operations computed by the host's SSE unit leave
 * their IEEE flags in MXCSR, and the architectural FPSR is A64Cpu.fpsr | the MXCSR
 * flags mapped (a64_fp_fold moves them over). Exceptions no SSE instruction raises
 * (IDC, IOC of a conversion, UFC of a flushed result) are ORed into A64Cpu.fpsr.
 *
 * Two paths: with FPCR's RMode, FZ and DN all zero (a64_fp_std: what Linux starts a
 * process with) an operation runs on the host directly and only NaN results are
 * corrected to Arm's rules (FPProcessNaNs and the positive default NaN). Otherwise
 * the operation is bracketed by a64_fp_env_begin/end, which fold earlier flags, set the
 * host rounding mode from RMode, and account for flush-to-zero the Arm way (inputs:
 * IDC; outputs: UFC without IXC) and for DN.
 */
#ifndef FERRY_A64_FP_H
#define FERRY_A64_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "frontends/aarch64/a64_cpu.h"

/* FPCR fields */
#define A64_FPCR_AHP   (1u << 26)
#define A64_FPCR_DN    (1u << 25)
#define A64_FPCR_FZ    (1u << 24)
#define A64_FPCR_RMODE (3u << 22)
#define A64_FPCR_STD   (A64_FPCR_DN | A64_FPCR_FZ | A64_FPCR_RMODE)
/* FPSR cumulative bits */
#define A64_FPSR_IOC (1u << 0)
#define A64_FPSR_DZC (1u << 1)
#define A64_FPSR_OFC (1u << 2)
#define A64_FPSR_UFC (1u << 3)
#define A64_FPSR_IXC (1u << 4)
#define A64_FPSR_IDC (1u << 7)
#define A64_FPSR_QC  (1u << 27)

/* FPRounding: the RMode encoding, plus ties-away and "FPCR's mode". */
enum { A64_RN = 0, A64_RP = 1, A64_RM = 2, A64_RZ = 3, A64_RA = 4, A64_RCUR = 5 };

/* Operations of a64_fp_binop. */
typedef enum A64FpOp {
	A64_FOP_ADD, A64_FOP_SUB, A64_FOP_MUL, A64_FOP_DIV, A64_FOP_MAX, A64_FOP_MIN,
	A64_FOP_MAXNM, A64_FOP_MINNM, A64_FOP_NMUL, A64_FOP_MULX, A64_FOP_ABD,
	A64_FOP_RECPS, A64_FOP_RSQRTS, A64_FOP_COUNT
} A64FpOp;

/* Comparisons of a64_fp_compare_mask (FCMEQ, FCMGE, FCMGT and the absolute forms). */
typedef enum A64FpCmp { A64_FCMP_EQ, A64_FCMP_GE, A64_FCMP_GT, A64_FCMP_ACGE, A64_FCMP_ACGT } A64FpCmp;

static inline uint64_t a64_fp_sign(bool dbl) { return dbl ? 1ull << 63 : 1ull << 31; }
static inline uint64_t a64_fp_expmask(bool dbl) { return dbl ? 0x7ff0000000000000ull : 0x7f800000u; }
static inline uint64_t a64_fp_fracmask(bool dbl) { return dbl ? 0x000fffffffffffffull : 0x007fffffu; }
static inline uint64_t a64_fp_qbit(bool dbl) { return dbl ? 1ull << 51 : 1u << 22; }
static inline uint64_t a64_fp_default_nan(bool dbl) { return dbl ? 0x7ff8000000000000ull : 0x7fc00000u; }

static inline bool a64_fp_is_nan(bool dbl, uint64_t x)
{
	x &= ~a64_fp_sign(dbl);
	return x > a64_fp_expmask(dbl);
}
static inline bool a64_fp_is_snan(bool dbl, uint64_t x)
{
	return a64_fp_is_nan(dbl, x) && !(x & a64_fp_qbit(dbl));
}
static inline bool a64_fp_is_inf(bool dbl, uint64_t x)
{
	return (x & ~a64_fp_sign(dbl)) == a64_fp_expmask(dbl);
}
static inline bool a64_fp_is_zero(bool dbl, uint64_t x) { return !(x & ~a64_fp_sign(dbl)); }
static inline bool a64_fp_is_denormal(bool dbl, uint64_t x)
{
	return !(x & a64_fp_expmask(dbl)) && (x & a64_fp_fracmask(dbl));
}

/* FPCR of the instruction; nonzero "strict" bits send operations down the slow path. */
static inline uint32_t a64_fp_fpcr(const A64Cpu *cpu) { return cpu->fpcr; }
static inline bool a64_fp_std(uint32_t fpcr) { return !(fpcr & A64_FPCR_STD); }

/* Moves the flags inline code left in MXCSR into cpu->fpsr (and clears them). */
void a64_fp_fold(A64Cpu *cpu);

/* FPProcessNaNs / FPProcessNaNs3 for operands of which at least one is a NaN (in
 * operand order): the first signaling NaN quieted (IOC), else the first quiet NaN;
 * the default NaN with FPCR.DN. */
uint64_t a64_fp_process_nans(A64Cpu *cpu, bool dbl, uint64_t a, uint64_t b, uint64_t c,
			     unsigned n, uint32_t fpcr);
/* The Arm NaN of an arithmetic op whose host result was a NaN: the operands' NaN by
 * FPProcessNaNs, or the default NaN when the NaN came from an invalid operation. The
 * host raised IOC already. */
uint64_t a64_fp_nan_result(bool dbl, uint64_t a, uint64_t b, uint32_t fpcr);

/* Whether r is +-the smallest normal: the one result x86 and Arm can disagree on
 * underflow for (x86 detects tininess after rounding, Arm before). */
bool a64_fp_is_min_normal(bool dbl, uint64_t r);

/* The operations. Each takes the instruction's FPCR value. */
uint64_t a64_fp_binop(A64Cpu *cpu, A64FpOp op, bool dbl, uint64_t a, uint64_t b, uint32_t fpcr);
/* FPMulAdd: addend + n * m with one rounding (neg_prod: addend - n * m). */
uint64_t a64_fp_muladd(A64Cpu *cpu, bool dbl, uint64_t addend, uint64_t n, uint64_t m,
		       bool neg_prod, uint32_t fpcr);
uint64_t a64_fp_sqrt(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr);
/* FPRoundInt: rounding A64_RN..A64_RCUR; exact raises IXC when inexact (frintx). */
uint64_t a64_fp_round_int(A64Cpu *cpu, bool dbl, uint64_t a, unsigned rounding, bool exact,
			  uint32_t fpcr);
/* FPToFixed: to a signed/unsigned integer of `bits` (32 or 64) bits with fbits
 * fraction bits, saturating, NaN -> 0 (IOC). */
uint64_t a64_fp_to_fixed(A64Cpu *cpu, bool dbl, uint64_t a, unsigned fbits, bool is_unsigned,
			 unsigned rounding, unsigned bits, uint32_t fpcr);
/* FixedToFP: the `bits`-bit integer v (signed unless is_unsigned) / 2^fbits. */
uint64_t a64_fp_from_fixed(A64Cpu *cpu, bool dbl, uint64_t v, unsigned fbits, bool is_unsigned,
			   unsigned bits, uint32_t fpcr);
/* FPConvert between half (16), single (32) and double (64). */
uint64_t a64_fp_convert(A64Cpu *cpu, unsigned to, unsigned from, uint64_t a, unsigned rounding,
			uint32_t fpcr);
/* FPCompare: NZCV in bits 31:28; signaling raises IOC for any NaN. */
uint32_t a64_fp_compare(A64Cpu *cpu, bool dbl, uint64_t a, uint64_t b, bool signaling,
			uint32_t fpcr);
/* The all-ones / zero mask of FCMEQ, FCMGE, FCMGT, FACGE, FACGT. */
bool a64_fp_compare_mask(A64Cpu *cpu, bool dbl, uint64_t a, uint64_t b, A64FpCmp cmp,
			 uint32_t fpcr);
/* FPRecipEstimate, FPRSqrtEstimate (the Arm ARM's tables), URecipEstimate,
 * URSqrtEstimate, FPRecpX. */
uint64_t a64_fp_recip_estimate(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr);
uint64_t a64_fp_rsqrt_estimate(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr);
uint32_t a64_fp_urecip_estimate(uint32_t a);
uint32_t a64_fp_ursqrt_estimate(uint32_t a);
uint64_t a64_fp_recpx(A64Cpu *cpu, bool dbl, uint64_t a, uint32_t fpcr);
/* RecipEstimate and RecipSqrtEstimate, the 9-bit table functions (unit tests). */
unsigned a64_recip_estimate9(unsigned a);
unsigned a64_rsqrt_estimate9(unsigned a);

#endif

/*
 * Helpers for the scalar floating-point instructions (insn_table_fp.h), each taking
 * the raw instruction word and running the whole instruction through the a64_fp.h
 * operations: the path for every FPCR setting and for the instructions translate_fp.c
 * does not inline. Also the NaN fix-up the inline path calls when a host result is a
 * NaN, the FPSR/MXCSR folding hooks and the GuestArch enter/sync_state hooks.
 *
 * Encodings (Arm ARM C4.1.x, "Data processing -- scalar floating-point"):
 *   1 source   M 0 S 11110 ftype 1 opcode(6) 10000 Rn Rd
 *   2 source   M 0 S 11110 ftype 1 Rm opcode(4) 10 Rn Rd
 *   3 source   M 0 S 11111 ftype o1 Rm o0 Ra Rn Rd
 *   compare    M 0 S 11110 ftype 1 Rm 00 1000 Rn opcode2(5)
 *   cond cmp   M 0 S 11110 ftype 1 Rm cond 01 Rn op nzcv
 *   int conv   sf 0 S 11110 ftype 1 rmode opcode(3) 000000 Rn Rd
 *   fixed conv sf 0 S 11110 ftype 0 rmode opcode(3) scale Rn Rd
 * ftype 00 is single, 01 double, 11 half (conversions only: no FEAT_FP16).
 */
#include <xmmintrin.h>

#include "frontends/aarch64/fp_helpers.h"

static inline uint64_t a64_fph_reg(const A64Cpu *cpu, unsigned n, bool dbl)
{
	return dbl ? cpu->v[n].lo : (uint32_t)cpu->v[n].lo;
}

static inline void a64_fph_set(A64Cpu *cpu, unsigned d, uint64_t v)
{
	cpu->v[d].lo = v;
	cpu->v[d].hi = 0;
}

/* FRINTN, FRINTP, FRINTM, FRINTZ, FRINTA, -, FRINTX, FRINTI (opcode 8..15). */
static const uint8_t a64_fph_rint_mode[8] = {A64_RN, A64_RP, A64_RM, A64_RZ, A64_RA, 0, A64_RCUR,
					     A64_RCUR};

uint64_t a64_fph_dp1(void *cpu_, uint64_t insn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	A64Cpu *cpu = cpu_;
	unsigned ftype = insn >> 22 & 3, opc = insn >> 15 & 63, d = insn & 31, n = insn >> 5 & 31;
	uint32_t fpcr = cpu->fpcr;
	bool dbl = ftype == 1;
	static const unsigned bits_of[4] = {32, 64, 0, 16};
	uint64_t x = ftype == 3 ? (uint16_t)cpu->v[n].lo : a64_fph_reg(cpu, n, dbl), r;
	switch (opc) {
	case 0: r = x; break;
	case 1: r = x & ~a64_fp_sign(dbl); break;
	case 2: r = x ^ a64_fp_sign(dbl); break;
	case 3: r = a64_fp_sqrt(cpu, dbl, x, fpcr); break;
	case 4: r = a64_fp_convert(cpu, 32, bits_of[ftype], x, A64_RCUR, fpcr); break;
	case 5: r = a64_fp_convert(cpu, 64, bits_of[ftype], x, A64_RCUR, fpcr); break;
	case 7: r = a64_fp_convert(cpu, 16, bits_of[ftype], x, A64_RCUR, fpcr); break;
	default:
		r = a64_fp_round_int(cpu, dbl, x, a64_fph_rint_mode[opc - 8], opc == 14, fpcr);
		break;
	}
	a64_fph_set(cpu, d, r);
	return 0;
}

static const uint8_t a64_fph_dp2_op[9] = {A64_FOP_MUL, A64_FOP_DIV,   A64_FOP_ADD,
					  A64_FOP_SUB, A64_FOP_MAX,   A64_FOP_MIN,
					  A64_FOP_MAXNM, A64_FOP_MINNM, A64_FOP_NMUL};

uint64_t a64_fph_dp2(void *cpu_, uint64_t insn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	A64Cpu *cpu = cpu_;
	bool dbl = insn >> 22 & 1;
	unsigned opc = insn >> 12 & 15;
	uint64_t a = a64_fph_reg(cpu, insn >> 5 & 31, dbl), b = a64_fph_reg(cpu, insn >> 16 & 31, dbl);
	a64_fph_set(cpu, insn & 31, a64_fp_binop(cpu, (A64FpOp)a64_fph_dp2_op[opc], dbl, a, b, cpu->fpcr));
	return 0;
}

/* FMADD: a + n*m; FMSUB: a - n*m; FNMADD: -a - n*m; FNMSUB: -a + n*m. The negations
 * come before NaN processing (FPNeg of the operands), so they show in a NaN result. */
uint64_t a64_fph_dp3(void *cpu_, uint64_t insn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	A64Cpu *cpu = cpu_;
	bool dbl = insn >> 22 & 1, o1 = insn >> 21 & 1, o0 = insn >> 15 & 1;
	uint64_t n = a64_fph_reg(cpu, insn >> 5 & 31, dbl), m = a64_fph_reg(cpu, insn >> 16 & 31, dbl);
	uint64_t a = a64_fph_reg(cpu, insn >> 10 & 31, dbl);
	if (o1)
		a ^= a64_fp_sign(dbl);
	a64_fph_set(cpu, insn & 31, a64_fp_muladd(cpu, dbl, a, n, m, o0 != o1, cpu->fpcr));
	return 0;
}

/* FCMP/FCMPE (a1 = 1) and FCCMP/FCCMPE (a1 = the condition's value): NZCV in 31:28. */
uint64_t a64_fph_cmp(void *cpu_, uint64_t insn, uint64_t cond, uint64_t a2, uint64_t a3)
{
	A64Cpu *cpu = cpu_;
	bool dbl = insn >> 22 & 1, ccmp = insn >> 10 & 1;
	if (!cond)
		return (insn & 15) << 28;
	bool zero = !ccmp && (insn >> 3 & 1);
	bool signaling = insn >> 4 & 1;
	uint64_t a = a64_fph_reg(cpu, insn >> 5 & 31, dbl);
	uint64_t b = zero ? 0 : a64_fph_reg(cpu, insn >> 16 & 31, dbl);
	return a64_fp_compare(cpu, dbl, a, b, signaling, cpu->fpcr);
}

/* The conversion groups. To an integer: returns the value (zero-extended for W). From
 * an integer (a1): writes V[d]. */
uint64_t a64_fph_cvt(void *cpu_, uint64_t insn, uint64_t xval, uint64_t a2, uint64_t a3)
{
	A64Cpu *cpu = cpu_;
	bool sf = insn >> 31, dbl = insn >> 22 & 1, fixed = !(insn >> 21 & 1);
	unsigned rmode = insn >> 19 & 3, opcode = insn >> 16 & 7, bits = sf ? 64 : 32;
	unsigned fbits = fixed ? 64 - (insn >> 10 & 63) : 0;
	uint32_t fpcr = cpu->fpcr;
	if (opcode == 2 || opcode == 3) {
		a64_fph_set(cpu, insn & 31, a64_fp_from_fixed(cpu, dbl, xval, fbits, opcode == 3, bits, fpcr));
		return 0;
	}
	unsigned rounding = opcode >= 4 ? A64_RA : rmode; /* fcvtas/au, else N P M Z */
	uint64_t x = a64_fph_reg(cpu, insn >> 5 & 31, dbl);
	return a64_fp_to_fixed(cpu, dbl, x, fbits, opcode & 1, rounding, bits, fpcr);
}

/* The inline path's NaN fix-up: V[d] = the Arm NaN for operands a and b (b unused for
 * fsqrt). The host already raised the operation's flags. */
uint64_t a64_fph_nanfix(void *cpu_, uint64_t insn, uint64_t a, uint64_t b, uint64_t a3)
{
	A64Cpu *cpu = cpu_;
	bool dbl = insn >> 22 & 1, one = !(insn >> 11 & 1); /* 1-source: bit 11 clear */
	uint64_t r = one ? (a64_fp_is_nan(dbl, a) ? a | a64_fp_qbit(dbl) : a64_fp_default_nan(dbl))
			 : a64_fp_nan_result(dbl, a, b, cpu->fpcr);
	a64_fph_set(cpu, insn & 31, r);
	return 0;
}

#define A64_FPH_FLAGS (IRH_READS_STATE | IRH_WRITES_STATE)
const IrHelper a64_fph_dp1_helper = {"a64_fp_dp1", a64_fph_dp1, A64_FPH_FLAGS};
const IrHelper a64_fph_dp2_helper = {"a64_fp_dp2", a64_fph_dp2, A64_FPH_FLAGS};
const IrHelper a64_fph_dp3_helper = {"a64_fp_dp3", a64_fph_dp3, A64_FPH_FLAGS};
const IrHelper a64_fph_cmp_helper = {"a64_fp_cmp", a64_fph_cmp, A64_FPH_FLAGS};
const IrHelper a64_fph_cvt_helper = {"a64_fp_cvt", a64_fph_cvt, A64_FPH_FLAGS};
const IrHelper a64_fph_nanfix_helper = {"a64_fp_nanfix", a64_fph_nanfix, A64_FPH_FLAGS};

/* mrs/msr FPSR: the flags inline code left in MXCSR belong to FPSR. */
static uint64_t a64_fph_fold_fn(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	a64_fp_fold(cpu);
	return 0;
}
const IrHelper a64_fp_fold_helper = {"a64_fp_fold", a64_fph_fold_fn, A64_FPH_FLAGS};

void a64_fp_sync_state(CpuCommon *cpu)
{
	a64_fp_fold((A64Cpu *)cpu);
}

/* Flags raised by the runner's own C code belong to no guest instruction. */
void a64_fp_enter(CpuCommon *cpu)
{
	uint32_t m = _mm_getcsr();
	if (m & 0x3f)
		_mm_setcsr(m & ~0x3fu);
}

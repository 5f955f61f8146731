/*
 * riscv64 F/D: the helpers called directly (RMM ties and underflow, canonical NaNs,
 * fmin/fmax zero ordering, fused multiply-add's NV rule, float -> integer saturation,
 * the host rounding mode left as found) and short guest programs translated and run by
 * the interpreter (NaN-boxing through loads, sign injection and moves, the dynamic
 * rounding mode, the inline compares' results and NV flags, and the illegal-instruction
 * exits for reserved rounding modes).
 */
#include <check.h>
#include <fenv.h>
#include <string.h>

#include "frontends/riscv64/fp_helpers.h"
#include "frontends/riscv64/rv_cpu.h"
#include "jit/engine.h"

static RiscvCpu fp_cpu;

static uint64_t call(RvFpHelperId id, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return rv_fp_helpers[id].fn(&fp_cpu, a0, a1, a2, a3);
}

static void reset(void)
{
	memset(&fp_cpu, 0, sizeof fp_cpu);
}

#define BOX(x)     (RV_FP_BOX | (x))
#define S_ONE      BOX(0x3f800000u)
#define S_HALF_ULP BOX(0x33800000u) /* 2^-24: half an ulp of 1.0f */

START_TEST(rmm_rounds_ties_away_from_zero)
{
	static const struct {
		unsigned rm;
		uint64_t a, b, want;
	} cases[] = {
	    {RV_RM_RNE, S_ONE, S_HALF_ULP, BOX(0x3f800000u)},
	    {RV_RM_RMM, S_ONE, S_HALF_ULP, BOX(0x3f800001u)},
	    {RV_RM_RMM, BOX(0xbf800000u), BOX(0xb3800000u), BOX(0xbf800001u)},
	    {RV_RM_RDN, BOX(0xbf800000u), BOX(0xb3800000u), BOX(0xbf800001u)},
	    {RV_RM_RUP, S_ONE, S_HALF_ULP, BOX(0x3f800001u)},
	    {RV_RM_RTZ, S_ONE, S_HALF_ULP, BOX(0x3f800000u)},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		reset();
		ck_assert_uint_eq(call(RV_FPH_fadd_s, cases[i].rm, cases[i].a, cases[i].b, 0),
		                  cases[i].want);
		ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NX);
	}
	reset();
	/* 1 + 2^-53 in double, and 2^53 + 1 converted from an integer */
	ck_assert_uint_eq(call(RV_FPH_fadd_d, RV_RM_RMM, 0x3ff0000000000000, 0x3ca0000000000000, 0),
	                  0x3ff0000000000001);
	ck_assert_uint_eq(call(RV_FPH_fcvt_d_l, RV_RM_RMM, (UINT64_C(1) << 53) + 1, 0, 0),
	                  0x4340000000000001);
	ck_assert_uint_eq(call(RV_FPH_fcvt_d_l, RV_RM_RNE, (UINT64_C(1) << 53) + 1, 0, 0),
	                  0x4340000000000000);
}
END_TEST

START_TEST(rmm_handles_underflow_and_overflow)
{
	reset(); /* min normal + 1 ulp, halved: a tie in the subnormal range */
	ck_assert_uint_eq(call(RV_FPH_fmul_s, RV_RM_RMM, BOX(0x00800001u), BOX(0x3f000000u), 0),
	                  BOX(0x00400001u));
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_UF | RV_FF_NX);
	reset(); /* half the smallest subnormal rounds up to it */
	ck_assert_uint_eq(call(RV_FPH_fmul_s, RV_RM_RMM, BOX(0x00000001u), BOX(0x3f000000u), 0),
	                  BOX(0x00000001u));
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_UF | RV_FF_NX);
	reset(); /* rounds up to the smallest normal: tiny only before rounding */
	ck_assert_uint_eq(call(RV_FPH_fmul_d, RV_RM_RMM, 0x3fefffffffffffff, 0x0010000000000001, 0),
	                  0x0010000000000000);
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NX);
	reset();
	ck_assert_uint_eq(call(RV_FPH_fmul_s, RV_RM_RMM, BOX(0x7f7fffffu), BOX(0x3f800001u), 0),
	                  BOX(0x7f800000u));
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_OF | RV_FF_NX);
}
END_TEST

START_TEST(tininess_is_detected_after_rounding)
{
	reset(); /* 2^-126 * (1 - 2^-25) rounds to 2^-126: inexact, not underflow */
	ck_assert_uint_eq(call(RV_FPH_fcvt_s_d, RV_RM_RNE, 0x380ffffff0000000, 0, 0),
	                  BOX(0x00800000u));
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NX);
	reset();
	ck_assert_uint_eq(call(RV_FPH_fcvt_s_d, RV_RM_RNE, 0x380fffffe0000000, 0, 0),
	                  BOX(0x00800000u));
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_UF | RV_FF_NX);
}
END_TEST

START_TEST(nan_results_are_canonical)
{
	reset();
	ck_assert_uint_eq(call(RV_FPH_fadd_s, RV_RM_RNE, BOX(0x7fc01234u), S_ONE, 0),
	                  BOX(RV_FP_CANON_S));
	ck_assert_uint_eq(fp_cpu.fflags, 0);
	ck_assert_uint_eq(call(RV_FPH_fadd_d, RV_RM_RMM, 0x7ff0000000000001, 0x3ff0000000000000, 0),
	                  RV_FP_CANON_D);
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NV);
	reset(); /* an improperly boxed single reads as the canonical NaN: quiet, no NV */
	ck_assert_uint_eq(call(RV_FPH_fmul_s, RV_RM_RNE, 0x3f800000, S_ONE, 0), BOX(RV_FP_CANON_S));
	ck_assert_uint_eq(fp_cpu.fflags, 0);
	ck_assert_uint_eq(call(RV_FPH_fclass_s, 0x000000003f800000, 0, 0, 0), 1u << 9);
	ck_assert_uint_eq(call(RV_FPH_fcvt_d_s, RV_RM_RNE, BOX(0xffc12345u), 0, 0), RV_FP_CANON_D);
	reset();
	ck_assert_uint_eq(call(RV_FPH_fsqrt_d, RV_RM_RNE, 0xbff0000000000000, 0, 0), RV_FP_CANON_D);
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NV);
}
END_TEST

START_TEST(fma_inf_times_zero_is_invalid_with_quiet_nan_addend)
{
	reset();
	ck_assert_uint_eq(
	    call(RV_FPH_fmadd_s, RV_RM_RNE, BOX(0x7f800000u), BOX(0u), BOX(0x7fc00000u)),
	    BOX(RV_FP_CANON_S));
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NV);
	reset();
	ck_assert_uint_eq(call(RV_FPH_fmadd_d, RV_RM_RMM, 0, 0xfff0000000000000, RV_FP_CANON_D),
	                  RV_FP_CANON_D);
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NV);
	reset(); /* single rounding: (1+2^-23)^2 - (1+2^-22) = 2^-46 exactly */
	ck_assert_uint_eq(
	    call(RV_FPH_fmadd_s, RV_RM_RNE, BOX(0x3f800001u), BOX(0x3f800001u), BOX(0xbf800002u)),
	    BOX(0x28800000u));
	ck_assert_uint_eq(fp_cpu.fflags, 0);
}
END_TEST

START_TEST(fmin_fmax_order_zeros_and_skip_nans)
{
	reset();
	ck_assert_uint_eq(call(RV_FPH_fmin_s, BOX(0u), BOX(0x80000000u), 0, 0), BOX(0x80000000u));
	ck_assert_uint_eq(call(RV_FPH_fmax_s, BOX(0x80000000u), BOX(0u), 0, 0), BOX(0u));
	ck_assert_uint_eq(call(RV_FPH_fmin_d, 0, 0x8000000000000000, 0, 0), 0x8000000000000000);
	ck_assert_uint_eq(call(RV_FPH_fmax_d, 0x8000000000000000, 0, 0, 0), 0);
	ck_assert_uint_eq(call(RV_FPH_fmin_s, BOX(0x7fc00000u), S_ONE, 0, 0), S_ONE);
	ck_assert_uint_eq(fp_cpu.fflags, 0);
	ck_assert_uint_eq(call(RV_FPH_fmax_d, 0x7ff0000000000001, 0xbff0000000000000, 0, 0),
	                  0xbff0000000000000);
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NV);
	ck_assert_uint_eq(call(RV_FPH_fmin_d, 0x7ff8000000000001, 0xfff8000000000000, 0, 0),
	                  RV_FP_CANON_D);
}
END_TEST

START_TEST(float_to_int_saturates)
{
	static const struct {
		RvFpHelperId id;
		unsigned rm;
		uint64_t in, want;
		uint32_t flags;
	} cases[] = {
	    {RV_FPH_fcvt_w_s, RV_RM_RNE, BOX(0x4f32d05eu), 0x7fffffff, RV_FF_NV},
	    {RV_FPH_fcvt_w_s, RV_RM_RNE, BOX(0xcf32d05eu), 0xffffffff80000000, RV_FF_NV},
	    {RV_FPH_fcvt_w_s, RV_RM_RNE, BOX(0xffc00000u), 0x7fffffff, RV_FF_NV},
	    {RV_FPH_fcvt_wu_s, RV_RM_RNE, BOX(0x4f32d05eu), 0xffffffffb2d05e00, 0},
	    {RV_FPH_fcvt_wu_s, RV_RM_RNE, BOX(0xbf800000u), 0, RV_FF_NV},
	    {RV_FPH_fcvt_wu_s, RV_RM_RTZ, BOX(0xbf000000u), 0, RV_FF_NX},
	    {RV_FPH_fcvt_wu_s, RV_RM_RMM, BOX(0xbf000000u), 0, RV_FF_NV},
	    {RV_FPH_fcvt_w_s, RV_RM_RMM, BOX(0xc0200000u), 0xfffffffffffffffd, RV_FF_NX},
	    {RV_FPH_fcvt_w_s, RV_RM_RNE, BOX(0xc0200000u), 0xfffffffffffffffe, RV_FF_NX},
	    {RV_FPH_fcvt_w_d, RV_RM_RNE, 0x41dfffffffe00000, 0x7fffffff, RV_FF_NV},
	    {RV_FPH_fcvt_w_d, RV_RM_RTZ, 0x41dfffffffe00000, 0x7fffffff, RV_FF_NX},
	    {RV_FPH_fcvt_l_d, RV_RM_RNE, 0x43e0000000000000, INT64_MAX, RV_FF_NV},
	    {RV_FPH_fcvt_l_d, RV_RM_RNE, 0xc3e0000000000000, UINT64_C(1) << 63, 0},
	    {RV_FPH_fcvt_lu_d, RV_RM_RNE, 0x43f0000000000000, UINT64_MAX, RV_FF_NV},
	    {RV_FPH_fcvt_lu_d, RV_RM_RNE, 0xfff0000000000000, 0, RV_FF_NV},
	    {RV_FPH_fcvt_lu_s, RV_RM_RNE, BOX(0x7fc00000u), UINT64_MAX, RV_FF_NV},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		reset();
		ck_assert_uint_eq(call(cases[i].id, cases[i].rm, cases[i].in, 0, 0), cases[i].want);
		ck_assert_uint_eq(fp_cpu.fflags, cases[i].flags);
	}
}
END_TEST

START_TEST(fclass_sets_one_bit_per_class)
{
	static const uint64_t d[10] = {
	    0xfff0000000000000, 0xbff0000000000000, 0x800fffffffffffff, 0x8000000000000000, 0, 1,
	    0x7fefffffffffffff, 0x7ff0000000000000, 0x7ff0000000000001, 0x7ff8000000000000,
	};
	for (unsigned i = 0; i < 10; i++)
		ck_assert_uint_eq(call(RV_FPH_fclass_d, d[i], 0, 0, 0), 1u << i);
	ck_assert_uint_eq(call(RV_FPH_fclass_s, BOX(0x807fffffu), 0, 0, 0), 1u << 2);
	ck_assert_uint_eq(call(RV_FPH_fclass_s, BOX(0xffbfffffu), 0, 0, 0), 1u << 8);
}
END_TEST

START_TEST(host_rounding_mode_is_restored)
{
	for (unsigned rm = 0; rm <= RV_RM_RMM; rm++) {
		call(RV_FPH_fdiv_d, rm, 0x3ff0000000000000, 0x4008000000000000, 0);
		call(RV_FPH_fcvt_s_l, rm, 3, 0, 0);
		ck_assert_int_eq(fegetround(), FE_TONEAREST);
	}
}
END_TEST

/* ---- Guest programs through the decoder, translators and interpreter. ---- */

#define R_TYPE(f7, rs2, rs1, f3, rd, op)                                                           \
	((uint32_t)(f7) << 25 | (rs2) << 20 | (rs1) << 15 | (f3) << 12 | (rd) << 7 | (op))
#define FADD_S(rd, rs1, rs2, rm) R_TYPE(0x00, rs2, rs1, rm, rd, 0x53)
#define FSGNJN_S(rd, rs1, rs2)   R_TYPE(0x10, rs2, rs1, 1, rd, 0x53)
#define FMV_X_W(rd, rs1)         R_TYPE(0x70, 0, rs1, 0, rd, 0x53)
#define FCVT_WU_S(rd, rs1, rm)   R_TYPE(0x60, 1, rs1, rm, rd, 0x53)
#define FEQ_S(rd, rs1, rs2)      R_TYPE(0x50, rs2, rs1, 2, rd, 0x53)
#define FLT_S(rd, rs1, rs2)      R_TYPE(0x50, rs2, rs1, 1, rd, 0x53)
#define FEQ_D(rd, rs1, rs2)      R_TYPE(0x51, rs2, rs1, 2, rd, 0x53)
#define FLE_D(rd, rs1, rs2)      R_TYPE(0x51, rs2, rs1, 0, rd, 0x53)
#define FLW(rd, rs1, imm)        ((uint32_t)(imm) << 20 | (rs1) << 15 | 2u << 12 | (rd) << 7 | 0x07)
#define FSD(rs2, rs1, imm)       ((rs2) << 20 | (rs1) << 15 | 3u << 12 | (imm) << 7 | 0x27)
#define ECALL                    0x00000073u

static uint32_t prog[16];

static int prog_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	if (pc + len > sizeof prog)
		return -1;
	memcpy(buf, (uint8_t *)prog + pc, len);
	return 0;
}

static const GuestFetch prog_fetch = {prog_read, NULL};

/* Runs prog from pc 0 on fp_cpu (guest_base 0: guest addresses are host addresses). */
static CpuExit run_prog(void)
{
	Engine *e = engine_new(&riscv64_arch, ENGINE_INTERP, &prog_fetch);
	ck_assert_ptr_nonnull(e);
	CpuExit r = engine_run(e, &fp_cpu.common);
	engine_free(e);
	return r;
}

START_TEST(guest_dynamic_rounding_and_boxing)
{
	static uint64_t mem[2];
	reset();
	mem[0] = 0x00000000bf800000; /* flw boxes the low word */
	fp_cpu.x[10] = (uintptr_t)mem;
	fp_cpu.f[1] = S_ONE;
	fp_cpu.f[2] = S_HALF_ULP;
	fp_cpu.f[5] = 0x3f800000; /* improperly boxed */
	fp_cpu.frm = RV_RM_RMM;
	uint32_t code[] = {
	    FADD_S(3, 1, 2, 7),  FLW(4, 10, 0),   FSGNJN_S(6, 5, 5), FMV_X_W(11, 4),
	    FCVT_WU_S(12, 7, 1), FEQ_S(13, 5, 5), FSD(6, 10, 8),     ECALL,
	};
	memcpy(prog, code, sizeof code);
	fp_cpu.f[7] = BOX(0x4f32d05eu); /* 3e9 */
	ck_assert_int_eq(run_prog(), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(fp_cpu.common.pc, 4 * 8);
	ck_assert_uint_eq(fp_cpu.f[3], BOX(0x3f800001u));
	ck_assert_uint_eq(fp_cpu.f[4], BOX(0xbf800000u));
	ck_assert_uint_eq(fp_cpu.f[6], BOX(0xffc00000u));
	ck_assert_uint_eq(mem[1], BOX(0xffc00000u));
	ck_assert_uint_eq(fp_cpu.x[11], 0xffffffffbf800000);
	ck_assert_uint_eq(fp_cpu.x[12], 0xffffffffb2d05e00);
	ck_assert_uint_eq(fp_cpu.x[13], 0);
	ck_assert_uint_eq(fp_cpu.fflags, RV_FF_NX);
}
END_TEST

/* The compares are inline IR (FCMP), so they are checked as one-instruction guest
 * programs: rd gets the result and fflags what the SSE compare left in MXCSR, folded in
 * when the engine returns. spec: feq is quiet (NV for a signaling NaN only), flt and fle
 * signaling (NV for any NaN); -0.0 equals +0.0. */
START_TEST(guest_compares_signal_per_spec)
{
	static const struct {
		uint32_t insn;
		uint64_t a, b, want;
		uint32_t flags;
	} cases[] = {
	    {FEQ_S(10, 1, 2), BOX(0x7fc00000u), BOX(0x7fc00000u), 0, 0},
	    {FEQ_D(10, 1, 2), 0x7ff0000000000001, 0, 0, RV_FF_NV},
	    {FLE_D(10, 1, 2), 0x7ff8000000000000, 0, 0, RV_FF_NV},
	    {FEQ_S(10, 1, 2), BOX(0x80000000u), BOX(0u), 1, 0},
	    {FLT_S(10, 1, 2), BOX(0x80000000u), BOX(0u), 0, 0},
	    {FLE_D(10, 1, 2), 0x8000000000000000, 0, 1, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		reset();
		fp_cpu.f[1] = cases[i].a;
		fp_cpu.f[2] = cases[i].b;
		fp_cpu.x[10] = 0x5a5a; /* neither result: the compare must write rd */
		prog[0] = cases[i].insn;
		prog[1] = ECALL;
		ck_assert_int_eq(run_prog(), CPU_EXIT_SYSCALL);
		ck_assert_uint_eq(fp_cpu.x[10], cases[i].want);
		ck_assert_uint_eq(fp_cpu.fflags, cases[i].flags);
	}
}
END_TEST

START_TEST(guest_reserved_rounding_modes_are_illegal)
{
	reset();
	fp_cpu.f[1] = S_ONE;
	fp_cpu.frm = 5;
	uint32_t code[] = {FSGNJN_S(2, 1, 1), FADD_S(3, 1, 1, 7), ECALL};
	memcpy(prog, code, sizeof code);
	ck_assert_int_eq(run_prog(), CPU_EXIT_ILLEGAL);
	ck_assert_uint_eq(fp_cpu.common.pc, 4);
	ck_assert_uint_eq(fp_cpu.f[2], BOX(0xbf800000u));
	ck_assert_uint_eq(fp_cpu.f[3], 0);
	reset();
	uint32_t code2[] = {FADD_S(3, 1, 1, 0), FADD_S(3, 1, 1, 5), ECALL};
	memcpy(prog, code2, sizeof code2);
	ck_assert_int_eq(run_prog(), CPU_EXIT_ILLEGAL);
	ck_assert_uint_eq(fp_cpu.common.pc, 4);
}
END_TEST

Suite *riscv64_fp_suite(void)
{
	Suite *s = suite_create("riscv64_fp");
	TCase *h = tcase_create("helpers");
	tcase_add_test(h, rmm_rounds_ties_away_from_zero);
	tcase_add_test(h, rmm_handles_underflow_and_overflow);
	tcase_add_test(h, tininess_is_detected_after_rounding);
	tcase_add_test(h, nan_results_are_canonical);
	tcase_add_test(h, fma_inf_times_zero_is_invalid_with_quiet_nan_addend);
	tcase_add_test(h, fmin_fmax_order_zeros_and_skip_nans);
	tcase_add_test(h, float_to_int_saturates);
	tcase_add_test(h, fclass_sets_one_bit_per_class);
	tcase_add_test(h, host_rounding_mode_is_restored);
	suite_add_tcase(s, h);
	TCase *g = tcase_create("guest");
	tcase_add_test(g, guest_dynamic_rounding_and_boxing);
	tcase_add_test(g, guest_compares_signal_per_spec);
	tcase_add_test(g, guest_reserved_rounding_modes_are_illegal);
	suite_add_tcase(s, g);
	return s;
}

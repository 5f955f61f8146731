/*
 * The IR interpreter: integer semantics the IR defines (total division, shift counts
 * modulo the width, high multiplies, extensions), memory access with sizes, signs and
 * byte orders, misalignment exits, labels and branches, and each kind of block exit;
 * floating point: the default-NaN option, quiet and signaling compares, and the host
 * exception flags each raises; v128 ops lane by lane: the out-of-range TBL index,
 * shifts by the full lane width, unsigned against signed compares, permutations,
 * widening and narrowing.
 */
#include <check.h>
#include <string.h>
#include <xmmintrin.h>

#include "jit/ir_eval.h"
#include "tests/unit/ir_test_util.h"

static uint64_t eval2(IrOp op, IrType t, uint64_t a, uint64_t c)
{
	IrBlock b;
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	ir_block_init(&b, 0);
	IrTemp r = ir_op2(&b, op, t, ir_const(&b, t, a), ir_const(&b, t, c));
	if (t == IR_I32)
		r = ir_extu(&b, IR_I64, r, 32);
	ir_put(&b, IR_I64, TOY_R(0), r);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	toy_run(&b, &cpu);
	return cpu.r[0];
}

/* Runs `op` on two v128 values held in guest state and returns the result. */
static IrVec veval(IrOp op, uint16_t aux, uint64_t imm, IrVec a, IrVec c)
{
	IrBlock b;
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	memcpy(cpu.v[0], &a, 16);
	memcpy(cpu.v[1], &c, 16);
	ir_block_init(&b, 0);
	IrTemp x = ir_get(&b, IR_V128, TOY_V(0)), y = ir_get(&b, IR_V128, TOY_V(1)), r;
	if (ir_op_info[op].n_src == 1)
		r = ir_vop1(&b, op, aux, x);
	else
		r = ir_vop2(&b, op, aux, x, y);
	b.insns[b.n_insns - 1].imm = imm;
	ir_put(&b, IR_V128, TOY_V(2), r);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	toy_run(&b, &cpu);
	IrVec out;
	memcpy(&out, cpu.v[2], 16);
	return out;
}

static IrVec bytes_from(unsigned first)
{
	IrVec v;
	for (unsigned i = 0; i < 16; i++)
		v.b[i] = (uint8_t)(first + i);
	return v;
}

START_TEST(vector_lanes_compares_and_shifts)
{
	IrVec a = {.d = {0x80ff7f0100000000ull, 0xfffffffe00000001ull}};
	IrVec c = {.d = {0x0101010100000000ull, 0x0000000100000001ull}};
	IrVec r = veval(IR_CMP, IR_VAUX(8, IR_GTU), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0xffffff0000000000ull);
	r = veval(IR_CMP, IR_VAUX(8, IR_GTS), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x0000ff0000000000ull);
	r = veval(IR_CMP, IR_VAUX(32, IR_EQ), 0, a, c);
	ck_assert_uint_eq(r.d[1], 0x00000000ffffffffull);
	r = veval(IR_ADD, IR_VAUX(8, 0), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x8100800200000000ull);
	r = veval(IR_VMIN, IR_VAUX(16, IR_VSIGNED), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x80ff010100000000ull);
	r = veval(IR_VSHRI, IR_VAUX(8, 0), 8, a, c);
	ck_assert_uint_eq(r.d[0] | r.d[1], 0);
	r = veval(IR_VSARI, IR_VAUX(8, 0), 8, a, c);
	ck_assert_uint_eq(r.d[0], 0xffff000000000000ull);
	r = veval(IR_VSHLI, IR_VAUX(16, 0), 4, a, c);
	ck_assert_uint_eq(r.d[0], 0x0ff0f01000000000ull);
	r = veval(IR_ANDN, 0, 0, a, c);
	ck_assert_uint_eq(r.d[1], 0xfffffffe00000000ull);
}
END_TEST

START_TEST(vector_tables_and_permutations)
{
	IrVec t = bytes_from(0x40), idx = {.b = {0, 15, 16, 255, 1, 0x80, 2, 17}};
	IrVec r = veval(IR_VTBL, IR_VAUX(8, 0), 0, t, idx);
	ck_assert_uint_eq(r.d[0], 0x0042004100004f40ull);
	ck_assert_uint_eq(r.d[1], 0x4040404040404040ull);
	IrVec a = bytes_from(0), c = bytes_from(16);
	r = veval(IR_VPERM, IR_VAUX(8, IR_VUZP1), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x0e0c0a0806040200ull);
	ck_assert_uint_eq(r.d[1], 0x1e1c1a1816141210ull);
	r = veval(IR_VPERM, IR_VAUX(16, IR_VZIP2), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x1b1a0b0a19180908ull);
	r = veval(IR_VPERM, IR_VAUX(32, IR_VTRN2), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x1716151407060504ull);
	r = veval(IR_VEXT, 3, 0, a, c);
	ck_assert_uint_eq(r.b[0], 3);
	ck_assert_uint_eq(r.b[15], 18);
	r = veval(IR_VREV, IR_VAUX(16, 3), 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x0100030205040706ull);
	r = veval(IR_VWIDEN, IR_VAUX(8, IR_VSIGNED | IR_VHIGH), 0, bytes_from(0xf8), c);
	ck_assert_uint_eq(r.d[0], 0x0003000200010000ull);
	ck_assert_uint_eq(r.d[1], 0x0007000600050004ull);
	r = veval(IR_VWIDEN, IR_VAUX(8, IR_VSIGNED), 0, bytes_from(0xf8), c);
	ck_assert_uint_eq(r.d[0], 0xfffbfffafff9fff8ull);
	r = veval(IR_VWIDEN, IR_VAUX(8, 0), 0, bytes_from(0xf8), c);
	ck_assert_uint_eq(r.d[0], 0x00fb00fa00f900f8ull);
	r = veval(IR_VNARROW, 16, 0, a, c);
	ck_assert_uint_eq(r.d[0], 0x0e0c0a0806040200ull);
	ck_assert_uint_eq(r.d[1], 0);
}
END_TEST

START_TEST(division_is_total)
{
	ck_assert_uint_eq(eval2(IR_DIVS, IR_I64, 7, 0), 0);
	ck_assert_uint_eq(eval2(IR_REMU, IR_I64, 7, 0), 7);
	ck_assert_uint_eq(eval2(IR_DIVS, IR_I64, INT64_MIN, (uint64_t)-1), (uint64_t)INT64_MIN);
	ck_assert_uint_eq(eval2(IR_REMS, IR_I64, INT64_MIN, (uint64_t)-1), 0);
	ck_assert_uint_eq(eval2(IR_DIVS, IR_I32, 0x80000000u, 0xffffffffu), 0x80000000u);
	ck_assert_uint_eq(eval2(IR_DIVS, IR_I64, (uint64_t)-7, 2), (uint64_t)-3);
	ck_assert_uint_eq(eval2(IR_REMS, IR_I64, (uint64_t)-7, 2), (uint64_t)-1);
	ck_assert_uint_eq(eval2(IR_DIVU, IR_I32, 0xfffffffeu, 2), 0x7fffffffu);
}
END_TEST

START_TEST(shifts_and_multiplies)
{
	ck_assert_uint_eq(eval2(IR_SHL, IR_I64, 1, 65), 2);
	ck_assert_uint_eq(eval2(IR_SHL, IR_I32, 1, 33), 2);
	ck_assert_uint_eq(eval2(IR_SAR, IR_I32, 0x80000000u, 31), 0xffffffffu);
	ck_assert_uint_eq(eval2(IR_SHR, IR_I64, ~0ull, 63), 1);
	ck_assert_uint_eq(eval2(IR_ROTL, IR_I32, 0x80000001u, 1), 3);
	ck_assert_uint_eq(eval2(IR_MULHU, IR_I64, ~0ull, ~0ull), ~0ull - 1);
	ck_assert_uint_eq(eval2(IR_MULHS, IR_I64, (uint64_t)-1, (uint64_t)-1), 0);
	ck_assert_uint_eq(eval2(IR_MULHSU, IR_I64, (uint64_t)-1, ~0ull), ~0ull);
	ck_assert_uint_eq(eval2(IR_MUL, IR_I32, 0x10000, 0x10000), 0);
	ck_assert_uint_eq(eval2(IR_SUB, IR_I32, 0, 1), 0xffffffffu);
}
END_TEST

START_TEST(memory_sizes_signs_and_byte_order)
{
	uint8_t mem[32] = {0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88};
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.common.guest_base = (uintptr_t)mem;
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp base = ir_const(&b, IR_I64, 0);
	ir_put(&b, IR_I64, TOY_R(0), ir_load(&b, IR_I64, MO_8 | MO_SIGN, base, 0));
	ir_put(&b, IR_I64, TOY_R(1), ir_load(&b, IR_I64, MO_16 | MO_BE, base, 0));
	ir_put(&b, IR_I64, TOY_R(2), ir_load(&b, IR_I64, MO_64, base, 1));
	ir_put(&b, IR_I64, TOY_R(3), ir_load(&b, IR_I64, MO_32 | MO_SIGN | MO_BE, base, 5));
	ir_store(&b, IR_I64, MO_32 | MO_BE, base, 16, ir_const(&b, IR_I64, 0x11223344));
	ir_store(&b, IR_I32, MO_16, base, 20, ir_const(&b, IR_I32, 0xaabbccdd));
	ir_exit(&b, CPU_EXIT_HALT, 0x40);
	TbExit x = toy_run(&b, &cpu);
	ck_assert_int_eq(x.kind, TB_EXIT);
	ck_assert_int_eq(x.reason, CPU_EXIT_HALT);
	ck_assert_uint_eq(cpu.common.pc, 0x40);
	ck_assert_uint_eq(cpu.r[0], (uint64_t)-128);
	ck_assert_uint_eq(cpu.r[1], 0x8001);
	ck_assert_uint_eq(cpu.r[2], 0x8807060504030201ull);
	ck_assert_uint_eq(cpu.r[3], 0x05060788ull);
	ck_assert_uint_eq(mem[16], 0x11);
	ck_assert_uint_eq(mem[19], 0x44);
	ck_assert_uint_eq(mem[20], 0xdd);
	ck_assert_uint_eq(mem[21], 0xcc);
	ck_assert_uint_eq(mem[22], 0);
}
END_TEST

START_TEST(misaligned_access_exits_at_the_instruction)
{
	uint8_t mem[16] = {0};
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.common.guest_base = (uintptr_t)mem;
	IrBlock b;
	ir_block_init(&b, 0x100);
	ir_insn_start(&b, 0x100);
	ir_put(&b, IR_I64, TOY_R(0), ir_const(&b, IR_I64, 1));
	ir_insn_start(&b, 0x104);
	ir_load(&b, IR_I64, MO_32 | MO_ALIGN, ir_const(&b, IR_I64, 2), 0);
	ir_goto_block(&b, 0x108, 0);
	TbExit x = toy_run(&b, &cpu);
	ck_assert_int_eq(x.reason, CPU_EXIT_MISALIGNED);
	ck_assert_uint_eq(cpu.common.pc, 0x104);
	ck_assert_uint_eq(cpu.common.fault_addr, 2);
	ck_assert_uint_eq(cpu.r[0], 1);
}
END_TEST

/* if (r0 < r1) r2 = 1 else r2 = 2; then an indirect exit to r3. */
static TbExit run_branch(ToyCpu *cpu)
{
	IrBlock b;
	ir_block_init(&b, 0);
	uint32_t lt = ir_new_label(&b), done = ir_new_label(&b);
	IrTemp c = ir_cmp(&b, IR_I64, IR_LTS, ir_get(&b, IR_I64, TOY_R(0)), ir_get(&b, IR_I64, TOY_R(1)));
	ir_br(&b, c, lt);
	ir_put(&b, IR_I64, TOY_R(2), ir_const(&b, IR_I64, 2));
	ir_jmp(&b, done);
	ir_label(&b, lt);
	ir_put(&b, IR_I64, TOY_R(2), ir_const(&b, IR_I64, 1));
	ir_label(&b, done);
	ir_lookup_jump(&b, ir_get(&b, IR_I64, TOY_R(3)));
	return toy_run(&b, cpu);
}

START_TEST(branches_and_indirect_exit)
{
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.r[0] = (uint64_t)-5;
	cpu.r[1] = 3;
	cpu.r[3] = 0x4444;
	TbExit x = run_branch(&cpu);
	ck_assert_int_eq(x.kind, TB_LOOKUP);
	ck_assert_uint_eq(cpu.common.pc, 0x4444);
	ck_assert_uint_eq(cpu.r[2], 1);
	cpu.r[0] = 9;
	run_branch(&cpu);
	ck_assert_uint_eq(cpu.r[2], 2);
}
END_TEST

START_TEST(extensions_select_and_bit_counts)
{
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp v = ir_const(&b, IR_I64, 0x1234567880ull);
	ir_put(&b, IR_I64, TOY_R(0), ir_exts(&b, IR_I64, v, 8));
	ir_put(&b, IR_I64, TOY_R(1), ir_extu(&b, IR_I64, v, 32));
	ir_put(&b, IR_I64, TOY_R(2), ir_select(&b, IR_I64, ir_const(&b, IR_I32, 0),
					       ir_const(&b, IR_I64, 1), ir_const(&b, IR_I64, 2)));
	ir_put(&b, IR_I64, TOY_R(3), ir_op1(&b, IR_CLZ, IR_I64, ir_const(&b, IR_I64, 0)));
	ir_put(&b, IR_I32, TOY_W(0), ir_op1(&b, IR_CTZ, IR_I32, ir_const(&b, IR_I32, 0x100)));
	ir_put(&b, IR_I32, TOY_W(1), ir_op1(&b, IR_BSWAP, IR_I32, ir_const(&b, IR_I32, 0x11223344)));
	ir_goto_block(&b, 0x10, 1);
	TbExit x = toy_run(&b, &cpu);
	ck_assert_int_eq(x.kind, TB_GOTO);
	ck_assert_uint_eq(x.slot, 1);
	ck_assert_uint_eq(cpu.r[0], (uint64_t)-128);
	ck_assert_uint_eq(cpu.r[1], 0x34567880ull);
	ck_assert_uint_eq(cpu.r[2], 2);
	ck_assert_uint_eq(cpu.r[3], 64);
	ck_assert_uint_eq(cpu.w[0], 8);
	ck_assert_uint_eq(cpu.w[1], 0x44332211u);
}
END_TEST

/* MXCSR exception flags (IE ZE OE UE PE; the denormal flag left out) raised while
 * running one float op on constants, and its result in *out. */
enum { FL_IE = 1, FL_ZE = 4, FL_OE = 8, FL_UE = 16, FL_PE = 32, FL_ALL = 0x3d };

static unsigned run_fop(IrOp op, IrType t, uint16_t aux, uint64_t a, uint64_t c, uint64_t *out)
{
	IrBlock b;
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	ir_block_init(&b, 0);
	IrType it = t == IR_F32 ? IR_I32 : IR_I64;
	IrTemp x = ir_conv(&b, IR_BITCAST, t, ir_const(&b, it, a), 0);
	IrTemp y = ir_conv(&b, IR_BITCAST, t, ir_const(&b, it, c), 0);
	if (op == IR_FCMP) {
		ir_put(&b, IR_I64, TOY_R(0),
		       ir_fcmp_sig(&b, t, (IrFCond)(aux & IR_FCMP_COND_MASK),
		                   aux & IR_FCMP_SIGNALING, x, y));
	} else {
		IrTemp r = ir_fop(&b, op, t, aux, x, op == IR_FSQRT ? IR_NONE : y);
		ir_put(&b, it, TOY_R(0), ir_conv(&b, IR_BITCAST, it, r, 0));
	}
	ir_exit(&b, CPU_EXIT_HALT, 0);
	_mm_setcsr(_mm_getcsr() & ~0x3fu);
	toy_run(&b, &cpu);
	unsigned flags = _mm_getcsr() & FL_ALL;
	_mm_setcsr(_mm_getcsr() & ~0x3fu);
	*out = cpu.r[0];
	return flags;
}

START_TEST(default_nan_replaces_every_nan_result)
{
	uint64_t r;
	/* inf - inf: x86's default NaN is negative; with the option it is positive */
	ck_assert_uint_eq(
	    run_fop(IR_FSUB, IR_F64, 0, 0x7ff0000000000000ull, 0x7ff0000000000000ull, &r), FL_IE);
	ck_assert_uint_eq(r, 0xfff8000000000000ull);
	ck_assert_uint_eq(run_fop(IR_FSUB, IR_F64, IR_FARITH_DEFAULT_NAN, 0x7ff0000000000000ull,
	                          0x7ff0000000000000ull, &r),
	                  FL_IE);
	ck_assert_uint_eq(r, 0x7ff8000000000000ull);
	/* a quiet NaN's payload propagates without the option, and raises nothing */
	ck_assert_uint_eq(run_fop(IR_FMUL, IR_F32, 0, 0x7fc01234u, 0x3f800000u, &r), 0);
	ck_assert_uint_eq(r, 0x7fc01234u);
	ck_assert_uint_eq(
	    run_fop(IR_FMUL, IR_F32, IR_FARITH_DEFAULT_NAN, 0x7fc01234u, 0x3f800000u, &r), 0);
	ck_assert_uint_eq(r, 0x7fc00000u);
	/* a signaling NaN operand raises invalid */
	ck_assert_uint_eq(
	    run_fop(IR_FADD, IR_F32, IR_FARITH_DEFAULT_NAN, 0x7f800001u, 0x3f800000u, &r), FL_IE);
	ck_assert_uint_eq(r, 0x7fc00000u);
	ck_assert_uint_eq(
	    run_fop(IR_FSQRT, IR_F64, IR_FARITH_DEFAULT_NAN, 0xbff0000000000000ull, 0, &r), FL_IE);
	ck_assert_uint_eq(r, 0x7ff8000000000000ull);
	/* ordinary results are untouched */
	ck_assert_uint_eq(run_fop(IR_FDIV, IR_F64, IR_FARITH_DEFAULT_NAN, 0x3ff0000000000000ull,
	                          0x4008000000000000ull, &r),
	                  FL_PE);
	ck_assert_uint_eq(r, 0x3fd5555555555555ull);
}
END_TEST

START_TEST(float_ops_raise_the_host_flags)
{
	uint64_t r;
	ck_assert_uint_eq(run_fop(IR_FDIV, IR_F64, 0, 0x3ff0000000000000ull, 0, &r), FL_ZE);
	ck_assert_uint_eq(run_fop(IR_FMUL, IR_F32, 0, 0x7f7fffffu, 0x40000000u, &r), FL_OE | FL_PE);
	/* tininess after rounding: (1 - 2^-52) * 2^-1022 (1 + 2^-52) = 2^-1022 (1 - 2^-104) is
	 * tiny before rounding but rounds to 2^-1022: inexact, not underflow */
	ck_assert_uint_eq(
	    run_fop(IR_FMUL, IR_F64, 0, 0x3feffffffffffffeull, 0x0010000000000001ull, &r), FL_PE);
	ck_assert_uint_eq(r, 0x0010000000000000ull);
	/* a tiny inexact result: underflow and inexact */
	ck_assert_uint_eq(
	    run_fop(IR_FMUL, IR_F64, 0, 0x0010000000000001ull, 0x3fe0000000000000ull, &r),
	    FL_UE | FL_PE);
	/* an exact subnormal result raises nothing */
	ck_assert_uint_eq(run_fop(IR_FSUB, IR_F32, 0, 0x00800001u, 0x00800000u, &r), 0);
	ck_assert_uint_eq(r, 1);
}
END_TEST

START_TEST(quiet_and_signaling_compares)
{
	uint64_t r;
	const uint64_t one = 0x3ff0000000000000ull, qnan = 0x7ff8000000000000ull,
	               snan = 0x7ff0000000000001ull;
	for (unsigned c = 0; c < IR_FCOND_COUNT; c++) {
		ck_assert_uint_eq(run_fop(IR_FCMP, IR_F64, c, one, qnan, &r), 0);
		ck_assert_uint_eq(r, c == IR_FUNORD);
		ck_assert_uint_eq(run_fop(IR_FCMP, IR_F64, c | IR_FCMP_SIGNALING, qnan, one, &r),
		                  FL_IE);
		ck_assert_uint_eq(r, c == IR_FUNORD);
		ck_assert_uint_eq(run_fop(IR_FCMP, IR_F64, c, snan, one, &r), FL_IE);
		ck_assert_uint_eq(run_fop(IR_FCMP, IR_F32, c, 0x7f800001u, 0x3f800000u, &r), FL_IE);
		ck_assert_uint_eq(
		    run_fop(IR_FCMP, IR_F32, c | IR_FCMP_SIGNALING, 0x3f800000u, 0x7fc00000u, &r),
		    FL_IE);
		ck_assert_uint_eq(run_fop(IR_FCMP, IR_F64, c | IR_FCMP_SIGNALING, one, one, &r), 0);
		ck_assert_uint_eq(r, c == IR_FEQ || c == IR_FLE);
	}
}
END_TEST

Suite *interp_suite(void)
{
	Suite *s = suite_create("interp");
	TCase *tc = tcase_create("semantics");
	tcase_add_test(tc, division_is_total);
	tcase_add_test(tc, shifts_and_multiplies);
	tcase_add_test(tc, memory_sizes_signs_and_byte_order);
	tcase_add_test(tc, misaligned_access_exits_at_the_instruction);
	tcase_add_test(tc, branches_and_indirect_exit);
	tcase_add_test(tc, extensions_select_and_bit_counts);
	tcase_add_test(tc, default_nan_replaces_every_nan_result);
	tcase_add_test(tc, float_ops_raise_the_host_flags);
	tcase_add_test(tc, quiet_and_signaling_compares);
	tcase_add_test(tc, vector_lanes_compares_and_shifts);
	tcase_add_test(tc, vector_tables_and_permutations);
	suite_add_tcase(s, tc);
	return s;
}

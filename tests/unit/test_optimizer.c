/*
 * The optimizer: each transformation on a small block (constant folding, copy and
 * identity propagation, GET forwarding, dead PUT removal, dead code), the cases it must
 * leave alone (a PUT before a memory access that may fault, state across labels), and a
 * randomized differential check: many generated blocks give the same guest state with
 * and without optimization.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/ir_test_util.h"

static unsigned count_op(const IrBlock *b, IrOp op)
{
	unsigned n = 0;
	for (uint32_t i = 0; i < b->n_insns; i++)
		n += b->insns[i].op == op;
	return n;
}

START_TEST(folds_constants_and_removes_dead_code)
{
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp a = ir_const(&b, IR_I64, 20);
	IrTemp s = ir_op2(&b, IR_ADD, IR_I64, a, ir_const(&b, IR_I64, 22));
	ir_op2(&b, IR_MUL, IR_I64, s, s); /* unused */
	ir_put(&b, IR_I64, TOY_R(0), ir_op2i(&b, IR_SHL, IR_I64, s, 1));
	ir_exit(&b, CPU_EXIT_HALT, 0);
	ir_optimize(&b);
	ck_assert_uint_eq(count_op(&b, IR_ADD) + count_op(&b, IR_MUL) + count_op(&b, IR_SHL), 0);
	ck_assert_uint_eq(b.n_insns, 3);
	ck_assert_uint_eq(b.insns[0].imm, 84);
	ir_block_free(&b);
}
END_TEST

/* Float ops raise exception flags: neither folded at translation time (the flags would be
 * raised then, not when the guest runs) nor dropped when their value is unused. */
START_TEST(keeps_float_ops_for_their_flags)
{
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp one = ir_const(&b, IR_F64, 0x3ff0000000000000ull);
	IrTemp zero = ir_const(&b, IR_F64, 0);
	ir_fop(&b, IR_FDIV, IR_F64, 0, one, zero); /* unused */
	IrTemp s = ir_fop(&b, IR_FADD, IR_F64, 0, one, one);
	ir_fcmp(&b, IR_F64, IR_FLT, s, zero); /* unused */
	ir_put(&b, IR_I64, TOY_R(0), ir_conv(&b, IR_BITCAST, IR_I64, s, 0));
	ir_exit(&b, CPU_EXIT_HALT, 0);
	ir_optimize(&b);
	ck_assert_uint_eq(count_op(&b, IR_FDIV), 1);
	ck_assert_uint_eq(count_op(&b, IR_FADD), 1);
	ck_assert_uint_eq(count_op(&b, IR_FCMP), 1);
	ir_block_free(&b);
}
END_TEST

START_TEST(forwards_state_and_drops_overwritten_puts)
{
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp x = ir_get(&b, IR_I64, TOY_R(1));
	ir_put(&b, IR_I64, TOY_R(0), x);
	IrTemp y = ir_get(&b, IR_I64, TOY_R(0)); /* forwarded from the PUT */
	IrTemp z = ir_op2i(&b, IR_OR, IR_I64, y, 0); /* identity */
	ir_put(&b, IR_I64, TOY_R(0), ir_op2(&b, IR_ADD, IR_I64, z, ir_get(&b, IR_I64, TOY_R(1))));
	ir_exit(&b, CPU_EXIT_HALT, 0);
	ir_optimize(&b);
	ck_assert_uint_eq(count_op(&b, IR_GET), 1);
	ck_assert_uint_eq(count_op(&b, IR_PUT), 1);
	ck_assert_uint_eq(count_op(&b, IR_OR), 0);
	ir_block_free(&b);
}
END_TEST

START_TEST(keeps_puts_a_fault_could_observe)
{
	IrBlock b;
	ir_block_init(&b, 0);
	ir_put(&b, IR_I64, TOY_R(0), ir_const(&b, IR_I64, 1));
	IrTemp v = ir_load(&b, IR_I64, MO_64, ir_get(&b, IR_I64, TOY_R(2)), 0);
	ir_put(&b, IR_I64, TOY_R(0), v);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	ir_optimize(&b);
	ck_assert_uint_eq(count_op(&b, IR_PUT), 2);
	ir_block_free(&b);
}
END_TEST

START_TEST(forgets_state_at_labels)
{
	IrBlock b;
	ir_block_init(&b, 0);
	uint32_t l = ir_new_label(&b);
	ir_br(&b, ir_get(&b, IR_I64, TOY_R(3)), l);
	ir_put(&b, IR_I64, TOY_R(0), ir_const(&b, IR_I64, 5));
	ir_label(&b, l);
	ir_put(&b, IR_I64, TOY_R(1), ir_get(&b, IR_I64, TOY_R(0)));
	ir_exit(&b, CPU_EXIT_HALT, 0);
	ir_optimize(&b);
	ck_assert_uint_eq(count_op(&b, IR_GET), 2);
	char err[128];
	ck_assert_msg(ir_verify(&b, err, sizeof err), "%s", err);
	ir_block_free(&b);
}
END_TEST

START_TEST(simplifies_extensions_and_constant_operands)
{
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp x = ir_get(&b, IR_I64, TOY_R(1));
	/* riscv64's mv (add rd, zero, rs): the constant moves second, then x + 0 is x. */
	ir_put(&b, IR_I64, TOY_R(0), ir_op2(&b, IR_ADD, IR_I64, ir_const(&b, IR_I64, 0), x));
	/* sext.w of a W-op result: truncating a sign-extended i32 gives the i32 back. */
	IrTemp w = ir_op2i(&b, IR_SHL, IR_I32, ir_extu(&b, IR_I32, x, 32), 3);
	IrTemp wide = ir_exts(&b, IR_I64, w, 32);
	IrTemp again = ir_extu(&b, IR_I32, wide, 32);
	ir_put(&b, IR_I64, TOY_R(2), ir_exts(&b, IR_I64, ir_op2i(&b, IR_ADD, IR_I32, again, 0), 32));
	ir_put(&b, IR_I64, TOY_R(3), wide);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	ir_optimize(&b);
	ck_assert_uint_eq(count_op(&b, IR_ADD), 0);
	ck_assert_uint_eq(count_op(&b, IR_EXTU), 1);
	ck_assert_uint_eq(count_op(&b, IR_EXTS), 2);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.r[1] = 0x1234567890abcdefull;
	toy_run(&b, &cpu);
	ck_assert_uint_eq(cpu.r[0], 0x1234567890abcdefull);
	ck_assert_uint_eq(cpu.r[2], 0xffffffff855e6f78ull);
	ck_assert_uint_eq(cpu.r[3], 0xffffffff855e6f78ull);
}
END_TEST

/* Shift-shift-or spellings of rotations become one rotate; near misses stay as they
 * are, and both blocks compute the same state. */
static void rotation_block(IrBlock *b)
{
	ir_block_init(b, 0);
	IrTemp x = ir_get(b, IR_I64, TOY_R(1));
	IrTemp lo = ir_extu(b, IR_I32, x, 32);
	IrTemp r32 = ir_op2(b, IR_OR, IR_I32, ir_op2i(b, IR_SHR, IR_I32, lo, 6),
	                    ir_op2i(b, IR_SHL, IR_I32, lo, 26));
	ir_put(b, IR_I64, TOY_R(0), ir_exts(b, IR_I64, r32, 32));
	IrTemp r64 = ir_op2(b, IR_XOR, IR_I64, ir_op2i(b, IR_SHL, IR_I64, x, 13),
	                    ir_op2i(b, IR_SHR, IR_I64, x, 51));
	ir_put(b, IR_I64, TOY_R(2), r64);
	IrTemp add = ir_op2(b, IR_ADD, IR_I64, ir_op2i(b, IR_SHR, IR_I64, x, 1),
	                    ir_op2i(b, IR_SHL, IR_I64, x, 63));
	ir_put(b, IR_I64, TOY_R(3), add);
	/* 5 + 26 is not 32, and two different sources: no rotations. */
	IrTemp miss = ir_op2(b, IR_OR, IR_I32, ir_op2i(b, IR_SHR, IR_I32, lo, 5),
	                     ir_op2i(b, IR_SHL, IR_I32, lo, 26));
	ir_put(b, IR_I64, TOY_R(4), ir_extu(b, IR_I64, miss, 32));
	IrTemp y = ir_get(b, IR_I64, TOY_R(5));
	IrTemp two = ir_op2(b, IR_OR, IR_I64, ir_op2i(b, IR_SHR, IR_I64, x, 8),
	                    ir_op2i(b, IR_SHL, IR_I64, y, 56));
	ir_put(b, IR_I64, TOY_R(6), two);
	ir_exit(b, CPU_EXIT_HALT, 0);
}

START_TEST(recognizes_rotations)
{
	IrBlock plain, opt;
	rotation_block(&plain);
	rotation_block(&opt);
	ir_optimize(&opt);
	ck_assert_uint_eq(count_op(&opt, IR_ROTL), 3);
	ck_assert_uint_eq(count_op(&opt, IR_SHL), 2);
	ck_assert_uint_eq(count_op(&opt, IR_SHR), 2);
	ToyCpu a, c;
	memset(&a, 0, sizeof a);
	a.r[1] = 0x1234567890abcdefull;
	a.r[5] = 0xfedcba9876543210ull;
	c = a;
	toy_run(&plain, &a);
	toy_run(&opt, &c);
	ck_assert_mem_eq(a.r, c.r, sizeof a.r);
	ck_assert_uint_eq(c.r[0], 0xffffffffbe42af37ull);
	ir_block_free(&plain);
	ir_block_free(&opt);
}
END_TEST

static uint64_t rng_state;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A random straight-line block over the toy registers, with constants mixed in so the
 * folder has work, and an optional forward branch. */
static void random_block(IrBlock *b)
{
	static const IrOp ops[] = {IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR, IR_SHL,
				   IR_SHR, IR_SAR, IR_DIVS, IR_REMU, IR_MULHU, IR_ROTR};
	ir_block_init(b, 0);
	IrTemp pool[64];
	unsigned n = 0;
	for (unsigned r = 0; r < 4; r++)
		pool[n++] = ir_get(b, IR_I64, TOY_R(r));
	for (unsigned c = 0; c < 3; c++)
		pool[n++] = ir_const(b, IR_I64, rng() % 5 == 0 ? 0 : rng() >> (rng() % 64));
	for (unsigned k = 0; k < 30 && n < 63; k++) {
		IrOp op = ops[rng() % (sizeof ops / sizeof ops[0])];
		IrTemp v;
		if (rng() % 8 == 0) {
			/* A rotation spelled with shifts (or a near miss). */
			IrType t = rng() % 2 ? IR_I32 : IR_I64;
			unsigned w = t == IR_I32 ? 32 : 64, k = 1 + rng() % (w - 1);
			IrTemp x = pool[rng() % n];
			if (t == IR_I32)
				x = ir_extu(b, IR_I32, x, 32);
			IrOp join = rng() % 2 ? IR_OR : rng() % 2 ? IR_XOR : IR_ADD;
			IrTemp r = ir_op2(b, join, t, ir_op2i(b, IR_SHL, t, x, k),
			                  ir_op2i(b, IR_SHR, t, x, w - k + (rng() % 4 == 0)));
			v = t == IR_I32 ? ir_exts(b, IR_I64, r, 32) : r;
		} else if (rng() % 3 == 0) {
			/* A W-style op: truncate, compute in i32, extend back. */
			IrTemp lo = ir_extu(b, IR_I32, pool[rng() % n], rng() % 2 ? 32 : 16);
			IrTemp r = ir_op2(b, op, IR_I32, lo, ir_extu(b, IR_I32, pool[rng() % n], 32));
			v = rng() % 2 ? ir_exts(b, IR_I64, r, rng() % 2 ? 32 : 8)
			              : ir_extu(b, IR_I64, r, 32);
		} else {
			v = ir_op2(b, op, IR_I64, pool[rng() % n], pool[rng() % n]);
		}
		pool[n++] = v;
		if (rng() % 4 == 0)
			ir_put(b, IR_I64, TOY_R(rng() % 6), v);
	}
	ir_put(b, IR_I64, TOY_R(7), pool[n - 1]);
	ir_exit(b, CPU_EXIT_HALT, 0);
}

START_TEST(optimized_blocks_compute_the_same_state)
{
	rng_state = 0x9e3779b97f4a7c15ull + (uint64_t)_i;
	for (int round = 0; round < 200; round++) {
		IrBlock plain, opt;
		uint64_t saved = rng_state;
		random_block(&plain);
		rng_state = saved;
		random_block(&opt);
		ir_optimize(&opt);
		ToyCpu a, c;
		memset(&a, 0, sizeof a);
		for (int r = 0; r < 8; r++)
			a.r[r] = rng();
		c = a;
		toy_run(&plain, &a);
		toy_run(&opt, &c);
		ck_assert_msg(memcmp(a.r, c.r, sizeof a.r) == 0, "round %d diverged", round);
	}
}
END_TEST

Suite *optimizer_suite(void)
{
	Suite *s = suite_create("optimizer");
	TCase *tc = tcase_create("passes");
	tcase_add_test(tc, folds_constants_and_removes_dead_code);
	tcase_add_test(tc, keeps_float_ops_for_their_flags);
	tcase_add_test(tc, forwards_state_and_drops_overwritten_puts);
	tcase_add_test(tc, keeps_puts_a_fault_could_observe);
	tcase_add_test(tc, forgets_state_at_labels);
	tcase_add_test(tc, simplifies_extensions_and_constant_operands);
	tcase_add_test(tc, recognizes_rotations);
	tcase_add_loop_test(tc, optimized_blocks_compute_the_same_state, 0, 5);
	suite_add_tcase(s, tc);
	return s;
}

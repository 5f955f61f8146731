/*
 * The engine, with the interpreter and with the JIT, and a toy frontend whose "instructions" are bytes in a small code array:
 * blocks are translated once and then found again (jump cache, chaining), run until a
 * syscall-like exit, a fetch fault becomes CPU_EXIT_FETCH_FAULT, a host fault in guest
 * code becomes CPU_EXIT_MEM_FAULT at the faulting instruction, and invalidating a range
 * with translated code forces retranslation.
 */
#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "jit/engine.h"
#include "jit/fault.h"
#include "tests/unit/ir_test_util.h"

/* Toy ISA, one byte per instruction:
 *   'i' r0 += 1, next      'j' goto 0 if r0 < r1 else next   'x' syscall exit, next
 *   'l' r2 = load64(r3)    'c' r4 = a call of a helper counting its calls
 *   anything else: illegal */
static uint8_t toy_code[64];

/* A helper that claims to touch nothing but returns a different value on every call:
 * the interpreter and the JIT see different results, which co-simulation must catch. */
static uint64_t counter_value;
static uint64_t toy_count(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return ++counter_value;
}
static const IrHelper toy_counter = {"toy_count", toy_count, 0};

static int toy_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	if (pc + len > sizeof toy_code)
		return -EFAULT;
	memcpy(buf, toy_code + pc, len);
	return 0;
}

static void toy_translate(IrBlock *b, const GuestFetch *f, uint64_t pc)
{
	for (;;) {
		uint8_t op;
		if (f->read(f->opaque, pc, &op, 1) < 0) {
			ir_exit(b, CPU_EXIT_FETCH_FAULT, pc);
			return;
		}
		ir_insn_start(b, pc);
		b->guest_size++;
		b->guest_insns++;
		if (op == 'i') {
			ir_put(b, IR_I64, TOY_R(0), ir_op2i(b, IR_ADD, IR_I64, ir_get(b, IR_I64, TOY_R(0)), 1));
		} else if (op == 'c') {
			ir_put(b, IR_I64, TOY_R(4), ir_call(b, &toy_counter, 0, 0, 0, 0));
		} else if (op == 'l') {
			ir_put(b, IR_I64, TOY_R(2), ir_load(b, IR_I64, MO_64, ir_get(b, IR_I64, TOY_R(3)), 0));
		} else if (op == 'j') {
			uint32_t back = ir_new_label(b);
			IrTemp c = ir_cmp(b, IR_I64, IR_LTU, ir_get(b, IR_I64, TOY_R(0)), ir_get(b, IR_I64, TOY_R(1)));
			ir_br(b, c, back);
			ir_goto_block(b, pc + 1, 1);
			ir_label(b, back);
			ir_goto_block(b, 0, 0);
			return;
		} else if (op == 'x') {
			ir_exit(b, CPU_EXIT_SYSCALL, pc + 1);
			return;
		} else {
			ir_exit(b, CPU_EXIT_ILLEGAL, pc);
			return;
		}
		pc++;
	}
}

static unsigned toy_disas(const GuestFetch *f, uint64_t pc, char *buf, size_t n)
{
	uint8_t op;
	if (f->read(f->opaque, pc, &op, 1) < 0)
		return 0;
	snprintf(buf, n, "%c", op);
	return 1;
}

static const GuestArch toy_arch = {"toy", sizeof(ToyCpu), 16, toy_translate, toy_disas};
static const GuestFetch toy_fetch = {toy_read, NULL};
static const EngineMode engines[] = {ENGINE_INTERP, ENGINE_JIT, ENGINE_COSIM};

START_TEST(loops_run_from_chained_blocks)
{
	memcpy(toy_code, "iijx", 4);
	Engine *e = engine_new(&toy_arch, engines[_i], &toy_fetch);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.r[1] = 1000;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 1000);
	ck_assert_uint_eq(cpu.common.pc, 4);
	ck_assert_uint_eq(engine_blocks_translated(e), 2);
	EngineStats st = engine_stats(e);
	ck_assert_uint_eq(st.blocks, 2);
	ck_assert_uint_eq(st.guest_insns, 4); /* "iij" and "x" */
	ck_assert_uint_gt(st.translate_ns, 0);
	engine_invalidate(e, 0x10000, 0x2000); /* no code on those pages: nothing dropped */
	cpu.common.pc = 0;
	cpu.r[1] = 1010;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(engine_blocks_translated(e), 2);
	memcpy(toy_code, "iiijx", 5); /* code rewritten: the engine must be told */
	engine_invalidate(e, 0, 1);
	cpu.common.pc = 0;
	cpu.r[0] = 0;
	cpu.r[1] = 10;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 12);
	ck_assert_uint_eq(engine_blocks_translated(e), 4);
	ck_assert_uint_eq(engine_stats(e).guest_insns, 9); /* then "iiij" and "x" again */
	engine_free(e);
}
END_TEST

START_TEST(faults_become_exits_at_the_instruction)
{
	memcpy(toy_code, "iliq", 4);
	Engine *e = engine_new(&toy_arch, engines[_i], &toy_fetch);
	void *hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(hole, MAP_FAILED);
	fault_install();
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.r[3] = (uintptr_t)hole + 8;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_MEM_FAULT);
	ck_assert_uint_eq(cpu.common.pc, 1);
	ck_assert_uint_eq(cpu.common.fault_addr, (uintptr_t)hole + 8);
	ck_assert_uint_eq(cpu.r[0], 1);
	mprotect(hole, 4096, PROT_READ);
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_ILLEGAL);
	ck_assert_uint_eq(cpu.common.pc, 3);
	ck_assert_uint_eq(cpu.r[0], 2);
	cpu.common.pc = 70;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_FETCH_FAULT);
	ck_assert_uint_eq(cpu.common.pc, 70);
	munmap(hole, 4096);
	engine_free(e);
}
END_TEST


typedef struct LoopRun {
	Engine *e;
	ToyCpu cpu;
	CpuExit why;
	pthread_t thread;
} LoopRun;

static void *run_loop(void *arg)
{
	LoopRun *r = arg;
	r->why = engine_run(r->e, &r->cpu.common);
	return NULL;
}

/* Several threads translate and run the same code at once: every block is translated
 * exactly once (none lost, none twice) and every thread gets its own result. */
START_TEST(threads_share_translations)
{
	memcpy(toy_code, "iijx", 4);
	Engine *e = engine_new(&toy_arch, engines[_i], &toy_fetch);
	LoopRun runs[4];
	for (int i = 0; i < 4; i++) {
		memset(&runs[i], 0, sizeof runs[i]);
		runs[i].e = e;
		runs[i].cpu.r[1] = 20000 + 2 * (uint64_t)i;
		pthread_create(&runs[i].thread, NULL, run_loop, &runs[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(runs[i].thread, NULL);
		ck_assert_int_eq(runs[i].why, CPU_EXIT_SYSCALL);
		ck_assert_uint_eq(runs[i].cpu.r[0], 20000 + 2 * (uint64_t)i);
		engine_cpu_release(e, &runs[i].cpu.common);
	}
	ck_assert_uint_eq(engine_blocks_translated(e), 2);
	engine_free(e);
}
END_TEST

/* Invalidation while another thread loops in translated code: the flush asks that thread
 * out (exit_request) and happens only once it is out; an idle CPU does not hold it up;
 * afterwards the thread runs retranslated code. */
START_TEST(flushes_wait_for_running_threads)
{
	memcpy(toy_code, "iijx", 4);
	Engine *e = engine_new(&toy_arch, engines[_i], &toy_fetch);
	ToyCpu idle;
	memset(&idle, 0, sizeof idle);
	idle.r[1] = 1;
	ck_assert_int_eq(engine_run(e, &idle.common), CPU_EXIT_SYSCALL);
	LoopRun r;
	memset(&r, 0, sizeof r);
	r.e = e;
	r.cpu.r[1] = UINT64_MAX; /* loops until asked out */
	pthread_create(&r.thread, NULL, run_loop, &r);
	while (__atomic_load_n(&r.cpu.r[0], __ATOMIC_RELAXED) < 1000)
		sched_yield();
	engine_invalidate(e, 0, 1);
	/* The flush is done, so the looping thread is out of translated code already. */
	uint64_t at_flush = __atomic_load_n(&r.cpu.r[0], __ATOMIC_RELAXED);
	usleep(20000);
	ck_assert_uint_eq(__atomic_load_n(&r.cpu.r[0], __ATOMIC_RELAXED), at_flush);
	pthread_join(r.thread, NULL);
	ck_assert_int_eq(r.why, CPU_EXIT_INTERRUPT);
	ck_assert_uint_eq(r.cpu.common.exit_request, 1);
	uint64_t before = engine_blocks_translated(e);
	r.cpu.common.exit_request = 0;
	r.cpu.r[1] = r.cpu.r[0] + 10;
	ck_assert_int_eq(engine_run(e, &r.cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(r.cpu.r[1], r.cpu.r[0]);
	ck_assert_uint_gt(engine_blocks_translated(e), before);
	engine_free(e);
}
END_TEST

START_TEST(cosim_stops_at_a_divergence)
{
	memcpy(toy_code, "icx", 3);
	Engine *e = engine_new(&toy_arch, ENGINE_COSIM, &toy_fetch);
	ck_assert_ptr_nonnull(e);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	engine_run(e, &cpu.common);
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("run");
	tcase_add_loop_test(tc, loops_run_from_chained_blocks, 0, 3);
	tcase_add_loop_test(tc, faults_become_exits_at_the_instruction, 0, 3);
	tcase_add_loop_test(tc, threads_share_translations, 0, 3);
	tcase_add_loop_test(tc, flushes_wait_for_running_threads, 0, 3);
	tcase_add_exit_test(tc, cosim_stops_at_a_divergence, 1);
	suite_add_tcase(s, tc);
	return s;
}

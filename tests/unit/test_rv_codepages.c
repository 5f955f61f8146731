/*
 * Unit tests of code-page tracking and fence.i in system mode: the bus's code and dirty
 * page bits, a hart's TLB losing the write permission for a page that becomes code and
 * its store slow path marking such a page dirty, and programs run on a hart with each
 * executor: self-modifying code that executes fence.i runs the new instructions, and
 * fence.i drops only the blocks of the pages written since they were translated (a
 * loop's translation count grows by exactly the rewritten function's block per
 * iteration, and not at all when the loop writes a data page).
 */
#include <check.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "sysemu/bus.h"
#include "sysemu/riscv64/hart_int.h"
#include "tests/unit/suites.h"

#define RAM_BASE UINT64_C(0x80000000)
#define RAM_SIZE 0x100000
#define F_PAGE   (RAM_BASE + 0x1000) /* a function the programs call */
#define G_PAGE   (RAM_BASE + 0x2000) /* another one, never written */
#define D_PAGE   (RAM_BASE + 0x3000) /* data */

static Bus *bus;
static uint8_t *ram;
static RvHart *hart;

static void setup(void)
{
	bus = bus_new();
	ram = bus_add_ram(bus, RAM_BASE, RAM_SIZE, "ram");
	ck_assert_ptr_nonnull(ram);
	RvHartConfig cfg = {.hartid = 0, .bus = bus, .sstc = true};
	hart = rv_hart_new(&cfg);
	ck_assert_ptr_nonnull(hart);
}

static void teardown(void)
{
	rv_hart_free(hart);
	bus_free(bus);
}

START_TEST(test_code_page_bits)
{
	uint64_t pages[4];
	bus_code_written(bus, F_PAGE, 8); /* not code: nothing to note */
	ck_assert(!bus_code_dirty(bus));
	bus_code_mark(bus, F_PAGE + 0x123);
	ck_assert(bus_code_page(bus, F_PAGE + 0xfff));
	ck_assert(!bus_code_page(bus, G_PAGE));
	ck_assert(!bus_code_page(bus, 0x1000)); /* not RAM */
	bus_code_written(bus, F_PAGE - 4, 8);   /* straddles into the code page */
	ck_assert(bus_code_dirty(bus));
	ck_assert_uint_eq(bus_code_take_dirty(bus, pages, 4), 1);
	ck_assert_uint_eq(pages[0], F_PAGE);
	ck_assert(!bus_code_dirty(bus));
	ck_assert(!bus_code_page(bus, F_PAGE));
	bus_code_mark(bus, G_PAGE);
	ck_assert_int_eq(bus_dma_write(bus, G_PAGE + 16, "x", 1), 0);
	ck_assert(bus_code_dirty(bus));
	bus_code_forget(bus);
	ck_assert(!bus_code_dirty(bus));
	ck_assert(!bus_code_page(bus, G_PAGE));
}
END_TEST

/* M-mode, bare: virtual = physical. */
START_TEST(test_tlb_write_revoked)
{
	hart->priv = RV_PRIV_M;
	sigjmp_buf env;
	hart->cpu.common.fault_jmp = &env;
	if (sigsetjmp(env, 0))
		ck_abort_msg("a store faulted");
	rv_mmu_ops.store(&hart->cpu.common, D_PAGE + 8, 0x1234, 3);
	ck_assert_ptr_eq(softmmu_lookup(&hart->mmu, D_PAGE, 8, MMU_WRITE), ram + 0x3000);
	bus_code_mark(bus, D_PAGE);
	ck_assert_ptr_null(softmmu_lookup(&hart->mmu, D_PAGE, 8, MMU_WRITE));
	ck_assert_ptr_eq(softmmu_lookup(&hart->mmu, D_PAGE, 8, MMU_READ), ram + 0x3000);
	ck_assert(!bus_code_dirty(bus));
	rv_mmu_ops.store(&hart->cpu.common, D_PAGE + 8, 0x5678, 3);
	ck_assert(bus_code_dirty(bus));
	ck_assert_uint_eq(*(uint64_t *)(ram + 0x3008), 0x5678);
	/* the slow path's refill keeps the write tag away while the page is code */
	ck_assert_ptr_null(softmmu_lookup(&hart->mmu, D_PAGE, 8, MMU_WRITE));
	hart->cpu.common.fault_jmp = NULL;
}
END_TEST

/* Programs run by the hart's thread. */
#define I_TYPE(op, f3, rd, rs1, imm)                                                               \
	((uint32_t)((imm)&0xfff) << 20 | (uint32_t)(rs1) << 15 | (uint32_t)(f3) << 12 |            \
	 (uint32_t)(rd) << 7 | (op))
#define ADDI(rd, rs1, imm) I_TYPE(0x13, 0, rd, rs1, imm)
#define JALR(rd, rs1, imm) I_TYPE(0x67, 0, rd, rs1, imm)
#define LUI(rd, imm20)     ((uint32_t)(imm20) << 12 | (uint32_t)(rd) << 7 | 0x37)
#define OR(rd, rs1, rs2)                                                                           \
	((uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 | 6u << 12 | (uint32_t)(rd) << 7 | 0x33)
#define SW(rs2, rs1, imm)                                                                          \
	((uint32_t)((imm) >> 5 & 0x7f) << 25 | (uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 |     \
	 2u << 12 | (uint32_t)((imm)&31) << 7 | 0x23)
#define BNE_BACK(rs1, back)                                                                        \
	(1u << 31 | (uint32_t)((0x1000u - (back)) >> 5 & 0x3f) << 25 | (uint32_t)(rs1) << 15 |     \
	 1u << 12 | (uint32_t)((0x1000u - (back)) >> 1 & 0xf) << 8 | 1u << 7 | 0x63)
#define AUIPC_T0  0x00000297u
#define FENCE_I   0x0000100fu
#define WFI       0x10500073u
#define JAL_BACK4 0xffdff06fu
#define RET       JALR(0, 1, 0)

enum { T0 = 5, T1 = 6, T2 = 7, A0 = 10, A3 = 13, A4 = 14, T3 = 28, T4 = 29, T5 = 30 };

static Engine *engine;
static pthread_t hart_thread;

static void put_code(uint64_t addr, const uint32_t *insns, size_t n)
{
	memcpy(ram + (addr - RAM_BASE), insns, n * 4);
}

static void *hart_main(void *opaque)
{
	rv_hart_run(opaque);
	return NULL;
}

/* Runs the program at RAM_BASE until it sets a0 and waits; false on a timeout. */
static bool run_program(EngineMode mode)
{
	GuestFetch f = rv_sys_fetch(bus);
	engine = engine_new(&riscv64_sys_arch, mode, &f);
	hart->engine = engine;
	rv_hart_reset(hart, RAM_BASE, 0, 0, 0);
	ck_assert_int_eq(pthread_create(&hart_thread, NULL, hart_main, hart), 0);
	bool done = false;
	for (int i = 0; i < 10000 && !done; i++) {
		done = __atomic_load_n(&hart->cpu.x[A0], __ATOMIC_ACQUIRE) &&
		       __atomic_load_n(&hart->wfi, __ATOMIC_ACQUIRE);
		if (!done)
			usleep(1000);
	}
	rv_hart_stop(hart);
	pthread_join(hart_thread, NULL);
	return done;
}

/* addi a3, a3, n: what the function at F_PAGE does first. */
static uint32_t add_a3(int n)
{
	return ADDI(A3, A3, n);
}

static const EngineMode modes[] = {ENGINE_INTERP, ENGINE_JIT};

/* Calls F (a3 += 1), rewrites its first instruction to a3 += 100, fence.i, calls it
 * again. */
START_TEST(test_self_modifying_code)
{
	uint32_t w = add_a3(100);
	const uint32_t main_code[] = {AUIPC_T0,
	                              LUI(T3, 1),
	                              OR(T3, T3, T0),
	                              JALR(1, T3, 0),
	                              LUI(T1, (w + 0x800) >> 12),
	                              ADDI(T1, T1, w & 0xfff),
	                              SW(T1, T3, 0),
	                              FENCE_I,
	                              JALR(1, T3, 0),
	                              ADDI(A0, 0, 99),
	                              WFI,
	                              JAL_BACK4};
	const uint32_t f_code[] = {add_a3(1), RET};
	put_code(RAM_BASE, main_code, sizeof main_code / 4);
	put_code(F_PAGE, f_code, 2);
	bool done = run_program(modes[_i]);
	engine_free(engine);
	ck_assert(done);
	ck_assert_uint_eq(hart->cpu.x[A3], 101);
}
END_TEST

/* n times: call F (a3 += 1) and G (a4 += 1), store a zero word to `target` (an unused
 * word of F's page or of the data page), fence.i. Returns the blocks translated. */
static uint64_t run_loop(EngineMode mode, unsigned n, uint64_t target)
{
	const uint32_t main_code[] = {AUIPC_T0,
	                              LUI(T3, 1),
	                              OR(T3, T3, T0),
	                              LUI(T4, 2),
	                              OR(T4, T4, T0),
	                              LUI(T5, (uint32_t)(target - RAM_BASE) >> 12),
	                              OR(T5, T5, T0),
	                              ADDI(T2, 0, (int)n),
	                              JALR(1, T3, 0), /* loop: */
	                              JALR(1, T4, 0),
	                              SW(0, T5, 0x40),
	                              FENCE_I,
	                              ADDI(T2, T2, -1),
	                              BNE_BACK(T2, 20),
	                              ADDI(A0, 0, 99),
	                              WFI,
	                              JAL_BACK4};
	const uint32_t f_code[] = {add_a3(1), RET};
	const uint32_t g_code[] = {ADDI(A4, A4, 1), RET};
	put_code(RAM_BASE, main_code, sizeof main_code / 4);
	put_code(F_PAGE, f_code, 2);
	put_code(G_PAGE, g_code, 2);
	bool done = run_program(mode);
	uint64_t blocks = engine_blocks_translated(engine);
	engine_free(engine);
	ck_assert(done);
	ck_assert_uint_eq(hart->cpu.x[A3], n);
	ck_assert_uint_eq(hart->cpu.x[A4], n);
	return blocks;
}

START_TEST(test_fence_i_drops_only_dirty_pages)
{
	uint64_t f10 = run_loop(modes[_i], 10, F_PAGE), f30 = run_loop(modes[_i], 30, F_PAGE);
	ck_assert_uint_eq(f30 - f10, 20); /* F's one block, again each time */
	uint64_t d10 = run_loop(modes[_i], 10, D_PAGE), d30 = run_loop(modes[_i], 30, D_PAGE);
	ck_assert_uint_eq(d30, d10); /* nothing dropped */
}
END_TEST

Suite *rv_codepages_suite(void)
{
	Suite *s = suite_create("rv_codepages");
	TCase *tc = tcase_create("pages");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_code_page_bits);
	tcase_add_test(tc, test_tlb_write_revoked);
	suite_add_tcase(s, tc);
	TCase *run = tcase_create("run");
	tcase_add_checked_fixture(run, setup, teardown);
	tcase_set_timeout(run, 60);
	tcase_add_loop_test(run, test_self_modifying_code, 0, 2);
	tcase_add_loop_test(run, test_fence_i_drops_only_dirty_pages, 0, 2);
	suite_add_tcase(s, run);
	return s;
}

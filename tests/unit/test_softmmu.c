/*
 * System-mode memory access (common/softmmu.h) on both executors and the engine's
 * system mode. A fake SoftMmu maps two pages of a host buffer as RAM at RAM_VA, an
 * MMIO page whose slow paths record each access and return a pattern, and a page whose
 * slow paths raise a guest fault; everything else faults too. Single-access blocks of
 * every size, sign, byte order and type, at aligned, misaligned, page-crossing, MMIO
 * and faulting addresses, run on the IR interpreter and on JIT_SOFTMMU code, with the
 * TLB filled (hits) and empty (misses that fill it); both must give the values computed
 * here from the buffer. A fault must leave the faulting instruction's pc in insn_pc and
 * the earlier instruction's register write done; values live in every kind of host
 * register must survive the slow-path calls. The engine tests use a toy frontend on
 * the shared translation loop: two address spaces with the same pc and different code
 * (code_key), blocks that stop at a page boundary and are not chained across it, and
 * engine_cpu_forget_jumps.
 */
#include <check.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "common/softmmu.h"
#include "jit/engine.h"
#include "jit/translate_util.h"
#include "jit/x86_64/backend.h"
#include "tests/unit/ir_test_util.h"

#define RAM_VA   0x10000ull
#define RAM_SIZE 0x2000u
#define MMIO_VA  0x20000ull
#define BAD_VA   0x30000ull
#define MAX_LOG  8

typedef struct MmioAccess {
	uint64_t addr;
	unsigned size;
	bool write;
	uint64_t value;
} MmioAccess;

typedef struct FakeMmu {
	SoftMmu mmu;
	uint8_t ram[RAM_SIZE] __attribute__((aligned(4096)));
	MmioAccess log[MAX_LOG];
	unsigned n_log;
	unsigned slow_calls;
} FakeMmu;

static FakeMmu fake;

static uint8_t ram_pattern(unsigned i)
{
	return (uint8_t)(i * 37 + 11);
}

static uint64_t size_mask(unsigned size)
{
	return size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static uint64_t mmio_pattern(uint64_t addr, unsigned size)
{
	return (0xa1b2c3d4e5f60718ull ^ (addr << 8)) & size_mask(size);
}

static bool in_ram(uint64_t addr)
{
	return addr >= RAM_VA && addr < RAM_VA + RAM_SIZE;
}

static void fill_tlb(uint64_t page)
{
	SoftTlbEntry *e = softmmu_entry(&fake.mmu, page);
	e->tag_read = e->tag_write = e->tag_fetch = page;
	e->addend = (uintptr_t)fake.ram + (uintptr_t)(page - RAM_VA) - (uintptr_t)page;
}

static __attribute__((noreturn)) void fake_fault(CpuCommon *cpu, uint64_t addr, bool write)
{
	cpu->fault_addr = addr;
	cpu->fault_write = write;
	softmmu_raise(cpu);
}

/* Checks the access and says whether it is to MMIO (else RAM, every byte mapped). */
static bool fake_check(CpuCommon *cpu, uint64_t addr, unsigned size, unsigned memop, bool write)
{
	fake.slow_calls++;
	if ((memop & MO_ALIGN) && (addr & (size - 1)))
		fake_fault(cpu, addr, write);
	if ((addr & SOFTMMU_PAGE_MASK) == MMIO_VA &&
	    ((addr + size - 1) & SOFTMMU_PAGE_MASK) == MMIO_VA)
		return true;
	for (unsigned i = 0; i < size; i++)
		if (!in_ram(addr + i))
			fake_fault(cpu, addr + i, write);
	if (!((addr ^ (addr + size - 1)) & SOFTMMU_PAGE_MASK))
		fill_tlb(addr & SOFTMMU_PAGE_MASK);
	return false;
}

/* What the ABI allows a slow path to do: destroy every caller-saved register. */
static void clobber_caller_saved(void)
{
	__asm__ volatile("pcmpeqd %%xmm2, %%xmm2\n\tpcmpeqd %%xmm3, %%xmm3\n\t"
	                 "pcmpeqd %%xmm4, %%xmm4\n\tpcmpeqd %%xmm5, %%xmm5\n\t"
	                 "pcmpeqd %%xmm6, %%xmm6\n\tpcmpeqd %%xmm7, %%xmm7\n\t"
	                 "pcmpeqd %%xmm8, %%xmm8\n\tpcmpeqd %%xmm9, %%xmm9\n\t"
	                 "pcmpeqd %%xmm10, %%xmm10\n\tpcmpeqd %%xmm11, %%xmm11\n\t"
	                 "pcmpeqd %%xmm12, %%xmm12\n\tpcmpeqd %%xmm13, %%xmm13\n\t"
	                 "pcmpeqd %%xmm14, %%xmm14\n\tpcmpeqd %%xmm15, %%xmm15\n\t"
	                 "mov $-1, %%rsi\n\tmov $-1, %%rdi\n\tmov $-1, %%r8\n\t"
	                 "mov $-1, %%r9\n\tmov $-1, %%r10\n\tmov $-1, %%r11"
	                 :
	                 :
	                 : "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
	                   "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "rsi", "rdi", "r8", "r9",
	                   "r10", "r11");
}

static void log_mmio(uint64_t addr, unsigned size, bool write, uint64_t value)
{
	if (fake.n_log < MAX_LOG)
		fake.log[fake.n_log++] = (MmioAccess){addr, size, write, value};
}

static uint64_t fake_load(CpuCommon *cpu, uint64_t addr, unsigned memop)
{
	unsigned size = 1u << (memop & MO_SIZE);
	clobber_caller_saved();
	if (fake_check(cpu, addr, size, memop, false)) {
		log_mmio(addr, size, false, 0);
		return mmio_pattern(addr, size);
	}
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)fake.ram[addr + i - RAM_VA] << (8 * i);
	return v;
}

static void fake_store(CpuCommon *cpu, uint64_t addr, uint64_t value, unsigned memop)
{
	unsigned size = 1u << (memop & MO_SIZE);
	clobber_caller_saved();
	if (fake_check(cpu, addr, size, memop, true)) {
		log_mmio(addr, size, true, value);
		return;
	}
	for (unsigned i = 0; i < size; i++)
		fake.ram[addr + i - RAM_VA] = (uint8_t)(value >> (8 * i));
}

static void *fake_host_ptr(CpuCommon *cpu, uint64_t addr, unsigned size, SoftMmuAccess acc)
{
	if (!in_ram(addr) || !in_ram(addr + size - 1))
		fake_fault(cpu, addr, acc == MMU_WRITE);
	return fake.ram + (addr - RAM_VA);
}

static const SoftMmuOps fake_ops = {fake_load, fake_store, fake_host_ptr};

static void fake_reset(bool prefill)
{
	softmmu_flush(&fake.mmu);
	fake.mmu.ops = &fake_ops;
	for (unsigned i = 0; i < RAM_SIZE; i++)
		fake.ram[i] = ram_pattern(i);
	if (prefill) {
		fill_tlb(RAM_VA);
		fill_tlb(RAM_VA + SOFTMMU_PAGE_SIZE);
	}
	fake.n_log = 0;
	fake.slow_calls = 0;
}

/* ---- running one block on either executor ---- */

typedef struct Outcome {
	bool faulted;
	TbExit x;
	ToyCpu cpu;
	uint8_t ram[RAM_SIZE];
	MmioAccess log[MAX_LOG];
	unsigned n_log, slow_calls;
} Outcome;

typedef void (*BuildFn)(IrBlock *b, const void *arg);

static JitBackend *backend;
static ToyCpu run_cpu;

static void run_block(bool jit, BuildFn build, const void *arg, const ToyCpu *init, bool prefill,
                      Outcome *out)
{
	static IrBlock b;
	static Tb tb;
	char err[256];
	ir_block_init(&b, 0x1000);
	build(&b, arg);
	if (!ir_verify(&b, err, sizeof err)) {
		ir_print(&b, stderr);
		ck_abort_msg("invalid IR: %s", err);
	}
	memset(&tb, 0, sizeof tb);
	tb.pc = 0x1000;
	tb.ir = b;
	JitBlock *blk = NULL;
	if (jit) {
		JitStatus st;
		blk = jit_compile(backend, &tb, 0, JIT_STANDALONE | JIT_SOFTMMU, &st);
		ck_assert_int_eq(st, JIT_OK);
	} else {
		ck_assert(tb_resolve_labels(&tb));
	}
	uint64_t *temps = calloc(2 * b.n_temps + 2, sizeof *temps);
	fake_reset(prefill);
	run_cpu = *init;
	run_cpu.common.mmu = &fake.mmu;
	sigjmp_buf env;
	run_cpu.common.fault_jmp = &env;
	memset(out, 0, sizeof *out);
	if (sigsetjmp(env, 0) == 0) {
		out->x = jit ? jit_run_one(backend, blk, &run_cpu.common)
		             : interp_run(&tb, &run_cpu.common, temps, NULL);
	} else {
		out->faulted = true;
	}
	out->cpu = run_cpu;
	memcpy(out->ram, fake.ram, RAM_SIZE);
	memcpy(out->log, fake.log, sizeof fake.log);
	out->n_log = fake.n_log;
	out->slow_calls = fake.slow_calls;
	free(temps);
	free(tb.label_pos);
	ir_block_free(&b);
}

/* ---- single accesses of every kind ---- */

typedef struct Access {
	uint64_t addr;
	unsigned mo;
	IrType type;
	bool store;
	bool const_addr; /* the address as a constant rather than a register */
} Access;

#define VALUE 0x8877665544332211ull

/* pc 0x1000: r7 = 0x5a; pc 0x1004: the access (a load into r0/w0/v0, a store of
 * r1/w1/v1); pc 0x1008: a syscall exit. */
static void build_access(IrBlock *b, const void *arg)
{
	const Access *a = arg;
	ir_insn_start(b, 0x1000);
	ir_put(b, IR_I64, TOY_R(7), ir_const(b, IR_I64, 0x5a));
	ir_insn_start(b, 0x1004);
	IrTemp addr = a->const_addr ? ir_const(b, IR_I64, a->addr)
	                            : ir_op2i(b, IR_ADD, IR_I64, ir_get(b, IR_I64, TOY_R(3)), 0);
	int64_t off = a->const_addr ? 0 : (int64_t)(a->addr - 0x100);
	uint32_t reg = a->type == IR_V128 ? TOY_V(0) : a->type == IR_I32 ? TOY_W(0) : TOY_R(0);
	uint32_t src = a->type == IR_V128 ? TOY_V(1) : a->type == IR_I32 ? TOY_W(1) : TOY_R(1);
	if (a->store)
		ir_store(b, a->type, a->mo, addr, off, ir_get(b, a->type, src));
	else
		ir_put(b, a->type, reg, ir_load(b, a->type, a->mo, addr, off));
	ir_insn_start(b, 0x1008);
	ir_exit(b, CPU_EXIT_SYSCALL, 0x100c);
}

static ToyCpu access_cpu(void)
{
	ToyCpu c;
	memset(&c, 0, sizeof c);
	c.r[0] = 0xdeadbeefcafef00dull;
	c.r[1] = VALUE;
	c.r[3] = 0x100;
	c.w[0] = 0xfeedface;
	c.w[1] = (uint32_t)VALUE;
	for (unsigned i = 0; i < 16; i++) {
		c.v[0][i] = (uint8_t)(0xe0 + i);
		c.v[1][i] = (uint8_t)(0x10 * (i & 15) + i);
	}
	return c;
}

/* What the access must do, computed from the fake's layout. */
typedef struct Expect {
	bool fault;
	uint64_t fault_addr;
	uint8_t bytes[16]; /* loaded, or stored (raw) */
	unsigned n;
	bool mmio;
} Expect;

static bool mapped(uint64_t a)
{
	return in_ram(a) || (a & SOFTMMU_PAGE_MASK) == MMIO_VA;
}

static Expect expect_access(const Access *a)
{
	Expect e = {.n = ir_memop_bytes(a->mo)};
	bool mmio = (a->addr & SOFTMMU_PAGE_MASK) == MMIO_VA;
	if ((a->mo & MO_ALIGN) && (a->addr & (e.n - 1))) {
		e.fault = true;
		e.fault_addr = a->addr;
		return e;
	}
	/* a 16-byte access that is not a TLB hit is two 8-byte ones, checked in order */
	unsigned part = e.n == 16 ? 8 : e.n;
	for (unsigned p = 0; p < e.n; p += part) {
		uint64_t at = a->addr + p;
		bool part_mmio = (at & SOFTMMU_PAGE_MASK) == MMIO_VA &&
		                 ((at + part - 1) & SOFTMMU_PAGE_MASK) == MMIO_VA;
		for (unsigned i = 0; i < part && !part_mmio; i++) {
			if (!mapped(at + i) || !in_ram(at + i)) {
				e.fault = true;
				e.fault_addr = at + i;
				return e;
			}
		}
		uint64_t m = part_mmio ? mmio_pattern(at, part) : 0;
		for (unsigned i = 0; i < part; i++)
			e.bytes[p + i] = part_mmio ? (uint8_t)(m >> (8 * i))
			                           : ram_pattern((unsigned)(at + i - RAM_VA));
	}
	e.mmio = mmio;
	return e;
}

static uint64_t le_value(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n && i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The register value a scalar load must produce from its bytes. */
static uint64_t expect_loaded(const Access *a, const Expect *e)
{
	unsigned n = e->n;
	uint64_t v = le_value(e->bytes, n);
	if (a->mo & MO_BE)
		v = __builtin_bswap64(v) >> (64 - 8 * n);
	if ((a->mo & MO_SIGN) && n < 8)
		v = (uint64_t)((int64_t)(v << (64 - 8 * n)) >> (64 - 8 * n));
	return a->type == IR_I32 ? (uint32_t)v : v;
}

/* The bytes a store must write. */
static void stored_bytes(const Access *a, const ToyCpu *init, uint8_t *out, unsigned n)
{
	if (a->type == IR_V128) {
		memcpy(out, init->v[1], n);
		return;
	}
	uint64_t v = a->type == IR_I32 ? init->w[1] : init->r[1];
	for (unsigned i = 0; i < n; i++)
		out[i] = (uint8_t)(v >> (8 * ((a->mo & MO_BE) ? n - 1 - i : i)));
}

static void check_load(const Access *a, const Expect *e, const Outcome *o)
{
	if (a->type == IR_V128) {
		uint8_t want[16] = {0};
		memcpy(want, e->bytes, e->n);
		ck_assert_mem_eq(o->cpu.v[0], want, 16);
	} else if (a->type == IR_I32) {
		ck_assert_uint_eq(o->cpu.w[0], expect_loaded(a, e));
	} else {
		ck_assert_uint_eq(o->cpu.r[0], expect_loaded(a, e));
	}
	for (unsigned i = 0; i < RAM_SIZE; i++)
		ck_assert_uint_eq(o->ram[i], ram_pattern(i));
}

static void check_store(const Access *a, const Expect *e, const ToyCpu *init, const Outcome *o)
{
	uint8_t want[16];
	stored_bytes(a, init, want, e->n);
	if (e->mmio) {
		unsigned part = e->n == 16 ? 8 : e->n;
		ck_assert_uint_eq(o->n_log, e->n / part);
		for (unsigned p = 0; p < o->n_log; p++) {
			ck_assert(o->log[p].write);
			ck_assert_uint_eq(o->log[p].addr, a->addr + p * part);
			ck_assert_uint_eq(o->log[p].value, le_value(want + p * part, part));
		}
		return;
	}
	ck_assert_mem_eq(o->ram + (a->addr - RAM_VA), want, e->n);
}

static void check_access(const Access *a, bool jit, bool prefill)
{
	ToyCpu init = access_cpu();
	Outcome *o = malloc(sizeof *o);
	run_block(jit, build_access, a, &init, prefill, o);
	Expect e = expect_access(a);
	ck_assert_msg(o->faulted == e.fault, "%s addr %#llx mo %#x type %d store %d: fault %d",
	              jit ? "jit" : "interp", (unsigned long long)a->addr, a->mo, a->type, a->store,
	              o->faulted);
	ck_assert_uint_eq(o->cpu.r[7], 0x5a);
	if (e.fault) {
		ck_assert_uint_eq(o->cpu.common.insn_pc, 0x1004);
		ck_assert_uint_eq(o->cpu.common.fault_addr, e.fault_addr);
		ck_assert_uint_eq(o->cpu.r[0], init.r[0]);
		ck_assert_uint_eq(o->cpu.w[0], init.w[0]);
		free(o);
		return;
	}
	ck_assert_int_eq(o->x.kind, TB_EXIT);
	ck_assert_int_eq(o->x.reason, CPU_EXIT_SYSCALL);
	if (a->store)
		check_store(a, &e, &init, o);
	else
		check_load(a, &e, o);
	if (!a->store && e.mmio) {
		ck_assert_uint_eq(o->n_log, e.n == 16 ? 2 : 1);
		ck_assert(!o->log[0].write);
		ck_assert_uint_eq(o->log[0].addr, a->addr);
	}
	/* an aligned RAM access with the TLB filled never leaves the fast path */
	bool aligned_ram = in_ram(a->addr) && !(a->addr & (e.n - 1));
	if (prefill && aligned_ram)
		ck_assert_uint_eq(o->slow_calls, 0);
	free(o);
}

static const uint64_t access_addrs[] = {
    RAM_VA + 0x10,         /* aligned */
    RAM_VA + 0x13,         /* misaligned, within a page */
    RAM_VA + 0xffd,        /* crosses into the second RAM page (2 bytes: no) */
    RAM_VA + RAM_SIZE - 3, /* crosses into an unmapped page from 4 bytes on */
    RAM_VA + 0x1ff0,       /* aligned, second page */
    MMIO_VA + 0x40,        MMIO_VA + 0x44, BAD_VA + 8,
};
#define N_ADDRS (sizeof access_addrs / sizeof access_addrs[0])

/* Every scalar memop (size, sign, byte order, alignment) in i32 and i64, loads and
 * stores, register and constant addresses, at every address, TLB filled or not. */
static void scalar_accesses(bool jit, bool prefill)
{
	for (unsigned ai = 0; ai < N_ADDRS; ai++)
		for (unsigned mo = 0; mo < (MO_ALIGN << 1); mo++)
			for (unsigned t = 0; t < 2; t++)
				for (unsigned store = 0; store < 2; store++) {
					Access a = {access_addrs[ai], mo, t ? IR_I64 : IR_I32,
					            store, (ai + mo) % 3 == 0};
					unsigned bytes = 1u << (mo & MO_SIZE);
					if ((t == 0 && bytes == 8) || (store && (mo & MO_SIGN)))
						continue;
					check_access(&a, jit, prefill);
				}
}

START_TEST(scalar_accesses_on_both_executors)
{
	scalar_accesses(_i & 1, _i & 2);
}
END_TEST

START_TEST(vector_accesses_on_both_executors)
{
	static const unsigned mos[] = {MO_8,  MO_16,          MO_32,
	                               MO_64, MO_64 | MO_128, MO_64 | MO_128 | MO_ALIGN};
	for (unsigned ai = 0; ai < N_ADDRS; ai++)
		for (unsigned m = 0; m < sizeof mos / sizeof mos[0]; m++)
			for (unsigned store = 0; store < 2; store++) {
				Access a = {access_addrs[ai], mos[m], IR_V128, store, false};
				if (mos[m] & MO_ALIGN && ir_memop_bytes(mos[m]) == 16 &&
				    (a.addr & 8))
					continue; /* 8-aligned: the halves' check passes, 16's fails
					           */
				check_access(&a, _i & 1, _i & 2);
			}
	Access aligned16 = {RAM_VA + 0x20, MO_64 | MO_128, IR_V128, false, false};
	check_access(&aligned16, _i & 1, _i & 2);
}
END_TEST

/* ---- live values across slow paths ---- */

#define N_LIVE 24

/* Many i64 values and two v128 values computed before an MMIO load, a misaligned
 * 16-byte load (two slow calls) and an MMIO store, all read after them. */
static void build_live(IrBlock *b, const void *arg)
{
	IrTemp t[N_LIVE];
	ir_insn_start(b, 0x1000);
	for (unsigned k = 0; k < N_LIVE; k++)
		t[k] = ir_op2i(b, IR_ADD, IR_I64, ir_get(b, IR_I64, TOY_R(k % 7)), k * 0x1111);
	IrTemp v0 = ir_get(b, IR_V128, TOY_V(0));
	IrTemp v1 = ir_vop2(b, IR_XOR, 0, ir_get(b, IR_V128, TOY_V(1)), v0);
	IrTemp base = ir_get(b, IR_I64, TOY_R(3));
	IrTemp m = ir_load(b, IR_I64, MO_64, base, (int64_t)(MMIO_VA - 0x100));
	IrTemp vl = ir_load(b, IR_V128, MO_64 | MO_128, base, (int64_t)(RAM_VA + 0x13 - 0x100));
	ir_store(b, IR_I64, MO_32, base, (int64_t)(MMIO_VA + 8 - 0x100), t[0]);
	IrTemp sum = m;
	for (unsigned k = 0; k < N_LIVE; k++)
		sum = ir_op2(b, IR_ADD, IR_I64, ir_op2i(b, IR_ROTL, IR_I64, sum, 7), t[k]);
	ir_put(b, IR_I64, TOY_R(0), sum);
	ir_put(b, IR_V128, TOY_V(2), v1);
	ir_put(b, IR_V128, TOY_V(3), ir_vop2(b, IR_XOR, 0, vl, v0));
	ir_exit(b, CPU_EXIT_SYSCALL, 0x1004);
}

START_TEST(live_values_survive_slow_paths)
{
	ToyCpu init = access_cpu();
	for (unsigned k = 0; k < 7; k++)
		init.r[k] = 0x0123456789abcdefull * (k + 1);
	init.r[3] = 0x100;
	uint64_t sum = mmio_pattern(MMIO_VA, 8);
	for (unsigned k = 0; k < N_LIVE; k++)
		sum = ((sum << 7) | (sum >> 57)) + init.r[k % 7] + k * 0x1111;
	uint8_t v2[16], v3[16];
	for (unsigned i = 0; i < 16; i++) {
		v2[i] = init.v[1][i] ^ init.v[0][i];
		v3[i] = ram_pattern(0x13 + i) ^ init.v[0][i];
	}
	Outcome *o = malloc(sizeof *o);
	for (unsigned jit = 0; jit < 2; jit++) {
		run_block(jit, build_live, NULL, &init, true, o);
		ck_assert(!o->faulted);
		ck_assert_uint_eq(o->cpu.r[0], sum);
		ck_assert_mem_eq(o->cpu.v[2], v2, 16);
		ck_assert_mem_eq(o->cpu.v[3], v3, 16);
		ck_assert_uint_eq(o->n_log, 2);
		ck_assert(o->log[1].write);
		ck_assert_uint_eq(o->log[1].value, (uint32_t)(init.r[0] + 0));
	}
	free(o);
}
END_TEST

/* ---- helpers: guest_ptr ---- */

START_TEST(guest_ptr_uses_the_tlb_then_host_ptr)
{
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.common.guest_base = 0x1000;
	ck_assert_ptr_eq(guest_ptr(&cpu.common, 0x20, 4, MMU_WRITE), (void *)0x1020);
	cpu.common.mmu = &fake.mmu;
	fake_reset(false);
	ck_assert_ptr_eq(guest_ptr(&cpu.common, RAM_VA + 0x1008, 8, MMU_WRITE), fake.ram + 0x1008);
	ck_assert_uint_eq(fake.slow_calls, 0); /* host_ptr does not count */
	fake_reset(true);
	ck_assert_ptr_eq(guest_ptr(&cpu.common, RAM_VA + 0x10, 4, MMU_READ), fake.ram + 0x10);
	sigjmp_buf env;
	cpu.common.fault_jmp = &env;
	if (sigsetjmp(env, 0) == 0) {
		guest_ptr(&cpu.common, BAD_VA, 4, MMU_WRITE);
		ck_abort_msg("no fault");
	}
	ck_assert_uint_eq(cpu.common.fault_addr, BAD_VA);
	ck_assert_int_eq(cpu.common.fault_write, 1);
}
END_TEST

/* ---- the engine in system mode ---- */

/* Code lives in "address spaces": space s maps guest page p to code_page[s][p]. */
#define N_SPACES   2
#define CODE_PAGES 2
static char code_page[N_SPACES][CODE_PAGES][4096];
static unsigned page_space[CODE_PAGES]; /* the space each guest page is mapped from */

static int space_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	for (size_t i = 0; i < len; i++, pc++) {
		uint64_t page = pc >> 12;
		if (page >= CODE_PAGES)
			return -14;
		((char *)buf)[i] = code_page[page_space[page]][page][pc & 4095];
	}
	return 0;
}

static uint64_t space_key(void *opaque, CpuCommon *cpu, uint64_t pc)
{
	uint64_t page = pc >> 12;
	return page < CODE_PAGES ? (uint64_t)page_space[page] << 32 | page : UINT64_MAX;
}

typedef struct ToyCtx {
	IrBlock *b;
	const GuestFetch *f;
} ToyCtx;

static unsigned toy_fetch_insn(void *ctx, uint64_t pc, uint32_t *raw)
{
	const ToyCtx *t = ctx;
	uint8_t op;
	if (t->f->read(t->f->opaque, pc, &op, 1) < 0)
		return 0;
	*raw = op;
	return 1;
}

/* i: r0++; l: r2 = [r3]; s: [r3] = r0; x: syscall; anything else is undecodable. */
static bool toy_insn(void *ctx, uint64_t pc, uint32_t raw, bool *ended)
{
	IrBlock *b = ((ToyCtx *)ctx)->b;
	IrTemp r3 = ir_get(b, IR_I64, TOY_R(3));
	switch (raw) {
	case 'i':
		ir_put(b, IR_I64, TOY_R(0),
		       ir_op2i(b, IR_ADD, IR_I64, ir_get(b, IR_I64, TOY_R(0)), 1));
		return true;
	case 'l': ir_put(b, IR_I64, TOY_R(2), ir_load(b, IR_I64, MO_64, r3, 0)); return true;
	case 's': ir_store(b, IR_I64, MO_64, r3, 0, ir_get(b, IR_I64, TOY_R(0))); return true;
	case 'x':
		ir_exit(b, CPU_EXIT_SYSCALL, pc + 1);
		*ended = true;
		return true;
	default: return false;
	}
}

static const IrTranslateOps toy_ops = {toy_fetch_insn, toy_insn};

static void toy_translate(IrBlock *b, const GuestFetch *f, uint64_t pc)
{
	ToyCtx t = {b, f};
	ir_translate_block(b, pc, 64, &toy_ops, &t);
}

static unsigned toy_disas(const GuestFetch *f, uint64_t pc, char *buf, size_t n)
{
	return 0;
}

static const GuestArch toy_arch = {"toy", sizeof(ToyCpu), 64, toy_translate, toy_disas};
static const GuestFetch sys_fetch = {space_read, NULL, space_key, 1};

static const EngineMode sys_modes[] = {ENGINE_INTERP, ENGINE_JIT};

static void sys_setup(ToyCpu *cpu)
{
	memset(code_page, 0, sizeof code_page);
	memset(page_space, 0, sizeof page_space);
	memset(cpu, 0, sizeof *cpu);
	fake_reset(true);
	cpu->common.mmu = &fake.mmu;
}

static void put_code(unsigned space, uint64_t pc, const char *s)
{
	memcpy(&code_page[space][pc >> 12][pc & 4095], s, strlen(s));
}

START_TEST(address_spaces_run_their_own_code)
{
	ToyCpu cpu;
	sys_setup(&cpu);
	put_code(0, 0x100, "iiix");
	put_code(1, 0x100, "ix");
	Engine *e = engine_new(&toy_arch, sys_modes[_i], &sys_fetch);
	ck_assert_ptr_nonnull(e);
	cpu.common.pc = 0x100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 3);
	/* switch spaces: until the jump cache is forgotten the CPU keeps what it found */
	page_space[0] = 1;
	cpu.common.pc = 0x100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 6);
	engine_cpu_forget_jumps(e, &cpu.common);
	cpu.common.pc = 0x100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 7);
	ck_assert_uint_eq(cpu.common.pc, 0x102);
	ck_assert_uint_eq(engine_blocks_translated(e), 2);
	/* back to the first space: its block is still in the table */
	page_space[0] = 0;
	engine_cpu_forget_jumps(e, &cpu.common);
	cpu.common.pc = 0x100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 10);
	ck_assert_uint_eq(engine_blocks_translated(e), 2);
	engine_free(e);
}
END_TEST

/* Forgetting one page's jumps (sfence.vma of one address) drops the jump-cache entries
 * of blocks in that page only. */
START_TEST(forgetting_one_page_keeps_the_others)
{
	ToyCpu cpu;
	sys_setup(&cpu);
	put_code(0, 0x100, "ix");
	put_code(1, 0x100, "iix");
	put_code(0, 0x1100, "iiix");
	put_code(1, 0x1100, "iiiix");
	Engine *e = engine_new(&toy_arch, sys_modes[_i], &sys_fetch);
	cpu.common.pc = 0x100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	cpu.common.pc = 0x1100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 4);
	/* both pages remapped, only page 1 forgotten: page 0 keeps its old block */
	page_space[0] = page_space[1] = 1;
	engine_cpu_forget_jumps_page(e, &cpu.common, 0x1abc);
	cpu.common.pc = 0x100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 5);
	cpu.common.pc = 0x1100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 9);
	/* now page 0 too */
	engine_cpu_forget_jumps_page(e, &cpu.common, 0x0);
	cpu.common.pc = 0x100;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 11);
	ck_assert_uint_eq(engine_blocks_translated(e), 4);
	engine_free(e);
}
END_TEST

START_TEST(blocks_stop_at_page_boundaries_and_are_not_chained_across)
{
	ToyCpu cpu;
	sys_setup(&cpu);
	put_code(0, 0xffd, "iii");
	put_code(0, 0x1000, "x");
	put_code(1, 0x1000, "iix");
	Engine *e = engine_new(&toy_arch, sys_modes[_i], &sys_fetch);
	cpu.common.pc = 0xffd;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 3);
	ck_assert_uint_eq(cpu.common.pc, 0x1001);
	ck_assert_uint_eq(engine_blocks_translated(e), 2);
	/* run again, so that a chainable exit would now be linked */
	cpu.common.pc = 0xffd;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 6);
	/* remap only the second page: the first page's block must look it up again */
	page_space[1] = 1;
	engine_cpu_forget_jumps(e, &cpu.common);
	cpu.common.pc = 0xffd;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 11);
	ck_assert_uint_eq(cpu.common.pc, 0x1003);
	ck_assert_uint_eq(engine_blocks_translated(e), 3);
	engine_free(e);
}
END_TEST

START_TEST(system_mode_faults_are_precise)
{
	ToyCpu cpu;
	sys_setup(&cpu);
	put_code(0, 0x200, "iilsx");
	Engine *e = engine_new(&toy_arch, sys_modes[_i], &sys_fetch);
	cpu.r[3] = BAD_VA;
	cpu.common.pc = 0x200;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_MEM_FAULT);
	ck_assert_uint_eq(cpu.common.pc, 0x202);
	ck_assert_uint_eq(cpu.r[0], 2);
	ck_assert_uint_eq(cpu.common.fault_addr, BAD_VA);
	ck_assert_int_eq(cpu.common.fault_write, 0);
	cpu.r[3] = RAM_VA + 0x40;
	cpu.common.pc = 0x202;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	uint8_t before[8];
	for (unsigned i = 0; i < 8; i++)
		before[i] = ram_pattern(0x40 + i);
	ck_assert_uint_eq(cpu.r[2], le_value(before, 8));
	ck_assert_uint_eq(le_value(fake.ram + 0x40, 8), 2);
	cpu.r[3] = MMIO_VA + 0x10;
	fake.n_log = 0;
	cpu.common.pc = 0x202;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(fake.n_log, 2);
	ck_assert_uint_eq(cpu.r[2], mmio_pattern(MMIO_VA + 0x10, 8));
	ck_assert_uint_eq(fake.log[1].value, 2);
	engine_free(e);
}
END_TEST

START_TEST(cosim_is_refused_in_system_mode)
{
	ck_assert_ptr_null(engine_new(&toy_arch, ENGINE_COSIM, &sys_fetch));
}
END_TEST

static void backend_setup(void)
{
	backend = jit_backend_new(12);
}

static void backend_teardown(void)
{
	jit_backend_free(backend);
	backend = NULL;
}

Suite *softmmu_suite(void)
{
	Suite *s = suite_create("softmmu");
	TCase *acc = tcase_create("access");
	tcase_set_timeout(acc, 60);
	tcase_add_checked_fixture(acc, backend_setup, backend_teardown);
	tcase_add_loop_test(acc, scalar_accesses_on_both_executors, 0, 4);
	tcase_add_loop_test(acc, vector_accesses_on_both_executors, 0, 4);
	tcase_add_test(acc, live_values_survive_slow_paths);
	tcase_add_test(acc, guest_ptr_uses_the_tlb_then_host_ptr);
	suite_add_tcase(s, acc);
	TCase *eng = tcase_create("engine");
	tcase_add_loop_test(eng, address_spaces_run_their_own_code, 0, 2);
	tcase_add_loop_test(eng, forgetting_one_page_keeps_the_others, 0, 2);
	tcase_add_loop_test(eng, blocks_stop_at_page_boundaries_and_are_not_chained_across, 0, 2);
	tcase_add_loop_test(eng, system_mode_faults_are_precise, 0, 2);
	tcase_add_test(eng, cosim_is_refused_in_system_mode);
	suite_add_tcase(s, eng);
	return s;
}

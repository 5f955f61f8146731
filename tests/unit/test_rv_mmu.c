/*
 * Unit tests of the riscv64 hart's address translation and execution (sysemu/riscv64):
 * Sv39 and Sv48 walks over page tables built in guest RAM (4 KiB pages, superpages,
 * misaligned superpages, reserved encodings, tables outside RAM), A/D updates, the
 * SUM/MXR/MPRV/U-bit rules, the softmmu slow paths (TLB fill, MMIO through the bus,
 * access faults, misaligned accesses), instruction fetch with its fault causes, the
 * system-mode translation against the user-mode one, and small programs run on a hart
 * with the interpreter engine (CSR access, mret, ecall, illegal instructions, wfi and
 * an interrupt from a device line, the Sstc timer) and with both executors under Sv39
 * and with mstatus.FS Off (FP instructions and fcsr are illegal) and Dirty.
 */
#include <check.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "frontends/riscv64/rv_cpu.h"
#include "jit/ir.h"
#include "sysemu/bus.h"
#include "sysemu/riscv64/hart_int.h"
#include "tests/unit/suites.h"

#define RAM_BASE UINT64_C(0x80000000)
#define RAM_SIZE 0x800000
#define ROOT39   UINT64_C(0x80100000)
#define L1       UINT64_C(0x80101000)
#define L0       UINT64_C(0x80102000)
#define ROOT48   UINT64_C(0x80103000)
#define DEV_BASE UINT64_C(0x10000000)

enum { V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128 };

static Bus *bus;
static uint8_t *ram;
static RvHart *hart;
static uint64_t dev_last_write;

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
	return 0xab00 + off + size;
}
static void dev_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
	dev_last_write = off << 32 | v;
}
static const MemRegionOps dev_ops = {dev_read, dev_write};

static uint64_t *pte_at(uint64_t pa)
{
	return (uint64_t *)(ram + (pa - RAM_BASE));
}
static uint64_t pte(uint64_t pa, uint64_t flags)
{
	return pa >> 12 << 10 | flags;
}

static void build_tables(void)
{
	*pte_at(ROOT39 + 1 * 8) = pte(L1, V);                           /* 0x40000000: L1 */
	*pte_at(ROOT39 + 2 * 8) = pte(RAM_BASE, V | R | W | X | A | D); /* 1 GiB identity */
	*pte_at(ROOT39 + 3 * 8) = pte(0x70000000, V);                   /* table not in RAM */
	*pte_at(ROOT39 + 4 * 8) = pte(RAM_BASE, V | W);                 /* W without R */
	*pte_at(ROOT39 + 5 * 8) = pte(L1, V | A);                       /* A on a pointer */
	*pte_at(ROOT39 + 6 * 8) = pte(RAM_BASE, V | R | A | (UINT64_C(1) << 61)); /* PBMT */
	*pte_at(L1 + 0 * 8) = pte(L0, V);
	*pte_at(L1 + 1 * 8) = pte(0x80400000, V | R | W | X | A | D); /* 2 MiB superpage */
	*pte_at(L1 + 2 * 8) = pte(0x80401000, V | R | W | A | D);     /* misaligned one */
	*pte_at(L0 + 0 * 8) = pte(0x80200000, V | R | W);             /* A, D clear */
	*pte_at(L0 + 1 * 8) = pte(0x80201000, V | R | W | U | A | D); /* user page */
	*pte_at(L0 + 2 * 8) = pte(0x80202000, V | X | A);             /* execute-only */
	*pte_at(L0 + 4 * 8) = pte(DEV_BASE, V | R | W | A | D);       /* MMIO */
	*pte_at(L0 + 5 * 8) = pte(0x70000000, V | R | W | A | D);     /* nothing there */
	*pte_at(L0 + 6 * 8) = pte(0x80206000, V | R | W | X | A | D);
	*pte_at(L0 + 7 * 8) = pte(0x80207000, V | R | W | X | A | D);
	*pte_at(L0 + 8 * 8) = pte(0x80208000, V | R | A); /* read-only */
	*pte_at(ROOT48 + 0 * 8) = pte(ROOT39, V);
	*pte_at(ROOT48 + 1 * 8) = pte(ROOT39, V);
}

static void setup(void)
{
	bus = bus_new();
	ram = bus_add_ram(bus, RAM_BASE, RAM_SIZE, "ram");
	ck_assert_ptr_nonnull(ram);
	ck_assert_int_eq(bus_add_mmio(bus, DEV_BASE, 0x1000, &dev_ops, NULL, "dev"), 0);
	RvHartConfig cfg = {.hartid = 0, .bus = bus, .sstc = true};
	hart = rv_hart_new(&cfg);
	build_tables();
	hart->satp = UINT64_C(8) << 60 | ROOT39 >> 12;
	hart->priv = RV_PRIV_S;
}

static void teardown(void)
{
	rv_hart_free(hart);
	bus_free(bus);
}

/* Translation as S-mode (or priv) without side effects beyond A/D. */
static int xlate(uint64_t va, SoftMmuAccess acc, unsigned priv, uint64_t *pa)
{
	RvXlate x = {0};
	int r = rv_mmu_translate(hart, va, acc, priv, &x);
	*pa = x.paddr;
	return r;
}

START_TEST(test_sv39_walk)
{
	uint64_t pa;
	ck_assert_int_eq(xlate(0x40000123, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(pa, 0x80200123);
	ck_assert_int_eq(xlate(0x40212345, MMU_FETCH, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(pa, 0x80412345); /* 2 MiB superpage */
	ck_assert_int_eq(xlate(0x80765432, MMU_WRITE, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(pa, 0x80765432); /* 1 GiB superpage */
	ck_assert_int_eq(xlate(0x40400000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	ck_assert_int_eq(xlate(0x40003000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE); /* invalid */
	ck_assert_int_eq(xlate(0xc0000000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_ACCESS);
	ck_assert_int_eq(xlate(0x100000000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	ck_assert_int_eq(xlate(0x140000000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	ck_assert_int_eq(xlate(0x180000000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	/* not sign-extended from bit 38 */
	ck_assert_int_eq(xlate(UINT64_C(0x8000000000) + 0x40000000, MMU_READ, RV_PRIV_S, &pa),
	                 RV_FAULT_PAGE);
	/* M-mode and Bare are physical */
	ck_assert_int_eq(xlate(0x40000123, MMU_READ, RV_PRIV_M, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(pa, 0x40000123);
	hart->satp = 0;
	ck_assert_int_eq(xlate(0x40000123, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(pa, 0x40000123);
}
END_TEST

START_TEST(test_sv48_walk)
{
	uint64_t pa;
	hart->satp = UINT64_C(9) << 60 | ROOT48 >> 12;
	ck_assert_int_eq(xlate(0x40000123, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(pa, 0x80200123);
	/* bit 39 set: canonical in Sv48, through root48[1] */
	ck_assert_int_eq(xlate(UINT64_C(0x8000000000) + 0x40212345, MMU_READ, RV_PRIV_S, &pa),
	                 RV_FAULT_NONE);
	ck_assert_uint_eq(pa, 0x80412345);
	ck_assert_int_eq(xlate(UINT64_C(0x800000000000), MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE);
}
END_TEST

START_TEST(test_accessed_dirty)
{
	uint64_t pa;
	ck_assert_int_eq(xlate(0x40000000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(*pte_at(L0) & (A | D), A);
	ck_assert_int_eq(xlate(0x40000000, MMU_WRITE, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_uint_eq(*pte_at(L0) & (A | D), A | D);
	/* a failed access sets nothing */
	*pte_at(L0 + 8 * 8) &= ~(uint64_t)A;
	ck_assert_int_eq(xlate(0x40008000, MMU_WRITE, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	ck_assert_uint_eq(*pte_at(L0 + 8 * 8) & A, 0);
}
END_TEST

START_TEST(test_permissions)
{
	uint64_t pa;
	/* U page: S needs SUM for data and never executes it; U may */
	ck_assert_int_eq(xlate(0x40001000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	hart->mstatus |= RV_MS_SUM;
	ck_assert_int_eq(xlate(0x40001000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_int_eq(xlate(0x40001000, MMU_WRITE, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_int_eq(xlate(0x40001000, MMU_READ, RV_PRIV_U, &pa), RV_FAULT_NONE);
	/* supervisor page from U */
	ck_assert_int_eq(xlate(0x40000000, MMU_READ, RV_PRIV_U, &pa), RV_FAULT_PAGE);
	/* execute-only page: fetch yes, load only with MXR, store never */
	ck_assert_int_eq(xlate(0x40002000, MMU_FETCH, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_int_eq(xlate(0x40002000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	hart->mstatus |= RV_MS_MXR;
	ck_assert_int_eq(xlate(0x40002000, MMU_READ, RV_PRIV_S, &pa), RV_FAULT_NONE);
	ck_assert_int_eq(xlate(0x40002000, MMU_WRITE, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	ck_assert_int_eq(xlate(0x40008000, MMU_WRITE, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	ck_assert_int_eq(xlate(0x40000000, MMU_FETCH, RV_PRIV_S, &pa), RV_FAULT_PAGE);
	/* MPRV: M-mode data accesses use MPP's privilege, fetches do not */
	hart->priv = RV_PRIV_M;
	ck_assert_uint_eq(rv_mmu_data_priv(hart), RV_PRIV_M);
	hart->mstatus |= RV_MS_MPRV | (uint64_t)RV_PRIV_S << RV_MS_MPP_SHIFT;
	ck_assert_uint_eq(rv_mmu_data_priv(hart), RV_PRIV_S);
	hart->mstatus &= ~RV_MS_MPP;
	ck_assert_uint_eq(rv_mmu_data_priv(hart), RV_PRIV_U);
}
END_TEST

/* Slow-path calls with the fault path caught: true when the access completed. */
static bool try_load(uint64_t va, unsigned memop, uint64_t *v)
{
	sigjmp_buf env;
	hart->exc_pending = false;
	hart->cpu.common.fault_jmp = &env;
	if (sigsetjmp(env, 0)) {
		hart->cpu.common.fault_jmp = NULL;
		return false;
	}
	*v = rv_mmu_ops.load(&hart->cpu.common, va, memop);
	hart->cpu.common.fault_jmp = NULL;
	return true;
}

static bool try_store(uint64_t va, unsigned memop, uint64_t v)
{
	sigjmp_buf env;
	hart->exc_pending = false;
	hart->cpu.common.fault_jmp = &env;
	if (sigsetjmp(env, 0)) {
		hart->cpu.common.fault_jmp = NULL;
		return false;
	}
	rv_mmu_ops.store(&hart->cpu.common, va, v, memop);
	hart->cpu.common.fault_jmp = NULL;
	return true;
}

static void assert_fault(uint64_t cause, uint64_t tval)
{
	ck_assert(hart->exc_pending);
	ck_assert_uint_eq(hart->exc_cause, cause);
	ck_assert_uint_eq(hart->exc_tval, tval);
}

START_TEST(test_slow_paths_tlb)
{
	uint64_t v;
	memcpy(ram + 0x200010, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
	ck_assert(try_load(0x40000010, MO_64, &v));
	ck_assert_uint_eq(v, 0x8877665544332211);
	/* D was clear: the entry allows loads only */
	ck_assert_ptr_nonnull(softmmu_lookup(&hart->mmu, 0x40000010, 8, MMU_READ));
	ck_assert_ptr_null(softmmu_lookup(&hart->mmu, 0x40000010, 8, MMU_WRITE));
	ck_assert_ptr_null(softmmu_lookup(&hart->mmu, 0x40000010, 8, MMU_FETCH));
	ck_assert(try_store(0x40000018, MO_32, 0xcafef00d));
	ck_assert_uint_eq(*(uint32_t *)(ram + 0x200018), 0xcafef00d);
	ck_assert_uint_eq(*pte_at(L0) & D, D);
	ck_assert_ptr_eq(softmmu_lookup(&hart->mmu, 0x40000018, 4, MMU_WRITE), ram + 0x200018);
	/* store faults leave memory alone and report store causes */
	ck_assert(!try_store(0x40008000, MO_8, 1));
	assert_fault(RV_EXC_STORE_PAGE, 0x40008000);
	ck_assert(!try_load(0x40003008, MO_16, &v));
	assert_fault(RV_EXC_LOAD_PAGE, 0x40003008);
	/* a privilege change empties the TLB */
	rv_hart_set_priv(hart, RV_PRIV_U);
	ck_assert_ptr_null(softmmu_lookup(&hart->mmu, 0x40000018, 4, MMU_READ));
}
END_TEST

START_TEST(test_mmio_and_access_faults)
{
	uint64_t v;
	ck_assert(try_load(0x40004008, MO_32, &v));
	ck_assert_uint_eq(v, 0xab00 + 8 + 4);
	ck_assert_ptr_null(softmmu_lookup(&hart->mmu, 0x40004008, 4, MMU_READ));
	ck_assert(try_store(0x40004010, MO_16, 0xbeef));
	ck_assert_uint_eq(dev_last_write, UINT64_C(0x10) << 32 | 0xbeef);
	ck_assert(!try_load(0x40005000, MO_64, &v));
	assert_fault(RV_EXC_LOAD_ACCESS, 0x40005000);
	ck_assert(!try_store(0x40005000, MO_64, 0));
	assert_fault(RV_EXC_STORE_ACCESS, 0x40005000);
	/* M-mode, physical: MMIO directly */
	hart->priv = RV_PRIV_M;
	ck_assert(try_load(DEV_BASE + 4, MO_8, &v));
	ck_assert_uint_eq(v, 0xab00 + 4 + 1);
	ck_assert(!try_load(0x60000000, MO_8, &v));
	assert_fault(RV_EXC_LOAD_ACCESS, 0x60000000);
	/* MPRV makes M-mode loads translate */
	hart->mstatus |= RV_MS_MPRV | (uint64_t)RV_PRIV_S << RV_MS_MPP_SHIFT;
	rv_mmu_flush(hart);
	memcpy(ram + 0x200020, "\x5a", 1);
	ck_assert(try_load(0x40000020, MO_8, &v));
	ck_assert_uint_eq(v, 0x5a);
	/* filled for data only: fetches in M are physical */
	ck_assert_ptr_null(softmmu_lookup(&hart->mmu, 0x40000020, 1, MMU_FETCH));
}
END_TEST

START_TEST(test_misaligned)
{
	uint64_t v;
	/* across 0x40006000/0x40007000, which map to consecutive physical pages */
	memcpy(ram + 0x206ffc, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	ck_assert(try_load(0x40006ffc, MO_64, &v));
	ck_assert_uint_eq(v, 0x0807060504030201);
	ck_assert(try_store(0x40006ffe, MO_32, 0xa1b2c3d4));
	ck_assert_uint_eq(*(uint32_t *)(ram + 0x206ffe), 0xa1b2c3d4);
	ck_assert(!try_load(0x40006ffc, MO_64 | MO_ALIGN, &v));
	assert_fault(RV_EXC_LOAD_MISALIGNED, 0x40006ffc);
	ck_assert(!try_store(0x40006ffa, MO_32 | MO_ALIGN, 0));
	assert_fault(RV_EXC_STORE_MISALIGNED, 0x40006ffa);
	/* a misaligned store whose second page faults writes nothing */
	memset(ram + 0x207ffc, 0, 4);
	*pte_at(L0 + 8 * 8) |= A;
	ck_assert(!try_store(0x40007ffe, MO_32, 0xffffffff));
	assert_fault(RV_EXC_STORE_PAGE, 0x40007ffe + 3);
	ck_assert_uint_eq(*(uint16_t *)(ram + 0x207ffe), 0);
	/* atomics get aligned RAM only */
	sigjmp_buf env;
	hart->cpu.common.fault_jmp = &env;
	if (sigsetjmp(env, 0) == 0) {
		void *p = rv_mmu_ops.host_ptr(&hart->cpu.common, 0x40006008, 8, MMU_WRITE);
		ck_assert_ptr_eq(p, ram + 0x206008);
		rv_mmu_ops.host_ptr(&hart->cpu.common, 0x40004000, 8, MMU_WRITE);
		ck_abort_msg("AMO on MMIO did not fault");
	}
	assert_fault(RV_EXC_STORE_ACCESS, 0x40004000);
	hart->cpu.common.fault_jmp = NULL;
}
END_TEST

START_TEST(test_fetch)
{
	GuestFetch f = rv_sys_fetch(bus);
	ck_assert_int_eq(f.page_bounded, 1);
	rv_current_hart = hart;
	memcpy(ram + 0x412000, "\x13\x05\x10\x00", 4);
	uint8_t buf[4];
	ck_assert_int_eq(f.read(f.opaque, 0x40212000, buf, 4), 0);
	ck_assert_int_eq(memcmp(buf, "\x13\x05\x10\x00", 4), 0);
	ck_assert_uint_eq(f.code_key(f.opaque, &hart->cpu.common, 0x40212000), 0x80412000);
	ck_assert_uint_eq(f.code_key(f.opaque, &hart->cpu.common, 0x40003000), UINT64_MAX);
	ck_assert_int_ne(f.read(f.opaque, 0x40000000, buf, 4), 0); /* not executable */
	uint64_t tval;
	ck_assert_uint_eq(rv_fetch_fault(hart, 0x40000000, &tval), RV_EXC_FETCH_PAGE);
	ck_assert_uint_eq(tval, 0x40000000);
	ck_assert_uint_eq(rv_fetch_fault(hart, 0x40004000, &tval), RV_EXC_FETCH_PAGE);
	/* executable in the tables but MMIO: access fault */
	*pte_at(L0 + 4 * 8) |= X;
	ck_assert_uint_eq(rv_fetch_fault(hart, 0x40004000, &tval), RV_EXC_FETCH_ACCESS);
	/* a 32-bit instruction whose second half is on an unmapped page */
	*pte_at(L0 + 2 * 8) = pte(0x80202000, V | X | A);
	memcpy(ram + 0x202ffe, "\x13\x05", 2);
	ck_assert_uint_eq(rv_fetch_fault(hart, 0x40002ffe, &tval), RV_EXC_FETCH_PAGE);
	ck_assert_uint_eq(tval, 0x40003000);
	ck_assert_uint_eq(rv_fetch_fault(hart, 0x40002000, &tval), 0);
	ck_assert_uint_eq(rv_fetch_insn_bits(hart, 0x40212000), 0x00100513);
	rv_current_hart = NULL;
}
END_TEST

/* User-mode translation keeps the privileged encodings reserved; system mode turns
 * them (and CSR accesses) into helper calls and SYSTEM exits. */
static uint8_t code_page[4096];

static int code_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	if (pc < 0x1000 || pc - 0x1000 + len > sizeof code_page)
		return -1;
	memcpy(buf, code_page + (pc - 0x1000), len);
	return 0;
}

/* Translates the two instructions in code placed at 0x1000; returns the last IR insn. */
static const IrInsn *translate_one(IrBlock *b, const GuestArch *arch, const uint32_t *code)
{
	memset(code_page, 0, sizeof code_page);
	memcpy(code_page, code, 8);
	GuestFetch f = {code_read, NULL};
	ir_block_init(b, 0x1000);
	arch->translate(b, &f, 0x1000);
	return &b->insns[b->n_insns - 1];
}

START_TEST(test_translation_modes)
{
	static const uint32_t priv[] = {0x30200073, 0x10200073, 0x10500073, 0x12b00073};
	IrBlock b;
	for (unsigned i = 0; i < 4; i++) {
		uint32_t code[2] = {priv[i], 0x00000013};
		const IrInsn *last = translate_one(&b, &riscv64_arch, code);
		ck_assert_uint_eq(last->op, IR_EXIT);
		ck_assert_uint_eq(last->aux, CPU_EXIT_ILLEGAL);
		ir_block_free(&b);
		last = translate_one(&b, &riscv64_sys_arch, code);
		ck_assert_uint_eq(last->op, IR_EXIT);
		ck_assert_uint_eq(last->aux, CPU_EXIT_SYSTEM);
		ck_assert_uint_eq(last->imm, 0x1000);
		ir_block_free(&b);
	}
	/* csrrs a0, mstatus, t0 (writes mstatus): helper, then SYSTEM at the next pc */
	uint32_t csr_code[2] = {0x3002a573, 0x00000013};
	const IrInsn *last = translate_one(&b, &riscv64_arch, csr_code);
	ck_assert_uint_eq(last->aux, CPU_EXIT_ILLEGAL);
	ir_block_free(&b);
	last = translate_one(&b, &riscv64_sys_arch, csr_code);
	ck_assert_uint_eq(last->aux, CPU_EXIT_SYSTEM);
	ck_assert_uint_eq(last->imm, 0x1004);
	ir_block_free(&b);
	/* csrrw x0, sscratch, t0 does not end the block */
	uint32_t scratch_code[2] = {0x14029073, 0x0000006f};
	translate_one(&b, &riscv64_sys_arch, scratch_code);
	ck_assert_uint_eq(b.guest_insns, 2);
	ir_block_free(&b);
}
END_TEST

/* Programs run by a hart thread with the interpreter. */
#define I_TYPE(op, f3, rd, rs1, imm)                                                               \
	((uint32_t)((imm)&0xfff) << 20 | (uint32_t)(rs1) << 15 | (uint32_t)(f3) << 12 |            \
	 (uint32_t)(rd) << 7 | (op))
#define ADDI(rd, rs1, imm)   I_TYPE(0x13, 0, rd, rs1, imm)
#define SLLI(rd, rs1, sh)    I_TYPE(0x13, 1, rd, rs1, sh)
#define CSRRW(rd, csr, rs1)  I_TYPE(0x73, 1, rd, rs1, csr)
#define CSRRS(rd, csr, rs1)  I_TYPE(0x73, 2, rd, rs1, csr)
#define CSRRSI(rd, csr, imm) I_TYPE(0x73, 6, rd, imm, csr)
#define AUIPC_T0             0x00000297u
#define ECALL                0x00000073u
#define MRET                 0x30200073u
#define WFI                  0x10500073u
#define JAL_BACK4            0xffdff06fu /* jal x0, -4 */

static void put_code(uint64_t addr, const uint32_t *insns, size_t n)
{
	memcpy(ram + (addr - RAM_BASE), insns, n * 4);
}

/* M-mode handler at +0x100: a0 = mcause, a1 = mepc, a2 = mtval, then wfi forever. */
static const uint32_t m_handler[] = {CSRRS(10, 0x342, 0),
                                     CSRRS(11, 0x341, 0),
                                     CSRRS(12, 0x343, 0),
                                     CSRRW(0, 0x304, 0),
                                     WFI,
                                     JAL_BACK4};

#define LUI(rd, imm20)   ((uint32_t)(imm20) << 12 | (uint32_t)(rd) << 7 | 0x37)
#define LD(rd, rs1, imm) I_TYPE(0x03, 3, rd, rs1, imm)
#define S_TYPE(f3, rs2, rs1, imm)                                                                  \
	((uint32_t)((imm) >> 5 & 0x7f) << 25 | (uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 |     \
	 (uint32_t)(f3) << 12 | (uint32_t)((imm)&31) << 7 | 0x23)
#define SD(rs2, rs1, imm) S_TYPE(3, rs2, rs1, imm)
#define SW(rs2, rs1, imm) S_TYPE(2, rs2, rs1, imm)
#define OR(rd, rs1, rs2)                                                                           \
	((uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 | 6u << 12 | (uint32_t)(rd) << 7 | 0x33)

static EngineMode engine_mode = ENGINE_INTERP;
static Engine *engine;
static pthread_t hart_thread;

static void *hart_main(void *opaque)
{
	rv_hart_run(opaque);
	return NULL;
}

/* The hart's engine, reset state and trap handler; the test then places its code and
 * launches the hart's thread, so the hart never runs memory not yet written. */
static void prepare_hart(void)
{
	GuestFetch f = rv_sys_fetch(bus);
	engine = engine_new(&riscv64_sys_arch, engine_mode, &f);
	hart->engine = engine;
	rv_hart_reset(hart, RAM_BASE, 0, 0, 0);
	put_code(RAM_BASE + 0x100, m_handler, sizeof m_handler / 4);
}

static void launch_hart(void)
{
	ck_assert_int_eq(pthread_create(&hart_thread, NULL, hart_main, hart), 0);
}

static bool wait_for(uint64_t *reg)
{
	for (int i = 0; i < 5000; i++) {
		if (__atomic_load_n(reg, __ATOMIC_ACQUIRE) &&
		    __atomic_load_n(&hart->wfi, __ATOMIC_ACQUIRE))
			return true;
		usleep(1000);
	}
	return false;
}

static void stop_hart(void)
{
	rv_hart_stop(hart);
	pthread_join(hart_thread, NULL);
	engine_free(engine);
}

/* M sets up mtvec and mret's into S at +0x200, which runs the given code. */
static void run_in_s(const uint32_t *s_code, size_t n)
{
	static const uint32_t boot[] = {AUIPC_T0,          ADDI(6, 5, 0x100),  CSRRW(0, 0x305, 6),
	                                ADDI(6, 5, 0x200), CSRRW(0, 0x341, 6), ADDI(6, 0, 1),
	                                SLLI(6, 6, 11),    CSRRS(0, 0x300, 6), MRET};
	prepare_hart();
	put_code(RAM_BASE, boot, sizeof boot / 4);
	put_code(RAM_BASE + 0x200, s_code, n);
	launch_hart();
}

START_TEST(test_run_ecall_from_s)
{
	static const uint32_t s_code[] = {CSRRS(13, 0x100, 0), ADDI(14, 0, 42), ECALL};
	run_in_s(s_code, 3);
	ck_assert(wait_for(&hart->cpu.x[10]));
	stop_hart();
	ck_assert_uint_eq(hart->cpu.x[10], RV_EXC_ECALL_S);
	ck_assert_uint_eq(hart->cpu.x[11], RAM_BASE + 0x208);
	ck_assert_uint_eq(hart->cpu.x[12], 0);
	ck_assert_uint_eq(hart->cpu.x[14], 42);
	ck_assert_uint_eq(hart->cpu.x[13] >> 32, 2); /* sstatus.UXL */
	ck_assert_uint_eq(hart->priv, RV_PRIV_M);
	ck_assert_uint_eq((hart->mstatus & RV_MS_MPP) >> RV_MS_MPP_SHIFT, RV_PRIV_S);
}
END_TEST

START_TEST(test_run_illegal_csr_from_s)
{
	static const uint32_t s_code[] = {ADDI(14, 0, 7), CSRRS(13, 0x300, 0), ADDI(14, 0, 8)};
	run_in_s(s_code, 3);
	ck_assert(wait_for(&hart->cpu.x[10]));
	stop_hart();
	ck_assert_uint_eq(hart->cpu.x[10], RV_EXC_ILLEGAL);
	ck_assert_uint_eq(hart->cpu.x[11], RAM_BASE + 0x204);
	ck_assert_uint_eq(hart->cpu.x[12], CSRRS(13, 0x300, 0));
	ck_assert_uint_eq(hart->cpu.x[14], 7);
}
END_TEST

START_TEST(test_run_undecodable_and_wfi_from_u)
{
	/* mret to U (MPP = 0), where wfi is illegal */
	static const uint32_t boot[] = {AUIPC_T0,          ADDI(6, 5, 0x100),  CSRRW(0, 0x305, 6),
	                                ADDI(6, 5, 0x200), CSRRW(0, 0x341, 6), MRET};
	static const uint32_t u_code[] = {ADDI(14, 0, 3), WFI};
	prepare_hart();
	put_code(RAM_BASE, boot, 6);
	put_code(RAM_BASE + 0x200, u_code, 2);
	launch_hart();
	ck_assert(wait_for(&hart->cpu.x[10]));
	stop_hart();
	ck_assert_uint_eq(hart->cpu.x[10], RV_EXC_ILLEGAL);
	ck_assert_uint_eq(hart->cpu.x[11], RAM_BASE + 0x204);
	ck_assert_uint_eq(hart->cpu.x[12], WFI);
	ck_assert_uint_eq((hart->mstatus & RV_MS_MPP) >> RV_MS_MPP_SHIFT, RV_PRIV_U);
}
END_TEST

/* wfi with the software interrupt enabled; a device line wakes it and the trap
 * reports the instruction after wfi. */
START_TEST(test_run_wfi_interrupt)
{
	static const uint32_t code[] = {AUIPC_T0,      ADDI(6, 5, 0x100),  CSRRW(0, 0x305, 6),
	                                ADDI(6, 0, 8), CSRRW(0, 0x304, 6), CSRRSI(0, 0x300, 8),
	                                WFI,           ADDI(14, 0, 1)};
	prepare_hart();
	put_code(RAM_BASE, code, 8);
	launch_hart();
	for (int i = 0; i < 5000 && !__atomic_load_n(&hart->wfi, __ATOMIC_ACQUIRE); i++)
		usleep(1000);
	ck_assert(__atomic_load_n(&hart->wfi, __ATOMIC_ACQUIRE));
	rv_hart_set_irq(hart, RV_IRQ_MSIP, 1);
	ck_assert(wait_for(&hart->cpu.x[10]));
	stop_hart();
	ck_assert_uint_eq(hart->cpu.x[10], RV_CAUSE_INTERRUPT | RV_IRQ_MSIP);
	ck_assert_uint_eq(hart->cpu.x[11], RAM_BASE + 0x1c);
}
END_TEST

/* Sstc: wfi in M-mode with STIE enabled wakes when the timer reaches stimecmp. */
START_TEST(test_run_sstc_wakes_wfi)
{
	static const uint32_t code[] = {AUIPC_T0,
	                                ADDI(6, 5, 0x100),
	                                CSRRW(0, 0x305, 6),
	                                ADDI(6, 0, -1),
	                                CSRRW(0, 0x30a, 6),
	                                CSRRS(7, 0xc01, 0),
	                                ADDI(7, 7, 2000),
	                                CSRRW(0, 0x14d, 7),
	                                ADDI(6, 0, 0x20),
	                                CSRRW(0, 0x304, 6),
	                                WFI,
	                                CSRRW(0, 0x304, 0),
	                                ADDI(10, 0, 99),
	                                WFI,
	                                JAL_BACK4};
	timers_init(bus);
	prepare_hart();
	put_code(RAM_BASE, code, sizeof code / 4);
	launch_hart();
	bool done = wait_for(&hart->cpu.x[10]);
	stop_hart();
	timers_shutdown();
	ck_assert(done);
	ck_assert_uint_eq(hart->cpu.x[10], 99);
	ck_assert_uint_ge(clock_ticks(), hart->stimecmp);
	ck_assert_uint_eq(hart->priv, RV_PRIV_M); /* no trap: MIE was clear */
}
END_TEST

/* S-mode with Sv39 on, on each executor: a store sets A and D, a load reads it back, a
 * store to an MMIO page reaches the device, and a load from an unmapped page is a load
 * page fault taken in M-mode with the faulting address in mtval. */
START_TEST(test_run_paged_memory)
{
	static const uint32_t boot[] = {AUIPC_T0,          ADDI(6, 5, 0x100),  CSRRW(0, 0x305, 6),
	                                ADDI(6, 5, 0x200), CSRRW(0, 0x341, 6), ADDI(6, 0, 1),
	                                SLLI(6, 6, 11),    CSRRS(0, 0x300, 6), ADDI(6, 0, 1),
	                                SLLI(6, 6, 63),    LUI(7, 0x80),       ADDI(7, 7, 0x100),
	                                OR(6, 6, 7),       CSRRW(0, 0x180, 6), MRET};
	static const uint32_t s_code[] = {LUI(5, 0x40000), ADDI(6, 0, 0x55), SD(6, 5, 0),
	                                  LD(13, 5, 0),    LUI(7, 0x40004),  SW(6, 7, 8),
	                                  LUI(7, 0x40003), LD(15, 7, 0)};
	static const EngineMode modes[] = {ENGINE_INTERP, ENGINE_JIT};
	engine_mode = modes[_i];
	prepare_hart();
	put_code(RAM_BASE, boot, sizeof boot / 4);
	put_code(RAM_BASE + 0x200, s_code, sizeof s_code / 4);
	launch_hart();
	bool done = wait_for(&hart->cpu.x[10]);
	stop_hart();
	engine_mode = ENGINE_INTERP;
	ck_assert(done);
	ck_assert_uint_eq(hart->cpu.x[10], RV_EXC_LOAD_PAGE);
	ck_assert_uint_eq(hart->cpu.x[11], RAM_BASE + 0x21c);
	ck_assert_uint_eq(hart->cpu.x[12], 0x40003000);
	ck_assert_uint_eq(hart->cpu.x[13], 0x55);
	ck_assert_uint_eq(*(uint64_t *)(ram + 0x200000), 0x55);
	ck_assert_uint_eq(*pte_at(L0) & (A | D), A | D);
	ck_assert_uint_eq(dev_last_write, UINT64_C(8) << 32 | 0x55);
}
END_TEST

/* FP instructions with mstatus.FS Off and on, on each executor: an arithmetic op
 * (fdiv.d f1, f2, f3 in RNE: 0/0 is the canonical NaN), a compressed load (c.fld f8,
 * 0(s0), followed by c.nop) and an fcsr read (csrrs a3, fcsr, x0). Off, each is an
 * illegal instruction with its own bits (16 for c.fld) in mtval and no effect; on, it
 * runs, the ecall after it traps, and FS reads Dirty. */
#define FDIV_D_F1_F2_F3 0x1a3100d3u
#define C_FLD_F8_S0_NOP 0x00012000u
#define CSRR_A3_FCSR    CSRRS(13, 0x003, 0)

static const struct {
	uint32_t insn, tval;
} fp_cases[] = {
    {FDIV_D_F1_F2_F3, FDIV_D_F1_F2_F3},
    {C_FLD_F8_S0_NOP, 0x2000},
    {CSRR_A3_FCSR, CSRR_A3_FCSR},
};

static void check_fp_effect(unsigned which, bool ran)
{
	switch (which) {
	case 0: ck_assert_uint_eq(hart->cpu.f[1], ran ? UINT64_C(0x7ff8000000000000) : 0); break;
	case 1: ck_assert_uint_eq(hart->cpu.f[8], ran ? UINT64_C(0x1122334455667788) : 0); break;
	default: ck_assert_uint_eq(hart->cpu.x[13], ran ? 0 : UINT64_MAX); break;
	}
}

START_TEST(test_run_fp_with_fs)
{
	static const EngineMode modes[] = {ENGINE_INTERP, ENGINE_JIT};
	unsigned which = (unsigned)_i % 3;
	bool fs_on = _i / 3 % 2;
	const uint32_t code[] = {AUIPC_T0,          ADDI(6, 5, 0x100),  CSRRW(0, 0x305, 6),
	                         ADDI(8, 5, 0x300), ADDI(13, 0, -1),    ADDI(6, 0, fs_on),
	                         SLLI(6, 6, 13),    CSRRS(0, 0x300, 6), fp_cases[which].insn,
	                         ECALL};
	engine_mode = modes[_i / 6];
	put_code(RAM_BASE, code, sizeof code / 4); /* before the hart runs from there */
	*(uint64_t *)(ram + 0x300) = UINT64_C(0x1122334455667788);
	prepare_hart();
	launch_hart();
	bool done = wait_for(&hart->cpu.x[10]);
	stop_hart();
	engine_mode = ENGINE_INTERP;
	ck_assert(done);
	if (fs_on) {
		ck_assert_uint_eq(hart->cpu.x[10], RV_EXC_ECALL_M);
		ck_assert_uint_eq(hart->cpu.x[11], RAM_BASE + 0x24);
		ck_assert_uint_eq(hart->mstatus & RV_MS_FS, RV_MS_FS);
	} else {
		ck_assert_uint_eq(hart->cpu.x[10], RV_EXC_ILLEGAL);
		ck_assert_uint_eq(hart->cpu.x[11], RAM_BASE + 0x20);
		ck_assert_uint_eq(hart->cpu.x[12], fp_cases[which].tval);
		ck_assert_uint_eq(hart->mstatus & RV_MS_FS, 0);
	}
	check_fp_effect(which, fs_on);
}
END_TEST

/* How many IR instructions of b are `op` with the given imm (and aux, for exits). */
static unsigned count_ir(const IrBlock *b, IrOp op, unsigned aux, uint64_t imm)
{
	unsigned n = 0;
	for (uint32_t i = 0; i < b->n_insns; i++) {
		const IrInsn *in = &b->insns[i];
		n += in->op == op && in->imm == imm && (op != IR_EXIT || in->aux == aux);
	}
	return n;
}

/* System mode tests FS once per block, at its first FP instruction; user mode never. */
START_TEST(test_translation_fs_guard)
{
	uint32_t code[2] = {FDIV_D_F1_F2_F3, C_FLD_F8_S0_NOP};
	IrBlock b;
	const uint32_t mstatus = offsetof(RvHart, mstatus);
	translate_one(&b, &riscv64_sys_arch, code);
	ck_assert_uint_eq(count_ir(&b, IR_GET, 0, mstatus), 1);
	ck_assert_uint_eq(count_ir(&b, IR_EXIT, CPU_EXIT_ILLEGAL, 0x1000), 1);
	ck_assert_uint_eq(count_ir(&b, IR_EXIT, CPU_EXIT_ILLEGAL, 0x1004), 0);
	ir_block_free(&b);
	translate_one(&b, &riscv64_arch, code);
	ck_assert_uint_eq(count_ir(&b, IR_GET, 0, mstatus), 0);
	ck_assert_uint_eq(count_ir(&b, IR_EXIT, CPU_EXIT_ILLEGAL, 0x1000), 0);
	ir_block_free(&b);
}
END_TEST

/* pause parks a running hart; resume lets it go on. */
START_TEST(test_run_pause)
{
	static const uint32_t code[] = {ADDI(14, 14, 1), JAL_BACK4};
	prepare_hart();
	put_code(RAM_BASE, code, 2);
	launch_hart();
	usleep(2000);
	rv_hart_pause(hart);
	uint64_t n = hart->cpu.x[14];
	usleep(2000);
	ck_assert_uint_eq(hart->cpu.x[14], n);
	rv_hart_resume(hart);
	for (int i = 0; i < 5000 && __atomic_load_n(&hart->cpu.x[14], __ATOMIC_ACQUIRE) == n; i++)
		usleep(1000);
	stop_hart();
	ck_assert_uint_ne(hart->cpu.x[14], n);
}
END_TEST

Suite *rv_mmu_suite(void)
{
	Suite *s = suite_create("rv_mmu");
	TCase *tc = tcase_create("mmu");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sv39_walk);
	tcase_add_test(tc, test_sv48_walk);
	tcase_add_test(tc, test_accessed_dirty);
	tcase_add_test(tc, test_permissions);
	tcase_add_test(tc, test_slow_paths_tlb);
	tcase_add_test(tc, test_mmio_and_access_faults);
	tcase_add_test(tc, test_misaligned);
	tcase_add_test(tc, test_fetch);
	tcase_add_test(tc, test_translation_modes);
	tcase_add_test(tc, test_translation_fs_guard);
	suite_add_tcase(s, tc);
	TCase *run = tcase_create("run");
	tcase_add_checked_fixture(run, setup, teardown);
	tcase_set_timeout(run, 30);
	tcase_add_test(run, test_run_ecall_from_s);
	tcase_add_test(run, test_run_illegal_csr_from_s);
	tcase_add_test(run, test_run_undecodable_and_wfi_from_u);
	tcase_add_test(run, test_run_wfi_interrupt);
	tcase_add_test(run, test_run_pause);
	tcase_add_test(run, test_run_sstc_wakes_wfi);
	tcase_add_loop_test(run, test_run_paged_memory, 0, 2);
	tcase_add_loop_test(run, test_run_fp_with_fs, 0, 12);
	suite_add_tcase(s, run);
	return s;
}

/*
 * Unit tests of the riscv64 hart's privileged architecture (sysemu/riscv64): the CSR
 * file's WARL masks, privilege and read-only checks and the counters' enables, trap
 * entry and return with delegation and vectored mode, and interrupt selection (priority
 * and enables). Everything is called through the hart's C functions on a hart with no
 * engine; test_rv_mmu.c covers translation and runs code.
 */
#include <check.h>
#include <unistd.h>

#include "sysemu/bus.h"
#include "sysemu/riscv64/hart_int.h"
#include "tests/unit/suites.h"

#define CSR_SSTATUS    0x100
#define CSR_SIE        0x104
#define CSR_STVEC      0x105
#define CSR_SIP        0x144
#define CSR_STIMECMP   0x14d
#define CSR_SATP       0x180
#define CSR_MSTATUS    0x300
#define CSR_MISA       0x301
#define CSR_MEDELEG    0x302
#define CSR_MIDELEG    0x303
#define CSR_MIE        0x304
#define CSR_MTVEC      0x305
#define CSR_MCOUNTEREN 0x306
#define CSR_MENVCFG    0x30a
#define CSR_MEPC       0x341
#define CSR_MIP        0x344
#define CSR_PMPCFG0    0x3a0
#define CSR_PMPADDR0   0x3b0
#define CSR_SCOUNTEREN 0x106

static Bus *bus;
static RvHart *hart;

static void setup(void)
{
	bus = bus_new();
	ck_assert_ptr_nonnull(bus_add_ram(bus, 0x80000000, 0x100000, "ram"));
	RvHartConfig cfg = {.hartid = 3, .bus = bus, .sstc = true};
	hart = rv_hart_new(&cfg);
	ck_assert_ptr_nonnull(hart);
}

static void teardown(void)
{
	rv_hart_free(hart);
	bus_free(bus);
}

static uint64_t rd(unsigned csr)
{
	uint64_t v = 0xdead;
	ck_assert_msg(rv_csr_read(hart, csr, &v) == 0, "csr 0x%x not readable", csr);
	return v;
}

static void wr(unsigned csr, uint64_t v)
{
	ck_assert_msg(rv_csr_write(hart, csr, v) == 0, "csr 0x%x not writable", csr);
}

static uint32_t csr_insn(unsigned f3, unsigned rd_, unsigned csr, unsigned rs1)
{
	return (uint32_t)csr << 20 | rs1 << 15 | f3 << 12 | rd_ << 7 | 0x73;
}

START_TEST(test_csr_identity)
{
	ck_assert_uint_eq(rd(CSR_MISA), UINT64_C(0x800000000014112d));
	ck_assert_uint_eq(rd(0xf14), 3);
	ck_assert_uint_eq(rd(0xf11), 0);
	ck_assert_uint_eq(rd(0xf15), 0);
	wr(CSR_MISA, 0);
	ck_assert_uint_eq(rd(CSR_MISA), UINT64_C(0x800000000014112d));
	ck_assert_int_eq(rv_csr_write(hart, 0xf14, 1), -1);
	ck_assert_int_eq(rv_csr_read(hart, 0x7c0, &(uint64_t){0}), -1); /* unknown */
	ck_assert_int_eq(rv_csr_read(hart, 0x3a1, &(uint64_t){0}), -1); /* pmpcfg1 on RV64 */
	ck_assert_int_eq(rv_csr_read(hart, 0x7b0, &(uint64_t){0}), -1); /* dcsr: debug mode */
	ck_assert_int_eq(rv_csr_read(hart, 0x200, &(uint64_t){0}), -1); /* hypervisor */
}
END_TEST

START_TEST(test_mstatus_warl)
{
	uint64_t ms = rd(CSR_MSTATUS);
	ck_assert_uint_eq(ms >> 32 & 0xf, 0xa); /* UXL = SXL = 2 */
	wr(CSR_MSTATUS, 0);
	ck_assert_uint_eq(rd(CSR_MSTATUS) >> 32 & 0xf, 0xa);
	wr(CSR_MSTATUS, UINT64_C(1) << 13); /* FS = Initial reads back Dirty, SD set */
	ms = rd(CSR_MSTATUS);
	ck_assert_uint_eq(ms & RV_MS_FS, RV_MS_FS);
	ck_assert(ms & RV_MS_SD);
	wr(CSR_MSTATUS, 0);
	ck_assert(!(rd(CSR_MSTATUS) & (RV_MS_FS | RV_MS_SD)));
	wr(CSR_MSTATUS, UINT64_C(1) << RV_MS_MPP_SHIFT);
	wr(CSR_MSTATUS, UINT64_C(2) << RV_MS_MPP_SHIFT); /* reserved MPP: unchanged */
	ck_assert_uint_eq(rd(CSR_MSTATUS) & RV_MS_MPP, UINT64_C(1) << RV_MS_MPP_SHIFT);
	wr(CSR_MSTATUS, RV_MS_MIE | RV_MS_SIE | RV_MS_TVM | RV_MS_SUM | UINT64_C(1) << 6);
	ms = rd(CSR_MSTATUS);
	ck_assert_uint_eq(ms & ~(RV_MS_UXL | RV_MS_SXL),
	                  RV_MS_MIE | RV_MS_SIE | RV_MS_TVM | RV_MS_SUM);
	/* sstatus is a view: no MIE or TVM, writes cannot reach them */
	ck_assert_uint_eq(rd(CSR_SSTATUS), RV_MS_SIE | RV_MS_SUM | UINT64_C(2) << 32);
	wr(CSR_SSTATUS, 0);
	ck_assert_uint_eq(rd(CSR_MSTATUS) & ~(RV_MS_UXL | RV_MS_SXL), RV_MS_MIE | RV_MS_TVM);
}
END_TEST

START_TEST(test_deleg_and_interrupt_csrs)
{
	wr(CSR_MEDELEG, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_MEDELEG), 0xb3ff); /* no ecall-from-M, no reserved causes */
	wr(CSR_MIDELEG, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_MIDELEG), 0x222);
	wr(CSR_MIE, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_MIE), 0xaaa);
	ck_assert_uint_eq(rd(CSR_SIE), 0x222);
	wr(CSR_SIE, 0);
	ck_assert_uint_eq(rd(CSR_MIE), 0x888);
	/* mip: M-mode writes SSIP, STIP, SEIP; device lines are read-only */
	wr(CSR_MIP, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_MIP), 0x222);
	rv_hart_set_irq(hart, RV_IRQ_MTIP, 1);
	ck_assert_uint_eq(rd(CSR_MIP), 0x2a2);
	wr(CSR_MIP, 0);
	ck_assert_uint_eq(rd(CSR_MIP), 0x080);
	rv_hart_set_irq(hart, RV_IRQ_MTIP, 0);
	/* sip: only SSIP is writable, and only when delegated */
	wr(CSR_MIDELEG, 0x020);
	wr(CSR_SIP, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_MIP), 0);
	wr(CSR_MIDELEG, 0x222);
	wr(CSR_SIP, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_MIP), 0x002);
	ck_assert_uint_eq(rd(CSR_SIP), 0x002);
}
END_TEST

/* csrrs/csrrc of mip modify the software SEIP, not the external line's level. */
START_TEST(test_mip_seip_rmw)
{
	uint64_t v;
	rv_hart_set_irq(hart, RV_IRQ_SEIP, 1);
	ck_assert_uint_eq(rd(CSR_MIP), 0x200);
	/* csrrsi x0, mip, 2 (sets SSIP) */
	ck_assert(rv_csr_insn(hart, csr_insn(6, 0, CSR_MIP, 2), 2, &v));
	rv_hart_set_irq(hart, RV_IRQ_SEIP, 0);
	ck_assert_uint_eq(rd(CSR_MIP), 0x002);
}
END_TEST

START_TEST(test_satp_modes)
{
	uint64_t sv39 = UINT64_C(8) << 60 | UINT64_C(0xffff) << 44 | 0x80123;
	wr(CSR_SATP, sv39);
	ck_assert_uint_eq(rd(CSR_SATP), sv39);
	wr(CSR_SATP, UINT64_C(10) << 60 | 0x80456); /* Sv57: not supported, no effect */
	ck_assert_uint_eq(rd(CSR_SATP), sv39);
	wr(CSR_SATP, UINT64_C(9) << 60 | 0x80456);
	ck_assert_uint_eq(rd(CSR_SATP), UINT64_C(9) << 60 | 0x80456);
	/* TVM traps satp in S-mode */
	hart->priv = RV_PRIV_S;
	ck_assert_uint_eq(rd(CSR_SATP), UINT64_C(9) << 60 | 0x80456);
	hart->mstatus |= RV_MS_TVM;
	ck_assert_int_eq(rv_csr_read(hart, CSR_SATP, &(uint64_t){0}), -1);
	ck_assert(!rv_hart_sys_allowed(hart, RV_SYS_SFENCE));
	hart->mstatus &= ~RV_MS_TVM;
	ck_assert(rv_hart_sys_allowed(hart, RV_SYS_SFENCE));
}
END_TEST

START_TEST(test_privilege_checks)
{
	hart->priv = RV_PRIV_S;
	ck_assert_int_eq(rv_csr_read(hart, CSR_MSTATUS, &(uint64_t){0}), -1);
	ck_assert_int_eq(rv_csr_read(hart, CSR_SSTATUS, &(uint64_t){0}), 0);
	hart->priv = RV_PRIV_U;
	ck_assert_int_eq(rv_csr_read(hart, CSR_SSTATUS, &(uint64_t){0}), -1);
	/* the instruction form: csrrs rd, mstatus, x0 in S-mode is illegal */
	uint64_t v;
	hart->priv = RV_PRIV_S;
	ck_assert(!rv_csr_insn(hart, csr_insn(2, 5, CSR_MSTATUS, 0), 0, &v));
	/* csrrs rd, cycle, x0 does not write: legal on a read-only CSR (when enabled) */
	hart->priv = RV_PRIV_M;
	ck_assert(rv_csr_insn(hart, csr_insn(2, 5, 0xc01, 0), 0, &v));
	/* csrrw x0, time, t0 writes: illegal */
	ck_assert(!rv_csr_insn(hart, csr_insn(1, 0, 0xc01, 5), 0, &v));
	/* csrrw x0, mscratch: writes without reading */
	ck_assert(rv_csr_insn(hart, csr_insn(1, 0, 0x340, 5), 77, &v));
	ck_assert_uint_eq(rd(0x340), 77);
	ck_assert(rv_csr_insn(hart, csr_insn(3, 5, 0x340, 5), 5, &v)); /* csrrc */
	ck_assert_uint_eq(v, 77);
	ck_assert_uint_eq(rd(0x340), 72);
}
END_TEST

START_TEST(test_counter_enables)
{
	wr(CSR_MCOUNTEREN, 0);
	wr(CSR_SCOUNTEREN, 0);
	hart->priv = RV_PRIV_S;
	ck_assert_int_eq(rv_csr_read(hart, 0xc01, &(uint64_t){0}), -1);
	hart->priv = RV_PRIV_M;
	wr(CSR_MCOUNTEREN, 2); /* TM */
	hart->priv = RV_PRIV_S;
	ck_assert_int_eq(rv_csr_read(hart, 0xc01, &(uint64_t){0}), 0);
	ck_assert_int_eq(rv_csr_read(hart, 0xc00, &(uint64_t){0}), -1);
	hart->priv = RV_PRIV_U;
	ck_assert_int_eq(rv_csr_read(hart, 0xc01, &(uint64_t){0}), -1);
	hart->priv = RV_PRIV_S;
	wr(CSR_SCOUNTEREN, 2);
	hart->priv = RV_PRIV_U;
	ck_assert_int_eq(rv_csr_read(hart, 0xc01, &(uint64_t){0}), 0);
	hart->priv = RV_PRIV_M;
	/* mcycle is writable and counts on; mcountinhibit freezes it */
	wr(0xb00, 1000);
	ck_assert_uint_ge(rd(0xb00), 1000);
	wr(0x320, 1);
	uint64_t frozen = rd(0xb00);
	usleep(2000);
	ck_assert_uint_eq(rd(0xb00), frozen);
	ck_assert_uint_eq(rd(0x320), 1);
	wr(0x320, ~UINT64_C(0));
	ck_assert_uint_eq(rd(0x320), 0xfffffffd); /* TM is not inhibitable */
	/* hpm counters: read 0, writes ignored */
	wr(0xb03, 5);
	ck_assert_uint_eq(rd(0xb03), 0);
	wr(0x323, 5);
	ck_assert_uint_eq(rd(0x323), 0);
}
END_TEST

START_TEST(test_sstc_access)
{
	wr(CSR_STIMECMP, 1234);
	ck_assert_uint_eq(rd(CSR_STIMECMP), 1234);
	hart->priv = RV_PRIV_S;
	ck_assert_int_eq(rv_csr_read(hart, CSR_STIMECMP, &(uint64_t){0}), -1); /* STCE = 0 */
	hart->priv = RV_PRIV_M;
	wr(CSR_MENVCFG, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_MENVCFG), RV_ENVCFG_STCE | 1);
	hart->priv = RV_PRIV_S;
	ck_assert_int_eq(rv_csr_read(hart, CSR_STIMECMP, &(uint64_t){0}), -1); /* TM = 0 */
	hart->priv = RV_PRIV_M;
	wr(CSR_MCOUNTEREN, 2);
	hart->priv = RV_PRIV_S;
	ck_assert_int_eq(rv_csr_read(hart, CSR_STIMECMP, &(uint64_t){0}), 0);
	/* STIP follows time >= stimecmp, and software cannot write it */
	wr(CSR_STIMECMP, 0);
	ck_assert_uint_eq(rv_hart_mip(hart) & 0x20, 0x20);
	wr(CSR_STIMECMP, UINT64_MAX);
	ck_assert_uint_eq(rv_hart_mip(hart) & 0x20, 0);
	hart->priv = RV_PRIV_M;
	wr(CSR_MIP, 0x20);
	ck_assert_uint_eq(rd(CSR_MIP) & 0x20, 0);
}
END_TEST

START_TEST(test_no_sstc)
{
	RvHartConfig cfg = {.hartid = 0, .bus = bus, .sstc = false};
	RvHart *h = rv_hart_new(&cfg);
	ck_assert_int_eq(rv_csr_read(h, CSR_STIMECMP, &(uint64_t){0}), -1);
	ck_assert_int_eq(rv_csr_write(h, CSR_MENVCFG, ~UINT64_C(0)), 0);
	uint64_t v;
	ck_assert_int_eq(rv_csr_read(h, CSR_MENVCFG, &v), 0);
	ck_assert_uint_eq(v, 1);
	rv_hart_free(h);
}
END_TEST

START_TEST(test_pmp_and_triggers)
{
	wr(CSR_PMPADDR0, ~UINT64_C(0));
	ck_assert_uint_eq(rd(CSR_PMPADDR0), (UINT64_C(1) << 54) - 1);
	wr(CSR_PMPADDR0 + 63, 0x1234);
	ck_assert_uint_eq(rd(CSR_PMPADDR0 + 63), 0x1234);
	wr(CSR_PMPCFG0, 0xffffffffffffffff);
	ck_assert_uint_eq(rd(CSR_PMPCFG0), 0x9f9f9f9f9f9f9f9f);
	/* entry 0 is locked now: its address and configuration ignore writes */
	wr(CSR_PMPADDR0, 5);
	ck_assert_uint_eq(rd(CSR_PMPADDR0), (UINT64_C(1) << 54) - 1);
	wr(CSR_PMPCFG0, 0);
	ck_assert_uint_eq(rd(CSR_PMPCFG0), 0x9f9f9f9f9f9f9f9f);
	wr(CSR_PMPCFG0 + 14, 0x0f);
	ck_assert_uint_eq(rd(CSR_PMPCFG0 + 14), 0x0f);
	wr(0x7a0, 1);
	ck_assert_uint_eq(rd(0x7a0), 1);
	wr(0x7a1, ~UINT64_C(0));
	ck_assert_uint_eq(rd(0x7a1), 0);
	wr(0x747, 7);
	wr(0x747, 0);
	ck_assert_uint_eq(rd(0x747), 3); /* MML, MMWP are sticky */
}
END_TEST

START_TEST(test_trap_delegation)
{
	hart->mtvec = 0x80001000;
	hart->stvec = 0x80002000;
	hart->medeleg = 1u << RV_EXC_ECALL_U | 1u << RV_EXC_ILLEGAL;
	/* from U, delegated: S handler, SPP = U, SPIE = SIE, SIE cleared */
	hart->priv = RV_PRIV_U;
	hart->mstatus |= RV_MS_SIE;
	rv_hart_exception(hart, RV_EXC_ECALL_U, 0, 0x1000);
	ck_assert_uint_eq(hart->priv, RV_PRIV_S);
	ck_assert_uint_eq(hart->cpu.common.pc, 0x80002000);
	ck_assert_uint_eq(hart->sepc, 0x1000);
	ck_assert_uint_eq(hart->scause, 8);
	ck_assert(!(hart->mstatus & RV_MS_SIE));
	ck_assert(hart->mstatus & RV_MS_SPIE);
	ck_assert(!(hart->mstatus & RV_MS_SPP));
	/* from S, not delegated: M handler, MPP = S */
	rv_hart_exception(hart, RV_EXC_LOAD_PAGE, 0xdead000, 0x80002010);
	ck_assert_uint_eq(hart->priv, RV_PRIV_M);
	ck_assert_uint_eq(hart->mcause, 13);
	ck_assert_uint_eq(hart->mtval, 0xdead000);
	ck_assert_uint_eq(hart->mepc, 0x80002010);
	ck_assert_uint_eq((hart->mstatus & RV_MS_MPP) >> RV_MS_MPP_SHIFT, RV_PRIV_S);
	ck_assert_uint_eq(hart->cpu.common.pc, 0x80001000);
	/* from M: never delegated */
	rv_hart_exception(hart, RV_EXC_ILLEGAL, 0x73, 0x80001004);
	ck_assert_uint_eq(hart->priv, RV_PRIV_M);
	ck_assert_uint_eq(hart->mcause, 2);
	ck_assert_uint_eq(hart->mtval, 0x73);
	ck_assert_uint_eq((hart->mstatus & RV_MS_MPP) >> RV_MS_MPP_SHIFT, RV_PRIV_M);
	/* mret back to M keeps MPRV; mret to S clears it, MPP becomes U, MPIE 1 */
	hart->mstatus |= RV_MS_MPRV | RV_MS_MPIE;
	hart->mepc = 0x80003000;
	rv_hart_mret(hart);
	ck_assert_uint_eq(hart->priv, RV_PRIV_M);
	ck_assert(hart->mstatus & RV_MS_MPRV);
	ck_assert(hart->mstatus & RV_MS_MIE);
	hart->mstatus = (hart->mstatus & ~RV_MS_MPP & ~RV_MS_MPIE) | (uint64_t)RV_PRIV_S
	                                                                 << RV_MS_MPP_SHIFT;
	rv_hart_mret(hart);
	ck_assert_uint_eq(hart->priv, RV_PRIV_S);
	ck_assert_uint_eq(hart->cpu.common.pc, 0x80003000);
	ck_assert(!(hart->mstatus & (RV_MS_MPRV | RV_MS_MIE | RV_MS_MPP)));
	ck_assert(hart->mstatus & RV_MS_MPIE);
	/* sret to U */
	hart->sepc = 0x4000;
	hart->mstatus &= ~(RV_MS_SPP | RV_MS_SPIE);
	hart->mstatus |= RV_MS_SIE;
	rv_hart_sret(hart);
	ck_assert_uint_eq(hart->priv, RV_PRIV_U);
	ck_assert_uint_eq(hart->cpu.common.pc, 0x4000);
	ck_assert(!(hart->mstatus & RV_MS_SIE));
	ck_assert(hart->mstatus & RV_MS_SPIE);
}
END_TEST

START_TEST(test_sys_insn_rules)
{
	hart->priv = RV_PRIV_S;
	ck_assert(!rv_hart_sys_allowed(hart, RV_SYS_MRET));
	ck_assert(rv_hart_sys_allowed(hart, RV_SYS_SRET));
	ck_assert(rv_hart_sys_allowed(hart, RV_SYS_WFI));
	hart->mstatus |= RV_MS_TSR | RV_MS_TW;
	ck_assert(!rv_hart_sys_allowed(hart, RV_SYS_SRET));
	ck_assert(!rv_hart_sys_allowed(hart, RV_SYS_WFI));
	hart->priv = RV_PRIV_M;
	ck_assert(rv_hart_sys_allowed(hart, RV_SYS_SRET));
	ck_assert(rv_hart_sys_allowed(hart, RV_SYS_WFI));
	ck_assert(rv_hart_sys_allowed(hart, RV_SYS_MRET));
	hart->priv = RV_PRIV_U;
	hart->mstatus &= ~(RV_MS_TSR | RV_MS_TW);
	ck_assert(!rv_hart_sys_allowed(hart, RV_SYS_SRET));
	ck_assert(!rv_hart_sys_allowed(hart, RV_SYS_SFENCE));
	ck_assert(!rv_hart_sys_allowed(hart, RV_SYS_WFI));
}
END_TEST

START_TEST(test_vectored)
{
	hart->mtvec = 0x80001001;
	hart->mie = RV_MIP(RV_IRQ_MTIP);
	hart->mstatus |= RV_MS_MIE;
	rv_hart_set_irq(hart, RV_IRQ_MTIP, 1);
	int irq = rv_hart_pending_irq(hart);
	ck_assert_int_eq(irq, RV_IRQ_MTIP);
	hart->cpu.common.pc = 0x80000040;
	rv_hart_interrupt(hart, (unsigned)irq);
	ck_assert_uint_eq(hart->cpu.common.pc, 0x80001000 + 4 * 7);
	ck_assert_uint_eq(hart->mcause, RV_CAUSE_INTERRUPT | 7);
	ck_assert_uint_eq(hart->mepc, 0x80000040);
	ck_assert_int_eq(rv_hart_pending_irq(hart), -1); /* MIE now clear */
	/* exceptions go to the base */
	rv_hart_exception(hart, RV_EXC_BREAKPOINT, 0, 0x80001000);
	ck_assert_uint_eq(hart->cpu.common.pc, 0x80001000);
	/* mtvec mode 2 (reserved) reads as direct */
	wr(CSR_MTVEC, 0x80004002);
	ck_assert_uint_eq(rd(CSR_MTVEC), 0x80004000);
}
END_TEST

START_TEST(test_interrupt_priority)
{
	hart->mie = RV_MIP_ALL;
	hart->mideleg = RV_MIP_S_BITS;
	hart->mip_sw = RV_MIP(RV_IRQ_SSIP) | RV_MIP(RV_IRQ_STIP);
	/* M-mode with MIE = 0: nothing, not even S-level ones */
	ck_assert_int_eq(rv_hart_pending_irq(hart), -1);
	rv_hart_set_irq(hart, RV_IRQ_MTIP, 1);
	rv_hart_set_irq(hart, RV_IRQ_MSIP, 1);
	ck_assert_int_eq(rv_hart_pending_irq(hart), -1);
	hart->mstatus |= RV_MS_MIE;
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_MSIP);
	rv_hart_set_irq(hart, RV_IRQ_MEIP, 1);
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_MEIP);
	rv_hart_set_irq(hart, RV_IRQ_MEIP, 0);
	rv_hart_set_irq(hart, RV_IRQ_MSIP, 0);
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_MTIP);
	rv_hart_set_irq(hart, RV_IRQ_MTIP, 0);
	ck_assert_int_eq(rv_hart_pending_irq(hart), -1); /* S-level never in M */
	/* S-mode: S-level ones need SIE; M-level ones always */
	hart->priv = RV_PRIV_S;
	hart->mstatus &= ~RV_MS_MIE;
	ck_assert_int_eq(rv_hart_pending_irq(hart), -1);
	hart->mstatus |= RV_MS_SIE;
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_SSIP);
	rv_hart_set_irq(hart, RV_IRQ_SEIP, 1);
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_SEIP);
	rv_hart_set_irq(hart, RV_IRQ_MTIP, 1);
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_MTIP);
	rv_hart_set_irq(hart, RV_IRQ_MTIP, 0);
	rv_hart_set_irq(hart, RV_IRQ_SEIP, 0);
	hart->mip_sw = RV_MIP(RV_IRQ_STIP);
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_STIP);
	/* U-mode: delegated ones are taken whatever SIE says */
	hart->priv = RV_PRIV_U;
	hart->mstatus &= ~RV_MS_SIE;
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_STIP);
	rv_hart_interrupt(hart, RV_IRQ_STIP);
	ck_assert_uint_eq(hart->priv, RV_PRIV_S);
	ck_assert_uint_eq(hart->scause, RV_CAUSE_INTERRUPT | 5);
	/* not delegated: an S-level interrupt goes to M */
	hart->mideleg = 0;
	hart->priv = RV_PRIV_S;
	ck_assert_int_eq(rv_hart_pending_irq(hart), RV_IRQ_STIP);
	rv_hart_interrupt(hart, RV_IRQ_STIP);
	ck_assert_uint_eq(hart->priv, RV_PRIV_M);
	ck_assert_uint_eq(hart->mcause, RV_CAUSE_INTERRUPT | 5);
}
END_TEST

START_TEST(test_vmstate_roundtrip)
{
	hart->cpu.x[5] = 55;
	hart->cpu.f[3] = 0x1234;
	hart->cpu.common.pc = 0x80000abc;
	wr(CSR_MEDELEG, 0x100);
	hart->priv = RV_PRIV_S;
	hart->satp = UINT64_C(8) << 60 | 0x80100;
	hart->stimecmp = 999;
	hart->pmpaddr[7] = 77;
	VmStateSection s = rv_hart_vmstate(hart);
	ck_assert_str_eq(s.name, "hart3");
	GByteArray *buf = g_byte_array_new();
	s.save(s.opaque, buf);
	rv_hart_reset(hart, 0, 0, 0, 0);
	ck_assert_uint_eq(hart->cpu.x[5], 0);
	VmReader in = {buf->data, buf->len, false};
	ck_assert_int_eq(s.load(s.opaque, &in), 0);
	ck_assert_uint_eq(hart->cpu.x[5], 55);
	ck_assert_uint_eq(hart->cpu.f[3], 0x1234);
	ck_assert_uint_eq(hart->cpu.common.pc, 0x80000abc);
	ck_assert_uint_eq(hart->priv, RV_PRIV_S);
	ck_assert_uint_eq(hart->medeleg, 0x100);
	ck_assert_uint_eq(hart->satp, UINT64_C(8) << 60 | 0x80100);
	ck_assert_uint_eq(hart->stimecmp, 999);
	ck_assert_uint_eq(hart->pmpaddr[7], 77);
	VmReader bad = {buf->data, buf->len - 1, false};
	ck_assert_int_eq(s.load(s.opaque, &bad), -1);
	g_byte_array_free(buf, TRUE);
}
END_TEST

Suite *rv_hart_suite(void)
{
	Suite *s = suite_create("rv_hart");
	TCase *tc = tcase_create("csr_trap");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_csr_identity);
	tcase_add_test(tc, test_mstatus_warl);
	tcase_add_test(tc, test_deleg_and_interrupt_csrs);
	tcase_add_test(tc, test_mip_seip_rmw);
	tcase_add_test(tc, test_satp_modes);
	tcase_add_test(tc, test_privilege_checks);
	tcase_add_test(tc, test_counter_enables);
	tcase_add_test(tc, test_sstc_access);
	tcase_add_test(tc, test_no_sstc);
	tcase_add_test(tc, test_pmp_and_triggers);
	tcase_add_test(tc, test_trap_delegation);
	tcase_add_test(tc, test_sys_insn_rules);
	tcase_add_test(tc, test_vectored);
	tcase_add_test(tc, test_interrupt_priority);
	tcase_add_test(tc, test_vmstate_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}

/* Interrupts from the CLINT and Sstc: mip.MTIP follows mtimecmp <= mtime; a machine
   timer interrupt is taken (mcause = 1<<63 | 7, mepc in the interrupted loop); msip
   raises a machine software interrupt (1<<63 | 3); wfi with MIE = 0 wakes when the timer
   becomes pending; an S software interrupt set in mip.SSIP is taken in S-mode when
   delegated; with menvcfg.STCE, stimecmp drives mip.STIP and a delegated S timer
   interrupt (scause = 1<<63 | 5) reaches S-mode. */
#include "common.h"

#define CSR_STIMECMP 0x14d
#define CSR_MENVCFG 0x30a
#define TIMEOUT 50000000UL /* 5 s at 10 MHz */

static volatile u64 m_irq_cause, m_irq_count, m_irq_time, s_irq_cause, s_irq_count;

static int m_irq(struct frame *f, u64 cause, u64 tval)
{
	(void)f;
	(void)tval;
	if (!(cause & CAUSE_INTR))
		return 0;
	m_irq_cause = cause;
	m_irq_count++;
	m_irq_time = rdtime_mmio();
	if (cause == (CAUSE_INTR | IRQ_MTI))
		mmio_write64(CLINT_MTIMECMP, ~0UL);
	else if (cause == (CAUSE_INTR | IRQ_MSI))
		mmio_write32(CLINT_MSIP, 0);
	else
		csr_write(mie, 0);
	return 1;
}

static int s_irq(struct frame *f, u64 cause, u64 tval)
{
	(void)f;
	(void)tval;
	if (!(cause & CAUSE_INTR))
		return 0;
	s_irq_cause = cause;
	s_irq_count++;
	if (cause == (CAUSE_INTR | IRQ_STI))
		asm volatile("csrw 0x14d, %0" ::"r"(~0UL));
	else if (cause == (CAUSE_INTR | IRQ_SSI))
		csr_clear(sip, 1UL << IRQ_SSI);
	else
		csr_write(sie, 0);
	return 1;
}

/* S-mode: enable SIE and spin until the handler has counted an interrupt. */
static long s_wait_irq(long arg)
{
	u64 t0;
	asm volatile("rdtime %0" : "=r"(t0));
	csr_set(sstatus, MSTATUS_SIE);
	for (;;) {
		u64 t;
		asm volatile("rdtime %0" : "=r"(t));
		if (s_irq_count || t - t0 > TIMEOUT)
			break;
	}
	csr_clear(sstatus, MSTATUS_SIE);
	return arg;
}

/* S-mode: program stimecmp a little ahead, then wait */
static long s_stimer(long arg)
{
	u64 t;
	asm volatile("rdtime %0" : "=r"(t));
	asm volatile("csrw 0x14d, %0" ::"r"(t + 2000));
	csr_set(sie, 1UL << IRQ_STI);
	return s_wait_irq(arg);
}

int main(void)
{
	m_hook = m_irq;
	s_hook = s_irq;
	csr_write(mcounteren, 2); /* TM: S may read time (and, with STCE, use stimecmp) */
	mmio_write64(CLINT_MTIMECMP, ~0UL);
	mmio_write32(CLINT_MSIP, 0);

	/* MTIP follows the comparison, with interrupts off */
	CHECK(1, !(csr_read(mip) & (1UL << IRQ_MTI)));
	mmio_write64(CLINT_MTIMECMP, rdtime_mmio());
	delay_ticks(10);
	CHECK(2, csr_read(mip) & (1UL << IRQ_MTI));
	mmio_write64(CLINT_MTIMECMP, ~0UL);
	delay_ticks(10);
	CHECK(3, !(csr_read(mip) & (1UL << IRQ_MTI)));
	/* mtime advances */
	u64 a = rdtime_mmio();
	delay_ticks(100);
	CHECK(4, rdtime_mmio() > a);

	/* a machine timer interrupt */
	csr_write(mie, 1UL << IRQ_MTI);
	u64 cmp = rdtime_mmio() + 5000;
	mmio_write64(CLINT_MTIMECMP, cmp);
	csr_set(mstatus, MSTATUS_MIE);
	u64 t0 = rdtime_mmio();
	while (!m_irq_count && rdtime_mmio() - t0 < TIMEOUT)
		;
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(5, m_irq_count, 1);
	CHECK_EQ(6, m_irq_cause, CAUSE_INTR | IRQ_MTI);
	CHECK(7, m_irq_time >= cmp);

	/* a machine software interrupt */
	m_irq_count = 0;
	csr_write(mie, 1UL << IRQ_MSI);
	mmio_write32(CLINT_MSIP, 1);
	CHECK_EQ(8, mmio_read32(CLINT_MSIP) & 1, 1);
	CHECK(9, csr_read(mip) & (1UL << IRQ_MSI));
	csr_set(mstatus, MSTATUS_MIE);
	t0 = rdtime_mmio();
	while (!m_irq_count && rdtime_mmio() - t0 < TIMEOUT)
		;
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(10, m_irq_count, 1);
	CHECK_EQ(11, m_irq_cause, CAUSE_INTR | IRQ_MSI);
	CHECK(12, !(csr_read(mip) & (1UL << IRQ_MSI)));

	/* wfi wakes on a pending enabled interrupt even with MIE = 0 */
	m_irq_count = 0;
	csr_write(mie, 1UL << IRQ_MTI);
	cmp = rdtime_mmio() + 20000; /* 2 ms */
	mmio_write64(CLINT_MTIMECMP, cmp);
	t0 = rdtime_mmio();
	while (!(csr_read(mip) & (1UL << IRQ_MTI)) && rdtime_mmio() - t0 < TIMEOUT)
		asm volatile("wfi");
	CHECK(13, csr_read(mip) & (1UL << IRQ_MTI));
	CHECK(14, rdtime_mmio() >= cmp);
	CHECK_EQ(15, m_irq_count, 0);
	mmio_write64(CLINT_MTIMECMP, ~0UL);
	csr_write(mie, 0);

	/* a supervisor software interrupt, delegated */
	csr_write(mideleg, (1UL << IRQ_SSI) | (1UL << IRQ_STI));
	csr_write(mie, 1UL << IRQ_SSI);
	csr_set(mip, 1UL << IRQ_SSI);
	run_in_mode(PRV_S, s_wait_irq, 0);
	CHECK_EQ(16, s_irq_count, 1);
	CHECK_EQ(17, s_irq_cause, CAUSE_INTR | IRQ_SSI);
	CHECK(18, !(csr_read(mip) & (1UL << IRQ_SSI)));
	csr_write(mie, 0);

	/* Sstc: stimecmp from M drives STIP; then the S timer interrupt in S */
	u64 env;
	asm volatile("csrr %0, 0x30a" : "=r"(env));
	asm volatile("csrw 0x30a, %0" ::"r"(env | (1UL << 63)));
	asm volatile("csrr %0, 0x30a" : "=r"(env));
	CHECK(19, env >> 63);
	asm volatile("csrw 0x14d, %0" ::"r"(rdtime_mmio()));
	delay_ticks(10);
	CHECK(20, csr_read(mip) & (1UL << IRQ_STI));
	asm volatile("csrw 0x14d, %0" ::"r"(~0UL));
	delay_ticks(10);
	CHECK(21, !(csr_read(mip) & (1UL << IRQ_STI)));
	s_irq_count = 0;
	csr_write(mie, 1UL << IRQ_STI);
	run_in_mode(PRV_S, s_stimer, 0);
	CHECK_EQ(22, s_irq_count, 1);
	CHECK_EQ(23, s_irq_cause, CAUSE_INTR | IRQ_STI);
	CHECK_EQ(24, m_irq_count, 0);
	return 0;
}

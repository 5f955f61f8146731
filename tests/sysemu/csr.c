/* CSR behaviour: misa (MXL = 64, I M A F D C S U), mhartid, read-only CSRs trap on a
   write but not on a read-only csrrs, an unknown CSR traps, sstatus is a view of
   mstatus (S bits only), sie/sip are views of mie/mip through mideleg, mscratch and
   sscratch hold values, satp ignores an unsupported mode, mstatus.FS = Off makes FP
   instructions illegal, counters from U need mcounteren/scounteren, and the time CSR
   follows the CLINT's mtime. */
#include "common.h"

static long u_rdcycle(long arg)
{
	(void)arg;
	u64 v;
	asm volatile("rdcycle %0" : "=r"(v));
	return 7;
}

static long u_rdtime(long arg)
{
	(void)arg;
	u64 v;
	asm volatile("rdtime %0" : "=r"(v));
	return (long)v;
}

int main(u64 hartid)
{
	u64 at, v;
	u64 misa = csr_read(misa);
	CHECK_EQ(1, misa >> 62, 2);
	const char *need = "IMAFDCSU";
	for (const char *p = need; *p; p++)
		CHECK(2, misa & (1UL << (*p - 'A')));
	CHECK_EQ(3, csr_read(mhartid), hartid);
	(void)csr_read(mvendorid);
	(void)csr_read(marchid);
	(void)csr_read(mimpid);

	m_catch = 1;
	/* write to mhartid: illegal, mtval = csrrw x0, mhartid, t0 (0xf1429073) */
	reset_recs();
	asm volatile(".option push\n.option norvc\nla %0, 1f\n1: csrw mhartid, t0\n.option pop" : "=r"(at) :: "memory");
	CHECK_EQ(4, m_rec.count, 1);
	CHECK_EQ(5, m_rec.cause, EXC_ILLEGAL);
	CHECK_EQ(6, m_rec.epc, at);
	CHECK_EQ(7, m_rec.tval, 0xf1429073);
	/* csrrs with rs1 = x0 only reads: no trap */
	reset_recs();
	asm volatile("csrrs %0, mhartid, x0" : "=r"(v));
	CHECK_EQ(8, m_rec.count, 0);
	/* csrrs with a nonzero register value writes: trap */
	reset_recs();
	asm volatile("li t1, 1\ncsrrs %0, mvendorid, t1" : "=r"(v) :: "t1");
	CHECK_EQ(9, m_rec.cause, EXC_ILLEGAL);
	/* the cycle counter is read-only from its user address too */
	reset_recs();
	asm volatile("csrw cycle, zero" ::: "memory");
	CHECK_EQ(10, m_rec.cause, EXC_ILLEGAL);
	/* an unallocated CSR number (0x0ff) traps */
	reset_recs();
	asm volatile("csrr %0, 0x0ff" : "=r"(v));
	CHECK_EQ(11, m_rec.count, 1);
	CHECK_EQ(12, m_rec.cause, EXC_ILLEGAL);

	/* sstatus is a view of mstatus */
	csr_clear(mstatus, MSTATUS_SIE | MSTATUS_SUM | MSTATUS_MXR);
	csr_set(sstatus, MSTATUS_SIE);
	CHECK(13, csr_read(mstatus) & MSTATUS_SIE);
	csr_set(sstatus, MSTATUS_SUM | MSTATUS_MXR);
	CHECK_EQ(14, csr_read(mstatus) & (MSTATUS_SUM | MSTATUS_MXR), MSTATUS_SUM | MSTATUS_MXR);
	csr_clear(mstatus, MSTATUS_SIE);
	CHECK(15, !(csr_read(sstatus) & MSTATUS_SIE));
	csr_set(mstatus, MSTATUS_MPP | MSTATUS_MPIE);
	CHECK_EQ(16, csr_read(sstatus) & (MSTATUS_MPP | MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPRV), 0);
	csr_clear(mstatus, MSTATUS_MIE);
	csr_set(sstatus, MSTATUS_MIE | MSTATUS_MPRV); /* not S bits: no effect */
	CHECK_EQ(17, csr_read(mstatus) & (MSTATUS_MIE | MSTATUS_MPRV), 0);
	csr_clear(sstatus, MSTATUS_SUM | MSTATUS_MXR);
	CHECK_EQ(18, csr_read(mstatus) & (MSTATUS_SUM | MSTATUS_MXR), 0);
	/* FS appears in both, and SD summarises it */
	csr_set(mstatus, 3UL << 13);
	CHECK_EQ(19, (csr_read(sstatus) >> 13) & 3, 3);
	CHECK(20, csr_read(sstatus) >> 63);

	/* sie/sip through mideleg */
	csr_write(mie, 0);
	csr_write(mideleg, (1UL << IRQ_STI) | (1UL << IRQ_SSI));
	csr_write(sie, ~0UL);
	CHECK_EQ(21, csr_read(mie), (1UL << IRQ_STI) | (1UL << IRQ_SSI));
	CHECK_EQ(22, csr_read(sie), (1UL << IRQ_STI) | (1UL << IRQ_SSI));
	csr_write(mie, (1UL << IRQ_SEI) | (1UL << IRQ_STI));
	CHECK_EQ(23, csr_read(sie), 1UL << IRQ_STI);
	csr_write(mie, 0);
	csr_set(sip, 1UL << IRQ_SSI);
	CHECK(24, csr_read(mip) & (1UL << IRQ_SSI));
	CHECK(25, csr_read(sip) & (1UL << IRQ_SSI));
	csr_clear(sip, 1UL << IRQ_SSI);
	CHECK(26, !(csr_read(mip) & (1UL << IRQ_SSI)));
	csr_write(mideleg, 0);

	/* scratch registers */
	csr_write(mscratch, 0x0123456789abcdefUL);
	csr_write(sscratch, 0xfedcba9876543210UL);
	CHECK_EQ(27, csr_read(mscratch), 0x0123456789abcdefUL);
	CHECK_EQ(28, csr_swap(sscratch, 5), 0xfedcba9876543210UL);
	CHECK_EQ(29, csr_read(sscratch), 5);

	/* satp: Sv39 (8) is kept, an unsupported mode (5) leaves it unchanged */
	csr_write(satp, (8UL << 60) | 0x80123);
	CHECK_EQ(30, csr_read(satp), (8UL << 60) | 0x80123);
	csr_write(satp, (5UL << 60) | 0x80456);
	CHECK_EQ(31, csr_read(satp), (8UL << 60) | 0x80123);
	csr_write(satp, 0);
	CHECK_EQ(32, csr_read(satp), 0);

	/* FS = Off: FP instructions are illegal; back on, they work and mark FS dirty */
	csr_clear(mstatus, 3UL << 13);
	reset_recs();
	asm volatile("fmv.d.x ft0, zero" ::: "memory");
	CHECK_EQ(33, m_rec.cause, EXC_ILLEGAL);
	reset_recs();
	asm volatile("csrr %0, fcsr" : "=r"(v));
	CHECK_EQ(34, m_rec.cause, EXC_ILLEGAL);
	csr_set(mstatus, 1UL << 13);
	reset_recs();
	asm volatile("fmv.d.x ft0, zero" ::: "memory");
	CHECK_EQ(35, m_rec.count, 0);
	CHECK_EQ(36, (csr_read(mstatus) >> 13) & 3, 3);

	/* counters from U */
	csr_write(mcounteren, 0);
	csr_write(scounteren, 0);
	reset_recs();
	run_in_mode(PRV_U, u_rdcycle, 0);
	CHECK_EQ(37, m_rec.cause, EXC_ILLEGAL);
	csr_write(mcounteren, 7);
	csr_write(scounteren, 7);
	reset_recs();
	CHECK_EQ(38, run_in_mode(PRV_U, u_rdcycle, 0), 7);
	CHECK_EQ(39, m_rec.count, 0);
	/* time CSR follows mtime */
	u64 m0 = rdtime_mmio();
	u64 t = (u64)run_in_mode(PRV_U, u_rdtime, 0);
	u64 m1 = rdtime_mmio();
	CHECK(40, t >= m0 && t <= m1);
	asm volatile("rdtime %0" : "=r"(t));
	CHECK(41, t >= m1);
	return 0;
}

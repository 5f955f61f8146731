/* Delegation to S-mode and the trap/return status stacks: medeleg/mideleg writable
   bits; a delegated U ecall and a delegated S illegal
   instruction reach stvec with scause, sepc, stval and sstatus.SPP/SPIE right and leave
   M-mode untouched; an undelegated one still goes to M; mret pops MPIE into MIE, sets
   MPIE and MPP = U; sret pops SPIE/SPP the same
   way; sret from U, mret from S, and sret with mstatus.TSR trap as illegal. */
#include "common.h"

static long u_ecall(long arg)
{
	register long a7 asm("a7") = 0;
	asm volatile("ecall" : "+r"(a7) :: "memory");
	return arg + 1;
}

static long s_illegal(long arg)
{
	asm volatile(".word 0x0000000b" ::: "memory");
	return arg;
}

static long u_illegal(long arg)
{
	asm volatile(".word 0x0000000b" ::: "memory");
	return arg;
}

static volatile u64 after_sret_status, after_sret_ok;

/* S-mode: sret to S with SPP = S, SPIE = 1, SIE = 0; afterwards SIE = 1, SPIE = 1,
   SPP = U. */
static long s_sret_stack(long arg)
{
	u64 target;
	csr_set(sstatus, MSTATUS_SPP | MSTATUS_SPIE);
	csr_clear(sstatus, MSTATUS_SIE);
	asm volatile("la %0, 1f" : "=r"(target));
	csr_write(sepc, target);
	asm volatile("sret\n1:" ::: "memory");
	after_sret_status = csr_read(sstatus);
	after_sret_ok = 1;
	csr_clear(sstatus, MSTATUS_SIE);
	return arg;
}

static long u_sret(long arg)
{
	asm volatile("sret" ::: "memory");
	return arg;
}

static long s_mret(long arg)
{
	asm volatile("mret" ::: "memory");
	return arg;
}

static long s_sret_plain(long arg)
{
	u64 target;
	csr_set(sstatus, MSTATUS_SPP);
	asm volatile("la %0, 1f" : "=r"(target));
	csr_write(sepc, target);
	asm volatile("sret\n1:" ::: "memory");
	return arg;
}

int main(void)
{
	/* writable delegation bits */
	csr_write(medeleg, ~0UL);
	u64 med = csr_read(medeleg);
	CHECK(1, med & (1UL << EXC_ECALL_U));
	CHECK(2, med & (1UL << EXC_LOAD_PAGE));
	CHECK(3, med & (1UL << EXC_ILLEGAL));
	csr_write(mideleg, ~0UL);
	u64 mid = csr_read(mideleg);
	CHECK_EQ(5, mid & 0x222, 0x222);
	csr_write(medeleg, 0);
	csr_write(mideleg, 0);
	CHECK_EQ(6, csr_read(medeleg), 0);

	/* a U ecall delegated to S */
	m_catch = 1;
	s_catch = 1;
	reset_recs();
	csr_write(medeleg, 1UL << EXC_ECALL_U);
	csr_set(sstatus, MSTATUS_SIE);
	CHECK_EQ(7, run_in_mode(PRV_U, u_ecall, 5), 6);
	CHECK_EQ(8, s_rec.count, 1);
	CHECK_EQ(9, s_rec.cause, EXC_ECALL_U);
	CHECK_EQ(10, s_rec.status & MSTATUS_SPP, 0);
	CHECK(11, s_rec.status & MSTATUS_SPIE);   /* SIE was 1 in U */
	CHECK(12, !(s_rec.status & MSTATUS_SIE)); /* and cleared on entry */
	CHECK_EQ(13, m_rec.count, 0);
	csr_clear(sstatus, MSTATUS_SIE);

	/* an S illegal instruction delegated to S: SPP = S, stval = the bits */
	reset_recs();
	csr_write(medeleg, 1UL << EXC_ILLEGAL);
	run_in_mode(PRV_S, s_illegal, 0);
	CHECK_EQ(14, s_rec.count, 1);
	CHECK_EQ(15, s_rec.cause, EXC_ILLEGAL);
	CHECK_EQ(16, s_rec.tval, 0xb);
	CHECK(17, s_rec.status & MSTATUS_SPP);
	CHECK_EQ(18, m_rec.count, 0);
	/* not delegated: M takes it */
	reset_recs();
	csr_write(medeleg, 0);
	run_in_mode(PRV_U, u_illegal, 0);
	CHECK_EQ(19, m_rec.count, 1);
	CHECK_EQ(20, m_rec.cause, EXC_ILLEGAL);
	CHECK_EQ(21, s_rec.count, 0);

	/* mret to M: MIE = MPIE, MPIE = 1, MPP = U (least privileged), MPRV kept */
	u64 target, st;
	csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPP);
	csr_set(mstatus, MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV);
	asm volatile("la %0, 1f" : "=r"(target));
	csr_write(mepc, target);
	asm volatile("mret\n1:" ::: "memory");
	st = csr_read(mstatus);
	CHECK(22, st & MSTATUS_MIE);
	CHECK(23, st & MSTATUS_MPIE);
	CHECK_EQ(24, st & MSTATUS_MPP, 0);
	CHECK(25, st & MSTATUS_MPRV);
	csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPRV);
	/* mret to M with MPIE = 0: MIE becomes 0 */
	csr_set(mstatus, MSTATUS_MIE | MSTATUS_MPP);
	csr_clear(mstatus, MSTATUS_MPIE);
	asm volatile("la %0, 1f" : "=r"(target));
	csr_write(mepc, target);
	asm volatile("mret\n1:" ::: "memory");
	CHECK(26, !(csr_read(mstatus) & MSTATUS_MIE));

	/* sret's stack, in S. (Priv 1.12 also has mret/sret below M clear MPRV; QEMU 7.2
	   does not, and nothing here depends on it, so it is not checked.) */
	reset_recs();
	run_in_mode(PRV_S, s_sret_stack, 0);
	CHECK_EQ(28, after_sret_ok, 1);
	CHECK(29, after_sret_status & MSTATUS_SIE);
	CHECK(30, after_sret_status & MSTATUS_SPIE);
	CHECK_EQ(31, after_sret_status & MSTATUS_SPP, 0);

	/* sret from U, mret from S: illegal */
	reset_recs();
	run_in_mode(PRV_U, u_sret, 0);
	CHECK_EQ(32, m_rec.cause, EXC_ILLEGAL);
	reset_recs();
	run_in_mode(PRV_S, s_mret, 0);
	CHECK_EQ(33, m_rec.cause, EXC_ILLEGAL);
	/* sret in S with TSR: illegal */
	reset_recs();
	csr_set(mstatus, 1UL << 22);
	run_in_mode(PRV_S, s_sret_plain, 0);
	CHECK_EQ(34, m_rec.count, 1);
	CHECK_EQ(35, m_rec.cause, EXC_ILLEGAL);
	csr_clear(mstatus, 1UL << 22);
	reset_recs();
	run_in_mode(PRV_S, s_sret_plain, 0);
	CHECK_EQ(36, m_rec.count, 0);
	return 0;
}

/*
 * Traps of a riscv64 hart, from the privileged spec: synchronous exceptions and
 * interrupts enter M-mode, or S-mode when the hart runs below M and medeleg/mideleg
 * delegates the cause; entry saves the interrupt enable in xPIE, clears xIE, saves the
 * privilege in xPP and jumps to xtvec (base + 4 * cause for interrupts in vectored
 * mode). mret/sret undo that, and clear MPRV when they leave M-mode.
 *
 * Interrupt selection: those destined for M-mode (not delegated) come before those
 * destined for S-mode; an M-level one is enabled below M always and in M when
 * mstatus.MIE, an S-level one in U always and in S when mstatus.SIE, never in M.
 * Within each level the order is MEI, MSI, MTI, SEI, SSI, STI.
 */
#include "sysemu/riscv64/hart_int.h"

void rv_hart_set_priv(RvHart *h, unsigned priv)
{
	if (priv == h->priv)
		return;
	if (priv == RV_PRIV_M || h->priv == RV_PRIV_M)
		h->forget_jumps = true;
	h->priv = priv;
	rv_mmu_flush(h);
}

static uint64_t rv_mstatus_set(uint64_t ms, uint64_t bit, bool on)
{
	return on ? ms | bit : ms & ~bit;
}

static void rv_trap_enter(RvHart *h, uint64_t cause, uint64_t tval, uint64_t epc, bool to_s)
{
	uint64_t ms = h->mstatus, tvec;
	if (to_s) {
		h->scause = cause;
		h->sepc = epc & ~UINT64_C(1);
		h->stval = tval;
		ms = rv_mstatus_set(ms, RV_MS_SPIE, ms & RV_MS_SIE);
		ms = rv_mstatus_set(ms, RV_MS_SPP, h->priv == RV_PRIV_S);
		ms &= ~RV_MS_SIE;
		tvec = h->stvec;
	} else {
		h->mcause = cause;
		h->mepc = epc & ~UINT64_C(1);
		h->mtval = tval;
		ms = rv_mstatus_set(ms, RV_MS_MPIE, ms & RV_MS_MIE);
		ms = (ms & ~RV_MS_MPP) | (uint64_t)h->priv << RV_MS_MPP_SHIFT;
		ms &= ~RV_MS_MIE;
		tvec = h->mtvec;
	}
	h->mstatus = ms;
	rv_hart_set_priv(h, to_s ? RV_PRIV_S : RV_PRIV_M);
	uint64_t base = tvec & ~UINT64_C(3);
	if ((tvec & 1) && (cause & RV_CAUSE_INTERRUPT))
		base += 4 * (cause & ~RV_CAUSE_INTERRUPT);
	h->cpu.common.pc = base;
	h->wfi = false;
}

void rv_hart_exception(RvHart *h, uint64_t cause, uint64_t tval, uint64_t epc)
{
	bool to_s = h->priv <= RV_PRIV_S && (h->medeleg >> cause & 1);
	rv_trap_enter(h, cause, tval, epc, to_s);
}

void rv_hart_interrupt(RvHart *h, unsigned irq)
{
	bool to_s = h->priv <= RV_PRIV_S && (h->mideleg >> irq & 1);
	rv_trap_enter(h, RV_CAUSE_INTERRUPT | irq, 0, h->cpu.common.pc, to_s);
}

static const uint8_t rv_irq_order[] = {RV_IRQ_MEIP, RV_IRQ_MSIP, RV_IRQ_MTIP,
                                       RV_IRQ_SEIP, RV_IRQ_SSIP, RV_IRQ_STIP};

static int rv_highest(uint64_t set)
{
	for (size_t i = 0; i < sizeof rv_irq_order; i++)
		if (set >> rv_irq_order[i] & 1)
			return rv_irq_order[i];
	return -1;
}

int rv_hart_pending_irq(RvHart *h)
{
	uint64_t pending = rv_hart_mip(h) & h->mie;
	if (!pending)
		return -1;
	bool m_on = h->priv < RV_PRIV_M || (h->mstatus & RV_MS_MIE);
	bool s_on = h->priv < RV_PRIV_S || (h->priv == RV_PRIV_S && (h->mstatus & RV_MS_SIE));
	uint64_t m_set = m_on ? pending & ~h->mideleg : 0;
	if (m_set)
		return rv_highest(m_set);
	return s_on ? rv_highest(pending & h->mideleg) : -1;
}

void rv_hart_mret(RvHart *h)
{
	uint64_t ms = h->mstatus;
	unsigned mpp = (unsigned)((ms & RV_MS_MPP) >> RV_MS_MPP_SHIFT);
	ms = rv_mstatus_set(ms, RV_MS_MIE, ms & RV_MS_MPIE);
	ms |= RV_MS_MPIE;
	ms &= ~RV_MS_MPP;
	if (mpp != RV_PRIV_M)
		ms &= ~RV_MS_MPRV;
	h->mstatus = ms;
	rv_mmu_flush(h);
	rv_hart_set_priv(h, mpp);
	h->cpu.common.pc = h->mepc;
}

void rv_hart_sret(RvHart *h)
{
	uint64_t ms = h->mstatus;
	unsigned spp = ms & RV_MS_SPP ? RV_PRIV_S : RV_PRIV_U;
	ms = rv_mstatus_set(ms, RV_MS_SIE, ms & RV_MS_SPIE);
	ms |= RV_MS_SPIE;
	ms &= ~(RV_MS_SPP | RV_MS_MPRV);
	h->mstatus = ms;
	rv_mmu_flush(h);
	rv_hart_set_priv(h, spp);
	h->cpu.common.pc = h->sepc;
}

/* mret in M only; sret in M, or in S without TSR; wfi in M, or in S without TW (U-mode
 * wfi never completes in a bounded time here); sfence.vma in M, or in S without TVM. */
bool rv_hart_sys_allowed(RvHart *h, RvSysOp op)
{
	/* the mstatus bit that makes op trap in S-mode */
	static const uint64_t s_trap[] = {
	    [RV_SYS_SRET] = RV_MS_TSR, [RV_SYS_WFI] = RV_MS_TW, [RV_SYS_SFENCE] = RV_MS_TVM};
	if (op == RV_SYS_NONE)
		return false;
	if (h->priv == RV_PRIV_M)
		return true;
	if (h->priv == RV_PRIV_U || op == RV_SYS_MRET)
		return false;
	return !(h->mstatus & s_trap[op]);
}

void rv_hart_raise(RvHart *h, uint64_t cause, uint64_t tval)
{
	h->exc_pending = true;
	h->exc_cause = cause;
	h->exc_tval = tval;
	h->cpu.common.fault_addr = tval;
	softmmu_raise(&h->cpu.common);
}

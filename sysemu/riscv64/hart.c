/*
 * A riscv64 hart's life: creation and reset, and the loop that runs it on its host
 * thread. The loop alternates between engine_run and its own work between blocks:
 * completing mret/sret/wfi/sfence.vma recorded by translated code, parking for a pause,
 * taking a pending enabled interrupt, sleeping in wfi until an interrupt is pending
 * (mip & mie, whatever the global enables say) or a stop/pause arrives, and telling the
 * engine to forget its jump caches after the address space changed. Each engine exit
 * reason maps to one handler that turns it into the guest's trap.
 *
 * Other threads reach a hart through rv_hart_set_irq (device lines), the Sstc timer,
 * rv_hart_stop and rv_hart_pause/resume; each sets cpu.common.exit_request so the hart
 * leaves guest code at the next block boundary, and wakes it from wfi.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysemu/bus.h"
#include "sysemu/riscv64/hart_int.h"

void rv_hart_forget_jumps(RvHart *h)
{
	if (!h->forget_jumps)
		return;
	h->forget_jumps = false;
	if (h->engine)
		engine_cpu_forget_jumps(h->engine, &h->cpu.common);
}

void rv_hart_sfence(RvHart *h)
{
	if (h->sfence_all) {
		rv_mmu_flush(h);
		h->forget_jumps = true;
		return;
	}
	rv_mmu_flush_page(h, h->sfence_addr);
	if (h->engine)
		engine_cpu_forget_jumps_page(h->engine, &h->cpu.common, h->sfence_addr);
}

void rv_hart_kick(RvHart *h)
{
	__atomic_store_n(&h->cpu.common.exit_request, 1, __ATOMIC_RELEASE);
	pthread_mutex_lock(&h->lock);
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

static void rv_hart_stimer_fired(void *opaque)
{
	rv_hart_kick(opaque);
}

RvHart *rv_hart_new(const RvHartConfig *cfg)
{
	RvHart *h;
	if (posix_memalign((void **)&h, 64, sizeof *h))
		return NULL;
	memset(h, 0, sizeof *h);
	h->bus = cfg->bus;
	h->engine = cfg->engine;
	h->hartid = cfg->hartid;
	h->sstc = cfg->sstc;
	h->mmu.ops = &rv_mmu_ops;
	h->cpu.common.mmu = &h->mmu;
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->cond, NULL);
	if (h->sstc)
		h->stimer = timer_new(rv_hart_stimer_fired, h);
	if (h->bus && bus_add_code_watcher(h->bus, rv_mmu_revoke_write, h)) {
		rv_hart_free(h);
		return NULL;
	}
	rv_hart_reset(h, 0, 0, 0, 0);
	return h;
}

void rv_hart_free(RvHart *h)
{
	if (!h)
		return;
	if (h->bus)
		bus_remove_code_watcher(h->bus, h);
	if (h->stimer) {
		timer_del(h->stimer);
		timer_free(h->stimer);
	}
	pthread_cond_destroy(&h->cond);
	pthread_mutex_destroy(&h->lock);
	free(h);
}

void rv_hart_reset(RvHart *h, uint64_t pc, uint64_t a0, uint64_t a1, uint64_t a2)
{
	memset(h->cpu.x, 0, sizeof h->cpu.x);
	memset(h->cpu.f, 0, sizeof h->cpu.f);
	h->cpu.fflags = h->cpu.frm = 0;
	h->cpu.res_addr = RV_NO_RESERVATION;
	h->cpu.x[10] = a0;
	h->cpu.x[11] = a1;
	h->cpu.x[12] = a2;
	h->cpu.common.pc = pc;
	h->priv = RV_PRIV_M;
	h->mstatus = RV_MS_XL64;
	h->medeleg = h->mideleg = h->mie = h->mip_sw = 0;
	h->mtvec = h->stvec = h->mscratch = h->sscratch = h->mepc = h->sepc = 0;
	h->mcause = h->scause = h->mtval = h->stval = 0;
	h->satp = h->menvcfg = h->senvcfg = h->mseccfg = h->tselect = 0;
	h->stimecmp = UINT64_MAX;
	h->mcounteren = h->scounteren = h->mcountinhibit = 0;
	h->mcycle.offset = h->minstret.offset = -clock_ticks();
	memset(h->pmpcfg, 0, sizeof h->pmpcfg);
	memset(h->pmpaddr, 0, sizeof h->pmpaddr);
	h->exc_pending = false;
	h->sys_op = RV_SYS_NONE;
	h->wfi = false;
	h->forget_jumps = true;
	rv_mmu_flush(h);
	rv_hart_update_stimer(h);
	pthread_mutex_lock(&h->lock);
	h->stop = false;
	pthread_mutex_unlock(&h->lock);
}

void rv_hart_set_irq(void *hart, unsigned irq, int level)
{
	RvHart *h = hart;
	if (level)
		__atomic_or_fetch(&h->mip_hw, RV_MIP(irq), __ATOMIC_ACQ_REL);
	else
		__atomic_and_fetch(&h->mip_hw, ~RV_MIP(irq), __ATOMIC_ACQ_REL);
	rv_hart_kick(h);
}

/* Exit handlers: the engine's exit reason -> the guest's trap. */

static void rv_exit_none(RvHart *h)
{
}

static void rv_exit_ecall(RvHart *h)
{
	static const uint8_t causes[] = {[RV_PRIV_U] = RV_EXC_ECALL_U,
	                                 [RV_PRIV_S] = RV_EXC_ECALL_S,
	                                 [RV_PRIV_M] = RV_EXC_ECALL_M};
	rv_hart_exception(h, causes[h->priv], 0, h->cpu.common.pc - 4);
}

static void rv_exit_illegal(RvHart *h)
{
	uint64_t pc = h->cpu.common.pc;
	rv_hart_exception(h, RV_EXC_ILLEGAL, rv_fetch_insn_bits(h, pc), pc);
}

static void rv_exit_breakpoint(RvHart *h)
{
	uint64_t pc = h->cpu.common.pc;
	rv_hart_exception(h, RV_EXC_BREAKPOINT, pc, pc);
}

static void rv_exit_fetch_fault(RvHart *h)
{
	uint64_t pc = h->cpu.common.pc, tval;
	uint64_t cause = rv_fetch_fault(h, pc, &tval);
	if (cause)
		rv_hart_exception(h, cause, tval, pc);
}

/* A fault the slow paths recorded; anything else is a host fault inside guest code,
 * which system mode has no reason for: report it to the guest as an access fault. */
static void rv_exit_mem_fault(RvHart *h)
{
	uint64_t pc = h->cpu.common.pc;
	if (!h->exc_pending) {
		fprintf(stderr, "ferry: hart %u: host fault at guest pc 0x%llx\n", h->hartid,
		        (unsigned long long)pc);
		h->exc_cause = RV_EXC_LOAD_ACCESS;
		h->exc_tval = h->cpu.common.fault_addr;
	}
	h->exc_pending = false;
	rv_hart_exception(h, h->exc_cause, h->exc_tval, pc);
}

/* An executor's alignment check (LR/SC, AMO): LR is a load, the others store. */
static void rv_exit_misaligned(RvHart *h)
{
	uint64_t pc = h->cpu.common.pc;
	uint32_t insn = rv_fetch_insn_bits(h, pc);
	bool lr = (insn & 0x7f) == 0x2f && (insn >> 27) == 2;
	rv_hart_exception(h, lr ? RV_EXC_LOAD_MISALIGNED : RV_EXC_STORE_MISALIGNED,
	                  h->cpu.common.fault_addr, pc);
}

static void rv_exit_halt(RvHart *h)
{
	rv_hart_stop(h);
}

static void (*const rv_exit_handlers[CPU_EXIT_COUNT])(RvHart *h) = {
    [CPU_EXIT_NONE] = rv_exit_none,
    [CPU_EXIT_SYSCALL] = rv_exit_ecall,
    [CPU_EXIT_ILLEGAL] = rv_exit_illegal,
    [CPU_EXIT_BREAKPOINT] = rv_exit_breakpoint,
    [CPU_EXIT_FETCH_FAULT] = rv_exit_fetch_fault,
    [CPU_EXIT_MEM_FAULT] = rv_exit_mem_fault,
    [CPU_EXIT_MISALIGNED] = rv_exit_misaligned,
    [CPU_EXIT_HALT] = rv_exit_halt,
    [CPU_EXIT_INTERRUPT] = rv_exit_none,
    [CPU_EXIT_SYNC_CODE] = rv_exit_none,
    [CPU_EXIT_SYSTEM] = rv_exit_none,
};

/* Completes what translated code recorded (its pc is the instruction's). */
static void rv_hart_finish_sys_op(RvHart *h)
{
	RvSysOp op = h->sys_op;
	h->sys_op = RV_SYS_NONE;
	switch (op) {
	case RV_SYS_MRET: rv_hart_mret(h); break;
	case RV_SYS_SRET: rv_hart_sret(h); break;
	case RV_SYS_WFI:
		h->cpu.common.pc += 4;
		h->wfi = true;
		break;
	case RV_SYS_SFENCE:
		h->cpu.common.pc += 4;
		rv_hart_sfence(h);
		break;
	case RV_SYS_NONE: break;
	}
}

/* Parks while a pause is requested; true when the hart must stop. */
static bool rv_hart_park(RvHart *h)
{
	pthread_mutex_lock(&h->lock);
	while (h->pause_req && !h->stop) {
		h->paused = true;
		pthread_cond_broadcast(&h->cond);
		pthread_cond_wait(&h->cond, &h->lock);
	}
	h->paused = false;
	bool stop = h->stop;
	pthread_mutex_unlock(&h->lock);
	return stop;
}

/* wfi: sleeps until an interrupt is pending and enabled in mie, or a stop or pause. */
static void rv_hart_wait(RvHart *h)
{
	pthread_mutex_lock(&h->lock);
	while (!h->stop && !h->pause_req && !(rv_hart_mip(h) & h->mie))
		pthread_cond_wait(&h->cond, &h->lock);
	if (rv_hart_mip(h) & h->mie)
		h->wfi = false;
	pthread_mutex_unlock(&h->lock);
}

void rv_hart_run(RvHart *h)
{
	rv_current_hart = h;
	pthread_mutex_lock(&h->lock);
	h->running = true;
	pthread_mutex_unlock(&h->lock);
	for (;;) {
		__atomic_store_n(&h->cpu.common.exit_request, 0, __ATOMIC_RELEASE);
		rv_hart_finish_sys_op(h);
		if (rv_hart_park(h))
			break;
		int irq = rv_hart_pending_irq(h);
		if (irq >= 0)
			rv_hart_interrupt(h, (unsigned)irq);
		if (h->wfi) {
			rv_hart_wait(h);
			continue;
		}
		rv_hart_forget_jumps(h);
		CpuExit why = engine_run(h->engine, &h->cpu.common);
		rv_exit_handlers[why < CPU_EXIT_COUNT ? why : CPU_EXIT_ILLEGAL](h);
	}
	engine_cpu_release(h->engine, &h->cpu.common);
	pthread_mutex_lock(&h->lock);
	h->running = false;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

void rv_hart_stop(RvHart *h)
{
	pthread_mutex_lock(&h->lock);
	h->stop = true;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
	__atomic_store_n(&h->cpu.common.exit_request, 1, __ATOMIC_RELEASE);
}

void rv_hart_pause(RvHart *h)
{
	pthread_mutex_lock(&h->lock);
	h->pause_req = true;
	__atomic_store_n(&h->cpu.common.exit_request, 1, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&h->cond);
	while (h->running && !h->paused && !h->stop)
		pthread_cond_wait(&h->cond, &h->lock);
	pthread_mutex_unlock(&h->lock);
}

void rv_hart_resume(RvHart *h)
{
	pthread_mutex_lock(&h->lock);
	h->pause_req = false;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

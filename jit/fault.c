/*
 * The host fault handler behind fault.h. It runs with SA_NODEFER so that siglongjmp back
 * into the engine needs no signal-mask restore (sigsetjmp without saving the mask keeps
 * the per-block-run cost at zero system calls). Linux starts a signal handler with a
 * fresh SSE state and restores the interrupted one only on sigreturn, which siglongjmp
 * skips; the handler therefore puts the interrupted code's MXCSR back itself, since its
 * accrued exception flags may be guest state not yet folded (see guest_arch.h).
 */
#include "jit/fault.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <ucontext.h>
#include <xmmintrin.h>

static __thread CpuCommon *fault_cpu;
static __thread FaultPcMap fault_map;
static __thread const void *fault_map_opaque;

static void fault_handler(int sig, siginfo_t *info, void *uctx)
{
	CpuCommon *cpu = fault_cpu;
	if (!cpu || !cpu->fault_jmp) {
		/* Not a guest access: restore the default action and let the fault recur. */
		signal(sig, SIG_DFL);
		return;
	}
	ucontext_t *uc = uctx;
	cpu->fault_addr = (uint64_t)((uintptr_t)info->si_addr - cpu->guest_base);
	/* x86-64 page-fault error code: bit 1 set for a write access. */
	cpu->fault_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
	uint64_t pc;
	if (fault_map && fault_map(fault_map_opaque, (uintptr_t)uc->uc_mcontext.gregs[REG_RIP], &pc))
		cpu->insn_pc = pc;
	if (uc->uc_mcontext.fpregs)
		_mm_setcsr(uc->uc_mcontext.fpregs->mxcsr);
	siglongjmp(*cpu->fault_jmp, sig);
}

void fault_install(void)
{
	static int installed;
	if (installed)
		return;
	installed = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

void fault_set_cpu(CpuCommon *cpu)
{
	fault_cpu = cpu;
}

void fault_set_pc_map(FaultPcMap map, const void *opaque)
{
	fault_map = map;
	fault_map_opaque = opaque;
}

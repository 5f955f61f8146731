/*
 * Handing signals to the guest. The CPU loop calls linux_signal_deliver at its safe
 * points (after every syscall and whenever translated code was interrupted); it takes
 * queued signals the guest does not block, lowest number first, and for each one that has
 * a handler builds the ISA's rt frame (LinuxAbi.sigframe_setup) on the current or the
 * alternate stack and points the CPU at the handler, which returns through the sigreturn
 * trampoline to rt_sigreturn here. Synchronous faults take the same path at once
 * (linux_fault_signal). A syscall cut short with EINTR runs again after a handler with
 * SA_RESTART unless it is one the kernel never restarts (LINUX_SC_NORESTART). A blocking
 * host call that a signal kept from starting (safe_syscall.h) is issued again after the
 * handler whatever its flags, as the kernel does for a signal that precedes a syscall.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/linux/signal_int.h"
#include "syscall/linux/sys.h"

enum {
	ILL_ILLOPC_CODE = 1,
	TRAP_BRKPT_CODE = 1,
	BUS_ADRALN_CODE = 1,
	SEGV_MAPERR_CODE = 1,
	SEGV_ACCERR_CODE = 2,
};

void linux_signal_attach(LinuxProc *p, CpuCommon *cpu)
{
	linux_sigqueue_attach(cpu);
}

/* The action for sig as it is now (another thread may change it meanwhile). */
static LinuxSigAction action_of(LinuxProc *p, int sig)
{
	pthread_mutex_lock(&p->lock);
	LinuxSigAction act = p->sig.action[sig];
	pthread_mutex_unlock(&p->lock);
	return act;
}

/* Maps the page handlers return through. Without it (no room in the guest address space)
 * a handler's return jumps to address 0 and the guest takes a SIGSEGV. */
void linux_signal_init(LinuxProc *p)
{
	const LinuxAbi *abi = p->abi;
	if (!abi->sigreturn_code_len)
		return;
	uint64_t page = gmem_page_size(p->mem);
	int64_t addr =
	    gmem_mmap(p->mem, 0, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addr < 0)
		return;
	gmem_write(p->mem, (uint64_t)addr, abi->sigreturn_code, abi->sigreturn_code_len);
	gmem_mprotect(p->mem, (uint64_t)addr, page, PROT_READ | PROT_EXEC);
	p->sig.sigreturn_addr = (uint64_t)addr;
}

/* The stack the frame goes on: the alternate one for SA_ONSTACK handlers when it is set
 * up and not in use. 0 when the frame would overflow the alternate stack in use. */
static uint64_t frame_stack(const LinuxProc *p, const LinuxSigAction *act, uint64_t sp)
{
	const LinuxThreadSig *s = &linux_self()->sig;
	if (linux_on_altstack(s, sp) && !linux_on_altstack(s, sp - p->abi->sigframe_size))
		return 0;
	if ((act->flags & LINUX_SA_ONSTACK) && s->altstack_size && !linux_on_altstack(s, sp))
		return s->altstack_sp + s->altstack_size;
	return sp;
}

/* Enters the guest handler for si: frame, registers, then the handler's mask. */
static void enter_handler(LinuxProc *p, CpuCommon *cpu, const ConvSigInfo *si,
                          const LinuxSigAction *actp)
{
	LinuxThreadSig *s = &linux_self()->sig;
	int sig = si->signo;
	LinuxSigAction act = *actp;
	if (s->restart_pending && (act.flags & LINUX_SA_RESTART))
		p->abi->syscall_restart(cpu, s->restart_arg0);
	s->restart_pending = false;
	uint8_t info[CONV_SIGINFO_SIZE];
	conv_encode_siginfo(p->abi, si, info);
	bool own_restorer = p->abi->sigaction_restorer && (act.flags & LINUX_SA_RESTORER);
	LinuxSigFrame f = {
	    .sig = sig,
	    .siginfo = info,
	    .handler = act.handler,
	    .return_addr = own_restorer ? act.restorer : p->sig.sigreturn_addr,
	    .mask = s->restore_saved ? s->saved_mask : s->blocked,
	    .ss_sp = s->altstack_sp,
	    .ss_size = s->altstack_size,
	    .ss_flags = s->altstack_flags,
	};
	uint64_t sp = frame_stack(p, &act, p->abi->get_sp(cpu));
	if (!sp || !p->abi->sigframe_setup || p->abi->sigframe_setup(cpu, p->mem, sp, &f) < 0) {
		/* No room for the frame: the kernel's answer is a fatal SIGSEGV. */
		linux_signal_fatal(p, SIGSEGV);
	}
	s->restore_saved = false;
	if (s->altstack_flags & LINUX_SS_AUTODISARM) {
		s->altstack_sp = s->altstack_size = 0;
		s->altstack_flags = LINUX_SS_DISABLE;
	}
	if (act.flags & LINUX_SA_RESETHAND) {
		pthread_mutex_lock(&p->lock);
		p->sig.action[sig].handler = LINUX_SIG_DFL;
		linux_host_action(sig, &p->sig.action[sig]);
		pthread_mutex_unlock(&p->lock);
	}
	uint64_t self = (act.flags & LINUX_SA_NODEFER) ? 0 : LINUX_SIGBIT(sig);
	linux_set_blocked(p, s->blocked | act.mask | self);
}

static void trace_signal(const ConvSigInfo *si, const LinuxSigAction *act)
{
	if (log_on(LOG_STRACE))
		log_printf("--- signal %d (%s) si_code %d, handler 0x%" PRIx64 " ---\n", si->signo,
		           strsignal(si->signo), si->code, act->handler);
}

void linux_signal_deliver(LinuxProc *p, CpuCommon *cpu)
{
	LinuxThreadSig *s = &linux_self()->sig;
	cpu->exit_request = 0;
	/* Cleared before the queue is read: a signal queued after this sets it again. */
	s->arrived = 0;
	ConvSigInfo si;
	while (linux_sigqueue_take(~s->blocked, &si)) {
		LinuxSigAction act = action_of(p, si.signo);
		trace_signal(&si, &act);
		if (act.handler == LINUX_SIG_DFL)
			linux_signal_default(p, si.signo);
		else if (act.handler != LINUX_SIG_IGN)
			enter_handler(p, cpu, &si, &act);
	}
	s->restart_pending = false;
	if (s->restore_saved) {
		/* rt_sigsuspend woke for a signal no handler took: its mask ends here. */
		s->restore_saved = false;
		linux_set_blocked(p, s->saved_mask);
	}
}

static const struct {
	int sig, code;  /* code 0: SEGV_MAPERR or SEGV_ACCERR, from the guest's mappings */
	bool data_addr; /* si_addr is the data address (else the instruction's) */
} fault_kinds[CPU_EXIT_COUNT] = {
    [CPU_EXIT_ILLEGAL] = {SIGILL, ILL_ILLOPC_CODE, false},
    [CPU_EXIT_BREAKPOINT] = {SIGTRAP, TRAP_BRKPT_CODE, false},
    [CPU_EXIT_FETCH_FAULT] = {SIGSEGV, 0, false},
    [CPU_EXIT_MEM_FAULT] = {SIGSEGV, 0, true},
    [CPU_EXIT_MISALIGNED] = {SIGBUS, BUS_ADRALN_CODE, true},
};

void linux_fault_signal(LinuxProc *p, CpuCommon *cpu, CpuExit why)
{
	int sig = why < CPU_EXIT_COUNT ? fault_kinds[why].sig : 0;
	if (!sig)
		return; /* nothing to deliver: CPU_EXIT_NONE, HALT or INTERRUPT */
	ConvSigInfo si = {.signo = sig, .code = fault_kinds[why].code};
	si.value = fault_kinds[why].data_addr ? cpu->fault_addr : cpu->pc;
	if (!si.code)
		si.code =
		    gmem_access_ok(p->mem, si.value, 1, 0) ? SEGV_ACCERR_CODE : SEGV_MAPERR_CODE;
	if (log_on(LOG_STRACE))
		log_printf("--- signal %d (%s) at pc 0x%" PRIx64 ", address 0x%" PRIx64 " ---\n",
		           sig, strsignal(sig), cpu->pc, si.value);
	LinuxSigAction act = action_of(p, sig);
	uint64_t h = act.handler;
	/* The kernel forces a synchronous fault through: blocked or ignored, it kills. */
	if (h == LINUX_SIG_DFL || h == LINUX_SIG_IGN ||
	    (linux_self()->sig.blocked & LINUX_SIGBIT(sig)))
		linux_signal_fatal(p, sig);
	enter_handler(p, cpu, &si, &act);
}

/* Restores what the frame at the stack pointer holds, the handler's edits included, and
 * returns the restored first argument register so that writing the "result" back
 * leaves it as it was. */
int64_t sys_rt_sigreturn(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxSigFrame f;
	if (!p->abi->sigframe_restore || p->abi->sigframe_restore(cpu, p->mem, &f) < 0)
		linux_signal_fatal(p, SIGSEGV);
	linux_set_blocked(p, f.mask);
	/* Refused (EPERM) while still on the alternate stack, as in the kernel. */
	ConvStack ss = {f.ss_sp, f.ss_flags, f.ss_size};
	linux_altstack_set(p, p->abi->get_sp(cpu), &ss);
	linux_self()->sig.restart_pending = false;
	uint64_t regs[6];
	p->abi->syscall_args(cpu, regs);
	return (int64_t)regs[0];
}

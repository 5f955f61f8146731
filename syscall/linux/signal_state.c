/*
 * The guest's signal state: dispositions (rt_sigaction), the blocked mask
 * (rt_sigprocmask) and the alternate stack (sigaltstack), kept in guest terms for the
 * signal delivery that will use them. Two effects reach the host now, because they
 * change what happens to the process even without delivery: a signal the guest ignores
 * is ignored by the runner too (a SIGPIPE-ignoring program must not die of SIGPIPE), and
 * the guest's blocked mask is the runner's, so blocked signals stay pending. Signals
 * that report the runner's own faults are never ignored or blocked on the host.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { LINUX_SIG_BLOCK = 0, LINUX_SIG_UNBLOCK = 1, LINUX_SIG_SETMASK = 2 };
enum { KERNEL_SIGSET_SIZE = 8, LINUX_MINSIGSTKSZ = 2048 };

#define SIGBIT(s) ((uint64_t)1 << ((s)-1))
/* SIGKILL and SIGSTOP can be neither caught nor blocked. */
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
/* Synchronous faults the runner needs to see (guest faults arrive through them). */
#define HOST_OWNED                                                                                 \
	(SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGFPE) | SIGBIT(SIGTRAP))

void linux_sigset_to_host(uint64_t mask, sigset_t *set)
{
	sigemptyset(set);
	for (int s = 1; s <= LINUX_NSIG; s++)
		if (mask & SIGBIT(s))
			sigaddset(set, s); /* refuses the C library's reserved signals */
}

/* The host disposition mirroring the guest's: ignore when the guest ignores. */
static void sync_host_action(int sig, uint64_t handler)
{
	if (sig >= SIGRTMIN || (SIGBIT(sig) & (HOST_OWNED | UNBLOCKABLE)))
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler == (uint64_t)(uintptr_t)SIG_IGN ? SIG_IGN : SIG_DFL;
	sigaction(sig, &sa, NULL);
}

int64_t sys_rt_sigaction(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int sig = linux_int(a[0]);
	if (a[3] != KERNEL_SIGSET_SIZE || sig < 1 || sig > LINUX_NSIG)
		return -EINVAL;
	if (a[1] && (SIGBIT(sig) & UNBLOCKABLE))
		return -EINVAL;
	ConvSigAction act;
	if (a[1]) {
		int r = conv_get_sigaction(p->abi, p->mem, a[1], &act);
		if (r < 0)
			return r;
	}
	LinuxSigAction *cur = &p->sig.action[sig];
	if (a[2]) {
		ConvSigAction old = {cur->handler, cur->flags, cur->restorer, cur->mask};
		int r = conv_put_sigaction(p->abi, p->mem, a[2], &old);
		if (r < 0)
			return r;
	}
	if (a[1]) {
		*cur =
		    (LinuxSigAction){act.handler, act.flags, act.restorer, act.mask & ~UNBLOCKABLE};
		sync_host_action(sig, act.handler);
	}
	return 0;
}

static void sync_host_mask(uint64_t blocked)
{
	sigset_t set;
	linux_sigset_to_host(blocked & ~HOST_OWNED, &set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

int64_t sys_rt_sigprocmask(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[3] != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	uint64_t set = 0, old = p->sig.blocked;
	if (a[1]) {
		int r = conv_get_sigset(p->abi, p->mem, a[1], &set);
		if (r < 0)
			return r;
	}
	if (a[2]) {
		int r = conv_put_sigset(p->abi, p->mem, a[2], old);
		if (r < 0)
			return r;
	}
	if (!a[1])
		return 0;
	switch (linux_int(a[0])) {
	case LINUX_SIG_BLOCK: p->sig.blocked |= set; break;
	case LINUX_SIG_UNBLOCK: p->sig.blocked &= ~set; break;
	case LINUX_SIG_SETMASK: p->sig.blocked = set; break;
	default: return -EINVAL;
	}
	p->sig.blocked &= ~UNBLOCKABLE;
	if (p->sig.blocked != old)
		sync_host_mask(p->sig.blocked);
	return 0;
}

/* No handler runs yet, so the guest is never on its alternate stack: the checks are
 * those the kernel makes when it is not. The minimum size is the asm-generic one. */
int64_t sys_sigaltstack(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	ConvStack ss;
	if (a[0]) {
		int r = conv_get_stack(p->abi, p->mem, a[0], &ss);
		if (r < 0)
			return r;
		uint32_t mode = (uint32_t)ss.flags & ~LINUX_SS_AUTODISARM;
		if (mode != 0 && mode != LINUX_SS_DISABLE && mode != LINUX_SS_ONSTACK)
			return -EINVAL;
		if (mode != LINUX_SS_DISABLE && ss.size < LINUX_MINSIGSTKSZ)
			return -ENOMEM;
	}
	if (a[1]) {
		ConvStack old = {p->sig.altstack_sp, p->sig.altstack_flags, p->sig.altstack_size};
		int r = conv_put_stack(p->abi, p->mem, a[1], &old);
		if (r < 0)
			return r;
	}
	if (a[0]) {
		bool disable = ((uint32_t)ss.flags & ~LINUX_SS_AUTODISARM) == LINUX_SS_DISABLE;
		p->sig.altstack_sp = disable ? 0 : ss.sp;
		p->sig.altstack_size = disable ? 0 : ss.size;
		p->sig.altstack_flags =
		    disable ? LINUX_SS_DISABLE : (int)((uint32_t)ss.flags & LINUX_SS_AUTODISARM);
	}
	return 0;
}

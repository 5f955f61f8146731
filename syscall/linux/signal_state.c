/*
 * The guest's signal state: dispositions (rt_sigaction, process-wide), the blocked mask
 * (rt_sigprocmask) and the alternate stack (sigaltstack), both per thread, kept in guest
 * terms for delivery (signal_deliver.c). The host mirrors them: a guest handler is
 * stood for by the runner's recording handler, an ignored signal is ignored by the
 * runner too (a SIGPIPE-ignoring program must not die of SIGPIPE), and each guest
 * thread's blocked mask is its host thread's, so blocked signals stay pending in the
 * host kernel with their siginfo until the guest unblocks them. Signals that report the
 * runner's own faults are never ignored or blocked on the host.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/signal_int.h"
#include "syscall/linux/sys.h"

enum { LINUX_SIG_BLOCK = 0, LINUX_SIG_UNBLOCK = 1, LINUX_SIG_SETMASK = 2 };
enum { KERNEL_SIGSET_SIZE = 8, LINUX_MINSIGSTKSZ = 2048 };

void linux_sigset_to_host(uint64_t mask, sigset_t *set)
{
	sigemptyset(set);
	for (int s = 1; s <= LINUX_NSIG; s++)
		if (mask & LINUX_SIGBIT(s))
			sigaddset(set, s); /* refuses the C library's reserved signals */
}

void linux_host_mask(uint64_t guest_mask, sigset_t *set)
{
	linux_sigset_to_host(guest_mask & ~LINUX_HOST_OWNED, set);
}

void linux_set_blocked(LinuxProc *p, uint64_t mask)
{
	LinuxThreadSig *ts = &linux_self()->sig;
	mask &= ~LINUX_UNBLOCKABLE;
	if (mask == ts->blocked)
		return;
	ts->blocked = mask;
	sigset_t set;
	linux_host_mask(mask, &set);
	pthread_sigmask(SIG_SETMASK, &set, NULL);
}

void linux_set_temporary_mask(LinuxProc *p, uint64_t mask)
{
	LinuxThreadSig *ts = &linux_self()->sig;
	if (!ts->restore_saved) {
		ts->saved_mask = ts->blocked;
		ts->restore_saved = true;
	}
	linux_set_blocked(p, mask);
}

int64_t sys_rt_sigaction(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int sig = linux_int(a[0]);
	if (a[3] != KERNEL_SIGSET_SIZE || sig < 1 || sig > LINUX_NSIG)
		return -EINVAL;
	if (a[1] && (LINUX_SIGBIT(sig) & LINUX_UNBLOCKABLE))
		return -EINVAL;
	ConvSigAction act;
	if (a[1]) {
		int r = conv_get_sigaction(p->abi, p->mem, a[1], &act);
		if (r < 0)
			return r;
	}
	/* Under the process lock: the old action reported is the one replaced, and the
	 * host disposition changes with the guest's. */
	pthread_mutex_lock(&p->lock);
	LinuxSigAction *cur = &p->sig.action[sig];
	ConvSigAction old = {cur->handler, cur->flags, cur->restorer, cur->mask};
	if (a[1]) {
		*cur = (LinuxSigAction){act.handler, act.flags, act.restorer,
		                        act.mask & ~LINUX_UNBLOCKABLE};
		linux_host_action(sig, cur);
	}
	pthread_mutex_unlock(&p->lock);
	if (a[2])
		return conv_put_sigaction(p->abi, p->mem, a[2], &old);
	return 0;
}

int64_t sys_rt_sigprocmask(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[3] != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	uint64_t set = 0, old = linux_self()->sig.blocked;
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
	case LINUX_SIG_BLOCK: linux_set_blocked(p, old | set); break;
	case LINUX_SIG_UNBLOCK: linux_set_blocked(p, old & ~set); break;
	case LINUX_SIG_SETMASK: linux_set_blocked(p, set); break;
	default: return -EINVAL;
	}
	return 0;
}

/* As the kernel decides: an SS_AUTODISARM stack never counts as the current one. */
bool linux_on_altstack(const LinuxThreadSig *s, uint64_t sp)
{
	if (s->altstack_flags & LINUX_SS_AUTODISARM)
		return false;
	return s->altstack_size && sp > s->altstack_sp && sp - s->altstack_sp <= s->altstack_size;
}

int linux_altstack_set(LinuxProc *p, uint64_t sp, const ConvStack *ss)
{
	LinuxThreadSig *ts = &linux_self()->sig;
	if (linux_on_altstack(ts, sp))
		return -EPERM;
	uint32_t mode = (uint32_t)ss->flags & ~LINUX_SS_AUTODISARM;
	if (mode != 0 && mode != LINUX_SS_DISABLE && mode != LINUX_SS_ONSTACK)
		return -EINVAL;
	if (mode == LINUX_SS_DISABLE) {
		ts->altstack_sp = 0;
		ts->altstack_size = 0;
	} else {
		if (ss->size < LINUX_MINSIGSTKSZ)
			return -ENOMEM;
		ts->altstack_sp = ss->sp;
		ts->altstack_size = ss->size;
	}
	ts->altstack_flags = ss->flags;
	return 0;
}

/* The old stack is reported only when the new one was accepted, as the kernel does. */
int64_t sys_sigaltstack(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t sp = p->abi->get_sp(cpu);
	const LinuxThreadSig *s = &linux_self()->sig;
	int mode = !s->altstack_size          ? LINUX_SS_DISABLE
	           : linux_on_altstack(s, sp) ? LINUX_SS_ONSTACK
	                                      : 0;
	ConvStack old = {s->altstack_sp, mode | (int)(s->altstack_flags & LINUX_SS_AUTODISARM),
	                 s->altstack_size};
	if (a[0]) {
		ConvStack ss;
		int r = conv_get_stack(p->abi, p->mem, a[0], &ss);
		if (r == 0)
			r = linux_altstack_set(p, sp, &ss);
		if (r < 0)
			return r;
	}
	return a[1] ? conv_put_stack(p->abi, p->mem, a[1], &old) : 0;
}

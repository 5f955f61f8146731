/*
 * Waiting for signals and asking which are pending: rt_sigsuspend, rt_sigtimedwait,
 * rt_sigpending and signalfd4. A signal can be in two places: pending in the host kernel
 * (the guest blocks it, so the runner's host mask does too) or in the runner's queue
 * (signal_pending.c: accepted by the host handler, or a fault signal the runner queued).
 * Each wait checks the queue with host signals held off and then waits on the host in
 * one step that lets them in (sigsuspend, sigtimedwait), so a signal arriving in between
 * still ends the wait.
 */
#include <errno.h>
#include <signal.h>
#include <sys/signalfd.h>

#include "syscall/linux/signal_int.h"
#include "syscall/linux/sys.h"

enum { KERNEL_SIGSET_SIZE = 8 };

/* Waits with the guest's mask replaced; the handler that ends the wait gets the old mask
 * saved in its frame (restore_saved), so its rt_sigreturn ends the temporary one. */
int64_t sys_rt_sigsuspend(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[1] != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	uint64_t mask;
	int r = conv_get_sigset(p->abi, p->mem, a[0], &mask);
	if (r < 0)
		return r;
	mask &= ~LINUX_UNBLOCKABLE;
	sigset_t old, wait;
	linux_host_block_all(&old);
	linux_host_mask(mask, &wait);
	while (!(linux_sigqueue_mask() & ~mask))
		sigsuspend(&wait);
	sigprocmask(SIG_SETMASK, &old, NULL);
	linux_set_temporary_mask(p, mask);
	return -EINTR;
}

/* Signals both pending and blocked, as the kernel reports them. */
int64_t sys_rt_sigpending(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[1] != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	sigset_t host;
	sigpending(&host);
	uint64_t pending = linux_sigqueue_mask();
	for (int s = 1; s <= LINUX_NSIG; s++)
		if (sigismember(&host, s) == 1)
			pending |= LINUX_SIGBIT(s);
	return conv_put_sigset(p->abi, p->mem, a[0], pending & linux_self()->sig.blocked);
}

/* Takes one signal of `set` from the queue or, blocking them on the host meanwhile, from
 * the host kernel: the signal number, or -errno (EAGAIN on timeout, EINTR when a signal
 * outside the set has a handler to run). */
static int wait_for(const CpuCommon *cpu, uint64_t set, const struct timespec *timeout,
                    ConvSigInfo *si)
{
	sigset_t hset, old;
	linux_host_mask(set, &hset);
	sigprocmask(SIG_BLOCK, &hset, &old);
	int r = 0;
	if (!linux_sigqueue_take(set, si)) {
		siginfo_t h;
		r = sigtimedwait(&hset, &h, timeout);
		if (r > 0)
			conv_siginfo_from_host(&h, cpu->guest_base, si);
		else if (errno == EINTR && linux_sigqueue_take(set, si))
			r = 0; /* a signal of the set slipped in through the handler */
		else
			r = -errno;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r < 0 ? r : si->signo;
}

int64_t sys_rt_sigtimedwait(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[3] != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	uint64_t set;
	int r = conv_get_sigset(p->abi, p->mem, a[0], &set);
	if (r < 0)
		return r;
	struct timespec ts, *timeout = NULL;
	if (a[2]) {
		r = conv_get_timespec(p->abi, p->mem, a[2], &ts);
		if (r < 0)
			return r;
		timeout = &ts;
	}
	ConvSigInfo si;
	r = wait_for(cpu, set & ~LINUX_UNBLOCKABLE, timeout, &si);
	if (r > 0 && a[1] && conv_put_siginfo(p->abi, p->mem, a[1], &si) < 0)
		return -EFAULT;
	return r;
}

/* The host's signalfd, reading the host kernel's pending signals. struct
 * signalfd_siginfo is fixed-width fields only, so it reaches a little-endian guest
 * unchanged through read(). Fault signals the runner queues itself are not seen there. */
int64_t sys_signalfd4(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[2] != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	int flags = conv_open_flags_to_host(p->abi, (uint32_t)a[3]);
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	uint64_t mask;
	int r = conv_get_sigset(p->abi, p->mem, a[1], &mask);
	if (r < 0)
		return r;
	sigset_t set;
	linux_sigset_to_host(mask, &set);
	return linux_ret(signalfd(linux_int(a[0]), &set, flags));
}

/*
 * Calls on other processes: waitid (its siginfo through the conversion module), the
 * pidfd calls, and clone3. clone3 answers ENOSYS on purpose: the
 * C libraries (glibc's fork, posix_spawn and pthread_create, musl) then fall back to
 * clone, which fork.c implements, so there is one path for every process creation.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

/* waitid(idtype, id, infop, options, rusage): P_* ids and W* options are the same on
 * every Linux ABI. The kernel fills the siginfo even when WNOHANG finds no child (all
 * zero), so it is written back whenever the call succeeds. */
int64_t sys_waitid(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	siginfo_t h;
	struct rusage ru;
	memset(&h, 0, sizeof h);
	int64_t r = linux_blocking_syscall(SYS_waitid, linux_int(a[0]), (pid_t)linux_int(a[1]),
	                                   a[2] ? &h : NULL, linux_int(a[3]), a[4] ? &ru : NULL);
	if (r < 0)
		return r;
	if (a[2]) {
		ConvSigInfo si;
		conv_siginfo_from_host(&h, gmem_base(p->mem), &si);
		if (conv_put_siginfo(p->abi, p->mem, a[2], &si) < 0)
			return -EFAULT;
	}
	if (a[4] && conv_put_rusage(p->abi, p->mem, a[4], &ru) < 0)
		return -EFAULT;
	return r;
}

int64_t sys_clone3(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return -ENOSYS;
}

int64_t sys_pidfd_open(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(syscall(SYS_pidfd_open, (pid_t)linux_int(a[0]), (unsigned)a[1]));
}

/* pidfd_send_signal(pidfd, sig, info, flags): a supplied siginfo is converted like
 * rt_sigqueueinfo's. */
int64_t sys_pidfd_send_signal(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	siginfo_t h, *hp = NULL;
	if (a[2]) {
		ConvSigInfo si;
		int r = conv_get_siginfo(p->abi, p->mem, a[2], &si);
		if (r < 0)
			return r;
		conv_siginfo_to_host(&si, &h);
		hp = &h;
	}
	return linux_ret(
	    syscall(SYS_pidfd_send_signal, linux_int(a[0]), linux_int(a[1]), hp, (unsigned)a[3]));
}

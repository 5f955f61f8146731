/*
 * eventfd and timerfd descriptors, created and armed on the host. Their flags are the
 * guest's O_CLOEXEC / O_NONBLOCK plus bits valued alike on every ABI (EFD_SEMAPHORE,
 * TFD_TIMER_ABSTIME, TFD_TIMER_CANCEL_ON_SET); the timer values are struct itimerspec
 * through the conversion module. What read() returns from them (a u64 count) is host
 * byte order: right for little-endian guests (see conv_inotify_events_to_guest).
 */
#include <errno.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

int64_t sys_eventfd2(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int flags = conv_fd_flags_to_host(p->abi, (uint32_t)a[1], EFD_SEMAPHORE);
	if (flags < 0)
		return flags;
	return linux_ret(eventfd((unsigned)a[0], flags));
}

int64_t sys_timerfd_create(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int flags = conv_fd_flags_to_host(p->abi, (uint32_t)a[1], 0);
	if (flags < 0)
		return flags;
	return linux_ret(timerfd_create(linux_int(a[0]), flags));
}

/* The new value is read before the call and the old one written after it, as the
 * kernel does; a bad old-value pointer leaves the timer armed and returns -EFAULT. */
int64_t sys_timerfd_settime(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct itimerspec nv, old;
	int r = conv_get_itimerspec(p->abi, p->mem, a[2], &nv);
	if (r < 0)
		return r;
	if (timerfd_settime(linux_int(a[0]), linux_int(a[1]), &nv, a[3] ? &old : NULL) < 0)
		return -errno;
	return a[3] ? conv_put_itimerspec(p->abi, p->mem, a[3], &old) : 0;
}

int64_t sys_timerfd_gettime(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct itimerspec cur;
	if (timerfd_gettime(linux_int(a[0]), &cur) < 0)
		return -errno;
	return conv_put_itimerspec(p->abi, p->mem, a[1], &cur);
}

/*
 * Clocks and sleeping. CLOCK_* ids and TIMER_ABSTIME are the same on every Linux ABI;
 * the structs go through the conversion module. Sleeps use the raw host calls so an
 * interrupted sleep reports -EINTR and the remaining time the way the kernel does.
 * Interval timers too (alarm() is setitimer on the asm-generic ISAs).
 */
#include <errno.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

int64_t sys_clock_gettime(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct timespec ts;
	if (clock_gettime((clockid_t)linux_int(a[0]), &ts) < 0)
		return -errno;
	return conv_put_timespec(p->abi, p->mem, a[1], &ts);
}

int64_t sys_clock_getres(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct timespec ts;
	if (clock_getres((clockid_t)linux_int(a[0]), &ts) < 0)
		return -errno;
	return a[1] ? conv_put_timespec(p->abi, p->mem, a[1], &ts) : 0;
}

int64_t sys_gettimeofday(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct timeval tv;
	struct timezone tz;
	if (syscall(SYS_gettimeofday, &tv, &tz) < 0)
		return -errno;
	if (a[0] && conv_put_timeval(p->abi, p->mem, a[0], &tv) < 0)
		return -EFAULT;
	if (a[1] && conv_put_timezone(p->abi, p->mem, a[1], &tz) < 0)
		return -EFAULT;
	return 0;
}

/* Sleeps for the guest timespec at req; on -EINTR writes the rest to rem (if given). */
static int64_t sleep_common(LinuxProc *p, clockid_t clk, int flags, uint64_t req, uint64_t rem)
{
	struct timespec t, left = {0, 0};
	int r = conv_get_timespec(p->abi, p->mem, req, &t);
	if (r < 0)
		return r;
	int64_t ret = linux_blocking_syscall(SYS_clock_nanosleep, clk, flags, &t, &left);
	if (ret == -EINTR && rem && !(flags & TIMER_ABSTIME) &&
	    conv_put_timespec(p->abi, p->mem, rem, &left) < 0)
		return -EFAULT;
	return ret;
}

int64_t sys_nanosleep(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return sleep_common(p, CLOCK_MONOTONIC, 0, a[0], a[1]);
}

int64_t sys_clock_nanosleep(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return sleep_common(p, (clockid_t)linux_int(a[0]), linux_int(a[1]), a[2], a[3]);
}

int64_t sys_times(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct tms t;
	clock_t c = times(&t);
	if (a[0] && conv_put_tms(p->abi, p->mem, a[0], &t) < 0)
		return -EFAULT;
	return (int64_t)c;
}

/* Interval timers are the runner's own: their signals (SIGALRM, SIGVTALRM, SIGPROF)
 * reach the guest through the host like any other. A null new value disarms, as Linux
 * allows. */
int64_t sys_setitimer(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct itimerval nv = {{0, 0}, {0, 0}}, ov;
	if (a[1] && conv_get_itimerval(p->abi, p->mem, a[1], &nv) < 0)
		return -EFAULT;
	if (setitimer((__itimer_which_t)linux_int(a[0]), &nv, &ov) < 0)
		return -errno;
	return a[2] ? conv_put_itimerval(p->abi, p->mem, a[2], &ov) : 0;
}

int64_t sys_getitimer(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct itimerval v;
	if (getitimer((__itimer_which_t)linux_int(a[0]), &v) < 0)
		return -errno;
	return conv_put_itimerval(p->abi, p->mem, a[1], &v);
}

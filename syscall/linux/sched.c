/*
 * Scheduling policy, priorities and CPU placement, applied by the host kernel to the
 * runner (which is the guest process). SCHED_* policies, PRIO_* selectors and the
 * struct sched_param (one int) are the same on every ABI; CPU masks are arrays of
 * guest longs converted by the conversion module. getpriority returns the kernel's raw
 * 1..40 value, not glibc's nice, so the guest's C library does its own conversion.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { AFFINITY_MAX_BYTES = 1024 };

/* A shorter mask than the kernel's leaves the other CPUs clear; a longer one is cut to
 * the CPUs the kernel knows (which AFFINITY_MAX_BYTES covers). */
int64_t sys_sched_setaffinity(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	size_t len = a[1], w = conv_word_bytes(p->abi);
	if (len > AFFINITY_MAX_BYTES)
		len = AFFINITY_MAX_BYTES;
	len -= len % w;
	uint8_t buf[AFFINITY_MAX_BYTES];
	memset(buf, 0, sizeof buf);
	int r = conv_get_bitmap(p->abi, p->mem, a[2], buf, len);
	if (r < 0)
		return r;
	return linux_ret(syscall(SYS_sched_setaffinity, linux_int(a[0]), sizeof buf, buf));
}

/* The kernel refuses a NULL parameter or a negative pid before reading anything. */
static int get_param(LinuxProc *p, int pid, uint64_t addr, struct sched_param *sp)
{
	if (!addr || pid < 0)
		return -EINVAL;
	uint32_t prio;
	int r = conv_get_u32(p->abi, p->mem, addr, &prio);
	sp->sched_priority = (int)prio;
	return r;
}

int64_t sys_sched_setparam(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct sched_param sp;
	int r = get_param(p, linux_int(a[0]), a[1], &sp);
	return r < 0 ? r : linux_ret(syscall(SYS_sched_setparam, linux_int(a[0]), &sp));
}

int64_t sys_sched_getparam(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int pid = linux_int(a[0]);
	if (!a[1] || pid < 0)
		return -EINVAL;
	struct sched_param sp;
	if (syscall(SYS_sched_getparam, pid, &sp) < 0)
		return -errno;
	return conv_put_u32(p->abi, p->mem, a[1], (uint32_t)sp.sched_priority);
}

int64_t sys_sched_setscheduler(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int pid = linux_int(a[0]), policy = linux_int(a[1]);
	if (policy < 0)
		return -EINVAL;
	struct sched_param sp;
	int r = get_param(p, pid, a[2], &sp);
	return r < 0 ? r : linux_ret(syscall(SYS_sched_setscheduler, pid, policy, &sp));
}

int64_t sys_sched_getscheduler(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(syscall(SYS_sched_getscheduler, linux_int(a[0])));
}

int64_t sys_sched_get_priority_max(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(sched_get_priority_max(linux_int(a[0])));
}

int64_t sys_sched_get_priority_min(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(sched_get_priority_min(linux_int(a[0])));
}

int64_t sys_sched_rr_get_interval(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct timespec ts;
	if (sched_rr_get_interval(linux_int(a[0]), &ts) < 0)
		return -errno;
	return conv_put_timespec(p->abi, p->mem, a[1], &ts);
}

/* Either output may be NULL; the third argument is unused since Linux 2.6.24. */
int64_t sys_getcpu(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned c, node;
	if (syscall(SYS_getcpu, &c, &node, NULL) < 0)
		return -errno;
	if (a[0] && conv_put_u32(p->abi, p->mem, a[0], c) < 0)
		return -EFAULT;
	if (a[1] && conv_put_u32(p->abi, p->mem, a[1], node) < 0)
		return -EFAULT;
	return 0;
}

int64_t sys_getpriority(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(syscall(SYS_getpriority, linux_int(a[0]), linux_int(a[1])));
}

int64_t sys_setpriority(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(
	    syscall(SYS_setpriority, linux_int(a[0]), linux_int(a[1]), linux_int(a[2])));
}

/*
 * Process-wide calls: ending a thread or the process, uname and sysinfo, randomness,
 * set_tid_address, CPU affinity, prctl basics (the name is the thread's), personality,
 * resource usage and waiting for children.
 */
#include <errno.h>
#include <glib.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"
#include "syscall/linux/vfork.h"

enum { AFFINITY_MAX_BYTES = 1024, PERSONALITY_QUERY = 0xffffffff };

int64_t sys_exit(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	linux_vfork_child_end(p);
	linux_thread_exit(p, linux_int(a[0]));
	return 0;
}

int64_t sys_exit_group(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	linux_vfork_child_end(p);
	linux_flush_logs(p);
	_exit(linux_int(a[0]) & 0xff);
}

int64_t sys_uname(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct utsname u;
	if (uname(&u) < 0)
		return -errno;
	g_strlcpy(u.machine, p->abi->uname_machine, sizeof u.machine);
	if (p->uname_release)
		g_strlcpy(u.release, p->uname_release, sizeof u.release);
	return conv_put_utsname(p->abi, p->mem, a[0], &u);
}

int64_t sys_sysinfo(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct sysinfo si;
	if (sysinfo(&si) < 0)
		return -errno;
	return conv_put_sysinfo(p->abi, p->mem, a[0], &si);
}

/* GRND_* flags are the same on every Linux ABI. */
int64_t sys_getrandom(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (!gmem_access_ok(p->mem, a[0], a[1], PROT_WRITE))
		return -EFAULT;
	return linux_ret(getrandom(gmem_g2h(p->mem, a[0]), a[1], (unsigned)a[2]));
}

int64_t sys_set_tid_address(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	linux_self()->clear_child_tid = a[0];
	return gettid();
}

int64_t sys_sched_getaffinity(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	size_t len = a[1], w = conv_word_bytes(p->abi);
	if (len % w)
		return -EINVAL;
	if (len > AFFINITY_MAX_BYTES)
		len = AFFINITY_MAX_BYTES;
	uint8_t buf[AFFINITY_MAX_BYTES];
	int64_t n = linux_ret(syscall(SYS_sched_getaffinity, linux_int(a[0]), len, buf));
	if (n < 0)
		return n;
	int r = conv_put_bitmap(p->abi, p->mem, a[2], buf, (size_t)n);
	return r < 0 ? r : n;
}

int64_t sys_sched_yield(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(sched_yield());
}

/* prctl options whose arguments are plain integers, passed to the host as they are. */
static const int prctl_scalar[] = {
    PR_SET_PDEATHSIG,       PR_GET_DUMPABLE, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS,
    PR_GET_NO_NEW_PRIVS,    PR_GET_SECCOMP,  PR_CAPBSET_READ, PR_CAPBSET_DROP,
    PR_SET_CHILD_SUBREAPER, PR_GET_KEEPCAPS, PR_SET_KEEPCAPS,
};

static bool prctl_is_scalar(int option)
{
	for (size_t i = 0; i < sizeof prctl_scalar / sizeof prctl_scalar[0]; i++)
		if (prctl_scalar[i] == option)
			return true;
	return false;
}

int64_t sys_prctl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int option = linux_int(a[0]);
	switch (option) {
	case PR_SET_NAME: {
		char name[16];
		for (size_t i = 0; i < sizeof name; i++)
			if (gmem_read(p->mem, a[1] + i, &name[i], 1) < 0)
				return -EFAULT;
			else if (!name[i])
				break;
		name[sizeof name - 1] = 0;
		memcpy(linux_self()->comm, name, sizeof name);
		prctl(PR_SET_NAME, name);
		return 0;
	}
	case PR_GET_NAME: return gmem_write(p->mem, a[1], linux_self()->comm, 16);
	case PR_GET_PDEATHSIG:
	case PR_GET_CHILD_SUBREAPER: {
		int v;
		if (prctl(option, &v) < 0)
			return -errno;
		return conv_put_u32(p->abi, p->mem, a[1], (uint32_t)v);
	}
	case PR_SET_SECCOMP:
		/* Refused like the seccomp call (caps_ns.c says why). */
		if (log_on(LOG_UNIMP))
			log_printf("prctl PR_SET_SECCOMP cannot be applied to the translator\n");
		return -EINVAL;
	}
	if (prctl_is_scalar(option))
		return linux_ret(prctl(option, a[1], a[2], a[3], a[4]));
	if (log_on(LOG_UNIMP))
		log_printf("unimplemented prctl option %d\n", option);
	return -EINVAL;
}

/* The personality is recorded for the guest (it changes nothing in the translator). */
int64_t sys_personality(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint32_t old = p->personality;
	if ((uint32_t)a[0] != PERSONALITY_QUERY)
		p->personality = (uint32_t)a[0];
	return old;
}

int64_t sys_getrusage(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct rusage ru;
	if (getrusage(linux_int(a[0]), &ru) < 0)
		return -errno;
	return conv_put_rusage(p->abi, p->mem, a[1], &ru);
}

/* Wait status encoding and the W* options are the same on every Linux ABI. */
int64_t sys_wait4(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int status;
	struct rusage ru;
	int64_t r = linux_blocking_syscall(SYS_wait4, linux_int(a[0]), &status, linux_int(a[2]),
	                                   a[3] ? &ru : NULL);
	if (r < 0)
		return r;
	if (r > 0 && a[1] && conv_put_u32(p->abi, p->mem, a[1], (uint32_t)status) < 0)
		return -EFAULT;
	if (a[3] && conv_put_rusage(p->abi, p->mem, a[3], &ru) < 0)
		return -EFAULT;
	return r;
}

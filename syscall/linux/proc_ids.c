/*
 * Process, group and session ids and credentials. The set* calls use the raw system
 * calls: glibc's wrappers apply a change to every thread of the runner, while the guest's
 * own C library already does that per guest thread.
 */
#include <errno.h>
#include <glib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { LINUX_NGROUPS_MAX = 65536 };

/* Calls with no argument that cannot fail. */
#define GET(name)                                                                                  \
	int64_t sys_##name(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])                      \
	{                                                                                          \
		return name();                                                                     \
	}

GET(getpid)
GET(gettid)
GET(getppid)
GET(getuid)
GET(geteuid)
GET(getgid)
GET(getegid)

#define RAW1(name)                                                                                 \
	int64_t sys_##name(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])                      \
	{                                                                                          \
		return linux_ret(syscall(SYS_##name, (unsigned)a[0]));                             \
	}
#define RAW2(name)                                                                                 \
	int64_t sys_##name(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])                      \
	{                                                                                          \
		return linux_ret(syscall(SYS_##name, (unsigned)a[0], (unsigned)a[1]));             \
	}
#define RAW3(name)                                                                                 \
	int64_t sys_##name(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])                      \
	{                                                                                          \
		return linux_ret(                                                                  \
		    syscall(SYS_##name, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]));          \
	}

RAW1(setuid)
RAW1(setgid)
RAW2(setreuid)
RAW2(setregid)
RAW3(setresuid)
RAW3(setresgid)
RAW1(setfsuid)
RAW1(setfsgid)

/* getres[ug]id write three 32-bit ids. */
static int64_t put_three(LinuxProc *p, const uint64_t a[6], const unsigned v[3])
{
	for (int i = 0; i < 3; i++)
		if (conv_put_u32(p->abi, p->mem, a[i], v[i]) < 0)
			return -EFAULT;
	return 0;
}

int64_t sys_getresuid(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uid_t r, e, s;
	if (getresuid(&r, &e, &s) < 0)
		return -errno;
	return put_three(p, a, (const unsigned[3]){r, e, s});
}

int64_t sys_getresgid(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	gid_t r, e, s;
	if (getresgid(&r, &e, &s) < 0)
		return -errno;
	return put_three(p, a, (const unsigned[3]){r, e, s});
}

int64_t sys_getgroups(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int size = linux_int(a[0]);
	if (size < 0)
		return -EINVAL;
	if (size > LINUX_NGROUPS_MAX)
		size = LINUX_NGROUPS_MAX;
	gid_t *list = g_new(gid_t, size ? size : 1);
	int64_t n = linux_ret(getgroups(size, list));
	for (int64_t i = 0; size && i < n; i++)
		if (conv_put_u32(p->abi, p->mem, a[1] + 4 * (uint64_t)i, list[i]) < 0) {
			n = -EFAULT;
			break;
		}
	g_free(list);
	return n;
}

int64_t sys_setgroups(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int size = linux_int(a[0]);
	if (size < 0 || size > LINUX_NGROUPS_MAX)
		return -EINVAL;
	gid_t *list = g_new(gid_t, size ? size : 1);
	int64_t r = 0;
	for (int i = 0; i < size && r == 0; i++) {
		uint32_t g;
		r = conv_get_u32(p->abi, p->mem, a[1] + 4 * (uint64_t)i, &g);
		list[i] = g;
	}
	if (r == 0)
		r = linux_ret(syscall(SYS_setgroups, size, list));
	g_free(list);
	return r;
}

int64_t sys_getpgid(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(getpgid(linux_int(a[0])));
}

int64_t sys_setpgid(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(setpgid(linux_int(a[0]), linux_int(a[1])));
}

int64_t sys_getsid(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(getsid(linux_int(a[0])));
}

int64_t sys_setsid(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(setsid());
}

/*
 * File-system calls on names and descriptors that need no struct conversion: open,
 * close, links, permissions, ownership, times, sizes and syncing. Paths that are looked
 * up go through linux_path_get (sysroot, /proc/self/exe); names being created or removed
 * are used as the guest gave them. AT_* flags and dirfd values are the same for every
 * Linux ABI and pass unchanged.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/path.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/procfs.h"
#include "syscall/linux/sys.h"

int64_t sys_openat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[1], true, &lp);
	if (r < 0)
		return r;
	int flags = conv_open_flags_to_host(p->abi, (uint32_t)a[2]);
	int64_t ret;
	if (!linux_procfs_open(p, lp.host, flags, &ret))
		ret = linux_blocking_syscall(SYS_openat, linux_int(a[0]), lp.host, flags,
		                             (mode_t)a[3]);
	linux_path_free(&lp);
	return ret;
}

int64_t sys_close(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (linux_exec_fd_reserved(p, linux_int(a[0])))
		return -EBADF;
	return linux_ret(close(linux_int(a[0])));
}

int64_t sys_close_range(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_exec_close_range(p, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]);
}

int64_t sys_readlinkat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int64_t size = (int)a[3];
	if (size <= 0)
		return -EINVAL;
	if (!gmem_access_ok(p->mem, a[2], (uint64_t)size, PROT_WRITE))
		return -EFAULT;
	const char *raw = gmem_str(p->mem, a[1], 4096);
	if (raw && p->exe_path && linux_path_is_self_exe(raw)) {
		size_t n = strlen(p->exe_path);
		if (n > (size_t)size)
			n = (size_t)size;
		return gmem_write(p->mem, a[2], p->exe_path, n) < 0 ? -EFAULT : (int64_t)n;
	}
	LinuxPath lp;
	int r = linux_path_get(p, a[1], true, &lp);
	if (r < 0)
		return r;
	int64_t ret =
	    linux_ret(readlinkat(linux_int(a[0]), lp.host, gmem_g2h(p->mem, a[2]), (size_t)size));
	linux_path_free(&lp);
	return ret;
}

int64_t sys_faccessat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[1], true, &lp);
	if (r < 0)
		return r;
	int64_t ret = linux_ret(syscall(SYS_faccessat, linux_int(a[0]), lp.host, linux_int(a[2])));
	linux_path_free(&lp);
	return ret;
}

int64_t sys_faccessat2(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[1], true, &lp);
	if (r < 0)
		return r;
	int64_t ret = linux_ret(
	    syscall(SYS_faccessat2, linux_int(a[0]), lp.host, linux_int(a[2]), linux_int(a[3])));
	linux_path_free(&lp);
	return ret;
}

/* The calls below take one guest name, used as given. */
static int raw_path(LinuxProc *p, uint64_t addr, const char **out)
{
	LinuxPath lp;
	int r = linux_path_get(p, addr, false, &lp);
	*out = lp.host;
	return r;
}

int64_t sys_mkdirat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *path;
	int r = raw_path(p, a[1], &path);
	return r < 0 ? r : linux_ret(mkdirat(linux_int(a[0]), path, (mode_t)a[2]));
}

int64_t sys_mknodat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *path;
	int r = raw_path(p, a[1], &path);
	return r < 0
	           ? r
	           : linux_ret(mknodat(linux_int(a[0]), path, (mode_t)a[2], (dev_t)(uint32_t)a[3]));
}

int64_t sys_unlinkat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *path;
	int r = raw_path(p, a[1], &path);
	return r < 0 ? r : linux_ret(unlinkat(linux_int(a[0]), path, linux_int(a[2])));
}

int64_t sys_symlinkat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *target, *path = NULL;
	int r = raw_path(p, a[0], &target);
	if (r == 0)
		r = raw_path(p, a[2], &path);
	return r < 0 ? r : linux_ret(symlinkat(target, linux_int(a[1]), path));
}

/* Two names: (olddirfd, old, newdirfd, new). */
static int two_paths(LinuxProc *p, const uint64_t a[6], const char **from, const char **to)
{
	int r = raw_path(p, a[1], from);
	return r < 0 ? r : raw_path(p, a[3], to);
}

int64_t sys_renameat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *from, *to;
	int r = two_paths(p, a, &from, &to);
	return r < 0 ? r : linux_ret(renameat(linux_int(a[0]), from, linux_int(a[2]), to));
}

int64_t sys_renameat2(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *from, *to;
	int r = two_paths(p, a, &from, &to);
	return r < 0 ? r
	             : linux_ret(syscall(SYS_renameat2, linux_int(a[0]), from, linux_int(a[2]), to,
	                                 (unsigned)a[4]));
}

int64_t sys_linkat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *from, *to;
	int r = two_paths(p, a, &from, &to);
	return r < 0
	           ? r
	           : linux_ret(linkat(linux_int(a[0]), from, linux_int(a[2]), to, linux_int(a[4])));
}

int64_t sys_fchmod(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(fchmod(linux_int(a[0]), (mode_t)a[1]));
}

int64_t sys_fchmodat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *path;
	int r = raw_path(p, a[1], &path);
	return r < 0 ? r : linux_ret(syscall(SYS_fchmodat, linux_int(a[0]), path, (mode_t)a[2]));
}

int64_t sys_fchown(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(fchown(linux_int(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

int64_t sys_fchownat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *path;
	int r = raw_path(p, a[1], &path);
	return r < 0 ? r
	             : linux_ret(fchownat(linux_int(a[0]), path, (uid_t)a[2], (gid_t)a[3],
	                                  linux_int(a[4])));
}

/* utimensat(dirfd, path or NULL, times[2] or NULL, flags): a NULL path means dirfd
 * itself (futimens). */
int64_t sys_utimensat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct timespec ts[2];
	size_t tsz = 2 * conv_word_bytes(p->abi);
	if (a[2]) {
		int r = conv_get_timespec(p->abi, p->mem, a[2], &ts[0]);
		if (r == 0)
			r = conv_get_timespec(p->abi, p->mem, a[2] + tsz, &ts[1]);
		if (r < 0)
			return r;
	}
	LinuxPath lp = {NULL, NULL};
	if (a[1]) {
		int r = linux_path_get(p, a[1], true, &lp);
		if (r < 0)
			return r;
	}
	int64_t ret = linux_ret(
	    syscall(SYS_utimensat, linux_int(a[0]), lp.host, a[2] ? ts : NULL, linux_int(a[3])));
	linux_path_free(&lp);
	return ret;
}

int64_t sys_truncate(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[0], true, &lp);
	if (r < 0)
		return r;
	int64_t ret = linux_ret(truncate(lp.host, (off_t)a[1]));
	linux_path_free(&lp);
	return ret;
}

int64_t sys_ftruncate(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(ftruncate(linux_int(a[0]), (off_t)a[1]));
}

int64_t sys_fsync(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(fsync(linux_int(a[0])));
}

int64_t sys_fdatasync(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(fdatasync(linux_int(a[0])));
}

int64_t sys_sync(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	sync();
	return 0;
}

/* POSIX_FADV_* are the same on asm-generic and x86-64. */
int64_t sys_fadvise64(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(
	    syscall(SYS_fadvise64, linux_int(a[0]), (off_t)a[1], (off_t)a[2], linux_int(a[3])));
}

int64_t sys_fallocate(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(fallocate(linux_int(a[0]), linux_int(a[1]), (off_t)a[2], (off_t)a[3]));
}

int64_t sys_flock(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_blocking_syscall(SYS_flock, linux_int(a[0]), linux_int(a[1]));
}

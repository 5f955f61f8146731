/*
 * stat, statx and statfs: the host fills its own structs, the conversion module writes
 * the guest's (asm-generic struct stat differs from x86-64's; statx is the same layout
 * everywhere; statfs depends on the word size).
 */
#include <errno.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/path.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

int64_t sys_fstat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct stat st;
	if (fstat(linux_int(a[0]), &st) < 0)
		return -errno;
	return conv_put_stat(p->abi, p->mem, a[1], &st);
}

int64_t sys_newfstatat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[1], true, &lp);
	if (r < 0)
		return r;
	struct stat st;
	r = fstatat(linux_int(a[0]), lp.host, &st, linux_int(a[3])) < 0 ? -errno : 0;
	linux_path_free(&lp);
	return r < 0 ? r : conv_put_stat(p->abi, p->mem, a[2], &st);
}

int64_t sys_statx(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp = {NULL, NULL};
	int r = linux_path_get(p, a[1], true, &lp);
	if (r < 0)
		return r;
	struct statx stx = {0};
	r = (int)linux_ret(
	    syscall(SYS_statx, linux_int(a[0]), lp.host, linux_int(a[2]), (unsigned)a[3], &stx));
	linux_path_free(&lp);
	return r < 0 ? r : conv_put_statx(p->abi, p->mem, a[4], &stx);
}

int64_t sys_statfs(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[0], true, &lp);
	if (r < 0)
		return r;
	struct statfs sf;
	r = statfs(lp.host, &sf) < 0 ? -errno : 0;
	linux_path_free(&lp);
	return r < 0 ? r : conv_put_statfs(p->abi, p->mem, a[1], &sf);
}

int64_t sys_fstatfs(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct statfs sf;
	if (fstatfs(linux_int(a[0]), &sf) < 0)
		return -errno;
	return conv_put_statfs(p->abi, p->mem, a[1], &sf);
}

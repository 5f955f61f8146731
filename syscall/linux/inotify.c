/*
 * inotify on the host. Watched paths are looked up through the sysroot like every other
 * path, so a guest watching /etc watches the sysroot's copy when there is one. The
 * event mask bits and IN_* flags are the same on every ABI; the events read() returns
 * are host byte order, which little-endian guests read as they are (a big-endian guest
 * needs conv_inotify_events_to_guest on what it reads).
 */
#include <errno.h>
#include <sys/inotify.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/path.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

int64_t sys_inotify_init1(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int flags = conv_fd_flags_to_host(p->abi, (uint32_t)a[0], 0);
	if (flags < 0)
		return flags;
	return linux_ret(inotify_init1(flags));
}

int64_t sys_inotify_add_watch(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[1], true, &lp);
	if (r < 0)
		return r;
	int64_t ret = linux_ret(inotify_add_watch(linux_int(a[0]), lp.host, (uint32_t)a[2]));
	linux_path_free(&lp);
	return ret;
}

int64_t sys_inotify_rm_watch(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(inotify_rm_watch(linux_int(a[0]), linux_int(a[1])));
}

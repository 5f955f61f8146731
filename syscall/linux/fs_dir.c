/*
 * The working directory, the umask and directory listing. getdents64 records have the
 * same layout on every ABI; they are read into a host buffer and handed to the
 * conversion module, which fixes the byte order for big-endian guests.
 */
#include <errno.h>
#include <glib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/path.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { DIRENT_BOUNCE_MAX = 256 * 1024 };

/* The kernel's getcwd returns the length including the NUL. */
int64_t sys_getcwd(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (!gmem_access_ok(p->mem, a[0], a[1], PROT_WRITE))
		return -EFAULT;
	return linux_ret(syscall(SYS_getcwd, gmem_g2h(p->mem, a[0]), (size_t)a[1]));
}

int64_t sys_chdir(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath lp;
	int r = linux_path_get(p, a[0], false, &lp);
	return r < 0 ? r : linux_ret(chdir(lp.host));
}

int64_t sys_fchdir(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(fchdir(linux_int(a[0])));
}

int64_t sys_umask(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return umask((mode_t)a[0] & 0777);
}

int64_t sys_getdents64(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	size_t count = (unsigned)a[2];
	if (!gmem_access_ok(p->mem, a[1], count, PROT_WRITE))
		return -EFAULT;
	size_t size = count < DIRENT_BOUNCE_MAX ? count : DIRENT_BOUNCE_MAX;
	void *buf = g_malloc(size ? size : 1);
	int64_t n = linux_ret(syscall(SYS_getdents64, linux_int(a[0]), buf, size));
	if (n > 0) {
		int r = conv_put_dirents(p->abi, p->mem, a[1], buf, (size_t)n);
		if (r < 0)
			n = r;
	}
	g_free(buf);
	return n;
}

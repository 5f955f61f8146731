/*
 * Memory calls beside mapping: locking guest ranges in RAM, residency queries,
 * memfd_create, membarrier and process_vm_readv/writev. Guest ranges are checked
 * against GuestMem first (the kernel's -ENOMEM for unmapped pages), so a lock or query
 * never reaches the runner's own memory or the PROT_NONE reservation of a 32-bit
 * guest's window. MLOCK_*, MCL_*, MFD_* and MEMBARRIER_* values are the same on every
 * ABI.
 */
#include <errno.h>
#include <glib.h>
#include <linux/membarrier.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { MFD_NAME_MAX = 249, LINUX_UIO_MAXIOV = 1024 };

/* [addr, addr+len) widened to whole pages, as mlock and munlock take it: the host
 * address, or NULL with *err set when part of it is not guest memory. */
static void *lock_range(LinuxProc *p, uint64_t addr, uint64_t len, size_t *hlen, int *err)
{
	uint64_t mask = gmem_page_size(p->mem) - 1, start = addr & ~mask, end;
	*err = 0;
	if (__builtin_add_overflow(addr, len, &end) || end > UINT64_MAX - mask) {
		*err = -ENOMEM;
		return NULL;
	}
	end = (end + mask) & ~mask;
	*hlen = end - start;
	if (!gmem_access_ok(p->mem, start, *hlen, 0)) {
		*err = -ENOMEM;
		return NULL;
	}
	return gmem_g2h(p->mem, start);
}

int64_t sys_mlock(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	size_t len;
	int err;
	void *h = lock_range(p, a[0], a[1], &len, &err);
	return h ? linux_ret(mlock(h, len)) : err;
}

int64_t sys_mlock2(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if ((unsigned)a[2] & ~MLOCK_ONFAULT)
		return -EINVAL;
	size_t len;
	int err;
	void *h = lock_range(p, a[0], a[1], &len, &err);
	return h ? linux_ret(mlock2(h, len, (unsigned)a[2])) : err;
}

int64_t sys_munlock(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	size_t len;
	int err;
	void *h = lock_range(p, a[0], a[1], &len, &err);
	return h ? linux_ret(munlock(h, len)) : err;
}

/* These apply to the whole runner, which holds the guest: locking it all locks the
 * guest's memory too (and the translator's, which the guest cannot tell apart). */
int64_t sys_mlockall(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(mlockall(linux_int(a[0])));
}

int64_t sys_munlockall(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(munlockall());
}

int64_t sys_mincore(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t page = gmem_page_size(p->mem), addr = a[0], len = a[1];
	if (addr & (page - 1))
		return -EINVAL;
	if (len > UINT64_MAX - page)
		return -ENOMEM;
	uint64_t pages = (len + page - 1) / page;
	if (!gmem_access_ok(p->mem, addr, pages * page, 0))
		return -ENOMEM;
	if (!gmem_access_ok(p->mem, a[2], pages, PROT_WRITE))
		return -EFAULT;
	return linux_ret(mincore(gmem_g2h(p->mem, addr), len, gmem_g2h(p->mem, a[2])));
}

int64_t sys_memfd_create(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	const char *name = gmem_str(p->mem, a[0], MFD_NAME_MAX + 1);
	if (!name)
		return gmem_access_ok(p->mem, a[0], 1, PROT_READ) ? -EINVAL : -EFAULT;
	return linux_ret(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

/* The rseq commands need rseq, which the guest does not get (sys rseq is -ENOSYS, and
 * glibc then runs without it), so they are neither offered nor accepted. The others
 * act on the runner's threads, which are the guest's. */
#define MEMBARRIER_RSEQ                                                                            \
	(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ)

int64_t sys_membarrier(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int cmd = linux_int(a[0]);
	unsigned flags = (unsigned)a[1];
	if (cmd & MEMBARRIER_RSEQ)
		return -EINVAL;
	int64_t r = linux_ret(syscall(SYS_membarrier, cmd, flags, linux_int(a[2])));
	if (cmd == MEMBARRIER_CMD_QUERY && r > 0)
		r &= ~(int64_t)MEMBARRIER_RSEQ;
	return r;
}

/* Remote addresses are guest addresses of the target. For this process they are
 * translated and checked like local ones; another process's guest addresses equal its
 * host addresses only when guests run untranslated (base 0), so other targets are
 * supported there and refused with -EPERM otherwise. */
static int64_t process_vm(LinuxProc *p, const uint64_t a[6], bool write)
{
	int pid = linux_int(a[0]);
	uint64_t nl = a[2], nr = a[4];
	bool self = pid == getpid();
	if (nl > LINUX_UIO_MAXIOV || nr > LINUX_UIO_MAXIOV || a[5])
		return -EINVAL;
	if (!self && gmem_base(p->mem) != 0)
		return -EPERM;
	struct iovec *l = g_new(struct iovec, nl + 1), *r = g_new(struct iovec, nr + 1);
	int64_t ret =
	    conv_get_iovecs(p->abi, p->mem, a[1], (unsigned)nl, write ? PROT_READ : PROT_WRITE, l);
	if (ret == 0 && self)
		ret = conv_get_iovecs(p->abi, p->mem, a[3], (unsigned)nr,
		                      write ? PROT_WRITE : PROT_READ, r);
	else if (ret == 0)
		ret = conv_get_remote_iovecs(p->abi, p->mem, a[3], (unsigned)nr, r);
	if (ret == 0)
		ret = linux_ret(syscall(write ? SYS_process_vm_writev : SYS_process_vm_readv, pid,
		                        l, nl, r, nr, 0UL));
	g_free(l);
	g_free(r);
	return ret;
}

int64_t sys_process_vm_readv(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return process_vm(p, a, false);
}

int64_t sys_process_vm_writev(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return process_vm(p, a, true);
}

/*
 * Reading and writing descriptors and creating them (dup, pipe). Guest buffers are
 * checked against the guest map and then handed straight to the host call, so no data
 * is copied; iovec arrays are converted (their fields are guest words).
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { LINUX_IOV_MAX = 1024 };

/* The host address of a guest buffer of len bytes with access prot, or NULL. */
static void *guest_buf(LinuxProc *p, uint64_t addr, uint64_t len, int prot)
{
	if (!gmem_access_ok(p->mem, addr, len, prot))
		return NULL;
	return gmem_g2h(p->mem, addr);
}

int64_t sys_read(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	void *buf = guest_buf(p, a[1], a[2], PROT_WRITE);
	return buf ? linux_blocking_syscall(SYS_read, linux_int(a[0]), buf, a[2]) : -EFAULT;
}

int64_t sys_write(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	void *buf = guest_buf(p, a[1], a[2], PROT_READ);
	return buf ? linux_blocking_syscall(SYS_write, linux_int(a[0]), buf, a[2]) : -EFAULT;
}

int64_t sys_pread64(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	void *buf = guest_buf(p, a[1], a[2], PROT_WRITE);
	return buf ? linux_blocking_syscall(SYS_pread64, linux_int(a[0]), buf, a[2], a[3])
	           : -EFAULT;
}

int64_t sys_pwrite64(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	void *buf = guest_buf(p, a[1], a[2], PROT_READ);
	return buf ? linux_blocking_syscall(SYS_pwrite64, linux_int(a[0]), buf, a[2], a[3])
	           : -EFAULT;
}

typedef enum IovOp { IOV_READ, IOV_WRITE, IOV_PREAD, IOV_PWRITE } IovOp;

/* The vectored calls: converts the guest iovecs, then one host call. */
static int64_t do_iov(LinuxProc *p, const uint64_t a[6], IovOp op, off_t off)
{
	int cnt = linux_int(a[2]);
	if (cnt < 0 || cnt > LINUX_IOV_MAX)
		return -EINVAL;
	struct iovec *iov = g_new(struct iovec, cnt ? cnt : 1);
	bool into_guest = op == IOV_READ || op == IOV_PREAD;
	int64_t r = conv_get_iovecs(p->abi, p->mem, a[1], (unsigned)cnt,
	                            into_guest ? PROT_WRITE : PROT_READ, iov);
	int fd = linux_int(a[0]);
	if (r == 0) {
		switch (op) {
		case IOV_READ: r = linux_blocking_syscall(SYS_readv, fd, iov, cnt); break;
		case IOV_WRITE: r = linux_blocking_syscall(SYS_writev, fd, iov, cnt); break;
		case IOV_PREAD: r = linux_blocking_syscall(SYS_preadv, fd, iov, cnt, off, 0); break;
		case IOV_PWRITE:
			r = linux_blocking_syscall(SYS_pwritev, fd, iov, cnt, off, 0);
			break;
		}
	}
	g_free(iov);
	return r;
}

/* preadv/pwritev pass the offset as (low, high) words; on 64-bit guests the low word
 * holds all of it. */
static off_t split_offset(LinuxProc *p, uint64_t lo, uint64_t hi)
{
	if (p->abi->word_bits == 64)
		return (off_t)lo;
	return (off_t)((hi << 32) | (uint32_t)lo);
}

int64_t sys_readv(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_iov(p, a, IOV_READ, 0);
}

int64_t sys_writev(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_iov(p, a, IOV_WRITE, 0);
}

int64_t sys_preadv(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_iov(p, a, IOV_PREAD, split_offset(p, a[3], a[4]));
}

int64_t sys_pwritev(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_iov(p, a, IOV_PWRITE, split_offset(p, a[3], a[4]));
}

/* SEEK_* values are the same on every Linux ABI. */
int64_t sys_lseek(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(lseek(linux_int(a[0]), (off_t)a[1], linux_int(a[2])));
}

int64_t sys_dup(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(dup(linux_int(a[0])));
}

int64_t sys_dup3(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int flags = conv_open_flags_to_host(p->abi, (uint32_t)a[2]);
	return linux_ret(dup3(linux_int(a[0]), linux_int(a[1]), flags));
}

int64_t sys_pipe2(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (!gmem_access_ok(p->mem, a[0], 8, PROT_WRITE))
		return -EFAULT;
	int fds[2];
	if (pipe2(fds, conv_open_flags_to_host(p->abi, (uint32_t)a[1])) < 0)
		return -errno;
	conv_put_u32(p->abi, p->mem, a[0], (uint32_t)fds[0]);
	conv_put_u32(p->abi, p->mem, a[0] + 4, (uint32_t)fds[1]);
	return 0;
}

/*
 * Moving data between descriptors without a guest buffer: splice, tee, vmsplice,
 * sendfile, copy_file_range, and the page-cache hints sync_file_range and readahead.
 * The optional offsets are guest loff_t words (64-bit on every ABI, in the guest's byte
 * order), read before and written back after the host call as the kernel does;
 * vmsplice's iovecs go through the conversion module. SPLICE_F_*, SYNC_FILE_RANGE_* and
 * COPY_FILE_RANGE flags are the same on every ABI.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { LINUX_UIO_MAXIOV = 1024 };

/* An optional in/out loff_t: `ptr` is NULL when the guest passed none. */
typedef struct GuestOff {
	uint64_t addr;
	loff_t val;
	loff_t *ptr;
} GuestOff;

static int off_get(LinuxProc *p, uint64_t addr, GuestOff *o)
{
	o->addr = addr;
	o->ptr = NULL;
	if (!addr)
		return 0;
	uint64_t v;
	int r = conv_get_u64(p->abi, p->mem, addr, &v);
	if (r < 0)
		return r;
	o->val = (loff_t)v;
	o->ptr = &o->val;
	return 0;
}

/* Writes an updated offset back after a successful transfer. */
static int64_t off_put(LinuxProc *p, const GuestOff *o, int64_t r)
{
	if (r >= 0 && o->ptr && conv_put_u64(p->abi, p->mem, o->addr, (uint64_t)o->val) < 0)
		return -EFAULT;
	return r;
}

int64_t sys_splice(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	GuestOff in, out;
	int r = off_get(p, a[1], &in);
	if (r == 0)
		r = off_get(p, a[3], &out);
	if (r < 0)
		return r;
	int64_t n = linux_ret(
	    splice(linux_int(a[0]), in.ptr, linux_int(a[2]), out.ptr, a[4], (unsigned)a[5]));
	return off_put(p, &out, off_put(p, &in, n));
}

int64_t sys_tee(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(tee(linux_int(a[0]), linux_int(a[1]), a[2], (unsigned)a[3]));
}

/* vmsplice reads guest memory into a pipe's write end, or fills guest memory from a
 * read end: which one decides the access the buffers are checked for. */
int64_t sys_vmsplice(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int fd = linux_int(a[0]);
	uint64_t nr = a[2];
	if (nr > LINUX_UIO_MAXIOV)
		return -EINVAL;
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -EBADF;
	int prot = (fl & O_ACCMODE) == O_RDONLY ? PROT_WRITE : PROT_READ;
	struct iovec *iov = g_new(struct iovec, nr ? nr : 1);
	int64_t r = conv_get_iovecs(p->abi, p->mem, a[1], (unsigned)nr, prot, iov);
	if (r == 0)
		r = linux_ret(vmsplice(fd, iov, nr, (unsigned)a[3]));
	g_free(iov);
	return r;
}

/* The offset is an off_t on 64-bit ABIs and sendfile64's loff_t on 32-bit ones: a
 * 64-bit word either way. */
int64_t sys_sendfile(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	GuestOff off;
	int r = off_get(p, a[2], &off);
	if (r < 0)
		return r;
	int64_t n = linux_ret(sendfile(linux_int(a[0]), linux_int(a[1]), off.ptr, a[3]));
	return off_put(p, &off, n);
}

int64_t sys_copy_file_range(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	GuestOff in, out;
	int r = off_get(p, a[1], &in);
	if (r == 0)
		r = off_get(p, a[3], &out);
	if (r < 0)
		return r;
	int64_t n = linux_ret(syscall(SYS_copy_file_range, linux_int(a[0]), in.ptr, linux_int(a[2]),
	                              out.ptr, (size_t)a[4], (unsigned)a[5]));
	return off_put(p, &out, off_put(p, &in, n));
}

/* asm-generic 64-bit order: fd, offset, nbytes, flags. */
int64_t sys_sync_file_range(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(
	    sync_file_range(linux_int(a[0]), (off64_t)a[1], (off64_t)a[2], (unsigned)a[3]));
}

int64_t sys_readahead(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(readahead(linux_int(a[0]), (off64_t)a[1], a[2]));
}

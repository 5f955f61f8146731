/*
 * Extended attributes on names (looked up through the sysroot like every path, the l*
 * forms without following a final symlink) and on descriptors. Values and name lists
 * are bytes, the same on every ABI; they pass through a host buffer of at most the
 * kernel's 64 KiB limit so that only the bytes the kernel produced are written to the
 * guest (a buffer larger than the value may run into unmapped memory, as in the kernel).
 */
#include <errno.h>
#include <glib.h>
#include <linux/limits.h>
#include <sys/mman.h>
#include <sys/xattr.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/path.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

/* How the object is named: a path followed to its end, a path not followed, an fd. */
typedef enum XattrTarget { XT_PATH, XT_LINK, XT_FD } XattrTarget;

/* The attribute name: -ERANGE when empty or longer than XATTR_NAME_MAX. */
static int get_name(LinuxProc *p, uint64_t addr, const char **name)
{
	*name = gmem_str(p->mem, addr, XATTR_NAME_MAX + 1);
	if (!*name)
		return gmem_access_ok(p->mem, addr, 1, PROT_READ) ? -ERANGE : -EFAULT;
	return (*name)[0] ? 0 : -ERANGE;
}

/* The object of the call: a host path in *lp or the descriptor in *fd. */
static int get_target(LinuxProc *p, XattrTarget t, uint64_t arg, LinuxPath *lp, int *fd)
{
	lp->owned = NULL;
	*fd = linux_int(arg);
	return t == XT_FD ? 0 : linux_path_get(p, arg, true, lp);
}

static int64_t do_set(LinuxProc *p, const uint64_t a[6], XattrTarget t)
{
	const char *name;
	int r = get_name(p, a[1], &name);
	if (r < 0)
		return r;
	size_t size = a[3];
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	void *val = g_malloc(size ? size : 1);
	r = gmem_read(p->mem, a[2], val, size);
	LinuxPath lp = {NULL, NULL};
	int fd = -1;
	if (r == 0)
		r = get_target(p, t, a[0], &lp, &fd);
	int64_t ret = r;
	if (r == 0) {
		int fl = linux_int(a[4]);
		ret = linux_ret(t == XT_FD     ? fsetxattr(fd, name, val, size, fl)
		                : t == XT_LINK ? lsetxattr(lp.host, name, val, size, fl)
		                               : setxattr(lp.host, name, val, size, fl));
		linux_path_free(&lp);
	}
	g_free(val);
	return ret;
}

/* Copies a value or list the host produced to the guest buffer (size 0 asks for the
 * length only). */
static int64_t copy_out(LinuxProc *p, uint64_t addr, size_t size, const void *buf, int64_t n)
{
	if (n <= 0 || size == 0)
		return n;
	return gmem_write(p->mem, addr, buf, (size_t)n) < 0 ? -EFAULT : n;
}

static int64_t do_get(LinuxProc *p, const uint64_t a[6], XattrTarget t)
{
	const char *name;
	int r = get_name(p, a[1], &name);
	LinuxPath lp = {NULL, NULL};
	int fd = -1;
	if (r == 0)
		r = get_target(p, t, a[0], &lp, &fd);
	if (r < 0)
		return r;
	size_t size = a[3] > XATTR_SIZE_MAX ? XATTR_SIZE_MAX : a[3];
	void *buf = size ? g_malloc(size) : NULL;
	int64_t n = linux_ret(t == XT_FD     ? fgetxattr(fd, name, buf, size)
	                      : t == XT_LINK ? lgetxattr(lp.host, name, buf, size)
	                                     : getxattr(lp.host, name, buf, size));
	linux_path_free(&lp);
	n = copy_out(p, a[2], size, buf, n);
	g_free(buf);
	return n;
}

static int64_t do_list(LinuxProc *p, const uint64_t a[6], XattrTarget t)
{
	LinuxPath lp = {NULL, NULL};
	int fd = -1;
	int r = get_target(p, t, a[0], &lp, &fd);
	if (r < 0)
		return r;
	size_t size = a[2] > XATTR_LIST_MAX ? XATTR_LIST_MAX : a[2];
	char *buf = size ? g_malloc(size) : NULL;
	int64_t n = linux_ret(t == XT_FD     ? flistxattr(fd, buf, size)
	                      : t == XT_LINK ? llistxattr(lp.host, buf, size)
	                                     : listxattr(lp.host, buf, size));
	linux_path_free(&lp);
	n = copy_out(p, a[1], size, buf, n);
	g_free(buf);
	return n;
}

static int64_t do_remove(LinuxProc *p, const uint64_t a[6], XattrTarget t)
{
	const char *name;
	int r = get_name(p, a[1], &name);
	LinuxPath lp = {NULL, NULL};
	int fd = -1;
	if (r == 0)
		r = get_target(p, t, a[0], &lp, &fd);
	if (r < 0)
		return r;
	int64_t n = linux_ret(t == XT_FD     ? fremovexattr(fd, name)
	                      : t == XT_LINK ? lremovexattr(lp.host, name)
	                                     : removexattr(lp.host, name));
	linux_path_free(&lp);
	return n;
}

/* clang-format off */
#define XATTR_HANDLERS(op, call)                                                                   \
	int64_t sys_##op##xattr(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])                 \
	{ return call(p, a, XT_PATH); }                                                            \
	int64_t sys_l##op##xattr(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])                \
	{ return call(p, a, XT_LINK); }                                                            \
	int64_t sys_f##op##xattr(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])                \
	{ return call(p, a, XT_FD); }
/* clang-format on */
XATTR_HANDLERS(set, do_set)
XATTR_HANDLERS(get, do_get)
XATTR_HANDLERS(list, do_list)
XATTR_HANDLERS(remove, do_remove)

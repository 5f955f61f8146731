/*
 * Privilege, namespace and system-administration calls. Most pass to the host kernel,
 * which applies them to the runner (the guest process) and decides who may: capget and
 * capset with their fixed-layout structs, unshare and setns, chroot, pivot_root, mount
 * and umount2 (paths through the sysroot like every lookup), host and domain names,
 * syslog, reboot, acct and swap. CLONE_*, MS_*, MNT_*, SYSLOG_ACTION_* and the
 * LINUX_REBOOT_* values are the same on every ABI.
 *
 * seccomp is the exception: a filter is BPF code written against the guest's syscall
 * numbers and audit architecture, and once installed the kernel would run it on every
 * host syscall the runner makes, the translator's own included, with host numbers.
 * It cannot mean what the guest meant, so installing one (or strict mode, which would
 * leave the runner only read, write and exit) is refused with the kernel's -EINVAL
 * for an unsupported mode; the queries are answered by the host.
 */
#include <errno.h>
#include <linux/capability.h>
#include <linux/reboot.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/path.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { CAP_DATA_MAX = 2, MOUNT_DATA_MAX = 4096, SYSLOG_READ_FIRST = 2, SYSLOG_READ_LAST = 4 };

/* The number of __user_cap_data_struct entries a header version carries. */
static unsigned cap_data_count(uint32_t version)
{
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1: return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3: return 2;
	}
	return 0;
}

/* An unknown version makes the kernel store the one it prefers in the header (the
 * host did so in *h): -EINVAL, or 0 for a capget without data, which is how callers
 * ask for the version. */
static int64_t cap_end(LinuxProc *p, uint64_t hdr_addr, uint32_t asked, const ConvCapHeader *h,
                       int64_t r)
{
	if (!cap_data_count(asked) && (r == 0 || r == -EINVAL) &&
	    conv_put_cap_header(p->abi, p->mem, hdr_addr, h) < 0)
		return -EFAULT;
	return r;
}

int64_t sys_capget(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	ConvCapHeader h;
	int r = conv_get_cap_header(p->abi, p->mem, a[0], &h);
	if (r < 0)
		return r;
	uint32_t asked = h.version;
	ConvCapData d[CAP_DATA_MAX] = {0};
	int64_t ret = linux_ret(syscall(SYS_capget, &h, a[1] ? d : NULL));
	if (ret == 0 && a[1] && cap_data_count(asked))
		ret = conv_put_cap_data(p->abi, p->mem, a[1], d, cap_data_count(asked));
	return cap_end(p, a[0], asked, &h, ret);
}

int64_t sys_capset(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	ConvCapHeader h;
	int r = conv_get_cap_header(p->abi, p->mem, a[0], &h);
	if (r < 0)
		return r;
	uint32_t asked = h.version;
	ConvCapData d[CAP_DATA_MAX] = {0};
	unsigned n = cap_data_count(asked);
	if (n && (r = conv_get_cap_data(p->abi, p->mem, a[1], d, n)) < 0)
		return r;
	return cap_end(p, a[0], asked, &h, linux_ret(syscall(SYS_capset, &h, d)));
}

static int64_t seccomp_refuse(const char *what)
{
	if (log_on(LOG_UNIMP))
		log_printf("seccomp: %s cannot be applied to the translator; refused\n", what);
	return -EINVAL;
}

int64_t sys_seccomp(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned op = (unsigned)a[0], flags = (unsigned)a[1];
	switch (op) {
	case SECCOMP_SET_MODE_STRICT: return seccomp_refuse("strict mode");
	case SECCOMP_SET_MODE_FILTER: return seccomp_refuse("a guest filter");
	case SECCOMP_GET_ACTION_AVAIL: {
		uint32_t action;
		if (flags)
			return -EINVAL;
		int r = conv_get_u32(p->abi, p->mem, a[2], &action);
		return r < 0 ? r : linux_ret(syscall(SYS_seccomp, op, 0, &action));
	}
	case SECCOMP_GET_NOTIF_SIZES: {
		struct seccomp_notif_sizes s;
		if (flags)
			return -EINVAL;
		if (syscall(SYS_seccomp, op, 0, &s) < 0)
			return -errno;
		uint8_t b[6];
		conv_store(p->abi, b, 2, s.seccomp_notif);
		conv_store(p->abi, b + 2, 2, s.seccomp_notif_resp);
		conv_store(p->abi, b + 4, 2, s.seccomp_data);
		return gmem_write(p->mem, a[2], b, sizeof b);
	}
	}
	return -EINVAL;
}

/* Namespaces and sharing the runner can leave or enter without harm to itself. A new
 * user namespace needs a single-threaded caller, which the host kernel checks. */
#define UNSHARE_SAFE                                                                               \
	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUSER | CLONE_FS |     \
	 CLONE_FILES | CLONE_SYSVSEM)

int64_t sys_unshare(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned long flags = (unsigned)a[0];
	if (flags & ~(unsigned long)UNSHARE_SAFE) {
		if (log_on(LOG_UNIMP))
			log_printf("unshare: unsupported flags 0x%lx\n", flags & ~UNSHARE_SAFE);
		return -EINVAL;
	}
	return linux_ret(unshare((int)flags));
}

int64_t sys_setns(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int type = linux_int(a[1]);
	if (type & ~UNSHARE_SAFE & ~CLONE_NEWCGROUP) {
		if (log_on(LOG_UNIMP))
			log_printf("setns: unsupported namespace type 0x%x\n", type);
		return -EINVAL;
	}
	return linux_ret(setns(linux_int(a[0]), type));
}

/* A call on one looked-up path. */
static int64_t path_call(LinuxProc *p, uint64_t addr, long nr, long arg)
{
	LinuxPath lp;
	int r = linux_path_get(p, addr, true, &lp);
	if (r < 0)
		return r;
	int64_t ret = linux_ret(syscall(nr, lp.host, arg));
	linux_path_free(&lp);
	return ret;
}

int64_t sys_chroot(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return path_call(p, a[0], SYS_chroot, 0);
}

int64_t sys_umount2(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return path_call(p, a[0], SYS_umount2, linux_int(a[1]));
}

int64_t sys_swapon(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return path_call(p, a[0], SYS_swapon, linux_int(a[1]));
}

int64_t sys_swapoff(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return path_call(p, a[0], SYS_swapoff, 0);
}

/* A NULL name turns accounting off. */
int64_t sys_acct(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return a[0] ? path_call(p, a[0], SYS_acct, 0) : linux_ret(syscall(SYS_acct, NULL));
}

int64_t sys_pivot_root(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath n, o;
	int r = linux_path_get(p, a[0], true, &n);
	if (r < 0)
		return r;
	r = linux_path_get(p, a[1], true, &o);
	if (r < 0) {
		linux_path_free(&n);
		return r;
	}
	int64_t ret = linux_ret(syscall(SYS_pivot_root, n.host, o.host));
	linux_path_free(&o);
	linux_path_free(&n);
	return ret;
}

/* An optional guest string: NULL stays NULL; 0 or -EFAULT. */
static int opt_str(LinuxProc *p, uint64_t addr, size_t max, const char **out)
{
	*out = NULL;
	if (!addr)
		return 0;
	*out = gmem_str(p->mem, addr, max);
	return *out ? 0 : -EFAULT;
}

/* The source is a path for bind mounts and block devices, a free-form name otherwise;
 * only absolute names are looked up in the sysroot, which leaves "proc" or "tmpfs"
 * alone. The data page is whatever the file system parses: up to a page of it is
 * handed over when mapped, like the kernel's copy. */
int64_t sys_mount(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	LinuxPath src = {NULL, NULL}, dst;
	const char *type, *data = NULL;
	int r = opt_str(p, a[2], MOUNT_DATA_MAX, &type);
	if (r == 0 && a[4]) {
		data = gmem_str(p->mem, a[4], MOUNT_DATA_MAX);
		if (!data && gmem_access_ok(p->mem, a[4], MOUNT_DATA_MAX, PROT_READ))
			data = gmem_g2h(p->mem, a[4]);
		r = data ? 0 : -EFAULT;
	}
	if (r == 0 && a[0])
		r = linux_path_get(p, a[0], true, &src);
	if (r < 0)
		return r;
	r = linux_path_get(p, a[1], true, &dst);
	if (r < 0) {
		linux_path_free(&src);
		return r;
	}
	int64_t ret =
	    linux_ret(syscall(SYS_mount, src.host, dst.host, type, (unsigned long)a[3], data));
	linux_path_free(&dst);
	linux_path_free(&src);
	return ret;
}

static int64_t set_name(LinuxProc *p, const uint64_t a[6], long nr)
{
	char buf[65];
	size_t len = a[1];
	if (len > 64)
		return -EINVAL;
	int r = gmem_read(p->mem, a[0], buf, len);
	return r < 0 ? r : linux_ret(syscall(nr, buf, len));
}

int64_t sys_sethostname(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return set_name(p, a, SYS_sethostname);
}

int64_t sys_setdomainname(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return set_name(p, a, SYS_setdomainname);
}

/* The read actions (2, 3, 4) fill the guest buffer; the others take no buffer. */
int64_t sys_syslog(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int type = linux_int(a[0]), len = linux_int(a[2]);
	void *buf = NULL;
	if (type >= SYSLOG_READ_FIRST && type <= SYSLOG_READ_LAST && len > 0) {
		if (!gmem_access_ok(p->mem, a[1], (uint64_t)len, PROT_WRITE))
			return -EFAULT;
		buf = gmem_g2h(p->mem, a[1]);
	}
	return linux_ret(syscall(SYS_syslog, type, buf, len));
}

/* Only LINUX_REBOOT_CMD_RESTART2 has a pointer argument: the command string. */
int64_t sys_reboot(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned cmd = (unsigned)a[2];
	const char *arg = NULL;
	if (cmd == LINUX_REBOOT_CMD_RESTART2 && opt_str(p, a[3], 256, &arg) < 0)
		return -EFAULT;
	return linux_ret(syscall(SYS_reboot, linux_int(a[0]), linux_int(a[1]), cmd, arg));
}

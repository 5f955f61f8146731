/*
 * ioctl: one table line per supported request with the guest and host request numbers
 * and the shape of its argument, so a request is supported by adding a line. Requests
 * not in the table are reported under -d unimp and fail with -ENOTTY, the kernel's
 * answer for a request the device does not know.
 */
#include <errno.h>
#include <glib.h>
#include <inttypes.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

typedef enum IoctlArg {
	IA_NONE,        /* no argument */
	IA_VALUE,       /* an integer passed by value */
	IA_INT_IN,      /* pointer to an int the kernel reads */
	IA_INT_OUT,     /* pointer to an int the kernel writes */
	IA_TERMIOS_IN,  /* pointer to struct termios, read */
	IA_TERMIOS_OUT, /* pointer to struct termios, written */
	IA_WINSIZE_IN,
	IA_WINSIZE_OUT,
	IA_U64_OUT,         /* pointer to a u64 the kernel writes */
	IA_LOOP_INFO64_IN,  /* pointer to struct loop_info64, read */
	IA_LOOP_INFO64_OUT, /* pointer to struct loop_info64, written */
	IA_IFREQ_IN,        /* pointer to struct ifreq, read (the member `ifr` says) */
	IA_IFREQ_OUT,       /* pointer to struct ifreq, read and written back */
	IA_IFCONF,          /* pointer to struct ifconf and the ifreq array it names */
	IA_TIMEVAL_OUT,     /* pointer to a struct timeval (guest longs), written */
	IA_TIMESPEC_OUT,    /* pointer to a struct timespec (guest longs), written */
	IA_TIME64_OUT,      /* pointer to two s64 (a time64 timeval or timespec), written */
} IoctlArg;

typedef struct IoctlDesc {
	uint32_t guest, host;
	const char *name;
	IoctlArg arg;
	/* The request number's size field is sizeof(long) or sizeof(size_t) (the guest
	 * value is the 64-bit one), although the argument itself may be narrower. */
	bool word_sized;
	uint8_t ifr; /* IA_IFREQ_*: the ConvIfrMember the request uses */
} IoctlDesc;

/* Guest values: the asm-generic request numbers (include/uapi/asm-generic/ioctls.h),
 * which x86-64 shares. */
/* clang-format off */
#define IOC(g, name, arg) { (g), name, #name, arg, false }
#define IOCW(g, name, arg) { (g), name, #name, arg, true }
#define IFR_GET(g, name, m) { (g), name, #name, IA_IFREQ_OUT, false, (m) }
#define IFR_SET(g, name, m) { (g), name, #name, IA_IFREQ_IN, false, (m) }
/* clang-format on */
static const IoctlDesc ioctls[] = {
    IOC(0x5401, TCGETS, IA_TERMIOS_OUT),
    IOC(0x5402, TCSETS, IA_TERMIOS_IN),
    IOC(0x5403, TCSETSW, IA_TERMIOS_IN),
    IOC(0x5404, TCSETSF, IA_TERMIOS_IN),
    IOC(0x5409, TCSBRK, IA_VALUE),
    IOC(0x540A, TCXONC, IA_VALUE),
    IOC(0x540B, TCFLSH, IA_VALUE),
    IOC(0x540C, TIOCEXCL, IA_NONE),
    IOC(0x540D, TIOCNXCL, IA_NONE),
    IOC(0x540E, TIOCSCTTY, IA_VALUE),
    IOC(0x540F, TIOCGPGRP, IA_INT_OUT),
    IOC(0x5410, TIOCSPGRP, IA_INT_IN),
    IOC(0x5411, TIOCOUTQ, IA_INT_OUT),
    IOC(0x5413, TIOCGWINSZ, IA_WINSIZE_OUT),
    IOC(0x5414, TIOCSWINSZ, IA_WINSIZE_IN),
    IOC(0x541B, FIONREAD, IA_INT_OUT),
    IOC(0x5421, FIONBIO, IA_INT_IN),
    IOC(0x5422, TIOCNOTTY, IA_NONE),
    IOC(0x5429, TIOCGSID, IA_INT_OUT),
    IOC(0x5450, FIONCLEX, IA_NONE),
    IOC(0x5451, FIOCLEX, IA_NONE),
    IOC(0x5452, FIOASYNC, IA_INT_IN),
    IOC(0x80045430, TIOCGPTN, IA_INT_OUT),
    IOC(0x40045431, TIOCSPTLCK, IA_INT_IN),
    /* Block devices (include/uapi/linux/fs.h): BLKBSZGET writes an int although its
     * number says size_t. */
    IOC(0x1268, BLKSSZGET, IA_INT_OUT),
    IOCW(0x80081270, BLKBSZGET, IA_INT_OUT),
    IOCW(0x80081272, BLKGETSIZE64, IA_U64_OUT),
    /* Loop devices (include/uapi/linux/loop.h). */
    IOC(0x4C00, LOOP_SET_FD, IA_VALUE),
    IOC(0x4C01, LOOP_CLR_FD, IA_NONE),
    IOC(0x4C04, LOOP_SET_STATUS64, IA_LOOP_INFO64_IN),
    IOC(0x4C05, LOOP_GET_STATUS64, IA_LOOP_INFO64_OUT),
    IOC(0x4C82, LOOP_CTL_GET_FREE, IA_NONE),
    /* Inode flags: the kernel reads and writes an int, whatever the number says. */
    IOCW(0x80086601, FS_IOC_GETFLAGS, IA_INT_OUT),
    IOCW(0x40086602, FS_IOC_SETFLAGS, IA_INT_IN),
    /* FICLONE takes the source descriptor by value. */
    IOC(0x40049409, FICLONE, IA_VALUE),
    /* Sockets (include/uapi/linux/sockios.h): numbers without size or direction bits,
     * the same on every architecture. The _OLD stamps use the guest's long; the
     * time64 ones have their size in the number. */
    IOC(0x8906, SIOCGSTAMP_OLD, IA_TIMEVAL_OUT),
    IOC(0x8907, SIOCGSTAMPNS_OLD, IA_TIMESPEC_OUT),
    IOC(0x80108906, SIOCGSTAMP_NEW, IA_TIME64_OUT),
    IOC(0x80108907, SIOCGSTAMPNS_NEW, IA_TIME64_OUT),
    IFR_GET(0x8910, SIOCGIFNAME, CONV_IFR_INT),
    IOC(0x8912, SIOCGIFCONF, IA_IFCONF),
    IFR_GET(0x8913, SIOCGIFFLAGS, CONV_IFR_SHORT),
    IFR_SET(0x8914, SIOCSIFFLAGS, CONV_IFR_SHORT),
    IFR_GET(0x8915, SIOCGIFADDR, CONV_IFR_SOCKADDR),
    IFR_SET(0x8916, SIOCSIFADDR, CONV_IFR_SOCKADDR),
    IFR_GET(0x8917, SIOCGIFDSTADDR, CONV_IFR_SOCKADDR),
    IFR_SET(0x8918, SIOCSIFDSTADDR, CONV_IFR_SOCKADDR),
    IFR_GET(0x8919, SIOCGIFBRDADDR, CONV_IFR_SOCKADDR),
    IFR_SET(0x891a, SIOCSIFBRDADDR, CONV_IFR_SOCKADDR),
    IFR_GET(0x891b, SIOCGIFNETMASK, CONV_IFR_SOCKADDR),
    IFR_SET(0x891c, SIOCSIFNETMASK, CONV_IFR_SOCKADDR),
    IFR_GET(0x891d, SIOCGIFMETRIC, CONV_IFR_INT),
    IFR_SET(0x891e, SIOCSIFMETRIC, CONV_IFR_INT),
    IFR_GET(0x8921, SIOCGIFMTU, CONV_IFR_INT),
    IFR_SET(0x8922, SIOCSIFMTU, CONV_IFR_INT),
    IFR_SET(0x8924, SIOCSIFHWADDR, CONV_IFR_SOCKADDR),
    IFR_GET(0x8927, SIOCGIFHWADDR, CONV_IFR_SOCKADDR),
    IFR_GET(0x8933, SIOCGIFINDEX, CONV_IFR_INT),
    IFR_GET(0x8942, SIOCGIFTXQLEN, CONV_IFR_INT),
    IFR_SET(0x8943, SIOCSIFTXQLEN, CONV_IFR_INT),
    IFR_GET(0x8970, SIOCGIFMAP, CONV_IFR_MAP),
    IFR_SET(0x8971, SIOCSIFMAP, CONV_IFR_MAP),
};

/* The _IOC size field (bits 16..29). */
#define IOC_SIZE_SHIFT 16
#define IOC_SIZE_MASK  (0x3fffu << IOC_SIZE_SHIFT)

/* The entry's request number as this guest spells it. */
static uint32_t guest_number(const LinuxAbi *abi, const IoctlDesc *d)
{
	if (!d->word_sized)
		return d->guest;
	return (d->guest & ~IOC_SIZE_MASK) | (conv_word_bytes(abi) << IOC_SIZE_SHIFT);
}

static const IoctlDesc *ioctl_lookup(const LinuxAbi *abi, uint32_t cmd)
{
	for (size_t i = 0; i < sizeof ioctls / sizeof ioctls[0]; i++)
		if (guest_number(abi, &ioctls[i]) == cmd)
			return &ioctls[i];
	return NULL;
}

static int64_t ioctl_int(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	uint32_t v = 0;
	if (d->arg == IA_INT_IN) {
		int r = conv_get_u32(p->abi, p->mem, addr, &v);
		if (r < 0)
			return r;
	}
	int host = (int)v;
	if (ioctl(fd, d->host, &host) < 0)
		return -errno;
	if (d->arg == IA_INT_OUT)
		return conv_put_u32(p->abi, p->mem, addr, (uint32_t)host);
	return 0;
}

static int64_t ioctl_termios(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	HostKTermios t;
	if (d->arg == IA_TERMIOS_IN) {
		int r = conv_get_termios(p->abi, p->mem, addr, &t);
		if (r < 0)
			return r;
	}
	if (ioctl(fd, d->host, &t) < 0)
		return -errno;
	return d->arg == IA_TERMIOS_OUT ? conv_put_termios(p->abi, p->mem, addr, &t) : 0;
}

static int64_t ioctl_winsize(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	struct winsize w;
	if (d->arg == IA_WINSIZE_IN) {
		int r = conv_get_winsize(p->abi, p->mem, addr, &w);
		if (r < 0)
			return r;
	}
	if (ioctl(fd, d->host, &w) < 0)
		return -errno;
	return d->arg == IA_WINSIZE_OUT ? conv_put_winsize(p->abi, p->mem, addr, &w) : 0;
}

static int64_t ioctl_u64(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	uint64_t v;
	if (ioctl(fd, d->host, &v) < 0)
		return -errno;
	return conv_put_u64(p->abi, p->mem, addr, v);
}

static int64_t ioctl_loop_info(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	struct loop_info64 li;
	if (d->arg == IA_LOOP_INFO64_IN) {
		int r = conv_get_loop_info64(p->abi, p->mem, addr, &li);
		if (r < 0)
			return r;
	}
	if (ioctl(fd, d->host, &li) < 0)
		return -errno;
	return d->arg == IA_LOOP_INFO64_OUT ? conv_put_loop_info64(p->abi, p->mem, addr, &li) : 0;
}

static int64_t ioctl_ifreq(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	uint8_t g[CONV_IFREQ_MAX];
	size_t size = conv_ifreq_size(p->abi);
	if (gmem_read(p->mem, addr, g, size) < 0)
		return -EFAULT;
	struct ifreq h;
	conv_ifreq_to_host(p->abi, g, d->ifr, &h);
	if (ioctl(fd, d->host, &h) < 0)
		return -errno;
	if (d->arg != IA_IFREQ_OUT)
		return 0;
	conv_ifreq_to_guest(p->abi, &h, d->ifr, g);
	return gmem_write(p->mem, addr, g, size) < 0 ? -EFAULT : 0;
}

/* The kernel counts ifc_len in its own struct size, the guest in its own: the host
 * array gets as many entries as the guest's buffer holds whole, bounded by what the
 * host has (a first call without a buffer says), and ifc_len comes back in guest
 * entries. Without a buffer the call only measures. */
static int64_t ioctl_ifconf(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	ConvIfconf c;
	int r = conv_get_ifconf(p->abi, p->mem, addr, &c);
	if (r < 0)
		return r;
	size_t guest_size = conv_ifreq_size(p->abi);
	struct ifconf hc = {.ifc_len = 0, .ifc_req = NULL};
	if (ioctl(fd, d->host, &hc) < 0)
		return -errno;
	unsigned n = hc.ifc_len / sizeof(struct ifreq);
	if (c.buf) {
		n = MIN(n, c.len > 0 ? (unsigned)c.len / guest_size : 0);
		struct ifreq *reqs = g_new0(struct ifreq, n ? n : 1);
		uint8_t *g = g_malloc(n ? n * guest_size : 1);
		hc = (struct ifconf){.ifc_len = (int)(n * sizeof *reqs), .ifc_req = reqs};
		r = ioctl(fd, d->host, &hc) < 0 ? -errno : 0;
		n = hc.ifc_len / sizeof *reqs;
		conv_ifreqs_to_guest(p->abi, reqs, n, g);
		if (r == 0 && gmem_write(p->mem, c.buf, g, n * guest_size) < 0)
			r = -EFAULT;
		g_free(g);
		g_free(reqs);
		if (r < 0)
			return r;
	}
	c.len = (int32_t)(n * guest_size);
	return conv_put_ifconf(p->abi, p->mem, addr, &c);
}

/* A time64 stamp (two s64) has the host timespec's layout. */
static int64_t ioctl_time(LinuxProc *p, int fd, const IoctlDesc *d, uint64_t addr)
{
	union {
		struct timeval tv;
		struct timespec ts;
	} t;
	if (ioctl(fd, d->host, &t) < 0)
		return -errno;
	if (d->arg == IA_TIMEVAL_OUT)
		return conv_put_timeval(p->abi, p->mem, addr, &t.tv);
	if (d->arg == IA_TIMESPEC_OUT)
		return conv_put_timespec(p->abi, p->mem, addr, &t.ts);
	return conv_put_kernel_timespec(p->abi, p->mem, addr, &t.ts);
}

int64_t sys_ioctl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int fd = linux_int(a[0]);
	const IoctlDesc *d = ioctl_lookup(p->abi, (uint32_t)a[1]);
	if (!d) {
		if (log_on(LOG_UNIMP))
			log_printf("unimplemented ioctl 0x%" PRIx32 " on fd %d\n", (uint32_t)a[1],
			           fd);
		return -ENOTTY;
	}
	switch (d->arg) {
	case IA_NONE: return linux_ret(ioctl(fd, d->host));
	case IA_VALUE: return linux_ret(ioctl(fd, d->host, (unsigned long)a[2]));
	case IA_INT_IN:
	case IA_INT_OUT: return ioctl_int(p, fd, d, a[2]);
	case IA_TERMIOS_IN:
	case IA_TERMIOS_OUT: return ioctl_termios(p, fd, d, a[2]);
	case IA_WINSIZE_IN:
	case IA_WINSIZE_OUT: return ioctl_winsize(p, fd, d, a[2]);
	case IA_U64_OUT: return ioctl_u64(p, fd, d, a[2]);
	case IA_LOOP_INFO64_IN:
	case IA_LOOP_INFO64_OUT: return ioctl_loop_info(p, fd, d, a[2]);
	case IA_IFREQ_IN:
	case IA_IFREQ_OUT: return ioctl_ifreq(p, fd, d, a[2]);
	case IA_IFCONF: return ioctl_ifconf(p, fd, d, a[2]);
	case IA_TIMEVAL_OUT:
	case IA_TIMESPEC_OUT:
	case IA_TIME64_OUT: return ioctl_time(p, fd, d, a[2]);
	}
	return -ENOTTY;
}

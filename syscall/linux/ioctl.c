/*
 * ioctl: one table line per supported request with the guest and host request numbers
 * and the shape of its argument, so a request is supported by adding a line. Requests
 * not in the table are reported under -d unimp and fail with -ENOTTY, the kernel's
 * answer for a request the device does not know.
 */
#include <errno.h>
#include <inttypes.h>
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
} IoctlArg;

typedef struct IoctlDesc {
	uint32_t guest, host;
	const char *name;
	IoctlArg arg;
} IoctlDesc;

/* Guest values: the asm-generic request numbers (include/uapi/asm-generic/ioctls.h),
 * which x86-64 shares. */
/* clang-format off */
#define IOC(g, name, arg) { (g), name, #name, arg }
/* clang-format on */
static const IoctlDesc ioctls[] = {
    IOC(0x5401, TCGETS, IA_TERMIOS_OUT),    IOC(0x5402, TCSETS, IA_TERMIOS_IN),
    IOC(0x5403, TCSETSW, IA_TERMIOS_IN),    IOC(0x5404, TCSETSF, IA_TERMIOS_IN),
    IOC(0x5409, TCSBRK, IA_VALUE),          IOC(0x540A, TCXONC, IA_VALUE),
    IOC(0x540B, TCFLSH, IA_VALUE),          IOC(0x540C, TIOCEXCL, IA_NONE),
    IOC(0x540D, TIOCNXCL, IA_NONE),         IOC(0x540E, TIOCSCTTY, IA_VALUE),
    IOC(0x540F, TIOCGPGRP, IA_INT_OUT),     IOC(0x5410, TIOCSPGRP, IA_INT_IN),
    IOC(0x5411, TIOCOUTQ, IA_INT_OUT),      IOC(0x5413, TIOCGWINSZ, IA_WINSIZE_OUT),
    IOC(0x5414, TIOCSWINSZ, IA_WINSIZE_IN), IOC(0x541B, FIONREAD, IA_INT_OUT),
    IOC(0x5421, FIONBIO, IA_INT_IN),        IOC(0x5422, TIOCNOTTY, IA_NONE),
    IOC(0x5429, TIOCGSID, IA_INT_OUT),      IOC(0x5450, FIONCLEX, IA_NONE),
    IOC(0x5451, FIOCLEX, IA_NONE),          IOC(0x5452, FIOASYNC, IA_INT_IN),
    IOC(0x80045430, TIOCGPTN, IA_INT_OUT),  IOC(0x40045431, TIOCSPTLCK, IA_INT_IN),
};

static const IoctlDesc *ioctl_lookup(uint32_t cmd)
{
	for (size_t i = 0; i < sizeof ioctls / sizeof ioctls[0]; i++)
		if (ioctls[i].guest == cmd)
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

int64_t sys_ioctl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int fd = linux_int(a[0]);
	const IoctlDesc *d = ioctl_lookup((uint32_t)a[1]);
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
	}
	return -ENOTTY;
}

/*
 * epoll: the host's epoll instance does the work; the guest's struct epoll_event goes
 * through the conversion module on the way in (epoll_ctl) and out (the waits), since
 * x86-64 packs it to 12 bytes where riscv64 and aarch64 use 16. The 64-bit data word
 * is kept by the host kernel as the guest gave it. The waits take an optional temporary
 * signal mask the way ppoll does.
 */
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/signal_int.h"
#include "syscall/linux/sys.h"

/* Events fetched per wait at most: fewer than maxevents is always a valid result, and
 * the host buffer stays small whatever the guest asks for. */
enum { KERNEL_SIGSET_SIZE = 8, EPOLL_BATCH = 1024 };

int64_t sys_epoll_create1(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint32_t cloexec = conv_open_flags_to_guest(p->abi, O_CLOEXEC);
	if ((uint32_t)a[0] & ~cloexec)
		return -EINVAL;
	return linux_ret(epoll_create1((uint32_t)a[0] ? EPOLL_CLOEXEC : 0));
}

/* EPOLL_CTL_DEL ignores the event (it may be NULL); ADD and MOD read it first. */
int64_t sys_epoll_ctl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int op = linux_int(a[1]);
	struct epoll_event ev = {0};
	if (op != EPOLL_CTL_DEL) {
		int r = conv_get_epoll_events(p->abi, p->mem, a[3], &ev, 1);
		if (r < 0)
			return r;
	}
	return linux_ret(epoll_ctl(linux_int(a[0]), op, linux_int(a[2]), &ev));
}

/* The optional temporary mask of epoll_pwait and epoll_pwait2. */
typedef struct EpollMask {
	bool use;
	uint64_t guest;
	sigset_t host;
} EpollMask;

static int get_mask(LinuxProc *p, uint64_t addr, uint64_t size, EpollMask *m)
{
	m->use = addr != 0;
	if (!addr)
		return 0;
	if (size != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	int r = conv_get_sigset(p->abi, p->mem, addr, &m->guest);
	if (r == 0)
		linux_host_mask(m->guest & ~LINUX_UNBLOCKABLE, &m->host);
	return r;
}

/* One wait on the host: epoll_pwait's milliseconds when ts is NULL, else epoll_pwait2's
 * timespec (wait_forever for a NULL one). The events are checked writable before
 * waiting so none is consumed only to be lost. */
static int64_t epoll_wait_common(LinuxProc *p, const uint64_t a[6], int ms,
                                 const struct timespec *ts, bool wait_forever, const EpollMask *m)
{
	int maxevents = linux_int(a[2]);
	size_t gsize = conv_layout_size(p->abi, conv_layout_epoll_event);
	if (maxevents <= 0 || (size_t)maxevents > INT_MAX / gsize)
		return -EINVAL;
	if (!gmem_access_ok(p->mem, a[1], (uint64_t)maxevents * gsize, PROT_WRITE))
		return -EFAULT;
	unsigned n = maxevents < EPOLL_BATCH ? (unsigned)maxevents : EPOLL_BATCH;
	struct epoll_event *ev = g_malloc_n(n, sizeof *ev);
	const sigset_t *set = m->use ? &m->host : NULL;
	int64_t r;
	if (ts)
		r = linux_blocking_syscall(SYS_epoll_pwait2, linux_int(a[0]), ev, (int)n,
		                           wait_forever ? NULL : ts, set,
		                           (size_t)KERNEL_SIGSET_SIZE);
	else
		r = linux_blocking_syscall(SYS_epoll_pwait, linux_int(a[0]), ev, (int)n, ms, set,
		                           (size_t)KERNEL_SIGSET_SIZE);
	if (r > 0) {
		int w = conv_put_epoll_events(p->abi, p->mem, a[1], ev, (unsigned)r);
		if (w < 0)
			r = w;
	}
	g_free(ev);
	if (m->use && r == -EINTR)
		linux_set_temporary_mask(p, m->guest);
	return r;
}

int64_t sys_epoll_pwait(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	EpollMask m;
	int r = get_mask(p, a[4], a[5], &m);
	if (r < 0)
		return r;
	return epoll_wait_common(p, a, linux_int(a[3]), NULL, false, &m);
}

/* The timeout is a struct __kernel_timespec; NULL waits for ever. */
int64_t sys_epoll_pwait2(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct timespec ts = {0, 0};
	if (a[3]) {
		int r = conv_get_kernel_timespec(p->abi, p->mem, a[3], &ts);
		if (r < 0)
			return r;
	}
	EpollMask m;
	int r = get_mask(p, a[4], a[5], &m);
	if (r < 0)
		return r;
	return epoll_wait_common(p, a, 0, &ts, !a[3], &m);
}

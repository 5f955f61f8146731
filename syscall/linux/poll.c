/*
 * ppoll and pselect6, passed to the host after converting the descriptor arrays, the
 * timeout and the temporary signal mask. The raw host calls are used (not glibc's
 * wrappers) so the remaining time is written back the way the kernel does. A call cut
 * short by a signal leaves its temporary mask in force until that signal's handler.
 */
#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/signal_int.h"
#include "syscall/linux/sys.h"

enum { POLL_MAX_FDS = 1 << 20, KERNEL_SIGSET_SIZE = 8 };

/* Reads an optional guest timespec; *use says whether there was one. */
static int get_timeout(LinuxProc *p, uint64_t addr, struct timespec *ts, bool *use)
{
	*use = addr != 0;
	return addr ? conv_get_timespec(p->abi, p->mem, addr, ts) : 0;
}

/* An optional temporary signal mask: the guest's (of `size` bytes, which must be the
 * kernel's) and the host set standing for it. */
typedef struct TempMask {
	bool use;
	uint64_t guest;
	sigset_t host;
} TempMask;

static int get_mask(LinuxProc *p, uint64_t addr, uint64_t size, TempMask *m)
{
	m->use = addr != 0;
	if (!addr)
		return 0;
	if (size != KERNEL_SIGSET_SIZE)
		return -EINVAL;
	int r = conv_get_sigset(p->abi, p->mem, addr, &m->guest);
	if (r == 0)
		linux_host_mask(m->guest, &m->host);
	return r;
}

/* A signal that cut the wait short is handled under the temporary mask, as in the
 * kernel; the handler's frame keeps the real one. */
static int64_t end_wait(LinuxProc *p, const TempMask *m, int64_t r)
{
	if (m->use && r == -EINTR)
		linux_set_temporary_mask(p, m->guest);
	return r;
}

int64_t sys_ppoll(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned n = (unsigned)a[1];
	if (n > POLL_MAX_FDS)
		return -EINVAL;
	struct timespec ts;
	TempMask m;
	bool use_ts;
	int64_t r = get_timeout(p, a[2], &ts, &use_ts);
	if (r == 0)
		r = get_mask(p, a[3], a[4], &m);
	if (r < 0)
		return r;
	struct pollfd *fds = g_new(struct pollfd, n ? n : 1);
	r = conv_get_pollfds(p->abi, p->mem, a[0], fds, n);
	if (r == 0)
		r = linux_blocking_syscall(SYS_ppoll, fds, (nfds_t)n, use_ts ? &ts : NULL,
		                           m.use ? &m.host : NULL, (size_t)KERNEL_SIGSET_SIZE);
	if (r >= 0) {
		int w = conv_put_pollfds(p->abi, p->mem, a[0], fds, n);
		if (w == 0 && use_ts)
			w = conv_put_timespec(p->abi, p->mem, a[2], &ts);
		if (w < 0)
			r = w;
	}
	g_free(fds);
	return end_wait(p, &m, r);
}

/* The sixth pselect6 argument points at { const sigset_t *set; size_t size; }. */
static int get_pselect_mask(LinuxProc *p, uint64_t addr, TempMask *m)
{
	m->use = false;
	if (!addr)
		return 0;
	uint64_t ss, size;
	int r = conv_get_word(p->abi, p->mem, addr, &ss);
	if (r == 0)
		r = conv_get_word(p->abi, p->mem, addr + conv_word_bytes(p->abi), &size);
	return r < 0 ? r : get_mask(p, ss, size, m);
}

int64_t sys_pselect6(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int n = linux_int(a[0]);
	if (n < 0 || n > FD_SETSIZE)
		return -EINVAL;
	fd_set sets[3];
	for (int i = 0; i < 3; i++) {
		int r = a[1 + i] ? conv_get_fdset(p->abi, p->mem, a[1 + i], &sets[i], n) : 0;
		if (r < 0)
			return r;
	}
	struct timespec ts;
	TempMask m;
	bool use_ts;
	int64_t r = get_timeout(p, a[4], &ts, &use_ts);
	if (r == 0)
		r = get_pselect_mask(p, a[5], &m);
	if (r < 0)
		return r;
	struct {
		const sigset_t *set;
		size_t size;
	} sigdata = {m.use ? &m.host : NULL, KERNEL_SIGSET_SIZE};
	r = linux_blocking_syscall(SYS_pselect6, n, a[1] ? &sets[0] : NULL, a[2] ? &sets[1] : NULL,
	                           a[3] ? &sets[2] : NULL, use_ts ? &ts : NULL, &sigdata);
	for (int i = 0; r >= 0 && i < 3; i++)
		if (a[1 + i] && conv_put_fdset(p->abi, p->mem, a[1 + i], &sets[i], n) < 0)
			r = -EFAULT;
	if (r >= 0 && use_ts && conv_put_timespec(p->abi, p->mem, a[4], &ts) < 0)
		r = -EFAULT;
	return end_wait(p, &m, r);
}

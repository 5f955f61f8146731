/*
 * Signals the process sends itself and synchronous guest faults, for as long as guest
 * handlers are not run: the default action is taken by the host on the runner itself,
 * so the parent sees the guest die (or stop) by the same signal. A guest handler that
 * would have run is reported under -d unimp.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { GUEST_SIG_DFL = 0, GUEST_SIG_IGN = 1 };

/* Signals whose default action is to do nothing (SIGCONT's continuing happens anyway). */
static bool default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_stops(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void note_unrun_handler(LinuxProc *p, int sig)
{
	uint64_t h = p->sig.action[sig].handler;
	if (h != GUEST_SIG_DFL && h != GUEST_SIG_IGN && log_on(LOG_UNIMP))
		log_printf("signal %d: guest handler 0x%" PRIx64
		           " not run (signal delivery not implemented), default action taken\n",
		           sig, h);
}

/* Readies the runner for the host to apply sig's default action to it. */
static void prepare_default(LinuxProc *p, int sig)
{
	if (!default_ignores(sig) && !default_stops(sig)) {
		linux_flush_logs(p);
		/* A core file of the runner, with its reserved guest address space, would be
		 * large and describe the translator rather than the guest program. */
		struct rlimit none = {0, 0};
		setrlimit(RLIMIT_CORE, &none);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
}

void linux_signal_default(LinuxProc *p, int sig)
{
	if (default_ignores(sig))
		return;
	prepare_default(p, sig);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	syscall(SYS_tgkill, getpid(), gettid(), sig);
}

/* A signal to ourselves: ignored, left pending while blocked, or the default action.
 * The process has one thread, so process- and thread-directed sends are the same. */
static int64_t signal_self(LinuxProc *p, int sig)
{
	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (sig == 0 || p->sig.action[sig].handler == GUEST_SIG_IGN)
		return 0;
	note_unrun_handler(p, sig);
	bool blocked = p->sig.blocked & ((uint64_t)1 << (sig - 1));
	if (blocked) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = SIG_DFL;
		sigaction(sig, &sa, NULL);
	} else {
		prepare_default(p, sig);
	}
	return linux_ret(syscall(SYS_tgkill, getpid(), gettid(), sig));
}

int64_t sys_kill(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t pid = linux_int(a[0]);
	int sig = linux_int(a[1]);
	if (pid == getpid())
		return signal_self(p, sig);
	return linux_ret(syscall(SYS_kill, pid, sig));
}

int64_t sys_tkill(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t tid = linux_int(a[0]);
	int sig = linux_int(a[1]);
	if (tid == gettid())
		return signal_self(p, sig);
	return linux_ret(syscall(SYS_tkill, tid, sig));
}

int64_t sys_tgkill(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t tgid = linux_int(a[0]), tid = linux_int(a[1]);
	int sig = linux_int(a[2]);
	if (tgid == getpid() && tid == gettid())
		return signal_self(p, sig);
	return linux_ret(syscall(SYS_tgkill, tgid, tid, sig));
}

static const int fault_signals[CPU_EXIT_COUNT] = {
    [CPU_EXIT_ILLEGAL] = SIGILL,      [CPU_EXIT_BREAKPOINT] = SIGTRAP,
    [CPU_EXIT_FETCH_FAULT] = SIGSEGV, [CPU_EXIT_MEM_FAULT] = SIGSEGV,
    [CPU_EXIT_MISALIGNED] = SIGBUS,
};

void linux_fault_signal(LinuxProc *p, CpuCommon *cpu, CpuExit why)
{
	int sig = why < CPU_EXIT_COUNT ? fault_signals[why] : 0;
	if (!sig)
		return; /* nothing to deliver: CPU_EXIT_NONE or HALT */
	if (log_on(LOG_STRACE))
		log_printf("--- signal %d (%s) at pc 0x%" PRIx64 ", address 0x%" PRIx64 " ---\n",
		           sig, strsignal(sig), cpu->pc, cpu->fault_addr);
	note_unrun_handler(p, sig);
	/* The kernel forces a synchronous fault signal through even when it is blocked
	 * or ignored; so does this. */
	linux_signal_default(p, sig);
	_exit(128 + sig);
}

/*
 * Signals the process sends (kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo)
 * and default actions. A default action that ends the process is taken by the host on
 * the runner itself, so the parent sees the guest die (or stop) by the same signal.
 *
 * Core dumps follow the kernel's rules unchanged: the guest's RLIMIT_CORE is the
 * runner's (rlimit.c applies it), and so are its dumpable flag and the host's
 * core_pattern, so the kernel writes a core, and the parent's wait status carries
 * WCOREDUMP, exactly when it would for a native program: a soft limit of at least one
 * page with a file pattern, any limit with a pipe pattern. The core is the runner's
 * x86-64 image. The guest's memory is in it at guest address + guest base (the same
 * addresses for 64-bit guests), the guest's registers are not; pages never touched,
 * such as unused code cache, are holes in a sparse file.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/proc_state.h"
#include "syscall/linux/signal_int.h"
#include "syscall/linux/sys.h"

/* Signals whose default action is to do nothing (SIGCONT's continuing happens anyway). */
static bool default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_stops(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Readies the runner for the host to apply sig's default action to it. */
static void prepare_default(LinuxProc *p, int sig)
{
	if (!default_ignores(sig) && !default_stops(sig))
		linux_flush_logs(p);
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
	/* A stop has happened and been continued by now; a fatal signal the host would
	 * not apply (one of its C library's reserved ones) ends the runner by hand. */
	if (!default_stops(sig))
		_exit(128 + sig);
}

void linux_signal_fatal(LinuxProc *p, int sig)
{
	linux_signal_default(p, sig);
	_exit(128 + sig);
}

/* Sends si to this process (tid 0) or one of its threads through the host. A siginfo
 * the kernel lets only kill and tgkill make (SI_USER, SI_TKILL) is made by them: the
 * kernel refuses it from rt_*sigqueueinfo on any thread but the one it names. */
static int64_t host_send(const ConvSigInfo *si, pid_t tid)
{
	int sig = si->signo;
	if (si->code == LINUX_SI_USER || si->code == LINUX_SI_TKILL)
		return linux_ret(tid ? syscall(SYS_tgkill, getpid(), tid, sig)
		                     : syscall(SYS_kill, getpid(), sig));
	siginfo_t h;
	conv_siginfo_to_host(si, &h);
	return linux_ret(tid ? syscall(SYS_rt_tgsigqueueinfo, getpid(), tid, sig, &h)
	                     : syscall(SYS_rt_sigqueueinfo, getpid(), sig, &h));
}

/* A signal to ourselves. The host kernel queues it (with its siginfo, merging standard
 * signals) and hands it to the runner's handler once the guest lets it through; when the
 * guest leaves it at the default action the host applies that action to the runner. A
 * signal the runner queues itself goes to the calling thread's queue even when it was
 * sent to the process (any thread may take such a signal; this one is running). */
int64_t linux_signal_self(LinuxProc *p, const ConvSigInfo *si, bool to_thread)
{
	int sig = si->signo;
	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0;
	pthread_mutex_lock(&p->lock);
	uint64_t handler = p->sig.action[sig].handler;
	pthread_mutex_unlock(&p->lock);
	bool blocked = linux_self()->sig.blocked & LINUX_SIGBIT(sig);
	if (LINUX_SIGBIT(sig) & LINUX_RUNNER_QUEUED) {
		if (blocked || (handler != LINUX_SIG_DFL && handler != LINUX_SIG_IGN))
			linux_sigqueue_push(si);
		else if (handler == LINUX_SIG_DFL)
			linux_signal_default(p, sig);
		return 0;
	}
	if (handler == LINUX_SIG_DFL && !blocked && !default_ignores(sig))
		prepare_default(p, sig);
	return host_send(si, to_thread ? gettid() : 0);
}

static void push_to(LinuxThread *t, void *arg)
{
	linux_sigqueue_push_to(t, arg);
}

static void exists(LinuxThread *t, void *arg)
{
}

/* A signal for another thread of this process. Guest tids are host tids, so the host
 * delivers it, except the signals the runner queues itself: those go to the thread's
 * queue, and it sees them when it next leaves guest code or a system call. */
static int64_t signal_thread(LinuxProc *p, pid_t tid, const ConvSigInfo *si)
{
	if (tid == gettid())
		return linux_signal_self(p, si, true);
	int sig = si->signo;
	if (sig > 0 && sig <= LINUX_NSIG && (LINUX_SIGBIT(sig) & LINUX_RUNNER_QUEUED)) {
		ConvSigInfo copy = *si;
		if (linux_thread_with(p, tid, push_to, &copy) == 0)
			return 0;
	}
	return host_send(si, tid);
}

/* What kill/tkill/tgkill tell the receiver: the sender and how it sent. */
static ConvSigInfo sender_info(int sig, int code)
{
	return (ConvSigInfo){.signo = sig, .code = code, .pid = getpid(), .uid = getuid()};
}

int64_t sys_kill(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t pid = linux_int(a[0]);
	int sig = linux_int(a[1]);
	if (pid == getpid()) {
		ConvSigInfo si = sender_info(sig, LINUX_SI_USER);
		return linux_signal_self(p, &si, false);
	}
	return linux_ret(syscall(SYS_kill, pid, sig));
}

int64_t sys_tkill(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t tid = linux_int(a[0]);
	int sig = linux_int(a[1]);
	ConvSigInfo si = sender_info(sig, LINUX_SI_TKILL);
	if (tid > 0 && linux_thread_with(p, tid, exists, NULL) == 0)
		return signal_thread(p, tid, &si);
	return linux_ret(syscall(SYS_tkill, tid, sig));
}

int64_t sys_tgkill(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t tgid = linux_int(a[0]), tid = linux_int(a[1]);
	int sig = linux_int(a[2]);
	if (tgid == getpid() && tid > 0) {
		ConvSigInfo si = sender_info(sig, LINUX_SI_TKILL);
		return signal_thread(p, tid, &si);
	}
	return linux_ret(syscall(SYS_tgkill, tgid, tid, sig));
}

/* sigqueue(): the guest's siginfo goes with the signal. To another process the host
 * kernel checks what it may claim (no kernel si_codes, as with kill). */
static int64_t queue_info(LinuxProc *p, pid_t tgid, pid_t tid, int sig, uint64_t uinfo)
{
	ConvSigInfo si;
	int r = conv_get_siginfo(p->abi, p->mem, uinfo, &si);
	if (r < 0)
		return r;
	si.signo = sig;
	if (tgid == getpid() && tid < 0)
		return linux_signal_self(p, &si, false);
	if (tgid == getpid())
		return signal_thread(p, tid, &si);
	siginfo_t h;
	conv_siginfo_to_host(&si, &h);
	if (tid < 0)
		return linux_ret(syscall(SYS_rt_sigqueueinfo, tgid, sig, &h));
	return linux_ret(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &h));
}

int64_t sys_rt_sigqueueinfo(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return queue_info(p, linux_int(a[0]), -1, linux_int(a[1]), a[2]);
}

int64_t sys_rt_tgsigqueueinfo(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return queue_info(p, linux_int(a[0]), linux_int(a[1]), linux_int(a[2]), a[3]);
}

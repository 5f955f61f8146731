/*
 * Signals on their way from the host to the guest. The host kernel keeps every signal the
 * guest blocks pending (the runner's host mask mirrors the guest's), so the queue here
 * only holds signals the runner's host handler has already accepted, plus fault signals
 * the runner raises for itself; the CPU loop hands them to the guest at its next safe
 * point. The host handler records the siginfo and sets the running CPU's exit_request,
 * so translated code returns to the loop at the next block boundary, and a blocking host
 * call returns EINTR because the handler is installed without SA_RESTART (the personality
 * decides about restarting). The handler runs with every signal blocked, and runner code
 * blocks them while it touches the queue, so producer and consumer never interleave.
 */
#include <signal.h>
#include <string.h>

#include "syscall/linux/signal_int.h"

enum { STD_SIGNALS = 31, RT_QUEUE_MAX = 128 };

static struct {
	volatile uint64_t mask;           /* signals with a queued instance */
	ConvSigInfo std[STD_SIGNALS + 1]; /* 1..31: one instance each, later sends merge */
	ConvSigInfo rt[RT_QUEUE_MAX];     /* 32..64 in arrival order */
	unsigned n_rt;
} queue;

static CpuCommon *volatile interrupt_cpu;

void linux_sigqueue_attach(CpuCommon *cpu)
{
	interrupt_cpu = cpu;
}

/* Called with host signals blocked (inside the handler, or by linux_sigqueue_push). */
static void enqueue(const ConvSigInfo *si)
{
	int sig = si->signo;
	if (sig < 1 || sig > LINUX_NSIG)
		return;
	if (sig <= STD_SIGNALS) {
		if (!(queue.mask & LINUX_SIGBIT(sig)))
			queue.std[sig] = *si;
	} else if (queue.n_rt < RT_QUEUE_MAX) {
		queue.rt[queue.n_rt++] = *si;
	} else {
		return; /* the host's own queue limit normally stops senders first */
	}
	queue.mask |= LINUX_SIGBIT(sig);
	CpuCommon *cpu = interrupt_cpu;
	if (cpu)
		cpu->exit_request = 1;
}

static void host_handler(int sig, siginfo_t *info, void *uctx)
{
	CpuCommon *cpu = interrupt_cpu;
	ConvSigInfo si;
	conv_siginfo_from_host(info, cpu ? cpu->guest_base : 0, &si);
	si.signo = sig;
	enqueue(&si);
}

void linux_host_block_all(sigset_t *old)
{
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

void linux_sigqueue_push(const ConvSigInfo *si)
{
	sigset_t old;
	linux_host_block_all(&old);
	enqueue(si);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

uint64_t linux_sigqueue_mask(void)
{
	return queue.mask;
}

static void take_rt(int sig, ConvSigInfo *out)
{
	unsigned i = 0, more = 0;
	while (queue.rt[i].signo != sig)
		i++;
	*out = queue.rt[i];
	memmove(&queue.rt[i], &queue.rt[i + 1], (queue.n_rt - i - 1) * sizeof queue.rt[0]);
	queue.n_rt--;
	for (unsigned j = 0; j < queue.n_rt; j++)
		more |= queue.rt[j].signo == sig;
	if (!more)
		queue.mask &= ~LINUX_SIGBIT(sig);
}

bool linux_sigqueue_take(uint64_t allowed, ConvSigInfo *out)
{
	if (!(queue.mask & allowed))
		return false;
	sigset_t old;
	linux_host_block_all(&old);
	uint64_t ready = queue.mask & allowed;
	bool found = ready != 0;
	if (found) {
		int sig = __builtin_ctzll(ready) + 1;
		if (sig <= STD_SIGNALS) {
			*out = queue.std[sig];
			queue.mask &= ~LINUX_SIGBIT(sig);
		} else {
			take_rt(sig, out);
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return found;
}

void linux_host_action(int sig, const LinuxSigAction *act)
{
	if (LINUX_SIGBIT(sig) & (LINUX_HOST_OWNED | LINUX_UNBLOCKABLE))
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (act->handler == LINUX_SIG_DFL || act->handler == LINUX_SIG_IGN) {
		sa.sa_handler = act->handler == LINUX_SIG_IGN ? SIG_IGN : SIG_DFL;
	} else {
		sa.sa_sigaction = host_handler;
		sa.sa_flags = SA_SIGINFO;
		/* What the guest asked of SIGCHLD decides what the kernel reports to us. */
		if (act->flags & LINUX_SA_NOCLDSTOP)
			sa.sa_flags |= SA_NOCLDSTOP;
		if (act->flags & LINUX_SA_NOCLDWAIT)
			sa.sa_flags |= SA_NOCLDWAIT;
		sigfillset(&sa.sa_mask);
	}
	/* The host C library refuses the two real-time signals it keeps for its threads
	 * (32 and 33); those stay at the host default until the runner has threads of its
	 * own to arbitrate them. */
	sigaction(sig, &sa, NULL);
}

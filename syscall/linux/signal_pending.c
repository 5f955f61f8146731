/*
 * Signals on their way from the host to the guest. The host kernel keeps every signal a
 * guest thread blocks pending (each runner thread's host mask mirrors its guest thread's
 * mask), so a thread's queue (LinuxThread.queue) only holds signals the runner's host
 * handler has already accepted on that thread, plus fault signals and the host C
 * library's reserved ones that the runner queues itself; the CPU loop hands them to the
 * guest at its next safe point. The host kernel picks the thread for a process-directed
 * signal among those that do not block it, exactly the guest's rule. The handler
 * records the siginfo in the current thread's queue and sets that thread's CPU
 * exit_request, so translated code returns to the loop at the next block boundary, and
 * a blocking host call returns EINTR because the handler is installed without
 * SA_RESTART (the personality decides about restarting). A blocking call that has not
 * begun yet is kept from beginning: the handler sets the thread's `arrived` word, which
 * the blocking-call entry checks, and moves an interrupted pc that lies between that
 * check and the `syscall` instruction to the entry's not-started exit
 * (safe_syscall_x86_64.S). The handler runs with every
 * signal blocked, and runner code blocks them while it touches its own queue; a push
 * from another thread also holds the queue's spin lock.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "syscall/linux/safe_syscall.h"
#include "syscall/linux/signal_int.h"

static void queue_lock(LinuxSigQueue *q)
{
	while (__atomic_exchange_n(&q->lock, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
}

static void queue_unlock(LinuxSigQueue *q)
{
	__atomic_store_n(&q->lock, 0, __ATOMIC_RELEASE);
}

void linux_sigqueue_attach(CpuCommon *cpu)
{
	linux_self()->cpu = cpu;
}

/* Called with host signals blocked (inside the handler, or by a push). */
static void enqueue(LinuxThread *t, const ConvSigInfo *si)
{
	LinuxSigQueue *q = &t->queue;
	int sig = si->signo;
	if (sig < 1 || sig > LINUX_NSIG)
		return;
	queue_lock(q);
	bool queued = true;
	if (sig <= LINUX_STD_SIGNALS) {
		if (!(q->mask & LINUX_SIGBIT(sig)))
			q->std[sig] = *si;
	} else if (q->n_rt < LINUX_RT_QUEUE_MAX) {
		q->rt[q->n_rt++] = *si;
	} else {
		queued = false; /* the host's own queue limit normally stops senders first */
	}
	if (queued)
		q->mask |= LINUX_SIGBIT(sig);
	queue_unlock(q);
	if (!queued)
		return;
	/* Before exit_request, and before the handler looks at the interrupted pc: a
	 * blocking call's check that runs after this point sees the word. */
	t->sig.arrived = 1;
	CpuCommon *cpu = t->cpu;
	if (cpu)
		cpu->exit_request = 1;
}

/* A handler that interrupted the blocking-call entry between its check of `arrived`
 * and its `syscall` instruction makes it return without calling: otherwise the check
 * has passed and the signal would wait for the call to end. */
static void stop_unstarted_call(void *uctx)
{
	greg_t *rip = &((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RIP];
	uintptr_t pc = (uintptr_t)*rip;
	if (pc >= (uintptr_t)linux_safe_syscall_window_start &&
	    pc < (uintptr_t)linux_safe_syscall_window_end)
		*rip = (greg_t)(uintptr_t)linux_safe_syscall_not_started;
}

static void host_handler(int sig, siginfo_t *info, void *uctx)
{
	/* Every host thread running guest code has a thread record; the others keep host
	 * signals blocked, so t is never NULL here. */
	LinuxThread *t = linux_current;
	if (!t)
		return;
	ConvSigInfo si;
	conv_siginfo_from_host(info, t->cpu ? t->cpu->guest_base : 0, &si);
	si.signo = sig;
	enqueue(t, &si);
	stop_unstarted_call(uctx);
}

void linux_host_block_all(sigset_t *old)
{
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

void linux_sigqueue_push_to(LinuxThread *t, const ConvSigInfo *si)
{
	sigset_t old;
	linux_host_block_all(&old);
	enqueue(t, si);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void linux_sigqueue_push(const ConvSigInfo *si)
{
	linux_sigqueue_push_to(linux_self(), si);
}

uint64_t linux_sigqueue_mask(void)
{
	return linux_self()->queue.mask;
}

static void take_rt(LinuxSigQueue *queue, int sig, ConvSigInfo *out)
{
	unsigned i = 0, more = 0;
	while (queue->rt[i].signo != sig)
		i++;
	*out = queue->rt[i];
	memmove(&queue->rt[i], &queue->rt[i + 1], (queue->n_rt - i - 1) * sizeof queue->rt[0]);
	queue->n_rt--;
	for (unsigned j = 0; j < queue->n_rt; j++)
		more |= queue->rt[j].signo == sig;
	if (!more)
		queue->mask &= ~LINUX_SIGBIT(sig);
}

bool linux_sigqueue_take(uint64_t allowed, ConvSigInfo *out)
{
	LinuxSigQueue *queue = &linux_self()->queue;
	if (!(queue->mask & allowed))
		return false;
	sigset_t old;
	linux_host_block_all(&old);
	queue_lock(queue);
	uint64_t ready = queue->mask & allowed;
	bool found = ready != 0;
	if (found) {
		int sig = __builtin_ctzll(ready) + 1;
		if (sig <= LINUX_STD_SIGNALS) {
			*out = queue->std[sig];
			queue->mask &= ~LINUX_SIGBIT(sig);
		} else {
			take_rt(queue, sig, out);
		}
	}
	queue_unlock(queue);
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
	/* The host C library refuses the two real-time signals it keeps for its own
	 * threads (32 and 33), which the runner's threads need too: the guest's 32 and 33
	 * never reach the host as themselves (signal_default.c queues them). */
	sigaction(sig, &sa, NULL);
}

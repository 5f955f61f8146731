/*
 * What the signal files of the Linux personality share: signal-set bits, the queue of
 * signals the host has delivered to the runner but the guest has not seen yet
 * (signal_pending.c), the mask and alternate-stack updates (signal_state.c) and handler
 * entry (signal_deliver.c). Guest signals 1..64 keep their numbers on the host.
 */
#ifndef FERRY_SIGNAL_INT_H
#define FERRY_SIGNAL_INT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"

#define LINUX_SIGBIT(s) ((uint64_t)1 << ((s)-1))
/* SIGKILL and SIGSTOP can be neither caught nor blocked. */
#define LINUX_UNBLOCKABLE (LINUX_SIGBIT(SIGKILL) | LINUX_SIGBIT(SIGSTOP))
/* Synchronous faults the runner needs to see (guest faults arrive through them): never
 * blocked, ignored or handled on the host for the guest. */
#define LINUX_HOST_OWNED                                                                           \
	(LINUX_SIGBIT(SIGSEGV) | LINUX_SIGBIT(SIGBUS) | LINUX_SIGBIT(SIGILL) |                     \
	 LINUX_SIGBIT(SIGFPE) | LINUX_SIGBIT(SIGTRAP))

/* Signals the runner queues itself, never as host signals to its own threads: the fault
 * signals, whose host dispositions belong to the runner, and the two real-time signals
 * the host C library keeps for its threads. */
#define LINUX_RUNNER_QUEUED (LINUX_HOST_OWNED | LINUX_SIGBIT(32) | LINUX_SIGBIT(33))

/* sigaction flags (asm-generic values). */
#define LINUX_SA_NOCLDSTOP 0x00000001u
#define LINUX_SA_NOCLDWAIT 0x00000002u
#define LINUX_SA_SIGINFO   0x00000004u
#define LINUX_SA_RESTORER  0x04000000u
#define LINUX_SA_ONSTACK   0x08000000u
#define LINUX_SA_RESTART   0x10000000u
#define LINUX_SA_NODEFER   0x40000000u
#define LINUX_SA_RESETHAND 0x80000000u

enum { LINUX_SIG_DFL = 0, LINUX_SIG_IGN = 1 };
enum { LINUX_SI_USER = 0, LINUX_SI_QUEUE = -1, LINUX_SI_TKILL = -6 };

/* signal_pending.c */
/* The CPU of the calling thread, whose exit_request a host signal sets. */
void linux_sigqueue_attach(CpuCommon *cpu);
/* Queues a signal for the calling thread's guest code, or for thread t (whose CPU then
 * leaves guest code at the next block boundary), from runner code (host signals held
 * off meanwhile). */
void linux_sigqueue_push(const ConvSigInfo *si);
void linux_sigqueue_push_to(LinuxThread *t, const ConvSigInfo *si);
/* Takes the calling thread's lowest-numbered queued signal in `allowed` (the earliest of
 * its kind for real-time signals); false when there is none. */
bool linux_sigqueue_take(uint64_t allowed, ConvSigInfo *out);
/* Signals with at least one instance queued for the calling thread. */
uint64_t linux_sigqueue_mask(void);
/* Sets the host disposition that stands for the guest's: the runner's recording handler
 * for a guest handler, otherwise the guest's SIG_IGN or SIG_DFL itself. */
void linux_host_action(int sig, const LinuxSigAction *act);
/* Blocks every host signal, returning the previous mask in *old. */
void linux_host_block_all(sigset_t *old);

/* signal_state.c */
/* Sets the calling thread's guest mask (never SIGKILL/SIGSTOP) and mirrors it on its
 * host thread. */
void linux_set_blocked(LinuxProc *p, uint64_t mask);
/* After a wait with a temporary mask (rt_sigsuspend, ppoll, pselect6) ended by a
 * signal: that mask stays in force, and the next handler's frame saves the real one so
 * rt_sigreturn ends it (the kernel's saved sigmask). */
void linux_set_temporary_mask(LinuxProc *p, uint64_t mask);
/* The host mask standing for a guest mask (fault signals stay deliverable). */
void linux_host_mask(uint64_t guest_mask, sigset_t *set);
bool linux_on_altstack(const LinuxThreadSig *s, uint64_t sp);
/* sigaltstack's update at stack pointer sp: 0 or -errno. */
int linux_altstack_set(LinuxProc *p, uint64_t sp, const ConvStack *ss);

/* signal_default.c */
/* Sends `si` to this process (to_thread false) or to the calling thread: the host
 * kernel queues it unless it is one the runner queues itself. Returns 0 or -errno. */
int64_t linux_signal_self(LinuxProc *p, const ConvSigInfo *si, bool to_thread);

/* signal_deliver.c */
/* Maps the sigreturn trampoline page (process start). */
void linux_signal_init(LinuxProc *p);

#endif

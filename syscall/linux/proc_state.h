/*
 * The Linux personality's per-process state and the small helpers every handler file
 * shares. LinuxProc is private to syscall/linux: the runner holds it as an opaque
 * pointer from linux_proc_new(). Handlers are declared in sys.h.
 */
#ifndef FERRY_PROC_STATE_H
#define FERRY_PROC_STATE_H

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/guest_mem.h"
#include "syscall/abi/abi.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/linux.h"

#define LINUX_NSIG          64 /* guest signals 1..64, as on every asm-generic ISA */
#define LINUX_SS_ONSTACK    1
#define LINUX_SS_DISABLE    2
#define LINUX_SS_AUTODISARM (1u << 31)

/* The runner's own binary and the options that re-run it for another guest program. */
typedef struct LinuxExecSelf {
	int fd;    /* O_PATH descriptor, or -1 */
	dev_t dev; /* identity of the file behind fd, to notice a guest dup2 over it */
	ino_t ino;
	char *path; /* absolute path, used when the descriptor is gone */
	char *const *opts;
} LinuxExecSelf;

/* What the guest asked for with rt_sigaction, in guest terms. */
typedef struct LinuxSigAction {
	uint64_t handler; /* guest SIG_DFL 0, SIG_IGN 1, or a guest code address */
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
} LinuxSigAction;

/* The process-wide part of the signal state: dispositions, shared by every thread. */
typedef struct LinuxSigState {
	LinuxSigAction action[LINUX_NSIG + 1]; /* indexed by signal number (LinuxProc.lock) */
	uint64_t sigreturn_addr; /* the guest page holding the ISA's sigreturn trampoline */
} LinuxSigState;

/* A thread's own signal state. */
typedef struct LinuxThreadSig {
	uint64_t blocked;                    /* the guest's signal mask */
	uint64_t altstack_sp, altstack_size; /* size 0: no alternate stack */
	int altstack_flags;                  /* as sigaltstack set them (SS_DISABLE when none) */
	/* rt_sigsuspend runs with a temporary mask; the next handler's frame saves this one
	 * instead, so rt_sigreturn ends the temporary mask. */
	uint64_t saved_mask;
	bool restore_saved;
	/* The syscall that just returned -EINTR, which a handler with SA_RESTART restarts. */
	bool restart_pending;
	uint64_t restart_arg0;
	/* Set by every signal queued for this thread, cleared when the CPU loop delivers:
	 * a blocking host call made while it is set never starts (safe_syscall.h). */
	volatile int arrived;
} LinuxThreadSig;

enum { LINUX_STD_SIGNALS = 31, LINUX_RT_QUEUE_MAX = 128 };

/* Signals on their way to one thread's guest code (signal_pending.c): accepted by the
 * runner's host handler on that thread, or queued by the runner itself. Only the owning
 * thread takes from it; pushes from other threads hold `lock` (a spin lock, taken with
 * host signals blocked, also by the owner's handler). */
typedef struct LinuxSigQueue {
	int lock;
	volatile uint64_t mask;                 /* signals with a queued instance */
	ConvSigInfo std[LINUX_STD_SIGNALS + 1]; /* 1..31: one instance each */
	ConvSigInfo rt[LINUX_RT_QUEUE_MAX];     /* 32..64 in arrival order */
	unsigned n_rt;
} LinuxSigQueue;

/* One guest thread: a host thread running its own CPU through the shared engine. Guest
 * thread ids are the host thread ids. Owned by its thread; other threads only find it
 * in the process's list (under LinuxProc.lock) to queue a signal for it. */
struct LinuxThread {
	LinuxProc *proc;
	CpuCommon *cpu;
	pid_t tid;
	bool leader; /* the process's first thread (the runner's main thread) */
	LinuxThreadSig sig;
	LinuxSigQueue queue;
	uint64_t clear_child_tid; /* set_tid_address / CLONE_CHILD_CLEARTID, or 0 */
	uint64_t robust_list, robust_list_len;
	char comm[16];
	char strace_line[512]; /* the call being traced, printed once it returns */
	const char *strace_name;
	bool strace_pending;
	bool exited; /* the exit syscall ended this thread: its CPU loop returns */
	struct LinuxThread *next;
};

struct LinuxProc {
	const LinuxAbi *abi;
	GuestMem *mem;
	char *exe_path;
	char *sysroot; /* NULL when no -L prefix was given */
	char *uname_release;
	uint64_t start_brk, brk; /* brk: the current break, never below start_brk (lock) */
	uint64_t brk_mapped;     /* end of the pages mapped for the heap so far (lock) */
	uint64_t auxv_addr, auxv_len;
	uint64_t stack_top, stack_limit;
	/* Where the guest's argument and environment strings lie (/proc/self/cmdline,
	 * environ) and the image layout /proc/self/stat reports. */
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t start_code, end_code, start_data, end_data, start_stack;
	LinuxExecSelf self; /* the runner binary, for execve of guest programs */
	void (*code_changed)(void *opaque, uint64_t start, uint64_t len);
	void *code_changed_opaque;
	void (*at_exit)(void *opaque); /* cleared once called */
	void *at_exit_opaque;
	LinuxRunnerHooks hooks; /* running new threads' CPUs, forks */
	uint32_t personality;
	LinuxSigState sig;
	/* Guards what threads change in here after start-up: the thread list, brk and the
	 * heap mapping, signal dispositions. Lock order: this lock, then the engine's, then
	 * guest memory's (no thread waits for this one while holding either of those). */
	pthread_mutex_t lock;
	LinuxThread *threads; /* every live thread */
	int n_threads;        /* live guest threads (atomic): the last exit ends the process */
};

/* The thread this host thread runs (NULL in threads that run no guest code); read by
 * the host signal handler too. */
extern __thread LinuxThread *linux_current;
static inline LinuxThread *linux_self(void)
{
	return linux_current;
}

/* A host call's result as a syscall result: the value, or -errno when it failed. */
static inline int64_t linux_ret(int64_t r)
{
	return r < 0 ? -(int64_t)errno : r;
}

/* Guest argument words narrowed the way the kernel reads them. */
static inline int linux_int(uint64_t w)
{
	return (int)(int32_t)w;
}

/* Prints the traced call that never returns (exit, exit_group, fatal signal). */
void strace_flush_pending(LinuxProc *p);

/* thread.c */
/* Creates the first thread's record and makes it the calling host thread's. */
void linux_thread_init(LinuxProc *p);
/* Creates a guest thread for clone(CLONE_THREAD ...): the child's CPU is a copy of cpu
 * with the result 0, sp = newsp (when not 0) and the TLS register = tls (CLONE_SETTLS).
 * Returns its tid once it is ready, or -errno. */
int64_t linux_thread_clone(LinuxProc *p, CpuCommon *cpu, uint64_t flags, uint64_t newsp,
                           uint64_t parent_tid, uint64_t tls, uint64_t child_tid);
/* Ends the calling thread (the exit syscall): its clear_child_tid is cleared and woken,
 * and its CPU loop returns; when it is the last thread the process exits with status. */
void linux_thread_exit(LinuxProc *p, int status);
/* Runs fn on the live thread `tid` of this process under the process lock; -ESRCH when
 * there is none. */
int linux_thread_with(LinuxProc *p, pid_t tid, void (*fn)(LinuxThread *t, void *arg), void *arg);

/* Runs the runner's at-exit hook (once) and flushes what the runner has buffered before
 * the process ends. */
void linux_flush_logs(LinuxProc *p);

/* Takes the default action of `sig`: ends the process by the same host signal, stops
 * it, or does nothing; returns unless the process ended. */
void linux_signal_default(LinuxProc *p, int sig);
/* The same for a signal whose default action ends the process (a fault signal). */
_Noreturn void linux_signal_fatal(LinuxProc *p, int sig);

/* The host signal set for a guest mask (signals 1..64 keep their numbers; the ones the
 * host C library reserves for itself are left out). */
void linux_sigset_to_host(uint64_t mask, sigset_t *set);

/* The runner-binary descriptor kept for execve (exec.c) is not the guest's to close:
 * close reports it as not open and close_range leaves it alone. */
bool linux_exec_fd_reserved(const LinuxProc *p, int fd);
int64_t linux_exec_close_range(const LinuxProc *p, unsigned lo, unsigned hi, unsigned flags);

/* Drops translations of [start, start+len). */
static inline void linux_code_changed(LinuxProc *p, uint64_t start, uint64_t len)
{
	if (p->code_changed && len)
		p->code_changed(p->code_changed_opaque, start, len);
}

#endif

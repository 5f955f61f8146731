/*
 * Guest threads: clone with CLONE_THREAD makes a host thread (pthread_create) that runs a
 * copy of the parent's CPU through the shared engine, so guest thread ids are host
 * thread ids and every tid-based interface (tgkill, PI futexes, /proc/self/task) works
 * on the host unchanged. Host signals stay blocked while the thread is created; the new
 * thread first records itself (linux_current, the process's thread list, the tids the
 * guest asked for), then tells the parent it is ready and installs the guest's mask.
 *
 * A thread ends with the exit syscall: its clear_child_tid word is zeroed and woken (what
 * pthread_join waits for), the engine forgets its CPU, and its CPU loop returns. A thread
 * created here then returns to the host C library, which frees its stack; the process's
 * first thread (the runner's main thread, or the thread that forked this process) ends
 * with the raw exit call instead, so the host library never decides that the process is
 * over. The last guest thread to end ends the process, with its status.
 *
 * Forks: the locks of the personality, the engine and guest memory are held across
 * fork() (pthread_atfork), so the child never inherits one mid-change; the child keeps
 * only the forking thread, which becomes its first thread.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/proc_state.h"
#include "syscall/linux/signal_int.h"

/* Runner code on a guest thread's host thread is shallow (handlers, translation); the
 * guest's own stack is guest memory. */
#define THREAD_STACK_SIZE (1u << 20)

__thread LinuxThread *linux_current;

typedef struct ThreadStart {
	LinuxProc *p;
	LinuxThread *t;
	uint64_t flags, parent_tid, child_tid;
	pid_t tid; /* the child's, set before it is ready (t may be gone by the time the
	            * parent looks) */
	sem_t ready;
} ThreadStart;

static void list_add(LinuxProc *p, LinuxThread *t)
{
	pthread_mutex_lock(&p->lock);
	t->next = p->threads;
	p->threads = t;
	pthread_mutex_unlock(&p->lock);
}

static void list_remove(LinuxProc *p, LinuxThread *t)
{
	pthread_mutex_lock(&p->lock);
	for (LinuxThread **pp = &p->threads; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	pthread_mutex_unlock(&p->lock);
}

int linux_thread_with(LinuxProc *p, pid_t tid, void (*fn)(LinuxThread *t, void *arg), void *arg)
{
	int r = -ESRCH;
	pthread_mutex_lock(&p->lock);
	for (LinuxThread *t = p->threads; t; t = t->next) {
		if (t->tid == tid) {
			fn(t, arg);
			r = 0;
			break;
		}
	}
	pthread_mutex_unlock(&p->lock);
	return r;
}

/* What a thread does not share with its parent although the host thread does: a guest
 * thread without CLONE_FS or CLONE_FILES gets its own copy. */
static void unshare_missing(uint64_t flags)
{
	int what = 0;
	if (!(flags & CLONE_FS))
		what |= CLONE_FS;
	if (!(flags & CLONE_FILES))
		what |= CLONE_FILES;
	if (what)
		unshare(what);
}

static void *thread_start(void *arg)
{
	ThreadStart *st = arg;
	LinuxProc *p = st->p;
	LinuxThread *t = st->t;
	uint64_t flags = st->flags;
	t->tid = gettid();
	linux_current = t;
	unshare_missing(flags);
	if (flags & CLONE_PARENT_SETTID)
		conv_put_u32(p->abi, p->mem, st->parent_tid, (uint32_t)t->tid);
	if (flags & CLONE_CHILD_SETTID)
		conv_put_u32(p->abi, p->mem, st->child_tid, (uint32_t)t->tid);
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = st->child_tid;
	list_add(p, t);
	st->tid = t->tid;
	sem_post(&st->ready); /* st is the parent's and gone after this */
	sigset_t set;
	linux_host_mask(t->sig.blocked, &set);
	pthread_sigmask(SIG_SETMASK, &set, NULL);
	p->hooks.run_cpu(p->hooks.opaque, t->cpu);
	if (t->leader)
		syscall(SYS_exit, 0); /* this process's first thread now (forked from here) */
	linux_current = NULL;
	free(t->cpu);
	free(t);
	return NULL;
}

/* The child's CPU: the parent's state with the engine's per-CPU fields cleared, the
 * clone result 0, the new stack and TLS. */
static CpuCommon *child_cpu(LinuxProc *p, const CpuCommon *cpu, uint64_t flags, uint64_t newsp,
                            uint64_t tls)
{
	size_t size = p->abi->arch->cpu_size;
	CpuCommon *c = malloc(size);
	if (!c)
		return NULL;
	memcpy(c, cpu, size);
	c->fault_jmp = NULL;
	c->exit_request = 0;
	c->ras_gen = 0;
	c->jump_cache = NULL;
	c->engine_cpu = NULL;
	p->abi->syscall_return(c, 0);
	if (newsp)
		p->abi->set_sp(c, newsp);
	if (flags & CLONE_SETTLS)
		p->abi->set_tls(c, tls);
	return c;
}

static LinuxThread *new_thread(LinuxProc *p, CpuCommon *cpu)
{
	LinuxThread *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	const LinuxThread *parent = linux_self();
	t->proc = p;
	t->cpu = cpu;
	/* The mask is inherited; the alternate stack is not (clone with CLONE_VM). */
	t->sig.blocked = parent->sig.blocked;
	t->sig.altstack_flags = LINUX_SS_DISABLE;
	memcpy(t->comm, parent->comm, sizeof t->comm);
	return t;
}

/* Starts the host thread with every host signal blocked (it installs the guest's mask
 * itself once it is ready) and waits until it is. */
static int start_host_thread(ThreadStart *st)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, THREAD_STACK_SIZE);
	sigset_t old;
	linux_host_block_all(&old);
	pthread_t h;
	int r = pthread_create(&h, &attr, thread_start, st);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (r)
		return -r;
	while (sem_wait(&st->ready) < 0 && errno == EINTR)
		;
	return 0;
}

int64_t linux_thread_clone(LinuxProc *p, CpuCommon *cpu, uint64_t flags, uint64_t newsp,
                           uint64_t parent_tid, uint64_t tls, uint64_t child_tid)
{
	if (!p->hooks.run_cpu)
		return -ENOSYS;
	if ((flags & CLONE_PARENT_SETTID) && !gmem_access_ok(p->mem, parent_tid, 4, PROT_WRITE))
		return -EFAULT;
	CpuCommon *c = child_cpu(p, cpu, flags, newsp, tls);
	LinuxThread *t = c ? new_thread(p, c) : NULL;
	if (!t) {
		free(c);
		return -ENOMEM;
	}
	ThreadStart st = {.p = p, .t = t, .flags = flags, .parent_tid = parent_tid,
	                  .child_tid = child_tid};
	sem_init(&st.ready, 0, 0);
	__atomic_add_fetch(&p->n_threads, 1, __ATOMIC_SEQ_CST);
	int r = start_host_thread(&st);
	sem_destroy(&st.ready);
	if (r < 0) {
		__atomic_sub_fetch(&p->n_threads, 1, __ATOMIC_SEQ_CST);
		free(c);
		free(t);
		return r == -EAGAIN ? -EAGAIN : -ENOMEM;
	}
	return st.tid;
}

/* Signals this thread's handler accepted but the guest has not seen yet: the ones sent
 * to the process go back to it (with their siginfo where the kernel lets a thread
 * forge it, else as a plain kill); the ones for this thread (tkill, tgkill) and the
 * runner's own queued ones end with it, as a thread's private signals do. */
static void requeue_pending(LinuxThread *t)
{
	ConvSigInfo si;
	while (linux_sigqueue_take(~0ull, &si)) {
		if ((LINUX_SIGBIT(si.signo) & LINUX_RUNNER_QUEUED) || si.code == LINUX_SI_TKILL)
			continue;
		siginfo_t h;
		conv_siginfo_to_host(&si, &h);
		if (si.code == LINUX_SI_USER ||
		    syscall(SYS_rt_sigqueueinfo, getpid(), si.signo, &h) < 0)
			kill(getpid(), si.signo);
	}
}

/* The kernel's mm_release for a thread that exits: zero the word and wake one waiter. */
static void clear_child_tid(LinuxProc *p, LinuxThread *t)
{
	uint64_t addr = t->clear_child_tid;
	if (!addr || !gmem_access_ok(p->mem, addr, 4, PROT_WRITE))
		return;
	uint32_t *w = gmem_g2h(p->mem, addr);
	__atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

void linux_thread_exit(LinuxProc *p, int status)
{
	LinuxThread *t = linux_self();
	strace_flush_pending(p);
	if (__atomic_sub_fetch(&p->n_threads, 1, __ATOMIC_SEQ_CST) == 0) {
		linux_flush_logs(p);
		_exit(status & 0xff);
	}
	/* From here on no host handler may record a signal for this thread. */
	linux_host_block_all(NULL);
	requeue_pending(t);
	list_remove(p, t);
	if (p->hooks.release_cpu)
		p->hooks.release_cpu(p->hooks.opaque, t->cpu);
	clear_child_tid(p, t);
	t->exited = true;
}

static LinuxProc *fork_proc; /* the process whose locks fork() must hold */

static void fork_prepare(void)
{
	LinuxProc *p = fork_proc;
	pthread_mutex_lock(&p->lock);
	if (p->hooks.fork_prepare)
		p->hooks.fork_prepare(p->hooks.opaque);
	gmem_fork_prepare(p->mem);
}

static void fork_parent(void)
{
	LinuxProc *p = fork_proc;
	gmem_fork_parent(p->mem);
	if (p->hooks.fork_parent)
		p->hooks.fork_parent(p->hooks.opaque);
	pthread_mutex_unlock(&p->lock);
}

/* The child's only thread is the one that forked; it is the child's first thread, so it
 * ends like one (see the file comment). The other threads' records are left behind. */
static void fork_child(void)
{
	LinuxProc *p = fork_proc;
	LinuxThread *self = linux_self();
	gmem_fork_child(p->mem);
	if (p->hooks.fork_child)
		p->hooks.fork_child(p->hooks.opaque, self ? self->cpu : NULL);
	pthread_mutex_init(&p->lock, NULL);
	p->threads = self;
	p->n_threads = 1;
	if (self) {
		self->next = NULL;
		self->tid = gettid();
		self->leader = true;
	}
}

void linux_thread_init(LinuxProc *p)
{
	static bool registered;
	LinuxThread *t = calloc(1, sizeof *t);
	t->proc = p;
	t->tid = gettid();
	t->leader = true;
	t->sig.altstack_flags = LINUX_SS_DISABLE;
	pthread_mutex_init(&p->lock, NULL);
	p->threads = t;
	p->n_threads = 1;
	linux_current = t;
	fork_proc = p;
	if (!registered) {
		registered = true;
		pthread_atfork(fork_prepare, fork_parent, fork_child);
	}
}

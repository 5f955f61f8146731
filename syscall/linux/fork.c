/*
 * clone. With CLONE_THREAD it makes a guest thread (thread.c). Without it, the guest's
 * fork(), vfork() and posix_spawn() arrive here, and the child is a host fork of the
 * whole runner (guest memory, translations and personality state come along), which also
 * serves CLONE_VM | CLONE_VFORK: the child gets a copy instead of the shared memory, which
 * is enough for the exec-or-exit that vfork callers do, with vfork.c making the parent
 * wait for it and copying back what the child wrote into the parent thread's stack.
 *
 * The fork goes through the host C library's fork() whenever the child reports its end
 * with SIGCHLD (every C library's fork and posix_spawn): that one holds the runner's own
 * locks (pthread_atfork, thread.c) and the C library's (malloc, stdio) across the fork,
 * so a child forked while other guest threads were inside the runner finds none of them
 * held. Only a child with another exit signal is made with the raw clone call.
 *
 * What is refused: CLONE_VM without CLONE_THREAD or CLONE_VFORK, a process that shares
 * the parent's memory while running on its own, with EINVAL (the runner cannot share
 * its translator state with another process); the kernel's own EINVAL for CLONE_THREAD
 * without CLONE_SIGHAND and CLONE_SIGHAND without CLONE_VM; namespace and other flags a
 * fork cannot honour with ENOSYS, so callers fall back.
 */
#include <pthread.h>
#include <signal.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"
#include "syscall/linux/vfork.h"

/* The clone flags a process fork may carry. */
#define FORK_FLAGS                                                                                 \
	(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID |                   \
	 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)
/* The flags a thread may carry: what pthread_create passes (0x3d0f00), plus the ones
 * that change nothing here. */
#define THREAD_FLAGS                                                                               \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |        \
	 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |          \
	 CLONE_DETACHED | CLONE_IO | CLONE_UNTRACED | CLONE_PTRACE)

static void child_setup(LinuxProc *p, CpuCommon *cpu, uint64_t flags, uint64_t newsp, uint64_t tls,
                        uint64_t child_tid)
{
	if (newsp)
		p->abi->set_sp(cpu, newsp);
	if (flags & CLONE_SETTLS)
		p->abi->set_tls(cpu, tls);
	if (flags & CLONE_CHILD_SETTID)
		conv_put_u32(p->abi, p->mem, child_tid, (uint32_t)gettid());
	if (flags & CLONE_CHILD_CLEARTID)
		linux_self()->clear_child_tid = child_tid;
}

static int64_t unsupported(uint64_t flags, int64_t err)
{
	if (log_on(LOG_UNIMP))
		log_printf("unsupported: clone flags 0x%llx\n", (unsigned long long)flags);
	return err;
}

/* Forks of one process one at a time, so that no fork by another thread copies the
 * write end of a vfork channel (vfork.c) while it is open in the parent: a process that
 * kept it would hold the vfork parent up until it exec'ed or ended. */
static pthread_mutex_t fork_serial = PTHREAD_MUTEX_INITIALIZER;

static int64_t fork_process(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t flags = a[0];
	if ((flags & CLONE_PARENT_SETTID) && !gmem_access_ok(p->mem, a[2], 4, PROT_WRITE))
		return -EFAULT;
	int channel[2] = {-1, -1};
	pthread_mutex_lock(&fork_serial);
	if (flags & CLONE_VFORK) {
		int r = linux_vfork_prepare(channel);
		if (r < 0) {
			pthread_mutex_unlock(&fork_serial);
			return r;
		}
	}
	long pid =
	    (flags & CSIGNAL) == SIGCHLD
	        ? fork()
	        : syscall(SYS_clone, (unsigned long)(flags & CSIGNAL), NULL, NULL, NULL, 0UL);
	int err = errno;
	if (pid == 0) {
		pthread_mutex_init(&fork_serial, NULL);
		/* the parent thread's stack pointer, before the child may move to its own */
		uint64_t parent_sp = p->abi->get_sp(cpu);
		linux_vfork_forget();
		if (channel[0] >= 0) {
			close(channel[0]);
			linux_vfork_child_start(p, parent_sp, channel[1]);
		}
		child_setup(p, cpu, flags, a[1], a[3], a[4]);
		return 0;
	}
	if (channel[1] >= 0)
		close(channel[1]);
	pthread_mutex_unlock(&fork_serial);
	if (pid < 0) {
		if (channel[0] >= 0)
			close(channel[0]);
		return -err;
	}
	if (flags & CLONE_PARENT_SETTID)
		conv_put_u32(p->abi, p->mem, a[2], (uint32_t)pid);
	if (channel[0] >= 0)
		linux_vfork_wait(p, channel[0]);
	return pid;
}

/* Argument order of the asm-generic ISAs (riscv64, aarch64):
 * clone(flags, newsp, parent_tid, tls, child_tid). */
int64_t sys_clone(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t flags = a[0];
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & CLONE_THREAD) {
		if (flags & ~(uint64_t)THREAD_FLAGS)
			return unsupported(flags, -ENOSYS);
		return linux_thread_clone(p, cpu, flags, a[1], a[2], a[3], a[4]);
	}
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
		return unsupported(flags, -EINVAL);
	if (flags & ~(uint64_t)FORK_FLAGS)
		return unsupported(flags, -ENOSYS);
	return fork_process(p, cpu, a);
}

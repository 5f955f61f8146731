/*
 * clone as a process fork: the guest's fork(), vfork() and posix_spawn() all arrive here
 * as clone without CLONE_THREAD. The child is a host fork of the whole runner (guest
 * memory, translations and personality state come along), which also serves CLONE_VM |
 * CLONE_VFORK: the child gets a copy instead of the shared memory, which is enough for
 * the exec-or-exit that vfork callers do. Thread creation (CLONE_VM without CLONE_VFORK,
 * CLONE_THREAD) is refused with ENOSYS until guest threads exist.
 */
#include <signal.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

/* The clone flags a process fork may carry; anything else needs threads or namespaces. */
#define FORK_FLAGS                                                                         \
	(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID |            \
	 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

static void child_setup(LinuxProc *p, CpuCommon *cpu, uint64_t flags, uint64_t newsp,
			uint64_t tls, uint64_t child_tid)
{
	if (newsp)
		p->abi->set_sp(cpu, newsp);
	if (flags & CLONE_SETTLS)
		p->abi->set_tls(cpu, tls);
	if (flags & CLONE_CHILD_SETTID)
		conv_put_u32(p->abi, p->mem, child_tid, (uint32_t)gettid());
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tid;
}

/* Argument order of the asm-generic ISAs (riscv64, aarch64):
 * clone(flags, newsp, parent_tid, tls, child_tid). */
int64_t sys_clone(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t flags = a[0];
	bool vm = flags & CLONE_VM, vfork = flags & CLONE_VFORK;
	if ((flags & ~(uint64_t)FORK_FLAGS) || (vm && !vfork)) {
		if (log_on(LOG_UNIMP))
			log_printf("unimplemented: clone flags 0x%llx (threads)\n",
				   (unsigned long long)flags);
		return -ENOSYS;
	}
	if ((flags & CLONE_PARENT_SETTID) && !gmem_access_ok(p->mem, a[2], 4, PROT_WRITE))
		return -EFAULT;
	long pid = syscall(SYS_clone, (unsigned long)(flags & CSIGNAL), NULL, NULL, NULL, 0UL);
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		child_setup(p, cpu, flags, a[1], a[3], a[4]);
		return 0;
	}
	if (flags & CLONE_PARENT_SETTID)
		conv_put_u32(p->abi, p->mem, a[2], (uint32_t)pid);
	return pid;
}

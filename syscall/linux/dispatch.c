/*
 * The system-call entry of the Linux personality: reads the number and arguments from
 * the CPU state through the ABI, looks the handler up in the ISA's table, and writes the
 * result back. Numbers without a handler return -ENOSYS and are reported under
 * `-d unimp`; `-strace` wraps each call (strace.c). A blocking host call that a signal
 * kept from starting (-LINUX_NOT_STARTED, safe_syscall.h) leaves the guest at its
 * syscall instruction with its arguments intact: the CPU loop delivers the signal next,
 * and the handler returns to the syscall, which then runs as if the signal had come
 * just before it.
 */
#include <errno.h>
#include <inttypes.h>

#include "common/log.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/safe_syscall.h"
#include "syscall/linux/strace.h"

static const LinuxSyscallDesc *lookup(const LinuxAbi *abi, uint64_t nr)
{
	uint64_t arch = nr - abi->arch_syscall_first;
	if (nr >= abi->arch_syscall_first && arch < abi->n_arch_syscalls &&
	    abi->arch_syscalls[arch].name)
		return &abi->arch_syscalls[arch];
	if (nr >= abi->n_syscalls || !abi->syscalls[nr].name)
		return NULL;
	return &abi->syscalls[nr];
}

bool linux_syscall(LinuxProc *p, CpuCommon *cpu)
{
	uint64_t a[6];
	const LinuxAbi *abi = p->abi;
	uint64_t nr = abi->syscall_args(cpu, a);
	const LinuxSyscallDesc *d = lookup(abi, nr);
	bool trace = log_on(LOG_STRACE);
	if (trace)
		strace_begin(p, nr, d, a);
	int64_t ret;
	if (d && d->fn) {
		ret = d->fn(p, cpu, a);
	} else {
		ret = -ENOSYS;
		if (log_on(LOG_UNIMP))
			log_printf("unimplemented syscall %s (%" PRIu64 ")\n",
			           d ? d->name : "unknown", nr);
	}
	LinuxThread *t = linux_self();
	if (t->exited)
		return false;
	if (trace)
		strace_end(p, ret);
	if (ret == -LINUX_NOT_STARTED) {
		t->sig.restart_pending = false;
		abi->syscall_restart(cpu, a[0]);
		return true;
	}
	/* A handler with SA_RESTART that interrupted this call will run it again. */
	t->sig.restart_pending = ret == -EINTR && !(d && (d->flags & LINUX_SC_NORESTART));
	t->sig.restart_arg0 = a[0];
	abi->syscall_return(cpu, ret);
	return true;
}

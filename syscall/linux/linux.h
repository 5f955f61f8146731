/*
 * Entry points of the Linux personality used by the runner's CPU loop: create the
 * process state after loading, handle a syscall exit, and turn synchronous guest faults
 * into signals. Everything else in syscall/linux is internal to the personality.
 */
#ifndef FERRY_LINUX_H
#define FERRY_LINUX_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cpu_common.h"
#include "common/guest_mem.h"
#include "syscall/abi/abi.h"

typedef struct LinuxThread LinuxThread;

/* What the personality needs from the runner for guest threads and forks. */
typedef struct LinuxRunnerHooks {
	/* Runs the CPU loop of cpu on the calling host thread (a new guest thread);
	 * returns once linux_syscall reported that the thread has exited. */
	void (*run_cpu)(void *opaque, CpuCommon *cpu);
	/* The engine forgets cpu: its thread is ending and runs no more guest code. */
	void (*release_cpu)(void *opaque, CpuCommon *cpu);
	/* Around a fork (pthread_atfork order): prepare takes the engine's locks, parent
	 * releases them, child also drops every CPU but `survivor`'s. */
	void (*fork_prepare)(void *opaque);
	void (*fork_parent)(void *opaque);
	void (*fork_child)(void *opaque, CpuCommon *survivor);
	void *opaque;
} LinuxRunnerHooks;

typedef struct LinuxProcInit {
	const char *exe_path;      /* host path of the guest program (/proc/self/exe) */
	const char *sysroot;       /* -L prefix, or NULL */
	const char *uname_release; /* -r value, or NULL for the host's */
	uint64_t start_brk;        /* initial program break */
	uint64_t auxv_addr, auxv_len;
	uint64_t stack_top, stack_limit;
	uint64_t initial_sp; /* argc's address: argv and envp are found from it */
	uint64_t start_code, end_code, start_data, end_data; /* for /proc/self/stat */
	/* The runner's own binary (an O_PATH descriptor or -1, and its path) and the options
	 * a re-executed runner needs, for the guest's execve of another guest program. The
	 * vector is borrowed for the life of the process. */
	int runner_fd;
	const char *runner_path;
	char *const *runner_opts;
	/* Called when guest code in [start, start+len) may have changed or gone away
	 * (munmap, mprotect, mremap), so translations of it are dropped. */
	void (*code_changed)(void *opaque, uint64_t start, uint64_t len);
	void *code_changed_opaque;
	/* Called once when the guest process ends (exit, exit_group, or a signal's default
	 * action that kills it), before buffered output is flushed; may be NULL. */
	void (*at_exit)(void *opaque);
	void *at_exit_opaque;
	LinuxRunnerHooks hooks; /* all NULL: no threads (clone of a thread fails) */
} LinuxProcInit;

/* The process state, and its first thread, which becomes the calling host thread's. */
LinuxProc *linux_proc_new(const LinuxAbi *abi, GuestMem *mem, const LinuxProcInit *init);

/* Handles a CPU_EXIT_SYSCALL: decodes, dispatches (with -strace and -d unimp logging),
 * writes the result into the CPU state. exit_group does not return; false when the
 * calling thread has exited (the exit syscall of a thread that was not the last), after
 * which its CPU loop must return without running guest code again. */
bool linux_syscall(LinuxProc *p, CpuCommon *cpu);

/* A synchronous guest fault (CPU_EXIT_ILLEGAL, MEM_FAULT, ...) becomes a guest signal:
 * the guest handler is entered when one is installed and the signal is not blocked,
 * otherwise the default action kills the runner by the same signal. Returns only when
 * the guest should continue at cpu->pc. */
void linux_fault_signal(LinuxProc *p, CpuCommon *cpu, CpuExit why);

/* Makes `cpu` the first thread's CPU: a host signal arriving on this host thread sets
 * its exit_request. */
void linux_signal_attach(LinuxProc *p, CpuCommon *cpu);

/* The CPU loop's safe point, after every syscall and CPU_EXIT_INTERRUPT: hands pending
 * signals the guest does not block to their handlers (cpu->pc then is the handler's) or
 * takes their default action. */
void linux_signal_deliver(LinuxProc *p, CpuCommon *cpu);

#endif

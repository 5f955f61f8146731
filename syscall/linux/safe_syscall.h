/*
 * Host system calls that may block, issued so that a guest signal cannot be lost in the
 * gap between the CPU loop's last look at the signal queue and the call
 * (safe_syscall_x86_64.S). The runner's host handler sets the calling thread's
 * `arrived` word for every signal it queues; a call made here then returns
 * -LINUX_NOT_STARTED without entering the kernel, and the dispatcher delivers the signal
 * and issues the guest's syscall again, as the kernel does for a signal that comes just
 * before a syscall. Non-blocking calls keep the C library's wrappers.
 */
#ifndef FERRY_SAFE_SYSCALL_H
#define FERRY_SAFE_SYSCALL_H

#include <stdint.h>
#include <sys/syscall.h>

#include "syscall/linux/proc_state.h"

/* Never a Linux errno the kernel hands to user space (its ERESTARTSYS). */
#define LINUX_NOT_STARTED 512

long linux_safe_syscall_entry(const volatile int *arrived, long nr, long a1, long a2, long a3,
                              long a4, long a5, long a6);
/* The labels the host signal handler tests an interrupted pc against. */
extern const char linux_safe_syscall_window_start[], linux_safe_syscall_window_end[],
    linux_safe_syscall_not_started[];

static inline int64_t linux_safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
                                          long a6)
{
	static const volatile int never;
	LinuxThread *t = linux_self();
	return linux_safe_syscall_entry(t ? &t->sig.arrived : &never, nr, a1, a2, a3, a4, a5, a6);
}

/* linux_blocking_syscall(SYS_x, args...): up to six arguments, the result or -errno
 * (never errno), or -LINUX_NOT_STARTED for the dispatcher. */
#define linux_blocking_syscall(...) linux_blocking_syscall_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)
#define linux_blocking_syscall_(nr, a, b, c, d, e, f, ...)                                         \
	linux_safe_syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

#endif

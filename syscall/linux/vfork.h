/*
 * CLONE_VFORK on top of a fork (vfork.c): the parent thread waits for the child's exec
 * or end and gets the bytes the child changed in that thread's stack.
 */
#ifndef FERRY_LINUX_VFORK_H
#define FERRY_LINUX_VFORK_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall/abi/abi.h"

/* Before the fork: the channel, fds[0] the parent's read end, fds[1] the child's
 * write end, both close-on-exec. 0 or -errno. */
int linux_vfork_prepare(int fds[2]);
/* In the child, before any guest code: keeps fd and a copy of the parent thread's stack
 * from sp up. */
void linux_vfork_child_start(LinuxProc *p, uint64_t sp, int fd);
/* In the child as it ends: sends the changed stack bytes and closes the channel. */
void linux_vfork_child_end(LinuxProc *p);
/* In a child forked by a vfork child: the channel is not this process's to hold. */
void linux_vfork_forget(void);
/* In the parent after the fork: applies the child's bytes until end of file, closes fd. */
void linux_vfork_wait(LinuxProc *p, int fd);
/* The write end the guest must not close (-1 outside a vfork child). */
bool linux_vfork_fd_reserved(int fd);
int linux_vfork_fd(void);

#endif

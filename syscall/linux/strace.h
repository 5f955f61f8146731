/*
 * -strace output: `PID name(args) = result`, one line per system call, written once the
 * call returns (or, for calls that never return, just before the process ends).
 */
#ifndef FERRY_STRACE_H
#define FERRY_STRACE_H

#include <stdint.h>

#include "syscall/linux/proc_state.h"

void strace_begin(LinuxProc *p, uint64_t nr, const LinuxSyscallDesc *d, const uint64_t a[6]);
void strace_end(LinuxProc *p, int64_t ret);
/* Formats one result (`0`, `0x7f0000`, `-1 ENOENT (No such file or directory)`). */
void strace_format_result(char *buf, size_t size, const char *name, int64_t ret);

#endif

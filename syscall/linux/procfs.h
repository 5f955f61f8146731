/*
 * /proc entries the personality answers itself because the host's would describe the
 * runner (procfs.c).
 */
#ifndef FERRY_PROCFS_H
#define FERRY_PROCFS_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall/linux/proc_state.h"

/* For a path naming this process's own /proc directory (/proc/self/, /proc/<pid>/,
 * /proc/thread-self/, with or without task/<tid>/), the entry name after it; else NULL. */
const char *linux_procfs_self_entry(const char *path);

/* openat of an emulated entry: returns true with *ret the new descriptor or -errno;
 * false when `path` is not emulated and the host should open it. `flags` are host
 * open flags. */
bool linux_procfs_open(LinuxProc *p, const char *path, int flags, int64_t *ret);

#endif

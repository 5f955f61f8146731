/*
 * Guest path names as host path names. Lookups of absolute paths go through the -L
 * sysroot the way the ELF interpreter's does (the sysroot copy when it exists, else the
 * path itself), and /proc/self/exe names the guest program rather than the runner.
 */
#ifndef FERRY_PATH_H
#define FERRY_PATH_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall/linux/proc_state.h"

typedef struct LinuxPath {
	const char *host; /* the path to hand to the host call */
	char *owned;      /* storage to release with linux_path_free, or NULL */
} LinuxPath;

/* Reads the guest string at `addr` (-EFAULT, -ENAMETOOLONG). With `lookup`, applies the
 * sysroot and /proc/self/exe rules; without, the string is used as it is (names being
 * created, symlink targets). */
int linux_path_get(LinuxProc *p, uint64_t addr, bool lookup, LinuxPath *out);
void linux_path_free(LinuxPath *lp);

/* True for "/proc/self/exe" and its other spellings (/proc/<our pid>/exe, thread-self). */
bool linux_path_is_self_exe(const char *path);

#endif

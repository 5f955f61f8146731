/*
 * Guest path names as host path names: sysroot resolution for lookups (shared with the
 * loader's PT_INTERP handling through loader_resolve_path) and the /proc/self/exe alias
 * for the guest program.
 */
#include "syscall/linux/path.h"

#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/loader.h"
#include "syscall/linux/procfs.h"

bool linux_path_is_self_exe(const char *path)
{
	const char *entry = linux_procfs_self_entry(path);
	return entry && strcmp(entry, "exe") == 0;
}

int linux_path_get(LinuxProc *p, uint64_t addr, bool lookup, LinuxPath *out)
{
	out->host = NULL;
	out->owned = NULL;
	const char *s = gmem_str(p->mem, addr, PATH_MAX);
	if (!s)
		return gmem_access_ok(p->mem, addr, 1, PROT_READ) ? -ENAMETOOLONG : -EFAULT;
	out->host = s;
	if (!lookup || s[0] != '/')
		return 0;
	if (linux_path_is_self_exe(s) && p->exe_path) {
		out->host = p->exe_path;
		return 0;
	}
	if (p->sysroot) {
		out->owned = loader_resolve_path(p->sysroot, s);
		out->host = out->owned;
	}
	return 0;
}

void linux_path_free(LinuxPath *lp)
{
	g_free(lp->owned);
	lp->owned = NULL;
}

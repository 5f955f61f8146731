/*
 * Maps guest absolute paths into the -L sysroot, the one rule shared by PT_INTERP
 * loading and the guest's file system calls: a path that exists under the sysroot is
 * used from there, anything else is used as the host sees it (so a sysroot only needs to
 * hold what differs from the host, such as the guest's libraries).
 */
#include "loader/loader.h"

#include <string.h>
#include <unistd.h>

#include <glib.h>

char *loader_resolve_path(const char *sysroot, const char *path)
{
	if (!sysroot || !*sysroot || !path || path[0] != '/')
		return g_strdup(path);
	size_t n = strlen(sysroot);
	while (n > 1 && sysroot[n - 1] == '/')
		n--;
	char *candidate = g_strdup_printf("%.*s%s", (int)n, sysroot, path);
	if (access(candidate, F_OK) == 0)
		return candidate;
	g_free(candidate);
	return g_strdup(path);
}

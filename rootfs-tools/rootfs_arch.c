/*
 * Architecture names for root filesystems. Debian names its ports after dpkg's
 * architecture ("arm64", "armhf", "ppc64el"), ferry after the ELF machine the binfmt table
 * lists ("aarch64", "arm", "ppc64le"); users type either, so both map to one line here.
 * Which architecture an existing tree holds is read from an ELF header inside it, opened
 * with RESOLVE_IN_ROOT so the tree's absolute symbolic links (/bin -> usr/bin, sh -> dash)
 * resolve inside the tree and never lead to the host's programs.
 */
#include "rootfs-tools/rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const RootfsArch arches[] = {
    {"amd64", "x86_64"},        {"arm64", "aarch64"},     {"armhf", "arm"},
    {"armel", "arm"},           {"i386", "i386"},         {"riscv64", "riscv64"},
    {"ppc64el", "ppc64le"},     {"ppc64", "ppc64"},       {"powerpc", "ppc"},
    {"s390x", "s390x"},         {"mips64el", "mips64el"}, {"mipsel", "mipsel"},
    {"loong64", "loongarch64"}, {"alpha", "alpha"},       {"hppa", "hppa"},
    {"m68k", "m68k"},           {"sh4", "sh4"},           {"sparc64", "sparc64"},
};
#define N_ARCHES (sizeof arches / sizeof arches[0])

const RootfsArch *rootfs_arch_find(const char *name)
{
	for (size_t i = 0; i < N_ARCHES; i++)
		if (strcmp(arches[i].debian, name) == 0)
			return &arches[i];
	/* by ISA name: the first line wins, so "arm" is armhf */
	for (size_t i = 0; i < N_ARCHES; i++)
		if (strcmp(arches[i].isa, name) == 0)
			return &arches[i];
	return NULL;
}

/* Files whose header tells a Debian tree's architecture, most telling first: dpkg is
 * built for the tree's own architecture even when a foreign shell was added. */
static const char *const probes[] = {"usr/bin/dpkg", "bin/sh", "usr/bin/sh", "bin/busybox"};

static int open_in_root(int dirfd, const char *path)
{
	struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT};
	long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
	return fd < 0 ? -errno : (int)fd;
}

const BinfmtIsa *rootfs_arch_detect(const char *root, const char **why)
{
	uint8_t header[64];
	int dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	*why = "no such directory";
	if (dirfd < 0)
		return NULL;
	*why = "it has neither usr/bin/dpkg nor bin/sh";
	const BinfmtIsa *isa = NULL;
	for (size_t i = 0; i < sizeof probes / sizeof probes[0] && !isa; i++) {
		int fd = open_in_root(dirfd, probes[i]);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, header, sizeof header);
		close(fd);
		isa = n > 0 ? binfmt_isa_for_header(header, (size_t)n) : NULL;
		if (!isa)
			*why = "its programs are not ELF images for a machine ferry knows";
	}
	close(dirfd);
	return isa;
}

/*
 * Shared by the files of `ferry rootfs create`: the parsed command line and checked
 * inputs (rootfs_create.c), and the two debootstrap stages with their progress display
 * and failure report (rootfs_create_stage.c).
 */
#ifndef FERRY_ROOTFS_CREATE_H
#define FERRY_ROOTFS_CREATE_H

#include <dirent.h>
#include <limits.h>

#include "rootfs-tools/rootfs.h"

typedef struct CreateArgs {
	const char *arch_name, *suite, *mirror, *include, *variant, *script, *dir_arg;
	bool no_check_gpg;
	const RootfsArch *arch;
	const BinfmtIsa *isa;
	const char *runner_dir; /* NULL for a native architecture */
	char dir[PATH_MAX];     /* DIR, absolute */
	char script_path[PATH_MAX];
	char mirror_buf[512];
} CreateArgs;

/* Each returns 0, or 1 after reporting what failed. */
int create_first_stage(const CreateArgs *a);
int create_second_stage(const CreateArgs *a);

#endif

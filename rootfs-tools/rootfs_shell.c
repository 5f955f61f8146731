/*
 * `ferry rootfs shell DIR [-- COMMAND...]`: a command (by default a login shell,
 * interactive when stdin is a terminal) inside a root filesystem, with /proc, /sys, /dev,
 * a fresh /tmp and the host's DNS settings set up in a private namespace (rootfs_env.c,
 * rootfs_mounts.c) and the runner for the tree's architecture registered there only. The
 * exit status is the command's, 128 + N when signal N killed it, 125 when the tree could
 * not be entered.
 */
#include "rootfs-tools/rootfs.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char shell_usage[] =
    "usage: ferry rootfs shell DIR [-- COMMAND [ARGS...]]\n"
    "Runs COMMAND (default: /bin/sh -l) as root inside the root filesystem DIR, whose\n"
    "architecture is read from its programs. Inside a private user, mount and PID\n"
    "namespace it gets /proc, a read-only /sys, its own /dev (null, zero, full, random,\n"
    "urandom, tty, pts, shm), a tmpfs /tmp and the host's resolv.conf; DIR's foreign\n"
    "programs run under ferry-<isa> registered with binfmt_misc in that namespace only.\n"
    "All of it disappears when COMMAND exits; DIR itself only gains an empty\n"
    "etc/resolv.conf when it had none. FERRY_* variables are passed to the runners.\n"
    "Exit status: COMMAND's; 128+N when signal N killed it; 125 when DIR cannot be\n"
    "entered.\n";

int rootfs_shell_main(RootfsFindRunner find, int argc, char **argv)
{
	static char *default_cmd[] = {"/bin/sh", "-l", NULL};
	static const struct option longopts[] = {{"help", no_argument, NULL, 'h'}, {NULL}};
	char root[PATH_MAX];
	const char *why;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (c == 'h') {
			printf("%s", shell_usage);
			return 0;
		}
		fprintf(stderr, "%s", shell_usage);
		return 2;
	}
	if (optind >= argc || (optind + 1 < argc && strcmp(argv[optind + 1], "--") != 0)) {
		fprintf(stderr, "%s", shell_usage);
		return 2;
	}
	if (!realpath(argv[optind], root)) {
		fprintf(stderr, ROOTFS_PROG ": %s: %s\n", argv[optind], strerror(errno));
		return 125;
	}
	const BinfmtIsa *isa = rootfs_arch_detect(root, &why);
	if (!isa) {
		fprintf(stderr, ROOTFS_PROG ": %s: cannot tell its architecture: %s\n", root, why);
		return 125;
	}
	RootfsEnv env = {.root = root,
	                 .isa = isa,
	                 .tmpfs_tmp = true,
	                 .host_resolv_conf = true,
	                 .argv = optind + 2 < argc ? argv + optind + 2 : default_cmd,
	                 .envp = rootfs_env_default(NULL),
	                 .out_fd = -1};
	if (!binfmt_isa_is_native(isa) && !(env.runner_dir = rootfs_runner_dir(find, isa)))
		return 125;
	return rootfs_env_run(&env);
}

/*
 * `ferry rootfs create`: a Debian root filesystem for another architecture, in two
 * stages. The host's debootstrap runs the first (--foreign: download and unpack, no
 * foreign program run) in a private mount namespace; the second
 * (/debootstrap/debootstrap --second-stage: dpkg and the maintainer scripts, all foreign
 * programs) runs inside the tree in a private user, mount and PID namespace where the
 * runner is registered with binfmt_misc (rootfs_env.c), whatever the host has
 * registered. debootstrap's output is condensed into one progress line per package with
 * a running count (rootfs_create_stage.c); a failure names the command, the package and
 * dpkg's complaint, read from the output and DIR/debootstrap/debootstrap.log, which is
 * kept. Checked before anything is downloaded: root, debootstrap, its script for the
 * suite, the runner, the mirror (from the host's apt sources unless given), an empty
 * DIR.
 */
#include "rootfs-tools/rootfs_create.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char create_usage[] =
    "usage: ferry rootfs create --arch ARCH --suite SUITE [--mirror URL]\n"
    "                           [--variant VARIANT] [--include PKG,...] [--script NAME]\n"
    "                           [--no-check-gpg] DIR\n"
    "Bootstraps Debian SUITE for ARCH (Debian's name, such as riscv64, arm64, armhf, or\n"
    "ferry's, such as aarch64) into DIR, which must be missing or empty: debootstrap's\n"
    "first stage on the host, its second stage inside DIR with every foreign program run\n"
    "by ferry-<isa>, registered with binfmt_misc in a private namespace only. Needs root\n"
    "and debootstrap.\n"
    "  --mirror URL     Debian mirror (default: the one in the host's apt sources)\n"
    "  --variant NAME   debootstrap variant (minbase, buildd, ...)\n"
    "  --include LIST   extra packages, comma-separated\n"
    "  --script NAME    debootstrap's script for a suite it does not know (e.g. sid)\n"
    "  --no-check-gpg   do not check the archive's signature (unsafe; see the README)\n";

static int parse_args(CreateArgs *a, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"arch", required_argument, NULL, 'a'},
	    {"suite", required_argument, NULL, 's'},
	    {"mirror", required_argument, NULL, 'm'},
	    {"include", required_argument, NULL, 'i'},
	    {"variant", required_argument, NULL, 'v'},
	    {"script", required_argument, NULL, 'S'},
	    {"no-check-gpg", no_argument, NULL, 'G'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char **slots[128] = {['a'] = &a->arch_name, ['s'] = &a->suite,   ['m'] = &a->mirror,
	                           ['i'] = &a->include,   ['v'] = &a->variant, ['S'] = &a->script};
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			printf("%s", create_usage);
			return 0;
		}
		if (c == 'G')
			a->no_check_gpg = true;
		else if (c > 0 && c < 128 && slots[c])
			*slots[c] = optarg;
		else
			return 2;
	}
	if (optind != argc - 1 || !a->arch_name || !a->suite) {
		fprintf(stderr, ROOTFS_PROG ": rootfs create needs --arch, --suite and one DIR "
		                            "(ferry rootfs create --help)\n");
		return 2;
	}
	a->dir_arg = argv[optind];
	return -1;
}

/* DIR: created when missing (its parent must exist), refused when not empty. */
static int prepare_dir(CreateArgs *a)
{
	if (mkdir(a->dir_arg, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, ROOTFS_PROG ": cannot create %s: %s\n", a->dir_arg,
		        strerror(errno));
		return -1;
	}
	if (!realpath(a->dir_arg, a->dir)) {
		fprintf(stderr, ROOTFS_PROG ": %s: %s\n", a->dir_arg, strerror(errno));
		return -1;
	}
	DIR *d = opendir(a->dir);
	struct dirent *de;
	bool empty = d != NULL;
	while (d && (de = readdir(d)))
		empty &= strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	if (d)
		closedir(d);
	if (!empty)
		fprintf(stderr, ROOTFS_PROG ": %s is not an empty directory\n", a->dir);
	return empty ? 0 : -1;
}

/* debootstrap's script for the suite: DEBOOTSTRAP_DIR (or /usr/share/debootstrap)/scripts. */
static int check_script(CreateArgs *a)
{
	const char *base = getenv("DEBOOTSTRAP_DIR");
	const char *name = a->script ? a->script : a->suite;
	snprintf(a->script_path, sizeof a->script_path, "%s/scripts/%s",
	         base ? base : "/usr/share/debootstrap", name);
	if (access(a->script_path, R_OK) == 0)
		return 0;
	fprintf(stderr,
	        ROOTFS_PROG
	        ": this debootstrap does not know the suite '%s' (no %s).\n"
	        "ferry: install a newer debootstrap, or name the script of a suite it knows\n"
	        "ferry: that bootstraps the same way, e.g. --script sid for a new Debian release\n",
	        name, a->script_path);
	return -1;
}

static bool in_path(const char *name)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	while (path && *path) {
		size_t n = strcspn(path, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, name);
		if (n && access(buf, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

/* Everything that can be checked before downloading. */
static int preflight(CreateArgs *a, RootfsFindRunner find)
{
	if (!(a->arch = rootfs_arch_find(a->arch_name))) {
		fprintf(stderr,
		        ROOTFS_PROG ": unknown architecture '%s' (Debian's names such as "
		                    "riscv64, arm64, armhf, or ferry's such as aarch64)\n",
		        a->arch_name);
		return 2;
	}
	a->isa = binfmt_isa_find(a->arch->isa);
	if (geteuid() != 0) {
		fprintf(stderr, ROOTFS_PROG ": rootfs create needs root, as debootstrap does (it "
		                            "creates device nodes and files of other owners)\n");
		return 1;
	}
	if (!in_path("debootstrap")) {
		fprintf(stderr, ROOTFS_PROG ": debootstrap is not installed (apt-get install "
		                            "debootstrap)\n");
		return 1;
	}
	if (check_script(a) < 0)
		return 1;
	if (!binfmt_isa_is_native(a->isa) && !(a->runner_dir = rootfs_runner_dir(find, a->isa)))
		return 1;
	if (!a->mirror) {
		if (rootfs_sources_host_mirror("/etc/apt", a->mirror_buf, sizeof a->mirror_buf) <
		    0) {
			fprintf(stderr,
			        ROOTFS_PROG ": no Debian mirror in the host's apt sources "
			                    "(/etc/apt/sources.list*); give --mirror URL\n");
			return 1;
		}
		a->mirror = a->mirror_buf;
	}
	return prepare_dir(a) < 0 ? 1 : 0;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int rootfs_create_main(RootfsFindRunner find, int argc, char **argv)
{
	CreateArgs a = {0};
	struct timespec t0;
	int r = parse_args(&a, argc, argv);
	if (r == 2)
		fprintf(stderr, "%s", create_usage);
	if (r >= 0)
		return r;
	if ((r = preflight(&a, find)) != 0)
		return r;
	if (a.no_check_gpg)
		fprintf(stderr,
		        "\n" ROOTFS_PROG ": WARNING: --no-check-gpg: the packages' signatures "
		        "are NOT checked;\n" ROOTFS_PROG ": WARNING: anyone between this host "
		        "and %s can change what is installed.\n\n",
		        a.mirror);
	printf("I: bootstrapping Debian %s for %s into %s from %s\n", a.suite, a.arch->debian,
	       a.dir, a.mirror);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (create_first_stage(&a) != 0)
		return 1;
	double first = seconds_since(&t0);
	if (create_second_stage(&a) != 0)
		return 1;
	printf("I: done: %s (first stage %.0f s, second stage %.0f s, total %.0f s)\n", a.dir,
	       first, seconds_since(&t0) - first, seconds_since(&t0));
	return 0;
}

/*
 * `ferry rootfs create|shell`: the subcommand table, and what both share, finding the
 * runner a tree's architecture needs. A native tree (x86-64 on this host) needs none.
 */
#include "rootfs-tools/rootfs.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct RootfsSubcommand {
	const char *name;
	int (*run)(RootfsFindRunner find, int argc, char **argv);
	const char *summary;
} RootfsSubcommand;

static const RootfsSubcommand subcommands[] = {
    {"create", rootfs_create_main,
     "bootstrap a Debian root filesystem for another architecture (debootstrap)"},
    {"shell", rootfs_shell_main, "run a shell or a command inside a root filesystem"},
};
#define N_SUBCOMMANDS (sizeof subcommands / sizeof subcommands[0])

static void usage(FILE *out)
{
	fprintf(out, "usage: ferry rootfs create --arch ARCH --suite SUITE [options] DIR\n"
	             "       ferry rootfs shell DIR [-- COMMAND [ARGS...]]\n\n");
	for (size_t i = 0; i < N_SUBCOMMANDS; i++)
		fprintf(out, "  %-7s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(out, "\n`ferry rootfs SUBCOMMAND --help` describes one.\n");
}

const char *rootfs_runner_dir(RootfsFindRunner find, const BinfmtIsa *isa)
{
	static char dir[PATH_MAX];
	if (!isa->ferry_runner) {
		fprintf(stderr,
		        ROOTFS_PROG ": ferry has no runner for %s; ISAs ferry runs: ", isa->name);
		binfmt_isa_list(stderr, true);
		fputc('\n', stderr);
		return NULL;
	}
	/* the directory made absolute, the runner's own name kept: it may be a link */
	const char *runner = find(isa->name);
	char parent[PATH_MAX];
	snprintf(parent, sizeof parent, "%s", runner ? runner : "");
	char *slash = strrchr(parent, '/');
	if (slash)
		*slash = '\0';
	if (!runner || !realpath(slash ? (parent[0] ? parent : "/") : ".", dir)) {
		fprintf(stderr, ROOTFS_PROG ": ferry-%s is neither next to ferry nor in PATH\n",
		        isa->name);
		return NULL;
	}
	return dir;
}

int rootfs_cmd_main(RootfsFindRunner find, int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < N_SUBCOMMANDS; i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return subcommands[i].run(find, argc - 1, argv + 1);
	fprintf(stderr, ROOTFS_PROG ": unknown rootfs subcommand '%s' (ferry rootfs --help)\n",
	        argv[1]);
	return 2;
}

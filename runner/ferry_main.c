/*
 * main() of `ferry`, the front command: dispatches to a subcommand through one table and
 * finds the runners. It is a static executable like the runners, so it works in a bare
 * chroot too. Subcommands print their own usage on --help and exit 2 on a usage error.
 */
#include "runner/ferry.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/binfmt.h"
#include "rootfs-tools/rootfs.h"

const char *ferry_argv0 = "ferry";

/* PATH lookup of a bare name, into buf; 0 when found. */
static int search_path(const char *name, char *buf, size_t size)
{
	const char *path = getenv("PATH");
	while (path && *path) {
		size_t n = strcspn(path, ":");
		snprintf(buf, size, "%.*s/%s", (int)n, n ? path : ".", name);
		if (access(buf, X_OK) == 0)
			return 0;
		path += n + (path[n] == ':');
	}
	return -1;
}

const char *ferry_self_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], found[PATH_MAX];
	if (dir[0])
		return dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
	} else {
		/* no /proc (a bare chroot): argv[0] as the shell found it */
		const char *name = ferry_argv0;
		if (!strchr(name, '/') && search_path(name, found, sizeof found) == 0)
			name = found;
		if (!realpath(name, exe))
			return NULL;
	}
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	snprintf(dir, sizeof dir, "%s", exe[0] ? exe : "/");
	return dir;
}

const char *ferry_find_runner(const char *isa)
{
	static char path[PATH_MAX];
	char name[64];
	snprintf(name, sizeof name, "ferry-%s", isa);
	const char *dir = ferry_self_dir();
	if (dir) {
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (access(path, X_OK) == 0)
			return path;
	}
	return search_path(name, path, sizeof path) == 0 ? path : NULL;
}

static int cmd_binfmt(int argc, char **argv)
{
	return binfmt_cmd_main(ferry_self_dir(), argc, argv);
}

static int cmd_rootfs(int argc, char **argv)
{
	return rootfs_cmd_main(ferry_find_runner, argc, argv);
}

static int cmd_help(int argc, char **argv);

static const FerryCommand commands[] = {
    {"run", ferry_cmd_run, "run a foreign program with the runner its ELF header asks for"},
    {"info", ferry_cmd_info, "list the runners found, what they run, and the binfmt state"},
    {"binfmt", cmd_binfmt,
     "register the runners with binfmt_misc, show or print the rules (install, uninstall, "
     "status, print)"},
    {"rootfs", cmd_rootfs,
     "create a Debian root filesystem for another ISA, or run a shell inside one (create, "
     "shell)"},
    {"sysemu", ferry_cmd_sysemu,
     "boot a whole riscv64 `virt` machine (qemu-system-riscv64 options)"},
    {"help", cmd_help, "this help"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static int cmd_help(int argc, char **argv)
{
	printf("usage: ferry COMMAND [ARGS...]\n"
	       "Runs Linux programs built for other instruction sets.\n\nCommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].summary);
	printf("\n`ferry COMMAND --help` describes one command. The runners themselves are\n"
	       "ferry-<isa> [options] PROGRAM [ARGS...]; `ferry-<isa> --help` lists their "
	       "options.\n");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stderr, NULL, _IONBF, 0);
	if (argc > 0)
		ferry_argv0 = argv[0];
	if (argc < 2) {
		cmd_help(0, NULL);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(0, NULL);
	if (strcmp(argv[1], "--version") == 0) {
		printf("ferry version %s\n", FERRY_VERSION);
		return 0;
	}
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "ferry: unknown command '%s' (ferry --help lists them)\n", argv[1]);
	return 2;
}

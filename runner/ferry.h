/*
 * The `ferry` front command: a table of subcommands (ferry_main.c), each in its own file
 * (ferry_run.c, ferry_info.c, ferry_sysemu.c; `ferry binfmt` lives in binfmt/), and how ferry finds the
 * per-ISA runners: next to its own binary first, then in PATH.
 */
#ifndef FERRY_RUNNER_FERRY_H
#define FERRY_RUNNER_FERRY_H

#include <stddef.h>
#include <stdio.h>

typedef struct FerryCommand {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
	const char *summary;
} FerryCommand;

extern const char *ferry_argv0;

/* The directory holding the ferry binary, or NULL when it cannot be found. */
const char *ferry_self_dir(void);
/* The path of ferry-<isa>: next to ferry, then in PATH; NULL when neither has it.
 * The result is static storage, valid until the next call. */
const char *ferry_find_runner(const char *isa);

int ferry_cmd_run(int argc, char **argv);
int ferry_cmd_info(int argc, char **argv);
int ferry_cmd_sysemu(int argc, char **argv);
/* The machines `ferry sysemu` boots, per architecture (ferry-sysemu-<arch>). */
typedef struct FerrySysemuArch {
	const char *arch;
	const char *machines; /* comma-separated */
} FerrySysemuArch;
extern const FerrySysemuArch ferry_sysemu_arches[];
extern const size_t ferry_n_sysemu_arches;

#endif

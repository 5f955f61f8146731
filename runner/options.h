/*
 * The runner's command line and environment, following the qemu-<arch> contract that
 * Yocto, Buildroot and meson wrappers rely on: single- or double-dash options, the first
 * non-option argument is the program, `--` ends options, and each option has an
 * environment twin (FERRY_*, plus QEMU_LD_PREFIX) read before the command line. When the
 * runner starts with AT_SECURE set, no environment twin is read and logging is refused.
 */
#ifndef FERRY_RUNNER_OPTIONS_H
#define FERRY_RUNNER_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "jit/engine.h"
#include "syscall/abi/abi.h"

typedef struct RunnerOptions {
	const char *runner_name; /* "ferry-riscv64" */
	const LinuxAbi *abi;     /* what --features reports */
	int exec_fd;             /* the program already open (binfmt flag O), or -1 */
	const char *sysroot;     /* -L */
	char *argv0;             /* -0 */
	uint64_t stack_size;     /* -s */
	const char *uname_release; /* -r */
	uint32_t log_mask;       /* -d */
	GString *log_items;      /* the -d lists as given, comma-joined */
	const char *log_file;    /* -D */
	bool log_append;         /* -log-append: add to the -D file rather than truncate it */
	bool stats;              /* -stats: translation totals on stderr at exit */
	EngineMode engine;       /* -engine */
	bool secure;             /* the runner itself runs with AT_SECURE */
	GPtrArray *set_env;      /* -E var=val, in order */
	GPtrArray *unset_env;    /* -U var, in order */
	int prog_index;          /* index in argv of the program */
} RunnerOptions;

/* Parses environment twins then argv. Returns -1 to continue, or an exit status (0 after
 * --help/--version/-d help, 1 after an error, already reported on stderr). */
int options_parse(RunnerOptions *o, int argc, char **argv);

/* The options a re-executed runner needs to continue as this one runs (the guest's
 * execve of another guest program): sysroot, release, stack size, engine, logging and
 * statistics. A NULL-terminated vector (g_strfreev); a relative -D file is made
 * absolute so a guest chdir does not move the log. */
char **options_carry(const RunnerOptions *o);

#endif

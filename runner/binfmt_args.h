/*
 * How a runner started by the kernel's binfmt_misc finds its program and the guest's
 * argv. The kernel passes [runner, path, args...], or with flag P
 * [runner, path, original-argv0, args...], and with flag O (or C) an open fd of the
 * program in AT_EXECFD. binfmt_args_rewrite turns that into the runner's ordinary
 * command line, [runner, -0, argv0, --, path, args...] or [runner, --, path, args...],
 * so the option parser needs no special case and nothing in the program's path or
 * arguments is ever read as a runner option.
 */
#ifndef FERRY_RUNNER_BINFMT_ARGS_H
#define FERRY_RUNNER_BINFMT_ARGS_H

#include <stdbool.h>

#include "runner/options.h"

/* What the auxiliary vector says about how the runner was started. */
typedef struct BinfmtAux {
	bool preserve_argv0; /* AT_FLAGS has AT_FLAGS_PRESERVE_ARGV0 (flag P, Linux >= 5.12) */
	int exec_fd;         /* AT_EXECFD (flag O or C), or -1 */
	const char *execfn;  /* AT_EXECFN: the name execve was given, or NULL */
} BinfmtAux;

typedef struct BinfmtArgs {
	bool active; /* started by binfmt_misc */
	int exec_fd; /* the program, already open, or -1 */
	int argc;    /* the rewritten command line (the original when not active) */
	char **argv;
} BinfmtArgs;

/* Pure: decides from aux and the kernel's argv; out->argv is malloc'ed when active. */
void binfmt_args_rewrite(const BinfmtAux *aux, int argc, char **argv, BinfmtArgs *out);
/* Reads the auxiliary vector, rewrites argc and argv for the option parser and sets
 * o->exec_fd; called once, before options_parse. */
void binfmt_args_apply(RunnerOptions *o, int *argc, char ***argv);

#endif

/*
 * The runner's side of binfmt_misc (binfmt_args.h). Being started by the kernel is
 * detected from the auxiliary vector only, never from the runner's own name: AT_FLAGS
 * bit 0 means flag P; AT_EXECFD means flag O or C; and without either, AT_EXECFN (the
 * name execve was called with, which binfmt_misc leaves pointing at the foreign program)
 * equal to argv[1] means the kernel put the program there. A person typing
 * `ferry-riscv64 prog` gives AT_EXECFN = the runner's own path instead. Debian's
 * convention of a "-binfmt-P" suffix on the interpreter name, for kernels older than
 * 5.12 that cannot report P, is not followed: `ferry binfmt install` refuses P on such
 * kernels instead, so the name of the runner never changes how it reads its arguments.
 */
#include "runner/binfmt_args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1
#endif

void binfmt_args_rewrite(const BinfmtAux *aux, int argc, char **argv, BinfmtArgs *out)
{
	*out = (BinfmtArgs){.exec_fd = aux->exec_fd, .argc = argc, .argv = argv};
	out->active = argc >= 2 && (aux->preserve_argv0 || aux->exec_fd >= 0 ||
	                            (aux->execfn && strcmp(aux->execfn, argv[1]) == 0));
	if (!out->active)
		return;
	char **v = malloc(sizeof *v * ((size_t)argc + 4));
	if (!v)
		abort();
	int n = 0, next = 2;
	v[n++] = argv[0];
	if (aux->preserve_argv0) {
		/* an empty argv from the caller leaves no argv0 on old kernels: use the path */
		v[n++] = "-0";
		v[n++] = argc >= 3 ? argv[2] : argv[1];
		next = argc >= 3 ? 3 : 2;
	}
	v[n++] = "--";
	v[n++] = argv[1];
	for (int i = next; i < argc; i++)
		v[n++] = argv[i];
	v[n] = NULL;
	out->argc = n;
	out->argv = v;
}

void binfmt_args_apply(RunnerOptions *o, int *argc, char ***argv)
{
	BinfmtAux aux = {
	    .preserve_argv0 = getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0,
	    .exec_fd = -1,
	    .execfn = (const char *)getauxval(AT_EXECFN),
	};
	/* fd 0 is a valid AT_EXECFD when stdin was closed: absence shows only in errno */
	errno = 0;
	unsigned long fd = getauxval(AT_EXECFD);
	if (errno != ENOENT)
		aux.exec_fd = (int)fd;
	BinfmtArgs b;
	binfmt_args_rewrite(&aux, *argc, *argv, &b);
	o->exec_fd = b.exec_fd;
	*argc = b.argc;
	*argv = b.argv;
}

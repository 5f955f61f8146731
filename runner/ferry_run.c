/*
 * `ferry run PROGRAM [ARGS...]`: reads the program's ELF header, picks the ISA with the
 * same magic and mask binfmt_misc would use (binfmt_table.c), and execs ferry-<isa> on
 * it. Exit statuses follow the runners': 127 when the program (or the runner it needs)
 * does not exist, 255 when it is an ELF image no runner takes (a native program, or an
 * ISA ferry has no runner for), 1 for other errors; otherwise the program's own.
 */
#include "runner/ferry.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/binfmt.h"

static const char run_usage[] =
    "usage: ferry run [--] PROGRAM [ARGS...]\n"
    "Runs PROGRAM with the runner for the ISA its ELF header names (ferry-<isa>, looked\n"
    "up next to ferry, then in PATH). Runner options go through their environment twins\n"
    "(FERRY_LD_PREFIX, FERRY_SET_ENV, ...; see ferry-<isa> --help).\n";

/* Reads the start of the program; returns bytes read or an exit status (negated). */
static ssize_t read_header(const char *prog, uint8_t *buf, size_t size)
{
	int fd = open(prog, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "ferry: %s: %s\n", prog, strerror(errno));
		return errno == ENOENT ? -127 : -1;
	}
	ssize_t n = read(fd, buf, size);
	int err = errno;
	close(fd);
	if (n < 0) {
		fprintf(stderr, "ferry: %s: %s\n", prog, strerror(err));
		return -1;
	}
	if (n < BINFMT_ELF_MAGIC_LEN || memcmp(buf, "\177ELF", 4) != 0) {
		fprintf(stderr, "ferry: %s: not an ELF program\n", prog);
		return -1;
	}
	return n;
}

/* The runner for the program, or NULL with the reason printed and *status set. */
static const char *choose_runner(const char *prog, const uint8_t *h, size_t n, int *status)
{
	const BinfmtIsa *isa = binfmt_isa_for_header(h, n);
	*status = 255;
	if (!isa) {
		fprintf(stderr, "ferry: %s: an ELF image for a machine ferry does not know\n",
		        prog);
		return NULL;
	}
	if (binfmt_isa_is_native(isa)) {
		fprintf(stderr, "ferry: %s: a native %s program; run it directly\n", prog,
		        isa->name);
		return NULL;
	}
	if (!isa->ferry_runner) {
		fprintf(stderr,
		        "ferry: %s: a %s program; ferry has no runner for it (ferry runs: ", prog,
		        isa->name);
		binfmt_isa_list(stderr, true);
		fprintf(stderr, ")\n");
		return NULL;
	}
	const char *runner = ferry_find_runner(isa->name);
	if (!runner) {
		const char *dir = ferry_self_dir();
		fprintf(stderr, "ferry: %s: needs ferry-%s, found neither in %s nor in PATH\n",
		        prog, isa->name, dir ? dir : "ferry's directory");
		*status = 127;
	}
	return runner;
}

int ferry_cmd_run(int argc, char **argv)
{
	int first = 1, status;
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("%s", run_usage);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	if (first >= argc) {
		fprintf(stderr, "ferry: run: no program given\n%s", run_usage);
		return 2;
	}
	const char *prog = argv[first];
	uint8_t header[64];
	ssize_t n = read_header(prog, header, sizeof header);
	if (n < 0)
		return (int)-n;
	const char *runner = choose_runner(prog, header, (size_t)n, &status);
	if (!runner)
		return status;
	/* "--" so that a program named like an option stays the program */
	char **v = calloc((size_t)argc + 2, sizeof *v);
	if (!v)
		return 1;
	v[0] = (char *)runner;
	v[1] = "--";
	memcpy(v + 2, argv + first, sizeof *v * (size_t)(argc - first));
	execv(runner, v);
	fprintf(stderr, "ferry: %s: %s\n", runner, strerror(errno));
	return errno == ENOENT ? 127 : 1;
}

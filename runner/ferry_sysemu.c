/*
 * `ferry sysemu [--arch ARCH] [OPTIONS...]`: boots a whole machine. Checks the
 * architecture and the machine type (-M/-machine) against what ferry emulates, then execs
 * ferry-sysemu-<arch> (next to ferry, then in PATH) with the remaining arguments, which
 * are qemu-system-<arch> options. The machine binary reports everything else.
 */
#include "runner/ferry.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const FerrySysemuArch ferry_sysemu_arches[] = {
    {"riscv64", "virt"},
};
const size_t ferry_n_sysemu_arches = sizeof ferry_sysemu_arches / sizeof ferry_sysemu_arches[0];

static const char sysemu_usage[] =
    "usage: ferry sysemu [--arch riscv64] [OPTIONS...]\n"
    "Boots a whole machine (default: riscv64 `virt`) with ferry-sysemu-<arch>, found next\n"
    "to ferry or in PATH. OPTIONS are qemu-system-riscv64's, for example\n"
    "  ferry sysemu -nographic -m 512M -kernel Image -initrd initrd.gz -append console=ttyS0\n"
    "`ferry sysemu --help` with an architecture lists the machine's options.\n";

/* Whether an -M/-machine argument names one of `machines` ("virt,dumpdtb=x" -> "virt");
 * an argument with only key=value items leaves the choice to the machine binary. */
static int machine_known(const char *machines, const char *arg)
{
	const char *type = strncmp(arg, "type=", 5) == 0 ? arg + 5 : arg;
	size_t n = strcspn(type, ",");
	if (memchr(type, '=', n) || strncmp(type, "help", n) == 0)
		return 1;
	for (const char *m = machines; *m;) {
		size_t k = strcspn(m, ",");
		if (k == n && strncmp(m, type, n) == 0)
			return 1;
		m += k + (m[k] == ',');
	}
	return 0;
}

static int check_machines(const char *arch, const char *machines, int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++) {
		const char *a = argv[i];
		a += (a[0] == '-' && a[1] == '-');
		if ((strcmp(a, "-M") == 0 || strcmp(a, "-machine") == 0) &&
		    !machine_known(machines, argv[i + 1])) {
			fprintf(stderr,
			        "ferry: sysemu: machine '%.*s' is not available for %s (ferry "
			        "has: %s)\n",
			        (int)strcspn(argv[i + 1], ","), argv[i + 1], arch, machines);
			return 1;
		}
	}
	return 0;
}

int ferry_cmd_sysemu(int argc, char **argv)
{
	const char *arch = "riscv64";
	int first = 1;
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--usage") == 0)) {
		printf("%s", sysemu_usage);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--arch") == 0) {
		arch = argv[2];
		first = 3;
	}
	size_t i = 0;
	while (i < ferry_n_sysemu_arches && strcmp(ferry_sysemu_arches[i].arch, arch) != 0)
		i++;
	if (i == ferry_n_sysemu_arches) {
		fprintf(stderr,
		        "ferry: sysemu: no system emulation for '%s' (ferry has: riscv64)\n", arch);
		return 1;
	}
	char **v = calloc((size_t)argc + 1, sizeof *v);
	if (!v)
		return 1;
	v[0] = "ferry-sysemu";
	memcpy(v + 1, argv + first, sizeof *v * (size_t)(argc - first));
	int nv = 1 + argc - first;
	if (check_machines(arch, ferry_sysemu_arches[i].machines, nv, v)) {
		free(v);
		return 1;
	}
	char name[64];
	snprintf(name, sizeof name, "sysemu-%s", arch);
	const char *bin = ferry_find_runner(name);
	if (!bin) {
		const char *dir = ferry_self_dir();
		fprintf(stderr, "ferry: sysemu: needs ferry-%s, found neither in %s nor in PATH\n",
		        name, dir ? dir : "ferry's directory");
		free(v);
		return 127;
	}
	v[0] = (char *)bin;
	execv(bin, v);
	fprintf(stderr, "ferry: %s: %s\n", bin, strerror(errno));
	free(v);
	return errno == ENOENT ? 127 : 1;
}

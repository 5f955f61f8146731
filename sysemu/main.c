/*
 * ferry-sysemu-riscv64: the full-system mode's entry point. Parses the qemu-compatible
 * command line (options.c), then either writes the device tree (-dumpdtb) or builds and
 * runs the `virt` machine (virt.c). Errors are one "ferry-sysemu-riscv64: ..." line on
 * stderr and exit status 1, as qemu-system-riscv64 uses.
 */
#include <stdio.h>

#include <glib.h>

#include "common/log.h"
#include "sysemu/options.h"
#include "sysemu/virt.h"

static int fail(char *err)
{
	fprintf(stderr, "%s: %s\n", SYSEMU_NAME, err);
	g_free(err);
	return 1;
}

static int setup_log(const SysOptions *o)
{
	log_mask = o->log_mask;
	if (o->log_file && log_set_file(o->log_file, false) < 0) {
		fprintf(stderr, "%s: -D %s: cannot open the log file\n", SYSEMU_NAME, o->log_file);
		return 1;
	}
	return 0;
}

static int run(const SysOptions *o)
{
	char *err = NULL;
	if (o->dumpdtb) {
		if (virt_dump_dtb(o, o->dumpdtb, &err))
			return fail(err);
		fprintf(stderr, "%s: dtb dumped to %s. Exiting.\n", SYSEMU_NAME, o->dumpdtb);
		return 0;
	}
	VirtMachine *m = virt_machine_new(o, &err);
	if (!m)
		return fail(err);
	int status = virt_machine_run(m);
	virt_machine_free(m);
	return status;
}

int main(int argc, char **argv)
{
	setvbuf(stderr, NULL, _IONBF, 0);
	SysOptions o;
	sysopt_init(&o);
	int rc = sysopt_parse(&o, argc, argv, stdout, stderr);
	if (rc < 0)
		rc = sysopt_check(&o, stderr);
	if (rc < 0)
		rc = setup_log(&o) ? 1 : run(&o);
	sysopt_free(&o);
	return rc;
}

/*
 * `ferry binfmt install` and `uninstall`. Install registers ferry-<isa> for each ISA; an
 * ISA another enabled entry already claims (say qemu-riscv64) is refused unless
 * --replace, which disables that entry after ferry's is registered and records it
 * (binfmt_replaced.c); uninstall removes ferry-<isa> and enables the recorded entries
 * again. A ferry entry that exists already is replaced, so install also updates flags
 * and paths.
 */
#include "binfmt/binfmt_cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "binfmt/binfmt_replaced.h"

#define MAX_ENTRIES 256

void binfmt_cmd_entry_name(char *buf, size_t size, const BinfmtIsa *isa)
{
	snprintf(buf, size, "ferry-%s", isa->name);
}

BinfmtEntry *binfmt_cmd_list_entries(int *n)
{
	BinfmtEntry *e = calloc(MAX_ENTRIES, sizeof *e);
	*n = e ? binfmt_misc_list(e, MAX_ENTRIES) : -ENOMEM;
	if (*n < 0) {
		fprintf(stderr, BINFMT_PROG ": cannot read %s: %s\n", binfmt_misc_dir,
		        strerror(-*n));
		free(e);
		return NULL;
	}
	return e;
}

/* Kernels before 5.12 do not tell the interpreter that P is set (AT_FLAGS), so a runner
 * could not know that argv[2] is the original argv[0]. */
static bool kernel_reports_preserve_argv0(void)
{
	struct utsname u;
	unsigned major = 0, minor = 0;
	if (uname(&u) < 0 || sscanf(u.release, "%u.%u", &major, &minor) != 2)
		return true;
	return major > 5 || (major == 5 && minor >= 12);
}

static int check_flags(const BinfmtCmdArgs *a)
{
	if (strchr(a->flags, 'P') && !kernel_reports_preserve_argv0()) {
		fprintf(stderr, BINFMT_PROG ": this kernel (before 5.12) does not report flag P to "
		                            "the interpreter; use --flags F\n");
		return 1;
	}
	if (strchr(a->flags, 'C'))
		fprintf(stderr, BINFMT_PROG
		        ": warning: flag C runs the runner with the credentials of the "
		        "program: a setuid-root foreign program makes the runner itself "
		        "run as root, and ferry is not a security boundary (Debian dropped "
		        "C from its qemu registrations for this reason). Use it only where "
		        "every local user is trusted.\n");
	return 0;
}

/* The runner must exist and be executable; its path goes into the rule. */
static int runner_path(const BinfmtCmdArgs *a, const BinfmtIsa *isa, char *buf, size_t size)
{
	struct stat st;
	snprintf(buf, size, "%s/ferry-%s", a->path, isa->name);
	if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
		return 0;
	fprintf(stderr, BINFMT_PROG ": no runner for %s at %s (build it, or give --path DIR)\n",
	        isa->name, buf);
	return 1;
}

/* Other enabled entries that claim the ISA; prints them when --replace is missing. */
static int find_conflicts(const BinfmtCmdArgs *a, const BinfmtIsa *isa, const char *own,
                          BinfmtEntry *entries, int n, const BinfmtEntry **out)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (entries[i].enabled && !entries[i].by_extension &&
		    strcmp(entries[i].name, own) != 0 &&
		    binfmt_match_claims_isa(&entries[i].match, isa))
			out[k++] = &entries[i];
	for (int i = 0; i < k && !a->replace; i++)
		fprintf(stderr,
		        BINFMT_PROG
		        ": %s programs are already handled by the enabled entry %s (%s); "
		        "--replace disables it while ferry's entry is installed\n",
		        isa->name, out[i]->name, out[i]->interpreter);
	return k;
}

static int install_one(const BinfmtCmdArgs *a, const BinfmtIsa *isa, BinfmtEntry *entries, int n)
{
	char name[64], interp[PATH_MAX + 80];
	const BinfmtEntry *conflicts[MAX_ENTRIES];
	binfmt_cmd_entry_name(name, sizeof name, isa);
	if (runner_path(a, isa, interp, sizeof interp))
		return 1;
	int k = find_conflicts(a, isa, name, entries, n, conflicts);
	if (k && !a->replace)
		return 1;
	int r = binfmt_register_runner(isa, a->path, a->flags);
	if (r == -ENAMETOOLONG) {
		fprintf(stderr, BINFMT_PROG ": %s: interpreter path too long\n", interp);
		return 1;
	}
	if (r < 0) {
		fprintf(stderr, BINFMT_PROG ": registering %s failed: %s\n", name, strerror(-r));
		return 1;
	}
	printf("%s: registered (flags %s, interpreter %s)\n", name, a->flags, interp);
	for (int i = 0; i < k; i++) {
		if ((r = binfmt_misc_control(conflicts[i]->name, 0)) == 0)
			r = binfmt_replaced_add(name, conflicts[i]->name);
		if (r < 0) {
			fprintf(stderr, BINFMT_PROG ": disabling %s failed: %s\n",
			        conflicts[i]->name, strerror(-r));
			return 1;
		}
		printf("%s: disabled while %s is installed\n", conflicts[i]->name, name);
	}
	return 0;
}

int binfmt_cmd_install(BinfmtCmdArgs *a)
{
	int r = binfmt_cmd_require_runners(a), n, failed = 0;
	if (r || (r = check_flags(a)))
		return r;
	if (binfmt_misc_ensure_mounted(BINFMT_PROG) < 0)
		return 1;
	BinfmtEntry *entries = binfmt_cmd_list_entries(&n);
	if (!entries)
		return 1;
	for (size_t i = 0; i < a->n_isas; i++)
		failed |= install_one(a, a->isas[i], entries, n);
	free(entries);
	return failed;
}

static void enable_again(const char *other, void *opaque)
{
	BinfmtEntry e;
	int *failed = opaque;
	int r = binfmt_misc_read(other, &e);
	if (r == -ENOENT) {
		printf("%s: no longer registered, nothing to enable\n", other);
		return;
	}
	if (r == 0 && !e.enabled)
		r = binfmt_misc_control(other, 1);
	if (r < 0) {
		fprintf(stderr, BINFMT_PROG ": enabling %s again failed: %s\n", other,
		        strerror(-r));
		*failed = 1;
		return;
	}
	printf("%s: enabled again\n", other);
}

/* With no ISA named: every ferry entry, whatever ISA. */
int binfmt_cmd_uninstall(BinfmtCmdArgs *a)
{
	int failed = 0;
	if (!binfmt_misc_mounted()) {
		printf("binfmt_misc is not mounted: nothing is registered\n");
		return 0;
	}
	if (a->n_isas == 0)
		for (size_t i = 0; i < binfmt_n_isas; i++)
			a->isas[a->n_isas++] = &binfmt_isas[i];
	for (size_t i = 0; i < a->n_isas; i++) {
		char name[64];
		binfmt_cmd_entry_name(name, sizeof name, a->isas[i]);
		int r = binfmt_misc_control(name, -1);
		if (r == 0)
			printf("%s: removed\n", name);
		else if (r != -ENOENT) {
			fprintf(stderr, BINFMT_PROG ": removing %s failed: %s\n", name,
			        strerror(-r));
			failed = 1;
			continue;
		}
		r = binfmt_replaced_take(name, enable_again, &failed);
		if (r < 0) {
			fprintf(stderr, BINFMT_PROG ": /run/ferry/binfmt-replaced: %s\n",
			        strerror(-r));
			failed = 1;
		}
	}
	return failed;
}

/*
 * `ferry info`: which runners ferry finds and what each runs, asked from the runner
 * itself (its hidden --features option prints "isa", "extensions", "engines" and
 * "version" lines) so the answer is true of the binary that will run, then the ISAs
 * ferry knows but has no runner for, and the binfmt_misc state.
 */
#include "runner/ferry.h"

#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "binfmt/binfmt.h"

extern char **environ;

typedef struct RunnerFeatures {
	char extensions[128];
	char engines[128];
	char version[64];
} RunnerFeatures;

static void take_value(const char *line, const char *key, char *dst, size_t size)
{
	size_t k = strlen(key);
	if (strncmp(line, key, k) == 0 && line[k] == ' ')
		snprintf(dst, size, "%.*s", (int)strcspn(line + k + 1, "\n"), line + k + 1);
}

/* Runs `runner --features`; 0 when it answered. */
static int ask_runner(const char *runner, RunnerFeatures *f)
{
	int fds[2];
	pid_t pid;
	posix_spawn_file_actions_t fa;
	char *argv[] = {(char *)runner, "--features", NULL};
	if (pipe(fds) < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	int r = posix_spawn(&pid, runner, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	FILE *in = fdopen(fds[0], "r");
	char line[256];
	while (r == 0 && in && fgets(line, sizeof line, in)) {
		take_value(line, "extensions", f->extensions, sizeof f->extensions);
		take_value(line, "engines", f->engines, sizeof f->engines);
		take_value(line, "version", f->version, sizeof f->version);
	}
	if (in)
		fclose(in);
	else
		close(fds[0]);
	int status = 0;
	if (r == 0 && waitpid(pid, &status, 0) < 0)
		return -1;
	return r == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && f->engines[0] ? 0 : -1;
}

static void print_runners(void)
{
	printf("Runners:\n  %-10s %-8s %-24s %-18s %s\n", "ISA", "VERSION", "EXTENSIONS", "ENGINES",
	       "PATH");
	for (size_t i = 0; i < binfmt_n_isas; i++) {
		const BinfmtIsa *isa = &binfmt_isas[i];
		if (!isa->ferry_runner)
			continue;
		const char *runner = ferry_find_runner(isa->name);
		RunnerFeatures f = {{0}};
		if (!runner)
			printf("  %-10s (ferry-%s not found next to ferry or in PATH)\n", isa->name,
			       isa->name);
		else if (ask_runner(runner, &f) < 0)
			printf("  %-10s (%s does not answer --features)\n", isa->name, runner);
		else
			printf("  %-10s %-8s %-24s %-18s %s\n", isa->name, f.version, f.extensions,
			       f.engines, runner);
	}
}

int ferry_cmd_info(int argc, char **argv)
{
	if (argc > 1) {
		bool help = strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0;
		fprintf(help ? stdout : stderr,
		        "usage: ferry info\nLists the runners ferry finds (next to ferry, then in "
		        "PATH), the ISAs and\nextensions they run, and what binfmt_misc has "
		        "registered.\n");
		return help ? 0 : 2;
	}
	const char *dir = ferry_self_dir();
	printf("ferry %s (%s)\n\n", FERRY_VERSION, dir ? dir : "directory unknown");
	print_runners();
	printf("\nOther ISAs ferry recognises (no runner): ");
	for (size_t i = 0, first = 1; i < binfmt_n_isas; i++)
		if (!binfmt_isas[i].ferry_runner) {
			printf("%s%s", first ? "" : " ", binfmt_isas[i].name);
			first = 0;
		}
	printf("\n\nSystem emulation (ferry sysemu):\n");
	for (size_t i = 0; i < ferry_n_sysemu_arches; i++) {
		const FerrySysemuArch *a = &ferry_sysemu_arches[i];
		char name[64];
		snprintf(name, sizeof name, "sysemu-%s", a->arch);
		const char *bin = ferry_find_runner(name);
		printf("  %-10s machines: %-10s %s\n", a->arch, a->machines,
		       bin ? bin : "(ferry-sysemu-* not found next to ferry or in PATH)");
	}
	printf("\nbinfmt_misc:\n");
	fflush(stdout);
	return binfmt_status_print(stdout, NULL, 0);
}

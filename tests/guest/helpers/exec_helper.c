/*
 * A program the exec test runs through execve, posix_spawn and a "#!" line. It prints
 * its arguments (paths by their last component, so the native and guest builds, which
 * live in different directories, print the same) and the T_VAR variable, then does what
 * its arguments say: "exit=N" exits with N, "kill=SIG" dies by signal SIG without a core
 * file, "pause" waits for a signal.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static const char *shown(const char *s)
{
	const char *slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

int main(int argc, char **argv)
{
	const char *var = getenv("T_VAR");
	printf("helper: argc=%d", argc);
	for (int i = 0; i < argc; i++)
		printf(" [%s]", shown(argv[i]));
	printf(" T_VAR=%s\n", var ? var : "(unset)");
	fflush(stdout);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "exit=", 5) == 0)
			return atoi(argv[i] + 5);
		if (strncmp(argv[i], "kill=", 5) == 0) {
			struct rlimit none = {0, 0};
			setrlimit(RLIMIT_CORE, &none);
			signal(atoi(argv[i] + 5), SIG_DFL);
			raise(atoi(argv[i] + 5));
			return 99;
		}
		if (strcmp(argv[i], "pause") == 0) {
			pause();
			return 98;
		}
	}
	return 0;
}

/*
 * Tiny guest for tests/integration/errors.sh: "guest-exit exit N" exits with status N
 * after printing one line; "guest-exit segv" stores through a null pointer so the
 * process dies by SIGSEGV; "guest-exit kill SIG" raises signal number SIG.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "exit") == 0) {
		printf("exiting with %d\n", atoi(argv[2]));
		return atoi(argv[2]);
	}
	if (argc == 2 && strcmp(argv[1], "segv") == 0) {
		printf("about to fault\n");
		fflush(stdout);
		volatile int *volatile p = NULL;
		*p = 1;
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "kill") == 0) {
		fflush(stdout);
		raise(atoi(argv[2]));
		return 0;
	}
	fprintf(stderr, "usage: guest-exit exit N | segv | kill SIG\n");
	return 2;
}

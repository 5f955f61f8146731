/*
 * Guest for tests/integration/exec.sh. "print WORDS..." prints "guest print: WORDS";
 * "exec PATH ARGV0 ARGS..." executes PATH with that argv and the current environment;
 * "exec-noenv PATH ARGV0 ARGS..." does the same with an empty environment; "cat FILE"
 * copies a file to stdout; "abort" dies by SIGABRT; "sysexit" ends with the exit system
 * call (not exit_group). A failed exec prints its error and exits 126.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static int do_exec(char **argv, char **envp)
{
	execve(argv[0], argv + 1, envp);
	printf("exec %s: %s\n", argv[0], strerror(errno));
	return 126;
}

int main(int argc, char **argv)
{
	static char *no_env[] = {NULL};
	if (argc >= 2 && strcmp(argv[1], "print") == 0) {
		printf("guest print:");
		for (int i = 2; i < argc; i++)
			printf(" %s", argv[i]);
		printf("\n");
		return 0;
	}
	if (argc >= 4 && strcmp(argv[1], "exec") == 0)
		return do_exec(argv + 2, environ);
	if (argc >= 4 && strcmp(argv[1], "exec-noenv") == 0)
		return do_exec(argv + 2, no_env);
	if (argc == 3 && strcmp(argv[1], "cat") == 0) {
		int fd = open(argv[2], O_RDONLY);
		if (fd < 0) {
			printf("open %s: %s\n", argv[2], strerror(errno));
			return 1;
		}
		char buf[4096];
		ssize_t n;
		while ((n = read(fd, buf, sizeof buf)) > 0)
			fwrite(buf, 1, (size_t)n, stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "abort") == 0)
		abort();
	if (argc == 2 && strcmp(argv[1], "sysexit") == 0)
		syscall(SYS_exit, 3);
	fprintf(stderr, "usage: exec-guest print|exec|exec-noenv|cat|abort|sysexit ...\n");
	return 2;
}
